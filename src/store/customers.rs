use super::db::{OptionalExtension, Row, Transaction, params};
use chrono::{DateTime, NaiveDate, Utc};

use super::{Store, day, hm, parse_day, parse_ts, ts};
use crate::clock::Clock;
use crate::domain::{
    CustomerState, Grade, NextCall, NextCallBy, Role, STAGE_WON, Status, Style, phone_digits,
    validate_intent, validate_stage,
};
use crate::error::{Error, Result};

mod parse;
pub(crate) use parse::fast_day;
use parse::{fast_hm, fast_ts};

#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub industry: String,
    pub region: String,
    pub address: String,
    pub source: String,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub state: CustomerState,
    pub tags: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub contacts: Vec<Contact>,
}

impl Customer {
    /// Contacts whose number can be dialled, primary first.
    pub fn dialable_contacts(&self) -> Vec<&Contact> {
        dialable_contacts(&self.contacts)
    }

    pub fn primary_phone(&self) -> &str {
        self.contacts
            .iter()
            .find(|c| c.primary && c.dialable())
            .or_else(|| self.contacts.iter().find(|c| c.dialable()))
            .map(|c| c.phone.as_str())
            .unwrap_or("")
    }
}

/// One change to a customer's details: when, which field, old and new value, and what made
/// it ('edit', 'import', 'assign').
pub type HistoryEntry = (DateTime<Utc>, String, String, String, String);

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub phone: String,
    pub email: String,
    pub style: Option<Style>,
    pub birthday: Option<NaiveDate>,
    pub primary: bool,
    /// A call found this number wrong; the contact stays, the number is not dialled.
    pub phone_bad: bool,
}

impl Contact {
    /// Whether the contact has a number that is worth dialling.
    pub fn dialable(&self) -> bool {
        !self.phone_bad && self.phone.chars().any(|c| c.is_ascii_digit())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewContact {
    pub name: String,
    pub role: Role,
    pub phone: String,
    pub email: String,
    pub style: Option<Style>,
    pub birthday: Option<NaiveDate>,
    pub primary: bool,
}

impl NewContact {
    /// Parses the command line's `--contact "name;role;phone;email;style;birthday"` (all but
    /// the name optional).
    pub fn parse(spec: &str) -> Result<NewContact> {
        let mut parts = spec.split(';').map(str::trim);
        let name = parts.next().unwrap_or("").to_string();
        if name.is_empty() {
            return Err(Error::invalid(format!(
                "contact '{spec}' has no name: write \"name;role;phone\""
            )));
        }
        let role = match parts.next() {
            Some(r) if !r.is_empty() => r.parse()?,
            _ => Role::Other,
        };
        let phone = parts.next().unwrap_or("").to_string();
        let email = parts.next().unwrap_or("").to_string();
        let style = match parts.next() {
            Some(s) if !s.is_empty() => Some(s.parse()?),
            _ => None,
        };
        let birthday = match parts.next() {
            Some(b) if !b.is_empty() => Some(parse_birthday(b)?),
            _ => None,
        };
        Ok(NewContact {
            name,
            role,
            phone,
            email,
            style,
            birthday,
            primary: false,
        })
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if !self.phone.is_empty() && phone_digits(&self.phone).len() < 3 {
            return Err(Error::invalid(format!(
                "phone '{}' has too few digits: write the number with its area code",
                self.phone
            )));
        }
        if self.phone.chars().any(|c| c.is_alphabetic()) {
            return Err(Error::invalid(format!(
                "phone '{}' holds letters: write digits, spaces, +, - or ()",
                self.phone
            )));
        }
        validate_email(&self.email)
    }
}

/// A name is one line: a line break or other control character would not survive the
/// CSV export and import, nor show on a list row.
pub(crate) fn validate_name(name: &str) -> Result<()> {
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "the name {:?} has a line break or control character: give it on one line",
            name
        )));
    }
    Ok(())
}

