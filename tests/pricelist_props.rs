//! Any list rendered as a page of the family, in any of its shapes and in either form
//! (copied text or saved HTML), imports back to exactly that list: every tier's service,
//! name, unit and price per region, the regions, the refund policy and the validity.

use proptest::prelude::*;
use rust_decimal::Decimal;

use order_desk::domain::pricelist::{Refund, Settle, import_text};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// Two price columns, "Outside China N - USD (coverage)".
    TwoRegions,
    /// One "Unit Price (USD)" column.
    OnePrice,
    /// One table per region, its coverage in a first "Regions" cell.
    RegionalTables(usize),
    /// One price column, the region at the end of each tier's name.
    RegionInName,
}

impl Shape {
    fn regions(self) -> usize {
        match self {
            Shape::TwoRegions | Shape::RegionInName => 2,
            Shape::OnePrice => 1,
            Shape::RegionalTables(n) => n,
        }
    }
    fn code(self, r: usize) -> String {
        match self {
            Shape::TwoRegions => format!("oc{}", r + 1),
            Shape::OnePrice => "all".into(),
            _ => format!("r{}", r + 1),
        }
    }
}

const COVERAGE: [&str; 3] = [
    "Asia Pacific, Russia, and Latin America (excluding Brazil)",
    "Europe, Africa, Brazil, and the Middle East",
    "Southern Africa",
];

#[derive(Debug, Clone)]
struct Tier {
    name: String,
    unit: String,
    prices: Vec<Decimal>,
}

#[derive(Debug, Clone)]
struct Page {
    shape: Shape,
    services: Vec<(String, Vec<Tier>)>,
    spanned: bool,
    dollars: bool,
    html: bool,
    never: bool,
    one_year: bool,
    /// Which of the family's header words the page uses.
    words: usize,
}

/// (service, tier, description, unit) headers as the family's pages write them.
const HEADERS: [[&str; 4]; 4] = [
    ["Service", "Specifications", "Description", "Sales Unit"],
    [
        "Service Sub-product (L4.5)",
        "Service Specifications (L6)",
        "Billing",
        "Unit",
    ],
    ["L4.5", "L6", "Billing Introduction", "Unit"],
    ["Service Sub-product", "SKU", "Billing Mode", "Sales Unit"],
];

fn word() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{2,8}"
}

fn a_page() -> impl Strategy<Value = Page> {
    let shape = prop_oneof![
        Just(Shape::TwoRegions),
        Just(Shape::OnePrice),
        (2usize..=3).prop_map(Shape::RegionalTables),
        Just(Shape::RegionInName),
    ];
    shape.prop_flat_map(|shape| {
        let n = shape.regions();
        let tier = (
            word(),
            prop::sample::select(vec![
                "Set",
                "Per TB",
                "manday",
                "Count",
                "Per order",
                "Suite",
                "instance",
            ]),
            prop::collection::vec(1i64..=9_999_999_999, n),
        );
        let service = (word(), prop::collection::vec(tier, 1..4));
        (
            prop::collection::vec(service, 1..4),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0..HEADERS.len(),
        )
            .prop_map(
                move |(services, spanned, dollars, html, never, one_year, words)| {
                    // Numbered so that names never repeat: a repeated name is a refusal.
                    let services = services
                        .into_iter()
                        .enumerate()
                        .map(|(i, (w, tiers))| {
                            let service = format!("Example {w} Service {}", i + 1);
                            let tiers = tiers
                                .into_iter()
                                .enumerate()
                                .map(|(j, (w, unit, cents))| Tier {
                                    name: format!("{service} - {w} {}", j + 1),
                                    unit: unit.to_string(),
                                    prices: cents.into_iter().map(|c| Decimal::new(c, 2)).collect(),
                                })
                                .collect();
                            (service, tiers)
                        })
                        .collect();
                    Page {
                        shape,
                        services,
                        spanned,
                        dollars,
                        html,
                        never,
                        one_year,
                        words,
                    }
                },
            )
    })
}

