//! The team screen as a lead works from it: each rep's day (a preview count for a rep who
//! has not opened today), Enter on a rep opens their Today read-only, `/` searches every
//! book, Space marks customers and `A` hands them to another rep in one transaction that
//! the customers' history keeps. Keys go through the real keymap and update; screens are
//! snapshotted.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
use calldeck::store::Store;
use calldeck::tui::app::{App, Screen};
use calldeck::tui::keymap::Mode;
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

/// A demo team (Alice, Bruno and the lead); Alice has opened today, Bruno has not.
fn lead_session() -> Session {
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
    // Alice opens her day, which freezes her list.
    start(&mut store, config.clone(), Some("Alice"), &clock).unwrap();
    let mut app = start(&mut store, config, Some("lead"), &clock).unwrap();
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

    fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.store.path()).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn rep_id(&self, name: &str) -> i64 {
        self.store.resolve_rep(Some(name)).unwrap().id
    }
}

fn snap_both(name: &str, s: &Session) {
    insta::assert_snapshot!(format!("{name}_80x24"), s.screen(80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), s.screen(120, 40));
}

#[test]
fn a_rep_who_has_not_opened_today_shows_the_plan_the_day_would_have() {
    let s = lead_session();
    assert_eq!(s.app.screen, Screen::Team);
    let alice = s.app.team.iter().find(|p| p.rep == "Alice").unwrap();
    let bruno = s.app.team.iter().find(|p| p.rep == "Bruno").unwrap();
    assert!(!alice.preview && alice.planned > 0);
    assert!(bruno.preview, "Bruno has not opened today");
    assert!(bruno.planned > 0, "the preview counts his list");
    // The preview stored nothing: Bruno's list is still his to freeze.
    let bruno_id = s.rep_id("Bruno");
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM plans WHERE rep_id = {bruno_id} AND day = '2026-11-26'"
        )),
        0
    );
    let screen = s.screen(80, 24);
    assert!(screen.contains(&format!("~{}", bruno.planned)), "{screen}");
    assert!(screen.contains("not opened"), "{screen}");
    snap_both("team_screen", &s);
}

#[test]
fn enter_opens_a_reps_today_read_only() {
    let mut s = lead_session();
    // Bruno, the second row: his list is a preview, and opening it stores nothing.
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Today);
    assert_eq!(s.app.mode(), Mode::RepView);
    assert_eq!(s.app.viewing.as_ref().unwrap().name, "Bruno");
    let list = s.app.today.as_ref().unwrap();
    assert!(!list.frozen && !list.entries.is_empty());
    let bruno_id = s.rep_id("Bruno");
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM plans WHERE rep_id = {bruno_id} AND day = '2026-11-26'"
        )),
        0
    );
    snap_both("team_rep_today", &s);
    // Logging is the rep's: the lead's keys do not write, on the list or on the card.
    let calls = s.count("SELECT count(*) FROM calls");
    s.keys("1");
    assert!(s.app.log.is_none());
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    s.keys("1");
    assert!(s.app.log.is_none());
    assert_eq!(s.count("SELECT count(*) FROM calls"), calls);
    assert!(
        s.app.message.as_ref().unwrap().0.contains("each rep logs"),
        "{:?}",
        s.app.message
    );
    // Esc goes back to the list, then to the team.
    s.key(KeyCode::Esc);
    assert_eq!(s.app.screen, Screen::Today);
    s.key(KeyCode::Esc);
    assert_eq!(s.app.screen, Screen::Team);
    assert!(s.app.viewing.is_none());
    // `t` is the lead's day: the team, not an empty list.
    s.key(KeyCode::Char('t'));
    assert_eq!(s.app.screen, Screen::Team);
}

#[test]
fn marked_customers_go_to_another_rep_in_one_step_kept_in_history() {
    let mut s = lead_session();
    s.key(KeyCode::Enter); // Alice's list
    assert_eq!(s.app.viewing.as_ref().unwrap().name, "Alice");
    let ids: Vec<i64> = s.app.today.as_ref().unwrap().entries[..2]
        .iter()
        .map(|e| e.customer.id)
        .collect();
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Char(' '));
    assert_eq!(s.app.marked.len(), 2);
    s.key(KeyCode::Char('A'));
    assert_eq!(s.app.mode(), Mode::Reassign);
    let picked = s.app.reassign.as_ref().unwrap();
    assert_eq!(picked.customers, ids);
    assert_eq!(
        picked.reps[picked.selected].name, "Bruno",
        "the other rep comes first"
    );
    snap_both("team_reassign", &s);
    s.key(KeyCode::Enter);
    let bruno = s.rep_id("Bruno");
    let list = format!("{}, {}", ids[0], ids[1]);
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM customers WHERE owner_id = {bruno} AND id IN ({list})"
        )),
        2
    );
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM customer_history WHERE field = 'owner_id' AND source = 'assign' AND customer_id IN ({list})"
        )),
        2
    );
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM deals WHERE result = 'open' AND owner_id = {bruno} AND customer_id IN ({list})"
        )),
        2,
        "their open deals move with them"
    );
    assert!(s.app.marked.is_empty());
    assert_eq!(
        s.app.message.as_ref().unwrap().0,
        "Reassigned 2 customers to Bruno"
    );
    // Esc on the rep picker changes nothing.
    s.key(KeyCode::Char('A'));
    s.key(KeyCode::Esc);
    assert!(s.app.reassign.is_none());
    assert_eq!(
        s.count("SELECT count(*) FROM customer_history WHERE field = 'owner_id'"),
        2
    );
}

#[test]
fn search_reaches_every_book_and_a_card_can_be_reassigned() {
    let mut s = lead_session();
    s.key(KeyCode::Char('/'));
    assert_eq!(s.app.screen, Screen::Search);
    let alice = s.rep_id("Alice");
    let bruno = s.rep_id("Bruno");
    let books = s.count("SELECT count(*) FROM customers");
    assert_eq!(
        s.app.search.items.len() as i64,
        books,
        "everyone's customers"
    );
    assert!(s.app.search.items.iter().any(|i| i.owner == "Alice"));
    assert!(s.app.search.items.iter().any(|i| i.owner == "Bruno"));
    // The first result of Bruno's goes to Alice from its card.
    let (index, item) = s
        .app
        .search
        .items
        .iter()
        .enumerate()
        .find(|(_, i)| i.owner == "Bruno")
        .map(|(n, i)| (n, i.clone()))
        .unwrap();
    s.keys(&item.name);
    let position = s
        .app
        .search
        .results
        .iter()
        .position(|(i, _)| *i == index)
        .expect("the customer's own name finds it");
    for _ in 0..position {
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    s.key(KeyCode::Char('A'));
    let r = s.app.reassign.as_ref().unwrap();
    assert_eq!(r.customers, [item.id]);
    let to_alice = r.reps.iter().position(|p| p.id == alice).unwrap();
    let from = r.selected;
    for _ in from..to_alice {
        s.key(KeyCode::Down);
    }
    for _ in to_alice..from {
        s.key(KeyCode::Up);
    }
    s.key(KeyCode::Enter);
    assert_eq!(
        s.count(&format!(
            "SELECT owner_id FROM customers WHERE id = {}",
            item.id
        )),
        alice
    );
    assert_ne!(alice, bruno);
}
