//! One function per command: parse the user's words into domain values, call the library,
//! print the result.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{AddArgs, DemoArgs, EditArgs, LogArgs, TextOrJson, card};
use crate::card::CardData;
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{
    CallInput, Grade, WonTerms, cautions, format_money, marks_lost, parse_money, parse_next_call,
};
use crate::error::{Error, Result};
use crate::store::{CustomerEdit, NewContact, NewCustomer, Rep, RepRole, Store};

pub struct Context {
    db: Option<PathBuf>,
    rep: Option<String>,
}

impl Context {
    pub fn new(db: Option<PathBuf>, rep: Option<String>) -> Context {
        Context { db, rep }
    }

    /// The rep named by --rep or CALLDECK_REP, if any.
    pub fn rep_name(&self) -> Option<&str> {
        self.rep.as_deref().map(str::trim).filter(|n| !n.is_empty())
    }

    pub fn db_path(&self) -> Result<PathBuf> {
        resolve_db(&self.db)
    }

    /// Whether --rep (or CALLDECK_REP) named a rep.
    pub fn rep_given(&self) -> bool {
        self.rep.is_some()
    }

    pub fn store(&self) -> Result<Store> {
        Store::open(&self.db_path()?)
    }

    /// The store for a command that only reads: a read-only file is opened read-only.
    pub fn reader(&self) -> Result<Store> {
        Store::open_for_reading(&self.db_path()?)
    }

    /// The rep a command acts for: --rep / CALLDECK_REP, the config's default, the only
    /// one, or the one last chosen for this file in the TUI (said on stderr, so that a
    /// list is never shown as someone else's unnoticed).
    pub fn rep(&self, store: &Store, config: &Config) -> Result<Rep> {
        let name = self
            .rep
            .clone()
            .or_else(|| Some(config.default_rep.clone()).filter(|n| !n.trim().is_empty()));
        if name.is_none()
            && store.reps()?.len() > 1
            && let Some(remembered) = store.remembered_rep()?
            && let Ok(rep) = store.resolve_rep(Some(&remembered))
        {
            eprintln!(
                "{}",
                crate::t!(
                    "cli-as-the-rep-last-chosen-for",
                    a0 = (rep.name).to_string()
                )
            );
            return Ok(rep);
        }
        store.resolve_rep(name.as_deref())
    }
}

pub fn resolve_db(db: &Option<PathBuf>) -> Result<PathBuf> {
    match db {
        Some(p) => Ok(p.clone()),
        None => directories::ProjectDirs::from("", "", "calldeck")
            .map(|d| d.data_dir().join("calldeck.db"))
            .ok_or_else(|| Error::invalid(crate::t!("cli-cannot-find-a-home-folder-for"))),
    }
}

/// `--field key=value`, the key one of the config's `[[fields]]`.
fn parse_field(s: &str, config: &Config) -> Result<(String, String)> {
    let keys = || {
        if config.fields.is_empty() {
            crate::t!("cli-field-none-defined")
        } else {
            let keys: Vec<&str> = config.fields.iter().map(|f| f.key.as_str()).collect();
            crate::t!("cli-field-use-one-of", keys = keys.join(", "))
        }
    };
    let Some((key, value)) = s.split_once('=') else {
        return Err(Error::usage(crate::t!(
            "cli-field-needs-key-value",
            arg = s
        )));
    };
    let field = config.field(key).ok_or_else(|| {
        Error::invalid(crate::t!(
            "cli-field-unknown",
            key = key.trim(),
            hint = keys()
        ))
    })?;
    Ok((field.key.clone(), value.trim().to_string()))
}

fn parse_date(s: &str, what: &str) -> Result<NaiveDate> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(crate::t!(
            "cli-is-not-a-date-write-yyyy",
            what = what.to_string(),
            s = s.to_string()
        ))
    })?;
    crate::clock::check_day(d, what)
}

/// An expected close date: a date or a relative day as for --next, without a time.
fn parse_close(s: &str, clock: &Clock, cal: &crate::clock::Calendar) -> Result<NaiveDate> {
    let next = parse_next_call(s, clock, cal)
        .map_err(|e| Error::invalid(crate::t!("cli-close", e = e.to_string())))?;
    if next.time.is_some() {
        return Err(Error::usage(crate::t!("cli-close-is-a-day-not-a")));
    }
    Ok(next.date)
}