/// "1234567.80" → "1,234,567.80", with "$… USD" around it on pages that write it so.
fn money(p: Decimal, dollars: bool) -> String {
    let text = p.to_string();
    let (whole, cents) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let number = if cents.is_empty() {
        grouped
    } else {
        format!("{grouped}.{cents}")
    };
    if dollars {
        format!("${number} USD")
    } else {
        number
    }
}

/// The page's table(s): header cells, then rows of (cells, how many leading cells are a
/// group written once for the rows below it).
type Table = (Vec<String>, Vec<Vec<(String, usize)>>);

fn tables(page: &Page) -> Vec<Table> {
    let price_headers: Vec<String> = match page.shape {
        Shape::TwoRegions => (0..2)
            .map(|r| format!("Outside China {} - USD ({})", r + 1, COVERAGE[r]))
            .collect(),
        _ => vec!["Unit Price (USD)".into()],
    };
    let regional = matches!(page.shape, Shape::RegionalTables(_));
    let mut header: Vec<String> = Vec::new();
    if regional {
        header.push("Regions".into());
    }
    let [service, tier, description, unit] = HEADERS[page.words];
    header.extend([service.into(), tier.into(), description.into()]);
    header.extend(price_headers);
    header.push(unit.into());
    let table_count = if regional { page.shape.regions() } else { 1 };
    (0..table_count)
        .map(|t| {
            let mut rows = Vec::new();
            let total: usize = page.services.iter().map(|(_, ts)| ts.len()).sum();
            let mut first_of_table = true;
            for (service, tiers) in &page.services {
                let variants: Vec<(String, Vec<Decimal>)> = tiers
                    .iter()
                    .flat_map(|tier| match page.shape {
                        Shape::RegionInName => (0..2)
                            .map(|r| {
                                let suffix = if r == 0 {
                                    "Asia Pacific, Russia, and Latin America (excluding Brazil)"
                                } else {
                                    "Europe, Africa, Brazil, the Middle East."
                                };
                                (format!("{} - {suffix}", tier.name), vec![tier.prices[r]])
                            })
                            .collect::<Vec<_>>(),
                        Shape::RegionalTables(_) => {
                            vec![(tier.name.clone(), vec![tier.prices[t]])]
                        }
                        _ => vec![(tier.name.clone(), tier.prices.clone())],
                    })
                    .collect();
                let units: Vec<&str> = tiers
                    .iter()
                    .flat_map(|tier| {
                        let times = if page.shape == Shape::RegionInName {
                            2
                        } else {
                            1
                        };
                        std::iter::repeat_n(tier.unit.as_str(), times)
                    })
                    .collect();
                for (k, ((name, prices), unit)) in variants.iter().zip(units).enumerate() {
                    let mut cells: Vec<(String, usize)> = Vec::new();
                    let first_of_group = k == 0;
                    if regional && (first_of_table || !page.spanned) {
                        let span = if page.spanned {
                            total_rows(page, total)
                        } else {
                            1
                        };
                        cells.push((COVERAGE[t].to_string(), span));
                    }
                    if first_of_group || !page.spanned {
                        let span = if page.spanned { variants.len() } else { 1 };
                        cells.push((service.clone(), span));
                    }
                    cells.push((name.clone(), 1));
                    cells.push((format!("One-off billing per {}.", unit.to_lowercase()), 1));
                    for p in prices {
                        cells.push((money(*p, page.dollars), 1));
                    }
                    cells.push((unit.to_string(), 1));
                    rows.push(cells);
                    first_of_table = false;
                }
            }
            (header.clone(), rows)
        })
        .collect()
}

fn total_rows(page: &Page, tiers: usize) -> usize {
    if page.shape == Shape::RegionInName {
        tiers * 2
    } else {
        tiers
    }
}

