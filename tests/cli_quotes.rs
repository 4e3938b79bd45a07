//! Quotes from the command line: made at today's prices, accepted once at the quoted
//! prices even after the price list changed, never after they lapse. The real binary.

use std::fs;

use crate::binary;
use binary::*;

fn price_list_with_dev_basic_oc2(price: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    let text = order_desk::domain::catalog::BUILTIN_CATALOG.replacen(
        "oc2: \"70000.00\"",
        &format!("oc2: \"{price}\""),
        1,
    );
    assert_ne!(text, order_desk::domain::catalog::BUILTIN_CATALOG);
    fs::write(file.path(), text).unwrap();
    file
}

#[test]
fn a_quote_is_accepted_once_at_the_quoted_prices_after_the_price_list_changed() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Acme Brasil",
            "--country",
            "BR",
            "--item",
            "dev-basic=2",
        ],
    );
    let id = id.trim();
    assert!(id.starts_with("Q-"), "{id}");
    let quoted =
        order_desk::store::read_quote(&dir.path().join(format!("quotes/{id}.ron"))).unwrap();
    assert_eq!(quoted.total.to_string(), "140000.00");
    assert_eq!(quoted.region, order_desk::domain::catalog::Region::Oc2);

    // The price list goes up; the quote still holds.
    let dearer = price_list_with_dev_basic_oc2("90000.00");
    let dearer_path = dearer.path().to_str().unwrap();
    let order_id = ok(
        dir.path(),
        &["--catalog", dearer_path, "quote", "accept", id],
    );
    let order = order_desk::store::read_order(&dir.path().join(format!("{}.ron", order_id.trim())))
        .unwrap();
    assert_eq!(order.total.to_string(), "140000.00");
    assert_eq!(order.lines[0].unit_price.to_string(), "70000.00");
    assert_eq!(order.quote.as_deref(), Some(id));
    assert_eq!(order.country.as_deref(), Some("BR"));
    let show = ok(dir.path(), &["quote", "show", id]);
    assert!(
        show.contains(&format!("Accepted as order {}", order_id.trim())),
        "{show}"
    );
    let order_show = ok(dir.path(), &["order", "show", order_id.trim()]);
    assert!(
        order_show.contains(&format!("From quote     {id}")),
        "{order_show}"
    );

    // Twice: refused, and no second order.
    let again = run(dir.path(), &["quote", "accept", id]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again.stderr.contains("already accepted"),
        "{}",
        again.stderr
    );
    let orders = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron")
        })
        .count();
    assert_eq!(orders, 1);

    // A re-quote is priced today.
    let requote = ok(
        dir.path(),
        &["--catalog", dearer_path, "quote", "requote", id],
    );
    let csv = ok(
        dir.path(),
        &["quotes", "--format", "csv", "--status", "open"],
    );
    assert!(
        csv.contains(&format!("{},", requote.trim())) && csv.contains(",180000.00,"),
        "{csv}"
    );
}

#[test]
fn a_lapsed_quote_cannot_be_accepted_but_can_be_requoted() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    let path = dir.path().join(format!("quotes/{}.ron", id.trim()));
    // Its valid-until moved into the past, as time would.
    let text = fs::read_to_string(&path).unwrap();
    let until = order_desk::store::read_quote(&path)
        .unwrap()
        .valid_until
        .to_string();
    fs::write(&path, text.replace(&until, "2020-01-31")).unwrap();
    let r = run(dir.path(), &["quote", "accept", id.trim()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("lapsed on 2020-01-31"), "{}", r.stderr);
    assert!(
        !fs::read_dir(dir.path()).unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "ron")),
        "no order placed"
    );
    let lapsed = ok(dir.path(), &["quotes", "--status", "lapsed"]);
    assert!(lapsed.contains("Lapsed"), "{lapsed}");
    let fresh = ok(dir.path(), &["quote", "requote", id.trim()]);
    ok(dir.path(), &["quote", "accept", fresh.trim()]);
}

