//! The user's own folders, outside any orders folder: what only this user may write.
//!
//! An orders folder may be shared by several people (or planted by one): anything the
//! program must be able to trust lives here instead. The summary cache goes to the cache
//! folder, the cart draft to the state folder, the desk tag to the config folder, each
//! keyed by the canonical path of the orders folder where it belongs to one.
//!
//! `ORDER_DESK_CACHE_DIR`, `ORDER_DESK_STATE_DIR` and `ORDER_DESK_CONFIG_DIR` override
//! the platform's folders (tests point them at temp folders).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The user's folders for Order Desk; `None` where the platform has none (no home).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserDirs {
    pub cache: Option<PathBuf>,
    pub state: Option<PathBuf>,
    pub config: Option<PathBuf>,
}

impl UserDirs {
    /// The platform's folders (XDG on Linux), each overridable from the environment.
    pub fn from_env() -> UserDirs {
        let project = directories::ProjectDirs::from("", "", "order-desk");
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        UserDirs {
            cache: var("ORDER_DESK_CACHE_DIR")
                .or_else(|| project.as_ref().map(|p| p.cache_dir().to_path_buf())),
            state: var("ORDER_DESK_STATE_DIR").or_else(|| {
                project.as_ref().map(|p| {
                    p.state_dir()
                        .unwrap_or_else(|| p.data_local_dir())
                        .to_path_buf()
                })
            }),
            config: var("ORDER_DESK_CONFIG_DIR")
                .or_else(|| project.as_ref().map(|p| p.config_dir().to_path_buf())),
        }
    }

    /// All three under one folder (`cache`, `state`, `config`): for tests.
    pub fn under(root: &Path) -> UserDirs {
        UserDirs {
            cache: Some(root.join("cache")),
            state: Some(root.join("state")),
            config: Some(root.join("config")),
        }
    }
}

/// Creates one of the user's folders, private to the user (0700) when it is new.
pub fn ensure_private(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// The canonical path of an orders folder (as given when it does not exist yet).
pub fn canonical(orders_dir: &Path) -> PathBuf {
    fs::canonicalize(orders_dir).unwrap_or_else(|_| {
        std::path::absolute(orders_dir).unwrap_or_else(|_| orders_dir.to_path_buf())
    })
}

/// A file-name-safe key for an orders folder: its last name (for a person reading the
/// folder) and a 64-bit hash of its canonical path (so two folders never share a key).
pub fn folder_key(orders_dir: &Path) -> String {
    let canonical = canonical(orders_dir);
    let name: String = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(24)
        .collect();
    format!(
        "{}-{:016x}",
        if name.is_empty() { "root" } else { &name },
        fnv1a(canonical.as_os_str().as_encoded_bytes())
    )
}

/// FNV-1a: stable across builds and platforms, unlike std's hasher.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_folder_however_it_is_spelt() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("orders");
        fs::create_dir(&a).unwrap();
        let b = dir.path().join("other");
        fs::create_dir(&b).unwrap();
        assert_eq!(folder_key(&a), folder_key(&a.join("../orders")));
        assert_ne!(folder_key(&a), folder_key(&b));
        assert!(folder_key(&a).starts_with("orders-"));
    }
}
