//! The one parser for next-call dates and quick picks, and for money typed by people.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Weekday};

use crate::clock::{Calendar, Clock};
use crate::domain::NextCall;
use crate::error::{Error, Result};

/// The forms the parser reads, for its error messages, in the current language.
fn forms() -> String {
    crate::t!("when-forms")
}

/// Parses a next-call date as a rep types it: "+3d", "fri", "tomorrow 15:30", "2026-12-01",
/// "15:30" (today), "3" (three working days). A time makes it an appointment. Dates and
/// times in the past are refused.
pub fn parse_next_call(input: &str, clock: &Clock, cal: &Calendar) -> Result<NextCall> {
    let text = input.trim().to_lowercase();
    if text.is_empty() {
        return Err(Error::invalid(crate::t!("when-empty", forms = forms())));
    }
    let today = clock.today();
    // Chinese forms ("明天 15:30", "下周一", "+3天") become the forms read below.
    let text = match super::when_zh::normalise(&text, today) {
        Some(t) => t,
        None if text.is_ascii() => text,
        None => {
            return Err(Error::invalid(crate::t!(
                "when-unreadable",
                input = input.trim(),
                forms = forms()
            )));
        }
    };
    // "2026-12-01T15:30" and "2026-12-01 15:30" both split into date and time.
    let normalised = text.replacen('t', " ", usize::from(looks_iso_datetime(&text)));
    let mut words: Vec<&str> = normalised.split_whitespace().collect();
    let time = match words.last().and_then(|w| parse_time(w)) {
        Some(t) => {
            words.pop();
            Some(t)
        }
        None => None,
    };
    let date_text = words.join(" ");
    let date = if date_text.is_empty() {
        today
    } else {
        parse_date_words(&date_text, today, cal).ok_or_else(|| {
            Error::invalid(crate::t!(
                "when-unreadable",
                input = input.trim(),
                forms = forms()
            ))
        })?
    };
    let date = crate::clock::check_day(date, "the next call")?;
    if date < today {
        return Err(Error::invalid(crate::t!(
            "when-past-day",
            input = input.trim(),
            today = today.to_string()
        )));
    }
    if let Some(t) = time
        && date == today
        && t <= clock.local_now().time()
    {
        return Err(Error::invalid(crate::t!(
            "when-past-time",
            input = input.trim(),
            now = clock.local_now().format("%H:%M").to_string()
        )));
    }
    Ok(NextCall { date, time })
}

fn looks_iso_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 11 && b[4] == b'-' && b[7] == b'-' && b[10] == b't'
}

