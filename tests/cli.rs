//! The command line as a script or a rep uses it: the real binary on a temp folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{BUILTIN_CATALOG, Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Status, checkout};
use order_desk::store::{Store, read_order};

use crate::binary;
use binary::*;

/// A store whose cache and drafts go to the test's own folder under `target/tmp`,
/// never the home folder of whoever runs the tests.
fn test_store(dir: impl Into<std::path::PathBuf>) -> Store {
    Store::with_dirs(
        dir,
        order_desk::store::user_dirs::UserDirs::under(
            &std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("user"),
        ),
    )
}

fn order_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

/// Every file in the folder with its bytes, to prove a refused command changed nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        // The lock and its holder note change with every lock taken; orders must not.
        .filter(|p| !p.ends_with(".order-desk.lock") && !p.ends_with(".order-desk.holder"))
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn catalog_csv_has_the_header_and_exact_prices() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["catalog", "--format", "csv"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "sku,family,service,tier,unit,oc1_usd,oc2_usd");
    assert_eq!(lines.len(), 1 + 37);
    assert_eq!(
        lines[1],
        "dev-basic,AI Platform Scenario-specific Model Development Service,AI Platform Scenario-specific Model Development Service,Basic,Set,50000.00,70000.00"
    );
    assert!(lines.contains(&"support-flagship,AI Platform Technical Support Service,AI Platform Development Support Service,Flagship,Set,850000.00,1300000.00"));
    assert!(lines.contains(&"migrate-app,AI Cloud Service Migration and Adaptation Service,AI Cloud Service Application Migration Service,per Application,Application,310000.00,460000.00"));
    assert!(lines.contains(&"migrate-model,AI Cloud Service Migration and Adaptation Service,AI Cloud Service AI Model Migration Service,per Model,Model,120000.00,180000.00"));
    assert_eq!(lines[37].split(',').next(), Some("support-flagship"));
    // A real CSV reader sees 7 fields in every row.
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert!(reader.records().all(|r| r.unwrap().len() == 7));
    // Nothing was created in the orders folder by looking at the price list.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn catalog_table_shows_regions_date_and_both_prices() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["catalog"]);
    assert!(out.contains("price list updated 2025-07-08"), "{out}");
    assert!(out.contains("Outside China 1 - USD (Asia Pacific, Russia, and Latin America)"));
    assert!(out.contains("Outside China 2 - USD (Europe, Africa, Brazil, and Middle East)"));
    assert!(
        out.contains("\nAI Platform Technical Support Service\n"),
        "{out}"
    );
    assert!(
        out.contains("\n  AI Platform Development Support Service\n"),
        "{out}"
    );
    let flagship = out
        .lines()
        .find(|l| l.trim_start().starts_with("support-flagship "))
        .unwrap();
    assert!(
        flagship.ends_with("$850,000.00  $1,300,000.00"),
        "{flagship:?}"
    );
    assert!(flagship.contains("Flagship"));
    assert_eq!(ok(dir.path(), &["catalog", "--format", "table"]), out);
}

