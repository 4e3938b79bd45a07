//! The order store: one pretty RON file per order in a folder, written so nothing is lost.
//!
//! - Every write goes to a temp file in the same folder, is fsynced, renamed into place
//!   and the folder fsynced, so a kill mid-save leaves the old file or the new one
//!   (`atomic.rs`).
//! - New orders are claimed with a no-clobber link under the folder's lock file, so two
//!   desks saving at once never reuse an id or overwrite each other.
//! - A status change re-reads the file under the lock and refuses if another desk changed
//!   it since the caller loaded it.
//! - A damaged file is reported with its path and line:column and never rewritten or
//!   deleted; every other order still loads.
//! - Every file in the folder may be hostile and the folder may be shared: only regular
//!   files are read, with capped reads (`files.rs`); files are created exclusively, never
//!   through a link; the lock (`lock.rs`) is waited for a bounded time and taken through a
//!   read-only handle; the cache and drafts live in the user's own folders.
//! - A folder shared with a group (set-group-id or group-writable) stays usable by the
//!   whole group whatever each user's umask: the folders and files the desk makes in it
//!   take its group and its group access (`files::follow_dir_group`,
//!   `files::create_dir_following`; the lock only the group's read); the cart draft alone
//!   is the user's (0600).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;

use crate::domain::order::Order;
use crate::domain::order_id::{self, IdError};
use crate::domain::rules::{Refusal, Transition};
use crate::domain::text;
use crate::store::user_dirs::UserDirs;

mod atomic;
pub mod catalog_file;
mod customers;
mod decide;
pub mod desk_tag;
mod draft;
pub mod files;
mod load;
mod lock;
pub use lock::{FolderLock, wait_for_lock};
mod parse;
pub mod pricelists;
mod quotes;
pub mod stamp;
pub mod summary;
pub mod summary_cache;
pub mod summary_lines;
pub mod user_dirs;

pub(crate) use atomic::{Access, write_atomic};

pub use customers::{
    CUSTOMERS_DIR, CustomerBook, MAX_CUSTOMER_BYTES, parse_customer, read_customer,
};
pub use decide::DecideError;
pub use draft::parse_draft;
pub use load::{Delta, Known, LoadReport, SummaryReport};
pub use parse::{parse_order, read_order, read_order_stamped};
pub use quotes::{AcceptStep, QUOTES_DIR, QuoteBook, parse_quote, read_quote};

/// An order file larger than this is refused unread: real orders are a few KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The lock file that serialises writers in one folder.
pub const LOCK_FILE: &str = ".order-desk.lock";
/// Who holds the lock, written by the holder so a waiting desk can say who it waits for.
pub const HOLDER_FILE: &str = ".order-desk.holder";
/// The extension of order files; anything else in the folder is ignored.
pub const EXTENSION: &str = "ron";
/// How long a writer waits for another desk's save before giving up with a message.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// What went wrong in the store, each a sentence a rep can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} {}: {source}", text::path(.path))]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(
        "{}:{line}:{column}: {} (the file was left untouched: fix it by hand or restore it from a backup)",
        text::path(.path), text::clean(.message)
    )]
    Damaged {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{}: written by a newer Order Desk (format {format}): upgrade to read it; the file was left untouched",
        text::path(.path)
    )]
    Newer { path: PathBuf, format: u32 },
    #[error(
        "{}: not a regular file ({kind}); it was skipped and left untouched",
        text::path(.path)
    )]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error(
        "the orders folder {} is busy: {holder} has held its lock for more than {waited} s, so nothing was saved; try again, or ask them to finish (a stopped program holds the lock until it ends)",
        text::path(.dir)
    )]
    Locked {
        dir: PathBuf,
        holder: String,
        waited: u64,
    },
    #[error("no order '{}' in {}: check the id with `order-desk orders`", text::escaped(.id), text::path(.dir))]
    NotFound { id: String, dir: PathBuf },
    #[error(
        "order {id} was changed by another desk since you loaded it (now revision {found}, last change by {}); nothing was saved: reload it and try again",
        text::clean(.by)
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
    /// A customer whose name reads the same ([`crate::domain::customer::name_key`]) is
    /// already in the book: `existing` as the book spells it.
    #[error("{}", customer_exists(.name, .existing, .path))]
    CustomerExists {
        name: String,
        existing: String,
        path: PathBuf,
    },
    /// The customer's file is not what the rep edited: another desk changed (or removed)
    /// it meanwhile.
    #[error("customer {} was changed by another desk since you opened it; nothing was saved: reload (Ctrl-R) and edit again", text::clean(.name))]
    CustomerChanged { name: String },
    #[error("{0}; nothing was changed")]
    QuoteRefused(#[from] crate::domain::quote::QuoteRefusal),
    #[error("no quote '{}' in {}: check the id with `order-desk quotes`", text::escaped(.id), text::path(.dir))]
    QuoteNotFound { id: String, dir: PathBuf },
    #[error("{0}")]
    BadQuoteId(String),
}

