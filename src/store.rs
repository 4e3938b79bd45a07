//! The order store: one pretty RON file per order in a folder, written so nothing is lost.
//!
//! - Every write goes to a temp file in the same folder, is fsynced, renamed into place
//!   and the folder fsynced, so a kill mid-save leaves the old file or the new one.
//! - New orders are claimed with a no-clobber link under the folder's lock file, so two
//!   desks saving at once never reuse an id or overwrite each other.
//! - A status change re-reads the file under the lock and refuses if another desk changed
//!   it since the caller loaded it.
//! - A damaged file is reported with its path and line:column and never rewritten or
//!   deleted; every other order still loads.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;
use rayon::prelude::*;
use serde::Serialize;

use crate::cart::Cart;
use crate::order::Order;
use crate::order_id::{self, IdError};
use crate::rules::{Refusal, Transition};
use crate::summary::{self, OrderSummary};
use crate::summary_cache::{self, Stamp};

/// An order file larger than this is refused unread: real orders are a few KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The lock file that serialises writers in one folder.
pub const LOCK_FILE: &str = ".order-desk.lock";
/// The extension of order files; anything else in the folder is ignored.
pub const EXTENSION: &str = "ron";

/// What went wrong in the store, each a sentence a rep can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(
        "{path}:{line}:{column}: {message} (the file was left untouched: fix it by hand or restore it from a backup)"
    )]
    Damaged {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("no order '{id}' in {dir}: check the id with `order-desk orders`")]
    NotFound { id: String, dir: PathBuf },
    #[error(
        "order {id} was changed by another desk since you loaded it (now revision {found}, last change by {by}); nothing was saved: reload it and try again"
    )]
    Conflict {
        id: String,
        expected: u32,
        found: u32,
        by: String,
    },
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    BadId(#[from] IdError),
}

impl StoreError {
    fn io(action: &'static str, path: &Path, source: io::Error) -> StoreError {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A file that could not be read as an order, and why.
#[derive(Debug)]
pub struct DamagedFile {
    pub path: PathBuf,
    pub error: StoreError,
}

/// Everything found in the orders folder.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Orders, newest first.
    pub orders: Vec<Order>,
    /// Files that are not valid orders, by path.
    pub damaged: Vec<DamagedFile>,
}

/// The orders folder.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The last id base and attempt used by this process, so a burst of saves in one
    /// second does not probe every taken suffix again.
    last_claim: Mutex<(String, u32)>,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Store {
    /// A store over `dir`; the folder is created on the first save.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            last_claim: Mutex::new((String::new(), 0)),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file an order id lives in.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{EXTENSION}"))
    }

