//! vCard 2.1, 3.0 and 4.0 as phones and mail programs write them: folded lines,
//! quoted-printable values with soft line breaks, per-property CHARSET, several TEL and
//! EMAIL with types, 2.1's bare type parameters and backslash-continued lines.

use encoding_rs::{Encoding, UTF_8};

use super::dates::parse_date;
use super::encoding::{EncodingChoice, detect};
use super::record::{Field, Record};

/// One property after unfolding: name, parameters, and the raw value bytes.
#[derive(Debug, Clone)]
struct Property {
    /// Apple's "item1." prefix, which ties a TEL or EMAIL to its X-ABLABEL.
    group: String,
    name: String,
    params: Vec<(String, String)>,
    value: Vec<u8>,
}

impl Property {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    fn has_type(&self, t: &str) -> bool {
        self.params.iter().any(|(k, v)| {
            (k.eq_ignore_ascii_case("TYPE") || k.is_empty())
                && v.split(',').any(|x| x.trim().eq_ignore_ascii_case(t))
        }) || self.param("PREF").is_some() && t.eq_ignore_ascii_case("PREF")
    }

    /// What a number is, in the words a card shows: "mobile", "work fax" …
    fn kind(&self) -> String {
        const KINDS: [(&str, &str); 8] = [
            ("CELL", "mobile"),
            ("MOBILE", "mobile"),
            ("HOME", "home"),
            ("WORK", "work"),
            ("FAX", "fax"),
            ("PAGER", "pager"),
            ("MAIN", "main"),
            ("OTHER", "other"),
        ];
        let mut words: Vec<&str> = Vec::new();
        for (t, word) in KINDS {
            if self.has_type(t) && !words.contains(&word) {
                words.push(word);
            }
        }
        words.join(" ")
    }

    fn is_quoted_printable(&self) -> bool {
        self.params.iter().any(|(k, v)| {
            (k.eq_ignore_ascii_case("ENCODING") || k.is_empty())
                && (v.eq_ignore_ascii_case("QUOTED-PRINTABLE") || v.eq_ignore_ascii_case("QP"))
        })
    }

    fn is_binary(&self) -> bool {
        self.params.iter().any(|(k, v)| {
            (k.eq_ignore_ascii_case("ENCODING") || k.is_empty())
                && matches!(v.to_ascii_uppercase().as_str(), "BASE64" | "B")
        })
    }

    /// The value as text: quoted-printable undone, then decoded in its CHARSET (or the
    /// file's encoding).
    fn text(&self, default: &'static Encoding) -> String {
        let bytes = if self.is_quoted_printable() {
            decode_quoted_printable(&self.value)
        } else {
            self.value.clone()
        };
        let enc = self
            .param("CHARSET")
            .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
            .unwrap_or(default);
        let (text, _, _) = enc.decode(&bytes);
        text.into_owned()
    }
}

/// Reads every card of the file into records (one per card). Cards without anything
/// to import still become records, so that the row checks can report them.
pub fn read(bytes: &[u8], choice: EncodingChoice) -> Vec<Record> {
    let (utf8_copy, default) = file_encoding(bytes, choice);
    let bytes = utf8_copy.as_deref().unwrap_or(bytes);
    let mut records = Vec::new();
    let mut card: Option<(u64, Vec<Property>)> = None;
    let mut nested = 0usize;
    for (line, logical) in logical_lines(bytes) {
        let Some(prop) = parse_property(&logical) else {
            continue;
        };
        let value_upper = String::from_utf8_lossy(&prop.value)
            .trim()
            .to_ascii_uppercase();
        match (prop.name.as_str(), value_upper.as_str()) {
            ("BEGIN", "VCARD") => {
                if card.is_some() {
                    nested += 1;
                } else {
                    card = Some((line, Vec::new()));
                }
            }
            ("END", "VCARD") => {
                if nested > 0 {
                    nested -= 1;
                } else if let Some((start, props)) = card.take() {
                    records.push(to_record(start, &props, default));
                }
            }
            _ => {
                if let Some((_, props)) = card.as_mut()
                    && nested == 0
                {
                    props.push(prop);
                }
            }
        }
    }
    // A last card without END:VCARD is still a card.
    if let Some((start, props)) = card.take() {
        records.push(to_record(start, &props, default));
    }
    records
}

/// UTF-16 files are turned into UTF-8 first (the structure is ASCII either way); the
/// encoding for values without CHARSET is the named one, or the detected one.
fn file_encoding(bytes: &[u8], choice: EncodingChoice) -> (Option<Vec<u8>>, &'static Encoding) {
    let (detected, body) = detect(bytes);
    let enc = match choice {
        EncodingChoice::Named(e) => e,
        EncodingChoice::Auto => detected,
    };
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        let (text, _) = enc.decode_without_bom_handling(body);
        return (Some(text.into_owned().into_bytes()), UTF_8);
    }
    if enc == UTF_8 && body.len() != bytes.len() {
        return (Some(body.to_vec()), UTF_8);
    }
    (None, enc)
}

