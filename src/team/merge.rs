//! What git cannot know about the desk's files: how two versions of one order, quote or
//! customer changed on two desks become one. Pure functions, used by the merge driver
//! (`order-desk merge-file`, see `driver.rs`).
//!
//! - Orders: the frozen part (customer, region, lines, prices, totals, the entry that
//!   placed it…) must be identical, or the file was tampered with and is left to a human.
//!   The status changes of both sides are merged as their union and replayed through the
//!   one rules guard ([`crate::domain::decision::settle`]); a clash waits for a rep's decision.
//! - Quotes: the offer is frozen; an accept and a decline (or two accepts) made on two
//!   desks both stay, one as the status and the other contested, until a rep decides.
//! - Customers: field by field against the common version; two different new values of a
//!   field both stay as a clash until a rep decides.
//! - The same path created on both sides with different frozen content (a copied config
//!   made the same id twice): both are kept, never one over the other ([`Merge::Twins`]).
//!
//! Every merge is symmetric: swapping the two sides gives the same result.

use crate::domain::customer::{Customer, FieldClash, MERGED_FIELDS, name_key};
use crate::domain::decision;
use crate::domain::order::Order;
use crate::domain::quote::{Quote, QuoteStatus};
use crate::domain::quote_decision::{quote_statuses, settle_quote};

/// How two versions of one file merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merge<T> {
    /// One version holding everything both sides recorded.
    Merged(T),
    /// A file both sides had, whose frozen part differs: not a sync problem but tampering.
    /// The fields that differ.
    Tampered(Vec<&'static str>),
    /// Both sides created the file with different frozen content: keep both.
    Twins,
}

/// The fields of an order's frozen part that differ between two versions.
pub fn frozen_differences(a: &Order, b: &Order) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |name: &'static str, same: bool| {
        if !same {
            out.push(name);
        }
    };
    check("id", a.id == b.id);
    check("created_at", a.created_at == b.created_at);
    check("customer", a.customer == b.customer);
    check("rep", a.rep == b.rep);
    check("note", a.note == b.note);
    check("region", a.region == b.region);
    check("catalog_date", a.catalog_date == b.catalog_date);
    check("valid_until", a.valid_until == b.valid_until);
    check("lines", a.lines == b.lines);
    check("total", a.total == b.total);
    check("repurchase_of", a.repurchase_of == b.repurchase_of);
    check("country", a.country == b.country);
    check("region_choice", a.region_choice == b.region_choice);
    check("quote", a.quote == b.quote);
    check("history (placed)", a.history.first() == b.history.first());
    out
}

/// Merges two versions of one order; `base` is their common version (`None` when both
/// sides created the file).
pub fn merge_orders(base: Option<&Order>, ours: &Order, theirs: &Order) -> Merge<Order> {
    let differences = frozen_differences(ours, theirs);
    if !differences.is_empty() {
        return match base {
            None => Merge::Twins,
            Some(_) => Merge::Tampered(differences),
        };
    }
    let changes = decision::changes(ours)
        .chain(decision::changes(theirs))
        .cloned()
        .collect();
    let voided = ours.voided.iter().chain(&theirs.voided).cloned().collect();
    let mut merged = decision::settle(ours, changes, voided);
    merged.format = crate::domain::format::for_list(merged.list.is_some());
    Merge::Merged(merged)
}

/// Merges two versions of one quote (see the module's promises).
pub fn merge_quotes(base: Option<&Quote>, ours: &Quote, theirs: &Quote) -> Merge<Quote> {
    let frozen = |q: &Quote| {
        let mut q = q.clone();
        q.format = 0;
        q.status = QuoteStatus::Open;
        q.contested.clear();
        q.voided.clear();
        q
    };
    if frozen(ours) != frozen(theirs) {
        return match base {
            None => Merge::Twins,
            Some(_) => Merge::Tampered(vec!["the quoted offer"]),
        };
    }
    let statuses = quote_statuses(ours)
        .chain(quote_statuses(theirs))
        .cloned()
        .collect();
    let voided = ours.voided.iter().chain(&theirs.voided).cloned().collect();
    let mut merged = settle_quote(ours, statuses, voided);
    merged.format = merged.file_format();
    Merge::Merged(merged)
}

