//! Quotes on disk: one RON file per quote in `quotes/` under the orders folder, written
//! and read with the same care as orders.
//!
//! - A new quote claims its id with a no-clobber link under the folder's lock.
//! - Accepting re-reads the quote under the lock, asks [`Quote::check_open`], saves the
//!   order at the quoted prices and then rewrites the quote as accepted with the order's
//!   id, all under the one lock: two desks accepting at once place one order.
//! - Accepting survives a kill: the quote records the order id it claims before the
//!   order is written, and the order names the quote. A quote left open with such a
//!   claim whose order exists reads as accepted by that order, and accepting it again
//!   completes the link and returns that order instead of placing a second one.
//! - Only regular files are read, capped; a damaged file is reported with
//!   path:line:column and left untouched; `quotes/` must be a real folder, never a link.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::parse::parse_ron_file;
use super::{
    Access, DamagedFile, EXTENSION, MAX_FILE_BYTES, Store, StoreError, files, to_ron, write_atomic,
};
use crate::domain::order::Order;
use crate::domain::quote::{self, ID_PREFIX, Quote, QuoteStatus};

/// The subfolder of the orders folder that holds quotes.
pub const QUOTES_DIR: &str = "quotes";

/// What reading the quotes folder found.
#[derive(Debug, Default)]
pub struct QuoteBook {
    /// Readable quotes, newest first.
    pub quotes: Vec<Quote>,
    pub damaged: Vec<DamagedFile>,
}

impl Store {
    pub fn quotes_dir(&self) -> PathBuf {
        self.dir().join(QUOTES_DIR)
    }

    /// The file quote `id` is (or would be) saved in.
    pub fn quote_file(&self, id: &str) -> PathBuf {
        self.quote_path(id)
    }

    fn quote_path(&self, id: &str) -> PathBuf {
        self.quotes_dir().join(format!("{id}.{EXTENSION}"))
    }

    /// The quotes folder, checked to be a real folder; created when `create`.
    fn checked_quotes_dir(&self, create: bool) -> Result<Option<PathBuf>, StoreError> {
        let dir = self.quotes_dir();
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => Ok(Some(dir)),
            Ok(meta) => Err(StoreError::NotRegular {
                path: dir,
                kind: files::irregular_kind(&meta).unwrap_or("not a folder"),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
                files::create_dir_following(&dir)
                    .map_err(|e| StoreError::io("create the quotes folder", &dir, e))?;
                self.checked_quotes_dir(false)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io("open", &dir, e)),
        }
    }

