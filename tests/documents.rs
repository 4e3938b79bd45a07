//! Quote and order documents from the command line: each format, what they say (amounts
//! whole with `$`, country, region, generated terms), hostile and non-Latin names, several
//! PDF pages, the seller profile, own templates, and the refusals that keep files safe.
//! The real binary; PDF text is read back with `pdftotext` (poppler-utils, which
//! `.ci/run` installs).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::binary;
use binary::*;

/// An orders folder, a config folder and a folder to export into, all temporary.
struct Desk {
    _root: tempfile::TempDir,
    orders: PathBuf,
    config: PathBuf,
    out: PathBuf,
}

impl Desk {
    fn new() -> Desk {
        let root = tempfile::tempdir().unwrap();
        let orders = root.path().join("orders");
        let config = root.path().join("config");
        let out = root.path().join("out");
        fs::create_dir_all(&out).unwrap();
        Desk {
            orders,
            config,
            out,
            _root: root,
        }
    }

    /// Runs the binary in the export folder with this desk's own config folder.
    fn run(&self, args: &[&str]) -> Run {
        let out = order_desk(&self.orders)
            .env("ORDER_DESK_CONFIG_DIR", &self.config)
            .current_dir(&self.out)
            .args(args)
            .output()
            .expect("the binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout.trim().to_string()
    }

    fn quote(&self, customer: &str, items: &[&str]) -> String {
        let mut args = vec!["quote", "new", "--customer", customer, "--country", "BR"];
        for item in items {
            args.extend(["--item", item]);
        }
        self.ok(&args)
    }

    fn export(&self, what: &str, id: &str, format: &str) -> PathBuf {
        let printed = self.ok(&[what, "export", id, "--format", format]);
        self.out.join(printed)
    }
}

/// The text of a PDF as `pdftotext` reads it (in layout mode, so a table row is a line).
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (apt-get install poppler-utils; .ci/run does it)");
    assert!(out.status.success(), "pdftotext failed on {path:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn pdf_pages(path: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo");
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports the pages")
}

const RULES: [&str; 3] = [
    "Refund and unsubscription are possible only while the service is unused, not once it is in delivery or delivered.",
    "The service is one-off and cannot be renewed. If needed, repurchase it.",
    "After the service expires, they need to repurchase it.",
];

#[test]
fn a_quote_says_the_same_in_markdown_html_and_pdf() {
    let desk = Desk::new();
    // The largest line: 999 of the dearest OC2 tier.
    let id = desk.quote("Acme Brasil", &["incremental-platinum=999", "dev-basic=2"]);
    let md = fs::read_to_string(desk.export("quote", &id, "md")).unwrap();
    let html = fs::read_to_string(desk.export("quote", &id, "html")).unwrap();
    let pdf_path = desk.export("quote", &id, "pdf");
    assert!(
        pdf_path.ends_with(format!("quote-{id}.pdf")),
        "{pdf_path:?}"
    );
    let pdf = pdf_text(&pdf_path);
    for (format, text) in [("md", &md), ("html", &html), ("pdf", &pdf)] {
        for want in [
            id.as_str(),
            "Acme Brasil",
            "Brazil (BR)",
            "OC2",
            "Europe, Africa, Brazil, and Middle East",
            "$1,100,000.00",
            "$1,098,900,000.00",
            "$140,000.00",
            "$1,099,040,000.00",
            "Valid until",
            "One-off payment based on the number of sets purchased",
        ] {
            assert!(text.contains(want), "{format} lacks {want:?}:\n{text}");
        }
        // The PDF wraps long sentences: compare its words, not its line breaks.
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for rule in RULES {
            assert!(words.contains(rule), "{format} lacks the rule {rule:?}");
        }
    }
    assert!(html.contains("@page"), "print rules");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    assert!(md.contains("| 1 | Incremental Model Training Service | Platinum | Set | 999 | $1,100,000.00 | $1,098,900,000.00 |"), "{md}");
}

#[test]
fn an_order_confirmation_carries_its_status_history() {
    let desk = Desk::new();
    let id = desk.ok(&[
        "order",
        "new",
        "--customer",
        "Globex",
        "--country",
        "JP",
        "--item",
        "tuning-basic",
    ]);
    desk.ok(&["order", "start", &id]);
    for format in ["md", "html", "pdf"] {
        let path = desk.export("order", &id, format);
        assert!(path.ends_with(format!("order-{id}.{format}")));
        let text = match format {
            "pdf" => pdf_text(&path),
            _ => fs::read_to_string(&path).unwrap(),
        };
        for want in [
            "Order confirmation",
            "Japan (JP)",
            "OC1",
            "Asia Pacific, Russia, and Latin America",
            "$30,000.00",
            "placed as Unused",
            "Unused → In delivery",
            "by dana",
        ] {
            assert!(text.contains(want), "{format} lacks {want:?}:\n{text}");
        }
    }
}

