//! End to end in Chinese: the release binary in a real terminal (tmux, 80×24) with
//! CALLDECK_LANG=zh-CN. A callback typed as "明天 15:30" is read, saved and shown, and the
//! footer stays on its line.

mod terminal;
use terminal::{Tmux, binary, tmux_present};

use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-26T09:00:00+08:00";

#[test]
fn a_callback_typed_in_chinese_in_a_real_terminal() {
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

    let tmux = Tmux {
        socket: format!("calldeck-e2e-zh-{}", std::process::id()),
        session: "e2e".into(),
    };
    let command = format!(
        "env CALLDECK_LANG=zh-CN CALLDECK_NOW={NOW} CALLDECK_CONFIG={} NO_COLOR=1 {} --db {} --rep Alice",
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
    let screen = tmux.wait_for("已打 0/60");
    assert!(screen.contains("calldeck 今天 · Alice"), "{screen}");
    let last = screen
        .trim_end()
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        last.starts_with("0-9 记录结果"),
        "the footer is the last line: {screen}"
    );

    tmux.run(&["send-keys", "-t", &tmux.session, "4"]);
    tmux.wait_for("约定回电 ·");
    tmux.run(&["send-keys", "-t", &tmux.session, "-l", "明天 15:30"]);
    tmux.wait_for("11月27日 周五 15:30");
    tmux.run(&["send-keys", "-t", &tmux.session, "Enter"]);
    tmux.run(&["send-keys", "-t", &tmux.session, "Enter"]);
    let screen = tmux.wait_for("已记录");
    assert!(screen.contains("明天 15:30（预约）"), "{screen}");

    tmux.run(&["send-keys", "-t", &tmux.session, "q"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "calldeck did not exit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let booked: i64 = conn
        .query_row(
            "SELECT count(*) FROM calls WHERE outcome = 'callback' AND at = '2026-11-26T01:00:00Z' AND void = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(booked, 1);
    let at: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE next_call_date = '2026-11-27' AND next_call_time = '15:30'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(at >= 1, "the callback is booked for 2026-11-27 15:30");
}
