//! The customer book on disk: one RON file per customer in `customers/` under the orders
//! folder, written and read with the same care as orders.
//!
//! - A new customer is written atomically and exclusively (no-clobber link) under the
//!   orders folder's lock, after checking under that lock that no customer of the same
//!   name exists, so two desks adding one customer at once make one file.
//! - Only regular files are read, capped at [`MAX_CUSTOMER_BYTES`]; a damaged file is
//!   reported with path:line:column and left untouched, and every other customer loads.
//! - `customers/` must be a real folder: a symbolic link there is refused, never followed.

use std::fs;
use std::io;
use std::path::PathBuf;

use super::parse::parse_ron_file;
use super::{Access, DamagedFile, EXTENSION, Store, StoreError, files, to_ron, write_atomic};
use crate::domain::customer::{Customer, file_stem, name_key};

/// The subfolder of the orders folder that holds the customer book.
pub const CUSTOMERS_DIR: &str = "customers";
/// A customer file larger than this is refused unread: a real one is well under 8 KiB.
pub const MAX_CUSTOMER_BYTES: u64 = 64 * 1024;

/// What reading the customer book found.
#[derive(Debug, Default)]
pub struct CustomerBook {
    /// Every readable customer with its file, by name.
    pub customers: Vec<(PathBuf, Customer)>,
    pub damaged: Vec<DamagedFile>,
}

impl CustomerBook {
    /// The customer with this name, or one that reads the same ([`name_key`]).
    pub fn find(&self, name: &str) -> Option<&Customer> {
        let key = name_key(name);
        self.customers
            .iter()
            .map(|(_, c)| c)
            .find(|c| name_key(&c.name) == key)
    }
}

impl Store {
    /// The customer book's folder.
    pub fn customers_dir(&self) -> PathBuf {
        self.dir().join(CUSTOMERS_DIR)
    }

    /// The customer book's folder, checked to be a real folder (or absent).
    fn checked_customers_dir(&self) -> Result<Option<PathBuf>, StoreError> {
        let dir = self.customers_dir();
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => Ok(Some(dir)),
            Ok(meta) => Err(StoreError::NotRegular {
                path: dir,
                kind: files::irregular_kind(&meta).unwrap_or("not a folder"),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io("open", &dir, e)),
        }
    }

    /// Reads every customer file; damaged ones are listed, never skipped silently.
    pub fn load_customers(&self) -> Result<CustomerBook, StoreError> {
        let mut book = CustomerBook::default();
        let Some(dir) = self.checked_customers_dir()? else {
            return Ok(book);
        };
        let entries = fs::read_dir(&dir).map_err(|e| StoreError::io("list", &dir, e))?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list", &dir, e))?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') || !name.ends_with(&format!(".{EXTENSION}")) {
                continue;
            }
            paths.push(dir.join(name));
        }
        paths.sort();
        for path in paths {
            match read_customer(&path) {
                Ok(customer) => book.customers.push((path, customer)),
                Err(error) => book.damaged.push(DamagedFile { path, error }),
            }
        }
        book.customers
            .sort_by_cached_key(|(_, c)| name_key(&c.name));
        Ok(book)
    }

    /// Adds a customer to the book and returns the file it was saved in. Refused when a
    /// customer of that name is already in the book.
    pub fn add_customer(&self, customer: &Customer) -> Result<PathBuf, StoreError> {
        let _lock = self.lock()?;
        let dir = match self.checked_customers_dir()? {
            Some(dir) => dir,
            None => {
                let dir = self.customers_dir();
                files::create_dir_following(&dir)
                    .map_err(|e| StoreError::io("create the customers folder", &dir, e))?;
                self.checked_customers_dir()?.unwrap_or(dir)
            }
        };
        let book = self.load_customers()?;
        if let Some(existing) = book
            .customers
            .iter()
            .find(|(_, c)| name_key(&c.name) == name_key(&customer.name))
        {
            return Err(StoreError::CustomerExists {
                name: customer.name.clone(),
                existing: existing.1.name.clone(),
                path: existing.0.clone(),
            });
        }
        let stem = file_stem(&customer.name);
        let bytes = to_ron(customer);
        for attempt in 1..=100u32 {
            let name = if attempt == 1 {
                format!("{stem}.{EXTENSION}")
            } else {
                format!("{stem}-{attempt}.{EXTENSION}")
            };
            let path = dir.join(name);
            // A damaged file of that name is someone's data: take the next name.
            if fs::symlink_metadata(&path).is_ok() {
                continue;
            }
            match write_atomic(&dir, &path, bytes.as_bytes(), true, Access::Folder) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("save", &path, e)),
            }
        }
        Err(StoreError::io(
            "save",
            &dir,
            io::Error::other(format!("every file name from {stem}.ron on is taken")),
        ))
    }
}

