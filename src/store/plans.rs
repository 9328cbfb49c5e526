//! What the planner reads (a rep's book with its complaints, contracts, pins and recent
//! wins) and the frozen daily plans it writes.

use std::collections::{HashMap, HashSet};

use super::db::{OptionalExtension, params};
use chrono::{Days, NaiveDate, NaiveTime};

use super::customers::fast_day;
use super::{Store, day, parse_day, ts};
use crate::clock::{Calendar, Clock};
use crate::error::{Error, Result};
use crate::planner::{CoverageOutlook, Plan, PlanCustomer, PlanEntry, Section};

/// A section as its number in `plan_entries.must_call` (0 and 1 are the first schema's
/// scored and must-call rows).
fn section_code(s: Section) -> i64 {
    match s {
        Section::Scored => 0,
        Section::MustCall => 1,
        Section::Coverage => 2,
        Section::Commitment => 3,
        Section::Added => 4,
    }
}

fn section_from(code: i64) -> Section {
    match code {
        1 => Section::MustCall,
        2 => Section::Coverage,
        3 => Section::Commitment,
        4 => Section::Added,
        _ => Section::Scored,
    }
}

/// A rep's calls to one customer on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCalls {
    pub reached: bool,
    pub last_at: chrono::DateTime<chrono::Utc>,
}

/// The UTC bounds of a local day, as stored text, for `at >= from AND at < to`.
pub(crate) fn day_bounds(d: NaiveDate, clock: &Clock) -> (String, String) {
    let start = clock.to_utc(d.and_time(NaiveTime::MIN));
    let end = clock.to_utc((d + Days::new(1)).and_time(NaiveTime::MIN));
    (ts(start), ts(end))
}

impl Store {
    /// A rep's active customers as the planner sees them on `on`.
    pub fn plan_book(
        &self,
        rep_id: i64,
        on: NaiveDate,
        clock: &Clock,
        cal: &Calendar,
    ) -> Result<Vec<PlanCustomer>> {
        plan_book_in(self.conn(), rep_id, None, on, clock, cal)
    }

    /// One customer of a rep's book as the planner sees it (for the card's score), without
    /// reading the whole book.
    pub fn plan_customer(
        &self,
        rep_id: i64,
        customer_id: i64,
        on: NaiveDate,
        clock: &Clock,
        cal: &Calendar,
    ) -> Result<Option<PlanCustomer>> {
        Ok(plan_book_in(self.conn(), rep_id, Some(customer_id), on, clock, cal)?.pop())
    }

