//! `z`: moving planned customers' next calls without a call ("rep off sick"), with a
//! reason, for the row under the cursor or every selected row, in one undoable step.

use super::action::Action;
use super::app::{App, Question, SnoozeForm, Undoable};
use super::field::{Edit, TextField};
use super::update::{refresh, select_customer_row};
use crate::clock::Clock;
use crate::domain::parse_next_call;
use crate::error::{Error, Result};
use crate::store::Store;

/// Space: selects or unselects the row under the cursor.
pub fn toggle_mark(app: &mut App) {
    if let Some(id) = app.selected_customer()
        && !app.marked.remove(&id)
    {
        app.marked.insert(id);
    }
}

/// V: selects every row still to call, or clears the selection.
pub fn mark_all(app: &mut App) {
    if !app.marked.is_empty() {
        app.marked.clear();
    } else if let Some(list) = &app.today {
        app.marked = list
            .entries
            .iter()
            .filter(|e| e.is_open())
            .map(|e| e.customer.id)
            .collect();
    }
}

/// Opens the form for the selected rows still to call, or the row under the cursor.
pub fn open(app: &mut App) -> Result<()> {
    let Some(list) = &app.today else {
        return Ok(());
    };
    let mut ids: Vec<(i64, String)> = list
        .entries
        .iter()
        .filter(|e| app.marked.contains(&e.customer.id) && e.is_open())
        .map(|e| (e.customer.id, e.customer.name.clone()))
        .collect();
    if ids.is_empty()
        && let Some(e) = list.entries.get(app.today_selected)
    {
        if !e.is_open() {
            app.info(crate::t!("msg-not-waiting", who = &e.customer.name));
            return Ok(());
        }
        ids.push((e.customer.id, e.customer.name.clone()));
    }
    let who = match ids.as_slice() {
        [] => return Ok(()),
        [(_, name)] => name.clone(),
        many => crate::t!("snooze-n-customers", n = many.len()),
    };
    app.snooze = Some(SnoozeForm {
        customer_ids: ids.into_iter().map(|(id, _)| id).collect(),
        who,
        date_text: String::new(),
        reason: String::new(),
        focus: 0,
        editor: TextField::default(),
        date_preview: None,
        problem: None,
    });
    Ok(())
}

pub fn action(app: &mut App, action: Action, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(mut form) = app.snooze.take() else {
        return Ok(());
    };
    match action {
        Action::Input(c) => form.editor.type_char(c),
        Action::Backspace => form.editor.edit(Edit::DeleteBack),
        Action::Edit(edit) => form.editor.edit(edit),
        Action::NextField | Action::PrevField => {
            form.focus = 1 - form.focus;
            let text = if form.focus == 0 {
                &form.date_text
            } else {
                &form.reason
            };
            form.editor = TextField::open(text);
        }
        Action::Back => {
            app.info(crate::t!("msg-nothing-moved"));
            return Ok(());
        }
        Action::Quit => app.question = Some(Question::Quit),
        Action::Save => return save(app, form, store, clock),
        _ => {}
    }
    let text = form.editor.value().to_string();
    if form.focus == 0 {
        form.date_preview = super::forms::date_preview(&text, app, clock);
        form.date_text = text;
    } else {
        form.reason = text;
    }
    form.problem = None;
    app.snooze = Some(form);
    Ok(())
}

fn save(app: &mut App, mut form: SnoozeForm, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(rep) = app.rep.clone() else {
        return Ok(());
    };
    let checked = (|| -> Result<_> {
        if form.date_text.trim().is_empty() {
            return Err(Error::invalid(crate::t!("err-snooze-when")));
        }
        let next = parse_next_call(&form.date_text, clock, &app.config.calendar())?;
        if next.date <= clock.today() && next.time.is_none() {
            return Err(Error::invalid(crate::t!("err-snooze-later")));
        }
        if form.reason.trim().is_empty() {
            return Err(Error::invalid(crate::t!("err-snooze-why")));
        }
        Ok(next)
    })();
    let next = match checked {
        Ok(next) => next,
        Err(e) => {
            form.problem = Some(e.to_string());
            app.snooze = Some(form);
            return Ok(());
        }
    };
    match store.snooze(
        rep.id,
        &form.customer_ids,
        clock.today(),
        next,
        &form.reason,
        clock,
    ) {
        Ok(batch) => {
            app.session_calls.push(Undoable::Snooze(batch));
            app.marked.clear();
            refresh(app, store, clock)?;
            if let Some(list) = &app.today
                && let Some(row) = list.next_undone(app.today_selected)
                && !list.entries[app.today_selected].is_open()
            {
                app.today_selected = row;
            }
            app.info(crate::t!(
                "msg-snoozed",
                who = &form.who,
                next = super::view::friendly_next(next, clock.today()),
                why = form.reason.trim()
            ));
        }
        Err(Error::Invalid(msg)) => {
            form.problem = Some(msg);
            app.snooze = Some(form);
        }
        Err(e) => {
            app.snooze = Some(form);
            return Err(e);
        }
    }
    Ok(())
}

/// Takes back the snoozes of `batch`: the next calls they replaced come back.
pub fn undo(
    app: &mut App,
    rep_id: i64,
    batch: i64,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    let undone = store.undo_snooze(rep_id, batch, clock)?;
    refresh(app, store, clock)?;
    if let Some(&first) = undone.customer_ids.first() {
        select_customer_row(app, first);
    }
    let n = undone.customer_ids.len();
    app.info(crate::t!("msg-snooze-undone", n = n));
    Ok(())
}
