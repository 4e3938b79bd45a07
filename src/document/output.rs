//! Writing a document (or the seller profile) to a path a user typed.
//!
//! The same safe path as the order store ([`crate::store::write_atomic`]): a fresh temp
//! file in the target folder, fsynced, then linked (no clobber) or renamed into place, so
//! a kill mid-write leaves no half document. What is at the path is looked at without
//! following it: an existing file is kept unless `force`, and a symbolic link, folder or
//! FIFO there is refused even with `force`, so a planted link never redirects the write.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why a document could not be written. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{} already exists; nothing was written: pass --force to replace it, or --output another name",
        crate::domain::text::path(.path)
    )]
    Exists { path: PathBuf },
    #[error(
        "the folder {} does not exist; nothing was written: create it first or give --output in an existing folder",
        crate::domain::text::path(.dir)
    )]
    NoFolder { dir: PathBuf },
    #[error(
        "{} is {kind}, not a regular file; nothing was written, even with --force: choose another --output",
        crate::domain::text::path(.path)
    )]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("cannot write {}: {source}", crate::domain::text::path(.path))]
    Io { path: PathBuf, source: io::Error },
}

/// Writes a document's bytes to `path`: see the module's promises.
pub fn export_to_file(bytes: &[u8], path: &Path, force: bool) -> Result<(), ExportError> {
    write_file(path, bytes, force)
}

/// [`export_to_file`] under another name, for any file the user asked for by path.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() => {}
        _ => return Err(ExportError::NoFolder { dir }),
    }
    if path.file_name().is_none() {
        return Err(ExportError::NotRegular {
            path: path.to_path_buf(),
            kind: "a folder",
        });
    }
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            if let Some(kind) = crate::store::files::irregular_kind(&meta) {
                return Err(ExportError::NotRegular {
                    path: path.to_path_buf(),
                    kind,
                });
            }
            if !force {
                return Err(ExportError::Exists {
                    path: path.to_path_buf(),
                });
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(ExportError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    // Without --force the final step is a no-clobber link, so a file that appears between
    // the check above and the write is still kept.
    crate::store::write_atomic(&dir, path, bytes, !force, crate::store::Access::Folder).map_err(
        |source| {
            if source.kind() == io::ErrorKind::AlreadyExists {
                ExportError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                ExportError::Io {
                    path: path.to_path_buf(),
                    source,
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.md");
        write_file(&path, b"one", false).unwrap();
        assert!(matches!(
            write_file(&path, b"two", false),
            Err(ExportError::Exists { .. })
        ));
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp file is left behind");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_file(&dir.path().join("nope/q.md"), b"x", false).unwrap_err();
        assert!(matches!(err, ExportError::NoFolder { .. }), "{err}");
        assert!(err.to_string().contains("nope"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_output_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        fs::write(&target, "keep").unwrap();
        let link = dir.path().join("q.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for force in [false, true] {
            let err = write_file(&link, b"x", force).unwrap_err();
            assert!(matches!(err, ExportError::NotRegular { .. }), "{err}");
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        // A dangling link is refused too: writing through it would create its target.
        let dangling = dir.path().join("d.pdf");
        std::os::unix::fs::symlink(dir.path().join("ghost"), &dangling).unwrap();
        assert!(write_file(&dangling, b"x", true).is_err());
        assert!(!dir.path().join("ghost").exists());
    }
}
