//! The writes of an import, all inside the caller's one transaction: duplicate keys,
//! updates that keep what they replaced, reps made on the way, and a pipeline's closed
//! and open deals.

use super::db::{OptionalExtension, Transaction, params};
use chrono::{DateTime, NaiveDate, Utc};

use super::customers::{
    NewContact, NewCustomer, insert_contact, load_customer, open_deal, record_history, set_field,
    set_value,
};
use super::reps::{RepRole, insert_rep};
use super::{day, ts};
use crate::clock::Clock;
use crate::domain::{STAGE_RENEWAL, STAGE_WON, company_key, phone_key};
use crate::error::Result;

/// What duplicate checks match on, as stored: calls `contact` with (customer id, phone
/// digits, email) of every contact and `company` with (customer id, company) of every
/// customer, one row at a time, so a large book's keys are never all held at once; a
/// customer added with a name and no company (`calldeck add --name "Acme Ltd"`) is
/// matched on its name.
pub(crate) fn each_match_key(
    tx: &Transaction,
    mut contact: impl FnMut(i64, &str, &str),
    mut company: impl FnMut(i64, &str),
) -> Result<()> {
    let mut stmt = tx.prepare("SELECT customer_id, phone_digits, email FROM contacts")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (digits, email): (String, String) = (r.get(1)?, r.get(2)?);
        contact(r.get(0)?, &digits, &email);
    }
    let mut stmt =
        tx.prepare("SELECT id, CASE WHEN company <> '' THEN company ELSE name END FROM customers")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(1)?;
        company(r.get(0)?, &name);
    }
    Ok(())
}

impl super::Store {
    /// Each imported row is written inside a savepoint so a bad one can be undone alone;
    /// SQLite keeps what undoes a savepoint in a temporary file, written several times
    /// per row. In memory it costs at most one row's pages and saves most of an import's
    /// system calls.
    ///
    /// The one transaction also writes every page of a large import; a page cache of
    /// 16 MiB keeps the indexes' hot pages in memory instead of spilling them to the WAL
    /// and reading them back, while the whole run stays within a laptop's small change.
    pub(crate) fn keep_row_undo_in_memory(&self) -> Result<()> {
        if let Some(c) = self.conn().sqlite() {
            c.pragma_update(None, "temp_store", "memory")?;
            c.pragma_update(None, "cache_size", -16 * 1024)?;
        }
        Ok(())
    }
}

/// Every rep by id and name, for matching owners.
pub(crate) fn rep_names(tx: &Transaction) -> Result<Vec<(i64, String)>> {
    Ok(tx
        .prepare("SELECT id, name FROM reps")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<super::db::Result<_>>()?)
}

pub(crate) fn create_rep(tx: &Transaction, name: &str, clock: &Clock) -> Result<i64> {
    insert_rep(tx, name, RepRole::Rep, None, clock)?;
    Ok(tx.last_insert_rowid()?)
}

/// Rolls back one row's writes without ending the run.
pub(crate) struct RowSavepoint<'a> {
    tx: &'a Transaction<'a>,
}

impl<'a> RowSavepoint<'a> {
    pub(crate) fn begin(tx: &'a Transaction<'a>) -> Result<RowSavepoint<'a>> {
        tx.prepare_cached("SAVEPOINT import_row")?.execute([])?;
        Ok(RowSavepoint { tx })
    }

    pub(crate) fn release(self) -> Result<()> {
        self.tx.prepare_cached("RELEASE import_row")?.execute([])?;
        Ok(())
    }

    pub(crate) fn rollback(self) -> Result<()> {
        self.tx
            .prepare_cached("ROLLBACK TO import_row")?
            .execute([])?;
        self.tx.prepare_cached("RELEASE import_row")?.execute([])?;
        Ok(())
    }
}

