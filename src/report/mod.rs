//! Reports: what was sold, refunded, delivered, still owed and expired, over a period and
//! grouped one way, by the cent. Pure: summaries in, figures out, no I/O.
//!
//! Every figure is an exact sum of the orders' own frozen line totals (never today's price
//! list). The measures follow the orders *placed* in the period (a cohort): each order's
//! value is booked once and, by where it stands today, is exactly one of refunded,
//! delivered, backlog (unused or in delivery, not expired) or expired, so
//! `net = booked − refunded = delivered + backlog + expired` in every row.
//!
//! Line groupings (family, service, tier) split an order by its line totals, which add up
//! to the order's total (the order file's integrity check makes sure), so the rows of any
//! grouping add up exactly to the `total` row. Only `orders` does not add up there: an
//! order with lines in two families is counted once in each, and once in the total.

pub mod csv;
pub mod customers;
pub mod filter;
pub mod index;
pub mod query;
pub mod quotes;

use std::collections::HashMap;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::order::Status;
use crate::store::summary::OrderSummary;

/// How the rows of a report are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grouping {
    Status,
    Family,
    Service,
    Tier,
    Region,
    Rep,
    Customer,
    /// The customer's country; orders that name none are one group, `unknown`.
    Country,
    /// The price list the order was priced from (`ai-platform`, the built-in one).
    List,
    Month,
    Quarter,
}

impl Grouping {
    pub const ALL: [Grouping; 11] = [
        Grouping::Status,
        Grouping::Family,
        Grouping::Service,
        Grouping::Tier,
        Grouping::Region,
        Grouping::Rep,
        Grouping::Customer,
        Grouping::Country,
        Grouping::List,
        Grouping::Month,
        Grouping::Quarter,
    ];

    /// The word typed on the command line, also the table's first heading.
    pub fn code(self) -> &'static str {
        match self {
            Grouping::Status => "status",
            Grouping::Family => "family",
            Grouping::Service => "service",
            Grouping::Tier => "tier",
            Grouping::Region => "region",
            Grouping::Rep => "rep",
            Grouping::Customer => "customer",
            Grouping::Country => "country",
            Grouping::List => "list",
            Grouping::Month => "month",
            Grouping::Quarter => "quarter",
        }
    }

    /// True for the groupings that split an order by its lines.
    pub fn by_line(self) -> bool {
        matches!(self, Grouping::Family | Grouping::Service | Grouping::Tier)
    }
}

impl std::str::FromStr for Grouping {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        Grouping::ALL
            .into_iter()
            .find(|g| g.code() == key)
            .ok_or_else(|| {
                let all: Vec<&str> = Grouping::ALL.iter().map(|g| g.code()).collect();
                format!("unknown grouping '{s}': use {}", all.join(", "))
            })
    }
}

/// The list an order was priced from, by id: the built-in one is `ai-platform`.
pub fn list_of(order: &OrderSummary) -> &str {
    order
        .list
        .as_deref()
        .unwrap_or(crate::domain::catalog::BUILTIN_LIST)
}

/// The days a report covers, both ends included, by the day an order was placed on this
/// machine's clock. `None` leaves that end open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Period {
    pub const ALL: Period = Period {
        from: None,
        to: None,
    };

    /// A period, refused when it ends before it starts.
    pub fn new(from: Option<Date>, to: Option<Date>) -> Result<Period, String> {
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(format!(
                "--from {f} is after --to {t}: the period must start on or before its last day"
            ));
        }
        Ok(Period { from, to })
    }

    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

/// The figures of one row. `net` is derived, so it can never disagree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Measures {
    pub orders: u64,
    pub units: u64,
    #[serde(with = "rust_decimal::serde::str")]
    pub booked: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub refunded: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub delivered: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub backlog: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub expired: Decimal,
}

impl Measures {
    /// The row as people read it, in the columns both the `report` table and the Reports
    /// screen show: the group (cleaned for printing), orders, units, then booked,
    /// refunded, net, delivered, backlog and expired as whole dollar amounts.
    pub fn cells(&self, group: &str) -> [String; 9] {
        use crate::domain::money::format_usd;
        [
            crate::domain::text::clean(group).into_owned(),
            self.orders.to_string(),
            self.units.to_string(),
            format_usd(self.booked),
            format_usd(self.refunded),
            format_usd(self.net()),
            format_usd(self.delivered),
            format_usd(self.backlog),
            format_usd(self.expired),
        ]
    }

