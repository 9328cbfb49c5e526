//! The same calldeck on SQLite and on PostgreSQL: the same demo gives byte-identical
//! lists, reports and exports; a whole database copies either way; and on a server many
//! processes log and plan at once without an error or a lost call.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

#[path = "common/engines.rs"]
mod engines;

use engines::PgDb;

const NOW: &str = "2026-11-26T10:00:00+08:00";

fn cmd(db: &Path, config: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("calldeck");
    cmd.env("CALLDECK_DB", db)
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", config)
        .env_remove("CALLDECK_REP");
    cmd
}

fn out(db: &Path, config: &Path, args: &[&str]) -> Vec<u8> {
    let done = cmd(db, config).args(args).assert().success();
    done.get_output().stdout.clone()
}

/// The outputs the equivalence is judged on, by name.
fn outputs(db: &Path, config: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for rep in ["Alice", "Bruno", "Chen"] {
        all.push((
            format!("today {rep}"),
            out(db, config, &["--rep", rep, "today", "--format", "json"]),
        ));
    }
    let lead = |args: &[&str]| {
        let mut a = vec!["--rep", "lead"];
        a.extend_from_slice(args);
        out(db, config, &a)
    };
    all.push((
        "report weekly".into(),
        lead(&["report", "weekly", "--team", "--format", "json"]),
    ));
    all.push((
        "funnel".into(),
        lead(&["funnel", "--team", "--format", "json"]),
    ));
    all.push((
        "export customers".into(),
        lead(&["export", "customers", "--format", "json"]),
    ));
    all
}

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        Dir { dir }
    }
    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }
    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

const DEMO: &[&str] = &[
    "demo",
    "--no-tui",
    "--customers",
    "150",
    "--days",
    "30",
    "--seed",
    "11",
];

#[test]
fn the_same_demo_gives_the_same_lists_reports_and_exports_on_both_engines() {
    let Some(server) = engines::server() else {
        return;
    };
    let d = Dir::new();
    let sqlite = d.file("demo.db");
    out(&sqlite, &d.config(), DEMO);
    let pg = PgDb::new(&server);
    out(&pg.path(), &d.config(), DEMO);
    let on_sqlite = outputs(&sqlite, &d.config());
    let on_pg = outputs(&pg.path(), &d.config());
    for ((name, a), (_, b)) in on_sqlite.iter().zip(&on_pg) {
        assert!(a.len() > 50, "{name} gave almost nothing");
        assert!(
            a == b,
            "{name} differs: SQLite {} bytes, PostgreSQL {} bytes",
            a.len(),
            b.len()
        );
    }
}

#[test]
fn a_database_copies_to_postgresql_and_back_unchanged() {
    let Some(server) = engines::server() else {
        return;
    };
    let d = Dir::new();
    let sqlite = d.file("demo.db");
    out(&sqlite, &d.config(), DEMO);
    let pg = PgDb::new(&server);
    let said = String::from_utf8(out(
        &sqlite,
        &d.config(),
        &["copy", "--from", sqlite.to_str().unwrap(), "--to", &pg.url],
    ))
    .unwrap();
    assert!(said.contains("row counts match"), "{said}");
    // A second copy into the now full database is refused, and changes nothing.
    let refused = cmd(&sqlite, &d.config())
        .args(["copy", "--from", sqlite.to_str().unwrap(), "--to", &pg.url])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(err.contains("--force"), "{err}");
    let back = d.file("back.db");
    out(
        &sqlite,
        &d.config(),
        &["copy", "--from", &pg.url, "--to", back.to_str().unwrap()],
    );
    assert!(outputs(&sqlite, &d.config()) == outputs(&back, &d.config()));
    // New rows on the copy get ids after the copied ones.
    let active = engines::sql_count(
        &pg.path(),
        "SELECT min(c.id) FROM customers c JOIN reps r ON r.id = c.owner_id
         WHERE c.status = 'active' AND r.name = 'Alice'",
    )
    .to_string();
    out(
        &pg.path(),
        &d.config(),
        &[
            "--rep",
            "Alice",
            "log",
            &active,
            "--outcome",
            "no_answer",
            "--yes",
        ],
    );
    let calls = engines::sql_count(&pg.path(), "SELECT count(*) FROM calls");
    let max = engines::sql_count(&pg.path(), "SELECT max(id) FROM calls");
    assert_eq!(calls, max, "ids stay dense after a copy");
}

