//! Placeholder entry point until the command line lands: opens the terminal app.

use order_desk::{catalog::Catalog, order_id, tui};

fn main() -> std::io::Result<()> {
    let orders_dir = std::env::var_os("ORDER_DESK_ORDERS")
        .map(Into::into)
        .unwrap_or_else(order_desk::default_orders_dir);
    tui::run(tui::Config {
        catalog: Catalog::builtin(),
        catalog_label: "built-in".into(),
        orders_dir,
        rep: order_desk::login_name(),
        desk: order_id::desk_tag(),
    })
}
