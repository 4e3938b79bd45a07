//! The Orders tab's header (count and exact total of what is listed), its sort and
//! filters (`f` `F` `e` `o` `O`), the valid-until column, and Enter from every grouping
//! of the Reports tab listing exactly that row's orders. Tabs are reached through
//! `Action::Show`, never by their number.

use crate::common;

use common::*;
use jiff::civil::date;
use ratatui::crossterm::event::KeyCode;
use rust_decimal::Decimal;

use order_desk::domain::money::format_usd;
use order_desk::domain::order::{Order, Status};
use order_desk::store::summary::OrderSummary;
use order_desk::tui::action::Action;
use order_desk::tui::keymap::REPORT_KEYS;
use order_desk::tui::model::order_book::{Book, RowRef};
use order_desk::tui::state::{Screen, SortField, State, StatusFilter};
use order_desk::tui::update::refilter;

/// The sample orders, two of them with a country, one unused and expiring in 10 days and
/// one in 31 (just outside the 30-day window).
fn book_orders() -> Vec<Order> {
    let mut orders = sample_orders();
    orders[0].country = Some("BR".into());
    orders[2].country = Some("DE".into());
    let mut soon = order(
        "20261125-120000-soon",
        "Hooli",
        order_desk::domain::catalog::Region::Oc2,
        &[("dev-basic", 1)],
        1,
    );
    soon.valid_until = Some(date(2026, 12, 6));
    let mut later = order(
        "20261124-120000-late",
        "Vandelay",
        order_desk::domain::catalog::Region::Oc1,
        &[("dev-basic", 2)],
        2,
    );
    later.valid_until = Some(date(2026, 12, 27));
    orders.insert(1, soon);
    orders.insert(2, later);
    orders
}

fn orders_state() -> State {
    let mut state = State::new(setup(false));
    let summaries = book_orders().iter().map(OrderSummary::of).collect();
    state.orders.book = Book::new(summaries, sample_book().damaged);
    state.orders.loaded = true;
    refilter(&mut state, today());
    act(&mut state, Action::Show(Screen::Orders));
    state
}

fn listed(state: &State) -> Vec<&OrderSummary> {
    state
        .orders
        .index
        .iter()
        .filter_map(|r| match r {
            RowRef::Order(i) => Some(&state.orders.book.orders[*i as usize]),
            RowRef::Damaged(_) => None,
        })
        .collect()
}

fn ids(state: &State) -> Vec<String> {
    listed(state).iter().map(|o| o.id.clone()).collect()
}

#[test]
fn the_header_counts_and_sums_exactly_what_is_listed_damaged_files_apart() {
    let mut state = orders_state();
    let all: Decimal = book_orders().iter().map(|o| o.total).sum();
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains(&format!("7 of 7 orders · {}", format_usd(all))),
        "{screen}"
    );
    assert!(screen.contains("1 damaged, not counted"), "{screen}");
    // The damaged file is a row, but not one of the 7 orders.
    assert_eq!(state.orders.index.len(), 8);
    press(&mut state, &[ch('f')]);
    let unused: Decimal = book_orders()
        .iter()
        .filter(|o| o.effective_status(today()) == Status::Unused)
        .map(|o| o.total)
        .sum();
    let screen = screen_text(&state, 80, 24);
    assert!(
        screen.contains(&format!("3 of 7 orders · {}", format_usd(unused))),
        "{screen}"
    );
    // A search narrows the count and the sum as it is typed.
    press(
        &mut state,
        &[ch('f'), ch('f'), ch('f'), ch('f'), ch('f'), ch('/')],
    );
    assert_eq!(state.orders.filter, StatusFilter::All);
    for c in "hooli".chars() {
        press(&mut state, &[ch(c)]);
    }
    let hooli = book_orders()[1].total;
    let screen = screen_text(&state, 80, 24);
    assert!(
        screen.contains(&format!("1 of 7 orders · {}", format_usd(hooli))),
        "{screen}"
    );
}

#[test]
fn f_and_shift_f_cycle_the_status_filter_both_ways() {
    let mut state = orders_state();
    press(&mut state, &[ch('F')]);
    assert_eq!(state.orders.filter, StatusFilter::Only(Status::Expired));
    assert!(screen_text(&state, 80, 24).contains("filter Expired"));
    press(&mut state, &[ch('F')]);
    assert_eq!(state.orders.filter, StatusFilter::Only(Status::Refunded));
    press(&mut state, &[ch('f'), ch('f')]);
    assert_eq!(state.orders.filter, StatusFilter::All);
    press(&mut state, &[ch('f')]);
    assert_eq!(state.orders.filter, StatusFilter::Only(Status::Unused));
    press(&mut state, &[ch('F')]);
    assert_eq!(state.orders.filter, StatusFilter::All);
}

