//! The customer card: details, contacts with style tips, contract and tiers, the stage
//! strip, the open complaint, the call script, and the full history newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::super::app::App;
use super::super::theme::Theme;
use crate::card::contract_status;
use crate::domain::{MAX_STAGE, format_money, intent_name};
use crate::t;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(card) = &app.card else { return };
    let c = &card.data.customer;
    let s = &c.state;
    let symbol = &app.config.currency_symbol;
    let mut left: Vec<Line> = Vec::new();
    let title = if c.company.is_empty() || c.company == c.name {
        c.name.clone()
    } else {
        format!("{} · {}", c.name, c.company)
    };
    left.push(Line::from(vec![
        Span::styled(format!("#{} ", c.id), theme.dim()),
        Span::styled(title, theme.title()),
        Span::styled(
            if card.pinned_tomorrow {
                format!("  {}", t!("card-pinned"))
            } else {
                String::new()
            },
            theme.must(),
        ),
    ]));
    let mut strip = vec![Span::styled(format!("{} ", t!("card-stage")), theme.dim())];
    for stage in 0..=MAX_STAGE {
        let label = format!(" {stage} ");
        strip.push(if stage == s.stage {
            Span::styled(label, theme.selected())
        } else {
            Span::styled(label, theme.dim())
        });
    }
    strip.push(Span::raw(format!(" {}", app.config.stage_label(s.stage))));
    left.push(Line::from(strip));
    left.push(Line::raw(t!(
        "card-intent-line",
        intent = s.intent,
        intent_name = intent_name(s.intent),
        grade = s.grade.as_str(),
        status = s.status.label(),
        owner = c.owner.as_deref().unwrap_or("-")
    )));
    left.push(Line::raw(t!(
        "card-next-line",
        next = s
            .next_call
            .map(|n| super::friendly_next(n, app.day))
            .unwrap_or_else(|| t!("card-none")),
        misses = s.attempts
    )));
    let contract = match card.data.contract {
        Some((value, start, end)) => t!(
            "card-contract",
            status = t!(&format!(
                "contract-{}",
                contract_status(card.data.contract, app.day)
            )),
            value = format_money(value, symbol),
            start = start.to_string(),
            end = end.to_string()
        ),
        None => t!("card-none"),
    };
    left.push(Line::raw(t!(
        "card-value-line",
        value = format_money(s.value_cents, symbol),
        contract = contract
    )));
    left.push(Line::raw(t!(
        "card-tier-line",
        tier = card.tiers.abc.to_string(),
        revenue = format_money(card.tiers.revenue_12m_cents, symbol),
        rfm = t!(&format!("rfm-{}", card.tiers.rfm))
    )));
    let details: Vec<String> = [
        ("card-industry", &c.industry),
        ("card-region", &c.region),
        ("card-source", &c.source),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{} {v}", t!(k)))
    .collect();
    if !details.is_empty() {
        left.push(Line::styled(details.join(" · "), theme.dim()));
    }
    if !c.tags.is_empty() {
        left.push(Line::raw(t!("card-tags", tags = c.tags.join(", "))));
    }
    for (name, value) in &card.data.extra_fields {
        match app.config.field(name) {
            Some(f) => left.push(Line::raw(format!("{}: {value}", f.label))),
            None => left.push(Line::styled(format!("{name}: {value}"), theme.dim())),
        }
    }
    if let Some(b) = c.birthday {
        left.push(Line::raw(t!(
            "card-birthday",
            date = crate::i18n::day_month(b)
        )));
    }
    if let Some((text, _)) = &card.data.complaint {
        left.push(Line::styled(
            t!("card-complaint", text = text),
            theme.error(),
        ));
    }
    for (k, days) in card.data.complaints.iter().zip(&card.complaint_days) {
        left.push(Line::styled(complaint_line(k, *days, app.day), theme.dim()));
    }
    if let Some(score) = &card.data.score {
        let parts: Vec<String> = score
            .parts
            .iter()
            .map(|p| {
                format!(
                    "{} {:+.0}",
                    crate::planner::reason_text(&p.reason),
                    p.points
                )
            })
            .collect();
        left.push(Line::styled(
            t!(
                "card-score",
                total = format!("{:.0}", score.total),
                parts = parts.join(", ")
            ),
            theme.dim(),
        ));
    }
    left.push(Line::raw(""));
    left.push(Line::styled(t!("card-contacts"), theme.heading()));
    if c.contacts.is_empty() {
        left.push(Line::styled(
            format!("  {}", t!("card-no-contacts")),
            theme.dim(),
        ));
    }
    for k in &c.contacts {
        left.push(Line::raw(format!(
            "{} {} ({}) {} {}",
            if k.primary { "*" } else { " " },
            k.name,
            k.role.label(),
            k.phone,
            k.email
        )));
        if let Some(b) = k.birthday {
            left.push(Line::styled(
                format!(
                    "    {}",
                    t!("card-contact-birthday", date = crate::i18n::day_month(b))
                ),
                theme.dim(),
            ));
        }
        if let Some(style) = k.style {
            left.push(Line::styled(
                format!("    {}: {}", style.label(), style.tip()),
                theme.dim(),
            ));
        }
    }
    left.push(Line::raw(""));
    left.push(Line::styled(
        t!("card-script", title = &card.script_title),
        theme.heading(),
    ));
    for line in card.script.lines() {
        left.push(Line::raw(line.to_string()));
    }

    let mut history: Vec<Line> = vec![Line::styled(
        t!("card-calls", n = card.data.calls.len()),
        theme.heading(),
    )];
    for (call, at) in card.data.calls.iter().zip(&card.call_times) {
        let stage = if call.stage_before != call.stage_after {
            format!(" {}→{}", call.stage_before, call.stage_after)
        } else {
            String::new()
        };
        let length = call
            .duration_s
            .filter(|d| *d > 0)
            .map(|d| format!(" {}", super::clock_time(d)))
            .unwrap_or_default();
        let text = format!(
            "{} {}{}{length} {}",
            at.format("%m-%d %H:%M"),
            call.outcome.label(),
            stage,
            call.rep
        );
        history.push(Line::styled(
            text,
            if call.void {
                theme.dim()
            } else {
                theme.plain()
            },
        ));
        if call.void {
            history.push(Line::styled(
                format!("    {}", t!("card-void")),
                theme.dim(),
            ));
        }
        if !call.note.is_empty() {
            history.push(Line::styled(format!("    \"{}\"", call.note), theme.dim()));
        }
    }
    if card.data.calls.is_empty() {
        history.push(Line::styled(t!("card-no-calls"), theme.dim()));
    }

    if area.width >= 100 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(area);
        let tallest = super::wrapped_height(&left, l.width)
            .max(super::wrapped_height(&history, r.width.saturating_sub(1)));
        app.scroll_limit.set(tallest.saturating_sub(area.height));
        let scroll = app.card_scroll.min(app.scroll_limit.get());
        frame.render_widget(
            Paragraph::new(left)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            l,
        );
        frame.render_widget(
            Paragraph::new(history)
                .block(Block::default().borders(Borders::LEFT))
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            r,
        );
    } else {
        left.push(Line::raw(""));
        left.extend(history);
        let limit = super::wrapped_height(&left, area.width).saturating_sub(area.height);
        app.scroll_limit.set(limit);
        frame.render_widget(
            Paragraph::new(left)
                .wrap(Wrap { trim: false })
                .scroll((app.card_scroll.min(limit), 0)),
            area,
        );
    }
}