    fn ensure_dir(&self) -> Result<(), StoreError> {
        fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io("create the orders folder", &self.dir, e))
    }

    /// Takes the folder's writer lock; released when the guard drops.
    fn lock(&self) -> Result<File, StoreError> {
        self.ensure_dir()?;
        let path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io("open the lock file", &path, e))?;
        file.lock().map_err(|e| StoreError::io("lock", &path, e))?;
        Ok(file)
    }

    /// Saves a new order under a fresh id made from its creation time and the desk tag.
    /// The order's `id` is replaced by the id it was saved under.
    pub fn save_new(&self, mut order: Order, desk: &str) -> Result<Order, StoreError> {
        let _lock = self.lock()?;
        let base = order_id::make(order.created_at, desk, 1);
        let mut attempt = {
            let last = self.last_claim.lock().unwrap_or_else(|e| e.into_inner());
            if last.0 == base { last.1 + 1 } else { 1 }
        };
        loop {
            order.id = order_id::make(order.created_at, desk, attempt);
            // Under the lock a taken id is seen before paying for a write; the no-clobber
            // link below still guards against a writer that does not take the lock.
            if self.path_of(&order.id).exists() {
                attempt += 1;
                continue;
            }
            let bytes = to_ron(&order);
            match write_atomic(&self.dir, &self.path_of(&order.id), bytes.as_bytes(), true) {
                Ok(()) => break,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => attempt += 1,
                Err(e) => return Err(StoreError::io("save", &self.path_of(&order.id), e)),
            }
        }
        *self.last_claim.lock().unwrap_or_else(|e| e.into_inner()) = (base, attempt);
        Ok(order)
    }

    /// Reads one order by id.
    pub fn load(&self, id: &str) -> Result<Order, StoreError> {
        order_id::validate(id)?;
        let path = self.path_of(id);
        match fs::metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(StoreError::NotFound {
                id: id.to_string(),
                dir: self.dir.clone(),
            }),
            _ => read_order(&path),
        }
    }

    /// Moves an order to a new status if the rules allow it, re-reading the file under the
    /// lock. With `expected_revision`, refuses if another desk saved a change since.
    pub fn transition(
        &self,
        id: &str,
        expected_revision: Option<u32>,
        action: Transition,
        by: &str,
        note: Option<String>,
        now: Timestamp,
    ) -> Result<Order, StoreError> {
        order_id::validate(id)?;
        let _lock = self.lock()?;
        let mut order = self.load(id)?;
        if let Some(expected) = expected_revision
            && expected != order.revision
        {
            return Err(StoreError::Conflict {
                id: id.to_string(),
                expected,
                found: order.revision,
                by: order
                    .history
                    .last()
                    .map(|c| c.by.clone())
                    .unwrap_or_default(),
            });
        }
        order.apply(action, by, note, now)?;
        let path = self.path_of(id);
        write_atomic(&self.dir, &path, to_ron(&order).as_bytes(), false)
            .map_err(|e| StoreError::io("save", &path, e))?;
        Ok(order)
    }

    /// The order files in the folder (`*.ron`, not hidden); temp files and others are skipped.
    pub fn order_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        Ok(self
            .order_file_ids()?
            .iter()
            .map(|id| self.path_of(id))
            .collect())
    }

    /// The names of the order files without `.ron`: the ids they should hold. Names only,
    /// since at 100,000 files a full path each is memory a load does not need.
    fn order_file_ids(&self) -> Result<Vec<String>, StoreError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("list", &self.dir, e)),
        };
        let mut ids = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list", &self.dir, e))?;
            let Ok(mut name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') || !name.ends_with(".ron") {
                continue;
            }
            name.truncate(name.len() - ".ron".len());
            ids.push(name);
        }
        Ok(ids)
    }

    /// Loads every order in parallel. Damaged files are reported, never skipped silently.
    pub fn load_all(&self) -> Result<LoadReport, StoreError> {
        self.load_all_with(&|_, _| {})
    }

    /// Like [`Store::load_all`], calling `progress(done, total)` as files are read.
    pub fn load_all_with(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<LoadReport, StoreError> {
        let files = self.order_files()?;
        let total = files.len();
        let done = AtomicU64::new(0);
        let results: Vec<Result<Order, DamagedFile>> = files
            .into_par_iter()
            .map(|path| {
                let result = read_order(&path).map_err(|error| DamagedFile { path, error });
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(1024) || n as usize == total {
                    progress(n as usize, total);
                }
                result
            })
            .collect();
        let mut report = LoadReport::default();
        for r in results {
            match r {
                Ok(order) => report.orders.push(order),
                Err(d) => report.damaged.push(d),
            }
        }
        sort_newest_first(&mut report.orders);
        report.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }

    /// Loads a summary of every order, in parallel, reusing the summary cache for files
    /// that have not changed since it was written. Damaged files are reported, never
    /// skipped silently. `progress(done, total)` is called as files are handled.
    pub fn load_summaries_with(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<SummaryReport, StoreError> {
        self.load_summaries_at(Timestamp::now(), progress)
    }

    /// [`Store::load_summaries_with`] with the clock passed in: files changed within a few
    /// seconds before `started` are parsed but not cached.
    ///
    /// Memory matters at 100,000 orders, so the work is laid out to hold one copy of the
    /// book: stamps are taken in parallel, cached summaries are moved (not copied) into the
    /// result in one ordered pass over the sorted listing and the id-sorted cache, only
    /// changed files are parsed, and the cache is written straight from the result.
    pub fn load_summaries_at(
        &self,
        started: Timestamp,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<SummaryReport, StoreError> {
        // The files by id (their name without `.ron`), sorted like the cache.
        let mut files = self.order_file_ids()?;
        files.sort_unstable();
        let total = files.len();
        let stamps: Vec<Option<Stamp>> = files
            .par_iter()
            .map(|id| fs::metadata(self.path_of(id)).ok().map(|m| Stamp::of(&m)))
            .collect();

        let mut report = SummaryReport {
            orders: Vec::with_capacity(total),
            ..SummaryReport::default()
        };
        let mut to_parse = Vec::new();
        let mut cache = summary_cache::read(&self.dir).peekable();
        let mut cache_had_others = false;
        for (id, stamp) in files.into_iter().zip(stamps) {
            while cache.next_if(|e| e.id < id).is_some() {
                cache_had_others = true;
            }
            let hit = cache
                .next_if(|e| e.id == id)
                .filter(|e| Some(e.stamp) == stamp)
                .and_then(summary_cache::Entry::into_summary);
            match hit {
                Some(summary) => report.orders.push(summary),
                None => to_parse.push(id),
            }
        }
        cache_had_others |= cache.next().is_some();
        drop(cache);
        report.from_cache = report.orders.len();
        progress(report.from_cache, total);

        for result in self.read_summaries(to_parse, started, report.from_cache, total, progress) {
            match result {
                Ok(summary) => {
                    report.parsed += 1;
                    report.orders.push(summary);
                }
                Err((_, damaged)) => report.damaged.push(damaged),
            }
        }
        if cache_had_others || report.parsed > 0 {
            // A cache that cannot be written only makes the next start slower.
            let _ = summary_cache::write(&self.dir, &report.orders, started);
        }
        summary::sort_newest_first(&mut report.orders);
        report.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }

    /// What changed in the folder since a book was loaded whose files had the stamps in
    /// `known` (order id, stamp of the file its summary came from; `None` to have it read
    /// again). Only new files and files whose stamp differs are read; damaged files are not
    /// in `known`, so they are read on every call (there are few, and a fixed one must come
    /// back as an order). `progress(done, total)` is called as files are handled.
    ///
    /// The summary cache is not rewritten here: that needs the whole book, which the caller
    /// holds and this call must not copy. The next start reads what changed since the cache
    /// was written, which is no more than this call read, and rewrites it then.
    pub fn changes_since(
        &self,
        known: &Known,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Delta, StoreError> {
        self.changes_since_at(known, Timestamp::now(), progress)
    }

    /// [`Store::changes_since`] with the clock passed in: files changed within a few seconds
    /// before `started` come back without a stamp, so the next call reads them again.
    pub fn changes_since_at(
        &self,
        known: &Known,
        started: Timestamp,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Delta, StoreError> {
        let mut files = self.order_file_ids()?;
        files.sort_unstable();
        let total = files.len();
        let stamps: Vec<Option<Stamp>> = files
            .par_iter()
            .map(|id| fs::metadata(self.path_of(id)).ok().map(|m| Stamp::of(&m)))
            .collect();
        // Positions into `known` in id order, to walk beside the sorted listing.
        let mut by_id: Vec<u32> = (0..known.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| known.id(a).cmp(known.id(b)));
        by_id.dedup_by(|a, b| known.id(*a) == known.id(*b));
        let mut known_iter = by_id.iter().copied().peekable();

        let mut delta = Delta::default();
        let mut to_parse = Vec::new();
        for (id, stamp) in files.into_iter().zip(stamps) {
            while let Some(gone) = known_iter.next_if(|&k| known.id(k) < id.as_str()) {
                delta.removed.push(known.id(gone).to_string());
            }
            match known_iter.next_if(|&k| known.id(k) == id) {
                Some(k) if known.stamp(k).is_some() && known.stamp(k) == stamp => {}
                _ => to_parse.push(id),
            }
        }
        delta
            .removed
            .extend(known_iter.map(|gone| known.id(gone).to_string()));
        let unchanged = total - to_parse.len();
        progress(unchanged, total);

        for result in self.read_summaries(to_parse, started, unchanged, total, progress) {
            delta.read += 1;
            match result {
                Ok(summary) => delta.changed.push(summary),
                Err((id, damaged)) => {
                    // A known order whose file no longer reads as one leaves the book; a
                    // file never known was not in it.
                    let was_known = by_id
                        .binary_search_by(|&i| known.id(i).cmp(id.as_str()))
                        .is_ok();
                    if was_known {
                        delta.removed.push(id);
                    }
                    delta.damaged.push(damaged);
                }
            }
        }
        delta.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(delta)
    }

    /// Reads the files of `ids` in parallel into summaries stamped with the version read
    /// (no stamp if it changed moments before `started`), or damaged files with their id.
    /// Progress counts on from `done` out of `total`.
    fn read_summaries(
        &self,
        ids: Vec<String>,
        started: Timestamp,
        done: usize,
        total: usize,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Vec<Result<OrderSummary, (String, DamagedFile)>> {
        let done = AtomicU64::new(done as u64);
        ids.into_par_iter()
            .map(|id| {
                let path = self.path_of(&id);
                let result = match read_order_stamped(&path) {
                    Ok((order, stamp)) => {
                        let mut summary = OrderSummary::of(&order);
                        summary.stamp = (!stamp.is_racy(started)).then_some(stamp);
                        Ok(summary)
                    }
                    Err(error) => Err((id, DamagedFile { path, error })),
                };
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(1024) || n as usize == total {
                    progress(n as usize, total);
                }
                result
            })
            .collect()
    }

    fn cart_path(&self, desk: &str) -> PathBuf {
        self.dir.join(format!(".cart-{desk}.ron"))
    }

    /// Saves the desk's cart draft atomically (it survives a quit, a crash or a closed terminal).
    pub fn save_cart(&self, desk: &str, cart: &Cart) -> Result<(), StoreError> {
        self.ensure_dir()?;
        let path = self.cart_path(desk);
        write_atomic(&self.dir, &path, to_ron(cart).as_bytes(), false)
            .map_err(|e| StoreError::io("save the cart draft", &path, e))
    }

    /// Loads the desk's cart draft. A damaged draft is moved aside (never deleted) and
    /// reported, and an empty cart is returned in its place.
    pub fn load_cart(&self, desk: &str) -> (Cart, Option<String>) {
        let path = self.cart_path(desk);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (Cart::default(), None),
            Err(e) => {
                return (
                    Cart::default(),
                    Some(format!(
                        "cannot read the cart draft {}: {e}",
                        path.display()
                    )),
                );
            }
        };
        match ron::from_str::<Cart>(&text) {
            Ok(cart) => (cart, None),
            Err(e) => {
                let aside =
                    path.with_extension(format!("ron.damaged-{}", Timestamp::now().as_second()));
                let moved = fs::rename(&path, &aside).is_ok();
                (
                    Cart::default(),
                    Some(format!(
                        "the cart draft {}:{}:{} was damaged ({}); {} and started an empty cart",
                        path.display(),
                        e.span.start.line,
                        e.span.start.col,
                        e.code,
                        if moved {
                            format!("kept it as {}", aside.display())
                        } else {
                            "left it in place".into()
                        }
                    )),
                )
            }
        }
    }
}

/// Summaries of everything found in the orders folder.
#[derive(Debug, Default)]
pub struct SummaryReport {
    /// Orders, newest first.
    pub orders: Vec<OrderSummary>,
    /// Files that are not valid orders, by path.
    pub damaged: Vec<DamagedFile>,
    /// How many summaries came from the cache and how many files were parsed.
    pub from_cache: usize,
    pub parsed: usize,
}

/// The orders a caller holds, each by id with the stamp of the file it was read from
/// (`None` to have it read again): what [`Store::changes_since`] compares the folder with.
/// The ids share one buffer, so listing 100,000 orders is one copy of their text rather
/// than 100,000 small allocations on the caller's thread.
#[derive(Debug, Clone, Default)]
pub struct Known {
    ids: String,
    /// Per order: where its id ends in `ids` (it starts where the previous one ends), and
    /// its file's stamp.
    entries: Vec<(u32, Option<Stamp>)>,
}

impl Known {
    pub fn with_capacity(orders: usize) -> Known {
        Known {
            // Ids are about 20-25 bytes.
            ids: String::with_capacity(orders * 24),
            entries: Vec::with_capacity(orders),
        }
    }

    pub fn push(&mut self, id: &str, stamp: Option<Stamp>) {
        self.ids.push_str(id);
        let end = u32::try_from(self.ids.len()).expect("ids fit in 4 GiB");
        self.entries.push((end, stamp));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn id(&self, at: u32) -> &str {
        let at = at as usize;
        let start = match at {
            0 => 0,
            _ => self.entries[at - 1].0 as usize,
        };
        &self.ids[start..self.entries[at].0 as usize]
    }

    fn stamp(&self, at: u32) -> Option<Stamp> {
        self.entries[at as usize].1
    }
}

impl<'a> FromIterator<(&'a str, Option<Stamp>)> for Known {
    fn from_iter<I: IntoIterator<Item = (&'a str, Option<Stamp>)>>(iter: I) -> Known {
        let iter = iter.into_iter();
        let mut known = Known::with_capacity(iter.size_hint().0);
        for (id, stamp) in iter {
            known.push(id, stamp);
        }
        known
    }
}

/// What changed in the orders folder since a book was loaded: see [`Store::changes_since`].
#[derive(Debug, Default)]
pub struct Delta {
    /// Summaries of new files and of files that changed, in no particular order.
    pub changed: Vec<OrderSummary>,
    /// Known orders that are gone from the folder or whose file no longer reads as an order.
    pub removed: Vec<String>,
    /// Every damaged file now in the folder (not only new ones), by path.
    pub damaged: Vec<DamagedFile>,
    /// How many files were read (the rest were unchanged).
    pub read: usize,
}

/// Orders newest first, ties broken by id so the order is stable.
pub fn sort_newest_first(orders: &mut [Order]) {
    orders.sort_unstable_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| b.id.cmp(&a.id))
    });
}

/// The pretty, hand-readable RON form of an order or cart.
pub fn to_ron<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .new_line("\n".to_string());
    let mut text = ron::ser::to_string_pretty(value, config).expect("orders always serialise");
    text.push('\n');
    text
}

