//! Imports that must not hurt: broken and hostile files, all-or-nothing runs, --strict,
//! --dry-run, duplicates, and random bytes through every reader.

use calldeck::transfer::import::{EncodingChoice, Format, ImportOptions, Kind, OnDuplicate};
use proptest::prelude::*;

mod common;

use common::Db;

const BOOK: &str = "name,company,phone,email,value\n\
                    Zhang San,华美贸易,+86 138 0013 8000,zs@huamei.cn,\"¥1,234.50\"\n\
                    Li Si,东方科技,139 0000 1111,li@dongfang.cn,1.234\n";

fn seeded() -> Db {
    let mut db = Db::new();
    let r = db
        .import_bytes("book.csv", BOOK.as_bytes(), &ImportOptions::default())
        .unwrap();
    assert_eq!(r.created, 2);
    db
}

#[test]
fn hostile_files_are_refused_or_reported_and_never_half_imported() {
    let mut db = seeded();
    let before = db.counts();
    let mut big = vec![b'x'; 10 * 1024 * 1024];
    big.extend_from_slice(b",y\n");
    let (gbk, _, _) = encoding_rs::GBK.encode("姓名,公司,手机\n张三,华美贸易,13800138000\n");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: Vec<(&str, Vec<u8>, Option<Format>)> = vec![
        ("empty.csv", Vec::new(), None),
        ("header.csv", b"name,phone,email\n".to_vec(), None),
        ("garbage.csv", garbage.clone(), None),
        ("garbage.bin", garbage.clone(), None),
        ("garbage.xlsx", garbage.clone(), None),
        ("garbage.xls", garbage.clone(), None),
        ("garbage.vcf", garbage.clone(), None),
        ("zip.xlsx", b"PK\x03\x04broken zip".to_vec(), None),
        ("long.csv", big, None),
        (
            "quotes.csv",
            b"name,phone\n\"Wang Wu,138 0013 8999\nZhao,1\n".to_vec(),
            None,
        ),
        ("empty.vcf", b"BEGIN:VCARD\nEND:VCARD\n".to_vec(), None),
    ];
    for (name, bytes, format) in cases {
        let options = ImportOptions {
            format,
            ..ImportOptions::default()
        };
        match db.import_bytes(name, &bytes, &options) {
            Ok(r) => assert!(r.created + r.skipped + r.rejected.len() == r.rows, "{name}"),
            Err(e) => {
                let msg = e.to_string();
                assert!(!msg.contains('\n'), "{name}: {msg}");
                assert!(msg.contains(name), "{name}: {msg}");
            }
        }
    }
    // The 10 MB line and the row swallowed by an open quote are rejected as too long;
    // nothing else could be read as a customer.
    assert_eq!(db.counts(), before);
    let r = db
        .import_bytes(
            "quotes.csv",
            b"name,phone\n\"Wang Wu,138 0013 8999\nZhao,1\n",
            &ImportOptions::default(),
        )
        .unwrap();
    assert_eq!(r.rows, 1);
    assert!(r.rejected[0].reason.contains("quote"), "{:?}", r.rejected);

    // GBK read as UTF-8 on request is refused with the encoding to use instead.
    let mut db = Db::new();
    let options = ImportOptions {
        encoding: EncodingChoice::parse("utf-8").unwrap(),
        ..ImportOptions::default()
    };
    let err = db
        .import_bytes("gbk.csv", &gbk, &options)
        .unwrap_err()
        .to_string();
    assert!(err.contains("--encoding"), "{err}");
    assert_eq!(db.counts(), Db::new().counts());
    // Detected, it reads as written.
    let r = db
        .import_bytes("gbk.csv", &gbk, &ImportOptions::default())
        .unwrap();
    assert_eq!((r.created, r.encoding.as_deref()), (1, Some("GBK")));
}

#[test]
fn empty_and_header_only_files_say_there_is_nothing_to_import() {
    let mut db = Db::new();
    for bytes in [&b""[..], b"name,phone\n", b"\xEF\xBB\xBF", b"\n\n\n"] {
        let err = db
            .import_bytes("x.csv", bytes, &ImportOptions::default())
            .unwrap_err();
        assert!(err.to_string().contains("no rows to import"), "{err}");
    }
}

