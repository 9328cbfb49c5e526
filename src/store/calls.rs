//! Recording a call and undoing it: the one place that persists `record_outcome`.

use super::db::{OptionalExtension, Transaction, params};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::customers::{
    dialable_contacts, load_contacts, load_customer, load_customer_state, open_deal, write_state,
};
use super::next_call_from;
use super::{Store, day, hm, parse_day, parse_ts, ts};
use crate::clock::{Calendar, Clock};
use crate::config::Config;
use crate::domain::{
    CallEffect, CallInput, CustomerState, DealChange, NextCall, Outcome, STAGE_RENEWAL, STAGE_WON,
    Status, record_outcome,
};
use crate::error::{Error, Result};

/// A call as the card, the history and the exports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub rep: String,
    pub customer_id: i64,
    pub customer: String,
    pub channel: String,
    pub outcome: Outcome,
    pub reached: bool,
    pub duration_s: Option<i64>,
    pub note: String,
    pub stage_before: u8,
    pub stage_after: u8,
    pub intent_before: u8,
    pub intent_after: u8,
    pub grade_before: String,
    pub grade_after: String,
    pub next_call: Option<NextCall>,
    pub void: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCall {
    pub call_id: i64,
    pub effect: CallEffect,
    /// Another rep's call to the same customer moments before this one ("Chen logged a
    /// call to this customer 20 s ago"): both are kept, and the rep is told.
    pub overlap: Option<String>,
}

/// How recent another rep's call must be for a new one to be told of it.
pub const OVERLAP_MINUTES: i64 = 10;

/// The latest live call of another rep to the customer since ?3.
const OVERLAP_SQL: &str = "SELECT r.name, k.at FROM calls k JOIN reps r ON r.id = k.rep_id
     WHERE k.customer_id = ?1 AND k.void = 0 AND k.at >= ?3 AND k.rep_id <> ?2
     ORDER BY k.at DESC, k.id DESC LIMIT 1";

/// Read inside the writer's transaction, so of two reps saving at once the second always
/// sees the first's call.
fn overlapping_call(
    tx: &Transaction,
    rep_id: i64,
    customer_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let since = now - chrono::Duration::minutes(OVERLAP_MINUTES);
    let found: Option<(String, String)> = tx
        .prepare_cached(OVERLAP_SQL)?
        .query_row(params![customer_id, rep_id, ts(since)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(found.map(|(name, at)| {
        let secs = parse_ts(&at).map_or(0, |at| (now - at).num_seconds().max(0));
        let ago = if secs < 90 {
            format!("{secs} s")
        } else {
            format!("{} min", secs / 60)
        };
        format!("{name} logged a call to this customer {ago} ago")
    }))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub call_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub outcome: Outcome,
    pub restored: CustomerState,
}

/// Rows a call created or closed, kept with the call so undo can reverse them.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Effects {
    /// The contact whose number this call found wrong.
    #[serde(default)]
    number_marked_bad: Option<i64>,
    /// The resolved complaint whose follow-up call this was.
    #[serde(default)]
    complaint_followed_up: Option<i64>,
    deal_opened: Option<i64>,
    deal_closed: Option<i64>,
    contract: Option<i64>,
    complaint_opened: Option<i64>,
    complaint_resolved: Option<i64>,
}

fn open_deal_id(tx: &Transaction, customer_id: i64) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM deals WHERE customer_id = ?1 AND result = 'open'")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?)
}

fn open_complaint_id(conn: &super::db::Conn, customer_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM complaints WHERE customer_id = ?1 AND resolved_at IS NULL ORDER BY id DESC LIMIT 1",
        )?
        .query_row([customer_id], |r| r.get(0))
        .optional()?)
}

