//! The TUI as a rep uses it: key presses through the real keymap and update function,
//! whole screens rendered into a TestBackend and snapshotted, on a seeded demo with a
//! fixed clock.

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};
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

fn session_as(rep: Option<&str>) -> Session {
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
        },
        &config,
        &clock,
    )
    .unwrap();
    let mut store = Store::open(&path).unwrap();
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
    session_as(Some("Alice"))
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

    fn selected_id(&self) -> i64 {
        self.app.selected_customer().unwrap()
    }

    /// Puts the cursor on a customer's row of today's list.
    fn select_customer(&mut self, id: i64) {
        let list = self.app.today.as_ref().unwrap();
        self.app.today_selected = list
            .entries
            .iter()
            .position(|e| e.customer.id == id)
            .unwrap();
    }

    /// Selects the first undone row with no appointment today (an earlier miss on an
    /// appointment keeps it and leaves the row open).
    fn select_row_without_appointment(&mut self) {
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

fn snap_both(name: &str, s: &Session) {
    insta::assert_snapshot!(format!("{name}_80x24"), s.screen(80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), s.screen(120, 40));
}

#[test]
fn no_answer_is_two_keystrokes_and_moves_to_the_next_undone_row() {
    let mut s = session();
    assert_eq!(s.app.screen, Screen::Today);
    s.select_row_without_appointment();
    let id = s.selected_id();
    let calls = s.count("SELECT count(*) FROM calls");
    s.key(KeyCode::Char('1'));
    assert!(s.app.log.is_some(), "the form opens");
    s.key(KeyCode::Enter);
    assert!(s.app.log.is_none(), "saved and closed");
    assert_eq!(s.count("SELECT count(*) FROM calls"), calls + 1);
    assert_eq!(
        s.count(&format!("SELECT count(*) FROM calls WHERE customer_id = {id} AND outcome = 'no_answer' AND at = '2026-11-26T01:00:00Z'")),
        1
    );
    let list = s.app.today.as_ref().unwrap();
    let row = list
        .entries
        .iter()
        .position(|e| e.customer.id == id)
        .unwrap();
    assert!(list.entries[row].done);
    assert!(
        !list.entries[s.app.today_selected].done,
        "cursor on an undone row"
    );
    assert_ne!(s.selected_id(), id);
}

#[test]
fn esc_writes_nothing_and_a_typed_note_is_not_lost_by_a_stray_key() {
    let mut s = session();
    let calls = s.count("SELECT count(*) FROM calls");
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Esc);
    assert!(s.app.log.is_none());
    assert_eq!(s.count("SELECT count(*) FROM calls"), calls);

    s.key(KeyCode::Char('3'));
    s.keys("nwants a quote q");
    s.key(KeyCode::Esc); // leaves the note field, keeps the text
    assert_eq!(s.app.log.as_ref().unwrap().note, "wants a quote q");
    s.key(KeyCode::Char('q')); // a stray q in the form does nothing
    s.key(KeyCode::Esc); // asks before dropping the note
    assert!(s.app.question.is_some());
    s.key(KeyCode::Char('n'));
    assert_eq!(s.app.log.as_ref().unwrap().note, "wants a quote q");
    s.key(KeyCode::Enter);
    assert_eq!(
        s.count("SELECT count(*) FROM calls WHERE note = 'wants a quote q'"),
        1
    );
}

#[test]
fn quick_picks_and_stage_keys_change_what_is_saved() {
    let mut s = session();
    let id = s.selected_id();
    s.key(KeyCode::Char('3'));
    let proposed = s.app.log.as_ref().unwrap().stage;
    s.keys("2s");
    let form = s.app.log.as_ref().unwrap();
    assert_eq!(form.next.unwrap().to_string(), "2026-11-30");
    let stages = [0u8, 1, 2, 3, 4, 5, 7];
    let want = stages[(stages.iter().position(|x| *x == proposed).unwrap() + 1).min(6)];
    assert_eq!(form.stage, want, "s moves the stage one step up");
    assert!(
        form.dirty(),
        "a changed stage and date count as input Esc would lose"
    );
    s.key(KeyCode::Enter);
    let c = s.store.customer(id).unwrap();
    assert_eq!(c.state.next_call.unwrap().to_string(), "2026-11-30");
    assert_eq!(c.state.stage, want);
}

