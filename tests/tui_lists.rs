//! The price lists in the app (issue 19): `L` lists them with their date and tier count,
//! Enter sells from one (its regions as the price columns, its coverage words settling a
//! country's region), a cart holds the lines of one list, and `/` says which other lists
//! have what the filter finds.

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

#[test]
fn a_cart_holds_one_lists_lines_and_is_not_switched_under_them() {
    let mut state = state_with_lists();
    press(
        &mut state,
        &[ch('L'), key(KeyCode::Down), key(KeyCode::Enter)],
    );
    press(&mut state, &[ch('l'), ch('l'), ch('a'), ch('a')]);
    assert_eq!(state.cart_tab.cart.lines.len(), 1);
    let total = state.cart_tab.cart.total(&state.setup.catalog);
    assert_eq!(total.to_string(), "42.00");
    press(
        &mut state,
        &[ch('L'), key(KeyCode::Down), key(KeyCode::Enter)],
    );
    assert_eq!(state.setup.catalog.list.id, "transfer", "not switched");
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("The cart holds lines of list transfer: check them out or empty the cart"),
        "{screen}"
    );
    // Emptied, it switches; one price for all is the only region.
    state.cart_tab.cart.lines.clear();
    press(
        &mut state,
        &[
            ch('L'),
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(state.setup.catalog.list.id, "workshop");
    assert_eq!(state.cart_tab.cart.region, Region::All);
    // Back to the desk's own list: its own regions again.
    press(
        &mut state,
        &[
            ch('L'),
            key(KeyCode::Up),
            key(KeyCode::Up),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(state.setup.catalog.list.id, "ai-platform");
    assert_eq!(state.cart_tab.cart.region, Region::Oc1);
    assert_eq!(state.cart_tab.cart.list, None);
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
    // With that cart, the desk's own list's orders cannot be repurchased over it.
    let own = crate::common::sample_orders();
    state.orders.book = Book::new(own.iter().map(OrderSummary::of).collect(), vec![]);
    order_desk::tui::update::refilter(&mut state, today());
    press_over(&mut state, &[ch('4'), ch('g'), ch('p')], &own);
    assert_eq!(state.setup.catalog.list.id, "transfer");
    assert_eq!(state.cart_tab.cart.list.as_deref(), Some("transfer"));
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("The cart holds lines of list transfer"),
        "{screen}"
    );
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
    // → goes to its families; a line in the cart pins the list.
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
    assert_eq!(state.setup.catalog.list.id, "transfer", "not switched");
    assert!(screen_text(&state, 120, 35).contains("The cart holds lines of list transfer"));
    // With one list there is no such column: ← stays on the families.
    let mut one = loaded_state(false);
    press(&mut one, &[ch('h')]);
    assert_eq!(one.browse.column, Column::Families);
    assert!(!screen_text(&one, 120, 35).contains("┌ Lists"));
}
