//! The team lead's commands: `report weekly`, `funnel`, `export` and `calendar`. Each parses
//! its arguments, calls one library function for the data, and hands it to a renderer.

use std::path::{Path, PathBuf};

use chrono::Days;
use clap::{Args, Subcommand, ValueEnum};

use super::commands::Context;
use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::{self, Scope, Week};
use crate::store::{Rep, Store};
use crate::transfer::export::{self, ExportFormat, ExportKind};
use crate::transfer::ics;

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Weekly summary per rep and for the team (default: the last complete ISO week)
    Weekly(WeeklyArgs),
    /// The day's activity per rep and for the team, and what is left for the next working
    /// day (default: today)
    Daily(DailyArgs),
}

#[derive(Args, Debug)]
pub struct DailyArgs {
    /// The day: YYYY-MM-DD, today or yesterday [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Every rep and the team (the default unless --rep or CALLDECK_REP names a rep)
    #[arg(long)]
    pub team: bool,
    #[arg(long, value_enum, default_value_t = WeeklyFormat::Md)]
    pub format: WeeklyFormat,
    /// Write to this file instead of the terminal (required for xlsx)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeeklyFormat {
    Md,
    Csv,
    Json,
    Xlsx,
}

#[derive(Args, Debug)]
pub struct WeeklyArgs {
    /// ISO week, e.g. 2026-W47 [default: the last complete week]
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// Every rep and the team (the default unless --rep or CALLDECK_REP names a rep)
    #[arg(long)]
    pub team: bool,
    #[arg(long, value_enum, default_value_t = WeeklyFormat::Md)]
    pub format: WeeklyFormat,
    /// Write to this file instead of the terminal (required for xlsx)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunnelFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct FunnelArgs {
    /// The whole team (the default unless --rep or CALLDECK_REP names a rep)
    #[arg(long)]
    pub team: bool,
    #[arg(long, value_enum, default_value_t = FunnelFormat::Text)]
    pub format: FunnelFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportWhat {
    Customers,
    Calls,
    Deals,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormatArg {
    Csv,
    Json,
    Xlsx,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub what: ExportWhat,
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Csv)]
    pub format: ExportFormatArg,
    /// Write to this file instead of the terminal (required for xlsx)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Everyone's records, not only the acting rep's book (team leads only; a lead's
    /// export is the team's either way)
    #[arg(long)]
    pub team: bool,
}

#[derive(Args, Debug)]
pub struct CalendarArgs {
    /// Days ahead, starting today
    #[arg(long, default_value_t = 14)]
    pub days: u32,
    /// Only the appointments (next calls with a time), not a summary event per day for
    /// the other next calls
    #[arg(long)]
    pub appointments_only: bool,
    /// The .ics file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.ics")]
    pub output: PathBuf,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
}

/// --team wins; else a rep named by --rep or CALLDECK_REP; else the team. A team lead has
/// no book of their own, so a lead's figures are the team's.
fn scope(ctx: &Context, store: &Store, team: bool) -> Result<Scope> {
    match ctx.rep_name().filter(|_| !team) {
        Some(name) => {
            let rep = store.resolve_rep(Some(name))?;
            Ok(if rep.is_lead() {
                Scope::Team
            } else {
                Scope::Rep(rep)
            })
        }
        None => Ok(Scope::Team),
    }
}

/// Whose records an export holds: the acting rep's book by default; everyone's for a team
/// lead (with or without --team). --team as a rep is refused: a rep's export must not carry
/// the whole team's customers by accident.
fn export_owner(ctx: &Context, store: &Store, config: &Config, team: bool) -> Result<Option<Rep>> {
    let acting = ctx.rep(store, config)?;
    if acting.is_lead() {
        return Ok(None);
    }
    if team {
        return Err(Error::usage(crate::t!(
            "cli-team-exports-everyone-s-records-which",
            a0 = (acting.name).to_string(),
            a1 = (acting.name).to_string()
        )));
    }
    Ok(Some(acting))
}