pub fn open_tui(db: &Option<PathBuf>, rep: Option<&str>) -> Result<()> {
    let path = resolve_db(db)?;
    let config = Config::load()?;
    let mut store = Store::open(&path)?;
    let rep = rep
        .map(String::from)
        .or_else(|| Some(config.default_rep.clone()).filter(|n| !n.trim().is_empty()));
    run_tui(&mut store, config, rep.as_deref(), &path)
}

fn run_tui(store: &mut Store, config: Config, rep: Option<&str>, path: &Path) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::invalid(crate::t!(
            "cli-the-full-screen-view-needs-a"
        )));
    }
    let remember = remember_file(path)?;
    crate::tui::run(store, config, rep, &remember)
}

/// Where the TUI remembers the last rep chosen: beside a SQLite file; for a server's
/// database, in calldeck's data folder, one file per address.
fn remember_file(path: &Path) -> Result<PathBuf> {
    if crate::store::address::classify(path)? == crate::store::address::Address::Sqlite {
        let mut remember = path.as_os_str().to_owned();
        remember.push(".rep");
        return Ok(PathBuf::from(remember));
    }
    let name: String = crate::store::address::redact(&path.to_string_lossy())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let dir = directories::ProjectDirs::from("", "", "calldeck")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| Error::invalid("cannot find a home folder to remember the rep in"))?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("cannot create", &dir, e))?;
    Ok(dir.join(format!("{name}.rep")))
}

pub fn demo(ctx: &Context, args: &DemoArgs) -> Result<()> {
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let path = ctx.db_path()?;
    let summary = crate::demo::build(
        &path,
        &crate::demo::DemoOptions {
            reps: args.reps,
            customers: args.customers,
            days: args.days,
            seed: args.seed,
            calls_per_day: args.calls_per_day,
        },
        &config,
        &clock,
    )?;
    if args.no_tui {
        println!("{}", summary.describe(&path));
        return Ok(());
    }
    let mut store = Store::open(&path)?;
    let rep = ctx.rep.clone().unwrap_or(summary.first_rep.clone());
    run_tui(&mut store, config, Some(&rep), &path)?;
    println!("{}", summary.describe(&path));
    Ok(())
}

/// `calldeck copy --from A --to B`: every row, one transaction, then both sides checked.
pub fn copy(from: &Path, to: &Path, force: bool) -> Result<()> {
    if from == to {
        return Err(Error::usage(
            "--from and --to name the same database: give two different ones",
        ));
    }
    let source = Store::open_for_reading(from)?;
    let mut target = Store::open(to)?;
    let report = source.copy_into(&mut target, force)?;
    println!(
        "Copied {} rows in {} tables from {} to {}{}; row counts match and check finds no problems on either side",
        report.rows(),
        report.tables.len(),
        source.path().display(),
        target.path().display(),
        if report.replaced {
            " (its earlier rows deleted)"
        } else {
            ""
        }
    );
    Ok(())
}

pub fn rep_add(
    ctx: &Context,
    name: &str,
    lead: bool,
    quota: Option<u32>,
    target: Option<&str>,
) -> Result<()> {
    let target = target.map(parse_money).transpose()?;
    let mut store = ctx.store()?;
    let clock = Clock::from_env()?;
    let role = if lead { RepRole::Lead } else { RepRole::Rep };
    let rep = store.add_rep(name, role, quota, &clock)?;
    if target.is_some() {
        store.set_rep_target(rep.id, target)?;
    }
    println!(
        "{}",
        crate::t!(
            "cli-added",
            a0 = (rep.role.as_str()).to_string(),
            a1 = (rep.name).to_string()
        )
    );
    Ok(())
}

pub fn rep_edit(ctx: &Context, name: &str, target: &str) -> Result<()> {
    let target = match target.trim() {
        "none" | "" => None,
        t => Some(parse_money(t)?),
    };
    let mut store = ctx.store()?;
    let config = Config::load()?;
    let rep = store.resolve_rep(Some(name))?;
    store.set_rep_target(rep.id, target)?;
    match target {
        Some(t) => println!(
            "{}",
            crate::t!(
                "cli-target-set",
                name = &rep.name,
                target = format_money(t, &config.currency_symbol)
            )
        ),
        None => println!("{}", crate::t!("cli-target-none", name = &rep.name)),
    }
    Ok(())
}

