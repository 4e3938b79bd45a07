//! Customers and regions from the command line: `region`, `customer add/show`,
//! `customers`, and `order new --country`. The real binary on a temp folder.

use std::fs;
use std::path::Path;

use crate::binary;
use binary::*;

#[test]
fn region_prints_the_answer_as_a_table_or_csv() {
    let dir = tempfile::tempdir().unwrap();
    let table = ok(dir.path(), &["region", "brazil"]);
    assert!(table.contains("Brazil (BR)"), "{table}");
    assert!(
        table.contains("Outside China 2 - USD (Europe, Africa, Brazil, and Middle East)"),
        "{table}"
    );
    assert!(table.contains("named in the price list"), "{table}");

    let csv = ok(dir.path(), &["region", "RU", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("code,country,region,basis"));
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("RU,Russian Federation,oc1,"),
        "{csv}"
    );
    let china = ok(dir.path(), &["region", "cn", "--format", "csv"]);
    assert!(
        china
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("CN,China,,not covered:"),
        "{china}"
    );
    let iran = ok(dir.path(), &["region", "IR", "--format", "csv"]);
    assert!(iran.contains(",oc2,convention:"), "{iran}");
}

#[test]
fn an_unknown_country_exits_2_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["region", "Brazill"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("did you mean Brazil (BR)"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    // Nothing was written for a question.
    assert!(fs::read_dir(dir.path()).map_or(true, |mut d| d.next().is_none()));
}

fn only_order(dir: &Path, id: &str) -> order_desk::domain::order::Order {
    order_desk::store::read_order(&dir.join(format!("{}.ron", id.trim()))).unwrap()
}

#[test]
fn customer_add_writes_one_file_and_refuses_a_second_of_the_same_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = ok(
        dir.path(),
        &[
            "customer",
            "add",
            "--name",
            "Acme Brasil Ltda",
            "--country",
            "brazil",
            "--email",
            "ana@acme.com.br",
            "--address",
            "Rua Augusta 1500\nSão Paulo",
        ],
    );
    assert!(
        path.trim().ends_with("customers/acme-brasil-ltda.ron"),
        "{path}"
    );
    let text = fs::read_to_string(path.trim()).unwrap();
    assert!(text.contains("country: \"BR\""), "{text}");

    let again = run(
        dir.path(),
        &[
            "customer",
            "add",
            "--name",
            " ACME brasil  ltda",
            "--country",
            "PT",
        ],
    );
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again.stderr.contains("already in the book"),
        "{}",
        again.stderr
    );
    assert_eq!(
        fs::read_dir(dir.path().join("customers")).unwrap().count(),
        1
    );

    let bad = run(
        dir.path(),
        &[
            "customer",
            "add",
            "--name",
            "Nowhere",
            "--country",
            "Atlantis",
        ],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("country: unknown country 'Atlantis'"),
        "{}",
        bad.stderr
    );
    let bad = run(
        dir.path(),
        &[
            "customer",
            "add",
            "--name",
            "X",
            "--country",
            "PT",
            "--email",
            "nope",
        ],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);

    let show = ok(dir.path(), &["customer", "show", "acme brasil ltda"]);
    for want in [
        "Brazil (BR)",
        "Outside China 2",
        "ana@acme.com.br",
        "  São Paulo",
        "No orders yet.",
    ] {
        assert!(show.contains(want), "{want} in {show}");
    }
    let missing = run(dir.path(), &["customer", "show", "acme"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("did you mean Acme Brasil Ltda?"),
        "{}",
        missing.stderr
    );
}

#[test]
fn customers_lists_the_book_and_names_seen_only_in_orders() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "customer",
            "add",
            "--name",
            "Oblast Robotics",
            "--country",
            "RU",
        ],
    );
    ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Walk-in",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "oblast robotics",
            "--item",
            "dev-basic",
        ],
    );
    let csv = ok(dir.path(), &["customers", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "name,country,region,basis,source,orders,email",
            "Oblast Robotics,RU,oc1,named in the price list,book,1,",
            "Walk-in,,,,orders,1,",
        ]
    );
    let table = ok(dir.path(), &["customers"]);
    assert!(
        table.contains("2 customers: 1 in the book, 1 seen only in orders"),
        "{table}"
    );
}

