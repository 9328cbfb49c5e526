//! The weekly summary as an Excel workbook for the boss: a sheet per view (team, reps,
//! stage advances, deals won and lost, funnel), numbers as numbers with formats, a funnel
//! chart and a calls-per-day chart. Every column is as wide as its widest value as the
//! spreadsheet will show it (a money column too narrow prints `###`), and every sheet
//! prints one page wide.

use rust_xlsxwriter::{Chart, ChartDataLabel, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::funnel::Funnel;
use super::weekly::{Figures, WeeklyReport};
use crate::config::Config;
use crate::domain::format_money;
use crate::error::{Error, Result};

struct Formats {
    bold: Format,
    money: Format,
    pct: Format,
    hours: Format,
    sym: String,
}

impl Formats {
    fn new(config: &Config) -> Formats {
        let sym = config.currency_symbol.replace('"', "");
        Formats {
            bold: Format::new().set_bold(),
            money: Format::new().set_num_format(format!("\"{sym}\"#,##0.00")),
            pct: Format::new().set_num_format("0.0%"),
            hours: Format::new().set_num_format("0.0"),
            sym,
        }
    }
}

fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// A worksheet that remembers how wide each column's values are shown, so the columns can
/// be fitted to them at the end.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    widths: Vec<usize>,
}

impl<'a> Sheet<'a> {
    fn new(wb: &'a mut Workbook, name: &str, f: &'a Formats) -> Result<Sheet<'a>, XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name(l(name))?;
        // One page wide, as tall as it takes.
        ws.set_print_fit_to_pages(1, 0);
        ws.set_landscape();
        Ok(Sheet {
            ws,
            f,
            widths: Vec::new(),
        })
    }

    fn measure(&mut self, col: u16, shown: &str) {
        let col = col as usize;
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(crate::text::width(shown));
    }

    fn text(&mut self, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
        self.measure(col, s);
        self.ws.write_string(row, col, s)?;
        Ok(())
    }

    fn bold(&mut self, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
        self.measure(col, s);
        self.ws
            .write_string_with_format(row, col, s, &self.f.bold)?;
        Ok(())
    }

    fn headers(&mut self, row: u32, names: &[&str]) -> Result<(), XlsxError> {
        for (c, name) in names.iter().enumerate() {
            self.bold(row, c as u16, &l(name))?;
        }
        Ok(())
    }

    fn count(&mut self, row: u32, col: u16, n: u64) -> Result<(), XlsxError> {
        self.measure(col, &n.to_string());
        self.ws.write_number(row, col, n as f64)?;
        Ok(())
    }

    fn money(&mut self, row: u32, col: u16, cents: i64) -> Result<(), XlsxError> {
        self.measure(col, &format_money(cents, &self.f.sym));
        self.ws
            .write_number_with_format(row, col, money(cents), &self.f.money)?;
        Ok(())
    }

    fn pct(&mut self, row: u32, col: u16, rate: f64) -> Result<(), XlsxError> {
        self.measure(col, &format!("{:.1}%", rate * 100.0));
        self.ws
            .write_number_with_format(row, col, rate, &self.f.pct)?;
        Ok(())
    }

    fn hours(&mut self, row: u32, col: u16, h: f64) -> Result<(), XlsxError> {
        self.measure(col, &format!("{h:.1}"));
        self.ws
            .write_number_with_format(row, col, h, &self.f.hours)?;
        Ok(())
    }

    /// Sets each column to its widest value, with a little air.
    fn fit(self) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws
                .set_column_width(c as u16, (*w as f64 + 2.0).max(6.0))?;
        }
        Ok(())
    }
}

/// A sheet name, header or label in the current language. English is the text itself; other
/// languages look it up as `xlsx-<the text in lower case, words joined by ->` and fall
/// back to English.
fn l(en: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return en.to_string();
    }
    let key = label_key(en);
    let found = crate::i18n::tr(&key, &[]);
    if found == key { en.to_string() } else { found }
}

fn label_key(en: &str) -> String {
    let words: Vec<String> = en
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    format!("xlsx-{}", words.join("-"))
}