/// A birthday as YYYY-MM-DD, checked to be a real date in range.
pub fn parse_birthday(s: &str) -> Result<NaiveDate> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(format!("birthday '{s}' is not a date: write YYYY-MM-DD")))?;
    crate::clock::check_day(d, "the birthday")
}

pub(crate) fn validate_email(email: &str) -> Result<()> {
    if !email.is_empty() && (!email.contains('@') || email.contains(' ')) {
        return Err(Error::invalid(format!(
            "email '{email}' is not an address: write name@example.com"
        )));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewCustomer {
    pub name: String,
    pub company: String,
    pub industry: String,
    pub region: String,
    pub address: String,
    pub source: String,
    pub owner_id: Option<i64>,
    pub stage: u8,
    pub intent: u8,
    pub grade: Grade,
    pub value_cents: i64,
    pub tags: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
    pub next_call: Option<NextCall>,
    pub contacts: Vec<NewContact>,
}

impl NewCustomer {
    pub fn named(name: &str) -> NewCustomer {
        NewCustomer {
            name: name.to_string(),
            company: String::new(),
            industry: String::new(),
            region: String::new(),
            address: String::new(),
            source: String::new(),
            owner_id: None,
            stage: 1,
            intent: 1,
            grade: Grade::C,
            value_cents: 0,
            tags: Vec::new(),
            birthday: None,
            notes: String::new(),
            next_call: None,
            contacts: Vec::new(),
        }
    }
}

/// Changes to a customer's details; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerEdit {
    pub name: Option<String>,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub source: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub value_cents: Option<i64>,
    pub add_tags: Vec<String>,
    pub note: Option<String>,
    pub birthday: Option<NaiveDate>,
    /// The contact the contact fields below change (default: the primary one).
    pub contact_id: Option<i64>,
    pub contact_role: Option<Role>,
    pub contact_style: Option<Style>,
    pub contact_birthday: Option<NaiveDate>,
    /// Card fields by key (an empty value clears one).
    pub fields: Vec<(String, String)>,
}

/// The contacts that can be dialled, primary first.
pub(crate) fn dialable_contacts(contacts: &[Contact]) -> Vec<&Contact> {
    let mut out: Vec<&Contact> = contacts.iter().filter(|c| c.dialable()).collect();
    out.sort_by_key(|c| !c.primary);
    out
}

/// The columns of a customer's state (what a call changes), in the order
/// [`state_from_row`] reads them.
macro_rules! state_columns {
    () => {
        "c.stage, c.intent, c.grade, c.status, c.value_cents, c.last_contact_at,
        c.last_reached_at, c.last_not_interested_at, c.next_call_date, c.next_call_time,
        c.attempts, c.next_call_by"
    };
}

/// The customer columns [`customer_from_row`] reads: the card's, then the state's from 14.
pub(crate) const CUSTOMER_COLUMNS: &str = concat!(
    "c.id, c.name, c.company, c.industry, c.region, c.address, c.source,
    c.owner_id, r.name, c.tags, c.birthday, c.notes, c.created_at, c.updated_at, ",
    state_columns!()
);

/// What the planner reads of each customer: the id, the birthday, then the state from 2.
pub(crate) const PLAN_COLUMNS: &str = concat!("c.id, c.birthday, ", state_columns!());

/// The customer's state from the row's columns `at..` (see `state_columns!`).
pub(crate) fn state_from_row(r: &Row, at: usize) -> super::db::Result<CustomerState> {
    // Read in place, without copying each text column: a plan reads this for every
    // customer of the book.
    let opt_ts = |i: usize| -> super::db::Result<Option<DateTime<Utc>>> {
        Ok(r.opt_str(at + i)?.and_then(fast_ts))
    };
    let date = r.opt_str(at + 8)?.and_then(fast_day);
    let time = r.opt_str(at + 9)?.and_then(fast_hm);
    Ok(CustomerState {
        stage: r.get::<_, i64>(at)? as u8,
        intent: r.get::<_, i64>(at + 1)? as u8,
        grade: r.str(at + 2)?.parse().unwrap_or(Grade::C),
        status: r.str(at + 3)?.parse().unwrap_or(Status::Active),
        value_cents: r.get(at + 4)?,
        last_contact: opt_ts(5)?,
        last_reached: opt_ts(6)?,
        last_not_interested: opt_ts(7)?,
        next_call: date.map(|date| NextCall { date, time }),
        attempts: r.get::<_, i64>(at + 10)? as u32,
        next_call_by: NextCallBy::parse(r.str(at + 11)?),
    })
}

pub(crate) fn customer_from_row(r: &Row) -> super::db::Result<Customer> {
    let tags: String = r.get(9)?;
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        industry: r.get(3)?,
        region: r.get(4)?,
        address: r.get(5)?,
        source: r.get(6)?,
        owner_id: r.get(7)?,
        owner: r.get(8)?,
        state: state_from_row(r, 14)?,
        tags: tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
        birthday: r.get::<_, Option<String>>(10)?.and_then(|d| parse_day(&d)),
        notes: r.get(11)?,
        created_at: parse_ts(&r.get::<_, String>(12)?).unwrap_or_default(),
        updated_at: parse_ts(&r.get::<_, String>(13)?).unwrap_or_default(),
        contacts: Vec::new(),
    })
}

