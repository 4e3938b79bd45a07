//! `order-desk quote …` and `order-desk quotes`: offers saved before an order, accepted
//! at the quoted prices.

use std::io::Write;

use jiff::ToSpan;

use super::catalog_view::csv_error;
use super::order_cmd::{cart_of, local_time, settle_region};
use super::table::{Align, Table, fit};
use super::{CliError, Context, Format, NewQuote, QuoteCommand, checked_note};
use crate::desk;
use crate::domain::money::format_usd;
use crate::domain::order::{CheckoutForm, local_date};
use crate::domain::quote::{Quote, QuoteStatus, Standing};
use crate::domain::text::clean;

pub(super) fn run(
    ctx: &Context,
    action: QuoteCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match action {
        QuoteCommand::New(args) => new_quote(ctx, args, out),
        QuoteCommand::Show { id } => {
            let q = ctx.store.load_quote(&id)?;
            show(ctx, &q, out)
        }
        QuoteCommand::Accept { id } => {
            let rep = ctx.checked_rep()?;
            let order = ctx.store.accept_quote(&id, rep, &ctx.desk, ctx.now)?;
            writeln!(out, "{}", order.id)?;
            Ok(())
        }
        QuoteCommand::Decline { id, reason } => {
            let rep = ctx.checked_rep()?;
            let reason = checked_note(reason)?;
            let q = ctx.store.decline_quote(&id, rep, reason, ctx.now)?;
            writeln!(out, "{}: declined", q.id)?;
            Ok(())
        }
        QuoteCommand::Requote { id } => requote(ctx, &id, out),
        QuoteCommand::Revise(args) => revise(ctx, args, out),
        QuoteCommand::Export(args) => super::export_cmd::quote(ctx, args, out),
        QuoteCommand::Decide { id, keep, reason } => {
            let rep = ctx.checked_rep()?;
            let why = checked_note(reason)?.unwrap_or_else(|| "decided at the desk".into());
            match ctx.store.decide_quote(&id, &keep, rep, &why, ctx.now) {
                Ok(q) => {
                    writeln!(out, "{}: {}", q.id, status_text(&q.status))?;
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

/// A closed quote's status in a few words.
fn status_text(status: &QuoteStatus) -> String {
    match status {
        QuoteStatus::Accepted { order, by, .. } => {
            format!("accepted as order {} by {}", clean(order), clean(by))
        }
        QuoteStatus::Declined { by, .. } => format!("declined by {}", clean(by)),
        QuoteStatus::Superseded { quote, by, .. } => {
            format!("revised as {} by {}", clean(quote), clean(by))
        }
        QuoteStatus::Open => "open".into(),
    }
}

/// When a closing was recorded, in this machine's time zone.
fn closing_time(status: &QuoteStatus) -> String {
    match status {
        QuoteStatus::Accepted { at, .. }
        | QuoteStatus::Declined { at, .. }
        | QuoteStatus::Superseded { at, .. } => local_time(*at),
        QuoteStatus::Open => String::new(),
    }
}

/// The day a new quote stays open until when the rep names none: the seller profile's
/// days from today. A damaged profile stops the quote rather than silently falling back
/// to another number of days.
fn default_valid_until(ctx: &Context) -> Result<jiff::civil::Date, CliError> {
    let profile = crate::document::seller::load(ctx.store.user_dirs())?;
    let days = i64::from(crate::document::seller::validity_days(profile.as_ref()));
    Ok(local_date(ctx.now).saturating_add(days.days()))
}

fn new_quote(ctx: &Context, args: NewQuote, out: &mut dyn Write) -> Result<(), CliError> {
    let catalog = ctx.list_catalog(args.list.as_deref())?;
    let settled = settle_region(
        ctx,
        &catalog,
        &args.customer,
        args.country.as_deref(),
        args.region,
        args.region_reason.clone(),
    )?;
    let rep = ctx.checked_rep()?;
    let cart = cart_of(&catalog, settled.region, &args.items)?;
    let valid_until = match args.valid_until {
        Some(date) => date,
        None => default_valid_until(ctx)?,
    };
    let form = CheckoutForm {
        customer: args.customer,
        rep: rep.to_string(),
        note: checked_note(args.note)?.unwrap_or_default(),
        valid_until: None,
        reference: args.reference.unwrap_or_default(),
        internal_note: args.internal_note.unwrap_or_default(),
    };
    let q = desk::price_quote(
        &cart,
        &catalog,
        &form,
        settled,
        valid_until,
        local_date(ctx.now),
        ctx.now,
    )?;
    let saved = ctx.store.save_new_quote(q, &ctx.desk)?;
    writeln!(out, "{}", saved.id)?;
    Ok(())
}

fn revise(
    ctx: &Context,
    args: super::args::ReviseQuote,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let old = ctx.store.load_quote(&args.id)?;
    let rep = ctx.checked_rep()?;
    // Priced at the newest version of the quote's own list.
    let catalog = ctx.list_catalog(old.list.as_ref().map(|l| l.id.as_str()))?;
    let note = checked_note(args.note)?;
    let reason = checked_note(args.region_reason)?;
    let changes = desk::Changes {
        set: args
            .items
            .iter()
            .map(|i| (i.sku.clone(), i.quantity))
            .collect(),
        remove: args.remove.clone(),
        customer: args.customer.as_deref(),
        region: desk::RegionInput {
            country: args.country.as_deref(),
            region: args.region,
            reason: reason.as_deref(),
        },
        valid_until: args.valid_until,
        note: note.as_deref(),
        reference: args.reference.as_deref(),
        internal_note: args.internal_note.as_deref(),
    };
    let q = desk::revise(
        &old,
        &catalog,
        rep,
        &changes,
        &desk::Known::default(),
        local_date(ctx.now),
        ctx.now,
    )
    .map_err(|e| match e {
        desk::ReviseError::Closed(r) => CliError::from(crate::store::StoreError::from(r)),
        desk::ReviseError::Again(desk::AgainError::Checkout(e)) => e.into(),
        e => CliError::Usage(format!("cannot revise {}: {e}; nothing was saved", old.id)),
    })?;
    let saved = ctx.store.save_revision(q, rep, ctx.now)?;
    writeln!(out, "{}", saved.id)?;
    Ok(())
}

fn requote(ctx: &Context, id: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let old = ctx.store.load_quote(id)?;
    let rep = ctx.checked_rep()?;
    let until = default_valid_until(ctx)?;
    // Re-quoted at the newest version of the quote's own list.
    let catalog = ctx.list_catalog(old.list.as_ref().map(|l| l.id.as_str()))?;
    let q = desk::requote(&old, &catalog, rep, until, ctx.now).map_err(|e| match e {
        desk::AgainError::NotSold(missing) => CliError::Repurchase(format!(
            "cannot re-quote {id}: the current price list does not sell {}; nothing was saved, make a new quote with `order-desk quote new`",
            missing.join(", ")
        )),
        desk::AgainError::Checkout(e) => e.into(),
        desk::AgainError::Cart(e) => CliError::Usage(e.to_string()),
    })?;
    let saved = ctx.store.save_new_quote(q, &ctx.desk)?;
    writeln!(out, "{}", saved.id)?;
    Ok(())
}

fn show(ctx: &Context, q: &Quote, out: &mut dyn Write) -> Result<(), CliError> {
    let today = local_date(ctx.now);
    let standing = q.standing(today);
    let priced = ctx.priced(
        q.list.as_ref(),
        q.catalog_date,
        q.region,
        q.country.as_deref(),
    );
    let answer = priced.answer;
    let mut head = Table::new(&[Align::Left, Align::Left]);
    head.row(["Quote", q.id.as_str()]);
    head.row(["Customer", &clean(&q.customer)]);
    head.row(["Sales rep", &clean(&q.rep)]);
    head.row(["Region".to_string(), priced.region]);
    if let Some(a) = &answer {
        head.row(["Country".to_string(), format!("{} ({})", a.country, a.code)]);
    }
    if let Some(choice) = &q.region_choice {
        head.row([
            "Region chosen".to_string(),
            choice.describe(answer.as_ref()),
        ]);
    }
    head.row([
        "Made".to_string(),
        q.created_at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    ]);
    head.row(["Price list".to_string(), priced.list]);
    head.row(["Valid until".to_string(), q.valid_until.to_string()]);
    if let Some(old) = &q.requote_of {
        head.row(["Re-quote of", &clean(old)]);
    }
    if let Some(reference) = &q.reference {
        head.row(["Reference", &clean(reference)]);
    }
    if let Some(note) = &q.note {
        head.row(["Note", &clean(note)]);
    }
    if let Some(note) = &q.internal_note {
        head.row(["Internal note", &clean(note)]);
    }
    let status = match &q.status {
        _ if !q.contested.is_empty() => {
            let mut text = format!("NEEDS A DECISION: [1] {}", status_text(&q.status));
            for (i, other) in q.contested.iter().enumerate() {
                text.push_str(&format!(" or [{}] {}", i + 2, status_text(other)));
            }
            text.push_str(&format!(
                "; settle it: order-desk quote decide {} --keep 1|2",
                q.id
            ));
            text
        }
        QuoteStatus::Accepted { order, by, .. } => {
            format!("Accepted as order {} by {}", clean(order), clean(by))
        }
        QuoteStatus::Declined { reason, by, .. } => format!(
            "Declined by {}{}",
            clean(by),
            reason
                .as_deref()
                .map_or(String::new(), |r| format!(": {}", clean(r)))
        ),
        QuoteStatus::Superseded { quote, by, .. } => {
            format!("Superseded: revised as {} by {}", clean(quote), clean(by))
        }
        QuoteStatus::Open if standing == Standing::Lapsed => {
            format!("Lapsed (still open after {})", q.valid_until)
        }
        QuoteStatus::Open => "Open".to_string(),
    };
    head.row(["Status".to_string(), status]);
    // A closing a decision set aside stays on record, with who voided it and why.
    for v in &q.voided {
        head.row([
            "Voided".to_string(),
            format!(
                "{} ({}), voided by {} {}: {}",
                status_text(&v.status),
                closing_time(&v.status),
                clean(&v.by),
                local_time(v.at),
                clean(&v.why)
            ),
        ]);
    }
    head.write(out, "")?;
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
    for line in &q.lines {
        lines.row([
            clean(&line.sku).into_owned(),
            clean(&line.name).into_owned(),
            line.quantity.to_string(),
            line.unit.to_string(),
            format_usd(line.unit_price),
            format_usd(line.line_total),
        ]);
    }
    lines.row(["", "", "", "", "TOTAL", &format_usd(q.total)]);
    lines.write(out, "  ")?;
    writeln!(out)?;
    writeln!(out, "What can happen next")?;
    let next = match standing {
        _ if !q.contested.is_empty() => format!(
            "  decide first which closing stands: order-desk quote decide {} --keep 1|2 --reason TEXT (or K in the app's Quotes)",
            q.id
        ),
        Standing::Open => format!(
            "  accept at these prices until {}: order-desk quote accept {id}\n  revise: order-desk quote revise {id} --item SKU[=QTY] --remove SKU\n  decline: order-desk quote decline {id} --reason TEXT",
            q.valid_until,
            id = q.id
        ),
        Standing::Lapsed => format!(
            "  not allowed to accept: it lapsed after {}; re-quote at today's prices: order-desk quote requote {}",
            q.valid_until, q.id
        ),
        Standing::Superseded => format!(
            "  nothing: a newer revision replaced it; see order-desk quote show {}",
            match &q.status {
                QuoteStatus::Superseded { quote, .. } => clean(quote).into_owned(),
                _ => String::new(),
            }
        ),
        Standing::Accepted | Standing::Declined => format!(
            "  nothing: the quote is closed; re-quote at today's prices: order-desk quote requote {}",
            q.id
        ),
    };
    writeln!(out, "{next}")?;
    Ok(())
}

pub(super) fn list(
    ctx: &Context,
    status: Option<Standing>,
    expiring_within: Option<u32>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let book = ctx.store.load_quotes()?;
    let today = local_date(ctx.now);
    let shown: Vec<(&Quote, Standing)> = book
        .quotes
        .iter()
        .map(|q| (q, q.standing(today)))
        .filter(|(_, s)| status.is_none_or(|w| *s == w))
        .filter(|(q, _)| expiring_within.is_none_or(|days| q.expires_within(today, days)))
        .collect();
    match format {
        Format::Csv => {
            crate::report::csv::quotes(shown.iter().map(|(q, s)| (*q, *s)), out)
                .map_err(csv_error)?;
        }
        Format::Table if shown.is_empty() => {
            writeln!(
                out,
                "No quotes{}{}.",
                status.map_or(String::new(), |s| format!(" with status {}", s.label())),
                expiring_within.map_or(String::new(), |d| format!(
                    " open and lapsing within {d} day(s)"
                ))
            )?;
        }
        Format::Table => {
            let mut t = Table::new(&[
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Left,
            ]);
            t.row([
                "ID",
                "CUSTOMER",
                "COUNTRY",
                "REGION",
                "TOTAL",
                "VALID UNTIL",
                "STATUS",
            ]);
            for (q, s) in &shown {
                t.row([
                    q.id.clone(),
                    fit(&clean(&q.customer), 32),
                    q.country.clone().unwrap_or_default(),
                    q.region.to_string(),
                    format_usd(q.total),
                    q.valid_until.to_string(),
                    match &q.status {
                        QuoteStatus::Accepted { order, .. } => format!("Accepted → {order}"),
                        _ => s.label().to_string(),
                    },
                ]);
            }
            t.write(out, "")?;
        }
    }
    out.flush()?;
    super::report_unread(&book.damaged, &ctx.store.quotes_dir())
}