impl Store {
    /// Replaces customer `before` (as the rep opened it) with `after`, in the same file,
    /// atomically under the folder's lock. Refused when the file no longer holds `before`
    /// (another desk changed it) or when `after`'s name reads as another customer's.
    /// A clash stays on a field the edit left as it was; a field the rep typed anew is
    /// settled by it. Orders and quotes are never touched: they keep the country and
    /// prices they were made with.
    pub fn edit_customer(
        &self,
        before: &Customer,
        after: &Customer,
    ) -> Result<PathBuf, StoreError> {
        let _lock = self.lock()?;
        let book = self.load_customers()?;
        let key = name_key(&before.name);
        let Some((path, current)) = book
            .customers
            .iter()
            .find(|(_, c)| name_key(&c.name) == key)
        else {
            return Err(StoreError::CustomerChanged {
                name: before.name.clone(),
            });
        };
        if current != before {
            return Err(StoreError::CustomerChanged {
                name: before.name.clone(),
            });
        }
        if let Some((other, existing)) = book
            .customers
            .iter()
            .find(|(p, c)| p != path && name_key(&c.name) == name_key(&after.name))
        {
            return Err(StoreError::CustomerExists {
                name: after.name.clone(),
                existing: existing.name.clone(),
                path: other.clone(),
            });
        }
        let mut edited = after.clone();
        edited.clashes = before
            .clashes
            .iter()
            .filter(|c| before.owned_field(&c.field) == after.owned_field(&c.field))
            .cloned()
            .collect();
        edited
            .check()
            .map_err(|e| StoreError::io("save", path, io::Error::other(e.to_string())))?;
        let old = fs::symlink_metadata(path).map_err(|e| StoreError::io("read", path, e))?;
        let dir = path.parent().unwrap_or(self.dir());
        write_atomic(
            dir,
            path,
            to_ron(&edited).as_bytes(),
            false,
            Access::Like(&old),
        )
        .map_err(|e| StoreError::io("save", path, e))?;
        Ok(path.clone())
    }
}

/// Reads and checks one customer file.
pub fn read_customer(path: &std::path::Path) -> Result<Customer, StoreError> {
    let (bytes, _) =
        files::read_regular(path, MAX_CUSTOMER_BYTES).map_err(|e| StoreError::read(path, e))?;
    parse_customer(path, &bytes)
}

/// Parses and checks the bytes of a customer file.
pub fn parse_customer(path: &std::path::Path, bytes: &[u8]) -> Result<Customer, StoreError> {
    parse_ron_file(
        path,
        bytes,
        |c: &Customer| c.format,
        |c: &Customer| c.check().map_err(|e| (e.field, e.to_string())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{CustomerForm, MAX_LONG};
    use crate::store::user_dirs::UserDirs;

    #[test]
    fn the_largest_customer_the_rules_allow_is_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::with_dirs(dir.path(), UserDirs::default());
        // A long address and note (each at its limit) make a file of several KiB, under
        // the cap that refuses a planted huge file unread.
        let c = CustomerForm {
            name: "Acme Brasil Ltda".into(),
            country: "BR".into(),
            address: Some("Rua ".repeat(MAX_LONG / 4)),
            note: Some("é".repeat(MAX_LONG)),
            ..Default::default()
        }
        .check()
        .unwrap();
        let path = store.add_customer(&c).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 4 * 1024);
        let book = store.load_customers().unwrap();
        assert!(book.damaged.is_empty(), "{:?}", book.damaged);
        assert_eq!(book.find("Acme Brasil Ltda"), Some(&c));
    }

    #[test]
    fn a_customer_folder_that_cannot_be_read_is_an_error_not_an_empty_book() {
        let dir = tempfile::tempdir().unwrap();
        // The orders "folder" is a file: its customers folder is neither there nor absent.
        let file = dir.path().join("orders");
        std::fs::write(&file, b"not a folder").unwrap();
        let store = Store::with_dirs(&file, UserDirs::default());
        assert!(store.load_customers().is_err());
        // Absent is an empty book.
        let store = Store::with_dirs(dir.path().join("new"), UserDirs::default());
        assert!(store.load_customers().unwrap().customers.is_empty());
    }

    #[test]
    fn only_customer_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::with_dirs(dir.path(), UserDirs::default());
        std::fs::create_dir(store.customers_dir()).unwrap();
        std::fs::write(store.customers_dir().join("readme.txt"), b"notes").unwrap();
        std::fs::write(store.customers_dir().join(".tmp-x.ron"), b"half").unwrap();
        let book = store.load_customers().unwrap();
        assert!(
            book.customers.is_empty() && book.damaged.is_empty(),
            "{book:?}"
        );
    }
}
