//! Quote measures against an independent count over random quotes: every grouping's rows
//! add up to the `total` row in value (and in count where a quote is in one group only),
//! every row splits exactly into open, lapsed, accepted and declined, and a quote lapses
//! the day after its valid-until, not on it. The period's first and last days are hit on
//! purpose.

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use order_desk::domain::catalog::{Region, Unit};
use order_desk::domain::order::OrderLine;
use order_desk::domain::quote::{Quote, QuoteStatus};
use order_desk::report::quotes::{QuoteMeasures, build};
use order_desk::report::{Grouping, Period};
use proptest::prelude::*;
use rust_decimal::Decimal;

const TODAY: Date = date(2026, 6, 15);
const FROM: Date = date(2026, 3, 1);
const TO: Date = date(2026, 5, 31);

fn day_of(t: Timestamp) -> Date {
    TimeZone::UTC.to_datetime(t).date()
}

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
        (0i64..500).prop_map(|n| date(2025, 6, 1).checked_add(Span::new().days(n)).unwrap()),
    ]
}

fn a_line() -> impl Strategy<Value = OrderLine> {
    (0usize..3, 0usize..2, 1u32..=999, 1i64..=130_000_000).prop_map(|(f, s, quantity, cents)| {
        let unit_price = Decimal::new(cents, 2);
        OrderLine {
            sku: format!("sku-{f}-{s}"),
            family: ["Tuning", "Support", "Migration"][f].into(),
            service: ["Basic", "Advanced"][s].into(),
            tier: "Gold".into(),
            name: "n".into(),
            unit: Unit::Set,
            unit_price,
            quantity,
            line_total: unit_price * Decimal::from(quantity),
        }
    })
}

fn a_quote() -> impl Strategy<Value = Quote> {
    (
        a_day(),
        a_day(),
        0usize..3,
        prop::collection::vec(a_line(), 1..4),
        0usize..3,
        prop::option::of(prop::sample::select(vec!["BR", "DE"])),
    )
        .prop_map(|(day, until, standing, lines, who, country)| {
            let created_at = TimeZone::UTC
                .to_timestamp(day.to_datetime(jiff::civil::time(12, 0, 0, 0)))
                .unwrap();
            let status = match standing {
                0 => QuoteStatus::Open,
                1 => QuoteStatus::Accepted {
                    order: "20260101-000000-x".into(),
                    at: created_at,
                    by: "ann".into(),
                },
                _ => QuoteStatus::Declined {
                    reason: None,
                    at: created_at,
                    by: "ann".into(),
                },
            };
            Quote {
                id: format!("Q-{created_at}"),
                created_at,
                customer: ["Acme", "Globex", "Initech"][who].into(),
                country: country.map(str::to_string),
                rep: ["ann", "bo", "cy"][who].into(),
                region: if who == 0 { Region::Oc1 } else { Region::Oc2 },
                region_choice: None,
                catalog_date: date(2026, 1, 1),
                total: lines.iter().map(|l| l.line_total).sum(),
                lines,
                note: None,
                valid_until: until,
                status,
                requote_of: None,
                format: order_desk::domain::format::BEFORE_LISTS,
                accepting: None,
                contested: Vec::new(),
                voided: Vec::new(),
                reference: None,
                internal_note: None,
                list: None,
                revision_of: None,
            }
        })
}

fn values(m: &QuoteMeasures) -> [Decimal; 5] {
    [
        m.issued_value,
        m.open_value,
        m.lapsed_value,
        m.accepted_value,
        m.declined_value,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_grouping_adds_up_to_the_total_and_the_total_to_the_quotes(
        quotes in prop::collection::vec(a_quote(), 0..30),
        bounded in any::<bool>(),
    ) {
        let period = if bounded { Period::new(Some(FROM), Some(TO)).unwrap() } else { Period::ALL };
        let inside: Vec<&Quote> = quotes
            .iter()
            .filter(|q| !bounded || (day_of(q.created_at) >= FROM && day_of(q.created_at) <= TO))
            .collect();
        // Counted directly from the files' fields, not through `standing`.
        let count = |f: &dyn Fn(&Quote) -> bool| inside.iter().filter(|q| f(q)).count() as u64;
        let open = |q: &Quote| matches!(q.status, QuoteStatus::Open) && TODAY <= q.valid_until;
        let lapsed = |q: &Quote| matches!(q.status, QuoteStatus::Open) && TODAY > q.valid_until;
        let accepted = |q: &Quote| matches!(q.status, QuoteStatus::Accepted { .. });
        let declined = |q: &Quote| matches!(q.status, QuoteStatus::Declined { .. });
        let issued_value: Decimal = inside.iter().map(|q| q.total).sum();
        for grouping in Grouping::ALL {
            let r = build(&quotes, grouping, period, TODAY, day_of);
            let t = r.total;
            prop_assert_eq!(t.issued, inside.len() as u64);
            prop_assert_eq!(
                (t.open, t.lapsed, t.accepted, t.declined),
                (count(&open), count(&lapsed), count(&accepted), count(&declined))
            );
            prop_assert_eq!(t.issued_value, issued_value);
            let mut sums = [Decimal::ZERO; 5];
            for row in &r.rows {
                let m = row.measures;
                prop_assert_eq!(m.issued, m.open + m.lapsed + m.accepted + m.declined);
                prop_assert_eq!(
                    m.issued_value,
                    m.open_value + m.lapsed_value + m.accepted_value + m.declined_value
                );
                for (s, v) in sums.iter_mut().zip(values(&m)) {
                    *s += v;
                }
            }
            prop_assert_eq!(sums, values(&t), "{:?}", grouping);
            if !grouping.by_line() {
                let issued: u64 = r.rows.iter().map(|r| r.measures.issued).sum();
                prop_assert_eq!(issued, t.issued);
            }
            let decided = t.accepted + t.declined;
            if decided == 0 {
                prop_assert_eq!(t.win_rate(), None);
            } else {
                let want = (Decimal::from(t.accepted) * Decimal::ONE_HUNDRED
                    / Decimal::from(decided))
                .round_dp(1);
                prop_assert_eq!(t.win_rate(), Some(want));
            }
        }
    }
}
