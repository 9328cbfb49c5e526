//! The clock and the working-day calendar. One clock for the whole program, fixed by
//! `CALLDECK_NOW` (RFC 3339) in tests and demos. Call timestamps are stored in UTC; days
//! and appointment times are local to the clock's offset.

use std::collections::BTreeSet;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday,
};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    now: DateTime<FixedOffset>,
    zone: Zone,
}

/// How local wall time maps to UTC: the system's time zone (daylight saving included), or
/// the fixed offset `CALLDECK_NOW` was given with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    System,
    Fixed,
}

impl Clock {
    /// `CALLDECK_NOW` if set, else the system clock in the local offset.
    pub fn from_env() -> Result<Clock> {
        match std::env::var("CALLDECK_NOW") {
            Ok(s) if !s.trim().is_empty() => Clock::parse(s.trim()),
            _ => Ok(Clock {
                now: Local::now().fixed_offset(),
                zone: Zone::System,
            }),
        }
    }

    pub fn parse(s: &str) -> Result<Clock> {
        let now = DateTime::parse_from_rfc3339(s).map_err(|_| {
            Error::invalid(crate::t!(
                "err-calldeck-now-is-not-an-rfc",
                s = s.to_string()
            ))
        })?;
        // Ten years of room after the clock for next calls, contracts and plans it makes.
        let year = now.date_naive().year();
        if !(1900..=9989).contains(&year) {
            return Err(Error::invalid(crate::t!(
                "err-calldeck-now-is-out-of-range",
                s = s.to_string()
            )));
        }
        Ok(Clock {
            now,
            zone: Zone::Fixed,
        })
    }

    pub fn at(now: DateTime<FixedOffset>) -> Clock {
        Clock {
            now,
            zone: Zone::Fixed,
        }
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    pub fn now_utc(&self) -> DateTime<Utc> {
        self.now.with_timezone(&Utc)
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    pub fn local_now(&self) -> NaiveDateTime {
        self.now.naive_local()
    }

    pub fn offset(&self) -> FixedOffset {
        *self.now.offset()
    }

    /// A stored UTC timestamp as local wall time (with the offset of that day when the
    /// system's zone keeps daylight saving).
    pub fn to_local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        match self.zone {
            Zone::System => at.with_timezone(&Local).naive_local(),
            Zone::Fixed => at.with_timezone(&self.offset()).naive_local(),
        }
    }

    /// A local wall time as UTC, for storing and for a day's bounds.
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let fixed = || {
            DateTime::<Utc>::from_naive_utc_and_offset(
                local - chrono::Duration::seconds(self.offset().local_minus_utc() as i64),
                Utc,
            )
        };
        match self.zone {
            // A wall time skipped by a spring-forward change has no instant: use today's offset.
            Zone::System => Local
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(fixed),
            Zone::Fixed => fixed(),
        }
    }

    /// The same clock moved to another local time (used by the demo and the simulation).
    pub fn with_local(&self, local: NaiveDateTime) -> Clock {
        let utc = self.to_utc(local);
        let now = match self.zone {
            Zone::System => utc.with_timezone(&Local).fixed_offset(),
            Zone::Fixed => utc.with_timezone(&self.offset()),
        };
        Clock {
            now,
            zone: self.zone,
        }
    }
}

/// Dates are stored as YYYY-MM-DD text and compared as text, which orders them only while
/// the year has four digits: every date a user gives is kept inside these bounds.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN)
}

pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The most days a count given by a user (`calendar --days`, "+Nd") may span: ten years.
pub const MAX_DAYS: u32 = 3660;

/// `d` if it lies in years 1 to 9999, else a one-line error naming `what`.
pub fn check_day(d: NaiveDate, what: &str) -> Result<NaiveDate> {
    if d < first_day() || d > last_day() {
        return Err(Error::invalid(crate::t!(
            "err-is-out-of-range-calldeck-keeps",
            what = what.to_string(),
            d = d.to_string()
        )));
    }
    Ok(d)
}

/// Weekend days and holidays: which days are working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    weekend: Vec<Weekday>,
    holidays: BTreeSet<NaiveDate>,
    /// Weekend days that are working days (make-up days).
    workdays: BTreeSet<NaiveDate>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::new(vec![Weekday::Sat, Weekday::Sun], BTreeSet::new())
    }
}