/// Physical lines joined into logical ones, each with the line number it starts on.
fn logical_lines(bytes: &[u8]) -> Vec<(u64, Vec<u8>)> {
    let mut out: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut qp_open = false;
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let mut line = raw;
        while let [rest @ .., b'\r'] = line {
            line = rest;
        }
        let number = i as u64 + 1;
        if let Some((_, current)) = out.last_mut() {
            // A quoted-printable soft break: "=" at the end joins the next line as is.
            if qp_open && current.last() == Some(&b'=') {
                current.pop();
                current.extend_from_slice(line);
                continue;
            }
            if matches!(line.first(), Some(b' ' | b'\t')) {
                current.extend_from_slice(&line[1..]);
                continue;
            }
            // vCard 2.1 writers continue an ADR with a trailing backslash.
            if current.last() == Some(&b'\\') && !line.is_empty() && !line.contains(&b':') {
                current.pop();
                current.push(b' ');
                current.extend_from_slice(line);
                continue;
            }
        }
        if line.is_empty() || line.starts_with(b"#") {
            qp_open = false;
            continue;
        }
        qp_open = {
            let head_end = line.iter().position(|&b| b == b':').unwrap_or(line.len());
            let head = String::from_utf8_lossy(&line[..head_end]).to_ascii_uppercase();
            head.contains("QUOTED-PRINTABLE")
        };
        out.push((number, line.to_vec()));
    }
    out
}

/// Splits "item1.TEL;TYPE=\"a,b\";PREF:value" into name, parameters and value.
fn parse_property(line: &[u8]) -> Option<Property> {
    let mut in_quotes = false;
    let colon = line.iter().position(|&b| {
        if b == b'"' {
            in_quotes = !in_quotes;
        }
        b == b':' && !in_quotes
    })?;
    let head = String::from_utf8_lossy(&line[..colon]);
    let mut parts = split_unquoted(&head, ';').into_iter();
    let full = parts.next()?.trim().to_ascii_uppercase();
    let (group, name) = match full.rsplit_once('.') {
        Some((g, n)) => (g.to_string(), n.to_string()),
        None => (String::new(), full),
    };
    if name.is_empty() {
        return None;
    }
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_string(), v.trim().trim_matches('"').to_string()),
            None => (String::new(), p.trim().to_string()),
        })
        .collect();
    Some(Property {
        group,
        name,
        params,
        value: line[colon + 1..].to_vec(),
    })
}

fn split_unquoted(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut in_quotes = false;
    for c in s.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        if c == sep && !in_quotes {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

/// Splits a structured value (N, ADR, ORG) on unescaped ';' and undoes the escapes.
fn components(value: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => push(&mut out, '\n'),
                Some(other) => push(&mut out, other),
                None => {}
            },
            ';' => out.push(String::new()),
            _ => push(&mut out, c),
        }
    }
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

fn push(out: &mut [String], c: char) {
    if let Some(last) = out.last_mut() {
        last.push(c);
    }
}

fn unescape(value: &str) -> String {
    components(&value.replace(';', "\\;")).join("")
}

/// vCard 4.0 writes numbers as URIs ("tel:+1-418-656-9254;ext=102"); the extension
/// follows a comma, the dialling pause that reaches it.
fn tel_text(value: &str) -> String {
    let Some(uri) = value
        .strip_prefix("tel:")
        .or_else(|| value.strip_prefix("TEL:"))
    else {
        return value.to_string();
    };
    let mut parts = uri.split(';');
    let number = parts.next().unwrap_or("").to_string();
    match parts.find_map(|p| p.strip_prefix("ext=")) {
        Some(ext) => format!("{number},{ext}"),
        None => number,
    }
}

