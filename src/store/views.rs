//! Queries behind the TUI screens that are not cards or plans: the search index, the
//! team's progress and a customer's value tiers.

use super::db::params;
use chrono::{Days, NaiveDate};

use super::plans::day_bounds;
use super::{Store, day};
use crate::clock::Clock;
use crate::error::Result;

/// One customer as search sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchItem {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub owner: String,
    /// Contact names and phones, as shown beside the customer.
    pub contacts: String,
    /// Name, company, contact names, phone digits, emails and extra fields, joined: what
    /// the query matches.
    pub haystack: String,
    /// Each contact's phone digits, for a query that is a number.
    pub phones: Vec<String>,
}

/// A rep's progress for the Team screen.
#[derive(Debug, Clone, PartialEq)]
pub struct RepProgress {
    pub rep: String,
    pub planned: usize,
    pub done_planned: usize,
    pub calls_today: usize,
    /// Customers reached today (one customer reached twice counts once).
    pub reached_today: usize,
    /// Seconds on the phone today, from the timed calls.
    pub talk_today_s: i64,
    pub calls_week: usize,
    pub won_week: usize,
    /// The rep has not opened today: `planned` is the list the day would have.
    pub preview: bool,
}

/// A customer's value tiers, computed over its owner's book.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiers {
    /// A, B or C by contract revenue in the last 12 months (80% / 15% / rest).
    pub abc: char,
    /// gold, developing, potential or forgotten.
    pub rfm: &'static str,
    pub revenue_12m_cents: i64,
}

/// Search items read per page: about 15 ms of a team's 100,000 customers.
pub const SEARCH_PAGE: usize = 4096;

pub(crate) const SEARCH_TEAM_WHERE: &str = "c.id > ?1";
pub(crate) const SEARCH_BOOK_WHERE: &str = "c.owner_id = ?3 AND c.id > ?1";

/// `search_sql` for PostgreSQL: `string_agg` in the order SQLite's `group_concat` gives.
fn search_sql_pg(filter: &str) -> String {
    format!(
        "SELECT c.id, c.name, c.company, coalesce(r.name, ''),
                coalesce((SELECT string_agg(k.name || ' ' || k.phone_digits || ' ' || k.email, ' ' ORDER BY k.id)
                          FROM contacts k WHERE k.customer_id = c.id), '')
                || coalesce((SELECT ' ' || string_agg(f.value, ' ' ORDER BY f.seq)
                          FROM customer_fields f WHERE f.customer_id = c.id), ''),
                coalesce((SELECT string_agg(k.name || ' ' || k.phone, ' · ' ORDER BY k.id)
                          FROM contacts k WHERE k.customer_id = c.id), ''),
                coalesce((SELECT string_agg(k.phone_digits, ' ' ORDER BY k.id)
                          FROM contacts k WHERE k.customer_id = c.id), '')
         FROM customers c LEFT JOIN reps r ON r.id = c.owner_id
         WHERE {filter}
         ORDER BY c.id LIMIT ?2"
    )
}

/// One page of search items under `filter` (?1: the id to start after, ?2: the page size).
pub(crate) fn search_sql(filter: &str) -> String {
    format!(
        "SELECT c.id, c.name, c.company, coalesce(r.name, ''),
                coalesce((SELECT group_concat(k.name || ' ' || k.phone_digits || ' ' || k.email, ' ')
                          FROM contacts k WHERE k.customer_id = c.id), '')
                || coalesce((SELECT ' ' || group_concat(f.value, ' ')
                          FROM customer_fields f WHERE f.customer_id = c.id), ''),
                coalesce((SELECT group_concat(k.name || ' ' || k.phone, ' · ')
                          FROM contacts k WHERE k.customer_id = c.id), ''),
                coalesce((SELECT group_concat(k.phone_digits, ' ')
                          FROM contacts k WHERE k.customer_id = c.id), '')
         FROM customers c LEFT JOIN reps r ON r.id = c.owner_id
         WHERE {filter}
         ORDER BY c.id LIMIT ?2"
    )
}

