//! The terms a document states, generated rather than typed into a template.
//!
//! Three sources, in this order:
//! - the seller's payment terms (the seller profile), when there is one;
//! - what the rules module allows ([`crate::domain::rules::allowed`]), said in words: when a
//!   refund is possible, that a delivered service is not renewed, what the valid-until
//!   date means for this quote or order; and the billing mode of each unit on the lines;
//! - the price list's own billing rules, quoted under the source page's headings
//!   ([`Catalog::terms`], the same source as the app's Terms screen and
//!   `order-desk catalog`).
//!
//! So a changed rule or a changed price list wording changes every document.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::document::seller::SellerProfile;
use crate::domain::catalog::Catalog;
use crate::domain::order::{Order, OrderLine, Status};
use crate::domain::quote::Quote;
use crate::domain::rules;
use crate::domain::text::clean;

/// One term: a heading and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub heading: String,
    pub text: String,
}

fn term(heading: &str, text: impl Into<String>) -> Term {
    Term {
        heading: heading.to_string(),
        text: text.into(),
    }
}

/// The statuses an order is stored in, in their order of life.
const STORED: [Status; 4] = [
    Status::Unused,
    Status::InDelivery,
    Status::Delivered,
    Status::Refunded,
];

/// "a", "a or b", "a, b or c".
fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// When a refund is possible, read from the rules' transition table.
pub fn refund_rule() -> String {
    let open: Vec<&str> = STORED
        .into_iter()
        .filter(|s| rules::allowed(*s, Status::Refunded))
        .map(|s| s.label())
        .collect();
    let closed: Vec<&str> = STORED
        .into_iter()
        .filter(|s| *s != Status::Refunded && !rules::allowed(*s, Status::Refunded))
        .map(|s| s.label())
        .collect();
    let mut text = format!(
        "Refund and unsubscription are possible only while the service is {}",
        either(&open).to_lowercase()
    );
    if !closed.is_empty() {
        text.push_str(&format!(
            ", not once it is {}",
            either(&closed).to_lowercase()
        ));
    }
    text.push('.');
    text
}

/// What happens once a service is delivered, read from the rules' transition table.
pub fn renewal_rule() -> String {
    let leaves_delivered = STORED
        .into_iter()
        .any(|to| rules::allowed(Status::Delivered, to));
    if leaves_delivered {
        "A delivered service may change status again as the rules allow.".into()
    } else {
        "A delivered service is closed: it is not renewed or changed; to have it again, it is purchased again as a new order.".into()
    }
}

/// The billing mode of each unit sold on the lines, as the price list words it.
fn payment_modes(catalog: &Catalog, lines: &[OrderLine]) -> String {
    let modes: BTreeSet<String> = lines
        .iter()
        .map(|l| match catalog.get(&l.sku) {
            Some(entry) => clean(&entry.tier.billing_mode).into_owned(),
            None => format!(
                "One-off payment based on the number of {}s purchased",
                l.unit.to_string().to_lowercase()
            ),
        })
        .collect();
    modes
        .into_iter()
        .map(|m| {
            let m = m.trim_end_matches('.').to_string();
            format!("{m}.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn common(catalog: &Catalog, seller: Option<&SellerProfile>, lines: &[OrderLine]) -> Vec<Term> {
    let mut terms = Vec::new();
    if let Some(s) = seller.filter(|s| !s.payment_terms.trim().is_empty()) {
        terms.push(term("Payment terms", clean(s.payment_terms.trim())));
    }
    terms.push(term("Payment", payment_modes(catalog, lines)));
    terms.push(term("Refund and unsubscription", refund_rule()));
    terms.push(term("After delivery", renewal_rule()));
    terms
}

/// The price list's billing rules, quoted under the source page's headings.
fn published(catalog: &Catalog) -> Vec<Term> {
    catalog
        .terms()
        .into_iter()
        .map(|(heading, text)| term(heading, clean(text)))
        .collect()
}

/// The terms of a quote.
pub fn for_quote(catalog: &Catalog, seller: Option<&SellerProfile>, q: &Quote) -> Vec<Term> {
    let mut terms = common(catalog, seller, &q.lines);
    terms.push(term(
        "Validity",
        format!(
            "This quote can be accepted until {} at the prices above; after that it lapses and is re-quoted at the prices of the day.",
            q.valid_until
        ),
    ));
    terms.extend(published(catalog));
    terms
}

/// The terms of an order confirmation.
pub fn for_order(catalog: &Catalog, seller: Option<&SellerProfile>, o: &Order) -> Vec<Term> {
    let mut terms = common(catalog, seller, &o.lines);
    if let Some(until) = o.valid_until {
        terms.push(term(
            "Validity",
            format!(
                "The service is to be used by {until}; still unused after that date it expires and can only be purchased again."
            ),
        ));
    }
    terms.extend(published(catalog));
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refund_and_renewal_rules_are_read_from_the_transition_table() {
        assert_eq!(
            refund_rule(),
            "Refund and unsubscription are possible only while the service is unused, not once it is in delivery or delivered."
        );
        assert!(renewal_rule().contains("not renewed"));
        assert_eq!(either(&["a", "b", "c"]), "a, b or c");
    }
}
