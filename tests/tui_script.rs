//! Script tests in csvlens' style: key presses go through the keymap and `update`, the
//! effects run against a real store in a temp folder, then the state, the files and the
//! screen are checked.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::domain::order::Status;
use order_desk::domain::rules::Transition;
use order_desk::store::read_order;
use order_desk::tui::model::order_book::Book;
use order_desk::tui::state::{Popup, Screen};

fn order_files(app: &App) -> Vec<std::path::PathBuf> {
    app.store.order_files().unwrap()
}

#[test]
fn the_whole_journey() {
    let mut app = App::new();
    assert!(app.screen().contains("Families"));

    // Browse: families → services → tiers, Standard, add it twice (Enter, then a).
    app.keys(&[ch('l'), ch('l'), ch('j'), key(KeyCode::Enter), ch('a')]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-standard"), 2);
    assert!(app.screen().contains("Standard (2)"));

    // Region: every price follows.
    app.keys(&[ch('r')]);
    assert_eq!(app.state.cart_tab.cart.region, Region::Oc2);
    assert!(app.screen().contains("$260,000.00"), "{}", app.screen());

    // Quantity in the cart, a mistaken removal undone.
    app.keys(&[ch('2'), ch('+'), ch('-'), ch('-')]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-standard"), 1);
    app.keys(&[ch('+'), ch('x')]);
    assert!(app.state.cart_tab.cart.is_empty());
    app.keys(&[ch('u')]);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-standard"), 2);
    let draft = app.store.load_cart("test").0;
    assert_eq!(
        draft, app.state.cart_tab.cart,
        "every cart change is autosaved"
    );

    // Checkout: nothing saved until the form is valid.
    app.keys(&[ch('c'), ctrl('s')]);
    assert!(app.screen().contains("✗ customer is required"));
    assert!(order_files(&app).is_empty());
    app.type_text("Acme Corp");
    // Shift-Tab from the first field wraps to the last, the valid-until date.
    app.keys(&[key(KeyCode::BackTab)]);
    app.type_text("2026-12-31");
    app.keys(&[key(KeyCode::Enter)]);
    let files = order_files(&app);
    assert_eq!(files.len(), 1);
    let saved = read_order(&files[0]).unwrap();
    assert_eq!(saved.id, "20261126-120000-test");
    assert_eq!(saved.customer, "Acme Corp");
    assert_eq!(saved.region, Region::Oc2);
    assert_eq!(saved.total.to_string(), "260000.00");
    assert!(app.state.cart_tab.cart.is_empty() && app.state.cart_tab.checkout.is_none());
    assert!(app.store.load_cart("test").0.is_empty());
    let message = &app.state.message.as_ref().unwrap().text;
    assert!(message.contains("20261126-120000-test") && message.contains(".ron"));

    // Orders: start delivery after y.
    app.keys(&[ch('4')]);
    assert!(app.screen().contains("Acme Corp"));
    app.keys(&[ch('s')]);
    assert!(matches!(app.state.popup, Some(Popup::Confirm(_))));
    assert!(app.screen().contains("Unused → In delivery"));
    app.keys(&[ch('y')]);
    assert_eq!(read_order(&files[0]).unwrap().status, Status::InDelivery);

    // Refund is refused with the guard's reason, and nothing changes.
    app.keys(&[ch('R')]);
    assert!(
        app.screen()
            .contains("refunds are only possible before usage")
    );
    let now = read_order(&files[0]).unwrap();
    assert_eq!((now.status, now.revision), (Status::InDelivery, 2));

    // Deliver; the detail shows what can happen next.
    app.keys(&[key(KeyCode::Esc), ch('d'), ch('y'), key(KeyCode::Enter)]);
    assert_eq!(read_order(&files[0]).unwrap().status, Status::Delivered);
    let screen = app.screen();
    assert!(screen.contains("Refund: blocked"), "{screen}");
    assert!(screen.contains("Repurchase: always allowed"));

    // Repurchase fills the cart at today's prices and shows it.
    app.keys(&[ch('p')]);
    assert_eq!(app.state.screen, Screen::Cart);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-standard"), 2);
    assert_eq!(
        app.state.cart_tab.cart.repurchase_of.as_deref(),
        Some("20261126-120000-test")
    );
    assert!(
        app.screen()
            .contains("Repurchase of order 20261126-120000-test")
    );
}

#[test]
fn a_change_by_another_desk_is_a_conflict_and_changes_nothing() {
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('c')]);
    app.type_text("Globex");
    app.keys(&[ctrl('s'), ch('4')]);
    let id = app.state.orders.book.orders[0].id.clone();
    // Another desk starts delivery behind our back.
    let other = common::test_store(app.dir.path());
    other
        .transition(&id, None, Transition::StartDelivery, "kim", None, now())
        .unwrap();
    app.keys(&[ch('R')]);
    // Our copy still says Unused, so we ask (for a reason first, then y/n)…
    assert!(matches!(app.state.popup, Some(Popup::Reason(_))));
    app.keys(&[key(KeyCode::Enter)]);
    assert!(matches!(app.state.popup, Some(Popup::Confirm(_))));
    app.keys(&[ch('y')]);
    let screen = app.screen();
    assert!(screen.contains("Changed by another desk"), "{screen}");
    assert!(screen.contains("kim"), "{screen}");
    let file = read_order(&app.store.path_of(&id)).unwrap();
    assert_eq!(file.status, Status::InDelivery);
    // …and the reload shows the other desk's change.
    assert_eq!(app.state.orders.book.orders[0].status, Status::InDelivery);
}

