//! The rep's daily activity report (销售活动日报表): one local day's calls, reached calls,
//! appointments kept, stage moves, contracts sent, wins, complaints and talk time, per rep
//! and for the team, and what is left for the next working day. The figures are the
//! weekly summary's, counted over one day, so the two never disagree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::weekly::{Closed, Figures, Scope, period_until, reason_kind};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::Result;
use crate::planner::{PlanEntry, Section, plan_day};
use crate::store::{Rep, Store};
use crate::transfer::csv_safe::{Cell, CsvWriter};

/// What waits on the next working day's list, as the book stands when the report is made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tomorrow {
    /// Entries the list would hold.
    pub planned: u64,
    pub must_calls: u64,
    pub commitments: u64,
    /// Customers whose next call (or callback) is already past by then, listed or not.
    pub overdue: u64,
    /// Due customers that will not fit the quota.
    pub overflow: u64,
}

/// One rep's (or the team's) day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DayFigures {
    pub rep: String,
    pub calls: u64,
    pub reached: u64,
    /// reached ÷ calls; 0 when there were no calls.
    pub connect_rate: f64,
    pub customers_reached: u64,
    /// Appointments due on the day (up to now when it is today), and those kept: the
    /// customer got a call on the day, from the earliest allowed time on.
    pub appointments_due: u64,
    pub appointments_kept: u64,
    /// Forward stage moves made by the rep's calls, keyed "from->to", and their sum.
    pub stage_advances: BTreeMap<String, u64>,
    pub stage_moves: u64,
    pub contracts_sent: u64,
    pub won: Closed,
    pub lost: Closed,
    pub complaints_opened: u64,
    pub complaints_resolved: u64,
    /// Seconds on timed calls.
    pub talk_time_s: u64,
    pub tomorrow: Tomorrow,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyReport {
    pub date: NaiveDate,
    /// The day is still running: its figures are "so far".
    pub so_far: bool,
    /// The next working day, whose list `tomorrow` describes.
    pub next_working_day: NaiveDate,
    pub reps: Vec<DayFigures>,
    pub team: DayFigures,
}

impl DayFigures {
    fn of(f: &Figures) -> DayFigures {
        DayFigures {
            rep: f.rep.clone(),
            calls: f.calls,
            reached: f.reached,
            connect_rate: f.connect_rate,
            customers_reached: f.customers_reached,
            appointments_due: f.appointments_due,
            appointments_kept: f.appointments_kept,
            stage_moves: f.stage_advances.values().sum(),
            stage_advances: f.stage_advances.clone(),
            contracts_sent: f.contracts_sent,
            won: f.won,
            lost: f.lost,
            complaints_opened: f.complaints.opened,
            complaints_resolved: f.complaints.resolved,
            talk_time_s: f.talk_time_s,
            tomorrow: Tomorrow::default(),
        }
    }
}

/// Whether a plan entry is late by the day it is planned for: a missed callback or a
/// next call dated before that day.
fn is_overdue(e: &PlanEntry) -> bool {
    e.reasons.iter().any(|r| {
        let kind = reason_kind(r);
        kind == "overdue" || kind.starts_with("missed callback")
    })
}

fn tomorrow_of(
    store: &Store,
    config: &Config,
    clock: &Clock,
    rep: &Rep,
    day: NaiveDate,
) -> Result<Tomorrow> {
    let cal = config.calendar();
    let book = store.plan_book(rep.id, day, clock, &cal)?;
    let quota = rep.quota.unwrap_or(config.planner.quota);
    let plan = plan_day(&book, day, quota, config, &cal);
    let overdue = plan
        .entries
        .iter()
        .chain(&plan.overflow)
        .filter(|e| is_overdue(e))
        .count();
    Ok(Tomorrow {
        planned: plan.entries.len() as u64,
        must_calls: plan.count(Section::MustCall) as u64,
        commitments: plan.count(Section::Commitment) as u64,
        overdue: overdue as u64,
        overflow: plan.overflow_count.max(plan.overflow.len()) as u64,
    })
}

/// The daily activity report of `date` for `scope`.
pub fn daily(
    store: &Store,
    config: &Config,
    clock: &Clock,
    date: NaiveDate,
    scope: &Scope,
) -> Result<DailyReport> {
    let period = period_until(store, config, clock, (date, date), scope, None)?;
    let next = config.calendar().next_working_day(date);
    let reps: Vec<Rep> = match scope {
        Scope::Rep(rep) => vec![rep.clone()],
        Scope::Team => store.reps()?,
    };
    let mut out = Vec::with_capacity(period.reps.len());
    let mut team = DayFigures::of(&period.team);
    for f in &period.reps {
        let mut d = DayFigures::of(f);
        if let Some(rep) = reps.iter().find(|r| r.name == f.rep && !r.is_lead()) {
            d.tomorrow = tomorrow_of(store, config, clock, rep, next)?;
            let t = &mut team.tomorrow;
            t.planned += d.tomorrow.planned;
            t.must_calls += d.tomorrow.must_calls;
            t.commitments += d.tomorrow.commitments;
            t.overdue += d.tomorrow.overdue;
            t.overflow += d.tomorrow.overflow;
        }
        out.push(d);
    }
    Ok(DailyReport {
        date,
        so_far: period.so_far,
        next_working_day: next,
        reps: out,
        team,
    })
}

