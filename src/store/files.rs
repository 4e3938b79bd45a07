//! Opening and creating files in folders that other people (or a hostile script) can write.
//!
//! - Only regular files are read: a file is opened without following a symbolic link and
//!   without blocking (a FIFO would wait forever for a writer), the opened handle is checked
//!   to be a regular file, and reading stops one byte past the limit whatever the metadata
//!   says (`/dev/zero` reports a size of 0).
//! - Every file the program creates is created exclusively (`O_EXCL`) and never through a
//!   symbolic link, so a planted link cannot make it write anywhere else.
//! - Temp files carry the pid and a counter in a name only this program uses, so a later
//!   write can recognise old ones left by a kill and remove them.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing by that name.
    NotFound,
    /// Something other than a regular file: a FIFO, a device, a socket, a folder or a
    /// symbolic link. Named in words for the message.
    NotRegular(&'static str),
    /// Longer than the limit; nothing past the limit was read. `size` is the size the
    /// file reports, when that already says so.
    TooLarge {
        limit: u64,
        size: Option<u64>,
    },
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            ReadError::TooLarge { limit, .. } => {
                write!(f, "larger than {} KiB, so not ours", limit / 1024)
            }
            ReadError::Io(e) => e.fmt(f),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e)
        }
    }
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
}

#[cfg(not(unix))]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// What kind of file a metadata describes, in words, or `None` for a regular file.
pub fn irregular_kind(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    if kind.is_symlink() {
        return Some("a symbolic link");
    }
    Some("not a file")
}

/// Opens an existing regular file without following a link and without blocking.
/// `write` asks for a writable handle (still never created here).
pub fn open_regular(path: &Path, write: bool) -> Result<(File, Metadata), ReadError> {
    let file = match no_follow(OpenOptions::new().read(true).write(write)).open(path) {
        Ok(file) => file,
        Err(e) => {
            // O_NOFOLLOW on a link fails with ELOOP; say what it is instead.
            if let Ok(meta) = fs::symlink_metadata(path)
                && meta.file_type().is_symlink()
            {
                return Err(ReadError::NotRegular("a symbolic link"));
            }
            return Err(e.into());
        }
    };
    let meta = file.metadata()?;
    if let Some(kind) = irregular_kind(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok((file, meta))
}

/// Reads a whole regular file of at most `limit` bytes, with the metadata of the very
/// handle that was read.
pub fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), ReadError> {
    let (file, meta) = open_regular(path, false)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: Some(meta.len()),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // The reported size is only a hint: the cap holds whatever the file turns out to be.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, size: None });
    }
    Ok((bytes, meta))
}

/// Like [`read_regular`], but a symbolic link given by the user (`--catalog list.ron`
/// pointing at the real file) is followed; what it points at must still be a regular file.
pub fn read_regular_following(path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), ReadError> {
    let target = fs::canonicalize(path)?;
    read_regular(&target, limit)
}

/// Creates a new file exclusively, never through a link: fails if anything (a file, a
/// link, a FIFO) already has the name.
pub fn create_new(path: &Path) -> io::Result<File> {
    no_follow(OpenOptions::new().write(true).create_new(true)).open(path)
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The prefix of every temp file the program makes; see [`is_own_temp`].
pub const TEMP_PREFIX: &str = ".tmp-";

/// Creates a fresh temp file in `dir` for `name`: `.tmp-<pid>-<n>-<name>`. A name that is
/// taken (by a planted file or link) is skipped, never opened; after the first clash `n`
/// is random, so names planted in advance cannot block a save.
pub fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    use std::hash::{BuildHasher, RandomState};
    let mut last = None;
    for attempt in 0..64 {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let n = if attempt == 0 {
            n
        } else {
            // std seeds each RandomState from the OS: unpredictable to whoever planted.
            RandomState::new().hash_one(n)
        };
        let tmp = dir.join(format!("{TEMP_PREFIX}{}-{n}-{name}", std::process::id()));
        match create_new(&tmp) {
            Ok(file) => {
                #[cfg(test)]
                TEMPS_MADE.with_borrow_mut(|made| made.push(name.to_string()));
                return Ok((tmp, file));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AlreadyExists)))
}

