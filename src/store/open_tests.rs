//! Opening files that are not ours, empty, read-only or on a full disk: refused or read
//! as they are, and never written to.

use super::*;
use crate::clock::Clock;

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_sqlite_file_of_another_program_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE foo (x); INSERT INTO foo VALUES (1);")
            .unwrap();
    }
    let before = snapshot(dir.path());
    for open in [Store::open, Store::open_for_reading] {
        let err = open(&path).err().unwrap().to_string();
        assert!(
            err.contains("SQLite file of another program (tables foo)")
                && err.contains("left unchanged"),
            "{err}"
        );
    }
    assert_eq!(snapshot(dir.path()), before, "not one byte written");
}

#[test]
fn an_empty_file_calldeck_did_not_make_is_refused_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("is an empty file calldeck did not make"),
        "{err}"
    );
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.len(), meta.permissions().mode() & 0o777), (0, 0o644));
    assert_eq!(snapshot(dir.path()).len(), 1);
}

#[test]
fn a_new_database_appears_whole_and_private_with_nothing_left_beside_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    drop(store);
    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, vec!["new.db".to_string()]);
    // Several processes creating it at once all end up on one database.
    let path2 = dir.path().join("race.db");
    let threads: Vec<_> = (0..6)
        .map(|i| {
            let p = path2.clone();
            std::thread::spawn(move || {
                let s = Store::open(&p).unwrap();
                s.set_meta(&format!("k{i}"), "v").unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let s = Store::open(&path2).unwrap();
    for i in 0..6 {
        assert_eq!(s.meta(&format!("k{i}")).unwrap().as_deref(), Some("v"));
    }
}

#[test]
fn a_read_only_database_is_read_and_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    {
        let s = Store::open(&path).unwrap();
        s.add_rep(
            "alice",
            RepRole::Rep,
            None,
            &Clock::parse("2026-11-26T10:00:00+08:00").unwrap(),
        )
        .unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.reps().unwrap().len(), 1);
    let err = Error::from(store.set_meta("x", "y").unwrap_err_db()).to_string();
    assert!(err.starts_with("the database is read-only"), "{err}");
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    if writable(&path) {
        // Running as root: the mode does not stop writes, so the choice cannot be seen.
        return;
    }
    assert_eq!(
        Store::open_for_reading(&path)
            .unwrap()
            .reps()
            .unwrap()
            .len(),
        1
    );
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("is read-only: make it writable"), "{err}");
}

#[test]
fn a_full_disk_and_a_read_only_file_have_their_own_messages() {
    let full =
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL), None);
    assert!(db_message(&full.into()).starts_with("the disk is full: free some space"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.db");
    let store = Store::open(&path).unwrap();
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .conn()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    let big = "x".repeat(64 * 1024);
    let err = store.set_meta("big", &big).unwrap_err_db();
    assert_eq!(
        Error::from(err).to_string(),
        "the disk is full: free some space and try again (nothing was saved)"
    );
    assert_eq!(store.meta("big").unwrap(), None);
}

trait DbErr {
    fn unwrap_err_db(self) -> db::DbError;
}

impl<T: std::fmt::Debug> DbErr for Result<T> {
    fn unwrap_err_db(self) -> db::DbError {
        match self {
            Err(Error::Db(e)) => e,
            other => panic!("expected a database error, got {other:?}"),
        }
    }
}

#[test]
fn an_io_failure_on_open_is_not_called_a_foreign_file() {
    let io = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
        None,
    );
    let err = open_error(Path::new("t.db"), io.into()).to_string();
    assert!(
        err.starts_with("cannot open t.db: ")
            && err.contains("disk I/O error: is the disk full?")
            && !err.contains("not a calldeck database"),
        "{err}"
    );
    let garbage = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
        None,
    );
    assert!(
        open_error(Path::new("t.db"), garbage.into())
            .to_string()
            .contains("is not a calldeck database")
    );
}
