//! Browsing the price list: the families → services → tiers columns, narrowed by the
//! `/` filter, and where the cursor is in each column.

use crate::domain::catalog::{Catalog, TierRef};

/// The catalog columns: the price lists (shown when there is more than one), then
/// families, services and tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    Lists,
    #[default]
    Families,
    Services,
    Tiers,
}

/// The cursor in each column (positions in the filtered lists) and the filter text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Browse {
    pub column: Column,
    pub family: usize,
    pub service: usize,
    pub tier: usize,
    pub filter: String,
    /// The tier and column the rep was on when they started typing the filter: Esc while
    /// typing goes back there.
    pub before_filter: Option<(TierRef, Column)>,
}

/// A service that passes the filter and its tiers that do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceNode {
    pub service: usize,
    pub tiers: Vec<usize>,
}

/// A family that passes the filter and its services that do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyNode {
    pub family: usize,
    pub services: Vec<ServiceNode>,
}

/// The price list as the filter lets it through, in the seed's order. Tiny (37 tiers),
/// so it is rebuilt whenever needed rather than cached.
pub fn tree(catalog: &Catalog, filter: &str) -> Vec<FamilyNode> {
    let needle = filter.trim().to_lowercase();
    let hit = |text: &str| needle.is_empty() || text.to_lowercase().contains(&needle);
    catalog
        .families
        .iter()
        .enumerate()
        .filter_map(|(f, family)| {
            let services: Vec<ServiceNode> = family
                .services
                .iter()
                .enumerate()
                .filter_map(|(s, service)| {
                    // A service or family name that matches brings all its tiers.
                    let whole = hit(&service.name) || hit(&family.name);
                    let tiers: Vec<usize> = service
                        .tiers
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| whole || hit(&t.name) || hit(&t.sku))
                        .map(|(t, _)| t)
                        .collect();
                    (!tiers.is_empty()).then_some(ServiceNode { service: s, tiers })
                })
                .collect();
            (!services.is_empty()).then_some(FamilyNode {
                family: f,
                services,
            })
        })
        .collect()
}

/// Where the cursor is, clamped to what the filter shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub family: usize,
    pub service: usize,
    pub tier: usize,
    /// The highlighted tier in the catalog.
    pub at: TierRef,
}

impl Browse {
    /// The cursor clamped to the tree, or `None` when the filter matches nothing.
    pub fn cursor(&self, tree: &[FamilyNode]) -> Option<Cursor> {
        let family = self.family.min(tree.len().checked_sub(1)?);
        let services = &tree[family].services;
        let service = self.service.min(services.len().checked_sub(1)?);
        let tiers = &services[service].tiers;
        let tier = self.tier.min(tiers.len().checked_sub(1)?);
        Some(Cursor {
            family,
            service,
            tier,
            at: TierRef {
                family: tree[family].family,
                service: services[service].service,
                tier: tiers[tier],
            },
        })
    }

    /// How many entries the focused column holds.
    pub fn column_len(&self, tree: &[FamilyNode]) -> usize {
        let Some(c) = self.cursor(tree) else { return 0 };
        match self.column {
            // The lists column moves through `Setup::lists`, not the tree.
            Column::Lists => 0,
            Column::Families => tree.len(),
            Column::Services => tree[c.family].services.len(),
            Column::Tiers => tree[c.family].services[c.service].tiers.len(),
        }
    }

    /// Moves the cursor of the focused column to `to` (clamped); moving a parent column
    /// starts its children at the top.
    pub fn select(&mut self, tree: &[FamilyNode], to: usize) {
        let last = self.column_len(tree).saturating_sub(1);
        let to = to.min(last);
        if let Some(c) = self.cursor(tree) {
            self.family = c.family;
            self.service = c.service;
            self.tier = c.tier;
        }
        match self.column {
            Column::Lists => {}
            Column::Families => {
                if self.family != to {
                    self.service = 0;
                    self.tier = 0;
                }
                self.family = to;
            }
            Column::Services => {
                if self.service != to {
                    self.tier = 0;
                }
                self.service = to;
            }
            Column::Tiers => self.tier = to,
        }
    }

    /// Puts the cursor on tier `at` if `tree` shows it; true if it does.
    pub fn select_tier(&mut self, tree: &[FamilyNode], at: TierRef) -> bool {
        for (f, family) in tree.iter().enumerate() {
            for (s, service) in family.services.iter().enumerate() {
                for (t, tier) in service.tiers.iter().enumerate() {
                    if (family.family, service.service, *tier) == (at.family, at.service, at.tier) {
                        (self.family, self.service, self.tier) = (f, s, t);
                        return true;
                    }
                }
            }
        }
        false
    }

    /// The position of the focused column's cursor.
    pub fn position(&self, tree: &[FamilyNode]) -> usize {
        match (self.cursor(tree), self.column) {
            (None, _) | (_, Column::Lists) => 0,
            (Some(c), Column::Families) => c.family,
            (Some(c), Column::Services) => c.service,
            (Some(c), Column::Tiers) => c.tier,
        }
    }
}
