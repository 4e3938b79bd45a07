//! Importing billing pages: a 1 MB page as copied text and as saved HTML, and refusing a
//! 50 MB file (read bounded: at most 4 MiB + 1 byte is read, then refused).
//!
//! `cargo bench --bench pricelist`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use order_desk::domain::pricelist::{Settle, import_text};
use order_desk::store::pricelists::read_page;

/// A page of the seed's shape with `tiers` rows (about 200 bytes a row).
fn page(tiers: usize, html: bool) -> String {
    let mut cells: Vec<String> = vec![
        "Updated on 2026-05-06 GMT+08:00".into(),
        "Billing".into(),
        "This page describes the billing of the Example Large Service.".into(),
        "Billing Items".into(),
        "Service".into(),
        "Specifications".into(),
        "Billing Mode".into(),
        "Outside China 1 - USD (Asia Pacific, Russia, and Latin America)".into(),
        "Outside China 2 - USD (Europe, Africa, Brazil, and Middle East)".into(),
        "Sales Unit".into(),
    ];
    let header = cells.len() - 6;
    for t in 0..tiers {
        if t % 8 == 0 {
            cells.push(format!("Example Service Group {}", t / 8));
        }
        cells.push(format!("Example Service Group {} - Tier {t}", t / 8));
        cells.push("One-off payment based on the number of sets purchased".into());
        cells.push(format!(
            "${},{:03}.{:02} USD",
            10 + t % 90,
            t % 1000,
            t % 100
        ));
        cells.push(format!("${},{:03}.00 USD", 20 + t % 70, t % 1000));
        cells.push("Set".into());
    }
    for (h, t) in [
        ("Billing Mode", "Paid once."),
        (
            "Configuration Change",
            "Refund and unsubscription are allowed prior to usage but not during delivery.",
        ),
        ("Renewal", "Not renewed."),
        (
            "Expiration and Arrears",
            "The default validity period is one year.",
        ),
    ] {
        cells.push(h.into());
        cells.push(t.into());
    }
    if !html {
        return cells.join("\n\n");
    }
    // The same page saved as HTML: the table as rows of cells, the group cell spanned.
    let mut out = String::from("<!DOCTYPE html><html><body>");
    for c in &cells[..header] {
        out += &format!("<p>{c}</p>\n");
    }
    out += "<table><tr>";
    for c in &cells[header..header + 6] {
        out += &format!("<th>{c}</th>");
    }
    out += "</tr>\n";
    for t in 0..tiers {
        out += "<tr>";
        if t % 8 == 0 {
            out += &format!(
                "<td rowspan=\"{}\">Example Service Group {}</td>",
                8.min(tiers - t),
                t / 8
            );
        }
        out += &format!(
            "<td>Example Service Group {} - Tier {t}</td><td>One-off payment based on the number of sets purchased</td><td>${},{:03}.{:02} USD</td><td>${},{:03}.00 USD</td><td>Set</td></tr>\n",
            t / 8,
            10 + t % 90,
            t % 1000,
            t % 100,
            20 + t % 70,
            t % 1000
        );
    }
    out += "</table>";
    for c in &cells[cells.len() - 8..] {
        out += &format!("<p>{c}</p>\n");
    }
    out + "</body></html>"
}

/// A page of about `bytes` bytes.
fn page_of(bytes: usize, html: bool) -> String {
    let one = page(100, html).len() / 100;
    page(bytes / one, html)
}

fn import(c: &mut Criterion) {
    for html in [false, true] {
        let text = page_of(1 << 20, html);
        let tiers = import_text(&text, "", &Settle::default())
            .expect("the page imports")
            .tiers
            .len();
        let name = if html { "html" } else { "text" };
        eprintln!("{name}: {} bytes, {tiers} tiers", text.len());
        c.bench_function(&format!("import_1mb/{name}"), |b| {
            b.iter(|| import_text(black_box(&text), "", &Settle::default()).unwrap())
        });
    }
}

fn refuse(c: &mut Criterion) {
    let path: PathBuf = std::env::temp_dir().join("order-desk-bench-50mb-page.txt");
    if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) != 50 << 20 {
        std::fs::write(&path, vec![b'x'; 50 << 20]).expect("write the 50 MB file");
    }
    c.bench_function("refuse_50mb", |b| {
        b.iter(|| read_page(black_box(&path)).unwrap_err())
    });
}

criterion_group!(benches, import, refuse);
criterion_main!(benches);
