//! Money on screen is exact at every size: every screen and popup is drawn at every width
//! from 60 to 200 and several heights, over carts and orders with the largest amounts the
//! rules allow, and every money-looking run of characters must be `$` and an amount that
//! really is in the state (a price, a line, a total) — never a cut or shifted number.

use crate::common;

use common::*;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use order_desk::domain::cart::{Cart, MAX_QUANTITY};
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::Order;
use order_desk::store::summary::OrderSummary;
use order_desk::tui::model::order_book::Book;
use order_desk::tui::state::State;
use order_desk::tui::update::refilter;

/// What a desk holds: the cart's (tier, quantity) picks and region, and the saved orders.
struct Desk {
    cart: Vec<(usize, u32)>,
    region: Region,
    orders: Vec<Order>,
}

fn skus() -> Vec<String> {
    Catalog::builtin()
        .tiers()
        .map(|e| e.tier.sku.clone())
        .collect()
}

/// An order of `picks` (indexes into the price list) placed `days` ago.
fn big_order(id: &str, customer: &str, region: Region, picks: &[(usize, u32)], days: i64) -> Order {
    let skus = skus();
    let mut lines: Vec<(&str, u32)> = Vec::new();
    for (i, q) in picks {
        let sku = skus[i % skus.len()].as_str();
        if !lines.iter().any(|(s, _)| *s == sku) {
            lines.push((sku, (*q).clamp(1, MAX_QUANTITY)));
        }
    }
    if lines.is_empty() {
        lines.push((skus[0].as_str(), 1));
    }
    order(id, customer, region, &lines, days)
}

/// The dearest order the issue names: 999 each of the four dearest OC2 tiers,
/// $3,976,020,000.00, then one with 999 of every tier, with a long desk tag.
fn largest_orders() -> Vec<Order> {
    let dearest = [
        ("support-flagship", 999),
        ("incremental-platinum", 999),
        ("impl-platinum", 999),
        ("distill-platinum", 999),
    ];
    let mut orders = vec![order(
        "20261127-015649-e6v2-2",
        "Acme Robotics Lima Sociedad Anónima Cerrada",
        Region::Oc2,
        &dearest,
        0,
    )];
    let every: Vec<(usize, u32)> = (0..skus().len()).map(|i| (i, 999)).collect();
    orders.push(big_order(
        "20261126-093000-k3j9x2ab7q-12",
        "Globex",
        Region::Oc2,
        &every,
        1,
    ));
    orders.extend(sample_orders().into_iter().map(|mut o| {
        o.created_at -= jiff::SignedDuration::from_hours(48);
        o
    }));
    orders
}

fn state_of(desk: &Desk) -> State {
    let mut state = State::new(setup(true));
    let skus = skus();
    state.cart_tab.cart = Cart::new(desk.region);
    for (i, q) in &desk.cart {
        let sku = &skus[i % skus.len()];
        let have = state.cart_tab.cart.quantity_of(sku);
        let _ = state.cart_tab.cart.add(
            &state.setup.catalog,
            sku,
            (*q).min(MAX_QUANTITY - have.min(MAX_QUANTITY - 1)),
        );
    }
    state.orders.book = Book::new(desk.orders.iter().map(OrderSummary::of).collect(), vec![]);
    state.orders.loaded = true;
    refilter(&mut state, today());
    // Every order is quoted too, so the Quotes tab shows the same amounts; every other
    // one has lapsed.
    state.quotes.quotes = desk
        .orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let until = today().saturating_add(jiff::Span::new().days(10 - 20 * (i as i64 % 2)));
            let mut q = order_desk::domain::quote::Quote::from_priced(o.clone(), until);
            q.id = format!("Q-{}", o.id);
            q
        })
        .collect();
    state.quotes.loaded = true;
    state.quotes.refilter(today());
    state
}