#[test]
fn chinese_headers_in_gbk_with_money_dates_and_a_bad_row() {
    let text = "姓名,公司,手机,邮箱,地址,行业,来源,负责人,阶段,金额,生日\n\
                张三,华美贸易有限公司,138-0013-8000,zs@huamei.cn,上海市浦东新区,制造,展会,,3,\"¥1,234.50\",1980/03/21\n\
                李四,东方科技,13900001111,li.dongfang.cn,北京,软件,转介绍,,2,\"1.234,50 €\",\n\
                王五,西部物流,13700001111,,成都,物流,官网,,9,100,\n\
                赵六,南方贸易,13600001111,,广州,贸易,官网,,1,一百,\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let mut db = Db::new();
    let dry = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    let before = db.counts();
    let r = db.import_bytes("客户.csv", &gbk, &dry).unwrap();
    assert_eq!(db.counts(), before, "a dry run writes nothing");
    assert_eq!((r.created, r.rejected.len(), r.warnings.len()), (4, 0, 3));
    assert!(
        r.mapping
            .iter()
            .any(|m| m.contains("phone") && m.contains("手机")),
        "{:?}",
        r.mapping
    );
    let r = db
        .import_bytes("客户.csv", &gbk, &ImportOptions::default())
        .unwrap();
    // A bad value loses that value, not the row with its good phone and email.
    assert_eq!((r.created, r.rejected.len()), (4, 0));
    let where_why: Vec<(u64, &str)> = r
        .warnings
        .iter()
        .map(|x| (x.line, x.column.as_str()))
        .collect();
    assert_eq!(where_why, [(3, "邮箱"), (4, "阶段"), (5, "金额")]);
    let conn = db.sql();
    let row: (String, String, String, String, i64, i64, String) = conn
        .query_row(
            "SELECT name, company, address, industry || '/' || source, stage, value_cents, birthday FROM customers ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "华美贸易有限公司".into(),
            "华美贸易有限公司".into(),
            "上海市浦东新区".into(),
            "制造/展会".into(),
            3,
            123_450,
            "1980-03-21".into()
        )
    );
    // Every imported customer has its one open deal, at the stage from the file.
    let open: (i64, i64) = conn
        .query_row(
            "SELECT stage, value_cents FROM deals WHERE result = 'open' ORDER BY customer_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(open, (3, 123_450));
}

#[test]
fn strict_rejects_the_whole_file_for_one_bad_row() {
    let mut db = seeded();
    let before = db.counts();
    let file = "name,phone\nWang Wu,137 0000 2222\nBad,call me\nZhao Liu,136 0000 3333\n";
    let strict = ImportOptions {
        strict: true,
        ..ImportOptions::default()
    };
    let err = db
        .import_bytes("new.csv", file.as_bytes(), &strict)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 3") && err.contains("phone") && err.contains("--strict"),
        "{err}"
    );
    assert_eq!(db.counts(), before);
    let r = db
        .import_bytes("new.csv", file.as_bytes(), &ImportOptions::default())
        .unwrap();
    assert_eq!((r.created, r.rejected.len()), (3, 0));
    assert_eq!(r.warnings[0].line, 3);
}

#[test]
fn a_run_that_fails_halfway_leaves_the_database_as_it_was() {
    let mut db = seeded();
    // The database refuses the third row outright, as a full disk would.
    db.sql()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON customers WHEN NEW.name = 'Boom'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    let before = db.counts();
    let file = "name,phone\nWang Wu,137 0000 2222\nZhao Liu,136 0000 3333\nBoom,135 0000 4444\nQian,134 0000 5555\n";
    let err = db.import_bytes("new.csv", file.as_bytes(), &ImportOptions::default());
    assert!(err.is_err());
    assert_eq!(db.counts(), before);
}

#[test]
fn duplicates_are_skipped_or_updated_with_history() {
    let mut db = seeded();
    let again = "姓名,公司,电话,邮箱,地址\n\
                 张三,华美贸易,0086 13800138000,,上海\n\
                 Li Si,,,LI@DONGFANG.CN,北京\n\
                 Someone,ＥＡＳＴ　Ｃｏ,,,\n\
                 Someone,East Co,,,\n";
    let r = db
        .import_bytes("again.csv", again.as_bytes(), &ImportOptions::default())
        .unwrap();
    // Full-width "ＥＡＳＴ　Ｃｏ" is new, and "East Co" then matches it.
    assert_eq!((r.created, r.skipped, r.updated), (1, 3, 0));
    let update = ImportOptions {
        on_duplicate: OnDuplicate::Update,
        ..ImportOptions::default()
    };
    let r = db
        .import_bytes("again.csv", again.as_bytes(), &update)
        .unwrap();
    assert_eq!((r.updated, r.skipped), (2, 2), "{r:?}");
    let conn = db.sql();
    let history: Vec<(String, String, String, String)> = conn
        .prepare("SELECT field, old_value, new_value, source FROM customer_history WHERE customer_id = 1 ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let entry = |f: &str, o: &str, n: &str| {
        (
            f.to_string(),
            o.to_string(),
            n.to_string(),
            "import".to_string(),
        )
    };
    // The number is the same one written with its country code: no new contact; the
    // customer keeps its company's name.
    assert_eq!(history, [entry("address", "", "上海")]);
    let address: String = conn
        .query_row("SELECT address FROM customers WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(address, "上海");
    // Updating again changes nothing, so nothing more is recorded.
    let n = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM customer_history", [], |r| r.get(0))
            .unwrap()
    };
    let before = n(&conn);
    let r = db
        .import_bytes("again.csv", again.as_bytes(), &update)
        .unwrap();
    assert_eq!((r.updated, r.skipped), (0, 4));
    assert_eq!(n(&conn), before);
}

