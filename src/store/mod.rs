//! The SQLite store: opening, migrations and every query. rusqlite types stay in here;
//! the rest of calldeck sees domain types.

mod calls;
mod customers;
mod edits;
pub(crate) mod extra_fields;
pub(crate) mod import;
mod plans;
mod reports;
mod reps;
mod views;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

pub use calls::{CallRecord, RecordedCall, Undone};
pub(crate) use calls::{expire_contracts_in, record_call_in};
pub use customers::{Contact, Customer, CustomerEdit, HistoryEntry, NewContact, NewCustomer};
pub(crate) use customers::{import_won_contract, insert_customer, set_customer_state};
pub(crate) use plans::{plan_book_in, save_plan_in};
pub use reports::{
    Appointment, ClosedDeals, ComplaintRow, DealRecord, OpenDeals, StageMoves, WeekCall,
};
pub(crate) use reps::insert_rep;
pub use reps::{Rep, RepRole};
pub use views::{RepProgress, SearchItem, Tiers};

use crate::error::{Error, Result};

/// The numbered migrations, in order. A shipped migration is never edited: add a new one.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial", include_str!("migrations/0001_initial.sql")),
    (
        "0002_history_and_phone_search",
        include_str!("migrations/0002_history_and_phone_search.sql"),
    ),
    (
        "0003_report_indexes",
        include_str!("migrations/0003_report_indexes.sql"),
    ),
    (
        "0004_stage_history",
        include_str!("migrations/0004_stage_history.sql"),
    ),
    (
        "0006_import_keeps_everything",
        include_str!("migrations/0006_import_keeps_everything.sql"),
    ),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed, with owner-only permissions) and migrates the database.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_up_to(path, SCHEMA_VERSION)
    }

    /// Opens a database, applying migrations up to `version` only. Tests use it to make
    /// files of older schema versions.
    pub fn open_up_to(path: &Path, version: i64) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::invalid(format!(
                    "cannot create the database folder {}: {e}; choose another place with --db",
                    dir.display()
                ))
            })?;
        }
        let is_new = !path.exists();
        if is_new {
            create_private_file(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| {
            Error::invalid(format!(
                "cannot open the database {}: {e}; check the file and its permissions, or choose another with --db",
                path.display()
            ))
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let not_a_db = |e: rusqlite::Error| {
            Error::invalid(format!(
                "{} is not a calldeck database ({e}); choose another file with --db",
                path.display()
            ))
        };
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(not_a_db)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::invalid(format!(
                "cannot switch {} to WAL journaling (got {mode}); is it on a network drive?",
                path.display()
            )));
        }
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate(version)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self, target: i64) -> Result<()> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found >= target {
            return Ok(());
        }
        // All pending migrations in one transaction: a file is never left half-migrated.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version <= found || version > target {
                continue;
            }
            tx.execute_batch(sql).map_err(|e| {
                Error::invalid(format!(
                    "migration {name} failed: {e}; the file is unchanged"
                ))
            })?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Whether the file holds anything a person entered (customers or reps).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM reps)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// Row counts of every table, for `check` and for tests that assert nothing changed.
    pub fn row_counts(&self) -> Result<Vec<(String, i64)>> {
        let tables: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        tables
            .into_iter()
            .map(|t| {
                let n: i64 =
                    self.conn
                        .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))?;
                Ok((t, n))
            })
            .collect()
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`; returns the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| {
            Ok(format!(
                "row {} of {} points to a missing {}",
                r.get::<_, i64>(1)?,
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            ))
        })? {
            problems.push(row?);
        }
        let open_twice: i64 = self.conn.query_row(
            "SELECT count(*) FROM (SELECT customer_id FROM deals WHERE result = 'open' GROUP BY customer_id HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )?;
        if open_twice > 0 {
            problems.push(format!(
                "{open_twice} customers have more than one open deal"
            ));
        }
        Ok(problems)
    }

    /// A consistent copy of the live database, safe while others write to it.
    pub fn backup(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(Error::invalid(format!(
                "{} already exists: give a new file name for the backup",
                to.display()
            )));
        }
        self.conn
            .execute("VACUUM INTO ?1", [to.to_string_lossy()])
            .map_err(|e| {
                Error::invalid(format!("cannot write the backup {}: {e}", to.display()))
            })?;
        set_private(to)?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction for bulk work (demo, import); taken at once so that it never
    /// fails halfway for a lock.
    pub(crate) fn transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    pub fn open_complaint_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM complaints WHERE resolved_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }
}

fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(|_| ()).map_err(|e| {
        Error::invalid(format!(
            "cannot create the database {}: {e}; choose a writable place with --db",
            path.display()
        ))
    })
}

fn set_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io("cannot set permissions on", path, e))?;
    }
    Ok(())
}

// Conversions at the edge: timestamps are stored as UTC RFC 3339 text, days as
// YYYY-MM-DD, times as HH:MM.

pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

pub(crate) fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// A next call stored as a date column and an optional time column.
pub(crate) fn next_call_from(
    r: &rusqlite::Row,
    date: usize,
    time: usize,
) -> rusqlite::Result<Option<crate::domain::NextCall>> {
    let date = r
        .get::<_, Option<String>>(date)?
        .and_then(|d| parse_day(&d));
    let time = r.get::<_, Option<String>>(time)?.and_then(|t| parse_hm(&t));
    Ok(date.map(|date| crate::domain::NextCall { date, time }))
}

pub(crate) fn parse_hm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

#[cfg(test)]
mod tests;