#[test]
fn undo_voids_the_call_and_restores_the_customer() {
    let mut s = session();
    let id = s.selected_id();
    let before = s.store.customer(id).unwrap().state;
    s.key(KeyCode::Char('5'));
    s.key(KeyCode::Enter);
    assert_ne!(s.store.customer(id).unwrap().state, before);
    s.key(KeyCode::Char('u'));
    assert_eq!(s.store.customer(id).unwrap().state.stage, before.stage);
    assert_eq!(
        s.store.customer(id).unwrap().state.next_call,
        before.next_call
    );
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM calls WHERE customer_id = {id} AND void = 1"
        )),
        1
    );
    s.key(KeyCode::Char('u'));
    assert!(
        s.app
            .message
            .as_ref()
            .unwrap()
            .0
            .contains("Nothing to undo")
    );
}

#[test]
fn search_finds_by_part_of_a_chinese_name_and_by_phone_digits() {
    let mut s = session();
    let target = s.store.customer(5).unwrap();
    let chinese = s
        .store
        .book(s.app.rep.as_ref().unwrap().id)
        .unwrap()
        .into_iter()
        .find(|c| c.name.chars().any(|ch| ch > '\u{4e00}'))
        .unwrap();
    s.key(KeyCode::Char('/'));
    assert_eq!(s.app.screen, Screen::Search);
    let part: String = chinese.name.chars().skip(1).take(2).collect();
    s.keys(&part);
    let found: Vec<i64> = s
        .app
        .search
        .results
        .iter()
        .map(|(i, _)| s.app.search.items[*i].id)
        .collect();
    assert!(
        found.contains(&chinese.id),
        "{part} should find {}",
        chinese.name
    );

    for _ in 0..part.chars().count() {
        s.key(KeyCode::Backspace);
    }
    let digits: String = s.store.customer(target.id).unwrap().contacts[0]
        .phone
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let tail = &digits[digits.len() - 7..];
    s.keys(tail);
    assert_eq!(s.app.search.items[s.app.search.results[0].0].id, target.id);
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    assert_eq!(s.app.card.as_ref().unwrap().data.customer.id, target.id);
}

#[test]
fn adding_a_customer_validates_field_by_field() {
    let mut s = session();
    let before = s.count("SELECT count(*) FROM customers");
    s.key(KeyCode::Char('a'));
    s.keys("Acme 华美");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.keys("call me");
    s.key(KeyCode::Enter);
    let form = s.app.form.as_ref().unwrap();
    assert_eq!(
        form.problem.as_ref().unwrap().0,
        2,
        "the phone field is at fault"
    );
    for _ in 0..7 {
        s.key(KeyCode::Backspace);
    }
    s.keys("+86 138 1234 5678");
    s.key(KeyCode::Enter);
    assert!(s.app.form.is_none());
    assert_eq!(s.count("SELECT count(*) FROM customers"), before + 1);
    assert_eq!(
        s.count("SELECT count(*) FROM contacts WHERE phone_digits = '8613812345678'"),
        1
    );
}

#[test]
fn quit_asks_only_when_a_form_is_dirty() {
    let mut s = session();
    s.key(KeyCode::Char('a'));
    s.keys("half typed");
    handle_key(
        &mut s.app,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        &mut s.store,
        &s.clock,
    );
    assert!(s.app.question.is_some() && !s.app.quit);
    s.key(KeyCode::Char('y'));
    assert!(s.app.quit);
    let mut s = session();
    s.key(KeyCode::Char('q'));
    assert!(s.app.quit);
}

#[test]
fn resizing_to_any_size_never_panics() {
    let mut s = session();
    s.key(KeyCode::Enter);
    for (w, h) in [(1, 1), (10, 3), (49, 11), (50, 12), (61, 17), (200, 60)] {
        let _ = s.screen(w, h);
    }
    insta::assert_snapshot!("too_small", s.screen(30, 8));
}

#[test]
fn snapshot_today() {
    snap_both("today", &session());
}

#[test]
fn snapshot_card() {
    let mut s = session();
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Enter);
    snap_both("card", &s);
}

#[test]
fn snapshot_log_form() {
    let mut s = session();
    s.key(KeyCode::Char('7'));
    snap_both("log_won", &s);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('4'));
    s.keys("fri 15:00");
    s.key(KeyCode::Enter);
    snap_both("log_callback", &s);
}