    /// Saves a new quote under a fresh id and returns it with that id.
    pub fn save_new_quote(&self, mut q: Quote, desk: &str) -> Result<Quote, StoreError> {
        let _lock = self.lock()?;
        let dir = self
            .checked_quotes_dir(true)?
            .unwrap_or_else(|| self.quotes_dir());
        for attempt in 1..=1000u32 {
            q.id = format!(
                "{ID_PREFIX}{}",
                crate::domain::order_id::make(q.created_at, desk, attempt)
            );
            let path = self.quote_path(&q.id);
            if fs::symlink_metadata(&path).is_ok() {
                continue;
            }
            match write_atomic(&dir, &path, to_ron(&q).as_bytes(), true, Access::Folder) {
                Ok(()) => return Ok(q),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("save", &path, e)),
            }
        }
        Err(StoreError::io(
            "save",
            &dir,
            io::Error::other("every quote id for this second is taken"),
        ))
    }

    /// Reads one quote by id.
    pub fn load_quote(&self, id: &str) -> Result<Quote, StoreError> {
        quote::validate_id(id).map_err(StoreError::BadQuoteId)?;
        let path = self.quote_path(id);
        let missing = || StoreError::QuoteNotFound {
            id: id.to_string(),
            dir: self.quotes_dir(),
        };
        if self.checked_quotes_dir(false)?.is_none() {
            return Err(missing());
        }
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(missing()),
            _ => Ok(self.as_completed(read_quote(&path)?)),
        }
    }

    /// The order an interrupted acceptance of `q` saved, if there is one: the quote is
    /// open, names the order it claimed, and that order's file names the quote.
    fn interrupted_acceptance(&self, q: &Quote) -> Option<Order> {
        let claimed = q.accepting.as_deref()?;
        if q.status != QuoteStatus::Open {
            return None;
        }
        self.load(claimed)
            .ok()
            .filter(|order| order.quote.as_deref() == Some(q.id.as_str()))
    }

    /// `q` as it stands: an acceptance cut short after its order was saved reads as
    /// accepted by that order (the file is completed by the next accept).
    fn as_completed(&self, mut q: Quote) -> Quote {
        if let Some(order) = self.interrupted_acceptance(&q) {
            q.status = QuoteStatus::Accepted {
                order: order.id,
                at: order.created_at,
                by: order.rep,
            };
            q.accepting = None;
        }
        q
    }

    /// Every quote, newest first; damaged files are listed, never skipped silently.
    pub fn load_quotes(&self) -> Result<QuoteBook, StoreError> {
        let mut book = QuoteBook::default();
        let Some(dir) = self.checked_quotes_dir(false)? else {
            return Ok(book);
        };
        let entries = fs::read_dir(&dir).map_err(|e| StoreError::io("list", &dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list", &dir, e))?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') || !name.ends_with(&format!(".{EXTENSION}")) {
                continue;
            }
            let path = dir.join(&name);
            match read_quote(&path) {
                Ok(q) => book.quotes.push(self.as_completed(q)),
                Err(error) => book.damaged.push(DamagedFile { path, error }),
            }
        }
        book.quotes
            .sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        Ok(book)
    }

    /// Accepts an open, unlapsed quote: places the order at the quoted prices and marks
    /// the quote accepted with the order's id. Returns the order. An acceptance cut short
    /// after its order was saved is completed: the quote is linked to that order, and no
    /// second order is placed.
    pub fn accept_quote(
        &self,
        id: &str,
        by: &str,
        desk: &str,
        now: Timestamp,
    ) -> Result<Order, StoreError> {
        self.accept_quote_until(id, by, desk, now, AcceptStep::Whole)
    }

    /// [`Store::accept_quote`], stopping after `step` as a kill would (for the tests).
    #[doc(hidden)]
    pub fn accept_quote_until(
        &self,
        id: &str,
        by: &str,
        desk: &str,
        now: Timestamp,
        step: AcceptStep,
    ) -> Result<Order, StoreError> {
        quote::validate_id(id).map_err(StoreError::BadQuoteId)?;
        let _lock = self.lock()?;
        let path = self.quote_path(id);
        if self.checked_quotes_dir(false)?.is_none() || fs::symlink_metadata(&path).is_err() {
            return Err(StoreError::QuoteNotFound {
                id: id.to_string(),
                dir: self.quotes_dir(),
            });
        }
        let mut q = read_quote(&path)?;
        if let Some(order) = self.interrupted_acceptance(&q) {
            self.link(&mut q, &order)?;
            return Ok(order);
        }
        q.check_open(crate::domain::order::local_date(now))?;
        self.not_revised(&q)?;
        let mut order = q.to_order(now, by);
        // The claim is written first: whatever happens after, the order's id is known.
        order.id = self.free_order_id(now, desk);
        q.accepting = Some(order.id.clone());
        self.rewrite_quote(&q)?;
        let order = self.save_claimed_locked(order)?;
        if step == AcceptStep::OrderSaved {
            return Ok(order);
        }
        self.link(&mut q, &order)?;
        Ok(order)
    }

    /// Marks `q` accepted by `order` and clears its claim (the caller holds the lock).
    fn link(&self, q: &mut Quote, order: &Order) -> Result<(), StoreError> {
        q.status = QuoteStatus::Accepted {
            order: order.id.clone(),
            at: order.created_at,
            by: order.rep.clone(),
        };
        q.accepting = None;
        self.rewrite_quote(q)
    }

    /// A quote whose next revision's file exists was revised, even if a kill came
    /// between saving the revision and marking this one superseded: it is not accepted,
    /// declined or revised again.
    fn not_revised(&self, q: &Quote) -> Result<(), StoreError> {
        let (base, n) = crate::domain::order_id::quote_revision(&q.id);
        let next = crate::domain::order_id::quote_revision_id(base, n + 1);
        if fs::symlink_metadata(self.quote_path(&next)).is_ok() {
            return Err(quote::QuoteRefusal::Superseded {
                id: q.id.clone(),
                newer: next,
            }
            .into());
        }
        Ok(())
    }

    /// Saves `revision` (made by [`crate::desk::revise`] from the quote it names) and
    /// marks that quote superseded by it, under the folder's lock. The quote must still be
    /// open and not revised already; the revision's file is written first, so a kill
    /// between the two leaves the earlier quote refusing acceptance (see `not_revised`).
    pub fn save_revision(
        &self,
        revision: Quote,
        by: &str,
        now: Timestamp,
    ) -> Result<Quote, StoreError> {
        let Some(old_id) = revision.revision_of.clone() else {
            return Err(StoreError::BadQuoteId(format!(
                "{} revises no quote",
                revision.id
            )));
        };
        quote::validate_id(&old_id).map_err(StoreError::BadQuoteId)?;
        quote::validate_id(&revision.id).map_err(StoreError::BadQuoteId)?;
        let _lock = self.lock()?;
        let mut old = self.load_quote(&old_id)?;
        old.check_open(crate::domain::order::local_date(now))?;
        self.not_revised(&old)?;
        let dir = self
            .checked_quotes_dir(true)?
            .unwrap_or_else(|| self.quotes_dir());
        let path = self.quote_path(&revision.id);
        write_atomic(
            &dir,
            &path,
            to_ron(&revision).as_bytes(),
            true,
            Access::Folder,
        )
        .map_err(|e| StoreError::io("save", &path, e))?;
        old.status = QuoteStatus::Superseded {
            quote: revision.id.clone(),
            at: now,
            by: by.to_string(),
        };
        self.rewrite_quote(&old)?;
        Ok(revision)
    }

    /// Declines an open quote (a lapsed one too: it is closed either way).
    pub fn decline_quote(
        &self,
        id: &str,
        by: &str,
        reason: Option<String>,
        now: Timestamp,
    ) -> Result<Quote, StoreError> {
        quote::validate_id(id).map_err(StoreError::BadQuoteId)?;
        let _lock = self.lock()?;
        let mut q = self.load_quote(id)?;
        match q.check_open(crate::domain::order::local_date(now)) {
            Ok(()) | Err(quote::QuoteRefusal::Lapsed { .. }) => {}
            Err(refusal) => return Err(refusal.into()),
        }
        self.not_revised(&q)?;
        q.status = QuoteStatus::Declined {
            reason,
            at: now,
            by: by.to_string(),
        };
        self.rewrite_quote(&q)?;
        Ok(q)
    }

    /// Replaces a quote's file (the caller holds the lock), keeping its mode and owner.
    pub(super) fn rewrite_quote(&self, q: &Quote) -> Result<(), StoreError> {
        let mut q = q.clone();
        q.format = q.file_format();
        let q = &q;
        let path = self.quote_path(&q.id);
        let old = fs::symlink_metadata(&path).map_err(|e| StoreError::io("read", &path, e))?;
        write_atomic(
            &self.quotes_dir(),
            &path,
            to_ron(q).as_bytes(),
            false,
            Access::Like(&old),
        )
        .map_err(|e| StoreError::io("save", &path, e))
    }
}