#[test]
fn a_damaged_customer_file_is_reported_with_its_position_and_the_rest_still_list() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &["customer", "add", "--name", "Good Co", "--country", "DE"],
    );
    fs::write(
        dir.path().join("customers/bad.ron"),
        "Customer(\n    name: \"Bad\",\n    country: 42,\n)\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("customers/forged.ron"),
        "Customer(\n    name: \"Forged\",\n    country: \"XX\",\n)\n",
    )
    .unwrap();
    let r = run(dir.path(), &["customers", "--format", "csv"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("Good Co,DE,oc2,"), "{}", r.stdout);
    assert!(r.stderr.contains("customers/bad.ron:3:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("customers/forged.ron:3:5: country:"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("Forged"));
    // Left untouched.
    assert!(
        fs::read_to_string(dir.path().join("customers/bad.ron"))
            .unwrap()
            .contains("42")
    );
}

#[cfg(unix)]
#[test]
fn a_customers_folder_that_is_a_link_is_refused_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("customers")).unwrap();
    let r = run(
        dir.path(),
        &["customer", "add", "--name", "Acme", "--country", "DE"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("customers"), "{}", r.stderr);
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn order_new_derives_the_region_from_the_country() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Acme",
            "--country",
            "Brazil",
            "--item",
            "dev-basic",
        ],
    );
    let order = only_order(dir.path(), &id);
    assert_eq!(order.region, order_desk::domain::catalog::Region::Oc2);
    assert_eq!(order.country.as_deref(), Some("BR"));
    assert_eq!(
        order.region_choice,
        Some(order_desk::domain::region::RegionChoice::Derived {
            basis: order_desk::domain::region::Basis::Named
        })
    );
    let show = ok(dir.path(), &["order", "show", id.trim()]);
    assert!(show.contains("Country        Brazil (BR)"), "{show}");
    assert!(
        show.contains("Region chosen  from the country (named in the price list"),
        "{show}"
    );

    // Russia: OC1; a region that agrees needs no reason.
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Oblast",
            "--country",
            "ru",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    assert_eq!(
        only_order(dir.path(), &id).region,
        order_desk::domain::catalog::Region::Oc1
    );
}

#[test]
fn a_known_customer_brings_its_country() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "customer",
            "add",
            "--name",
            "Acme Brasil",
            "--country",
            "BR",
        ],
    );
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "acme brasil",
            "--item",
            "dev-basic",
        ],
    );
    let order = only_order(dir.path(), &id);
    assert_eq!(
        (order.region, order.country.as_deref()),
        (order_desk::domain::catalog::Region::Oc2, Some("BR"))
    );
    // A country typed on the command line wins over the book's.
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "acme brasil",
            "--country",
            "AR",
            "--item",
            "dev-basic",
        ],
    );
    assert_eq!(
        only_order(dir.path(), &id).region,
        order_desk::domain::catalog::Region::Oc1
    );
}

#[test]
fn a_region_against_the_country_is_refused_without_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "order",
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
    assert!(r.stderr.contains("Brazil (BR) pays OC2"), "{}", r.stderr);
    assert!(r.stderr.contains("--region-reason"), "{}", r.stderr);
    assert!(
        fs::read_dir(dir.path()).map_or(true, |mut d| d.next().is_none()),
        "nothing saved"
    );

    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Acme",
            "--country",
            "BR",
            "--region",
            "oc1",
            "--region-reason",
            "signed by the Santiago office",
            "--item",
            "dev-basic",
        ],
    );
    let order = only_order(dir.path(), &id);
    assert_eq!(order.region, order_desk::domain::catalog::Region::Oc1);
    let show = ok(dir.path(), &["order", "show", id.trim()]);
    assert!(
        show.contains("chosen by the rep against the country's OC2: signed by the Santiago office"),
        "{show}"
    );
}

#[test]
fn a_country_the_list_does_not_cover_needs_a_region_and_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--country", "US"][..],
        &["--country", "china", "--region", "oc1"][..],
        &["--country", "CA", "--region-reason", "no region given"][..],
    ] {
        let mut all = vec![
            "order",
            "new",
            "--customer",
            "Northwind",
            "--item",
            "dev-basic",
        ];
        all.extend_from_slice(args);
        let r = run(dir.path(), &all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("names no region for"), "{}", r.stderr);
    }
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Northwind",
            "--country",
            "US",
            "--region",
            "oc2",
            "--region-reason",
            "billed via Dublin",
            "--item",
            "dev-basic",
        ],
    );
    let show = ok(dir.path(), &["order", "show", id.trim()]);
    assert!(show.contains("United States of America (US)"), "{show}");
    assert!(
        show.contains("the country is not covered): billed via Dublin"),
        "{show}"
    );
}

