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
    _dir: tempfile::TempDir,
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
        _dir: dir,
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

/// Ticks until the dial command started by `c` has ended (it is watched on every tick).
fn wait_for_dial(s: &mut Session) {
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
    fn key_tick(&mut self) {
        calldeck::tui::update::update(
            &mut self.app,
            calldeck::tui::action::Action::Tick,
            &mut self.store,
            &self.clock,
        );
    }

    /// The first row with exactly one number to dial.
    fn select_row_with_one_number(&mut self) -> String {
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

#[test]
fn c_runs_the_dial_command_with_the_number() {
    let mut config = Config::default();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("dialled");
    config.dial.command = format!(
        "sh -c 'printf %s \"$1\" > {}' dial {{phone}}",
        file.display()
    );
    let mut s = session_with(config);
    let phone = s.select_row_with_one_number();
    let id = s.app.selected_customer().unwrap();
    s.keys("c");
    assert!(
        s.app.message.as_ref().unwrap().0.starts_with("Dialling"),
        "{:?}",
        s.app.message
    );
    assert_eq!(s.app.timer.as_ref().unwrap().customer_id, id);
    wait_for_dial(&mut s);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), phone);
    assert!(s.app.clipboard.is_none(), "a dial command copies nothing");
}

#[test]
fn a_failing_dial_command_becomes_a_message_line() {
    let mut config = Config::default();
    config.dial.command = "sh -c 'exit 4' dial {phone}".into();
    let mut s = session_with(config);
    s.select_row_with_one_number();
    s.keys("c");
    wait_for_dial(&mut s);
    let (text, tone) = s.app.message.clone().unwrap();
    assert_eq!(tone, calldeck::tui::app::Tone::Error);
    assert!(text.contains("failed"), "{text}");

    let mut config = Config::default();
    config.dial.command = "no-such-softphone dial {phone}".into();
    let mut s = session_with(config);
    s.select_row_with_one_number();
    s.keys("c");
    let (text, _) = s.app.message.clone().unwrap();
    assert!(
        text.contains("cannot run the dial command 'no-such-softphone'"),
        "{text}"
    );
}

#[test]
fn without_a_dial_command_the_number_is_copied_and_the_message_says_so() {
    let mut s = session();
    let phone = s.select_row_with_one_number();
    s.keys("c");
    assert_eq!(s.app.clipboard.as_deref(), Some(phone.as_str()));
    let (text, _) = s.app.message.clone().unwrap();
    assert!(text.contains("Copied") && text.contains(&phone), "{text}");
}

#[test]
fn several_numbers_ask_which_primary_first() {
    let mut s = session();
    let list = s.app.today.as_ref().unwrap();
    let (row, numbers) = list
        .entries
        .iter()
        .enumerate()
        .find_map(|(i, e)| {
            let c = s.store.customer(e.customer.id).unwrap();
            let n: Vec<String> = c
                .dialable_contacts()
                .iter()
                .map(|k| k.phone.clone())
                .collect();
            (n.len() > 1).then_some((i, n))
        })
        .expect("a row with several numbers");
    s.app.today_selected = row;
    s.keys("c");
    assert!(s.app.question.is_some(), "asks which number");
    let screen = s.screen(80, 24);
    assert!(screen.contains("Which number?"), "{screen}");
    assert!(screen.contains(&format!("1 {}", numbers[0])), "{screen}");
    s.keys("2");
    assert!(s.app.question.is_none());
    assert_eq!(s.app.clipboard.as_deref(), Some(numbers[1].as_str()));
}

