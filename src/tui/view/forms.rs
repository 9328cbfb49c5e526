//! The log form and the add/edit customer form, drawn over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::super::app::{App, FieldKind, LogField};
use super::super::field::TextField;
use super::super::theme::Theme;
use super::popup;
use crate::domain::{Outcome, intent_name};
use crate::t;
use crate::text::fill;

/// A field being edited: the text with the cursor as a reversed cell, or the whole text
/// reversed while it is selected (typing replaces it).
pub(super) fn editing<'a>(editor: &TextField, theme: &Theme) -> Vec<Span<'a>> {
    let text = editor.value();
    if editor.is_selected() {
        return vec![Span::styled(text.to_string(), theme.selected())];
    }
    let at = text
        .char_indices()
        .nth(editor.cursor())
        .map_or(text.len(), |(i, _)| i);
    let (before, rest) = text.split_at(at);
    let mut chars = rest.chars();
    // At the end the cursor is a block, as in a plain terminal line.
    let under = match chars.next() {
        Some(c) => Span::styled(c.to_string(), theme.selected()),
        None => Span::styled("█", theme.dim()),
    };
    vec![
        Span::styled(before.to_string(), theme.plain()),
        under,
        Span::styled(chars.as_str().to_string(), theme.plain()),
    ]
}

