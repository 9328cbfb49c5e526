//! Drawing: every function here reads `&App` and draws; none queries the store or the clock.

mod card;
mod forms;
mod lists;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Question, Screen, Tone};
use super::keymap::{Mode, footer, mode_title};
use super::theme::Theme;

/// Below this the screen shows a notice instead of a squeezed layout.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme::new(app.colour);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &theme);
        return;
    }
    let [header, body, message, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, app, &theme);
    match app.screen {
        Screen::Picker => picker(frame, body, app, &theme),
        Screen::Empty => empty(frame, body, &theme),
        Screen::Today | Screen::Tomorrow => lists::day_list(frame, body, app, &theme),
        Screen::Card => card::draw(frame, body, app, &theme),
        Screen::Search => lists::search(frame, body, app, &theme),
        Screen::Funnel => lists::funnel(frame, body, app, &theme),
        Screen::Team => lists::team(frame, body, app, &theme),
        Screen::Help => help(frame, body, app, &theme),
    }
    if app.log.is_some() {
        forms::log_form(frame, body, app, &theme);
    }
    if app.form.is_some() {
        forms::customer_form(frame, body, app, &theme);
    }
    if let Some(r) = &app.reassign {
        reassign(frame, body, r, &theme);
    }
    if app.snooze.is_some() {
        forms::snooze_form(frame, body, app, &theme);
    }
    if let Some(q) = &app.question {
        question(frame, body, q, &theme);
    }
    if let Some((text, tone)) = &app.message {
        let style = match tone {
            Tone::Info => theme.ok(),
            Tone::Error => theme.error(),
        };
        frame.render_widget(Paragraph::new(Span::styled(text.as_str(), style)), message);
    }
    draw_footer(frame, keys, app, &theme);
}

/// The reps a lead can hand customers to, the selected one highlighted.
fn reassign(frame: &mut Frame, area: Rect, r: &super::app::Reassign, theme: &Theme) {
    let n = r.customers.len();
    let title = crate::t!("reassign-title", n = n);
    let inner = popup(frame, area, 40, r.reps.len() as u16 + 4, &title, theme);
    let lines: Vec<Line> = r
        .reps
        .iter()
        .enumerate()
        .map(|(i, rep)| {
            if i == r.selected {
                Line::styled(format!("> {}", rep.name), theme.selected())
            } else {
                Line::from(format!("  {}", rep.name))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled(crate::t!("too-small"), theme.heading()),
        Line::from(crate::t!(
            "too-small-needs",
            w = area.width,
            h = area.height,
            minw = MIN_WIDTH,
            minh = MIN_HEIGHT
        )),
    ];
    let h = (text.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, h),
    );
}

fn draw_header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let screen = crate::t!(match app.screen {
        Screen::Picker => "screen-picker",
        Screen::Empty => "screen-empty",
        Screen::Today => "screen-today",
        Screen::Tomorrow => "screen-tomorrow",
        Screen::Card => "screen-card",
        Screen::Search => "screen-search",
        Screen::Funnel => "screen-funnel",
        Screen::Team => "screen-team",
        Screen::Help => "screen-help",
    });
    let mut rep = app
        .rep
        .as_ref()
        .map(|r| {
            let who = if r.is_lead() {
                crate::t!("hdr-lead", name = &r.name)
            } else {
                r.name.clone()
            };
            format!(" · {who}")
        })
        .unwrap_or_default();
    if let Some(v) = app.viewing.as_ref().filter(|_| app.screen == Screen::Today) {
        let viewing = if app.marked.is_empty() {
            crate::t!("hdr-viewing", name = &v.name)
        } else {
            crate::t!("hdr-viewing-marked", name = &v.name, n = app.marked.len())
        };
        rep = format!(" · {viewing}{rep}");
    }
    let when = format!(
        "{} {}",
        crate::i18n::weekday_date(app.now.date()),
        app.now.format("%H:%M")
    );
    let mut spans = vec![
        Span::styled("calldeck ", theme.title()),
        Span::styled(screen, theme.heading()),
        Span::raw(format!("{rep} · {when}")),
    ];
    if let Some(timer) = &app.timer {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            crate::t!("hdr-on-call", time = clock_time(timer.seconds(app.now))),
            theme.ok(),
        ));
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line), area);
}

