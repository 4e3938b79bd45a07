//! Script tests of what the app says and what it lets be undone: a checkout ends the
//! undo history; a progress message gives way to its result; a message about one screen
//! goes when the rep leaves it.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::domain::rules::Transition;
use order_desk::store::Store;
use order_desk::tui::state::{Popup, Screen};

fn message(app: &App) -> String {
    app.state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_checkout_ends_the_undo_history() {
    let mut app = App::new();
    app.keys(&[
        ch('l'),
        ch('l'),
        ch('j'),
        ch('a'),
        ch('a'),
        ch('2'),
        ch('c'),
    ]);
    app.type_text("Acme Corp");
    app.keys(&[ctrl('s')]);
    assert!(app.state.cart_tab.cart.is_empty());
    app.keys(&[ch('u')]);
    assert!(
        app.state.cart_tab.cart.is_empty(),
        "undo brought ordered lines back"
    );
    assert_eq!(message(&app), "Nothing to undo");
    assert!(app.store.load_cart("test").0.is_empty());
    // What follows the checkout can be undone as before.
    app.keys(&[ch('1'), ch('a'), ch('u')]);
    assert!(app.state.cart_tab.cart.is_empty());
}

#[test]
fn reloading_is_replaced_by_what_the_reload_found() {
    let mut app = App::new();
    app.keys(&[ch('4'), ctrl('r')]);
    assert_eq!(
        message(&app),
        "Orders reloaded: nothing changed in the folder"
    );
    Store::new(app.dir.path())
        .save_new(
            order("x", "Initech", Region::Oc1, &[("impl-basic", 1)], 0),
            "kim",
        )
        .unwrap();
    app.keys(&[key(KeyCode::F(5))]);
    assert_eq!(
        message(&app),
        "Orders reloaded: 1 new or changed, 0 removed"
    );
    assert!(!app.screen().contains("Reloading"), "{}", app.screen());
}

#[test]
fn a_conflict_message_goes_when_the_rep_leaves_orders() {
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('c')]);
    app.type_text("Globex");
    app.keys(&[ctrl('s'), ch('4')]);
    let id = app.state.orders.book.orders[0].id.clone();
    Store::new(app.dir.path())
        .transition(&id, None, Transition::StartDelivery, "kim", None, now())
        .unwrap();
    app.keys(&[ch('d'), ch('y')]);
    assert!(matches!(app.state.popup, Some(Popup::Notice { .. })));
    app.keys(&[key(KeyCode::Esc)]);
    assert!(message(&app).contains("Changed by another desk"));
    assert!(app.screen().contains("Changed by another desk"));
    app.keys(&[ch('2')]);
    assert_eq!(message(&app), "", "the conflict stayed on the Cart");
    assert!(!app.screen().contains("another desk"));

    // News that holds anywhere stays: the order saved is still said on Orders.
    app.keys(&[ch('1'), ch('a'), ch('2'), ch('c')]);
    app.type_text("Initech");
    app.keys(&[ctrl('s'), ch('4')]);
    assert!(message(&app).contains("saved"), "{}", message(&app));
}

#[test]
fn a_notice_closes_on_any_key_and_a_screen_number_still_goes_there() {
    // Issue 20: a second window's "Cart draft" notice ate the first key.
    let mut app = App::new();
    let notice = || Popup::Notice {
        title: "Cart draft".into(),
        body: "another Order Desk on this folder is using the cart draft".into(),
        level: order_desk::tui::state::Level::Warning,
    };
    app.state.popup = Some(notice());
    app.keys(&[ch('4')]);
    assert_eq!(app.state.popup, None);
    assert_eq!(app.state.screen, Screen::Orders);
    app.state.popup = Some(notice());
    app.keys(&[key(KeyCode::Tab)]);
    assert_eq!(app.state.popup, None);
    assert_eq!(app.state.screen, Screen::Reports);
    // Any other key closes it and does nothing else: an order key under the notice
    // does not act unseen.
    app.state.popup = Some(notice());
    app.keys(&[ch('x')]);
    assert_eq!(app.state.popup, None);
    assert_eq!(app.state.screen, Screen::Reports);
}
