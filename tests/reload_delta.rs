//! A reload reads only what changed since the book was loaded, and misses nothing: files
//! edited in place, replaced, deleted, added, damaged and fixed all show up.

use std::fs;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Status, checkout};
use order_desk::domain::rules::Transition;
use order_desk::store::summary::OrderSummary;
use order_desk::store::{Delta, Known, Store};

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

fn save(store: &Store, customer: &str, at: &str) -> String {
    let c = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc1);
    cart.add(&c, "impl-basic", 1).unwrap();
    let form = CheckoutForm {
        customer: customer.into(),
        rep: "lee".into(),
        ..Default::default()
    };
    let order = checkout(&cart, &c, &form, String::new(), at.parse().unwrap()).unwrap();
    store.save_new(order, "test").unwrap().id
}

/// As if some seconds had passed, so the files just written count as settled.
fn later() -> Timestamp {
    Timestamp::now() + SignedDuration::from_secs(60)
}

/// The (id, stamp) list the app sends: what it holds of each loaded order.
fn known(orders: &[OrderSummary]) -> Known {
    orders.iter().map(|o| (o.id.as_str(), o.stamp)).collect()
}

fn delta(store: &Store, orders: &[OrderSummary]) -> Delta {
    store
        .changes_since_at(&known(orders), later(), &|_, _| {})
        .unwrap()
}

fn ids(orders: &[OrderSummary]) -> Vec<&str> {
    orders.iter().map(|o| o.id.as_str()).collect()
}

/// Three settled orders and their summaries as a first load gives them.
fn three() -> (tempfile::TempDir, Store, Vec<String>, Vec<OrderSummary>) {
    let dir = tempfile::tempdir().unwrap();
    let store = test_store(dir.path());
    let a = save(&store, "Alpha Bank", "2026-11-01T10:00:00Z");
    let b = save(&store, "Beta Mining", "2026-11-02T10:00:00Z");
    let c = save(&store, "Gamma Foods", "2026-11-03T10:00:00Z");
    let book = store.load_summaries_at(later(), &|_, _| {}).unwrap().orders;
    assert!(book.iter().all(|o| o.stamp.is_some()));
    (dir, store, vec![a, b, c], book)
}

#[test]
fn nothing_changed_reads_nothing() {
    let (_dir, store, _, book) = three();
    let d = delta(&store, &book);
    assert_eq!(d.read, 0);
    assert!(d.changed.is_empty() && d.removed.is_empty() && d.damaged.is_empty());
}

#[test]
fn an_order_without_a_stamp_is_read_again() {
    let (_dir, store, saved, mut book) = three();
    book[1].stamp = None;
    let d = delta(&store, &book);
    assert_eq!(d.read, 1);
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].id, saved[1]);
    assert!(d.changed[0].stamp.is_some());
}

#[test]
fn a_status_change_by_another_desk_replaces_the_file_and_is_read() {
    let (_dir, store, saved, book) = three();
    store
        .transition(
            &saved[1],
            None,
            Transition::StartDelivery,
            "kim",
            None,
            "2026-11-05T10:00:00Z".parse().unwrap(),
        )
        .unwrap();
    let d = delta(&store, &book);
    assert_eq!(d.read, 1);
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].status, Status::InDelivery);
    assert!(d.removed.is_empty());
}

#[test]
fn a_hand_edit_in_place_with_the_mtime_put_back_is_read() {
    let (_dir, store, saved, book) = three();
    let path = store.path_of(&saved[0]);
    let inode_before = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&path).unwrap());
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Alpha Bank", "Omega Bank");
    fs::write(&path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(meta.modified().unwrap(), mtime);
    assert_eq!(std::os::unix::fs::MetadataExt::ino(&meta), inode_before);
    let d = delta(&store, &book);
    assert_eq!(ids(&d.changed), [saved[0].as_str()]);
    assert_eq!(d.changed[0].customer, "Omega Bank");
}

#[test]
fn deleted_and_added_files_show() {
    let (_dir, store, saved, book) = three();
    fs::remove_file(store.path_of(&saved[2])).unwrap();
    let d_id = save(&store, "Delta Air", "2026-11-06T10:00:00Z");
    let d = delta(&store, &book);
    assert_eq!(d.removed, [saved[2].clone()]);
    assert_eq!(ids(&d.changed), [d_id.as_str()]);
    assert_eq!(d.read, 1);
}

