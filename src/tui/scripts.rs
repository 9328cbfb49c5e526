//! Call scripts for the situation, built into the binary from `assets/scripts/`.

use chrono::{Datelike, NaiveDate};

use crate::card::CardData;
use crate::domain::{Grade, STAGE_RENEWAL, STAGE_WON, Status};

/// The built-in scripts by file name; a file of the same name in the user's script folder
/// (`scripts/` beside the config file) replaces one.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "first_call.md",
        include_str!("../../assets/scripts/first_call.md"),
    ),
    (
        "follow_up.md",
        include_str!("../../assets/scripts/follow_up.md"),
    ),
    (
        "quote_follow_up.md",
        include_str!("../../assets/scripts/quote_follow_up.md"),
    ),
    (
        "renewal.md",
        include_str!("../../assets/scripts/renewal.md"),
    ),
    (
        "complaint.md",
        include_str!("../../assets/scripts/complaint.md"),
    ),
    (
        "win_back.md",
        include_str!("../../assets/scripts/win_back.md"),
    ),
    (
        "thank_you.md",
        include_str!("../../assets/scripts/thank_you.md"),
    ),
    (
        "referral.md",
        include_str!("../../assets/scripts/referral.md"),
    ),
    ("care.md", include_str!("../../assets/scripts/care.md")),
    (
        "after_sale.md",
        include_str!("../../assets/scripts/after_sale.md"),
    ),
];

/// The same scripts in Simplified Chinese (`assets/scripts/zh-CN/`).
pub const BUILT_IN_ZH_CN: &[(&str, &str)] = &[
    (
        "first_call.md",
        include_str!("../../assets/scripts/zh-CN/first_call.md"),
    ),
    (
        "follow_up.md",
        include_str!("../../assets/scripts/zh-CN/follow_up.md"),
    ),
    (
        "quote_follow_up.md",
        include_str!("../../assets/scripts/zh-CN/quote_follow_up.md"),
    ),
    (
        "renewal.md",
        include_str!("../../assets/scripts/zh-CN/renewal.md"),
    ),
    (
        "complaint.md",
        include_str!("../../assets/scripts/zh-CN/complaint.md"),
    ),
    (
        "win_back.md",
        include_str!("../../assets/scripts/zh-CN/win_back.md"),
    ),
    (
        "thank_you.md",
        include_str!("../../assets/scripts/zh-CN/thank_you.md"),
    ),
    (
        "referral.md",
        include_str!("../../assets/scripts/zh-CN/referral.md"),
    ),
    (
        "care.md",
        include_str!("../../assets/scripts/zh-CN/care.md"),
    ),
    (
        "after_sale.md",
        include_str!("../../assets/scripts/zh-CN/after_sale.md"),
    ),
];

/// The built-in scripts in the current language.
pub fn built_in() -> &'static [(&'static str, &'static str)] {
    match crate::i18n::lang() {
        crate::i18n::Lang::ZhCn => BUILT_IN_ZH_CN,
        crate::i18n::Lang::En => BUILT_IN,
    }
}

/// The user's script folder, when a config file location is known.
pub fn folder() -> Option<std::path::PathBuf> {
    crate::config::Config::user_path().and_then(|p| p.parent().map(|d| d.join("scripts")))
}

/// A script's text: the user's own file when there is one, else the built-in.
fn text(name: &str) -> String {
    if let Some(own) = folder()
        .map(|d| d.join(name))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .filter(|t| !t.trim().is_empty())
    {
        return own;
    }
    built_in()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
        .unwrap_or_default()
}

/// The script for where this customer stands, as (title, text without its heading).
pub fn for_customer(card: &CardData, today: NaiveDate) -> (String, String) {
    let s = &card.customer.state;
    let contract_ending = card
        .contract
        .is_some_and(|(_, _, end)| (end - today).num_days() <= 30);
    // The customer's birthday, or one of its contacts'.
    let birthday_today = card
        .customer
        .birthday
        .iter()
        .chain(
            card.customer
                .contacts
                .iter()
                .filter_map(|k| k.birthday.as_ref()),
        )
        .any(|b| b.month() == today.month() && b.day() == today.day());
    let name = if card.complaint.is_some() {
        "complaint.md"
    } else if s.status == Status::Lost {
        "win_back.md"
    } else if birthday_today {
        "care.md"
    } else if s.stage == STAGE_WON && s.grade == Grade::O {
        "thank_you.md"
    } else if s.stage == STAGE_RENEWAL || contract_ending {
        "renewal.md"
    } else if s.stage == STAGE_WON
        && card
            .contract
            .is_some_and(|(_, start, _)| (today - start).num_days() <= 100)
    {
        "after_sale.md"
    } else if s.stage == STAGE_WON {
        "referral.md"
    } else if (3..=5).contains(&s.stage) {
        "quote_follow_up.md"
    } else if s.last_reached.is_none() {
        "first_call.md"
    } else {
        "follow_up.md"
    };
    split(&text(name))
}

fn split(script: &str) -> (String, String) {
    let fallback = crate::t!("script-fallback-title");
    let (title, body) = script
        .split_once('\n')
        .unwrap_or((fallback.as_str(), script));
    (
        title.trim_start_matches('#').trim().to_string(),
        body.trim().to_string(),
    )
}
