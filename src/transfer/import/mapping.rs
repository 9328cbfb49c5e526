//! Which column feeds which field: headers matched in English and Chinese (found below
//! any title rows), `--map` overrides that may join parts or add columns, `--ignore`,
//! and a guess from the values when a file has no header row. Every column with data
//! lands somewhere: a field, a label of another column, or an extra field.

use super::headers::{field_for_header, label_target, normalise};
use super::record::{Field, Record};
use super::table::SourceRow;
use unicode_width::UnicodeWidthStr;

/// How many rows from the top a header row is looked for in.
const HEADER_SEARCH_ROWS: usize = 20;

/// What the user said about columns.
#[derive(Debug, Clone, Default)]
pub struct ColumnChoice<'a> {
    pub overrides: &'a [(Field, String)],
    pub ignore: &'a [String],
    /// The header's line (CSV) or row (Excel), counted from 1.
    pub header_row: Option<u64>,
}

/// The columns chosen for each field, in priority order, and the header names.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub headers: Vec<String>,
    pub has_header: bool,
    /// The header's line in the file; rows up to it (titles) are not data.
    pub header_line: u64,
    pub columns: Vec<(Field, Vec<usize>)>,
    /// Fields whose `--map` named parts to join ("address=Street+City+Zip").
    pub joined: Vec<Field>,
    /// (value column, label column): Google's "Phone 1 - Type" beside "Phone 1 - Value".
    pub labels: Vec<(usize, usize)>,
    pub ignored: Vec<usize>,
}

impl Mapping {
    /// Where every column goes, for the dry-run report: "Phone 1 - Value -> phone".
    pub fn describe(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .columns
            .iter()
            .map(|(f, cols)| {
                let names: Vec<&str> = cols.iter().map(|&i| self.header(i)).collect();
                let how = if self.joined.contains(f) || f.is_joined() {
                    " + "
                } else if f.is_multi() {
                    ", "
                } else {
                    " or "
                };
                format!("{:<10} <- {}", f.as_str(), names.join(how))
            })
            .collect();
        out.push(crate::t!("imp-every-column"));
        let widest = (0..self.headers.len())
            .map(|i| self.header(i).width())
            .max()
            .unwrap_or(0)
            .min(28);
        for i in 0..self.headers.len() {
            let h = self.header(i);
            let pad = " ".repeat(widest.saturating_sub(h.width()));
            out.push(format!("  {h}{pad} -> {}", self.destination(i)));
        }
        out
    }

    fn destination(&self, col: usize) -> String {
        if self.ignored.contains(&col) {
            return crate::t!("imp-ignored");
        }
        if let Some((f, _)) = self.columns.iter().find(|(_, cols)| cols.contains(&col)) {
            return f.as_str().to_string();
        }
        if let Some((v, _)) = self.labels.iter().find(|(_, l)| *l == col) {
            return crate::t!("cfg-label-of", a0 = (self.header(*v)).to_string());
        }
        crate::t!("imp-kept-extra")
    }

    fn header(&self, i: usize) -> &str {
        self.headers.get(i).map(String::as_str).unwrap_or("?")
    }

    fn is_used(&self, col: usize) -> bool {
        self.ignored.contains(&col)
            || self.columns.iter().any(|(_, cols)| cols.contains(&col))
            || self.labels.iter().any(|(_, l)| *l == col)
    }

    fn set(&mut self, field: Field, cols: Vec<usize>) {
        self.columns.retain(|(f, _)| *f != field);
        self.columns.push((field, cols));
        self.columns.sort_by_key(|(f, _)| *f);
    }

    /// Whether a row is data: below the header (and the title rows above it).
    pub fn is_data(&self, row: &SourceRow) -> bool {
        !self.has_header || row.line > self.header_line
    }

