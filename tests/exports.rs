//! What leaves calldeck opens elsewhere: the weekly workbook read back with calamine (its
//! sheets, numbers and chart parts), the calendar read by an iCalendar parser, and the
//! CSV exports guarded against formulas and read back field by field.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::domain::NextCall;
use calldeck::report::{Scope, Week, funnel, render_xlsx, weekly};
use calldeck::store::{NewContact, NewCustomer, RepRole, Store};
use calldeck::transfer::export::{CUSTOMER_HEADERS, ExportFormat, ExportKind, export};
use calldeck::transfer::ics;
use chrono::{NaiveDate, NaiveTime};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime};

const NOW: &str = "2026-11-26T10:00:00+08:00";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let path = dir.path().join("demo.db");
    build(
        &path,
        &DemoOptions {
            reps: 2,
            customers: 120,
            days: 30,
            seed: 3,
            calls_per_day: None,
        },
        &Config::default(),
        &Clock::parse(NOW).unwrap(),
    )
    .unwrap();
    Store::open(&path).unwrap()
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn weekly_workbook_has_its_sheets_numbers_and_charts() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir);
    let config = Config::default();
    let clock = Clock::parse(NOW).unwrap();
    let week = Week::parse("2026-W47").unwrap();
    let report = weekly(&store, &config, &clock, week, &Scope::Team).unwrap();
    let fun = funnel(&store, &config, &clock, &Scope::Team).unwrap();
    let bytes = render_xlsx::render(&report, &fun, &config).unwrap();

    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Team",
            "Reps",
            "Stage advances",
            "Deals won and lost",
            "Funnel",
            "Grades and care"
        ]
    );
    let reps = wb.worksheet_range("Reps").unwrap();
    assert_eq!(cell(&reps, 0, 1), Data::String("Calls".into()));
    for (i, f) in report.reps.iter().enumerate() {
        let row = 1 + i as u32;
        assert_eq!(cell(&reps, row, 0), Data::String(f.rep.clone()));
        assert_eq!(
            cell(&reps, row, 1),
            Data::Float(f.calls as f64),
            "calls are numbers"
        );
        assert_eq!(cell(&reps, row, 3), Data::Float(f.connect_rate));
        assert_eq!(
            cell(&reps, row, 14),
            Data::Float(f.won.value_cents as f64 / 100.0),
            "money in currency units"
        );
    }
    let team_row = 1 + report.reps.len() as u32;
    assert_eq!(cell(&reps, team_row, 0), Data::String("team".into()));
    assert_eq!(
        cell(&reps, team_row, 1),
        Data::Float(report.team.calls as f64)
    );
    assert!(report.team.calls > 0);

    let team = wb.worksheet_range("Team").unwrap();
    assert_eq!(cell(&team, 3, 0), Data::String("Calls".into()));
    assert_eq!(cell(&team, 3, 1), Data::Float(report.team.calls as f64));

    let deals = wb.worksheet_range("Deals won and lost").unwrap();
    assert_eq!(deals.height(), 1 + report.deals.len());

    let funnel_sheet = wb.worksheet_range("Funnel").unwrap();
    assert_eq!(
        cell(&funnel_sheet, 1, 2),
        Data::Float(fun.stages[0].deals as f64)
    );

    // The charts are real Excel chart parts: a column chart of calls per day, a bar funnel.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut charts = Vec::new();
    for name in ["xl/charts/chart1.xml", "xl/charts/chart2.xml"] {
        let mut xml = String::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} missing"))
            .read_to_string(&mut xml)
            .unwrap();
        charts.push(xml);
    }
    assert!(charts[0].contains("<c:barDir val=\"col\"/>") && charts[0].contains("Team"));
    assert!(charts[1].contains("<c:barDir val=\"bar\"/>") && charts[1].contains("Funnel"));
    // The funnel reads top-down: its category axis (the stages) runs from the top, the
    // value axis from the left; bars carry their values.
    let cat = &charts[1][charts[1].find("<c:catAx>").unwrap()..];
    let cat = &cat[..cat.find("</c:catAx>").unwrap()];
    assert!(cat.contains("<c:orientation val=\"maxMin\"/>"), "{cat}");
    let val = &charts[1][charts[1].find("<c:valAx>").unwrap()..];
    let val = &val[..val.find("</c:valAx>").unwrap()];
    assert!(val.contains("<c:orientation val=\"minMax\"/>"), "{val}");
    assert!(charts[1].contains("<c:showVal val=\"1\"/>"));
}

