//! Dates as spreadsheets and other CRMs write them.

use chrono::{Days, NaiveDate};

/// How to read an ambiguous slashed date like 03/04/2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
}

/// Parses 2026-11-23, 2026/11/23, 2026.11.23, 20261123, 2026年11月23日, 23.11.2026,
/// 23/11/2026 or 11/23/2026 (unambiguous ones by themselves, the rest by `order`), a
/// date-time (its date part) and Excel serial day numbers.
pub fn parse_date(input: &str, order: Option<DateOrder>) -> Result<NaiveDate, String> {
    let s = input.trim();
    let bad = || {
        format!(
            "cannot read '{s}' as a date: write 2026-11-23, 23.11.2026 or 11/23/2026 (with --date-order)"
        )
    };
    if s.is_empty() {
        return Err(bad());
    }
    // "2026-11-23 10:00", "2026-11-23T10:00:00Z": only the date matters here.
    let date_part = s
        .split([' ', 'T'])
        .next()
        .unwrap_or(s)
        .trim_end_matches(',');
    if let Some(serial) = excel_serial(date_part) {
        return Ok(serial);
    }
    if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(date_part, "%Y%m%d").map_err(|_| bad());
    }
    let cjk = date_part.replace(['年', '月'], "-").replace('日', "");
    let parts: Vec<&str> = cjk
        .split(['-', '/', '.'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || parts.iter().any(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let (a, b, c) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    let ymd = |y: u32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(i32::try_from(y).map_err(|_| bad())?, m, d).ok_or_else(bad)
    };
    if parts[0].len() == 4 {
        return ymd(a, b, c);
    }
    if parts[2].len() != 4 {
        return Err(bad());
    }
    // A dotted date is day first everywhere it is written.
    let dotted = cjk.contains('.');
    match (a > 12, b > 12) {
        (true, false) => ymd(c, b, a),
        (false, true) => ymd(c, a, b),
        (true, true) => Err(bad()),
        (false, false) if a == b || dotted => ymd(c, b, a),
        (false, false) => match order {
            Some(DateOrder::DayMonthYear) => ymd(c, b, a),
            Some(DateOrder::MonthDayYear) => ymd(c, a, b),
            None => Err(format!(
                "'{s}' could be day/month or month/day: pass --date-order dmy or --date-order mdy"
            )),
        },
    }
}

/// Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug included); a
/// plain number in a date column between 1 and 2958465 (9999-12-31) is one of those.
pub fn excel_serial(s: &str) -> Option<NaiveDate> {
    let days: f64 = s.parse().ok()?;
    if !(1.0..=2_958_465.0).contains(&days) || s.len() < 3 {
        return None;
    }
    from_excel_days(days)
}

pub fn from_excel_days(days: f64) -> Option<NaiveDate> {
    if !days.is_finite() || !(0.0..=2_958_465.0).contains(&days) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn common_forms() {
        let mdy = Some(DateOrder::MonthDayYear);
        let dmy = Some(DateOrder::DayMonthYear);
        let cases = [
            ("2026-11-23", None, "2026-11-23"),
            ("2026/11/23", None, "2026/11/23"),
            ("2026.11.23", None, "2026-11-23"),
            ("23.11.2026", None, "2026-11-23"),
            ("11/23/2026", None, "2026-11-23"),
            ("23/11/2026", None, "2026-11-23"),
            ("03/04/2026", mdy, "2026-03-04"),
            ("03/04/2026", dmy, "2026-04-03"),
            ("2026年11月23日", None, "2026-11-23"),
            ("20261123", None, "2026-11-23"),
            ("2026-11-23 10:30:00", None, "2026-11-23"),
            ("2026-11-23T10:30:00Z", None, "2026-11-23"),
            ("46349", None, "2026-11-23"),
            ("46349.5", None, "2026-11-23"),
        ];
        for (input, order, want) in cases {
            let want = d(&want.replace('/', "-"));
            assert_eq!(parse_date(input, order).unwrap(), want, "{input}");
        }
    }

    #[test]
    fn bad_and_ambiguous_dates_say_how_to_fix() {
        for input in [
            "",
            "soon",
            "2026-02-30",
            "31/31/2026",
            "1/2/26",
            "-5",
            "1e309",
        ] {
            assert!(parse_date(input, None).is_err(), "{input}");
        }
        let err = parse_date("03/04/2026", None).unwrap_err();
        assert!(err.contains("--date-order"), "{err}");
    }
}
