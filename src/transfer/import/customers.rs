//! `--kind customers`: each row a customer with its contacts, new or matched to one
//! already in the book.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Transaction;

use super::dates::parse_date;
use super::record::{Field, Record, join_name};
use super::stages::{StageMap, StageValue};
use super::{ImportOptions, ImportReport, OnDuplicate, Rejection};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{Grade, NextCall, Role, parse_money, phone_digits};
use crate::error::Result;
use crate::store::import::{RowSavepoint, update_customer};
use crate::store::{NewContact, NewCustomer, import_won_contract, insert_customer};

/// A customer read from a row, and the date it was won on if the row says so.
struct RowCustomer {
    customer: NewCustomer,
    won_on: Option<NaiveDate>,
}

pub fn import(
    tx: &Transaction,
    records: impl Iterator<Item = Record>,
    options: &ImportOptions,
    config: &Config,
    clock: &Clock,
    report: &mut ImportReport,
) -> Result<()> {
    let (mut index, mut owners, stages) = super::lookups(tx, options, config)?;
    for record in records {
        let record = &record;
        let owner = match owners.of_row(tx, record, options.default_owner, clock)? {
            Ok(owner) => owner,
            Err(rejection) => {
                report.rejected.push(rejection);
                continue;
            }
        };
        let row = match read_customer(record, owner, &stages, options, clock) {
            Ok(row) => row,
            Err((field, reason)) => {
                report.rejected.push(Rejection::at(record, field, reason));
                continue;
            }
        };
        let new = &row.customer;
        let company_or_name = if new.company.is_empty() {
            &new.name
        } else {
            &new.company
        };
        let phones: Vec<&str> = new.contacts.iter().map(|c| c.phone.as_str()).collect();
        let emails: Vec<&str> = new.contacts.iter().map(|c| c.email.as_str()).collect();
        if let Some((id, _)) = index.find(&phones, &emails, &new.company) {
            match options.on_duplicate {
                OnDuplicate::Skip => report.skipped += 1,
                OnDuplicate::Update => {
                    if update_customer(tx, id, new, clock.now_utc())? {
                        report.updated += 1;
                    } else {
                        report.skipped += 1;
                    }
                    index.add(id, &phones, &emails, &new.company);
                }
            }
            continue;
        }
        let savepoint = RowSavepoint::begin(tx)?;
        let inserted = insert_customer(tx, new, clock).and_then(|id| {
            if let Some(on) = row.won_on {
                import_won_contract(
                    tx,
                    id,
                    owner,
                    new.value_cents,
                    on,
                    config.contracts.term_months,
                    clock,
                )?;
            }
            Ok(id)
        });
        match inserted {
            Ok(id) => {
                savepoint.release()?;
                index.add(id, &phones, &emails, company_or_name);
                report.created += 1;
            }
            // Checks the row passed above make this rare; the database's own checks
            // still get the last word, and the row is reported rather than the run lost.
            Err(crate::Error::Invalid(reason)) => {
                savepoint.rollback()?;
                report
                    .rejected
                    .push(Rejection::at(record, Field::Name, reason));
            }
            Err(e) => return Err(e),
        }
    }
    report.reps_created = owners.created;
    Ok(())
}

type RowError = (Field, String);

