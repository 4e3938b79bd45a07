//! Every screen and popup drawn into a `TestBackend` and compared with a snapshot, at a
//! normal size and a tiny one, plus the styles that carry meaning.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use order_desk::tui::action::{Action, Purpose};
use order_desk::tui::state::{Screen, State};
use order_desk::tui::update::update;

/// Snapshots at 100x30 and at 80x24, the terminal most people have.
fn snap(name: &str, state: &State) {
    insta::assert_snapshot!(name, draw(state, 100, 30).backend());
    insta::assert_snapshot!(format!("{name}_80x24"), draw(state, 80, 24).backend());
}

fn catalog_state() -> State {
    let mut state = loaded_state(true);
    // Second family, its service, the tiers column on Standard.
    press(
        &mut state,
        &[ch('j'), ch('l'), ch('l'), ch('j'), ch('a'), ch('a')],
    );
    state
}

fn cart_state() -> State {
    let mut state = catalog_state();
    press(
        &mut state,
        &[ch('h'), ch('h'), ch('G'), ch('l'), ch('l'), ch('a')],
    );
    press(&mut state, &[ch('2'), ch('r')]);
    state
}

#[test]
fn catalog() {
    snap("catalog", &catalog_state());
}

#[test]
fn catalog_filtered() {
    let mut state = loaded_state(true);
    press(&mut state, &[ch('/'), ch('m'), ch('i'), ch('g'), ch('r')]);
    snap("catalog_filtered", &state);
}

#[test]
fn cart() {
    snap("cart", &cart_state());
}

#[test]
fn cart_empty() {
    let mut state = loaded_state(true);
    press(&mut state, &[ch('2')]);
    snap("cart_empty", &state);
}

#[test]
fn checkout_with_inline_errors() {
    let mut state = cart_state();
    press(
        &mut state,
        &[
            ch('c'),
            // From the first field back to the last, the valid-until date.
            key(KeyCode::BackTab),
        ],
    );
    for c in "2026-02-30".chars() {
        press(&mut state, &[ch(c)]);
    }
    press(&mut state, &[ctrl('s')]);
    snap("checkout_errors", &state);
}

#[test]
fn orders_with_a_damaged_row() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    press(&mut state, &[ch('j')]);
    snap("orders", &state);
}

#[test]
fn orders_loading() {
    let mut state = State::new(setup(true));
    state.screen = Screen::Orders;
    state.orders.loading = Some((42_000, 100_000));
    snap("orders_loading", &state);
}

#[test]
fn orders_searched_and_filtered() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    press(&mut state, &[ch('f'), ch('f')]);
    snap("orders_filter_in_delivery", &state);
    press(
        &mut state,
        &[
            ch('f'),
            ch('f'),
            ch('f'),
            ch('f'),
            ch('/'),
            ch('i'),
            ch('n'),
            ch('i'),
        ],
    );
    snap("orders_search", &state);
}

#[test]
fn detail_with_blocked_actions() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    // Damaged row, fresh order, then the one in delivery.
    press(&mut state, &[ch('j'), ch('j'), key(KeyCode::Enter)]);
    snap("detail_in_delivery", &state);
}

#[test]
fn detail_of_a_file_that_cannot_be_read() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    press(&mut state, &[ch('j'), key(KeyCode::Enter)]);
    let id = state.orders.detail.as_ref().unwrap().id.clone();
    let _ = update(
        &mut state,
        Action::OrderOpened {
            id: id.clone(),
            purpose: Purpose::Detail,
            result: Err(format!(
                "/srv/orders/{id}.ron:3:14: Expected comma (the file was left untouched: fix it by hand or restore it from a backup)"
            )),
        },
        &ctx(),
    );
    snap("detail_unreadable", &state);
}

#[test]
fn help_popup() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    press(&mut state, &[ch('?')]);
    snap("help_orders", &state);
    press(&mut state, &[key(KeyCode::Esc), ch('1'), ch('?')]);
    snap("help_catalog", &state);
}

#[test]
fn help_popup_at_120x35_wraps_under_the_description_column() {
    let mut state = loaded_state(true);
    update(
        &mut state,
        Action::Resize {
            width: 120,
            height: 35,
        },
        &ctx(),
    );
    press(&mut state, &[ch('?')]);
    insta::assert_snapshot!("help_catalog_120x35", draw(&state, 120, 35).backend());
    press(&mut state, &[key(KeyCode::Esc), ch('2'), ch('?')]);
    insta::assert_snapshot!("help_cart_120x35", draw(&state, 120, 35).backend());
}