/// The text a spreadsheet shows for a number in one of the workbook's formats.
fn as_shown(v: f64, code: &str) -> String {
    if code.contains('%') {
        let decimals = code.split('.').nth(1).map_or(0, |d| d.matches('0').count());
        return format!("{:.*}%", decimals, v * 100.0);
    }
    if code.contains("#,##0.00") {
        let symbol = code.split('"').nth(1).unwrap_or("");
        let cents = (v * 100.0).round() as i64;
        return calldeck::domain::format_money(cents, symbol);
    }
    if code == "0.0" {
        return format!("{v:.1}");
    }
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

/// (first column, last column, width) of a sheet's `<col>` elements, columns from 0.
fn column_widths(xml: &str) -> Vec<(u32, u32, f64)> {
    let attr = |el: &str, name: &str| -> String {
        let start = el.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        el[start..].split('"').next().unwrap().to_string()
    };
    xml.split("<col ")
        .skip(1)
        .map(|el| {
            let el = &format!(" {}", &el[..el.find("/>").unwrap()]);
            let min: u32 = attr(el, "min").parse().unwrap();
            let max: u32 = attr(el, "max").parse().unwrap();
            (min - 1, max - 1, attr(el, "width").parse().unwrap())
        })
        .collect()
}

#[test]
fn every_column_is_as_wide_as_its_widest_value() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir);
    let config = Config::default();
    let clock = Clock::parse(NOW).unwrap();
    let week = Week::parse("2026-W47").unwrap();
    let report = weekly(&store, &config, &clock, week, &Scope::Team).unwrap();
    let fun = funnel(&store, &config, &clock, &Scope::Team).unwrap();
    assert!(
        fun.pipeline_value_cents > 10_000_000,
        "the demo's pipeline runs to seven figures and more"
    );
    let bytes = render_xlsx::render(&report, &fun, &config).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut checked = 0;
    for (i, name) in wb.sheet_names().iter().enumerate() {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        // One page wide, as tall as it takes.
        assert!(
            xml.contains("<pageSetup") && xml.contains("fitToHeight=\"0\""),
            "{name}: not fitted to one page wide"
        );
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{name}");
        let widths = column_widths(&xml);
        let width_of = |col: u32| {
            widths
                .iter()
                .find(|(a, b, _)| (*a..=*b).contains(&col))
                .map(|(_, _, w)| *w)
        };
        let values = wb.worksheet_range(name).unwrap();
        let styles = wb.worksheet_style(name).unwrap();
        for (row, col, value) in values.used_cells() {
            let start = values.start().unwrap();
            let (row, col) = (row as u32 + start.0, col as u32 + start.1);
            let text = match value {
                Data::String(s) => s.clone(),
                Data::Float(v) => {
                    let code = styles
                        .get((row, col))
                        .and_then(|s| s.number_format.as_ref())
                        .map_or("General".to_string(), |n| n.format_code.clone());
                    as_shown(*v, &code)
                }
                Data::Int(v) => v.to_string(),
                other => other.to_string(),
            };
            let need = calldeck::text::width(&text) as f64;
            let have = width_of(col).unwrap_or(8.43);
            assert!(
                have >= need,
                "{name} row {row} column {col}: '{text}' needs {need} characters, the column is {have}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} cells checked");
}

/// A file with customers whose fields a spreadsheet would run, and next calls.
fn tricky_store(dir: &tempfile::TempDir) -> (Store, Vec<i64>) {
    let clock = Clock::parse(NOW).unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let rep = store.add_rep("alice", RepRole::Rep, None, &clock).unwrap();
    let mut ids = Vec::new();
    let specs = [
        (
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+86 138 0000 1111",
            "notes, with; commas\nand a second line",
            Some(NextCall::at(
                d("2026-11-27"),
                NaiveTime::from_hms_opt(15, 30, 0).unwrap(),
            )),
        ),
        (
            "华美贸易有限公司",
            "021 5555 0101",
            "@SUM(A1:A2)",
            Some(NextCall::on(d("2026-11-30"))),
        ),
        ("-2+3", "", "", Some(NextCall::on(d("2027-03-01")))),
    ];
    for (name, phone, notes, next) in specs {
        let mut c = NewCustomer::named(name);
        c.company = format!("{name} Co");
        c.owner_id = Some(rep.id);
        c.notes = notes.into();
        c.value_cents = 1_234_550;
        c.tags = vec!["vip".into(), "north".into()];
        c.next_call = next;
        if !phone.is_empty() {
            c.contacts = vec![NewContact {
                name: "Li Wei".into(),
                phone: phone.into(),
                email: "li@example.com".into(),
                primary: true,
                ..NewContact::default()
            }];
        }
        ids.push(store.add_customer(&c, &clock).unwrap());
    }
    (store, ids)
}

/// A plain RFC 4180 reader (quotes, doubled quotes, line breaks in quotes).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

/// What a spreadsheet shows for a neutralised cell: the text without the guard.
fn shown(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

#[test]
fn customers_csv_has_a_bom_no_live_formulas_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = tricky_store(&dir);
    let config = Config::default();
    let bytes = export(
        &store,
        &config,
        ExportKind::Customers,
        ExportFormat::Csv,
        None,
    )
    .unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows = read_csv(&text);
    let headers: Vec<&str> = CUSTOMER_HEADERS
        .iter()
        .chain(&calldeck::transfer::export::TIER_HEADERS)
        .copied()
        .collect();
    assert_eq!(rows[0], headers);
    assert_eq!(rows.len(), 1 + ids.len());
    for row in &rows[1..] {
        assert_eq!(row.len(), headers.len());
        // A customer without contracts is a C; its RFM segment is one of four.
        assert_eq!(row[18], "C");
        assert!(
            ["gold", "developing", "potential", "forgotten"].contains(&row[19].as_str()),
            "{row:?}"
        );
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live formula {cell:?}"
            );
        }
    }
    let col = |name: &str| CUSTOMER_HEADERS.iter().position(|h| *h == name).unwrap();
    // Field by field, each row is the customer in the file.
    for (row, id) in rows[1..].iter().zip(&ids) {
        let c = store.customer(*id).unwrap();
        assert_eq!(shown(&row[col("name")]), c.name);
        assert_eq!(shown(&row[col("company")]), c.company);
        assert_eq!(shown(&row[col("phone")]), c.primary_phone());
        assert_eq!(shown(&row[col("notes")]), c.notes);
        assert_eq!(row[col("owner")], "alice");
        assert_eq!(row[col("value")], "12345.50");
        assert_eq!(row[col("tags")], "vip, north");
        assert_eq!(row[col("grade")], c.state.grade.as_str());
        assert_eq!(row[col("stage")], c.state.stage.to_string());
        assert_eq!(
            row[col("next_call")],
            c.state.next_call.map(|n| n.to_string()).unwrap_or_default()
        );
    }
    assert_eq!(rows[1][col("name")], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(rows[1][col("phone")], "'+86 138 0000 1111");
    assert_eq!(rows[1][col("next_call")], "2026-11-27T15:30");
    assert_eq!(rows[2][col("name")], "华美贸易有限公司");
    assert_eq!(rows[2][col("notes")], "'@SUM(A1:A2)");
    assert_eq!(rows[3][col("name")], "'-2+3");
}

