//! The two forms: logging a call and adding or editing a customer. Typing lands in the
//! focused field; nothing is written until Enter, and Esc never drops typing unasked.

use super::action::Action;
use super::app::{App, CustomerForm, FieldKind, FormField, LogField, LogForm, Question};
use super::field::{Edit, TextField};
use super::update::refresh;
use crate::clock::Clock;
use crate::config::AfterSave;
use crate::domain::{
    CallInput, Grade, MAX_INTENT, Outcome, STAGE_RENEWAL, STAGE_WON, WonTerms, format_money,
    parse_money, parse_next_call, record_outcome,
};
use crate::error::{Error, Result};
use crate::store::{CustomerEdit, NewContact, NewCustomer, Store};

/// The call as the form would save it.
fn call_input(form: &LogForm, config: &crate::config::Config) -> Result<CallInput> {
    let mut input = CallInput::new(form.outcome);
    input.duration_s = form.duration_s;
    input.next = if form.next_changed { form.next } else { None };
    input.loss_reason = form
        .loss_reason
        .and_then(|i| config.losses.reasons.get(i))
        .cloned();
    if form.outcome == Outcome::WrongNumber
        && let Some((id, _)) = form.numbers.get(form.wrong_number)
    {
        input.contact_id = Some(*id);
        input.other_numbers = form.numbers.len() > 1;
    }
    input.stage = form.stage_changed.then_some(form.stage);
    input.intent = form.intent_changed.then_some(form.intent);
    input.grade = form.grade_changed.then_some(form.grade);
    input.note = form.note.trim().to_string();
    input.complaint = Some(form.complaint.trim().to_string()).filter(|c| !c.is_empty());
    input.resolve_complaint = form.resolve;
    input.satisfaction = form.satisfaction.filter(|_| form.asks_satisfaction);
    if form.outcome == Outcome::Won {
        let date = |text: &str, what: &str| -> Result<Option<chrono::NaiveDate>> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            let d = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                Error::invalid(crate::t!("err-contract-date", what = what, text = text))
            })?;
            crate::clock::check_day(d, &format!("contract {what}")).map(Some)
        };
        input.won = WonTerms {
            value_cents: Some(form.value_text.trim())
                .filter(|v| !v.is_empty())
                .map(parse_money)
                .transpose()?,
            start: date(&form.start_text, "start")?,
            end: date(&form.end_text, "end")?,
        };
    }
    Ok(input)
}

/// Runs the rule on the form as it stands, so the form shows exactly what Enter saves.
pub fn preview(form: &mut LogForm, app: &App, clock: &Clock) {
    let cal = app.config.calendar();
    let result = call_input(form, &app.config).and_then(|input| {
        record_outcome(
            &form.before,
            &input,
            form.complaint_open,
            &app.config,
            &cal,
            clock,
        )
    });
    match result {
        Ok(effect) => {
            form.kept_appointment = effect.kept_appointment;
            let after = effect.after;
            form.next = after.next_call;
            form.stage = after.stage;
            form.intent = after.intent;
            form.grade = after.grade;
            form.status_after = after.status.label().to_string();
            form.problem = None;
        }
        Err(e) => form.problem = Some(form_problem(e.to_string())),
    }
}

/// A refusal as the form says it: the loss reason is a key there, not a flag.
fn form_problem(text: String) -> String {
    if text.contains("--reason") {
        crate::t!("form-needs-loss-reason")
    } else {
        text
    }
}

