//! `calldeck import` run as a user runs it: exit codes, one-line errors, the report.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use calldeck::store::Store;

const NOW: &str = "2026-11-26T10:00:00+08:00";

fn data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        Env { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("t.db")
    }

    fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("calldeck");
        cmd.env("CALLDECK_DB", self.db())
            .env("CALLDECK_NOW", NOW)
            .env("CALLDECK_CONFIG", self.dir.path().join("config.toml"))
            .env_remove("CALLDECK_REP")
            .args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// Runs a failing command; returns its stderr after checking the code and one line.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.cmd(args).assert().code(code);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        err
    }

    fn counts(&self) -> Vec<(String, i64)> {
        Store::open(&self.db()).unwrap().row_counts().unwrap()
    }
}

const BOOK: &str = "客户名称,联系人,手机,邮箱,负责人,阶段,金额\n\
                    华美贸易,张三,138 0013 8000,zs@huamei.cn,alice,3,\"¥12,000\"\n\
                    东方科技,李四,139 0000 1111,li@dongfang.cn,,2,5000\n\
                    西部物流,王五,137 0000 2222,,bob,1,100\n";

#[test]
fn imports_a_chinese_sheet_into_the_reps_book_and_reports_rejections() {
    let env = Env::new();
    env.ok(&["rep", "add", "alice"]);
    let file = env.file("book.csv", BOOK);
    let out = env.ok(&["import", &file, "--rep", "alice"]);
    assert!(
        out.contains("created 2, updated 0, skipped 0 (duplicates), rejected 1"),
        "{out}"
    );
    assert!(
        out.contains("line 4, column '负责人': no rep named 'bob'"),
        "{out}"
    );
    let card = env.ok(&["show", "2", "--format", "json", "--rep", "alice"]);
    let card: serde_json::Value = serde_json::from_str(&card).unwrap();
    assert_eq!(card["name"], "东方科技");
    assert_eq!(card["owner"], "alice");
    assert_eq!(card["stage"], 2);
    // Again: both are duplicates now.
    let out = env.ok(&["import", &file, "--rep", "alice", "--create-reps"]);
    assert!(out.contains("created 1, updated 0, skipped 2"), "{out}");
    assert!(out.contains("Reps added: bob"), "{out}");
}

#[test]
fn dry_run_shows_the_mapping_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["rep", "add", "alice"]);
    let before = env.counts();
    let file = env.file("book.csv", BOOK);
    let out = env.ok(&["import", &file, "--dry-run", "--create-reps"]);
    for want in [
        "company    <- 客户名称",
        "contact    <- 联系人",
        "phone      <- 手机",
        "owner      <- 负责人",
        "Would import: created 3",
        "Dry run: nothing was written.",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    assert_eq!(env.counts(), before);
}

#[test]
fn strict_and_runtime_errors_exit_1_with_one_line() {
    let env = Env::new();
    let file = env.file("book.csv", BOOK);
    env.ok(&["rep", "add", "alice"]);
    let before = env.counts();
    let err = env.fails(&["import", &file, "--strict"], 1);
    assert!(
        err.starts_with("error: import ") && err.contains("line 4"),
        "{err}"
    );
    assert_eq!(env.counts(), before);
    let err = env.fails(&["import", "/nonexistent/book.csv"], 1);
    assert!(err.contains("/nonexistent/book.csv"), "{err}");
    let empty = env.file("empty.csv", "");
    let err = env.fails(&["import", &empty], 1);
    assert!(err.contains("no rows to import"), "{err}");
    let err = env.fails(&["import", &file, "--rep", "nobody"], 1);
    assert!(err.contains("nobody"), "{err}");
    let err = env.fails(&["import", &file, "--map", "phone=Fax"], 1);
    assert!(err.contains("no column 'Fax'"), "{err}");
    let gbk = env.dir.path().join("gbk.csv");
    let (bytes, _, _) = encoding_rs::GBK.encode(BOOK);
    std::fs::write(&gbk, &bytes).unwrap();
    let err = env.fails(
        &["import", &gbk.to_string_lossy(), "--encoding", "utf-8"],
        1,
    );
    assert!(err.contains("--encoding"), "{err}");
    assert_eq!(env.counts(), before);
}

#[test]
fn bad_usage_exits_2() {
    let env = Env::new();
    let file = env.file("book.csv", BOOK);
    for args in [
        vec!["import", &file, "--map", "colour=Farbe"],
        vec!["import", &file, "--map", "phone"],
        vec!["import", &file, "--encoding", "klingon"],
        vec!["import", &file, "--kind", "calls"],
        vec!["import", &file, "--stage-map", "Engaging=9"],
        vec!["import", &file, "--on-duplicate", "merge"],
        vec!["import"],
    ] {
        env.fails(&args, 2);
    }
}

