//! `order-desk order …`: place an order, show it, move its status, repurchase it.
//!
//! Every status change goes through the store, which re-reads the file under the folder's
//! lock and asks the one guard in [`crate::domain::rules`]; a refusal changes no file.

use std::io::Write;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::args::{Item, NewOrder};
use super::table::{Align, Table};
use super::{CliError, Context, OrderCommand, checked_note};
use crate::desk;
use crate::domain::cart::Cart;
use crate::domain::catalog::{Catalog, Region};
use crate::domain::money::format_usd;
use crate::domain::order::{CheckoutForm, Order, Status, local_date};
use crate::domain::region::{self, Settled};
use crate::domain::rules::{self, Transition};
use crate::domain::text::clean;
use crate::store::StoreError;

pub(super) fn run(
    ctx: &Context,
    action: OrderCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match action {
        OrderCommand::New(args) => new_order(ctx, args, out),
        OrderCommand::Show { id } => {
            let order = ctx.store.load(&id)?;
            show(ctx, &order, out)
        }
        OrderCommand::Start { id } => change(ctx, &id, Transition::StartDelivery, None, out),
        OrderCommand::Deliver { id } => change(ctx, &id, Transition::MarkDelivered, None, out),
        OrderCommand::Refund { id, reason } => {
            let reason = checked_note(reason)?;
            change(ctx, &id, Transition::Refund, reason, out)
        }
        OrderCommand::Repurchase { id } => repurchase(ctx, &id, out),
        OrderCommand::Export(args) => super::export_cmd::order(ctx, args, out),
        OrderCommand::Decide { id, keep, reason } => decide(ctx, &id, &keep, reason, out),
    }
}

fn new_order(ctx: &Context, args: NewOrder, out: &mut dyn Write) -> Result<(), CliError> {
    let rep = ctx.checked_rep()?;
    let catalog = ctx.list_catalog(args.list.as_deref())?;
    let settled = settle_region(
        ctx,
        &catalog,
        &args.customer,
        args.country.as_deref(),
        args.region,
        args.region_reason.clone(),
    )?;
    let cart = cart_of(&catalog, settled.region, &args.items)?;
    let form = CheckoutForm {
        customer: args.customer,
        rep: rep.to_string(),
        note: checked_note(args.note)?.unwrap_or_default(),
        valid_until: args.valid_until,
        reference: args.reference.unwrap_or_default(),
        internal_note: args.internal_note.unwrap_or_default(),
    };
    let order = desk::price_order(&cart, &catalog, &form, settled, String::new(), ctx.now)?;
    let saved = ctx.store.save_new(order, &ctx.desk)?;
    writeln!(out, "{}", saved.id)?;
    Ok(())
}

/// The items typed with `--item SKU[=QTY]`, in a cart of `region`.
pub(super) fn cart_of(catalog: &Catalog, region: Region, items: &[Item]) -> Result<Cart, CliError> {
    let mut cart = Cart::new(region);
    for item in items {
        cart.add(catalog, &item.sku, item.quantity)
            .map_err(|e| CliError::Usage(e.to_string()))?;
    }
    Ok(cart)
}

/// The order's region, country and how the region was chosen, settled by
/// [`desk::settle_region`] as the app settles its checkout form: the country typed, or
/// else the one the desk knows for the customer (the book, then past quotes and orders);
/// with one, a typed region against it needs a reason. Without a country, `--region` is
/// required: the command line has no cart region to fall back on.
pub(super) fn settle_region(
    ctx: &Context,
    catalog: &Catalog,
    customer: &str,
    typed_country: Option<&str>,
    typed_region: Option<Region>,
    reason: Option<String>,
) -> Result<Settled, CliError> {
    let reason = checked_note(reason)?;
    let input = desk::RegionInput {
        country: typed_country,
        region: typed_region,
        reason: reason.as_deref(),
    };
    let typed = typed_country.is_some_and(|c| !c.trim().is_empty());
    // What the desk knows is read only when no country was typed. A damaged customer,
    // quote or order file is skipped (the rep can still type --country or --region); a
    // folder that is not a real folder stops the order with that reason rather than
    // being silently ignored.
    let (book, quotes, orders) = if typed {
        Default::default()
    } else {
        known_customers(ctx)?
    };
    let known = desk::Known {
        book: &book,
        quotes: &quotes,
        orders: &orders,
    };
    match desk::settle_region(catalog, customer, input, &known, None) {
        Ok(settled) => Ok(settled),
        Err(region::SettleError::NoRegion) => Err(CliError::Usage(format!(
            "no region for {}: give --country COUNTRY (the region is derived from it), or --region {}; add the customer to the book with `order-desk customer add` to skip this next time",
            clean(customer),
            catalog.region_codes()
        ))),
        Err(e) => Err(CliError::Usage(e.to_string())),
    }
}

