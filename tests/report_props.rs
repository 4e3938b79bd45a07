//! Reports against an independent computation over random books: every grouping's rows
//! add up to the `total` row, and the total row to the plain sums of the orders' totals,
//! with refunds, expiry (the day of valid-until and the day after) and the period's first
//! and last days hit on purpose.

use std::collections::BTreeMap;

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use order_desk::domain::catalog::Region;
use order_desk::domain::order::Status;
use order_desk::report::index::ReportIndex;
use order_desk::report::{Grouping, Measures, Period, build_with};
use order_desk::store::summary::OrderSummary;
use order_desk::store::summary_lines::{SummaryLine, label};
use proptest::prelude::*;
use rust_decimal::Decimal;

const TODAY: Date = date(2026, 6, 15);
const FROM: Date = date(2026, 3, 1);
const TO: Date = date(2026, 5, 31);

fn day_of(t: Timestamp) -> Date {
    TimeZone::UTC.to_datetime(t).date()
}

/// Days that sit on and beside every boundary, plus a spread of others.
fn a_day() -> impl Strategy<Value = Date> {
    prop_oneof![
        prop::sample::select(vec![
            FROM.yesterday().unwrap(),
            FROM,
            TO,
            TO.tomorrow().unwrap(),
            TODAY.yesterday().unwrap(),
            TODAY,
            TODAY.tomorrow().unwrap(),
        ]),
        (0i64..600).prop_map(|n| date(2025, 6, 1).checked_add(Span::new().days(n)).unwrap()),
    ]
}

fn a_line() -> impl Strategy<Value = SummaryLine> {
    (
        0usize..3,
        0usize..2,
        0usize..3,
        1u32..=999,
        // Cents up to $1,300,000.00 a unit.
        1i64..=130_000_000,
    )
        .prop_map(|(f, s, t, quantity, cents)| SummaryLine {
            label: label(
                ["Tuning", "Support", "Migration"][f],
                ["Basic", "Advanced"][s],
                ["Basic", "Gold", "Flagship"][t],
            ),
            quantity,
            total: Decimal::new(cents, 2) * Decimal::from(quantity),
        })
}

fn an_order() -> impl Strategy<Value = OrderSummary> {
    (
        a_day(),
        0u32..86_400,
        prop::sample::select(Status::ALL[..4].to_vec()),
        prop::option::of(a_day()),
        prop::collection::vec(a_line(), 1..5),
        0usize..3,
        0usize..3,
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["BR", "DE", "JP"])),
    )
        .prop_map(
            |(day, second, status, valid_until, lines, c, r, oc1, country)| {
                let created_at = TimeZone::UTC
                    .to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
                    .unwrap()
                    .checked_add(Span::new().seconds(i64::from(second)))
                    .unwrap();
                OrderSummary {
                    id: format!("{created_at}-{c}{r}"),
                    created_at,
                    status_since: created_at,
                    customer: ["Acme", "Globex", "=Initech"][c].into(),
                    rep: ["ann", "bo", "cy"][r].into(),
                    note: None,
                    region: if oc1 { Region::Oc1 } else { Region::Oc2 },
                    country: country.map(str::to_string),
                    list: (r == 1).then(|| "transfer".to_string()),
                    total: lines.iter().map(|l| l.total).sum(),
                    status,
                    valid_until,
                    revision: 1,
                    repurchase_of: None,
                    line_count: lines.len() as u32,
                    items: String::new(),
                    lines: lines.into(),
                    search: String::new(),
                    stamp: None,
                }
            },
        )
}

/// Where an order's value goes today, computed from the stored status and valid-until
/// directly (not through `effective_status`).
fn bucket(o: &OrderSummary) -> &'static str {
    match o.status {
        Status::Unused if o.valid_until.is_some_and(|u| u < TODAY) => "expired",
        Status::Unused | Status::InDelivery => "backlog",
        Status::Delivered => "delivered",
        Status::Refunded => "refunded",
        Status::Expired => "expired",
    }
}

/// The figures the total row must show, from plain sums of order totals.
fn expected_total(orders: &[&OrderSummary]) -> [Decimal; 6] {
    let sum = |b: &str| -> Decimal {
        orders
            .iter()
            .filter(|o| bucket(o) == b)
            .map(|o| o.total)
            .sum()
    };
    let booked: Decimal = orders.iter().map(|o| o.total).sum();
    [
        booked,
        sum("refunded"),
        booked - sum("refunded"),
        sum("delivered"),
        sum("backlog"),
        sum("expired"),
    ]
}

