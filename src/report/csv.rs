//! The lists as CSV, written once for both front ends: `orders`, `quotes`, `customers`
//! and `report` with `--format csv`, and the app's `X` on the same screens. Every cell is neutralised
//! ([`csv_cell`]): a name that starts with `=` or `@` is data, never a spreadsheet formula.

use std::io::Write;

use crate::domain::money::plain;
use crate::domain::order::Status;
use crate::domain::quote::{Quote, QuoteStatus, Standing};
use crate::domain::text::csv_cell;
use crate::report::{CSV_HEADER as REPORT_HEADER, Measures, Report};
use crate::store::summary::OrderSummary;

/// The header of the orders list.
pub const ORDERS_HEADER: [&str; 8] = [
    "id",
    "created_at",
    "customer",
    "rep",
    "region",
    "total",
    "status",
    "lines",
];

/// The header of the quotes list.
pub const QUOTES_HEADER: [&str; 9] = [
    "id",
    "created_at",
    "customer",
    "country",
    "region",
    "total",
    "valid_until",
    "status",
    "order",
];

/// The header of the customers list. `source` is `book`, `orders` (a name seen only in
/// orders) or `quotes` (only in quotes: the app's list).
pub const CUSTOMERS_HEADER: [&str; 7] = [
    "name", "country", "region", "basis", "source", "orders", "email",
];

/// One customer as a CSV record: what `customers --format csv` and the app's `X` write.
pub fn customer_record(row: &crate::report::customers::CustomerRow) -> [String; 7] {
    let answer = row.customer.and_then(|c| c.country_answer());
    [
        row.name.clone(),
        row.customer.map_or(String::new(), |c| c.country.clone()),
        answer
            .as_ref()
            .and_then(|a| a.region)
            .map_or(String::new(), |r| r.code().to_string()),
        answer
            .as_ref()
            .map_or(String::new(), |a| a.basis.label().to_string()),
        match (row.customer, row.orders.is_empty()) {
            (Some(_), _) => "book",
            (None, false) => "orders",
            // Seen only in quotes (the app lists them; the command line reads no quotes).
            (None, true) => "quotes",
        }
        .to_string(),
        row.orders.len().to_string(),
        row.customer
            .and_then(|c| c.email.clone())
            .unwrap_or_default(),
    ]
}

/// Customers as [`customer_record`]s, under [`CUSTOMERS_HEADER`].
pub fn customers(records: &[[String; 7]], out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CUSTOMERS_HEADER)?;
    for record in records {
        csv.write_record(record.iter().map(|cell| csv_cell(cell).into_owned()))?;
    }
    csv.flush()?;
    Ok(())
}

/// Orders with the status each has today.
pub fn orders<'a>(
    rows: impl Iterator<Item = (&'a OrderSummary, Status)>,
    out: &mut dyn Write,
) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(ORDERS_HEADER)?;
    for (order, status) in rows {
        let row = [
            order.id.as_str(),
            &order.created_at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            order.customer.as_str(),
            order.rep.as_str(),
            order.region.code(),
            &plain(order.total),
            status.code(),
            &order.items,
        ];
        // Every cell, not only the free-text ones: a file may hold anything anywhere.
        csv.write_record(row.map(|cell| csv_cell(cell).into_owned()))?;
    }
    csv.flush()?;
    Ok(())
}

/// Quotes with their standing today, and the order an accepted one became.
pub fn quotes<'a>(
    rows: impl Iterator<Item = (&'a Quote, Standing)>,
    out: &mut dyn Write,
) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(QUOTES_HEADER)?;
    for (q, standing) in rows {
        let order = match &q.status {
            QuoteStatus::Accepted { order, .. } => order.clone(),
            _ => String::new(),
        };
        let row = [
            q.id.clone(),
            q.created_at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            q.customer.clone(),
            q.country.clone().unwrap_or_default(),
            q.region.code().to_string(),
            plain(q.total),
            q.valid_until.to_string(),
            standing.code().to_string(),
            order,
        ];
        csv.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
    }
    csv.flush()?;
    Ok(())
}

/// A report's rows and its total.
pub fn report(report: &Report, out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(REPORT_HEADER)?;
    let rows = report
        .rows
        .iter()
        .map(|r| (r.group.as_str(), &r.measures))
        .chain(std::iter::once(("total", &report.total)));
    for (group, m) in rows {
        let cells = std::iter::once(group.to_string()).chain(figures(m));
        csv.write_record(cells.map(|cell| csv_cell(&cell).into_owned()))?;
    }
    csv.flush()?;
    Ok(())
}

/// One row's cells after the group: orders, units, then the amounts as plain decimals.
pub fn figures(m: &Measures) -> [String; 8] {
    [
        m.orders.to_string(),
        m.units.to_string(),
        plain(m.booked),
        plain(m.refunded),
        plain(m.net()),
        plain(m.delivered),
        plain(m.backlog),
        plain(m.expired),
    ]
}
