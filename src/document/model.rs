//! What a document says, before any format: plain texts and whole amounts, built once from
//! a quote or an order so Markdown, HTML and PDF say the same thing.
//!
//! Texts are cleaned of control characters and escapes here (a file may be hostile) but
//! not escaped for any format: each renderer escapes for its own.

use jiff::Timestamp;
use serde::Serialize;

use super::Sources;
use super::terms::{self, Term};
use crate::domain::money::format_usd;
use crate::domain::order::{Order, OrderLine, local_date};
use crate::domain::quote::{Quote, QuoteStatus, Standing};
use crate::domain::region::{self, RegionChoice};
use crate::domain::text::clean;

/// A quote or an order confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Quote,
    Order,
}

impl Kind {
    /// The word in file names and templates: `quote`, `order`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Order => "order",
        }
    }
}

/// The seller's block at the top.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seller {
    pub company: String,
    pub address: Vec<String>,
    pub contact: String,
}

/// Who the document is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerBlock {
    pub name: String,
    /// "Brazil (BR)", or empty when the quote or order records no country.
    pub country: String,
    pub contact: String,
    pub email: String,
    pub address: Vec<String>,
    pub tax_id: String,
}

/// The price region with the price list's own words for what it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionBlock {
    /// "OC2".
    pub code: String,
    /// "Outside China 2".
    pub name: String,
    /// "Europe, Africa, Brazil, and Middle East".
    pub coverage: String,
    /// How the region was chosen, when recorded ("from the country (…)", "chosen by …").
    pub choice: String,
}

/// One line as sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub number: usize,
    pub sku: String,
    pub service: String,
    pub tier: String,
    /// The full specification name from the price list.
    pub name: String,
    pub unit: String,
    pub quantity: u32,
    /// "$1,300,000.00".
    pub unit_price: String,
    pub line_total: String,
}

/// A labelled fact in the header: "Valid until" → "2026-12-27".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// One entry of an order's status history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    pub at: String,
    pub change: String,
    pub by: String,
    pub note: String,
}

/// Everything a document shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub kind: Kind,
    /// "Quote" or "Order confirmation".
    pub title: String,
    /// The quote or order id.
    pub number: String,
    /// `None` without a seller profile: the document has a neutral header.
    pub seller: Option<Seller>,
    pub customer: CustomerBlock,
    /// Dates, rep, price list, status, in the order they are shown.
    pub facts: Vec<Fact>,
    pub region: RegionBlock,
    pub lines: Vec<Line>,
    /// "$1,300,000.00".
    pub total: String,
    pub currency: String,
    pub note: String,
    /// Order confirmations only; empty for a quote.
    pub history: Vec<HistoryEntry>,
    pub terms: Vec<Term>,
}

/// A multi-line text as its cleaned, non-empty lines.
fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| clean(l.trim()).into_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

fn opt(text: Option<&String>) -> String {
    text.map(|t| clean(t).into_owned()).unwrap_or_default()
}

fn date_of(at: Timestamp) -> String {
    local_date(at).to_string()
}

fn fact(label: &str, value: impl Into<String>) -> Fact {
    Fact {
        label: label.to_string(),
        value: value.into(),
    }
}

/// The parts a quote and an order share.
struct Common<'a> {
    customer: &'a str,
    country: Option<&'a str>,
    region: crate::domain::catalog::Region,
    choice: Option<&'a RegionChoice>,
    lines: &'a [OrderLine],
}