impl Store {
    /// Search items for one rep's book, or for everyone (`None`, for leads).
    pub fn search_items(&self, owner: Option<i64>) -> Result<Vec<SearchItem>> {
        let mut items = Vec::new();
        loop {
            let after = items.last().map_or(0, |i: &SearchItem| i.id);
            let page = self.search_items_page(owner, after, SEARCH_PAGE)?;
            let done = page.len() < SEARCH_PAGE;
            items.extend(page);
            if done {
                return Ok(items);
            }
        }
    }

    /// Up to `limit` search items with ids after `after`, by id: a team's search shows its
    /// first page at once and reads the rest between keystrokes.
    pub fn search_items_page(
        &self,
        owner: Option<i64>,
        after: i64,
        limit: usize,
    ) -> Result<Vec<SearchItem>> {
        let row = |r: &super::db::Row| {
            let name: String = r.get(1)?;
            let company: String = r.get(2)?;
            let contacts: String = r.get(4)?;
            let phones: String = r.get(6)?;
            Ok(SearchItem {
                phones: phones.split_whitespace().map(String::from).collect(),
                id: r.get(0)?,
                haystack: format!("{name} {company} {contacts}"),
                name,
                company,
                owner: r.get(3)?,
                contacts: r.get(5)?,
            })
        };
        let limit = limit as i64;
        let sql = |filter| {
            if self.conn().is_pg() {
                search_sql_pg(filter)
            } else {
                search_sql(filter)
            }
        };
        // Two statements rather than `?3 IS NULL OR owner_id = ?3`, which keeps SQLite
        // from reading one rep's book through the owner index.
        let items = match owner {
            None => self
                .conn()
                .prepare_cached(&sql(SEARCH_TEAM_WHERE))?
                .query_map(params![after, limit], row)?
                .collect::<super::db::Result<_>>()?,
            Some(owner) => self
                .conn()
                .prepare_cached(&sql(SEARCH_BOOK_WHERE))?
                .query_map(params![after, limit, owner], row)?
                .collect::<super::db::Result<_>>()?,
        };
        Ok(items)
    }

    /// Seconds `rep_id` spent on timed calls on `on` (void calls left out).
    pub fn talk_time(&self, rep_id: i64, on: NaiveDate, clock: &Clock) -> Result<i64> {
        let (from, to) = day_bounds(on, clock);
        Ok(self.conn().query_row(
            "SELECT coalesce(sum(duration_s), 0) FROM calls
             WHERE rep_id = ?1 AND void = 0 AND at >= ?2 AND at < ?3",
            params![rep_id, from, to],
            |r| r.get(0),
        )?)
    }

    /// Each rep's progress on `on` and in the ISO week holding it.
    pub fn team_progress(&self, on: NaiveDate, clock: &Clock) -> Result<Vec<RepProgress>> {
        let week_start =
            on - Days::new(chrono::Datelike::weekday(&on).num_days_from_monday() as u64);
        let (day_from, day_to) = day_bounds(on, clock);
        let (week_from, _) = day_bounds(week_start, clock);
        let mut out = Vec::new();
        for rep in self.reps()?.into_iter().filter(|r| !r.is_lead()) {
            let (calls_today, reached_today, talk_today_s): (i64, i64, i64) =
                self.conn().query_row(
                    "SELECT count(*), count(DISTINCT CASE WHEN reached THEN customer_id END),
                            coalesce(sum(duration_s), 0)
                     FROM calls WHERE rep_id = ?1 AND void = 0 AND at >= ?2 AND at < ?3",
                    params![rep.id, day_from, day_to],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
            let (calls_week, won_week): (i64, i64) = self.conn().query_row(
                "SELECT count(*), coalesce(sum(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END), 0) FROM calls
                 WHERE rep_id = ?1 AND void = 0 AND at >= ?2 AND at < ?3",
                params![rep.id, week_from, day_to],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let (planned, done_planned): (i64, i64) = self.conn().query_row(
                "SELECT count(*), coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM calls k WHERE k.rep_id = e.rep_id
                        AND k.customer_id = e.customer_id AND k.void = 0 AND k.at >= ?3 AND k.at < ?4) THEN 1 ELSE 0 END), 0)
                 FROM plan_entries e WHERE e.rep_id = ?1 AND e.day = ?2",
                params![rep.id, day(on), day_from, day_to],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            out.push(RepProgress {
                rep: rep.name,
                planned: planned as usize,
                done_planned: done_planned as usize,
                calls_today: calls_today as usize,
                reached_today: reached_today as usize,
                talk_today_s,
                calls_week: calls_week as usize,
                won_week: won_week as usize,
                preview: false,
            });
        }
        Ok(out)
    }