/// Where [`Store::accept_quote_until`] stops.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptStep {
    /// The whole acceptance.
    Whole,
    /// Only up to the order's save, as if the process were killed before the quote is
    /// marked accepted.
    OrderSaved,
}

/// Reads and checks one quote file; the file's name must be its id.
pub fn read_quote(path: &Path) -> Result<Quote, StoreError> {
    let (bytes, _) =
        files::read_regular(path, MAX_FILE_BYTES).map_err(|e| StoreError::read(path, e))?;
    parse_quote(path, &bytes)
}

/// Parses and checks the bytes of a quote file named `path` (its name must be its id).
pub fn parse_quote(path: &Path, bytes: &[u8]) -> Result<Quote, StoreError> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    parse_ron_file(
        path,
        bytes,
        |q: &Quote| q.format,
        |q: &Quote| {
            q.check_integrity()?;
            if q.id != stem {
                return Err((
                    "id",
                    format!("the file is named {stem} but holds quote {}", q.id),
                ));
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::user_dirs::UserDirs;

    fn store(dir: &Path) -> Store {
        Store::with_dirs(dir, UserDirs::default())
    }

    #[test]
    fn reading_never_creates_the_quotes_folder_and_a_missing_quote_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        assert!(s.load_quotes().unwrap().quotes.is_empty());
        assert!(matches!(
            s.load_quote("Q-20261126-120000-test"),
            Err(StoreError::QuoteNotFound { .. })
        ));
        assert!(!s.quotes_dir().exists(), "a read made the folder");
        // With the folder there, an unknown id is still "not found", not a read error.
        std::fs::create_dir(s.quotes_dir()).unwrap();
        assert!(matches!(
            s.load_quote("Q-20261126-120000-test"),
            Err(StoreError::QuoteNotFound { .. })
        ));
        let now: jiff::Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
        assert!(matches!(
            s.accept_quote("Q-20261126-120000-test", "ann", "deskaaaa", now),
            Err(StoreError::QuoteNotFound { .. })
        ));
    }

    #[test]
    fn only_quote_files_are_read_and_an_unreadable_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        std::fs::create_dir(s.quotes_dir()).unwrap();
        std::fs::write(s.quotes_dir().join("readme.txt"), b"notes").unwrap();
        std::fs::write(s.quotes_dir().join(".tmp-x.ron"), b"half").unwrap();
        let book = s.load_quotes().unwrap();
        assert!(
            book.quotes.is_empty() && book.damaged.is_empty(),
            "{book:?}"
        );
        // The orders "folder" is a file: its quotes folder is neither there nor absent.
        let file = dir.path().join("orders");
        std::fs::write(&file, b"not a folder").unwrap();
        assert!(store(&file).load_quotes().is_err());
    }
}
