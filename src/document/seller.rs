//! The seller profile: who the quotes and order confirmations come from.
//!
//! Promises:
//! - The profile is `desk.ron` in the user's config folder (`ORDER_DESK_CONFIG_DIR`
//!   moves it), never in a shared orders folder: what heads a customer document is the
//!   user's own word.
//! - `order-desk config init` writes a commented template and never replaces an existing
//!   profile unless asked (`--force`); the write is atomic and never through a link.
//! - A damaged profile is an error naming `path:line:col`, never silently replaced by
//!   defaults; a missing one is not an error: documents then carry a neutral header.
//! - Every text is checked like an order's (bounded, no control characters), so a
//!   profile cannot smuggle escapes into a terminal or markup into a document.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::files;
use crate::store::user_dirs::UserDirs;

/// The profile's file name in the user's config folder.
pub const PROFILE_FILE: &str = "desk.ron";
/// A profile larger than this is refused (a real one is well under 2 KiB).
pub const MAX_PROFILE_BYTES: u64 = 64 * 1024;
/// The longest company name, contact or payment terms.
pub const MAX_FIELD: usize = 300;
/// The longest address.
pub const MAX_ADDRESS: usize = 1000;
/// The longest validity a profile may set: ten years.
pub const MAX_VALIDITY_DAYS: u32 = 3650;
/// What `config init` says when no value is given, and what a profile without the field
/// means.
pub const DEFAULT_VALIDITY_DAYS: u32 = crate::domain::quote::DEFAULT_VALID_DAYS as u32;

/// The seller's details, as written in `desk.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SellerProfile {
    /// The company name at the top of every document.
    pub company: String,
    /// The postal address; may hold line breaks.
    #[serde(default)]
    pub address: String,
    /// Who the customer writes to: a name, an email, a phone number.
    #[serde(default)]
    pub contact: String,
    /// How and when the customer pays, as the seller words it.
    #[serde(default)]
    pub payment_terms: String,
    /// How many days a new quote stays open when no date is given.
    #[serde(default = "default_validity")]
    pub quote_validity_days: u32,
    /// The PDF's page size.
    #[serde(default)]
    pub paper: Paper,
    /// Where the app writes documents and lists (`~/` is the home folder); without it,
    /// the user's documents folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents_dir: Option<String>,
}

/// The page size of PDF documents: the seller's printer paper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in PDF points (1/72 inch).
    pub fn points(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }
}

fn default_validity() -> u32 {
    DEFAULT_VALIDITY_DAYS
}

/// Why the profile could not be read or written. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum SellerError {
    #[error(
        "the user's config folder is unknown (no home folder): set ORDER_DESK_CONFIG_DIR to a folder for desk.ron"
    )]
    NoConfigFolder,
    #[error(
        "seller profile {}:{line}:{column}: {}; fix it by hand or write a fresh one with `order-desk config init --force`",
        crate::domain::text::path(.path),
        crate::domain::text::clean(.message)
    )]
    Damaged {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot read seller profile {}: {message}", crate::domain::text::path(.path))]
    Read { path: PathBuf, message: String },
    #[error(
        "a seller profile already exists at {}; edit it, or replace it with `order-desk config init --force`",
        crate::domain::text::path(.path)
    )]
    Exists { path: PathBuf },
    #[error("cannot write seller profile {}: {source}", crate::domain::text::path(.path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where the profile lives for these user folders.
pub fn profile_path(dirs: &UserDirs) -> Option<PathBuf> {
    dirs.config.as_ref().map(|c| c.join(PROFILE_FILE))
}

/// The folder a user's own document templates are looked for in (`<config>/templates`).
pub fn templates_dir(dirs: &UserDirs) -> Option<PathBuf> {
    dirs.config.as_ref().map(|c| c.join("templates"))
}

/// The profile, `None` when there is none yet; a damaged one is an error.
pub fn load(dirs: &UserDirs) -> Result<Option<SellerProfile>, SellerError> {
    let Some(path) = profile_path(dirs) else {
        return Ok(None);
    };
    let bytes = match files::read_regular_following(&path, MAX_PROFILE_BYTES) {
        Ok((bytes, _)) => bytes,
        Err(files::ReadError::NotFound) => return Ok(None),
        Err(e) => {
            return Err(SellerError::Read {
                path,
                message: e.to_string(),
            });
        }
    };
    parse(&bytes, &path).map(Some)
}

