use chrono::NaiveDate;

use super::*;
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{CallInput, Grade, Outcome, Status};

fn clock(s: &str) -> Clock {
    Clock::parse(s).unwrap()
}

fn thursday() -> Clock {
    clock("2026-11-26T10:00:00+08:00")
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    rep: i64,
    config: Config,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&super::test_engines::address(dir.path())).unwrap();
    let rep = store
        .add_rep("alice", RepRole::Rep, None, &thursday())
        .unwrap()
        .id;
    Fixture {
        _dir: dir,
        store,
        rep,
        config: Config::default(),
    }
}

fn customer(f: &mut Fixture, stage: u8, value: i64) -> i64 {
    let mut new = NewCustomer::named("Acme 华美");
    new.owner_id = Some(f.rep);
    new.stage = stage;
    new.value_cents = value;
    new.contacts.push(NewContact {
        name: "Wang".into(),
        phone: "+86 138 0000 1111".into(),
        ..Default::default()
    });
    f.store.add_customer(&new, &thursday()).unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn open_sets_wal_full_sync_foreign_keys_and_private_mode() {
    let f = fixture();
    let c = f.store.conn();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    let fk: i64 = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    assert_eq!(f.store.schema_version().unwrap(), SCHEMA_VERSION);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(f.store.path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn open_creates_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c.db");
    Store::open(&path).unwrap();
    assert!(path.exists());
}

#[test]
fn a_newer_schema_is_refused_naming_both_versions() {
    let f = fixture();
    f.store
        .conn()
        .sqlite()
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let path = f.store.path().to_path_buf();
    drop(f.store);
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("schema version 99")
            && err.contains(&format!("up to version {SCHEMA_VERSION}")),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        b"this is a text file, not sqlite, and it is long enough to matter",
    )
    .unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("not a calldeck database") || err.contains("cannot open"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"this is a text file, not sqlite, and it is long enough to matter"
    );
}

#[test]
fn a_new_customer_has_one_open_deal_at_its_stage() {
    let mut f = fixture();
    let id = customer(&mut f, 2, 10_000);
    assert_eq!(
        count(
            &f.store,
            &format!(
                "SELECT count(*) FROM deals WHERE customer_id = {id} AND result = 'open' AND stage = 2 AND value_cents = 10000"
            )
        ),
        1
    );
}

#[test]
fn recording_a_call_updates_customer_deal_and_stage_history() {
    let mut f = fixture();
    let id = customer(&mut f, 2, 10_000);
    let r = f
        .store
        .record_call(
            f.rep,
            id,
            &CallInput::new(Outcome::SentInfo),
            &f.config,
            &thursday(),
        )
        .unwrap();
    let c = f.store.customer(id).unwrap();
    assert_eq!(c.state.stage, 3);
    assert_eq!(c.state.next_call.unwrap().to_string(), "2026-11-30");
    assert_eq!(
        count(&f.store, "SELECT stage FROM deals WHERE result = 'open'"),
        3
    );
    assert_eq!(
        count(
            &f.store,
            &format!(
                "SELECT count(*) FROM stage_changes WHERE call_id = {} AND from_stage = 2 AND to_stage = 3",
                r.call_id
            )
        ),
        1
    );
    let calls = f.store.calls_of(id).unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!((calls[0].stage_before, calls[0].stage_after), (2, 3));
}

#[test]
fn a_win_closes_the_deal_creates_the_contract_and_undo_reverses_it_all() {
    let mut f = fixture();
    let id = customer(&mut f, 5, 250_000);
    let before = f.store.customer(id).unwrap();
    let counts_before = f.store.row_counts().unwrap();
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput::new(Outcome::Won),
            &f.config,
            &thursday(),
        )
        .unwrap();
    assert_eq!(
        count(
            &f.store,
            "SELECT count(*) FROM deals WHERE result = 'won' AND closed_on = '2026-11-26' AND value_cents = 250000"
        ),
        1
    );
    assert_eq!(
        count(&f.store, "SELECT count(*) FROM deals WHERE result = 'open'"),
        0
    );
    assert_eq!(
        f.store.latest_contract(id).unwrap().unwrap().2,
        NaiveDate::from_ymd_opt(2027, 11, 25).unwrap()
    );

    let undone = f.store.undo_last_call(f.rep, &thursday()).unwrap();
    assert_eq!(undone.customer_id, id);
    let after = f.store.customer(id).unwrap();
    assert_eq!(after.state, before.state);
    assert_eq!(
        count(
            &f.store,
            "SELECT count(*) FROM deals WHERE result = 'open' AND stage = 5"
        ),
        1
    );
    assert_eq!(count(&f.store, "SELECT count(*) FROM contracts"), 0);
    assert_eq!(count(&f.store, "SELECT count(*) FROM stage_changes"), 0);
    // The call stays in the file, void.
    assert_eq!(
        count(&f.store, "SELECT count(*) FROM calls WHERE void = 1"),
        1
    );
    let mut counts_after = f.store.row_counts().unwrap();
    counts_after
        .iter_mut()
        .filter(|(t, _)| t == "calls")
        .for_each(|(_, n)| *n -= 1);
    assert_eq!(counts_after, counts_before);
}

