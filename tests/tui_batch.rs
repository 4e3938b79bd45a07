//! Several orders changed at once (issue 20): Space marks rows in Orders, s, d or R asks
//! one question naming each order and total, and each change still goes through the
//! store's guard and lock, a refused one listed with why while the others go through.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::domain::order::Status;
use order_desk::domain::rules::Transition;
use order_desk::store::read_order;
use order_desk::tui::state::{Popup, Screen, Subject};

/// A folder with a second customer's three unused orders and one delivered order of
/// another, loaded into the app on Orders.
fn app_with_orders() -> (App, Vec<String>, String) {
    let mut app = App::new();
    let mut ids = Vec::new();
    for (i, days) in [(1, 3), (2, 2), (3, 1)] {
        let o = order(
            &format!("x{i}"),
            "Initech Brasil",
            Region::Oc2,
            &[("support-flagship", 999)],
            days,
        );
        ids.push(app.store.save_new(o, "ann").unwrap().id);
    }
    let other = app
        .store
        .save_new(
            order("y", "Globex", Region::Oc1, &[("dev-basic", 1)], 4),
            "ann",
        )
        .unwrap()
        .id;
    app.store
        .transition(&other, None, Transition::StartDelivery, "ann", None, now())
        .unwrap();
    app.store
        .transition(&other, None, Transition::MarkDelivered, "ann", None, now())
        .unwrap();
    app.act(order_desk::tui::action::Action::Refresh);
    app.keys(&[ch('4')]);
    assert_eq!(app.state.screen, Screen::Orders);
    (app, ids, other)
}

fn status(app: &App, id: &str) -> Status {
    read_order(&app.store.path_of(id)).unwrap().status
}

#[test]
fn three_orders_of_a_customer_are_started_in_one_confirmation_naming_each() {
    let (mut app, ids, other) = app_with_orders();
    // Newest first: the three Initech orders, then Globex's delivered one; mark all four.
    app.keys(&[ch('g'), ch(' '), ch(' '), ch(' '), ch(' ')]);
    assert_eq!(app.state.orders.marked.len(), 4);
    assert!(app.screen().contains("4 marked"), "{}", app.screen());
    app.keys(&[ch('s')]);
    let Some(Popup::Confirm(Subject::Orders { changes, refused })) = &app.state.popup else {
        panic!("no batch question: {:?}", app.state.popup);
    };
    assert_eq!(changes.len(), 3);
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].0, other);
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let text = screen_text(&app.state, w, h);
        assert!(
            text.contains("Start delivery of 3 order(s), $3,896,100,000.00"),
            "{text}"
        );
        for id in &ids {
            assert!(
                text.contains(id.as_str()),
                "{w}x{h}: {id} not named:\n{text}"
            );
        }
        assert!(text.contains("$1,298,700,000.00"), "{text}");
        assert!(
            text.contains(&format!("{other}: Delivered, not allowed")),
            "{w}x{h}\n{text}"
        );
        assert_eq!(wrong_amounts(&app.state, &text), Vec::<String>::new());
    }
    app.keys(&[ch('y')]);
    for id in &ids {
        assert_eq!(status(&app, id), Status::InDelivery);
    }
    assert_eq!(status(&app, &other), Status::Delivered);
    assert!(app.state.orders.marked.is_empty());
    assert!(
        app.screen()
            .contains("Start delivery: 3 order(s) changed, 0 refused"),
        "{}",
        app.screen()
    );
}

#[test]
fn an_order_another_desk_changed_meanwhile_is_refused_and_named_the_others_go_through() {
    let (mut app, ids, _) = app_with_orders();
    app.keys(&[ch('g'), ch(' '), ch(' '), ch(' ')]);
    app.keys(&[ch('R')]);
    assert!(matches!(
        app.state.popup,
        Some(Popup::Reason(Subject::Orders { .. }))
    ));
    app.type_text("budget frozen");
    app.keys(&[key(KeyCode::Enter)]);
    // Between the question and the answer another desk starts one of them.
    app.store
        .transition(&ids[1], None, Transition::StartDelivery, "bob", None, now())
        .unwrap();
    app.keys(&[ch('y')]);
    assert_eq!(status(&app, &ids[0]), Status::Refunded);
    assert_eq!(status(&app, &ids[2]), Status::Refunded);
    assert_eq!(status(&app, &ids[1]), Status::InDelivery);
    let refunded = read_order(&app.store.path_of(&ids[0])).unwrap();
    assert_eq!(
        refunded.history.last().unwrap().note.as_deref(),
        Some("budget frozen")
    );
    let Some(Popup::Notice { title, body, .. }) = &app.state.popup else {
        panic!("no summary: {:?}", app.state.popup);
    };
    assert_eq!(title, "Refund: 1 refused");
    assert!(body.contains(&ids[0]) && body.contains(&ids[2]), "{body}");
    assert!(body.contains(&ids[1]), "{body}");
}

#[test]
fn esc_clears_the_marks_and_n_keeps_them() {
    let (mut app, _, _) = app_with_orders();
    app.keys(&[ch('g'), ch(' '), ch(' ')]);
    app.keys(&[ch('s'), ch('n')]);
    assert_eq!(
        app.state.orders.marked.len(),
        2,
        "n changes nothing, marks kept"
    );
    app.keys(&[key(KeyCode::Esc)]);
    assert!(app.state.orders.marked.is_empty());
    // Space again unmarks: two presses on the same row leave nothing marked.
    app.keys(&[ch('g'), ch(' '), ch('k'), ch(' ')]);
    assert!(app.state.orders.marked.is_empty());
}
