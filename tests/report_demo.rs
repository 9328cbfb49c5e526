//! The weekly summary on a demo database, cross-checked against plain SQL written here
//! independently: local dates with SQLite's date functions instead of UTC ranges, EXISTS
//! instead of the last-contact shortcut, and appointments found by walking every
//! customer's calls in order.

use std::collections::{BTreeMap, HashMap};

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::report::{Scope, Week, weekly};
use calldeck::store::Store;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::Connection;

const NOW: &str = "2026-11-26T10:00:00+08:00";
const FROM: &str = "2026-11-16";
const TO: &str = "2026-11-22";
/// Local dates are +08:00, as the clock.
const LOCAL: &str = "'+8 hours'";

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    build(
        &path,
        &DemoOptions {
            reps: 3,
            customers: 200,
            days: 60,
            seed: 11,
            calls_per_day: None,
        },
        &Config::default(),
        &Clock::parse(NOW).unwrap(),
    )
    .unwrap();
    let conn = Connection::open(&path).unwrap();
    // A few void calls inside the week (as undo leaves them, with the customer's last
    // contact put back), and frozen plans for every
    // working day in place of the demo's own: what each rep called that day, plus
    // customers not called, so adherence is below 100%.
    conn.execute_batch(&format!(
        "UPDATE calls SET void = 1 WHERE id IN (
             SELECT id FROM calls WHERE date(at, {LOCAL}) BETWEEN '{FROM}' AND '{TO}'
             ORDER BY id LIMIT 7 OFFSET 40);
         UPDATE customers SET last_contact_at = (SELECT max(at) FROM calls k
                 WHERE k.customer_id = customers.id AND k.void = 0)
             WHERE id IN (SELECT customer_id FROM calls WHERE void = 1);
         DELETE FROM plan_entries;
         DELETE FROM plans;
         INSERT INTO plans (rep_id, day, created_at)
             SELECT r.id, d.day, d.day || 'T00:00:00Z' FROM reps r,
             (SELECT '2026-11-16' AS day UNION SELECT '2026-11-17' UNION SELECT '2026-11-18'
              UNION SELECT '2026-11-19' UNION SELECT '2026-11-20' UNION SELECT '2026-11-13') d
             WHERE r.role = 'rep';
         INSERT INTO plan_entries (rep_id, day, position, customer_id, score)
             SELECT p.rep_id, p.day, row_number() OVER (PARTITION BY p.rep_id, p.day), c.id, 1.0
             FROM plans p JOIN customers c ON c.owner_id = p.rep_id
             WHERE c.id % 9 = 0 OR c.id IN (SELECT customer_id FROM calls k
                 WHERE k.rep_id = p.rep_id AND date(k.at, {LOCAL}) = p.day AND k.id % 2 = 0);"
    ))
    .unwrap();
    (dir, path)
}

fn by_rep(conn: &Connection, sql: &str) -> HashMap<String, Vec<f64>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        let name: String = r.get(0)?;
        let values = (1..n)
            .map(|i| r.get::<_, Option<f64>>(i).map(|v| v.unwrap_or(0.0)))
            .collect::<rusqlite::Result<Vec<f64>>>()?;
        Ok((name, values))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn get(m: &HashMap<String, Vec<f64>>, rep: &str, i: usize) -> f64 {
    m.get(rep).map_or(0.0, |v| v[i])
}

/// (customer, at, rep, next call date, next call time)
type CallRow = (i64, String, String, Option<String>, Option<String>);

