//! The command line, run as a user runs it: a real binary on a temporary database, a fixed
//! clock, and checks of stdout, stderr, the exit code and the rows in the file.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use calldeck::store::Store;
use serde_json::Value;

#[path = "common/engines.rs"]
mod engines;

const NOW: &str = "2026-11-26T10:00:00+08:00";

struct Env {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        let db = engines::address(dir.path());
        Env { dir, db }
    }

    fn db(&self) -> PathBuf {
        self.db.clone()
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("calldeck");
        cmd.env("CALLDECK_DB", self.db())
            .env("CALLDECK_NOW", NOW)
            .env("CALLDECK_CONFIG", self.dir.path().join("config.toml"))
            .env_remove("CALLDECK_REP");
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// A rep and two customers.
    fn with_book(self) -> Env {
        self.ok(&["rep", "add", "alice"]);
        assert_eq!(
            self.ok(&[
                "add",
                "--name",
                "华美贸易",
                "--phone",
                "+86 138 0000 1111",
                "--grade",
                "B",
                "--value",
                "¥12,000"
            ])
            .trim(),
            "1"
        );
        assert_eq!(
            self.ok(&[
                "add",
                "--name",
                "Northwind",
                "--contact",
                "Mary Smith;buyer;+44 7700 900123"
            ])
            .trim(),
            "2"
        );
        self
    }

    fn counts(&self) -> Vec<(String, i64)> {
        Store::open(&self.db()).unwrap().row_counts().unwrap()
    }
}

fn fails(cmd: &mut assert_cmd::Command, code: i32, want: &str) {
    let out = cmd.assert().failure().code(code);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(want),
        "stderr {stderr:?} should contain {want:?}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr:?}");
}

#[test]
fn show_json_has_the_contract_fields() {
    let env = Env::new().with_book();
    let v = env.json(&["show", "1", "--format", "json"]);
    for key in [
        "id",
        "name",
        "company",
        "owner",
        "stage",
        "intent",
        "grade",
        "status",
        "next_call",
        "last_contact",
        "attempts",
        "contacts",
        "calls",
        "score",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["owner"], "alice");
    assert_eq!(v["grade"], "B");
    assert_eq!(v["value_cents"], 1_200_000);
    assert_eq!(v["contacts"][0]["phone"], "+86 138 0000 1111");
}

#[test]
fn log_no_answer_schedules_the_next_working_day_and_undo_restores() {
    let env = Env::new().with_book();
    let out = env.ok(&["log", "1", "--outcome", "no_answer"]);
    assert!(out.contains("next call Fri 27 Nov"), "{out}");
    let v = env.json(&["show", "1", "--format", "json"]);
    assert_eq!(v["attempts"], 1);
    assert_eq!(v["next_call"], "2026-11-27");
    assert_eq!(v["calls"][0]["outcome"], "no_answer");
    assert_eq!(v["last_contact"], "2026-11-26T02:00:00+00:00");

    let out = env.ok(&["undo"]);
    assert!(out.contains("Voided call #1 (no_answer)"), "{out}");
    let v = env.json(&["show", "1", "--format", "json"]);
    assert_eq!(v["attempts"], 0);
    assert_eq!(v["next_call"], Value::Null);
    assert_eq!(v["calls"][0]["void"], true);
}

#[test]
fn log_with_choices_and_a_win() {
    let env = Env::new().with_book();
    env.ok(&[
        "log",
        "1",
        "--outcome",
        "callback",
        "--next",
        "fri 15:00",
        "--note",
        "wants price list",
    ]);
    let v = env.json(&["show", "1", "--format", "json"]);
    assert_eq!(v["next_call"], "2026-11-27T15:00");
    assert_eq!(v["calls"][0]["note"], "wants price list");
    // A second call on a customer already called today is asked about first.
    let refused = env
        .cmd()
        .args(["log", "1", "--outcome", "won", "--value", "15000"])
        .assert()
        .code(1);
    let err = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("second call today") && err.contains("--yes"),
        "{err}"
    );
    let out = env.ok(&[
        "log",
        "1",
        "--outcome",
        "won",
        "--value",
        "15000",
        "--yes",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["stage"], 6);
    let card = env.json(&["show", "1", "--format", "json"]);
    assert_eq!(card["contract"]["status"], "active");
    assert_eq!(card["contract"]["value_cents"], 1_500_000);
}

