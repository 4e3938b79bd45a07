//! The command palette (issue 20): `:` or Ctrl-P, part of an id, a customer, a SKU or a
//! key's name, Enter goes there.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::tui::model::palette::{Target, items};
use order_desk::tui::state::{Popup, Screen, Subject};

fn app() -> (App, String, String) {
    let mut app = App::new();
    let a = app
        .store
        .save_new(
            order("a", "Kyoto Robotics", Region::Oc1, &[("dev-basic", 1)], 2),
            "ann",
        )
        .unwrap()
        .id;
    let b = app
        .store
        .save_new(
            order(
                "b",
                "Rio Foods",
                Region::Oc2,
                &[("support-flagship", 999)],
                1,
            ),
            "ann",
        )
        .unwrap()
        .id;
    app.act(order_desk::tui::action::Action::Refresh);
    (app, a, b)
}

#[test]
fn part_of_an_order_id_opens_that_order_from_any_screen() {
    let (mut app, a, _) = app();
    // From the Catalog, with a filter on Orders that would hide it.
    app.keys(&[ch('4'), ch('f'), ch('f'), ch('1'), ch(':')]);
    assert!(matches!(app.state.popup, Some(Popup::Palette { .. })));
    // The id's date and time part, which only this order has.
    let part = &a[4..15];
    app.type_text(part);
    let found = items(&app.state, part);
    assert_eq!(found[0].target, Target::Order(a.clone()), "{found:?}");
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.popup, None);
    assert_eq!(app.state.screen, Screen::Orders);
    assert_eq!(
        app.state.orders.detail.as_ref().map(|d| d.id.as_str()),
        Some(a.as_str())
    );
    assert!(app.screen().contains("Kyoto Robotics"), "{}", app.screen());
}

#[test]
fn a_customer_opens_their_page_and_a_tier_name_goes_to_the_catalog() {
    let (mut app, _, b) = app();
    app.keys(&[ctrl('p')]);
    app.type_text("rio");
    let found = items(&app.state, "rio");
    let at = found
        .iter()
        .position(|i| i.target == Target::Customer("Rio Foods".into()))
        .expect("the customer is found");
    for _ in 0..at {
        app.keys(&[key(KeyCode::Down)]);
    }
    app.keys(&[key(KeyCode::Enter)]);
    // The customer's page: their one order, which Enter opens.
    assert_eq!(app.state.screen, Screen::Customers);
    let page = app
        .state
        .customers_tab
        .page
        .as_ref()
        .expect("the page is open");
    let ids: Vec<&str> = page.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec![b.as_str()]);
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.screen, Screen::Orders);
    assert!(app.state.orders.detail.is_some(), "the order opens");
    app.keys(&[key(KeyCode::Esc)]);

    app.keys(&[ch(':')]);
    app.type_text("flagship support");
    // Rio Foods' order holds that SKU too: the tier's row comes after it.
    let found = items(&app.state, "flagship support");
    let at = found
        .iter()
        .position(|i| matches!(i.target, Target::Tier(_)))
        .expect("the tier is found");
    assert_eq!(found[0].kind, "order");
    for _ in 0..at {
        app.keys(&[key(KeyCode::Down)]);
    }
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.screen, Screen::Catalog);
    let tree = order_desk::tui::model::catalog::tree(&app.state.setup.catalog, "");
    let at = app.state.browse.cursor(&tree).unwrap().at;
    assert_eq!(
        app.state.setup.catalog.entry(at).tier.sku,
        "support-flagship"
    );
}

#[test]
fn a_key_found_by_its_name_acts_as_the_key_and_esc_closes() {
    let (mut app, _, _) = app();
    app.keys(&[ch('4'), ch(':')]);
    // The empty palette lists the screen's keys.
    assert!(app.screen().contains("start delivery"), "{}", app.screen());
    app.type_text("start deliv");
    app.keys(&[key(KeyCode::Enter)]);
    assert!(
        matches!(&app.state.popup, Some(Popup::Confirm(Subject::Order(_)))),
        "{:?}",
        app.state.popup
    );
    app.keys(&[ch('n'), ch(':')]);
    app.type_text("zzzz-nothing");
    assert!(app.screen().contains("Nothing found"), "{}", app.screen());
    app.keys(&[key(KeyCode::Esc)]);
    assert_eq!(app.state.popup, None);
    assert_eq!(
        app.state.line.value(),
        "zzzz-nothing",
        "the line is cleared on the next open"
    );
    app.keys(&[ch(':')]);
    assert_eq!(app.state.line.value(), "");
}
