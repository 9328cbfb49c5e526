//! What a key asks the app to do. The keymap turns keys into these; `update` carries them
//! out; tests send them directly.

use crate::domain::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Quit (asks first when a form holds unsaved input).
    Quit,
    /// Leave the current screen or form.
    Back,
    /// Show every key.
    Help,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Open the selected customer's card, or pick the selected rep.
    Open,
    /// Start logging a call with this outcome for the selected customer.
    Log(Outcome),
    /// Save the form.
    Save,
    /// Next call quick pick: today, N working days, next week, next month.
    Pick(QuickPick),
    StageUp,
    StageDown,
    IntentUp,
    IntentDown,
    GradeUp,
    GradeDown,
    /// Type into the form's note.
    EditNote,
    /// Type the next-call date ("fri 15:00", "+3d").
    EditDate,
    /// Type a complaint the customer raised.
    EditComplaint,
    /// Type the contract value (for a win).
    EditValue,
    /// Type the contract's start date (for a win).
    EditStart,
    /// Type the contract's end date (for a win).
    EditEnd,
    /// Mark the customer's open complaint resolved by this call.
    ToggleResolve,
    /// Leave the text field, keeping what was typed (a date is read first).
    EndInput,
    /// Leave the text field whatever it holds: a date not yet read goes back to what it was.
    LeaveInput,
    /// Move the cursor or delete inside a text field.
    Edit(super::field::Edit),
    /// A character typed into a text field.
    Input(char),
    Backspace,
    NextField,
    PrevField,
    /// Search the book.
    Search,
    Funnel,
    Tomorrow,
    Team,
    Today,
    /// Undo the last call logged in this session.
    Undo,
    /// Pin (or unpin) the selected customer on tomorrow's list.
    Pin,
    AddCustomer,
    EditCustomer,
    /// Rebuild today's list, keeping what is done.
    Replan,
    /// Add the next due customers that did not fit to today's list.
    AddMore,
    /// List the customers left off the plan for want of a number.
    NeedsNumber,
    /// In a wrong-number form: the next of the customer's numbers.
    NextNumber,
    /// In a form that loses the customer: the next reason for the loss.
    NextLossReason,
    /// On an after-sale or follow-up (回访) call: the next satisfaction score (1–5, none).
    NextSatisfaction,
    /// On the card: assign or resolve the open complaint.
    ComplaintForm,
    /// Place a call to the selected customer (the dial command, or the number copied).
    Dial,
    /// Pick answer N (from 1) of the question on screen: which number to dial.
    Choose(u8),
    /// Open the card of the next customer still to call.
    NextCard,
    /// Select or unselect the row under the cursor (for a snooze of several).
    ToggleMark,
    /// Select every row still to call, or clear the selection.
    MarkAll,
    /// Move the selected rows' next call to another time, with a reason, without a call.
    Snooze,
    /// A click on screen line N: selects the list row there.
    ClickLine(u16),
    /// Confirm the question on screen.
    Yes,
    /// Decline the question on screen.
    No,
    /// Time passed: refresh what depends on the clock.
    Tick,
    /// Team lead: mark (or unmark) the selected customer to reassign.
    Mark,
    /// Team lead: hand the marked customers (or the selected one) to another rep.
    Reassign,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickPick {
    Today,
    WorkingDays(u8),
    NextWeek,
    NextMonth,
}

impl QuickPick {
    /// The words the date parser reads for this pick.
    pub fn as_words(self) -> String {
        match self {
            QuickPick::Today => "today".into(),
            QuickPick::WorkingDays(n) => n.to_string(),
            QuickPick::NextWeek => "w".into(),
            QuickPick::NextMonth => "m".into(),
        }
    }
}
