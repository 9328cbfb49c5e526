//! The funnel and the forecast: open deals per stage (count, value, value weighted by the
//! configured win probability), conversion out of each stage over the last 90 days, and
//! the forecast = won this month + Σ open value × probability. The `funnel` command and the
//! TUI's Funnel screen show the same figures from this one function.

use chrono::{Days, NaiveDate, NaiveTime};
use serde::Serialize;

use super::forecast::{Forecast, forecasts, is_reached_stage, month_label, quarter_label};
use super::weekly::{Closed, Scope, is_advance};
use crate::clock::{Clock, first_of_month};
use crate::config::Config;
use crate::domain::{MAX_STAGE, STAGE_WON};
use crate::error::Result;
use crate::store::Store;

/// Days of stage changes behind the conversion rates.
pub const CONVERSION_DAYS: u64 = 90;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRow {
    pub stage: u8,
    pub name: String,
    pub win_probability: f64,
    pub deals: u64,
    pub value_cents: i64,
    pub weighted_cents: i64,
}

/// What became of the deals that were at `stage` in the window: moved forward, lost
/// there, or still open there now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    pub stage: u8,
    pub name: String,
    pub advanced: u64,
    pub lost: u64,
    pub open: u64,
    /// advanced ÷ (advanced + lost + open); 0 when there were none.
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    /// The rep's name, or "team".
    pub scope: String,
    pub as_of: NaiveDate,
    pub stages: Vec<StageRow>,
    pub conversion_days: u64,
    pub conversion: Vec<Conversion>,
    pub won_this_month: Closed,
    pub pipeline_value_cents: i64,
    /// Open value at the stages somebody has spoken to (2–5, and renewals at 7).
    pub pipeline_reached_cents: i64,
    /// Open value at stages 0–1: leads not yet reached.
    pub pipeline_unreached_cents: i64,
    pub weighted_open_cents: i64,
    /// Won this month + every open deal weighted, whenever it may close (no horizon; the
    /// month and quarter forecasts are the ones to plan with).
    pub forecast_cents: i64,
    /// "December 2026".
    pub month: String,
    /// "Q4 2026".
    pub quarter: String,
    /// Won this month + open deals expected to close this month, weighted.
    pub forecast_month_cents: i64,
    /// Won this quarter + open deals expected to close this quarter, weighted.
    pub forecast_quarter_cents: i64,
    /// The month's revenue target (the rep's, or the sum of the reps' for the team).
    pub target_month_cents: Option<i64>,
    /// What the month's forecast falls short of the target by (0 when it is met).
    pub target_gap_cents: Option<i64>,
    /// New prospects it takes to close the gap: the gap ÷ (average won deal × share of
    /// deals closed in the last 90 days that were won).
    pub prospects_for_target: Option<u64>,
    /// Prospects per grade now and a week ago, and the method's tables over the last
    /// `conversion_days` (satisfaction, complaints, losses by reason, tiers now).
    #[serde(flatten)]
    pub method: super::method::MethodTables,
}

/// The stages an open deal can be at: all but "under contract".
pub fn open_stages() -> impl Iterator<Item = u8> {
    (0..=MAX_STAGE).filter(|s| *s != STAGE_WON)
}