/// Appointments per rep who made them: (due, kept), by walking each customer's calls.
fn appointments_by_walking(conn: &Connection, today: NaiveDate) -> HashMap<String, (u64, u64)> {
    let offset = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let local_time = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&Utc)
            .with_timezone(&offset)
            .naive_local()
    };
    let mut stmt = conn
        .prepare(
            "SELECT k.customer_id, k.at, r.name, k.next_call_date, k.next_call_time
             FROM calls k JOIN reps r ON r.id = k.rep_id WHERE k.void = 0
             ORDER BY k.customer_id, k.at, k.id",
        )
        .unwrap();
    let rows: Vec<CallRow> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let (from, to) = (
        NaiveDate::parse_from_str(FROM, "%Y-%m-%d").unwrap(),
        NaiveDate::parse_from_str(TO, "%Y-%m-%d").unwrap(),
    );
    let mut out: HashMap<String, (u64, u64)> = HashMap::new();
    // (customer, appointment day, its time, rep who made it, day it was made)
    type Standing = (i64, NaiveDate, NaiveTime, String, NaiveDate);
    let mut settle = |appt: &Standing, kept: bool| {
        let (_, date, _, rep, made) = appt;
        let counts = made < date && *date >= from && *date <= to && (*date < today || kept);
        if counts {
            let e = out.entry(rep.clone()).or_default();
            e.0 += 1;
            e.1 += u64::from(kept);
        }
    };
    let mut standing: Vec<Standing> = Vec::new();
    for (customer, at, rep, date, time) in rows {
        let local = local_time(&at);
        let day = local.date();
        standing.retain(|appt| {
            if appt.0 != customer || appt.1 < day {
                settle(appt, false);
                return false;
            }
            if appt.1 == day {
                // Kept by a call at its time, or a quarter hour before it; an earlier
                // attempt that day leaves it standing.
                if local >= appt.1.and_time(appt.2) - chrono::Duration::minutes(15) {
                    settle(appt, true);
                    return false;
                }
                return true;
            }
            // Moved by this call before its day: never due.
            false
        });
        if let (Some(date), Some(time)) = (date, time) {
            let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap();
            let time = NaiveTime::parse_from_str(&time, "%H:%M").unwrap();
            standing.push((customer, date, time, rep, day));
        }
    }
    for appt in &standing {
        settle(appt, false);
    }
    out
}

