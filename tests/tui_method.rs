//! The sales method on the TUI: the card with its tiers, a card field of the user's own and
//! the complaint history; a complaint assigned and resolved from the card (`K`), which books
//! its follow-up call (回访); the satisfaction score on an after-sale call's log form.

mod flow;

use calldeck::store::CustomerEdit;
use flow::*;

fn config() -> Config {
    Config::from_user_toml(
        "[[fields]]\nkey = \"product\"\nlabel = \"拟购产品\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap()
}

fn count(s: &Session, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_card_assigns_and_resolves_a_complaint_and_keeps_it_in_its_history() {
    let mut s = session_with(config());
    let list = s.app.today.as_ref().unwrap();
    let row = list
        .entries
        .iter()
        .position(|e| e.entry.reasons.iter().any(|r| r == "complaint open"))
        .expect("the demo gives Alice a customer with an open complaint");
    s.app.today_selected = row;
    let id = s.app.selected_customer().unwrap();
    let edit = CustomerEdit {
        fields: vec![("product".into(), "CT 扫描仪".into())],
        ..CustomerEdit::default()
    };
    s.store.edit_customer(id, &edit, &s.clock).unwrap();
    s.key(KeyCode::Enter);
    assert_eq!(s.app.screen, Screen::Card);
    let complaint: i64 = count(
        &s,
        &format!("SELECT max(id) FROM complaints WHERE customer_id = {id} AND resolved_at IS NULL"),
    );
    let card = s.screen(120, 40);
    assert!(card.contains("拟购产品: CT 扫描仪"), "{card}");
    assert!(card.contains("Tier "), "{card}");
    assert!(card.contains(&format!("#{complaint} ")), "{card}");
    insta::assert_snapshot!("card_with_complaint_120x40", card);

    s.key(KeyCode::Char('K'));
    let form = s.screen(120, 40);
    assert!(form.contains(&format!("Complaint #{complaint}")), "{form}");
    // A rep who does not exist is refused, and nothing is stored.
    let assigned =
        format!("SELECT COALESCE(assignee_id, 0) FROM complaints WHERE id = {complaint}");
    let before = count(&s, &assigned);
    s.keys("Nobody");
    s.key(KeyCode::Enter);
    assert!(s.app.form.is_some(), "the form stays open");
    assert_eq!(count(&s, &assigned), before);
    s.key(KeyCode::Tab);
    s.key(KeyCode::BackTab);
    s.keys("Bruno");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.keys("refund sent");
    s.key(KeyCode::Enter);
    assert!(s.app.form.is_none(), "saved");
    let (assignee, resolution, follow_up): (String, String, String) = {
        let conn = rusqlite::Connection::open(s.store.path()).unwrap();
        conn.query_row(
            "SELECT r.name, p.resolution, p.follow_up_on FROM complaints p
             JOIN reps r ON r.id = p.assignee_id WHERE p.id = ?1",
            [complaint],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    // Thursday 26 November + 3 working days: Tuesday 1 December.
    assert_eq!(
        (assignee.as_str(), resolution.as_str(), follow_up.as_str()),
        ("Bruno", "refund sent", "2026-12-01")
    );
    let card = s.screen(120, 40);
    assert!(
        card.contains(" · resolved") && card.contains("11-26: refund sent, follow-up 12-01"),
        "{card}"
    );
    insta::assert_snapshot!("card_complaint_resolved_120x40", card);

    // With nothing open, K says so.
    s.key(KeyCode::Char('K'));
    assert!(s.app.form.is_none());
}

#[test]
fn an_after_sale_call_records_how_satisfied_the_customer_is() {
    let mut s = session();
    // A customer not under contract, with no complaint waiting for its follow-up.
    let list = s.app.today.as_ref().unwrap();
    let day = list.day;
    let candidates: Vec<(usize, i64)> = list
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            !e.done
                && e.customer.state.stage != 6
                && !e
                    .customer
                    .state
                    .next_call
                    .is_some_and(|n| n.date == day && n.time.is_some())
        })
        .map(|(i, e)| (i, e.customer.id))
        .collect();
    let (row, id) = candidates
        .into_iter()
        .find(|(_, id)| {
            count(
                &s,
                &format!(
                    "SELECT count(*) FROM complaints WHERE customer_id = {id} AND resolved_at IS NOT NULL"
                ),
            ) == 0
        })
        .unwrap();
    s.app.today_selected = row;
    // A customer with no contract asks nothing.
    s.key(KeyCode::Char('3'));
    assert!(!s.log().asks_satisfaction);
    s.key(KeyCode::Esc);
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    conn.execute("UPDATE customers SET stage = 6 WHERE id = ?1", [id])
        .unwrap();
    s.key(KeyCode::Char('3'));
    assert!(s.log().asks_satisfaction);
    s.key(KeyCode::Char('y'));
    s.key(KeyCode::Char('y'));
    assert_eq!(s.log().satisfaction, Some(4));
    let screen = s.screen(100, 30);
    assert!(
        screen.contains("satisfied") && screen.contains("4 of 5"),
        "{screen}"
    );
    s.key(KeyCode::Enter);
    assert!(s.app.log.is_none(), "saved");
    assert_eq!(
        count(
            &s,
            &format!("SELECT count(*) FROM calls WHERE customer_id = {id} AND satisfaction = 4")
        ),
        1
    );
}

#[test]
fn a_contacts_birthday_today_opens_the_card_on_the_greeting_script() {
    let mut s = session();
    // No open complaint, so the greeting is the script that applies.
    let list = s.app.today.as_ref().unwrap();
    let ids: Vec<(usize, i64)> = list
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (i, e.customer.id))
        .collect();
    let (row, id) = ids
        .into_iter()
        .find(|(_, id)| {
            count(
                &s,
                &format!(
                    "SELECT count(*) FROM complaints WHERE customer_id = {id} AND resolved_at IS NULL"
                ),
            ) == 0
        })
        .unwrap();
    s.app.today_selected = row;
    let conn = rusqlite::Connection::open(s.store.path()).unwrap();
    s.key(KeyCode::Enter);
    assert!(!s.screen(120, 40).contains("Script: Care call"));
    s.key(KeyCode::Esc);
    conn.execute(
        "UPDATE contacts SET birthday = '1980-11-26' WHERE id =
            (SELECT min(id) FROM contacts WHERE customer_id = ?1)",
        [id],
    )
    .unwrap();
    s.key(KeyCode::Enter);
    let card = s.screen(120, 40);
    assert!(card.contains("Script: Care call: a greeting"), "{card}");
    assert!(card.contains("birthday 26 Nov"), "{card}");
}
