//! Settling an order, quote or customer that two desks changed in ways the rules do not
//! allow together: under the folder's lock, re-read, decided, written atomically.

use std::fs;

use jiff::Timestamp;

use super::{Access, Store, StoreError, to_ron, write_atomic};
use crate::domain::decision;
use crate::domain::order::Order;
use crate::domain::order_id;
use crate::domain::quote::{self, Quote, QuoteStatus};

/// Why a decision was not taken, in words for the rep.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}; nothing was changed")]
    Refused(String),
}

/// A decision whose typed reason or name the file could not hold.
fn refused_input(field: &str, why: &str) -> DecideError {
    DecideError::Refused(format!(
        "the decision was not saved: {field}: {why}; give a reason of at most 2,000 characters on one line"
    ))
}

impl Store {
    /// Keeps the change `keep` names (`1`, `2`, or `refund`, `start`, `deliver`) on an
    /// order that needs a decision and records the other as voided by `by` for `why`.
    pub fn decide(
        &self,
        id: &str,
        keep: &str,
        by: &str,
        why: &str,
        now: Timestamp,
    ) -> Result<Order, DecideError> {
        order_id::validate(id).map_err(StoreError::from)?;
        let _lock = self.lock()?;
        let order = self.load(id)?;
        if !order.needs_decision() {
            return Err(DecideError::Refused(format!(
                "order {id} does not need a decision"
            )));
        }
        let n = decision::parse_keep(&order, keep).ok_or_else(|| {
            DecideError::Refused(format!(
                "'{}' names neither change: keep 1 or 2 as `order-desk order show {id}` lists them",
                crate::domain::text::escaped(keep)
            ))
        })?;
        let mut decided = decision::decide(&order, n, by, why, now)
            .map_err(|e| DecideError::Refused(e.to_string()))?;
        decided.format = crate::domain::format::for_list(decided.list.is_some());
        // The reason is typed input: one the file would read as damage (too long, control
        // characters) is refused here, and the file is left as it was.
        decided
            .check_integrity()
            .map_err(|(field, why)| refused_input(field, &why))?;
        let path = self.path_of(id);
        let old = fs::symlink_metadata(&path).map_err(|e| StoreError::io("read", &path, e))?;
        write_atomic(
            &self.dir,
            &path,
            to_ron(&decided).as_bytes(),
            false,
            Access::Like(&old),
        )
        .map_err(|e| StoreError::io("save", &path, e))?;
        Ok(decided)
    }

    /// Keeps the quote's status (`1`, or its kind: `accepted`, `declined`) or the one
    /// contested (`2`) and records the other as voided by `by` for `why`.
    pub fn decide_quote(
        &self,
        id: &str,
        keep: &str,
        by: &str,
        why: &str,
        now: Timestamp,
    ) -> Result<Quote, DecideError> {
        quote::validate_id(id).map_err(StoreError::BadQuoteId)?;
        let _lock = self.lock()?;
        let q = self.load_quote(id)?;
        let Some(other) = q.contested.first() else {
            return Err(DecideError::Refused(format!(
                "quote {id} does not need a decision"
            )));
        };
        let kind = |s: &QuoteStatus| match s {
            QuoteStatus::Accepted { .. } => "accepted",
            QuoteStatus::Declined { .. } => "declined",
            QuoteStatus::Superseded { .. } => "superseded",
            QuoteStatus::Open => "open",
        };
        let word = keep.trim().to_ascii_lowercase();
        let word = word.strip_suffix('d').unwrap_or(&word).to_string();
        let n = match word.as_str() {
            "1" => 1,
            "2" => 2,
            w if kind(&q.status).starts_with(w) && !kind(other).starts_with(w) => 1,
            w if kind(other).starts_with(w) && !kind(&q.status).starts_with(w) => 2,
            _ => {
                return Err(DecideError::Refused(format!(
                    "'{}' names neither status: keep 1 or 2 as `order-desk quote show {id}` lists them",
                    crate::domain::text::escaped(keep)
                )));
            }
        };
        let mut decided = crate::domain::quote_decision::decide_quote(&q, n, by, why, now)
            .ok_or_else(|| DecideError::Refused("keep 1 or 2".into()))?;
        decided.format = decided.file_format();
        decided
            .check_integrity()
            .map_err(|(field, why)| refused_input(field, &why))?;
        self.rewrite_quote(&decided)?;
        Ok(decided)
    }