/// The sentence for [`StoreError::CustomerExists`]: the same name, or a look-alike shown
/// with its invisible characters so the rep sees why it is the same customer.
fn customer_exists(name: &str, existing: &str, path: &Path) -> String {
    let shown = text::clean(existing);
    let quoted = shown.replace('\'', "'\\''");
    if name.trim() == existing.trim() {
        format!(
            "a customer named '{shown}' is already in the book ({}); nothing was saved: see it with `order-desk customer show '{quoted}'`",
            text::path(path)
        )
    } else {
        format!(
            "'{}' reads the same as '{shown}', a customer already in the book ({}), so nothing was saved: use '{shown}' (see it with `order-desk customer show '{quoted}'`), or give the new customer a name that reads differently",
            text::revealed(name),
            text::path(path)
        )
    }
}

impl StoreError {
    fn io(action: &'static str, path: &Path, source: io::Error) -> StoreError {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The error for a file that could not be read: `NotRegular` for FIFOs, devices and
    /// links, a damaged file for one too large to be ours.
    fn read(path: &Path, e: files::ReadError) -> StoreError {
        use files::ReadError;
        match e {
            ReadError::NotFound => {
                StoreError::io("open", path, io::Error::from(io::ErrorKind::NotFound))
            }
            ReadError::NotRegular(kind) => StoreError::NotRegular {
                path: path.to_path_buf(),
                kind,
            },
            ReadError::TooLarge { limit, size } => StoreError::Damaged {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: match size {
                    Some(size) => format!(
                        "file is {:.1} MB; an order file is at most {} KiB, so this is not an order",
                        size as f64 / 1_000_000.0,
                        limit / 1024
                    ),
                    None => format!(
                        "the file goes on past {} KiB (whatever size it reports), so it is not an order",
                        limit / 1024
                    ),
                },
            },
            ReadError::Io(e) => StoreError::io("read", path, e),
        }
    }
}

/// A file that could not be read as an order, and why.
#[derive(Debug)]
pub struct DamagedFile {
    pub path: PathBuf,
    pub error: StoreError,
}

impl DamagedFile {
    /// A file written by a newer Order Desk: not damage, listed apart from damaged files.
    pub fn is_newer(&self) -> bool {
        matches!(self.error, StoreError::Newer { .. })
    }
}

/// The orders folder.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The user's own folders: the summary cache and cart drafts live there, never in
    /// the orders folder, where anyone sharing it could forge them.
    user: UserDirs,
    /// The last id base and attempt used by this process, so a burst of saves in one
    /// second does not probe every taken suffix again.
    last_claim: Mutex<(String, u32)>,
    /// How long to wait for another desk's lock.
    lock_wait: Duration,
    /// Who this store writes as ("desk k7q2, rep dana"), for the lock's holder file.
    identity: String,
    /// The cart draft this process claimed (see `draft.rs`).
    draft: Mutex<Option<draft::Slot>>,
    /// Whether old temp files were already looked for.
    tidied: AtomicBool,
}

