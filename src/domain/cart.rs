//! The cart: the customer's price region and the tiers picked so far.
//!
//! A cart holds only SKUs and quantities; prices are looked up in the catalog for the
//! cart's region whenever it is priced, so switching the region reprices every line.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::catalog::{Catalog, Region, TierEntry};

/// The most units of one tier a single order line may hold.
pub const MAX_QUANTITY: u32 = 999;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CartLine {
    pub sku: String,
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cart {
    pub region: Region,
    pub lines: Vec<CartLine>,
    /// Set when the cart was filled by repurchasing an earlier order.
    #[serde(default)]
    pub repurchase_of: Option<String>,
    /// The imported list the lines are of; `None` for the desk's own list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// The lines of other lists, kept while the rep sells from this one: at checkout each
    /// list's lines become an order of their own, priced from that list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parked: Vec<ListPart>,
}

/// One list's lines kept in the cart while another list is on screen, with the region
/// they were priced in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListPart {
    /// `None` for the desk's own list.
    #[serde(default)]
    pub list: Option<String>,
    pub region: Region,
    pub lines: Vec<CartLine>,
}

/// The most lists one cart holds lines of: each becomes an order at checkout.
pub const MAX_LISTS: usize = 9;

/// Why a cart change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    #[error("unknown SKU '{}'{}: run `order-desk catalog` to list them", crate::domain::text::escaped(.sku), hint.as_ref().map(|h| format!(" (did you mean '{h}'?)")).unwrap_or_default())]
    UnknownSku { sku: String, hint: Option<String> },
    #[error("quantity {quantity} for {} is out of range: use 1 to {MAX_QUANTITY}", crate::domain::text::escaped(.sku))]
    Quantity { sku: String, quantity: u64 },
}

/// A cart line with its catalog entry and price in the cart's region.
#[derive(Debug, Clone, Copy)]
pub struct PricedLine<'a> {
    pub entry: TierEntry<'a>,
    pub quantity: u32,
    pub unit_price: Decimal,
    pub line_total: Decimal,
}

impl Cart {
    pub fn new(region: Region) -> Cart {
        Cart {
            region,
            ..Cart::default()
        }
    }