    /// The plan frozen for a rep's day, if one was made.
    pub fn stored_plan(&self, rep_id: i64, on: NaiveDate) -> Result<Option<Plan>> {
        let exists: Option<i64> = self
            .conn()
            .query_row(
                "SELECT 1 FROM plans WHERE rep_id = ?1 AND day = ?2",
                params![rep_id, day(on)],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Ok(None);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT position, customer_id, score, must_call, reasons FROM plan_entries
             WHERE rep_id = ?1 AND day = ?2 ORDER BY position",
        )?;
        let entries: Vec<PlanEntry> = stmt
            .query_map(params![rep_id, day(on)], |r| {
                let reasons: String = r.get(4)?;
                Ok(PlanEntry {
                    position: r.get::<_, i64>(0)? as u32,
                    customer_id: r.get(1)?,
                    score: r.get(2)?,
                    section: section_from(r.get(3)?),
                    reasons: serde_json::from_str(&reasons).unwrap_or_default(),
                })
            })?
            .collect::<super::db::Result<_>>()?;
        let (quota, overflow): (i64, i64) = self.conn().query_row(
            "SELECT quota, overflow FROM plans WHERE rep_id = ?1 AND day = ?2",
            params![rep_id, day(on)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let count = |s: Section| entries.iter().filter(|e| e.section == s).count();
        Ok(Some(Plan {
            day: on,
            quota: quota as u32,
            must_calls: count(Section::MustCall),
            commitments: count(Section::Commitment),
            reserve_slots: count(Section::Coverage),
            not_contacted_this_month: 0,
            overflow: Vec::new(),
            overflow_count: overflow.max(0) as usize,
            coverage: CoverageOutlook::default(),
            needs_number: 0,
            entries,
        }))
    }

    /// Freezes `plan` as the rep's list for its day, replacing any earlier one (replan).
    pub fn save_plan(&mut self, rep_id: i64, plan: &Plan, clock: &Clock) -> Result<()> {
        let tx = self.transaction()?;
        save_plan_in(&tx, rep_id, plan, clock)?;
        tx.commit()?;
        Ok(())
    }

    /// Freezes the first plan of the rep's day, unless another calldeck froze one a moment
    /// ago (the check and the write share the writer's lock): returns whether this one
    /// was stored. Two processes opening the same day leave one plan.
    pub fn freeze_plan(&mut self, rep_id: i64, plan: &Plan, clock: &Clock) -> Result<bool> {
        let tx = self.transaction()?;
        let taken: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM plans WHERE rep_id = ?1 AND day = ?2",
                params![rep_id, day(plan.day)],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Ok(false);
        }
        save_plan_in(&tx, rep_id, plan, clock)?;
        tx.commit()?;
        Ok(true)
    }

    /// Appends rows from the overflow to a frozen plan and lowers its overflow count, in
    /// one transaction.
    pub fn add_to_plan(
        &mut self,
        rep_id: i64,
        on: NaiveDate,
        added: &[PlanEntry],
        overflow_left: usize,
    ) -> Result<()> {
        let tx = self.transaction()?;
        let last: i64 = tx.query_row(
            "SELECT coalesce(max(position), 0) FROM plan_entries WHERE rep_id = ?1 AND day = ?2",
            params![rep_id, day(on)],
            |r| r.get(0),
        )?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO plan_entries (rep_id, day, position, customer_id, score, must_call, reasons)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (i, e) in added.iter().enumerate() {
                insert.execute(params![
                    rep_id,
                    day(on),
                    last + 1 + i as i64,
                    e.customer_id,
                    e.score,
                    section_code(Section::Added),
                    serde_json::to_string(&e.reasons).expect("strings serialise"),
                ])?;
            }
        }
        tx.execute(
            "UPDATE plans SET overflow = ?3 WHERE rep_id = ?1 AND day = ?2",
            params![rep_id, day(on), overflow_left as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Active customers of a rep's book with no usable number, by name.
    pub fn needing_a_number(&self, rep_id: i64) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.name FROM customers c
             WHERE c.owner_id = ?1 AND c.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id
                               AND k.phone_digits <> '' AND k.phone_bad = 0)
             ORDER BY c.name, c.id",
        )?;
        let rows = stmt
            .query_map([rep_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Customers the rep called on a local day (void calls left out): whether any call
    /// reached them, and when the last one was.
    pub fn calls_on_day(
        &self,
        rep_id: i64,
        on: NaiveDate,
        clock: &Clock,
    ) -> Result<HashMap<i64, DayCalls>> {
        let (from, to) = day_bounds(on, clock);
        let mut stmt = self.conn().prepare_cached(
            "SELECT customer_id, max(reached), max(at) FROM calls
             WHERE rep_id = ?1 AND void = 0 AND at >= ?2 AND at < ?3 GROUP BY customer_id",
        )?;
        let rows = stmt
            .query_map(params![rep_id, from, to], |r| {
                let last: String = r.get(2)?;
                Ok((
                    r.get(0)?,
                    DayCalls {
                        reached: r.get(1)?,
                        last_at: super::parse_ts(&last).unwrap_or_default(),
                    },
                ))
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// This month's coverage and number figures for a rep's active book: customers with a
    /// usable number not contacted since `month_start`, and customers with no usable number.
    pub fn book_outlook(
        &self,
        rep_id: i64,
        month_start: NaiveDate,
        clock: &Clock,
    ) -> Result<(usize, usize)> {
        let since = day_bounds(month_start, clock).0;
        let (not_contacted, no_number): (i64, i64) = self.conn().query_row(
            "SELECT coalesce(sum(CASE WHEN dialable AND (last_contact_at IS NULL OR last_contact_at < ?2) THEN 1 ELSE 0 END), 0),
                    coalesce(sum(CASE WHEN dialable THEN 0 ELSE 1 END), 0)
             FROM (SELECT c.last_contact_at,
                          EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id
                                  AND k.phone_digits <> '' AND k.phone_bad = 0) AS dialable
                   FROM customers c WHERE c.owner_id = ?1 AND c.status = 'active') book",
            params![rep_id, since],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((not_contacted as usize, no_number as usize))
    }

    /// Puts a customer on a rep's list for a day.
    pub fn add_pin(
        &mut self,
        rep_id: i64,
        customer_id: i64,
        on: NaiveDate,
        clock: &Clock,
    ) -> Result<bool> {
        let tx = self.transaction()?;
        let status: Option<String> = tx
            .query_row(
                "SELECT status FROM customers WHERE id = ?1",
                [customer_id],
                |r| r.get(0),
            )
            .optional()?;
        match status.as_deref() {
            None => return Err(Error::NoCustomer(customer_id)),
            Some("active") => {}
            Some(other) => {
                return Err(Error::invalid(format!(
                    "customer {customer_id} is {other} and is never planned: log a call to make it active first"
                )));
            }
        }
        let added = tx.execute(
            "INSERT INTO pins (rep_id, customer_id, day, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            params![rep_id, customer_id, day(on), ts(clock.now_utc())],
        )?;
        tx.commit()?;
        Ok(added == 1)
    }

    /// Removes a pin; true if there was one.
    pub fn remove_pin(&mut self, rep_id: i64, customer_id: i64, on: NaiveDate) -> Result<bool> {
        let n = self.conn().execute(
            "DELETE FROM pins WHERE rep_id = ?1 AND customer_id = ?2 AND day = ?3",
            params![rep_id, customer_id, day(on)],
        )?;
        Ok(n == 1)
    }
}

/// The ABC tier of the book's customers with contracts started in the 12 months to `on`,
/// as [`Store::tiers`] ranks them (the rest are C).
fn book_abc(conn: &super::db::Conn, rep_id: i64, on: NaiveDate) -> Result<HashMap<i64, char>> {
    let year_ago = day(on - chrono::Days::new(365));
    let mut revenues: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT k.customer_id, COALESCE(sum(k.value_cents), 0) FROM contracts k
             JOIN customers c ON c.id = k.customer_id
             WHERE c.owner_id = ?1 AND k.start_on >= ?2 GROUP BY k.customer_id",
        )?
        .query_map(params![rep_id, year_ago], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<super::db::Result<_>>()?;
    revenues.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let total: i64 = revenues.iter().map(|r| r.1).sum();
    let mut running = 0i64;
    let mut out = HashMap::with_capacity(revenues.len());
    for (id, value) in revenues {
        let share_before = if total > 0 {
            running as f64 / total as f64
        } else {
            1.0
        };
        running += value;
        out.insert(id, super::views::abc_of(share_before));
    }
    Ok(out)
}

/// A rep's active customers as the planner sees them on `on`, read through `conn` (which
/// may be a transaction in progress).
pub(crate) fn plan_book_in(
    conn: &super::db::Conn,
    rep_id: i64,
    only: Option<i64>,
    on: NaiveDate,
    clock: &Clock,
    cal: &Calendar,
) -> Result<Vec<PlanCustomer>> {
    // Open complaints, and resolved ones whose follow-up call (回访) is due and not made,
    // in one pass over the book's complaints.
    let mut complaints: HashSet<i64> = HashSet::new();
    let mut follow_ups: HashSet<i64> = HashSet::new();
    for row in conn
        .prepare_cached(
            "SELECT k.customer_id, CASE WHEN k.resolved_at IS NULL THEN 1 ELSE 0 END
             FROM complaints k JOIN customers c ON c.id = k.customer_id
             WHERE c.owner_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR c.id = ?2)
               AND (k.resolved_at IS NULL
                    OR (k.follow_up_on <= ?3 AND k.follow_up_call_id IS NULL))",
        )?
        .query_map(params![rep_id, only, day(on)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? == 1))
        })?
    {
        let (id, open) = row?;
        if open {
            complaints.insert(id);
        } else {
            follow_ups.insert(id);
        }
    }
    // Each customer's last contract end and, for an active customer, the day of the latest
    // win (its contract's signing, for the after-sale calls), in one pass over the contracts.
    let mut contracts: HashMap<i64, NaiveDate> = HashMap::new();
    let mut won_on: HashMap<i64, NaiveDate> = HashMap::new();
    for row in conn
        .prepare_cached(
            "SELECT k.customer_id, max(k.end_on), max(k.created_at),
                    max(CASE WHEN c.status = 'active' THEN 1 ELSE 0 END)
             FROM contracts k JOIN customers c ON c.id = k.customer_id
             WHERE c.owner_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR c.id = ?2)
             GROUP BY k.customer_id",
        )?
        .query_map(params![rep_id, only], |r| {
            let id = r.get::<_, i64>(0)?;
            let end = r.opt_str(1).ok().flatten().and_then(fast_day);
            let signed = (r.get::<_, i64>(3)? == 1)
                .then(|| r.opt_str(2).ok().flatten().and_then(super::parse_ts))
                .flatten();
            Ok((id, end, signed))
        })?
    {
        let Ok((id, end, signed)) = row else {
            continue;
        };
        if let Some(end) = end {
            contracts.insert(id, end);
        }
        if let Some(t) = signed {
            won_on.insert(id, clock.to_local(t).date());
        }
    }
    // Who has a number to dial, and the contacts' birthdays, in one pass over the contacts.
    let mut dialable: HashSet<i64> = HashSet::new();
    let mut contact_birthdays: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    for row in conn
        .prepare_cached(
            "SELECT k.customer_id,
                    CASE WHEN k.phone_digits <> '' AND k.phone_bad = 0 THEN 1 ELSE 0 END, k.birthday
             FROM contacts k JOIN customers c ON c.id = k.customer_id
             WHERE c.owner_id = ?1 AND c.status IN ('active', 'lost') AND (CAST(?2 AS BIGINT) IS NULL OR c.id = ?2)
               AND ((k.phone_digits <> '' AND k.phone_bad = 0) OR k.birthday IS NOT NULL)",
        )?
        .query_map(params![rep_id, only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)? == 1,
                r.opt_str(2)?.and_then(fast_day),
            ))
        })?
    {
        let (id, has_phone, b) = row?;
        if has_phone {
            dialable.insert(id);
        }
        if let Some(b) = b {
            contact_birthdays.entry(id).or_default().push(b);
        }
    }
    let tiers = book_abc(conn, rep_id, on)?;
    let pins: HashSet<i64> = conn
        .prepare_cached("SELECT customer_id FROM pins WHERE rep_id = ?1 AND day = ?2")?
        .query_map(params![rep_id, day(on)], |r| r.get(0))?
        .collect::<super::db::Result<_>>()?;
    // Won since the start of the previous working day, and not called since (the second
    // bound on last_contact_at follows from the first two and spares the calls lookup for
    // customers not contacted since).
    let since = day_bounds(cal.previous_working_day(on), clock).0;
    let won: HashSet<i64> = conn
        .prepare_cached(
            "SELECT k.customer_id FROM calls k JOIN customers c ON c.id = k.customer_id
             WHERE c.owner_id = ?1 AND k.outcome = 'won' AND k.void = 0 AND k.at >= ?2
               AND c.last_contact_at = k.at AND c.last_contact_at >= ?2",
        )?
        .query_map(params![rep_id, since], |r| r.get(0))?
        .collect::<super::db::Result<_>>()?;
    // Lost customers: when (their last lost deal) and why (the losing call's reason).
    let lost: HashMap<i64, (Option<NaiveDate>, Option<String>)> = conn
        .prepare_cached(
            "SELECT c.id,
                    (SELECT max(d.closed_on) FROM deals d WHERE d.customer_id = c.id AND d.result = 'lost'),
                    (SELECT k.loss_reason FROM calls k WHERE k.customer_id = c.id AND k.void = 0
                       AND k.loss_reason IS NOT NULL ORDER BY k.at DESC LIMIT 1)
             FROM customers c WHERE c.owner_id = ?1 AND c.status = 'lost' AND (CAST(?2 AS BIGINT) IS NULL OR c.id = ?2)",
        )?
        .query_map(params![rep_id, only], |r| {
            let on: Option<String> = r.get(1)?;
            Ok((r.get::<_, i64>(0)?, (on.and_then(|d| parse_day(&d)), r.get(2)?)))
        })?
        .collect::<super::db::Result<_>>()?;
    // Only what scoring reads: a book's names, notes and tags are not read or copied.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM customers c
         WHERE c.owner_id = ?1 AND c.status IN ('active', 'lost') AND (CAST(?2 AS BIGINT) IS NULL OR c.id = ?2)
         ORDER BY c.id",
        super::customers::PLAN_COLUMNS
    ))?;
    let book = stmt
        .query_map(params![rep_id, only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.opt_str(1)?.and_then(fast_day),
                super::customers::state_from_row(r, 2)?,
            ))
        })?
        .map(|row| {
            row.map(|(id, birthday, state)| PlanCustomer {
                id,
                last_contact_day: state.last_contact.map(|t| clock.to_local(t).date()),
                complaint_open: complaints.contains(&id),
                contract_end: contracts.get(&id).copied(),
                pinned: pins.contains(&id),
                won_follow_up: won.contains(&id),
                won_on: won_on.get(&id).copied(),
                complaint_follow_up: follow_ups.contains(&id),
                lost_on: lost.get(&id).and_then(|l| l.0),
                loss_reason: lost.get(&id).and_then(|l| l.1.clone()),
                has_phone: dialable.contains(&id),
                birthday,
                contact_birthdays: contact_birthdays.remove(&id).unwrap_or_default(),
                tier: tiers.get(&id).copied().unwrap_or('C'),
                state,
            })
        })
        .collect::<super::db::Result<_>>()?;
    Ok(book)
}