#[test]
fn excel_workbooks_first_sheet_or_named_with_dates_and_numbers() {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let mut wb = Workbook::new();
    let first = wb.add_worksheet();
    first.set_name("Notes").unwrap();
    first.write_string(0, 0, "nothing here").unwrap();
    let sheet = wb.add_worksheet();
    sheet.set_name("客户").unwrap();
    for (col, h) in ["姓名", "公司", "手机", "金额", "生日", "下次联系"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(1, 0, "张三").unwrap();
    sheet.write_string(1, 1, "华美贸易").unwrap();
    sheet.write_number(1, 2, 13_800_138_000.0).unwrap();
    sheet.write_number(1, 3, 1234.5).unwrap();
    let bday = ExcelDateTime::from_ymd(1980, 3, 21).unwrap();
    sheet
        .write_datetime_with_format(1, 4, &bday, &date)
        .unwrap();
    // A date typed as a plain serial number.
    sheet.write_number(1, 5, 46_358.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();

    let mut db = Db::new();
    let options = ImportOptions {
        sheet: Some("客户".into()),
        ..ImportOptions::default()
    };
    let r = db.import_bytes("book.xlsx", &bytes, &options).unwrap();
    assert_eq!((r.format, r.created), (Some(Format::Xlsx), 1), "{r:?}");
    let row: (String, i64, String, String, String) = db
        .sql()
        .query_row(
            "SELECT c.name, c.value_cents, c.birthday, c.next_call_date, k.phone FROM customers c JOIN contacts k ON k.customer_id = c.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "华美贸易".into(),
            123_450,
            "1980-03-21".into(),
            "2026-12-02".into(),
            "13800138000".into()
        )
    );
    // Without --sheet the first sheet is read.
    let r = Db::new()
        .import_bytes("book.xlsx", &bytes, &ImportOptions::default())
        .unwrap();
    assert_eq!(r.rows, 1);
    let err = Db::new()
        .import_bytes(
            "book.xlsx",
            &bytes,
            &ImportOptions {
                sheet: Some("Nope".into()),
                ..ImportOptions::default()
            },
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("客户"), "{err}");
}

#[test]
fn deals_need_a_close_date_and_known_owners_unless_asked_to_create_them() {
    let mut db = Db::new();
    let file = "company,owner,stage,closed,value\nAcme,Ann,won,2026-11-02,100\nBeta,Bob,lost,,5\n";
    let deals = ImportOptions {
        kind: Kind::Deals,
        ..ImportOptions::default()
    };
    let r = db.import_bytes("p.csv", file.as_bytes(), &deals).unwrap();
    assert_eq!(r.rejected.len(), 2);
    assert!(r.rejected[0].reason.contains("--create-reps"));
    assert_eq!(r.rejected[1].column, "closed");
    let create = ImportOptions {
        create_reps: true,
        ..deals
    };
    let r = db.import_bytes("p.csv", file.as_bytes(), &create).unwrap();
    assert_eq!((r.deals_won, r.rejected.len()), (1, 1));
    assert_eq!(r.reps_created, ["Ann"]);
}

fn any_format() -> impl Strategy<Value = Option<Format>> {
    prop_oneof![
        Just(None),
        Just(Some(Format::Csv)),
        Just(Some(Format::Vcf)),
        Just(Some(Format::Xlsx)),
        Just(Some(Format::Xls)),
    ]
}

fn text_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just(&b"BEGIN:VCARD\r\n"[..]),
        Just(&b"END:VCARD\n"[..]),
        Just(&b"TEL;TYPE=CELL:"[..]),
        Just(&b"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8"[..]),
        Just(&b"=\r\n"[..]),
        Just(&b"name,phone,stage,value,closed\n"[..]),
        Just(&b"\""[..]),
        Just(&b";\t,"[..]),
        Just(&b"\xFF\xFE"[..]),
        Just(&b"\x00"[..]),
        Just("张三,¥1,234.50,赢单,2026/13/45".as_bytes()),
    ];
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(<[u8]>::to_vec),
            prop::collection::vec(any::<u8>(), 0..16)
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_any_reader(
        bytes in prop_oneof![prop::collection::vec(any::<u8>(), 0..2048), text_like()],
        format in any_format(),
        deals in any::<bool>(),
    ) {
        let mut db = Db::new();
        let options = ImportOptions {
            format,
            kind: if deals { Kind::Deals } else { Kind::Customers },
            create_reps: true,
            ..ImportOptions::default()
        };
        let _ = db.import_bytes("fuzz", &bytes, &options);
        prop_assert!(db.store.check().unwrap().is_empty());
    }
}

