//! The cart draft: the cart a desk is filling, kept so it survives a quit, a crash or a
//! closed terminal.
//!
//! - It lives in the user's state folder, one per orders folder (keyed by its canonical
//!   path) and desk, never in the orders folder where someone else could plant one.
//! - It is read like any input: only a regular file, at most 256 KiB, checked line by line
//!   ([`Cart::check`]); a damaged draft is moved aside (never deleted) and reported.
//! - Two apps open on one desk and folder never overwrite each other's cart: the first
//!   holds the draft's lock for as long as it runs; a second one is told so and keeps its
//!   own cart in the next free slot, so both carts are kept.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::lock::open_lock_file;
use super::{Access, Store, StoreError, files, to_ron, write_atomic};
use crate::domain::cart::Cart;
use crate::domain::text;
use crate::store::user_dirs;

/// A draft larger than this is not ours.
const MAX_DRAFT_BYTES: u64 = 256 * 1024;
/// How many apps may keep a cart on one desk and folder at once.
const SLOTS: u32 = 16;

/// The draft file this process owns, with the lock that keeps other apps off it.
#[derive(Debug)]
pub(super) struct Slot {
    dir: PathBuf,
    path: PathBuf,
    _lock: File,
}

impl Store {
    /// Where this process keeps the desk's cart draft: claimed on first use, with a
    /// message when another app already holds the first slot. `Err` with a message when
    /// there is no state folder or it cannot be used: the cart is then not kept.
    fn claim_draft(&self, desk: &str) -> Result<Option<String>, String> {
        let mut claimed = self.draft.lock().unwrap_or_else(|e| e.into_inner());
        if claimed.is_some() {
            return Ok(None);
        }
        let Some(dir) = self.user.state.clone() else {
            return Err(
                "there is no folder for the cart draft (no home folder), so the cart is not kept after you quit"
                    .into(),
            );
        };
        let cannot = |e: &dyn std::fmt::Display| {
            format!(
                "cannot use {} for the cart draft ({e}), so the cart is not kept after you quit",
                text::path(&dir)
            )
        };
        user_dirs::ensure_private(&dir).map_err(|e| cannot(&e))?;
        let desk: String = desk
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(16)
            .collect();
        let base = format!("cart-{}-{desk}", user_dirs::folder_key(&self.dir));
        for slot in 1..=SLOTS {
            let name = match slot {
                1 => base.clone(),
                n => format!("{base}-{n}"),
            };
            let lock =
                open_lock_file(&dir.join(format!("{name}.lock")), &dir).map_err(|e| cannot(&e))?;
            match lock.try_lock() {
                Ok(()) => {
                    let path = dir.join(format!("{name}.ron"));
                    let note = (slot > 1).then(|| {
                        format!(
                            "another Order Desk on this folder is using the cart draft; this window keeps its own cart in {} (both carts are kept)",
                            text::path(&path)
                        )
                    });
                    *claimed = Some(Slot {
                        dir: dir.clone(),
                        path,
                        _lock: lock,
                    });
                    return Ok(note);
                }
                Err(fs::TryLockError::WouldBlock) => continue,
                Err(fs::TryLockError::Error(e)) => return Err(cannot(&e)),
            }
        }
        Err(format!(
            "{SLOTS} Order Desk windows already keep carts for this folder, so this cart is not kept after you quit"
        ))
    }

    /// The path of the draft this process claimed, if any.
    pub fn cart_draft_path(&self) -> Option<PathBuf> {
        let claimed = self.draft.lock().unwrap_or_else(|e| e.into_inner());
        claimed.as_ref().map(|s| s.path.clone())
    }

    /// Saves the desk's cart draft atomically (it survives a quit, a crash or a closed
    /// terminal). Without a usable state folder there is nothing to save to: `load_cart`
    /// already said so.
    pub fn save_cart(&self, desk: &str, cart: &Cart) -> Result<(), StoreError> {
        if self.claim_draft(desk).is_err() {
            return Ok(());
        }
        let claimed = self.draft.lock().unwrap_or_else(|e| e.into_inner());
        let Some(slot) = claimed.as_ref() else {
            return Ok(());
        };
        write_atomic(
            &slot.dir,
            &slot.path,
            to_ron(cart).as_bytes(),
            false,
            Access::Private,
        )
        .map_err(|e| StoreError::io("save the cart draft", &slot.path, e))
    }