/// A customer's name, owner and state, without the card's other fields or contacts.
pub(crate) fn load_customer_state(
    conn: &super::db::Conn,
    id: i64,
) -> Result<(String, Option<i64>, CustomerState)> {
    conn.prepare_cached(concat!(
        "SELECT c.name, c.owner_id, ",
        state_columns!(),
        " FROM customers c WHERE c.id = ?1"
    ))?
    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, state_from_row(r, 2)?)))
    .optional()?
    .ok_or(Error::NoCustomer(id))
}

/// A customer's contacts, primary first.
pub(crate) fn load_contacts(conn: &super::db::Conn, id: i64) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, role, phone, email, style, is_primary, phone_bad, birthday FROM contacts
         WHERE customer_id = ?1 ORDER BY is_primary DESC, id",
    )?;
    let contacts = stmt
        .query_map([id], contact_from_row)?
        .collect::<super::db::Result<_>>()?;
    Ok(contacts)
}

pub(crate) fn contact_from_row(r: &Row) -> super::db::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get::<_, String>(2)?.parse().unwrap_or(Role::Other),
        phone: r.get(3)?,
        email: r.get(4)?,
        style: r.get::<_, Option<String>>(5)?.and_then(|s| s.parse().ok()),
        primary: r.get(6)?,
        phone_bad: r.get(7)?,
        birthday: r.get::<_, Option<String>>(8)?.and_then(|d| parse_day(&d)),
    })
}

/// Writes the customer's state columns (the part a call changes).
pub(crate) fn write_state(
    tx: &Transaction,
    id: i64,
    s: &CustomerState,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE customers SET stage = ?2, intent = ?3, grade = ?4, status = ?5,
            next_call_date = ?6, next_call_time = ?7, attempts = ?8, last_contact_at = ?9,
            last_reached_at = ?10, last_not_interested_at = ?11, value_cents = ?12,
            updated_at = ?13, next_call_by = ?14
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        s.stage,
        s.intent,
        s.grade.as_str(),
        s.status.as_str(),
        s.next_call.map(|n| day(n.date)),
        s.next_call.and_then(|n| n.time).map(hm),
        s.attempts,
        s.last_contact.map(ts),
        s.last_reached.map(ts),
        s.last_not_interested.map(ts),
        s.value_cents,
        ts(now),
        s.next_call_by.as_str(),
    ])?;
    Ok(())
}

pub(crate) fn load_customer(conn: &super::db::Conn, id: i64) -> Result<Customer> {
    let mut customer = conn
        .prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c LEFT JOIN reps r ON r.id = c.owner_id
             WHERE c.id = ?1"
        ))?
        .query_row([id], customer_from_row)
        .optional()?
        .ok_or(Error::NoCustomer(id))?;
    customer.contacts = load_contacts(conn, id)?;
    Ok(customer)
}

