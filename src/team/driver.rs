//! The merge driver git runs for `*.ron` files: `order-desk merge-file %O %A %B %P`.
//!
//! Git hands over three temp files (the common version, ours, theirs) and the file's path
//! in the book; the driver writes the result into ours and says whether it merged. It
//! reads the three like any hostile file (regular files only, capped) and parses them as
//! the desk does; it never merges what it cannot read:
//! - a file from a newer Order Desk is left as ours, conflicted ("upgrade to merge it");
//! - a damaged or tampered one is left conflicted for a human, with git's markers;
//! - the same path created on both sides with different content keeps theirs (already
//!   shared) at the path and writes ours beside it under a new id, with a note.
//!
//! Each outcome is also told on stderr on one line: [`REPORT_PREFIX`], the outcome's fixed
//! [`Code`], the path, then words for people. `sync` acts on the code alone
//! ([`parse_report`]), so rewording a message never changes what sync does.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::merge::{self, Merge};
use crate::domain::order::Order;
use crate::store::{self, StoreError, files};

/// The start of the driver's one-line reports on stderr.
pub const REPORT_PREFIX: &str = "order-desk merge: ";

/// What kind of file a path in the book holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Order,
    Quote,
    Customer,
}

/// The kind of a path relative to the book's top (`quotes/X.ron`, `customers/X.ron`,
/// `X.ron`); `None` for anything else.
pub fn kind_of(path: &str) -> Option<Kind> {
    let (dir, name) = match path.rsplit_once('/') {
        Some((dir, name)) => (Some(dir), name),
        None => (None, path),
    };
    if name.starts_with('.') || !name.ends_with(".ron") {
        return None;
    }
    match dir {
        None => Some(Kind::Order),
        Some(store::QUOTES_DIR) => Some(Kind::Quote),
        Some(store::CUSTOMERS_DIR) => Some(Kind::Customer),
        Some(_) => None,
    }
}

/// What the driver did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Merged; `needs_decision` when the merge left a clash for a rep.
    Merged { needs_decision: bool },
    /// Both kept: theirs at the path, ours written to `renamed` (relative to the book).
    KeptBoth { renamed: String },
    /// Left conflicted, and why.
    Conflicted(String),
}

/// An outcome as sync reads it: a fixed word on the report line, never reworded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Merged,
    NeedsDecision,
    KeptBoth,
    Conflicted,
}

impl Code {
    const ALL: [Code; 4] = [
        Code::Merged,
        Code::NeedsDecision,
        Code::KeptBoth,
        Code::Conflicted,
    ];

    /// The word on the report line.
    pub fn word(self) -> &'static str {
        match self {
            Code::Merged => "merged",
            Code::NeedsDecision => "needs-decision",
            Code::KeptBoth => "kept-both",
            Code::Conflicted => "conflicted",
        }
    }
}

/// One report line read back: the outcome's code, the path and the words for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub code: Code,
    pub path: String,
    pub words: String,
}

/// Reads a line the driver told ([`Outcome::report`]); `None` for any other line.
pub fn parse_report(line: &str) -> Option<Report> {
    let rest = line.strip_prefix(REPORT_PREFIX)?;
    let (word, rest) = rest.split_once(' ')?;
    let code = Code::ALL.into_iter().find(|c| c.word() == word)?;
    let (path, words) = rest.split_once(": ")?;
    Some(Report {
        code,
        path: path.to_string(),
        words: words.to_string(),
    })
}

impl Outcome {
    /// The outcome's fixed code.
    pub fn code(&self) -> Code {
        match self {
            Outcome::Merged {
                needs_decision: false,
            } => Code::Merged,
            Outcome::Merged {
                needs_decision: true,
            } => Code::NeedsDecision,
            Outcome::KeptBoth { .. } => Code::KeptBoth,
            Outcome::Conflicted(_) => Code::Conflicted,
        }
    }

    /// The line told on stderr: prefix, code, path, then words for people.
    pub fn report(&self, path: &str) -> String {
        let path = crate::domain::text::escaped(path);
        let words = match self {
            Outcome::Merged {
                needs_decision: false,
            } => "merged".to_string(),
            Outcome::Merged {
                needs_decision: true,
            } => "merged, needs a decision".to_string(),
            Outcome::KeptBoth { renamed } => format!(
                "two desks made different files under one name; theirs kept, ours renamed to {renamed}"
            ),
            Outcome::Conflicted(why) => crate::domain::text::clean(why).into_owned(),
        };
        format!("{REPORT_PREFIX}{} {path}: {words}", self.code().word())
    }
}

