//! Regression tests for the screen defects of issue 7: amounts cut from the left (1), keys
//! acting while "terminal too small" is shown (2), ids cut (5), and the regions' columns
//! swapping when the region changes.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::domain::order::Order;
use order_desk::store::summary::OrderSummary;
use order_desk::tui::action::Action;
use order_desk::tui::model::order_book::Book;
use order_desk::tui::state::State;
use order_desk::tui::update::refilter;

const DEAREST: [(&str, u32); 4] = [
    ("support-flagship", 999),
    ("incremental-platinum", 999),
    ("impl-platinum", 999),
    ("distill-platinum", 999),
];

/// The order: 999 of each of the four dearest OC2 tiers, $3,976,020,000.00.
fn dearest_order(id: &str) -> Order {
    order(id, "Acme GmbH", Region::Oc2, &DEAREST, 0)
}

/// A state whose book holds `orders` and whose cart holds the dearest lines.
fn state_with(orders: &[Order]) -> State {
    let mut state = State::new(setup(true));
    state.cart_tab.cart = order_desk::domain::cart::Cart::new(Region::Oc2);
    for (sku, q) in DEAREST {
        state
            .cart_tab
            .cart
            .add(&state.setup.catalog, sku, q)
            .unwrap();
    }
    state.orders.book = Book::new(orders.iter().map(OrderSummary::of).collect(), vec![]);
    state.orders.loaded = true;
    refilter(&mut state, today());
    state
}

#[test]
fn an_order_of_3_976_020_000_is_shown_whole_in_orders_detail_and_cart() {
    let orders = vec![dearest_order("20261127-015649-e6v2-2")];
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let mut state = state_with(&orders);
        for keys in [
            vec![ch('4')],
            vec![key(KeyCode::Enter)],
            vec![key(KeyCode::Esc), ch('2')],
        ] {
            press_over(&mut state, &keys, &orders);
            let screen = screen_text(&state, w, h);
            assert!(screen.contains("$3,976,020,000.00"), "{w}x{h}:\n{screen}");
            assert!(!screen.contains(" 976,020,000.00"), "{w}x{h}:\n{screen}");
            assert_eq!(
                wrong_amounts(&state, &screen),
                Vec::<String>::new(),
                "{screen}"
            );
        }
    }
}

#[test]
fn the_catalog_at_60x16_shows_the_dearest_price_whole() {
    let mut state = state_with(&[]);
    press(&mut state, &[ch('G'), ch('l'), ch('l'), ch('G')]);
    let screen = screen_text(&state, 60, 16);
    assert!(screen.contains("$1,300,000.00"), "{screen}");
    assert!(screen.contains("$850,000.00"), "{screen}");
    assert_eq!(
        wrong_amounts(&state, &screen),
        Vec::<String>::new(),
        "{screen}"
    );
}

#[test]
fn the_status_bar_drops_words_not_digits() {
    let mut state = state_with(&[]);
    // Switching region says the new total in the message line.
    press(&mut state, &[ch('2'), ch('r')]);
    for w in 60..=120 {
        let screen = screen_text(&state, w, 24);
        let bars: Vec<&str> = screen.lines().rev().take(2).collect();
        for bar in &bars {
            assert_eq!(
                wrong_amounts(&state, bar),
                Vec::<String>::new(),
                "{w}: {bar}"
            );
            assert!(!bar.contains("$…") && !bar.trim_end_matches(['"', ' ']).ends_with(",…"));
        }
        let total =
            order_desk::domain::money::format_usd(state.cart_tab.cart.total(&state.setup.catalog));
        assert!(
            bars[0].contains(&total),
            "{w}: the cart total is always in the bar: {}",
            bars[0]
        );
    }
}

#[test]
fn at_120_columns_a_team_desk_with_the_largest_cart_still_names_its_folder() {
    // Issue 20: the team's state took the room and the folder cell was empty.
    let mut state = state_with(&[]);
    state.setup.orders_label = "/home/ann/.local/share/order-desk/orders".into();
    state.team = Some(order_desk::tui::state::TeamLine {
        last_sync: Some("2026-11-27T10:00:00Z".into()),
        to_push: 12,
        to_pull: 3,
        local_changes: 2,
        decisions: vec!["a".into(), "b".into()],
    });
    for w in 100..=160 {
        let screen = screen_text(&state, w, 24);
        let bar = screen.lines().last().unwrap();
        assert!(bar.contains("orders: /home"), "{w}: {bar}");
        assert!(bar.contains("$3,976,020,000.00"), "{w}: {bar}");
        assert!(bar.contains("decision"), "{w}: {bar}");
    }
}

#[test]
fn regions_keep_their_columns_and_the_active_one_is_marked() {
    let mut state = state_with(&[]);
    press(&mut state, &[ch('G'), ch('l'), ch('l')]);
    for _ in 0..2 {
        let screen = screen_text(&state, 100, 30);
        let header = screen.lines().find(|l| l.contains("Tier ")).unwrap();
        let oc1 = header.find("OC1").unwrap();
        let oc2 = header.find("OC2").unwrap();
        assert!(oc1 < oc2, "OC1 before OC2: {header}");
        let marked = format!("▸{}", state.cart_tab.cart.region);
        assert!(header.contains(&marked), "{header}");
        // The dearest row keeps its OC2 price on the right whatever the region.
        let row = screen.lines().find(|l| l.contains("Flagship")).unwrap();
        assert!(row.find("$850,000.00").unwrap() < row.find("$1,300,000.00").unwrap());
        press(&mut state, &[ch('r')]);
    }
}

