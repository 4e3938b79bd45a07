//! What changed between two versions of a list (written by a helper session, adapted): tiers matched by SKU (stable across
//! versions), added, removed or changed in unit or prices, and the rules sections that differ.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{ListTier, PriceList};

/// A tier as the diff shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierSide {
    pub unit: String,
    pub prices: BTreeMap<String, Decimal>,
}

/// A tier only one side has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierOnly {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub prices: BTreeMap<String, Decimal>,
}

/// A tier both sides have, with a different unit or prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierChange {
    pub sku: String,
    pub name: String,
    pub old: TierSide,
    pub new: TierSide,
}

/// A rules section that differs (absent on one side is an empty text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleChange {
    pub heading: String,
    pub old: String,
    pub new: String,
}

/// The whole difference; empty lists mean no change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListDiff {
    pub added: Vec<TierOnly>,
    pub removed: Vec<TierOnly>,
    pub changed: Vec<TierChange>,
    pub rules: Vec<RuleChange>,
}

impl ListDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.rules.is_empty()
    }
}

/// The tier of `list` with the same name (by its slug): the built-in list keeps the SKUs
/// orders are written with, an imported page makes them from the name.
fn tier<'a>(list: &'a PriceList, other: &ListTier) -> Option<&'a ListTier> {
    let key = super::slug(&other.name);
    list.tiers.iter().find(|t| super::slug(&t.name) == key)
}

fn only(t: &ListTier) -> TierOnly {
    TierOnly {
        sku: t.sku.clone(),
        name: t.name.clone(),
        unit: t.unit.clone(),
        prices: t.prices.clone(),
    }
}

fn side(t: &ListTier) -> TierSide {
    TierSide {
        unit: t.unit.clone(),
        prices: t.prices.clone(),
    }
}

/// The difference from `old` to `new`, in `new`'s page order (removed ones in `old`'s).
pub fn diff(old: &PriceList, new: &PriceList) -> ListDiff {
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for t in &new.tiers {
        match tier(old, t) {
            None => added.push(only(t)),
            Some(o) if o.unit != t.unit || o.prices != t.prices => changed.push(TierChange {
                sku: t.sku.clone(),
                name: t.name.clone(),
                old: side(o),
                new: side(t),
            }),
            Some(_) => {}
        }
    }
    let removed = old
        .tiers
        .iter()
        .filter(|t| tier(new, t).is_none())
        .map(only)
        .collect();
    let mut rules = Vec::new();
    let text_of = |list: &PriceList, heading: &str| {
        list.rules
            .iter()
            .find(|r| r.heading == heading)
            .map(|r| r.text.clone())
            .unwrap_or_default()
    };
    let mut headings: Vec<&str> = old.rules.iter().map(|r| r.heading.as_str()).collect();
    for r in &new.rules {
        if !headings.contains(&r.heading.as_str()) {
            headings.push(&r.heading);
        }
    }
    for h in headings {
        let (o, n) = (text_of(old, h), text_of(new, h));
        if o != n {
            rules.push(RuleChange {
                heading: h.to_string(),
                old: o,
                new: n,
            });
        }
    }
    ListDiff {
        added,
        removed,
        changed,
        rules,
    }
}

/// What each tier of `new` changed since `old`, by SKU: "new", or its unit and prices
/// before ("was OC1 $12,000.00, OC2 $17,500.00"). Unchanged tiers are absent.
pub fn changed_since(old: &PriceList, new: &PriceList) -> BTreeMap<String, String> {
    let d = diff(old, new);
    let mut out = BTreeMap::new();
    for t in &d.added {
        out.insert(t.sku.clone(), "new".to_string());
    }
    for c in &d.changed {
        let prices: Vec<String> = c
            .old
            .prices
            .iter()
            .map(|(code, p)| {
                format!(
                    "{} {}",
                    code.to_uppercase(),
                    crate::domain::money::format_usd(*p)
                )
            })
            .collect();
        let unit = if c.old.unit != c.new.unit {
            format!(" per {}", c.old.unit)
        } else {
            String::new()
        };
        out.insert(c.sku.clone(), format!("was {}{unit}", prices.join(", ")));
    }
    out
}
