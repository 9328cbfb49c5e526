//! Snoozes: planned customers whose next call the rep moved without calling. Kept with the
//! day's plan (rep and day) and a reason; undone as the batch one `z` made.

use std::collections::HashMap;

use super::db::{OptionalExtension, params};
use chrono::NaiveDate;

use super::{Store, day, hm, next_call_from, parse_day, ts};
use crate::clock::Clock;
use crate::domain::NextCall;
use crate::error::{Error, Result};

/// A snooze as undo reads it: id, customer, and the next call it replaced (date, time, by).
type SnoozeRow = (i64, i64, Option<String>, Option<String>, String);

/// What undoing a batch of snoozes put back.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoneSnooze {
    pub batch: i64,
    pub customer_ids: Vec<i64>,
}

impl Store {
    /// Moves the next call of each of `customers` to `next`, without a call, as skipped on
    /// `on`'s plan for `reason`. All or none, in one transaction; returns the batch number
    /// that `undo_snooze` takes.
    pub fn snooze(
        &mut self,
        rep_id: i64,
        customers: &[i64],
        on: NaiveDate,
        next: NextCall,
        reason: &str,
        clock: &Clock,
    ) -> Result<i64> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid(
                "a snooze needs a reason (\"rep off sick\", \"closed today\")",
            ));
        }
        if customers.is_empty() {
            return Err(Error::invalid("no customer to snooze: select a row first"));
        }
        let now = clock.now_utc();
        let tx = self.transaction()?;
        let batch: i64 =
            tx.query_row("SELECT coalesce(max(batch), 0) + 1 FROM snoozes", [], |r| {
                r.get(0)
            })?;
        for &id in customers {
            let before = tx
                .query_row(
                    "SELECT next_call_date, next_call_time, next_call_by FROM customers
                     WHERE id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, Option<String>>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                        ))
                    },
                )
                .optional()?
                .ok_or_else(|| Error::invalid(format!("customer #{id} does not exist")))?;
            tx.execute(
                "INSERT INTO snoozes (batch, rep_id, customer_id, day, reason, next_date_before,
                     next_time_before, next_by_before, next_date, next_time, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    batch,
                    rep_id,
                    id,
                    day(on),
                    reason,
                    before.0,
                    before.1,
                    before.2,
                    day(next.date),
                    next.time.map(hm),
                    ts(now),
                ],
            )?;
            // The rep set this date by hand: the planner keeps it as a promise.
            tx.execute(
                "UPDATE customers SET next_call_date = ?2, next_call_time = ?3,
                     next_call_by = 'rep', updated_at = ?4
                 WHERE id = ?1",
                params![id, day(next.date), next.time.map(hm), ts(now)],
            )?;
        }
        tx.commit()?;
        Ok(batch)
    }

    /// Voids the snoozes of `batch` and puts back the next calls they replaced.
    pub fn undo_snooze(&mut self, rep_id: i64, batch: i64, clock: &Clock) -> Result<UndoneSnooze> {
        let tx = self.transaction()?;
        let rows: Vec<SnoozeRow> = {
            let mut stmt = tx.prepare(
                "SELECT id, customer_id, next_date_before, next_time_before, next_by_before
                 FROM snoozes WHERE batch = ?1 AND rep_id = ?2 AND void = 0 ORDER BY id",
            )?;
            stmt.query_map(params![batch, rep_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<super::db::Result<_>>()?
        };
        if rows.is_empty() {
            return Err(Error::invalid(
                "that snooze was already undone: nothing to put back",
            ));
        }
        let now = ts(clock.now_utc());
        for (id, customer, date, time, by) in &rows {
            tx.execute(
                "UPDATE customers SET next_call_date = ?2, next_call_time = ?3,
                     next_call_by = ?4, updated_at = ?5
                 WHERE id = ?1",
                params![customer, date, time, by, now],
            )?;
            tx.execute("UPDATE snoozes SET void = 1 WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(UndoneSnooze {
            batch,
            customer_ids: rows.iter().map(|r| r.1).collect(),
        })
    }

    /// The customers `rep_id` skipped on `on`'s plan, with the reason (the latest one).
    pub fn skipped_on(&self, rep_id: i64, on: NaiveDate) -> Result<HashMap<i64, String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT customer_id, reason FROM snoozes
             WHERE rep_id = ?1 AND day = ?2 AND void = 0 ORDER BY id",
        )?;
        let rows = stmt
            .query_map(params![rep_id, day(on)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Every skip of `rep_id` from `from` to `to` (days included): (day, customer, reason).
    pub fn skips_between(
        &self,
        rep_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, i64, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT day, customer_id, reason FROM snoozes
             WHERE rep_id = ?1 AND day >= ?2 AND day <= ?3 AND void = 0 ORDER BY day, id",
        )?;
        let rows = stmt
            .query_map(params![rep_id, day(from), day(to)], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<super::db::Result<Vec<(String, i64, String)>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(d, c, why)| parse_day(&d).map(|d| (d, c, why)))
            .collect())
    }

    /// The next call a snooze set, to show it back in the message.
    pub fn snoozed_to(&self, batch: i64) -> Result<Option<NextCall>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT next_date, next_time FROM snoozes WHERE batch = ?1 LIMIT 1",
                [batch],
                |r| next_call_from(r, 0, 1),
            )
            .optional()?
            .flatten())
    }
}