/// Records one call inside `tx`: the call row, the customer's new state, the stage change,
/// the deal, the contract and the complaint. The caller commits.
pub(crate) fn record_call_in(
    tx: &Transaction,
    rep_id: i64,
    customer_id: i64,
    input: &CallInput,
    config: &Config,
    cal: &Calendar,
    clock: &Clock,
) -> Result<RecordedCall> {
    // Only the state and what the errors name: most calls need no contacts, and reading
    // the whole card for each call was a third of recording one.
    let (name, owner_id, before) = load_customer_state(tx, customer_id)?;
    let contacts = if input.contact_id.is_some() || input.outcome == Outcome::WrongNumber {
        load_contacts(tx, customer_id)?
    } else {
        Vec::new()
    };
    if let Some(contact) = input.contact_id
        && !contacts.iter().any(|c| c.id == contact)
    {
        return Err(Error::invalid(format!(
            "contact {contact} is not one of {name}'s contacts"
        )));
    }
    let mut input = std::borrow::Cow::Borrowed(input);
    if input.outcome == Outcome::WrongNumber {
        let dialable = dialable_contacts(&contacts);
        let wrong = match input.contact_id {
            Some(id) => Some(id),
            None if dialable.len() > 1 => {
                let ids: Vec<String> = dialable
                    .iter()
                    .map(|c| format!("{} {} ({})", c.id, c.name, c.phone))
                    .collect();
                return Err(Error::invalid(format!(
                    "{} has {} numbers: say which one was wrong with --contact ID ({})",
                    name,
                    dialable.len(),
                    ids.join(", ")
                )));
            }
            None => dialable.first().map(|c| c.id),
        };
        let other = dialable.iter().any(|c| Some(c.id) != wrong);
        let input = input.to_mut();
        input.contact_id = wrong;
        input.other_numbers = other;
    }
    let input = input.as_ref();
    let complaint = open_complaint_id(tx, customer_id)?;
    let effect = record_outcome(&before, input, complaint.is_some(), config, cal, clock)?;
    let after = &effect.after;
    let now = clock.now_utc();
    let today = clock.today();
    let overlap = overlapping_call(tx, rep_id, customer_id, now)?;

    tx.prepare_cached(
        "INSERT INTO calls (at, rep_id, customer_id, contact_id, channel, outcome, reached,
            duration_s, note, stage_before, stage_after, intent_before, intent_after,
            grade_before, grade_after, next_call_date, next_call_time, state_before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        ts(now),
        rep_id,
        customer_id,
        input.contact_id,
        input.channel.as_str(),
        input.outcome.code(),
        effect.reached,
        input.duration_s,
        input.note.trim(),
        before.stage,
        after.stage,
        before.intent,
        after.intent,
        before.grade.as_str(),
        after.grade.as_str(),
        after.next_call.map(|n| day(n.date)),
        after.next_call.and_then(|n| n.time).map(hm),
        serde_json::to_string(&before).expect("state always serialises"),
    ])?;
    let call_id = tx.last_insert_rowid()?;
    write_state(tx, customer_id, after, now)?;
    tx.prepare_cached("UPDATE calls SET state_after = ?2 WHERE id = ?1")?
        .execute(params![
            call_id,
            serde_json::to_string(after).expect("state always serialises")
        ])?;
    if before.stage != after.stage {
        tx.prepare_cached(
            "INSERT INTO stage_changes (customer_id, call_id, at, from_stage, to_stage)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            customer_id,
            call_id,
            ts(now),
            before.stage,
            after.stage
        ])?;
    }

    let mut effects = Effects::default();
    // One wrong number among several: that number is not dialled again. A customer's only
    // number makes the customer invalid instead, until a new number is entered.
    if input.outcome == Outcome::WrongNumber
        && input.other_numbers
        && let Some(contact) = input.contact_id
    {
        tx.execute("UPDATE contacts SET phone_bad = 1 WHERE id = ?1", [contact])?;
        effects.number_marked_bad = Some(contact);
    }
    let mut deal = open_deal_id(tx, customer_id)?;
    match effect.deal {
        DealChange::Win {
            value_cents,
            start,
            end,
        } => {
            let deal_id = match deal {
                Some(id) => id,
                None => {
                    let id =
                        open_deal(tx, customer_id, owner_id, before.stage, value_cents, today)?;
                    effects.deal_opened = Some(id);
                    id
                }
            };
            tx.execute(
                "UPDATE deals SET result = 'won', closed_on = ?2, value_cents = ?3, stage = ?4 WHERE id = ?1",
                params![deal_id, day(today), value_cents, STAGE_WON],
            )?;
            effects.deal_closed = Some(deal_id);
            tx.execute(
                "INSERT INTO contracts (customer_id, deal_id, value_cents, start_on, end_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![customer_id, deal_id, value_cents, day(start), day(end), ts(now)],
            )?;
            effects.contract = Some(tx.last_insert_rowid()?);
        }
        DealChange::Lose => {
            if let Some(deal_id) = deal.take() {
                tx.execute(
                    "UPDATE deals SET result = 'lost', closed_on = ?2 WHERE id = ?1",
                    params![deal_id, day(today)],
                )?;
                effects.deal_closed = Some(deal_id);
            }
        }
        DealChange::Follow => {
            let workable = after.status != Status::Lost
                && after.status != Status::DoNotCall
                && after.stage != STAGE_WON;
            match deal {
                Some(deal_id) => {
                    tx.prepare_cached(
                        "UPDATE deals SET stage = ?2, value_cents = ?3,
                                expected_close = COALESCE(?4, expected_close) WHERE id = ?1",
                    )?
                    .execute(params![
                        deal_id,
                        after.stage,
                        after.value_cents,
                        effect.expected_close.map(day)
                    ])?;
                }
                // A customer worked again after a loss gets a new deal at the stage set.
                None if workable => {
                    let id = open_deal(
                        tx,
                        customer_id,
                        owner_id,
                        after.stage,
                        after.value_cents,
                        today,
                    )?;
                    tx.execute(
                        "UPDATE deals SET expected_close = ?2 WHERE id = ?1",
                        params![id, effect.expected_close.map(day)],
                    )?;
                    effects.deal_opened = Some(id);
                }
                None => {}
            }
        }
    }
    if let Some(text) = &effect.open_complaint {
        let category = input
            .complaint_category
            .clone()
            .or_else(|| config.complaints.categories.first().cloned())
            .unwrap_or_else(|| "other".into());
        if !config.complaints.categories.contains(&category) {
            return Err(Error::invalid(format!(
                "unknown complaint category '{category}': use one of {}",
                config.complaints.categories.join(", ")
            )));
        }
        let due = cal.add_working_days(today, config.complaints.due_working_days);
        tx.execute(
            "INSERT INTO complaints (customer_id, text, opened_at, opened_call_id, category,
                assignee_id, due_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                customer_id,
                text,
                ts(now),
                call_id,
                category,
                rep_id,
                day(due)
            ],
        )?;
        effects.complaint_opened = Some(tx.last_insert_rowid()?);
    }
    if effect.resolve_complaint
        && let Some(id) = complaint
    {
        // The follow-up call (回访) is the next call the rule booked.
        tx.execute(
            "UPDATE complaints SET resolved_at = ?2, resolved_call_id = ?3, follow_up_on = ?4,
                    resolution = ?5
             WHERE id = ?1",
            params![
                id,
                ts(now),
                call_id,
                after.next_call.map(|n| day(n.date)),
                input.note.trim()
            ],
        )?;
        effects.complaint_resolved = Some(id);
    }
    // A conversation on or after a resolved complaint's follow-up day is its 回访.
    if effect.reached {
        let due: Option<i64> = tx
            .query_row(
                "SELECT id FROM complaints WHERE customer_id = ?1 AND resolved_at IS NOT NULL
                   AND follow_up_on IS NOT NULL AND follow_up_on <= ?2
                   AND follow_up_call_id IS NULL
                 ORDER BY id LIMIT 1",
                params![customer_id, day(today)],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = due {
            tx.execute(
                "UPDATE complaints SET follow_up_call_id = ?2 WHERE id = ?1",
                params![id, call_id],
            )?;
            effects.complaint_followed_up = Some(id);
        }
    }
    if effect.loss_reason.is_some() || input.satisfaction.is_some() {
        tx.execute(
            "UPDATE calls SET loss_reason = ?2, satisfaction = ?3 WHERE id = ?1",
            params![call_id, effect.loss_reason, input.satisfaction],
        )?;
    }
    tx.prepare_cached("UPDATE calls SET effects = ?2 WHERE id = ?1")?
        .execute(params![
            call_id,
            serde_json::to_string(&effects).expect("effects serialise")
        ])?;
    Ok(RecordedCall {
        call_id,
        effect,
        overlap,
    })
}