fn parse_time(w: &str) -> Option<NaiveTime> {
    let (h, m) = w.split_once(':')?;
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if m >= 60 || h >= 24 || w.len() > 5 {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

fn parse_date_words(s: &str, today: NaiveDate, cal: &Calendar) -> Option<NaiveDate> {
    match s {
        "t" | "today" => return Some(today),
        "tomorrow" | "tmr" | "tmrw" => return today.checked_add_days(Days::new(1)),
        "w" | "next week" => {
            let to_monday = 7 - today.weekday().num_days_from_monday() as u64;
            return Some(cal.roll_forward(today.checked_add_days(Days::new(to_monday))?));
        }
        "m" | "next month" => {
            return Some(cal.roll_forward(today.checked_add_months(Months::new(1))?));
        }
        _ => {}
    }
    if let Some(rest) = s.strip_prefix('+') {
        return parse_offset(rest.trim(), today, cal);
    }
    if !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()) {
        let n: u32 = s.parse().ok()?;
        return Some(cal.add_working_days(today, n));
    }
    let day_name = s.strip_prefix("next ").unwrap_or(s);
    if let Some(wd) = parse_weekday(day_name) {
        let ahead = (7 + wd.num_days_from_monday() as i64
            - today.weekday().num_days_from_monday() as i64)
            % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today.checked_add_days(Days::new(ahead as u64));
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

fn parse_offset(s: &str, today: NaiveDate, cal: &Calendar) -> Option<NaiveDate> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let n: u32 = digits.parse().ok()?;
    if n > 3660 {
        return None;
    }
    match &s[digits.len()..] {
        "" | "wd" => Some(cal.add_working_days(today, n)),
        "d" => today.checked_add_days(Days::new(n as u64)),
        "w" => today.checked_add_days(Days::new(7 * n as u64)),
        "m" => today.checked_add_months(Months::new(n)),
        _ => None,
    }
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    let full = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    full.into_iter()
        .find(|(name, _)| s.len() >= 3 && name.starts_with(s))
        .map(|(_, wd)| wd)
}

/// Money as people write it: "1234", "¥1,234.50", "1.234,50 €", "12 000". Returns cents.
pub fn parse_money(input: &str) -> Result<i64> {
    let bad = || Error::invalid(crate::t!("money-unreadable", input = input.trim()));
    let s: String = input
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .collect();
    if s.is_empty()
        || input
            .chars()
            .any(|c| c.is_ascii_alphabetic() && !"EURUSDCNYRMBeurusdcnyrmb".contains(c))
    {
        return Err(bad());
    }
    if s.starts_with('-') {
        return Err(Error::invalid(crate::t!(
            "money-negative",
            input = input.trim()
        )));
    }
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    // The decimal separator is the last of '.' or ',' when two or fewer digits follow it.
    let decimal_at = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(p), None) | (None, Some(p)) => {
            let after = s.len() - p - 1;
            let count = s.matches(s.as_bytes()[p] as char).count();
            (after <= 2 && count == 1).then_some(p)
        }
        (None, None) => None,
    };
    let (int_part, frac_part) = match decimal_at {
        Some(p) => (&s[..p], &s[p + 1..]),
        None => (&s[..], ""),
    };
    let int_digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if frac_part.len() > 2 || frac_part.chars().any(|c| !c.is_ascii_digit()) {
        return Err(bad());
    }
    let units: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().map_err(|_| bad())?
    };
    let frac: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac_part.parse().map_err(|_| bad())?,
    };
    units
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac))
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        // Thursday 2026-11-26, 10:00.
        Clock::parse("2026-11-26T10:00:00+08:00").unwrap()
    }

    fn cal() -> Calendar {
        Calendar::new(
            vec![Weekday::Sat, Weekday::Sun],
            [NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()]
                .into_iter()
                .collect(),
        )
    }

    fn p(s: &str) -> Result<String> {
        parse_next_call(s, &clock(), &cal()).map(|n| n.to_string())
    }

    #[test]
    fn quick_picks_and_dates() {
        let cases = [
            ("today", "2026-11-26"),
            ("t", "2026-11-26"),
            ("tomorrow", "2026-11-27"),
            ("tomorrow 15:30", "2026-11-27T15:30"),
            ("+3d", "2026-11-29"),
            ("+2w", "2026-12-10"),
            ("+1m", "2026-12-26"),
            ("3", "2026-12-01"),
            ("+1", "2026-11-27"),
            ("fri", "2026-11-27"),
            ("thu", "2026-12-03"),
            ("next monday 9:00", "2026-11-30T09:00"),
            ("w", "2026-11-30"),
            ("2026-12-01", "2026-12-01"),
            ("2026-12-01T15:30", "2026-12-01T15:30"),
            ("2026/12/01 08:05", "2026-12-01T08:05"),
            ("15:30", "2026-11-26T15:30"),
            ("  FRI  ", "2026-11-27"),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).unwrap(), want, "input {input:?}");
        }
    }

    #[test]
    fn bad_and_past_dates_are_refused_with_the_fix() {
        for input in ["", "someday", "2026-02-30", "+3x", "25:00", "frid4y"] {
            let err = p(input).unwrap_err().to_string();
            assert!(err.contains("write"), "{input:?}: {err}");
        }
        let err = p("2026-11-25").unwrap_err().to_string();
        assert!(err.contains("in the past"), "{err}");
        let err = p("09:00").unwrap_err().to_string();
        assert!(err.contains("in the past"), "{err}");
    }

    #[test]
    fn chinese_quick_picks_and_dates() {
        // Thursday 2026-11-26, 10:00.
        let cases = [
            ("今天", "2026-11-26"),
            ("明天", "2026-11-27"),
            ("明天 15:30", "2026-11-27T15:30"),
            ("明天15:30", "2026-11-27T15:30"),
            ("明天 15：30", "2026-11-27T15:30"),
            ("后天", "2026-11-28"),
            ("周五", "2026-11-27"),
            ("星期四", "2026-12-03"),
            ("周日", "2026-11-29"),
            ("下周一", "2026-11-30"),
            ("下周五 9:00", "2026-12-04T09:00"),
            ("下星期三", "2026-12-02"),
            ("本周六", "2026-11-28"),
            ("下周", "2026-11-30"),
            ("下个月", "2026-12-28"),
            ("+3天", "2026-11-29"),
            ("3天后", "2026-11-29"),
            ("+2周", "2026-12-10"),
            ("+1个月", "2026-12-26"),
            ("+3个工作日", "2026-12-01"),
            ("12月1日", "2026-12-01"),
            ("12月1号 14:00", "2026-12-01T14:00"),
            ("1月5日", "2027-01-05"),
            ("明天下午3点", "2026-11-27T15:00"),
            ("明天 上午9点半", "2026-11-27T09:30"),
            ("周五 15点30分", "2026-11-27T15:30"),
            ("下午4点", "2026-11-26T16:00"),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).unwrap(), want, "input {input:?}");
        }
    }

    #[test]
    fn chinese_forms_that_cannot_be_read_or_are_past_are_refused() {
        for input in ["某天", "周八", "+3年", "13月1日", "明天 25:00"] {
            assert!(p(input).is_err(), "{input:?}");
        }
        let err = p("本周三").unwrap_err().to_string();
        assert!(err.contains("in the past"), "{err}");
        let err = p("上午9点").unwrap_err().to_string();
        assert!(err.contains("in the past"), "{err}");
    }

    #[test]
    fn money_in_common_forms() {
        let cases = [
            ("1234", 123_400),
            ("¥1,234.50", 123_450),
            ("1.234,50 €", 123_450),
            ("12 000", 1_200_000),
            ("1,234,567", 123_456_700),
            ("0.5", 50),
            ("$ 99.99", 9_999),
        ];
        for (input, want) in cases {
            assert_eq!(parse_money(input).unwrap(), want, "{input}");
        }
        for input in ["", "abc", "-5", "1.2.3,456", "99999999999999999999"] {
            assert!(parse_money(input).is_err(), "{input}");
        }
    }
}
