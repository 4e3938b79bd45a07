//! Never a wrong document: before a PDF is written, every character it would print is
//! checked against the fonts it can use (the embedded one, then the fallbacks of
//! [`super::fonts`]).
//!
//! Promises:
//! - A character no font has refuses the export before anything is written, naming the
//!   character, its script and the field it is in: a customer never receives a box where
//!   a letter should be. The HTML and Markdown documents carry the text as it is and a
//!   browser lays it out, so the refusal names them.
//! - Every text of the document is checked, whatever field it comes from (customer,
//!   note, reference, seller profile, service names, terms): the walk is over the
//!   document as serialised, so a field added later is checked too.

use super::DocumentError;
use super::model::Document;

/// Checks every text of `doc`; `has_glyph` says whether the embedded fonts draw a
/// character.
pub fn check(doc: &Document, has_glyph: impl Fn(char) -> bool) -> Result<(), DocumentError> {
    let value = serde_json::to_value(doc).map_err(|e| DocumentError::Pdf(e.to_string()))?;
    let mut texts = Vec::new();
    strings(&value, String::new(), &mut texts);
    for (field, text) in texts {
        for ch in text.chars() {
            if ch.is_whitespace() || ch.is_control() {
                continue;
            }
            if !has_glyph(ch) {
                return Err(DocumentError::Uncovered {
                    ch,
                    script: script_of(ch),
                    field: field_name(&field),
                    fonts: super::fonts::user_fonts_dir().map_or_else(
                        || "the fonts folder of your config folder".to_string(),
                        |dir| crate::domain::text::path(&dir),
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Every string of `value` with the path of fields that leads to it.
fn strings(value: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path, s.clone())),
        serde_json::Value::Array(items) => {
            for item in items {
                strings(item, path.clone(), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path} {key}")
                };
                strings(item, path, out);
            }
        }
        _ => {}
    }
}

/// "customer name" → "the customer name"; "lines service" → "a line's service".
fn field_name(path: &str) -> String {
    let path = path.replace('_', " ");
    match path.strip_prefix("lines ") {
        Some(rest) => format!("a line's {rest}"),
        None => format!("the {path}"),
    }
}

/// The script of the characters this desk's customers write most, by block; others are
/// named by their code point alone.
pub fn script_of(ch: char) -> &'static str {
    match u32::from(ch) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arabic"
        }
        0x0900..=0x097F => "Devanagari",
        0x0E00..=0x0E7F => "Thai",
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Hangul (Korean)",
        0x3040..=0x309F => "Hiragana (Japanese)",
        0x30A0..=0x30FF | 0x31F0..=0x31FF => "Katakana (Japanese)",
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => {
            "Han (Chinese, Japanese kanji)"
        }
        0x3000..=0x303F | 0xFF00..=0xFFEF => "CJK punctuation or full-width form",
        0x1F000..=0x1FAFF | 0x2600..=0x27BF => "emoji or symbol",
        _ => "another script",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_directions_are_named() {
        assert_eq!(script_of('京'), "Han (Chinese, Japanese kanji)");
        assert_eq!(script_of('ロ'), "Katakana (Japanese)");
        assert_eq!(script_of('ก'), "Thai");
        assert_eq!(script_of('ह'), "Devanagari");
        assert_eq!(script_of('한'), "Hangul (Korean)");
        assert_eq!(field_name("customer name"), "the customer name");
        assert_eq!(field_name("lines service"), "a line's service");
    }
}
