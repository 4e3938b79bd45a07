//! Every status change asks first, naming the amount, the customer and what follows; `n`
//! and Esc at each question leave the order's file byte for byte as it was.

use crate::common;

use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// An order of one Standard development tier in OC1 ($90,000.00), placed for Acme GmbH.
fn placed() -> (App, std::path::PathBuf) {
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('j'), ch('a'), ch('2'), ch('c')]);
    app.type_text("Acme GmbH");
    app.keys(&[ctrl('s'), ch('4')]);
    let file = app.store.order_files().unwrap()[0].clone();
    (app, file)
}

#[test]
fn each_question_names_the_amount_the_customer_and_what_follows() {
    let (mut app, _) = placed();
    app.keys(&[ch('s')]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(
        screen.contains("Start delivery of $90,000.00 for Acme GmbH?"),
        "{screen}"
    );
    assert!(
        screen.contains("After this no refund is possible."),
        "{screen}"
    );
    app.keys(&[ch('n'), ch('d')]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(
        screen.contains("Mark the order of $90,000.00 for Acme GmbH delivered?"),
        "{screen}"
    );
    assert!(
        screen.contains("After this no refund or other change is possible."),
        "{screen}"
    );
    app.keys(&[ch('n'), ch('R')]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(
        screen.contains("Refund $90,000.00 to Acme GmbH?"),
        "{screen}"
    );
    app.keys(&[key(KeyCode::Enter)]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(
        screen.contains("After this it cannot be delivered or changed again."),
        "{screen}"
    );
    // At the smallest size the question wraps; the amount is never cut.
    let screen = screen_text(&app.state, 60, 16);
    assert!(screen.contains("$90,000.00"), "{screen}");
}

#[test]
fn n_and_esc_at_every_question_change_nothing_on_disk() {
    let (mut app, file) = placed();
    // Compared as text so a failure shows what changed; bytes are what is compared.
    let read = |file: &std::path::Path| String::from_utf8(std::fs::read(file).unwrap()).unwrap();
    let before = read(&file);
    let no = [ch('n'), ch('N'), key(KeyCode::Esc)];
    let script: Vec<(&str, Vec<KeyEvent>)> = vec![
        ("start, n", vec![ch('s'), no[0]]),
        ("start, N", vec![ch('s'), no[1]]),
        ("start, Esc", vec![ch('s'), no[2]]),
        ("deliver, n", vec![ch('d'), no[0]]),
        ("deliver, Esc", vec![ch('d'), no[2]]),
        ("refund reason, Esc", vec![ch('R'), ch('x'), no[2]]),
        ("refund, n", vec![ch('R'), key(KeyCode::Enter), no[0]]),
        ("refund, Esc", vec![ch('R'), key(KeyCode::Enter), no[2]]),
        // The same from the detail view.
        ("detail start, n", vec![key(KeyCode::Enter), ch('s'), no[0]]),
        (
            "detail refund, Esc",
            vec![ch('R'), key(KeyCode::Enter), no[2]],
        ),
    ];
    for (what, keys) in script {
        app.keys(&keys);
        assert!(app.state.popup.is_none(), "{what}: the question closed");
        assert_eq!(read(&file), before, "{what}");
    }
}

/// A second status change asked while the first is still being saved waits: sent at
/// once, it would carry the revision the first replaces and be refused as another
/// desk's change (seen under tmux: `s` `y` `d` typed quickly).
#[test]
fn a_change_asked_while_one_is_saving_waits_for_it() {
    use order_desk::tui::action::{Action, Effect};
    use order_desk::tui::update::update;
    let (mut app, _) = placed();
    app.keys(&[ch('s')]);
    // `y` without the result fed back: the start is in flight.
    let sent = update(&mut app.state, Action::Confirm(true), &ctx());
    assert!(matches!(sent[..], [Effect::Change { .. }]), "{sent:?}");
    let asked = update(
        &mut app.state,
        Action::Request(order_desk::domain::rules::Transition::MarkDelivered),
        &ctx(),
    );
    assert!(asked.is_empty(), "{asked:?}");
    assert!(app.state.popup.is_none(), "no question while saving");
    let said = app.state.message.as_ref().unwrap().text.clone();
    assert!(said.contains("being saved: wait for it"), "{said}");
}
