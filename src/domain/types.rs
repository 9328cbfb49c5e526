use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How soon the customer may buy, which sets how often to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    O,
    H,
    A,
    B,
    C,
}

impl Grade {
    pub const ALL: [Grade; 5] = [Grade::O, Grade::H, Grade::A, Grade::B, Grade::C];

    /// The expected close date a grade implies when the rep gives none: H within 7 days, A
    /// within a month, B within 3 months, C (more than 3 months or unknown) 6 months. An
    /// order not yet delivered (O) closes as soon as an H.
    pub fn expected_close(self, today: chrono::NaiveDate) -> chrono::NaiveDate {
        use chrono::{Days, Months};
        let later = match self {
            Grade::O | Grade::H => today.checked_add_days(Days::new(7)),
            Grade::A => today.checked_add_months(Months::new(1)),
            Grade::B => today.checked_add_months(Months::new(3)),
            Grade::C => today.checked_add_months(Months::new(6)),
        };
        later.unwrap_or(today)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::O => "O",
            Grade::H => "H",
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Grade {
    type Err = Error;
    fn from_str(s: &str) -> Result<Grade> {
        match s.trim().to_ascii_uppercase().as_str() {
            "O" => Ok(Grade::O),
            "H" => Ok(Grade::H),
            "A" => Ok(Grade::A),
            "B" => Ok(Grade::B),
            "C" => Ok(Grade::C),
            _ => Err(Error::invalid(crate::t!(
                "err-unknown-grade-use-o-h-a",
                s = s.to_string()
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Lost,
    DoNotCall,
    Invalid,
}

impl Status {
    /// The status in words, for screens and messages.
    pub fn label(self) -> String {
        crate::i18n::tr(&format!("status-{}", self.as_str()), &[])
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Lost => "lost",
            Status::DoNotCall => "do_not_call",
            Status::Invalid => "invalid",
        }
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Status> {
        match s {
            "active" => Ok(Status::Active),
            "lost" => Ok(Status::Lost),
            "do_not_call" => Ok(Status::DoNotCall),
            "invalid" => Ok(Status::Invalid),
            _ => Err(Error::invalid(crate::t!(
                "err-unknown-status-use-active-lost-do",
                s = s.to_string()
            ))),
        }
    }
}

/// What happened on a call (the disposition), with its key in the TUI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    NoAnswer,
    Busy,
    Reached,
    Callback,
    SentInfo,
    ContractSent,
    Won,
    NotInterested,
    WrongNumber,
    DoNotCall,
}

impl Outcome {
    pub const ALL: [Outcome; 10] = [
        Outcome::NoAnswer,
        Outcome::Busy,
        Outcome::Reached,
        Outcome::Callback,
        Outcome::SentInfo,
        Outcome::ContractSent,
        Outcome::Won,
        Outcome::NotInterested,
        Outcome::WrongNumber,
        Outcome::DoNotCall,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::NoAnswer => "no_answer",
            Outcome::Busy => "busy",
            Outcome::Reached => "reached",
            Outcome::Callback => "callback",
            Outcome::SentInfo => "sent_info",
            Outcome::ContractSent => "contract_sent",
            Outcome::Won => "won",
            Outcome::NotInterested => "not_interested",
            Outcome::WrongNumber => "wrong_number",
            Outcome::DoNotCall => "do_not_call",
        }
    }

    /// The outcome in words, in the current language.
    pub fn label(self) -> String {
        crate::i18n::tr(self.label_key(), &[])
    }

    /// The catalog key of the outcome's words.
    pub fn label_key(self) -> &'static str {
        match self {
            Outcome::NoAnswer => "outcome-no_answer",
            Outcome::Busy => "outcome-busy",
            Outcome::Reached => "outcome-reached",
            Outcome::Callback => "outcome-callback",
            Outcome::SentInfo => "outcome-sent_info",
            Outcome::ContractSent => "outcome-contract_sent",
            Outcome::Won => "outcome-won",
            Outcome::NotInterested => "outcome-not_interested",
            Outcome::WrongNumber => "outcome-wrong_number",
            Outcome::DoNotCall => "outcome-do_not_call",
        }
    }

    /// The key that records this outcome in the TUI.
    pub fn key(self) -> char {
        match self {
            Outcome::NoAnswer => '1',
            Outcome::Busy => '2',
            Outcome::Reached => '3',
            Outcome::Callback => '4',
            Outcome::SentInfo => '5',
            Outcome::ContractSent => '6',
            Outcome::Won => '7',
            Outcome::NotInterested => '8',
            Outcome::WrongNumber => '9',
            Outcome::DoNotCall => '0',
        }
    }

    pub fn from_key(c: char) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.key() == c)
    }

    /// Whether somebody at the customer was spoken to.
    pub fn reached(self) -> bool {
        !matches!(
            self,
            Outcome::NoAnswer | Outcome::Busy | Outcome::WrongNumber
        )
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Outcome {
    type Err = Error;
    fn from_str(s: &str) -> Result<Outcome> {
        let s = s.trim();
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && let Some(o) = Outcome::from_key(c)
        {
            return Ok(o);
        }
        Outcome::ALL
            .into_iter()
            .find(|o| o.code() == s.to_ascii_lowercase().replace(['-', ' '], "_"))
            .ok_or_else(|| {
                let codes: Vec<&str> = Outcome::ALL.iter().map(|o| o.code()).collect();
                Error::invalid(crate::t!(
                    "err-unknown-outcome-use-one-of",
                    s = s.to_string(),
                    a0 = (codes.join(", ")).to_string()
                ))
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Phone,
    Email,
    Visit,
    Message,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Visit => "visit",
            Channel::Message => "message",
        }
    }
}

impl FromStr for Channel {
    type Err = Error;
    fn from_str(s: &str) -> Result<Channel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "phone" => Ok(Channel::Phone),
            "email" => Ok(Channel::Email),
            "visit" => Ok(Channel::Visit),
            "message" => Ok(Channel::Message),
            _ => Err(Error::invalid(crate::t!(
                "err-unknown-channel-use-phone-email-visit",
                s = s.to_string()
            ))),
        }
    }
}

/// A contact's role at the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Buyer,
    User,
    Gatekeeper,
    DecisionMaker,
    #[default]
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Buyer,
        Role::User,
        Role::Gatekeeper,
        Role::DecisionMaker,
        Role::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Buyer => "buyer",
            Role::User => "user",
            Role::Gatekeeper => "gatekeeper",
            Role::DecisionMaker => "decision_maker",
            Role::Other => "other",
        }
    }
}

