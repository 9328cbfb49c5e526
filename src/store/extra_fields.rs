//! What an import keeps beyond calldeck's own fields: extra fields by column name,
//! other CRMs' record ids, and each contact's label and extension.

use std::collections::HashMap;

use super::db::{OptionalExtension, Transaction, params};
use chrono::NaiveDate;

use super::customers::{NewContact, insert_contact};
use super::{Store, day};
use crate::error::Result;

impl Store {
    /// A customer's extra fields, in the order they were first kept.
    pub fn extra_fields(&self, customer_id: i64) -> Result<Vec<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached(self.conn().pick(
                "SELECT name, value FROM customer_fields WHERE customer_id = ?1 ORDER BY rowid",
                "SELECT name, value FROM customer_fields WHERE customer_id = ?1 ORDER BY seq",
            ))?
            .query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<super::db::Result<_>>()?)
    }

    /// Every extra field's name, in first-seen order: the columns an export adds.
    pub fn extra_field_names(&self) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare(self.conn().pick(
                "SELECT name FROM customer_fields GROUP BY name ORDER BY min(rowid)",
                "SELECT name FROM customer_fields GROUP BY name ORDER BY min(seq)",
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<super::db::Result<_>>()?)
    }

    /// Each contact's (id, label, extension), where it has either.
    pub fn contact_details(&self, customer_id: i64) -> Result<Vec<(i64, String, String)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, label, extension FROM contacts
                 WHERE customer_id = ?1 AND (label <> '' OR extension <> '') ORDER BY id",
            )?
            .query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<super::db::Result<_>>()?)
    }
}

/// Keeps extra fields; a field the customer has already takes the newer value.
pub(crate) fn keep_extra_fields(
    tx: &Transaction,
    customer_id: i64,
    fields: &[(String, String)],
) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO customer_fields (customer_id, name, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (customer_id, name) DO UPDATE SET value = excluded.value",
    )?;
    for (name, value) in fields {
        stmt.execute(params![customer_id, name, value])?;
    }
    Ok(fields.len())
}

/// Every record id other CRMs gave a customer.
pub(crate) fn external_ids(tx: &Transaction) -> Result<HashMap<String, i64>> {
    Ok(tx
        .prepare("SELECT external_id, customer_id FROM external_ids")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<super::db::Result<_>>()?)
}

pub(crate) fn add_external_id(tx: &Transaction, external_id: &str, customer_id: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO external_ids (external_id, customer_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?
    .execute(params![external_id, customer_id])?;
    Ok(())
}

/// Gives a new customer's contacts, in the order they were inserted, their labels and
/// extensions.
pub(crate) fn label_contacts(
    tx: &Transaction,
    customer_id: i64,
    details: &[(String, String)],
) -> Result<()> {
    if details.iter().all(|(l, e)| l.is_empty() && e.is_empty()) {
        return Ok(());
    }
    let ids: Vec<i64> = tx
        .prepare_cached("SELECT id FROM contacts WHERE customer_id = ?1 ORDER BY id")?
        .query_map([customer_id], |r| r.get(0))?
        .collect::<super::db::Result<_>>()?;
    let mut stmt =
        tx.prepare_cached("UPDATE contacts SET label = ?2, extension = ?3 WHERE id = ?1")?;
    for (id, (label, extension)) in ids.iter().zip(details) {
        stmt.execute(params![id, label, extension])?;
    }
    Ok(())
}

/// Adds one contact with its label and extension to a customer already in the book.
pub(crate) fn add_contact(
    tx: &Transaction,
    customer_id: i64,
    contact: &NewContact,
    label: &str,
    extension: &str,
) -> Result<()> {
    contact.validate()?;
    insert_contact(tx, customer_id, contact)?;
    tx.prepare_cached("UPDATE contacts SET label = ?2, extension = ?3 WHERE id = ?1")?
        .execute(params![tx.last_insert_rowid()?, label, extension])?;
    Ok(())
}

/// Whether a customer has a primary contact yet.
pub(crate) fn has_primary_contact(tx: &Transaction, customer_id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM contacts WHERE customer_id = ?1 AND is_primary = 1")?
        .query_row([customer_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Whether a customer already has a contact of this name (any label after " · ").
pub(crate) fn has_contact_named(tx: &Transaction, customer_id: i64, name: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM contacts WHERE customer_id = ?1
             AND (lower(name) = lower(?2) OR lower(name) LIKE lower(?2) || ' · %')",
        )?
        .query_row(params![customer_id, name], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn customer_name(tx: &Transaction, customer_id: i64) -> Result<String> {
    Ok(tx
        .prepare_cached("SELECT name FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// A customer the file says was lost: its open deal closes as lost on `on`.
pub(crate) fn mark_lost(tx: &Transaction, customer_id: i64, on: NaiveDate) -> Result<()> {
    tx.prepare_cached(
        "UPDATE deals SET result = 'lost', closed_on = ?2 WHERE customer_id = ?1 AND result = 'open'",
    )?
    .execute(params![customer_id, day(on)])?;
    tx.prepare_cached("UPDATE customers SET status = 'lost' WHERE id = ?1")?
        .execute([customer_id])?;
    Ok(())
}
