//! The rule for recording a call: customer state + outcome + the rep's choices + now →
//! the new state and what happens to the deal and complaint. Written once; the TUI,
//! `calldeck log`, the demo and the simulation all go through it.

use chrono::{Days, Months, NaiveDate};

use crate::clock::{Calendar, Clock};
use crate::config::Config;
use crate::domain::{
    Channel, CustomerState, Grade, NextCall, NextCallBy, Outcome, STAGE_RENEWAL, STAGE_WON, Status,
    validate_intent, validate_stage,
};
use crate::error::{Error, Result};

/// What the rep says about a call.
#[derive(Debug, Clone, PartialEq)]
pub struct CallInput {
    pub outcome: Outcome,
    /// The next call the rep chose; `None` takes the rule's default.
    pub next: Option<NextCall>,
    pub stage: Option<u8>,
    pub intent: Option<u8>,
    pub grade: Option<Grade>,
    pub note: String,
    pub channel: Channel,
    pub contact_id: Option<i64>,
    pub duration_s: Option<u32>,
    /// Opens a complaint with this text ...
    pub complaint: Option<String>,
    /// ... of this category (one of `complaints.categories`; default the first).
    pub complaint_category: Option<String>,
    /// Marks the open complaint resolved.
    pub resolve_complaint: bool,
    /// Contract terms for a win; missing parts take defaults.
    pub won: WonTerms,
    /// For a wrong number: the customer has another usable number besides the one that
    /// was wrong, so it stays active (the store fills this in from the contacts).
    pub other_numbers: bool,
    /// Why the customer is lost, when this call marks them lost (one of `losses.reasons`).
    pub loss_reason: Option<String>,
    /// The customer's satisfaction, 1 to 5 (after-sale and complaint follow-up calls).
    pub satisfaction: Option<u8>,
    /// When the rep expects the open deal to close; `None` takes the grade's default after
    /// a conversation and keeps the deal's date otherwise.
    pub close: Option<NaiveDate>,
}

