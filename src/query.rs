//! A search over orders as a rep types it: every word must occur, in any order, and a
//! word that names a service or tier of the price list ("distillation", "flagship",
//! "migration") also finds the orders holding its SKUs.
//!
//! The names come from the price list at search time, not from the orders: a summary
//! stays as small as it is (the book holds 100,000 of them, see BENCHMARKS.md), and the
//! extra work is a handful of SKU checks for the words that name something.

use crate::catalog::Catalog;

/// One typed word and the SKUs whose names contain it, each as ` sku` (as it stands in a
/// summary's search text, after a space).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    skus: Vec<String>,
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
                    .map(|e| format!(" {}", e.tier.sku.to_lowercase()))
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

    /// True when every word occurs in `hay` (lower-case), itself or as a SKU it names.
    pub fn matches(&self, hay: &str) -> bool {
        self.words
            .iter()
            .all(|w| hay.contains(&w.text) || w.skus.iter().any(|sku| has_token(hay, sku)))
    }
}

/// `token` (starting with a space) occurs in `hay` and ends where a word ends, so
/// ` dev-basic` is not found in ` dev-basic-x`.
fn has_token(hay: &str, token: &str) -> bool {
    hay.match_indices(token).any(|(at, _)| {
        hay[at + token.len()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_naming_a_service_or_tier_finds_its_skus() {
        let catalog = Catalog::builtin();
        let hay = "20261126-120000-a acme corp sam distill-standard migrate-model";
        assert!(Query::new("distillation", &catalog).matches(hay));
        assert!(Query::new("Acme per model", &catalog).matches(hay));
        assert!(Query::new("", &catalog).matches(hay));
        assert!(!Query::new("flagship", &catalog).matches(hay));
        assert!(!Query::new("acme flagship", &catalog).matches(hay));
        assert!(Query::new("flagship", &catalog).matches("x support-flagship"));
        assert!(!has_token("x dev-basic-x", " dev-basic"));
    }

    #[test]
    fn a_longer_word_never_matches_more() {
        // What lets the search narrow the rows it already has as the rep types on.
        let catalog = Catalog::builtin();
        let hays = ["a dev-basic", "b tuning-basic", "c migrate-model", "d x"];
        for (short, long) in [("mod", "model"), ("de", "devel"), ("tun", "tuning")] {
            let (short, long) = (Query::new(short, &catalog), Query::new(long, &catalog));
            for hay in hays {
                assert!(!long.matches(hay) || short.matches(hay), "{hay}");
            }
        }
    }
}
