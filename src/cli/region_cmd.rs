//! `order-desk region COUNTRY`: which price region a country pays, and on what ground.

use std::io::Write;

use super::catalog_view::csv_error;
use super::table::{Align, Table};
use super::{CliError, Format};
use crate::domain::catalog::Catalog;
use crate::domain::region::{self, Answer};
use crate::domain::text::{clean, csv_cell};

/// The CSV header: region is `oc1`, `oc2` or empty when the price list names none.
pub const CSV_HEADER: [&str; 4] = ["code", "country", "region", "basis"];

pub(super) fn run(
    catalog: &Catalog,
    country: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let answer = region::find(country).map_err(|e| CliError::Usage(e.to_string()))?;
    let answer = crate::domain::region_words::in_list(answer, catalog);
    match format {
        Format::Csv => print_csv(&answer, out),
        Format::Table => print_table(catalog, &answer, out),
    }
}

fn print_csv(a: &Answer, out: &mut dyn Write) -> Result<(), CliError> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_HEADER).map_err(csv_error)?;
    let row = [
        a.code.clone(),
        a.country.clone(),
        a.region.map(|r| r.code().to_string()).unwrap_or_default(),
        a.basis_text(),
    ];
    csv.write_record(row.iter().map(|cell| csv_cell(cell).into_owned()))
        .map_err(csv_error)?;
    csv.flush()?;
    Ok(())
}

fn print_table(catalog: &Catalog, a: &Answer, out: &mut dyn Write) -> Result<(), CliError> {
    let region = match a.region {
        Some(r) => catalog.region_full_name(r),
        None => format!(
            "none: the price list names no region; an order needs --region {} and --region-reason",
            catalog.region_codes()
        ),
    };
    let mut t = Table::new(&[Align::Left, Align::Left]);
    // Every cell is cleaned: the price list may come from a user's file.
    for (label, value) in [
        ("Country", format!("{} ({})", a.country, a.code)),
        ("Region", region),
        ("Basis", a.basis_text()),
        ("UN M49", a.m49.clone()),
    ] {
        t.row([label.to_string(), clean(&value).into_owned()]);
    }
    t.write(out, "")?;
    Ok(())
}
