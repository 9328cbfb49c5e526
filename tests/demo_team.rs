//! The demo behaves like a team: over four weeks its reps leave some planned calls undone
//! (more on Fridays and late in the day), call some customers off the list, miss an
//! appointment now and then, and differ from each other, so a lead's reports show a
//! spread instead of 100% for everyone.

use std::collections::HashMap;

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::report::{Scope, Week, weekly};
use calldeck::store::Store;
use rusqlite::Connection;

const NOW: &str = "2026-11-26T10:00:00+08:00";

/// (entries, called on their day) of the demo's frozen plans matching `filter`.
fn adherence(conn: &Connection, filter: &str) -> (f64, f64) {
    conn.query_row(
        &format!(
            "SELECT count(*), sum(EXISTS (SELECT 1 FROM calls k WHERE k.rep_id = e.rep_id
                 AND k.customer_id = e.customer_id AND k.void = 0
                 AND date(k.at, '+8 hours') = e.day))
             FROM plan_entries e WHERE e.day < '2026-11-26' AND {filter}"
        ),
        [],
        |r| Ok((r.get::<_, f64>(0)?, r.get::<_, f64>(1)?)),
    )
    .unwrap()
}

#[test]
fn the_demo_team_skips_calls_calls_off_the_list_and_differs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let clock = Clock::parse(NOW).unwrap();
    let config = Config::default();
    build(
        &path,
        &DemoOptions {
            reps: 4,
            customers: 250,
            days: 60,
            seed: 5,
            calls_per_day: None,
        },
        &config,
        &clock,
    )
    .unwrap();
    let store = Store::open(&path).unwrap();

    // Four complete weeks, summed per rep.
    let mut per_rep: HashMap<String, [u64; 5]> = HashMap::new();
    for w in ["2026-W44", "2026-W45", "2026-W46", "2026-W47"] {
        let r = weekly(
            &store,
            &config,
            &clock,
            Week::parse(w).unwrap(),
            &Scope::Team,
        )
        .unwrap();
        for f in &r.reps {
            let s = per_rep.entry(f.rep.clone()).or_default();
            s[0] += f.planned;
            s[1] += f.planned_done;
            s[2] += f.unplanned_calls;
            s[3] += f.appointments_due;
            s[4] += f.appointments_kept;
        }
    }
    assert_eq!(per_rep.len(), 4, "{per_rep:?}");
    let rates: Vec<f64> = per_rep
        .values()
        .map(|s| s[1] as f64 / s[0] as f64)
        .collect();
    for (rep, s) in &per_rep {
        let rate = s[1] as f64 / s[0] as f64;
        assert!(
            (0.6..0.99).contains(&rate),
            "{rep}: plan done {rate:.3} of {} entries",
            s[0]
        );
        assert!(s[2] > 0, "{rep} never called anyone off the list");
    }
    let spread =
        rates.iter().cloned().fold(0.0, f64::max) - rates.iter().cloned().fold(1.0, f64::min);
    assert!(spread >= 0.03, "reps differ: {rates:?}");
    let due: u64 = per_rep.values().map(|s| s[3]).sum();
    let kept: u64 = per_rep.values().map(|s| s[4]).sum();
    assert!(due > 20, "{due} appointments due");
    assert!(kept < due, "some appointments are missed: {kept}/{due}");
    assert!(
        kept as f64 / due as f64 > 0.6,
        "most are kept: {kept}/{due}"
    );

    // Fridays and the end of the list are skipped more.
    let conn = Connection::open(&path).unwrap();
    let (fri_n, fri_done) = adherence(&conn, "strftime('%w', e.day) = '5'");
    let (week_n, week_done) = adherence(&conn, "strftime('%w', e.day) <> '5'");
    assert!(
        fri_done / fri_n < week_done / week_n - 0.03,
        "Friday {:.3} vs other days {:.3}",
        fri_done / fri_n,
        week_done / week_n
    );
    let late = "(e.position - 1) * 10 >= (SELECT count(*) FROM plan_entries f
                 WHERE f.rep_id = e.rep_id AND f.day = e.day) * 7";
    let (late_n, late_done) = adherence(&conn, late);
    let (early_n, early_done) = adherence(&conn, &format!("NOT ({late})"));
    assert!(
        late_done / late_n < early_done / early_n - 0.03,
        "late {:.3} vs early {:.3}",
        late_done / late_n,
        early_done / early_n
    );
}
