//! Hostile and shared folders (issue 8): every file in the folder may be written by
//! someone hostile, and every folder may be shared by several people. Each break found by
//! the adversarial run has a test here (named by its B-number) or beside the code it
//! guards; RELIABILITY.md lists them all.

#![cfg(unix)]

use crate::common;

use std::ffi::CString;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Order, checkout};
use order_desk::store::user_dirs::UserDirs;
use order_desk::store::{Store, to_ron};
use order_desk::tui::action::{Action, Effect};
use order_desk::tui::runner;
use order_desk::tui::update::update;

/// The user folders of one test: its own, so tests never share a cache or a draft.
fn user_dirs(root: &Path) -> UserDirs {
    UserDirs::under(&root.join("user"))
}

/// The binary over `orders`, with the user folders under `root` and a fixed desk.
fn order_desk(root: &Path, orders: &Path) -> Command {
    let dirs = user_dirs(root);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_order-desk"));
    cmd.env_remove("ORDER_DESK_ORDERS")
        .env("ORDER_DESK_CACHE_DIR", dirs.cache.unwrap())
        .env("ORDER_DESK_STATE_DIR", dirs.state.unwrap())
        .env("ORDER_DESK_CONFIG_DIR", dirs.config.unwrap())
        .env("ORDER_DESK_REP", "dana")
        .env("ORDER_DESK_DESK", "test")
        .env("ORDER_DESK_LOCK_WAIT", "1")
        .env("TZ", "UTC")
        .arg("--orders-dir")
        .arg(orders)
        .stdin(Stdio::null());
    cmd
}

/// Runs a command, killing it if it takes longer than `limit` (a hang is a failure, not
/// a stuck test run).
fn run_within(cmd: &mut Command, limit: Duration) -> (Output, Duration) {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            return (child.wait_with_output().unwrap(), started.elapsed());
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after {limit:?}: stderr {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn order(customer: &str, at: &str) -> Order {
    let c = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc1);
    cart.add(&c, "dev-basic", 2).unwrap();
    cart.add(&c, "deploy-standard", 1).unwrap();
    let form = CheckoutForm {
        customer: customer.into(),
        rep: "lee".into(),
        ..Default::default()
    };
    checkout(&cart, &c, &form, String::new(), at.parse().unwrap()).unwrap()
}

/// Writes an order file by hand, as an editor (or an attacker) would: whatever it holds.
fn write_by_hand(dir: &Path, order: &Order) -> PathBuf {
    let path = dir.join(format!("{}.ron", order.id));
    fs::write(&path, to_ron(order)).unwrap();
    path
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0, "{path:?}");
}

/// An order whose first line is priced at the largest `Decimal`, so quantity 2 overflows.
fn overflow_text(id: &str) -> String {
    let mut o = order("Overflow Ltd", "2026-01-01T00:00:01Z");
    o.id = id.into();
    to_ron(&o)
        .replacen(
            "unit_price: \"50000.00\"",
            "unit_price: \"79228162514264337593543950335\"",
            1,
        )
        .replacen("line_total: \"100000.00\"", "line_total: \"1.00\"", 1)
}

const ESCAPE_NAME: &str = "20260101-000005-\u{1b}]0;pwned\u{7}\u{1b}[2J.ron";