pub fn log_action(app: &mut App, action: Action, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(mut form) = app.log.take() else {
        return Ok(());
    };
    let mut keep = true;
    if form.focus != LogField::None {
        match action {
            Action::Input(c) => form.editor.type_char(c),
            Action::Backspace => form.editor.edit(Edit::DeleteBack),
            Action::Edit(edit) => form.editor.edit(edit),
            Action::EndInput => {
                leave_field(&mut form, app, clock, true);
                app.log = Some(form);
                return Ok(());
            }
            Action::LeaveInput => {
                leave_field(&mut form, app, clock, false);
                app.log = Some(form);
                return Ok(());
            }
            Action::Quit => app.question = Some(Question::Quit),
            _ => {}
        }
        let text = form.editor.value().to_string();
        *field_text(&mut form) = text;
        if form.focus == LogField::Date {
            form.date_preview = date_preview(&form.date_text, app, clock);
        }
        app.log = Some(form);
        return Ok(());
    }
    // Stage 6 is set only by a win; from it the keys go to renewal (7) or back to 5, which
    // the rule refuses while a contract runs.
    let stages: [u8; 7] = [0, 1, 2, 3, 4, 5, 7];
    let step = |list: &[u8], cur: u8, up: bool| -> u8 {
        if cur == STAGE_WON {
            return if up { STAGE_RENEWAL } else { 5 };
        }
        let i = list.iter().position(|s| *s == cur).unwrap_or(0);
        if up {
            list[(i + 1).min(list.len() - 1)]
        } else {
            list[i.saturating_sub(1)]
        }
    };
    match action {
        Action::Pick(pick) => {
            let next = parse_next_call(&pick.as_words(), clock, &app.config.calendar())?;
            form.next = Some(next);
            form.next_changed = true;
        }
        Action::StageUp | Action::StageDown if form.outcome != Outcome::Won => {
            form.stage = step(&stages, form.stage, action == Action::StageUp);
            form.stage_changed = true;
        }
        Action::IntentUp => {
            form.intent = (form.intent + 1).min(MAX_INTENT);
            form.intent_changed = true;
        }
        Action::IntentDown => {
            form.intent = form.intent.saturating_sub(1);
            form.intent_changed = true;
        }
        Action::GradeUp | Action::GradeDown => {
            // Grades from the coldest to the hottest: C B A H O.
            let order = [Grade::C, Grade::B, Grade::A, Grade::H, Grade::O];
            let i = order.iter().position(|g| *g == form.grade).unwrap_or(0);
            form.grade = if action == Action::GradeUp {
                order[(i + 1).min(4)]
            } else {
                order[i.saturating_sub(1)]
            };
            form.grade_changed = true;
        }
        Action::EditNote => enter_field(&mut form, LogField::Note, app, clock),
        Action::EditDate => enter_field(&mut form, LogField::Date, app, clock),
        Action::EditComplaint => enter_field(&mut form, LogField::Complaint, app, clock),
        Action::EditValue if form.outcome == Outcome::Won => {
            enter_field(&mut form, LogField::Value, app, clock)
        }
        Action::EditStart if form.outcome == Outcome::Won => {
            enter_field(&mut form, LogField::Start, app, clock)
        }
        Action::EditEnd if form.outcome == Outcome::Won => {
            enter_field(&mut form, LogField::End, app, clock)
        }
        Action::ToggleResolve if form.complaint_open => form.resolve = !form.resolve,
        Action::NextNumber if form.outcome == Outcome::WrongNumber && form.numbers.len() > 1 => {
            form.wrong_number = (form.wrong_number + 1) % form.numbers.len();
        }
        Action::NextSatisfaction if form.asks_satisfaction => {
            form.satisfaction = match form.satisfaction {
                None => Some(5),
                Some(1) => None,
                Some(n) => Some(n - 1),
            };
        }
        Action::NextLossReason if form.outcome == Outcome::NotInterested => {
            let n = app.config.losses.reasons.len().max(1);
            form.loss_reason = Some(form.loss_reason.map_or(0, |i| (i + 1) % n));
        }
        Action::Back => {
            if form.dirty() {
                app.question = Some(Question::DiscardLog);
            } else {
                keep = false;
                app.info(crate::t!("msg-nothing-logged"));
            }
        }
        Action::Quit => app.question = Some(Question::Quit),
        Action::Save => {
            return save_log(app, form, store, clock);
        }
        _ => {}
    }
    if keep {
        if form.focus == LogField::None {
            preview(&mut form, app, clock);
        }
        app.log = Some(form);
    }
    Ok(())
}

