//! Recording one call (a full transaction with fsync) on a 100,000-customer file.

use calldeck::domain::{CallInput, Outcome};
use calldeck::store::Store;
mod common;

use criterion::{Criterion, criterion_group, criterion_main};

fn record_call(c: &mut Criterion) {
    let team = common::team_file(5);
    let (path, config, clock) = (&team.path, &team.config, &team.clock);
    let mut store = Store::open(path).expect("open");
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
                    config,
                    clock,
                )
                .expect("record");
        })
    });
    group.finish();
}

criterion_group!(benches, record_call);
criterion_main!(benches);
