//! The rep's list for a day as every screen and command shows it: planned and frozen on
//! first use, stored plans for past days, a preview for future days.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::plan::{Plan, PlanEntry, plan_day};
use super::score::{Score, score};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::{Customer, Rep, Store};

#[derive(Debug, Clone, PartialEq)]
pub struct ListEntry {
    pub entry: PlanEntry,
    pub customer: Customer,
    pub pinned: bool,
    pub done: bool,
    pub reached: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DailyList {
    pub day: NaiveDate,
    pub quota: u32,
    /// Stored (frozen) rather than a preview.
    pub frozen: bool,
    pub must_calls: usize,
    pub reserve_slots: usize,
    pub entries: Vec<ListEntry>,
}

impl DailyList {
    pub fn done(&self) -> usize {
        self.entries.iter().filter(|e| e.done).count()
    }

    pub fn reached(&self) -> usize {
        self.entries.iter().filter(|e| e.reached).count()
    }

    pub fn over_quota(&self) -> usize {
        self.entries.len().saturating_sub(self.quota as usize)
    }

    /// The first entry not yet done after position `from` (wrapping to the top).
    pub fn next_undone(&self, from: usize) -> Option<usize> {
        let n = self.entries.len();
        (1..=n)
            .map(|k| (from + k) % n)
            .find(|&i| !self.entries[i].done)
    }
}

pub fn quota_of(rep: &Rep, config: &Config) -> u32 {
    rep.quota.unwrap_or(config.planner.quota)
}

/// The rep's list for `on`: today's is planned and frozen on first use (`replan` rebuilds
/// it keeping what is done); a past day shows the plan stored then; a later day is a
/// preview that is not stored.
pub fn daily_list(
    store: &mut Store,
    rep: &Rep,
    on: NaiveDate,
    clock: &Clock,
    config: &Config,
    replan: bool,
) -> Result<DailyList> {
    let today = clock.today();
    let cal = config.calendar();
    let quota = quota_of(rep, config);
    let (plan, frozen) = if on < today {
        if replan {
            return Err(Error::invalid(
                "a past day's list cannot be replanned: it shows what was planned then",
            ));
        }
        let plan = store.stored_plan(rep.id, on)?.ok_or_else(|| {
            Error::invalid(format!(
                "no list was made for {on}: past lists exist only for days {} opened calldeck",
                rep.name
            ))
        })?;
        (plan, true)
    } else if on == today {
        match store.stored_plan(rep.id, on)? {
            Some(plan) if !replan => (plan, true),
            stored => {
                // Ended contracts become renewals before planning; a frozen list read back
                // after each logged call does not need the pass.
                store.expire_contracts(clock)?;
                let had_stored = stored.is_some();
                let done = store.calls_on_day(rep.id, on, clock)?;
                let kept: Vec<PlanEntry> = stored
                    .map(|p| {
                        p.entries
                            .into_iter()
                            .filter(|e| done.contains_key(&e.customer_id))
                            .collect()
                    })
                    .unwrap_or_default();
                let kept_ids: HashSet<i64> = kept.iter().map(|e| e.customer_id).collect();
                let book: Vec<_> = store
                    .plan_book(rep.id, on, clock, &cal)?
                    .into_iter()
                    .filter(|c| !kept_ids.contains(&c.id))
                    .collect();
                let fresh = plan_day(
                    &book,
                    on,
                    quota.saturating_sub(kept.len() as u32),
                    config,
                    &cal,
                );
                let mut entries = kept;
                entries.extend(fresh.entries);
                for (i, e) in entries.iter_mut().enumerate() {
                    e.position = i as u32 + 1;
                }
                let plan = Plan {
                    quota,
                    entries,
                    ..fresh
                };
                // An empty first plan is not frozen, so customers added later today show
                // up; a replan is always stored, even empty, so the old list is gone.
                let frozen = !plan.entries.is_empty() || had_stored;
                if frozen {
                    store.save_plan(rep.id, &plan, clock)?;
                }
                (plan, frozen)
            }
        }
    } else {
        let book = store.plan_book(rep.id, on, clock, &cal)?;
        (plan_day(&book, on, quota, config, &cal), false)
    };
    let calls = store.calls_on_day(rep.id, on, clock)?;
    let mut entries = Vec::with_capacity(plan.entries.len());
    for e in plan.entries {
        let customer = store.customer(e.customer_id)?;
        let pinned = e.reasons.iter().any(|r| r == "pinned");
        entries.push(ListEntry {
            done: calls.contains_key(&e.customer_id),
            reached: calls.get(&e.customer_id).copied().unwrap_or(false),
            pinned,
            customer,
            entry: e,
        });
    }
    Ok(DailyList {
        day: on,
        quota: plan.quota,
        frozen,
        must_calls: plan.must_calls,
        reserve_slots: plan.reserve_slots,
        entries,
    })
}

/// The score breakdown of one customer for `on`, as the planner would compute it.
pub fn score_of(
    store: &Store,
    customer_id: i64,
    on: NaiveDate,
    clock: &Clock,
    config: &Config,
) -> Result<Option<Score>> {
    let customer = store.customer(customer_id)?;
    let Some(owner) = customer.owner_id else {
        return Ok(None);
    };
    let cal = config.calendar();
    Ok(store
        .plan_customer(owner, customer_id, on, clock, &cal)?
        .map(|c| score(&c, on, config, &cal)))
}

/// Plans `on` for every rep (not leads) without storing: the team-wide planning cost.
pub fn plan_all_reps(
    store: &Store,
    on: NaiveDate,
    clock: &Clock,
    config: &Config,
) -> Result<Vec<Plan>> {
    let cal = config.calendar();
    store
        .reps()?
        .into_iter()
        .filter(|r| !r.is_lead())
        .map(|rep| {
            let book = store.plan_book(rep.id, on, clock, &cal)?;
            Ok(plan_day(&book, on, quota_of(&rep, config), config, &cal))
        })
        .collect()
}