#[test]
fn exports_in_json_and_xlsx_carry_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = tricky_store(&dir);
    let config = Config::default();
    let json: serde_json::Value = serde_json::from_slice(
        &export(
            &store,
            &config,
            ExportKind::Customers,
            ExportFormat::Json,
            None,
        )
        .unwrap(),
    )
    .unwrap();
    let first = &json[0];
    assert_eq!(first["id"], ids[0]);
    assert_eq!(
        first["name"], "=HYPERLINK(\"http://evil\",\"x\")",
        "JSON is not a spreadsheet"
    );
    assert_eq!(first["contacts"][0]["phone"], "+86 138 0000 1111");
    assert!(first.get("calls").is_none() && first.get("score").is_none());

    let deals: serde_json::Value = serde_json::from_slice(
        &export(&store, &config, ExportKind::Deals, ExportFormat::Json, None).unwrap(),
    )
    .unwrap();
    assert_eq!(deals.as_array().unwrap().len(), 3);
    assert_eq!(deals[0]["value_cents"], 1_234_550);
    assert_eq!(deals[0]["result"], "open");
    assert_eq!(deals[0]["closed"], serde_json::Value::Null);

    let bytes = export(
        &store,
        &config,
        ExportKind::Customers,
        ExportFormat::Xlsx,
        None,
    )
    .unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("customers").unwrap();
    let value_col = CUSTOMER_HEADERS.iter().position(|h| *h == "value").unwrap() as u32;
    assert_eq!(cell(&range, 1, value_col), Data::Float(12345.5));
    assert_eq!(
        cell(&range, 1, 0),
        Data::String(first["name"].as_str().unwrap().into())
    );
}

