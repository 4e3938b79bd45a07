//! Mixed versions in one team: a desk reads every older format unchanged, and reports a
//! file from a newer Order Desk as such (never as damage) without rewriting it. The real
//! binary.

use std::fs;

use crate::binary;
use binary::*;

fn new_order(dir: &std::path::Path) -> String {
    ok(
        dir,
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
    )
    .trim()
    .to_string()
}

#[test]
fn files_without_a_format_are_the_old_format_and_read_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let id = new_order(dir.path());
    let path = dir.path().join(format!("{id}.ron"));
    let written = fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("Order(\n    format: 3,\n"),
        "every file this desk writes names its format:\n{written}"
    );
    // The same order as a desk from before format versions wrote it.
    let old = written.replacen("    format: 3,\n", "", 1);
    fs::write(&path, &old).unwrap();
    let listed = ok(dir.path(), &["orders"]);
    assert!(listed.contains(&id), "{listed}");
    assert!(ok(dir.path(), &["order", "show", &id]).contains("Unused"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        old,
        "reading rewrites nothing"
    );
    ok(dir.path(), &["order", "start", &id]);
    let rewritten = fs::read_to_string(&path).unwrap();
    assert!(rewritten.contains("format: 3,"), "{rewritten}");
    assert!(rewritten.contains("to: InDelivery"), "{rewritten}");
}

#[test]
fn a_file_from_a_newer_desk_is_reported_apart_from_damage_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let good = new_order(dir.path());
    let id = new_order(dir.path());
    let path = dir.path().join(format!("{id}.ron"));
    // Format 3 as a later desk might write it: a field this desk does not know.
    let newer = fs::read_to_string(&path).unwrap().replacen(
        "format: 3,",
        "format: 5,\n    loyalty_tier: Gold(since: 2026),",
        1,
    );
    fs::write(&path, &newer).unwrap();
    let bad = dir.path().join("20261101-000000-broken.ron");
    fs::write(&bad, "Order(id: ").unwrap();

    let r = run(dir.path(), &["orders"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains(&good), "{}", r.stdout);
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains(&id))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(
        line.contains("written by a newer Order Desk (format 5): upgrade to read it"),
        "{line}"
    );
    assert!(!line.contains("fix it by hand"), "not damage: {line}");
    assert!(
        r.stderr
            .contains("1 file(s) were written by a newer Order Desk (not damaged)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("1 file(s) in"),
        "the damaged count counts only the damaged file: {}",
        r.stderr
    );

    // Without the damaged file, only the newer one is named, not as damage.
    fs::remove_file(&bad).unwrap();
    let r = run(dir.path(), &["orders"]);
    assert_eq!(r.code, 1);
    assert!(!r.stderr.contains("damaged"), "{}", r.stderr);
    assert!(
        r.stderr.contains("upgrade Order Desk to read them"),
        "{}",
        r.stderr
    );

    let r = run(dir.path(), &["order", "start", &id]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("newer Order Desk (format 5)"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), newer, "byte-identical");

    // A newer quote is named the same way.
    let q = ok(
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
    let qpath = dir.path().join(format!("quotes/{}.ron", q.trim()));
    let text = fs::read_to_string(&qpath)
        .unwrap()
        .replacen("format: 3,", "format: 7,", 1);
    fs::write(&qpath, &text).unwrap();
    let r = run(dir.path(), &["quotes"]);
    assert!(
        r.stderr
            .contains("written by a newer Order Desk (format 7)"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(&qpath).unwrap(), text);
}
