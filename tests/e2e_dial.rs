//! End to end: the release binary in tmux dials through a configured command (a script
//! that writes the number to a file), and the saved call carries the timer's duration.

mod terminal;
use terminal::{Tmux, binary, tmux_present};

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-26T09:00:00+08:00";

#[test]
fn c_dials_through_the_configured_command_in_a_real_terminal() {
    if !tmux_present() {
        return;
    }
    let bin = binary();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dial.db");
    let dialled = dir.path().join("dialled");
    let config = dir.path().join("config.toml");
    // The number is the script's one argument; the script writes it where the test looks.
    let command = format!(
        "sh -c 'printf %s \\\"$1\\\" > {}' dial {{phone}}",
        dialled.display()
    );
    std::fs::write(&config, format!("[dial]\ncommand = \"{command}\"\n")).unwrap();
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
        .env("CALLDECK_CONFIG", &config)
        .status()
        .unwrap();
    assert!(status.success());

    let tmux = Tmux {
        socket: format!("calldeck-dial-{}", std::process::id()),
        session: "dial".into(),
    };
    let run = format!(
        "env CALLDECK_NOW={NOW} CALLDECK_CONFIG={} NO_COLOR=1 {} --db {} --rep Alice",
        config.display(),
        bin.display(),
        db.display()
    );
    let out = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        &tmux.session,
        "-x",
        "100",
        "-y",
        "30",
        &run,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux.wait_for("done 0/60");
    tmux.run(&["send-keys", "-t", &tmux.session, "c"]);
    let start = Instant::now();
    let number = loop {
        if let Ok(n) = std::fs::read_to_string(&dialled)
            && !n.is_empty()
        {
            break n;
        }
        // Several numbers: the first (the primary) is asked for.
        if tmux.screen().contains("Which number?") {
            tmux.run(&["send-keys", "-t", &tmux.session, "1"]);
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "nothing was dialled; screen:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let screen = tmux.wait_for("Dialling");
    assert!(
        screen.contains(&number),
        "the message names the number: {screen}"
    );
    assert!(screen.contains("on the call"), "the timer shows: {screen}");
    let known: i64 = count(
        &db,
        &format!(
            "SELECT count(*) FROM contacts WHERE phone = '{}'",
            number.replace('\'', "")
        ),
    );
    assert_eq!(known, 1, "{number:?} is a stored number");

    tmux.run(&["send-keys", "-t", &tmux.session, "3"]);
    tmux.wait_for("Enter saves");
    tmux.run(&["send-keys", "-t", &tmux.session, "Enter"]);
    tmux.wait_for("Logged");
    tmux.run(&["send-keys", "-t", &tmux.session, "q"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "calldeck did not exit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // The fixed clock stands still, so the timed call lasted 0 seconds: still recorded.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM calls WHERE duration_s IS NOT NULL AND void = 0"
        ),
        1
    );
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}