/// A folder holding two good orders and one of each hostile file; returns the good ids.
fn hostile_folder(dir: &Path, outside: &Path) -> Vec<String> {
    fs::create_dir_all(dir).unwrap();
    let store = Store::with_dirs(dir, UserDirs::default());
    let good = vec![
        store
            .save_new(order("Acme Corp", "2026-11-20T10:00:00Z"), "test")
            .unwrap()
            .id,
        store
            .save_new(order("Globex", "2026-11-21T10:00:00Z"), "test")
            .unwrap()
            .id,
    ];
    // B1: an amount that overflows.
    fs::write(
        dir.join("20260101-000001-ovf.ron"),
        overflow_text("20260101-000001-ovf"),
    )
    .unwrap();
    // B2: a FIFO named like an order.
    mkfifo(&dir.join("20260101-000002-fifo.ron"));
    // B6: device links.
    symlink("/dev/zero", dir.join("20260101-000003-zero.ron")).unwrap();
    symlink("/dev/urandom", dir.join("20260101-000004-rand.ron")).unwrap();
    // B7: planted temp links pointing outside the folder.
    for name in [
        ".tmp-cache-1".to_string(),
        format!(".tmp-{}-0-x.ron", std::process::id()),
        ".tmp-1-0-20261121-100000-test.ron".into(),
    ] {
        symlink(outside.join(&name), dir.join(&name)).unwrap();
    }
    // B9: a forged cache where old versions kept it.
    fs::write(
        dir.join(".order-desk.cache"),
        b"ODCACHE6 forged: every order Delivered to Mallory",
    )
    .unwrap();
    // B12: a file name that would retitle and clear the terminal.
    fs::write(dir.join(ESCAPE_NAME), "Order(").unwrap();
    good
}

#[test]
fn hostile_folder_lists_every_good_order_and_names_each_bad_file_safely_within_2s() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    let outside = root.path().join("outside");
    fs::create_dir(&outside).unwrap();
    let good = hostile_folder(&dir, &outside);

    let (out, took) = run_within(
        order_desk(root.path(), &dir).arg("orders"),
        Duration::from_secs(10),
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    for id in &good {
        assert!(stdout.contains(id.as_str()), "{id} not listed:\n{stdout}");
    }
    assert!(stdout.contains("2 orders"), "{stdout}");
    for shown in [
        "20260101-000001-ovf.ron:",
        "above the largest price allowed",
        "20260101-000002-fifo.ron: not a regular file (a FIFO)",
        "20260101-000003-zero.ron: not a regular file (a symbolic link)",
        "20260101-000004-rand.ron: not a regular file (a symbolic link)",
        "20260101-000005-\\u{1b}]0;pwned\\u{7}\\u{1b}[2J.ron:1:",
        "5 file(s) in",
    ] {
        assert!(stderr.contains(shown), "missing {shown:?} in:\n{stderr}");
    }
    for raw in ['\u{1b}', '\u{7}'] {
        assert!(
            !stderr.contains(raw) && !stdout.contains(raw),
            "{raw:?} printed raw"
        );
    }
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0, "wrote outside");
    assert!(!stdout.contains("Mallory"), "the forged cache was believed");

    // The CSV and a save in the same folder work too, and write nothing outside it.
    let (out, _) = run_within(
        order_desk(root.path(), &dir).args(["orders", "--format", "csv"]),
        Duration::from_secs(10),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 3);
    let (out, _) = run_within(
        order_desk(root.path(), &dir).args([
            "order",
            "new",
            "--customer",
            "Initech",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ]),
        Duration::from_secs(10),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = text(&out.stdout).trim().to_string();
    let (out, _) = run_within(
        order_desk(root.path(), &dir).args(["order", "start", &id]),
        Duration::from_secs(10),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0, "wrote outside");
    assert!(
        fs::read_dir(&dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("summaries")),
        "no cache is written in the orders folder"
    );
}

