//! Read-only queries behind the weekly summary, the funnel, the exports and the calendar.
//! Each returns plain rows; the arithmetic lives in `report/` and `transfer/`. Void calls
//! are left out everywhere except the calls export, which marks them.

use std::collections::HashMap;

use super::db::{OptionalExtension, params};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::customers::{CUSTOMER_COLUMNS, contact_from_row, customer_from_row};
use super::{Customer, Store, day, parse_day, parse_ts, ts};
use crate::error::Result;

/// A non-void call, as the weekly summary counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekCall {
    pub rep_id: i64,
    pub customer_id: i64,
    /// Whole days since the start of the window (0 = the first local day).
    pub day: u32,
    pub reached: bool,
    pub contract_sent: bool,
    /// Seconds on the call; 0 when it was not timed.
    pub duration_s: u32,
}

/// An appointment (a next call with a time) that fell due on `date`: made by `rep_id` on an

#[derive(Debug, Clone, PartialEq)]
pub struct Appointment {
    pub rep_id: i64,
    pub customer_id: i64,
    pub date: NaiveDate,
    pub kept: bool,
}

/// An entry of a frozen daily plan, with the reason chips it was planned for.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedEntry {
    pub day: NaiveDate,
    pub customer_id: i64,
    pub reasons: Vec<String>,
}

/// Stage changes made by calls, counted per (rep or owner, from, to).
pub type StageMoves = Vec<(i64, u8, u8, u64)>;

/// `sql` for one owner's rows, or the team's: `{owner}` becomes `AND <column> = ?<n>` or
/// nothing. A statement of its own per scope, so one rep's figures read that rep's index
/// entries and not the team's.
pub(super) fn scoped(sql: &str, column: &str, n: usize, owner: Option<i64>) -> String {
    debug_assert!(sql.contains("{owner}"), "no {{owner}} in {sql}");
    let narrow = match owner {
        Some(_) => format!(" AND {column} = ?{n}"),
        None => String::new(),
    };
    sql.replace("{owner}", &narrow)
}

/// `params` with the owner appended when there is one (see [`scoped`]).
pub(super) fn with_owner<'a>(
    mut params: Vec<&'a dyn super::db::ToSql>,
    owner: &'a Option<i64>,
) -> Vec<&'a dyn super::db::ToSql> {
    if let Some(id) = owner {
        params.push(id);
    }
    params
}

/// Closed deals of one owner: (owner, won?, count, value).
pub type ClosedDeals = Vec<(i64, bool, u64, i64)>;

/// Open deals of one owner at one stage: (owner, stage, count, value).
pub type OpenDeals = Vec<(i64, u8, u64, i64)>;

/// (owner, stage, count, value) of a grouped deals query.
fn deal_group_row(r: &super::db::Row) -> super::db::Result<(i64, u8, u64, i64)> {
    Ok((
        r.get(0)?,
        r.get::<_, i64>(1)? as u8,
        r.get::<_, i64>(2)? as u64,
        r.get(3)?,
    ))
}

/// (rep, from stage, to stage, count) of a grouped stage-changes query.
fn stage_move_row(r: &super::db::Row) -> super::db::Result<(i64, u8, u8, u64)> {
    Ok((
        r.get(0)?,
        r.get::<_, i64>(1)? as u8,
        r.get::<_, i64>(2)? as u8,
        r.get::<_, i64>(3)? as u64,
    ))
}

