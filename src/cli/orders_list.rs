//! `order-desk orders`: every order in the folder, newest first, as a table or CSV.
//!
//! Damaged files never hide the good orders: those are listed, and each damaged file is
//! reported on stderr as `path:line:column: message`, which makes the exit code 1.
//! The CSV defuses cells a spreadsheet would run as a formula (see [`csv_cell`]).

use std::io::Write;

use super::catalog_view::csv_error;
use super::table::{Align, Table, fit};
use super::{CliError, Context, ListFormat, OrdersFilterArgs};
use crate::domain::money::format_usd;
use crate::domain::order::{Status, local_date};
use crate::domain::text::clean;
use crate::report::Period;
use crate::report::filter::OrderFilter;
use crate::store::DamagedFile;
use crate::store::summary::OrderSummary;

/// The widest customer or rep shown in the table; longer names end with '…'.
const NAME_WIDTH: usize = 32;

pub(super) fn run(
    ctx: &Context,
    status: Option<Status>,
    args: OrdersFilterArgs,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let filter = OrderFilter {
        status,
        customer: args.customer,
        rep: args.sold_by,
        region: args.region,
        period: Period::new(args.from, args.to).map_err(CliError::Usage)?,
        expiring_within: args.expiring_within,
    };
    let report = ctx.store.load_summaries_with(&|_, _| {})?;
    let today = local_date(ctx.now);
    let shown = filter.apply(&report.orders, today);
    match format {
        ListFormat::Csv => write_csv(shown, out)?,
        ListFormat::Json => super::orders_json::write(shown, out)?,
        ListFormat::Table => write_table(
            ctx,
            shown,
            OrderFilter {
                status: None,
                ..filter.clone()
            } != OrderFilter::default(),
            status,
            !report.damaged.is_empty(),
            out,
        )?,
    }
    complain_about_damaged(ctx, &report.damaged, out)
}

/// Names each damaged file on stderr after the output, and makes the exit code 1.
pub(super) fn complain_about_damaged(
    ctx: &Context,
    damaged: &[DamagedFile],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if damaged.is_empty() {
        return Ok(());
    }
    // The good orders go out before the complaints, so both are seen in order.
    out.flush()?;
    super::report_unread(damaged, ctx.store.dir())
}

fn write_csv<'a>(
    orders: impl Iterator<Item = (&'a OrderSummary, Status)>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    crate::report::csv::orders(orders, out).map_err(csv_error)
}

fn write_table<'a>(
    ctx: &Context,
    orders: impl Iterator<Item = (&'a OrderSummary, Status)>,
    filtered: bool,
    filter: Option<Status>,
    some_damaged: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut table = Table::new(&[
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
    ]);
    table.row(["ID", "DATE", "CUSTOMER", "REP", "REGION", "TOTAL", "STATUS"]);
    let mut count = 0usize;
    let mut total = rust_decimal::Decimal::ZERO;
    for (order, status) in orders {
        count += 1;
        total += order.total;
        table.row([
            order.id.clone(),
            local_date(order.created_at).to_string(),
            fit(&clean(&order.customer), NAME_WIDTH),
            fit(&clean(&order.rep), NAME_WIDTH),
            order.region.to_string(),
            format_usd(order.total),
            status.label().to_string(),
        ]);
    }
    if count == 0 {
        let which = match filter {
            Some(s) if !filtered => format!(" with status {}", s.label()),
            _ if filtered => " matching these filters".to_string(),
            _ => String::new(),
        };
        let readable = if some_damaged { " readable" } else { "" };
        writeln!(
            out,
            "No{readable} orders{which} in {}.",
            crate::domain::text::path(ctx.store.dir())
        )?;
        return Ok(());
    }
    table.write(out, "")?;
    writeln!(
        out,
        "{count} order{}, {} in all",
        if count == 1 { "" } else { "s" },
        format_usd(total)
    )?;
    Ok(())
}
