//! Writing a document from the app: which folder, which name, never over a file.
//!
//! Documents go to `ORDER_DESK_EXPORT_DIR` when it is set, else to the folder the app was
//! started in (as `order-desk order export` writes to the current folder). A name that is
//! taken gets `-2`, `-3`… rather than replacing the earlier file: the app never asks for
//! `--force`.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::document::parts::Parts;
use crate::document::seller;
use crate::document::{self, DocFormat, ExportError, Sources, model::Kind};
use crate::domain::catalog::Catalog;
use crate::domain::order::Order;
use crate::domain::quote::Quote;
use crate::store::Store;

/// The environment variable naming the folder documents go to.
pub const EXPORT_DIR_ENV: &str = "ORDER_DESK_EXPORT_DIR";

/// What the export popup says about where a document goes and what heads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportPlace {
    /// The export folder as shown; `None` in tests (the folder the app was started in).
    pub dir: Option<String>,
    /// Whether a seller profile was there at the last look (`None`: not looked yet).
    pub seller: Option<bool>,
    /// The last file written (a document or a list's CSV), for Ctrl-O.
    pub last: Option<PathBuf>,
    /// The system's opener found on the PATH (`xdg-open`, `open`), if any.
    pub opener: Option<PathBuf>,
}

/// The system's program that opens a file with its usual application, if the PATH has
/// one: `xdg-open` on Linux and the BSDs, `open` on macOS.
pub fn find_opener() -> Option<PathBuf> {
    let names: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else {
        &["xdg-open"]
    };
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

impl ExportPlace {
    /// Looks at the export folder and the seller profile (at start; each export updates
    /// `seller`).
    pub fn find(store: &Store) -> ExportPlace {
        ExportPlace {
            dir: Some(crate::domain::text::path(&export_dir())),
            seller: Some(matches!(seller::load(store.user_dirs()), Ok(Some(_)))),
            last: None,
            opener: find_opener(),
        }
    }
}

/// The seller profile's `documents_dir`, set once when the app starts.
static PROFILE_DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Takes the seller profile's documents folder (`~/` the home folder) for the session.
pub fn use_profile(profile: Option<&seller::SellerProfile>) {
    if let Some(dir) = profile.and_then(|p| p.documents_dir.as_deref()) {
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let dir = match (dir.strip_prefix("~/"), home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(dir),
        };
        let _ = PROFILE_DIR.set(dir);
    }
}

/// Where the app writes documents and lists: `ORDER_DESK_EXPORT_DIR`, else the seller
/// profile's `documents_dir`, else the user's documents folder when there is one, else
/// the folder the app was started in.
pub fn export_dir() -> PathBuf {
    std::env::var_os(EXPORT_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| PROFILE_DIR.get().cloned())
        .or_else(|| {
            directories::UserDirs::new()
                .and_then(|u| u.document_dir().map(Path::to_path_buf))
                .filter(|d| d.is_dir())
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Writes `bytes` under the first free name of `quote-ID.ext`, `quote-ID-2.ext`, …
pub fn write_unique(
    dir: &Path,
    kind: Kind,
    id: &str,
    format: DocFormat,
    bytes: &[u8],
) -> Result<PathBuf, ExportError> {
    let name = document::default_file_name(kind, id, format);
    let ext = format!(".{}", format.extension());
    let stem = name.strip_suffix(&ext).unwrap_or(&name).to_string();
    let mut last = None;
    for n in 1..=99 {
        let path = match n {
            1 => dir.join(&name),
            n => dir.join(format!("{stem}-{n}{ext}")),
        };
        match document::export_to_file(bytes, &path, false) {
            Ok(()) => return Ok(path),
            Err(e @ (ExportError::Exists { .. } | ExportError::NotRegular { .. })) => {
                last = Some(e)
            }
            Err(e) => return Err(e),
        }
    }
    Err(last.expect("at least one name was tried"))
}

/// Renders an order confirmation and writes it; returns the path as shown and whether a
/// seller profile headed it.
pub fn export_order(
    order: &Order,
    format: DocFormat,
    catalog: &Catalog,
    store: &Store,
    today: Date,
) -> Result<(PathBuf, bool), String> {
    export(
        &export_dir(),
        store,
        &order.customer,
        catalog,
        today,
        |sources| {
            let bytes =
                document::render_order(order, sources, format).map_err(|e| e.to_string())?;
            Ok((Kind::Order, order.id.as_str(), format, bytes))
        },
    )
}

/// [`export_order`] for a quote (the Quotes tab's export).
pub fn export_quote(
    quote: &Quote,
    format: DocFormat,
    catalog: &Catalog,
    store: &Store,
    today: Date,
) -> Result<(PathBuf, bool), String> {
    export_quote_into(&export_dir(), quote, format, catalog, store, today)
}

/// [`export_quote`] into `dir` (the folder the app settled on when it started).
pub fn export_quote_into(
    dir: &Path,
    quote: &Quote,
    format: DocFormat,
    catalog: &Catalog,
    store: &Store,
    today: Date,
) -> Result<(PathBuf, bool), String> {
    export(dir, store, &quote.customer, catalog, today, |sources| {
        let bytes = document::render_quote(quote, sources, format).map_err(|e| e.to_string())?;
        Ok((Kind::Quote, quote.id.as_str(), format, bytes))
    })
}

type Rendered<'a> = (Kind, &'a str, DocFormat, Vec<u8>);

/// Gathers the document's parts ([`Parts::gather`]), renders with `render` and writes the
/// result under a free name in `dir`.
fn export<'a>(
    dir: &Path,
    store: &Store,
    customer: &str,
    catalog: &Catalog,
    today: Date,
    render: impl FnOnce(&Sources) -> Result<Rendered<'a>, String>,
) -> Result<(PathBuf, bool), String> {
    let parts = Parts::gather(store, customer).map_err(|e| e.to_string())?;
    let (kind, id, format, bytes) = render(&parts.sources(catalog, today))?;
    let path = write_unique(dir, kind, id, format, &bytes).map_err(|e| e.to_string())?;
    Ok((path, parts.seller.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_a_number_and_nothing_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_unique(dir.path(), Kind::Order, "o1", DocFormat::Md, b"a").unwrap();
        let second = write_unique(dir.path(), Kind::Order, "o1", DocFormat::Md, b"b").unwrap();
        assert!(first.ends_with("order-o1.md"), "{first:?}");
        assert!(second.ends_with("order-o1-2.md"), "{second:?}");
        assert_eq!(std::fs::read(first).unwrap(), b"a");
    }

    #[test]
    fn a_quote_is_written_once_per_name_and_nothing_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::with_dirs(
            dir.path().join("orders"),
            crate::store::user_dirs::UserDirs::under(&dir.path().join("user")),
        );
        let catalog = Catalog::builtin();
        let mut cart = crate::domain::cart::Cart::new(crate::domain::catalog::Region::Oc2);
        cart.add(&catalog, "dev-basic", 2).unwrap();
        let form = crate::domain::order::CheckoutForm {
            customer: "Acme".into(),
            rep: "sam".into(),
            ..Default::default()
        };
        let now: jiff::Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let order =
            crate::domain::order::checkout(&cart, &catalog, &form, String::new(), now).unwrap();
        let mut q = Quote::from_priced(order, jiff::civil::date(2026, 12, 26));
        q.id = "Q-20261126-120000-test".into();
        let today = jiff::civil::date(2026, 11, 26);
        let export = |format| {
            export_quote_into(dir.path(), &q, format, &catalog, &store, today).map(|(p, _)| p)
        };
        let first = export(DocFormat::Md).unwrap();
        let second = export(DocFormat::Md).unwrap();
        assert!(
            first.ends_with("quote-Q-20261126-120000-test.md"),
            "{}",
            first.display()
        );
        assert!(
            second.ends_with("quote-Q-20261126-120000-test-2.md"),
            "{}",
            second.display()
        );
        let text =
            std::fs::read_to_string(dir.path().join("quote-Q-20261126-120000-test.md")).unwrap();
        assert!(text.contains("$140,000.00"), "{text}");
        let pdf = export(DocFormat::Pdf).unwrap();
        assert!(
            std::fs::read(&pdf).unwrap().starts_with(b"%PDF"),
            "{}",
            pdf.display()
        );
    }
}

/// What `X` writes: the rows a screen lists, as it lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed {
    /// Orders with the status each has today.
    Orders(
        Vec<(
            crate::store::summary::OrderSummary,
            crate::domain::order::Status,
        )>,
    ),
    Quotes(Vec<(Quote, crate::domain::quote::Standing)>),
    Report(Box<crate::report::Report>),
    /// Customers as [`crate::report::csv::customer_record`]s.
    Customers(Vec<[String; 7]>),
}

impl Listed {
    /// How many rows it holds (a report's total row apart).
    pub fn len(&self) -> usize {
        match self {
            Listed::Orders(rows) => rows.len(),
            Listed::Quotes(rows) => rows.len(),
            Listed::Report(r) => r.rows.len(),
            Listed::Customers(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn stem(&self) -> &'static str {
        match self {
            Listed::Orders(_) => "orders",
            Listed::Quotes(_) => "quotes",
            Listed::Report(_) => "report",
            Listed::Customers(_) => "customers",
        }
    }
}

/// Writes `listed` as the CLI's CSV ([`crate::report::csv`]) under a free name
/// `orders-20261204-101500.csv` (then `-2`, …) in `dir`; returns its path.
pub fn export_list(dir: &Path, listed: &Listed, now: jiff::Timestamp) -> Result<PathBuf, String> {
    let mut bytes = Vec::new();
    let written = match listed {
        Listed::Orders(rows) => {
            crate::report::csv::orders(rows.iter().map(|(o, s)| (o, *s)), &mut bytes)
        }
        Listed::Quotes(rows) => {
            crate::report::csv::quotes(rows.iter().map(|(q, s)| (q, *s)), &mut bytes)
        }
        Listed::Report(report) => crate::report::csv::report(report, &mut bytes),
        Listed::Customers(records) => crate::report::csv::customers(records, &mut bytes),
    };
    written.map_err(|e| format!("the CSV could not be made: {e}"))?;
    let stamp = now.strftime("%Y%m%d-%H%M%S");
    let stem = format!("{}-{stamp}", listed.stem());
    let mut last = None;
    for n in 1..=99 {
        let path = match n {
            1 => dir.join(format!("{stem}.csv")),
            n => dir.join(format!("{stem}-{n}.csv")),
        };
        match document::export_to_file(&bytes, &path, false) {
            Ok(()) => return Ok(path),
            Err(e @ (ExportError::Exists { .. } | ExportError::NotRegular { .. })) => {
                last = Some(e)
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Err(last.map_or_else(|| "no free name".to_string(), |e| e.to_string()))
}