pub(crate) fn insert_contact(tx: &Transaction, customer_id: i64, c: &NewContact) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO contacts (customer_id, name, role, phone, phone_digits, email, style, is_primary,
                               birthday)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        customer_id,
        c.name.trim(),
        c.role.as_str(),
        c.phone.trim(),
        phone_digits(&c.phone),
        c.email.trim(),
        c.style.map(Style::as_str),
        c.primary,
        c.birthday.map(day),
    ])?;
    Ok(())
}

/// Opens the customer's one open deal at its current stage and value.
pub(crate) fn open_deal(
    tx: &Transaction,
    customer_id: i64,
    owner_id: Option<i64>,
    stage: u8,
    value_cents: i64,
    on: NaiveDate,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO deals (customer_id, owner_id, value_cents, stage, opened_on, result)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open')",
    )?
    .execute(params![customer_id, owner_id, value_cents, stage, day(on)])?;
    Ok(tx.last_insert_rowid()?)
}

/// Sets one of the customer's own columns and keeps what it replaced in the history.
/// `field` is a column name chosen by calldeck, never by the user.
pub(crate) fn set_field(
    tx: &Transaction,
    id: i64,
    at: DateTime<Utc>,
    field: &str,
    old: &str,
    new: &str,
    source: &str,
) -> Result<()> {
    tx.execute(
        &format!("UPDATE customers SET {field} = ?2 WHERE id = ?1"),
        params![id, new],
    )?;
    record_history(tx, id, at, field, old, new, source)
}

/// Sets the estimated deal value; the open deal follows it. Kept in the history.
pub(crate) fn set_value(
    tx: &Transaction,
    id: i64,
    at: DateTime<Utc>,
    old: i64,
    new: i64,
    source: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE customers SET value_cents = ?2 WHERE id = ?1",
        params![id, new],
    )?;
    tx.execute(
        "UPDATE deals SET value_cents = ?2 WHERE customer_id = ?1 AND result = 'open'",
        params![id, new],
    )?;
    record_history(
        tx,
        id,
        at,
        "value_cents",
        &old.to_string(),
        &new.to_string(),
        source,
    )
}

pub(crate) fn record_history(
    tx: &Transaction,
    customer_id: i64,
    at: DateTime<Utc>,
    field: &str,
    old: &str,
    new: &str,
    source: &str,
) -> Result<()> {
    if old != new {
        tx.prepare_cached(
            "INSERT INTO customer_history (customer_id, at, field, old_value, new_value, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![customer_id, ts(at), field, old, new, source])?;
    }
    Ok(())
}

impl Store {
    pub fn add_customer(&mut self, new: &NewCustomer, clock: &Clock) -> Result<i64> {
        let tx = self.transaction()?;
        let id = insert_customer(&tx, new, clock)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn customer(&self, id: i64) -> Result<Customer> {
        load_customer(self.conn(), id)
    }

    /// Every customer in a rep's book (all statuses), without contacts.
    pub fn book(&self, owner_id: i64) -> Result<Vec<Customer>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c LEFT JOIN reps r ON r.id = c.owner_id
             WHERE c.owner_id = ?1 ORDER BY c.id"
        ))?;
        let rows = stmt
            .query_map([owner_id], customer_from_row)?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }
}

