//! What the import tests share: the data folder, a fixed clock and a database per test.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

pub mod engines;

use std::path::{Path, PathBuf};

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::store::Store;
use calldeck::transfer::import::{ImportOptions, ImportReport, import_bytes, import_file};

pub const NOW: &str = "2026-11-26T10:00:00+08:00";

/// A file of the shared test data, which sits beside the repository.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel)
}

pub struct Db {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = engines::address(dir.path());
        let store = Store::open(&path).unwrap();
        Db {
            _dir: dir,
            path,
            store,
        }
    }

    pub fn import(
        &mut self,
        file: &Path,
        options: &ImportOptions,
    ) -> calldeck::Result<ImportReport> {
        import_file(
            &mut self.store,
            file,
            options,
            &Config::default(),
            &Clock::parse(NOW).unwrap(),
        )
    }

    /// Imports bytes as if read from a file called `name`.
    pub fn import_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> calldeck::Result<ImportReport> {
        import_bytes(
            &mut self.store,
            Path::new(name),
            bytes.to_vec(),
            options,
            &Config::default(),
            &Clock::parse(NOW).unwrap(),
        )
    }

    /// The database for SQL the tests read it with; a PostgreSQL database is read through
    /// a fresh SQLite copy of it (`copy` checks the two hold the same rows).
    pub fn sql(&self) -> rusqlite::Connection {
        if !self.path.to_string_lossy().starts_with("postgres") {
            return rusqlite::Connection::open(&self.path).unwrap();
        }
        let snapshot = self._dir.path().join("snapshot.db");
        let _ = std::fs::remove_file(&snapshot);
        let mut copy = Store::open(&snapshot).unwrap();
        self.store.copy_into(&mut copy, false).unwrap();
        drop(copy);
        rusqlite::Connection::open(&snapshot).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.sql().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    pub fn counts(&self) -> Vec<(String, i64)> {
        self.store.row_counts().unwrap()
    }

    /// (name, company, primary phone, primary email) of every customer, in id order.
    pub fn customers(&self) -> Vec<(String, String, String, String)> {
        let conn = self.sql();
        let mut stmt = conn
            .prepare(
                "SELECT c.name, c.company,
                    coalesce((SELECT phone FROM contacts k WHERE k.customer_id = c.id AND is_primary), ''),
                    coalesce((SELECT email FROM contacts k WHERE k.customer_id = c.id AND is_primary), '')
                 FROM customers c ORDER BY c.id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }
}
