//! The weekly summary as an Excel workbook for the boss: a sheet per view (team, reps,
//! stage advances, deals won and lost, funnel), numbers as numbers with formats, a funnel
//! chart and a calls-per-day chart.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::funnel::Funnel;
use super::weekly::{Figures, WeeklyReport};
use crate::config::Config;
use crate::error::{Error, Result};

struct Formats {
    bold: Format,
    money: Format,
    pct: Format,
    hours: Format,
}

impl Formats {
    fn new(config: &Config) -> Formats {
        let sym = config.currency_symbol.replace('"', "");
        Formats {
            bold: Format::new().set_bold(),
            money: Format::new().set_num_format(format!("\"{sym}\"#,##0.00")),
            pct: Format::new().set_num_format("0.0%"),
            hours: Format::new().set_num_format("0.0"),
        }
    }
}

fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// Writes a row of headers in bold and sets a sensible width.
fn headers(ws: &mut Worksheet, row: u32, names: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *name, &f.bold)?;
        ws.set_column_width(c as u16, (name.chars().count() as f64 + 2.0).max(12.0))?;
    }
    Ok(())
}

const REP_COLUMNS: [&str; 19] = [
    "Rep",
    "Calls",
    "Reached",
    "Connect rate",
    "Unique customers",
    "Coverage MTD",
    "Planned",
    "Plan adherence",
    "Appointments due",
    "Appointments kept",
    "Contracts sent",
    "Won",
    "Won value",
    "Lost",
    "Lost value",
    "Complaints opened",
    "Complaints resolved",
    "Pipeline value",
    "Weighted forecast",
];

fn write_figures(
    ws: &mut Worksheet,
    row: u32,
    fig: &Figures,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string(row, 0, &fig.rep)?;
    ws.write_number(row, 1, fig.calls as f64)?;
    ws.write_number(row, 2, fig.reached as f64)?;
    ws.write_number_with_format(row, 3, fig.connect_rate, &f.pct)?;
    ws.write_number(row, 4, fig.unique_customers as f64)?;
    ws.write_number_with_format(row, 5, fig.coverage_mtd, &f.pct)?;
    ws.write_number(row, 6, fig.planned as f64)?;
    ws.write_number_with_format(row, 7, fig.plan_adherence, &f.pct)?;
    ws.write_number(row, 8, fig.appointments_due as f64)?;
    ws.write_number(row, 9, fig.appointments_kept as f64)?;
    ws.write_number(row, 10, fig.contracts_sent as f64)?;
    ws.write_number(row, 11, fig.won.count as f64)?;
    ws.write_number_with_format(row, 12, money(fig.won.value_cents), &f.money)?;
    ws.write_number(row, 13, fig.lost.count as f64)?;
    ws.write_number_with_format(row, 14, money(fig.lost.value_cents), &f.money)?;
    ws.write_number(row, 15, fig.complaints.opened as f64)?;
    ws.write_number(row, 16, fig.complaints.resolved as f64)?;
    ws.write_number_with_format(row, 17, money(fig.pipeline_value_cents), &f.money)?;
    ws.write_number_with_format(row, 18, money(fig.weighted_forecast_cents), &f.money)?;
    Ok(())
}

fn team_sheet(wb: &mut Workbook, r: &WeeklyReport, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Team")?;
    let t = &r.team;
    ws.write_string_with_format(0, 0, format!("Weekly summary {}", r.week), &f.bold)?;
    ws.write_string(1, 0, format!("{} to {}", r.from, r.to))?;
    let rows: [(&str, f64, Option<&Format>); 16] = [
        ("Calls", t.calls as f64, None),
        ("Reached", t.reached as f64, None),
        ("Connect rate", t.connect_rate, Some(&f.pct)),
        ("Unique customers", t.unique_customers as f64, None),
        ("Coverage month to date", t.coverage_mtd, Some(&f.pct)),
        ("Plan adherence", t.plan_adherence, Some(&f.pct)),
        ("Appointments kept", t.appointments_kept as f64, None),
        ("Contracts sent", t.contracts_sent as f64, None),
        ("Deals won", t.won.count as f64, None),
        ("Won value", money(t.won.value_cents), Some(&f.money)),
        ("Deals lost", t.lost.count as f64, None),
        ("Lost value", money(t.lost.value_cents), Some(&f.money)),
        ("Complaints opened", t.complaints.opened as f64, None),
        (
            "Mean resolution (hours)",
            t.complaints.mean_resolution_hours,
            Some(&f.hours),
        ),
        (
            "Pipeline value",
            money(t.pipeline_value_cents),
            Some(&f.money),
        ),
        (
            "Weighted forecast",
            money(t.weighted_forecast_cents),
            Some(&f.money),
        ),
    ];
    for (i, (label, value, format)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_string(row, 0, *label)?;
        match format {
            Some(fmt) => ws.write_number_with_format(row, 1, *value, fmt)?,
            None => ws.write_number(row, 1, *value)?,
        };
    }
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 16)?;

    // Calls per day, and its chart beside it.
    let top = 3 + rows.len() as u32 + 1;
    headers(ws, top, &["Day", "Calls", "Reached"], f)?;
    ws.set_column_width(0, 26)?;
    for (i, d) in r.days.iter().enumerate() {
        let row = top + 1 + i as u32;
        ws.write_string(row, 0, d.date.format("%a %Y-%m-%d").to_string())?;
        ws.write_number(row, 1, d.calls as f64)?;
        ws.write_number(row, 2, d.reached as f64)?;
    }
    let last = top + r.days.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name("Calls per day");
    for (col, name) in [(1u16, "Calls"), (2u16, "Reached")] {
        chart
            .add_series()
            .set_name(name)
            .set_categories(("Team", top + 1, 0, last, 0))
            .set_values(("Team", top + 1, col, last, col));
    }
    ws.insert_chart(top, 4, &chart)?;
    Ok(())
}