const REP_COLUMNS: [&str; 26] = [
    "Rep",
    "Calls",
    "Reached",
    "Connect rate",
    "Unique customers",
    "Coverage MTD",
    "Planned",
    "Plan adherence",
    "Skipped",
    "Unplanned calls",
    "Appointments due",
    "Appointments kept",
    "Contracts sent",
    "Won",
    "Won value",
    "Lost",
    "Lost value",
    "Complaints opened",
    "Complaints resolved",
    "Mean resolution (hours)",
    "Pipeline reached",
    "Pipeline not yet reached",
    "Forecast month",
    "Forecast quarter",
    "Prospects needed",
    "Close rate (90 days)",
];

fn write_figures(s: &mut Sheet, row: u32, fig: &Figures) -> Result<(), XlsxError> {
    s.text(row, 0, &fig.rep)?;
    s.count(row, 1, fig.calls)?;
    s.count(row, 2, fig.reached)?;
    s.pct(row, 3, fig.connect_rate)?;
    s.count(row, 4, fig.unique_customers)?;
    s.pct(row, 5, fig.coverage_mtd)?;
    s.count(row, 6, fig.planned)?;
    s.pct(row, 7, fig.plan_adherence)?;
    s.count(row, 8, fig.skipped)?;
    s.count(row, 9, fig.unplanned_calls)?;
    s.count(row, 10, fig.appointments_due)?;
    s.count(row, 11, fig.appointments_kept)?;
    s.count(row, 12, fig.contracts_sent)?;
    s.count(row, 13, fig.won.count)?;
    s.money(row, 14, fig.won.value_cents)?;
    s.count(row, 15, fig.lost.count)?;
    s.money(row, 16, fig.lost.value_cents)?;
    s.count(row, 17, fig.complaints.opened)?;
    s.count(row, 18, fig.complaints.resolved)?;
    s.hours(row, 19, fig.complaints.mean_resolution_hours)?;
    s.money(row, 20, fig.pipeline_reached_cents)?;
    s.money(row, 21, fig.pipeline_unreached_cents)?;
    s.money(row, 22, fig.forecast_month_cents)?;
    s.money(row, 23, fig.forecast_quarter_cents)?;
    s.count(row, 24, fig.prospects_needed)?;
    s.pct(row, 25, fig.close_rate)?;
    Ok(())
}

/// What a label's value is.
enum Value {
    Count(u64),
    Money(i64),
    Pct(f64),
    Hours(f64),
}

fn team_sheet(wb: &mut Workbook, r: &WeeklyReport, f: &Formats) -> Result<(), XlsxError> {
    let mut s = Sheet::new(wb, "Team", f)?;
    let t = &r.team;
    let so_far = if r.so_far {
        format!(" {}", l("so far"))
    } else {
        String::new()
    };
    s.bold(0, 0, &format!("{} {}{so_far}", l("Weekly summary"), r.week))?;
    s.text(1, 0, &format!("{} {} {}", r.from, l("to"), r.to))?;
    let rows: Vec<(String, Value)> = vec![
        ("Calls".into(), Value::Count(t.calls)),
        ("Reached".into(), Value::Count(t.reached)),
        ("Connect rate".into(), Value::Pct(t.connect_rate)),
        ("Unique customers".into(), Value::Count(t.unique_customers)),
        ("Coverage month to date".into(), Value::Pct(t.coverage_mtd)),
        ("Plan adherence".into(), Value::Pct(t.plan_adherence)),
        ("Planned, not called".into(), Value::Count(t.skipped)),
        ("Unplanned calls".into(), Value::Count(t.unplanned_calls)),
        ("Appointments due".into(), Value::Count(t.appointments_due)),
        (
            "Appointments kept".into(),
            Value::Count(t.appointments_kept),
        ),
        ("Contracts sent".into(), Value::Count(t.contracts_sent)),
        ("Deals won".into(), Value::Count(t.won.count)),
        ("Won value".into(), Value::Money(t.won.value_cents)),
        ("Deals lost".into(), Value::Count(t.lost.count)),
        ("Lost value".into(), Value::Money(t.lost.value_cents)),
        (
            "Complaints opened".into(),
            Value::Count(t.complaints.opened),
        ),
        (
            "Complaints resolved".into(),
            Value::Count(t.complaints.resolved),
        ),
        (
            "Mean resolution (hours)".into(),
            Value::Hours(t.complaints.mean_resolution_hours),
        ),
        (
            "Pipeline reached (stages 2–5, 7)".into(),
            Value::Money(t.pipeline_reached_cents),
        ),
        (
            "Pipeline not yet reached (0–1)".into(),
            Value::Money(t.pipeline_unreached_cents),
        ),
        (
            format!("{} {}", l("Forecast"), crate::i18n::month_label(&r.month)),
            Value::Money(t.forecast_month_cents),
        ),
        (
            format!(
                "{} {}",
                l("Forecast"),
                crate::i18n::quarter_label(&r.quarter)
            ),
            Value::Money(t.forecast_quarter_cents),
        ),
        ("Prospects needed".into(), Value::Count(t.prospects_needed)),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        s.text(row, 0, &l(label))?;
        match value {
            Value::Count(n) => s.count(row, 1, *n)?,
            Value::Money(c) => s.money(row, 1, *c)?,
            Value::Pct(p) => s.pct(row, 1, *p)?,
            Value::Hours(h) => s.hours(row, 1, *h)?,
        }
    }

    // Calls per day, and its chart below it so the page stays one wide.
    let top = 3 + rows.len() as u32 + 1;
    s.headers(top, &["Day", "Calls", "Reached"])?;
    for (i, d) in r.days.iter().enumerate() {
        let row = top + 1 + i as u32;
        s.text(row, 0, &crate::i18n::weekday_date(d.date))?;
        s.count(row, 1, d.calls)?;
        s.count(row, 2, d.reached)?;
    }
    let last = top + r.days.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(l("Calls per day").as_str());
    let sheet = l("Team");
    for (col, name) in [(1u16, "Calls"), (2u16, "Reached")] {
        chart
            .add_series()
            .set_name(l(name).as_str())
            .set_categories((sheet.as_str(), top + 1, 0, last, 0))
            .set_values((sheet.as_str(), top + 1, col, last, col))
            .set_data_label(ChartDataLabel::new().show_value());
    }
    s.ws.insert_chart(last + 2, 0, &chart)?;
    s.fit()
}

