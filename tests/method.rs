//! The sales method on a real file: a resolved complaint books its follow-up call (回访),
//! which is a must-call on its day and records satisfaction; a delivered customer leaves
//! grade O; a loss says why.

use assert_cmd::cargo::cargo_bin_cmd;
use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::domain::{CallInput, Grade, Outcome};
use calldeck::planner::daily_list;
use calldeck::store::{NewContact, NewCustomer, Rep, RepRole, Store};

fn at(local: &str) -> Clock {
    Clock::parse(&format!("{local}+08:00")).unwrap()
}

fn one_customer(stage: u8) -> (tempfile::TempDir, Store, Rep, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("m.db")).unwrap();
    let made = at("2026-11-02T09:00:00");
    let rep = store.add_rep("ann", RepRole::Rep, None, &made).unwrap();
    let mut new = NewCustomer::named("Acme");
    new.owner_id = Some(rep.id);
    new.stage = stage;
    new.value_cents = 1_000_000;
    new.contacts = vec![NewContact {
        name: "Li".into(),
        phone: "+86 138 0000 1111".into(),
        primary: true,
        ..NewContact::default()
    }];
    let id = store.add_customer(&new, &made).unwrap();
    (dir, store, rep, id)
}

fn reasons_on(store: &mut Store, rep: &Rep, id: i64, clock: &Clock) -> Option<Vec<String>> {
    let list = daily_list(store, rep, clock.today(), clock, &Config::default(), true).unwrap();
    list.entries
        .iter()
        .find(|e| e.customer.id == id)
        .map(|e| e.entry.reasons.clone())
}

