//! Damaged order files: each is reported with its path and line:column, never rewritten or
//! deleted, and every other order still loads, in the library and through the CLI.
//! Ends with a bounded mutation test: no byte-level damage makes the loader panic.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Order, checkout};
use order_desk::store::{Store, StoreError, parse_order, to_ron};
use proptest::prelude::*;

/// A store whose cache and drafts go to the test's own folder under `target/tmp`,
/// never the home folder of whoever runs the tests.
fn test_store(dir: impl Into<std::path::PathBuf>) -> Store {
    Store::with_dirs(
        dir,
        order_desk::store::user_dirs::UserDirs::under(
            &std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("user"),
        ),
    )
}

/// A valid order with a fixed id and time, so its text is the same every run.
fn valid_order(id: &str) -> Order {
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc1);
    cart.add(&catalog, "dev-basic", 2).unwrap();
    cart.add(&catalog, "support-flagship", 1).unwrap();
    let form = CheckoutForm {
        customer: "Acme Robotics".into(),
        rep: "dana".into(),
        note: "Kick-off in December".into(),
        valid_until: None,
        ..Default::default()
    };
    checkout(
        &cart,
        &catalog,
        &form,
        id.into(),
        "2026-11-20T10:00:00Z".parse().unwrap(),
    )
    .unwrap()
}

fn valid_text(id: &str) -> String {
    to_ron(&valid_order(id))
}

/// The 1-based line holding `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// One kind of damage: the file's bytes, the line the report must name (if fixed), and a
/// word the message must contain.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    line: Option<usize>,
    says: &'static str,
}

/// Makes a damaged file for an id: its bytes and the line the report must name, if fixed.
type Make = dyn Fn(&str) -> (Vec<u8>, Option<usize>);

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: &'static str, make: &Make, says| {
        let id = format!("20260101-0000{:02}-bad", cases.len());
        let (bytes, line) = make(&id);
        cases.push(Case {
            name,
            bytes,
            line,
            says,
        });
    };
    add(
        "truncated",
        &|id| {
            let text = valid_text(id);
            // After a whole field, so where the end is reported does not depend on which
            // token the middle of the file happens to fall in.
            let end = text[..text.len() / 2].rfind(",\n").unwrap() + 1;
            let cut = &text[..end];
            (cut.as_bytes().to_vec(), Some(cut.lines().count()))
        },
        "",
    );
    add(
        "garbage",
        &|_| (b"#!/bin/sh\nrm -rf / # not an order\n".to_vec(), Some(1)),
        "",
    );
    add(
        "invalid UTF-8",
        &|id| {
            let text = valid_text(id);
            let line = line_of(&text, "customer:");
            let text = text.replace("Acme Robotics", "Acme \u{1}Robotics");
            let bytes = text.replace('\u{1}', "\u{fffd}").into_bytes();
            let at = bytes
                .windows(3)
                .position(|w| w == "\u{fffd}".as_bytes())
                .unwrap();
            let mut bytes = bytes;
            bytes.splice(at..at + 3, [0xff, 0xfe]);
            (bytes, Some(line))
        },
        "invalid UTF-8",
    );
    add(
        "byte-order mark",
        &|id| {
            let mut bytes = vec![0xef, 0xbb, 0xbf];
            bytes.extend(valid_text(id).into_bytes());
            (bytes, Some(1))
        },
        "byte-order mark",
    );
    add(
        "unknown status",
        &|id| {
            let text = valid_text(id).replace("status: Unused", "status: Paused");
            let line = line_of(&text, "status: Paused");
            (text.into_bytes(), Some(line))
        },
        "Paused",
    );
    add(
        "missing field",
        &|id| {
            let text = valid_text(id).replace("    rep: \"dana\",\n", "");
            (text.into_bytes(), None)
        },
        "rep",
    );
    add(
        "unknown field",
        &|id| {
            let text = valid_text(id).replace(
                "    customer: \"Acme Robotics\",\n",
                "    customer: \"Acme Robotics\",\n    discount: \"5.00\",\n",
            );
            let line = line_of(&text, "discount:");
            (text.into_bytes(), Some(line))
        },
        "discount",
    );
    add(
        "totals that do not add up",
        &|id| {
            let text = valid_text(id).replace("total: \"950000.00\"", "total: \"900000.00\"");
            let line = line_of(&text, "    total: ");
            (text.into_bytes(), Some(line))
        },
        "does not match the lines",
    );
    add(
        "line total that is not quantity x price",
        &|id| {
            let text =
                valid_text(id).replacen("line_total: \"100000.00\"", "line_total: \"99999.00\"", 1);
            (text.into_bytes(), None)
        },
        "line total",
    );
    add(
        "a 10 MB file",
        &|id| {
            let mut text = valid_text(id).into_bytes();
            text.resize(10 * 1024 * 1024, b' ');
            (text, Some(1))
        },
        "MB",
    );
    add("empty", &|_| (Vec::new(), Some(1)), "empty");
    add(
        "named after another order",
        &|_| (valid_text("20260101-999999-other").into_bytes(), None),
        "rename it",
    );
    cases
}

