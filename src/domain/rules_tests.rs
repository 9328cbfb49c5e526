use chrono::{NaiveDate, NaiveTime};

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> Clock {
    Clock::parse(s).unwrap()
}

/// Thursday 2026-11-26, 10:00 local.
fn thursday() -> Clock {
    at("2026-11-26T10:00:00+08:00")
}

fn state(stage: u8, grade: Grade, attempts: u32) -> CustomerState {
    CustomerState {
        stage,
        grade,
        attempts,
        value_cents: 500_000,
        ..CustomerState::default()
    }
}

fn run(before: &CustomerState, input: &CallInput, clock: &Clock) -> Result<CallEffect> {
    let config = Config::default();
    record_outcome(before, input, false, &config, &config.calendar(), clock)
}

fn next_of(e: &CallEffect) -> Option<String> {
    e.after.next_call.map(|n| n.to_string())
}

struct Case {
    name: &'static str,
    before: CustomerState,
    input: CallInput,
    next: Option<&'static str>,
    stage: u8,
    status: Status,
    attempts: u32,
    reached: bool,
}

fn input(outcome: Outcome) -> CallInput {
    CallInput::new(outcome)
}

#[test]
fn every_outcome_follows_its_row_of_the_table() {
    let with_grade = |o: Outcome, g: Grade| CallInput {
        grade: Some(g),
        ..input(o)
    };
    let callback = CallInput {
        next: Some(NextCall::at(
            d("2026-11-27"),
            NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
        )),
        ..input(Outcome::Callback)
    };
    let cases = vec![
        Case {
            name: "no answer: next working day",
            before: state(1, Grade::B, 0),
            input: input(Outcome::NoAnswer),
            next: Some("2026-11-27"),
            stage: 1,
            status: Status::Active,
            attempts: 1,
            reached: false,
        },
        Case {
            name: "no answer, second miss: still next working day",
            before: state(1, Grade::B, 1),
            input: input(Outcome::NoAnswer),
            next: Some("2026-11-27"),
            stage: 1,
            status: Status::Active,
            attempts: 2,
            reached: false,
        },
        Case {
            name: "no answer, third miss in a row: +3 working days",
            before: state(1, Grade::B, 2),
            input: input(Outcome::NoAnswer),
            next: Some("2026-12-01"),
            stage: 1,
            status: Status::Active,
            attempts: 3,
            reached: false,
        },
        Case {
            name: "busy: today two hours later",
            before: state(2, Grade::A, 0),
            input: input(Outcome::Busy),
            next: Some("2026-11-26T12:00"),
            stage: 2,
            status: Status::Active,
            attempts: 1,
            reached: false,
        },
        Case {
            name: "reached: by grade cadence (B = 15 days)",
            before: state(0, Grade::B, 4),
            input: input(Outcome::Reached),
            next: Some("2026-12-11"),
            stage: 2,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "reached, re-graded H: tomorrow",
            before: state(3, Grade::B, 0),
            input: with_grade(Outcome::Reached, Grade::H),
            next: Some("2026-11-27"),
            stage: 3,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "reached, C = 30 days lands on a Saturday: rolled to Monday",
            before: state(2, Grade::C, 0),
            input: input(Outcome::Reached),
            next: Some("2026-12-28"),
            stage: 2,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "callback: the time the customer named",
            before: state(2, Grade::A, 1),
            input: callback,
            next: Some("2026-11-27T15:00"),
            stage: 2,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "sent info: +2 working days, stage at least 3",
            before: state(2, Grade::A, 0),
            input: input(Outcome::SentInfo),
            next: Some("2026-11-30"),
            stage: 3,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "sent info keeps a later stage",
            before: state(4, Grade::A, 0),
            input: input(Outcome::SentInfo),
            next: Some("2026-11-30"),
            stage: 4,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "contract sent: +2 working days, stage 5",
            before: state(3, Grade::A, 0),
            input: input(Outcome::ContractSent),
            next: Some("2026-11-30"),
            stage: 5,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "won: next working day, stage 6",
            before: state(5, Grade::H, 0),
            input: input(Outcome::Won),
            next: Some("2026-11-27"),
            stage: 6,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "not interested: +30 days (rolled to a working day)",
            before: state(3, Grade::B, 0),
            input: input(Outcome::NotInterested),
            next: Some("2026-12-28"),
            stage: 3,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "wrong number: invalid, nothing scheduled",
            before: state(1, Grade::C, 0),
            input: input(Outcome::WrongNumber),
            next: None,
            stage: 1,
            status: Status::Invalid,
            attempts: 1,
            reached: false,
        },
        Case {
            name: "do not call: never again",
            before: state(3, Grade::B, 0),
            input: input(Outcome::DoNotCall),
            next: None,
            stage: 3,
            status: Status::DoNotCall,
            attempts: 0,
            reached: true,
        },
        Case {
            name: "renewal stays a renewal through a quote",
            before: state(7, Grade::A, 0),
            input: input(Outcome::SentInfo),
            next: Some("2026-11-30"),
            stage: 7,
            status: Status::Active,
            attempts: 0,
            reached: true,
        },
    ];
    for case in cases {
        let e = run(&case.before, &case.input, &thursday())
            .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        assert_eq!(
            next_of(&e).as_deref(),
            case.next,
            "{}: next call",
            case.name
        );
        assert_eq!(e.after.stage, case.stage, "{}: stage", case.name);
        assert_eq!(e.after.status, case.status, "{}: status", case.name);
        assert_eq!(e.after.attempts, case.attempts, "{}: attempts", case.name);
        assert_eq!(e.reached, case.reached, "{}: reached", case.name);
        assert_eq!(
            e.after.last_contact,
            Some(thursday().now_utc()),
            "{}: last contact",
            case.name
        );
        if case.reached {
            assert_eq!(
                e.after.last_reached,
                Some(thursday().now_utc()),
                "{}",
                case.name
            );
        } else {
            assert_eq!(
                e.after.last_reached, case.before.last_reached,
                "{}",
                case.name
            );
        }
    }
}

