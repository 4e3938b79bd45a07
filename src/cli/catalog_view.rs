//! `order-desk catalog`: the price list as an aligned table or as CSV.

use std::io::Write;

use super::table::{Align, Table};
use super::{CliError, Format};
use crate::domain::catalog::{Catalog, Region, TierEntry};
use crate::domain::money::{format_usd, plain};
use crate::domain::text::csv_cell;

/// The CSV header, one row per tier in the price list's order.
pub const CSV_HEADER: [&str; 7] = [
    "sku", "family", "service", "tier", "unit", "oc1_usd", "oc2_usd",
];

pub fn print(catalog: &Catalog, format: Format, out: &mut dyn Write) -> Result<(), CliError> {
    match format {
        Format::Csv => print_csv(catalog, out),
        Format::Table => print_table(catalog, out),
    }
}

fn print_csv(catalog: &Catalog, out: &mut dyn Write) -> Result<(), CliError> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_HEADER).map_err(csv_error)?;
    for e in catalog.tiers() {
        let row = [
            e.tier.sku.clone(),
            e.family.name.clone(),
            e.service.name.clone(),
            e.tier.tier.clone(),
            e.tier.unit.to_string(),
            e.tier.price.get(Region::Oc1).map(plain).unwrap_or_default(),
            e.tier.price.get(Region::Oc2).map(plain).unwrap_or_default(),
        ];
        csv.write_record(row.iter().map(|cell| csv_cell(cell).into_owned()))
            .map_err(csv_error)?;
    }
    csv.flush()?;
    Ok(())
}

/// The csv crate wraps I/O errors; unwrap them so a closed pipe stays recognisable.
pub(super) fn csv_error(e: csv::Error) -> CliError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => CliError::Output(io),
        other => CliError::Output(std::io::Error::other(format!("{other:?}"))),
    }
}

const ALIGNS: [Align; 5] = [
    Align::Left,
    Align::Left,
    Align::Left,
    Align::Right,
    Align::Right,
];

fn tier_row(e: &TierEntry<'_>) -> [String; 5] {
    [
        e.tier.sku.clone(),
        crate::domain::text::clean(&e.tier.tier).into_owned(),
        e.tier.unit.to_string(),
        e.tier
            .price
            .get(Region::Oc1)
            .map(format_usd)
            .unwrap_or_default(),
        e.tier
            .price
            .get(Region::Oc2)
            .map(format_usd)
            .unwrap_or_default(),
    ]
}

fn print_table(catalog: &Catalog, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(
        out,
        "{}: price list updated {}",
        crate::domain::text::clean(&catalog.title),
        catalog.updated
    )?;
    for region in catalog.regions() {
        writeln!(
            out,
            "{}  {}",
            region,
            crate::domain::text::clean(&catalog.region_full_name(region))
        )?;
    }
    let set = format!(
        "Prices are one-off payments per unit. Set: {}",
        crate::domain::text::clean(&catalog.set_explanation)
    );
    for line in wrap(&set, 96) {
        writeln!(out, "{line}")?;
    }

    // One set of column widths for the whole list, so every group lines up.
    let header = ["SKU", "TIER", "UNIT", "OC1", "OC2"];
    let mut all = Table::new(&ALIGNS);
    all.row(header);
    for e in catalog.tiers() {
        all.row(tier_row(&e));
    }
    let widths = all.widths();
    let mut head = Table::new(&ALIGNS);
    head.row(header);
    writeln!(out)?;
    head.write_with_widths(out, "    ", &widths)?;

    for (f, family) in catalog.families.iter().enumerate() {
        if f > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", crate::domain::text::clean(&family.name))?;
        for (s, service) in family.services.iter().enumerate() {
            writeln!(out, "  {}", crate::domain::text::clean(&service.name))?;
            let mut rows = Table::new(&ALIGNS);
            for e in catalog
                .tiers()
                .filter(|e| e.at.family == f && e.at.service == s)
            {
                rows.row(tier_row(&e));
            }
            rows.write_with_widths(out, "    ", &widths)?;
        }
    }
    print_terms(catalog, out)
}

/// The billing rules of the price list, under the source page's headings.
fn print_terms(catalog: &Catalog, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out)?;
    writeln!(
        out,
        "Billing rules (price list of {}, quoted as published)",
        catalog.updated
    )?;
    for (heading, text) in catalog.terms() {
        writeln!(out, "  {heading}")?;
        for line in wrap(&crate::domain::text::clean(text), 92) {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }
}