#[test]
fn b1_an_overflowing_order_is_a_damaged_file_with_its_position_for_every_command() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    fs::create_dir(&dir).unwrap();
    let good = Store::with_dirs(&dir, UserDirs::default())
        .save_new(order("Acme Corp", "2026-11-20T10:00:00Z"), "test")
        .unwrap()
        .id;
    fs::write(
        dir.join("20260101-000001-ovf.ron"),
        overflow_text("20260101-000001-ovf"),
    )
    .unwrap();
    // Two lines each within the price cap whose totals do not add up to the stated total
    // either: still a damaged file, never a crash.
    let mut two = order("Two Lines", "2026-01-01T00:00:02Z");
    two.id = "20260101-000002-two".into();
    for line in &mut two.lines {
        line.unit_price = "1000000000.00".parse().unwrap();
        line.quantity = 999;
        line.line_total = "999000000000.00".parse().unwrap();
    }
    two.total = "79228162514264337593543950335".parse().unwrap();
    write_by_hand(&dir, &two);

    let out = order_desk(root.path(), &dir)
        .arg("orders")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "exit 1, not a panic (101)");
    assert!(text(&out.stdout).contains(&good));
    let stderr = text(&out.stderr);
    let line = overflow_text("x")
        .lines()
        .position(|l| l.contains("unit_price"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("20260101-000001-ovf.ron:{line}:")),
        "{stderr}"
    );
    assert!(stderr.contains("$1,000,000,000.00"), "{stderr}");
    assert!(stderr.contains("20260101-000002-two.ron:"), "{stderr}");
    for action in ["show", "start"] {
        let out = order_desk(root.path(), &dir)
            .args(["order", action, "20260101-000001-ovf"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{action}");
        assert!(text(&out.stderr).contains("20260101-000001-ovf.ron:"));
    }
}

#[test]
fn b15_a_price_list_with_a_huge_price_is_refused_naming_the_largest_allowed() {
    let root = tempfile::tempdir().unwrap();
    let list = root.path().join("prices.ron");
    fs::write(
        &list,
        order_desk::domain::catalog::BUILTIN_CATALOG.replacen(
            "\"50000.00\"",
            "\"79228162514264337593543950335\"",
            1,
        ),
    )
    .unwrap();
    let out = order_desk(root.path(), &root.path().join("orders"))
        .arg("--catalog")
        .arg(&list)
        .args([
            "order",
            "new",
            "--customer",
            "A",
            "--region",
            "oc1",
            "--item",
            "dev-basic=2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("largest price allowed, $1,000,000,000.00"),
        "{stderr}"
    );
    // A FIFO given as the price list is refused, not waited on.
    let fifo = root.path().join("fifo.ron");
    mkfifo(&fifo);
    let (out, _) = run_within(
        order_desk(root.path(), &root.path().join("orders"))
            .arg("--catalog")
            .arg(&fifo)
            .arg("catalog"),
        Duration::from_secs(10),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a regular file (a FIFO)"));
}

#[test]
fn b3_b9_the_cache_lives_with_the_user_and_a_foreign_fifo_or_forged_one_only_costs_time() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    let dirs = user_dirs(root.path());
    let store_a = Store::with_dirs(&a, dirs.clone());
    let store_b = Store::with_dirs(&b, dirs.clone());
    store_a
        .save_new(order("Only In A", "2026-11-20T10:00:00Z"), "test")
        .unwrap();
    let id_b = store_b
        .save_new(order("Only In B", "2026-11-20T10:00:00Z"), "test")
        .unwrap()
        .id;
    let later = || {
        order_desk::store::Store::load_summaries_at(
            &store_b,
            jiff::Timestamp::now() + jiff::SignedDuration::from_secs(60),
            &|_, _| {},
        )
        .unwrap()
    };
    let _ = store_a
        .load_summaries_at(
            jiff::Timestamp::now() + jiff::SignedDuration::from_secs(60),
            &|_, _| {},
        )
        .unwrap();
    let cache_dir = dirs.cache.clone().unwrap();
    let cache_a = order_desk::store::summary_cache::file_for(&cache_dir, &a);
    let cache_b = order_desk::store::summary_cache::file_for(&cache_dir, &b);
    assert!(cache_a.exists() && cache_a != cache_b);
    assert_eq!(
        fs::read_dir(&a)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("cache")
            })
            .count(),
        0,
        "no cache in the orders folder"
    );
    // B's cache replaced by A's (a foreign cache): B still lists what its files say.
    fs::copy(&cache_a, &cache_b).unwrap();
    let report = later();
    assert_eq!(report.orders.len(), 1);
    assert_eq!(report.orders[0].id, id_b);
    assert_eq!(report.from_cache, 0);
    assert_eq!(report.orders[0].customer, "Only In B");
    // A FIFO as the cache (B3): listing does not wait on it.
    fs::remove_file(&cache_b).unwrap();
    mkfifo(&cache_b);
    let started = Instant::now();
    let report = later();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(report.orders.len(), 1);
}

