//! Quote measures: how many quotes were issued in a period and what became of them,
//! grouped the ways order reports are, by the cent. Pure: quotes in, figures out.
//!
//! Promises:
//! - A quote is counted in the period it was issued (its `created_at`), and by where it
//!   stands today it is exactly one of open, lapsed (open past its valid-until), accepted
//!   or declined; so `issued = open + lapsed + accepted + declined`, in counts and in value.
//! - The win rate is accepted / decided, decided being accepted + declined: an open quote
//!   has not been decided yet, and a lapsed one was never answered. No decided quote, no
//!   rate (never a division by zero shown as 0 %).
//! - Line groupings (family, service, tier) split a quote by its line totals and count a
//!   quote once in each group it has a line in, as order reports do; the `status`
//!   grouping groups by the quote's standing.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::domain::quote::{Quote, Standing};
use crate::report::{Grouping, NO_COUNTRY, Period};

/// The figures of one row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteMeasures {
    pub issued: u64,
    pub open: u64,
    pub lapsed: u64,
    pub accepted: u64,
    pub declined: u64,
    pub issued_value: Decimal,
    pub open_value: Decimal,
    pub lapsed_value: Decimal,
    pub accepted_value: Decimal,
    pub declined_value: Decimal,
}

impl QuoteMeasures {
    fn add(&mut self, standing: Standing, value: Decimal, count: bool) {
        // An earlier revision is left out: the newest revision stands for the offer.
        if standing == Standing::Superseded {
            return;
        }
        let n = u64::from(count);
        self.issued += n;
        self.issued_value += value;
        let (c, v) = match standing {
            Standing::Open => (&mut self.open, &mut self.open_value),
            Standing::Lapsed => (&mut self.lapsed, &mut self.lapsed_value),
            Standing::Accepted => (&mut self.accepted, &mut self.accepted_value),
            Standing::Declined => (&mut self.declined, &mut self.declined_value),
            Standing::Superseded => return,
        };
        *c += n;
        *v += value;
    }

    /// Accepted / (accepted + declined) as a percentage with one decimal, if any quote
    /// was decided.
    pub fn win_rate(&self) -> Option<Decimal> {
        let decided = self.accepted + self.declined;
        (decided > 0).then(|| {
            (Decimal::from(self.accepted) * Decimal::ONE_HUNDRED / Decimal::from(decided))
                .round_dp(1)
        })
    }

    /// The win rate as the CSV, JSON and screen write it: `62.5` or empty.
    pub fn win_rate_text(&self) -> String {
        self.win_rate()
            .map_or_else(String::new, |r| format!("{r:.1}"))
    }
}

/// One row: a group and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub group: String,
    pub measures: QuoteMeasures,
}

/// A quote report: rows in a stable order (label order; standings in their life order),
/// then the total over every quote issued in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteReport {
    pub grouping: Grouping,
    pub period: Period,
    pub rows: Vec<QuoteRow>,
    pub total: QuoteMeasures,
}

/// The CSV header of `report --measures quotes --format csv`.
pub const CSV_HEADER: [&str; 12] = [
    "group",
    "issued",
    "open",
    "lapsed",
    "accepted",
    "declined",
    "issued_value",
    "open_value",
    "lapsed_value",
    "accepted_value",
    "declined_value",
    "win_rate",
];

const STANDINGS: [Standing; 4] = [
    Standing::Open,
    Standing::Lapsed,
    Standing::Accepted,
    Standing::Declined,
];