pub fn rep_list(ctx: &Context, format: TextOrJson) -> Result<()> {
    let store = ctx.reader()?;
    let config = Config::load()?;
    let reps = store.reps()?;
    match format {
        TextOrJson::Json => {
            let out: Vec<_> = reps
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.name,
                        "role": r.role.as_str(),
                        "quota": r.quota.unwrap_or(config.planner.quota),
                        "customers": r.customers,
                        "target_cents": r.target_cents,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&out).expect("json"));
        }
        TextOrJson::Text => {
            if reps.is_empty() {
                println!("{}", crate::t!("cli-no-reps-yet-add-one-with"));
            }
            for r in reps {
                let role = crate::t!(if r.is_lead() {
                    "picker-role-lead"
                } else {
                    "picker-role-rep"
                });
                let target = r
                    .target_cents
                    .map(|t| {
                        format!(
                            "  {}",
                            crate::t!(
                                "cli-rep-target",
                                target = format_money(t, &config.currency_symbol)
                            )
                        )
                    })
                    .unwrap_or_default();
                println!(
                    "{} {} {}{target}",
                    crate::text::fill(&r.name, 16),
                    crate::text::fill(&role, 5),
                    crate::t!(
                        "cli-rep-row",
                        quota = format!("{:>3}", r.quota.unwrap_or(config.planner.quota)),
                        customers = format!("{:>6}", r.customers)
                    )
                );
            }
        }
    }
    Ok(())
}

pub fn add(ctx: &Context, args: &AddArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let rep = ctx.rep(&store, &config)?;
    let mut new = NewCustomer::named(&args.name);
    new.company = args.company.clone().unwrap_or_default();
    new.source = args.source.clone().unwrap_or_default();
    new.industry = args.industry.clone().unwrap_or_default();
    new.region = args.region.clone().unwrap_or_default();
    new.owner_id = Some(rep.id);
    new.grade = args.grade.parse::<Grade>()?;
    new.stage = args.stage;
    new.value_cents = args
        .value
        .as_deref()
        .map(parse_money)
        .transpose()?
        .unwrap_or(0);
    new.next_call = args
        .next
        .as_deref()
        .map(|n| parse_next_call(n, &clock, &config.calendar()))
        .transpose()?;
    if args.phone.is_some() || args.email.is_some() {
        new.contacts.push(NewContact {
            name: args.name.clone(),
            phone: args.phone.clone().unwrap_or_default(),
            email: args.email.clone().unwrap_or_default(),
            primary: true,
            ..NewContact::default()
        });
    }
    for spec in &args.contacts {
        new.contacts.push(NewContact::parse(spec)?);
    }
    let id = store.add_customer(&new, &clock)?;
    println!("{id}");
    Ok(())
}

pub fn edit(ctx: &Context, args: &EditArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = Clock::from_env()?;
    let edit = CustomerEdit {
        name: args.name.clone(),
        company: args.company.clone(),
        industry: args.industry.clone(),
        region: args.region.clone(),
        address: args.address.clone(),
        source: args.source.clone(),
        phone: args.phone.clone(),
        email: args.email.clone(),
        value_cents: args.value.as_deref().map(parse_money).transpose()?,
        add_tags: args.tags.clone(),
        note: args.note.clone(),
        birthday: args
            .birthday
            .as_deref()
            .map(|b| parse_date(b, "birthday"))
            .transpose()?,
        contact_id: args.contact_id,
        contact_role: args.contact_role.as_deref().map(str::parse).transpose()?,
        contact_style: args.contact_style.as_deref().map(str::parse).transpose()?,
        contact_birthday: args
            .contact_birthday
            .as_deref()
            .map(|b| parse_date(b, "--contact-birthday"))
            .transpose()?,
        fields: args
            .fields
            .iter()
            .map(|f| parse_field(f, &Config::load()?))
            .collect::<Result<_>>()?,
    };
    if edit == CustomerEdit::default() {
        return Err(Error::usage(crate::t!(
            "cli-nothing-to-change-give-at-least"
        )));
    }
    let c = store.edit_customer(args.id, &edit, &clock)?;
    println!(
        "{}",
        crate::t!(
            "cli-updated",
            a0 = (c.id).to_string(),
            a1 = (c.name).to_string()
        )
    );
    Ok(())
}

pub fn assign(ctx: &Context, ids: &[i64], to: &str) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = Clock::from_env()?;
    let rep = store.resolve_rep(Some(to))?;
    store.assign(ids, rep.id, &clock)?;
    println!(
        "{}",
        crate::t!(
            "cli-moved-customer-s-to",
            a0 = (ids.len()).to_string(),
            a1 = (rep.name).to_string()
        )
    );
    Ok(())
}