/// The rep's last live call: the last entry of `calls_rep_live`, no sort.
pub(crate) const UNDO_LAST_SQL: &str =
    "SELECT id, customer_id, outcome, state_before, effects, state_after FROM calls
     WHERE rep_id = ?1 AND void = 0 ORDER BY id DESC LIMIT 1";
/// One given call ?2, if it is the rep's and live.
pub(crate) const UNDO_ONE_SQL: &str =
    "SELECT id, customer_id, outcome, state_before, effects, state_after FROM calls
     WHERE id = ?2 AND rep_id = ?1 AND void = 0";

impl Store {
    /// Records a call in one transaction (fsynced on commit), as the TUI and `calldeck log` do.
    pub fn record_call(
        &mut self,
        rep_id: i64,
        customer_id: i64,
        input: &CallInput,
        config: &Config,
        clock: &Clock,
    ) -> Result<RecordedCall> {
        let cal = config.calendar();
        // Everything a call writes belongs to its customer (the call, the customer's
        // state, deal, contract, complaint, numbers), so only that customer is locked.
        let tx = self.conn().customer_transaction(customer_id)?;
        let recorded = record_call_in(&tx, rep_id, customer_id, input, config, &cal, clock)?;
        tx.commit()?;
        Ok(recorded)
    }

