//! The team book in the app: the status bar's team state, orders needing a decision
//! listed first and alone under `n`, and `K` choosing which change stands. Keys through
//! the keymap and `update`, screens drawn into a `TestBackend`.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::order::{Order, Status, StatusChange};
use order_desk::store::summary::OrderSummary;
use order_desk::tui::action::{Action, Effect};
use order_desk::tui::model::order_book::Book;
use order_desk::tui::state::{Popup, Screen, TeamLine};
use order_desk::tui::update::{refilter, update};

/// The sample orders, the fresh unused one refunded on one desk and started on another.
fn clashing() -> (Vec<Order>, String) {
    let mut orders = sample_orders();
    // An older order (not the first listed by date), taken back to the moment it was
    // placed: `settle` replays from there.
    let at = orders
        .iter()
        .position(|o| o.id == "20261101-120000-test")
        .unwrap();
    let base = orders[at].clone();
    let change = |hours: i64, to: Status, by: &str| StatusChange {
        at: base
            .created_at
            .checked_add(jiff::SignedDuration::from_hours(hours))
            .unwrap(),
        from: Some(Status::Unused),
        to,
        by: by.into(),
        note: None,
    };
    let merged = order_desk::domain::decision::settle(
        &base,
        vec![
            StatusChange {
                note: Some("customer cancelled".into()),
                ..change(1, Status::Refunded, "ann")
            },
            change(2, Status::InDelivery, "bob"),
        ],
        vec![],
    );
    assert!(merged.needs_decision());
    let id = merged.id.clone();
    orders[at] = merged;
    (orders, id)
}

fn team_state(decisions: Vec<String>) -> (order_desk::tui::state::State, Vec<Order>, String) {
    let (orders, id) = clashing();
    let mut state = loaded_state(true);
    state.orders.book = Book::new(orders.iter().map(OrderSummary::of).collect(), vec![]);
    state.team = Some(TeamLine {
        last_sync: Some("2026-11-26T11:00:00Z pushed 1 commit(s)".into()),
        to_push: 2,
        to_pull: 0,
        local_changes: 1,
        decisions,
    });
    refilter(&mut state, today());
    act(&mut state, Action::Show(Screen::Orders));
    (state, orders, id)
}

#[test]
fn orders_needing_a_decision_list_first_and_alone_under_n() {
    let (mut state, orders, id) = team_state(vec![]);
    let last = state.orders.index.len();
    assert!(
        state.selected_order().unwrap().1.id != id,
        "listed by date without decisions"
    );
    let (mut state2, _, _) = team_state(vec![id.clone()]);
    assert_eq!(state2.orders.index.len(), last);
    assert_eq!(state2.selected_order().unwrap().1.id, id, "listed first");
    press_over(&mut state2, &[ch('n')], &orders);
    assert_eq!(state2.orders.index.len(), 1);
    let text = screen_text(&state2, 80, 24);
    assert!(text.contains("needing a decision"), "{text}");
    press_over(&mut state2, &[ch('n')], &orders);
    assert_eq!(state2.orders.index.len(), last);
    // Without a team book, n lists nothing rather than everything.
    state.team = None;
    press_over(&mut state, &[ch('n')], &orders);
    assert!(state.orders.index.is_empty());
}

#[test]
fn k_asks_which_change_stands_and_1_saves_the_decision() {
    let (_, _, id) = team_state(vec![]);
    let (mut state, orders, _) = team_state(vec![id.clone()]);
    press_over(&mut state, &[ch('K')], &orders);
    let Some(Popup::Decide(choice)) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert_eq!(choice.id, id);
    assert!(choice.options[0].contains("Refunded") && choice.options[0].contains("ann"));
    assert!(choice.options[1].contains("In delivery") && choice.options[1].contains("bob"));
    // The refund's reason is part of the choice: the file keeps it, the rep sees it.
    assert!(
        choice.options[0].ends_with("by ann (customer cancelled)"),
        "{}",
        choice.options[0]
    );
    for (w, h) in [(80, 24), (60, 16)] {
        let text = screen_text(&state, w, h);
        assert!(text.contains("keep"), "{w}x{h}\n{text}");
        // Wrapped where the popup is narrow, but whole.
        assert!(
            text.contains("(customer") && text.contains("cancelled)"),
            "{w}x{h}\n{text}"
        );
        assert!(
            text.contains("ann") && text.contains("bob"),
            "{w}x{h}\n{text}"
        );
    }
    // 1 keeps the refund; the reason for voiding the delivery is asked next.
    let action = order_desk::tui::keymap::map(ch('1'), &state).unwrap();
    let fx = update(&mut state, action, &ctx());
    assert!(fx.is_empty(), "nothing is saved before the reason: {fx:?}");
    for (w, h) in [(80, 24), (60, 16)] {
        let text = screen_text(&state, w, h);
        assert!(
            text.contains("Keep ") && text.contains("Refunded"),
            "{w}x{h}\n{text}"
        );
        assert!(
            text.contains("Void ") && text.contains("In delivery"),
            "{w}x{h}\n{text}"
        );
        assert!(text.contains("Reason:"), "{w}x{h}\n{text}");
    }
    let mut fx = Vec::new();
    for k in "refund agreed first"
        .chars()
        .map(ch)
        .chain([key(KeyCode::Enter)])
    {
        let action = order_desk::tui::keymap::map(k, &state).unwrap();
        fx = update(&mut state, action, &ctx());
    }
    assert!(state.popup.is_none());
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Decide { keep: 1, id: i, why, .. }
            if *i == id && why == "refund agreed first")),
        "{fx:?}"
    );
    // Esc decides nothing.
    press_over(&mut state, &[ch('K')], &orders);
    press_over(&mut state, &[key(KeyCode::Esc)], &orders);
    assert!(state.popup.is_none());
}