#[cfg(test)]
thread_local! {
    /// The names this thread made temp files for, so a test can tell a save that skipped
    /// a taken id before writing from one that wrote and was then refused.
    pub(crate) static TEMPS_MADE: std::cell::RefCell<Vec<String>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// True for a name [`create_temp`] makes: `.tmp-<digits>-<digits>-<rest>`.
pub fn is_own_temp(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
        return false;
    };
    let mut parts = rest.splitn(3, '-');
    let digits =
        |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next()) && digits(parts.next()) && parts.next().is_some_and(|s| !s.is_empty())
}

/// Temp files older than this are left over from a killed process: no save takes that long.
pub const STALE_TEMP: Duration = Duration::from_secs(15 * 60);

/// Removes temp files in `dir` that are clearly the program's own and were left behind:
/// named as [`create_temp`] names them, regular files (a link is never followed, only a
/// file removed), owned by this user, and not modified for [`STALE_TEMP`]. Returns how many
/// were removed. Errors are ignored: this is tidying, never needed for correctness.
pub fn remove_stale_temps(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_own_temp(name) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_TEMP);
        if meta.file_type().is_file() && old && owned_by_me(&meta) {
            removed += usize::from(fs::remove_file(entry.path()).is_ok());
        }
    }
    removed
}

#[cfg(unix)]
fn owned_by_me(meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

#[cfg(not(unix))]
fn owned_by_me(_: &Metadata) -> bool {
    true
}

/// The group a folder is shared with and the access it gives that group (its `rwx`
/// bits, as 0o070), when it is shared: set-group-id, or writable by the group and not
/// sticky (a sticky folder open to all, like /tmp, is not a group's). `None` for a folder
/// kept to its owner, or one that cannot be read.
#[cfg(unix)]
fn shared_group(dir: &Path) -> Option<(u32, u32)> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(dir).ok()?;
    let mode = meta.mode();
    let shared = mode & 0o2000 != 0 || (mode & 0o020 != 0 && mode & 0o1000 == 0);
    shared.then_some((meta.gid(), mode & 0o070))
}

/// Gives a file just created in `dir` the folder's group, and when the folder is shared
/// with a group (set-group-id or group-writable) that group's read and write as the folder
/// gives them, whatever the user's umask: so a folder shared by a group stays usable by
/// every member. Best effort: a user who is not in that group simply keeps their own.
pub fn follow_dir_group(file: &File, dir: &Path) {
    follow_dir(file, dir, 0o060);
}

/// [`follow_dir_group`] giving the group read only: the lock and its holder note, which
/// the others open read-only or replace by name.
pub fn follow_dir_group_read(file: &File, dir: &Path) {
    follow_dir(file, dir, 0o040);
}

/// The folder's group, and of its group access what `allowed` (0o060 or 0o040) allows.
fn follow_dir(file: &File, dir: &Path, allowed: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if let (Ok(dir_meta), Ok(meta)) = (fs::metadata(dir), file.metadata())
            && dir_meta.gid() != meta.gid()
        {
            let _ = std::os::unix::fs::fchown(file, None, Some(dir_meta.gid()));
        }
        if let (Some((_, access)), Ok(meta)) = (shared_group(dir), file.metadata()) {
            let mode = meta.mode() & 0o777;
            let wanted = mode | (access & allowed);
            if wanted != mode {
                let _ = file.set_permissions(fs::Permissions::from_mode(wanted));
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, dir, allowed);
    }
}

