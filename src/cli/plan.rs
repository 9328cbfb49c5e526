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
            Error::invalid(format!(
                "cannot read '{s}' as a day: write YYYY-MM-DD, today, tomorrow or yesterday"
            ))
        })?,
    };
    crate::clock::check_day(day, "the day")
}

fn rep_with_book(ctx: &Context, store: &crate::store::Store, config: &Config) -> Result<Rep> {
    let rep = ctx.rep(store, config)?;
    if rep.is_lead() {
        return Err(Error::invalid(format!(
            "{} is a team lead with no book: give a rep with --rep NAME",
            rep.name
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
            return Err(Error::usage("--more needs how many to add, 1 or more"));
        }
        let added = add_from_overflow(&mut store, &rep, n as usize, &clock, &config)?;
        if added == 0 {
            eprintln!("nothing more is due today: the list holds everything that is");
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
    let mut out = format!(
        "{rep} · {} · {} on the list (quota {}) · {} must-calls · {} commitments · {} kept for coverage · done {} · reached {}{}\n",
        list.day.format("%a %Y-%m-%d"),
        list.entries.len(),
        list.quota,
        list.must_calls,
        list.commitments,
        list.reserve_slots,
        list.done(),
        list.reached(),
        if list.frozen {
            ""
        } else {
            " · preview, not frozen"
        }
    );
    if list.over_quota() > 0 {
        out.push_str(&format!(
            "note: {} must-calls take the list {} over the quota\n",
            list.must_calls,
            list.over_quota()
        ));
    }
    for notice in list.notices() {
        out.push_str(&format!("note: {notice}"));
        if notice.starts_with('+') {
            out.push_str(" (`calldeck today --more N` adds them)");
        } else if notice.contains("a number") {
            out.push_str(" (`calldeck today --needs-number` lists them)");
        }
        out.push('\n');
    }
    if list.entries.is_empty() {
        out.push_str("Nobody to call: add customers with `calldeck add` or `calldeck import`.\n");
        return out;
    }
    out.push_str(&format!(
        "{:>3}  {} {} {} {} {} {} {:>5}  why\n",
        "#",
        pad("customer", 28),
        pad("stg", 3),
        pad("int", 3),
        pad("gr", 2),
        pad("last", 10),
        pad("next", 16),
        "score"
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
                &last_contact(e, clock).unwrap_or_else(|| "never".into()),
                10
            ),
            pad(
                &c.state.next_call.map(|n| n.to_string()).unwrap_or_default(),
                16
            ),
            e.entry.score,
            e.entry.reasons.join(", ")
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
                println!("every active customer of {} has a number", rep.name);
            }
            for (id, name) in &rows {
                println!("{id:>6}  {name}");
            }
            if !rows.is_empty() {
                println!("add one with `calldeck edit ID --phone NUMBER`");
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
                return Err(Error::usage(
                    "a pin is for a day, not a time: give only the date",
                ));
            }
            next.date
        }
        None => cal.next_working_day(clock.today()),
    };
    let added = store.add_pin(rep.id, id, day, &clock)?;
    let name = store.customer(id)?.name;
    if added {
        println!("Pinned #{id} {name} to {}'s list for {day}", rep.name);
    } else {
        println!("#{id} {name} was already pinned for {day}");
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