/// Reads one of git's temp files; an empty file (the common version of a file both sides
/// created) is `None`.
fn read(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let (bytes, _) = files::read_regular(path, store::MAX_FILE_BYTES)
        .map_err(|e| io::Error::other(format!("{}: {e}", crate::domain::text::path(path))))?;
    Ok((!bytes.is_empty()).then_some(bytes))
}

/// Why a version could not be merged, in words for the report.
fn unreadable(side: &str, e: &StoreError) -> String {
    match e {
        StoreError::Newer { format, .. } => format!(
            "{side} version was written by a newer Order Desk (format {format}): upgrade to merge it"
        ),
        other => format!("{side} version is not a valid file ({other})"),
    }
}

/// Runs the driver: `base`, `ours`, `theirs` are git's temp files, `name` the path in the
/// book, `top` the book's top folder (where git runs drivers). Writes the result into
/// `ours`.
pub fn merge_file(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: &str,
    top: &Path,
) -> io::Result<Outcome> {
    let Some(kind) = kind_of(name) else {
        return Ok(Outcome::Conflicted(
            "not an order, quote or customer file".into(),
        ));
    };
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let (Some(o), Some(t)) = (o, t) else {
        return Ok(Outcome::Conflicted("one side is empty".into()));
    };
    let named = Path::new(name);
    macro_rules! parse_all {
        ($parse:expr) => {{
            let parse = $parse;
            let base = match &b {
                Some(b) => match parse(named, b) {
                    Ok(v) => Some(v),
                    Err(e) => return conflict(ours, &b, &o, &t, unreadable("the common", &e)),
                },
                None => None,
            };
            let mine = match parse(named, &o) {
                Ok(v) => v,
                Err(e @ StoreError::Newer { .. }) => {
                    return Ok(Outcome::Conflicted(unreadable("our", &e)));
                }
                Err(e) => {
                    return conflict(
                        ours,
                        b.as_deref().unwrap_or(&[]),
                        &o,
                        &t,
                        unreadable("our", &e),
                    );
                }
            };
            let other = match parse(named, &t) {
                Ok(v) => v,
                Err(e @ StoreError::Newer { .. }) => {
                    return Ok(Outcome::Conflicted(unreadable("their", &e)));
                }
                Err(e) => {
                    return conflict(
                        ours,
                        b.as_deref().unwrap_or(&[]),
                        &o,
                        &t,
                        unreadable("their", &e),
                    );
                }
            };
            (base, mine, other)
        }};
    }
    let b_bytes = b.clone().unwrap_or_default();
    match kind {
        Kind::Order => {
            let (base, mine, other) = parse_all!(store::parse_order);
            match merge::merge_orders(base.as_ref(), &mine, &other) {
                Merge::Merged(m) => write_merged(ours, &store::to_ron(&m), m.needs_decision()),
                Merge::Tampered(fields) => conflict(ours, &b_bytes, &o, &t, tampered(&fields)),
                Merge::Twins => {
                    let renamed = keep_order_beside(top, mine)?;
                    fs::write(ours, &t)?;
                    Ok(Outcome::KeptBoth { renamed })
                }
            }
        }
        Kind::Quote => {
            let (base, mine, other) = parse_all!(store::parse_quote);
            match merge::merge_quotes(base.as_ref(), &mine, &other) {
                Merge::Merged(m) => {
                    let clash = !m.contested.is_empty();
                    write_merged(ours, &store::to_ron(&m), clash)
                }
                Merge::Tampered(fields) => conflict(ours, &b_bytes, &o, &t, tampered(&fields)),
                Merge::Twins => {
                    let renamed = keep_quote_beside(top, mine)?;
                    fs::write(ours, &t)?;
                    Ok(Outcome::KeptBoth { renamed })
                }
            }
        }
        Kind::Customer => {
            let (base, mine, other) = parse_all!(store::parse_customer);
            match merge::merge_customers(base.as_ref(), &mine, &other) {
                Merge::Merged(m) => {
                    let clash = !m.clashes.is_empty();
                    write_merged(ours, &store::to_ron(&m), clash)
                }
                Merge::Tampered(fields) => conflict(ours, &b_bytes, &o, &t, tampered(&fields)),
                Merge::Twins => {
                    let renamed = keep_customer_beside(top, name, &o)?;
                    fs::write(ours, &t)?;
                    Ok(Outcome::KeptBoth { renamed })
                }
            }
        }
    }
}

fn tampered(fields: &[&str]) -> String {
    format!(
        "the frozen part differs ({}): not a sync problem but a changed order file; compare the two versions and keep the right one by hand",
        fields.join(", ")
    )
}

