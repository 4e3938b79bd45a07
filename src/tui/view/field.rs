//! A text field as drawn: its text with a `▏` at the cursor, scrolled so the cursor is
//! always in view (a long customer name scrolls, it is never cut where the rep types).

use unicode_width::UnicodeWidthChar;

use super::super::field::TextField;

/// The field's text in at most `width` columns, `▏` marking the cursor.
pub fn with_cursor(field: &TextField, width: usize) -> String {
    let room = width.saturating_sub(1);
    let skip = field.scroll(room);
    let cursor = field.cursor_column();
    let mut out = String::new();
    let mut col = 0;
    let mut marked = false;
    for c in field.value().chars() {
        let w = c.width().unwrap_or(0);
        if col >= skip {
            if col == cursor && !marked {
                out.push('▏');
                marked = true;
            }
            if col + w > skip + room {
                break;
            }
            out.push(c);
        }
        col += w;
    }
    if !marked {
        out.push('▏');
    }
    out
}

/// A list's search as its header shows it: the line being typed with its cursor (in at
/// most `width` columns) while typing, else the search kept, in bold.
pub fn search_span(
    state: &super::super::state::State,
    typing: bool,
    kept: &str,
    width: usize,
) -> ratatui::text::Span<'static> {
    let theme = super::theme::Theme::of(state);
    if typing {
        ratatui::text::Span::styled(with_cursor(&state.line, width), theme.selected())
    } else {
        ratatui::text::Span::styled(kept.to_string(), theme.bold())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::field::Edit;

    #[test]
    fn the_cursor_is_marked_where_it_is_and_stays_in_view() {
        let mut field = TextField::new("Acme Corp");
        assert_eq!(with_cursor(&field, 20), "Acme Corp▏");
        field.edit(Edit::GoToPrevWord);
        assert_eq!(with_cursor(&field, 20), "Acme ▏Corp");
        field.edit(Edit::GoToEnd);
        assert_eq!(with_cursor(&field, 5), "Corp▏");
        field.edit(Edit::GoToStart);
        assert_eq!(with_cursor(&field, 5), "▏Acme");
    }
}