#[test]
fn second_not_interested_closes_the_deal_lost_and_undo_reopens_it() {
    let mut f = fixture();
    let id = customer(&mut f, 3, 50_000);
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput::new(Outcome::NotInterested),
            &f.config,
            &clock("2026-10-01T10:00:00+08:00"),
        )
        .unwrap();
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput {
                loss_reason: Some("competitor".into()),
                ..CallInput::new(Outcome::NotInterested)
            },
            &f.config,
            &thursday(),
        )
        .unwrap();
    assert_eq!(f.store.customer(id).unwrap().state.status, Status::Lost);
    assert_eq!(
        count(
            &f.store,
            "SELECT count(*) FROM deals WHERE result = 'lost' AND closed_on = '2026-11-26'"
        ),
        1
    );
    f.store.undo_last_call(f.rep, &thursday()).unwrap();
    assert_eq!(f.store.customer(id).unwrap().state.status, Status::Active);
    assert_eq!(
        count(&f.store, "SELECT count(*) FROM deals WHERE result = 'open'"),
        1
    );
    // Worked again after a loss: a new deal opens at the stage the rep sets.
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput {
                loss_reason: Some("price".into()),
                ..CallInput::new(Outcome::NotInterested)
            },
            &f.config,
            &thursday(),
        )
        .unwrap();
    let input = CallInput {
        stage: Some(3),
        ..CallInput::new(Outcome::Reached)
    };
    f.store
        .record_call(
            f.rep,
            id,
            &input,
            &f.config,
            &clock("2026-11-27T10:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(
        count(
            &f.store,
            "SELECT count(*) FROM deals WHERE result = 'open' AND stage = 3"
        ),
        1
    );
    assert_eq!(count(&f.store, "SELECT count(*) FROM deals"), 2);
}

#[test]
fn complaints_open_resolve_and_undo() {
    let mut f = fixture();
    let id = customer(&mut f, 2, 0);
    let open = CallInput {
        complaint: Some("late".into()),
        ..CallInput::new(Outcome::Reached)
    };
    f.store
        .record_call(f.rep, id, &open, &f.config, &thursday())
        .unwrap();
    assert!(f.store.open_complaint(id).unwrap().is_some());
    let resolve = CallInput {
        resolve_complaint: true,
        ..CallInput::new(Outcome::Reached)
    };
    f.store
        .record_call(
            f.rep,
            id,
            &resolve,
            &f.config,
            &clock("2026-11-26T11:00:00+08:00"),
        )
        .unwrap();
    assert!(f.store.open_complaint(id).unwrap().is_none());
    f.store.undo_last_call(f.rep, &thursday()).unwrap();
    assert!(f.store.open_complaint(id).unwrap().is_some());
}

