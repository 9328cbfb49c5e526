//! Planning one rep's 1,000-customer book, and all 100 reps of a 100,000-customer file.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::planner::{plan_all_reps, plan_day};
use calldeck::store::Store;
use criterion::{Criterion, criterion_group, criterion_main};

fn planner(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let config = Config::default();
    let clock = Clock::parse("2026-11-26T09:00:00+08:00").expect("clock");
    build(
        &path,
        &DemoOptions {
            reps: 100,
            customers: 1000,
            days: 20,
            seed: 1,
        },
        &config,
        &clock,
    )
    .expect("demo");
    let store = Store::open(&path).expect("open");
    let rep = store.resolve_rep(Some("Alice")).expect("rep");
    let cal = config.calendar();
    let day = clock.today();
    let mut group = c.benchmark_group("planner");
    group.sample_size(30);
    group.bench_function("one_rep_1000_customers", |b| {
        b.iter(|| {
            let book = store.plan_book(rep.id, day, &clock, &cal).expect("book");
            plan_day(&book, day, 60, &config, &cal)
        })
    });
    group.bench_function("all_100_reps_100k_customers", |b| {
        b.iter(|| plan_all_reps(&store, day, &clock, &config).expect("plans"))
    });
    group.finish();
}

criterion_group!(benches, planner);
criterion_main!(benches);
