//! The customer book: who the desk sells to, with the country that picks their region.
//!
//! Promises:
//! - A customer has a name (unique in the book, compared by [`name_key`]: look-alikes
//!   such as "Acme", "Acme" with a zero-width space and "Ａｃｍｅ" are one name) and an
//!   ISO 3166-1 country; contact, email, billing address, tax id and note
//!   are optional. Every text is checked like an order's: bounded, no control characters
//!   or text-direction overrides (the address and note may hold line breaks), not blank.
//! - The same checks run on a file read back, so a hand-edited file that breaks them is
//!   reported as damaged, never shown.
//! - Each customer lives in its own file, named from the name ([`file_stem`]); the store
//!   (`store/customers.rs`) writes and reads those files. Pure: no file, clock or terminal.

use serde::{Deserialize, Serialize};

use crate::domain::order::MAX_CUSTOMER;
use crate::domain::region;
use crate::domain::text;

/// The longest contact, email, tax id.
pub const MAX_FIELD: usize = 120;
/// The longest billing address or note.
pub const MAX_LONG: usize = 2000;

/// One customer in the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The file's format ([`crate::domain::format`]); 1 when the file names none.
    #[serde(default = "crate::domain::format::unversioned")]
    pub format: u32,
    pub name: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub tax_id: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Fields two desks changed to different values: the first value is shown until a rep
    /// decides, and none is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clashes: Vec<FieldClash>,
}

/// One field two desks set to different values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldClash {
    /// The field's name: country, contact, email, address, tax_id or note.
    pub field: String,
    /// Every value recorded for it (none for "not given"), sorted.
    pub values: Vec<Option<String>>,
}

/// What `customer add` is given, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct CustomerForm {
    pub name: String,
    pub country: String,
    pub contact: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub tax_id: Option<String>,
    pub note: Option<String>,
}

/// A field that is not acceptable: the field's name and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn field_error(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

/// Checks one text: at most `max` characters, no unsafe characters (line breaks allowed
/// when `multi_line`), not only invisible characters.
fn check_text(
    field: &'static str,
    value: &str,
    max: usize,
    multi_line: bool,
) -> Result<(), FieldError> {
    if value.chars().count() > max {
        return Err(field_error(field, format!("at most {max} characters")));
    }
    if value
        .chars()
        .any(|c| text::is_unsafe(c) && !(multi_line && c == '\n'))
    {
        return Err(field_error(
            field,
            "must not contain control characters or text-direction overrides",
        ));
    }
    if text::is_blank(value) {
        return Err(field_error(field, "empty or only invisible characters"));
    }
    Ok(())
}