#[test]
fn busy_late_in_the_day_moves_to_the_next_working_day() {
    let e = run(
        &state(2, Grade::A, 0),
        &input(Outcome::Busy),
        &at("2026-11-27T17:00:00+08:00"),
    )
    .unwrap();
    // Friday 17:00 + 2 h is past the 18:00 day end: Monday.
    assert_eq!(next_of(&e).as_deref(), Some("2026-11-30"));
}

#[test]
fn won_closes_the_deal_with_a_contract_on_the_default_term() {
    let e = run(&state(5, Grade::H, 0), &input(Outcome::Won), &thursday()).unwrap();
    assert_eq!(
        e.deal,
        DealChange::Win {
            value_cents: 500_000,
            start: d("2026-11-26"),
            end: d("2027-11-25")
        }
    );
    assert_eq!((e.after.grade, e.after.intent), (Grade::O, 4));

    let terms = CallInput {
        won: WonTerms {
            value_cents: Some(9_900),
            start: Some(d("2026-12-01")),
            end: Some(d("2027-05-31")),
        },
        ..input(Outcome::Won)
    };
    let e = run(&state(5, Grade::H, 0), &terms, &thursday()).unwrap();
    assert_eq!(
        e.deal,
        DealChange::Win {
            value_cents: 9_900,
            start: d("2026-12-01"),
            end: d("2027-05-31")
        }
    );
    assert_eq!(e.after.value_cents, 9_900);
}

#[test]
fn won_without_any_value_asks_for_one() {
    let before = CustomerState {
        value_cents: 0,
        ..state(5, Grade::H, 0)
    };
    let err = run(&before, &input(Outcome::Won), &thursday())
        .unwrap_err()
        .to_string();
    assert!(err.contains("--value"), "{err}");
}

#[test]
fn second_not_interested_within_90_days_marks_lost() {
    let mut before = state(3, Grade::B, 0);
    before.last_not_interested = Some(at("2026-09-01T10:00:00+08:00").now_utc());
    // Losing a customer needs the reason, from the configured list.
    let err = run(&before, &input(Outcome::NotInterested), &thursday())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("--reason") && err.contains("competitor"),
        "{err}"
    );
    let with = |reason: &str, note: &str| CallInput {
        loss_reason: Some(reason.into()),
        note: note.into(),
        ..input(Outcome::NotInterested)
    };
    let err = run(&before, &with("bad luck", ""), &thursday())
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown loss reason"), "{err}");
    let err = run(&before, &with("other", ""), &thursday())
        .unwrap_err()
        .to_string();
    assert!(err.contains("note"), "{err}");
    assert!(run(&before, &with("other", "moved abroad"), &thursday()).is_ok());
    let e = run(&before, &with("price", ""), &thursday()).unwrap();
    assert_eq!(e.loss_reason.as_deref(), Some("price"));
    assert_eq!(e.after.status, Status::Lost);
    assert_eq!(e.after.next_call, None);
    assert_eq!(e.deal, DealChange::Lose);

    // 100 days ago is outside the window: only the first rule applies again.
    before.last_not_interested = Some(at("2026-08-18T10:00:00+08:00").now_utc());
    let e = run(&before, &input(Outcome::NotInterested), &thursday()).unwrap();
    assert_eq!(e.after.status, Status::Active);
    assert_eq!(e.deal, DealChange::Follow);
    assert_eq!(e.after.intent, 0);
}

#[test]
fn a_reached_call_reactivates_a_lost_customer() {
    let before = CustomerState {
        status: Status::Lost,
        ..state(3, Grade::C, 0)
    };
    let e = run(&before, &input(Outcome::Reached), &thursday()).unwrap();
    assert_eq!(e.after.status, Status::Active);
}

