//! Bringing a book in: customers and contacts from CSV, Excel and vCard files, or a deal
//! pipeline from another CRM. Files are read and mapped here; every write goes through
//! `store` inside one transaction, so a run imports all its good rows or nothing.

mod csv;
mod customers;
mod dates;
mod deals;
mod duplicates;
mod encoding;
mod headers;
mod mapping;
mod owners;
mod record;
mod stages;
mod table;
mod values;
mod vcard;
mod xlsx;

use std::path::{Path, PathBuf};

pub use dates::{DateOrder, parse_date};
pub use duplicates::{company_key, email_key, phone_key};
pub use encoding::EncodingChoice;
pub use record::Field;
pub use stages::StageValue;

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::Store;
use mapping::{ColumnChoice, Mapping};
use record::Record;
use table::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Xls,
    Vcf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Vcf => "vcf",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Customers,
    Deals,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    #[default]
    Skip,
    Update,
}

/// Everything `calldeck import` can be told.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub format: Option<Format>,
    pub kind: Kind,
    pub maps: Vec<(Field, String)>,
    pub stage_map: Vec<(String, StageValue)>,
    pub encoding: EncodingChoice,
    pub on_duplicate: OnDuplicate,
    pub create_reps: bool,
    pub dry_run: bool,
    pub strict: bool,
    pub sheet: Option<String>,
    pub date_order: Option<DateOrder>,
    /// Who owns rows that name no owner.
    pub default_owner: Option<i64>,
    /// Columns not to keep as extra fields.
    pub ignore: Vec<String>,
    /// The header's line or row, when the file's first header-like row is not it.
    pub header_row: Option<u64>,
    /// Workbooks larger than this once unzipped are refused.
    pub max_unzipped_bytes: u64,
    /// Sheets with more cells than this are refused.
    pub max_cells: u64,
}

/// Defaults for `--max-unzipped-mb` and `--max-cells`: far above any real book, far
/// below what would exhaust a laptop.
pub const DEFAULT_MAX_UNZIPPED_MB: u64 = 512;
pub const DEFAULT_MAX_CELLS: u64 = 20_000_000;

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            format: None,
            kind: Kind::Customers,
            maps: Vec::new(),
            stage_map: Vec::new(),
            encoding: EncodingChoice::Auto,
            on_duplicate: OnDuplicate::Skip,
            create_reps: false,
            dry_run: false,
            strict: false,
            sheet: None,
            date_order: None,
            default_owner: None,
            ignore: Vec::new(),
            header_row: None,
            max_unzipped_bytes: DEFAULT_MAX_UNZIPPED_MB * 1024 * 1024,
            max_cells: DEFAULT_MAX_CELLS,
        }
    }
}

/// A row that was not imported, or a value left out of one: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

/// What every row of a run is checked against: the book's duplicate keys, its reps and
/// the stage words.
fn lookups(
    tx: &rusqlite::Transaction,
    options: &ImportOptions,
    config: &Config,
) -> Result<(duplicates::DuplicateIndex, owners::Owners, stages::StageMap)> {
    Ok((
        duplicates::DuplicateIndex::from_store(&crate::store::import::match_keys(tx)?),
        owners::Owners::load(tx, options.create_reps)?,
        stages::StageMap::new(&options.stage_map, config),
    ))
}

/// A row that was the same customer as one already in the book, and why it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub line: u64,
    pub customer_id: i64,
    pub customer: String,
    /// "phone 138 0013 8000", "email a@b.c", "company Acme", "id 0015000000X"
    pub key: String,
    pub updated: bool,
}

impl Rejection {
    fn at(record: &Record, field: Field, reason: String) -> Rejection {
        Rejection {
            line: record.line,
            column: record.column(field).to_string(),
            reason,
        }
    }
}

/// What a run did (or, with `--dry-run`, would do).
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub path: PathBuf,
    pub format: Option<Format>,
    pub encoding: Option<String>,
    pub separator: Option<char>,
    pub mapping: Vec<String>,
    pub rows: usize,
    /// Customers created (for deals: customers a deal named that were new).
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub rejected: Vec<Rejection>,
    /// Values left out of rows that were imported.
    pub warnings: Vec<Rejection>,
    pub duplicates: Vec<Duplicate>,
    /// People added as contacts of a customer already made for their company.
    pub contacts_added: usize,
    /// Customers imported as lost (their stage said so).
    pub lost: usize,
    /// Extra fields kept, and the columns they came from.
    pub extra_fields: usize,
    pub extra_columns: Vec<String>,
    /// Open rows of a customer that had a further advanced open row, folded into it.
    pub deals_folded: usize,
    /// Rows of a deal already imported (same id), left as they were.
    pub deals_known: usize,
    /// Renewal deals opened for contracts that ended within the last term.
    pub renewals_opened: usize,
    /// The header's line, when title rows stood above it.
    pub header_line: Option<u64>,
    pub deals_won: usize,
    pub deals_lost: usize,
    pub deals_open: usize,
    pub reps_created: Vec<String>,
    pub dry_run: bool,
}

