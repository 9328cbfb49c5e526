//! The weekly summary (one ISO week, Monday to Sunday in local dates): one function that
//! returns every figure per rep and for the team; the renderers only format it.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Days, IsoWeek, NaiveDate, NaiveTime, Utc, Weekday};
use serde::Serialize;

use crate::clock::{Clock, first_of_month};
use crate::config::Config;
use crate::domain::{STAGE_RENEWAL, STAGE_WON};
use crate::error::{Error, Result};
use crate::store::{Rep, Store};

/// Days over which the close rate behind `prospects_needed` is observed.
pub const CLOSE_RATE_DAYS: u64 = 90;

/// An ISO week, e.g. 2026-W47.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub year: i32,
    pub week: u32,
}

impl Week {
    /// Parses "YYYY-Www" (also lower case and "YYYY-ww").
    pub fn parse(s: &str) -> Result<Week> {
        let bad = || {
            Error::usage(format!(
                "week '{s}' does not exist: write YYYY-Www, e.g. 2026-W47"
            ))
        };
        let t = s.trim();
        let (y, w) = t.split_once('-').ok_or_else(bad)?;
        let w = w.trim_start_matches(['W', 'w']);
        let year: i32 = y.parse().map_err(|_| bad())?;
        let week: u32 = w.parse().map_err(|_| bad())?;
        // Reports look a week back and a week on: keep both inside four-digit years.
        if !(2..=9998).contains(&year) {
            return Err(bad());
        }
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        Ok(Week { year, week })
    }

    pub fn of(date: NaiveDate) -> Week {
        let iso: IsoWeek = date.iso_week();
        Week {
            year: iso.year(),
            week: iso.week(),
        }
    }

    /// The last complete week before `today`.
    pub fn last_complete(today: NaiveDate) -> Week {
        let monday = today - Days::new(today.weekday().num_days_from_monday() as u64);
        Week::of(monday - Days::new(7))
    }

    pub fn monday(&self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon)
            .expect("weeks are validated when made")
    }

    pub fn sunday(&self) -> NaiveDate {
        self.monday() + Days::new(6)
    }

    pub fn previous(&self) -> Week {
        Week::of(self.monday() - Days::new(7))
    }
}

