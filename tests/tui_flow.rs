//! The call loop as a power dialer works it: fields that edit like fields, dialling, the
//! call timer, moving on. Key presses go through the real keymap and update, on a seeded
//! demo with a fixed clock.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::store::Store;
use calldeck::tui::app::{App, LogField, Screen};
use calldeck::tui::{handle_key, start, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: &str = "2026-11-26T09:00:00+08:00";

struct Session {
    dir: tempfile::TempDir,
    store: Store,
    app: App,
    clock: Clock,
}

fn session_with(config: Config) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let clock = Clock::parse(NOW).unwrap();
    build(
        &path,
        &DemoOptions {
            reps: 2,
            customers: 120,
            days: 30,
            seed: 11,
        },
        &config,
        &clock,
    )
    .unwrap();
    let mut store = Store::open(&path).unwrap();
    let mut app = start(&mut store, config, Some("Alice"), &clock).unwrap();
    app.colour = false;
    Session {
        dir,
        store,
        app,
        clock,
    }
}

fn session() -> Session {
    session_with(Config::default())
}

impl Session {
    fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        handle_key(
            &mut self.app,
            KeyEvent::new(code, modifiers),
            &mut self.store,
            &self.clock,
        );
    }

    fn key(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    fn ctrl(&mut self, c: char) {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn screen(&self, w: u16, h: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view::draw(f, &self.app)).unwrap();
        terminal.backend().to_string()
    }

    fn log(&self) -> &calldeck::tui::app::LogForm {
        self.app.log.as_ref().expect("the log form is open")
    }

    /// Moves the cursor to the first undone row without an appointment today.
    fn select_plain_row(&mut self) {
        let list = self.app.today.as_ref().unwrap();
        self.app.today_selected = list
            .entries
            .iter()
            .position(|e| {
                !e.done
                    && !e
                        .customer
                        .state
                        .next_call
                        .is_some_and(|n| n.date == list.day && n.time.is_some())
            })
            .unwrap();
    }
}

#[test]
fn a_chosen_date_is_replaced_by_typing_not_appended_to() {
    let mut s = session();
    s.select_plain_row();
    s.keys("3"); // talked
    s.keys("t"); // quick pick: today
    s.keys("d"); // the date field opens on today's date, selected
    assert_eq!(s.log().focus, LogField::Date);
    assert_eq!(s.log().date_text, "2026-11-26");
    s.keys("fri 10:00");
    assert_eq!(s.log().date_text, "fri 10:00");
    assert_eq!(
        s.log().date_preview,
        Some(Ok("→ Fri 27 Nov 10:00, tomorrow".to_string()))
    );
    s.key(KeyCode::Enter);
    let next = s.log().next.unwrap();
    assert_eq!(next.date.to_string(), "2026-11-27");
    assert_eq!(next.time.unwrap().to_string(), "10:00:00");
}

#[test]
fn the_date_preview_counts_working_days() {
    let mut s = session();
    s.select_plain_row();
    s.keys("3d+5d");
    let preview = s.log().date_preview.clone().unwrap().unwrap();
    assert_eq!(preview, "→ Tue 01 Dec, in 3 working days");
    assert!(s.screen(80, 24).contains("→ Tue 01 Dec, in 3 working days"));
    s.key(KeyCode::Backspace);
    s.key(KeyCode::Backspace);
    let unread = s.log().date_preview.clone().unwrap();
    assert!(unread.is_err(), "'+' alone is not a date: {unread:?}");
}

#[test]
fn line_editing_keys_work_in_the_date_field() {
    let mut s = session();
    s.select_plain_row();
    s.keys("3dnext week");
    s.ctrl('w');
    assert_eq!(s.log().date_text, "next ");
    s.ctrl('w');
    s.keys("fri 15:30");
    s.key(KeyCode::Home);
    s.key(KeyCode::Delete);
    s.key(KeyCode::Delete);
    s.key(KeyCode::Delete);
    s.keys("mon");
    assert_eq!(s.log().date_text, "mon 15:30");
    s.key(KeyCode::Left);
    s.ctrl('k');
    assert_eq!(s.log().date_text, "mo");
    s.ctrl('u');
    assert_eq!(s.log().date_text, "");
    s.keys("+2d");
    s.key(KeyCode::Tab);
    assert_eq!(s.log().focus, LogField::None);
    assert_eq!(s.log().next.unwrap().date.to_string(), "2026-11-28");
}

#[test]
fn esc_leaves_the_date_field_even_after_a_refused_date() {
    let mut s = session();
    s.select_plain_row();
    s.keys("3");
    let proposed = s.log().next;
    s.keys("d08:00");
    s.key(KeyCode::Enter);
    assert!(
        s.log().problem.as_deref().unwrap().contains("past"),
        "{:?}",
        s.log().problem
    );
    assert_eq!(
        s.log().focus,
        LogField::Date,
        "Enter stays on a refused date"
    );
    s.key(KeyCode::Esc);
    assert_eq!(s.log().focus, LogField::None, "Esc always leaves");
    assert_eq!(s.log().problem, None);
    assert_eq!(s.log().next, proposed, "the refused date is not taken");
    assert!(!s.log().next_changed);
    // The next key is a command again, not typed: n opens the note.
    s.keys("n");
    assert_eq!(s.log().focus, LogField::Note);
}

#[test]
fn a_won_value_is_changed_by_typing_over_it() {
    let mut s = session();
    s.select_plain_row();
    let id = s.app.selected_customer().unwrap();
    let value = s.store.customer(id).unwrap().state.value_cents;
    s.keys("7");
    if s.app.question.is_some() {
        s.keys("y");
    }
    let prefill = s.log().value_text.clone();
    assert_eq!(prefill.is_empty(), value == 0);
    s.keys("v25000");
    assert_eq!(s.log().value_text, "25000");
    // A cursor key first keeps the old value to edit it.
    s.key(KeyCode::Enter);
    s.keys("v");
    s.key(KeyCode::End);
    s.key(KeyCode::Backspace);
    s.keys("1");
    assert_eq!(s.log().value_text, "25001");
}

#[test]
fn the_customer_form_selects_each_prefilled_field() {
    let mut s = session();
    s.select_plain_row();
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    s.keys("e");
    let form = s.app.form.as_ref().unwrap();
    let name = form.fields[0].value.clone();
    assert!(!name.is_empty());
    s.keys("Acme Ltd");
    assert_eq!(s.app.form.as_ref().unwrap().fields[0].value, "Acme Ltd");
    s.key(KeyCode::Tab);
    s.key(KeyCode::BackTab);
    s.key(KeyCode::End);
    s.keys(" (HQ)");
    s.ctrl('a');
    s.key(KeyCode::Right);
    s.key(KeyCode::Right);
    s.key(KeyCode::Backspace);
    assert_eq!(s.app.form.as_ref().unwrap().fields[0].value, "Ame Ltd (HQ)");
}
