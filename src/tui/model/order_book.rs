//! The order book as the Orders screen holds it: a summary of every order (its lowercase
//! search text built once at load) and every damaged file. At 100,000 orders this is
//! about a fifth of the full orders' memory; an order's lines and history are read from
//! its file only when a rep opens it.

use jiff::civil::Date;
use rayon::prelude::*;

use std::collections::{HashMap, HashSet};

use crate::domain::order::Status;
use crate::domain::text::clean;
use crate::report::query::Query;
use crate::store::summary::{self, OrderSummary};
use crate::store::{DamagedFile, Delta, Known, SummaryReport};

/// A file in the orders folder that is not a valid order: shown as a row, never hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedRow {
    /// The file name (not the whole path: the folder is in the status bar).
    pub file: String,
    /// Why it could not be read, cleaned for the terminal.
    pub error: String,
    /// Lowercase file name and error, for search.
    hay: String,
    /// Written by a newer Order Desk: not damage, shown apart (see `crate::domain::format`).
    pub newer: bool,
}

/// One row of the Orders table: a damaged file or an order, by position in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRef {
    Damaged(u32),
    Order(u32),
}

/// All loaded orders (newest first) and damaged files.
#[derive(Debug, Default)]
pub struct Book {
    /// Searched through each summary's `search` text: id, customer, rep, SKUs and note
    /// (and through the SKUs, service and tier names: see [`Query`]).
    pub orders: Vec<OrderSummary>,
    pub damaged: Vec<DamagedRow>,
    /// A number no other book or version of this one had: the Reports tab lays the orders
    /// out again (see [`crate::report::index`]) only when it changed.
    generation: u64,
}

/// A fresh [`Book::generation`].
fn next_generation() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Book {
    /// Builds the book from a store load.
    pub fn from_report(report: SummaryReport) -> Book {
        Book {
            orders: report.orders,
            damaged: damaged_rows(report.damaged),
            generation: next_generation(),
        }
    }

    /// Every order's id and file stamp: what a reload compares the folder with.
    pub fn known(&self) -> Known {
        self.orders
            .iter()
            .map(|o| (o.id.as_str(), o.stamp))
            .collect()
    }

    /// Brings the book up to date with what changed in the folder, in place (the book is
    /// never held twice): removed orders go, changed ones replace theirs, new ones join,
    /// and the damaged files are the ones found now.
    pub fn apply(&mut self, delta: Delta) {
        self.damaged = damaged_rows(delta.damaged);
        if delta.removed.is_empty() && delta.changed.is_empty() {
            return;
        }
        self.generation = next_generation();
        let removed: HashSet<&str> = delta.removed.iter().map(String::as_str).collect();
        let mut changed: HashMap<String, OrderSummary> = delta
            .changed
            .into_iter()
            .map(|o| (o.id.clone(), o))
            .collect();
        self.orders.retain_mut(|o| {
            if removed.contains(o.id.as_str()) {
                return false;
            }
            if !changed.is_empty()
                && let Some(fresh) = changed.remove(&o.id)
            {
                *o = fresh;
            }
            true
        });
        self.orders.extend(changed.into_values());
        // Mostly sorted already: a stable sort finds the runs and merges them.
        self.orders.sort_by(summary::newest_first);
    }

    /// A book of given orders (newest first) and damaged rows, for tests and benchmarks.
    pub fn new(orders: Vec<OrderSummary>, damaged: Vec<DamagedRow>) -> Book {
        Book {
            orders,
            damaged,
            generation: next_generation(),
        }
    }

    /// Changes whenever the orders do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Puts a newly placed order at the top (it is the newest).
    pub fn insert_newest(&mut self, order: OrderSummary) {
        self.generation = next_generation();
        self.orders.insert(0, order);
    }

    /// Replaces an order's row after a status change or a fresher read of its file.
    pub fn replace(&mut self, at: usize, order: OrderSummary) {
        if let Some(slot) = self.orders.get_mut(at) {
            self.generation = next_generation();
            *slot = order;
        }
    }

    /// Where the order `id` is; a scan of the whole book, for loads and saves only.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.orders.iter().position(|o| o.id == id)
    }

    /// Where the order `id` is, trying `hint` first so a key press never scans the book.
    pub fn locate(&self, id: &str, hint: usize) -> Option<usize> {
        match self.orders.get(hint) {
            Some(o) if o.id == id => Some(hint),
            _ => self.position(id),
        }
    }

    /// The rows that pass the status filter, the search and `keep` (given each order and
    /// its status today), damaged files first so they are never scrolled out of sight.
    /// Damaged files are listed only when no status is asked for and `only_orders` is
    /// false (a filter such as "expiring" or a report's group says nothing of them).
    pub fn filter(
        &self,
        status: Option<Status>,
        query: &Query,
        today: Date,
        only_orders: bool,
        keep: impl Fn(&OrderSummary, Status) -> bool + Sync,
    ) -> Vec<RowRef> {
        let mut rows = Vec::new();
        if status.is_none() && !only_orders {
            rows.extend(
                self.damaged
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| query.matches(&d.hay))
                    .map(|(i, _)| RowRef::Damaged(i as u32)),
            );
        }
        // Both cores share the scan; rayon's collect keeps the newest-first order.
        let orders: Vec<RowRef> = self
            .orders
            .par_iter()
            .enumerate()
            .filter(|(_, order)| {
                let now = order.effective_status(today);
                status.is_none_or(|s| now == s)
                    && query.matches_order(&order.search, &order.items)
                    && keep(order, now)
            })
            .map(|(i, _)| RowRef::Order(i as u32))
            .collect();
        rows.extend(orders);
        rows
    }

    /// Keeps the rows of `rows` that `query` matches: when the rep types one more
    /// character, only the rows that matched before need looking at (a longer word, or one
    /// more word, can only match fewer rows).
    pub fn narrow(&self, rows: &[RowRef], query: &Query) -> Vec<RowRef> {
        rows.par_iter()
            .copied()
            .filter(|row| match *row {
                RowRef::Damaged(i) => query.matches(&self.damaged[i as usize].hay),
                RowRef::Order(i) => {
                    let order = &self.orders[i as usize];
                    query.matches_order(&order.search, &order.items)
                }
            })
            .collect()
    }
}

/// The rows of damaged files, naming each file once (the folder is in the status bar).
pub fn damaged_rows(files: Vec<DamagedFile>) -> Vec<DamagedRow> {
    // Damaged files first, then the ones from a newer desk, each group as found.
    let (newer, damaged): (Vec<_>, Vec<_>) = files.into_iter().partition(|d| d.is_newer());
    damaged
        .into_iter()
        .chain(newer)
        .map(|d| {
            let file = d
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let error = d.error.to_string();
            let error = error
                .strip_prefix(&*d.path.to_string_lossy())
                .map_or_else(|| error.clone(), |rest| format!("{file}{rest}"));
            let mut row = DamagedRow::new(clean(&file).into_owned(), error);
            row.newer = d.is_newer();
            row
        })
        .collect()
}

impl DamagedRow {
    /// "file:line:col: what is wrong", naming the file once.
    pub fn describe(&self) -> String {
        if self.error.starts_with(&self.file) {
            self.error.clone()
        } else {
            format!("{}: {}", self.file, self.error)
        }
    }

    pub fn new(file: String, error: String) -> DamagedRow {
        let error = clean(&error).into_owned();
        let hay = format!("{file}\u{1f}{error}").to_lowercase();
        DamagedRow {
            file,
            error,
            hay,
            newer: false,
        }
    }
}