#[test]
fn without_a_country_region_works_as_before_and_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Walk-in",
            "--region",
            "oc2",
            "--item",
            "dev-basic",
        ],
    );
    let text = fs::read_to_string(dir.path().join(format!("{}.ron", id.trim()))).unwrap();
    // An order without a country is written exactly as before: no new fields.
    assert!(
        !text.contains("country") && !text.contains("region_choice"),
        "{text}"
    );
    let r = run(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Walk-in",
            "--item",
            "dev-basic",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("give --country COUNTRY"), "{}", r.stderr);
    let r = run(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Walk-in",
            "--country",
            "Narnia",
            "--item",
            "dev-basic",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown country 'Narnia'"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_forged_country_in_an_order_file_is_damage() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Acme",
            "--country",
            "DE",
            "--item",
            "dev-basic",
        ],
    );
    let path = dir.path().join(format!("{}.ron", id.trim()));
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("country: Some(\"DE\")", "country: Some(\"ZZ\")");
    fs::write(&path, text).unwrap();
    let r = run(dir.path(), &["order", "show", id.trim()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("'ZZ' is not an ISO 3166-1 alpha-2 code"),
        "{}",
        r.stderr
    );
}

#[test]
fn two_desks_adding_one_customer_at_once_make_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..4)
        .map(|i| {
            order_desk(dir.path())
                .args([
                    "customer",
                    "add",
                    "--name",
                    if i % 2 == 0 { "Acme Ltd" } else { "ACME  ltd" },
                    "--country",
                    "GB",
                ])
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
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
    assert_eq!(
        fs::read_dir(dir.path().join("customers")).unwrap().count(),
        1
    );
}

/// `customer edit` changes the book's customer in place; an order placed before keeps
/// its country, region and total; a new name that reads as another customer's is refused.
#[test]
fn customer_edit_changes_the_book_and_never_an_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &["customer", "add", "--name", "Rio Foods", "--country", "BR"],
    );
    ok(
        d,
        &["customer", "add", "--name", "Oslo AS", "--country", "NO"],
    );
    ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "Rio Foods",
            "--item",
            "dev-basic",
        ],
    );
    let order_file = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .unwrap();
    let before = fs::read(&order_file).unwrap();
    let said = ok(
        d,
        &[
            "customer",
            "edit",
            "rio foods",
            "--country",
            "Japan",
            "--email",
            "a@rio.example",
        ],
    );
    assert!(said.contains("customers/"), "{said}");
    let shown = ok(d, &["customer", "show", "Rio Foods"]);
    assert!(shown.contains("Japan (JP)"), "{shown}");
    assert!(shown.contains("a@rio.example"), "{shown}");
    assert_eq!(
        fs::read(&order_file).unwrap(),
        before,
        "the order is untouched"
    );
    assert!(
        shown.contains("$70,000.00"),
        "still priced in OC2:\n{shown}"
    );
    let clash = run(d, &["customer", "edit", "Rio Foods", "--name", "OSLO as"]);
    assert_eq!(clash.code, 1, "{}", clash.stderr);
    assert!(clash.stderr.contains("Oslo AS"), "{}", clash.stderr);
    let unknown = run(d, &["customer", "edit", "Nobody", "--country", "DE"]);
    assert!(
        unknown.stderr.contains("no customer 'Nobody'"),
        "{}",
        unknown.stderr
    );
    let bad = run(
        d,
        &["customer", "edit", "Rio Foods", "--country", "Atlantis"],
    );
    assert!(bad.stderr.contains("country"), "{}", bad.stderr);
    assert!(ok(d, &["customer", "show", "Rio Foods"]).contains("Japan (JP)"));
    // The listing sums each customer's orders as Reports do: a refund leaves booked and
    // takes the net to nothing.
    let id = order_file
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    ok(d, &["order", "refund", &id]);
    let listed = ok(d, &["customers"]);
    let rio = listed.lines().find(|l| l.starts_with("Rio Foods")).unwrap();
    assert!(rio.ends_with("$70,000.00  $0.00"), "{listed}");
    assert!(
        listed.lines().next().unwrap().ends_with("BOOKED    NET"),
        "{listed}"
    );
}
