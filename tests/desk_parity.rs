//! The command line and the app place the same order from the same input: each step a rep
//! takes is written once (`src/desk/`), and a customer named again brings the same country
//! whichever way the desk knows them (a past order, a past quote, a repurchase). The case
//! that drifted before: a Brazilian customer known only from a past order was saved at OC1
//! ($50,000.00) by the app and refused by the command line.

use std::path::{Path, PathBuf};

use crate::binary::ok;
use crate::common::*;
use order_desk::domain::catalog::Region;
use order_desk::domain::order::Order;
use order_desk::store::read_order;
use order_desk::tui::action::Action;

/// The order files that `before` did not list, read.
fn new_orders(dir: &Path, before: &[PathBuf]) -> Vec<Order> {
    order_files(dir)
        .into_iter()
        .filter(|p| !before.contains(p))
        .map(|p| read_order(&p).unwrap())
        .collect()
}

/// What must agree between the two front ends: everything priced and settled.
fn priced(o: &Order) -> impl PartialEq + std::fmt::Debug {
    (
        o.customer.to_lowercase(),
        o.region,
        o.country.clone(),
        o.region_choice.clone(),
        o.lines.clone(),
        o.total,
        o.repurchase_of.clone(),
    )
}

/// The app over `app`'s folder after the command line wrote into it: reloaded, one
/// dev-basic in the cart (an OC1 cart, as the app starts), checkout for `customer`.
fn app_checkout(app: &mut App, customer: &str) -> Order {
    // 3 reads the quotes folder, 1 goes back to the Catalog.
    app.act(Action::Refresh);
    app.keys(&[
        ch('3'),
        ch('1'),
        ch('l'),
        ch('l'),
        ch('a'),
        ch('2'),
        ch('c'),
    ]);
    app.type_text(customer);
    let before = order_files(app.dir.path());
    app.keys(&[ctrl('s')]);
    let mut placed = new_orders(app.dir.path(), &before);
    assert_eq!(placed.len(), 1, "{}", app.screen());
    placed.pop().unwrap()
}

#[test]
fn a_customer_known_from_a_past_order_gets_one_price_in_both_front_ends() {
    let mut app = App::new();
    let dir = app.dir.path().to_path_buf();
    ok(
        &dir,
        &[
            "order",
            "new",
            "--customer",
            "Rio Foods",
            "--country",
            "BR",
            "--item",
            "dev-basic",
        ],
    );

    // The command line: no --country, no --region; the past order names Brazil.
    let before = order_files(&dir);
    ok(
        &dir,
        &[
            "order",
            "new",
            "--customer",
            "rio foods",
            "--item",
            "dev-basic",
        ],
    );
    let cli = new_orders(&dir, &before).pop().unwrap();
    assert_eq!(
        (cli.region, cli.country.as_deref()),
        (Region::Oc2, Some("BR"))
    );
    assert_eq!(cli.total.to_string(), "70000.00");

    // The app, from an OC1 cart: the same order.
    let tui = app_checkout(&mut app, "rio foods");
    assert_eq!(priced(&tui), priced(&cli));
}

#[test]
fn a_customer_known_from_a_past_quote_gets_one_price_in_both_front_ends() {
    let mut app = App::new();
    let dir = app.dir.path().to_path_buf();
    ok(
        &dir,
        &[
            "quote",
            "new",
            "--customer",
            "Lisboa Lda",
            "--country",
            "PT",
            "--item",
            "dev-basic",
        ],
    );

    let before = order_files(&dir);
    ok(
        &dir,
        &[
            "order",
            "new",
            "--customer",
            "Lisboa Lda",
            "--item",
            "dev-basic",
        ],
    );
    let cli = new_orders(&dir, &before).pop().unwrap();
    assert_eq!(
        (cli.region, cli.country.as_deref()),
        (Region::Oc2, Some("PT"))
    );

    let tui = app_checkout(&mut app, "Lisboa Lda");
    assert_eq!(priced(&tui), priced(&cli));
}

#[test]
fn a_repurchase_brings_the_customer_and_country_in_both_front_ends() {
    let mut app = App::new();
    let dir = app.dir.path().to_path_buf();
    let id = ok(
        &dir,
        &[
            "order",
            "new",
            "--customer",
            "Rio Foods",
            "--country",
            "BR",
            "--item",
            "dev-basic=2",
        ],
    );
    let id = id.trim();

    // The app: p on the order (the only one) fills the cart; checkout starts with the customer and
    // country, so Ctrl-S alone places it.
    app.act(Action::Refresh);
    app.keys(&[ch('4'), ch('p'), ch('c')]);
    let form = app
        .state
        .cart_tab
        .checkout
        .as_ref()
        .expect("the form opens");
    assert_eq!(
        (form.customer.value(), form.country.value()),
        ("Rio Foods", "BR"),
        "{}",
        app.screen()
    );
    let before = order_files(&dir);
    app.keys(&[ctrl('s')]);
    let tui = new_orders(&dir, &before).pop().expect("the app placed it");
    assert_eq!(tui.total.to_string(), "140000.00");

    let before_cli = order_files(&dir);
    ok(&dir, &["order", "repurchase", id]);
    let cli = new_orders(&dir, &before_cli).pop().unwrap();
    assert_eq!(cli.repurchase_of.as_deref(), Some(id));

    assert_eq!(priced(&tui), priced(&cli));
}
