//! The command line in Simplified Chinese: the same commands as a Chinese rep runs them
//! (CALLDECK_LANG=zh-CN), errors still on one line with the same exit codes, machine output
//! (JSON keys, outcome codes) the same as in English.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const NOW: &str = "2026-11-26T10:00:00+08:00";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        let env = Env { dir };
        env.ok("en", &["rep", "add", "alice"]);
        env.ok(
            "en",
            &["add", "--name", "华美贸易", "--phone", "+86 138 0000 1111"],
        );
        env
    }

    fn cmd(&self, lang: &str) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("calldeck");
        cmd.env("CALLDECK_DB", self.dir.path().join("t.db"))
            .env("CALLDECK_NOW", NOW)
            .env("CALLDECK_CONFIG", self.dir.path().join("config.toml"))
            .env("CALLDECK_LANG", lang)
            .env_remove("CALLDECK_REP");
        cmd
    }

    fn ok(&self, lang: &str, args: &[&str]) -> String {
        let out = self.cmd(lang).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// The exit code and the one line of stderr.
    fn fails(&self, lang: &str, args: &[&str]) -> (i32, String) {
        let out = self.cmd(lang).args(args).assert().failure();
        let code = out.get_output().status.code().unwrap();
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr:?}");
        (code, stderr)
    }
}

#[test]
fn errors_are_one_chinese_line_with_the_english_exit_codes() {
    let env = Env::new();
    let cases: [(&[&str], &str); 6] = [
        (&["show", "99"], "没有编号为 99 的客户"),
        (
            &["log", "1", "--outcome", "hung_up"],
            "未知的通话结果“hung_up”",
        ),
        (
            &["log", "1", "--outcome", "no_answer", "--next", "someday"],
            "无法把“someday”读成日期",
        ),
        (
            &["add", "--name", "X", "--value", "lots"],
            "无法把“lots”读成金额",
        ),
        (&["edit", "1"], "没有要修改的"),
        (&["frobnicate"], "参见 'calldeck --help'"),
    ];
    for (args, want) in cases {
        let (en_code, en) = env.fails("en", args);
        let (zh_code, zh) = env.fails("zh-CN", args);
        assert_eq!(zh_code, en_code, "{args:?}: {en} / {zh}");
        assert!(en.starts_with("error: "), "{en}");
        assert!(zh.starts_with("错误："), "{zh}");
        assert!(zh.contains(want), "{args:?}: {zh}");
    }
}

#[test]
fn a_logged_call_reads_in_chinese_and_its_json_does_not_change() {
    let env = Env::new();
    let out = env.ok("zh-CN", &["log", "1", "--outcome", "no_answer"]);
    assert!(
        out.contains("已记录") && out.contains("11月27日 周五"),
        "{out}"
    );
    let en: Value =
        serde_json::from_str(&env.ok("en", &["show", "1", "--format", "json"])).unwrap();
    let zh: Value =
        serde_json::from_str(&env.ok("zh-CN", &["show", "1", "--format", "json"])).unwrap();
    assert_eq!(en, zh, "JSON is the same in every language");
    assert_eq!(zh["calls"][0]["outcome"], "no_answer");
}

#[test]
fn the_config_chooses_the_language_and_the_environment_overrides_it() {
    let env = Env::new();
    std::fs::write(
        env.dir.path().join("config.toml"),
        "[ui]\nlanguage = \"zh-CN\"\n",
    )
    .unwrap();
    let mut cmd = env.cmd("auto");
    let out = cmd.args(["show", "99"]).assert().failure().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("错误："), "{stderr}");
    let (_, en) = env.fails("en", &["show", "99"]);
    assert!(en.starts_with("error: no customer with id 99"), "{en}");
    std::fs::write(
        env.dir.path().join("config.toml"),
        "[ui]\nlanguage = \"klingon\"\n",
    )
    .unwrap();
    let (code, bad) = env.fails("en", &["today"]);
    assert_eq!(code, 1);
    assert!(bad.contains("ui.language"), "{bad}");
}

#[test]
fn help_reads_in_chinese_where_clap_allows() {
    let env = Env::new();
    let zh = env.ok("zh-CN", &["--help"]);
    for want in [
        "用法：calldeck",
        "命令:",
        "选项:",
        "管理销售和主管",
        "显示帮助",
    ] {
        assert!(zh.contains(want), "{want} in {zh}");
    }
    let en = env.ok("en", &["--help"]);
    assert!(en.contains("Usage: calldeck") && en.contains("Manage reps and team leads"));
    // The same commands and flags, whatever the language.
    let flags = |s: &str| s.matches("--").count();
    assert_eq!(flags(&zh), flags(&en));
}

#[test]
fn import_reads_the_chinese_field_names_of_the_catalog() {
    let env = Env::new();
    let file = env.dir.path().join("客户.csv");
    std::fs::write(
        &file,
        "姓名,公司,电话,客户级别,销售进程,成交意向,联系人角色,下次通话\n\
         王伟,瑞丰教育咨询公司,13900002222,A,3,2,决策人,2026-12-01\n",
    )
    .unwrap();
    let out = env.ok("zh-CN", &["import", file.to_str().unwrap()]);
    assert!(out.contains("新建 1"), "{out}");
    let v: Value = serde_json::from_str(&env.ok("en", &["show", "2", "--format", "json"])).unwrap();
    assert_eq!(v["grade"], "A", "{v}");
    assert_eq!(v["stage"], 3, "{v}");
    assert_eq!(v["intent"], 2, "{v}");
    assert_eq!(v["next_call"], "2026-12-01", "{v}");
    assert_eq!(v["contacts"][0]["role"], "decision_maker", "{v}");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let env = Env::new();
    let (code, err) = env.fails("fr", &["today"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("CALLDECK_LANG='fr'") && err.contains("zh-CN"),
        "{err}"
    );
}
