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
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;
use serde::Serialize;

use crate::cart::Cart;
use crate::order::Order;
use crate::order_id::{self, IdError};
use crate::rules::{Refusal, Transition};

mod load;
mod parse;

pub use load::{Delta, Known, LoadReport, SummaryReport};
pub use parse::{parse_order, read_order, read_order_stamped};

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

/// The pretty, hand-readable RON form of an order or cart.
pub fn to_ron<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .new_line("\n".to_string());
    let mut text = ron::ser::to_string_pretty(value, config).expect("orders always serialise");
    text.push('\n');
    text
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
