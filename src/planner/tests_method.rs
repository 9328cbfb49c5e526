//! The sales method's calls on the list: after-sale calls on their days across weekends,
//! a birthday on a day off, the complaint follow-up, festival greetings and win-backs.

use chrono::{NaiveDate, Utc};

use super::*;
use crate::config::Config;
use crate::domain::{Grade, STAGE_WON, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn customer(id: i64) -> PlanCustomer {
    let mut c = PlanCustomer::blank(id);
    c.state.last_contact = Some(Utc::now());
    c.last_contact_day = Some(d("2026-10-01"));
    c
}

fn must_reason(c: &PlanCustomer, day: &str, config: &Config) -> Option<String> {
    must_call(c, d(day), config, &config.calendar()).map(|(_, r)| r)
}

#[test]
fn after_sale_calls_fall_on_their_working_days() {
    let config = Config::default();
    // Won on Friday 6 November 2026.
    let mut c = customer(1);
    c.state.stage = STAGE_WON;
    c.won_on = Some(d("2026-11-06"));
    c.last_contact_day = Some(d("2026-11-09"));
    // (day, after-sale call due?)
    let cases = [
        ("2026-11-12", None),
        // +7 days is Friday the 13th.
        ("2026-11-13", Some("after-sale call: 1 week")),
        // Not made yet on Monday: still due, until it is.
        ("2026-11-16", Some("after-sale call: 1 week")),
        // +30 days is Sunday 6 December: rolled to Monday the 7th.
        ("2026-12-07", Some("after-sale call: 1 month")),
        // +90 days is Thursday 4 February 2027.
        ("2027-02-04", Some("after-sale call: 3 months")),
    ];
    for (day, expected) in cases {
        assert_eq!(must_reason(&c, day, &config).as_deref(), expected, "{day}");
    }
    // Called on the 1-week day: done until the next one.
    c.last_contact_day = Some(d("2026-11-13"));
    assert_eq!(must_reason(&c, "2026-11-16", &config), None);
    // A customer no longer under contract gets none.
    c.state.stage = 7;
    assert_eq!(must_reason(&c, "2026-12-07", &config), None);
}

#[test]
fn a_birthday_on_a_day_off_is_greeted_the_next_working_day() {
    let config = Config::default();
    let mut c = customer(2);
    // 28 November 2026 is a Saturday.
    c.birthday = Some(d("1980-11-28"));
    assert_eq!(must_reason(&c, "2026-11-27", &config), None);
    assert_eq!(
        must_reason(&c, "2026-11-30", &config).as_deref(),
        Some("care: birthday")
    );
    assert_eq!(must_reason(&c, "2026-12-01", &config), None);
    // On a working day, the day itself.
    c.birthday = Some(d("1980-11-26"));
    assert_eq!(
        must_reason(&c, "2026-11-26", &config).as_deref(),
        Some("care: birthday")
    );
    // A contact's birthday on Sunday 29 November is greeted on Monday the 30th.
    c.birthday = None;
    c.contact_birthdays = vec![d("1975-11-29")];
    assert_eq!(must_reason(&c, "2026-11-27", &config), None);
    assert_eq!(
        must_reason(&c, "2026-11-30", &config).as_deref(),
        Some("care: contact's birthday")
    );
    let off = Config::from_user_toml(
        "[care]\nbirthdays = false\n",
        std::path::Path::new("c.toml"),
    )
    .unwrap();
    assert_eq!(must_reason(&c, "2026-11-30", &off), None);
    c.contact_birthdays.clear();
    c.birthday = Some(d("1980-11-26"));
    // The birthday must-call waits behind a complaint follow-up.
    c.complaint_follow_up = true;
    assert_eq!(
        must_reason(&c, "2026-11-26", &config).as_deref(),
        Some("complaint follow-up (回访)")
    );
}

#[test]
fn festival_greetings_go_to_customers_under_contract() {
    let config = Config::from_user_toml(
        "[care]\nfestivals = [\"2026-02-13 春节\"]\n",
        std::path::Path::new("/tmp/c.toml"),
    )
    .unwrap();
    let mut signed = customer(3);
    signed.state.stage = STAGE_WON;
    signed.state.next_call = Some(crate::domain::NextCall::on(d("2026-03-01")));
    let prospect = customer(4);
    let plan = plan_day(
        &[signed, prospect],
        d("2026-02-13"),
        60,
        &config,
        &config.calendar(),
    );
    let greeting = plan.entries.iter().find(|e| e.customer_id == 3).unwrap();
    assert_eq!(greeting.section, Section::Commitment);
    assert_eq!(greeting.reasons[0], "care: 春节");
    assert!(
        plan.entries
            .iter()
            .all(|e| e.customer_id != 4 || e.section != Section::Commitment)
    );
}

#[test]
fn a_lost_customer_comes_back_as_a_win_back_after_the_configured_months() {
    let config = Config::default();
    let mut lost = customer(5);
    lost.state.status = Status::Lost;
    lost.state.grade = Grade::C;
    lost.lost_on = Some(d("2026-05-20"));
    lost.loss_reason = Some("price".into());
    lost.last_contact_day = Some(d("2026-05-20"));
    let cal = config.calendar();
    // Five months on: not yet.
    let early = plan_day(
        std::slice::from_ref(&lost),
        d("2026-10-26"),
        60,
        &config,
        &cal,
    );
    assert!(early.entries.is_empty());
    // Six months on: back, with the reason.
    let back = plan_day(
        std::slice::from_ref(&lost),
        d("2026-11-26"),
        60,
        &config,
        &cal,
    );
    assert_eq!(back.entries.len(), 1);
    assert!(
        back.entries[0]
            .reasons
            .iter()
            .any(|r| r == "win-back: lost 6 months ago (price)"),
        "{:?}",
        back.entries[0].reasons
    );
    // Tried a week ago: waits a month between attempts.
    lost.last_contact_day = Some(d("2026-11-19"));
    assert!(
        plan_day(&[lost], d("2026-11-26"), 60, &config, &cal)
            .entries
            .is_empty()
    );
}
