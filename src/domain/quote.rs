//! Quotes: a saved offer made from a cart, that becomes an order at the quoted prices.
//!
//! Promises:
//! - A quote keeps its lines with the unit prices of the price list it was made from; an
//!   order accepted from it carries exactly those lines and that total, whatever the price
//!   list says by then.
//! - A quote is Open, Accepted (with the order's id) or Declined (with an optional
//!   reason). An open quote past its valid-until date is Lapsed: it cannot be accepted,
//!   only re-quoted (its lines at today's prices, as a new quote).
//! - Only an open, unlapsed quote can be accepted or declined, and only once: the store
//!   re-reads the file under the folder's lock before it asks [`Quote::check_open`].
//! - A quote read from a file passes the same checks as an order (ids, lines, amounts,
//!   texts), so a hand-edited file is reported as damaged, never trusted.
//!
//! Pure: no file, clock or terminal.

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::catalog::Region;
use crate::domain::order::{MAX_NOTE, Order, OrderLine, Status, StatusChange};
use crate::domain::region::RegionChoice;
use crate::domain::text;

/// Every quote id starts with this, so it is never mistaken for an order id.
// The quote id's form lives with the order id's, which it extends, so that an order
// (which names its quote) need not import the quote.
pub use crate::domain::order_id::{QUOTE_PREFIX as ID_PREFIX, validate_quote as validate_id};
/// How long a quote stays open when no date is given.
pub const DEFAULT_VALID_DAYS: i64 = 30;

/// Where a quote stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteStatus {
    Open,
    Accepted {
        order: String,
        at: Timestamp,
        by: String,
    },
    Declined {
        reason: Option<String>,
        at: Timestamp,
        by: String,
    },
    /// Revised: `quote` is the newer revision, the one that can be accepted.
    Superseded {
        quote: String,
        at: Timestamp,
        by: String,
    },
}

/// The status a rep sees today: an open quote past its date is lapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Open,
    Lapsed,
    Accepted,
    Declined,
    /// An earlier revision of a quote that was revised: kept, readable, never accepted.
    Superseded,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Open => "Open",
            Standing::Lapsed => "Lapsed",
            Standing::Accepted => "Accepted",
            Standing::Declined => "Declined",
            Standing::Superseded => "Superseded",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Standing::Open => "open",
            Standing::Lapsed => "lapsed",
            Standing::Accepted => "accepted",
            Standing::Declined => "declined",
            Standing::Superseded => "superseded",
        }
    }
}

impl std::str::FromStr for Standing {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(Standing::Open),
            "lapsed" => Ok(Standing::Lapsed),
            "accepted" => Ok(Standing::Accepted),
            "declined" => Ok(Standing::Declined),
            "superseded" => Ok(Standing::Superseded),
            _ => Err(format!(
                "unknown quote status '{}': use open, lapsed, accepted, declined or superseded",
                text::clean(s)
            )),
        }
    }
}

/// A saved quote, as written in its RON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The file's format ([`crate::domain::format`]); 1 when the file names none.
    #[serde(default = "crate::domain::format::unversioned")]
    pub format: u32,
    pub id: String,
    pub created_at: Timestamp,
    pub customer: String,
    #[serde(default)]
    pub country: Option<String>,
    pub rep: String,
    pub region: Region,
    #[serde(default)]
    pub region_choice: Option<RegionChoice>,
    /// The `updated` date of the price list the quote was priced from.
    pub catalog_date: Date,
    pub lines: Vec<OrderLine>,
    pub total: Decimal,
    #[serde(default)]
    pub note: Option<String>,
    pub valid_until: Date,
    pub status: QuoteStatus,
    /// The quote this one re-quotes, if any.
    #[serde(default)]
    pub requote_of: Option<String>,
    /// The order id an acceptance claimed, written before that order is saved: if the
    /// process dies between saving the order and marking the quote accepted, the next
    /// read finds the order (which names this quote) and completes the link instead of
    /// placing a second one. Absent on every quote not in the middle of an acceptance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepting: Option<String>,
    /// Closing statuses recorded on other desks that clash with `status` (one desk
    /// accepted while another declined): kept, and the quote waits for a rep's decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contested: Vec<QuoteStatus>,
    /// Closing statuses a decision set aside, with who decided and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voided: Vec<VoidedStatus>,
    /// The customer's reference (format 3), printed on the quote and on the order it
    /// becomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// For the desk only (format 3), never printed; carried into the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_note: Option<String>,
    /// The revision this one revises (format 4); its id is this one's without `-rN`, or
    /// with the number before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_of: Option<String>,
    /// The imported list the quote was priced from (format 4), carried into its order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<crate::domain::order::ListRef>,
}

