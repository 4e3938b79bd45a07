//! Script tests of typing: the text fields' editing keys, pastes, a typed quantity, the
//! checkout form kept over Esc, the refund reason. Keys go through the keymap and
//! `update`, effects through a real store in a temp folder.

use crate::common;

use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use order_desk::store::read_order;
use order_desk::tui::action::Action;
use order_desk::tui::state::{InputTarget, Popup};

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

fn message(app: &App) -> String {
    app.state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn customer(app: &App) -> String {
    app.state
        .cart_tab
        .checkout
        .as_ref()
        .unwrap()
        .customer
        .value()
        .to_string()
}

/// A cart with one line, the checkout form open.
fn at_checkout() -> App {
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('c')]);
    assert!(app.state.cart_tab.checkout.is_some());
    app
}

#[test]
fn fields_edit_like_a_shell_line() {
    let mut app = at_checkout();
    app.type_text("Acme Robotics GmbH");
    app.keys(&[ctrl('w')]);
    assert_eq!(customer(&app), "Acme Robotics ");
    app.keys(&[alt('b'), ctrl('k')]);
    assert_eq!(customer(&app), "Acme ");
    app.keys(&[ctrl('a')]);
    app.type_text("The ");
    assert_eq!(customer(&app), "The Acme ");
    app.keys(&[ctrl('e'), key(KeyCode::Backspace), key(KeyCode::Home)]);
    app.keys(&[
        key(KeyCode::Delete),
        key(KeyCode::Delete),
        key(KeyCode::Delete),
    ]);
    assert_eq!(customer(&app), " Acme");
    // Alt-F goes to the start of the next word.
    app.keys(&[alt('f'), ch('!'), key(KeyCode::Left), key(KeyCode::Left)]);
    app.keys(&[key(KeyCode::Right), ch('x')]);
    assert_eq!(customer(&app), " x!Acme");
    app.keys(&[key(KeyCode::End), ctrl('u')]);
    assert_eq!(customer(&app), "");
    // AltGr characters (Ctrl+Alt as terminals report them) are text.
    app.keys(&[KeyEvent::new(
        KeyCode::Char('@'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    )]);
    assert_eq!(customer(&app), "@");
    app.keys(&[ctrl('u')]);
    // The cursor is drawn where it is, not always at the end.
    app.type_text("Acme Corp");
    app.keys(&[alt('b')]);
    assert!(app.screen().contains("[Acme ▏Corp"), "{}", app.screen());
}

#[test]
fn esc_keeps_the_checkout_form_and_the_rep_is_remembered() {
    let mut app = at_checkout();
    app.type_text("Globex");
    // Past the country, region and reason to the sales rep.
    let tab = key(KeyCode::Tab);
    app.keys(&[tab, tab, tab, tab, ctrl('u')]);
    app.type_text("kim");
    app.keys(&[key(KeyCode::Esc)]);
    assert!(app.state.cart_tab.checkout.is_none());
    assert!(message(&app).contains("c brings back"), "{}", message(&app));
    app.keys(&[ch('c')]);
    let form = app.state.cart_tab.checkout.as_ref().unwrap();
    assert_eq!(form.customer.value(), "Globex");
    assert_eq!(form.rep.value(), "kim");
    assert_eq!(form.focus, 4, "the rep field still has the focus");
    app.keys(&[ctrl('s')]);
    let saved = read_order(&app.store.order_files().unwrap()[0]).unwrap();
    assert_eq!(
        (saved.customer.as_str(), saved.rep.as_str()),
        ("Globex", "kim")
    );

    // The next order starts empty, with the rep typed last time.
    app.keys(&[ch('1'), ch('a'), ch('2'), ch('c')]);
    let form = app.state.cart_tab.checkout.as_ref().unwrap();
    assert_eq!(form.customer.value(), "");
    assert_eq!(form.rep.value(), "kim");
}

#[test]
fn a_paste_is_one_line_into_the_field_being_typed_in() {
    let mut app = at_checkout();
    app.act(Action::Paste("Acme\r\nRobotics\nGmbH\r".into()));
    assert_eq!(customer(&app), "Acme Robotics GmbH ");
    assert!(app.store.order_files().unwrap().is_empty(), "nothing saved");
    assert_eq!(app.state.cart_tab.checkout.as_ref().unwrap().focus, 0);

    // Into the orders search: one search, as if typed.
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('c')]);
    app.type_text("Initech");
    app.keys(&[ctrl('s'), ch('4'), ch('/')]);
    app.act(Action::Paste("ini\nzorg".into()));
    assert_eq!(app.state.orders.search, "ini zorg");
    assert_eq!(app.state.orders.index.len(), 0);
    app.keys(&[ctrl('w'), key(KeyCode::Backspace)]);
    assert_eq!(app.state.orders.search, "ini");
    assert_eq!(app.state.orders.index.len(), 1);

    // Where nothing is typed, a paste is refused with a word, never read as keys.
    app.keys(&[key(KeyCode::Enter), ch('2')]);
    let before = app.state.cart_tab.cart.clone();
    app.act(Action::Paste("xxq".into()));
    assert_eq!(app.state.cart_tab.cart, before);
    assert!(!app.state.quit);
    assert!(message(&app).contains("A paste goes into a text field"));
}

