//! Planning one rep's day: must-calls, then the commitments (promised or valuable next
//! calls that are due), then the coverage reserve, then the highest scores among customers
//! who are due, up to the quota. What was due and did not fit is the overflow, counted and
//! kept in order so the rep can add from it. Pure: the same book, day and config always
//! give the same plan.

use chrono::NaiveDate;
use serde::Serialize;

use super::score::{PlanCustomer, is_commitment, is_due, must_call, not_now, score, win_back_due};
use crate::clock::{Calendar, first_of_month};
use crate::config::Config;
use crate::domain::{NextCallBy, STAGE_WON, Status};

/// Why an entry is on the list: the part of the plan that put it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Must be called today whatever the quota (appointment, complaint, thank-you, pin).
    MustCall,
    /// A next call that is due and was promised (typed by the rep, named by the customer)
    /// or is worth the most (an open deal at stage 3 or more, intent 3 or more, grade O/H/A).
    Commitment,
    /// Holds one of the slots kept for customers not contacted this month.
    Coverage,
    /// Due, and among the highest scores.
    Scored,
    /// Added by the rep from the overflow after the list was frozen.
    Added,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::MustCall => "must_call",
            Section::Commitment => "commitment",
            Section::Coverage => "coverage",
            Section::Scored => "scored",
            Section::Added => "added",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanEntry {
    pub position: u32,
    pub customer_id: i64,
    pub score: f64,
    pub section: Section,
    pub reasons: Vec<String>,
}

impl PlanEntry {
    pub fn must(&self) -> bool {
        self.section == Section::MustCall
    }
}

/// Whether this month's book can still be covered at the quota, with the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct CoverageOutlook {
    pub not_contacted: usize,
    /// Working days left in the month, today included.
    pub working_days_left: u32,
    /// Calls a day it takes to reach everyone not contacted by the month's end.
    pub per_day_needed: usize,
    /// Slots a day left after today's must-calls and commitments.
    pub per_day_available: usize,
}

impl CoverageOutlook {
    pub fn at_risk(&self) -> bool {
        self.per_day_needed > self.per_day_available
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub day: NaiveDate,
    pub quota: u32,
    pub entries: Vec<PlanEntry>,
    pub must_calls: usize,
    pub commitments: usize,
    pub reserve_slots: usize,
    pub not_contacted_this_month: usize,
    /// Customers scheduled for the day (or before) who did not fit, most urgent first
    /// (commitments, then by score).
    pub overflow: Vec<PlanEntry>,
    /// How many of the overflow there are; a stored plan keeps only the count.
    pub overflow_count: usize,
    pub coverage: CoverageOutlook,
    /// Active customers left out because no contact has a usable number.
    pub needs_number: usize,
}

impl Plan {
    /// Entries beyond the quota: only must-calls and added rows push the list past it.
    pub fn over_quota(&self) -> usize {
        self.entries.len().saturating_sub(self.quota as usize)
    }

