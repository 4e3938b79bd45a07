//! The terminal app: browse the price list, build a cart, check out and follow orders.

use std::path::PathBuf;

use crate::catalog::Catalog;

/// What the app needs to start; the binary fills it from flags and the environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub catalog: Catalog,
    /// Where the price list came from ("built-in" or a path), for the status bar.
    pub catalog_label: String,
    pub orders_dir: PathBuf,
    /// The sales rep, prefilled at checkout and recorded in status changes.
    pub rep: String,
    /// This desk's tag, used in order ids and the cart draft's file name.
    pub desk: String,
}

/// Runs the app until the rep quits. Placeholder until the terminal app lands: prints
/// the price list.
pub fn run(config: Config) -> std::io::Result<()> {
    for e in config.catalog.tiers() {
        println!(
            "{:<26} {:<70} {:>16}",
            e.tier.sku,
            e.tier.name,
            crate::money::format_usd(e.tier.price.oc1)
        );
    }
    Ok(())
}