impl std::fmt::Display for Week {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// Whose figures: one rep, or every rep and the team.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Rep(Rep),
    Team,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Closed {
    pub count: u64,
    pub value_cents: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Complaints {
    pub opened: u64,
    pub resolved: u64,
    /// Mean hours from opening to resolution of those resolved this week; 0 when none.
    pub mean_resolution_hours: f64,
    #[serde(skip)]
    pub resolution_hours_total: f64,
}

/// Every figure of the weekly summary for one rep (or the team). Rates are fractions in
/// 0..=1 and are 0, never NaN, when there is nothing to divide by.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub rep: String,
    /// Non-void calls made.
    pub calls: u64,
    /// Calls on which somebody was reached.
    pub reached: u64,
    /// reached ÷ calls.
    pub connect_rate: f64,
    /// Distinct customers reached.
    pub customers_reached: u64,
    /// Seconds on timed calls (calls logged without a timer add nothing).
    pub talk_time_s: u64,
    /// Distinct customers called.
    pub unique_customers: u64,
    /// Active customers in the book (as it is now) that existed by the week's end.
    pub book: u64,
    /// Of those, called (by anyone) from the first of the month to the week's end.
    pub covered_mtd: u64,
    /// covered_mtd ÷ book.
    pub coverage_mtd: f64,
    /// Entries on the frozen daily plans of the week's finished days (today's list is
    /// still being worked, so it counts from tomorrow).
    pub planned: u64,
    /// Planned entries whose customer got a call from the rep that day.
    pub planned_done: u64,
    /// planned_done ÷ planned.
    pub plan_adherence: f64,
    /// Planned entries not called on their day: planned − planned_done.
    pub skipped: u64,
    /// The skipped entries by the first reason they were planned for ("overdue",
    /// "callback", "not contacted" ...), so a lead sees what was let slide.
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Customers called on a day they were not on the rep's list (distinct per day).
    pub unplanned_calls: u64,
    /// Planned entries the rep moved off their day without a call (`z`), not called later.
    pub planned_skipped: u64,
    /// Those skips by the reason the rep gave.
    pub skip_reasons: BTreeMap<String, u64>,
    /// Appointments that fell due this week (up to today), made by the rep.
    pub appointments_due: u64,
    /// Of those, the ones where the customer got a call on the day.
    pub appointments_kept: u64,
    /// Forward moves made by the rep's calls, keyed "from->to".
    pub stage_advances: BTreeMap<String, u64>,
    pub contracts_sent: u64,
    /// Care calls (birthdays, festivals) planned and made on their day.
    pub care_calls: u64,
    /// Deals closed won this week, by closed date.
    pub won: Closed,
    /// Deals closed lost this week, by closed date.
    pub lost: Closed,
    pub complaints: Complaints,
    /// Σ value of the open deals that existed by the week's end (at their stage and value
    /// now: the file keeps no history of a deal's value).
    pub pipeline_value_cents: i64,
    /// Of the pipeline, the open value at stages somebody has spoken to (2–5, 7).
    pub pipeline_reached_cents: i64,
    /// Of the pipeline, the open value at stages 0–1 (not yet reached).
    pub pipeline_unreached_cents: i64,
    /// Won this week + Σ open value × the stage's win probability (no horizon).
    pub weighted_forecast_cents: i64,
    /// Won in the month of the week's last day (up to it) + open deals expected to close
    /// by the month's end, weighted by stage.
    pub forecast_month_cents: i64,
    /// The same for the quarter of the week's last day.
    pub forecast_quarter_cents: i64,
    /// The month's revenue target (`rep edit --target`; the team's is the reps' sum), and
    /// what the month's forecast falls short of it by (0 when met).
    pub target_month_cents: Option<i64>,
    pub target_gap_cents: Option<i64>,
    /// Deals won ÷ deals closed over the 90 days to the week's end.
    pub close_rate: f64,
    pub won_90d: u64,
    pub lost_90d: u64,
    /// Prospects to work to replace this week's wins at the close rate.
    pub prospects_needed: u64,
    #[serde(skip)]
    pub open_weighted: f64,
}

/// Calls and reached calls on one day of the week (the team's).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayCalls {
    pub date: NaiveDate,
    pub calls: u64,
    pub reached: u64,
}

/// A deal won or lost this week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClosedDeal {
    pub rep: String,
    pub customer_id: i64,
    pub customer: String,
    pub result: String,
    pub value_cents: i64,
    pub closed_on: Option<NaiveDate>,
}

/// The weekly summary: `{week, from, to, reps, team}` plus the calls per day and the
/// deals closed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyReport {
    pub week: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "December 2026" and "Q4 2026": the periods of the forecasts.
    pub month: String,
    pub quarter: String,
    /// The week is still running: its figures are "so far", up to now.
    pub so_far: bool,
    pub reps: Vec<Figures>,
    pub team: Figures,
    pub days: Vec<DayCalls>,
    pub deals: Vec<ClosedDeal>,
    /// The sales method's tables: grades, satisfaction, complaints, losses, tiers.
    #[serde(flatten)]
    pub method: super::method::MethodTables,
}