    /// One data row's values sorted into fields; unmapped cells become extra fields.
    pub fn record(&self, row: &SourceRow) -> Record {
        let mut r = Record::new(row.line);
        let cell = |c: usize| row.cells.get(c).map(String::as_str).unwrap_or("");
        for (field, cols) in &self.columns {
            if let Some(&first) = cols.first() {
                r.name_column(*field, self.header(first));
            }
            if self.joined.contains(field) && !field.is_multi() {
                let sep = if *field == Field::Address { ", " } else { " " };
                let parts: Vec<&str> = cols
                    .iter()
                    .map(|&c| cell(c).trim())
                    .filter(|v| !v.is_empty())
                    .collect();
                r.put(*field, &parts.join(sep), self.header(cols[0]));
                continue;
            }
            let mut order = cols.clone();
            if *field == Field::Stage {
                // Pipedrive's "Deal - Status" (won, lost) says more than its stage.
                order.sort_by_key(|&c| {
                    !matches!(cell(c).trim().to_lowercase().as_str(), "won" | "lost")
                });
            }
            for c in order {
                r.put(*field, cell(c), self.header(c));
            }
        }
        for &(value_col, label_col) in &self.labels {
            let field = self
                .columns
                .iter()
                .find(|(_, cols)| cols.contains(&value_col))
                .map(|(f, _)| *f);
            if let Some(f @ (Field::Phone | Field::Email)) = field {
                r.label_from(f, self.header(value_col), cell(label_col));
            }
        }
        for (c, value) in row.cells.iter().enumerate() {
            if !self.is_used(c) && !value.trim().is_empty() {
                let value = super::record::unguard(value.trim());
                match self.headers.get(c) {
                    Some(h) => r.keep_extra(h, value),
                    // A row wider than the rows the columns were chosen from.
                    None => r.keep_extra(&format!("column {}", c + 1), value),
                }
            }
        }
        r
    }
}

/// The row most like a header among the first rows: the one with the most cells that
/// name a field (the first on a tie), so title rows above a header are passed over.
fn find_header(rows: &[SourceRow], choice: &ColumnChoice) -> Result<Option<usize>, String> {
    if let Some(line) = choice.header_row {
        return rows
            .iter()
            .position(|r| r.line == line)
            .map(Some)
            .ok_or_else(|| crate::t!("cfg-header-row-the-file-has-no", line = line.to_string()));
    }
    let named_by_override = |h: &str| {
        choice
            .overrides
            .iter()
            .flat_map(|(_, col)| column_parts(col))
            .any(|part| normalise(h) == normalise(&part))
    };
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let score = row
            .cells
            .iter()
            .filter(|h| field_for_header(h).is_some() || named_by_override(h))
            .count();
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    Ok(best.map(|(i, _)| i))
}