#[test]
fn the_status_bar_shows_the_team_state_at_every_size() {
    let (state, _, id) = team_state(vec![]);
    let (mut with_decision, _, _) = team_state(vec![id]);
    let wide = screen_text(&state, 120, 35);
    assert!(
        wide.contains("team: synced 11:00 · 2 to push · 0 to pull"),
        "{wide}"
    );
    let text = screen_text(&with_decision, 80, 24);
    assert!(text.contains("1 decision(s)"), "{text}");
    let small = screen_text(&with_decision, 60, 16);
    assert!(small.contains("1 decision(s)"), "{small}");
    with_decision.syncing = Some("fetching".into());
    let text = screen_text(&with_decision, 80, 24);
    assert!(text.contains("team: fetching…"), "{text}");
}

#[test]
fn the_detail_names_both_changes_whole_at_80_and_60_columns() {
    let (_, _, id) = team_state(vec![]);
    let (mut state, orders, _) = team_state(vec![id.clone()]);
    press_over(&mut state, &[key(KeyCode::Enter)], &orders);
    assert_eq!(
        state.orders.detail.as_ref().map(|d| d.id.as_str()),
        Some(id.as_str())
    );
    for (w, h) in [(80, 24), (60, 16)] {
        let text = screen_text(&state, w, h);
        assert!(text.contains("DECIDE (K)"), "{w}x{h}\n{text}");
        if h >= 24 {
            // The two lines of the decision push nothing out of the summary.
            assert!(text.contains("Placed"), "{w}x{h}\n{text}");
        }
        assert!(text.contains("1 Refunded by ann"), "{w}x{h}\n{text}");
        assert!(text.contains("2 In delivery by bob"), "{w}x{h}\n{text}");
    }
}

#[test]
fn a_reload_reads_the_team_state_again_so_a_decision_made_elsewhere_clears_decide() {
    let (mut state, _, id) = team_state(vec![]);
    let (with, _, _) = team_state(vec![id.clone()]);
    state.team = with.team;
    assert!(screen_text(&state, 120, 35).contains("DECIDE"));
    // Decided from the command line: Ctrl-R (F5) asks for the team state as well.
    let fx = update(&mut state, Action::Refresh, &ctx());
    assert!(fx.contains(&Effect::TeamStatus), "{fx:?}");
    // The state comes back without the decision: the row, `n` and the bar follow.
    let (without, _, _) = team_state(vec![]);
    act(&mut state, Action::TeamState(without.team));
    let text = screen_text(&state, 120, 35);
    assert!(!text.contains("DECIDE"), "{text}");
}

#[test]
fn the_orders_table_marks_the_row_waiting_for_a_decision() {
    let (_, _, id) = team_state(vec![]);
    let (state, _, _) = team_state(vec![id.clone()]);
    // At 60 columns too: the status column stays while a row in view waits for K.
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let text = screen_text(&state, w, h);
        let row = text
            .lines()
            .find(|l| l.contains(&id[..15]))
            .unwrap_or_else(|| panic!("{w}x{h}: no row for {id}\n{text}"));
        assert!(row.contains("DECIDE Refunded"), "{w}x{h}: {row}\n{text}");
        // Only that row: the others read their status alone.
        assert_eq!(text.matches("DECIDE").count(), 1, "{w}x{h}\n{text}");
    }
}