fn reps_sheet(wb: &mut Workbook, r: &WeeklyReport, f: &Formats) -> Result<(), XlsxError> {
    let mut s = Sheet::new(wb, "Reps", f)?;
    s.headers(0, &REP_COLUMNS)?;
    for (i, fig) in r.reps.iter().enumerate() {
        write_figures(&mut s, 1 + i as u32, fig)?;
    }
    write_figures(&mut s, 1 + r.reps.len() as u32, &r.team)?;
    s.ws.set_freeze_panes(1, 1)?;
    s.fit()
}

fn advances_sheet(
    wb: &mut Workbook,
    r: &WeeklyReport,
    f: &Formats,
    config: &Config,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(wb, "Stage advances", f)?;
    let keys: Vec<&String> = r.team.stage_advances.keys().collect();
    let name = |k: &str| {
        k.parse::<u8>()
            .map_or(k.to_string(), |st| config.stage_label(st).to_string())
    };
    let mut names = vec!["Rep".to_string()];
    names.extend(keys.iter().map(|k| match k.split_once("->") {
        Some((a, b)) => format!("{} → {}", name(a), name(b)),
        None => k.to_string(),
    }));
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    s.headers(0, &refs)?;
    for (i, fig) in r.reps.iter().chain(std::iter::once(&r.team)).enumerate() {
        let row = 1 + i as u32;
        s.text(row, 0, &fig.rep)?;
        for (c, k) in keys.iter().enumerate() {
            let n = fig.stage_advances.get(*k).copied().unwrap_or(0);
            s.count(row, 1 + c as u16, n)?;
        }
    }
    s.fit()
}

fn deals_sheet(wb: &mut Workbook, r: &WeeklyReport, f: &Formats) -> Result<(), XlsxError> {
    let mut s = Sheet::new(wb, "Deals won and lost", f)?;
    s.headers(0, &["Closed", "Result", "Customer", "Rep", "Value"])?;
    for (i, d) in r.deals.iter().enumerate() {
        let row = 1 + i as u32;
        s.text(
            row,
            0,
            &d.closed_on.map(|d| d.to_string()).unwrap_or_default(),
        )?;
        s.text(row, 1, &l(&d.result))?;
        s.text(row, 2, &d.customer)?;
        s.text(row, 3, &d.rep)?;
        s.money(row, 4, d.value_cents)?;
    }
    s.fit()
}