#[test]
fn hostile_names_stay_text_in_html_and_markdown() {
    let desk = Desk::new();
    let id = desk.quote(
        "<script>alert(1)</script> *Bold* [x](y) | & Co",
        &["dev-basic"],
    );
    let html = fs::read_to_string(desk.export("quote", &id, "html")).unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "{html}"
    );
    assert!(html.contains("&amp; Co"));
    let md = fs::read_to_string(desk.export("quote", &id, "md")).unwrap();
    assert!(
        md.contains(r"\<script\>alert(1)\</script\> \*Bold\* \[x\](y) \| \& Co"),
        "{md}"
    );
}

#[test]
fn cyrillic_and_greek_names_survive_in_the_pdf_text() {
    let desk = Desk::new();
    let id = desk.quote("ООО Ромашка · Ελληνική Εταιρεία", &["dev-basic"]);
    let pdf = pdf_text(&desk.export("quote", &id, "pdf"));
    assert!(pdf.contains("ООО Ромашка · Ελληνική Εταιρεία"), "{pdf}");
    let fonts = Command::new("pdffonts")
        .arg(desk.out.join(format!("quote-{id}.pdf")))
        .output()
        .unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    assert!(
        fonts
            .lines()
            .skip(2)
            .all(|l| l.split_whitespace().rev().nth(4) == Some("yes")),
        "every font is embedded: {fonts}"
    );
}