#[test]
fn the_call_timer_runs_from_dialling_and_is_saved_with_the_call() {
    let mut s = session();
    s.select_plain_row();
    let id = s.app.selected_customer().unwrap();
    s.keys("c");
    s.clock = Clock::parse("2026-11-26T09:04:07+08:00").unwrap();
    s.key_tick();
    let header = s.screen(120, 40);
    assert!(
        header.lines().next().unwrap().contains("on the call 4:07"),
        "{header}"
    );
    s.keys("3");
    s.clock = Clock::parse("2026-11-26T09:05:00+08:00").unwrap();
    s.key(KeyCode::Enter);
    assert!(s.app.log.is_none(), "saved");
    assert!(s.app.timer.is_none(), "the timer stops with the save");
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    let d: i64 = conn
        .query_row(
            &format!(
                "SELECT duration_s FROM calls WHERE customer_id = {id} ORDER BY id DESC LIMIT 1"
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(d, 300);
    // The card's history shows how long the call took.
    s.app.today_selected = s
        .app
        .today
        .as_ref()
        .unwrap()
        .entries
        .iter()
        .position(|e| e.customer.id == id)
        .unwrap();
    s.key(KeyCode::Enter);
    let card = s.screen(120, 40);
    assert!(card.contains("reached, talked 5:00"), "{card}");
}

#[test]
fn c_on_the_card_dials_the_card_s_customer() {
    let mut s = session();
    let phone = s.select_row_with_one_number();
    let id = s.app.selected_customer().unwrap();
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    s.keys("c");
    assert_eq!(s.app.clipboard.as_deref(), Some(phone.as_str()));
    assert_eq!(s.app.timer.as_ref().unwrap().customer_id, id);
}

#[test]
fn opening_the_log_form_starts_the_timer_too() {
    let mut s = session();
    s.select_plain_row();
    let id = s.app.selected_customer().unwrap();
    s.keys("3");
    s.clock = Clock::parse("2026-11-26T09:01:30+08:00").unwrap();
    s.key(KeyCode::Enter);
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    let d: i64 = conn
        .query_row(
            &format!(
                "SELECT duration_s FROM calls WHERE customer_id = {id} ORDER BY id DESC LIMIT 1"
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(d, 90);
}

#[test]
fn a_call_logged_on_the_card_goes_back_to_the_list_on_the_next_row() {
    let mut s = session();
    s.select_plain_row();
    let id = s.app.selected_customer().unwrap();
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    s.keys("1");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Today, "after_save = list");
    let list = s.app.today.as_ref().unwrap();
    assert!(!list.entries[s.app.today_selected].done);
    assert_ne!(s.app.selected_customer(), Some(id));
}

#[test]
fn after_save_next_card_opens_the_next_customer_to_call() {
    let mut config = Config::default();
    config.tui.after_save = calldeck::config::AfterSave::NextCard;
    let mut s = session_with(config);
    s.select_plain_row();
    let id = s.app.selected_customer().unwrap();
    s.keys("1");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    let shown = s.app.card.as_ref().unwrap().data.customer.id;
    assert_ne!(shown, id);
    let list = s.app.today.as_ref().unwrap();
    let row = list
        .entries
        .iter()
        .position(|e| e.customer.id == shown)
        .unwrap();
    assert!(!list.entries[row].done);
    assert_eq!(s.app.today_selected, row, "the list's cursor follows");
    // N walks on to the next one, and Esc goes back to the list on that row.
    s.keys("N");
    let after = s.app.card.as_ref().unwrap().data.customer.id;
    assert_ne!(after, shown);
    s.key(KeyCode::Esc);
    assert_eq!(s.app.screen, Screen::Today);
    assert_eq!(s.app.selected_customer(), Some(after));
}

#[test]
fn undo_puts_the_cursor_on_the_restored_row_and_a_restart_on_the_first_undone() {
    let mut s = session();
    s.select_plain_row();
    let id = s.app.selected_customer().unwrap();
    s.keys("1");
    s.key(KeyCode::Enter);
    assert_ne!(s.app.selected_customer(), Some(id));
    s.keys("u");
    assert_eq!(s.app.selected_customer(), Some(id));

    // Log the first undone row, then start again: the cursor is on the next undone row.
    let first = s
        .app
        .today
        .as_ref()
        .unwrap()
        .entries
        .iter()
        .position(|e| !e.done)
        .unwrap();
    s.app.today_selected = first;
    s.keys("3");
    s.key(KeyCode::Enter);
    let app = start(&mut s.store, Config::default(), Some("Alice"), &s.clock).unwrap();
    let list = app.today.as_ref().unwrap();
    assert!(list.entries[first].done);
    assert_eq!(
        app.today_selected,
        list.entries.iter().position(|e| !e.done).unwrap()
    );
}

#[test]
fn talk_time_adds_up_in_the_header_the_team_screen_and_the_weekly_summary() {
    let mut s = session();
    for (start, end) in [("09:00:00", "09:02:00"), ("09:10:00", "09:10:45")] {
        s.clock = Clock::parse(&format!("2026-11-26T{start}+08:00")).unwrap();
        s.select_plain_row();
        s.keys("3");
        s.clock = Clock::parse(&format!("2026-11-26T{end}+08:00")).unwrap();
        s.key(KeyCode::Enter);
    }
    assert_eq!(s.app.talk_today_s, 165);
    let screen = s.screen(120, 40);
    assert!(screen.contains("talk 2:45"), "{screen}");

    let team = s.store.team_progress(s.clock.today(), &s.clock).unwrap();
    let alice = team.iter().find(|p| p.rep == "Alice").unwrap();
    assert_eq!(alice.talk_today_s, 165);

    let week = calldeck::report::Week::of(s.clock.today());
    let report = calldeck::report::weekly(
        &s.store,
        &Config::default(),
        &s.clock,
        week,
        &calldeck::report::Scope::Team,
    )
    .unwrap();
    let v = serde_json::to_value(&report).unwrap();
    let rep = v["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rep"] == "Alice")
        .unwrap();
    assert_eq!(rep["talk_time_s"], 165);
    assert!(v["team"]["talk_time_s"].as_u64().unwrap() >= 165);
    let md = calldeck::report::render_md::render(&report, None, &Config::default());
    assert!(md.contains("- Alice: talk 0h 02m; 0 skipped"), "{md}");
}

#[test]
fn help_shows_the_outcome_keys_and_the_marks_first_and_scrolls_to_its_end() {
    let mut s = session();
    s.keys("?");
    let first = s.screen(80, 24);
    assert!(first.contains("no answer"), "{first}");
    assert!(first.contains("do not call"), "{first}");
    assert!(first.contains("! must call"), "{first}");
    for _ in 0..30 {
        s.key(KeyCode::PageDown);
    }
    let limit = s.app.scroll_limit.get();
    assert!(limit > 0 && limit < u16::MAX);
    assert_eq!(s.app.help_scroll, limit, "PgDn stops at the end");
    let end = s.screen(80, 24);
    assert!(
        end.contains("Help, funnel, team"),
        "the last section shows: {end}"
    );
    s.key(KeyCode::Home);
    assert_eq!(s.app.help_scroll, 0);
    s.key(KeyCode::End);
    assert_eq!(s.app.help_scroll, limit);
    s.ctrl('u');
    assert_eq!(s.app.help_scroll, limit - 10);
    s.ctrl('d');
    s.keys("G");
    assert_eq!(s.app.help_scroll, limit);
    s.keys("k");
    assert_eq!(s.app.help_scroll, limit - 1);
    insta::assert_snapshot!("help_end_80x24", s.screen(80, 24));
}

#[test]
fn the_card_scrolls_to_its_end_and_no_further() {
    let mut s = session();
    s.select_plain_row();
    s.key(KeyCode::Enter);
    let top = s.screen(80, 24);
    for _ in 0..20 {
        s.key(KeyCode::PageDown);
    }
    let limit = s.app.scroll_limit.get();
    assert_eq!(s.app.card_scroll, limit);
    let end = s.screen(80, 24);
    let body: Vec<&str> = end.lines().skip(1).take(20).collect();
    assert!(
        body.iter()
            .filter(|l| l.trim_matches(['"', ' ']).is_empty())
            .count()
            < 10,
        "the end of the card, not a blank screen: {end}"
    );
    s.keys("g");
    assert_eq!(s.app.card_scroll, 0);
    assert_eq!(s.screen(80, 24), top);
    s.keys("G");
    assert_eq!(s.app.card_scroll, limit);
}

#[test]
fn a_phone_is_found_however_it_is_typed() {
    let mut s = session();
    let list = s.app.today.as_ref().unwrap();
    let (id, phone) = list
        .entries
        .iter()
        .find_map(|e| {
            let p = e.customer.primary_phone();
            p.starts_with("+44").then(|| (e.customer.id, p.to_string()))
        })
        .expect("a UK number on the list");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = format!("0{}", &digits[2..]);
    let spaced = format!("0{} {}", &digits[2..6], &digits[6..]);
    for typed in [phone.clone(), national, spaced, digits[2..9].to_string()] {
        s.keys("/");
        s.keys(&typed);
        let found: Vec<i64> = s
            .app
            .search
            .results
            .iter()
            .map(|(i, _)| s.app.search.items[*i].id)
            .collect();
        assert!(found.contains(&id), "{typed} finds #{id}: {found:?}");
        s.key(KeyCode::Esc);
    }
}

fn next_call_of(s: &Session, id: i64) -> Option<(String, Option<String>)> {
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    conn.query_row(
        &format!("SELECT next_call_date, next_call_time FROM customers WHERE id = {id}"),
        [],
        |r| {
            Ok(r.get::<_, Option<String>>(0)?
                .map(|d| (d, r.get(1).unwrap())))
        },
    )
    .unwrap()
}

#[test]
fn z_snoozes_one_row_with_a_reason_and_u_takes_it_back() {
    let mut s = session();
    s.select_plain_row();
    let id = s.app.selected_customer().unwrap();
    let before = next_call_of(&s, id);
    let calls = s.store.path().to_path_buf();
    let count = |p: &std::path::Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("SELECT count(*) FROM calls", [], |r| r.get(0))
            .unwrap()
    };
    let n_calls = count(&calls);
    s.keys("z");
    assert!(s.app.snooze.is_some());
    s.keys("mon");
    assert_eq!(
        s.app.snooze.as_ref().unwrap().date_preview,
        Some(Ok("→ Mon 30 Nov, in 2 working days".into()))
    );
    s.key(KeyCode::Enter);
    let problem = s.app.snooze.as_ref().unwrap().problem.clone().unwrap();
    assert!(problem.contains("say why"), "{problem}");
    s.key(KeyCode::Tab);
    s.keys("closed for stocktaking");
    s.key(KeyCode::Enter);
    assert!(s.app.snooze.is_none(), "saved");
    assert_eq!(next_call_of(&s, id), Some(("2026-11-30".into(), None)));
    assert_eq!(count(&calls), n_calls, "no call record");
    let list = s.app.today.as_ref().unwrap();
    let row = list
        .entries
        .iter()
        .position(|e| e.customer.id == id)
        .unwrap();
    assert_eq!(
        list.entries[row].skipped.as_deref(),
        Some("closed for stocktaking")
    );
    assert!(!list.entries[row].done);
    assert_ne!(s.app.selected_customer(), Some(id), "the cursor moves on");
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("snoozed: closed for stocktaking"),
        "{screen}"
    );

    s.keys("u");
    assert_eq!(next_call_of(&s, id), before, "undo puts the next call back");
    assert_eq!(s.app.selected_customer(), Some(id));
    assert!(s.app.today.as_ref().unwrap().entries[row].skipped.is_none());
}