/// Reads the file at `path` and imports it into `store` in one transaction.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    config: &Config,
    clock: &Clock,
) -> Result<ImportReport> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?;
    import_bytes(store, path, bytes, options, config, clock)
}

/// Imports a file already read; `path` names it in messages and decides the format
/// when none is given.
pub fn import_bytes(
    store: &mut Store,
    path: &Path,
    bytes: Vec<u8>,
    options: &ImportOptions,
    config: &Config,
    clock: &Clock,
) -> Result<ImportReport> {
    let file_error = |message: String| Error::ImportFile {
        path: path.to_path_buf(),
        message,
    };
    let mut report = ImportReport {
        path: path.to_path_buf(),
        dry_run: options.dry_run,
        ..ImportReport::default()
    };
    let rows = read_rows(path, bytes, options, &mut report).map_err(file_error)?;
    if rows.len() == 0 {
        return Err(file_error(
            "there are no rows to import (the file is empty or holds only a header)".into(),
        ));
    }
    report.rows = rows.len();
    let tx = store.transaction()?;
    match options.kind {
        Kind::Customers => {
            customers::import(&tx, rows.records(), options, config, clock, &mut report)?
        }
        Kind::Deals => deals::import(&tx, rows.records(), options, config, clock, &mut report)?,
    }
    if options.strict
        && let Some(first) = report.rejected.first().or(report.warnings.first())
    {
        return Err(Error::Import {
            path: path.to_path_buf(),
            line: first.line as usize,
            message: format!(
                "column '{}': {} ({} rows rejected, {} values left out; --strict imports nothing unless every row is good)",
                first.column,
                first.reason,
                report.rejected.len(),
                report.warnings.len()
            ),
        });
    }
    if options.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(report)
}

/// Detects the format and encoding and turns the file into mapped records.
fn read_rows(
    path: &Path,
    bytes: Vec<u8>,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> std::result::Result<Rows, String> {
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
    let choice = ColumnChoice {
        overrides: &options.maps,
        ignore: &options.ignore,
        header_row: options.header_row,
    };
    let mapping = mapping::choose(&table.rows, &choice)?;
    if mapping.has_header
        && table
            .rows
            .first()
            .is_some_and(|r| r.line < mapping.header_line)
    {
        report.header_line = Some(mapping.header_line);
    }
    if mapping.columns.is_empty() && !table.rows.is_empty() {
        return Err(format!(
            "no column could be matched to a field; name them with --map FIELD=COLUMN (columns: {})",
            mapping.headers.join(", ")
        ));
    }
    report.mapping = mapping.describe();
    Ok(Rows::Table(table, mapping))
}

/// The rows of a file, mapped as they are read.
pub enum Rows {
    Table(Table, Mapping),
    Cards(Vec<Record>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Table(t, m) => t.rows.iter().filter(|r| m.is_data(r)).count(),
            Rows::Cards(c) => c.len(),
        }
    }

    pub fn records(&self) -> Box<dyn Iterator<Item = Record> + '_> {
        match self {
            Rows::Table(t, m) => {
                Box::new(t.rows.iter().filter(|r| m.is_data(r)).map(|r| m.record(r)))
            }
            Rows::Cards(c) => Box::new(c.iter().cloned()),
        }
    }
}

fn vcard_mapping() -> Vec<String> {
    [
        ("name", "FN (or N)"),
        ("company", "ORG"),
        ("title", "TITLE"),
        ("phone", "TEL (every one)"),
        ("email", "EMAIL (every one)"),
        ("address", "ADR"),
        ("birthday", "BDAY"),
        ("notes", "NOTE"),
        ("tags", "CATEGORIES"),
    ]
    .into_iter()
    .map(|(f, p)| format!("{f:<10} <- {p}"))
    .collect()
}

/// By extension first, then by the first bytes: a zip is .xlsx, an OLE file is .xls, a
/// BEGIN:VCARD is a vCard, anything else is read as CSV.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "vcf" | "vcard" => return Format::Vcf,
        "xlsx" | "xlsm" => return Format::Xlsx,
        "xls" => return Format::Xls,
        "csv" | "tsv" | "txt" => return Format::Csv,
        _ => {}
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Xlsx;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Format::Xls;
    }
    let head = encoding::decode(
        bytes[..bytes.len().min(4096)].to_vec(),
        EncodingChoice::Auto,
    )
    .map(|d| d.text.to_ascii_uppercase())
    .unwrap_or_default();
    if head.contains("BEGIN:VCARD") {
        Format::Vcf
    } else {
        Format::Csv
    }
}

/// Control characters and undecodable bytes in more than one character in a hundred.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            bad += 1;
        }
    }
    total > 0 && bad * 100 > total
}

#[cfg(test)]
mod tests;