/// Seconds as a stopwatch shows them: "4:07", "1:02:09".
pub fn clock_time(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn draw_footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (key, help) in footer(&app.keymap, app.mode()) {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {help}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A next call as a rep reads it: "today 15:00", "tomorrow", "Fri 27 Nov 10:00".
pub fn friendly_next(next: crate::domain::NextCall, today: chrono::NaiveDate) -> String {
    let day = match (next.date - today).num_days() {
        0 => crate::t!("day-today"),
        1 => crate::t!("day-tomorrow"),
        _ => crate::i18n::weekday_day_month(next.date),
    };
    match next.time {
        Some(t) => crate::t!(
            "next-appointment",
            day = day,
            time = t.format("%H:%M").to_string()
        ),
        None => day,
    }
}

/// A next call without the "(appointment)" mark: "today 15:00", "Fri 27 Nov".
pub fn friendly_next_plain(next: crate::domain::NextCall, today: chrono::NaiveDate) -> String {
    let day = friendly_next(crate::domain::NextCall::on(next.date), today);
    match next.time {
        Some(t) => format!("{day} {}", t.format("%H:%M")),
        None => day,
    }
}

/// A centred box of at most `w`×`h` inside `area`, cleared; returns its inside.
pub fn popup(frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    clear_wide_overhang(frame.buffer_mut(), rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A wide (CJK) character just left of `rect` also covers its first column, and the
/// terminal would draw it over the popup's left border (ratatui skips the covered cell).
/// It is blanked, as the half of it that stays visible could not be drawn anyway.
fn clear_wide_overhang(buf: &mut ratatui::buffer::Buffer, rect: Rect) {
    use unicode_width::UnicodeWidthStr;
    if rect.x == 0 || rect.x <= buf.area.x {
        return;
    }
    for y in rect.top()..rect.bottom() {
        if let Some(cell) = buf.cell_mut((rect.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

fn question(frame: &mut Frame, area: Rect, q: &Question, theme: &Theme) {
    if let Question::ChooseNumber { numbers, .. } = q {
        let shown = numbers.len().min(9);
        let title = crate::t!("q-which-number");
        let inner = popup(frame, area, 56, shown as u16 + 4, &title, theme);
        let mut lines: Vec<Line> = numbers
            .iter()
            .take(9)
            .enumerate()
            .map(|(i, (who, phone))| {
                Line::from(vec![
                    Span::styled(format!("{} ", i + 1), theme.key()),
                    Span::raw(format!("{phone}  {who}")),
                ])
            })
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(format!("1-{shown}"), theme.key()),
            Span::raw(format!(" {}   ", crate::t!("q-dial"))),
            Span::styled("Esc", theme.key()),
            Span::raw(format!(" {}", crate::t!("key-cancel"))),
        ]));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let text = match q {
        Question::Quit => crate::t!("q-quit"),
        Question::DiscardLog => crate::t!("q-discard-log"),
        Question::DiscardForm => crate::t!("q-discard-form"),
        Question::LogCaution { question, .. } => question.clone(),
        Question::ChooseNumber { .. } => String::new(),
    };
    let inner = popup(frame, area, 56, 7, &crate::t!("q-sure"), theme);
    let mut lines: Vec<Line> = text.lines().map(Line::from).collect();
    lines.extend([
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(format!(" {}   ", crate::t!("key-yes"))),
            Span::styled("n", theme.key()),
            Span::raw(format!(" {}", crate::t!("key-no"))),
        ]),
    ]);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

fn picker(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines = vec![
        Line::styled(crate::t!("picker-intro"), theme.dim()),
        Line::raw(""),
    ];
    for (i, rep) in app.reps.iter().enumerate() {
        let role = crate::t!(if rep.role.as_str() == "lead" {
            "picker-role-lead"
        } else {
            "picker-role-rep"
        });
        let text = format!(
            "  {}",
            crate::t!(
                "picker-row",
                name = crate::text::fill(&rep.name, 20),
                role = crate::text::fill(&role, 5),
                n = format!("{:>6}", rep.customers)
            )
        );
        let style = if i == app.picker {
            theme.selected()
        } else {
            theme.plain()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn empty(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::styled(crate::t!("empty-title"), theme.heading()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("  a", theme.key()),
            Span::raw(format!("  {}", crate::t!("empty-add"))),
        ]),
        Line::raw(format!(
            "     calldeck import contacts.csv   {}",
            crate::t!("empty-import")
        )),
        Line::raw(format!(
            "     calldeck demo                  {}",
            crate::t!("empty-demo")
        )),
        Line::raw(""),
        Line::styled(crate::t!("empty-then"), theme.dim()),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The rows `lines` take when wrapped at `width` (a close upper bound: word wrapping can
/// only move a word down, which the rounding up covers for these short lines).
pub fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// What the marks and short columns of the lists mean.
pub const LEGEND: [&str; 2] = ["legend-marks", "legend-columns"];

fn help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // The keys a rep needs first come first: what logs a call, then the rest.
    let modes = [
        Mode::List,
        Mode::LogForm,
        Mode::Global,
        Mode::Card,
        Mode::Text,
        Mode::Search,
        Mode::CustomerForm,
        Mode::SnoozeForm,
        Mode::Picker,
        Mode::Confirm,
        Mode::Viewer,
        Mode::Team,
        Mode::RepView,
        Mode::Reassign,
    ];
    let mut lines: Vec<Line> = LEGEND
        .iter()
        .map(|l| Line::styled(crate::t!(l), theme.dim()))
        .collect();
    lines.push(Line::raw(""));
    for mode in modes {
        lines.push(Line::styled(mode_title(mode), theme.heading()));
        let mut bound: Vec<_> = app.keymap.iter().filter(|b| b.mode == mode).collect();
        bound.sort_by_key(|b| !matches!(b.action, super::action::Action::Log(_)));
        // Keys that do the same thing by number (1-9) share one line.
        let mut grouped: Vec<(Vec<String>, &str)> = Vec::new();
        for b in bound {
            let keys = b.keys.iter().map(|k| k.label());
            match grouped.last_mut() {
                Some((k, help)) if *help == b.help => k.extend(keys),
                _ => grouped.push((keys.collect(), b.help)),
            }
        }
        for (keys, help) in grouped {
            let label = match (keys.first(), keys.last()) {
                (Some(a), Some(z)) if keys.len() > 3 => format!("{a}-{z}"),
                _ => keys.join(" "),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {label:<14}"), theme.key()),
                Span::raw(crate::t!(help)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let limit = wrapped_height(&lines, area.width).saturating_sub(area.height);
    app.scroll_limit.set(limit);
    frame.render_widget(
        Paragraph::new(lines).scroll((app.help_scroll.min(limit), 0)),
        area,
    );
}
