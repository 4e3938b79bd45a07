//! Any bytes as an order file: parsed and checked, or reported as damaged, never a panic.
//! A file that parses is also summarised and printed, as a listing would.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use order_desk::store::parse_order;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("20261126-100000-fuzz.ron");
    match parse_order(path, bytes) {
        Ok(order) => {
            let summary = order_desk::store::summary::OrderSummary::of(&order);
            let _ = order_desk::domain::money::format_usd(summary.total);
            let _ = order_desk::domain::text::clean(&summary.customer);
            let _ = order_desk::domain::text::csv_cell(&summary.items);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
