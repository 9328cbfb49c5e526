//! The shape every spreadsheet-like file is read into before its columns are mapped.

/// One row of cells and the line (CSV) or row number (Excel) it starts on, counted from 1.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// All rows of a file, the header row (if any) still among them.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<SourceRow>,
    /// The CSV separator found, for the dry-run report.
    pub separator: Option<char>,
}
