//! The call loop as a power dialer works it: fields that edit like fields, dialling, the
//! call timer, moving on. Key presses go through the real keymap and update, on a seeded
//! demo with a fixed clock.

mod flow;
use flow::*;

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
    s.select_row_with_one_number();
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
