//! The HTML form: one self-contained file (inline CSS, no script, no network) rendered
//! through minijinja from `data/templates/document.html.j2`, or from the user's own
//! `<config>/templates/quote.html.j2` / `order.html.j2` when one exists.
//!
//! Auto-escaping is on for every template whatever its name, so a customer called
//! `<script>` is shown as those characters; a user's template can only opt out field by
//! field with `|safe`.
//!
//! A user's template is bounded: it runs on [`USER_FUEL`] (minijinja's fuel counts steps
//! and the data a template makes, so a loop that never ends and a string that doubles
//! until memory runs out are both stopped) and its output stops at [`MAX_OUTPUT_BYTES`].
//! Either is refused with [`DocumentError::TemplateLimit`], and nothing is written.

use std::io;
use std::path::{Path, PathBuf};

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, ErrorKind};

use super::DocumentError;
use super::model::Document;
use crate::store::files;

/// The built-in template for quotes and order confirmations.
pub const BUILTIN: &str = include_str!("../../data/templates/document.html.j2");

/// A user's template larger than this is refused.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The work a user's template may do for one document: enough for the largest order
/// many times over (the built-in template takes well under a tenth of it), and about
/// 128 MB of data at most.
pub const USER_FUEL: u64 = 2_000_000;

/// The longest document a user's template may write.
pub const MAX_OUTPUT_BYTES: usize = 8 * 1024 * 1024;

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
        (Some(source), Some(path)) => render_user(&mut env, &name, &source, ctx, path),
        _ => Ok(env
            .render_named_str("document.html.j2", BUILTIN, ctx)
            .expect("the built-in template renders every document (tested)")),
    }
}

/// Renders a user's template within [`USER_FUEL`] and [`MAX_OUTPUT_BYTES`].
fn render_user(
    env: &mut Environment,
    name: &str,
    source: &str,
    ctx: Serde<&Document>,
    path: PathBuf,
) -> Result<String, DocumentError> {
    env.set_fuel(Some(USER_FUEL));
    let mut out = Capped::default();
    let rendered = env
        .template_from_named_str(name, source)
        .and_then(|t| t.render_captured_to(ctx, &mut out));
    match rendered {
        Ok(_) => Ok(String::from_utf8(out.bytes).expect("minijinja writes UTF-8 text")),
        Err(_) if out.overflowed => Err(DocumentError::TemplateLimit {
            path,
            what: format!("wrote more than {} MiB", MAX_OUTPUT_BYTES / (1024 * 1024)),
        }),
        Err(e) if e.kind() == ErrorKind::OutOfFuel => Err(DocumentError::TemplateLimit {
            path,
            what: format!(
                "did more work than any document needs (over {} million steps, or about {} MB of data)",
                USER_FUEL / 1_000_000,
                USER_FUEL * 64 / 1_000_000
            ),
        }),
        Err(e) => Err(DocumentError::Template {
            message: match e.line() {
                Some(line) => format!("line {line}: {}", e.detail().unwrap_or("error")),
                None => e.to_string(),
            },
            path,
        }),
    }
}

/// Collects a template's output and refuses any past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.overflowed = true;
            return Err(io::Error::other("the output limit was reached"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
