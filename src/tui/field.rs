//! One text field being edited: the line editing comes from `tui-input` (cursor, words,
//! graphemes); what calldeck adds is the selection a pre-filled field opens with, so that
//! typing replaces the old value and a cursor key keeps it.

use tui_input::{Input, InputRequest};

/// An editing key inside a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    /// Backspace.
    DeleteBack,
    /// Delete.
    DeleteForward,
    /// Ctrl-W.
    DeleteWordBack,
    /// Ctrl-U.
    DeleteToStart,
    /// Ctrl-K.
    DeleteToEnd,
}

#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
    /// The whole value is selected: the next character or deletion replaces it.
    selected: bool,
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
            && self.cursor() == other.cursor()
            && self.selected == other.selected
    }
}

impl TextField {
    /// A field opened on `value`: a non-empty value starts selected.
    pub fn open(value: &str) -> TextField {
        TextField {
            input: Input::new(value.to_string()),
            selected: !value.is_empty(),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// The cursor in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// The cursor in terminal columns from the start (wide characters count two).
    pub fn visual_cursor(&self) -> usize {
        self.input.visual_cursor()
    }

    /// How many columns the text scrolls left to keep the cursor inside `width`.
    pub fn scroll(&self, width: usize) -> usize {
        self.input.visual_scroll(width)
    }

    pub fn type_char(&mut self, c: char) {
        if std::mem::take(&mut self.selected) {
            self.input.reset();
        }
        self.input.handle(InputRequest::InsertChar(c));
    }

    pub fn edit(&mut self, edit: Edit) {
        let deletes = matches!(
            edit,
            Edit::DeleteBack
                | Edit::DeleteForward
                | Edit::DeleteWordBack
                | Edit::DeleteToStart
                | Edit::DeleteToEnd
        );
        if std::mem::take(&mut self.selected) && deletes {
            self.input.reset();
            return;
        }
        let req = match edit {
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::DeleteBack => InputRequest::DeletePrevChar,
            Edit::DeleteForward => InputRequest::DeleteNextChar,
            Edit::DeleteWordBack => InputRequest::DeletePrevWord,
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
            Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
        };
        self.input.handle(req);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(f: &mut TextField, s: &str) {
        for c in s.chars() {
            f.type_char(c);
        }
    }

    #[test]
    fn typing_replaces_a_prefilled_value() {
        let mut f = TextField::open("2026-11-24");
        typed(&mut f, "fri 10:00");
        assert_eq!(f.value(), "fri 10:00");
    }

    #[test]
    fn a_cursor_key_keeps_the_prefilled_value_to_edit_it() {
        let mut f = TextField::open("12000");
        f.edit(Edit::End);
        f.edit(Edit::DeleteBack);
        typed(&mut f, "5");
        assert_eq!(f.value(), "12005");
        f.edit(Edit::Home);
        typed(&mut f, "1");
        assert_eq!(f.value(), "112005");
        assert_eq!(f.cursor(), 1);
    }

    #[test]
    fn backspace_on_a_selection_clears_the_field() {
        let mut f = TextField::open("won at 12000");
        f.edit(Edit::DeleteBack);
        assert_eq!(f.value(), "");
    }

    #[test]
    fn word_and_line_deletions() {
        let mut f = TextField::open("");
        typed(&mut f, "call back fri");
        f.edit(Edit::DeleteWordBack);
        assert_eq!(f.value(), "call back ");
        typed(&mut f, "fri");
        f.edit(Edit::WordLeft);
        f.edit(Edit::DeleteToEnd);
        assert_eq!(f.value(), "call back ");
        f.edit(Edit::Left);
        f.edit(Edit::DeleteToStart);
        assert_eq!(f.value(), " ");
    }

    #[test]
    fn wide_characters_move_by_one_and_count_two_columns() {
        let mut f = TextField::open("");
        typed(&mut f, "新源电子");
        f.edit(Edit::Left);
        assert_eq!(f.cursor(), 3);
        assert_eq!(f.visual_cursor(), 6);
        f.edit(Edit::DeleteForward);
        assert_eq!(f.value(), "新源电");
    }
}