#[test]
fn bad_input_gets_one_clear_line_and_changes_nothing() {
    let env = Env::new().with_book();
    env.ok(&["log", "2", "--outcome", "reached"]);
    let before = env.counts();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["show", "999"], 1, "no customer with id 999"),
        (
            vec!["log", "999", "--outcome", "no_answer"],
            1,
            "no customer with id 999",
        ),
        (
            vec!["log", "1", "--outcome", "hung_up"],
            2,
            "unknown outcome 'hung_up'",
        ),
        (
            vec!["log", "1", "--outcome", "no_answer", "--next", "2026-11-01"],
            1,
            "in the past",
        ),
        (
            vec!["log", "1", "--outcome", "no_answer", "--next", "someday"],
            1,
            "cannot read 'someday' as a date",
        ),
        (
            vec!["log", "1", "--outcome", "reached", "--stage", "9"],
            1,
            "use 0 to 7",
        ),
        (
            vec!["log", "1", "--outcome", "reached", "--grade", "Z"],
            1,
            "unknown grade 'Z'",
        ),
        (
            vec!["log", "1", "--outcome", "no_answer", "--value", "100"],
            2,
            "with --outcome won",
        ),
        (
            vec!["--rep", "zed", "log", "1", "--outcome", "no_answer"],
            1,
            "no rep named 'zed'",
        ),
        (
            vec!["add", "--name", "X", "--phone", "call me"],
            1,
            "phone 'call me'",
        ),
        (
            vec!["add", "--name", "X", "--value", "lots"],
            1,
            "cannot read 'lots' as money",
        ),
        (
            vec!["assign", "1", "--to", "nobody"],
            1,
            "no rep named 'nobody'",
        ),
        (vec!["edit", "1"], 2, "nothing to change"),
        (vec!["rep", "add", "alice"], 1, "already exists"),
        (vec!["frobnicate"], 2, "unrecognized subcommand"),
    ];
    for (args, code, want) in cases {
        fails(env.cmd().args(&args), code, want);
        assert_eq!(env.counts(), before, "{args:?} changed the database");
    }
}

#[test]
fn several_reps_need_a_name() {
    let env = Env::new().with_book();
    env.ok(&["rep", "add", "bob"]);
    fails(
        env.cmd().args(["log", "1", "--outcome", "busy"]),
        1,
        "give one of alice, bob with --rep NAME",
    );
    env.cmd()
        .args(["--rep", "bob", "log", "1", "--outcome", "busy"])
        .assert()
        .success();
    env.cmd()
        .env("CALLDECK_REP", "alice")
        .args(["undo"])
        .assert()
        .failure();
}

#[test]
fn a_config_with_a_wrong_type_is_refused_with_key_and_line() {
    let env = Env::new().with_book();
    std::fs::write(
        env.dir.path().join("config.toml"),
        "[planner]\n\nquota = \"sixty\"\n",
    )
    .unwrap();
    let before = env.counts();
    fails(
        env.cmd().args(["log", "1", "--outcome", "no_answer"]),
        1,
        "key `planner.quota`",
    );
    fails(env.cmd().args(["config", "show"]), 1, "line 3");
    assert_eq!(env.counts(), before);
}

#[test]
fn config_show_merges_the_user_file() {
    let env = Env::new();
    std::fs::write(
        env.dir.path().join("config.toml"),
        "currency_symbol = \"$\"\n[planner]\nquota = 45\n",
    )
    .unwrap();
    let out = env.ok(&["config", "show"]);
    assert!(out.contains("currency_symbol = \"$\""), "{out}");
    assert!(out.contains("quota = 45"), "{out}");
    assert!(out.contains("H = 1"), "defaults kept: {out}");
    assert!(env.ok(&["config", "path"]).trim().ends_with("config.toml"));
}