#[test]
fn several_selected_rows_move_together_in_one_undoable_step() {
    let mut s = session();
    s.select_plain_row();
    let start = s.app.today_selected;
    s.keys("   "); // selects three rows, moving down
    let marked: Vec<i64> = s.app.marked.iter().copied().collect();
    assert_eq!(marked.len(), 3);
    assert_eq!(s.app.today_selected, start + 3);
    let befores: Vec<_> = marked.iter().map(|id| next_call_of(&s, *id)).collect();
    s.keys("z");
    assert_eq!(s.app.snooze.as_ref().unwrap().who, "3 customers");
    insta::assert_snapshot!("snooze_three_80x24", s.screen(80, 24));
    s.keys("tomorrow 10:00");
    s.key(KeyCode::Tab);
    s.keys("rep off sick");
    s.key(KeyCode::Enter);
    for id in &marked {
        assert_eq!(
            next_call_of(&s, *id),
            Some(("2026-11-27".into(), Some("10:00".into())))
        );
    }
    assert!(s.app.marked.is_empty());

    // The weekly summary counts them as skipped, with the reason.
    let week = calldeck::report::Week::of(s.clock.today());
    let report = calldeck::report::weekly(
        &s.store,
        &Config::default(),
        &s.clock,
        week,
        &calldeck::report::Scope::Team,
    )
    .unwrap();
    let v = serde_json::to_value(&report).unwrap();
    let alice = v["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rep"] == "Alice")
        .unwrap()
        .clone();
    assert_eq!(alice["planned_skipped"], 3);
    assert_eq!(alice["skip_reasons"]["rep off sick"], 3);
    assert_eq!(v["team"]["skip_reasons"]["rep off sick"], 3);
    let md = calldeck::report::render_md::render(&report, None, &Config::default());
    assert!(
        md.contains("- Alice: talk 0h 00m; 3 skipped (rep off sick × 3)"),
        "{md}"
    );

    s.keys("u");
    let after: Vec<_> = marked.iter().map(|id| next_call_of(&s, *id)).collect();
    assert_eq!(after, befores, "one u brings all three back");
    let report = calldeck::report::weekly(
        &s.store,
        &Config::default(),
        &s.clock,
        week,
        &calldeck::report::Scope::Team,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&report).unwrap()["team"]["planned_skipped"],
        0
    );
}

