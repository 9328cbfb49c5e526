//! What the terminal does to the view: pastes arrive as one event, and a popup drawn over
//! rows of wide (CJK) characters keeps its border.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::store::Store;
use calldeck::tui::app::App;
use calldeck::tui::{handle_key, handle_paste, start, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

const NOW: &str = "2026-11-26T09:00:00+08:00";

struct Session {
    _dir: tempfile::TempDir,
    store: Store,
    app: App,
    clock: Clock,
}

fn session() -> Session {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let clock = Clock::parse(NOW).unwrap();
    let config = Config::default();
    build(
        &path,
        &DemoOptions {
            reps: 1,
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
    let mut app = start(&mut store, config, Some("Alice"), &clock).unwrap();
    app.colour = false;
    Session {
        _dir: dir,
        store,
        app,
        clock,
    }
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

    fn paste(&mut self, text: &str) {
        handle_paste(&mut self.app, text, &mut self.store, &self.clock);
    }
}

/// The popup's frame as drawn: every row from its top-left corner down has a left border
/// in the same column. Returns how many of those rows had a wide character just left of it
/// in the frame before.
fn check_left_border(before: &ratatui::buffer::Buffer, after: &ratatui::buffer::Buffer) -> usize {
    let area = after.area;
    let (x0, y0) = (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .find(|&p| after[p].symbol() == "┌")
        .expect("a popup is on screen");
    let mut straddled = 0;
    for y in y0 + 1..area.bottom() {
        let s = after[(x0, y)].symbol();
        if s == "└" {
            return straddled;
        }
        assert_eq!(s, "│", "left border lost on row {y} (column {x0})");
        if x0 > 0 && before[(x0 - 1, y)].symbol().width() > 1 {
            straddled += 1;
        }
    }
    panic!("the popup has no bottom-left corner");
}

#[test]
fn a_popup_over_chinese_names_keeps_its_left_border() {
    let mut s = session();
    let mut straddled = 0;
    for width in 80..=96 {
        let mut terminal = Terminal::new(TestBackend::new(width, 24)).unwrap();
        terminal.draw(|f| view::draw(f, &s.app)).unwrap();
        let before = terminal.backend().buffer().clone();
        s.key(KeyCode::Char('1'));
        terminal.draw(|f| view::draw(f, &s.app)).unwrap();
        straddled += check_left_border(&before, terminal.backend().buffer());
        if width == 85 {
            insta::assert_snapshot!("popup_over_cjk_85x24", terminal.backend().to_string());
        }
        s.key(KeyCode::Esc);
        assert!(s.app.log.is_none());
    }
    // The widths tried put a wide character against the border somewhere, or the test
    // would prove nothing.
    assert!(
        straddled > 0,
        "no row had a wide character against the border"
    );
}

#[test]
fn a_paste_is_typed_into_the_field_in_one_go_and_never_runs_keys() {
    let mut s = session();
    // On the list, a pasted "1q" neither opens a form nor quits.
    s.paste("1q");
    assert!(!s.app.quit && s.app.log.is_none());
    // Into the note of a callback: lines become spaces, all 9,000 characters arrive.
    s.key(KeyCode::Char('1'));
    s.key(KeyCode::Char('n'));
    let long = "回电 about the quote\r\n".repeat(450);
    s.paste(&long);
    let note = &s.app.log.as_ref().unwrap().note;
    assert_eq!(note.chars().count(), long.trim_end().chars().count());
    assert!(!note.contains('\n') && !note.contains('\r'));
    assert!(note.starts_with("回电 about the quote  回电"));
}