fn optional(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl CustomerForm {
    /// The customer this form describes, or the first field that is not acceptable.
    /// The country may be typed as a code or an English name; it is stored as its code.
    pub fn check(self) -> Result<Customer, FieldError> {
        let country = region::find(&self.country)
            .map_err(|e| field_error("country", e.to_string()))?
            .code;
        let customer = Customer {
            format: crate::domain::format::BEFORE_LISTS,
            name: self.name.trim().to_string(),
            country,
            contact: optional(self.contact),
            email: optional(self.email),
            address: optional(self.address),
            tax_id: optional(self.tax_id),
            note: optional(self.note),
            clashes: Vec::new(),
        };
        customer.check()?;
        Ok(customer)
    }
}

impl Customer {
    /// Every field within its bounds; the same check a file read back passes.
    pub fn check(&self) -> Result<(), FieldError> {
        check_text("name", &self.name, MAX_CUSTOMER, false)?;
        if self.country.len() != 2 || region::find(&self.country).is_err() {
            return Err(field_error(
                "country",
                format!(
                    "'{}' is not an ISO 3166-1 alpha-2 code",
                    text::clean(&self.country)
                ),
            ));
        }
        for (field, value, max, multi) in [
            ("contact", &self.contact, MAX_FIELD, false),
            ("email", &self.email, MAX_FIELD, false),
            ("address", &self.address, MAX_LONG, true),
            ("tax_id", &self.tax_id, MAX_FIELD, false),
            ("note", &self.note, MAX_LONG, true),
        ] {
            if let Some(value) = value {
                check_text(field, value, max, multi)?;
            }
        }
        if let Some(email) = &self.email
            && !email.contains('@')
        {
            return Err(field_error("email", "an email address holds an '@'"));
        }
        for clash in &self.clashes {
            for value in clash.values.iter().flatten() {
                check_text("clashes", value, MAX_LONG, true)?;
            }
        }
        Ok(())
    }

    /// The value of one of [`FieldClash::field`]'s fields (`None`: not given).
    pub fn field(&self, name: &str) -> Option<&str> {
        match name {
            "country" => Some(&self.country),
            "contact" => self.contact.as_deref(),
            "email" => self.email.as_deref(),
            "address" => self.address.as_deref(),
            "tax_id" => self.tax_id.as_deref(),
            "note" => self.note.as_deref(),
            _ => None,
        }
    }

    /// Settles a clash: `field` takes value `keep` (1-based, as [`FieldClash::values`]
    /// lists them) and the clash is gone. Refused, with the customer unchanged, when the
    /// field has no clash, `keep` is out of range, or the value is not one the field may
    /// hold (no country, say).
    pub fn settle(&mut self, field: &str, keep: usize) -> Result<(), FieldError> {
        let Some(at) = self.clashes.iter().position(|c| c.field == field) else {
            let fields: Vec<&str> = self.clashes.iter().map(|c| c.field.as_str()).collect();
            return Err(field_error(
                "field",
                if fields.is_empty() {
                    "this customer has no clash to decide".to_string()
                } else {
                    format!(
                        "'{}' has no clash; decide {}",
                        text::clean(field),
                        fields.join(" or ")
                    )
                },
            ));
        };
        let values = &self.clashes[at].values;
        let Some(value) = keep.checked_sub(1).and_then(|i| values.get(i)).cloned() else {
            return Err(field_error(
                "keep",
                format!("keep 1 to {} as `customer show` lists them", values.len()),
            ));
        };
        if field == "country" && value.is_none() {
            return Err(field_error(
                "country",
                "a customer needs a country: keep one of the countries",
            ));
        }
        let settled = self
            .decided(field, keep)
            .ok_or_else(|| field_error("keep", "no such value"))?;
        settled.check()?;
        *self = settled;
        Ok(())
    }

    /// A field [`MERGED_FIELDS`] names, owned, as a merge compares it.
    pub fn owned_field(&self, name: &str) -> Option<String> {
        self.field(name).map(str::to_owned)
    }

    /// Sets a field [`MERGED_FIELDS`] names; `None` clears it (the country becomes empty,
    /// which [`Customer::check`] then refuses). Any other name changes nothing.
    pub fn set_field(&mut self, name: &str, value: Option<String>) {
        match name {
            "country" => self.country = value.unwrap_or_default(),
            "contact" => self.contact = value,
            "email" => self.email = value,
            "address" => self.address = value,
            "tax_id" => self.tax_id = value,
            "note" => self.note = value,
            _ => {}
        }
    }

    /// This customer with the clash on `field` settled by keeping value `keep` (1-based),
    /// unchecked; `None` when there is no such clash or value.
    pub fn decided(&self, field: &str, keep: usize) -> Option<Customer> {
        let at = self.clashes.iter().position(|x| x.field == field)?;
        let value = self.clashes[at].values.get(keep.checked_sub(1)?)?.clone();
        let mut out = self.clone();
        out.clashes.remove(at);
        out.set_field(field, value);
        Some(out)
    }

    /// The country's answer (always found: [`Customer::check`] made sure).
    pub fn country_answer(&self) -> Option<region::Answer> {
        region::find(&self.country).ok()
    }
}

/// The fields of a customer that two desks' edits merge one by one.
pub const MERGED_FIELDS: [&str; 6] = ["country", "contact", "email", "address", "tax_id", "note"];

/// The key two names are compared by: names that read the same have the same key. The
/// name in Unicode's compatibility form (NFKC: "Ａｃｍｅ" is "Acme", "ﬁ" is "fi"), without
/// invisible characters ([`text::is_invisible`]: zero-width spaces and joiners, soft
/// hyphens, bidi marks…), case folded (lower case, with "ς" as "σ" and "ß" as "ss"), the
/// spaces trimmed and each run of them one space.
pub fn name_key(name: &str) -> String {
    name_key_chars(name).collect()
}

/// The characters of [`name_key`], made one by one, so a name can be compared with a key
/// without building a string.
pub fn name_key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    use unicode_normalization::UnicodeNormalization;
    let visible = |c: &char| c.is_whitespace() || !text::is_invisible(*c);
    let folded = name
        .chars()
        .filter(visible)
        .nfkc()
        // NFKC can make an invisible character of a visible one (a Hangul filler).
        .filter(visible)
        .flat_map(char::to_lowercase)
        .flat_map(fold_case);
    OneSpace {
        inner: folded,
        started: false,
        space: false,
        held: None,
    }
}

