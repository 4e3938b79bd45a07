//! Killing a desk in the middle of a save never leaves a torn order file.
//!
//! Two kinds of victim, both killed with SIGKILL (`Child::kill`) after random delays:
//!
//! - A long-running save loop, so the kill lands while files are being written rather than
//!   while a process starts up. The loop is this test binary itself, started again with
//!   `CRASH_CHILD_DIR` set: its `main` then runs [`save_loop`] (saving new orders and
//!   moving them through their statuses through the same `Store` the binary uses, forever)
//!   instead of the tests. The binary has its own `main` (`harness = false`, with
//!   libtest-mimic, so `cargo test` filters and cargo-nextest still work) because the loop
//!   is a helper, not a test: as a `#[test]` that returns at once without the variable it
//!   was counted as a passing test. No example program or hidden command is needed.
//! - The real binary: `order-desk order new` / `start` / `deliver`, each killed at a
//!   random point of its short life.
//!
//! Afterwards every `.ron` file parses (`store::read_order`) and `load_all` reports no
//! damaged file; leftover `.tmp-*` files are ignored.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, checkout};
use order_desk::domain::rules::Transition;
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

const CHILD_ENV: &str = "CRASH_CHILD_DIR";

/// A small seeded generator, so a failing run can be repeated with its seed.
struct Rng(u64);

impl Rng {
    fn from_clock() -> Rng {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1;
        eprintln!("crash test seed: {seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn main() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        save_loop(PathBuf::from(dir));
    }
    let args = libtest_mimic::Arguments::from_args();
    // A panic in a test is its failure, as under the built-in harness.
    let trial = |name: &str, test: fn()| {
        libtest_mimic::Trial::test(name, move || {
            test();
            Ok(())
        })
    };
    let tests = vec![
        trial(
            "killing_a_save_loop_at_random_moments_leaves_whole_files",
            killing_a_save_loop_at_random_moments_leaves_whole_files,
        ),
        trial(
            "killing_the_binary_mid_command_leaves_whole_files",
            killing_the_binary_mid_command_leaves_whole_files,
        ),
    ];
    libtest_mimic::run(&args, tests).exit();
}

/// The child process the first test kills: saves and changes orders in `dir` until killed.
fn save_loop(dir: PathBuf) -> ! {
    let store = test_store(dir);
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc2);
    cart.add(&catalog, "finetune-standard", 2).unwrap();
    cart.add(&catalog, "support-basic", 1).unwrap();
    let form = CheckoutForm {
        customer: "Crash Test Dummies".into(),
        rep: "loop".into(),
        note: "saved in a loop that gets killed".into(),
        valid_until: None,
        ..Default::default()
    };
    for i in 0u64.. {
        let now = jiff::Timestamp::now();
        let order = checkout(&cart, &catalog, &form, String::new(), now).unwrap();
        let saved = store.save_new(order, "crash").unwrap();
        let steps: &[Transition] = match i % 3 {
            0 => &[Transition::StartDelivery, Transition::MarkDelivered],
            1 => &[Transition::Refund],
            _ => &[],
        };
        for (n, step) in steps.iter().enumerate() {
            store
                .transition(&saved.id, Some(n as u32 + 1), *step, "loop", None, now)
                .unwrap();
        }
    }
    unreachable!("the loop saves until it is killed")
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".ron") && !name.starts_with('.')
        })
        .collect()
}

/// Every order file parses, nothing is reported damaged, and temp files are ignored.
fn assert_no_torn_file(dir: &Path) -> usize {
    let files = ron_files(dir);
    for file in &files {
        if let Err(e) = read_order(file) {
            panic!("torn or damaged file after a kill: {e}");
        }
    }
    // A torn temp file, as a kill between create and rename would leave one.
    let torn = dir.join(".tmp-99999-0-20260101-000000-torn.ron");
    std::fs::write(
        &torn,
        "Order(\n    id: \"20260101-000000-torn\",\n    created_",
    )
    .unwrap();
    let report = test_store(dir).load_all().unwrap();
    assert!(report.damaged.is_empty(), "{:?}", report.damaged);
    assert_eq!(report.orders.len(), files.len());
    std::fs::remove_file(torn).unwrap();
    let leftovers = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".tmp-")
        })
        .count();
    eprintln!(
        "{} order files whole, {leftovers} temp files left by kills",
        files.len()
    );
    files.len()
}

fn killing_a_save_loop_at_random_moments_leaves_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::from_clock();
    let mut saved_before = 0;
    for round in 0..15 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(30 + rng.below(120)));
        child.kill().unwrap();
        child.wait().unwrap();
        let saved = assert_no_torn_file(dir.path());
        assert!(saved >= saved_before, "round {round}: an order disappeared");
        saved_before = saved;
    }
    assert!(saved_before > 0, "the save loop never saved anything");
}

fn killing_the_binary_mid_command_leaves_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut rng = Rng::from_clock();
    let order_desk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_order-desk"))
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
            .env("ORDER_DESK_DESK", "kill")
            .env("ORDER_DESK_REP", "rep")
            .arg("--orders-dir")
            .arg(d)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let new_order = [
        "order",
        "new",
        "--customer",
        "Killed Midway",
        "--region",
        "oc1",
        "--item",
        "dev-basic=3",
    ];
    for _ in 0..60 {
        let mut child = order_desk(&new_order);
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        child.kill().unwrap();
        child.wait().unwrap();

        // Rewrites of existing orders are killed too: old file or new, never half of one.
        let files = ron_files(d);
        if !files.is_empty() {
            let pick = &files[rng.below(files.len() as u64) as usize];
            let id = pick.file_stem().unwrap().to_string_lossy().into_owned();
            let action = ["start", "deliver", "refund"][rng.below(3) as usize];
            let mut child = order_desk(&["order", action, &id]);
            std::thread::sleep(Duration::from_micros(rng.below(40_000)));
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }
    assert_no_torn_file(d);
}