    /// Booked less refunded.
    pub fn net(&self) -> Decimal {
        self.booked - self.refunded
    }

    /// Adds `value` (an order's total or one line's total) and `units` as sold by an order
    /// whose status today is `status`.
    pub(crate) fn add(&mut self, status: Status, value: Decimal, units: u64) {
        self.units += units;
        self.booked += value;
        match status {
            Status::Refunded => self.refunded += value,
            Status::Delivered => self.delivered += value,
            Status::Unused | Status::InDelivery => self.backlog += value,
            Status::Expired => self.expired += value,
        }
    }
}

/// The group a country-less order falls in (a real code has two letters, so never this).
pub const NO_COUNTRY: &str = "unknown";

/// One row of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub group: String,
    /// What the row's orders have in common, to list them again (Enter on the Reports tab).
    pub key: GroupKey,
    pub measures: Measures,
}

/// A group of a report, owned: which orders (or lines) belong to a row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupKey {
    Status(Status),
    /// A family, region, rep, customer or country name (see the grouping).
    Name(Grouping, String),
    Service(String, String),
    Tier(crate::store::summary_lines::LineLabel),
    Month(i16, i8),
    Quarter(i16, i8),
}

impl GroupKey {
    /// True when `order`, whose status today is `status` and which was placed on `day`,
    /// belongs to this group; for line groupings, when one of its lines does.
    pub fn matches(&self, order: &OrderSummary, status: Status, day: Date) -> bool {
        match self {
            GroupKey::Status(s) => *s == status,
            GroupKey::Name(grouping, name) => match grouping {
                Grouping::Family => order.lines.iter().any(|l| l.label.family == *name),
                Grouping::Region => order.region.code() == name,
                Grouping::Rep => order.rep == *name,
                Grouping::Customer => order.customer == *name,
                Grouping::Country => order.country.as_deref().unwrap_or(NO_COUNTRY) == name,
                Grouping::List => list_of(order) == name,
                _ => false,
            },
            GroupKey::Service(family, service) => order
                .lines
                .iter()
                .any(|l| l.label.family == *family && l.label.service == *service),
            GroupKey::Tier(label) => order.lines.iter().any(|l| *l.label == *label),
            GroupKey::Month(y, m) => day.year() == *y && day.month() == *m,
            GroupKey::Quarter(y, q) => day.year() == *y && (day.month() - 1) / 3 + 1 == *q,
        }
    }
}

/// A whole report: rows in a stable order, then the total over every order in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub grouping: Grouping,
    pub period: Period,
    pub rows: Vec<Row>,
    pub total: Measures,
}

/// A group while the rows are summed: borrowed from the summaries, so summing 100,000
/// orders allocates nothing per order. Named (and sorted) once at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Status(usize),
    Name(&'a str),
    Service(&'a str, &'a str),
    Tier(&'a crate::store::summary_lines::LineLabel),
    Month(i16, i8),
    Quarter(i16, i8),
}

impl Key<'_> {
    fn owned(&self, grouping: Grouping) -> GroupKey {
        match *self {
            Key::Status(i) => GroupKey::Status(Status::ALL[i]),
            Key::Name(s) => GroupKey::Name(grouping, s.to_string()),
            Key::Service(f, s) => GroupKey::Service(f.to_string(), s.to_string()),
            Key::Tier(l) => GroupKey::Tier(l.clone()),
            Key::Month(y, m) => GroupKey::Month(y, m),
            Key::Quarter(y, q) => GroupKey::Quarter(y, q),
        }
    }
}