#[test]
fn ids_are_never_shortened_and_their_column_fits_the_longest() {
    // Desk tags will grow (issue 8): the column is sized from the ids in view.
    let ids = [
        "20261127-015649-e6v2-2",
        "20261127-015648-k3j9x2ab7q-12",
        "20261127-015647-a1-1",
    ];
    let orders: Vec<Order> = ids.iter().map(|id| dearest_order(id)).collect();
    for w in 60..=200 {
        for keys in [vec![ch('4')], vec![ch('4'), key(KeyCode::Enter)]] {
            let mut state = state_with(&orders);
            press_over(&mut state, &keys, &orders);
            let screen = screen_text(&state, w, 24);
            // Every run that starts like an id is a whole id.
            for token in screen.split(|c: char| c.is_whitespace() || c == '│' || c == '"') {
                let looks_like_id = token
                    .as_bytes()
                    .get(..9)
                    .is_some_and(|b| b[..8].iter().all(u8::is_ascii_digit) && b[8] == b'-');
                if looks_like_id {
                    assert!(ids.contains(&token), "{w}: {token} cut:\n{screen}");
                }
            }
        }
        let mut state = state_with(&orders);
        press_over(&mut state, &[ch('4')], &orders);
        let screen = screen_text(&state, w, 24);
        // Whole, or (too narrow for the customer and status beside it) without the date
        // it begins with: never cut anywhere else.
        for id in ids {
            let after_date = &id[9..];
            assert!(
                screen.contains(id) || (w < 80 && screen.contains(after_date)),
                "{w}: {id} missing:\n{screen}"
            );
        }
    }
}

#[test]
fn at_60_columns_each_order_row_says_whose_it_is_and_where_it_stands() {
    // Issue 20: at 60x16 the table showed id, date, region and total only.
    let ids = [
        "20261127-015649-e6v2-2",
        "20261127-015648-k3j9x2ab7q-12",
        "20261127-015647-a1-1",
    ];
    let orders: Vec<Order> = ids.iter().map(|id| dearest_order(id)).collect();
    let mut state = state_with(&orders);
    press_over(&mut state, &[ch('4')], &orders);
    let screen = screen_text(&state, 60, 16);
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("Acme")).collect();
    assert_eq!(rows.len(), 3, "{screen}");
    for (row, id) in rows.iter().zip(ids) {
        assert!(row.contains(&id[9..]), "{id}: {row}\n{screen}");
        assert!(row.contains("Unused"), "status missing: {row}\n{screen}");
        assert!(row.contains("$3,976,020,000.00"), "total not whole: {row}");
    }
    assert!(screen.contains("widen for dates"), "{screen}");
}

#[test]
fn while_the_terminal_is_too_small_only_q_and_ctrl_c_act() {
    let mut app = App::new();
    let order = app
        .store
        .save_new(dearest_order("x"), "test")
        .expect("saved");
    let file = app.store.path_of(&order.id);
    let before = std::fs::read(&file).unwrap();
    app.act(Action::Refresh);
    app.keys(&[ch('1'), ch('a'), ch('4')]);
    let cart = app.state.cart_tab.cart.clone();
    app.act(Action::Resize {
        width: 40,
        height: 10,
    });
    assert!(screen_text(&app.state, 40, 10).contains("terminal too small"));
    // s y would start delivery; a, x, +, r would change the cart; Enter, ?, / open things.
    app.keys(&[
        ch('s'),
        ch('y'),
        ch('2'),
        ch('x'),
        ch('+'),
        ch('r'),
        ch('1'),
        ch('a'),
    ]);
    app.keys(&[key(KeyCode::Enter), ch('?'), ch('/'), ch('c'), ctrl('r')]);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the order file changed"
    );
    assert_eq!(app.state.cart_tab.cart, cart);
    assert_eq!(app.state.screen, order_desk::tui::state::Screen::Orders);
    assert!(app.state.popup.is_none() && app.state.input.is_none());
    assert!(app.state.orders.detail.is_none() && app.state.cart_tab.checkout.is_none());
    assert!(!app.state.quit);
    // Large enough again, the same key acts.
    app.act(Action::Resize {
        width: 60,
        height: 16,
    });
    app.keys(&[ch('s')]);
    assert!(app.state.popup.is_some(), "s asks to start delivery again");
    app.keys(&[ch('n')]);
    app.act(Action::Resize {
        width: 59,
        height: 40,
    });
    app.keys(&[ch('q')]);
    assert!(app.state.quit, "q still quits");
}

#[test]
fn ctrl_c_quits_while_the_terminal_is_too_small() {
    let mut state = loaded_state(true);
    let _ = order_desk::tui::update::update(
        &mut state,
        Action::Resize {
            width: 80,
            height: 15,
        },
        &ctx(),
    );
    press(&mut state, &[ctrl('c')]);
    assert!(state.quit);
}