#[test]
fn b10_csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    let customers = [
        "=HYPERLINK(\"http://evil\",\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-1+2",
        "@SUM(1+1)",
    ];
    for customer in customers {
        let out = order_desk(root.path(), &dir)
            .args(["order", "new", "--region", "oc1", "--item", "dev-basic"])
            .arg(format!("--customer={customer}"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let out = order_desk(root.path(), &dir)
        .args(["orders", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut csv = csv::Reader::from_reader(&out.stdout[..]);
    let cells: Vec<String> = csv
        .records()
        .map(|r| r.unwrap().get(2).unwrap().to_string())
        .collect();
    assert_eq!(cells.len(), customers.len());
    for cell in &cells {
        assert!(cell.starts_with('\''), "{cell}");
        assert!(customers.contains(&&cell[1..]), "{cell}");
    }
}

#[test]
fn b11_b13_hand_edited_controls_and_direction_overrides_never_reach_the_terminal() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    fs::create_dir(&dir).unwrap();
    let mut o = order("x", "2026-11-20T10:00:00Z");
    o.id = "20261120-100000-edit".into();
    o.customer = "Acme\u{1b}[31m Red\u{9b}2J \u{202e}gnp.exe".into();
    o.rep = "lee\u{7}\r".into();
    o.note = Some("see\u{1b}]0;title\u{7}".into());
    write_by_hand(&dir, &o);
    for args in [
        &["orders"][..],
        &["orders", "--format", "csv"],
        &["order", "show", "20261120-100000-edit"],
    ] {
        let out = order_desk(root.path(), &dir).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let shown = text(&out.stdout);
        assert!(
            // Escape sequences go whole, with their parameters: no "[31m" is left.
            shown.contains("Acme Red gnp.exe"),
            "{args:?}: {shown}"
        );
        for bad in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{7}', '\r'] {
            assert!(!shown.contains(bad), "{args:?} printed {bad:?}: {shown:?}");
        }
    }
    // B12: a typed id with an escape is echoed escaped.
    let out = order_desk(root.path(), &dir)
        .args(["order", "show", "\u{1b}[2Jx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("'\\u{1b}[2Jx'"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'));
}

#[test]
fn b21_a_customer_rep_or_note_of_invisible_characters_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    for args in [
        vec!["--customer=\u{200b}\u{feff}"],
        vec!["--customer=Acme", "--rep=\u{2060}"],
        vec!["--customer=Acme", "--note=\u{200d}"],
        vec!["--customer=Acme \u{202e}gnp"],
    ] {
        let out = order_desk(root.path(), &dir)
            .args(["order", "new", "--region", "oc1", "--item", "dev-basic"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            Store::with_dirs(&dir, UserDirs::default())
                .order_files()
                .unwrap()
                .is_empty(),
            "{args:?} saved an order"
        );
    }
    // Hand-written, such a customer is a damaged file.
    fs::create_dir_all(&dir).unwrap();
    let mut o = order("x", "2026-11-20T10:00:00Z");
    o.id = "20261120-100000-blank".into();
    o.customer = "\u{200b}\u{200b}".into();
    write_by_hand(&dir, &o);
    let out = order_desk(root.path(), &dir)
        .arg("orders")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("only invisible characters"));
}

#[test]
fn b8_the_app_saves_off_its_ui_thread_and_reports_a_busy_folder() {
    let mut app = common::App::new();
    let store = std::sync::Arc::new(
        Store::with_dirs(app.dir.path(), user_dirs(app.dir.path()))
            .with_lock_wait(Duration::from_millis(400)),
    );
    app.store = std::sync::Arc::clone(&store);
    app.state.cart_tab.cart = Cart::new(Region::Oc1);
    app.state
        .cart_tab
        .cart
        .add(&Catalog::builtin(), "dev-basic", 1)
        .unwrap();
    app.act(Action::Checkout);
    app.type_text("Acme Corp");
    // Another desk holds the folder's lock (a stopped process would, forever).
    fs::write(app.dir.path().join(".order-desk.lock"), "").unwrap();
    let held = fs::File::open(app.dir.path().join(".order-desk.lock")).unwrap();
    held.lock().unwrap();

    let (tx, rx) = std::sync::mpsc::channel();
    let ctx = common::ctx();
    let effects = update(&mut app.state, Action::Submit, &ctx);
    assert!(matches!(effects[..], [Effect::SaveOrders(_)]));
    let started = Instant::now();
    for effect in effects {
        assert!(runner::perform(effect, &store, &app.state, &tx, &ctx).is_none());
    }
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "the UI thread waited {:?}",
        started.elapsed()
    );
    assert!(
        app.screen().contains("Saving the order"),
        "{}",
        app.screen()
    );
    // Keys keep working meanwhile, and a second Ctrl-S saves nothing twice.
    assert!(update(&mut app.state, Action::Submit, &ctx).is_empty());
    update(&mut app.state, Action::Help, &ctx);
    update(&mut app.state, Action::Back, &ctx);

    let outcome = rx.recv_timeout(Duration::from_secs(5)).unwrap();
    update(&mut app.state, outcome, &ctx);
    let message = &app.state.message.as_ref().unwrap().text;
    assert!(message.contains("Order not saved"), "{message}");
    assert!(message.contains("is busy"), "{message}");
    assert!(store.order_files().unwrap().is_empty());
    assert!(
        app.state.cart_tab.checkout.is_some(),
        "the form is kept to try again"
    );

    // Released: the same Ctrl-S saves.
    drop(held);
    app.act(Action::Submit);
    assert_eq!(store.order_files().unwrap().len(), 1);
}

#[test]
fn leftover_temp_files_that_are_clearly_ours_and_old_are_cleaned_by_a_later_write() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    fs::create_dir(&dir).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    let make = |name: &str, age: SystemTime| {
        let path = dir.join(name);
        let file = fs::File::create(&path).unwrap();
        file.set_modified(age).unwrap();
        path
    };
    let stale = make(".tmp-4242-7-20261120-100000-x.ron", old);
    let fresh = make(".tmp-4242-8-20261120-100000-y.ron", SystemTime::now());
    let foreign = make(".tmp-notes.txt", old);
    let out = order_desk(root.path(), &dir)
        .args([
            "order",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!stale.exists(), "an old temp of ours is removed");
    assert!(fresh.exists(), "a save in progress elsewhere is left alone");
    assert!(
        foreign.exists(),
        "a file that is not clearly ours is left alone"
    );
}

/// Runs the binary as another OS user (`nobody`), for the shared-folder tests.
fn as_nobody(root: &Path, orders: &Path) -> Option<Command> {
    use std::os::unix::process::CommandExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: run as root to test a folder shared by two OS users");
        return None;
    }
    let Some((uid, gid)) = fs::read_to_string("/etc/passwd").ok().and_then(|p| {
        p.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            if f.first() != Some(&"nobody") || f.len() < 4 {
                return None;
            }
            Some((f[2].parse::<u32>().ok()?, f[3].parse::<u32>().ok()?))
        })
    }) else {
        eprintln!("skipped: no 'nobody' user to share the folder with");
        return None;
    };
    let their = root.join("nobody");
    fs::create_dir_all(&their).unwrap();
    fs::set_permissions(&their, fs::Permissions::from_mode(0o777)).unwrap();
    let mut cmd = order_desk(&their, orders);
    cmd.env("ORDER_DESK_REP", "nobody").uid(uid).gid(gid);
    Some(cmd)
}

