//! A cache of order summaries, so a folder of 100,000 orders opens without parsing them all.
//!
//! The cache lives in the user's cache folder (`summaries-<folder key>`, one per orders
//! folder, keyed by its canonical path), never in the orders folder: a folder shared with
//! others, or planted, could otherwise forge what `orders` lists. It names the folder it
//! belongs to, and a cache for another folder is ignored. It holds, for each order file, the
//! file's stamp (size, modification and change times, inode) and the summary parsed from
//! it, sorted by order id (the file name). It is only ever a shortcut: the folder listing is
//! the truth, and a file whose stamp differs in any way (a save by another desk, a hand
//! edit, a restore) is parsed again. Like git's index, files modified in the last few
//! seconds are not cached, since a second write within the clock's resolution could keep
//! the same stamp. A missing, stale or damaged cache only costs time.

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::domain::catalog::Region;
use crate::domain::order::Status;
use crate::store::stamp::Stamp;
use crate::store::summary::OrderSummary;
use crate::store::summary_lines::{LineLabel, SummaryLine};

/// The cache file's name starts with this, followed by the folder's key.
pub const CACHE_PREFIX: &str = "summaries-";
/// Version 8 added the lines (names, quantity, line total) that reports need, version 9
/// the customer's country, version 10 when the status was set, version 11 the price list;
/// an older cache does not match and is simply rebuilt.
const MAGIC: &[u8; 8] = b"ODCACH11";
/// A cache larger than this is not read (100,000 orders take about 25 MB).
const MAX_CACHE_BYTES: u64 = 1024 * 1024 * 1024;

/// One cached file as read back: amounts and times are numbers, so decoding parses no text.
/// The field order and types match [`EntryRef`], which writes it.
#[derive(Debug, Deserialize)]
pub struct Entry {
    pub stamp: Stamp,
    /// The order id, which is also the file name without `.ron`.
    pub id: String,
    created: (i64, i32),
    since: (i64, i32),
    customer: String,
    rep: String,
    note: Option<String>,
    region: Region,
    country: Option<String>,
    list: Option<String>,
    total: [u8; 16],
    status: Status,
    valid_until: Option<(i16, i8, i8)>,
    revision: u32,
    repurchase_of: Option<String>,
    line_count: u32,
    items: String,
    /// Per line: index into the cache's table of names, quantity, line total.
    lines: Vec<(u32, u32, [u8; 16])>,
    search: String,
    /// The lines with their names, filled in by [`Reader`] from its table.
    #[serde(skip)]
    resolved: Box<[SummaryLine]>,
}

/// An entry written straight from a loaded summary, without copying its text.
#[derive(Serialize)]
struct EntryRef<'a> {
    stamp: Stamp,
    id: &'a str,
    created: (i64, i32),
    since: (i64, i32),
    customer: &'a str,
    rep: &'a str,
    note: Option<&'a str>,
    region: Region,
    country: Option<&'a str>,
    list: Option<&'a str>,
    total: [u8; 16],
    status: Status,
    valid_until: Option<(i16, i8, i8)>,
    revision: u32,
    repurchase_of: Option<&'a str>,
    line_count: u32,
    items: &'a str,
    lines: Vec<(u32, u32, [u8; 16])>,
    search: &'a str,
}

impl<'a> EntryRef<'a> {
    fn new(stamp: Stamp, s: &'a OrderSummary, names: &HashMap<&LineLabel, u32>) -> EntryRef<'a> {
        EntryRef {
            stamp,
            id: &s.id,
            created: (s.created_at.as_second(), s.created_at.subsec_nanosecond()),
            since: (
                s.status_since.as_second(),
                s.status_since.subsec_nanosecond(),
            ),
            customer: &s.customer,
            rep: &s.rep,
            note: s.note.as_deref(),
            region: s.region,
            country: s.country.as_deref(),
            list: s.list.as_deref(),
            total: s.total.serialize(),
            status: s.status,
            valid_until: s.valid_until.map(|d| (d.year(), d.month(), d.day())),
            revision: s.revision,
            repurchase_of: s.repurchase_of.as_deref(),
            line_count: s.line_count,
            items: &s.items,
            lines: s
                .lines
                .iter()
                .map(|l| {
                    let name = names.get(&*l.label).copied().unwrap_or(u32::MAX);
                    (name, l.quantity, l.total.serialize())
                })
                .collect(),
            search: &s.search,
        }
    }
}

impl Entry {
    /// The summary, or `None` if the cached values are out of range (a damaged cache).
    pub fn into_summary(self) -> Option<OrderSummary> {
        let total = Decimal::deserialize(self.total);
        let lines = self.resolved;
        // The lines must still add up to the total, as the order file's own check made sure.
        let sum = lines
            .iter()
            .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.total))?;
        if sum != total || lines.len() != self.line_count as usize {
            return None;
        }
        Some(OrderSummary {
            id: self.id,
            created_at: Timestamp::new(self.created.0, self.created.1).ok()?,
            status_since: Timestamp::new(self.since.0, self.since.1).ok()?,
            customer: self.customer,
            rep: self.rep,
            note: self.note,
            region: self.region,
            country: self.country,
            list: self.list,
            total,
            status: self.status,
            valid_until: match self.valid_until {
                Some((y, m, d)) => Some(Date::new(y, m, d).ok()?),
                None => None,
            },
            revision: self.revision,
            repurchase_of: self.repurchase_of,
            line_count: self.line_count,
            items: self.items,
            lines,
            search: self.search,
            stamp: Some(self.stamp),
        })
    }
}

