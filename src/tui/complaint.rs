//! The complaint workflow from the card (`K`): assign the open complaint to a rep or lead
//! with a due date, or resolve it with a note, which books its follow-up call (回访). The
//! form is the customer form's popup with the complaint's three fields.

use super::app::{App, CustomerForm, FieldKind};
use super::field::TextField;
use super::forms::{field, focus_field};
use super::update::refresh;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::store::Store;

/// Opens the form for the card's open complaint (the newest, when there are several).
pub fn open(app: &mut App, store: &mut Store) -> Result<()> {
    let Some(id) = app.selected_customer() else {
        return Ok(());
    };
    let Some(complaint) = store.complaints(Some(id), true)?.into_iter().next() else {
        app.info(crate::t!("msg-complaint-none-open"));
        return Ok(());
    };
    let mut form = CustomerForm {
        editing: Some(id),
        fields: vec![
            field(
                FieldKind::Assignee,
                complaint.assignee.as_deref().unwrap_or(""),
            ),
            field(
                FieldKind::Due,
                &complaint.due_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            field(FieldKind::Resolution, ""),
        ],
        focus: 0,
        editor: TextField::default(),
        problem: None,
        complaint: Some(complaint.id),
    };
    focus_field(&mut form, 0);
    app.form = Some(form);
    Ok(())
}

/// Assigns (a new assignee or due date) and resolves (a note) the complaint.
pub fn save(
    app: &mut App,
    mut form: CustomerForm,
    id: i64,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    let assignee = form.changed(FieldKind::Assignee);
    let due = form
        .changed(FieldKind::Due)
        .filter(|d| !d.is_empty())
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let resolution = form.value(FieldKind::Resolution).to_string();
    let mut done: Vec<String> = Vec::new();
    let result = (|| -> Result<()> {
        if assignee.is_some() || due.is_some() {
            let name = form.value(FieldKind::Assignee);
            if name.is_empty() {
                return Err(Error::invalid(crate::t!("msg-complaint-give-assignee")));
            }
            let rep = store.resolve_rep(Some(name))?;
            store.assign_complaint(id, rep.id, due, None)?;
            done.push(crate::t!("msg-complaint-assigned", rep = &rep.name));
        }
        if !resolution.is_empty() {
            let cal = app.config.calendar();
            let days = app.config.complaints.follow_up_working_days;
            let follow_up = store.resolve_complaint(id, &resolution, days, &cal, clock)?;
            done.push(crate::t!(
                "msg-complaint-resolved",
                day = follow_up.to_string()
            ));
        }
        Ok(())
    })();
    match result {
        Ok(()) if done.is_empty() => {
            app.info(crate::t!("msg-nothing-changed"));
            Ok(())
        }
        Ok(()) => {
            refresh(app, store, clock)?;
            app.info(crate::t!(
                "msg-complaint-saved",
                id = id,
                done = done.join(&crate::t!("msg-complaint-and"))
            ));
            Ok(())
        }
        Err(Error::Invalid(msg)) => {
            form.problem = Some((form.focus, msg));
            app.form = Some(form);
            Ok(())
        }
        Err(e) => {
            app.form = Some(form);
            Err(e)
        }
    }
}
