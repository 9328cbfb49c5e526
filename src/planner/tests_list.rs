//! The daily list's rules, one table per rule: commitments before coverage, the reserve's
//! cap, the overflow, a customer's own "not now", and customers with no number.

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};

use super::*;
use crate::clock::Calendar;
use crate::config::Config;
use crate::domain::{CustomerState, Grade, NextCall, NextCallBy};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn cal() -> Calendar {
    Config::default().calendar()
}

/// Thursday 2026-11-26: three working days left in November, today included.
const DAY: &str = "2026-11-26";

/// Contacted this month (so not a coverage candidate), next call on `next`.
fn due(id: i64, next: &str) -> PlanCustomer {
    let mut c = PlanCustomer::blank(id);
    c.state = CustomerState {
        intent: 1,
        next_call: Some(NextCall::on(d(next))),
        last_contact: Some(Utc::now()),
        ..CustomerState::default()
    };
    c.last_contact_day = Some(d("2026-11-20"));
    c
}

/// Not contacted this month, nothing scheduled.
fn uncontacted(id: i64, last: Option<&str>) -> PlanCustomer {
    let mut c = due(id, DAY);
    c.state.next_call = None;
    c.last_contact_day = last.map(d);
    c
}

fn committed(id: i64, stage: u8, intent: u8, value: i64, next: &str) -> PlanCustomer {
    let mut c = due(id, next);
    c.state.stage = stage;
    c.state.intent = intent;
    c.state.value_cents = value;
    c
}

fn ids(entries: &[PlanEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.customer_id).collect()
}

fn section_of(plan: &Plan, id: i64) -> Option<Section> {
    plan.entries
        .iter()
        .find(|e| e.customer_id == id)
        .map(|e| e.section)
}

#[test]
fn what_makes_a_commitment() {
    let day = d(DAY);
    let cases: Vec<(&str, PlanCustomer, bool)> = vec![
        ("quote sent, due", committed(1, 3, 1, 0, DAY), true),
        (
            "renewal due, overdue",
            committed(2, 7, 1, 0, "2026-11-20"),
            true,
        ),
        ("intent good", committed(3, 2, 3, 0, DAY), true),
        (
            "stage 2, intent possible",
            committed(4, 2, 2, 0, DAY),
            false,
        ),
        (
            "quote sent, due tomorrow",
            committed(5, 3, 1, 0, "2026-11-27"),
            false,
        ),
        (
            "under contract, intent good",
            committed(6, 6, 3, 0, DAY),
            false,
        ),
        (
            "grade A",
            {
                let mut c = due(7, DAY);
                c.state.grade = Grade::A;
                c
            },
            true,
        ),
        (
            "grade B",
            {
                let mut c = due(8, DAY);
                c.state.grade = Grade::B;
                c
            },
            false,
        ),
        (
            "typed by the rep",
            {
                let mut c = due(9, DAY);
                c.state.next_call_by = NextCallBy::Rep;
                c
            },
            true,
        ),
        ("never scheduled", uncontacted(10, None), false),
        (
            "quote sent, a retry after a miss, cadence holds",
            {
                let mut c = committed(11, 3, 1, 0, DAY);
                c.state.attempts = 1;
                c
            },
            false,
        ),
        (
            "quote sent, a retry after a miss, cadence due",
            {
                let mut c = committed(12, 3, 1, 0, DAY);
                c.state.attempts = 1;
                c.last_contact_day = Some(d("2026-10-20"));
                c
            },
            true,
        ),
        (
            "contract sent, a retry after a miss",
            {
                let mut c = committed(13, 5, 1, 0, DAY);
                c.state.attempts = 2;
                c
            },
            true,
        ),
        (
            "grade H, daily cadence due, next call later by the rule",
            {
                let mut c = due(14, "2026-11-30");
                c.state.grade = Grade::H;
                c
            },
            true,
        ),
        (
            "grade H, the customer asked for next week",
            {
                let mut c = due(15, "2026-12-02");
                c.state.grade = Grade::H;
                c.state.next_call_by = NextCallBy::Customer;
                c
            },
            false,
        ),
    ];
    for (what, c, expected) in cases {
        assert_eq!(
            is_commitment(&c, day, &Config::default(), &cal()),
            expected,
            "{what}"
        );
    }
}

