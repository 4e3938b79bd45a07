//! Fitting text into cells: control characters removed and long text cut with "…".

use std::borrow::Cow;

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthChar;

use crate::text::clean;

/// `text` cleaned and cut to `width` columns, ending in "…" when it was longer.
pub fn fit(text: &str, width: usize) -> String {
    let text: Cow<str> = clean(text);
    let full: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if full <= width {
        return text.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` cut in the middle to `width` columns ("AI Platform…Tuning Service"), for names
/// that share a long beginning and differ at the end.
pub fn fit_middle(text: &str, width: usize) -> String {
    let text = clean(text);
    let chars: Vec<char> = text.chars().collect();
    let full: usize = chars.iter().map(|c| c.width().unwrap_or(0)).sum();
    if full <= width || width < 8 {
        return fit(&text, width);
    }
    let head_room = (width - 1) * 2 / 5;
    let mut tail_room = width - 1 - head_room;
    let mut tail = Vec::new();
    for c in chars.iter().rev() {
        let w = c.width().unwrap_or(0);
        if w > tail_room {
            break;
        }
        tail_room -= w;
        tail.push(*c);
    }
    tail.reverse();
    let head = fit(&text, head_room + 1);
    let head = head.trim_end_matches('…').trim_end();
    format!(
        "{head}…{}",
        tail.into_iter().collect::<String>().trim_start()
    )
}

/// Splits `text` into lines of at most `width` columns at spaces (a word longer than a
/// line is cut with "…"), so wrapped text can keep an indent.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in clean(text).split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fit(word, width));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The widths a table's columns get in `width` columns (after the highlight symbol), so
/// cells can be cut to them with an ellipsis instead of being clipped mid-word.
pub fn column_widths(width: u16, constraints: &[Constraint], spacing: u16) -> Vec<u16> {
    Layout::horizontal(constraints.iter().copied())
        .spacing(spacing)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

/// The first row shown so `selected` is visible in `rows` lines, paging a screen at a
/// time. Computed from the selection alone, so drawing never needs to change state.
pub fn page_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        selected - selected % rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_ends_in_an_ellipsis() {
        assert_eq!(fit("Model Distillation Service", 10), "Model Dis…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("a\u{1b}[2Jb", 10), "a[2Jb");
        let cut = fit_middle("AI Platform Scenario-specific Model Tuning Service", 30);
        assert_eq!(cut, "AI Platform…del Tuning Service");
        assert!(cut.chars().count() <= 30, "{cut}");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("refunds are only possible", 12),
            ["refunds are", "only", "possible"]
        );
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }

    #[test]
    fn pages_keep_the_selection_visible() {
        assert_eq!(page_offset(0, 10), 0);
        assert_eq!(page_offset(9, 10), 0);
        assert_eq!(page_offset(10, 10), 10);
        assert_eq!(page_offset(5, 0), 0);
    }
}
