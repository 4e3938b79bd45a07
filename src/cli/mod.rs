//! The scriptable command line: print the price list, place orders, move them through
//! their usage status, and list them. `main.rs` parses the arguments and calls [`run`].
//!
//! Output meant for scripts goes to stdout (an order id, CSV); explanations of what went
//! wrong go to stderr, and [`CliError::exit_code`] says how the process should end:
//! 0 done, 1 refused by a rule / a conflict / a damaged file, 2 bad usage.

mod args;
mod catalog_view;
mod config_cmd;
mod customer_cmd;
mod export_cmd;
mod order_cmd;
mod orders_json;
mod orders_list;
mod pricelist_cmd;
mod quote_cmd;
mod quote_report_cmd;
mod region_cmd;
mod report_cmd;
mod table;
mod team_cmd;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use jiff::Timestamp;

pub use args::{
    Cli, Command, ConfigCommand, CustomerCommand, EditCustomer, ExportArgs, Format, Item,
    ListFormat, NewCustomer, NewOrder, NewQuote, OrderCommand, OrdersFilterArgs, QuoteCommand,
    TeamCommand,
};

use crate::domain::catalog::{Catalog, CatalogError};
use crate::domain::order::{CheckoutError, MAX_NOTE, MAX_REP};
use crate::domain::rules::Refusal;
use crate::store::{Store, StoreError};

/// Exit code for a finished command.
pub const EXIT_OK: u8 = 0;
/// Exit code when a rule, a conflict or a damaged file stopped the command.
pub const EXIT_REFUSED: u8 = 1;
/// Exit code for bad usage: unknown flags, bad values, unknown SKUs, malformed ids.
pub const EXIT_USAGE: u8 = 2;

/// Why a command did not finish. Each message says what happened and what to do next.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A value on the command line is not acceptable.
    #[error("{0}")]
    Usage(String),
    /// The price list given with `--catalog` cannot be used; no order was touched.
    #[error("{0}; no order was touched")]
    Catalog(#[from] CatalogError),
    /// The rules of the price list refuse the change; nothing was saved.
    #[error(
        "{refusal}. Nothing was changed; `order-desk order show {id}` lists what can happen next"
    )]
    Refused { id: String, refusal: Refusal },
    /// The order store could not do what was asked.
    #[error("{0}")]
    Store(StoreError),
    /// A repurchase cannot be made with the current price list.
    #[error("{0}")]
    Repurchase(String),
    /// `orders` listed what it could, but some files are not valid orders.
    #[error(
        "{count} file(s) in {} could not be read as orders and were left untouched: fix them by hand or restore them from a backup",
        crate::domain::text::path(.dir)
    )]
    DamagedFiles { count: usize, dir: PathBuf },
    /// Some files were written by a newer Order Desk: listed apart from damage.
    #[error(
        "{count} file(s) in {} were written by a newer Order Desk and were left untouched: upgrade Order Desk to read them",
        crate::domain::text::path(.dir)
    )]
    NewerFiles { count: usize, dir: PathBuf },
    /// The team book could not be shared.
    #[error("{0}")]
    Team(#[from] crate::team::TeamError),
    /// A sync left files conflicted for a human.
    #[error("{0}")]
    Conflicted(String),
    /// Writing the output failed (a closed pipe is not reported: see [`CliError::is_broken_pipe`]).
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    /// A quote or order document could not be made.
    #[error("{0}; nothing was written")]
    Document(#[from] crate::document::DocumentError),
    /// A document could not be written where asked.
    #[error("{0}")]
    Export(#[from] crate::document::ExportError),
    /// The seller profile is damaged, or cannot be read or written.
    #[error("{0}")]
    Seller(#[from] crate::document::seller::SellerError),
    /// A billing page was not imported; nothing was stored.
    #[error("{0}; nothing was imported")]
    Import(String),
    /// The terminal app stopped other than by a quit.
    #[error("the terminal app stopped: {0}")]
    Terminal(crate::tui::Stopped),
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_)
            | CliError::Store(StoreError::BadId(_))
            | CliError::Store(StoreError::BadQuoteId(_))
            | CliError::Export(crate::document::ExportError::NoFolder { .. })
            | CliError::Export(crate::document::ExportError::NotRegular { .. }) => EXIT_USAGE,
            CliError::Terminal(stopped) => stopped.exit_code(),
            _ => EXIT_REFUSED,
        }
    }

    /// True when stdout was closed by the reader (`order-desk orders | head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
    }
}

