//! What calldeck writes for the user (exports, reports, calendars, backups) as the user
//! sees it: owner-only, never over an existing file or through a symlink without --force,
//! and nothing left behind by a write that failed.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

const NOW: &str = "2026-11-26T10:00:00+08:00";

fn run(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = cargo_bin_cmd!("calldeck")
        .args(args)
        .env("CALLDECK_DB", dir.join("t.db"))
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", "")
        .env("CALLDECK_REP", "alice")
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn every_written_file_is_private_and_replaces_nothing_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["rep", "add", "alice"]).0);
    assert!(
        run(
            d,
            &[
                "add",
                "--name",
                "Acme",
                "--phone",
                "+86 138 0000 1111",
                "--next",
                "tomorrow 10:00"
            ]
        )
        .0
    );
    let writes: [&[&str]; 5] = [
        &["export", "customers", "-o", "out"],
        &["export", "deals", "--format", "xlsx", "-o", "out"],
        &["report", "weekly", "-o", "out"],
        &["calendar", "-o", "out"],
        &["backup", "out"],
    ];
    for args in writes {
        let out = d.join("out");
        let _ = std::fs::remove_file(&out);
        let (ok, err) = run(d, args);
        assert!(ok, "{args:?}: {err}");
        assert_eq!(mode(&out), 0o600, "{args:?}");
        let first = std::fs::read(&out).unwrap();
        // A second run refuses to replace it, and leaves it as it was.
        let (ok, err) = run(d, args);
        assert!(
            !ok && err.contains("already exists") && err.contains("--force"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read(&out).unwrap(), first);
        let mut forced = args.to_vec();
        forced.push("--force");
        let (ok, err) = run(d, &forced);
        assert!(ok, "{forced:?}: {err}");
        // A symlink to someone's file is refused, and with --force the link is replaced,
        // never the file it points to.
        std::fs::write(d.join("theirs"), b"keep").unwrap();
        std::fs::remove_file(&out).unwrap();
        std::os::unix::fs::symlink(d.join("theirs"), &out).unwrap();
        let (ok, err) = run(d, args);
        assert!(!ok && err.contains("is a symbolic link"), "{args:?}: {err}");
        assert!(run(d, &forced).0);
        assert_eq!(std::fs::read(d.join("theirs")).unwrap(), b"keep");
        assert_eq!(mode(&out), 0o600);
    }
    // A write that fails (here: no such folder) leaves nothing, and a retry is not blocked.
    let (ok, err) = run(d, &["backup", "missing/b.db"]);
    assert!(!ok && err.lines().count() == 1, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}
