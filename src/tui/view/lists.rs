//! The list screens: Today and Tomorrow, Search, Team and Funnel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Gauge, Paragraph, Row, Table, TableState};

use super::super::app::{App, Screen};
use super::super::theme::Theme;
use crate::domain::format_money;
use crate::planner::short_money;

fn short_date(d: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    if d == today {
        crate::t!("day-today")
    } else {
        d.format("%m-%d").to_string()
    }
}

/// Room for a number as people write them: "+44 7877 085110".
const PHONE_WIDTH: u16 = 17;

pub fn day_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some((list, selected)) = app.current_list() else {
        frame.render_widget(Paragraph::new(crate::t!("list-nothing-planned")), area);
        return;
    };
    let today_screen = app.screen == Screen::Today;
    let notices: Vec<Span> = list
        .notice_kinds()
        .into_iter()
        .map(|(kind, n)| {
            use crate::planner::Notice;
            let hint = match kind {
                Notice::Overflow if today_screen => crate::t!("notice-hint-add"),
                Notice::NeedsNumber if today_screen => crate::t!("notice-hint-list"),
                _ => String::new(),
            };
            let style = if kind == Notice::CoverageAtRisk {
                theme.error()
            } else {
                theme.dim()
            };
            Span::styled(format!("{n}{hint}"), style)
        })
        .collect();
    // The notices wrap onto as many lines as they need (at most three).
    let notice_width: usize = notices.iter().map(|n| n.width() + 3).sum();
    let notice_rows = (notice_width.div_ceil(area.width.max(1) as usize)).min(3) as u16;
    let [top, notice_area, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(notice_rows),
        Constraint::Min(1),
    ])
    .areas(area);
    if !notices.is_empty() {
        let mut spans = Vec::new();
        for (i, n) in notices.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.dim()));
            }
            spans.push(n);
        }
        frame.render_widget(
            Paragraph::new(Line::from(spans)).wrap(ratatui::widgets::Wrap { trim: true }),
            notice_area,
        );
    }
    let quota = list.quota.max(1) as f64;
    let mut parts = vec![
        crate::i18n::weekday_day_month(list.day),
        crate::t!("gauge-done", done = list.done(), quota = list.quota),
        crate::t!("gauge-reached", n = list.reached()),
    ];
    if today_screen {
        parts.push(crate::t!(
            "gauge-talk",
            time = super::clock_time(app.talk_today_s)
        ));
    }
    parts.push(crate::t!("gauge-must", n = list.must_calls));
    if app.screen == Screen::Tomorrow {
        parts.push(crate::t!("gauge-preview"));
    }
    let label = parts.join(" · ");
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.bar())
            .ratio((list.done() as f64 / quota).min(1.0))
            .label(Span::styled(label, theme.plain())),
        top,
    );
    if list.entries.is_empty() {
        frame.render_widget(Paragraph::new(crate::t!("list-nobody")), table_area);
        return;
    }
    let wide = area.width >= 110;
    // The primary number where it fits beside the reasons.
    let show_phone = area.width >= 100;
    let today = app.day;
    let rows: Vec<Row> = list
        .entries
        .iter()
        .map(|e| {
            let c = &e.customer;
            let s = &c.state;
            let who = if c.company.is_empty() || c.company == c.name {
                c.name.clone()
            } else if wide {
                format!("{} · {}", c.name, c.company)
            } else {
                c.name.clone()
            };
            let next = s
                .next_call
                .map(|n| match n.time {
                    Some(t) => format!("{} {}", short_date(n.date, today), t.format("%H:%M")),
                    None => short_date(n.date, today),
                })
                .unwrap_or_default();
            let mark = if app.marked.contains(&e.customer.id) {
                "*"
            } else if e.done {
                "✓"
            } else if e.skipped.is_some() {
                "z"
            } else if e.pinned {
                "•"
            } else if e.entry.section == crate::planner::Section::Added {
                "+"
            } else if e.entry.must() {
                "!"
            } else {
                " "
            };
            let chosen = if app.marked.contains(&c.id) {
                "◆"
            } else {
                ""
            };
            let mut cells = vec![
                Cell::from(format!("{:>2}{mark}{chosen}", e.entry.position)),
                Cell::from(who),
                Cell::from(s.stage.to_string()),
            ];
            if wide {
                cells.push(Cell::from(s.intent.to_string()));
            }
            cells.push(Cell::from(s.grade.as_str()));
            if show_phone {
                cells.push(Cell::from(c.primary_phone().to_string()));
            }
            // An appointment within the next quarter hour, or missed earlier today: now.
            // A row already called shows it too when the call booked a retry ("busy").
            let due_now = s.next_call.is_some_and(|n| {
                n.date == today
                    && n.time
                        .is_some_and(|t| crate::tui::update::minutes_until(app, t) <= 15)
            });
            cells.push(if due_now {
                Cell::from(Span::styled(
                    crate::t!(
                        "list-now",
                        time = next
                            .strip_prefix(&format!("{} ", crate::t!("day-today")))
                            .unwrap_or(&next)
                    ),
                    theme.error(),
                ))
            } else {
                Cell::from(next)
            });
            if wide {
                cells.push(Cell::from(format!("{:.0}", e.entry.score)));
            }
            let reasons = match &e.skipped {
                Some(why) => crate::t!("list-snoozed", why = why),
                None => e
                    .entry
                    .reasons
                    .iter()
                    .map(|r| crate::planner::reason_text(r))
                    .collect::<Vec<_>>()
                    .join(" · "),
            };
            cells.push(Cell::from(Span::styled(
                reasons,
                if e.entry.must() {
                    theme.must()
                } else if matches!(s.stage, 4 | 5) {
                    theme.hot()
                } else {
                    theme.plain()
                },
            )));
            let row = Row::new(cells);
            if e.is_open() {
                row
            } else {
                row.style(theme.dim())
            }
        })
        .collect();
    // The customer column takes half of what the fixed columns leave, the reasons the rest.
    let fixed: u16 = 4
        + 5
        + 5
        + 11
        + 5
        + if wide { 3 + 5 + 2 } else { 0 }
        + if show_phone { PHONE_WIDTH + 1 } else { 0 };
    let customer_width = (area.width.saturating_sub(fixed) / 2).clamp(18, 44);
    let mut widths = vec![
        Constraint::Length(4),
        Constraint::Length(customer_width),
        Constraint::Length(5),
    ];
    let mut header = vec![
        "  #".to_string(),
        crate::t!("col-customer"),
        crate::t!("col-stage"),
    ];
    if wide {
        widths.push(Constraint::Length(3));
        header.push(crate::t!("col-int"));
    }
    widths.push(Constraint::Length(5));
    header.push(crate::t!("col-grade"));
    if show_phone {
        widths.push(Constraint::Length(PHONE_WIDTH));
        header.push(crate::t!("col-phone"));
    }
    widths.push(Constraint::Length(11));
    header.push(crate::t!("col-next"));
    if wide {
        widths.push(Constraint::Length(5));
        header.push(crate::t!("col-score"));
    }
    widths.push(Constraint::Min(10));
    header.push(crate::t!("col-why"));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.heading()))
        .row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, table_area, &mut state);
    // Below the header line.
    app.list_rows_at
        .set(Some((table_area.y + 1, state.offset())));
}

