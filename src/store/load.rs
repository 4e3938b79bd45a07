//! Loading the orders folder: every order, or summaries backed by the summary cache,
//! and what changed since a book was loaded.

use std::fs;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;
use rayon::prelude::*;

use super::{DamagedFile, Store, StoreError, read_order, read_order_stamped};
use crate::domain::order::Order;
use crate::store::stamp::Stamp;
use crate::store::summary::{self, OrderSummary};
use crate::store::summary_cache;

/// Everything found in the orders folder.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Orders, newest first.
    pub orders: Vec<Order>,
    /// Files that are not valid orders, by path.
    pub damaged: Vec<DamagedFile>,
}

impl Store {
    /// Loads every order in parallel. Damaged files are reported, never skipped silently.
    pub fn load_all(&self) -> Result<LoadReport, StoreError> {
        self.load_all_with(&|_, _| {})
    }

    /// Like [`Store::load_all`], calling `progress(done, total)` as files are read.
    pub fn load_all_with(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<LoadReport, StoreError> {
        let files = self.order_files()?;
        let total = files.len();
        let done = AtomicU64::new(0);
        let results: Vec<Result<Order, DamagedFile>> = files
            .into_par_iter()
            .map(|path| {
                let result = read_order(&path).map_err(|error| DamagedFile { path, error });
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(1024) || n as usize == total {
                    progress(n as usize, total);
                }
                result
            })
            .collect();
        let mut report = LoadReport::default();
        for r in results {
            match r {
                Ok(order) => report.orders.push(order),
                Err(d) => report.damaged.push(d),
            }
        }
        report.orders.sort_unstable_by(|a, b| {
            summary::newest_first_by((a.created_at, &a.id), (b.created_at, &b.id))
        });
        report.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }

    /// Loads a summary of every order, in parallel, reusing the summary cache for files
    /// that have not changed since it was written. Damaged files are reported, never
    /// skipped silently. `progress(done, total)` is called as files are handled.
    pub fn load_summaries_with(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<SummaryReport, StoreError> {
        self.load_summaries_at(Timestamp::now(), progress)
    }

    /// [`Store::load_summaries_with`] with the clock passed in: files changed within a few
    /// seconds before `started` are parsed but not cached.
    ///
    /// Memory matters at 100,000 orders, so the work is laid out to hold one copy of the
    /// book: stamps are taken in parallel, cached summaries are moved (not copied) into the
    /// result in one ordered pass over the sorted listing and the id-sorted cache, only
    /// changed files are parsed, and the cache is written straight from the result.
    pub fn load_summaries_at(
        &self,
        started: Timestamp,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<SummaryReport, StoreError> {
        let (files, stamps) = self.stamped_ids()?;
        let total = files.len();

        let mut report = SummaryReport::default();
        report.orders.reserve(total);
        let mut to_parse = Vec::new();
        let cache_file = self
            .user
            .cache
            .as_ref()
            .map(|dir| summary_cache::file_for(dir, &self.dir));
        let folder = summary_cache::folder_name(&self.dir);
        let mut cache = match &cache_file {
            Some(file) => summary_cache::read(file, &folder),
            None => summary_cache::Reader::empty(),
        }
        .peekable();
        let mut cache_had_others = false;
        for (id, stamp) in files.into_iter().zip(stamps) {
            while cache.next_if(|e| e.id < id).is_some() {
                cache_had_others = true;
            }
            let hit = cache
                .next_if(|e| e.id == id)
                .filter(|e| Some(e.stamp) == stamp)
                .and_then(summary_cache::Entry::into_summary);
            match hit {
                Some(summary) => report.orders.push(summary),
                None => to_parse.push(id),
            }
        }
        cache_had_others |= cache.next().is_some();
        drop(cache);
        report.from_cache = report.orders.len();
        progress(report.from_cache, total);

        for result in self.read_summaries(to_parse, started, report.from_cache, total, progress) {
            match result {
                Ok(summary) => {
                    report.parsed += 1;
                    report.orders.push(summary);
                }
                Err((_, damaged)) => report.damaged.push(damaged),
            }
        }
        if let Some(file) = &cache_file
            && (cache_had_others || report.parsed > 0)
        {
            // A cache that cannot be written only makes the next start slower.
            let _ = summary_cache::write(file, &folder, &report.orders, started);
        }
        summary::sort_newest_first(&mut report.orders);
        report.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }

    /// What changed in the folder since a book was loaded whose files had the stamps in
    /// `known` (order id, stamp of the file its summary came from; `None` to have it read
    /// again). Only new files and files whose stamp differs are read; damaged files are not
    /// in `known`, so they are read on every call (there are few, and a fixed one must come
    /// back as an order). `progress(done, total)` is called as files are handled.
    ///
    /// The summary cache is not rewritten here: that needs the whole book, which the caller
    /// holds and this call must not copy. The next start reads what changed since the cache
    /// was written, which is no more than this call read, and rewrites it then.
    pub fn changes_since(
        &self,
        known: &Known,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Delta, StoreError> {
        self.changes_since_at(known, Timestamp::now(), progress)
    }

    /// [`Store::changes_since`] with the clock passed in: files changed within a few seconds
    /// before `started` come back without a stamp, so the next call reads them again.
    pub fn changes_since_at(
        &self,
        known: &Known,
        started: Timestamp,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Delta, StoreError> {
        let (files, stamps) = self.stamped_ids()?;
        let total = files.len();
        // Positions into `known` in id order, to walk beside the sorted listing.
        let mut by_id: Vec<u32> = (0..known.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| known.id(a).cmp(known.id(b)));
        by_id.dedup_by(|a, b| known.id(*a) == known.id(*b));
        let mut known_iter = by_id.iter().copied().peekable();

        let mut delta = Delta::default();
        let mut to_parse = Vec::new();
        for (id, stamp) in files.into_iter().zip(stamps) {
            while let Some(gone) = known_iter.next_if(|&k| known.id(k) < id.as_str()) {
                delta.removed.push(known.id(gone).to_string());
            }
            match known_iter.next_if(|&k| known.id(k) == id) {
                Some(k) if known.stamp(k).is_some() && known.stamp(k) == stamp => {}
                _ => to_parse.push(id),
            }
        }
        delta
            .removed
            .extend(known_iter.map(|gone| known.id(gone).to_string()));
        let unchanged = total - to_parse.len();
        progress(unchanged, total);

        for result in self.read_summaries(to_parse, started, unchanged, total, progress) {
            delta.read += 1;
            match result {
                Ok(summary) => delta.changed.push(summary),
                Err((id, damaged)) => {
                    // A known order whose file no longer reads as one leaves the book; a
                    // file never known was not in it.
                    let was_known = by_id
                        .binary_search_by(|&i| known.id(i).cmp(id.as_str()))
                        .is_ok();
                    if was_known {
                        delta.removed.push(id);
                    }
                    delta.damaged.push(damaged);
                }
            }
        }
        delta.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(delta)
    }

    /// Reads the files of `ids` in parallel into summaries stamped with the version read
    /// (no stamp if it changed moments before `started`), or damaged files with their id.
    /// Progress counts on from `done` out of `total`.
    /// The order files by id (their name without `.ron`), sorted like the cache, with the
    /// stamp of each taken on all cores (`None` if it vanished meanwhile).
    fn stamped_ids(&self) -> Result<(Vec<String>, Vec<Option<Stamp>>), StoreError> {
        let mut ids = self.order_file_ids()?;
        ids.sort_unstable();
        let stamps = ids
            .par_iter()
            // The link itself, never what it points at: a link is not read as an order,
            // so it must never match a cached summary either.
            .map(|id| {
                fs::symlink_metadata(self.path_of(id))
                    .ok()
                    .map(|m| Stamp::of(&m))
            })
            .collect();
        Ok((ids, stamps))
    }

    fn read_summaries(
        &self,
        ids: Vec<String>,
        started: Timestamp,
        done: usize,
        total: usize,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Vec<Result<OrderSummary, (String, DamagedFile)>> {
        let done = AtomicU64::new(done as u64);
        ids.into_par_iter()
            .map(|id| {
                let path = self.path_of(&id);
                let result = match read_order_stamped(&path) {
                    Ok((order, stamp)) => {
                        let mut summary = OrderSummary::of(&order);
                        summary.stamp = (!stamp.is_racy(started)).then_some(stamp);
                        Ok(summary)
                    }
                    Err(error) => Err((id, DamagedFile { path, error })),
                };
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(1024) || n as usize == total {
                    progress(n as usize, total);
                }
                result
            })
            .collect()
    }
}

/// Summaries of everything found in the orders folder.
#[derive(Debug, Default)]
pub struct SummaryReport {
    /// Orders, newest first.
    pub orders: Vec<OrderSummary>,
    /// Files that are not valid orders, by path.
    pub damaged: Vec<DamagedFile>,
    /// How many summaries came from the cache and how many files were parsed.
    pub from_cache: usize,
    pub parsed: usize,
}

/// The orders a caller holds, each by id with the stamp of the file it was read from
/// (`None` to have it read again): what [`Store::changes_since`] compares the folder with.
/// The ids share one buffer, so listing 100,000 orders is one copy of their text rather
/// than 100,000 small allocations on the caller's thread.
#[derive(Debug, Clone, Default)]
pub struct Known {
    ids: String,
    /// Per order: where its id ends in `ids` (it starts where the previous one ends), and
    /// its file's stamp.
    entries: Vec<(u32, Option<Stamp>)>,
}

impl Known {
    pub fn with_capacity(orders: usize) -> Known {
        Known {
            // Ids are about 20-25 bytes.
            ids: String::with_capacity(orders * 24),
            entries: Vec::with_capacity(orders),
        }
    }

    pub fn push(&mut self, id: &str, stamp: Option<Stamp>) {
        self.ids.push_str(id);
        let end = u32::try_from(self.ids.len()).expect("ids fit in 4 GiB");
        self.entries.push((end, stamp));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn id(&self, at: u32) -> &str {
        let at = at as usize;
        let start = match at {
            0 => 0,
            _ => self.entries[at - 1].0 as usize,
        };
        &self.ids[start..self.entries[at].0 as usize]
    }

    fn stamp(&self, at: u32) -> Option<Stamp> {
        self.entries[at as usize].1
    }
}

impl<'a> FromIterator<(&'a str, Option<Stamp>)> for Known {
    fn from_iter<I: IntoIterator<Item = (&'a str, Option<Stamp>)>>(iter: I) -> Known {
        let iter = iter.into_iter();
        let mut known = Known::with_capacity(iter.size_hint().0);
        for (id, stamp) in iter {
            known.push(id, stamp);
        }
        known
    }
}

/// What changed in the orders folder since a book was loaded: see [`Store::changes_since`].
#[derive(Debug, Default)]
pub struct Delta {
    /// Summaries of new files and of files that changed, in no particular order.
    pub changed: Vec<OrderSummary>,
    /// Known orders that are gone from the folder or whose file no longer reads as an order.
    pub removed: Vec<String>,
    /// Every damaged file now in the folder (not only new ones), by path.
    pub damaged: Vec<DamagedFile>,
    /// How many files were read (the rest were unchanged).
    pub read: usize,
}
