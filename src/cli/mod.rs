//! The command line: clap definitions, dispatch, and the mapping of errors to exit codes.

mod card;
mod commands;
mod complaint;
mod import;
mod localise;
mod plan;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};

#[derive(Parser, Debug)]
#[command(
    name = "calldeck",
    version,
    about = "A keyboard-driven terminal workbench for sales follow-up",
    long_about = "calldeck keeps your customers, calls and funnel in one local SQLite file and \
                  gives you the day's call list, a card per customer and two-keystroke logging.\n\n\
                  Without a command, calldeck opens the full-screen view (press ? there for every key).\n\n\
                  The clock can be fixed with CALLDECK_NOW (RFC 3339) for tests and demos."
)]
pub struct Cli {
    /// The database file [default: calldeck.db in the platform data folder]
    #[arg(long, env = "CALLDECK_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The rep to act as [default: from config, or the only rep in the file]
    #[arg(long, env = "CALLDECK_REP", global = true, value_name = "NAME")]
    pub rep: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a realistic demo database (3 reps x 1,000 customers, 90 days of calls)
    Demo(DemoArgs),
    /// Manage reps and team leads
    #[command(subcommand)]
    Rep(RepCommand),
    /// Complaints: list them, assign one, resolve one (its follow-up call is then booked)
    #[command(subcommand)]
    Complaint(complaint::ComplaintCommand),
    /// Add a customer to the rep's book; prints its id
    Add(AddArgs),
    /// Edit a customer's details (call history is never edited)
    Edit(EditArgs),
    /// Move customers to another rep's book
    Assign {
        /// Customer ids
        #[arg(required = true)]
        ids: Vec<i64>,
        /// The rep who takes them over
        #[arg(long, value_name = "REP")]
        to: String,
    },
    /// Show a customer's card
    Show {
        id: i64,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Record a call, exactly as the TUI does
    Log(LogArgs),
    /// Bring customers and contacts (CSV, Excel, vCard) or a deal pipeline in
    Import(import::ImportArgs),
    /// Void the rep's last call and restore the customer's previous state
    Undo,
    /// Print the rep's call list for a day (planning and freezing it if needed)
    Today {
        /// The day: YYYY-MM-DD, today, tomorrow, yesterday [default: today]
        #[arg(long)]
        date: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Rebuild today's list, keeping the customers already called
        #[arg(long)]
        replan: bool,
        /// Add the next N due customers that did not fit to today's frozen list
        #[arg(long, value_name = "N", conflicts_with_all = ["date", "replan"])]
        more: Option<u32>,
        /// List the active customers who are not planned because they have no usable number
        #[arg(long, conflicts_with_all = ["more", "replan"])]
        needs_number: bool,
    },
    /// Put a customer on a day's list (default: the next working day)
    Pin {
        id: i64,
        /// The day, e.g. tomorrow, fri, 2026-12-01
        #[arg(long)]
        date: Option<String>,
    },
    /// Run the planner on a synthetic book and report its quality against a naive baseline
    Simulate(SimArgs),
    /// Where the config lives, and the merged settings
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Online backup of the database to a new file
    Backup {
        /// The file to write (must not exist, unless --force)
        file: PathBuf,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Integrity and schema check of the database
    Check,
    /// Copy a whole database to another (SQLite file or PostgreSQL), in one transaction
    Copy {
        /// The database to copy: a file path or a postgres:// address
        #[arg(long, value_name = "PATH|URL")]
        from: PathBuf,
        /// Where to copy it: a file path or a postgres:// address (must hold no rows)
        #[arg(long, value_name = "PATH|URL")]
        to: PathBuf,
        /// Delete every row the target holds first, then copy (same transaction)
        #[arg(long)]
        force: bool,
    },
    /// Team reports: the weekly summary (md, csv, json, xlsx)
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Open deals per stage: count, value, weighted value, conversion, forecast
    Funnel(report::FunnelArgs),
    /// Export customers, calls or deals as CSV, JSON or Excel
    Export(report::ExportArgs),
    /// The rep's next calls and appointments as an iCalendar (.ics) file
    Calendar(report::CalendarArgs),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Customers in each rep's book
    #[arg(long, default_value_t = 1000)]
    pub customers: u32,
    /// Number of reps (a team lead named `lead` is added)
    #[arg(long, default_value_t = 3)]
    pub reps: u32,
    /// Days of call history
    #[arg(long, default_value_t = 90)]
    pub days: u32,
    /// Random seed: the same seed and clock give the same database
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Calls each rep makes per history day [default: 50 to 61]; e.g. 160 with 100 reps
    /// gives about a million calls in 90 days
    #[arg(long)]
    pub calls_per_day: Option<u32>,
    /// Build the database and print a summary instead of opening the TUI
    #[arg(long)]
    pub no_tui: bool,
}

#[derive(Args, Debug)]
#[command(after_long_help = crate::planner::simulate::MODEL_HELP)]
pub struct SimArgs {
    /// Customers in the synthetic book
    #[arg(long, default_value_t = 1000)]
    pub customers: u32,
    /// Working days to run
    #[arg(long, default_value_t = 22)]
    pub days: u32,
    /// Calls planned per day
    #[arg(long, default_value_t = 60)]
    pub quota: u32,
    /// Random seed for the book and the customers' behaviour
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// First day (rolled to a working day); April 2027 has 22 working days, like the
    /// month the spec's arithmetic assumes
    #[arg(long, default_value = "2027-04-01")]
    pub start: chrono::NaiveDate,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

impl SimArgs {
    pub fn options(&self) -> crate::planner::simulate::SimOptions {
        crate::planner::simulate::SimOptions {
            customers: self.customers,
            days: self.days,
            quota: self.quota,
            seed: self.seed,
            start: self.start,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum RepCommand {
    /// Add a rep (or a team lead with --lead)
    Add {
        name: String,
        #[arg(long)]
        lead: bool,
        /// Calls planned per day for this rep [default: planner.quota from config]
        #[arg(long)]
        quota: Option<u32>,
        /// Monthly revenue target, e.g. 200000 or ¥200,000
        #[arg(long)]
        target: Option<String>,
    },
    /// Change a rep's monthly revenue target ("none" clears it)
    Edit {
        name: String,
        #[arg(long)]
        target: String,
    },
    /// List reps and leads
    List {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// A contact as "name;role;phone;email;style;birthday", all but the name optional (role:
    /// buyer, user, gatekeeper, decision_maker, other; style: driver, expressive, amiable,
    /// analytical; birthday: YYYY-MM-DD)
    #[arg(long = "contact", value_name = "NAME;ROLE;PHONE;EMAIL;STYLE;BIRTHDAY")]
    pub contacts: Vec<String>,
    /// O, H, A, B or C
    #[arg(long, default_value = "C")]
    pub grade: String,
    /// Estimated deal value, e.g. 12000 or "¥12,000.50"
    #[arg(long)]
    pub value: Option<String>,
    /// Where the lead came from
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    /// Funnel stage 0-5 or 7
    #[arg(long, default_value_t = 1)]
    pub stage: u8,
    /// First call, e.g. "tomorrow 10:00" (default: the planner decides)
    #[arg(long)]
    pub next: Option<String>,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    pub id: i64,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    /// The primary contact's phone (a new number makes a "wrong number" customer active again)
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub value: Option<String>,
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    /// Birthday (YYYY-MM-DD), for person customers
    #[arg(long)]
    pub birthday: Option<String>,
    /// Add a tag (repeatable)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Append a line to the notes
    #[arg(long)]
    pub note: Option<String>,
    /// The contact --contact-role, --contact-style and --contact-birthday change
    /// [default: the primary contact]
    #[arg(long, value_name = "CONTACT_ID")]
    pub contact_id: Option<i64>,
    /// buyer, user, gatekeeper, decision_maker or other
    #[arg(long, value_name = "ROLE")]
    pub contact_role: Option<String>,
    /// How the contact likes to be dealt with: driver, expressive, amiable or analytical
    #[arg(long, value_name = "STYLE")]
    pub contact_style: Option<String>,
    /// The contact's birthday (YYYY-MM-DD): a care call that day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub contact_birthday: Option<String>,
    /// Set a card field of your own (see `[[fields]]` in config); an empty value clears it
    /// (repeatable)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
}

#[derive(Args, Debug)]
pub struct LogArgs {
    pub id: i64,
    /// no_answer, busy, reached, callback, sent_info, contract_sent, won, not_interested,
    /// wrong_number, do_not_call (or the key 0-9)
    #[arg(long, value_parser = parse_outcome)]
    pub outcome: crate::domain::Outcome,
    /// Next call instead of the rule's: "+3d", "fri", "tomorrow 15:30", "2026-12-01"
    #[arg(long)]
    pub next: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    #[arg(long)]
    pub stage: Option<u8>,
    #[arg(long)]
    pub intent: Option<u8>,
    #[arg(long)]
    pub grade: Option<String>,
    /// phone, email, visit or message
    #[arg(long, default_value = "phone")]
    pub channel: String,
    /// Contact id spoken to
    #[arg(long)]
    pub contact: Option<i64>,
    /// Call length in seconds
    #[arg(long)]
    pub duration: Option<u32>,
    /// Open a complaint with this text
    #[arg(long)]
    pub complaint: Option<String>,
    /// The complaint's category (see `complaints.categories`)
    #[arg(long, requires = "complaint")]
    pub category: Option<String>,
    /// Mark the open complaint resolved
    #[arg(long)]
    pub resolve: bool,
    /// When the open deal is expected to close: a date, "+3m", "fri" [default after a
    /// conversation: from the grade, H 7 days, A a month, B 3 months, C 6 months]
    #[arg(long, value_name = "DATE")]
    pub close: Option<String>,
    /// For `won`: the contract value [default: the customer's estimated value]
    #[arg(long)]
    pub value: Option<String>,
    /// For `won`: contract start (YYYY-MM-DD) [default: today]
    #[arg(long)]
    pub start: Option<String>,
    /// For `won`: contract end (YYYY-MM-DD) [default: start + contracts.term_months]
    #[arg(long)]
    pub end: Option<String>,
    /// Why the customer is lost, when this call marks them lost (see `losses.reasons`)
    #[arg(long)]
    pub reason: Option<String>,
    /// The customer's satisfaction, 1 to 5 (after-sale and complaint follow-up calls)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub satisfaction: Option<u8>,
    /// Confirm a call that is asked about: do_not_call, wrong_number, not_interested on a
    /// deal at stage 4 or more, or a second call to the customer today
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print the path of the user config file
    Path,
    /// Print the merged configuration (defaults + your file)
    Show,
    /// Copy the built-in call scripts into your script folder to edit them (keeps any you have)
    Scripts,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}

fn parse_outcome(s: &str) -> std::result::Result<crate::domain::Outcome, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

/// Parses the arguments, runs the command, prints errors as one line; returns the exit code.
pub fn main() -> ExitCode {
    quiet_on_closed_pipe();
    choose_language();
    if let Some(bad) = std::env::var("CALLDECK_LANG")
        .ok()
        .filter(|v| !v.trim().is_empty() && v.trim() != "auto")
        .filter(|v| crate::i18n::Lang::parse(v).is_none())
    {
        eprintln!(
            "{}",
            crate::t!(
                "cli-error",
                message = crate::t!("cli-bad-lang", value = bad)
            )
        );
        return ExitCode::from(2);
    }
    let parsed = localise::command()
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("error: bad usage");
            eprintln!(
                "{}",
                crate::t!("cli-usage-error", first = localise_clap(first.trim_end()))
            );
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e @ Error::Usage(_)) => {
            eprintln!(
                "{}",
                crate::t!("cli-error", message = one_line(&e.to_string()))
            );
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!("cli-error", message = one_line(&e.to_string()))
            );
            ExitCode::from(1)
        }
    }
}

/// The language for this run: `CALLDECK_LANG`, the config's `ui.language`, the locale. A
/// config that does not load is reported later by the command; its language is then "auto".
fn choose_language() {
    let configured = crate::config::Config::load()
        .map(|c| c.ui.language)
        .unwrap_or_default();
    crate::i18n::set_lang(crate::i18n::choose(&configured, |k| std::env::var(k).ok()));
}

/// clap's one-line usage error with its "error:" in the current language (clap itself
/// speaks English only).
fn localise_clap(first: &str) -> String {
    match first.strip_prefix("error: ") {
        Some(rest) if crate::i18n::lang() != crate::i18n::Lang::En => {
            crate::t!("cli-error", message = rest)
        }
        _ => first.to_string(),
    }
}

/// `calldeck … | head` closes the pipe after a few lines: the rest of the output has no
/// reader, which is how the user asked to stop, so the program ends quietly with status 0
/// instead of the panic `println!` raises on a closed pipe.
fn quiet_on_closed_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        previous(info);
    }));
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn run(cli: Cli) -> Result<()> {
    let Some(command) = cli.command else {
        return commands::open_tui(&cli.db, cli.rep.as_deref());
    };
    let ctx = commands::Context::new(cli.db, cli.rep);
    match command {
        Command::Demo(args) => commands::demo(&ctx, &args),
        Command::Rep(RepCommand::Add {
            name,
            lead,
            quota,
            target,
        }) => commands::rep_add(&ctx, &name, lead, quota, target.as_deref()),
        Command::Rep(RepCommand::Edit { name, target }) => commands::rep_edit(&ctx, &name, &target),
        Command::Rep(RepCommand::List { format }) => commands::rep_list(&ctx, format),
        Command::Complaint(c) => complaint::run(&ctx, c),
        Command::Add(args) => commands::add(&ctx, &args),
        Command::Edit(args) => commands::edit(&ctx, &args),
        Command::Assign { ids, to } => commands::assign(&ctx, &ids, &to),
        Command::Show { id, format } => commands::show(&ctx, id, format),
        Command::Log(args) => commands::log(&ctx, &args),
        Command::Undo => commands::undo(&ctx),
        Command::Today {
            date,
            format,
            replan,
            more,
            needs_number,
        } => {
            if needs_number {
                plan::needs_number(&ctx, format)
            } else {
                plan::today(&ctx, date.as_deref(), format, replan, more)
            }
        }
        Command::Pin { id, date } => plan::pin(&ctx, id, date.as_deref()),
        Command::Simulate(args) => plan::run_simulation(&args.options(), args.format),
        Command::Import(args) => import::import(&ctx, &args),
        Command::Config(ConfigCommand::Path) => commands::config_path(),
        Command::Config(ConfigCommand::Show) => commands::config_show(),
        Command::Config(ConfigCommand::Scripts) => commands::config_scripts(),
        Command::Backup { file, force } => commands::backup(&ctx, &file, force),
        Command::Check => commands::check(&ctx),
        Command::Copy { from, to, force } => commands::copy(&from, &to, force),
        Command::Report(report::ReportCommand::Weekly(args)) => report::weekly(&ctx, &args),
        Command::Report(report::ReportCommand::Daily(args)) => report::daily(&ctx, &args),
        Command::Funnel(args) => report::funnel(&ctx, &args),
        Command::Export(args) => report::export(&ctx, &args),
        Command::Calendar(args) => report::calendar(&ctx, &args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "calldeck",
                &mut std::io::stdout(),
            );
            Ok(())
        }
    }
}
