//! Selling from imported lists (issue 19): `--list ID` on `order new`, `quote new` and
//! `region`; each order keeps its list's version, prices, units, regions and rules; the
//! refund guard reads the order's list; a list's validity sets valid-until; documents
//! print the list's terms; a newer version changes new orders only.

use std::fs;
use std::path::Path;

use crate::binary;
use binary::*;

fn page(name: &str) -> String {
    format!(
        "{}/tests/fixtures/pricelists/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn import(dir: &Path, name: &str, id: &str) {
    ok(dir, &["pricelist", "import", &page(name), "--as", id]);
}

/// The order's Markdown confirmation, written beside the orders folder.
fn markdown(dir: &Path, id: &str) -> String {
    let out = dir.join(format!("{id}.md.txt"));
    let _ = fs::remove_file(&out);
    ok(
        dir,
        &[
            "order",
            "export",
            id,
            "--format",
            "md",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    fs::read_to_string(out).unwrap()
}

fn order_file(dir: &Path, id: &str) -> String {
    fs::read_to_string(dir.join(format!("{id}.ron"))).unwrap()
}

#[test]
fn a_lists_coverage_words_decide_the_region_and_one_price_for_all_never_asks() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "shape-region-in-name.txt", "transfer");
    import(dir.path(), "sample-one-price.txt", "workshop");
    // The region and the basis's first words, from the CSV row.
    let region = |country: &str, list: &str| {
        let csv = ok(
            dir.path(),
            &["region", country, "--list", list, "--format", "csv"],
        );
        let row = csv.lines().nth(1).unwrap().replace('"', "");
        let cells: Vec<&str> = row.splitn(4, ',').collect();
        format!("{},{}", cells[2], cells[3])
    };
    // Brazil is named in the second region's words and excluded from the first's.
    assert!(
        region("BR", "transfer").starts_with("r2,named in the price list"),
        "{}",
        region("BR", "transfer")
    );
    assert!(region("JP", "transfer").starts_with("r1,the price list's words"));
    assert!(region("DE", "transfer").starts_with("r2,"));
    // Russia is named in R1 though M49 puts it in Europe (R2's words).
    assert!(
        region("RU", "transfer").starts_with("r1,named"),
        "{}",
        region("RU", "transfer")
    );
    // Not named by any region: the rep must pick one.
    assert!(
        region("US", "transfer").starts_with(",not covered"),
        "{}",
        region("US", "transfer")
    );
    assert!(region("US", "workshop").starts_with("all,"));
    // The built-in list's reviewed rules still answer without --list.
    assert!(ok(dir.path(), &["region", "BR", "--format", "csv"]).contains(",oc2,"));

    // One price for all: no country, no region, no question.
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--list",
            "workshop",
            "--customer",
            "Kiwi Ltd",
            "--item",
            "two-day-workshop=2",
        ],
    );
    let file = order_file(dir.path(), id.trim());
    assert!(file.contains("region: all,"), "{file}");
    assert!(file.contains("total: \"23800\""), "{file}");
    assert!(file.contains("unit: Other(\"Workshop\")"), "{file}");
}

