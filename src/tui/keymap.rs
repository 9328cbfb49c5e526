//! The one table of keys: it drives key handling, the footer and the help screen, so help
//! can never drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, QuickPick};
use super::field::Edit;
use crate::domain::Outcome;

/// Where the keys are pressed; each mode has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keys that work on every list and card.
    Global,
    /// Today and Tomorrow lists.
    List,
    Card,
    /// Typing a search.
    Search,
    /// The log form, between text fields.
    LogForm,
    /// Typing into a text field of a form.
    Text,
    /// The add/edit customer form.
    CustomerForm,
    /// The snooze form: a date and a reason.
    SnoozeForm,
    Picker,
    /// A yes/no question.
    Confirm,
    /// Help and funnel screens.
    Viewer,
    /// The team lead's team screen.
    Team,
    /// A rep's Today as the team lead reads it.
    RepView,
    /// Choosing the rep who takes customers over.
    Reassign,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    Delete,
    CtrlLeft,
    CtrlRight,
}

impl Key {
    pub fn from_event(e: KeyEvent) -> Option<Key> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        Some(match e.code {
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Left if ctrl => Key::CtrlLeft,
            KeyCode::Right if ctrl => Key::CtrlRight,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Delete => Key::Delete,
            _ => return None,
        })
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "S-Tab".into(),
            Key::Backspace => "Bksp".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::Delete => "Del".into(),
            Key::CtrlLeft => "Ctrl-←".into(),
            Key::CtrlRight => "Ctrl-→".into(),
        }
    }
}

pub struct Binding {
    pub mode: Mode,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer of its mode.
    pub footer: bool,
}

fn bind(mode: Mode, keys: &[Key], action: Action, help: &'static str, footer: bool) -> Binding {
    Binding {
        mode,
        keys: keys.to_vec(),
        action,
        help,
        footer,
    }
}

