fn main() {
    let catalog = order_desk::catalog::Catalog::builtin();
    for e in catalog.tiers() {
        println!(
            "{}\t{}\t{}",
            e.tier.sku,
            e.tier.name,
            order_desk::money::format_usd(e.tier.price.oc1)
        );
    }
}