#[test]
fn help_popup_scrolls_at_the_smallest_size() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    update(
        &mut state,
        Action::Resize {
            width: 60,
            height: 16,
        },
        &ctx(),
    );
    press(&mut state, &[ch('?')]);
    let top = draw(&state, 60, 16);
    insta::assert_snapshot!("help_orders_60x16_top", top.backend());
    let mut seen = screen_text(&state, 60, 16);
    assert!(seen.contains("more below"), "{seen}");
    // ↓ one row at a time reaches every key, then stops at the end.
    for _ in 0..100 {
        press(&mut state, &[key(KeyCode::Down)]);
        seen.push_str(&screen_text(&state, 60, 16));
    }
    insta::assert_snapshot!("help_orders_60x16_end", draw(&state, 60, 16).backend());
    assert!(screen_text(&state, 60, 16).contains("more above"));
    for (_, keys) in order_desk::tui::keymap::help(&state) {
        for (k, _) in keys {
            assert!(seen.contains(k), "{k} never shown");
        }
    }
    // One ↑ from the end moves at once (the scroll never runs past the end).
    let end = screen_text(&state, 60, 16);
    press(&mut state, &[key(KeyCode::Up)]);
    assert_ne!(screen_text(&state, 60, 16), end);
    // PgUp / Home go back to the top; the keys do not reach the table under the popup.
    press(&mut state, &[key(KeyCode::PageDown), key(KeyCode::Home)]);
    assert_eq!(state.help_scroll, 0);
    assert_eq!(state.orders.selected, 0);
    press(&mut state, &[key(KeyCode::End), key(KeyCode::PageUp)]);
    assert!(state.help_scroll > 0);
    // Reopened, the help starts at the top again.
    press(&mut state, &[key(KeyCode::Esc), ch('?')]);
    assert_eq!(state.help_scroll, 0);
}

#[test]
fn confirm_popup() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    press(&mut state, &[ch('j'), ch('s')]);
    snap("confirm_start", &state);
}

#[test]
fn refusal_popup() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    press(&mut state, &[ch('j'), ch('j'), ch('R')]);
    snap("refusal_refund", &state);
}

#[test]
fn tiny_terminals_say_so_and_never_panic() {
    let mut states = vec![catalog_state(), cart_state()];
    let mut s = cart_state();
    press(&mut s, &[ch('c')]);
    states.push(s);
    for keys in [
        vec![ch('4')],
        vec![ch('4'), ch('j'), ch('j'), key(KeyCode::Enter)],
        vec![ch('4'), ch('?')],
        vec![ch('4'), ch('j'), ch('s')],
    ] {
        let mut s = loaded_state(true);
        press(&mut s, &keys);
        states.push(s);
    }
    for state in &states {
        for (w, h) in [(20, 5), (1, 1), (59, 40), (200, 15), (60, 16), (300, 100)] {
            let text = screen_text(state, w, h);
            assert_eq!(wrong_amounts(state, &text), Vec::<String>::new(), "{text}");
            if (w, h) == (20, 5) {
                assert!(text.contains("terminal too small"), "{text}");
            }
        }
        // TestBackend cannot print an empty buffer, but drawing into one must not panic.
        draw(state, 0, 0);
    }
    insta::assert_snapshot!("tiny_20x5", draw(&states[0], 20, 5).backend());
    insta::assert_snapshot!("smallest_60x16_orders", draw(&states[3], 60, 16).backend());
}

#[test]
fn control_characters_from_files_are_never_drawn() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    let terminal = draw(&state, 120, 30);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| !c.symbol().contains('\u{1b}'))
    );
    // The whole escape sequence goes, not only its ESC: no "[31m" left behind.
    let text = terminal.backend().to_string();
    assert!(text.contains("Globex International"), "{text}");
    assert!(!text.contains("[31m"), "{text}");
}

/// The row of the screen holding `text`.
fn row_of(state: &State, text: &str) -> u16 {
    let screen = screen_text(state, 100, 30);
    screen
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen:\n{screen}")) as u16
}