pub fn show(ctx: &Context, id: i64, format: TextOrJson) -> Result<()> {
    let store = ctx.reader()?;
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let view = CardData::load(&store, id, &clock, &config)?;
    match format {
        TextOrJson::Json => println!(
            "{}",
            serde_json::to_string_pretty(&view.to_json(&config, clock.today())).expect("json")
        ),
        TextOrJson::Text => print!("{}", card::to_text(&view, &config, &clock)),
    }
    Ok(())
}

pub fn log(ctx: &Context, args: &LogArgs) -> Result<()> {
    let mut store = ctx.store()?;
    store.ensure_sound()?;
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let rep = ctx.rep(&store, &config)?;
    let cal = config.calendar();
    let input = CallInput {
        next: args
            .next
            .as_deref()
            .map(|n| parse_next_call(n, &clock, &cal))
            .transpose()?,
        stage: args.stage,
        intent: args.intent,
        grade: args.grade.as_deref().map(str::parse).transpose()?,
        note: args.note.clone(),
        channel: args.channel.parse()?,
        contact_id: args.contact,
        duration_s: args.duration,
        complaint: args.complaint.clone(),
        complaint_category: args.category.clone(),
        resolve_complaint: args.resolve,
        close: args
            .close
            .as_deref()
            .map(|c| parse_close(c, &clock, &cal))
            .transpose()?,
        won: WonTerms {
            value_cents: args.value.as_deref().map(parse_money).transpose()?,
            start: args
                .start
                .as_deref()
                .map(|s| parse_date(s, "start"))
                .transpose()?,
            end: args
                .end
                .as_deref()
                .map(|s| parse_date(s, "end"))
                .transpose()?,
        },
        loss_reason: args.reason.clone(),
        satisfaction: args.satisfaction,
        ..CallInput::new(args.outcome)
    };
    if args.outcome != crate::domain::Outcome::Won
        && (args.value.is_some() || args.start.is_some() || args.end.is_some())
    {
        return Err(Error::usage(crate::t!(
            "cli-value-start-and-end-describe-a"
        )));
    }
    if args.reason.is_some() {
        let before = store.customer(args.id)?;
        if !marks_lost(&before.state, args.outcome, &config, &clock) {
            return Err(Error::invalid(crate::t!("cli-reason-is-for-a-call-that")));
        }
    }
    if !args.yes {
        let before = store.customer(args.id)?;
        let called_today = store
            .calls_on_day(rep.id, clock.today(), &clock)?
            .contains_key(&args.id);
        if let Some(caution) = cautions(&before.state, args.outcome, called_today).first() {
            return Err(Error::invalid(crate::t!(
                "cli-add-yes-to-log-it",
                a0 = caution.question(),
                a1 = (before.name).to_string(),
                a2 = (before.id).to_string()
            )));
        }
    }
    let recorded = store.record_call(rep.id, args.id, &input, &config, &clock)?;
    if let Some(overlap) = &recorded.overlap {
        eprintln!("note: {overlap}; both calls are kept");
    }
    let customer = store.customer(args.id)?;
    let after = &recorded.effect.after;
    let close = store.expected_close(customer.id)?;
    match args.format {
        TextOrJson::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "call_id": recorded.call_id,
                "customer_id": customer.id,
                "outcome": args.outcome.code(),
                "reached": recorded.effect.reached,
                "stage": after.stage,
                "intent": after.intent,
                "grade": after.grade.as_str(),
                "status": after.status.as_str(),
                "next_call": after.next_call.map(|n| n.to_string()),
                "attempts": after.attempts,
                "expected_close": close.map(|d| d.to_string()),
            }))
            .expect("json")
        ),
        TextOrJson::Text => {
            let next = match (recorded.effect.kept_appointment, after.next_call) {
                (Some(kept), _) => format!("{} (the callback is kept)", short_next(kept)),
                (None, Some(n)) => short_next(n),
                (None, None) => "none".into(),
            };
            println!(
                "{}",
                crate::t!(
                    "cli-logged-for-next-call-stage-status",
                    a0 = (args.outcome.code()).to_string(),
                    a1 = (customer.id).to_string(),
                    a2 = (customer.name).to_string(),
                    next = next.to_string(),
                    a3 = (after.stage).to_string(),
                    a4 = config.stage_label(after.stage).to_string(),
                    a5 = (after.status.label()).to_string(),
                    a6 = (match recorded.effect.deal {
                        crate::domain::DealChange::Win { value_cents, .. } => crate::t!(
                            "cli-logged-contract",
                            value = format_money(value_cents, &config.currency_symbol)
                        ),
                        crate::domain::DealChange::Lose => crate::t!("cli-logged-deal-lost"),
                        crate::domain::DealChange::Follow => close
                            .map(|d| crate::t!("cli-logged-deal-close", day = d.to_string()))
                            .unwrap_or_default(),
                    })
                    .to_string()
                )
            );
        }
    }
    Ok(())
}