#[test]
fn a_phones_vcard_and_a_crm_pipeline_from_the_command_line() {
    let env = Env::new();
    let out = env.ok(&[
        "import",
        &data("aosp-vcard/v21_japanese_2.vcf"),
        "--dry-run",
    ]);
    assert!(
        out.contains("as vcf") && out.contains("name       <- FN (or N)"),
        "{out}"
    );
    let out = env.ok(&["import", &data("aosp-vcard/v21_japanese_1.vcf")]);
    assert!(out.contains("created 1"), "{out}");
    let card = env.ok(&["show", "1", "--format", "json"]);
    assert!(card.contains("安藤ロイド"), "{card}");

    let pipeline = data("maven-crm-sales-opportunities/sales_pipeline.csv");
    let err = env.fails(&["import", &pipeline, "--kind", "deals", "--strict"], 1);
    assert!(err.contains("line "), "{err}");
    let out = env.ok(&[
        "import",
        &pipeline,
        "--kind",
        "deals",
        "--create-reps",
        "--stage-map",
        "Prospecting=1",
        "--stage-map",
        "Engaging=2",
    ]);
    // 664 open rows of 85 accounts: one open deal each is what is stored and said.
    assert!(out.contains("(4238 won, 2473 lost, 85 open)"), "{out}");
    assert!(
        out.contains("579 open rows folded into their customer's most advanced open deal"),
        "{out}"
    );
    assert!(out.contains("Rejected rows: 1425"), "{out}");
    assert!(out.contains("and 1405 more rejected rows"), "{out}");
    let reps = env.ok(&["rep", "list", "--format", "json"]);
    let reps: serde_json::Value = serde_json::from_str(&reps).unwrap();
    assert_eq!(reps.as_array().unwrap().len(), 30);
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exports")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn extra_fields_are_shown_exported_and_can_be_ignored() {
    let env = Env::new();
    let file = fixture("chinese_crm.csv");
    let dry = env.ok(&["import", &file, "--dry-run", "--create-reps"]);
    for want in [
        "微信         -> kept as extra field",
        "分机         -> extension",
        "Extra fields kept:",
    ] {
        assert!(dry.contains(want), "{want}: {dry}");
    }
    let out = env.ok(&["import", &file, "--create-reps"]);
    assert!(
        out.contains("People added as contacts of their company's customer: 1"),
        "{out}"
    );
    let show = env.ok(&["show", "1"]);
    assert!(show.contains("微信: zhangwei_wx"), "{show}");
    let csv = env.ok(&["export", "customers", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",微信,"), "{header}");
    assert!(csv.contains("zhangwei_wx"), "{csv}");

    let env = Env::new();
    let out = env.ok(&["import", &file, "--create-reps", "--ignore", "微信"]);
    assert!(!out.contains("微信"), "{out}");
    let show = env.ok(&["show", "1"]);
    assert!(!show.contains("zhangwei_wx"), "{show}");
    let err = env.fails(&["import", &file, "--ignore", "QQ"], 1);
    assert!(err.contains("no column 'QQ'"), "{err}");
}

#[test]
fn a_title_row_a_named_header_row_and_named_duplicates() {
    let env = Env::new();
    env.ok(&["rep", "add", "alice"]);
    let file = env.file(
        "titled.csv",
        "Customer list for Q4,,\nname,phone,email\nAcme,010 1234 5678,a@acme.example\nBeta,020 8765 4321,b@beta.example\n",
    );
    let out = env.ok(&["import", &file]);
    assert!(out.contains("Header found on line 2"), "{out}");
    assert!(out.contains("created 2"), "{out}");
    let out = env.ok(&["import", &file]);
    assert!(
        out.contains("line 3: skipped, is #1 Acme (same phone 010 1234 5678)"),
        "{out}"
    );
    let err = env.fails(&["import", &file, "--header-row", "9"], 1);
    assert!(err.contains("--header-row 9"), "{err}");
    let out = env.ok(&["import", &file, "--header-row", "2", "--dry-run"]);
    assert!(out.contains("skipped 2"), "{out}");
}

#[test]
fn reps_are_created_only_for_rows_that_are_imported() {
    let env = Env::new();
    let file = env.file(
        "owners.csv",
        "name,owner,phone\nAcme,Bob,010 1234 5678\n,Carol,\nAcme again,Dave,010 1234 5678\n",
    );
    let out = env.ok(&["import", &file, "--create-reps"]);
    assert!(out.contains("Reps added: Bob\n"), "{out}");
    let reps = env.ok(&["rep", "list"]);
    assert!(!reps.contains("Carol") && !reps.contains("Dave"), "{reps}");
}

#[test]
fn a_named_encoding_the_file_is_not_in_is_refused() {
    let env = Env::new();
    let file = env.file("utf8.csv", "姓名,手机\n张三,13800138000\n");
    let err = env.fails(&["import", &file, "--encoding", "utf-16"], 1);
    assert!(
        err.contains("does not look like UTF-16LE but like UTF-8")
            && err.contains("--encoding utf-8"),
        "{err}"
    );
}
