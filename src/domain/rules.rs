//! The price list's rules for an order's life, in one place.
//!
//! "Refund and unsubscription are allowed prior to usage but not during delivery or
//! post-service." "The service is one-off and cannot be renewed. If needed, repurchase it."
//! "After the service expires, they need to repurchase it."
//!
//! Allowed: Unused → InDelivery → Delivered, Unused → Delivered, Unused → Refunded.
//! Nothing else. The store, the CLI and the screens all ask [`check`] before a change.

use jiff::civil::Date;

use crate::domain::order::{Order, Status, local_date};
use crate::domain::text;

/// A status change a rep can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    /// Unused → InDelivery.
    StartDelivery,
    /// Unused or InDelivery → Delivered.
    MarkDelivered,
    /// Unused → Refunded (refund and unsubscription before usage).
    Refund,
}

impl Transition {
    pub const ALL: [Transition; 3] = [
        Transition::StartDelivery,
        Transition::MarkDelivered,
        Transition::Refund,
    ];

    /// The status the order moves to.
    pub fn target(self) -> Status {
        match self {
            Transition::StartDelivery => Status::InDelivery,
            Transition::MarkDelivered => Status::Delivered,
            Transition::Refund => Status::Refunded,
        }
    }

    /// How a rep names the action: "Start delivery", "Mark delivered", "Refund".
    pub fn label(self) -> &'static str {
        match self {
            Transition::StartDelivery => "Start delivery",
            Transition::MarkDelivered => "Mark delivered",
            Transition::Refund => "Refund",
        }
    }
}

/// Why a status change is refused, in words a rep understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} not allowed: {reason}", action.label())]
pub struct Refusal {
    pub action: Transition,
    pub reason: String,
}

/// True when the rules ever allow going straight from `from` to `to`.
pub fn allowed(from: Status, to: Status) -> bool {
    matches!(
        (from, to),
        (Status::Unused, Status::InDelivery)
            | (Status::Unused, Status::Delivered)
            | (Status::Unused, Status::Refunded)
            | (Status::InDelivery, Status::Delivered)
    )
}

/// The guard: may this order take this transition today? Returns the new status, or why not.
pub fn check(order: &Order, action: Transition, today: Date) -> Result<Status, Refusal> {
    let refuse = |reason: String| Err(Refusal { action, reason });
    let on = |status: Status| {
        order
            .entered(status)
            .map(|c| local_date(c.at).to_string())
            .unwrap_or_else(|| "an unknown date".into())
    };
    // Two desks recorded changes the rules do not allow together: nothing moves until a
    // rep decides which stands (see `crate::domain::decision`).
    if let Some(waiting) = order.contested.first() {
        return refuse(format!(
            "the order needs a decision first: {} by {} on another desk clashes with its history; keep one with K in the app's Orders, or `order-desk order decide {} --keep N`",
            waiting.to.label(),
            text::clean(&waiting.by),
            order.id
        ));
    }
    match order.effective_status(today) {
        Status::Expired => refuse(format!(
            "the order expired after {}, unused; an expired service cannot be used or refunded, repurchase it instead",
            order
                .valid_until
                .map_or_else(String::new, |d| d.to_string())
        )),
        Status::Refunded => refuse(format!(
            "the order was refunded {}; a refunded order is closed, repurchase it if the customer needs the service again",
            on(Status::Refunded)
        )),
        Status::Delivered => refuse(match action {
            Transition::Refund => format!(
                "the service was delivered {}; refunds are only possible before usage",
                on(Status::Delivered)
            ),
            _ => format!(
                "the service was already delivered {}; it cannot be renewed, repurchase it instead",
                on(Status::Delivered)
            ),
        }),
        Status::InDelivery => match action {
            Transition::MarkDelivered => Ok(Status::Delivered),
            Transition::StartDelivery => refuse(format!(
                "delivery already started {}",
                on(Status::InDelivery)
            )),
            Transition::Refund => refuse(format!(
                "delivery started {}; refunds are only possible before usage",
                on(Status::InDelivery)
            )),
        },
        // A list whose page forbids unsubscription: no refund even while unused.
        Status::Unused => match &order.list {
            Some(list)
                if action == Transition::Refund
                    && list.refund == crate::domain::catalog::Refund::Never =>
            {
                refuse(format!(
                    "the price list {} does not allow it: \"{}\"",
                    text::clean(&list.id),
                    text::clean(&list.refund_sentence)
                ))
            }
            _ => Ok(action.target()),
        },
    }
}