#[test]
fn a_declined_quote_cannot_be_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--country",
            "DE",
            "--item",
            "dev-basic",
        ],
    );
    ok(
        dir.path(),
        &["quote", "decline", id.trim(), "--reason", "budget cut"],
    );
    let r = run(dir.path(), &["quote", "accept", id.trim()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("was declined"), "{}", r.stderr);
    assert!(ok(dir.path(), &["quote", "show", id.trim()]).contains("Declined by dana: budget cut"));
}

#[test]
fn quote_new_refuses_a_region_against_the_country_and_bad_ids_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--country",
            "BR",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--region-reason"), "{}", r.stderr);
    let r = run(dir.path(), &["quote", "show", "../../etc/passwd"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(dir.path(), &["quote", "accept", "Q-20200101-000000-none"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no quote"), "{}", r.stderr);
}

#[test]
fn a_damaged_quote_file_is_listed_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Good",
            "--region",
            "oc2",
            "--item",
            "dev-basic",
        ],
    );
    fs::write(
        dir.path().join("quotes/Q-20261127-000000-bad.ron"),
        "Quote(\n  id: \"Q-20261127-000000-bad\",\n  total: ,\n)\n",
    )
    .unwrap();
    let r = run(dir.path(), &["quotes", "--format", "csv"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains(",Good,"), "{}", r.stdout);
    assert!(
        r.stderr.contains("quotes/Q-20261127-000000-bad.ron:3:"),
        "{}",
        r.stderr
    );
}

#[test]
fn two_desks_accepting_one_quote_at_once_place_one_order() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc2",
            "--item",
            "dev-basic",
        ],
    );
    let id = id.trim().to_string();
    for _round in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                order_desk(dir.path())
                    .args(["quote", "accept", &id])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let codes: Vec<i32> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap().status.code().unwrap_or(-1))
            .collect();
        assert!(codes.iter().all(|c| *c == 0 || *c == 1), "{codes:?}");
    }
    let orders = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron")
        })
        .count();
    assert_eq!(orders, 1, "one quote, one order");
}

#[cfg(unix)]
#[test]
fn a_quotes_folder_that_is_a_link_is_refused_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("quotes")).unwrap();
    let r = run(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc2",
            "--item",
            "dev-basic",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("quotes"), "{}", r.stderr);
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn quotes_expiring_within_lists_the_open_quotes_that_lapse_soon_only() {
    let dir = tempfile::tempdir().unwrap();
    let new = |customer: &str| {
        ok(
            dir.path(),
            &[
                "quote",
                "new",
                "--customer",
                customer,
                "--region",
                "oc1",
                "--item",
                "dev-basic",
            ],
        )
        .trim()
        .to_string()
    };
    let set_until = |id: &str, until: &str| {
        let path = dir.path().join(format!("quotes/{id}.ron"));
        let was = order_desk::store::read_quote(&path)
            .unwrap()
            .valid_until
            .to_string();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replace(&was, until)).unwrap();
    };
    // The binary runs with TZ=UTC; so does this day.
    let today = order_desk::domain::order::local_date(jiff::Timestamp::now());
    let in_days = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let soon = new("Soon Ltd");
    set_until(&soon, &in_days(3));
    let later = new("Later Ltd");
    set_until(&later, &in_days(40));
    let lapsed = new("Lapsed Ltd");
    set_until(&lapsed, &in_days(-1));
    let accepted = new("Taken Ltd");
    set_until(&accepted, &in_days(2));
    ok(dir.path(), &["quote", "accept", &accepted]);
    let listed = ok(dir.path(), &["quotes", "--expiring-within", "7"]);
    assert!(listed.contains("Soon Ltd"), "{listed}");
    for gone in ["Later Ltd", "Lapsed Ltd", "Taken Ltd"] {
        assert!(!listed.contains(gone), "{gone}: {listed}");
    }
    // The last day counts.
    let edge = ok(dir.path(), &["quotes", "--expiring-within", "3"]);
    assert!(edge.contains("Soon Ltd"), "{edge}");
    let none = ok(dir.path(), &["quotes", "--expiring-within", "2"]);
    assert!(
        none.contains("No quotes open and lapsing within 2 day(s)."),
        "{none}"
    );
}
