//! Finding the customer a row already is: same phone (digits, with or without the
//! country code or trunk zero), same email (case-folded), or same company name
//! (trimmed, case- and width-folded).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

pub use crate::domain::{company_key, phone_key};

pub fn email_key(email: &str) -> Option<String> {
    let e = email.trim();
    (e.contains('@')).then(|| e.to_lowercase())
}

/// The duplicate keys of the book and the file, kept up to date as rows are added. Keys
/// are held as 64-bit hashes in one map, so a million customers' phones, emails and
/// companies take tens of megabytes rather than hundreds; two different keys sharing a
/// hash is a chance of about one in ten million at that size.
#[derive(Debug, Default)]
pub struct DuplicateIndex {
    keys: HashMap<u64, i64>,
}

#[derive(Clone, Copy)]
enum Key {
    Phone,
    Email,
    Company,
}

fn hashed(kind: Key, key: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (kind as u8).hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

impl DuplicateIndex {
    pub fn from_store(tx: &crate::store::Transaction) -> crate::Result<DuplicateIndex> {
        let mut contacts = DuplicateIndex::default();
        let mut companies = DuplicateIndex::default();
        crate::store::import::each_match_key(
            tx,
            |id, digits, email| contacts.add(id, &[digits], &[email], ""),
            |id, company| companies.add(id, &[], &[], company),
        )?;
        contacts.keys.extend(companies.keys);
        Ok(contacts)
    }

    pub fn add(&mut self, id: i64, phones: &[&str], emails: &[&str], company: &str) {
        for p in phones.iter().filter_map(|p| phone_key(p)) {
            self.keys.entry(hashed(Key::Phone, &p)).or_insert(id);
        }
        for e in emails.iter().filter_map(|e| email_key(e)) {
            self.keys.entry(hashed(Key::Email, &e)).or_insert(id);
        }
        if let Some(c) = company_key(company) {
            self.keys.entry(hashed(Key::Company, &c)).or_insert(id);
        }
    }

    fn get(&self, kind: Key, key: Option<String>) -> Option<i64> {
        key.and_then(|k| self.keys.get(&hashed(kind, &k)).copied())
    }

    /// The customer matching any of the keys, what matched and the value that did.
    pub fn find(
        &self,
        phones: &[&str],
        emails: &[&str],
        company: &str,
    ) -> Option<(i64, &'static str, String)> {
        let found = |id: i64, kind, value: &str| (id, kind, value.trim().to_string());
        phones
            .iter()
            .find_map(|p| {
                self.get(Key::Phone, phone_key(p))
                    .map(|id| found(id, "phone", p))
            })
            .or_else(|| {
                emails.iter().find_map(|e| {
                    self.get(Key::Email, email_key(e))
                        .map(|id| found(id, "email", e))
                })
            })
            .or_else(|| {
                self.get(Key::Company, company_key(company))
                    .map(|id| found(id, "company", company))
            })
    }

    pub fn company(&self, company: &str) -> Option<i64> {
        self.get(Key::Company, company_key(company))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_match_with_or_without_country_code() {
        let same = [
            ("+86 138 0013 8000", "13800138000"),
            ("0086-138-0013-8000", "138 0013 8000"),
            ("+44 20 7946 0958", "020 7946 0958"),
            ("+1 (555) 123-4567", "555.123.4567"),
            ("+49 30 1234567", "030 1234567"),
        ];
        for (a, b) in same {
            assert_eq!(phone_key(a), phone_key(b), "{a} vs {b}");
        }
        assert_ne!(phone_key("13800138000"), phone_key("13800138001"));
        assert_eq!(phone_key("123"), None);
    }

    #[test]
    fn companies_fold_case_width_and_spaces() {
        assert_eq!(company_key("  ＡＣＭＥ　Ltd "), company_key("acme ltd"));
        assert_eq!(company_key("北京示例科技"), company_key(" 北京示例科技"));
        assert_eq!(company_key("   "), None);
        assert_eq!(
            email_key(" Jane@Example.COM "),
            email_key("jane@example.com")
        );
    }

    #[test]
    fn index_finds_by_any_key() {
        let mut ix = DuplicateIndex::default();
        ix.add(7, &["+86 138 0013 8000"], &["a@b.c"], "Acme");
        assert_eq!(
            ix.find(&["13800138000"], &[], ""),
            Some((7, "phone", "13800138000".into()))
        );
        assert_eq!(
            ix.find(&[], &["A@B.C"], ""),
            Some((7, "email", "A@B.C".into()))
        );
        assert_eq!(
            ix.find(&[], &[], "ACME"),
            Some((7, "company", "ACME".into()))
        );
        assert_eq!(ix.find(&["999999999"], &[], "Other"), None);
    }
}
