//! Which orders a manager asks to see: by customer, rep, region, the days they were placed
//! and how soon an unused order expires. Pure; used by `orders` on the command line.

use jiff::civil::Date;

use crate::domain::catalog::Region;
use crate::domain::order::Status;
use crate::report::Period;
use crate::store::summary::OrderSummary;

/// Every condition is optional; an order is listed when it meets all that are given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderFilter {
    /// Status as it stands today (an unused order past its valid-until is expired).
    pub status: Option<Status>,
    /// Part of the customer's name, any case.
    pub customer: Option<String>,
    /// Part of the rep's name, any case.
    pub rep: Option<String>,
    pub region: Option<Region>,
    /// The days the order was placed on, both ends included.
    pub period: Period,
    /// Unused orders whose valid-until falls between today and this many days from now.
    pub expiring_within: Option<u32>,
}

impl OrderFilter {
    /// True when `order` meets every condition, on `today`, with `day` the day it was placed.
    pub fn matches(
        &self,
        order: &OrderSummary,
        status_today: Status,
        day: Date,
        today: Date,
    ) -> bool {
        self.status.is_none_or(|s| s == status_today)
            && self
                .customer
                .as_deref()
                .is_none_or(|c| contains_ignoring_case(&order.customer, c))
            && self
                .rep
                .as_deref()
                .is_none_or(|r| contains_ignoring_case(&order.rep, r))
            && self.region.is_none_or(|r| r == order.region)
            && self.period.contains(day)
            && self
                .expiring_within
                .is_none_or(|days| expires_within(order, status_today, today, days))
    }

    /// The orders of `orders` that match on `today`, each with its status today.
    pub fn apply<'a>(
        &'a self,
        orders: &'a [OrderSummary],
        today: Date,
    ) -> impl Iterator<Item = (&'a OrderSummary, Status)> + 'a {
        // The zone is looked up once, not per order.
        let zone = jiff::tz::TimeZone::system();
        orders.iter().filter_map(move |o| {
            let status = o.effective_status(today);
            let day = zone.to_datetime(o.created_at).date();
            self.matches(o, status, day, today).then_some((o, status))
        })
    }
}

/// True for an unused order (`status_today`) whose valid-until falls between `today` and
/// `days` days later, both days included: what `--expiring-within` and the Orders tab's
/// `e` list.
pub fn expires_within(order: &OrderSummary, status_today: Status, today: Date, days: u32) -> bool {
    last_day_within(today, days).is_some_and(|last| expires_by(order, status_today, today, last))
}

/// The last day of a window of `days` days from `today` (`None` past the calendar's end),
/// worked out once for a whole list rather than once per order.
pub fn last_day_within(today: Date, days: u32) -> Option<Date> {
    today
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .ok()
}

/// [`expires_within`] with the window's last day already worked out.
pub fn expires_by(order: &OrderSummary, status_today: Status, today: Date, last: Date) -> bool {
    status_today == Status::Unused
        && order
            .valid_until
            .is_some_and(|until| until >= today && until <= last)
}

fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn summary(valid_until: Option<Date>, status: Status) -> OrderSummary {
        OrderSummary {
            id: "x".into(),
            created_at: jiff::Timestamp::UNIX_EPOCH,
            status_since: jiff::Timestamp::UNIX_EPOCH,
            customer: "Acme Robotics".into(),
            rep: "Ann Lee".into(),
            note: None,
            region: Region::Oc2,
            country: None,
            list: None,
            total: rust_decimal::Decimal::ONE,
            status,
            valid_until,
            revision: 1,
            repurchase_of: None,
            line_count: 0,
            items: String::new(),
            lines: Box::new([]),
            search: String::new(),
            stamp: None,
        }
    }

    #[test]
    fn expiring_within_counts_today_and_the_last_day_and_only_unused() {
        let today = date(2026, 11, 27);
        let f = OrderFilter {
            expiring_within: Some(30),
            ..OrderFilter::default()
        };
        let day = today;
        for (until, status, listed) in [
            (date(2026, 11, 27), Status::Unused, true),
            (date(2026, 12, 27), Status::Unused, true),
            (date(2026, 12, 28), Status::Unused, false),
            (date(2026, 11, 26), Status::Unused, false),
            (date(2026, 12, 1), Status::InDelivery, false),
        ] {
            let o = summary(Some(until), status);
            let st = o.effective_status(today);
            assert_eq!(f.matches(&o, st, day, today), listed, "{until} {status:?}");
        }
        assert!(!f.matches(&summary(None, Status::Unused), Status::Unused, day, today));
    }

    #[test]
    fn names_match_in_part_and_any_case() {
        let today = date(2026, 11, 27);
        let o = summary(None, Status::Unused);
        let f = OrderFilter {
            customer: Some("acme".into()),
            rep: Some("LEE".into()),
            region: Some(Region::Oc2),
            ..OrderFilter::default()
        };
        assert!(f.matches(&o, Status::Unused, today, today));
        let other = OrderFilter {
            region: Some(Region::Oc1),
            ..f.clone()
        };
        assert!(!other.matches(&o, Status::Unused, today, today));
    }
}