#[test]
fn an_order_keeps_its_list_its_rules_and_its_prices_when_the_list_changes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(d, "shape-region-in-name.txt", "transfer");
    import(d, "shape-l4-note.txt", "edge");
    let id = ok(
        d,
        &[
            "order",
            "new",
            "--list",
            "transfer",
            "--customer",
            "Rio Foods",
            "--country",
            "BR",
            "--item",
            "example-bulk-transfer=3",
        ],
    );
    let id = id.trim();
    let file = order_file(d, id);
    assert!(file.starts_with("Order(\n    format: 4,"), "{file}");
    assert!(file.contains("region: r2,"), "{file}");
    assert!(file.contains("unit_price: \"26.50\""), "{file}");
    assert!(file.contains("total: \"79.50\""), "{file}");
    assert!(file.contains("id: \"transfer\""), "{file}");
    assert!(file.contains("refund: never"), "{file}");
    // The page forbids unsubscription: no refund even while unused, in its own words.
    let r = run(d, &["order", "refund", id]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("You cannot change or unsubscribe from an item after purchase."),
        "{}",
        r.stderr
    );
    assert_eq!(order_file(d, id), file, "a refused refund changes nothing");
    // The order's documents print its list's terms, not the built-in list's.
    let md = markdown(d, id);
    assert!(md.contains("You cannot change or unsubscribe"), "{md}");
    assert!(!md.contains("AI Platform"), "{md}");
    assert!(md.contains("Per TB"), "{md}");
    // How the region was chosen, in the list's words, not the built-in list's.
    assert!(
        md.contains("R2 covers \"Europe, Africa, Brazil, the Middle East\""),
        "{md}"
    );
    assert!(!md.contains("OC2"), "{md}");
    // `order show` names the list and its version.
    let show = ok(d, &["order", "show", id]);
    assert!(show.contains("transfer of 2026-02-01"), "{show}");

    // A newer page of the same list with a new price: new orders take it, the old one
    // keeps the price it was made at.
    let newer = fs::read_to_string(page("shape-region-in-name.txt"))
        .unwrap()
        .replace("Updated on 2026-02-01", "Updated on 2026-06-01")
        .replace("26.50", "28.00");
    let newer_page = d.join("newer.txt");
    fs::write(&newer_page, newer).unwrap();
    ok(
        d,
        &[
            "pricelist",
            "import",
            newer_page.to_str().unwrap(),
            "--as",
            "transfer",
        ],
    );
    let second = ok(
        d,
        &[
            "order",
            "new",
            "--list",
            "transfer",
            "--customer",
            "Rio Foods",
            "--country",
            "BR",
            "--item",
            "example-bulk-transfer=3",
        ],
    );
    assert!(order_file(d, second.trim()).contains("total: \"84.00\""));
    assert_eq!(order_file(d, id), file, "the first order is untouched");
    // The list's newest version marks what changed since the one before.
    let shown = ok(d, &["pricelist", "show", "transfer"]);
    assert!(
        shown.contains("changed since the version of 2026-02-01: 1 tier(s)"),
        "{shown}"
    );
    let bulk = shown
        .lines()
        .find(|l| l.starts_with("Example Bulk Transfer"))
        .unwrap();
    assert!(bulk.ends_with("was R1 $21.00, R2 $26.50"), "{shown}");
    let audit = shown
        .lines()
        .find(|l| l.starts_with("Example Transfer Audit"))
        .unwrap();
    assert!(
        audit.ends_with("$3,120.00"),
        "unchanged, nothing said: {shown}"
    );
    assert!(ok(d, &["order", "show", id]).contains("transfer of 2026-02-01"));
    assert!(markdown(d, id).contains("$79.50"));

    // A list that allows refunds before use and gives a validity of one year.
    let edge = ok(
        d,
        &[
            "order",
            "new",
            "--list",
            "edge",
            "--customer",
            "Kiwi Ltd",
            "--country",
            "NZ",
            "--item",
            "example-site-survey-small-site",
        ],
    );
    let edge = edge.trim();
    let file = order_file(d, edge);
    assert!(file.contains("region: oc1,"), "{file}");
    let placed: jiff::civil::Date = edge[..8].parse::<jiff::civil::Date>().unwrap_or_else(|_| {
        format!("{}-{}-{}", &edge[..4], &edge[4..6], &edge[6..8])
            .parse()
            .unwrap()
    });
    let year = placed.checked_add(jiff::Span::new().years(1)).unwrap();
    assert!(
        file.contains(&format!("valid_until: Some(\"{year}\")")),
        "{file}"
    );
    ok(d, &["order", "refund", edge]);

    // Reports group by list: the built-in list's orders under ai-platform.
    ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "Kiwi Ltd",
            "--country",
            "NZ",
            "--item",
            "dev-basic",
        ],
    );
    let report = ok(d, &["report", "--by", "list", "--format", "csv"]);
    let rows: Vec<&str> = report
        .lines()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        rows,
        ["group", "ai-platform", "edge", "transfer", "total"],
        "{report}"
    );
    let transfer = report.lines().find(|l| l.starts_with("transfer,")).unwrap();
    assert!(transfer.starts_with("transfer,2,6,163.50,"), "{report}");
}

#[test]
fn a_quote_of_a_list_is_accepted_into_an_order_of_that_list() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(d, "shape-region-in-name.txt", "transfer");
    let q = ok(
        d,
        &[
            "quote",
            "new",
            "--list",
            "transfer",
            "--customer",
            "Oslo AS",
            "--country",
            "NO",
            "--item",
            "example-transfer-audit=2",
        ],
    );
    let q = q.trim();
    let quote = fs::read_to_string(d.join("quotes").join(format!("{q}.ron"))).unwrap();
    assert!(quote.contains("total: \"6240.00\""), "{quote}");
    let id = ok(d, &["quote", "accept", q]);
    let id = id
        .split_whitespace()
        .find(|w| w.len() > 15)
        .unwrap_or(id.trim());
    let file = order_file(d, id.trim_end_matches('.'));
    assert!(file.contains("id: \"transfer\""), "{file}");
    assert!(file.contains("total: \"6240.00\""), "{file}");
    // Unknown lists and ids that are not ids are refused with what to do.
    let r = run(
        d,
        &[
            "order",
            "new",
            "--list",
            "nope",
            "--customer",
            "X",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    assert!(r.stderr.contains("pricelist import"), "{}", r.stderr);
    let r = run(
        d,
        &[
            "order",
            "new",
            "--list",
            "../x",
            "--customer",
            "X",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ],
    );
    assert!(r.stderr.contains("not a price list id"), "{}", r.stderr);
    // A region the list does not price in.
    let r = run(
        d,
        &[
            "order",
            "new",
            "--list",
            "transfer",
            "--customer",
            "X",
            "--region",
            "oc1",
            "--item",
            "example-transfer-audit",
        ],
    );
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("r1|r2"), "{}", r.stderr);
}
