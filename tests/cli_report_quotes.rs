//! `order-desk report --measures quotes`: quotes issued, open, lapsed, accepted and
//! declined with their values and the win rate, by the same groupings as orders; bad
//! input exits 2 with the accepted values; damaged quote files are named (exit 1). The
//! order report's CSV is unchanged. The real binary.

use std::path::Path;

use rust_decimal::Decimal;

use crate::binary;
use binary::*;

fn new_quote(dir: &Path, customer: &str, country: &str, item: &str) -> String {
    ok(
        dir,
        &[
            "quote",
            "new",
            "--customer",
            customer,
            "--country",
            country,
            "--item",
            item,
        ],
    )
    .trim()
    .to_string()
}

/// Four quotes: one accepted, one declined, one lapsed (its date moved into the past by
/// hand), one open.
fn quotes_folder() -> (tempfile::TempDir, [String; 4]) {
    let dir = tempfile::tempdir().unwrap();
    let won = new_quote(dir.path(), "Acme Brasil", "BR", "dev-basic=2");
    let lost = new_quote(dir.path(), "Globex", "DE", "dev-basic");
    let lapsed = new_quote(dir.path(), "Initech", "DE", "deploy-standard");
    let open = new_quote(dir.path(), "Umbrella", "JP", "dev-basic");
    ok(dir.path(), &["quote", "accept", &won]);
    ok(dir.path(), &["quote", "decline", &lost]);
    let path = dir.path().join(format!("quotes/{lapsed}.ron"));
    let mut q = order_desk::store::read_quote(&path).unwrap();
    q.valid_until = jiff::civil::date(2020, 1, 1);
    std::fs::write(&path, order_desk::store::to_ron(&q)).unwrap();
    (dir, [won, lost, lapsed, open])
}

fn quote_total(dir: &Path, id: &str) -> Decimal {
    order_desk::store::read_quote(&dir.join(format!("quotes/{id}.ron")))
        .unwrap()
        .total
}

#[test]
fn quote_measures_by_status_and_country_add_up_and_give_the_win_rate() {
    let (dir, ids) = quotes_folder();
    let [won, lost, lapsed, open] = ids.each_ref().map(|id| quote_total(dir.path(), id));
    let out = ok(
        dir.path(),
        &[
            "report",
            "--measures",
            "quotes",
            "--by",
            "status",
            "--format",
            "csv",
        ],
    );
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        order_desk::report::quotes::CSV_HEADER
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let groups: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(groups, ["open", "lapsed", "accepted", "declined", "total"]);
    let total = rows.last().unwrap();
    // issued, open, lapsed, accepted, declined
    assert_eq!(total[1..6], ["4", "1", "1", "1", "1"]);
    let money = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(money(&total[6]), won + lost + lapsed + open);
    assert_eq!(money(&total[7]), open);
    assert_eq!(money(&total[8]), lapsed);
    assert_eq!(money(&total[9]), won);
    assert_eq!(money(&total[10]), lost);
    // One accepted of two decided: the open and the lapsed quote are not decided.
    assert_eq!(total[11], "50.0");
    assert_eq!(
        rows[0][11], "",
        "nothing decided among open quotes: no rate"
    );

    let json = ok(
        dir.path(),
        &[
            "report",
            "--measures",
            "quotes",
            "--by",
            "country",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["measures"], "quotes");
    let countries: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["BR", "DE", "JP"]);
    let de = &v["rows"][1];
    assert_eq!(
        (de["issued"].as_u64(), de["win_rate"].as_str()),
        (Some(2), Some("0.0"))
    );
    assert_eq!(v["total"]["win_rate"], "50.0");

    let table = ok(
        dir.path(),
        &["report", "--measures", "quotes", "--by", "family"],
    );
    assert!(table.contains("WIN RATE"), "{table}");
    assert!(table.contains("50.0 %"), "{table}");
}

#[test]
fn the_order_report_keeps_its_columns_and_bad_measures_exit_2() {
    let (dir, _) = quotes_folder();
    let out = ok(dir.path(), &["report", "--format", "csv"]);
    assert!(
        out.starts_with("group,orders,units,booked,refunded,net,delivered,backlog,expired\n"),
        "{out}"
    );
    let r = run(dir.path(), &["report", "--measures", "invoices"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("orders, quotes"), "{}", r.stderr);
    let r = run(
        dir.path(),
        &[
            "report",
            "--measures",
            "quotes",
            "--from",
            "2026-12-02",
            "--to",
            "2026-12-01",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is after --to"), "{}", r.stderr);
}

#[test]
fn a_damaged_quote_file_is_named_and_exits_1_after_the_figures() {
    let (dir, _) = quotes_folder();
    std::fs::write(dir.path().join("quotes/Q-20261101-000000-bad.ron"), "(id: ").unwrap();
    let r = run(
        dir.path(),
        &["report", "--measures", "quotes", "--format", "csv"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("Q-20261101-000000-bad.ron"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("\ntotal,4,"), "{}", r.stdout);
}
