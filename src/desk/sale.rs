//! Placing an order or making a quote from a cart: the region settled from the customer's
//! country (typed, or known to the desk), the cart priced in that region, the country and
//! how the region was chosen recorded on the result.

use jiff::Timestamp;
use jiff::civil::Date;

use super::Known;
use crate::domain::cart::Cart;
use crate::domain::catalog::{Catalog, Region};
use crate::domain::order::{CheckoutError, CheckoutForm, Order, checkout};
use crate::domain::quote::Quote;
use crate::domain::region::{self, SettleError, Settled};

/// What the rep typed about the region: a country, a region, and why that region.
#[derive(Debug, Clone, Copy, Default)]
pub struct RegionInput<'a> {
    /// A country code or English name; empty or blank counts as none.
    pub country: Option<&'a str>,
    /// A region, only needed to go against the country (or without one).
    pub region: Option<Region>,
    /// Why that region; empty counts as none.
    pub reason: Option<&'a str>,
}

/// The region, country and how the region was chosen. The typed country wins; without
/// one, the country the desk knows for `customer` ([`Known::country_of`]); without
/// either, the typed region, else `fallback` (the app's cart region; the command line
/// has none and asks for `--region`).
pub fn settle_region(
    catalog: &Catalog,
    customer: &str,
    input: RegionInput,
    known: &Known,
    fallback: Option<Region>,
) -> Result<Settled, SettleError> {
    let typed = input.country.map(str::trim).filter(|c| !c.is_empty());
    let country = match typed {
        Some(t) => Some(region::find(t)?),
        None => known.country_of(customer).map(|k| k.answer),
    };
    let fallback = fallback.filter(|_| country.is_none());
    // A list of one price for everyone never asks.
    let only = match catalog.regions().collect::<Vec<_>>().as_slice() {
        [only] => Some(*only),
        _ => None,
    };
    let fallback = only.or(fallback);
    // The country's region as the list's own words say, where the list has them.
    let country = country.map(|a| crate::domain::region_words::in_list(a, catalog));
    if let Some(r) = input.region
        && !catalog.has_region(r)
    {
        return Err(SettleError::NotInList {
            region: r,
            regions: catalog.region_codes(),
        });
    }
    region::settle_answer(country, input.region.or(fallback), input.reason)
}

/// The order for `cart`, priced in the settled region (the cart itself is left as it
/// is), with the country and the region's reason recorded. `id` may be empty: the store
/// claims the id when it saves.
pub fn price_order(
    cart: &Cart,
    catalog: &Catalog,
    form: &CheckoutForm,
    settled: Settled,
    id: String,
    now: Timestamp,
) -> Result<Order, CheckoutError> {
    let mut cart = cart.clone();
    cart.region = settled.region;
    let mut order = checkout(&cart, catalog, form, id, now)?;
    order.country = settled.country;
    order.region_choice = settled.choice;
    Ok(order)
}

/// A quote of `cart` priced as [`price_order`] would, open until `valid_until` (today or
/// later). The form's own valid-until is the order's, not the quote's, and is ignored.
pub fn price_quote(
    cart: &Cart,
    catalog: &Catalog,
    form: &CheckoutForm,
    settled: Settled,
    valid_until: Date,
    today: Date,
    now: Timestamp,
) -> Result<Quote, CheckoutError> {
    if valid_until < today {
        return Err(CheckoutError::ValidUntilPast {
            date: valid_until,
            today,
        });
    }
    let form = CheckoutForm {
        valid_until: None,
        ..form.clone()
    };
    let order = price_order(cart, catalog, &form, settled, String::new(), now)?;
    Ok(Quote::from_priced(order, valid_until))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::summary::OrderSummary;

    fn input<'a>(country: &'a str, region: Option<Region>, reason: &'a str) -> RegionInput<'a> {
        RegionInput {
            country: Some(country),
            region,
            reason: Some(reason),
        }
    }

    #[test]
    fn a_customer_known_only_from_a_past_order_brings_its_country() {
        let mut old = crate::domain::decision::tests::placed();
        old.customer = "Rio Foods".into();
        old.country = Some("BR".into());
        let orders = [OrderSummary::of(&old)];
        let known = Known {
            orders: &orders,
            ..Known::default()
        };
        let settled = settle_region(
            &Catalog::builtin(),
            "rio foods",
            RegionInput::default(),
            &known,
            Some(Region::Oc1),
        )
        .unwrap();
        assert_eq!(
            settled.region,
            Region::Oc2,
            "Brazil pays OC2, the cart was OC1"
        );
        assert_eq!(settled.country.as_deref(), Some("BR"));
        // A typed country wins over the known one; a blank one does not count.
        let typed = settle_region(
            &Catalog::builtin(),
            "Rio Foods",
            input("JP", None, ""),
            &known,
            None,
        )
        .unwrap();
        assert_eq!(
            (typed.region, typed.country.as_deref()),
            (Region::Oc1, Some("JP"))
        );
        let blank = settle_region(
            &Catalog::builtin(),
            "Rio Foods",
            input("  ", None, ""),
            &known,
            None,
        )
        .unwrap();
        assert_eq!(blank.country.as_deref(), Some("BR"));
        // Never seen, no region: the app's cart region, or for the command line an error.
        let none = Known::default();
        let app = settle_region(
            &Catalog::builtin(),
            "New Co",
            RegionInput::default(),
            &none,
            Some(Region::Oc2),
        );
        assert_eq!(app.unwrap().region, Region::Oc2);
        assert_eq!(
            settle_region(
                &Catalog::builtin(),
                "New Co",
                RegionInput::default(),
                &none,
                None
            ),
            Err(SettleError::NoRegion)
        );
        // A known country is not overridden by the fallback.
        let kept = settle_region(
            &Catalog::builtin(),
            "Rio Foods",
            RegionInput::default(),
            &known,
            Some(Region::Oc1),
        );
        assert_eq!(kept.unwrap().region, Region::Oc2);
    }

    #[test]
    fn an_order_and_a_quote_are_priced_in_the_settled_region_and_record_it() {
        let catalog = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&catalog, "dev-basic", 1).unwrap();
        let form = CheckoutForm {
            customer: "Rio Foods".into(),
            rep: "ann".into(),
            ..CheckoutForm::default()
        };
        let settled = settle_region(
            &Catalog::builtin(),
            "Rio Foods",
            input("BR", None, ""),
            &Known::default(),
            None,
        )
        .unwrap();
        let now: Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
        let order =
            price_order(&cart, &catalog, &form, settled.clone(), String::new(), now).unwrap();
        assert_eq!(order.region, Region::Oc2);
        assert_eq!(order.total.to_string(), "70000.00");
        assert_eq!(order.country.as_deref(), Some("BR"));
        assert!(order.region_choice.is_some());
        assert_eq!(cart.region, Region::Oc1, "the cart is left as it was");

        let today = jiff::civil::date(2026, 11, 20);
        let q = price_quote(&cart, &catalog, &form, settled.clone(), today, today, now).unwrap();
        assert_eq!(
            (q.total, q.region, q.valid_until),
            (order.total, Region::Oc2, today)
        );
        assert_eq!(q.country.as_deref(), Some("BR"));
        let past = today.yesterday().unwrap();
        assert!(matches!(
            price_quote(&cart, &catalog, &form, settled, past, today, now),
            Err(CheckoutError::ValidUntilPast { .. })
        ));
    }
}
