//! Dates and money as each language writes them.

use chrono::{Datelike, NaiveDate};

use super::{Lang, lang};

const ZH_WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

fn zh_weekday(d: NaiveDate) -> &'static str {
    ZH_WEEKDAYS[d.weekday().num_days_from_monday() as usize]
}

/// "Tue 24 Nov" / "11月24日 周二".
pub fn weekday_day_month(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.format("%a %d %b").to_string(),
        Lang::ZhCn => format!("{}月{}日 {}", d.month(), d.day(), zh_weekday(d)),
    }
}

/// "Tue 2026-11-24" / "2026-11-24 周二".
pub fn weekday_date(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.format("%a %Y-%m-%d").to_string(),
        Lang::ZhCn => format!("{} {}", d.format("%Y-%m-%d"), zh_weekday(d)),
    }
}

/// "24 Nov" / "11月24日".
pub fn day_month(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.format("%d %b").to_string(),
        Lang::ZhCn => format!("{}月{}日", d.month(), d.day()),
    }
}

/// "Nov 24" as a short heading / "11月24日".
pub fn month_day(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.format("%b %d").to_string(),
        Lang::ZhCn => format!("{}月{}日", d.month(), d.day()),
    }
}

fn grouped(units: u64) -> String {
    let units = units.to_string();
    let mut out = String::new();
    for (i, ch) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Money in full: "¥83,000.00" in English; Chinese leaves out ".00" ("¥83,000").
pub fn money(cents: i64, symbol: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let units = grouped(abs / 100);
    match lang() {
        Lang::ZhCn if abs.is_multiple_of(100) => format!("{sign}{symbol}{units}"),
        _ => format!("{sign}{symbol}{units}.{:02}", abs % 100),
    }
}

/// Money for a narrow column: "¥83k", "¥1.2m" / "¥8.3万", "¥1.2亿".
pub fn money_short(cents: i64, symbol: &str) -> String {
    let units = cents / 100;
    match lang() {
        Lang::En => {
            if units >= 1_000_000 {
                format!("{symbol}{:.1}m", units as f64 / 1_000_000.0)
            } else if units >= 1000 {
                format!("{symbol}{}k", units / 1000)
            } else {
                money(cents, symbol)
            }
        }
        Lang::ZhCn => {
            let tenths = |n: f64| {
                let s = format!("{n:.1}");
                s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
            };
            if units >= 100_000_000 {
                format!("{symbol}{}亿", tenths(units as f64 / 100_000_000.0))
            } else if units >= 10_000 {
                format!("{symbol}{}万", tenths(units as f64 / 10_000.0))
            } else {
                money(cents, symbol)
            }
        }
    }
}

/// "November 2026" / "2026年11月".
pub fn month_year(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.format("%B %Y").to_string(),
        Lang::ZhCn => format!("{}年{}月", d.year(), d.month()),
    }
}

/// "Q4 2026" / "2026年第4季度".
pub fn quarter(d: NaiveDate) -> String {
    let q = d.month0() / 3 + 1;
    match lang() {
        Lang::En => format!("Q{q} {}", d.year()),
        Lang::ZhCn => format!("{}年第{q}季度", d.year()),
    }
}

/// A stored "November 2026" in the current language (as it is when it does not read).
pub fn month_label(label: &str) -> String {
    match NaiveDate::parse_from_str(&format!("1 {label}"), "%d %B %Y") {
        Ok(d) => month_year(d),
        Err(_) => label.to_string(),
    }
}

/// A stored "Q4 2026" in the current language (as it is when it does not read).
pub fn quarter_label(label: &str) -> String {
    let parsed = label
        .strip_prefix('Q')
        .and_then(|r| r.split_once(' '))
        .and_then(|(q, y)| {
            let q: u32 = q.parse().ok()?;
            NaiveDate::from_ymd_opt(y.parse().ok()?, (q.clamp(1, 4) - 1) * 3 + 1, 1)
        });
    parsed.map_or_else(|| label.to_string(), quarter)
}