fn write_merged(ours: &Path, text: &str, needs_decision: bool) -> io::Result<Outcome> {
    fs::write(ours, text)?;
    Ok(Outcome::Merged { needs_decision })
}

/// Leaves the file conflicted with git's markers around both versions (and the common
/// one), so a human sees all three.
fn conflict(ours: &Path, base: &[u8], o: &[u8], t: &[u8], why: String) -> io::Result<Outcome> {
    let mut text = String::new();
    let side = |bytes: &[u8]| {
        let mut s = String::from_utf8_lossy(bytes).into_owned();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s
    };
    let _ = write!(
        text,
        "<<<<<<< ours (this desk)\n{}||||||| common version\n{}=======\n{}>>>>>>> theirs (pulled)\n",
        side(o),
        side(base),
        side(t)
    );
    fs::write(ours, text)?;
    Ok(Outcome::Conflicted(why))
}

/// A free name beside `dir/stem.ron`: `stem-copy.ron`, `stem-copy2.ron`…
fn free_name(dir: &Path, stem: &str) -> io::Result<(String, PathBuf)> {
    for n in 1..1000 {
        let candidate = if n == 1 {
            format!("{stem}-copy")
        } else {
            format!("{stem}-copy{n}")
        };
        let path = dir.join(format!("{candidate}.ron"));
        if fs::symlink_metadata(&path).is_err() {
            return Ok((candidate, path));
        }
    }
    Err(io::Error::other(format!("no free name beside {stem}")))
}

/// Writes a new file exclusively (never over anything, never through a link).
fn create(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    let mut file = files::create_new(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn rename_note(old: &str, note: Option<String>) -> Option<String> {
    let why = format!(
        "renamed from {old} by sync: another desk had saved a different order under the same id"
    );
    let note = match note {
        Some(n)
            if n.chars().count() + why.chars().count() + 2 <= crate::domain::order::MAX_NOTE =>
        {
            format!("{n}; {why}")
        }
        Some(n) => n,
        None => why,
    };
    Some(note)
}

fn keep_order_beside(top: &Path, mut order: Order) -> io::Result<String> {
    let (id, path) = free_name(top, &order.id)?;
    order.note = rename_note(&order.id, order.note.take());
    order.id = id;
    order.format = crate::domain::format::for_list(order.list.is_some());
    create(&path, &store::to_ron(&order))?;
    Ok(format!("{}.ron", order.id))
}

fn keep_quote_beside(top: &Path, mut quote: crate::domain::quote::Quote) -> io::Result<String> {
    let dir = top.join(store::QUOTES_DIR);
    let (id, path) = free_name(&dir, &quote.id)?;
    quote.note = rename_note(&quote.id, quote.note.take());
    quote.id = id;
    quote.format = quote.file_format();
    create(&path, &store::to_ron(&quote))?;
    Ok(format!("{}/{}.ron", store::QUOTES_DIR, quote.id))
}

fn keep_customer_beside(top: &Path, name: &str, ours: &[u8]) -> io::Result<String> {
    let dir = top.join(store::CUSTOMERS_DIR);
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("customer");
    let (stem, path) = free_name(&dir, stem)?;
    create(&path, &String::from_utf8_lossy(ours))?;
    Ok(format!("{}/{stem}.ron", store::CUSTOMERS_DIR))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sync reads the code, never the words: every outcome's line reads back as its own
    /// code and path, whatever the words say (a reason that itself reads "two desks made…"
    /// or "conflicted: …" included).
    #[test]
    fn every_outcome_reads_back_as_its_code() {
        let outcomes = [
            Outcome::Merged {
                needs_decision: false,
            },
            Outcome::Merged {
                needs_decision: true,
            },
            Outcome::KeptBoth {
                renamed: "20261126-090503-k7q2-2.ron".into(),
            },
            Outcome::Conflicted("two desks made: a forged reason".into()),
            Outcome::Conflicted("conflicted: merged, kept-both".into()),
        ];
        for outcome in outcomes {
            let line = outcome.report("quotes/Q-20261126-090503-k7q2.ron");
            let told = parse_report(&line).unwrap_or_else(|| panic!("unread: {line}"));
            assert_eq!(told.code, outcome.code(), "{line}");
            assert_eq!(told.path, "quotes/Q-20261126-090503-k7q2.ron");
        }
        assert_eq!(
            parse_report("order-desk merge: 20261126.ron: conflicted: old wording"),
            None
        );
        assert_eq!(
            parse_report("CONFLICT (content): Merge conflict in x.ron"),
            None
        );
    }
}
