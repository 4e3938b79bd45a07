//! What to follow up (`w`): open quotes that lapse soon, lapsed quotes nobody re-quoted,
//! unused orders that expire soon, and orders long in delivery, dearest first, each with
//! the step it wants (re-quote, start, open). `update::followups` makes the list.

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::domain::order::Status;
use crate::domain::quote::{Quote, QuoteStatus, Standing};
use crate::store::summary::OrderSummary;

/// The window, in days, of every kind of follow-up: lapsing or expiring within it, in
/// delivery for longer.
pub const DAYS: i64 = 30;

/// Why a row is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// An open quote that lapses in this many days (0: today is its last).
    QuoteLapses(i64),
    /// A lapsed quote no quote re-quotes.
    QuoteLapsed,
    /// An unused order that expires in this many days.
    OrderExpires(i64),
    /// An order in delivery for this many days.
    InDelivery(i64),
}

impl Why {
    pub fn says(self) -> String {
        match self {
            Why::QuoteLapses(0) => "lapses today".into(),
            Why::QuoteLapses(n) => format!("lapses in {n} day(s)"),
            Why::QuoteLapsed => "lapsed, not re-quoted".into(),
            Why::OrderExpires(0) => "expires today, unused".into(),
            Why::OrderExpires(n) => format!("expires in {n} day(s), unused"),
            Why::InDelivery(n) => format!("in delivery for {n} days"),
        }
    }

    /// The key that takes the row's own step, as the hint names it.
    pub fn step(self) -> &'static str {
        match self {
            Why::QuoteLapses(_) => "a accept",
            Why::QuoteLapsed => "r re-quote",
            Why::OrderExpires(_) => "s start",
            Why::InDelivery(_) => "d deliver",
        }
    }

    pub fn is_quote(self) -> bool {
        matches!(self, Why::QuoteLapses(_) | Why::QuoteLapsed)
    }
}

/// One row: the quote's or order's id, customer, total and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: String,
    pub customer: String,
    pub total: Decimal,
    pub why: Why,
}

/// Every follow-up as of `today` (and `now` for time in delivery), dearest first.
pub fn list(
    quotes: &[Quote],
    orders: &[OrderSummary],
    today: Date,
    now: Timestamp,
) -> Vec<FollowUp> {
    let mut out = Vec::new();
    for q in quotes {
        let why = match (q.standing(today), &q.status) {
            (Standing::Open, QuoteStatus::Open) => {
                let left = (q.valid_until - today).get_days() as i64;
                (left <= DAYS).then_some(Why::QuoteLapses(left))
            }
            (Standing::Lapsed, _) => {
                let requoted = quotes
                    .iter()
                    .any(|other| other.requote_of.as_deref() == Some(q.id.as_str()));
                (!requoted).then_some(Why::QuoteLapsed)
            }
            _ => None,
        };
        if let Some(why) = why {
            out.push(FollowUp {
                id: q.id.clone(),
                customer: q.customer.clone(),
                total: q.total,
                why,
            });
        }
    }
    let long_ago = now
        .checked_sub(jiff::SignedDuration::from_hours(DAYS * 24))
        .ok();
    for o in orders {
        let why = match o.effective_status(today) {
            Status::Unused => o.valid_until.and_then(|until| {
                let left = (until - today).get_days() as i64;
                (left <= DAYS).then_some(Why::OrderExpires(left))
            }),
            Status::InDelivery => long_ago
                .filter(|cut| o.status_since < *cut)
                .map(|_| Why::InDelivery((now - o.status_since).as_hours() / 24)),
            _ => None,
        };
        if let Some(why) = why {
            out.push(FollowUp {
                id: o.id.clone(),
                customer: o.customer.clone(),
                total: o.total,
                why,
            });
        }
    }
    out.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.id.cmp(&b.id)));
    out
}
