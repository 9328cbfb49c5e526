//! The sales method's tables on a hand-built week, 2026-W48 (Monday 23 to Sunday 29
//! November), read the Monday after: prospects per grade per rep with the change on the
//! week before (意向客户级别状况表), losses by reason, satisfaction, complaints per
//! category and assignee. Every figure is worked out by hand in the comments.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::domain::{CallInput, Grade, Outcome};
use calldeck::report::funnel;
use calldeck::report::weekly::{Scope, Week, weekly};
use calldeck::report::{render_csv, render_md};
use calldeck::store::{NewContact, NewCustomer, RepRole, Store};

fn at(local: &str) -> Clock {
    Clock::parse(&format!("{local}+08:00")).unwrap()
}

struct W {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    ids: std::collections::HashMap<&'static str, (i64, i64)>,
}

impl W {
    fn log(&mut self, label: &str, input: CallInput, when: &str) {
        let (rep, id) = self.ids[label];
        self.store
            .record_call(rep, id, &input, &self.config, &at(when))
            .unwrap();
    }
}

fn graded(outcome: Outcome, grade: Grade) -> CallInput {
    let mut i = CallInput::new(outcome);
    i.grade = Some(grade);
    i
}

fn build() -> W {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w.db")).unwrap();
    let config = Config::default();
    let created = at("2026-11-02T09:00:00");
    let alice = store
        .add_rep("alice", RepRole::Rep, None, &created)
        .unwrap();
    let bob = store.add_rep("bob", RepRole::Rep, None, &created).unwrap();
    let customers = [
        ("A1", alice.id, Grade::C),
        ("A2", alice.id, Grade::C),
        ("A3", alice.id, Grade::B),
        ("A4", alice.id, Grade::C),
        ("B1", bob.id, Grade::A),
        ("B2", bob.id, Grade::C),
    ];
    let mut ids = std::collections::HashMap::new();
    for (label, owner, grade) in customers {
        let mut new = NewCustomer::named(&format!("Customer {label}"));
        new.owner_id = Some(owner);
        new.stage = 2;
        new.grade = grade;
        new.contacts = vec![NewContact {
            name: format!("Buyer {label}"),
            phone: "+86 138 0000 0000".into(),
            primary: true,
            ..NewContact::default()
        }];
        ids.insert(label, (owner, store.add_customer(&new, &created).unwrap()));
    }
    let mut w = W {
        _dir: dir,
        store,
        config,
        ids,
    };
    // The week before (W47): A1 C -> B. At the end of W47: alice O0 H0 A0 B2 C2, bob A1 C1.
    w.log(
        "A1",
        graded(Outcome::Reached, Grade::B),
        "2026-11-18T10:00:00",
    );
    // A customer added in W48 is not in the week before's table.
    let mut new = NewCustomer::named("Customer A5");
    new.owner_id = Some(w.ids["A1"].0);
    new.grade = Grade::H;
    new.contacts = vec![NewContact {
        name: "Buyer A5".into(),
        phone: "+86 138 0000 0001".into(),
        primary: true,
        ..NewContact::default()
    }];
    let a5 = w
        .store
        .add_customer(&new, &at("2026-11-24T09:00:00"))
        .unwrap();
    w.ids.insert("A5", (w.ids["A1"].0, a5));

    // W48: A1 B -> A, A3 B -> H; B1 A -> O.
    w.log(
        "A1",
        graded(Outcome::Reached, Grade::A),
        "2026-11-23T10:00:00",
    );
    w.log(
        "A3",
        graded(Outcome::Reached, Grade::H),
        "2026-11-23T11:00:00",
    );
    w.log(
        "B1",
        graded(Outcome::Reached, Grade::O),
        "2026-11-24T10:00:00",
    );
    // A4 says no twice: lost, for price. B2 likewise, for a competitor.
    w.log(
        "A4",
        CallInput::new(Outcome::NotInterested),
        "2026-11-24T10:00:00",
    );
    let mut lost = CallInput::new(Outcome::NotInterested);
    lost.loss_reason = Some("price".into());
    w.log("A4", lost, "2026-11-26T10:00:00");
    w.log(
        "B2",
        CallInput::new(Outcome::NotInterested),
        "2026-11-24T11:00:00",
    );
    let mut lost = CallInput::new(Outcome::NotInterested);
    lost.loss_reason = Some("competitor".into());
    w.log("B2", lost, "2026-11-26T11:00:00");
    // Satisfaction: alice records 5 and 2, bob 4.
    let mut s = CallInput::new(Outcome::Reached);
    s.satisfaction = Some(5);
    w.log("A1", s.clone(), "2026-11-25T10:00:00");
    s.satisfaction = Some(2);
    w.log("A3", s.clone(), "2026-11-25T11:00:00");
    s.satisfaction = Some(4);
    w.log("B1", s, "2026-11-25T12:00:00");
    // A complaint on A2 about delivery, opened Wednesday and left open past its due date
    // (two working days: Friday 27).
    let mut c = CallInput::new(Outcome::Reached);
    c.complaint = Some("late".into());
    c.complaint_category = Some("delivery".into());
    w.log("A2", c, "2026-11-25T15:00:00");
    w
}