#[test]
fn an_order_lives_through_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "  Acme Robotics ",
            "--region",
            "oc2",
            "--item",
            "dev-basic=2",
            "--item",
            "support-flagship",
            "--note",
            "kick-off in December",
            "--valid-until",
            "2099-12-31",
        ],
    );
    // The id alone on stdout, and the file named after it.
    let id = id.strip_suffix('\n').unwrap().to_string();
    assert!(
        id.ends_with("-test") && !id.contains(char::is_whitespace),
        "{id}"
    );
    let path = d.join(format!("{id}.ron"));
    let order = read_order(&path).unwrap();
    assert_eq!(order.customer, "Acme Robotics");
    assert_eq!(order.rep, "dana");
    assert_eq!(order.region, Region::Oc2);
    assert_eq!(order.total, "1440000.00".parse().unwrap());
    assert_eq!(order.status, Status::Unused);

    let show = ok(d, &["order", "show", &id]);
    for expected in [
        id.as_str(),
        "Acme Robotics",
        "dana",
        "Outside China 2 - USD (Europe, Africa, Brazil, and Middle East)",
        "updated 2025-07-08",
        "2099-12-31",
        "kick-off in December",
        "$140,000.00",
        "$1,300,000.00",
        "$1,440,000.00",
        "Status       Unused",
        "placed as Unused  by dana",
        "What can happen next",
        "Refund          allowed, becomes Refunded",
    ] {
        assert!(show.contains(expected), "missing {expected:?} in\n{show}");
    }

    assert_eq!(
        ok(d, &["order", "start", &id]),
        format!("{id}: Unused -> In delivery\n")
    );
    let before = snapshot(d);
    let refused = run(d, &["order", "refund", &id, "--reason", "changed mind"]);
    assert_eq!(refused.code, 1);
    assert!(refused.stdout.is_empty());
    assert!(
        refused.stderr.contains(
            "Refund not allowed: delivery started 20" // the date is today's
        ) && refused
            .stderr
            .contains("refunds are only possible before usage"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("Nothing was changed"));
    assert!(snapshot(d) == before, "a refused command changed a file");
    let again = run(d, &["order", "start", &id]);
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("Start delivery not allowed: delivery already started")
    );
    assert!(snapshot(d) == before, "a refused command changed a file");

    let show = ok(d, &["order", "show", &id]);
    assert!(show.contains("Status       In delivery"), "{show}");
    assert!(show.contains("Unused -> In delivery  by dana"), "{show}");
    assert!(
        show.contains("Refund          not allowed: delivery started"),
        "{show}"
    );

    assert_eq!(
        ok(d, &["--rep", "sam", "order", "deliver", &id]),
        format!("{id}: In delivery -> Delivered\n")
    );
    let delivered = read_order(&path).unwrap();
    assert_eq!(delivered.status, Status::Delivered);
    assert_eq!(delivered.revision, 3);
    assert_eq!(delivered.history[2].by, "sam");
    assert_eq!(
        delivered.lines, order.lines,
        "lines never change after purchase"
    );
    let refused = run(d, &["order", "refund", &id]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("the service was delivered"),
        "{}",
        refused.stderr
    );

    let new_id = ok(d, &["order", "repurchase", &id]);
    let new_id = new_id.trim_end();
    assert_ne!(new_id, id);
    let again = read_order(&d.join(format!("{new_id}.ron"))).unwrap();
    assert_eq!(again.repurchase_of.as_deref(), Some(id.as_str()));
    assert_eq!(again.customer, "Acme Robotics");
    assert_eq!(again.status, Status::Unused);
    assert_eq!(again.region, Region::Oc2);
    assert_eq!(again.total, order.total);
    assert_eq!(again.valid_until, None);
    let show = ok(d, &["order", "show", new_id]);
    assert!(show.contains(&format!("Repurchase of  {id}")), "{show}");
    assert_eq!(order_files(d).len(), 2);
}

#[test]
fn unused_orders_can_be_refunded_or_delivered_directly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let new = |customer: &str| {
        ok(
            d,
            &[
                "order",
                "new",
                "--customer",
                customer,
                "--region",
                "oc1",
                "--item",
                "tuning-basic",
            ],
        )
        .trim_end()
        .to_string()
    };
    let a = new("Globex");
    assert_eq!(
        ok(
            d,
            &["order", "refund", &a, "--reason", "customer cancelled"]
        ),
        format!("{a}: Unused -> Refunded\n")
    );
    let refunded = read_order(&d.join(format!("{a}.ron"))).unwrap();
    assert_eq!(
        refunded.history[1].note.as_deref(),
        Some("customer cancelled")
    );
    for action in ["start", "deliver", "refund"] {
        let r = run(d, &["order", action, &a]);
        assert_eq!(r.code, 1, "{action}");
        assert!(r.stderr.contains("refunded"), "{}", r.stderr);
    }
    let b = new("Initech");
    assert_eq!(
        ok(d, &["order", "deliver", &b]),
        format!("{b}: Unused -> Delivered\n")
    );
}