impl Document {
    fn common(c: &Common, sources: &Sources) -> (CustomerBlock, RegionBlock, Vec<Line>) {
        // The country's answer as the order's own list words it.
        let answer = c
            .country
            .and_then(|code| region::find(code).ok())
            .map(|a| crate::domain::region_words::in_list(a, sources.catalog));
        // The book's entry adds contact and address only when it is the same customer.
        let book = sources.customer.filter(|b| {
            crate::domain::customer::name_key(&b.name)
                == crate::domain::customer::name_key(c.customer)
        });
        let customer = CustomerBlock {
            name: clean(c.customer).into_owned(),
            country: match (&answer, c.country) {
                (Some(a), _) => format!("{} ({})", a.country, a.code),
                (None, Some(code)) => clean(code).into_owned(),
                (None, None) => String::new(),
            },
            contact: opt(book.and_then(|b| b.contact.as_ref())),
            email: opt(book.and_then(|b| b.email.as_ref())),
            address: book
                .and_then(|b| b.address.as_deref())
                .map(lines_of)
                .unwrap_or_default(),
            tax_id: opt(book.and_then(|b| b.tax_id.as_ref())),
        };
        let info = sources.catalog.region_info(c.region);
        let region = RegionBlock {
            code: c.region.to_string(),
            name: info
                .map(|i| clean(&i.name).into_owned())
                .unwrap_or_else(|| c.region.to_string()),
            coverage: info
                .map(|i| clean(&i.coverage).into_owned())
                .unwrap_or_default(),
            choice: c
                .choice
                .map(|ch| ch.describe(answer.as_ref()))
                .unwrap_or_default(),
        };
        let lines = c
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| Line {
                number: i + 1,
                sku: clean(&l.sku).into_owned(),
                service: clean(&l.service).into_owned(),
                tier: clean(&l.tier).into_owned(),
                name: clean(&l.name).into_owned(),
                unit: l.unit.to_string(),
                quantity: l.quantity,
                unit_price: format_usd(l.unit_price),
                line_total: format_usd(l.line_total),
            })
            .collect();
        (customer, region, lines)
    }

    fn seller(sources: &Sources) -> Option<Seller> {
        sources.seller.map(|s| Seller {
            company: clean(s.company.trim()).into_owned(),
            address: lines_of(&s.address),
            contact: clean(s.contact.trim()).into_owned(),
        })
    }

    /// The document of a quote.
    pub fn from_quote(q: &Quote, sources: &Sources) -> Document {
        let (customer, region, lines) = Document::common(
            &Common {
                customer: &q.customer,
                country: q.country.as_deref(),
                region: q.region,
                choice: q.region_choice.as_ref(),
                lines: &q.lines,
            },
            sources,
        );
        let standing = q.standing(sources.today);
        let status = match &q.status {
            QuoteStatus::Accepted { order, .. } => format!("Accepted as order {}", clean(order)),
            QuoteStatus::Declined { .. } => "Declined".to_string(),
            QuoteStatus::Superseded { quote, .. } => {
                format!("Superseded by revision {}", clean(quote))
            }
            QuoteStatus::Open if standing == Standing::Lapsed => {
                format!("Lapsed (open until {})", q.valid_until)
            }
            QuoteStatus::Open => "Open".to_string(),
        };
        let mut facts = vec![
            fact("Quote date", date_of(q.created_at)),
            fact("Valid until", q.valid_until.to_string()),
            fact("Sales rep", clean(&q.rep)),
            fact(
                "Price list",
                match &q.list {
                    Some(l) => format!("{} of {}", clean(&l.id), q.catalog_date),
                    None => format!("updated {}", q.catalog_date),
                },
            ),
            fact("Status", status),
        ];
        if let Some(old) = &q.requote_of {
            facts.push(fact("Re-quote of", clean(old)));
        }
        // A revision says which it is and what it replaces.
        if let Some(old) = &q.revision_of {
            facts.push(fact(
                "Revision",
                format!("{} (replaces {})", q.revision(), clean(old)),
            ));
        }
        // The customer's reference is theirs to see; the internal note never leaves.
        if let Some(reference) = &q.reference {
            facts.push(fact("Your reference", clean(reference)));
        }
        Document {
            kind: super::model::Kind::Quote,
            title: "Quote".into(),
            number: clean(&q.id).into_owned(),
            seller: Document::seller(sources),
            customer,
            facts,
            region,
            lines,
            total: format_usd(q.total),
            currency: clean(&sources.catalog.currency).into_owned(),
            note: opt(q.note.as_ref()),
            history: Vec::new(),
            terms: terms::for_quote(sources.catalog, sources.seller, q),
        }
    }

    /// The confirmation of an order, with its status history.
    pub fn from_order(o: &Order, sources: &Sources) -> Document {
        let (customer, region, lines) = Document::common(
            &Common {
                customer: &o.customer,
                country: o.country.as_deref(),
                region: o.region,
                choice: o.region_choice.as_ref(),
                lines: &o.lines,
            },
            sources,
        );
        let mut facts = vec![
            fact("Order date", date_of(o.created_at)),
            fact(
                "Valid until",
                o.valid_until
                    .map_or_else(|| "no end date".to_string(), |d| d.to_string()),
            ),
            fact("Sales rep", clean(&o.rep)),
            fact("Price list", format!("updated {}", o.catalog_date)),
            fact("Status", o.effective_status(sources.today).label()),
        ];
        if let Some(quote) = &o.quote {
            facts.push(fact("From quote", clean(quote)));
        }
        if let Some(old) = &o.repurchase_of {
            facts.push(fact("Repurchase of", clean(old)));
        }
        if let Some(reference) = &o.reference {
            facts.push(fact("Your reference", clean(reference)));
        }
        let history = o
            .history
            .iter()
            .map(|h| HistoryEntry {
                at: h.at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                change: match h.from {
                    None => format!("placed as {}", h.to.label()),
                    Some(from) => format!("{} → {}", from.label(), h.to.label()),
                },
                by: clean(&h.by).into_owned(),
                note: opt(h.note.as_ref()),
            })
            .collect();
        Document {
            kind: Kind::Order,
            title: "Order confirmation".into(),
            number: clean(&o.id).into_owned(),
            seller: Document::seller(sources),
            customer,
            facts,
            region,
            lines,
            total: format_usd(o.total),
            currency: clean(&sources.catalog.currency).into_owned(),
            note: opt(o.note.as_ref()),
            history,
            terms: terms::for_order(sources.catalog, sources.seller, o),
        }
    }
}
