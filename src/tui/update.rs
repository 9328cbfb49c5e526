//! The one place that changes the app's state or writes: an action in, the new state out.
//! Store errors become a message line; nothing here ends the program.

use chrono::Timelike;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};

use super::action::Action;
use super::app::{App, CardView, LogField, LogForm, Question, Screen, Undoable};
use super::forms;
use super::team;
use crate::card::CardData;
use crate::clock::Clock;
use crate::domain::{Outcome, cautions, format_money};
use crate::error::Result;
use crate::planner::{add_from_overflow, daily_list};
use crate::report::{Scope, funnel};
use crate::store::Store;

/// Applies `action`. Errors from the store become the message line.
pub fn update(app: &mut App, action: Action, store: &mut Store, clock: &Clock) {
    app.now = clock.local_now();
    if !matches!(action, Action::Tick) && app.question.is_none() {
        app.message = None;
    }
    if let Err(e) = apply(app, action, store, clock) {
        app.error(e.to_string());
    }
    watch_dialling(app);
}

/// A dial command that has ended: its failure becomes the message line.
fn watch_dialling(app: &mut App) {
    let Some(d) = app.dialling.as_mut() else {
        return;
    };
    match super::dial::check(d) {
        None => {}
        Some(Ok(())) => app.dialling = None,
        Some(Err(why)) => {
            app.dialling = None;
            app.error(why);
        }
    }
}