fn sql(store: &Store, q: &str) -> Option<i64> {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.query_row(q, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_resolved_complaint_books_its_follow_up_call() {
    let (_dir, mut store, rep, id) = one_customer(2);
    let config = Config::default();
    let mut open = CallInput::new(Outcome::Reached);
    open.complaint = Some("late delivery".into());
    store
        .record_call(rep.id, id, &open, &config, &at("2026-11-24T10:00:00"))
        .unwrap();
    // Resolved on Thursday 26 November: the follow-up is 3 working days later, Tuesday.
    let mut resolve = CallInput::new(Outcome::Reached);
    resolve.resolve_complaint = true;
    let r = store
        .record_call(rep.id, id, &resolve, &config, &at("2026-11-26T10:00:00"))
        .unwrap();
    assert_eq!(r.effect.after.next_call.unwrap().to_string(), "2026-12-01");
    let tuesday = at("2026-12-01T09:00:00");
    let reasons = reasons_on(&mut store, &rep, id, &tuesday).unwrap();
    assert_eq!(reasons[0], "complaint follow-up (回访)");

    // A no-answer does not count; the conversation with a score does.
    store
        .record_call(
            rep.id,
            id,
            &CallInput::new(Outcome::NoAnswer),
            &config,
            &tuesday,
        )
        .unwrap();
    assert_eq!(
        sql(&store, "SELECT follow_up_call_id FROM complaints"),
        None,
        "a miss is not the follow-up"
    );
    let mut talk = CallInput::new(Outcome::Reached);
    talk.satisfaction = Some(4);
    let made = store
        .record_call(rep.id, id, &talk, &config, &at("2026-12-01T11:00:00"))
        .unwrap();
    assert_eq!(
        sql(&store, "SELECT follow_up_call_id FROM complaints"),
        Some(made.call_id)
    );
    assert_eq!(
        sql(
            &store,
            &format!("SELECT satisfaction FROM calls WHERE id = {}", made.call_id)
        ),
        Some(4)
    );
    let wednesday = at("2026-12-02T09:00:00");
    let later = reasons_on(&mut store, &rep, id, &wednesday);
    assert!(
        later.is_none_or(|r| !r.iter().any(|x| x.contains("回访"))),
        "made: no longer a must-call"
    );
    // Undo puts the follow-up back as owed.
    store
        .undo_last_call(rep.id, &at("2026-12-01T11:05:00"))
        .unwrap();
    assert_eq!(
        sql(&store, "SELECT follow_up_call_id FROM complaints"),
        None
    );
}

#[test]
fn the_first_conversation_after_the_win_moves_grade_o_on() {
    let (_dir, mut store, rep, id) = one_customer(5);
    let config = Config::default();
    store
        .record_call(
            rep.id,
            id,
            &CallInput::new(Outcome::Won),
            &config,
            &at("2026-11-26T10:00:00"),
        )
        .unwrap();
    assert_eq!(store.customer(id).unwrap().state.grade, Grade::O);
    // The thank-you call the next working day: delivered, monthly from now on.
    let r = store
        .record_call(
            rep.id,
            id,
            &CallInput::new(Outcome::Reached),
            &config,
            &at("2026-11-27T10:00:00"),
        )
        .unwrap();
    assert_eq!(r.effect.after.grade, Grade::C);
    assert_eq!(r.effect.after.next_call.unwrap().to_string(), "2026-12-28");
}

#[test]
fn a_call_that_loses_the_customer_names_the_reason() {
    let (dir, mut store, rep, id) = one_customer(3);
    let config = Config::default();
    store
        .record_call(
            rep.id,
            id,
            &CallInput::new(Outcome::NotInterested),
            &config,
            &at("2026-11-02T10:00:00"),
        )
        .unwrap();
    let cmd = |args: &[&str]| {
        let mut c = cargo_bin_cmd!("calldeck");
        c.env("CALLDECK_DB", store.path())
            .env("CALLDECK_NOW", "2026-11-26T10:00:00+08:00")
            .env("CALLDECK_CONFIG", "")
            .args(args);
        c
    };
    let out = cmd(&["log", &id.to_string(), "--outcome", "not_interested"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("--reason") && err.contains("competitor"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    cmd(&[
        "log",
        &id.to_string(),
        "--outcome",
        "not_interested",
        "--reason",
        "competitor",
    ])
    .assert()
    .success();
    assert_eq!(store.customer(id).unwrap().state.status.as_str(), "lost");
    assert_eq!(
        sql(
            &store,
            "SELECT count(*) FROM calls WHERE loss_reason = 'competitor'"
        ),
        Some(1)
    );
    // A reason on a call that loses nobody is refused.
    let (_other_dir, other, _, id2) = one_customer(2);
    let out = cargo_bin_cmd!("calldeck")
        .env("CALLDECK_DB", other.path())
        .env("CALLDECK_NOW", "2026-11-26T10:00:00+08:00")
        .env("CALLDECK_CONFIG", "")
        .args([
            "log",
            &id2.to_string(),
            "--outcome",
            "reached",
            "--reason",
            "price",
        ])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("--reason is for a call that marks the customer lost"),
        "{err}"
    );
    let _ = (dir, &mut store);
}

#[test]
fn complaints_are_assigned_resolved_and_followed_up_from_the_command_line() {
    let (_dir, mut store, rep, id) = one_customer(2);
    let config = Config::default();
    let made = at("2026-11-02T09:00:00");
    store.add_rep("lin", RepRole::Lead, None, &made).unwrap();
    let mut open = CallInput::new(Outcome::Reached);
    open.complaint = Some("invoice wrong".into());
    open.complaint_category = Some("billing".into());
    store
        .record_call(rep.id, id, &open, &config, &at("2026-11-24T10:00:00"))
        .unwrap();
    let cmd = |args: &[&str]| {
        let mut c = cargo_bin_cmd!("calldeck");
        c.env("CALLDECK_DB", store.path())
            .env("CALLDECK_NOW", "2026-11-27T10:00:00+08:00")
            .env("CALLDECK_CONFIG", "")
            .args(args);
        c
    };
    let out = cmd(&["complaint", "list", "--format", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let complaint = &v[0];
    assert_eq!(complaint["category"], "billing");
    assert_eq!(complaint["assignee"], "ann");
    // Opened Tuesday with 2 working days to resolve: due Thursday, overdue on Friday.
    assert_eq!(complaint["due"], "2026-11-26");
    assert_eq!(complaint["overdue"], true);
    let cid = complaint["id"].as_i64().unwrap().to_string();

    cmd(&[
        "complaint",
        "assign",
        &cid,
        "--to",
        "lin",
        "--due",
        "2026-12-02",
    ])
    .assert()
    .success();
    let bad = cmd(&[
        "complaint",
        "assign",
        &cid,
        "--to",
        "lin",
        "--category",
        "weather",
    ])
    .assert()
    .code(1);
    let err = String::from_utf8(bad.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("unknown complaint category") && err.contains("billing"),
        "{err}"
    );
    cmd(&["complaint", "resolve", &cid]).assert().code(2);
    cmd(&["complaint", "resolve", &cid, "--note", "credit note sent"])
        .assert()
        .success();
    let again = cmd(&["complaint", "resolve", &cid, "--note", "x"])
        .assert()
        .code(1);
    let err = String::from_utf8(again.get_output().stderr.clone()).unwrap();
    assert!(err.contains("already resolved"), "{err}");

    let out = cmd(&["show", &id.to_string(), "--format", "json"])
        .assert()
        .success();
    let card: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let history = &card["complaints"][0];
    assert_eq!(history["assignee"], "lin");
    assert_eq!(history["resolution"], "credit note sent");
    // Resolved Friday 27 November: the follow-up is three working days later.
    assert_eq!(history["follow_up_due"], "2026-12-02");
    assert_eq!(history["followed_up"], false);
    let wednesday = at("2026-12-02T09:00:00");
    let reasons = reasons_on(&mut store, &rep, id, &wednesday).unwrap();
    assert_eq!(reasons[0], "complaint follow-up (回访)");
}

#[test]
fn config_scripts_copies_the_built_in_scripts_and_keeps_yours() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let run = || {
        cargo_bin_cmd!("calldeck")
            .env("CALLDECK_CONFIG", &config)
            .args(["config", "scripts"])
            .assert()
            .success()
    };
    let out = run();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("10 scripts copied, 0 of yours kept"),
        "{text}"
    );
    let own = dir.path().join("scripts").join("follow_up.md");
    assert!(std::fs::read_to_string(&own).unwrap().starts_with("# "));
    std::fs::write(&own, "# Our follow-up\n- Ask about the trial.\n").unwrap();
    let out = run();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("0 scripts copied, 10 of yours kept"),
        "{text}"
    );
    assert!(std::fs::read_to_string(&own).unwrap().contains("the trial"));
}

#[test]
fn a_rep_has_a_monthly_revenue_target() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let run = |args: &[&str]| {
        cargo_bin_cmd!("calldeck")
            .env("CALLDECK_DB", &db)
            .env("CALLDECK_NOW", "2026-11-26T10:00:00+08:00")
            .env("CALLDECK_CONFIG", "")
            .args(args)
            .assert()
    };
    run(&["rep", "add", "ann", "--target", "¥200,000"]).success();
    run(&["rep", "add", "bo"]).success();
    let out = run(&["rep", "list", "--format", "json"]).success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let ann = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "ann")
        .unwrap();
    assert_eq!(ann["target_cents"], 20_000_000);
    run(&["rep", "edit", "bo", "--target", "150000"]).success();
    run(&["rep", "edit", "ann", "--target", "none"]).success();
    let out = run(&["rep", "list", "--format", "json"]).success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let target = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()["target_cents"]
            .clone()
    };
    assert_eq!(target("bo"), 15_000_000);
    assert_eq!(target("ann"), serde_json::Value::Null);
    let bad = run(&["rep", "edit", "bo", "--target", "lots"]).code(1);
    assert_eq!(
        String::from_utf8(bad.get_output().stderr.clone())
            .unwrap()
            .lines()
            .count(),
        1
    );
}

#[test]
fn show_gives_the_tiers_and_the_complaint_history() {
    let (_dir, store, _, id) = one_customer(2);
    let out = cargo_bin_cmd!("calldeck")
        .env("CALLDECK_DB", store.path())
        .env("CALLDECK_NOW", "2026-11-26T10:00:00+08:00")
        .env("CALLDECK_CONFIG", "")
        .args(["show", &id.to_string(), "--format", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["tiers"]["abc"], "C", "no revenue yet");
    assert!(v["tiers"]["rfm"].is_string());
    assert_eq!(v["complaints"], serde_json::json!([]));
}