    /// Loads the desk's cart draft, claiming it for this process. A damaged draft is moved
    /// aside (never deleted) and reported, and an empty cart is returned in its place.
    /// A draft left in the orders folder by an older version is taken over once.
    pub fn load_cart(&self, desk: &str) -> (Cart, Option<String>) {
        let note = match self.claim_draft(desk) {
            Ok(note) => note,
            Err(why) => return (Cart::default(), Some(why)),
        };
        let Some(path) = self.cart_draft_path() else {
            return (Cart::default(), note);
        };
        let (cart, problem) = match read_draft(&path) {
            Ok(Some(cart)) => (cart, None),
            Ok(None) => self.take_over_old_draft(desk),
            Err(why) => (Cart::default(), Some(why)),
        };
        let message = match (note, problem) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        };
        (cart, message)
    }

    /// Before drafts moved to the user's state folder they were `.cart-<desk>.ron` in the
    /// orders folder: take a valid one over (save it in the new place, remove the old).
    fn take_over_old_draft(&self, desk: &str) -> (Cart, Option<String>) {
        let old = self.dir.join(format!(".cart-{desk}.ron"));
        let Ok(Some(cart)) = read_draft_quietly(&old) else {
            return (Cart::default(), None);
        };
        if self.save_cart(desk, &cart).is_ok() {
            let _ = fs::remove_file(&old);
        }
        (cart, None)
    }
}

/// Reads and checks a draft: `Ok(None)` when there is none; a damaged one is moved aside
/// and `Err` says where.
fn read_draft(path: &Path) -> Result<Option<Cart>, String> {
    let fault = match files::read_regular(path, MAX_DRAFT_BYTES) {
        Ok((bytes, _)) => match parse_draft(&bytes) {
            Ok(cart) => return Ok(Some(cart)),
            Err(fault) => fault,
        },
        Err(files::ReadError::NotFound) => return Ok(None),
        Err(e) => e.to_string(),
    };
    let aside = path.with_extension(format!("ron.damaged-{}", Timestamp::now().as_second()));
    let moved = fs::rename(path, &aside).is_ok();
    Err(format!(
        "the cart draft {} was damaged ({}); {} and started an empty cart",
        text::path(path),
        text::clean(&fault),
        if moved {
            format!("kept it as {}", text::path(&aside))
        } else {
            "left it in place".into()
        }
    ))
}

/// An old draft in the orders folder is used only if it reads cleanly; it is never moved.
fn read_draft_quietly(path: &Path) -> io::Result<Option<Cart>> {
    match files::read_regular(path, MAX_DRAFT_BYTES) {
        Ok((bytes, _)) => Ok(parse_draft(&bytes).ok()),
        Err(_) => Ok(None),
    }
}

