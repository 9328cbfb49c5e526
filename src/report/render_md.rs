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

/// Change from the week before, e.g. " (+12% on last week)"; nothing to compare with gives "".
fn change(now: u64, before: u64, so_far: bool) -> String {
    if before == 0 {
        return String::new();
    }
    let delta = (now as f64 - before as f64) / before as f64 * 100.0;
    let when = if so_far {
        "the same days last week"
    } else {
        "last week"
    };
    format!(" ({delta:+.0}% on {when})")
}

/// "contacted, needs known → interested, quote sent ×2; ..." with the configured names.
fn advances(f: &Figures, config: &Config) -> String {
    if f.stage_advances.is_empty() {
        return "–".into();
    }
    f.stage_advances
        .iter()
        .map(|(k, n)| {
            let name = |s: &str| {
                s.parse::<u8>()
                    .map_or(s.to_string(), |st| config.stage_name(st).to_string())
            };
            match k.split_once("->") {
                Some((a, b)) => format!("{} → {} ×{n}", name(a), name(b)),
                None => format!("{k} ×{n}"),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "opened 0 · resolved 2 · mean 5.2 h" (no mean when nothing was resolved).
pub fn complaints(f: &Figures) -> String {
    let c = &f.complaints;
    let mut s = format!("opened {} · resolved {}", c.opened, c.resolved);
    if c.resolved > 0 {
        s.push_str(&format!(" · mean {:.1} h", c.mean_resolution_hours));
    }
    s
}

/// Markdown escaping for table cells (rep names are free text).
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// What each figure means, for the reader who gets the report by email.
const GLOSSARY: &[(&str, &str)] = &[
    ("calls", "calls logged, corrections (undone calls) left out"),
    ("connect", "calls on which somebody was reached ÷ calls"),
    (
        "plan done",
        "entries of the frozen daily lists called on their day ÷ entries (today's list counts from tomorrow)",
    ),
    (
        "appointments kept",
        "appointments (a next call at a time) that got a call at the time or up to 15 minutes before it, on their day ÷ appointments due",
    ),
    (
        "forecast",
        "won in the month (quarter) so far + Σ value × stage win probability of the open deals expected to close by its end; a deal's expected close is the rep's date, else H 7 days, A a month, B 3 months, C 6 months",
    ),
    ("customers", "distinct customers called"),
    (
        "coverage MTD",
        "customers in the book called since the first of the month ÷ customers in the book",
    ),
    (
        "unplanned",
        "customers called on a day they were not on the rep's list",
    ),
    (
        "pipeline",
        "value of the open deals at stages somebody has spoken to (2–5, renewals 7); stages 0–1 are leads not yet reached, shown apart",
    ),
    (
        "prospects needed",
        "new prospects to work to replace this week's wins at the close rate of the last 90 days (won ÷ won and lost)",
    ),
];

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
    let money = |c: i64| format_money(c, sym);
    let t = &report.team;
    let so_far = report.so_far;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Weekly summary {}{} ({} to {})\n",
        report.week,
        if so_far { " so far" } else { "" },
        report.from,
        report.to
    );
    let before = if so_far {
        "on the same days last week"
    } else {
        "last week"
    };
    let _ = writeln!(
        out,
        "**{} calls**{}, connect rate {}, **won {} ({})**{}, lost {}.  \nForecast {} **{}** · {} {}.  \nPipeline {} reached (stages 2–5, 7) + {} not yet reached (0–1).\n",
        t.calls,
        previous.map_or(String::new(), |p| change(t.calls, p.calls, so_far)),
        pct(t.connect_rate),
        t.won.count,
        money(t.won.value_cents),
        previous.map_or(String::new(), |p| {
            if p.won.count == t.won.count {
                format!(" (as {before})")
            } else {
                format!(" ({} {before})", p.won.count)
            }
        }),
        t.lost.count,
        report.month,
        money(t.forecast_month_cents),
        report.quarter,
        money(t.forecast_quarter_cents),
        money(t.pipeline_reached_cents),
        money(t.pipeline_unreached_cents),
    );
    if let (Some(target), Some(gap)) = (t.target_month_cents, t.target_gap_cents) {
        let _ = writeln!(
            out,
            "Target {} {} · forecast short of it by {}.\n",
            report.month,
            money(target),
            money(gap)
        );
    }
    let rows = || report.reps.iter().chain(std::iter::once(t));
    let name = |f: &Figures| {
        if std::ptr::eq(f, t) {
            "**team**".to_string()
        } else {
            cell(&f.rep)
        }
    };
    let _ = writeln!(
        out,
        "| rep | calls | connect | plan done | appointments kept | won | forecast {} |",
        report.month
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|");
    for f in rows() {
        // Nothing planned (or due) is not 0%: it is nothing to measure.
        let plan = if f.planned == 0 {
            "–".to_string()
        } else {
            format!(
                "{}/{} ({})",
                f.planned_done,
                f.planned,
                pct(f.plan_adherence)
            )
        };
        let kept = if f.appointments_due == 0 {
            "–".to_string()
        } else {
            format!("{}/{}", f.appointments_kept, f.appointments_due)
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {plan} | {kept} | {} ({}) | {} |",
            name(f),
            f.calls,
            pct(f.connect_rate),
            f.won.count,
            money(f.won.value_cents),
            money(f.forecast_month_cents),
        );
    }
    let _ = writeln!(out, "\n## Detail\n");
    let _ = writeln!(
        out,
        "| rep | reached | customers | coverage MTD | unplanned | contracts sent | lost | complaints | pipeline | prospects needed |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|---|--:|--:|");
    for f in rows() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} ({}) | {} | {} | {} |",
            name(f),
            f.reached,
            f.unique_customers,
            pct(f.coverage_mtd),
            f.unplanned_calls,
            f.contracts_sent,
            f.lost.count,
            money(f.lost.value_cents),
            complaints(f),
            money(f.pipeline_reached_cents),
            f.prospects_needed,
        );
    }
    let _ = writeln!(out, "\n## Stage advances\n");
    for f in rows() {
        let _ = writeln!(out, "- {}: {}", cell(&f.rep), advances(f, config));
    }
    if t.skipped > 0 {
        let _ = writeln!(out, "\n## Planned but not called\n");
        for f in report.reps.iter().filter(|f| f.skipped > 0) {
            let mut reasons: Vec<(&String, &u64)> = f.skipped_by_reason.iter().collect();
            reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let why = reasons
                .iter()
                .map(|(k, n)| format!("{} {n}", cell(k)))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "- {}: {} of {} planned (planned for: {why})",
                cell(&f.rep),
                f.skipped,
                f.planned
            );
        }
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
                money(d.value_cents),
                cell(&d.rep)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## Prospects per grade (change on a week before)\n\n{}",
        super::method::grades_md(&report.method.grades)
    );
    let care: Vec<String> = rows()
        .map(|f| format!("{} {}", cell(&f.rep), f.care_calls))
        .collect();
    let _ = writeln!(out, "## Care calls made\n\n{}\n", care.join(" · "));
    out.push_str(&super::method::method_md(&report.method));
    let _ = writeln!(out, "\n## What the figures mean\n");
    for (term, meaning) in GLOSSARY {
        let _ = writeln!(out, "- **{term}**: {meaning}");
    }
    out
}
