//! Changing a customer after it was added: edits, moves between books, and the history
//! of what each change replaced.

use super::db::{OptionalExtension, params};

use super::customers::{
    CustomerEdit, HistoryEntry, NewContact, insert_contact, load_customer, record_history,
    set_field, set_value, validate_email, validate_name,
};
use super::{Customer, Store, day, parse_ts, ts};
use crate::clock::Clock;
use crate::domain::{Status, phone_digits};
use crate::error::{Error, Result};

impl Store {
    pub fn edit_customer(
        &mut self,
        id: i64,
        edit: &CustomerEdit,
        clock: &Clock,
    ) -> Result<Customer> {
        let now = clock.now_utc();
        if let Some(name) = &edit.name
            && name.trim().is_empty()
        {
            return Err(Error::invalid("a customer's name cannot be empty"));
        }
        if let Some(name) = &edit.name {
            validate_name(name.trim())?;
        }
        if let Some(phone) = &edit.phone {
            NewContact {
                phone: phone.clone(),
                ..NewContact::default()
            }
            .validate()?;
        }
        if let Some(email) = &edit.email {
            validate_email(email)?;
        }
        // Read inside the write lock, so the history records what this edit replaced even
        // when another rep edits the same customer at the same time.
        let tx = self.transaction()?;
        let before = load_customer(&tx, id)?;
        let text_fields = [
            ("name", &edit.name, &before.name),
            ("company", &edit.company, &before.company),
            ("industry", &edit.industry, &before.industry),
            ("region", &edit.region, &before.region),
            ("address", &edit.address, &before.address),
            ("source", &edit.source, &before.source),
        ];
        for (field, new, old) in text_fields {
            if let Some(new) = new {
                set_field(&tx, id, now, field, old, new.trim(), "edit")?;
            }
        }
        if let Some(value) = edit.value_cents {
            set_value(&tx, id, now, before.state.value_cents, value, "edit")?;
        }
        if !edit.add_tags.is_empty() {
            let mut tags = before.tags.clone();
            for t in &edit.add_tags {
                let t = t.trim().replace(',', " ");
                if !t.is_empty() && !tags.contains(&t) {
                    tags.push(t);
                }
            }
            set_field(
                &tx,
                id,
                now,
                "tags",
                &before.tags.join(","),
                &tags.join(","),
                "edit",
            )?;
        }
        if let Some(note) = &edit.note {
            let notes = if before.notes.is_empty() {
                note.trim().to_string()
            } else {
                format!("{}\n{}", before.notes, note.trim())
            };
            set_field(&tx, id, now, "notes", &before.notes, &notes, "edit")?;
        }
        if let Some(b) = edit.birthday {
            let old = before.birthday.map(day).unwrap_or_default();
            set_field(&tx, id, now, "birthday", &old, &day(b), "edit")?;
        }
        let primary = before
            .contacts
            .iter()
            .find(|c| c.primary)
            .or(before.contacts.first());
        for (field, value) in [("phone", &edit.phone), ("email", &edit.email)] {
            let Some(value) = value else { continue };
            let value = value.trim();
            match primary {
                Some(c) => {
                    let old = if field == "phone" { &c.phone } else { &c.email };
                    tx.execute(
                        &format!("UPDATE contacts SET {field} = ?2, phone_digits = CASE WHEN ?3 THEN ?4 ELSE phone_digits END, phone_bad = CASE WHEN ?3 THEN 0 ELSE phone_bad END WHERE id = ?1"),
                        params![c.id, value, field == "phone", phone_digits(value)],
                    )?;
                    record_history(&tx, id, now, field, old, value, "edit")?;
                }
                None => {
                    let contact = NewContact {
                        name: before.name.clone(),
                        phone: if field == "phone" {
                            value.to_string()
                        } else {
                            String::new()
                        },
                        email: if field == "email" {
                            value.to_string()
                        } else {
                            String::new()
                        },
                        primary: true,
                        ..NewContact::default()
                    };
                    insert_contact(&tx, id, &contact)?;
                    record_history(&tx, id, now, field, "", value, "edit")?;
                }
            }
        }
        let contact_change = edit.contact_role.is_some()
            || edit.contact_style.is_some()
            || edit.contact_birthday.is_some();
        if contact_change {
            let target = match edit.contact_id {
                Some(cid) => before.contacts.iter().find(|c| c.id == cid).ok_or_else(|| {
                    Error::invalid(format!(
                        "customer {id} has no contact {cid}: `calldeck show {id}` lists its contacts"
                    ))
                })?,
                None => primary.ok_or_else(|| {
                    Error::invalid(format!(
                        "customer {id} has no contact yet: add one with --phone or --email first"
                    ))
                })?,
            };
            let changes = [
                (
                    "role",
                    target.role.as_str().to_string(),
                    edit.contact_role.map(|r| r.as_str().to_string()),
                ),
                (
                    "style",
                    target
                        .style
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                    edit.contact_style.map(|s| s.as_str().to_string()),
                ),
                (
                    "birthday",
                    target.birthday.map(day).unwrap_or_default(),
                    edit.contact_birthday.map(day),
                ),
            ];
            for (column, old, new) in changes {
                let Some(new) = new else { continue };
                tx.execute(
                    &format!("UPDATE contacts SET {column} = ?2 WHERE id = ?1"),
                    params![target.id, new],
                )?;
                let field = format!("contact {} {column}", target.name);
                record_history(&tx, id, now, &field, &old, &new, "edit")?;
            }
        }
        for (key, value) in &edit.fields {
            let value = value.trim();
            let old: String = tx
                .query_row(
                    "SELECT value FROM customer_fields WHERE customer_id = ?1 AND name = ?2",
                    params![id, key],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_default();
            if value.is_empty() {
                tx.execute(
                    "DELETE FROM customer_fields WHERE customer_id = ?1 AND name = ?2",
                    params![id, key],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO customer_fields (customer_id, name, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT (customer_id, name) DO UPDATE SET value = excluded.value",
                    params![id, key, value],
                )?;
            }
            record_history(&tx, id, now, &format!("field {key}"), &old, value, "edit")?;
        }
        // A new number makes a customer marked "wrong number" callable again.
        if edit.phone.is_some() && before.state.status == Status::Invalid {
            tx.execute(
                "UPDATE customers SET status = 'active', attempts = 0 WHERE id = ?1",
                [id],
            )?;
            record_history(&tx, id, now, "status", "invalid", "active", "edit")?;
        }
        tx.execute(
            "UPDATE customers SET updated_at = ?2 WHERE id = ?1",
            params![id, ts(now)],
        )?;
        tx.commit()?;
        self.customer(id)
    }

    /// Moves customers (and their open deals) to another rep's book, all or none.
    pub fn assign(&mut self, ids: &[i64], to_rep: i64, clock: &Clock) -> Result<()> {
        let tx = self.transaction()?;
        let role: Option<(String, String)> = tx
            .query_row("SELECT name, role FROM reps WHERE id = ?1", [to_rep], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match role {
            Some((name, role)) if role == "lead" => {
                return Err(Error::invalid(format!(
                    "{name} is a lead and keeps no book of customers: assign them to a rep"
                )));
            }
            Some(_) => {}
            None => return Err(Error::invalid(format!("no rep with id {to_rep}"))),
        }
        let now = clock.now_utc();
        for &id in ids {
            let old: Option<Option<i64>> = tx
                .query_row("SELECT owner_id FROM customers WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            let Some(old) = old else {
                return Err(Error::NoCustomer(id));
            };
            tx.execute(
                "UPDATE customers SET owner_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, to_rep, ts(now)],
            )?;
            tx.execute(
                "UPDATE deals SET owner_id = ?2 WHERE customer_id = ?1 AND result = 'open'",
                params![id, to_rep],
            )?;
            let old = old.map(|o| o.to_string()).unwrap_or_default();
            record_history(
                &tx,
                id,
                now,
                "owner_id",
                &old,
                &to_rep.to_string(),
                "assign",
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The customer's change history, newest first.
    pub fn customer_history(&self, id: i64) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, field, old_value, new_value, source FROM customer_history
             WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    parse_ts(&r.get::<_, String>(0)?).unwrap_or_default(),
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?
            .collect::<super::db::Result<_>>()?;
        Ok(rows)
    }
}
