//! Writes realistic, valid order files for benchmarks and manual testing.
//!
//! `cargo run --release --example generate_orders -- --count N --dir DIR [--damaged K] [--seed S]`
//!
//! Orders come from `benches/common/sample.rs` (the core's own cart, checkout and rules) and are
//! written in the store's file format. Files are written in parallel and synced once at the end rather than per file, since
//! this is bulk set-up, not a desk's save path.

use std::path::PathBuf;

use clap::Parser;
use order_desk::domain::catalog::Catalog;
#[path = "../benches/common/sample.rs"]
#[allow(dead_code)] // each user of the fixtures takes a part of them
mod sample;
use order_desk::store;
use sample::make_order;

#[derive(Parser)]
struct Args {
    /// How many valid orders to write.
    #[arg(long)]
    count: usize,
    /// The orders folder to fill (created if missing).
    #[arg(long)]
    dir: PathBuf,
    /// How many damaged files to add beside the valid ones.
    #[arg(long, default_value_t = 0)]
    damaged: usize,
    /// Seed for the random choices, so a run can be repeated.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    sample::write_folder(&args.dir, args.count, args.seed)?;
    let catalog = Catalog::builtin();
    let skus: Vec<String> = catalog.tiers().map(|e| e.tier.sku.clone()).collect();
    let valid = store::to_ron(&make_order(&catalog, &skus, 0, args.seed));
    for k in 0..args.damaged {
        let name = args.dir.join(format!("99999999-000000-dmg{k}.ron"));
        let bytes: Vec<u8> = match k % 4 {
            0 => valid.as_bytes()[..valid.len() / 2].to_vec(),
            1 => valid.replace("status: ", "status: Lost, x: ").into_bytes(),
            2 => b"\xff\xfe not an order".to_vec(),
            _ => valid.replacen("total: \"", "total: \"1", 1).into_bytes(),
        };
        std::fs::write(name, bytes)?;
    }
    std::fs::File::open(&args.dir)?.sync_all()?;
    println!(
        "wrote {} orders and {} damaged files to {}",
        args.count,
        args.damaged,
        args.dir.display()
    );
    Ok(())
}