/// Merges two versions of one customer field by field against `base`.
pub fn merge_customers(
    base: Option<&Customer>,
    ours: &Customer,
    theirs: &Customer,
) -> Merge<Customer> {
    if name_key(&ours.name) != name_key(&theirs.name) {
        return match base {
            None => Merge::Twins,
            Some(_) => Merge::Tampered(vec!["name"]),
        };
    }
    let mut merged = ours.clone();
    merged.name = ours.name.clone().min(theirs.name.clone());
    merged.clashes.clear();
    for name in MERGED_FIELDS {
        let (o, t) = (ours.owned_field(name), theirs.owned_field(name));
        let b = base.map(|b| b.owned_field(name));
        let mut values: Vec<Option<String>> = ours
            .clashes
            .iter()
            .chain(&theirs.clashes)
            .filter(|c| c.field == name)
            .flat_map(|c| c.values.iter().cloned())
            .collect();
        // The value both sides agree on (or the one side changed), if any.
        let settled = if o == t {
            Some(o)
        } else if b.as_ref() == Some(&o) {
            Some(t)
        } else if b.as_ref() == Some(&t) {
            Some(o)
        } else {
            values.extend([o, t]);
            None
        };
        match settled {
            Some(value) if values.is_empty() => {
                merged.set_field(name, value);
                continue;
            }
            Some(value) => values.push(value),
            None => {}
        }
        // The country is required: a clash never shows "not given" for it.
        if name == "country" {
            values.retain(Option::is_some);
        }
        values.sort();
        values.dedup();
        if values.len() == 1 {
            merged.set_field(name, values.pop().flatten());
            continue;
        }
        merged.set_field(name, values[0].clone());
        merged.clashes.push(FieldClash {
            field: name.to_string(),
            values,
        });
    }
    merged.format = crate::domain::format::BEFORE_LISTS;
    Merge::Merged(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::{Status, StatusChange};
    use jiff::Timestamp;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn order() -> Order {
        crate::domain::decision::tests::placed()
    }

    fn with(o: &Order, at: &str, to: Status, by: &str) -> Order {
        let mut o = o.clone();
        o.history.push(StatusChange {
            at: ts(at),
            from: Some(o.status),
            to,
            by: by.into(),
            note: None,
        });
        o.status = to;
        o.revision += 1;
        o
    }

    #[test]
    fn compatible_changes_merge_to_the_replay() {
        let base = order();
        let ours = with(&base, "2026-11-21T10:00:00Z", Status::InDelivery, "ann");
        let theirs = with(&ours, "2026-11-22T10:00:00Z", Status::Delivered, "bob");
        let Merge::Merged(m) = merge_orders(Some(&base), &ours, &theirs) else {
            panic!()
        };
        assert_eq!(m.status, Status::Delivered);
        assert_eq!(m.history.len(), 3);
        assert_eq!(merge_orders(Some(&base), &theirs, &ours), Merge::Merged(m));
    }

    #[test]
    fn refund_against_start_delivery_needs_a_decision_both_ways() {
        let base = order();
        let ours = with(&base, "2026-11-21T10:00:00Z", Status::Refunded, "ann");
        let theirs = with(&base, "2026-11-21T11:00:00Z", Status::InDelivery, "bob");
        let a = merge_orders(Some(&base), &ours, &theirs);
        let b = merge_orders(Some(&base), &theirs, &ours);
        assert_eq!(a, b);
        let Merge::Merged(m) = a else { panic!() };
        assert!(m.needs_decision());
        assert_eq!(m.status, Status::Refunded);
        assert_eq!(m.contested[0].by, "bob");
        m.check_integrity().unwrap();
    }

    #[test]
    fn a_changed_frozen_part_is_tampering_and_a_twin_is_kept() {
        let base = order();
        let mut forged = with(&base, "2026-11-21T10:00:00Z", Status::Delivered, "ann");
        forged.lines[0].unit_price = "1.00".parse().unwrap();
        forged.customer = "Other".into();
        let ours = with(&base, "2026-11-21T11:00:00Z", Status::InDelivery, "bob");
        assert_eq!(
            merge_orders(Some(&base), &ours, &forged),
            Merge::Tampered(vec!["customer", "lines"])
        );
        assert_eq!(merge_orders(None, &ours, &forged), Merge::Twins);
    }

    fn quote() -> Quote {
        let o = order();
        let mut q = Quote::from_priced(o, jiff::civil::date(2026, 12, 31));
        q.id = "Q-20261120-100000-aaaaaaaa".into();
        q
    }

    #[test]
    fn accept_against_decline_needs_a_decision_and_keeps_both() {
        let base = quote();
        let mut ours = base.clone();
        ours.status = QuoteStatus::Accepted {
            order: "20261121-100000-aaaaaaaa".into(),
            at: ts("2026-11-21T10:00:00Z"),
            by: "ann".into(),
        };
        let mut theirs = base.clone();
        theirs.status = QuoteStatus::Declined {
            reason: Some("too dear".into()),
            at: ts("2026-11-21T11:00:00Z"),
            by: "bob".into(),
        };
        let a = merge_quotes(Some(&base), &ours, &theirs);
        assert_eq!(a, merge_quotes(Some(&base), &theirs, &ours));
        let Merge::Merged(m) = a else { panic!() };
        assert_eq!(m.status, ours.status);
        assert_eq!(m.contested, [theirs.status.clone()]);
        let d = crate::domain::quote_decision::decide_quote(
            &m,
            2,
            "cara",
            "the customer said no",
            ts("2026-11-22T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(d.status, theirs.status);
        assert!(d.contested.is_empty());
        assert_eq!(d.voided[0].status, ours.status);
        // One side closing an open quote is no clash.
        let Merge::Merged(m) = merge_quotes(Some(&base), &base, &theirs) else {
            panic!()
        };
        assert_eq!(m.status, theirs.status);
        assert!(m.contested.is_empty());
    }

    fn customer() -> Customer {
        crate::domain::customer::CustomerForm {
            name: "Acme".into(),
            country: "DE".into(),
            email: Some("a@acme.example".into()),
            ..Default::default()
        }
        .check()
        .unwrap()
    }

    #[test]
    fn customers_merge_field_by_field_and_a_clash_keeps_both_values() {
        let base = customer();
        let mut ours = base.clone();
        ours.contact = Some("Ann".into());
        ours.email = Some("x@acme.example".into());
        let mut theirs = base.clone();
        theirs.note = Some("VIP".into());
        theirs.email = Some("y@acme.example".into());
        let a = merge_customers(Some(&base), &ours, &theirs);
        assert_eq!(a, merge_customers(Some(&base), &theirs, &ours));
        let Merge::Merged(m) = a else { panic!() };
        assert_eq!(m.contact.as_deref(), Some("Ann"));
        assert_eq!(m.note.as_deref(), Some("VIP"));
        assert_eq!(m.clashes.len(), 1);
        assert_eq!(m.clashes[0].field, "email");
        assert_eq!(
            m.clashes[0].values,
            [Some("x@acme.example".into()), Some("y@acme.example".into())]
        );
        m.check().unwrap();
        let d = m.decided("email", 2).unwrap();
        assert_eq!(d.email.as_deref(), Some("y@acme.example"));
        assert!(d.clashes.is_empty());
    }

    /// A customer with a distinct value in every field.
    fn full_customer() -> Customer {
        let mut c = customer();
        c.contact = Some("Ann".into());
        c.address = Some("1 Main St".into());
        c.tax_id = Some("DE123".into());
        c.note = Some("key account".into());
        c
    }

    #[test]
    fn a_change_to_any_one_field_on_one_desk_lands_in_that_field_only() {
        let base = full_customer();
        for name in MERGED_FIELDS {
            let mut theirs = base.clone();
            let value = if name == "country" {
                "FR".to_string()
            } else {
                format!("new {name}")
            };
            theirs.set_field(name, Some(value.clone()));
            assert_eq!(theirs.field(name), Some(value.as_str()), "{name}");
            let Merge::Merged(m) = merge_customers(Some(&base), &base, &theirs) else {
                panic!("{name}")
            };
            for other in MERGED_FIELDS {
                let want = if other == name {
                    Some(value.clone())
                } else {
                    base.owned_field(other)
                };
                assert_eq!(m.owned_field(other), want, "{name} changed; {other} read");
            }
            assert!(m.clashes.is_empty(), "{name}");
        }
    }

    #[test]
    fn a_clash_already_in_a_file_is_kept_on_its_field_alone() {
        let base = full_customer();
        let mut ours = base.clone();
        ours.clashes = vec![FieldClash {
            field: "email".into(),
            values: vec![Some("a@acme.example".into()), Some("b@acme.example".into())],
        }];
        // The other desk agrees on every field and has no clash.
        let Merge::Merged(m) = merge_customers(Some(&base), &ours, &base) else {
            panic!()
        };
        assert_eq!(m.clashes, ours.clashes);
    }

    #[test]
    fn removing_a_field_on_one_desk_and_changing_it_on_the_other_keeps_not_given_as_a_value() {
        let base = full_customer();
        let mut ours = base.clone();
        ours.contact = None;
        let mut theirs = base.clone();
        theirs.contact = Some("Bea".into());
        let Merge::Merged(m) = merge_customers(Some(&base), &ours, &theirs) else {
            panic!()
        };
        assert_eq!(m.clashes.len(), 1);
        assert_eq!(m.clashes[0].field, "contact");
        assert_eq!(m.clashes[0].values, [None, Some("Bea".into())]);
    }

    fn arb_side() -> impl Strategy<Value = Vec<(i64, usize, usize)>> {
        proptest::collection::vec((0i64..30, 0usize..3, 0usize..2), 0..5)
    }

    /// Applies `steps` to `o` as a desk would: each through the rules guard, refused ones
    /// skipped.
    fn desk(o: &Order, steps: &[(i64, usize, usize)]) -> Order {
        let mut o = o.clone();
        for &(h, t, who) in steps {
            let at = ts("2026-11-21T00:00:00Z")
                .checked_add(jiff::SignedDuration::from_hours(h))
                .unwrap();
            if at <= o.history.last().unwrap().at {
                continue;
            }
            let _ = o.apply(
                crate::domain::rules::Transition::ALL[t],
                ["ann", "bob"][who],
                None,
                at,
            );
        }
        o
    }

    proptest! {
        /// Two desks starting from one version and applying any allowed changes merge the
        /// same whichever side is ours, lose no change, and merge with a third desk in any
        /// grouping to the same order.
        #[test]
        fn order_merges_are_symmetric_and_lose_nothing(
            a in arb_side(), b in arb_side(), c in arb_side()
        ) {
            let base = order();
            let (oa, ob, oc) = (desk(&base, &a), desk(&base, &b), desk(&base, &c));
            let Merge::Merged(ab) = merge_orders(Some(&base), &oa, &ob) else { panic!() };
            let Merge::Merged(ba) = merge_orders(Some(&base), &ob, &oa) else { panic!() };
            prop_assert_eq!(&ab, &ba);
            prop_assert!(ab.check_integrity().is_ok());
            for side in [&oa, &ob] {
                for ch in decision::changes(side) {
                    prop_assert_eq!(decision::changes(&ab).filter(|x| *x == ch).count(), 1);
                }
            }
            let Merge::Merged(ab_c) = merge_orders(Some(&base), &ab, &oc) else { panic!() };
            let Merge::Merged(bc) = merge_orders(Some(&base), &ob, &oc) else { panic!() };
            let Merge::Merged(a_bc) = merge_orders(Some(&base), &oa, &bc) else { panic!() };
            prop_assert_eq!(ab_c, a_bc);
        }
    }
}