#[test]
fn a_decided_order_keeps_the_voided_change_in_its_history_with_who_and_why() {
    let (orders, id) = clashing();
    let at = orders.iter().position(|o| o.id == id).unwrap();
    let decided = order_desk::domain::decision::decide(
        &orders[at],
        2,
        "carol",
        "customer asked for delivery",
        orders[at]
            .created_at
            .checked_add(jiff::SignedDuration::from_hours(3))
            .unwrap(),
    )
    .unwrap();
    assert!(!decided.needs_decision());
    assert_eq!(decided.status, Status::InDelivery);
    let mut orders = orders;
    orders[at] = decided;
    let mut state = loaded_state(true);
    state.orders.book = Book::new(orders.iter().map(OrderSummary::of).collect(), vec![]);
    refilter(&mut state, today());
    act(&mut state, Action::Show(Screen::Orders));
    let row = state
        .orders
        .index
        .iter()
        .position(|r| {
            matches!(r, order_desk::tui::model::order_book::RowRef::Order(i)
                if state.orders.book.orders[*i as usize].id == id)
        })
        .unwrap();
    state.orders.selected = row;
    press_over(&mut state, &[key(KeyCode::Enter)], &orders);
    assert_eq!(
        state.orders.detail.as_ref().map(|d| d.id.as_str()),
        Some(id.as_str())
    );
    // The History box's text, its lines joined, for reasons wrapped over several lines.
    let history = |text: &str| -> String {
        text.lines()
            .skip_while(|l| !l.contains("History"))
            .skip(1)
            .map(|l| l.split('│').nth(1).unwrap_or("").trim().to_string() + " ")
            .collect()
    };
    for (w, h) in [(120, 35), (80, 24)] {
        let text = screen_text(&state, w, h);
        let history = history(&text);
        // The voided refund keeps its own reason (issue 20: the history hid it), and
        // every reason is whole, wrapped, never cut.
        let voided = history.split("VOIDED").nth(1).unwrap_or("");
        assert!(
            voided
                .trim_start_matches([' ', '·'])
                .starts_with("customer cancelled"),
            "{w}x{h}: {text}"
        );
        assert!(
            history.contains("voided by carol 2026-11-01 15:00: customer asked for delivery"),
            "{w}x{h}: {text}"
        );
        assert!(history.contains("Unused → In delivery  by bob"), "{text}");
        assert!(!history.contains('…'), "{w}x{h}: {text}");
        assert!(!text.contains("DECIDE"), "{text}");
    }
}

#[test]
fn the_team_state_arriving_after_the_load_leaves_the_cursor_on_the_decision_at_the_top() {
    let (_, _, id) = team_state(vec![]);
    let (mut state, _, _) = team_state(vec![]);
    // As at start: the book loaded, the cursor at the top, then the team state comes.
    state.orders.selected = 0;
    let line = state.team.clone().map(|mut t| {
        t.decisions = vec![id.clone()];
        t
    });
    act(&mut state, Action::TeamState(line.clone()));
    assert_eq!(state.orders.selected, 0);
    assert_eq!(
        state.selected_order().unwrap().1.id,
        id,
        "the decision is under the cursor"
    );
    // A rep further down keeps the order they were on.
    let (mut state, _, _) = team_state(vec![]);
    state.orders.selected = 2;
    let on = state.selected_order().unwrap().1.id.clone();
    act(&mut state, Action::TeamState(line));
    assert_eq!(state.selected_order().unwrap().1.id, on);
}

/// A quote accepted on bob's desk and declined on ann's, as the merge leaves it: the kept
/// closing in `status`, the other in `contested`.
fn contested_quote() -> order_desk::domain::quote::Quote {
    use order_desk::domain::quote::{Quote, QuoteStatus};
    // The widest row the rules allow: a full-length id, 999 of the two dearest tiers.
    let catalog = order_desk::domain::catalog::Catalog::builtin();
    let mut cart = order_desk::domain::cart::Cart::new(order_desk::domain::catalog::Region::Oc1);
    cart.add(&catalog, "impl-platinum", 999).unwrap();
    cart.add(&catalog, "dev-platinum", 999).unwrap();
    let form = order_desk::domain::order::CheckoutForm {
        customer: "Kyoto Robotics".into(),
        rep: "ann".into(),
        ..Default::default()
    };
    let order =
        order_desk::domain::order::checkout(&cart, &catalog, &form, String::new(), now()).unwrap();
    let at = order.created_at;
    let mut q = Quote::from_priced(order, jiff::civil::date(2026, 12, 31));
    q.id = "Q-20261101-120000-kx8u9n82".into();
    q.status = QuoteStatus::Declined {
        reason: Some("budget cut".into()),
        at,
        by: "ann".into(),
    };
    q.contested = vec![QuoteStatus::Accepted {
        order: "20261102-090000-bob00001".into(),
        at,
        by: "bob".into(),
    }];
    q
}

