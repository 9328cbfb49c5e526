//! The weekly summary a Chinese team lead reads: the demo team's week rendered as Markdown
//! in zh-CN, beside the same week in English, with the same figures.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::i18n::{Lang, set_thread_lang};
use calldeck::report::{self, Scope, Week};
use calldeck::store::Store;

const NOW: &str = "2026-11-26T10:00:00+08:00";

struct Week47 {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    clock: Clock,
}

fn demo() -> Week47 {
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
    Week47 {
        _dir: dir,
        store,
        config,
        clock,
    }
}

fn markdown(lang: Lang) -> String {
    let Week47 {
        store,
        config,
        clock,
        ..
    } = &demo();
    set_thread_lang(Some(lang));
    let week = Week::parse("2026-W47").unwrap();
    let data = report::weekly(store, config, clock, week, &Scope::Team).unwrap();
    let previous =
        report::weekly::weekly_until(store, config, clock, week.previous(), &Scope::Team, None)
            .unwrap();
    let md = report::render_md::render(&data, Some(&previous.team), config);
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

#[test]
fn the_workbook_has_chinese_sheets_and_labels() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let w = demo();
    set_thread_lang(Some(Lang::ZhCn));
    let week = Week::parse("2026-W47").unwrap();
    let data = report::weekly(&w.store, &w.config, &w.clock, week, &Scope::Team).unwrap();
    let funnel = report::funnel(&w.store, &w.config, &w.clock, &Scope::Team).unwrap();
    let bytes = report::render_xlsx::render(&data, &funnel, &w.config).unwrap();
    set_thread_lang(None);
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "团队",
            "销售明细",
            "销售进程推进",
            "成交和流失",
            "客户漏斗表",
            "客户级别与关怀"
        ]
    );
    let team = wb.worksheet_range("团队").unwrap();
    assert_eq!(
        team.get_value((0, 0)),
        Some(&Data::String("销售周报 2026-W47".into()))
    );
    let funnel = wb.worksheet_range("客户漏斗表").unwrap();
    assert_eq!(
        funnel.get_value((1, 0)),
        Some(&Data::String("0 暂时没有联系上".into()))
    );
}
