//! The exports' rows, read one at a time and handed to a callback, so an export of a
//! million calls holds one row in memory and not the table. Each reads `owner`'s book
//! (the calls they made, the customers and deals they own) or everyone's when `None`.

use super::calls::{CALL_COLUMNS, call_from_row};
use super::customers::{CUSTOMER_COLUMNS, contact_from_row, customer_from_row};
use super::reports::{DEAL_COLUMNS, deal_from_row};
use super::{CallRecord, Customer, DealRecord, Store};
use crate::error::Result;

/// ` WHERE <column> = ?1` when there is an owner (a separate statement, so the index on
/// the column serves it), nothing when there is none.
fn owner_clause(owner: Option<i64>, column: &str) -> String {
    match owner {
        Some(_) => format!(" WHERE {column} = ?1"),
        None => String::new(),
    }
}

fn owner_params(owner: &Option<i64>) -> Vec<&dyn super::db::ToSql> {
    match owner {
        Some(id) => vec![id as &dyn super::db::ToSql],
        None => Vec::new(),
    }
}

impl Store {
    /// Every call (void ones included, marked), oldest first.
    pub fn for_each_call(
        &self,
        owner: Option<i64>,
        mut each: impl FnMut(CallRecord) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {CALL_COLUMNS}{} ORDER BY k.at, k.id",
            owner_clause(owner, "k.rep_id")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = stmt.query(owner_params(&owner).as_slice())?;
        while let Some(row) = rows.next()? {
            each(call_from_row(row)?)?;
        }
        Ok(())
    }

    /// Every deal, by id.
    pub fn for_each_deal(
        &self,
        owner: Option<i64>,
        mut each: impl FnMut(DealRecord) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS}{} ORDER BY d.id",
            owner_clause(owner, "d.owner_id")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = stmt.query(owner_params(&owner).as_slice())?;
        while let Some(row) = rows.next()? {
            each(deal_from_row(row)?)?;
        }
        Ok(())
    }

    /// Every customer with their contacts (primary first), by id. The contacts are read
    /// alongside in the same order and matched as the two walk forward together.
    pub fn for_each_customer(
        &self,
        owner: Option<i64>,
        mut each: impl FnMut(Customer) -> Result<()>,
    ) -> Result<()> {
        let clause = owner_clause(owner, "c.owner_id");
        let mut customers = self.conn().prepare(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c LEFT JOIN reps r ON r.id = c.owner_id
             {clause} ORDER BY c.id"
        ))?;
        let mut contacts = self.conn().prepare(&format!(
            "SELECT k.id, k.name, k.role, k.phone, k.email, k.style, k.is_primary, k.phone_bad,
                    k.birthday, k.customer_id
             FROM contacts k JOIN customers c ON c.id = k.customer_id{clause}
             ORDER BY k.customer_id, k.is_primary DESC, k.id"
        ))?;
        let params = owner_params(&owner);
        let mut customer_rows = customers.query(params.as_slice())?;
        let mut contact_rows = contacts.query(params.as_slice())?;
        let mut pending = match contact_rows.next()? {
            Some(row) => Some((row.get::<_, i64>(9)?, contact_from_row(row)?)),
            None => None,
        };
        while let Some(row) = customer_rows.next()? {
            let mut customer = customer_from_row(row)?;
            while let Some((customer_id, contact)) = pending.take() {
                if customer_id > customer.id {
                    pending = Some((customer_id, contact));
                    break;
                }
                if customer_id == customer.id {
                    customer.contacts.push(contact);
                }
                pending = match contact_rows.next()? {
                    Some(row) => Some((row.get::<_, i64>(9)?, contact_from_row(row)?)),
                    None => None,
                };
            }
            each(customer)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::clock::Clock;
    use crate::config::Config;
    use crate::demo::{DemoOptions, build};

    #[test]
    fn a_books_rows_come_one_by_one_with_the_same_contacts_as_the_card() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.db");
        let clock = Clock::parse("2026-11-26T09:00:00+08:00").unwrap();
        let opts = DemoOptions {
            reps: 3,
            customers: 40,
            days: 5,
            seed: 9,
            calls_per_day: None,
        };
        let summary = build(&path, &opts, &Config::default(), &clock).unwrap();
        let store = super::Store::open(&path).unwrap();
        let rep = store.rep_by_name(&summary.first_rep).unwrap().unwrap();

        let mut seen = Vec::new();
        store
            .for_each_customer(Some(rep.id), |c| {
                assert_eq!(c.owner_id, Some(rep.id));
                assert_eq!(c.contacts, store.customer(c.id)?.contacts, "{}", c.name);
                seen.push(c.id);
                Ok(())
            })
            .unwrap();
        assert_eq!(seen.len(), 40);
        assert!(seen.windows(2).all(|w| w[0] < w[1]));

        let all: Vec<i64> = store.all_calls().unwrap().iter().map(|k| k.id).collect();
        let mut streamed = Vec::new();
        store
            .for_each_call(None, |k| {
                streamed.push(k.id);
                Ok(())
            })
            .unwrap();
        assert_eq!(streamed, all);
        let mut mine = 0;
        store
            .for_each_call(Some(rep.id), |k| {
                assert_eq!(k.rep, rep.name);
                mine += 1;
                Ok(())
            })
            .unwrap();
        assert!(mine > 0 && mine < all.len());

        // A callback's error stops the walk and is returned as it is.
        let mut n = 0;
        let err = store
            .for_each_deal(None, |_| {
                n += 1;
                Err(crate::Error::invalid("the disk is full"))
            })
            .unwrap_err();
        assert_eq!((n, err.to_string().as_str()), (1, "the disk is full"));
    }
}