/// Every file in the folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        // The lock file and the summary cache are the store's own, not order data.
        .filter(|p| {
            p.is_file() && !p.ends_with(".order-desk.lock") && !p.ends_with(".order-desk.holder")
        })
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn damaged_files_are_reported_kept_and_do_not_hide_other_orders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let store = test_store(d);
    let mut good = Vec::new();
    for i in 0..3 {
        let mut order = valid_order("");
        order.created_at = format!("2026-11-2{i}T10:00:00Z").parse().unwrap();
        order.history[0].at = order.created_at;
        good.push(store.save_new(order, "good").unwrap().id);
    }
    let cases = cases();
    let mut paths = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let path = d.join(format!("20260101-0000{i:02}-bad.ron"));
        fs::write(&path, &case.bytes).unwrap();
        paths.push(path);
    }
    // Not order files: skipped without a word.
    fs::write(d.join(".tmp-1-2-20260101-000000-x.ron"), "Order(\n    id: ").unwrap();
    fs::write(d.join("notes.txt"), "call Acme on Monday").unwrap();
    fs::write(d.join("20260101-000000-x.ron.bak"), [0xff, 0x00]).unwrap();
    fs::create_dir(d.join("archive")).unwrap();
    let before = snapshot(d);

    let report = store.load_all().unwrap();
    let mut loaded: Vec<_> = report.orders.iter().map(|o| o.id.clone()).collect();
    loaded.sort();
    let mut expected = good.clone();
    expected.sort();
    assert_eq!(loaded, expected, "every good order loads");
    assert_eq!(report.damaged.len(), cases.len());
    for (case, path) in cases.iter().zip(&paths) {
        let damaged = report
            .damaged
            .iter()
            .find(|d| &d.path == path)
            .unwrap_or_else(|| panic!("{}: not reported", case.name));
        let StoreError::Damaged {
            path: at,
            line,
            column,
            message,
        } = &damaged.error
        else {
            panic!("{}: {:?}", case.name, damaged.error);
        };
        assert_eq!(at, path);
        assert!(*line >= 1 && *column >= 1, "{}", case.name);
        if let Some(expected) = case.line {
            assert_eq!(*line, expected, "{}: {message}", case.name);
        }
        assert!(message.contains(case.says), "{}: {message}", case.name);
        let shown = damaged.error.to_string();
        assert!(
            shown.starts_with(&format!("{}:{line}:{column}: ", path.display())),
            "{shown}"
        );
    }
    assert!(snapshot(d) == before, "load_all changed a file");

    // The CLI lists the good orders, reports each damaged file, and exits 1.
    let out = Command::new(env!("CARGO_BIN_EXE_order-desk"))
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
        .env_remove("ORDER_DESK_ORDERS")
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
        .arg("--orders-dir")
        .arg(d)
        .arg("orders")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    for id in &good {
        assert!(stdout.contains(id.as_str()), "{stdout}");
    }
    assert!(stdout.contains("3 orders"), "{stdout}");
    for (case, path) in cases.iter().zip(&paths) {
        assert!(
            stderr.contains(&format!("{}:", path.display())),
            "{}: {stderr}",
            case.name
        );
    }
    assert!(
        stderr.contains(&format!("{} file(s) in", cases.len())),
        "{stderr}"
    );
    assert!(stderr.contains("left untouched"), "{stderr}");
    let csv = Command::new(env!("CARGO_BIN_EXE_order-desk"))
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
        .arg("--orders-dir")
        .arg(d)
        .args(["orders", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(csv.status.code(), Some(1));
    assert_eq!(String::from_utf8(csv.stdout).unwrap().lines().count(), 4);

    // Acting on a damaged order is refused and leaves it as it was.
    for action in ["show", "start", "refund", "repurchase"] {
        let out = Command::new(env!("CARGO_BIN_EXE_order-desk"))
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
            .arg("--orders-dir")
            .arg(d)
            .args(["order", action, "20260101-000007-bad"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{action}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("20260101-000007-bad.ron:"), "{stderr}");
        assert!(stderr.contains("does not match the lines"), "{stderr}");
    }
    assert!(snapshot(d) == before, "the CLI changed a file");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Flipping, deleting and inserting bytes anywhere in a valid order file never makes
    /// the loader panic: it returns an order or a positioned report.
    #[test]
    fn the_loader_never_panics_on_mutated_files(
        edits in proptest::collection::vec((0u8..3, any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let id = "20261120-100000-mut";
        let mut bytes = valid_text(id).into_bytes();
        for (kind, at, byte) in edits {
            match kind {
                0 if !bytes.is_empty() => {
                    let i = at.index(bytes.len());
                    bytes[i] ^= byte.max(1);
                }
                1 if !bytes.is_empty() => {
                    bytes.remove(at.index(bytes.len()));
                }
                _ => bytes.insert(at.index(bytes.len() + 1), byte),
            }
        }
        let path = Path::new("orders").join(format!("{id}.ron"));
        match parse_order(&path, &bytes) {
            Ok(order) => prop_assert_eq!(order.id, id),
            Err(StoreError::Damaged { line, column, .. }) => {
                prop_assert!(line >= 1 && column >= 1);
            }
            // A mutation of `format: 2` into a larger number is a file from a newer desk.
            Err(StoreError::Newer { format, .. }) => {
                prop_assert!(order_desk::domain::format::is_newer(format));
            }
            Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
        }
    }
}
