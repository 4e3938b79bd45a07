//! Text from files and users, made safe to draw on a terminal.

use std::borrow::Cow;

/// Removes control characters (escape sequences, carriage returns, bells…) so a
/// hand-edited order file cannot move the cursor or recolour the terminal. Newlines and
/// tabs become spaces, since a table cell is one line.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_terminal_escapes() {
        assert_eq!(clean("Acme\u{1b}[2J\u{7} Corp\r\nLtd"), "Acme[2J Corp Ltd");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }
}
