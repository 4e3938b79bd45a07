//! The built-in catalog as the list `ai-platform`, so the desk has a list with no setup and
//! the seed page can be diffed against it. Names, units and prices are the catalog's own;
//! its rules are the seed page's sections under the page's headings.

use std::collections::BTreeMap;

use super::{ListRegion, ListTier, Policy, PriceList, Refund, RuleSection, rules};
use crate::domain::catalog::Catalog;

/// The id of the built-in list.
pub const BUILTIN_ID: &str = "ai-platform";

/// The built-in catalog as a list.
pub fn builtin() -> PriceList {
    from_catalog(&Catalog::builtin(), BUILTIN_ID)
}

/// A catalog as a list.
pub fn from_catalog(catalog: &Catalog, id: &str) -> PriceList {
    let regions = catalog
        .regions()
        .map(|r| {
            let info = catalog.region_info(r).expect("a region of the list");
            ListRegion {
                code: r.code().to_string(),
                name: info.name.clone(),
                coverage: info.coverage.clone(),
            }
        })
        .collect();
    let mut tiers = Vec::new();
    for family in &catalog.families {
        for service in &family.services {
            for tier in &service.tiers {
                let prices: BTreeMap<_, _> = tier
                    .price
                    .iter()
                    .map(|(r, p)| (r.code().to_string(), p))
                    .collect();
                tiers.push(ListTier {
                    // The SKUs orders are written with; a diff matches tiers by name.
                    sku: tier.sku.clone(),
                    family: family.name.clone(),
                    service: service.name.clone(),
                    name: tier.name.clone(),
                    description: tier.billing_mode.clone(),
                    unit: tier.unit.to_string(),
                    prices,
                });
            }
        }
    }
    let sections = vec![
        RuleSection {
            heading: "Billing Mode".into(),
            text: format!(
                "{}\nSales unit description (set): {}",
                catalog.billing_mode, catalog.set_explanation
            ),
        },
        RuleSection {
            heading: "Configuration Change".into(),
            text: catalog.rules.configuration_change.clone(),
        },
        RuleSection {
            heading: "Renewal".into(),
            text: catalog.rules.renewal.clone(),
        },
        RuleSection {
            heading: "Expiration and Arrears".into(),
            text: catalog.rules.expiration.clone(),
        },
    ];
    // The built-in words are known; a catalog file whose words are not keeps the rule the
    // app has always applied, refunds before usage.
    let refund = rules::refund(&sections).unwrap_or_else(|_| Policy {
        value: Refund::BeforeUsage,
        sentence: catalog.rules.configuration_change.clone(),
    });
    let validity = rules::validity(&sections).unwrap_or(Policy {
        value: None,
        sentence: "the price list gives no validity".into(),
    });
    PriceList {
        id: id.to_string(),
        title: catalog.title.clone(),
        updated: catalog.updated,
        currency: catalog.currency.clone(),
        regions,
        tiers,
        rules: sections,
        refund,
        validity,
    }
}