/// Saves an order placed long ago with a valid-until date now past.
fn expired_order(dir: &Path) -> String {
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc1);
    cart.add(&catalog, "impl-basic", 3).unwrap();
    let form = CheckoutForm {
        customer: "Old, \"Quoted\" Corp".into(),
        rep: "lee".into(),
        note: String::new(),
        valid_until: Some(jiff::civil::date(2025, 2, 1)),
        ..Default::default()
    };
    let order = checkout(
        &cart,
        &catalog,
        &form,
        String::new(),
        "2025-01-10T09:00:00Z".parse().unwrap(),
    )
    .unwrap();
    test_store(dir).save_new(order, "old").unwrap().id
}

#[test]
fn orders_lists_newest_first_filters_by_todays_status_and_writes_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let old = expired_order(d);
    assert_eq!(old, "20250110-090000-old");
    let a = ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    let a = a.trim_end();
    let b = ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "Globex",
            "--region",
            "oc2",
            "--item",
            "migrate-app=2",
        ],
    );
    let b = b.trim_end();
    ok(d, &["order", "start", b]);

    let table = ok(d, &["orders"]);
    let rows: Vec<&str> = table.lines().collect();
    assert!(
        rows[0].starts_with("ID") && rows[0].contains("CUSTOMER") && rows[0].ends_with("STATUS")
    );
    assert!(
        rows[1].starts_with(b)
            && rows[1].contains("$920,000.00")
            && rows[1].ends_with("In delivery"),
        "{table}"
    );
    assert!(
        rows[2].starts_with(a) && rows[2].contains("OC1") && rows[2].ends_with("Unused"),
        "{table}"
    );
    assert!(
        rows[3].starts_with(&old) && rows[3].contains("2025-01-10") && rows[3].ends_with("Expired"),
        "{table}"
    );
    // The count and the exact sum of what is listed: $920,000 + $50,000 + 3 × impl-basic (oc1) $210,000 expired.
    assert_eq!(rows[4], "3 orders, $1,180,000.00 in all");

    let expired = ok(d, &["orders", "--status", "expired"]);
    assert_eq!(expired.lines().count(), 3, "{expired}");
    assert!(expired.contains(&old));
    let unused = ok(d, &["orders", "--status", "unused"]);
    assert!(unused.contains(a) && !unused.contains(&old) && !unused.contains(b));
    let none = ok(d, &["orders", "--status", "refunded"]);
    assert!(
        none.starts_with("No orders with status Refunded in "),
        "{none}"
    );

    let csv_out = ok(d, &["orders", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "id",
            "created_at",
            "customer",
            "rep",
            "region",
            "total",
            "status",
            "lines"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(&records[0][0], b);
    assert_eq!(&records[0][4], "oc2");
    assert_eq!(&records[0][5], "920000.00");
    assert_eq!(&records[0][6], "in-delivery");
    assert_eq!(&records[0][7], "migrate-app=2");
    assert_eq!(
        records[2].iter().collect::<Vec<_>>(),
        [
            old.as_str(),
            "2025-01-10T09:00:00Z",
            "Old, \"Quoted\" Corp",
            "lee",
            "oc1",
            "210000.00",
            "expired",
            "impl-basic=3"
        ]
    );
    assert!(
        csv_out.contains("\"Old, \"\"Quoted\"\" Corp\""),
        "{csv_out}"
    );
    let filtered = ok(d, &["orders", "--status", "in-delivery", "--format", "csv"]);
    assert_eq!(filtered.lines().count(), 2);

    // An expired order can only be repurchased.
    let before = snapshot(d);
    for action in ["start", "deliver", "refund"] {
        let r = run(d, &["order", action, &old]);
        assert_eq!(r.code, 1, "{action}");
        assert!(
            r.stderr.contains("expired after 2025-02-01"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("repurchase it instead"), "{}", r.stderr);
    }
    assert!(snapshot(d) == before, "a refused command changed a file");
    let show = ok(d, &["order", "show", &old]);
    assert!(
        show.contains("Expired (still unused after 2025-02-01)"),
        "{show}"
    );
    let fresh = ok(d, &["order", "repurchase", &old]);
    let fresh = read_order(&d.join(format!("{}.ron", fresh.trim_end()))).unwrap();
    assert_eq!(fresh.repurchase_of.as_deref(), Some(old.as_str()));
    assert_eq!(fresh.status, Status::Unused);
    assert_eq!(fresh.customer, "Old, \"Quoted\" Corp");
    assert_eq!(
        fresh.history[0].note.as_deref(),
        Some(&*format!("repurchase of {old}"))
    );
}

#[test]
fn an_empty_folder_lists_no_orders() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("not-yet");
    let r = run(&missing, &["orders"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("No orders in "));
    assert_eq!(
        ok(&missing, &["orders", "--format", "csv"]),
        "id,created_at,customer,rep,region,total,status,lines\n"
    );
    assert!(!missing.exists(), "listing must not create the folder");
}

#[test]
fn bad_usage_exits_2_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let new = ["order", "new", "--customer", "Acme"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "order",
                "new",
                "--customer",
                "Acme",
                "--region",
                "eu",
                "--item",
                "dev-basic",
            ],
            "unknown region 'eu'",
        ),
        (
            [&new[..], &["--region", "oc1", "--item", "distill-gold"]].concat(),
            "did you mean 'distill-standard'?",
        ),
        (
            [&new[..], &["--region", "oc1", "--item", "dev-basic=0"]].concat(),
            "from 1 to 999",
        ),
        (
            [&new[..], &["--region", "oc1", "--item", "dev-basic=1000"]].concat(),
            "from 1 to 999",
        ),
        (
            [
                &new[..],
                &[
                    "--region",
                    "oc1",
                    "--item",
                    "dev-basic=600",
                    "--item",
                    "dev-basic=400",
                ],
            ]
            .concat(),
            "out of range",
        ),
        (
            [
                &new[..],
                &[
                    "--region",
                    "oc1",
                    "--item",
                    "dev-basic",
                    "--valid-until",
                    "2026-02-30",
                ],
            ]
            .concat(),
            "use YYYY-MM-DD",
        ),
        (
            [
                &new[..],
                &[
                    "--region",
                    "oc1",
                    "--item",
                    "dev-basic",
                    "--valid-until",
                    "2001-01-01",
                ],
            ]
            .concat(),
            "is in the past",
        ),
        ([&new[..], &["--region", "oc1"]].concat(), "--item"),
        (
            vec![
                "order",
                "new",
                "--customer",
                " ",
                "--region",
                "oc1",
                "--item",
                "dev-basic",
            ],
            "customer is required",
        ),
        (vec!["orders", "--status", "gone"], "unknown status 'gone'"),
        (vec!["orders", "--format", "xml"], "invalid value 'xml'"),
        (vec!["catalog", "--format", "yaml"], "invalid value 'yaml'"),
        (vec!["order", "show"], "<ID>"),
        (vec!["order", "cancel", "x"], "unrecognized subcommand"),
        (vec!["frobnicate"], "unrecognized subcommand"),
        (vec!["order", "show", "../etc/passwd"], "no paths, no '..'"),
        (vec!["order", "start", "../x"], "no paths, no '..'"),
        (vec!["order", "refund", "a/b"], "no paths, no '..'"),
        (vec!["order", "repurchase", ".."], "no paths, no '..'"),
        (vec!["order", "deliver", ".hidden"], "no paths, no '..'"),
    ];
    for (args, expected) in cases {
        let r = run(d, &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
    let r = order_desk(d)
        .args([
            "--rep",
            "",
            "order",
            "new",
            "--customer",
            "A",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(order_files(d).is_empty());
}

#[test]
fn unknown_ids_exit_1_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["order", "show", "20260101-000000-none"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no order '20260101-000000-none'"));
    assert!(r.stderr.contains("order-desk orders"));
}

#[test]
fn a_bad_price_list_is_refused_with_its_position_and_touches_no_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    let id = id.trim_end();
    let before = snapshot(d);

    let elsewhere = tempfile::tempdir().unwrap();
    let bad = elsewhere.path().join("prices.txt");
    fs::write(&bad, BUILTIN_CATALOG.replacen("unit: Set", "unit: Box", 1)).unwrap();
    let line = BUILTIN_CATALOG
        .lines()
        .position(|l| l.contains("unit: Set"))
        .unwrap()
        + 1;
    for args in [
        vec!["catalog"],
        vec!["orders"],
        vec!["order", "start", id],
        vec![
            "order",
            "new",
            "--customer",
            "B",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    ] {
        let r = order_desk(d)
            .arg("--catalog")
            .arg(&bad)
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(r.stderr).unwrap();
        assert_eq!(r.status.code(), Some(1), "{args:?}");
        assert!(
            stderr.contains(&format!("{}:{line}:", bad.display())),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("no order was touched"), "{stderr}");
        assert!(r.stdout.is_empty());
    }
    fs::write(&bad, BUILTIN_CATALOG.replacen("\"50000.00\"", "\"-1\"", 1)).unwrap();
    let r = order_desk(d)
        .arg("--catalog")
        .arg(&bad)
        .arg("catalog")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(
        String::from_utf8(r.stderr)
            .unwrap()
            .contains("must be positive")
    );
    let r = order_desk(d)
        .args(["--catalog", "/no/such/prices.ron", "catalog"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(
        String::from_utf8(r.stderr)
            .unwrap()
            .contains("cannot read price list /no/such/prices.ron")
    );
    assert!(snapshot(d) == before, "a refused command changed a file");
}

#[test]
fn another_price_list_prices_new_orders_and_repurchases() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc1",
            "--item",
            "dev-basic=2",
        ],
    );
    let id = id.trim_end();
    let elsewhere = tempfile::tempdir().unwrap();
    let list = elsewhere.path().join("prices-2026.ron");
    fs::write(
        &list,
        BUILTIN_CATALOG.replacen("\"50000.00\"", "\"55000.00\"", 1),
    )
    .unwrap();
    let csv_out = ok(
        d,
        &[
            "--catalog",
            list.to_str().unwrap(),
            "catalog",
            "--format",
            "csv",
        ],
    );
    assert!(
        csv_out.contains(",Basic,Set,55000.00,70000.00\n"),
        "{csv_out}"
    );
    let new_id = ok(
        d,
        &[
            "--catalog",
            list.to_str().unwrap(),
            "order",
            "repurchase",
            id,
        ],
    );
    let again = read_order(&d.join(format!("{}.ron", new_id.trim_end()))).unwrap();
    assert_eq!(again.total, "110000.00".parse().unwrap(), "today's prices");
    let old = read_order(&d.join(format!("{id}.ron"))).unwrap();
    assert_eq!(
        old.total,
        "100000.00".parse().unwrap(),
        "the old order keeps its prices"
    );

    // A price list without the order's tier cannot repurchase it, and says why.
    let cut = BUILTIN_CATALOG.replacen("sku: \"dev-basic\"", "sku: \"dev-basic-2027\"", 1);
    fs::write(&list, cut).unwrap();
    let before = snapshot(d);
    let r = order_desk(d)
        .arg("--catalog")
        .arg(&list)
        .args(["order", "repurchase", id])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(
        String::from_utf8(r.stderr)
            .unwrap()
            .contains("does not sell dev-basic")
    );
    assert!(snapshot(d) == before, "a refused command changed a file");
}

#[test]
fn the_environment_supplies_folder_and_rep() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_order-desk"))
        .env(
            "ORDER_DESK_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/user/cache"),
        )
        .env(
            "ORDER_DESK_STATE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/user/state"),
        )
        .env(
            "ORDER_DESK_CONFIG_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/user/config"),
        )
        .env("ORDER_DESK_ORDERS", dir.path())
        .env("ORDER_DESK_REP", "from-env")
        .env("ORDER_DESK_DESK", "envd")
        .args([
            "order",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap();
    assert!(id.trim_end().ends_with("-envd"));
    let order = read_order(&dir.path().join(format!("{}.ron", id.trim_end()))).unwrap();
    assert_eq!(order.rep, "from-env");
}

#[test]
fn help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let help = ok(dir.path(), &["--help"]);
    for word in [
        "catalog",
        "order",
        "orders",
        "--orders-dir",
        "--rep",
        "ORDER_DESK_ORDERS",
    ] {
        assert!(help.contains(word), "{word}");
    }
    let help = ok(dir.path(), &["order", "--help"]);
    for word in ["new", "show", "start", "deliver", "refund", "repurchase"] {
        assert!(help.contains(word), "{word}");
    }
}
