//! `order-desk report` and the new `orders` filters, as a script uses them: the real
//! binary on a generated folder, its figures checked against `orders --format csv`.

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::binary;
use binary::*;

fn book(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::sample::write_folder(dir.path(), count, 7).unwrap();
    dir
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The report's CSV as group -> the eight figures.
fn report_csv(dir: &Path, args: &[&str]) -> Vec<(String, Vec<String>)> {
    let r = run(dir, &[&["report", "--format", "csv"], args].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "group",
            "orders",
            "units",
            "booked",
            "refunded",
            "net",
            "delivered",
            "backlog",
            "expired"
        ]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_string(),
                r.iter().skip(1).map(String::from).collect(),
            )
        })
        .collect()
}

#[test]
fn every_grouping_adds_up_to_the_total_and_to_the_orders_listing() {
    let dir = book(400);
    // Independently: the orders listing's totals by status today.
    let listing = run(dir.path(), &["orders", "--format", "csv"]);
    assert_eq!(listing.code, 0);
    let mut by_status: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut count = 0u64;
    let mut reader = csv::Reader::from_reader(listing.stdout.as_bytes());
    for rec in reader.records() {
        let rec = rec.unwrap();
        *by_status.entry(rec[6].to_string()).or_default() += d(&rec[5]);
        count += 1;
    }
    let status = |s: &str| by_status.get(s).copied().unwrap_or_default();
    let booked: Decimal = by_status.values().sum();
    for by in [
        "status", "family", "service", "tier", "region", "rep", "customer", "month", "quarter",
    ] {
        let rows = report_csv(dir.path(), &["--by", by]);
        let (last, groups) = rows.split_last().unwrap();
        assert_eq!(last.0, "total");
        let total: Vec<Decimal> = last.1[2..].iter().map(|c| d(c)).collect();
        assert_eq!(last.1[0], count.to_string(), "{by}");
        assert_eq!(total[0], booked, "{by}");
        assert_eq!(total[1], status("refunded"), "{by}");
        assert_eq!(total[2], booked - status("refunded"), "{by}");
        assert_eq!(total[3], status("delivered"), "{by}");
        assert_eq!(total[4], status("unused") + status("in-delivery"), "{by}");
        assert_eq!(total[5], status("expired"), "{by}");
        for col in 0..6 {
            let sum: Decimal = groups.iter().map(|(_, f)| d(&f[2 + col])).sum();
            assert_eq!(sum, total[col], "--by {by}, column {col}");
        }
        let units: u64 = groups
            .iter()
            .map(|(_, f)| f[1].parse::<u64>().unwrap())
            .sum();
        assert_eq!(units.to_string(), last.1[1], "{by}");
        // Groups come once each, in a stable order.
        let names: Vec<&String> = groups.iter().map(|(g, _)| g).collect();
        let mut sorted = names.clone();
        sorted.dedup();
        assert_eq!(names.len(), sorted.len(), "{by}");
        // Regions are named as every screen names them (issue 20: reports wrote oc1).
        if by == "region" {
            assert_eq!(names, ["OC1", "OC2"]);
        }
    }
}