#[test]
fn a_customer_sheet_can_say_a_customer_is_already_won() {
    let mut db = Db::new();
    let file = "name,stage,closed,value,next_call\n\
                Acme,closed won,2026-10-01,\"$5,000\",\n\
                Beta,4,,100,2026-12-01 15:30\n\
                Gamma,lost,,,\n";
    let r = db
        .import_bytes("won.csv", file.as_bytes(), &ImportOptions::default())
        .unwrap();
    // A lost stage imports a lost customer.
    assert_eq!((r.created, r.rejected.len(), r.lost), (3, 0, 1));
    let conn = db.sql();
    let acme: (i64, i64, String, String) = conn
        .query_row(
            "SELECT c.stage, k.value_cents, k.start_on, k.end_on FROM customers c JOIN contracts k ON k.customer_id = c.id WHERE c.name = 'Acme'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(acme, (6, 500_000, "2026-10-01".into(), "2027-09-30".into()));
    let beta: (i64, String, String) = conn
        .query_row(
            "SELECT stage, next_call_date, next_call_time FROM customers WHERE name = 'Beta'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(beta, (4, "2026-12-01".into(), "15:30".into()));
    assert!(db.store.check().unwrap().is_empty());
}

fn small_workbook() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        for (col, h) in ["name", "phone", "value"].iter().enumerate() {
            sheet.write_string(0, col as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "Acme").unwrap();
        sheet.write_number(1, 1, 13_800_138_000.0).unwrap();
        sheet.write_number(1, 2, 12.5).unwrap();
        wb.save_to_buffer().unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn damaged_workbooks_are_errors_not_panics(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = small_workbook().to_vec();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let mut db = Db::new();
        let before = db.counts();
        match db.import_bytes("book.xlsx", &bytes, &ImportOptions::default()) {
            Ok(r) => prop_assert!(r.created <= 1),
            Err(_) => prop_assert_eq!(db.counts(), before),
        }
    }
}

#[test]
fn a_pipeline_finds_customers_added_by_name_alone() {
    let mut db = Db::new();
    let sheet = "客户名称,手机\n华美贸易,138 0013 8000\n";
    db.import_bytes("book.csv", sheet.as_bytes(), &ImportOptions::default())
        .unwrap();
    let deals = ImportOptions {
        kind: Kind::Deals,
        ..ImportOptions::default()
    };
    let pipeline = "公司,阶段,金额\n华美贸易,4,\"¥80,000\"\n";
    let r = db
        .import_bytes("deals.csv", pipeline.as_bytes(), &deals)
        .unwrap();
    assert_eq!((r.created, r.deals_open), (0, 1));
    let stage: i64 = db
        .sql()
        .query_row(
            "SELECT stage FROM customers WHERE name = '华美贸易'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stage, 4);
}

/// `tests/fixtures/book.xls` (written with Python's xlwt 1.3): an Excel 97-2003 workbook
/// (BIFF8) with a sheet "客户" of three rows, the last with a phone that holds words.
#[test]
fn an_excel_97_workbook() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book.xls");
    let mut db = Db::new();
    let r = db.import(&path, &ImportOptions::default()).unwrap();
    assert_eq!(
        (r.format, r.created, r.rejected.len()),
        (Some(Format::Xls), 3, 0),
        "{r:?}"
    );
    assert_eq!(
        (r.warnings[0].line, r.warnings[0].column.as_str()),
        (4, "手机")
    );
    let rows: Vec<(String, i64, String, String)> = db
        .sql()
        .prepare(
            "SELECT c.name, c.value_cents, c.birthday, k.phone FROM customers c JOIN contacts k ON k.customer_id = c.id WHERE k.phone <> '' ORDER BY c.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            (
                "华美贸易".into(),
                123_450,
                "1980-03-21".into(),
                "13800138000".into()
            ),
            (
                "Dongfang Tech".into(),
                200_000,
                "1975-12-01".into(),
                "+86 139 0000 1111".into()
            ),
        ]
    );
}