/// "Street+City+Zip" names three columns; a header that itself holds '+' is one.
fn column_parts(spec: &str) -> Vec<String> {
    spec.split('+')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Chooses the mapping from the first rows of a file, applying `--map FIELD=COLUMN`
/// overrides (COLUMN is a header or a column number counted from 1, or parts joined
/// with '+'; a field mapped twice reads both columns) and `--ignore COLUMN`.
pub fn choose(rows: &[SourceRow], choice: &ColumnChoice) -> Result<Mapping, String> {
    if rows.is_empty() {
        return Ok(Mapping::default());
    }
    let mut mapping = Mapping::default();
    let header_at = find_header(rows, choice)?;
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if let Some(at) = header_at {
        let header = &rows[at];
        mapping.has_header = true;
        mapping.header_line = header.line;
        mapping.headers = header
            .cells
            .iter()
            .enumerate()
            .map(|(i, h)| match h.trim() {
                "" => format!("column {}", i + 1),
                h => h.trim_start_matches('\u{feff}').to_string(),
            })
            .collect();
        for (i, h) in header.cells.iter().enumerate() {
            let Some(f) = field_for_header(h) else {
                continue;
            };
            match mapping.columns.iter_mut().find(|(g, _)| *g == f) {
                Some((_, cols)) => cols.push(i),
                None => mapping.columns.push((f, vec![i])),
            }
        }
        mapping.columns.sort_by_key(|(f, _)| *f);
        for (i, h) in header.cells.iter().enumerate() {
            let Some(stem) = label_target(h) else {
                continue;
            };
            let prefix = format!("{stem} ");
            for (v, x) in header.cells.iter().enumerate() {
                if v != i && label_target(x).is_none() && normalise(x).starts_with(&prefix) {
                    mapping.labels.push((v, i));
                }
            }
        }
        // Outlook's "Title" is "Mr." or "Dr."; a "Job Title" beside it is the job.
        if let Some((_, cols)) = mapping.columns.iter_mut().find(|(f, _)| *f == Field::Title)
            && cols.len() > 1
        {
            cols.sort_by_key(|&c| normalise(&header.cells[c]) == "title");
        }
    } else {
        mapping.headers = (1..=width).map(|i| format!("column {i}")).collect();
        guess_without_header(rows, &mut mapping);
    }
    while mapping.headers.len() < width {
        mapping
            .headers
            .push(format!("column {}", mapping.headers.len() + 1));
    }
    let find = |mapping: &Mapping, col: &str| -> Option<usize> {
        mapping
            .headers
            .iter()
            .position(|h| normalise(h) == normalise(col))
            .or_else(|| {
                col.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1 && n <= width)
                    .map(|n| n - 1)
            })
    };
    let mut overridden: Vec<Field> = Vec::new();
    for (field, col) in choice.overrides {
        let cols = match find(&mapping, col) {
            Some(i) => vec![i],
            None => column_parts(col)
                .iter()
                .map(|part| {
                    find(&mapping, part).ok_or_else(|| {
                        crate::t!(
                            "cfg-map-the-file-has-no-column",
                            a0 = (field.as_str()).to_string(),
                            col = col.to_string(),
                            part = part.to_string(),
                            a1 = (mapping.headers.join(", ")).to_string()
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        if cols.len() > 1 {
            mapping.joined.push(*field);
        }
        // A column moved to this field leaves the field it was found for.
        for (_, taken) in mapping.columns.iter_mut() {
            taken.retain(|c| !cols.contains(c));
        }
        let mut all = cols;
        if overridden.contains(field)
            && let Some((_, before)) = mapping.columns.iter().find(|(f, _)| f == field)
        {
            all = before.iter().copied().chain(all).collect();
        }
        mapping.set(*field, all);
        overridden.push(*field);
    }
    for col in choice.ignore {
        let i = find(&mapping, col).ok_or_else(|| {
            crate::t!(
                "cfg-ignore-the-file-has-no-column",
                col = col.to_string(),
                a0 = (mapping.headers.join(", ")).to_string()
            )
        })?;
        mapping.ignored.push(i);
        for (_, cols) in mapping.columns.iter_mut() {
            cols.retain(|&c| c != i);
        }
    }
    // The tiers an export writes are worked out from contracts and calls, not data to keep.
    let computed: Vec<usize> = (0..mapping.headers.len())
        .filter(|&i| {
            crate::transfer::export::TIER_HEADERS.contains(&mapping.headers[i].trim())
                && !mapping.is_used(i)
        })
        .collect();
    mapping.ignored.extend(computed);
    mapping.columns.retain(|(_, cols)| !cols.is_empty());
    Ok(mapping)
}

/// Without a header, an all-email column is the email, a column of numbers the phone,
/// and the first other text column the name.
fn guess_without_header(rows: &[SourceRow], mapping: &mut Mapping) {
    let width = mapping.headers.len();
    let sample: Vec<_> = rows.iter().take(50).collect();
    let mut name_col = None;
    for col in 0..width {
        let values: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.cells.get(col).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        if values.is_empty() {
            continue;
        }
        let all = |pred: fn(&str) -> bool| values.iter().all(|v| pred(v));
        if all(|v| v.contains('@') && !v.contains(' ')) {
            mapping.set(Field::Email, vec![col]);
        } else if all(|v| {
            v.chars().filter(char::is_ascii_digit).count() >= 6
                && v.chars()
                    .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
        }) {
            mapping.set(Field::Phone, vec![col]);
        } else if name_col.is_none() {
            name_col = Some(col);
        }
    }
    if let Some(col) = name_col {
        mapping.set(Field::Name, vec![col]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::import::csv;

    #[test]
    fn english_and_chinese_headers() {
        let cases = [
            ("Display Name", Field::Name),
            ("姓名", Field::Name),
            ("公司", Field::Company),
            ("手机", Field::Phone),
            ("电话", Field::Phone),
            ("客户手机号码", Field::Phone),
            ("邮箱", Field::Email),
            ("地址", Field::Address),
            ("行业", Field::Industry),
            ("来源", Field::Source),
            ("负责人", Field::Owner),
            ("阶段", Field::Stage),
            ("金额", Field::Value),
            ("sales_agent", Field::Owner),
            ("close_value", Field::Value),
            ("Primary Email", Field::Email),
            ("next_call", Field::NextCall),
        ];
        for (h, f) in cases {
            assert_eq!(field_for_header(h), Some(f), "{h}");
        }
        assert_eq!(field_for_header("revenue"), None);
        assert_eq!(field_for_header("Fax Number"), None);
    }

    fn map(text: &str, overrides: &[(Field, String)], ignore: &[String]) -> Vec<Record> {
        let t = csv::read(text);
        let m = choose(
            &t.rows,
            &ColumnChoice {
                overrides,
                ignore,
                header_row: None,
            },
        )
        .unwrap();
        t.rows
            .iter()
            .filter(|r| m.is_data(r))
            .map(|r| m.record(r))
            .collect()
    }

    #[test]
    fn overrides_and_no_header_guess() {
        let rs = map(
            "John Doe,John,Doe,john@doe.invalid\nJane Doe,Jane,Doe,jane@doe.invalid\n",
            &[],
            &[],
        );
        assert_eq!(rs.len(), 2);
        assert_eq!(rs[0].get(Field::Name), "John Doe");
        assert_eq!(rs[0].get(Field::Email), "john@doe.invalid");

        let rs = map(
            "Kunde,Telefon\nAcme,123456\n",
            &[(Field::Name, "Kunde".into()), (Field::Phone, "2".into())],
            &[],
        );
        assert_eq!(rs.len(), 1);
        assert_eq!(rs[0].get(Field::Phone), "123456");
        let t = csv::read("Kunde,Telefon\nAcme,123456\n");
        let bad = [(Field::Name, "Nope".to_string())];
        let choice = ColumnChoice {
            overrides: &bad,
            ..ColumnChoice::default()
        };
        assert!(choose(&t.rows, &choice).is_err());
    }

    #[test]
    fn header_below_title_rows_and_every_column_kept() {
        let text = "Customer list,,\nExported 2026-01-05,,\n\nCompany,Phone,Website\nAcme,010 1234 5678,acme.example\n";
        let rs = map(text, &[], &[]);
        assert_eq!(rs.len(), 1);
        assert_eq!(rs[0].line, 5);
        assert_eq!(rs[0].get(Field::Company), "Acme");
        assert_eq!(
            rs[0].extras,
            vec![("Website".to_string(), "acme.example".to_string())]
        );
        let rs = map(text, &[], &["website".to_string()]);
        assert!(rs[0].extras.is_empty());
    }

    #[test]
    fn google_labels_and_multi_value_cells() {
        let text = "Name,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,E-mail 1 - Type,E-mail 1 - Value\n\
                    Asha,Mobile,+91 98450 12345 ::: +91 97400 54321,Work,+91 80 4123 4567,* Home,asha@example.com\n";
        let r = &map(text, &[], &[])[0];
        let phones: Vec<(&str, &str)> = r
            .phones
            .iter()
            .map(|p| (p.value.as_str(), p.label.as_str()))
            .collect();
        assert_eq!(
            phones,
            vec![
                ("+91 98450 12345", "mobile"),
                ("+91 97400 54321", "mobile"),
                ("+91 80 4123 4567", "work")
            ]
        );
        assert_eq!(r.emails[0].label, "home");
        assert!(r.extras.is_empty(), "{:?}", r.extras);
    }

    #[test]
    fn maps_join_parts_and_repeated_maps_add_columns() {
        let text = "Kunde,Strasse,Ort,PLZ,Tel,Handy\nAcme,Hauptstr. 1,Berlin,10115,030 1234567,0170 1234567\n";
        let rs = map(
            text,
            &[
                (Field::Name, "Kunde".into()),
                (Field::Address, "Strasse+PLZ+Ort".into()),
                (Field::Phone, "Tel".into()),
                (Field::Phone, "Handy".into()),
            ],
            &[],
        );
        assert_eq!(rs[0].get(Field::Address), "Hauptstr. 1, 10115, Berlin");
        assert_eq!(rs[0].phones.len(), 2);
        assert!(rs[0].extras.is_empty(), "{:?}", rs[0].extras);
    }
}
