//! The app's quotes: the cart saved as a quote through the form (customer suggestions,
//! the country settling the region and saying why), the Quotes tab (list, detail,
//! accept into an order at the quoted prices, decline, re-quote), and the checkout
//! recording the customer's country. Real store over a temp folder where it matters.

use crate::common;

use std::fs;
use std::path::PathBuf;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::customer::CustomerForm;
use order_desk::domain::quote::{Quote, QuoteStatus};
use order_desk::domain::region::{Basis, RegionChoice};
use order_desk::store::{read_order, read_quote};
use order_desk::tui::state::{Exported, Popup, Screen, State, Subject};

/// The dearest quote: 999 each of the four dearest OC2 tiers, $3,976,020,000.00, for a
/// customer in Brazil; then one of every standing.
fn largest_quotes() -> Vec<Quote> {
    let dearest = [
        ("support-flagship", 999),
        ("incremental-platinum", 999),
        ("impl-platinum", 999),
        ("distill-platinum", 999),
    ];
    let quote = |id: &str, customer: &str, region, lines: &[(&str, u32)], days, until| {
        let mut o = order("", customer, region, lines, days);
        o.country = Some("BR".into());
        o.region_choice = Some(RegionChoice::Derived {
            basis: Basis::Named,
        });
        let mut q = Quote::from_priced(o, until);
        q.id = id.into();
        q
    };
    let mut big = quote(
        "Q-20261126-120000-e6v2",
        "Acme Brasil Ltda",
        Region::Oc2,
        &dearest,
        0,
        jiff::civil::date(2026, 12, 26),
    );
    big.note = Some("Frame agreement 2027".into());
    let mut us = quote(
        "Q-20261125-120000-e6v2",
        "Initech US",
        Region::Oc1,
        &[("dev-basic", 2)],
        1,
        jiff::civil::date(2026, 12, 25),
    );
    us.country = Some("US".into());
    us.region_choice = Some(RegionChoice::Chosen {
        reason: "billed through the Singapore office".into(),
    });
    let lapsed = quote(
        "Q-20261001-120000-e6v2",
        "Soylent",
        Region::Oc2,
        &[("migrate-model", 3)],
        56,
        jiff::civil::date(2026, 10, 31),
    );
    let mut accepted = quote(
        "Q-20261020-120000-e6v2",
        "Globex",
        Region::Oc2,
        &[("tuning-professional", 1)],
        37,
        jiff::civil::date(2026, 11, 19),
    );
    accepted.status = QuoteStatus::Accepted {
        order: "20261101-120000-test".into(),
        at: now(),
        by: "kim".into(),
    };
    let mut declined = quote(
        "Q-20261015-120000-e6v2",
        "Umbrella",
        Region::Oc2,
        &[("support-flagship", 1)],
        42,
        jiff::civil::date(2026, 11, 14),
    );
    declined.status = QuoteStatus::Declined {
        reason: Some("went with another vendor".into()),
        at: now(),
        by: "sam".into(),
    };
    vec![big, us, lapsed, accepted, declined]
}

/// The sample book, the quotes above and the largest cart (999 of the dearest tiers).
fn largest_state() -> State {
    let mut state = loaded_state(true);
    state.quotes.quotes = largest_quotes();
    state.quotes.loaded = true;
    state.quotes.refilter(today());
    state.cart_tab.cart = order_desk::domain::cart::Cart::new(Region::Oc1);
    for sku in [
        "support-flagship",
        "incremental-platinum",
        "impl-platinum",
        "distill-platinum",
    ] {
        state
            .cart_tab
            .cart
            .add(&state.setup.catalog, sku, 999)
            .unwrap();
    }
    state
}

/// The quote form over the largest cart: "Acme" typed, Tab takes the suggestion from
/// the past quotes, which brings its country (Brazil → OC2).
fn form_keys() -> Vec<ratatui::crossterm::event::KeyEvent> {
    let mut keys = vec![ch('2'), ch('Q')];
    keys.extend("Acme".chars().map(ch));
    keys.push(key(KeyCode::Tab));
    keys
}