/// Every screen and popup, as the keys that reach it from a fresh start.
fn screens() -> Vec<(&'static str, Vec<KeyEvent>)> {
    let enter = key(KeyCode::Enter);
    vec![
        ("catalog families", vec![]),
        ("catalog services", vec![ch('l')]),
        // The last family holds the dearest tier (Flagship, last in its list).
        (
            "catalog dearest tier",
            vec![ch('G'), ch('l'), ch('l'), ch('G')],
        ),
        (
            "catalog other region",
            vec![ch('G'), ch('l'), ch('l'), ch('G'), ch('r')],
        ),
        ("catalog filter", vec![ch('/'), ch('p'), ch('l'), ch('a')]),
        ("catalog help", vec![ch('?')]),
        ("cart", vec![ch('2')]),
        ("cart last line", vec![ch('2'), ch('G')]),
        ("checkout", vec![ch('2'), ch('c')]),
        ("cart help", vec![ch('2'), ch('?')]),
        ("quotes", vec![ch('3')]),
        ("quotes search", vec![ch('3'), ch('/'), ch('2')]),
        ("quote detail", vec![ch('3'), enter]),
        ("quote detail next", vec![ch('3'), enter, ch('j')]),
        ("quote accept", vec![ch('3'), ch('a')]),
        ("quote re-quote", vec![ch('3'), ch('r')]),
        ("quote decline", vec![ch('3'), ch('D')]),
        ("quotes help", vec![ch('3'), ch('?')]),
        // Typed so the form prices the cart in the other region.
        (
            "quote form",
            vec![
                ch('2'),
                ch('Q'),
                ch('A'),
                key(KeyCode::Tab),
                ch('B'),
                ch('R'),
            ],
        ),
        ("orders", vec![ch('4')]),
        ("orders search", vec![ch('4'), ch('/'), ch('2')]),
        ("orders help", vec![ch('4'), ch('?')]),
        ("detail", vec![ch('4'), enter]),
        ("detail next", vec![ch('4'), enter, ch('j')]),
        ("confirm start", vec![ch('4'), ch('s')]),
        ("mark delivered", vec![ch('4'), ch('d')]),
        // The oldest order is the sample's expired one: the guard refuses in a notice.
        ("refusal notice", vec![ch('4'), ch('G'), ch('R')]),
        ("detail of the oldest", vec![ch('4'), ch('G'), enter]),
        ("reports by family", vec![ch('5')]),
        ("reports by status", vec![ch('5'), ch('s')]),
        ("reports by tier", vec![ch('5'), ch('i')]),
        (
            "reports by month, this quarter",
            vec![ch('5'), ch('m'), ch('p'), ch('p')],
        ),
        (
            "reports by customer, last year",
            vec![
                ch('5'),
                ch('c'),
                ch('p'),
                ch('p'),
                ch('p'),
                key(KeyCode::Left),
            ],
        ),
        ("reports help", vec![ch('5'), ch('?')]),
    ]
}

/// Draws every screen of `desk` at `sizes` and fails on the first wrong amount.
fn check(desk: &Desk, sizes: &[(u16, u16)]) -> Result<(), String> {
    for (name, keys) in screens() {
        let mut state = state_of(desk);
        press_over(&mut state, &keys, &desk.orders);
        let real = amounts_in(&state);
        for &(w, h) in sizes {
            let screen = screen_text(&state, w, h);
            let wrong: Vec<String> = money_runs(&screen)
                .into_iter()
                .filter(|run| !real.contains(run))
                .collect();
            if !wrong.is_empty() {
                return Err(format!(
                    "{name} at {w}x{h} shows {wrong:?}, not amounts of the state:\n{screen}"
                ));
            }
        }
    }
    Ok(())
}

fn the_largest_desk() -> Desk {
    Desk {
        // 999 of every tier: the largest cart the rules allow.
        cart: (0..skus().len()).map(|i| (i, 999)).collect(),
        region: Region::Oc2,
        orders: largest_orders(),
    }
}

#[test]
fn the_largest_amounts_are_whole_at_every_width_from_60_to_200() {
    let desk = the_largest_desk();
    let sizes: Vec<(u16, u16)> = (60..=200)
        .flat_map(|w| [16, 24, 40].map(|h| (w, h)))
        .collect();
    check(&desk, &sizes).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_scan_finds_cut_and_shifted_amounts() {
    // The test above is only as good as this scan: each of these is a lie it must see.
    let runs = money_runs(
        "│ 0,000.00 │ $203… total $120,000… 976,020,000.00 $1,300,0│ 2,997 unit(s) 12:00",
    );
    assert_eq!(
        runs,
        ["0,000.00", "$203", "$120,000", "976,020,000.00", "$1,300,0"]
    );
    assert_eq!(money_runs("saved $5.00."), ["$5.00"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_desk_shows_only_its_own_amounts(
        cart in proptest::collection::vec((0usize..64, 1u32..=999), 0..12),
        oc2 in any::<bool>(),
        orders in proptest::collection::vec(
            (proptest::collection::vec((0usize..64, 1u32..=999), 1..8), any::<bool>()),
            0..5,
        ),
        width in 60u16..=200,
        height in 16u16..=60,
    ) {
        let region = |oc2: bool| if oc2 { Region::Oc2 } else { Region::Oc1 };
        let orders: Vec<Order> = orders
            .iter()
            .enumerate()
            .map(|(i, (picks, oc2))| {
                big_order(
                    &format!("20261126-{:06}-d{i}x-{}", 100_000 - i, i + 1),
                    &format!("Customer number {i} of a long list of customers"),
                    region(*oc2),
                    picks,
                    i as i64,
                )
            })
            .collect();
        let mut orders = orders;
        // The sample orders, older than any above, bring every status and a refusal.
        orders.extend(sample_orders().into_iter().map(|mut o| {
            o.created_at -= jiff::SignedDuration::from_hours(24 * 30);
            o
        }));
        let desk = Desk { cart, region: region(oc2), orders };
        prop_assert_eq!(check(&desk, &[(width, height)]), Ok(()));
    }
}

#[test]
#[ignore = "prints every screen of the largest desk, for reading by eye"]
fn dump() {
    let desk = the_largest_desk();
    let (w, h) = (
        std::env::var("W").map_or(80, |v| v.parse().unwrap()),
        std::env::var("H").map_or(24, |v| v.parse().unwrap()),
    );
    for (name, keys) in screens() {
        let mut state = state_of(&desk);
        press_over(&mut state, &keys, &desk.orders);
        println!("== {name} {w}x{h}\n{}", screen_text(&state, w, h));
    }
}
