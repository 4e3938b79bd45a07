//! The help popup's text laid out for the room it has: each description wraps under its
//! own column, and what does not fit scrolls. Plain text without styles, so `update` can
//! tell how far the help scrolls and `view` draws exactly the same lines.

use unicode_width::UnicodeWidthStr;

use super::keymap;
use super::state::State;

/// The help popup's width when the terminal has room for it.
const POPUP_WIDTH: u16 = 64;
/// Rows the tab bar and the status bar take from the terminal.
const BARS: u16 = 3;
/// The key column: two spaces of indent, the key, padding; descriptions start after it.
pub const KEY_COLUMN: usize = 18;

/// One row of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A section title ("Orders", "Everywhere").
    Title(String),
    /// A key and the first row of what it does.
    Key(&'static str, String),
    /// More of the description above, under its column.
    More(String),
    /// A row of running text across the whole width (the billing rules).
    Text(String),
}

/// The title of the help's last section, where `t` opens it.
pub const TERMS_TITLE: &str = "Billing rules of the price list";

/// The room the popup has in a body of `width`×`height` cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Room {
    /// The popup's outer width.
    pub width: u16,
    /// Text width inside its border and padding.
    pub text_width: usize,
    /// Text rows inside its border, the footer's included.
    pub rows: usize,
}

impl Room {
    pub fn of(body_width: u16, body_height: u16) -> Room {
        let width = POPUP_WIDTH.min(body_width.saturating_sub(2));
        Room {
            width,
            text_width: usize::from(width.saturating_sub(4)),
            rows: usize::from(body_height.saturating_sub(2)),
        }
    }

    /// The room in the terminal the state was last told about.
    pub fn for_terminal(state: &State) -> Room {
        Room::of(state.width, state.height.saturating_sub(BARS))
    }

    /// Help rows shown at once when they do not all fit (one row is the footer).
    pub fn page(&self) -> usize {
        self.rows.saturating_sub(1).max(1)
    }
}

/// The help of the current screen in rows of at most `text_width` cells.
pub fn lines(state: &State, text_width: usize) -> Vec<HelpLine> {
    let room = text_width.saturating_sub(KEY_COLUMN).max(8);
    let mut lines = Vec::new();
    for (title, keys) in keymap::help(state) {
        lines.push(HelpLine::Title(title.to_string()));
        for (key, what) in keys {
            let mut rows = wrap(what, room).into_iter();
            lines.push(HelpLine::Key(key, rows.next().unwrap_or_default()));
            lines.extend(rows.map(HelpLine::More));
        }
    }
    // The rules a rep must be able to quote to a customer, as the price list words them.
    lines.push(HelpLine::Title(TERMS_TITLE.to_string()));
    for (heading, text) in state.setup.catalog.terms() {
        lines.push(HelpLine::Title(heading.to_string()));
        lines.extend(
            wrap(
                &crate::domain::text::clean(text),
                text_width.saturating_sub(2),
            )
            .into_iter()
            .map(|row| HelpLine::Text(format!("  {row}"))),
        );
    }
    lines
}

/// The row the billing rules start at, for `t`.
pub fn terms_row(state: &State) -> usize {
    let room = Room::for_terminal(state);
    lines(state, room.text_width)
        .iter()
        .position(|l| matches!(l, HelpLine::Title(t) if t == TERMS_TITLE))
        .unwrap_or(0)
}

/// The first row the help can start at and still fill its popup.
pub fn max_scroll(state: &State) -> usize {
    let room = Room::for_terminal(state);
    let total = lines(state, room.text_width).len();
    if total < room.rows {
        0
    } else {
        total - room.page()
    }
}

/// Greedy word wrap to `width` cells; a word longer than a row is cut where it must be.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!row.is_empty());
        if row.width() + sep + word.width() <= width {
            if sep == 1 {
                row.push(' ');
            }
            row.push_str(word);
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        for c in word.chars() {
            if row.width() + c.to_string().width() > width {
                rows.push(std::mem::take(&mut row));
            }
            row.push(c);
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_words_and_cuts_only_what_cannot_fit() {
        assert_eq!(
            wrap("filter services and tiers (Enter keeps, Esc clears)", 20),
            ["filter services and", "tiers (Enter keeps,", "Esc clears)"]
        );
        assert_eq!(wrap("short", 20), ["short"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
