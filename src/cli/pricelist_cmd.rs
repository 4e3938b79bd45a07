//! `order-desk pricelist`: import a vendor's billing page as a price list version, list
//! the lists, show one. The reading is [`crate::domain::pricelist`]'s, the storing
//! [`crate::store::pricelists`]'s; this only gathers the flags and prints.

use std::io::Write;

use crate::domain::money::{format_usd, plain};
use crate::domain::pricelist::{PriceList, Settle, import_text};
use crate::domain::text::{clean, csv_cell};
use crate::store::pricelists::{self, Saved};

use super::args::{ListFormat, PricelistCommand};
use super::table::{Align, Table};
use super::{CliError, Context};

pub(super) fn run(
    ctx: &Context,
    action: PricelistCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let orders = ctx.store.dir();
    match action {
        PricelistCommand::Import {
            file,
            id,
            refund,
            validity,
        } => {
            let validity = match validity.as_deref() {
                None => None,
                Some("none") => Some(None),
                Some(p) if p.starts_with('P') && p.len() > 2 => Some(Some(p.to_string())),
                Some(other) => {
                    return Err(CliError::Usage(format!(
                        "'{other}' is not a validity: an ISO 8601 period such as P1Y or P6M, or none"
                    )));
                }
            };
            if let Some(id) = &id
                && (id.is_empty() || crate::domain::pricelist::slug(id) != *id)
            {
                return Err(CliError::Usage(format!(
                    "'{id}' is not a list id: lower-case letters, digits and '-' (like ai-platform)"
                )));
            }
            let text = pricelists::read_page(&file).map_err(CliError::Import)?;
            let settle = Settle { refund, validity };
            let list = import_text(&text, id.as_deref().unwrap_or(""), &settle)
                .map_err(|e| CliError::Import(e.to_string()))?;
            match pricelists::save(orders, &list).map_err(CliError::Import)? {
                Saved::New(path) => writeln!(
                    out,
                    "Imported {} ({}): {} tier(s), {} region(s), refund {}, validity {}; stored in {}",
                    list.id,
                    list.updated,
                    list.tiers.len(),
                    list.regions.len(),
                    list.refund.value.code(),
                    list.validity.value.as_deref().unwrap_or("none"),
                    crate::domain::text::path(&path)
                )?,
                Saved::Unchanged(_) => writeln!(
                    out,
                    "{} of {} is already stored: nothing changed",
                    list.id, list.updated
                )?,
            }
        }
        PricelistCommand::List => {
            let ids = pricelists::ids(orders);
            if ids.is_empty() {
                writeln!(
                    out,
                    "No imported price list yet: `order-desk pricelist import PAGE` adds one."
                )?;
            }
            let mut table = Table::new(&[
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Left,
            ]);
            table.row(["ID", "UPDATED", "TIERS", "VERSIONS", "TITLE"].map(String::from));
            for id in ids {
                let versions = pricelists::versions(orders, &id);
                if let Some(newest) = versions.last() {
                    table.row([
                        clean(&id).into_owned(),
                        newest.updated.to_string(),
                        newest.tiers.len().to_string(),
                        versions.len().to_string(),
                        clean(&newest.title).into_owned(),
                    ]);
                }
            }
            table.write(out, "")?;
        }
        PricelistCommand::Show { id, format } => {
            let list = resolve(orders, &id)?;
            let before = pricelists::previous(orders, &id);
            show(&list, before.as_ref(), format, out)?;
        }
        PricelistCommand::Diff { old, new, format } => {
            let (old, new) = (resolve(orders, &old)?, resolve(orders, &new)?);
            let d = crate::domain::pricelist::diff(&old, &new);
            match format {
                ListFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &d)
                        .map_err(|e| CliError::Output(e.into()))?;
                    writeln!(out)?;
                }
                ListFormat::Table | ListFormat::Csv => diff_table(&d, out)?,
            }
        }
    }
    Ok(())
}

