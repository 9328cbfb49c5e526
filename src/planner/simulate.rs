//! `calldeck simulate`: the real planner and the real call-recording rules, day after day,
//! on a synthetic book with a stochastic customer model; the same run with a naive planner
//! beside it, so the gain is measured rather than asserted.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use chrono::{Days, NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use super::plan::{plan_baseline, plan_day};
use super::score::is_commitment;
use crate::clock::{Calendar, Clock};
use crate::config::Config;
use crate::demo::Rng;
use crate::domain::{
    CallInput, CustomerState, Grade, NextCall, NextCallBy, Outcome, STAGE_WON, Status,
    appointment_ahead,
};
use crate::error::Result;
use crate::store::{NewCustomer, RepRole, Store};

/// The parameters of the customer model, printed by `calldeck simulate --help`.
pub const MODEL_HELP: &str = "\
Customer model (per customer, drawn once from the seed):
  reachability      uniform 0.25-0.75: chance to pick up, times 0.7-1.0 rising with the days
                    since they were last reached (a customer reached yesterday picks up less)
  propensity        uniform 0.05-0.35: chance that a conversation moves the deal one stage on
                    (needs known -> quote -> intends -> contract sent -> won)
On a call: not reached -> busy 15%, else no answer. Reached -> the stage moves on with the
customer's propensity; else a callback at a named time 12% (1-3 working days ahead,
10:00-16:30), not interested 6% (a second one within 90 days loses the customer), do not
call 0.5%, else a plain conversation. The grade is re-judged from stage and propensity
(contract sent -> H, intends -> A or H, quote -> A or B, ...). Customers under contract
raise a complaint on 3% of conversations; a reached call resolves an open one 70% of the
time. Contracts run 12 months and expire into renewals during the run.
Initial book (as the spec's arithmetic has it: ~46 calls a day for coverage, ~14 for the
rest): 12% new leads never contacted, 18% newly assigned, 40% needs known, 10% quote sent,
2% intends to buy, 0.5% contract sent, 14% under contract, 3% renewals due; grades from
stage and propensity (about 1% H, 3% A, 15% B); each customer last called within its
grade's cadence; 3% with a callback booked in the first week. Outcomes depend only on the seed, the customer and the day, so
both planners face the same customers.";