/// A quote's closing status that a rep's decision set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidedStatus {
    pub status: QuoteStatus,
    pub at: Timestamp,
    pub by: String,
    pub why: String,
}

/// Why a quote cannot be accepted or declined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteRefusal {
    #[error("quote {id} was already accepted as order {order}; it can be accepted only once")]
    AlreadyAccepted { id: String, order: String },
    #[error("quote {id} was declined; re-quote it with `order-desk quote requote {id}`")]
    Declined { id: String },
    #[error(
        "quote {id} lapsed on {until} (it was valid until then); re-quote it at today's prices with `order-desk quote requote {id}`"
    )]
    Lapsed { id: String, until: Date },
    #[error(
        "quote {id} was revised as {newer}; only the newest revision can be accepted or changed"
    )]
    Superseded { id: String, newer: String },
}

impl Quote {
    /// A quote from an order priced by checkout (the same checks, prices and lines), open
    /// until `valid_until`.
    pub fn from_priced(order: Order, valid_until: Date) -> Quote {
        Quote {
            format: crate::domain::format::for_list(order.list.is_some()),
            list: order.list,
            id: String::new(),
            created_at: order.created_at,
            customer: order.customer,
            country: order.country,
            rep: order.rep,
            region: order.region,
            region_choice: order.region_choice,
            catalog_date: order.catalog_date,
            lines: order.lines,
            total: order.total,
            note: order.note,
            valid_until,
            status: QuoteStatus::Open,
            requote_of: None,
            accepting: None,
            contested: Vec::new(),
            voided: Vec::new(),
            reference: order.reference,
            internal_note: order.internal_note,
            revision_of: None,
        }
    }

    /// The format its file is written in: 4 when it names a list, revises another quote
    /// or was revised, 3 otherwise (a desk that knows neither reads it as before).
    pub fn file_format(&self) -> u32 {
        let newer = self.list.is_some()
            || self.revision_of.is_some()
            || std::iter::once(&self.status)
                .chain(&self.contested)
                .any(|s| matches!(s, QuoteStatus::Superseded { .. }));
        crate::domain::format::for_list(newer)
    }

    /// The revision number: 1 for a quote never revised, N for `…-rN`.
    pub fn revision(&self) -> u32 {
        crate::domain::order_id::quote_revision(&self.id).1
    }

    /// Whether the quote is open and lapses within `days` days of `today` (today and the
    /// last day included): the quotes to chase before they lapse.
    pub fn expires_within(&self, today: Date, days: u32) -> bool {
        let Ok(last) = today.checked_add(jiff::Span::new().days(i64::from(days))) else {
            return false;
        };
        matches!(self.status, QuoteStatus::Open) && (today..=last).contains(&self.valid_until)
    }

    /// Open, Lapsed, Accepted, Declined or Superseded as of `today`.
    pub fn standing(&self, today: Date) -> Standing {
        match &self.status {
            QuoteStatus::Open if today > self.valid_until => Standing::Lapsed,
            QuoteStatus::Open => Standing::Open,
            QuoteStatus::Accepted { .. } => Standing::Accepted,
            QuoteStatus::Declined { .. } => Standing::Declined,
            QuoteStatus::Superseded { .. } => Standing::Superseded,
        }
    }

    /// Whether the quote may be accepted or declined today.
    pub fn check_open(&self, today: Date) -> Result<(), QuoteRefusal> {
        match &self.status {
            QuoteStatus::Accepted { order, .. } => Err(QuoteRefusal::AlreadyAccepted {
                id: self.id.clone(),
                order: order.clone(),
            }),
            QuoteStatus::Declined { .. } => Err(QuoteRefusal::Declined {
                id: self.id.clone(),
            }),
            QuoteStatus::Superseded { quote, .. } => Err(QuoteRefusal::Superseded {
                id: self.id.clone(),
                newer: quote.clone(),
            }),
            QuoteStatus::Open if today > self.valid_until => Err(QuoteRefusal::Lapsed {
                id: self.id.clone(),
                until: self.valid_until,
            }),
            QuoteStatus::Open => Ok(()),
        }
    }

