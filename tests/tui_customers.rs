//! The Customers screen (issue 20, item 1): every customer with country, region, open
//! quotes, orders, booked and net; `/` search; a customer's page whose Enter opens an
//! order; add and edit in a form checked as `customer add` (a change of country never
//! touches an order); a two-desk clash settled as `customer decide`; `X` writing the
//! rows listed as `customers --format csv` does. Through the keymap, `update` and a real
//! store, and on screen at 120x35, 80x24 and 60x16 with the largest amounts.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::domain::customer::CustomerForm;
use order_desk::tui::action::Action;
use order_desk::tui::state::{Popup, Screen};

/// An app over a folder with Müller GmbH in the book (Germany, no orders yet) and three
/// orders of 999 flagship support sets for Kiwi Ltd, known only from its orders.
fn desk() -> App {
    let mut app = App::new();
    let customer = CustomerForm {
        name: "Müller GmbH".into(),
        country: "DE".into(),
        email: Some("ops@mueller.example".into()),
        ..CustomerForm::default()
    }
    .check()
    .unwrap();
    app.store.add_customer(&customer).unwrap();
    for (i, days) in [(1, 3), (2, 2), (3, 1)] {
        let mut o = common::order(
            &format!("k{i}"),
            "Kiwi Ltd",
            Region::Oc1,
            &[("support-flagship", 999)],
            days,
        );
        o.country = Some("NZ".into());
        app.store.save_new(o, "ann").unwrap();
    }
    app.act(Action::Refresh);
    app.keys(&[ch('6')]);
    app
}

#[test]
fn the_list_shows_every_customer_with_whole_amounts_and_searches_names() {
    let mut app = desk();
    assert_eq!(app.state.screen, Screen::Customers);
    let names: Vec<&str> = app
        .state
        .customers_tab
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Kiwi Ltd", "Müller GmbH"],
        "the book and the orders"
    );
    let kiwi = &app.state.customers_tab.rows[0];
    assert_eq!(kiwi.orders, 3);
    assert_eq!(kiwi.booked.to_string(), "2547450000.00");
    assert_eq!(
        kiwi.region,
        Some(Region::Oc1),
        "New Zealand, from its orders"
    );
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let screen = screen_text(&app.state, w, h);
        assert!(screen.contains("$2,547,450,000.00"), "{w}x{h}\n{screen}");
        assert!(screen.contains("Müller GmbH"), "{w}x{h}\n{screen}");
        assert!(screen.contains("6 Customers"), "{w}x{h}\n{screen}");
        insta::assert_snapshot!(format!("customers_{w}x{h}"), screen);
    }
    app.keys(&[ch('/')]);
    app.type_text("mül");
    app.keys(&[key(KeyCode::Enter)]);
    let names: Vec<&str> = app
        .state
        .customers_tab
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["Müller GmbH"]);
    assert!(
        app.screen().contains("1 of 2 customer(s)"),
        "{}",
        app.screen()
    );
    // Esc clears the search: both again.
    app.keys(&[key(KeyCode::Esc)]);
    assert_eq!(app.state.customers_tab.rows.len(), 2);
}

