//! Accepting a quote survives a kill between saving the order and marking the quote: the
//! next look (list, show) sees it accepted by that order, and accepting again completes
//! the link without placing a second order.

use std::fs;

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, checkout};
use order_desk::domain::quote::{Quote, QuoteStatus};
use order_desk::store::{AcceptStep, Store, read_quote};

use crate::binary;
use binary::*;

fn order_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    names
}

#[test]
fn an_acceptance_killed_after_the_order_is_saved_is_completed_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc2);
    cart.add(&catalog, "dev-basic", 2).unwrap();
    let now: jiff::Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
    let form = CheckoutForm {
        customer: "Acme Brasil".into(),
        rep: "dana".into(),
        ..CheckoutForm::default()
    };
    let priced = checkout(&cart, &catalog, &form, String::new(), now).unwrap();
    // Valid for years, so the CLI (on today's clock) may still accept it.
    let q = Quote::from_priced(priced, jiff::civil::date(2099, 1, 1));
    let q = store.save_new_quote(q, "desk1").unwrap();
    let quote_path = dir.path().join(format!("quotes/{}.ron", q.id));

    // The kill: the order is on disk, the quote still open (with its claim).
    let order = store
        .accept_quote_until(&q.id, "dana", "desk1", now, AcceptStep::OrderSaved)
        .unwrap();
    let on_disk = read_quote(&quote_path).unwrap();
    assert_eq!(on_disk.status, QuoteStatus::Open);
    assert_eq!(on_disk.accepting.as_deref(), Some(order.id.as_str()));
    assert_eq!(order_files(dir.path()), [format!("{}.ron", order.id)]);

    // Every look sees it accepted by that order.
    let listed = store.load_quotes().unwrap();
    assert!(
        matches!(&listed.quotes[0].status, QuoteStatus::Accepted { order: o, .. } if *o == order.id),
        "{:?}",
        listed.quotes[0].status
    );
    let csv = ok(dir.path(), &["quotes", "--format", "csv"]);
    assert!(
        csv.contains(&format!("accepted,{}", order.id)),
        "the list shows it accepted: {csv}"
    );
    let show = ok(dir.path(), &["quote", "show", &q.id]);
    assert!(
        show.contains(&format!("Accepted as order {}", order.id)),
        "{show}"
    );

    // Accepting again (the CLI, as the rep would) completes the link: the same order.
    let again = ok(dir.path(), &["quote", "accept", &q.id]);
    assert_eq!(again.trim(), order.id);
    assert_eq!(
        order_files(dir.path()),
        [format!("{}.ron", order.id)],
        "no second order"
    );
    let linked = read_quote(&quote_path).unwrap();
    assert!(
        matches!(&linked.status, QuoteStatus::Accepted { order: o, .. } if *o == order.id),
        "the file is completed: {:?}",
        linked.status
    );
    assert_eq!(linked.accepting, None);
    // And now it is accepted for good: once more is refused.
    let thrice = run(dir.path(), &["quote", "accept", &q.id]);
    assert_eq!(thrice.code, 1, "{}", thrice.stderr);
    assert!(
        thrice.stderr.contains("already accepted"),
        "{}",
        thrice.stderr
    );
}

#[test]
fn a_claim_whose_order_never_got_written_is_not_an_acceptance() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc1);
    cart.add(&catalog, "dev-basic", 1).unwrap();
    let now: jiff::Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
    let form = CheckoutForm {
        customer: "Acme".into(),
        rep: "dana".into(),
        ..CheckoutForm::default()
    };
    let priced = checkout(&cart, &catalog, &form, String::new(), now).unwrap();
    let mut q = Quote::from_priced(priced, jiff::civil::date(2099, 1, 1));
    q = store.save_new_quote(q, "desk1").unwrap();
    // A claim written, then a kill before the order: the quote is simply open.
    let path = dir.path().join(format!("quotes/{}.ron", q.id));
    let text = fs::read_to_string(&path).unwrap();
    let claimed = text.replacen(
        "requote_of: None,",
        "requote_of: None,\n    accepting: Some(\"20261126-120000-desk1\"),",
        1,
    );
    assert_ne!(claimed, text);
    fs::write(&path, claimed).unwrap();
    assert_eq!(store.load_quote(&q.id).unwrap().status, QuoteStatus::Open);
    let order = store.accept_quote(&q.id, "dana", "desk1", now).unwrap();
    assert_eq!(order_files(dir.path()), [format!("{}.ron", order.id)]);
}
