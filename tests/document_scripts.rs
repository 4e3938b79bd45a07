//! Customer documents in every script (issue 21, first part): a PDF never prints a box
//! or a reversed name. What its fonts or its left-to-right layout cannot print right is
//! refused before anything is written, naming the character, its script and the field;
//! HTML, which a browser lays out, carries every script.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::binary;
use binary::*;

/// Exports quote `id` as `format` into `out`; the run and the files then in `out`.
fn export(dir: &Path, out: &Path, id: &str, format: &str) -> (Run, Vec<String>) {
    let r = order_desk(dir)
        .current_dir(out)
        .args(["quote", "export", id, "--format", format])
        .output()
        .unwrap();
    let run = Run {
        code: r.status.code().unwrap_or(-1),
        stdout: String::from_utf8(r.stdout).unwrap(),
        stderr: String::from_utf8(r.stderr).unwrap(),
    };
    let files = fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    (run, files)
}

fn quote(dir: &Path, customer: &str, note: Option<&str>) -> String {
    let mut args = vec![
        "quote",
        "new",
        "--customer",
        customer,
        "--region",
        "oc1",
        "--item",
        "dev-basic",
    ];
    if let Some(note) = note {
        args.extend(["--note", note]);
    }
    ok(dir, &args).trim().to_string()
}

#[test]
fn a_name_no_font_has_is_refused_naming_it_and_html_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ch, script) in [
        ("京都ロボティクス株式会社", "U+4EAC", "Han"),
        ("บริษัท กรุงเทพ จำกัด", "U+0E1A", "Thai"),
        ("भारत टेक्नोलॉजीज", "U+092D", "Devanagari"),
        ("서울 로보틱스", "U+C11C", "Hangul"),
    ] {
        let out = tempfile::tempdir().unwrap();
        let id = quote(dir.path(), name, None);
        let (r, files) = export(dir.path(), out.path(), &id, "pdf");
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(ch) && r.stderr.contains(script),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("the customer name"), "{}", r.stderr);
        assert!(r.stderr.contains("Export it as HTML"), "{}", r.stderr);
        assert!(files.is_empty(), "{name}: something was written: {files:?}");
        let (r, files) = export(dir.path(), out.path(), &id, "html");
        assert_eq!(r.code, 0, "{}", r.stderr);
        let html = fs::read_to_string(out.path().join(&files[0])).unwrap();
        assert!(html.contains(name), "{name} missing from the HTML");
    }
}

#[test]
fn right_to_left_text_is_refused_rather_than_printed_reversed() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let id = quote(dir.path(), "مرحبا Zürich", None);
    let (r, files) = export(dir.path(), out.path(), &id, "pdf");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("U+0645") && r.stderr.contains("Arabic"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("right-to-left"), "{}", r.stderr);
    assert!(files.is_empty());
    // Any field: a Hebrew word in the note.
    let id = quote(
        dir.path(),
        "Tel Aviv Robotics",
        Some("שלום Tel Aviv office"),
    );
    let (r, _) = export(dir.path(), out.path(), &id, "pdf");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Hebrew") && r.stderr.contains("the note"),
        "{}",
        r.stderr
    );
}

#[test]
fn latin_cyrillic_and_greek_still_print_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let name = "Щедрость Ωμέγα Zürich GmbH";
    let id = quote(dir.path(), name, None);
    let (r, files) = export(dir.path(), out.path(), &id, "pdf");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = Command::new("pdftotext")
        .arg(out.path().join(&files[0]))
        .arg("-")
        .output()
        .expect("pdftotext must be installed (apt-get install poppler-utils; .ci/run does it)");
    assert!(String::from_utf8_lossy(&text.stdout).contains(name));
}