/// Parses and checks profile bytes; `path` is only used in messages.
pub fn parse(bytes: &[u8], path: &Path) -> Result<SellerProfile, SellerError> {
    let damaged = |line: usize, column: usize, message: String| SellerError::Damaged {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|_| damaged(1, 1, "not UTF-8 text".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let profile: SellerProfile = ron::from_str(text)
        .map_err(|e| damaged(e.span.start.line, e.span.start.col, e.code.to_string()))?;
    if let Err((field, message)) = profile.check() {
        let (line, column) = field_position(text, field);
        return Err(damaged(line, column, format!("{field}: {message}")));
    }
    Ok(profile)
}

/// Where `field:` is written in the file, or 1:1.
fn field_position(text: &str, field: &str) -> (usize, usize) {
    let needle = format!("{field}:");
    text.lines()
        .enumerate()
        .find_map(|(i, line)| line.find(&needle).map(|col| (i + 1, col + 1)))
        .unwrap_or((1, 1))
}

impl SellerProfile {
    /// The same checks every text in an order passes; returns the field at fault.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        let fields: [(&'static str, &str, usize, bool); 4] = [
            ("company", &self.company, MAX_FIELD, false),
            ("address", &self.address, MAX_ADDRESS, true),
            ("contact", &self.contact, MAX_FIELD, false),
            ("payment_terms", &self.payment_terms, MAX_FIELD, false),
        ];
        for (name, value, max, multi_line) in fields {
            if value.chars().count() > max {
                return Err((name, format!("at most {max} characters")));
            }
            if value
                .chars()
                .any(|c| crate::domain::text::is_unsafe(c) && !(multi_line && c == '\n'))
            {
                return Err((
                    name,
                    "no control characters or text-direction overrides".into(),
                ));
            }
        }
        if crate::domain::text::is_blank(&self.company) {
            return Err(("company", "the company name is empty".into()));
        }
        if !(1..=MAX_VALIDITY_DAYS).contains(&self.quote_validity_days) {
            return Err((
                "quote_validity_days",
                format!("a whole number of days from 1 to {MAX_VALIDITY_DAYS}"),
            ));
        }
        if let Some(dir) = &self.documents_dir
            && (dir.trim().is_empty() || dir.chars().any(crate::domain::text::is_unsafe))
        {
            return Err((
                "documents_dir",
                "a folder's path, without control characters".into(),
            ));
        }
        Ok(())
    }
}

/// How many days a new quote stays open: the profile's, or the default.
pub fn validity_days(profile: Option<&SellerProfile>) -> u32 {
    profile.map_or(DEFAULT_VALIDITY_DAYS, |p| p.quote_validity_days)
}

/// The commented profile `config init` writes: every field with what it is for.
pub const TEMPLATE: &str = include_str!("../../data/desk.ron");

/// Writes the commented template to the profile's place and returns the path. An existing
/// profile (or anything else by that name) is kept unless `force`.
pub fn init(dirs: &UserDirs, force: bool) -> Result<PathBuf, SellerError> {
    let path = profile_path(dirs).ok_or(SellerError::NoConfigFolder)?;
    let dir = dirs.config.clone().ok_or(SellerError::NoConfigFolder)?;
    if !force && std::fs::symlink_metadata(&path).is_ok() {
        return Err(SellerError::Exists { path });
    }
    crate::store::user_dirs::ensure_private(&dir).map_err(|source| SellerError::Write {
        path: path.clone(),
        source,
    })?;
    super::output::write_file(&path, TEMPLATE.as_bytes(), force).map_err(|e| match e {
        super::output::ExportError::Exists { path } => SellerError::Exists { path },
        other => SellerError::Write {
            path: path.clone(),
            source: std::io::Error::other(other.to_string()),
        },
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_profile_with_the_default_validity() {
        let p = parse(TEMPLATE.as_bytes(), Path::new("desk.ron")).unwrap();
        assert_eq!(p.quote_validity_days, DEFAULT_VALIDITY_DAYS);
        assert!(!p.company.is_empty());
    }

    #[test]
    fn a_damaged_profile_names_line_and_column() {
        let text = "SellerProfile(\n    company: \"Acme\",\n    quote_validity_days: \"x\",\n)\n";
        let err = parse(text.as_bytes(), Path::new("/c/desk.ron")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("seller profile /c/desk.ron:3:"), "{msg}");
        let text = "SellerProfile(company: \"Acme\", quote_validity_days: 0)";
        let msg = parse(text.as_bytes(), Path::new("d.ron"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("d.ron:1:"), "{msg}");
        assert!(msg.contains("quote_validity_days"), "{msg}");
        let text = "SellerProfile(company: \"A\u{1b}[31m\")";
        assert!(parse(text.as_bytes(), Path::new("d.ron")).is_err());
    }

    #[test]
    fn init_keeps_an_existing_profile_unless_forced() {
        let root = tempfile::tempdir().unwrap();
        let dirs = UserDirs::under(root.path());
        let path = init(&dirs, false).unwrap();
        std::fs::write(&path, "SellerProfile(company: \"Mine\")").unwrap();
        assert!(matches!(
            init(&dirs, false),
            Err(SellerError::Exists { .. })
        ));
        assert_eq!(load(&dirs).unwrap().unwrap().company, "Mine");
        init(&dirs, true).unwrap();
        assert_ne!(load(&dirs).unwrap().unwrap().company, "Mine");
    }
}