#[test]
fn snapshot_search() {
    let mut s = session();
    s.key(KeyCode::Char('/'));
    s.keys("trad");
    snap_both("search", &s);
}

#[test]
fn snapshot_funnel_tomorrow_help() {
    let mut s = session();
    s.key(KeyCode::Char('f'));
    snap_both("funnel", &s);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('n'));
    snap_both("tomorrow", &s);
    s.key(KeyCode::Char('?'));
    snap_both("help", &s);
}

#[test]
fn snapshot_forms() {
    let mut s = session();
    s.key(KeyCode::Char('a'));
    snap_both("add_customer", &s);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Enter);
    s.key(KeyCode::Char('e'));
    snap_both("edit_customer", &s);
}

#[test]
fn snapshot_team_and_picker() {
    let s = session_as(Some("lead"));
    assert_eq!(s.app.screen, Screen::Team);
    snap_both("team", &s);
    let s = session_as(None);
    assert_eq!(s.app.screen, Screen::Picker);
    snap_both("picker", &s);
}

#[test]
fn an_empty_database_explains_the_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("e.db")).unwrap();
    let clock = Clock::parse(NOW).unwrap();
    let mut app = start(&mut store, Config::default(), Some("Sam"), &clock).unwrap();
    app.colour = false;
    assert_eq!(app.screen, Screen::Empty);
    assert_eq!(
        app.rep.as_ref().unwrap().name,
        "Sam",
        "the first to open a new file is its rep"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view::draw(f, &app)).unwrap();
        insta::assert_snapshot!(format!("empty_{w}x{h}"), terminal.backend().to_string());
    }

    // Adding a customer from the empty screen puts it in Sam's book and shows the list.
    let press = |app: &mut App, store: &mut Store, code| {
        handle_key(app, KeyEvent::new(code, KeyModifiers::NONE), store, &clock)
    };
    press(&mut app, &mut store, KeyCode::Char('a'));
    for c in "Acme".chars() {
        press(&mut app, &mut store, KeyCode::Char(c));
    }
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(store.book(app.rep.as_ref().unwrap().id).unwrap().len(), 1);
    assert_eq!(app.screen, Screen::Today);
    // With no number it is not planned as a call; the header says it needs one.
    let list = app.today.as_ref().unwrap();
    assert!(list.entries.is_empty());
    assert_eq!(list.needs_number, 1);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("1 customer needs a number"), "{screen}");
}

#[test]
fn undo_skips_a_call_already_voided_from_the_command_line() {
    let mut s = session();
    let first = s.selected_id();
    s.key(KeyCode::Char('5'));
    s.key(KeyCode::Enter);
    let second = s.selected_id();
    s.key(KeyCode::Char('1'));
    s.key(KeyCode::Enter);
    // Another terminal runs `calldeck undo` on the latest call.
    let rep = s.app.rep.as_ref().unwrap().id;
    s.store.undo_last_call(rep, &s.clock).unwrap();
    s.key(KeyCode::Char('u'));
    assert!(
        s.app.message.as_ref().unwrap().0.contains("Undone"),
        "{:?}",
        s.app.message
    );
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM calls WHERE void = 1 AND customer_id IN ({first}, {second})"
        )),
        2
    );
}

#[test]
fn q_quits_from_every_screen_and_esc_goes_back() {
    let mut s = session_as(Some("lead"));
    s.key(KeyCode::Char('?'));
    assert_eq!(s.app.screen, Screen::Help);
    s.key(KeyCode::Esc);
    assert_eq!(s.app.screen, Screen::Team);
    s.key(KeyCode::Char('q'));
    assert!(s.app.quit, "a lead on the team screen quits with q");
}

#[test]
fn an_appointment_coming_due_is_marked_now_as_the_clock_ticks() {
    let mut s = session();
    let time = s
        .app
        .today
        .as_ref()
        .unwrap()
        .entries
        .iter()
        .filter_map(|e| e.customer.state.next_call)
        .filter(|n| n.date == s.clock.today())
        .find_map(|n| n.time)
        .unwrap();
    let before = s.screen(120, 40);
    assert!(
        !before.contains("NOW "),
        "09:00 is more than 15 minutes before any appointment"
    );
    // Tick at five minutes before the appointment.
    let soon = time - chrono::Duration::minutes(5);
    let clock = Clock::parse(&format!("2026-11-26T{}:00+08:00", soon.format("%H:%M"))).unwrap();
    calldeck::tui::update::update(
        &mut s.app,
        calldeck::tui::action::Action::Tick,
        &mut s.store,
        &clock,
    );
    let after = s.screen(120, 40);
    assert!(
        after.contains(&format!("NOW {}", time.format("%H:%M"))),
        "{after}"
    );
}

