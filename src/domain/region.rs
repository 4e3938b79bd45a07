//! Which price region a customer's country pays, and why.
//!
//! Promises:
//! - Every ISO 3166-1 country (the 249 that `keshvar` carries) has an answer: a region
//!   with its basis, or a stated "not covered" that the rep must settle with a reason.
//! - The answer comes from the country's UN M49 region and subregion (from `keshvar`,
//!   never a hand-typed list) read through the reviewed rules in `data/regions.ron`,
//!   which is compiled in: a country rule first, then the subregion, then the region.
//! - A convention (Iran, Afghanistan, Pakistan, Central Asia, the Caucasus) is a
//!   suggestion and says so; only `Named` and `ListWords` are the price list's own words.
//! - A country is found by its alpha-2 code or its English name, case-insensitively; an
//!   unknown one gets close names as suggestions. Pure: no file, clock or terminal.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use keshvar::{Alpha2, Country, CountryIterator};
use serde::{Deserialize, Serialize};

use crate::domain::catalog::Region;

/// The reviewed rules, compiled in.
pub const RULES_SOURCE: &str = include_str!("../../data/regions.ron");

/// On what ground a country's region was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// The price list names the country itself (Brazil, Russia).
    Named,
    /// The price list names the country's M49 area (Europe, Africa, Asia Pacific, Latin
    /// America, Middle East).
    ListWords,
    /// A suggestion: the list's words do not settle it.
    Convention,
    /// The price list names no region for it: the rep picks one and gives a reason.
    NotCovered,
}

impl Basis {
    /// The short word used in CSV and tables.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Named => "named in the price list",
            Basis::ListWords => "the price list's words",
            Basis::Convention => "convention",
            Basis::NotCovered => "not covered",
        }
    }
}

/// One reviewed rule from `data/regions.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Rule {
    pub region: Option<Region>,
    pub basis: Basis,
    pub why: String,
}

#[derive(Debug, Deserialize)]
struct Rules {
    countries: HashMap<String, Rule>,
    subregions: HashMap<String, Rule>,
    regions: HashMap<String, Rule>,
    unplaced: Rule,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    parse_rules(RULES_SOURCE).expect("data/regions.ron is checked by the region tests")
});

fn parse_rules(text: &str) -> Result<Rules, String> {
    let rules: Rules = ron::from_str(text).map_err(|e| e.to_string())?;
    for (key, rule) in rules
        .countries
        .iter()
        .chain(&rules.subregions)
        .chain(&rules.regions)
        .chain([(&"unplaced".to_string(), &rules.unplaced)])
    {
        // A region and "not covered" contradict each other, and so do no region and a basis.
        if rule.region.is_none() != (rule.basis == Basis::NotCovered) {
            return Err(format!(
                "rule {key}: a region goes with every basis but NotCovered"
            ));
        }
    }
    Ok(rules)
}

/// A country's answer: where it pays and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    /// The ISO short English name.
    pub country: String,
    /// The region, or `None` when the price list names none.
    pub region: Option<Region>,
    pub basis: Basis,
    /// Why, in a sentence fragment ("Brazil is named in OC2, …").
    pub why: String,
    /// The country's UN M49 subregion and region ("south america, americas").
    pub m49: String,
}

impl Answer {
    /// "convention: Iran is usually counted …" — the basis and the reason together.
    pub fn basis_text(&self) -> String {
        format!("{}: {}", self.basis.label(), self.why)
    }
}

/// Why a typed country was not found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownCountry {
    pub typed: String,
    pub suggestions: Vec<String>,
}

impl fmt::Display for UnknownCountry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown country '{}': give an ISO 3166-1 alpha-2 code (e.g. BR) or an English name",
            crate::domain::text::clean(&self.typed)
        )?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

/// The answer for a country known to keshvar.
fn answer_for(country: &Country) -> Answer {
    let rules = &*RULES;
    let code = country.alpha2().to_string();
    let sub = country.maybe_subregion().map(|s| s.to_string());
    let region = country.maybe_region().map(|r| r.to_string());
    let rule = rules
        .countries
        .get(&code)
        .or_else(|| sub.as_ref().and_then(|s| rules.subregions.get(s)))
        .or_else(|| region.as_ref().and_then(|r| rules.regions.get(r)))
        .unwrap_or(&rules.unplaced);
    let m49 = match (sub, region) {
        (Some(sub), Some(region)) => format!("{sub}, {region}").replace('-', " "),
        (None, Some(region)) => region,
        _ => "no region".to_string(),
    };
    Answer {
        code,
        country: country.iso_short_name().to_string(),
        region: rule.region,
        basis: rule.basis,
        why: rule.why.clone(),
        m49,
    }
}

