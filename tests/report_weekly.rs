//! The weekly summary on a hand-built week: three reps, calls logged through the real
//! call-recording function (with void calls, a win, a loss, a complaint opened and
//! resolved, an appointment kept and one missed), and every figure of the JSON checked
//! against values worked out by hand below.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::domain::{CallInput, NextCall, Outcome, WonTerms};
use calldeck::report::{Scope, Week, funnel, weekly};
use calldeck::store::{NewContact, NewCustomer, Rep, RepRole, Store};
use chrono::{NaiveDate, NaiveTime};
use serde_json::{Value, json};

#[path = "common/engines.rs"]
mod engines;

/// Local times are +08:00 throughout.
fn at(local: &str) -> Clock {
    Clock::parse(&format!("{local}+08:00")).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Book {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    alice: Rep,
    bob: Rep,
    carol: Rep,
    /// Customer ids by label.
    ids: std::collections::HashMap<&'static str, i64>,
}

impl Book {
    fn id(&self, label: &str) -> i64 {
        self.ids[label]
    }

    fn log(&mut self, rep: i64, label: &str, input: CallInput, when: &str) {
        let id = self.id(label);
        self.store
            .record_call(rep, id, &input, &self.config, &at(when))
            .unwrap();
    }

    fn sql(&self, sql: &str) {
        engines::sql_batch(self.store.path(), sql);
    }
}

fn input(outcome: Outcome) -> CallInput {
    // A "not interested" that loses the customer says why (kept only when it does).
    let loss_reason = (outcome == Outcome::NotInterested).then(|| "price".to_string());
    CallInput {
        loss_reason,
        ..CallInput::new(outcome)
    }
}

fn callback(date: &str, time: &str) -> CallInput {
    let mut i = input(Outcome::Callback);
    i.next = Some(NextCall::at(
        d(date),
        NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
    ));
    i
}

/// The week under test is 2026-W47: Monday 16 to Sunday 22 November 2026.
fn hand_built_week() -> Book {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&engines::address(dir.path())).unwrap();
    let config = Config::default();
    let created = at("2026-10-20T09:00:00");
    let alice = store
        .add_rep("alice", RepRole::Rep, None, &created)
        .unwrap();
    let bob = store.add_rep("bob", RepRole::Rep, None, &created).unwrap();
    let carol = store
        .add_rep("carol", RepRole::Rep, None, &created)
        .unwrap();
    store
        .add_rep("lead", RepRole::Lead, None, &created)
        .unwrap();
    let mut ids = std::collections::HashMap::new();
    // (label, owner, stage, value in cents)
    let customers = [
        ("A1", alice.id, 2, 1_000_000),
        ("A2", alice.id, 2, 3_000_000),
        ("A3", alice.id, 3, 2_000_000),
        ("A4", alice.id, 4, 4_000_000),
        ("A5", alice.id, 4, 5_000_000),
        ("A6", alice.id, 2, 2_000_000),
        ("A7", alice.id, 1, 500_000),
        ("B1", bob.id, 1, 1_000_000),
        ("B2", bob.id, 2, 800_000),
        ("B3", bob.id, 1, 1_500_000),
        ("B4", bob.id, 1, 1_200_000),
        ("C1", carol.id, 2, 700_000),
        ("C2", carol.id, 5, 2_500_000),
    ];
    for (label, owner, stage, value) in customers {
        let mut new = NewCustomer::named(&format!("Customer {label}"));
        new.company = format!("{label} Ltd");
        new.owner_id = Some(owner);
        new.stage = stage;
        new.value_cents = value;
        new.contacts = vec![NewContact {
            name: format!("Buyer {label}"),
            phone: "+86 138 0000 0000".into(),
            primary: true,
            ..NewContact::default()
        }];
        ids.insert(label, store.add_customer(&new, &created).unwrap());
    }
    let mut b = Book {
        _dir: dir,
        store,
        config,
        alice: alice.clone(),
        bob: bob.clone(),
        carol,
        ids,
    };
    let (a, bo) = (alice.id, bob.id);

    // Before the week.
    b.log(a, "A7", input(Outcome::NoAnswer), "2026-10-30T10:00:00"); // last month
    b.log(
        a,
        "A6",
        input(Outcome::NotInterested),
        "2026-11-10T10:00:00",
    ); // first "no"
    let mut complaint = input(Outcome::Reached);
    complaint.complaint = Some("invoice wrong".into());
    b.log(bo, "B1", complaint, "2026-11-12T11:00:00"); // stage 1 -> 2, complaint opened
    // Sunday 23:30 local is still the week before.
    b.log(a, "A1", input(Outcome::NoAnswer), "2026-11-15T23:30:00");

    // Monday 16.
    b.log(a, "A1", input(Outcome::NoAnswer), "2026-11-16T09:00:00");
    b.log(a, "A2", input(Outcome::SentInfo), "2026-11-16T09:10:00"); // 2 -> 3
    b.log(
        a,
        "A3",
        callback("2026-11-18", "15:00"),
        "2026-11-16T09:20:00",
    );
    b.log(
        a,
        "A4",
        callback("2026-11-19", "11:00"),
        "2026-11-16T09:30:00",
    );
    let mut resolve = input(Outcome::Reached);
    resolve.resolve_complaint = true;
    resolve.stage = Some(3);
    b.log(bo, "B1", resolve, "2026-11-16T11:00:00"); // 2 -> 3, complaint resolved after 96 h

    // Tuesday 17.
    b.log(a, "A5", input(Outcome::ContractSent), "2026-11-17T10:00:00"); // 4 -> 5
    b.log(a, "A1", input(Outcome::SentInfo), "2026-11-17T10:10:00");
    b.store
        .undo_last_call(a, &at("2026-11-17T10:11:00"))
        .unwrap(); // void
    // Busy makes a same-day callback at 13:00: not an appointment.
    b.log(bo, "B2", input(Outcome::Busy), "2026-11-17T11:00:00");
    b.log(bo, "B2", input(Outcome::NoAnswer), "2026-11-17T13:05:00");

    // Wednesday 18.
    b.log(a, "A3", input(Outcome::Reached), "2026-11-18T15:05:00"); // appointment kept
    let mut won = input(Outcome::Won);
    won.won = WonTerms {
        value_cents: Some(6_000_000),
        ..WonTerms::default()
    };
    b.log(a, "A5", won, "2026-11-18T16:00:00"); // 5 -> 6, won 60,000.00
    b.log(bo, "B3", input(Outcome::SentInfo), "2026-11-18T10:00:00"); // 1 -> 3

    // Thursday 19: nobody calls A4 (appointment missed); Bob's contract is undone.
    b.log(
        bo,
        "B1",
        input(Outcome::ContractSent),
        "2026-11-19T10:00:00",
    );
    b.store
        .undo_last_call(bo, &at("2026-11-19T10:01:00"))
        .unwrap();

    // Friday 20.
    b.log(
        a,
        "A6",
        input(Outcome::NotInterested),
        "2026-11-20T09:00:00",
    ); // lost
    let mut opened = input(Outcome::Reached);
    opened.complaint = Some("late delivery".into());
    b.log(a, "A2", opened, "2026-11-20T09:30:00");
    let mut resolved = input(Outcome::Reached);
    resolved.resolve_complaint = true;
    b.log(a, "A2", resolved, "2026-11-20T15:30:00"); // resolved after 6 h

    // Monday 23 00:30 local is Sunday 16:30 UTC: the next week.
    b.log(bo, "B2", input(Outcome::Reached), "2026-11-23T00:30:00");

    // An imported pipeline's won deal for Carol (no call), and a loss after the week.
    let (c1, b4) = (b.id("C1"), b.id("B4"));
    b.sql(&format!(
        "INSERT INTO deals (customer_id, owner_id, value_cents, stage, opened_on, closed_on, result)
         VALUES ({c1}, {carol}, 1234500, 6, '2026-09-01', '2026-11-19', 'won'),
                ({b4}, {bob}, 999900, 3, '2026-09-01', '2026-11-23', 'lost');",
        carol = b.carol.id,
        bob = b.bob.id,
    ));

    // Frozen plans: Alice Mon (A1, A2, A7) and Tue (A1, A5); Bob Wed (B3, B4) and one
    // from the week before that must not count.
    let plan = |rep: i64, day: &str, customers: &[&str]| {
        let mut sql = format!(
            "INSERT INTO plans (rep_id, day, created_at) VALUES ({rep}, '{day}', '{day}T00:00:00Z');"
        );
        for (i, c) in customers.iter().enumerate() {
            sql.push_str(&format!(
                "INSERT INTO plan_entries (rep_id, day, position, customer_id, score) VALUES ({rep}, '{day}', {}, {}, 1.0);",
                i + 1,
                b.id(c)
            ));
        }
        sql
    };
    let sql = [
        plan(a, "2026-11-16", &["A1", "A2", "A7"]),
        plan(a, "2026-11-17", &["A1", "A5"]),
        plan(bo, "2026-11-18", &["B3", "B4"]),
        plan(bo, "2026-11-13", &["B1", "B2"]),
    ]
    .concat();
    b.sql(&sql);
    b
}