impl Role {
    /// The role in words, in the current language.
    pub fn label(self) -> String {
        crate::i18n::tr(&format!("role-{}", self.as_str()), &[])
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Role> {
        let norm = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        // A role's words in any language read too ("决策人", "decision maker").
        let named = |r: &Role| {
            crate::i18n::Lang::ALL
                .iter()
                .any(|l| crate::i18n::tr_in(*l, &format!("role-{}", r.as_str()), &[]) == s.trim())
        };
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == norm || named(r))
            .ok_or_else(|| {
                Error::invalid(crate::t!(
                    "err-unknown-role-use-buyer-user-gatekeeper",
                    s = s.to_string()
                ))
            })
    }
}

/// A contact's communication style; the card shows a one-line tip for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    Driver,
    Expressive,
    Amiable,
    Analytical,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Driver,
        Style::Expressive,
        Style::Amiable,
        Style::Analytical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Style::Driver => "driver",
            Style::Expressive => "expressive",
            Style::Amiable => "amiable",
            Style::Analytical => "analytical",
        }
    }

    /// The one-line tip for talking to this style, in the current language.
    pub fn tip(self) -> String {
        crate::i18n::tr(&format!("tip-{}", self.as_str()), &[])
    }

    /// The style's name in the current language.
    pub fn label(self) -> String {
        crate::i18n::tr(&format!("style-{}", self.as_str()), &[])
    }
}

impl FromStr for Style {
    type Err = Error;
    fn from_str(s: &str) -> Result<Style> {
        let norm = s.trim().to_ascii_lowercase();
        let named = |r: &Style| {
            crate::i18n::Lang::ALL
                .iter()
                .any(|l| crate::i18n::tr_in(*l, &format!("style-{}", r.as_str()), &[]) == s.trim())
        };
        Style::ALL
            .into_iter()
            .find(|r| r.as_str() == norm || named(r))
            .ok_or_else(|| {
                Error::invalid(crate::t!(
                    "err-unknown-style-use-driver-expressive-amiable",
                    s = s.to_string()
                ))
            })
    }
}

/// The next call: a local date, with a local time when it is an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NextCall {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl NextCall {
    pub fn on(date: NaiveDate) -> NextCall {
        NextCall { date, time: None }
    }

    pub fn at(date: NaiveDate, time: NaiveTime) -> NextCall {
        NextCall {
            date,
            time: Some(time),
        }
    }

    pub fn is_appointment(&self) -> bool {
        self.time.is_some()
    }
}

impl fmt::Display for NextCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Some(t) => write!(f, "{}T{}", self.date.format("%Y-%m-%d"), t.format("%H:%M")),
            None => write!(f, "{}", self.date.format("%Y-%m-%d")),
        }
    }
}

/// The part of a customer that a call changes. Stored whole with each call, so undo can
/// put it back exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerState {
    pub stage: u8,
    pub intent: u8,
    pub grade: Grade,
    pub status: Status,
    pub next_call: Option<NextCall>,
    pub attempts: u32,
    pub last_contact: Option<DateTime<Utc>>,
    pub last_reached: Option<DateTime<Utc>>,
    pub last_not_interested: Option<DateTime<Utc>>,
    pub value_cents: i64,
    /// Who set the next call: the planner keeps a customer's or a rep's own date.
    #[serde(default)]
    pub next_call_by: NextCallBy,
}

