//! `orders --format json`: the listed orders as one JSON array, for scripts and dashboards.
//! Amounts are strings with two decimals, so no reader turns them into floats; every text
//! from a file is cleaned first, like everything else the program prints.

use std::io::Write;

use serde::Serialize;

use super::CliError;
use crate::domain::money::plain;
use crate::domain::order::Status;
use crate::domain::text::clean;
use crate::store::summary::OrderSummary;

#[derive(Serialize)]
struct JsonLine {
    family: String,
    service: String,
    tier: String,
    quantity: u32,
    line_total: String,
}

#[derive(Serialize)]
struct JsonOrder {
    id: String,
    created_at: String,
    customer: String,
    rep: String,
    region: &'static str,
    total: String,
    status: &'static str,
    valid_until: Option<String>,
    repurchase_of: Option<String>,
    lines: Vec<JsonLine>,
}

impl JsonOrder {
    fn new(o: &OrderSummary, status: Status) -> JsonOrder {
        JsonOrder {
            id: clean(&o.id).into_owned(),
            created_at: o.created_at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            customer: clean(&o.customer).into_owned(),
            rep: clean(&o.rep).into_owned(),
            region: o.region.code(),
            total: plain(o.total),
            status: status.code(),
            valid_until: o.valid_until.map(|d| d.to_string()),
            repurchase_of: o.repurchase_of.as_deref().map(|r| clean(r).into_owned()),
            lines: o
                .lines
                .iter()
                .map(|l| JsonLine {
                    family: clean(&l.label.family).into_owned(),
                    service: clean(&l.label.service).into_owned(),
                    tier: clean(&l.label.tier).into_owned(),
                    quantity: l.quantity,
                    line_total: plain(l.total),
                })
                .collect(),
        }
    }
}

/// Writes the orders as a JSON array, one order at a time (the book is never copied).
pub(super) fn write<'a>(
    orders: impl Iterator<Item = (&'a OrderSummary, Status)>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    write!(out, "[")?;
    for (i, (order, status)) in orders.enumerate() {
        write!(out, "{}\n  ", if i == 0 { "" } else { "," })?;
        serde_json::to_writer(&mut *out, &JsonOrder::new(order, status))
            .map_err(std::io::Error::from)?;
    }
    writeln!(out, "\n]")?;
    Ok(())
}