#[test]
fn a_database_from_a_newer_calldeck_is_refused() {
    let env = Env::new().with_book();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.pragma_update(None, "user_version", 42).unwrap();
    }
    fails(env.cmd().args(["show", "1"]), 1, "schema version 42");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn an_unwritable_place_for_the_database_is_named() {
    let env = Env::new();
    let file = env.dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let db = file.join("sub").join("t.db");
    fails(
        env.cmd().env("CALLDECK_DB", &db).args(["rep", "list"]),
        1,
        "cannot create the database folder",
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn a_missing_folder_is_created() {
    let env = Env::new();
    let db = env.dir.path().join("new/place/t.db");
    env.cmd()
        .env("CALLDECK_DB", &db)
        .args(["rep", "add", "alice"])
        .assert()
        .success();
    assert!(db.exists());
}

fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT id || name || stage || grade || status || ifnull(next_call_date,'') || attempts FROM customers ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn demo_is_deterministic_and_covers_every_stage_and_grade() {
    let env = Env::new();
    let args = [
        "demo",
        "--no-tui",
        "--customers",
        "300",
        "--reps",
        "2",
        "--days",
        "60",
        "--seed",
        "3",
    ];
    let out = env.ok(&args);
    assert!(out.contains("Demo database"), "{out}");
    let first = dump(&env.db());
    env.ok(&args);
    assert_eq!(dump(&env.db()), first, "same seed and clock, same demo");

    let reps = env.json(&["rep", "list", "--format", "json"]);
    let roles: Vec<&str> = reps
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles.iter().filter(|r| **r == "rep").count(), 2);
    assert_eq!(roles.iter().filter(|r| **r == "lead").count(), 1);
    assert_eq!(reps[1]["customers"], 300);

    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT count(DISTINCT stage) FROM customers"), 8);
    assert_eq!(q("SELECT count(DISTINCT grade) FROM customers"), 5);
    assert!(
        q(
            "SELECT count(*) FROM customers WHERE next_call_date = '2026-11-26' AND next_call_time IS NOT NULL"
        ) >= 2
    );
    assert!(q("SELECT count(*) FROM complaints WHERE resolved_at IS NULL") >= 1);
    assert!(
        q("SELECT count(*) FROM contracts WHERE end_on BETWEEN '2026-11-26' AND '2026-11-30'")
            + q(
                "SELECT count(*) FROM contracts WHERE end_on BETWEEN '2026-11-01' AND '2026-11-25'"
            )
            >= 1
    );
    assert!(
        q("SELECT count(*) FROM customers WHERE name GLOB '*[一-龥]*'") > 0,
        "Chinese names"
    );
    assert!(
        q("SELECT count(*) FROM customers WHERE company GLOB '*[A-Za-z]*'") > 0,
        "English names"
    );
    assert_eq!(
        q(
            "SELECT count(*) FROM (SELECT customer_id FROM contacts GROUP BY customer_id HAVING count(*) > 3)"
        ),
        0
    );
    // Every active customer not under contract has exactly one open deal.
    assert_eq!(
        q(
            "SELECT count(*) FROM customers c WHERE status = 'active' AND stage <> 6 AND (SELECT count(*) FROM deals d WHERE d.customer_id = c.id AND result = 'open') <> 1"
        ),
        0
    );
}

#[test]
fn demo_refuses_to_overwrite_real_data() {
    let env = Env::new().with_book();
    let before = env.counts();
    fails(env.cmd().args(["demo", "--no-tui"]), 1, "not a demo");
    assert_eq!(env.counts(), before);
}

#[test]
fn completions_and_help() {
    let env = Env::new();
    assert!(env.ok(&["completions", "bash"]).contains("calldeck"));
    assert!(env.ok(&["--help"]).contains("demo"));
}

#[test]
fn rep_list_json_shape() {
    let env = Env::new().with_book();
    env.ok(&["rep", "add", "boss", "--lead", "--quota", "10"]);
    let v = env.json(&["rep", "list", "--format", "json"]);
    let alice = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "alice")
        .unwrap();
    assert_eq!(alice["role"], "rep");
    assert_eq!(alice["quota"], 60);
    assert_eq!(alice["customers"], 2);
    let boss = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "boss")
        .unwrap();
    assert_eq!(
        (boss["role"].as_str(), boss["quota"].as_i64()),
        (Some("lead"), Some(10))
    );
}

/// The tests above that do not look inside the SQLite file, on PostgreSQL.
#[test]
fn the_commands_on_postgresql() {
    engines::on_postgres(&[
        ("show_json", show_json_has_the_contract_fields),
        (
            "log_no_answer",
            log_no_answer_schedules_the_next_working_day_and_undo_restores,
        ),
        ("log_with_choices", log_with_choices_and_a_win),
        (
            "bad_input",
            bad_input_gets_one_clear_line_and_changes_nothing,
        ),
        ("several_reps", several_reps_need_a_name),
        ("demo_refuses", demo_refuses_to_overwrite_real_data),
        ("rep_list", rep_list_json_shape),
    ]);
}