#[test]
fn rep_choices_override_the_rule() {
    let chosen = CallInput {
        next: Some(NextCall::on(d("2026-12-07"))),
        stage: Some(4),
        intent: Some(3),
        grade: Some(Grade::A),
        ..input(Outcome::Reached)
    };
    let e = run(&state(2, Grade::C, 0), &chosen, &thursday()).unwrap();
    assert_eq!(next_of(&e).as_deref(), Some("2026-12-07"));
    assert_eq!(
        (e.after.stage, e.after.intent, e.after.grade),
        (4, 3, Grade::A)
    );
}

#[test]
fn bad_choices_are_refused_with_the_fix() {
    let cases: Vec<(CallInput, &str)> = vec![
        (
            CallInput {
                stage: Some(9),
                ..input(Outcome::Reached)
            },
            "use 0 to 7",
        ),
        (
            CallInput {
                intent: Some(7),
                ..input(Outcome::Reached)
            },
            "use 0 (poor) to 4",
        ),
        (
            CallInput {
                stage: Some(6),
                ..input(Outcome::Reached)
            },
            "outcome won",
        ),
        (
            CallInput {
                resolve_complaint: true,
                ..input(Outcome::Reached)
            },
            "no open complaint",
        ),
        (
            CallInput {
                next: Some(NextCall::on(d("2026-11-25"))),
                ..input(Outcome::NoAnswer)
            },
            "in the past",
        ),
        (
            CallInput {
                next: Some(NextCall::on(d("2026-11-30"))),
                ..input(Outcome::WrongNumber)
            },
            "schedules no next call",
        ),
        (input(Outcome::Callback), "needs the time"),
        (
            CallInput {
                complaint: Some("  ".into()),
                ..input(Outcome::Reached)
            },
            "needs its text",
        ),
    ];
    for (bad, want) in cases {
        let err = run(&state(2, Grade::B, 0), &bad, &thursday())
            .unwrap_err()
            .to_string();
        assert!(err.contains(want), "{bad:?}: {err}");
    }
}

#[test]
fn complaints_open_and_resolve() {
    let config = Config::default();
    let open = CallInput {
        complaint: Some(" late delivery ".into()),
        ..input(Outcome::Reached)
    };
    let e = record_outcome(
        &state(6, Grade::O, 0),
        &open,
        false,
        &config,
        &config.calendar(),
        &thursday(),
    )
    .unwrap();
    assert_eq!(e.open_complaint.as_deref(), Some("late delivery"));
    let resolve = CallInput {
        resolve_complaint: true,
        ..input(Outcome::Reached)
    };
    let e = record_outcome(
        &state(6, Grade::O, 0),
        &resolve,
        true,
        &config,
        &config.calendar(),
        &thursday(),
    )
    .unwrap();
    assert!(e.resolve_complaint);
}

#[test]
fn do_not_call_customers_take_no_more_calls_and_lost_ones_no_dates() {
    let dnc = CustomerState {
        status: Status::DoNotCall,
        ..state(3, Grade::B, 0)
    };
    let err = run(&dnc, &input(Outcome::Reached), &thursday())
        .unwrap_err()
        .to_string();
    assert!(err.contains("asked not to be called"), "{err}");

    let lost = CustomerState {
        status: Status::Lost,
        ..state(3, Grade::B, 0)
    };
    // A missed call to a lost customer is recorded; they stay lost with nothing scheduled.
    let e = run(&lost, &input(Outcome::NoAnswer), &thursday()).unwrap();
    assert_eq!((e.after.status, e.after.next_call), (Status::Lost, None));
    let with_date = CallInput {
        next: Some(NextCall::on(d("2026-11-30"))),
        ..input(Outcome::NoAnswer)
    };
    let err = run(&lost, &with_date, &thursday()).unwrap_err().to_string();
    assert!(err.contains("is lost and nobody was reached"), "{err}");
}

#[test]
fn under_contract_the_stage_only_moves_on_and_a_win_cannot_end_in_the_past() {
    let signed = state(6, Grade::O, 0);
    let down = CallInput {
        stage: Some(1),
        ..input(Outcome::Reached)
    };
    let err = run(&signed, &down, &thursday()).unwrap_err().to_string();
    assert!(err.contains("under contract"), "{err}");
    let renewal = CallInput {
        stage: Some(7),
        ..input(Outcome::Reached)
    };
    assert_eq!(run(&signed, &renewal, &thursday()).unwrap().after.stage, 7);

    let ended = CallInput {
        won: WonTerms {
            value_cents: None,
            start: Some(d("2025-01-01")),
            end: Some(d("2025-06-01")),
        },
        ..input(Outcome::Won)
    };
    let err = run(&state(5, Grade::H, 0), &ended, &thursday())
        .unwrap_err()
        .to_string();
    assert!(err.contains("would have ended already"), "{err}");
}
