//! The planner: who to call today, in what order, and why.

mod daily;
mod plan;
pub mod reasons;
mod score;
pub mod simulate;

pub use daily::{
    DailyList, ListEntry, Notice, add_from_overflow, daily_list, list_as_seen, plan_all_reps,
    preview_count, score_of,
};
pub use plan::{
    CoverageOutlook, Plan, PlanEntry, Section, coverage_reserve, plan_baseline, plan_day,
};
pub use reasons::reason_text;
pub use score::{
    PlanCustomer, Score, ScorePart, cadence_due, cadence_label, is_commitment, is_due, must_call,
    not_now, score, short_money,
};

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_list;

#[cfg(test)]
mod tests_method;
