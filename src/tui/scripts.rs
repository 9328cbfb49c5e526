//! Call scripts for the situation, built into the binary from `assets/scripts/`.

use chrono::NaiveDate;

use crate::card::CardData;
use crate::domain::{Grade, STAGE_RENEWAL, STAGE_WON, Status};

const FIRST_CALL: &str = include_str!("../../assets/scripts/first_call.md");
const FOLLOW_UP: &str = include_str!("../../assets/scripts/follow_up.md");
const QUOTE_FOLLOW_UP: &str = include_str!("../../assets/scripts/quote_follow_up.md");
const RENEWAL: &str = include_str!("../../assets/scripts/renewal.md");
const COMPLAINT: &str = include_str!("../../assets/scripts/complaint.md");
const WIN_BACK: &str = include_str!("../../assets/scripts/win_back.md");
const THANK_YOU: &str = include_str!("../../assets/scripts/thank_you.md");
const REFERRAL: &str = include_str!("../../assets/scripts/referral.md");

/// The script for where this customer stands, as (title, text without its heading).
pub fn for_customer(card: &CardData, today: NaiveDate) -> (&'static str, &'static str) {
    let s = &card.customer.state;
    let contract_ending = card
        .contract
        .is_some_and(|(_, _, end)| (end - today).num_days() <= 30);
    let script = if card.complaint.is_some() {
        COMPLAINT
    } else if s.status == Status::Lost {
        WIN_BACK
    } else if s.stage == STAGE_WON && s.grade == Grade::O {
        THANK_YOU
    } else if s.stage == STAGE_RENEWAL || contract_ending {
        RENEWAL
    } else if s.stage == STAGE_WON {
        REFERRAL
    } else if (3..=5).contains(&s.stage) {
        QUOTE_FOLLOW_UP
    } else if s.last_reached.is_none() {
        FIRST_CALL
    } else {
        FOLLOW_UP
    };
    split(script)
}

fn split(script: &'static str) -> (&'static str, &'static str) {
    let (title, body) = script.split_once('\n').unwrap_or(("Script", script));
    (title.trim_start_matches('#').trim(), body.trim())
}