#[test]
fn esc_clears_the_status_filter_and_expiring_and_shows_every_order() {
    let mut state = orders_state();
    press(&mut state, &[ch('f'), ch('e')]);
    assert_eq!(state.orders.filter, StatusFilter::Only(Status::Unused));
    assert!(state.orders.expiring);
    assert!(ids(&state).len() < 7);
    press(&mut state, &[key(KeyCode::Esc)]);
    assert_eq!(state.orders.filter, StatusFilter::All);
    assert!(!state.orders.expiring);
    assert_eq!(ids(&state).len(), 7);
    let screen = screen_text(&state, 80, 24);
    assert!(screen.contains("7 of 7 orders"), "{screen}");
    assert!(screen.contains("filter All"), "{screen}");
    // With nothing narrowed, Esc says so, as before.
    press(&mut state, &[key(KeyCode::Esc)]);
    assert!(screen_text(&state, 80, 24).contains("Esc does nothing on"));
}

#[test]
fn o_cycles_the_sort_and_shift_o_turns_it_round() {
    let mut state = orders_state();
    let newest = ids(&state);
    assert!(screen_text(&state, 120, 35).contains("sort newest first"));
    press(&mut state, &[ch('O')]);
    let mut oldest = newest.clone();
    oldest.reverse();
    assert_eq!(ids(&state), oldest);
    assert!(screen_text(&state, 120, 35).contains("sort oldest first"));

    press(&mut state, &[ch('o')]);
    assert_eq!(state.orders.sort.field, SortField::Customer);
    assert!(
        !state.orders.sort.reverse,
        "a new field starts the natural way"
    );
    let customers: Vec<String> = listed(&state).iter().map(|o| o.customer.clone()).collect();
    let mut sorted = customers.clone();
    sorted.sort();
    assert_eq!(customers, sorted);
    assert!(screen_text(&state, 120, 35).contains("sort customer A-Z"));

    press(&mut state, &[ch('o')]);
    let totals: Vec<Decimal> = listed(&state).iter().map(|o| o.total).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    press(&mut state, &[ch('O')]);
    let totals: Vec<Decimal> = listed(&state).iter().map(|o| o.total).collect();
    assert!(totals.windows(2).all(|w| w[0] <= w[1]), "{totals:?}");
    assert!(screen_text(&state, 120, 35).contains("sort smallest total first"));

    press(&mut state, &[ch('o')]);
    let rank = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap();
    let ranks: Vec<usize> = listed(&state)
        .iter()
        .map(|o| rank(o.effective_status(today())))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");

    press(&mut state, &[ch('o')]);
    assert_eq!(state.orders.sort.field, SortField::ValidUntil);
    let until: Vec<_> = listed(&state).iter().map(|o| o.valid_until).collect();
    assert_eq!(
        until,
        [
            Some(date(2026, 10, 27)),
            Some(date(2026, 12, 6)),
            Some(date(2026, 12, 27)),
            None,
            None,
            None,
            None
        ]
    );
    // Sorted by valid-until, the column is kept on screen even at 80 columns.
    let screen = screen_text(&state, 80, 24);
    assert!(screen.contains("Valid until"), "{screen}");
    assert!(screen.contains("2026-12-06"), "{screen}");
    // The damaged file stays on top whatever the sort.
    assert!(matches!(state.orders.index[0], RowRef::Damaged(_)));
    press(&mut state, &[ch('o')]);
    assert_eq!(ids(&state), newest);
}

#[test]
fn the_selected_order_stays_selected_when_the_sort_changes() {
    let mut state = orders_state();
    press(&mut state, &[ch('j'), ch('j'), ch('j')]);
    let before = state.selected_order().unwrap().1.id.clone();
    press(&mut state, &[ch('o'), ch('O')]);
    assert_eq!(state.selected_order().unwrap().1.id, before);
}

#[test]
fn e_lists_unused_orders_expiring_within_30_days_and_shows_their_date() {
    let mut state = orders_state();
    let screen = screen_text(&state, 80, 24);
    assert!(
        screen.contains("widen for valid until"),
        "at 80 columns the date gives way, and the title says so: {screen}"
    );
    press(&mut state, &[ch('e')]);
    // 10 days out is in; 31 days out, expired and non-unused orders are not; the damaged
    // file is not an order about to expire.
    assert_eq!(ids(&state), ["20261125-120000-soon"]);
    assert_eq!(state.orders.index.len(), 1);
    let screen = screen_text(&state, 80, 24);
    assert!(
        screen.contains("unused, expiring within 30 days"),
        "{screen}"
    );
    assert!(screen.contains("2026-12-06"), "{screen}");
    assert!(screen.contains("1 of 7 orders"), "{screen}");
    insta::assert_snapshot!("orders_expiring_80x24", draw(&state, 80, 24).backend());
    press(&mut state, &[ch('e')]);
    assert_eq!(listed(&state).len(), 7);
}

