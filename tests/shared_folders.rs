//! Issue 22, item 6: a folder shared by a group keeps working for the group. The folders
//! and files the desk makes in a set-group-id, group-writable orders folder take its group
//! and its group access whatever the user's umask, so a second OS user can add customers,
//! quote and accept in a folder the first one set up. The real binary, started with a
//! 077 umask (and, when the tests run as root, as two users of one group).

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

use crate::binary::{Run, order_desk};

/// A group no user of the machine needs to be in: root gives the folder to it.
const GROUP: u32 = 4242;

/// Who runs the binary: the caller as they are, or (root only) another user of [`GROUP`].
#[derive(Clone, Copy)]
enum As {
    Me,
    User(u32),
}

/// Runs the binary on `book` with a 077 umask, as `who`, with user folders under `home`.
fn run_as(who: As, home: &Path, book: &Path, args: &[&str]) -> Run {
    let mut cmd = order_desk(book);
    cmd.env("HOME", home)
        .env("ORDER_DESK_CACHE_DIR", home.join("cache"))
        .env("ORDER_DESK_STATE_DIR", home.join("state"))
        .env("ORDER_DESK_CONFIG_DIR", home.join("config"))
        .env(
            "ORDER_DESK_DESK",
            match who {
                As::Me => "me".to_string(),
                As::User(uid) => format!("u{uid}"),
            },
        )
        .args(args);
    // SAFETY: only async-signal-safe calls (setgroups, setgid, setuid, umask) between
    // fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if let As::User(uid) = who {
                let groups = [GROUP as libc::gid_t];
                if libc::setgroups(1, groups.as_ptr()) != 0
                    || libc::setgid(uid as libc::gid_t) != 0
                    || libc::setuid(uid as libc::uid_t) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
            }
            libc::umask(0o077);
            Ok(())
        });
    }
    let out = cmd.output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok_as(who: As, home: &Path, book: &Path, args: &[&str]) -> String {
    let r = run_as(who, home, book, args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r.stdout.trim().to_string()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// A shared orders folder (mode 2770) in a temp folder others may pass through; root
/// gives it to [`GROUP`].
fn shared_book() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let book = root.path().join("book");
    fs::create_dir(&book).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&book, None, Some(GROUP)).unwrap();
    }
    fs::set_permissions(&book, fs::Permissions::from_mode(0o2770)).unwrap();
    (root, book)
}

/// Every folder and file under `dir`, the folder itself left out.
fn everything(dir: &Path) -> Vec<(PathBuf, fs::Metadata)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let meta = fs::symlink_metadata(entry.path()).unwrap();
        if meta.is_dir() {
            out.extend(everything(&entry.path()));
        }
        out.push((entry.path(), meta));
    }
    out
}

/// Every folder under `book` is set-group-id with the group's rwx, every file readable
/// and writable by the group (the lock, which the others open read-only, readable), all
/// in the book's group.
fn assert_group_shared(book: &Path) {
    let gid = fs::metadata(book).unwrap().gid();
    let all = everything(book);
    assert!(all.len() >= 5, "{all:?}");
    for (path, meta) in all {
        let mode = meta.mode() & 0o7777;
        assert_eq!(meta.gid(), gid, "{path:?} has the folder's group");
        if meta.is_dir() {
            assert_eq!(mode & 0o2070, 0o2070, "{path:?} is {mode:o}");
        } else if path.ends_with(".order-desk.lock") {
            assert_eq!(mode & 0o060, 0o040, "{path:?} is {mode:o}");
        } else {
            assert_eq!(mode & 0o060, 0o060, "{path:?} is {mode:o}");
        }
    }
}

#[test]
fn i22_a_shared_folder_gives_the_group_what_the_desk_makes_whatever_the_umask() {
    let (root, book) = shared_book();
    let home = root.path().join("home");
    let me = As::Me;
    ok_as(
        me,
        &home,
        &book,
        &["customer", "add", "--name", "Acme", "--country", "BR"],
    );
    let quote = ok_as(
        me,
        &home,
        &book,
        &["quote", "new", "--customer", "Acme", "--item", "dev-basic"],
    );
    ok_as(me, &home, &book, &["quote", "accept", &quote]);
    ok_as(
        me,
        &home,
        &book,
        &["order", "new", "--customer", "Acme", "--item", "dev-basic"],
    );
    assert!(book.join("customers").is_dir() && book.join("quotes").is_dir());
    assert!(book.join(".order-desk.lock").is_file());
    assert_group_shared(&book);

    // The user's own folders stay the user's.
    for (path, meta) in everything(&home) {
        assert_eq!(meta.mode() & 0o077, 0, "{path:?} is private");
    }
}

/// Two users of one group, each with a 077 umask: the second adds customers, quotes and
/// accepts in the folder the first set up, and the first accepts the second's quote.
/// Needs root to act as two users; skipped otherwise (the test above checks the modes).
#[test]
fn i22_a_second_user_adds_quotes_and_accepts_in_a_folder_the_first_set_up() {
    if !is_root() {
        eprintln!("skipped: acting as two users needs root");
        return;
    }
    let (root, book) = shared_book();
    let home = |uid: u32| {
        let home = root.path().join(format!("home-{uid}"));
        fs::create_dir(&home).unwrap();
        std::os::unix::fs::chown(&home, Some(uid), Some(uid)).unwrap();
        fs::set_permissions(&home, fs::Permissions::from_mode(0o700)).unwrap();
        home
    };
    let (ann, bob) = (As::User(4001), As::User(4002));
    let (ann_home, bob_home) = (home(4001), home(4002));

    ok_as(
        ann,
        &ann_home,
        &book,
        &["customer", "add", "--name", "Acme", "--country", "BR"],
    );
    let anns_quote = ok_as(
        ann,
        &ann_home,
        &book,
        &["quote", "new", "--customer", "Acme", "--item", "dev-basic"],
    );

    ok_as(
        bob,
        &bob_home,
        &book,
        &["customer", "add", "--name", "Globex", "--country", "DE"],
    );
    let bobs_quote = ok_as(
        bob,
        &bob_home,
        &book,
        &[
            "quote",
            "new",
            "--customer",
            "Globex",
            "--item",
            "dev-basic",
        ],
    );
    let order = ok_as(bob, &bob_home, &book, &["quote", "accept", &anns_quote]);
    assert!(!order.is_empty());

    ok_as(ann, &ann_home, &book, &["quote", "accept", &bobs_quote]);
    let list = ok_as(ann, &ann_home, &book, &["customers"]);
    assert!(list.contains("Acme") && list.contains("Globex"), "{list}");
    let orders = ok_as(bob, &bob_home, &book, &["orders"]);
    assert!(
        orders.contains("Acme") && orders.contains("Globex"),
        "{orders}"
    );
    assert_group_shared(&book);
}