/// Keeps a file to its owner alone (0600), whatever the folder and the umask: the cart
/// draft, which is nobody else's business.
pub fn make_private(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Creates the folder `path` (not its parents), or finds it already there. A folder made
/// here in a folder shared with a group is shared the same way, whatever the user's umask:
/// the parent's group, its group access, and set-group-id so what others make in it
/// follows too. Best effort past the creation itself.
pub fn create_dir_following(path: &Path) -> io::Result<()> {
    match fs::create_dir(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Some((gid, access)) = shared_group(parent)
            && let Ok(meta) = fs::symlink_metadata(path)
            && meta.is_dir()
        {
            if meta.gid() != gid {
                let _ = std::os::unix::fs::lchown(path, None, Some(gid));
            }
            let wanted = (meta.mode() & 0o7777) | access | 0o2000;
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(wanted));
        }
    }
    Ok(())
}

/// [`create_dir_following`] for `path` and each missing folder above it, top down.
pub fn create_dir_all_following(path: &Path) -> io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    let missing: Vec<&Path> = path
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .take_while(|p| fs::symlink_metadata(p).is_err())
        .collect();
    for dir in missing.into_iter().rev() {
        create_dir_following(dir)?;
    }
    // What was there all along (or made meanwhile) must be a folder.
    if fs::metadata(path)?.is_dir() {
        Ok(())
    } else {
        Err(io::Error::from(io::ErrorKind::NotADirectory))
    }
}

