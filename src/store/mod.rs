//! The store: opening, migrations and every query, on a SQLite file or a PostgreSQL
//! database (`db` is the one place that tells them apart). Engine types stay in here;
//! the rest of calldeck sees domain types.

pub mod address;
mod calls;
mod complaints;
mod copy;
mod customers;
pub(crate) mod db;
mod edits;
mod exports;
pub(crate) mod extra_fields;
pub(crate) mod import;
mod method;
mod pg;
mod pg_open;
mod pg_tls;
mod plans;
mod reports;
mod reps;
mod snoozes;
mod views;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use rusqlite::OpenFlags;

use address::Address;
pub(crate) use db::Transaction;
use db::{Conn, DbError, OptionalExtension};

pub use calls::{CallRecord, RecordedCall, Undone};
pub(crate) use calls::{expire_contracts_in, record_call_in};
pub use complaints::Complaint;
pub use copy::CopyReport;
pub use customers::{
    Contact, Customer, CustomerEdit, HistoryEntry, NewContact, NewCustomer, parse_birthday,
};
pub(crate) use customers::{import_won_contract, insert_customer, set_customer_state};
pub use method::{ComplaintState, CustomerTiers, SatisfactionRow};
pub use plans::DayCalls;
pub(crate) use plans::{plan_book_in, save_plan_in};
pub use reports::{
    Appointment, ClosedDeals, ComplaintRow, DealRecord, OpenDeals, PlannedEntry, StageMoves,
    WeekCall,
};
pub(crate) use reps::insert_rep;
pub use reps::{Rep, RepRole};
pub use snoozes::UndoneSnooze;
pub use views::{RepProgress, SEARCH_PAGE, SearchItem, Tiers};

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
        "0005_promises_and_numbers",
        include_str!("migrations/0005_promises_and_numbers.sql"),
    ),
    (
        "0006_import_keeps_everything",
        include_str!("migrations/0006_import_keeps_everything.sql"),
    ),
    ("0007_snoozes", include_str!("migrations/0007_snoozes.sql")),
    (
        "0008_expected_close",
        include_str!("migrations/0008_expected_close.sql"),
    ),
    (
        "0009_sales_method",
        include_str!("migrations/0009_sales_method.sql"),
    ),
    (
        "0010_team_scale_indexes",
        include_str!("migrations/0010_team_scale_indexes.sql"),
    ),
    (
        "0011_contact_birthdays",
        include_str!("migrations/0011_contact_birthdays.sql"),
    ),
    (
        "0012_lost_deals_by_customer",
        include_str!("migrations/0012_lost_deals_by_customer.sql"),
    ),
    (
        "0013_method_figures_indexes",
        include_str!("migrations/0013_method_figures_indexes.sql"),
    ),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    conn: Conn,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed, with owner-only permissions) and migrates the database:
    /// a SQLite file at a path, or the PostgreSQL database a `postgres://` address names.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_up_to(path, SCHEMA_VERSION)
    }

    /// Opens a database for a command that only reads: a file the user may not write is
    /// opened read-only instead of refused. Anything else is as `open`.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        if address::classify(path)? == Address::Sqlite && path.exists() && !writable(path) {
            return Self::open_read_only(path);
        }
        Self::open(path)
    }

    /// Opens a database, applying migrations up to `version` only. Tests use it to make
    /// files of older schema versions.
    pub fn open_up_to(path: &Path, version: i64) -> Result<Store> {
        if let Address::Postgres(addr) = address::classify(path)? {
            let mut store = Store {
                conn: pg_open::connect(&addr)?,
                path: PathBuf::from(address::redact(&addr)),
            };
            pg_open::refuse_foreign(&store.conn, &store.path)?;
            store.migrate(version)?;
            return Ok(store);
        }
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
        if !path.exists() {
            create_database(path, version)?;
        }
        refuse_empty_file(path)?;
        if !writable(path) {
            return Err(Error::invalid(format!(
                "{} is read-only: make it writable (chmod u+w) to change it; show, export, report and check still read it",
                path.display()
            )));
        }
        let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        refuse_foreign(&conn, path)?;
        let conn = Conn::Sqlite(conn);
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_error(path, e))?;
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

    /// For a file that is being generated from scratch (the demo): up to `cache_mib` MiB of
    /// pages kept in memory, and commits that do not wait for the disk. A crash can lose
    /// the last commits but never corrupts the file (WAL), and the generator starts over.
    pub fn prepare_for_generation(&self, cache_mib: u32) -> Result<()> {
        if self.conn.is_pg() {
            // The same bargain on a server: a crash loses the last commits, never data.
            self.conn.execute_batch("SET synchronous_commit = off")?;
            return Ok(());
        }
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{}; PRAGMA synchronous = NORMAL;",
            u64::from(cache_mib) * 1024
        ))?;
        Ok(())
    }

    fn open_read_only(path: &Path) -> Result<Store> {
        refuse_empty_file(path)?;
        let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        refuse_foreign(&conn, path)?;
        let store = Store {
            conn: Conn::Sqlite(conn),
            path: path.to_path_buf(),
        };
        let found = store.schema_version().map_err(|e| match e {
            Error::Db(e) => open_error(path, e),
            e => e,
        })?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(Error::invalid(format!(
                "{} is read-only and was written by an older calldeck (schema version {found}): make it writable (chmod u+w) once so it can be upgraded",
                path.display()
            )));
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        version_of(&self.conn)
    }

    /// Which engine holds this store.
    pub fn is_postgres(&self) -> bool {
        self.conn.is_pg()
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
        let tx = self.transaction()?;
        // Another process may have migrated while we waited for the lock.
        let found = version_of(&tx)?;
        let migrations = if tx.is_pg() {
            pg_open::MIGRATIONS
        } else {
            MIGRATIONS
        };
        for (i, (name, sql)) in migrations.iter().enumerate() {
            let version = i as i64 + 1;
            if version <= found || version > target {
                continue;
            }
            tx.execute_batch(sql).map_err(|e| {
                Error::invalid(format!(
                    "migration {name} failed: {e}; the file is unchanged"
                ))
            })?;
            set_version(&tx, version)?;
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
            let mut stmt = self.conn.prepare(if self.conn.is_pg() {
                pg_open::TABLES_SQL
            } else {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            })?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<db::Result<_>>()?
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
        if self.conn.is_pg() {
            problems.extend(pg_open::check(&self.conn)?);
        } else {
            self.check_sqlite(&mut problems)?;
        }
        let open_twice: i64 = self.conn.query_row(
            "SELECT count(*) FROM (SELECT customer_id FROM deals WHERE result = 'open' GROUP BY customer_id HAVING count(*) > 1) t",
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

    fn check_sqlite(&self, problems: &mut Vec<String>) -> Result<()> {
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
        Ok(())
    }

    /// Refuses a damaged file before a call is written into it (`PRAGMA quick_check`:
    /// about 25 ms for the 14 MB demo file), so a logged call never lands beside damage
    /// that `check` would report.
    pub fn ensure_sound(&self) -> Result<()> {
        if self.conn.is_pg() {
            // The server keeps its own pages sound; there is no quick check to ask for.
            return Ok(());
        }
        let first: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .unwrap_or_else(|e| e.to_string());
        if first == "ok" {
            return Ok(());
        }
        Err(Error::invalid(format!(
            "{} is damaged ({first}); nothing was written: run `calldeck check` and restore from a backup",
            self.path.display()
        )))
    }

    /// A consistent copy of the live database, safe while others write to it. The copy
    /// is private from its first byte and appears at `to` only when complete.
    pub fn backup(&self, to: &Path, force: bool) -> Result<()> {
        if self.conn.is_pg() {
            return Err(Error::invalid(format!(
                "{} is a PostgreSQL database: back it up with the server's own tool, e.g. `pg_dump --format=custom --file={} DBNAME` (or ask your database administrator)",
                self.path.display(),
                to.display()
            )));
        }
        crate::files::write_private_with(to, force, |tmp| {
            // VACUUM INTO fills an empty file it is given and keeps its private mode.
            self.conn
                .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])
                .map(|_| ())
                .map_err(|e| {
                    Error::invalid(format!(
                        "cannot write the backup {}: {}",
                        to.display(),
                        db_message(&e)
                    ))
                })
        })
    }

    /// Empties a PostgreSQL database of calldeck's tables (a demo being rebuilt; `copy
    /// --force`), in one transaction. A SQLite file is replaced as a file instead.
    pub(crate) fn drop_all_tables(&self) -> Result<()> {
        if !self.conn.is_pg() {
            return Err(Error::invalid(
                "only a PostgreSQL database is emptied in place",
            ));
        }
        let tables = self.row_counts()?;
        let tx = self.transaction()?;
        for (t, _) in &tables {
            tx.execute_batch(&format!("DROP TABLE IF EXISTS \"{t}\" CASCADE"))?;
        }
        tx.execute_batch("DROP TABLE IF EXISTS calldeck_schema")?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Conn {
        &self.conn
    }

    /// The one way a write begins: every writer (calls, edits, plans, import, undo, demo)
    /// takes its transaction here. It is taken at once (`BEGIN IMMEDIATE`) because a
    /// deferred one that reads and then writes cannot wait for another writer: SQLite
    /// answers "database is locked" at the upgrade without applying the busy timeout.
    pub(crate) fn transaction(&self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction()?)
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

/// The schema version: SQLite keeps it in the file header, PostgreSQL in a table.
fn version_of(conn: &Conn) -> Result<i64> {
    if conn.is_pg() {
        return pg_open::version(conn);
    }
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn set_version(conn: &Conn, version: i64) -> Result<()> {
    match conn.sqlite() {
        Some(c) => c.pragma_update(None, "user_version", version)?,
        None => pg_open::set_version(conn, version)?,
    }
    Ok(())
}

fn connect(path: &Path, access: OpenFlags) -> Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open_with_flags(path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| {
            Error::invalid(format!(
                "cannot open the database {}: {e}; check the file and its permissions, or choose another with --db",
                path.display()
            ))
        })?;
    let mut conn = conn;
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(DbError::from)?;
    if std::env::var_os("CALLDECK_TRACE_SQL").is_some() {
        trace_statements(&mut conn)?;
    }
    // Recording a call, planning a day and the reports each cycle through more statements
    // than the default 16; re-preparing them was a fifth of a demo build's time.
    conn.set_prepared_statement_cache_capacity(64);
    // Plans that do not depend on the values bound: otherwise SQLite re-prepares a cached
    // statement each time a parameter it peeked at is rebound, which cost as much as not
    // caching it. Our queries spell their partial-index conditions as literals.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
    .map_err(DbError::from)?;
    Ok(conn)
}

/// `CALLDECK_TRACE_SQL=1`: every statement's run time and text on standard error, for
/// finding where a slow command spends its time.
fn trace_statements(conn: &mut rusqlite::Connection) -> Result<()> {
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_PROFILE,
        Some(|event: TraceEvent<'_>| {
            if let TraceEvent::Profile(stmt, took) = event {
                let sql = stmt.sql().split_whitespace().collect::<Vec<_>>().join(" ");
                eprintln!("{:9.3} ms  {sql}", took.as_secs_f64() * 1000.0);
            }
        }),
    )
    .map_err(DbError::from)?;
    Ok(())
}

