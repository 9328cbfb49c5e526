//! Read-only queries behind the sales method's tables: prospects per grade as they stood at
//! a moment, satisfaction and loss reasons recorded on calls, complaints with their
//! category and assignee, and every customer's value tiers at once.

use std::collections::HashMap;

use super::db::params;
use chrono::{DateTime, Days, NaiveDate, Utc};

use super::reports::{scoped, with_owner};
use super::views::Tiers;
use super::{Store, parse_day, parse_ts, ts};
use crate::clock::Clock;
use crate::domain::Grade;
use crate::error::Result;

/// A complaint as the method's tables group it.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintState {
    pub owner_id: Option<i64>,
    pub category: String,
    pub assignee: Option<String>,
    pub opened_at: DateTime<Utc>,
    pub due_on: Option<NaiveDate>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A customer's tiers with the book they are in.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerTiers {
    pub owner_id: Option<i64>,
    pub active: bool,
    pub tiers: Tiers,
}

/// Satisfaction scores recorded by one rep's calls: (rep, count, sum, scores of 1 or 2).
pub type SatisfactionRow = (i64, u64, u64, u64);

fn grade_index(g: &str) -> Option<usize> {
    g.parse::<Grade>()
        .ok()
        .and_then(|g| Grade::ALL.iter().position(|x| *x == g))
}

