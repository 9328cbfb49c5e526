//! The rep's list for a day as every screen and command shows it: planned and frozen on
//! first use, stored plans for past days, a preview for future days.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::plan::{CoverageOutlook, Plan, PlanEntry, Section, coverage_reserve, plan_day};
use super::score::{Score, score};
use crate::clock::{Clock, first_of_month};
use crate::config::Config;
use crate::domain::{APPOINTMENT_EARLY_MINUTES, NextCall};
use crate::error::{Error, Result};
use crate::store::{Customer, DayCalls, Rep, Store};

/// What a notice above the list is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Due customers that did not fit (+ adds them).
    Overflow,
    /// Not every customer can be reached before the period ends.
    CoverageAtRisk,
    /// Fewer on the list than the quota.
    Short,
    /// Customers with no number to call (# lists them).
    NeedsNumber,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListEntry {
    pub entry: PlanEntry,
    pub customer: Customer,
    pub pinned: bool,
    pub done: bool,
    pub reached: bool,
    /// Moved off this day without a call (`z`), and why.
    pub skipped: Option<String>,
}

impl ListEntry {
    /// Still to call: neither called nor skipped.
    pub fn is_open(&self) -> bool {
        !self.done && self.skipped.is_none()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DailyList {
    pub day: NaiveDate,
    pub quota: u32,
    /// Stored (frozen) rather than a preview.
    pub frozen: bool,
    pub must_calls: usize,
    pub commitments: usize,
    pub reserve_slots: usize,
    /// Due customers that did not fit (`+` or `today --more N` adds from them).
    pub overflow: usize,
    pub coverage: CoverageOutlook,
    /// Active customers not planned because no contact has a usable number.
    pub needs_number: usize,
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

    /// What the rep should know about the list beyond its rows, one short line each:
    /// the overflow, coverage at risk, a list shorter than the quota, customers needing a
    /// number. Screens add their own key hints.
    pub fn notices(&self) -> Vec<String> {
        self.notice_kinds().into_iter().map(|(_, n)| n).collect()
    }

    /// The notices with what each is about, so screens can add the key that acts on it.
    pub fn notice_kinds(&self) -> Vec<(Notice, String)> {
        let mut out = Vec::new();
        if self.overflow > 0 {
            out.push((
                Notice::Overflow,
                crate::t!("notice-overflow", n = self.overflow),
            ));
        }
        if self.coverage.at_risk() {
            let c = &self.coverage;
            out.push((
                Notice::CoverageAtRisk,
                crate::t!(
                    "notice-coverage",
                    open = c.not_contacted,
                    days = c.working_days_left,
                    per_day = c.per_day_needed
                ),
            ));
        }
        if self.frozen && self.short_of_quota() > 0 && !self.entries.is_empty() {
            out.push((
                Notice::Short,
                crate::t!("notice-short", n = self.entries.len()),
            ));
        }
        if self.needs_number > 0 {
            out.push((
                Notice::NeedsNumber,
                crate::t!("notice-needs-number", n = self.needs_number),
            ));
        }
        out
    }

    /// Slots of the quota nothing due was left to fill.
    pub fn short_of_quota(&self) -> usize {
        (self.quota as usize).saturating_sub(self.entries.len())
    }

    /// The first entry still to call after position `from` (wrapping to the top).
    pub fn next_undone(&self, from: usize) -> Option<usize> {
        let n = self.entries.len();
        (1..=n)
            .map(|k| (from + k) % n)
            .find(|&i| self.entries[i].is_open())
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
                store.expire_contracts_of(rep.id, clock)?;
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
                if had_stored {
                    store.save_plan(rep.id, &plan, clock)?;
                } else if frozen && !store.freeze_plan(rep.id, &plan, clock)? {
                    // Another calldeck froze this rep's day a moment ago: theirs is the list.
                    let theirs = store.stored_plan(rep.id, on)?.ok_or_else(|| {
                        Error::invalid("the day's list changed while it was made: open it again")
                    })?;
                    return assemble(store, rep, on, theirs, true, clock, config);
                }
                (plan, frozen)
            }
        }
    } else {
        let book = store.plan_book(rep.id, on, clock, &cal)?;
        (plan_day(&book, on, quota, config, &cal), false)
    };
    assemble(store, rep, on, plan, frozen, clock, config)
}

/// The rep's list for today as somebody else (their team lead) sees it, writing nothing:
/// the frozen list once the rep has opened the day, else the plan the day would have.
pub fn list_as_seen(
    store: &mut Store,
    rep: &Rep,
    clock: &Clock,
    config: &Config,
) -> Result<DailyList> {
    let today = clock.today();
    if store.stored_plan(rep.id, today)?.is_some() {
        return daily_list(store, rep, today, clock, config, false);
    }
    let cal = config.calendar();
    let book = store.plan_book(rep.id, today, clock, &cal)?;
    let plan = plan_day(&book, today, quota_of(rep, config), config, &cal);
    assemble(store, rep, today, plan, false, clock, config)
}