    pub fn count(&self, section: Section) -> usize {
        self.entries.iter().filter(|e| e.section == section).count()
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

/// The order of commitments: the most valuable deal first (stage by its win probability,
/// then intent, then value), the longest overdue breaking ties.
fn commitment_key(c: &PlanCustomer, day: NaiveDate, config: &Config) -> (i64, u8, i64, i64, i64) {
    let overdue = c
        .state
        .next_call
        .map(|n| (day - n.date).num_days())
        .unwrap_or(0);
    let probability = (config.win_probability(c.state.stage) * 1000.0).round() as i64;
    (
        -probability,
        u8::MAX - c.state.intent,
        -c.state.value_cents,
        -overdue,
        c.id,
    )
}

fn entry(c: &PlanCustomer, total: f64, section: Section, reasons: Vec<String>) -> PlanEntry {
    PlanEntry {
        position: 0,
        customer_id: c.id,
        score: total,
        section,
        reasons,
    }
}

/// A commitment's chips: whose date it is first, then the score's reasons.
fn commitment_reasons(c: &PlanCustomer, mut reasons: Vec<String>) -> Vec<String> {
    let promise = match c.state.next_call_by {
        NextCallBy::Rep => Some("your date"),
        NextCallBy::Customer => Some("customer's date"),
        _ => None,
    };
    if let Some(p) = promise {
        reasons.insert(0, p.to_string());
    }
    reasons
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
    let festival = config.festival_on(day);
    let active: Vec<&PlanCustomer> = book
        .iter()
        .filter(|c| c.state.status == Status::Active)
        .collect();
    // Lost customers come back only as win-backs, scored with the rest.
    let win_backs: Vec<&PlanCustomer> = book
        .iter()
        .filter(|c| c.has_phone && win_back_due(c, day, config))
        .collect();
    let needs_number = active.iter().filter(|c| !c.has_phone).count();
    let mut eligible: Vec<&PlanCustomer> = active.into_iter().filter(|c| c.has_phone).collect();
    let not_contacted = eligible
        .iter()
        .filter(|c| !contacted_since(c, month_start))
        .count();
    eligible.extend(win_backs);

    let mut must = Vec::new();
    let mut commitments = Vec::new();
    let mut rest = Vec::new();
    for c in &eligible {
        let s = score(c, day, config, cal);
        if let Some((key, reason)) = must_call(c, day, config, cal) {
            must.push((key, *c, s, reason));
        } else if is_commitment(c, day, config, cal) {
            commitments.push((*c, s));
        } else if let Some(festival) = festival.as_ref().filter(|_| c.state.stage == STAGE_WON) {
            let mut s = s;
            s.parts.insert(
                0,
                super::score::ScorePart {
                    reason: format!("care: {festival}"),
                    points: 0.0,
                },
            );
            commitments.push((*c, s));
        } else {
            rest.push((*c, s));
        }
    }
    must.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    commitments.sort_by_key(|(c, _)| commitment_key(c, day, config));

    let mut entries: Vec<PlanEntry> = must
        .iter()
        .map(|(_, c, s, reason)| {
            let mut reasons = vec![reason.clone()];
            if c.pinned && reason != "pinned" {
                reasons.push("pinned".into());
            }
            reasons.extend(s.reasons().into_iter().filter(|r| r != reason));
            entry(c, s.total, Section::MustCall, reasons)
        })
        .collect();

    let quota = quota as usize;
    let commitment_slots = quota.saturating_sub(entries.len());
    let mut overflow: Vec<PlanEntry> = Vec::new();
    for (i, (c, s)) in commitments.iter().enumerate() {
        let e = entry(
            c,
            s.total,
            Section::Commitment,
            commitment_reasons(c, s.reasons()),
        );
        if i < commitment_slots {
            entries.push(e);
        } else {
            overflow.push(e);
        }
    }
    let commitments_taken = commitments.len().min(commitment_slots);

    // The reserve covers the month with what must-calls and commitments leave.
    let reserve_wanted = coverage_reserve(not_contacted, day, cal);
    let covered_already = must
        .iter()
        .map(|(_, c, _, _)| *c)
        .chain(commitments.iter().take(commitments_taken).map(|(c, _)| *c))
        .filter(|c| !contacted_since(c, month_start))
        .count();
    let left = quota.saturating_sub(entries.len());
    let reserve_n = reserve_wanted.saturating_sub(covered_already).min(left);
    let working_days_left = cal.working_days_left_in_month(day).max(1);
    let coverage = CoverageOutlook {
        not_contacted,
        working_days_left,
        per_day_needed: reserve_wanted,
        per_day_available: quota.saturating_sub(must.len() + commitments_taken) + covered_already,
    };

    // Coverage serves two ends where it can: an uncontacted customer who is also due comes
    // before one who is not; then the longest uncontacted (never contacted first). A
    // customer's own "not now" is left alone.
    let mut uncontacted: Vec<usize> = (0..rest.len())
        .filter(|&i| {
            let c = rest[i].0;
            c.state.status == Status::Active && !contacted_since(c, month_start) && !not_now(c, day)
        })
        .collect();
    uncontacted.sort_by(|&a, &b| {
        let (ca, sa) = &rest[a];
        let (cb, sb) = &rest[b];
        is_due(cb, day, config, cal)
            .cmp(&is_due(ca, day, config, cal))
            .then(ca.last_contact_day.cmp(&cb.last_contact_day))
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
        picked.push(entry(c, s.total, Section::Coverage, reasons));
    }

    // The rest of the quota goes to the highest scores among customers who are due (or
    // were never given a date); nobody is pulled forward to fill slots.
    let slots = left - picked.len();
    let mut by_score: Vec<usize> = (0..rest.len())
        .filter(|&i| {
            let c = rest[i].0;
            !taken[i] && (is_due(c, day, config, cal) || c.state.next_call.is_none())
        })
        .collect();
    by_score.sort_by(|&a, &b| {
        rest[b]
            .1
            .total
            .total_cmp(&rest[a].1.total)
            .then(rest[a].0.id.cmp(&rest[b].0.id))
    });
    for (k, &i) in by_score.iter().enumerate() {
        let (c, s) = &rest[i];
        let mut reasons = s.reasons();
        if reasons.is_empty() {
            reasons.push(match c.last_contact_day {
                Some(d) => format!("last contact {}d ago", (day - d).num_days()),
                None => "new".into(),
            });
        }
        if k < slots {
            picked.push(entry(c, s.total, Section::Scored, reasons));
        } else if c.state.next_call.is_some_and(|n| n.date <= day) {
            // The overflow is what was scheduled for today or before; a customer whose
            // cadence alone has come due waits for coverage or a free slot.
            overflow.push(entry(c, s.total, Section::Added, reasons));
        }
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
    for e in &mut overflow {
        e.section = Section::Added;
        e.reasons.push("added from the overflow".into());
    }
    Plan {
        day,
        quota: quota as u32,
        must_calls: must.len(),
        commitments: commitments_taken,
        reserve_slots: reserve_n,
        not_contacted_this_month: not_contacted,
        overflow_count: overflow.len(),
        overflow,
        coverage,
        needs_number,
        entries,
    }
}

/// The naive list the simulation compares against: earliest next-call date first (never
/// scheduled counts as earliest), then longest since contact.
pub fn plan_baseline(book: &[PlanCustomer], day: NaiveDate, quota: u32) -> Plan {
    let mut eligible: Vec<&PlanCustomer> = book
        .iter()
        .filter(|c| c.state.status == Status::Active && c.has_phone)
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
            section: Section::Scored,
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
        commitments: 0,
        reserve_slots: 0,
        not_contacted_this_month: 0,
        overflow: Vec::new(),
        overflow_count: 0,
        coverage: CoverageOutlook::default(),
        needs_number: 0,
    }
}
