//! End to end: the release binary in a real terminal (tmux, 80×24). Log a call with keys,
//! quit, and check the database and that the process is gone.

mod terminal;
use terminal::{Tmux, binary, tmux_present};

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-26T09:00:00+08:00";

#[test]
fn log_a_call_with_keys_in_a_real_terminal_then_quit() {
    if !tmux_present() {
        return;
    }
    let bin = binary();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    std::fs::write(dir.path().join("none.toml"), "").unwrap();
    let status = Command::new(&bin)
        .args([
            "demo",
            "--no-tui",
            "--customers",
            "120",
            "--reps",
            "1",
            "--days",
            "20",
            "--db",
        ])
        .arg(&db)
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", dir.path().join("none.toml"))
        .status()
        .unwrap();
    assert!(status.success());
    let calls_before = count(&db, "SELECT count(*) FROM calls");

    let tmux = Tmux {
        socket: format!("calldeck-e2e-{}", std::process::id()),
        session: "e2e".into(),
    };
    let command = format!(
        "env CALLDECK_NOW={NOW} CALLDECK_CONFIG={} NO_COLOR=1 {} --db {} --rep Alice",
        dir.path().join("none.toml").display(),
        bin.display(),
        db.display()
    );
    let out = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        &tmux.session,
        "-x",
        "80",
        "-y",
        "24",
        &command,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let screen = tmux.wait_for("done 0/60");
    assert!(screen.contains("calldeck Today · Alice"), "{screen}");

    tmux.run(&["send-keys", "-t", &tmux.session, "1"]);
    tmux.wait_for("no answer ·");
    tmux.run(&["send-keys", "-t", &tmux.session, "Enter"]);
    // The first row is a callback later this morning: an earlier miss keeps it, and the
    // row stays open until the callback itself is called.
    let screen = tmux.wait_for("Logged no answer");
    assert!(screen.contains("keeps the callback"), "{screen}");
    assert!(screen.contains("done 0/60"), "{screen}");

    tmux.run(&["send-keys", "-t", &tmux.session, "q"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "calldeck did not exit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(count(&db, "SELECT count(*) FROM calls"), calls_before + 1);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM calls WHERE outcome = 'no_answer' AND at = '2026-11-26T01:00:00Z' AND void = 0"
        ),
        1
    );
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}