    /// No line of any list.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.parked.is_empty()
    }

    /// Sells from `list` now: the lines of the list left are kept aside, and the lines
    /// kept for `list` come back in the region they were in (else `region`).
    pub fn switch_list(&mut self, list: Option<String>, region: Region) {
        if list == self.list {
            return;
        }
        let back = self
            .parked
            .iter()
            .position(|p| p.list == list)
            .map(|at| self.parked.remove(at));
        let left = ListPart {
            list: std::mem::replace(&mut self.list, list),
            region: self.region,
            lines: std::mem::take(&mut self.lines),
        };
        if !left.lines.is_empty() {
            self.parked.push(left);
        }
        match back {
            Some(part) => {
                self.region = part.region;
                self.lines = part.lines;
            }
            None => self.region = region,
        }
    }

    /// Each list's lines as a cart of their own, the list on screen first: what checkout
    /// turns into one order per list. Empty parts are left out.
    pub fn parts(&self) -> Vec<Cart> {
        let here = Cart {
            parked: Vec::new(),
            ..self.clone()
        };
        std::iter::once(here)
            .chain(self.parked.iter().map(|p| Cart {
                region: p.region,
                lines: p.lines.clone(),
                repurchase_of: None,
                list: p.list.clone(),
                parked: Vec::new(),
            }))
            .filter(|c| !c.lines.is_empty())
            .collect()
    }

    /// Takes out the lines of `list` (an order of them was saved); the cart stays on the
    /// list it is on.
    pub fn drop_list(&mut self, list: Option<&str>) {
        if self.list.as_deref() == list {
            self.lines.clear();
            self.repurchase_of = None;
        }
        self.parked.retain(|p| p.list.as_deref() != list);
    }

    /// Adds `quantity` units of a tier; adding a tier already in the cart raises its quantity.
    pub fn add(&mut self, catalog: &Catalog, sku: &str, quantity: u32) -> Result<(), CartError> {
        check_sku(catalog, sku)?;
        let current = self.quantity_of(sku);
        let wanted = u64::from(current) + u64::from(quantity);
        check_quantity(sku, wanted)?;
        match self.lines.iter_mut().find(|l| l.sku == sku) {
            Some(line) => line.quantity = wanted as u32,
            None => self.lines.push(CartLine {
                sku: sku.to_string(),
                quantity,
            }),
        }
        Ok(())
    }

    /// Sets a line's quantity; 0 is refused (remove the line instead).
    pub fn set_quantity(&mut self, sku: &str, quantity: u32) -> Result<(), CartError> {
        check_quantity(sku, u64::from(quantity))?;
        if let Some(line) = self.lines.iter_mut().find(|l| l.sku == sku) {
            line.quantity = quantity;
        }
        Ok(())
    }

    /// Removes a line and returns it (so the UI can offer undo).
    pub fn remove(&mut self, sku: &str) -> Option<(usize, CartLine)> {
        let at = self.lines.iter().position(|l| l.sku == sku)?;
        Some((at, self.lines.remove(at)))
    }

    pub fn quantity_of(&self, sku: &str) -> u32 {
        self.lines
            .iter()
            .find(|l| l.sku == sku)
            .map_or(0, |l| l.quantity)
    }

    /// Each line priced in the cart's region. Lines whose SKU the catalog lacks are skipped
    /// (a draft saved under another price list); `unknown_skus` names them.
    pub fn priced<'a>(&self, catalog: &'a Catalog) -> Vec<PricedLine<'a>> {
        self.lines
            .iter()
            .filter_map(|line| {
                let entry = catalog.get(&line.sku)?;
                // A region the list does not price in is refused where the cart's region
                // is set; a line without a price there is left out, never priced at 0.
                let unit_price = entry.tier.price.get(self.region)?;
                Some(PricedLine {
                    entry,
                    quantity: line.quantity,
                    unit_price,
                    line_total: unit_price * Decimal::from(line.quantity),
                })
            })
            .collect()
    }

    /// SKUs in the cart that the catalog does not know.
    pub fn unknown_skus(&self, catalog: &Catalog) -> Vec<String> {
        self.lines
            .iter()
            .filter(|l| catalog.get(&l.sku).is_none())
            .map(|l| l.sku.clone())
            .collect()
    }

    /// The exact total in the cart's region.
    pub fn total(&self, catalog: &Catalog) -> Decimal {
        self.priced(catalog).iter().map(|l| l.line_total).sum()
    }

    /// Checks a cart read back from a draft file, like any input: well-formed SKUs, each
    /// once, quantities in range, at most [`MAX_LINES`](crate::domain::money::MAX_LINES) lines and
    /// a repurchase link that is an order id (never a path). SKUs the price list does not
    /// know are allowed here: the cart shows them and checkout refuses them.
    pub fn check(&self) -> Result<(), String> {
        if self.lines.len() > crate::domain::money::MAX_LINES {
            return Err(format!(
                "{} lines; a cart holds at most {}",
                self.lines.len(),
                crate::domain::money::MAX_LINES
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for line in &self.lines {
            if !crate::domain::catalog::is_valid_sku(&line.sku) {
                return Err(format!(
                    "SKU '{}' must be 1-64 lowercase letters, digits or '-'",
                    crate::domain::text::escaped(&line.sku)
                ));
            }
            if !seen.insert(line.sku.as_str()) {
                return Err(format!("SKU {} is listed twice", line.sku));
            }
            check_quantity(&line.sku, u64::from(line.quantity)).map_err(|e| e.to_string())?;
        }
        if let Some(old) = &self.repurchase_of {
            crate::domain::order_id::validate(old).map_err(|e| e.to_string())?;
        }
        let all: usize =
            self.lines.len() + self.parked.iter().map(|p| p.lines.len()).sum::<usize>();
        if all > crate::domain::money::MAX_LINES {
            return Err(format!(
                "{all} lines over its lists; a cart holds at most {}",
                crate::domain::money::MAX_LINES
            ));
        }
        if self.parked.len() >= MAX_LISTS {
            return Err(format!(
                "lines of {} lists; a cart holds at most {MAX_LISTS}",
                self.parked.len() + 1
            ));
        }
        let mut lists = std::collections::HashSet::from([self.list.as_deref()]);
        for part in &self.parked {
            if !lists.insert(part.list.as_deref()) {
                return Err(format!(
                    "list {} is in the cart twice",
                    part.list
                        .as_deref()
                        .unwrap_or(crate::domain::catalog::BUILTIN_LIST)
                ));
            }
            if let Some(id) = &part.list
                && !crate::domain::catalog::is_valid_sku(id)
            {
                return Err(format!(
                    "list id '{}' must be lowercase letters, digits or '-'",
                    crate::domain::text::escaped(id)
                ));
            }
            let alone = Cart {
                region: part.region,
                lines: part.lines.clone(),
                ..Cart::default()
            };
            alone.check()?;
        }
        Ok(())
    }

    /// Number of units over all lines.
    pub fn units(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity).sum()
    }
}

fn check_sku(catalog: &Catalog, sku: &str) -> Result<(), CartError> {
    if catalog.get(sku).is_some() {
        Ok(())
    } else {
        Err(CartError::UnknownSku {
            sku: sku.to_string(),
            hint: catalog.suggest(sku).map(str::to_string),
        })
    }
}

fn check_quantity(sku: &str, quantity: u64) -> Result<(), CartError> {
    if (1..=u64::from(MAX_QUANTITY)).contains(&quantity) {
        Ok(())
    } else {
        Err(CartError::Quantity {
            sku: sku.to_string(),
            quantity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn adding_again_raises_quantity_and_region_reprices() {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&c, "distill-platinum", 1).unwrap();
        cart.add(&c, "distill-platinum", 1).unwrap();
        cart.add(&c, "support-flagship", 1).unwrap();
        assert_eq!(cart.lines.len(), 2);
        assert_eq!(cart.quantity_of("distill-platinum"), 2);
        assert_eq!(cart.total(&c), d("1850000.00"));
        cart.region = Region::Oc2;
        assert_eq!(cart.total(&c), d("2760000.00"));
    }

    #[test]
    fn refuses_unknown_sku_with_a_hint_and_bad_quantities() {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        let err = cart.add(&c, "distill-gold", 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown SKU 'distill-gold' (did you mean 'distill-standard'?): run `order-desk catalog` to list them"
        );
        assert!(cart.add(&c, "dev-basic", 0).is_err());
        assert!(cart.add(&c, "dev-basic", 1000).is_err());
        cart.add(&c, "dev-basic", 999).unwrap();
        assert!(cart.add(&c, "dev-basic", 1).is_err());
        assert_eq!(cart.quantity_of("dev-basic"), 999);
        assert!(cart.set_quantity("dev-basic", 0).is_err());
        cart.set_quantity("dev-basic", 3).unwrap();
        assert_eq!(cart.remove("dev-basic").unwrap().1.quantity, 3);
        assert!(cart.is_empty());
    }

    #[test]
    fn b14_a_hand_edited_draft_is_checked_like_input() {
        let line = |sku: &str, quantity| CartLine {
            sku: sku.into(),
            quantity,
        };
        let mut cart = Cart::new(Region::Oc1);
        cart.lines = vec![line("dev-basic", 2), line("gone-sku", 1)];
        cart.check().unwrap();
        for bad in [
            vec![line("dev-basic", 5000)],
            vec![line("dev-basic", 0)],
            vec![line("dev-basic", 1), line("dev-basic", 1)],
            vec![line("../x", 1)],
        ] {
            cart.lines = bad;
            assert!(cart.check().is_err(), "{:?}", cart.lines);
        }
        cart.lines = vec![line("dev-basic", 1)];
        cart.repurchase_of = Some("../../etc/passwd".into());
        assert!(cart.check().is_err());
        // At most 1,000 lines, each a different SKU: the 1,000th is kept, the 1,001st is not.
        cart.repurchase_of = None;
        cart.lines = (0..1000).map(|i| line(&format!("sku-{i}"), 1)).collect();
        cart.check().unwrap();
        cart.lines.push(line("sku-1000", 1));
        assert!(cart.check().unwrap_err().contains("at most 1000"));
    }

    #[test]
    fn lines_of_another_list_are_kept_aside_and_come_back_with_their_region() {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc2);
        cart.add(&c, "dev-basic", 3).unwrap();
        cart.switch_list(Some("transfer".into()), Region::R1);
        // The list moved to starts empty, in its own region; the first list's lines wait.
        assert_eq!(
            (cart.list.as_deref(), cart.region),
            (Some("transfer"), Region::R1)
        );
        assert!(cart.lines.is_empty() && !cart.is_empty());
        cart.lines.push(CartLine {
            sku: "gpu-hours".into(),
            quantity: 2,
        });
        cart.switch_list(None, Region::Oc1);
        // Back on the desk's list: its three units in OC2, as they were.
        assert_eq!((cart.list.as_deref(), cart.region), (None, Region::Oc2));
        assert_eq!(cart.quantity_of("dev-basic"), 3);
        let parts = cart.parts();
        assert_eq!(parts.len(), 2, "one order per list");
        assert_eq!(parts[0].list, None);
        assert_eq!(parts[1].list.as_deref(), Some("transfer"));
        assert_eq!(
            (parts[1].region, parts[1].lines[0].quantity),
            (Region::R1, 2)
        );
        assert!(parts.iter().all(|p| p.parked.is_empty()));
        // The saved order's list leaves the cart; the rest stays.
        cart.drop_list(Some("transfer"));
        assert_eq!(cart.parts().len(), 1);
        cart.drop_list(None);
        assert!(cart.is_empty());
        // Switching away from an empty list keeps nothing for it.
        cart.switch_list(Some("transfer".into()), Region::R1);
        assert!(cart.parked.is_empty());
        assert!(cart.check().is_ok());
        cart.parked.push(ListPart {
            list: Some("transfer".into()),
            region: Region::R1,
            lines: Vec::new(),
        });
        assert_eq!(
            cart.check().unwrap_err(),
            "list transfer is in the cart twice"
        );
        // The draft's size stays bounded: at most MAX_LINES over all the lists.
        let many = |n: usize| {
            (0..n)
                .map(|i| CartLine {
                    sku: format!("t{i}"),
                    quantity: 1,
                })
                .collect::<Vec<_>>()
        };
        cart.parked = vec![ListPart {
            list: None,
            region: Region::Oc1,
            lines: many(crate::domain::money::MAX_LINES),
        }];
        cart.lines = many(1);
        assert!(
            cart.check()
                .unwrap_err()
                .contains("a cart holds at most 1000")
        );
        cart.lines.clear();
        assert!(cart.check().is_ok());
        // A kept list's id and lines are checked like the cart's own: a hand-edited draft
        // names no path and holds no line out of range.
        cart.parked = vec![ListPart {
            list: Some("../orders".into()),
            region: Region::R1,
            lines: many(1),
        }];
        assert!(cart.check().unwrap_err().contains("list id '../orders'"));
        cart.parked[0].list = Some("workshop".into());
        assert!(cart.check().is_ok());
        cart.parked[0].lines[0].quantity = 0;
        assert!(cart.check().unwrap_err().contains("out of range"));
    }

    #[test]
    fn units_count_every_unit_of_every_line() {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        assert_eq!(cart.units(), 0);
        cart.add(&c, "dev-basic", 2).unwrap();
        cart.add(&c, "support-flagship", 999).unwrap();
        assert_eq!(cart.units(), 1001);
    }

    proptest! {
        #[test]
        fn total_is_the_exact_sum_of_lines(picks in proptest::collection::vec((0usize..37, 1u32..=999), 0..20), oc2 in any::<bool>()) {
            let c = Catalog::builtin();
            let skus: Vec<String> = c.tiers().map(|e| e.tier.sku.clone()).collect();
            let mut cart = Cart::new(if oc2 { Region::Oc2 } else { Region::Oc1 });
            for (i, q) in picks {
                let _ = cart.add(&c, &skus[i], q);
            }
            let mut cents: i128 = 0;
            for line in &cart.lines {
                let price = c.get(&line.sku).unwrap().tier.price.get(cart.region).unwrap();
                prop_assert!(line.quantity >= 1 && line.quantity <= MAX_QUANTITY);
                cents += (price * Decimal::from(100)).mantissa() / 10i128.pow((price * Decimal::from(100)).scale()) * i128::from(line.quantity);
            }
            prop_assert_eq!(cart.total(&c) * Decimal::from(100), Decimal::from_i128_with_scale(cents, 0));
        }
    }
}