fn quote_state(q: order_desk::domain::quote::Quote) -> order_desk::tui::state::State {
    let mut state = loaded_state(true);
    state.quotes.quotes = vec![q];
    state.quotes.loaded = true;
    state.quotes.refilter(today());
    act(&mut state, Action::Show(Screen::Quotes));
    state
}

#[test]
fn a_quote_closed_two_ways_is_marked_and_k_saves_which_closing_stands() {
    let mut state = quote_state(contested_quote());
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let text = screen_text(&state, w, h);
        let row = text
            .lines()
            .find(|l| l.contains("Q-20261101"))
            .unwrap_or("");
        assert!(row.contains("DECIDE"), "the row, {w}x{h}\n{text}");
        assert!(
            row.contains("$749,250,000.00"),
            "the total, {w}x{h}\n{text}"
        );
        assert!(text.contains("K decide"), "the key, {w}x{h}\n{text}");
    }
    // On a team book the status bar counts it with the orders waiting for a decision.
    state.team = Some(TeamLine::default());
    let text = screen_text(&state, 120, 35);
    assert!(text.contains("· 1 decision(s)"), "{text}");
    // The detail names both closings, numbered as K asks, with the order's id whole.
    press(&mut state, &[key(KeyCode::Enter)]);
    for (w, h) in [(120, 35), (80, 24)] {
        let text = screen_text(&state, w, h);
        assert!(
            text.contains("DECIDE: closed two ways (K)"),
            "{w}x{h}\n{text}"
        );
        assert!(
            text.contains("[1]") && text.contains("declined by ann"),
            "{w}x{h}\n{text}"
        );
        assert!(
            text.contains("[2]") && text.contains("accepted by bob"),
            "{w}x{h}\n{text}"
        );
        assert!(text.contains("K  Decide"), "{w}x{h}\n{text}");
    }
    let text = screen_text(&state, 120, 35);
    assert!(text.contains("→ 20261102-090000-bob00001"), "{text}");

    press(&mut state, &[ch('K')]);
    let Some(Popup::Decide(choice)) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(choice.quote);
    assert!(
        choice.options[0].starts_with("declined by ann"),
        "{choice:?}"
    );
    assert!(
        choice.options[1].starts_with("accepted by bob"),
        "{choice:?}"
    );
    for (w, h) in [(80, 24), (60, 16)] {
        let text = screen_text(&state, w, h);
        assert!(
            text.contains("closed this quote differently"),
            "{w}x{h}\n{text}"
        );
    }
    // 2 keeps bob's acceptance; the reason is asked, then Enter saves it for the quote.
    let mut fx = Vec::new();
    for k in std::iter::once(ch('2'))
        .chain("signed PO".chars().map(ch))
        .chain([key(KeyCode::Enter)])
    {
        let action = order_desk::tui::keymap::map(k, &state).unwrap();
        fx = update(&mut state, action, &ctx());
    }
    assert!(state.popup.is_none());
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::Decide { keep: 2, quote: true, id, why, .. }
            if id == "Q-20261101-120000-kx8u9n82" && why == "signed PO")
        ),
        "{fx:?}"
    );

    // Esc, or a quote that needs no decision: nothing is asked.
    let mut state = quote_state(contested_quote());
    press(&mut state, &[ch('K'), key(KeyCode::Esc)]);
    assert!(state.popup.is_none());
    let mut plain = contested_quote();
    plain.contested.clear();
    let mut state = quote_state(plain);
    press(&mut state, &[ch('K')]);
    assert!(state.popup.is_none());
    assert!(screen_text(&state, 80, 24).contains("does not need a decision"));
    assert!(!screen_text(&state, 80, 24).contains("DECIDE"));
}

#[test]
fn a_decided_quote_shows_the_voided_closing_with_who_and_why() {
    use order_desk::domain::quote::VoidedStatus;
    let mut q = contested_quote();
    let voided = q.contested.remove(0);
    q.voided = vec![VoidedStatus {
        status: voided,
        at: q.created_at,
        by: "cara".into(),
        why: "customer confirmed the decline".into(),
    }];
    let mut state = quote_state(q.clone());
    act(&mut state, Action::QuoteDecided(Ok(Box::new(q))));
    assert!(
        screen_text(&state, 80, 24)
            .contains("Decided: accepted by bob voided, declined by ann stands"),
        "{}",
        screen_text(&state, 80, 24)
    );
    press(&mut state, &[key(KeyCode::Enter)]);
    let text = screen_text(&state, 120, 35);
    assert!(text.contains("Voided      accepted by bob"), "{text}");
    assert!(
        text.contains("by cara") && text.contains("customer confirmed the decline"),
        "{text}"
    );
}
