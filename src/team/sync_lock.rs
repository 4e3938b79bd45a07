//! One sync at a time on a book, and no lock left behind by a git that was killed.
//!
//! A second sync on the same desk (the app and a command line, two terminals) waits for
//! the first, for a bounded time, then says another sync runs; it never asks the rep to
//! delete a lock. A `.git/index.lock` (or a branch's ref lock) left by a git killed
//! midway stops every later git call: when no git process works in the book any more,
//! the sync clears it and says so.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::git::{Git, TeamError};

/// The sync lock, inside `.git` (never shared, never in the work tree).
const SYNC_LOCK: &str = "order-desk-sync.lock";

/// How long a second sync waits for the first.
pub const SYNC_WAIT: Duration = Duration::from_secs(60);

/// Held while a sync runs.
pub struct SyncLock {
    _file: File,
}

/// Takes the book's sync lock, waiting at most `ORDER_DESK_SYNC_WAIT` seconds (else
/// [`SYNC_WAIT`]).
pub fn take(git: &Git) -> Result<SyncLock, TeamError> {
    let path = git.dir.join(".git").join(SYNC_LOCK);
    let io = |e: std::io::Error| TeamError::Io {
        action: "open the sync lock",
        path: path.clone(),
        source: e,
    };
    if is_link(&path) {
        // Never through a link: one planted in `.git` is removed, not followed.
        let _ = fs::remove_file(&path);
    }
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(&path)
            .map_err(io)?
    };
    let wait = std::env::var("ORDER_DESK_SYNC_WAIT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(SYNC_WAIT, Duration::from_secs);
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            if !crate::store::wait_for_lock(&file, wait) {
                return Err(TeamError::SyncRunning {
                    holder: holder(&path),
                    waited: wait.as_secs(),
                });
            }
        }
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    let _ = fs::write(
        &path,
        format!("pid {} on {}\n", std::process::id(), crate::host_name()),
    );
    Ok(SyncLock { _file: file })
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn holder(path: &Path) -> String {
    let said = crate::store::files::read_regular(path, 256)
        .map(|(b, _)| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    if said.is_empty() {
        "started by another Order Desk".into()
    } else {
        crate::domain::text::clean(&said).into_owned()
    }
}

/// Clears git's own locks left by a git that was killed midway, when no git process
/// works in the book now; returns what it cleared, for the report. Called with the sync
/// lock held, so none of this desk's syncs is running.
pub fn clear_stale(git: &Git) -> Vec<String> {
    let dot_git = git.dir.join(".git");
    let mut found: Vec<PathBuf> = [
        "index.lock",
        "HEAD.lock",
        "ORIG_HEAD.lock",
        "MERGE_HEAD.lock",
    ]
    .iter()
    .map(|n| dot_git.join(n))
    .collect();
    if let Ok(entries) = fs::read_dir(dot_git.join("refs/heads")) {
        found.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "lock")),
        );
    }
    let found: Vec<PathBuf> = found
        .into_iter()
        .filter(|p| fs::symlink_metadata(p).is_ok())
        .collect();
    if found.is_empty() || git_works_in(&git.dir) {
        return Vec::new();
    }
    let mut cleared = Vec::new();
    for path in found {
        if fs::remove_file(&path).is_ok() {
            let shown = path.strip_prefix(&git.dir).unwrap_or(&path);
            cleared.push(format!(
                "{} (left by a git that was stopped midway; no git works in the book now)",
                shown.display()
            ));
        }
    }
    cleared
}

/// Whether a git process runs with the book as its working folder (`git -C BOOK`, or a
/// rep's own git in a shell there). Read from `/proc`; where there is none, assume one
/// does, and clear nothing.
fn git_works_in(dir: &Path) -> bool {
    let Ok(procs) = fs::read_dir("/proc") else {
        return true;
    };
    let top = crate::store::user_dirs::canonical(dir);
    for entry in procs.flatten() {
        let pid = entry.file_name();
        if !pid.to_string_lossy().bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let comm = fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
        if !comm.trim_end().starts_with("git") {
            continue;
        }
        if let Ok(cwd) = fs::read_link(entry.path().join("cwd"))
            && (cwd == top || cwd.starts_with(&top))
        {
            return true;
        }
    }
    false
}
