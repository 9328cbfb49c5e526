//! Team scale: each calldeck operation next to the plain SQL that is its floor, on a
//! 100,000-customer file with about a million calls made by the demo generator
//! (100 reps x 1,000 customers, 90 days at 160 calls per rep and day). The ratios to read:
//! one rep's plan / the raw top-60 query, one rep's plan / the same plan in a three-rep
//! file (the plan reads the rep's book, not the team), all 100 plans, the team funnel / its GROUP BY,
//! the weekly team report / its GROUP BY, one rep's funnel and weekly summary (they read
//! that rep's rows), and a lead's search (first results, a keystroke).
//!
//! CALLDECK_BENCH_DB=path reuses a file built before (`calldeck demo --reps 100
//! --customers 1000 --calls-per-day 160 --no-tui --db path` with CALLDECK_NOW set to the
//! clock below); it is copied, never changed.

use std::path::PathBuf;
use std::time::Instant;

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::planner::{daily_list, plan_all_reps, plan_day};
use calldeck::report::{Scope, Week, funnel, weekly};
use calldeck::store::Store;
use calldeck::transfer::export::{ExportFormat, ExportKind, write_export};
use calldeck::tui::action::Action;
use calldeck::tui::start;
use calldeck::tui::update::update;
use chrono::NaiveTime;
use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::Connection;

const NOW: &str = "2026-11-26T09:00:00+08:00";

fn team_file(dir: &tempfile::TempDir, config: &Config, clock: &Clock) -> PathBuf {
    let path = dir.path().join("team.db");
    if let Ok(from) = std::env::var("CALLDECK_BENCH_DB") {
        std::fs::copy(&from, &path).expect("copy CALLDECK_BENCH_DB");
        return path;
    }
    let t = Instant::now();
    let summary = build(
        &path,
        &DemoOptions {
            reps: 100,
            customers: 1000,
            days: 90,
            seed: 1,
            calls_per_day: Some(160),
        },
        config,
        clock,
    )
    .expect("demo");
    eprintln!("demo: {} calls in {:?}", summary.calls, t.elapsed());
    path
}