#[test]
fn the_quote_screens_at_60x16_80x24_and_120x35_with_the_largest_amounts() {
    for (name, keys) in [
        ("quotes", vec![ch('3')]),
        ("quote_detail", vec![ch('3'), key(KeyCode::Enter)]),
        ("quote_form", form_keys()),
        ("quote_accept", vec![ch('3'), ch('a')]),
        (
            "quote_lapsed_detail",
            vec![ch('3'), ch('j'), ch('j'), key(KeyCode::Enter)],
        ),
    ] {
        let mut state = largest_state();
        press(&mut state, &keys);
        for (w, h) in [(60, 16), (80, 24), (120, 35)] {
            let terminal = draw(&state, w, h);
            let screen = terminal.backend().to_string();
            assert_eq!(
                wrong_amounts(&state, &screen),
                Vec::<String>::new(),
                "{name} {w}x{h}\n{screen}"
            );
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }
}

#[test]
fn the_form_says_why_the_country_sets_the_region() {
    let mut state = largest_state();
    press(&mut state, &form_keys());
    let form = state.cart_tab.checkout.as_ref().unwrap();
    assert_eq!(form.customer.value(), "Acme Brasil Ltda");
    assert_eq!(
        form.country.value(),
        "BR",
        "the known customer brings its country"
    );
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("Brazil → OC2 (price list: Brazil is named in OC2"),
        "{screen}"
    );
    // The cart is OC1; the form prices it where the country pays.
    assert!(
        screen.contains("total $3,976,020,000.00 in OC2"),
        "{screen}"
    );

    // A convention is marked as one; a country the list does not cover asks for a
    // region and a reason.
    for (country, says) in [
        (
            "Iran",
            "Iran (Islamic Republic of) → OC2 (convention, not the list's words",
        ),
        (
            "China",
            "China: not covered, pick a region and give a reason",
        ),
        ("Canada", "Canada: not covered"),
    ] {
        let form = state.cart_tab.checkout.as_mut().unwrap();
        form.country = order_desk::tui::field::TextField::new(country);
        let screen = screen_text(&state, 120, 35);
        assert!(screen.contains(says), "{country}: {screen}");
    }
}

fn dearer_dev_basic(price: &str) -> Catalog {
    let text = order_desk::domain::catalog::BUILTIN_CATALOG.replacen(
        "oc2: \"70000.00\"",
        &format!("oc2: \"{price}\""),
        1,
    );
    assert_ne!(text, order_desk::domain::catalog::BUILTIN_CATALOG);
    Catalog::parse(&text, std::path::Path::new("dearer.ron")).unwrap()
}

fn quote_files(app: &App) -> Vec<PathBuf> {
    let dir = app.dir.path().join("quotes");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn order_files(app: &App) -> Vec<PathBuf> {
    app.store.order_files().unwrap()
}

/// An app whose cart holds two dev-basic, quoted for a customer in Brazil from the form.
fn app_with_a_quote() -> (App, PathBuf) {
    let mut app = App::new();
    // Catalog: first family, its service, the tiers: Basic, twice.
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('a'), ch('2'), ch('Q')]);
    assert!(
        app.state.cart_tab.checkout.is_some(),
        "Q opens the quote form"
    );
    app.type_text("Acme Brasil");
    app.keys(&[key(KeyCode::Tab)]);
    app.type_text("Brazil");
    app.keys(&[ctrl('s')]);
    assert!(
        app.state.cart_tab.checkout.is_none(),
        "saved: {:?}",
        app.state.message
    );
    let files = quote_files(&app);
    assert_eq!(files.len(), 1);
    (app, files[0].clone())
}

