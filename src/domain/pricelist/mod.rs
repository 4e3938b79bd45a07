//! Price lists imported from the vendor's billing pages, from the page's copied text or
//! the page saved as HTML (the form is told from the content). A page of the family ("Updated on …", "Billing Items", a table, then
//! "Billing Mode", "Configuration Change", "Renewal", "Expiration …") becomes a
//! [`PriceList`]: its title and date, its regions, every tier with its unit as the page
//! says it and an exact price per region, every rules section word for word, and from
//! those a refund policy and a validity, each with the sentence it came from.
//!
//! Promises:
//! - Never a guess: a row without its prices, a tier named twice at two prices, a policy
//!   sentence that cannot be classified, a page with no table, refuse the import
//!   ([`ImportError`]) naming the row or the sentence and, for a policy, the flag that
//!   settles it (`--refund`, `--validity`).
//! - Columns are found by their header words, not their place: the seed's (Service,
//!   Specifications, Billing Mode, two regional prices, Sales Unit), one price for all
//!   ("Price per Workshop (USD)", the unit in the header), one table per region (a first
//!   "Regions" column), two group columns (L4 and L4.5), the region at the end of each
//!   tier's name, coverage in a note under the table.
//! - A cell written once for a group of rows (a spanned service) stands for every row of
//!   its group.
//! - Money is exact (`rust_decimal`), never a float.

mod builtin;
mod diff;
mod html;
mod rules;
mod table;
mod to_catalog;

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use builtin::{BUILTIN_ID, builtin, from_catalog};
pub use diff::{ListDiff, changed_since, diff};
pub use rules::{Policy, Refund};
pub use to_catalog::to_catalog;

/// A price list as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceList {
    pub id: String,
    pub title: String,
    pub updated: Date,
    pub currency: String,
    pub regions: Vec<ListRegion>,
    pub tiers: Vec<ListTier>,
    /// Every rules section after the table, word for word.
    pub rules: Vec<RuleSection>,
    pub refund: Policy<Refund>,
    /// An ISO 8601 period (`P1Y`, `P6M`), or `None` when the page says none.
    pub validity: Policy<Option<String>>,
}

/// A price region of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRegion {
    /// `oc1`, `oc2`, `r1`…, or `all` for one price for everyone.
    pub code: String,
    pub name: String,
    /// The page's words for the countries it covers, empty when it gives none.
    pub coverage: String,
}

/// A tier: what is sold, in which unit, at which price in each region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListTier {
    /// Made from the tier's name, so the same tier keeps it across versions.
    pub sku: String,
    /// The family the service belongs to, where the list says (the built-in one does).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub family: String,
    pub service: String,
    /// The tier's name as the page writes it.
    pub name: String,
    pub description: String,
    /// The unit as the page says it ("Set", "Per TB", "Workshop").
    pub unit: String,
    /// Region code → exact price.
    pub prices: BTreeMap<String, Decimal>,
}

/// A rules section: its heading and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSection {
    pub heading: String,
    pub text: String,
}

/// Why a page was not imported. Nothing is stored then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the page is empty or is not text: {0}")]
    NotText(String),
    #[error(
        "this is a saved HTML page, which this desk does not read yet: open it in a browser, copy its text (Ctrl-A, Ctrl-C) into a file and import that"
    )]
    Html,
    #[error("the page has no \"Updated on YYYY-MM-DD\" line: its date is what versions a list")]
    NoDate,
    #[error("the page has no table of billing items after \"Billing Items\"")]
    NoTable,
    #[error("the table's columns are not ones a billing page has: {0}")]
    Columns(String),
    #[error(
        "row {row} (\"{first}\") has no price where its columns need one; nothing was imported"
    )]
    RowWithoutPrice { row: usize, first: String },
    #[error(
        "the page names \"{name}\" twice at different prices (rows {first} and {second}); correct the page and import it again"
    )]
    TwiceAtTwoPrices {
        name: String,
        first: usize,
        second: usize,
    },
    #[error("{0}")]
    Policy(String),
}