impl CallInput {
    pub fn new(outcome: Outcome) -> CallInput {
        CallInput {
            outcome,
            next: None,
            stage: None,
            intent: None,
            grade: None,
            note: String::new(),
            channel: Channel::Phone,
            contact_id: None,
            duration_s: None,
            complaint: None,
            complaint_category: None,
            resolve_complaint: false,
            won: WonTerms::default(),
            other_numbers: false,
            loss_reason: None,
            satisfaction: None,
            close: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WonTerms {
    pub value_cents: Option<i64>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// What a call does to the customer's open deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealChange {
    /// The open deal follows the customer's stage and value.
    Follow,
    /// Closed as won, with a contract on these terms.
    Win {
        value_cents: i64,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// Closed as lost.
    Lose,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallEffect {
    pub after: CustomerState,
    /// A pending appointment that this earlier attempt left in place.
    pub kept_appointment: Option<NextCall>,
    /// Why the customer is lost, when this call marks them lost.
    pub loss_reason: Option<String>,
    pub reached: bool,
    pub deal: DealChange,
    /// The open deal's new expected close date; `None` leaves it as it is.
    pub expected_close: Option<NaiveDate>,
    pub open_complaint: Option<String>,
    pub resolve_complaint: bool,
}

/// Applies `input` to `before` at `clock` time. `complaint_open` tells whether the customer
/// has an open complaint (to refuse resolving one that does not exist).
pub fn record_outcome(
    before: &CustomerState,
    input: &CallInput,
    complaint_open: bool,
    config: &Config,
    cal: &Calendar,
    clock: &Clock,
) -> Result<CallEffect> {
    let outcome = input.outcome;
    let today = clock.today();
    let now_utc = clock.now_utc();
    let rules = &config.outcomes;

    if let Some(stage) = input.stage {
        validate_stage(stage)?;
        if stage == STAGE_WON && outcome != Outcome::Won {
            return Err(Error::invalid(crate::t!(
                "err-stage-6-means-under-contract-record"
            )));
        }
        // While a contract runs the stage follows it; it becomes a renewal (7) when the
        // contract ends, or earlier by choice.
        if before.stage == STAGE_WON && stage < STAGE_WON {
            return Err(Error::invalid(crate::t!(
                "err-this-customer-is-under-contract-the"
            )));
        }
    }
    if let Some(intent) = input.intent {
        validate_intent(intent)?;
    }
    if before.status == Status::DoNotCall {
        return Err(Error::invalid(crate::t!(
            "err-this-customer-asked-not-to-be"
        )));
    }
    if input.resolve_complaint && !complaint_open {
        return Err(Error::invalid(crate::t!(
            "err-this-customer-has-no-open-complaint"
        )));
    }
    if let Some(text) = &input.complaint
        && text.trim().is_empty()
    {
        return Err(Error::invalid(crate::t!(
            "err-a-complaint-needs-its-text-complaint"
        )));
    }
    let schedules_nothing = match outcome {
        Outcome::WrongNumber => !input.other_numbers,
        Outcome::DoNotCall => true,
        _ => false,
    };
    if schedules_nothing && input.next.is_some() {
        return Err(Error::invalid(crate::t!(
            "err-schedules-no-next-call-leave-out",
            outcome = outcome.to_string()
        )));
    }
    if let Some(next) = input.next {
        check_not_past(next, clock)?;
    }
    if let Some(score) = input.satisfaction
        && !(1..=5).contains(&score)
    {
        return Err(Error::invalid(crate::t!(
            "err-satisfaction-is-out-of-range-give",
            score = score.to_string()
        )));
    }

    let reached = outcome.reached();
    let mut after = before.clone();
    after.last_contact = Some(now_utc);
    if reached {
        after.attempts = 0;
        after.last_reached = Some(now_utc);
        // Somebody answered: a lost or invalid customer is being worked again.
        if matches!(before.status, Status::Lost | Status::Invalid) {
            after.status = Status::Active;
        }
    } else {
        after.attempts = before.attempts.saturating_add(1);
    }
    // A conversation means the customer is at least "contacted, needs known".
    if reached && after.stage < 2 {
        after.stage = 2;
    }

    let mut deal = DealChange::Follow;
    // A miss before an appointment is not the appointment call: the customer is still
    // expecting the call at the time they named. (A busy retry is the rule's own time,
    // not an appointment.)
    let kept_appointment = before.next_call.filter(|n| {
        matches!(outcome, Outcome::NoAnswer | Outcome::Busy)
            && input.next.is_none()
            && before.next_call_by != NextCallBy::Rule
            && appointment_ahead(*n, clock)
    });
    let wd = |n: u32| NextCall::on(cal.add_working_days(today, n));
    let mut next = match outcome {
        Outcome::NoAnswer => {
            if after.attempts >= rules.no_answer_streak {
                Some(wd(rules.no_answer_streak_working_days))
            } else {
                Some(wd(rules.no_answer_working_days))
            }
        }
        Outcome::Busy => {
            let later = clock.local_now() + chrono::Duration::hours(rules.busy_retry_hours as i64);
            if later.date() == today && later.time() <= config.day_end() {
                Some(NextCall::at(today, later.time()))
            } else {
                Some(wd(1))
            }
        }
        // Set below, once the grade is final.
        Outcome::Reached => None,
        Outcome::Callback => {
            if input.next.is_none() {
                return Err(Error::invalid(crate::t!(
                    "err-a-callback-needs-the-time-the"
                )));
            }
            None
        }
        Outcome::SentInfo => {
            if after.stage < 3 {
                after.stage = 3;
            }
            Some(wd(rules.sent_info_working_days))
        }
        Outcome::ContractSent => {
            if after.stage < 5 {
                after.stage = 5;
            }
            Some(wd(rules.contract_sent_working_days))
        }
        Outcome::Won => {
            let value_cents = input.won.value_cents.unwrap_or(before.value_cents);
            if value_cents <= 0 {
                return Err(Error::invalid(crate::t!(
                    "err-a-win-needs-the-contract-value"
                )));
            }
            let start = input.won.start.unwrap_or(today);
            let end = match input.won.end {
                Some(end) => end,
                None => start
                    .checked_add_months(Months::new(config.contracts.term_months))
                    .and_then(|d| d.checked_sub_days(Days::new(1)))
                    .ok_or_else(|| {
                        Error::invalid(crate::t!("err-contract-start-date-is-out-of"))
                    })?,
            };
            if end <= start {
                return Err(Error::invalid(crate::t!(
                    "err-the-contract-ends-before-it-starts",
                    end = end.to_string(),
                    start = start.to_string()
                )));
            }
            if end < today {
                return Err(Error::invalid(crate::t!(
                    "err-the-contract-would-have-ended-already",
                    end = end.to_string()
                )));
            }
            after.stage = STAGE_WON;
            after.grade = Grade::O;
            after.intent = 4;
            after.value_cents = value_cents;
            after.status = Status::Active;
            deal = DealChange::Win {
                value_cents,
                start,
                end,
            };
            Some(wd(rules.won_followup_working_days))
        }
        Outcome::NotInterested => {
            after.intent = 0;
            after.grade = Grade::C;
            let second = second_no(before, config, clock);
            after.last_not_interested = Some(now_utc);
            if second {
                after.status = Status::Lost;
                deal = DealChange::Lose;
                None
            } else {
                Some(NextCall::on(cal.roll_forward(
                    today + Days::new(rules.not_interested_days as u64),
                )))
            }
        }
        // One wrong number among several: try the next number on the next working day.
        Outcome::WrongNumber if input.other_numbers => Some(wd(1)),
        Outcome::WrongNumber => {
            after.status = Status::Invalid;
            None
        }
        Outcome::DoNotCall => {
            after.status = Status::DoNotCall;
            deal = DealChange::Lose;
            None
        }
    };

    if let Some(stage) = input.stage {
        after.stage = stage;
    }
    if let Some(intent) = input.intent {
        after.intent = intent;
    }
    if let Some(grade) = input.grade {
        after.grade = grade;
    }
    // A stage back below "won" on a customer who just signed would leave a contract
    // without its stage; the override is refused above for other outcomes.
    if outcome == Outcome::Won {
        after.stage = STAGE_WON;
    }
    // Delivered: the first conversation after the day of the win ends grade O.
    let since_win_day = before
        .last_reached
        .is_some_and(|t| clock.to_local(t).date() < today);
    if before.stage == STAGE_WON
        && before.grade == Grade::O
        && reached
        && outcome != Outcome::Won
        && input.grade.is_none()
        && since_win_day
    {
        after.grade = config.grade_after_sale();
    }
    if outcome == Outcome::Reached {
        let days = config.cadence_days(after.grade) as u64;
        next = Some(NextCall::on(cal.roll_forward(today + Days::new(days))));
    }
    let not_workable = matches!(after.status, Status::Lost | Status::DoNotCall);
    if not_workable {
        if input.next.is_some() {
            return Err(Error::invalid(
                if before.status == Status::Lost && !reached {
                    "this customer is lost and nobody was reached: leave out the next-call date, or log a conversation to work them again"
                } else {
                    "this call marks the customer lost: leave out the next-call date"
                },
            ));
        }
        after.next_call = None;
        after.next_call_by = NextCallBy::Rule;
    } else if !schedules_nothing {
        after.next_call = input.next.or(next);
        after.next_call_by = match (input.next, outcome) {
            (Some(_), Outcome::Callback) => NextCallBy::Customer,
            (Some(_), _) => NextCallBy::Rep,
            (None, Outcome::NotInterested) => NextCallBy::NotInterested,
            (None, _) => NextCallBy::Rule,
        };
        if let Some(kept) = kept_appointment {
            after.next_call = Some(kept);
            after.next_call_by = before.next_call_by;
        }
    } else {
        after.next_call = None;
        after.next_call_by = NextCallBy::Rule;
    }
    // A resolved complaint books its follow-up call (回访) unless the rep chose a date.
    if input.resolve_complaint
        && input.next.is_none()
        && after.next_call.is_some()
        && !schedules_nothing
    {
        after.next_call = Some(wd(config.complaints.follow_up_working_days));
        after.next_call_by = NextCallBy::Rule;
    }
    let marks_lost = after.status == Status::Lost && before.status != Status::Lost;
    match (&input.loss_reason, marks_lost) {
        (None, true) => {
            return Err(Error::invalid(crate::t!(
                "err-this-call-marks-the-customer-lost",
                a0 = (config.losses.reasons.join(", ")).to_string()
            )));
        }
        (Some(reason), true) => {
            if !config.losses.reasons.iter().any(|r| r == reason) {
                return Err(Error::invalid(crate::t!(
                    "err-unknown-loss-reason-use-one-of",
                    reason = reason.to_string(),
                    a0 = (config.losses.reasons.join(", ")).to_string()
                )));
            }
            if reason == "other" && input.note.trim().is_empty() {
                return Err(Error::invalid(crate::t!(
                    "err-a-loss-for-another-reason-needs"
                )));
            }
        }
        // A reason given for a call that loses nobody is not a loss: nothing to keep.
        (_, false) => {}
    }
    // A renewal stays a renewal through quotes and contracts until it is won.
    if before.stage == STAGE_RENEWAL && input.stage.is_none() && outcome != Outcome::Won {
        after.stage = STAGE_RENEWAL;
    }

    if let Some(close) = input.close
        && close < today
    {
        return Err(Error::invalid(crate::t!(
            "err-expected-close-is-in-the-past",
            close = close.to_string()
        )));
    }
    // The grade is re-judged after every conversation, and with it when the deal may close.
    let expected_close = input
        .close
        .or_else(|| reached.then(|| after.grade.expected_close(today)));

    Ok(CallEffect {
        loss_reason: input.loss_reason.clone().filter(|_| marks_lost),
        after,
        kept_appointment,
        reached,
        deal,
        expected_close,
        open_complaint: input.complaint.as_ref().map(|t| t.trim().to_string()),
        resolve_complaint: input.resolve_complaint,
    })
}

/// A call the rep is asked to confirm before it is logged: one that cannot be taken back
/// lightly, or a second call on a customer already called today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caution {
    DoNotCall,
    WrongNumber,
    /// "Not interested" on an open deal at stage 4 or more.
    DropsHotDeal,
    SecondCallToday,
}

impl Caution {
    pub fn question(self) -> String {
        crate::t!(match self {
            Caution::DoNotCall => "caution-do-not-call",
            Caution::WrongNumber => "caution-wrong-number",
            Caution::DropsHotDeal => "caution-drops-hot-deal",
            Caution::SecondCallToday => "caution-second-call",
        })
    }
}

/// What to confirm before logging `outcome` on a customer in state `before`.
pub fn cautions(before: &CustomerState, outcome: Outcome, called_today: bool) -> Vec<Caution> {
    let mut out = Vec::new();
    match outcome {
        Outcome::DoNotCall => out.push(Caution::DoNotCall),
        Outcome::WrongNumber => out.push(Caution::WrongNumber),
        Outcome::NotInterested if before.stage >= 4 && before.stage != STAGE_WON => {
            out.push(Caution::DropsHotDeal)
        }
        _ => {}
    }
    if called_today {
        out.push(Caution::SecondCallToday);
    }
    out
}

/// A second "not interested" within the window: the call marks the customer lost.
fn second_no(before: &CustomerState, config: &Config, clock: &Clock) -> bool {
    let window = chrono::Duration::days(config.outcomes.not_interested_lost_window_days as i64);
    before
        .last_not_interested
        .is_some_and(|prev| clock.now_utc() - prev <= window)
}

/// Whether logging `outcome` now would mark the customer lost (and so needs a reason).
pub fn marks_lost(
    before: &CustomerState,
    outcome: Outcome,
    config: &Config,
    clock: &Clock,
) -> bool {
    outcome == Outcome::NotInterested
        && before.status != Status::Lost
        && second_no(before, config, clock)
}

/// Minutes before an appointment in which a call counts as the appointment call.
pub const APPOINTMENT_EARLY_MINUTES: i64 = 15;

/// Whether an appointment is still ahead of `clock`: later than a quarter hour from now.
pub fn appointment_ahead(next: NextCall, clock: &Clock) -> bool {
    let Some(time) = next.time else {
        return false;
    };
    let early = chrono::Duration::minutes(APPOINTMENT_EARLY_MINUTES);
    next.date.and_time(time) - early > clock.local_now()
}

fn check_not_past(next: NextCall, clock: &Clock) -> Result<()> {
    let now = clock.local_now();
    let past = next.date < now.date()
        || (next.date == now.date() && next.time.is_some_and(|t| t <= now.time()));
    if past {
        return Err(Error::invalid(crate::t!(
            "err-next-call-is-in-the-past",
            next = next.to_string(),
            a0 = (now.format("%Y-%m-%d %H:%M")).to_string()
        )));
    }
    Ok(())
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "promises_tests.rs"]
mod promises_tests;