fn funnel_sheet(
    wb: &mut Workbook,
    fun: &Funnel,
    f: &Formats,
    config: &Config,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(wb, "Funnel", f)?;
    s.headers(
        0,
        &[
            "Stage",
            "Win probability",
            "Open deals",
            "Value",
            "Weighted value",
            "Conversion (90 days)",
        ],
    )?;
    for (i, st) in fun.stages.iter().enumerate() {
        let row = 1 + i as u32;
        s.text(
            row,
            0,
            &format!("{} {}", st.stage, config.stage_label(st.stage)),
        )?;
        s.pct(row, 1, st.win_probability)?;
        s.count(row, 2, st.deals)?;
        s.money(row, 3, st.value_cents)?;
        s.money(row, 4, st.weighted_cents)?;
        let conv = fun.conversion.iter().find(|c| c.stage == st.stage);
        s.pct(row, 5, conv.map_or(0.0, |c| c.rate))?;
    }
    let last = fun.stages.len() as u32;
    // Each label with its value in the next cell.
    let below = last + 2;
    let totals = [
        ("Won this month".to_string(), fun.won_this_month.value_cents),
        (
            "Pipeline reached (2–5, 7)".to_string(),
            fun.pipeline_reached_cents,
        ),
        (
            "Pipeline not yet reached (0–1)".to_string(),
            fun.pipeline_unreached_cents,
        ),
        (
            format!("{} {}", l("Forecast"), crate::i18n::month_label(&fun.month)),
            fun.forecast_month_cents,
        ),
        (
            format!(
                "{} {}",
                l("Forecast"),
                crate::i18n::quarter_label(&fun.quarter)
            ),
            fun.forecast_quarter_cents,
        ),
    ];
    for (i, (label, cents)) in totals.iter().enumerate() {
        let row = below + i as u32;
        s.text(row, 0, &l(label))?;
        s.money(row, 1, *cents)?;
    }

    // Horizontal bars growing from the left, stage 0 on top: a funnel read top-down. In
    // a bar chart the categories run up the vertical axis, so it is reversed.
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .title()
        .set_name(l("Funnel: open deals per stage").as_str());
    let sheet = l("Funnel");
    chart
        .add_series()
        .set_name(l("Open deals").as_str())
        .set_categories((sheet.as_str(), 1, 0, last, 0))
        .set_values((sheet.as_str(), 1, 2, last, 2))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.y_axis().set_reverse();
    chart.legend().set_hidden();
    s.ws.insert_chart(below + totals.len() as u32 + 1, 0, &chart)?;
    s.fit()
}

/// The workbook as bytes.
pub fn render(report: &WeeklyReport, funnel: &Funnel, config: &Config) -> Result<Vec<u8>> {
    let f = Formats::new(config);
    let mut wb = Workbook::new();
    let built = team_sheet(&mut wb, report, &f)
        .and_then(|_| reps_sheet(&mut wb, report, &f))
        .and_then(|_| advances_sheet(&mut wb, report, &f, config))
        .and_then(|_| deals_sheet(&mut wb, report, &f))
        .and_then(|_| funnel_sheet(&mut wb, funnel, &f, config))
        .and_then(|_| method_sheet(&mut wb, &report.method, &f))
        .and_then(|_| wb.save_to_buffer());
    built.map_err(|e| Error::invalid(crate::t!("xlsx-cannot-build", e = e.to_string())))
}