impl GroupKey {
    /// The row's name: a status code, a name, `family / service`, `family / service /
    /// tier`, `2026-11` or `2026-Q4`.
    pub fn label(&self) -> String {
        match self {
            GroupKey::Status(s) => s.code().to_string(),
            // A region is written as every screen writes it (OC1), though keyed by its code.
            GroupKey::Name(Grouping::Region, s) => s.to_uppercase(),
            GroupKey::Name(_, s) => s.clone(),
            // A service or tier name alone can repeat across families ("Basic"), so they
            // are named with what they belong to.
            GroupKey::Service(family, service) => format!("{family} / {service}"),
            GroupKey::Tier(l) => format!("{} / {} / {}", l.family, l.service, l.tier),
            GroupKey::Month(y, m) => format!("{y:04}-{m:02}"),
            GroupKey::Quarter(y, q) => format!("{y:04}-Q{q}"),
        }
    }

    /// Statuses in their life order; everything else by its label (months and quarters
    /// are written so that label order is time order).
    pub(crate) fn rank(&self) -> usize {
        match self {
            GroupKey::Status(s) => Status::ALL.iter().position(|x| x == s).unwrap_or(0),
            _ => 0,
        }
    }
}

/// `2026-11`.
pub fn month_of(day: Date) -> String {
    GroupKey::Month(day.year(), day.month()).label()
}

/// `2026-Q4`.
pub fn quarter_of(day: Date) -> String {
    GroupKey::Quarter(day.year(), (day.month() - 1) / 3 + 1).label()
}

/// Builds the report of `orders` placed in `period`, grouped by `grouping`, with statuses
/// as they stand on `today`, days on this machine's clock.
pub fn build(orders: &[OrderSummary], grouping: Grouping, period: Period, today: Date) -> Report {
    // The zone is looked up once, and the period's ends turned into instants once, so
    // an order is placed in the period by comparing two numbers, not by working out its
    // day (tests/report_props.rs checks this against the day-by-day rule).
    let zone = jiff::tz::TimeZone::system();
    let start_of = |day: Date| {
        zone.to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
            .ok()
    };
    let from = period.from.and_then(start_of);
    let until = period.to.and_then(|t| t.tomorrow().ok()).and_then(start_of);
    let day_of = |t: jiff::Timestamp| zone.to_datetime(t).date();
    summed(
        orders,
        grouping,
        period,
        today,
        |o| from.is_none_or(|f| o.created_at >= f) && until.is_none_or(|u| o.created_at < u),
        day_of,
    )
}

/// [`build`] with the rule that gives the day an order was placed (tests pin the zone).
pub fn build_with(
    orders: &[OrderSummary],
    grouping: Grouping,
    period: Period,
    today: Date,
    day_of: impl Fn(jiff::Timestamp) -> Date,
) -> Report {
    summed(
        orders,
        grouping,
        period,
        today,
        |o| period.contains(day_of(o.created_at)),
        &day_of,
    )
}

fn summed(
    orders: &[OrderSummary],
    grouping: Grouping,
    period: Period,
    today: Date,
    in_period: impl Fn(&OrderSummary) -> bool,
    day_of: impl Fn(jiff::Timestamp) -> Date,
) -> Report {
    let mut groups: HashMap<Key, Measures> = HashMap::new();
    let mut total = Measures::default();
    let mut seen: Vec<Key> = Vec::new();
    for order in orders {
        if !in_period(order) {
            continue;
        }
        let status = order.effective_status(today);
        let units: u64 = order.lines.iter().map(|l| u64::from(l.quantity)).sum();
        total.orders += 1;
        total.add(status, order.total, units);
        if grouping.by_line() {
            // Lines of one order in the same group count that order once.
            seen.clear();
            for line in order.lines.iter() {
                let l = &*line.label;
                let key = match grouping {
                    Grouping::Family => Key::Name(&l.family),
                    Grouping::Service => Key::Service(&l.family, &l.service),
                    _ => Key::Tier(l),
                };
                let row = groups.entry(key).or_default();
                row.add(status, line.total, u64::from(line.quantity));
                if !seen.contains(&key) {
                    seen.push(key);
                    row.orders += 1;
                }
            }
        } else {
            let key = match grouping {
                Grouping::Status => Key::Status(
                    Status::ALL
                        .iter()
                        .position(|s| *s == status)
                        .unwrap_or_default(),
                ),
                Grouping::Region => Key::Name(order.region.code()),
                Grouping::Rep => Key::Name(&order.rep),
                Grouping::Customer => Key::Name(&order.customer),
                Grouping::Country => Key::Name(order.country.as_deref().unwrap_or(NO_COUNTRY)),
                Grouping::List => Key::Name(list_of(order)),
                Grouping::Month => {
                    let day = day_of(order.created_at);
                    Key::Month(day.year(), day.month())
                }
                _ => {
                    let day = day_of(order.created_at);
                    Key::Quarter(day.year(), (day.month() - 1) / 3 + 1)
                }
            };
            let row = groups.entry(key).or_default();
            row.orders += 1;
            row.add(status, order.total, units);
        }
    }
    let mut rows: Vec<(usize, Row)> = groups
        .into_iter()
        .map(|(key, measures)| {
            let key = key.owned(grouping);
            (
                key.rank(),
                Row {
                    group: key.label(),
                    key,
                    measures,
                },
            )
        })
        .collect();
    rows.sort_unstable_by(|a, b| (a.0, &a.1.group).cmp(&(b.0, &b.1.group)));
    Report {
        grouping,
        period,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
        total,
    }
}