#[test]
fn an_order_turned_damaged_leaves_the_book_and_comes_back_when_fixed() {
    let (_dir, store, saved, mut book) = three();
    let path = store.path_of(&saved[1]);
    let good = fs::read_to_string(&path).unwrap();
    fs::write(&path, "Order(id: ").unwrap();
    let d = delta(&store, &book);
    assert_eq!(d.removed, [saved[1].clone()]);
    assert_eq!(d.damaged.len(), 1);
    assert_eq!(d.damaged[0].path, path);
    assert!(d.changed.is_empty());
    book.retain(|o| o.id != saved[1]);

    // Still damaged: reported again (the full list), nothing else read.
    let d = delta(&store, &book);
    assert_eq!((d.read, d.damaged.len()), (1, 1));
    assert!(d.removed.is_empty());

    // Fixed by hand: an order again.
    fs::write(&path, good).unwrap();
    let d = delta(&store, &book);
    assert!(d.damaged.is_empty());
    assert_eq!(ids(&d.changed), [saved[1].as_str()]);
    assert_eq!(d.changed[0].customer, "Beta Mining");
}

#[test]
fn a_new_damaged_file_is_reported_and_removes_nothing() {
    let (dir, store, _, book) = three();
    fs::write(dir.path().join("broken.ron"), "Order(").unwrap();
    let d = delta(&store, &book);
    assert_eq!(d.damaged.len(), 1);
    assert!(d.removed.is_empty() && d.changed.is_empty());
}

#[test]
fn files_changed_moments_ago_come_back_without_a_stamp() {
    let (_dir, store, _, book) = three();
    let e = save(&store, "Epsilon", "2026-11-07T10:00:00Z");
    let d = store
        .changes_since_at(&known(&book), Timestamp::now(), &|_, _| {})
        .unwrap();
    assert_eq!(ids(&d.changed), [e.as_str()]);
    assert_eq!(d.changed[0].stamp, None, "read again next time");
}

#[test]
fn a_full_load_applied_delta_matches_a_fresh_load() {
    let (_dir, store, saved, book) = three();
    fs::remove_file(store.path_of(&saved[0])).unwrap();
    save(&store, "Zeta", "2026-11-08T10:00:00Z");
    let d = delta(&store, &book);
    let mut merged: Vec<OrderSummary> = book
        .into_iter()
        .filter(|o| !d.removed.contains(&o.id))
        .chain(d.changed)
        .collect();
    order_desk::store::summary::sort_newest_first(&mut merged);
    let fresh = store.load_summaries_at(later(), &|_, _| {}).unwrap().orders;
    assert_eq!(ids(&merged), ids(&fresh));
}

/// The loading bar reaches the end in every kind of load: every file read, from the cache
/// or again, is counted, and the last report is "all of them".
#[test]
fn progress_reaches_every_file_in_each_kind_of_load() {
    use std::sync::Mutex;
    let dir = tempfile::tempdir().unwrap();
    // A cache folder of its own, so the first load parses every file.
    let store = Store::with_dirs(
        dir.path().join("orders"),
        order_desk::store::user_dirs::UserDirs::under(&dir.path().join("user")),
    );
    for (i, customer) in ["Alpha Bank", "Beta Mining", "Gamma Foods"]
        .iter()
        .enumerate()
    {
        save(&store, customer, &format!("2026-11-0{}T10:00:00Z", i + 1));
    }
    let calls = Mutex::new(Vec::new());
    let record = |done, total| calls.lock().unwrap().push((done, total));
    let furthest = |calls: &Mutex<Vec<(usize, usize)>>| {
        let mut seen = std::mem::take(&mut *calls.lock().unwrap());
        seen.sort_unstable();
        seen.pop()
    };

    assert_eq!(store.load_all_with(&record).unwrap().orders.len(), 3);
    assert_eq!(furthest(&calls), Some((3, 3)), "load_all");

    let first = store.load_summaries_at(later(), &record).unwrap();
    assert_eq!(first.parsed, 3);
    assert_eq!(furthest(&calls), Some((3, 3)), "parsing every file");

    let new = save(&store, "Delta Air", "2026-11-04T10:00:00Z");
    let second = store.load_summaries_at(later(), &record).unwrap();
    assert_eq!((second.from_cache, second.parsed), (3, 1));
    assert_eq!(
        furthest(&calls),
        Some((4, 4)),
        "from the cache and one parsed"
    );

    // The app's reload, on the real clock: the order just saved is new to a book of three.
    let d = store.changes_since(&known(&first.orders), &record).unwrap();
    assert_eq!(ids(&d.changed), [new.as_str()]);
    assert_eq!(d.read, 1);
    assert_eq!(furthest(&calls), Some((4, 4)), "a reload");
}
