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

pub fn read(bytes: Vec<u8>, kind: Workbook, sheet: Option<&str>) -> Result<Table, String> {
    // The spreadsheet readers are large and were not written for hostile files; a panic
    // inside them becomes an ordinary "cannot read" error instead of ending the program.
    // The default hook would print the reader's panic on the screen before our one-line
    // error; it is silenced for the read and put back after.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(move || read_inner(bytes, kind, sheet.map(String::from)));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|_| Err("the workbook is damaged and cannot be read".to_string()))
}

fn read_inner(bytes: Vec<u8>, kind: Workbook, sheet: Option<String>) -> Result<Table, String> {
    let cursor = Cursor::new(bytes);
    let range = match kind {
        Workbook::Xlsx => {
            let mut wb: Xlsx<_> = open_workbook_from_rs(cursor)
                .map_err(|e| format!("not a readable .xlsx workbook ({e})"))?;
            pick_sheet(&mut wb, sheet.as_deref())?
        }
        Workbook::Xls => {
            let mut wb: Xls<_> = open_workbook_from_rs(cursor)
                .map_err(|e| format!("not a readable .xls workbook ({e})"))?;
            pick_sheet(&mut wb, sheet.as_deref())?
        }
    };
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

fn pick_sheet<R>(wb: &mut R, sheet: Option<&str>) -> Result<calamine::Range<Data>, String>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let names = wb.sheet_names();
    let name = match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(want.trim()))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet '{want}'; its sheets are: {}",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    wb.worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet '{name}' ({e})"))
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
