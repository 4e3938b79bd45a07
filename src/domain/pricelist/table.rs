//! The billing items table of a page's copied text: one cell a line. Its header names
//! the columns; each row is its cells in column order, a group cell written only on the
//! first row of its group; a page of regional tables repeats the header before each.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{ImportError, ListRegion, ListTier, tier_sku};

/// What a column holds, from its header words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Col {
    /// The region a regional table prices (its coverage words in the cell).
    Region,
    /// A group of services ("Service L4 Offering"), on pages that have two group columns.
    Family,
    /// A group of tiers: the service.
    Service,
    /// The tier's own name.
    Tier,
    Description,
    Unit,
    /// A price, for the region this header names (or for everyone).
    Price(ListRegion),
}

/// The table: regions, tiers, and how many cells it took.
pub struct Parsed {
    pub regions: Vec<ListRegion>,
    pub tiers: Vec<ListTier>,
    pub used: usize,
}

fn column(header: &str, prices_seen: usize) -> Option<Col> {
    let h = header.to_lowercase();
    if h == "regions" || h == "region" {
        return Some(Col::Region);
    }
    // Every price header of the family names the currency as a word ("(USD)",
    // "- USD"): a service called "Ausdruck" or "Price Optimisation" is a row, not one.
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.contains(&"usd") {
        return Some(Col::Price(region_of_header(header, prices_seen)));
    }
    if h == "sales unit" || h == "unit" {
        return Some(Col::Unit);
    }
    if h == "billing mode"
        || h == "billing"
        || h == "description"
        || h.starts_with("billing introduction")
    {
        return Some(Col::Description);
    }
    if h.contains("specification") || h == "sku" || h.starts_with("l6") {
        return Some(Col::Tier);
    }
    // Two group columns: "Service L4 Offering" holds "Sub-service L4.5" groups.
    if h.contains("l4.5") || h.contains("sub-service") || h.contains("sub-product") {
        return Some(Col::Service);
    }
    if h == "l4" || h.contains("l4 offering") {
        return Some(Col::Family);
    }
    if h.starts_with("service") || h == "billing item" {
        return Some(Col::Service);
    }
    None
}

/// "Outside China 1 - USD (Asia Pacific, Russia, and Latin America)" → oc1 with its
/// coverage; "Unit Price (USD)" → one price for all.
fn region_of_header(header: &str, prices_seen: usize) -> ListRegion {
    let coverage = header
        .split_once('(')
        .and_then(|(_, rest)| rest.rsplit_once(')'))
        .map(|(inside, _)| inside.trim().to_string())
        .filter(|c| c != "USD")
        .unwrap_or_default();
    // "Unit Price Outside China 1 (USD)": the region's name starts at "Outside".
    let from = header.to_lowercase().find("outside").unwrap_or(0);
    let name_part = header[from..]
        .split(['-', '('])
        .next()
        .unwrap_or(header)
        .trim();
    let number = name_part
        .split_whitespace()
        .last()
        .and_then(|w| w.parse::<u32>().ok());
    match number {
        Some(n) if name_part.to_lowercase().starts_with("outside") => ListRegion {
            code: format!("oc{n}"),
            name: name_part.to_string(),
            coverage,
        },
        _ => ListRegion {
            code: if prices_seen == 0 {
                "all".into()
            } else {
                format!("p{}", prices_seen + 1)
            },
            name: "All customers".into(),
            coverage,
        },
    }
}

/// The region words a page can end a tier's name with.
const COVERAGE_WORDS: [&str; 8] = [
    "asia pacific",
    "russia",
    "latin america",
    "europe",
    "africa",
    "brazil",
    "middle east",
    "chinese mainland",
];

/// "Transfer - Asia Pacific, Russia, and Latin America (excluding Brazil)" → ("Transfer",
/// "Asia Pacific, Russia, and Latin America (excluding Brazil)").
fn region_in_name(name: &str) -> Option<(String, String)> {
    let (base, words) = name.rsplit_once(" - ")?;
    let words = words.trim().trim_end_matches('.').trim();
    let lower = words.to_lowercase();
    COVERAGE_WORDS
        .iter()
        .any(|w| lower.contains(w))
        .then(|| (base.trim().to_string(), words.to_string()))
}

/// "Note: unit price outside China 1 applies to …": a note under the table that gives a
/// region's coverage.
pub fn is_note(cell: &str) -> bool {
    let l = cell.to_lowercase();
    l.contains("applies to") && (l.contains("price") || l.contains("outside"))
}

