//! Two reps on the same file at the same time, as two calldeck processes would be: every
//! call of both is kept.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::domain::{CallInput, Outcome};
use calldeck::store::Store;

#[test]
fn two_reps_log_calls_on_one_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let config = Config::default();
    let clock = Clock::parse("2026-11-26T09:00:00+08:00").unwrap();
    build(
        &path,
        &DemoOptions {
            reps: 2,
            customers: 100,
            days: 5,
            seed: 2,
            calls_per_day: None,
        },
        &config,
        &clock,
    )
    .unwrap();
    let before = Store::open(&path).unwrap().row_counts().unwrap();
    let calls_before = before.iter().find(|(t, _)| t == "calls").unwrap().1;

    let workers: Vec<_> = ["Alice", "Bruno"]
        .into_iter()
        .map(|name| {
            let path = path.clone();
            let config = config.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let rep = store.resolve_rep(Some(name)).unwrap();
                let book: Vec<i64> = store
                    .book(rep.id)
                    .unwrap()
                    .iter()
                    .filter(|c| c.state.status == calldeck::domain::Status::Active)
                    .map(|c| c.id)
                    .collect();
                for (i, id) in book.iter().take(60).enumerate() {
                    let at =
                        Clock::parse(&format!("2026-11-26T10:{:02}:00+08:00", i % 60)).unwrap();
                    store
                        .record_call(
                            rep.id,
                            *id,
                            &CallInput::new(Outcome::NoAnswer),
                            &config,
                            &at,
                        )
                        .unwrap();
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let after = store.row_counts().unwrap();
    assert_eq!(
        after.iter().find(|(t, _)| t == "calls").unwrap().1,
        calls_before + 120
    );
    assert!(store.check().unwrap().is_empty());
}