/// Which orders a report row names, worked out from the full orders' own fields.
fn in_group(o: &Order, grouping: &str, group: &str) -> bool {
    let day = jiff::tz::TimeZone::UTC.to_datetime(o.created_at).date();
    match grouping {
        "status" => o.effective_status(today()).code() == group,
        "family" => o.lines.iter().any(|l| l.family == group),
        "service" => o
            .lines
            .iter()
            .any(|l| format!("{} / {}", l.family, l.service) == group),
        "tier" => o
            .lines
            .iter()
            .any(|l| format!("{} / {} / {}", l.family, l.service, l.tier) == group),
        "region" => o.region.to_string() == group,
        "rep" => o.rep == group,
        "customer" => o.customer == group,
        "country" => o.country.as_deref().unwrap_or("unknown") == group,
        "list" => o.list.as_ref().map_or("ai-platform", |l| l.id.as_str()) == group,
        "month" => day.strftime("%Y-%m").to_string() == group,
        "quarter" => format!("{}-Q{}", day.year(), (day.month() - 1) / 3 + 1) == group,
        other => panic!("no grouping {other}"),
    }
}

#[test]
fn enter_on_any_row_of_any_grouping_lists_exactly_its_orders_and_esc_clears_it() {
    for (letter, grouping) in REPORT_KEYS {
        let mut state = orders_state();
        act(&mut state, Action::Show(Screen::Reports));
        press(&mut state, &[ch(letter)]);
        let rows = state.reports.figures.as_ref().unwrap().report.rows.clone();
        assert!(!rows.is_empty(), "{grouping:?}");
        for (at, row) in rows.iter().enumerate() {
            act(&mut state, Action::Show(Screen::Reports));
            press(&mut state, &[ch('g')]);
            for _ in 0..at {
                press(&mut state, &[ch('j')]);
            }
            press(&mut state, &[key(KeyCode::Enter)]);
            assert_eq!(state.screen, Screen::Orders);
            let mut want: Vec<String> = book_orders()
                .iter()
                .filter(|o| in_group(o, grouping.code(), &row.group))
                .map(|o| o.id.clone())
                .collect();
            want.sort();
            let mut got = ids(&state);
            got.sort();
            assert_eq!(got, want, "{} {}", grouping.code(), row.group);
            assert_eq!(got.len() as u64, row.measures.orders);
            let screen = screen_text(&state, 120, 35);
            assert!(
                screen.contains(&format!("{} ", grouping.code()))
                    && screen.contains("(Esc clears)"),
                "{screen}"
            );
            // The group's label gives way: the search stays on the line (issue 20).
            let filters = screen.lines().nth(2).unwrap();
            assert!(filters.contains("│ search"), "{filters}");
            // A family, service or tier row booked its own lines; the header sums whole
            // orders and says so (issue 20: $3,470,000.00 beside a $2,390,000.00 row).
            let whole: Decimal = listed(&state).iter().map(|o| o.total).sum();
            let says_why = format!(
                "(whole orders; the row's lines {})",
                format_usd(row.measures.booked)
            );
            let line_grouping = matches!(grouping.code(), "family" | "service" | "tier");
            assert_eq!(
                screen.contains(&says_why),
                line_grouping && whole != row.measures.booked,
                "{} {}: {screen}",
                grouping.code(),
                row.group
            );
            press(&mut state, &[key(KeyCode::Esc)]);
            assert!(state.orders.group.is_none());
            assert_eq!(listed(&state).len(), 7);
        }
    }
}

#[test]
fn enter_keeps_the_period_of_the_report() {
    let mut state = orders_state();
    act(&mut state, Action::Show(Screen::Reports));
    // November 2026, by region: OC1's November orders, not its September one.
    press(&mut state, &[ch('r'), ch('p')]);
    let f = state.reports.figures.as_ref().unwrap();
    assert_eq!(f.label, "2026-11");
    let row = f.report.rows[0].clone();
    assert_eq!(row.group, "OC1");
    press(&mut state, &[key(KeyCode::Enter)]);
    let mut want: Vec<String> = book_orders()
        .iter()
        .filter(|o| in_group(o, "region", "OC1") && in_group(o, "month", "2026-11"))
        .map(|o| o.id.clone())
        .collect();
    want.sort();
    let mut got = ids(&state);
    got.sort();
    assert_eq!(got, want);
    assert_eq!(got.len(), 3);
    assert!(!got.contains(&"20260927-120000-test".to_string()));
    let screen = screen_text(&state, 80, 24);
    assert!(
        screen.contains(" 2026-11 · region OC1 (Esc clears)"),
        "{screen}"
    );
    insta::assert_snapshot!("orders_from_report_80x24", draw(&state, 80, 24).backend());
    insta::assert_snapshot!("orders_from_report_60x16", draw(&state, 60, 16).backend());
}
