//! `calldeck today`, `pin` and `simulate`.

use chrono::{Days, NaiveDate};
use serde_json::json;

use super::commands::Context;
use super::{ListFormat, TextOrJson};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::parse_next_call;
use crate::error::{Error, Result};
use crate::planner::{DailyList, add_from_overflow, daily_list, simulate};
use crate::store::Rep;
use crate::text::{csv_line, pad};

/// A day as given to `today --date`: YYYY-MM-DD, today, tomorrow or yesterday.
pub fn parse_day_arg(s: &str, clock: &Clock) -> Result<NaiveDate> {
    let today = clock.today();
    let day = match s.trim().to_lowercase().as_str() {
        "today" | "t" => today,
        "tomorrow" => today + Days::new(1),
        "yesterday" => today - Days::new(1),
        other => NaiveDate::parse_from_str(other, "%Y-%m-%d").map_err(|_| {
            Error::invalid(crate::t!(
                "cli-cannot-read-as-a-day-write",
                s = s.to_string()
            ))
        })?,
    };
    crate::clock::check_day(day, "the day")
}

fn rep_with_book(ctx: &Context, store: &crate::store::Store, config: &Config) -> Result<Rep> {
    let rep = ctx.rep(store, config)?;
    if rep.is_lead() {
        return Err(Error::invalid(crate::t!(
            "cli-is-a-team-lead-with-no",
            a0 = (rep.name).to_string()
        )));
    }
    Ok(rep)
}

pub fn today(
    ctx: &Context,
    date: Option<&str>,
    format: ListFormat,
    replan: bool,
    more: Option<u32>,
) -> Result<()> {
    let mut store = ctx.store()?;
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let rep = rep_with_book(ctx, &store, &config)?;
    if let Some(n) = more {
        if n == 0 {
            return Err(Error::usage(crate::t!("cli-more-needs-how-many-to-add")));
        }
        let added = add_from_overflow(&mut store, &rep, n as usize, &clock, &config)?;
        if added == 0 {
            eprintln!("{}", crate::t!("cli-nothing-more-is-due-today-the"));
        } else if format == ListFormat::Table {
            println!(
                "added {added} due {} to today's list",
                if added == 1 { "customer" } else { "customers" }
            );
        }
    }
    let day = date
        .map(|d| parse_day_arg(d, &clock))
        .transpose()?
        .unwrap_or(clock.today());
    let list = daily_list(&mut store, &rep, day, &clock, &config, replan)?;
    match format {
        ListFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&list_json(&list, &clock)).expect("json")
        ),
        ListFormat::Csv => print!("{}", list_csv(&list, &clock)),
        ListFormat::Table => print!("{}", list_table(&list, &rep.name, &clock)),
    }
    Ok(())
}

fn last_contact(e: &crate::planner::ListEntry, clock: &Clock) -> Option<String> {
    e.customer
        .state
        .last_contact
        .map(|t| clock.to_local(t).date().to_string())
}

pub fn list_json(list: &DailyList, clock: &Clock) -> serde_json::Value {
    list.entries
        .iter()
        .map(|e| {
            let c = &e.customer;
            json!({
                "position": e.entry.position,
                "customer_id": c.id,
                "name": c.name,
                "company": c.company,
                "phone": c.primary_phone(),
                "stage": c.state.stage,
                "intent": c.state.intent,
                "grade": c.state.grade.as_str(),
                "score": e.entry.score,
                "reasons": e.entry.reasons,
                "next_call": c.state.next_call.map(|n| n.to_string()),
                "last_contact": last_contact(e, clock),
                "pinned": e.pinned,
                "done": e.done,
                "must_call": e.entry.must(),
                "section": e.entry.section.as_str(),
            })
        })
        .collect()
}

fn list_csv(list: &DailyList, clock: &Clock) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str("position,customer_id,name,company,phone,stage,intent,grade,score,reasons,next_call,last_contact,pinned,done,section\n");
    for e in &list.entries {
        let c = &e.customer;
        let row = [
            e.entry.position.to_string(),
            c.id.to_string(),
            c.name.clone(),
            c.company.clone(),
            c.primary_phone().to_string(),
            c.state.stage.to_string(),
            c.state.intent.to_string(),
            c.state.grade.to_string(),
            format!("{:.1}", e.entry.score),
            e.entry.reasons.join("; "),
            c.state.next_call.map(|n| n.to_string()).unwrap_or_default(),
            last_contact(e, clock).unwrap_or_default(),
            e.pinned.to_string(),
            e.done.to_string(),
            e.entry.section.as_str().to_string(),
        ];
        out.push_str(&csv_line(&row));
        out.push('\n');
    }
    out
}