fn write_out(output: Option<&Path>, bytes: &[u8], what: &str, force: bool) -> Result<()> {
    match output {
        Some(path) => {
            crate::files::write_private(path, bytes, force)?;
            println!(
                "{}",
                crate::t!(
                    "cli-wrote-to",
                    what = what.to_string(),
                    a0 = (path.display()).to_string()
                )
            );
            Ok(())
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(|e| Error::io("cannot write", "standard output", e)),
            }
        }
    }
}

fn needs_file(output: Option<&Path>, example: &str) -> Result<()> {
    if output.is_none() {
        return Err(Error::usage(crate::t!(
            "cli-an-excel-file-cannot-go-to",
            example = example.to_string()
        )));
    }
    Ok(())
}

pub fn weekly(ctx: &Context, args: &WeeklyArgs) -> Result<()> {
    let clock = Clock::from_env()?;
    let week = match &args.week {
        Some(w) => Week::parse(w)?,
        None => Week::last_complete(clock.today()),
    };
    if args.format == WeeklyFormat::Xlsx {
        needs_file(args.output.as_deref(), &format!("report-{week}.xlsx"))?;
    }
    let store = ctx.reader()?;
    let config = Config::load()?;
    let scope = scope(ctx, &store, args.team)?;
    let data = report::weekly(&store, &config, &clock, week, &scope)?;
    let bytes = match args.format {
        WeeklyFormat::Json => {
            let mut v = serde_json::to_vec_pretty(&data).expect("the report serialises");
            v.push(b'\n');
            v
        }
        WeeklyFormat::Csv => report::render_csv::render(&data).into_bytes(),
        WeeklyFormat::Md => {
            // A running week is compared with the same stretch of the week before.
            let until = data
                .so_far
                .then(|| clock.now_utc() - chrono::Duration::days(7));
            // Only the team's figures are compared: the method's tables are not.
            let before = week.previous();
            let previous = report::weekly::period_until(
                &store,
                &config,
                &clock,
                (before.monday(), before.sunday()),
                &scope,
                until,
            )?;
            report::render_md::render(&data, Some(&previous.team), &config).into_bytes()
        }
        WeeklyFormat::Xlsx => {
            let funnel = report::funnel(&store, &config, &clock, &scope)?;
            report::render_xlsx::render(&data, &funnel, &config)?
        }
    };
    write_out(
        args.output.as_deref(),
        &bytes,
        &crate::t!("cli-the-weekly-summary", week = week.to_string()),
        args.force,
    )
}

pub fn daily(ctx: &Context, args: &DailyArgs) -> Result<()> {
    let clock = Clock::from_env()?;
    let date = match &args.date {
        Some(d) => super::plan::parse_day_arg(d, &clock)?,
        None => clock.today(),
    };
    if args.format == WeeklyFormat::Xlsx {
        needs_file(args.output.as_deref(), &format!("day-{date}.xlsx"))?;
    }
    let store = ctx.reader()?;
    let config = Config::load()?;
    let scope = scope(ctx, &store, args.team)?;
    let data = report::daily(&store, &config, &clock, date, &scope)?;
    let bytes = match args.format {
        WeeklyFormat::Json => {
            let mut v = serde_json::to_vec_pretty(&data).expect("the report serialises");
            v.push(b'\n');
            v
        }
        WeeklyFormat::Csv => report::daily::render_csv(&data).into_bytes(),
        WeeklyFormat::Md => report::daily::render_md(&data, &config).into_bytes(),
        WeeklyFormat::Xlsx => report::render_xlsx::render_daily(&data, &config)?,
    };
    write_out(
        args.output.as_deref(),
        &bytes,
        &format!("the daily report {date}"),
        args.force,
    )
}

pub fn funnel(ctx: &Context, args: &FunnelArgs) -> Result<()> {
    let clock = Clock::from_env()?;
    let store = ctx.reader()?;
    let config = Config::load()?;
    let scope = scope(ctx, &store, args.team)?;
    let data = report::funnel(&store, &config, &clock, &scope)?;
    let text = match args.format {
        FunnelFormat::Json => {
            serde_json::to_string_pretty(&data).expect("the funnel serialises") + "\n"
        }
        FunnelFormat::Text => report::funnel::render_text(&data, &config),
    };
    write_out(None, text.as_bytes(), "the funnel", false)
}

