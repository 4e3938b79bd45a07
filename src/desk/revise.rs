//! Revising an open quote: lines added, re-counted or removed, the customer's fields and
//! validity changed, priced at today's prices of the quote's own list. The revision keeps
//! the quote's number with a revision suffix (`Q-…-r2`); the store marks the earlier
//! revision superseded when it saves this one, and only the newest can be accepted.

use jiff::Timestamp;
use jiff::civil::Date;

use super::again::AgainError;
use super::{Known, RegionInput, price_quote, settle_region};
use crate::domain::cart::Cart;
use crate::domain::catalog::Catalog;
use crate::domain::order::CheckoutForm;
use crate::domain::order_id::{quote_revision, quote_revision_id};
use crate::domain::quote::{Quote, QuoteRefusal};
use crate::domain::region::{SettleError, Settled};
use crate::domain::text::clean;

/// What a revision changes; `None` and empty keep what the quote says.
#[derive(Debug, Clone, Default)]
pub struct Changes<'a> {
    /// `SKU=QTY`: the line's quantity becomes QTY; a SKU not quoted is added.
    pub set: Vec<(String, u32)>,
    pub remove: Vec<String>,
    pub customer: Option<&'a str>,
    /// A country or region typed: the region is settled again as at checkout.
    pub region: RegionInput<'a>,
    pub valid_until: Option<Date>,
    pub note: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub internal_note: Option<&'a str>,
}

