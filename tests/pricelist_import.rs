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
            tier.prices["oc1"],
            entry
                .tier
                .price
                .get(order_desk::domain::catalog::Region::Oc1)
        );
        assert_eq!(
            tier.prices["oc2"],
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
