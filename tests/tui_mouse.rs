//! The mouse: a click on a tab shows it, on a row selects it (a second click on an order
//! opens it), the wheel scrolls; nothing under a popup or the form can be clicked.

use crate::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use order_desk::tui::keymap;
use order_desk::tui::model::catalog::{self, Column};
use order_desk::tui::state::{Popup, Screen, State};
use order_desk::tui::update::update;
use order_desk::tui::view;

const W: u16 = 80;
const H: u16 = 24;

/// Draws the state at its size and sends the mouse event to what that frame shows.
fn mouse(state: &mut State, kind: MouseEventKind, x: u16, y: u16) {
    let mut terminal = Terminal::new(TestBackend::new(state.width, state.height)).unwrap();
    let mut hits = Default::default();
    terminal
        .draw(|f| hits = view::draw_with_hits(f, state, today()))
        .unwrap();
    let event = MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    if let Some(action) = keymap::mouse(event, &hits, state) {
        update(state, action, &ctx());
    }
}

/// Left click on the first place the screen shows `text`.
fn click(state: &mut State, text: &str) {
    let screen = screen_text(state, state.width, state.height);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen:\n{screen}"));
    // The snapshot text quotes each line: one column more than on screen.
    let byte = line.find(text).unwrap();
    let x = line[..byte].chars().count() as u16 - 1;
    mouse(
        state,
        MouseEventKind::Down(MouseButton::Left),
        x + 1,
        y as u16,
    );
}

fn highlighted(state: &State) -> String {
    let tree = catalog::tree(&state.setup.catalog, &state.browse.filter);
    let at = state.browse.cursor(&tree).unwrap().at;
    state.setup.catalog.entry(at).tier.sku.clone()
}

#[test]
fn clicks_show_tabs_and_select_rows() {
    let mut state = loaded_state(true);
    // Wide enough that the catalog shows families, services and tiers side by side.
    state.width = 120;
    state.height = 35;
    click(&mut state, "4 Orders");
    assert_eq!(state.screen, Screen::Orders);
    click(&mut state, "Initech");
    let (_, order) = state.selected_order().unwrap();
    assert_eq!(order.customer, "Initech");
    assert!(state.orders.detail.is_none());
    // A second click on the selected order opens it.
    click(&mut state, "Initech");
    assert!(state.orders.detail.is_some());

    click(&mut state, "1 Catalog");
    assert_eq!(state.screen, Screen::Catalog);
    click(&mut state, "$130,000.00 $200,000.00");
    assert_eq!(state.browse.column, Column::Tiers);
    assert_eq!(highlighted(&state), "dev-professional");
    click(&mut state, "…Migration and Adaptation");
    assert_eq!(state.browse.column, Column::Families);
    assert!(
        highlighted(&state).starts_with("migrate-"),
        "{}",
        highlighted(&state)
    );
    // Clicking selects; it never adds to the cart.
    assert!(state.cart_tab.cart.is_empty());
}

#[test]
fn the_wheel_scrolls_and_popups_cover_what_is_under_them() {
    let mut state = loaded_state(true);
    state.width = W;
    state.height = H;
    click(&mut state, "4 Orders");
    mouse(&mut state, MouseEventKind::ScrollDown, 10, 6);
    mouse(&mut state, MouseEventKind::ScrollDown, 10, 6);
    assert_eq!(state.orders.selected, 2);
    mouse(&mut state, MouseEventKind::ScrollUp, 10, 6);
    assert_eq!(state.orders.selected, 1);

    // Under the help, a click does nothing; the wheel scrolls the help.
    press(&mut state, &[ch('?')]);
    click(&mut state, "1 Catalog");
    assert_eq!(state.screen, Screen::Orders);
    assert_eq!(state.popup, Some(Popup::Help));
    mouse(&mut state, MouseEventKind::ScrollDown, 40, 12);
    assert_eq!(state.help_scroll, 1);
    assert_eq!(state.orders.selected, 1, "the table under the help stays");

    // Under a confirmation, nothing at all.
    press(&mut state, &[ratatui_key_esc(), ch('s')]);
    assert!(matches!(state.popup, Some(Popup::Confirm(_))));
    click(&mut state, "1 Catalog");
    mouse(&mut state, MouseEventKind::ScrollDown, 10, 6);
    assert_eq!(state.screen, Screen::Orders);
    assert_eq!(state.orders.selected, 1);
    assert!(matches!(state.popup, Some(Popup::Confirm(_))));
}

#[test]
fn a_too_small_terminal_has_nothing_to_click() {
    let mut state = loaded_state(true);
    let mut terminal = Terminal::new(TestBackend::new(40, 10)).unwrap();
    let mut hits = Default::default();
    terminal
        .draw(|f| hits = view::draw_with_hits(f, &state, today()))
        .unwrap();
    for y in 0..10 {
        for x in 0..40 {
            let event = MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: x,
                row: y,
                modifiers: KeyModifiers::NONE,
            };
            assert!(keymap::mouse(event, &hits, &state).is_none());
        }
    }
    update(&mut state, order_desk::tui::action::Action::Quit, &ctx());
}

fn ratatui_key_esc() -> ratatui::crossterm::event::KeyEvent {
    key(ratatui::crossterm::event::KeyCode::Esc)
}

#[test]
fn a_click_shows_the_quotes_tab_selects_a_quote_and_a_second_opens_it() {
    let mut state = loaded_state(true);
    (state.width, state.height) = (W, H);
    let q = |id: &str, customer: &str| {
        let o = order(
            "",
            customer,
            order_desk::domain::catalog::Region::Oc1,
            &[("dev-basic", 1)],
            0,
        );
        let mut q =
            order_desk::domain::quote::Quote::from_priced(o, jiff::civil::date(2026, 12, 26));
        q.id = id.into();
        q
    };
    state.quotes.quotes = vec![
        q("Q-20261126-120000-test", "Initech"),
        q("Q-20261125-120000-test", "Umbrella"),
    ];
    state.quotes.loaded = true;
    state.quotes.refilter(today());
    // At 60 columns the tab titles lose their padding: still each one a target.
    for width in [W, 60] {
        state.width = width;
        state.screen = Screen::Catalog;
        click(&mut state, "3 Quotes");
        assert_eq!(state.screen, Screen::Quotes, "at {width} columns");
    }
    state.width = W;
    click(&mut state, "Umbrella");
    assert_eq!(state.quotes.selected, 1);
    assert_eq!(state.quotes.detail, None, "one click selects");
    click(&mut state, "Umbrella");
    assert_eq!(
        state.quotes.detail.as_deref(),
        Some("Q-20261125-120000-test")
    );
}

/// On Customers a click selects a customer and a second click opens the page.
#[test]
fn a_click_selects_a_customer_and_a_second_opens_the_page() {
    let mut state = loaded_state(true);
    (state.width, state.height) = (W, H);
    click(&mut state, "6 Customers");
    assert_eq!(state.screen, Screen::Customers);
    click(&mut state, "Umbrella");
    let at = state.customers_tab.selected;
    assert_eq!(state.customers_tab.rows[at].name, "Umbrella");
    assert!(state.customers_tab.page.is_none(), "one click selects");
    click(&mut state, "Umbrella");
    let page = state.customers_tab.page.as_ref().expect("the page");
    assert_eq!(page.items.len(), 1, "Umbrella's one order");
    assert!(screen_text(&state, W, H).contains("┌ Umbrella"));
}
