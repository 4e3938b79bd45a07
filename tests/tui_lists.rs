//! The price lists in the app (issue 19): `L` lists them with their date and tier count,
//! Enter sells from one (its regions as the price columns, its coverage words settling a
//! country's region), a cart keeps each list's lines apart and checks out one order per
//! list, and `/` says which other lists have what the filter finds.

use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::pricelist::{Settle, import_text, to_catalog};
use order_desk::tui::keymap;
use ratatui::crossterm::event::KeyCode;

use crate::common::*;

fn list(file: &str, id: &str) -> Catalog {
    let page = std::fs::read_to_string(format!(
        "{}/tests/fixtures/pricelists/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    to_catalog(&import_text(&page, id, &Settle::default()).unwrap()).unwrap()
}

fn state_with_lists() -> order_desk::tui::state::State {
    let mut state = loaded_state(false);
    state.setup.lists = vec![
        Catalog::builtin(),
        list("shape-region-in-name.txt", "transfer"),
        list("sample-one-price.txt", "workshop"),
    ];
    state
}

#[test]
fn l_lists_them_and_enter_sells_from_one_in_its_own_regions() {
    let mut state = state_with_lists();
    press(&mut state, &[ch('L')]);
    let screen = screen_text(&state, 80, 24);
    assert!(screen.contains("3 price lists"), "{screen}");
    assert!(
        screen.contains("Example Data Lake Transfer Service"),
        "{screen}"
    );
    assert!(screen.contains("2026-02-01 ·   2 tiers"), "{screen}");
    assert!(screen.contains("2025-07-08 ·  37 tiers"), "{screen}");
    press(&mut state, &[key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(state.setup.catalog.list.id, "transfer");
    assert_eq!(
        state.cart_tab.cart.region,
        Region::R1,
        "the list's first region"
    );
    assert_eq!(state.cart_tab.cart.list.as_deref(), Some("transfer"));
    // Its regions are the price columns; its title heads the families.
    press(&mut state, &[ch('l'), ch('l')]);
    let screen = screen_text(&state, 120, 35);
    assert!(screen.contains("▸R1"), "{screen}");
    assert!(
        screen.contains("$21.00") && screen.contains("$26.50"),
        "{screen}"
    );
    assert!(!screen.contains("OC1"), "{screen}");
    assert!(screen.contains("┌ Example Data Lake T"), "{screen}");
    assert!(screen.contains("price list: transfer"), "{screen}");
    // r goes through the list's own regions.
    press(&mut state, &[ch('r')]);
    assert_eq!(state.cart_tab.cart.region, Region::R2);
    press(&mut state, &[ch('r')]);
    assert_eq!(state.cart_tab.cart.region, Region::R1);
}

/// Every order file in the folder, read.
fn orders_in(dir: &std::path::Path) -> Vec<order_desk::domain::order::Order> {
    order_files(dir)
        .iter()
        .map(|p| order_desk::store::read_order(p).unwrap())
        .collect()
}

/// A cart keeps each list's lines apart: switching lists sets the first list's lines
/// aside (undo brings the switch back), the Cart and the checkout name each list with
/// its total, and checkout saves one order per list, each priced from its own list in
/// the region the customer's country settles there.
#[test]
fn a_cart_keeps_each_lists_lines_and_checks_out_one_order_per_list() {
    let mut app = App::new();
    app.state.setup.lists = vec![
        Catalog::builtin(),
        list("shape-region-in-name.txt", "transfer"),
        list("sample-one-price.txt", "workshop"),
    ];
    app.keys(&[ch('l'), ch('l'), ch('a')]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 1);
    app.keys(&[ch('L'), key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(app.state.setup.catalog.list.id, "transfer", "switched");
    assert!(app.state.cart_tab.cart.lines.is_empty());
    assert!(
        app.state
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
            .contains("the cart keeps the lines of ai-platform"),
        "{}",
        app.screen()
    );
    // A mistaken switch is undone like any cart change: the list and its line come back.
    app.keys(&[ch('u')]);
    assert_eq!(app.state.setup.catalog.list.id, "ai-platform");
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 1);
    assert!(app.state.cart_tab.cart.parked.is_empty());
    app.keys(&[ch('L'), key(KeyCode::Down), key(KeyCode::Enter)]);
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('a')]);
    assert_eq!(app.state.cart_tab.cart.lines.len(), 1);
    // The Cart shows this list's lines and the other list's total, whole, at every size.
    app.keys(&[ch('2')]);
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let screen = screen_text(&app.state, w, h);
        assert!(screen.contains("$42.00"), "{w}x{h}\n{screen}");
        assert!(screen.contains("$50,000.00 (OC1)"), "{w}x{h}\n{screen}");
        assert!(screen.contains("ai-platform"), "{w}x{h}\n{screen}");
    }
    let screen = screen_text(&app.state, 120, 35);
    assert!(
        screen.contains("+ list ai-platform: 1 line(s), checked out as its own order"),
        "{screen}"
    );
    // The form names both orders with their totals in the region Brazil pays in each.
    app.keys(&[ch('c')]);
    app.type_text("Rio Foods");
    app.keys(&[key(KeyCode::Tab)]);
    app.type_text("BR");
    for (w, h) in [(120, 35), (80, 24)] {
        let screen = screen_text(&app.state, w, h);
        assert!(screen.contains("$53.00 in R2"), "{w}x{h}\n{screen}");
        assert!(screen.contains("$70,000.00 in OC2"), "{w}x{h}\n{screen}");
    }
    // Short of rows, the two share a line and every field still shows.
    let screen = screen_text(&app.state, 60, 16);
    assert!(
        screen.contains("2 orders: $53.00 R2 + $70,000.00 OC2"),
        "{screen}"
    );
    assert!(screen.contains("Valid until"), "{screen}");
    let screen = screen_text(&app.state, 120, 35);
    assert!(
        screen.contains("Check out: 2 orders, one per list"),
        "{screen}"
    );
    assert!(
        screen.contains("Order of transfer: 1 line(s), total $53.00 in R2"),
        "{screen}"
    );
    assert!(
        screen.contains("Order of ai-platform: 1 line(s), total $70,000.00 in OC2"),
        "{screen}"
    );
    app.keys(&[ctrl('s')]);
    let mut orders = orders_in(app.dir.path());
    assert_eq!(orders.len(), 2, "{}", app.screen());
    orders.sort_by_key(|o| o.list.is_some());
    let (own, transfer) = (&orders[0], &orders[1]);
    assert_eq!((own.list.as_ref(), own.region), (None, Region::Oc2));
    assert_eq!(own.total.to_string(), "70000.00");
    assert_eq!(
        transfer.list.as_ref().map(|l| l.id.as_str()),
        Some("transfer")
    );
    assert_eq!(
        (transfer.region, transfer.total.to_string()),
        (Region::R2, "53.00".into())
    );
    assert_eq!(transfer.customer, "Rio Foods");
    assert!(app.state.cart_tab.cart.is_empty(), "cart emptied");
    assert!(app.state.cart_tab.checkout.is_none(), "form closed");
    let said = app
        .state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("2 orders saved, one per list"), "{said}");
    for o in &orders {
        assert!(said.contains(&o.id), "{said}");
    }
    assert!(
        said.contains("$70,000.00") && said.contains("$53.00"),
        "{said}"
    );
}

/// A quote is of one list: the lines of other lists stay in the cart, and the form
/// says so.
#[test]
fn a_quote_takes_the_lines_of_the_list_on_screen_and_leaves_the_others() {
    let mut app = App::new();
    app.state.setup.lists = vec![
        Catalog::builtin(),
        list("shape-region-in-name.txt", "transfer"),
    ];
    app.keys(&[ch('l'), ch('l'), ch('a')]);
    app.keys(&[ch('L'), key(KeyCode::Down), key(KeyCode::Enter)]);
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('Q')]);
    app.type_text("Rio Foods");
    let screen = screen_text(&app.state, 120, 35);
    assert!(
        screen.contains("A quote is of one list: the other lists' lines stay in the cart"),
        "{screen}"
    );
    app.keys(&[ctrl('s')]);
    assert_eq!(app.state.quotes.quotes.len(), 1, "{}", app.screen());
    let q = &app.state.quotes.quotes[0];
    assert_eq!(q.list.as_ref().map(|l| l.id.as_str()), Some("transfer"));
    assert_eq!(q.lines.len(), 1);
    let cart = &app.state.cart_tab.cart;
    assert!(cart.lines.is_empty());
    assert_eq!(cart.parked.len(), 1, "the desk's own line stays");
    assert_eq!(cart.parked[0].lines[0].sku, "dev-basic");
}

