//! Bringing a book in: customers and contacts from CSV, Excel and vCard files, or a deal
//! pipeline from another CRM. Files are read and mapped here; every write goes through
//! `store` inside one transaction, so a run imports all its good rows or nothing.

mod csv;
mod customers;
mod dates;
mod deals;
mod duplicates;
mod encoding;
mod header_words;
mod headers;
mod mapping;
mod owners;
mod record;
mod rows;
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
use record::Record;
use rows::Rows;

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
    tx: &crate::store::Transaction,
    options: &ImportOptions,
    config: &Config,
) -> Result<(duplicates::DuplicateIndex, owners::Owners, stages::StageMap)> {
    Ok((
        duplicates::DuplicateIndex::from_store(tx)?,
        owners::Owners::load(tx, options.create_reps)?,
        stages::StageMap::new(&options.stage_map, config),
    ))
}

/// How many warnings and duplicates a report names one by one; the rest are counted, so
/// a million-row re-import does not hold a million explanations.
pub const KEPT_DETAILS: usize = 1_000;

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
    /// Values left out of rows that were imported (the first `KEPT_DETAILS`).
    pub warnings: Vec<Rejection>,
    pub warning_count: usize,
    /// Rows found to be customers already (the first `KEPT_DETAILS`).
    pub duplicates: Vec<Duplicate>,
    pub duplicate_count: usize,
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

/// Reads the file at `path` and imports it into `store` in one transaction. A UTF-8
/// CSV is read as a stream, so memory stays flat however long the file is; anything
/// else (or a CSV that turns out not to be UTF-8 after all) is read whole.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    config: &Config,
    clock: &Clock,
) -> Result<ImportReport> {
    let cannot_read = |e| Error::io("cannot read", path, e);
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let head = rows::read_head(&mut file).map_err(cannot_read)?;
    if rows::streamable(path, &head, options) {
        let mut report = new_report(path, options);
        let (rows, broken) =
            rows::read_stream(head, file, options, &mut report).map_err(|m| file_error(path, m))?;
        let run = Run {
            path,
            options,
            config,
            clock,
        };
        if let Some(report) = run.import(store, rows, Some(&broken), report)? {
            return Ok(report);
        }
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
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
    let mut report = new_report(path, options);
    let rows =
        rows::read_bytes(path, bytes, options, &mut report).map_err(|m| file_error(path, m))?;
    let run = Run {
        path,
        options,
        config,
        clock,
    };
    run.import(store, rows, None, report)?
        .ok_or_else(|| file_error(path, "the file changed while it was read".into()))
}

fn new_report(path: &Path, options: &ImportOptions) -> ImportReport {
    ImportReport {
        path: path.to_path_buf(),
        dry_run: options.dry_run,
        ..ImportReport::default()
    }
}

fn file_error(path: &Path, message: String) -> Error {
    Error::ImportFile {
        path: path.to_path_buf(),
        message,
    }
}

/// One run's settings.
struct Run<'a> {
    path: &'a Path,
    options: &'a ImportOptions,
    config: &'a Config,
    clock: &'a Clock,
}

impl Run<'_> {
    /// Imports the rows in one transaction. `None` when the stream met bytes that are
    /// not UTF-8: nothing is kept, and the caller reads the file whole.
    fn import(
        &self,
        store: &mut Store,
        rows: Rows,
        broken: Option<&std::rc::Rc<std::cell::Cell<bool>>>,
        mut report: ImportReport,
    ) -> Result<Option<ImportReport>> {
        let (path, options, config, clock) = (self.path, self.options, self.config, self.clock);
        store.keep_row_undo_in_memory()?;
        let tx = store.transaction()?;
        let mut count = 0usize;
        let records = rows.records().inspect(|_| count += 1);
        match options.kind {
            Kind::Customers => {
                customers::import(&tx, records, options, config, clock, &mut report)?
            }
            Kind::Deals => deals::import(&tx, records, options, config, clock, &mut report)?,
        }
        if broken.is_some_and(|b| b.get()) {
            return Ok(None);
        }
        report.rows = count;
        if count == 0 {
            return Err(file_error(
                path,
                "there are no rows to import (the file is empty or holds only a header)".into(),
            ));
        }
        if options.strict
            && let Some(first) = report.rejected.first().or(report.warnings.first())
        {
            return Err(Error::Import {
                path: path.to_path_buf(),
                line: first.line as usize,
                message: crate::t!(
                    "cfg-column-rows-rejected-values-left-out",
                    a0 = (first.column).to_string(),
                    a1 = (first.reason).to_string(),
                    a2 = (report.rejected.len()).to_string(),
                    a3 = (report.warnings.len()).to_string()
                ),
            });
        }
        if options.dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(Some(report))
    }
}

pub(super) fn vcard_mapping() -> Vec<String> {
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
pub(super) fn looks_binary(text: &str) -> bool {
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
