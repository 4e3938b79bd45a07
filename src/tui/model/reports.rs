//! The Reports tab's state: the grouping and period the rep chose, and the figures for
//! them, worked out once when the choice or the book changes (never per frame).

use std::sync::Arc;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::domain::order::Status;
use crate::report::index::ReportIndex;
use crate::report::{self, Grouping, Measures, Period, Report};
use crate::store::summary::OrderSummary;

/// How long the period shown is; `p` cycles it, ← → step it back and forth in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Span {
    Month,
    Quarter,
    Year,
    #[default]
    All,
}

impl Span {
    pub fn next(self) -> Span {
        match self {
            Span::Month => Span::Quarter,
            Span::Quarter => Span::Year,
            Span::Year => Span::All,
            Span::All => Span::Month,
        }
    }
}

/// The period `step` spans away from the one holding `today` (negative: earlier), with
/// its label ("2026-11", "2026-Q4", "2026", "all time").
pub fn period_of(span: Span, step: i32, today: Date) -> (Period, String) {
    let months = match span {
        Span::Month => 1,
        Span::Quarter => 3,
        Span::Year => 12,
        Span::All => return (Period::ALL, "all time".into()),
    };
    // Months since year 0 of the first month of the period holding today.
    let now = i32::from(today.year()) * 12 + i32::from(today.month() - 1);
    let first = now - now.rem_euclid(months) + step.saturating_mul(months);
    let (year, month) = (first.div_euclid(12), first.rem_euclid(12) + 1);
    let start = i16::try_from(year)
        .ok()
        .and_then(|y| Date::new(y, month as i8, 1).ok());
    let Some(start) = start else {
        return (Period::ALL, "all time".into());
    };
    let end = start
        .checked_add(jiff::Span::new().months(months))
        .and_then(|d| d.yesterday())
        .ok();
    let label = match span {
        Span::Month => report::month_of(start),
        Span::Quarter => report::quarter_of(start),
        _ => format!("{:04}", start.year()),
    };
    (
        Period {
            from: Some(start),
            to: end,
        },
        label,
    )
}

/// What the tab shows, worked out for one grouping, period, day and book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub grouping: Grouping,
    pub span: Span,
    pub step: i32,
    pub today: Date,
    pub label: String,
    pub report: Report,
    /// The quotes issued in the period, when there are quotes (see [`crate::report::quotes`]).
    pub quotes: Option<crate::report::quotes::QuoteMeasures>,
    /// Booked and refunded value of each of the last 12 months, oldest first.
    pub months: Vec<(String, Decimal, Decimal)>,
    /// The backlog (not expired) split by status: unused, in delivery.
    pub backlog: [(Status, Decimal); 2],
}

impl Figures {
    /// The figures of `orders`, placed on their days on this machine's clock.
    pub fn of(
        orders: &[OrderSummary],
        grouping: Grouping,
        span: Span,
        step: i32,
        today: Date,
    ) -> Figures {
        let index = ReportIndex::new(orders, &jiff::tz::TimeZone::system());
        Figures::again(&index, grouping, span, step, today, None)
    }

    /// The figures for a new choice; the chart and backlog of `same_book` (figures of the
    /// same book and day) are kept rather than summed again, since only the table depends
    /// on the grouping and period.
    pub fn again(
        index: &ReportIndex,
        grouping: Grouping,
        span: Span,
        step: i32,
        today: Date,
        same_book: Option<&Figures>,
    ) -> Figures {
        let (period, label) = period_of(span, step, today);
        let report = index.report(grouping, period, today);
        if let Some(kept) = same_book.filter(|f| f.today == today) {
            return Figures {
                grouping,
                span,
                step,
                today,
                label,
                report,
                quotes: None,
                months: kept.months.clone(),
                backlog: kept.backlog,
            };
        }
        let (year_ago, _) = period_of(Span::Month, -11, today);
        let last_12 = Period {
            from: year_ago.from,
            to: Some(today),
        };
        let by_month = index.report(Grouping::Month, last_12, today);
        let months = (-11..=0)
            .map(|step| {
                let (_, name) = period_of(Span::Month, step, today);
                let m = by_month
                    .rows
                    .iter()
                    .find(|r| r.group == name)
                    .map_or(Measures::default(), |r| r.measures);
                (name, m.booked, m.refunded)
            })
            .collect();
        let by_status = index.report(Grouping::Status, Period::ALL, today);
        let backlog = [Status::Unused, Status::InDelivery].map(|s| {
            let value = by_status
                .rows
                .iter()
                .find(|r| r.group == s.code())
                .map_or(Decimal::ZERO, |r| r.measures.backlog);
            (s, value)
        });
        Figures {
            grouping,
            span,
            step,
            today,
            label,
            report,
            quotes: None,
            months,
            backlog,
        }
    }
}

/// The Reports tab.
#[derive(Debug, Clone)]
pub struct Reports {
    pub grouping: Grouping,
    pub span: Span,
    /// Periods away from the current one (0: the one holding today; -1: the one before).
    pub step: i32,
    /// The selected group row.
    pub selected: usize,
    /// The figures for the choice above, once worked out.
    pub figures: Option<Figures>,
    /// True when the book changed since the figures were worked out.
    pub stale: bool,
    /// The book laid out for reports, and the [`super::book::Book::generation`] it was
    /// laid out from: built once per book, so a change of grouping or period is one pass.
    pub index: Option<(u64, Arc<ReportIndex>)>,
    /// The quotes as last read with the orders (none yet: empty), with the number of
    /// damaged quote files; or why the quotes folder could not be read.
    pub quotes: Result<(Vec<crate::domain::quote::Quote>, usize), String>,
}

impl Default for Reports {
    fn default() -> Reports {
        Reports {
            grouping: Grouping::Family,
            span: Span::All,
            step: 0,
            selected: 0,
            figures: None,
            stale: true,
            index: None,
            quotes: Ok((Vec::new(), 0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_step_across_year_ends() {
        let today = date(2026, 1, 15);
        let (p, label) = period_of(Span::Month, -1, today);
        assert_eq!(label, "2025-12");
        assert_eq!(p.from, Some(date(2025, 12, 1)));
        assert_eq!(p.to, Some(date(2025, 12, 31)));
        let (p, label) = period_of(Span::Quarter, 0, date(2026, 11, 27));
        assert_eq!(label, "2026-Q4");
        assert_eq!(
            (p.from, p.to),
            (Some(date(2026, 10, 1)), Some(date(2026, 12, 31)))
        );
        let (p, label) = period_of(Span::Quarter, -4, date(2026, 11, 27));
        assert_eq!(label, "2025-Q4");
        assert_eq!(p.to, Some(date(2025, 12, 31)));
        let (p, label) = period_of(Span::Year, -1, today);
        assert_eq!(label, "2025");
        assert_eq!(
            (p.from, p.to),
            (Some(date(2025, 1, 1)), Some(date(2025, 12, 31)))
        );
        assert_eq!(period_of(Span::All, -3, today).0, Period::ALL);
        let (p, _) = period_of(Span::Month, 1, date(2026, 2, 10));
        assert_eq!(p.to, Some(date(2026, 3, 31)));
    }
}
