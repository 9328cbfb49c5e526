//! The weekly summary as Markdown: a headline a person reads in the terminal or pastes
//! into a chat, then a table per rep.

use std::fmt::Write;

use super::weekly::{Figures, WeeklyReport};
use crate::config::Config;
use crate::domain::format_money;

/// Wins listed by name in the headline section; the workbook lists every deal.
const TOP_WINS: usize = 10;

fn pct(r: f64) -> String {
    format!("{:.0}%", r * 100.0)
}

/// Change from last week, e.g. "+12% on last week"; nothing to compare with gives "".
fn change(now: u64, before: u64) -> String {
    if before == 0 {
        return String::new();
    }
    let delta = (now as f64 - before as f64) / before as f64 * 100.0;
    format!(" ({delta:+.0}% on last week)")
}

fn advances(f: &Figures) -> String {
    if f.stage_advances.is_empty() {
        return "–".into();
    }
    f.stage_advances
        .iter()
        .map(|(k, n)| format!("{}×{n}", k.replace("->", "→")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Markdown escaping for table cells (rep names are free text).
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Time on timed calls and the planned calls skipped with `z`, with their reasons; left
/// out of a week that has neither.
fn talk_and_skips(out: &mut String, report: &WeeklyReport) {
    let t = &report.team;
    if t.talk_time_s == 0 && t.planned_skipped == 0 {
        return;
    }
    let _ = writeln!(out, "\n## Talk time and skipped calls\n");
    for f in report.reps.iter().chain(std::iter::once(t)) {
        let reasons: Vec<String> = f
            .skip_reasons
            .iter()
            .map(|(why, n)| format!("{} × {n}", cell(why)))
            .collect();
        let _ = writeln!(
            out,
            "- {}: talk {}h {:02}m; {} skipped{}",
            cell(&f.rep),
            f.talk_time_s / 3600,
            f.talk_time_s / 60 % 60,
            f.planned_skipped,
            if reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", reasons.join(", "))
            }
        );
    }
}

pub fn render(report: &WeeklyReport, previous: Option<&Figures>, config: &Config) -> String {
    let sym = &config.currency_symbol;
    let t = &report.team;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Weekly summary {} ({} to {})\n",
        report.week, report.from, report.to
    );
    let _ = writeln!(
        out,
        "**{} calls**{}, connect rate {}, **won {} ({})**{}, lost {}, forecast {}.\n",
        t.calls,
        previous.map_or(String::new(), |p| change(t.calls, p.calls)),
        pct(t.connect_rate),
        t.won.count,
        format_money(t.won.value_cents, sym),
        previous.map_or(String::new(), |p| {
            if p.won.count == t.won.count {
                " (as last week)".into()
            } else {
                format!(" ({} last week)", p.won.count)
            }
        }),
        t.lost.count,
        format_money(t.weighted_forecast_cents, sym),
    );
    let _ = writeln!(
        out,
        "| rep | calls | reached | connect | customers | coverage MTD | plan done | appointments kept | contracts sent | won | lost | complaints opened/resolved | pipeline | forecast | prospects needed |"
    );
    let _ = writeln!(
        out,
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    );
    for f in report.reps.iter().chain(std::iter::once(t)) {
        let name = if std::ptr::eq(f, t) {
            "**team**".to_string()
        } else {
            cell(&f.rep)
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {}/{} ({}) | {}/{} | {} | {} ({}) | {} ({}) | {}/{} | {} | {} | {} |",
            f.calls,
            f.reached,
            pct(f.connect_rate),
            f.unique_customers,
            pct(f.coverage_mtd),
            f.planned_done,
            f.planned,
            pct(f.plan_adherence),
            f.appointments_kept,
            f.appointments_due,
            f.contracts_sent,
            f.won.count,
            format_money(f.won.value_cents, sym),
            f.lost.count,
            format_money(f.lost.value_cents, sym),
            f.complaints.opened,
            f.complaints.resolved,
            format_money(f.pipeline_value_cents, sym),
            format_money(f.weighted_forecast_cents, sym),
            f.prospects_needed,
        );
    }
    let _ = writeln!(out, "\n## Stage advances\n");
    for f in report.reps.iter().chain(std::iter::once(t)) {
        let _ = writeln!(out, "- {}: {}", cell(&f.rep), advances(f));
    }
    if t.complaints.resolved > 0 {
        let _ = writeln!(
            out,
            "\nComplaints resolved in {:.1} hours on average.",
            t.complaints.mean_resolution_hours
        );
    }
    talk_and_skips(&mut out, report);
    let mut won: Vec<_> = report.deals.iter().filter(|d| d.result == "won").collect();
    if !won.is_empty() {
        won.sort_by_key(|d| std::cmp::Reverse(d.value_cents));
        let _ = writeln!(out, "\n## Biggest wins\n");
        for d in won.iter().take(TOP_WINS) {
            let _ = writeln!(
                out,
                "- {} {} {} {} ({})",
                d.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                d.result,
                cell(&d.customer),
                format_money(d.value_cents, sym),
                cell(&d.rep)
            );
        }
    }
    out
}