#[test]
fn a_win_logged_with_keys_records_the_typed_value_and_contract_dates() {
    let mut s = session();
    let id = s.selected_id();
    s.key(KeyCode::Char('7'));
    s.key(KeyCode::Char('v'));
    for _ in 0..12 {
        s.key(KeyCode::Backspace);
    }
    s.keys("25000");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Char('b'));
    s.keys("2026-12-01");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Char('f'));
    s.keys("2027-05-31");
    s.key(KeyCode::Enter);
    assert!(
        s.app.log.as_ref().unwrap().problem.is_none(),
        "{:?}",
        s.app.log
    );
    s.key(KeyCode::Enter);
    assert!(s.app.log.is_none());
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM contracts WHERE customer_id = {id} AND value_cents = 2500000
             AND start_on = '2026-12-01' AND end_on = '2027-05-31'"
        )),
        1
    );
    // A typed date that is not a date is shown in the form, and nothing is saved.
    let mut s = session();
    s.key(KeyCode::Char('7'));
    s.key(KeyCode::Char('f'));
    s.keys("soon");
    s.key(KeyCode::Enter);
    let calls = s.count("SELECT count(*) FROM calls");
    s.key(KeyCode::Enter);
    assert!(
        s.app
            .log
            .as_ref()
            .unwrap()
            .problem
            .as_ref()
            .unwrap()
            .contains("is not a date")
    );
    assert_eq!(s.count("SELECT count(*) FROM calls"), calls);
}

mod random_keys {
    use super::*;
    use proptest::prelude::*;

    fn key() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            4 => proptest::char::range(' ', '~').prop_map(KeyCode::Char),
            1 => proptest::sample::select(vec!['华', '美', '王', 'é']).prop_map(KeyCode::Char),
            1 => Just(KeyCode::Enter),
            1 => Just(KeyCode::Esc),
            1 => Just(KeyCode::Tab),
            1 => Just(KeyCode::BackTab),
            1 => Just(KeyCode::Backspace),
            1 => Just(KeyCode::Up),
            1 => Just(KeyCode::Down),
            1 => Just(KeyCode::PageDown),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever a rep types, the app neither panics nor leaves the database broken.
        #[test]
        fn any_key_sequence_is_safe(keys in proptest::collection::vec(key(), 1..80), w in 1u16..130, h in 1u16..45) {
            let mut s = session();
            for k in keys {
                if s.app.quit {
                    break;
                }
                s.key(k);
            }
            let _ = s.screen(w, h);
            prop_assert!(s.store.check().unwrap().is_empty());
        }
    }
}

#[test]
fn a_busy_customer_shows_now_when_the_retry_comes_due() {
    let mut s = session();
    s.select_row_without_appointment();
    let id = s.selected_id();
    s.key(KeyCode::Char('2'));
    s.key(KeyCode::Enter);
    let retry = s.store.customer(id).unwrap().state.next_call.unwrap();
    assert_eq!(
        retry.to_string(),
        "2026-11-26T11:00",
        "busy at 09:00: two hours later"
    );
    let clock = Clock::parse("2026-11-26T10:50:00+08:00").unwrap();
    calldeck::tui::update::update(
        &mut s.app,
        calldeck::tui::action::Action::Tick,
        &mut s.store,
        &clock,
    );
    let screen = s.screen(120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("NOW 11:00"))
        .unwrap_or_default();
    assert!(
        row.contains(" 1✓") || row.contains("✓"),
        "the called row flags its retry: {screen}"
    );
}

#[test]
fn a_quick_pick_survives_opening_and_leaving_the_date_field() {
    let mut s = session();
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('w'));
    let picked = s.app.log.as_ref().unwrap().next;
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Esc);
    let form = s.app.log.as_ref().unwrap();
    assert_eq!(form.next, picked);
    assert!(form.next_changed);
    // Clearing the field goes back to the rule's date.
    s.key(KeyCode::Char('d'));
    for _ in 0..20 {
        s.key(KeyCode::Backspace);
    }
    s.key(KeyCode::Enter);
    assert!(!s.app.log.as_ref().unwrap().next_changed);
}