#[test]
fn a_price_changed_since_the_version_before_is_marked_and_said() {
    let mut state = state_with_lists();
    let mut changed = std::collections::BTreeMap::new();
    changed.insert(
        "example-bulk-transfer".to_string(),
        "was R1 $21.00, R2 $26.50".to_string(),
    );
    state.setup.lists[1].list.changed = Some((jiff::civil::date(2026, 1, 5), changed));
    press(
        &mut state,
        &[ch('L'), key(KeyCode::Down), key(KeyCode::Enter)],
    );
    press(&mut state, &[ch('l'), ch('l')]);
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("> * Example Bulk Transfer Per TB"),
        "{screen}"
    );
    assert!(
        screen.contains("* Changed since the version of 2026-01-05: was R1 $21.00, R2 $26.50"),
        "{screen}"
    );
    // The other tier is not marked.
    press(&mut state, &[ch('h'), ch('h'), ch('j'), ch('l'), ch('l')]);
    let screen = screen_text(&state, 120, 35);
    assert!(screen.contains("SKU example-transfer-audit"), "{screen}");
    assert!(!screen.contains("Changed since"), "{screen}");
}

#[test]
fn the_filter_names_the_other_lists_that_have_what_it_finds() {
    let mut state = state_with_lists();
    press(&mut state, &[ch('/')]);
    for c in "workshop".chars() {
        press(&mut state, &[ch(c)]);
    }
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains(
            "Nothing matches \"workshop\" here; 2 in Example Security Hardening Workshop"
        ),
        "{screen}"
    );
    // The keymap offers L in the Catalog, and the help says so.
    assert!(keymap::map(ch('L'), &state).is_some() || state.input.is_some());
}