/// The CSV header of `report --format csv`.
pub const CSV_HEADER: [&str; 9] = [
    "group",
    "orders",
    "units",
    "booked",
    "refunded",
    "net",
    "delivered",
    "backlog",
    "expired",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Region;
    use crate::store::summary_lines::{SummaryLine, label};
    use jiff::civil::date;

    fn order(
        id: &str,
        day: Date,
        status: Status,
        lines: &[(&str, &str, u32, &str)],
    ) -> OrderSummary {
        let lines: Box<[SummaryLine]> = lines
            .iter()
            .map(|(fam, tier, q, t)| SummaryLine {
                label: label(fam, "Svc", tier),
                quantity: *q,
                total: t.parse().unwrap(),
            })
            .collect();
        OrderSummary {
            id: id.into(),
            created_at: jiff::tz::TimeZone::UTC
                .to_timestamp(day.to_datetime(jiff::civil::time(12, 0, 0, 0)))
                .unwrap(),
            status_since: jiff::Timestamp::UNIX_EPOCH,
            customer: "Acme".into(),
            rep: "ann".into(),
            note: None,
            region: Region::Oc1,
            country: None,
            list: None,
            total: lines.iter().map(|l| l.total).sum(),
            status,
            valid_until: Some(date(2026, 6, 30)),
            revision: 1,
            repurchase_of: None,
            line_count: lines.len() as u32,
            items: String::new(),
            lines,
            search: String::new(),
            stamp: None,
        }
    }

    fn utc_day(t: jiff::Timestamp) -> Date {
        jiff::tz::TimeZone::UTC.to_datetime(t).date()
    }

    #[test]
    fn an_order_in_two_families_splits_by_line_and_counts_once_in_each() {
        let orders = [order(
            "a",
            date(2026, 5, 1),
            Status::Refunded,
            &[
                ("A", "Gold", 2, "10.50"),
                ("B", "Gold", 1, "4.25"),
                ("A", "Tin", 1, "1.00"),
            ],
        )];
        let r = build_with(
            &orders,
            Grouping::Family,
            Period::ALL,
            date(2026, 5, 2),
            utc_day,
        );
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.rows[0].group, "A");
        assert_eq!(r.rows[0].measures.orders, 1);
        assert_eq!(r.rows[0].measures.units, 3);
        assert_eq!(r.rows[0].measures.refunded, "11.50".parse().unwrap());
        assert_eq!(r.rows[1].measures.booked, "4.25".parse().unwrap());
        assert_eq!(r.total.booked, "15.75".parse().unwrap());
        assert_eq!(r.total.net(), Decimal::ZERO);
    }

    #[test]
    fn every_month_falls_in_its_quarter() {
        for (m, q) in [
            (1, 1),
            (2, 1),
            (3, 1),
            (4, 2),
            (5, 2),
            (6, 2),
            (7, 3),
            (8, 3),
            (9, 3),
            (10, 4),
            (11, 4),
            (12, 4),
        ] {
            assert_eq!(quarter_of(date(2026, m, 15)), format!("2026-Q{q}"), "{m}");
        }
    }

    #[test]
    fn status_rows_list_in_the_life_order_of_an_order_not_by_name() {
        // Alphabetically "delivered" would come first; in life order it is third.
        let day = date(2026, 5, 1);
        let orders = [
            order("a", day, Status::Refunded, &[("F", "Basic", 1, "10.00")]),
            order("b", day, Status::Delivered, &[("F", "Basic", 1, "10.00")]),
            order("c", day, Status::InDelivery, &[("F", "Basic", 1, "10.00")]),
            order("d", day, Status::Unused, &[("F", "Basic", 1, "10.00")]),
        ];
        let r = build(&orders, Grouping::Status, Period::ALL, date(2026, 5, 10));
        let got: Vec<&str> = r.rows.iter().map(|r| r.group.as_str()).collect();
        let want: Vec<&str> = [
            Status::Unused,
            Status::InDelivery,
            Status::Delivered,
            Status::Refunded,
        ]
        .iter()
        .map(|s| s.code())
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn unused_past_valid_until_is_expired_not_backlog() {
        let orders = [order(
            "a",
            date(2026, 5, 1),
            Status::Unused,
            &[("A", "G", 1, "9.99")],
        )];
        let on_last_day = build_with(
            &orders,
            Grouping::Status,
            Period::ALL,
            date(2026, 6, 30),
            utc_day,
        );
        assert_eq!(on_last_day.total.backlog, "9.99".parse().unwrap());
        assert_eq!(on_last_day.rows[0].group, "unused");
        let after = build_with(
            &orders,
            Grouping::Status,
            Period::ALL,
            date(2026, 7, 1),
            utc_day,
        );
        assert_eq!(after.total.backlog, Decimal::ZERO);
        assert_eq!(after.total.expired, "9.99".parse().unwrap());
        assert_eq!(after.rows[0].group, "expired");
    }

    #[test]
    fn both_ends_of_the_period_are_included() {
        let orders = [
            order(
                "a",
                date(2026, 3, 31),
                Status::Delivered,
                &[("A", "G", 1, "1")],
            ),
            order(
                "b",
                date(2026, 4, 1),
                Status::Delivered,
                &[("A", "G", 1, "2")],
            ),
            order(
                "c",
                date(2026, 6, 30),
                Status::Delivered,
                &[("A", "G", 1, "4")],
            ),
            order(
                "d",
                date(2026, 7, 1),
                Status::Delivered,
                &[("A", "G", 1, "8")],
            ),
        ];
        let q2 = Period::new(Some(date(2026, 4, 1)), Some(date(2026, 6, 30))).unwrap();
        let r = build_with(&orders, Grouping::Quarter, q2, date(2026, 8, 1), utc_day);
        assert_eq!(r.total.delivered, Decimal::from(6));
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].group, "2026-Q2");
        assert!(Period::new(Some(date(2026, 5, 2)), Some(date(2026, 5, 1))).is_err());
    }

    #[test]
    fn an_order_placed_at_the_midnight_after_the_period_is_not_in_it() {
        // The period's end is the start of the next day on this machine's clock: an order
        // a second before it counts, one placed on it does not.
        let zone = jiff::tz::TimeZone::system();
        let next = zone
            .to_timestamp(date(2026, 7, 1).to_datetime(jiff::civil::Time::midnight()))
            .unwrap();
        let mut last = order(
            "a",
            date(2026, 6, 30),
            Status::Delivered,
            &[("A", "G", 1, "1")],
        );
        last.created_at = next
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .unwrap();
        let mut after = order(
            "b",
            date(2026, 7, 1),
            Status::Delivered,
            &[("A", "G", 1, "2")],
        );
        after.created_at = next;
        let q2 = Period::new(Some(date(2026, 4, 1)), Some(date(2026, 6, 30))).unwrap();
        let r = build(&[last, after], Grouping::Quarter, q2, date(2026, 8, 1));
        assert_eq!(r.total.delivered, Decimal::from(1));
    }

    #[test]
    fn unknown_groupings_list_the_accepted_ones() {
        let err = "colour".parse::<Grouping>().unwrap_err();
        assert!(err.contains(
            "status, family, service, tier, region, rep, customer, country, list, month, quarter"
        ));
        assert_eq!("Month".parse::<Grouping>().unwrap(), Grouping::Month);
    }
}