/// The case folds lower case leaves apart: the final sigma and the sharp s.
fn fold_case(c: char) -> impl Iterator<Item = char> {
    let (first, second) = match c {
        'ς' => ('σ', None),
        'ß' => ('s', Some('s')),
        c => (c, None),
    };
    std::iter::once(first).chain(second)
}

/// Leading and trailing spaces dropped, each inner run of them one space.
struct OneSpace<I> {
    inner: I,
    started: bool,
    space: bool,
    held: Option<char>,
}

impl<I: Iterator<Item = char>> Iterator for OneSpace<I> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.held.take() {
            return Some(c);
        }
        loop {
            let c = self.inner.next()?;
            if c.is_whitespace() {
                self.space = self.started;
                continue;
            }
            self.started = true;
            if std::mem::take(&mut self.space) {
                self.held = Some(c);
                return Some(' ');
            }
            return Some(c);
        }
    }
}

/// The file name (without `.ron`) a customer is saved under: letters and digits of the
/// name's key ([`name_key`], so look-alike names get the same stem), other runs as one
/// '-', at most 60 characters; never empty, never hidden, never a path.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name_key_chars(name) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.chars().count() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() {
        "customer".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, country: &str) -> CustomerForm {
        CustomerForm {
            name: name.into(),
            country: country.into(),
            ..CustomerForm::default()
        }
    }

    #[test]
    fn settling_a_clash_keeps_the_chosen_value_and_never_leaves_a_customer_without_a_country() {
        let mut c = form("Rio Foods", "BR").check().unwrap();
        c.clashes = vec![
            FieldClash {
                field: "country".into(),
                values: vec![None, Some("PT".into())],
            },
            FieldClash {
                field: "email".into(),
                values: vec![None, Some("a@rio.example".into())],
            },
        ];
        let before = c.clone();
        let refused = c.settle("country", 1).unwrap_err();
        assert_eq!(refused.field, "country");
        assert!(refused.message.contains("needs a country"), "{refused:?}");
        assert_eq!(c, before, "unchanged when refused");
        // "Not given" is a value like any other for a field that may be empty.
        let mut without = c.clone();
        without.email = Some("old@rio.example".into());
        without.settle("email", 1).unwrap();
        assert_eq!(without.email, None);
        c.settle("email", 2).unwrap();
        assert_eq!(c.email.as_deref(), Some("a@rio.example"));
        c.settle("country", 2).unwrap();
        assert_eq!((c.country.as_str(), c.clashes.len()), ("PT", 0));
        assert_eq!(
            c.settle("country", 1).unwrap_err().message,
            "this customer has no clash to decide"
        );
    }

    #[test]
    fn each_field_is_read_by_the_name_a_clash_gives_it() {
        let mut c = form("Rio Foods", "BR").check().unwrap();
        c.contact = Some("Ana".into());
        c.email = Some("ana@rio.example".into());
        c.address = Some("Rua 1".into());
        c.tax_id = Some("BR-1".into());
        c.note = Some("VIP".into());
        let read: Vec<Option<&str>> = [
            "country", "contact", "email", "address", "tax_id", "note", "name",
        ]
        .iter()
        .map(|f| c.field(f))
        .collect();
        assert_eq!(
            read,
            [
                Some("BR"),
                Some("Ana"),
                Some("ana@rio.example"),
                Some("Rua 1"),
                Some("BR-1"),
                Some("VIP"),
                None
            ]
        );
    }

    #[test]
    fn a_country_is_stored_as_its_code() {
        let c = form("  Acme Brasil Ltda ", "brazil").check().unwrap();
        assert_eq!(
            (c.name.as_str(), c.country.as_str()),
            ("Acme Brasil Ltda", "BR")
        );
        assert!(form("Acme", "Atlantis").check().unwrap_err().field == "country");
    }

    #[test]
    fn bad_fields_are_refused() {
        assert_eq!(form("", "BR").check().unwrap_err().field, "name");
        assert_eq!(
            form("\u{202e}Acme", "BR").check().unwrap_err().field,
            "name"
        );
        let mut f = form("Acme", "BR");
        f.email = Some("not-an-address".into());
        assert_eq!(f.check().unwrap_err().field, "email");
        let mut f = form("Acme", "BR");
        f.address = Some("Rua A, 1\nSão Paulo".into());
        f.contact = Some("x".repeat(MAX_FIELD + 1));
        assert_eq!(f.check().unwrap_err().field, "contact");
        let mut f = form("Acme", "BR");
        f.address = Some("Rua A, 1\nSão Paulo".into());
        assert!(f.check().is_ok(), "an address may hold line breaks");
        // Exactly the longest field is fine; a line break only where one is allowed.
        let mut f = form("Acme", "BR");
        f.contact = Some("x".repeat(MAX_FIELD));
        assert!(f.check().is_ok(), "the longest contact");
        let mut f = form("Acme", "BR");
        f.contact = Some("Ann\nBea".into());
        assert_eq!(f.check().unwrap_err().field, "contact", "one line only");
        let mut read_back = form("Acme", "BR").check().unwrap();
        read_back.country = "XX".into();
        assert_eq!(read_back.check().unwrap_err().field, "country");
    }

    /// Issue 22: "Acme", "Acme" with a zero-width space and "Ａｃｍｅ" all read "Acme", so
    /// they are one name: one key and one file stem.
    #[test]
    fn i22_look_alike_names_have_one_key_and_one_file_stem() {
        for name in [
            "Acme",
            "ACME",
            "Acme\u{200B}",
            "\u{FEFF}Acme",
            "Ac\u{200D}me",
            "A\u{00AD}cme",
            "Acme\u{2060}",
            "Acme\u{200E}",
            "Acme\u{FE0F}",
            "Ａｃｍｅ",
            "𝐀𝐜𝐦𝐞",
            "  acme ",
        ] {
            assert_eq!(name_key(name), "acme", "{name:?}");
            assert_eq!(file_stem(name), "acme", "{name:?}");
        }
        assert_eq!(name_key("Acme\u{00A0}Ltd"), "acme ltd");
        assert_eq!(name_key("Acme\u{3000}\u{200B} Ltd"), "acme ltd");
        assert_eq!(name_key("ﬁne Foods"), "fine foods");
        // Case folded, not only lowered: the final sigma and the sharp s.
        assert_eq!(name_key("ΟΔΟΣ"), name_key("οδος"));
        assert_eq!(name_key("Straße"), name_key("STRASSE"));
        // Names that read differently stay apart.
        assert_ne!(name_key("Acme"), name_key("Acne"));
        assert_ne!(name_key("Acme Ltd"), name_key("AcmeLtd"));
        assert_ne!(name_key("Café"), name_key("Cafe"));
        assert_eq!(name_key("Cafe\u{301}"), name_key("Café"), "composed or not");
        // A name of invisible characters only is refused, as one of spaces is.
        assert_eq!(
            form("\u{200B}\u{FE0F}", "BR").check().unwrap_err().field,
            "name"
        );
    }

    #[test]
    fn file_stems_are_plain_names() {
        assert_eq!(file_stem("Acme Brasil Ltda."), "acme-brasil-ltda");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem(".hidden"), "hidden");
        assert_eq!(file_stem("!!!"), "customer");
        assert_eq!(file_stem("Ünïcode Øy"), "ünïcode-øy");
        assert!(file_stem(&"a".repeat(500)).chars().count() <= 60);
        assert_eq!(name_key("  ACME   Brasil "), "acme brasil");
    }
}
