//! Price lists from the vendor's billing pages (issue 19, first part: copied text). The
//! three made-up pages of `tests/fixtures/pricelists` give what `expected.json` says; the
//! seed page gives the built-in list's 37 tiers; what cannot be read is refused.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use order_desk::domain::pricelist::{ImportError, Refund, Settle, import_text};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/pricelists/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn each_sample_page_in_text_and_in_html_gives_what_expected_json_says() {
    let expected: serde_json::Value = serde_json::from_str(&fixture("expected.json")).unwrap();
    for ((name, want), form) in expected
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|nw| [(nw, "txt"), (nw, "html")])
    {
        let list = import_text(&fixture(&format!("{name}.{form}")), "", &Settle::default())
            .unwrap_or_else(|e| panic!("{name}.{form}: {e}"));
        assert_eq!(
            list.tiers.len() as u64,
            want["tiers"].as_u64().unwrap(),
            "{name}: {list:#?}"
        );
        assert_eq!(
            list.regions.len() as u64,
            want["regions"].as_u64().unwrap(),
            "{name}: {:?}",
            list.regions
        );
        assert_eq!(
            list.refund.value.code(),
            want["refund"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            list.validity.value.as_deref(),
            want["validity"].as_str(),
            "{name}"
        );
        assert_eq!(list.title, want["title"].as_str().unwrap(), "{name}");
        assert_eq!(
            list.updated.to_string(),
            want["updated"].as_str().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn the_html_form_gives_the_same_list_as_the_copied_text() {
    for name in [
        "sample-two-regions",
        "sample-one-price",
        "sample-regional-tables",
    ] {
        let text = import_text(&fixture(&format!("{name}.txt")), "", &Settle::default()).unwrap();
        let html = import_text(&fixture(&format!("{name}.html")), "", &Settle::default()).unwrap();
        assert_eq!(html, text, "{name}");
    }
}

#[test]
fn the_two_region_page_keeps_each_price_exact_and_each_unit_as_written() {
    let list = import_text(&fixture("sample-two-regions.txt"), "", &Settle::default()).unwrap();
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let advanced = &list.tiers[1];
    assert_eq!(
        advanced.name,
        "Example Governance Assessment Service - Advanced"
    );
    assert_eq!(
        advanced.service, "Example Governance Assessment Service",
        "the spanned service"
    );
    assert_eq!(
        advanced.prices,
        BTreeMap::from([("oc1".into(), d("31250.50")), ("oc2".into(), d("44000.00"))])
    );
    assert_eq!(list.tiers[2].unit, "Data domain");
    assert_eq!(
        list.regions[1].coverage,
        "Europe, Africa, Brazil, and Middle East"
    );
    assert!(list.refund.sentence.contains("before the service is used"));
    assert_eq!(list.id, "example-data-governance-consulting-service");
    assert_eq!(list.rules.len(), 4);
}

#[test]
fn one_price_for_all_takes_its_unit_from_the_header_and_regional_tables_their_coverage() {
    let list = import_text(&fixture("sample-one-price.txt"), "", &Settle::default()).unwrap();
    assert_eq!(list.regions[0].code, "all");
    assert_eq!(list.tiers[1].unit, "Workshop");
    assert_eq!(list.tiers[1].service, "Hardening workshop");
    assert_eq!(
        list.tiers[1].prices["all"],
        "11900".parse::<Decimal>().unwrap()
    );
    assert_eq!(list.refund.value, Refund::Never);
    let list = import_text(
        &fixture("sample-regional-tables.txt"),
        "",
        &Settle::default(),
    )
    .unwrap();
    assert_eq!(
        list.regions[0].coverage,
        "Asia Pacific and Latin America (excluding Brazil)"
    );
    assert_eq!(list.tiers[1].unit, "Per TB");
    assert_eq!(list.tiers[1].prices.len(), 2, "{:?}", list.tiers[1]);
    assert_eq!(
        list.tiers[1].prices["r2"],
        "19.75".parse::<Decimal>().unwrap()
    );
}

#[test]
fn the_seed_page_gives_the_built_in_lists_tiers_and_prices() {
    let list = import_text(
        &fixture("seed-billing.txt"),
        "ai-platform",
        &Settle::default(),
    )
    .unwrap();
    let builtin = order_desk::domain::catalog::Catalog::builtin();
    assert_eq!(list.tiers.len(), builtin.tiers().count());
    assert_eq!(list.tiers.len(), 37);
    assert_eq!(list.refund.value, Refund::BeforeUsage);
    // Every built-in tier's prices, by its full name, are the page's.
    for entry in builtin.tiers() {
        let tier = list
            .tiers
            .iter()
            .find(|t| t.name == entry.tier.name)
            .unwrap_or_else(|| panic!("{} not imported", entry.tier.name));
        assert_eq!(
            Some(tier.prices["oc1"]),
            entry
                .tier
                .price
                .get(order_desk::domain::catalog::Region::Oc1)
        );
        assert_eq!(
            Some(tier.prices["oc2"]),
            entry
                .tier
                .price
                .get(order_desk::domain::catalog::Region::Oc2)
        );
    }
}

#[test]
fn what_cannot_be_read_is_refused_with_the_flag_that_settles_it() {
    let page = fixture("sample-two-regions.txt");
    // A row without its second price.
    let broken = page.replacen("$17,500.00 USD", "ask us", 1);
    assert!(matches!(
        import_text(&broken, "", &Settle::default()),
        Err(ImportError::RowWithoutPrice { .. })
    ));
    // The same tier twice at two prices.
    let twice = page.replacen(
        "Example Governance Assessment Service - Advanced",
        "Example Governance Assessment Service - Basic",
        1,
    );
    let e = import_text(&twice, "", &Settle::default()).unwrap_err();
    assert!(
        matches!(
            e,
            ImportError::TwiceAtTwoPrices {
                first: 1,
                second: 2,
                ..
            }
        ),
        "{e}"
    );
    // A refund sentence it cannot classify names itself and --refund; the flag settles it.
    let vague = page.replacen(
        "Refund and unsubscription are possible before the service is used, not during or after delivery.",
        "Refund and unsubscription follow the agreement.",
        1,
    );
    let e = import_text(&vague, "", &Settle::default()).unwrap_err();
    assert!(
        e.to_string().contains("follow the agreement") && e.to_string().contains("--refund"),
        "{e}"
    );
    let settled = Settle {
        refund: Some(Refund::Never),
        ..Settle::default()
    };
    assert_eq!(
        import_text(&vague, "", &settled).unwrap().refund.value,
        Refund::Never
    );
    // Not a page at all.
    assert!(import_text("", "", &Settle::default()).is_err());
    assert!(matches!(
        import_text("Updated on 2026-01-01\nhello", "", &Settle::default()),
        Err(ImportError::NoTable)
    ));
}

/// A tier as a line: service, name, unit and each region's price, to compare whole.
fn lines(list: &order_desk::domain::pricelist::PriceList) -> Vec<String> {
    list.tiers
        .iter()
        .map(|t| {
            let prices: Vec<String> = t.prices.iter().map(|(r, p)| format!("{r}={p}")).collect();
            format!(
                "{} | {} | {} | {} | {}",
                t.family,
                t.service,
                t.name,
                t.unit,
                prices.join(" ")
            )
        })
        .collect()
}

#[test]
fn two_group_columns_a_name_in_the_sku_column_and_coverage_in_a_note_under_the_table() {
    for file in ["shape-l4-note.txt", "shape-l4-note.html"] {
        let list = import_text(&fixture(file), "", &Settle::default()).unwrap();
        assert_eq!(
            lines(&list),
            [
                "Example Edge Rollout Service | Example Site Survey | Example Site Survey - Small Site | Per service | oc1=4800.00 oc2=6150.00",
                "Example Edge Rollout Service | Example Site Survey | Example Site Survey - Large Site | Per service | oc1=9600.00 oc2=12300.00",
                "Example Edge Rollout Service | Example Device Onboarding | Example Device Onboarding Batch | Count | oc1=23040 oc2=29990.50",
            ],
            "{file}"
        );
        let regions: Vec<(&str, &str, &str)> = list
            .regions
            .iter()
            .map(|r| (r.code.as_str(), r.name.as_str(), r.coverage.as_str()))
            .collect();
        assert_eq!(
            regions,
            [
                (
                    "oc1",
                    "Outside China 1",
                    "Asia Pacific, Russia, and Latin America (excluding Brazil)"
                ),
                (
                    "oc2",
                    "Outside China 2",
                    "Europe, Africa, Brazil, and the Middle East"
                ),
            ],
            "{file}"
        );
        assert_eq!(list.refund.value, Refund::BeforeUsage, "{file}");
        assert!(list.refund.sentence.contains("prior to usage"));
        assert_eq!(list.validity.value.as_deref(), Some("P1Y"), "{file}");
        // The note is coverage, not a rules section.
        assert_eq!(list.rules[0].heading, "Billing Mode");
    }
}

#[test]
fn the_region_at_the_end_of_a_tiers_name_makes_one_tier_priced_in_two_regions() {
    let list = import_text(&fixture("shape-region-in-name.txt"), "", &Settle::default()).unwrap();
    assert_eq!(
        lines(&list),
        [
            " | Example Bulk Transfer | Example Bulk Transfer | Per TB | r1=21.00 r2=26.50",
            " | Example Transfer Audit | Example Transfer Audit | Per order | r1=2876.16 r2=3120.00",
        ]
    );
    assert_eq!(
        list.regions
            .iter()
            .map(|r| r.coverage.as_str())
            .collect::<Vec<_>>(),
        [
            "Asia Pacific, Russia, and Latin America (excluding Brazil)",
            "Europe, Africa, Brazil, the Middle East"
        ]
    );
    assert_eq!(list.refund.value, Refund::Never);
    assert!(list.refund.sentence.starts_with("You cannot"));
    assert_eq!(list.validity.value, None);
    // The same tier and region at a second price is the vendor's mistake, refused.
    let twice = fixture("shape-region-in-name.txt").replacen("26.50", "21.00\n\nPer TB\n\nExample Bulk Transfer - Europe, Africa, Brazil, the Middle East.\n\nAgain.\n\n27.00", 1);
    assert!(
        matches!(
            import_text(&twice, "", &Settle::default()),
            Err(ImportError::TwiceAtTwoPrices { .. })
        ),
        "{:?}",
        import_text(&twice, "", &Settle::default())
    );
}

#[test]
fn a_group_repeated_on_every_row_and_one_price_under_bare_group_headers() {
    let list = import_text(&fixture("shape-repeated-group.txt"), "", &Settle::default()).unwrap();
    assert_eq!(
        lines(&list),
        [
            " | Example Tuning | Example Tuning - Starter | manday | oc1=1500 oc2=1950",
            " | Example Tuning | Example Tuning - Expert | manday | oc1=3000 oc2=3900",
            " | Example Evaluation | Example Evaluation Suite | Suite | oc1=12000 oc2=15600",
        ]
    );
    assert_eq!(list.regions[1].name, "Outside Chinese Mainland 2");
    assert_eq!(list.refund.value, Refund::Never);
    assert_eq!(list.validity.value.as_deref(), Some("P1Y"));
    let list = import_text(&fixture("shape-l45-one-price.txt"), "", &Settle::default()).unwrap();
    assert_eq!(
        lines(&list),
        [
            " | Example Cold Archive | Example Cold Archive - Ingest | Per TB | all=21.00",
            " | Example Cold Archive | Example Cold Archive - Restore Drill | Per order | all=950.00",
        ]
    );
    assert_eq!(list.tiers[0].description, "Priced per terabyte ingested.");
    assert_eq!(list.refund.value, Refund::BeforeUsage);
}

#[test]
fn a_service_whose_name_holds_price_or_usd_is_a_row_not_a_header() {
    // Found by the round-trip property: "Ausd" was read as a price header.
    let page = fixture("sample-two-regions.txt").replace(
        "Example Governance Assessment Service\n",
        "Example Price Ausdruck Service\n",
    );
    let list = import_text(&page, "", &Settle::default()).unwrap();
    assert_eq!(list.tiers.len(), 3);
    assert_eq!(list.tiers[0].service, "Example Price Ausdruck Service");
    assert_eq!(list.regions.len(), 2);
}

#[test]
fn more_regional_tables_than_the_desk_has_codes_for_is_refused_at_import() {
    let page = fixture("sample-regional-tables.txt");
    let start = page.find("Regions").unwrap();
    let end = page.find("Billing Mode\n").unwrap();
    let table = &page[start..end];
    let second = table[1..].find("Regions").unwrap() + 1;
    let one = &table[..second];
    let many: String = (0..10)
        .map(|n| {
            one.replace(
                "Asia Pacific and Latin America (excluding Brazil)",
                &format!("Area {n}"),
            )
        })
        .collect();
    let page = format!("{}{many}{}", &page[..start], &page[end..]);
    let e = import_text(&page, "", &Settle::default()).unwrap_err();
    assert!(e.to_string().contains("10 regions"), "{e}");
    // Nine still import.
    let nine: String = (0..9)
        .map(|n| {
            one.replace(
                "Asia Pacific and Latin America (excluding Brazil)",
                &format!("Area {n}"),
            )
        })
        .collect();
    let page9 = format!("{}{nine}{}", &page[..start], &page[start + many.len()..]);
    assert_eq!(
        import_text(&page9, "", &Settle::default())
            .unwrap()
            .regions
            .len(),
        9
    );
}
