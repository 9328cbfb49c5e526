//! The store's own tests on both engines: SQLite always, PostgreSQL when CALLDECK_TEST_PG
//! names a server (a fresh database per test, dropped after it; skipped, said once,
//! without one).

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

thread_local! {
    static ON_PG: RefCell<Option<Vec<PgDb>>> = const { RefCell::new(None) };
}

static SKIPPED: Once = Once::new();
static NEXT: AtomicUsize = AtomicUsize::new(0);

pub(crate) fn server() -> Option<String> {
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

pub(crate) struct PgDb {
    url: String,
    admin: String,
    name: String,
}

impl PgDb {
    fn new(server: &str) -> PgDb {
        let name = format!(
            "calldeck_unit_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut client = postgres::Client::connect(server, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        client
            .batch_execute(&format!(
                "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"
            ))
            .unwrap();
        let (scheme, rest) = server.split_once("://").unwrap();
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        PgDb {
            url: format!("{scheme}://{authority}/{name}"),
            admin: server.to_string(),
            name,
        }
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

/// `dir/t.db`, or a fresh PostgreSQL database while the test runs under `on_postgres`.
pub(crate) fn address(dir: &Path) -> PathBuf {
    ON_PG.with(|on| match on.borrow_mut().as_mut() {
        Some(dbs) => {
            let db = PgDb::new(&server().expect("on_postgres checked the server"));
            let path = PathBuf::from(&db.url);
            dbs.push(db);
            path
        }
        None => dir.join("t.db"),
    })
}

/// Runs each test again on PostgreSQL.
pub(crate) fn on_postgres(tests: &[(&str, fn())]) {
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
