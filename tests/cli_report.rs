//! The team lead's commands run as a user runs them: a real binary on a temporary
//! database with a fixed clock, checking stdout, stderr, the exit code and the files.

use std::path::PathBuf;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

/// Thursday of 2026-W48: the default week is 2026-W47.
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

    fn cmd_at(&self, now: &str) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("calldeck");
        cmd.env("CALLDECK_DB", self.path("t.db"))
            .env("CALLDECK_NOW", now)
            .env("CALLDECK_CONFIG", self.path("config.toml"))
            .env_remove("CALLDECK_REP");
        cmd
    }

    fn ok_at(&self, now: &str, args: &[&str]) -> String {
        let out = self.cmd_at(now).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        self.ok_at(NOW, args)
    }

    /// Runs a command that must fail with exit code 1; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        self.fails_with(args, 1)
    }

    /// Runs a command that must fail with `code` (2: bad usage); returns stderr.
    fn fails_with(&self, args: &[&str], code: i32) -> String {
        let out = self.cmd_at(NOW).args(args).assert().code(code);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Two reps; Alice makes three calls in 2026-W47 (one voided), Bob one.
    fn with_week() -> Env {
        let env = Env::new();
        let early = "2026-11-10T09:00:00+08:00";
        env.ok_at(early, &["rep", "add", "alice"]);
        env.ok_at(early, &["rep", "add", "bob"]);
        let add = |rep: &str, name: &str, phone: &str| {
            env.ok_at(
                early,
                &[
                    "--rep", rep, "add", "--name", name, "--phone", phone, "--value", "10000",
                    "--stage", "2",
                ],
            )
        };
        add("alice", "华美贸易", "+86 138 0000 1111");
        add("alice", "=1+1", "+44 7700 900123");
        add("bob", "Northwind", "020 7946 0000");
        let log = |now: &str, rep: &str, id: &str, outcome: &str| {
            env.ok_at(now, &["--rep", rep, "log", id, "--outcome", outcome]);
        };
        log("2026-11-17T09:00:00+08:00", "alice", "1", "sent_info");
        log("2026-11-17T09:30:00+08:00", "alice", "2", "no_answer");
        log("2026-11-18T10:00:00+08:00", "alice", "2", "reached");
        env.ok_at("2026-11-18T10:05:00+08:00", &["--rep", "alice", "undo"]);
        log("2026-11-19T11:00:00+08:00", "bob", "3", "reached");
        env
    }
}

#[test]
fn weekly_json_defaults_to_the_last_complete_week() {
    let env = Env::with_week();
    let v = env.json(&["report", "weekly", "--format", "json"]);
    assert_eq!(v["week"], "2026-W47");
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str()),
        (Some("2026-11-16"), Some("2026-11-22"))
    );
    let alice = &v["reps"][0];
    assert_eq!(alice["rep"], "alice");
    assert_eq!(alice["calls"], 2, "the undone call does not count");
    assert_eq!(alice["reached"], 1);
    assert_eq!(alice["connect_rate"], 0.5);
    assert_eq!(alice["stage_advances"]["2->3"], 1);
    assert_eq!(v["team"]["calls"], 3);
    assert_eq!(v["team"]["reached"], 2);
    assert_eq!(v["team"]["connect_rate"].as_f64().unwrap(), 2.0 / 3.0);
    for key in [
        "rep",
        "calls",
        "reached",
        "connect_rate",
        "unique_customers",
        "coverage_mtd",
        "plan_adherence",
        "appointments_kept",
        "stage_advances",
        "contracts_sent",
        "won",
        "lost",
        "complaints",
        "pipeline_value_cents",
        "weighted_forecast_cents",
        "prospects_needed",
    ] {
        assert!(v["team"].get(key).is_some(), "team.{key}");
        assert!(alice.get(key).is_some(), "rep.{key}");
    }
    // A week with nothing in it: zeros.
    let empty = env.json(&["report", "weekly", "--week", "2026-W30", "--format", "json"]);
    assert_eq!(empty["team"]["calls"], 0);
    assert_eq!(empty["team"]["connect_rate"], 0.0);
}

