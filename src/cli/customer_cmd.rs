//! `order-desk customer add|show` and `order-desk customers`: the customer book, and the
//! customers seen in orders that are not in it yet.
//!
//! Damaged customer files never hide the good ones: each is reported on stderr as
//! `path:line:column: message`, and the listing then exits 1, as `orders` does.

use std::io::{self, Write};

use super::catalog_view::csv_error;
use super::table::{Align, Table, fit};
use super::{CliError, Context, CustomerCommand, EditCustomer, Format, NewCustomer};
use crate::domain::customer::{Customer, CustomerForm, name_key};
use crate::domain::money::format_usd;
use crate::domain::order::local_date;
use crate::domain::text::clean;
use crate::store::DamagedFile;
use crate::store::summary::OrderSummary;

const NAME_WIDTH: usize = 40;

pub(super) fn run(
    ctx: &Context,
    action: CustomerCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match action {
        CustomerCommand::Add(args) => add(ctx, args, out),
        CustomerCommand::Show { name } => show(ctx, &name, out),
        CustomerCommand::Edit(args) => edit(ctx, args, out),
        CustomerCommand::Decide { name, field, keep } => {
            match ctx.store.decide_customer(&name, &field, keep) {
                Ok(c) => {
                    let value = c.field(&field).map_or("not given".into(), clean);
                    writeln!(out, "{}: {field} is {value}", clean(&c.name))?;
                    Ok(())
                }
                Err(crate::store::DecideError::Store(e)) => Err(e.into()),
                Err(e @ crate::store::DecideError::Refused(_)) => {
                    Err(CliError::Usage(e.to_string()))
                }
            }
        }
    }
}

/// Says which fields two desks set differently, each value numbered for `customer decide`.
fn clashes_section(c: &Customer, out: &mut dyn Write) -> Result<(), CliError> {
    if c.clashes.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "NEEDS A DECISION: two desks set these fields to different values; the first is used until a rep keeps one:"
    )?;
    let mut t = Table::new(&[Align::Left, Align::Left, Align::Left]);
    for clash in &c.clashes {
        for (i, value) in clash.values.iter().enumerate() {
            t.row([
                if i == 0 {
                    clash.field.clone()
                } else {
                    String::new()
                },
                format!("[{}]", i + 1),
                value
                    .as_deref()
                    .map_or("not given".to_string(), |v| clean(v).replace('\n', " / ")),
            ]);
        }
    }
    t.write(out, "  ")?;
    writeln!(
        out,
        "  settle it: order-desk customer decide '{}' --field FIELD --keep N",
        clean(&c.name).replace('\'', "'\\''")
    )?;
    Ok(())
}

fn edit(ctx: &Context, args: EditCustomer, out: &mut dyn Write) -> Result<(), CliError> {
    let book = ctx.store.load_customers()?;
    let Some(before) = book.find(&args.customer).cloned() else {
        return Err(CliError::Usage(format!(
            "no customer '{}' in the book: list them with `order-desk customers`",
            clean(&args.customer)
        )));
    };
    let after = crate::domain::customer::CustomerForm {
        name: args.name.unwrap_or_else(|| before.name.clone()),
        country: args.country.unwrap_or_else(|| before.country.clone()),
        contact: args.details.contact.or_else(|| before.contact.clone()),
        email: args.details.email.or_else(|| before.email.clone()),
        address: args.details.address.or_else(|| before.address.clone()),
        tax_id: args.details.tax_id.or_else(|| before.tax_id.clone()),
        note: args.details.note.or_else(|| before.note.clone()),
    }
    .check()
    .map_err(|e| CliError::Usage(e.to_string()))?;
    let path = ctx.store.edit_customer(&before, &after)?;
    writeln!(out, "{}", crate::domain::text::path(&path))?;
    Ok(())
}

fn add(ctx: &Context, args: NewCustomer, out: &mut dyn Write) -> Result<(), CliError> {
    let customer = CustomerForm {
        name: args.name,
        country: args.country,
        contact: args.details.contact,
        email: args.details.email,
        address: args.details.address,
        tax_id: args.details.tax_id,
        note: args.details.note,
    }
    .check()
    .map_err(|e| CliError::Usage(e.to_string()))?;
    let path = ctx.store.add_customer(&customer)?;
    writeln!(out, "{}", crate::domain::text::path(&path))?;
    Ok(())
}

/// Reports damaged customer files on stderr.
fn report_damaged(damaged: &[DamagedFile]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for d in damaged {
        let _ = writeln!(err, "{}", d.error);
    }
}

/// The country, region and basis cells of a customer from the book.
fn country_cells(customer: Option<&Customer>) -> [String; 3] {
    match customer.and_then(Customer::country_answer) {
        Some(a) => [
            format!("{} ({})", a.country, a.code),
            a.region.map_or(String::new(), |r| r.code().to_string()),
            a.basis.label().to_string(),
        ],
        None => Default::default(),
    }
}

