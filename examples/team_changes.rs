//! One desk's day for the team sync benchmark (`benches/team_sync.sh`): adds new orders
//! and changes the status of existing unused ones, through the store as the CLI does.
//!
//! `team_changes --dir DIR --new 1000 --status 1000 --desk TAG --rep NAME [--seed S]`

use std::path::PathBuf;

use clap::Parser;
use jiff::{SignedDuration, Timestamp};
use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Status, checkout};
use order_desk::domain::rules::Transition;
use order_desk::store::Store;
use order_desk::store::user_dirs::UserDirs;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    dir: PathBuf,
    /// New orders to place.
    #[arg(long)]
    new: usize,
    /// Unused orders to move on (start, deliver or refund, in turn).
    #[arg(long)]
    status: usize,
    #[arg(long)]
    desk: String,
    #[arg(long)]
    rep: String,
    /// Which unused orders are picked: every order whose place in the sorted listing
    /// is `seed` modulo the stride.
    #[arg(long, default_value_t = 0)]
    seed: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let store = Store::with_dirs(&args.dir, UserDirs::default());
    let catalog = Catalog::builtin();
    let skus: Vec<String> = catalog.tiers().map(|e| e.tier.sku.clone()).collect();
    let now = Timestamp::now();
    for i in 0..args.new {
        let mut cart = Cart::new(if i % 2 == 0 { Region::Oc1 } else { Region::Oc2 });
        cart.add(&catalog, &skus[i % skus.len()], 1 + (i % 3) as u32)?;
        let form = CheckoutForm {
            customer: format!("Bench customer {}", i % 97),
            rep: args.rep.clone(),
            ..Default::default()
        };
        let at = now.checked_add(SignedDuration::from_secs(i as i64))?;
        let order = checkout(&cart, &catalog, &form, String::new(), at)?;
        store.save_new(order, &args.desk)?;
    }
    let mut files = store.order_files()?;
    files.sort();
    let stride = 7;
    let mut changed = 0;
    let transitions = [
        Transition::StartDelivery,
        Transition::MarkDelivered,
        Transition::Refund,
    ];
    for path in files.iter().skip(args.seed % stride).step_by(stride) {
        if changed == args.status {
            break;
        }
        let Ok(order) = order_desk::store::read_order(path) else {
            continue;
        };
        if order.status != Status::Unused || order.valid_until.is_some() {
            continue;
        }
        let t = transitions[changed % 3];
        let at = now.checked_add(SignedDuration::from_secs(changed as i64))?;
        if store
            .transition(&order.id, None, t, &args.rep, None, at)
            .is_ok()
        {
            changed += 1;
        }
    }
    eprintln!("{} new orders, {changed} status changes", args.new);
    Ok(())
}
