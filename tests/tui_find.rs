//! Finding things: the catalog filter's Esc goes back to where the rep was; the orders
//! search also finds orders by the service and tier names of their lines.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::tui::model::catalog::{self, Column};

fn highlighted(state: &order_desk::tui::state::State) -> String {
    let tree = catalog::tree(&state.setup.catalog, &state.browse.filter);
    let at = state.browse.cursor(&tree).unwrap().at;
    state.setup.catalog.entry(at).tier.sku.clone()
}

#[test]
fn esc_on_the_catalog_filter_goes_back_to_where_the_rep_was() {
    let mut state = loaded_state(true);
    press(&mut state, &[ch('j'), ch('l'), ch('j'), ch('l'), ch('j')]);
    let before = highlighted(&state);
    assert_eq!(state.browse.column, Column::Tiers);
    press(&mut state, &[ch('/')]);
    for c in "flagship".chars() {
        press(&mut state, &[ch(c)]);
    }
    assert_eq!(highlighted(&state), "support-flagship");
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.browse.filter, "");
    assert_eq!(highlighted(&state), before, "back where the rep was");
    assert_eq!(state.browse.column, Column::Tiers);

    // A kept filter (Enter): Esc clears it and stays on the tier picked from it.
    press(
        &mut state,
        &[ch('/'), ch('m'), ch('o'), ch('d'), ch('e'), ch('l')],
    );
    press(&mut state, &[key(KeyCode::Enter), ch('j')]);
    let picked = highlighted(&state);
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.browse.filter, "");
    assert_eq!(highlighted(&state), picked);
    // The whole catalog is back (at 80 columns the tiers' neighbours are shown instead).
    assert!(screen_text(&state, 120, 35).contains("Families"));
}

#[test]
fn the_orders_search_finds_service_and_tier_names() {
    let mut app = App::new();
    let store = order_desk::store::Store::new(app.dir.path());
    for (customer, sku) in [
        ("Initech", "distill-standard"),
        ("Globex", "support-flagship"),
        ("Umbrella", "migrate-model"),
    ] {
        store
            .save_new(order("x", customer, Region::Oc1, &[(sku, 2)], 0), "kim")
            .unwrap();
    }
    app.keys(&[ch('4'), ch('/')]);
    let customers = |app: &App| -> Vec<String> {
        app.state
            .orders
            .index
            .iter()
            .map(|r| match r {
                order_desk::tui::model::order_book::RowRef::Order(i) => {
                    app.state.orders.book.orders[*i as usize].customer.clone()
                }
                _ => String::new(),
            })
            .collect()
    };
    app.type_text("distillation");
    assert_eq!(customers(&app), ["Initech"]);
    app.keys(&[ctrl('u')]);
    app.type_text("Flagship");
    assert_eq!(customers(&app), ["Globex"]);
    app.keys(&[ctrl('u')]);
    app.type_text("per model umbrella");
    assert_eq!(customers(&app), ["Umbrella"]);
    app.keys(&[ctrl('u')]);
    app.type_text("migration globex");
    assert!(customers(&app).is_empty());
    assert!(
        app.screen().contains("No order matches"),
        "{}",
        app.screen()
    );
}