/// Every transition with the guard's answer today, for a "what can happen next" panel.
pub fn next_steps(order: &Order, today: Date) -> Vec<(Transition, Result<Status, Refusal>)> {
    Transition::ALL
        .into_iter()
        .map(|t| (t, check(order, t, today)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::Cart;
    use crate::domain::catalog::{Catalog, Region};
    use crate::domain::order::{CheckoutForm, checkout};
    use jiff::Timestamp;
    use proptest::prelude::*;

    fn order(valid_until: Option<Date>) -> Order {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc2);
        cart.add(&c, "tuning-basic", 1).unwrap();
        let form = CheckoutForm {
            customer: "Globex".into(),
            rep: "sam".into(),
            note: String::new(),
            valid_until,
            ..Default::default()
        };
        checkout(
            &cart,
            &c,
            &form,
            "20261110-120000-abcd".into(),
            ts("2026-11-10T12:00:00Z"),
        )
        .unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn transition_table_is_exactly_the_allowed_one() {
        use Status::*;
        let stored = [Unused, InDelivery, Delivered, Refunded];
        let mut allowed_pairs = vec![];
        for from in stored {
            for to in stored {
                if allowed(from, to) {
                    allowed_pairs.push((from, to));
                }
            }
        }
        assert_eq!(
            allowed_pairs,
            [
                (Unused, InDelivery),
                (Unused, Delivered),
                (Unused, Refunded),
                (InDelivery, Delivered)
            ]
        );
    }

    #[test]
    fn refund_after_delivery_started_is_refused_with_the_date() {
        let mut o = order(None);
        o.apply(
            Transition::StartDelivery,
            "sam",
            None,
            ts("2026-11-20T12:00:00Z"),
        )
        .unwrap();
        let err = o
            .apply(Transition::Refund, "sam", None, ts("2026-11-21T12:00:00Z"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Refund not allowed: delivery started 2026-11-20; refunds are only possible before usage"
        );
        assert_eq!(o.status, Status::InDelivery);
        assert_eq!(o.history.len(), 2);
        o.apply(
            Transition::MarkDelivered,
            "sam",
            Some("signed off".into()),
            ts("2026-11-22T12:00:00Z"),
        )
        .unwrap();
        assert_eq!(o.status, Status::Delivered);
        assert_eq!(o.revision, 3);
        let err = check(&o, Transition::Refund, jiff::civil::date(2026, 11, 23)).unwrap_err();
        assert!(err.reason.contains("delivered 2026-11-22"), "{err}");
        o.check_integrity().unwrap();
    }

    #[test]
    fn unused_can_be_refunded_or_delivered_directly() {
        let mut o = order(None);
        o.apply(
            Transition::Refund,
            "sam",
            Some("customer cancelled".into()),
            ts("2026-11-11T09:00:00Z"),
        )
        .unwrap();
        assert_eq!(o.status, Status::Refunded);
        for t in Transition::ALL {
            assert!(check(&o, t, jiff::civil::date(2026, 11, 12)).is_err());
        }
        let mut o = order(None);
        o.apply(
            Transition::MarkDelivered,
            "sam",
            None,
            ts("2026-11-11T09:00:00Z"),
        )
        .unwrap();
        assert_eq!(o.status, Status::Delivered);
    }

    #[test]
    fn expired_orders_can_only_be_repurchased() {
        let o = order(Some(jiff::civil::date(2026, 11, 15)));
        assert_eq!(
            o.effective_status(jiff::civil::date(2026, 11, 15)),
            Status::Unused
        );
        assert_eq!(
            o.effective_status(jiff::civil::date(2026, 11, 16)),
            Status::Expired
        );
        for (t, answer) in next_steps(&o, jiff::civil::date(2026, 11, 16)) {
            let err = answer.unwrap_err();
            assert_eq!(err.action, t);
            assert!(err.reason.contains("expired after 2026-11-15"), "{err}");
            assert!(err.reason.contains("repurchase"), "{err}");
        }
    }

    proptest! {
        /// Random sequences of requests never reach a forbidden status, the history only
        /// grows, and the order always passes its integrity check.
        #[test]
        fn random_actions_respect_the_rules(actions in proptest::collection::vec(0usize..3, 0..12)) {
            let mut o = order(None);
            let mut when = ts("2026-11-11T00:00:00Z");
            for a in actions {
                let before = o.clone();
                when = when.checked_add(jiff::SignedDuration::from_hours(5)).unwrap();
                match o.apply(Transition::ALL[a], "sam", None, when) {
                    Ok(()) => {
                        prop_assert!(allowed(before.status, o.status));
                        prop_assert_eq!(o.history.len(), before.history.len() + 1);
                        prop_assert_eq!(&o.history[..before.history.len()], &before.history[..]);
                    }
                    Err(_) => prop_assert_eq!(&o, &before),
                }
                prop_assert_eq!(&o.lines, &before.lines);
                prop_assert_eq!(o.total, before.total);
                prop_assert!(o.check_integrity().is_ok());
            }
        }
    }
}
