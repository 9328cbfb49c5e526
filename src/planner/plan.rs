//! Planning one rep's day: must-calls, the coverage reserve, then the highest scores, up to
//! the quota. Pure: the same book, day and config always give the same plan.

use chrono::NaiveDate;
use serde::Serialize;

use super::score::{PlanCustomer, must_call, score};
use crate::clock::{Calendar, first_of_month};
use crate::config::Config;
use crate::domain::Status;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanEntry {
    pub position: u32,
    pub customer_id: i64,
    pub score: f64,
    /// Must be called today whatever the quota (appointment, complaint, thank-you, pin).
    pub must: bool,
    /// Holds one of the slots kept for customers not contacted this month.
    pub reserve: bool,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub day: NaiveDate,
    pub quota: u32,
    pub entries: Vec<PlanEntry>,
    pub must_calls: usize,
    pub reserve_slots: usize,
    pub not_contacted_this_month: usize,
}

impl Plan {
    /// Entries beyond the quota: only must-calls can push the list past it.
    pub fn over_quota(&self) -> usize {
        self.entries.len().saturating_sub(self.quota as usize)
    }
}

fn contacted_since(c: &PlanCustomer, since: NaiveDate) -> bool {
    c.last_contact_day.is_some_and(|d| d >= since)
}

/// `ceil(not contacted this month ÷ working days left in the month)`, today included.
pub fn coverage_reserve(not_contacted: usize, day: NaiveDate, cal: &Calendar) -> usize {
    let left = cal.working_days_left_in_month(day).max(1) as usize;
    not_contacted.div_ceil(left)
}

/// The plan for `day` over a rep's book.
pub fn plan_day(
    book: &[PlanCustomer],
    day: NaiveDate,
    quota: u32,
    config: &Config,
    cal: &Calendar,
) -> Plan {
    let month_start = first_of_month(day);
    let eligible: Vec<&PlanCustomer> = book
        .iter()
        .filter(|c| c.state.status == Status::Active)
        .collect();
    let not_contacted = eligible
        .iter()
        .filter(|c| !contacted_since(c, month_start))
        .count();

    let mut must = Vec::new();
    let mut rest = Vec::new();
    for c in &eligible {
        let s = score(c, day, config, cal);
        match must_call(c, day) {
            Some((key, reason)) => must.push((key, *c, s, reason)),
            None => rest.push((*c, s)),
        }
    }
    must.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));

    let mut entries: Vec<PlanEntry> = must
        .iter()
        .map(|(_, c, s, reason)| {
            let mut reasons = vec![reason.clone()];
            if c.pinned && reason != "pinned" {
                reasons.push("pinned".into());
            }
            reasons.extend(s.reasons().into_iter().filter(|r| r != reason));
            PlanEntry {
                position: 0,
                customer_id: c.id,
                score: s.total,
                must: true,
                reserve: false,
                reasons,
            }
        })
        .collect();

    let reserve_wanted = coverage_reserve(not_contacted, day, cal);
    let covered_by_must = must
        .iter()
        .filter(|(_, c, _, _)| !contacted_since(c, month_start))
        .count();
    let mut slots = (quota as usize).saturating_sub(entries.len());
    let reserve_n = reserve_wanted.saturating_sub(covered_by_must).min(slots);

    // The reserve: longest uncontacted first (never contacted before all), then by score.
    let mut uncontacted: Vec<usize> = (0..rest.len())
        .filter(|&i| !contacted_since(rest[i].0, month_start))
        .collect();
    uncontacted.sort_by(|&a, &b| {
        let (ca, sa) = &rest[a];
        let (cb, sb) = &rest[b];
        ca.last_contact_day
            .cmp(&cb.last_contact_day)
            .then(sb.total.total_cmp(&sa.total))
            .then(ca.id.cmp(&cb.id))
    });
    let mut taken = vec![false; rest.len()];
    let mut picked: Vec<PlanEntry> = Vec::new();
    for &i in uncontacted.iter().take(reserve_n) {
        taken[i] = true;
        let (c, s) = &rest[i];
        let mut reasons = s.reasons();
        if !reasons
            .iter()
            .any(|r| r.starts_with("not contacted") || r == "new")
        {
            reasons.insert(0, "not contacted this month".into());
        }
        picked.push(PlanEntry {
            position: 0,
            customer_id: c.id,
            score: s.total,
            must: false,
            reserve: true,
            reasons,
        });
    }
    slots -= picked.len();

    let mut by_score: Vec<usize> = (0..rest.len()).filter(|&i| !taken[i]).collect();
    by_score.sort_by(|&a, &b| {
        rest[b]
            .1
            .total
            .total_cmp(&rest[a].1.total)
            .then(rest[a].0.id.cmp(&rest[b].0.id))
    });
    for &i in by_score.iter().take(slots) {
        let (c, s) = &rest[i];
        let mut reasons = s.reasons();
        if reasons.is_empty() {
            reasons.push(match c.last_contact_day {
                Some(d) => format!("last contact {}d ago", (day - d).num_days()),
                None => "new".into(),
            });
        }
        picked.push(PlanEntry {
            position: 0,
            customer_id: c.id,
            score: s.total,
            must: false,
            reserve: false,
            reasons,
        });
    }
    picked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.customer_id.cmp(&b.customer_id))
    });
    entries.extend(picked);
    for (i, e) in entries.iter_mut().enumerate() {
        e.position = i as u32 + 1;
    }
    Plan {
        day,
        quota,
        must_calls: must.len(),
        reserve_slots: reserve_n,
        not_contacted_this_month: not_contacted,
        entries,
    }
}

/// The naive list the simulation compares against: earliest next-call date first (never
/// scheduled counts as earliest), then longest since contact.
pub fn plan_baseline(book: &[PlanCustomer], day: NaiveDate, quota: u32) -> Plan {
    let mut eligible: Vec<&PlanCustomer> = book
        .iter()
        .filter(|c| c.state.status == Status::Active)
        .collect();
    eligible.sort_by_key(|c| {
        (
            c.state.next_call.map(|n| (n.date, n.time)),
            c.last_contact_day,
            c.id,
        )
    });
    let entries = eligible
        .iter()
        .take(quota as usize)
        .enumerate()
        .map(|(i, c)| PlanEntry {
            position: i as u32 + 1,
            customer_id: c.id,
            score: 0.0,
            must: false,
            reserve: false,
            reasons: vec![match c.state.next_call {
                Some(n) => format!("next call {n}"),
                None => "never scheduled".into(),
            }],
        })
        .collect();
    Plan {
        day,
        quota,
        entries,
        must_calls: 0,
        reserve_slots: 0,
        not_contacted_this_month: 0,
    }
}
