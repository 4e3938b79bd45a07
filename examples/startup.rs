//! Measures the terminal app as a person meets it, at any number of orders: time to the
//! first frame, time until the Orders screen shows the whole book, and peak memory.
//!
//! `cargo run --release --example startup -- DIR [RUNS]` (run `cargo build --release` first;
//! DIR from `cargo run --release --example generate_orders -- --count 100000 --dir DIR`).
//!
//! The app runs in a pseudo-terminal of 120x35 with `ORDER_DESK_ORDERS=DIR`. "First frame"
//! is the time from spawn until the tab bar is drawn; "loaded" is the time until the newest
//! order's id is drawn on the Orders screen (switched to with `3` right after the first
//! frame); peak memory is the process's VmHWM once the book is shown, and again after a
//! reload (Ctrl-R), which lists and stats the folder and reads only the files that changed
//! while the book stays on screen.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    // target/release/examples/startup -> target/release/order-desk
    exe.parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("order-desk"))
        .expect("binary path")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

struct Run {
    first_frame_ms: f64,
    loaded_ms: f64,
    peak_kib: u64,
    peak_after_reload_kib: u64,
}

/// The process's peak resident memory so far (VmHWM), in KiB.
fn peak_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn run_once(dir: &str, newest: &str) -> Run {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 35,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(binary());
    cmd.env("ORDER_DESK_ORDERS", dir);
    cmd.env("ORDER_DESK_DESK", "meas");
    cmd.env("TERM", "xterm-256color");
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn the app");
    let pid = child.process_id().expect("pid");
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let wait_for = |needle: &[u8], seen: &mut Vec<u8>| -> f64 {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !contains(seen, needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(chunk) => seen.extend_from_slice(&chunk),
                Err(_) => panic!("gave up waiting for {:?}", String::from_utf8_lossy(needle)),
            }
        }
        started.elapsed().as_secs_f64() * 1e3
    };
    let first_frame_ms = wait_for(b"Catalog", &mut seen);
    writer.write_all(b"3").expect("switch to Orders");
    writer.flush().ok();
    seen.clear();
    let loaded_ms = wait_for(newest.as_bytes(), &mut seen);
    let peak = peak_kib(pid);
    // A reload (Ctrl-R) looks for changes while the book stays on screen; give it time
    // to finish, then read the peak again.
    writer.write_all(b"\x12").expect("reload");
    writer.flush().ok();
    std::thread::sleep(Duration::from_secs(3));
    let peak_after_reload = peak_kib(pid);
    writer.write_all(b"q").expect("quit");
    writer.flush().ok();
    child.wait().expect("the app exits");
    Run {
        first_frame_ms,
        loaded_ms,
        peak_kib: peak,
        peak_after_reload_kib: peak_after_reload,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: startup DIR [RUNS]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let store = order_desk::store::Store::new(&dir);
    let newest = store
        .order_files()
        .expect("list the folder")
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .filter(|s| !s.starts_with("9999"))
        .max()
        .expect("the folder has orders");
    let (mut first, mut loaded, mut peak, mut reload) = (vec![], vec![], vec![], vec![]);
    for run in 0..runs {
        let r = run_once(&dir, &newest);
        println!(
            "run {run}: first frame {:.1} ms, whole book shown {:.0} ms, peak memory {:.1} MiB, after a reload {:.1} MiB",
            r.first_frame_ms,
            r.loaded_ms,
            r.peak_kib as f64 / 1024.0,
            r.peak_after_reload_kib as f64 / 1024.0
        );
        first.push(r.first_frame_ms);
        loaded.push(r.loaded_ms);
        peak.push(r.peak_kib as f64 / 1024.0);
        reload.push(r.peak_after_reload_kib as f64 / 1024.0);
    }
    println!(
        "median of {runs}: first frame {:.1} ms, whole book shown {:.0} ms, peak memory {:.1} MiB, after a reload {:.1} MiB",
        median(first),
        median(loaded),
        median(peak),
        median(reload)
    );
}
