//! Documents that leave the desk: a quote, or an order confirmation with its history, as
//! Markdown (to paste into an email), one self-contained HTML file (print-ready) or a PDF.
//!
//! Promises:
//! - One model ([`model::Document`]) is built from the quote or order, the price list and
//!   the seller profile; every format renders that model, so the three always agree.
//! - The terms are generated from the rules module and the price list's own billing text
//!   ([`terms`]), never typed into a template: change the price list's words and every
//!   document says the new words.
//! - Every text from a file (customer, note, seller, price list) is escaped for the format
//!   it lands in: HTML through the template engine's auto-escaping, Markdown by escaping
//!   its special characters, PDF as glyphs only.
//! - Amounts are shown whole with their `$` in every format, as the terminal shows them.
//! - A file is written through a temp file and a rename ([`export_to_file`]): never over
//!   an existing file without `force`, never through a link planted at the output path.
//!
//! Pure apart from [`export_to_file`] and the user's own templates read by [`Sources`].

pub mod coverage;
pub mod fonts;
mod html;
mod markdown;
pub mod model;
mod output;
pub mod parts;
mod pdf;
pub mod seller;
pub mod terms;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::document::seller::SellerProfile;
use crate::domain::catalog::Catalog;
use crate::domain::customer::Customer;
use crate::domain::order::Order;
use crate::domain::quote::Quote;

pub use model::Document;
pub use output::{ExportError, export_to_file, write_file};

/// The formats a document can be written in.
/// (The command line's `--format` reads them through `cli::args`: no argument parser
/// here.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocFormat {
    /// Markdown, for pasting into an email
    Md,
    /// One self-contained HTML file with inline CSS, print-ready on A4 and Letter
    Html,
    /// PDF with embedded fonts (Latin, Cyrillic, Greek) and extractable text
    Pdf,
}

impl DocFormat {
    pub const ALL: [DocFormat; 3] = [DocFormat::Md, DocFormat::Html, DocFormat::Pdf];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Md => "md",
            DocFormat::Html => "html",
            DocFormat::Pdf => "pdf",
        }
    }

    /// How a person names the format.
    pub fn label(self) -> &'static str {
        match self {
            DocFormat::Md => "Markdown",
            DocFormat::Html => "HTML",
            DocFormat::Pdf => "PDF",
        }
    }

    /// The next format, for a key that cycles through them.
    pub fn next(self) -> DocFormat {
        match self {
            DocFormat::Md => DocFormat::Html,
            DocFormat::Html => DocFormat::Pdf,
            DocFormat::Pdf => DocFormat::Md,
        }
    }
}

/// What a document is made from besides the quote or order itself.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The price list in use: region coverage and the billing rules' words.
    pub catalog: &'a Catalog,
    /// The seller profile; `None` gives a neutral header.
    pub seller: Option<&'a SellerProfile>,
    /// The customer's entry in the book, for contact and billing address, if any.
    pub customer: Option<&'a Customer>,
    /// The folder holding the user's own templates (`<config>/templates`), if any.
    pub templates: Option<&'a Path>,
    /// Today, for a quote's standing (open or lapsed) and the document's date.
    pub today: Date,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The user's own template cannot be read or rendered.
    #[error(
        "template {}: {message}; fix it or remove it to use the built-in one",
        crate::domain::text::path(.path)
    )]
    Template { path: PathBuf, message: String },
    /// The user's own template ran past a limit (see `html`) and was stopped.
    #[error(
        "template {} was stopped because it {what}; look for a loop that never ends or text that keeps growing, fix it, or remove the file to use the built-in template",
        crate::domain::text::path(.path)
    )]
    TemplateLimit { path: PathBuf, what: String },
    /// The PDF writer failed (it should not: the fonts are built in).
    #[error("cannot make the PDF: {0}")]
    Pdf(String),
    /// A character the PDF cannot print right (see [`coverage`]); nothing was written.
    #[error(
        "the PDF cannot print {ch} (U+{:04X}, {script}) in {field}: no font on this machine has it. Put a .ttf or .otf font that has it in {fonts}, or export as HTML, which a browser lays out in every script, or as Markdown",
        u32::from(*.ch)
    )]
    Uncovered {
        ch: char,
        script: &'static str,
        field: String,
        /// The folder a user's own fonts are read from, as shown.
        fonts: String,
    },
}

/// A quote as a document in `format`.
pub fn render_quote(
    quote: &Quote,
    sources: &Sources,
    format: DocFormat,
) -> Result<Vec<u8>, DocumentError> {
    render(&Document::from_quote(quote, sources), sources, format)
}

/// An order confirmation, with its status history, as a document in `format`.
pub fn render_order(
    order: &Order,
    sources: &Sources,
    format: DocFormat,
) -> Result<Vec<u8>, DocumentError> {
    render(&Document::from_order(order, sources), sources, format)
}

/// A built document in `format`.
pub fn render(
    doc: &Document,
    sources: &Sources,
    format: DocFormat,
) -> Result<Vec<u8>, DocumentError> {
    match format {
        DocFormat::Md => Ok(markdown::render(doc).into_bytes()),
        DocFormat::Html => html::render(doc, sources.templates).map(String::into_bytes),
        DocFormat::Pdf => pdf::render(doc, sources.seller.map(|s| s.paper).unwrap_or_default()),
    }
}

/// The file name a document gets when none is given: `quote-Q-….md`, `order-….pdf`.
/// Ids are checked before they name a file, so this is always one plain file name.
pub fn default_file_name(kind: model::Kind, id: &str, format: DocFormat) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}-{safe}.{}", kind.code(), format.extension())
}
