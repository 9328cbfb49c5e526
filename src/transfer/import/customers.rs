//! `--kind customers`: each row a customer with its contacts, new or matched to one
//! already in the book.

use std::collections::{BTreeSet, HashMap};

use crate::store::Transaction;
use chrono::{NaiveDate, NaiveTime};

use super::dates::parse_date;
use super::record::{Field, Record, join_name};
use super::stages::{StageMap, StageValue};
use super::values::{email_problem, phone_problem};
use super::{Duplicate, ImportOptions, ImportReport, KEPT_DETAILS, OnDuplicate, Rejection};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{Grade, NextCall, Role, Style, parse_money};
use crate::error::Result;
use crate::store::extra_fields::{
    add_contact, add_external_id, customer_name, external_ids, has_contact_named,
    has_primary_contact, keep_extra_fields, label_contacts, mark_lost,
};
use crate::store::import::{RowSavepoint, update_customer};
use crate::store::{NewContact, NewCustomer, import_won_contract, insert_customer};

/// A customer read from a row, the date it was won or lost on if the row says so, and
/// each contact's label and extension.
struct RowCustomer {
    customer: NewCustomer,
    won_on: Option<NaiveDate>,
    lost_on: Option<NaiveDate>,
    details: Vec<(String, String)>,
    /// The person the row is about, when it names one apart from the customer.
    person: String,
}

/// Record ids from other CRMs already in the book or made by this run.
struct ExternalIds(HashMap<String, i64>);

impl ExternalIds {
    /// The customer a row's own id or its account's id names, and which id it was.
    fn find(&self, r: &Record) -> Option<(i64, String)> {
        [Field::AccountId, Field::Id].into_iter().find_map(|f| {
            let key = r.get(f);
            self.0
                .get(key)
                .filter(|_| !key.is_empty())
                .map(|&id| (id, format!("{} {key}", r.column(f))))
        })
    }