/// Every key calldeck knows.
pub fn bindings() -> Vec<Binding> {
    use Key::*;
    use Mode::*;
    let mut b = vec![
        bind(Global, &[Char('?')], Action::Help, "help: every key", true),
        bind(Global, &[Char('q'), Ctrl('c')], Action::Quit, "quit", true),
        bind(Global, &[Esc], Action::Back, "back", false),
        bind(Global, &[Char('k'), Up], Action::Up, "move up", false),
        bind(Global, &[Char('j'), Down], Action::Down, "move down", false),
        bind(
            Global,
            &[Char('g'), Home],
            Action::Top,
            "go to the top",
            false,
        ),
        bind(
            Global,
            &[Char('G'), End],
            Action::Bottom,
            "go to the bottom",
            false,
        ),
        bind(
            Global,
            &[PageUp, Ctrl('u')],
            Action::PageUp,
            "page up",
            false,
        ),
        bind(
            Global,
            &[PageDown, Ctrl('d')],
            Action::PageDown,
            "page down",
            false,
        ),
        bind(
            Global,
            &[Char('/')],
            Action::Search,
            "search customers",
            true,
        ),
        bind(Global, &[Char('t')], Action::Today, "today's list", false),
        bind(
            Global,
            &[Char('n')],
            Action::Tomorrow,
            "tomorrow: preview and pins",
            true,
        ),
        bind(
            Global,
            &[Char('f')],
            Action::Funnel,
            "funnel and forecast",
            true,
        ),
        bind(
            Global,
            &[Char('T')],
            Action::Team,
            "team progress (leads)",
            false,
        ),
        bind(
            Global,
            &[Char('u')],
            Action::Undo,
            "undo the last call logged here",
            true,
        ),
        bind(
            List,
            &[Enter],
            Action::Open,
            "open the customer's card",
            true,
        ),
        bind(
            List,
            &[Char('p')],
            Action::Pin,
            "pin / unpin for tomorrow",
            false,
        ),
        bind(
            List,
            &[Char('a')],
            Action::AddCustomer,
            "add a customer",
            false,
        ),
        bind(
            List,
            &[Char('R')],
            Action::Replan,
            "replan today (keeps what is done)",
            false,
        ),
        bind(
            List,
            &[Char('+')],
            Action::AddMore,
            "add 5 more that are due (the overflow)",
            false,
        ),
        bind(
            List,
            &[Char('#')],
            Action::NeedsNumber,
            "customers who need a number",
            false,
        ),
        bind(List, &[Char('c')], Action::Dial, "call: dial or copy", true),
        bind(
            List,
            &[Char('z')],
            Action::Snooze,
            "snooze: move the next call, with a reason",
            false,
        ),
        bind(
            List,
            &[Char(' ')],
            Action::ToggleMark,
            "select the row (z then moves all selected)",
            false,
        ),
        bind(
            List,
            &[Char('V')],
            Action::MarkAll,
            "select every row still to call / clear",
            false,
        ),
        bind(SnoozeForm, &[Enter], Action::Save, "move them", true),
        bind(SnoozeForm, &[Esc], Action::Back, "cancel", true),
        bind(
            SnoozeForm,
            &[Tab, Down],
            Action::NextField,
            "date / reason",
            true,
        ),
        bind(
            SnoozeForm,
            &[BackTab, Up],
            Action::PrevField,
            "previous field",
            false,
        ),
        bind(Card, &[Char('c')], Action::Dial, "call: dial or copy", true),
        bind(Card, &[Char('N')], Action::NextCard, "next to call", true),
        bind(
            Card,
            &[Char('e')],
            Action::EditCustomer,
            "edit the customer",
            true,
        ),
        bind(
            Card,
            &[Char('p')],
            Action::Pin,
            "pin / unpin for tomorrow",
            false,
        ),
        bind(
            Search,
            &[Enter],
            Action::Open,
            "open the selected card",
            true,
        ),
        bind(Search, &[Esc], Action::Back, "close search", true),
        bind(
            Search,
            &[Up, Ctrl('k')],
            Action::Up,
            "previous match",
            false,
        ),
        bind(
            Search,
            &[Down, Ctrl('j')],
            Action::Down,
            "next match",
            false,
        ),
        bind(
            Search,
            &[Backspace],
            Action::Backspace,
            "delete a character",
            false,
        ),
        bind(LogForm, &[Enter], Action::Save, "save the call", true),
        bind(
            LogForm,
            &[Esc],
            Action::Back,
            "cancel (nothing is written)",
            true,
        ),
        bind(
            LogForm,
            &[Char('t')],
            Action::Pick(QuickPick::Today),
            "next call today",
            false,
        ),
        bind(
            LogForm,
            &[Char('w')],
            Action::Pick(QuickPick::NextWeek),
            "next call next week",
            false,
        ),
        bind(
            LogForm,
            &[Char('m')],
            Action::Pick(QuickPick::NextMonth),
            "next call next month",
            false,
        ),
        bind(
            LogForm,
            &[Char('d')],
            Action::EditDate,
            "type the next-call date",
            true,
        ),
        bind(LogForm, &[Char('n')], Action::EditNote, "type a note", true),
        bind(LogForm, &[Char('s')], Action::StageUp, "stage up", false),
        bind(
            LogForm,
            &[Char('S')],
            Action::StageDown,
            "stage down",
            false,
        ),
        bind(LogForm, &[Char('i')], Action::IntentUp, "intent up", false),
        bind(
            LogForm,
            &[Char('I')],
            Action::IntentDown,
            "intent down",
            false,
        ),
        bind(
            LogForm,
            &[Char('r')],
            Action::GradeUp,
            "grade up (toward H)",
            false,
        ),
        bind(
            LogForm,
            &[Char('R')],
            Action::GradeDown,
            "grade down (toward C)",
            false,
        ),
        bind(
            LogForm,
            &[Char('c')],
            Action::EditComplaint,
            "record a complaint",
            false,
        ),
        bind(
            LogForm,
            &[Char('x')],
            Action::ToggleResolve,
            "resolve the open complaint",
            false,
        ),
        bind(
            LogForm,
            &[Char('y')],
            Action::NextSatisfaction,
            "satisfaction 5 to 1 (after-sale and follow-up calls)",
            false,
        ),
        bind(
            Card,
            &[Char('K')],
            Action::ComplaintForm,
            "assign or resolve the open complaint",
            false,
        ),
        bind(
            LogForm,
            &[Char('l')],
            Action::NextLossReason,
            "why the customer is lost (when this call loses them)",
            false,
        ),
        bind(
            LogForm,
            &[Char('o')],
            Action::NextNumber,
            "which number was wrong (wrong number)",
            false,
        ),
        bind(
            LogForm,
            &[Char('v')],
            Action::EditValue,
            "contract value (win)",
            false,
        ),
        bind(
            LogForm,
            &[Char('b')],
            Action::EditStart,
            "contract start date (win)",
            false,
        ),
        bind(
            LogForm,
            &[Char('f')],
            Action::EditEnd,
            "contract end date (win)",
            false,
        ),
        bind(
            Text,
            &[Enter, Tab],
            Action::EndInput,
            "done typing (a date is read)",
            true,
        ),
        bind(
            Text,
            &[Esc],
            Action::LeaveInput,
            "leave the field (an unread date is dropped)",
            true,
        ),
        bind(CustomerForm, &[Enter], Action::Save, "save", true),
        bind(CustomerForm, &[Esc], Action::Back, "cancel", true),
        bind(
            CustomerForm,
            &[Tab, Down],
            Action::NextField,
            "next field",
            true,
        ),
        bind(
            CustomerForm,
            &[BackTab, Up],
            Action::PrevField,
            "previous field",
            false,
        ),
        bind(Picker, &[Enter], Action::Open, "work as this rep", true),
        bind(Picker, &[Char('k'), Up], Action::Up, "move up", false),
        bind(Picker, &[Char('j'), Down], Action::Down, "move down", false),
        bind(Picker, &[Char('q'), Esc], Action::Quit, "quit", true),
        bind(Confirm, &[Char('y')], Action::Yes, "yes", true),
        bind(Confirm, &[Char('n'), Esc], Action::No, "no", true),
        bind(Viewer, &[Esc], Action::Back, "back", true),
        bind(
            Team,
            &[Enter],
            Action::Open,
            "open the rep's list (read-only)",
            true,
        ),
        bind(
            RepView,
            &[Enter],
            Action::Open,
            "open the customer's card",
            true,
        ),
        bind(
            RepView,
            &[Char(' ')],
            Action::Mark,
            "mark / unmark to reassign",
            true,
        ),
        bind(
            RepView,
            &[Char('A')],
            Action::Reassign,
            "reassign the marked (or this) customer",
            true,
        ),
        bind(RepView, &[Esc], Action::Back, "back to the team", true),
        bind(
            Card,
            &[Char('A')],
            Action::Reassign,
            "reassign to another rep (leads)",
            false,
        ),
        bind(
            Reassign,
            &[Enter],
            Action::Save,
            "hand them to this rep",
            true,
        ),
        bind(
            Reassign,
            &[Char('k'), Up],
            Action::Up,
            "previous rep",
            false,
        ),
        bind(
            Reassign,
            &[Char('j'), Down],
            Action::Down,
            "next rep",
            false,
        ),
        bind(Reassign, &[Esc], Action::Back, "cancel", true),
    ];
    for o in Outcome::ALL {
        b.push(Binding {
            mode: List,
            keys: vec![Char(o.key())],
            action: Action::Log(o),
            help: o.label(),
            footer: o == Outcome::NoAnswer,
        });
        b.push(Binding {
            mode: Card,
            keys: vec![Char(o.key())],
            action: Action::Log(o),
            help: o.label(),
            footer: false,
        });
    }
    // The same line editing in every text field.
    let edits: [(&[Key], Edit, &'static str); 9] = [
        (
            &[Backspace],
            Edit::DeleteBack,
            "delete the character before",
        ),
        (
            &[Delete, Ctrl('d')],
            Edit::DeleteForward,
            "delete the character under",
        ),
        (&[Left, Ctrl('b')], Edit::Left, "cursor left"),
        (&[Right, Ctrl('f')], Edit::Right, "cursor right"),
        (&[CtrlLeft], Edit::WordLeft, "a word left"),
        (&[CtrlRight], Edit::WordRight, "a word right"),
        (&[Home, Ctrl('a')], Edit::Home, "start of the field"),
        (&[End, Ctrl('e')], Edit::End, "end of the field"),
        (&[Ctrl('w')], Edit::DeleteWordBack, "delete the word before"),
    ];
    let cuts: [(&[Key], Edit, &'static str); 2] = [
        (&[Ctrl('u')], Edit::DeleteToStart, "delete to the start"),
        (&[Ctrl('k')], Edit::DeleteToEnd, "delete to the end"),
    ];
    for mode in [Text, CustomerForm, SnoozeForm] {
        for (keys, edit, help) in edits.iter().chain(cuts.iter()) {
            b.push(bind(mode, keys, Action::Edit(*edit), help, false));
        }
    }
    // In the search Ctrl-K is the previous match and Backspace is bound above.
    for (keys, edit, help) in edits.iter().skip(1).chain(cuts.iter().take(1)) {
        b.push(bind(Search, keys, Action::Edit(*edit), help, false));
    }
    for n in 1..=9u8 {
        b.push(bind(
            Confirm,
            &[Char((b'0' + n) as char)],
            Action::Choose(n),
            "choose answer N (which number to dial)",
            false,
        ));
    }
    for n in 1..=5u8 {
        b.push(bind(
            LogForm,
            &[Char((b'0' + n) as char)],
            Action::Pick(QuickPick::WorkingDays(n)),
            "next call in N working days",
            false,
        ));
    }
    b
}

/// Modes whose keys fall back to the global ones.
fn uses_global(mode: Mode) -> bool {
    matches!(
        mode,
        Mode::List | Mode::Card | Mode::Viewer | Mode::Team | Mode::RepView
    )
}

/// The action for `key` in `mode`: the mode's own binding, then the global one; in text
/// fields any other character is typed.
pub fn action_for(map: &[Binding], mode: Mode, key: Key) -> Option<Action> {
    let find = |m: Mode| {
        map.iter()
            .find(|b| b.mode == m && b.keys.contains(&key))
            .map(|b| b.action)
    };
    if let Some(a) = find(mode) {
        return Some(a);
    }
    match (mode, key) {
        (Mode::Text | Mode::Search | Mode::CustomerForm | Mode::SnoozeForm, Key::Char(c)) => {
            Some(Action::Input(c))
        }
        (
            Mode::Text | Mode::CustomerForm | Mode::LogForm | Mode::Search | Mode::SnoozeForm,
            Key::Ctrl('c'),
        ) => Some(Action::Quit),
        _ if uses_global(mode) => find(Mode::Global),
        _ => None,
    }
}

/// The footer of a mode: its own keys marked for the footer, then the global ones.
pub fn footer(map: &[Binding], mode: Mode) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = map
        .iter()
        .filter(|b| b.mode == mode && b.footer)
        .map(|b| (b.keys[0].label(), b.help))
        .collect();
    if mode == Mode::List {
        out.insert(0, ("0-9".into(), "log an outcome"));
        out.retain(|(k, _)| k != "1");
    }
    if uses_global(mode) {
        out.extend(
            map.iter()
                .filter(|b| b.mode == Mode::Global && b.footer)
                .map(|b| (b.keys[0].label(), b.help)),
        );
    }
    out
}

pub fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Global => "Everywhere",
        Mode::List => "Today and Tomorrow lists",
        Mode::Card => "Customer card",
        Mode::Search => "Search",
        Mode::LogForm => "Logging a call",
        Mode::Text => "Typing in a field",
        Mode::CustomerForm => "Add / edit customer",
        Mode::SnoozeForm => "Snoozing (z)",
        Mode::Picker => "Choosing a rep",
        Mode::Confirm => "Questions",
        Mode::Viewer => "Help and funnel",
        Mode::Team => "Team (leads)",
        Mode::RepView => "A rep's list, as the lead reads it",
        Mode::Reassign => "Reassigning customers",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let map = bindings();
        for (i, a) in map.iter().enumerate() {
            for b in &map[i + 1..] {
                if a.mode == b.mode {
                    for k in &a.keys {
                        assert!(!b.keys.contains(k), "{k:?} twice in {:?}", a.mode);
                    }
                }
            }
        }
    }

    #[test]
    fn text_fields_take_letters_that_are_commands_elsewhere() {
        let map = bindings();
        assert_eq!(
            action_for(&map, Mode::Text, Key::Char('q')),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(&map, Mode::Text, Key::Char('1')),
            Some(Action::Input('1'))
        );
        assert_eq!(
            action_for(&map, Mode::Text, Key::Esc),
            Some(Action::LeaveInput)
        );
        assert_eq!(
            action_for(&map, Mode::Text, Key::Ctrl('u')),
            Some(Action::Edit(Edit::DeleteToStart))
        );
        assert_eq!(
            action_for(&map, Mode::CustomerForm, Key::Home),
            Some(Action::Edit(Edit::Home))
        );
        assert_eq!(
            action_for(&map, Mode::List, Key::Char('1')),
            Some(Action::Log(Outcome::NoAnswer))
        );
        assert_eq!(
            action_for(&map, Mode::List, Key::Char('q')),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&map, Mode::LogForm, Key::Char('q')),
            None,
            "a stray q in the form does nothing"
        );
        assert_eq!(
            action_for(&map, Mode::Search, Key::Char('j')),
            Some(Action::Input('j'))
        );
    }
}
