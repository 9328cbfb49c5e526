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
        bind(
            Global,
            &[Char('?')],
            Action::Help,
            "key-help-every-key",
            true,
        ),
        bind(
            Global,
            &[Char('q'), Ctrl('c')],
            Action::Quit,
            "key-quit",
            true,
        ),
        bind(Global, &[Esc], Action::Back, "key-back", false),
        bind(Global, &[Char('k'), Up], Action::Up, "key-move-up", false),
        bind(
            Global,
            &[Char('j'), Down],
            Action::Down,
            "key-move-down",
            false,
        ),
        bind(
            Global,
            &[Char('g'), Home],
            Action::Top,
            "key-go-to-the-top",
            false,
        ),
        bind(
            Global,
            &[Char('G'), End],
            Action::Bottom,
            "key-go-to-the-bottom",
            false,
        ),
        bind(
            Global,
            &[PageUp, Ctrl('u')],
            Action::PageUp,
            "key-page-up",
            false,
        ),
        bind(
            Global,
            &[PageDown, Ctrl('d')],
            Action::PageDown,
            "key-page-down",
            false,
        ),
        bind(
            Global,
            &[Char('/')],
            Action::Search,
            "key-search-customers",
            true,
        ),
        bind(
            Global,
            &[Char('t')],
            Action::Today,
            "key-today-s-list",
            false,
        ),
        bind(
            Global,
            &[Char('n')],
            Action::Tomorrow,
            "key-tomorrow-preview-and-pins",
            true,
        ),
        bind(
            Global,
            &[Char('f')],
            Action::Funnel,
            "key-funnel-and-forecast",
            true,
        ),
        bind(
            Global,
            &[Char('T')],
            Action::Team,
            "key-team-progress-leads",
            false,
        ),
        bind(
            Global,
            &[Char('u')],
            Action::Undo,
            "key-undo-the-last-call-logged-here",
            true,
        ),
        bind(
            List,
            &[Enter],
            Action::Open,
            "key-open-the-customer-s-card",
            true,
        ),
        bind(
            List,
            &[Char('p')],
            Action::Pin,
            "key-pin-unpin-for-tomorrow",
            false,
        ),
        bind(
            List,
            &[Char('a')],
            Action::AddCustomer,
            "key-add-a-customer",
            false,
        ),
        bind(
            List,
            &[Char('R')],
            Action::Replan,
            "key-replan-today-keeps-what-is-done",
            false,
        ),
        bind(
            List,
            &[Char('+')],
            Action::AddMore,
            "key-add-5-more-that-are-due-the-overflow",
            false,
        ),
        bind(
            List,
            &[Char('#')],
            Action::NeedsNumber,
            "key-customers-who-need-a-number",
            false,
        ),
        bind(
            List,
            &[Char('c')],
            Action::Dial,
            "key-call-dial-or-copy",
            true,
        ),
        bind(
            List,
            &[Char('z')],
            Action::Snooze,
            "key-snooze-move-the-next-call-with-a-reason",
            false,
        ),
        bind(
            List,
            &[Char(' ')],
            Action::ToggleMark,
            "key-select-the-row-z-then-moves-all-selected",
            false,
        ),
        bind(
            List,
            &[Char('V')],
            Action::MarkAll,
            "key-select-every-row-still-to-call-clear",
            false,
        ),
        bind(SnoozeForm, &[Enter], Action::Save, "key-move-them", true),
        bind(SnoozeForm, &[Esc], Action::Back, "key-cancel", true),
        bind(
            SnoozeForm,
            &[Tab, Down],
            Action::NextField,
            "key-date-reason",
            true,
        ),
        bind(
            SnoozeForm,
            &[BackTab, Up],
            Action::PrevField,
            "key-previous-field",
            false,
        ),
        bind(
            Card,
            &[Char('c')],
            Action::Dial,
            "key-call-dial-or-copy",
            true,
        ),
        bind(
            Card,
            &[Char('N')],
            Action::NextCard,
            "key-next-to-call",
            true,
        ),
        bind(
            Card,
            &[Char('e')],
            Action::EditCustomer,
            "key-edit-the-customer",
            true,
        ),
        bind(
            Card,
            &[Char('p')],
            Action::Pin,
            "key-pin-unpin-for-tomorrow",
            false,
        ),
        bind(
            Search,
            &[Enter],
            Action::Open,
            "key-open-the-selected-card",
            true,
        ),
        bind(Search, &[Esc], Action::Back, "key-close-search", true),
        bind(
            Search,
            &[Up, Ctrl('k')],
            Action::Up,
            "key-previous-match",
            false,
        ),
        bind(
            Search,
            &[Down, Ctrl('j')],
            Action::Down,
            "key-next-match",
            false,
        ),
        bind(
            Search,
            &[Backspace],
            Action::Backspace,
            "key-delete-a-character",
            false,
        ),
        bind(LogForm, &[Enter], Action::Save, "key-save-the-call", true),
        bind(
            LogForm,
            &[Esc],
            Action::Back,
            "key-cancel-nothing-is-written",
            true,
        ),
        bind(
            LogForm,
            &[Char('t')],
            Action::Pick(QuickPick::Today),
            "key-next-call-today",
            false,
        ),
        bind(
            LogForm,
            &[Char('w')],
            Action::Pick(QuickPick::NextWeek),
            "key-next-call-next-week",
            false,
        ),
        bind(
            LogForm,
            &[Char('m')],
            Action::Pick(QuickPick::NextMonth),
            "key-next-call-next-month",
            false,
        ),
        bind(
            LogForm,
            &[Char('d')],
            Action::EditDate,
            "key-type-the-next-call-date",
            true,
        ),
        bind(
            LogForm,
            &[Char('n')],
            Action::EditNote,
            "key-type-a-note",
            true,
        ),
        bind(
            LogForm,
            &[Char('s')],
            Action::StageUp,
            "key-stage-up",
            false,
        ),
        bind(
            LogForm,
            &[Char('S')],
            Action::StageDown,
            "key-stage-down",
            false,
        ),
        bind(
            LogForm,
            &[Char('i')],
            Action::IntentUp,
            "key-intent-up",
            false,
        ),
        bind(
            LogForm,
            &[Char('I')],
            Action::IntentDown,
            "key-intent-down",
            false,
        ),
        bind(
            LogForm,
            &[Char('r')],
            Action::GradeUp,
            "key-grade-up-toward-h",
            false,
        ),
        bind(
            LogForm,
            &[Char('R')],
            Action::GradeDown,
            "key-grade-down-toward-c",
            false,
        ),
        bind(
            LogForm,
            &[Char('c')],
            Action::EditComplaint,
            "key-record-a-complaint",
            false,
        ),
        bind(
            LogForm,
            &[Char('x')],
            Action::ToggleResolve,
            "key-resolve-the-open-complaint",
            false,
        ),
        bind(
            LogForm,
            &[Char('y')],
            Action::NextSatisfaction,
            "key-satisfaction",
            false,
        ),
        bind(
            Card,
            &[Char('K')],
            Action::ComplaintForm,
            "key-complaint-form",
            false,
        ),
        bind(
            LogForm,
            &[Char('l')],
            Action::NextLossReason,
            "key-why-the-customer-is-lost-when-this-call-lose",
            false,
        ),
        bind(
            LogForm,
            &[Char('o')],
            Action::NextNumber,
            "key-which-number-was-wrong-wrong-number",
            false,
        ),
        bind(
            LogForm,
            &[Char('v')],
            Action::EditValue,
            "key-contract-value-win",
            false,
        ),
        bind(
            LogForm,
            &[Char('b')],
            Action::EditStart,
            "key-contract-start-date-win",
            false,
        ),
        bind(
            LogForm,
            &[Char('f')],
            Action::EditEnd,
            "key-contract-end-date-win",
            false,
        ),
        bind(
            Text,
            &[Enter, Tab],
            Action::EndInput,
            "key-done-typing-a-date-is-read",
            true,
        ),
        bind(
            Text,
            &[Esc],
            Action::LeaveInput,
            "key-leave-the-field-an-unread-date-is-dropped",
            true,
        ),
        bind(CustomerForm, &[Enter], Action::Save, "key-save", true),
        bind(CustomerForm, &[Esc], Action::Back, "key-cancel", true),
        bind(
            CustomerForm,
            &[Tab, Down],
            Action::NextField,
            "key-next-field",
            true,
        ),
        bind(
            CustomerForm,
            &[BackTab, Up],
            Action::PrevField,
            "key-previous-field",
            false,
        ),
        bind(Picker, &[Enter], Action::Open, "key-work-as-this-rep", true),
        bind(Picker, &[Char('k'), Up], Action::Up, "key-move-up", false),
        bind(
            Picker,
            &[Char('j'), Down],
            Action::Down,
            "key-move-down",
            false,
        ),
        bind(Picker, &[Char('q'), Esc], Action::Quit, "key-quit", true),
        bind(Confirm, &[Char('y')], Action::Yes, "key-yes", true),
        bind(Confirm, &[Char('n'), Esc], Action::No, "key-no", true),
        bind(Viewer, &[Esc], Action::Back, "key-back", true),
        bind(
            Team,
            &[Enter],
            Action::Open,
            "key-open-the-rep-s-list-read-only",
            true,
        ),
        bind(
            RepView,
            &[Enter],
            Action::Open,
            "key-open-the-customer-s-card",
            true,
        ),
        bind(
            RepView,
            &[Char(' ')],
            Action::Mark,
            "key-mark-unmark-to-reassign",
            true,
        ),
        bind(
            RepView,
            &[Char('A')],
            Action::Reassign,
            "key-reassign-the-marked-or-this-customer",
            true,
        ),
        bind(RepView, &[Esc], Action::Back, "key-back-to-the-team", true),
        bind(
            Card,
            &[Char('A')],
            Action::Reassign,
            "key-reassign-to-another-rep-leads",
            false,
        ),
        bind(
            Reassign,
            &[Enter],
            Action::Save,
            "key-hand-them-to-this-rep",
            true,
        ),
        bind(
            Reassign,
            &[Char('k'), Up],
            Action::Up,
            "key-previous-rep",
            false,
        ),
        bind(
            Reassign,
            &[Char('j'), Down],
            Action::Down,
            "key-next-rep",
            false,
        ),
        bind(Reassign, &[Esc], Action::Back, "key-cancel", true),
    ];
    for o in Outcome::ALL {
        b.push(Binding {
            mode: List,
            keys: vec![Char(o.key())],
            action: Action::Log(o),
            help: o.label_key(),
            footer: o == Outcome::NoAnswer,
        });
        b.push(Binding {
            mode: Card,
            keys: vec![Char(o.key())],
            action: Action::Log(o),
            help: o.label_key(),
            footer: false,
        });
    }
    // The same line editing in every text field.
    let edits: [(&[Key], Edit, &'static str); 9] = [
        (
            &[Backspace],
            Edit::DeleteBack,
            "key-delete-the-character-before",
        ),
        (
            &[Delete, Ctrl('d')],
            Edit::DeleteForward,
            "key-delete-the-character-under",
        ),
        (&[Left, Ctrl('b')], Edit::Left, "key-cursor-left"),
        (&[Right, Ctrl('f')], Edit::Right, "key-cursor-right"),
        (&[CtrlLeft], Edit::WordLeft, "key-a-word-left"),
        (&[CtrlRight], Edit::WordRight, "key-a-word-right"),
        (&[Home, Ctrl('a')], Edit::Home, "key-start-of-the-field"),
        (&[End, Ctrl('e')], Edit::End, "key-end-of-the-field"),
        (
            &[Ctrl('w')],
            Edit::DeleteWordBack,
            "key-delete-the-word-before",
        ),
    ];
    let cuts: [(&[Key], Edit, &'static str); 2] = [
        (&[Ctrl('u')], Edit::DeleteToStart, "key-delete-to-the-start"),
        (&[Ctrl('k')], Edit::DeleteToEnd, "key-delete-to-the-end"),
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
            "key-choose-answer-n-which-number-to-dial",
            false,
        ));
    }
    for n in 1..=5u8 {
        b.push(bind(
            LogForm,
            &[Char((b'0' + n) as char)],
            Action::Pick(QuickPick::WorkingDays(n)),
            "key-next-call-in-n-working-days",
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
pub fn footer(map: &[Binding], mode: Mode) -> Vec<(String, String)> {
    let mut out: Vec<(String, &'static str)> = map
        .iter()
        .filter(|b| b.mode == mode && b.footer)
        .map(|b| (b.keys[0].label(), b.help))
        .collect();
    if mode == Mode::List {
        out.insert(0, ("0-9".into(), "key-log-an-outcome"));
        out.retain(|(k, _)| k != "1");
    }
    if uses_global(mode) {
        out.extend(
            map.iter()
                .filter(|b| b.mode == Mode::Global && b.footer)
                .map(|b| (b.keys[0].label(), b.help)),
        );
    }
    out.into_iter().map(|(k, h)| (k, crate::t!(h))).collect()
}

pub fn mode_title(mode: Mode) -> String {
    crate::t!(match mode {
        Mode::Global => "mode-global",
        Mode::List => "mode-list",
        Mode::Card => "mode-card",
        Mode::Search => "mode-search",
        Mode::LogForm => "mode-log-form",
        Mode::Text => "mode-text",
        Mode::CustomerForm => "mode-customer-form",
        Mode::SnoozeForm => "mode-snooze-form",
        Mode::Picker => "mode-picker",
        Mode::Confirm => "mode-confirm",
        Mode::Viewer => "mode-viewer",
        Mode::Team => "mode-team",
        Mode::RepView => "mode-rep-view",
        Mode::Reassign => "mode-reassign",
    })
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