/// Why a revision was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviseError {
    #[error("{0}")]
    Closed(#[from] QuoteRefusal),
    #[error("{0}")]
    Again(#[from] AgainError),
    #[error("{0}")]
    Region(#[from] SettleError),
    #[error("{} is not a line of the quote: its lines are {}", clean(.sku), .lines.join(", "))]
    NotQuoted { sku: String, lines: Vec<String> },
    #[error("the revision would have no lines: keep at least one, or decline the quote")]
    Empty,
    #[error("a quote has at most 99 revisions: make a new quote")]
    TooMany,
}

/// The next revision of `old` with `changes`, priced by `catalog` (the newest version of
/// the quote's list), or why not.
pub fn revise(
    old: &Quote,
    catalog: &Catalog,
    rep: &str,
    changes: &Changes,
    known: &Known,
    today: Date,
    now: Timestamp,
) -> Result<Quote, ReviseError> {
    old.check_open(today)?;
    let missing: Vec<String> = old
        .lines
        .iter()
        .filter(|l| catalog.get(&l.sku).is_none() && !changes.remove.contains(&l.sku))
        .map(|l| clean(&l.sku).into_owned())
        .collect();
    if !missing.is_empty() {
        return Err(AgainError::NotSold(missing).into());
    }
    for sku in &changes.remove {
        if !old.lines.iter().any(|l| &l.sku == sku) {
            return Err(ReviseError::NotQuoted {
                sku: sku.clone(),
                lines: old.lines.iter().map(|l| l.sku.clone()).collect(),
            });
        }
    }
    let mut cart = Cart::new(old.region);
    for line in old
        .lines
        .iter()
        .filter(|l| !changes.remove.contains(&l.sku))
    {
        cart.add(catalog, &line.sku, line.quantity)
            .map_err(AgainError::from)?;
    }
    for (sku, qty) in &changes.set {
        cart.remove(sku);
        cart.add(catalog, sku, *qty).map_err(AgainError::from)?;
    }
    if cart.is_empty() {
        return Err(ReviseError::Empty);
    }
    let customer = changes.customer.unwrap_or(&old.customer);
    let typed = changes.region.country.is_some_and(|c| !c.trim().is_empty())
        || changes.region.region.is_some();
    let settled = if typed {
        settle_region(catalog, customer, changes.region, known, None)?
    } else {
        Settled {
            region: old.region,
            country: old.country.clone(),
            choice: old.region_choice.clone(),
        }
    };
    let keep = |new: Option<&str>, old: &Option<String>| {
        new.map(str::to_string)
            .unwrap_or_else(|| old.clone().unwrap_or_default())
    };
    let form = CheckoutForm {
        customer: customer.to_string(),
        rep: rep.to_string(),
        note: keep(changes.note, &old.note),
        valid_until: None,
        reference: keep(changes.reference, &old.reference),
        internal_note: keep(changes.internal_note, &old.internal_note),
    };
    let until = changes.valid_until.unwrap_or(old.valid_until);
    let q =
        price_quote(&cart, catalog, &form, settled, until, today, now).map_err(AgainError::from)?;
    as_revision(old, q, today)
}

/// `q`, priced from a cart and a form as any quote is, made the next revision of `old`:
/// its number with the next suffix, naming `old`. The app revises this way from the cart;
/// [`revise`] from a list of changes.
pub fn as_revision(old: &Quote, mut q: Quote, today: Date) -> Result<Quote, ReviseError> {
    old.check_open(today)?;
    let (base, n) = quote_revision(&old.id);
    if n >= 99 {
        return Err(ReviseError::TooMany);
    }
    q.id = quote_revision_id(base, n + 1);
    q.revision_of = Some(old.id.clone());
    q.requote_of = old.requote_of.clone();
    q.format = q.file_format();
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Region;

    fn quote() -> Quote {
        let catalog = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&catalog, "dev-basic", 2).unwrap();
        cart.add(&catalog, "deploy-basic", 1).unwrap();
        let form = CheckoutForm {
            customer: "Acme".into(),
            rep: "ann".into(),
            reference: "PO-7".into(),
            ..CheckoutForm::default()
        };
        let settled = Settled {
            region: Region::Oc1,
            country: Some("JP".into()),
            choice: None,
        };
        let now: Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
        let day = jiff::civil::date(2026, 11, 20);
        let mut q = price_quote(
            &cart,
            &catalog,
            &form,
            settled,
            day.saturating_add(jiff::Span::new().days(30)),
            day,
            now,
        )
        .unwrap();
        q.id = "Q-20261120-100000-abcdefgh".into();
        q
    }

    #[test]
    fn a_revision_changes_what_it_says_keeps_the_rest_and_numbers_itself() {
        let old = quote();
        let changes = Changes {
            set: vec![("dev-basic".into(), 5), ("support-basic".into(), 1)],
            remove: vec!["deploy-basic".into()],
            ..Changes::default()
        };
        let now: Timestamp = "2026-11-21T10:00:00Z".parse().unwrap();
        let day = jiff::civil::date(2026, 11, 21);
        let r2 = revise(
            &old,
            &Catalog::builtin(),
            "bo",
            &changes,
            &Known::default(),
            day,
            now,
        )
        .unwrap();
        assert_eq!(r2.id, "Q-20261120-100000-abcdefgh-r2");
        assert_eq!(r2.revision(), 2);
        assert_eq!(r2.revision_of.as_deref(), Some(old.id.as_str()));
        let lines: Vec<(&str, u32)> = r2
            .lines
            .iter()
            .map(|l| (l.sku.as_str(), l.quantity))
            .collect();
        assert_eq!(lines, [("dev-basic", 5), ("support-basic", 1)]);
        assert_eq!(r2.total.to_string(), "274000.00");
        assert_eq!(
            (r2.customer.as_str(), r2.reference.as_deref()),
            ("Acme", Some("PO-7"))
        );
        assert_eq!(
            (r2.region, r2.country.as_deref()),
            (Region::Oc1, Some("JP"))
        );
        assert_eq!(r2.valid_until, old.valid_until);
        assert_eq!(r2.file_format(), 4);
        // The third revision counts on; removing what is not quoted names the lines.
        let r3 = revise(
            &r2,
            &Catalog::builtin(),
            "bo",
            &Changes::default(),
            &Known::default(),
            day,
            now,
        )
        .unwrap();
        assert_eq!(r3.id, "Q-20261120-100000-abcdefgh-r3");
        let bad = Changes {
            remove: vec!["impl-basic".into()],
            ..Changes::default()
        };
        let e = revise(
            &r2,
            &Catalog::builtin(),
            "bo",
            &bad,
            &Known::default(),
            day,
            now,
        )
        .unwrap_err();
        assert!(e.to_string().contains("dev-basic, support-basic"), "{e}");
        let all = Changes {
            remove: vec!["dev-basic".into(), "support-basic".into()],
            ..Changes::default()
        };
        assert_eq!(
            revise(
                &r2,
                &Catalog::builtin(),
                "bo",
                &all,
                &Known::default(),
                day,
                now
            ),
            Err(ReviseError::Empty)
        );
        // A typed country settles the region again.
        let moved = Changes {
            region: RegionInput {
                country: Some("BR"),
                ..RegionInput::default()
            },
            ..Changes::default()
        };
        let r = revise(
            &old,
            &Catalog::builtin(),
            "bo",
            &moved,
            &Known::default(),
            day,
            now,
        )
        .unwrap();
        assert_eq!(r.region, Region::Oc2);
        assert_eq!(r.total.to_string(), "163000.00");
    }

    #[test]
    fn a_line_the_list_no_longer_sells_stops_the_revision_unless_it_is_removed() {
        let mut old = quote();
        let mut gone = old.lines[1].clone();
        gone.sku = "retired-tier".into();
        old.lines.push(gone);
        let now: Timestamp = "2026-11-21T10:00:00Z".parse().unwrap();
        let day = jiff::civil::date(2026, 11, 21);
        let e = revise(
            &old,
            &Catalog::builtin(),
            "bo",
            &Changes::default(),
            &Known::default(),
            day,
            now,
        )
        .unwrap_err();
        assert_eq!(
            e,
            ReviseError::Again(AgainError::NotSold(vec!["retired-tier".into()]))
        );
        let drop = Changes {
            remove: vec!["retired-tier".into()],
            ..Changes::default()
        };
        let r = revise(
            &old,
            &Catalog::builtin(),
            "bo",
            &drop,
            &Known::default(),
            day,
            now,
        )
        .unwrap();
        assert_eq!(r.lines.len(), 2);
    }
}
