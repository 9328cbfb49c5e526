//! Working the list: help and card scrolling, phone search, snooze and skip, the
//! remembered rep, the mouse, plain words, popups over Chinese names. Key presses go
//! through the real keymap and update, on a seeded demo with a fixed clock.

mod flow;
use flow::*;

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
        end.contains("A rep's list, as the lead reads it"),
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
            calls_per_day: None,
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

#[test]
fn the_search_field_edits_like_the_others() {
    let mut s = session();
    s.keys("/");
    s.keys("Grxanite");
    s.key(KeyCode::Home);
    s.key(KeyCode::Right);
    s.key(KeyCode::Right);
    s.key(KeyCode::Delete);
    assert_eq!(s.app.search.query, "Granite");
    assert!(!s.app.search.results.is_empty());
    s.ctrl('u');
    assert_eq!(
        s.app.search.query, "anite",
        "Ctrl-U deletes back to the start"
    );
    s.key(KeyCode::End);
    s.ctrl('u');
    assert_eq!(s.app.search.query, "");
    s.keys("Acme");
    s.ctrl('w');
    assert_eq!(s.app.search.query, "");
}
