//! The daily list's promises on a real file: the overflow and `today --more`, the JSON
//! sections, customers without a number, an appointment that survives an earlier miss (on
//! the list and in the weekly figures), and one wrong number among several.

use assert_cmd::cargo::cargo_bin_cmd;
use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::domain::{CallInput, NextCall, Outcome};
use calldeck::planner::{Section, add_from_overflow, daily_list};
use calldeck::report::{Scope, Week, weekly};
use calldeck::store::{NewContact, NewCustomer, Rep, RepRole, Store};
use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

/// Thursday 26 November 2026, 09:00 local.
const NOW: &str = "2026-11-26T09:00:00+08:00";

fn at(local: &str) -> Clock {
    Clock::parse(&format!("{local}+08:00")).unwrap()
}

fn contact(phone: &str) -> NewContact {
    NewContact {
        name: format!("Buyer {phone}"),
        phone: phone.into(),
        primary: true,
        ..NewContact::default()
    }
}

/// A rep with a quota of 3 and `due` customers whose next call is today.
fn book(due: usize) -> (tempfile::TempDir, Store, Rep, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("d.db")).unwrap();
    let made = at("2026-11-02T09:00:00");
    let rep = store.add_rep("ann", RepRole::Rep, Some(3), &made).unwrap();
    let mut ids = Vec::new();
    for i in 0..due {
        let mut new = NewCustomer::named(&format!("Customer {i}"));
        new.owner_id = Some(rep.id);
        new.value_cents = (i as i64 + 1) * 100_000;
        new.contacts = vec![contact(&format!("+86 138 0000 {i:04}"))];
        let id = store.add_customer(&new, &made).unwrap();
        // Reached on the 3rd, due again today by the rule.
        let mut talk = CallInput::new(Outcome::Reached);
        talk.next = None;
        store
            .record_call(
                rep.id,
                id,
                &talk,
                &Config::default(),
                &at("2026-11-03T10:00:00"),
            )
            .unwrap();
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        conn.execute(
            "UPDATE customers SET next_call_date = '2026-11-26', next_call_by = 'rule' WHERE id = ?1",
            [id],
        )
        .unwrap();
        ids.push(id);
    }
    (dir, store, rep, ids)
}

#[test]
fn what_did_not_fit_is_counted_and_can_be_added() {
    let (_dir, mut store, rep, _) = book(7);
    let config = Config::default();
    let clock = Clock::parse(NOW).unwrap();
    let list = daily_list(&mut store, &rep, clock.today(), &clock, &config, false).unwrap();
    assert_eq!(list.entries.len(), 3);
    assert_eq!(list.overflow, 4);
    assert!(
        list.notices()
            .iter()
            .any(|n| n == "+4 due that did not fit")
    );

    assert_eq!(
        add_from_overflow(&mut store, &rep, 3, &clock, &config).unwrap(),
        3
    );
    let list = daily_list(&mut store, &rep, clock.today(), &clock, &config, false).unwrap();
    assert_eq!(list.entries.len(), 6);
    assert_eq!(list.overflow, 1);
    let added: Vec<&Section> = list.entries[3..].iter().map(|e| &e.entry.section).collect();
    assert!(added.iter().all(|s| **s == Section::Added), "{added:?}");
    let unique: std::collections::HashSet<i64> =
        list.entries.iter().map(|e| e.customer.id).collect();
    assert_eq!(unique.len(), 6, "nobody twice");
    // The last one, then nothing more.
    assert_eq!(
        add_from_overflow(&mut store, &rep, 5, &clock, &config).unwrap(),
        1
    );
    assert_eq!(
        add_from_overflow(&mut store, &rep, 5, &clock, &config).unwrap(),
        0
    );
    let list = daily_list(&mut store, &rep, clock.today(), &clock, &config, false).unwrap();
    assert_eq!((list.entries.len(), list.overflow), (7, 0));
}

fn calldeck(store: &Store) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("calldeck");
    cmd.env("CALLDECK_DB", store.path())
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", "")
        .env_remove("CALLDECK_REP");
    cmd
}

