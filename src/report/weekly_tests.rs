//! Unit tests of the weekly summary's pieces: weeks, advances, reason kinds, team sums.
use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn weeks_parse_and_bad_weeks_say_how_to_write_them() {
    let w = Week::parse("2026-W47").unwrap();
    assert_eq!((w.monday(), w.sunday()), (d("2026-11-16"), d("2026-11-22")));
    assert_eq!(Week::parse("2026-w01").unwrap().monday(), d("2025-12-29"));
    assert_eq!(Week::parse("2020-W53").unwrap().to_string(), "2020-W53");
    for bad in [
        "2026-W60", "2025-W53", "2026-W00", "2026", "W47", "abcd-W01",
    ] {
        let e = Week::parse(bad).unwrap_err().to_string();
        assert_eq!(
            e,
            format!("week '{bad}' does not exist: write YYYY-Www, e.g. 2026-W47")
        );
    }
}

#[test]
fn last_complete_week_is_before_this_one() {
    // Thursday 2026-11-26 is in W48; the last complete week is W47.
    assert_eq!(Week::last_complete(d("2026-11-26")).to_string(), "2026-W47");
    // On a Monday the week just ended counts.
    assert_eq!(Week::last_complete(d("2026-11-23")).to_string(), "2026-W47");
    // On a Sunday the week is not complete yet.
    assert_eq!(Week::last_complete(d("2026-11-22")).to_string(), "2026-W46");
    assert_eq!(Week::last_complete(d("2026-01-01")).to_string(), "2025-W52");
}

#[test]
fn reason_chips_group_without_their_figures() {
    assert_eq!(reason_kind("overdue 3d"), "overdue");
    assert_eq!(reason_kind("callback 15:00"), "callback");
    assert_eq!(reason_kind("not contacted 34d"), "not contacted");
    assert_eq!(reason_kind("B: every 15d"), "B: every 15d");
    assert_eq!(reason_kind("hot: contract sent"), "hot: contract sent");
    assert_eq!(reason_kind("new"), "new");
}

#[test]
fn advances_go_up_the_funnel_or_renew() {
    assert!(is_advance(3, 4));
    assert!(is_advance(5, 6));
    assert!(is_advance(7, 6));
    assert!(!is_advance(6, 7));
    assert!(!is_advance(4, 3));
    assert!(!is_advance(2, 7));
}

#[test]
fn team_rates_are_recomputed_not_averaged() {
    let a = Figures {
        calls: 10,
        reached: 1,
        ..Figures::default()
    };
    let b = Figures {
        calls: 30,
        reached: 21,
        ..Figures::default()
    };
    let t = Figures::team(&[a, b]);
    assert_eq!(t.connect_rate, 22.0 / 40.0);
    assert_eq!(Figures::team(&[]).connect_rate, 0.0);
}