#[test]
fn calendar_parses_with_a_real_icalendar_parser() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = tricky_store(&dir);
    let config = Config::default();
    let clock = Clock::parse(NOW).unwrap();
    let customers = store
        .next_calls_between(None, clock.today(), d("2026-12-09"))
        .unwrap();
    assert_eq!(customers.len(), 2, "March is outside the two weeks");
    let text = ics::calendar(
        &customers,
        &config,
        &clock,
        ics::CalendarEvents::WithDaySummaries,
    );

    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends CRLF"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
    }
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let cal: icalendar::Calendar = parsed.into();
    let events: Vec<&icalendar::Event> =
        cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 2);

    // The appointment: 15:30 local = 07:30 UTC, 15 minutes, the phone in the description.
    let appt = events[0];
    assert_eq!(
        appt.get_uid(),
        Some(format!("calldeck-{}@calldeck", ids[0]).as_str())
    );
    match appt.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(utc))) => {
            assert_eq!(utc.to_rfc3339(), "2026-11-27T07:30:00+00:00");
        }
        other => panic!("timed start expected, got {other:?}"),
    }
    let description = appt.get_description().unwrap();
    assert!(
        description.contains("Phone: +86 138 0000 1111"),
        "{description}"
    );
    assert!(description.contains("notes, with; commas\nand a second line"));
    assert!(appt.get_summary().unwrap().contains("=HYPERLINK"));

    // The day's date-only next calls are one all-day summary event naming them.
    let day = events[1];
    assert_eq!(day.get_uid(), Some("calldeck-day-20261130@calldeck"));
    assert_eq!(
        day.get_start(),
        Some(DatePerhapsTime::Date(d("2026-11-30")))
    );
    assert_eq!(day.get_end(), Some(DatePerhapsTime::Date(d("2026-12-01"))));
    assert_eq!(day.get_summary(), Some("1 call planned"));
    assert!(day.get_description().unwrap().contains("华美贸易有限公司"));

    // The same schedule gives the same file: a re-import updates, never duplicates.
    let again = ics::calendar(
        &customers,
        &config,
        &clock,
        ics::CalendarEvents::WithDaySummaries,
    );
    assert_eq!(again, text);

    // Appointments only: the timed event alone.
    let only = ics::calendar(
        &customers,
        &config,
        &clock,
        ics::CalendarEvents::AppointmentsOnly,
    );
    assert_eq!(only.matches("BEGIN:VEVENT").count(), 1);
    assert!(only.contains(&format!("UID:calldeck-{}@calldeck", ids[0])));
}

#[test]
fn every_customers_tiers_at_once_are_the_cards_tiers() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir);
    let clock = Clock::parse(NOW).unwrap();
    let all = store.all_tiers(clock.today(), &clock).unwrap();
    assert_eq!(all.len(), 240, "120 customers for each of 2 reps");
    let mut seen = std::collections::BTreeSet::new();
    for (id, t) in &all {
        assert_eq!(
            t.tiers,
            store.tiers(*id, clock.today(), &clock).unwrap(),
            "customer {id}"
        );
        seen.insert(t.tiers.abc);
    }
    assert!(seen.contains(&'A') && seen.contains(&'C'), "{seen:?}");
    // The planner weighs the same ABC tier.
    let cal = Config::default().calendar();
    for rep in store.reps().unwrap() {
        for c in store
            .plan_book(rep.id, clock.today(), &clock, &cal)
            .unwrap()
        {
            assert_eq!(c.tier, all[&c.id].tiers.abc, "customer {}", c.id);
        }
    }
}