fn talk(seconds: u64) -> String {
    crate::t!(
        "dr-talk",
        hours = seconds / 3600,
        minutes = format!("{:02}", (seconds % 3600) / 60)
    )
}

fn advances(f: &DayFigures, config: &Config) -> String {
    if f.stage_advances.is_empty() {
        return crate::t!("dr-none");
    }
    f.stage_advances
        .iter()
        .map(|(k, n)| {
            let name = |s: &str| {
                s.parse::<usize>()
                    .ok()
                    .and_then(|i| config.stages.names.get(i))
                    .cloned()
                    .unwrap_or_else(|| s.to_string())
            };
            let (a, b) = k.split_once("->").unwrap_or((k.as_str(), ""));
            format!("{} → {} {n}", name(a), name(b))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report as Markdown: one table of the day per rep and the team, the stage moves,
/// and what is left for the next working day.
pub fn render_md(r: &DailyReport, config: &Config) -> String {
    use std::fmt::Write;
    let sym = &config.currency_symbol;
    let mut out = String::new();
    let title = if r.so_far {
        "dr-title-so-far"
    } else {
        "dr-title"
    };
    let _ = writeln!(out, "# {}\n", crate::t!(title, date = r.date.to_string()));
    let cols = [
        "dr-col-rep",
        "dr-col-calls",
        "dr-col-reached",
        "dr-col-appointments-kept",
        "dr-col-stage-moves",
        "dr-col-contracts-sent",
        "dr-col-won",
        "dr-col-complaints-opened",
        "dr-col-complaints-resolved",
        "dr-col-talk-time",
    ];
    let _ = writeln!(out, "| {} |", words(&cols).join(" | "));
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let all: Vec<&DayFigures> = r.reps.iter().chain(std::iter::once(&r.team)).collect();
    for f in &all {
        let _ = writeln!(
            out,
            "| {} | {} | {} ({:.0}%) | {}/{} | {} | {} | {} ({}) | {} | {} | {} |",
            super::method::who(&f.rep),
            f.calls,
            f.reached,
            f.connect_rate * 100.0,
            f.appointments_kept,
            f.appointments_due,
            f.stage_moves,
            f.contracts_sent,
            f.won.count,
            crate::domain::format_money(f.won.value_cents, sym),
            f.complaints_opened,
            f.complaints_resolved,
            talk(f.talk_time_s)
        );
    }
    let _ = writeln!(out, "\n## {}\n", crate::t!("dr-stage-moves"));
    for f in &all {
        let _ = writeln!(
            out,
            "- {}: {}",
            super::method::who(&f.rep),
            advances(f, config)
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n",
        crate::t!("dr-left-for", day = r.next_working_day.to_string())
    );
    let cols = [
        "dr-col-rep",
        "dr-col-on-the-list",
        "dr-col-must-calls",
        "dr-col-commitments",
        "dr-col-overdue",
        "dr-col-did-not-fit",
    ];
    let _ = writeln!(out, "| {} |", words(&cols).join(" | "));
    out.push_str("|---|---:|---:|---:|---:|---:|\n");
    for f in &all {
        let t = &f.tomorrow;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            super::method::who(&f.rep),
            t.planned,
            t.must_calls,
            t.commitments,
            t.overdue,
            t.overflow
        );
    }
    out
}

pub const CSV_COLUMNS: [&str; 22] = [
    "date",
    "rep",
    "calls",
    "reached",
    "connect_rate",
    "customers_reached",
    "appointments_due",
    "appointments_kept",
    "stage_moves",
    "contracts_sent",
    "won_count",
    "won_value_cents",
    "lost_count",
    "complaints_opened",
    "complaints_resolved",
    "talk_time_s",
    "next_working_day",
    "next_planned",
    "next_must_calls",
    "next_commitments",
    "next_overdue",
    "next_overflow",
];

/// One row per rep and a last row for the team.
pub fn render_csv(r: &DailyReport) -> String {
    let mut w = CsvWriter::new();
    w.header(&CSV_COLUMNS);
    let (date, next) = (r.date.to_string(), r.next_working_day.to_string());
    for f in r.reps.iter().chain(std::iter::once(&r.team)) {
        let t = &f.tomorrow;
        w.row(&[
            Cell::text(date.as_str()),
            Cell::text(f.rep.as_str()),
            Cell::num(f.calls),
            Cell::num(f.reached),
            Cell::num(f.connect_rate),
            Cell::num(f.customers_reached),
            Cell::num(f.appointments_due),
            Cell::num(f.appointments_kept),
            Cell::num(f.stage_moves),
            Cell::num(f.contracts_sent),
            Cell::num(f.won.count),
            Cell::num(f.won.value_cents),
            Cell::num(f.lost.count),
            Cell::num(f.complaints_opened),
            Cell::num(f.complaints_resolved),
            Cell::num(f.talk_time_s),
            Cell::text(next.as_str()),
            Cell::num(t.planned),
            Cell::num(t.must_calls),
            Cell::num(t.commitments),
            Cell::num(t.overdue),
            Cell::num(t.overflow),
        ]);
    }
    w.finish()
}

fn words(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| crate::t!(k)).collect()
}
