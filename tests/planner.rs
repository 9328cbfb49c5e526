//! The daily list on a real database: freezing, replanning, past days, pins, and the
//! `today` / `pin` / `simulate` commands.

use assert_cmd::cargo::cargo_bin_cmd;
use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::domain::{CallInput, Outcome};
use calldeck::planner::daily_list;
use calldeck::store::Store;
use chrono::NaiveDate;
use serde_json::Value;

#[path = "common/engines.rs"]
mod engines;

const NOW: &str = "2026-11-26T09:00:00+08:00";

fn demo() -> (tempfile::TempDir, Store, Config, Clock) {
    let dir = tempfile::tempdir().unwrap();
    let path = engines::address(dir.path());
    let config = Config::default();
    let clock = Clock::parse(NOW).unwrap();
    build(
        &path,
        &DemoOptions {
            reps: 2,
            customers: 400,
            days: 40,
            seed: 5,
            calls_per_day: None,
        },
        &config,
        &clock,
    )
    .unwrap();
    let store = Store::open(&path).unwrap();
    (dir, store, config, clock)
}

fn ids(list: &calldeck::planner::DailyList) -> Vec<i64> {
    list.entries.iter().map(|e| e.customer.id).collect()
}

#[test]
fn the_list_is_frozen_and_does_not_reorder_after_calls() {
    let (_dir, mut store, config, clock) = demo();
    let rep = store.resolve_rep(Some("Alice")).unwrap();
    let first = daily_list(&mut store, &rep, clock.today(), &clock, &config, false).unwrap();
    // Full to the quota, or short of it only when nothing else was due.
    assert!(first.entries.len() == 60.max(first.must_calls) || first.overflow == 0);
    assert!(!first.entries.is_empty());
    assert!(first.frozen);
    // Work the first ten entries in the evening, when every appointment's time has come.
    let later = Clock::parse("2026-11-26T20:00:00+08:00").unwrap();
    for e in first.entries.iter().take(10) {
        store
            .record_call(
                rep.id,
                e.customer.id,
                &CallInput::new(Outcome::NoAnswer),
                &config,
                &later,
            )
            .unwrap();
    }
    let again = daily_list(&mut store, &rep, clock.today(), &later, &config, false).unwrap();
    assert_eq!(
        ids(&again),
        ids(&first),
        "frozen: same customers, same order"
    );
    assert_eq!(again.done(), 10);
    assert!(again.entries[..10].iter().all(|e| e.done));
    assert_eq!(
        again.entries[..10]
            .iter()
            .map(|e| e.entry.reasons.clone())
            .collect::<Vec<_>>(),
        first.entries[..10]
            .iter()
            .map(|e| e.entry.reasons.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(again.next_undone(0), Some(10));

    // Replan keeps the ten done entries and refills the rest.
    let replanned = daily_list(&mut store, &rep, clock.today(), &later, &config, true).unwrap();
    assert_eq!(ids(&replanned)[..10], ids(&first)[..10]);
    assert_eq!(replanned.done(), 10);
    assert_eq!(replanned.entries.len(), first.entries.len());
    let unique: std::collections::HashSet<i64> = ids(&replanned).into_iter().collect();
    assert_eq!(unique.len(), replanned.entries.len());
}

#[test]
fn a_past_day_shows_its_stored_list_and_a_future_day_is_a_preview() {
    let (_dir, mut store, config, clock) = demo();
    let rep = store.resolve_rep(Some("Bruno")).unwrap();
    let today = daily_list(&mut store, &rep, clock.today(), &clock, &config, false).unwrap();
    let tomorrow = Clock::parse("2026-11-27T09:00:00+08:00").unwrap();
    let past = daily_list(&mut store, &rep, clock.today(), &tomorrow, &config, false).unwrap();
    assert_eq!(ids(&past), ids(&today));
    // The demo's history kept each day's list: a past day shows it with what was done.
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let history = daily_list(&mut store, &rep, day(11, 2), &clock, &config, false).unwrap();
    assert!(history.frozen && !history.entries.is_empty());
    assert!(
        history.done() > history.entries.len() / 2,
        "the demo worked its lists"
    );
    // Before the history began, nothing was planned.
    let err = daily_list(&mut store, &rep, day(8, 3), &clock, &config, false)
        .map(|l| l.entries.len())
        .unwrap_err();
    assert!(
        err.to_string().contains("no list was made for 2026-08-03"),
        "{err}"
    );
    let preview = daily_list(
        &mut store,
        &rep,
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        &clock,
        &config,
        false,
    )
    .unwrap();
    assert!(!preview.frozen);
    assert!(
        store
            .stored_plan(rep.id, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap())
            .unwrap()
            .is_none()
    );
}

#[test]
fn todays_appointments_and_complaints_are_on_the_list() {
    let (_dir, mut store, config, clock) = demo();
    let rep = store.resolve_rep(Some("Alice")).unwrap();
    let list = daily_list(&mut store, &rep, clock.today(), &clock, &config, false).unwrap();
    let book = store.book(rep.id).unwrap();
    let listed: std::collections::HashSet<i64> = ids(&list).into_iter().collect();
    let appointments: Vec<i64> = book
        .iter()
        .filter(|c| {
            c.state
                .next_call
                .is_some_and(|n| n.date == clock.today() && n.time.is_some())
                && c.state.status == calldeck::domain::Status::Active
        })
        .map(|c| c.id)
        .collect();
    assert!(!appointments.is_empty());
    for id in appointments {
        assert!(listed.contains(&id), "appointment {id} missing");
    }
    for e in &list.entries {
        if store.open_complaint(e.customer.id).unwrap().is_some() {
            assert!(e.entry.must() && e.entry.reasons[0] == "complaint open");
        }
    }
}

#[test]
fn a_pin_for_tomorrow_makes_a_must_call_tomorrow() {
    let (_dir, mut store, config, clock) = demo();
    let rep = store.resolve_rep(Some("Alice")).unwrap();
    let tomorrow = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let quiet = store
        .book(rep.id)
        .unwrap()
        .into_iter()
        .rev()
        .find(|c| c.state.status == calldeck::domain::Status::Active)
        .unwrap();
    assert!(store.add_pin(rep.id, quiet.id, tomorrow, &clock).unwrap());
    assert!(
        !store.add_pin(rep.id, quiet.id, tomorrow, &clock).unwrap(),
        "second pin is a no-op"
    );
    let preview = daily_list(&mut store, &rep, tomorrow, &clock, &config, false).unwrap();
    let entry = preview
        .entries
        .iter()
        .find(|e| e.customer.id == quiet.id)
        .unwrap();
    assert!(entry.entry.must() && entry.pinned);
}

fn cmd(db: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("calldeck");
    cmd.env("CALLDECK_DB", db)
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", "")
        .env_remove("CALLDECK_REP");
    cmd
}

#[test]
fn today_and_show_commands_give_the_contract_json() {
    let (_dir, store, _config, _clock) = demo();
    let db = store.path().to_path_buf();
    drop(store);
    let out = cmd(&db)
        .args(["--rep", "Alice", "today", "--format", "json"])
        .assert()
        .success();
    let list: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let first = &list[0];
    for key in [
        "position",
        "customer_id",
        "name",
        "company",
        "phone",
        "stage",
        "intent",
        "grade",
        "score",
        "reasons",
        "next_call",
        "last_contact",
        "pinned",
        "done",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|e| !e["reasons"].as_array().unwrap().is_empty())
    );
    let id = list[5]["customer_id"].as_i64().unwrap().to_string();
    let out = cmd(&db)
        .args(["show", &id, "--format", "json"])
        .assert()
        .success();
    let card: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let parts = card["score"]["parts"].as_array().unwrap();
    assert!(!parts.is_empty());
    let sum: f64 = parts.iter().map(|p| p["points"].as_f64().unwrap()).sum();
    assert!((sum - card["score"]["total"].as_f64().unwrap()).abs() < 0.5);

    let table = cmd(&db)
        .args(["--rep", "Alice", "today"])
        .assert()
        .success();
    let text = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("Alice · Thu 2026-11-26"), "{text}");
    let csv = cmd(&db)
        .args(["--rep", "Alice", "today", "--format", "csv"])
        .assert()
        .success();
    assert!(
        csv.get_output()
            .stdout
            .starts_with("\u{feff}position,customer_id".as_bytes())
    );

    cmd(&db)
        .args(["--rep", "Alice", "pin", &id])
        .assert()
        .success();
    let out = cmd(&db)
        .args([
            "--rep", "Alice", "today", "--date", "tomorrow", "--format", "json",
        ])
        .assert()
        .success();
    let tomorrow: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let pinned = tomorrow
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["customer_id"].as_i64().unwrap().to_string() == id)
        .unwrap();
    assert_eq!(pinned["pinned"], true);
    let err = cmd(&db)
        .args(["--rep", "Alice", "today", "--date", "someday"])
        .assert()
        .failure()
        .code(1);
    assert!(
        String::from_utf8_lossy(&err.get_output().stderr)
            .contains("cannot read 'someday' as a day")
    );
    cmd(&db)
        .args(["--rep", "lead", "today"])
        .assert()
        .failure()
        .code(1);
}