    /// Settles a field two desks set to different values on customer `name`: it takes
    /// value `keep` (1-based, as `customer show` lists them), the clash is removed, and
    /// the file is replaced atomically under the folder's lock.
    pub fn decide_customer(
        &self,
        name: &str,
        field: &str,
        keep: usize,
    ) -> Result<crate::domain::customer::Customer, DecideError> {
        let _lock = self.lock()?;
        let book = self.load_customers()?;
        let key = crate::domain::customer::name_key(name);
        let Some((path, customer)) = book
            .customers
            .iter()
            .find(|(_, c)| crate::domain::customer::name_key(&c.name) == key)
        else {
            return Err(DecideError::Refused(format!(
                "no customer '{}' in the book: list them with `order-desk customers`",
                crate::domain::text::escaped(name)
            )));
        };
        let mut decided = customer.clone();
        decided
            .settle(field, keep)
            .map_err(|e| DecideError::Refused(format!("{}: {}", e.field, e.message)))?;
        decided.format = crate::domain::format::BEFORE_LISTS;
        let old = fs::symlink_metadata(path).map_err(|e| StoreError::io("read", path, e))?;
        let dir = path.parent().unwrap_or(&self.dir);
        write_atomic(
            dir,
            path,
            to_ron(&decided).as_bytes(),
            false,
            Access::Like(&old),
        )
        .map_err(|e| StoreError::io("save", path, e))?;
        Ok(decided)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::user_dirs::UserDirs;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// A store holding one quote accepted on one desk and declined on another.
    fn contested_quote(dir: &std::path::Path) -> (Store, Quote) {
        let store = Store::with_dirs(dir, UserDirs::default());
        let order = crate::store::tests::new_order("Acme", "2026-11-20T10:00:00Z");
        let q = Quote::from_priced(order, jiff::civil::date(2026, 12, 31));
        let mut q = store.save_new_quote(q, "deskaaaa").unwrap();
        q.status = QuoteStatus::Accepted {
            order: "20261121-100000-aaaaaaaa".into(),
            at: ts("2026-11-21T10:00:00Z"),
            by: "ann".into(),
        };
        q.contested = vec![QuoteStatus::Declined {
            reason: Some("too dear".into()),
            at: ts("2026-11-21T11:00:00Z"),
            by: "bob".into(),
        }];
        fs::write(store.quote_file(&q.id), to_ron(&q)).unwrap();
        (store, q)
    }

    #[test]
    fn a_quote_decision_takes_1_2_or_the_kind_of_status_kept_and_refuses_anything_else() {
        let dir = tempfile::tempdir().unwrap();
        let now = ts("2026-11-22T10:00:00Z");
        for (word, kept) in [
            ("1", "accepted"),
            ("accept", "accepted"),
            ("Accepted", "accepted"),
            ("2", "declined"),
            ("decline", "declined"),
            ("declined", "declined"),
        ] {
            let (store, q) = contested_quote(dir.path());
            let d = store
                .decide_quote(&q.id, word, "cara", "checked with the customer", now)
                .unwrap_or_else(|e| panic!("{word}: {e}"));
            let kind = match d.status {
                QuoteStatus::Accepted { .. } => "accepted",
                QuoteStatus::Declined { .. } => "declined",
                QuoteStatus::Superseded { .. } => "superseded",
                QuoteStatus::Open => "open",
            };
            assert_eq!(kind, kept, "{word}");
            assert!(d.contested.is_empty(), "{word}");
            assert_eq!(d.voided.len(), 1, "{word}");
            assert_eq!(store.load_quote(&q.id).unwrap(), d, "{word}: saved");
        }
        // A word naming neither, or both ("" starts both), or a third option: refused,
        // the file untouched.
        for word in ["x", "", "3", "open"] {
            let (store, q) = contested_quote(dir.path());
            let before = fs::read(store.quote_file(&q.id)).unwrap();
            assert!(
                store.decide_quote(&q.id, word, "cara", "?", now).is_err(),
                "{word:?}"
            );
            assert_eq!(
                fs::read(store.quote_file(&q.id)).unwrap(),
                before,
                "{word:?}"
            );
        }
    }

    #[test]
    fn a_customer_clash_is_settled_in_the_file_and_a_wrong_choice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::with_dirs(dir.path(), UserDirs::default());
        let mut c = crate::domain::customer::CustomerForm {
            name: "Rio Foods".into(),
            country: "BR".into(),
            ..Default::default()
        }
        .check()
        .unwrap();
        let path = store.add_customer(&c).unwrap();
        c.clashes = vec![crate::domain::customer::FieldClash {
            field: "country".into(),
            values: vec![Some("BR".into()), Some("PT".into())],
        }];
        fs::write(&path, to_ron(&c)).unwrap();
        let before = fs::read(&path).unwrap();
        for (name, field, keep) in [
            ("Rio Foods", "country", 0),
            ("Rio Foods", "country", 3),
            ("Rio Foods", "email", 1),
            ("Nobody", "country", 1),
        ] {
            assert!(
                matches!(
                    store.decide_customer(name, field, keep),
                    Err(DecideError::Refused(_))
                ),
                "{name} {field} {keep}"
            );
            assert_eq!(fs::read(&path).unwrap(), before, "{name} {field} {keep}");
        }
        let decided = store.decide_customer("rio foods", "country", 2).unwrap();
        assert_eq!((decided.country.as_str(), decided.clashes.len()), ("PT", 0));
        let read = crate::store::read_customer(&path).unwrap();
        assert_eq!(read, decided);
    }

