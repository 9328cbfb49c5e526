//! The daily activity report (销售活动日报表) on a hand-built day, Tuesday 2026-11-24, read
//! the next morning. Every figure is worked out by hand in the comments.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::domain::{CallInput, Grade, NextCall, Outcome};
use calldeck::report::daily::{daily, render_csv, render_md};
use calldeck::report::weekly::Scope;
use calldeck::store::{NewContact, NewCustomer, RepRole, Store};
use chrono::{NaiveDate, NaiveTime};

fn at(local: &str) -> Clock {
    Clock::parse(&format!("{local}+08:00")).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn callback(date: &str, time: &str) -> CallInput {
    let mut i = CallInput::new(Outcome::Callback);
    i.next = Some(NextCall::at(
        d(date),
        NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
    ));
    i
}

fn timed(outcome: Outcome, seconds: u32) -> CallInput {
    let mut i = CallInput::new(outcome);
    i.duration_s = Some(seconds);
    i
}

struct Day {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    ids: std::collections::HashMap<&'static str, (i64, i64)>,
}

impl Day {
    fn log(&mut self, label: &str, input: CallInput, when: &str) {
        let (rep, id) = self.ids[label];
        self.store
            .record_call(rep, id, &input, &self.config, &at(when))
            .unwrap();
    }
}

fn build() -> Day {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("day.db")).unwrap();
    let config = Config::default();
    let created = at("2026-11-02T09:00:00");
    let alice = store
        .add_rep("alice", RepRole::Rep, None, &created)
        .unwrap();
    let bob = store.add_rep("bob", RepRole::Rep, None, &created).unwrap();
    // A lead with nothing recorded is not part of the day.
    store
        .add_rep("lead", RepRole::Lead, None, &created)
        .unwrap();
    // (label, owner, stage, grade, value)
    let customers = [
        ("A1", alice.id, 1, Grade::C, 0),
        ("A2", alice.id, 1, Grade::C, 0),
        ("A3", alice.id, 4, Grade::H, 500_000),
        ("A4", alice.id, 5, Grade::A, 1_000_000),
        ("A5", alice.id, 1, Grade::C, 0),
        ("A6", alice.id, 1, Grade::C, 0),
        ("B1", bob.id, 1, Grade::C, 0),
        ("B2", bob.id, 1, Grade::C, 0),
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
        ids.insert(label, (owner, store.add_customer(&new, &created).unwrap()));
    }
    let mut day = Day {
        _dir: dir,
        store,
        config,
        ids,
    };

    // Monday 23: two appointments for Tuesday (stage 1 -> 2 each), and a complaint on B2.
    day.log("A1", callback("2026-11-24", "10:00"), "2026-11-23T10:00:00");
    day.log("A2", callback("2026-11-24", "15:00"), "2026-11-23T10:10:00");
    let mut complaint = CallInput::new(Outcome::Reached);
    complaint.complaint = Some("invoice wrong".into());
    day.log("B2", complaint, "2026-11-23T11:00:00"); // B2 1 -> 2

    // Tuesday 24, alice: 5 calls, 4 reached, 480 s timed.
    day.log(
        "A5",
        CallInput::new(Outcome::NoAnswer),
        "2026-11-24T09:00:00",
    );
    day.log("A1", timed(Outcome::Reached, 300), "2026-11-24T10:05:00"); // kept; stays 2
    day.log(
        "A3",
        timed(Outcome::ContractSent, 120),
        "2026-11-24T11:00:00",
    ); // 4 -> 5
    day.log("A4", CallInput::new(Outcome::Won), "2026-11-24T14:00:00"); // 5 -> 6, ¥10,000
    let mut opened = timed(Outcome::Reached, 60);
    opened.complaint = Some("late delivery".into());
    day.log("A6", opened, "2026-11-24T16:00:00"); // 1 -> 2, a complaint opened
    // A2's 15:00 appointment is never called: due, not kept.

    // Tuesday 24, bob: 2 calls, 1 reached, 200 s; the complaint of Monday resolved.
    day.log(
        "B1",
        CallInput::new(Outcome::NoAnswer),
        "2026-11-24T09:30:00",
    );
    let mut resolve = timed(Outcome::Reached, 200);
    resolve.resolve_complaint = true;
    day.log("B2", resolve, "2026-11-24T11:00:00");

    // Wednesday 25 early: not part of Tuesday.
    day.log(
        "A5",
        CallInput::new(Outcome::NoAnswer),
        "2026-11-25T07:30:00",
    );
    day
}

