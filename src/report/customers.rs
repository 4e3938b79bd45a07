//! The customers as the app's Customers screen and `order-desk customers` list them: the
//! book's customers and the names seen only in orders (or quotes), merged by the name as
//! it reads ([`name_key`]), sorted by name, each with its orders and quotes and what its
//! orders are worth, counted as Reports count them (booked, refunded, net). Pure.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::Measures;
use crate::domain::customer::{Customer, name_key};
use crate::domain::quote::{Quote, Standing};
use crate::store::summary::OrderSummary;

/// One customer: from the book, or a name seen only in orders or quotes.
#[derive(Debug, Clone)]
pub struct CustomerRow<'a> {
    /// As the book writes it, else as the first order or quote did.
    pub name: String,
    pub customer: Option<&'a Customer>,
    /// Newest first.
    pub orders: Vec<&'a OrderSummary>,
    /// Where each of `orders` is in the slice given (the app keeps these, not the
    /// orders).
    pub orders_at: Vec<usize>,
    /// Newest first, every revision.
    pub quotes: Vec<&'a Quote>,
    /// Where each of `quotes` is in the slice given.
    pub quotes_at: Vec<usize>,
    /// Every order's total by where it stands today: `booked`, `refunded`, `net()`.
    pub measures: Measures,
}

impl CustomerRow<'_> {
    /// Quotes that may still be accepted today.
    pub fn open_quotes(&self, today: Date) -> usize {
        self.quotes
            .iter()
            .filter(|q| q.standing(today) == Standing::Open)
            .count()
    }

    /// The country's ISO code, from the book, else from the newest order that names one.
    pub fn country(&self) -> Option<&str> {
        self.customer
            .map(|c| c.country.as_str())
            .or_else(|| self.orders.iter().find_map(|o| o.country.as_deref()))
    }

    /// Whether two desks' values for a field wait for a decision.
    pub fn disputed(&self) -> bool {
        self.customer.is_some_and(|c| !c.clashes.is_empty())
    }
}

/// The book, the orders and the quotes merged by name, sorted by the name as it reads.
pub fn rows<'a>(
    book: impl IntoIterator<Item = &'a Customer>,
    orders: &'a [OrderSummary],
    quotes: &'a [Quote],
    today: Date,
) -> Vec<CustomerRow<'a>> {
    let mut rows: BTreeMap<String, CustomerRow<'a>> = BTreeMap::new();
    let empty = |name: &str, customer| CustomerRow {
        name: name.to_string(),
        customer,
        orders: Vec::new(),
        orders_at: Vec::new(),
        quotes: Vec::new(),
        quotes_at: Vec::new(),
        measures: Measures::default(),
    };
    for c in book {
        rows.insert(name_key(&c.name), empty(&c.name, Some(c)));
    }
    for (at, o) in orders.iter().enumerate() {
        let row = rows
            .entry(name_key(&o.customer))
            .or_insert_with(|| empty(&o.customer, None));
        let units = o.lines.iter().map(|l| u64::from(l.quantity)).sum();
        row.measures.orders += 1;
        row.measures.add(o.effective_status(today), o.total, units);
        row.orders.push(o);
        row.orders_at.push(at);
    }
    for (at, q) in quotes.iter().enumerate() {
        let row = rows
            .entry(name_key(&q.customer))
            .or_insert_with(|| empty(&q.customer, None));
        row.quotes.push(q);
        row.quotes_at.push(at);
    }
    let mut rows: Vec<CustomerRow<'a>> = rows.into_values().collect();
    for row in &mut rows {
        let mut orders: Vec<(&OrderSummary, usize)> = row
            .orders
            .iter()
            .copied()
            .zip(row.orders_at.iter().copied())
            .collect();
        orders.sort_by(|a, b| {
            b.0.created_at
                .cmp(&a.0.created_at)
                .then(b.0.id.cmp(&a.0.id))
        });
        (row.orders, row.orders_at) = orders.into_iter().unzip();
        let mut quotes: Vec<(&Quote, usize)> = row
            .quotes
            .iter()
            .copied()
            .zip(row.quotes_at.iter().copied())
            .collect();
        quotes.sort_by(|a, b| {
            b.0.created_at
                .cmp(&a.0.created_at)
                .then(b.0.id.cmp(&a.0.id))
        });
        (row.quotes, row.quotes_at) = quotes.into_iter().unzip();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Region;
    use crate::domain::customer::CustomerForm;
    use crate::domain::order::Status;

    #[test]
    fn book_and_orders_merge_by_name_and_sum_as_reports_do() {
        let book = vec![
            CustomerForm {
                name: "Müller GmbH".into(),
                country: "DE".into(),
                ..CustomerForm::default()
            }
            .check()
            .unwrap(),
        ];
        let mut placed = crate::domain::decision::tests::placed();
        placed.customer = "MÜLLER  gmbh".into();
        placed.region = Region::Oc2;
        let mut refunded = placed.clone();
        refunded.id = "20261101-120000-rfnd".into();
        refunded.status = Status::Refunded;
        let mut other = placed.clone();
        other.id = "20261101-120000-othr".into();
        other.customer = "Kiwi Ltd".into();
        other.country = Some("NZ".into());
        let orders: Vec<OrderSummary> = [&placed, &refunded, &other]
            .iter()
            .map(|o| OrderSummary::of(o))
            .collect();
        let today = jiff::civil::date(2026, 12, 4);
        let rows = rows(&book, &orders, &[], today);
        assert_eq!(rows.len(), 2);
        let kiwi = &rows[0];
        assert_eq!(
            (kiwi.name.as_str(), kiwi.customer.is_none()),
            ("Kiwi Ltd", true)
        );
        assert_eq!(kiwi.country(), Some("NZ"), "from its order");
        let m = &rows[1];
        assert_eq!(m.name, "Müller GmbH", "the book's spelling");
        assert_eq!(m.orders.len(), 2);
        assert_eq!(m.measures.booked, placed.total + refunded.total);
        assert_eq!(m.measures.net(), placed.total);
        assert_eq!(m.country(), Some("DE"));
        assert_eq!(m.open_quotes(today), 0);
        assert_eq!(
            (m.measures.orders, m.measures.units),
            (
                2,
                2 * placed
                    .lines
                    .iter()
                    .map(|l| u64::from(l.quantity))
                    .sum::<u64>()
            )
        );
        assert!(!m.disputed() && !kiwi.disputed());
    }

    #[test]
    fn open_quotes_count_only_those_still_open_and_a_clash_marks_the_row() {
        let today = jiff::civil::date(2026, 12, 4);
        let mut c = CustomerForm {
            name: "Oslo AS".into(),
            country: "NO".into(),
            ..CustomerForm::default()
        }
        .check()
        .unwrap();
        c.clashes = vec![crate::domain::customer::FieldClash {
            field: "email".into(),
            values: vec![Some("a@oslo.example".into()), None],
        }];
        let mut order = crate::domain::decision::tests::placed();
        order.customer = "Oslo AS".into();
        let open = Quote::from_priced(order.clone(), jiff::civil::date(2026, 12, 31));
        let lapsed = Quote::from_priced(order, jiff::civil::date(2026, 12, 1));
        let quotes = [open.clone(), open, lapsed];
        let book = [c];
        let rows = rows(&book, &[], &quotes, today);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].quotes.len(), 3);
        assert_eq!(rows[0].open_quotes(today), 2, "the lapsed one is not open");
        assert!(rows[0].disputed());
        assert_eq!(rows[0].country(), Some("NO"));
    }
}