pub fn funnel(store: &Store, config: &Config, clock: &Clock, scope: &Scope) -> Result<Funnel> {
    let today = clock.today();
    let owner = match scope {
        Scope::Rep(rep) => Some(rep.id),
        Scope::Team => None,
    };
    let counts = |o: i64| owner.is_none_or(|id| id == o);

    let mut stages: Vec<StageRow> = open_stages()
        .map(|stage| StageRow {
            stage,
            name: config.stage_name(stage).to_string(),
            win_probability: config.win_probability(stage),
            deals: 0,
            value_cents: 0,
            weighted_cents: 0,
        })
        .collect();
    let mut weighted_exact = vec![0.0f64; stages.len()];
    for (o, stage, n, value) in store.open_deals(today, owner)? {
        if !counts(o) {
            continue;
        }
        if let Some(i) = stages.iter().position(|s| s.stage == stage) {
            stages[i].deals += n;
            stages[i].value_cents += value;
            weighted_exact[i] += value as f64 * config.win_probability(stage);
        }
    }
    for (row, w) in stages.iter_mut().zip(&weighted_exact) {
        row.weighted_cents = w.round() as i64;
    }

    let since = clock.to_utc((today - Days::new(CONVERSION_DAYS)).and_time(NaiveTime::MIN));
    let mut conversion: Vec<Conversion> = open_stages()
        .map(|stage| Conversion {
            stage,
            name: config.stage_name(stage).to_string(),
            advanced: 0,
            lost: 0,
            open: stages
                .iter()
                .find(|s| s.stage == stage)
                .map_or(0, |s| s.deals),
            rate: 0.0,
        })
        .collect();
    for (o, from, to, n) in store.stage_moves_by_owner(since, owner)? {
        if counts(o)
            && is_advance(from, to)
            && let Some(c) = conversion.iter_mut().find(|c| c.stage == from)
        {
            c.advanced += n;
        }
    }
    for (o, stage, n, _) in store.lost_deals_by_stage(today - Days::new(CONVERSION_DAYS), owner)? {
        if counts(o)
            && let Some(c) = conversion.iter_mut().find(|c| c.stage == stage)
        {
            c.lost += n;
        }
    }
    for c in &mut conversion {
        let all = c.advanced + c.lost + c.open;
        c.rate = if all == 0 {
            0.0
        } else {
            c.advanced as f64 / all as f64
        };
    }

    let mut won_this_month = Closed::default();
    for (o, won, n, value) in store.closed_deals(first_of_month(today), today, owner)? {
        if won && counts(o) {
            won_this_month.count += n;
            won_this_month.value_cents += value;
        }
    }
    let pipeline_value_cents = stages.iter().map(|s| s.value_cents).sum();
    let weighted_open_cents = weighted_exact.iter().sum::<f64>().round() as i64;
    let pipeline_reached_cents = stages
        .iter()
        .filter(|s| is_reached_stage(s.stage))
        .map(|s| s.value_cents)
        .sum();
    let target_month_cents: Option<i64> = {
        let targets: Vec<i64> = store
            .reps()?
            .iter()
            .filter(|r| counts(r.id))
            .filter_map(|r| r.target_cents)
            .collect();
        (!targets.is_empty()).then(|| targets.iter().sum())
    };
    let (mut won_90, mut lost_90, mut won_90_value) = (0u64, 0u64, 0i64);
    for (o, won, n, value) in
        store.closed_deals(today - Days::new(CONVERSION_DAYS), today, owner)?
    {
        if counts(o) {
            if won {
                won_90 += n;
                won_90_value += value;
            } else {
                lost_90 += n;
            }
        }
    }
    let mut horizon = Forecast::default();
    for (o, f) in forecasts(store, config, today, today, owner)? {
        if counts(o) {
            horizon.add(&f);
        }
    }
    let reps: Vec<(i64, String)> = store
        .reps()?
        .into_iter()
        .filter(|r| counts(r.id) && !(r.is_lead() && owner.is_none()))
        .map(|r| (r.id, r.name))
        .collect();
    let method = super::method::tables(store, clock, &reps, since, clock.now_utc(), false)?;
    Ok(Funnel {
        method,
        scope: match scope {
            Scope::Rep(rep) => rep.name.clone(),
            Scope::Team => "team".into(),
        },
        as_of: today,
        stages,
        conversion_days: CONVERSION_DAYS,
        conversion,
        won_this_month,
        pipeline_value_cents,
        pipeline_reached_cents,
        pipeline_unreached_cents: pipeline_value_cents - pipeline_reached_cents,
        weighted_open_cents,
        forecast_cents: won_this_month.value_cents + weighted_open_cents,
        month: month_label(today),
        quarter: quarter_label(today),
        forecast_month_cents: horizon.month_cents,
        forecast_quarter_cents: horizon.quarter_cents,
        target_gap_cents: target_month_cents.map(|t| (t - horizon.month_cents).max(0)),
        prospects_for_target: target_month_cents.and_then(|t| {
            let gap = (t - horizon.month_cents).max(0);
            let rate = won_90 as f64 / (won_90 + lost_90).max(1) as f64;
            let per_prospect = won_90_value as f64 / won_90.max(1) as f64 * rate;
            (won_90 > 0 && per_prospect > 0.0).then(|| (gap as f64 / per_prospect).ceil() as u64)
        }),
        target_month_cents,
    })
}

