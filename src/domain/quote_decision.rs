//! One quote closed on two desks: its closing statuses settled into one order (the oldest
//! stands, the others are contested until a rep decides), and that decision. The merge
//! driver and the store's `quote decide` both settle through here, so a quote merged by
//! sync and a quote decided at the desk follow one rule.

use crate::domain::quote::{Quote, QuoteStatus, VoidedStatus};

/// A total order on quote statuses, so a union sorts the same from either side.
fn status_key(s: &QuoteStatus) -> (Option<jiff::Timestamp>, u8, &str, Option<&str>) {
    match s {
        QuoteStatus::Open => (None, 0, "", None),
        QuoteStatus::Accepted { order, at, by } => (Some(*at), 1, by, Some(order)),
        QuoteStatus::Declined { reason, at, by } => (Some(*at), 2, by, reason.as_deref()),
        QuoteStatus::Superseded { quote, at, by } => (Some(*at), 3, by, Some(quote)),
    }
}

/// The quote with its closing statuses settled: every recorded closing status that no
/// decision voided, the oldest as the status and the others contested; open if none.
pub fn settle_quote(
    quote: &Quote,
    statuses: Vec<QuoteStatus>,
    mut voided: Vec<VoidedStatus>,
) -> Quote {
    voided.sort_by(|a, b| {
        status_key(&a.status)
            .cmp(&status_key(&b.status))
            .then(a.at.cmp(&b.at))
            .then(a.by.cmp(&b.by))
            .then(a.why.cmp(&b.why))
    });
    voided.dedup();
    let mut closing: Vec<QuoteStatus> = statuses
        .into_iter()
        .filter(|s| *s != QuoteStatus::Open && !voided.iter().any(|v| v.status == *s))
        .collect();
    closing.sort_by(|a, b| status_key(a).cmp(&status_key(b)));
    closing.dedup();
    let mut out = quote.clone();
    let mut closing = closing.into_iter();
    out.status = closing.next().unwrap_or(QuoteStatus::Open);
    out.contested = closing.collect();
    out.voided = voided;
    out
}

/// Every status a quote records: its status and the contested ones.
pub fn quote_statuses(q: &Quote) -> impl Iterator<Item = &QuoteStatus> {
    std::iter::once(&q.status).chain(&q.contested)
}

/// Keeps the quote's status (`keep` 1) or its first contested status (2), voiding the
/// other with who decided, when and why.
pub fn decide_quote(
    q: &Quote,
    keep: usize,
    by: &str,
    why: &str,
    now: jiff::Timestamp,
) -> Option<Quote> {
    let first = q.contested.first()?;
    let void = match keep {
        1 => first.clone(),
        2 => q.status.clone(),
        _ => return None,
    };
    let mut voided = q.voided.clone();
    voided.push(VoidedStatus {
        status: void,
        at: now,
        by: by.to_string(),
        why: why.to_string(),
    });
    Some(settle_quote(
        q,
        quote_statuses(q).cloned().collect(),
        voided,
    ))
}
