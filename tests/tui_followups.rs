//! What to follow up (issue 20): `w` lists open quotes lapsing within 30 days, lapsed
//! quotes nobody re-quoted, unused orders expiring within 30 days and orders in delivery
//! for more than 30 days, dearest first; each row opens, or takes its own step.

use crate::common;

use common::*;
use jiff::civil::{Date, date};
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, checkout};
use order_desk::domain::quote::Quote;
use order_desk::domain::rules::Transition;
use order_desk::tui::model::followup::{Why, list};
use order_desk::tui::state::{Popup, QuoteStep, Screen, Subject};

fn quote(app: &App, customer: &str, sku: &str, qty: u32, until: Date) -> Quote {
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc1);
    cart.add(&catalog, sku, qty).unwrap();
    let form = CheckoutForm {
        customer: customer.into(),
        rep: "ann".into(),
        ..CheckoutForm::default()
    };
    let at = jiff::Timestamp::from_second(1_790_000_000).unwrap();
    let priced = checkout(&cart, &catalog, &form, String::new(), at).unwrap();
    app.store
        .save_new_quote(Quote::from_priced(priced, until), "ann")
        .unwrap()
}

/// Today is 2026-11-26 (the tests' clock).
fn app() -> (App, Vec<String>) {
    let mut app = App::new();
    let soon = quote(&app, "Soon Corp", "dev-basic", 1, date(2026, 12, 1)).id;
    let later = quote(&app, "Later Corp", "dev-basic", 1, date(2027, 3, 1)).id;
    let lapsed = quote(&app, "Lapsed Corp", "impl-platinum", 2, date(2026, 11, 1)).id;
    let requoted = quote(&app, "Requoted Corp", "dev-basic", 1, date(2026, 11, 2));
    let mut again = quote(&app, "Requoted Corp", "dev-basic", 1, date(2026, 12, 30));
    again.requote_of = Some(requoted.id.clone());
    let again = app.store.save_new_quote(again, "ann").unwrap().id;
    let mut expiring = order(
        "e",
        "Expiring GmbH",
        Region::Oc2,
        &[("support-flagship", 3)],
        1,
    );
    expiring.valid_until = Some(date(2026, 12, 6));
    let expiring = app.store.save_new(expiring, "ann").unwrap().id;
    let long = app
        .store
        .save_new(
            order("l", "Long Ltd", Region::Oc1, &[("tuning-standard", 1)], 60),
            "ann",
        )
        .unwrap()
        .id;
    let started = now()
        .checked_sub(jiff::SignedDuration::from_hours(24 * 40))
        .unwrap();
    app.store
        .transition(&long, None, Transition::StartDelivery, "ann", None, started)
        .unwrap();
    let fresh = app
        .store
        .save_new(
            order("f", "Fresh SA", Region::Oc1, &[("dev-basic", 1)], 2),
            "ann",
        )
        .unwrap()
        .id;
    app.store
        .transition(&fresh, None, Transition::StartDelivery, "ann", None, now())
        .unwrap();
    app.act(order_desk::tui::action::Action::Refresh);
    let _ = (later, again);
    (app, vec![soon, lapsed, expiring, long])
}

#[test]
fn each_kind_is_listed_with_why_dearest_first_and_nothing_else() {
    let (mut app, ids) = app();
    // Before the Quotes tab was shown, w reads the quotes first, then lists.
    assert!(!app.state.quotes.loaded);
    app.keys(&[ch('w')]);
    let Some(Popup::FollowUps { rows, .. }) = app.state.popup.clone() else {
        panic!("no follow-ups: {:?}", app.state.popup);
    };
    assert_eq!(
        rows,
        list(
            &app.state.quotes.quotes,
            &app.state.orders.book.orders,
            today(),
            now()
        )
    );
    let got: Vec<(&str, Why)> = rows.iter().map(|r| (r.id.as_str(), r.why)).collect();
    // Flagship 3 × $1,300,000.00 in OC2, Platinum 2 × $570,000.00, tuning $60,000.00,
    // dev-basic $50,000.00.
    assert_eq!(
        got,
        vec![
            (ids[2].as_str(), Why::OrderExpires(10)),
            (ids[1].as_str(), Why::QuoteLapsed),
            (ids[3].as_str(), Why::InDelivery(40)),
            (ids[0].as_str(), Why::QuoteLapses(5)),
        ]
    );
}

#[test]
fn w_lists_them_enter_opens_and_a_rows_own_key_takes_its_step() {
    let (mut app, ids) = app();
    app.keys(&[ch('w')]);
    let Some(Popup::FollowUps { rows, .. }) = &app.state.popup else {
        panic!("no follow-ups: {:?}", app.state.popup);
    };
    assert_eq!(rows.len(), 4);
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let text = screen_text(&app.state, w, h);
        assert!(
            text.contains("4 to follow up, $5,150,000.00 in all"),
            "{text}"
        );
        for amount in ["$3,900,000.00", "$1,140,000.00", "$60,000.00", "$50,000.00"] {
            assert!(text.contains(amount), "{w}x{h}: {amount} not whole\n{text}");
        }
        assert!(text.contains("expires in 10 day(s), unused"), "{text}");
        assert!(text.contains("in delivery for 40 days"), "{text}");
    }
    // The first row is an order: s asks to start it; r is not its step.
    app.keys(&[ch('r')]);
    assert!(matches!(app.state.popup, Some(Popup::FollowUps { .. })));
    assert!(app.state.message.as_ref().unwrap().text.contains("s start"));
    app.keys(&[ch('s')]);
    assert_eq!(app.state.screen, Screen::Orders);
    assert!(
        matches!(&app.state.popup, Some(Popup::Confirm(Subject::Order(c))) if c.id == ids[2] && c.transition == Transition::StartDelivery),
        "{:?}",
        app.state.popup
    );
    // The lapsed quote: r asks to re-quote it.
    app.keys(&[ch('n'), ch('w'), key(KeyCode::Down), ch('r')]);
    assert_eq!(app.state.screen, Screen::Quotes);
    assert!(
        matches!(&app.state.popup, Some(Popup::Confirm(Subject::Quote(a))) if a.id == ids[1] && a.step == QuoteStep::Requote),
        "{:?}",
        app.state.popup
    );
    // Enter opens the row, Esc closes the list.
    app.keys(&[
        ch('n'),
        ch('w'),
        key(KeyCode::Down),
        key(KeyCode::Down),
        key(KeyCode::Enter),
    ]);
    assert_eq!(
        app.state.orders.detail.as_ref().map(|d| d.id.as_str()),
        Some(ids[3].as_str())
    );
    app.keys(&[ch('w'), key(KeyCode::Esc)]);
    assert_eq!(app.state.popup, None);
}