#[test]
fn repurchasing_a_lists_order_sells_from_that_list_again() {
    use order_desk::domain::cart::Cart;
    use order_desk::domain::order::{CheckoutForm, checkout};
    use order_desk::store::summary::OrderSummary;
    use order_desk::tui::model::order_book::Book;
    let mut state = state_with_lists();
    let transfer = state.setup.lists[1].clone();
    let mut cart = Cart::new(Region::R2);
    cart.add(&transfer, "example-transfer-audit", 2).unwrap();
    let form = CheckoutForm {
        customer: "Oslo AS".into(),
        rep: "sam".into(),
        ..CheckoutForm::default()
    };
    let order = checkout(
        &cart,
        &transfer,
        &form,
        "20261101-120000-lst1".into(),
        now(),
    )
    .unwrap();
    assert_eq!(order.total.to_string(), "6240.00");
    state.orders.book = Book::new(vec![OrderSummary::of(&order)], vec![]);
    order_desk::tui::update::refilter(&mut state, today());
    let orders = vec![order];
    press_over(&mut state, &[ch('4'), ch('g'), ch('p')], &orders);
    assert_eq!(
        state.setup.catalog.list.id, "transfer",
        "the Catalog follows"
    );
    assert_eq!(state.cart_tab.cart.list.as_deref(), Some("transfer"));
    assert_eq!(state.cart_tab.cart.region, Region::R2);
    assert_eq!(
        state.cart_tab.cart.total(&state.setup.catalog).to_string(),
        "6240.00"
    );
    // With that cart, a repurchase of the desk's own list's order goes beside it: the
    // transfer lines wait for their own order.
    let own = crate::common::sample_orders();
    state.orders.book = Book::new(own.iter().map(OrderSummary::of).collect(), vec![]);
    order_desk::tui::update::refilter(&mut state, today());
    press_over(&mut state, &[ch('4'), ch('g'), ch('p')], &own);
    assert_eq!(state.setup.catalog.list.id, "ai-platform");
    assert_eq!(state.cart_tab.cart.list, None);
    assert!(!state.cart_tab.cart.lines.is_empty());
    let parked = &state.cart_tab.cart.parked;
    assert_eq!(parked.len(), 1);
    assert_eq!(parked[0].list.as_deref(), Some("transfer"));
    assert_eq!(parked[0].lines[0].quantity, 2);
}