/// Who set a customer's next call. A date the rep typed or the customer asked for is a
/// promise: it is planned before coverage when due, and never pulled forward to fill slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextCallBy {
    /// The outcome's default rule (or a cadence).
    #[default]
    Rule,
    /// Typed or picked by the rep.
    Rep,
    /// A time the customer named (a callback).
    Customer,
    /// Pushed out by "not interested".
    NotInterested,
}

impl NextCallBy {
    pub fn as_str(self) -> &'static str {
        match self {
            NextCallBy::Rule => "rule",
            NextCallBy::Rep => "rep",
            NextCallBy::Customer => "customer",
            NextCallBy::NotInterested => "not_interested",
        }
    }

    pub fn parse(s: &str) -> NextCallBy {
        match s {
            "rep" => NextCallBy::Rep,
            "customer" => NextCallBy::Customer,
            "not_interested" => NextCallBy::NotInterested,
            _ => NextCallBy::Rule,
        }
    }

    /// "Not now" in the customer's or the rep's words: a future date kept as it is.
    pub fn is_promise(self) -> bool {
        self != NextCallBy::Rule
    }
}

impl Default for CustomerState {
    fn default() -> Self {
        CustomerState {
            stage: 0,
            intent: 1,
            grade: Grade::C,
            status: Status::Active,
            next_call: None,
            attempts: 0,
            last_contact: None,
            last_reached: None,
            last_not_interested: None,
            value_cents: 0,
            next_call_by: NextCallBy::Rule,
        }
    }
}

pub const STAGE_WON: u8 = 6;
pub const STAGE_RENEWAL: u8 = 7;
pub const MAX_STAGE: u8 = 7;
pub const MAX_INTENT: u8 = 4;

pub const INTENT_NAMES: [&str; 5] = ["poor", "unclear", "possible", "good", "very likely"];

/// An intent level in words, in the current language ("?" past the scale).
pub fn intent_name(intent: u8) -> String {
    if intent > MAX_INTENT {
        return "?".into();
    }
    crate::i18n::tr(&format!("intent-{intent}"), &[])
}

/// What a grade means, in the current language.
pub fn grade_meaning(grade: Grade) -> String {
    crate::i18n::tr(&format!("grade-{}", grade.as_str()), &[])
}

pub fn validate_stage(stage: u8) -> Result<u8> {
    if stage > MAX_STAGE {
        return Err(Error::invalid(crate::t!(
            "err-stage-does-not-exist-use-0",
            stage = stage.to_string()
        )));
    }
    Ok(stage)
}

pub fn validate_intent(intent: u8) -> Result<u8> {
    if intent > MAX_INTENT {
        return Err(Error::invalid(crate::t!(
            "err-intent-does-not-exist-use-0",
            intent = intent.to_string()
        )));
    }
    Ok(intent)
}

/// Digits of a phone number, for matching and search.
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// What two ways of writing one number have in common: the last nine digits, once a
/// country code ("+86", "0086") or trunk zero ("020 …") is gone. Short numbers have none.
pub fn phone_key(phone: &str) -> Option<String> {
    const TAIL: usize = 9;
    let digits = phone_digits(phone);
    let digits = digits.trim_start_matches('0');
    if digits.len() < 6 {
        return None;
    }
    Some(digits[digits.len().saturating_sub(TAIL)..].to_string())
}

/// Full-width letters and digits (ＡＢＣ１２３) and the ideographic space read as their
/// ASCII forms; case and runs of spaces do not count.
pub fn company_key(company: &str) -> Option<String> {
    let folded: String = company
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    let key = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!key.is_empty()).then_some(key)
}

/// Money as the user reads it: symbol, thousands separators, two decimals (Chinese leaves
/// out ".00").
pub fn format_money(cents: i64, symbol: &str) -> String {
    crate::i18n::money(cents, symbol)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_parse_by_code_and_key() {
        for o in Outcome::ALL {
            assert_eq!(o.code().parse::<Outcome>().unwrap(), o);
            assert_eq!(o.key().to_string().parse::<Outcome>().unwrap(), o);
        }
        let err = "hung_up".parse::<Outcome>().unwrap_err().to_string();
        assert!(err.contains("unknown outcome 'hung_up'") && err.contains("no_answer"));
    }

    #[test]
    fn money_is_grouped() {
        assert_eq!(format_money(123456789, "¥"), "¥1,234,567.89");
        assert_eq!(format_money(5, "$"), "$0.05");
        assert_eq!(format_money(-100000, "€"), "-€1,000.00");
    }

    #[test]
    fn next_call_formats_as_spec() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(NextCall::on(d).to_string(), "2026-12-01");
        let t = NaiveTime::from_hms_opt(15, 30, 0).unwrap();
        assert_eq!(NextCall::at(d, t).to_string(), "2026-12-01T15:30");
    }
}