impl Store {
    /// Active customers of each of `owners` per grade (in `Grade::ALL` order) as they
    /// stood at `at`: customers created by then, at the grade and status the first later
    /// call (or import update) started from, else the ones they have now. Owners are
    /// today's. Read per owner and from the changes since `at`, so no whole table is read.
    pub fn grades_at(&self, owners: &[i64], at: DateTime<Utc>) -> Result<HashMap<i64, [u64; 5]>> {
        let mut out: HashMap<i64, [u64; 5]> = HashMap::new();
        let mut now = self.conn().prepare_cached(
            "SELECT grade, count(*) FROM customers
             WHERE owner_id = ?1 AND status = 'active' AND created_at < ?2 GROUP BY grade",
        )?;
        for owner in owners {
            let counts = out.entry(*owner).or_default();
            for row in now.query_map(params![owner, ts(at)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })? {
                let (grade, n) = row?;
                if let Some(i) = grade_index(&grade) {
                    counts[i] += n as u64;
                }
            }
        }
        // Customers changed since: (owner, counted now at this grade, earliest change's
        // grade before, active before).
        struct Change {
            owner: Option<i64>,
            now: Option<String>,
            when: String,
            grade: String,
            active: Option<bool>,
        }
        let mut changed: HashMap<i64, Change> = HashMap::new();
        let mut keep = |customer: i64, c: Change| {
            if changed.get(&customer).is_none_or(|e| c.when < e.when) {
                changed.insert(customer, c);
            }
        };
        // Only calls that changed the grade or whether the customer was active: the
        // earliest of those starts from the state at `at`, as the earliest call of all
        // would (the calls before it changed neither). `calls_grade_moves` holds them.
        // One owner's: their customers' calls since `at`, from each customer's calls.
        let one = match owners {
            [one] => Some(*one),
            _ => None,
        };
        let calls = match one {
            Some(_) => GRADE_MOVES_OF_BOOK_SQL,
            None => GRADE_MOVES_OF_TEAM_SQL,
        };
        let history = scoped(
            "SELECT h.customer_id, c.owner_id,
                    CASE WHEN c.status = 'active' AND c.created_at < ?1 THEN c.grade END,
                    h.at, h.old_value, CAST(NULL AS BOOLEAN)
             FROM customer_history h JOIN customers c ON c.id = h.customer_id
             WHERE h.at >= ?1 AND h.field = 'grade' AND c.created_at < ?1{owner}",
            "c.owner_id",
            2,
            one,
        );
        let since = ts(at);
        for sql in [calls, history.as_str()] {
            let mut stmt = self.conn().prepare_cached(sql)?;
            for row in stmt.query_map(with_owner(vec![&since], &one).as_slice(), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Change {
                        owner: r.get(1)?,
                        now: r.get(2)?,
                        when: r.get(3)?,
                        grade: r.get(4)?,
                        active: r.get(5)?,
                    },
                ))
            })? {
                let (customer, change) = row?;
                keep(customer, change);
            }
        }
        for c in changed.into_values() {
            let Some(counts) = c.owner.and_then(|o| out.get_mut(&o)) else {
                continue;
            };
            if let Some(i) = c.now.as_deref().and_then(grade_index) {
                counts[i] -= 1;
            }
            let active_then = c.active.unwrap_or(c.now.is_some());
            if active_then && let Some(i) = grade_index(&c.grade) {
                counts[i] += 1;
            }
        }
        Ok(out)
    }

    /// Satisfaction scores recorded by non-void calls in `from <= at < to`, per rep.
    pub fn satisfaction_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        rep: Option<i64>,
    ) -> Result<Vec<SatisfactionRow>> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT rep_id, count(*), COALESCE(sum(satisfaction), 0),
                    sum(CASE WHEN satisfaction <= 2 THEN 1 ELSE 0 END)
             FROM calls WHERE at >= ?1 AND at < ?2 AND void = 0 AND satisfaction IS NOT NULL{owner}
             GROUP BY rep_id",
            "rep_id",
            3,
            rep,
        ))?;
        let (from, to) = (ts(from), ts(to));
        let rows = stmt
            .query_map(with_owner(vec![&from, &to], &rep).as_slice(), |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                ))
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Customers marked lost by non-void calls in `from <= at < to`: (rep, reason, count).
    pub fn losses_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        rep: Option<i64>,
    ) -> Result<Vec<(i64, String, u64)>> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT rep_id, loss_reason, count(*) FROM calls
             WHERE at >= ?1 AND at < ?2 AND void = 0 AND loss_reason IS NOT NULL{owner}
             GROUP BY rep_id, loss_reason",
            "rep_id",
            3,
            rep,
        ))?;
        let (from, to) = (ts(from), ts(to));
        let rows = stmt
            .query_map(with_owner(vec![&from, &to], &rep).as_slice(), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Every complaint opened before `to`, with its customer's owner.
    pub fn complaint_states(
        &self,
        to: DateTime<Utc>,
        owner: Option<i64>,
    ) -> Result<Vec<ComplaintState>> {
        let mut stmt = self.conn().prepare_cached(&scoped(
            "SELECT c.owner_id, p.category, r.name, p.opened_at, p.due_on, p.resolved_at
             FROM complaints p JOIN customers c ON c.id = p.customer_id
             LEFT JOIN reps r ON r.id = p.assignee_id
             WHERE p.opened_at < ?1{owner}",
            "c.owner_id",
            2,
            owner,
        ))?;
        let to = ts(to);
        let rows = stmt
            .query_map(with_owner(vec![&to], &owner).as_slice(), |r| {
                Ok(ComplaintState {
                    owner_id: r.get(0)?,
                    category: r.get(1)?,
                    assignee: r.get(2)?,
                    opened_at: parse_ts(&r.get::<_, String>(3)?).unwrap_or_default(),
                    due_on: r.get::<_, Option<String>>(4)?.and_then(|d| parse_day(&d)),
                    resolved_at: r.get::<_, Option<String>>(5)?.and_then(|t| parse_ts(&t)),
                })
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// The ABC and RFM tiers of every customer on `on`, each within its owner's book, as
    /// [`Store::tiers`] computes them one at a time.
    pub fn all_tiers(&self, on: NaiveDate, clock: &Clock) -> Result<HashMap<i64, CustomerTiers>> {
        self.tiers_where(None, on, clock)
    }

    /// The tiers of one owner's customers (see [`Store::all_tiers`]).
    pub fn book_tiers(
        &self,
        owner: i64,
        on: NaiveDate,
        clock: &Clock,
    ) -> Result<HashMap<i64, CustomerTiers>> {
        self.tiers_where(Some(owner), on, clock)
    }

    fn tiers_where(
        &self,
        owner: Option<i64>,
        on: NaiveDate,
        clock: &Clock,
    ) -> Result<HashMap<i64, CustomerTiers>> {
        let year_ago = super::day(on - Days::new(365));
        let since = super::plans::day_bounds(on - Days::new(90), clock).0;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT c.id, c.owner_id, c.last_contact_at,
                    COALESCE((SELECT sum(k.value_cents) FROM contracts k
                              WHERE k.customer_id = c.id AND k.start_on >= ?1), 0),
                    (SELECT count(*) FROM contracts k
                     WHERE k.customer_id = c.id AND k.start_on >= ?1),
                    (SELECT count(*) FROM calls x
                     WHERE x.customer_id = c.id AND x.void = 0 AND x.reached = 1 AND x.at >= ?2),
                    c.status = 'active'
             FROM customers c {}",
            if owner.is_some() {
                "WHERE c.owner_id = ?3"
            } else {
                "WHERE CAST(?3 AS BIGINT) IS NULL"
            }
        ))?;
        struct Row {
            id: i64,
            owner: Option<i64>,
            last: Option<String>,
            revenue: i64,
            contracts: i64,
            calls_90d: i64,
            active: bool,
        }
        let rows: Vec<Row> = stmt
            .query_map(params![year_ago, since, owner], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    owner: r.get(1)?,
                    last: r.get(2)?,
                    revenue: r.get(3)?,
                    contracts: r.get(4)?,
                    calls_90d: r.get(5)?,
                    active: r.get(6)?,
                })
            })?
            .collect::<super::db::Result<_>>()?;
        // Per owner: revenue of the customers with a contract, highest first.
        let mut books: HashMap<Option<i64>, Vec<(i64, i64)>> = HashMap::new();
        for r in rows.iter().filter(|r| r.contracts > 0) {
            books.entry(r.owner).or_default().push((r.id, r.revenue));
        }
        let mut abc: HashMap<i64, char> = HashMap::new();
        for book in books.values_mut() {
            book.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let total: i64 = book.iter().map(|b| b.1).sum();
            let mut running = 0i64;
            for (id, value) in book.iter() {
                let share_before = if total > 0 {
                    running as f64 / total as f64
                } else {
                    1.0
                };
                running += value;
                abc.insert(*id, super::views::abc_of(share_before));
            }
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let tier = abc.get(&r.id).copied().unwrap_or('C');
                let days_since = r
                    .last
                    .and_then(|t| parse_ts(&t))
                    .map(|t| (on - clock.to_local(t).date()).num_days());
                let rfm = super::views::rfm_of(days_since, r.calls_90d, tier, r.revenue);
                (
                    r.id,
                    CustomerTiers {
                        owner_id: r.owner,
                        active: r.active,
                        tiers: Tiers {
                            abc: tier,
                            rfm,
                            revenue_12m_cents: r.revenue,
                        },
                    },
                )
            })
            .collect())
    }
}