#[test]
fn refresh_picks_up_new_files_and_damaged_ones_show() {
    let mut app = App::new();
    app.keys(&[ch('4')]);
    assert!(app.screen().contains("No orders yet"));
    let other = common::test_store(app.dir.path());
    other
        .save_new(
            order("x", "Initech", Region::Oc1, &[("impl-basic", 1)], 0),
            "kim",
        )
        .unwrap();
    std::fs::write(app.dir.path().join("broken.ron"), "Order(").unwrap();
    app.keys(&[ctrl('r')]);
    let screen = app.screen();
    assert!(screen.contains("Initech"), "{screen}");
    assert!(
        screen.contains("DAMAGED") && screen.contains("broken.ron"),
        "{screen}"
    );
    // Coming back to the tab reloads too.
    other
        .save_new(
            order("y", "Hooli", Region::Oc2, &[("impl-basic", 1)], 0),
            "kim",
        )
        .unwrap();
    app.keys(&[ch('1'), ch('4')]);
    assert!(app.screen().contains("Hooli"));
    app.keys(&[ch('g'), key(KeyCode::Enter)]);
    assert!(matches!(app.state.popup, Some(Popup::Notice { .. })));
    app.keys(&[key(KeyCode::Esc), ch('s')]);
    assert!(
        app.state.popup.is_none(),
        "a damaged file cannot change status"
    );
    assert!(app.state.message.as_ref().unwrap().text.contains("damaged"));
}

