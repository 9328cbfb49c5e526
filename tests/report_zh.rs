//! The weekly summary a Chinese team lead reads: the demo team's week rendered as Markdown
//! in zh-CN, beside the same week in English, with the same figures.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::i18n::{Lang, set_thread_lang};
use calldeck::report::{self, Scope, Week};
use calldeck::store::Store;

const NOW: &str = "2026-11-26T10:00:00+08:00";

fn markdown(lang: Lang) -> String {
    set_thread_lang(Some(lang));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let clock = Clock::parse(NOW).unwrap();
    let config = Config::default();
    build(
        &path,
        &DemoOptions {
            reps: 2,
            customers: 150,
            days: 30,
            seed: 11,
            calls_per_day: None,
        },
        &config,
        &clock,
    )
    .unwrap();
    let store = Store::open(&path).unwrap();
    let week = Week::parse("2026-W47").unwrap();
    let data = report::weekly(&store, &config, &clock, week, &Scope::Team).unwrap();
    let previous =
        report::weekly::weekly_until(&store, &config, &clock, week.previous(), &Scope::Team, None)
            .unwrap();
    let md = report::render_md::render(&data, Some(&previous.team), &config);
    set_thread_lang(None);
    md
}

#[test]
fn the_weekly_summary_in_chinese() {
    let zh = markdown(Lang::ZhCn);
    let en = markdown(Lang::En);
    assert!(
        zh.starts_with("# 销售周报 2026-W47（2026-11-16 至 2026-11-22）"),
        "{zh}"
    );
    for heading in ["## 明细", "## 销售进程推进", "## 指标说明"] {
        assert!(zh.contains(heading), "{heading} in {zh}");
    }
    assert!(
        zh.contains("2026年11月") && zh.contains("2026年第4季度"),
        "{zh}"
    );
    assert!(
        !zh.contains("Weekly summary") && !zh.contains("connect rate"),
        "{zh}"
    );
    // The same tables: as many rows, and the same figures in the team's row.
    assert_eq!(zh.lines().count(), en.lines().count());
    let team_row = |md: &str, team: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| **{team}** |")))
            .map(|l| l.split(" | ").skip(1).take(4).collect::<Vec<_>>().join("|"))
            .unwrap()
    };
    assert_eq!(team_row(&zh, "团队"), team_row(&en, "team"));
    insta::assert_snapshot!("weekly_zh_cn", zh);
}