#[test]
fn grades_losses_satisfaction_and_complaints_of_a_hand_built_week() {
    let w = build();
    let clock = at("2026-11-30T09:00:00");
    let r = weekly(
        &w.store,
        &w.config,
        &clock,
        Week::parse("2026-W48").unwrap(),
        &Scope::Team,
    )
    .unwrap();
    let m = &r.method;
    let rows: Vec<(&str, [i64; 5], [i64; 5])> = m
        .grades
        .iter()
        .map(|g| (g.rep.as_str(), g.now.values(), g.change.values()))
        .collect();
    // End of W48, active only: alice A1 A, A2 C, A3 H, A5 H (A4 lost) → O0 H2 A1 B0 C1;
    // the week before alice had B2 (A1, A3) C2 (A2, A4) → change O0 H+2 A+1 B−2 C−1.
    // bob B1 O (B2 lost) → O1; before A1 C1 → change O+1 A−1 C−1.
    assert_eq!(
        rows,
        [
            ("alice", [0, 2, 1, 0, 1], [0, 2, 1, -2, -1]),
            ("bob", [1, 0, 0, 0, 0], [1, 0, -1, 0, -1]),
            ("team", [1, 2, 1, 0, 1], [1, 2, 0, -2, -2]),
        ]
    );
    assert_eq!(
        m.losses_by_reason
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [("competitor", 1), ("price", 1)]
    );
    let sat: Vec<(&str, u64, f64, u64)> = m
        .satisfaction
        .iter()
        .map(|s| (s.rep.as_str(), s.count, s.average, s.low))
        .collect();
    assert_eq!(
        sat,
        [
            ("alice", 2, 3.5, 1),
            ("bob", 1, 4.0, 0),
            ("team", 3, 11.0 / 3.0, 1)
        ]
    );
    assert_eq!(m.complaints_by_category.len(), 1);
    let c = &m.complaints_by_category[0];
    assert_eq!(
        (c.key.as_str(), c.open, c.overdue, c.resolved),
        ("delivery", 1, 1, 0)
    );

    let md = render_md::render(&r, None, &w.config);
    assert!(
        md.contains("| alice | 0 | 2 (+2) | 1 (+1) | 0 (−2) | 1 (−1) | 4 |"),
        "{md}"
    );
    assert!(md.contains("competitor 1 · price 1"), "{md}");
    let csv = render_csv::render(&r);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let alice: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(alice[col("grade_H")], "2");
    assert_eq!(alice[col("grade_B_change")], "-2");
    assert_eq!(alice[col("satisfaction_low")], "1");
}

#[test]
fn the_funnel_holds_the_grade_table_and_losses_by_reason() {
    let w = build();
    let clock = at("2026-11-30T09:00:00");
    let f = funnel(&w.store, &w.config, &clock, &Scope::Team).unwrap();
    // Now vs 7 days before (Monday 23, 09:00): alice then B2 (A1, A3) C2; A5 not yet there.
    let alice = &f.method.grades[0];
    assert_eq!(alice.now.values(), [0, 2, 1, 0, 1]);
    assert_eq!(alice.change.values(), [0, 2, 1, -2, -1]);
    assert_eq!(f.method.losses_by_reason.len(), 2);
    let text = calldeck::report::funnel::render_text(&f, &w.config);
    assert!(
        text.contains("Losses by reason, last 90 days: competitor 1 · price 1"),
        "{text}"
    );
    assert!(text.contains("Prospects per grade"), "{text}");
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["grades"][2]["now"]["O"], 1);
}

#[test]
fn the_weekly_summary_holds_the_forecast_against_the_target() {
    let mut w = build();
    let clock = at("2026-11-30T09:00:00");
    let week = Week::parse("2026-W48").unwrap();
    let r = weekly(&w.store, &w.config, &clock, week, &Scope::Team).unwrap();
    assert_eq!(r.team.target_month_cents, None, "no rep has a target");
    assert!(!render_md::render(&r, None, &w.config).contains("Target "));
    let alice = w.store.resolve_rep(Some("alice")).unwrap();
    let bob = w.store.resolve_rep(Some("bob")).unwrap();
    w.store.set_rep_target(alice.id, Some(5_000_000)).unwrap();
    w.store.set_rep_target(bob.id, Some(1_000_000)).unwrap();
    let r = weekly(&w.store, &w.config, &clock, week, &Scope::Team).unwrap();
    let a = &r.reps[0];
    assert_eq!(a.target_month_cents, Some(5_000_000));
    assert_eq!(
        a.target_gap_cents,
        Some((5_000_000 - a.forecast_month_cents).max(0))
    );
    // The team's target is the sum; its gap is against the team's forecast.
    assert_eq!(r.team.target_month_cents, Some(6_000_000));
    assert_eq!(
        r.team.target_gap_cents,
        Some((6_000_000 - r.team.forecast_month_cents).max(0))
    );
    let md = render_md::render(&r, None, &w.config);
    assert!(md.contains("Target November 2026 ¥60,000.00"), "{md}");
    let csv = render_csv::render(&r);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let team: Vec<&str> = csv.lines().last().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "target_month_cents")
        .unwrap();
    assert_eq!(team[col], "6000000");
}