#[test]
fn the_detail_reads_each_order_from_its_file() {
    let mut app = App::new();
    let other = common::test_store(app.dir.path());
    let older = other
        .save_new(
            order("x", "Initech", Region::Oc1, &[("impl-basic", 1)], 1),
            "kim",
        )
        .unwrap();
    let newer = other
        .save_new(
            order("y", "Hooli", Region::Oc2, &[("dev-basic", 2)], 0),
            "kim",
        )
        .unwrap();
    app.keys(&[ch('4'), key(KeyCode::Enter)]);
    let shown = |app: &App| app.state.orders.detail.as_ref().unwrap().order().cloned();
    assert_eq!(shown(&app).unwrap(), newer);
    assert!(app.screen().contains("History"), "{}", app.screen());

    // ↓ in the detail steps to the next order, read from its file.
    app.keys(&[key(KeyCode::Down)]);
    assert_eq!(shown(&app).unwrap(), older);

    // Another desk starts its delivery: stepping back onto it shows the file as it is
    // now, and its row follows.
    other
        .transition(
            &older.id,
            None,
            Transition::StartDelivery,
            "kim",
            None,
            now(),
        )
        .unwrap();
    app.keys(&[key(KeyCode::Up), key(KeyCode::Down)]);
    assert_eq!(shown(&app).unwrap().status, Status::InDelivery);
    assert_eq!(app.state.orders.book.orders[1].status, Status::InDelivery);
    assert!(app.screen().contains("In delivery"));

    // A file damaged since the load: the detail says so, and nothing can be done to it.
    std::fs::write(app.store.path_of(&newer.id), "Order(").unwrap();
    app.keys(&[key(KeyCode::Up)]);
    assert!(shown(&app).is_none());
    let screen = app.screen();
    assert!(
        screen.contains("This order's file could not be read"),
        "{screen}"
    );
    assert!(screen.contains(&format!("{}.ron", newer.id)), "{screen}");
    app.keys(&[ch('s'), ch('p')]);
    assert!(app.state.popup.is_none());
    assert!(app.state.cart_tab.cart.is_empty());
    let message = &app.state.message.as_ref().unwrap().text;
    assert!(message.contains("could not be read"), "{message}");

    // A file deleted since the load: the same, naming what is missing.
    std::fs::remove_file(app.store.path_of(&older.id)).unwrap();
    app.keys(&[key(KeyCode::Down)]);
    assert!(shown(&app).is_none());
    assert!(app.screen().contains("could not be read"));

    // A reload shows the damaged file as a row and closes the detail of the gone order.
    app.keys(&[ctrl('r')]);
    assert!(app.state.orders.detail.is_none());
    assert!(app.screen().contains("DAMAGED"));
}

#[test]
fn repurchase_from_the_table_reads_the_order() {
    let mut app = App::new();
    let other = common::test_store(app.dir.path());
    let saved = other
        .save_new(
            order(
                "x",
                "Initech",
                Region::Oc2,
                &[("impl-basic", 1), ("dev-basic", 2)],
                3,
            ),
            "kim",
        )
        .unwrap();
    app.keys(&[ch('4'), ch('p')]);
    assert_eq!(app.state.screen, Screen::Cart);
    assert_eq!(app.state.cart_tab.cart.region, Region::Oc2);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 2);
    assert_eq!(app.state.cart_tab.cart.quantity_of("impl-basic"), 1);
    assert_eq!(
        app.state.cart_tab.cart.repurchase_of.as_deref(),
        Some(&*saved.id)
    );
}

#[test]
fn every_cart_change_can_be_undone() {
    let mut state = loaded_state(true);
    press(
        &mut state,
        &[ch('a'), ch('a'), ch('r'), ch('2'), ch('+'), ch('x')],
    );
    assert!(state.cart_tab.cart.is_empty());
    press(&mut state, &[ch('u')]);
    assert_eq!(state.cart_tab.cart.quantity_of("dev-basic"), 3);
    press(&mut state, &[ch('u'), ch('u')]);
    assert_eq!(
        (
            state.cart_tab.cart.region,
            state.cart_tab.cart.quantity_of("dev-basic")
        ),
        (Region::Oc1, 2)
    );
    press(&mut state, &[ch('u'), ch('u'), ch('u')]);
    assert!(state.cart_tab.cart.is_empty());
    assert!(screen_text(&state, 100, 30).contains("Nothing to undo"));
}

