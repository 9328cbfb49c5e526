//! Workbooks that would take more memory than a laptop has are refused before they are
//! read: a cap on what the zip unpacks to and one on a sheet's cells, both adjustable.

use calldeck::transfer::import::ImportOptions;

mod common;

use common::Db;

fn sheet(rows: u32, cols: u16) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for c in 0..cols {
        ws.write_string(0, c, format!("col{c}")).unwrap();
    }
    ws.write_string(0, 0, "name").unwrap();
    for r in 1..=rows {
        for c in 0..cols {
            ws.write_string(r, c, format!("v{r}-{c}")).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_sheet_with_more_cells_than_allowed_is_refused_and_nothing_written() {
    let bytes = sheet(200, 10);
    let mut db = Db::new();
    let before = db.counts();
    let capped = ImportOptions {
        max_cells: 1_000,
        ..ImportOptions::default()
    };
    let err = db
        .import_bytes("big.xlsx", &bytes, &capped)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("more than 1000 cells") && err.contains("--max-cells"),
        "{err}"
    );
    assert_eq!(db.counts(), before);
    let r = db
        .import_bytes("big.xlsx", &bytes, &ImportOptions::default())
        .unwrap();
    assert_eq!(r.created, 200);
}

#[test]
fn a_workbook_that_unpacks_too_large_is_refused_before_it_is_read() {
    let bytes = sheet(50, 4);
    let mut db = Db::new();
    let capped = ImportOptions {
        max_unzipped_bytes: 2_000,
        ..ImportOptions::default()
    };
    let err = db
        .import_bytes("bomb.xlsx", &bytes, &capped)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("would unpack to") && err.contains("--max-unzipped-mb"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_zip_whose_sheet_claims_gigabytes_is_refused_at_once() {
    use std::io::Write;
    // A real (tiny) workbook's parts, with the sheet's declared size set to 3 GiB as a
    // zip bomb would have it.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        zip.write_all(b"<worksheet/>").unwrap();
        zip.finish().unwrap();
    }
    let mut bytes = buf.into_inner();
    let cd = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[cd + 24..cd + 28].copy_from_slice(&(3u32 << 30).to_le_bytes());
    let mut db = Db::new();
    let err = db
        .import_bytes("bomb.xlsx", &bytes, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("would unpack to 3072 MB"), "{err}");
}

#[test]
fn a_workbook_with_title_rows_above_its_header_on_row_four() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "客户名单 2026").unwrap();
    ws.write_string(1, 0, "导出时间：2026-11-20").unwrap();
    for (c, h) in ["客户名称", "联系人", "手机", "微信"].iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (c, v) in ["华美贸易", "张三", "13800138000", "zs_wx"]
        .iter()
        .enumerate()
    {
        ws.write_string(4, c as u16, *v).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut db = Db::new();
    let r = db
        .import_bytes("titled.xlsx", &bytes, &ImportOptions::default())
        .unwrap();
    assert_eq!((r.header_line, r.rows, r.created), (Some(4), 1, 1), "{r:?}");
    assert_eq!(
        db.count("SELECT count(*) FROM customer_fields WHERE name = '微信' AND value = 'zs_wx'"),
        1
    );
}
