//! Placing the call and moving on: `c` dials (or copies the number), the call timer runs
//! from dialling or opening the log form, `N` opens the next customer still to call.

use super::app::{App, Question};
use super::update::load_card;
use crate::clock::Clock;
use crate::error::Result;
use crate::store::Store;

/// `c`: dials the selected customer, asking which number when there are several.
pub fn dial(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    let Some(id) = app.selected_customer() else {
        return Ok(());
    };
    let customer = store.customer(id)?;
    let numbers: Vec<(String, String)> = customer
        .dialable_contacts()
        .iter()
        .map(|c| (c.name.clone(), c.phone.clone()))
        .collect();
    match numbers.as_slice() {
        [] => app.info(crate::t!("msg-no-number", who = &customer.name)),
        [(_, phone)] => {
            let phone = phone.clone();
            place_call(app, id, &phone, clock);
        }
        _ => {
            app.question = Some(Question::ChooseNumber {
                customer_id: id,
                numbers,
            })
        }
    }
    Ok(())
}

/// Runs the dial command for `phone` (or puts the number on the clipboard) and starts the
/// call timer.
pub fn place_call(app: &mut App, id: i64, phone: &str, clock: &Clock) {
    start_timer(app, id, clock);
    let command = app.config.dial.command.trim().to_string();
    if command.is_empty() {
        app.clipboard = Some(phone.to_string());
        app.info(crate::t!("msg-copied", phone = phone));
        return;
    }
    match super::dial::start(&command, phone) {
        Ok(d) => {
            app.dialling = Some(d);
            app.info(crate::t!("msg-dialling", phone = phone));
        }
        Err(e) => app.error(e.to_string()),
    }
}

/// Starts timing a call with `id`, unless one with the same customer is already timed.
pub fn start_timer(app: &mut App, id: i64, clock: &Clock) {
    if app.timer.as_ref().is_none_or(|t| t.customer_id != id) {
        app.timer = Some(super::app::CallTimer {
            customer_id: id,
            started: clock.local_now(),
        });
    }
}

/// `N` on a card: the next customer on today's list still to call, after this one.
pub fn next_card(app: &mut App, store: &mut Store, clock: &Clock) -> Result<()> {
    let current = app.card.as_ref().map(|c| c.data.customer.id);
    let Some(list) = &app.today else {
        return Ok(());
    };
    let from = list
        .entries
        .iter()
        .position(|e| Some(e.customer.id) == current)
        .unwrap_or(app.today_selected);
    let next = list
        .entries
        .iter()
        .enumerate()
        .skip(from + 1)
        .chain(list.entries.iter().enumerate().take(from))
        .find(|(_, e)| e.is_open() && Some(e.customer.id) != current)
        .map(|(i, e)| (i, e.customer.id));
    match next {
        Some((row, id)) => {
            app.today_selected = row;
            app.card = Some(load_card(app, id, store, clock)?);
            app.card_scroll = 0;
        }
        None => app.info(crate::t!("msg-everyone-called")),
    }
    Ok(())
}