    fn add(&mut self, tx: &Transaction, r: &Record, id: i64) -> Result<()> {
        for f in [Field::AccountId, Field::Id] {
            let key = r.get(f);
            if !key.is_empty() && !self.0.contains_key(key) {
                add_external_id(tx, key, id)?;
                self.0.insert(key.to_string(), id);
            }
        }
        Ok(())
    }
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
    let mut external = ExternalIds(external_ids(tx)?);
    let mut extra_columns: BTreeSet<String> = BTreeSet::new();
    for mut record in records {
        let row = match read_customer(&mut record, &stages, options, clock) {
            Ok(row) => row,
            Err((field, reason)) => {
                report.rejected.push(Rejection::at(&record, field, reason));
                continue;
            }
        };
        let record = &record;
        let warn = |report: &mut ImportReport| {
            for (column, reason) in &record.warnings {
                report.warning_count += 1;
                if report.warnings.len() >= KEPT_DETAILS {
                    continue;
                }
                report.warnings.push(Rejection {
                    line: record.line,
                    column: column.clone(),
                    reason: reason.clone(),
                });
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
        let by_contact = index.find(&phones, &emails, "");
        let found = external
            .find(record)
            .map(|(id, key)| (id, key, true))
            .or_else(|| {
                by_contact
                    .as_ref()
                    .map(|(id, k, v)| (*id, format!("{k} {v}"), false))
            })
            .or_else(|| {
                index
                    .find(&[], &[], &new.company)
                    .map(|(id, k, v)| (id, format!("{k} {v}"), false))
            });
        if let Some((id, key, by_id)) = found {
            // Another person at a company already made is one more contact of it, not a
            // duplicate, even when they share its switchboard number (a new name with an
            // email of their own); the same person again (a phone or email in common with
            // no new name and email, or an id) is.
            let shared_line = index.company(&new.company) == Some(id)
                && by_contact
                    .as_ref()
                    .is_some_and(|(_, kind, _)| *kind == "phone")
                && emails.iter().any(|e| !e.is_empty())
                && index.find(&[], &emails, "").is_none();
            if !by_id
                && (by_contact.is_none() || shared_line)
                && !row.person.is_empty()
                && !has_contact_named(tx, id, &row.person)?
            {
                add_people(tx, id, &row, &mut report.contacts_added)?;
                index.add(id, &phones, &emails, "");
                external.add(tx, record, id)?;
                keep_extras(tx, id, record, &mut extra_columns, report, config)?;
                warn(report);
                continue;
            }
            let update = by_id || options.on_duplicate == OnDuplicate::Update;
            let mut updated = false;
            if update {
                let owner = match owners.of_row(tx, record, None, clock)? {
                    Ok(owner) => owner,
                    Err(rejection) => {
                        report.rejected.push(rejection);
                        continue;
                    }
                };
                // The customer keeps its name; the row's person is a contact.
                let existing = customer_name(tx, id)?;
                let mut change = NewCustomer {
                    owner_id: owner,
                    ..new.clone()
                };
                change.name = existing;
                updated = update_customer(tx, id, &change, clock.now_utc())?;
                keep_extras(tx, id, record, &mut extra_columns, report, config)?;
                external.add(tx, record, id)?;
                index.add(id, &phones, &emails, &new.company);
                warn(report);
            }
            if updated {
                report.updated += 1;
            } else {
                report.skipped += 1;
            }
            report.duplicate_count += 1;
            if report.duplicates.len() >= KEPT_DETAILS {
                continue;
            }
            report.duplicates.push(Duplicate {
                line: record.line,
                customer_id: id,
                customer: customer_name(tx, id)?,
                key,
                updated,
            });
            continue;
        }
        let owner = match owners.of_row(tx, record, options.default_owner, clock)? {
            Ok(owner) => owner,
            Err(rejection) => {
                report.rejected.push(rejection);
                continue;
            }
        };
        let new = NewCustomer {
            owner_id: owner,
            ..new.clone()
        };
        let savepoint = RowSavepoint::begin(tx)?;
        let inserted = insert_customer(tx, &new, clock).and_then(|id| {
            label_contacts(tx, id, &row.details)?;
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
            if let Some(on) = row.lost_on {
                mark_lost(tx, id, on)?;
            }
            Ok(id)
        });
        match inserted {
            Ok(id) => {
                savepoint.release()?;
                index.add(id, &phones, &emails, company_or_name);
                external.add(tx, record, id)?;
                keep_extras(tx, id, record, &mut extra_columns, report, config)?;
                warn(report);
                report.created += 1;
                if row.lost_on.is_some() {
                    report.lost += 1;
                }
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
    report.extra_columns = extra_columns.into_iter().collect();
    Ok(())
}

fn keep_extras(
    tx: &Transaction,
    id: i64,
    record: &Record,
    columns: &mut BTreeSet<String>,
    report: &mut ImportReport,
    config: &Config,
) -> Result<()> {
    // A column headed with a card field's label (拟购产品) fills that field, by its key.
    let extras: Vec<(String, String)> = record
        .extras
        .iter()
        .map(|(name, value)| {
            let key = config
                .fields
                .iter()
                .find(|f| f.label.trim() == name.trim())
                .map_or(name, |f| &f.key);
            (key.clone(), value.clone())
        })
        .collect();
    report.extra_fields += keep_extra_fields(tx, id, &extras)?;
    columns.extend(record.extras.iter().map(|(c, _)| c.clone()));
    Ok(())
}

/// Adds a row's person to the customer made for their company, with every phone and
/// email the row holds; the first becomes primary when the customer has none yet.
fn add_people(tx: &Transaction, id: i64, row: &RowCustomer, added: &mut usize) -> Result<()> {
    let mut primary_free = !has_primary_contact(tx, id)?;
    for (c, (label, ext)) in row.customer.contacts.iter().zip(&row.details) {
        let contact = NewContact {
            primary: primary_free && c.primary,
            ..c.clone()
        };
        primary_free &= !contact.primary;
        add_contact(tx, id, &contact, label, ext)?;
    }
    *added += 1;
    Ok(())
}

type RowError = (Field, String);

fn read_customer(
    r: &mut Record,
    stages: &StageMap,
    options: &ImportOptions,
    clock: &Clock,
) -> std::result::Result<RowCustomer, RowError> {
    if let Some(problem) = r.garbled() {
        return Err(problem);
    }
    // A row of a company's person is named after the company; a card from a phone is
    // the person's own.
    let company = r.get(Field::Company).to_string();
    let name = if !company.is_empty() && !r.person_first {
        company.clone()
    } else {
        r.display_name()
    };
    let name = if name.is_empty() {
        r.phones
            .first()
            .map(|p| p.value.clone())
            .unwrap_or_default()
    } else {
        name
    };
    if name.is_empty() {
        return Err((
            Field::Name,
            "no name, company, contact, phone or email: a customer needs at least one".into(),
        ));
    }
    let order = options.date_order;
    let date = |r: &mut Record, f: Field| -> Option<NaiveDate> {
        match r.get(f) {
            "" => None,
            s => match parse_date(s, order) {
                Ok(d) => Some(d),
                Err(e) => {
                    r.drop_value(f, e);
                    None
                }
            },
        }
    };
    let mut won_on = None;
    let mut lost_on = None;
    let stage_text = r.get(Field::Stage).to_string();
    let stage = match stage_text.as_str() {
        "" => 1,
        s => match stages.read(s) {
            Ok(StageValue::Open(n)) => n,
            Ok(StageValue::Won) => {
                won_on = Some(date(r, Field::Closed).unwrap_or_else(|| clock.today()));
                5
            }
            Ok(StageValue::Lost) => {
                lost_on = Some(date(r, Field::Closed).unwrap_or_else(|| clock.today()));
                1
            }
            Err(e) => {
                r.drop_value(Field::Stage, e);
                1
            }
        },
    };
    let small = |r: &mut Record, f: Field, max: u8, what: &str| -> Option<u8> {
        match r.get(f) {
            "" => None,
            s => match s.parse::<u8>().ok().filter(|n| *n <= max) {
                Some(n) => Some(n),
                None => {
                    let reason = format!("{what} '{s}' is not a number from 0 to {max}");
                    r.drop_value(f, reason);
                    None
                }
            },
        }
    };
    let intent = small(r, Field::Intent, 4, "intent").unwrap_or(1);
    let grade = match r.get(Field::Grade) {
        "" => Grade::C,
        s => match s.parse::<Grade>() {
            Ok(g) => g,
            Err(e) => {
                r.drop_value(Field::Grade, e.to_string());
                Grade::C
            }
        },
    };
    let value_cents = match r.get(Field::Value) {
        "" => 0,
        s => match parse_money(s) {
            Ok(v) => v,
            Err(e) => {
                r.drop_value(Field::Value, e.to_string());
                0
            }
        },
    };
    let next_call = match r.get(Field::NextCall).to_string().as_str() {
        "" => None,
        s => match parse_date(s, order) {
            Ok(d) => {
                let time = s
                    .split_whitespace()
                    .nth(1)
                    .and_then(|t| NaiveTime::parse_from_str(t.get(..5).unwrap_or(t), "%H:%M").ok());
                Some(NextCall { date: d, time })
            }
            Err(e) => {
                r.drop_value(Field::NextCall, e);
                None
            }
        },
    };
    let birthday = date(r, Field::Birthday);
    // What only a pipeline uses is still the customer's: kept as extra fields.
    let mut unused = vec![Field::Opened, Field::Product];
    if won_on.is_none() && lost_on.is_none() {
        unused.push(Field::Closed);
    }
    for f in unused {
        let (column, value) = (r.column(f).to_string(), r.get(f).to_string());
        r.keep_extra(&column, &value);
    }
    let mut notes = r.get(Field::Notes).to_string();
    if !r.get(Field::Title).is_empty() {
        let title = format!("Title: {}", r.get(Field::Title));
        notes = if notes.is_empty() {
            title
        } else {
            format!("{title}\n{notes}")
        };
    }
    let contact_birthday = date(r, Field::ContactBirthday);
    let (mut contacts, details, person) = contacts(r, &name);
    if let Some(first) = contacts.first_mut() {
        first.birthday = contact_birthday;
    }
    let customer = NewCustomer {
        name,
        company,
        industry: r.get(Field::Industry).to_string(),
        region: r.get(Field::Region).to_string(),
        address: r.get(Field::Address).to_string(),
        source: r.get(Field::Source).to_string(),
        owner_id: None,
        stage,
        intent,
        grade,
        value_cents,
        tags: r
            .get(Field::Tags)
            .split([',', ';', '，', '、'])
            .flat_map(|t| t.split(":::"))
            .map(|t| t.trim().trim_start_matches('*').trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        birthday,
        notes,
        next_call,
        contacts,
    };
    Ok(RowCustomer {
        customer,
        won_on,
        lost_on,
        details,
        person,
    })
}

/// The row's person with every phone and email it holds. The primary contact gets the
/// first phone and the first email; each further number is a contact of the same person
/// named by its label ("Zhang San · mobile"), each further email one of its own, so
/// an email is never paired with a number it has nothing to do with. A value that is no
/// phone or email is left out with a warning.
fn contacts(r: &mut Record, customer: &str) -> (Vec<NewContact>, Vec<(String, String)>, String) {
    let named = match r.get(Field::Contact) {
        "" => {
            let n = r.get(Field::Name);
            if n.is_empty() {
                join_name(r.get(Field::FirstName), r.get(Field::LastName))
            } else {
                n.to_string()
            }
        }
        c => c.to_string(),
    };
    // A name column beside a contact column (Odoo's lead title) is kept, not dropped.
    let name_col = r.get(Field::Name).to_string();
    if !r.get(Field::Contact).is_empty() && !name_col.is_empty() && name_col != customer {
        let column = r.column(Field::Name).to_string();
        r.keep_extra(&column, &name_col);
    }
    let person = if named == customer {
        String::new()
    } else {
        named.clone()
    };
    let contact_name = if named.is_empty() {
        customer.to_string()
    } else {
        named
    };
    let role = match r.get(Field::Role) {
        "" => Role::Other,
        s => match s.parse::<Role>() {
            Ok(role) => role,
            Err(e) => {
                r.drop_value(Field::Role, e.to_string());
                Role::Other
            }
        },
    };
    let style = match r.get(Field::Style) {
        "" => None,
        s => match s.parse::<Style>() {
            Ok(style) => Some(style),
            Err(e) => {
                r.drop_value(Field::Style, e.to_string());
                None
            }
        },
    };
    let mut phones = std::mem::take(&mut r.phones);
    let mut emails = std::mem::take(&mut r.emails);
    for (list, problem) in [
        (&mut phones, phone_problem as fn(&str) -> Option<String>),
        (&mut emails, email_problem),
    ] {
        list.retain(|p| match problem(&p.value) {
            Some(reason) => {
                r.warnings.push((p.column.clone(), reason));
                false
            }
            None => true,
        });
    }
    // A separate extension column (分机) belongs to the desk phone, not the mobile.
    let extension = r.get(Field::Extension).to_string();
    if !extension.is_empty() {
        let desk = phones
            .iter()
            .position(|p| {
                let what = format!("{} {}", p.label, p.column).to_lowercase();
                !["mobile", "cell", "手机", "移动"]
                    .iter()
                    .any(|m| what.contains(m))
            })
            .or(if phones.is_empty() { None } else { Some(0) });
        match desk {
            Some(i) if phones[i].extension.is_empty() => phones[i].extension = extension,
            _ => {
                let column = r.column(Field::Extension).to_string();
                r.keep_extra(&column, &extension);
            }
        }
    }
    if phones.is_empty() && emails.is_empty() && person.is_empty() {
        return (Vec::new(), Vec::new(), person);
    }
    let shown = |label: &str, ext: &str, i: usize| {
        let mut words: Vec<String> = Vec::new();
        if i > 0 && !label.is_empty() {
            words.push(label.to_string());
        }
        if !ext.is_empty() {
            words.push(format!("ext. {ext}"));
        }
        if words.is_empty() {
            contact_name.clone()
        } else {
            format!("{contact_name} · {}", words.join(" · "))
        }
    };
    let mut out = Vec::new();
    let mut details = Vec::new();
    let first_email = if emails.is_empty() {
        None
    } else {
        Some(emails.remove(0))
    };
    for (i, p) in phones.iter().enumerate() {
        out.push(NewContact {
            name: shown(&p.label, &p.extension, i),
            role: if i == 0 { role } else { Role::Other },
            phone: p.value.clone(),
            email: if i == 0 {
                first_email
                    .as_ref()
                    .map(|e| e.value.clone())
                    .unwrap_or_default()
            } else {
                String::new()
            },
            style: style.filter(|_| i == 0),
            birthday: None,
            primary: i == 0,
        });
        details.push((p.label.clone(), p.extension.clone()));
    }
    if phones.is_empty() {
        out.push(NewContact {
            name: contact_name.clone(),
            role,
            phone: String::new(),
            email: first_email
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            style,
            birthday: None,
            primary: true,
        });
        details.push((
            first_email.map(|e| e.label).unwrap_or_default(),
            String::new(),
        ));
    }
    for e in emails {
        out.push(NewContact {
            name: shown(&e.label, "", 1),
            role: Role::Other,
            phone: String::new(),
            email: e.value.clone(),
            style: None,
            birthday: None,
            primary: false,
        });
        details.push((e.label, String::new()));
    }
    (out, details, person)
}
