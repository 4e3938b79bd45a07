//! `order-desk quote export` and `order-desk order export`: the documents a customer gets.
//!
//! The path written goes to stdout (for scripts); what the rep should know (no seller
//! profile yet) goes to stderr.

use std::io::Write;
use std::path::PathBuf;

use super::{CliError, Context, ExportArgs};
use crate::document::seller::{self, SellerProfile};
use crate::document::{self, Sources, model::Kind};
use crate::domain::order::local_date;

/// What every export needs from the user's folders: the profile and the templates folder.
struct UserParts {
    seller: Option<SellerProfile>,
    templates: Option<PathBuf>,
}

fn user_parts(ctx: &Context) -> Result<UserParts, CliError> {
    let dirs = ctx.store.user_dirs();
    Ok(UserParts {
        seller: seller::load(dirs)?,
        templates: seller::templates_dir(dirs),
    })
}

/// Writes the bytes where asked (or to the default name here) and prints the path.
fn write(
    kind: Kind,
    id: &str,
    args: &ExportArgs,
    bytes: &[u8],
    has_seller: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(document::default_file_name(kind, id, args.format)));
    document::export_to_file(bytes, &path, args.force)?;
    writeln!(out, "{}", crate::domain::text::path(&path))?;
    if !has_seller {
        eprintln!(
            "note: no seller profile yet, so the document has a neutral header; write one with `order-desk config init`"
        );
    }
    Ok(())
}

fn sources<'a>(ctx: &'a Context, parts: &'a UserParts) -> Sources<'a> {
    Sources {
        catalog: &ctx.catalog,
        seller: parts.seller.as_ref(),
        customer: None,
        templates: parts.templates.as_deref(),
        today: local_date(ctx.now),
    }
}

/// The customer's book entry, when the book holds one by that name; a damaged or
/// unreadable book only loses the address block, never the document.
fn book_entry(ctx: &Context, name: &str) -> Option<crate::domain::customer::Customer> {
    ctx.store
        .load_customers()
        .ok()
        .and_then(|book| book.find(name).cloned())
}

pub(super) fn quote(ctx: &Context, args: ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let q = ctx.store.load_quote(&args.id)?;
    let parts = user_parts(ctx)?;
    let customer = book_entry(ctx, &q.customer);
    let mut src = sources(ctx, &parts);
    src.customer = customer.as_ref();
    let bytes = document::render_quote(&q, &src, args.format)?;
    write(
        Kind::Quote,
        &q.id,
        &args,
        &bytes,
        parts.seller.is_some(),
        out,
    )
}

pub(super) fn order(ctx: &Context, args: ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let o = ctx.store.load(&args.id)?;
    let parts = user_parts(ctx)?;
    let customer = book_entry(ctx, &o.customer);
    let mut src = sources(ctx, &parts);
    src.customer = customer.as_ref();
    let bytes = document::render_order(&o, &src, args.format)?;
    write(
        Kind::Order,
        &o.id,
        &args,
        &bytes,
        parts.seller.is_some(),
        out,
    )
}
