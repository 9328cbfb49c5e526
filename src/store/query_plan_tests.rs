//! The queries that run for every plan, every search keystroke and every screen read
//! through an index: the statements that planning a day, a search page, an undo, the Team
//! screen and the funnel really run are captured, and each one's EXPLAIN QUERY PLAN must
//! not scan the customers, calls or deals table (nor a whole index of it).

use std::sync::{Arc, Mutex};

use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::*;
use crate::clock::Clock;
use crate::config::Config;
use crate::demo::{DemoOptions, build};
use crate::domain::{CallInput, Outcome};
use crate::planner::daily_list;
use crate::report::{Scope, funnel};

fn demo() -> (tempfile::TempDir, Store, Clock, Config, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.db");
    let clock = Clock::parse("2026-11-26T09:00:00+08:00").unwrap();
    let config = Config::default();
    let opts = DemoOptions {
        reps: 3,
        customers: 60,
        days: 10,
        seed: 4,
        calls_per_day: None,
    };
    let summary = build(&path, &opts, &config, &clock).unwrap();
    let store = Store::open(&path).unwrap();
    (dir, store, clock, config, summary.first_rep)
}

/// Every distinct statement `work` runs on the store's connection.
fn statements(store: &mut Store, work: impl FnOnce(&mut Store)) -> Vec<String> {
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&seen);
    store
        .conn
        .sqlite_mut()
        .unwrap()
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(stmt, _) = event {
                    let sql = stmt.sql().to_string();
                    let mut seen = sink.lock().unwrap();
                    if !seen.contains(&sql) {
                        seen.push(sql);
                    }
                }
            }),
        )
        .unwrap();
    work(store);
    store
        .conn
        .sqlite_mut()
        .unwrap()
        .trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)
        .unwrap();
    seen.lock().unwrap().clone()
}

/// The tables that grow with the team: a scan of one is a whole-team pass.
const BIG_TABLES: [&str; 3] = ["customers", "calls", "deals"];

/// The names a statement gives the big tables: their own and any alias.
fn names_of_big_tables(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut names: Vec<String> = BIG_TABLES.iter().map(|t| t.to_string()).collect();
    for (i, w) in words.iter().enumerate() {
        if BIG_TABLES.contains(w)
            && let Some(next) = words.get(i + 1)
        {
            let alias = if next.eq_ignore_ascii_case("AS") {
                words.get(i + 2)
            } else {
                Some(next)
            };
            if let Some(a) = alias.filter(|a| a.len() <= 3) {
                names.push(a.to_string());
            }
        }
    }
    names
}

/// The lines of the statement's query plan that scan a big table: a SCAN, or a SEARCH
/// that names no index or key (a walk of the whole table or of an unrelated index).
fn scans(store: &Store, sql: &str) -> Vec<String> {
    let names = names_of_big_tables(sql);
    plan_lines(store, sql)
        .into_iter()
        .filter(|d| {
            let (table, keyless) = if let Some(rest) = d.strip_prefix("SCAN ") {
                (rest.split(' ').next().unwrap_or(""), true)
            } else if let Some(rest) = d.strip_prefix("SEARCH ") {
                (
                    rest.split(' ').next().unwrap_or(""),
                    !rest.contains(" USING "),
                )
            } else {
                ("", false)
            };
            keyless && names.iter().any(|n| n == table)
        })
        .collect()
}