/// A complaint with the rep it belongs to: the rep whose call opened it (or the
/// customer's owner), and the rep whose call resolved it (or the owner).
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintRow {
    pub opened_by: Option<i64>,
    pub resolved_by: Option<i64>,
    pub opened_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A deal as the export writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct DealRecord {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub company: String,
    pub owner: Option<String>,
    pub product: String,
    pub stage: u8,
    pub value_cents: i64,
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub result: String,
}

/// SQLite date modifier that turns local wall time at `offset` into UTC.
fn to_utc_modifier(offset: FixedOffset) -> String {
    format!("{:+} minutes", -offset.local_minus_utc() / 60)
}

impl Store {
    /// Non-void calls from `bounds[0]` up to (not including) its last element; `bounds` are
    /// the local midnights that begin each day of the window, then the window's end.
    pub fn calls_between(
        &self,
        bounds: &[DateTime<Utc>],
        rep: Option<i64>,
    ) -> Result<Vec<WeekCall>> {
        let (Some(first), Some(last)) = (bounds.first(), bounds.last()) else {
            return Ok(Vec::new());
        };
        // Stored timestamps compare as text; finding the day by comparing borrowed text
        // costs less than parsing a timestamp per call, which matters on a busy week.
        let starts: Vec<String> = bounds.iter().map(|t| ts(*t)).collect();
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT rep_id, customer_id, at, reached, outcome = 'contract_sent',
                    coalesce(duration_s, 0)
             FROM calls WHERE at >= ?1 AND at < ?2 AND void = 0{owner}",
            "rep_id",
            3,
            rep,
        ))?;
        let (first, last) = (ts(*first), ts(*last));
        let mut rows = stmt.query(with_owner(vec![&first, &last], &rep).as_slice())?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let at = r.text(2);
            let day = starts
                .partition_point(|s| s.as_str() <= at)
                .saturating_sub(1);
            out.push(WeekCall {
                rep_id: r.get(0)?,
                customer_id: r.get(1)?,
                day: day as u32,
                reached: r.get(3)?,
                contract_sent: r.get(4)?,
                duration_s: u32::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
            });
        }
        Ok(out)
    }

    /// Per owner: (active customers in the book that existed before `to`, those among them
    /// with a non-void call in `from <= at < to`).
    pub fn book_coverage(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        owner: Option<i64>,
    ) -> Result<HashMap<i64, (u64, u64)>> {
        // The last contact answers for most customers; only those contacted again after
        // `to` need a look at their calls.
        let sql = "SELECT c.owner_id, count(*),
                    sum(CASE
                        WHEN c.last_contact_at IS NULL OR c.last_contact_at < ?1 THEN 0
                        WHEN c.last_contact_at < ?2 THEN 1
                        WHEN EXISTS (SELECT 1 FROM calls k INDEXED BY calls_live_by_customer
                                     WHERE k.customer_id = c.id AND k.void = 0
                                       AND k.at >= ?1 AND k.at < ?2) THEN 1
                        ELSE 0
                    END)
             FROM customers c {index}
             WHERE c.status = 'active' AND c.owner_id IS NOT NULL AND c.created_at < ?2{owner}
             GROUP BY c.owner_id";
        // The team's from the index of active customers by last contact; one rep's from
        // the owner's.
        let sql = sql.replace(
            "{index}",
            if owner.is_some() {
                ""
            } else {
                "INDEXED BY customers_active_contact"
            },
        );
        let mut stmt = self
            .conn()
            .prepare_cached(&scoped(&sql, "c.owner_id", 3, owner))?;
        let (from, to) = (ts(from), ts(to));
        let rows = stmt
            .query_map(with_owner(vec![&from, &to], &owner).as_slice(), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64),
                ))
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// A rep's frozen plan entries for the days `from..=to`: (day, customer).
    pub fn plan_entries_between(
        &self,
        rep_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<PlannedEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT day, customer_id, reasons FROM plan_entries WHERE rep_id = ?1 AND day >= ?2 AND day <= ?3",
        )?;
        let rows = stmt
            .query_map(params![rep_id, day(from), day(to)], |r| {
                Ok(PlannedEntry {
                    day: parse_day(&r.get::<_, String>(0)?).unwrap_or_default(),
                    customer_id: r.get(1)?,
                    reasons: serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default(),
                })
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Appointments that fell due on the local days `from..=to` (see [`Appointment`]).
    pub fn appointments_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        offset: FixedOffset,
        rep: Option<i64>,
    ) -> Result<Vec<Appointment>> {
        // Local midnight of the appointment day, as stored UTC text.
        let sql = self.conn().pick(
            "SELECT k.rep_id, k.customer_id, k.next_call_date,
                    EXISTS (SELECT 1 FROM calls x INDEXED BY calls_live_by_customer
                        WHERE x.customer_id = k.customer_id AND x.void = 0
                        AND x.at >= strftime('%Y-%m-%dT%H:%M:%SZ',
                                k.next_call_date || ' ' || k.next_call_time, ?4, ?3)
                        AND x.at < strftime('%Y-%m-%dT%H:%M:%SZ', k.next_call_date, '+1 day', ?3))
             FROM calls k INDEXED BY calls_appointments
             WHERE k.next_call_time IS NOT NULL AND k.next_call_date >= ?1 AND k.next_call_date <= ?2
               AND k.void = 0{owner}
               AND k.at < strftime('%Y-%m-%dT%H:%M:%SZ', k.next_call_date, ?3)
               AND NOT EXISTS (SELECT 1 FROM calls y INDEXED BY calls_live_by_customer
                        WHERE y.customer_id = k.customer_id
                        AND y.void = 0 AND (y.at > k.at OR (y.at = k.at AND y.id > k.id))
                        AND y.at < strftime('%Y-%m-%dT%H:%M:%SZ', k.next_call_date, ?3))",
            // The same on PostgreSQL: its interval text reads SQLite's modifiers.
            "SELECT k.rep_id, k.customer_id, k.next_call_date,
                    EXISTS (SELECT 1 FROM calls x
                        WHERE x.customer_id = k.customer_id AND x.void = 0
                        AND x.at >= to_char(CAST(k.next_call_date || ' ' || k.next_call_time AS timestamp)
                                + CAST(CAST(?4 AS TEXT) AS interval) + CAST(CAST(?3 AS TEXT) AS interval), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                        AND x.at < to_char(CAST(k.next_call_date AS timestamp) + interval '1 day'
                                + CAST(CAST(?3 AS TEXT) AS interval), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))
             FROM calls k
             WHERE k.next_call_time IS NOT NULL AND k.next_call_date >= ?1 AND k.next_call_date <= ?2
               AND k.void = 0{owner}
               AND k.at < to_char(CAST(k.next_call_date AS timestamp) + CAST(CAST(?3 AS TEXT) AS interval),
                                  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
               AND NOT EXISTS (SELECT 1 FROM calls y
                        WHERE y.customer_id = k.customer_id
                        AND y.void = 0 AND (y.at > k.at OR (y.at = k.at AND y.id > k.id))
                        AND y.at < to_char(CAST(k.next_call_date AS timestamp) + CAST(CAST(?3 AS TEXT) AS interval),
                                           'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
        );
        let mut stmt = self
            .conn()
            .prepare_cached(&scoped(sql, "k.rep_id", 5, rep))?;
        let (from, to) = (day(from), day(to));
        let (modifier, early) = (
            to_utc_modifier(offset),
            format!("-{} minutes", crate::domain::APPOINTMENT_EARLY_MINUTES),
        );
        let rows = stmt
            .query_map(
                with_owner(vec![&from, &to, &modifier, &early], &rep).as_slice(),
                |r| {
                    Ok(Appointment {
                        rep_id: r.get(0)?,
                        customer_id: r.get(1)?,
                        date: parse_day(&r.get::<_, String>(2)?).unwrap_or_default(),
                        kept: r.get(3)?,
                    })
                },
            )?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Stage changes made by non-void calls in `from <= at < to`, per calling rep.
    pub fn stage_moves_by_rep(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        rep: Option<i64>,
    ) -> Result<StageMoves> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT k.rep_id, s.from_stage, s.to_stage, count(*)
             FROM stage_changes s JOIN calls k ON k.id = s.call_id
             WHERE s.at >= ?1 AND s.at < ?2 AND k.void = 0{owner}
             GROUP BY 1, 2, 3",
            "k.rep_id",
            3,
            rep,
        ))?;
        let (from, to) = (ts(from), ts(to));
        let rows = stmt
            .query_map(
                with_owner(vec![&from, &to], &rep).as_slice(),
                stage_move_row,
            )?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Every stage change since `since` (calls, contract expiries, imports), per the
    /// customer's current owner.
    pub fn stage_moves_by_owner(
        &self,
        since: DateTime<Utc>,
        owner: Option<i64>,
    ) -> Result<StageMoves> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            STAGE_MOVES_BY_OWNER_SQL,
            "c.owner_id",
            2,
            owner,
        ))?;
        let since = ts(since);
        let rows = stmt
            .query_map(with_owner(vec![&since], &owner).as_slice(), stage_move_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Deals closed (won or lost) on the days `from..=to`, per owner, however they were
    /// recorded (a call or an import).
    pub fn closed_deals(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        owner: Option<i64>,
    ) -> Result<ClosedDeals> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT owner_id, result = 'won', count(*), coalesce(sum(value_cents), 0) FROM deals
             WHERE result <> 'open' AND closed_on >= ?1 AND closed_on <= ?2
               AND owner_id IS NOT NULL{owner}
             GROUP BY 1, 2",
            "owner_id",
            3,
            owner,
        ))?;
        let (from, to) = (day(from), day(to));
        let rows = stmt
            .query_map(with_owner(vec![&from, &to], &owner).as_slice(), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64, r.get(3)?))
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// The deals closed on the days `from..=to`, with owner and customer names, by date.
    pub fn closed_deal_list(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        owner: Option<i64>,
    ) -> Result<Vec<DealRecord>> {
        let (from, to) = (day(from), day(to));
        self.deal_records(
            &scoped(
                "WHERE d.result <> 'open' AND d.closed_on >= ?1 AND d.closed_on <= ?2{owner}
                 ORDER BY d.closed_on, d.id",
                "d.owner_id",
                3,
                owner,
            ),
            with_owner(vec![&from, &to], &owner).as_slice(),
        )
    }

    /// Deals closed lost on or after `since`, per owner and the stage they were lost at.
    pub fn lost_deals_by_stage(&self, since: NaiveDate, owner: Option<i64>) -> Result<OpenDeals> {
        // `result <> 'open'` restates the closed-deals index's own condition, so the
        // window is read from that index and not from every lost deal.
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT owner_id, stage, count(*), coalesce(sum(value_cents), 0) FROM deals
             WHERE result <> 'open' AND result = 'lost' AND closed_on >= ?1
               AND owner_id IS NOT NULL{owner}
             GROUP BY 1, 2",
            "owner_id",
            2,
            owner,
        ))?;
        let since = day(since);
        let rows = stmt
            .query_map(with_owner(vec![&since], &owner).as_slice(), deal_group_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Deals that were open at the end of `by` (opened by then, not closed by then), per
    /// owner and the stage they were at then: the stage the customer's first later stage
    /// change started from, else the deal's stage now. Values are today's (deals keep no
    /// history of their value).
    pub fn open_deals_at(
        &self,
        by: NaiveDate,
        end: DateTime<Utc>,
        owner: Option<i64>,
    ) -> Result<OpenDeals> {
        // Customers whose stage changed since: the earliest later change's from_stage.
        // For a recent week these are few, so one pass over them beats a lookup per deal.
        let mut then: std::collections::HashMap<i64, u8> = std::collections::HashMap::new();
        let mut changes = self.conn().prepare_cached(
            "SELECT customer_id, from_stage FROM stage_changes WHERE at >= ?1 ORDER BY at DESC, id DESC",
        )?;
        for row in changes.query_map([ts(end)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u8))
        })? {
            let (customer, from) = row?;
            then.insert(customer, from);
        }
        let mut deals = self.conn().prepare_cached(&scoped(
            // Open now, or closed after `by`: two halves, each read from its own index.
            "SELECT owner_id, customer_id, stage, value_cents FROM deals
             WHERE result = 'open' AND owner_id IS NOT NULL AND opened_on <= ?1{owner}
             UNION ALL
             SELECT owner_id, customer_id, stage, value_cents FROM deals
             WHERE result <> 'open' AND closed_on > ?1 AND owner_id IS NOT NULL
               AND opened_on <= ?1{owner}",
            "owner_id",
            2,
            owner,
        ))?;
        let by = day(by);
        let mut sums: std::collections::BTreeMap<(i64, u8), (u64, i64)> =
            std::collections::BTreeMap::new();
        for row in deals.query_map(with_owner(vec![&by], &owner).as_slice(), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)? as u8,
                r.get::<_, i64>(3)?,
            ))
        })? {
            let (owner, customer, stage_now, value) = row?;
            let stage = then.get(&customer).copied().unwrap_or(stage_now);
            // A customer under contract at that moment had no open deal.
            if stage == crate::domain::STAGE_WON {
                continue;
            }
            let e = sums.entry((owner, stage)).or_default();
            e.0 += 1;
            e.1 += value;
        }
        Ok(sums
            .into_iter()
            .map(|((o, st), (n, v))| (o, st, n, v))
            .collect())
    }

    /// Open deals opened on or before `by`, per owner and stage (their stage and value now).
    pub fn open_deals(&self, by: NaiveDate, owner: Option<i64>) -> Result<OpenDeals> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT owner_id, stage, count(*), coalesce(sum(value_cents), 0)
             FROM deals INDEXED BY deals_open_owner
             WHERE result = 'open' AND owner_id IS NOT NULL AND opened_on <= ?1{owner}
             GROUP BY 1, 2",
            "owner_id",
            2,
            owner,
        ))?;
        let by = day(by);
        let rows = stmt
            .query_map(with_owner(vec![&by], &owner).as_slice(), deal_group_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Complaints opened or resolved in `from <= t < to`.
    pub fn complaints_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ComplaintRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT coalesce(ko.rep_id, c.owner_id), coalesce(kr.rep_id, c.owner_id),
                    p.opened_at, p.resolved_at
             FROM complaints p
             JOIN customers c ON c.id = p.customer_id
             LEFT JOIN calls ko ON ko.id = p.opened_call_id
             LEFT JOIN calls kr ON kr.id = p.resolved_call_id
             WHERE (p.opened_at >= ?1 AND p.opened_at < ?2)
                OR (p.resolved_at >= ?1 AND p.resolved_at < ?2)",
        )?;
        let rows = stmt
            .query_map([ts(from), ts(to)], |r| {
                Ok(ComplaintRow {
                    opened_by: r.get(0)?,
                    resolved_by: r.get(1)?,
                    opened_at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
                    resolved_at: r.get::<_, Option<String>>(3)?.and_then(|s| parse_ts(&s)),
                })
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Every customer with contacts, by id (for the export).
    pub fn all_customers(&self) -> Result<Vec<Customer>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c LEFT JOIN reps r ON r.id = c.owner_id
             ORDER BY c.id"
        ))?;
        let mut customers: Vec<Customer> = stmt
            .query_map([], customer_from_row)?
            .collect::<super::db::Result<_>>()?;
        let index: HashMap<i64, usize> = customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut stmt = self.conn().prepare(
            "SELECT id, name, role, phone, email, style, is_primary, phone_bad, birthday, customer_id
             FROM contacts ORDER BY customer_id, is_primary DESC, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let customer_id: i64 = row.get(9)?;
            if let Some(&i) = index.get(&customer_id) {
                customers[i].contacts.push(contact_from_row(row)?);
            }
        }
        Ok(customers)
    }

    /// Every deal, by id.
    pub fn all_deals(&self) -> Result<Vec<DealRecord>> {
        self.deal_records("ORDER BY d.id", &[])
    }

    fn deal_records(&self, tail: &str, args: &[&dyn super::db::ToSql]) -> Result<Vec<DealRecord>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {DEAL_COLUMNS} {tail}"))?;
        let rows = stmt
            .query_map(args, deal_from_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Active customers with a next call on the days `from..=to`, in `owner_id`'s book
    /// (everyone's when `None`), with contacts, by next call.
    /// Open deals now, per (owner, stage), whose expected close date falls on or before
    /// `until`: the deal's own date, or for a deal without one the default of its
    /// customer's grade counted from `today` (see `Grade::expected_close`).
    pub fn open_deals_closing_by(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        owner: Option<i64>,
    ) -> Result<OpenDeals> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT d.owner_id, d.stage, count(*), COALESCE(sum(d.value_cents), 0)
             FROM deals d JOIN customers c ON c.id = d.customer_id
             WHERE d.result = 'open' AND d.owner_id IS NOT NULL{owner}
               AND COALESCE(d.expected_close, CASE c.grade
                    WHEN 'O' THEN ?3 WHEN 'H' THEN ?3 WHEN 'A' THEN ?4
                    WHEN 'B' THEN ?5 ELSE ?1 END) <= ?2
             GROUP BY 1, 2",
            "d.owner_id",
            6,
            owner,
        ))?;
        // Each grade's default date is worked out here, the same on both engines.
        let by = |g: crate::domain::Grade| day(g.expected_close(today));
        use crate::domain::Grade;
        let dates = [
            by(Grade::C),
            day(until),
            by(Grade::H),
            by(Grade::A),
            by(Grade::B),
        ];
        let params: Vec<&dyn super::db::ToSql> =
            dates.iter().map(|d| d as &dyn super::db::ToSql).collect();
        let rows = stmt
            .query_map(with_owner(params, &owner).as_slice(), deal_group_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Sets when the customer's open deal is expected to close (an import's close-date
    /// column); `None` clears it, so the grade's default applies. Returns whether the
    /// customer had an open deal.
    pub fn set_expected_close(&self, customer_id: i64, close: Option<NaiveDate>) -> Result<bool> {
        let n = self.conn().execute(
            "UPDATE deals SET expected_close = ?2 WHERE customer_id = ?1 AND result = 'open'",
            params![customer_id, close.map(day)],
        )?;
        Ok(n > 0)
    }

    /// The open deal's expected close date as stored (`None`: not set, the grade decides).
    pub fn expected_close(&self, customer_id: i64) -> Result<Option<NaiveDate>> {
        let stored: Option<Option<String>> = self
            .conn()
            .query_row(
                "SELECT expected_close FROM deals WHERE customer_id = ?1 AND result = 'open'",
                [customer_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(stored.flatten().and_then(|d| parse_day(&d)))
    }

    pub fn next_calls_between(
        &self,
        owner_id: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Customer>> {
        let ids: Vec<i64> = {
            // One statement per scope: `?3 IS NULL OR owner_id = ?3` hides the owner index.
            let mut stmt = self.conn().prepare_cached(match owner_id {
                Some(_) => NEXT_CALLS_OF_BOOK_SQL,
                None => NEXT_CALLS_OF_TEAM_SQL,
            })?;
            let id = |r: &super::db::Row| r.get(0);
            match owner_id {
                Some(owner) => stmt
                    .query_map(params![day(from), day(to), owner], id)?
                    .collect::<super::db::Result<_>>()?,
                None => stmt
                    .query_map(params![day(from), day(to)], id)?
                    .collect::<super::db::Result<_>>()?,
            }
        };
        ids.into_iter().map(|id| self.customer(id)).collect()
    }
}

/// Stage moves per current owner: the owners' customers from `customers_owner_status`, each
/// one's moves since ?1 from `stage_changes_customer_moves`, so no customer row is read once
/// per move. CROSS JOIN keeps that order.
pub(crate) const STAGE_MOVES_BY_OWNER_SQL: &str =
    "SELECT c.owner_id, s.from_stage, s.to_stage, count(*)
     FROM customers c CROSS JOIN stage_changes s ON s.customer_id = c.id AND s.at >= ?1
     WHERE c.owner_id IS NOT NULL{owner}
     GROUP BY 1, 2, 3";
pub(crate) const NEXT_CALLS_OF_BOOK_SQL: &str = "SELECT id FROM customers
     WHERE status = 'active' AND next_call_date >= ?1 AND next_call_date <= ?2 AND owner_id = ?3
     ORDER BY next_call_date, next_call_time, id";
pub(crate) const NEXT_CALLS_OF_TEAM_SQL: &str = "SELECT id FROM customers
     WHERE status = 'active' AND next_call_date >= ?1 AND next_call_date <= ?2
     ORDER BY next_call_date, next_call_time, id";

/// The columns `deal_from_row` reads, with the joins they need.
pub(super) const DEAL_COLUMNS: &str =
    "d.id, d.customer_id, c.name, r.name, d.product, d.stage, d.value_cents,
     d.opened_on, d.closed_on, d.result, c.company
     FROM deals d JOIN customers c ON c.id = d.customer_id
     LEFT JOIN reps r ON r.id = d.owner_id";

pub(super) fn deal_from_row(r: &super::db::Row) -> super::db::Result<DealRecord> {
    Ok(DealRecord {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer: r.get(2)?,
        owner: r.get(3)?,
        product: r.get(4)?,
        stage: r.get::<_, i64>(5)? as u8,
        value_cents: r.get(6)?,
        opened_on: parse_day(&r.get::<_, String>(7)?),
        closed_on: r.get::<_, Option<String>>(8)?.and_then(|d| parse_day(&d)),
        result: r.get(9)?,
        company: r.get(10)?,
    })
}
