//! What the TUI flow tests share: a seeded demo as Alice, with a fixed clock, driven by key
//! presses through the real keymap and update.
#![allow(dead_code, unused_imports)]

pub use calldeck::clock::Clock;
pub use calldeck::config::Config;
pub use calldeck::demo::{DemoOptions, build};
pub use calldeck::store::Store;
pub use calldeck::tui::app::{App, LogField, Screen};
pub use calldeck::tui::{handle_key, start, view};
pub use ratatui::Terminal;
pub use ratatui::backend::TestBackend;
pub use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const NOW: &str = "2026-11-26T09:00:00+08:00";

pub struct Session {
    pub _dir: tempfile::TempDir,
    pub store: Store,
    pub app: App,
    pub clock: Clock,
}

pub fn session_with(config: Config) -> Session {
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

pub fn session() -> Session {
    session_with(Config::default())
}

impl Session {
    pub fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        handle_key(
            &mut self.app,
            KeyEvent::new(code, modifiers),
            &mut self.store,
            &self.clock,
        );
    }

    pub fn key(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    pub fn ctrl(&mut self, c: char) {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view::draw(f, &self.app)).unwrap();
        terminal.backend().to_string()
    }

    pub fn log(&self) -> &calldeck::tui::app::LogForm {
        self.app.log.as_ref().expect("the log form is open")
    }

    /// Moves the cursor to the first undone row without an appointment today.
    pub fn select_plain_row(&mut self) {
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

/// Ticks until the dial command started by `c` has ended (it is watched on every tick).
pub fn wait_for_dial(s: &mut Session) {
    for _ in 0..500 {
        if s.app.dialling.is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        s.key_tick();
    }
    panic!("the dial command did not end");
}

impl Session {
    pub fn key_tick(&mut self) {
        calldeck::tui::update::update(
            &mut self.app,
            calldeck::tui::action::Action::Tick,
            &mut self.store,
            &self.clock,
        );
    }

    /// The first row with exactly one number to dial.
    pub fn select_row_with_one_number(&mut self) -> String {
        let list = self.app.today.as_ref().unwrap();
        for (i, e) in list.entries.iter().enumerate() {
            let c = self.store.customer(e.customer.id).unwrap();
            if let [only] = c.dialable_contacts().as_slice() {
                let phone = only.phone.clone();
                self.app.today_selected = i;
                return phone;
            }
        }
        panic!("no row with one number");
    }
}