fn read_customer(
    r: &Record,
    owner_id: Option<i64>,
    stages: &StageMap,
    options: &ImportOptions,
    clock: &Clock,
) -> std::result::Result<RowCustomer, RowError> {
    if let Some(problem) = r.garbled() {
        return Err(problem);
    }
    let name = r.display_name();
    if name.is_empty() {
        return Err((
            Field::Name,
            "no name, company, contact or email: a customer needs at least one".into(),
        ));
    }
    let date = |f: Field| -> std::result::Result<Option<NaiveDate>, RowError> {
        match r.get(f) {
            "" => Ok(None),
            s => parse_date(s, options.date_order)
                .map(Some)
                .map_err(|e| (f, e)),
        }
    };
    let mut won_on = None;
    let stage = match r.get(Field::Stage) {
        "" => 1,
        s => match stages.read(s).map_err(|e| (Field::Stage, e))? {
            StageValue::Open(n) => n,
            StageValue::Won => {
                won_on = Some(date(Field::Closed)?.unwrap_or_else(|| clock.today()));
                5
            }
            StageValue::Lost => {
                return Err((
                    Field::Stage,
                    format!(
                        "stage '{s}' is a lost deal: import the pipeline with --kind deals to keep it as history"
                    ),
                ));
            }
        },
    };
    let small = |f: Field, max: u8, what: &str| -> std::result::Result<Option<u8>, RowError> {
        match r.get(f) {
            "" => Ok(None),
            s => s
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= max)
                .map(Some)
                .ok_or_else(|| (f, format!("{what} '{s}' is not a number from 0 to {max}"))),
        }
    };
    let intent = small(Field::Intent, 4, "intent")?.unwrap_or(1);
    let grade = match r.get(Field::Grade) {
        "" => Grade::C,
        s => s
            .parse()
            .map_err(|e: crate::Error| (Field::Grade, e.to_string()))?,
    };
    let value_cents = match r.get(Field::Value) {
        "" => 0,
        s => parse_money(s).map_err(|e| (Field::Value, e.to_string()))?,
    };
    let next_call = match r.get(Field::NextCall) {
        "" => None,
        s => {
            let d = parse_date(s, options.date_order).map_err(|e| (Field::NextCall, e))?;
            let time = s
                .split_whitespace()
                .nth(1)
                .and_then(|t| NaiveTime::parse_from_str(t.get(..5).unwrap_or(t), "%H:%M").ok());
            Some(NextCall { date: d, time })
        }
    };
    let mut notes = r.get(Field::Notes).to_string();
    if !r.get(Field::Title).is_empty() {
        let title = format!("Title: {}", r.get(Field::Title));
        notes = if notes.is_empty() {
            title
        } else {
            format!("{title}\n{notes}")
        };
    }
    let customer = NewCustomer {
        name,
        company: r.get(Field::Company).to_string(),
        industry: r.get(Field::Industry).to_string(),
        region: r.get(Field::Region).to_string(),
        address: r.get(Field::Address).to_string(),
        source: r.get(Field::Source).to_string(),
        owner_id,
        stage,
        intent,
        grade,
        value_cents,
        tags: r
            .get(Field::Tags)
            .split([',', ';', '，', '、'])
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        birthday: date(Field::Birthday)?,
        notes,
        next_call,
        contacts: contacts(r)?,
    };
    Ok(RowCustomer { customer, won_on })
}

/// The primary contact gets the first phone and email; each further number or address
/// makes another contact of the same person, so nothing in the file is dropped.
fn contacts(r: &Record) -> std::result::Result<Vec<NewContact>, RowError> {
    let person = match r.get(Field::Contact) {
        "" if !r.get(Field::Company).is_empty() => {
            let n = r.get(Field::Name);
            if n.is_empty() {
                join_name(r.get(Field::FirstName), r.get(Field::LastName))
            } else {
                n.to_string()
            }
        }
        "" => r.display_name(),
        c => c.to_string(),
    };
    let role = match r.get(Field::Role) {
        "" => Role::Other,
        s => s
            .parse()
            .map_err(|e: crate::Error| (Field::Role, e.to_string()))?,
    };
    let mut phones = vec![r.get(Field::Phone).to_string()];
    phones.extend(r.more_phones.iter().cloned());
    let mut emails = vec![r.get(Field::Email).to_string()];
    emails.extend(r.more_emails.iter().cloned());
    for p in phones.iter().filter(|p| !p.is_empty()) {
        check_phone(p)?;
    }
    for e in emails.iter().filter(|e| !e.is_empty()) {
        if !e.contains('@') || e.contains(char::is_whitespace) {
            return Err((Field::Email, format!("email '{e}' is not an address")));
        }
    }
    if phones[0].is_empty() && emails[0].is_empty() && r.get(Field::Contact).is_empty() {
        return Ok(Vec::new());
    }
    let count = phones.len().max(emails.len());
    // Further numbers of one person say what they are: "Zhang San · mobile".
    let name = |i: usize| match r.phone_labels.get(i).map(|l| l.trim()) {
        Some(label) if i > 0 && !label.is_empty() && !person.is_empty() => {
            format!("{person} · {label}")
        }
        _ => person.clone(),
    };
    Ok((0..count)
        .map(|i| NewContact {
            name: name(i),
            role: if i == 0 { role } else { Role::Other },
            phone: phones.get(i).cloned().unwrap_or_default(),
            email: emails.get(i).cloned().unwrap_or_default(),
            style: None,
            primary: i == 0,
        })
        .collect())
}

fn check_phone(p: &str) -> std::result::Result<(), RowError> {
    if p.chars().any(char::is_alphabetic) {
        return Err((Field::Phone, format!("phone '{p}' holds letters")));
    }
    if phone_digits(p).len() < 3 {
        return Err((Field::Phone, format!("phone '{p}' has too few digits")));
    }
    Ok(())
}
