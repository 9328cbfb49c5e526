//! The score of a customer for a day: a weighted sum of named parts, each of which becomes
//! a reason chip. Weights come from config; `calldeck show` prints the breakdown.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;

use crate::clock::Calendar;
use crate::config::Config;
use crate::domain::{CustomerState, Grade, NextCallBy, STAGE_RENEWAL};

/// What the planner knows about one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanCustomer {
    pub id: i64,
    pub state: CustomerState,
    pub birthday: Option<NaiveDate>,
    /// ABC tier by contract revenue over 12 months within the rep's book (A, B or C).
    pub tier: char,
    /// The contacts' birthdays, which get a care call like the customer's own.
    pub contact_birthdays: Vec<NaiveDate>,
    /// Local date of the last contact (the state holds the UTC instant).
    pub last_contact_day: Option<NaiveDate>,
    pub complaint_open: bool,
    pub contract_end: Option<NaiveDate>,
    pub pinned: bool,
    /// Won recently and not called since signing.
    pub won_follow_up: bool,
    /// Some contact has a number that is not marked wrong.
    pub has_phone: bool,
    /// The day of the latest win, for the after-sale calls.
    pub won_on: Option<NaiveDate>,
    /// A resolved complaint's follow-up call (回访) is due.
    pub complaint_follow_up: bool,
    /// For a lost customer: when the deal was lost, and why.
    pub lost_on: Option<NaiveDate>,
    pub loss_reason: Option<String>,
}