/// Every ISO 3166-1 country with its answer, by alpha-2 code.
pub fn all() -> Vec<Answer> {
    let mut all: Vec<Answer> = CountryIterator::new().map(|c| answer_for(&c)).collect();
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all
}

/// Folds a name for matching: lower case, letters and digits only.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The country typed as an alpha-2 code or an English name (ISO short or long name, or a
/// common name keshvar knows), any case.
pub fn find(typed: &str) -> Result<Answer, UnknownCountry> {
    let trimmed = typed.trim();
    if trimmed.chars().count() == 2
        && let Ok(alpha2) = Alpha2::try_from(trimmed)
    {
        return Ok(answer_for(&alpha2.to_country()));
    }
    let folded = fold(trimmed);
    if !folded.is_empty() {
        for country in CountryIterator::new() {
            let names = [country.iso_short_name(), country.iso_long_name()];
            if names
                .iter()
                .chain(country.unofficial_name_list())
                .any(|n| fold(n) == folded)
            {
                return Ok(answer_for(&country));
            }
        }
    }
    Err(UnknownCountry {
        typed: trimmed.chars().take(60).collect(),
        suggestions: suggest(&folded),
    })
}

/// Up to three countries whose names start with, contain or nearly match what was typed.
fn suggest(folded: &str) -> Vec<String> {
    if folded.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, String)> = CountryIterator::new()
        .filter_map(|c| {
            let name = fold(c.iso_short_name());
            let score = if name.starts_with(folded) || folded.starts_with(&name) {
                0
            } else if name.contains(folded) {
                1
            } else {
                let d = edit_distance(&name, folded);
                if d > 2 + folded.len() / 4 {
                    return None;
                }
                1 + d
            };
            Some((score, format!("{} ({})", c.iso_short_name(), c.alpha2())))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, s)| s).collect()
}

/// Levenshtein distance over characters (names are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// How an order's region was chosen, kept in the order file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegionChoice {
    /// Derived from the country (or given and agreeing with it), on this basis.
    Derived { basis: Basis },
    /// Chosen by the rep against the country's answer, or for a country the list does
    /// not cover, with the rep's reason.
    Chosen { reason: String },
}

impl RegionChoice {
    /// One line for `order show` and the app's detail.
    pub fn describe(&self, country: Option<&Answer>) -> String {
        match (self, country) {
            (RegionChoice::Derived { basis }, Some(a)) => {
                format!("from the country ({}: {})", basis.label(), a.why)
            }
            (RegionChoice::Derived { basis }, None) => {
                format!("from the country ({})", basis.label())
            }
            (RegionChoice::Chosen { reason }, Some(a)) => match a.region {
                Some(suggested) => format!(
                    "chosen by the rep against the country's {suggested}: {}",
                    crate::domain::text::clean(reason)
                ),
                None => format!(
                    "chosen by the rep (the country is not covered): {}",
                    crate::domain::text::clean(reason)
                ),
            },
            (RegionChoice::Chosen { reason }, None) => {
                format!("chosen by the rep: {}", crate::domain::text::clean(reason))
            }
        }
    }
}

/// Why a region cannot be recorded for a country as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChoiceError {
    #[error(
        "{country} ({code}) pays {derived} ({basis}: {why}), not {given}: drop --region, or keep it with --region-reason TEXT"
    )]
    Disagrees {
        code: String,
        country: String,
        given: Region,
        derived: Region,
        basis: &'static str,
        why: String,
    },
    #[error(
        "the price list names no region for {country} ({code}): {why}; pick one of the list's regions with --region and say why with --region-reason TEXT"
    )]
    NotCovered {
        code: String,
        country: String,
        why: String,
    },
}

