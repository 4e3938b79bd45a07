//! Drives the real binary in a pseudo-terminal: open it on a temp folder, add a tier,
//! check out, quit; then check the saved order file and that the terminal was restored.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn order_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    name.ends_with(".ron") && !name.starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Where the app keeps the desk's cart draft for `dir`: the user's state folder, never
/// the orders folder.
fn draft_path(dir: &Path) -> std::path::PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "user/state/cart-{}-pty.ron",
        order_desk::user_dirs::folder_key(dir)
    ))
}

type Output = Arc<Mutex<Vec<u8>>>;

/// The running app: its process, everything it wrote, its keyboard, and the master side
/// of the terminal (kept open: closing it would hang the app up).
type Running = (
    Box<dyn portable_pty::Child + Send + Sync>,
    Output,
    Box<dyn Write + Send>,
    Box<dyn portable_pty::MasterPty + Send>,
);

/// The app running in a 100×30 pseudo-terminal on `dir`, its output collected.
fn spawn(dir: &Path) -> Running {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_order-desk"));
    cmd.env("ORDER_DESK_ORDERS", dir);
    cmd.env(
        "ORDER_DESK_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/user/cache"),
    );
    cmd.env(
        "ORDER_DESK_STATE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/user/state"),
    );
    cmd.env(
        "ORDER_DESK_CONFIG_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/user/config"),
    );
    cmd.env("ORDER_DESK_DESK", "pty");
    cmd.env("USER", "pat");
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(dir);
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let output: Output = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let writer = pair.master.take_writer().unwrap();
    (child, output, writer, pair.master)
}

fn seen(output: &Output, text: &str) -> bool {
    String::from_utf8_lossy(&output.lock().unwrap()).contains(text)
}

fn wait_exit(child: &mut Box<dyn portable_pty::Child + Send + Sync>) -> portable_pty::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("the app did not quit");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The alternate screen was entered and, last, left again.
fn assert_restored(output: &Output) {
    wait_for("the last output", || seen(output, "\x1b[?1049l"));
    let output = output.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&output);
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("the app used the alternate screen");
    let left = text
        .rfind("\x1b[?1049l")
        .expect("the app left the alternate screen");
    assert!(
        left > entered,
        "the alternate screen was left after it was entered"
    );
}

#[test]
fn the_binary_checks_out_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, output, mut writer, _master) = spawn(dir.path());
    let mut send = |keys: &[u8]| {
        writer.write_all(keys).unwrap();
        writer.flush().unwrap();
        // One key at a time, as a person types, so no two are read as one sequence.
        std::thread::sleep(Duration::from_millis(60));
    };

    wait_for("the first frame", || seen(&output, "Families"));
    for key in [b"l", b"l", b"a"] {
        send(key);
    }
    let draft = draft_path(dir.path());
    wait_for("the autosaved cart", || {
        std::fs::read_to_string(&draft).is_ok_and(|t| t.contains("dev-basic"))
    });
    send(b"2");
    send(b"c");
    for c in "Pat Corp".bytes() {
        send(&[c]);
    }
    send(b"\x13"); // Ctrl-S
    wait_for("the order file", || !order_files(dir.path()).is_empty());
    // The save runs off the UI thread: the form closes when its outcome is reported.
    // (Only changed cells are redrawn, so look for text no earlier frame had.)
    wait_for("the emptied cart", || seen(&output, "The cart is empty."));
    send(b"q");
    let status = wait_exit(&mut child);
    assert!(status.success(), "{status:?}");

    let files = order_files(dir.path());
    assert_eq!(files.len(), 1);
    let order = order_desk::store::read_order(&files[0]).unwrap();
    assert_eq!(order.customer, "Pat Corp");
    assert_eq!(order.rep, "pat");
    assert!(order.id.ends_with("-pty"), "{}", order.id);
    assert_eq!(order.lines[0].sku, "dev-basic");
    assert_eq!(order.total.to_string(), "50000.00");
    let draft = std::fs::read_to_string(&draft).unwrap();
    assert!(
        !draft.contains("dev-basic"),
        "the cart was emptied:\n{draft}"
    );
    assert_restored(&output);
}

#[test]
fn ctrl_c_quits_at_once_and_the_cart_survives() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, output, mut writer, _master) = spawn(dir.path());
    wait_for("the first frame", || seen(&output, "Families"));
    writer.write_all(b"a").unwrap();
    writer.flush().unwrap();
    let draft = draft_path(dir.path());
    wait_for("the autosaved cart", || {
        std::fs::read_to_string(&draft).is_ok_and(|t| t.contains("dev-basic"))
    });
    writer.write_all(b"\x03").unwrap();
    writer.flush().unwrap();
    assert!(wait_exit(&mut child).success());
    assert_restored(&output);

    // The next start finds the cart where it was.
    let (mut child, output, mut writer, _master) = spawn(dir.path());
    wait_for("the first frame", || seen(&output, "Families"));
    assert!(seen(&output, "Cart (1)"), "the cart draft was restored");
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    assert!(wait_exit(&mut child).success());
}
