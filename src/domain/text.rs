//! The one sanitiser: text from files and users, made safe to print on a terminal or
//! write into a CSV.
//!
//! Anything in an order file, a file name or a typed id may come from someone hostile.
//! Before it reaches a terminal (table, detail, the app, errors on stderr) it passes
//! [`clean`] (C0/C1 controls and bidi overrides removed) or, for file names and typed ids
//! where the exact bytes matter, [`escaped`] (the same characters shown as `\u{1b}`).
//! Every CSV cell passes [`csv_cell`], which also defuses spreadsheet formulas.

use std::borrow::Cow;
use std::path::Path;

/// Bidirectional formatting characters: they reorder what follows them on screen, so a
/// name can be shown as something else ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that are never printed as they are: C0 and C1 controls (escape sequences,
/// carriage returns, bells…) and bidi controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Characters that take no room on screen: unsafe ones and Unicode's default-ignorable
/// code points (zero-width spaces and joiners, the word joiner, the byte-order mark, soft
/// hyphens, variation selectors, Hangul fillers, tags and the like), with the few other
/// invisible format characters.
pub fn is_invisible(c: char) -> bool {
    is_unsafe(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// True when nothing would be seen: empty, spaces or only invisible characters. A
/// customer, rep or note like that is refused.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Removes unsafe characters and whole terminal escape sequences (colours, cursor moves,
/// titles…) so a hand-edited order file cannot move the cursor, recolour the terminal or
/// reorder the line, and no "[31m" is left behind. Newlines and tabs become spaces, since a table
/// cell is one line.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
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
            c if is_unsafe(c) => {}
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

/// [`clean`] for text of several lines: each line cleaned, the line breaks kept.
pub fn clean_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            format!("{}{end}", clean(body))
        })
        .collect()
}

/// Shows unsafe characters visibly as `\u{1b}` (and a backslash as `\\`), so a file name
/// or a typed id can be printed and still told apart from another.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`escaped`], and invisible characters ([`is_invisible`]) shown as `\u{200b}` too,
/// so two names that read the same on screen can be told apart in a message.
pub fn revealed(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_invisible(c) || c == '\\' || (c.is_whitespace() && c != ' '))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if is_invisible(c) || (c.is_whitespace() && c != ' ') {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as it may be printed: bytes that are not UTF-8 shown as `\x..`, unsafe
/// characters escaped.
pub fn path(path: &Path) -> String {
    match path.to_str() {
        Some(text) => escaped(text).into_owned(),
        None => non_utf8_escaped(path),
    }
}

#[cfg(unix)]
fn non_utf8_escaped(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str()
        .as_bytes()
        .utf8_chunks()
        .map(|chunk| {
            let mut s = escaped(chunk.valid()).into_owned();
            for b in chunk.invalid() {
                s.push_str(&format!("\\x{b:02x}"));
            }
            s
        })
        .collect()
}

#[cfg(not(unix))]
fn non_utf8_escaped(path: &Path) -> String {
    escaped(&path.to_string_lossy()).into_owned()
}

/// A CSV cell: cleaned, and defused as OWASP advises when a spreadsheet would read it as
/// a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return): a leading
/// `'` makes it plain text. Amounts are never negative, so numbers are not touched.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let starts_formula = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if starts_formula {
        Cow::Owned(format!("'{}", clean(text)))
    } else {
        clean(text)
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
    fn b11_b13_strips_c1_controls_and_bidi_overrides() {
        assert_eq!(clean("a\u{9b}31mb"), "ab");
        assert_eq!(clean("\u{202e}gnp.exe"), "gnp.exe");
        assert_eq!(clean("x\u{2066}y\u{2069}"), "xy");
    }

    #[test]
    fn b12_file_names_and_ids_are_escaped_visibly() {
        assert_eq!(escaped("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(escaped("r\u{202e}l"), "r\\u{202e}l");
        assert_eq!(escaped("c:\\x"), "c:\\\\x");
        assert_eq!(path(Path::new("/o/\u{1b}[2J.ron")), "/o/\\u{1b}[2J.ron");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(b"/o/a\xffb.ron"));
            assert_eq!(path(p), "/o/a\\xffb.ron");
        }
    }

    #[test]
    fn b21_invisible_only_text_is_blank() {
        assert!(is_blank("\u{200b}\u{feff} \u{2060}"));
        assert!(is_blank("\u{202e}"));
        assert!(!is_blank("\u{200b}A"));
    }

    #[test]
    fn b10_csv_cells_never_start_a_formula() {
        for bad in [
            "=HYPERLINK(\"x\")",
            "+1+cmd|x",
            "-1+2",
            "@SUM(1+1)",
            "\tx",
            "\rx",
        ] {
            let cell = csv_cell(bad);
            assert!(cell.starts_with('\''), "{bad:?} -> {cell}");
        }
        assert_eq!(csv_cell("Acme"), "Acme");
        assert_eq!(csv_cell("50000.00"), "50000.00");
        assert_eq!(csv_cell("a\u{7}b"), "ab");
        assert_eq!(csv_cell("a\u{1b}[31mb"), "ab");
    }

    #[test]
    fn every_word_must_occur_in_any_order() {
        assert!(contains_all_words("acme robotics lima", "lima acme"));
        assert!(contains_all_words("acme robotics lima", ""));
        assert!(!contains_all_words("acme robotics lima", "acme bank"));
    }
}
