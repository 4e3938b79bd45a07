//! Quote revisions (issue 20, item 2) from the command line: `quote revise` keeps the
//! quote's number with a revision suffix, the earlier revision stays readable and is
//! marked superseded, only the newest can be accepted, exports print the revision, and
//! reports count the offer once.

use std::fs;

use crate::binary;
use binary::*;

#[test]
fn a_quote_revised_twice_and_accepted_keeps_each_revision_readable() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let q1 = ok(
        d,
        &[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--country",
            "JP",
            "--item",
            "dev-basic=2",
            "--item",
            "deploy-basic",
            "--reference",
            "PO-7",
        ],
    );
    let q1 = q1.trim().to_string();
    let q2 = ok(
        d,
        &[
            "quote",
            "revise",
            &q1,
            "--item",
            "dev-basic=5",
            "--remove",
            "deploy-basic",
        ],
    );
    let q2 = q2.trim().to_string();
    assert_eq!(q2, format!("{q1}-r2"));
    let q3 = ok(d, &["quote", "revise", &q2, "--item", "support-basic"]);
    let q3 = q3.trim().to_string();
    assert_eq!(q3, format!("{q1}-r3"));
    let file = |id: &str| fs::read_to_string(d.join("quotes").join(format!("{id}.ron"))).unwrap();
    // The newest: five of one tier, one of another, the reference kept.
    let newest = file(&q3);
    assert!(
        newest.contains("quantity: 5") && newest.contains("support-basic"),
        "{newest}"
    );
    assert!(!newest.contains("deploy-basic"), "{newest}");
    assert!(newest.contains("total: \"274000.00\""), "{newest}");
    assert!(
        newest.contains(&format!("revision_of: Some(\"{q2}\")")),
        "{newest}"
    );
    assert!(newest.contains("PO-7"));
    // The earlier ones are superseded, readable, and say by which.
    let first = file(&q1);
    assert!(first.contains(&format!("quote: \"{q2}\"")), "{first}");
    assert!(
        first.contains("total: \"115000.00\""),
        "its own lines and total: {first}"
    );
    let shown = ok(d, &["quote", "show", &q2]);
    assert!(
        shown.contains(&format!("Superseded: revised as {q3}")),
        "{shown}"
    );
    // Only the newest can be accepted or revised.
    for old in [&q1, &q2] {
        let r = run(d, &["quote", "accept", old]);
        assert_ne!(r.code, 0);
        assert!(
            r.stderr
                .contains("only the newest revision can be accepted"),
            "{}",
            r.stderr
        );
        let r = run(d, &["quote", "revise", old, "--item", "dev-basic=1"]);
        assert_ne!(r.code, 0, "{}", r.stdout);
    }
    assert!(!d.join("quotes").join(format!("{q1}-r4.ron")).exists());
    // Its export names the revision and what it replaces.
    let out = d.join("q3.md");
    ok(
        d,
        &[
            "quote",
            "export",
            &q3,
            "--format",
            "md",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let md = fs::read_to_string(&out).unwrap();
    assert!(
        md.contains(&q3) && md.contains(&format!("3 (replaces {q2})")),
        "{md}"
    );
    // The quotes report counts the offer once, at the newest revision's value.
    let report = ok(
        d,
        &[
            "report",
            "--measures",
            "quotes",
            "--by",
            "customer",
            "--format",
            "csv",
        ],
    );
    let acme = report.lines().find(|l| l.starts_with("Acme,")).unwrap();
    assert!(acme.starts_with("Acme,1,1,0,0,0,274000.00,"), "{report}");
    let quotes = ok(d, &["quotes", "--format", "csv"]);
    assert_eq!(
        quotes.lines().count(),
        4,
        "three revisions listed: {quotes}"
    );
    let accepted = ok(d, &["quote", "accept", &q3]);
    let order_id = accepted
        .split_whitespace()
        .find(|w| w.len() > 20 && !w.starts_with("Q-"))
        .unwrap_or(accepted.trim());
    let order =
        fs::read_to_string(d.join(format!("{}.ron", order_id.trim_end_matches('.')))).unwrap();
    assert!(order.contains("total: \"274000.00\""), "{order}");
    assert!(
        order.contains(&q3),
        "the order names the revision it accepted: {order}"
    );
}

#[test]
fn a_revision_saved_but_not_marked_still_stops_the_old_quote() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let q1 = ok(
        d,
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
    let q1 = q1.trim().to_string();
    let q2 = ok(d, &["quote", "revise", &q1, "--item", "dev-basic=3"]);
    // As if killed between saving the revision and marking the first superseded.
    let path = d.join("quotes").join(format!("{q1}.ron"));
    let text = fs::read_to_string(&path).unwrap();
    let start = text.find("status: Superseded(").unwrap();
    let end = start + text[start..].find("),\n").unwrap() + 3;
    let reopened = format!("{}status: Open,\n{}", &text[..start], &text[end..]);
    fs::write(&path, reopened).unwrap();
    let r = run(d, &["quote", "accept", &q1]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains(q2.trim()), "{}", r.stderr);
    let r = run(d, &["quote", "decline", &q1]);
    assert_ne!(r.code, 0, "{}", r.stderr);
}
