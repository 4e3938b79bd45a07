//! A rep's week in the app (issue 20's "Done when"), as a script through the keymap,
//! `update` and a real store: a customer in the book is quoted from the cart, the quote is
//! revised twice and accepted, the order is found with the palette and delivered; a
//! second customer's three orders are started in one confirmation. Every step is checked
//! in the files, and the screens at 120x35, 80x24 and 60x16 show every amount whole.
//! (Here the customer is put in the book directly; `tests/tmux_week.rs` adds them in the
//! Customers screen, in a real terminal.)

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::domain::customer::CustomerForm;
use order_desk::domain::order::Status;
use order_desk::domain::quote::QuoteStatus;
use order_desk::store::{read_order, read_quote};
use order_desk::tui::state::Screen;

#[test]
fn a_reps_week() {
    let mut app = App::new();
    // Monday: Müller GmbH is in the book, in Germany.
    let customer = CustomerForm {
        name: "Müller GmbH".into(),
        country: "DE".into(),
        ..CustomerForm::default()
    }
    .check()
    .unwrap();
    app.store.add_customer(&customer).unwrap();

    // Two Basic development sets quoted: the book's customer is suggested and brings
    // Germany, so OC2.
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('a'), ch('2'), ch('Q')]);
    app.type_text("mül");
    app.keys(&[key(KeyCode::Down), key(KeyCode::Tab), ctrl('s')]);
    let quotes = app.dir.path().join("quotes");
    let q1 = app.state.quotes.quotes.last().expect("the quote").clone();
    assert_eq!(
        (q1.customer.as_str(), q1.region),
        ("Müller GmbH", Region::Oc2)
    );
    assert_eq!(q1.total.to_string(), "140000.00");

    // Tuesday: the customer wants three; revised.
    app.keys(&[ch('3'), ch('g'), ch('E'), ch('+'), ch('Q'), ctrl('s')]);
    let r2 = read_quote(&quotes.join(format!("{}-r2.ron", q1.id))).unwrap();
    assert_eq!(r2.total.to_string(), "210000.00");
    // Wednesday: and a Basic deployment too; revised again.
    app.keys(&[ch('3')]);
    app.state.quotes.select(&r2.id);
    app.keys(&[ch('E')]);
    assert_eq!(app.state.screen, Screen::Cart, "{:?}", app.state.message);
    assert_eq!(app.state.cart_tab.cart.quantity_of("dev-basic"), 3);
    app.keys(&[ch('1'), ch('h'), ch('j'), ch('l'), ch('a')]);
    assert_eq!(
        app.state.cart_tab.cart.quantity_of("deploy-basic"),
        1,
        "{}",
        app.screen()
    );
    app.keys(&[ch('2'), ch('Q'), ctrl('s')]);
    let r3 = read_quote(&quotes.join(format!("{}-r3.ron", q1.id)))
        .unwrap_or_else(|e| panic!("{e}: {:?}\n{}", app.state.message, app.screen()));
    assert_eq!(r3.total.to_string(), "233000.00", "{:?}", app.state.message);
    for earlier in [&q1.id, &r2.id] {
        let q = read_quote(&quotes.join(format!("{earlier}.ron"))).unwrap();
        assert!(
            matches!(q.status, QuoteStatus::Superseded { .. }),
            "{earlier}"
        );
    }
    // The Quotes list shows the newest revision's total whole at every size.
    app.keys(&[ch('3')]);
    app.state.quotes.select(&r3.id);
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let text = screen_text(&app.state, w, h);
        assert!(text.contains("$233,000.00"), "{w}x{h}\n{text}");
    }

    // Thursday: accepted; the order is at the quoted prices.
    app.keys(&[ch('3')]);
    app.state.quotes.select(&r3.id);
    app.keys(&[ch('a'), ch('y')]);
    let r3 = read_quote(&quotes.join(format!("{}.ron", r3.id))).unwrap();
    let QuoteStatus::Accepted { order, .. } = &r3.status else {
        panic!("not accepted: {:?} {:?}", r3.status, app.state.message);
    };
    let order = order.clone();
    assert_eq!(
        read_order(&app.store.path_of(&order))
            .unwrap()
            .total
            .to_string(),
        "233000.00"
    );

    // Friday: found with the palette by its id, started and delivered.
    app.act(order_desk::tui::action::Action::Refresh);
    app.keys(&[ch(':')]);
    app.type_text(&order[order.len() - 8..]);
    app.keys(&[key(KeyCode::Enter)]);
    assert_eq!(app.state.screen, Screen::Orders, "{:?}", app.state.message);
    app.keys(&[ch('s'), ch('y')]);
    app.keys(&[ch('d'), ch('y')]);
    assert_eq!(
        read_order(&app.store.path_of(&order)).unwrap().status,
        Status::Delivered,
        "{:?}",
        app.state.message
    );

    // And a second customer's three orders, placed earlier, started in one go.
    let mut ids = Vec::new();
    for (i, days) in [(1, 3), (2, 2), (3, 1)] {
        let o = common::order(
            &format!("k{i}"),
            "Kiwi Ltd",
            Region::Oc1,
            &[("support-flagship", 999)],
            days,
        );
        ids.push(app.store.save_new(o, "ann").unwrap().id);
    }
    app.act(order_desk::tui::action::Action::Refresh);
    app.keys(&[key(KeyCode::Esc), key(KeyCode::Esc), ch('4'), ch('/')]);
    app.type_text("kiwi");
    app.keys(&[
        key(KeyCode::Enter),
        ch('g'),
        ch(' '),
        ch(' '),
        ch(' '),
        ch('s'),
    ]);
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let text = screen_text(&app.state, w, h);
        assert!(
            text.contains("Start delivery of 3 order(s), $2,547,450,000.00"),
            "{w}x{h}\n{text}"
        );
    }
    app.keys(&[ch('y')]);
    for id in &ids {
        assert_eq!(
            read_order(&app.store.path_of(id)).unwrap().status,
            Status::InDelivery
        );
    }
}
