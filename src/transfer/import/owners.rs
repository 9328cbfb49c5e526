//! Owners named in a file, matched to reps by name (any case), made on the way with
//! `--create-reps`.

use std::collections::HashMap;

use crate::store::Transaction;

use super::Rejection;
use super::record::{Field, Record};
use crate::clock::Clock;
use crate::error::Result;
use crate::store::import as store;

pub struct Owners {
    by_name: HashMap<String, i64>,
    create: bool,
    pub created: Vec<String>,
}

impl Owners {
    pub fn load(tx: &Transaction, create: bool) -> Result<Owners> {
        let by_name = store::rep_names(tx)?
            .into_iter()
            .map(|(id, name)| (name.trim().to_lowercase(), id))
            .collect();
        Ok(Owners {
            by_name,
            create,
            created: Vec::new(),
        })
    }

    /// The owner of a row: the rep it names, or `default` when it names none; a
    /// rejection when it names one that does not exist and may not be made.
    pub fn of_row(
        &mut self,
        tx: &Transaction,
        record: &Record,
        default: Option<i64>,
        clock: &Clock,
    ) -> Result<std::result::Result<Option<i64>, Rejection>> {
        let name = record.get(Field::Owner);
        if name.is_empty() {
            return Ok(Ok(default));
        }
        Ok(self
            .resolve(tx, name, clock)?
            .map(Some)
            .map_err(|reason| Rejection::at(record, Field::Owner, reason)))
    }

    /// The rep's id, `Ok(Err(reason))` for a rep that does not exist and may not be made.
    pub fn resolve(
        &mut self,
        tx: &Transaction,
        name: &str,
        clock: &Clock,
    ) -> Result<std::result::Result<i64, String>> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = name.to_lowercase();
        if let Some(&id) = self.by_name.get(&key) {
            return Ok(Ok(id));
        }
        if !self.create {
            return Ok(Err(format!(
                "no rep named '{name}': add them with `calldeck rep add \"{name}\"` or pass --create-reps"
            )));
        }
        let id = store::create_rep(tx, &name, clock)?;
        self.by_name.insert(key, id);
        self.created.push(name);
        Ok(Ok(id))
    }
}
