//! Imported price lists in the orders folder, so team sync shares them:
//! `pricelists/ID/YYYY-MM-DD.ron`, one file per version (the page's "Updated on" date).
//!
//! Promises:
//! - A page is read bounded: a file over [`MAX_PAGE_BYTES`], not a regular file (a FIFO,
//!   a device), or not UTF-8 text is refused before it is read whole.
//! - A version is written once, atomically, never over another: importing the same page
//!   again says it is already there; a different page with the same date, or an older
//!   date than the newest version, is refused and nothing is written.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::domain::pricelist::PriceList;

use super::atomic::{Access, write_atomic};

/// The largest page read (a billing page is tens of kilobytes).
pub const MAX_PAGE_BYTES: u64 = 4 * 1024 * 1024;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// A new version, written to this file.
    New(PathBuf),
    /// The same version was already there: nothing written.
    Unchanged(PathBuf),
}

/// Reads a page file bounded, as text.
pub fn read_page(path: &Path) -> Result<String, String> {
    let shown = crate::domain::text::path(path);
    let meta = fs::metadata(path).map_err(|e| format!("{shown} cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{shown} is not a regular file: give the saved page or its copied text"
        ));
    }
    // Opened without blocking and checked again as opened: a file swapped for a FIFO
    // between the look and the open never hangs the import. A link the rep names is
    // followed: the page is theirs.
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .map_err(|e| format!("{shown} cannot be read: {e}"))?
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(format!(
            "{shown} is not a regular file: give the saved page or its copied text"
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{shown} cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!(
            "{shown} is larger than {} MiB: a billing page is far smaller; is it the right file?",
            MAX_PAGE_BYTES / 1024 / 1024
        ));
    }
    if bytes.contains(&0) {
        return Err(format!(
            "{shown} is not text (it holds NUL bytes): give the page's copied text"
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| format!("{shown} is not UTF-8 text: save the page's text as UTF-8"))
}

fn folder(orders: &Path, id: &str) -> PathBuf {
    orders.join("pricelists").join(id)
}

/// The versions of list `id`, oldest first.
pub fn versions(orders: &Path, id: &str) -> Vec<PriceList> {
    // An id is a slug: never a path out of the folder.
    if crate::domain::pricelist::slug(id) != id {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(folder(orders, id)) else {
        return Vec::new();
    };
    let mut out: Vec<PriceList> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_string_lossy().ends_with(".ron"))
        .filter_map(|e| {
            // Bounded: a stored version is a few kilobytes; a larger file is not one.
            let mut text = String::new();
            fs::File::open(e.path())
                .ok()?
                .take(4 * MAX_PAGE_BYTES)
                .read_to_string(&mut text)
                .ok()?;
            ron::from_str::<PriceList>(&text).ok()
        })
        .collect();
    out.sort_by_key(|l| l.updated);
    out
}

/// List `id` as the desk's working catalog: the version of `version` when given (the
/// one an order was priced at), else the newest.
pub fn catalog(
    orders: &Path,
    id: &str,
    version: Option<jiff::civil::Date>,
) -> Result<crate::domain::catalog::Catalog, String> {
    if crate::domain::pricelist::slug(id) != id {
        return Err(format!(
            "'{}' is not a price list id: ids are lowercase letters, digits and '-' (see `order-desk pricelist list`)",
            crate::domain::text::clean(id)
        ));
    }
    let all = versions(orders, id);
    let list = match version {
        Some(v) => all.iter().find(|l| l.updated == v).ok_or_else(|| {
            format!(
                "price list {} has no version of {v} in {}: it is the version the order was priced at; sync with the team or import that page again",
                crate::domain::text::clean(id),
                crate::domain::text::path(&folder(orders, id))
            )
        })?,
        None => all.last().ok_or_else(|| {
            format!(
                "no price list '{}' in {}: import its page with `order-desk pricelist import FILE --as {}`, or see `order-desk pricelist list`",
                crate::domain::text::clean(id),
                crate::domain::text::path(&orders.join("pricelists")),
                crate::domain::text::clean(id)
            )
        })?,
    };
    let mut catalog = crate::domain::pricelist::to_catalog(list)?;
    // The newest version says what changed since the one before it.
    if version.is_none()
        && let [.., before, newest] = all.as_slice()
    {
        catalog.list.changed = Some((
            before.updated,
            crate::domain::pricelist::changed_since(before, newest),
        ));
    }
    Ok(catalog)
}

/// The version of list `id` before its newest, when it has one.
pub fn previous(orders: &Path, id: &str) -> Option<PriceList> {
    let mut all = versions(orders, id);
    all.pop()?;
    all.pop()
}

/// The ids of the lists in the folder.
pub fn ids(orders: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(orders.join("pricelists")) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

/// Stores `list` as a new version of its id.
pub fn save(orders: &Path, list: &PriceList) -> Result<Saved, String> {
    let dir = folder(orders, &list.id);
    let path = dir.join(format!("{}.ron", list.updated));
    let existing = versions(orders, &list.id);
    if let Some(same) = existing.iter().find(|v| v.updated == list.updated) {
        return if same == list {
            Ok(Saved::Unchanged(path))
        } else {
            Err(format!(
                "list {} already has a version of {} that differs from this page; a new version needs a newer \"Updated on\" date",
                list.id, list.updated
            ))
        };
    }
    if let Some(newest) = existing.last()
        && newest.updated > list.updated
    {
        return Err(format!(
            "list {} already has a newer version ({}) than this page ({}); nothing was imported",
            list.id, newest.updated, list.updated
        ));
    }
    fs::create_dir_all(&dir)
        .map_err(|e| format!("{} cannot be made: {e}", crate::domain::text::path(&dir)))?;
    write_atomic(
        &dir,
        &path,
        super::to_ron(list).as_bytes(),
        true,
        Access::Folder,
    )
    .map_err(|e| {
        format!(
            "{} cannot be written: {e}",
            crate::domain::text::path(&path)
        )
    })?;
    Ok(Saved::New(path))
}
