//! The HTML form: one self-contained file (inline CSS, no script, no network) rendered
//! through minijinja from `data/templates/document.html.j2`, or from the user's own
//! `<config>/templates/quote.html.j2` / `order.html.j2` when one exists.
//!
//! Auto-escaping is on for every template whatever its name, so a customer called
//! `<script>` is shown as those characters; a user's template can only opt out field by
//! field with `|safe`.

use std::path::Path;

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment};

use super::DocumentError;
use super::model::Document;
use crate::store::files;

/// The built-in template for quotes and order confirmations.
pub const BUILTIN: &str = include_str!("../../data/templates/document.html.j2");

/// A user's template larger than this is refused.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The file name a user's own template for `kind` has in the templates folder.
pub fn override_name(doc: &Document) -> String {
    format!("{}.html.j2", doc.kind.code())
}

/// The document as one HTML file.
pub fn render(doc: &Document, templates: Option<&Path>) -> Result<String, DocumentError> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    let name = override_name(doc);
    let user = templates.map(|dir| dir.join(&name));
    let source = match &user {
        Some(path) => match files::read_regular_following(path, MAX_TEMPLATE_BYTES) {
            Ok((bytes, _)) => {
                Some(
                    String::from_utf8(bytes).map_err(|_| DocumentError::Template {
                        path: path.clone(),
                        message: "not UTF-8 text".into(),
                    })?,
                )
            }
            Err(files::ReadError::NotFound) => None,
            Err(e) => {
                return Err(DocumentError::Template {
                    path: path.clone(),
                    message: e.to_string(),
                });
            }
        },
        None => None,
    };
    let ctx = Serde(doc);
    match (source, user) {
        (Some(source), Some(path)) => {
            env.render_named_str(&name, &source, ctx)
                .map_err(|e| DocumentError::Template {
                    message: match e.line() {
                        Some(line) => format!("line {line}: {}", e.detail().unwrap_or("error")),
                        None => e.to_string(),
                    },
                    path,
                })
        }
        _ => Ok(env
            .render_named_str("document.html.j2", BUILTIN, ctx)
            .expect("the built-in template renders every document (tested)")),
    }
}