fn rows(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> usize {
    let mut stmt = conn.prepare_cached(sql).expect("prepare");
    let mut rows = stmt.query(params).expect("query");
    let mut n = 0;
    while rows.next().expect("row").is_some() {
        n += 1;
    }
    n
}

fn team_scale(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::default();
    let clock = Clock::parse(NOW).expect("clock");
    let path = team_file(&dir, &config, &clock);
    let mut store = Store::open(&path).expect("open");
    let raw = Connection::open(&path).expect("open sql");
    let rep = store.resolve_rep(Some("Alice")).expect("rep");
    let today = clock.today();

    let mut group = c.benchmark_group("team_scale");
    group.sample_size(20);
    group.bench_function("plan_one_rep_replan", |b| {
        b.iter(|| daily_list(&mut store, &rep, today, &clock, &config, true).expect("plan"))
    });
    // Where a plan's time goes: reading the book as the planner sees it, then scoring it.
    let cal = config.calendar();
    group.bench_function("plan_one_rep_read_book", |b| {
        b.iter(|| store.plan_book(rep.id, today, &clock, &cal).expect("book"))
    });
    let book = store.plan_book(rep.id, today, &clock, &cal).expect("book");
    group.bench_function("plan_one_rep_score_book", |b| {
        b.iter(|| plan_day(&book, today, 60, &config, &cal))
    });
    group.bench_function("raw_top_60_of_one_book", |b| {
        b.iter(|| {
            rows(
                &raw,
                "SELECT id FROM customers WHERE owner_id = ?1 AND status = 'active'
                 ORDER BY next_call_date IS NULL, next_call_date, last_contact_at LIMIT 60",
                &[&rep.id],
            )
        })
    });
    // The same size of book in a three-rep file: a plan that reads only the rep's book
    // takes as long there as in the hundred-rep file.
    let small_path = dir.path().join("small.db");
    build(
        &small_path,
        &DemoOptions {
            reps: 3,
            customers: 1000,
            days: 90,
            seed: 1,
            calls_per_day: Some(160),
        },
        &config,
        &clock,
    )
    .expect("small demo");
    let mut small = Store::open(&small_path).expect("open small");
    let small_rep = small.resolve_rep(Some("Alice")).expect("rep");
    group.bench_function("plan_one_rep_replan_in_a_3_rep_file", |b| {
        b.iter(|| daily_list(&mut small, &small_rep, today, &clock, &config, true).expect("plan"))
    });
    drop(small);
    group.sample_size(10);
    group.bench_function("plan_all_100_reps", |b| {
        b.iter(|| plan_all_reps(&store, today, &clock, &config).expect("plans"))
    });
    group.sample_size(20);
    group.bench_function("funnel_team", |b| {
        b.iter(|| funnel(&store, &config, &clock, &Scope::Team).expect("funnel"))
    });
    // One rep's funnel and weekly summary read that rep's rows, not the team's.
    group.bench_function("funnel_one_rep", |b| {
        b.iter(|| funnel(&store, &config, &clock, &Scope::Rep(rep.clone())).expect("funnel"))
    });
    group.bench_function("raw_open_deals_group_by_stage", |b| {
        b.iter(|| {
            rows(
                &raw,
                "SELECT stage, count(*), sum(value_cents) FROM deals WHERE result = 'open'
                 GROUP BY stage",
                &[],
            )
        })
    });
    let week = Week::last_complete(today);
    let from = clock.to_utc(week.monday().and_time(NaiveTime::MIN));
    let to = clock.to_utc((week.sunday() + chrono::Days::new(1)).and_time(NaiveTime::MIN));
    let (from, to) = (
        from.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        to.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    );
    group.bench_function("weekly_team_report", |b| {
        b.iter(|| weekly(&store, &config, &clock, week, &Scope::Team).expect("report"))
    });
    group.bench_function("weekly_one_rep", |b| {
        b.iter(|| weekly(&store, &config, &clock, week, &Scope::Rep(rep.clone())).expect("report"))
    });
    group.bench_function("raw_week_calls_group_by_rep", |b| {
        b.iter(|| {
            rows(
                &raw,
                "SELECT rep_id, count(*), sum(reached), sum(outcome = 'won') FROM calls
                 WHERE at >= ?1 AND at < ?2 AND void = 0 GROUP BY rep_id",
                &[&from, &to],
            )
        })
    });

    // A lead opens search and sees the first results; then types one more character.
    let mut app = start(&mut store, config.clone(), Some("lead"), &clock).expect("start");
    group.bench_function("lead_search_first_results", |b| {
        b.iter(|| {
            update(&mut app, Action::Search, &mut store, &clock);
            update(&mut app, Action::Input('w'), &mut store, &clock);
            update(&mut app, Action::Back, &mut store, &clock);
            app.search.loaded = false;
        })
    });
    update(&mut app, Action::Search, &mut store, &clock);
    while app.search.more_after.is_some() {
        update(&mut app, Action::Tick, &mut store, &clock);
    }
    update(&mut app, Action::Input('w'), &mut store, &clock);
    update(&mut app, Action::Input('a'), &mut store, &clock);
    let mut add = true;
    group.bench_function("lead_search_keystroke_all_loaded", |b| {
        b.iter(|| {
            let action = if add {
                Action::Input('n')
            } else {
                Action::Backspace
            };
            add = !add;
            update(&mut app, action, &mut store, &clock);
        })
    });
    update(&mut app, Action::Backspace, &mut store, &clock);
    update(&mut app, Action::Backspace, &mut store, &clock);
    group.bench_function("lead_search_first_keystroke_all_loaded", |b| {
        b.iter(|| {
            update(&mut app, Action::Input('x'), &mut store, &clock);
            update(&mut app, Action::Backspace, &mut store, &clock);
        })
    });
    group.finish();

    // Every call written out as it is read, next to the same join read by plain SQL.
    let mut group = c.benchmark_group("team_scale_export");
    group.sample_size(10);
    group.bench_function("export_all_calls_csv", |b| {
        b.iter(|| {
            write_export(
                &store,
                &config,
                ExportKind::Calls,
                ExportFormat::Csv,
                None,
                std::io::sink(),
                std::path::Path::new("sink"),
                None,
            )
            .expect("export")
        })
    });
    group.bench_function("raw_all_calls_joined", |b| {
        b.iter(|| {
            rows(
                &raw,
                "SELECT k.id, k.at, r.name, k.customer_id, c.name, k.channel, k.outcome,
                        k.reached, k.duration_s, k.note, k.stage_before, k.stage_after,
                        k.intent_before, k.intent_after, k.grade_before, k.grade_after,
                        k.next_call_date, k.next_call_time, k.void
                 FROM calls k JOIN reps r ON r.id = k.rep_id
                 JOIN customers c ON c.id = k.customer_id ORDER BY k.at, k.id",
                &[],
            )
        })
    });
    group.finish();
}

criterion_group!(benches, team_scale);
criterion_main!(benches);
