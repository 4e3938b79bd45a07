//! Selling again what was sold or offered before, at today's prices: a re-quote of a
//! quote, a repurchase of an order. The same customer, country and region, for the same
//! recorded reason; refused, naming them, when the price list no longer sells a line.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::cart::{Cart, CartError};
use crate::domain::catalog::Catalog;
use crate::domain::order::{CheckoutError, CheckoutForm, Order, checkout};
use crate::domain::quote::Quote;
use crate::domain::text::clean;

/// Why a re-quote or repurchase was not made. Each front end words the advice its own way
/// (a command to run, a key to press); the facts are these.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgainError {
    /// The price list in use no longer sells these SKUs (shown safe to print).
    #[error("the price list in use no longer sells {}", .0.join(", "))]
    NotSold(Vec<String>),
    #[error("{0}")]
    Cart(#[from] CartError),
    #[error("{0}")]
    Checkout(#[from] CheckoutError),
}

/// A new quote of `old`'s lines at today's prices, for the same customer, country and
/// region, open until `valid_until`, naming `old` as what it re-quotes.
pub fn requote(
    old: &Quote,
    catalog: &Catalog,
    rep: &str,
    valid_until: Date,
    now: Timestamp,
) -> Result<Quote, AgainError> {
    let missing: Vec<String> = old
        .lines
        .iter()
        .filter(|l| catalog.get(&l.sku).is_none())
        .map(|l| clean(&l.sku).into_owned())
        .collect();
    if !missing.is_empty() {
        return Err(AgainError::NotSold(missing));
    }
    let mut cart = Cart::new(old.region);
    for line in &old.lines {
        cart.add(catalog, &line.sku, line.quantity)?;
    }
    let form = CheckoutForm {
        customer: old.customer.clone(),
        rep: rep.to_string(),
        note: old.note.clone().unwrap_or_default(),
        valid_until: None,
        // The same deal quoted again: the customer's reference and the desk's note go
        // with it (a repurchase is a new purchase and starts without them).
        reference: old.reference.clone().unwrap_or_default(),
        internal_note: old.internal_note.clone().unwrap_or_default(),
    };
    let mut order = checkout(&cart, catalog, &form, String::new(), now)?;
    order.country = old.country.clone();
    order.region_choice = old.region_choice.clone();
    let mut q = Quote::from_priced(order, valid_until);
    q.requote_of = Some(old.id.clone());
    Ok(q)
}

/// A new order of `old`'s lines at today's prices, for the same customer, country and
/// region, naming `old` as what it repurchases.
pub fn repurchase(
    old: &Order,
    catalog: &Catalog,
    rep: &str,
    now: Timestamp,
) -> Result<Order, AgainError> {
    let (cart, missing) = old.repurchase_cart(catalog);
    if !missing.is_empty() {
        return Err(AgainError::NotSold(missing));
    }
    let form = CheckoutForm {
        customer: old.customer.clone(),
        rep: rep.to_string(),
        note: String::new(),
        valid_until: None,
        ..Default::default()
    };
    let mut order = checkout(&cart, catalog, &form, String::new(), now)?;
    order.country = old.country.clone();
    order.region_choice = old.region_choice.clone();
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Region;

    #[test]
    fn a_requote_keeps_customer_country_and_region_at_todays_prices() {
        let catalog = Catalog::builtin();
        let mut placed = crate::domain::decision::tests::placed();
        placed.country = Some("BR".into());
        placed.region = Region::Oc2;
        placed.note = Some("call first".into());
        let mut old = Quote::from_priced(placed.clone(), jiff::civil::date(2026, 11, 30));
        old.id = "Q-20261120-100000-aaaaaaaa".into();
        let now: Timestamp = "2026-12-03T10:00:00Z".parse().unwrap();
        let until = jiff::civil::date(2027, 1, 2);
        let q = requote(&old, &catalog, "bo", until, now).unwrap();
        assert_eq!(q.requote_of.as_deref(), Some(old.id.as_str()));
        assert_eq!((q.region, q.country.as_deref()), (Region::Oc2, Some("BR")));
        assert_eq!((q.rep.as_str(), q.valid_until), ("bo", until));
        assert_eq!(q.note.as_deref(), Some("call first"));
        assert_eq!(q.total.to_string(), "70000.00", "dev-basic at OC2");

        let again = repurchase(&placed, &catalog, "bo", now).unwrap();
        assert_eq!(again.repurchase_of.as_deref(), Some(placed.id.as_str()));
        assert_eq!(
            (again.region, again.country.as_deref()),
            (Region::Oc2, Some("BR"))
        );

        old.lines[0].sku = "gone-tier".into();
        assert_eq!(
            requote(&old, &catalog, "bo", until, now),
            Err(AgainError::NotSold(vec!["gone-tier".into()]))
        );
    }
}
