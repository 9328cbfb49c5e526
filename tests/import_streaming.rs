//! A CSV read from disk as a stream gives the same result as one read whole, and a file
//! that turns out not to be UTF-8 after its first 64 KiB is read again whole.

use calldeck::transfer::import::ImportOptions;

mod common;

use common::Db;

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_gbk_tail_after_an_ascii_head_is_still_read_right() {
    let mut text = String::from("name,phone,notes\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "Customer {i},138{i:08},plain ascii notes for row {i}\n"
        ));
    }
    assert!(text.len() > 64 * 1024);
    text.push_str("北京示例科技有限公司,13900000001,重点客户\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "mixed.csv", &gbk);
    let mut db = Db::new();
    let r = db.import(&path, &ImportOptions::default()).unwrap();
    assert_eq!((r.created, r.rows), (3_001, 3_001));
    assert_eq!(r.encoding.as_deref(), Some("GBK"));
    assert_eq!(
        db.count("SELECT count(*) FROM customers WHERE name = '北京示例科技有限公司'"),
        1
    );
}

#[test]
fn streamed_and_whole_reads_agree_on_lines_and_values() {
    let text = "\u{feff}Report: customers\n\nname,phone,notes\n\"Acme\",010 1234 5678,\"two\nlines\"\n\n\nBeta,020 8765 4321,x\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "book.csv", text.as_bytes());
    let mut streamed = Db::new();
    let a = streamed.import(&path, &ImportOptions::default()).unwrap();
    let mut whole = Db::new();
    let b = whole
        .import_bytes("book.csv", text.as_bytes(), &ImportOptions::default())
        .unwrap();
    assert_eq!((a.rows, a.created, a.header_line), (2, 2, Some(3)));
    assert_eq!(
        (a.rows, a.created, a.header_line, a.mapping.clone()),
        (b.rows, b.created, b.header_line, b.mapping.clone())
    );
    let notes = |db: &Db| -> String {
        db.sql()
            .query_row("SELECT notes FROM customers WHERE name = 'Acme'", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(notes(&streamed), "two\nlines");
    assert_eq!(notes(&streamed), notes(&whole));
}