pub fn search(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [input, results] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let s = &app.search;
    frame.render_widget(
        Paragraph::new(Line::from(
            std::iter::once(Span::styled("/ ", theme.key()))
                .chain(super::forms::editing(&s.editor, theme))
                .chain([Span::styled(
                    format!(
                        "   {}",
                        crate::t!("search-count", found = s.results.len(), n = s.items.len())
                    ),
                    theme.dim(),
                )])
                .collect::<Vec<_>>(),
        )),
        input,
    );
    let rows: Vec<Row> = s
        .results
        .iter()
        .map(|(i, _)| {
            let item = &s.items[*i];
            let who = if item.company.is_empty() || item.company == item.name {
                item.name.clone()
            } else {
                format!("{} · {}", item.name, item.company)
            };
            Row::new(vec![
                Cell::from(format!("#{}", item.id)),
                Cell::from(who),
                Cell::from(Span::styled(item.contacts.clone(), theme.dim())),
                Cell::from(item.owner.clone()),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(7),
            Constraint::Percentage(40),
            Constraint::Percentage(45),
            Constraint::Min(6),
        ],
    )
    .header(
        Row::new(vec![
            crate::t!("col-id"),
            crate::t!("col-customer"),
            crate::t!("col-contacts"),
            crate::t!("col-owner"),
        ])
        .style(theme.heading()),
    )
    .row_highlight_style(theme.selected());
    let mut state =
        TableState::default().with_selected((!s.results.is_empty()).then_some(s.selected));
    frame.render_stateful_widget(table, results, &mut state);
}

pub fn team(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows: Vec<Row> = app
        .team
        .iter()
        .map(|p| {
            let ratio = if p.planned == 0 {
                0.0
            } else {
                p.done_planned as f64 / p.planned as f64
            };
            let filled = (ratio * 10.0).round() as usize;
            // A rep who has not opened today: the list the day would have.
            let (planned, progress) = if p.preview {
                (
                    format!("~{}", p.planned),
                    Span::styled(crate::t!("team-not-opened"), theme.dim()),
                )
            } else {
                (
                    format!("{}/{}", p.done_planned, p.planned),
                    Span::styled(
                        format!("{}{}", "█".repeat(filled), "·".repeat(10 - filled)),
                        theme.bar(),
                    ),
                )
            };
            Row::new(vec![
                Cell::from(p.rep.clone()),
                Cell::from(planned),
                Cell::from(progress),
                Cell::from(p.calls_today.to_string()),
                Cell::from(p.reached_today.to_string()),
                Cell::from(super::clock_time(p.talk_today_s)),
                Cell::from(p.calls_week.to_string()),
                Cell::from(p.won_week.to_string()),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(12),
            Constraint::Length(9),
            Constraint::Length(11),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(7),
            Constraint::Length(10),
            Constraint::Length(9),
        ],
    )
    .header(
        Row::new(
            [
                "team-rep",
                "team-planned",
                "team-progress",
                "team-calls",
                "team-reached",
                "team-talk",
                "team-week-calls",
                "team-week-won",
            ]
            .map(|k| crate::t!(k)),
        )
        .style(theme.heading()),
    )
    .row_highlight_style(theme.selected());
    let mut state =
        TableState::default().with_selected((!app.team.is_empty()).then_some(app.team_selected));
    frame.render_stateful_widget(table, area, &mut state);
}

pub fn funnel(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(f) = &app.funnel else {
        frame.render_widget(Paragraph::new(crate::t!("funnel-none")), area);
        return;
    };
    let symbol = &app.config.currency_symbol;
    let max = f
        .stages
        .iter()
        .map(|s| s.value_cents)
        .max()
        .unwrap_or(0)
        .max(1);
    let bar_width = area.width.saturating_sub(58).clamp(5, 40) as i64;
    use crate::text::{fill, fill_left};
    let mut lines = vec![Line::styled(
        format!(
            "{} {} {} {}  {}",
            fill(&crate::t!("funnel-stage"), 26),
            fill_left(&crate::t!("funnel-deals"), 5),
            fill_left(&crate::t!("funnel-value"), 10),
            fill_left(&crate::t!("funnel-weighted"), 10),
            crate::t!("funnel-value")
        ),
        theme.heading(),
    )];
    for s in &f.stages {
        let filled = (s.value_cents * bar_width / max) as usize;
        let name = format!("{} {}", s.stage, app.config.stage_label(s.stage));
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{} {:>5} {} {}  ",
                fill(&name, 26),
                s.deals,
                fill_left(&short_money(s.value_cents, symbol), 10),
                fill_left(&short_money(s.weighted_cents, symbol), 10)
            )),
            Span::styled("█".repeat(filled), theme.bar()),
        ]));
    }
    lines.push(Line::raw(""));
    let conv: Vec<String> = f
        .conversion
        .iter()
        .filter(|c| c.advanced + c.lost + c.open > 0)
        .map(|c| format!("{} {:.0}%", c.stage, c.rate * 100.0))
        .collect();
    lines.push(Line::from(vec![
        Span::styled(
            format!(
                "{} ",
                crate::t!("funnel-moved-on", days = f.conversion_days)
            ),
            theme.dim(),
        ),
        Span::raw(conv.join("  ")),
    ]));
    lines.push(Line::from(vec![
        Span::styled(
            format!("{} ", crate::t!("funnel-forecast")),
            theme.heading(),
        ),
        Span::raw(crate::t!(
            "funnel-forecast-line",
            month = crate::i18n::month_year(app.day),
            month_value = format_money(f.forecast_month_cents, symbol),
            quarter = crate::i18n::quarter(app.day),
            quarter_value = format_money(f.forecast_quarter_cents, symbol)
        )),
    ]));
    lines.push(Line::styled(
        crate::t!(
            "funnel-pipeline",
            scope = if f.scope == "team" {
                crate::t!("scope-team")
            } else {
                f.scope.clone()
            },
            reached = format_money(f.pipeline_reached_cents, symbol),
            unreached = format_money(f.pipeline_unreached_cents, symbol)
        ),
        Style::default(),
    ));
    frame.render_widget(Paragraph::new(lines), area);
}