#[test]
fn a_37_line_quote_with_long_names_runs_over_several_pdf_pages() {
    let desk = Desk::new();
    let skus: Vec<String> = order_desk::domain::catalog::Catalog::builtin()
        .tiers()
        .map(|t| format!("{}=999", t.tier.sku))
        .collect();
    assert_eq!(skus.len(), 37);
    let long = "Very-long-customer-name-without-spaces-".repeat(3);
    let mut args = vec!["quote", "new", "--customer", &long, "--country", "DE"];
    for s in &skus {
        args.extend(["--item", s]);
    }
    let note = "a long note ".repeat(100);
    args.extend(["--note", &note]);
    let id = desk.ok(&args);
    let path = desk.export("quote", &id, "pdf");
    assert!(pdf_pages(&path) >= 2, "37 lines do not fit one page");
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    assert!(
        String::from_utf8(info.stdout).unwrap().contains("(A4)"),
        "A4 without a profile"
    );
    let text = pdf_text(&path);
    // Read in reading order; pdftotext joins a row ending in '-' to the next, so compare
    // without hyphens and spaces.
    let plain = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let flat: String = String::from_utf8(plain.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    assert!(
        flat.contains(&long.replace('-', "")),
        "the long name is wrapped, never cut"
    );
    let quote =
        order_desk::store::read_quote(&desk.orders.join(format!("quotes/{id}.ron"))).unwrap();
    let total = order_desk::domain::money::format_usd(quote.total);
    assert!(text.contains(&total), "total {total} in:\n{text}");
    for line in &quote.lines {
        assert!(text.contains(&order_desk::domain::money::format_usd(line.line_total)));
    }
    // The table's header is repeated on the next page.
    assert!(text.matches("Line total").count() >= 2, "{text}");
}

#[test]
fn exporting_over_a_file_needs_force_and_a_missing_folder_is_named() {
    let desk = Desk::new();
    let id = desk.quote("Acme", &["dev-basic"]);
    let path = desk.export("quote", &id, "md");
    fs::write(&path, "mine").unwrap();
    let r = desk.run(&["quote", "export", &id, "--format", "md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("already exists") && r.stderr.contains("--force"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "mine",
        "nothing was lost"
    );
    desk.ok(&["quote", "export", &id, "--format", "md", "--force"]);
    assert_ne!(fs::read_to_string(&path).unwrap(), "mine");

    let r = desk.run(&[
        "quote",
        "export",
        &id,
        "--format",
        "pdf",
        "--output",
        "no/such/folder/q.pdf",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the folder no/such/folder does not exist"),
        "{}",
        r.stderr
    );

    let r = desk.run(&[
        "quote",
        "export",
        "Q-20990101-000000-none",
        "--format",
        "md",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("order-desk quotes"), "{}", r.stderr);
    let r = desk.run(&["order", "export", "nonsense/../x", "--format", "md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_link_at_the_output_path_is_never_followed() {
    let desk = Desk::new();
    let id = desk.quote("Acme", &["dev-basic"]);
    let victim = desk.out.join("victim.txt");
    fs::write(&victim, "keep").unwrap();
    std::os::unix::fs::symlink(&victim, desk.out.join("q.html")).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec![
            "quote", "export", &id, "--format", "html", "--output", "q.html",
        ];
        args.extend(extra);
        let r = desk.run(&args);
        assert_ne!(r.code, 0);
        assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
}

#[test]
fn the_seller_profile_heads_documents_and_sets_the_quote_validity() {
    let desk = Desk::new();
    let id = desk.quote("Acme", &["dev-basic"]);
    let r = desk.run(&["quote", "export", &id, "--format", "md"]);
    assert!(r.stderr.contains("order-desk config init"), "{}", r.stderr);
    let neutral = fs::read_to_string(desk.out.join(r.stdout.trim())).unwrap();
    assert!(!neutral.contains("**From:**"));

    let path = desk.ok(&["config", "init"]);
    assert_eq!(Path::new(&path), desk.config.join("desk.ron"));
    let r = desk.run(&["config", "init"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--force"));
    fs::write(
        &path,
        "SellerProfile(company: \"Северный Ветер GmbH\", address: \"Hafenstraße 1\\n20457 Hamburg\", contact: \"sales@nw.example\", payment_terms: \"Net 14 days.\", quote_validity_days: 10, paper: Letter)",
    )
    .unwrap();
    let show = desk.ok(&["config", "show"]);
    assert!(
        show.contains("Северный Ветер GmbH") && show.contains("10 days"),
        "{show}"
    );

    let today = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let id = desk.quote("Acme", &["dev-basic"]);
    let q = order_desk::store::read_quote(&desk.orders.join(format!("quotes/{id}.ron"))).unwrap();
    assert_eq!(
        q.valid_until,
        today.checked_add(jiff::Span::new().days(10)).unwrap()
    );

    let md = fs::read_to_string(desk.export("quote", &id, "md")).unwrap();
    assert!(md.contains("**From:** Северный Ветер GmbH"), "{md}");
    assert!(
        md.contains("Hafenstraße 1") && md.contains("Net 14 days."),
        "{md}"
    );
    let pdf_path = desk.export("quote", &id, "pdf");
    let pdf = pdf_text(&pdf_path);
    assert!(pdf.contains("Северный Ветер GmbH"), "{pdf}");
    let info = Command::new("pdfinfo").arg(&pdf_path).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("612 x 792 pts (letter)"),
        "the profile's paper: {info}"
    );

    // A damaged profile is named with its line and column, and stops the export.
    fs::write(
        &path,
        "SellerProfile(\n  company: \"X\",\n  quote_validity_days: \"ten\",\n)",
    )
    .unwrap();
    let r = desk.run(&["quote", "export", &id, "--format", "md", "--force"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&format!("{}:3:", path)), "{}", r.stderr);
    let r = desk.run(&["config", "show"]);
    assert!(r.stderr.contains(":3:"), "{}", r.stderr);
}

#[test]
fn a_template_in_the_config_folder_replaces_the_built_in_one_and_still_escapes() {
    let desk = Desk::new();
    let id = desk.quote("<b>Acme</b>", &["dev-basic"]);
    let templates = desk.config.join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("quote.html.j2"),
        "<p>OWN {{ number }} for {{ customer.name }}: {{ total }}</p>{% for t in terms %}<i>{{ t.heading }}</i>{% endfor %}",
    )
    .unwrap();
    let html = fs::read_to_string(desk.export("quote", &id, "html")).unwrap();
    assert!(
        html.starts_with(&format!(
            "<p>OWN {id} for &lt;b&gt;Acme&lt;&#x2f;b&gt;: $70,000.00</p>"
        )),
        "{html}"
    );
    assert!(html.contains("<i>Refund and unsubscription</i>"), "{html}");

    fs::write(templates.join("quote.html.j2"), "{% for x in %}").unwrap();
    let r = desk.run(&["quote", "export", &id, "--format", "html", "--force"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("quote.html.j2") && r.stderr.contains("line 1"),
        "{}",
        r.stderr
    );
}

/// The terms are generated from the price list's words: change a rule's wording in the
/// price list and every document says the new words.
#[test]
fn the_terms_follow_the_price_lists_wording() {
    let desk = Desk::new();
    let id = desk.quote("Acme", &["dev-basic"]);
    let changed = order_desk::domain::catalog::BUILTIN_CATALOG.replace(
        "The service is one-off and cannot be renewed. If needed, repurchase it.",
        "Renewal is not offered; buy the service again when it runs out.",
    );
    assert_ne!(changed, order_desk::domain::catalog::BUILTIN_CATALOG);
    let list = desk.out.join("list.ron");
    fs::write(&list, changed).unwrap();
    let list = list.to_str().unwrap();
    for format in ["md", "html", "pdf"] {
        let file = format!("changed.{format}");
        desk.ok(&[
            "--catalog",
            list,
            "quote",
            "export",
            &id,
            "--format",
            format,
            "--output",
            &file,
        ]);
        let text = match format {
            "pdf" => pdf_text(&desk.out.join(&file)),
            _ => fs::read_to_string(desk.out.join(&file)).unwrap(),
        };
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Renewal is not offered; buy the service again when it runs out."),
            "{format}: {words}"
        );
        assert!(!words.contains("cannot be renewed. If needed"), "{format}");
    }
}
