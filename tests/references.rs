//! A customer's reference and the desk's internal note (issue 20): both kept with orders
//! and quotes, shown by `show`; the reference printed on documents, the internal note
//! never; a quote's pair carried into its order and its re-quote.

use std::fs;
use std::path::Path;

use crate::binary;
use binary::*;

const REFERENCE: &str = "PO-2026-0412";
const INTERNAL: &str = "CFO approved verbally; chase the signature";

/// Exports `what` `id` as `format` into a fresh folder and returns the document's text.
fn exported(dir: &Path, what: &str, id: &str, format: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let r = order_desk(dir)
        .current_dir(out.path())
        .args([what, "export", id, "--format", format])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let name = String::from_utf8(r.stdout).unwrap();
    fs::read_to_string(out.path().join(name.trim())).unwrap()
}

#[test]
fn an_order_prints_its_reference_and_never_its_internal_note() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "order",
            "new",
            "--customer",
            "Kyoto Robotics",
            "--country",
            "JP",
            "--item",
            "dev-basic",
            "--note",
            "Kick-off in January",
            "--reference",
            REFERENCE,
            "--internal-note",
            INTERNAL,
        ],
    );
    let id = id.trim();
    let shown = ok(dir.path(), &["order", "show", id]);
    assert!(
        shown.contains(&format!("Reference      {REFERENCE}")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("Internal note  {INTERNAL}")),
        "{shown}"
    );
    for format in ["md", "html"] {
        let doc = exported(dir.path(), "order", id, format);
        assert!(doc.contains(REFERENCE), "{format}: {doc}");
        assert!(doc.contains("Kick-off in January"), "{format}");
        assert!(
            !doc.contains("CFO"),
            "{format}: the internal note left the desk"
        );
    }
    // The file says it needs format 3; a file without the two reads as before.
    let file = fs::read_to_string(dir.path().join(format!("{id}.ron"))).unwrap();
    assert!(
        file.contains("format: 3,") && file.contains("internal_note"),
        "{file}"
    );
}

#[test]
fn a_quote_carries_both_into_its_order_and_its_requote() {
    let dir = tempfile::tempdir().unwrap();
    let q = ok(
        dir.path(),
        &[
            "quote",
            "new",
            "--customer",
            "Rio Foods",
            "--country",
            "BR",
            "--item",
            "dev-basic",
            "--reference",
            REFERENCE,
            "--internal-note",
            INTERNAL,
        ],
    );
    let q = q.trim();
    let doc = exported(dir.path(), "quote", q, "md");
    assert!(doc.contains(REFERENCE) && !doc.contains("CFO"), "{doc}");
    let requote = ok(dir.path(), &["quote", "requote", q]);
    let shown = ok(
        dir.path(),
        &["quote", "show", requote.split_whitespace().last().unwrap()],
    );
    assert!(
        shown.contains(REFERENCE) && shown.contains(INTERNAL),
        "{shown}"
    );
    let accepted = ok(dir.path(), &["quote", "accept", q]);
    let order = accepted
        .split_whitespace()
        .find(|w| w.len() > 15 && w.chars().next().unwrap().is_ascii_digit())
        .unwrap_or_else(|| panic!("no order id in {accepted}"));
    let shown = ok(dir.path(), &["order", "show", order]);
    assert!(
        shown.contains(REFERENCE) && shown.contains(INTERNAL),
        "{shown}"
    );
}

#[test]
fn a_reference_is_one_line_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    for (bad, why) in [
        ("PO\n12", "control characters"),
        (&"x".repeat(201)[..], "at most 200"),
    ] {
        let r = run(
            dir.path(),
            &[
                "order",
                "new",
                "--customer",
                "Acme",
                "--region",
                "oc1",
                "--item",
                "dev-basic",
                "--reference",
                bad,
            ],
        );
        assert_ne!(r.code, 0);
        assert!(
            r.stderr.contains("reference") && r.stderr.contains(why),
            "{}",
            r.stderr
        );
    }
    assert!(fs::read_dir(dir.path()).map_or(true, |d| {
        d.flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".ron"))
    }));
}