impl Store {
    /// A store over `dir`, keeping its cache and drafts in the user's folders
    /// ([`UserDirs::from_env`]); the folder is created on the first save.
    /// `ORDER_DESK_LOCK_WAIT` (seconds) overrides how long a save waits for the lock.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        let wait = std::env::var("ORDER_DESK_LOCK_WAIT")
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0 && *s < 3600.0)
            .map_or(LOCK_WAIT, Duration::from_secs_f64);
        Store::with_dirs(dir, UserDirs::from_env()).with_lock_wait(wait)
    }

    /// A store over `dir` with the user's folders given (tests use temp folders).
    pub fn with_dirs(dir: impl Into<PathBuf>, user: UserDirs) -> Store {
        Store {
            dir: dir.into(),
            user,
            last_claim: Mutex::new((String::new(), 0)),
            lock_wait: LOCK_WAIT,
            identity: format!("rep {}", crate::login_name()),
            draft: Mutex::new(None),
            tidied: AtomicBool::new(false),
        }
    }

    /// How long a save waits for another desk's lock before it gives up.
    pub fn with_lock_wait(mut self, wait: Duration) -> Store {
        self.lock_wait = wait;
        self
    }

    /// Who saves through this store, told to a desk that waits for the lock.
    pub fn with_identity(mut self, desk: &str, rep: &str) -> Store {
        self.identity = format!("desk {desk}, rep {rep}");
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn user_dirs(&self) -> &UserDirs {
        &self.user
    }

    /// The file an order id lives in.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{EXTENSION}"))
    }

    fn ensure_dir(&self) -> Result<(), StoreError> {
        files::create_dir_all_following(&self.dir)
            .map_err(|e| StoreError::io("create the orders folder", &self.dir, e))
    }

    /// Saves a new order under a fresh id made from its creation time and the desk tag.
    /// The order's `id` is replaced by the id it was saved under.
    pub fn save_new(&self, order: Order, desk: &str) -> Result<Order, StoreError> {
        let _lock = self.lock()?;
        self.save_new_locked(order, desk)
    }

    /// [`Store::save_new`] for a caller that already holds the folder's lock.
    fn save_new_locked(&self, mut order: Order, desk: &str) -> Result<Order, StoreError> {
        let base = order_id::make(order.created_at, desk, 1);
        let mut attempt = {
            let last = self.last_claim.lock().unwrap_or_else(|e| e.into_inner());
            if last.0 == base { last.1 + 1 } else { 1 }
        };
        loop {
            order.id = order_id::make(order.created_at, desk, attempt);
            // Under the lock a taken id is seen before paying for a write; the no-clobber
            // link below still guards against a writer that does not take the lock.
            if fs::symlink_metadata(self.path_of(&order.id)).is_ok() {
                attempt += 1;
                continue;
            }
            let bytes = to_ron(&order);
            match write_atomic(
                &self.dir,
                &self.path_of(&order.id),
                bytes.as_bytes(),
                true,
                Access::Folder,
            ) {
                Ok(()) => break,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => attempt += 1,
                Err(e) => return Err(StoreError::io("save", &self.path_of(&order.id), e)),
            }
        }
        *self.last_claim.lock().unwrap_or_else(|e| e.into_inner()) = (base, attempt);
        Ok(order)
    }

    /// An order id for `now` and `desk` that no file holds yet (the caller holds the
    /// lock, so it stays free until [`Store::save_claimed_locked`] takes it).
    pub(super) fn free_order_id(&self, now: jiff::Timestamp, desk: &str) -> String {
        let mut attempt = 1;
        loop {
            let id = order_id::make(now, desk, attempt);
            if fs::symlink_metadata(self.path_of(&id)).is_err() {
                return id;
            }
            attempt += 1;
        }
    }

    /// Saves a new order under the id it already holds, never over a file (the caller
    /// holds the lock).
    pub(super) fn save_claimed_locked(&self, order: Order) -> Result<Order, StoreError> {
        let path = self.path_of(&order.id);
        write_atomic(
            &self.dir,
            &path,
            to_ron(&order).as_bytes(),
            true,
            Access::Folder,
        )
        .map_err(|e| StoreError::io("save", &path, e))?;
        Ok(order)
    }

    /// Reads one order by id.
    pub fn load(&self, id: &str) -> Result<Order, StoreError> {
        order_id::validate(id)?;
        let path = self.path_of(id);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(StoreError::NotFound {
                id: id.to_string(),
                dir: self.dir.clone(),
            }),
            _ => read_order(&path),
        }
    }

    /// Moves an order to a new status if the rules allow it, re-reading the file under the
    /// lock. With `expected_revision`, refuses if another desk saved a change since.
    /// The rewritten file keeps the mode, owner and group of the one it replaces.
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
        order.format = crate::domain::format::for_list(order.list.is_some());
        let path = self.path_of(id);
        let old = fs::symlink_metadata(&path).map_err(|e| StoreError::io("read", &path, e))?;
        write_atomic(
            &self.dir,
            &path,
            to_ron(&order).as_bytes(),
            false,
            Access::Like(&old),
        )
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
    pub(super) fn order_file_ids(&self) -> Result<Vec<String>, StoreError> {
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

#[cfg(test)]
mod tests {
    use super::lock::wait_for_lock;
    use super::*;
    use crate::domain::cart::Cart;
    use crate::domain::catalog::{Catalog, Region};
    use crate::domain::order::{CheckoutForm, checkout};
    use std::fs::{File, TryLockError};
    use std::time::Instant;

    /// A store with no user folders: these tests never touch a home folder.
    fn test_store(dir: impl Into<PathBuf>) -> Store {
        Store::with_dirs(dir, UserDirs::default())
    }

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
        let store = test_store(dir.path().join("orders"));
        let a = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        let b = store
            .save_new(new_order("B", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        assert_eq!(a.id, "20261126-100000-desk");
        assert_eq!(b.id, "20261126-100000-desk-2");
        // A second process (a fresh store) starts probing from 1 and still finds a free id.
        let c = test_store(store.dir())
            .save_new(new_order("C", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        assert_eq!(c.id, "20261126-100000-desk-3");
        // The next second starts again without a suffix.
        let d = store
            .save_new(new_order("D", "2026-11-26T10:00:01Z"), "desk")
            .unwrap();
        assert_eq!(d.id, "20261126-100001-desk");
        assert_eq!(store.load(&a.id).unwrap(), a);
        let report = store.load_all().unwrap();
        assert_eq!(report.orders.len(), 4);
        assert!(report.damaged.is_empty());
        let text = fs::read_to_string(store.path_of(&a.id)).unwrap();
        assert!(text.contains("unit_price: \"30000.00\""), "{text}");
        assert!(text.contains("customer: \"A\""), "{text}");
    }

    /// The second no-clobber guard on its own: a create never replaces a file that is
    /// already there, even for a writer that skipped the look under the lock.
    #[cfg(unix)]
    #[test]
    fn a_no_clobber_write_never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("20261126-100000-desk.ron");
        fs::write(&path, "theirs").unwrap();
        let err = write_atomic(dir.path(), &path, b"mine", true, Access::Folder).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"theirs");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temp file is removed");
        // A dangling link by that name is taken too: nothing is written through it.
        let link = dir.path().join("20261126-100001-desk.ron");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &link).unwrap();
        let err = write_atomic(dir.path(), &link, b"mine", true, Access::Folder).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{err}");
        assert!(!dir.path().join("elsewhere").exists());
    }

    /// The first no-clobber guard on its own: under the lock, a taken id is passed over
    /// before anything is written for it (one temp file for the free id, none for the
    /// taken ones), and the taken file is untouched.
    #[test]
    fn a_taken_id_is_passed_over_before_any_write() {
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(dir.path());
        store.ensure_dir().unwrap();
        for id in ["20261126-100000-desk", "20261126-100000-desk-2"] {
            fs::write(store.path_of(id), "theirs").unwrap();
        }
        files::TEMPS_MADE.with_borrow_mut(Vec::clear);
        let saved = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        assert_eq!(saved.id, "20261126-100000-desk-3");
        let made = files::TEMPS_MADE.with_borrow(|m| m.clone());
        let orders: Vec<_> = made.iter().filter(|n| n.ends_with(".ron")).collect();
        assert_eq!(orders, ["20261126-100000-desk-3.ron"], "{made:?}");
        assert_eq!(
            fs::read(store.path_of("20261126-100000-desk")).unwrap(),
            b"theirs"
        );
    }

    /// The largest order a desk can place (999 of every tier of the price list) is well
    /// within the file cap, and reads back whole.
    #[test]
    fn the_largest_real_order_reads_back_within_the_file_cap() {
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(dir.path());
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc2);
        for entry in c.tiers() {
            cart.add(&c, &entry.tier.sku, 999).unwrap();
        }
        let form = CheckoutForm {
            customer: "Largest".into(),
            rep: "lee".into(),
            ..Default::default()
        };
        let order = checkout(
            &cart,
            &c,
            &form,
            String::new(),
            "2026-11-26T10:00:00Z".parse().unwrap(),
        )
        .unwrap();
        let saved = store.save_new(order, "desk").unwrap();
        let size = fs::metadata(store.path_of(&saved.id)).unwrap().len();
        assert!(size > 4096 && size * 16 < MAX_FILE_BYTES, "{size} bytes");
        assert_eq!(store.load(&saved.id).unwrap(), saved);
        assert_eq!(store.load_all().unwrap().orders.len(), 1);
    }

    #[test]
    fn stale_revision_is_a_conflict_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(dir.path());
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

    /// The user's own folders a store was given are the ones it reports (the cache and
    /// drafts go there, never into the shared orders folder).
    #[test]
    fn a_store_keeps_the_user_folders_it_was_given() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserDirs::under(&dir.path().join("user"));
        let store = Store::with_dirs(dir.path().join("orders"), user.clone());
        assert_eq!(store.user_dirs(), &user);
        assert_ne!(store.user_dirs(), &UserDirs::default());
    }

    #[test]
    fn typed_ids_are_checked_before_touching_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(dir.path());
        assert!(matches!(
            store.load("../etc/passwd"),
            Err(StoreError::BadId(_))
        ));
        assert!(matches!(
            store.load("nope"),
            Err(StoreError::NotFound { .. })
        ));
    }

    fn hold_lock(dir: &Path) -> File {
        let file = File::open(dir.join(LOCK_FILE)).unwrap();
        file.lock().unwrap();
        file
    }

    #[test]
    fn b8_a_held_lock_is_waited_for_a_bounded_time_and_its_holder_named() {
        let dir = tempfile::tempdir().unwrap();
        let holder = test_store(dir.path()).with_identity("k7q2", "dana");
        let held = holder.lock().unwrap();
        let waiting = test_store(dir.path()).with_lock_wait(Duration::from_millis(300));
        let started = Instant::now();
        let err = waiting
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2));
        let text = err.to_string();
        assert!(matches!(err, StoreError::Locked { .. }), "{text}");
        assert!(text.contains("desk k7q2, rep dana"), "{text}");
        assert!(
            text.contains(&format!("pid {}", std::process::id())),
            "{text}"
        );
        assert!(text.contains("nothing was saved"), "{text}");
        drop(held);
        assert!(
            !dir.path().join(HOLDER_FILE).exists(),
            "a released lock names nobody"
        );
        waiting
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
    }

    #[test]
    fn b8_a_lock_held_by_another_handle_blocks_writers_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(dir.path()).with_lock_wait(Duration::from_millis(100));
        store.ensure_dir().unwrap();
        fs::write(dir.path().join(LOCK_FILE), "").unwrap();
        let held = hold_lock(dir.path());
        let err = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap_err();
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
        // `flock` from a shell leaves no note: the message does not name a stale holder.
        assert!(err.to_string().contains("not an Order Desk"), "{err}");
        drop(held);
        assert!(store.order_files().unwrap().is_empty(), "nothing saved");
    }

    /// A lock released while a save waits is taken at once, and held: the helper thread
    /// that waited does not let it go behind the saver's back.
    #[test]
    fn a_lock_released_during_the_wait_is_taken_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(dir.path()).with_lock_wait(Duration::from_secs(5));
        store.ensure_dir().unwrap();
        fs::write(dir.path().join(LOCK_FILE), "").unwrap();
        let held = hold_lock(dir.path());
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            drop(held);
        });
        let file = File::open(dir.path().join(LOCK_FILE)).unwrap();
        assert!(file.try_lock().is_err(), "held by the other handle");
        let started = Instant::now();
        assert!(wait_for_lock(&file, Duration::from_secs(5)));
        assert!(started.elapsed() < Duration::from_secs(3));
        releaser.join().unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let other = File::open(dir.path().join(LOCK_FILE)).unwrap();
        assert!(
            matches!(other.try_lock(), Err(TryLockError::WouldBlock)),
            "the lock is still ours"
        );
        drop(file);
        // The same through a save.
        let held = hold_lock(dir.path());
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            drop(held);
        });
        store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        releaser.join().unwrap();
    }

    /// An orders "folder" that is a file is an error to list or read from, never an
    /// empty folder or a missing order.
    #[test]
    fn a_folder_that_cannot_be_listed_is_an_error_not_an_empty_book() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("orders");
        fs::write(&file, "not a folder").unwrap();
        let store = test_store(&file);
        assert!(store.order_files().is_err());
        let err = store.load("20261126-100000-desk").unwrap_err();
        assert!(!matches!(err, StoreError::NotFound { .. }), "{err}");
        // A folder not made yet is simply empty.
        assert!(
            test_store(dir.path().join("not-yet"))
                .order_files()
                .unwrap()
                .is_empty()
        );
    }

    #[cfg(unix)]
    #[test]
    fn b22_b5_a_planted_lock_link_or_fifo_is_refused_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("created-by-order-desk");
        let store = test_store(dir.path().join("orders"));
        store.ensure_dir().unwrap();
        let lock = store.dir().join(LOCK_FILE);
        std::os::unix::fs::symlink(&target, &lock).unwrap();
        let err = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("not a regular file (a symbolic link)"),
            "{err}"
        );
        assert!(!target.exists(), "nothing written through the link");
        fs::remove_file(&lock).unwrap();
        let c = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap_err();
        assert!(
            err.to_string().contains("not a regular file (a FIFO)"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn b7_planted_temp_links_are_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let store = test_store(dir.path());
        let a = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        // Every temp name this process would use next for that order, planted as links.
        for n in 0..3000 {
            let name = format!(".tmp-{}-{n}-{}.ron", std::process::id(), a.id);
            std::os::unix::fs::symlink(outside.path().join(format!("t{n}")), dir.path().join(name))
                .unwrap();
        }
        let now: Timestamp = "2026-11-26T11:00:00Z".parse().unwrap();
        store
            .transition(&a.id, Some(1), Transition::StartDelivery, "x", None, now)
            .unwrap();
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
        assert_eq!(store.load(&a.id).unwrap().revision, 2);
    }

    #[cfg(unix)]
    #[test]
    fn b17_a_status_change_keeps_the_files_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(dir.path());
        let a = store
            .save_new(new_order("A", "2026-11-26T10:00:00Z"), "desk")
            .unwrap();
        let path = store.path_of(&a.id);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).unwrap();
        let now: Timestamp = "2026-11-26T11:00:00Z".parse().unwrap();
        store
            .transition(&a.id, Some(1), Transition::StartDelivery, "x", None, now)
            .unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o660);
    }
}