/// The customer book, the quotes and the orders' summaries, as the app holds them.
fn known_customers(ctx: &Context) -> Result<KnownBooks, CliError> {
    let book = ctx.store.load_customers()?;
    let quotes = ctx.store.load_quotes()?;
    let orders = ctx.store.load_summaries_with(&|_, _| {})?;
    Ok((
        book.customers.into_iter().map(|(_, c)| c).collect(),
        quotes.quotes,
        orders.orders,
    ))
}

type KnownBooks = (
    Vec<crate::domain::customer::Customer>,
    Vec<crate::domain::quote::Quote>,
    Vec<crate::store::summary::OrderSummary>,
);

fn change(
    ctx: &Context,
    id: &str,
    action: Transition,
    note: Option<String>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let rep = ctx.checked_rep()?;
    match ctx.store.transition(id, None, action, rep, note, ctx.now) {
        Ok(order) => {
            let from = order
                .history
                .last()
                .and_then(|c| c.from)
                .map_or("?", Status::label);
            writeln!(out, "{id}: {from} -> {}", order.status.label())?;
            Ok(())
        }
        Err(StoreError::Refused(refusal)) => Err(CliError::Refused {
            id: id.to_string(),
            refusal,
        }),
        Err(e) => Err(e.into()),
    }
}

fn decide(
    ctx: &Context,
    id: &str,
    keep: &str,
    reason: Option<String>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let rep = ctx.checked_rep()?;
    let why = checked_note(reason)?.unwrap_or_else(|| "decided at the desk".to_string());
    match ctx.store.decide(id, keep, rep, &why, ctx.now) {
        Ok(order) => {
            let voided = order
                .voided
                .last()
                .map(|v| format!("{} by {} voided", v.change.to.label(), clean(&v.change.by)));
            writeln!(
                out,
                "{id}: {}; now {}{}",
                voided.unwrap_or_default(),
                order.status.label(),
                if order.needs_decision() {
                    " (another decision waits: see `order-desk order show`)"
                } else {
                    ""
                }
            )?;
            Ok(())
        }
        Err(crate::store::DecideError::Store(e)) => Err(e.into()),
        Err(e @ crate::store::DecideError::Refused(_)) => Err(CliError::Usage(e.to_string())),
    }
}

fn repurchase(ctx: &Context, id: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let old = ctx.store.load(id)?;
    let rep = ctx.checked_rep()?;
    // Repurchased at the newest version of the order's own list.
    let catalog = ctx.list_catalog(old.list.as_ref().map(|l| l.id.as_str()))?;
    let order = desk::repurchase(&old, &catalog, rep, ctx.now).map_err(|e| match e {
        desk::AgainError::NotSold(missing) => CliError::Repurchase(format!(
            "cannot repurchase {id}: the current price list does not sell {}; nothing was saved, place a new order with `order-desk order new` instead",
            missing.join(", ")
        )),
        e => CliError::Repurchase(format!("cannot repurchase {id}: {e}; nothing was saved")),
    })?;
    let saved = ctx.store.save_new(order, &ctx.desk)?;
    writeln!(out, "{}", saved.id)?;
    Ok(())
}