#[test]
fn a_quote_from_the_cart_is_accepted_into_an_order_at_the_quoted_prices() {
    let (mut app, file) = app_with_a_quote();
    let q = read_quote(&file).unwrap();
    assert_eq!(
        q.region,
        Region::Oc2,
        "Brazil pays OC2, though the cart was OC1"
    );
    assert_eq!(q.country.as_deref(), Some("BR"));
    assert_eq!(
        q.region_choice,
        Some(RegionChoice::Derived {
            basis: Basis::Named
        })
    );
    assert_eq!(q.total.to_string(), "140000.00");
    assert_eq!(q.valid_until, jiff::civil::date(2026, 12, 26), "30 days");
    assert!(
        app.state.cart_tab.cart.is_empty(),
        "the cart went into the quote"
    );
    assert!(order_files(&app).is_empty(), "a quote is not an order");

    // The price list goes up; the quote still holds.
    app.state.setup.catalog = dearer_dev_basic("90000.00");
    app.keys(&[ch('3')]);
    assert_eq!(app.state.screen, Screen::Quotes);
    assert!(app.screen().contains("Acme Brasil"), "{}", app.screen());
    app.keys(&[ch('a')]);
    let Some(Popup::Confirm(Subject::Quote(ask))) = &app.state.popup else {
        panic!("a asks first: {:?}", app.state.popup);
    };
    assert_eq!(ask.total.to_string(), "140000.00");
    assert!(
        app.screen().contains("Accept $140,000.00 for Acme Brasil"),
        "{}",
        app.screen()
    );
    app.keys(&[ch('y')]);
    let orders = order_files(&app);
    assert_eq!(orders.len(), 1);
    let order = read_order(&orders[0]).unwrap();
    assert_eq!(order.total.to_string(), "140000.00");
    assert_eq!(order.lines[0].unit_price.to_string(), "70000.00");
    assert_eq!(order.quote.as_deref(), Some(q.id.as_str()));
    assert_eq!(order.country.as_deref(), Some("BR"));
    let accepted = read_quote(&file).unwrap();
    assert!(
        matches!(&accepted.status, QuoteStatus::Accepted { order: o, .. } if *o == order.id),
        "{:?}",
        accepted.status
    );
    let message = app.state.message.as_ref().unwrap().text.clone();
    assert!(
        message.contains(&order.id),
        "the new order's id is shown: {message}"
    );

    // o jumps to it in Orders, its detail open.
    app.keys(&[ch('o')]);
    assert_eq!(app.state.screen, Screen::Orders);
    let detail = app.state.orders.detail.as_ref().expect("the order is open");
    assert_eq!(detail.id, order.id);
    assert!(app.screen().contains("$140,000.00"), "{}", app.screen());
    assert!(
        app.screen().contains(&format!("From quote  {}", q.id)),
        "{}",
        app.screen()
    );

    // Twice: refused, and no second order.
    app.keys(&[ch('3'), ch('a')]);
    assert!(
        matches!(&app.state.popup, Some(Popup::Notice { title, .. }) if title == "Already accepted"),
        "{:?}",
        app.state.popup
    );
    assert_eq!(order_files(&app).len(), 1);
}

#[test]
fn accepting_a_quote_another_desk_accepted_meanwhile_is_refused_cleanly() {
    let (mut app, file) = app_with_a_quote();
    app.keys(&[ch('3')]);
    let id = app.state.quotes.quotes[0].id.clone();
    // Another desk accepts it while this one still shows it open.
    let theirs = app.store.accept_quote(&id, "kim", "other", now()).unwrap();
    let before = fs::read(&file).unwrap();
    app.keys(&[ch('a'), ch('y')]);
    assert!(
        matches!(&app.state.popup, Some(Popup::Notice { title, .. }) if title == "Changed by another desk"),
        "{:?}",
        app.state.popup
    );
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "the quote file is untouched"
    );
    assert_eq!(order_files(&app).len(), 1, "only the other desk's order");
    // The reload shows what the other desk did.
    app.keys(&[key(KeyCode::Esc)]);
    assert!(
        matches!(&app.state.quotes.quotes[0].status, QuoteStatus::Accepted { order, .. } if *order == theirs.id)
    );
}