    /// The order an acceptance places: the quote's lines, prices and total, unused, with
    /// the quote named in its first history entry and in `quote`.
    pub fn to_order(&self, now: Timestamp, by: &str) -> Order {
        Order {
            format: crate::domain::format::for_list(self.list.is_some()),
            list: self.list.clone(),
            id: String::new(),
            created_at: now,
            customer: self.customer.clone(),
            rep: by.to_string(),
            note: self.note.clone(),
            region: self.region,
            catalog_date: self.catalog_date,
            // The quoted list's validity runs from the day the order is placed.
            valid_until: crate::domain::order::ListRef::valid_until(
                self.list.as_ref(),
                crate::domain::order::local_date(now),
            ),
            lines: self.lines.clone(),
            total: self.total,
            status: Status::Unused,
            history: vec![StatusChange {
                at: now,
                from: None,
                to: Status::Unused,
                by: by.to_string(),
                note: Some(format!("accepted quote {}", self.id)),
            }],
            revision: 1,
            repurchase_of: None,
            country: self.country.clone(),
            region_choice: self.region_choice.clone(),
            quote: Some(self.id.clone()),
            contested: Vec::new(),
            voided: Vec::new(),
            reference: self.reference.clone(),
            internal_note: self.internal_note.clone(),
        }
    }

    /// The same checks an order file passes, plus the quote's own: a file that fails is
    /// damaged. Returns the field at fault and why.
    pub fn check_integrity(&self) -> Result<(), (&'static str, String)> {
        validate_id(&self.id).map_err(|e| ("id", e))?;
        // The lines, amounts and texts are checked as the order they would become.
        let mut as_order = self.to_order(self.created_at, &self.rep);
        as_order.id = self.id[ID_PREFIX.len()..].to_string();
        as_order.quote = None;
        as_order.check_integrity()?;
        if let Some(old) = &self.requote_of {
            validate_id(old).map_err(|e| ("requote_of", e))?;
        }
        if let Some(order) = &self.accepting {
            crate::domain::order_id::validate(order).map_err(|e| ("accepting", e.to_string()))?;
        }
        // The kept status, the clashing ones from other desks and the ones a decision set
        // aside are all shown and all came from a file: each is checked alike.
        let statuses = std::iter::once(&self.status)
            .chain(&self.contested)
            .chain(self.voided.iter().map(|v| &v.status));
        for status in statuses {
            check_status(status)?;
        }
        for voided in &self.voided {
            crate::domain::order::check_entry_text(&voided.by, Some(&voided.why))?;
        }
        Ok(())
    }
}

