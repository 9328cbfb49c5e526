//! Recording one call (a full transaction with fsync) on a 100,000-customer file.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::domain::{CallInput, Outcome};
use calldeck::store::Store;
use criterion::{Criterion, criterion_group, criterion_main};

fn record_call(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let config = Config::default();
    let clock = Clock::parse("2026-11-26T10:00:00+08:00").expect("clock");
    // 100 reps x 1,000 customers; a short history keeps the set-up quick.
    build(
        &path,
        &DemoOptions {
            reps: 100,
            customers: 1000,
            days: 5,
            seed: 1,
        },
        &config,
        &clock,
    )
    .expect("demo");
    let mut store = Store::open(&path).expect("open");
    let rep = store.resolve_rep(Some("Alice")).expect("rep");
    let book: Vec<i64> = store
        .book(rep.id)
        .expect("book")
        .iter()
        .map(|c| c.id)
        .collect();
    let mut i = 0usize;
    let mut group = c.benchmark_group("record_call");
    group.sample_size(50);
    group.bench_function("no_answer_100k_customers", |b| {
        b.iter(|| {
            let id = book[i % book.len()];
            i += 1;
            store
                .record_call(
                    rep.id,
                    id,
                    &CallInput::new(Outcome::NoAnswer),
                    &config,
                    &clock,
                )
                .expect("record");
        })
    });
    group.finish();
}

criterion_group!(benches, record_call);
criterion_main!(benches);
