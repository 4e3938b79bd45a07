//! A git call with a deadline. Each git runs in a process group of its own, so that when
//! it passes its deadline, or the desk quits or is stopped by a signal, git is ended with
//! the helpers it started (`git-remote-https`, `ssh`, the merge driver) and nothing goes on
//! talking to a remote after the desk is gone.
//!
//! The deadline is `ORDER_DESK_GIT_TIMEOUT` seconds ([`DEFAULT_TIMEOUT`] when unset): long
//! enough for a slow remote to finish a large book, short enough that a silent one cannot
//! hold a sync or `team init` for ever.

use std::collections::BTreeSet;
use std::io::{self, Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitStatus, Output, Stdio};
use std::sync::{Mutex, Once, mpsc};
use std::thread;
use std::time::Duration;

/// The deadline of one git call when `ORDER_DESK_GIT_TIMEOUT` is not set.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// The variable that sets the deadline, in whole seconds.
pub const TIMEOUT_VAR: &str = "ORDER_DESK_GIT_TIMEOUT";

/// The process groups of the git calls running now.
static LIVE: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());
static SIGNALS: Once = Once::new();

/// The deadline of one git call: `ORDER_DESK_GIT_TIMEOUT` seconds, else the default. A
/// value that is not a whole number of seconds above zero is the default too.
pub fn timeout() -> Duration {
    std::env::var(TIMEOUT_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// How a call ended.
pub enum Ended {
    Exited(Output),
    /// Still running at the deadline: ended with its helpers.
    TimedOut,
}

/// Runs `cmd` (stdin fed from `input`, or empty), its output captured, ended with its
/// whole process group at `deadline`.
pub fn run(mut cmd: Command, input: Option<Vec<u8>>, deadline: Duration) -> io::Result<Ended> {
    cmd.process_group(0)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn()?;
    let group = child.id() as i32;
    live().insert(group);
    let _forget = Forget(group);
    // Each pipe on a thread of its own, so a large answer on one cannot block the other
    // (or the writer).
    let writer = child.stdin.take().map(|mut stdin| {
        let input = input.unwrap_or_default();
        thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })
    });
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let (tx, rx) = mpsc::channel::<io::Result<ExitStatus>>();
    thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let status = match rx.recv_timeout(deadline) {
        Ok(status) => status?,
        Err(_) => {
            kill_group(group);
            // Reap it (the waiter thread does), and let the pipes close.
            let _ = rx.recv_timeout(Duration::from_secs(5));
            return Ok(Ended::TimedOut);
        }
    };
    // Helpers git left behind keep the pipes open: end them before reading to the end.
    kill_group(group);
    if let Some(w) = writer {
        let _ = w.join();
    }
    Ok(Ended::Exited(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }))
}

/// Ends every git call still running, with its helpers: for an app that quits while a
/// sync is under way.
pub fn end_all() {
    let groups: Vec<i32> = live().iter().copied().collect();
    for group in groups {
        kill_group(group);
    }
}

/// How many git calls are running now.
pub fn running() -> usize {
    live().len()
}

fn live() -> std::sync::MutexGuard<'static, BTreeSet<i32>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Takes a group off the live list when its call returns, however it returns.
struct Forget(i32);

impl Drop for Forget {
    fn drop(&mut self) {
        live().remove(&self.0);
    }
}

fn kill_group(group: i32) {
    // SAFETY: kill(2) with a negative pid signals the process group `group`, which this
    // process made for the child; no memory is shared.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}

fn reader(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut buf);
        }
        buf
    })
}

/// For a command line: a git in a group of its own no longer hears the terminal's Ctrl-C,
/// so when the command is interrupted, terminated or hung up on, its git calls are ended
/// first, then it ends as the signal says. (The app has its own signal flags and calls
/// [`end_all`] when it leaves.)
pub fn end_with_signals() {
    SIGNALS.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                end_all();
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// A shell that starts a helper which outlives it unless its group is ended, and
    /// writes the helper's pid to `pidfile`.
    fn lingering(pidfile: &std::path::Path) -> Command {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(format!(
            "sleep 30 & echo $! > '{}'; wait",
            pidfile.display()
        ));
        cmd
    }

    fn alive(pid: i32) -> bool {
        // A zombie is gone for our purpose: it runs nothing.
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|s| !s.split(") ").nth(1).is_some_and(|r| r.starts_with('Z')))
    }

    fn pid_in(pidfile: &std::path::Path) -> i32 {
        for _ in 0..200 {
            if let Ok(s) = std::fs::read_to_string(pidfile)
                && let Ok(pid) = s.trim().parse()
            {
                return pid;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("no pid written");
    }

    #[test]
    fn a_call_past_its_deadline_or_at_end_all_is_ended_with_its_helpers() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("pid");
        let started = Instant::now();
        let ended = run(lingering(&pidfile), None, Duration::from_millis(300)).unwrap();
        assert!(matches!(ended, Ended::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(10));
        let helper = pid_in(&pidfile);
        thread::sleep(Duration::from_millis(100));
        assert!(!alive(helper), "the helper {helper} outlived the deadline");
        assert_eq!(running(), 0);

        // The app quitting: every running call ends at once, helpers included. (One
        // test, since `end_all` ends every call of the process.)
        let pidfile = dir.path().join("pid2");
        let cmd = lingering(&pidfile);
        let call = thread::spawn(move || run(cmd, None, Duration::from_secs(60)));
        let helper = pid_in(&pidfile);
        let started = Instant::now();
        end_all();
        let out = call.join().unwrap().unwrap();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(matches!(out, Ended::Exited(o) if !o.status.success()));
        thread::sleep(Duration::from_millis(100));
        assert!(!alive(helper), "the helper {helper} outlived end_all");
    }

    #[test]
    fn the_deadline_comes_from_the_environment_or_the_default() {
        // Read only: the variable is not set in the test run.
        if std::env::var_os(TIMEOUT_VAR).is_none() {
            assert_eq!(timeout(), DEFAULT_TIMEOUT);
        }
    }
}