/// What the rep settled with a flag, where the page's words did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settle {
    pub refund: Option<Refund>,
    /// `Some(None)`: `--validity none`.
    pub validity: Option<Option<String>>,
}

/// Imports a page, its copied text or the page saved as HTML, as list `id` (empty: a
/// slug of the title).
pub fn import_text(text: &str, id: &str, settle: &Settle) -> Result<PriceList, ImportError> {
    let head = text.trim_start().to_lowercase();
    let cells: Vec<String> = if head.starts_with('<') {
        html::cells(text)
    } else {
        text.lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    if cells.is_empty() {
        return Err(ImportError::NotText("no line of text".into()));
    }
    let updated = cells
        .iter()
        .find_map(|c| c.strip_prefix("Updated on "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|d| d.parse::<Date>().ok())
        .ok_or(ImportError::NoDate)?;
    let title = title_of(&cells).unwrap_or_else(|| "Untitled price list".into());
    let start = cells
        .iter()
        .position(|c| c == "Billing Items")
        .ok_or(ImportError::NoTable)?
        + 1;
    let mut parsed = table::parse(&cells[start..])?;
    let after = &cells[start + parsed.used..];
    // "Note: unit price outside China 1 applies to …" under the table gives coverage.
    let notes: Vec<&String> = after.iter().filter(|c| table::is_note(c)).collect();
    table::apply_notes(&notes, &mut parsed.regions);
    let rules = rules::sections(after);
    let refund = match settle.refund {
        Some(r) => Policy {
            value: r,
            sentence: "settled with --refund".into(),
        },
        None => rules::refund(&rules)?,
    };
    let validity = match &settle.validity {
        Some(v) => Policy {
            value: v.clone(),
            sentence: "settled with --validity".into(),
        },
        None => rules::validity(&rules)?,
    };
    let id = if id.is_empty() {
        slug(&title)
    } else {
        id.to_string()
    };
    Ok(PriceList {
        id,
        title,
        updated,
        currency: "USD".into(),
        regions: parsed.regions,
        tiers: parsed.tiers,
        rules,
        refund,
        validity,
    })
}

/// "This page describes the billing of the Example X." → "Example X".
fn title_of(cells: &[String]) -> Option<String> {
    let line = cells.iter().find(|c| c.contains("describes the billing"))?;
    let rest = [
        "billing of the ",
        "billing policy for the ",
        "billing of ",
        "billing policy for ",
    ]
    .iter()
    .find_map(|p| line.split_once(p).map(|(_, r)| r))?;
    let end = rest.find([',', '.']).unwrap_or(rest.len());
    Some(rest[..end].trim().to_string())
}

/// A tier's SKU from its name: its slug, and a longer one cut with a hash of the whole
/// so two long names never share one. The same name gives the same SKU in every version.
pub fn tier_sku(name: &str) -> String {
    let full = slug(name);
    let max = crate::domain::catalog::MAX_SKU;
    if full.len() <= max {
        return full;
    }
    // FNV-1a: stable across builds and platforms, unlike the std hasher.
    let hash = full.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let head = full[..max - 9].trim_end_matches('-');
    format!("{head}-{:08x}", hash as u32)
}

/// Lower-case words joined by `-`: an id or a SKU from a name.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_gets_a_short_sku_of_its_own_and_the_same_one_every_time() {
        let a = "Example Very Long Professional Service Name With Many Words - Premium Onsite Package A";
        let b = "Example Very Long Professional Service Name With Many Words - Premium Onsite Package B";
        let (sa, sb) = (tier_sku(a), tier_sku(b));
        assert!(sa.len() <= crate::domain::catalog::MAX_SKU, "{sa}");
        assert!(crate::domain::catalog::is_valid_sku(&sa), "{sa}");
        assert_ne!(sa, sb);
        assert_eq!(sa, tier_sku(a));
        assert_eq!(tier_sku("Example Tuning - Expert"), "example-tuning-expert");
    }
}
