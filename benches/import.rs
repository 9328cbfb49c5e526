//! Importing 100,000 CSV rows (customers with a contact each) into a fresh file.

use std::fmt::Write as _;
use std::path::Path;

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::store::Store;
use calldeck::transfer::import::{ImportOptions, import_file};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

pub const ROWS: usize = 100_000;

/// A book as spreadsheets hold one: Chinese headers, money with symbols and separators,
/// quoted fields with line breaks; every row a new customer.
fn book(rows: usize) -> String {
    let mut out = String::from("姓名,公司,手机,邮箱,地址,行业,来源,金额,备注\n");
    for i in 0..rows {
        let _ = writeln!(
            out,
            "客户{i},公司{i} Ltd,+86 138{:08},c{i}@example.com,\"上海市 {i} 号\",制造,展会,\"¥{},{:03}.50\",\"line one\nline two\"",
            i,
            i % 1000,
            i % 997
        );
    }
    out
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("book.csv");
    std::fs::write(&file, book(ROWS)).expect("write book");
    let config = Config::default();
    let clock = Clock::parse("2026-11-26T10:00:00+08:00").expect("clock");
    let mut run = 0usize;
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("csv_100k_rows_fresh_file", |b| {
        b.iter_batched(
            || {
                run += 1;
                let path = dir.path().join(format!("run{run}.db"));
                Store::open(&path).expect("open")
            },
            |mut store| {
                let report = import_file(
                    &mut store,
                    Path::new(&file),
                    &ImportOptions::default(),
                    &config,
                    &clock,
                )
                .expect("import");
                assert_eq!(report.created, ROWS);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
