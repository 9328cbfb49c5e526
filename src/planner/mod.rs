//! The planner: who to call today, in what order, and why.

mod daily;
mod plan;
mod score;
pub mod simulate;

pub use daily::{DailyList, ListEntry, daily_list, plan_all_reps, score_of};
pub use plan::{Plan, PlanEntry, coverage_reserve, plan_baseline, plan_day};
pub use score::{PlanCustomer, Score, ScorePart, cadence_label, must_call, score, short_money};

#[cfg(test)]
mod tests;