/// Settles an order's region from its country, a region the rep typed and a reason.
/// With no region typed, the country's region is used; a typed region that disagrees,
/// or any region for a country the list does not cover, needs a reason.
pub fn choose(
    answer: &Answer,
    given: Option<Region>,
    reason: Option<&str>,
) -> Result<(Region, RegionChoice), ChoiceError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match (answer.region, given, reason) {
        (Some(derived), None, _) => Ok((
            derived,
            RegionChoice::Derived {
                basis: answer.basis,
            },
        )),
        (Some(derived), Some(given), _) if given == derived => Ok((
            derived,
            RegionChoice::Derived {
                basis: answer.basis,
            },
        )),
        (_, Some(given), Some(reason)) => Ok((
            given,
            RegionChoice::Chosen {
                reason: reason.to_string(),
            },
        )),
        (Some(derived), Some(given), None) => Err(ChoiceError::Disagrees {
            code: answer.code.clone(),
            country: answer.country.clone(),
            given,
            derived,
            basis: answer.basis.label(),
            why: answer.why.clone(),
        }),
        (None, _, _) => Err(ChoiceError::NotCovered {
            code: answer.code.clone(),
            country: answer.country.clone(),
            why: answer.why.clone(),
        }),
    }
}

/// A customer's region settled from what was typed (a country, a region, a reason) and
/// what the customer book knows: the one rule `order new`, `quote new` and the app's
/// checkout and quote forms all follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub region: Region,
    /// The country's ISO alpha-2 code, when one is known.
    pub country: Option<String>,
    pub choice: Option<RegionChoice>,
}