#[test]
fn search_and_filter_narrow_the_orders() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    assert_eq!(state.orders.index.len(), 6);
    press(&mut state, &[ch('/'), ch('G'), ch('L'), ch('O')]);
    assert_eq!(state.orders.index.len(), 1, "customer, case-insensitive");
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.orders.index.len(), 6);
    press(&mut state, &[ch('/')]);
    for c in "flag umbrella".chars() {
        press(&mut state, &[ch(c)]);
    }
    assert_eq!(
        state.orders.index.len(),
        1,
        "every word, in any order, across fields (SKU and customer)"
    );
    press(&mut state, &[key(KeyCode::Esc)]);
    press(&mut state, &[ch('/')]);
    for c in "support-flag".chars() {
        press(&mut state, &[ch(c)]);
    }
    assert_eq!(state.orders.index.len(), 1, "by SKU");
    press(&mut state, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert!(screen_text(&state, 100, 30).contains("Umbrella"));
    press(&mut state, &[key(KeyCode::Esc), key(KeyCode::Esc)]);
    press(&mut state, &[key(KeyCode::Esc)]);
    press(&mut state, &[ch('f'), ch('f')]);
    assert_eq!(state.orders.index.len(), 1, "In delivery only");
    assert!(screen_text(&state, 100, 30).contains("filter In delivery"));
    press(&mut state, &[ch('f'), ch('f'), ch('f')]);
    assert_eq!(state.orders.index.len(), 1, "Expired only");
    press(&mut state, &[key(KeyCode::Enter)]);
    let screen = screen_text(&state, 100, 30);
    assert!(
        screen.contains("Soylent") && screen.contains("Expired"),
        "{screen}"
    );
    assert_eq!(screen.matches(": blocked").count(), 3, "{screen}");
    assert!(screen.contains("expired after 2026-10-27"), "{screen}");
    press(&mut state, &[ch('s')]);
    assert!(
        matches!(state.popup, Some(Popup::Notice { .. })),
        "the guard refuses"
    );
}