impl From<CheckoutError> for CliError {
    fn from(e: CheckoutError) -> Self {
        CliError::Usage(e.to_string())
    }
}

/// Everything a command needs, resolved from flags, the environment and the clock.
/// See [`Context::priced`].
struct Priced {
    region: String,
    list: String,
    answer: Option<crate::domain::region::Answer>,
}

struct Context {
    catalog: Catalog,
    store: Store,
    rep: String,
    desk: String,
    now: Timestamp,
}

impl Context {
    /// The price list `--list ID` names: the newest version of an imported list, or the
    /// desk's own (built-in, or `--catalog`) without one or for `ai-platform`.
    fn list_catalog(&self, id: Option<&str>) -> Result<std::borrow::Cow<'_, Catalog>, CliError> {
        match id {
            None => Ok(std::borrow::Cow::Borrowed(&self.catalog)),
            Some(id) if id == crate::domain::catalog::BUILTIN_LIST => {
                Ok(std::borrow::Cow::Borrowed(&self.catalog))
            }
            Some(id) => crate::store::pricelists::catalog(self.store.dir(), id, None)
                .map(std::borrow::Cow::Owned)
                .map_err(CliError::Usage),
        }
    }

    /// The price list an order or quote was priced from, at the version it was priced
    /// at; the desk's own for the built-in list.
    fn catalog_of(
        &self,
        list: Option<&crate::domain::order::ListRef>,
        version: jiff::civil::Date,
    ) -> Result<std::borrow::Cow<'_, Catalog>, CliError> {
        match list {
            None => Ok(std::borrow::Cow::Borrowed(&self.catalog)),
            Some(l) => crate::store::pricelists::catalog(self.store.dir(), &l.id, Some(version))
                .map(std::borrow::Cow::Owned)
                .map_err(CliError::Usage),
        }
    }

    /// What `order show` and `quote show` say of where a sale was priced: the region's
    /// full name in the list it was priced from (its code when that list is gone), the
    /// list and version, and the country's answer in that list's words.
    fn priced(
        &self,
        list: Option<&crate::domain::order::ListRef>,
        version: jiff::civil::Date,
        region: crate::domain::catalog::Region,
        country: Option<&str>,
    ) -> Priced {
        let catalog = self.catalog_of(list, version).ok();
        let answer = country
            .and_then(|c| crate::domain::region::find(c).ok())
            .map(|a| match &catalog {
                Some(c) => crate::domain::region_words::in_list(a, c),
                None => a,
            });
        Priced {
            region: catalog.as_ref().map_or_else(
                || region.to_string(),
                |c| crate::domain::text::clean(&c.region_full_name(region)).into_owned(),
            ),
            list: match list {
                Some(l) => format!("{} of {version}", crate::domain::text::clean(&l.id)),
                None => format!("updated {version}"),
            },
            answer,
        }
    }

    /// The rep's name, checked before it is written into an order file.
    fn checked_rep(&self) -> Result<&str, CliError> {
        let rep = self.rep.as_str();
        if rep.is_empty() {
            return Err(CliError::Usage(
                "the sales rep is empty: pass --rep NAME or set ORDER_DESK_REP".into(),
            ));
        }
        if rep.chars().count() > MAX_REP
            || rep.chars().any(crate::domain::text::is_unsafe)
            || crate::domain::text::is_blank(rep)
        {
            return Err(CliError::Usage(format!(
                "the sales rep must be at most {MAX_REP} visible characters with no control characters or text-direction overrides"
            )));
        }
        Ok(rep)
    }
}

/// Checks a free-text note given on the command line.
fn checked_note(note: Option<String>) -> Result<Option<String>, CliError> {
    let Some(note) = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if note.chars().count() > MAX_NOTE {
        return Err(CliError::Usage(format!(
            "the note is too long: at most {MAX_NOTE} characters"
        )));
    }
    if note
        .chars()
        .any(|c| crate::domain::text::is_unsafe(c) && c != '\n')
    {
        return Err(CliError::Usage(
            "the note must not contain control characters or text-direction overrides".into(),
        ));
    }
    if crate::domain::text::is_blank(&note) {
        return Err(CliError::Usage(
            "the note holds only invisible characters: type it in visible letters".into(),
        ));
    }
    Ok(Some(note))
}