#[test]
fn the_period_includes_both_days_and_a_backwards_period_is_refused() {
    let dir = book(300); // 2023-12-01 .. 2023-12-04, one order every 15 minutes
    let all = report_csv(dir.path(), &["--by", "month"]);
    let first_day = report_csv(dir.path(), &["--from", "2023-12-01", "--to", "2023-12-01"]);
    let rest = report_csv(dir.path(), &["--from", "2023-12-02"]);
    let orders = |rows: &[(String, Vec<String>)]| rows.last().unwrap().1[0].parse::<u64>().unwrap();
    assert!(orders(&first_day) > 0 && orders(&rest) > 0);
    assert_eq!(orders(&first_day) + orders(&rest), orders(&all));
    let r = run(
        dir.path(),
        &["report", "--from", "2023-12-05", "--to", "2023-12-01"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("--from 2023-12-05 is after --to 2023-12-01"),
        "{}",
        r.stderr
    );
    let r = run(dir.path(), &["report", "--by", "colour"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "use status, family, service, tier, region, rep, customer, country, list, month, quarter"
        ),
        "{}",
        r.stderr
    );
    let r = run(dir.path(), &["report", "--from", "2023-02-30"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("use YYYY-MM-DD"), "{}", r.stderr);
    let r = run(
        dir.path(),
        &["orders", "--to", "2023-01-01", "--from", "2023-02-01"],
    );
    assert_eq!(r.code, 2);
}

#[test]
fn a_damaged_file_is_named_and_the_report_says_it_is_left_out() {
    let dir = book(20);
    let bad = dir.path().join("20231201-000000-zzzz.ron");
    std::fs::write(&bad, "not an order").unwrap();
    for format in ["table", "csv", "json"] {
        let r = run(dir.path(), &["report", "--format", format]);
        assert_eq!(r.code, 1, "{format}");
        assert!(
            r.stderr.contains("20231201-000000-zzzz.ron"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("1 file(s)"), "{}", r.stderr);
        assert!(r.stdout.contains("total"), "{format}: {}", r.stdout);
    }
    let json = run(dir.path(), &["report", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["damaged_files"], 1);
    assert_eq!(v["total"]["orders"], 20);
}

#[test]
fn hostile_names_are_defused_in_every_csv_cell_and_cleaned_in_the_table() {
    let dir = book(3);
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let customer = text
        .lines()
        .find(|l| l.trim_start().starts_with("customer:"))
        .unwrap()
        .to_string();
    std::fs::write(
        &file,
        text.replace(
            &customer,
            "    customer: \"=HYPERLINK(\\\"x\\\")\\u{1b}[31m\",",
        ),
    )
    .unwrap();
    let rows = report_csv(dir.path(), &["--by", "customer"]);
    assert!(
        rows.iter().any(|(g, _)| g == "'=HYPERLINK(\"x\")"),
        "{rows:?}"
    );
    let table = run(dir.path(), &["report", "--by", "customer"]).stdout;
    assert!(!table.contains('\u{1b}'), "{table}");
    let json = run(dir.path(), &["orders", "--format", "json"]).stdout;
    assert!(!json.contains("\\u001b"), "{json}");
}

#[test]
fn orders_filters_narrow_the_listing_and_json_keeps_exact_amounts() {
    let dir = book(200);
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&run(dir.path(), &["orders", "--format", "json"]).stdout).unwrap();
    assert_eq!(all.len(), 200);
    let pick = |args: &[&str]| -> Vec<serde_json::Value> {
        let r = run(
            dir.path(),
            &[&["orders", "--format", "json"], args].concat(),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str(&r.stdout).unwrap()
    };
    let oc1 = pick(&["--region", "oc1"]);
    assert!(!oc1.is_empty() && oc1.len() < 200);
    assert!(oc1.iter().all(|o| o["region"] == "oc1"));
    let rep = all[0]["rep"].as_str().unwrap().to_string();
    let by_rep = pick(&["--sold-by", &rep.to_uppercase()]);
    assert!(by_rep.iter().all(|o| o["rep"] == rep.as_str()));
    assert_eq!(
        by_rep.len(),
        all.iter().filter(|o| o["rep"] == rep.as_str()).count()
    );
    let customer = all[0]["customer"].as_str().unwrap();
    let word = customer.split(' ').next().unwrap().to_lowercase();
    let by_customer = pick(&["--customer", &word]);
    assert!(by_customer.iter().all(|o| {
        o["customer"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains(&word)
    }));
    let day = pick(&["--from", "2023-12-02", "--to", "2023-12-02"]);
    assert!(!day.is_empty());
    assert!(
        day.iter()
            .all(|o| o["created_at"].as_str().unwrap().starts_with("2023-12-02"))
    );
    // Amounts are strings with cents, and the lines add up to the total.
    for o in &all {
        let total = d(o["total"].as_str().unwrap());
        let lines: Decimal = o["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| d(l["line_total"].as_str().unwrap()))
            .sum();
        assert_eq!(lines, total);
    }
    // The generated book lies in the past: nothing unused is about to expire.
    assert!(pick(&["--expiring-within", "30"]).is_empty());
    let table = run(dir.path(), &["orders", "--region", "oc1"]).stdout;
    let sum: Decimal = oc1.iter().map(|o| d(o["total"].as_str().unwrap())).sum();
    assert!(
        table.ends_with(&format!(
            "{} orders, {} in all\n",
            oc1.len(),
            order_desk::domain::money::format_usd(sum)
        )),
        "{table}"
    );
}