#[test]
fn a_hand_built_day_adds_up() {
    let day = build();
    let clock = at("2026-11-25T08:00:00");
    let r = daily(
        &day.store,
        &day.config,
        &clock,
        d("2026-11-24"),
        &Scope::Team,
    )
    .unwrap();
    assert!(!r.so_far);
    assert_eq!(r.next_working_day, d("2026-11-25"));
    let names: Vec<&str> = r.reps.iter().map(|f| f.rep.as_str()).collect();
    assert_eq!(names, ["alice", "bob"], "the idle lead is left out");

    let a = &r.reps[0];
    assert_eq!((a.calls, a.reached), (5, 4));
    assert!((a.connect_rate - 0.8).abs() < 1e-9);
    assert_eq!((a.appointments_due, a.appointments_kept), (2, 1));
    assert_eq!(
        a.stage_moves, 3,
        "4->5, 5->6 and 1->2: {:?}",
        a.stage_advances
    );
    assert_eq!(a.stage_advances.get("4->5"), Some(&1));
    assert_eq!(a.stage_advances.get("5->6"), Some(&1));
    assert_eq!(a.stage_advances.get("1->2"), Some(&1));
    assert_eq!(a.contracts_sent, 1);
    assert_eq!((a.won.count, a.won.value_cents), (1, 1_000_000));
    assert_eq!((a.complaints_opened, a.complaints_resolved), (1, 0));
    assert_eq!(a.talk_time_s, 480);

    let b = &r.reps[1];
    assert_eq!((b.calls, b.reached), (2, 1));
    assert_eq!((b.appointments_due, b.appointments_kept), (0, 0));
    assert_eq!(b.stage_moves, 0);
    assert_eq!((b.complaints_opened, b.complaints_resolved), (0, 1));
    assert_eq!(b.talk_time_s, 200);

    let t = &r.team;
    assert_eq!(t.rep, "team");
    assert_eq!((t.calls, t.reached), (7, 5));
    assert_eq!((t.appointments_due, t.appointments_kept), (2, 1));
    assert_eq!(t.stage_moves, 3);
    assert_eq!((t.complaints_opened, t.complaints_resolved), (1, 1));
    assert_eq!(t.talk_time_s, 680);

    // Wednesday for alice: A2's missed 15:00 callback, A4's thank-you call and A6's open
    // complaint are must-calls; A2 is the one overdue.
    let at_ = &a.tomorrow;
    assert_eq!(at_.must_calls, 3, "{at_:?}");
    assert_eq!(at_.overdue, 1, "{at_:?}");
    assert!(at_.planned >= at_.must_calls + at_.commitments);
    assert_eq!(
        t.tomorrow.must_calls,
        a.tomorrow.must_calls + b.tomorrow.must_calls
    );
    assert_eq!(t.tomorrow.planned, a.tomorrow.planned + b.tomorrow.planned);
}

#[test]
fn one_rep_and_every_format() {
    let day = build();
    let clock = at("2026-11-25T08:00:00");
    let alice = day.store.resolve_rep(Some("alice")).unwrap();
    let r = daily(
        &day.store,
        &day.config,
        &clock,
        d("2026-11-24"),
        &Scope::Rep(alice),
    )
    .unwrap();
    assert_eq!(r.reps.len(), 1);
    assert_eq!(r.team.calls, 5);

    let md = render_md(&r, &day.config);
    assert!(
        md.starts_with("# Daily activity report 2026-11-24\n"),
        "{md}"
    );
    assert!(
        md.contains("| alice | 5 | 4 (80%) | 1/2 | 3 | 1 | 1 (¥10,000.00) | 1 | 0 | 0h 08m |"),
        "{md}"
    );
    assert!(md.contains("## Left for 2026-11-25"), "{md}");

    let csv = render_csv(&r);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "header, alice, team: {csv}");
    assert!(lines[1].starts_with("2026-11-24,alice,5,4,0.8,"), "{csv}");

    let xlsx = calldeck::report::render_xlsx::render_daily(&r, &day.config).unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    use calamine::Reader;
    let sheet = wb.worksheet_range("Day").unwrap();
    assert_eq!(
        sheet.get_value((4, 0)),
        Some(&calamine::Data::String("alice".into()))
    );
    assert_eq!(sheet.get_value((4, 1)), Some(&calamine::Data::Float(5.0)));

    // A running day is "so far".
    let now = at("2026-11-24T12:00:00");
    let r = daily(&day.store, &day.config, &now, d("2026-11-24"), &Scope::Team).unwrap();
    assert!(r.so_far);
}