#[test]
fn commitments_come_before_coverage_most_valuable_first() {
    let day = d(DAY);
    let mut book = vec![
        committed(1, 3, 1, 5_000_000, DAY),
        committed(2, 5, 3, 1_000_000, DAY),
        committed(3, 3, 3, 5_000_000, DAY),
        committed(4, 3, 3, 9_000_000, DAY),
        committed(5, 3, 3, 9_000_000, "2026-11-20"),
    ];
    // Plenty of customers not contacted this month: the reserve wants more than is left.
    book.extend((100..200).map(|i| uncontacted(i, Some("2026-10-01"))));
    let plan = plan_day(&book, day, 8, &Config::default(), &cal());
    // Contract sent first, then by intent, then value, the longest overdue breaking ties.
    assert_eq!(ids(&plan.entries[..5]), vec![2, 5, 4, 3, 1]);
    assert!(
        plan.entries[..5]
            .iter()
            .all(|e| e.section == Section::Commitment)
    );
    assert_eq!(plan.commitments, 5);
    // The reserve takes only what is left: quota 8 - 5 commitments.
    assert_eq!(plan.reserve_slots, 3);
    assert_eq!(plan.entries.len(), 8);
    assert!(plan.coverage.at_risk());
    assert_eq!(plan.coverage.not_contacted, 100);
    assert_eq!(plan.coverage.per_day_needed, 34);
}

#[test]
fn commitments_beyond_the_quota_go_to_the_overflow_in_order() {
    let day = d(DAY);
    let book: Vec<PlanCustomer> = (1..=6)
        .map(|i| committed(i, 4, 3, i * 1_000_000, DAY))
        .collect();
    let plan = plan_day(&book, day, 4, &Config::default(), &cal());
    assert_eq!(ids(&plan.entries), vec![6, 5, 4, 3]);
    assert_eq!(ids(&plan.overflow), vec![2, 1]);
    assert_eq!(plan.overflow_count, 2);
    assert!(plan.overflow.iter().all(|e| e.section == Section::Added));
}

#[test]
fn a_customers_own_not_now_is_not_pulled_forward() {
    let day = d(DAY);
    let mut not_interested = due(1, "2026-12-24");
    not_interested.state.next_call_by = NextCallBy::NotInterested;
    let mut callback_later = due(2, "2026-12-02");
    callback_later.state.next_call_by = NextCallBy::Customer;
    // Grade H: its daily cadence is due, yet the customer asked for next week.
    callback_later.state.grade = Grade::H;
    let mut rep_set = uncontacted(3, Some("2026-10-01"));
    rep_set.state.next_call = Some(NextCall::on(d("2026-12-03")));
    rep_set.state.next_call_by = NextCallBy::Rep;
    let rule_later = due(4, "2026-12-01");
    let due_today = due(5, DAY);
    let book = vec![
        not_interested,
        callback_later,
        rep_set,
        rule_later,
        due_today,
    ];
    let plan = plan_day(&book, day, 60, &Config::default(), &cal());
    // Only the one who is due: the list is shorter than the quota, and nothing overflows.
    assert_eq!(ids(&plan.entries), vec![5]);
    assert!(plan.overflow.is_empty());
}

#[test]
fn coverage_prefers_the_uncontacted_who_are_also_due_and_never_recalls_this_month() {
    let day = d("2026-11-30"); // the month's last working day: the reserve is everyone left
    let mut due_too = uncontacted(1, Some("2026-10-20"));
    due_too.state.next_call = Some(NextCall::on(d("2026-11-25")));
    let longest = uncontacted(2, Some("2026-09-01"));
    let later = uncontacted(3, Some("2026-10-25"));
    let mut contacted_this_month = uncontacted(4, Some("2026-11-03"));
    contacted_this_month.state.next_call = Some(NextCall::on(d("2026-12-20")));
    let book = vec![due_too, longest, later, contacted_this_month];
    let plan = plan_day(&book, day, 2, &Config::default(), &cal());
    assert_eq!(plan.reserve_slots, 2);
    let taken: HashSet<i64> = ids(&plan.entries).into_iter().collect();
    assert_eq!(taken, HashSet::from([1, 2]));
    assert_eq!(section_of(&plan, 1), Some(Section::Coverage));
    assert!(
        plan.coverage.at_risk(),
        "3 uncontacted, 2 slots on the last day"
    );
}

#[test]
fn customers_without_a_number_are_not_planned_but_counted() {
    let day = d(DAY);
    let mut appointment = due(1, DAY);
    appointment.state.next_call = Some(NextCall::at(
        day,
        chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
    ));
    appointment.has_phone = false;
    let mut plain = committed(2, 4, 3, 0, DAY);
    plain.has_phone = false;
    let callable = due(3, DAY);
    let plan = plan_day(
        &[appointment, plain, callable],
        day,
        60,
        &Config::default(),
        &cal(),
    );
    assert_eq!(ids(&plan.entries), vec![3]);
    assert_eq!(plan.needs_number, 2);
    assert!(plan.overflow.is_empty());
}

#[test]
fn the_list_is_full_when_enough_is_due() {
    let day = d(DAY);
    let book: Vec<PlanCustomer> = (1..=30).map(|i| due(i, DAY)).collect();
    let plan = plan_day(&book, day, 20, &Config::default(), &cal());
    assert_eq!(plan.entries.len(), 20);
    assert_eq!(plan.overflow_count, 10);
    assert!(plan.entries.iter().all(|e| e.section == Section::Scored));
}
