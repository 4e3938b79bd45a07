//! What reports need of every order, laid out column by column and built once after a
//! load, so that regrouping 100,000 orders is one linear pass that allocates nothing per
//! order (the Reports tab's ≤ 16 ms per change; see BENCHMARKS.md).
//!
//! Promises:
//! - [`ReportIndex::report`] gives exactly what [`crate::report::build_with`] gives for the
//!   same orders, day rule and grouping (tests/report_props.rs checks both over random
//!   books): the same rows, labels, order and figures.
//! - Names (reps, customers, countries, families, services, tiers) are kept once each and
//!   orders point at them by number; days are packed into one `u32` whose order is the
//!   calendar's, so a period is two integer comparisons.
//! - Pure: summaries and a time zone in, figures out.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use rust_decimal::Decimal;

use crate::domain::catalog::Region;
use crate::domain::order::Status;
use crate::report::{GroupKey, Grouping, Measures, NO_COUNTRY, Period, Report, Row};
use crate::store::summary::OrderSummary;
use crate::store::summary_lines::LineLabel;

/// A day as one number that sorts like the calendar: year, month and day in bit fields.
fn pack(day: Date) -> u32 {
    let year = (i32::from(day.year()) + 32_768) as u32;
    (year << 9) | ((day.month() as u32) << 5) | day.day() as u32
}

/// No valid-until date: never past.
const NEVER: u32 = u32::MAX;

/// Names kept once each, numbered in the order first met.
#[derive(Debug)]
struct Names<K> {
    ids: HashMap<K, u32>,
    names: Vec<K>,
}