/// Fills the coverage of each region a note names ("… outside China 1 applies to X; …
/// outside China 2 applies to Y.") where the header gave none.
pub fn apply_notes(notes: &[&String], regions: &mut [ListRegion]) {
    for clause in notes.iter().flat_map(|n| n.split(';')) {
        let lower = clause.to_lowercase();
        let Some(at) = lower.find("applies to") else {
            continue;
        };
        let head = &lower[..at];
        let words = clause[at + "applies to".len()..]
            .trim()
            .trim_end_matches('.')
            .trim()
            .to_string();
        for r in regions.iter_mut() {
            if r.coverage.is_empty() && head.contains(&r.name.to_lowercase()) {
                r.coverage = words.clone();
            }
        }
    }
}

/// A price as the pages write them: "$50,000.00 USD", "23,040", "21.00".
pub fn price(cell: &str) -> Option<Decimal> {
    let text: String = cell
        .trim()
        .trim_start_matches('$')
        .trim_end_matches("USD")
        .trim()
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    text.parse().ok()
}

/// The unit a single price header names: "Price per Workshop (USD)" → "Workshop".
fn unit_of_header(header: &str) -> Option<String> {
    let (_, rest) = header.split_once(" per ")?;
    let unit = rest.split('(').next()?.trim();
    (!unit.is_empty()).then(|| unit.to_string())
}

