//! The order detail shows the customer's country and how the region was chosen, at the
//! smallest size, the usual one and a large one, with the largest amounts still whole.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::domain::region::RegionChoice;

/// The largest order (999 of each of the four dearest OC2 tiers) for a US customer whose
/// region the rep picked, beside the sample orders; the detail open on it.
fn state_with(
    choice: RegionChoice,
    country: &str,
) -> (
    order_desk::tui::state::State,
    Vec<order_desk::domain::order::Order>,
) {
    let dearest = [
        ("support-flagship", 999),
        ("incremental-platinum", 999),
        ("impl-platinum", 999),
        ("distill-platinum", 999),
    ];
    let mut big = order(
        "20261127-015649-e6v2-2",
        "Northwind Traders Inc",
        Region::Oc2,
        &dearest,
        0,
    );
    big.country = Some(country.into());
    big.region_choice = Some(choice);
    let mut orders = vec![big];
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
    press_over(&mut state, &[ch('4'), key(KeyCode::Enter)], &orders);
    (state, orders)
}

#[test]
fn the_detail_shows_the_country_and_the_reps_reason() {
    let (state, _) = state_with(
        RegionChoice::Chosen {
            reason: "billed through the Dublin office".into(),
        },
        "US",
    );
    for (w, h) in [(60, 16), (80, 24), (120, 35)] {
        let terminal = draw(&state, w, h);
        let screen = terminal.backend().to_string();
        assert_eq!(
            wrong_amounts(&state, &screen),
            Vec::<String>::new(),
            "{screen}"
        );
        assert!(screen.contains("Country"), "{w}x{h}: {screen}");
        insta::assert_snapshot!(format!("region_detail_{w}x{h}"), terminal.backend());
    }
    let wide = screen_text(&state, 120, 35);
    assert!(
        wide.contains("United States of America (US) · not covered, picked by the rep"),
        "{wide}"
    );
    assert!(
        wide.contains("Reason      billed through the Dublin office"),
        "{wide}"
    );
    assert!(wide.contains("$3,976,020,000.00"), "{wide}");
}

#[test]
fn the_detail_of_a_derived_region_names_its_basis() {
    let (state, _) = state_with(
        RegionChoice::Derived {
            basis: order_desk::domain::region::Basis::Named,
        },
        "BR",
    );
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("Brazil (BR) · OC2, named in the price list"),
        "{screen}"
    );
}
