//! The terminal as the app holds it, and every way of giving it back.
//!
//! Promises:
//! - On entry: raw mode, the alternate screen, bracketed paste (a paste arrives as one
//!   event) and mouse capture. [`Guard`] undoes all four when it is dropped, which covers a
//!   normal quit, an error and a panic on the loop's own thread (unwinding drops it).
//! - SIGTERM, SIGHUP, SIGINT and SIGQUIT do not kill the app: they raise a flag the loop
//!   reads ([`stop_signal`]), so it leaves the same way a quit does (the cart draft is
//!   saved on every change, so it is kept). A second signal while the first is being
//!   handled ends the process at once, as a rep who sends it twice means.
//! - A panic on any other thread (the background loader, rayon's workers) does not touch
//!   the terminal from that thread: it is recorded ([`panicked`]) and the loop ends the app
//!   with the message and a non-zero exit. A panic on the loop's thread restores the
//!   terminal before the message is printed, so the message is readable.
//!
//! Signals go through `signal-hook`: setting an atomic from a signal handler is the only
//! safe thing a handler can do, and that crate is the maintained way to do it (crossterm
//! already depends on it, so it adds nothing to the build).

use std::io::{self, Write};
use std::panic;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::thread::{self, ThreadId};

use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::flag;

/// The signals that ask the app to stop.
const STOP_SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// The signal that asked the app to stop, 0 while none has.
static STOP: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
/// The first panic's message, from whatever thread it happened on.
static PANIC: Mutex<Option<String>> = Mutex::new(None);
static MAIN_THREAD: OnceLock<ThreadId> = OnceLock::new();
static HOOKS: Once = Once::new();
/// True while the terminal is in the app's modes, so restoring twice writes nothing twice.
static ENTERED: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back when dropped.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Installs the signal flags and the panic hook (once per process), then takes the
/// terminal. The hooks come first so that nothing can happen between the two.
pub fn enter() -> io::Result<(DefaultTerminal, Guard)> {
    install_hooks()?;
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    // From here on the guard restores whatever was switched on, even if a step fails.
    let guard = Guard;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    let terminal = ratatui::Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard))
}

/// Leaves every mode [`enter`] switched on. Errors are ignored: after SIGHUP the terminal
/// may be gone, and there is nothing better to do than try each step.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// The signal that asked the app to stop, if one did.
pub fn stop_signal() -> Option<i32> {
    let n = STOP.get()?.load(Ordering::SeqCst);
    (n != 0).then_some(n as i32)
}

/// The message of the first panic on any thread, if there was one.
pub fn panicked() -> Option<String> {
    PANIC
        .lock()
        .map(|p| p.clone())
        .unwrap_or_else(|e| e.into_inner().clone())
}

/// The name a rep knows a signal by.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        SIGINT => "SIGINT",
        SIGQUIT => "SIGQUIT",
        _ => "a signal",
    }
}

fn install_hooks() -> io::Result<()> {
    let mut result = Ok(());
    HOOKS.call_once(|| {
        let _ = MAIN_THREAD.set(thread::current().id());
        let stop = Arc::clone(STOP.get_or_init(|| Arc::new(AtomicUsize::new(0))));
        let asked = Arc::new(AtomicBool::new(false));
        for signal in STOP_SIGNALS {
            // Registered first, so it sees the flag as the earlier signal left it: a second
            // signal ends the process (128 + n, the shell's convention for "killed by n").
            let second =
                flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&asked));
            let first = flag::register(signal, Arc::clone(&asked))
                .and_then(|_| flag::register_usize(signal, Arc::clone(&stop), signal as usize));
            if let Err(e) = second.and(first) {
                result = Err(e);
            }
        }
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_string());
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let name = thread::current().name().unwrap_or("unnamed").to_string();
            let message = format!("{payload} (thread {name}{place})");
            if let Ok(mut first) = PANIC.lock() {
                first.get_or_insert(message);
            }
            if MAIN_THREAD.get() == Some(&thread::current().id()) {
                // The loop itself is going down: give the terminal back so the message
                // below is printed on the rep's own screen, not the alternate one.
                restore();
                default(info);
            }
            // Another thread: printing now would land on the alternate screen and vanish.
            // The loop sees the message within a frame, ends the app and prints it.
        }));
    });
    result
}
