//! A CSV export read back by `calldeck import` gives the same customers.

use assert_cmd::cargo::cargo_bin_cmd;
use std::path::Path;

const NOW: &str = "2026-11-26T09:00:00+08:00";

fn run(dir: &Path, db: &Path, args: &[&str]) {
    std::fs::write(dir.join("none.toml"), "").unwrap();
    cargo_bin_cmd!("calldeck")
        .env("CALLDECK_DB", db)
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", dir.join("none.toml"))
        .env_remove("CALLDECK_REP")
        .args(args)
        .assert()
        .success();
}

fn book(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT c.name || '|' || c.company || '|' || c.industry || '|' || c.region || '|' || c.source
                    || '|' || r.name || '|' || c.value_cents || '|' || c.grade || '|'
                    || coalesce((SELECT phone || ' ' || email FROM contacts k WHERE k.customer_id = c.id AND k.is_primary = 1), '')
             FROM customers c JOIN reps r ON r.id = c.owner_id ORDER BY 1",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn exported_customers_import_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second, csv) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("customers.csv"),
    );
    run(
        dir.path(),
        &first,
        &[
            "demo",
            "--no-tui",
            "--reps",
            "2",
            "--customers",
            "300",
            "--days",
            "20",
        ],
    );
    run(
        dir.path(),
        &first,
        &[
            "--rep",
            "lead",
            "export",
            "customers",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    run(dir.path(), &second, &["rep", "add", "Alice"]);
    run(
        dir.path(),
        &second,
        &[
            "--rep",
            "Alice",
            "import",
            csv.to_str().unwrap(),
            "--create-reps",
        ],
    );
    let (a, b) = (book(&first), book(&second));
    assert_eq!(a.len(), 600);
    assert_eq!(a, b);
    assert!(
        b.iter().any(|row| row.contains("+86")),
        "phones keep their +, the export guard is removed"
    );
}
