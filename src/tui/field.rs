//! One line of text the rep types into: the checkout fields, the filter and search lines,
//! a typed quantity, a refund reason.
//!
//! The editing itself (cursor, words, graphemes, wide characters) is `tui-input`'s, used
//! without its terminal backend: the keymap decides which key is which [`Edit`], so the
//! same keys work in every field and appear in the help. A field is one line: a paste or
//! any edit can never put a newline (or any control character) into it.

use tui_input::Input;

use crate::domain::text::clean;

/// One editing step: insert a character, move the cursor, delete a character or a word.
pub use tui_input::InputRequest as Edit;

/// A single-line text field with a cursor.
#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
    /// The value was put there for the rep to replace (a quantity): the first character
    /// typed or pasted replaces it whole, instead of adding to it (typing 3 into "1"
    /// must give 3, not 13). Any other edit keeps it and edits it as usual.
    replace_on_type: bool,
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

impl Eq for TextField {}

impl TextField {
    /// A field holding `value`, the cursor at its end.
    pub fn new(value: impl Into<String>) -> TextField {
        TextField {
            input: Input::new(one_line(&value.into())),
            replace_on_type: false,
        }
    }

    /// A field holding `value` for the rep to replace: the first character typed or
    /// pasted replaces it; moving the cursor or deleting edits it instead.
    pub fn replaceable(value: impl Into<String>) -> TextField {
        TextField {
            replace_on_type: true,
            ..TextField::new(value)
        }
    }

    /// Whether the first character typed replaces the value.
    pub fn replaces_on_type(&self) -> bool {
        self.replace_on_type
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// The cursor, in terminal columns from the start.
    pub fn cursor_column(&self) -> usize {
        self.input.visual_cursor()
    }

    /// Columns to skip so the cursor shows in a box `width` columns wide.
    pub fn scroll(&self, width: usize) -> usize {
        self.input.visual_scroll(width)
    }

    /// Applies one edit; true if the text changed (not only the cursor).
    pub fn edit(&mut self, edit: Edit) -> bool {
        if let Edit::InsertChar(c) = edit
            && c.is_control()
        {
            return false;
        }
        if std::mem::take(&mut self.replace_on_type) && matches!(edit, Edit::InsertChar(_)) {
            self.input.reset();
        }
        self.input.handle(edit).is_some_and(|changed| changed.value)
    }

    /// Inserts pasted text at the cursor as one line: line breaks and tabs become spaces,
    /// other control characters are dropped. True if the text changed.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = one_line(text);
        let mut changed = false;
        for c in text.chars() {
            changed |= self.edit(Edit::InsertChar(c));
        }
        changed
    }

    /// Empties the field.
    pub fn clear(&mut self) {
        self.replace_on_type = false;
        self.input.reset();
    }
}

/// `text` on one line: `\r\n`, `\r`, `\n` and tabs become one space each, other control
/// characters (escape sequences) go.
pub fn one_line(text: &str) -> String {
    clean(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_is_one_line_at_the_cursor() {
        let mut field = TextField::new("Acme ");
        field.edit(Edit::GoToStart);
        assert!(field.paste("The\r\nBig\rOne\n\t\u{1b}[2J"));
        // The escape sequence goes whole, not only its ESC.
        assert_eq!(field.value(), "The Big One  Acme ");
        assert_eq!(field.cursor(), "The Big One  ".len());
    }

    #[test]
    fn words_and_lines_are_edited_as_in_a_shell() {
        let mut field = TextField::new("Acme Robotics GmbH");
        field.edit(Edit::DeletePrevWord);
        assert_eq!(field.value(), "Acme Robotics ");
        field.edit(Edit::GoToPrevWord);
        field.edit(Edit::DeleteFromStart);
        assert_eq!(field.value(), "Robotics ");
        assert_eq!(field.cursor(), 0);
        field.edit(Edit::DeleteNextChar);
        assert_eq!(field.value(), "obotics ");
        assert!(!field.edit(Edit::InsertChar('\n')), "no newline, ever");
    }
}
