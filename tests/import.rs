//! Importing real files from other programs and hostile ones, through the library:
//! every run on its own temporary database with a fixed clock.

use std::collections::BTreeMap;
use std::path::PathBuf;

use calldeck::clock::Clock;
use calldeck::transfer::import::{Field, Format, ImportOptions, Kind, StageValue};
use chrono::{NaiveDate, Weekday};
use serde_json::Value;

mod common;

use common::{Db, NOW, data};

fn expected(key: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(data("thunderbird-addressbook/addressbook.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json[key].as_array().unwrap().clone()
}

#[test]
fn thunderbird_csvs_give_the_values_thunderbird_expects() {
    let cases = [
        ("basic_addressbook.csv", "utf16_csv"),
        ("basic_csv_addressbook.csv", "csv_import"),
        ("csv_semicolon.csv", "csv_import"),
        ("csv_no_header.csv", "csv_import"),
        ("shiftjis_addressbook.csv", "shiftjis_csv"),
        ("utf16_addressbook.csv", "utf16_csv"),
        ("quote.csv", "quote_csv"),
    ];
    for (file, key) in cases {
        let mut db = Db::new();
        let report = db
            .import(
                &data(&format!("thunderbird-addressbook/{file}")),
                &ImportOptions::default(),
            )
            .unwrap();
        let want = expected(key);
        assert!(report.rejected.is_empty(), "{file}: {:?}", report.rejected);
        assert_eq!(report.created, want.len(), "{file}");
        let got = db.customers();
        for (row, w) in got.iter().zip(&want) {
            assert_eq!(row.0, w["DisplayName"].as_str().unwrap(), "{file}");
            assert_eq!(row.3, w["PrimaryEmail"].as_str().unwrap_or(""), "{file}");
        }
    }
}

#[test]
fn thunderbird_details_multiline_fields_and_encodings() {
    // Quoted fields with doubled quotes, a TAB, CR and LF inside, and UTF-8 punctuation.
    let mut db = Db::new();
    let file = data("thunderbird-addressbook/export.csv");
    db.import(&file, &ImportOptions::default()).unwrap();
    let got = db.customers();
    assert_eq!(got[0].0, "contact number one");
    assert_eq!(got[1].3, "contact2@invalid");
    let notes: String = db
        .sql()
        .query_row("SELECT notes FROM customers WHERE id = 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(notes, "Title: \"worker\"\nhere's some unicode text…");
    let mut db = Db::new();
    let options = ImportOptions {
        maps: vec![
            (Field::Notes, "Custom 4".into()),
            (Field::Tags, "Custom 2".into()),
        ],
        ..ImportOptions::default()
    };
    db.import(&file, &options).unwrap();
    let (notes, tags): (String, String) = db
        .sql()
        .query_row("SELECT notes, tags FROM customers WHERE id = 2", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (notes.as_str(), tags.as_str()),
        ("Title: \"worker\"\ncustom\n4", "custom\t2")
    );

    for (file, encoding, separator) in [
        ("utf16_addressbook.csv", "UTF-16LE", ','),
        ("shiftjis_addressbook.csv", "Shift_JIS", ','),
        ("csv_semicolon.csv", "UTF-8", ';'),
    ] {
        let file = data(&format!("thunderbird-addressbook/{file}"));
        let report = Db::new().import(&file, &ImportOptions::default()).unwrap();
        assert_eq!(report.encoding.as_deref(), Some(encoding));
        assert_eq!(report.separator, Some(separator));
    }

    let mut db = Db::new();
    let report = db
        .import(
            &data("thunderbird-addressbook/tab_comma_mixed.csv"),
            &ImportOptions::default(),
        )
        .unwrap();
    assert_eq!(report.created, 4);
    let emails: Vec<String> = db.customers().into_iter().map(|c| c.3).collect();
    assert_eq!(
        emails,
        [
            "1@host.invalid",
            "2@host.invalid",
            "3@host.invalid",
            "4@host.invalid"
        ]
    );
}

#[test]
fn thunderbird_vcards_give_the_values_thunderbird_expects() {
    for (file, key) in [
        ("basic_vcard_addressbook.vcf", "vcard_import"),
        ("emptylines_vcard_addressbook.vcf", "vcard_import"),
        ("dos_vcard_addressbook.vcf", "dos_vcard_import"),
    ] {
        let mut db = Db::new();
        let report = db
            .import(
                &data(&format!("thunderbird-addressbook/{file}")),
                &ImportOptions::default(),
            )
            .unwrap();
        assert_eq!(report.format, Some(Format::Vcf));
        let want = expected(key);
        let got = db.customers();
        assert_eq!(got.len(), want.len(), "{file}");
        for (row, w) in got.iter().zip(&want) {
            assert_eq!(row.0, w["DisplayName"].as_str().unwrap(), "{file}");
            assert_eq!(row.3, w["PrimaryEmail"].as_str().unwrap(), "{file}");
        }
    }
}

#[test]
fn phone_vcards_with_shift_jis_quoted_printable_and_many_numbers() {
    let mut db = Db::new();
    for file in [
        "aosp-vcard/v21_japanese_1.vcf",
        "aosp-vcard/v21_japanese_2.vcf",
        "aosp-vcard/v30_japanese.vcf",
        "aosp-vcard/v40_sort_as.vcf",
        "aosp-vcard/v21_invalid_comment_line.vcf",
    ] {
        let report = db.import(&data(file), &ImportOptions::default()).unwrap();
        assert_eq!(report.created, 1, "{file}: {report:?}");
    }
    let conn = db.sql();
    let rows: Vec<(String, String, String, String)> = conn
        .prepare("SELECT name, company, address, notes FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(rows[0].0, "安藤ロイド");
    assert_eq!(rows[1].0, "安藤 ロイド 1");
    assert_eq!(
        rows[1].2,
        "東京都渋谷区桜丘町26-1セルリアンタワー6階, 150-8512"
    );
    assert_eq!(rows[1].3, "メモ");
    assert_eq!(rows[2].0, "伊能 圭一 伊予");
    assert_eq!(
        (rows[3].0.as_str(), rows[3].1.as_str()),
        ("安藤 ロイド", "グーグル")
    );
    assert!(rows[4].3.contains("(sharp ->#<- sharp)"), "{}", rows[4].3);
    assert_eq!(
        db.count("SELECT count(*) FROM contacts WHERE phone = '0300000000'"),
        1
    );
}

#[test]
fn every_vcard_from_phones_and_mail_programs_imports_or_is_reported() {
    let mut db = Db::new();
    let mut files: Vec<PathBuf> = ["ez-vcard", "aosp-vcard"]
        .iter()
        .flat_map(|d| std::fs::read_dir(data(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "vcf"))
        .collect();
    files.sort();
    assert!(files.len() >= 30);
    for file in &files {
        let report = db.import(file, &ImportOptions::default()).unwrap();
        let handled = report.created + report.skipped + report.rejected.len();
        assert_eq!(handled, report.rows, "{}", file.display());
        for r in &report.rejected {
            assert!(r.line >= 1 && !r.column.is_empty() && !r.reason.is_empty());
        }
    }
    // A vCard 4.0 tel: URI with an extension: the number dials, the extension is kept.
    assert_eq!(
        db.count(
            "SELECT count(*) FROM contacts WHERE phone = '+1-418-656-9254' AND extension = '102'"
        ),
        1
    );
    // The iPhone card keeps its several numbers, its company and title.
    let mut db = Db::new();
    db.import(
        &data("ez-vcard/John_Doe_IPHONE.vcf"),
        &ImportOptions::default(),
    )
    .unwrap();
    let conn = db.sql();
    let (id, notes): (i64, String) = conn
        .query_row(
            "SELECT id, notes FROM customers WHERE company = 'IBM'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(notes.contains("Title: Money Counter"));
    let phones: i64 = conn
        .query_row(
            "SELECT count(*) FROM contacts WHERE customer_id = ?1 AND phone <> ''",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(phones >= 5, "{phones}");
    let fax: String = conn
        .query_row(
            "SELECT name FROM contacts WHERE phone = '905-888-1234'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fax, "Mr. John Richter James Doe Sr. · home fax");
}

/// Won and lost per rep, (count, cents) each, for deals closed from `from` to `to`.
type Tally = BTreeMap<(String, String), (i64, i64)>;

fn tally_csv(from: NaiveDate, to: NaiveDate) -> Tally {
    let mut reader =
        csv::Reader::from_path(data("maven-crm-sales-opportunities/sales_pipeline.csv")).unwrap();
    let mut out = Tally::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (agent, stage, closed, value) = (&row[1], &row[4], &row[6], &row[7]);
        if !matches!(stage, "Won" | "Lost") {
            continue;
        }
        let closed = NaiveDate::parse_from_str(closed, "%Y-%m-%d").unwrap();
        if closed < from || closed > to {
            continue;
        }
        let e = out
            .entry((agent.to_string(), stage.to_lowercase()))
            .or_default();
        e.0 += 1;
        e.1 += value.parse::<i64>().unwrap() * 100;
    }
    out
}

fn tally_db(db: &Db, from: NaiveDate, to: NaiveDate) -> Tally {
    let conn = db.sql();
    let mut stmt = conn
        .prepare(
            "SELECT r.name, d.result, count(*), sum(d.value_cents) FROM deals d JOIN reps r ON r.id = d.owner_id
             WHERE d.result <> 'open' AND d.closed_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        )
        .unwrap();
    stmt.query_map([from.to_string(), to.to_string()], |r| {
        Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?)))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn a_crm_pipeline_keeps_each_weeks_wins_and_losses_per_rep() {
    let mut db = Db::new();
    let accounts = db
        .import(
            &data("maven-crm-sales-opportunities/accounts.csv"),
            &ImportOptions::default(),
        )
        .unwrap();
    assert_eq!((accounts.created, accounts.rejected.len()), (85, 0));
    let options = ImportOptions {
        kind: Kind::Deals,
        create_reps: true,
        stage_map: vec![
            ("Prospecting".into(), StageValue::Open(1)),
            ("Engaging".into(), StageValue::Open(2)),
        ],
        ..ImportOptions::default()
    };
    let report = db
        .import(
            &data("maven-crm-sales-opportunities/sales_pipeline.csv"),
            &options,
        )
        .unwrap();
    assert_eq!((report.deals_won, report.deals_lost), (4238, 2473));
    // Rows without an account cannot belong to a customer; they are all open deals.
    assert_eq!(report.rejected.len(), 1425);
    assert!(report.rejected.iter().all(|r| r.column == "account"));
    assert_eq!(
        report.created, 0,
        "every deal's account was imported before"
    );
    assert_eq!(report.reps_created.len(), 30);
    assert_eq!(db.count("SELECT count(*) FROM contracts"), 4238);
    assert_eq!(db.count("SELECT count(*) FROM customers"), 85);
    assert_eq!(
        db.count("SELECT count(*) FROM (SELECT customer_id FROM deals WHERE result = 'open' GROUP BY 1 HAVING count(*) > 1)"),
        0
    );
    let config = calldeck::config::Config::default();
    let clock = Clock::parse(NOW).unwrap();
    for week in [10, 23, 40, 51] {
        let from = NaiveDate::from_isoywd_opt(2017, week, Weekday::Mon).unwrap();
        let to = NaiveDate::from_isoywd_opt(2017, week, Weekday::Sun).unwrap();
        let want = tally_csv(from, to);
        assert!(!want.is_empty(), "week {week}");
        assert_eq!(tally_db(&db, from, to), want, "week {week}");
        // The weekly summary of that week shows the same wins and losses per rep.
        let report = calldeck::report::weekly(
            &db.store,
            &config,
            &clock,
            calldeck::report::Week::parse(&format!("2017-W{week:02}")).unwrap(),
            &calldeck::report::Scope::Team,
        )
        .unwrap();
        let mut from_report = Tally::new();
        for rep in &report.reps {
            for (result, closed) in [("won", &rep.won), ("lost", &rep.lost)] {
                if closed.count > 0 {
                    from_report.insert(
                        (rep.rep.clone(), result.to_string()),
                        (closed.count as i64, closed.value_cents),
                    );
                }
            }
        }
        assert_eq!(from_report, want, "weekly summary of 2017-W{week:02}");
        let team_won: i64 = want
            .iter()
            .filter(|(k, _)| k.1 == "won")
            .map(|(_, v)| v.1)
            .sum();
        assert_eq!(report.team.won.value_cents, team_won);
    }
    let (from, to) = (
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2100, 1, 1).unwrap(),
    );
    assert_eq!(tally_db(&db, from, to), tally_csv(from, to));
}

#[test]
fn a_pipeline_with_chinese_stages_unknown_owners_and_new_customers() {
    let mut db = Db::new();
    db.store
        .add_rep(
            "王芳",
            calldeck::store::RepRole::Rep,
            None,
            &Clock::parse(NOW).unwrap(),
        )
        .unwrap();
    let csv = "公司,负责人,产品,阶段,创建日期,成交日期,金额\n\
               华美贸易,王芳,软件,赢单,2026/01/05,2026/02/10,\"¥12,000.50\"\n\
               华美贸易,王芳,服务,输单,2025-12-01,15.03.2026,\"1.234,50 €\"\n\
               东方科技,王芳,软件,方案报价,2026-10-01,,50000\n\
               东方科技,王芳,软件,谈判,2026-10-02,,30000\n\
               东方科技,李雷,软件,赢单,2026-01-01,2026-01-02,100\n\
               ,王芳,软件,赢单,2026-01-01,2026-01-02,100\n\
               西部物流,王芳,软件,Mulling it over,2026-01-01,,100\n";
    let options = ImportOptions {
        kind: Kind::Deals,
        ..ImportOptions::default()
    };
    let report = db
        .import_bytes("pipeline.csv", csv.as_bytes(), &options)
        .unwrap();
    // The summary counts what is stored: 东方科技's two open rows are one open deal.
    assert_eq!(
        (
            report.deals_won,
            report.deals_lost,
            report.deals_open,
            report.deals_folded
        ),
        (1, 1, 1, 1)
    );
    let reasons: Vec<(u64, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(reasons, [(6, "负责人"), (7, "公司"), (8, "阶段")]);
    assert!(report.rejected[0].reason.contains("--create-reps"));
    assert!(report.rejected[2].reason.contains("--stage-map"));
    let conn = db.sql();
    let won: (i64, String, String) = conn
        .query_row(
            "SELECT value_cents, opened_on, closed_on FROM deals WHERE result = 'won'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(won, (1_200_050, "2026-01-05".into(), "2026-02-10".into()));
    let lost: (i64, String) = conn
        .query_row(
            "SELECT value_cents, closed_on FROM deals WHERE result = 'lost'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(lost, (123_450, "2026-03-15".into()));
    // The contract from February runs a year, so the customer is under contract today.
    let (stage, open): (i64, i64) = conn
        .query_row(
            "SELECT stage, (SELECT count(*) FROM deals d WHERE d.customer_id = c.id AND result = 'open') FROM customers c WHERE company = '华美贸易'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((stage, open), (6, 0));
    // The most advanced open row is the customer's open deal.
    let (stage, value): (i64, i64) = conn
        .query_row(
            "SELECT d.stage, d.value_cents FROM deals d JOIN customers c ON c.id = d.customer_id WHERE c.company = '东方科技' AND d.result = 'open'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((stage, value), (4, 3_000_000));
}

/// The importers' tests on PostgreSQL.
#[test]
fn the_importers_on_postgresql() {
    common::engines::on_postgres(&[
        (
            "thunderbird_csvs",
            thunderbird_csvs_give_the_values_thunderbird_expects,
        ),
        (
            "thunderbird_details",
            thunderbird_details_multiline_fields_and_encodings,
        ),
        (
            "thunderbird_vcards",
            thunderbird_vcards_give_the_values_thunderbird_expects,
        ),
        (
            "phone_vcards",
            phone_vcards_with_shift_jis_quoted_printable_and_many_numbers,
        ),
        (
            "every_vcard",
            every_vcard_from_phones_and_mail_programs_imports_or_is_reported,
        ),
        (
            "crm_pipeline",
            a_crm_pipeline_keeps_each_weeks_wins_and_losses_per_rep,
        ),
        (
            "chinese_pipeline",
            a_pipeline_with_chinese_stages_unknown_owners_and_new_customers,
        ),
    ]);
}