/// A timestamp on this machine's clock, to the minute.
pub(super) fn local_time(at: Timestamp) -> String {
    TimeZone::system()
        .to_datetime(at)
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn show(ctx: &Context, order: &Order, out: &mut dyn Write) -> Result<(), CliError> {
    let today = local_date(ctx.now);
    let status = order.effective_status(today);
    let mut head = Table::new(&[Align::Left, Align::Left]);
    head.row(["Order", order.id.as_str()]);
    head.row(["Customer", &clean(&order.customer)]);
    head.row(["Sales rep", &clean(&order.rep)]);
    let priced = ctx.priced(
        order.list.as_ref(),
        order.catalog_date,
        order.region,
        order.country.as_deref(),
    );
    head.row(["Region".to_string(), priced.region]);
    let answer = priced.answer;
    if let Some(a) = &answer {
        head.row(["Country".to_string(), format!("{} ({})", a.country, a.code)]);
    }
    if let Some(choice) = &order.region_choice {
        head.row([
            "Region chosen".to_string(),
            choice.describe(answer.as_ref()),
        ]);
    }
    head.row(["Placed".to_string(), local_time(order.created_at)]);
    head.row(["Price list".to_string(), priced.list]);
    head.row([
        "Valid until".to_string(),
        order
            .valid_until
            .map_or_else(|| "no end date".to_string(), |d| d.to_string()),
    ]);
    if let Some(old) = &order.repurchase_of {
        head.row(["Repurchase of", &clean(old)]);
    }
    if let Some(quote) = &order.quote {
        head.row(["From quote", &clean(quote)]);
    }
    if let Some(reference) = &order.reference {
        head.row(["Reference", &clean(reference)]);
    }
    if let Some(note) = &order.note {
        head.row(["Note", &clean(note)]);
    }
    if let Some(note) = &order.internal_note {
        head.row(["Internal note", &clean(note)]);
    }
    let status_text = match (status, order.valid_until) {
        (Status::Expired, Some(until)) => format!("Expired (still unused after {until})"),
        _ => status.label().to_string(),
    };
    head.row(["Status".to_string(), status_text]);
    head.write(out, "")?;
    decision_section(order, out)?;

    writeln!(out)?;
    let mut lines = Table::new(&[
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Right,
        Align::Right,
    ]);
    lines.row([
        "SKU",
        "SPECIFICATION",
        "QTY",
        "UNIT",
        "UNIT PRICE",
        "LINE TOTAL",
    ]);
    let mut unknown = false;
    for line in &order.lines {
        // A SKU the price list in use does not sell is marked, never passed off as one.
        let known = ctx.catalog.get(&line.sku).is_some();
        unknown |= !known;
        lines.row([
            format!("{}{}", clean(&line.sku), if known { "" } else { "?" }),
            clean(&line.name).into_owned(),
            line.quantity.to_string(),
            line.unit.to_string(),
            format_usd(line.unit_price),
            format_usd(line.line_total),
        ]);
    }
    lines.row(["", "", "", "", "TOTAL", &format_usd(order.total)]);
    lines.write(out, "  ")?;
    if unknown {
        writeln!(
            out,
            "  ? not in the price list in use (the order was priced from the list of {})",
            order.catalog_date
        )?;
    }

    writeln!(out)?;
    writeln!(out, "History")?;
    let mut history = Table::new(&[Align::Left, Align::Left, Align::Left, Align::Left]);
    for change in &order.history {
        let what = match change.from {
            None => format!("placed as {}", change.to.label()),
            Some(from) => format!("{} -> {}", from.label(), change.to.label()),
        };
        history.row([
            local_time(change.at),
            what,
            format!("by {}", clean(&change.by)),
            change
                .note
                .as_deref()
                .map(|n| clean(n).into_owned())
                .unwrap_or_default(),
        ]);
    }
    history.write(out, "  ")?;
    if !order.voided.is_empty() {
        writeln!(out)?;
        writeln!(out, "Voided by a decision")?;
        let mut voided = Table::new(&[Align::Left, Align::Left, Align::Left, Align::Left]);
        for v in &order.voided {
            voided.row([
                local_time(v.change.at),
                format!(
                    "{} -> {} by {}",
                    v.change.from.map_or("?", Status::label),
                    v.change.to.label(),
                    clean(&v.change.by)
                ),
                format!("voided by {} {}", clean(&v.by), local_time(v.at)),
                clean(&v.why).into_owned(),
            ]);
        }
        voided.write(out, "  ")?;
    }

    writeln!(out)?;
    writeln!(out, "What can happen next")?;
    let mut next = Table::new(&[Align::Left, Align::Left]);
    for (transition, answer) in rules::next_steps(order, today) {
        let text = match answer {
            Ok(to) => format!(
                "allowed, becomes {}: order-desk order {}",
                to.label(),
                command_for(transition, &order.id)
            ),
            Err(refusal) => format!("not allowed: {}", refusal.reason),
        };
        next.row([transition.label().to_string(), text]);
    }
    next.row([
        "Repurchase".to_string(),
        format!(
            "always possible, as a new order at today's prices: order-desk order repurchase {}",
            order.id
        ),
    ]);
    next.write(out, "  ")?;
    Ok(())
}

/// Says that an order needs a decision, with the two changes and how to settle it.
fn decision_section(order: &Order, out: &mut dyn Write) -> Result<(), CliError> {
    let Some(options) = crate::domain::decision::options(order) else {
        return Ok(());
    };
    writeln!(out)?;
    writeln!(
        out,
        "NEEDS A DECISION: two desks recorded changes the rules do not allow together;"
    )?;
    writeln!(
        out,
        "every status change is refused until a rep keeps one of them:"
    )?;
    let mut t = Table::new(&[Align::Left, Align::Left, Align::Left, Align::Left]);
    for (i, change) in options.iter().enumerate() {
        let Some(c) = change else { continue };
        t.row([
            format!("[{}]", i + 1),
            local_time(c.at),
            format!(
                "{} -> {} by {}",
                c.from.map_or("?", Status::label),
                c.to.label(),
                clean(&c.by)
            ),
            c.note
                .as_deref()
                .map(|n| clean(n).into_owned())
                .unwrap_or_default(),
        ]);
    }
    t.write(out, "  ")?;
    writeln!(
        out,
        "  settle it: order-desk order decide {} --keep 1|2 --reason TEXT",
        order.id
    )?;
    Ok(())
}

fn command_for(transition: Transition, id: &str) -> String {
    match transition {
        Transition::StartDelivery => format!("start {id}"),
        Transition::MarkDelivered => format!("deliver {id}"),
        Transition::Refund => format!("refund {id} --reason TEXT"),
    }
}
