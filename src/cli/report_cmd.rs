//! `order-desk report`: the figures of [`crate::report`] as a table, CSV or JSON.
//!
//! Damaged files are named on stderr and make the exit code 1, as `orders` does: the
//! report of the readable orders is still printed, but its totals leave those files out,
//! and the last line of stderr says how many.

use std::io::Write;

use jiff::civil::Date;
use serde::Serialize;

use super::catalog_view::csv_error;
use super::table::{Align, Table};
use super::{CliError, Context, ListFormat};
use crate::domain::money::plain;
use crate::domain::order::local_date;
use crate::domain::text::clean;
use crate::report::{self, Grouping, Measures, Period, Report};

pub(super) fn run(
    ctx: &Context,
    grouping: Grouping,
    from: Option<Date>,
    to: Option<Date>,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let period = Period::new(from, to).map_err(CliError::Usage)?;
    let loaded = ctx.store.load_summaries_with(&|_, _| {})?;
    let today = local_date(ctx.now);
    let report = report::build(&loaded.orders, grouping, period, today);
    match format {
        ListFormat::Csv => write_csv(&report, out)?,
        ListFormat::Json => write_json(&report, today, loaded.damaged.len(), out)?,
        ListFormat::Table => write_table(&report, out)?,
    }
    super::orders_list::complain_about_damaged(ctx, &loaded.damaged, out)
}

fn write_csv(report: &Report, out: &mut dyn Write) -> Result<(), CliError> {
    crate::report::csv::report(report, out).map_err(csv_error)
}

fn write_table(report: &Report, out: &mut dyn Write) -> Result<(), CliError> {
    let mut aligns = vec![Align::Left];
    aligns.extend([Align::Right; 8]);
    let mut table = Table::new(&aligns);
    table.row([
        report.grouping.code().to_uppercase(),
        "ORDERS".into(),
        "UNITS".into(),
        "BOOKED".into(),
        "REFUNDED".into(),
        "NET".into(),
        "DELIVERED".into(),
        "BACKLOG".into(),
        "EXPIRED".into(),
    ]);
    for r in &report.rows {
        table.row(r.measures.cells(&r.group));
    }
    table.row(report.total.cells("total"));
    writeln!(out, "{}", period_line(&report.period))?;
    table.write(out, "")?;
    if report.grouping.by_line() {
        writeln!(
            out,
            "An order with lines in several groups is counted in each; amounts are split by line."
        )?;
    }
    Ok(())
}

fn period_line(p: &Period) -> String {
    match (p.from, p.to) {
        (None, None) => "Orders placed at any time".into(),
        (Some(f), None) => format!("Orders placed from {f}"),
        (None, Some(t)) => format!("Orders placed up to {t}"),
        (Some(f), Some(t)) => format!("Orders placed {f} to {t}"),
    }
}

/// One row of the JSON: amounts as strings with two decimals, so no reader turns them
/// into floats.
#[derive(Serialize)]
struct JsonRow<'a> {
    group: &'a str,
    orders: u64,
    units: u64,
    booked: String,
    refunded: String,
    net: String,
    delivered: String,
    backlog: String,
    expired: String,
}

impl<'a> JsonRow<'a> {
    fn new(group: &'a str, m: &Measures) -> JsonRow<'a> {
        JsonRow {
            group,
            orders: m.orders,
            units: m.units,
            booked: plain(m.booked),
            refunded: plain(m.refunded),
            net: plain(m.net()),
            delivered: plain(m.delivered),
            backlog: plain(m.backlog),
            expired: plain(m.expired),
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    grouping: &'a str,
    from: Option<String>,
    to: Option<String>,
    /// The day statuses are taken on (an unused order past its valid-until is expired).
    today: String,
    rows: Vec<JsonRow<'a>>,
    total: JsonRow<'a>,
    /// Files left out of every figure because they are not valid orders.
    damaged_files: usize,
}

fn write_json(
    report: &Report,
    today: Date,
    damaged: usize,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let groups: Vec<String> = report
        .rows
        .iter()
        .map(|r| clean(&r.group).into_owned())
        .collect();
    let json = JsonReport {
        grouping: report.grouping.code(),
        from: report.period.from.map(|d| d.to_string()),
        to: report.period.to.map(|d| d.to_string()),
        today: today.to_string(),
        rows: report
            .rows
            .iter()
            .zip(&groups)
            .map(|(r, g)| JsonRow::new(g, &r.measures))
            .collect(),
        total: JsonRow::new("total", &report.total),
        damaged_files: damaged,
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
