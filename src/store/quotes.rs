//! Quotes on disk: one RON file per quote in `quotes/` under the orders folder, written
//! and read with the same care as orders.
//!
//! - A new quote claims its id with a no-clobber link under the folder's lock.
//! - Accepting re-reads the quote under the lock, asks [`Quote::check_open`], saves the
//!   order at the quoted prices and then rewrites the quote as accepted with the order's
//!   id, all under the one lock: two desks accepting at once place one order. (A kill
//!   between the two writes leaves the order saved and the quote open; the order names
//!   the quote, so `quote show` can tell — see the README's limits.)
//! - Only regular files are read, capped; a damaged file is reported with
//!   path:line:column and left untouched; `quotes/` must be a real folder, never a link.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::parse::parse_ron_file;
use super::{
    DamagedFile, EXTENSION, MAX_FILE_BYTES, Store, StoreError, files, to_ron, write_atomic,
};
use crate::order::Order;
use crate::quote::{self, ID_PREFIX, Quote, QuoteStatus};

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
                match fs::create_dir(&dir) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(StoreError::io("create the quotes folder", &dir, e)),
                }
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
                crate::order_id::make(q.created_at, desk, attempt)
            );
            let path = self.quote_path(&q.id);
            if fs::symlink_metadata(&path).is_ok() {
                continue;
            }
            match write_atomic(&dir, &path, to_ron(&q).as_bytes(), true, None) {
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
            _ => read_quote(&path),
        }
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
                Ok(q) => book.quotes.push(q),
                Err(error) => book.damaged.push(DamagedFile { path, error }),
            }
        }
        book.quotes
            .sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        Ok(book)
    }

    /// Accepts an open, unlapsed quote: places the order at the quoted prices and marks
    /// the quote accepted with the order's id. Returns the order.
    pub fn accept_quote(
        &self,
        id: &str,
        by: &str,
        desk: &str,
        now: Timestamp,
    ) -> Result<Order, StoreError> {
        quote::validate_id(id).map_err(StoreError::BadQuoteId)?;
        let _lock = self.lock()?;
        let mut q = self.load_quote(id)?;
        q.check_open(crate::order::local_date(now))?;
        let order = self.save_new_locked(q.to_order(now, by), desk)?;
        q.status = QuoteStatus::Accepted {
            order: order.id.clone(),
            at: now,
            by: by.to_string(),
        };
        self.rewrite_quote(&q)?;
        Ok(order)
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
        match q.check_open(crate::order::local_date(now)) {
            Ok(()) | Err(quote::QuoteRefusal::Lapsed { .. }) => {}
            Err(refusal) => return Err(refusal.into()),
        }
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
        q.format = crate::format::CURRENT;
        let q = &q;
        let path = self.quote_path(&q.id);
        let old = fs::symlink_metadata(&path).map_err(|e| StoreError::io("read", &path, e))?;
        write_atomic(
            &self.quotes_dir(),
            &path,
            to_ron(q).as_bytes(),
            false,
            Some(&old),
        )
        .map_err(|e| StoreError::io("save", &path, e))
    }
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