/// How many customers the rep's list for today would hold, without storing it.
pub fn preview_count(store: &Store, rep: &Rep, clock: &Clock, config: &Config) -> Result<usize> {
    let cal = config.calendar();
    let today = clock.today();
    let book = store.plan_book(rep.id, today, clock, &cal)?;
    Ok(plan_day(&book, today, quota_of(rep, config), config, &cal)
        .entries
        .len())
}

/// A plan with its customers, what was done on the day, and the day's outlook.
fn assemble(
    store: &Store,
    rep: &Rep,
    on: NaiveDate,
    plan: Plan,
    frozen: bool,
    clock: &Clock,
    config: &Config,
) -> Result<DailyList> {
    let cal = config.calendar();
    let calls = store.calls_on_day(rep.id, on, clock)?;
    let mut skipped = store.skipped_on(rep.id, on)?;
    let mut entries = Vec::with_capacity(plan.entries.len());
    for e in plan.entries {
        let customer = store.customer(e.customer_id)?;
        let pinned = e.reasons.iter().any(|r| r == "pinned");
        let day_calls = calls.get(&e.customer_id);
        entries.push(ListEntry {
            done: day_calls.is_some_and(|c| !appointment_still_ahead(&customer, on, c, clock)),
            reached: day_calls.is_some_and(|c| c.reached),
            skipped: skipped.remove(&e.customer_id),
            pinned,
            customer,
            entry: e,
        });
    }
    let (not_contacted, needs_number) = store.book_outlook(rep.id, first_of_month(on), clock)?;
    let count = |s: Section| entries.iter().filter(|e| e.entry.section == s).count();
    let (must_calls, commitments) = (count(Section::MustCall), count(Section::Commitment));
    let coverage = CoverageOutlook {
        not_contacted,
        working_days_left: cal.working_days_left_in_month(on).max(1),
        per_day_needed: coverage_reserve(not_contacted, on, &cal),
        per_day_available: (plan.quota as usize).saturating_sub(must_calls + commitments),
    };
    Ok(DailyList {
        day: on,
        quota: plan.quota,
        frozen,
        must_calls,
        commitments,
        reserve_slots: count(Section::Coverage),
        overflow: plan.overflow_count,
        coverage,
        needs_number,
        entries,
    })
}

/// Whether the customer's appointment on `on` is still to come after the day's last call
/// to them: that call was an earlier attempt, not the appointment call, so the row is not
/// done yet.
fn appointment_still_ahead(
    customer: &Customer,
    on: NaiveDate,
    calls: &DayCalls,
    clock: &Clock,
) -> bool {
    let Some(NextCall {
        date,
        time: Some(time),
    }) = customer.state.next_call
    else {
        return false;
    };
    let last = clock.to_local(calls.last_at);
    // A busy retry is the rule's time, not an appointment someone made.
    customer.state.next_call_by != crate::domain::NextCallBy::Rule
        && date == on
        && date.and_time(time) - chrono::Duration::minutes(APPOINTMENT_EARLY_MINUTES) > last
}

/// Adds the next `n` of today's overflow to the rep's frozen list (they stay on it, marked
/// as added). Returns how many were added.
pub fn add_from_overflow(
    store: &mut Store,
    rep: &Rep,
    n: usize,
    clock: &Clock,
    config: &Config,
) -> Result<usize> {
    let today = clock.today();
    // The list is planned and frozen first if it was not yet.
    let list = daily_list(store, rep, today, clock, config, false)?;
    let listed: HashSet<i64> = list.entries.iter().map(|e| e.customer.id).collect();
    let cal = config.calendar();
    let book: Vec<_> = store
        .plan_book(rep.id, today, clock, &cal)?
        .into_iter()
        .filter(|c| !listed.contains(&c.id))
        .collect();
    // With no slot left, everything due that is not listed is the overflow, in its order;
    // a must-call that arose after the list was frozen comes first.
    let plan = plan_day(&book, today, 0, config, &cal);
    let overflow: Vec<PlanEntry> = plan.entries.into_iter().chain(plan.overflow).collect();
    let added: Vec<PlanEntry> = overflow.iter().take(n).cloned().collect();
    if !list.frozen && added.is_empty() {
        return Ok(0);
    }
    store.add_to_plan(rep.id, today, &added, overflow.len() - added.len())?;
    Ok(added.len())
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
