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
        order_desk::store::user_dirs::folder_key(dir)
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
    spawn_with(dir, &[])
}

/// As [`spawn`], with more environment variables.
fn spawn_with(dir: &Path, env: &[(&str, &str)]) -> Running {
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
    for (name, value) in env {
        cmd.env(name, value);
    }
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

/// The screen as a terminal shows it after everything the app wrote (a vt100 emulator
/// reads the escape sequences), for text that ratatui writes in pieces.
fn screen(output: &Output) -> String {
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(30).unwrap(),
        std::num::NonZeroU16::new(100).unwrap(),
        0,
    );
    parser.process(&output.lock().unwrap());
    parser.screen().contents()
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

/// Every mode the app switched on was switched off, after it was last switched on:
/// the alternate screen, bracketed paste, mouse capture; and the cursor shown again.
fn assert_all_modes_reset(output: &Output) {
    assert_restored(output);
    let text = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
    for (on, off) in [
        ("\x1b[?1049h", "\x1b[?1049l"),
        ("\x1b[?2004h", "\x1b[?2004l"),
        ("\x1b[?1000h", "\x1b[?1000l"),
        ("\x1b[?25l", "\x1b[?25h"),
    ] {
        let on_at = text
            .rfind(on)
            .unwrap_or_else(|| panic!("{on:?} was never written"));
        let off_at = text
            .rfind(off)
            .unwrap_or_else(|| panic!("{off:?} was never written"));
        assert!(off_at > on_at, "{off:?} comes after the last {on:?}");
    }
}

fn signal(child: &dyn portable_pty::Child, name: &str) {
    let pid = child.process_id().expect("the app has a pid");
    let status = std::process::Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The line settings of the app's terminal, as `stty -a` reads them on its device (the
/// master side is still open, so they outlive the app): raw mode is off when they say
/// `icanon` and `echo` again.
fn tty_modes(master: &dyn portable_pty::MasterPty) -> String {
    let device = master
        .tty_name()
        .expect("the pseudo-terminal has a device name");
    let out = std::process::Command::new("stty")
        .args(["-a", "-F"])
        .arg(&device)
        .output()
        .unwrap();
    assert!(out.status.success(), "stty -F {device:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_draft() {
    for name in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, output, mut writer, master) = spawn(dir.path());
        wait_for("the first frame", || seen(&output, "Families"));
        writer.write_all(b"a").unwrap();
        writer.flush().unwrap();
        let draft = draft_path(dir.path());
        wait_for("the autosaved cart", || {
            std::fs::read_to_string(&draft).is_ok_and(|t| t.contains("dev-basic"))
        });
        signal(&*child, name);
        let status = wait_exit(&mut child);
        let code = if name == "TERM" { 143 } else { 129 };
        assert_eq!(status.exit_code(), code, "SIG{name}: {status:?}");
        assert_all_modes_reset(&output);
        assert!(
            seen(
                &output,
                &format!("stopped by SIG{name}; the cart draft is kept")
            ),
            "SIG{name}: the app says why it stopped"
        );
        let modes = tty_modes(&*master);
        assert!(
            modes.contains(" icanon") && modes.contains(" echo"),
            "SIG{name}: raw mode is off: {modes}"
        );
        let kept = std::fs::read_to_string(&draft).unwrap();
        assert!(kept.contains("dev-basic"), "SIG{name}: draft kept: {kept}");
    }
}

#[test]
fn a_panic_in_the_loader_ends_the_app_with_a_message_and_an_error() {
    // The fault is compiled into debug builds only.
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut child, output, _writer, _master) =
        spawn_with(dir.path(), &[("ORDER_DESK_TEST_LOADER_PANIC", "1")]);
    let status = wait_exit(&mut child);
    assert_eq!(status.exit_code(), 101, "{status:?}");
    assert_all_modes_reset(&output);
    let text = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
    let left = text.rfind("\x1b[?1049l").unwrap();
    assert!(
        text[left..].contains("a bug stopped the app: loader panic"),
        "the message is printed after the terminal is restored:\n{}",
        &text[left..]
    );
}