fn assert_index_served(store: &Store, what: &str, statements: &[String]) {
    let queries: Vec<&String> = statements
        .iter()
        .filter(|s| {
            let head = s.trim_start().to_ascii_uppercase();
            ["SELECT", "UPDATE", "DELETE", "INSERT", "WITH"]
                .iter()
                .any(|k| head.starts_with(k))
        })
        .collect();
    assert!(!queries.is_empty(), "{what} ran no query at all");
    let bad: Vec<String> = queries
        .iter()
        .filter_map(|sql| {
            let found = scans(store, sql);
            (!found.is_empty()).then(|| format!("{found:?} in\n{sql}"))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{what} scans a big table:\n{}",
        bad.join("\n\n")
    );
}

#[test]
fn planning_a_reps_day_reads_only_indexes() {
    let (_dir, mut store, clock, config, first) = demo();
    let rep = store.rep_by_name(&first).unwrap().unwrap();
    let ran = statements(&mut store, |s| {
        daily_list(s, &rep, clock.today(), &clock, &config, true).unwrap();
    });
    assert!(
        ran.iter().any(|s| s.contains("max(end_on)")),
        "the plan runs the contract-expiry pass"
    );
    assert_index_served(&store, "planning a day", &ran);
}

#[test]
fn search_pages_read_only_indexes() {
    let (_dir, mut store, _clock, _config, first) = demo();
    let rep = store.rep_by_name(&first).unwrap().unwrap();
    let ran = statements(&mut store, |s| {
        let team = s.search_items_page(None, 0, 50).unwrap();
        assert_eq!(team.len(), 50);
        let next = s.search_items_page(None, team[49].id, 50).unwrap();
        assert!(next.iter().all(|i| i.id > team[49].id));
        let book = s.search_items_page(Some(rep.id), 0, 1000).unwrap();
        assert!(!book.is_empty() && book.iter().all(|i| i.owner == rep.name));
    });
    assert_index_served(&store, "a search page", &ran);
}

#[test]
fn undo_the_card_the_team_screen_and_the_funnel_read_only_indexes() {
    let (_dir, mut store, clock, config, first) = demo();
    let rep = store.rep_by_name(&first).unwrap().unwrap();
    let customer = store.search_items_page(Some(rep.id), 0, 1).unwrap()[0].id;
    let later = Clock::parse("2026-11-26T11:00:00+08:00").unwrap();
    store
        .record_call(
            rep.id,
            customer,
            &CallInput::new(Outcome::NoAnswer),
            &config,
            &later,
        )
        .unwrap();
    let ran = statements(&mut store, |s| {
        let undone = s.undo_last_call(rep.id, &later).unwrap();
        assert_eq!(undone.customer_name, s.customer(customer).unwrap().name);
        s.customer(customer).unwrap();
        s.calls_of(customer).unwrap();
        s.team_progress(clock.today(), &clock).unwrap();
        funnel(s, &config, &clock, &Scope::Team).unwrap();
        funnel(s, &config, &clock, &Scope::Rep(rep.clone())).unwrap();
        let week = crate::report::Week::last_complete(clock.today());
        crate::report::weekly(s, &config, &clock, week, &Scope::Rep(rep.clone())).unwrap();
        s.next_calls_between(Some(rep.id), clock.today(), clock.today())
            .unwrap();
    });
    assert_index_served(
        &store,
        "undo, the card, the Team screen, the funnel or a rep's weekly summary",
        &ran,
    );
}

#[test]
fn a_scan_of_the_customers_table_is_caught() {
    let (_dir, store, _clock, _config, _) = demo();
    let sql = "SELECT c.id FROM customers c WHERE c.region = ?1".to_string();
    assert_eq!(scans(&store, &sql), vec!["SCAN c".to_string()]);
}

#[test]
fn a_walk_of_the_deals_without_a_key_is_caught() {
    let (_dir, store, _clock, _config, _) = demo();
    // The latest close date of one customer's won deals: no index has the customer and
    // won deals, so the plan walks the close-date index of every closed deal.
    let sql = "SELECT max(d.closed_on) FROM deals d WHERE d.customer_id = ?1 AND d.result = 'won'"
        .to_string();
    assert_eq!(scans(&store, &sql), vec!["SEARCH d".to_string()]);
    let lost = sql.replace("'won'", "'lost'");
    assert!(
        scans(&store, &lost).is_empty(),
        "{:?}",
        scans(&store, &lost)
    );
}

/// The lines of a statement's query plan. The parameters stay unbound (NULL): with the
/// planner's stability guarantee on, the plan does not depend on them.
fn plan_lines(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store
        .conn
        .sqlite()
        .unwrap()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        out.push(row.get::<_, String>(3).unwrap());
    }
    out
}

fn plan_of(store: &Store, sql: &str) -> String {
    plan_lines(store, sql).join("\n")
}

#[test]
fn the_methods_figures_read_their_own_indexes_not_every_call_of_the_period() {
    let (_dir, mut store, clock, config, _) = demo();
    let week = crate::report::Week::last_complete(clock.today());
    let ran = statements(&mut store, |s| {
        funnel(s, &config, &clock, &Scope::Team).unwrap();
        crate::report::weekly(s, &config, &clock, week, &Scope::Team).unwrap();
    });
    // Each figure's statement, and the index that holds just the calls it counts.
    for (marker, index) in [
        ("sum(satisfaction)", "COVERING INDEX calls_satisfaction"),
        ("loss_reason, count(*)", "COVERING INDEX calls_losses"),
        (
            "k.grade_before, (k.state_before LIKE",
            "INDEX calls_grade_moves",
        ),
        ("x.reached = 1", "COVERING INDEX calls_reached_by_customer"),
        (
            "sum(k.value_cents) FROM contracts",
            "COVERING INDEX contracts_customer_revenue",
        ),
    ] {
        let sql = ran
            .iter()
            .find(|s| s.contains(marker))
            .unwrap_or_else(|| panic!("no statement with {marker:?} ran"));
        let plan = plan_of(&store, sql);
        assert!(plan.contains(index), "{marker}: {plan}\n{sql}");
    }
}
