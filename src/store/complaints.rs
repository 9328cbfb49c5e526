//! Complaints as a workflow: opened by a call, assigned to a rep or lead with a due date,
//! resolved with a note (by a call or directly), followed up by a call (回访).

use super::db::{OptionalExtension, params};
use chrono::{DateTime, NaiveDate, Utc};

use super::{Store, day, parse_day, parse_ts, ts};
use crate::clock::{Calendar, Clock};
use crate::error::{Error, Result};

/// One complaint as the list and the card show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Complaint {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub text: String,
    pub category: String,
    pub assignee: Option<String>,
    pub opened_at: DateTime<Utc>,
    pub due_on: Option<NaiveDate>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution: String,
    pub follow_up_on: Option<NaiveDate>,
    /// The follow-up call (回访) was made.
    pub followed_up: bool,
}

impl Complaint {
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.resolved_at.is_none() && self.due_on.is_some_and(|d| d < today)
    }
}

const COLUMNS: &str = "p.id, p.customer_id, c.name, p.text, p.category, r.name, p.opened_at,
    p.due_on, p.resolved_at, p.resolution, p.follow_up_on, p.follow_up_call_id IS NOT NULL";

fn complaint_from_row(r: &super::db::Row) -> super::db::Result<Complaint> {
    let opt_day = |i: usize| -> super::db::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|d| parse_day(&d)))
    };
    Ok(Complaint {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer: r.get(2)?,
        text: r.get(3)?,
        category: r.get(4)?,
        assignee: r.get(5)?,
        opened_at: parse_ts(&r.get::<_, String>(6)?).unwrap_or_default(),
        due_on: opt_day(7)?,
        resolved_at: r.get::<_, Option<String>>(8)?.and_then(|t| parse_ts(&t)),
        resolution: r.get(9)?,
        follow_up_on: opt_day(10)?,
        followed_up: r.get(11)?,
    })
}

impl Store {
    /// Complaints, newest first: one customer's (the card's history), or everyone's
    /// (`open_only` leaves out the resolved ones).
    pub fn complaints(&self, customer: Option<i64>, open_only: bool) -> Result<Vec<Complaint>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM complaints p JOIN customers c ON c.id = p.customer_id
             LEFT JOIN reps r ON r.id = p.assignee_id
             WHERE (CAST(?1 AS BIGINT) IS NULL OR p.customer_id = ?1) AND (NOT ?2 OR p.resolved_at IS NULL)
             ORDER BY p.opened_at DESC, p.id DESC"
        ))?;
        let rows = stmt
            .query_map(params![customer, open_only], complaint_from_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Assigns a complaint to a rep or lead, optionally with a new due date and category.
    pub fn assign_complaint(
        &mut self,
        id: i64,
        assignee: i64,
        due: Option<NaiveDate>,
        category: Option<&str>,
    ) -> Result<()> {
        let tx = self.transaction()?;
        let n = tx.execute(
            "UPDATE complaints SET assignee_id = ?2, due_on = coalesce(?3, due_on),
                    category = coalesce(?4, category)
             WHERE id = ?1",
            params![id, assignee, due.map(day), category],
        )?;
        if n == 0 {
            return Err(Error::invalid(format!(
                "there is no complaint {id}: `calldeck complaint list` shows them"
            )));
        }
        tx.commit()?;
        Ok(())
    }

    /// Resolves an open complaint without a call (say, by the service team), with a note, and
    /// books its follow-up call (回访) `follow_up` working days later.
    pub fn resolve_complaint(
        &mut self,
        id: i64,
        resolution: &str,
        follow_up_working_days: u32,
        cal: &Calendar,
        clock: &Clock,
    ) -> Result<NaiveDate> {
        let tx = self.transaction()?;
        let resolved: Option<Option<String>> = tx
            .query_row(
                "SELECT resolved_at FROM complaints WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        match resolved {
            None => {
                return Err(Error::invalid(format!(
                    "there is no complaint {id}: `calldeck complaint list` shows them"
                )));
            }
            Some(Some(_)) => {
                return Err(Error::invalid(format!(
                    "complaint {id} is already resolved"
                )));
            }
            Some(None) => {}
        }
        let follow_up = cal.add_working_days(clock.today(), follow_up_working_days);
        tx.execute(
            "UPDATE complaints SET resolved_at = ?2, resolution = ?3, follow_up_on = ?4 WHERE id = ?1",
            params![id, ts(clock.now_utc()), resolution.trim(), day(follow_up)],
        )?;
        tx.commit()?;
        Ok(follow_up)
    }
}
