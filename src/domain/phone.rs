//! Phone numbers as people type them: "+44 7877 085110", "07877 085110" and "7877085110"
//! are one number. Matching is on digits only, with the trunk 0 and a country code set aside.

/// The query's digits when it reads as (part of) a phone number: only digits, spaces and
/// `+ - ( ) .`, with at least four digits. `None` for anything else (a name).
pub fn phone_query(query: &str) -> Option<String> {
    let query = query.trim();
    if !query
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return None;
    }
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 4).then_some(digits)
}

/// A stored number's digits without the trunk or international prefix zeros.
fn national(digits: &str) -> &str {
    digits.trim_start_matches('0')
}

/// Whether `stored` (the digits of a stored number) holds the number typed as `query`
/// (digits from `phone_query`): the same digits in a row, the query's trunk 0 ignored, and
/// a country code (1 to 3 digits) at the front of either side allowed.
pub fn phone_matches(stored: &str, query: &str) -> bool {
    let stored = national(stored);
    let query = national(query);
    if query.is_empty() {
        return false;
    }
    if stored.contains(query) {
        return true;
    }
    // "+44 7877 085110" typed for a stored "07877 085110": drop the query's country code.
    (1..=3).any(|n| {
        query.len() > n + 5 && query.is_char_boundary(n) && stored.starts_with(&query[n..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number_however_it_is_written() {
        for stored in [
            "447877085110",
            "07877085110",
            "7877085110",
            "00447877085110",
        ] {
            for typed in [
                "+44 7877 085110",
                "07877085110",
                "07877 085110",
                "7877085",
                "(0)7877-085110",
                "0044 7877 085110",
            ] {
                let q = phone_query(typed).unwrap();
                assert!(phone_matches(stored, &q), "{typed} should find {stored}");
            }
        }
    }

    #[test]
    fn other_numbers_and_names_do_not_match() {
        let q = phone_query("+44 7877 085111").unwrap();
        assert!(!phone_matches("447877085110", &q));
        assert!(!phone_matches("07877085110", &q));
        assert_eq!(phone_query("Acme 7877"), None, "a name is not a number");
        assert_eq!(phone_query("123"), None, "three digits are too few");
        let q = phone_query("+1 7877").unwrap();
        assert!(
            !phone_matches("3307877", &q),
            "a short number keeps its code"
        );
    }
}