impl<K> Default for Names<K> {
    fn default() -> Self {
        Names {
            ids: HashMap::new(),
            names: Vec::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone> Names<K> {
    fn id(&mut self, name: K) -> u32 {
        if let Some(id) = self.ids.get(&name) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.clone(), id);
        self.names.push(name);
        id
    }
}

/// The book, one column per thing reports look at. Row `i` of every order column is the
/// `i`-th summary given to [`ReportIndex::new`].
#[derive(Debug, Default)]
pub struct ReportIndex {
    day: Vec<u32>,
    status: Vec<Status>,
    valid_until: Vec<u32>,
    units: Vec<u64>,
    region: Vec<u32>,
    rep: Vec<u32>,
    customer: Vec<u32>,
    country: Vec<u32>,
    list: Vec<u32>,
    month: Vec<u32>,
    /// Lines of order `i`: `line_start[i]..line_start[i + 1]`.
    line_start: Vec<u32>,
    line_label: Vec<u32>,
    line_quantity: Vec<u32>,
    /// Every order's total and line total, as whole minor units when they all fit.
    amounts: Amounts,
    regions: Vec<Region>,
    reps: Vec<String>,
    customers: Vec<String>,
    countries: Vec<String>,
    lists: Vec<String>,
    months: Vec<(i16, i8)>,
    /// The quarter of each month, numbering `quarters`.
    month_quarter: Vec<u32>,
    quarters: Vec<(i16, i8)>,
    labels: Vec<LineLabel>,
    label_family: Vec<u32>,
    label_service: Vec<u32>,
    /// Each label's own number, so tiers are looked up like families and services.
    label_tier: Vec<u32>,
    families: Vec<String>,
    services: Vec<(String, String)>,
}

impl ReportIndex {
    /// Lays `orders` out, each placed on its day in `zone`.
    pub fn new(orders: &[OrderSummary], zone: &TimeZone) -> ReportIndex {
        let n = orders.len();
        let mut ix = ReportIndex {
            day: Vec::with_capacity(n),
            status: Vec::with_capacity(n),
            valid_until: Vec::with_capacity(n),
            units: Vec::with_capacity(n),
            region: Vec::with_capacity(n),
            rep: Vec::with_capacity(n),
            customer: Vec::with_capacity(n),
            country: Vec::with_capacity(n),
            list: Vec::with_capacity(n),
            month: Vec::with_capacity(n),
            line_start: Vec::with_capacity(n + 1),
            ..ReportIndex::default()
        };
        let mut regions = Names::default();
        let mut reps: Names<&str> = Names::default();
        let mut customers: Names<&str> = Names::default();
        let mut countries: Names<&str> = Names::default();
        let mut lists: Names<&str> = Names::default();
        let mut months = Names::default();
        let mut labels: Names<&LineLabel> = Names::default();
        // Lines share their label (see summary_lines): a label already met is found by
        // its address, without hashing its three names again.
        let mut by_address: HashMap<*const LineLabel, u32> = HashMap::new();
        let mut totals = Vec::with_capacity(n);
        let mut line_totals = Vec::new();
        ix.line_start.push(0);
        for o in orders {
            let day = zone.to_datetime(o.created_at).date();
            ix.day.push(pack(day));
            ix.status.push(o.status);
            ix.valid_until.push(o.valid_until.map_or(NEVER, pack));
            totals.push(o.total);
            ix.region.push(regions.id(o.region));
            ix.rep.push(reps.id(&o.rep));
            ix.customer.push(customers.id(&o.customer));
            ix.country
                .push(countries.id(o.country.as_deref().unwrap_or(NO_COUNTRY)));
            ix.list.push(lists.id(super::list_of(o)));
            ix.month.push(months.id((day.year(), day.month())));
            let mut units = 0u64;
            for line in o.lines.iter() {
                units += u64::from(line.quantity);
                let address = std::sync::Arc::as_ptr(&line.label);
                let id = match by_address.get(&address) {
                    Some(id) => *id,
                    None => {
                        let id = labels.id(&*line.label);
                        by_address.insert(address, id);
                        id
                    }
                };
                ix.line_label.push(id);
                ix.line_quantity.push(line.quantity);
                line_totals.push(line.total);
            }
            ix.units.push(units);
            ix.line_start.push(ix.line_label.len() as u32);
        }
        let own = |names: Vec<&str>| names.into_iter().map(str::to_string).collect();
        ix.regions = regions.names;
        ix.reps = own(reps.names);
        ix.customers = own(customers.names);
        ix.countries = own(countries.names);
        ix.lists = own(lists.names);
        let mut quarters = Names::default();
        ix.month_quarter = months
            .names
            .iter()
            .map(|&(y, m)| quarters.id((y, (m - 1) / 3 + 1)))
            .collect();
        ix.months = months.names;
        ix.quarters = quarters.names;
        let mut families: Names<&str> = Names::default();
        let mut services: Names<(&str, &str)> = Names::default();
        for l in &labels.names {
            ix.label_family.push(families.id(&l.family));
            ix.label_service.push(services.id((&l.family, &l.service)));
        }
        ix.label_tier = (0..labels.names.len() as u32).collect();
        ix.families = own(families.names);
        ix.services = services
            .names
            .into_iter()
            .map(|(f, s)| (f.to_string(), s.to_string()))
            .collect();
        ix.labels = labels.names.into_iter().cloned().collect();
        ix.amounts = Amounts::of(totals, line_totals);
        ix
    }

    /// How many orders the index holds.
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// The report of the orders placed in `period`, grouped by `grouping`, with statuses as
    /// they stand on `today`.
    pub fn report(&self, grouping: Grouping, period: Period, today: Date) -> Report {
        let (rows, total) = match &self.amounts {
            Amounts::Minor {
                scale,
                totals,
                lines,
            } => {
                let (rows, total) = self.sum::<i64, i128>(totals, lines, grouping, period, today);
                let exact = |v: i128| minor_to_decimal(v, *scale);
                (
                    rows.into_iter().map(|r| r.measures(exact)).collect(),
                    total.measures(exact),
                )
            }
            Amounts::Exact { totals, lines } => {
                let (rows, total) =
                    self.sum::<Decimal, Decimal>(totals, lines, grouping, period, today);
                (
                    rows.into_iter()
                        .map(|r| r.measures(|v| v))
                        .collect::<Vec<_>>(),
                    total.measures(|v| v),
                )
            }
        };
        let mut named: Vec<(usize, Row)> = rows
            .into_iter()
            .enumerate()
            .filter(|(_, m)| m.orders > 0)
            .map(|(g, measures)| {
                let key = self.key(grouping, g);
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
        named.sort_unstable_by(|a, b| (a.0, &a.1.group).cmp(&(b.0, &b.1.group)));
        Report {
            grouping,
            period,
            rows: named.into_iter().map(|(_, row)| row).collect(),
            total,
        }
    }

    /// The one pass: every order placed in the period, into its group (or each of its
    /// lines into theirs), summed in `S` (whole minor units in an `i128`, or decimals).
    fn sum<V: Copy, S: Copy + Default + std::ops::AddAssign + From<V>>(
        &self,
        totals: &[V],
        line_totals: &[V],
        grouping: Grouping,
        period: Period,
        today: Date,
    ) -> (Vec<Sums<S>>, Sums<S>) {
        let from = period.from.map_or(0, pack);
        let to = period.to.map_or(u32::MAX, pack);
        let today = pack(today);
        let groups = self.group_count(grouping);
        let mut rows = vec![Sums::<S>::default(); groups];
        let mut total = Sums::<S>::default();
        // Per group, the last order counted in it (+1), so an order with two lines in one
        // group counts once there.
        let mut last = vec![0u32; if grouping.by_line() { groups } else { 0 }];
        let line_group: &[u32] = match grouping {
            Grouping::Family => &self.label_family,
            Grouping::Service => &self.label_service,
            _ => &self.label_tier,
        };
        let order_group: &[u32] = match grouping {
            Grouping::Region => &self.region,
            Grouping::Rep => &self.rep,
            Grouping::Customer => &self.customer,
            Grouping::Country => &self.country,
            Grouping::List => &self.list,
            _ => &self.month,
        };
        for (i, &day) in self.day.iter().enumerate() {
            if day < from || day > to {
                continue;
            }
            let status = match self.status[i] {
                // An unused order past its valid-until is expired (order::effective_status).
                Status::Unused if today > self.valid_until[i] => Status::Expired,
                s => s,
            };
            let value = S::from(totals[i]);
            total.orders += 1;
            total.add(status, value, self.units[i]);
            if grouping.by_line() {
                let lines = self.line_start[i] as usize..self.line_start[i + 1] as usize;
                for j in lines {
                    let g = line_group[self.line_label[j] as usize] as usize;
                    let row = &mut rows[g];
                    row.add(
                        status,
                        S::from(line_totals[j]),
                        u64::from(self.line_quantity[j]),
                    );
                    if last[g] != i as u32 + 1 {
                        last[g] = i as u32 + 1;
                        row.orders += 1;
                    }
                }
                continue;
            }
            let g = match grouping {
                Grouping::Status => status_rank(status),
                Grouping::Quarter => self.month_quarter[self.month[i] as usize] as usize,
                _ => order_group[i] as usize,
            };
            let row = &mut rows[g];
            row.orders += 1;
            row.add(status, value, self.units[i]);
        }
        (rows, total)
    }

    fn group_count(&self, grouping: Grouping) -> usize {
        match grouping {
            Grouping::Status => Status::ALL.len(),
            Grouping::Family => self.families.len(),
            Grouping::Service => self.services.len(),
            Grouping::Tier => self.labels.len(),
            Grouping::Region => self.regions.len(),
            Grouping::Rep => self.reps.len(),
            Grouping::Customer => self.customers.len(),
            Grouping::Country => self.countries.len(),
            Grouping::List => self.lists.len(),
            Grouping::Month => self.months.len(),
            Grouping::Quarter => self.quarters.len(),
        }
    }

    fn key(&self, grouping: Grouping, g: usize) -> GroupKey {
        let name = |names: &[String]| GroupKey::Name(grouping, names[g].clone());
        match grouping {
            Grouping::Status => GroupKey::Status(Status::ALL[g]),
            Grouping::Family => name(&self.families),
            Grouping::Service => {
                let (f, s) = &self.services[g];
                GroupKey::Service(f.clone(), s.clone())
            }
            Grouping::Tier => GroupKey::Tier(self.labels[g].clone()),
            Grouping::Region => GroupKey::Name(grouping, self.regions[g].code().to_string()),
            Grouping::Rep => name(&self.reps),
            Grouping::Customer => name(&self.customers),
            Grouping::Country => name(&self.countries),
            Grouping::List => name(&self.lists),
            Grouping::Month => {
                let (y, m) = self.months[g];
                GroupKey::Month(y, m)
            }
            Grouping::Quarter => {
                let (y, q) = self.quarters[g];
                GroupKey::Quarter(y, q)
            }
        }
    }
}

/// The amounts of the book: as whole minor units (`i64`) at one scale when every amount
/// fits, which sums several times faster than decimals; otherwise (a hand-edited file
/// with an amount to 20 places) as the decimals themselves. Either way every sum is exact.
#[derive(Debug)]
enum Amounts {
    Minor {
        /// Decimal places of a minor unit (2 for cents).
        scale: u32,
        totals: Vec<i64>,
        lines: Vec<i64>,
    },
    Exact {
        totals: Vec<Decimal>,
        lines: Vec<Decimal>,
    },
}

impl Default for Amounts {
    fn default() -> Self {
        Amounts::Minor {
            scale: 0,
            totals: Vec::new(),
            lines: Vec::new(),
        }
    }
}

/// Amounts with more places than this stay decimals (10^12 minor units a dollar would
/// leave too little room in an `i64`).
const MAX_MINOR_SCALE: u32 = 12;

impl Amounts {
    fn of(totals: Vec<Decimal>, lines: Vec<Decimal>) -> Amounts {
        let scale = totals
            .iter()
            .chain(&lines)
            .map(|d| d.scale())
            .max()
            .unwrap_or(0);
        let minor = |d: &Decimal| -> Option<i64> {
            let mut m = d.mantissa();
            for _ in d.scale()..scale {
                m = m.checked_mul(10)?;
            }
            i64::try_from(m).ok()
        };
        if scale <= MAX_MINOR_SCALE {
            let t: Option<Vec<i64>> = totals.iter().map(minor).collect();
            let l: Option<Vec<i64>> = lines.iter().map(minor).collect();
            if let (Some(totals), Some(lines)) = (t, l) {
                return Amounts::Minor {
                    scale,
                    totals,
                    lines,
                };
            }
        }
        Amounts::Exact { totals, lines }
    }
}

/// A sum of minor units as a decimal. At most 2^32 orders (indices are `u32`) of at most
/// 2^63 minor units each sum to under 2^95, inside a decimal's 96-bit mantissa, so this
/// never saturates in practice; it saturates rather than wraps if it ever did.
fn minor_to_decimal(v: i128, scale: u32) -> Decimal {
    Decimal::try_from_i128_with_scale(v, scale).unwrap_or(if v < 0 {
        Decimal::MIN
    } else {
        Decimal::MAX
    })
}

/// [`Measures`] while a pass runs, in the pass's number type.
#[derive(Debug, Clone, Copy, Default)]
struct Sums<S> {
    orders: u64,
    units: u64,
    booked: S,
    refunded: S,
    delivered: S,
    backlog: S,
    expired: S,
}

impl<S: Copy + std::ops::AddAssign> Sums<S> {
    /// As [`Measures::add`]: booked, and exactly one of the four places by status.
    fn add(&mut self, status: Status, value: S, units: u64) {
        self.units += units;
        self.booked += value;
        match status {
            Status::Refunded => self.refunded += value,
            Status::Delivered => self.delivered += value,
            Status::Unused | Status::InDelivery => self.backlog += value,
            Status::Expired => self.expired += value,
        }
    }

    fn measures(self, exact: impl Fn(S) -> Decimal) -> Measures {
        Measures {
            orders: self.orders,
            units: self.units,
            booked: exact(self.booked),
            refunded: exact(self.refunded),
            delivered: exact(self.delivered),
            backlog: exact(self.backlog),
            expired: exact(self.expired),
        }
    }
}

fn status_rank(status: Status) -> usize {
    Status::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn packed_days_sort_like_the_calendar() {
        let days = [
            date(-9999, 1, 1),
            date(-1, 12, 31),
            date(0, 1, 1),
            date(2025, 12, 31),
            date(2026, 1, 1),
            date(2026, 1, 31),
            date(2026, 2, 1),
            date(9999, 12, 31),
        ];
        for pair in days.windows(2) {
            assert!(pack(pair[0]) < pack(pair[1]), "{pair:?}");
        }
        assert!(pack(date(9999, 12, 31)) < NEVER);
    }

    #[test]
    fn amounts_become_minor_units_at_the_finest_scale_or_stay_decimals() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        match Amounts::of(vec![d("1.5"), d("0.25")], vec![d("3")]) {
            Amounts::Minor {
                scale,
                totals,
                lines,
            } => {
                assert_eq!(scale, 2);
                assert_eq!(totals, [150, 25]);
                assert_eq!(lines, [300]);
                assert_eq!(minor_to_decimal(175, scale), d("1.75"));
            }
            other => panic!("{other:?}"),
        }
        // Twenty places, or more than an i64 holds: summed as decimals.
        let fine = d("0.00000000000000000001");
        assert!(matches!(
            Amounts::of(vec![fine], vec![]),
            Amounts::Exact { .. }
        ));
        let huge = d("79228162514264337593543950335");
        assert!(matches!(
            Amounts::of(vec![huge], vec![]),
            Amounts::Exact { .. }
        ));
        // A sum past a decimal's range saturates towards its sign, never wraps.
        assert_eq!(minor_to_decimal(i128::MAX, 2), Decimal::MAX);
        assert_eq!(minor_to_decimal(i128::MIN, 2), Decimal::MIN);
        assert_eq!(minor_to_decimal(-175, 2), d("-1.75"));
    }
}
