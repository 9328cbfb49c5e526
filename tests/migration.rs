//! A file made by the first schema version (tests/fixtures/schema_v1.db) opens, migrates
//! to the current version in one step, keeps its data, and works.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::domain::{CallInput, Outcome};
use calldeck::store::{SCHEMA_VERSION, Store};

fn migrated_copy() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema_v1.db"),
        &path,
    )
    .unwrap();
    let store = Store::open(&path).unwrap();
    (dir, store)
}

#[test]
fn version_1_file_migrates_and_keeps_its_data() {
    let (_dir, store) = migrated_copy();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let counts: std::collections::HashMap<String, i64> =
        store.row_counts().unwrap().into_iter().collect();
    assert_eq!(counts["customers"], 2);
    assert_eq!(counts["contacts"], 2);
    assert_eq!(counts["calls"], 1);
    assert_eq!(counts["customer_history"], 0, "table added by migration 2");
    let c = store.customer(1).unwrap();
    assert_eq!(c.name, "华美贸易");
    assert_eq!(c.contacts[0].phone, "+86 138 0000 1111");
    assert_eq!(c.state.next_call.unwrap().to_string(), "2026-01-08");
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn migrated_file_records_and_undoes_calls() {
    let (_dir, mut store) = migrated_copy();
    let config = Config::default();
    let clock = Clock::parse("2026-01-08T10:00:00+08:00").unwrap();
    let rep = store.resolve_rep(Some("alice")).unwrap();
    store
        .record_call(
            rep.id,
            1,
            &CallInput::new(Outcome::ContractSent),
            &config,
            &clock,
        )
        .unwrap();
    assert_eq!(store.customer(1).unwrap().state.stage, 5);
    store.undo_last_call(rep.id, &clock).unwrap();
    assert_eq!(store.customer(1).unwrap().state.stage, 3);
    // The call logged under version 1 is undone from its saved state too.
    store.undo_last_call(rep.id, &clock).unwrap();
    let c = store.customer(1).unwrap();
    assert_eq!((c.state.stage, c.state.intent), (2, 1));
}

#[test]
fn migrating_twice_is_a_no_op() {
    let (_dir, store) = migrated_copy();
    let path = store.path().to_path_buf();
    let before = store.row_counts().unwrap();
    drop(store);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.row_counts().unwrap(), before);
}