fn figures(v: &Value, rep: &str) -> Value {
    if rep == "team" {
        return v["team"].clone();
    }
    v["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rep"] == rep)
        .cloned()
        .unwrap_or_else(|| panic!("no rep {rep} in {v}"))
}

fn close(a: &Value, b: f64) -> bool {
    (a.as_f64().unwrap() - b).abs() < 1e-9
}

/// Checks every field of the SPEC's JSON contract, numbers given by hand.
#[allow(clippy::too_many_arguments)]
fn check(
    f: &Value,
    calls: u64,
    reached: u64,
    unique: u64,
    coverage: f64,
    plan: f64,
    appointments_kept: u64,
    advances: Value,
    contracts_sent: u64,
    won: (u64, i64),
    lost: (u64, i64),
    complaints: (u64, u64, f64),
    pipeline: i64,
    forecast: i64,
    prospects: u64,
) {
    let who = f["rep"].as_str().unwrap().to_string();
    assert_eq!(f["calls"], calls, "{who} calls");
    assert_eq!(f["reached"], reached, "{who} reached");
    let rate = if calls == 0 {
        0.0
    } else {
        reached as f64 / calls as f64
    };
    assert!(
        close(&f["connect_rate"], rate),
        "{who} connect_rate {}",
        f["connect_rate"]
    );
    assert_eq!(f["unique_customers"], unique, "{who} unique_customers");
    assert!(
        close(&f["coverage_mtd"], coverage),
        "{who} coverage_mtd {}",
        f["coverage_mtd"]
    );
    assert!(
        close(&f["plan_adherence"], plan),
        "{who} plan_adherence {}",
        f["plan_adherence"]
    );
    assert_eq!(
        f["appointments_kept"], appointments_kept,
        "{who} appointments_kept"
    );
    assert_eq!(f["stage_advances"], advances, "{who} stage_advances");
    assert_eq!(f["contracts_sent"], contracts_sent, "{who} contracts_sent");
    assert_eq!(
        f["won"],
        json!({"count": won.0, "value_cents": won.1}),
        "{who} won"
    );
    assert_eq!(
        f["lost"],
        json!({"count": lost.0, "value_cents": lost.1}),
        "{who} lost"
    );
    assert_eq!(
        f["complaints"]["opened"], complaints.0,
        "{who} complaints opened"
    );
    assert_eq!(
        f["complaints"]["resolved"], complaints.1,
        "{who} complaints resolved"
    );
    assert!(
        close(&f["complaints"]["mean_resolution_hours"], complaints.2),
        "{who} mean_resolution_hours {}",
        f["complaints"]["mean_resolution_hours"]
    );
    assert_eq!(f["pipeline_value_cents"], pipeline, "{who} pipeline");
    assert_eq!(f["weighted_forecast_cents"], forecast, "{who} forecast");
    assert_eq!(f["prospects_needed"], prospects, "{who} prospects_needed");
}