pub fn decode_quoted_printable(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = |b: u8| (b as char).to_digit(16);
            match (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            ) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ if bytes.get(i + 1).is_none() => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn to_record(line: u64, props: &[Property], default: &'static Encoding) -> Record {
    let mut r = Record::new(line);
    r.person_first = true;
    // Preferred numbers and addresses go first, so they become the primary contact's.
    // "item1.X-ABLABEL:_$!<Mobile>!$_" or a label of the user's own ("Office").
    let labels: Vec<(&str, String)> = props
        .iter()
        .filter(|p| p.name == "X-ABLABEL" && !p.group.is_empty())
        .map(|p| {
            let t = p.text(default);
            let t = t.trim();
            let t = t
                .strip_prefix("_$!<")
                .and_then(|t| t.strip_suffix(">!$_"))
                .unwrap_or(t);
            (p.group.as_str(), t.to_lowercase())
        })
        .collect();
    let label_of = |p: &Property| {
        labels
            .iter()
            .find(|(g, _)| !p.group.is_empty() && *g == p.group)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| p.kind())
    };
    let mut ordered: Vec<&Property> = props.iter().collect();
    ordered.sort_by_key(|p| !p.has_type("PREF"));
    for p in ordered {
        if p.is_binary() {
            continue;
        }
        let text = p.text(default);
        let name = p.name.as_str();
        match name {
            "FN" => r.put(Field::Name, &unescape(&text), name),
            "N" => {
                let parts = components(&text);
                let family = parts.first().map(String::as_str).unwrap_or("");
                let given = parts.get(1).map(String::as_str).unwrap_or("");
                r.put(Field::FirstName, given, name);
                r.put(Field::LastName, family, name);
            }
            "ORG" => {
                let parts = components(&text);
                r.put(
                    Field::Company,
                    parts.first().map(String::as_str).unwrap_or(""),
                    name,
                );
            }
            "TITLE" => r.put(Field::Title, &unescape(&text), name),
            "TEL" => r.put_labelled(
                Field::Phone,
                &tel_text(&unescape(&text)),
                name,
                &label_of(p),
            ),
            "EMAIL" => r.put_labelled(Field::Email, &unescape(&text), name, &label_of(p)),
            "ADR" => {
                let parts: Vec<String> = components(&text)
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                r.put(Field::Address, &parts.join(", "), name);
            }
            "BDAY" => {
                let t = unescape(&text);
                if let Ok(d) = parse_date(&t, None) {
                    r.put(Field::Birthday, &d.format("%Y-%m-%d").to_string(), name);
                }
            }
            "NOTE" => r.put(Field::Notes, &unescape(&text), name),
            "CATEGORIES" => r.put(Field::Tags, &unescape(&text), name),
            _ => {}
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Record {
        let mut all = read(text.as_bytes(), EncodingChoice::Auto);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    #[test]
    fn folded_escaped_and_typed_values() {
        let r = one(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zhang\r\n  San\r\nN:Zhang;San;;;\r\nORG:Acme\\, Inc.;Sales\r\n\
             TEL;TYPE=WORK:+86 10 1234 5678\r\nTEL;TYPE=CELL,PREF:138 0013 8000\r\n\
             EMAIL:zs@example.com\r\nNOTE:one\\ntwo\r\nBDAY:1980-03-21\r\nEND:VCARD\r\n",
        );
        assert_eq!(r.get(Field::Name), "Zhang San");
        assert_eq!(r.get(Field::Company), "Acme, Inc.");
        assert_eq!(r.get(Field::Phone), "138 0013 8000");
        let phones: Vec<(&str, &str)> = r
            .phones
            .iter()
            .map(|p| (p.value.as_str(), p.label.as_str()))
            .collect();
        assert_eq!(
            phones,
            vec![("138 0013 8000", "mobile"), ("+86 10 1234 5678", "work")]
        );
        assert_eq!(r.get(Field::Notes), "one\ntwo");
        assert_eq!(r.get(Field::Birthday), "1980-03-21");
        assert_eq!(r.line, 1);
    }

    #[test]
    fn apple_labels_name_their_numbers_and_addresses() {
        let r = one("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Li Lei\r\n\
             item1.TEL:+86 21 5555 0100\r\nitem1.X-ABLABEL:Office\r\n\
             item2.TEL;type=pref:+86 139 0000 0001\r\nitem2.X-ABLABEL:_$!<Mobile>!$_\r\n\
             item3.EMAIL;type=INTERNET:li@work.example\r\nitem3.X-ABLABEL:_$!<Work>!$_\r\nEND:VCARD\r\n");
        let labels: Vec<&str> = r.phones.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, vec!["mobile", "office"]);
        assert_eq!(r.emails[0].label, "work");
    }

    #[test]
    fn quoted_printable_with_soft_breaks_and_charset() {
        let r = one(
            "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=20=C3=\n=91;;;;\n\
             NOTE;QUOTED-PRINTABLE:a=0D=0Ab=\nc\nEND:VCARD\n",
        );
        assert_eq!(r.get(Field::LastName), "Ñ Ñ");
        assert_eq!(r.get(Field::Notes), "a\r\nbc");
    }

    #[test]
    fn utf16_files_and_uri_numbers() {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:王芳\r\nTEL;VALUE=uri:tel:+86-10-1234-5678;ext=9\r\nEND:VCARD\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let all = read(&bytes, EncodingChoice::Auto);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].get(Field::Name), "王芳");
        assert_eq!(all[0].get(Field::Phone), "+86-10-1234-5678");
        assert_eq!(all[0].phones[0].extension, "9");
    }

    #[test]
    fn nested_and_unterminated_cards() {
        let all = read(
            b"BEGIN:VCARD\nFN:A\nAGENT:\nBEGIN:VCARD\nFN:B\nEND:VCARD\nEND:VCARD\nBEGIN:VCARD\nFN:C\n",
            EncodingChoice::Auto,
        );
        let names: Vec<_> = all.iter().map(|r| r.get(Field::Name).to_string()).collect();
        assert_eq!(names, ["A", "C"]);
    }
}