impl Store {
    /// Whether the customer is pinned to the rep's list for `on`.
    pub fn pinned(&self, rep_id: i64, customer_id: i64, on: NaiveDate) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM pins WHERE rep_id = ?1 AND customer_id = ?2 AND day = ?3",
                params![rep_id, customer_id, day(on)],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

/// Writes `plan` as the rep's frozen list for its day through `conn` (a transaction).
pub(crate) fn save_plan_in(
    conn: &super::db::Conn,
    rep_id: i64,
    plan: &Plan,
    clock: &Clock,
) -> Result<()> {
    conn.prepare_cached("DELETE FROM plan_entries WHERE rep_id = ?1 AND day = ?2")?
        .execute(params![rep_id, day(plan.day)])?;
    conn.prepare_cached(
        "INSERT INTO plans (rep_id, day, created_at, quota, overflow) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (rep_id, day) DO UPDATE SET created_at = excluded.created_at,
            quota = excluded.quota, overflow = excluded.overflow",
    )?
    .execute(params![
        rep_id,
        day(plan.day),
        ts(clock.now_utc()),
        plan.quota,
        plan.overflow_count as i64
    ])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO plan_entries (rep_id, day, position, customer_id, score, must_call, reasons)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for e in &plan.entries {
        insert.execute(params![
            rep_id,
            day(plan.day),
            e.position,
            e.customer_id,
            e.score,
            section_code(e.section),
            serde_json::to_string(&e.reasons).expect("strings serialise"),
        ])?;
    }
    Ok(())
}
