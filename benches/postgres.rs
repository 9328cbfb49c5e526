//! The same three operations on SQLite and on PostgreSQL on loopback, side by side:
//! recording one call, planning one rep's 1,000-customer book of a 100,000-customer team,
//! and the weekly team report. The team is built once on SQLite by the demo generator
//! and copied to a fresh PostgreSQL database with `copy`. Skipped without
//! CALLDECK_TEST_PG (a server address whose role may create databases).
//! `BENCH_DAYS` (default 7) sets the days of call history.

use calldeck::domain::{CallInput, Outcome};
use calldeck::planner::plan_day;
use calldeck::report::{Scope, Week, weekly};
use calldeck::store::Store;
use criterion::{Criterion, criterion_group};

mod common;

#[path = "../tests/common/engines.rs"]
mod engines;

fn engines_side_by_side(c: &mut Criterion) {
    let Some(server) = engines::server() else {
        return;
    };
    let days = std::env::var("BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(7);
    let team = common::team_file(days);
    let (config, clock) = (&team.config, &team.clock);
    let pg = engines::PgDb::new(&server);
    {
        let source = Store::open(&team.path).expect("open");
        let mut target = Store::open(&pg.path()).expect("open pg");
        let copied = source.copy_into(&mut target, false).expect("copy");
        eprintln!("copied {} rows to PostgreSQL", copied.rows());
    }
    for (engine, path) in [("sqlite", team.path.clone()), ("postgres", pg.path())] {
        let mut store = Store::open(&path).expect("open");
        let rep = store.resolve_rep(Some("Alice")).expect("rep");
        let book: Vec<i64> = store
            .book(rep.id)
            .expect("book")
            .iter()
            .map(|c| c.id)
            .collect();
        let cal = config.calendar();
        let day = clock.today();
        let mut group = c.benchmark_group(format!("{engine}_loopback"));
        group.sample_size(20);
        let mut i = 0usize;
        group.bench_function("record_call", |b| {
            b.iter(|| {
                let id = book[i % book.len()];
                i += 1;
                store
                    .record_call(
                        rep.id,
                        id,
                        &CallInput::new(Outcome::NoAnswer),
                        config,
                        clock,
                    )
                    .expect("record");
            })
        });
        group.bench_function("plan_one_rep_1000_of_100k", |b| {
            b.iter(|| {
                let book = store.plan_book(rep.id, day, clock, &cal).expect("book");
                plan_day(&book, day, 60, config, &cal)
            })
        });
        let week = Week::last_complete(day);
        group.sample_size(10);
        group.bench_function("weekly_team_report", |b| {
            b.iter(|| weekly(&store, config, clock, week, &Scope::Team).expect("report"))
        });
        group.finish();
    }
}

criterion_group!(benches, engines_side_by_side);

fn main() {
    if engines::server().is_none() {
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