    /// Voids the rep's last call and puts the customer back as it was before it.
    pub fn undo_last_call(&mut self, rep_id: i64, clock: &Clock) -> Result<Undone> {
        self.undo_call(rep_id, None, clock)
    }

    /// Voids one of the rep's calls (`None`: the latest) and puts the customer back as it
    /// was before it. Refused when a later call on the same customer would be overwritten.
    pub fn undo_call(&mut self, rep_id: i64, call: Option<i64>, clock: &Clock) -> Result<Undone> {
        let tx = self.transaction()?;
        type Row = (i64, i64, String, String, String, Option<String>);
        let row = |r: &super::db::Row| -> super::db::Result<Row> {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        };
        let last: Option<Row> = match call {
            None => tx.query_row(UNDO_LAST_SQL, [rep_id], row),
            Some(id) => tx.query_row(UNDO_ONE_SQL, params![rep_id, id], row),
        }
        .optional()?;
        let Some((call_id, customer_id, outcome, state_json, effects_json, after_json)) = last
        else {
            return Err(Error::invalid(match call {
                Some(id) => format!("call {id} is not one of your calls, or it is already void"),
                None => "there is no call of yours to undo".to_string(),
            }));
        };
        let later: Option<String> = tx
            .query_row(
                "SELECT r.name FROM calls c JOIN reps r ON r.id = c.rep_id
                 WHERE c.customer_id = ?1 AND c.id > ?2 AND c.void = 0 LIMIT 1",
                params![customer_id, call_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = later {
            return Err(Error::invalid(format!(
                "cannot undo: {other} has logged a later call on this customer; log a correcting call instead"
            )));
        }
        let before: CustomerState = serde_json::from_str(&state_json).map_err(|e| {
            Error::invalid(format!("call {call_id} has an unreadable saved state: {e}"))
        })?;
        // What changed since the call (an edit, an import) stays; what the call changed
        // goes back. Calls from before state_after was kept restore the whole state.
        let restored = match after_json.and_then(|j| serde_json::from_str::<CustomerState>(&j).ok())
        {
            Some(after) => {
                let current = load_customer(&tx, customer_id)?.state;
                undo_fields(&before, &after, &current)
            }
            None => before,
        };
        let effects: Effects = serde_json::from_str(&effects_json).unwrap_or_default();
        let now = clock.now_utc();
        if let Some(id) = effects.deal_closed {
            let other_open: Option<i64> = tx
                .query_row(
                    "SELECT id FROM deals WHERE customer_id = ?1 AND result = 'open' AND id <> ?2",
                    params![customer_id, id],
                    |r| r.get(0),
                )
                .optional()?;
            if other_open.is_some() {
                return Err(Error::invalid(
                    "cannot undo: the contract this call signed has since ended and a renewal deal is open; log a correcting call instead",
                ));
            }
        }

        tx.execute(
            "UPDATE calls SET void = 1, voided_at = ?2 WHERE id = ?1",
            params![call_id, ts(now)],
        )?;
        write_state(&tx, customer_id, &restored, now)?;
        tx.execute("DELETE FROM stage_changes WHERE call_id = ?1", [call_id])?;
        if let Some(id) = effects.contract {
            tx.execute("DELETE FROM contracts WHERE id = ?1", [id])?;
        }
        if let Some(id) = effects.number_marked_bad {
            tx.execute("UPDATE contacts SET phone_bad = 0 WHERE id = ?1", [id])?;
        }
        if let Some(id) = effects.complaint_opened {
            tx.execute("DELETE FROM complaints WHERE id = ?1", [id])?;
        }
        if let Some(id) = effects.complaint_resolved {
            tx.execute(
                "UPDATE complaints SET resolved_at = NULL, resolved_call_id = NULL,
                        follow_up_on = NULL, resolution = '' WHERE id = ?1",
                [id],
            )?;
        }
        if let Some(id) = effects.complaint_followed_up {
            tx.execute(
                "UPDATE complaints SET follow_up_call_id = NULL WHERE id = ?1",
                [id],
            )?;
        }
        if let Some(id) = effects.deal_closed {
            tx.execute(
                // Reopened in the book the customer is in now (it may have moved since).
                "UPDATE deals SET result = 'open', closed_on = NULL,
                        owner_id = (SELECT owner_id FROM customers WHERE id = deals.customer_id)
                 WHERE id = ?1",
                [id],
            )?;
        }
        // A deal this call opened did not exist before it (even if the call also closed it).
        if let Some(id) = effects.deal_opened {
            tx.execute("DELETE FROM deals WHERE id = ?1", [id])?;
        }
        // The open deal follows the restored stage and value again.
        tx.execute(
            "UPDATE deals SET stage = ?2, value_cents = ?3 WHERE customer_id = ?1 AND result = 'open'",
            params![customer_id, restored.stage, restored.value_cents],
        )?;
        let name: String = tx.query_row(
            "SELECT name FROM customers WHERE id = ?1",
            [customer_id],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(Undone {
            call_id,
            customer_id,
            customer_name: name,
            outcome: outcome.parse().unwrap_or(Outcome::Reached),
            restored,
        })
    }

    /// Whether a call has been voided (by undo, here or in another calldeck).
    pub fn call_is_void(&self, call_id: i64) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT void FROM calls WHERE id = ?1", [call_id], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(true))
    }

    /// A customer's calls, newest first (void ones included, marked).
    pub fn calls_of(&self, customer_id: i64) -> Result<Vec<CallRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {CALL_COLUMNS} WHERE k.customer_id = ?1 ORDER BY k.at DESC, k.id DESC"
        ))?;
        let rows = stmt
            .query_map([customer_id], call_from_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// Every call, void ones included and marked, oldest first.
    pub fn all_calls(&self) -> Result<Vec<CallRecord>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {CALL_COLUMNS} ORDER BY k.at, k.id"))?;
        let rows = stmt
            .query_map([], call_from_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }

    /// The open complaint's text and when it was opened, if any.
    pub fn open_complaint(&self, customer_id: i64) -> Result<Option<(String, DateTime<Utc>)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT text, opened_at FROM complaints WHERE customer_id = ?1 AND resolved_at IS NULL ORDER BY id DESC LIMIT 1",
            )?
            .query_row([customer_id], |r| {
                Ok((r.get(0)?, parse_ts(&r.get::<_, String>(1)?).unwrap_or_default()))
            })
            .optional()?)
    }

    /// The customer's latest contract: (value, start, end).
    pub fn latest_contract(&self, customer_id: i64) -> Result<Option<(i64, NaiveDate, NaiveDate)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT value_cents, start_on, end_on FROM contracts WHERE customer_id = ?1 ORDER BY end_on DESC LIMIT 1",
            )?
            .query_row([customer_id], |r| {
                Ok((
                    r.get(0)?,
                    parse_day(&r.get::<_, String>(1)?).unwrap_or_default(),
                    parse_day(&r.get::<_, String>(2)?).unwrap_or_default(),
                ))
            })
            .optional()?)
    }

    /// Customers under contract whose contract has ended move to "renewal due" (stage 7)
    /// with a renewal deal open. Returns how many moved. Safe to run at any time.
    pub fn expire_contracts(&mut self, clock: &Clock) -> Result<usize> {
        let tx = self.transaction()?;
        let moved = expire_contracts_in(&tx, clock)?;
        tx.commit()?;
        Ok(moved)
    }

    /// As `expire_contracts`, for one rep's book only: what planning that rep's day needs,
    /// at a cost that grows with the book and not with the team.
    pub fn expire_contracts_of(&mut self, owner_id: i64, clock: &Clock) -> Result<usize> {
        let tx = self.transaction()?;
        let moved = expire_contracts_where(&tx, Some(owner_id), clock)?;
        tx.commit()?;
        Ok(moved)
    }
}