#[test]
fn undo_with_nothing_to_undo_or_after_a_colleagues_call_is_refused() {
    let mut f = fixture();
    let err = f
        .store
        .undo_last_call(f.rep, &thursday())
        .unwrap_err()
        .to_string();
    assert!(err.contains("no call of yours"), "{err}");
    let id = customer(&mut f, 2, 0);
    let bob = f
        .store
        .add_rep("bob", RepRole::Rep, None, &thursday())
        .unwrap()
        .id;
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput::new(Outcome::NoAnswer),
            &f.config,
            &thursday(),
        )
        .unwrap();
    f.store
        .record_call(
            bob,
            id,
            &CallInput::new(Outcome::Busy),
            &f.config,
            &thursday(),
        )
        .unwrap();
    let err = f
        .store
        .undo_last_call(f.rep, &thursday())
        .unwrap_err()
        .to_string();
    assert!(err.contains("bob has logged a later call"), "{err}");
}

#[test]
fn a_refused_call_writes_nothing() {
    let mut f = fixture();
    let id = customer(&mut f, 2, 0);
    let before = f.store.row_counts().unwrap();
    // A win with no value anywhere is refused by the rule.
    let err = f.store.record_call(
        f.rep,
        id,
        &CallInput::new(Outcome::Won),
        &f.config,
        &thursday(),
    );
    assert!(err.is_err());
    let err = f.store.record_call(
        f.rep,
        999,
        &CallInput::new(Outcome::NoAnswer),
        &f.config,
        &thursday(),
    );
    assert!(matches!(err, Err(crate::Error::NoCustomer(999))));
    assert_eq!(f.store.row_counts().unwrap(), before);
}

#[test]
fn expired_contracts_move_to_renewal_with_a_renewal_deal() {
    let mut f = fixture();
    let id = customer(&mut f, 5, 80_000);
    let win = CallInput {
        won: crate::domain::WonTerms {
            value_cents: None,
            start: Some(NaiveDate::from_ymd_opt(2025, 11, 1).unwrap()),
            end: Some(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        },
        ..CallInput::new(Outcome::Won)
    };
    f.store
        .record_call(
            f.rep,
            id,
            &win,
            &f.config,
            &clock("2026-11-02T10:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(
        f.store
            .expire_contracts(&clock("2026-11-20T10:00:00+08:00"))
            .unwrap(),
        0
    );
    assert_eq!(f.store.expire_contracts(&thursday()).unwrap(), 1);
    assert_eq!(f.store.customer(id).unwrap().state.stage, 7);
    assert_eq!(
        count(
            &f.store,
            "SELECT count(*) FROM deals WHERE result = 'open' AND stage = 7 AND value_cents = 80000"
        ),
        1
    );
    // Running it again changes nothing.
    assert_eq!(f.store.expire_contracts(&thursday()).unwrap(), 0);
}

#[test]
fn edit_records_history_and_a_new_phone_revives_a_wrong_number() {
    let mut f = fixture();
    let id = customer(&mut f, 2, 0);
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput::new(Outcome::WrongNumber),
            &f.config,
            &thursday(),
        )
        .unwrap();
    assert_eq!(f.store.customer(id).unwrap().state.status, Status::Invalid);
    let edit = CustomerEdit {
        phone: Some("+86 139 1234 5678".into()),
        add_tags: vec!["vip".into()],
        ..Default::default()
    };
    let c = f.store.edit_customer(id, &edit, &thursday()).unwrap();
    assert_eq!(c.state.status, Status::Active);
    assert_eq!(c.primary_phone(), "+86 139 1234 5678");
    assert_eq!(c.tags, vec!["vip".to_string()]);
    let history = f.store.customer_history(id).unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.1 == "phone" && h.2 == "+86 138 0000 1111")
    );
    assert!(history.iter().any(|h| h.1 == "status" && h.2 == "invalid"));
    let bad = CustomerEdit {
        phone: Some("call me".into()),
        ..Default::default()
    };
    assert!(f.store.edit_customer(id, &bad, &thursday()).is_err());
}