/// Inserts a customer, its contacts and its open deal inside `tx`.
pub(crate) fn insert_customer(tx: &Transaction, new: &NewCustomer, clock: &Clock) -> Result<i64> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "a customer needs a name: --name \"Acme Ltd\"",
        ));
    }
    validate_name(name)?;
    validate_stage(new.stage)?;
    validate_intent(new.intent)?;
    if new.stage == STAGE_WON {
        return Err(Error::invalid(
            "a new customer cannot start under contract: add it at stage 5 and log the win",
        ));
    }
    if new.value_cents < 0 {
        return Err(Error::invalid("a value must be 0 or more"));
    }
    for c in &new.contacts {
        c.validate()?;
    }
    let now = ts(clock.now_utc());
    tx.prepare_cached(
        "INSERT INTO customers (name, company, industry, region, address, source, owner_id,
            stage, intent, grade, status, value_cents, tags, birthday, notes, created_at,
            updated_at, next_call_date, next_call_time, next_call_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'active', ?11, ?12, ?13, ?14, ?15, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        name,
        new.company.trim(),
        new.industry.trim(),
        new.region.trim(),
        new.address.trim(),
        new.source.trim(),
        new.owner_id,
        new.stage,
        new.intent,
        new.grade.as_str(),
        new.value_cents,
        new.tags.join(","),
        new.birthday.map(day),
        new.notes,
        now,
        new.next_call.map(|n| day(n.date)),
        new.next_call.and_then(|n| n.time).map(hm),
        // A date given with a new customer was set by a person, not by a rule.
        if new.next_call.is_some() {
            NextCallBy::Rep
        } else {
            NextCallBy::Rule
        }
        .as_str(),
    ])?;
    let id = tx.last_insert_rowid()?;
    let any_primary = new.contacts.iter().any(|c| c.primary);
    for (i, c) in new.contacts.iter().enumerate() {
        let mut c = c.clone();
        c.primary = c.primary || (!any_primary && i == 0);
        insert_contact(tx, id, &c)?;
    }
    open_deal(
        tx,
        id,
        new.owner_id,
        new.stage,
        new.value_cents,
        clock.today(),
    )?;
    Ok(id)
}

/// Records a contract signed before calldeck held the customer: its deal closes as won on
/// the day it was signed and the customer is under contract.
pub(crate) fn import_won_contract(
    tx: &Transaction,
    customer_id: i64,
    owner_id: Option<i64>,
    value_cents: i64,
    signed: NaiveDate,
    term_months: u32,
    clock: &Clock,
) -> Result<()> {
    let end = signed
        .checked_add_months(chrono::Months::new(term_months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Error::invalid("contract date out of range"))?;
    let deal_id: Option<i64> = tx
        .query_row(
            "SELECT id FROM deals WHERE customer_id = ?1 AND result = 'open'",
            [customer_id],
            |r| r.get(0),
        )
        .optional()?;
    let deal_id = match deal_id {
        Some(id) => id,
        None => open_deal(tx, customer_id, owner_id, 5, value_cents, signed)?,
    };
    tx.execute(
        "UPDATE deals SET result = 'won', stage = ?2, closed_on = ?3, value_cents = ?4, opened_on = CASE WHEN opened_on < ?3 THEN opened_on ELSE ?3 END WHERE id = ?1",
        params![deal_id, STAGE_WON, day(signed), value_cents],
    )?;
    tx.execute(
        "INSERT INTO contracts (customer_id, deal_id, value_cents, start_on, end_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            customer_id,
            deal_id,
            value_cents,
            day(signed),
            day(end),
            ts(clock.now_utc())
        ],
    )?;
    let from: i64 = tx.query_row(
        "SELECT stage FROM customers WHERE id = ?1",
        [customer_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE customers SET stage = ?2, value_cents = ?3 WHERE id = ?1",
        params![customer_id, STAGE_WON, value_cents],
    )?;
    tx.execute(
        "INSERT INTO stage_changes (customer_id, call_id, at, from_stage, to_stage) VALUES (?1, NULL, ?2, ?3, ?4)",
        params![customer_id, ts(clock.now_utc()), from, STAGE_WON],
    )?;
    Ok(())
}

/// Sets a customer's state directly, without a call: for the simulation's starting book.
pub(crate) fn set_customer_state(
    tx: &Transaction,
    id: i64,
    state: &CustomerState,
    now: DateTime<Utc>,
) -> Result<()> {
    write_state(tx, id, state, now)?;
    tx.execute(
        "UPDATE deals SET stage = ?2 WHERE customer_id = ?1 AND result = 'open'",
        params![id, state.stage],
    )?;
    Ok(())
}
