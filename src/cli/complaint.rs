//! `calldeck complaint list|assign|resolve`: the complaint workflow from the command line.

use clap::Subcommand;
use serde_json::json;

use super::TextOrJson;
use super::commands::Context;
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::parse_next_call;
use crate::error::{Error, Result};
use crate::store::Complaint;
use crate::text::pad;

#[derive(Subcommand, Debug)]
pub enum ComplaintCommand {
    /// List complaints, open ones first by default
    List {
        /// Include resolved complaints
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Give a complaint to a rep or lead to resolve, with a due date and category
    Assign {
        id: i64,
        #[arg(long)]
        to: String,
        /// Resolve by this day, e.g. "fri", "+2d", "2026-12-01"
        #[arg(long)]
        due: Option<String>,
        /// One of `complaints.categories`
        #[arg(long)]
        category: Option<String>,
    },
    /// Resolve a complaint without a call, saying how; its follow-up call (回访) is booked
    Resolve {
        id: i64,
        /// How it was resolved
        #[arg(long)]
        note: String,
    },
}

pub fn run(ctx: &Context, command: ComplaintCommand) -> Result<()> {
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    match command {
        ComplaintCommand::List { all, format } => {
            let store = ctx.reader()?;
            let complaints = store.complaints(None, !all)?;
            match format {
                TextOrJson::Json => {
                    let items: Vec<_> = complaints.iter().map(|c| to_json(c, &clock)).collect();
                    println!("{}", serde_json::to_string_pretty(&items).expect("json"));
                }
                TextOrJson::Text => print!("{}", to_text(&complaints, &clock)),
            }
            Ok(())
        }
        ComplaintCommand::Assign {
            id,
            to,
            due,
            category,
        } => {
            let mut store = ctx.store()?;
            let rep = store.resolve_rep(Some(&to))?;
            if let Some(c) = &category
                && !config.complaints.categories.contains(c)
            {
                return Err(Error::invalid(crate::t!(
                    "cli-unknown-complaint-category-use-one-of",
                    c = c.to_string(),
                    a0 = (config.complaints.categories.join(", ")).to_string()
                )));
            }
            let due = due
                .map(|d| parse_next_call(&d, &clock, &config.calendar()).map(|n| n.date))
                .transpose()?;
            store.assign_complaint(id, rep.id, due, category.as_deref())?;
            println!(
                "{}",
                crate::t!("cli-complaint-now", id = id, name = &rep.name)
            );
            Ok(())
        }
        ComplaintCommand::Resolve { id, note } => {
            if note.trim().is_empty() {
                return Err(Error::invalid(crate::t!(
                    "cli-say-how-the-complaint-was-resolved"
                )));
            }
            let mut store = ctx.store()?;
            let follow_up = store.resolve_complaint(
                id,
                &note,
                config.complaints.follow_up_working_days,
                &config.calendar(),
                &clock,
            )?;
            println!(
                "{}",
                crate::t!(
                    "cli-complaint-resolved-its-follow-up-call",
                    id = id.to_string(),
                    a0 = crate::i18n::weekday_day_month(follow_up)
                )
            );
            Ok(())
        }
    }
}

fn to_json(c: &Complaint, clock: &Clock) -> serde_json::Value {
    json!({
        "id": c.id,
        "customer_id": c.customer_id,
        "customer": c.customer,
        "text": c.text,
        "category": c.category,
        "assignee": c.assignee,
        "opened_at": c.opened_at.to_rfc3339(),
        "due": c.due_on.map(|d| d.to_string()),
        "overdue": c.overdue(clock.today()),
        "resolved_at": c.resolved_at.map(|t| t.to_rfc3339()),
        "resolution": c.resolution,
        "follow_up_due": c.follow_up_on.map(|d| d.to_string()),
        "followed_up": c.followed_up,
    })
}

fn to_text(complaints: &[Complaint], clock: &Clock) -> String {
    if complaints.is_empty() {
        return format!("{}\n", crate::t!("cli-no-complaints"));
    }
    let today = clock.today();
    let mut out = String::new();
    for c in complaints {
        let state = match (c.resolved_at, c.followed_up) {
            (None, _) if c.overdue(today) => crate::t!("cli-complaint-state-overdue"),
            (None, _) => crate::t!("cli-complaint-state-open"),
            (Some(_), true) => crate::t!("cli-complaint-state-followed-up"),
            (Some(_), false) => match c.follow_up_on {
                Some(d) => crate::t!(
                    "cli-complaint-state-follow-up",
                    day = d.format("%m-%d").to_string()
                ),
                None => crate::t!("cli-complaint-state-resolved"),
            },
        };
        out.push_str(&format!(
            "#{:<5} {} {} {} {} {}{}\n",
            c.id,
            pad(&c.customer, 24),
            pad(&c.category, 9),
            pad(c.assignee.as_deref().unwrap_or("-"), 10),
            pad(&state, 22),
            c.text,
            if c.resolution.is_empty() {
                String::new()
            } else {
                format!(" → {}", c.resolution)
            }
        ));
        if let Some(due) = c.due_on.filter(|_| c.resolved_at.is_none()) {
            out.push_str(&format!(
                "       {}\n",
                crate::t!("cli-due", day = crate::i18n::weekday_day_month(due))
            ));
        }
    }
    out
}