/// Won, active customers whose last contract ended before ?2: read from
/// `customers_stage_status`, one contracts lookup per won customer.
pub(crate) const EXPIRED_TEAM_SQL: &str = "SELECT c.id, c.owner_id, c.value_cents FROM customers c
     WHERE c.stage = ?1 AND c.status = 'active'
       AND (SELECT max(end_on) FROM contracts k WHERE k.customer_id = c.id) < ?2";
/// The same for the book of owner ?3.
pub(crate) const EXPIRED_BOOK_SQL: &str = "SELECT c.id, c.owner_id, c.value_cents FROM customers c
     WHERE c.stage = ?1 AND c.status = 'active' AND c.owner_id = ?3
       AND (SELECT max(end_on) FROM contracts k WHERE k.customer_id = c.id) < ?2";

pub(crate) fn expire_contracts_in(tx: &Transaction, clock: &Clock) -> Result<usize> {
    expire_contracts_where(tx, None, clock)
}

pub(crate) fn expire_contracts_where(
    tx: &Transaction,
    owner_id: Option<i64>,
    clock: &Clock,
) -> Result<usize> {
    let today = clock.today();
    let expired: Vec<(i64, Option<i64>, i64)> = {
        let row = |r: &super::db::Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
        match owner_id {
            None => tx
                .prepare_cached(EXPIRED_TEAM_SQL)?
                .query_map(params![STAGE_WON, day(today)], row)?
                .collect::<super::db::Result<_>>()?,
            Some(owner) => tx
                .prepare_cached(EXPIRED_BOOK_SQL)?
                .query_map(params![STAGE_WON, day(today), owner], row)?
                .collect::<super::db::Result<_>>()?,
        }
    };
    let now = ts(clock.now_utc());
    for (id, owner, value) in &expired {
        tx.prepare_cached("UPDATE customers SET stage = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, STAGE_RENEWAL, now])?;
        tx.prepare_cached(
            "INSERT INTO stage_changes (customer_id, call_id, at, from_stage, to_stage) VALUES (?1, NULL, ?2, ?3, ?4)",
        )?
        .execute(params![id, now, STAGE_WON, STAGE_RENEWAL])?;
        if open_deal_id(tx, *id)?.is_none() {
            open_deal(tx, *id, *owner, STAGE_RENEWAL, *value, today)?;
        }
    }
    Ok(expired.len())
}

/// Three-way undo of a customer's state: each field the call changed and nobody changed
/// since goes back to `before`; a field changed since the call keeps its current value.
fn undo_fields(
    before: &CustomerState,
    after: &CustomerState,
    current: &CustomerState,
) -> CustomerState {
    fn pick<T: PartialEq + Clone>(before: &T, after: &T, current: &T) -> T {
        if current == after {
            before.clone()
        } else {
            current.clone()
        }
    }
    CustomerState {
        stage: pick(&before.stage, &after.stage, &current.stage),
        intent: pick(&before.intent, &after.intent, &current.intent),
        grade: pick(&before.grade, &after.grade, &current.grade),
        status: pick(&before.status, &after.status, &current.status),
        next_call: pick(&before.next_call, &after.next_call, &current.next_call),
        attempts: pick(&before.attempts, &after.attempts, &current.attempts),
        last_contact: pick(
            &before.last_contact,
            &after.last_contact,
            &current.last_contact,
        ),
        last_reached: pick(
            &before.last_reached,
            &after.last_reached,
            &current.last_reached,
        ),
        last_not_interested: pick(
            &before.last_not_interested,
            &after.last_not_interested,
            &current.last_not_interested,
        ),
        value_cents: pick(
            &before.value_cents,
            &after.value_cents,
            &current.value_cents,
        ),
        // Who set the next call goes with the next call itself.
        next_call_by: if current.next_call == after.next_call {
            before.next_call_by
        } else {
            current.next_call_by
        },
    }
}

/// The columns `call_from_row` reads, with the joins they need.
pub(super) const CALL_COLUMNS: &str =
    "k.id, k.at, r.name, k.customer_id, c.name, k.channel, k.outcome,
    k.reached, k.duration_s, k.note, k.stage_before, k.stage_after, k.intent_before,
    k.intent_after, k.grade_before, k.grade_after, k.next_call_date, k.next_call_time, k.void
    FROM calls k JOIN reps r ON r.id = k.rep_id JOIN customers c ON c.id = k.customer_id";

pub(super) fn call_from_row(r: &super::db::Row) -> super::db::Result<CallRecord> {
    Ok(CallRecord {
        id: r.get(0)?,
        at: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
        rep: r.get(2)?,
        customer_id: r.get(3)?,
        customer: r.get(4)?,
        channel: r.get(5)?,
        outcome: r.get::<_, String>(6)?.parse().unwrap_or(Outcome::Reached),
        reached: r.get(7)?,
        duration_s: r.get(8)?,
        note: r.get(9)?,
        stage_before: r.get::<_, i64>(10)? as u8,
        stage_after: r.get::<_, i64>(11)? as u8,
        intent_before: r.get::<_, i64>(12)? as u8,
        intent_after: r.get::<_, i64>(13)? as u8,
        grade_before: r.get(14)?,
        grade_after: r.get(15)?,
        next_call: next_call_from(r, 16, 17)?,
        void: r.get(18)?,
    })
}
