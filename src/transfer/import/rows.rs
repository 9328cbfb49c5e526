//! From a file to mapped records: the format and encoding found, the header row and the
//! columns chosen from the first rows, and the rest read one at a time.

use std::cell::Cell;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use encoding_rs::UTF_8;

use super::mapping::{self, ColumnChoice, Mapping};
use super::record::Record;
use super::table::SourceRow;
use super::{
    EncodingChoice, Format, ImportOptions, ImportReport, csv, detect_format, encoding,
    looks_binary, vcard, vcard_mapping, xlsx,
};

/// How much of a file is read to find its format, encoding and separator.
const HEAD_BYTES: usize = 64 * 1024;

/// How many rows the columns are chosen from: a header below title rows, and a guess
/// from the values when there is no header.
const CHOICE_ROWS: usize = 50;

/// The rows of a file, mapped as they are read.
pub enum Rows<'a> {
    Table(Box<dyn Iterator<Item = SourceRow> + 'a>, Mapping),
    Cards(Vec<Record>),
}

impl<'a> Rows<'a> {
    pub fn records(self) -> Box<dyn Iterator<Item = Record> + 'a> {
        match self {
            Rows::Table(rows, m) => {
                Box::new(rows.filter_map(move |r| m.is_data(&r).then(|| m.record(&r))))
            }
            Rows::Cards(c) => Box::new(c.into_iter()),
        }
    }
}

/// The first bytes of a file, as many as `HEAD_BYTES` or the whole of a smaller one.
pub fn read_head(file: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.take(HEAD_BYTES as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// A CSV whose first bytes are UTF-8 text (with or without its BOM), read as UTF-8.
pub fn streamable(path: &Path, head: &[u8], options: &ImportOptions) -> bool {
    let format = options.format.unwrap_or_else(|| detect_format(path, head));
    let utf8_asked = match options.encoding {
        EncodingChoice::Auto => true,
        EncodingChoice::Named(e) => e == UTF_8,
    };
    if format != Format::Csv || !utf8_asked {
        return false;
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if encoding_rs::Encoding::for_bom(body).is_some() || body.is_empty() {
        return false;
    }
    // A character cut by the end of the head is still UTF-8.
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    let (likely, _) = encoding::detect(&body[..text.len()]);
    likely == UTF_8 && !looks_binary(text)
}

/// Streams a UTF-8 CSV: the head, then the rest of the file. The flag turns true if bytes
/// that are not UTF-8 turn up later, and the run is then done again from the whole file.
pub fn read_stream<'a>(
    head: Vec<u8>,
    rest: impl Read + 'a,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<(Rows<'a>, Rc<Cell<bool>>), String> {
    report.format = Some(Format::Csv);
    report.encoding = Some(UTF_8.name().to_string());
    let sample = String::from_utf8_lossy(&head).into_owned();
    let separator = csv::detect_separator(&sample);
    report.separator = Some(separator as char);
    let broken = Rc::new(Cell::new(false));
    let flag = Rc::clone(&broken);
    let mut stream = csv::Stream::new(std::io::Cursor::new(head).chain(rest), separator);
    let rows = std::iter::from_fn(move || {
        let row = stream.next();
        if row.is_none() && stream.broken {
            flag.set(true);
        }
        row
    });
    Ok((mapped(Box::new(rows), options, report)?, broken))
}

/// Detects the format and encoding of a file held whole and maps its rows.
pub fn read_bytes(
    path: &Path,
    bytes: Vec<u8>,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<Rows<'static>, String> {
    let format = options
        .format
        .unwrap_or_else(|| detect_format(path, &bytes));
    report.format = Some(format);
    let table = match format {
        Format::Vcf => {
            if let EncodingChoice::Named(named) = options.encoding {
                encoding::check_named(&bytes, named)?;
            }
            let (enc, _) = encoding::detect(&bytes);
            report.encoding = Some(match options.encoding {
                EncodingChoice::Named(e) => e.name().to_string(),
                EncodingChoice::Auto => enc.name().to_string(),
            });
            report.mapping = vcard_mapping();
            return Ok(Rows::Cards(vcard::read(&bytes, options.encoding)));
        }
        Format::Xlsx => xlsx::read(bytes, xlsx::Workbook::Xlsx, &xlsx::Limits::of(options))?,
        Format::Xls => xlsx::read(bytes, xlsx::Workbook::Xls, &xlsx::Limits::of(options))?,
        Format::Csv => {
            let decoded = encoding::decode(bytes, options.encoding)?;
            report.encoding = Some(decoded.encoding.name().to_string());
            if looks_binary(&decoded.text) {
                return Err(format!(
                    "this does not look like a text file (read as {}): give a CSV, .xlsx, .xls or .vcf file, or name its encoding with --encoding",
                    decoded.encoding.name()
                ));
            }
            csv::read(&decoded.text)
        }
    };
    report.separator = table.separator;
    mapped(Box::new(table.rows.into_iter()), options, report)
}

/// Chooses the columns from the first rows and maps every row after them.
fn mapped<'a>(
    mut rows: Box<dyn Iterator<Item = SourceRow> + 'a>,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<Rows<'a>, String> {
    let mut head: Vec<SourceRow> = Vec::new();
    for row in rows.by_ref() {
        let past_header = options.header_row.is_none_or(|n| row.line >= n);
        head.push(row);
        if head.len() >= CHOICE_ROWS && past_header {
            break;
        }
    }
    let choice = ColumnChoice {
        overrides: &options.maps,
        ignore: &options.ignore,
        header_row: options.header_row,
    };
    let mapping = mapping::choose(&head, &choice)?;
    if mapping.has_header && head.first().is_some_and(|r| r.line < mapping.header_line) {
        report.header_line = Some(mapping.header_line);
    }
    if mapping.columns.is_empty() && !head.is_empty() {
        return Err(format!(
            "no column could be matched to a field; name them with --map FIELD=COLUMN (columns: {})",
            mapping.headers.join(", ")
        ));
    }
    report.mapping = mapping.describe();
    Ok(Rows::Table(Box::new(head.into_iter().chain(rows)), mapping))
}
