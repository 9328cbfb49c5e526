//! The weekly figures that must mean what they say, on a hand-built running week: plan
//! adherence over the finished days with the skips by reason, unplanned calls, the running
//! week compared with the same stretch of the week before and labelled "so far", stage
//! names in the advances, complaints spelled out, the month and quarter forecasts with
//! their horizon, and the pipeline split into reached and not-yet-reached stages. Every
//! number below is worked out by hand in the comments.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::domain::{CallInput, Grade, NextCall, Outcome};
use calldeck::report::render_md;
use calldeck::report::weekly::{Scope, Week, weekly, weekly_until};
use calldeck::store::{NewContact, NewCustomer, Rep, RepRole, Store};
use chrono::{NaiveDate, NaiveTime};

fn at(local: &str) -> Clock {
    Clock::parse(&format!("{local}+08:00")).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Wednesday of 2026-W48, 14:00: the week is running.
const NOW: &str = "2026-11-25T14:00:00";

struct Week48 {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    alice: Rep,
    ids: std::collections::HashMap<&'static str, i64>,
}

impl Week48 {
    fn log(&mut self, rep: i64, label: &str, input: CallInput, when: &str) {
        let id = self.ids[label];
        self.store
            .record_call(rep, id, &input, &self.config, &at(when))
            .unwrap();
    }

    fn sql(&self, sql: &str) {
        let conn = rusqlite::Connection::open(self.store.path()).unwrap();
        conn.execute_batch(sql).unwrap();
    }
}

fn callback(date: &str, time: &str) -> CallInput {
    let mut i = CallInput::new(Outcome::Callback);
    i.next = Some(NextCall::at(
        d(date),
        NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
    ));
    i
}

fn build() -> Week48 {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w48.db")).unwrap();
    let config = Config::default();
    let created = at("2026-10-01T09:00:00");
    let alice = store
        .add_rep("alice", RepRole::Rep, None, &created)
        .unwrap();
    let bob = store.add_rep("bob", RepRole::Rep, None, &created).unwrap();
    // (label, owner, stage, grade, value)
    let customers = [
        ("X1", alice.id, 1, Grade::C, 0),
        ("X2", alice.id, 1, Grade::C, 0),
        ("X3", alice.id, 1, Grade::C, 0),
        ("X4", alice.id, 1, Grade::C, 0),
        ("X5", alice.id, 1, Grade::C, 0),
        ("X6", alice.id, 1, Grade::C, 0),
        ("X7", alice.id, 1, Grade::C, 0),
        ("X8", alice.id, 1, Grade::C, 0),
        // The forecast's deals.
        ("Z1", alice.id, 4, Grade::H, 1_000_000),
        ("Z2", alice.id, 5, Grade::A, 2_000_000),
        ("Z3", alice.id, 3, Grade::B, 1_000_000),
        ("Z4", alice.id, 2, Grade::C, 500_000),
        ("Z6", alice.id, 0, Grade::C, 700_000),
        ("Z7", alice.id, 1, Grade::C, 300_000),
        ("W1", alice.id, 2, Grade::C, 0),
        ("Y1", bob.id, 1, Grade::C, 0),
        ("Y2", bob.id, 1, Grade::C, 0),
    ];
    let mut ids = std::collections::HashMap::new();
    for (label, owner, stage, grade, value) in customers {
        let mut new = NewCustomer::named(&format!("Customer {label}"));
        new.owner_id = Some(owner);
        new.stage = stage;
        new.grade = grade;
        new.value_cents = value;
        new.contacts = vec![NewContact {
            name: format!("Buyer {label}"),
            phone: "+86 138 0000 0000".into(),
            primary: true,
            ..NewContact::default()
        }];
        ids.insert(label, store.add_customer(&new, &created).unwrap());
    }
    let mut w = Week48 {
        _dir: dir,
        store,
        config,
        alice: alice.clone(),
        ids,
    };
    let (a, b) = (alice.id, bob.id);
    let no_answer = || CallInput::new(Outcome::NoAnswer);

    // The week before, 2026-W47. Up to Wednesday 14:00 (the same stretch as now): 3 calls.
    let mut complaint = CallInput::new(Outcome::Reached);
    complaint.complaint = Some("invoice wrong".into());
    w.log(a, "X4", complaint, "2026-11-16T10:00:00"); // X4 1 -> 2
    w.log(b, "Y1", no_answer(), "2026-11-17T09:00:00");
    w.log(b, "Y1", no_answer(), "2026-11-18T10:00:00");
    // After Wednesday 14:00 of that week: 2 more, 5 in all.
    w.log(b, "Y2", no_answer(), "2026-11-18T16:00:00");
    w.log(b, "Y2", no_answer(), "2026-11-20T10:00:00");

    // 2026-W48, Monday 23.
    w.log(a, "X1", no_answer(), "2026-11-23T09:00:00"); // planned
    w.log(
        a,
        "X7",
        callback("2026-11-24", "11:00"),
        "2026-11-23T09:30:00",
    ); // 1 -> 2
    w.log(
        a,
        "X8",
        callback("2026-11-24", "15:00"),
        "2026-11-23T09:40:00",
    ); // 1 -> 2
    w.log(a, "X5", no_answer(), "2026-11-23T10:00:00");
    // Tuesday 24: X7 tried two hours before its 11:00 appointment and never again (missed);
    // X8 called ten minutes before its 15:00 appointment (kept).
    w.log(a, "X7", no_answer(), "2026-11-24T09:00:00");
    let mut resolve = CallInput::new(Outcome::Reached);
    resolve.resolve_complaint = true;
    resolve.stage = Some(3);
    w.log(a, "X4", resolve, "2026-11-24T10:00:00"); // 2 -> 3, resolved after 192 h
    w.log(
        a,
        "X8",
        CallInput::new(Outcome::Reached),
        "2026-11-24T14:50:00",
    );
    // Wednesday 25 (today).
    w.log(a, "X2", no_answer(), "2026-11-25T09:00:00");
    w.log(a, "X6", no_answer(), "2026-11-25T11:00:00");

    // Frozen plans with the reasons each entry was planned for.
    let plan = |day: &str, entries: &[(&str, &str)]| {
        let mut sql = format!(
            "INSERT INTO plans (rep_id, day, created_at) VALUES ({a}, '{day}', '{day}T00:00:00Z');"
        );
        for (i, (c, reason)) in entries.iter().enumerate() {
            sql.push_str(&format!(
                "INSERT INTO plan_entries (rep_id, day, position, customer_id, score, reasons)
                 VALUES ({a}, '{day}', {}, {}, 1.0, '[\"{reason}\"]');",
                i + 1,
                w.ids[c]
            ));
        }
        sql
    };
    let sql = [
        plan(
            "2026-11-23",
            &[
                ("X1", "overdue 3d"),
                ("X2", "not contacted 34d"),
                ("X3", "callback 15:00"),
            ],
        ),
        plan(
            "2026-11-24",
            &[("X1", "overdue 1d"), ("X4", "complaint open")],
        ),
        plan("2026-11-25", &[("X2", "not contacted 36d")]),
    ]
    .concat();
    w.sql(&sql);

    // Deals won by an imported pipeline: one in November, one in October.
    w.sql(&format!(
        "INSERT INTO deals (customer_id, owner_id, value_cents, stage, opened_on, closed_on, result)
         VALUES ({c}, {a}, 2000000, 6, '2026-09-01', '2026-11-10', 'won'),
                ({c}, {a}, 1000000, 6, '2026-09-01', '2026-10-15', 'won');",
        c = w.ids["W1"],
    ));
    // Expected close dates as an import brings them.
    assert!(
        w.store
            .set_expected_close(w.ids["Z2"], Some(d("2026-11-27")))
            .unwrap()
    );
    assert!(
        w.store
            .set_expected_close(w.ids["Z4"], Some(d("2026-12-20")))
            .unwrap()
    );
    w
}

fn alice(report: &calldeck::report::WeeklyReport) -> &calldeck::report::Figures {
    report.reps.iter().find(|f| f.rep == "alice").unwrap()
}

#[test]
fn every_redefined_figure_of_a_running_week() {
    let w = build();
    let now = at(NOW);
    let week = Week::parse("2026-W48").unwrap();
    let report = weekly(&w.store, &w.config, &now, week, &Scope::Team).unwrap();
    assert!(report.so_far);
    let f = alice(&report);

    // Calls: Mon 4, Tue 3, Wed 2.
    assert_eq!(f.calls, 9);
    // Plan: Mon 3 + Tue 2 entries (today's list counts from tomorrow); called on the day:
    // X1 on Monday, X4 on Tuesday.
    assert_eq!((f.planned, f.planned_done, f.skipped), (5, 2, 3));
    assert_eq!(f.plan_adherence, 0.4);
    let skipped: Vec<(&str, u64)> = f
        .skipped_by_reason
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(
        skipped,
        [("callback", 1), ("not contacted", 1), ("overdue", 1)]
    );
    // Not on the day's list: X5, X7, X8 on Monday, X7, X8 on Tuesday, X6 today.
    assert_eq!(f.unplanned_calls, 6);
    // X7's 09:00 try does not keep its 11:00 appointment; X8's 14:50 call keeps 15:00.
    assert_eq!((f.appointments_kept, f.appointments_due), (1, 2));
    // X7 and X8 reached on Monday (1 -> 2), X4 moved to 3 on Tuesday.
    let advances: Vec<(&str, u64)> = f
        .stage_advances
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(advances, [("1->2", 2), ("2->3", 1)]);
    // Opened on the 16th at 10:00, resolved on the 24th at 10:00.
    assert_eq!((f.complaints.opened, f.complaints.resolved), (0, 1));
    assert_eq!(f.complaints.mean_resolution_hours, 192.0);

    // Pipeline: reached Z1 1,000,000 + Z2 2,000,000 + Z3 1,000,000 + Z4 500,000 (the X
    // deals are worth nothing); not yet reached Z6 700,000 + Z7 300,000.
    assert_eq!(f.pipeline_reached_cents, 4_500_000);
    assert_eq!(f.pipeline_unreached_cents, 1_000_000);
    // November: won 2,000,000 + Z2 (closes the 27th) 2,000,000 × 80%.
    assert_eq!(f.forecast_month_cents, 2_000_000 + 1_600_000);
    // Q4: won 3,000,000 (October and November) + Z2 1,600,000 + Z1 (H: by 2 December)
    // 1,000,000 × 50% + Z4 (20 December) 500,000 × 20%; Z3 (B: February) and the C
    // grades (May) fall after the quarter.
    assert_eq!(
        f.forecast_quarter_cents,
        3_000_000 + 1_600_000 + 500_000 + 100_000
    );
    assert_eq!(
        (report.month.as_str(), report.quarter.as_str()),
        ("November 2026", "Q4 2026")
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["team"]["forecast_month_cents"], 3_600_000);
    assert_eq!(json["team"]["forecast_quarter_cents"], 5_200_000);

    // The same stretch of the week before: up to Wednesday 14:00, 3 calls (5 in all).
    let until = now.now_utc() - chrono::Duration::days(7);
    let before = weekly_until(
        &w.store,
        &w.config,
        &now,
        week.previous(),
        &Scope::Team,
        Some(until),
    )
    .unwrap();
    assert!(!before.so_far);
    assert_eq!(before.team.calls, 3);
    let whole = weekly(&w.store, &w.config, &now, week.previous(), &Scope::Team).unwrap();
    assert_eq!(whole.team.calls, 5);

    let md = render_md::render(&report, Some(&before.team), &w.config);
    assert!(
        md.starts_with("# Weekly summary 2026-W48 so far (2026-11-23 to 2026-11-29)"),
        "{md}"
    );
    assert!(
        md.contains("**9 calls** (+200% on the same days last week)"),
        "{md}"
    );
    assert!(
        md.contains("Forecast November 2026 **¥36,000.00** · Q4 2026 ¥52,000.00."),
        "{md}"
    );
    assert!(
        md.contains(
            "Pipeline ¥45,000.00 reached (stages 2–5, 7) + ¥10,000.00 not yet reached (0–1)."
        ),
        "{md}"
    );
    // 4 of 9 calls reached somebody: X7, X8 on Monday, X4, X8 on Tuesday.
    assert!(
        md.contains("| alice | 9 | 44% | 2/5 (40%) | 1/2 | 0 (¥0.00) | ¥36,000.00 |"),
        "{md}"
    );
    let header = md.lines().find(|l| l.starts_with("| rep |")).unwrap();
    assert_eq!(header.matches('|').count() - 1, 7, "{header}");
    assert!(md.contains("opened 0 · resolved 1 · mean 192.0 h"), "{md}");
    assert!(
        md.contains("- alice: newly assigned → contacted, needs known ×2; contacted, needs known → interested, quote sent ×1"),
        "{md}"
    );
    assert!(
        md.contains(
            "- alice: 3 of 5 planned (planned for: callback 1, not contacted 1, overdue 1)"
        ),
        "{md}"
    );
    assert!(md.contains("## What the figures mean"), "{md}");
    assert!(md.contains("- **prospects needed**: "), "{md}");
}

#[test]
fn a_logged_close_date_moves_the_deal_into_the_month() {
    let mut w = build();
    let z3 = w.ids["Z3"];
    assert_eq!(w.store.expected_close(z3).unwrap(), None);
    let week = Week::parse("2026-W48").unwrap();
    let before = weekly(&w.store, &w.config, &at(NOW), week, &Scope::Team).unwrap();
    // B grade: expected in February, outside the month.
    let mut call = CallInput::new(Outcome::NoAnswer);
    call.close = Some(d("2026-11-30"));
    let a = w.alice.id;
    w.log(a, "Z3", call, "2026-11-25T15:00:00");
    assert_eq!(w.store.expected_close(z3).unwrap(), Some(d("2026-11-30")));
    let after = weekly(&w.store, &w.config, &at(NOW), week, &Scope::Team).unwrap();
    // Z3 1,000,000 × 30% joins November.
    assert_eq!(
        alice(&after).forecast_month_cents - alice(&before).forecast_month_cents,
        300_000
    );
    // A conversation without a date re-judges it from the grade: H is within 7 days.
    let mut talk = CallInput::new(Outcome::Reached);
    talk.grade = Some(Grade::H);
    w.log(a, "Z3", talk, "2026-11-25T16:00:00");
    assert_eq!(w.store.expected_close(z3).unwrap(), Some(d("2026-12-02")));
    // A date in the past is refused.
    let mut past = CallInput::new(Outcome::Reached);
    past.close = Some(d("2026-11-01"));
    let err = w
        .store
        .record_call(a, z3, &past, &w.config, &at("2026-11-25T16:10:00"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("is in the past"), "{err}");
}