/// Fills in a customer found as a duplicate from an imported row: every field the row
/// has and the customer differs in is replaced and recorded in the customer's history;
/// phones and emails it does not have yet become new contacts. Returns whether anything
/// changed.
pub(crate) fn update_customer(
    tx: &Transaction,
    id: i64,
    new: &NewCustomer,
    now: DateTime<Utc>,
) -> Result<bool> {
    let before = load_customer(tx, id)?;
    let mut changed = false;
    let text_fields = [
        ("name", &new.name, &before.name),
        ("company", &new.company, &before.company),
        ("industry", &new.industry, &before.industry),
        ("region", &new.region, &before.region),
        ("address", &new.address, &before.address),
        ("source", &new.source, &before.source),
    ];
    for (field, new, old) in text_fields {
        let new = new.trim();
        // "ＡＣＭＥ　Ltd" and "acme ltd" name one company: not a change worth recording.
        let same_company = field == "company" && company_key(new) == company_key(old);
        if new.is_empty() || new == old || same_company {
            continue;
        }
        set_field(tx, id, now, field, old, new, "import")?;
        changed = true;
    }
    if new.value_cents > 0 && new.value_cents != before.state.value_cents {
        set_value(
            tx,
            id,
            now,
            before.state.value_cents,
            new.value_cents,
            "import",
        )?;
        changed = true;
    }
    if let Some(b) = new.birthday.filter(|b| Some(*b) != before.birthday) {
        let old = before.birthday.map(day).unwrap_or_default();
        set_field(tx, id, now, "birthday", &old, &day(b), "import")?;
        changed = true;
    }
    let mut tags = before.tags.clone();
    for t in &new.tags {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    if tags != before.tags {
        set_field(
            tx,
            id,
            now,
            "tags",
            &before.tags.join(","),
            &tags.join(","),
            "import",
        )?;
        changed = true;
    }
    let notes = new.notes.trim();
    if !notes.is_empty() && !before.notes.contains(notes) {
        let all = if before.notes.is_empty() {
            notes.to_string()
        } else {
            format!("{}\n{notes}", before.notes)
        };
        set_field(tx, id, now, "notes", &before.notes, &all, "import")?;
        changed = true;
    }
    for c in &new.contacts {
        let key = phone_key(&c.phone);
        let known_phone = c.phone.trim().is_empty()
            || before.contacts.iter().any(|k| {
                k.phone.trim() == c.phone.trim() || (key.is_some() && phone_key(&k.phone) == key)
            });
        let known_email = c.email.is_empty()
            || before
                .contacts
                .iter()
                .any(|k| k.email.eq_ignore_ascii_case(c.email.trim()));
        if known_phone && known_email {
            continue;
        }
        let contact = NewContact {
            primary: before.contacts.is_empty() && c.primary,
            ..c.clone()
        };
        insert_contact(tx, id, &contact)?;
        let what = [c.name.as_str(), c.phone.as_str(), c.email.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        record_history(tx, id, now, "contact", "", &what, "import")?;
        changed = true;
    }
    if changed {
        tx.execute(
            "UPDATE customers SET updated_at = ?2 WHERE id = ?1",
            params![id, ts(now)],
        )?;
    }
    Ok(changed)
}

/// A deal closed before calldeck held it, as history.
pub struct ClosedDeal<'a> {
    pub customer_id: i64,
    pub owner_id: Option<i64>,
    pub product: &'a str,
    pub value_cents: i64,
    pub opened: NaiveDate,
    pub closed: NaiveDate,
    pub won: bool,
    /// The stage a lost deal had reached, as far as the file says.
    pub lost_at_stage: u8,
}

/// Inserts a closed deal; a won one gets its contract from the close date for the
/// configured term.
pub(crate) fn insert_closed_deal(
    tx: &Transaction,
    deal: &ClosedDeal,
    term_months: u32,
    clock: &Clock,
) -> Result<i64> {
    let (stage, result) = if deal.won {
        (STAGE_WON, "won")
    } else {
        (deal.lost_at_stage, "lost")
    };
    tx.prepare_cached(
        "INSERT INTO deals (customer_id, owner_id, product, value_cents, stage, opened_on, closed_on, result)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        deal.customer_id,
        deal.owner_id,
        deal.product,
        deal.value_cents,
        stage,
        day(deal.opened.min(deal.closed)),
        day(deal.closed),
        result
    ])?;
    let deal_id = tx.last_insert_rowid()?;
    if deal.won {
        let end = deal
            .closed
            .checked_add_months(chrono::Months::new(term_months))
            .and_then(|d| d.pred_opt())
            .unwrap_or(deal.closed);
        tx.prepare_cached(
            "INSERT INTO contracts (customer_id, deal_id, value_cents, start_on, end_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            deal.customer_id,
            deal_id,
            deal.value_cents,
            day(deal.closed),
            day(end),
            ts(clock.now_utc())
        ])?;
    }
    Ok(deal_id)
}

/// The deal a rep works on for this customer, taken from the file's most advanced open
/// row: the open deal and the customer take its stage, value, owner and product.
pub struct OpenDeal<'a> {
    pub customer_id: i64,
    pub owner_id: Option<i64>,
    pub product: &'a str,
    pub value_cents: i64,
    pub stage: u8,
    pub opened: NaiveDate,
}

pub(crate) fn set_open_deal(tx: &Transaction, deal: &OpenDeal, clock: &Clock) -> Result<()> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM deals WHERE customer_id = ?1 AND result = 'open'",
            [deal.customer_id],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => id,
        None => open_deal(
            tx,
            deal.customer_id,
            deal.owner_id,
            deal.stage,
            deal.value_cents,
            deal.opened,
        )?,
    };
    tx.execute(
        "UPDATE deals SET owner_id = coalesce(?2, owner_id), product = ?3, value_cents = ?4,
            stage = ?5, opened_on = ?6 WHERE id = ?1",
        params![
            id,
            deal.owner_id,
            deal.product,
            deal.value_cents,
            deal.stage,
            day(deal.opened)
        ],
    )?;
    move_stage(
        tx,
        deal.customer_id,
        deal.stage,
        Some(deal.value_cents),
        on(deal.opened, clock),
    )
}

