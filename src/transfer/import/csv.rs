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

/// Rows read one at a time from a UTF-8 stream, so a large file is never held whole.
/// Stops with `broken` set at the first bytes that are not UTF-8: the caller then reads
/// the file whole and detects its encoding.
pub struct Stream<R: std::io::Read> {
    reader: csv::Reader<Tail<R>>,
    record: csv::ByteRecord,
    delimiter: u8,
    pub broken: bool,
}

impl<R: std::io::Read> Stream<R> {
    pub fn new(inner: R, delimiter: u8) -> Stream<R> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Tail::new(inner));
        Stream {
            reader,
            record: csv::ByteRecord::new(),
            delimiter,
            broken: false,
        }
    }
}

impl<R: std::io::Read> Iterator for Stream<R> {
    type Item = SourceRow;

    fn next(&mut self) -> Option<SourceRow> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(_) => {
                    self.broken = true;
                    return None;
                }
            }
            let mut cells = Vec::with_capacity(self.record.len());
            for c in self.record.iter() {
                match std::str::from_utf8(c) {
                    Ok(c) => cells.push(c.trim_start_matches('\u{feff}').to_string()),
                    Err(_) => {
                        self.broken = true;
                        return None;
                    }
                }
            }
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if self.delimiter != b'\t' && cells.len() == 1 && cells[0].contains('\t') {
                cells = cells[0].split('\t').map(str::to_string).collect();
            }
            let line = self
                .record
                .position()
                .map_or(0, |p| self.reader.get_ref().line_of(p.byte(), p.line()));
            return Some(SourceRow { line, cells });
        }
    }
}

/// A reader that remembers the last bytes it gave out, so a record's first line can be
/// found past the blank lines its position includes.
struct Tail<R> {
    inner: R,
    kept: std::collections::VecDeque<u8>,
    /// The offset in the stream of `kept[0]`.
    start: u64,
}

/// Longer records than this are rare; for them the line falls back to the position's.
const TAIL_BYTES: usize = 1 << 20;

impl<R> Tail<R> {
    fn new(inner: R) -> Tail<R> {
        Tail {
            inner,
            kept: std::collections::VecDeque::new(),
            start: 0,
        }
    }

    fn line_of(&self, byte: u64, mut line: u64) -> u64 {
        let Some(from) = byte.checked_sub(self.start) else {
            return line;
        };
        for &b in self.kept.iter().skip(from as usize) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
        }
        line
    }
}

impl<R: std::io::Read> std::io::Read for Tail<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.kept.extend(&buf[..n]);
        if self.kept.len() > TAIL_BYTES {
            let drop = self.kept.len() - TAIL_BYTES;
            self.kept.drain(..drop);
            self.start += drop as u64;
        }
        Ok(n)
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
    fn a_stream_reads_the_same_rows_and_lines_as_the_whole_text() {
        let text = "\u{feff}name,notes\n\"Acme\",\"line 1\nline 2\"\n\n\nBeta,x\r\n\r\nGamma,y\n";
        let whole = read(text);
        let streamed: Vec<SourceRow> = Stream::new(text.as_bytes(), b',').collect();
        assert_eq!(streamed, whole.rows);
        let mut broken = Stream::new(&b"name\nok\n\xff\xfe\n"[..], b',');
        assert_eq!(broken.by_ref().count(), 2);
        assert!(broken.broken);
    }

    #[test]
    fn unbalanced_quotes_do_not_fail() {
        let t = read("name,notes\n\"Acme,oops\nBeta,x\n");
        assert!(!t.rows.is_empty());
    }
}