/// Whether this process may write the file (its mode, its owner, a read-only mount).
fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .is_ok()
}

/// calldeck never leaves an empty file behind (a new database appears whole, see
/// `create_database`), so an empty one belongs to someone else and is not taken over.
fn refuse_empty_file(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == 0 => Err(Error::invalid(format!(
            "{} is an empty file calldeck did not make: delete it, or choose another file with --db",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// A SQLite file of another program (no schema version of ours, tables of its own) is
/// refused before anything is written to it: not even the journal mode is changed.
fn refuse_foreign(conn: &rusqlite::Connection, path: &Path) -> Result<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| open_error(path, e.into()))?;
    if version != 0 {
        return Ok(());
    }
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 4")
            .map_err(|e| open_error(path, e.into()))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
            .map_err(DbError::from)?
    };
    if tables.is_empty() {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{} is a SQLite file of another program (tables {}), not a calldeck database; it was left unchanged: choose another file with --db",
        path.display(),
        tables.join(", ")
    )))
}

/// What went wrong opening an existing file, told apart: not a database at all, a full
/// disk, a read-only place, or another failure.
fn open_error(path: &Path, e: DbError) -> Error {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::NotADatabase) => Error::invalid(format!(
            "{} is not a calldeck database ({e}); choose another file with --db",
            path.display()
        )),
        _ => Error::invalid(format!(
            "cannot open {}: {}",
            path.display(),
            db_message(&e)
        )),
    }
}