/// A closing status's texts: a valid order id, a rep name and a reason the file can hold.
fn check_status(status: &QuoteStatus) -> Result<(), (&'static str, String)> {
    match status {
        QuoteStatus::Open => {}
        QuoteStatus::Accepted { order, by, .. } => {
            crate::domain::order_id::validate(order).map_err(|e| ("status", e.to_string()))?;
            crate::domain::order::check_entry_text(by, None)?;
        }
        QuoteStatus::Superseded { quote, by, .. } => {
            crate::domain::order_id::validate_quote(quote).map_err(|e| ("status", e))?;
            crate::domain::order::check_entry_text(by, None)?;
        }
        QuoteStatus::Declined { reason, by, .. } => {
            crate::domain::order::check_entry_text(by, None)?;
            if let Some(reason) = reason
                && (reason.chars().count() > MAX_NOTE
                    || reason.chars().any(|c| text::is_unsafe(c) && c != '\n'))
            {
                return Err((
                    "status",
                    "the decline reason is too long or holds control characters".into(),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::Cart;
    use crate::domain::catalog::Catalog;
    use crate::domain::order::{CheckoutForm, checkout};

    fn quote(valid_until: Date) -> Quote {
        let catalog = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc2);
        cart.add(&catalog, "dev-basic", 2).unwrap();
        let form = CheckoutForm {
            customer: "Acme".into(),
            rep: "dana".into(),
            ..CheckoutForm::default()
        };
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let mut q = Quote::from_priced(
            checkout(&cart, &catalog, &form, String::new(), now).unwrap(),
            valid_until,
        );
        q.id = "Q-20261126-120000-test".into();
        q
    }

    #[test]
    fn an_open_quote_lapses_after_its_date() {
        let q = quote(jiff::civil::date(2026, 12, 26));
        assert_eq!(q.standing(jiff::civil::date(2026, 12, 26)), Standing::Open);
        assert_eq!(
            q.standing(jiff::civil::date(2026, 12, 27)),
            Standing::Lapsed
        );
        assert!(q.check_open(jiff::civil::date(2026, 12, 26)).is_ok());
        assert!(matches!(
            q.check_open(jiff::civil::date(2026, 12, 27)),
            Err(QuoteRefusal::Lapsed { .. })
        ));
        assert!(q.check_integrity().is_ok());
    }

    #[test]
    fn the_order_keeps_the_quoted_lines_and_total() {
        let q = quote(jiff::civil::date(2026, 12, 26));
        let order = q.to_order("2026-12-01T09:00:00Z".parse().unwrap(), "sam");
        assert_eq!(
            (order.lines.clone(), order.total),
            (q.lines.clone(), q.total)
        );
        assert_eq!(order.quote.as_deref(), Some(q.id.as_str()));
    }

    #[test]
    fn standings_are_read_by_name() {
        for (word, s) in [
            ("open", Standing::Open),
            (" Lapsed ", Standing::Lapsed),
            ("ACCEPTED", Standing::Accepted),
            ("declined", Standing::Declined),
        ] {
            assert_eq!(word.parse::<Standing>(), Ok(s), "{word}");
        }
        assert!("won".parse::<Standing>().is_err());
    }

    #[test]
    fn a_hand_edited_status_is_checked_like_input() {
        let at: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
        let mut q = quote(jiff::civil::date(2026, 12, 26));
        q.status = QuoteStatus::Accepted {
            order: "20261127-100000-aaaaaaaa".into(),
            at,
            by: "ann".into(),
        };
        assert!(q.check_integrity().is_ok());
        q.status = QuoteStatus::Accepted {
            order: "../../etc/passwd".into(),
            at,
            by: "ann".into(),
        };
        assert!(
            q.check_integrity().is_err(),
            "an accepted quote's order id is checked"
        );
        let declined = |reason: String| QuoteStatus::Declined {
            reason: Some(reason),
            at,
            by: "ann".into(),
        };
        // A reason of exactly the longest note, on two lines, is fine; one more character,
        // or a control character, is damage.
        let longest = format!("{}\n{}", "a".repeat(MAX_NOTE - 2), "b");
        assert_eq!(longest.chars().count(), MAX_NOTE);
        q.status = declined(longest);
        assert!(q.check_integrity().is_ok());
        q.status = declined("a".repeat(MAX_NOTE + 1));
        assert!(q.check_integrity().is_err(), "too long");
        q.status = declined("too dear\u{1b}[31m".into());
        assert!(q.check_integrity().is_err(), "an escape");
        q.status = declined("ok".into());
        assert!(q.check_integrity().is_ok());
        q.status = QuoteStatus::Declined {
            reason: None,
            at,
            by: "ann\u{1b}[2J".into(),
        };
        assert!(q.check_integrity().is_err(), "an escape in the rep's name");
        q.status = declined("ok".into());

        // A clash from another desk, and a status a decision set aside, are shown too:
        // checked alike.
        q.contested = vec![declined("x\u{7}".into())];
        assert!(q.check_integrity().is_err(), "a contested status");
        q.contested = vec![declined("fine".into())];
        assert!(q.check_integrity().is_ok());
        let voided = |status, by: &str, why: &str| VoidedStatus {
            status,
            at,
            by: by.into(),
            why: why.into(),
        };
        q.voided = vec![voided(declined("fine".into()), "bob", "called back")];
        assert!(q.check_integrity().is_ok());
        for bad in [
            voided(declined("\u{1b}]0;x".into()), "bob", "called back"),
            voided(declined("fine".into()), "bob\u{1b}", "called back"),
            voided(declined("fine".into()), "bob", &"w".repeat(MAX_NOTE + 1)),
            voided(declined("fine".into()), "bob", "why\u{1b}[1m"),
        ] {
            q.voided = vec![bad.clone()];
            assert!(q.check_integrity().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids_are_checked() {
        assert!(validate_id("Q-20261126-120000-test").is_ok());
        for bad in ["20261126-120000-test", "Q-../x", "Q-", "q-1"] {
            assert!(validate_id(bad).is_err(), "{bad}");
        }
        let mut q = quote(jiff::civil::date(2026, 12, 26));
        q.total += Decimal::ONE;
        assert!(q.check_integrity().is_err(), "a forged total is damage");
    }
}
