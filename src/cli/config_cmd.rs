//! `order-desk config init|show`: the seller profile that heads every document.

use std::io::Write;

use super::{CliError, ConfigCommand, Context};
use crate::document::seller;
use crate::domain::text::{clean, path};

pub(super) fn run(
    ctx: &Context,
    action: ConfigCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let dirs = ctx.store.user_dirs();
    match action {
        ConfigCommand::Init { force } => {
            let written = seller::init(dirs, force)?;
            writeln!(out, "{}", path(&written))?;
            eprintln!(
                "Wrote a commented seller profile: fill in your company, address, contact and payment terms, then check it with `order-desk config show`."
            );
            Ok(())
        }
        ConfigCommand::Show => show(dirs, out),
    }
}

fn show(dirs: &crate::store::user_dirs::UserDirs, out: &mut dyn Write) -> Result<(), CliError> {
    let Some(file) = seller::profile_path(dirs) else {
        return Err(seller::SellerError::NoConfigFolder.into());
    };
    let templates = seller::templates_dir(dirs)
        .map(|d| path(&d))
        .unwrap_or_default();
    match seller::load(dirs)? {
        None => {
            writeln!(out, "No seller profile at {}.", path(&file))?;
            writeln!(
                out,
                "Documents have a neutral header and quotes stay open {} days; write one with `order-desk config init`.",
                seller::DEFAULT_VALIDITY_DAYS
            )?;
        }
        Some(p) => {
            writeln!(out, "Seller profile {}", path(&file))?;
            writeln!(out, "  Company        {}", clean(&p.company))?;
            let mut address = p.address.lines();
            writeln!(
                out,
                "  Address        {}",
                clean(address.next().unwrap_or(""))
            )?;
            for line in address {
                writeln!(out, "                 {}", clean(line))?;
            }
            writeln!(out, "  Contact        {}", clean(&p.contact))?;
            writeln!(out, "  Payment terms  {}", clean(&p.payment_terms))?;
            writeln!(out, "  Quotes valid   {} days", p.quote_validity_days)?;
            writeln!(out, "  PDF paper      {}", p.paper.label())?;
        }
    }
    writeln!(
        out,
        "Own templates (quote.html.j2, order.html.j2) are read from {templates}"
    )?;
    Ok(())
}
