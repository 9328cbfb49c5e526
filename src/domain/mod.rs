//! The sales domain: stages, grades, outcomes and the rule for recording a call. No I/O.

mod phone;
mod rules;
mod types;
mod when;
mod when_zh;

pub use phone::{phone_matches, phone_query};
pub use rules::{
    APPOINTMENT_EARLY_MINUTES, CallEffect, CallInput, Caution, DealChange, WonTerms,
    appointment_ahead, cautions, marks_lost, record_outcome,
};
pub use types::*;
pub use when::{parse_money, parse_next_call};