/// `catalog --list ID` (or `catalog --format json`): a price list as `pricelist show`
/// prints it, its JSON being the catalog's shape: `{id, title, updated, currency, regions,
/// rules: {refund, validity, sections}, tiers: [{sku, family, service, name, unit,
/// prices}]}`.
pub(super) fn catalog(
    ctx: &Context,
    list: Option<String>,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let before = list
        .as_deref()
        .and_then(|id| pricelists::previous(ctx.store.dir(), id));
    let list = match list {
        Some(id) => resolve(ctx.store.dir(), &id)?,
        None => crate::domain::pricelist::from_catalog(
            &ctx.catalog,
            crate::domain::pricelist::BUILTIN_ID,
        ),
    };
    if format != ListFormat::Json {
        return show(&list, before.as_ref(), format, out);
    }
    let tiers: Vec<serde_json::Value> = list
        .tiers
        .iter()
        .map(|t| {
            serde_json::json!({
                "sku": t.sku,
                "family": if t.family.is_empty() { &t.service } else { &t.family },
                "service": t.service,
                "name": t.name,
                "unit": t.unit,
                "prices": t.prices.iter().map(|(c, p)| (c.clone(), serde_json::Value::String(plain(*p)))).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    let value = serde_json::json!({
        "id": list.id,
        "title": list.title,
        "updated": list.updated.to_string(),
        "currency": list.currency,
        "regions": list.regions,
        "rules": {
            "refund": list.refund.value.code(),
            "refund_sentence": list.refund.sentence,
            "validity": list.validity.value,
            "validity_sentence": list.validity.sentence,
            "sections": list.rules,
        },
        "tiers": tiers,
    });
    serde_json::to_writer_pretty(&mut *out, &value).map_err(|e| CliError::Output(e.into()))?;
    writeln!(out)?;
    Ok(())
}

/// A list id (its newest stored version, or the built-in list) or a page file.
fn resolve(orders: &std::path::Path, what: &str) -> Result<PriceList, CliError> {
    let path = std::path::Path::new(what);
    if path.is_file() {
        let text = pricelists::read_page(path).map_err(CliError::Import)?;
        return import_text(&text, "", &Settle::default())
            .map_err(|e| CliError::Import(e.to_string()));
    }
    if let Some(list) = pricelists::versions(orders, what).pop() {
        return Ok(list);
    }
    if what == crate::domain::pricelist::BUILTIN_ID {
        return Ok(crate::domain::pricelist::builtin());
    }
    Err(CliError::Usage(format!(
        "'{what}' is neither a page file nor a price list in this folder: `order-desk pricelist list` names them"
    )))
}

fn prices(p: &std::collections::BTreeMap<String, rust_decimal::Decimal>) -> String {
    p.iter()
        .map(|(code, amount)| format!("{} {}", code.to_uppercase(), format_usd(*amount)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn diff_table(d: &crate::domain::pricelist::ListDiff, out: &mut dyn Write) -> Result<(), CliError> {
    if d.is_empty() {
        writeln!(out, "No change: the same tiers, units, prices and rules.")?;
        return Ok(());
    }
    for t in &d.added {
        writeln!(
            out,
            "+ {} ({}): {}",
            clean(&t.name),
            clean(&t.unit),
            prices(&t.prices)
        )?;
    }
    for t in &d.removed {
        writeln!(
            out,
            "- {} ({}): {}",
            clean(&t.name),
            clean(&t.unit),
            prices(&t.prices)
        )?;
    }
    for c in &d.changed {
        writeln!(
            out,
            "~ {}: {} ({}) → {} ({})",
            clean(&c.name),
            prices(&c.old.prices),
            clean(&c.old.unit),
            prices(&c.new.prices),
            clean(&c.new.unit)
        )?;
    }
    for r in &d.rules {
        writeln!(out, "~ rules, {}: the text differs", clean(&r.heading))?;
    }
    Ok(())
}

/// A list as a table, CSV or JSON; the table marks what changed since `before`.
fn show(
    list: &PriceList,
    before: Option<&PriceList>,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let codes: Vec<&str> = list.regions.iter().map(|r| r.code.as_str()).collect();
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, list)
                .map_err(|e| CliError::Output(e.into()))?;
            writeln!(out)?;
        }
        ListFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            let mut header = vec![
                "sku".to_string(),
                "service".into(),
                "name".into(),
                "unit".into(),
            ];
            header.extend(codes.iter().map(|c| c.to_string()));
            csv.write_record(&header)
                .map_err(super::catalog_view::csv_error)?;
            for t in &list.tiers {
                let mut row = vec![
                    t.sku.clone(),
                    t.service.clone(),
                    t.name.clone(),
                    t.unit.clone(),
                ];
                row.extend(
                    codes
                        .iter()
                        .map(|c| t.prices.get(*c).map(|p| plain(*p)).unwrap_or_default()),
                );
                csv.write_record(row.iter().map(|c| csv_cell(c).into_owned()))
                    .map_err(super::catalog_view::csv_error)?;
            }
            csv.flush()?;
        }
        ListFormat::Table => {
            writeln!(
                out,
                "{} ({}), updated {}",
                clean(&list.title),
                clean(&list.id),
                list.updated
            )?;
            for r in &list.regions {
                let line = format!(
                    "  {:<4} {} {}",
                    clean(&r.code),
                    clean(&r.name),
                    clean(&r.coverage)
                );
                writeln!(out, "{}", line.trim_end())?;
            }
            writeln!(
                out,
                "  refund: {} ({})",
                list.refund.value.code(),
                clean(&list.refund.sentence)
            )?;
            writeln!(
                out,
                "  validity: {} ({})",
                list.validity.value.as_deref().unwrap_or("none"),
                clean(&list.validity.sentence)
            )?;
            let changed = before.map(|b| crate::domain::pricelist::changed_since(b, list));
            if let (Some(b), Some(c)) = (before, &changed) {
                writeln!(
                    out,
                    "  changed since the version of {}: {} tier(s)",
                    b.updated,
                    c.len()
                )?;
            }
            let mut aligns = vec![Align::Left, Align::Left];
            aligns.extend(codes.iter().map(|_| Align::Right));
            aligns.push(Align::Left);
            let mut table = Table::new(&aligns);
            let mut header = vec!["TIER".to_string(), "UNIT".into()];
            header.extend(codes.iter().map(|c| c.to_uppercase()));
            header.push(if changed.is_some() { "CHANGED" } else { "" }.into());
            table.row(header);
            for t in &list.tiers {
                let mut row = vec![clean(&t.name).into_owned(), clean(&t.unit).into_owned()];
                row.extend(
                    codes
                        .iter()
                        .map(|c| t.prices.get(*c).map(|p| format_usd(*p)).unwrap_or_default()),
                );
                row.push(
                    changed
                        .as_ref()
                        .and_then(|c| c.get(&t.sku))
                        .cloned()
                        .unwrap_or_default(),
                );
                table.row(row);
            }
            table.write(out, "")?;
        }
    }
    Ok(())
}
