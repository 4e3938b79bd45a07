//! A compact view of an order for lists and search: what the Orders screen and the
//! `orders` command show, without the line snapshots.
//!
//! A desk with 100,000 orders keeps only these in memory (about a tenth of a full order);
//! the full order is read from its file when a rep opens it or changes its status.

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::domain::catalog::Region;
use crate::domain::order::{Order, Status};
use crate::store::stamp::Stamp;
use crate::store::summary_lines::SummaryLine;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderSummary {
    pub id: String,
    pub created_at: Timestamp,
    /// When the stored status was set (the last change of the history): how long an
    /// order has been in delivery.
    pub status_since: Timestamp,
    pub customer: String,
    pub rep: String,
    pub note: Option<String>,
    pub region: Region,
    /// The customer's country (ISO 3166-1 alpha-2) when the order names one.
    pub country: Option<String>,
    /// The imported price list the order was priced from; `None` for the built-in one.
    pub list: Option<String>,
    pub total: Decimal,
    /// The stored status; see [`OrderSummary::effective_status`] for what a rep sees.
    pub status: Status,
    pub valid_until: Option<Date>,
    pub revision: u32,
    pub repurchase_of: Option<String>,
    /// Number of lines in the order.
    pub line_count: u32,
    /// The lines as `sku=quantity` separated by `;` (the `orders` CSV column).
    pub items: String,
    /// Each line's names, quantity and line total, for reports (see [`crate::report`]).
    pub lines: Box<[SummaryLine]>,
    /// Lower-case id, customer, rep, SKUs and note: what a search matches against,
    /// built once at load so a keystroke over 100,000 orders is a plain scan.
    pub search: String,
    /// The stamp of the file version this summary was read from, so a reload reads only
    /// files that changed since. `None` when it is not known or not yet trustworthy (made
    /// here from an order just saved, or a file changed moments before it was read): the
    /// file is then simply read again on the next reload.
    pub stamp: Option<Stamp>,
}

impl OrderSummary {
    pub fn of(order: &Order) -> OrderSummary {
        OrderSummary {
            id: order.id.clone(),
            created_at: order.created_at,
            status_since: order.history.last().map_or(order.created_at, |c| c.at),
            customer: order.customer.clone(),
            rep: order.rep.clone(),
            note: order.note.clone(),
            region: order.region,
            country: order.country.clone(),
            list: order.list.as_ref().map(|l| l.id.clone()),
            total: order.total,
            status: order.status,
            valid_until: order.valid_until,
            revision: order.revision,
            repurchase_of: order.repurchase_of.clone(),
            line_count: order.lines.len() as u32,
            items: order
                .lines
                .iter()
                .map(|l| format!("{}={}", l.sku, l.quantity))
                .collect::<Vec<_>>()
                .join(";"),
            lines: order.lines.iter().map(SummaryLine::of).collect(),
            search: search_text(order),
            stamp: None,
        }
    }

    /// The status a rep sees today: a stored `Unused` past its valid-until date is `Expired`.
    pub fn effective_status(&self, today: Date) -> Status {
        crate::domain::order::effective_status(self.status, self.valid_until, today)
    }
}

fn search_text(order: &Order) -> String {
    let mut text = format!("{} {} {}", order.id, order.customer, order.rep);
    for line in &order.lines {
        text.push(' ');
        text.push_str(&line.sku);
    }
    // The note, the customer's reference and the desk's own note: a rep searches by a
    // purchase order number as often as by a name.
    for text_of in [&order.note, &order.reference, &order.internal_note]
        .into_iter()
        .flatten()
    {
        text.push(' ');
        text.push_str(text_of);
    }
    text.to_lowercase()
}

impl OrderSummary {
    /// True when every word of the (lower-case) query occurs in the order's search text.
    pub fn matches(&self, query_lower: &str) -> bool {
        crate::domain::text::contains_all_words(&self.search, query_lower)
    }
}

/// Newest first, ties broken by id, so lists are stable.
pub fn sort_newest_first(orders: &mut [OrderSummary]) {
    orders.sort_unstable_by(newest_first);
}

/// The order of [`sort_newest_first`]: a total order, so a stable sort gives the same list.
pub fn newest_first(a: &OrderSummary, b: &OrderSummary) -> std::cmp::Ordering {
    newest_first_by((a.created_at, &a.id), (b.created_at, &b.id))
}

/// Newest first by (creation time, id): the one rule every list of orders follows, for
/// summaries and full orders alike.
pub fn newest_first_by(a: (Timestamp, &str), b: (Timestamp, &str)) -> std::cmp::Ordering {
    b.cmp(&a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::Cart;
    use crate::domain::catalog::{Catalog, Region};
    use crate::domain::order::{CheckoutForm, checkout};

    /// The search finds an order by its id, customer, rep, SKUs, note, reference and internal
    /// note, in any case.
    #[test]
    fn the_search_text_holds_what_a_rep_searches_by() {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&c, "dev-basic", 1).unwrap();
        let form = CheckoutForm {
            customer: "Acme Robotics".into(),
            rep: "Dana".into(),
            note: "Kick-off".into(),
            valid_until: None,
            reference: "PO-4711".into(),
            internal_note: "Chase the CFO".into(),
        };
        let order = checkout(
            &cart,
            &c,
            &form,
            "20261126-100000-desk".into(),
            "2026-11-26T10:00:00Z".parse().unwrap(),
        )
        .unwrap();
        let summary = OrderSummary::of(&order);
        let search = &summary.search;
        for word in [
            "20261126-100000-desk",
            "acme robotics",
            "dana",
            "dev-basic",
            "kick-off",
            "po-4711",
            "chase the cfo",
        ] {
            assert!(search.contains(word), "{word} in {search:?}");
        }
        assert!(summary.matches("robotics dana"));
        assert!(!summary.matches("robotics zorg"));
    }
}
