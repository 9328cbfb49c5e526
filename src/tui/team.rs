//! The team lead's screen to work from: each rep's day (with the plan a rep who has not
//! opened today would get), a rep's Today read-only, and handing customers to another
//! rep. `update` routes the team's actions here; this is the only code that changes them.

use super::action::Action;
use super::app::{App, Reassign, Screen};
use crate::clock::Clock;
use crate::error::Result;
use crate::planner::{list_as_seen, preview_count};
use crate::store::Store;

/// Loads every rep's progress today; a rep with no list yet shows the preview's size.
pub fn load_team(app: &mut App, store: &Store, clock: &Clock) -> Result<()> {
    let mut team = store.team_progress(clock.today(), clock)?;
    let reps = store.reps()?;
    for p in &mut team {
        let Some(rep) = reps.iter().find(|r| r.name == p.rep) else {
            continue;
        };
        if p.planned == 0 && store.stored_plan(rep.id, clock.today())?.is_none() {
            p.planned = preview_count(store, rep, clock, &app.config)?;
            p.preview = true;
        }
    }
    app.team_selected = app.team_selected.min(team.len().saturating_sub(1));
    app.team = team;
    Ok(())
}

/// Opens the selected rep's Today for reading.
pub fn open_rep(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(name) = app.team.get(app.team_selected).map(|p| p.rep.clone()) else {
        return Ok(());
    };
    let rep = store.resolve_rep(Some(&name))?;
    let list = list_as_seen(store, &rep, clock, &app.config)?;
    app.today_selected = 0;
    app.today = Some(list);
    app.viewing = Some(rep);
    app.marked.clear();
    app.back.push(Screen::Team);
    app.screen = Screen::Today;
    Ok(())
}

/// Reloads the rep's list the lead is reading (after a reassignment).
fn reload_viewed(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    if let Some(rep) = app.viewing.clone() {
        let list = list_as_seen(store, &rep, clock, &app.config)?;
        app.today_selected = app.today_selected.min(list.entries.len().saturating_sub(1));
        app.today = Some(list);
    }
    Ok(())
}

/// Leaving a rep's list for the team screen: nothing stays marked.
pub fn left_rep(app: &mut App) {
    if app.screen == Screen::Team {
        app.viewing = None;
        app.marked.clear();
    }
}

pub fn toggle_mark(app: &mut App) {
    if let Some(id) = app.selected_customer()
        && !app.marked.remove(&id)
    {
        app.marked.insert(id);
    }
}

/// Starts handing the marked customers (or the one on screen) to another rep.
pub fn start_reassign(app: &mut App, store: &Store) -> Result<()> {
    if !app.is_lead() {
        app.info(crate::t!("msg-reassign-leads"));
        return Ok(());
    }
    let customers: Vec<i64> = if app.screen == Screen::Today && !app.marked.is_empty() {
        app.marked.iter().copied().collect()
    } else {
        app.selected_customer().into_iter().collect()
    };
    if customers.is_empty() {
        app.info(crate::t!("msg-select-first"));
        return Ok(());
    }
    let reps: Vec<_> = store.reps()?.into_iter().filter(|r| !r.is_lead()).collect();
    let selected = app
        .viewing
        .as_ref()
        .and_then(|v| reps.iter().position(|r| r.id != v.id))
        .unwrap_or(0);
    app.reassign = Some(Reassign {
        customers,
        reps,
        selected,
    });
    Ok(())
}

/// Keys while choosing the rep who takes the customers over.
pub fn reassign_action(
    app: &mut App,
    action: Action,
    store: &mut Store,
    clock: &Clock,
) -> Result<()> {
    let Some(r) = app.reassign.as_mut() else {
        return Ok(());
    };
    match action {
        Action::Up => r.selected = r.selected.saturating_sub(1),
        Action::Down => r.selected = (r.selected + 1).min(r.reps.len().saturating_sub(1)),
        Action::Back => {
            app.reassign = None;
            app.info(crate::t!("msg-nobody-reassigned"));
        }
        Action::Save => {
            let Some(r) = app.reassign.take() else {
                return Ok(());
            };
            let Some(to) = r.reps.get(r.selected) else {
                return Ok(());
            };
            // One transaction, each move kept in the customer's history.
            store.assign(&r.customers, to.id, clock)?;
            let n = r.customers.len();
            app.marked.clear();
            app.search.loaded = false;
            reload_viewed(app, store, clock)?;
            if app.screen == Screen::Card
                && let Some(card) = app.card.as_mut()
            {
                card.data.customer.owner = Some(to.name.clone());
                card.data.customer.owner_id = Some(to.id);
            }
            load_team(app, store, clock)?;
            app.info(crate::t!("msg-reassigned", n = n, to = &to.name));
        }
        Action::Quit => app.quit = true,
        _ => {}
    }
    Ok(())
}

/// Whether `action` would write for the rep whose list the lead is reading.
pub fn blocked_for_lead(app: &App, action: Action) -> bool {
    app.is_lead()
        && matches!(
            action,
            Action::Log(_)
                | Action::Pin
                | Action::Replan
                | Action::AddMore
                | Action::AddCustomer
                | Action::EditCustomer
        )
}