/// The sales method's tables one under another: grades with their change, satisfaction,
/// complaints by category and by assignee, losses by reason, the book by tier.
fn method_sheet(
    wb: &mut Workbook,
    m: &super::method::MethodTables,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(wb, "Grades and care", f)?;
    s.bold(0, 0, &l("Prospects per grade"))?;
    s.headers(
        1,
        &[
            "Rep", "O", "H", "A", "B", "C", "O change", "H change", "A change", "B change",
            "C change",
        ],
    )?;
    let mut row = 2;
    for g in &m.grades {
        s.text(row, 0, &g.rep)?;
        for (i, n) in g.now.values().iter().enumerate() {
            s.count(row, 1 + i as u16, *n as u64)?;
        }
        for (i, n) in g.change.values().iter().enumerate() {
            let col = 6 + i as u16;
            s.measure(col, &n.to_string());
            s.ws.write_number(row, col, *n as f64)?;
        }
        row += 1;
    }
    row += 1;
    s.bold(row, 0, &l("Satisfaction"))?;
    s.headers(row + 1, &["Rep", "Scores", "Average", "Low (1-2)"])?;
    row += 2;
    for x in &m.satisfaction {
        s.text(row, 0, &x.rep)?;
        s.count(row, 1, x.count)?;
        s.hours(row, 2, x.average)?;
        s.count(row, 3, x.low)?;
        row += 1;
    }
    for (title, groups) in [
        ("Complaints by category", &m.complaints_by_category),
        ("Complaints by assignee", &m.complaints_by_assignee),
    ] {
        row += 1;
        s.bold(row, 0, &l(title))?;
        s.headers(row + 1, &["", "Open", "Overdue", "Resolved"])?;
        row += 2;
        for g in groups {
            s.text(row, 0, &g.key)?;
            s.count(row, 1, g.open)?;
            s.count(row, 2, g.overdue)?;
            s.count(row, 3, g.resolved)?;
            row += 1;
        }
    }
    row += 1;
    s.bold(row, 0, &l("Losses by reason"))?;
    row += 1;
    for (reason, n) in &m.losses_by_reason {
        s.text(row, 0, reason)?;
        s.count(row, 1, *n)?;
        row += 1;
    }
    row += 1;
    s.bold(row, 0, &l("Book by tier"))?;
    let tiers = [
        "A",
        "B",
        "C",
        "gold",
        "developing",
        "potential",
        "forgotten",
    ];
    let mut head = vec!["Rep"];
    head.extend(tiers);
    s.headers(row + 1, &head)?;
    row += 2;
    for t in &m.tiers {
        s.text(row, 0, &t.rep)?;
        for (i, k) in tiers.iter().enumerate() {
            let n = t
                .abc
                .get(*k)
                .or_else(|| t.rfm.get(*k))
                .copied()
                .unwrap_or(0);
            s.count(row, 1 + i as u16, n)?;
        }
        row += 1;
    }
    s.fit()
}

const DAILY_COLUMNS: [&str; 17] = [
    "Rep",
    "Calls",
    "Reached",
    "Connect rate",
    "Appointments due",
    "Appointments kept",
    "Stage moves",
    "Contracts sent",
    "Won",
    "Won value",
    "Complaints opened",
    "Complaints resolved",
    "Talk time (hours)",
    "Next day: on the list",
    "Must-calls",
    "Commitments",
    "Overdue",
];

fn daily_sheet(
    wb: &mut Workbook,
    r: &super::daily::DailyReport,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(wb, "Day", f)?;
    let so_far = if r.so_far {
        format!(" {}", l("so far"))
    } else {
        String::new()
    };
    s.bold(
        0,
        0,
        &format!("{} {}{so_far}", l("Daily activity report"), r.date),
    )?;
    s.text(1, 0, &format!("{} {}", l("Left for"), r.next_working_day))?;
    s.headers(3, &DAILY_COLUMNS)?;
    for (i, d) in r.reps.iter().chain(std::iter::once(&r.team)).enumerate() {
        let row = 4 + i as u32;
        s.text(row, 0, &d.rep)?;
        s.count(row, 1, d.calls)?;
        s.count(row, 2, d.reached)?;
        s.pct(row, 3, d.connect_rate)?;
        s.count(row, 4, d.appointments_due)?;
        s.count(row, 5, d.appointments_kept)?;
        s.count(row, 6, d.stage_moves)?;
        s.count(row, 7, d.contracts_sent)?;
        s.count(row, 8, d.won.count)?;
        s.money(row, 9, d.won.value_cents)?;
        s.count(row, 10, d.complaints_opened)?;
        s.count(row, 11, d.complaints_resolved)?;
        s.hours(row, 12, d.talk_time_s as f64 / 3600.0)?;
        s.count(row, 13, d.tomorrow.planned)?;
        s.count(row, 14, d.tomorrow.must_calls)?;
        s.count(row, 15, d.tomorrow.commitments)?;
        s.count(row, 16, d.tomorrow.overdue)?;
    }
    s.fit()
}

/// The daily activity report as a one-sheet workbook.
pub fn render_daily(report: &super::daily::DailyReport, config: &Config) -> Result<Vec<u8>> {
    let f = Formats::new(config);
    let mut wb = Workbook::new();
    let built = daily_sheet(&mut wb, report, &f).and_then(|_| wb.save_to_buffer());
    built.map_err(|e| Error::invalid(format!("cannot build the workbook: {e}")))
}