#[test]
fn weekly_for_one_rep_and_team_override() {
    let env = Env::with_week();
    let v = env.json(&["--rep", "bob", "report", "weekly", "--format", "json"]);
    assert_eq!(v["reps"].as_array().unwrap().len(), 1);
    assert_eq!(v["team"]["calls"], 1);
    let out = env
        .cmd_at(NOW)
        .env("CALLDECK_REP", "bob")
        .args(["report", "weekly", "--team", "--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        v["reps"].as_array().unwrap().len(),
        2,
        "--team wins over CALLDECK_REP"
    );
    let err = env.fails(&["--rep", "zoe", "report", "weekly"]);
    assert!(err.starts_with("error: no rep named 'zoe'"), "{err}");
    assert!(err.contains("alice, bob"), "{err}");
}

#[test]
fn weekly_markdown_csv_and_xlsx() {
    let env = Env::with_week();
    let md = env.ok(&["report", "weekly"]);
    assert!(
        md.starts_with("# Weekly summary 2026-W47 (2026-11-16 to 2026-11-22)"),
        "{md}"
    );
    assert!(md.contains("**3 calls**"), "{md}");
    assert!(
        md.contains("| alice | 2 | 50% | – | – | 0 (¥0.00) | ¥0.00 |"),
        "{md}"
    );
    assert!(md.contains("| alice | 1 | 2 | 100% | 2 | 0 |"), "{md}");
    let summary = md.lines().find(|l| l.starts_with("| rep |")).unwrap();
    assert!(summary.matches('|').count() - 1 <= 7, "{summary}");
    assert!(md.contains("## What the figures mean"), "{md}");
    assert!(md.contains("| **team** | 3 |"), "{md}");

    let csv = env.ok(&["report", "weekly", "--format", "csv"]);
    assert!(csv.starts_with("\u{feff}week,from,to,rep,calls,"));
    assert!(
        csv.contains("\r\n2026-W47,2026-11-16,2026-11-22,alice,2,1,0.5,"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\n2026-W47,2026-11-16,2026-11-22,team,3,2,"),
        "{csv}"
    );

    let err = env.fails_with(&["report", "weekly", "--format", "xlsx"], 2);
    assert_eq!(
        err.trim(),
        "error: an Excel file cannot go to the terminal: add -o report-2026-W47.xlsx"
    );
    let file = env.path("w.xlsx");
    let out = env.ok(&[
        "report",
        "weekly",
        "--format",
        "xlsx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.contains("Wrote the weekly summary 2026-W47"), "{out}");
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an xlsx is a zip");
}

#[test]
fn bad_weeks_say_how_to_write_them() {
    let env = Env::with_week();
    for (week, code) in [("2026-W60", 2), ("47", 2), ("2026-W00", 2)] {
        let out = env
            .cmd_at(NOW)
            .args(["report", "weekly", "--week", week])
            .assert()
            .code(code);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(
            err.trim(),
            format!("error: week '{week}' does not exist: write YYYY-Www, e.g. 2026-W47")
        );
    }
    let out = env
        .cmd_at(NOW)
        .args(["report", "weekly", "--format", "pdf"])
        .assert()
        .code(2);
    assert_eq!(
        out.get_output()
            .stderr
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
        1
    );
}

#[test]
fn funnel_text_and_json() {
    let env = Env::with_week();
    let v = env.json(&["funnel", "--format", "json"]);
    assert_eq!(v["scope"], "team");
    let stage = |s: u64| {
        v["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["stage"] == s)
            .unwrap()
            .clone()
    };
    // Alice's 华美贸易 went to stage 3 (sent info); the other two are at stage 2.
    assert_eq!(stage(3)["deals"], 1);
    assert_eq!(stage(3)["value_cents"], 1_000_000);
    assert_eq!(stage(3)["weighted_cents"], 300_000);
    assert_eq!(stage(2)["deals"], 2);
    assert_eq!(v["pipeline_value_cents"], 3_000_000);
    assert_eq!(v["forecast_cents"], 300_000 + 2 * 200_000);
    let alice = env.json(&["--rep", "alice", "funnel", "--format", "json"]);
    assert_eq!(alice["scope"], "alice");
    assert_eq!(alice["pipeline_value_cents"], 2_000_000);
    let text = env.ok(&["funnel"]);
    assert!(text.contains("Funnel (team) on 2026-11-26"), "{text}");
    assert!(
        text.contains("Forecast November 2026 ¥0.00  ·  Q4 2026 ¥0.00"),
        "{text}"
    );
    assert!(
        text.contains("Pipeline ¥30,000.00 reached (stages 2–5, 7)"),
        "{text}"
    );
}

#[test]
fn exports_to_terminal_and_files() {
    let env = Env::with_week();
    env.ok(&["rep", "add", "boss", "--lead"]);
    let csv = env.ok(&["--rep", "boss", "export", "customers"]);
    assert!(csv.starts_with("\u{feff}name,company,industry,region,address,source,owner,phone,email,stage,intent,grade,status,value,tags,birthday,notes,next_call,abc_tier,rfm_segment,revenue_12m\r\n"), "{csv}");
    assert!(csv.contains("\r\n'=1+1,"), "formula neutralised: {csv}");
    assert!(csv.contains(",'+44 7700 900123,"), "{csv}");
    assert!(csv.contains("华美贸易"));

    let calls: Value =
        serde_json::from_str(&env.ok(&["--rep", "boss", "export", "calls", "--format", "json"]))
            .unwrap();
    let calls = calls.as_array().unwrap();
    assert_eq!(calls.len(), 4, "void calls are exported, marked");
    assert_eq!(calls.iter().filter(|c| c["void"] == true).count(), 1);
    assert_eq!(calls[0]["outcome"], "sent_info");
    assert_eq!(calls[0]["at"], "2026-11-17T01:00:00+00:00");

    let file = env.path("deals.xlsx");
    env.ok(&[
        "--rep",
        "boss",
        "export",
        "deals",
        "--format",
        "xlsx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"));
    let err = env.fails_with(&["--rep", "boss", "export", "calls", "--format", "xlsx"], 2);
    assert!(err.contains("add -o calls.xlsx"), "{err}");
}

#[test]
fn calendar_writes_the_reps_next_calls() {
    let env = Env::with_week();
    let file = env.path("alice.ics");
    let err = env.fails(&["calendar", "-o", file.to_str().unwrap()]);
    assert!(
        err.contains("several reps") && err.contains("alice, bob"),
        "{err}"
    );
    // Alice's next calls: 华美贸易 two working days after the 17th has passed; add one.
    env.ok(&[
        "--rep",
        "alice",
        "log",
        "1",
        "--outcome",
        "callback",
        "--next",
        "2026-11-27 15:30",
    ]);
    let out = env.ok(&[
        "--rep",
        "alice",
        "calendar",
        "--days",
        "7",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.starts_with("Wrote 1 appointment and 0 other next calls as one event a day of alice"),
        "{out}"
    );
    let ics = std::fs::read_to_string(&file).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.contains("UID:calldeck-1@calldeck\r\n"));
    assert!(ics.contains("DTSTART:20261127T073000Z\r\n"), "{ics}");
    assert!(ics.contains("Phone: +86 138 0000 1111"));
    let err = env.fails_with(
        &["--rep", "alice", "calendar", "--days", "0", "-o", "x.ics"],
        2,
    );
    assert!(err.contains("--days 0 is out of range"), "{err}");
}