/// The cache file of an orders folder inside the user's cache folder.
pub fn file_for(cache_dir: &Path, orders_dir: &Path) -> PathBuf {
    cache_dir.join(format!(
        "{CACHE_PREFIX}{}",
        crate::store::user_dirs::folder_key(orders_dir)
    ))
}

/// The name a cache records for its folder: the canonical path.
pub fn folder_name(orders_dir: &Path) -> String {
    crate::store::user_dirs::canonical(orders_dir)
        .to_string_lossy()
        .into_owned()
}

/// Reads the cache of `folder` (see [`folder_name`]) as entries in id order, decoding each
/// only when it is reached, so the whole cache is never held decoded at once. Any problem
/// (missing, not a regular file, another version, another folder, damaged, out of order)
/// ends the entries early: the files not covered are parsed.
pub fn read(file: &Path, folder: &str) -> Reader {
    let bytes = crate::store::files::read_regular(file, MAX_CACHE_BYTES)
        .map(|(bytes, _)| bytes)
        .unwrap_or_default();
    let mut reader = Reader {
        bytes,
        pos: 0,
        left: 0,
        last_id: String::new(),
        names: Vec::new(),
    };
    if let Some(rest) = reader.bytes.strip_prefix(MAGIC)
        && let Ok((owner, rest)) = postcard::take_from_bytes::<&str>(rest)
        && owner == folder
        && let Ok((names, rest)) = postcard::take_from_bytes::<Vec<(&str, &str, &str)>>(rest)
        && let Ok((count, rest)) = postcard::take_from_bytes::<u64>(rest)
    {
        let names: Vec<Arc<LineLabel>> = names
            .into_iter()
            .map(|(family, service, tier)| {
                crate::store::summary_lines::label(family, service, tier)
            })
            .collect();
        reader.left = count;
        reader.pos = reader.bytes.len() - rest.len();
        reader.names = names;
    }
    reader
}

/// The cache's entries, decoded one at a time.
pub struct Reader {
    bytes: Vec<u8>,
    pos: usize,
    left: u64,
    last_id: String,
    /// The table of line names the entries point into (each written once per cache).
    names: Vec<Arc<LineLabel>>,
}

impl Reader {
    /// No entries: every file is parsed.
    pub fn empty() -> Reader {
        Reader {
            bytes: Vec::new(),
            pos: 0,
            left: 0,
            last_id: String::new(),
            names: Vec::new(),
        }
    }
}

impl Iterator for Reader {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        if self.left == 0 {
            return None;
        }
        let decoded = postcard::take_from_bytes::<Entry>(&self.bytes[self.pos..]);
        match decoded {
            Ok((mut entry, rest)) if entry.id > self.last_id => {
                let resolved: Option<Box<[SummaryLine]>> = entry
                    .lines
                    .iter()
                    .map(|&(name, quantity, total)| {
                        Some(SummaryLine {
                            label: Arc::clone(self.names.get(name as usize)?),
                            quantity,
                            total: Decimal::deserialize(total),
                        })
                    })
                    .collect();
                // A name outside the table: the cache is damaged from here on.
                let Some(resolved) = resolved else {
                    self.left = 0;
                    return None;
                };
                entry.resolved = resolved;
                self.left -= 1;
                self.pos = self.bytes.len() - rest.len();
                self.last_id.clone_from(&entry.id);
                Some(entry)
            }
            _ => {
                self.left = 0;
                None
            }
        }
    }
}