#[test]
fn a_paste_is_read_at_once_and_its_newlines_never_submit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, output, mut writer, _master) = spawn(dir.path());
    let mut send = |keys: &[u8]| {
        writer.write_all(keys).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    };
    wait_for("the first frame", || seen(&output, "Families"));
    assert!(seen(&output, "\x1b[?2004h"), "bracketed paste is on");
    for key in [b"a", b"2", b"c"] {
        send(key);
    }
    wait_for("the checkout form", || seen(&output, "Check out"));
    // 10 KB with line breaks of every kind, then nothing more: the end must show
    // without another key, and no break may submit the form.
    let mut paste = b"\x1b[200~".to_vec();
    for i in 0..1000 {
        paste.extend_from_slice(format!("line {i:03}\r\n").as_bytes());
    }
    paste.extend_from_slice(b"Pat\rPaste\nCorp\x1b[201~");
    assert!(paste.len() > 10_000);
    send(&paste);
    wait_for("the end of the paste on screen", || {
        screen(&output).contains("Pat Paste Corp▏")
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        order_files(dir.path()).is_empty(),
        "a pasted newline saved nothing"
    );

    // The field is one line of text the rep can clear and retype; then Ctrl-S saves.
    send(b"\x15"); // Ctrl-U
    send(b"\x1b[200~Pat\nCorp\x1b[201~");
    std::thread::sleep(Duration::from_millis(300));
    assert!(order_files(dir.path()).is_empty());
    send(b"\x13"); // Ctrl-S
    wait_for("the order file", || !order_files(dir.path()).is_empty());
    let order = order_desk::store::read_order(&order_files(dir.path())[0]).unwrap();
    assert_eq!(order.customer, "Pat Corp");
    // The save finishes off the UI thread; a `q` typed before it would go into the form.
    wait_for("the saved order's message", || {
        screen(&output).contains("The cart is empty.")
    });
    send(b"q");
    assert!(wait_exit(&mut child).success());
    assert_all_modes_reset(&output);
}

#[test]
fn ten_kilobytes_of_typing_are_all_read_without_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, output, mut writer, _master) = spawn(dir.path());
    wait_for("the first frame", || seen(&output, "Families"));
    writer.write_all(b"/").unwrap();
    writer.flush().unwrap();
    wait_for("the filter line", || screen(&output).contains("Filter:"));
    // Not a bracketed paste: 10 KB of keys at once, as a terminal without paste mode or
    // a fast typist's burst sends them. All of them are handled before the next frame.
    let mut keys = vec![b'x'; 10_000];
    keys.extend_from_slice(b"END");
    let start = Instant::now();
    writer.write_all(&keys).unwrap();
    writer.flush().unwrap();
    wait_for("the last key on screen", || {
        screen(&output).contains("xEND▏")
    });
    let took = start.elapsed();
    assert!(took < Duration::from_secs(5), "10 KB of keys took {took:?}");
    writer.write_all(b"\x1b").unwrap();
    writer.flush().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    assert!(wait_exit(&mut child).success());
}

#[test]
fn a_click_on_a_tab_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, output, mut writer, _master) = spawn(dir.path());
    wait_for("the first frame", || seen(&output, "Families"));
    assert!(seen(&output, "\x1b[?1000h"), "mouse reporting is on");
    // " Order Desk │ 1 Catalog │ 2 Cart │ 3 Quotes │ 4 Orders │": "4 Orders" is at
    // columns 47-54 (SGR mouse reports count from 1): press and release the left button.
    writer.write_all(b"\x1b[<0;50;1M\x1b[<0;50;1m").unwrap();
    writer.flush().unwrap();
    wait_for("the Orders screen", || {
        screen(&output).contains("0 of 0 orders")
    });
    // The wheel moves like ↓ and ↑; a click on nothing does nothing.
    writer.write_all(b"\x1b[<65;10;10M\x1b[<0;79;29M").unwrap();
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    assert!(wait_exit(&mut child).success());
    assert_all_modes_reset(&output);
}

#[test]
fn a_panic_in_the_event_loop_restores_the_terminal_first() {
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut child, output, mut writer, master) =
        spawn_with(dir.path(), &[("ORDER_DESK_TEST_KEY_PANIC", "1")]);
    wait_for("the first frame", || seen(&output, "Families"));
    writer.write_all(b"j").unwrap();
    writer.flush().unwrap();
    let status = wait_exit(&mut child);
    assert_eq!(status.exit_code(), 101, "{status:?}");
    assert_all_modes_reset(&output);
    let text = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
    let left = text.rfind("\x1b[?1049l").unwrap();
    assert!(
        text[left..].contains("key panic asked for"),
        "the panic message is printed on the restored screen:\n{}",
        &text[left..]
    );
    let modes = tty_modes(&*master);
    assert!(
        modes.contains(" icanon") && modes.contains(" echo"),
        "{modes}"
    );
}