/// One complaint of the card's history: "#3 delivery 11-25 late → Bruno, due 11-27", or
/// "... resolved 11-26: refunded, follow-up 12-01" / "followed up".
fn complaint_line(
    k: &crate::store::Complaint,
    (opened, resolved): (chrono::NaiveDate, Option<chrono::NaiveDate>),
    today: chrono::NaiveDate,
) -> String {
    let opened = opened.format("%m-%d");
    let mut line = format!("  #{} {} {opened} {}", k.id, k.category, k.text);
    match resolved {
        None => {
            if let Some(who) = &k.assignee {
                line.push_str(&format!(" → {who}"));
            }
            if let Some(due) = k.due_on {
                let day = due.format("%m-%d").to_string();
                let key = if k.overdue(today) {
                    "card-complaint-due-overdue"
                } else {
                    "card-complaint-due"
                };
                line.push_str(&t!(key, day = day));
            }
        }
        Some(at) => {
            let day = at.format("%m-%d").to_string();
            line.push_str(&t!("card-complaint-resolved", day = day));
            if !k.resolution.is_empty() {
                line.push_str(&format!(": {}", k.resolution));
            }
            if k.followed_up {
                line.push_str(&t!("card-complaint-followed-up"));
            } else if let Some(on) = k.follow_up_on {
                let day = on.format("%m-%d").to_string();
                line.push_str(&t!("card-complaint-follow-up", day = day));
            }
        }
    }
    line
}