#[test]
fn a_lapsed_quote_is_refused_with_the_requote_hint_and_requote_prices_today() {
    let mut app = App::new();
    let mut o = order("", "Soylent", Region::Oc2, &[("dev-basic", 1)], 40);
    o.rep = "sam".into();
    let q = Quote::from_priced(o, jiff::civil::date(2026, 11, 1));
    let q = app.store.save_new_quote(q, "test").unwrap();
    let file = app.dir.path().join(format!("quotes/{}.ron", q.id));
    let before = fs::read(&file).unwrap();
    app.keys(&[ch('3')]);
    assert!(app.screen().contains("Lapsed"), "{}", app.screen());
    app.keys(&[ch('a')]);
    let Some(Popup::Notice { title, body, .. }) = &app.state.popup else {
        panic!("{:?}", app.state.popup);
    };
    assert_eq!(title, "Accept not allowed");
    assert!(
        body.contains("lapsed on 2026-11-01") && body.contains("r re-quotes"),
        "{body}"
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    assert!(order_files(&app).is_empty());

    // r: a new quote of the same lines at today's (dearer) prices.
    app.state.setup.catalog = dearer_dev_basic("90000.00");
    app.keys(&[key(KeyCode::Esc), ch('r')]);
    assert!(app.screen().contains("$90,000.00"), "{}", app.screen());
    app.keys(&[ch('y')]);
    let files = quote_files(&app);
    assert_eq!(files.len(), 2);
    let new = files
        .iter()
        .map(|f| read_quote(f).unwrap())
        .find(|n| n.id != q.id)
        .unwrap();
    assert_eq!(new.requote_of.as_deref(), Some(q.id.as_str()));
    assert_eq!(new.total.to_string(), "90000.00");
    assert_eq!(new.valid_until, jiff::civil::date(2026, 12, 26));
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "the old quote is as it was"
    );
}

#[test]
fn a_decline_keeps_its_reason_and_no_or_esc_changes_nothing() {
    let (mut app, file) = app_with_a_quote();
    app.keys(&[ch('3')]);
    let before = fs::read(&file).unwrap();
    // Every way out of every question leaves the file byte for byte.
    for keys in [
        vec![ch('a'), ch('n')],
        vec![ch('a'), key(KeyCode::Esc)],
        vec![ch('D'), key(KeyCode::Esc)],
        vec![ch('D'), ch('x'), key(KeyCode::Enter), ch('n')],
        vec![ch('D'), key(KeyCode::Enter), key(KeyCode::Esc)],
        vec![ch('r'), ch('n')],
        vec![key(KeyCode::Enter), ch('a'), ch('N')],
    ] {
        app.keys(&keys);
        assert_eq!(app.state.popup, None, "{keys:?}");
        assert_eq!(fs::read(&file).unwrap(), before, "{keys:?}");
        assert_eq!(quote_files(&app).len(), 1, "{keys:?}");
    }
    assert!(order_files(&app).is_empty());
    app.keys(&[key(KeyCode::Esc)]);

    app.keys(&[ch('D')]);
    app.type_text("went with another vendor");
    app.keys(&[key(KeyCode::Enter)]);
    assert!(
        app.screen().contains("Reason: went with another vendor"),
        "{}",
        app.screen()
    );
    app.keys(&[ch('y')]);
    let declined = read_quote(&file).unwrap();
    assert!(
        matches!(&declined.status, QuoteStatus::Declined { reason: Some(r), .. } if r == "went with another vendor"),
        "{:?}",
        declined.status
    );
    assert!(app.screen().contains("Declined"), "{}", app.screen());
    // Closed: accepting it is refused.
    app.keys(&[ch('a')]);
    assert!(matches!(&app.state.popup, Some(Popup::Notice { title, .. }) if title == "Declined"));
    assert!(order_files(&app).is_empty());
}