    #[test]
    fn a_reason_the_file_cannot_hold_is_refused_and_the_file_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let now = ts("2026-11-22T10:00:00Z");
        let store = Store::with_dirs(dir.path(), UserDirs::default());
        let long = "x".repeat(crate::domain::order::MAX_NOTE + 1);
        // An order refunded on one desk and started on another.
        let mut base = crate::store::tests::new_order("Acme", "2026-11-20T10:00:00Z");
        base.id = "20261120-100000-deskaaaa".into();
        let change = |at: &str, to| crate::domain::order::StatusChange {
            at: ts(at),
            from: Some(crate::domain::order::Status::Unused),
            to,
            by: "ann".into(),
            note: None,
        };
        let order = decision::settle(
            &base,
            vec![
                change(
                    "2026-11-21T10:00:00Z",
                    crate::domain::order::Status::Refunded,
                ),
                change(
                    "2026-11-21T11:00:00Z",
                    crate::domain::order::Status::InDelivery,
                ),
            ],
            vec![],
        );
        assert!(order.needs_decision());
        let path = store.path_of(&order.id);
        fs::write(&path, to_ron(&order)).unwrap();
        let before = fs::read(&path).unwrap();
        let err = store
            .decide(&order.id, "1", "cara", &long, now)
            .unwrap_err();
        assert!(err.to_string().contains("not saved"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before);
        let err = store
            .decide(&order.id, "1", "cara", "esc \u{1b}[31m", now)
            .unwrap_err();
        assert!(err.to_string().contains("not saved"), "{err}");
        assert!(store.decide(&order.id, "1", "cara", "checked", now).is_ok());

        // The same for a quote: a reason it could not hold is refused before writing.
        let (store, q) = contested_quote(&dir.path().join("quotes"));
        let path = store.quote_file(&q.id);
        let before = fs::read(&path).unwrap();
        for why in [long.as_str(), "esc \u{1b}[31m"] {
            let err = store
                .decide_quote(&q.id, "1", "cara", why, now)
                .unwrap_err();
            assert!(err.to_string().contains("not saved"), "{err}");
            assert_eq!(fs::read(&path).unwrap(), before);
        }
        assert!(
            store
                .decide_quote(&q.id, "1", "cara", "checked", now)
                .is_ok()
        );
    }
}
