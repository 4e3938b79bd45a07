//! The real binary with a clean environment, for the command-line tests: a fixed desk tag,
//! rep (`--rep` overrides it) and time zone, the user's cache, state and config folders
//! under target/tmp, and no orders folder inherited from the person running the tests.

// Each test file uses its own part of this.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The binary on the orders folder `dir`, not yet run.
pub fn order_desk(dir: &Path) -> Command {
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

/// Runs the binary with `args` and collects what it said.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let out = order_desk(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r.stdout
}
