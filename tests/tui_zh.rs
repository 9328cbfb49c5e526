//! Every screen in Simplified Chinese at 80×24: the same sessions as the English
//! snapshots, with the language set for the test's thread. Wide characters are measured by
//! display width, so no label is cut in half and the footer stays on its line.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::i18n::{Lang, set_thread_lang};
use calldeck::store::Store;
use calldeck::tui::app::{App, Screen};
use calldeck::tui::{handle_key, start, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: &str = "2026-11-26T09:00:00+08:00";

struct Session {
    _dir: tempfile::TempDir,
    store: Store,
    app: App,
    clock: Clock,
}

fn session_as(rep: Option<&str>, open_first: Option<&str>) -> Session {
    set_thread_lang(Some(Lang::ZhCn));
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
    let mut store = Store::open(&path).unwrap();
    if let Some(first) = open_first {
        start(&mut store, config.clone(), Some(first), &clock).unwrap();
    }
    let mut app = start(&mut store, config, rep, &clock).unwrap();
    app.colour = false;
    Session {
        _dir: dir,
        store,
        app,
        clock,
    }
}

fn session() -> Session {
    session_as(Some("Alice"), None)
}

impl Session {
    fn key(&mut self, code: KeyCode) {
        handle_key(
            &mut self.app,
            KeyEvent::new(code, KeyModifiers::NONE),
            &mut self.store,
            &self.clock,
        );
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn screen(&self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| view::draw(f, &self.app)).unwrap();
        let screen = terminal.backend().to_string();
        check_layout(&terminal);
        no_english(&screen);
        screen
    }
}

/// Words of the English interface that must not show through on a Chinese screen (the
/// demo's own English names and key names like "Enter" may).
fn no_english(screen: &str) {
    for word in [
        "customers",
        "stage ",
        "grade ",
        "next call",
        "quit",
        "help:",
        "Snooze",
        "Funnel",
        "Forecast",
        "reached",
        "must-call",
        "due today",
        "Logged",
        "Contacts",
        "Calls (",
        "Script:",
        "Intent ",
        "overdue",
        "callback",
        "not opened",
        "week won",
    ] {
        assert!(
            !screen.contains(word),
            "'{word}' on a Chinese screen:\n{screen}"
        );
    }
}

/// No row holds half a wide character and the footer line has its first key.
fn check_layout(terminal: &Terminal<TestBackend>) {
    use unicode_width::UnicodeWidthStr;
    let buf = terminal.backend().buffer();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            let w = sym.width().max(1) as u16;
            assert!(x + w <= buf.area.width, "row {y} cuts a wide character");
            x += w;
        }
    }
    let footer: String = (0..buf.area.width)
        .map(|x| buf[(x, buf.area.height - 1)].symbol().to_string())
        .collect();
    assert!(!footer.trim().is_empty(), "the footer is on screen");
}

#[test]
fn today_card_and_forms_in_chinese() {
    let mut s = session();
    let today = s.screen();
    assert!(today.contains("今天") && today.contains("客户"), "{today}");
    insta::assert_snapshot!("zh_today_80x24", today);
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Enter);
    let card = s.screen();
    assert!(card.contains("进程"), "{card}");
    insta::assert_snapshot!("zh_card_80x24", card);
    s.key(KeyCode::Char('e'));
    insta::assert_snapshot!("zh_edit_customer_80x24", s.screen());
}

#[test]
fn log_forms_in_chinese() {
    let mut s = session();
    s.key(KeyCode::Char('7'));
    let won = s.screen();
    assert!(won.contains("成交签约"), "{won}");
    insta::assert_snapshot!("zh_log_won_80x24", won);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('4'));
    s.keys("fri 15:00");
    s.key(KeyCode::Enter);
    insta::assert_snapshot!("zh_log_callback_80x24", s.screen());
}

#[test]
fn search_funnel_tomorrow_help_in_chinese() {
    let mut s = session();
    s.key(KeyCode::Char('/'));
    s.keys("trad");
    insta::assert_snapshot!("zh_search_80x24", s.screen());
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('f'));
    let funnel = s.screen();
    assert!(funnel.contains("有兴趣,已报价"), "{funnel}");
    insta::assert_snapshot!("zh_funnel_80x24", funnel);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('n'));
    insta::assert_snapshot!("zh_tomorrow_80x24", s.screen());
    s.key(KeyCode::Char('?'));
    insta::assert_snapshot!("zh_help_80x24", s.screen());
}

#[test]
fn add_customer_and_snooze_in_chinese() {
    let mut s = session();
    s.key(KeyCode::Char('a'));
    insta::assert_snapshot!("zh_add_customer_80x24", s.screen());
    s.key(KeyCode::Esc);
    s.keys("z");
    insta::assert_snapshot!("zh_snooze_80x24", s.screen());
}

#[test]
fn team_picker_and_reassign_in_chinese() {
    let mut s = session_as(Some("lead"), Some("Alice"));
    assert_eq!(s.app.screen, Screen::Team);
    insta::assert_snapshot!("zh_team_80x24", s.screen());
    s.key(KeyCode::Enter);
    insta::assert_snapshot!("zh_team_rep_today_80x24", s.screen());
    s.keys("A");
    insta::assert_snapshot!("zh_team_reassign_80x24", s.screen());
    let s = session_as(None, None);
    assert_eq!(s.app.screen, Screen::Picker);
    insta::assert_snapshot!("zh_picker_80x24", s.screen());
}

#[test]
fn empty_book_and_too_small_in_chinese() {
    set_thread_lang(Some(Lang::ZhCn));
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("e.db")).unwrap();
    let clock = Clock::parse(NOW).unwrap();
    let mut app = start(&mut store, Config::default(), Some("Sam"), &clock).unwrap();
    app.colour = false;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    check_layout(&terminal);
    insta::assert_snapshot!("zh_empty_80x24", terminal.backend().to_string());
    let mut terminal = Terminal::new(TestBackend::new(40, 10)).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    let small = terminal.backend().to_string();
    assert!(small.contains("终端窗口太小"), "{small}");
}