pub fn parse(cells: &[String]) -> Result<Parsed, ImportError> {
    let mut at = 0;
    let mut regions: Vec<ListRegion> = Vec::new();
    let mut tiers: Vec<ListTier> = Vec::new();
    let mut rows_seen = 0;
    let mut first_row_of: BTreeMap<String, (usize, BTreeMap<String, Decimal>)> = BTreeMap::new();
    // One header (and its rows) after another: a page of regional tables repeats it.
    loop {
        let header_at = at;
        let mut cols = Vec::new();
        let mut headers = Vec::new();
        while let Some(cell) = cells.get(at) {
            let prices = cols.iter().filter(|c| matches!(c, Col::Price(_))).count();
            match column(cell, prices) {
                Some(col) if !cols.contains(&col) || matches!(col, Col::Price(_)) => {
                    cols.push(col);
                    headers.push(cell.clone());
                    at += 1;
                }
                _ => break,
            }
        }
        if cols.is_empty() {
            break;
        }
        let prices: Vec<(usize, ListRegion)> = cols
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Col::Price(r) => Some((i, r.clone())),
                _ => None,
            })
            .collect();
        if prices.is_empty() || !cols.contains(&Col::Tier) && !cols.contains(&Col::Service) {
            // After a table, what follows (a "Billing Mode" section) is not another one.
            if !tiers.is_empty() {
                at = header_at;
                break;
            }
            return Err(ImportError::Columns(headers.join(" | ")));
        }
        let first_price = prices[0].0;
        let trailing = cols.len() - prices.last().map_or(0, |p| p.0) - 1;
        let header_unit = prices
            .first()
            .and_then(|(i, _)| unit_of_header(&headers[*i]));
        let regional = cols.contains(&Col::Region);
        let mut group: Vec<String> = vec![String::new(); first_price];
        // Rows until a cell starts something that is not one.
        loop {
            let Some(found) = (at..=at + first_price).find(|j| {
                (0..prices.len()).all(|k| cells.get(j + k).and_then(|c| price(c)).is_some())
            }) else {
                // The table ends at a rules section or the next regional table; anything
                // else is a row whose prices are not there.
                match cells.get(at) {
                    Some(cell)
                        if !super::rules::HEADINGS.contains(&cell.as_str())
                            && !is_note(cell)
                            && column(cell, 0) != Some(Col::Region) =>
                    {
                        return Err(ImportError::RowWithoutPrice {
                            row: rows_seen + 1,
                            first: cell.clone(),
                        });
                    }
                    _ => break,
                }
            };
            let leading = found - at;
            if leading == 0 && first_price > 0 && group.iter().all(|g| g.is_empty()) {
                return Err(ImportError::RowWithoutPrice {
                    row: rows_seen + 1,
                    first: cells.get(at).cloned().unwrap_or_default(),
                });
            }
            // The cells written on this row are the last columns before the prices;
            // those before them were written on an earlier row of the group.
            let skipped = first_price - leading;
            for (k, cell) in cells[at..found].iter().enumerate() {
                group[skipped + k] = cell.clone();
            }
            let after = found + prices.len();
            let tail: Vec<String> = cells
                .get(after..after + trailing)
                .map(|t| t.to_vec())
                .unwrap_or_default();
            if tail.len() < trailing || tail.iter().any(|c| price(c).is_some()) {
                return Err(ImportError::RowWithoutPrice {
                    row: rows_seen + 1,
                    first: cells[at].clone(),
                });
            }
            rows_seen += 1;
            let value = |col: &Col| -> String {
                cols.iter()
                    .position(|c| c == col)
                    .and_then(|i| {
                        if i < first_price {
                            group.get(i).cloned()
                        } else {
                            tail.get(i - first_price - prices.len()).cloned()
                        }
                    })
                    .unwrap_or_default()
            };
            let family = value(&Col::Family);
            let service = match value(&Col::Service) {
                s if s.is_empty() => family.clone(),
                s => s,
            };
            let written = match value(&Col::Tier) {
                n if n.is_empty() => service.clone(),
                n => n,
            };
            // One price for all, but the region at the end of the tier's name: the name
            // without it is the tier, the words are the region's coverage.
            let one_price = prices.len() == 1 && prices[0].1.code == "all" && !regional;
            let (name, row_coverage) = match region_in_name(&written) {
                Some((base, words)) if one_price => (base, Some(words)),
                _ if regional => (written, Some(value(&Col::Region))),
                _ => (written, None),
            };
            let unit = match value(&Col::Unit) {
                u if u.is_empty() => header_unit.clone().unwrap_or_default(),
                u => u,
            };
            let mut row_prices = BTreeMap::new();
            for (k, (_, region)) in prices.iter().enumerate() {
                let region = if let Some(coverage) = row_coverage.clone() {
                    let n = regions
                        .iter()
                        .position(|r| r.coverage == coverage)
                        .unwrap_or(regions.len());
                    ListRegion {
                        code: format!("r{}", n + 1),
                        name: format!("Region {}", n + 1),
                        coverage,
                    }
                } else {
                    region.clone()
                };
                if !regions.iter().any(|r| r.code == region.code) {
                    regions.push(region.clone());
                }
                let amount = price(&cells[found + k]).expect("checked above");
                row_prices.insert(region.code, amount);
            }
            // The tier's own name makes its SKU: the same tier keeps it across versions and
            // whichever group the page puts it in.
            let key = tier_sku(&name);
            match first_row_of.get(&key) {
                Some((row, seen)) => {
                    // The same tier again: in a regional table, its price in another
                    // region; at another price in the same region, the vendor's mistake.
                    let clash = row_prices
                        .iter()
                        .any(|(code, p)| seen.get(code).is_some_and(|q| q != p));
                    if clash {
                        return Err(ImportError::TwiceAtTwoPrices {
                            name,
                            first: *row,
                            second: rows_seen,
                        });
                    }
                    let tier = tiers
                        .iter_mut()
                        .find(|t| tier_sku(&t.name) == key)
                        .expect("seen");
                    tier.prices.extend(row_prices.clone());
                    first_row_of
                        .get_mut(&key)
                        .expect("seen")
                        .1
                        .extend(row_prices);
                }
                None => {
                    first_row_of.insert(key.clone(), (rows_seen, row_prices.clone()));
                    tiers.push(ListTier {
                        sku: key,
                        family: family.clone(),
                        service,
                        name,
                        description: value(&Col::Description),
                        unit,
                        prices: row_prices,
                    });
                }
            }
            at = after + trailing;
        }
    }
    if tiers.is_empty() {
        return Err(ImportError::NoTable);
    }
    // Orders name their region by code: the desk has nine of a page's own.
    if regions.len() > 9 {
        return Err(ImportError::Columns(format!(
            "the page prices in {} regions; this desk sells in at most 9 regions of a page",
            regions.len()
        )));
    }
    if regions.len() > 1
        && let Some(all) = tiers.iter().find(|t| t.prices.contains_key("all"))
    {
        return Err(ImportError::Columns(format!(
            "some tiers name their region at the end of their name and \"{}\" does not, so its price has no region; write the region after \" - \" in its name",
            all.name
        )));
    }
    Ok(Parsed {
        regions,
        tiers,
        used: at,
    })
}
