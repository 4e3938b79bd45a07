//! The order book as the Orders screen holds it: every order, every damaged file, and a
//! lowercase search text per order built once at load, so typing a search over 100,000
//! orders is one substring scan and never re-lowercases anything.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::order::{Order, Status};
use crate::store::LoadReport;
use crate::text::clean;

/// A file in the orders folder that is not a valid order: shown as a row, never hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedRow {
    /// The file name (not the whole path: the folder is in the status bar).
    pub file: String,
    /// Why it could not be read, cleaned for the terminal.
    pub error: String,
    /// Lowercase file name and error, for search.
    hay: String,
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
    pub orders: Vec<Order>,
    /// `hay[i]` is the lowercase search text of `orders[i]`.
    hay: Vec<String>,
    pub damaged: Vec<DamagedRow>,
}

/// What a search looks in: id, customer, rep, note and every SKU.
fn haystack(order: &Order) -> String {
    let mut text = String::with_capacity(96);
    for part in [order.id.as_str(), &order.customer, &order.rep] {
        text.push_str(part);
        // A separator no one types, so a search never matches across two fields.
        text.push('\u{1f}');
    }
    if let Some(note) = &order.note {
        text.push_str(note);
        text.push('\u{1f}');
    }
    for line in &order.lines {
        text.push_str(&line.sku);
        text.push('\u{1f}');
    }
    text.to_lowercase()
}

impl Book {
    /// Builds the book from a store load; search texts are made in parallel.
    pub fn from_report(report: LoadReport) -> Book {
        let hay = report.orders.par_iter().map(haystack).collect();
        let damaged = report
            .damaged
            .into_iter()
            .map(|d| {
                let file = d
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                // The folder is in the status bar: name the file only.
                let error = d.error.to_string();
                let error = error
                    .strip_prefix(&*d.path.to_string_lossy())
                    .map_or_else(|| error.clone(), |rest| format!("{file}{rest}"));
                DamagedRow::new(clean(&file).into_owned(), error)
            })
            .collect();
        Book {
            orders: report.orders,
            hay,
            damaged,
        }
    }

    /// A book of given orders (newest first) and damaged rows, for tests and benchmarks.
    pub fn new(orders: Vec<Order>, damaged: Vec<DamagedRow>) -> Book {
        let hay = orders.iter().map(haystack).collect();
        Book {
            orders,
            hay,
            damaged,
        }
    }

    /// Puts a newly placed order at the top (it is the newest).
    pub fn insert_newest(&mut self, order: Order) {
        self.hay.insert(0, haystack(&order));
        self.orders.insert(0, order);
    }

    /// Replaces an order after a status change (its search text does not change).
    pub fn replace(&mut self, at: usize, order: Order) {
        if let Some(slot) = self.orders.get_mut(at) {
            *slot = order;
        }
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.orders.iter().position(|o| o.id == id)
    }

    /// The rows that pass the status filter and the (already lowercase) search, damaged
    /// files first so they are never scrolled out of sight.
    pub fn filter(&self, status: Option<Status>, needle: &str, today: Date) -> Vec<RowRef> {
        let mut rows = Vec::new();
        if status.is_none() {
            rows.extend(
                self.damaged
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| needle.is_empty() || d.hay.contains(needle))
                    .map(|(i, _)| RowRef::Damaged(i as u32)),
            );
        }
        // Both cores share the scan; rayon's collect keeps the newest-first order.
        let orders: Vec<RowRef> = self
            .orders
            .par_iter()
            .zip(&self.hay)
            .enumerate()
            .filter(|(_, (order, hay))| {
                status.is_none_or(|s| order.effective_status(today) == s)
                    && (needle.is_empty() || hay.contains(needle))
            })
            .map(|(i, _)| RowRef::Order(i as u32))
            .collect();
        rows.extend(orders);
        rows
    }

    /// Keeps the rows of `rows` whose search text holds `needle`: when the rep types one
    /// more character, only the rows that matched before need looking at.
    pub fn narrow(&self, rows: &[RowRef], needle: &str) -> Vec<RowRef> {
        rows.par_iter()
            .copied()
            .filter(|row| match *row {
                RowRef::Damaged(i) => self.damaged[i as usize].hay.contains(needle),
                RowRef::Order(i) => self.hay[i as usize].contains(needle),
            })
            .collect()
    }
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
        DamagedRow { file, error, hay }
    }
}
