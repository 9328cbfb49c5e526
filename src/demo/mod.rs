//! The demo generator: a realistic, deterministic team book with 90 days of call history,
//! recorded through the same call-recording function reps use, so it obeys every rule.

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use crate::clock::{Calendar, Clock};
use crate::config::Config;
use crate::domain::{
    CallInput, Grade, NextCall, Outcome, Role, STAGE_WON, Status, Style, WonTerms,
};
use crate::error::{Error, Result};

mod names;
use crate::store::{NewContact, NewCustomer, RepRole, Store};
use names::*;

mod day;

pub struct DemoOptions {
    pub reps: u32,
    pub customers: u32,
    pub days: u32,
    pub seed: u64,
    /// Calls each rep works through on a history day; `None`: 50 to 61, like a real rep.
    /// A larger number makes a million-call file in a few working days' worth of history.
    pub calls_per_day: Option<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct DemoSummary {
    pub reps: Vec<String>,
    pub first_rep: String,
    pub customers: usize,
    pub contacts: usize,
    pub calls: usize,
    pub contracts: usize,
    pub appointments_today: usize,
    pub open_complaints: usize,
}

impl DemoSummary {
    pub fn describe(&self, path: &Path) -> String {
        [
            crate::t!("demo-title", path = path.display().to_string()),
            format!("  {}", crate::t!("demo-reps", reps = self.reps.join(", "))),
            format!(
                "  {}",
                crate::t!(
                    "demo-book",
                    customers = self.customers,
                    contacts = self.contacts,
                    contracts = self.contracts
                )
            ),
            format!(
                "  {}",
                crate::t!(
                    "demo-history",
                    calls = self.calls,
                    appointments = self.appointments_today,
                    complaints = self.open_complaints
                )
            ),
        ]
        .join("\n")
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same demo on every
/// platform and with every version of every crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Builds the demo at `path`. Refuses to touch a file that is not a demo.
pub fn build(
    path: &Path,
    opts: &DemoOptions,
    config: &Config,
    clock: &Clock,
) -> Result<DemoSummary> {
    if opts.reps == 0 || opts.reps as usize > REP_NAMES.len() {
        return Err(Error::usage(format!(
            "--reps must be between 1 and {}",
            REP_NAMES.len()
        )));
    }
    if opts.customers == 0 || opts.customers > 200_000 {
        return Err(Error::usage("--customers must be between 1 and 200000"));
    }
    if opts.days > 3650 {
        return Err(Error::usage("--days must be at most 3650"));
    }
    if opts.calls_per_day.is_some_and(|n| n == 0 || n > 480) {
        return Err(Error::invalid(
            "--calls-per-day must be between 1 and 480 (a call a minute in an eight-hour day)",
        ));
    }
    let on_server =
        crate::store::address::classify(path)? != crate::store::address::Address::Sqlite;
    if on_server || path.exists() {
        let existing = Store::open(path)?;
        if !existing.is_empty()? && existing.meta("demo")?.as_deref() != Some("true") {
            return Err(Error::invalid(format!(
                "{} holds real data (it is not a demo): give another file with --db",
                path.display()
            )));
        }
        if on_server {
            existing.drop_all_tables()?;
        }
        drop(existing);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = std::path::PathBuf::from(p);
            if !on_server && p.exists() {
                std::fs::remove_file(&p)
                    .map_err(|e| Error::io("cannot replace the demo", &p, e))?;
            }
        }
    }
    let mut store = Store::open(path)?;
    store.set_meta("demo", "true")?;
    let summary = generate(&mut store, opts, config, clock)?;
    Ok(summary)
}

/// History days written in one transaction.
const DAYS_PER_COMMIT: usize = 5;

struct Book {
    rep_id: i64,
    /// How this rep works their list (each rep differs).
    habits: &'static day::Habits,
    index: std::collections::HashMap<i64, usize>,
    /// (customer id, next call, last contact day) kept in memory to pick each day's calls.
    customers: Vec<Tracked>,
}

struct Tracked {
    id: i64,
    next: Option<NextCall>,
    last: Option<NaiveDate>,
    active: bool,
    stage: u8,
    complaint: bool,
}

fn generate(
    store: &mut Store,
    opts: &DemoOptions,
    config: &Config,
    clock: &Clock,
) -> Result<DemoSummary> {
    let mut rng = Rng::new(opts.seed);
    let cal = config.calendar();
    let today = clock.today();
    let start = today - Days::new(opts.days as u64);
    let at = |d: NaiveDate, h: u32, m: u32| {
        clock.with_local(d.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time")))
    };
    let mut summary = DemoSummary::default();
    let created = at(start - Days::new(30), 9, 0);
    store.add_rep("lead", RepRole::Lead, None, &created)?;
    // A team-sized demo writes far more than SQLite's default 2 MiB page cache holds; a
    // larger cache keeps a day's pages from being spilled and read back per call.
    store.prepare_for_generation(256)?;
    let tx = store.transaction()?;
    let mut books = Vec::new();
    let mut fresh_leads = Vec::new();
    let mut companies = std::collections::HashSet::new();
    for (r, name) in REP_NAMES.iter().take(opts.reps as usize).enumerate() {
        crate::store::insert_rep(&tx, name, RepRole::Rep, None, &created)?;
        let rep_id = tx.last_insert_rowid()?;
        summary.reps.push((*name).to_string());
        let mut book = Book {
            rep_id,
            habits: &day::HABITS[r % day::HABITS.len()],
            index: std::collections::HashMap::new(),
            customers: Vec::new(),
        };
        let mut expiring_soon = 0;
        for i in 0..opts.customers {
            let chinese = rng.chance(0.55);
            let person = rng.chance(0.08);
            let company = unique_company(&mut rng, chinese, &mut companies);
            let contact_count = 1 + rng.below(3) as usize;
            let mut contacts = Vec::new();
            for k in 0..contact_count {
                contacts.push(NewContact {
                    name: person_name(&mut rng, chinese),
                    role: *rng.pick(&Role::ALL),
                    phone: phone(&mut rng, chinese),
                    email: if rng.chance(0.6) {
                        format!("contact{}.{}.{}@example.com", r, i, k)
                    } else {
                        String::new()
                    },
                    style: Some(*rng.pick(&Style::ALL)),
                    // Some contacts' birthdays, from 4 to 270 days ahead: on the cards, and
                    // never on a list of the history or of the next days.
                    birthday: ((i as usize + k) % 5 == 1).then(|| {
                        let ahead = 4 + (i as u64 * 37 + k as u64 * 11) % 267;
                        let b = today + Days::new(ahead);
                        b.with_year(b.year() - 35).unwrap_or(b)
                    }),
                    primary: k == 0,
                });
            }
            let mut new = NewCustomer::named(&if person {
                contacts[0].name.clone()
            } else {
                company.clone()
            });
            new.company = if person { String::new() } else { company };
            new.industry = rng.pick(INDUSTRIES).to_string();
            new.region = rng.pick(REGIONS).to_string();
            new.source = rng.pick(SOURCES).to_string();
            new.owner_id = Some(rep_id);
            new.stage = if rng.chance(0.5) { 0 } else { 1 };
            new.grade = *rng.pick(&[Grade::B, Grade::C, Grade::C, Grade::C]);
            new.value_cents = (5 + rng.below(200) as i64) * 500 * 100;
            if person {
                let birthday_offset = rng.below(365);
                new.birthday = (today - Days::new(30 * 365 + birthday_offset)).into();
            }
            new.contacts = contacts;
            summary.customers += 1;
            summary.contacts += new.contacts.len();
            // Newest leads arrive this morning, after the history: not called yet.
            if rng.chance(0.02) {
                fresh_leads.push(new);
                continue;
            }
            let created_on = start - Days::new(rng.below(300));
            let id = crate::store::insert_customer(&tx, &new, &at(created_on, 8, 30))?;
            // Some were won before the history window: their contracts run out during it,
            // this month, or later.
            let mut stage = new.stage;
            if rng.chance(0.12) {
                // The first few of each book expire this month, so renewals are due soon.
                let signed = if expiring_soon < 3 {
                    expiring_soon += 1;
                    let left = (crate::clock::last_of_month(today) - today)
                        .num_days()
                        .max(0) as u64;
                    let end = today + Days::new(rng.below(left + 1));
                    end.checked_sub_months(chrono::Months::new(config.contracts.term_months))
                        .map(|d| d + Days::new(1))
                        .unwrap_or(today)
                } else {
                    today - Days::new(100 + rng.below(330))
                };
                crate::store::import_won_contract(
                    &tx,
                    id,
                    Some(rep_id),
                    new.value_cents,
                    signed,
                    config.contracts.term_months,
                    &at(signed, 11, 0),
                )?;
                stage = STAGE_WON;
            }
            book.index.insert(id, book.customers.len());
            book.customers.push(Tracked {
                id,
                next: None,
                last: None,
                active: true,
                stage,
                complaint: false,
            });
        }
        books.push(book);
    }

    tx.commit()?;

    // A transaction per history week: the write-ahead log stays a week long instead of
    // growing with the whole history, and a page changed every day is written once a week
    // rather than daily. The file says it is a demo from the start, so a build cut short
    // is simply built again.
    let mut calls = 0usize;
    let mut day = cal.roll_forward(start);
    while day < today {
        let tx = store.transaction()?;
        for _ in 0..DAYS_PER_COMMIT {
            if day >= today {
                break;
            }
            crate::store::expire_contracts_in(&tx, &at(day, 8, 0))?;
            for book in &mut books {
                calls += day::work_day(
                    &tx,
                    book,
                    day,
                    opts.calls_per_day,
                    &mut rng,
                    config,
                    &cal,
                    &at,
                )?;
            }
            day = cal.next_working_day(day);
        }
        tx.commit()?;
    }
    let tx = store.transaction()?;
    crate::store::expire_contracts_in(&tx, &at(today, 7, 0))?;
    for new in &fresh_leads {
        crate::store::insert_customer(&tx, new, &at(today, 8, 30))?;
    }
    // Today's appointments, made on the last working day.
    let yesterday = cal.previous_working_day(today);
    for book in &mut books {
        let mut made = 0;
        let candidates: Vec<usize> = (0..book.customers.len())
            .filter(|&i| {
                book.customers[i].active
                    && book.customers[i].stage >= 2
                    && book.customers[i].stage != STAGE_WON
            })
            .collect();
        for &i in candidates.iter().step_by(37).take(5) {
            let time =
                NaiveTime::from_hms_opt(10 + (made * 3) / 2, if made % 2 == 0 { 0 } else { 30 }, 0)
                    .expect("valid");
            let input = CallInput {
                next: Some(NextCall::at(today, time)),
                note: "Asked to be called back at this time".into(),
                ..CallInput::new(Outcome::Callback)
            };
            if log_call(
                &tx,
                book.rep_id,
                &mut book.customers[i],
                &input,
                config,
                &cal,
                &at(yesterday, 17, 30 + made),
            )? {
                calls += 1;
                made += 1;
            }
        }
        summary.appointments_today += made as usize;
        // A few complaints raised on the last working day, still open this morning.
        let signed: Vec<usize> = (0..book.customers.len())
            .filter(|&i| {
                let t = &book.customers[i];
                t.active && t.stage == STAGE_WON && !t.complaint
            })
            .collect();
        for (k, &i) in signed.iter().step_by(11).take(2).enumerate() {
            let which = (book.customers[i].id as usize + k) % COMPLAINTS.len();
            let input = CallInput {
                complaint: Some(COMPLAINTS[which].to_string()),
                complaint_category: Some(complaint_category(which).into()),
                note: "Customer called in upset".into(),
                ..CallInput::new(Outcome::Reached)
            };
            if log_call(
                &tx,
                book.rep_id,
                &mut book.customers[i],
                &input,
                config,
                &cal,
                &at(yesterday, 16, 40 + k as u32),
            )? {
                calls += 1;
            }
        }
    }
    tx.commit()?;
    summary.calls = calls;
    summary.first_rep = summary.reps.first().cloned().unwrap_or_default();
    summary.contracts = store
        .row_counts()?
        .into_iter()
        .find(|(n, _)| n == "contracts")
        .map(|(_, n)| n as usize)
        .unwrap_or(0);
    summary.open_complaints = store.open_complaint_count()?;
    Ok(summary)
}

/// Records one demo call and keeps the in-memory view in step. False when the rules refuse
/// the drawn choice (e.g. a win without value): the rep would log something else.
fn log_call(
    tx: &crate::store::Transaction,
    rep_id: i64,
    t: &mut Tracked,
    input: &CallInput,
    config: &Config,
    cal: &Calendar,
    clock: &Clock,
) -> Result<bool> {
    match crate::store::record_call_in(tx, rep_id, t.id, input, config, cal, clock) {
        Ok(r) => {
            let after = &r.effect.after;
            t.next = after.next_call;
            t.last = Some(clock.today());
            t.stage = after.stage;
            t.active = after.status == Status::Active;
            if r.effect.open_complaint.is_some() {
                t.complaint = true;
            }
            if r.effect.resolve_complaint {
                t.complaint = false;
            }
            Ok(true)
        }
        Err(Error::Invalid(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

fn draw_call(rng: &mut Rng, t: &Tracked, day: NaiveDate, cal: &Calendar) -> CallInput {
    let mut input = CallInput::new(Outcome::NoAnswer);
    if t.complaint && rng.chance(0.6) {
        input.outcome = Outcome::Reached;
        input.resolve_complaint = true;
        input.note = "Complaint sorted out, customer satisfied".into();
        return input;
    }
    let reach = match t.stage {
        0 | 1 => 0.35,
        4 | 5 => 0.7,
        _ => 0.55,
    };
    if !rng.chance(reach) {
        let roll = rng.unit();
        input.outcome = if roll < 0.8 {
            Outcome::NoAnswer
        } else if roll < 0.995 {
            Outcome::Busy
        } else {
            Outcome::WrongNumber
        };
        return input;
    }
    let roll = rng.unit();
    let (outcome, stage, grade): (Outcome, Option<u8>, Grade) = match t.stage {
        0..=2 => {
            if roll < 0.45 {
                (
                    Outcome::Reached,
                    None,
                    *rng.pick(&[Grade::B, Grade::C, Grade::C]),
                )
            } else if roll < 0.65 {
                (Outcome::SentInfo, None, Grade::B)
            } else if roll < 0.75 {
                (Outcome::Callback, None, Grade::B)
            } else if roll < 0.97 {
                (Outcome::NotInterested, None, Grade::C)
            } else {
                (Outcome::DoNotCall, None, Grade::C)
            }
        }
        3 => {
            if roll < 0.35 {
                (Outcome::Reached, Some(4), Grade::A)
            } else if roll < 0.6 {
                (Outcome::Reached, None, Grade::B)
            } else if roll < 0.75 {
                (Outcome::Callback, None, Grade::A)
            } else if roll < 0.85 {
                (Outcome::ContractSent, None, Grade::A)
            } else {
                (Outcome::NotInterested, None, Grade::C)
            }
        }
        4 => {
            if roll < 0.35 {
                (Outcome::ContractSent, None, Grade::H)
            } else if roll < 0.75 {
                (Outcome::Reached, None, Grade::A)
            } else if roll < 0.9 {
                (Outcome::Callback, None, Grade::H)
            } else {
                (Outcome::NotInterested, None, Grade::C)
            }
        }
        5 => {
            if roll < 0.4 {
                (Outcome::Won, None, Grade::O)
            } else if roll < 0.85 {
                (Outcome::Reached, None, Grade::H)
            } else {
                (Outcome::NotInterested, None, Grade::C)
            }
        }
        6 => {
            if roll < 0.85 {
                (Outcome::Reached, None, Grade::C)
            } else {
                (Outcome::SentInfo, None, Grade::B)
            }
        }
        _ => {
            if roll < 0.3 {
                (Outcome::Reached, None, Grade::A)
            } else if roll < 0.5 {
                (Outcome::SentInfo, None, Grade::A)
            } else if roll < 0.7 {
                (Outcome::ContractSent, None, Grade::H)
            } else if roll < 0.85 {
                (Outcome::Won, None, Grade::O)
            } else {
                (Outcome::NotInterested, None, Grade::C)
            }
        }
    };
    input.outcome = outcome;
    input.stage = stage;
    if outcome == Outcome::NotInterested {
        // Used only when this second "no" loses the customer.
        let reasons = ["price", "competitor", "no_budget", "no_need", "unreachable"];
        input.loss_reason = Some(rng.pick(&reasons).to_string());
    }
    if !matches!(
        outcome,
        Outcome::Won | Outcome::NotInterested | Outcome::DoNotCall
    ) {
        input.grade = Some(grade);
        input.intent = Some(match grade {
            Grade::H | Grade::O => 4,
            Grade::A => 3,
            Grade::B => 2,
            Grade::C => 1,
        });
    }
    if outcome == Outcome::Callback {
        let on = cal.add_working_days(day, 1 + rng.below(3) as u32);
        let time = NaiveTime::from_hms_opt(
            10 + rng.below(7) as u32,
            if rng.chance(0.5) { 0 } else { 30 },
            0,
        )
        .expect("valid");
        input.next = Some(NextCall::at(on, time));
    }
    if outcome == Outcome::Won {
        input.won = WonTerms::default();
    }
    if rng.chance(0.4) {
        input.note = rng.pick(NOTES_REACHED).to_string();
    }
    if t.stage == STAGE_WON && rng.chance(0.04) {
        let text = rng.pick(COMPLAINTS).to_string();
        let which = COMPLAINTS.iter().position(|c| *c == text).unwrap_or(0);
        input.complaint_category = Some(complaint_category(which).into());
        input.complaint = Some(text);
    }
    // An after-sale call to a customer under contract asks how satisfied they are; the
    // score is drawn from the day and the customer, so the demo's other draws stay as they are.
    if t.stage == STAGE_WON && input.outcome == Outcome::Reached {
        let spread = (t.id as u64 * 13 + u64::from(day.ordinal())) % 10;
        input.satisfaction = Some(match spread {
            0 => 2,
            1..=3 => 4,
            4..=8 => 5,
            _ => 3,
        });
    }
    input
}

/// The category of the demo's complaint texts, by their place in `COMPLAINTS`.
fn complaint_category(which: usize) -> &'static str {
    ["delivery", "billing", "service", "quality"][which % 4]
}