fn amounts(m: &Measures) -> [Decimal; 6] {
    [
        m.booked,
        m.refunded,
        m.net(),
        m.delivered,
        m.backlog,
        m.expired,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_grouping_adds_up_to_the_total_and_to_the_orders(
        book in prop::collection::vec(an_order(), 0..40),
        bounded in any::<bool>(),
    ) {
        let period = if bounded { Period::new(Some(FROM), Some(TO)).unwrap() } else { Period::ALL };
        let inside: Vec<&OrderSummary> = book
            .iter()
            .filter(|o| !bounded || (day_of(o.created_at) >= FROM && day_of(o.created_at) <= TO))
            .collect();
        let want = expected_total(&inside);
        let units: u64 = inside.iter().flat_map(|o| o.lines.iter()).map(|l| u64::from(l.quantity)).sum();
        for grouping in Grouping::ALL {
            let report = build_with(&book, grouping, period, TODAY, day_of);
            prop_assert_eq!(amounts(&report.total), want, "{:?}", grouping);
            prop_assert_eq!(report.total.orders, inside.len() as u64);
            prop_assert_eq!(report.total.units, units);
            let mut sums = [Decimal::ZERO; 6];
            let mut row_units = 0;
            for row in &report.rows {
                for (s, a) in sums.iter_mut().zip(amounts(&row.measures)) {
                    *s += a;
                }
                row_units += row.measures.units;
                // A row's value is split exactly between the four places it can be.
                let m = row.measures;
                prop_assert_eq!(m.net(), m.delivered + m.backlog + m.expired);
            }
            prop_assert_eq!(sums, want, "{:?}", grouping);
            prop_assert_eq!(row_units, units);
            if !grouping.by_line() {
                let orders: u64 = report.rows.iter().map(|r| r.measures.orders).sum();
                prop_assert_eq!(orders, inside.len() as u64);
            }
        }
    }

    #[test]
    fn the_instant_rule_places_orders_in_periods_as_the_day_rule_does(
        book in prop::collection::vec(an_order(), 0..40),
        grouping in prop::sample::select(Grouping::ALL.to_vec()),
    ) {
        // `build` compares instants with the period's local midnights; `build_with` works
        // out each order's local day. Both must agree, here on this machine's zone.
        let local = |t: Timestamp| TimeZone::system().to_datetime(t).date();
        let period = Period::new(Some(FROM), Some(TO)).unwrap();
        prop_assert_eq!(
            order_desk::report::build(&book, grouping, period, TODAY),
            build_with(&book, grouping, period, TODAY, local)
        );
    }

    #[test]
    fn each_family_row_holds_exactly_its_lines(
        book in prop::collection::vec(an_order(), 0..40),
    ) {
        let mut want: BTreeMap<String, (u64, Decimal, Decimal)> = BTreeMap::new();
        for o in &book {
            let mut families: Vec<&str> = o.lines.iter().map(|l| l.label.family.as_str()).collect();
            families.sort();
            families.dedup();
            for f in families {
                want.entry(f.to_string()).or_default().0 += 1;
            }
            for l in o.lines.iter() {
                let e = want.entry(l.label.family.clone()).or_default();
                e.1 += l.total;
                if bucket(o) == "expired" {
                    e.2 += l.total;
                }
            }
        }
        let report = build_with(&book, Grouping::Family, Period::ALL, TODAY, day_of);
        let got: BTreeMap<String, (u64, Decimal, Decimal)> = report
            .rows
            .iter()
            .map(|r| (r.group.clone(), (r.measures.orders, r.measures.booked, r.measures.expired)))
            .collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn the_index_gives_the_same_report_as_the_summaries(
        mut book in prop::collection::vec(an_order(), 0..40),
        grouping in prop::sample::select(Grouping::ALL.to_vec()),
        bounded in any::<bool>(),
        fine in any::<bool>(),
    ) {
        // An amount to twenty places (a hand-edited file) makes the index sum decimals
        // instead of whole cents: both ways must agree.
        if fine && let Some(o) = book.first_mut() {
            let tiny: Decimal = "0.00000000000000000001".parse().unwrap();
            o.lines[0].total += tiny;
            o.total += tiny;
        }
        // The Reports tab sums a column-wise copy of the book; it must agree to the cent,
        // row for row and label for label, with the plain sum over the summaries.
        let period = if bounded { Period::new(Some(FROM), Some(TO)).unwrap() } else { Period::ALL };
        let index = ReportIndex::new(&book, &TimeZone::UTC);
        prop_assert_eq!(index.len(), book.len());
        prop_assert_eq!(index.is_empty(), book.is_empty());
        prop_assert_eq!(
            index.report(grouping, period, TODAY),
            build_with(&book, grouping, period, TODAY, day_of)
        );
    }

    #[test]
    fn a_rows_key_lists_exactly_the_orders_counted_in_it(
        book in prop::collection::vec(an_order(), 0..40),
        grouping in prop::sample::select(Grouping::ALL.to_vec()),
    ) {
        // Enter on a row lists the orders its key matches: as many as the row counts.
        let report = build_with(&book, grouping, Period::ALL, TODAY, day_of);
        for row in &report.rows {
            let listed = book
                .iter()
                .filter(|o| row.key.matches(o, o.effective_status(TODAY), day_of(o.created_at)))
                .count() as u64;
            prop_assert_eq!(listed, row.measures.orders, "{}", row.group);
        }
    }
}

#[test]
fn an_index_of_no_orders_is_empty() {
    let index = ReportIndex::new(&[], &TimeZone::UTC);
    assert!(index.is_empty());
    assert_eq!(index.len(), 0);
}
