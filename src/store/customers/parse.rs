//! The store's own date and time texts read without chrono's format parsers, which were a
//! good part of reading a book for planning; anything else goes to those parsers, so
//! the result is always theirs.

use chrono::{DateTime, NaiveDate, Utc};

use super::super::{parse_day, parse_ts};

/// The digits of `s` at `range` as a number, if they are all ASCII digits.
fn digits(s: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    s.get(range)?.iter().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `parse_day`, without the format parser for the "YYYY-MM-DD" the store writes.
pub(crate) fn fast_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(b, 0..4), digits(b, 5..7), digits(b, 8..10))
    {
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    parse_day(s)
}

/// `parse_hm`, without the format parser for the "HH:MM" the store writes.
pub(super) fn fast_hm(s: &str) -> Option<chrono::NaiveTime> {
    let b = s.as_bytes();
    if b.len() == 5
        && b[2] == b':'
        && let (Some(h), Some(m)) = (digits(b, 0..2), digits(b, 3..5))
    {
        return chrono::NaiveTime::from_hms_opt(h, m, 0);
    }
    super::super::parse_hm(s)
}

/// `parse_ts`, without the RFC 3339 parser for the "YYYY-MM-DDTHH:MM:SSZ" the store
/// writes (a leap second goes the long way).
pub(super) fn fast_ts(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() == 20
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
        && let (Some(day), Some(h), Some(m), Some(sec)) = (
            fast_day_exact(&s[..10]),
            digits(b, 11..13),
            digits(b, 14..16),
            digits(b, 17..19),
        )
        && sec < 60
    {
        return day.and_hms_opt(h, m, sec).map(|t| t.and_utc());
    }
    parse_ts(s)
}

/// A "YYYY-MM-DD" date, or None for anything else.
fn fast_day_exact(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        NaiveDate::from_ymd_opt(digits(b, 0..4)? as i32, digits(b, 5..7)?, digits(b, 8..10)?)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_readers_agree_with_the_format_parsers() {
        for s in [
            "2026-11-26",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "0000-01-01",
            "2026-1-05",
            "26-11-2026",
            "2026/11/26",
            "",
            "2026-11-2x",
        ] {
            assert_eq!(fast_day(s), parse_day(s), "{s}");
        }
        for s in ["09:30", "23:59", "24:00", "12:60", "9:30", "09-30", "ab:cd"] {
            assert_eq!(fast_hm(s), super::super::super::parse_hm(s), "{s}");
        }
        for s in [
            "2026-11-26T01:02:03Z",
            "2026-11-26T23:59:59Z",
            "2026-06-30T23:59:60Z",
            "2026-11-26T24:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-26t01:02:03z",
            "2026-11-26T01:02:03+08:00",
            "2026-11-26 01:02:03Z",
            "2026-11-26T01:02Z",
        ] {
            assert_eq!(fast_ts(s), parse_ts(s), "{s}");
        }
        assert!(fast_ts("2026-11-26T01:02:03Z").is_some());
    }
}