#[test]
fn enter_opens_the_page_and_there_an_order() {
    let mut app = desk();
    app.keys(&[key(KeyCode::Enter)]);
    let page = app.state.customers_tab.page.clone().expect("the page");
    assert_eq!(page.items.len(), 3, "Kiwi's three orders");
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let screen = screen_text(&app.state, w, h);
        assert!(screen.contains("┌ Kiwi Ltd"), "{w}x{h}\n{screen}");
        assert!(screen.contains("$849,150,000.00"), "{w}x{h}\n{screen}");
        assert!(screen.contains("$2,547,450,000.00"), "{w}x{h}\n{screen}");
    }
    insta::assert_snapshot!("customer_page_80x24", screen_text(&app.state, 80, 24));
    app.keys(&[key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(app.state.screen, Screen::Orders);
    let (_, open) = app.state.selected_order().expect("an order selected");
    assert_eq!(open.id, page.items[1].id, "the order selected on the page");
    assert!(app.state.orders.detail.is_some());
    // Back on Customers, Esc closes the page.
    app.keys(&[key(KeyCode::Esc), ch('6'), key(KeyCode::Esc)]);
    assert!(app.state.customers_tab.page.is_none());
}

#[test]
fn a_customer_added_in_the_form_is_checked_then_saved_to_the_book() {
    let mut app = desk();
    app.keys(&[ch('a')]);
    app.type_text("Oslo AS");
    app.keys(&[key(KeyCode::Tab)]);
    app.type_text("Atlantis");
    app.keys(&[ctrl('s')]);
    let form = app.state.customers_tab.form.as_ref().expect("kept open");
    assert_eq!(form.error.as_ref().map(|e| e.0), Some("country"));
    assert!(
        app.store
            .load_customers()
            .unwrap()
            .find("Oslo AS")
            .is_none()
    );
    for (w, h) in [(80, 24), (60, 16)] {
        let screen = screen_text(&app.state, w, h);
        assert!(screen.contains("unknown country"), "{w}x{h}\n{screen}");
        assert!(screen.contains("Atlantis"), "{w}x{h}\n{screen}");
    }
    insta::assert_snapshot!("customer_form_error_80x24", screen_text(&app.state, 80, 24));
    app.keys(&[ctrl('u')]);
    app.type_text("Norway");
    app.keys(&[ctrl('s')]);
    assert!(app.state.customers_tab.form.is_none(), "{}", app.screen());
    let book = app.store.load_customers().unwrap();
    assert_eq!(book.find("oslo as").map(|c| c.country.as_str()), Some("NO"));
    let row = &app.state.customers_tab.rows[app.state.customers_tab.selected];
    assert_eq!(row.name, "Oslo AS", "the new customer is selected");
    assert_eq!(row.region, Some(Region::Oc2), "Norway pays OC2");
    // The same name again is refused by the store, and the form stays.
    app.keys(&[ch('a')]);
    app.type_text("OSLO as");
    app.keys(&[key(KeyCode::Tab)]);
    app.type_text("NO");
    app.keys(&[ctrl('s')]);
    assert!(app.state.customers_tab.form.is_some());
    let said = app.state.message.as_ref().unwrap().text.clone();
    assert!(said.contains("Customer not saved"), "{said}");
}

#[test]
fn editing_the_country_never_touches_an_order() {
    let mut app = desk();
    // Kiwi Ltd is known only from its orders: e puts them in the book.
    let before: Vec<Vec<u8>> = app
        .store
        .order_files()
        .unwrap()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    app.keys(&[ch('e')]);
    let form = app.state.customers_tab.form.as_ref().unwrap();
    assert!(form.before.is_none(), "added, not edited");
    app.keys(&[ctrl('s')]);
    assert!(
        app.store
            .load_customers()
            .unwrap()
            .find("Kiwi Ltd")
            .is_some()
    );
    // Now edited: Australia instead of New Zealand.
    app.keys(&[ch('e')]);
    assert!(
        app.state
            .customers_tab
            .form
            .as_ref()
            .unwrap()
            .before
            .is_some()
    );
    app.keys(&[key(KeyCode::Tab), ctrl('u')]);
    app.type_text("AU");
    app.keys(&[ctrl('s')]);
    let book = app.store.load_customers().unwrap();
    assert_eq!(book.find("Kiwi Ltd").unwrap().country, "AU");
    let after: Vec<Vec<u8>> = app
        .store
        .order_files()
        .unwrap()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after, "every order file byte for byte");
    let kiwi = &app.state.customers_tab.rows[0];
    assert_eq!(kiwi.booked.to_string(), "2547450000.00");
    // Another desk changed the file meanwhile: the edit is refused, nothing lost.
    app.keys(&[ch('e')]);
    let mut other = book.find("Kiwi Ltd").unwrap().clone();
    other.email = Some("new@kiwi.example".into());
    let path = &book
        .customers
        .iter()
        .find(|(_, c)| c.name == "Kiwi Ltd")
        .unwrap()
        .0;
    std::fs::write(path, ron::ser::to_string(&other).unwrap()).unwrap();
    app.keys(&[key(KeyCode::Tab), ctrl('u')]);
    app.type_text("NZ");
    app.keys(&[ctrl('s')]);
    let said = app.state.message.as_ref().unwrap().text.clone();
    assert!(said.contains("changed by another desk"), "{said}");
    let kept = app.store.load_customers().unwrap();
    let kiwi = kept.find("Kiwi Ltd").unwrap();
    assert_eq!(
        (kiwi.country.as_str(), kiwi.email.as_deref()),
        ("AU", Some("new@kiwi.example"))
    );
}

