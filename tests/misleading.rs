//! Small things that told the user something wrong or nothing at all, each with its fix:
//! a config path that does not exist, a lead given customers, a name on two lines, a real
//! leading apostrophe through export and import, and a call logged into a damaged file.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

const NOW: &str = "2026-11-26T10:00:00+08:00";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        env.ok(&["rep", "add", "alice"]);
        env.ok(&["add", "--name", "Acme", "--phone", "+86 138 0000 1111"]);
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("t.db")
    }

    fn run(&self, args: &[&str], config: &str) -> (bool, String, String) {
        let out = cargo_bin_cmd!("calldeck")
            .args(args)
            .env("CALLDECK_DB", self.db())
            .env("CALLDECK_NOW", NOW)
            .env("CALLDECK_CONFIG", config)
            .env_remove("CALLDECK_REP")
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(stderr.trim_end().lines().count() <= 1, "{args:?}: {stderr}");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            stderr,
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args, "");
        assert!(ok, "{args:?}: {err}");
        out
    }

    fn fails(&self, args: &[&str]) -> String {
        let (ok, _, err) = self.run(args, "");
        assert!(!ok, "{args:?} should fail");
        err
    }
}

#[test]
fn a_config_file_that_does_not_exist_is_named_not_ignored() {
    let env = Env::new();
    let missing = env.dir.path().join("confg.toml");
    let (ok, _, err) = env.run(&["today"], missing.to_str().unwrap());
    assert!(!ok);
    assert!(
        err.contains("CALLDECK_CONFIG names") && err.contains("confg.toml, which does not exist"),
        "{err}"
    );
    // `config path` still says where it would be, so it can be created.
    let (ok, out, _) = env.run(&["config", "path"], missing.to_str().unwrap());
    assert!(ok && out.trim().ends_with("confg.toml"), "{out}");
}

#[test]
fn a_lead_is_not_given_customers() {
    let env = Env::new();
    env.ok(&["rep", "add", "lena", "--lead"]);
    let err = env.fails(&["assign", "1", "--to", "lena"]);
    assert!(err.contains("lena is a lead and keeps no book"), "{err}");
    let show = env.ok(&["show", "1", "--format", "json"]);
    assert!(show.contains("\"alice\""), "{show}");
}

#[test]
fn a_name_on_two_lines_is_refused_by_add_and_edit() {
    let env = Env::new();
    let err = env.fails(&["add", "--name", "Acme\nLtd"]);
    assert!(err.contains("has a line break"), "{err}");
    let err = env.fails(&["edit", "1", "--name", "Acme\r\nLtd"]);
    assert!(err.contains("has a line break"), "{err}");
    assert!(env.ok(&["show", "1"]).contains("Acme"));
}

#[test]
fn a_real_leading_apostrophe_survives_export_and_import() {
    let env = Env::new();
    env.ok(&["add", "--name", "'Sup Bar"]);
    env.ok(&["add", "--name", "'+1 Club"]);
    env.ok(&["export", "customers", "-o", "out.csv"]);
    let csv = std::fs::read_to_string(env.dir.path().join("out.csv")).unwrap();
    assert!(csv.contains("''Sup Bar"), "{csv}");
    let other = Env {
        dir: tempfile::tempdir().unwrap(),
    };
    other.ok(&["rep", "add", "alice"]);
    let file = env.dir.path().join("out.csv");
    other.ok(&["import", file.to_str().unwrap()]);
    let out = other.ok(&["export", "customers", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"'Sup Bar") && names.contains(&"'+1 Club"),
        "{names:?}"
    );
}

fn damage(db: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    // The root page of the index of calls by customer (written by every call, not read on
    // open) becomes nonsense.
    let (page, size): (i64, i64) = {
        let conn = rusqlite::Connection::open(db).unwrap();
        let page = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'calls_customer'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (page, size)
    };
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start(((page - 1) * size) as u64)).unwrap();
    f.write_all(&[0xA5; 64]).unwrap();
}

#[test]
fn a_call_is_not_logged_into_a_file_check_calls_damaged() {
    let env = Env::new();
    damage(&env.db());
    let (ok, _, check) = env.run(&["check"], "");
    assert!(!ok, "check finds the damage: {check}");
    let err = env.fails(&["log", "1", "--outcome", "no_answer"]);
    assert!(
        err.contains("is damaged") && err.contains("nothing was written"),
        "{err}"
    );
}