#[test]
fn v_selects_every_row_still_to_call_and_a_past_day_is_refused() {
    let mut s = session();
    s.keys("V");
    let open = s
        .app
        .today
        .as_ref()
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.is_open())
        .count();
    assert_eq!(s.app.marked.len(), open);
    s.keys("z");
    s.keys("today");
    s.key(KeyCode::Tab);
    s.keys("x");
    s.key(KeyCode::Enter);
    let problem = s.app.snooze.as_ref().unwrap().problem.clone().unwrap();
    assert!(problem.contains("later day"), "{problem}");
    s.key(KeyCode::Esc);
    assert!(s.app.snooze.is_none());
    s.keys("V");
    assert!(s.app.marked.is_empty(), "V again clears");
}

#[test]
fn the_rep_chosen_in_the_picker_is_the_one_the_commands_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let clock = Clock::parse(NOW).unwrap();
    build(
        &path,
        &DemoOptions {
            reps: 2,
            customers: 40,
            days: 10,
            seed: 3,
        },
        &Config::default(),
        &clock,
    )
    .unwrap();
    let mut store = Store::open(&path).unwrap();
    let mut app = start(&mut store, Config::default(), None, &clock).unwrap();
    assert_eq!(app.screen, Screen::Picker);
    let bruno = app.reps.iter().position(|r| r.name == "Bruno").unwrap();
    for _ in 0..bruno {
        handle_key(
            &mut app,
            KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
            &mut store,
            &clock,
        );
    }
    handle_key(
        &mut app,
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        &mut store,
        &clock,
    );
    assert_eq!(app.rep.as_ref().unwrap().name, "Bruno");
    drop(store);

    let empty = dir.path().join("none.toml");
    std::fs::write(&empty, "").unwrap();
    let out = assert_cmd::Command::cargo_bin("calldeck")
        .unwrap()
        .args(["today", "--format", "json", "--db"])
        .arg(&path)
        .env("CALLDECK_NOW", NOW)
        .env("CALLDECK_CONFIG", &empty)
        .env_remove("CALLDECK_REP")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("as Bruno, the rep last chosen"), "{stderr}");
    // A later start of the TUI skips the picker.
    let mut store = Store::open(&path).unwrap();
    let remembered = store.remembered_rep().unwrap();
    assert_eq!(remembered.as_deref(), Some("Bruno"));
    let app = start(&mut store, Config::default(), remembered.as_deref(), &clock).unwrap();
    assert_eq!(app.screen, Screen::Today);
}

