//! The summary cache only ever saves time: any change to a file on disk is seen.

use std::fs;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Status, checkout};
use order_desk::domain::rules::Transition;
use order_desk::store::{Store, SummaryReport};

/// Where the cache of `dir` is kept: the user's cache folder, here under `target/tmp`.
fn cache_file(dir: &std::path::Path) -> std::path::PathBuf {
    order_desk::store::summary_cache::file_for(
        &std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("user/cache"),
        dir,
    )
}

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
    let mut cart = Cart::new(Region::Oc2);
    cart.add(&c, "finetune-standard", 2).unwrap();
    let form = CheckoutForm {
        customer: customer.into(),
        rep: "lee".into(),
        ..Default::default()
    };
    let order = checkout(&cart, &c, &form, String::new(), at.parse().unwrap()).unwrap();
    store.save_new(order, "test").unwrap().id
}

/// Loads as if some seconds had passed, so the files just written count as settled.
fn load_later(store: &Store) -> SummaryReport {
    let later = Timestamp::now() + SignedDuration::from_secs(60);
    store.load_summaries_at(later, &|_, _| {}).unwrap()
}

fn customer_of(report: &SummaryReport, id: &str) -> String {
    report
        .orders
        .iter()
        .find(|o| o.id == id)
        .unwrap()
        .customer
        .clone()
}

#[test]
fn unchanged_files_come_from_the_cache_and_changed_ones_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = test_store(dir.path());
    let a = save(&store, "Alpha Bank", "2026-11-01T10:00:00Z");
    let b = save(&store, "Beta Mining", "2026-11-02T10:00:00Z");
    let c = save(&store, "Gamma Foods", "2026-11-03T10:00:00Z");

    let first = load_later(&store);
    assert_eq!((first.parsed, first.from_cache), (3, 0));
    assert!(cache_file(dir.path()).exists());
    let second = load_later(&store);
    assert_eq!((second.parsed, second.from_cache), (0, 3));
    assert_eq!(second.orders, first.orders);
    assert_eq!(second.orders[0].id, c, "newest first");

    // Another desk changes a status: the file is replaced, and the change is seen.
    store
        .transition(
            &b,
            None,
            Transition::StartDelivery,
            "kim",
            None,
            "2026-11-05T10:00:00Z".parse().unwrap(),
        )
        .unwrap();
    let third = load_later(&store);
    assert_eq!((third.parsed, third.from_cache), (1, 2));
    let beta = third.orders.iter().find(|o| o.id == b).unwrap();
    assert_eq!(beta.status, Status::InDelivery);
    assert_eq!(beta.revision, 2);

    // A hand edit in place, same size, with the modification time put back: the change
    // time still differs, so the file is read again.
    let path = store.path_of(&a);
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
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    let fourth = load_later(&store);
    assert_eq!(customer_of(&fourth, &a), "Omega Bank");

    // A removed file is gone from the list, and a new one appears.
    fs::remove_file(store.path_of(&c)).unwrap();
    let d = save(&store, "Delta Air", "2026-11-06T10:00:00Z");
    let fifth = load_later(&store);
    let ids: Vec<_> = fifth.orders.iter().map(|o| o.id.clone()).collect();
    assert_eq!(ids, [d, b, a]);
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let store = test_store(dir.path());
    save(&store, "Alpha Bank", "2026-11-01T10:00:00Z");
    load_later(&store);
    let cache = cache_file(dir.path());
    let mut bytes = fs::read(&cache).unwrap();
    let half = bytes.len() / 2;
    bytes.truncate(half);
    fs::write(&cache, &bytes).unwrap();
    let report = load_later(&store);
    assert_eq!((report.parsed, report.orders.len()), (1, 1));
    fs::write(&cache, b"garbage").unwrap();
    let report = load_later(&store);
    assert_eq!((report.parsed, report.orders.len()), (1, 1));
}

/// A deleted file's entry neither costs the others their place in the cache nor stays in
/// it: the next load writes the cache without it.
#[test]
fn a_deleted_file_costs_the_cache_nothing_and_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let store = test_store(dir.path());
    let a = save(&store, "Alpha Bank", "2026-11-01T10:00:00Z");
    let b = save(&store, "Beta Mining", "2026-11-02T10:00:00Z");
    let c = save(&store, "Gamma Foods", "2026-11-03T10:00:00Z");
    load_later(&store);
    let cached = || {
        let folder = order_desk::store::summary_cache::folder_name(dir.path());
        order_desk::store::summary_cache::read(&cache_file(dir.path()), &folder)
            .map(|e| e.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(cached(), [a.clone(), b.clone(), c.clone()]);

    // The oldest id goes: the entries after it are still used.
    fs::remove_file(dir.path().join(format!("{a}.ron"))).unwrap();
    let report = load_later(&store);
    assert_eq!((report.parsed, report.from_cache), (0, 2));
    assert_eq!(cached(), [b.clone(), c.clone()]);

    // The newest id goes, nothing else changes: the cache still drops it.
    fs::remove_file(dir.path().join(format!("{c}.ron"))).unwrap();
    let report = load_later(&store);
    assert_eq!((report.parsed, report.from_cache), (0, 1));
    assert_eq!(cached(), [b]);
}

/// A cache names the folder it was written for. Copied under another folder's key, it is
/// ignored even when that folder holds the very same files (hard links: same inode, size
/// and times), so a cache can never vouch for a folder it was not made from.
#[cfg(unix)]
#[test]
fn a_cache_copied_from_another_folder_is_ignored_even_for_the_same_files() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    fs::create_dir(&a).unwrap();
    fs::create_dir(&b).unwrap();
    let store_a = test_store(&a);
    let id = save(&store_a, "Alpha Bank", "2026-11-01T10:00:00Z");
    let name = format!("{id}.ron");
    fs::hard_link(a.join(&name), b.join(&name)).unwrap();
    let first = load_later(&store_a);
    assert_eq!((first.parsed, first.from_cache), (1, 0));
    let again = load_later(&store_a);
    assert_eq!(
        (again.parsed, again.from_cache),
        (0, 1),
        "a's own cache is used"
    );

    fs::copy(cache_file(&a), cache_file(&b)).unwrap();
    let report = load_later(&test_store(&b));
    assert_eq!((report.parsed, report.from_cache), (1, 0));
    assert_eq!(customer_of(&report, &id), "Alpha Bank");
}

#[test]
fn files_changed_moments_ago_are_not_trusted_to_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let store = test_store(dir.path());
    save(&store, "Alpha Bank", "2026-11-01T10:00:00Z");
    let now = Timestamp::now();
    let first = store.load_summaries_at(now, &|_, _| {}).unwrap();
    let second = store.load_summaries_at(now, &|_, _| {}).unwrap();
    assert_eq!((first.parsed, second.parsed), (1, 1));
}