/// The report of `quotes` issued in `period` (by the day `day_of` gives), grouped by
/// `grouping`, standings as of `today`.
pub fn build(
    quotes: &[Quote],
    grouping: Grouping,
    period: Period,
    today: Date,
    day_of: impl Fn(jiff::Timestamp) -> Date,
) -> QuoteReport {
    // (rank, label) → figures: a BTreeMap gives the stable order directly; quotes are few.
    let mut groups: BTreeMap<(usize, String), QuoteMeasures> = BTreeMap::new();
    let mut total = QuoteMeasures::default();
    for q in quotes {
        let day = day_of(q.created_at);
        if !period.contains(day) {
            continue;
        }
        let standing = q.standing(today);
        total.add(standing, q.total, true);
        if grouping.by_line() {
            let mut seen: Vec<String> = Vec::new();
            for l in &q.lines {
                let label = match grouping {
                    Grouping::Family => l.family.clone(),
                    Grouping::Service => format!("{} / {}", l.family, l.service),
                    _ => format!("{} / {} / {}", l.family, l.service, l.tier),
                };
                let first = !seen.contains(&label);
                if first {
                    seen.push(label.clone());
                }
                groups
                    .entry((0, label))
                    .or_default()
                    .add(standing, l.line_total, first);
            }
            continue;
        }
        let key = match grouping {
            Grouping::Status => (
                STANDINGS.iter().position(|s| *s == standing).unwrap_or(0),
                standing.code().to_string(),
            ),
            Grouping::Region => (0, q.region.to_string()),
            Grouping::Rep => (0, q.rep.clone()),
            Grouping::Customer => (0, q.customer.clone()),
            Grouping::Country => (0, q.country.as_deref().unwrap_or(NO_COUNTRY).to_string()),
            Grouping::List => (
                0,
                q.list
                    .as_ref()
                    .map_or(crate::domain::catalog::BUILTIN_LIST, |l| l.id.as_str())
                    .to_string(),
            ),
            Grouping::Month => (0, crate::report::month_of(day)),
            _ => (0, crate::report::quarter_of(day)),
        };
        groups.entry(key).or_default().add(standing, q.total, true);
    }
    QuoteReport {
        grouping,
        period,
        rows: groups
            .into_iter()
            .map(|((_, group), measures)| QuoteRow { group, measures })
            .collect(),
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::quote::QuoteStatus;
    use jiff::civil::date;

    fn quote(id: &str, day: Date, status: QuoteStatus, until: Date, skus: &[&str]) -> Quote {
        let catalog = Catalog::builtin();
        let mut cart = crate::domain::cart::Cart::new(crate::domain::catalog::Region::Oc1);
        for sku in skus {
            cart.add(&catalog, sku, 1).unwrap();
        }
        let at = jiff::tz::TimeZone::UTC
            .to_timestamp(day.to_datetime(jiff::civil::time(12, 0, 0, 0)))
            .unwrap();
        let form = crate::domain::order::CheckoutForm {
            customer: "Acme".into(),
            rep: "ann".into(),
            note: String::new(),
            valid_until: None,
            ..Default::default()
        };
        let order =
            crate::domain::order::checkout(&cart, &catalog, &form, "20261101-120000-x".into(), at)
                .unwrap();
        let mut q = Quote::from_priced(order, until);
        q.id = id.into();
        q.status = status;
        q
    }

    fn utc(t: jiff::Timestamp) -> Date {
        jiff::tz::TimeZone::UTC.to_datetime(t).date()
    }

    #[test]
    fn standings_add_up_to_issued_and_the_win_rate_counts_only_decided_quotes() {
        let at: jiff::Timestamp = "2026-11-02T00:00:00Z".parse().unwrap();
        let accepted = QuoteStatus::Accepted {
            order: "20261102-000000-x".into(),
            at,
            by: "ann".into(),
        };
        let declined = QuoteStatus::Declined {
            reason: None,
            at,
            by: "ann".into(),
        };
        let today = date(2026, 11, 20);
        let quotes = [
            quote(
                "Q-a",
                date(2026, 11, 1),
                accepted,
                date(2026, 12, 1),
                &["dev-basic"],
            ),
            quote(
                "Q-b",
                date(2026, 11, 1),
                declined,
                date(2026, 12, 1),
                &["dev-basic"],
            ),
            quote(
                "Q-c",
                date(2026, 11, 1),
                QuoteStatus::Open,
                date(2026, 11, 19),
                &["dev-basic"],
            ),
            quote(
                "Q-d",
                date(2026, 11, 1),
                QuoteStatus::Open,
                date(2026, 11, 20),
                &["dev-basic"],
            ),
            quote(
                "Q-e",
                date(2026, 10, 31),
                QuoteStatus::Open,
                date(2026, 12, 1),
                &["dev-basic"],
            ),
        ];
        let nov = Period::new(Some(date(2026, 11, 1)), Some(date(2026, 11, 30))).unwrap();
        let r = build(&quotes, Grouping::Status, nov, today, utc);
        let t = r.total;
        assert_eq!(
            (t.issued, t.open, t.lapsed, t.accepted, t.declined),
            (4, 1, 1, 1, 1)
        );
        assert_eq!(
            t.issued_value,
            t.open_value + t.lapsed_value + t.accepted_value + t.declined_value
        );
        assert_eq!(t.win_rate(), Some(Decimal::from(50)));
        assert_eq!(t.win_rate_text(), "50.0");
        let groups: Vec<&str> = r.rows.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(groups, ["open", "lapsed", "accepted", "declined"]);
        // Nothing decided: no rate, not 0 %.
        let open_only = build(&quotes[2..], Grouping::Status, Period::ALL, today, utc);
        assert_eq!(open_only.total.win_rate(), None);
        assert_eq!(open_only.total.win_rate_text(), "");
    }

    #[test]
    fn each_grouping_labels_its_rows_by_its_own_key() {
        let today = date(2026, 11, 20);
        let mut a = quote(
            "Q-a",
            date(2026, 10, 1),
            QuoteStatus::Open,
            date(2026, 12, 1),
            &["dev-basic"],
        );
        a.country = Some("BR".into());
        let mut b = quote(
            "Q-b",
            date(2026, 11, 1),
            QuoteStatus::Open,
            date(2026, 12, 1),
            &["support-standard"],
        );
        b.region = crate::domain::catalog::Region::Oc2;
        b.rep = "bea".into();
        b.customer = "Globex".into();
        let labels = |g: Grouping| -> Vec<String> {
            build(&[a.clone(), b.clone()], g, Period::ALL, today, utc)
                .rows
                .into_iter()
                .map(|r| r.group)
                .collect()
        };
        let line = |q: &Quote, depth: usize| {
            let l = &q.lines[0];
            [l.family.as_str(), l.service.as_str(), l.tier.as_str()][..depth].join(" / ")
        };
        let want = |mut v: Vec<String>| {
            v.sort();
            v
        };
        let got = |g| want(labels(g));
        assert_eq!(got(Grouping::Family), want(vec![line(&a, 1), line(&b, 1)]));
        assert_eq!(got(Grouping::Service), want(vec![line(&a, 2), line(&b, 2)]));
        assert_eq!(got(Grouping::Tier), want(vec![line(&a, 3), line(&b, 3)]));
        assert_eq!(got(Grouping::Region), ["OC1", "OC2"]);
        assert_eq!(got(Grouping::Rep), ["ann", "bea"]);
        assert_eq!(got(Grouping::Customer), ["Acme", "Globex"]);
        assert_eq!(got(Grouping::Country), ["BR", NO_COUNTRY]);
        assert_eq!(got(Grouping::Month), ["2026-10", "2026-11"]);
        assert_eq!(got(Grouping::Quarter), ["2026-Q4"]);
    }

    #[test]
    fn line_groupings_split_values_and_count_a_quote_once_per_group() {
        let today = date(2026, 11, 20);
        let q = quote(
            "Q-a",
            date(2026, 11, 1),
            QuoteStatus::Open,
            date(2026, 12, 1),
            &["dev-basic", "deploy-standard"],
        );
        let r = build(
            std::slice::from_ref(&q),
            Grouping::Family,
            Period::ALL,
            today,
            utc,
        );
        let sum: Decimal = r.rows.iter().map(|r| r.measures.issued_value).sum();
        assert_eq!(sum, q.total);
        assert!(r.rows.iter().all(|r| r.measures.issued == 1));
        assert_eq!(r.total.issued, 1);
    }
}
