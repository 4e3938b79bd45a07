//! What a team book shares: the book's own files (orders, quotes, customers, price
//! lists), added by name, and nothing else in the folder: not a rep's private notes, not
//! a key backup, not the documents exported there. And the merge rules for them, kept in
//! the repository's own `.git/info/attributes`, which git reads before any
//! `.gitattributes` a remote could push.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::driver;
use super::git::{Git, TeamError};
use crate::store;

/// The desk's own attributes for its files: its merge driver, and none of the
/// conversions (line endings, encodings, filters) that a pushed `.gitattributes` could
/// otherwise switch on. `.git/info/attributes` wins over every `.gitattributes`.
pub const INFO_ATTRIBUTES: &str = "\
# Order Desk: the book's merge rules, never taken from a pushed .gitattributes
*.ron merge=order-desk -text -eol -crlf -filter -ident -working-tree-encoding
";

/// Files only this machine uses, in `.git/info/exclude` (not shared, not pushable).
pub const INFO_EXCLUDE: &str = "\
# Order Desk: files only this machine uses, never shared
.order-desk.lock
.order-desk.holder
.tmp-*
";

/// Whether `path` (relative to the book's top) is one of the book's own files.
pub fn is_book_file(path: &str) -> bool {
    driver::kind_of(path).is_some() || is_price_list_file(path)
}

/// `pricelists/ID/FILE.ron`: a stored price list version.
fn is_price_list_file(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts[..], ["pricelists", id, file]
        if !id.starts_with('.') && !file.starts_with('.') && file.ends_with(".ron"))
}

/// The names the desk uses for itself in the folder: never shared, never taken from a
/// remote.
pub fn is_reserved(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == store::LOCK_FILE || name == store::HOLDER_FILE || name.starts_with(".tmp-")
}

/// Writes the desk's attributes and excludes into `.git/info/`, replacing what is
/// there: they are the desk's, written on every sync so an older book gets them too.
pub fn own_rules(git: &Git) -> Result<(), TeamError> {
    let info = git.dir.join(".git/info");
    let io = |action: &'static str, path: &Path, e: std::io::Error| TeamError::Io {
        action,
        path: path.to_path_buf(),
        source: e,
    };
    match fs::symlink_metadata(&info) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(io(
                "use",
                &info,
                std::io::Error::other("it is not a folder: remove it and sync again"),
            ));
        }
        Err(_) => fs::create_dir_all(&info).map_err(|e| io("create", &info, e))?,
    }
    for (name, text) in [("attributes", INFO_ATTRIBUTES), ("exclude", INFO_EXCLUDE)] {
        let path = info.join(name);
        let same = store::files::read_regular(&path, 64 * 1024)
            .is_ok_and(|(bytes, _)| bytes == text.as_bytes());
        if !same {
            // Never through a link: remove whatever is there, then write.
            let _ = fs::remove_file(&path);
            fs::write(&path, text).map_err(|e| io("write", &path, e))?;
        }
    }
    Ok(())
}

/// What staging found.
#[derive(Debug, Default)]
pub struct Staged {
    /// Files in the folder that are not the book's and stay on this machine.
    pub not_shared: Vec<String>,
}

/// Stages every change to the book's files, by name (new, changed and removed), and
/// nothing else. Ignore rules do not hide a book file (`--force`): only the desk says
/// what is shared.
pub fn stage(git: &Git) -> Result<Staged, TeamError> {
    let out = git.run([
        "ls-files",
        "-z",
        "--modified",
        "--deleted",
        "--others",
        "--full-name",
    ])?;
    let mut book = BTreeSet::new();
    let mut other = BTreeSet::new();
    for path in out.stdout.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path).into_owned();
        if is_book_file(&path) {
            book.insert(path);
        } else if !is_reserved(&path) {
            other.insert(path);
        }
    }
    if !book.is_empty() {
        let mut input = Vec::new();
        for path in &book {
            input.extend_from_slice(path.as_bytes());
            input.push(0);
        }
        git.run_with_input(
            [
                "--literal-pathspecs",
                "add",
                "--force",
                "--pathspec-from-file=-",
                "--pathspec-file-nul",
            ],
            &input,
        )?;
    }
    Ok(Staged {
        not_shared: other.into_iter().collect(),
    })
}

/// Stages the named files (the desk's own ignore and attribute files at `team init`,
/// the files a rep settled after a conflict).
pub fn stage_named(git: &Git, paths: &[String]) -> Result<(), TeamError> {
    if paths.is_empty() {
        return Ok(());
    }
    let mut input = Vec::new();
    for path in paths {
        input.extend_from_slice(path.as_bytes());
        input.push(0);
    }
    git.run_with_input(
        [
            "--literal-pathspecs",
            "add",
            "--force",
            "--pathspec-from-file=-",
            "--pathspec-file-nul",
        ],
        &input,
    )?;
    Ok(())
}

/// Of `found`, the files not named before (remembered in `.git/order-desk-not-shared`),
/// so a rep hears about each file once.
pub fn first_time_not_shared(git: &Git, found: &[String]) -> Vec<String> {
    let path = git.dir.join(".git/order-desk-not-shared");
    let known: BTreeSet<String> = store::files::read_regular(&path, 16 * 1024 * 1024)
        .map(|(b, _)| {
            String::from_utf8_lossy(&b)
                .lines()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let new: Vec<String> = found
        .iter()
        .filter(|p| !known.contains(*p))
        .cloned()
        .collect();
    if !new.is_empty() {
        let mut all: BTreeSet<String> = known;
        all.extend(new.iter().cloned());
        let text: String = all.iter().map(|p| format!("{p}\n")).collect();
        let _ = fs::remove_file(&path);
        let _ = fs::write(&path, text);
    }
    new
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_orders_quotes_customers_and_price_lists_are_the_book() {
        for p in [
            "2026-1.ron",
            "quotes/Q-1.ron",
            "customers/acme.ron",
            "pricelists/ai-platform/2026-01-01.ron",
        ] {
            assert!(is_book_file(p), "{p}");
        }
        for p in [
            "private-notes.txt",
            "id_rsa",
            "exports/Q-1.pdf",
            ".gitattributes",
            ".order-desk.lock",
            "quotes/.tmp-1.ron",
            "deep/x.ron",
            "pricelists/x.ron",
            "pricelists/.a/b.ron",
        ] {
            assert!(!is_book_file(p), "{p}");
        }
        assert!(is_reserved(".order-desk.lock"));
        assert!(is_reserved("quotes/.tmp-x"));
        assert!(!is_reserved("notes.txt"));
    }
}