fn rules(page: &Page) -> Vec<(&'static str, String)> {
    vec![
        ("Billing Mode", "Every item is paid once.".into()),
        (
            "Configuration Change",
            if page.never {
                "Items cannot be changed. Refund and unsubscription are not allowed.".into()
            } else {
                "Items cannot be changed. Refund and unsubscription are allowed prior to usage but not during delivery.".into()
            },
        ),
        ("Renewal", "Nothing is renewed; buy it again.".into()),
        (
            "Expiration and Arrears",
            if page.one_year {
                "The default validity period is one year.".into()
            } else {
                "Buy it again after it ends.".into()
            },
        ),
    ]
}

const TITLE: &str = "Example Random Service";

fn render_text(page: &Page) -> String {
    let mut cells: Vec<String> = vec![
        "Updated on 2026-05-06 GMT+08:00".into(),
        "Billing".into(),
        format!("This page describes the billing of the {TITLE}."),
        "Billing Items".into(),
    ];
    for (header, rows) in tables(page) {
        cells.extend(header);
        for row in rows {
            cells.extend(row.into_iter().map(|(c, _)| c));
        }
    }
    for (heading, text) in rules(page) {
        cells.push(heading.into());
        cells.push(text);
    }
    cells.join("\n\n") + "\n"
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

fn render_html(page: &Page) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><title>Billing</title></head><body>\n<p>Updated on 2026-05-06 GMT+08:00</p><h1>Billing</h1>\n",
    );
    out += &format!(
        "<p>This page describes the billing of the {TITLE}.</p>\n<h2>Billing Items</h2>\n"
    );
    for (header, rows) in tables(page) {
        out += "<table><thead><tr>";
        for h in header {
            out += &format!("<th>{}</th>", escape(&h));
        }
        out += "</tr></thead><tbody>\n";
        for row in rows {
            out += "<tr>";
            for (cell, span) in row {
                if span > 1 {
                    out += &format!("<td rowspan=\"{span}\">{}</td>", escape(&cell));
                } else {
                    out += &format!("<td>{}</td>", escape(&cell));
                }
            }
            out += "</tr>\n";
        }
        out += "</tbody></table>\n";
    }
    for (heading, text) in rules(page) {
        out += &format!("<h2>{heading}</h2><p>{}</p>\n", escape(&text));
    }
    out + "</body></html>\n"
}

proptest! {
    // Failures are kept beside this file (the one test binary's root would put them in
    // a top-level folder).
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/pricelist_props.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_rendered_list_imports_back_to_itself(page in a_page()) {
        let text = if page.html { render_html(&page) } else { render_text(&page) };
        let list = import_text(&text, "", &Settle::default())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&list.title, TITLE);
        prop_assert_eq!(list.updated.to_string(), "2026-05-06");
        let codes: Vec<String> = list.regions.iter().map(|r| r.code.clone()).collect();
        let want: Vec<String> = (0..page.shape.regions()).map(|r| page.shape.code(r)).collect();
        prop_assert_eq!(codes, want);
        let mut got = list.tiers.iter();
        for (service, tiers) in &page.services {
            for tier in tiers {
                let t = got.next().ok_or_else(|| TestCaseError::fail(format!("{} missing", tier.name)))?;
                prop_assert_eq!(&t.service, service);
                prop_assert_eq!(&t.name, &tier.name);
                prop_assert_eq!(&t.unit, &tier.unit);
                prop_assert_eq!(t.prices.len(), tier.prices.len());
                for (r, p) in tier.prices.iter().enumerate() {
                    prop_assert_eq!(t.prices.get(&page.shape.code(r)), Some(p), "{}", t.name);
                }
            }
        }
        prop_assert!(got.next().is_none(), "a tier the page does not have");
        let refund = if page.never { Refund::Never } else { Refund::BeforeUsage };
        prop_assert_eq!(list.refund.value, refund);
        prop_assert_eq!(list.validity.value.is_some(), page.one_year);
        prop_assert_eq!(list.rules.len(), 4);
    }
}