fn apply(app: &mut App, action: Action, store: &mut Store, clock: &Clock) -> Result<()> {
    if app.question.is_some() {
        return answer(app, action, store, clock);
    }
    if app.log.is_some() {
        return forms::log_action(app, action, store, clock);
    }
    if app.form.is_some() {
        return forms::customer_action(app, action, store, clock);
    }
    if app.snooze.is_some() {
        return super::snooze::action(app, action, store, clock);
    }
    if app.reassign.is_some() {
        return team::reassign_action(app, action, store, clock);
    }
    if team::blocked_for_lead(app, action) {
        app.info(crate::t!("msg-lead-reads"));
        return Ok(());
    }
    match (app.screen, action) {
        (Screen::Search, Action::Tick) => super::search_pages::load_next_page(app, store),
        (_, Action::Tick) => Ok(()),
        (Screen::Picker, a) => picker(app, a, store, clock),
        (_, Action::Quit) => {
            app.quit = true;
            Ok(())
        }
        (Screen::Search, a) => search_action(app, a, store, clock),
        (_, Action::Help) => {
            app.help_scroll = 0;
            app.scroll_limit.set(u16::MAX);
            go(app, Screen::Help)
        }
        (_, Action::Back) => {
            back(app);
            team::left_rep(app);
            // Back on the search after an edit or an add: search the book as it is now.
            if app.screen == Screen::Search && !app.search.loaded {
                load_search(app, store)?;
                run_search(app);
            }
            Ok(())
        }
        // A lead has no list of their own: the team is their day.
        (_, Action::Today) if app.is_lead() => {
            team::load_team(app, store, clock)?;
            app.back.clear();
            app.screen = Screen::Team;
            team::left_rep(app);
            Ok(())
        }
        (_, Action::Today) => {
            load_today(app, store, clock)?;
            app.back.clear();
            app.screen = if app.today.as_ref().is_some_and(|l| !l.entries.is_empty())
                || !store.is_empty()?
            {
                Screen::Today
            } else {
                Screen::Empty
            };
            Ok(())
        }
        (_, Action::Tomorrow) => {
            load_tomorrow(app, store, clock)?;
            go(app, Screen::Tomorrow)
        }
        (_, Action::Search) => {
            load_search(app, store)?;
            app.search.query.clear();
            app.search.editor = super::field::TextField::default();
            run_search(app);
            go(app, Screen::Search)
        }
        (_, Action::Funnel) => {
            let scope = match &app.rep {
                Some(rep) if !rep.is_lead() => Scope::Rep(rep.clone()),
                _ => Scope::Team,
            };
            app.funnel = Some(funnel(store, &app.config, clock, &scope)?);
            go(app, Screen::Funnel)
        }
        (_, Action::Team) => {
            if !app.is_lead() {
                app.info(crate::t!("msg-team-for-leads"));
                return Ok(());
            }
            team::load_team(app, store, clock)?;
            go(app, Screen::Team)?;
            team::left_rep(app);
            Ok(())
        }
        (Screen::Team, Action::Open) => team::open_rep(app, store, clock),
        (Screen::Today, Action::Mark) if app.viewing.is_some() => {
            team::toggle_mark(app);
            Ok(())
        }
        (Screen::Today | Screen::Card, Action::Reassign) => team::start_reassign(app, store),
        (_, Action::Undo) => undo(app, store, clock),
        (Screen::Today | Screen::Tomorrow | Screen::Card | Screen::Empty, Action::Log(outcome)) => {
            match app.selected_customer() {
                Some(id) => ask_or_log(app, id, outcome, store, clock),
                None => Ok(()),
            }
        }
        (Screen::Today | Screen::Tomorrow | Screen::Card, Action::Dial) => {
            super::calling::dial(app, store, clock)
        }
        (Screen::Card, Action::NextCard) => super::calling::next_card(app, store, clock),
        (Screen::Today, Action::Snooze) => super::snooze::open(app),
        (Screen::Today, Action::ToggleMark) => {
            super::snooze::toggle_mark(app);
            move_cursor(app, Action::Down);
            Ok(())
        }
        (Screen::Today, Action::MarkAll) => {
            super::snooze::mark_all(app);
            Ok(())
        }
        (Screen::Today | Screen::Tomorrow, Action::ClickLine(y)) => {
            click_line(app, y);
            Ok(())
        }
        (Screen::Today, Action::AddMore) => add_more(app, store, clock),
        (Screen::Today, Action::NeedsNumber) => needs_number(app, store),
        (Screen::Today | Screen::Tomorrow | Screen::Empty, Action::AddCustomer) => {
            app.form = Some(forms::new_customer_form(None, store, &app.config.fields)?);
            Ok(())
        }
        (Screen::Card, Action::ComplaintForm) => super::complaint::open(app, store),
        (Screen::Card, Action::EditCustomer) => {
            if let Some(id) = app.selected_customer() {
                app.form = Some(forms::new_customer_form(
                    Some(id),
                    store,
                    &app.config.fields,
                )?);
            }
            Ok(())
        }
        (Screen::Today | Screen::Tomorrow | Screen::Card, Action::Pin) => pin(app, store, clock),
        (Screen::Today, Action::Replan) => {
            if let Some(rep) = app.rep.clone() {
                app.today = Some(daily_list(
                    store,
                    &rep,
                    clock.today(),
                    clock,
                    &app.config,
                    true,
                )?);
                app.info(crate::t!("msg-replanned"));
            }
            Ok(())
        }
        (Screen::Today | Screen::Tomorrow, Action::Open) => match app.selected_customer() {
            Some(id) => open_card(app, id, store, clock),
            None => Ok(()),
        },
        (
            _,
            a @ (Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown),
        ) => {
            move_cursor(app, a);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn go(app: &mut App, screen: Screen) -> Result<()> {
    if app.screen != screen {
        app.back.push(app.screen);
        app.screen = screen;
    }
    Ok(())
}

fn back(app: &mut App) {
    if let Some(prev) = app.back.pop() {
        app.screen = prev;
    }
}

fn answer(app: &mut App, action: Action, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(question) = app.question.take() else {
        return Ok(());
    };
    match (question, action) {
        (Question::Quit, Action::Yes) => app.quit = true,
        (Question::DiscardLog, Action::Yes) => {
            app.log = None;
            app.info(crate::t!("msg-nothing-logged"));
        }
        (Question::DiscardForm, Action::Yes) => app.form = None,
        (
            Question::LogCaution {
                customer_id,
                outcome,
                ..
            },
            Action::Yes,
        ) => return open_log(app, customer_id, outcome, store, clock),
        (
            Question::ChooseNumber {
                customer_id,
                numbers,
            },
            Action::Choose(n),
        ) => match numbers.get(usize::from(n).saturating_sub(1)) {
            Some((_, phone)) => super::calling::place_call(app, customer_id, phone, clock),
            None => {
                app.question = Some(Question::ChooseNumber {
                    customer_id,
                    numbers,
                })
            }
        },
        // "No" closes the question and leaves the form as it was.
        (_, Action::No) => {}
        (q, _) => app.question = Some(q),
    }
    Ok(())
}

fn picker(app: &mut App, action: Action, store: &mut Store, clock: &Clock) -> Result<()> {
    let n = app.reps.len();
    match action {
        Action::Up => app.picker = app.picker.saturating_sub(1),
        Action::Down => app.picker = (app.picker + 1).min(n.saturating_sub(1)),
        Action::Quit | Action::Back => app.quit = true,
        Action::Open => {
            if let Some(rep) = app.reps.get(app.picker).cloned() {
                app.chosen_rep = Some(rep.name.clone());
                // One remembered rep for the file, read by the TUI and the commands alike.
                // Losing it only means the picker shows again (a read-only file cannot
                // keep it).
                let _ = store.remember_rep(&rep.name);
                start_as(app, rep, store, clock)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Starts the session as `rep`: today's list, or the team screen for a lead.
pub fn start_as(
    app: &mut App,
    rep: crate::store::Rep,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    app.rep = Some(rep.clone());
    app.back.clear();
    if rep.is_lead() {
        team::load_team(app, store, clock)?;
        app.screen = Screen::Team;
        return Ok(());
    }
    load_today(app, store, clock)?;
    // The day resumes where it stopped: on the first row still to call.
    if let Some(list) = &app.today
        && let Some(first) = list.entries.iter().position(|e| e.is_open())
    {
        app.today_selected = first;
    }
    app.screen = if store.is_empty()? || store.book(rep.id)?.is_empty() {
        Screen::Empty
    } else {
        Screen::Today
    };
    Ok(())
}

pub fn load_today(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    app.day = clock.today();
    if let Some(rep) = app.rep.clone().filter(|r| !r.is_lead()) {
        let list = daily_list(store, &rep, clock.today(), clock, &app.config, false)?;
        app.talk_today_s = store.talk_time(rep.id, clock.today(), clock)?;
        app.today_selected = app.today_selected.min(list.entries.len().saturating_sub(1));
        app.today = Some(list);
    }
    Ok(())
}

fn load_tomorrow(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    if let Some(rep) = app.rep.clone().filter(|r| !r.is_lead()) {
        let day = app.config.calendar().next_working_day(clock.today());
        let list = daily_list(store, &rep, day, clock, &app.config, false)?;
        app.tomorrow_selected = app
            .tomorrow_selected
            .min(list.entries.len().saturating_sub(1));
        app.tomorrow = Some(list);
    }
    Ok(())
}

/// Shows `id`'s card: opened from the list, or in place of the card on screen.
pub fn show_card(app: &mut App, id: i64, store: &mut Store, clock: &Clock) -> Result<()> {
    if app.screen == Screen::Card {
        app.card = Some(load_card(app, id, store, clock)?);
        app.card_scroll = 0;
        Ok(())
    } else {
        open_card(app, id, store, clock)
    }
}

/// Leaves the card for the list it was opened from (Today unless the way back says else).
pub fn back_to_list(app: &mut App) {
    while app.screen == Screen::Card {
        match app.back.pop() {
            Some(prev) => app.screen = prev,
            None => app.screen = Screen::Today,
        }
    }
}

pub fn open_card(app: &mut App, id: i64, store: &mut Store, clock: &Clock) -> Result<()> {
    app.card = Some(load_card(app, id, store, clock)?);
    app.card_scroll = 0;
    app.scroll_limit.set(u16::MAX);
    go(app, Screen::Card)
}

pub(super) fn load_card(app: &App, id: i64, store: &Store, clock: &Clock) -> Result<CardView> {
    let data = CardData::load(store, id, clock, &app.config)?;
    let tiers = data.tiers.clone();
    let (script_title, script) = super::scripts::for_customer(&data, clock.today());
    let tomorrow = app.config.calendar().next_working_day(clock.today());
    let pinned_tomorrow = match &app.rep {
        Some(rep) => store.pinned(rep.id, id, tomorrow)?,
        None => false,
    };
    Ok(CardView {
        call_times: data.calls.iter().map(|c| clock.to_local(c.at)).collect(),
        complaint_days: data
            .complaints
            .iter()
            .map(|k| {
                let local = |t| clock.to_local(t).date();
                (local(k.opened_at), k.resolved_at.map(local))
            })
            .collect(),
        data,
        tiers,
        script_title,
        script,
        pinned_tomorrow,
    })
}

/// Reloads what a write may have changed: the lists and the open card.
pub fn refresh(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    load_today(app, store, clock)?;
    // Tomorrow's preview is planned again only when it is on screen; `n` reloads it.
    if app.screen == Screen::Tomorrow {
        load_tomorrow(app, store, clock)?;
    }
    if let Some(id) = app.card.as_ref().map(|c| c.data.customer.id) {
        app.card = Some(load_card(app, id, store, clock)?);
    }
    Ok(())
}

fn move_cursor(app: &mut App, action: Action) {
    let page = 10usize;
    let (len, sel): (usize, &mut usize) = match app.screen {
        Screen::Today => (
            app.today.as_ref().map_or(0, |l| l.entries.len()),
            &mut app.today_selected,
        ),
        Screen::Tomorrow => (
            app.tomorrow.as_ref().map_or(0, |l| l.entries.len()),
            &mut app.tomorrow_selected,
        ),
        Screen::Team => (app.team.len(), &mut app.team_selected),
        Screen::Card => {
            app.card_scroll = scrolled(app.card_scroll, action, app.scroll_limit.get());
            return;
        }
        Screen::Help => {
            app.help_scroll = scrolled(app.help_scroll, action, app.scroll_limit.get());
            return;
        }
        _ => return,
    };
    if len == 0 {
        *sel = 0;
        return;
    }
    *sel = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (*sel + 1).min(len - 1),
        Action::Top => 0,
        Action::Bottom => len - 1,
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (*sel + page).min(len - 1),
        _ => *sel,
    };
}

/// Selects the list row drawn on screen line `y`, if there is one.
fn click_line(app: &mut App, y: u16) {
    let Some((top, first)) = app.list_rows_at.get() else {
        return;
    };
    let Some(offset) = y.checked_sub(top) else {
        return;
    };
    let row = first + usize::from(offset);
    let len = app.current_list().map_or(0, |(l, _)| l.entries.len());
    if row < len {
        match app.screen {
            Screen::Tomorrow => app.tomorrow_selected = row,
            _ => app.today_selected = row,
        }
    }
}

/// A scroll position moved by `action`, never past `limit` (where the end shows).
fn scrolled(at: u16, action: Action, limit: u16) -> u16 {
    const PAGE: u16 = 10;
    let at = at.min(limit);
    match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at.saturating_add(1).min(limit),
        Action::PageUp => at.saturating_sub(PAGE),
        Action::PageDown => at.saturating_add(PAGE).min(limit),
        Action::Top => 0,
        Action::Bottom => limit,
        _ => at,
    }
}

/// Opens the log form, asking first when the outcome or a second call today needs a yes.
fn ask_or_log(
    app: &mut App,
    id: i64,
    outcome: Outcome,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    let customer = store.customer(id)?;
    let called_today = match &app.rep {
        Some(rep) => store
            .calls_on_day(rep.id, clock.today(), clock)?
            .contains_key(&id),
        None => false,
    };
    let asked = cautions(&customer.state, outcome, called_today);
    if asked.is_empty() {
        return open_log(app, id, outcome, store, clock);
    }
    let questions: Vec<String> = asked.iter().map(|c| c.question()).collect();
    app.question = Some(Question::LogCaution {
        customer_id: id,
        outcome,
        question: format!("{}\n{}", customer.name, questions.join(" ")),
    });
    Ok(())
}

fn add_more(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(rep) = app.rep.clone() else {
        return Ok(());
    };
    let added = add_from_overflow(store, &rep, 5, clock, &app.config)?;
    let before = app.today.as_ref().map_or(0, |l| l.entries.len());
    load_today(app, store, clock)?;
    if added == 0 {
        app.info(crate::t!("msg-nothing-more-due"));
    } else {
        app.today_selected = before;
        app.info(crate::t!("msg-added-due", n = added));
    }
    Ok(())
}

fn needs_number(app: &mut App, store: &mut Store) -> Result<()> {
    let Some(rep) = app.rep.clone() else {
        return Ok(());
    };
    let rows = store.needing_a_number(rep.id)?;
    if rows.is_empty() {
        app.info(crate::t!("msg-all-have-numbers"));
        return Ok(());
    }
    let names: Vec<String> = rows
        .iter()
        .take(6)
        .map(|(id, name)| format!("{name} #{id}"))
        .collect();
    let more = if rows.len() > names.len() {
        ", …"
    } else {
        ""
    };
    app.info(crate::t!(
        "msg-without-number",
        n = rows.len(),
        names = format!("{}{more}", names.join(", "))
    ));
    Ok(())
}

fn open_log(
    app: &mut App,
    id: i64,
    outcome: Outcome,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    let customer = store.customer(id)?;
    let complaint_open = store.open_complaint(id)?.is_some();
    let prefill = if outcome == Outcome::Won && customer.state.value_cents > 0 {
        format_money(customer.state.value_cents, "").replace(',', "")
    } else {
        String::new()
    };
    let mut form = LogForm {
        customer_id: id,
        customer_name: customer.name.clone(),
        outcome,
        before: customer.state.clone(),
        complaint_open,
        next: None,
        next_changed: false,
        stage: customer.state.stage,
        stage_changed: false,
        intent: customer.state.intent,
        intent_changed: false,
        grade: customer.state.grade,
        grade_changed: false,
        note: String::new(),
        date_text: String::new(),
        complaint: String::new(),
        resolve: false,
        value_text: prefill.clone(),
        value_prefill: prefill,
        start_text: String::new(),
        end_text: String::new(),
        focus: LogField::None,
        editor: Default::default(),
        editor_before: String::new(),
        date_preview: None,
        problem: None,
        status_after: String::new(),
        kept_appointment: None,
        numbers: customer
            .dialable_contacts()
            .iter()
            .map(|c| {
                let who = if c.name.is_empty() {
                    ""
                } else {
                    c.name.as_str()
                };
                (c.id, format!("{who} {}", c.phone).trim().to_string())
            })
            .collect(),
        wrong_number: 0,
        loss_reason: None,
        duration_s: None,
        // Under contract (after-sale calls), or a resolved complaint waiting for its 回访.
        asks_satisfaction: customer.state.stage == crate::domain::STAGE_WON
            || store
                .complaints(Some(id), false)?
                .iter()
                .any(|k| k.resolved_at.is_some() && !k.followed_up),
        satisfaction: None,
    };
    forms::preview(&mut form, app, clock);
    super::calling::start_timer(app, id, clock);
    // A callback needs the time the customer named: start typing it.
    if outcome == Outcome::Callback {
        forms::enter_field(&mut form, LogField::Date, app, clock);
    }
    app.log = Some(form);
    Ok(())
}

fn pin(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    let (Some(rep), Some(id)) = (app.rep.clone(), app.selected_customer()) else {
        return Ok(());
    };
    let tomorrow = app.config.calendar().next_working_day(clock.today());
    if store.pinned(rep.id, id, tomorrow)? {
        store.remove_pin(rep.id, id, tomorrow)?;
        app.info(crate::t!(
            "msg-unpinned",
            day = crate::i18n::weekday_day_month(tomorrow)
        ));
    } else {
        store.add_pin(rep.id, id, tomorrow, clock)?;
        app.info(crate::t!(
            "msg-pinned",
            day = crate::i18n::weekday_day_month(tomorrow)
        ));
    }
    refresh(app, store, clock)
}

fn undo(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(rep) = app.rep.clone() else {
        return Ok(());
    };
    // Calls already voided elsewhere (`calldeck undo` in another terminal) are skipped.
    let undone = loop {
        let Some(&last) = app.session_calls.last() else {
            app.info(crate::t!("msg-nothing-to-undo"));
            return Ok(());
        };
        let call = match last {
            Undoable::Call(call) => call,
            Undoable::Snooze(batch) => {
                app.session_calls.pop();
                return super::snooze::undo(app, rep.id, batch, store, clock);
            }
        };
        if store.call_is_void(call)? {
            app.session_calls.pop();
            continue;
        }
        let undone = store.undo_call(rep.id, Some(call), clock)?;
        app.session_calls.pop();
        break undone;
    };
    refresh(app, store, clock)?;
    select_customer_row(app, undone.customer_id);
    app.info(crate::t!(
        "msg-undone",
        outcome = undone.outcome.label(),
        who = &undone.customer_name
    ));
    Ok(())
}

/// Puts today's cursor on `id`'s row, if it is on the list.
pub fn select_customer_row(app: &mut App, id: i64) {
    if let Some(row) = app
        .today
        .as_ref()
        .and_then(|l| l.entries.iter().position(|e| e.customer.id == id))
    {
        app.today_selected = row;
    }
}

fn search_action(app: &mut App, action: Action, store: &mut Store, clock: &Clock) -> Result<()> {
    match action {
        Action::Input(c) => {
            app.search.editor.type_char(c);
            app.search.query = app.search.editor.value().to_string();
            run_search(app);
        }
        Action::Backspace | Action::Edit(_) => {
            let edit = match action {
                Action::Edit(e) => e,
                _ => super::field::Edit::DeleteBack,
            };
            app.search.editor.edit(edit);
            if app.search.query != app.search.editor.value() {
                app.search.query = app.search.editor.value().to_string();
                run_search(app);
            }
        }
        Action::Up => app.search.selected = app.search.selected.saturating_sub(1),
        Action::Down => {
            app.search.selected =
                (app.search.selected + 1).min(app.search.results.len().saturating_sub(1))
        }
        Action::Open => {
            if let Some(id) = app.selected_customer() {
                open_card(app, id, store, clock)?;
            }
        }
        Action::Back => back(app),
        Action::Quit => app.quit = true,
        _ => {}
    }
    Ok(())
}

/// Loads the search index (the rep's book, or everyone's for a lead) unless it is fresh.
fn load_search(app: &mut App, store: &Store) -> Result<()> {
    if app.search.loaded {
        return Ok(());
    }
    super::search_pages::load_first_page(app, store)
}

/// Scores the items against the query, best first. A query that extends the previous one
/// only rescans that one's matches (a fuzzy match of "abc" is also a match of "ab").
pub fn run_search(app: &mut App) {
    const SHOWN: usize = 200;
    let s = &mut app.search;
    s.selected = 0;
    let query = s.query.trim().to_string();
    if query.is_empty() {
        s.narrowing.clear();
        s.results = (0..s.items.len().min(SHOWN)).map(|i| (i, 0)).collect();
        return;
    }
    // A number is matched on its digits, however it is written (+44 7877 …, 07877 …).
    if let Some(digits) = crate::domain::phone_query(&query) {
        s.narrowing.clear();
        s.results = s
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                item.phones
                    .iter()
                    .any(|p| crate::domain::phone_matches(p, &digits))
            })
            .take(SHOWN)
            .map(|(i, _)| (i, 0))
            .collect();
        return;
    }
    // Drop what no longer leads to this query; negations ('!'), end anchors ('$') and
    // escapes ('\\') do not narrow monotonically, so they always rescan.
    while let Some((q, _)) = s.narrowing.last() {
        if query.starts_with(q.as_str()) && !query.contains(['!', '$', '\\']) {
            break;
        }
        s.narrowing.pop();
    }
    let matches = match s.narrowing.last() {
        Some((q, m)) if *q == query => m.clone(),
        previous => {
            let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
            let candidates: Vec<usize> = match previous {
                Some((_, m)) => m.iter().map(|(i, _)| *i).collect(),
                None => (0..s.haystacks.len()).collect(),
            };
            let found = score_all(
                &pattern,
                &candidates,
                &s.haystacks,
                &mut s.matcher,
                &mut s.second_matcher,
            );
            s.narrowing.push((query, found.clone()));
            found
        }
    };
    let mut best = matches;
    let order = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if best.len() > SHOWN {
        best.select_nth_unstable_by(SHOWN, order);
        best.truncate(SHOWN);
    }
    best.sort_by(order);
    s.results = best;
}

/// Scores `candidates`; a team-sized scan is split over two threads.
pub(super) fn score_all(
    pattern: &Pattern,
    candidates: &[usize],
    haystacks: &[nucleo_matcher::Utf32String],
    first: &mut nucleo_matcher::Matcher,
    second: &mut nucleo_matcher::Matcher,
) -> Vec<(usize, u32)> {
    let run = |part: &[usize], matcher: &mut nucleo_matcher::Matcher| -> Vec<(usize, u32)> {
        part.iter()
            .filter_map(|&i| {
                pattern
                    .score(haystacks[i].slice(..), matcher)
                    .map(|sc| (i, sc))
            })
            .collect()
    };
    if candidates.len() < 20_000 {
        return run(candidates, first);
    }
    let (a, b) = candidates.split_at(candidates.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| run(b, second));
        let mut found = run(a, first);
        // The scan cannot panic on its own; if it did, its half is simply missing.
        found.extend(other.join().unwrap_or_default());
        found
    })
}

/// Minutes to an appointment today, for the "due now" mark; negative when past.
pub fn minutes_until(app: &App, time: chrono::NaiveTime) -> i64 {
    (time.num_seconds_from_midnight() as i64 - app.now.time().num_seconds_from_midnight() as i64)
        / 60
}