impl Calendar {
    pub fn new(weekend: Vec<Weekday>, holidays: BTreeSet<NaiveDate>) -> Calendar {
        // An all-weekend calendar would make every search for a working day endless;
        // config validation refuses it, and this keeps the type safe on its own.
        let weekend = if weekend.len() >= 7 {
            Vec::new()
        } else {
            weekend
        };
        Calendar {
            weekend,
            holidays,
            workdays: BTreeSet::new(),
        }
    }

    /// The same calendar with these make-up working days (a holiday on the same date wins).
    pub fn with_workdays(mut self, workdays: BTreeSet<NaiveDate>) -> Calendar {
        self.workdays = workdays;
        self
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.holidays.contains(&d) {
            return false;
        }
        self.workdays.contains(&d) || !self.weekend.contains(&d.weekday())
    }

    /// `d` if it is a working day, else the next one.
    pub fn roll_forward(&self, mut d: NaiveDate) -> NaiveDate {
        // Bounded: at most 6 weekend days a week and finitely many holidays.
        for _ in 0..4000 {
            if self.is_working_day(d) {
                return d;
            }
            d = d + Days::new(1);
        }
        d
    }

    /// The `n`th working day after `d` (n = 0: `d` rolled forward).
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        for _ in 0..n {
            day = self.roll_forward(day + Days::new(1));
        }
        if n == 0 { self.roll_forward(day) } else { day }
    }

    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        self.add_working_days(d, 1)
    }

    /// The working day before `d`.
    pub fn previous_working_day(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d - Days::new(1);
        for _ in 0..4000 {
            if self.is_working_day(day) {
                break;
            }
            day = day - Days::new(1);
        }
        day
    }

    /// Working days in `from..=to`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// Working days from `d` (included) to the end of its month.
    pub fn working_days_left_in_month(&self, d: NaiveDate) -> u32 {
        self.working_days_between(d, last_of_month(d))
    }
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists in every month")
}

pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = first_of_month(d);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("dates in range");
    next - Days::new(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal() -> Calendar {
        Calendar::new(
            vec![Weekday::Sat, Weekday::Sun],
            [d("2026-12-25")].into_iter().collect(),
        )
    }

    #[test]
    fn working_day_arithmetic_skips_weekends_and_holidays() {
        let c = cal();
        // Thu 2026-12-24 + 1 working day skips Fri 25 (holiday), Sat, Sun.
        assert_eq!(c.add_working_days(d("2026-12-24"), 1), d("2026-12-28"));
        // Fri 2026-11-27 + 3 working days = Wed 2026-12-02.
        assert_eq!(c.add_working_days(d("2026-11-27"), 3), d("2026-12-02"));
        assert_eq!(c.roll_forward(d("2026-11-28")), d("2026-11-30"));
        assert_eq!(c.add_working_days(d("2026-11-28"), 0), d("2026-11-30"));
        assert_eq!(c.previous_working_day(d("2026-11-30")), d("2026-11-27"));
    }

    #[test]
    fn working_days_left_counts_today_and_holidays() {
        let c = cal();
        // December 2026 from the 21st: 21,22,23,24,(25 holiday),28,29,30,31 = 8.
        assert_eq!(c.working_days_left_in_month(d("2026-12-21")), 8);
        assert_eq!(c.working_days_left_in_month(d("2026-12-31")), 1);
        // A Saturday at month end: none left.
        assert_eq!(c.working_days_left_in_month(d("2026-10-31")), 0);
    }

    #[test]
    fn clock_parses_rfc3339_and_converts() {
        let c = Clock::parse("2026-11-23T09:30:00+08:00").unwrap();
        assert_eq!(c.today(), d("2026-11-23"));
        assert_eq!(c.now_utc().to_rfc3339(), "2026-11-23T01:30:00+00:00");
        assert_eq!(c.to_local(c.now_utc()), c.local_now());
        assert!(Clock::parse("tomorrow").is_err());
    }

    #[test]
    fn dates_past_four_digit_years_are_refused_with_the_bounds() {
        let err = Clock::parse("9999-12-31T09:00:00Z")
            .unwrap_err()
            .to_string();
        assert!(err.contains("out of range"), "{err}");
        assert!(Clock::parse("9989-06-01T09:00:00Z").is_ok());
        let err = check_day(d("+10000-01-01"), "the day")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "the day +10000-01-01 is out of range: calldeck keeps dates from 0001-01-01 to 9999-12-31"
        );
        assert_eq!(check_day(d("9999-12-31"), "x").unwrap(), last_day());
        assert!(check_day(d("-0001-12-31"), "x").is_err());
    }
}
