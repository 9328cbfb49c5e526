use std::collections::HashSet;

use chrono::{Days, NaiveDate, NaiveTime, Utc};
use proptest::prelude::*;

use super::*;
use crate::clock::Calendar;
use crate::config::Config;
use crate::domain::{Grade, NextCall, NextCallBy, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn config() -> Config {
    Config::default()
}

fn cal() -> Calendar {
    config().calendar()
}

fn customer(id: i64) -> PlanCustomer {
    let mut c = PlanCustomer::blank(id);
    c.state.intent = 0;
    c
}

fn contacted(id: i64, on: &str, grade: Grade) -> PlanCustomer {
    let mut c = customer(id);
    c.last_contact_day = Some(d(on));
    c.state.last_contact = Some(Utc::now());
    c.state.grade = grade;
    c
}

fn points(s: &Score, prefix: &str) -> Option<f64> {
    s.parts
        .iter()
        .find(|p| p.reason.starts_with(prefix))
        .map(|p| p.points)
}

/// Thursday 2026-11-26.
const DAY: &str = "2026-11-26";

#[test]
fn each_score_component_has_its_points_and_chip() {
    let w = config().planner.weights;
    let day = d(DAY);
    let sc = |c: &PlanCustomer| score(c, day, &config(), &cal());

    let mut c = contacted(1, "2026-11-20", Grade::C);
    c.state.next_call = Some(NextCall::on(d("2026-11-23")));
    assert_eq!(
        points(&sc(&c), "overdue 3d"),
        Some(w.due + 3.0 * w.overdue_per_day)
    );
    c.state.next_call = Some(NextCall::on(day));
    assert_eq!(points(&sc(&c), "due today"), Some(w.due));

    for (stage, chip, pts) in [
        (3, "quote sent", w.stage_3),
        (4, "hot: intends", w.stage_4),
        (5, "hot: contract sent", w.stage_5),
        (7, "renewal due", w.stage_7),
    ] {
        let mut c = contacted(1, "2026-11-25", Grade::B);
        c.state.stage = stage;
        assert_eq!(points(&sc(&c), chip), Some(pts), "stage {stage}");
    }

    let mut c = contacted(1, "2026-11-25", Grade::B);
    c.state.intent = 3;
    c.state.next_call = Some(NextCall::on(day));
    assert_eq!(
        points(&sc(&c), "intent good"),
        Some(3.0 * w.intent_per_level)
    );

    // H contacted 2 days ago: cadence 1 day, ratio 2.
    let c = contacted(1, "2026-11-24", Grade::H);
    assert_eq!(
        points(&sc(&c), "H: daily"),
        Some(w.cadence_due * w.cadence_factor.H * 2.0)
    );
    // B contacted 5 days ago is within its 15-day cadence: no part.
    let c = contacted(1, "2026-11-21", Grade::B);
    assert_eq!(points(&sc(&c), "B:"), None);

    let c = contacted(1, "2026-10-23", Grade::C);
    let s = sc(&c);
    assert_eq!(
        points(&s, "not contacted 34d"),
        Some(((4.0 * w.coverage_per_day) * 10.0_f64).round() / 10.0)
    );

    assert_eq!(points(&sc(&customer(1)), "new"), Some(w.never_contacted));

    let mut c = contacted(1, "2026-11-25", Grade::C);
    c.state.next_call = Some(NextCall::on(day));
    c.contract_end = Some(d("2026-11-14"));
    assert_eq!(
        points(&sc(&c), "contract expired 12d ago"),
        Some(w.contract_expired)
    );
    c.contract_end = Some(d("2026-12-05"));
    assert_eq!(
        points(&sc(&c), "contract ends in 9d"),
        Some(w.contract_expiring)
    );
    c.contract_end = Some(d("2027-06-01"));
    assert_eq!(points(&sc(&c), "contract"), None);

    let mut c = contacted(1, "2026-11-25", Grade::C);
    c.state.next_call = Some(NextCall::on(day));
    c.state.value_cents = 100_000 * 100; // 100,000 = two decades above 1,000
    assert_eq!(
        points(&sc(&c), "value ¥100k"),
        Some(2.0 * w.value_per_decade)
    );

    c.birthday = Some(d("1990-11-26"));
    assert_eq!(points(&sc(&c), "birthday"), Some(w.birthday));
    c.birthday = Some(d("1990-11-28"));
    assert_eq!(points(&sc(&c), "birthday in 2d"), Some(w.birthday));
    c.birthday = Some(d("1990-12-28"));
    assert_eq!(points(&sc(&c), "birthday"), None);
    // A contact's birthday scores as the customer's own.
    c.contact_birthdays = vec![d("1960-11-27")];
    assert_eq!(points(&sc(&c), "birthday in 1d"), Some(w.birthday));
    c.contact_birthdays.clear();
    for (tier, chip, pts) in [
        ('A', "tier A", Some(w.tier_a)),
        ('B', "tier B", Some(w.tier_b)),
    ] {
        c.tier = tier;
        assert_eq!(points(&sc(&c), chip), pts, "tier {tier}");
    }
    c.tier = 'C';
    assert_eq!(points(&sc(&c), "tier"), None);

    c.state.attempts = 7;
    assert_eq!(points(&sc(&c), "7 misses"), Some(5.0 * w.miss_penalty));
}

#[test]
fn a_later_scheduled_date_damps_the_score_unless_the_cadence_is_due() {
    let day = d(DAY);
    let mut c = contacted(1, "2026-11-25", Grade::B);
    c.state.stage = 4;
    c.state.next_call = Some(NextCall::on(d("2026-12-03")));
    let s = score(&c, day, &config(), &cal());
    assert!(
        s.parts.iter().any(|p| p.reason == "scheduled 12-03"),
        "{s:?}"
    );
    assert!(
        (s.total - config().planner.weights.stage_4 * config().planner.weights.not_due_factor)
            .abs()
            < 0.11,
        "{s:?}"
    );
    // An H customer is due daily whatever was scheduled.
    c.state.grade = Grade::H;
    c.last_contact_day = Some(d("2026-11-24"));
    let s = score(&c, day, &config(), &cal());
    assert!(
        !s.parts.iter().any(|p| p.reason.starts_with("scheduled")),
        "{s:?}"
    );
}

#[test]
fn parts_are_ordered_by_weight() {
    let mut c = contacted(1, "2026-10-01", Grade::H);
    c.state.stage = 5;
    c.state.intent = 4;
    c.state.attempts = 2;
    let s = score(&c, d(DAY), &config(), &cal());
    let weights: Vec<f64> = s.parts.iter().map(|p| p.points.abs()).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{s:?}");
    let sum: f64 = s.parts.iter().map(|p| p.points).sum();
    assert!((sum - s.total).abs() < 0.5);
}

#[test]
fn coverage_reserve_at_start_middle_and_end_of_month_across_a_holiday() {
    let cal = cal();
    // December 2026: 23 weekdays, holidays 24, 25, 31 -> 20 working days.
    assert_eq!(cal.working_days_left_in_month(d("2026-12-01")), 20);
    assert_eq!(coverage_reserve(1000, d("2026-12-01"), &cal), 50);
    // 21st: 21, 22, 23, 28, 29, 30 -> 6 days left.
    assert_eq!(coverage_reserve(100, d("2026-12-21"), &cal), 17);
    // 30th: only the 30th is left (31st is a holiday).
    assert_eq!(coverage_reserve(7, d("2026-12-30"), &cal), 7);
    assert_eq!(coverage_reserve(0, d("2026-12-30"), &cal), 0);
    // Mid-November 2026 (no holidays): 16th..30th = 11 working days.
    assert_eq!(coverage_reserve(500, d("2026-11-16"), &cal), 46);
}

#[test]
fn must_calls_come_first_in_time_order() {
    let day = d(DAY);
    let mut book: Vec<PlanCustomer> = (1..=20)
        .map(|i| contacted(i, "2026-11-10", Grade::C))
        .collect();
    book[5].state.next_call = Some(NextCall::at(
        day,
        NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
    ));
    book[6].state.next_call = Some(NextCall::at(
        day,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
    ));
    book[7].state.next_call = Some(NextCall::at(
        d("2026-11-25"),
        NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
    ));
    book[8].complaint_open = true;
    book[9].won_follow_up = true;
    book[10].pinned = true;
    let plan = plan_day(&book, day, 10, &config(), &cal());
    let ids: Vec<i64> = plan.entries.iter().take(6).map(|e| e.customer_id).collect();
    assert_eq!(ids, vec![7, 6, 8, 9, 10, 11]);
    assert_eq!(plan.entries[0].reasons[0], "callback 10:00");
    assert_eq!(plan.entries[2].reasons[0], "missed callback 11-25 09:00");
    assert_eq!(plan.entries[3].reasons[0], "complaint open");
    assert_eq!(plan.entries[4].reasons[0], "won: thank-you call");
    assert_eq!(plan.entries[5].reasons[0], "pinned");
    assert_eq!(plan.must_calls, 6);
    assert_eq!(plan.entries.len(), 10);
}

#[test]
fn the_reserve_takes_the_longest_uncontacted() {
    let day = d("2026-11-30"); // last working day: the reserve is everyone not yet called
    let mut book: Vec<PlanCustomer> = (1..=10)
        .map(|i| contacted(i, "2026-11-20", Grade::C))
        .collect();
    book.push(contacted(11, "2026-10-01", Grade::C));
    book.push(contacted(12, "2026-10-20", Grade::C));
    book.push(customer(13));
    let plan = plan_day(&book, day, 3, &config(), &cal());
    let ids: HashSet<i64> = plan.entries.iter().map(|e| e.customer_id).collect();
    assert_eq!(ids, HashSet::from([11, 12, 13]));
    assert!(plan.entries.iter().all(|e| e.section == Section::Coverage));
    assert_eq!(plan.reserve_slots, 3);
}

#[test]
fn only_must_calls_exceed_the_quota() {
    let day = d(DAY);
    let mut book: Vec<PlanCustomer> = (1..=8)
        .map(|i| contacted(i, "2026-11-10", Grade::C))
        .collect();
    for c in book.iter_mut().take(5) {
        c.complaint_open = true;
    }
    let plan = plan_day(&book, day, 3, &config(), &cal());
    assert_eq!(plan.entries.len(), 5);
    assert_eq!(plan.over_quota(), 2);
    assert!(plan.entries.iter().all(|e| e.must()));
}

#[test]
fn baseline_orders_by_next_call_then_longest_since_contact() {
    let day = d(DAY);
    let mut a = contacted(1, "2026-11-20", Grade::C);
    a.state.next_call = Some(NextCall::on(d("2026-11-25")));
    let mut b = contacted(2, "2026-11-01", Grade::C);
    b.state.next_call = Some(NextCall::on(d("2026-11-25")));
    let mut c = contacted(3, "2026-11-01", Grade::C);
    c.state.next_call = Some(NextCall::on(d("2026-11-20")));
    let plan = plan_baseline(&[a, b, c], day, 3);
    let ids: Vec<i64> = plan.entries.iter().map(|e| e.customer_id).collect();
    assert_eq!(ids, vec![3, 2, 1]);
}

fn arb_customer() -> impl Strategy<Value = PlanCustomer> {
    (
        0u8..=7,
        0u8..=4,
        0usize..5,
        0usize..4,
        proptest::option::of(0i64..90),
        proptest::option::of((-5i64..10, proptest::option::of(8u32..18))),
        (0usize..4, 0u8..10),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        proptest::option::of(-60i64..400),
        0u32..6,
    )
        .prop_map(
            |(
                stage,
                intent,
                grade,
                status,
                last,
                next,
                (by, phone),
                (complaint, won, pinned),
                contract,
                attempts,
            )| {
                let day = d(DAY);
                let mut c = customer(0);
                c.state.stage = stage;
                c.state.intent = intent;
                c.state.grade = Grade::ALL[grade];
                c.state.status = [
                    Status::Active,
                    Status::Active,
                    Status::Lost,
                    Status::DoNotCall,
                ][status];
                c.last_contact_day = last.map(|n| day - Days::new(n as u64));
                c.state.next_call = next.map(|(offset, hour)| NextCall {
                    date: if offset < 0 {
                        day - Days::new((-offset) as u64)
                    } else {
                        day + Days::new(offset as u64)
                    },
                    time: hour.map(|h| NaiveTime::from_hms_opt(h, 0, 0).unwrap()),
                });
                c.complaint_open = complaint && stage > 5;
                c.won_follow_up = won && stage == 6;
                c.pinned = pinned && intent == 4;
                c.contract_end = contract.map(|n| {
                    if n < 0 {
                        day - Days::new((-n) as u64)
                    } else {
                        day + Days::new(n as u64)
                    }
                });
                c.state.attempts = attempts;
                c.state.next_call_by = [
                    NextCallBy::Rule,
                    NextCallBy::Rep,
                    NextCallBy::Customer,
                    NextCallBy::NotInterested,
                ][by];
                c.has_phone = phone > 0;
                c
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn plan_invariants(mut book in proptest::collection::vec(arb_customer(), 0..150), quota in 1u32..80) {
        for (i, c) in book.iter_mut().enumerate() {
            c.id = i as i64 + 1;
        }
        let day = d(DAY);
        let plan = plan_day(&book, day, quota, &config(), &cal());
        let by_id: std::collections::HashMap<i64, &PlanCustomer> = book.iter().map(|c| (c.id, c)).collect();
        let mut seen = HashSet::new();
        for e in &plan.entries {
            prop_assert!(seen.insert(e.customer_id), "customer {} twice", e.customer_id);
            prop_assert_eq!(by_id[&e.customer_id].state.status, Status::Active);
            prop_assert!(!e.reasons.is_empty());
        }
        for c in &book {
            let appointment_today = c.state.status == Status::Active
                && c.state.next_call.is_some_and(|n| n.date == day && n.time.is_some());
            if appointment_today && c.has_phone {
                prop_assert!(seen.contains(&c.id), "appointment {} missing", c.id);
            }
        }
        let overflow: HashSet<i64> = plan.overflow.iter().map(|e| e.customer_id).collect();
        prop_assert_eq!(plan.overflow_count, overflow.len());
        prop_assert!(overflow.is_disjoint(&seen));
        for c in &book {
            let callable = c.state.status == Status::Active && c.has_phone;
            // Nothing vanishes silently: a due commitment is on the list or in the overflow.
            if callable && is_commitment(c, day, &config(), &cal()) {
                prop_assert!(
                    seen.contains(&c.id) || overflow.contains(&c.id),
                    "commitment {} neither listed nor in the overflow", c.id
                );
            }
            if !c.has_phone {
                prop_assert!(!seen.contains(&c.id), "customer {} has no number", c.id);
            }
        }
        let must = plan.entries.iter().filter(|e| e.must()).count();
        prop_assert!(plan.entries.len() <= (quota as usize).max(must));
        prop_assert_eq!(plan.must_calls, must);
        // A customer's own "not now" is never pulled forward into coverage or the fill.
        for e in &plan.entries {
            let c = by_id[&e.customer_id];
            if matches!(e.section, Section::Coverage | Section::Scored) {
                prop_assert!(!not_now(c, day), "customer {} pulled forward", c.id);
            }
        }
        // The list falls short of the quota only when nothing due is left over.
        if plan.entries.len() < quota as usize {
            prop_assert!(plan.overflow.is_empty());
        }
        let again = plan_day(&book, day, quota, &config(), &cal());
        prop_assert_eq!(plan, again);
    }
}