#[test]
fn another_region_needs_a_reason_and_an_uncovered_country_a_region_too() {
    let mut app = App::new();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('Q')]);
    app.type_text("Acme Brasil");
    let tab = key(KeyCode::Tab);
    app.keys(&[tab]);
    app.type_text("BR");
    app.keys(&[tab]);
    app.type_text("oc1");
    app.keys(&[ctrl('s')]);
    let form = app.state.cart_tab.checkout.as_ref().expect("refused");
    assert!(
        form.error_for(order_desk::tui::state::Field::Reason)
            .is_some_and(|e| e.contains("Brazil pays OC2")),
        "{:?}",
        form.errors
    );
    assert!(quote_files(&app).is_empty());
    // The refusal put the cursor on the reason.
    app.type_text("contract signed in Chile");
    app.keys(&[ctrl('s')]);
    let q = read_quote(&quote_files(&app)[0]).unwrap();
    assert_eq!(q.region, Region::Oc1);
    assert_eq!(
        q.region_choice,
        Some(RegionChoice::Chosen {
            reason: "contract signed in Chile".into()
        })
    );

    // China: no region of its own; a region alone is not enough either.
    app.keys(&[ch('u'), ch('Q')]);
    let form = app.state.cart_tab.checkout.as_mut().unwrap();
    form.customer = order_desk::tui::field::TextField::new("Shanghai Ltd");
    form.country = order_desk::tui::field::TextField::new("China");
    app.keys(&[ctrl('s')]);
    let form = app.state.cart_tab.checkout.as_ref().unwrap();
    assert!(
        form.error_for(order_desk::tui::state::Field::Region)
            .is_some_and(|e| e.contains("not covered")),
        "{:?}",
        form.errors
    );
    assert_eq!(quote_files(&app).len(), 1, "nothing more saved");
}

#[test]
fn checkout_records_the_country_and_a_known_customer_brings_its_own() {
    let mut app = App::new();
    let customer = CustomerForm {
        name: "Müller GmbH".into(),
        country: "DE".into(),
        ..CustomerForm::default()
    }
    .check()
    .unwrap();
    app.store.add_customer(&customer).unwrap();
    app.keys(&[ch('l'), ch('l'), ch('a'), ch('2'), ch('c')]);
    app.type_text("mül");
    assert_eq!(
        app.state
            .cart_tab
            .checkout
            .as_ref()
            .unwrap()
            .suggestions
            .len(),
        1
    );
    assert!(
        app.screen().contains("↳ Müller GmbH · DE · book"),
        "{}",
        app.screen()
    );
    // ↓ picks it, Tab takes it.
    app.keys(&[key(KeyCode::Down), key(KeyCode::Tab)]);
    let form = app.state.cart_tab.checkout.as_ref().unwrap();
    assert_eq!(
        (form.customer.value(), form.country.value()),
        ("Müller GmbH", "DE")
    );
    app.keys(&[ctrl('s')]);
    let order = read_order(&order_files(&app)[0]).unwrap();
    assert_eq!(order.country.as_deref(), Some("DE"));
    assert_eq!(
        order.region,
        Region::Oc2,
        "Germany pays OC2, the cart was OC1"
    );
    assert_eq!(order.total.to_string(), "70000.00");
}

#[test]
fn a_damaged_quote_file_is_listed_with_its_error() {
    let mut app = App::new();
    let dir = app.dir.path().join("quotes");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("Q-20261126-120000-bad.ron"),
        "(id: \"Q-2026\", oops",
    )
    .unwrap();
    app.keys(&[ch('3')]);
    let screen = app.screen();
    assert!(screen.contains("1 damaged"), "{screen}");
    assert!(screen.contains("✗ DAMAGED"), "{screen}");
    assert!(screen.contains("Q-20261126-120000-bad.ron:1:"), "{screen}");
}

