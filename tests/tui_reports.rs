//! The Reports tab: grouping keys, period steps, the pinned total row, the chart and the
//! backlog, and Enter into Orders; snapshots at 80x24 and 120x35 over the sample book.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::money::format_usd;
use order_desk::domain::order::Status;
use order_desk::report::Grouping;
use order_desk::tui::action::Action;
use order_desk::tui::state::{Screen, StatusFilter};

fn reports() -> order_desk::tui::state::State {
    let mut state = loaded_state(false);
    act(&mut state, Action::Show(Screen::Reports));
    state
}

#[test]
fn snapshots_by_family_and_by_status() {
    let mut state = reports();
    insta::assert_snapshot!("reports_family_80x24", draw(&state, 80, 24).backend());
    insta::assert_snapshot!("reports_family_120x35", draw(&state, 120, 35).backend());
    press(&mut state, &[ch('s')]);
    insta::assert_snapshot!("reports_status_80x24", draw(&state, 80, 24).backend());
    insta::assert_snapshot!("reports_status_120x35", draw(&state, 120, 35).backend());
    insta::assert_snapshot!("reports_status_60x16", draw(&state, 60, 16).backend());
}

#[test]
fn one_key_per_grouping_and_the_total_row_stays() {
    let mut state = reports();
    assert_eq!(state.screen, Screen::Reports);
    let total = state.reports.figures.as_ref().unwrap().report.total;
    for (key, grouping) in [
        ('s', Grouping::Status),
        ('f', Grouping::Family),
        ('v', Grouping::Service),
        ('i', Grouping::Tier),
        ('r', Grouping::Region),
        ('e', Grouping::Rep),
        ('c', Grouping::Customer),
        ('m', Grouping::Month),
        ('o', Grouping::Quarter),
    ] {
        press(&mut state, &[ch(key)]);
        let f = state.reports.figures.as_ref().unwrap();
        assert_eq!(f.grouping, grouping);
        // Every grouping of the same period has the same total row.
        assert_eq!(f.report.total, total, "{key}");
        let screen = screen_text(&state, 120, 35);
        assert!(
            screen.contains(&format!("By {}", grouping.code())),
            "{screen}"
        );
        assert!(screen.contains("│  total "), "{screen}");
        assert!(screen.contains(&format_usd(total.booked)), "{screen}");
    }
}

#[test]
fn p_cycles_the_period_and_arrows_step_it_never_past_today() {
    let mut state = reports();
    let label =
        |s: &order_desk::tui::state::State| s.reports.figures.as_ref().unwrap().label.clone();
    assert_eq!(label(&state), "all time");
    press(&mut state, &[ch('p')]);
    assert_eq!(label(&state), "2026-11");
    press(&mut state, &[key(KeyCode::Right)]);
    assert_eq!(label(&state), "2026-11", "the future holds no orders");
    press(&mut state, &[key(KeyCode::Left)]);
    assert_eq!(label(&state), "2026-10");
    press(&mut state, &[ch('p')]);
    assert_eq!(label(&state), "2026-Q4");
    press(&mut state, &[key(KeyCode::Left)]);
    assert_eq!(label(&state), "2026-Q3");
    press(
        &mut state,
        &[ch('p'), key(KeyCode::Left), key(KeyCode::Left)],
    );
    assert_eq!(label(&state), "2024");
    assert!(screen_text(&state, 80, 24).contains("No order was placed in this period"));
    press(&mut state, &[ch('p')]);
    assert_eq!(label(&state), "all time");
    // A month holds only the orders placed in it.
    press(&mut state, &[ch('p'), ch('m')]);
    let f = state.reports.figures.as_ref().unwrap();
    assert!(f.report.rows.iter().all(|r| r.group == "2026-11"));
}

#[test]
fn enter_on_a_status_row_opens_orders_of_that_status() {
    let mut state = reports();
    press(&mut state, &[ch('s'), ch('j'), ch('j'), ch('j')]);
    let f = state.reports.figures.as_ref().unwrap();
    assert_eq!(f.report.rows[state.reports.selected].group, "refunded");
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.screen, Screen::Orders);
    assert_eq!(state.orders.filter, StatusFilter::All);
    assert_eq!(state.orders.index.len(), 1);
    let (_, order) = state.selected_order().unwrap();
    assert_eq!(order.status, Status::Refunded);
    let text = &state.message.as_ref().unwrap().text;
    assert!(
        text.contains("1 order(s) of all time · status refunded"),
        "{text}"
    );
}

#[test]
fn enter_on_a_customer_row_lists_exactly_that_customers_orders() {
    let mut state = reports();
    press(&mut state, &[ch('c')]);
    let f = state.reports.figures.as_ref().unwrap();
    let name = f.report.rows[0].group.clone();
    let count = f.report.rows[0].measures.orders as usize;
    press(&mut state, &[key(KeyCode::Enter)]);
    assert_eq!(state.screen, Screen::Orders);
    assert_eq!(state.orders.search, "");
    assert_eq!(state.orders.index.len(), count);
    assert!(state.orders.index.iter().all(|r| match r {
        order_desk::tui::model::order_book::RowRef::Order(i) =>
            state.orders.book.orders[*i as usize].customer == name,
        _ => false,
    }));
}