fn reps_sheet(wb: &mut Workbook, r: &WeeklyReport, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Reps")?;
    headers(ws, 0, &REP_COLUMNS, f)?;
    for (i, fig) in r.reps.iter().enumerate() {
        write_figures(ws, 1 + i as u32, fig, f)?;
    }
    write_figures(ws, 1 + r.reps.len() as u32, &r.team, f)?;
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}

fn advances_sheet(wb: &mut Workbook, r: &WeeklyReport, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Stage advances")?;
    let keys: Vec<&String> = r.team.stage_advances.keys().collect();
    let mut names = vec!["Rep".to_string()];
    names.extend(keys.iter().map(|k| k.replace("->", " → ")));
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    headers(ws, 0, &refs, f)?;
    for (i, fig) in r.reps.iter().chain(std::iter::once(&r.team)).enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &fig.rep)?;
        for (c, k) in keys.iter().enumerate() {
            let n = fig.stage_advances.get(*k).copied().unwrap_or(0);
            ws.write_number(row, 1 + c as u16, n as f64)?;
        }
    }
    Ok(())
}

fn deals_sheet(wb: &mut Workbook, r: &WeeklyReport, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Deals won and lost")?;
    headers(ws, 0, &["Closed", "Result", "Customer", "Rep", "Value"], f)?;
    ws.set_column_width(2, 30)?;
    for (i, d) in r.deals.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(
            row,
            0,
            d.closed_on.map(|d| d.to_string()).unwrap_or_default(),
        )?;
        ws.write_string(row, 1, &d.result)?;
        ws.write_string(row, 2, &d.customer)?;
        ws.write_string(row, 3, &d.rep)?;
        ws.write_number_with_format(row, 4, money(d.value_cents), &f.money)?;
    }
    Ok(())
}

fn funnel_sheet(wb: &mut Workbook, fun: &Funnel, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Funnel")?;
    headers(
        ws,
        0,
        &[
            "Stage",
            "Win probability",
            "Open deals",
            "Value",
            "Weighted value",
            "Conversion (90 days)",
        ],
        f,
    )?;
    ws.set_column_width(0, 34)?;
    for (i, s) in fun.stages.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, format!("{} {}", s.stage, s.name))?;
        ws.write_number_with_format(row, 1, s.win_probability, &f.pct)?;
        ws.write_number(row, 2, s.deals as f64)?;
        ws.write_number_with_format(row, 3, money(s.value_cents), &f.money)?;
        ws.write_number_with_format(row, 4, money(s.weighted_cents), &f.money)?;
        let conv = fun.conversion.iter().find(|c| c.stage == s.stage);
        ws.write_number_with_format(row, 5, conv.map_or(0.0, |c| c.rate), &f.pct)?;
    }
    let last = fun.stages.len() as u32;
    let below = last + 2;
    ws.write_string(below, 0, "Won this month")?;
    ws.write_number_with_format(below, 3, money(fun.won_this_month.value_cents), &f.money)?;
    ws.write_string(below + 1, 0, "Forecast")?;
    ws.write_number_with_format(below + 1, 3, money(fun.forecast_cents), &f.money)?;

    // Horizontal bars, first stage on top: the usual funnel picture.
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name("Funnel: open deals per stage");
    chart
        .add_series()
        .set_name("Open deals")
        .set_categories(("Funnel", 1, 0, last, 0))
        .set_values(("Funnel", 1, 2, last, 2));
    chart.x_axis().set_reverse();
    chart.legend().set_hidden();
    ws.insert_chart(below + 3, 0, &chart)?;
    Ok(())
}

/// The workbook as bytes.
pub fn render(report: &WeeklyReport, funnel: &Funnel, config: &Config) -> Result<Vec<u8>> {
    let f = Formats::new(config);
    let mut wb = Workbook::new();
    let built = team_sheet(&mut wb, report, &f)
        .and_then(|_| reps_sheet(&mut wb, report, &f))
        .and_then(|_| advances_sheet(&mut wb, report, &f))
        .and_then(|_| deals_sheet(&mut wb, report, &f))
        .and_then(|_| funnel_sheet(&mut wb, funnel, &f))
        .and_then(|_| wb.save_to_buffer());
    built.map_err(|e| Error::invalid(format!("cannot build the workbook: {e}")))
}