#[test]
fn selected_row_is_reversed_with_and_without_colour() {
    for color in [true, false] {
        let mut state = loaded_state(color);
        state.screen = Screen::Orders;
        press(&mut state, &[ch('j')]);
        let y = row_of(&state, "Acme Corp");
        let terminal = draw(&state, 100, 30);
        let buffer = terminal.backend().buffer();
        assert_eq!(buffer[(3, y)].symbol(), "2", "row starts after the marker");
        assert_eq!(buffer[(0, y)].symbol(), "│");
        assert_eq!(buffer[(1, y)].symbol(), ">");
        assert!(
            buffer[(5, y)]
                .style()
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        let other = row_of(&state, "Initech");
        assert!(
            !buffer[(5, other)]
                .style()
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }
}

#[test]
fn blocked_actions_are_red_allowed_green_and_no_colour_under_no_color() {
    let mut state = loaded_state(true);
    state.screen = Screen::Orders;
    press(&mut state, &[ch('j'), ch('j'), key(KeyCode::Enter)]);
    let screen = screen_text(&state, 100, 30);
    let terminal = draw(&state, 100, 30);
    let buffer = terminal.backend().buffer();
    let find = |text: &str| -> (u16, u16) {
        for (y, line) in screen.lines().enumerate() {
            if let Some(x) = line.find(text) {
                let x = line[..x].chars().count() as u16;
                return (x - 1, y as u16);
            }
        }
        panic!("{text} not found");
    };
    let (x, y) = find("Refund: blocked");
    assert_eq!(buffer[(x + 1, y)].style().fg, Some(Color::Red));
    let (x, y) = find("Mark delivered →");
    assert_eq!(buffer[(x + 1, y)].style().fg, Some(Color::Green));

    let mut plain = loaded_state(false);
    plain.screen = Screen::Orders;
    press(&mut plain, &[ch('j'), ch('j'), key(KeyCode::Enter)]);
    let terminal = draw(&plain, 100, 30);
    for cell in terminal.backend().buffer().content() {
        assert!(
            matches!(cell.style().fg, None | Some(Color::Reset)),
            "{cell:?}"
        );
        assert!(
            matches!(cell.style().bg, None | Some(Color::Reset)),
            "{cell:?}"
        );
    }
}

/// A desk at the rules' limits: 999 each of the four dearest OC2 tiers in the cart and in
/// an order of $3,976,020,000.00 under an id with a `-2` suffix, beside the sample orders.
fn largest_state() -> (State, Vec<order_desk::domain::order::Order>) {
    use order_desk::domain::catalog::Region;
    let dearest = [
        ("support-flagship", 999),
        ("incremental-platinum", 999),
        ("impl-platinum", 999),
        ("distill-platinum", 999),
    ];
    let mut orders = vec![order(
        "20261127-015649-e6v2-2",
        "Acme Robotics Lima",
        Region::Oc2,
        &dearest,
        0,
    )];
    orders.extend(sample_orders());
    let mut state = loaded_state(true);
    state.orders.book = order_desk::tui::model::order_book::Book::new(
        orders
            .iter()
            .map(order_desk::store::summary::OrderSummary::of)
            .collect(),
        vec![],
    );
    order_desk::tui::update::refilter(&mut state, today());
    state.cart_tab.cart = order_desk::domain::cart::Cart::new(Region::Oc2);
    for (sku, q) in dearest {
        state
            .cart_tab
            .cart
            .add(&state.setup.catalog, sku, q)
            .unwrap();
    }
    (state, orders)
}

/// The screens of the largest desk at the smallest size, the usual one and a large one.
#[test]
fn the_largest_amounts_at_60x16_80x24_and_120x35() {
    for (name, keys) in [
        ("largest_catalog", vec![ch('G'), ch('l'), ch('l'), ch('G')]),
        ("largest_cart", vec![ch('2')]),
        ("largest_checkout", vec![ch('2'), ch('c')]),
        ("largest_orders", vec![ch('4')]),
        ("largest_detail", vec![ch('4'), key(KeyCode::Enter)]),
        ("largest_confirm", vec![ch('4'), ch('s')]),
    ] {
        let (mut state, orders) = largest_state();
        press_over(&mut state, &keys, &orders);
        for (w, h) in [(60, 16), (80, 24), (120, 35)] {
            let terminal = draw(&state, w, h);
            let screen = terminal.backend().to_string();
            assert_eq!(
                wrong_amounts(&state, &screen),
                Vec::<String>::new(),
                "{screen}"
            );
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }
}