#[test]
fn a_status_change_in_orders_shows_in_the_next_report() {
    let mut app = App::new();
    for order in sample_orders() {
        let path = app.dir.path().join(format!("{}.ron", order.id));
        std::fs::write(path, order_desk::store::to_ron(&order)).unwrap();
    }
    app.keys(&[ch('5')]);
    let before = app.state.reports.figures.as_ref().unwrap().report.total;
    assert_eq!(before.orders, 5);
    // Orders: the newest order is unused; mark it delivered and confirm.
    app.keys(&[ch('4')]);
    let (_, newest) = app.state.selected_order().unwrap();
    let value = newest.total;
    assert_eq!(newest.status, Status::Unused);
    app.keys(&[ch('d'), ch('y'), ch('5')]);
    let after = app.state.reports.figures.as_ref().unwrap().report.total;
    assert_eq!(after.booked, before.booked);
    assert_eq!(after.delivered, before.delivered + value);
    assert_eq!(after.backlog, before.backlog - value);
}

#[test]
fn the_tab_says_it_is_loading() {
    let mut state = order_desk::tui::state::State::new(setup(false));
    state.orders.loading = Some((42_000, 100_000));
    press(&mut state, &[ch('5')]);
    let screen = screen_text(&state, 80, 24);
    assert!(screen.contains("loading 42000 / 100000"), "{screen}");
    assert!(
        screen.contains("Loading orders… the figures appear when they are all read"),
        "{screen}"
    );
    assert!(!screen.contains("No order was placed"), "{screen}");
}

/// Quotes made from the sample orders (same days and totals): the newest accepted, the
/// next declined, the third lapsed, the rest open.
fn sample_quotes() -> Vec<order_desk::domain::quote::Quote> {
    use order_desk::domain::quote::{Quote, QuoteStatus};
    let at = now();
    sample_orders()
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let until = if i == 2 {
                jiff::civil::date(2026, 11, 20)
            } else {
                jiff::civil::date(2026, 12, 31)
            };
            let mut q = Quote::from_priced(o, until);
            q.id = format!("Q-{i}");
            q.status = match i {
                0 => QuoteStatus::Accepted {
                    order: "20261126-120000-test".into(),
                    at,
                    by: "sam".into(),
                },
                1 => QuoteStatus::Declined {
                    reason: None,
                    at,
                    by: "sam".into(),
                },
                _ => QuoteStatus::Open,
            };
            q
        })
        .collect()
}

#[test]
fn the_quotes_of_the_period_show_in_one_line_with_the_win_rate() {
    let mut state = loaded_state(false);
    // No quotes: no line (the sample book's snapshots above have none).
    act(&mut state, Action::Show(Screen::Reports));
    assert!(!screen_text(&state, 120, 35).contains("Quotes:"));
    let quotes = sample_quotes();
    let issued: rust_decimal::Decimal = quotes.iter().map(|q| q.total).sum();
    act(
        &mut state,
        Action::ReportQuotesLoaded(Ok((quotes.clone(), 1))),
    );
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains(&format!(
            "Quotes: 5 issued {} · 1 accepted {} · 1 declined · 1 lapsed · 2 open · win rate 50 %",
            format_usd(issued),
            format_usd(quotes[0].total)
        )),
        "{screen}"
    );
    assert!(screen.contains("1 damaged quote(s)"), "{screen}");
    insta::assert_snapshot!("reports_quotes_120x35", draw(&state, 120, 35).backend());
    // Narrower: the counts without the values, never a cut amount.
    let screen = screen_text(&state, 80, 24);
    assert!(
        screen
            .contains("Quotes: 5 issued · 1 accepted · 1 declined · 1 lapsed · 2 open · win 50 %"),
        "{screen}"
    );
    insta::assert_snapshot!("reports_quotes_80x24", draw(&state, 80, 24).backend());
    let screen = screen_text(&state, 60, 16);
    assert!(
        screen.contains("Quotes: 5 issued · win rate 50 %"),
        "{screen}"
    );
    // November only: the quotes issued in November (the three newest sample orders).
    press(&mut state, &[ch('p')]);
    let q = state.reports.figures.as_ref().unwrap().quotes.unwrap();
    assert_eq!((q.issued, q.accepted, q.declined, q.lapsed), (3, 1, 1, 1));
    // A month with none says so rather than a row of zeros.
    press(
        &mut state,
        &[key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Left)],
    );
    assert!(screen_text(&state, 80, 24).contains("Quotes: none issued in 2026-08"));
    // The quotes folder could not be read: said, not hidden.
    act(
        &mut state,
        Action::ReportQuotesLoaded(Err("quotes is a link, not a folder".into())),
    );
    assert!(screen_text(&state, 80, 24).contains("Quotes not read: quotes is a link"));
}