#[test]
fn every_figure_of_a_hand_built_week() {
    let b = hand_built_week();
    let now = at("2026-11-26T10:00:00");
    let week = Week::parse("2026-W47").unwrap();
    let report = weekly(&b.store, &b.config, &now, week, &Scope::Team).unwrap();
    let v = serde_json::to_value(&report).unwrap();
    assert_eq!(v["week"], "2026-W47");
    assert_eq!(v["from"], "2026-11-16");
    assert_eq!(v["to"], "2026-11-22");
    let names: Vec<&str> = v["reps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rep"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["alice", "bob", "carol"],
        "the lead with no book is left out"
    );

    // Alice: 10 calls (the void SentInfo to A1 and the calls outside the week excluded),
    // 9 reached (all but Monday's no answer), customers A1-A6. Book: A1-A5 and A7 (A6 is
    // lost), A7 last called in October: 5/6. Plans: Mon 2 of 3, Tue 1 of 2 (A1's call was
    // undone). Appointments: A3 kept, A4 missed. Complaint on A2 open 09:30-15:30.
    // Open deals A1 2@10k, A2 3@30k, A3 3@20k, A4 4@40k, A7 1@5k:
    // weighted 2,000+9,000+6,000+20,000+500 = 37,500.00; + won 60,000.00.
    // Close rate 1 won of 2 closed: 1 win needs 2 prospects.
    check(
        &figures(&v, "alice"),
        10,
        9,
        6,
        5.0 / 6.0,
        3.0 / 5.0,
        1,
        json!({"2->3": 1, "4->5": 1, "5->6": 1}),
        1,
        (1, 6_000_000),
        (1, 2_000_000),
        (1, 1, 6.0),
        10_500_000,
        3_750_000 + 6_000_000,
        2,
    );
    let alice = figures(&v, "alice");
    assert_eq!(alice["appointments_due"], 2);
    assert_eq!(
        (alice["planned"].clone(), alice["planned_done"].clone()),
        (json!(5), json!(3))
    );

    // Bob: B1 reached (2 -> 3 by hand, complaint from the 12th resolved after 96 h), B2 busy
    // then no answer, B3 sent info (1 -> 3); his contract call was undone. The busy
    // callback was made the same day: no appointment. Plan Wed: B3 of B3, B4.
    // Open deals B1 3@10k, B2 2@8k, B3 3@15k, B4 1@12k: weighted 3,000+1,600+4,500+1,200;
    // plus the imported B4 deal lost on the 23rd, still open at the week's end: 3@9,999
    // weighted 2,999.70.
    check(
        &figures(&v, "bob"),
        4,
        2,
        3,
        3.0 / 4.0,
        0.5,
        0,
        json!({"2->3": 1, "1->3": 1}),
        0,
        (0, 0),
        (0, 0),
        (0, 1, 96.0),
        4_500_000 + 999_900,
        1_030_000 + 299_970,
        0,
    );
    assert_eq!(figures(&v, "bob")["appointments_due"], 0);

    // Carol made no calls; her imported win still counts. C1 2@7k, C2 5@25k.
    check(
        &figures(&v, "carol"),
        0,
        0,
        0,
        0.0,
        0.0,
        0,
        json!({}),
        0,
        (1, 1_234_500),
        (0, 0),
        (0, 0, 0.0),
        3_200_000,
        140_000 + 2_000_000 + 1_234_500,
        1,
    );

    // The team: sums, rates recomputed from the sums.
    check(
        &figures(&v, "team"),
        14,
        11,
        9,
        8.0 / 12.0,
        4.0 / 7.0,
        1,
        json!({"1->3": 1, "2->3": 2, "4->5": 1, "5->6": 1}),
        1,
        (2, 7_234_500),
        (1, 2_000_000),
        (1, 2, 51.0),
        18_200_000 + 999_900,
        9_750_000 + 1_030_000 + 299_970 + 3_374_500,
        3,
    );
    assert!(close(&v["team"]["close_rate"], 2.0 / 3.0));
    assert_eq!(v["team"]["appointments_due"], 2);

    // Calls per day (the team's), by local date.
    let days: Vec<u64> = v["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["calls"].as_u64().unwrap())
        .collect();
    assert_eq!(days, [5, 3, 3, 0, 3, 0, 0]);
    assert_eq!(report.deals.len(), 3, "A5 won, A6 lost, C1 imported win");
}

#[test]
fn one_rep_scope_gives_that_rep_and_the_same_figures() {
    let b = hand_built_week();
    let now = at("2026-11-26T10:00:00");
    let week = Week::parse("2026-W47").unwrap();
    let team = serde_json::to_value(weekly(&b.store, &b.config, &now, week, &Scope::Team).unwrap())
        .unwrap();
    let one = serde_json::to_value(
        weekly(&b.store, &b.config, &now, week, &Scope::Rep(b.bob.clone())).unwrap(),
    )
    .unwrap();
    assert_eq!(one["reps"].as_array().unwrap().len(), 1);
    let mut bob_team = figures(&team, "bob");
    let mut bob_one = figures(&one, "bob");
    assert_eq!(bob_one, bob_team);
    // The team of one rep is that rep.
    bob_team["rep"] = json!("team");
    bob_one = one["team"].clone();
    assert_eq!(bob_one, bob_team);
}

fn assert_all_zero_rates(f: &Value) {
    for key in [
        "connect_rate",
        "coverage_mtd",
        "plan_adherence",
        "close_rate",
    ] {
        assert_eq!(f[key].as_f64(), Some(0.0), "{key} in {f}");
    }
    assert_eq!(f["complaints"]["mean_resolution_hours"].as_f64(), Some(0.0));
}

#[test]
fn empty_weeks_give_zeros_not_nan() {
    let b = hand_built_week();
    let now = at("2026-11-26T10:00:00");
    // Before the database existed (and before the imported deals opened on 1 September):
    // nothing at all, not even a book or a pipeline.
    for w in ["2026-W34", "1999-W01"] {
        let r = weekly(
            &b.store,
            &b.config,
            &now,
            Week::parse(w).unwrap(),
            &Scope::Team,
        )
        .unwrap();
        let v = serde_json::to_value(&r).unwrap();
        for f in v["reps"].as_array().unwrap().iter().chain([&v["team"]]) {
            assert_eq!(f["calls"], 0);
            assert_eq!(f["pipeline_value_cents"], 0);
            assert_eq!(f["weighted_forecast_cents"], 0);
            assert_eq!(f["prospects_needed"], 0);
            assert_all_zero_rates(f);
        }
    }
    // A quiet week after the data (the week of 2026-12-07): no calls, rates 0.
    let r = weekly(
        &b.store,
        &b.config,
        &now,
        Week::parse("2026-W50").unwrap(),
        &Scope::Team,
    )
    .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["team"]["calls"], 0);
    assert_eq!(v["team"]["connect_rate"].as_f64(), Some(0.0));
    assert_eq!(v["team"]["plan_adherence"].as_f64(), Some(0.0));
    // Carol, a rep with no calls, in the hand-built week.
    let r = weekly(
        &b.store,
        &b.config,
        &now,
        Week::parse("2026-W47").unwrap(),
        &Scope::Rep(b.carol.clone()),
    )
    .unwrap();
    assert_eq!(r.team.calls, 0);
    assert_eq!(r.team.connect_rate, 0.0);
    assert!(serde_json::to_string(&r).unwrap().find("NaN").is_none());
    // An empty file.
    let dir = tempfile::tempdir().unwrap();
    let empty = Store::open(&engines::address(dir.path())).unwrap();
    let r = weekly(
        &empty,
        &b.config,
        &now,
        Week::parse("2026-W47").unwrap(),
        &Scope::Team,
    )
    .unwrap();
    assert!(r.reps.is_empty());
    assert_eq!(r.team.calls, 0);
    assert_eq!(r.team.connect_rate, 0.0);
}