#[test]
fn x_exports_the_quote_and_the_status_bar_says_where() {
    let (mut app, _) = app_with_a_quote();
    let out = tempfile::tempdir().unwrap();
    app.state.quote_export_dir = Some(out.path().to_path_buf());
    app.keys(&[ch('3'), key(KeyCode::Enter), ch('x')]);
    assert!(
        matches!(app.state.popup, Some(Popup::Export(Exported::Quote(_)))),
        "{:?}",
        app.state.popup
    );
    assert!(app.screen().contains("PDF, to attach"), "{}", app.screen());
    app.keys(&[ch('m')]);
    let id = app.state.quotes.quotes[0].id.clone();
    let file = out.path().join(format!("quote-{id}.md"));
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("$140,000.00") && text.contains("Brazil"),
        "{text}"
    );
    let message = app.state.message.as_ref().unwrap().text.clone();
    assert!(message.contains(&format!("quote-{id}.md")), "{message}");
    // Again, as a PDF; and a second Markdown never replaces the first.
    app.keys(&[ch('x'), ch('p'), ch('x'), ch('m')]);
    assert!(
        fs::read(out.path().join(format!("quote-{id}.pdf")))
            .unwrap()
            .starts_with(b"%PDF")
    );
    assert!(out.path().join(format!("quote-{id}-2.md")).exists());
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
    // Esc in the popup writes nothing.
    app.keys(&[ch('x'), key(KeyCode::Esc)]);
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 3);
}

#[test]
fn enter_keeps_a_new_name_that_an_older_customer_starts_with() {
    let mut state = largest_state();
    press(&mut state, &[ch('2'), ch('Q')]);
    for c in "Acme".chars() {
        press(&mut state, &[ch(c)]);
    }
    let form = state.cart_tab.checkout.as_ref().unwrap();
    assert_eq!(
        form.suggestions.len(),
        2,
        "a past quote and a past order: {:?}",
        form.suggestions
    );
    assert!(
        screen_text(&state, 80, 24).contains("Enter keeps what is typed"),
        "the form says how to keep the name"
    );
    press(&mut state, &[key(KeyCode::Enter)]);
    let form = state.cart_tab.checkout.as_ref().unwrap();
    assert_eq!(form.customer.value(), "Acme");
    assert_eq!(
        form.country.value(),
        "",
        "no country brought from another customer"
    );
    assert_eq!(form.focused(), order_desk::tui::state::Field::Country);
}

#[test]
fn a_book_customer_typed_in_full_brings_its_country_without_a_suggestion() {
    let mut state = largest_state();
    state.customers = vec![
        CustomerForm {
            name: "Müller GmbH".into(),
            country: "DE".into(),
            ..CustomerForm::default()
        }
        .check()
        .unwrap(),
    ];
    press(&mut state, &[ch('2'), ch('Q')]);
    for c in "müller gmbh".chars() {
        press(&mut state, &[ch(c)]);
    }
    let form = state.cart_tab.checkout.as_ref().unwrap();
    assert!(
        form.suggestions.is_empty(),
        "typed in full: {:?}",
        form.suggestions
    );
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("Germany (customer book) → OC2 (price list: Europe is in OC2)"),
        "{screen}"
    );
    assert!(
        screen.contains("total $3,976,020,000.00 in OC2"),
        "{screen}"
    );
}

#[test]
fn a_book_customer_whose_country_two_desks_disagree_on_is_flagged_in_the_form() {
    let mut state = largest_state();
    let mut rio = CustomerForm {
        name: "Rio Foods".into(),
        country: "BR".into(),
        ..CustomerForm::default()
    }
    .check()
    .unwrap();
    rio.clashes = vec![order_desk::domain::customer::FieldClash {
        field: "country".into(),
        values: vec![Some("BR".into()), Some("PT".into())],
    }];
    state.customers = vec![rio];
    press(&mut state, &[ch('2'), ch('Q')]);
    for c in "rio foods".chars() {
        press(&mut state, &[ch(c)]);
    }
    for (w, h) in [(120, 35), (80, 24), (60, 16)] {
        let screen = screen_text(&state, w, h);
        assert!(
            screen.contains("disputed country BR or PT"),
            "{w}x{h}\n{screen}"
        );
    }
    // A customer without a clash says nothing of the kind.
    state.customers[0].clashes.clear();
    press(&mut state, &[ch(' '), key(KeyCode::Backspace)]);
    assert!(!screen_text(&state, 120, 35).contains("disputed"));
}

