//! `order-desk pricelist` (issue 19, first part): a billing page's copied text imported
//! as a version of a list in `pricelists/ID/` under the orders folder, listed and shown;
//! what cannot be read is refused with nothing stored.

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

fn stored(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(lists) = fs::read_dir(dir.join("pricelists")) {
        for list in lists.flatten() {
            for v in fs::read_dir(list.path()).unwrap().flatten() {
                out.push(format!(
                    "{}/{}",
                    list.file_name().to_string_lossy(),
                    v.file_name().to_string_lossy()
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_page_is_imported_once_listed_and_shown_with_its_exact_prices() {
    let dir = tempfile::tempdir().unwrap();
    let said = ok(
        dir.path(),
        &["pricelist", "import", &page("sample-two-regions.txt")],
    );
    assert!(
        said.contains("3 tier(s), 2 region(s), refund before-usage, validity none"),
        "{said}"
    );
    assert_eq!(
        stored(dir.path()),
        ["example-data-governance-consulting-service/2026-01-20.ron"]
    );
    let again = ok(
        dir.path(),
        &["pricelist", "import", &page("sample-two-regions.txt")],
    );
    assert!(again.contains("already stored"), "{again}");
    // The same page saved as HTML is the same version.
    let html = ok(
        dir.path(),
        &["pricelist", "import", &page("sample-two-regions.html")],
    );
    assert!(html.contains("already stored"), "{html}");
    ok(
        dir.path(),
        &[
            "pricelist",
            "import",
            &page("seed-billing.txt"),
            "--as",
            "ai-platform",
        ],
    );
    let list = ok(dir.path(), &["pricelist", "list"]);
    assert!(
        list.contains("ai-platform") && list.contains("2025-07-08") && list.contains("37"),
        "{list}"
    );
    let shown = ok(
        dir.path(),
        &[
            "pricelist",
            "show",
            "example-data-governance-consulting-service",
        ],
    );
    assert!(
        shown.contains("$31,250.50") && shown.contains("$44,000.00"),
        "{shown}"
    );
    assert!(shown.contains("Data domain"), "{shown}");
    let json = ok(
        dir.path(),
        &["pricelist", "show", "ai-platform", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["tiers"].as_array().unwrap().len(), 37);
    assert_eq!(v["refund"]["value"], "before-usage");
}

#[test]
fn what_cannot_be_read_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let fifo = run(dir.path(), &["pricelist", "import", "/dev/null"]);
    assert_eq!(fifo.code, 1);
    assert!(
        fifo.stderr.contains("not a regular file"),
        "{}",
        fifo.stderr
    );
    let big = work.path().join("big.txt");
    fs::write(&big, "x".repeat(5 * 1024 * 1024)).unwrap();
    let r = run(dir.path(), &["pricelist", "import", big.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("larger than 4 MiB"), "{}", r.stderr);
    let binary = work.path().join("page.bin");
    fs::write(&binary, b"Updated on 2026-01-01\0\xff\xfe").unwrap();
    let r = run(
        dir.path(),
        &["pricelist", "import", binary.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not text"), "{}", r.stderr);
    // A refund sentence it cannot classify: refused naming --refund; the flag settles it.
    let vague = work.path().join("vague.txt");
    fs::write(
        &vague,
        fs::read_to_string(page("sample-two-regions.txt")).unwrap().replace(
            "Refund and unsubscription are possible before the service is used, not during or after delivery.",
            "Refund and unsubscription follow the agreement.",
        ),
    )
    .unwrap();
    let r = run(
        dir.path(),
        &["pricelist", "import", vague.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--refund"), "{}", r.stderr);
    assert_eq!(
        stored(dir.path()),
        Vec::<String>::new(),
        "a refusal stores nothing"
    );
    ok(
        dir.path(),
        &[
            "pricelist",
            "import",
            vague.to_str().unwrap(),
            "--refund",
            "never",
        ],
    );
    // An older page of the same list after a newer one is refused.
    let older = work.path().join("older.txt");
    fs::write(
        &older,
        fs::read_to_string(page("sample-two-regions.txt"))
            .unwrap()
            .replace("Updated on 2026-01-20", "Updated on 2025-12-01"),
    )
    .unwrap();
    let r = run(
        dir.path(),
        &["pricelist", "import", older.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("newer version"), "{}", r.stderr);
    assert_eq!(stored(dir.path()).len(), 1);
}

#[test]
fn the_seed_page_diffs_as_no_change_against_the_built_in_list_and_a_change_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let same = ok(
        dir.path(),
        &[
            "pricelist",
            "diff",
            "ai-platform",
            &page("seed-billing.txt"),
        ],
    );
    assert!(same.starts_with("No change"), "{same}");
    // A newer page: one price up, one tier gone.
    let newer = fs::read_to_string(page("seed-billing.txt"))
        .unwrap()
        .replace("Updated on 2025-07-08", "Updated on 2026-02-01")
        .replacen("$50,000.00 USD", "$55,000.00 USD", 1);
    let newer_path = work.path().join("newer.txt");
    fs::write(&newer_path, newer).unwrap();
    let json = ok(
        dir.path(),
        &[
            "pricelist",
            "diff",
            "ai-platform",
            newer_path.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["added"].as_array().unwrap().len(), 0);
    assert_eq!(v["removed"].as_array().unwrap().len(), 0);
    let changed = v["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{json}");
    assert_eq!(
        changed[0]["name"],
        "AI Platform Scenario-specific Model Development Service - Basic"
    );
    assert_eq!(changed[0]["old"]["prices"]["oc1"], "50000.00");
    assert_eq!(changed[0]["new"]["prices"]["oc1"], "55000.00");
    assert_eq!(changed[0]["new"]["unit"], "Set");
    // Stored lists by id: the two versions of a list diff the same way.
    ok(
        dir.path(),
        &[
            "pricelist",
            "import",
            &page("seed-billing.txt"),
            "--as",
            "ai",
        ],
    );
    let table = ok(
        dir.path(),
        &["pricelist", "diff", "ai", newer_path.to_str().unwrap()],
    );
    assert!(
        table.contains("$50,000.00") && table.contains("$55,000.00"),
        "{table}"
    );
    let unknown = run(dir.path(), &["pricelist", "diff", "nope", "ai"]);
    assert_eq!(unknown.code, 2);
}

#[test]
fn catalog_shows_an_imported_list_and_json_has_the_catalog_shape() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &["pricelist", "import", &page("sample-regional-tables.txt")],
    );
    let table = ok(
        dir.path(),
        &["catalog", "--list", "example-backup-migration-service"],
    );
    assert!(
        table.contains("$14.50") && table.contains("Per TB"),
        "{table}"
    );
    let json = ok(
        dir.path(),
        &[
            "catalog",
            "--list",
            "example-backup-migration-service",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["updated"], "2025-09-09");
    assert_eq!(v["rules"]["refund"], "before-usage");
    assert_eq!(v["rules"]["validity"], "P1Y");
    assert_eq!(
        v["regions"][0]["coverage"],
        "Asia Pacific and Latin America (excluding Brazil)"
    );
    assert_eq!(v["tiers"][1]["prices"]["r2"], "19.75");
    // The built-in list in the same shape, with the SKUs orders are written with.
    let builtin: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["catalog", "--format", "json"])).unwrap();
    assert_eq!(builtin["id"], "ai-platform");
    assert_eq!(builtin["tiers"].as_array().unwrap().len(), 37);
    assert_eq!(builtin["tiers"][0]["sku"], "dev-basic");
    assert_eq!(builtin["tiers"][0]["prices"]["oc2"], "70000.00");
}