#[test]
fn k_settles_a_two_desk_clash_as_customer_decide_does() {
    let mut app = desk();
    let book = app.store.load_customers().unwrap();
    let (path, c) = &book.customers[0];
    let mut clashing = c.clone();
    clashing.clashes = vec![order_desk::domain::customer::FieldClash {
        field: "email".into(),
        values: vec![
            Some("ops@mueller.example".into()),
            Some("buy@mueller.example".into()),
        ],
    }];
    std::fs::write(path, ron::ser::to_string(&clashing).unwrap()).unwrap();
    app.act(Action::Refresh);
    app.keys(&[ch('1'), ch('6'), key(KeyCode::Down)]);
    assert!(app.state.customers_tab.rows[1].disputed);
    assert!(app.screen().contains("! Müller GmbH"), "{}", app.screen());
    app.keys(&[ch('K')]);
    assert!(matches!(app.state.popup, Some(Popup::CustomerClash { .. })));
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("buy@mueller.example"), "{screen}");
    app.keys(&[ch('2')]);
    let settled = app.store.load_customers().unwrap();
    let m = settled.find("Müller GmbH").unwrap();
    assert_eq!(m.email.as_deref(), Some("buy@mueller.example"));
    assert!(m.clashes.is_empty());
    assert!(!app.state.customers_tab.rows[1].disputed);
}

/// What `X` asks the loop to write on the current screen.
fn listed(app: &mut App) -> order_desk::tui::export::Listed {
    let fx = order_desk::tui::update::update(&mut app.state, Action::ExportList, &ctx());
    match fx.into_iter().next() {
        Some(order_desk::tui::action::Effect::ExportList(listed)) => listed,
        other => panic!("no list to write: {other:?}"),
    }
}

#[test]
fn x_writes_the_customers_listed_as_the_command_lines_csv() {
    use order_desk::tui::export::export_list;
    let mut app = desk();
    let out = tempfile::tempdir().unwrap();
    let all = export_list(out.path(), &listed(&mut app), now()).unwrap();
    assert!(
        all.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("customers-"),
        "{all:?}"
    );
    let written = std::fs::read_to_string(&all).unwrap();
    let cli = crate::binary::ok(app.dir.path(), &["customers", "--format", "csv"]);
    assert_eq!(written, cli, "the app's CSV is the CLI's");
    // The search on screen: its rows only.
    app.keys(&[ch('/')]);
    app.type_text("kiwi");
    app.keys(&[key(KeyCode::Enter)]);
    let kiwi = export_list(out.path(), &listed(&mut app), now()).unwrap();
    assert_eq!(
        std::fs::read_to_string(&kiwi).unwrap(),
        "name,country,region,basis,source,orders,email\nKiwi Ltd,,,,orders,3,\n"
    );
}

/// A name seen only in a quote is listed, and `X` writes it with source `quotes`.
#[test]
fn a_customer_seen_only_in_a_quote_is_listed_and_exported() {
    use order_desk::tui::export::export_list;
    let mut app = desk();
    let o = common::order("q1", "Oslo AS", Region::Oc2, &[("dev-basic", 1)], 0);
    let q = order_desk::domain::quote::Quote::from_priced(o, jiff::civil::date(2026, 12, 31));
    app.store.save_new_quote(q, "ann").unwrap();
    app.keys(&[ch('3'), ch('6')]);
    let oslo = app
        .state
        .customers_tab
        .rows
        .iter()
        .find(|r| r.name == "Oslo AS")
        .expect("listed from its quote");
    assert_eq!((oslo.open_quotes, oslo.orders), (1, 0));
    app.keys(&[ch('/')]);
    app.type_text("oslo");
    app.keys(&[key(KeyCode::Enter)]);
    let out = tempfile::tempdir().unwrap();
    let file = export_list(out.path(), &listed(&mut app), now()).unwrap();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "name,country,region,basis,source,orders,email\nOslo AS,,,,quotes,0,\n"
    );
}