pub fn export(ctx: &Context, args: &ExportArgs) -> Result<()> {
    let kind = match args.what {
        ExportWhat::Customers => ExportKind::Customers,
        ExportWhat::Calls => ExportKind::Calls,
        ExportWhat::Deals => ExportKind::Deals,
    };
    let format = match args.format {
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Json => ExportFormat::Json,
        ExportFormatArg::Xlsx => ExportFormat::Xlsx,
    };
    if format == ExportFormat::Xlsx {
        needs_file(args.output.as_deref(), &format!("{}.xlsx", kind.as_str()))?;
    }
    let store = ctx.reader()?;
    let config = Config::load()?;
    let owner = export_owner(ctx, &store, &config, args.team)?;
    let what = match &owner {
        Some(rep) => format!("{}'s {}", rep.name, kind.as_str()),
        None => crate::t!("cli-the-team-s", a0 = (kind.as_str()).to_string()),
    };
    // Written as it is read, so a million calls never sit in memory at once.
    let owner = owner.as_ref();
    match args.output.as_deref() {
        Some(path) => {
            crate::files::write_private_with(path, args.force, |tmp| {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(tmp)
                    .map_err(|e| Error::io("cannot write", path, e))?;
                let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                export::write_export(
                    &store,
                    &config,
                    kind,
                    format,
                    owner,
                    &mut out,
                    path,
                    tmp.parent(),
                )?;
                let file = out
                    .into_inner()
                    .map_err(|e| Error::io("cannot write", path, e.into_error()))?;
                file.sync_all()
                    .map_err(|e| Error::io("cannot write", path, e))
            })?;
            println!("Wrote {what} to {}", path.display());
            Ok(())
        }
        None => {
            use std::io::Write;
            let target = Path::new("standard output");
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            let written =
                export::write_export(&store, &config, kind, format, owner, &mut out, target, None);
            match written.and_then(|()| {
                out.flush()
                    .map_err(|e| Error::io("cannot write", target, e))
            }) {
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    Ok(())
                }
                r => r,
            }
        }
    }
}

pub fn calendar(ctx: &Context, args: &CalendarArgs) -> Result<()> {
    if args.days == 0 || args.days > crate::clock::MAX_DAYS {
        return Err(Error::usage(crate::t!(
            "cli-days-is-out-of-range-give",
            a0 = (args.days).to_string(),
            a1 = (crate::clock::MAX_DAYS).to_string()
        )));
    }
    let clock = Clock::from_env()?;
    let store = ctx.reader()?;
    let config = Config::load()?;
    let rep = ctx.rep(&store, &config)?;
    let today = clock.today();
    let last = crate::clock::check_day(
        today + Days::new(u64::from(args.days) - 1),
        "the calendar's last day",
    )?;
    let customers = store.next_calls_between(Some(rep.id), today, last)?;
    let events = if args.appointments_only {
        ics::CalendarEvents::AppointmentsOnly
    } else {
        ics::CalendarEvents::WithDaySummaries
    };
    let text = ics::calendar(&customers, &config, &clock, events);
    crate::files::write_private(&args.output, text.as_bytes(), args.force)?;
    let appointments = customers
        .iter()
        .filter(|c| c.state.next_call.is_some_and(|n| n.time.is_some()))
        .count();
    let rest = if args.appointments_only {
        String::new()
    } else {
        let others = customers.len() - appointments;
        format!(
            " {}",
            crate::t!("cli-and-other-next-call-as-one", others = others)
        )
    };
    println!(
        "{}",
        crate::t!(
            "cli-wrote-appointment-of-to-to",
            appointments = appointments,
            rest = rest.to_string(),
            a1 = (rep.name).to_string(),
            a2 = today.to_string(),
            a3 = last.to_string(),
            a4 = (args.output.display()).to_string()
        )
    );
    Ok(())
}
