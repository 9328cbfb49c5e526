//! The weekly summary as CSV for tools: one row per rep and a last row for the team, with
//! a column per stage transition that occurs.

use std::collections::BTreeSet;

use super::weekly::WeeklyReport;
use crate::transfer::csv_safe::{Cell, CsvWriter};

pub const COLUMNS: [&str; 27] = [
    "week",
    "from",
    "to",
    "rep",
    "calls",
    "reached",
    "connect_rate",
    "customers_reached",
    "unique_customers",
    "book",
    "covered_mtd",
    "coverage_mtd",
    "planned",
    "planned_done",
    "plan_adherence",
    "appointments_due",
    "appointments_kept",
    "contracts_sent",
    "won_count",
    "won_value_cents",
    "lost_count",
    "lost_value_cents",
    "complaints_opened",
    "complaints_resolved",
    "mean_resolution_hours",
    "pipeline_value_cents",
    "weighted_forecast_cents",
];

/// The ABC tiers and RFM segments, each a column of customers in the book.
const TIERS: [&str; 7] = [
    "A",
    "B",
    "C",
    "gold",
    "developing",
    "potential",
    "forgotten",
];

pub fn render(report: &WeeklyReport) -> String {
    let transitions: BTreeSet<&String> = report
        .reps
        .iter()
        .chain(std::iter::once(&report.team))
        .flat_map(|f| f.stage_advances.keys())
        .collect();
    let mut w = CsvWriter::new();
    let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    header.push("prospects_needed".into());
    header.extend(
        [
            "skipped",
            "unplanned_calls",
            "pipeline_reached_cents",
            "pipeline_unreached_cents",
            "forecast_month_cents",
            "forecast_quarter_cents",
        ]
        .map(String::from),
    );
    header.extend(["O", "H", "A", "B", "C"].map(|g| format!("grade_{g}")));
    header.extend(["O", "H", "A", "B", "C"].map(|g| format!("grade_{g}_change")));
    header.extend(
        [
            "care_calls",
            "satisfaction_count",
            "satisfaction_average",
            "satisfaction_low",
        ]
        .map(String::from),
    );
    header.extend(TIERS.map(|t| format!("tier_{t}")));
    header.extend(["target_month_cents", "target_gap_cents"].map(String::from));
    header.extend(transitions.iter().map(|t| format!("advance {t}")));
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    w.header(&header_refs);
    let week = report.week.clone();
    let (from, to) = (report.from.to_string(), report.to.to_string());
    for (i, f) in report
        .reps
        .iter()
        .chain(std::iter::once(&report.team))
        .enumerate()
    {
        let m = &report.method;
        let grades = m.grades.get(i).cloned().unwrap_or_default();
        let sat = m.satisfaction.get(i).cloned().unwrap_or_default();
        let tiers = m.tiers.get(i).cloned().unwrap_or_default();
        let mut row = vec![
            Cell::text(week.as_str()),
            Cell::text(from.as_str()),
            Cell::text(to.as_str()),
            Cell::text(f.rep.as_str()),
            Cell::num(f.calls),
            Cell::num(f.reached),
            Cell::num(f.connect_rate),
            Cell::num(f.customers_reached),
            Cell::num(f.unique_customers),
            Cell::num(f.book),
            Cell::num(f.covered_mtd),
            Cell::num(f.coverage_mtd),
            Cell::num(f.planned),
            Cell::num(f.planned_done),
            Cell::num(f.plan_adherence),
            Cell::num(f.appointments_due),
            Cell::num(f.appointments_kept),
            Cell::num(f.contracts_sent),
            Cell::num(f.won.count),
            Cell::num(f.won.value_cents),
            Cell::num(f.lost.count),
            Cell::num(f.lost.value_cents),
            Cell::num(f.complaints.opened),
            Cell::num(f.complaints.resolved),
            Cell::num(f.complaints.mean_resolution_hours),
            Cell::num(f.pipeline_value_cents),
            Cell::num(f.weighted_forecast_cents),
            Cell::num(f.prospects_needed),
            Cell::num(f.skipped),
            Cell::num(f.unplanned_calls),
            Cell::num(f.pipeline_reached_cents),
            Cell::num(f.pipeline_unreached_cents),
            Cell::num(f.forecast_month_cents),
            Cell::num(f.forecast_quarter_cents),
        ];
        row.extend(grades.now.values().map(Cell::num));
        row.extend(grades.change.values().map(Cell::num));
        row.extend([
            Cell::num(f.care_calls),
            Cell::num(sat.count),
            Cell::num(sat.average),
            Cell::num(sat.low),
        ]);
        row.extend(TIERS.map(|t| {
            let n = tiers.abc.get(t).or_else(|| tiers.rfm.get(t));
            Cell::num(n.copied().unwrap_or(0))
        }));
        row.extend([
            Cell::opt_num(f.target_month_cents),
            Cell::opt_num(f.target_gap_cents),
        ]);
        row.extend(
            transitions
                .iter()
                .map(|t| Cell::num(f.stage_advances.get(*t).copied().unwrap_or(0))),
        );
        w.row(&row);
    }
    w.finish()
}