impl PlanCustomer {
    /// A callable active customer with default state and no history, for tests.
    #[cfg(test)]
    pub(crate) fn blank(id: i64) -> PlanCustomer {
        PlanCustomer {
            id,
            state: CustomerState::default(),
            birthday: None,
            contact_birthdays: Vec::new(),
            tier: 'C',
            last_contact_day: None,
            complaint_open: false,
            contract_end: None,
            pinned: false,
            won_follow_up: false,
            has_phone: true,
            won_on: None,
            complaint_follow_up: false,
            lost_on: None,
            loss_reason: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorePart {
    pub reason: String,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Score {
    pub total: f64,
    pub parts: Vec<ScorePart>,
}

impl Score {
    /// The reasons, heaviest first.
    pub fn reasons(&self) -> Vec<String> {
        self.parts.iter().map(|p| p.reason.clone()).collect()
    }
}

pub fn cadence_label(grade: Grade, days: u32) -> String {
    let every = match days {
        1 => "daily".to_string(),
        7 => "weekly".to_string(),
        30 => "monthly".to_string(),
        n => format!("every {n}d"),
    };
    format!("{grade}: {every}")
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Days until the next birthday from `day` (0 = today), if within the next year.
fn days_to_birthday(birthday: NaiveDate, day: NaiveDate) -> Option<i64> {
    for year in [day.year(), day.year() + 1] {
        // 29 February birthdays are kept on 28 February in other years.
        let this = NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))?;
        if this >= day {
            return Some(days_between(day, this));
        }
    }
    None
}

/// Whether the grade's cadence ("call at least every N days") has come due on `day`: on
/// the working day the rule would have scheduled.
pub fn cadence_due(c: &PlanCustomer, day: NaiveDate, config: &Config, cal: &Calendar) -> bool {
    c.last_contact_day.is_some_and(|last| {
        let cadence = config.cadence_days(c.state.grade) as u64;
        day >= cal.roll_forward(last + chrono::Days::new(cadence))
    })
}

/// A customer's own "not now": a later next call set by the customer, the rep or a "not
/// interested", which is never pulled forward to fill slots.
pub fn not_now(c: &PlanCustomer, day: NaiveDate) -> bool {
    c.state
        .next_call
        .is_some_and(|n| n.date > day && c.state.next_call_by.is_promise())
}

/// Due on `day`: the next call is today or overdue, or the cadence has come due (unless
/// the customer or the rep set a later date).
pub fn is_due(c: &PlanCustomer, day: NaiveDate, config: &Config, cal: &Calendar) -> bool {
    !not_now(c, day)
        && (c.state.next_call.is_some_and(|n| n.date <= day) || cadence_due(c, day, config, cal))
}

/// A commitment: something the rep owes the customer today. A due (or overdue) next call
/// that someone promised (the rep typed it, the customer named it) or that is on a hot
/// customer (grade O or H, an open deal at stage 4 or 5); a due next call on a valuable
/// customer (an open deal at stage 3 or more or with intent 3 or more, grade A), except a
/// retry after a miss while the grade's cadence still holds (the miss itself counts as the
/// contact); and the O, H or A cadence ("call at least every N days") come due, unless the
/// customer asked for a later date.
pub fn is_commitment(c: &PlanCustomer, day: NaiveDate, config: &Config, cal: &Calendar) -> bool {
    let s = &c.state;
    let top_grade = matches!(s.grade, Grade::O | Grade::H | Grade::A);
    let cadence = cadence_due(c, day, config, cal);
    if top_grade && cadence && !not_now(c, day) {
        return true;
    }
    if s.next_call.is_none_or(|n| n.date > day) {
        return false;
    }
    // Stage and intent describe the open deal; a customer under contract has none.
    let open_deal = s.stage != crate::domain::STAGE_WON;
    let retry = s.attempts > 0 && s.next_call_by == NextCallBy::Rule;
    let hot = matches!(s.grade, Grade::O | Grade::H) || (open_deal && matches!(s.stage, 4 | 5));
    let valuable = (open_deal && (s.stage >= 3 || s.intent >= 3)) || s.grade == Grade::A;
    s.next_call_by.is_promise() || hot || (valuable && (!retry || cadence))
}

/// Scores `c` for `day`. Parts with no points are left out; parts are ordered by weight.
pub fn score(c: &PlanCustomer, day: NaiveDate, config: &Config, cal: &Calendar) -> Score {
    let w = &config.planner.weights;
    let s = &c.state;
    let mut parts: Vec<ScorePart> = Vec::new();
    let mut add = |reason: String, points: f64| {
        if points.abs() >= 0.05 {
            parts.push(ScorePart { reason, points });
        }
    };

    let mut due = s.next_call.is_none_or(|n| n.date <= day);
    if let Some(next) = s.next_call
        && next.date <= day
    {
        let late = days_between(next.date, day).min(w.overdue_max_days as i64);
        let reason = if late == 0 {
            "due today".to_string()
        } else {
            format!("overdue {}d", days_between(next.date, day))
        };
        add(reason, w.due + w.overdue_per_day * late as f64);
    }
    match s.stage {
        3 => add("quote sent".into(), w.stage_3),
        4 => add("hot: intends to buy".into(), w.stage_4),
        5 => add("hot: contract sent".into(), w.stage_5),
        STAGE_RENEWAL => add("renewal due".into(), w.stage_7),
        _ => {}
    }
    if s.intent > 0 {
        let names = crate::domain::INTENT_NAMES;
        add(
            format!("intent {}", names.get(s.intent as usize).unwrap_or(&"?")),
            w.intent_per_level * s.intent as f64,
        );
    }
    match c.last_contact_day {
        Some(last) => {
            let since = days_between(last, day).max(0);
            let cadence = config.cadence_days(s.grade);
            if cadence_due(c, day, config, cal) {
                // "Call at least every N days" holds even when a later date was scheduled.
                due = true;
                let ratio = (since as f64 / cadence as f64).clamp(1.0, 3.0);
                add(
                    cadence_label(s.grade, cadence),
                    w.cadence_due * w.cadence_factor.of(s.grade) * ratio,
                );
            }
            if since > 30 {
                add(
                    format!("not contacted {since}d"),
                    w.coverage_per_day * (since - 30).min(60) as f64,
                );
            }
        }
        None => add("new".into(), w.never_contacted),
    }
    // The latest contract: ended (renewal not signed yet) or ending within the window.
    if let Some(end) = c.contract_end {
        if end < day {
            add(
                format!("contract expired {}d ago", days_between(end, day)),
                w.contract_expired,
            );
        } else if days_between(day, end) <= config.contracts.expiry_window_days as i64 {
            add(
                format!("contract ends in {}d", days_between(day, end)),
                w.contract_expiring,
            );
        }
    }
    let units = s.value_cents as f64 / 100.0;
    if units > 1000.0 {
        add(
            format!(
                "value {}",
                short_money(s.value_cents, &config.currency_symbol)
            ),
            w.value_per_decade * (units / 1000.0).log10(),
        );
    }
    if let Some(days) = c
        .birthday
        .iter()
        .chain(&c.contact_birthdays)
        .filter_map(|b| days_to_birthday(*b, day))
        .min()
        && days <= 3
    {
        let reason = if days == 0 {
            "birthday".to_string()
        } else {
            format!("birthday in {days}d")
        };
        add(reason, w.birthday);
    }
    match c.tier {
        'A' => add("tier A".into(), w.tier_a),
        'B' => add("tier B".into(), w.tier_b),
        _ => {}
    }
    if win_back_due(c, day, config) {
        let months = c.lost_on.map_or(0, |lost| (day - lost).num_days() / 30);
        add(
            match &c.loss_reason {
                Some(why) => format!("win-back: lost {months} months ago ({why})"),
                None => format!("win-back: lost {months} months ago"),
            },
            w.win_back,
        );
    }
    if s.attempts > 0 {
        add(
            format!(
                "{} {}",
                s.attempts,
                if s.attempts == 1 { "miss" } else { "misses" }
            ),
            w.miss_penalty * s.attempts.min(5) as f64,
        );
    }
    let mut total: f64 = parts.iter().map(|p| p.points).sum();
    if !due {
        let before = total;
        total *= w.not_due_factor;
        if let Some(next) = s.next_call {
            parts.push(ScorePart {
                reason: format!("scheduled {}", next.date.format("%m-%d")),
                points: total - before,
            });
        }
    }
    parts.sort_by(|a, b| {
        b.points
            .abs()
            .total_cmp(&a.points.abs())
            .then(a.reason.cmp(&b.reason))
    });
    Score {
        total: (total * 10.0).round() / 10.0,
        parts: parts
            .into_iter()
            .map(|p| ScorePart {
                points: (p.points * 10.0).round() / 10.0,
                ..p
            })
            .collect(),
    }
}

/// "¥120k", "¥1.2m": short enough for a chip.
pub fn short_money(cents: i64, symbol: &str) -> String {
    crate::i18n::money_short(cents, symbol)
}

/// Why a customer must be called on `day`, with its place among the must-calls:
/// appointments today by time, overdue appointments, open complaints, thank-you calls
/// after a win, then pins.
pub fn must_call(
    c: &PlanCustomer,
    day: NaiveDate,
    config: &Config,
    cal: &Calendar,
) -> Option<((u8, NaiveDate, NaiveTime), String)> {
    let next = c.state.next_call;
    if let Some(n) = next
        && let Some(t) = n.time
    {
        if n.date == day {
            return Some(((0, n.date, t), format!("callback {}", t.format("%H:%M"))));
        }
        if n.date < day {
            return Some((
                (1, n.date, t),
                format!(
                    "missed callback {} {}",
                    n.date.format("%m-%d"),
                    t.format("%H:%M")
                ),
            ));
        }
    }
    let midnight = NaiveTime::MIN;
    if c.complaint_open {
        return Some(((2, day, midnight), "complaint open".into()));
    }
    if c.complaint_follow_up {
        return Some(((2, day, midnight), "complaint follow-up (回访)".into()));
    }
    if c.won_follow_up {
        return Some(((3, day, midnight), "won: thank-you call".into()));
    }
    if let Some(reason) = after_sale_due(c, day, config, cal) {
        return Some(((3, day, midnight), reason));
    }
    if c.pinned {
        return Some(((4, day, midnight), "pinned".into()));
    }
    if birthday_care(c, day, config, cal) {
        return Some(((4, day, midnight), "care: birthday".into()));
    }
    if contact_birthday_care(c, day, config, cal) {
        return Some(((4, day, midnight), "care: contact's birthday".into()));
    }
    None
}

fn after_sale_label(days: u32) -> String {
    match days {
        7 => "1 week".into(),
        14 => "2 weeks".into(),
        30 | 31 => "1 month".into(),
        90 | 91 => "3 months".into(),
        180 => "6 months".into(),
        n => format!("{n} days"),
    }
}

/// The after-sale call due on `day`, if the latest one whose day has come is not made yet.
/// The first of the schedule is the thank-you call the day after the win, planned as such.
pub fn after_sale_due(
    c: &PlanCustomer,
    day: NaiveDate,
    config: &Config,
    cal: &Calendar,
) -> Option<String> {
    if c.state.stage != crate::domain::STAGE_WON {
        return None;
    }
    let won = c.won_on?;
    let (n, due) = config
        .after_sale
        .days
        .iter()
        .skip(1)
        .map(|n| (*n, cal.roll_forward(won + chrono::Days::new(*n as u64))))
        .rfind(|(_, due)| *due <= day)?;
    if c.last_contact_day.is_some_and(|last| last >= due) {
        return None;
    }
    Some(format!("after-sale call: {}", after_sale_label(n)))
}

/// A care call for the customer's birthday: on the day, or the next working day when it
/// falls on a day off.
pub fn birthday_care(c: &PlanCustomer, day: NaiveDate, config: &Config, cal: &Calendar) -> bool {
    c.birthday
        .is_some_and(|b| config.care.birthdays && greets_on(b, day, cal))
}

/// A care call for a contact's birthday, the same way as the customer's.
pub fn contact_birthday_care(
    c: &PlanCustomer,
    day: NaiveDate,
    config: &Config,
    cal: &Calendar,
) -> bool {
    config.care.birthdays && c.contact_birthdays.iter().any(|b| greets_on(*b, day, cal))
}

/// Whether a birthday is greeted on `day`: its date, rolled to the next working day.
fn greets_on(b: NaiveDate, day: NaiveDate, cal: &Calendar) -> bool {
    [day.year() - 1, day.year()].into_iter().any(|year| {
        NaiveDate::from_ymd_opt(year, b.month(), b.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .is_some_and(|this| cal.roll_forward(this) == day)
    })
}

/// A lost customer whose win-back time has come: lost at least `losses.win_back_months`
/// ago and not tried in the last 30 days.
pub fn win_back_due(c: &PlanCustomer, day: NaiveDate, config: &Config) -> bool {
    c.state.status == crate::domain::Status::Lost
        && c.lost_on.is_some_and(|lost| {
            lost.checked_add_months(chrono::Months::new(config.losses.win_back_months))
                .is_some_and(|back| back <= day)
        })
        && c.last_contact_day
            .is_none_or(|last| (day - last).num_days() >= 30)
}
