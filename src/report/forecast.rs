//! The forecast with a horizon: for a month or a quarter, what was won in it plus the open
//! deals expected to close in it, each weighted by its stage's win probability. A deal's
//! expected close date is the rep's (or an import's), else its grade's default; a deal
//! whose date has passed while it is still open is expected in the current period.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::clock::{first_of_month, last_of_month};
use crate::config::Config;
use crate::domain::{STAGE_RENEWAL, STAGE_WON};
use crate::error::Result;
use crate::store::Store;

/// One owner's forecast for the month and the quarter of a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Forecast {
    /// Won from the first of the month to the day.
    pub won_month_cents: i64,
    /// Won from the first of the quarter to the day.
    pub won_quarter_cents: i64,
    /// Won this month + open deals expected to close by the month's end, weighted.
    pub month_cents: i64,
    /// Won this quarter + open deals expected to close by the quarter's end, weighted.
    pub quarter_cents: i64,
}

impl Forecast {
    pub fn add(&mut self, other: &Forecast) {
        self.won_month_cents += other.won_month_cents;
        self.won_quarter_cents += other.won_quarter_cents;
        self.month_cents += other.month_cents;
        self.quarter_cents += other.quarter_cents;
    }
}

pub fn first_of_quarter(d: NaiveDate) -> NaiveDate {
    let month = (d.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(d.year(), month, 1).expect("the first of a quarter exists")
}

pub fn last_of_quarter(d: NaiveDate) -> NaiveDate {
    let first = first_of_quarter(d);
    first
        .checked_add_months(Months::new(2))
        .map_or(last_of_month(d), last_of_month)
}

/// "December 2026", "Q4 2026": the periods as a reader names them.
pub fn month_label(d: NaiveDate) -> String {
    d.format("%B %Y").to_string()
}

pub fn quarter_label(d: NaiveDate) -> String {
    format!("Q{} {}", d.month0() / 3 + 1, d.year())
}

/// Whether an open deal at `stage` has been reached: stages 0 ("not yet reached") and 1
/// ("newly assigned") are leads nobody has spoken to yet.
pub fn is_reached_stage(stage: u8) -> bool {
    (2..STAGE_WON).contains(&stage) || stage == STAGE_RENEWAL
}

/// Each owner's forecast for the month and quarter of `day`. `today` anchors the grade
/// defaults of deals without an expected close date (the open deals are today's).
pub fn forecasts(
    store: &Store,
    config: &Config,
    today: NaiveDate,
    day: NaiveDate,
    owner: Option<i64>,
) -> Result<HashMap<i64, Forecast>> {
    let mut out: HashMap<i64, Forecast> = HashMap::new();
    let month_start = first_of_month(day);
    let quarter_start = first_of_quarter(day);
    for (owner, won, _, value) in store.closed_deals(quarter_start, day, owner)? {
        if won {
            out.entry(owner).or_default().won_quarter_cents += value;
        }
    }
    for (owner, won, _, value) in store.closed_deals(month_start, day, owner)? {
        if won {
            out.entry(owner).or_default().won_month_cents += value;
        }
    }
    let weighted = |until: NaiveDate| -> Result<HashMap<i64, f64>> {
        let mut sums: HashMap<i64, f64> = HashMap::new();
        for (owner, stage, _, value) in store.open_deals_closing_by(today, until, owner)? {
            *sums.entry(owner).or_default() += value as f64 * config.win_probability(stage);
        }
        Ok(sums)
    };
    let month = weighted(last_of_month(day))?;
    let quarter = weighted(last_of_quarter(day))?;
    let owners: Vec<i64> = out
        .keys()
        .chain(month.keys())
        .chain(quarter.keys())
        .copied()
        .collect();
    for owner in owners {
        let f = out.entry(owner).or_default();
        f.month_cents =
            f.won_month_cents + month.get(&owner).copied().unwrap_or(0.0).round() as i64;
        f.quarter_cents =
            f.won_quarter_cents + quarter.get(&owner).copied().unwrap_or(0.0).round() as i64;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn quarters_run_from_january_april_july_october() {
        assert_eq!(first_of_quarter(d("2026-11-26")), d("2026-10-01"));
        assert_eq!(last_of_quarter(d("2026-11-26")), d("2026-12-31"));
        assert_eq!(first_of_quarter(d("2026-03-31")), d("2026-01-01"));
        assert_eq!(last_of_quarter(d("2026-02-10")), d("2026-03-31"));
        assert_eq!(quarter_label(d("2026-05-01")), "Q2 2026");
        assert_eq!(month_label(d("2026-12-01")), "December 2026");
    }

    #[test]
    fn reached_stages_are_two_to_five_and_renewals() {
        let reached: Vec<u8> = (0..=7).filter(|s| is_reached_stage(*s)).collect();
        assert_eq!(reached, [2, 3, 4, 5, 7]);
    }
}