#[test]
fn b16_b17_a_folder_shared_by_two_os_users_works_for_both_and_keeps_modes() {
    let root = tempfile::tempdir().unwrap();
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // The binary must be reachable by the other user: a copy in the shared temp folder.
    let dir = root.path().join("orders");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
    let Some(mut theirs) = as_nobody(root.path(), &dir) else {
        return;
    };
    // The first user saves: the lock file is created with the default mode (0644 here).
    let mine = order_desk(root.path(), &dir)
        .args([
            "order",
            "new",
            "--customer",
            "Mine",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ])
        .output()
        .unwrap();
    assert!(mine.status.success(), "{}", text(&mine.stderr));
    let my_id = text(&mine.stdout).trim().to_string();
    let lock_mode = fs::metadata(dir.join(".order-desk.lock")).unwrap().mode() & 0o777;
    assert_eq!(lock_mode & 0o022, 0, "no write for others: {lock_mode:o}");

    // B16: the second user can still take the lock and save.
    let out = theirs
        .args([
            "order",
            "new",
            "--customer",
            "Theirs",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "second user: {}", text(&out.stderr));
    let their_id = text(&out.stdout).trim().to_string();
    let their_file = dir.join(format!("{their_id}.ron"));
    let their_meta = fs::metadata(&their_file).unwrap();
    assert_ne!(their_meta.uid(), 0);

    // B17: the first user changes the second user's order: owner and mode are kept.
    fs::set_permissions(&their_file, fs::Permissions::from_mode(0o600)).unwrap();
    let out = order_desk(root.path(), &dir)
        .args(["order", "start", &their_id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = fs::metadata(&their_file).unwrap();
    assert_eq!(after.mode() & 0o7777, 0o600);
    assert_eq!(
        (after.uid(), after.gid()),
        (their_meta.uid(), their_meta.gid())
    );

    // And the second user can change the first user's order.
    let mut theirs = as_nobody(root.path(), &dir).unwrap();
    let out = theirs.args(["order", "start", &my_id]).output().unwrap();
    assert!(out.status.success(), "second user: {}", text(&out.stderr));
}

#[test]
fn b18_each_user_gets_a_random_40_bit_desk_tag_kept_in_their_config() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    let new_order = |user: &Path| {
        let out = order_desk(user, &dir)
            .env_remove("ORDER_DESK_DESK")
            .args(["order", "new", "--customer", "Acme", "--region", "oc1"])
            .args(["--item", "dev-basic"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let id = text(&out.stdout).trim().to_string();
        // 20261126-143005-<tag>[-n]
        id.split('-').nth(2).unwrap().to_string()
    };
    let (one, two) = (root.path().join("one"), root.path().join("two"));
    let tag = new_order(&one);
    assert_eq!(tag.len(), 8, "{tag}");
    assert_eq!(new_order(&one), tag, "the same user keeps the tag");
    let kept = fs::read_to_string(one.join("user/config/desk-tag")).unwrap();
    assert_eq!(kept.trim(), tag);
    assert_ne!(new_order(&two), tag, "another user gets another tag");
}

#[test]
fn b25_skus_from_files_are_checked_and_unknown_ones_marked() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("orders");
    fs::create_dir(&dir).unwrap();
    let mut o = order("Acme", "2026-11-20T10:00:00Z");
    o.id = "20261120-100000-old".into();
    o.lines[0].sku = "legacy-tier".into();
    write_by_hand(&dir, &o);
    let out = order_desk(root.path(), &dir)
        .args(["order", "show", "20261120-100000-old"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("legacy-tier?"), "{shown}");
    assert!(shown.contains("? not in the price list in use"), "{shown}");
    assert!(!shown.contains("deploy-standard?"), "{shown}");
    // A SKU that would make the CSV `lines` column ambiguous is a damaged file.
    o.id = "20261120-100000-bad".into();
    o.lines[0].sku = "a=1;b".into();
    write_by_hand(&dir, &o);
    let out = order_desk(root.path(), &dir)
        .args(["orders", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("20261120-100000-bad.ron:"));
    assert!(text(&out.stdout).contains("legacy-tier=2;deploy-standard=1"));
}
