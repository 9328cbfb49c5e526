//! One rep's working day in the demo's history. The rep works the real planner's list,
//! but as people do: some planned calls are skipped (more on Fridays and late in the day),
//! a few customers not on the list get a call, an appointment is now and then missed or
//! tried too early, and every rep has habits of their own, so the reports show the spread
//! a team lead sees rather than 100% for everyone.

use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use super::{Book, NextCall, Rng, draw_call, log_call};
use crate::clock::{Calendar, Clock};
use crate::config::Config;
use crate::error::Result;
use crate::planner::plan_day;

/// How a rep works their list.
pub struct Habits {
    /// Chance of leaving a planned call undone on an ordinary morning.
    pub skip: f64,
    /// Added on Fridays.
    pub friday: f64,
    /// Added for the last 30% of the list (the afternoon).
    pub late: f64,
    /// Customers called that were not on the list, on an average day.
    pub unplanned: u64,
    /// Chance of missing an appointment (forgotten, or tried hours early and not again).
    pub missed_appointment: f64,
}

/// The reps in turn: steady, busy but loose, strong mornings and weak afternoons, and one
/// who calls off the list a lot.
pub const HABITS: [Habits; 4] = [
    Habits {
        skip: 0.04,
        friday: 0.06,
        late: 0.06,
        unplanned: 2,
        missed_appointment: 0.05,
    },
    Habits {
        skip: 0.10,
        friday: 0.12,
        late: 0.12,
        unplanned: 4,
        missed_appointment: 0.12,
    },
    Habits {
        skip: 0.05,
        friday: 0.15,
        late: 0.25,
        unplanned: 1,
        missed_appointment: 0.08,
    },
    Habits {
        skip: 0.12,
        friday: 0.08,
        late: 0.10,
        unplanned: 7,
        missed_appointment: 0.15,
    },
];

/// First call of the day, and minutes between list calls.
const START_MINUTE: u32 = 9 * 60;
const SLOT_MINUTES: u32 = 8;

#[allow(clippy::too_many_arguments)]
pub(super) fn work_day(
    tx: &crate::store::Transaction,
    book: &mut Book,
    day: NaiveDate,
    calls_per_day: Option<u32>,
    rng: &mut Rng,
    config: &Config,
    cal: &Calendar,
    at: &dyn Fn(NaiveDate, u32, u32) -> Clock,
) -> Result<usize> {
    let habits = book.habits;
    let drawn = 50 + rng.below(12) as u32;
    let quota = calls_per_day.unwrap_or(drawn);
    // Closer together on a heavier day, so the list still ends before midnight.
    let slot_minutes = (600 / quota.max(1)).clamp(1, SLOT_MINUTES);
    // The rep works the real planner's list for the day.
    let morning = at(day, 8, 0);
    let planned = crate::store::plan_book_in(tx, book.rep_id, None, day, &morning, cal)?;
    let plan = plan_day(&planned, day, quota, config, cal);
    // Kept as the day's frozen list, so past days show what was planned and reports can
    // measure plan adherence.
    crate::store::save_plan_in(tx, book.rep_id, &plan, &morning)?;
    let order: Vec<usize> = plan
        .entries
        .iter()
        .filter_map(|e| book.index.get(&e.customer_id).copied())
        .collect();

    // When each call happens: list calls in slot order, appointments at their time.
    let friday = day.weekday() == Weekday::Fri;
    let mut schedule: Vec<(u32, usize)> = Vec::with_capacity(order.len() + 8);
    let mut missed: Vec<usize> = Vec::new();
    let n = order.len().max(1);
    for (slot, &i) in order.iter().enumerate() {
        let slot_minute = (START_MINUTE + slot as u32 * slot_minutes).min(23 * 60 + 59);
        if let Some(NextCall {
            date,
            time: Some(time),
        }) = book.customers[i].next
            && date == day
        {
            if rng.chance(habits.missed_appointment) {
                // Missed: half the time tried early with the list and not again.
                if rng.chance(0.5) {
                    schedule.push((slot_minute, i));
                }
                missed.push(i);
                continue;
            }
            let minute = (time.hour() * 60 + time.minute()).saturating_sub(rng.below(11) as u32);
            schedule.push((minute, i));
            continue;
        }
        let late = slot * 10 >= n * 7;
        let skip = habits.skip
            + if friday { habits.friday } else { 0.0 }
            + if late { habits.late } else { 0.0 };
        if rng.chance(skip) {
            continue;
        }
        schedule.push((slot_minute, i));
    }
    // Customers the rep calls off the list: a callback remembered, a lead that rang in.
    let on_list: std::collections::HashSet<usize> = order.iter().copied().collect();
    let wanted = rng.below(habits.unplanned * 2 + 1);
    let mut tries = 0;
    let mut extra = 0;
    while extra < wanted && tries < 50 && !book.customers.is_empty() {
        tries += 1;
        let i = rng.below(book.customers.len() as u64) as usize;
        let t = &book.customers[i];
        if !t.active || on_list.contains(&i) || schedule.iter().any(|(_, j)| *j == i) {
            continue;
        }
        let minute = START_MINUTE + rng.below(8 * 60 + 30) as u32;
        schedule.push((minute, i));
        extra += 1;
    }
    schedule.sort();

    let mut made = 0;
    let mut retries = Vec::new();
    for (minute, i) in schedule {
        let t = &mut book.customers[i];
        let input = draw_call(rng, t, day, cal);
        let minute = minute.min(23 * 60 + 59);
        if log_call(
            tx,
            book.rep_id,
            t,
            &input,
            config,
            cal,
            &at(day, minute / 60, minute % 60),
        )? {
            made += 1;
        }
        if let Some(NextCall {
            date,
            time: Some(time),
        }) = t.next
            && date == day
            && !missed.contains(&i)
        {
            retries.push((time, i));
        }
    }
    // "Busy, call back in two hours": the rep does, once.
    retries.sort();
    for (time, i) in retries {
        let t = &mut book.customers[i];
        let input = draw_call(rng, t, day, cal);
        let clock = at(day, time.hour(), time.minute());
        if log_call(tx, book.rep_id, t, &input, config, cal, &clock)? {
            made += 1;
        }
    }
    Ok(made)
}
