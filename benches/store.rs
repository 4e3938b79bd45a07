//! Store benchmarks at 1k / 10k / 100k orders: loading (warm cache and cold) and reloading
//! an unchanged folder, against the bare-read floor on the same folder; and saving a new
//! order or a status change.
//!
//! `cargo bench --bench store` (fixtures are generated once under the temp folder).

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use order_desk::domain::catalog::Catalog;
use order_desk::domain::rules::Transition;
#[path = "common/sample.rs"]
#[allow(dead_code)] // each user of the fixtures takes a part of them
mod sample;
use order_desk::store::Store;
use order_desk::store::user_dirs::UserDirs;
use rayon::prelude::*;

/// A folder of `n` sample orders, generated on first use and kept for later runs.
fn fixture(name: &str, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("order-desk-bench/{name}-{n}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        sample::write_folder(&dir, n, 7).expect("write fixture");
        std::fs::write(&done, b"").expect("mark fixture");
    }
    dir
}

/// The floor: list the folder, then open and read every order file, no parsing.
fn bare_read(store: &Store) -> usize {
    let files = store.order_files().expect("list");
    files
        .par_iter()
        .map(|p| {
            let mut buf = Vec::new();
            std::fs::File::open(p)
                .and_then(|mut f| f.read_to_end(&mut buf))
                .unwrap_or(0)
        })
        .sum()
}

fn load(c: &mut Criterion) {
    for n in [1_000, 10_000, 100_000] {
        let dir = fixture("load", n);
        let store = Store::with_dirs(&dir, bench_dirs());
        let mut group = c.benchmark_group(format!("load/{n}"));
        group.sample_size(10);
        group.bench_function("floor_bare_read", |b| {
            b.iter(|| black_box(bare_read(&store)))
        });
        // Make sure the cache is written and settled before the warm runs.
        store
            .load_summaries_at(
                Timestamp::now() + jiff::SignedDuration::from_secs(60),
                &|_, _| {},
            )
            .expect("load");
        group.bench_function("load_cached", |b| {
            b.iter(|| {
                black_box(
                    store
                        .load_summaries_with(&|_, _| {})
                        .expect("load")
                        .orders
                        .len(),
                )
            })
        });
        // A reload of an unchanged folder: list, stat, compare stamps, read nothing.
        let book = store.load_summaries_with(&|_, _| {}).expect("load").orders;
        let known: order_desk::store::Known =
            book.iter().map(|o| (o.id.as_str(), o.stamp)).collect();
        drop(book);
        group.bench_function("reload_unchanged", |b| {
            b.iter(|| {
                let delta = store.changes_since(&known, &|_, _| {}).expect("reload");
                black_box(delta.read)
            })
        });
        group.bench_function("load_cold_no_cache", |b| {
            b.iter_batched(
                || remove_cache(&dir),
                |()| {
                    let report = store
                        .load_summaries_at(Timestamp::UNIX_EPOCH, &|_, _| {})
                        .expect("load");
                    black_box(report.orders.len())
                },
                BatchSize::PerIteration,
            )
        });
        group.finish();
        store
            .load_summaries_at(
                Timestamp::now() + jiff::SignedDuration::from_secs(60),
                &|_, _| {},
            )
            .expect("load");
    }
}

/// The user folders of the benches: under `target/`, never the home folder.
fn bench_dirs() -> UserDirs {
    UserDirs::under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-user"))
}

fn remove_cache(dir: &Path) {
    let cache = bench_dirs().cache.expect("set");
    let _ = std::fs::remove_file(order_desk::store::summary_cache::file_for(&cache, dir));
}

fn save(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let skus: Vec<String> = catalog.tiers().map(|e| e.tier.sku.clone()).collect();
    let empty = tempfile::tempdir().expect("temp dir");
    for (label, dir) in [
        ("empty", empty.path().to_path_buf()),
        ("100k", fixture("save", 100_000)),
    ] {
        let store = Store::with_dirs(&dir, bench_dirs());
        let mut group = c.benchmark_group(format!("save/{label}"));
        group.sample_size(30);
        let mut i = 1_000_000;
        group.bench_function("save_new", |b| {
            b.iter_batched(
                || {
                    i += 1;
                    let mut order = sample::make_order(&catalog, &skus, i, 99);
                    // A fresh, unused order, so every save claims a new id.
                    order.created_at = Timestamp::now();
                    order
                },
                |order| black_box(store.save_new(order, "bnch").expect("save")),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("status_change", |b| {
            b.iter_batched(
                || {
                    i += 1;
                    let mut order = sample::make_order(&catalog, &skus, i, 99);
                    order.created_at = Timestamp::now();
                    order.status = order_desk::domain::order::Status::Unused;
                    order.history.truncate(1);
                    order.revision = 1;
                    order.valid_until = None;
                    store.save_new(order, "bnch").expect("save").id
                },
                |id| {
                    black_box(
                        store
                            .transition(
                                &id,
                                Some(1),
                                Transition::StartDelivery,
                                "bench",
                                None,
                                Timestamp::now(),
                            )
                            .expect("start"),
                    )
                },
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, load, save);
criterion_main!(benches);
