//! Whose records a command covers, and how it ends: exports keep to the acting rep's book
//! (everyone's only for a team lead), a closed pipe ends the output quietly with status 0,
//! and bad usage exits 2.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const NOW: &str = "2026-11-26T10:00:00+08:00";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("calldeck");
        cmd.env("CALLDECK_DB", self.path("t.db"))
            .env("CALLDECK_NOW", NOW)
            .env("CALLDECK_CONFIG", self.path("config.toml"))
            .env_remove("CALLDECK_REP");
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.cmd().args(args).assert().code(code);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Alice owns two customers and calls one; Bob owns one and calls it; `boss` leads.
    fn team() -> Env {
        let env = Env::new();
        env.ok(&["rep", "add", "alice"]);
        env.ok(&["rep", "add", "bob"]);
        env.ok(&["rep", "add", "boss", "--lead"]);
        for (rep, name) in [("alice", "Acme"), ("alice", "Globex"), ("bob", "Initech")] {
            env.ok(&["--rep", rep, "add", "--name", name, "--phone", "0201234567"]);
        }
        env.ok(&["--rep", "alice", "log", "1", "--outcome", "no_answer"]);
        env.ok(&["--rep", "bob", "log", "3", "--outcome", "reached"]);
        env
    }
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_reps_export_holds_only_their_book() {
    let env = Env::team();
    let alice = env.json(&["--rep", "alice", "export", "customers", "--format", "json"]);
    assert_eq!(names(&alice), ["Acme", "Globex"]);
    let calls = env.json(&["--rep", "bob", "export", "calls", "--format", "json"]);
    assert_eq!(calls.as_array().unwrap().len(), 1);
    assert_eq!(calls[0]["rep"], "bob");
    let deals = env.json(&["--rep", "bob", "export", "deals", "--format", "json"]);
    assert!(
        deals
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["owner"] == "bob"),
        "{deals}"
    );
    let csv = env.ok(&["--rep", "bob", "export", "customers"]);
    assert!(csv.contains("Initech") && !csv.contains("Acme"), "{csv}");
}

#[test]
fn everyone_is_for_the_lead() {
    let env = Env::team();
    let all = env.json(&["--rep", "boss", "export", "customers", "--format", "json"]);
    assert_eq!(names(&all), ["Acme", "Globex", "Initech"]);
    let with_flag = env.json(&[
        "--rep",
        "boss",
        "export",
        "customers",
        "--team",
        "--format",
        "json",
    ]);
    assert_eq!(with_flag, all);
    let err = env.fails(&["--rep", "alice", "export", "customers", "--team"], 2);
    assert!(
        err.contains("only a team lead may") && err.contains("drop --team"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let err = env.fails(&["export", "customers"], 1);
    assert!(err.contains("several reps"), "{err}");
    let file = env.path("c.csv");
    let out = env.ok(&[
        "--rep",
        "alice",
        "export",
        "calls",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.contains("Wrote alice's calls"), "{out}");
}

#[test]
fn a_leads_funnel_is_the_teams() {
    let env = Env::team();
    let lead = env.json(&["--rep", "boss", "funnel", "--format", "json"]);
    let team = env.json(&["funnel", "--team", "--format", "json"]);
    assert_eq!(lead["scope"], "team");
    assert_eq!(lead, team);
    let open: u64 = lead["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["deals"].as_u64().unwrap())
        .sum();
    assert_eq!(open, 3, "{lead}");
}

#[test]
fn bad_usage_exits_2() {
    let env = Env::team();
    let cases: [&[&str]; 7] = [
        &["report", "weekly", "--format", "xlsx"],
        &["--rep", "boss", "export", "calls", "--format", "xlsx"],
        &["report", "weekly", "--week", "2026-W60"],
        &[
            "--rep",
            "alice",
            "calendar",
            "--days",
            "0",
            "-o",
            "/nonexistent/x.ics",
        ],
        &["--rep", "alice", "today", "--more", "0"],
        &["--rep", "alice", "edit", "1"],
        &[
            "--rep",
            "alice",
            "log",
            "1",
            "--outcome",
            "reached",
            "--value",
            "5",
        ],
    ];
    for args in cases {
        let err = env.fails(args, 2);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
    // A runtime problem is still 1.
    env.fails(&["--rep", "alice", "show", "99"], 1);
}

/// Runs the binary with its output going to a reader that has already gone.
fn into_closed_pipe(env: &Env, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("calldeck"))
        .args(args)
        .env("CALLDECK_DB", env.path("t.db"))
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", env.path("config.toml"))
        .env_remove("CALLDECK_REP")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::new();
    env.ok(&[
        "demo",
        "--no-tui",
        "--reps",
        "2",
        "--customers",
        "300",
        "--days",
        "5",
    ]);
    // Big enough to fill a pipe: the write itself meets the closed end.
    for args in [
        &["--rep", "lead", "export", "customers", "--format", "json"][..],
        &["--rep", "lead", "report", "weekly", "--format", "json"][..],
        &["rep", "list"][..],
        &["--rep", "lead", "funnel"][..],
    ] {
        let (code, err) = into_closed_pipe(&env, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

#[test]
fn a_close_date_puts_the_deal_in_this_months_forecast() {
    let env = Env::new();
    env.ok(&["rep", "add", "alice"]);
    env.ok(&[
        "add",
        "--name",
        "Acme",
        "--phone",
        "0201234567",
        "--value",
        "10000",
        "--stage",
        "4",
    ]);
    let before = env.json(&["funnel", "--format", "json"]);
    assert_eq!(before["month"], "November 2026");
    // Grade C by default: six months away, outside the month and the quarter.
    assert_eq!(before["forecast_month_cents"], 0);
    assert_eq!(before["forecast_quarter_cents"], 0);
    let logged = env.json(&[
        "log",
        "1",
        "--outcome",
        "no_answer",
        "--close",
        "2026-11-30",
        "--format",
        "json",
    ]);
    assert_eq!(logged["expected_close"], "2026-11-30");
    let after = env.json(&["funnel", "--format", "json"]);
    // ¥10,000 at stage 4 (50%).
    assert_eq!(after["forecast_month_cents"], 500_000);
    assert_eq!(after["forecast_quarter_cents"], 500_000);
    let text = env.ok(&["log", "1", "--outcome", "no_answer", "--yes"]);
    assert!(text.contains("deal expected to close 2026-11-30"), "{text}");
    let err = env.fails(
        &[
            "log",
            "1",
            "--outcome",
            "no_answer",
            "--yes",
            "--close",
            "fri 15:00",
        ],
        2,
    );
    assert!(err.contains("--close is a day"), "{err}");
    let err = env.fails(
        &[
            "log",
            "1",
            "--outcome",
            "no_answer",
            "--yes",
            "--close",
            "2026-11-01",
        ],
        1,
    );
    assert!(err.contains("in the past"), "{err}");
}
