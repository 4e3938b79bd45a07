//! Several desks writing into one orders folder at the same time, through the real binary.
//!
//! Each writer is a thread that runs `order-desk order new` (or a status change) again and
//! again, so at any moment two or more processes are saving into the folder. All writers
//! share one desk tag, the worst case: their ids are made from the same second and desk,
//! and only the store's lock and no-clobber claim keep them apart.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use order_desk::domain::order::Status;
use order_desk::store::{Store, read_order};

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

const WRITERS: usize = 2;
const ORDERS_PER_WRITER: usize = 200;

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
        .env("ORDER_DESK_DESK", "same")
        .env("ORDER_DESK_REP", "rep")
        .arg("--orders-dir")
        .arg(dir);
    cmd
}

#[test]
fn two_processes_saving_hundreds_of_orders_keep_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ids: Vec<(String, String)> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                scope.spawn(move || {
                    (0..ORDERS_PER_WRITER)
                        .map(|i| {
                            let customer = format!("Writer {w} customer {i}");
                            let out = order_desk(d)
                                .args(["order", "new", "--customer", &customer])
                                .args(["--region", if i % 2 == 0 { "oc1" } else { "oc2" }])
                                .args(["--item", "deploy-basic=2", "--item", "support-basic"])
                                .output()
                                .unwrap();
                            assert!(
                                out.status.success(),
                                "{}",
                                String::from_utf8_lossy(&out.stderr)
                            );
                            let id = String::from_utf8(out.stdout).unwrap();
                            (id.trim_end().to_string(), customer)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        writers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });

    let total = WRITERS * ORDERS_PER_WRITER;
    assert_eq!(ids.len(), total);
    let distinct: HashSet<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(distinct.len(), total, "an id was handed out twice");

    // Every reported id is a file holding exactly the order that was reported saved.
    for (id, customer) in &ids {
        let order = read_order(&d.join(format!("{id}.ron"))).unwrap();
        assert_eq!(&order.id, id);
        assert_eq!(&order.customer, customer, "{id} was overwritten");
    }
    let report = test_store(d).load_all().unwrap();
    assert!(report.damaged.is_empty(), "{:?}", report.damaged);
    assert_eq!(report.orders.len(), total);
    let customers: HashSet<&str> = report.orders.iter().map(|o| o.customer.as_str()).collect();
    assert_eq!(customers.len(), total);
    // No temp file is left behind by a save that finished.
    let leftovers = std::fs::read_dir(d)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".tmp-")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn racing_start_and_refund_on_the_same_orders_let_exactly_one_win() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ids: Vec<String> = (0..40)
        .map(|i| {
            let out = order_desk(d)
                .args(["order", "new", "--customer", &format!("C{i}")])
                .args(["--region", "oc1", "--item", "tuning-basic"])
                .output()
                .unwrap();
            assert!(out.status.success());
            String::from_utf8(out.stdout)
                .unwrap()
                .trim_end()
                .to_string()
        })
        .collect();

    // One desk starts delivery of every order while another refunds them, at once.
    let outcomes: HashMap<&str, Vec<(&str, i32)>> = std::thread::scope(|scope| {
        let racers: Vec<_> = ["start", "refund"]
            .into_iter()
            .map(|action| {
                let ids = &ids;
                scope.spawn(move || {
                    ids.iter()
                        .map(|id| {
                            let out = order_desk(d).args(["order", action, id]).output().unwrap();
                            (id.as_str(), action, out.status.code().unwrap())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut outcomes: HashMap<&str, Vec<(&str, i32)>> = HashMap::new();
        for racer in racers {
            for (id, action, code) in racer.join().unwrap() {
                outcomes.entry(id).or_default().push((action, code));
            }
        }
        outcomes
    });

    for id in &ids {
        let results = &outcomes[id.as_str()];
        let winners: Vec<&str> = results
            .iter()
            .filter(|(_, code)| *code == 0)
            .map(|(a, _)| *a)
            .collect();
        assert_eq!(winners.len(), 1, "{id}: {results:?}");
        assert!(results.iter().all(|(_, code)| *code == 0 || *code == 1));
        let order = read_order(&d.join(format!("{id}.ron"))).unwrap();
        assert_eq!(order.history.len(), 2, "{id}: exactly one change recorded");
        let expected = match winners[0] {
            "start" => Status::InDelivery,
            _ => Status::Refunded,
        };
        assert_eq!(order.status, expected, "{id}");
    }
}
