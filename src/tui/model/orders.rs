//! The Orders tab: the book as loaded, the filters, search and sort that make its index,
//! the selected row and the order open in the detail view.

use std::sync::Arc;

use jiff::civil::Date;

use crate::domain::order::{Order, Status};
use crate::store::Known;
use crate::store::summary::OrderSummary;

use super::order_book::{Book, RowRef};

/// What the Orders table is sorted by; `o` cycles it, `O` turns it round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    /// Newest first (the book's own order).
    #[default]
    Date,
    /// A to Z.
    Customer,
    /// Largest first.
    Total,
    /// In the order of an order's life: unused, in delivery, delivered, refunded, expired.
    Status,
    /// Soonest first; orders with no valid-until date last.
    ValidUntil,
}

impl SortField {
    pub const ALL: [SortField; 5] = [
        SortField::Date,
        SortField::Customer,
        SortField::Total,
        SortField::Status,
        SortField::ValidUntil,
    ];

    pub fn next(self) -> SortField {
        let at = SortField::ALL.iter().position(|f| *f == self).unwrap_or(0);
        SortField::ALL[(at + 1) % SortField::ALL.len()]
    }
}

/// The Orders table's sort: a field, and whether it is turned round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrderSort {
    pub field: SortField,
    pub reverse: bool,
}

impl OrderSort {
    /// How the header names the sort, direction included.
    pub fn label(self) -> &'static str {
        match (self.field, self.reverse) {
            (SortField::Date, false) => "newest first",
            (SortField::Date, true) => "oldest first",
            (SortField::Customer, false) => "customer A-Z",
            (SortField::Customer, true) => "customer Z-A",
            (SortField::Total, false) => "largest total first",
            (SortField::Total, true) => "smallest total first",
            (SortField::Status, false) => "status unused → expired",
            (SortField::Status, true) => "status expired → unused",
            (SortField::ValidUntil, false) => "valid until, soonest first",
            (SortField::ValidUntil, true) => "valid until, latest first",
        }
    }
}

/// The days an "expiring" filter looks ahead (`e` on Orders).
pub const EXPIRING_DAYS: u32 = 30;

/// The orders of one row of a report (Enter on the Reports tab): its group and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFilter {
    pub key: crate::report::GroupKey,
    pub period: crate::report::Period,
    /// What the header says, e.g. "2026-Q4 · family Support".
    pub label: String,
    /// For a family, service or tier row: what the report booked for its lines alone.
    /// The Orders header sums whole orders, other lines included, so it says both.
    pub lines_booked: Option<rust_decimal::Decimal>,
}

/// What the detail view holds of the order it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderFile {
    /// The file is being read (the loop does it before the next frame).
    Reading,
    /// The whole order as its file holds it: lines, history.
    Read(Box<Order>),
    /// The file could not be read (gone, damaged): why, cleaned for the terminal.
    Unreadable(String),
}

/// The order open in the detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub id: String,
    /// Its position in `book.orders` when opened: tried first, so finding its row again
    /// never scans the book (checked against the id, since the book may have changed).
    pub row: usize,
    pub file: OrderFile,
}

impl Detail {
    /// The full order, once read.
    pub fn order(&self) -> Option<&Order> {
        match &self.file {
            OrderFile::Read(order) => Some(order),
            _ => None,
        }
    }
}

/// The Orders tab.
#[derive(Debug, Default)]
pub struct Orders {
    pub book: Book,
    /// True once a first load finished (an empty table then means "no orders").
    pub loaded: bool,
    /// Files read so far and how many there are, while a load runs in the background.
    pub loading: Option<(usize, usize)>,
    /// Why the last load failed, if it did (the folder could not be listed).
    pub load_error: Option<String>,
    pub filter: StatusFilter,
    pub search: String,
    /// Only unused orders whose valid-until falls within [`EXPIRING_DAYS`] from today.
    pub expiring: bool,
    /// Only orders that wait for a decision between two desks' changes (`n`).
    pub decisions_only: bool,
    /// Only the orders of a report's row, when opened from the Reports tab (Esc clears).
    pub group: Option<GroupFilter>,
    pub sort: OrderSort,
    /// The rows the filters and search let through, in display order. Recomputed only when
    /// the book, a filter, the search or the sort change, never per frame.
    pub index: Vec<RowRef>,
    /// How many orders `index` lists (damaged files apart) and the exact sum of their
    /// totals, for the header; kept with `index`.
    pub listed: (usize, rust_decimal::Decimal),
    /// Position in `index`.
    pub selected: usize,
    /// The order open in the detail view.
    pub detail: Option<Detail>,
    /// The date the status filter was last applied for (expiry depends on it).
    pub today: Option<Date>,
    /// Orders saved or changed here while a load runs, merged into its result.
    pub during_load: Vec<OrderSummary>,
    /// The book's ids and file stamps as of the last load, which a reload compares the
    /// folder with. Built when a load ends, not when a reload is asked for, so switching to
    /// this tab never walks the book; shared with the loader thread, never copied. Orders
    /// saved or changed here since are missing or carry an older stamp, so a reload simply
    /// reads their files again.
    pub known: Option<Arc<Known>>,
    /// The orders marked with Space, by id: s, d and R then act on each of them.
    pub marked: std::collections::BTreeSet<String>,
    /// A change asked of several orders at once, while its results come back.
    pub batch: Option<Batch>,
    /// Status changes asked for one order at a time and not yet saved: another waits for
    /// them, so it never goes out with the revision the first one replaces.
    pub changing: usize,
}

/// A change sent for several orders at once: how many results are still to come, and
/// what came back, so one summary names every order that went through or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub transition: crate::domain::rules::Transition,
    pub waiting: usize,
    pub done: Vec<String>,
    /// Each order refused on saving (by the guard on its file, or another desk's
    /// change), with why.
    pub refused: Vec<String>,
}

/// Which orders the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Only(Status),
}

impl StatusFilter {
    /// All → Unused → In delivery → Delivered → Refunded → Expired → All.
    pub fn next(self) -> StatusFilter {
        match self {
            StatusFilter::All => StatusFilter::Only(Status::ALL[0]),
            StatusFilter::Only(s) => {
                let at = Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
                Status::ALL
                    .get(at + 1)
                    .map_or(StatusFilter::All, |s| StatusFilter::Only(*s))
            }
        }
    }

    /// The other way round: All → Expired → Refunded → … → Unused → All.
    pub fn prev(self) -> StatusFilter {
        match self {
            StatusFilter::All => StatusFilter::Only(Status::ALL[Status::ALL.len() - 1]),
            StatusFilter::Only(s) => match Status::ALL.iter().position(|x| *x == s) {
                Some(at) if at > 0 => StatusFilter::Only(Status::ALL[at - 1]),
                _ => StatusFilter::All,
            },
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "All",
            StatusFilter::Only(s) => s.label(),
        }
    }
}
