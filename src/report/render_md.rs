//! The weekly summary as Markdown: a headline a person reads in the terminal or pastes
//! into a chat, then a table per rep.

use std::fmt::Write;

use super::weekly::{Figures, WeeklyReport};
use crate::config::Config;
use crate::domain::format_money;
use crate::t;

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
    let delta = format!("{delta:+.0}%");
    if so_far {
        t!("md-change-so-far", delta = delta)
    } else {
        t!("md-change", delta = delta)
    }
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
                    .map_or(s.to_string(), |st| config.stage_label(st).to_string())
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
    let mut s = t!("md-complaints", opened = c.opened, resolved = c.resolved);
    if c.resolved > 0 {
        s.push_str(&format!(
            " · {}",
            t!(
                "md-complaints-mean",
                hours = format!("{:.1}", c.mean_resolution_hours)
            )
        ));
    }
    s
}

/// Markdown escaping for table cells (rep names are free text).
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// What each figure means, for the reader who gets the report by email: each term's
/// catalog key, whose `.meaning` says what it counts.
const GLOSSARY: &[&str] = &[
    "md-term-calls",
    "md-term-connect",
    "md-term-plan-done",
    "md-term-appointments-kept",
    "md-term-forecast",
    "md-term-customers",
    "md-term-coverage",
    "md-term-unplanned",
    "md-term-pipeline",
    "md-term-prospects",
];

/// Time on timed calls and the planned calls skipped with `z`, with their reasons; left
/// out of a week that has neither.
fn talk_and_skips(out: &mut String, report: &WeeklyReport) {
    let t = &report.team;
    if t.talk_time_s == 0 && t.planned_skipped == 0 {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", t!("md-talk-heading"));
    for f in report.reps.iter().chain(std::iter::once(t)) {
        let reasons: Vec<String> = f
            .skip_reasons
            .iter()
            .map(|(why, n)| format!("{} × {n}", cell(why)))
            .collect();
        let _ = writeln!(
            out,
            "- {}: {}{}",
            if std::ptr::eq(f, t) {
                t!("scope-team")
            } else {
                cell(&f.rep)
            },
            t!(
                "md-talk-line",
                hours = f.talk_time_s / 3600,
                minutes = format!("{:02}", f.talk_time_s / 60 % 60),
                skipped = f.planned_skipped
            ),
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
    let month = crate::i18n::month_label(&report.month);
    let quarter = crate::i18n::quarter_label(&report.quarter);
    let title = if so_far {
        t!("md-title-so-far", week = &report.week)
    } else {
        t!("md-title", week = &report.week)
    };
    let _ = writeln!(
        out,
        "# {title}{}\n",
        t!(
            "md-title-dates",
            from = report.from.to_string(),
            to = report.to.to_string()
        )
    );
    let won_before = previous.map_or(String::new(), |p| {
        match (p.won.count == t.won.count, so_far) {
            (true, true) => t!("md-won-same-so-far"),
            (true, false) => t!("md-won-same"),
            (false, true) => t!("md-won-before-so-far", n = p.won.count),
            (false, false) => t!("md-won-before", n = p.won.count),
        }
    });
    let _ = writeln!(
        out,
        "{}  \n{}  \n{}\n",
        t!(
            "md-headline",
            calls = t.calls,
            change = previous.map_or(String::new(), |p| change(t.calls, p.calls, so_far)),
            connect = pct(t.connect_rate),
            won = t.won.count,
            won_value = money(t.won.value_cents),
            won_before = won_before,
            lost = t.lost.count
        ),
        t!(
            "md-forecast-line",
            month = &month,
            month_value = money(t.forecast_month_cents),
            quarter = &quarter,
            quarter_value = money(t.forecast_quarter_cents)
        ),
        t!(
            "md-pipeline-line",
            reached = money(t.pipeline_reached_cents),
            unreached = money(t.pipeline_unreached_cents)
        ),
    );
    if let (Some(target), Some(gap)) = (t.target_month_cents, t.target_gap_cents) {
        let _ = writeln!(
            out,
            "{}\n",
            t!(
                "md-target-line",
                month = report.month.to_string(),
                target = money(target),
                gap = money(gap)
            )
        );
    }
    let rows = || report.reps.iter().chain(std::iter::once(t));
    let name = |f: &Figures| {
        if std::ptr::eq(f, t) {
            format!("**{}**", t!("scope-team"))
        } else {
            cell(&f.rep)
        }
    };
    let _ = writeln!(
        out,
        "| {} |",
        [
            t!("md-col-rep"),
            t!("md-col-calls"),
            t!("md-col-connect"),
            t!("md-col-plan-done"),
            t!("md-col-appointments-kept"),
            t!("md-col-won"),
            t!("md-col-forecast", month = &month),
        ]
        .join(" | ")
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
    let name_plain = |f: &Figures| {
        if std::ptr::eq(f, t) {
            t!("scope-team")
        } else {
            cell(&f.rep)
        }
    };
    let _ = writeln!(out, "\n## {}\n", t!("md-detail"));
    let _ = writeln!(
        out,
        "| {} |",
        [
            "md-col-rep",
            "md-col-reached",
            "md-col-customers",
            "md-col-coverage",
            "md-col-unplanned",
            "md-col-contracts-sent",
            "md-col-lost",
            "md-col-complaints",
            "md-col-pipeline",
            "md-col-prospects",
        ]
        .map(|k| t!(k))
        .join(" | ")
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
    let _ = writeln!(out, "\n## {}\n", t!("md-stage-advances"));
    for f in rows() {
        let _ = writeln!(out, "- {}: {}", name_plain(f), advances(f, config));
    }
    if t.skipped > 0 {
        let _ = writeln!(out, "\n## {}\n", t!("md-not-called"));
        for f in report.reps.iter().filter(|f| f.skipped > 0) {
            let mut reasons: Vec<(&String, &u64)> = f.skipped_by_reason.iter().collect();
            reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let why = reasons
                .iter()
                .map(|(k, n)| format!("{} {n}", cell(&crate::planner::reason_text(k))))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "- {}: {}",
                cell(&f.rep),
                t!(
                    "md-not-called-line",
                    skipped = f.skipped,
                    planned = f.planned,
                    why = why
                )
            );
        }
    }
    talk_and_skips(&mut out, report);
    let mut won: Vec<_> = report.deals.iter().filter(|d| d.result == "won").collect();
    if !won.is_empty() {
        won.sort_by_key(|d| std::cmp::Reverse(d.value_cents));
        let _ = writeln!(out, "\n## {}\n", t!("md-biggest-wins"));
        for d in won.iter().take(TOP_WINS) {
            let _ = writeln!(
                out,
                "- {} {} {} {} ({})",
                d.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                t!(&format!("md-result-{}", d.result)),
                cell(&d.customer),
                money(d.value_cents),
                cell(&d.rep)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        t!("md-grades-heading"),
        super::method::grades_md(&report.method.grades)
    );
    let care: Vec<String> = rows()
        .map(|f| format!("{} {}", cell(&f.rep), f.care_calls))
        .collect();
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        t!("md-care-heading"),
        care.join(" · ")
    );
    out.push_str(&super::method::method_md(&report.method));
    let _ = writeln!(out, "\n## {}\n", t!("md-glossary"));
    for term in GLOSSARY {
        let meaning = t!(&format!("{term}.meaning"));
        let _ = writeln!(out, "- **{}**: {meaning}", t!(term));
    }
    out
}