#[test]
fn a_quantity_can_be_typed_from_1_to_999() {
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), key(KeyCode::Enter)]);
    assert_eq!(app.state.input, Some(InputTarget::Quantity));
    assert!(app.screen().contains("Quantity: 1▏"), "{}", app.screen());
    // What is typed replaces the quantity shown, never adds digits to it: 3, not 13.
    app.type_text("3");
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 3);
    // Moving the cursor first edits the number instead: 3 then 0 makes 30.
    app.keys(&[ch('e'), key(KeyCode::End)]);
    app.type_text("0");
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 30);
    app.keys(&[ch('e'), ctrl('u')]);
    app.type_text("250");
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 250);
    assert_eq!(
        app.store.load_cart("test").0,
        app.state.cart_tab.cart,
        "saved"
    );
    assert_eq!(app.state.input, None);

    // Out of range or not a number: said, nothing changes, the typing stays open.
    for bad in ["1000", "0", "12a", "", "-3"] {
        app.keys(&[ch('e'), ctrl('u')]);
        app.type_text(bad);
        app.keys(&[key(KeyCode::Enter)]);
        assert_eq!(
            app.state.cart_tab.cart.quantity_of("dev-basic"),
            250,
            "{bad}"
        );
        assert_eq!(app.state.input, Some(InputTarget::Quantity), "{bad}");
        let said = message(&app);
        assert!(
            said.contains("whole number from 1 to 999") && said.contains("stays at 250"),
            "{bad}: {said}"
        );
        app.keys(&[key(KeyCode::Esc)]);
        assert_eq!(app.state.input, None);
    }
    app.keys(&[ch('e'), ctrl('u')]);
    app.type_text("999");
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 999);
    // A typed quantity is one undo step.
    app.keys(&[ch('u')]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 250);
}

#[test]
fn a_refund_asks_for_an_optional_reason_and_stores_it_as_the_cli_does() {
    let mut app = at_checkout();
    app.type_text("Umbrella");
    app.keys(&[ctrl('s'), ch('4'), ch('R')]);
    assert!(matches!(app.state.popup, Some(Popup::Reason(_))));
    let screen = app.screen();
    assert!(
        screen.contains("Refund $50,000.00 to Umbrella?"),
        "{screen}"
    );
    // y and n are text here: the reason may hold any word.
    app.type_text("budget cut, says ny");
    app.act(Action::Paste("\nby phone".into()));
    app.keys(&[key(KeyCode::Enter)]);
    assert!(matches!(app.state.popup, Some(Popup::Confirm(_))));
    assert!(
        app.screen()
            .contains("Reason: budget cut, says ny by phone")
    );
    app.keys(&[ch('y')]);
    let file = &app.store.order_files().unwrap()[0];
    let order = read_order(file).unwrap();
    let last = order.history.last().unwrap();
    assert_eq!(last.note.as_deref(), Some("budget cut, says ny by phone"));
    assert_eq!(order.status, order_desk::domain::order::Status::Refunded);
}
