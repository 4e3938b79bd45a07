//! `order-desk report --measures quotes`: the figures of [`crate::report::quotes`] as a
//! table, CSV or JSON, with the same groupings, period and formats as the order report.
//!
//! Damaged quote files are named on stderr and make the exit code 1, as damaged order
//! files do for the order report: the figures of the readable quotes are still printed.

use std::io::Write;

use jiff::civil::Date;
use serde::Serialize;

use super::catalog_view::csv_error;
use super::table::{Align, Table};
use super::{CliError, Context, ListFormat};
use crate::domain::money::{format_usd, plain};
use crate::domain::order::local_date;
use crate::domain::text::{clean, csv_cell};
use crate::report::quotes::{self as quote_report, CSV_HEADER, QuoteMeasures, QuoteReport};
use crate::report::{Grouping, Period};

pub(super) fn run(
    ctx: &Context,
    grouping: Grouping,
    from: Option<Date>,
    to: Option<Date>,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let period = Period::new(from, to).map_err(CliError::Usage)?;
    let book = ctx.store.load_quotes()?;
    let today = local_date(ctx.now);
    let zone = jiff::tz::TimeZone::system();
    let report = quote_report::build(&book.quotes, grouping, period, today, |t| {
        zone.to_datetime(t).date()
    });
    match format {
        ListFormat::Csv => write_csv(&report, out)?,
        ListFormat::Json => write_json(&report, today, book.damaged.len(), out)?,
        ListFormat::Table => write_table(&report, out)?,
    }
    super::orders_list::complain_about_damaged(ctx, &book.damaged, out)
}

/// One row's cells after the group: the counts, the values as plain decimals, the rate.
fn figures(m: &QuoteMeasures) -> [String; 11] {
    [
        m.issued.to_string(),
        m.open.to_string(),
        m.lapsed.to_string(),
        m.accepted.to_string(),
        m.declined.to_string(),
        plain(m.issued_value),
        plain(m.open_value),
        plain(m.lapsed_value),
        plain(m.accepted_value),
        plain(m.declined_value),
        m.win_rate_text(),
    ]
}

fn rows(report: &QuoteReport) -> impl Iterator<Item = (&str, &QuoteMeasures)> {
    report
        .rows
        .iter()
        .map(|r| (r.group.as_str(), &r.measures))
        .chain(std::iter::once(("total", &report.total)))
}

fn write_csv(report: &QuoteReport, out: &mut dyn Write) -> Result<(), CliError> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_HEADER).map_err(csv_error)?;
    for (group, m) in rows(report) {
        let cells = std::iter::once(group.to_string()).chain(figures(m));
        csv.write_record(cells.map(|cell| csv_cell(&cell).into_owned()))
            .map_err(csv_error)?;
    }
    csv.flush()?;
    Ok(())
}

fn write_table(report: &QuoteReport, out: &mut dyn Write) -> Result<(), CliError> {
    let mut aligns = vec![Align::Left];
    aligns.extend([Align::Right; 9]);
    let mut table = Table::new(&aligns);
    table.row([
        report.grouping.code().to_uppercase(),
        "ISSUED".into(),
        "VALUE".into(),
        "OPEN".into(),
        "LAPSED".into(),
        "ACCEPTED".into(),
        "ACCEPTED VALUE".into(),
        "DECLINED".into(),
        "DECLINED VALUE".into(),
        "WIN RATE".into(),
    ]);
    for (group, m) in rows(report) {
        table.row([
            clean(group).into_owned(),
            m.issued.to_string(),
            format_usd(m.issued_value),
            m.open.to_string(),
            m.lapsed.to_string(),
            m.accepted.to_string(),
            format_usd(m.accepted_value),
            m.declined.to_string(),
            format_usd(m.declined_value),
            m.win_rate()
                .map_or_else(|| "—".into(), |r| format!("{r:.1} %")),
        ]);
    }
    let period = match (report.period.from, report.period.to) {
        (None, None) => "Quotes issued at any time".to_string(),
        (Some(f), None) => format!("Quotes issued from {f}"),
        (None, Some(t)) => format!("Quotes issued up to {t}"),
        (Some(f), Some(t)) => format!("Quotes issued {f} to {t}"),
    };
    writeln!(out, "{period}")?;
    table.write(out, "")?;
    writeln!(
        out,
        "Win rate: accepted / (accepted + declined); open and lapsed quotes are not decided."
    )?;
    if report.grouping.by_line() {
        writeln!(
            out,
            "A quote with lines in several groups is counted in each; values are split by line."
        )?;
    }
    Ok(())
}

/// One row of the JSON: values as strings with two decimals, the rate as a string or null.
#[derive(Serialize)]
struct JsonRow<'a> {
    group: &'a str,
    issued: u64,
    open: u64,
    lapsed: u64,
    accepted: u64,
    declined: u64,
    issued_value: String,
    open_value: String,
    lapsed_value: String,
    accepted_value: String,
    declined_value: String,
    win_rate: Option<String>,
}

impl<'a> JsonRow<'a> {
    fn new(group: &'a str, m: &QuoteMeasures) -> JsonRow<'a> {
        JsonRow {
            group,
            issued: m.issued,
            open: m.open,
            lapsed: m.lapsed,
            accepted: m.accepted,
            declined: m.declined,
            issued_value: plain(m.issued_value),
            open_value: plain(m.open_value),
            lapsed_value: plain(m.lapsed_value),
            accepted_value: plain(m.accepted_value),
            declined_value: plain(m.declined_value),
            win_rate: m.win_rate().map(|r| format!("{r:.1}")),
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    measures: &'static str,
    grouping: &'a str,
    from: Option<String>,
    to: Option<String>,
    today: String,
    rows: Vec<JsonRow<'a>>,
    total: JsonRow<'a>,
    /// Quote files left out of every figure because they are not valid quotes.
    damaged_files: usize,
}

fn write_json(
    report: &QuoteReport,
    today: Date,
    damaged: usize,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let groups: Vec<String> = report
        .rows
        .iter()
        .map(|r| clean(&r.group).into_owned())
        .collect();
    let json = JsonReport {
        measures: "quotes",
        grouping: report.grouping.code(),
        from: report.period.from.map(|d| d.to_string()),
        to: report.period.to.map(|d| d.to_string()),
        today: today.to_string(),
        rows: report
            .rows
            .iter()
            .zip(&groups)
            .map(|(r, g)| JsonRow::new(g, &r.measures))
            .collect(),
        total: JsonRow::new("total", &report.total),
        damaged_files: damaged,
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