fn rate(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// A stage change that moves a deal forward: any move up the funnel except into renewal,
/// and a renewal won.
pub fn is_advance(from: u8, to: u8) -> bool {
    (to > from && to != STAGE_RENEWAL) || (from == STAGE_RENEWAL && to == STAGE_WON)
}

impl Figures {
    /// Recomputes the rates and derived figures from the counts.
    fn finish(&mut self) {
        self.connect_rate = rate(self.reached, self.calls);
        self.coverage_mtd = rate(self.covered_mtd, self.book);
        self.plan_adherence = rate(self.planned_done, self.planned);
        self.close_rate = rate(self.won_90d, self.won_90d + self.lost_90d);
        self.target_gap_cents = self
            .target_month_cents
            .map(|t| (t - self.forecast_month_cents).max(0));
        let c = &mut self.complaints;
        c.mean_resolution_hours = if c.resolved == 0 {
            0.0
        } else {
            c.resolution_hours_total / c.resolved as f64
        };
    }

    /// The team: sums over the reps, rates recomputed from the sums.
    pub fn team(reps: &[Figures]) -> Figures {
        let mut t = Figures {
            rep: "team".into(),
            ..Figures::default()
        };
        for r in reps {
            t.calls += r.calls;
            t.reached += r.reached;
            t.customers_reached += r.customers_reached;
            t.talk_time_s += r.talk_time_s;
            t.unique_customers += r.unique_customers;
            t.book += r.book;
            t.covered_mtd += r.covered_mtd;
            t.planned += r.planned;
            t.planned_done += r.planned_done;
            t.skipped += r.skipped;
            for (k, n) in &r.skipped_by_reason {
                *t.skipped_by_reason.entry(k.clone()).or_default() += n;
            }
            t.unplanned_calls += r.unplanned_calls;
            t.planned_skipped += r.planned_skipped;
            for (k, n) in &r.skip_reasons {
                *t.skip_reasons.entry(k.clone()).or_default() += n;
            }
            t.appointments_due += r.appointments_due;
            t.appointments_kept += r.appointments_kept;
            for (k, n) in &r.stage_advances {
                *t.stage_advances.entry(k.clone()).or_default() += n;
            }
            t.contracts_sent += r.contracts_sent;
            t.care_calls += r.care_calls;
            t.won.count += r.won.count;
            t.won.value_cents += r.won.value_cents;
            t.lost.count += r.lost.count;
            t.lost.value_cents += r.lost.value_cents;
            t.complaints.opened += r.complaints.opened;
            t.complaints.resolved += r.complaints.resolved;
            t.complaints.resolution_hours_total += r.complaints.resolution_hours_total;
            t.pipeline_value_cents += r.pipeline_value_cents;
            t.pipeline_reached_cents += r.pipeline_reached_cents;
            t.pipeline_unreached_cents += r.pipeline_unreached_cents;
            t.forecast_month_cents += r.forecast_month_cents;
            t.forecast_quarter_cents += r.forecast_quarter_cents;
            if let Some(target) = r.target_month_cents {
                *t.target_month_cents.get_or_insert(0) += target;
            }
            t.weighted_forecast_cents += r.weighted_forecast_cents;
            t.won_90d += r.won_90d;
            t.lost_90d += r.lost_90d;
            t.prospects_needed += r.prospects_needed;
            t.open_weighted += r.open_weighted;
        }
        t.finish();
        t
    }
}

/// The first word of a reason chip, without its figures: "overdue 3d" → "overdue",
/// "callback 15:00" → "callback", "not contacted 34d" → "not contacted". A chip of the
/// form "kind: detail" ("B: every 15d", "hot: contract sent") is its own kind.
pub fn reason_kind(chip: &str) -> String {
    if chip.contains(':') && !chip.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        let (head, _) = chip.split_once(':').unwrap_or((chip, ""));
        if !head.chars().any(|c| c.is_ascii_digit()) && !head.contains(' ') {
            return chip.trim().to_string();
        }
    }
    let words: Vec<&str> = chip
        .split_whitespace()
        .take_while(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    if words.is_empty() {
        chip.trim().to_string()
    } else {
        words.join(" ")
    }
}

/// Computes the weekly summary of `week` for `scope`. `clock` says what "today" is (future
/// appointments are not yet due).
pub fn weekly(
    store: &Store,
    config: &Config,
    clock: &Clock,
    week: Week,
    scope: &Scope,
) -> Result<WeeklyReport> {
    weekly_until(store, config, clock, week, scope, None)
}

/// The weekly summary counting only what happened before `until`: a running week is
/// compared with the same stretch of the week before, not with all seven of its days.
pub fn weekly_until(
    store: &Store,
    config: &Config,
    clock: &Clock,
    week: Week,
    scope: &Scope,
    until: Option<DateTime<Utc>>,
) -> Result<WeeklyReport> {
    let mut report = period_until(
        store,
        config,
        clock,
        (week.monday(), week.sunday()),
        scope,
        until,
    )?;
    report.week = week.to_string();
    let all = store.reps()?;
    let reps: Vec<(i64, String)> = report
        .reps
        .iter()
        .filter_map(|f| all.iter().find(|r| r.name == f.rep))
        .map(|r| (r.id, r.name.clone()))
        .collect();
    let start = clock.to_utc(week.monday().and_time(NaiveTime::MIN));
    let end = clock.to_utc((week.sunday() + Days::new(1)).and_time(NaiveTime::MIN));
    let end = until.map_or(end, |u| end.min(u));
    report.method = super::method::tables(store, clock, &reps, start, end, true)?;
    Ok(report)
}

/// The summary's figures over the local days `from..=to` (a week, or one day for the
/// daily report), counting only what happened before `until`.
pub(crate) fn period_until(
    store: &Store,
    config: &Config,
    clock: &Clock,
    (from, to): (NaiveDate, NaiveDate),
    scope: &Scope,
    until: Option<DateTime<Utc>>,
) -> Result<WeeklyReport> {
    let n_days = (to - from).num_days().max(0) as usize + 1;
    let midnight = |d: NaiveDate| -> DateTime<Utc> { clock.to_utc(d.and_time(NaiveTime::MIN)) };
    let offset = clock.offset();
    let today = clock.today();
    let so_far = until.is_none() && (from..=to).contains(&today);
    let clamp = |t: DateTime<Utc>| until.map_or(t, |u| t.min(u));
    let (from_utc, to_utc) = (midnight(from), clamp(midnight(to + Days::new(1))));
    // The last local day with anything counted, and the days whose plans are finished.
    let last_day = until.map_or(to, |u| {
        (u - chrono::Duration::seconds(1))
            .with_timezone(&offset)
            .date_naive()
            .min(to)
    });
    let plans_before = today.min(last_day + Days::new(1));

    let reps: Vec<Rep> = match scope {
        Scope::Rep(rep) => vec![rep.clone()],
        Scope::Team => store.reps()?,
    };
    // The one rep whose rows the store reads, or the whole team's.
    let only = match scope {
        Scope::Rep(rep) => Some(rep.id),
        Scope::Team => None,
    };
    let mut by_id: HashMap<i64, Figures> = reps
        .iter()
        .map(|r| {
            (
                r.id,
                Figures {
                    rep: r.name.clone(),
                    ..Figures::default()
                },
            )
        })
        .collect();

    // Calls: counts, distinct customers, and the (rep, customer, day) list that plan
    // adherence looks up. Sorted lists rather than hash sets: a busy team week has tens of
    // thousands of calls and this is the report's hottest loop.
    let bounds: Vec<DateTime<Utc>> = from
        .iter_days()
        .take(n_days + 1)
        .map(|d| clamp(midnight(d)))
        .collect();
    let calls = store.calls_between(&bounds, only)?;
    let mut called: Vec<(i64, i64, u32)> = Vec::with_capacity(calls.len());
    let mut reached_customers: Vec<(i64, i64)> = Vec::new();
    let mut days: Vec<DayCalls> = from
        .iter_days()
        .take(n_days)
        .map(|date| DayCalls {
            date,
            calls: 0,
            reached: 0,
        })
        .collect();
    for c in &calls {
        let Some(f) = by_id.get_mut(&c.rep_id) else {
            continue;
        };
        f.calls += 1;
        f.reached += u64::from(c.reached);
        f.contracts_sent += u64::from(c.contract_sent);
        f.talk_time_s += u64::from(c.duration_s);
        called.push((c.rep_id, c.customer_id, c.day));
        if c.reached {
            reached_customers.push((c.rep_id, c.customer_id));
        }
        if let Some(d) = days.get_mut(c.day as usize) {
            d.calls += 1;
            d.reached += u64::from(c.reached);
        }
    }
    called.sort_unstable();
    called.dedup();
    let mut unique: Vec<(i64, i64)> = called.iter().map(|(r, c, _)| (*r, *c)).collect();
    unique.dedup();
    reached_customers.sort_unstable();
    reached_customers.dedup();
    for (rep_id, _) in &unique {
        if let Some(f) = by_id.get_mut(rep_id) {
            f.unique_customers += 1;
        }
    }
    for (rep_id, _) in &reached_customers {
        if let Some(f) = by_id.get_mut(rep_id) {
            f.customers_reached += 1;
        }
    }

    // Month-to-date coverage: the month of the week's last day, up to that day.
    let month_start = midnight(first_of_month(to));
    for (owner, (book, covered)) in store.book_coverage(month_start, to_utc, only)? {
        if let Some(f) = by_id.get_mut(&owner) {
            f.book = book;
            f.covered_mtd = covered;
        }
    }

    for rep in &reps {
        let entries = store.plan_entries_between(rep.id, from, to)?;
        let Some(f) = by_id.get_mut(&rep.id) else {
            continue;
        };
        let mut on_plan: Vec<(i64, u32)> = Vec::with_capacity(entries.len());
        for e in &entries {
            let day = (e.day - from).num_days() as u32;
            on_plan.push((e.customer_id, day));
            if e.reasons.iter().any(|r| r.starts_with("care:"))
                && called.binary_search(&(rep.id, e.customer_id, day)).is_ok()
            {
                f.care_calls += 1;
            }
            if e.day >= plans_before {
                continue;
            }
            f.planned += 1;
            if called.binary_search(&(rep.id, e.customer_id, day)).is_ok() {
                f.planned_done += 1;
            } else {
                f.skipped += 1;
                let kind = e
                    .reasons
                    .first()
                    .map_or_else(|| "scored".to_string(), |r| reason_kind(r));
                *f.skipped_by_reason.entry(kind).or_default() += 1;
            }
        }
        // Planned calls the rep moved off their day with `z` and did not make: a customer
        // snoozed twice on one day is one skip, for the last reason.
        let skips: BTreeMap<(NaiveDate, i64), String> = store
            .skips_between(rep.id, from, to)?
            .into_iter()
            .map(|(day, customer, reason)| ((day, customer), reason))
            .collect();
        for ((day, customer), reason) in skips {
            let offset = (day - from).num_days() as u32;
            let planned = entries
                .iter()
                .any(|e| e.day == day && e.customer_id == customer);
            if planned && called.binary_search(&(rep.id, customer, offset)).is_err() {
                f.planned_skipped += 1;
                *f.skip_reasons.entry(reason).or_default() += 1;
            }
        }
        on_plan.sort_unstable();
        let first = called.partition_point(|(r, _, _)| *r < rep.id);
        f.unplanned_calls = called[first..]
            .iter()
            .take_while(|(r, _, _)| *r == rep.id)
            .filter(|(_, c, day)| on_plan.binary_search(&(*c, *day)).is_err())
            .count() as u64;
    }

    for a in store.appointments_due(from, to, offset, only)? {
        // An appointment later today is not missed yet.
        if a.date > today.min(last_day) || (a.date == today && !a.kept) {
            continue;
        }
        if let Some(f) = by_id.get_mut(&a.rep_id) {
            f.appointments_due += 1;
            f.appointments_kept += u64::from(a.kept);
        }
    }

    for (rep_id, s_from, s_to, n) in store.stage_moves_by_rep(from_utc, to_utc, only)? {
        if is_advance(s_from, s_to)
            && let Some(f) = by_id.get_mut(&rep_id)
        {
            *f.stage_advances
                .entry(format!("{s_from}->{s_to}"))
                .or_default() += n;
        }
    }

    for (owner, won, count, value) in store.closed_deals(from, last_day, only)? {
        if let Some(f) = by_id.get_mut(&owner) {
            let slot = if won { &mut f.won } else { &mut f.lost };
            slot.count += count;
            slot.value_cents += value;
        }
    }
    let window_start = to - Days::new(CLOSE_RATE_DAYS - 1);
    for (owner, won, count, _) in store.closed_deals(window_start, to, only)? {
        if let Some(f) = by_id.get_mut(&owner) {
            if won {
                f.won_90d += count;
            } else {
                f.lost_90d += count;
            }
        }
    }

    for c in store.complaints_between(from_utc, to_utc)? {
        if c.opened_at >= from_utc
            && c.opened_at < to_utc
            && let Some(f) = c.opened_by.and_then(|r| by_id.get_mut(&r))
        {
            f.complaints.opened += 1;
        }
        if let Some(resolved) = c.resolved_at.filter(|t| *t >= from_utc && *t < to_utc)
            && let Some(f) = c.resolved_by.and_then(|r| by_id.get_mut(&r))
        {
            f.complaints.resolved += 1;
            f.complaints.resolution_hours_total +=
                (resolved - c.opened_at).num_seconds() as f64 / 3600.0;
        }
    }

    for (owner, stage, _, value) in store.open_deals_at(to, to_utc, only)? {
        if let Some(f) = by_id.get_mut(&owner) {
            f.pipeline_value_cents += value;
            if super::forecast::is_reached_stage(stage) {
                f.pipeline_reached_cents += value;
            } else {
                f.pipeline_unreached_cents += value;
            }
            f.open_weighted += value as f64 * config.win_probability(stage);
        }
    }

    for (owner, forecast) in super::forecast::forecasts(store, config, today, last_day, only)? {
        if let Some(f) = by_id.get_mut(&owner) {
            f.forecast_month_cents = forecast.month_cents;
            f.forecast_quarter_cents = forecast.quarter_cents;
        }
    }

    let mut out = Vec::with_capacity(reps.len());
    for rep in &reps {
        let mut f = by_id.remove(&rep.id).unwrap_or_default();
        f.target_month_cents = rep.target_cents;
        f.weighted_forecast_cents = f.won.value_cents + f.open_weighted.round() as i64;
        f.finish();
        f.prospects_needed = if f.won.count == 0 || f.close_rate == 0.0 {
            0
        } else {
            (f.won.count as f64 / f.close_rate).ceil() as u64
        };
        // A lead with no book and nothing recorded is not part of the week.
        let idle = f.calls == 0 && f.book == 0 && f.won.count + f.lost.count == 0;
        if rep.is_lead() && idle && matches!(scope, Scope::Team) {
            continue;
        }
        out.push(f);
    }
    let team = Figures::team(&out);
    let deals = store
        .closed_deal_list(from, to, only)?
        .into_iter()
        .filter_map(|d| {
            let rep = d.owner.filter(|o| out.iter().any(|f| &f.rep == o))?;
            Some(ClosedDeal {
                rep,
                customer_id: d.customer_id,
                customer: d.customer,
                result: d.result,
                value_cents: d.value_cents,
                closed_on: d.closed_on,
            })
        })
        .collect();
    Ok(WeeklyReport {
        week: String::new(),
        from,
        to,
        month: super::forecast::month_label(last_day),
        quarter: super::forecast::quarter_label(last_day),
        so_far,
        reps: out,
        team,
        days,
        deals,
        method: super::method::MethodTables::default(),
    })
}

#[cfg(test)]
#[path = "weekly_tests.rs"]
mod tests;
