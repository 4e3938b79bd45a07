//! What git says changed, read as data: `git diff --raw -z` and `git cat-file --batch`.

use super::git::{Git, TeamError};

/// One changed file from `git diff --raw -z`: its path and the object ids of its old and
/// new versions (`None` for the side where it does not exist).
#[derive(Debug)]
pub struct Change {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The new version's mode (`100644`, `120000` for a link, `160000` for a submodule).
    pub new_mode: String,
    /// The old version's mode.
    pub old_mode: String,
}

/// `git diff --raw -z` output (`:old-mode new-mode old-id new-id status\0path\0` per
/// file) as [`Change`]s. The ids come with the diff, so reading both versions needs no
/// lookup of the path in a 100,000-entry tree.
pub fn changed_files(git: &Git, args: &[&str]) -> Result<Vec<Change>, TeamError> {
    let out = git.run(args.iter().copied())?;
    Ok(parse_raw(&out.stdout))
}

pub fn parse_raw(out: &[u8]) -> Vec<Change> {
    let mut parts = out.split(|b| *b == 0).filter(|p| !p.is_empty());
    let mut changes = Vec::new();
    while let (Some(meta), Some(path)) = (parts.next(), parts.next()) {
        let meta = String::from_utf8_lossy(meta);
        let fields: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [old_mode, new_mode, old, new, _status] = fields[..] else {
            continue;
        };
        // An all-zero id: that side does not exist (added or removed), or, for the
        // work tree side of a diff, is not hashed; the index side always is.
        let id = |s: &str| (!s.bytes().all(|b| b == b'0')).then(|| s.to_string());
        changes.push(Change {
            path: String::from_utf8_lossy(path).into_owned(),
            old: id(old),
            new: id(new),
            new_mode: new_mode.to_string(),
            old_mode: old_mode.to_string(),
        });
    }
    changes
}

/// Splits `git cat-file --batch` output into one entry per request (`None` if missing).
pub fn parse_batch(out: &[u8]) -> Vec<Option<Vec<u8>>> {
    let mut blobs = Vec::new();
    let mut at = 0;
    while at < out.len() {
        let Some(end) = out[at..].iter().position(|b| *b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&out[at..at + end]).into_owned();
        at += end + 1;
        if header.ends_with(" missing") || header.ends_with(" ambiguous") {
            blobs.push(None);
            continue;
        }
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let stop = (at + size).min(out.len());
        blobs.push(Some(out[at..stop].to_vec()));
        at = stop + 1;
    }
    blobs
}