/// The lists are the Catalog's first column when there is more than one: ← from the
/// families reaches them, ↑ ↓ there sells from the list moved to, and a cart of another
/// list's lines keeps the Catalog where it is.
#[test]
fn the_lists_are_the_catalogs_first_column_and_moving_there_switches_the_list() {
    use order_desk::tui::model::catalog::Column;
    let mut state = state_with_lists();
    press(&mut state, &[ch('h')]);
    assert_eq!(state.browse.column, Column::Lists);
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let screen = screen_text(&state, w, h);
        assert!(screen.contains("┌ Lists"), "{w}x{h}\n{screen}");
    }
    press(&mut state, &[key(KeyCode::Down)]);
    assert_eq!(state.setup.catalog.list.id, "transfer");
    assert_eq!(
        state.browse.column,
        Column::Lists,
        "the column keeps the focus"
    );
    let screen = screen_text(&state, 120, 35);
    assert!(screen.contains("$26.50"), "{screen}");
    // → goes to its families; a line in the cart goes aside when the list changes.
    press(
        &mut state,
        &[
            ch('l'),
            ch('l'),
            ch('l'),
            ch('a'),
            ch('h'),
            ch('h'),
            ch('h'),
        ],
    );
    assert_eq!(state.browse.column, Column::Lists);
    press(&mut state, &[key(KeyCode::Down)]);
    assert_eq!(state.setup.catalog.list.id, "workshop");
    assert_eq!(state.cart_tab.cart.parked.len(), 1);
    let said = state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("the cart keeps the lines of transfer"),
        "{said}"
    );
    // With one list there is no such column: ← stays on the families.
    let mut one = loaded_state(false);
    press(&mut one, &[ch('h')]);
    assert_eq!(one.browse.column, Column::Families);
    assert!(!screen_text(&one, 120, 35).contains("┌ Lists"));
}

/// One order of a checkout not saved (the folder's lock held, a full disk): the orders
/// saved leave the cart, the one refused keeps its lines and the form, and the message
/// names both.
#[test]
fn an_order_of_one_list_not_saved_keeps_its_lines_and_the_form() {
    use order_desk::tui::action::{Action, Effect};
    use order_desk::tui::update::update;
    let mut state = state_with_lists();
    press(&mut state, &[ch('l'), ch('l'), ch('a')]);
    press(
        &mut state,
        &[
            ch('L'),
            key(KeyCode::Down),
            key(KeyCode::Enter),
            ch('l'),
            ch('l'),
            ch('a'),
            ch('2'),
            ch('c'),
        ],
    );
    for c in "Rio Foods".chars() {
        press(&mut state, &[ch(c)]);
    }
    let orders = update(&mut state, Action::Submit, &ctx())
        .into_iter()
        .find_map(|e| match e {
            Effect::SaveOrders(o) => Some(o),
            _ => None,
        })
        .expect("one effect saves both orders");
    assert_eq!(orders.len(), 2);
    let mut saved = orders[0].clone();
    saved.id = "20261204-101500-k7q2".into();
    let refused = orders[1].clone();
    let (saved_list, refused_list) = (saved.list.clone(), refused.list.clone());
    update(
        &mut state,
        Action::OrdersSaved(vec![
            (saved, Ok("/srv/orders/20261204-101500-k7q2.ron".into())),
            (refused, Err("the folder is locked by another desk".into())),
        ]),
        &ctx(),
    );
    let cart = &state.cart_tab.cart;
    let held: Vec<_> = cart.parts().into_iter().map(|p| p.list).collect();
    assert_eq!(
        held,
        vec![refused_list.map(|l| l.id)],
        "only the refused list's lines stay"
    );
    assert_ne!(saved_list.map(|l| l.id), held[0]);
    let form = state.cart_tab.checkout.as_ref().expect("the form stays");
    assert!(!form.saving, "Ctrl-S may try again");
    let said = state.message.as_ref().unwrap().text.clone();
    assert!(said.contains("order 20261204-101500-k7q2"), "{said}");
    assert!(
        said.contains("was not saved: the folder is locked"),
        "{said}"
    );
    assert!(said.contains("its lines stay in the cart"), "{said}");
    assert_eq!(state.orders.book.orders.len(), sample_orders().len() + 1);
}
