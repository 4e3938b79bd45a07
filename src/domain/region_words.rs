//! Which region of an imported list a country pays, read from the list's own coverage
//! words ("Asia Pacific, Russia, and Latin America (excluding Brazil)", "Europe, Africa,
//! Brazil, and the Middle East", "Southern Africa") through the country's UN M49 region
//! and subregion, the data the built-in list's reviewed rules use.
//!
//! Promises:
//! - A country the words name itself (Brazil, Russia) pays that region, whatever area
//!   another region names; a named subregion (Southern Africa) wins over its region
//!   (Africa); "(excluding X)" takes X out of that region.
//! - Never a guess: a country two regions name alike, or none names, is not covered and
//!   the rep picks a region with a reason. A country the built-in rules place only by
//!   convention (Iran, the Caucasus) is a suggestion here too.
//! - A list with one price for all has one region and never asks.

use keshvar::{Alpha2, Country};

use super::catalog::{Catalog, Region};
use super::region::{Answer, Basis};

/// A place the words name. Each comes with how specific the words were: 3 a country,
/// 2 a subregion, 1 an area of several (Asia Pacific, Europe).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Country(String),
    Subregion(&'static str),
    Region(&'static str),
}

const SUBREGIONS: [&str; 22] = [
    "northern-africa",
    "eastern-africa",
    "middle-africa",
    "southern-africa",
    "western-africa",
    "caribbean",
    "central-america",
    "south-america",
    "northern-america",
    "central-asia",
    "eastern-asia",
    "south-eastern-asia",
    "southern-asia",
    "western-asia",
    "eastern-europe",
    "northern-europe",
    "southern-europe",
    "western-europe",
    "australia-and-new-zealand",
    "melanesia",
    "micronesia",
    "polynesia",
];

/// Places with how specific the words were.
type Places = Vec<(Place, u8)>;

/// The places one term of the words names; empty for a word this desk does not know.
fn places(term: &str) -> Places {
    let t = term.trim().trim_start_matches("the ").trim();
    let area = |p: Place| (p, 1u8);
    match t {
        "asia pacific" | "asia-pacific" | "apac" => vec![
            area(Place::Subregion("eastern-asia")),
            area(Place::Subregion("south-eastern-asia")),
            area(Place::Subregion("southern-asia")),
            area(Place::Subregion("central-asia")),
            area(Place::Region("oceania")),
        ],
        "latin america" | "latin america and the caribbean" => vec![
            area(Place::Subregion("caribbean")),
            area(Place::Subregion("central-america")),
            area(Place::Subregion("south-america")),
        ],
        "middle east" => vec![area(Place::Subregion("western-asia"))],
        "europe" => vec![area(Place::Region("europe"))],
        "africa" => vec![area(Place::Region("africa"))],
        "asia" => vec![area(Place::Region("asia"))],
        "oceania" => vec![area(Place::Region("oceania"))],
        "americas" => vec![area(Place::Region("americas"))],
        "north america" => vec![(Place::Subregion("northern-america"), 2)],
        "chinese mainland" | "mainland china" => vec![(Place::Country("CN".into()), 3)],
        _ => {
            let kebab = t.replace(' ', "-");
            if let Some(s) = SUBREGIONS.iter().find(|s| **s == kebab) {
                return vec![(Place::Subregion(s), 2)];
            }
            match super::region::find(t) {
                Ok(a) => vec![(Place::Country(a.code), 3)],
                Err(_) => Vec::new(),
            }
        }
    }
}

/// The places a region's coverage words include and exclude.
fn read(words: &str) -> (Places, Places) {
    let lower = words.to_lowercase();
    let mut included = String::new();
    let mut excluded = Vec::new();
    let mut rest = lower.as_str();
    // "(excluding Brazil)" and "excluding Brazil" take places out.
    while let Some(at) = rest.find("excluding") {
        included.push_str(&rest[..at]);
        let after = &rest[at + "excluding".len()..];
        let end = after.find([')', ';']).unwrap_or(after.len());
        excluded.extend(terms(&after[..end]).flat_map(|t| places(&t)));
        rest = &after[end..];
    }
    included.push_str(rest);
    let included = terms(&included).flat_map(|t| places(&t)).collect();
    (included, excluded)
}

fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split([',', ';', '(', ')', '.'])
        .flat_map(|part| part.split(" and "))
        .map(|t| t.trim().trim_start_matches("and ").trim().to_string())
        .filter(|t| !t.is_empty())
}

fn holds(place: &Place, country: &Country) -> bool {
    match place {
        Place::Country(code) => country.alpha2().to_string() == *code,
        Place::Subregion(s) => country
            .maybe_subregion()
            .is_some_and(|x| x.to_string() == *s),
        Place::Region(r) => country.maybe_region().is_some_and(|x| x.to_string() == *r),
    }
}

/// `answer` (the built-in list's, from [`super::region::find`]) as `catalog` answers it.
pub fn in_list(answer: Answer, catalog: &Catalog) -> Answer {
    if !catalog.list.own_coverage {
        return answer;
    }
    let regions: Vec<Region> = catalog.regions().collect();
    if let [only] = regions.as_slice() {
        return Answer {
            region: Some(*only),
            basis: Basis::ListWords,
            why: "the price list has one price for every customer".into(),
            ..answer
        };
    }
    let Ok(alpha2) = Alpha2::try_from(answer.code.as_str()) else {
        return answer;
    };
    let country = alpha2.to_country();
    // Each region's best match for the country, unless its words exclude it.
    let mut best: Vec<(u8, Region)> = Vec::new();
    for r in &regions {
        let words = catalog
            .region_info(*r)
            .map(|i| i.coverage.as_str())
            .unwrap_or_default();
        let (included, excluded) = read(words);
        if excluded.iter().any(|(p, _)| holds(p, &country)) {
            continue;
        }
        if let Some(rank) = included
            .iter()
            .filter(|(p, _)| holds(p, &country))
            .map(|(_, rank)| *rank)
            .max()
        {
            best.push((rank, *r));
        }
    }
    let top = best.iter().map(|(rank, _)| *rank).max();
    let winners: Vec<Region> = best
        .iter()
        .filter(|(rank, _)| Some(*rank) == top)
        .map(|(_, r)| *r)
        .collect();
    let name = answer.country.clone();
    match (winners.as_slice(), top) {
        ([r], Some(rank)) => {
            let basis = if rank == 3 {
                Basis::Named
            } else if answer.basis == Basis::Convention {
                Basis::Convention
            } else {
                Basis::ListWords
            };
            let words = catalog
                .region_info(*r)
                .map(|i| i.coverage.clone())
                .unwrap_or_default();
            Answer {
                region: Some(*r),
                basis,
                why: format!("{r} covers \"{words}\""),
                ..answer
            }
        }
        ([], _) => Answer {
            region: None,
            basis: Basis::NotCovered,
            why: format!("the price list's regions do not name {name} or its area"),
            ..answer
        },
        (many, _) => Answer {
            region: None,
            basis: Basis::NotCovered,
            why: format!(
                "{} all name {name}'s area alike",
                many.iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            ..answer
        },
    }
}
