//! A cache of order summaries, so a folder of 100,000 orders opens without parsing them all.
//!
//! The cache (`.order-desk.cache` in the orders folder) maps each file name to the file's
//! stamp (size, modification and change times, inode) and the summary parsed from it.
//! It is only ever a shortcut: the folder listing is the truth, and a file whose stamp
//! differs in any way (a save by another desk, a hand edit, a restore) is parsed again.
//! Like git's index, entries for files modified in the last few seconds are not cached,
//! since a second write within the clock's resolution could keep the same stamp. A missing,
//! stale or damaged cache only costs time.

use std::fs::{self, Metadata};
use std::io::Write;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Region;
use crate::order::Status;
use crate::summary::OrderSummary;

/// The cache's file name inside the orders folder (hidden, so it is never read as an order).
pub const CACHE_FILE: &str = ".order-desk.cache";
const MAGIC: &[u8; 8] = b"ODCACHE4";
/// Files modified less than this long before a load are parsed but not cached.
const RACY_SECONDS: i64 = 3;

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified_ns: i128::from(meta.mtime()) * 1_000_000_000
                    + i128::from(meta.mtime_nsec()),
                changed_ns: i128::from(meta.ctime()) * 1_000_000_000
                    + i128::from(meta.ctime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let modified_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            Stamp {
                len: meta.len(),
                modified_ns,
                changed_ns: modified_ns,
                inode: 0,
            }
        }
    }

    /// True when the file changed so recently that its stamp cannot be trusted yet.
    fn is_racy(&self, now: Timestamp) -> bool {
        let now_ns = i128::from(now.as_second()) * 1_000_000_000;
        let newest = self.modified_ns.max(self.changed_ns);
        newest > now_ns - i128::from(RACY_SECONDS) * 1_000_000_000
    }
}

/// A summary in a form that decodes without parsing text (amounts and times as numbers).
#[derive(Debug, Serialize, Deserialize)]
struct Packed {
    id: String,
    created: (i64, i32),
    customer: String,
    rep: String,
    note: Option<String>,
    region: Region,
    total: [u8; 16],
    status: Status,
    valid_until: Option<(i16, i8, i8)>,
    revision: u32,
    repurchase_of: Option<String>,
    line_count: u32,
    items: String,
    search: String,
}

/// One cached file.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    pub stamp: Stamp,
    packed: Packed,
}

impl Entry {
    pub fn new(name: String, stamp: Stamp, s: &OrderSummary) -> Entry {
        Entry {
            name,
            stamp,
            packed: Packed {
                id: s.id.clone(),
                created: (s.created_at.as_second(), s.created_at.subsec_nanosecond()),
                customer: s.customer.clone(),
                rep: s.rep.clone(),
                note: s.note.clone(),
                region: s.region,
                total: s.total.serialize(),
                status: s.status,
                valid_until: s.valid_until.map(|d| (d.year(), d.month(), d.day())),
                revision: s.revision,
                repurchase_of: s.repurchase_of.clone(),
                line_count: s.line_count,
                items: s.items.clone(),
                search: s.search.clone(),
            },
        }
    }

    /// The summary, or `None` if the cached values are out of range (a damaged cache).
    pub fn into_summary(self) -> Option<OrderSummary> {
        let p = self.packed;
        Some(OrderSummary {
            id: p.id,
            created_at: Timestamp::new(p.created.0, p.created.1).ok()?,
            customer: p.customer,
            rep: p.rep,
            note: p.note,
            region: p.region,
            total: Decimal::deserialize(p.total),
            status: p.status,
            valid_until: match p.valid_until {
                Some((y, m, d)) => Some(Date::new(y, m, d).ok()?),
                None => None,
            },
            revision: p.revision,
            repurchase_of: p.repurchase_of,
            line_count: p.line_count,
            items: p.items,
            search: p.search,
        })
    }
}

/// Reads the cache; any problem (missing, another version, damaged) gives an empty one.
pub fn read(dir: &Path) -> Vec<Entry> {
    let Ok(bytes) = fs::read(dir.join(CACHE_FILE)) else {
        return Vec::new();
    };
    match bytes.strip_prefix(MAGIC) {
        Some(body) => postcard::from_bytes(body).unwrap_or_default(),
        None => Vec::new(),
    }
}

/// Writes the cache atomically, leaving out entries too recent to trust. Failure is
/// harmless (a read-only folder just loads more slowly), so it is reported, not fatal.
pub fn write(dir: &Path, mut entries: Vec<Entry>, now: Timestamp) -> std::io::Result<()> {
    entries.retain(|e| !e.stamp.is_racy(now));
    let body = postcard::to_allocvec(&entries).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(".tmp-cache-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(MAGIC)?;
        file.write_all(&body)?;
        drop(file);
        fs::rename(&tmp, dir.join(CACHE_FILE))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