#[test]
fn f_filters_by_standing_with_lapsed_computed_and_slash_searches() {
    let mut state = largest_state();
    press(&mut state, &[ch('3')]);
    assert_eq!(state.quotes.index.len(), 5);
    let shown = |s: &State| s.quotes.index.len();
    for (label, n) in [
        ("Open", 2),
        ("Accepted", 1),
        ("Declined", 1),
        ("Lapsed", 1),
        ("All", 5),
    ] {
        press(&mut state, &[ch('f')]);
        assert_eq!(state.quotes.filter.label(), label);
        assert_eq!(shown(&state), n, "{label}");
    }
    assert!(screen_text(&state, 80, 24).contains("Lapsed"));
    press(&mut state, &[ch('/')]);
    for c in "initech".chars() {
        press(&mut state, &[ch(c)]);
    }
    assert_eq!(shown(&state), 1);
    assert_eq!(
        state.quotes.selected_quote().unwrap().customer,
        "Initech US"
    );
    // A SKU finds the quotes that hold it; Esc clears the search.
    press(&mut state, &[key(KeyCode::Esc), ch('/')]);
    for c in "migrate".chars() {
        press(&mut state, &[ch(c)]);
    }
    assert_eq!(state.quotes.selected_quote().unwrap().customer, "Soylent");
    press(&mut state, &[key(KeyCode::Enter), key(KeyCode::Esc)]);
    assert_eq!(shown(&state), 5);
}

/// Issue 20, item 2: `E` puts an open quote's lines in the cart; `Q` opens the form
/// prefilled from the quote and saves the cart as its next revision; the earlier one is
/// superseded and refuses acceptance; a second revision counts on.
#[test]
fn e_revises_an_open_quote_through_the_cart_and_q_saves_the_revision() {
    let (mut app, file) = app_with_a_quote();
    let first = read_quote(&file).unwrap();
    app.keys(&[ch('3'), ch('g'), ch('E')]);
    assert_eq!(app.state.screen, Screen::Cart, "{:?}", app.state.message);
    let screen = app.screen();
    assert!(
        screen.contains(&format!("revising {} · Q saves revision 2", first.id)),
        "{screen}"
    );
    // One more dev-basic (three), then the form comes prefilled from the quote.
    app.keys(&[ch('+'), ch('Q')]);
    let form = app
        .state
        .cart_tab
        .checkout
        .as_ref()
        .expect("the quote form");
    assert_eq!(form.customer.value(), "Acme Brasil");
    assert_eq!(form.country.value(), "BR");
    app.keys(&[ctrl('s')]);
    assert!(
        app.state.cart_tab.checkout.is_none(),
        "{:?}",
        app.state.message
    );
    let r2 = read_quote(&file.with_file_name(format!("{}-r2.ron", first.id))).unwrap();
    assert_eq!(r2.total.to_string(), "210000.00", "three at OC2");
    assert_eq!(r2.revision_of.as_deref(), Some(first.id.as_str()));
    assert!(app.state.cart_tab.revising.is_none());
    assert!(app.state.cart_tab.cart.is_empty());
    // The first is superseded on disk and on screen, and cannot be accepted.
    let first_now = read_quote(&file).unwrap();
    assert!(
        matches!(&first_now.status, QuoteStatus::Superseded { quote, .. } if *quote == r2.id),
        "{:?}",
        first_now.status
    );
    app.keys(&[ch('3')]);
    let listed = app.screen();
    assert!(listed.contains("Superseded"), "{listed}");
    // The superseded one refuses a second revision.
    app.state.quotes.select(&first.id);
    app.keys(&[ch('E')]);
    assert_eq!(app.state.screen, Screen::Quotes);
    assert!(
        matches!(&app.state.popup, Some(Popup::Notice { body, .. }) if body.contains("only the newest revision")),
        "{:?}",
        app.state.popup
    );
    app.keys(&[key(KeyCode::Esc)]);
    app.state.quotes.select(&r2.id);
    app.keys(&[ch('E'), ch('Q'), ctrl('s')]);
    assert!(
        quote_files(&app)
            .iter()
            .any(|f| f.ends_with(format!("{}-r3.ron", first.id))),
        "{:?}",
        app.state.message
    );
}
