//! What every document needs besides the quote or order itself: the seller profile, the
//! user's own templates folder and the customer's entry in the book. Gathered here once
//! for both front ends (`order export` and the app's `x`), so a document says the same
//! whichever made it.

use std::path::PathBuf;

use jiff::civil::Date;

use super::Sources;
use super::seller::{self, SellerError, SellerProfile};
use crate::domain::catalog::Catalog;
use crate::domain::customer::Customer;
use crate::store::Store;

/// The user's parts of a document, read from the user's folders and the customer book.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// `None` without a profile: the document has a neutral header.
    pub seller: Option<SellerProfile>,
    pub templates: Option<PathBuf>,
    /// The book's entry for the document's customer, for the address block.
    pub customer: Option<Customer>,
}

impl Parts {
    /// Reads the parts for a document addressed to `customer`. A damaged seller profile
    /// stops the document (it would head it with the wrong company); a damaged or
    /// unreadable customer book only loses the address block, never the document.
    pub fn gather(store: &Store, customer: &str) -> Result<Parts, SellerError> {
        let dirs = store.user_dirs();
        Ok(Parts {
            seller: seller::load(dirs)?,
            templates: seller::templates_dir(dirs),
            customer: store
                .load_customers()
                .ok()
                .and_then(|book| book.find(customer).cloned()),
        })
    }

    /// The sources a document is rendered from.
    pub fn sources<'a>(&'a self, catalog: &'a Catalog, today: Date) -> Sources<'a> {
        Sources {
            catalog,
            seller: self.seller.as_ref(),
            customer: self.customer.as_ref(),
            templates: self.templates.as_deref(),
            today,
        }
    }
}
