//! Read-only queries behind the sales method's tables: prospects per grade as they stood at
//! a moment, satisfaction and loss reasons recorded on calls, complaints with their
//! category and assignee, and every customer's value tiers at once.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::params;

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
    /// Active customers per owner and grade (in `Grade::ALL` order) as they stood at `at`:
    /// customers created by then, at the grade and status the first later call (or import
    /// update) started from, else the ones they have now. Owners are today's.
    pub fn grades_at(&self, at: DateTime<Utc>) -> Result<HashMap<i64, [u64; 5]>> {
        // Per customer: the earliest change after `at`, with the grade (and, for a call,
        // whether the customer was active) it started from.
        let mut then: HashMap<i64, (String, String, Option<bool>)> = HashMap::new();
        let mut keep = |customer: i64, when: String, grade: String, active: Option<bool>| {
            if then
                .get(&customer)
                .is_none_or(|(earliest, _, _)| when < *earliest)
            {
                then.insert(customer, (when, grade, active));
            }
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT customer_id, at, grade_before, state_before FROM calls
             WHERE at >= ?1 AND void = 0",
        )?;
        for row in stmt.query_map([ts(at)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })? {
            let (customer, when, grade, state) = row?;
            let active = serde_json::from_str::<crate::domain::CustomerState>(&state)
                .ok()
                .map(|s| s.status == crate::domain::Status::Active);
            keep(customer, when, grade, active);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT customer_id, at, old_value FROM customer_history
             WHERE at >= ?1 AND field = 'grade'",
        )?;
        for row in stmt.query_map([ts(at)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (customer, when, grade) = row?;
            keep(customer, when, grade, None);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, owner_id, grade, status = 'active' FROM customers
             WHERE owner_id IS NOT NULL AND created_at < ?1",
        )?;
        let mut out: HashMap<i64, [u64; 5]> = HashMap::new();
        for row in stmt.query_map([ts(at)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })? {
            let (id, owner, now, active_now) = row?;
            let (grade, active) = match then.get(&id) {
                Some((_, g, active)) => (g.as_str(), active.unwrap_or(active_now)),
                None => (now.as_str(), active_now),
            };
            if active && let Some(i) = grade_index(grade) {
                out.entry(owner).or_default()[i] += 1;
            }
        }
        Ok(out)
    }

    /// Satisfaction scores recorded by non-void calls in `from <= at < to`, per rep.
    pub fn satisfaction_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<SatisfactionRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT rep_id, count(*), COALESCE(sum(satisfaction), 0),
                    sum(CASE WHEN satisfaction <= 2 THEN 1 ELSE 0 END)
             FROM calls WHERE at >= ?1 AND at < ?2 AND void = 0 AND satisfaction IS NOT NULL
             GROUP BY rep_id",
        )?;
        let rows = stmt
            .query_map([ts(from), ts(to)], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Customers marked lost by non-void calls in `from <= at < to`: (rep, reason, count).
    pub fn losses_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(i64, String, u64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT rep_id, loss_reason, count(*) FROM calls
             WHERE at >= ?1 AND at < ?2 AND void = 0 AND loss_reason IS NOT NULL
             GROUP BY rep_id, loss_reason",
        )?;
        let rows = stmt
            .query_map([ts(from), ts(to)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every complaint opened before `to`, with its customer's owner.
    pub fn complaint_states(&self, to: DateTime<Utc>) -> Result<Vec<ComplaintState>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.owner_id, p.category, r.name, p.opened_at, p.due_on, p.resolved_at
             FROM complaints p JOIN customers c ON c.id = p.customer_id
             LEFT JOIN reps r ON r.id = p.assignee_id
             WHERE p.opened_at < ?1",
        )?;
        let rows = stmt
            .query_map([ts(to)], |r| {
                Ok(ComplaintState {
                    owner_id: r.get(0)?,
                    category: r.get(1)?,
                    assignee: r.get(2)?,
                    opened_at: parse_ts(&r.get::<_, String>(3)?).unwrap_or_default(),
                    due_on: r.get::<_, Option<String>>(4)?.and_then(|d| parse_day(&d)),
                    resolved_at: r.get::<_, Option<String>>(5)?.and_then(|t| parse_ts(&t)),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The ABC and RFM tiers of every customer on `on`, each within its owner's book, as
    /// [`Store::tiers`] computes them one at a time.
    pub fn all_tiers(&self, on: NaiveDate, clock: &Clock) -> Result<HashMap<i64, CustomerTiers>> {
        let year_ago = super::day(on - Days::new(365));
        let since = super::plans::day_bounds(on - Days::new(90), clock).0;
        let mut stmt = self.conn().prepare(
            "SELECT c.id, c.owner_id, c.last_contact_at,
                    COALESCE((SELECT sum(k.value_cents) FROM contracts k
                              WHERE k.customer_id = c.id AND k.start_on >= ?1), 0),
                    (SELECT count(*) FROM contracts k
                     WHERE k.customer_id = c.id AND k.start_on >= ?1),
                    (SELECT count(*) FROM calls x
                     WHERE x.customer_id = c.id AND x.void = 0 AND x.reached = 1 AND x.at >= ?2),
                    c.status = 'active'
             FROM customers c",
        )?;
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
            .query_map(params![year_ago, since], |r| {
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
            .collect::<rusqlite::Result<_>>()?;
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
