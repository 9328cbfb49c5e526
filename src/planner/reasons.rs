//! The planner's reasons ("overdue 3d", "A: weekly") as the rep reads them. Plans are
//! stored with their reasons in English, so a list planned before a change of language
//! reads in the new one; this turns a stored reason into the current language.

use crate::i18n::{Lang, lang};
use crate::t;

/// A stored reason in the current language; one it does not know is shown as it is.
pub fn reason_text(r: &str) -> String {
    if lang() == Lang::En {
        return r.to_string();
    }
    translate(r).unwrap_or_else(|| r.to_string())
}

fn days(s: &str) -> Option<i64> {
    s.strip_suffix('d')?.parse().ok()
}

fn translate(r: &str) -> Option<String> {
    let fixed = match r {
        "due today" => Some("reason-due-today"),
        "quote sent" => Some("reason-quote-sent"),
        "hot: intends to buy" => Some("reason-hot-intends"),
        "hot: contract sent" => Some("reason-hot-contract"),
        "renewal due" => Some("reason-renewal-due"),
        "new" => Some("reason-new"),
        "birthday" => Some("reason-birthday"),
        "pinned" => Some("reason-pinned"),
        "complaint open" => Some("reason-complaint-open"),
        "complaint follow-up (回访)" => Some("reason-complaint-follow-up"),
        "won: thank-you call" => Some("reason-thank-you"),
        "care: birthday" => Some("reason-care-birthday"),
        "your date" => Some("reason-your-date"),
        "customer's date" => Some("reason-customers-date"),
        "not contacted this month" => Some("reason-not-contacted-month"),
        "added from the overflow" => Some("reason-from-overflow"),
        "never scheduled" => Some("reason-never-scheduled"),
        // The kinds the weekly summary groups skipped calls by (a reason without its number).
        "overdue" => Some("reason-kind-overdue"),
        "missed callback" => Some("reason-kind-missed-callback"),
        "callback" => Some("reason-kind-callback"),
        "scheduled" => Some("reason-kind-scheduled"),
        "not contacted" => Some("reason-kind-not-contacted"),
        "contract expired" => Some("reason-kind-contract-expired"),
        "contract ends in" => Some("reason-kind-contract-ends"),
        "birthday in" => Some("reason-kind-birthday-in"),
        "value" => Some("reason-kind-value"),
        "last contact" => Some("reason-kind-last-contact"),
        "next call" => Some("reason-kind-next-call"),
        "after-sale call:" => Some("reason-kind-after-sale"),
        "win-back: lost" => Some("reason-kind-win-back"),
        "scored" => Some("reason-kind-scored"),
        "tier A" => Some("reason-tier-a"),
        "tier B" => Some("reason-tier-b"),
        "care: contact's birthday" => Some("reason-care-contact-birthday"),
        _ => None,
    };
    if let Some(k) = fixed {
        return Some(t!(k));
    }
    if let Some(n) = r.strip_prefix("overdue ").and_then(days) {
        return Some(t!("reason-overdue", n = n));
    }
    if let Some(name) = r.strip_prefix("intent ") {
        let i = crate::domain::INTENT_NAMES
            .iter()
            .position(|x| *x == name)?;
        return Some(t!(
            "reason-intent",
            name = crate::domain::intent_name(i as u8)
        ));
    }
    if let Some(n) = r.strip_prefix("not contacted ").and_then(days) {
        return Some(t!("reason-not-contacted", n = n));
    }
    if let Some(n) = r
        .strip_prefix("contract expired ")
        .and_then(|x| x.strip_suffix(" ago"))
        .and_then(days)
    {
        return Some(t!("reason-contract-expired", n = n));
    }
    if let Some(n) = r.strip_prefix("contract ends in ").and_then(days) {
        return Some(t!("reason-contract-ends", n = n));
    }
    if let Some(v) = r.strip_prefix("value ") {
        return Some(t!("reason-value", value = v));
    }
    if let Some(n) = r.strip_prefix("birthday in ").and_then(days) {
        return Some(t!("reason-birthday-in", n = n));
    }
    if let Some(rest) = r.strip_prefix("win-back: lost ") {
        let (months, why) = match rest.split_once(" months ago") {
            Some((m, tail)) => (m.parse::<i64>().ok()?, tail.trim()),
            None => return None,
        };
        let why = why.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
        return Some(match why {
            Some(w) => t!("reason-win-back-why", months = months, why = w),
            None => t!("reason-win-back", months = months),
        });
    }
    if let Some(n) = r
        .strip_suffix(" misses")
        .or_else(|| r.strip_suffix(" miss"))
        .and_then(|n| n.parse::<i64>().ok())
    {
        return Some(t!("reason-misses", n = n));
    }
    if let Some(d) = r.strip_prefix("scheduled ") {
        return Some(t!("reason-scheduled", date = d));
    }
    if let Some(rest) = r.strip_prefix("missed callback ") {
        return Some(t!("reason-missed-callback", when = rest));
    }
    if let Some(time) = r.strip_prefix("callback ") {
        return Some(t!("reason-callback", time = time));
    }
    if let Some(label) = r.strip_prefix("after-sale call: ") {
        return Some(t!("reason-after-sale", after = period(label)?));
    }
    if let Some(festival) = r.strip_prefix("care: ") {
        return Some(t!("reason-care", festival = festival));
    }
    if let Some(n) = r
        .strip_prefix("last contact ")
        .and_then(|x| x.strip_suffix(" ago"))
        .and_then(days)
    {
        return Some(t!("reason-last-contact", n = n));
    }
    if let Some(n) = r.strip_prefix("next call ") {
        return Some(t!("reason-next-call", next = n));
    }
    if let Some((grade, every)) = r.split_once(": ")
        && grade.len() == 1
    {
        let every = match every {
            "daily" => t!("reason-daily"),
            "weekly" => t!("reason-weekly"),
            "monthly" => t!("reason-monthly"),
            other => t!(
                "reason-every",
                n = other.strip_prefix("every ").and_then(days)?
            ),
        };
        return Some(format!("{grade}: {every}"));
    }
    None
}

fn period(label: &str) -> Option<String> {
    Some(match label {
        "1 week" => t!("period-weeks", n = 1),
        "2 weeks" => t!("period-weeks", n = 2),
        "1 month" => t!("period-months", n = 1),
        "3 months" => t!("period-months", n = 3),
        "6 months" => t!("period-months", n = 6),
        other => t!(
            "period-days",
            n = other.strip_suffix(" days")?.parse::<i64>().ok()?
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::set_thread_lang;

    #[test]
    fn stored_reasons_read_in_chinese_and_stay_english() {
        let cases = [
            ("overdue 3d", "逾期3天"),
            ("A: weekly", "A: 每周"),
            ("C: every 45d", "C: 每45天"),
            ("hot: contract sent", "热：已发合同"),
            ("intent very likely", "意向 成交可能性很大"),
            ("2 misses", "未接通2次"),
            ("callback 15:00", "约定回电 15:00"),
            ("after-sale call: 1 month", "售后回访：1个月"),
            (
                "win-back: lost 4 months ago (price)",
                "挽回：4个月前流失（price）",
            ),
            ("something new", "something new"),
        ];
        set_thread_lang(Some(Lang::ZhCn));
        for (en, zh) in cases {
            assert_eq!(reason_text(en), zh, "{en}");
        }
        set_thread_lang(Some(Lang::En));
        for (en, _) in cases {
            assert_eq!(reason_text(en), en);
        }
        set_thread_lang(None);
    }
}
