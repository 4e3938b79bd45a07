//! A price list read from a file the rep names (`--catalog`): only a regular file, never a
//! FIFO or a device, at most [`MAX_CATALOG_BYTES`]; then parsed and checked by the domain.

use std::path::Path;

use crate::domain::catalog::{Catalog, CatalogError, MAX_CATALOG_BYTES};

/// Loads and validates a price list file.
pub fn load(path: &Path) -> Result<Catalog, CatalogError> {
    let read = |source| CatalogError::Read {
        path: path.to_path_buf(),
        source,
    };
    let (bytes, _) = super::files::read_regular_following(path, MAX_CATALOG_BYTES)
        .map_err(|e| read(std::io::Error::other(e.to_string())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| read(std::io::Error::other("the file is not UTF-8 text")))?;
    Catalog::parse(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::BUILTIN_CATALOG;

    #[test]
    fn a_price_list_of_a_few_mib_loads_and_one_past_the_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.ron");
        // The built-in list with 2 MiB of comment: well under the 16 MiB cap.
        let padded = format!("{BUILTIN_CATALOG}\n// {}\n", "x".repeat(2 * 1024 * 1024));
        std::fs::write(&path, &padded).unwrap();
        assert!(load(&path).is_ok());
        let huge = format!(
            "{BUILTIN_CATALOG}\n// {}\n",
            "x".repeat(MAX_CATALOG_BYTES as usize)
        );
        std::fs::write(&path, huge).unwrap();
        assert!(load(&path).is_err());
    }
}