#[test]
fn funnel_counts_open_deals_and_forecasts() {
    let b = hand_built_week();
    let now = at("2026-11-26T10:00:00");
    let f = funnel(&b.store, &b.config, &now, &Scope::Rep(b.alice.clone())).unwrap();
    let by_stage = |s: u8| f.stages.iter().find(|r| r.stage == s).unwrap();
    assert_eq!((by_stage(3).deals, by_stage(3).value_cents), (2, 5_000_000));
    assert_eq!(by_stage(3).weighted_cents, 1_500_000);
    assert_eq!((by_stage(4).deals, by_stage(4).value_cents), (1, 4_000_000));
    assert_eq!(by_stage(5).deals, 0);
    assert!(
        f.stages.iter().all(|s| s.stage != 6),
        "under contract is not open"
    );
    assert_eq!(f.pipeline_value_cents, 10_500_000);
    assert_eq!(f.weighted_open_cents, 3_750_000);
    // Won this month: A5's 60,000.00 on the 18th.
    assert_eq!(f.won_this_month.count, 1);
    assert_eq!(f.forecast_cents, 6_000_000 + 3_750_000);
    // Conversion out of stage 4 (last 90 days): A5 moved 4 -> 5; A4 is still there.
    let c4 = f.conversion.iter().find(|c| c.stage == 4).unwrap();
    assert_eq!((c4.advanced, c4.lost, c4.open), (1, 0, 1));
    assert_eq!(c4.rate, 0.5);
    // Out of stage 2: A2 moved up, A6 was lost there, A1 is still there.
    let c2 = f.conversion.iter().find(|c| c.stage == 2).unwrap();
    assert_eq!((c2.advanced, c2.lost, c2.open), (1, 1, 1));

    let team = funnel(&b.store, &b.config, &now, &Scope::Team).unwrap();
    assert_eq!(team.pipeline_value_cents, 18_200_000);
    // Carol's imported win is in November too.
    assert_eq!(team.won_this_month.value_cents, 7_234_500);
    assert_eq!(
        team.forecast_cents,
        7_234_500 + 3_750_000 + 1_030_000 + 2_140_000
    );
}

/// The weekly report's tests on PostgreSQL.
#[test]
fn the_weekly_report_on_postgresql() {
    engines::on_postgres(&[
        ("hand_built_week", every_figure_of_a_hand_built_week),
        ("one_rep", one_rep_scope_gives_that_rep_and_the_same_figures),
        ("empty_weeks", empty_weeks_give_zeros_not_nan),
        ("funnel", funnel_counts_open_deals_and_forecasts),
    ]);
}