/// Gives a replacement file the mode, owner and group of the file it replaces, so a
/// status change in a shared folder does not lock the other users out. Owner and group
/// are best effort (only root may give a file away).
pub fn keep_mode_and_owner(file: &File, old: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        if file.metadata()?.gid() != old.gid() {
            let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
        }
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(old.permissions())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_temp_names_are_recognised_and_nothing_else() {
        assert!(is_own_temp(".tmp-123-0-20261126-100000-desk.ron"));
        assert!(is_own_temp(".tmp-1-22-summaries"));
        for other in [
            ".tmp-",
            ".tmp-x-1-a",
            ".tmp-1-2-",
            "tmp-1-2-a",
            ".tmp-12-a",
            "a.ron",
        ] {
            assert!(!is_own_temp(other), "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn b2_b6_only_regular_files_are_read_and_reads_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.ron");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(matches!(
            read_regular(&fifo, 100),
            Err(ReadError::NotRegular("a FIFO"))
        ));
        let link = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_regular(&link, 100),
            Err(ReadError::NotRegular("a symbolic link"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular("a device"))
        ));
        let big = dir.path().join("big.ron");
        fs::write(&big, vec![b'x'; 101]).unwrap();
        assert!(matches!(
            read_regular(&big, 100),
            Err(ReadError::TooLarge { .. })
        ));
        fs::write(&big, b"ok").unwrap();
        assert_eq!(read_regular(&big, 100).unwrap().0, b"ok");
        // The cap is the most that is read, not the first size refused.
        fs::write(&big, vec![b'x'; 100]).unwrap();
        assert_eq!(read_regular(&big, 100).unwrap().0.len(), 100);
        // A regular file that reports size 0 yet has content, as a device would: the
        // cap holds while reading, not only by the reported size.
        #[cfg(target_os = "linux")]
        assert!(matches!(
            read_regular(Path::new("/proc/self/maps"), 16),
            Err(ReadError::TooLarge { size: None, .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn b7_creation_never_goes_through_a_planted_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("outside");
        let link = dir.path().join("planted");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(create_new(&link).is_err());
        assert!(!target.exists());
    }

    /// A file made in a folder shared by a group takes the folder's group, so every member
    /// can read and replace it. Root can give the folder any group; another user needs a
    /// second group of their own to see the difference.
    #[cfg(unix)]
    #[test]
    fn a_new_file_takes_the_folder_group() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let mine = fs::metadata(dir.path()).unwrap().gid();
        let mut groups = vec![0 as libc::gid_t; 64];
        // SAFETY: the buffer holds 64 group ids, as told.
        let n = unsafe { libc::getgroups(64, groups.as_mut_ptr()) };
        groups.truncate(n.max(0) as usize);
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            groups.push(4242);
        }
        let Some(&other) = groups.iter().find(|&&g| g != mine) else {
            eprintln!("only one group here: the folder's group is the user's own");
            return;
        };
        std::os::unix::fs::chown(dir.path(), None, Some(other)).unwrap();
        let (_, file) = create_temp(dir.path(), "a.ron").unwrap();
        assert_eq!(
            file.metadata().unwrap().gid(),
            mine,
            "made with the user's group"
        );
        follow_dir_group(&file, dir.path());
        assert_eq!(file.metadata().unwrap().gid(), other);
    }

    /// Issue 22: in a folder shared with a group (2770), a folder and a file the desk makes
    /// give the group what the folder gives it, whatever the umask made them; in a folder
    /// kept to its owner nothing is widened.
    #[cfg(unix)]
    #[test]
    fn i22_what_is_made_in_a_shared_folder_is_shared_the_same_way() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = |p: &Path| fs::metadata(p).unwrap().mode() & 0o7777;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o2770)).unwrap();

        let sub = shared.join("quotes");
        create_dir_following(&sub).unwrap();
        assert_eq!(mode(&sub) & 0o2070, 0o2070, "{:o}", mode(&sub));
        create_dir_following(&sub).unwrap();
        let deep = shared.join("a/b");
        create_dir_all_following(&deep).unwrap();
        for d in [shared.join("a"), deep] {
            assert_eq!(mode(&d) & 0o2070, 0o2070, "{d:?}: {:o}", mode(&d));
        }

        let (tmp, file) = create_temp(&sub, "a.ron").unwrap();
        // As a 077 umask would make it.
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .unwrap();
        follow_dir_group(&file, &sub);
        assert_eq!(mode(&tmp), 0o660);

        let private = dir.path().join("private");
        fs::create_dir(&private).unwrap();
        fs::set_permissions(&private, fs::Permissions::from_mode(0o700)).unwrap();
        let (tmp, file) = create_temp(&private, "a.ron").unwrap();
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .unwrap();
        follow_dir_group(&file, &private);
        assert_eq!(mode(&tmp), 0o600, "not widened");
        let inner = private.join("inner");
        create_dir_following(&inner).unwrap();
        assert_eq!(mode(&inner) & 0o2020, 0, "not widened: {:o}", mode(&inner));
        assert!(
            create_dir_all_following(&tmp).is_err(),
            "a file is not a folder"
        );

        // A folder open to all with the sticky bit, as /tmp, is nobody's group.
        let open = dir.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o1777)).unwrap();
        let inner = open.join("orders");
        create_dir_following(&inner).unwrap();
        assert_eq!(mode(&inner) & 0o2020, 0, "not widened: {:o}", mode(&inner));
        // The lock is given the group's read, never its write.
        let (tmp, file) = create_temp(&sub, "lock").unwrap();
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .unwrap();
        follow_dir_group_read(&file, &sub);
        assert_eq!(mode(&tmp), 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn only_old_own_regular_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join(".tmp-1-2-a.ron"), "x").unwrap();
        fs::write(d.join(".tmp-notours"), "x").unwrap();
        let outside = d.join("keep");
        fs::write(&outside, "x").unwrap();
        std::os::unix::fs::symlink(&outside, d.join(".tmp-3-4-link")).unwrap();
        let later = SystemTime::now() + STALE_TEMP + Duration::from_secs(1);
        assert_eq!(remove_stale_temps(d, SystemTime::now()), 0, "too recent");
        assert_eq!(remove_stale_temps(d, later), 1);
        assert!(!d.join(".tmp-1-2-a.ron").exists());
        assert!(d.join(".tmp-notours").exists());
        assert!(outside.exists());
    }
}