fn list_table(list: &DailyList, rep: &str, clock: &Clock) -> String {
    use crate::planner::Notice;
    use crate::t;
    let mut out = t!(
        "plan-header",
        rep = rep,
        day = crate::i18n::weekday_date(list.day),
        n = list.entries.len(),
        quota = list.quota,
        must = list.must_calls,
        commitments = list.commitments,
        reserve = list.reserve_slots,
        done = list.done(),
        reached = list.reached()
    );
    if !list.frozen {
        out.push_str(&format!(" · {}", t!("plan-preview")));
    }
    out.push('\n');
    if list.over_quota() > 0 {
        out.push_str(&t!(
            "plan-over-quota",
            must = list.must_calls,
            over = list.over_quota()
        ));
        out.push('\n');
    }
    for (kind, notice) in list.notice_kinds() {
        let hint = match kind {
            Notice::Overflow => t!("plan-hint-more"),
            Notice::NeedsNumber => t!("plan-hint-needs-number"),
            _ => String::new(),
        };
        out.push_str(&t!("plan-note", note = notice));
        out.push_str(&hint);
        out.push('\n');
    }
    if list.entries.is_empty() {
        out.push_str(&t!("plan-nobody"));
        out.push('\n');
        return out;
    }
    out.push_str(&format!(
        "{:>3}  {} {} {} {} {} {} {}  {}\n",
        "#",
        pad(&t!("plan-col-customer"), 28),
        pad(&t!("plan-col-stage"), 3),
        pad(&t!("plan-col-intent"), 3),
        pad(&t!("plan-col-grade"), 2),
        pad(&t!("plan-col-last"), 10),
        pad(&t!("plan-col-next"), 16),
        crate::text::fill_left(&t!("plan-col-score"), 5),
        t!("plan-col-why")
    ));
    for e in &list.entries {
        let c = &e.customer;
        let who = if c.company.is_empty() || c.company == c.name {
            c.name.clone()
        } else {
            format!("{} · {}", c.name, c.company)
        };
        let line = format!(
            "{:>3}{} {} {} {} {} {} {} {:>5.1}  {}",
            e.entry.position,
            if e.done { "✓" } else { " " },
            pad(&who, 28),
            pad(&c.state.stage.to_string(), 3),
            pad(&c.state.intent.to_string(), 3),
            pad(c.state.grade.as_str(), 2),
            pad(
                &last_contact(e, clock).unwrap_or_else(|| t!("plan-never")),
                10
            ),
            pad(
                &c.state.next_call.map(|n| n.to_string()).unwrap_or_default(),
                16
            ),
            e.entry.score,
            e.entry
                .reasons
                .iter()
                .map(|r| crate::planner::reason_text(r))
                .collect::<Vec<_>>()
                .join(", ")
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `today --needs-number`: the customers the planner leaves out for want of a number.
pub fn needs_number(ctx: &Context, format: ListFormat) -> Result<()> {
    let store = ctx.store()?;
    let config = Config::load()?;
    let rep = rep_with_book(ctx, &store, &config)?;
    let rows = store.needing_a_number(rep.id)?;
    match format {
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(id, name)| json!({"customer_id": id, "name": name}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&items).expect("json"));
        }
        ListFormat::Csv => {
            let mut out = String::from("\u{feff}customer_id,name\n");
            for (id, name) in &rows {
                out.push_str(&csv_line(&[id.to_string(), name.clone()]));
                out.push('\n');
            }
            print!("{out}");
        }
        ListFormat::Table => {
            if rows.is_empty() {
                println!(
                    "{}",
                    crate::t!(
                        "cli-every-active-customer-of-has-a",
                        a0 = (rep.name).to_string()
                    )
                );
            }
            for (id, name) in &rows {
                println!("{id:>6}  {name}");
            }
            if !rows.is_empty() {
                println!("{}", crate::t!("cli-add-one-with-calldeck-edit-id"));
            }
        }
    }
    Ok(())
}

pub fn pin(ctx: &Context, id: i64, date: Option<&str>) -> Result<()> {
    let mut store = ctx.store()?;
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let rep = ctx.rep(&store, &config)?;
    let cal = config.calendar();
    let day = match date {
        Some(d) => {
            let next = parse_next_call(d, &clock, &cal)?;
            if next.time.is_some() {
                return Err(Error::usage(crate::t!("cli-a-pin-is-for-a-day")));
            }
            next.date
        }
        None => cal.next_working_day(clock.today()),
    };
    let added = store.add_pin(rep.id, id, day, &clock)?;
    let name = store.customer(id)?.name;
    if added {
        println!(
            "{}",
            crate::t!(
                "cli-pinned-to-s-list-for",
                id = id.to_string(),
                name = name.to_string(),
                a0 = (rep.name).to_string(),
                day = day.to_string()
            )
        );
    } else {
        println!(
            "{}",
            crate::t!(
                "cli-was-already-pinned-for",
                id = id.to_string(),
                name = name.to_string(),
                day = day.to_string()
            )
        );
    }
    Ok(())
}

pub fn run_simulation(opts: &simulate::SimOptions, format: TextOrJson) -> Result<()> {
    let config = Config::load()?;
    let report = simulate::run(opts, &config)?;
    match format {
        TextOrJson::Json => println!("{}", serde_json::to_string_pretty(&report).expect("json")),
        TextOrJson::Text => print!("{}", report.to_text(opts)),
    }
    Ok(())
}
