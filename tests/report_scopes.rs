//! One rep's weekly summary and funnel read only that rep's rows; what they show must be
//! what the team's reports show for the same rep. Checked on a demo team whose reps share
//! nothing, over the last complete week and the running one.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::report::{Scope, Week, funnel, weekly};
use calldeck::store::Store;
use serde_json::Value;

fn demo() -> (tempfile::TempDir, Store, Config, Clock) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scopes.db");
    let clock = Clock::parse("2026-11-26T15:00:00+08:00").unwrap();
    let config = Config::default();
    let opts = DemoOptions {
        reps: 3,
        customers: 80,
        days: 40,
        seed: 11,
        calls_per_day: None,
    };
    build(&path, &opts, &config, &clock).unwrap();
    let store = Store::open(&path).unwrap();
    (dir, store, config, clock)
}

/// The row of `rep` in a per-rep table of the report (`rep` field), as JSON.
fn row_of(report: &Value, table: &str, rep: &str) -> Value {
    report[table]
        .as_array()
        .unwrap_or_else(|| panic!("no table {table}"))
        .iter()
        .find(|r| r["rep"] == rep)
        .cloned()
        .unwrap_or_else(|| panic!("{rep} missing from {table}"))
}

#[test]
fn a_reps_weekly_summary_shows_what_the_teams_shows_for_that_rep() {
    let (_dir, store, config, clock) = demo();
    for week in [Week::last_complete(clock.today()), Week::of(clock.today())] {
        let team =
            serde_json::to_value(weekly(&store, &config, &clock, week, &Scope::Team).unwrap())
                .unwrap();
        let reps: Vec<_> = store
            .reps()
            .unwrap()
            .into_iter()
            .filter(|r| !r.is_lead())
            .collect();
        assert_eq!(reps.len(), 3);
        for rep in reps {
            let own = serde_json::to_value(
                weekly(&store, &config, &clock, week, &Scope::Rep(rep.clone())).unwrap(),
            )
            .unwrap();
            let name = rep.name.as_str();
            for table in ["reps", "grades", "satisfaction", "tiers"] {
                assert_eq!(
                    row_of(&own, table, name),
                    row_of(&team, table, name),
                    "{week} {table} {name}"
                );
            }
            if week == Week::last_complete(clock.today()) {
                let calls = row_of(&own, "reps", name)["calls"].as_u64().unwrap();
                assert!(calls > 0, "{name} made calls in {week}");
            }
            let deals = |r: &Value| -> Vec<Value> {
                r["deals"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|d| d["rep"] == name)
                    .cloned()
                    .collect()
            };
            assert_eq!(deals(&own), deals(&team), "{week} deals of {name}");
        }
    }
}

#[test]
fn the_reps_funnels_add_up_to_the_teams() {
    let (_dir, store, config, clock) = demo();
    let team = funnel(&store, &config, &clock, &Scope::Team).unwrap();
    let reps: Vec<_> = store
        .reps()
        .unwrap()
        .into_iter()
        .filter(|r| !r.is_lead())
        .collect();
    let mine: Vec<_> = reps
        .iter()
        .map(|r| funnel(&store, &config, &clock, &Scope::Rep(r.clone())).unwrap())
        .collect();
    for (i, stage) in team.stages.iter().enumerate() {
        let deals: u64 = mine.iter().map(|f| f.stages[i].deals).sum();
        let value: i64 = mine.iter().map(|f| f.stages[i].value_cents).sum();
        assert_eq!(
            (deals, value),
            (stage.deals, stage.value_cents),
            "stage {}",
            stage.stage
        );
    }
    for (i, c) in team.conversion.iter().enumerate() {
        let advanced: u64 = mine.iter().map(|f| f.conversion[i].advanced).sum();
        let lost: u64 = mine.iter().map(|f| f.conversion[i].lost).sum();
        assert_eq!(
            (advanced, lost),
            (c.advanced, c.lost),
            "conversion from {}",
            c.stage
        );
    }
    let forecast: i64 = mine.iter().map(|f| f.forecast_month_cents).sum();
    // Each rep's forecast is rounded on its own.
    assert!(
        (forecast - team.forecast_month_cents).abs() <= reps.len() as i64,
        "{forecast} vs {}",
        team.forecast_month_cents
    );
    assert!(
        team.stages.iter().any(|s| s.deals > 0),
        "the demo has open deals"
    );
    assert!(
        team.conversion.iter().any(|c| c.advanced > 0),
        "and stage moves"
    );
}