/// The text of the focused field.
fn field_text(form: &mut LogForm) -> &mut String {
    match form.focus {
        LogField::Note => &mut form.note,
        LogField::Date => &mut form.date_text,
        LogField::Complaint => &mut form.complaint,
        LogField::Start => &mut form.start_text,
        LogField::End => &mut form.end_text,
        _ => &mut form.value_text,
    }
}

/// Puts the cursor in `field`. Its text opens selected, so typing replaces it and a cursor
/// key edits it; the date field opens on the date chosen so far.
pub fn enter_field(form: &mut LogForm, field: LogField, app: &App, clock: &Clock) {
    form.focus = field;
    if field == LogField::Date {
        form.date_text = match form.next.filter(|_| form.next_changed) {
            Some(next) => match next.time {
                Some(t) => format!("{} {}", next.date, t.format("%H:%M")),
                None => next.date.to_string(),
            },
            None => String::new(),
        };
        form.date_preview = date_preview(&form.date_text, app, clock);
    }
    let text = field_text(form).clone();
    form.editor = TextField::open(&text);
    form.editor_before = text;
}

/// Leaves the focused field. `read` (Enter, Tab) reads a date and stays on a refused one;
/// otherwise (Esc) the field is left whatever it holds: a date that was not read goes back
/// to what it was, other text is kept.
fn leave_field(form: &mut LogForm, app: &App, clock: &Clock, read: bool) {
    if form.focus == LogField::Date {
        let text = form.date_text.trim().to_string();
        if text.is_empty() {
            // An empty date goes back to the rule's own next call.
            form.next_changed = false;
        } else {
            match parse_next_call(&text, clock, &app.config.calendar()) {
                Ok(next) => {
                    form.next = Some(next);
                    form.next_changed = true;
                }
                Err(e) if read => {
                    form.problem = Some(e.to_string());
                    return;
                }
                Err(_) => {
                    // Esc: the date stays as it was before the field was entered.
                    form.problem = None;
                }
            }
        }
        form.date_text.clear();
        form.date_preview = None;
    }
    form.focus = LogField::None;
    preview(form, app, clock);
}

/// The live reading of a date being typed: "→ Fri 27 Nov 10:00, in 3 working days".
pub(super) fn date_preview(
    text: &str,
    app: &App,
    clock: &Clock,
) -> Option<std::result::Result<String, String>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let cal = app.config.calendar();
    Some(match parse_next_call(text, clock, &cal) {
        Ok(next) => {
            let today = clock.today();
            let mut shown = crate::i18n::weekday_day_month(next.date);
            if let Some(t) = next.time {
                shown.push_str(&t.format(" %H:%M").to_string());
            }
            // Working days after today, up to and including the day itself.
            let days = cal
                .working_days_between(today, next.date)
                .saturating_sub(u32::from(cal.is_working_day(today)));
            let when = match (next.date - today).num_days() {
                0 => crate::t!("day-today"),
                1 => crate::t!("day-tomorrow"),
                _ => crate::t!("form-in-working-days", n = days),
            };
            Ok(crate::t!("form-reads", shown = shown, when = when))
        }
        Err(e) => Err(e.to_string()),
    })
}

