//! Extreme dates and day counts at every place a user gives one: a clear one-line refusal
//! or a sane answer, never a panic, and nothing stored past year 9999.

use assert_cmd::cargo::cargo_bin_cmd;
use calldeck::clock::{Calendar, Clock, check_day, last_day};
use calldeck::domain::parse_next_call;
use calldeck::report::Week;
use chrono::NaiveDate;
use proptest::prelude::*;

const NOW: &str = "2026-11-26T10:00:00+08:00";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A rep with one customer, id 1.
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        env.run(&["rep", "add", "alice"]).unwrap();
        env.run(&["add", "--name", "Acme", "--phone", "+86 138 0000 1111"])
            .unwrap();
        env
    }

    /// Ok(stdout) or Err(stderr); panics (exit 101) and multi-line errors fail the test.
    fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = cargo_bin_cmd!("calldeck")
            .args(args)
            .env("CALLDECK_DB", self.dir.path().join("t.db"))
            .env("CALLDECK_NOW", NOW)
            .env("CALLDECK_CONFIG", "")
            .env_remove("CALLDECK_REP")
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {stderr}");
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).to_string())
        } else {
            assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
            Err(stderr)
        }
    }
}

#[test]
fn the_reported_extremes_are_refused_in_one_line() {
    let env = Env::new();
    let err = env
        .run(&["calendar", "--days", "100000000", "-o", "x.ics"])
        .unwrap_err();
    assert!(err.contains("--days 100000000 is out of range"), "{err}");
    let err = env
        .run(&["calendar", "--days", "2920000", "-o", "x.ics"])
        .unwrap_err();
    assert!(err.contains("1 (today) to 3660 days"), "{err}");
    let err = env.run(&["today", "--date", "+262142-12-01"]).unwrap_err();
    assert!(err.contains("out of range"), "{err}");
    let err = env.run(&["today", "--date", "+10000-01-01"]).unwrap_err();
    assert!(err.contains("9999-12-31"), "{err}");
    let err = env
        .run(&["edit", "1", "--birthday", "+99999-01-01"])
        .unwrap_err();
    assert!(
        err.contains("birthday +99999-01-01 is out of range"),
        "{err}"
    );
    let err = env
        .run(&["log", "1", "--outcome", "won", "--end", "+20000-01-01"])
        .unwrap_err();
    assert!(err.contains("end +20000-01-01 is out of range"), "{err}");
    assert!(!env.dir.path().join("x.ics").exists());
    // The largest count is still a calendar.
    let out = env
        .run(&["calendar", "--days", "3660", "-o", "x.ics"])
        .unwrap();
    assert!(out.contains("to 2036-"), "{out}");
}

fn extreme_day() -> impl Strategy<Value = String> {
    prop_oneof![
        (-262143i32..=262142, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| {
            if !(0..=9999).contains(&y) {
                format!("{y:+}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02}")
            }
        }),
        (0u64..=u64::MAX).prop_map(|n| format!("+{n}d")),
        (0u32..=99_999).prop_map(|n| format!("+{n}m")),
        (0u32..=99_999).prop_map(|n| format!("+{n}w")),
        "[0-9+\\-WTt: ]{0,14}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Date-taking commands on the real binary: refused in one line or done, never a panic.
    #[test]
    fn date_taking_commands_never_panic(day in extreme_day(), days in prop_oneof![0u32..5000, Just(u32::MAX)]) {
        let env = Env::new();
        let _ = env.run(&["today", "--date", &day]);
        let _ = env.run(&["pin", "1", "--date", &day]);
        let _ = env.run(&["log", "1", "--outcome", "callback", "--next", &day]);
        let _ = env.run(&["edit", "1", "--birthday", &day]);
        let _ = env.run(&["report", "weekly", "--week", &format!("{}-W01", day.trim_end_matches(|c: char| c != '-').trim_end_matches('-'))]);
        let days = days.to_string();
        let _ = env.run(&["calendar", "--days", &days, "-o", "c.ics"]);
        // Whatever was accepted, every stored next call is a four-digit-year date.
        let out = env.run(&["export", "customers", "--format", "json"]).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for c in v.as_array().unwrap() {
            if let Some(next) = c.get("next_call").and_then(|n| n.as_str()) {
                prop_assert!(next.len() >= 10 && next.as_bytes()[4] == b'-', "{next}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_next_call_parser_never_panics_nor_passes_year_9999(text in extreme_day(), year in 1900i32..=9989) {
        let clock = Clock::parse(&format!("{year:04}-06-15T10:00:00+08:00")).unwrap();
        if let Ok(next) = parse_next_call(&text, &clock, &Calendar::default()) {
            prop_assert!(next.date <= last_day());
        }
    }

    #[test]
    fn the_clock_refuses_what_it_cannot_keep(year in -262143i32..=262142, hour in 0u32..24) {
        let text = if !(0..=9999).contains(&year) {
            format!("{year:+}-01-01T{hour:02}:00:00+14:00")
        } else {
            format!("{year:04}-01-01T{hour:02}:00:00+14:00")
        };
        match Clock::parse(&text) {
            Ok(clock) => prop_assert!((1900..=9989).contains(&chrono::Datelike::year(&clock.today()))),
            Err(e) => prop_assert!(!e.to_string().contains('\n')),
        }
    }

    #[test]
    fn weeks_outside_four_digit_years_are_refused(year in -300_000i64..=300_000, week in 0u32..60) {
        if let Ok(w) = Week::parse(&format!("{year}-W{week:02}")) {
            prop_assert!(w.previous().monday() >= NaiveDate::from_ymd_opt(1, 1, 1).unwrap());
            prop_assert!(check_day(w.sunday(), "x").is_ok());
        }
    }
}
