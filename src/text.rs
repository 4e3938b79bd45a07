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

/// True when every whitespace-separated word of `needle` occurs in `hay`, in any order,
/// so a search for "acme lima" finds "Acme Robotics Lima". Both are expected lower-case.
pub fn contains_all_words(hay: &str, needle: &str) -> bool {
    needle.split_whitespace().all(|word| hay.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_terminal_escapes() {
        assert_eq!(clean("Acme\u{1b}[2J\u{7} Corp\r\nLtd"), "Acme[2J Corp Ltd");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_word_must_occur_in_any_order() {
        assert!(contains_all_words("acme robotics lima", "lima acme"));
        assert!(contains_all_words("acme robotics lima", ""));
        assert!(!contains_all_words("acme robotics lima", "acme bank"));
    }
}