fn save_log(app: &mut App, mut form: LogForm, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(rep) = app.rep.clone() else {
        app.log = Some(form);
        return Ok(());
    };
    // The call's length: from dialling (or opening the form) until now.
    form.duration_s = app
        .timer
        .as_ref()
        .filter(|t| t.customer_id == form.customer_id)
        .and_then(|t| u32::try_from(t.seconds(clock.local_now())).ok());
    let input = match call_input(&form, &app.config) {
        Ok(input) => input,
        Err(e) => {
            form.problem = Some(e.to_string());
            app.log = Some(form);
            return Ok(());
        }
    };
    match store.record_call(rep.id, form.customer_id, &input, &app.config, clock) {
        Ok(recorded) => {
            app.session_calls
                .push(super::app::Undoable::Call(recorded.call_id));
            app.timer = None;
            let next = match (
                recorded.effect.kept_appointment,
                recorded.effect.after.next_call,
            ) {
                (Some(kept), _) => crate::t!(
                    "msg-keeps-callback",
                    next = super::view::friendly_next(kept, clock.today())
                ),
                (None, Some(n)) => crate::t!(
                    "msg-next-call",
                    next = super::view::friendly_next(n, clock.today())
                ),
                (None, None) => crate::t!("msg-no-next-call"),
            };
            let next = match &recorded.overlap {
                Some(overlap) => format!("{next} · {overlap}"),
                None => next,
            };
            let on_card = app.screen == super::app::Screen::Card;
            refresh(app, store, clock)?;
            let next_row = app.today.as_ref().and_then(|list| {
                let from = list
                    .entries
                    .iter()
                    .position(|e| e.customer.id == form.customer_id)
                    .unwrap_or(app.today_selected);
                list.next_undone(from)
            });
            if let Some(row) = next_row {
                app.today_selected = row;
            }
            match app.config.tui.after_save {
                AfterSave::NextCard => {
                    if let Some(id) = next_row
                        .and_then(|r| app.today.as_ref()?.entries.get(r))
                        .map(|e| e.customer.id)
                    {
                        return open_next(app, id, store, clock, &form, &next);
                    }
                }
                // From a card, the list takes the rep back to the row after this one.
                AfterSave::List if on_card => super::update::back_to_list(app),
                AfterSave::List => {}
            }
            app.info(crate::t!(
                "msg-logged",
                outcome = form.outcome.label(),
                who = &form.customer_name,
                next = &next
            ));
        }
        Err(Error::Invalid(msg)) => {
            form.problem = Some(form_problem(msg));
            app.log = Some(form);
        }
        Err(e) => {
            app.log = Some(form);
            return Err(e);
        }
    }
    Ok(())
}

/// `tui.after_save = "next_card"`: the saved call's message over the next customer's card.
fn open_next(
    app: &mut App,
    id: i64,
    store: &mut Store,
    clock: &Clock,
    form: &LogForm,
    next: &str,
) -> Result<()> {
    super::update::show_card(app, id, store, clock)?;
    app.info(crate::t!(
        "msg-logged-next-card",
        outcome = form.outcome.label(),
        who = &form.customer_name,
        next = next
    ));
    Ok(())
}

pub(super) fn field(kind: FieldKind, value: &str) -> FormField {
    FormField {
        kind,
        value: value.to_string(),
        original: value.to_string(),
    }
}

/// An empty add form, or an edit form filled from the customer.
pub fn new_customer_form(
    editing: Option<i64>,
    store: &Store,
    custom: &[crate::config::CardField],
) -> Result<CustomerForm> {
    let fields = match editing {
        None => vec![
            field(FieldKind::Name, ""),
            field(FieldKind::Company, ""),
            field(FieldKind::Phone, ""),
            field(FieldKind::Email, ""),
            field(FieldKind::Contact, ""),
            field(FieldKind::Role, &crate::t!("role-decision_maker")),
            field(FieldKind::Style, ""),
            field(FieldKind::ContactBirthday, ""),
            field(FieldKind::Grade, "C"),
            field(FieldKind::Value, ""),
            field(FieldKind::Source, ""),
            field(FieldKind::Industry, ""),
            field(FieldKind::Region, ""),
        ],
        Some(id) => {
            let c = store.customer(id)?;
            let primary = c.contacts.iter().find(|k| k.primary).or(c.contacts.first());
            let mut fields = vec![
                field(FieldKind::Name, &c.name),
                field(FieldKind::Company, &c.company),
                field(
                    FieldKind::Phone,
                    primary.map(|k| k.phone.as_str()).unwrap_or(""),
                ),
                field(
                    FieldKind::Email,
                    primary.map(|k| k.email.as_str()).unwrap_or(""),
                ),
            ];
            // The contact's own fields, once there is a contact to hold them.
            if let Some(k) = primary {
                fields.extend([
                    field(FieldKind::Role, &k.role.as_str().replace('_', " ")),
                    field(FieldKind::Style, k.style.map_or("", |s| s.as_str())),
                    field(
                        FieldKind::ContactBirthday,
                        &k.birthday.map(|b| b.to_string()).unwrap_or_default(),
                    ),
                ]);
            }
            fields.extend([
                field(
                    FieldKind::Value,
                    &format_money(c.state.value_cents, "").replace(',', ""),
                ),
                field(FieldKind::Source, &c.source),
                field(FieldKind::Industry, &c.industry),
                field(FieldKind::Region, &c.region),
            ]);
            let extra = store.extra_fields(id)?;
            for (i, f) in custom.iter().enumerate() {
                let value = extra
                    .iter()
                    .find(|(k, _)| *k == f.key)
                    .map_or("", |(_, v)| v.as_str());
                fields.push(field(FieldKind::Custom(i), value));
            }
            fields.extend([field(FieldKind::Tag, ""), field(FieldKind::Note, "")]);
            fields
        }
    };
    let mut form = CustomerForm {
        editing,
        fields,
        focus: 0,
        editor: TextField::default(),
        problem: None,
        complaint: None,
    };
    focus_field(&mut form, 0);
    Ok(form)
}