/// Why a region could not be settled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettleError {
    #[error("{0}")]
    UnknownCountry(#[from] UnknownCountry),
    #[error("{0}")]
    Choice(#[from] ChoiceError),
    /// Neither a country (typed or from the book) nor a region.
    #[error("no country and no region")]
    NoRegion,
    #[error("the price list has no region {region}: use one of {regions}")]
    NotInList { region: Region, regions: String },
}

/// Settles the region: the typed country wins over the book's (`known`); with a
/// country, [`choose`] decides (a typed region against it, or any region for a country
/// the list does not cover, needs a reason); without one, the typed region is used as
/// it stands, with the reason recorded if one was given.
pub fn settle(
    typed_country: Option<&str>,
    known: Option<Answer>,
    typed_region: Option<Region>,
    reason: Option<&str>,
) -> Result<Settled, SettleError> {
    let country = match typed_country {
        Some(typed) => Some(find(typed)?),
        None => known,
    };
    settle_answer(country, typed_region, reason)
}

/// [`settle`] with the country already answered (by an imported list's words, see
/// [`crate::domain::region_words`]).
pub fn settle_answer(
    country: Option<Answer>,
    typed_region: Option<Region>,
    reason: Option<&str>,
) -> Result<Settled, SettleError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match country {
        Some(answer) => {
            let (region, choice) = choose(&answer, typed_region, reason)?;
            Ok(Settled {
                region,
                country: Some(answer.code),
                choice: Some(choice),
            })
        }
        None => Ok(Settled {
            region: typed_region.ok_or(SettleError::NoRegion)?,
            country: None,
            choice: reason.map(|reason| RegionChoice::Chosen {
                reason: reason.to_string(),
            }),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_file_reads_and_a_contradiction_is_refused() {
        assert!(parse_rules(RULES_SOURCE).is_ok());
        let bad = RULES_SOURCE.replacen(
            "\"BR\": (region: Some(oc2), basis: Named",
            "\"BR\": (region: None, basis: Named",
            1,
        );
        assert!(parse_rules(&bad).is_err());
    }

    #[test]
    fn every_rule_key_names_something_keshvar_has() {
        let rules = parse_rules(RULES_SOURCE).unwrap();
        let countries: Vec<Country> = CountryIterator::new().collect();
        for code in rules.countries.keys() {
            assert!(Alpha2::try_from(code.as_str()).is_ok(), "{code}");
        }
        for sub in rules.subregions.keys() {
            assert!(
                countries
                    .iter()
                    .any(|c| c.maybe_subregion().map(|s| s.to_string()).as_deref() == Some(sub)),
                "no country in subregion {sub}"
            );
        }
        for region in rules.regions.keys() {
            assert!(
                countries
                    .iter()
                    .any(|c| c.maybe_region().map(|r| r.to_string()).as_deref() == Some(region)),
                "no country in region {region}"
            );
        }
    }

    #[test]
    fn a_typed_region_against_the_country_needs_a_reason() {
        let brazil = find("br").unwrap();
        assert_eq!(
            choose(&brazil, None, None).unwrap().0,
            Region::Oc2,
            "derived"
        );
        assert!(matches!(
            choose(&brazil, Some(Region::Oc1), None),
            Err(ChoiceError::Disagrees { .. })
        ));
        assert!(matches!(
            choose(&brazil, Some(Region::Oc1), Some("  ")),
            Err(ChoiceError::Disagrees { .. })
        ));
        let (region, choice) =
            choose(&brazil, Some(Region::Oc1), Some("contract signed in Chile")).unwrap();
        assert_eq!(region, Region::Oc1);
        assert_eq!(
            choice,
            RegionChoice::Chosen {
                reason: "contract signed in Chile".into()
            }
        );
        // Agreeing with the country needs no reason.
        assert!(matches!(
            choose(&brazil, Some(Region::Oc2), None),
            Ok((Region::Oc2, RegionChoice::Derived { .. }))
        ));
    }

    #[test]
    fn a_not_covered_country_needs_a_region_and_a_reason() {
        let us = find("United States of America").unwrap();
        assert!(matches!(
            choose(&us, None, None),
            Err(ChoiceError::NotCovered { .. })
        ));
        assert!(matches!(
            choose(&us, Some(Region::Oc1), None),
            Err(ChoiceError::NotCovered { .. })
        ));
        assert!(matches!(
            choose(&us, None, Some("reason without a region")),
            Err(ChoiceError::NotCovered { .. })
        ));
        assert_eq!(
            choose(&us, Some(Region::Oc2), Some("billed via the Dublin office"))
                .unwrap()
                .0,
            Region::Oc2
        );
    }

    #[test]
    fn the_m49_line_names_the_subregion_and_region_or_says_none() {
        // keshvar's names, with dashes as spaces ("latin-america" style keys).
        assert_eq!(find("BR").unwrap().m49, "south america, americas");
        assert_eq!(find("AQ").unwrap().m49, "no region");
        // Every country keshvar places has both a subregion and a region (so the
        // region-only line is never reached with today's data).
        for a in all() {
            assert!(
                a.m49 == "no region" || a.m49.contains(", "),
                "{}: {}",
                a.code,
                a.m49
            );
        }
    }

    #[test]
    fn suggestions_rank_prefixes_then_names_containing_it_then_near_misses() {
        // Names starting with what was typed first, then names holding it.
        assert_eq!(
            suggest("guine"),
            [
                "Guinea (GN)",
                "Guinea-Bissau (GW)",
                "Equatorial Guinea (GQ)"
            ]
        );
        // Near misses up to 2 + len/4 edits, closest first: "brzl" is 2 edits from
        // Brazil and 3 (the most allowed for four letters) from Iraq; nothing else is
        // within 3.
        assert_eq!(suggest("brzl"), ["Brazil (BR)", "Iraq (IQ)"]);
        assert_eq!(suggest("swtzrlnd"), ["Switzerland (CH)"]);
        // A name holding what was typed comes before a near miss of one edit.
        assert_eq!(suggest("cua"), ["Ecuador (EC)", "Cuba (CU)", "Chad (TD)"]);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("flaw", "lawn"), 2);
        assert_eq!(edit_distance("abc", "ab"), 1);
        assert_eq!(edit_distance("ac", "abc"), 1);
        assert!(suggest("xxxxxxxxxxxx").is_empty());
    }

    #[test]
    fn suggestions_for_a_typo() {
        let e = find("Brazill").unwrap_err();
        assert!(e.suggestions.iter().any(|s| s.contains("(BR)")), "{e}");
        let e = find("zz").unwrap_err();
        assert!(e.to_string().contains("unknown country 'zz'"));
        assert!(edit_distance("kitten", "sitting") == 3);
    }
    #[test]
    fn settle_follows_the_typed_country_then_the_book() {
        let book = find("DE").ok();
        let typed = settle(Some("brazil"), book.clone(), None, None).unwrap();
        assert_eq!(
            (typed.region, typed.country.as_deref()),
            (Region::Oc2, Some("BR"))
        );
        let known = settle(None, find("RU").ok(), None, None).unwrap();
        assert_eq!(
            (known.region, known.country.as_deref()),
            (Region::Oc1, Some("RU"))
        );
        assert!(matches!(
            settle(Some("BR"), None, Some(Region::Oc1), None),
            Err(SettleError::Choice(ChoiceError::Disagrees { .. }))
        ));
        assert!(matches!(
            settle(Some("Atlantis"), None, None, None),
            Err(SettleError::UnknownCountry(_))
        ));
        assert_eq!(settle(None, None, None, None), Err(SettleError::NoRegion));
        let plain = settle(None, None, Some(Region::Oc1), Some(" ")).unwrap();
        assert_eq!((plain.country, plain.choice), (None, None));
    }
}
