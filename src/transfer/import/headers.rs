//! What a column's header says it holds, for the exports people really have: Google
//! Contacts (old and new), Outlook, HubSpot, Salesforce (report headers and API names),
//! Pipedrive, Zoho, Odoo, LinkedIn, and Chinese CRM templates. Exact words first, then
//! the shapes of numbered and labelled columns ("Phone 2 - Value", "email_home").

use super::header_words::{ALIASES, EXPORT_HEADERS};
use super::record::Field;

pub fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '-', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header names, by exact alias or, for CJK headers, by containing one.
pub fn field_for_header(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    if let Some(f) = Field::parse(&h) {
        return Some(f);
    }
    for (field, words) in EXPORT_HEADERS.iter().chain(ALIASES) {
        if words.contains(&h.as_str()) {
            return Some(*field);
        }
    }
    if let Some(f) = by_shape(&h) {
        return Some(f);
    }
    if !h.is_ascii() {
        // "客户手机" holds "手机"; try the longest aliases first so "联系人" beats "人".
        let mut best: Option<(usize, Field)> = None;
        for (field, words) in EXPORT_HEADERS.iter().chain(ALIASES) {
            for w in words
                .iter()
                .filter(|w| !w.is_ascii() && w.chars().count() >= 2)
            {
                if h.contains(w) && best.is_none_or(|(len, _)| w.len() > len) {
                    best = Some((w.len(), *field));
                }
            }
        }
        return best.map(|(_, f)| f);
    }
    None
}

/// A header that names what kind of phone, email or address the columns beside it are:
/// Google's "Phone 1 - Type", "E-mail 2 - Label", "Address 1 - Type". Returns the stem
/// those columns' normalised headers start with ("phone 1").
pub fn label_target(header: &str) -> Option<String> {
    let h = normalise(header);
    let stem = h
        .strip_suffix(" type")
        .or_else(|| h.strip_suffix(" label"))?;
    let words: Vec<&str> = stem.split_whitespace().collect();
    let reach = words.first().is_some_and(|w| {
        matches!(
            *w,
            "phone" | "e" | "email" | "im" | "website" | "address" | "relation"
        )
    });
    let numbered = words
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
    (reach && numbered).then(|| stem.to_string())
}

/// Numbered and labelled columns: "Phone 2 - Value", "phone_work", "Work Phone 2",
/// "E-mail 3 - Value", "email_home", "Other Email", "Address 1 - Street"; never the
/// type or label column beside them, nor a fax or a flag about them.
fn by_shape(h: &str) -> Option<Field> {
    let words: Vec<&str> = h.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    if has("type") || has("label") || has("fax") || has("opt") || has("bounced") {
        return None;
    }
    let countish = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "value"
                    | "work"
                    | "home"
                    | "mobile"
                    | "cell"
                    | "other"
                    | "main"
                    | "personal"
                    | "business"
                    | "primary"
                    | "secondary"
                    | "direct"
                    | "office"
                    | "number"
                    | "private"
                    | "pager"
                    | "assistant"
                    | "company"
                    | "person"
                    | "contact"
                    | "organization"
            )
    };
    let only_qualified = |key: &[&str]| {
        words
            .iter()
            .all(|w| key.contains(w) || countish(w) || *w == "address")
    };
    if (has("phone") || has("mobile") || has("tel") || has("telephone") || has("cell"))
        && only_qualified(&["phone", "mobile", "tel", "telephone", "cell"])
    {
        return Some(Field::Phone);
    }
    if (has("email") || h.contains("e mail")) && only_qualified(&["email", "e", "mail"]) {
        return Some(Field::Email);
    }
    if words.first() == Some(&"address")
        && words.iter().any(|w| {
            matches!(
                *w,
                "formatted" | "street" | "city" | "postal" | "code" | "extended" | "po" | "box"
            )
        })
    {
        return Some(Field::Address);
    }
    if words.first() == Some(&"address") && (has("region") || has("country")) {
        return Some(Field::Region);
    }
    if words.first() == Some(&"organization") && words.last() == Some(&"name") {
        return Some(Field::Company);
    }
    if words.first() == Some(&"organization") && words.last() == Some(&"title") {
        return Some(Field::Title);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_common_exports() {
        let cases = [
            // Google Contacts, old "Google CSV" and the current export
            ("Given Name", Field::FirstName),
            ("Family Name", Field::LastName),
            ("Phone 1 - Value", Field::Phone),
            ("Phone 2 - Value", Field::Phone),
            ("E-mail 1 - Value", Field::Email),
            ("Organization 1 - Name", Field::Company),
            ("Organization Name", Field::Company),
            ("Organization Title", Field::Title),
            ("Address 1 - Formatted", Field::Address),
            ("Labels", Field::Tags),
            // Outlook
            ("E-mail Address", Field::Email),
            ("E-mail 2 Address", Field::Email),
            ("Mobile Phone", Field::Phone),
            ("Business Street", Field::Address),
            // HubSpot
            ("Record ID", Field::Id),
            ("Contact owner", Field::Owner),
            ("Deal owner", Field::Owner),
            ("Associated Company", Field::Company),
            ("Mobile Phone Number", Field::Phone),
            ("Deal Stage", Field::Stage),
            ("Street Address", Field::Address),
            ("City", Field::Address),
            ("State/Region", Field::Region),
            // Salesforce API names and report headers
            ("ACCOUNTID", Field::AccountId),
            ("STAGENAME", Field::Stage),
            ("CLOSEDATE", Field::Closed),
            ("AMOUNT", Field::Value),
            ("BILLINGSTREET", Field::Address),
            ("BILLINGCITY", Field::Address),
            ("Opportunity Owner", Field::Owner),
            ("Lead Owner", Field::Owner),
            // Pipedrive, Zoho, Odoo, LinkedIn
            ("Person - Phone", Field::Phone),
            ("Person - Phone - Mobile", Field::Phone),
            ("Person - Email - Work", Field::Email),
            ("email_from", Field::Email),
            ("parent_id", Field::Company),
            ("Organization - Name", Field::Company),
            ("Deal - Title", Field::Product),
            ("Secondary Email", Field::Email),
            ("phone_work", Field::Phone),
            ("email_home", Field::Email),
            ("Contact Email", Field::Email),
            ("partner_id", Field::Company),
            ("user_id", Field::Owner),
            ("expected_revenue", Field::Value),
            ("Email Address", Field::Email),
            ("Position", Field::Title),
            // Chinese CRM templates
            ("客户名称", Field::Company),
            ("联系人", Field::Contact),
            ("手机", Field::Phone),
            ("座机", Field::Phone),
            ("分机", Field::Extension),
            ("邮箱", Field::Email),
            ("省", Field::Region),
            ("市", Field::Region),
            ("跟进人", Field::Owner),
            ("预计成交日期", Field::Closed),
        ];
        for (h, f) in cases {
            assert_eq!(field_for_header(h), Some(f), "{h}");
        }
        for h in [
            "Phone 1 - Type",
            "E-mail 1 - Label",
            "Fax Number",
            "微信",
            "URL",
        ] {
            assert_eq!(field_for_header(h), None, "{h}");
        }
        assert_eq!(label_target("Phone 1 - Type").as_deref(), Some("phone 1"));
        assert_eq!(
            label_target("E-mail 2 - Label").as_deref(),
            Some("e mail 2")
        );
        assert_eq!(label_target("Lead Type"), None);
    }
}
