//! Appointments kept through earlier attempts, who set the next call, one wrong number
//! among several, and the outcomes the rep is asked to confirm.

use chrono::{NaiveDate, NaiveTime};

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> Clock {
    Clock::parse(s).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn run(before: &CustomerState, input: &CallInput, clock: &Clock) -> CallEffect {
    let config = Config::default();
    record_outcome(before, input, false, &config, &config.calendar(), clock).unwrap()
}

/// Stage 3, a callback booked by the customer for `day` at `time`.
fn booked(day: &str, time: NaiveTime) -> CustomerState {
    CustomerState {
        stage: 3,
        value_cents: 5_000_000,
        next_call: Some(NextCall::at(d(day), time)),
        next_call_by: NextCallBy::Customer,
        ..CustomerState::default()
    }
}

#[test]
fn an_earlier_miss_keeps_the_appointment() {
    // (case, appointment, clock, outcome, next call after, kept?)
    let cases = [
        (
            "no answer at 09:00, callback 11:30 today",
            ("2026-11-24", hm(11, 30)),
            "2026-11-24T09:00:00+08:00",
            Outcome::NoAnswer,
            "2026-11-24T11:30",
            true,
        ),
        (
            "busy at 09:00, callback 13:00 today",
            ("2026-11-24", hm(13, 0)),
            "2026-11-24T09:00:00+08:00",
            Outcome::Busy,
            "2026-11-24T13:00",
            true,
        ),
        (
            "no answer today, callback on Friday",
            ("2026-11-27", hm(10, 0)),
            "2026-11-24T09:00:00+08:00",
            Outcome::NoAnswer,
            "2026-11-27T10:00",
            true,
        ),
        (
            "no answer 10 minutes before: the appointment call itself",
            ("2026-11-24", hm(11, 30)),
            "2026-11-24T11:20:00+08:00",
            Outcome::NoAnswer,
            "2026-11-25",
            false,
        ),
        (
            "no answer after the time: the rule's retry",
            ("2026-11-24", hm(11, 30)),
            "2026-11-24T11:40:00+08:00",
            Outcome::NoAnswer,
            "2026-11-25",
            false,
        ),
        (
            "busy at the time: two hours later",
            ("2026-11-24", hm(11, 30)),
            "2026-11-24T11:30:00+08:00",
            Outcome::Busy,
            "2026-11-24T13:30",
            false,
        ),
    ];
    for (name, (day, time), now, outcome, next, kept) in cases {
        let e = run(&booked(day, time), &CallInput::new(outcome), &at(now));
        assert_eq!(e.after.next_call.unwrap().to_string(), next, "{name}");
        assert_eq!(e.kept_appointment.is_some(), kept, "{name}");
        if kept {
            assert_eq!(e.after.next_call_by, NextCallBy::Customer, "{name}");
        }
    }
}

#[test]
fn a_busy_retry_is_not_an_appointment_to_keep() {
    let retry = CustomerState {
        next_call: Some(NextCall::at(d("2026-11-24"), hm(11, 0))),
        next_call_by: NextCallBy::Rule,
        ..CustomerState::default()
    };
    let e = run(
        &retry,
        &CallInput::new(Outcome::NoAnswer),
        &at("2026-11-24T09:30:00+08:00"),
    );
    assert_eq!(e.kept_appointment, None);
    assert_eq!(e.after.next_call.unwrap().to_string(), "2026-11-25");
}

#[test]
fn a_conversation_or_a_date_the_rep_types_replaces_the_appointment() {
    let clock = at("2026-11-24T09:00:00+08:00");
    let before = booked("2026-11-24", hm(13, 0));
    let talked = run(&before, &CallInput::new(Outcome::Reached), &clock);
    assert_eq!(talked.kept_appointment, None);
    assert_ne!(talked.after.next_call, before.next_call);
    let typed = CallInput {
        next: Some(NextCall::on(d("2026-11-26"))),
        ..CallInput::new(Outcome::NoAnswer)
    };
    let e = run(&before, &typed, &clock);
    assert_eq!(e.after.next_call.unwrap().to_string(), "2026-11-26");
    assert_eq!(e.after.next_call_by, NextCallBy::Rep);
}

#[test]
fn each_next_call_remembers_who_set_it() {
    let clock = at("2026-11-24T09:00:00+08:00");
    let before = CustomerState::default();
    let with_next = |outcome, next| CallInput {
        next: Some(next),
        ..CallInput::new(outcome)
    };
    let cases = [
        (CallInput::new(Outcome::NoAnswer), NextCallBy::Rule),
        (CallInput::new(Outcome::Reached), NextCallBy::Rule),
        (
            CallInput::new(Outcome::NotInterested),
            NextCallBy::NotInterested,
        ),
        (
            with_next(Outcome::Callback, NextCall::at(d("2026-11-25"), hm(15, 0))),
            NextCallBy::Customer,
        ),
        (
            with_next(Outcome::Reached, NextCall::on(d("2026-12-01"))),
            NextCallBy::Rep,
        ),
    ];
    for (input, by) in cases {
        assert_eq!(
            run(&before, &input, &clock).after.next_call_by,
            by,
            "{:?}",
            input.outcome
        );
    }
}

#[test]
fn one_wrong_number_among_several_keeps_the_customer_active() {
    let clock = at("2026-11-24T09:00:00+08:00");
    let before = CustomerState::default();
    let other = CallInput {
        other_numbers: true,
        ..CallInput::new(Outcome::WrongNumber)
    };
    let e = run(&before, &other, &clock);
    assert_eq!(e.after.status, Status::Active);
    assert_eq!(e.after.next_call.unwrap().to_string(), "2026-11-25");
    let only = run(&before, &CallInput::new(Outcome::WrongNumber), &clock);
    assert_eq!(only.after.status, Status::Invalid);
    assert_eq!(only.after.next_call, None);
}

#[test]
fn final_or_repeated_outcomes_are_asked_about() {
    let hot = CustomerState {
        stage: 4,
        ..CustomerState::default()
    };
    let contract = CustomerState {
        stage: STAGE_WON,
        ..CustomerState::default()
    };
    let early = CustomerState {
        stage: 2,
        ..CustomerState::default()
    };
    let cases: [(&CustomerState, Outcome, bool, &[Caution]); 7] = [
        (&early, Outcome::DoNotCall, false, &[Caution::DoNotCall]),
        (&early, Outcome::WrongNumber, false, &[Caution::WrongNumber]),
        (
            &hot,
            Outcome::NotInterested,
            false,
            &[Caution::DropsHotDeal],
        ),
        (&early, Outcome::NotInterested, false, &[]),
        (&contract, Outcome::NotInterested, false, &[]),
        (&early, Outcome::NoAnswer, true, &[Caution::SecondCallToday]),
        (&early, Outcome::Reached, false, &[]),
    ];
    for (before, outcome, called, expected) in cases {
        assert_eq!(cautions(before, outcome, called), expected, "{outcome:?}");
    }
}
