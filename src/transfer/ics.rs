//! `calldeck calendar`: the rep's next calls as an RFC 5545 iCalendar file that Google
//! Calendar, Outlook and Apple Calendar import. Appointments (a next call with a time) are
//! timed events with the customer's phone in the description; the date-only next calls of a
//! day are one all-day summary event ("14 calls planned", the names in its description), so
//! a rep's calendar shows the day's load instead of a wall of all-day events. A customer has
//! one next call at a time, so an appointment's UID is the customer's and a day's summary
//! UID is the day's: importing a newer file moves or updates events instead of adding more.

use chrono::{DateTime, Days, Duration, Utc};

use crate::clock::Clock;
use crate::config::Config;
use crate::store::Customer;

/// How long an appointment blocks in the calendar.
pub const APPOINTMENT_MINUTES: i64 = 15;

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line to at most 75 octets per physical line (continuations start with
/// a space), never splitting a UTF-8 character, and ends it with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Which next calls become events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarEvents {
    /// Appointments as timed events, the other next calls as one summary event per day.
    WithDaySummaries,
    /// Only the appointments.
    AppointmentsOnly,
}

/// How many names a day's summary event lists before "and N more".
const SUMMARY_NAMES: usize = 30;

/// The iCalendar document for `customers`' next calls.
pub fn calendar(
    customers: &[Customer],
    config: &Config,
    clock: &Clock,
    events: CalendarEvents,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//calldeck//calldeck//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "X-WR-CALNAME:calldeck calls".into(),
    ];
    let stamp = utc_stamp(clock.now_utc());
    let mut days: std::collections::BTreeMap<chrono::NaiveDate, Vec<String>> =
        std::collections::BTreeMap::new();
    for c in customers {
        let Some(next) = c.state.next_call else {
            continue;
        };
        let Some(time) = next.time else {
            if events == CalendarEvents::WithDaySummaries {
                days.entry(next.date).or_default().push(label(c));
            }
            continue;
        };
        let who = label(c);
        let phone = c.primary_phone();
        let phone_text = if phone.is_empty() {
            crate::t!("ics-none")
        } else {
            phone.to_string()
        };
        let mut description = crate::t!("ics-phone", phone = phone_text);
        let contact = c.contacts.iter().find(|k| k.primary).or(c.contacts.first());
        if let Some(k) = contact.filter(|k| !k.name.is_empty()) {
            description.push('\n');
            description.push_str(&crate::t!("ics-contact", name = &k.name));
        }
        for line in [
            crate::t!(
                "ics-stage",
                stage = c.state.stage,
                name = config.stage_label(c.state.stage).to_string()
            ),
            crate::t!("ics-grade", grade = c.state.grade.as_str()),
            crate::t!("ics-customer", id = c.id),
        ] {
            description.push('\n');
            description.push_str(&line);
        }
        if !c.notes.trim().is_empty() {
            description.push('\n');
            description.push_str(&crate::t!("ics-notes", notes = c.notes.trim()));
        }
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:calldeck-{}@calldeck", c.id));
        lines.push(format!("DTSTAMP:{stamp}"));
        let start = clock.to_utc(next.date.and_time(time));
        lines.push(format!("DTSTART:{}", utc_stamp(start)));
        lines.push(format!(
            "DTEND:{}",
            utc_stamp(start + Duration::minutes(APPOINTMENT_MINUTES))
        ));
        lines.push(format!(
            "SUMMARY:{}",
            escape_text(&crate::t!("ics-call", who = who))
        ));
        lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
        if !phone.is_empty() {
            let digits: String = phone
                .chars()
                .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                .collect();
            lines.push(format!("URL:tel:{digits}"));
        }
        lines.push("END:VEVENT".into());
    }
    for (date, names) in days {
        let count = names.len();
        let mut description = names
            .iter()
            .take(SUMMARY_NAMES)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n");
        if count > SUMMARY_NAMES {
            description.push('\n');
            description.push_str(&crate::t!("ics-more", n = count - SUMMARY_NAMES));
        }
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:calldeck-day-{}@calldeck",
            date.format("%Y%m%d")
        ));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
        let end = date + Days::new(1);
        lines.push(format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        lines.push(format!(
            "SUMMARY:{}",
            escape_text(&crate::t!("ics-day-summary", n = count))
        ));
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

/// A customer as a calendar names them: "name (company)", or the name alone.
fn label(c: &Customer) -> String {
    if c.company.is_empty() || c.company == c.name {
        c.name.clone()
    } else {
        format!("{} ({})", c.name, c.company)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "华".repeat(60));
        let folded = fold_line(&line);
        assert!(folded.ends_with("\r\n"));
        for physical in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold_line("SHORT"), "SHORT\r\n");
    }
}
