//! CSV that spreadsheets open safely: UTF-8 with a BOM (so Excel shows Chinese names),
//! CRLF line ends, RFC 4180 quoting, and text cells that a spreadsheet would run as a
//! formula neutralised with a leading `'`.

use std::borrow::Cow;

/// One CSV cell. Text is neutralised; numbers are written as they are, so `-5` stays a
/// number.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(String),
}

impl<'a> Cell<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    pub fn num(n: impl ToString) -> Cell<'a> {
        Cell::Number(n.to_string())
    }

    pub fn opt_num<T: ToString>(n: Option<T>) -> Cell<'a> {
        match n {
            Some(n) => Cell::Number(n.to_string()),
            None => Cell::Number(String::new()),
        }
    }
}

/// Cells starting with these are run as formulas by Excel, LibreOffice or Google Sheets.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `s` with a leading `'` when a spreadsheet would read it as a formula, or when it starts
/// with a `'` of its own (which a spreadsheet, and calldeck's import, would take as the guard).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_STARTS) || s.starts_with('\'') {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn quote(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// Appends the text cell `s`, neutralised and quoted as needed.
pub fn push_text(out: &mut String, s: &str) {
    out.push_str(&quote(&neutralise(s)));
}

/// A CSV document built row by row.
#[derive(Debug, Clone)]
pub struct CsvWriter {
    out: String,
}

impl Default for CsvWriter {
    fn default() -> Self {
        CsvWriter::new()
    }
}

impl CsvWriter {
    /// Starts the document with the UTF-8 byte order mark.
    pub fn new() -> CsvWriter {
        CsvWriter {
            out: String::from('\u{feff}'),
        }
    }

    /// A header row (text cells).
    pub fn header(&mut self, names: &[&str]) {
        let cells: Vec<Cell> = names.iter().map(|n| Cell::text(*n)).collect();
        self.row(&cells);
    }

    pub fn row(&mut self, cells: &[Cell]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            match cell {
                Cell::Text(s) => push_text(&mut self.out, s),
                Cell::Number(n) => self.out.push_str(n),
            }
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let mut w = CsvWriter::new();
        w.header(&["a", "b"]);
        w.row(&[Cell::text("=HYPERLINK(\"x\")"), Cell::num(-5)]);
        for bad in ["+1 555", "-2", "@SUM(A1)", "\tx", "\rx"] {
            w.row(&[Cell::text(bad), Cell::num(1)]);
        }
        w.row(&[Cell::text("华美, \"贸易\""), Cell::opt_num::<i64>(None)]);
        let out = w.finish();
        assert!(out.starts_with('\u{feff}'));
        let lines: Vec<&str> = out.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "a,b");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\")\",-5");
        assert_eq!(lines[2], "'+1 555,1");
        assert_eq!(lines[3], "'-2,1");
        assert_eq!(lines[4], "'@SUM(A1),1");
        assert_eq!(lines[5], "'\tx,1");
        // A CR inside a cell is quoted so the row stays one record.
        assert_eq!(lines[6], "\"'\rx\",1");
        assert_eq!(lines[7], "\"华美, \"\"贸易\"\"\",");
    }
}