    /// ABC and RFM tiers of a customer within its owner's book on `on`.
    pub fn tiers(&self, customer_id: i64, on: NaiveDate, clock: &Clock) -> Result<Tiers> {
        let year_ago = day(on - Days::new(365));
        let owner: Option<i64> = self.conn().query_row(
            "SELECT owner_id FROM customers WHERE id = ?1",
            [customer_id],
            |r| r.get(0),
        )?;
        // Revenue per customer of the book, highest first.
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, coalesce(sum(k.value_cents), 0) AS revenue
             FROM customers c JOIN contracts k ON k.customer_id = c.id AND k.start_on >= ?2
             WHERE c.owner_id IS NOT DISTINCT FROM ?1 GROUP BY c.id ORDER BY revenue DESC, c.id",
        )?;
        let revenues: Vec<(i64, i64)> = stmt
            .query_map(params![owner, year_ago], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<super::db::Result<_>>()?;
        let total: i64 = revenues.iter().map(|r| r.1).sum();
        let mut running = 0i64;
        let mut abc = 'C';
        let mut revenue = 0;
        for (id, value) in &revenues {
            let share_before = if total > 0 {
                running as f64 / total as f64
            } else {
                1.0
            };
            running += value;
            if *id == customer_id {
                revenue = *value;
                abc = abc_of(share_before);
            }
        }
        let (last_contact, calls_90d): (Option<String>, i64) = self.conn().query_row(
            "SELECT (SELECT last_contact_at FROM customers WHERE id = ?1),
                    (SELECT count(*) FROM calls WHERE customer_id = ?1 AND void = 0 AND reached = 1 AND at >= ?2)",
            params![customer_id, day_bounds(on - Days::new(90), clock).0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let days_since = last_contact
            .and_then(|t| super::parse_ts(&t))
            .map(|t| (on - clock.to_local(t).date()).num_days());
        let rfm = rfm_of(days_since, calls_90d, abc, revenue);
        Ok(Tiers {
            abc,
            rfm,
            revenue_12m_cents: revenue,
        })
    }
}

/// The ABC tier of a customer whose better-earning customers hold `share_before` of the
/// book's revenue: A within the first 80%, B the next 15%, C the rest.
pub(crate) fn abc_of(share_before: f64) -> char {
    if share_before < 0.80 {
        'A'
    } else if share_before < 0.95 {
        'B'
    } else {
        'C'
    }
}

/// The RFM segment from the days since the last contact, reached calls in 90 days, the
/// ABC tier and the 12 months' revenue.
pub(crate) fn rfm_of(
    days_since: Option<i64>,
    calls_90d: i64,
    abc: char,
    revenue: i64,
) -> &'static str {
    match days_since {
        Some(d) if d <= 30 && calls_90d >= 3 && abc != 'C' => "gold",
        Some(d) if d > 90 => "forgotten",
        None => "forgotten",
        _ if revenue > 0 || calls_90d >= 2 => "developing",
        _ => "potential",
    }
}