/// The calls since ?1 that changed a grade or whether the customer was active, for the
/// team: read from `calls_grade_moves`.
const GRADE_MOVES_OF_TEAM_SQL: &str = "SELECT k.customer_id, c.owner_id,
        CASE WHEN c.status = 'active' AND c.created_at < ?1 THEN c.grade END,
        k.at, k.grade_before, (k.state_before LIKE '%\"status\":\"active\"%')
     FROM calls k JOIN customers c ON c.id = k.customer_id
     WHERE k.at >= ?1 AND k.void = 0 AND c.created_at < ?1
       AND (k.grade_before <> k.grade_after OR k.state_after IS NULL
            OR (k.state_before LIKE '%\"status\":\"active\"%')
               <> (k.state_after LIKE '%\"status\":\"active\"%'))";

/// The same for one owner (?2): their customers, then each one's calls since ?1.
const GRADE_MOVES_OF_BOOK_SQL: &str = "SELECT k.customer_id, c.owner_id,
        CASE WHEN c.status = 'active' AND c.created_at < ?1 THEN c.grade END,
        k.at, k.grade_before, (k.state_before LIKE '%\"status\":\"active\"%')
     FROM customers c CROSS JOIN calls k ON k.customer_id = c.id AND k.at >= ?1
     WHERE c.owner_id = ?2 AND k.void = 0 AND c.created_at < ?1
       AND (k.grade_before <> k.grade_after OR k.state_after IS NULL
            OR (k.state_before LIKE '%\"status\":\"active\"%')
               <> (k.state_after LIKE '%\"status\":\"active\"%'))";