/// Parses draft bytes and checks the cart like any input; the fault has line:column.
pub fn parse_draft(bytes: &[u8]) -> Result<Cart, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "invalid UTF-8".to_string())?;
    let cart: Cart = ron::from_str(text)
        .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
    cart.check()?;
    Ok(cart)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{Catalog, Region};
    use crate::store::user_dirs::UserDirs;

    fn store(root: &Path) -> Store {
        Store::with_dirs(root.join("orders"), UserDirs::under(&root.join("user")))
    }

    fn cart(sku: &str, quantity: u32) -> Cart {
        let mut cart = Cart::new(Region::Oc2);
        cart.add(&Catalog::builtin(), sku, quantity).unwrap();
        cart
    }

    #[test]
    fn the_largest_cart_the_rules_allow_is_kept_as_a_draft() {
        // Every tier of the price list at the most a line may hold: a size cap set too
        // low would call this cart damaged and move it aside at the next start.
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let catalog = Catalog::builtin();
        let mut big = Cart::new(Region::Oc1);
        for entry in catalog.tiers() {
            big.add(&catalog, &entry.tier.sku, crate::domain::cart::MAX_QUANTITY)
                .unwrap();
        }
        assert_eq!(big.lines.len(), 37);
        store.save_cart("desk", &big).unwrap();
        let size = fs::metadata(store.cart_draft_path().unwrap())
            .unwrap()
            .len();
        assert!(size > 2048, "{size} bytes");
        drop(store);
        assert_eq!(self::store(dir.path()).load_cart("desk"), (big, None));
    }

    #[test]
    fn each_lists_lines_are_kept_in_the_draft() {
        // A cart of two lists: closing the app must not lose the lines set aside.
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut c = cart("impl-basic", 2);
        c.switch_list(Some("transfer".into()), Region::R1);
        c.lines.push(crate::domain::cart::CartLine {
            sku: "example-bulk-transfer".into(),
            quantity: 7,
        });
        store.save_cart("desk", &c).unwrap();
        drop(store);
        let (back, warning) = self::store(dir.path()).load_cart("desk");
        assert_eq!(warning, None);
        assert_eq!(back, c);
        assert_eq!(back.parked[0].lines[0].sku, "impl-basic");
    }

    #[test]
    fn b9_the_draft_lives_outside_the_orders_folder_and_a_damaged_one_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let c = cart("impl-basic", 2);
        store.save_cart("desk", &c).unwrap();
        let path = store.cart_draft_path().unwrap();
        assert!(path.starts_with(dir.path().join("user/state")), "{path:?}");
        assert!(
            !store.dir().exists(),
            "nothing written in the orders folder"
        );
        drop(store);
        let store = self::store(dir.path());
        assert_eq!(store.load_cart("desk"), (c, None));
        fs::write(&path, "Cart(region: mars").unwrap();
        let (cart, msg) = store.load_cart("desk");
        assert!(cart.is_empty());
        assert!(msg.unwrap().contains("kept it as"));
        let kept = fs::read_dir(path.parent().unwrap())
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
    }

    #[test]
    fn b14_a_hand_edited_draft_is_refused_and_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        store.save_cart("desk", &Cart::default()).unwrap();
        let path = store.cart_draft_path().unwrap();
        for bad in [
            "Cart(region: oc1, lines: [CartLine(sku: \"dev-basic\", quantity: 5000)])",
            "Cart(region: oc1, lines: [CartLine(sku: \"dev-basic\", quantity: 0)])",
            "Cart(region: oc1, lines: [], repurchase_of: Some(\"../../etc/passwd\"))",
        ] {
            fs::write(&path, bad).unwrap();
            let (cart, msg) = store.load_cart("desk");
            assert!(cart.is_empty(), "{bad}");
            assert!(msg.unwrap().contains("was damaged"), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn b4_a_fifo_as_the_draft_is_reported_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        store.save_cart("desk", &Cart::default()).unwrap();
        let path = store.cart_draft_path().unwrap();
        fs::remove_file(&path).unwrap();
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let (cart, msg) = store.load_cart("desk");
        assert!(cart.is_empty());
        assert!(msg.unwrap().contains("not a regular file"));
    }

    #[test]
    fn defect6_a_second_app_on_the_same_desk_and_folder_keeps_its_own_cart() {
        let dir = tempfile::tempdir().unwrap();
        let first = store(dir.path());
        let (_, msg) = first.load_cart("desk");
        assert_eq!(msg, None);
        first.save_cart("desk", &cart("dev-basic", 3)).unwrap();

        let second = store(dir.path());
        let (cart2, msg) = second.load_cart("desk");
        assert!(cart2.is_empty());
        assert!(msg.unwrap().contains("both carts are kept"));
        second.save_cart("desk", &cart("impl-basic", 1)).unwrap();
        assert_ne!(first.cart_draft_path(), second.cart_draft_path());

        // The first app's cart is untouched by the second's saves.
        drop(first);
        drop(second);
        let again = store(dir.path());
        assert_eq!(again.load_cart("desk").0, cart("dev-basic", 3));
        let other = store(dir.path());
        assert_eq!(other.load_cart("desk").0, cart("impl-basic", 1));
    }

    /// Issue 22: the cart draft is the user's alone (0600), even when the state folder it
    /// lives in is shared with a group.
    #[cfg(unix)]
    #[test]
    fn i22_the_cart_draft_stays_private_in_a_shared_folder() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let state = store.user_dirs().state.clone().unwrap();
        fs::create_dir_all(&state).unwrap();
        fs::set_permissions(&state, fs::Permissions::from_mode(0o2770)).unwrap();
        store.load_cart("desk");
        store.save_cart("desk", &cart("dev-basic", 1)).unwrap();
        let draft = store.cart_draft_path().unwrap();
        let mode = fs::metadata(&draft).unwrap().mode() & 0o7777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }

    #[test]
    fn an_old_draft_in_the_orders_folder_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        fs::create_dir_all(store.dir()).unwrap();
        let c = cart("dev-basic", 2);
        fs::write(store.dir().join(".cart-desk.ron"), to_ron(&c)).unwrap();
        assert_eq!(store.load_cart("desk"), (c, None));
        assert!(!store.dir().join(".cart-desk.ron").exists());
        assert!(store.cart_draft_path().unwrap().exists());
    }
}
