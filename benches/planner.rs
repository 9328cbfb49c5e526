//! Planning one rep's 1,000-customer book, and all 100 reps of a 100,000-customer file.

use calldeck::planner::{plan_all_reps, plan_day};
use calldeck::store::Store;
mod common;

use criterion::{Criterion, criterion_group, criterion_main};

fn planner(c: &mut Criterion) {
    let team = common::team_file(20);
    let (path, config, clock) = (&team.path, &team.config, &team.clock);
    let store = Store::open(path).expect("open");
    let rep = store.resolve_rep(Some("Alice")).expect("rep");
    let cal = config.calendar();
    let day = clock.today();
    let mut group = c.benchmark_group("planner");
    group.sample_size(30);
    group.bench_function("one_rep_1000_customers", |b| {
        b.iter(|| {
            let book = store.plan_book(rep.id, day, clock, &cal).expect("book");
            plan_day(&book, day, 60, config, &cal)
        })
    });
    group.bench_function("all_100_reps_100k_customers", |b| {
        b.iter(|| plan_all_reps(&store, day, clock, config).expect("plans"))
    });
    group.finish();
}

criterion_group!(benches, planner);
criterion_main!(benches);