#[test]
fn catalog_filter_and_keys_everywhere() {
    let mut state = loaded_state(true);
    press(&mut state, &[ch('/')]);
    for c in "distill".chars() {
        press(&mut state, &[ch(c)]);
    }
    press(
        &mut state,
        &[key(KeyCode::Enter), ch('l'), ch('l'), ch('G'), ch('a')],
    );
    assert_eq!(state.cart_tab.cart.quantity_of("distill-platinum"), 1);
    // Tab cycles the screens, q quits, Esc closes help first.
    press(&mut state, &[key(KeyCode::Tab)]);
    assert_eq!(state.screen, Screen::Cart);
    press(&mut state, &[key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert_eq!(state.screen, Screen::Customers);
    press(&mut state, &[key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert_eq!(state.screen, Screen::Orders);
    press(&mut state, &[ch('?'), key(KeyCode::Esc)]);
    assert!(state.popup.is_none() && !state.quit);
    press(&mut state, &[ch('q')]);
    assert!(state.quit);
    let mut state = loaded_state(true);
    press(&mut state, &[ch('2'), ch('c')]);
    assert!(
        state.cart_tab.checkout.is_none(),
        "no checkout of an empty cart"
    );
    press(&mut state, &[ctrl('c')]);
    assert!(state.quit, "Ctrl-C quits from anywhere");
}

#[test]
fn every_key_of_the_help_is_handled() {
    // The help lists what the keymap does: spot-check each screen's own keys.
    let state = loaded_state(true);
    for (title, keys) in order_desk::tui::keymap::help(&state) {
        assert!(!keys.is_empty(), "{title}");
    }
    let text = {
        let mut s = loaded_state(true);
        s.screen = Screen::Orders;
        press(&mut s, &[ch('?')]);
        screen_text(&s, 100, 30)
    };
    for needle in [
        "start delivery",
        "mark delivered",
        "refund",
        "repurchase",
        "status filter",
    ] {
        assert!(text.contains(needle), "{needle} missing from help:\n{text}");
    }
}

#[test]
fn a_reload_applies_what_changed_and_keeps_the_selection_and_the_detail() {
    let mut app = App::new();
    let other = common::test_store(app.dir.path());
    let save = |customer: &str, days: i64| {
        other
            .save_new(
                order("x", customer, Region::Oc1, &[("impl-basic", 1)], days),
                "kim",
            )
            .unwrap()
            .id
    };
    let a = save("Acme", 3);
    let b = save("Bolt", 2);
    let c = save("Cobalt", 1);
    app.keys(&[ch('4')]);
    let ids = |app: &App| -> Vec<String> {
        app.state
            .orders
            .book
            .orders
            .iter()
            .map(|o| o.id.clone())
            .collect()
    };
    assert_eq!(ids(&app), [c.clone(), b.clone(), a.clone()]);
    // Select Bolt and open it.
    app.keys(&[ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.state.orders.detail.as_ref().unwrap().id, b);

    // Another desk: a newer order, Bolt into delivery, Cobalt deleted, Acme damaged.
    let d = save("Dyna", 0);
    other
        .transition(&b, None, Transition::StartDelivery, "kim", None, now())
        .unwrap();
    std::fs::remove_file(app.store.path_of(&c)).unwrap();
    std::fs::write(app.store.path_of(&a), "Order(").unwrap();
    app.keys(&[ctrl('r')]);

    assert_eq!(ids(&app), [d.clone(), b.clone()]);
    assert_eq!(app.state.orders.book.damaged.len(), 1);
    let (_, selected) = app.state.selected_order().unwrap();
    assert_eq!(selected.id, b, "the selection stays on the same order");
    let detail = app.state.orders.detail.as_ref().unwrap();
    assert_eq!(detail.id, b, "the detail stays open");
    assert_eq!(
        detail.order().unwrap().status,
        Status::InDelivery,
        "and shows the file as it is now"
    );
    assert_eq!(app.state.orders.book.orders[1].status, Status::InDelivery);
}

#[test]
fn a_reload_with_nothing_changed_keeps_the_book() {
    let mut book = Book::new(Vec::new(), Vec::new());
    book.apply(order_desk::store::Delta::default());
    assert!(book.orders.is_empty());
    let mut app = App::new();
    let other = common::test_store(app.dir.path());
    other
        .save_new(
            order("x", "Acme", Region::Oc1, &[("impl-basic", 1)], 1),
            "kim",
        )
        .unwrap();
    app.keys(&[ch('4')]);
    let before: Vec<_> = app.state.orders.book.orders.clone();
    app.keys(&[ctrl('r')]);
    assert_eq!(app.state.orders.book.orders.len(), before.len());
    assert_eq!(app.state.orders.book.orders[0].id, before[0].id);
}

#[test]
fn a_key_that_does_nothing_says_so_and_points_at_the_help() {
    let mut state = loaded_state(true);
    let hint = |state: &order_desk::tui::state::State| {
        state
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    };
    press(&mut state, &[ch('z')]);
    assert_eq!(
        hint(&state),
        "z does nothing on Catalog — press ? for the keys"
    );
    press(&mut state, &[ch('2'), key(KeyCode::Insert)]);
    assert_eq!(
        hint(&state),
        "Insert does nothing on Cart — press ? for the keys"
    );
    press(&mut state, &[ctrl('x')]);
    assert_eq!(
        hint(&state),
        "Ctrl-X does nothing on Cart — press ? for the keys"
    );
    assert!(screen_text(&state, 100, 30).contains("Ctrl-X does nothing on Cart"));

    // Typed into an input, the same keys are text, not mistakes.
    let mut state = loaded_state(true);
    press(&mut state, &[ch('4'), ch('/'), ch('z'), ch('q')]);
    assert_eq!(state.orders.search, "zq");
    assert!(!hint(&state).contains("does nothing"));
    press(&mut state, &[key(KeyCode::Esc), ch('1'), ch('/'), ch('z')]);
    assert_eq!(state.browse.filter, "z");
    assert!(!hint(&state).contains("does nothing"));

    // A popup keeps its keys: unused ones are ignored quietly, the popup stays.
    let mut state = loaded_state(true);
    press(&mut state, &[ch('?'), ch('z')]);
    assert!(matches!(state.popup, Some(Popup::Help)));
    assert!(!hint(&state).contains("does nothing"));

    // Keys nobody presses on purpose (a modifier alone) pass silently.
    let mut state = loaded_state(true);
    press(
        &mut state,
        &[key(KeyCode::Modifier(
            ratatui::crossterm::event::ModifierKeyCode::LeftShift,
        ))],
    );
    assert!(state.message.is_none());
}

#[test]
fn the_checkout_form_takes_every_letter_as_text() {
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('c')]);
    app.type_text("zq Corp");
    assert_eq!(
        app.state
            .cart_tab
            .checkout
            .as_ref()
            .unwrap()
            .customer
            .value(),
        "zq Corp"
    );
    assert!(
        !app.state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("does nothing"))
    );
}
