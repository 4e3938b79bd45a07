//! Writing a file so that nothing is lost: to a temp file in the same folder, fsynced,
//! then renamed (or linked, never replacing a file that appeared meanwhile) into place,
//! and the folder fsynced. A kill at any point leaves the old file or the new one.

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::Path;

use super::files;

/// Who may read and write a file [`write_atomic`] writes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Access<'a> {
    /// A new file: the folder's group, and when the folder is shared with a group, that
    /// group's read and write whatever the umask ([`files::follow_dir_group`]).
    Folder,
    /// A file that replaces `old`: its mode, owner and group.
    Like(&'a Metadata),
    /// The user alone (0600), whatever the folder: the cart draft.
    Private,
}

/// Writes `bytes` to `path` atomically and durably. With `no_clobber`, fails with
/// `AlreadyExists` instead of replacing an existing file. `access` says whom the new file
/// is for.
pub(crate) fn write_atomic(
    dir: &Path,
    path: &Path,
    bytes: &[u8],
    no_clobber: bool,
    access: Access,
) -> io::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("order");
    let (tmp, mut file) = files::create_temp(dir, name)?;
    let result = (|| {
        match access {
            Access::Like(old) => files::keep_mode_and_owner(&file, old)?,
            Access::Folder => files::follow_dir_group(&file, dir),
            Access::Private => files::make_private(&file)?,
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if no_clobber {
            match fs::hard_link(&tmp, path) {
                Ok(()) => fs::remove_file(&tmp)?,
                // Filesystems without hard links: the caller holds the folder lock, so a
                // check then rename cannot race another desk using the lock.
                Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                    if fs::symlink_metadata(path).is_ok() {
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
