//! The TUI's state. `update` is the only code that changes it; the views only read it.

use chrono::{NaiveDate, NaiveDateTime};

use super::field::TextField;
use super::keymap::{Binding, Mode, bindings};
use crate::card::CardData;
use crate::config::Config;
use crate::domain::{CustomerState, Grade, NextCall, Outcome};
use crate::planner::DailyList;
use crate::report::Funnel;
use crate::store::{Rep, RepProgress, SearchItem, Tiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Choose which rep to work as.
    Picker,
    /// No customers yet: what to do first.
    Empty,
    Today,
    Tomorrow,
    Card,
    Search,
    Funnel,
    Team,
    Help,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Quit although a form holds unsaved input.
    Quit,
    /// Close the log form and drop what was typed.
    DiscardLog,
    /// Close the customer form and drop what was typed.
    DiscardForm,
    /// Which of the customer's numbers to dial: (who, number), primary first.
    ChooseNumber {
        customer_id: i64,
        numbers: Vec<(String, String)>,
    },
    /// Log an outcome that is asked about first (do-not-call, a second call today ...).
    LogCaution {
        customer_id: i64,
        outcome: crate::domain::Outcome,
        question: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogField {
    /// Between fields: keys are commands (quick picks, stage, ...).
    None,
    Note,
    Date,
    Complaint,
    Value,
    Start,
    End,
}

/// The log form: what the rule proposes, what the rep changed, and what will be saved.
#[derive(Debug, Clone, PartialEq)]
pub struct LogForm {
    pub customer_id: i64,
    pub customer_name: String,
    pub outcome: Outcome,
    pub before: CustomerState,
    pub complaint_open: bool,
    pub next: Option<NextCall>,
    pub next_changed: bool,
    pub stage: u8,
    pub stage_changed: bool,
    pub intent: u8,
    pub intent_changed: bool,
    pub grade: Grade,
    pub grade_changed: bool,
    pub note: String,
    pub date_text: String,
    pub complaint: String,
    pub resolve: bool,
    pub value_text: String,
    /// The value the form opened with, to tell a typed value from the prefilled one.
    pub value_prefill: String,
    /// A win's contract dates as typed (YYYY-MM-DD); empty takes the rule's default.
    pub start_text: String,
    pub end_text: String,
    pub focus: LogField,
    /// The focused field's line editor; its text is copied into the field on every key.
    pub editor: TextField,
    /// The focused field's text when it was entered, for Esc on a date not yet read.
    pub editor_before: String,
    /// What the date being typed reads as ("→ Fri 27 Nov 10:00, in 3 working days"), or why
    /// it cannot be read yet.
    pub date_preview: Option<Result<String, String>>,
    /// Why the form cannot be saved as it is (shown in the form).
    pub problem: Option<String>,
    pub status_after: String,
    /// A pending appointment this earlier attempt keeps (shown in the form).
    pub kept_appointment: Option<NextCall>,
    /// For a wrong number: the customer's dialable numbers (contact id, "name phone"),
    /// primary first, and which of them was wrong.
    pub numbers: Vec<(i64, String)>,
    pub wrong_number: usize,
    /// When this call loses the customer: the reason chosen from `losses.reasons`.
    pub loss_reason: Option<usize>,
    /// Seconds on the call, set from the call timer when the form is saved.
    pub duration_s: Option<u32>,
    /// An after-sale or follow-up (回访) call: the form asks how satisfied the customer is.
    pub asks_satisfaction: bool,
    pub satisfaction: Option<u8>,
}

impl LogForm {
    /// Holds typing or choices that Esc would throw away.
    pub fn dirty(&self) -> bool {
        !self.note.trim().is_empty()
            || !self.complaint.trim().is_empty()
            || !self.date_text.trim().is_empty()
            || self.value_text != self.value_prefill
            || !self.start_text.is_empty()
            || !self.end_text.is_empty()
            || self.next_changed
            || self.stage_changed
            || self.intent_changed
            || self.grade_changed
            || self.resolve
            || self.satisfaction.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Name,
    Company,
    Phone,
    Email,
    Contact,
    Role,
    Grade,
    Value,
    Source,
    Industry,
    Region,
    Tag,
    Note,
    /// The contact's communication style.
    Style,
    ContactBirthday,
    /// A card field of the user's own: its place in `config.fields`.
    Custom(usize),
    /// The complaint form's: who handles it, by when, and how it was resolved.
    Assignee,
    Due,
    Resolution,
}

impl FieldKind {
    pub fn label(self) -> String {
        crate::t!(match self {
            FieldKind::Name => "field-name",
            FieldKind::Company => "field-company",
            FieldKind::Phone => "field-phone",
            FieldKind::Email => "field-email",
            FieldKind::Contact => "field-contact",
            FieldKind::Role => "field-role",
            FieldKind::Grade => "field-grade",
            FieldKind::Value => "field-value",
            FieldKind::Source => "field-source",
            FieldKind::Industry => "field-industry",
            FieldKind::Region => "field-region",
            FieldKind::Tag => "field-tag",
            FieldKind::Note => "field-note",
            FieldKind::Style => "field-style",
            FieldKind::ContactBirthday => "field-contact-birthday",
            FieldKind::Custom(_) => "field-custom",
            FieldKind::Assignee => "field-assignee",
            FieldKind::Due => "field-due",
            FieldKind::Resolution => "field-resolution",
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub kind: FieldKind,
    pub value: String,
    pub original: String,
}

/// Add (no id) or edit (the customer's id) form.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerForm {
    pub editing: Option<i64>,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The focused field's line editor; its text is copied into the field on every key.
    pub editor: TextField,
    /// The field at fault and why.
    pub problem: Option<(usize, String)>,
    /// A complaint form: the open complaint it assigns or resolves.
    pub complaint: Option<i64>,
}

impl CustomerForm {
    pub fn dirty(&self) -> bool {
        self.fields.iter().any(|f| f.value != f.original)
    }

    pub fn value(&self, kind: FieldKind) -> &str {
        self.fields
            .iter()
            .find(|f| f.kind == kind)
            .map(|f| f.value.trim())
            .unwrap_or("")
    }

    pub fn changed(&self, kind: FieldKind) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.kind == kind && f.value.trim() != f.original.trim())
            .map(|f| f.value.trim().to_string())
    }
}

/// The customer card with what it needs beyond the stored data.
#[derive(Debug, Clone)]
pub struct CardView {
    pub data: CardData,
    /// Each call's time on the local clock, in the order of `data.calls`.
    pub call_times: Vec<NaiveDateTime>,
    /// Each complaint's local opening and resolution days, in the order of `data.complaints`.
    pub complaint_days: Vec<(NaiveDate, Option<NaiveDate>)>,
    pub tiers: Tiers,
    pub script_title: String,
    pub script: String,
    pub pinned_tomorrow: bool,
}

pub struct SearchState {
    pub query: String,
    /// The query's line editor; `query` is its text.
    pub editor: TextField,
    pub items: Vec<SearchItem>,
    /// Each item's haystack in the matcher's form, made once when the items load.
    pub haystacks: Vec<nucleo_matcher::Utf32String>,
    pub loaded: bool,
    /// While a team's items are still being read in pages: the last id read so far.
    pub more_after: Option<i64>,
    /// The best matches shown: indexes into `items` with their score, best first.
    pub results: Vec<(usize, u32)>,
    /// Every match of each query typed so far, longest last: typing one more character
    /// only rescans the matches of the shorter query, and Backspace reuses them.
    pub narrowing: Vec<(String, Vec<(usize, u32)>)>,
    pub selected: usize,
    pub matcher: Box<nucleo_matcher::Matcher>,
    /// A second matcher for the other half of a team-sized scan.
    pub second_matcher: Box<nucleo_matcher::Matcher>,
}

impl SearchState {
    fn new() -> SearchState {
        SearchState {
            query: String::new(),
            editor: TextField::default(),
            items: Vec::new(),
            haystacks: Vec::new(),
            loaded: false,
            more_after: None,
            results: Vec::new(),
            narrowing: Vec::new(),
            selected: 0,
            matcher: Box::new(nucleo_matcher::Matcher::new(
                nucleo_matcher::Config::DEFAULT,
            )),
            second_matcher: Box::new(nucleo_matcher::Matcher::new(
                nucleo_matcher::Config::DEFAULT,
            )),
        }
    }
}

/// A team lead handing customers to another rep: who, and which rep is selected.
#[derive(Debug, Clone, PartialEq)]
pub struct Reassign {
    pub customers: Vec<i64>,
    /// The reps who keep a book, and the one selected.
    pub reps: Vec<Rep>,
    pub selected: usize,
}

pub struct App {
    pub keymap: Vec<Binding>,
    pub config: Config,
    pub reps: Vec<Rep>,
    pub rep: Option<Rep>,
    pub picker: usize,
    pub screen: Screen,
    pub back: Vec<Screen>,
    pub today: Option<DailyList>,
    pub today_selected: usize,
    pub tomorrow: Option<DailyList>,
    pub tomorrow_selected: usize,
    pub card: Option<CardView>,
    pub card_scroll: u16,
    pub search: SearchState,
    pub funnel: Option<Funnel>,
    pub team: Vec<RepProgress>,
    pub team_selected: usize,
    /// The rep whose Today the team lead is reading (read-only), if any.
    pub viewing: Option<Rep>,
    /// Rows marked with Space (or V) by customer id: a rep snoozes them together (`z`), a
    /// lead reassigns them (`A`).
    pub marked: std::collections::BTreeSet<i64>,
    pub reassign: Option<Reassign>,
    pub log: Option<LogForm>,
    pub form: Option<CustomerForm>,
    pub question: Option<Question>,
    pub message: Option<(String, Tone)>,
    /// Calls logged and snoozes made in this session, newest last: what `u` undoes.
    pub session_calls: Vec<Undoable>,
    /// The snooze form (`z`): where to move the next call and why.
    pub snooze: Option<SnoozeForm>,
    pub now: NaiveDateTime,
    pub day: NaiveDate,
    pub help_scroll: u16,
    /// How far the card or help drawn last can scroll before its end shows. The view
    /// measures it (only the view knows the wrapped height) and the scroll keys stop there.
    pub scroll_limit: std::cell::Cell<u16>,
    /// Where the list drawn last put its rows: the screen line of its first visible row and
    /// that row's index, so a click can be turned into a row (only the view knows them).
    pub list_rows_at: std::cell::Cell<Option<(u16, usize)>>,
    pub quit: bool,
    /// Set when the rep was chosen in the picker, so the loop can remember it.
    pub chosen_rep: Option<String>,
    pub colour: bool,
    /// The dial command last started, watched so that its failure becomes a message.
    pub dialling: Option<super::dial::Dialling>,
    /// A number waiting to be put on the clipboard by the event loop (OSC 52).
    pub clipboard: Option<String>,
    /// The call under way: from dialling or opening the log form until the call is saved.
    pub timer: Option<CallTimer>,
    /// Seconds the rep spent on timed calls today.
    pub talk_today_s: i64,
}

/// Something `u` can take back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undoable {
    /// A logged call, by id.
    Call(i64),
    /// A batch of snoozes, by batch number.
    Snooze(i64),
}

/// Moving planned customers' next calls without calling: one row, or every selected one.
#[derive(Debug, Clone, PartialEq)]
pub struct SnoozeForm {
    pub customer_ids: Vec<i64>,
    /// Who is moved, for the title: a name, or "5 customers".
    pub who: String,
    pub date_text: String,
    pub reason: String,
    /// 0: the date, 1: the reason.
    pub focus: usize,
    pub editor: TextField,
    pub date_preview: Option<Result<String, String>>,
    pub problem: Option<String>,
}

/// The running call timer.
#[derive(Debug, Clone, PartialEq)]
pub struct CallTimer {
    pub customer_id: i64,
    pub started: NaiveDateTime,
}

impl CallTimer {
    /// Seconds on the call at `now` (never negative if the clock steps back).
    pub fn seconds(&self, now: NaiveDateTime) -> i64 {
        (now - self.started).num_seconds().max(0)
    }
}

impl App {
    pub fn new(config: Config, reps: Vec<Rep>, now: NaiveDateTime) -> App {
        App {
            keymap: bindings(),
            config,
            reps,
            rep: None,
            picker: 0,
            screen: Screen::Picker,
            back: Vec::new(),
            today: None,
            today_selected: 0,
            tomorrow: None,
            tomorrow_selected: 0,
            card: None,
            card_scroll: 0,
            search: SearchState::new(),
            funnel: None,
            team: Vec::new(),
            team_selected: 0,
            viewing: None,
            marked: std::collections::BTreeSet::new(),
            reassign: None,
            log: None,
            form: None,
            question: None,
            message: None,
            session_calls: Vec::new(),
            snooze: None,
            now,
            day: now.date(),
            help_scroll: 0,
            scroll_limit: std::cell::Cell::new(u16::MAX),
            list_rows_at: std::cell::Cell::new(None),
            quit: false,
            chosen_rep: None,
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            dialling: None,
            clipboard: None,
            timer: None,
            talk_today_s: 0,
        }
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.question.is_some() {
            return Mode::Confirm;
        }
        if let Some(log) = &self.log {
            return if log.focus == LogField::None {
                Mode::LogForm
            } else {
                Mode::Text
            };
        }
        if self.form.is_some() {
            return Mode::CustomerForm;
        }
        if self.snooze.is_some() {
            return Mode::SnoozeForm;
        }
        if self.reassign.is_some() {
            return Mode::Reassign;
        }
        if self.viewing.is_some() && self.screen == Screen::Today {
            return Mode::RepView;
        }
        match self.screen {
            Screen::Picker => Mode::Picker,
            Screen::Today | Screen::Tomorrow | Screen::Empty => Mode::List,
            Screen::Card => Mode::Card,
            Screen::Search => Mode::Search,
            Screen::Team => Mode::Team,
            Screen::Funnel | Screen::Help => Mode::Viewer,
        }
    }

    pub fn is_lead(&self) -> bool {
        self.rep.as_ref().is_some_and(Rep::is_lead)
    }

    /// The list on screen (Today or Tomorrow) and its selected row.
    pub fn current_list(&self) -> Option<(&DailyList, usize)> {
        match self.screen {
            Screen::Tomorrow => self.tomorrow.as_ref().map(|l| (l, self.tomorrow_selected)),
            _ => self.today.as_ref().map(|l| (l, self.today_selected)),
        }
    }

    /// The customer the keys act on: the card's, the selected search result's, or the
    /// selected row's.
    pub fn selected_customer(&self) -> Option<i64> {
        match self.screen {
            Screen::Card => self.card.as_ref().map(|c| c.data.customer.id),
            Screen::Search => self
                .search
                .results
                .get(self.search.selected)
                .map(|(i, _)| self.search.items[*i].id),
            Screen::Today | Screen::Tomorrow => self
                .current_list()
                .and_then(|(l, i)| l.entries.get(i))
                .map(|e| e.customer.id),
            _ => None,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), Tone::Info));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), Tone::Error));
    }
}