/// Names each file that could not be read on stderr, files from a newer Order Desk apart
/// from damaged ones, and returns the error that makes the exit code 1 (`Ok` if none).
pub(crate) fn report_unread(
    files: &[crate::store::DamagedFile],
    dir: &std::path::Path,
) -> Result<(), CliError> {
    if files.is_empty() {
        return Ok(());
    }
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let (newer, damaged): (Vec<_>, Vec<_>) = files.iter().partition(|f| f.is_newer());
    for f in &damaged {
        let _ = writeln!(err, "{}", f.error);
    }
    for f in &newer {
        let _ = writeln!(err, "{}", f.error);
    }
    if !damaged.is_empty() {
        if !newer.is_empty() {
            let _ = writeln!(
                err,
                "{} file(s) were written by a newer Order Desk (not damaged): upgrade to read them",
                newer.len()
            );
        }
        return Err(CliError::DamagedFiles {
            count: damaged.len(),
            dir: dir.to_path_buf(),
        });
    }
    Err(CliError::NewerFiles {
        count: newer.len(),
        dir: dir.to_path_buf(),
    })
}

/// Runs one parsed command line to the end.
pub fn run(cli: Cli) -> Result<(), CliError> {
    // Git runs the merge driver: it needs no price list, desk tag or orders folder.
    if let Some(Command::MergeFile {
        base,
        ours,
        theirs,
        path,
    }) = &cli.command
    {
        return team_cmd::merge_file(base, ours, theirs, path);
    }
    // The price list is loaded first, so a bad `--catalog` stops every command before
    // any order file is opened.
    let (catalog, catalog_label) = match &cli.catalog {
        Some(path) => (
            crate::store::catalog_file::load(path)?,
            crate::domain::text::path(path),
        ),
        None => (Catalog::builtin(), "built-in".to_string()),
    };
    let orders_dir = cli
        .orders_dir
        .clone()
        .unwrap_or_else(crate::default_orders_dir);
    let rep = cli
        .rep
        .clone()
        .map(|r| r.trim().to_string())
        .unwrap_or_else(crate::login_name);
    let desk = crate::store::desk_tag::desk_tag();

    let Some(command) = cli.command else {
        return crate::tui::run(crate::tui::Config {
            catalog,
            catalog_label,
            orders_dir,
            rep,
            desk,
        })
        .map_err(CliError::Terminal);
    };

    let ctx = Context {
        catalog,
        store: Store::new(orders_dir).with_identity(&desk, &rep),
        rep,
        desk,
        now: Timestamp::now(),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match command {
        Command::Catalog {
            format: args::ListFormat::Table,
            list: None,
        } => catalog_view::print(&ctx.catalog, Format::Table, &mut out),
        Command::Catalog {
            format: args::ListFormat::Csv,
            list: None,
        } => catalog_view::print(&ctx.catalog, Format::Csv, &mut out),
        Command::Catalog { format, list } => pricelist_cmd::catalog(&ctx, list, format, &mut out),
        Command::Order { action } => order_cmd::run(&ctx, action, &mut out),
        Command::Customer { action } => customer_cmd::run(&ctx, action, &mut out),
        Command::Pricelist { action } => pricelist_cmd::run(&ctx, action, &mut out),
        Command::Customers { format } => customer_cmd::list(&ctx, format, &mut out),
        Command::Quote { action } => quote_cmd::run(&ctx, action, &mut out),
        Command::Quotes {
            status,
            expiring_within,
            format,
        } => quote_cmd::list(&ctx, status, expiring_within, format, &mut out),
        Command::Config { action } => config_cmd::run(&ctx, action, &mut out),
        Command::Region {
            country,
            format,
            list,
        } => ctx
            .list_catalog(list.as_deref())
            .and_then(|catalog| region_cmd::run(&catalog, &country, format, &mut out)),
        Command::Orders {
            status,
            filter,
            format,
        } => orders_list::run(&ctx, status, filter, format, &mut out),
        Command::Team { action } => team_cmd::run(&ctx, action, &mut out),
        Command::Sync => team_cmd::sync(&ctx, &mut out),
        Command::MergeFile { .. } => unreachable!("handled before the context"),
        Command::Report {
            by,
            from,
            to,
            measures: args::MeasureSet::Orders,
            format,
        } => report_cmd::run(&ctx, by, from, to, format, &mut out),
        Command::Report {
            by,
            from,
            to,
            measures: args::MeasureSet::Quotes,
            format,
        } => quote_report_cmd::run(&ctx, by, from, to, format, &mut out),
    };
    // Whatever was printed before an error (the good orders of a listing) still goes out.
    let flushed = out.flush();
    result?;
    flushed?;
    Ok(())
}