/// The entries to write: summaries with the stamps of the files they came from.
struct Entries<'a> {
    summaries: &'a [OrderSummary],
    /// Each distinct line name's position in the table written before the entries.
    names: HashMap<&'a LineLabel, u32>,
    /// Positions into `summaries`, sorted by id, leaving out entries without a stamp or
    /// too recent to trust.
    order: Vec<u32>,
}

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.order.len()))?;
        for &i in &self.order {
            let summary = &self.summaries[i as usize];
            if let Some(stamp) = summary.stamp {
                seq.serialize_element(&EntryRef::new(stamp, summary, &self.names))?;
            }
        }
        seq.end()
    }
}

/// Writes the cache of `folder` to `file` atomically, streaming from the loaded summaries
/// (no copy of the book). Each summary is cached under its own stamp; those without one are
/// left out. The temp file is created exclusively, never through a link. Failure is
/// harmless (the next load is slower), so the caller may ignore it.
pub fn write(
    file: &Path,
    folder: &str,
    summaries: &[OrderSummary],
    now: Timestamp,
) -> std::io::Result<()> {
    let mut order: Vec<u32> = (0..summaries.len() as u32)
        .filter(|&i| summaries[i as usize].stamp.is_some_and(|s| !s.is_racy(now)))
        .collect();
    order.sort_unstable_by(|&a, &b| summaries[a as usize].id.cmp(&summaries[b as usize].id));
    order.dedup_by(|a, b| summaries[*a as usize].id == summaries[*b as usize].id);
    // The line names, once each: a book of 100,000 orders has only a few dozen.
    let mut names: HashMap<&LineLabel, u32> = HashMap::new();
    let mut table: Vec<(&str, &str, &str)> = Vec::new();
    for &i in &order {
        for line in summaries[i as usize].lines.iter() {
            names.entry(&*line.label).or_insert_with(|| {
                let l = &*line.label;
                table.push((&l.family, &l.service, &l.tier));
                (table.len() - 1) as u32
            });
        }
    }
    let entries = Entries {
        summaries,
        order,
        names,
    };
    let dir = file.parent().unwrap_or(Path::new("."));
    crate::store::user_dirs::ensure_private(dir)?;
    crate::store::files::remove_stale_temps(dir, std::time::SystemTime::now());
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    let (tmp, out) = crate::store::files::create_temp(dir, name)?;
    let result = (|| {
        let mut out = BufWriter::new(out);
        out.write_all(MAGIC)?;
        postcard::to_io(folder, &mut out).map_err(std::io::Error::other)?;
        postcard::to_io(&table, &mut out).map_err(std::io::Error::other)?;
        postcard::to_io(&entries, &mut out).map_err(std::io::Error::other)?;
        out.flush()?;
        drop(out);
        fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::summary_lines::label;
    use rust_decimal::Decimal;

    fn entry(line_totals: &[&str], total: &str, line_count: u32) -> Entry {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        Entry {
            stamp: Stamp {
                len: 1,
                modified_ns: 0,
                changed_ns: 0,
                inode: 1,
            },
            id: "20261127-100000-aaaaaaaa".into(),
            created: (1_800_000_000, 0),
            since: (1_800_000_000, 0),
            customer: "Acme".into(),
            rep: "ann".into(),
            note: None,
            region: Region::Oc1,
            country: None,
            list: None,
            total: d(total).serialize(),
            status: Status::Unused,
            valid_until: None,
            revision: 1,
            repurchase_of: None,
            line_count,
            items: String::new(),
            lines: Vec::new(),
            search: String::new(),
            resolved: line_totals
                .iter()
                .map(|t| SummaryLine {
                    label: label("F", "S", "T"),
                    quantity: 1,
                    total: d(t),
                })
                .collect(),
        }
    }

    /// A summary of a real order with `id`, under a stamp long settled.
    fn summary(id: &str) -> OrderSummary {
        let catalog = crate::domain::catalog::Catalog::builtin();
        let mut cart = crate::domain::cart::Cart::new(Region::Oc1);
        cart.add(&catalog, "finetune-standard", 1).unwrap();
        let form = crate::domain::order::CheckoutForm {
            customer: "Acme".into(),
            rep: "ann".into(),
            ..Default::default()
        };
        let at = "2026-11-01T10:00:00Z".parse().unwrap();
        let mut order =
            crate::domain::order::checkout(&cart, &catalog, &form, String::new(), at).unwrap();
        order.id = id.into();
        let mut s = OrderSummary::of(&order);
        s.stamp = Some(Stamp {
            len: 100,
            modified_ns: 0,
            changed_ns: 0,
            inode: 7,
        });
        s
    }

    /// A cache file holding exactly `count` as its number of entries, then the entries of
    /// `ids` in the order given: what a forger (or a torn write) can leave, which `write`
    /// never does.
    fn forged(ids: &[&str], count: u64) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache");
        let mut sorted: Vec<&str> = ids.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let summaries: Vec<OrderSummary> = sorted.iter().map(|id| summary(id)).collect();
        write(&file, "F", &summaries, Timestamp::now()).unwrap();
        // Take the genuine cache apart: header (magic, folder, names), count, entries.
        let bytes = fs::read(&file).unwrap();
        let rest = &bytes[MAGIC.len()..];
        let (_, rest) = postcard::take_from_bytes::<&str>(rest).unwrap();
        let (_, rest) = postcard::take_from_bytes::<Vec<(&str, &str, &str)>>(rest).unwrap();
        let header = &bytes[..bytes.len() - rest.len()];
        let (n, mut rest) = postcard::take_from_bytes::<u64>(rest).unwrap();
        assert_eq!(n as usize, sorted.len());
        let mut entries: HashMap<String, &[u8]> = HashMap::new();
        for _ in 0..n {
            let (entry, after) = postcard::take_from_bytes::<Entry>(rest).unwrap();
            entries.insert(entry.id, &rest[..rest.len() - after.len()]);
            rest = after;
        }
        let mut out = header.to_vec();
        out.extend(postcard::to_stdvec(&count).unwrap());
        for id in ids {
            out.extend_from_slice(entries[*id]);
        }
        fs::write(&file, out).unwrap();
        (dir, file)
    }

    fn ids_read(file: &Path) -> Vec<String> {
        read(file, "F").map(|e| e.id).collect()
    }

    #[test]
    fn a_genuine_cache_reads_back_whole_and_only_for_its_own_folder() {
        let (_dir, file) = forged(&["a", "b", "c"], 3);
        assert_eq!(ids_read(&file), ["a", "b", "c"]);
        let summary = read(&file, "F").next().unwrap().into_summary().unwrap();
        assert_eq!(summary, self::summary("a"));
        assert_eq!(read(&file, "G").count(), 0, "a cache for another folder");
    }

    #[test]
    fn a_forged_cache_is_read_only_up_to_its_first_id_out_of_order() {
        // Out of order, or the same id twice: the merge with the sorted folder listing
        // relies on strictly rising ids, so the reader stops there and the rest is parsed.
        let (_dir, file) = forged(&["b", "a", "c"], 3);
        assert_eq!(ids_read(&file), ["b"]);
        let (_dir, file) = forged(&["a", "a", "b"], 3);
        assert_eq!(ids_read(&file), ["a"]);
    }

    #[test]
    fn a_forged_cache_is_read_no_further_than_its_count() {
        // Entries past the recorded count are not the cache's: never read.
        let (_dir, file) = forged(&["a", "b", "c"], 1);
        assert_eq!(ids_read(&file), ["a"]);
        let (_dir, file) = forged(&["a", "b", "c"], 2);
        assert_eq!(ids_read(&file), ["a", "b"]);
        let (_dir, file) = forged(&["a", "b", "c"], 0);
        assert!(ids_read(&file).is_empty());
    }

    #[test]
    fn a_cache_of_thousands_of_orders_is_read_whole() {
        // About 1.6 MiB: a cap on the cache's size set too low would make every large book
        // parse all its files at each start, which no result shows but the wait does.
        let one = summary("x");
        let summaries: Vec<OrderSummary> = (0..12_000)
            .map(|i| OrderSummary {
                id: format!("20261101-100000-{i:08}"),
                ..one.clone()
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache");
        write(&file, "F", &summaries, Timestamp::now()).unwrap();
        assert!(fs::metadata(&file).unwrap().len() > 3 * 1024 * 1024 / 2);
        assert_eq!(read(&file, "F").count(), 12_000);
    }

    #[test]
    fn folder_names_tell_folders_apart_and_follow_links() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        assert_ne!(folder_name(&a), folder_name(&b));
        #[cfg(unix)]
        {
            let link = root.path().join("link");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert_eq!(folder_name(&link), folder_name(&a));
        }
    }

    #[test]
    fn a_cached_entry_whose_lines_do_not_add_up_is_refused() {
        assert!(entry(&["1.00", "2.00"], "3.00", 2).into_summary().is_some());
        // A forged total with the right number of lines, or the right total with a line
        // missing from the count: either is a damaged cache, read from the files instead.
        assert!(entry(&["1.00", "2.00"], "4.00", 2).into_summary().is_none());
        assert!(entry(&["1.00", "2.00"], "3.00", 3).into_summary().is_none());
    }
}