/// A call logged moments after another rep's on the same customer is kept and told.
fn another_reps_call_moments_before_is_told_on(db: &Path, config: &Path) {
    let run = |now: &str, args: &[&str]| {
        cmd(db, config)
            .env("CALLDECK_NOW", now)
            .args(args)
            .assert()
            .success()
    };
    run(NOW, &["rep", "add", "Chen"]);
    run(NOW, &["rep", "add", "Dana"]);
    run(
        NOW,
        &[
            "--rep",
            "Chen",
            "add",
            "--name",
            "Acme",
            "--phone",
            "+86 138 0000 1111",
        ],
    );
    run(NOW, &["--rep", "Chen", "assign", "1", "--to", "Chen"]);
    let first = run(
        NOW,
        &["--rep", "Chen", "log", "1", "--outcome", "no_answer"],
    );
    assert!(first.get_output().stderr.is_empty());
    let second = run(
        "2026-11-26T10:00:20+08:00",
        &["--rep", "Dana", "log", "1", "--outcome", "reached", "--yes"],
    );
    let told = String::from_utf8_lossy(&second.get_output().stderr).to_string();
    assert!(
        told.contains("Chen logged a call to this customer 20 s ago"),
        "{told}"
    );
    let calls = engines::sql_count(db, "SELECT count(*) FROM calls WHERE void = 0");
    assert_eq!(calls, 2, "both calls are kept");
}

#[test]
fn another_reps_call_moments_before_is_told_on_both_engines() {
    let d = Dir::new();
    another_reps_call_moments_before_is_told_on(&d.file("t.db"), &d.config());
    if let Some(server) = engines::server() {
        let pg = PgDb::new(&server);
        another_reps_call_moments_before_is_told_on(&pg.path(), &d.config());
    }
}

/// Active customers of each rep: (rep, customer ids).
fn books(db: &Path) -> Vec<(String, Vec<i64>)> {
    let mut c = postgres::Client::connect(&db.to_string_lossy(), postgres::NoTls).unwrap();
    let mut books: Vec<(String, Vec<i64>)> = Vec::new();
    for row in c
        .query(
            "SELECT r.name, c.id FROM customers c JOIN reps r ON r.id = c.owner_id
             WHERE c.status = 'active' ORDER BY r.name, c.id",
            &[],
        )
        .unwrap()
    {
        let (rep, id): (String, i64) = (row.get(0), row.get(1));
        match books.last_mut() {
            Some((r, ids)) if *r == rep => ids.push(id),
            _ => books.push((rep, vec![id])),
        }
    }
    books
}

