//! Customers and regions from the command line: `region`, `customer add/show`,
//! `customers`, and `order new --country`. The real binary on a temp folder.

use std::fs;
use std::path::Path;
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// The binary with a clean environment (as in tests/cli.rs).
fn order_desk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_order-desk"));
    cmd.env_remove("ORDER_DESK_ORDERS")
        .env(
            "ORDER_DESK_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/user/cache"),
        )
        .env(
            "ORDER_DESK_STATE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/user/state"),
        )
        .env(
            "ORDER_DESK_CONFIG_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/user/config"),
        )
        .env("ORDER_DESK_REP", "dana")
        .env("ORDER_DESK_DESK", "test")
        .env("TZ", "UTC")
        .arg("--orders-dir")
        .arg(dir);
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = order_desk(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

#[test]
fn region_prints_the_answer_as_a_table_or_csv() {
    let dir = tempfile::tempdir().unwrap();
    let table = ok(dir.path(), &["region", "brazil"]);
    assert!(table.contains("Brazil (BR)"), "{table}");
    assert!(
        table.contains("Outside China 2 - USD (Europe, Africa, Brazil, and Middle East)"),
        "{table}"
    );
    assert!(table.contains("named in the price list"), "{table}");

    let csv = ok(dir.path(), &["region", "RU", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("code,country,region,basis"));
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("RU,Russian Federation,oc1,"),
        "{csv}"
    );
    let china = ok(dir.path(), &["region", "cn", "--format", "csv"]);
    assert!(
        china
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("CN,China,,not covered:"),
        "{china}"
    );
    let iran = ok(dir.path(), &["region", "IR", "--format", "csv"]);
    assert!(iran.contains(",oc2,convention:"), "{iran}");
}

#[test]
fn an_unknown_country_exits_2_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["region", "Brazill"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("did you mean Brazil (BR)"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    // Nothing was written for a question.
    assert!(fs::read_dir(dir.path()).map_or(true, |mut d| d.next().is_none()));
}
