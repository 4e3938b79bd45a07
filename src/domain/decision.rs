//! One order changed on two desks: the union of their status changes replayed through the
//! rules guard, and a rep's decision when the rules allow only one of two changes.
//!
//! Promises:
//! - [`settle`] keeps every status change it is given: each ends in `history` (allowed by
//!   [`rules::check`], replayed oldest first), in `contested` (waiting for a decision) or
//!   in `voided` (set aside by an earlier decision); none is dropped or counted twice, and
//!   the result does not depend on the order the changes came in.
//! - [`decide`] keeps one of the two clashing changes and records the other as voided,
//!   with who decided, when and why; then the rest is replayed again.
//!
//! Pure: no file, clock or terminal.

use jiff::Timestamp;

use crate::domain::order::{Order, Status, StatusChange, Voided, local_date};
use crate::domain::rules::{self, Transition};

/// The transition that records a move to `to`.
fn transition_to(to: Status) -> Option<Transition> {
    Transition::ALL.into_iter().find(|t| t.target() == to)
}

/// A total order on status changes, so a union sorts the same whichever side it came from.
fn key(c: &StatusChange) -> (Timestamp, &'static str, &'static str, &str, Option<&str>) {
    (
        c.at,
        c.from.map_or("", Status::code),
        c.to.code(),
        c.by.as_str(),
        c.note.as_deref(),
    )
}

/// Every status change recorded on the order after it was placed: the history's and the
/// contested ones (not the voided ones).
pub fn changes(order: &Order) -> impl Iterator<Item = &StatusChange> {
    order.history.iter().skip(1).chain(order.contested.iter())
}

/// The order `frozen` (its frozen part and the entry that placed it) with the status
/// changes `changes` and the voided ones `voided`, replayed: duplicates are counted once,
/// a change that a voided record names is not replayed, the rest go into the history in
/// time order while the rules allow each, and from the first the rules refuse on,
/// into `contested`.
pub fn settle(frozen: &Order, changes: Vec<StatusChange>, mut voided: Vec<Voided>) -> Order {
    voided.sort_by(|a, b| {
        key(&a.change)
            .cmp(&key(&b.change))
            .then(a.at.cmp(&b.at))
            .then(a.by.cmp(&b.by))
            .then(a.why.cmp(&b.why))
    });
    voided.dedup();
    let mut changes: Vec<StatusChange> = changes
        .into_iter()
        .filter(|c| c.from.is_some() && !voided.iter().any(|v| v.change == *c))
        .collect();
    changes.sort_by(|a, b| key(a).cmp(&key(b)));
    changes.dedup();

    let mut order = frozen.clone();
    order.history.truncate(1);
    order.status = order.history.first().map_or(Status::Unused, |c| c.to);
    order.contested = Vec::new();
    order.voided = voided;
    let mut rest = changes.into_iter();
    for change in rest.by_ref() {
        let allowed = change.from == Some(order.status)
            && transition_to(change.to)
                .is_some_and(|t| rules::check(&order, t, local_date(change.at)) == Ok(change.to));
        if allowed {
            order.status = change.to;
            order.history.push(change);
        } else {
            order.contested.push(change);
            break;
        }
    }
    order.contested.extend(rest);
    order.revision = (order.history.len() + order.contested.len() + order.voided.len()) as u32;
    order
}

/// The two changes a rep chooses between on an order that needs a decision: the one in
/// the history that left the status the contested change starts from (or the history's
/// last change), and the first contested change. `None` when nothing waits.
pub fn options(order: &Order) -> Option<[Option<&StatusChange>; 2]> {
    let waiting = order.contested.first()?;
    let placed = order.history.len().min(1);
    let partner = order.history[placed..]
        .iter()
        .find(|h| h.from == waiting.from)
        .or_else(|| order.history[placed..].last());
    Some([partner, Some(waiting)])
}

/// Why a decision cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecideError {
    #[error("order {0} does not need a decision")]
    NothingToDecide(String),
    #[error(
        "choose 1 or 2 (or the change's name, such as refund or start): see `order-desk order show {0}`"
    )]
    NoSuchOption(String),
    #[error("{0} cannot be kept: the rules refuse it on this order even alone; keep 1 instead")]
    CannotKeep(String),
}