pub fn customer_action(
    app: &mut App,
    action: Action,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    let Some(mut form) = app.form.take() else {
        return Ok(());
    };
    let n = form.fields.len();
    match action {
        Action::Input(c) => form.editor.type_char(c),
        Action::Backspace => form.editor.edit(Edit::DeleteBack),
        Action::Edit(edit) => form.editor.edit(edit),
        Action::NextField => {
            let i = (form.focus + 1) % n;
            focus_field(&mut form, i);
        }
        Action::PrevField => {
            let i = (form.focus + n - 1) % n;
            focus_field(&mut form, i);
        }
        Action::Back => {
            if form.dirty() {
                app.question = Some(Question::DiscardForm);
            } else {
                app.form = None;
                return Ok(());
            }
        }
        Action::Quit => app.question = Some(Question::Quit),
        Action::Save => return save_customer(app, form, store, clock),
        _ => {}
    }
    if let Some(f) = form.fields.get_mut(form.focus) {
        f.value = form.editor.value().to_string();
    }
    app.form = Some(form);
    Ok(())
}

/// Moves to field `i`, its text selected so typing replaces it.
pub(super) fn focus_field(form: &mut CustomerForm, i: usize) {
    form.focus = i;
    form.editor = TextField::open(form.fields.get(i).map_or("", |f| f.value.as_str()));
}

/// Checks each field; returns the index of the first bad one with the reason.
fn validate(form: &CustomerForm) -> std::result::Result<(), (usize, String)> {
    for (i, f) in form.fields.iter().enumerate() {
        let v = f.value.trim();
        let problem = match f.kind {
            FieldKind::Name if v.is_empty() => Some(crate::t!("err-needs-name")),
            FieldKind::Phone
                if !v.is_empty()
                    && (v.chars().any(char::is_alphabetic)
                        || v.chars().filter(char::is_ascii_digit).count() < 3) =>
            {
                Some(crate::t!("err-phone-digits"))
            }
            FieldKind::Email if !v.is_empty() && !v.contains('@') => {
                Some(crate::t!("err-email-at"))
            }
            FieldKind::Value if !v.is_empty() => parse_money(v).err().map(|e| e.to_string()),
            FieldKind::Grade => v.parse::<Grade>().err().map(|e| e.to_string()),
            FieldKind::Role if !v.is_empty() => v
                .parse::<crate::domain::Role>()
                .err()
                .map(|e| e.to_string()),
            FieldKind::Style if !v.is_empty() => v
                .parse::<crate::domain::Style>()
                .err()
                .map(|e| e.to_string()),
            FieldKind::Due if !v.is_empty() => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .err()
                .map(|_| format!("due '{v}' is not a date: write YYYY-MM-DD")),
            FieldKind::ContactBirthday if !v.is_empty() => {
                crate::store::parse_birthday(v).err().map(|e| e.to_string())
            }
            _ => None,
        };
        if let Some(p) = problem {
            return Err((i, p));
        }
    }
    Ok(())
}

