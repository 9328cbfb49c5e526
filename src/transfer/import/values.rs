//! Reading one cell's phones and emails as people type them: several in one cell, each
//! with its label or extension, and the words a column's name says about what they are.

/// Splits a phone cell into numbers and the labels written beside them:
/// "+91 98 ::: +91 97" (Google), "138…;139…", "010-1234 / 010-5678",
/// "13770672328(南)13911676175(北)". A label in brackets holds no digit; brackets with
/// digits ("(010) 1234 5678") are part of the number.
pub fn split_phones(cell: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for piece in cell
        .split([';', '；', '\n', '、', '|'])
        .flat_map(|p| p.split(":::"))
    {
        for part in split_slashes(piece) {
            out.extend(split_bracket_labels(part));
        }
    }
    out.retain(|(n, _)| !n.trim().is_empty());
    out
}

/// "010-1234 5678 / 010-8765 4321" is two numbers; "0755/8888 1234" is one.
fn split_slashes(piece: &str) -> Vec<&str> {
    let parts: Vec<&str> = piece.split(['/', ',', '，']).collect();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).count();
    if parts.len() > 1 && parts.iter().all(|p| digits(p) >= 7) {
        parts
    } else {
        vec![piece]
    }
}

fn split_bracket_labels(part: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut number = String::new();
    let mut chars = part.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '(' || c == '（' {
            let mut inner = String::new();
            let mut closed = false;
            for d in chars.by_ref() {
                if d == ')' || d == '）' {
                    closed = true;
                    break;
                }
                inner.push(d);
            }
            if closed && !inner.chars().any(|d| d.is_ascii_digit()) && !number.trim().is_empty() {
                out.push((number.trim().to_string(), inner.trim().to_string()));
                number.clear();
            } else {
                number.push('(');
                number.push_str(&inner);
                if closed {
                    number.push(')');
                }
            }
        } else {
            number.push(c);
        }
    }
    if !number.trim().is_empty() {
        out.push((number.trim().to_string(), String::new()));
    }
    out
}

/// Splits an email cell on the separators exporters put between addresses; spaces
/// separate only where the cell holds several '@', so "wei at home" stays one bad value.
pub fn split_emails(cell: &str) -> Vec<(String, String)> {
    let several = cell.matches('@').count() > 1;
    cell.split([';', '；', ',', '，', '\n', '|'])
        .flat_map(|p| p.split(":::"))
        .flat_map(|p| {
            if several {
                p.split_whitespace().collect::<Vec<_>>()
            } else {
                vec![p]
            }
        })
        .map(|p| p.trim().trim_start_matches("mailto:").to_string())
        .filter(|p| !p.is_empty())
        .map(|p| (p, String::new()))
        .collect()
}

/// "1-955-371-0847 x371", "ext. 12", "转 8021", "分机8021", "#12", and vCard 4.0's
/// ",102" become the number and its extension.
pub fn split_extension(value: &str) -> (String, String) {
    let lower = value.to_lowercase();
    const MARKS: [&str; 9] = [
        " extension",
        " ext.",
        " ext",
        "ext.",
        " x",
        "转",
        "分机",
        "#",
        ",",
    ];
    for mark in MARKS {
        if let Some(at) = lower.rfind(mark) {
            let rest = lower[at + mark.len()..]
                .trim()
                .trim_start_matches([':', '.', ' ']);
            let number = value[..at].trim();
            let digits_before = number.chars().filter(char::is_ascii_digit).count();
            if !rest.is_empty()
                && rest.len() <= 8
                && rest.chars().all(|c| c.is_ascii_digit())
                && digits_before >= 6
            {
                let number = number.trim_end_matches(['-', ' ', ',']).to_string();
                return (number, rest.to_string());
            }
        }
    }
    (value.trim().to_string(), String::new())
}

/// What a column's name or a type cell says a number or address is: "Mobile Phone
/// Number" → "mobile", "phone_work" → "work", "E-mail 2 Address" → "", "手机" → "手机".
pub fn label_words(label: &str) -> String {
    const NOISE: [&str; 15] = [
        "phone",
        "number",
        "tel",
        "telephone",
        "e",
        "mail",
        "email",
        "address",
        "value",
        "type",
        "label",
        "no",
        "contact",
        "person",
        "-",
    ];
    let spaced = label.to_lowercase().replace(['_', '-', '.', ':'], " ");
    let words: Vec<&str> = spaced
        .split_whitespace()
        .filter(|w| !NOISE.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let joined = words.join(" ");
    if joined.is_ascii() {
        joined
    } else {
        label.trim().to_string()
    }
}

/// Why a number cannot be dialled, if it cannot.
pub fn phone_problem(p: &str) -> Option<String> {
    if p.chars().any(char::is_alphabetic) {
        return Some(crate::t!("cfg-phone-holds-letters", p = p.to_string()));
    }
    if crate::domain::phone_digits(p).len() < 3 {
        return Some(crate::t!("cfg-phone-has-too-few-digits", p = p.to_string()));
    }
    None
}

/// Why an email is not an address, if it is not.
pub fn email_problem(e: &str) -> Option<String> {
    let ok = e.contains('@')
        && !e.contains(char::is_whitespace)
        && !e.starts_with('@')
        && !e.ends_with('@');
    (!ok).then(|| crate::t!("cfg-email-is-not-an-address", e = e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(cell: &str) -> Vec<(String, String)> {
        split_phones(cell)
    }

    #[test]
    fn several_numbers_in_one_cell_are_split_with_their_labels() {
        assert_eq!(
            numbers("+91 98450 12345 ::: +91 97400 54321"),
            vec![
                ("+91 98450 12345".to_string(), String::new()),
                ("+91 97400 54321".to_string(), String::new())
            ]
        );
        assert_eq!(
            numbers("13770672328(南)13911676175(北)"),
            vec![
                ("13770672328".to_string(), "南".to_string()),
                ("13911676175".to_string(), "北".to_string())
            ]
        );
        assert_eq!(numbers("(010) 6552 1234").len(), 1);
        assert_eq!(numbers("010-6552 1234 / 010-6552 4321").len(), 2);
        assert_eq!(numbers("0755/8888 1234").len(), 1);
        assert_eq!(numbers("138 0013 8000；139 0013 9000").len(), 2);
    }

    #[test]
    fn extensions_are_kept_apart_from_the_number() {
        let cases = [
            ("1-955-371-0847 x371", "1-955-371-0847", "371"),
            ("+1 418 656 9254 ext. 102", "+1 418 656 9254", "102"),
            ("010-65521234转8021", "010-65521234", "8021"),
            ("+1-418-656-9254,102", "+1-418-656-9254", "102"),
            ("+86 10 1234 5678", "+86 10 1234 5678", ""),
        ];
        for (cell, number, ext) in cases {
            assert_eq!(
                split_extension(cell),
                (number.to_string(), ext.to_string()),
                "{cell}"
            );
        }
    }

    #[test]
    fn labels_come_from_column_names() {
        assert_eq!(label_words("Mobile Phone Number"), "mobile");
        assert_eq!(label_words("phone_work"), "work");
        assert_eq!(label_words("E-mail 2 Address"), "");
        assert_eq!(label_words("Business Phone"), "business");
        assert_eq!(label_words("手机"), "手机");
        assert_eq!(split_emails("a@b.c ::: d@e.f").len(), 2);
        assert_eq!(split_emails("a@b.c d@e.f").len(), 2);
        assert_eq!(split_emails("wei at home").len(), 1);
        assert!(email_problem("not-an-email").is_some());
        assert!(phone_problem("call me").is_some());
    }
}