#[test]
fn today_more_and_the_json_sections() {
    let (_dir, store, _, _) = book(5);
    let out = calldeck(&store).args(["today"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("+2 due that did not fit"), "{text}");
    assert!(text.contains("today --more N"), "{text}");

    calldeck(&store)
        .args(["today", "--more", "1"])
        .assert()
        .success();
    let out = calldeck(&store)
        .args(["today", "--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let sections: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections.len(), 4);
    assert_eq!(sections[3], "added");
    assert!(sections[..3].iter().all(|s| *s == "scored"), "{sections:?}");

    let bad = calldeck(&store)
        .args(["today", "--more", "0"])
        .assert()
        .code(2);
    let err = String::from_utf8(bad.get_output().stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn customers_without_a_number_are_listed_not_planned() {
    let (_dir, mut store, rep, _) = book(1);
    let mut silent = NewCustomer::named("No Phone Ltd");
    silent.owner_id = Some(rep.id);
    let id = store
        .add_customer(&silent, &at("2026-11-02T09:00:00"))
        .unwrap();
    let out = calldeck(&store)
        .args(["today", "--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(v.as_array().unwrap().iter().all(|e| e["customer_id"] != id));
    let out = calldeck(&store).args(["today"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("1 customer needs a number"), "{text}");
    let out = calldeck(&store)
        .args(["today", "--needs-number", "--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["customer_id"], id);
    assert_eq!(v.as_array().unwrap().len(), 1);
}

/// A customer with a callback booked on Wednesday for Thursday 11:30.
fn with_appointment() -> (tempfile::TempDir, Store, Rep, i64) {
    let (dir, mut store, rep, ids) = book(1);
    let mut call = CallInput::new(Outcome::Callback);
    call.next = Some(NextCall::at(
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        NaiveTime::from_hms_opt(11, 30, 0).unwrap(),
    ));
    store
        .record_call(
            rep.id,
            ids[0],
            &call,
            &Config::default(),
            &at("2026-11-25T15:00:00"),
        )
        .unwrap();
    (dir, store, rep, ids[0])
}

fn kept_this_week(store: &Store, clock: &Clock) -> (u64, u64) {
    let report = weekly(
        store,
        &Config::default(),
        clock,
        Week::parse("2026-W48").unwrap(),
        &Scope::Team,
    )
    .unwrap();
    let v = serde_json::to_value(report).unwrap();
    (
        v["team"]["appointments_due"].as_u64().unwrap(),
        v["team"]["appointments_kept"].as_u64().unwrap(),
    )
}

#[test]
fn an_earlier_miss_neither_closes_the_row_nor_keeps_the_appointment() {
    let (_dir, mut store, rep, id) = with_appointment();
    let config = Config::default();
    let nine = Clock::parse(NOW).unwrap();
    let recorded = store
        .record_call(
            rep.id,
            id,
            &CallInput::new(Outcome::NoAnswer),
            &config,
            &nine,
        )
        .unwrap();
    assert!(recorded.effect.kept_appointment.is_some());
    assert_eq!(
        store
            .customer(id)
            .unwrap()
            .state
            .next_call
            .unwrap()
            .to_string(),
        "2026-11-26T11:30"
    );
    let list = daily_list(&mut store, &rep, nine.today(), &nine, &config, false).unwrap();
    let row = list.entries.iter().find(|e| e.customer.id == id).unwrap();
    assert!(!row.done, "the callback is still ahead");
    let next_day = at("2026-11-27T09:00:00");
    assert_eq!(
        kept_this_week(&store, &next_day),
        (1, 0),
        "a 09:00 miss keeps nothing"
    );

    // The call at 11:20, inside the quarter hour before, is the appointment call.
    let call_time = at("2026-11-26T11:20:00");
    store
        .record_call(
            rep.id,
            id,
            &CallInput::new(Outcome::Reached),
            &config,
            &call_time,
        )
        .unwrap();
    let list = daily_list(&mut store, &rep, nine.today(), &call_time, &config, false).unwrap();
    assert!(
        list.entries
            .iter()
            .find(|e| e.customer.id == id)
            .unwrap()
            .done
    );
    assert_eq!(kept_this_week(&store, &next_day), (1, 1));
}

#[test]
fn one_wrong_number_of_two_marks_that_number_and_keeps_the_customer() {
    let (_dir, mut store, rep, ids) = book(1);
    let id = ids[0];
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.execute(
        "INSERT INTO contacts (customer_id, name, role, phone, phone_digits, email, is_primary)
         VALUES (?1, 'Second', 'user', '+86 139 1111 2222', '8613911112222', '', 0)",
        [id],
    )
    .unwrap();
    let customer = store.customer(id).unwrap();
    let first = customer.contacts[0].id;
    // Without saying which, the command names both.
    let refused = calldeck(&store)
        .args(["log", &id.to_string(), "--outcome", "wrong_number", "--yes"])
        .assert()
        .code(1);
    let err = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("--contact") && err.contains("2 numbers"),
        "{err}"
    );
    // Without --yes it is asked about.
    calldeck(&store)
        .args([
            "log",
            &id.to_string(),
            "--outcome",
            "wrong_number",
            "--contact",
            &first.to_string(),
        ])
        .assert()
        .code(1);
    calldeck(&store)
        .args([
            "log",
            &id.to_string(),
            "--outcome",
            "wrong_number",
            "--contact",
            &first.to_string(),
            "--yes",
        ])
        .assert()
        .success();
    let after = store.customer(id).unwrap();
    assert_eq!(after.state.status.as_str(), "active");
    assert!(
        after
            .contacts
            .iter()
            .find(|c| c.id == first)
            .unwrap()
            .phone_bad
    );
    assert_eq!(after.primary_phone(), "+86 139 1111 2222");
    // Undo puts the number back in use.
    store
        .undo_last_call(rep.id, &Clock::parse(NOW).unwrap())
        .unwrap();
    let undone = store.customer(id).unwrap();
    assert!(
        !undone
            .contacts
            .iter()
            .find(|c| c.id == first)
            .unwrap()
            .phone_bad
    );
}