#[derive(Debug, Clone)]
pub struct SimOptions {
    pub customers: u32,
    pub days: u32,
    pub quota: u32,
    pub seed: u64,
    pub start: NaiveDate,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Metrics {
    /// Share of the book called at least once in the first 22 working days (or all of
    /// them when the run is shorter).
    pub coverage: f64,
    /// Callbacks booked for a day of the run that got a call on that day.
    pub appointments_kept: f64,
    pub appointments_due: u32,
    /// By grade: share of customer-days on which the last contact was within the grade's
    /// cadence (the due day rolled to a working day, as the rules schedule it).
    pub cadence_adherence: BTreeMap<String, f64>,
    /// Median days between two calls to a customer at stage 4 or 5.
    pub hot_median_gap_days: f64,
    pub calls_per_day: f64,
    pub slots_unused_per_day: f64,
    pub won: u32,
    /// Mean number of active customers per grade over the run.
    pub customers_by_grade: BTreeMap<String, f64>,
    /// Calls a day that keeping every customer within its cadence would take
    /// (a grade with a cadence of c calendar days needs one call every c x 5/7 working days).
    pub cadence_calls_needed_per_day: f64,
    /// Share of commitments (due next calls that were promised or on valuable customers)
    /// called on their day.
    pub commitments_on_day: f64,
    pub commitments_due: u32,
    /// Due customers a day that did not fit on the list.
    pub overflow_per_day: f64,
    /// Calls, other than must-calls, to a customer within the days its "not interested"
    /// pushed the next call out.
    pub not_interested_recalled: u32,
    /// Pending appointments replaced by an earlier miss's rule (must be 0).
    pub appointments_overwritten: u32,
    /// Calls a day it takes to keep the O, H and A cadences and cover the book once a month
    /// (22 working days): whether the quota can hold both.
    pub feasibility_calls_per_day: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SimReport {
    pub planner: Metrics,
    pub baseline: Metrics,
}

impl SimReport {
    pub fn to_text(&self, opts: &SimOptions) -> String {
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        let mut rows = vec![
            (
                "coverage (first 22 working days)".to_string(),
                pct(self.planner.coverage),
                pct(self.baseline.coverage),
            ),
            (
                format!("appointments kept ({} due)", self.planner.appointments_due),
                pct(self.planner.appointments_kept),
                pct(self.baseline.appointments_kept),
            ),
        ];
        for grade in Grade::ALL {
            let g = grade.as_str().to_string();
            rows.push((
                format!("cadence adherence {g}"),
                self.planner
                    .cadence_adherence
                    .get(&g)
                    .map(|x| pct(*x))
                    .unwrap_or_else(|| "-".into()),
                self.baseline
                    .cadence_adherence
                    .get(&g)
                    .map(|x| pct(*x))
                    .unwrap_or_else(|| "-".into()),
            ));
        }
        rows.push((
            "hot deals: median days between calls".into(),
            format!("{:.1}", self.planner.hot_median_gap_days),
            format!("{:.1}", self.baseline.hot_median_gap_days),
        ));
        rows.push((
            "calls per day".into(),
            format!("{:.1}", self.planner.calls_per_day),
            format!("{:.1}", self.baseline.calls_per_day),
        ));
        rows.push((
            "slots unused per day".into(),
            format!("{:.1}", self.planner.slots_unused_per_day),
            format!("{:.1}", self.baseline.slots_unused_per_day),
        ));
        rows.push((
            "calls needed a day to keep every cadence".into(),
            format!("{:.1}", self.planner.cadence_calls_needed_per_day),
            format!("{:.1}", self.baseline.cadence_calls_needed_per_day),
        ));
        rows.push((
            format!(
                "commitments on their day ({} due)",
                self.planner.commitments_due
            ),
            pct(self.planner.commitments_on_day),
            pct(self.baseline.commitments_on_day),
        ));
        rows.push((
            "overflow per day (due, did not fit)".into(),
            format!("{:.1}", self.planner.overflow_per_day),
            format!("{:.1}", self.baseline.overflow_per_day),
        ));
        rows.push((
            "not-interested customers re-called".into(),
            self.planner.not_interested_recalled.to_string(),
            self.baseline.not_interested_recalled.to_string(),
        ));
        rows.push((
            "appointments overwritten".into(),
            self.planner.appointments_overwritten.to_string(),
            self.baseline.appointments_overwritten.to_string(),
        ));
        rows.push((
            "calls a day for O/H/A cadence + coverage".into(),
            format!("{:.1}", self.planner.feasibility_calls_per_day),
            format!("{:.1}", self.baseline.feasibility_calls_per_day),
        ));
        rows.push((
            "deals won".into(),
            self.planner.won.to_string(),
            self.baseline.won.to_string(),
        ));
        let mut out = format!(
            "Simulated {} customers, quota {}, {} working days from {}, seed {}\n\n{:<40} {:>10} {:>10}\n",
            opts.customers, opts.quota, opts.days, opts.start, opts.seed, "", "planner", "baseline"
        );
        for (name, a, b) in rows {
            out.push_str(&format!("{name:<40} {a:>10} {b:>10}\n"));
        }
        out
    }
}

#[derive(Clone, Copy)]
enum Planner {
    Real,
    Baseline,
}

/// Runs both planners on the same synthetic book.
pub fn run(opts: &SimOptions, config: &Config) -> Result<SimReport> {
    if opts.customers == 0 || opts.customers > 100_000 {
        return Err(crate::Error::invalid(
            "--customers must be between 1 and 100000",
        ));
    }
    if opts.days == 0 || opts.days > 260 {
        return Err(crate::Error::invalid(
            "--days must be between 1 and 260 working days",
        ));
    }
    if opts.quota == 0 {
        return Err(crate::Error::invalid("--quota must be at least 1"));
    }
    Ok(SimReport {
        planner: run_one(opts, config, Planner::Real)?,
        baseline: run_one(opts, config, Planner::Baseline)?,
    })
}

/// A temporary database file removed when dropped.
struct TempDb(PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

struct Hidden {
    reachability: f64,
    propensity: f64,
}

fn at(clock: &Clock, d: NaiveDate, minutes: u32) -> Clock {
    let t = NaiveTime::from_hms_opt(minutes / 60 % 24, minutes % 60, 0).expect("valid time");
    clock.with_local(d.and_time(t))
}

fn run_one(opts: &SimOptions, config: &Config, which: Planner) -> Result<Metrics> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp =
        TempDb(std::env::temp_dir().join(format!("calldeck-sim-{}-{n}.db", std::process::id())));
    let mut store = Store::open(&tmp.0)?;
    let cal = config.calendar();
    let base_clock = Clock::parse("2000-01-01T00:00:00+00:00")?;
    let start = cal.roll_forward(opts.start);
    let rep = store.add_rep(
        "sim",
        RepRole::Rep,
        Some(opts.quota),
        &at(&base_clock, start, 0),
    )?;
    let hidden = build_book(&mut store, rep.id, opts, config, &cal, &base_clock, start)?;

    let coverage_days = opts.days.min(22);
    let mut called_in_window: HashSet<i64> = HashSet::new();
    let mut appointments_due = 0u32;
    let mut appointments_kept = 0u32;
    let mut adherence: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut hot_gaps: Vec<i64> = Vec::new();
    let mut calls_made = 0u64;
    let mut unused = 0u64;
    let mut won = 0u32;
    let mut last_reached: HashMap<i64, NaiveDate> = HashMap::new();
    let (mut commitments_due, mut commitments_kept) = (0u32, 0u32);
    let mut overflow_total = 0u64;
    let mut not_interested_on: HashMap<i64, NaiveDate> = HashMap::new();
    let mut not_interested_recalled = 0u32;
    let mut appointments_overwritten = 0u32;

    let mut day = start;
    for day_index in 0..opts.days {
        let morning = at(&base_clock, day, 8 * 60);
        store.expire_contracts(&morning)?;
        let book = store.plan_book(rep.id, day, &morning, &cal)?;
        let due_appointments: HashSet<i64> = book
            .iter()
            .filter(|c| {
                c.state
                    .next_call
                    .is_some_and(|n| n.date == day && n.time.is_some())
            })
            .map(|c| c.id)
            .collect();
        let commitments: HashSet<i64> = book
            .iter()
            .filter(|c| {
                c.has_phone
                    && c.state.status == Status::Active
                    && is_commitment(c, day, config, &cal)
            })
            .map(|c| c.id)
            .collect();
        let plan = match which {
            Planner::Real => plan_day(&book, day, opts.quota, config, &cal),
            Planner::Baseline => plan_baseline(&book, day, opts.quota),
        };
        overflow_total += plan.overflow_count as u64;
        let by_id: HashMap<i64, &crate::planner::PlanCustomer> =
            book.iter().map(|c| (c.id, c)).collect();
        let mut called_today = HashSet::new();
        // The rep works down the list, calling each appointment at its time.
        let mut calls: Vec<(u32, &crate::planner::PlanEntry)> = plan
            .entries
            .iter()
            .enumerate()
            .map(|(slot, e)| {
                let mut minutes = 9 * 60 + slot as u32 * 7;
                if let Some(c) = by_id.get(&e.customer_id)
                    && let Some(n) = c.state.next_call
                    && n.date == day
                    && let Some(t) = n.time
                {
                    minutes = t.hour() * 60 + t.minute();
                }
                (minutes, e)
            })
            .collect();
        calls.sort_by_key(|(minutes, e)| (*minutes, e.position));
        let tx = store.transaction()?;
        for (minutes, entry) in calls {
            let Some(c) = by_id.get(&entry.customer_id) else {
                continue;
            };
            let clock = at(&base_clock, day, minutes);
            if !entry.must()
                && not_interested_on.get(&c.id).is_some_and(|d| {
                    (day - *d).num_days() < config.outcomes.not_interested_days as i64
                })
            {
                not_interested_recalled += 1;
            }
            if matches!(c.state.stage, 4 | 5)
                && let Some(last) = c.last_contact_day
            {
                hot_gaps.push((day - last).num_days());
            }
            let mut rng = Rng::new(
                opts.seed ^ (c.id as u64).wrapping_mul(0x9E37_79B9) ^ ((day_index as u64) << 40),
            );
            let h = &hidden[&c.id];
            let input = draw(&mut rng, c, h, last_reached.get(&c.id).copied(), day, &cal);
            match crate::store::record_call_in(&tx, rep.id, c.id, &input, config, &cal, &clock) {
                Ok(r) => {
                    calls_made += 1;
                    called_today.insert(c.id);
                    if let Some(before) = c.state.next_call
                        && c.state.next_call_by != NextCallBy::Rule
                        && appointment_ahead(before, &clock)
                        && matches!(input.outcome, Outcome::NoAnswer | Outcome::Busy)
                        && r.effect.after.next_call != Some(before)
                    {
                        appointments_overwritten += 1;
                    }
                    if input.outcome == Outcome::NotInterested {
                        not_interested_on.insert(c.id, day);
                    }
                    if day_index < coverage_days {
                        called_in_window.insert(c.id);
                    }
                    if r.effect.reached {
                        last_reached.insert(c.id, day);
                    }
                    if input.outcome == Outcome::Won {
                        won += 1;
                    }
                }
                // The model never draws a choice the rules refuse; if it did, the rep
                // would log something else, so the call is simply not made.
                Err(crate::Error::Invalid(_)) => {}
                Err(e) => return Err(e),
            }
        }
        tx.commit()?;
        unused += (opts.quota as usize).saturating_sub(called_today.len()) as u64;
        appointments_due += due_appointments.len() as u32;
        appointments_kept += due_appointments.intersection(&called_today).count() as u32;
        commitments_due += commitments.len() as u32;
        commitments_kept += commitments.intersection(&called_today).count() as u32;
        // Cadence adherence at the end of the day.
        for c in store.plan_book(rep.id, day, &at(&base_clock, day, 23 * 60), &cal)? {
            let Some(last) = c.last_contact_day else {
                continue;
            };
            let due_on =
                cal.roll_forward(last + Days::new(config.cadence_days(c.state.grade) as u64));
            let slot = adherence
                .entry(c.state.grade.as_str().to_string())
                .or_default();
            slot.1 += 1;
            if day <= due_on {
                slot.0 += 1;
            }
        }
        day = cal.next_working_day(day);
    }
    hot_gaps.sort_unstable();
    let median = if hot_gaps.is_empty() {
        0.0
    } else if hot_gaps.len() % 2 == 1 {
        hot_gaps[hot_gaps.len() / 2] as f64
    } else {
        (hot_gaps[hot_gaps.len() / 2 - 1] + hot_gaps[hot_gaps.len() / 2]) as f64 / 2.0
    };
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let per_day = |grade: &str, all: u64| {
        let cadence = grade
            .parse::<Grade>()
            .map(|g| config.cadence_days(g))
            .unwrap_or(30) as f64;
        all as f64 / opts.days as f64 / (cadence * 5.0 / 7.0).max(1.0)
    };
    let feasibility: f64 = adherence
        .iter()
        .filter(|(g, _)| matches!(g.as_str(), "O" | "H" | "A"))
        .map(|(g, (_, all))| per_day(g, *all))
        .sum::<f64>()
        + opts.customers as f64 / 22.0;
    Ok(Metrics {
        commitments_on_day: ratio(commitments_kept as u64, commitments_due as u64),
        commitments_due,
        overflow_per_day: (overflow_total as f64 / opts.days as f64 * 10.0).round() / 10.0,
        not_interested_recalled,
        appointments_overwritten,
        feasibility_calls_per_day: (feasibility * 10.0).round() / 10.0,
        coverage: ratio(called_in_window.len() as u64, opts.customers as u64),
        appointments_kept: ratio(appointments_kept as u64, appointments_due as u64),
        appointments_due,
        customers_by_grade: adherence
            .iter()
            .map(|(g, (_, all))| {
                (
                    g.clone(),
                    (*all as f64 / opts.days as f64 * 10.0).round() / 10.0,
                )
            })
            .collect(),
        cadence_calls_needed_per_day: {
            let needed: f64 = adherence.iter().map(|(g, (_, all))| per_day(g, *all)).sum();
            (needed * 10.0).round() / 10.0
        },
        cadence_adherence: adherence
            .into_iter()
            .map(|(g, (ok, all))| (g, (ratio(ok, all) * 10_000.0).round() / 10_000.0))
            .collect(),
        hot_median_gap_days: median,
        calls_per_day: calls_made as f64 / opts.days as f64,
        slots_unused_per_day: unused as f64 / opts.days as f64,
        won,
    })
}

fn build_book(
    store: &mut Store,
    rep_id: i64,
    opts: &SimOptions,
    config: &Config,
    cal: &Calendar,
    base_clock: &Clock,
    start: NaiveDate,
) -> Result<HashMap<i64, Hidden>> {
    let mut rng = Rng::new(opts.seed);
    let mut hidden = HashMap::new();
    let tx = store.transaction()?;
    let created = at(base_clock, start - Days::new(400), 9 * 60);
    for i in 0..opts.customers {
        let roll = rng.unit();
        let stage: u8 = match roll {
            r if r < 0.12 => 0,
            r if r < 0.30 => 1,
            r if r < 0.70 => 2,
            r if r < 0.80 => 3,
            r if r < 0.82 => 4,
            r if r < 0.825 => 5,
            r if r < 0.968 => STAGE_WON,
            _ => 7,
        };
        let h = Hidden {
            reachability: 0.25 + rng.unit() * 0.5,
            propensity: 0.05 + rng.unit() * 0.3,
        };
        let mut new = NewCustomer::named(&format!("Customer {i:05}"));
        new.owner_id = Some(rep_id);
        new.contacts.push(crate::store::NewContact {
            name: format!("Contact {i:05}"),
            phone: format!("+86 10 5{i:07}"),
            primary: true,
            ..Default::default()
        });
        new.value_cents = (20 + rng.below(400) as i64) * 100_000;
        new.stage = if stage == STAGE_WON || stage == 7 {
            5
        } else {
            stage
        };
        let id = crate::store::insert_customer(&tx, &new, &created)?;
        if stage == STAGE_WON || stage == 7 {
            // Signed so that contracts end from a month before the start to a year after.
            let offset = if stage == 7 {
                380 + rng.below(30)
            } else {
                40 + rng.below(330)
            };
            let signed = start - Days::new(offset);
            crate::store::import_won_contract(
                &tx,
                id,
                Some(rep_id),
                new.value_cents,
                signed,
                config.contracts.term_months,
                &created,
            )?;
        }
        let never = stage == 0;
        let last = if never {
            None
        } else {
            // A kept book: each customer last called within its grade's cadence.
            let cadence = config.cadence_days(judge(stage, h.propensity)) as u64;
            Some(start - Days::new(1 + rng.below(cadence)))
        };
        let grade = judge(stage, h.propensity);
        let mut next = last.map(|l| {
            NextCall::on(cal.roll_forward(l + Days::new(config.cadence_days(grade) as u64)))
        });
        if !never && rng.chance(0.03) {
            let d = cal.add_working_days(start, rng.below(5) as u32);
            next = Some(NextCall::at(
                d,
                NaiveTime::from_hms_opt(10 + rng.below(7) as u32, 0, 0).expect("valid"),
            ));
        }
        let state = CustomerState {
            stage,
            intent: if stage >= 4 { 3 } else { 1 + (stage > 2) as u8 },
            grade,
            status: Status::Active,
            next_call: next,
            attempts: 0,
            last_contact: last.map(|d| at(base_clock, d, 10 * 60).now_utc()),
            last_reached: last.map(|d| at(base_clock, d, 10 * 60).now_utc()),
            last_not_interested: None,
            value_cents: new.value_cents,
            next_call_by: match next {
                Some(n) if n.time.is_some() => NextCallBy::Customer,
                _ => NextCallBy::Rule,
            },
        };
        crate::store::set_customer_state(&tx, id, &state, created.now_utc())?;
        hidden.insert(id, h);
    }
    tx.commit()?;
    store.expire_contracts(&at(base_clock, start, 7 * 60))?;
    Ok(hidden)
}

/// The grade a rep would give after a conversation, from stage and propensity.
fn judge(stage: u8, propensity: f64) -> Grade {
    match stage {
        5 => Grade::H,
        4 if propensity > 0.3 => Grade::H,
        4 => Grade::A,
        3 if propensity > 0.3 => Grade::A,
        3 | 7 => Grade::B,
        2 if propensity > 0.32 => Grade::B,
        _ => Grade::C,
    }
}

fn draw(
    rng: &mut Rng,
    c: &crate::planner::PlanCustomer,
    h: &Hidden,
    last_reached: Option<NaiveDate>,
    day: NaiveDate,
    cal: &Calendar,
) -> CallInput {
    let since = last_reached.map(|d| (day - d).num_days()).unwrap_or(30) as f64;
    let p_reach = h.reachability * (0.7 + 0.3 * (since / 7.0).min(1.0));
    if c.complaint_open && rng.chance(p_reach) && rng.chance(0.7) {
        return CallInput {
            resolve_complaint: true,
            ..CallInput::new(Outcome::Reached)
        };
    }
    if !rng.chance(p_reach) {
        return CallInput::new(if rng.chance(0.15) {
            Outcome::Busy
        } else {
            Outcome::NoAnswer
        });
    }
    let stage = c.state.stage;
    let mut input = CallInput::new(Outcome::Reached);
    if rng.chance(h.propensity) {
        match stage {
            0..=2 => input.outcome = Outcome::SentInfo,
            3 => input.stage = Some(4),
            4 => input.outcome = Outcome::ContractSent,
            5 | 7 => input.outcome = Outcome::Won,
            _ => {}
        }
    } else {
        let roll = rng.unit();
        if roll < 0.12 {
            input.outcome = Outcome::Callback;
            let d = cal.add_working_days(day, 1 + rng.below(3) as u32);
            let minutes = 10 * 60 + 30 * rng.below(14) as u32;
            input.next = Some(NextCall::at(
                d,
                NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("valid"),
            ));
        } else if roll < 0.18 {
            input.outcome = Outcome::NotInterested;
            input.loss_reason = Some("no_need".into());
        } else if roll < 0.185 {
            input.outcome = Outcome::DoNotCall;
        }
    }
    if stage == STAGE_WON && input.outcome == Outcome::Reached && rng.chance(0.03) {
        input.complaint = Some("service problem".into());
    }
    if matches!(
        input.outcome,
        Outcome::Reached | Outcome::Callback | Outcome::SentInfo | Outcome::ContractSent
    ) {
        let new_stage = match input.outcome {
            Outcome::SentInfo => stage.max(3),
            Outcome::ContractSent => 5,
            _ => input.stage.unwrap_or(stage.max(2)),
        };
        input.grade = Some(if new_stage == STAGE_WON {
            Grade::C
        } else {
            judge(new_stage, h.propensity)
        });
    }
    input
}
