//! The engines a test suite runs on: SQLite always; PostgreSQL when CALLDECK_TEST_PG holds
//! a server address (a fresh database per test, dropped after it). A suite's helpers ask
//! `address(dir)` for the database to use, and `on_postgres` runs its engine-neutral tests
//! a second time on PostgreSQL.
#![allow(dead_code)]

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

thread_local! {
    /// The PostgreSQL databases made for the test running on this thread, when it runs
    /// on PostgreSQL.
    static ON_PG: RefCell<Option<Vec<PgDb>>> = const { RefCell::new(None) };
}

static SKIPPED: Once = Once::new();
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The server from CALLDECK_TEST_PG, or None (saying once that PostgreSQL is skipped).
pub fn server() -> Option<String> {
    match std::env::var("CALLDECK_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            // Past the test harness's capture, so a passing run shows it too.
            SKIPPED.call_once(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "PostgreSQL tests skipped: set CALLDECK_TEST_PG"
                );
            });
            None
        }
    }
}

/// A database of its own on the test server, dropped with this value.
pub struct PgDb {
    pub url: String,
    admin: String,
    name: String,
}

impl PgDb {
    pub fn new(server: &str) -> PgDb {
        let name = format!(
            "calldeck_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut client = postgres::Client::connect(server, postgres::NoTls)
            .unwrap_or_else(|e| panic!("CALLDECK_TEST_PG {server}: {e}"));
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        client
            .batch_execute(&format!(
                "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"
            ))
            .unwrap();
        PgDb {
            url: with_dbname(server, &name),
            admin: server.to_string(),
            name,
        }
    }

    pub fn path(&self) -> PathBuf {
        PathBuf::from(&self.url)
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The server's URL naming another database.
pub fn with_dbname(server: &str, name: &str) -> String {
    let (scheme, rest) = server
        .split_once("://")
        .expect("CALLDECK_TEST_PG is a postgres:// URL");
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    format!("{scheme}://{authority}/{name}")
}

/// Where a test's database is: `dir/t.db`, or a fresh PostgreSQL database while the test
/// runs under `on_postgres`.
pub fn address(dir: &Path) -> PathBuf {
    ON_PG.with(|on| match on.borrow_mut().as_mut() {
        Some(dbs) => {
            let db = PgDb::new(&server().expect("on_postgres checked the server"));
            let path = db.path();
            dbs.push(db);
            path
        }
        None => dir.join("t.db"),
    })
}

/// Whether the test on this thread runs on PostgreSQL.
pub fn is_pg() -> bool {
    ON_PG.with(|on| on.borrow().is_some())
}

/// Runs each test again with its databases on PostgreSQL; skipped (said once) without
/// a server.
pub fn on_postgres(tests: &[(&str, fn())]) {
    if server().is_none() {
        return;
    }
    for (name, test) in tests {
        eprintln!("on PostgreSQL: {name}");
        ON_PG.with(|on| *on.borrow_mut() = Some(Vec::new()));
        let result = std::panic::catch_unwind(test);
        ON_PG.with(|on| *on.borrow_mut() = None);
        if let Err(e) = result {
            std::panic::resume_unwind(e);
        }
    }
}

/// Runs SQL on a test's database directly, SQLite file or PostgreSQL.
pub fn sql_batch(db: &Path, sql: &str) {
    let text = db.to_string_lossy();
    if text.starts_with("postgres") {
        let mut c = postgres::Client::connect(&text, postgres::NoTls).unwrap();
        c.batch_execute(sql).unwrap();
    } else {
        rusqlite::Connection::open(db)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
    }
}

/// The one integer a query gives, on either engine.
pub fn sql_count(db: &Path, sql: &str) -> i64 {
    let text = db.to_string_lossy();
    if text.starts_with("postgres") {
        let mut c = postgres::Client::connect(&text, postgres::NoTls).unwrap();
        c.query_one(sql, &[]).unwrap().get::<_, i64>(0)
    } else {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }
}
