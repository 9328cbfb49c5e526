//! The weekly team report on a 100,000-customer, ~1,000,000-call file, next to one plain
//! SQL GROUP BY over the same week's calls (the floor any report must read).
//!
//! Set-up: the demo generator makes the team (100 reps x 1,000 customers, contacts, deals,
//! contracts, complaints, appointments) with two weeks of calls recorded by the real rules;
//! the rest of the million calls are inserted directly, spread evenly over 200 days, and
//! each customer's last contact is brought up to date as recording them would have.

use std::time::Instant;

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, Rng, build};
use calldeck::report::{Scope, Week, weekly};
use calldeck::store::Store;
use chrono::{Duration, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::{Connection, params};

const NOW: &str = "2026-11-26T10:00:00+08:00";
const TARGET_CALLS: i64 = 1_000_000;
const HISTORY_DAYS: i64 = 200;

const OUTCOMES: [(&str, bool); 6] = [
    ("no_answer", false),
    ("no_answer", false),
    ("busy", false),
    ("reached", true),
    ("sent_info", true),
    ("contract_sent", true),
];

fn top_up_calls(path: &std::path::Path, clock: &Clock) {
    let mut conn = Connection::open(path).expect("open");
    let have: i64 = conn
        .query_row("SELECT count(*) FROM calls", [], |r| r.get(0))
        .expect("count");
    let owners: Vec<(i64, i64)> = {
        let mut stmt = conn
            .prepare("SELECT id, owner_id FROM customers WHERE owner_id IS NOT NULL")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    };
    let start = clock
        .to_utc((clock.today() - chrono::Days::new(HISTORY_DAYS as u64)).and_time(NaiveTime::MIN));
    let span = Duration::days(HISTORY_DAYS).num_seconds() as u64;
    let mut rng = Rng::new(42);
    let tx = conn.transaction().expect("tx");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO calls (at, rep_id, customer_id, outcome, reached, stage_before,
                    stage_after, intent_before, intent_after, grade_before, grade_after,
                    next_call_date, next_call_time, state_before)
                 VALUES (?1, ?2, ?3, ?4, ?5, 2, 2, 1, 1, 'C', 'C', ?6, ?7, '{}')",
            )
            .expect("prepare insert");
        for _ in have..TARGET_CALLS {
            let (customer, rep) = owners[rng.below(owners.len() as u64) as usize];
            let at = start + Duration::seconds(rng.below(span) as i64);
            let (outcome, reached) = OUTCOMES[rng.below(OUTCOMES.len() as u64) as usize];
            let local_next = clock.to_local(at).date() + chrono::Days::new(1 + rng.below(10));
            let appointment = rng.chance(0.05);
            insert
                .execute(params![
                    at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    rep,
                    customer,
                    outcome,
                    reached,
                    local_next.format("%Y-%m-%d").to_string(),
                    appointment.then_some("15:00"),
                ])
                .expect("insert call");
        }
    }
    tx.execute_batch(
        "UPDATE customers SET last_contact_at = (
             SELECT max(at) FROM calls k WHERE k.customer_id = customers.id AND k.void = 0)",
    )
    .expect("last contact");
    tx.commit().expect("commit");
    conn.execute_batch("ANALYZE").expect("analyze");
}

fn weekly_report(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let config = Config::default();
    let clock = Clock::parse(NOW).expect("clock");
    let t = Instant::now();
    build(
        &path,
        &DemoOptions {
            reps: 100,
            customers: 1000,
            days: 14,
            seed: 1,
            calls_per_day: None,
        },
        &config,
        &clock,
    )
    .expect("demo");
    eprintln!(
        "demo (100 x 1,000 customers, 14 days of calls) built in {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    top_up_calls(&path, &clock);
    eprintln!("calls topped up to {TARGET_CALLS} in {:?}", t.elapsed());

    let store = Store::open(&path).expect("open");
    let week = Week::last_complete(clock.today());
    let from = clock.to_utc(week.monday().and_time(NaiveTime::MIN));
    let to = clock.to_utc((week.sunday() + chrono::Days::new(1)).and_time(NaiveTime::MIN));
    let (from, to) = (
        from.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        to.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    );
    let conn = Connection::open(&path).expect("open sql");
    let week_calls: i64 = conn
        .query_row(
            "SELECT count(*) FROM calls WHERE at >= ?1 AND at < ?2",
            [&from, &to],
            |r| r.get(0),
        )
        .expect("count");
    eprintln!("week {week}: {week_calls} calls");

    let mut group = c.benchmark_group("weekly_report");
    group.sample_size(20);
    group.bench_function("team_report_100k_customers_1m_calls", |b| {
        b.iter(|| {
            let r = weekly(&store, &config, &clock, week, &Scope::Team).expect("report");
            assert!(r.team.calls > 0);
            r
        })
    });
    group.bench_function("plain_sql_group_by_week", |b| {
        let mut stmt = conn
            .prepare(
                "SELECT rep_id, count(*), sum(reached) FROM calls
                 WHERE at >= ?1 AND at < ?2 AND void = 0 GROUP BY rep_id",
            )
            .expect("prepare");
        b.iter(|| {
            let rows: Vec<(i64, i64, i64)> = stmt
                .query_map([&from, &to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            rows
        })
    });
    group.finish();
}

criterion_group!(benches, weekly_report);
criterion_main!(benches);
