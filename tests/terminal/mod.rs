//! Shared by the end-to-end tests: the binary under test and a tmux server to drive it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Whether tmux is here to drive the binary; CI must have it, elsewhere the test is skipped
/// and says so.
pub fn tmux_present() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI needs tmux for this test"
    );
    eprintln!("tmux is not installed: end-to-end test not run");
    false
}

/// The release binary (CI builds it first), else the test build.
pub fn binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let release = target.join("release").join("calldeck");
    if release.exists() {
        return release;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must test the release binary: run `cargo build --release` before the tests"
    );
    PathBuf::from(env!("CARGO_BIN_EXE_calldeck"))
}

/// A tmux server of the test's own, killed when dropped.
pub struct Tmux {
    pub socket: String,
    pub session: String,
}

impl Tmux {
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-p", "-t", &self.session])
                .stdout,
        )
        .into_owned()
    }

    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
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

    pub fn alive(&self) -> bool {
        self.run(&["has-session", "-t", &self.session])
            .status
            .success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