/// Keeps option `keep` (1 or 2, see [`options`]) and voids the other, recording who
/// decided, when and why; the order is replayed again, which may leave another decision.
pub fn decide(
    order: &Order,
    keep: usize,
    by: &str,
    why: &str,
    now: Timestamp,
) -> Result<Order, DecideError> {
    let [partner, waiting] =
        options(order).ok_or_else(|| DecideError::NothingToDecide(order.id.clone()))?;
    let void = match keep {
        1 => waiting,
        2 => match partner {
            Some(p) => Some(p),
            None => {
                return Err(DecideError::CannotKeep(
                    waiting.map_or("It", |w| w.to.label()).to_string(),
                ));
            }
        },
        _ => return Err(DecideError::NoSuchOption(order.id.clone())),
    };
    let void = void
        .expect("options always name the waiting change")
        .clone();
    let mut voided = order.voided.clone();
    voided.push(Voided {
        change: void,
        at: now,
        by: by.to_string(),
        why: why.to_string(),
    });
    let all: Vec<StatusChange> = changes(order).cloned().collect();
    Ok(settle(order, all, voided))
}

/// Which option a word typed after `--keep` names: `1`, `2`, or the change's target
/// (`refund`, `start`, `deliver`, or a status such as `in-delivery`) when only one of the
/// two moves there.
pub fn parse_keep(order: &Order, word: &str) -> Option<usize> {
    let word = word.trim().to_ascii_lowercase();
    if let Ok(n) = word.parse::<usize>() {
        return (1..=2).contains(&n).then_some(n);
    }
    let to = match word.as_str() {
        "refund" => Status::Refunded,
        "start" | "start-delivery" => Status::InDelivery,
        "deliver" | "mark-delivered" => Status::Delivered,
        other => other.parse::<Status>().ok()?,
    };
    let opts = options(order)?;
    let hits: Vec<usize> = (0..2)
        .filter(|&i| opts[i].is_some_and(|c| c.to == to))
        .collect();
    match hits.as_slice() {
        [one] => Some(one + 1),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::cart::Cart;
    use crate::domain::catalog::{Catalog, Region};
    use crate::domain::order::{CheckoutForm, checkout};
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    pub(crate) fn placed() -> Order {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&c, "dev-basic", 1).unwrap();
        let form = CheckoutForm {
            customer: "Acme".into(),
            rep: "ann".into(),
            ..Default::default()
        };
        checkout(
            &cart,
            &c,
            &form,
            "20261120-100000-aaaaaaaa".into(),
            ts("2026-11-20T10:00:00Z"),
        )
        .unwrap()
    }

    fn change(at: &str, from: Status, to: Status, by: &str) -> StatusChange {
        StatusChange {
            at: ts(at),
            from: Some(from),
            to,
            by: by.into(),
            note: None,
        }
    }

    #[test]
    fn start_then_deliver_after_pulling_replays_to_delivered() {
        let start = change(
            "2026-11-21T10:00:00Z",
            Status::Unused,
            Status::InDelivery,
            "ann",
        );
        let deliver = change(
            "2026-11-22T10:00:00Z",
            Status::InDelivery,
            Status::Delivered,
            "bob",
        );
        let o = settle(&placed(), vec![deliver, start.clone(), start], vec![]);
        assert_eq!(o.status, Status::Delivered);
        assert_eq!(o.history.len(), 3);
        assert!(!o.needs_decision());
        o.check_integrity().unwrap();
    }

    #[test]
    fn the_partner_of_a_contested_change_is_the_one_that_left_the_same_status() {
        // ann started delivery and carol delivered; bob, offline, refunded the order he
        // last saw unused. His refund clashes with ann's start (both left Unused), not with
        // carol's delivery, the last change.
        let start = change(
            "2026-11-21T10:00:00Z",
            Status::Unused,
            Status::InDelivery,
            "ann",
        );
        let deliver = change(
            "2026-11-21T11:00:00Z",
            Status::InDelivery,
            Status::Delivered,
            "carol",
        );
        let refund = change(
            "2026-11-21T12:00:00Z",
            Status::Unused,
            Status::Refunded,
            "bob",
        );
        let o = settle(
            &placed(),
            vec![start.clone(), deliver, refund.clone()],
            vec![],
        );
        assert_eq!(o.status, Status::Delivered);
        assert_eq!(o.contested, std::slice::from_ref(&refund));
        assert_eq!(options(&o).unwrap(), [Some(&start), Some(&refund)]);
    }

    #[test]
    fn refund_against_start_needs_a_decision_and_keeps_both() {
        let start = change(
            "2026-11-21T10:00:00Z",
            Status::Unused,
            Status::InDelivery,
            "ann",
        );
        let refund = change(
            "2026-11-21T11:00:00Z",
            Status::Unused,
            Status::Refunded,
            "bob",
        );
        let o = settle(&placed(), vec![refund.clone(), start.clone()], vec![]);
        assert!(o.needs_decision());
        assert_eq!(o.status, Status::InDelivery);
        assert_eq!(o.contested, std::slice::from_ref(&refund));
        o.check_integrity().unwrap();
        let err = rules::check(
            &o,
            Transition::MarkDelivered,
            jiff::civil::date(2026, 11, 22),
        )
        .unwrap_err();
        assert!(err.reason.contains("needs a decision"), "{err}");
        assert_eq!(options(&o).unwrap(), [Some(&start), Some(&refund)]);
        assert_eq!(parse_keep(&o, "refund"), Some(2));
        assert_eq!(parse_keep(&o, "start"), Some(1));
        assert_eq!(parse_keep(&o, "deliver"), None);

        let kept = decide(
            &o,
            2,
            "cara",
            "customer cancelled first",
            ts("2026-11-23T09:00:00Z"),
        )
        .unwrap();
        assert_eq!(kept.status, Status::Refunded);
        assert!(!kept.needs_decision());
        assert_eq!(kept.voided.len(), 1);
        assert_eq!(kept.voided[0].change, start);
        assert_eq!(kept.voided[0].by, "cara");
        assert_eq!(kept.revision as usize, 3);
        kept.check_integrity().unwrap();
        // A decision is itself merged like any change: replaying it again changes nothing.
        let again = settle(&kept, changes(&o).cloned().collect(), kept.voided.clone());
        assert_eq!(again, kept);
    }

    fn arb_change() -> impl Strategy<Value = StatusChange> {
        let statuses = [
            Status::Unused,
            Status::InDelivery,
            Status::Delivered,
            Status::Refunded,
        ];
        (0i64..20, 0usize..4, 1usize..4, 0usize..3).prop_map(move |(h, f, t, who)| StatusChange {
            at: ts("2026-11-21T00:00:00Z")
                .checked_add(jiff::SignedDuration::from_hours(h))
                .unwrap(),
            from: Some(statuses[f]),
            to: statuses[t],
            by: ["ann", "bob", "cy"][who].into(),
            note: None,
        })
    }

    proptest! {
        /// The union is commutative and loses nothing: every change given ends in the
        /// history, the contested list or the voided list, once; the result always passes
        /// the integrity check, and its status is one the rules allow.
        #[test]
        fn settling_a_union_is_commutative_and_loses_nothing(
            a in proptest::collection::vec(arb_change(), 0..8),
            b in proptest::collection::vec(arb_change(), 0..8),
        ) {
            let base = placed();
            let ab = settle(&base, a.iter().chain(&b).cloned().collect(), vec![]);
            let ba = settle(&base, b.iter().chain(&a).cloned().collect(), vec![]);
            prop_assert_eq!(&ab, &ba);
            prop_assert!(ab.check_integrity().is_ok(), "{:?}", ab.check_integrity());
            for c in a.iter().chain(&b) {
                let n = changes(&ab).filter(|x| *x == c).count();
                prop_assert_eq!(n, 1);
            }
            let mut distinct: Vec<_> = a.iter().chain(&b).collect();
            distinct.sort_by(|x, y| key(x).cmp(&key(y)));
            distinct.dedup();
            prop_assert_eq!(changes(&ab).count(), distinct.len());
            // Merging the merged result with either side again changes nothing.
            let again = settle(&ab, changes(&ab).cloned().chain(a.iter().cloned()).collect(), vec![]);
            prop_assert_eq!(&again, &ab);
            // Deciding until nothing waits ends in an order the rules allow, still losing nothing.
            let mut o = ab.clone();
            let mut guard = 0;
            while o.needs_decision() && guard < 40 {
                o = decide(&o, 1, "lead", "test", ts("2026-12-01T00:00:00Z")).unwrap();
                guard += 1;
            }
            prop_assert!(!o.needs_decision());
            prop_assert!(o.check_integrity().is_ok());
            prop_assert_eq!(changes(&o).count() + o.voided.len(), distinct.len());
        }
    }
}
