//! Next-call dates as a Chinese rep types them: "明天 15:30", "周五", "下周一", "+3天",
//! "12月1日 下午3点". They are rewritten into the forms the parser already reads, so both
//! languages share one set of rules (working days, the past refused).

use chrono::{Datelike, Days, NaiveDate};

const WEEKDAYS: [(char, &str); 8] = [
    ('一', "mon"),
    ('二', "tue"),
    ('三', "wed"),
    ('四', "thu"),
    ('五', "fri"),
    ('六', "sat"),
    ('日', "sun"),
    ('天', "sun"),
];

fn weekday_index(c: char) -> Option<u64> {
    WEEKDAYS
        .iter()
        .position(|(z, _)| *z == c)
        .map(|i| i.min(6) as u64)
}

/// The input in the parser's own forms, or None when it holds no Chinese (then it is read
/// as it is).
pub fn normalise(text: &str, today: NaiveDate) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let text = text.replace(['：'], ":").replace('\u{3000}', " ");
    let text = text.trim();
    let (date_part, time) = split_time(text);
    let date_part = date_part.trim();
    let date = if date_part.is_empty() {
        String::new()
    } else {
        date_words(date_part, today)?
    };
    Some(match time {
        Some(t) if date.is_empty() => t,
        Some(t) => format!("{date} {t}"),
        None => date,
    })
}

/// Splits a trailing time ("15:30", "3点", "下午3点半", "15点30分") from the date words.
fn split_time(text: &str) -> (&str, Option<String>) {
    // "15:30" at the end, glued to the date or not.
    if let Some(colon) = text.rfind(':') {
        let start = text[..colon]
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
        let time = &text[start..];
        if start < colon
            && time[colon - start + 1..]
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            let (before, h) = with_period(&text[..start], time[..colon - start].parse().ok());
            if let Some(h) = h {
                return (before, Some(format!("{h}:{}", &time[colon - start + 1..])));
            }
        }
    }
    // "3点", "3点半", "3点30", "3点30分".
    if let Some(dian) = text.rfind('点') {
        let start = text[..dian]
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
        let hour: Option<u32> = text[start..dian].parse().ok();
        let rest = text[dian + '点'.len_utf8()..].trim_end_matches('分');
        let minute = match rest {
            "" | "整" => Some(0),
            "半" => Some(30),
            m if m.len() <= 2 && m.chars().all(|c| c.is_ascii_digit()) => m.parse().ok(),
            _ => None,
        };
        if let (Some(_), Some(m)) = (hour, minute) {
            let (before, h) = with_period(&text[..start], hour);
            if let Some(h) = h {
                return (before, Some(format!("{h}:{m:02}")));
            }
        }
    }
    (text, None)
}

/// "下午" and "晚上" move an hour before 12 to the afternoon; "中午" 12 stays noon.
fn with_period(before: &str, hour: Option<u32>) -> (&str, Option<u32>) {
    let Some(h) = hour else {
        return (before, None);
    };
    let trimmed = before.trim_end();
    for (word, pm) in [
        ("下午", true),
        ("晚上", true),
        ("傍晚", true),
        ("中午", false),
        ("上午", false),
        ("早上", false),
        ("早晨", false),
    ] {
        if let Some(rest) = trimmed.strip_suffix(word) {
            let h = if pm && h < 12 { h + 12 } else { h };
            return (rest, Some(h));
        }
    }
    (before, Some(h))
}

fn date_words(s: &str, today: NaiveDate) -> Option<String> {
    let fixed = match s {
        "今天" | "今日" => Some("today"),
        "明天" | "明日" => Some("tomorrow"),
        "后天" => Some("+2d"),
        "下周" | "下星期" | "下礼拜" => Some("w"),
        "下个月" | "下月" => Some("m"),
        _ => None,
    };
    if let Some(f) = fixed {
        return Some(f.to_string());
    }
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    for (prefix, week) in [
        ("下周", 1),
        ("下星期", 1),
        ("下礼拜", 1),
        ("本周", 0),
        ("这周", 0),
        ("周", -1),
        ("星期", -1),
        ("礼拜", -1),
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let mut chars = rest.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            let i = weekday_index(c)?;
            if week < 0 {
                // The next such day, as "fri" reads.
                return Some(WEEKDAYS[i as usize].1.to_string());
            }
            let d = monday.checked_add_days(Days::new(7 * week as u64 + i))?;
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    if let Some(offset) = offset(s) {
        return Some(offset);
    }
    month_day(s, today).map(|d| d.format("%Y-%m-%d").to_string())
}

/// "+3天", "3天后", "+2周", "+1个月", "+3个工作日".
fn offset(s: &str) -> Option<String> {
    let s = s.strip_prefix('+').unwrap_or(s);
    let s = s
        .strip_suffix("以后")
        .or_else(|| s.strip_suffix('后'))
        .unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let unit = match &s[digits.len()..] {
        "天" | "日" => "d",
        "周" | "星期" | "个星期" => "w",
        "个月" | "月" => "m",
        "个工作日" | "工作日" => "wd",
        _ => return None,
    };
    Some(format!("+{digits}{unit}"))
}

/// "12月1日", "12月1号": this year's, or next year's once this year's has passed.
fn month_day(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let s = s.strip_suffix('日').or_else(|| s.strip_suffix('号'))?;
    let (m, d) = s.split_once('月')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
    if this >= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, m, d)
    }
}
