//! Customer documents in every script (issue 21): a PDF never prints a box or a reversed
//! name. Chinese, Japanese, Korean, Thai and Devanagari names print in the system's fonts
//! (`.ci/run` installs fonts-noto-cjk and fonts-noto-core) and `pdftotext` reads them
//! back; Arabic and Hebrew are laid out by the bidirectional algorithm, so a mixed line
//! keeps its order; a character no font has is refused before anything is written,
//! naming the character, its script, the field and the fonts folder.

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

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (apt-get install poppler-utils; .ci/run does it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn names_in_cjk_thai_and_devanagari_print_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "京都ロボティクス株式会社",
        "上海智能科技有限公司",
        "서울 로보틱스",
        "บริษัท กรุงเทพ จำกัด",
        "भारत टेक्नोलॉजीज",
        "Щедрость Ωμέγα Zürich GmbH",
    ] {
        let out = tempfile::tempdir().unwrap();
        let id = quote(dir.path(), name, None);
        let (r, files) = export(dir.path(), out.path(), &id, "pdf");
        assert_eq!(
            r.code, 0,
            "{name}: {} (the PDF needs fonts-noto-cjk and fonts-noto-core, which .ci/run installs)",
            r.stderr
        );
        let text = pdf_text(&out.path().join(&files[0]));
        assert!(text.contains(name), "{name} not read back:\n{text}");
    }
}

#[test]
fn a_40_character_cjk_name_wraps_and_keeps_every_character() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let name = "東京都千代田区丸の内一丁目人工知能研究開発株式会社国際事業本部第二営業部門";
    assert_eq!(name.chars().count(), 37);
    let name = format!("{name}御中様");
    let id = quote(dir.path(), &name, None);
    let (r, files) = export(dir.path(), out.path(), &id, "pdf");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text: String = pdf_text(&out.path().join(&files[0]))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(&name), "{name} not whole:\n{text}");
}

#[test]
fn a_character_no_font_has_is_refused_naming_it_and_html_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    // U+0378 is unassigned: no font draws it.
    let name = "Acme \u{0378} Ltd";
    let id = quote(dir.path(), name, None);
    let (r, files) = export(dir.path(), out.path(), &id, "pdf");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("U+0378"), "{}", r.stderr);
    assert!(r.stderr.contains("the customer name"), "{}", r.stderr);
    assert!(
        r.stderr.contains("export as HTML") && r.stderr.contains("fonts"),
        "{}",
        r.stderr
    );
    assert!(files.is_empty(), "something was written: {files:?}");
    let (r, files) = export(dir.path(), out.path(), &id, "html");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = fs::read_to_string(out.path().join(&files[0])).unwrap();
    assert!(html.contains(name));
}

#[test]
fn right_to_left_text_prints_in_its_order_and_latin_beside_it_left_to_right() {
    let dir = tempfile::tempdir().unwrap();
    for (name, note, words) in [
        ("مرحبا Zürich", None, vec!["مرحبا", "Zürich"]),
        (
            "Tel Aviv Robotics",
            Some("שלום Tel Aviv office"),
            vec!["שלום", "Tel Aviv office"],
        ),
    ] {
        let out = tempfile::tempdir().unwrap();
        let id = quote(dir.path(), name, note);
        let (r, files) = export(dir.path(), out.path(), &id, "pdf");
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let text = pdf_text(&out.path().join(&files[0]));
        // Each word in its logical order: the Arabic and Hebrew letters as typed, the
        // Latin beside them never reversed (issue 21: "hcirüZ").
        for word in words {
            assert!(text.contains(word), "{word} not read back:\n{text}");
        }
        assert!(
            !text.contains("hcirüZ") && !text.contains("vivA leT"),
            "{text}"
        );
    }
}