/// Starts the app again on the same file, as reopening calldeck does.
fn reopen(s: &mut Session) {
    s.app = start(&mut s.store, Config::default(), Some("Alice"), &s.clock).unwrap();
    s.app.colour = false;
}

#[test]
fn the_header_counts_what_did_not_fit_and_plus_adds_it() {
    let mut s = session();
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    conn.execute_batch(
        "UPDATE reps SET quota = 8 WHERE name = 'Alice';
         DELETE FROM plans WHERE day = '2026-11-26';",
    )
    .unwrap();
    reopen(&mut s);
    let list = s.app.today.as_ref().unwrap();
    let (before, overflow) = (list.entries.len(), list.overflow);
    assert!(overflow > 0, "a quota of 8 leaves due customers over");
    assert!(list.coverage.at_risk());
    snap_both("today_overflow", &s);
    let screen = s.screen(80, 24);
    assert!(
        screen.contains(&format!("+{overflow} due that did not fit (+ adds 5)")),
        "{screen}"
    );

    s.key(KeyCode::Char('+'));
    let list = s.app.today.as_ref().unwrap();
    let added = before.min(list.entries.len()).abs_diff(list.entries.len());
    assert_eq!(added, overflow.min(5));
    assert_eq!(list.overflow, overflow - added);
    assert_eq!(
        s.app.today_selected, before,
        "the cursor goes to the first added row"
    );
    let screen = s.screen(120, 40);
    assert!(screen.contains(&format!("{:>2}+", before + 1)), "{screen}");
    // Added rows stay on the list when calldeck is opened again.
    reopen(&mut s);
    assert_eq!(s.app.today.as_ref().unwrap().entries.len(), before + added);
}

#[test]
fn final_outcomes_and_a_second_call_today_are_asked_about() {
    let mut s = session();
    s.select_row_without_appointment();
    let id = s.selected_id();
    let calls = s.count("SELECT count(*) FROM calls");
    s.key(KeyCode::Char('0'));
    assert!(
        s.app.log.is_none(),
        "do-not-call asks before the form opens"
    );
    let screen = s.screen(80, 24);
    assert!(screen.contains("do-not-call for good?"), "{screen}");
    s.key(KeyCode::Char('n'));
    assert!(s.app.question.is_none() && s.app.log.is_none());
    assert_eq!(s.count("SELECT count(*) FROM calls"), calls);

    // A first no-answer is not asked about; a second call the same day is.
    s.key(KeyCode::Char('1'));
    s.key(KeyCode::Enter);
    assert_eq!(s.count("SELECT count(*) FROM calls"), calls + 1);
    s.select_customer(id);
    s.key(KeyCode::Char('3'));
    let screen = s.screen(80, 24);
    assert!(screen.contains("log a second call today?"), "{screen}");
    s.key(KeyCode::Char('y'));
    assert!(s.app.log.is_some(), "yes opens the form");
    s.key(KeyCode::Enter);
    assert_eq!(s.count("SELECT count(*) FROM calls"), calls + 2);
}

#[test]
fn a_second_not_interested_asks_why_the_customer_is_lost() {
    let mut s = session();
    s.select_row_without_appointment();
    let id = s.selected_id();
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    conn.execute(
        "UPDATE customers SET last_not_interested_at = '2026-11-10T02:00:00Z', stage = 2 WHERE id = ?1",
        [id],
    )
    .unwrap();
    reopen(&mut s);
    s.select_customer(id);
    s.key(KeyCode::Char('8'));
    let form = s.app.log.as_ref().expect("the form opens");
    assert_eq!(
        form.problem.as_deref(),
        Some("this call marks the customer lost: press l to choose why")
    );
    s.key(KeyCode::Enter);
    assert!(s.app.log.is_some(), "not saved without a reason");
    s.key(KeyCode::Char('l'));
    s.key(KeyCode::Char('l'));
    let screen = s.screen(80, 24);
    assert!(
        screen.contains("lost for") && screen.contains("competitor"),
        "{screen}"
    );
    s.key(KeyCode::Enter);
    assert!(s.app.log.is_none(), "saved");
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM calls WHERE customer_id = {id} AND loss_reason = 'competitor'"
        )),
        1
    );
}