#[test]
fn demo_week_matches_plain_sql() {
    let (_dir, path) = demo();
    let store = Store::open(&path).unwrap();
    let config = Config::default();
    let clock = Clock::parse(NOW).unwrap();
    let week = Week::last_complete(clock.today());
    assert_eq!(week.to_string(), "2026-W47");
    let report = weekly(&store, &config, &clock, week, &Scope::Team).unwrap();
    let conn = Connection::open(&path).unwrap();
    let in_week = |col: &str| format!("date({col}, {LOCAL}) BETWEEN '{FROM}' AND '{TO}'");

    let calls = by_rep(
        &conn,
        &format!(
            "SELECT r.name, count(*), sum(k.reached), count(DISTINCT k.customer_id),
                    sum(k.outcome = 'contract_sent'),
                    count(DISTINCT CASE WHEN k.reached THEN k.customer_id END)
             FROM calls k JOIN reps r ON r.id = k.rep_id
             WHERE k.void = 0 AND {} GROUP BY r.name",
            in_week("k.at")
        ),
    );
    let won_lost = by_rep(
        &conn,
        &format!(
            "SELECT r.name,
                    sum(d.result = 'won'), sum(CASE WHEN d.result = 'won' THEN d.value_cents END),
                    sum(d.result = 'lost'), sum(CASE WHEN d.result = 'lost' THEN d.value_cents END)
             FROM deals d JOIN reps r ON r.id = d.owner_id
             WHERE d.result <> 'open' AND d.closed_on BETWEEN '{FROM}' AND '{TO}'
             GROUP BY r.name"
        ),
    );
    let close_90 = by_rep(
        &conn,
        &format!(
            "SELECT r.name, sum(d.result = 'won'), sum(d.result = 'lost')
             FROM deals d JOIN reps r ON r.id = d.owner_id
             WHERE d.result <> 'open' AND d.closed_on > date('{TO}', '-90 days')
               AND d.closed_on <= '{TO}'
             GROUP BY r.name"
        ),
    );
    let opened = by_rep(
        &conn,
        &format!(
            "SELECT r.name, count(*) FROM complaints p JOIN customers c ON c.id = p.customer_id
             LEFT JOIN calls k ON k.id = p.opened_call_id
             JOIN reps r ON r.id = coalesce(k.rep_id, c.owner_id)
             WHERE {} GROUP BY r.name",
            in_week("p.opened_at")
        ),
    );
    let resolved = by_rep(
        &conn,
        &format!(
            "SELECT r.name, count(*),
                    sum((julianday(p.resolved_at) - julianday(p.opened_at)) * 24)
             FROM complaints p JOIN customers c ON c.id = p.customer_id
             LEFT JOIN calls k ON k.id = p.resolved_call_id
             JOIN reps r ON r.id = coalesce(k.rep_id, c.owner_id)
             WHERE p.resolved_at IS NOT NULL AND {} GROUP BY r.name",
            in_week("p.resolved_at")
        ),
    );
    let coverage = by_rep(
        &conn,
        &format!(
            "SELECT r.name, count(*),
                    sum(EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = c.id AND k.void = 0
                        AND date(k.at, {LOCAL}) BETWEEN '2026-11-01' AND '{TO}'))
             FROM customers c JOIN reps r ON r.id = c.owner_id
             WHERE c.status = 'active' AND date(c.created_at, {LOCAL}) <= '{TO}'
             GROUP BY r.name"
        ),
    );
    let plans = by_rep(
        &conn,
        &format!(
            "SELECT r.name, count(*),
                    sum(EXISTS (SELECT 1 FROM calls k WHERE k.rep_id = e.rep_id
                        AND k.customer_id = e.customer_id AND k.void = 0
                        AND date(k.at, {LOCAL}) = e.day))
             FROM plan_entries e JOIN reps r ON r.id = e.rep_id
             WHERE e.day BETWEEN '{FROM}' AND '{TO}' GROUP BY r.name"
        ),
    );
    // Deals open at the week's end, at the stage they had then, weighted here: walk each
    // customer's stage changes after the week back to where they started.
    let mut weighted: HashMap<String, (i64, f64)> = HashMap::new();
    {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT r.name, d.customer_id, d.stage, d.value_cents FROM deals d JOIN reps r ON r.id = d.owner_id
                 WHERE d.opened_on <= '{TO}' AND (d.result = 'open' OR d.closed_on > '{TO}')"
            ))
            .unwrap();
        let deals: Vec<(String, i64, u8, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut later = conn
            .prepare(&format!(
                "SELECT from_stage FROM stage_changes WHERE customer_id = ?1 AND date(at, {LOCAL}) > '{TO}'
                 ORDER BY at DESC, id DESC"
            ))
            .unwrap();
        for (rep, customer, stage_now, value) in deals {
            let mut stage = stage_now;
            for from in later.query_map([customer], |r| r.get::<_, u8>(0)).unwrap() {
                stage = from.unwrap();
            }
            if stage == 6 {
                continue;
            }
            let e = weighted.entry(rep).or_default();
            e.0 += value;
            e.1 += value as f64 * config.win_probability(stage);
        }
    }
    let mut advances: HashMap<String, BTreeMap<String, u64>> = HashMap::new();
    {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT r.name, s.from_stage || '->' || s.to_stage, count(*)
                 FROM stage_changes s JOIN calls k ON k.id = s.call_id
                 JOIN reps r ON r.id = k.rep_id
                 WHERE k.void = 0 AND {}
                   AND ((s.to_stage > s.from_stage AND s.to_stage <> 7)
                        OR (s.from_stage = 7 AND s.to_stage = 6))
                 GROUP BY 1, 2",
                in_week("s.at")
            ))
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)? as u64,
                ))
            })
            .unwrap();
        for row in rows {
            let (rep, key, n) = row.unwrap();
            advances.entry(rep).or_default().insert(key, n);
        }
    }
    let appointments = appointments_by_walking(&conn, clock.today());

    assert_eq!(report.reps.len(), 3);
    let mut sums = [0.0f64; 4];
    for f in &report.reps {
        let rep = f.rep.as_str();
        assert!(get(&calls, rep, 0) > 50.0, "{rep} has a realistic week");
        assert_eq!(f.calls as f64, get(&calls, rep, 0), "{rep} calls");
        assert_eq!(f.reached as f64, get(&calls, rep, 1), "{rep} reached");
        assert_eq!(
            f.unique_customers as f64,
            get(&calls, rep, 2),
            "{rep} unique"
        );
        assert_eq!(
            f.contracts_sent as f64,
            get(&calls, rep, 3),
            "{rep} contracts sent"
        );
        assert_eq!(
            f.customers_reached as f64,
            get(&calls, rep, 4),
            "{rep} customers reached"
        );
        assert_eq!(f.connect_rate, get(&calls, rep, 1) / get(&calls, rep, 0));
        assert_eq!(f.won.count as f64, get(&won_lost, rep, 0), "{rep} won");
        assert_eq!(
            f.won.value_cents as f64,
            get(&won_lost, rep, 1),
            "{rep} won value"
        );
        assert_eq!(f.lost.count as f64, get(&won_lost, rep, 2), "{rep} lost");
        assert_eq!(
            f.lost.value_cents as f64,
            get(&won_lost, rep, 3),
            "{rep} lost value"
        );
        assert_eq!(
            f.complaints.opened as f64,
            get(&opened, rep, 0),
            "{rep} complaints"
        );
        assert_eq!(
            f.complaints.resolved as f64,
            get(&resolved, rep, 0),
            "{rep} resolved"
        );
        if f.complaints.resolved > 0 {
            let mean = get(&resolved, rep, 1) / get(&resolved, rep, 0);
            assert!(
                (f.complaints.mean_resolution_hours - mean).abs() < 1e-6,
                "{rep} hours"
            );
        }
        assert_eq!(f.book as f64, get(&coverage, rep, 0), "{rep} book");
        assert_eq!(
            f.covered_mtd as f64,
            get(&coverage, rep, 1),
            "{rep} covered"
        );
        assert_eq!(f.planned as f64, get(&plans, rep, 0), "{rep} planned");
        assert_eq!(
            f.planned_done as f64,
            get(&plans, rep, 1),
            "{rep} planned done"
        );
        assert!(
            f.planned_done > 0 && f.planned_done < f.planned,
            "{rep} plans mixed"
        );
        let (pipeline, open_weighted) = weighted[rep];
        assert_eq!(f.pipeline_value_cents, pipeline, "{rep} pipeline");
        assert_eq!(
            f.weighted_forecast_cents,
            f.won.value_cents + open_weighted.round() as i64,
            "{rep} forecast"
        );
        assert_eq!(
            f.stage_advances,
            advances.remove(rep).unwrap_or_default(),
            "{rep} advances"
        );
        let (due, kept) = appointments.get(rep).copied().unwrap_or_default();
        assert_eq!(
            (f.appointments_due, f.appointments_kept),
            (due, kept),
            "{rep} appointments"
        );
        let (w90, l90) = (get(&close_90, rep, 0), get(&close_90, rep, 1));
        let close_rate = if w90 + l90 == 0.0 {
            0.0
        } else {
            w90 / (w90 + l90)
        };
        assert_eq!(f.close_rate, close_rate, "{rep} close rate");
        let needed = if f.won.count == 0 {
            0
        } else {
            (f.won.count as f64 / close_rate).ceil() as u64
        };
        assert_eq!(f.prospects_needed, needed, "{rep} prospects");
        sums[0] += f.calls as f64;
        sums[1] += f.reached as f64;
        sums[2] += f.book as f64;
        sums[3] += f.covered_mtd as f64;
    }
    let t = &report.team;
    assert_eq!(t.calls as f64, sums[0]);
    assert_eq!(t.connect_rate, sums[1] / sums[0], "team rate from sums");
    assert_eq!(t.coverage_mtd, sums[3] / sums[2]);
    let total_due: u64 = appointments.values().map(|a| a.0).sum();
    assert!(total_due > 0, "the demo has appointments due in the week");
    assert_eq!(t.appointments_due, total_due);
    let day_total: u64 = report.days.iter().map(|d| d.calls).sum();
    assert_eq!(day_total, t.calls);
}
