//! Writing a quote as a document from the app (`x` on the Quotes tab): rendered by
//! [`crate::document`] with the seller profile and the customer's book entry, written
//! to the export folder under the first free name, never over a file.
//!
//! The export folder is `ORDER_DESK_EXPORT_DIR` when set, else the folder the app was
//! started in (where `order-desk quote export` writes too).

use std::path::PathBuf;

use jiff::civil::Date;

use crate::catalog::Catalog;
use crate::document::{self, DocFormat, ExportError, Sources, model::Kind};
use crate::quote::Quote;
use crate::seller;
use crate::store::Store;

/// The environment variable naming the folder documents go to.
pub const EXPORT_DIR_ENV: &str = "ORDER_DESK_EXPORT_DIR";

/// Where the app writes documents.
pub fn export_dir() -> PathBuf {
    std::env::var_os(EXPORT_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Renders quote `q` and writes it in `dir` as `quote-ID.ext` (or `-2`, `-3`… when
/// taken); returns the file as shown.
pub fn export_quote_into(
    dir: &std::path::Path,
    q: &Quote,
    format: DocFormat,
    catalog: &Catalog,
    store: &Store,
    today: Date,
) -> Result<String, String> {
    let dirs = store.user_dirs();
    let profile = seller::load(dirs).map_err(|e| e.to_string())?;
    let templates = seller::templates_dir(dirs);
    let customer = store
        .load_customers()
        .ok()
        .and_then(|book| book.find(&q.customer).cloned());
    let sources = Sources {
        catalog,
        seller: profile.as_ref(),
        customer: customer.as_ref(),
        templates: templates.as_deref(),
        today,
    };
    let bytes = document::render_quote(q, &sources, format).map_err(|e| e.to_string())?;
    let name = document::default_file_name(Kind::Quote, &q.id, format);
    let ext = format!(".{}", format.extension());
    let stem = name.strip_suffix(&ext).unwrap_or(&name).to_string();
    let mut last = String::new();
    for n in 1..=99 {
        let path = match n {
            1 => dir.join(&name),
            n => dir.join(format!("{stem}-{n}{ext}")),
        };
        match document::export_to_file(&bytes, &path, false) {
            Ok(()) => return Ok(crate::text::path(&path)),
            // A file or a planted link of that name is someone's: take the next name.
            Err(e @ (ExportError::Exists { .. } | ExportError::NotRegular { .. })) => {
                last = e.to_string()
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_written_once_per_name_and_nothing_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::with_dirs(
            dir.path().join("orders"),
            crate::user_dirs::UserDirs::under(&dir.path().join("user")),
        );
        let catalog = Catalog::builtin();
        let mut cart = crate::cart::Cart::new(crate::catalog::Region::Oc2);
        cart.add(&catalog, "dev-basic", 2).unwrap();
        let form = crate::order::CheckoutForm {
            customer: "Acme".into(),
            rep: "sam".into(),
            ..Default::default()
        };
        let now: jiff::Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let order = crate::order::checkout(&cart, &catalog, &form, String::new(), now).unwrap();
        let mut q = Quote::from_priced(order, jiff::civil::date(2026, 12, 26));
        q.id = "Q-20261126-120000-test".into();
        let today = jiff::civil::date(2026, 11, 26);
        let export = |format| export_quote_into(dir.path(), &q, format, &catalog, &store, today);
        let first = export(DocFormat::Md).unwrap();
        let second = export(DocFormat::Md).unwrap();
        assert!(
            first.ends_with("quote-Q-20261126-120000-test.md"),
            "{first}"
        );
        assert!(
            second.ends_with("quote-Q-20261126-120000-test-2.md"),
            "{second}"
        );
        let text =
            std::fs::read_to_string(dir.path().join("quote-Q-20261126-120000-test.md")).unwrap();
        assert!(text.contains("$140,000.00"), "{text}");
        let pdf = export(DocFormat::Pdf).unwrap();
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "{pdf}");
    }
}