fn save_customer(
    app: &mut App,
    mut form: CustomerForm,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    if let Err((i, why)) = validate(&form) {
        focus_field(&mut form, i);
        form.problem = Some((i, why));
        app.form = Some(form);
        return Ok(());
    }
    if let Some(id) = form.complaint {
        return super::complaint::save(app, form, id, store, clock);
    }
    let value = |v: &str| if v.is_empty() { Ok(0) } else { parse_money(v) };
    let result = match form.editing {
        None => {
            let mut new = NewCustomer::named(form.value(FieldKind::Name));
            new.company = form.value(FieldKind::Company).to_string();
            new.source = form.value(FieldKind::Source).to_string();
            new.industry = form.value(FieldKind::Industry).to_string();
            new.region = form.value(FieldKind::Region).to_string();
            new.grade = form.value(FieldKind::Grade).parse()?;
            new.value_cents = value(form.value(FieldKind::Value))?;
            new.owner_id = app.rep.as_ref().filter(|r| !r.is_lead()).map(|r| r.id);
            let phone = form.value(FieldKind::Phone);
            let email = form.value(FieldKind::Email);
            if !phone.is_empty() || !email.is_empty() || !form.value(FieldKind::Contact).is_empty()
            {
                let contact = form.value(FieldKind::Contact);
                new.contacts.push(NewContact {
                    name: if contact.is_empty() {
                        new.name.clone()
                    } else {
                        contact.to_string()
                    },
                    role: form.value(FieldKind::Role).parse().unwrap_or_default(),
                    phone: phone.to_string(),
                    email: email.to_string(),
                    style: form.value(FieldKind::Style).parse().ok(),
                    birthday: crate::store::parse_birthday(form.value(FieldKind::ContactBirthday))
                        .ok(),
                    primary: true,
                });
            }
            store
                .add_customer(&new, clock)
                .map(|id| (id, crate::t!("msg-added", who = &new.name)))
        }
        Some(id) => {
            let edit = CustomerEdit {
                name: form.changed(FieldKind::Name),
                company: form.changed(FieldKind::Company),
                phone: form.changed(FieldKind::Phone),
                email: form.changed(FieldKind::Email),
                value_cents: form
                    .changed(FieldKind::Value)
                    .map(|v| value(&v))
                    .transpose()?,
                source: form.changed(FieldKind::Source),
                industry: form.changed(FieldKind::Industry),
                region: form.changed(FieldKind::Region),
                add_tags: form.changed(FieldKind::Tag).into_iter().collect(),
                note: form.changed(FieldKind::Note),
                contact_role: form
                    .changed(FieldKind::Role)
                    .filter(|v| !v.is_empty())
                    .map(|v| v.parse())
                    .transpose()?,
                contact_style: form
                    .changed(FieldKind::Style)
                    .filter(|v| !v.is_empty())
                    .map(|v| v.parse())
                    .transpose()?,
                contact_birthday: form
                    .changed(FieldKind::ContactBirthday)
                    .filter(|v| !v.is_empty())
                    .map(|v| crate::store::parse_birthday(&v))
                    .transpose()?,
                fields: form
                    .fields
                    .iter()
                    .filter_map(|f| match f.kind {
                        FieldKind::Custom(i) if f.value.trim() != f.original.trim() => app
                            .config
                            .fields
                            .get(i)
                            .map(|c| (c.key.clone(), f.value.trim().to_string())),
                        _ => None,
                    })
                    .collect(),
                ..CustomerEdit::default()
            };
            if edit == CustomerEdit::default() {
                app.info(crate::t!("msg-nothing-changed"));
                return Ok(());
            }
            store
                .edit_customer(id, &edit, clock)
                .map(|c| (c.id, crate::t!("msg-saved", who = &c.name)))
        }
    };
    match result {
        Ok((_, message)) => {
            // New customers change the search index and the lists.
            app.search.loaded = false;
            refresh(app, store, clock)?;
            if app.screen == super::app::Screen::Empty {
                app.screen = super::app::Screen::Today;
            }
            app.info(message);
        }
        Err(Error::Invalid(msg)) => {
            form.problem = Some((form.focus, msg));
            app.form = Some(form);
        }
        Err(e) => {
            app.form = Some(form);
            return Err(e);
        }
    }
    Ok(())
}
