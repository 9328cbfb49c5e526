//! CSV and TSV text into rows of cells: the separator is detected, quoted fields may hold
//! separators and line breaks.

use super::table::{SourceRow, Table};

/// Splits decoded text into rows. Never fails: broken quoting ends up as a long last
/// field, which the row checks then report.
pub fn read(text: &str) -> Table {
    let delimiter = detect_separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(0, |p| first_line_with_text(text, p.byte(), p.line()));
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
                // Some exporters switch to TABs after the header row.
                if delimiter != b'\t' && cells.len() == 1 && cells[0].contains('\t') {
                    cells = cells[0].split('\t').map(str::to_string).collect();
                }
                rows.push(SourceRow { line, cells });
            }
            Ok(false) => break,
            // The text is already valid UTF-8, so a read error can only be I/O on a
            // slice, which cannot happen; stop rather than loop.
            Err(_) => break,
        }
    }
    Table {
        rows,
        separator: Some(delimiter as char),
    }
}

/// A record's position includes the blank lines before it; the report names the line
/// its values start on.
fn first_line_with_text(text: &str, mut byte: u64, mut line: u64) -> u64 {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(byte as usize) {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        byte += 1;
    }
    line
}

/// The separator that occurs most often outside quotes in the first lines; ',' on a tie.
pub fn detect_separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let candidates = [b',', b';', b'\t'];
    let mut in_quotes = false;
    let mut lines = 0;
    for b in text.bytes().take(64 * 1024) {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                lines += 1;
                if lines >= 5 {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_detected() {
        assert_eq!(detect_separator("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_separator("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(detect_separator("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(detect_separator("\"x;y;z\",b\n"), b',');
        assert_eq!(detect_separator(""), b',');
    }

    #[test]
    fn quoted_line_breaks_stay_in_one_cell_and_lines_count_from_one() {
        let t = read("name,notes\n\"Acme\",\"line 1\nline 2\"\n\nBeta,x\n");
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1].cells[1], "line 1\nline 2");
        assert_eq!(t.rows[1].line, 2);
        assert_eq!(t.rows[2].line, 5);
    }

    #[test]
    fn unbalanced_quotes_do_not_fail() {
        let t = read("name,notes\n\"Acme,oops\nBeta,x\n");
        assert!(!t.rows.is_empty());
    }
}