/// Reads and checks one order file.
pub fn read_order(path: &Path) -> Result<Order, StoreError> {
    read_order_stamped(path).map(|(order, _)| order)
}

/// Reads one order file with the stamp of the very version that was read.
pub fn read_order_stamped(path: &Path) -> Result<(Order, Stamp), StoreError> {
    let mut file = File::open(path).map_err(|e| StoreError::io("open", path, e))?;
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io("read", path, e))?;
    let len = meta.len();
    if len > MAX_FILE_BYTES {
        return Err(damaged(
            path,
            1,
            1,
            format!(
                "file is {:.1} MB; an order file is at most {} KiB, so this is not an order",
                len as f64 / 1_000_000.0,
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read", path, e))?;
    Ok((parse_order(path, &bytes)?, Stamp::of(&meta)))
}

/// Parses order file bytes, reporting any fault with line:column.
pub fn parse_order(path: &Path, bytes: &[u8]) -> Result<Order, StoreError> {
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Err(damaged(
            path,
            1,
            1,
            "file starts with a byte-order mark; save it as UTF-8 without BOM".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = position(bytes, e.valid_up_to());
            return Err(damaged(path, line, column, "invalid UTF-8".into()));
        }
    };
    if text.trim().is_empty() {
        return Err(damaged(path, 1, 1, "file is empty".into()));
    }
    let order: Order = ron::from_str(text).map_err(|e| {
        damaged(
            path,
            e.span.start.line,
            e.span.start.col,
            e.code.to_string(),
        )
    })?;
    if let Err((field, message)) = order.check_integrity() {
        let (line, column) = field_position(text, field);
        return Err(damaged(path, line, column, message));
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if stem != order.id {
        let (line, column) = field_position(text, "id");
        return Err(damaged(
            path,
            line,
            column,
            format!(
                "the file is named {stem} but holds order {}; rename it to {}.ron",
                order.id, order.id
            ),
        ));
    }
    Ok(order)
}

fn damaged(path: &Path, line: usize, column: usize, message: String) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// 1-based line and column of a byte offset.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (
        line,
        String::from_utf8_lossy(&before[start..]).chars().count() + 1,
    )
}

/// Where a field is written in the file, so a semantic fault still points at a line.
fn field_position(text: &str, field: &str) -> (usize, usize) {
    let key = format!("{field}:");
    for (i, line) in text.lines().enumerate() {
        if let Some(col) = line.find(&key)
            && line[..col].trim().is_empty()
        {
            return (i + 1, col + 1);
        }
    }
    (1, 1)
}

/// Writes `bytes` to `path` atomically and durably. With `no_clobber`, fails with
/// `AlreadyExists` instead of replacing an existing file.
fn write_atomic(dir: &Path, path: &Path, bytes: &[u8], no_clobber: bool) -> io::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("order");
    let tmp = dir.join(format!(
        ".tmp-{}-{}-{name}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if no_clobber {
            match fs::hard_link(&tmp, path) {
                Ok(()) => fs::remove_file(&tmp)?,
                // Filesystems without hard links: the caller holds the folder lock, so a
                // check then rename cannot race another desk using the lock.
                Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                    if path.exists() {
                        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
                    }
                    fs::rename(&tmp, path)?;
                }
                Err(e) => return Err(e),
            }
        } else {
            fs::rename(&tmp, path)?;
        }
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::Cart;
    use crate::catalog::{Catalog, Region};
    use crate::order::{CheckoutForm, checkout};

    pub(crate) fn new_order(customer: &str, at: &str) -> Order {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&c, "deploy-standard", 3).unwrap();
        let form = CheckoutForm {
            customer: customer.into(),
            rep: "lee".into(),
            ..Default::default()
        };
        checkout(&cart, &c, &form, String::new(), at.parse().unwrap()).unwrap()
    }

    #[test]
    fn saves_round_trip_and_same_second_ids_differ() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("orders"));
        let a = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        let b = store
            .save_new(new_order("B", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        assert_eq!(a.id, "20261126-100000-desk");
        assert_eq!(b.id, "20261126-100000-desk-2");
        // A second process (a fresh store) starts probing from 1 and still finds a free id.
        let c = Store::new(store.dir())
            .save_new(new_order("C", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        assert_eq!(c.id, "20261126-100000-desk-3");
        assert_eq!(store.load(&a.id).unwrap(), a);
        let report = store.load_all().unwrap();
        assert_eq!(report.orders.len(), 3);
        assert!(report.damaged.is_empty());
        let text = fs::read_to_string(store.path_of(&a.id)).unwrap();
        assert!(text.contains("unit_price: \"30000.00\""), "{text}");
        assert!(text.contains("customer: \"A\""), "{text}");
    }

    #[test]
    fn stale_revision_is_a_conflict_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let a = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        let now: Timestamp = "2026-11-26T11:00:00Z".parse().unwrap();
        store
            .transition(&a.id, Some(1), Transition::StartDelivery, "x", None, now)
            .unwrap();
        let before = fs::read(store.path_of(&a.id)).unwrap();
        let err = store
            .transition(&a.id, Some(1), Transition::MarkDelivered, "y", None, now)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Conflict { found: 2, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("changed by another desk"));
        let err = store
            .transition(&a.id, None, Transition::Refund, "y", None, now)
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Refund not allowed: delivery started"),
            "{err}"
        );
        assert_eq!(fs::read(store.path_of(&a.id)).unwrap(), before);
    }

    #[test]
    fn typed_ids_are_checked_before_touching_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        assert!(matches!(
            store.load("../etc/passwd"),
            Err(StoreError::BadId(_))
        ));
        assert!(matches!(
            store.load("nope"),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn cart_draft_survives_and_a_damaged_one_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc2);
        cart.add(&c, "impl-basic", 2).unwrap();
        store.save_cart("desk", &cart).unwrap();
        assert_eq!(store.load_cart("desk"), (cart, None));
        fs::write(store.cart_path("desk"), "Cart(region: mars").unwrap();
        let (cart, msg) = store.load_cart("desk");
        assert!(cart.is_empty());
        assert!(msg.unwrap().contains("kept it as"));
        let kept = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("damaged")
            })
            .count();
        assert_eq!(kept, 1);
        assert!(store.load_all().unwrap().orders.is_empty());
    }
}