pub fn undo(ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let rep = ctx.rep(&store, &config)?;
    let undone = store.undo_last_call(rep.id, &clock)?;
    println!(
        "{}",
        crate::t!(
            "cli-voided-call-to-restored-stage-next",
            a0 = (undone.call_id).to_string(),
            a1 = (undone.outcome.code()).to_string(),
            a2 = (undone.customer_id).to_string(),
            a3 = (undone.customer_name).to_string(),
            a4 = (undone.restored.stage).to_string(),
            a5 = (undone
                .restored
                .next_call
                .map(short_next)
                .unwrap_or_else(|| "none".into()))
            .to_string()
        )
    );
    Ok(())
}

/// A next call as a message says it: "Fri 27 Nov", "Fri 27 Nov 10:00".
fn short_next(n: crate::domain::NextCall) -> String {
    match n.time {
        Some(t) => format!(
            "{} {}",
            crate::i18n::weekday_day_month(n.date),
            t.format("%H:%M")
        ),
        None => crate::i18n::weekday_day_month(n.date),
    }
}

pub fn config_path() -> Result<()> {
    match Config::user_path() {
        Some(p) => println!("{}", p.display()),
        None => {
            return Err(Error::invalid(crate::t!(
                "cli-no-home-folder-set-calldeck-config"
            )));
        }
    }
    Ok(())
}

/// Copies the built-in scripts into the user's script folder, keeping the ones already there.
pub fn config_scripts() -> Result<()> {
    let Some(folder) = crate::tui::scripts::folder() else {
        return Err(Error::invalid(crate::t!(
            "cli-no-config-folder-set-calldeck-config"
        )));
    };
    std::fs::create_dir_all(&folder).map_err(|e| {
        Error::invalid(crate::t!(
            "cli-cannot-create",
            a0 = (folder.display()).to_string(),
            e = e.to_string()
        ))
    })?;
    let (mut copied, mut kept) = (0, 0);
    for (name, text) in crate::tui::scripts::built_in() {
        let path = folder.join(name);
        if path.exists() {
            kept += 1;
            continue;
        }
        std::fs::write(&path, text).map_err(|e| {
            Error::invalid(crate::t!(
                "cli-cannot-write",
                a0 = (path.display()).to_string(),
                e = e.to_string()
            ))
        })?;
        copied += 1;
    }
    println!(
        "{}",
        crate::t!(
            "cli-scripts-copied",
            folder = folder.display().to_string(),
            copied = copied,
            kept = kept
        )
    );
    Ok(())
}

pub fn config_show() -> Result<()> {
    print!("{}", Config::load()?.to_toml());
    Ok(())
}

pub fn backup(ctx: &Context, file: &Path, force: bool) -> Result<()> {
    let store = ctx.reader()?;
    store.backup(file, force)?;
    println!(
        "{}",
        crate::t!(
            "cli-backed-up-to",
            a0 = (store.path().display()).to_string(),
            a1 = (file.display()).to_string()
        )
    );
    Ok(())
}

pub fn check(ctx: &Context) -> Result<()> {
    let store = ctx.reader()?;
    let problems = store.check()?;
    println!(
        "{}",
        crate::t!(
            "cli-check-schema",
            path = store.path().display().to_string(),
            version = store.schema_version()?,
            known = crate::store::SCHEMA_VERSION
        )
    );
    for (table, n) in store.row_counts()? {
        println!(
            "  {table:<18} {}",
            crate::t!("cli-check-rows", n = format!("{n:>9}"))
        );
    }
    if problems.is_empty() {
        println!("{}", crate::t!("cli-check-ok"));
        Ok(())
    } else {
        for p in &problems {
            println!(
                "{}",
                crate::t!("cli-check-problem", problem = p.to_string())
            );
        }
        Err(Error::invalid(crate::t!(
            "cli-problem-s-found-restore-from-a",
            a0 = (problems.len()).to_string()
        )))
    }
}
