//! End to end: the release binary in tmux, stopped by SIGTERM, SIGHUP or SIGINT while the
//! full-screen view is up, gives the terminal back: out of the alternate screen, cursor
//! shown, keys echoed again.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-26T09:00:00+08:00";

fn binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let release = target.join("release").join("calldeck");
    if release.exists() {
        return release;
    }
    PathBuf::from(env!("CARGO_BIN_EXE_calldeck"))
}

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "sig"]);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The pid of the shell's one child (calldeck), from /proc.
fn child_of(pid: &str) -> String {
    let path = format!("/proc/{pid}/task/{pid}/children");
    let start = Instant::now();
    loop {
        let kids = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(kid) = kids.split_whitespace().next() {
            return kid.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no child of {pid}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_stopping_signal_restores_the_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() || !Path::new("/proc/self").exists() {
        assert!(std::env::var_os("CI").is_none(), "CI needs tmux and /proc");
        eprintln!("tmux or /proc missing: signal test not run");
        return;
    }
    let bin = binary();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sig.db");
    let config = dir.path().join("none.toml");
    std::fs::write(&config, "").unwrap();
    let status = Command::new(&bin)
        .args([
            "demo",
            "--no-tui",
            "--customers",
            "60",
            "--reps",
            "1",
            "--days",
            "5",
            "--db",
        ])
        .arg(&db)
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", &config)
        .status()
        .unwrap();
    assert!(status.success());
    for signal in ["TERM", "HUP", "INT"] {
        let tmux = Tmux {
            socket: format!("calldeck-sig-{}-{signal}", std::process::id()),
        };
        let command = format!(
            "env CALLDECK_NOW={NOW} CALLDECK_CONFIG={} NO_COLOR=1 {} --db {} --rep Alice; echo EXIT=$?; sleep 60",
            config.display(),
            bin.display(),
            db.display()
        );
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "sig",
            "-x",
            "80",
            "-y",
            "24",
            &command,
        ]);
        tmux.wait_for("done 0/");
        assert_eq!(
            tmux.run(&["display", "-p", "-t", "sig", "#{alternate_on}"])
                .trim(),
            "1"
        );
        let shell = tmux.run(&["display", "-p", "-t", "sig", "#{pane_pid}"]);
        let calldeck = child_of(shell.trim());
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &calldeck])
            .status()
            .unwrap();
        assert!(killed.success());
        let screen = tmux.wait_for("EXIT=");
        assert!(
            screen.contains(&format!("stopped by SIG{signal}")),
            "{screen}"
        );
        let state = tmux.run(&[
            "display",
            "-p",
            "-t",
            "sig",
            "#{alternate_on} #{cursor_flag}",
        ]);
        assert_eq!(
            state.trim(),
            "0 1",
            "SIG{signal}: alternate screen off, cursor shown"
        );
    }
}