/// A database failure in the user's words; the full disk and the read-only file each have
/// their own, since the fix differs.
pub(crate) fn db_message(e: &DbError) -> String {
    use rusqlite::ErrorCode as C;
    if let DbError::Pg(_) = e {
        return pg_open::message(e);
    }
    match e.sqlite_error_code() {
        Some(C::DiskFull) => {
            "the disk is full: free some space and try again (nothing was saved)".to_string()
        }
        Some(C::SystemIoFailure) => format!(
            "{e}: is the disk full? free some space and try again (nothing was saved)"
        ),
        Some(C::DatabaseCorrupt) => format!(
            "{e}: the file is damaged; run `calldeck check` and restore from a backup (nothing was saved)"
        ),
        Some(C::ReadOnly) => "the database is read-only: make the file and its folder writable to change it (nothing was saved)".to_string(),
        Some(C::CannotOpen) => format!(
            "{e}: check that the folder exists and is writable, or choose another file with --db"
        ),
        Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => format!(
            "{e}: another calldeck held it for more than 10 seconds; try again"
        ),
        _ => format!("database error: {e}"),
    }
}

/// A new database is built under a temporary name beside `path` and linked into place
/// complete, so no one ever sees a half-made or empty file at `path`. When another
/// process made it first, theirs is kept.
fn create_database(path: &Path, version: i64) -> Result<()> {
    let tmp = crate::files::temp_sibling(path, "new");
    create_private_file(&tmp, path)?;
    let made = (|| -> Result<()> {
        let conn = connect(&tmp, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(DbError::from)?;
        let mut store = Store {
            conn: Conn::Sqlite(conn),
            path: tmp.clone(),
        };
        store.migrate(version)?;
        // Closing the only connection folds the WAL back into the file and removes it.
        drop(store);
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // A file system without hard links: a rename is atomic too.
            Err(_) if !path.exists() => {
                std::fs::rename(&tmp, path).map_err(|e| Error::io("cannot create", path, e))
            }
            Err(_) => Ok(()),
        }
    })();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = tmp.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    made.map_err(|e| match e {
        Error::Db(e) => Error::invalid(format!(
            "cannot create the database {}: {}",
            path.display(),
            db_message(&e)
        )),
        e => e,
    })
}

fn create_private_file(path: &Path, shown: &Path) -> Result<()> {
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
            shown.display()
        ))
    })
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
    r: &db::Row,
    date: usize,
    time: usize,
) -> db::Result<Option<crate::domain::NextCall>> {
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

#[cfg(test)]
mod open_tests;

#[cfg(test)]
pub(crate) mod test_engines;

#[cfg(test)]
mod query_plan_tests;
