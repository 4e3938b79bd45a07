//! What identifies one version of a file on disk (size, modification and change times,
//! inode), so a cached summary is used only for the very file it was parsed from. Its own
//! file so that a summary and the cache of summaries both name it without naming each other.

use std::fs::Metadata;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Files modified less than this long before a load are parsed but not cached.
const RACY_SECONDS: i64 = 3;

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub(super) len: u64,
    /// Nanoseconds since 1970 (an i64 lasts until 2262).
    pub(super) modified_ns: i64,
    pub(super) changed_ns: i64,
    pub(super) inode: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified_ns: meta
                    .mtime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(meta.mtime_nsec()),
                changed_ns: meta
                    .ctime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(meta.ctime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let modified_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            Stamp {
                len: meta.len(),
                modified_ns,
                changed_ns: modified_ns,
                inode: 0,
            }
        }
    }

    /// True when the file changed so recently that its stamp cannot be trusted yet.
    pub(crate) fn is_racy(&self, now: Timestamp) -> bool {
        let settled_before = (now.as_second() - RACY_SECONDS).saturating_mul(1_000_000_000);
        self.modified_ns.max(self.changed_ns) > settled_before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_trusted_from_the_nanosecond_the_racy_window_ends() {
        let now: Timestamp = "2026-11-27T12:00:00Z".parse().unwrap();
        let settled = (now.as_second() - RACY_SECONDS) * 1_000_000_000;
        let at = |modified_ns, changed_ns| Stamp {
            len: 1,
            modified_ns,
            changed_ns,
            inode: 1,
        };
        assert!(!at(settled, settled).is_racy(now));
        assert!(at(settled + 1, settled).is_racy(now));
        assert!(
            at(settled, settled + 1).is_racy(now),
            "a change of owner or mode counts"
        );
        assert!(!at(0, 0).is_racy(now));
    }
}