pub(super) fn list(ctx: &Context, format: Format, out: &mut dyn Write) -> Result<(), CliError> {
    let book = ctx.store.load_customers()?;
    let report = ctx.store.load_summaries_with(&|_, _| {})?;
    // The app's Customers screen lists the same rows.
    let rows = crate::report::customers::rows(
        book.customers.iter().map(|(_, c)| c),
        &report.orders,
        &[],
        local_date(ctx.now),
    );
    match format {
        Format::Csv => {
            let records: Vec<[String; 7]> = rows
                .iter()
                .map(crate::report::csv::customer_record)
                .collect();
            crate::report::csv::customers(&records, &mut *out).map_err(csv_error)?;
        }
        Format::Table => {
            if rows.is_empty() {
                writeln!(
                    out,
                    "No customers yet: add one with `order-desk customer add --name NAME --country CODE`."
                )?;
            } else {
                let mut t = Table::new(&[
                    Align::Left,
                    Align::Left,
                    Align::Left,
                    Align::Left,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                ]);
                // Booked and net as Reports count them (net: refunds taken off).
                t.row([
                    "CUSTOMER", "COUNTRY", "REGION", "SOURCE", "ORDERS", "BOOKED", "NET",
                ]);
                for row in &rows {
                    let [country, region, _] = country_cells(row.customer);
                    t.row([
                        fit(&clean(&row.name), NAME_WIDTH),
                        country,
                        match (row.customer, region.is_empty()) {
                            (Some(_), true) => "not covered".into(),
                            _ => region.to_uppercase(),
                        },
                        if row.customer.is_some() {
                            "book".into()
                        } else {
                            "orders only".to_string()
                        },
                        row.orders.len().to_string(),
                        format_usd(row.measures.booked),
                        format_usd(row.measures.net()),
                    ]);
                }
                t.write(out, "")?;
                let in_book = rows.iter().filter(|r| r.customer.is_some()).count();
                writeln!(
                    out,
                    "{} customer{}: {in_book} in the book, {} seen only in orders",
                    rows.len(),
                    if rows.len() == 1 { "" } else { "s" },
                    rows.len() - in_book
                )?;
            }
        }
    }
    let damaged: Vec<DamagedFile> = book.damaged.into_iter().chain(report.damaged).collect();
    if damaged.is_empty() {
        return Ok(());
    }
    out.flush()?;
    super::report_unread(&damaged, ctx.store.dir())
}

fn show(ctx: &Context, name: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let book = ctx.store.load_customers()?;
    report_damaged(&book.damaged);
    let report = ctx.store.load_summaries_with(&|_, _| {})?;
    let key = name_key(name);
    let customer = book.find(name);
    let mut orders: Vec<&OrderSummary> = report
        .orders
        .iter()
        .filter(|o| name_key(&o.customer) == key)
        .collect();
    orders.sort_by_key(|o| std::cmp::Reverse(o.created_at));
    if customer.is_none() && orders.is_empty() {
        let mut names: Vec<String> = book
            .customers
            .iter()
            .map(|(_, c)| c.name.clone())
            .chain(report.orders.iter().map(|o| o.customer.clone()))
            .filter(|n| name_key(n).contains(&key) || key.contains(&name_key(n)))
            .map(|n| clean(&n).into_owned())
            .collect();
        names.sort();
        names.dedup();
        names.truncate(3);
        let hint = if names.is_empty() {
            "list them with `order-desk customers`".to_string()
        } else {
            format!("did you mean {}?", names.join(", "))
        };
        return Err(CliError::Usage(format!(
            "no customer '{}' in the book or in any order: {hint}",
            clean(name)
        )));
    }
    let mut head = Table::new(&[Align::Left, Align::Left]);
    match customer {
        Some(c) => {
            head.row(["Customer", &clean(&c.name)]);
            if let Some(a) = c.country_answer() {
                head.row(["Country".to_string(), format!("{} ({})", a.country, a.code)]);
                head.row([
                    "Region".to_string(),
                    match a.region {
                        Some(r) => clean(&ctx.catalog.region_full_name(r)).into_owned(),
                        None => "none: the price list names no region; an order needs --region and --region-reason".into(),
                    },
                ]);
                head.row(["Basis".to_string(), a.basis_text()]);
            }
            for (label, value) in [
                ("Contact", &c.contact),
                ("Email", &c.email),
                ("Tax id", &c.tax_id),
            ] {
                if let Some(v) = value {
                    head.row([label, &clean(v)]);
                }
            }
            head.write(out, "")?;
            // Address and note may run over several lines: each line indented under its label.
            for (label, value) in [("Address", &c.address), ("Note", &c.note)] {
                if let Some(v) = value {
                    writeln!(out, "{label}")?;
                    for line in v.lines() {
                        writeln!(out, "  {}", clean(line))?;
                    }
                }
            }
            clashes_section(c, out)?;
        }
        None => {
            head.row([
                "Customer".to_string(),
                clean(&orders[0].customer).into_owned(),
            ]);
            head.row([
                "In the book".to_string(),
                "no: add them with `order-desk customer add --name NAME --country CODE`"
                    .to_string(),
            ]);
            head.write(out, "")?;
        }
    }
    writeln!(out)?;
    if orders.is_empty() {
        writeln!(out, "No orders yet.")?;
        return Ok(());
    }
    writeln!(out, "Orders")?;
    let today = local_date(ctx.now);
    let mut t = Table::new(&[
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
    ]);
    for o in &orders {
        t.row([
            o.id.clone(),
            local_date(o.created_at).to_string(),
            o.region.to_string(),
            format_usd(o.total),
            o.effective_status(today).label().to_string(),
        ]);
    }
    t.write(out, "  ")?;
    Ok(())
}
