//! Excel workbooks (.xlsx, .xls) into rows of cells: the first sheet, or the one named.

use std::io::Cursor;

use calamine::{Data, Reader, Xls, Xlsx, open_workbook_from_rs};

use super::dates::from_excel_days;
use super::table::{SourceRow, Table};

/// Which Excel container the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workbook {
    Xlsx,
    Xls,
}

/// What a workbook may hold before it is refused: a small file can inflate to gigabytes
/// (a "zip bomb"), and a sheet's cells are all held while its rows are mapped.
#[derive(Debug, Clone)]
pub struct Limits {
    pub sheet: Option<String>,
    pub max_unzipped_bytes: u64,
    pub max_cells: u64,
}

impl Limits {
    pub fn of(options: &super::ImportOptions) -> Limits {
        Limits {
            sheet: options.sheet.clone(),
            max_unzipped_bytes: options.max_unzipped_bytes,
            max_cells: options.max_cells,
        }
    }
}

pub fn read(bytes: Vec<u8>, kind: Workbook, limits: &Limits) -> Result<Table, String> {
    if kind == Workbook::Xlsx {
        check_unzipped_size(&bytes, limits.max_unzipped_bytes)?;
    }
    // The spreadsheet readers are large and were not written for hostile files; a panic
    // inside them becomes an ordinary "cannot read" error instead of ending the program.
    // The default hook would print the reader's panic on the screen before our one-line
    // error; it is silenced for the read and put back after.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let limits = limits.clone();
    let result = std::panic::catch_unwind(move || read_inner(bytes, kind, &limits));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|_| Err("the workbook is damaged and cannot be read".to_string()))
}

/// Sums the sizes the zip's central directory declares for its members, before any is
/// inflated. A member whose size needs ZIP64 counts as too large.
fn check_unzipped_size(bytes: &[u8], max: u64) -> Result<(), String> {
    let refuse = |total: u64| {
        Err(crate::t!(
            "cfg-the-workbook-would-unpack-to-mb",
            a0 = (total.div_ceil(1024 * 1024)).to_string(),
            a1 = (max / (1024 * 1024)).to_string()
        ))
    };
    let u16_at = |i: usize| {
        bytes
            .get(i..i + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |i: usize| {
        bytes
            .get(i..i + 4)
            .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
    let from = bytes.len().saturating_sub(65_557);
    let Some(eocd) = (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
    else {
        // Not a zip the size of which can be read: the reader reports what is wrong.
        return Ok(());
    };
    let (Some(entries), Some(start)) = (u16_at(eocd + 10), u32_at(eocd + 16)) else {
        return Ok(());
    };
    let mut at = start as usize;
    let mut total = 0u64;
    for _ in 0..entries {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
            break;
        }
        let (Some(size), Some(n), Some(x), Some(c)) = (
            u32_at(at + 24),
            u16_at(at + 28),
            u16_at(at + 30),
            u16_at(at + 32),
        ) else {
            break;
        };
        if size == u64::from(u32::MAX) {
            return refuse(u64::from(u32::MAX));
        }
        total += size;
        if total > max {
            return refuse(total);
        }
        at += 46 + (n + x + c) as usize;
    }
    Ok(())
}

fn too_many_cells(count: u64, max: u64) -> String {
    crate::t!(
        "cfg-the-sheet-holds-more-than-cells",
        max = max.to_string(),
        count = count.to_string()
    )
}

fn read_inner(bytes: Vec<u8>, kind: Workbook, limits: &Limits) -> Result<Table, String> {
    let cursor = Cursor::new(bytes);
    let sheet = limits.sheet.as_deref();
    let range = match kind {
        Workbook::Xlsx => {
            let mut wb: Xlsx<_> =
                open_workbook_from_rs(cursor).map_err(|e: calamine::XlsxError| {
                    crate::t!("cfg-not-a-readable-xlsx-workbook", e = e.to_string())
                })?;
            let name = sheet_name(&wb.sheet_names(), sheet)?;
            return read_xlsx_cells(&mut wb, &name, limits.max_cells);
        }
        Workbook::Xls => {
            let mut wb: Xls<_> =
                open_workbook_from_rs(cursor).map_err(|e: calamine::XlsError| {
                    crate::t!("cfg-not-a-readable-xls-workbook", e = e.to_string())
                })?;
            pick_sheet(&mut wb, sheet)?
        }
    };
    let (height, width) = range.get_size();
    let cells = (height as u64).saturating_mul(width as u64);
    if cells > limits.max_cells {
        return Err(too_many_cells(cells, limits.max_cells));
    }
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| SourceRow {
            line: first_row + i as u64 + 1,
            cells: cells.iter().map(cell_text).collect(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Table {
        rows,
        separator: None,
    })
}

/// Reads a sheet cell by cell, so a sheet that claims a vast size or holds too many
/// cells is refused before it is held.
fn read_xlsx_cells(
    wb: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
    max_cells: u64,
) -> Result<Table, String> {
    let mut reader = wb.worksheet_cells_reader(name).map_err(|e| {
        crate::t!(
            "cfg-cannot-read-sheet",
            name = name.to_string(),
            e = e.to_string()
        )
    })?;
    let mut rows: Vec<SourceRow> = Vec::new();
    let mut count = 0u64;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                return Err(crate::t!(
                    "cfg-cannot-read-sheet",
                    name = name.to_string(),
                    e = e.to_string()
                ));
            }
        };
        let (row, col) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.trim().is_empty() {
            continue;
        }
        count += 1;
        if count > max_cells || col as u64 > 16_384 {
            return Err(too_many_cells(count, max_cells));
        }
        let line = u64::from(row) + 1;
        if rows.last().is_none_or(|r| r.line != line) {
            rows.push(SourceRow {
                line,
                cells: Vec::new(),
            });
        }
        if let Some(r) = rows.last_mut() {
            let col = col as usize;
            if r.cells.len() <= col {
                r.cells.resize(col + 1, String::new());
            }
            r.cells[col] = text;
        }
    }
    Ok(Table {
        rows,
        separator: None,
    })
}

fn sheet_name(names: &[String], sheet: Option<&str>) -> Result<String, String> {
    match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(want.trim()))
            .cloned()
            .ok_or_else(|| {
                crate::t!(
                    "cfg-the-workbook-has-no-sheet-its",
                    want = want.to_string(),
                    a0 = (names.join(", ")).to_string()
                )
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string()),
    }
}

fn pick_sheet<R>(wb: &mut R, sheet: Option<&str>) -> Result<calamine::Range<Data>, String>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let name = sheet_name(&wb.sheet_names(), sheet)?;
    wb.worksheet_range(&name).map_err(|e| {
        crate::t!(
            "cfg-cannot-read-sheet",
            name = name.to_string(),
            e = e.to_string()
        )
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Float(f) => number_text(*f),
        Data::DateTime(dt) if dt.is_datetime() => from_excel_days(dt.as_f64())
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| number_text(dt.as_f64())),
        Data::DateTime(dt) => number_text(dt.as_f64()),
    }
}

/// Whole numbers without ".0", so phone numbers and ids typed as numbers read back as typed.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}
