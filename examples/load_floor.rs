//! Measures loading an orders folder against the floor: a bare read of the same files.
//!
//! `cargo run --release --example load_floor -- DIR [RUNS]`
//!
//! Prints, for each run, the bare read (open + read every `.ron` file, no parsing) on one
//! thread and on all cores, the full `Store::load_all`, and the ratio of load to floor.

use std::io::Read;
use std::time::Instant;

use order_desk::store::Store;
use rayon::prelude::*;

fn bare_read(files: &[std::path::PathBuf], parallel: bool) -> usize {
    let read = |p: &std::path::PathBuf| {
        let mut buf = Vec::new();
        std::fs::File::open(p)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .unwrap_or(0)
    };
    if parallel {
        files.par_iter().map(read).sum()
    } else {
        files.iter().map(read).sum()
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: load_floor DIR [RUNS]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let store = Store::new(&dir);
    let (mut floor1, mut floor_n, mut load) = (vec![], vec![], vec![]);
    for run in 0..runs {
        // The floor lists the folder too, as the load does.
        let t = Instant::now();
        let files = store.order_files().expect("list the folder");
        let bytes = bare_read(&files, false);
        floor1.push(t.elapsed().as_secs_f64() * 1e3);

        let t = Instant::now();
        let files = store.order_files().expect("list the folder");
        bare_read(&files, true);
        floor_n.push(t.elapsed().as_secs_f64() * 1e3);

        let t = Instant::now();
        let report = store.load_summaries_with(&|_, _| {}).expect("load");
        load.push(t.elapsed().as_secs_f64() * 1e3);
        println!(
            "run {run}: {} files, {:.1} MB; floor 1 thread {:.0} ms, floor {} threads {:.0} ms, load {:.0} ms ({} orders, {} from the cache, {} parsed, {} damaged)",
            files.len(),
            bytes as f64 / 1e6,
            floor1[run],
            rayon::current_num_threads(),
            floor_n[run],
            load[run],
            report.orders.len(),
            report.from_cache,
            report.parsed,
            report.damaged.len()
        );
    }
    let (f1, fnn, l) = (median(floor1), median(floor_n), median(load));
    println!(
        "median of {runs}: floor 1 thread {f1:.0} ms, floor all cores {fnn:.0} ms, load {l:.0} ms; load / floor(1 thread) = {:.2}, load / floor(all cores) = {:.2}",
        l / f1,
        l / fnn
    );
}
