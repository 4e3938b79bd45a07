//! An imported list as the desk's working [`Catalog`]: what carts, checkout, quotes, the
//! app's Catalog and the documents read. Families and services in the page's order, each
//! tier's unit as the page says it, a price per region of the list, the rules sections
//! word for word, and the refund policy and validity the import read.

use crate::domain::catalog::{
    Catalog, Family, ListTerms, Prices, Region, RegionInfo, Service, Tier, Unit,
};

use super::PriceList;

/// The list as a catalog, or why it cannot be one (a region code this desk has no place
/// for, a price the desk's money rules refuse).
pub fn to_catalog(list: &PriceList) -> Result<Catalog, String> {
    let mut regions = Vec::new();
    for r in &list.regions {
        let region = Region::from_code(&r.code).ok_or_else(|| {
            format!(
                "list {}: region '{}' is not one this desk can price in (oc1, oc2, all, r1 … r9)",
                list.id, r.code
            )
        })?;
        regions.push((
            region,
            RegionInfo {
                name: r.name.clone(),
                coverage: r.coverage.clone(),
            },
        ));
    }
    let mut families: Vec<Family> = Vec::new();
    for t in &list.tiers {
        // A page without a family column: each service is its own family, as the seed's
        // single-service families are.
        let family_name = if t.family.is_empty() {
            &t.service
        } else {
            &t.family
        };
        let family = match families.iter().position(|f| &f.name == family_name) {
            Some(i) => &mut families[i],
            None => {
                families.push(Family {
                    name: family_name.clone(),
                    services: Vec::new(),
                });
                families.last_mut().expect("just pushed")
            }
        };
        let service = match family.services.iter().position(|s| s.name == t.service) {
            Some(i) => &mut family.services[i],
            None => {
                family.services.push(Service {
                    name: t.service.clone(),
                    tiers: Vec::new(),
                });
                family.services.last_mut().expect("just pushed")
            }
        };
        let mut prices = Vec::new();
        for (code, price) in &t.prices {
            let region = regions
                .iter()
                .map(|(r, _)| *r)
                .find(|r| r.code() == code)
                .ok_or_else(|| {
                    format!(
                        "list {}: {} has a price in '{code}', not a region of the list",
                        list.id, t.name
                    )
                })?;
            prices.push((region, *price));
        }
        service.tiers.push(Tier {
            sku: t.sku.clone(),
            tier: short_label(&t.service, &t.name),
            name: t.name.clone(),
            unit: Unit::from_text(&t.unit),
            billing_mode: t.description.clone(),
            price: Prices::new(prices),
        });
    }
    let terms = ListTerms {
        id: list.id.clone(),
        terms: list
            .rules
            .iter()
            .map(|r| (r.heading.clone(), r.text.clone()))
            .collect(),
        refund: list.refund.value,
        refund_sentence: list.refund.sentence.clone(),
        validity: list.validity.value.clone(),
        own_coverage: true,
        changed: None,
    };
    Catalog::assemble(
        list.title.clone(),
        list.updated,
        list.currency.clone(),
        regions,
        families,
        terms,
    )
    .map_err(|e| format!("list {}: {e}", list.id))
}

/// "Example Tuning - Expert" under "Example Tuning" → "Expert"; a name that does not
/// repeat its service stays whole.
fn short_label(service: &str, name: &str) -> String {
    name.strip_prefix(service)
        .map(|rest| rest.trim_start_matches([' ', '-', '–']).trim())
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pricelist::{Settle, import_text};

    #[test]
    fn an_imported_page_becomes_a_catalog_with_its_regions_units_and_rules() {
        let page = include_str!("../../../tests/fixtures/pricelists/shape-region-in-name.txt");
        let list = import_text(page, "transfer", &Settle::default()).unwrap();
        let c = to_catalog(&list).unwrap();
        assert_eq!(c.regions().collect::<Vec<_>>(), [Region::R1, Region::R2]);
        let audit = c.get("example-transfer-audit").expect("SKU from the name");
        assert_eq!(audit.tier.unit, Unit::Other("Per order".into()));
        assert_eq!(
            audit.tier.price.get(Region::R2).unwrap().to_string(),
            "3120.00"
        );
        assert_eq!(audit.tier.price.get(Region::Oc1), None);
        assert_eq!(c.list.id, "transfer");
        assert_eq!(c.list.refund, crate::domain::catalog::Refund::Never);
        assert!(c.list.own_coverage);
        assert_eq!(c.terms()[1].0, "Configuration Change");
        assert_eq!(
            short_label("Example Tuning", "Example Tuning - Expert"),
            "Expert"
        );
        assert_eq!(short_label("Svc", "Other name"), "Other name");
    }

    #[test]
    fn the_built_in_list_round_trips_through_the_list_shape() {
        let builtin = Catalog::builtin();
        let c = to_catalog(&super::super::builtin()).unwrap();
        assert_eq!(c.tiers().count(), 37);
        for e in builtin.tiers() {
            let t = c.get(&e.tier.sku).expect("same SKUs");
            assert_eq!(t.tier.price, e.tier.price, "{}", e.tier.sku);
            assert_eq!(t.tier.unit, e.tier.unit);
        }
    }
}