#[test]
fn twenty_processes_log_for_four_reps_at_once_without_an_error_or_a_lost_call() {
    let Some(server) = engines::server() else {
        return;
    };
    let d = Dir::new();
    let pg = PgDb::new(&server);
    out(
        &pg.path(),
        &d.config(),
        &[
            "demo",
            "--no-tui",
            "--reps",
            "4",
            "--customers",
            "40",
            "--days",
            "3",
        ],
    );
    let books = books(&pg.path());
    assert_eq!(books.len(), 4, "{books:?}");
    let before = engines::sql_count(&pg.path(), "SELECT count(*) FROM calls");
    const PROCESSES: usize = 20;
    const CALLS_EACH: usize = 5;
    let bin = assert_cmd::cargo::cargo_bin!("calldeck");
    let workers: Vec<_> = (0..PROCESSES)
        .map(|p| {
            let (rep, ids) = books[p % 4].clone();
            let db = pg.url.clone();
            let config = d.config();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..CALLS_EACH {
                    let id = ids[(p / 4 * CALLS_EACH + i) % ids.len()].to_string();
                    let o = std::process::Command::new(bin)
                        .env("CALLDECK_DB", &db)
                        .env("CALLDECK_NOW", NOW)
                        .env("CALLDECK_CONFIG", &config)
                        .args(["--rep", &rep, "log", &id, "--outcome", "no_answer", "--yes"])
                        .output()
                        .unwrap();
                    if !o.status.success() {
                        failures.push(String::from_utf8_lossy(&o.stderr).to_string());
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    let after = engines::sql_count(&pg.path(), "SELECT count(*) FROM calls");
    assert_eq!(
        after - before,
        (PROCESSES * CALLS_EACH) as i64,
        "no call lost"
    );
}

#[test]
fn two_processes_opening_the_same_reps_day_leave_one_plan() {
    let Some(server) = engines::server() else {
        return;
    };
    let d = Dir::new();
    let pg = PgDb::new(&server);
    out(
        &pg.path(),
        &d.config(),
        &[
            "demo",
            "--no-tui",
            "--reps",
            "1",
            "--customers",
            "120",
            "--days",
            "3",
        ],
    );
    let bin = assert_cmd::cargo::cargo_bin!("calldeck");
    // Later days than the demo planned, each opened by two processes at once.
    for day in ["2026-11-27", "2026-11-30", "2026-12-01"] {
        let now = format!("{day}T09:00:00+08:00");
        let children: Vec<_> = (0..2)
            .map(|_| {
                std::process::Command::new(bin)
                    .env("CALLDECK_DB", &pg.url)
                    .env("CALLDECK_NOW", &now)
                    .env("CALLDECK_CONFIG", d.config())
                    .args(["--rep", "Alice", "today", "--format", "json"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let lists: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        for l in &lists {
            assert!(l.status.success(), "{}", String::from_utf8_lossy(&l.stderr));
        }
        assert!(
            lists[0].stdout == lists[1].stdout,
            "both show the one frozen list"
        );
        let plans = engines::sql_count(
            &pg.path(),
            &format!("SELECT count(*) FROM plans WHERE day = '{day}'"),
        );
        assert_eq!(plans, 1, "{day}");
    }
}

#[test]
fn an_address_of_another_kind_is_refused_in_one_line_and_makes_nothing() {
    let d = Dir::new();
    let refused = cargo_bin_cmd!("calldeck")
        .current_dir(d.dir.path())
        .env("CALLDECK_CONFIG", d.config())
        .args(["--db", "mysql://chen@db.example/sales", "rep", "list"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(
        err.contains("not mysql://") && err.lines().count() == 1,
        "{err}"
    );
    assert!(!d.dir.path().join("mysql:").exists(), "no folder made");
    let refused = cargo_bin_cmd!("calldeck")
        .current_dir(d.dir.path())
        .env("CALLDECK_CONFIG", d.config())
        .args([
            "--db",
            "postgres://chen:hunter2@db.example/sales",
            "rep",
            "list",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(
        err.contains("PGPASSWORD") && !err.contains("hunter2"),
        "{err}"
    );
}

#[test]
fn a_server_database_of_a_newer_calldeck_is_refused_naming_both_versions() {
    let Some(server) = engines::server() else {
        return;
    };
    let d = Dir::new();
    let pg = PgDb::new(&server);
    out(&pg.path(), &d.config(), &["rep", "add", "alice"]);
    let backup = cmd(&pg.path(), &d.config())
        .args(["backup", d.file("b.dump").to_str().unwrap()])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&backup.get_output().stderr).to_string();
    assert!(err.contains("pg_dump"), "{err}");
    assert!(!d.file("b.dump").exists());
    let check = String::from_utf8(out(&pg.path(), &d.config(), &["check"])).unwrap();
    let version = format!("schema version {}", calldeck::store::SCHEMA_VERSION);
    assert!(check.contains(&version), "{check}");
    engines::sql_batch(&pg.path(), "UPDATE calldeck_schema SET version = 99");
    let refused = cmd(&pg.path(), &d.config())
        .args(["rep", "list"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(
        err.contains("schema version 99") && err.contains("up to version"),
        "{err}"
    );
    cmd(&pg.path(), &d.config())
        .args(["check"])
        .assert()
        .failure();
}