/// The funnel as text for the terminal: a bar per stage.
pub fn render_text(f: &Funnel, config: &Config) -> String {
    use crate::domain::format_money;
    use std::fmt::Write;
    let sym = &config.currency_symbol;
    let mut out = String::new();
    let max = f.stages.iter().map(|s| s.deals).max().unwrap_or(0).max(1);
    use crate::t;
    use crate::text::{fill, fill_left};
    let month = crate::i18n::month_label(&f.month);
    let quarter = crate::i18n::quarter_label(&f.quarter);
    let scope = if f.scope == "team" {
        t!("scope-team")
    } else {
        f.scope.clone()
    };
    let _ = writeln!(
        out,
        "{}",
        t!(
            "funnel-text-title",
            scope = scope,
            date = f.as_of.to_string()
        )
    );
    for s in &f.stages {
        let bar = "█".repeat(((s.deals * 30).div_ceil(max)) as usize);
        let _ = writeln!(
            out,
            "  {} {} {}",
            s.stage,
            fill(&config.stage_label(s.stage), 32),
            t!(
                "funnel-text-stage",
                deals = format!("{:>5}", s.deals),
                value = fill_left(&format_money(s.value_cents, sym), 18),
                weighted = fill_left(&format_money(s.weighted_cents, sym), 18),
                probability = format!("{:>3.0}%", s.win_probability * 100.0),
                bar = bar
            )
        );
    }
    let _ = writeln!(
        out,
        "{}",
        t!("funnel-text-conversion", days = f.conversion_days)
    );
    for c in &f.conversion {
        let _ = writeln!(
            out,
            "  {} {} {:>5} / {:>5} / {:>5}  {}",
            c.stage,
            fill(&config.stage_label(c.stage), 32),
            c.advanced,
            c.lost,
            c.open,
            t!(
                "funnel-text-moved",
                rate = format!("{:>3.0}%", c.rate * 100.0)
            )
        );
    }
    let _ = writeln!(
        out,
        "{}",
        t!(
            "funnel-text-pipeline",
            reached = format_money(f.pipeline_reached_cents, sym),
            unreached = format_money(f.pipeline_unreached_cents, sym),
            won = format_money(f.won_this_month.value_cents, sym),
            n = f.won_this_month.count
        )
    );
    let _ = writeln!(
        out,
        "{}",
        t!(
            "funnel-text-forecast",
            month = &month,
            month_value = format_money(f.forecast_month_cents, sym),
            quarter = &quarter,
            quarter_value = format_money(f.forecast_quarter_cents, sym)
        )
    );
    if let (Some(target), Some(gap)) = (f.target_month_cents, f.target_gap_cents) {
        let _ = writeln!(
            out,
            "{}{}",
            t!(
                "funnel-text-target",
                month = &month,
                target = format_money(target, sym),
                gap = format_money(gap, sym)
            ),
            match f.prospects_for_target {
                Some(0) | None => String::new(),
                Some(n) => format!("  ·  {}", t!("funnel-text-prospects", n = n)),
            }
        );
    }
    render_method_text(&mut out, f);
    out
}

/// The grade table and the method's figures as plain text lines.
fn render_method_text(out: &mut String, f: &Funnel) {
    use super::method::with_change;
    use std::fmt::Write;
    let m = &f.method;
    let _ = writeln!(out, "{}", crate::t!("ft-grades-heading"));
    let _ = writeln!(
        out,
        "  {} {:>10} {:>10} {:>10} {:>10} {:>10} {}",
        crate::text::fill(&crate::t!("ft-rep"), 16),
        "O",
        "H",
        "A",
        "B",
        "C",
        crate::text::fill_left(&crate::t!("ft-all"), 10)
    );
    for g in &m.grades {
        let cells: Vec<String> = g
            .now
            .values()
            .iter()
            .zip(g.change.values())
            .map(|(n, c)| format!("{:>10}", with_change(*n, c)))
            .collect();
        let _ = writeln!(
            out,
            "  {} {} {:>10}",
            crate::text::pad(&super::method::who(&g.rep), 16),
            cells.join(" "),
            with_change(g.now.total(), g.change.total())
        );
    }
    let days = f.conversion_days;
    if let Some(s) = m.satisfaction.last() {
        let _ = writeln!(
            out,
            "{}",
            crate::t!(
                "ft-satisfaction",
                days = days,
                count = s.count,
                average = format!("{:.1}", s.average),
                low = s.low
            )
        );
    }
    let (open, overdue) = m
        .complaints_by_category
        .iter()
        .fold((0, 0), |(o, d), g| (o + g.open, d + g.overdue));
    let by: Vec<String> = m
        .complaints_by_category
        .iter()
        .filter(|g| g.open > 0)
        .map(|g| format!("{} {}", g.key, g.open))
        .collect();
    let _ = writeln!(
        out,
        "{}{}",
        crate::t!("ft-complaints", open = open, overdue = overdue),
        if by.is_empty() {
            String::new()
        } else {
            format!("{}{}", crate::t!("ft-colon"), by.join(", "))
        }
    );
    let losses: Vec<String> = m
        .losses_by_reason
        .iter()
        .map(|(r, n)| format!("{} {n}", super::method::reason_words(r)))
        .collect();
    let _ = writeln!(
        out,
        "{}{}",
        crate::t!("ft-losses", days = days),
        if losses.is_empty() {
            crate::t!("dr-none")
        } else {
            losses.join(" · ")
        }
    );
}