pub fn log_form(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(form) = &app.log else { return };
    let title = format!("{} · {}", form.outcome.label(), form.customer_name);
    let inner = popup(frame, area, 72, 17, &title, theme);
    let field = |name: &'static str, value: String, focused: bool, key: &'static str| -> Line {
        let mut spans = vec![
            Span::styled(format!("{key:>2} "), theme.key()),
            Span::styled(fill(&t!(name), 11), theme.dim()),
        ];
        if focused {
            spans.extend(editing(&form.editor, theme));
        } else {
            spans.push(Span::styled(value, theme.plain()));
        }
        Line::from(spans)
    };
    let next = if form.focus == LogField::Date {
        form.date_text.clone()
    } else {
        form.next
            .map(|n| super::friendly_next(n, app.day))
            .unwrap_or_else(|| t!("card-none"))
    };
    let changed = |c: bool| {
        if c {
            format!(" {}", t!("form-changed"))
        } else {
            String::new()
        }
    };
    // The kept callback says so once, in place of the generic "(appointment)".
    let kept = form.kept_appointment.is_some() && form.focus != LogField::Date;
    let next = if kept {
        let plain = form
            .next
            .map(|n| super::friendly_next_plain(n, app.day))
            .unwrap_or(next);
        t!("form-callback-kept", next = plain)
    } else {
        next
    };
    let mut lines = vec![
        field(
            "form-next-call",
            format!("{next}{}", changed(form.next_changed)),
            form.focus == LogField::Date,
            "d",
        ),
        match (&form.date_preview, form.focus == LogField::Date) {
            (Some(Ok(reads)), true) => Line::styled(format!("    {reads}"), theme.ok()),
            (Some(Err(why)), true) => Line::styled(format!("    {why}"), theme.error()),
            (None, true) => Line::styled(format!("    {}", t!("form-date-forms")), theme.dim()),
            _ => Line::styled(format!("    {}", t!("form-quick")), theme.dim()),
        },
        field(
            "form-stage",
            format!(
                "{} {}{}",
                form.stage,
                app.config.stage_label(form.stage),
                changed(form.stage_changed)
            ),
            false,
            "s/S",
        ),
        field(
            "form-intent",
            format!(
                "{} {}{}",
                form.intent,
                intent_name(form.intent),
                changed(form.intent_changed)
            ),
            false,
            "i/I",
        ),
        field(
            "form-grade",
            format!("{}{}", form.grade, changed(form.grade_changed)),
            false,
            "r/R",
        ),
        field(
            "form-note",
            form.note.clone(),
            form.focus == LogField::Note,
            "n",
        ),
        field(
            "form-complaint",
            form.complaint.clone(),
            form.focus == LogField::Complaint,
            "c",
        ),
    ];
    if form.asks_satisfaction {
        lines.push(field(
            "form-satisfied",
            match form.satisfaction {
                Some(n) => t!("form-satisfaction-score", n = n),
                None => t!("form-satisfaction-not-asked"),
            },
            false,
            "y",
        ));
    }
    if let Some(i) = form.loss_reason {
        lines.push(field(
            "form-lost-for",
            app.config
                .losses
                .reasons
                .get(i)
                .map(|r| crate::i18n::loss_reason(r))
                .unwrap_or_default(),
            false,
            "l",
        ));
    }
    if form.outcome == Outcome::WrongNumber && !form.numbers.is_empty() {
        let (_, number) = &form.numbers[form.wrong_number];
        lines.push(field(
            "form-wrong-one",
            if form.numbers.len() > 1 {
                t!(
                    "form-wrong-one-of",
                    number = number,
                    i = form.wrong_number + 1,
                    n = form.numbers.len()
                )
            } else {
                number.clone()
            },
            false,
            "o",
        ));
    }
    if form.complaint_open {
        lines.push(field(
            "form-resolved",
            if form.resolve {
                t!("form-resolves")
            } else {
                t!("key-no")
            },
            false,
            "x",
        ));
    }
    if form.outcome == Outcome::Won {
        lines.push(field(
            "form-value",
            format!("{}{}", app.config.currency_symbol, form.value_text),
            form.focus == LogField::Value,
            "v",
        ));
        let or_default = |text: &str, default: &str| {
            if text.is_empty() {
                default.to_string()
            } else {
                text.to_string()
            }
        };
        lines.push(field(
            "form-starts",
            or_default(&form.start_text, &t!("day-today")),
            form.focus == LogField::Start,
            "b",
        ));
        lines.push(field(
            "form-ends",
            or_default(&form.end_text, &t!("form-ends-default")),
            form.focus == LogField::End,
            "f",
        ));
    }
    lines.push(Line::raw(""));
    match &form.problem {
        Some(problem) => lines.push(Line::styled(problem.clone(), theme.error())),
        None => lines.push(Line::styled(
            t!("form-enter-saves", status = &form.status_after),
            theme.ok(),
        )),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

pub fn customer_form(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(form) = &app.form else { return };
    let title = if let Some(id) = form.complaint {
        t!("form-complaint-title", id = id)
    } else if form.editing.is_some() {
        t!("form-edit-customer")
    } else {
        t!("form-add-customer")
    };
    let inner = popup(frame, area, 64, form.fields.len() as u16 + 5, &title, theme);
    let mut lines: Vec<Line> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let focused = i == form.focus;
            let bad = form.problem.as_ref().is_some_and(|(at, _)| *at == i);
            let label = match f.kind {
                FieldKind::Custom(i) => app
                    .config
                    .fields
                    .get(i)
                    .map_or(f.kind.label(), |c| c.label.clone()),
                kind => kind.label(),
            };
            let mut spans = vec![Span::styled(
                fill(&label, 18),
                if bad { theme.error() } else { theme.dim() },
            )];
            if focused {
                spans.extend(editing(&form.editor, theme));
            } else {
                spans.push(Span::styled(f.value.clone(), theme.plain()));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::raw(""));
    if let Some((_, why)) = &form.problem {
        lines.push(Line::styled(why.clone(), theme.error()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

pub fn snooze_form(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(form) = &app.snooze else { return };
    let title = t!("snooze-title", who = &form.who);
    let inner = popup(frame, area, 64, 9, &title, theme);
    let field = |i: usize, name: &str, value: &str| -> Line {
        let mut spans = vec![Span::styled(fill(&t!(name), 10), theme.dim())];
        if form.focus == i {
            spans.extend(editing(&form.editor, theme));
        } else {
            spans.push(Span::styled(value.to_string(), theme.plain()));
        }
        Line::from(spans)
    };
    let reading = match &form.date_preview {
        Some(Ok(reads)) => Line::styled(format!("          {reads}"), theme.ok()),
        Some(Err(why)) => Line::styled(format!("          {why}"), theme.error()),
        None => Line::styled(format!("          {}", t!("snooze-forms")), theme.dim()),
    };
    let mut lines = vec![
        field(0, "snooze-call-on", &form.date_text),
        reading,
        field(1, "snooze-because", &form.reason),
        Line::raw(""),
    ];
    lines.push(match &form.problem {
        Some(p) => Line::styled(p.clone(), theme.error()),
        None => Line::styled(t!("snooze-help"), theme.dim()),
    });
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
