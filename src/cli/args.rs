//! The command line's shape: flags, commands and how their values are parsed.
//!
//! Values that can be checked without the price list (region, status, dates, quantities)
//! are parsed here, so clap reports them as bad usage (exit 2). SKUs depend on the price
//! list and are checked when the order is built.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::document::DocFormat;
use crate::domain::cart::MAX_QUANTITY;
use crate::domain::catalog::Region;
use crate::domain::order::Status;
use crate::report::Grouping;

/// Order Desk: the sales desk for one-off AI platform professional services.
///
/// With no command, opens the terminal app. The commands below do the same work from
/// scripts: every order is one RON file in the orders folder.
#[derive(Debug, Parser)]
#[command(
    name = "order-desk",
    version,
    max_term_width = 100,
    after_help = "Order ids end with this desk's tag: 8 random characters made once per user and kept\n\
                  in the config folder (desk-tag), so two desks never make the same id;\n\
                  ORDER_DESK_DESK overrides it. The summary cache and the cart draft are kept in your\n\
                  own cache and state folders, never in the orders folder (ORDER_DESK_CACHE_DIR,\n\
                  ORDER_DESK_STATE_DIR and ORDER_DESK_CONFIG_DIR move them)."
)]
pub struct Cli {
    /// Use this price list file instead of the built-in one (same format as data/catalog.ron)
    #[arg(
        long,
        value_name = "FILE",
        global = true,
        help_heading = "Global options"
    )]
    pub catalog: Option<PathBuf>,

    /// The folder holding one .ron file per order [default: the platform data folder]
    #[arg(
        long,
        value_name = "DIR",
        env = "ORDER_DESK_ORDERS",
        hide_env_values = true,
        global = true,
        help_heading = "Global options"
    )]
    pub orders_dir: Option<PathBuf>,

    /// The sales rep recorded on new orders and status changes [default: your login name]
    #[arg(
        long,
        value_name = "NAME",
        env = "ORDER_DESK_REP",
        hide_env_values = true,
        global = true,
        help_heading = "Global options"
    )]
    pub rep: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the price list: every tier with its SKU and its price in both regions
    Catalog {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// An imported price list (see `pricelist list`) instead of the built-in one
        #[arg(long, value_name = "ID")]
        list: Option<String>,
    },
    /// Place an order, show it, or move it through its usage status
    Order {
        #[command(subcommand)]
        action: OrderCommand,
    },
    /// List orders, newest first
    Orders {
        /// Only orders with this status today (expired = still unused after valid-until)
        #[arg(long, value_name = "STATUS", value_parser = parse_status)]
        status: Option<Status>,
        #[command(flatten)]
        filter: OrdersFilterArgs,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Import a price list from a vendor's billing page, list the lists, show one
    Pricelist {
        #[command(subcommand)]
        action: PricelistCommand,
    },
    /// Add a customer to the book or show one
    Customer {
        #[command(subcommand)]
        action: CustomerCommand,
    },
    /// List the customers in the book and those seen in orders
    Customers {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Make a quote, show it, accept it into an order, decline or re-quote it
    Quote {
        #[command(subcommand)]
        action: QuoteCommand,
    },
    /// List quotes, newest first (lapsed = still open after valid-until)
    Quotes {
        #[arg(long, value_name = "STATUS", value_parser = parse_standing)]
        status: Option<crate::domain::quote::Standing>,
        /// Only open quotes whose valid-until is between today and DAYS days from now
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=36500))]
        expiring_within: Option<u32>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The seller profile (desk.ron in your config folder) that heads quotes and order
    /// documents, and sets how long a new quote stays open
    Config {
        #[command(subcommand)]
        action: ConfigCommand,
    },
    /// Which price region a country pays, and on what ground (the price list's words, a
    /// convention, or not covered)
    Region {
        /// An ISO 3166-1 alpha-2 code (BR) or an English name (Brazil), any case
        country: String,
        /// The price list whose regions answer: an imported list's id [default:
        /// ai-platform, the built-in list]
        #[arg(long, value_name = "ID")]
        list: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Share the orders folder with a team through git: init, join, status
    Team {
        #[command(subcommand)]
        action: TeamCommand,
    },
    /// Commit this desk's changes, pull the team's, merge them through the rules and push
    ///
    /// Offline, the commit stays here and the push waits for the next sync. Orders that two
    /// desks changed in ways the rules do not allow together are listed first: settle
    /// them with `order decide`.
    Sync,
    /// The merge driver git runs for order, quote and customer files (set up by `team init`
    /// and `team join`): merges OURS with THEIRS since BASE into OURS
    #[command(hide = true)]
    MergeFile {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's path in the book
        path: String,
    },
    /// Booked, refunded, net, delivered, backlog and expired value, by group and period
    ///
    /// Follows the orders placed in the period (--from/--to, both days included): each
    /// order's value is booked once and, by where it stands today, is refunded, delivered,
    /// backlog (unused or in delivery, not expired) or expired. Family, service and tier
    /// split an order by its line totals; every grouping adds up to the `total` row.
    Report {
        /// How rows are grouped
        #[arg(long = "by", value_name = "GROUPING", default_value = "month", value_parser = parse_grouping)]
        by: Grouping,
        /// First day of the period (orders placed on or after it)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: Option<Date>,
        /// Last day of the period (orders placed on or before it)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        to: Option<Date>,
        /// What is counted: orders, or quotes issued in the period (open, lapsed, accepted,
        /// declined, their values and the win rate, accepted / (accepted + declined))
        #[arg(long, value_enum, default_value_t = MeasureSet::Orders)]
        measures: MeasureSet,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

/// What a report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeasureSet {
    /// Orders placed: booked, refunded, net, delivered, backlog, expired
    Orders,
    /// Quotes issued: open, lapsed, accepted, declined, their values, the win rate
    Quotes,
}

/// The filters of `orders` a manager asks for.
#[derive(Debug, Args)]
pub struct OrdersFilterArgs {
    /// Only orders whose customer name contains this text (any case)
    #[arg(long, value_name = "TEXT")]
    pub customer: Option<String>,
    /// Only orders whose sales rep's name contains this text (any case). Not `--rep`,
    /// which names the rep recording changes
    #[arg(long, value_name = "TEXT")]
    pub sold_by: Option<String>,
    /// Only orders in this price region: oc1 or oc2
    #[arg(long, value_name = "oc1|oc2|CODE", value_parser = parse_region)]
    pub region: Option<Region>,
    /// Only orders placed on or after this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Only orders placed on or before this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<Date>,
    /// Only unused orders whose valid-until is between today and DAYS days from now
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=36500))]
    pub expiring_within: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Place a new order and print its id
    New(NewOrder),
    /// Show an order: lines, total, status, history and what can happen next
    Show { id: String },
    /// Start delivery (Unused -> In delivery); no refund after this
    Start { id: String },
    /// Mark the service delivered (from Unused or In delivery)
    Deliver { id: String },
    /// Refund an order that has not been used yet (Unused -> Refunded)
    Refund {
        id: String,
        /// Why the customer is refunded, kept in the order's history
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Buy the same lines again at today's prices as a new order, and print its id
    Repurchase { id: String },
    /// Write an order confirmation (lines, total, status history, terms) as Markdown,
    /// HTML or PDF, and print where it went
    Export(ExportArgs),
    /// Settle an order two desks changed in ways the rules do not allow together: keep one
    /// change, the other is recorded as voided with who and why
    Decide {
        id: String,
        /// The change that stands: 1 or 2 as `order show` lists them, or refund, start,
        /// deliver
        #[arg(long, value_name = "EVENT")]
        keep: String,
        /// Why, kept with the voided change
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make the orders folder a team book (a git work tree) and push it to URL if given
    Init {
        /// The shared repository: a path to a bare repository, or an SSH or HTTPS URL
        #[arg(long, value_name = "URL")]
        remote: Option<String>,
    },
    /// Copy a team book into DIR [default: the orders folder] and work on it at once
    Join { url: String, dir: Option<PathBuf> },
    /// The remote, the last sync, commits to push and to pull, decisions waiting
    Status,
}

#[derive(Debug, Args)]
pub struct NewOrder {
    /// The price list to sell from: an imported list's id (see `order-desk pricelist
    /// list`) [default: ai-platform, the built-in list]
    #[arg(long, value_name = "ID")]
    pub list: Option<String>,
    /// The customer's name
    #[arg(long, value_name = "NAME")]
    pub customer: String,
    /// The customer's price region: oc1 (Asia Pacific, Russia, Latin America) or oc2
    /// (Europe, Africa, Brazil, Middle East). With a country it is derived; one that
    /// disagrees with the country needs --region-reason
    #[arg(long, value_name = "oc1|oc2|CODE", value_parser = parse_region)]
    pub region: Option<Region>,
    /// The customer's country (alpha-2 code or English name); a customer in the book
    /// brings its own. The region is derived from it (see `order-desk region`)
    #[arg(long, value_name = "COUNTRY")]
    pub country: Option<String>,
    /// Why the region differs from the country's, or why a region was picked for a
    /// country the price list does not cover; kept in the order
    #[arg(long, value_name = "TEXT")]
    pub region_reason: Option<String>,
    /// A tier to buy, by SKU (see `order-desk catalog`), with an optional quantity
    /// (default 1); repeat for more lines
    #[arg(long = "item", value_name = "SKU[=QTY]", required = true, value_parser = parse_item)]
    pub items: Vec<Item>,
    /// A free-text note kept with the order, printed on its documents
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The last day the service may be started; after it the order expires unused
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub valid_until: Option<Date>,
    /// The customer's purchase order number or reference, printed on its documents and
    /// found by search
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// A note for the desk only: shown by `order show` and in the app, never printed on
    /// a document
    #[arg(long, value_name = "TEXT")]
    pub internal_note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PricelistCommand {
    /// Read a billing page's copied text and store it as a version of a price list
    /// (in pricelists/ID/ under the orders folder, shared by team sync)
    Import {
        /// The page's text, copied from the browser (one cell a line)
        file: std::path::PathBuf,
        /// The list's id [default: a slug of the page's title]
        #[arg(long = "as", value_name = "ID")]
        id: Option<String>,
        /// The refund policy, when the page's sentence cannot be read
        #[arg(long, value_name = "before-usage|never", value_parser = parse_refund)]
        refund: Option<crate::domain::pricelist::Refund>,
        /// The validity (an ISO 8601 period such as P1Y), or none, when the page's
        /// sentence cannot be read
        #[arg(long, value_name = "P1Y|none")]
        validity: Option<String>,
    },
    /// The lists in the orders folder, each with its newest version
    List,
    /// What changed between two lists or pages: tiers added, removed, changed in unit or
    /// price, and rules sections that differ
    Diff {
        /// A list id (its newest version; ai-platform is the built-in list) or a page file
        old: String,
        /// A list id or a page file
        new: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// A list's newest version: regions, tiers and prices, rules
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

fn parse_refund(s: &str) -> Result<crate::domain::pricelist::Refund, String> {
    match s {
        "before-usage" => Ok(crate::domain::pricelist::Refund::BeforeUsage),
        "never" => Ok(crate::domain::pricelist::Refund::Never),
        other => Err(format!(
            "'{other}' is not a refund policy: before-usage or never"
        )),
    }
}

#[derive(Debug, Subcommand)]
pub enum QuoteCommand {
    /// Save a quote at today's prices and print its id
    New(NewQuote),
    /// Show a quote: lines, total, status and what can happen next
    Show { id: String },
    /// Place the order at the quoted prices and print its id (once, before valid-until)
    Accept { id: String },
    /// Close an open quote without an order
    Decline {
        id: String,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Copy a quote's lines into a new quote at today's prices and print its id
    Requote { id: String },
    /// Revise an open quote: the revision keeps its number with a suffix (Q-…-r2), is
    /// priced at today's prices of its list, and the earlier one is kept as superseded
    /// (only the newest can be accepted). Prints the revision's id
    Revise(ReviseQuote),
    /// Settle a quote two desks closed differently (accepted on one, declined on the
    /// other): keep one, the other is recorded as voided with who and why
    Decide {
        id: String,
        /// 1 or 2 as `quote show` lists them, or accepted / declined
        #[arg(long, value_name = "WHICH")]
        keep: String,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Write the quote for the customer as Markdown, HTML or PDF, and print where it went
    Export(ExportArgs),
}

/// `quote export` and `order export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The quote or order id
    pub id: String,
    /// md for an email, html for a browser or printer, pdf to attach
    #[arg(long, value_enum, default_value_t = DocFormat::Pdf)]
    pub format: DocFormat,
    /// Where to write [default: quote-ID.EXT or order-ID.EXT in the current folder]
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists (a link or folder at that path is never replaced)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write a commented desk.ron to fill in (an existing one is kept without --force)
    Init {
        /// Replace an existing profile with the commented template
        #[arg(long)]
        force: bool,
    },
    /// Print the seller profile as read, where it lives and where own templates go
    Show,
}

#[derive(Debug, Args)]
pub struct ReviseQuote {
    /// The quote to revise (its newest revision)
    pub id: String,
    /// A line's new quantity, or a tier to add, by SKU; repeat for more
    #[arg(long = "item", value_name = "SKU[=QTY]", value_parser = parse_item)]
    pub items: Vec<Item>,
    /// A line to take out, by SKU; repeat for more
    #[arg(long, value_name = "SKU")]
    pub remove: Vec<String>,
    /// The customer's name, if it changes
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
    /// The customer's country, if it changes: the region is derived again
    #[arg(long, value_name = "COUNTRY")]
    pub country: Option<String>,
    /// A region against the country's (needs --region-reason)
    #[arg(long, value_name = "oc1|oc2|CODE", value_parser = parse_region)]
    pub region: Option<Region>,
    #[arg(long, value_name = "TEXT")]
    pub region_reason: Option<String>,
    /// The last day the revision can be accepted [default: the quote's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub valid_until: Option<Date>,
    /// The note printed on the quote, if it changes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The customer's reference, if it changes
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// The desk's own note, if it changes
    #[arg(long, value_name = "TEXT")]
    pub internal_note: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewQuote {
    /// The price list to sell from: an imported list's id (see `order-desk pricelist
    /// list`) [default: ai-platform, the built-in list]
    #[arg(long, value_name = "ID")]
    pub list: Option<String>,
    /// The customer's name; a customer in the book brings its country
    #[arg(long, value_name = "NAME")]
    pub customer: String,
    /// The customer's country (alpha-2 code or English name); the region is derived
    #[arg(long, value_name = "COUNTRY")]
    pub country: Option<String>,
    /// The price region, when no country settles it or against the country's (needs
    /// --region-reason)
    #[arg(long, value_name = "oc1|oc2|CODE", value_parser = parse_region)]
    pub region: Option<Region>,
    /// Why the region differs from the country's, kept in the quote
    #[arg(long, value_name = "TEXT")]
    pub region_reason: Option<String>,
    /// A tier to quote, by SKU, with an optional quantity; repeat for more lines
    #[arg(long = "item", value_name = "SKU[=QTY]", required = true, value_parser = parse_item)]
    pub items: Vec<Item>,
    /// The last day the quote can be accepted [default: the seller profile's
    /// quote_validity_days from today, 30 without a profile]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub valid_until: Option<Date>,
    /// A free-text note, printed on the quote and on the order it becomes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The customer's reference, printed on the quote and on the order it becomes
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// A note for the desk only, never printed; carried into the order
    #[arg(long, value_name = "TEXT")]
    pub internal_note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer to the book (one file in customers/ under the orders folder)
    Add(NewCustomer),
    /// Show a customer: details, country, region and their orders
    Show {
        /// The customer's name, any case
        name: String,
    },
    /// Change a customer in the book: each field given replaces the one there (an empty
    /// value clears it); orders and quotes keep the country and prices they were made with
    Edit(EditCustomer),
    /// Settle a field two desks set to different values: keep one of the values
    /// `customer show` lists for it
    Decide {
        /// The customer's name, any case
        name: String,
        /// The field: country, contact, email, address, tax_id or note
        #[arg(long, value_name = "FIELD")]
        field: String,
        /// The value that stands: 1, 2, … as `customer show` numbers them
        #[arg(long, value_name = "N")]
        keep: usize,
    },
}

#[derive(Debug, Args)]
pub struct NewCustomer {
    /// The customer's name, unique in the book
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// The customer's country: ISO alpha-2 code or English name
    #[arg(long, value_name = "COUNTRY")]
    pub country: String,
    #[command(flatten)]
    pub details: CustomerDetails,
}

/// The fields of a customer besides the name and country, the same for `customer add`
/// and `customer edit`.
#[derive(Debug, Args)]
pub struct CustomerDetails {
    /// The contact person
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    /// The billing address (may hold line breaks)
    #[arg(long, value_name = "TEXT")]
    pub address: Option<String>,
    #[arg(long, value_name = "ID")]
    pub tax_id: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditCustomer {
    /// The customer's name as the book has it, any case
    pub customer: String,
    /// A new name, unique in the book
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// ISO alpha-2 code or English name
    #[arg(long, value_name = "COUNTRY")]
    pub country: Option<String>,
    #[command(flatten)]
    pub details: CustomerDetails,
}

/// One `--item SKU[=QTY]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub sku: String,
    pub quantity: u32,
}

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people
    Table,
    /// Comma-separated values for spreadsheets and scripts
    Csv,
}

/// How a listing or a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned text for people
    Table,
    /// Comma-separated values for spreadsheets and scripts
    Csv,
    /// JSON for scripts and dashboards (amounts as strings with two decimals)
    Json,
}

fn parse_grouping(s: &str) -> Result<Grouping, String> {
    s.parse()
}

fn parse_region(s: &str) -> Result<Region, String> {
    s.parse()
}

fn parse_standing(s: &str) -> Result<crate::domain::quote::Standing, String> {
    s.parse()
}

fn parse_status(s: &str) -> Result<Status, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a date: use YYYY-MM-DD, e.g. 2026-12-31"))
}

fn parse_item(s: &str) -> Result<Item, String> {
    let (sku, quantity) = match s.split_once('=') {
        Some((sku, qty)) => (sku, Some(qty.trim())),
        None => (s, None),
    };
    let sku = sku.trim().to_ascii_lowercase();
    if sku.is_empty() {
        return Err("missing SKU: write SKU or SKU=QTY, e.g. distill-platinum=2".into());
    }
    let quantity = match quantity {
        None => 1,
        Some(q) => q
            .parse::<u32>()
            .ok()
            .filter(|q| (1..=MAX_QUANTITY).contains(q))
            .ok_or_else(|| {
                format!("quantity '{q}' for {sku} must be a whole number from 1 to {MAX_QUANTITY}")
            })?,
    };
    Ok(Item { sku, quantity })
}

/// `--format md|html|pdf` for documents, with each format's help: written here so the
/// document layer needs no argument parser.
impl clap::ValueEnum for DocFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &DocFormat::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let help = match self {
            DocFormat::Md => "Markdown, for pasting into an email",
            DocFormat::Html => {
                "One self-contained HTML file with inline CSS, print-ready on A4 and Letter"
            }
            DocFormat::Pdf => {
                "PDF with embedded fonts (Latin, Cyrillic, Greek) and extractable text"
            }
        };
        Some(clap::builder::PossibleValue::new(self.extension()).help(help))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn items_take_an_optional_quantity() {
        assert_eq!(
            parse_item("Dev-Basic=3").unwrap(),
            Item {
                sku: "dev-basic".into(),
                quantity: 3
            }
        );
        assert_eq!(parse_item("dev-basic").unwrap().quantity, 1);
        for bad in [
            "dev-basic=0",
            "dev-basic=1000",
            "dev-basic=x",
            "=2",
            "dev-basic=-1",
        ] {
            assert!(parse_item(bad).is_err(), "{bad}");
        }
        assert!(parse_date("2026-02-30").is_err());
        assert_eq!(
            parse_date("2026-12-31").unwrap(),
            jiff::civil::date(2026, 12, 31)
        );
    }
}
