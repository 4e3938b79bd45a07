//! Text from files and users, made safe to draw on a terminal.

use std::borrow::Cow;

/// Removes control characters and whole terminal escape sequences (colours, cursor
/// moves, titles…) so a hand-edited order file cannot move the cursor or recolour the
/// terminal, and no "[31m" is left behind. Newlines and tabs become spaces, since a table
/// cell is one line.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // The one-character CSI of 8-bit terminals.
            '\u{9b}' => skip_csi(&mut chars),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a control sequence (`ESC [ … m`), a string (`ESC ] … BEL`,
/// as titles and links are set) or a single character.
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9c}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// Skips a control sequence's parameters and intermediates and its final character.
fn skip_csi(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            break;
        }
    }
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
        assert_eq!(clean("Acme\u{1b}[2J\u{7} Corp\r\nLtd"), "Acme Corp Ltd");
        assert_eq!(
            clean("Globex \u{1b}[31mInternational\u{1b}[0m"),
            "Globex International"
        );
        assert_eq!(
            clean("a\u{1b}]0;title\u{7}b\u{1b}]8;;http://x\u{1b}\\c"),
            "abc"
        );
        assert_eq!(clean("a\u{9b}1;2Hb\u{1b}cd"), "abd");
        assert_eq!(clean("cut\u{1b}["), "cut");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_word_must_occur_in_any_order() {
        assert!(contains_all_words("acme robotics lima", "lima acme"));
        assert!(contains_all_words("acme robotics lima", ""));
        assert!(!contains_all_words("acme robotics lima", "acme bank"));
    }
}
