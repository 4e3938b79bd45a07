//! The folder's writer lock: one desk saves at a time. Taken through a read-only handle
//! (every member of a group sharing the folder can take it), never through a link, waited
//! for a bounded time on a helper thread, and released when the guard drops or the
//! process ends however it ends. The holder writes a note saying who it is, for the
//! message of a desk that waits.

use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use jiff::Timestamp;

use super::{HOLDER_FILE, LOCK_FILE, Store, StoreError, files};
use crate::domain::text;

impl Store {
    /// Takes the folder's writer lock, waiting at most `lock_wait`; released when the
    /// returned guard drops (or the process ends, however it ends).
    pub(super) fn lock(&self) -> Result<LockGuard<'_>, StoreError> {
        self.ensure_dir()?;
        let path = self.dir.join(LOCK_FILE);
        let file = open_lock_file(&path, &self.dir)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                if !wait_for_lock(&file, self.lock_wait) {
                    return Err(StoreError::Locked {
                        dir: self.dir.clone(),
                        holder: self.holder(),
                        waited: self.lock_wait.as_secs_f64().ceil() as u64,
                    });
                }
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", &path, e)),
        }
        self.write_holder();
        if !self.tidied.swap(true, Ordering::Relaxed) {
            files::remove_stale_temps(&self.dir, SystemTime::now());
        }
        Ok(LockGuard {
            store: self,
            _file: file,
        })
    }

    /// Says who holds the lock (written by the holder; readable without the lock).
    fn write_holder(&self) {
        let line = format!(
            "{}, host {}, pid {}, since {}\n",
            self.identity,
            crate::host_name(),
            std::process::id(),
            Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC")
        );
        // Only a courtesy for the message of a waiting desk: a failure is ignored, and
        // it is not fsynced.
        let _ = (|| {
            let (tmp, mut file) = files::create_temp(&self.dir, "holder")?;
            files::follow_dir_group_read(&file, &self.dir);
            let written = file.write_all(line.as_bytes());
            drop(file);
            match written.and_then(|()| fs::rename(&tmp, self.dir.join(HOLDER_FILE))) {
                Ok(()) => Ok(()),
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    Err(e)
                }
            }
        })();
    }

    /// Who the holder file names, cleaned for printing.
    fn holder(&self) -> String {
        match files::read_regular(&self.dir.join(HOLDER_FILE), 1024) {
            Ok((bytes, _)) => {
                let text = String::from_utf8_lossy(&bytes);
                let line = text.lines().next().unwrap_or_default();
                let line: String = text::clean(line).chars().take(200).collect();
                if line.trim().is_empty() {
                    "another program".into()
                } else {
                    format!("another program ({})", line.trim())
                }
            }
            // Order Desk writes the note; a lock held by something else leaves none.
            Err(_) => "another program (not an Order Desk that says who it is)".into(),
        }
    }
}

/// The folder's lock, held until dropped. The holder note is removed while the lock is
/// still held, so a note found by a waiting desk names a holder that has the lock now (or
/// was stopped or killed holding it), never one long gone.
pub(super) struct LockGuard<'a> {
    store: &'a Store,
    _file: File,
}

impl Drop for LockGuard<'_> {
    fn drop(&mut self) {
        let _ = fs::remove_file(self.store.dir.join(HOLDER_FILE));
    }
}

/// Waits at most `wait` for a lock another desk holds. The blocking wait runs on a helper
/// thread over a second handle of the same open file, so the lock is granted the moment
/// it is released; if the wait is given up, the helper releases the lock as soon as it
/// gets it, since nobody is left to use it.
pub fn wait_for_lock(file: &File, wait: Duration) -> bool {
    let Ok(waiter) = file.try_clone() else {
        return false;
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if waiter.lock().is_ok() && tx.send(()).is_err() {
            let _ = waiter.unlock();
        }
    });
    rx.recv_timeout(wait).is_ok()
}

/// Opens the folder's lock file, creating it if missing. It is opened read-only (a lock
/// needs no write access, so every member of a group sharing the folder can take it),
/// never through a link and never blocking on a FIFO.
pub(super) fn open_lock_file(path: &Path, dir: &Path) -> Result<File, StoreError> {
    for _ in 0..8 {
        match files::open_regular(path, false) {
            Ok((file, _)) => return Ok(file),
            Err(files::ReadError::NotFound) => match files::create_new(path) {
                Ok(file) => {
                    files::follow_dir_group_read(&file, dir);
                    drop(file);
                }
                // Another desk created it meanwhile (or planted something): look again.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(StoreError::io("create the lock file", path, e)),
            },
            Err(files::ReadError::NotRegular(kind)) => {
                return Err(StoreError::io(
                    "use the lock file",
                    path,
                    io::Error::other(format!(
                        "it is not a regular file ({kind}); nothing was saved: remove it and Order Desk makes a new one"
                    )),
                ));
            }
            Err(e) => return Err(StoreError::read(path, e)),
        }
    }
    Err(StoreError::io(
        "open the lock file",
        path,
        io::Error::other("it keeps changing"),
    ))
}

/// The folder's writer lock held for a whole step that is not a save: a team sync holds
/// it while it commits and while it merges, so no save lands in the middle of either
/// (one waits, then saves after the merge, or is refused with a message; never reported
/// saved and then overwritten by the merge).
pub struct FolderLock<'a> {
    _guard: LockGuard<'a>,
}

impl Store {
    /// Takes the folder's writer lock as a save does, waiting at most as long.
    pub fn hold(&self) -> Result<FolderLock<'_>, StoreError> {
        Ok(FolderLock {
            _guard: self.lock()?,
        })
    }
}
