//! A search over orders as a rep types it: every word must occur, in any order, and a
//! word that names a service or tier of the price list ("distillation", "flagship",
//! "migration") also finds the orders holding its SKUs.
//!
//! The names come from the price list at search time, not from the orders: a summary
//! stays as small as it is (the book holds 100,000 of them, see BENCHMARKS.md), and the
//! extra work is a set lookup per order line, for the words that name something.

use std::collections::HashSet;

use crate::domain::catalog::Catalog;

/// One typed word and the SKUs whose names contain it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    skus: HashSet<String>,
}

/// A lower-cased search, ready to test search texts against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<Word>,
}

impl Query {
    /// The query for `needle` (any case) over orders of `catalog`'s tiers.
    pub fn new(needle: &str, catalog: &Catalog) -> Query {
        let words = needle
            .to_lowercase()
            .split_whitespace()
            .map(|word| Word {
                skus: catalog
                    .tiers()
                    .filter(|e| {
                        [&e.family.name, &e.service.name, &e.tier.name, &e.tier.tier]
                            .iter()
                            .any(|name| name.to_lowercase().contains(word))
                    })
                    .map(|e| e.tier.sku.clone())
                    .collect(),
                text: word.to_string(),
            })
            .collect();
        Query { words }
    }

    /// True when no word was typed (everything matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word occurs in `hay` (lower-case text).
    pub fn matches(&self, hay: &str) -> bool {
        self.words.iter().all(|w| hay.contains(&w.text))
    }

    /// True when every word occurs in an order's search text `hay`, or names the service
    /// or tier of one of its lines; `items` is the order's `sku=quantity;…` list. A few
    /// set lookups per order, so a word that names many tiers costs no more than one.
    pub fn matches_order(&self, hay: &str, items: &str) -> bool {
        self.words.iter().all(|w| {
            hay.contains(&w.text)
                || (!w.skus.is_empty()
                    && items
                        .split(';')
                        .any(|item| w.skus.contains(item.split('=').next().unwrap_or(item))))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_naming_a_service_or_tier_finds_its_skus() {
        let catalog = Catalog::builtin();
        let hay = "20261126-120000-a acme corp sam distill-standard migrate-model";
        let items = "distill-standard=2;migrate-model=1";
        let finds = |q: &str| Query::new(q, &catalog).matches_order(hay, items);
        assert!(finds("distillation"));
        assert!(finds("Acme per model"));
        assert!(finds(""));
        assert!(!finds("flagship"));
        assert!(!finds("acme flagship"));
        assert!(Query::new("flagship", &catalog).matches_order("x", "support-flagship=1"));
        // A SKU is matched whole: dev-basic is not in dev-basic-x.
        assert!(!Query::new("development", &catalog).matches_order("x", "dev-basic-x=1"));
    }

    #[test]
    fn a_longer_word_never_matches_more() {
        // What lets the search narrow the rows it already has as the rep types on.
        let catalog = Catalog::builtin();
        let orders = [
            ("a", "dev-basic=1"),
            ("b", "tuning-basic=2"),
            ("c", "migrate-model=1"),
            ("d x", ""),
        ];
        for (short, long) in [("mod", "model"), ("de", "devel"), ("tun", "tuning")] {
            let (short, long) = (Query::new(short, &catalog), Query::new(long, &catalog));
            for (hay, items) in orders {
                let (s, l) = (
                    short.matches_order(hay, items),
                    long.matches_order(hay, items),
                );
                assert!(!l || s, "{hay}");
            }
        }
    }
}