#[test]
fn simulate_json_names_the_metrics_and_beats_the_baseline_where_it_should() {
    let out = cargo_bin_cmd!("calldeck")
        .args([
            "simulate",
            "--customers",
            "300",
            "--quota",
            "20",
            "--days",
            "22",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    for side in ["planner", "baseline"] {
        for key in [
            "coverage",
            "appointments_kept",
            "cadence_adherence",
            "hot_median_gap_days",
            "calls_per_day",
            "commitments_on_day",
            "overflow_per_day",
            "not_interested_recalled",
            "appointments_overwritten",
            "feasibility_calls_per_day",
        ] {
            assert!(v[side].get(key).is_some(), "{side}.{key}");
        }
    }
    let p = &v["planner"];
    let b = &v["baseline"];
    assert_eq!(p["appointments_kept"].as_f64().unwrap(), 1.0);
    assert_eq!(p["appointments_overwritten"], 0);
    assert_eq!(p["not_interested_recalled"], 0);
    assert!(p["commitments_on_day"].as_f64().unwrap() >= 0.95, "{p}");
    assert!(p["commitments_on_day"].as_f64() > b["commitments_on_day"].as_f64());
    for grade in ["O", "H", "A"] {
        let (pg, bg) = (
            p["cadence_adherence"][grade].as_f64().unwrap(),
            b["cadence_adherence"][grade].as_f64().unwrap(),
        );
        assert!(
            pg >= 0.9 && pg >= bg,
            "{grade}: planner {pg}, baseline {bg}"
        );
    }
}

#[test]
fn a_replan_that_comes_out_empty_replaces_the_old_list() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::default();
    let clock = Clock::parse(NOW).unwrap();
    let mut store = Store::open(&engines::address(dir.path())).unwrap();
    let ann = store
        .add_rep("ann", calldeck::store::RepRole::Rep, None, &clock)
        .unwrap();
    let bob = store
        .add_rep("bob", calldeck::store::RepRole::Rep, None, &clock)
        .unwrap();
    let mut new = calldeck::store::NewCustomer::named("Acme");
    new.owner_id = Some(ann.id);
    new.contacts
        .push(calldeck::store::NewContact::parse("Ann Lee;buyer;+86 10 5555 0101").unwrap());
    let id = store.add_customer(&new, &clock).unwrap();
    let list = daily_list(&mut store, &ann, clock.today(), &clock, &config, false).unwrap();
    assert_eq!(ids(&list), vec![id]);
    store.assign(&[id], bob.id, &clock).unwrap();
    let replanned = daily_list(&mut store, &ann, clock.today(), &clock, &config, true).unwrap();
    assert!(replanned.entries.is_empty());
    let again = daily_list(&mut store, &ann, clock.today(), &clock, &config, false).unwrap();
    assert!(again.entries.is_empty(), "the old list does not come back");
}

#[test]
fn the_first_plan_of_the_day_turns_ended_contracts_into_renewals() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::default();
    let mut store = Store::open(&engines::address(dir.path())).unwrap();
    let signed = Clock::parse("2025-11-20T10:00:00+08:00").unwrap();
    let ann = store
        .add_rep("ann", calldeck::store::RepRole::Rep, None, &signed)
        .unwrap();
    let mut new = calldeck::store::NewCustomer::named("Acme");
    new.owner_id = Some(ann.id);
    new.stage = 5;
    new.value_cents = 100_000;
    new.contacts
        .push(calldeck::store::NewContact::parse("Ann Lee;buyer;+86 10 5555 0101").unwrap());
    let id = store.add_customer(&new, &signed).unwrap();
    store
        .record_call(ann.id, id, &CallInput::new(Outcome::Won), &config, &signed)
        .unwrap();
    let clock = Clock::parse(NOW).unwrap();
    let list = daily_list(&mut store, &ann, clock.today(), &clock, &config, false).unwrap();
    assert_eq!(store.customer(id).unwrap().state.stage, 7);
    let entry = list.entries.iter().find(|e| e.customer.id == id).unwrap();
    assert!(
        entry
            .entry
            .reasons
            .iter()
            .any(|r| r.starts_with("contract expired")),
        "{:?}",
        entry.entry.reasons
    );
}

/// The planner's tests on PostgreSQL.
#[test]
fn the_planner_on_postgresql() {
    engines::on_postgres(&[
        (
            "frozen",
            the_list_is_frozen_and_does_not_reorder_after_calls,
        ),
        (
            "past_and_future",
            a_past_day_shows_its_stored_list_and_a_future_day_is_a_preview,
        ),
        (
            "appointments",
            todays_appointments_and_complaints_are_on_the_list,
        ),
        ("pin", a_pin_for_tomorrow_makes_a_must_call_tomorrow),
        ("today_json", today_and_show_commands_give_the_contract_json),
        (
            "empty_replan",
            a_replan_that_comes_out_empty_replaces_the_old_list,
        ),
        (
            "renewals",
            the_first_plan_of_the_day_turns_ended_contracts_into_renewals,
        ),
    ]);
}
