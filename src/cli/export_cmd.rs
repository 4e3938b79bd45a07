//! `order-desk quote export` and `order-desk order export`: the documents a customer gets.
//!
//! The path written goes to stdout (for scripts); what the rep should know (no seller
//! profile yet) goes to stderr.

use std::io::Write;
use std::path::PathBuf;

use super::{CliError, Context, ExportArgs};
use crate::document::parts::Parts;
use crate::document::{self, model::Kind};
use crate::domain::order::local_date;

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

pub(super) fn quote(ctx: &Context, args: ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let q = ctx.store.load_quote(&args.id)?;
    let parts = Parts::gather(&ctx.store, &q.customer)?;
    // The quote's own list, at the version it was priced at: its regions and terms.
    let catalog = ctx.catalog_of(q.list.as_ref(), q.catalog_date)?;
    let src = parts.sources(&catalog, local_date(ctx.now));
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
    let parts = Parts::gather(&ctx.store, &o.customer)?;
    let catalog = ctx.catalog_of(o.list.as_ref(), o.catalog_date)?;
    let src = parts.sources(&catalog, local_date(ctx.now));
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
