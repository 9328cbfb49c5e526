//! A team on one file: 8 processes running every kind of write (assign, edit, pin, import,
//! undo, the day's first plan with contracts expiring, replan) while 8 other processes log
//! calls. Every write waits its turn: not one of them may fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use calldeck::store::Store;

/// The demo is built on this day...
const BUILT: &str = "2026-11-26T09:00:00+08:00";
/// ...and worked a year and a half later, when every contract won in it has ended.
const LATER: &str = "2028-06-01T09:30:00+08:00";

fn calldeck(db: &Path, now: &str, rep: &str, args: &[&str]) -> Result<(), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_calldeck"))
        .args(args)
        .env("CALLDECK_DB", db)
        .env("CALLDECK_NOW", now)
        .env("CALLDECK_REP", rep)
        .env("CALLDECK_CONFIG", "")
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{rep} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Active customers under a running contract (stage 6), across every book.
fn under_contract(db: &Path) -> usize {
    let store = Store::open(db).unwrap();
    store
        .reps()
        .unwrap()
        .iter()
        .flat_map(|r| store.book(r.id).unwrap())
        .filter(|c| c.state.stage == 6 && c.state.status == calldeck::domain::Status::Active)
        .count()
}

fn ids_of(db: &Path, rep: &str) -> Vec<i64> {
    let store = Store::open(db).unwrap();
    let rep = store.resolve_rep(Some(rep)).unwrap();
    store
        .book(rep.id)
        .unwrap()
        .into_iter()
        .filter(|c| c.state.status == calldeck::domain::Status::Active)
        .map(|c| c.id)
        .collect()
}

#[test]
fn eight_writers_of_every_kind_and_eight_loggers_never_fail() {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("team.db");
    calldeck(
        &db,
        BUILT,
        "",
        &[
            "demo",
            "--no-tui",
            "--reps",
            "3",
            "--customers",
            "120",
            "--days",
            "30",
        ],
    )
    .unwrap();
    let contracts_running = under_contract(&db);
    // Alice's and Bruno's books are logged; Chen's are edited, pinned, moved and undone.
    let alice = ids_of(&db, "Alice");
    let bruno = ids_of(&db, "Bruno");
    let chen = ids_of(&db, "Chen");
    assert!(
        alice.len() >= 32 && bruno.len() >= 32 && chen.len() >= 40,
        "{} {} {}",
        alice.len(),
        bruno.len(),
        chen.len()
    );
    let calls_before = Store::open(&db)
        .unwrap()
        .row_counts()
        .unwrap()
        .into_iter()
        .find(|(t, _)| t == "calls")
        .unwrap()
        .1;

    let mut jobs: Vec<std::thread::JoinHandle<Vec<String>>> = Vec::new();
    for w in 0..8usize {
        let db = db.clone();
        let ids: Vec<i64> = if w % 2 == 0 { &alice } else { &bruno }
            .iter()
            .skip((w / 2) * 8)
            .take(4)
            .copied()
            .collect();
        let rep = if w % 2 == 0 { "Alice" } else { "Bruno" };
        jobs.push(std::thread::spawn(move || {
            let mut failures = Vec::new();
            for id in ids {
                let id = id.to_string();
                for outcome in ["no_answer", "busy"] {
                    if let Err(e) = calldeck(
                        &db,
                        LATER,
                        rep,
                        &["log", &id, "--outcome", outcome, "--yes"],
                    ) {
                        failures.push(e);
                    }
                }
            }
            failures
        }));
    }
    for w in 0..8usize {
        let db = db.clone();
        let mine: Vec<String> = chen[w * 5..w * 5 + 5]
            .iter()
            .map(|i| i.to_string())
            .collect();
        let csv = dir.path().join(format!("new-{w}.csv"));
        std::fs::write(
            &csv,
            format!(
                "name,phone\nNew Co {w} A,+86 139 0000 {w:04}\nNew Co {w} B,+86 139 0001 {w:04}\n"
            ),
        )
        .unwrap();
        jobs.push(std::thread::spawn(move || {
            let csv = csv.to_string_lossy().to_string();
            let to = if w % 2 == 0 { "Alice" } else { "Bruno" };
            let steps: Vec<Vec<&str>> = vec![
                vec!["today"],
                vec!["edit", &mine[0], "--note", "called back about the quote"],
                vec!["pin", &mine[1], "--date", "tomorrow"],
                vec!["log", &mine[2], "--outcome", "no_answer", "--yes"],
                vec!["undo"],
                vec!["import", &csv],
                vec!["today", "--replan"],
                vec!["assign", &mine[3], "--to", to],
            ];
            steps
                .iter()
                .filter_map(|args| calldeck(&db, LATER, "Chen", args).err())
                .collect()
        }));
    }
    let failures: Vec<String> = jobs.into_iter().flat_map(|j| j.join().unwrap()).collect();
    assert!(
        failures.is_empty(),
        "{} failed: {failures:#?}",
        failures.len()
    );

    let store = Store::open(&db).unwrap();
    assert!(store.check().unwrap().is_empty());
    let counts = store.row_counts().unwrap();
    let calls = counts.iter().find(|(t, _)| t == "calls").unwrap().1;
    // 8 loggers x 4 customers x 2 calls, and 8 calls logged then undone (kept, voided).
    assert_eq!(calls, calls_before + 64 + 8);
    assert_eq!(ids_of(&db, "Chen").len() + 8, chen.len() + 16);
    assert!(
        contracts_running > 0,
        "the demo has customers under contract"
    );
    // Planning a day renews the ended contracts of the planning rep's own book: Chen's,
    // planned during the load; Alice's and Bruno's once they plan too.
    let chen_under_contract = Store::open(&db)
        .unwrap()
        .book(
            Store::open(&db)
                .unwrap()
                .resolve_rep(Some("Chen"))
                .unwrap()
                .id,
        )
        .unwrap()
        .iter()
        .filter(|c| c.state.stage == 6 && c.state.status == calldeck::domain::Status::Active)
        .count();
    assert_eq!(
        chen_under_contract, 0,
        "Chen's ended contracts became renewals"
    );
    for rep in ["Alice", "Bruno"] {
        calldeck(&db, LATER, rep, &["today"]).unwrap();
    }
    assert_eq!(
        under_contract(&db),
        0,
        "every ended contract became a renewal"
    );
}

#[test]
fn the_same_rep_added_by_six_processes_at_once_is_added_once_and_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("reps.db");
    calldeck(&db, BUILT, "", &["rep", "add", "alice"]).unwrap();
    let jobs: Vec<_> = (0..6)
        .map(|_| {
            let db = db.clone();
            std::thread::spawn(move || calldeck(&db, BUILT, "", &["rep", "add", "Zhang Wei"]))
        })
        .collect();
    let results: Vec<_> = jobs.into_iter().map(|j| j.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    for e in results.iter().filter_map(|r| r.as_ref().err()) {
        assert!(e.contains("a rep named 'Zhang Wei' already exists"), "{e}");
    }
}
