//! How long the Reports tab takes to work its figures out at the size of a real book:
//! loads the folder once, lays it out for reports (`ReportIndex`), then times `Figures::again` (the table of one grouping and period,
//! the 12-month chart and the backlog) for every grouping and period length.
//!
//! `cargo run --release --example report_timing -- DIR [RUNS]`

use std::time::Instant;

use order_desk::report::Grouping;
use order_desk::report::index::ReportIndex;
use order_desk::store::Store;
use order_desk::tui::model::reports::{Figures, Span};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: report_timing DIR [RUNS]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(9);
    let report = Store::new(dir)
        .load_summaries_with(&|_, _| {})
        .expect("the folder lists");
    let orders = report.orders;
    let today = order_desk::domain::order::local_date(jiff::Timestamp::now());
    println!("{} orders", orders.len());
    let start = Instant::now();
    let index = ReportIndex::new(&orders, &jiff::tz::TimeZone::system());
    println!(
        "the book laid out for reports (once per load): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let whole = Figures::again(&index, Grouping::Family, Span::All, 0, today, None);
    println!(
        "first figures (table, 12-month chart, backlog): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    for span in [Span::All, Span::Year, Span::Quarter, Span::Month] {
        for grouping in Grouping::ALL {
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    // As a key on the tab does: the chart and backlog are kept.
                    let f = Figures::again(&index, grouping, span, 0, today, Some(&whole));
                    std::hint::black_box(&f);
                    start.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            times.sort_by(f64::total_cmp);
            println!(
                "{span:?} by {}: median {:.1} ms (min {:.1}, max {:.1})",
                grouping.code(),
                times[runs / 2],
                times[0],
                times[runs - 1]
            );
        }
    }
}