#[test]
fn assign_is_all_or_nothing() {
    let mut f = fixture();
    let a = customer(&mut f, 2, 0);
    let bob = f
        .store
        .add_rep("bob", RepRole::Rep, None, &thursday())
        .unwrap()
        .id;
    assert!(f.store.assign(&[a, 4242], bob, &thursday()).is_err());
    assert_eq!(f.store.customer(a).unwrap().owner_id, Some(f.rep));
    f.store.assign(&[a], bob, &thursday()).unwrap();
    assert_eq!(f.store.customer(a).unwrap().owner.as_deref(), Some("bob"));
    assert_eq!(
        count(
            &f.store,
            &format!("SELECT owner_id FROM deals WHERE customer_id = {a}")
        ),
        bob
    );
}

#[test]
fn rep_resolution_names_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let empty = Store::open(&dir.path().join("e.db")).unwrap();
    let err = empty.resolve_rep(None).unwrap_err().to_string();
    assert_eq!(
        err,
        "there are no reps yet: add one with `calldeck rep add NAME`"
    );
    let f = fixture();
    assert_eq!(f.store.resolve_rep(None).unwrap().name, "alice");
    f.store
        .add_rep("bob", RepRole::Rep, None, &thursday())
        .unwrap();
    let err = f.store.resolve_rep(None).unwrap_err().to_string();
    assert!(err.contains("alice, bob"), "{err}");
    let err = f.store.resolve_rep(Some("zed")).unwrap_err().to_string();
    assert!(
        err.contains("no rep named 'zed'") && err.contains("alice"),
        "{err}"
    );
    assert!(
        f.store
            .add_rep("Alice", RepRole::Rep, None, &thursday())
            .is_err()
    );
    let _ = Grade::A;
}

#[test]
fn backup_writes_a_private_consistent_copy() {
    let mut f = fixture();
    customer(&mut f, 2, 0);
    let to = f._dir.path().join("backup.db");
    f.store.backup(&to, false).unwrap();
    let copy = Store::open(&to).unwrap();
    assert_eq!(copy.row_counts().unwrap(), f.store.row_counts().unwrap());
    assert!(f.store.backup(&to, false).is_err(), "refuses to overwrite");
    assert!(f.store.check().unwrap().is_empty());
}

#[test]
fn undo_keeps_edits_made_after_the_call() {
    let mut f = fixture();
    let id = customer(&mut f, 2, 10_000);
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput::new(Outcome::SentInfo),
            &f.config,
            &thursday(),
        )
        .unwrap();
    let edit = CustomerEdit {
        value_cents: Some(50_000),
        ..Default::default()
    };
    f.store.edit_customer(id, &edit, &thursday()).unwrap();
    f.store.undo_last_call(f.rep, &thursday()).unwrap();
    let c = f.store.customer(id).unwrap();
    assert_eq!(c.state.stage, 2, "the call's stage change is undone");
    assert_eq!(c.state.next_call, None);
    assert_eq!(c.state.value_cents, 50_000, "the later edit stays");
    assert_eq!(
        count(
            &f.store,
            "SELECT value_cents FROM deals WHERE result = 'open'"
        ),
        50_000
    );
}