/// Removes the open deal a re-imported deal was, now that the file says it closed: the
/// closed deal takes its place in history.
pub(crate) fn drop_open_deal(tx: &Transaction, customer_id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM deals WHERE customer_id = ?1 AND result = 'open'",
        [customer_id],
    )?;
    Ok(())
}

/// What became of a customer whose imported deals were all closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// It had an open deal of its own, which stays.
    Unchanged,
    /// Its latest contract runs: under contract.
    UnderContract,
    /// Its latest contract ended within the last term: a renewal deal is open.
    RenewalOpened,
    /// Lost deals only, or a contract that ended more than a term ago: lost.
    Lost,
}

/// After a pipeline brought only closed deals for a customer: the placeholder open deal
/// every new customer gets (stage 0 or 1, no value) is removed, so no deal is invented;
/// a customer with a real open deal keeps it.
/// The customer is under contract while its latest contract runs, up for renewal if it
/// ended within the last term, and lost otherwise. Stage changes carry the contract's
/// own dates, so they count in the funnel's window only when they fall in it.
pub(crate) fn settle_closed_deals(
    tx: &Transaction,
    customer_id: i64,
    term_months: u32,
    clock: &Clock,
) -> Result<Settled> {
    let placeholder: Option<i64> = tx
        .query_row(
            "SELECT id FROM deals WHERE customer_id = ?1 AND result = 'open' AND stage <= 1 AND value_cents = 0",
            [customer_id],
            |r| r.get(0),
        )
        .optional()?;
    match placeholder {
        Some(placeholder) => {
            tx.execute("DELETE FROM deals WHERE id = ?1", [placeholder])?;
        }
        None => {
            let open: i64 = tx.query_row(
                "SELECT count(*) FROM deals WHERE customer_id = ?1 AND result = 'open'",
                [customer_id],
                |r| r.get(0),
            )?;
            if open > 0 {
                return Ok(Settled::Unchanged);
            }
        }
    }
    let latest: Option<(String, String, i64, Option<i64>)> = tx
        .query_row(
            "SELECT start_on, end_on, value_cents, (SELECT owner_id FROM customers WHERE id = ?1)
             FROM contracts WHERE customer_id = ?1 ORDER BY end_on DESC, id DESC LIMIT 1",
            [customer_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let today = clock.today();
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(today);
    let a_term_ago = today
        .checked_sub_months(chrono::Months::new(term_months))
        .unwrap_or(today);
    match latest {
        Some((start, end, value, _)) if parse(&end) >= today => {
            move_stage(
                tx,
                customer_id,
                STAGE_WON,
                Some(value),
                on(parse(&start), clock),
            )?;
            Ok(Settled::UnderContract)
        }
        Some((_, end, value, owner)) if parse(&end) >= a_term_ago => {
            let ended = parse(&end);
            open_deal(
                tx,
                customer_id,
                owner,
                STAGE_RENEWAL,
                value,
                ended.min(today),
            )?;
            move_stage(
                tx,
                customer_id,
                STAGE_RENEWAL,
                Some(value),
                on(ended, clock),
            )?;
            Ok(Settled::RenewalOpened)
        }
        _ => {
            tx.execute(
                "UPDATE customers SET status = 'lost', updated_at = ?2 WHERE id = ?1",
                params![customer_id, ts(clock.now_utc())],
            )?;
            Ok(Settled::Lost)
        }
    }
}

/// The moment a change dated by a file's day is recorded at (that day's start, never
/// later than now), and now.
fn on(d: NaiveDate, clock: &Clock) -> (DateTime<Utc>, DateTime<Utc>) {
    let now = clock.now_utc();
    (
        clock.to_utc(d.and_time(chrono::NaiveTime::MIN)).min(now),
        now,
    )
}

fn move_stage(
    tx: &Transaction,
    customer_id: i64,
    to: u8,
    value: Option<i64>,
    (at, now): (DateTime<Utc>, DateTime<Utc>),
) -> Result<()> {
    let from: i64 = tx.query_row(
        "SELECT stage FROM customers WHERE id = ?1",
        [customer_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE customers SET stage = ?2, value_cents = coalesce(?3, value_cents), updated_at = ?4 WHERE id = ?1",
        params![customer_id, to, value, ts(now)],
    )?;
    if from != i64::from(to) {
        tx.execute(
            "INSERT INTO stage_changes (customer_id, call_id, at, from_stage, to_stage) VALUES (?1, NULL, ?2, ?3, ?4)",
            params![customer_id, ts(at), from, to],
        )?;
    }
    Ok(())
}