fn mouse(
    kind: ratatui::crossterm::event::MouseEventKind,
    row: u16,
) -> ratatui::crossterm::event::MouseEvent {
    ratatui::crossterm::event::MouseEvent {
        kind,
        column: 10,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

#[test]
fn a_click_selects_a_double_click_opens_and_the_wheel_scrolls() {
    use calldeck::tui::{Clicks, handle_mouse};
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let mut s = session();
    let screen = s.screen(80, 24);
    let line = screen.lines().position(|l| l.contains(" 4")).unwrap() as u16;
    let t0 = std::time::Instant::now();
    let mut clicks = Clicks::default();
    let click = MouseEventKind::Down(MouseButton::Left);
    handle_mouse(
        &mut s.app,
        mouse(click, line),
        t0,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    assert_eq!(s.app.today_selected, 3, "line {line} holds row 4");
    assert_eq!(s.app.screen, Screen::Today);
    let later = t0 + std::time::Duration::from_millis(200);
    handle_mouse(
        &mut s.app,
        mouse(click, line),
        later,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    assert_eq!(s.app.screen, Screen::Card, "a double-click opens the card");
    s.key(KeyCode::Esc);
    // Two slow clicks only select.
    let slow = later + std::time::Duration::from_secs(2);
    handle_mouse(
        &mut s.app,
        mouse(click, line + 1),
        slow,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    let slower = slow + std::time::Duration::from_secs(2);
    handle_mouse(
        &mut s.app,
        mouse(click, line + 1),
        slower,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    assert_eq!(s.app.screen, Screen::Today);
    assert_eq!(s.app.today_selected, 4);
    handle_mouse(
        &mut s.app,
        mouse(MouseEventKind::ScrollDown, 5),
        slower,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    assert_eq!(s.app.today_selected, 5);
    // A click below the last row does nothing.
    handle_mouse(
        &mut s.app,
        mouse(click, 200),
        slower,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    assert_eq!(s.app.today_selected, 5);

    let mut config = Config::default();
    config.tui.mouse = false;
    let mut s = session_with(config);
    s.screen(80, 24);
    let before = s.app.today_selected;
    handle_mouse(
        &mut s.app,
        mouse(click, line),
        t0,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    handle_mouse(
        &mut s.app,
        mouse(MouseEventKind::ScrollDown, 5),
        t0,
        &mut clicks,
        &mut s.store,
        &s.clock,
    );
    assert_eq!(
        s.app.today_selected, before,
        "tui.mouse = false turns it off"
    );
}

#[test]
fn codes_read_as_words_and_dates_as_short_local_dates() {
    let mut s = session();
    s.select_plain_row();
    s.keys("0");
    s.keys("y");
    assert_eq!(s.log().status_after, "do not call");
    assert!(s.screen(80, 24).contains("status after: do not call"));
    s.key(KeyCode::Esc);
    if s.app.question.is_some() {
        s.keys("y");
    }
    s.keys("p");
    let (text, _) = s.app.message.clone().unwrap();
    assert_eq!(text, "Pinned to the list for Fri 27 Nov");
    s.keys("a");
    let form = s.app.form.as_ref().unwrap();
    assert!(form.fields.iter().any(|f| f.value == "decision maker"));
}

/// Every row of the popup on screen has its left and right border, whatever was under it.
fn assert_borders_whole(buf: &ratatui::buffer::Buffer, what: &str) {
    let area = buf.area;
    let (x0, y0) = (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .find(|&p| buf[p].symbol() == "┌")
        .unwrap_or_else(|| panic!("{what}: a popup is on screen"));
    let x1 = (x0..area.right())
        .find(|&x| buf[(x, y0)].symbol() == "┐")
        .unwrap_or_else(|| panic!("{what}: the popup has a top-right corner"));
    for y in y0 + 1..area.bottom() {
        let (l, r) = (buf[(x0, y)].symbol(), buf[(x1, y)].symbol());
        if l == "└" {
            assert_eq!(r, "┘", "{what}: bottom-right corner on row {y}");
            return;
        }
        assert_eq!(l, "│", "{what}: left border lost on row {y}");
        assert_eq!(r, "│", "{what}: right border lost on row {y}");
    }
    panic!("{what}: the popup has no bottom");
}

#[test]
fn every_popup_keeps_its_borders_over_chinese_names() {
    let mut s = session();
    // A row with several numbers, for the question of which to dial.
    let many = s
        .app
        .today
        .as_ref()
        .unwrap()
        .entries
        .iter()
        .position(|e| e.customer.dialable_contacts().len() > 1)
        .expect("a row with several numbers");
    type Open = fn(&mut Session);
    let popups: [(&str, Open, Open); 5] = [
        ("log form", |s| s.keys("3"), |s| s.key(KeyCode::Esc)),
        ("customer form", |s| s.keys("a"), |s| s.key(KeyCode::Esc)),
        ("question", |s| s.keys("0"), |s| s.keys("n")),
        ("snooze form", |s| s.keys("z"), |s| s.key(KeyCode::Esc)),
        ("which number", |s| s.keys("c"), |s| s.key(KeyCode::Esc)),
    ];
    for (what, open, close) in popups {
        for width in 80..=100 {
            for height in [24, 40] {
                s.app.today_selected = if what == "which number" { many } else { 0 };
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                open(&mut s);
                terminal.draw(|f| view::draw(f, &s.app)).unwrap();
                assert_borders_whole(terminal.backend().buffer(), &format!("{what} at {width}"));
                close(&mut s);
            }
        }
    }
    s.app.today_selected = 0;
    s.keys("z");
    insta::assert_snapshot!("snooze_over_cjk_120x40", s.screen(120, 40));
}
