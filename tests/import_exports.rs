//! The exports people really have, one file per format in `tests/fixtures/exports/`
//! written from each program's documented columns: every phone and email lands with its
//! label, people at one company are contacts of one customer, other columns are kept as
//! extra fields, and other CRMs' ids tie accounts, contacts and deals together.

use std::path::PathBuf;

use calldeck::transfer::import::{ImportOptions, ImportReport, Kind, OnDuplicate};

mod common;

use common::Db;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exports")
        .join(name)
}

fn customers() -> ImportOptions {
    ImportOptions {
        create_reps: true,
        ..ImportOptions::default()
    }
}

fn deals() -> ImportOptions {
    ImportOptions {
        kind: Kind::Deals,
        create_reps: true,
        ..ImportOptions::default()
    }
}

fn run(db: &mut Db, file: &str, options: &ImportOptions) -> ImportReport {
    let r = db.import(&fixture(file), options).unwrap();
    assert!(r.rejected.is_empty(), "{file}: {:?}", r.rejected);
    r
}

/// (name, phone, email, label, extension) of a customer's contacts, in order.
fn contacts(db: &Db, company: &str) -> Vec<(String, String, String, String, String)> {
    db.sql()
        .prepare(
            "SELECT k.name, k.phone, k.email, k.label, k.extension FROM contacts k
             JOIN customers c ON c.id = k.customer_id WHERE c.name = ?1 ORDER BY k.id",
        )
        .unwrap()
        .query_map([company], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn extra(db: &Db, customer: &str, field: &str) -> Option<String> {
    db.sql()
        .query_row(
            "SELECT f.value FROM customer_fields f JOIN customers c ON c.id = f.customer_id
             WHERE c.name = ?1 AND f.name = ?2",
            [customer, field],
            |r| r.get(0),
        )
        .ok()
}

fn names(db: &Db) -> Vec<String> {
    db.sql()
        .prepare("SELECT name FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn c(
    name: &str,
    phone: &str,
    email: &str,
    label: &str,
    ext: &str,
) -> (String, String, String, String, String) {
    (
        name.into(),
        phone.into(),
        email.into(),
        label.into(),
        ext.into(),
    )
}

#[test]
fn google_csv_old_keeps_every_number_split_and_labelled() {
    let mut db = Db::new();
    let r = run(&mut db, "google_old.csv", &customers());
    assert_eq!((r.created, r.contacts_added), (2, 1));
    assert_eq!(names(&db), ["Shakti Textiles", "Meera Iyer"]);
    assert_eq!(
        contacts(&db, "Shakti Textiles"),
        [
            c(
                "Asha Rao",
                "+91 98450 12345",
                "asha.rao@example.in",
                "mobile",
                ""
            ),
            c("Asha Rao · mobile", "+91 97400 54321", "", "mobile", ""),
            c("Asha Rao · work", "+91 20 4123 4567", "", "work", ""),
            c("Asha Rao · home", "", "asha.r@example.com", "home", ""),
            c(
                "Ravi Kumar",
                "+91 20 4123 4570",
                "ravi@shakti.example.in",
                "work",
                ""
            ),
        ]
    );
    assert_eq!(
        extra(&db, "Shakti Textiles", "Organization 1 - Department").as_deref(),
        Some("Procurement")
    );
    let (address, tags): (String, String) = db
        .sql()
        .query_row(
            "SELECT address, tags FROM customers WHERE name = 'Shakti Textiles'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(address.starts_with("12 MG Road, Pune 411001"), "{address}");
    assert_eq!(tags, "myContacts,Expo 2025");
}

#[test]
fn google_contacts_new_export_keeps_extensions_apart() {
    let mut db = Db::new();
    let r = run(&mut db, "google_new.csv", &customers());
    assert_eq!((r.created, r.contacts_added), (1, 1));
    let lucy = contacts(&db, "Harbor Freight Co");
    assert_eq!(
        lucy[1],
        c(
            "Lucy Chen · work · ext. 22",
            "+1 415 555 0199",
            "",
            "work",
            "22"
        )
    );
    assert_eq!(lucy.len(), 4, "{lucy:?}");
}

#[test]
fn outlook_csv_takes_every_phone_and_the_job_title() {
    let mut db = Db::new();
    run(&mut db, "outlook.csv", &customers());
    let phones: Vec<String> = contacts(&db, "Beispiel GmbH")
        .into_iter()
        .map(|c| c.1)
        .filter(|p| !p.is_empty())
        .collect();
    assert_eq!(phones, ["+49 170 1234567", "+49 30 1234567-12"]);
    assert_eq!(extra(&db, "Beispiel GmbH", "Title").as_deref(), Some("Dr."));
    assert_eq!(
        extra(&db, "Beispiel GmbH", "Business Fax").as_deref(),
        Some("+49 30 1234568")
    );
    let notes: String = db
        .sql()
        .query_row("SELECT notes FROM customers", [], |r| r.get(0))
        .unwrap();
    assert!(notes.contains("Title: Einkaufsleiter"), "{notes}");
}

#[test]
fn hubspot_companies_contacts_and_deals_tie_together_and_import_again_updates() {
    let mut db = Db::new();
    let r = run(&mut db, "hubspot_companies.csv", &customers());
    assert_eq!(r.created, 2);
    let r = run(&mut db, "hubspot_contacts.csv", &customers());
    // Maria and Ken join Acme Tools; Sara's company is new.
    assert_eq!((r.created, r.contacts_added, r.skipped), (1, 2, 0), "{r:?}");
    let warned: Vec<(u64, &str)> = r
        .warnings
        .iter()
        .map(|w| (w.line, w.column.as_str()))
        .collect();
    assert_eq!(warned, [(4, "Mobile Phone Number")]);
    let acme = contacts(&db, "Acme Tools");
    assert!(
        acme.contains(&c(
            "Maria Garcia · ext. 371",
            "1-955-371-0847",
            "maria@acme-tools.example",
            "",
            "371"
        )),
        "{acme:?}"
    );
    assert_eq!(
        extra(&db, "Acme Tools", "Website URL").as_deref(),
        Some("acme-tools.example")
    );

    let before = db.counts();
    let again = run(&mut db, "hubspot_contacts.csv", &customers());
    assert_eq!((again.created, again.contacts_added), (0, 0));
    assert_eq!(again.duplicates.len(), 3);
    assert!(
        again
            .duplicates
            .iter()
            .all(|d| d.key.starts_with("Record ID")),
        "{:?}",
        again.duplicates
    );
    assert_eq!(db.count("SELECT count(*) FROM customers"), 3);
    assert_eq!(
        db.count("SELECT count(*) FROM contacts"),
        before.iter().find(|(t, _)| t == "contacts").unwrap().1
    );

    let r = run(&mut db, "hubspot_deals.csv", &deals());
    assert_eq!(r.created, 0, "every deal found its company");
    // Acme's contract from 2025-06-30 ended within a term: one renewal. Blue Lake's two
    // open rows are one open deal. Nordic lost its only deal: lost, with no deal invented.
    assert_eq!(
        (
            r.deals_won,
            r.deals_lost,
            r.deals_open,
            r.deals_folded,
            r.renewals_opened,
            r.lost
        ),
        (1, 1, 2, 1, 1, 1)
    );
    let stored_open = db.count("SELECT count(*) FROM deals WHERE result = 'open'");
    assert_eq!(stored_open, 2);
    // Stage history carries the deals' own dates: Acme's renewal is dated when its
    // contract ended (June), so only Blue Lake's October move is in the funnel's 90 days.
    let moves: Vec<String> = db
        .sql()
        .prepare("SELECT substr(at, 1, 10) FROM stage_changes ORDER BY at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(moves.len(), 2, "{moves:?}");
    assert!(moves[0].starts_with("2026-06-2"), "{moves:?}");
    assert!(moves[1].starts_with("2026-10-0"), "{moves:?}");
    let nordic: String = db
        .sql()
        .query_row(
            "SELECT status FROM customers WHERE name = 'Nordic Supply AB'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(nordic, "lost");
    // The same export a month on: closed deals stay as they were, the pilot was won and
    // the intro moved on; nothing is duplicated.
    let later = std::fs::read_to_string(fixture("hubspot_deals.csv"))
        .unwrap()
        .replace(
            "Presentation Scheduled,3000,2026-12-20",
            "Closed Won,3000,2026-11-20",
        )
        .replace("Appointment Scheduled,500", "Contract Sent,500");
    let again = db
        .import_bytes("hubspot_deals.csv", later.as_bytes(), &deals())
        .unwrap();
    assert_eq!(
        (again.deals_known, again.deals_won, again.deals_open),
        (2, 1, 1),
        "{again:?}"
    );
    let blue: (i64, i64, i64) = db
        .sql()
        .query_row(
            "SELECT d.stage, d.value_cents, (SELECT count(*) FROM deals w WHERE w.customer_id = c.id AND w.result = 'won')
             FROM deals d JOIN customers c ON c.id = d.customer_id
             WHERE c.name = 'Blue Lake Foods' AND d.result = 'open'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(blue, (5, 50_000, 1));
    assert_eq!(
        db.count("SELECT count(*) FROM deals WHERE result = 'open'"),
        2
    );
}

#[test]
fn salesforce_opportunities_find_their_accounts_by_id() {
    let mut db = Db::new();
    let orphan = db
        .import(&fixture("salesforce_opportunities.csv"), &deals())
        .unwrap();
    assert_eq!(orphan.rejected.len(), 4);
    assert!(
        orphan.rejected[0]
            .reason
            .contains("import the accounts file first")
    );

    let r = run(&mut db, "salesforce_accounts.csv", &customers());
    assert_eq!(r.created, 3);
    assert_eq!(
        extra(&db, "Edge Communications", "TYPE").as_deref(),
        Some("Customer - Direct")
    );
    let r = run(&mut db, "salesforce_opportunities.csv", &deals());
    assert_eq!(r.created, 0);
    assert_eq!((r.deals_won, r.deals_lost, r.deals_open), (1, 1, 2));
    // The open deal's stage change is dated when the deal was opened, not today.
    let at: String = db
        .sql()
        .query_row(
            "SELECT s.at FROM stage_changes s JOIN customers c ON c.id = s.customer_id
             WHERE c.name = 'Burlington Textiles Corp of America' ORDER BY s.id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(at.starts_with("2026-10-0"), "{at}");
    let pyramid: String = db
        .sql()
        .query_row(
            "SELECT status FROM customers WHERE name = 'Pyramid Construction Inc.'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(pyramid, "lost");
}

#[test]
fn salesforce_report_headers_and_pipedrive_status() {
    let mut db = Db::new();
    let r = run(&mut db, "salesforce_report.csv", &deals());
    assert_eq!((r.created, r.deals_open), (2, 2));
    assert_eq!(r.reps_created, ["Dana Reed"]);
    let mut db = Db::new();
    run(&mut db, "pipedrive_people.csv", &customers());
    assert_eq!(names(&db), ["Kestrel BV"]);
    assert_eq!(contacts(&db, "Kestrel BV").len(), 3);
    let r = run(&mut db, "pipedrive_deals.csv", &deals());
    // "Deal - Status: won" says more than the stage it was won from.
    assert_eq!((r.created, r.deals_won, r.deals_open), (0, 1, 1));
}

#[test]
fn zoho_odoo_and_linkedin_exports() {
    let mut db = Db::new();
    run(&mut db, "zoho_leads.csv", &customers());
    assert_eq!(names(&db), ["Chapman", "Morlong Associates"]);
    assert_eq!(contacts(&db, "Chapman").len(), 3);
    assert_eq!(
        extra(&db, "Chapman", "Skype ID").as_deref(),
        Some("kris.marrier")
    );

    let mut db = Db::new();
    run(&mut db, "odoo_leads.csv", &customers());
    assert_eq!(names(&db), ["Deco Addict", "Gemini Furniture"]);
    assert_eq!(contacts(&db, "Deco Addict")[0].0, "Marc Demo");
    assert_eq!(
        extra(&db, "Deco Addict", "name").as_deref(),
        Some("Office furniture")
    );
    let (stage, value): (i64, i64) = db
        .sql()
        .query_row(
            "SELECT stage, value_cents FROM customers WHERE name = 'Deco Addict'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((stage, value), (2, 2_400_000));

    let mut db = Db::new();
    let r = run(&mut db, "linkedin_connections.csv", &customers());
    assert_eq!(r.header_line, Some(4));
    assert_eq!(names(&db), ["Orbit Analytics", "Fjord Logistics"]);
    assert_eq!(
        extra(&db, "Orbit Analytics", "Connected On").as_deref(),
        Some("05 Mar 2024")
    );
}

#[test]
fn chinese_crm_template_with_labelled_numbers_extensions_and_a_lost_customer() {
    let mut db = Db::new();
    db.store
        .add_rep(
            "王芳",
            calldeck::store::RepRole::Rep,
            None,
            &calldeck::clock::Clock::parse(common::NOW).unwrap(),
        )
        .unwrap();
    let r = run(
        &mut db,
        "chinese_crm.csv",
        &ImportOptions {
            on_duplicate: OnDuplicate::Update,
            ..ImportOptions::default()
        },
    );
    assert_eq!((r.created, r.contacts_added, r.lost), (2, 1, 1));
    assert_eq!(
        contacts(&db, "北京示例科技有限公司"),
        [
            c("张伟", "13770672328", "zhangwei@example.cn", "南", ""),
            c("张伟 · 北", "13911676175", "", "北", ""),
            c(
                "张伟 · 电话 · ext. 8021",
                "010-65521234",
                "",
                "电话",
                "8021"
            ),
            c("刘洋", "13800138000", "liuyang@example.cn", "手机", ""),
        ]
    );
    assert_eq!(
        extra(&db, "北京示例科技有限公司", "微信").as_deref(),
        Some("zhangwei_wx")
    );
    assert_eq!(
        extra(&db, "北京示例科技有限公司", "跟进人").as_deref(),
        Some("李娜")
    );
    let hm = contacts(&db, "上海华美贸易有限公司");
    assert_eq!(
        (hm[1].1.as_str(), hm[1].4.as_str()),
        ("021-62345678", "602")
    );
    let status: String = db
        .sql()
        .query_row(
            "SELECT status FROM customers WHERE name = '上海华美贸易有限公司'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "lost");
}

#[test]
fn people_sharing_their_companys_switchboard_are_contacts_not_duplicates() {
    let mut db = Db::new();
    let file = "Company,First Name,Last Name,Phone,Email\n\
                Acme Ltd,Ann,Lee,+44 20 7946 0000,ann@acme.example\n\
                Acme Ltd,Bob,Ray,+44 20 7946 0000,bob@acme.example\n\
                Acme Ltd,Bob,Ray,+44 20 7946 0000,bob@acme.example\n\
                Other plc,Cy,Dee,+44 20 7946 0000,cy@other.example\n";
    let r = db
        .import_bytes("people.csv", file.as_bytes(), &customers())
        .unwrap();
    // Bob twice is one Bob; Cy at another company with the same number is a duplicate
    // of Acme by phone, and named as such.
    assert_eq!((r.created, r.contacts_added, r.skipped), (1, 1, 2), "{r:?}");
    assert_eq!(contacts(&db, "Acme Ltd").len(), 2);
    assert!(
        r.duplicates
            .iter()
            .any(|d| d.line == 5 && d.key == "phone +44 20 7946 0000")
    );
}

#[test]
fn a_card_with_one_bad_email_keeps_its_good_numbers_and_addresses() {
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wei Zhang\r\nORG:Acme\r\n\
                TEL;TYPE=CELL:+86 138 0013 8000\r\nTEL;TYPE=WORK:+86 10 6552 1234 ext. 88\r\n\
                EMAIL;TYPE=WORK:wei@acme.example\r\nEMAIL;TYPE=HOME:wei at home\r\nEND:VCARD\r\n";
    let mut db = Db::new();
    let r = db
        .import_bytes("wei.vcf", card.as_bytes(), &customers())
        .unwrap();
    assert_eq!((r.created, r.rejected.len(), r.warnings.len()), (1, 0, 1));
    assert!(
        r.warnings[0].reason.contains("wei at home"),
        "{:?}",
        r.warnings
    );
    assert_eq!(
        contacts(&db, "Wei Zhang"),
        [
            c(
                "Wei Zhang",
                "+86 138 0013 8000",
                "wei@acme.example",
                "mobile",
                ""
            ),
            c(
                "Wei Zhang · work · ext. 88",
                "+86 10 6552 1234",
                "",
                "work",
                "88"
            ),
        ]
    );
}