#[test]
fn undoing_a_win_whose_contract_has_ended_is_refused_clearly() {
    let mut f = fixture();
    let id = customer(&mut f, 5, 80_000);
    let win = CallInput {
        won: crate::domain::WonTerms {
            value_cents: None,
            start: Some(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()),
            end: Some(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap()),
        },
        ..CallInput::new(Outcome::Won)
    };
    // Signed a year ago; the contract has run out by now.
    f.store
        .record_call(
            f.rep,
            id,
            &win,
            &f.config,
            &clock("2025-10-01T10:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(f.store.expire_contracts(&thursday()).unwrap(), 1);
    let before = f.store.row_counts().unwrap();
    let err = f
        .store
        .undo_last_call(f.rep, &thursday())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("renewal deal is open") && err.contains("correcting call"),
        "{err}"
    );
    assert_eq!(f.store.row_counts().unwrap(), before);
    assert_eq!(
        count(&f.store, "SELECT count(*) FROM calls WHERE void = 1"),
        0
    );
}

#[test]
fn undo_reopens_a_deal_in_the_book_the_customer_is_in_now() {
    let mut f = fixture();
    let id = customer(&mut f, 5, 80_000);
    f.store
        .record_call(
            f.rep,
            id,
            &CallInput::new(Outcome::Won),
            &f.config,
            &thursday(),
        )
        .unwrap();
    let bob = f
        .store
        .add_rep("bob", RepRole::Rep, None, &thursday())
        .unwrap()
        .id;
    f.store.assign(&[id], bob, &thursday()).unwrap();
    f.store.undo_last_call(f.rep, &thursday()).unwrap();
    assert_eq!(
        count(&f.store, "SELECT owner_id FROM deals WHERE result = 'open'"),
        bob
    );
}

#[test]
fn every_edited_detail_keeps_what_it_replaced() {
    let mut f = fixture();
    let id = customer(&mut f, 2, 10_000);
    let edit = CustomerEdit {
        birthday: Some(NaiveDate::from_ymd_opt(1990, 5, 17).unwrap()),
        value_cents: Some(20_000),
        note: Some("prefers mornings".into()),
        ..Default::default()
    };
    f.store.edit_customer(id, &edit, &thursday()).unwrap();
    let history = f.store.customer_history(id).unwrap();
    let changed = |field: &str| {
        history
            .iter()
            .find(|h| h.1 == field)
            .map(|h| (h.2.clone(), h.3.clone()))
    };
    assert_eq!(
        changed("birthday"),
        Some((String::new(), "1990-05-17".into()))
    );
    assert_eq!(
        changed("value_cents"),
        Some(("10000".into(), "20000".into()))
    );
    assert_eq!(
        changed("notes"),
        Some((String::new(), "prefers mornings".into()))
    );
    assert_eq!(
        count(
            &f.store,
            "SELECT value_cents FROM deals WHERE result = 'open'"
        ),
        20_000
    );
}

/// The tests above that do not look at the SQLite file itself, on PostgreSQL.
#[test]
fn the_store_on_postgresql() {
    super::test_engines::on_postgres(&[
        (
            "a_new_customer_has_one_open_deal_at_its_",
            a_new_customer_has_one_open_deal_at_its_stage,
        ),
        (
            "recording_a_call_updates_customer_deal_a",
            recording_a_call_updates_customer_deal_and_stage_history,
        ),
        (
            "a_win_closes_the_deal_creates_the_contra",
            a_win_closes_the_deal_creates_the_contract_and_undo_reverses_it_all,
        ),
        (
            "second_not_interested_closes_the_deal_lo",
            second_not_interested_closes_the_deal_lost_and_undo_reopens_it,
        ),
        (
            "complaints_open_resolve_and_undo",
            complaints_open_resolve_and_undo,
        ),
        (
            "undo_with_nothing_to_undo_or_after_a_col",
            undo_with_nothing_to_undo_or_after_a_colleagues_call_is_refused,
        ),
        (
            "a_refused_call_writes_nothing",
            a_refused_call_writes_nothing,
        ),
        (
            "expired_contracts_move_to_renewal_with_a",
            expired_contracts_move_to_renewal_with_a_renewal_deal,
        ),
        (
            "edit_records_history_and_a_new_phone_rev",
            edit_records_history_and_a_new_phone_revives_a_wrong_number,
        ),
        ("assign_is_all_or_nothing", assign_is_all_or_nothing),
        (
            "undo_keeps_edits_made_after_the_call",
            undo_keeps_edits_made_after_the_call,
        ),
        (
            "undoing_a_win_whose_contract_has_ended_i",
            undoing_a_win_whose_contract_has_ended_is_refused_clearly,
        ),
        (
            "undo_reopens_a_deal_in_the_book_the_cust",
            undo_reopens_a_deal_in_the_book_the_customer_is_in_now,
        ),
        (
            "every_edited_detail_keeps_what_it_replac",
            every_edited_detail_keeps_what_it_replaced,
        ),
    ]);
}
