//! Every change a remote brings is checked before it reaches the book, as a local write
//! would be: each order, quote and customer file must read, an order's frozen part must
//! be what it was when the file first appeared here and its status history may only grow
//! under the rules, a quote's offer stays as quoted, and nothing arrives that is not a
//! plain file of bounded size (no link, no submodule, no file over the cap, none of the
//! desk's own lock names).
//!
//! What fails is kept out: the sync merges, instead of the remote's commit, a commit on
//! top of it that puts back the last good version of each such file (or leaves out one
//! that is new), so the book keeps using what it had, and the remote hears it at the
//! next push. Each one is named, with what was wrong and who committed it. Nothing is
//! checked out or read whole before it passed: sizes come first (`cat-file
//! --batch-check`), in bounded memory.

use std::path::Path;

use super::book;
use super::diff::{self, Change};
use super::driver::{self, Kind};
use super::git::{Git, TeamError};
use super::merge::{self, Merge};
use crate::domain::decision;
use crate::domain::order::Order;
use crate::store;

/// git's id of the empty tree: the base of a remote with no history in common.
const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/// A pulled file kept out of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub path: String,
    /// What was wrong with it, in words.
    pub why: String,
    /// Who committed it, and in which commit.
    pub by: String,
}

impl Refused {
    pub fn line(&self) -> String {
        format!("{}: {} (committed by {})", self.path, self.why, self.by)
    }
}

/// What the screen decided.
#[derive(Debug, Default)]
pub struct Screened {
    /// The commit to merge: the remote's, or one on top of it without the refused files.
    pub merge: String,
    pub refused: Vec<Refused>,
    /// Changes to git's own files (`.gitattributes`, `.gitmodules`, `.gitignore`) that
    /// came with the pull: shown, and never in force for the book's files.
    pub shown: Vec<String>,
}

/// Checks what `upstream` changed since the common base with HEAD; see the module.
pub fn screen(git: &Git, upstream: &str, desk: &str) -> Result<Screened, TeamError> {
    let upstream = git.text(["rev-parse", "--verify", "--quiet", upstream])?;
    let base = git
        .output(["merge-base", "HEAD", &upstream])?
        .stdout
        .split(|b| *b == b'\n')
        .next()
        .map(|l| String::from_utf8_lossy(l).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| EMPTY_TREE.to_string());
    screen_from(git, &base, &upstream, desk)
}

/// Checks a whole book as it arrives at `team join`: every file of `commit`, as if
/// added to an empty book.
pub fn screen_all(git: &Git, commit: &str, desk: &str) -> Result<Screened, TeamError> {
    let commit = git.text(["rev-parse", "--verify", "--quiet", commit])?;
    screen_from(git, EMPTY_TREE, &commit, desk)
}

fn screen_from(git: &Git, base: &str, upstream: &str, desk: &str) -> Result<Screened, TeamError> {
    let (base, upstream) = (base.to_string(), upstream.to_string());
    let changes = diff::changed_files(
        git,
        &[
            "diff",
            "--raw",
            "--no-abbrev",
            "-z",
            "--no-renames",
            &base,
            &upstream,
        ],
    )?;
    let mut screened = Screened::default();
    let sizes = sizes(git, &changes)?;
    let mut to_read = Vec::new();
    let mut problems: Vec<(usize, String)> = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        let name = c.path.rsplit('/').next().unwrap_or(&c.path);
        if matches!(name, ".gitattributes" | ".gitmodules" | ".gitignore") {
            screened.shown.push(format!(
                "{} changed on the remote: shown only, the desk's own rules (.git/info/attributes) stay in force for the book",
                c.path
            ));
        }
        if c.new.is_none() {
            if driver::kind_of(&c.path).is_some() {
                problems.push((
                    i,
                    "removed: the desk never removes an order, a quote or a customer".into(),
                ));
            }
            continue;
        }
        if c.new_mode == "120000" {
            problems.push((i, "a link: only plain files are taken from a remote".into()));
        } else if c.new_mode == "160000" {
            problems.push((
                i,
                "a submodule: only plain files are taken from a remote".into(),
            ));
        } else if book::is_reserved(&c.path) {
            problems.push((
                i,
                "one of the desk's own lock files, which are never shared".into(),
            ));
        } else if sizes[i] > store::MAX_FILE_BYTES {
            problems.push((
                i,
                format!(
                    "{} bytes, over the {} MiB a file of the book may hold",
                    sizes[i],
                    store::MAX_FILE_BYTES / (1024 * 1024)
                ),
            ));
        } else if driver::kind_of(&c.path).is_some() {
            to_read.push(i);
        }
    }
    problems.extend(check_contents(git, &changes, &to_read)?);
    if problems.is_empty() {
        screened.merge = upstream;
        return Ok(screened);
    }
    problems.sort();
    for (i, why) in &problems {
        let path = &changes[*i].path;
        let by = git
            .text([
                "log",
                "-1",
                "--format=%an <%ae> in %h",
                &if base == EMPTY_TREE {
                    upstream.clone()
                } else {
                    format!("{base}..{upstream}")
                },
                "--",
                path,
            ])
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "an unknown author".into());
        screened.refused.push(Refused {
            path: path.clone(),
            why: why.clone(),
            by: crate::domain::text::clean(&by).into_owned(),
        });
    }
    let kept_out: Vec<&Change> = problems.iter().map(|(i, _)| &changes[*i]).collect();
    screened.merge = without(git, &upstream, &kept_out, &screened.refused, desk)?;
    Ok(screened)
}

/// The size of each change's new version (0 where there is none), asked in one call.
fn sizes(git: &Git, changes: &[Change]) -> Result<Vec<u64>, TeamError> {
    let ids: Vec<&str> = changes.iter().filter_map(|c| c.new.as_deref()).collect();
    let mut out = vec![0; changes.len()];
    if ids.is_empty() {
        return Ok(out);
    }
    let input: String = ids.iter().map(|id| format!("{id}\n")).collect();
    let said = git.run_with_input(
        ["cat-file", "--batch-check=%(objectname) %(objectsize)"],
        input.as_bytes(),
    )?;
    let text = String::from_utf8_lossy(&said.stdout);
    let mut lines = text.lines();
    for (i, c) in changes.iter().enumerate() {
        // A submodule's id names a commit elsewhere: `missing`, size 0.
        if c.new.is_some() {
            out[i] = lines
                .next()
                .and_then(|l| l.rsplit(' ').next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        }
    }
    Ok(out)
}

/// Reads the old and new versions of the book files in `which` (all under the size cap)
/// and checks each change as a local write would be checked.
fn check_contents(
    git: &Git,
    changes: &[Change],
    which: &[usize],
) -> Result<Vec<(usize, String)>, TeamError> {
    let mut input = String::new();
    for &i in which {
        for id in [&changes[i].old, &changes[i].new].into_iter().flatten() {
            input.push_str(id);
            input.push('\n');
        }
    }
    if input.is_empty() {
        return Ok(Vec::new());
    }
    let out = git.run_with_input(["cat-file", "--batch"], input.as_bytes())?;
    let mut blobs = diff::parse_batch(&out.stdout).into_iter();
    let mut problems = Vec::new();
    for &i in which {
        let c = &changes[i];
        let old = c.old.as_ref().and_then(|_| blobs.next().flatten());
        let new = blobs.next().flatten().unwrap_or_default();
        let mut why = check(&c.path, old.as_deref(), &new);
        if why.as_deref().is_some_and(|w| w.starts_with(FROZEN))
            && same_as_first(git, &c.path, &new)?
        {
            // The pull puts back the order as it first appeared (a desk that kept a
            // forged version out): that is the honest version, taken.
            why = None;
        }
        if let Some(why) = why {
            problems.push((i, why));
        }
    }
    Ok(problems)
}

/// How a problem with an order's frozen part begins.
const FROZEN: &str = "frozen part changed: ";

/// Whether `new` (an order) has the frozen part its file had when it first appeared in
/// this book's history.
fn same_as_first(git: &Git, path: &str, new: &[u8]) -> Result<bool, TeamError> {
    let firsts = git.text(["log", "--format=%H", "--diff-filter=A", "HEAD", "--", path])?;
    let Some(first) = firsts.lines().last() else {
        return Ok(false);
    };
    let out = git.output(["cat-file", "blob", &format!("{first}:{path}")])?;
    if !out.status.success() || out.stdout.len() as u64 > store::MAX_FILE_BYTES {
        return Ok(false);
    }
    let named = Path::new(path);
    Ok(
        match (
            store::parse_order(named, &out.stdout),
            store::parse_order(named, new),
        ) {
            (Ok(a), Ok(b)) => merge::frozen_differences(&a, &b).is_empty(),
            _ => false,
        },
    )
}

/// What is wrong with the change of one book file from `old` to `new`, if anything.
pub fn check(path: &str, old: Option<&[u8]>, new: &[u8]) -> Option<String> {
    let named = Path::new(path);
    let unreadable = |e: store::StoreError| {
        // A newer desk's format is passed on untouched: this desk cannot judge it, and
        // never rewrites it.
        if matches!(e, store::StoreError::Newer { .. }) {
            return None;
        }
        Some(format!(
            "not readable as the book's file ({})",
            crate::domain::text::clean(&e.to_string())
        ))
    };
    match driver::kind_of(path)? {
        Kind::Order => {
            let new = match store::parse_order(named, new) {
                Ok(o) => o,
                Err(e) => return unreadable(e),
            };
            let old = old.and_then(|b| store::parse_order(named, b).ok());
            order_problem(old.as_ref(), &new)
        }
        Kind::Quote => {
            let new = match store::parse_quote(named, new) {
                Ok(q) => q,
                Err(e) => return unreadable(e),
            };
            let old = old.and_then(|b| store::parse_quote(named, b).ok())?;
            match merge::merge_quotes(Some(&old), &old, &new) {
                Merge::Tampered(fields) => Some(format!(
                    "{} changed after it was made (a quote's offer never changes)",
                    fields.join(", ")
                )),
                _ => None,
            }
        }
        Kind::Customer => store::parse_customer(named, new).err().and_then(unreadable),
    }
}

/// An order may only gain status changes and decisions, each allowed by the rules.
fn order_problem(old: Option<&Order>, new: &Order) -> Option<String> {
    if let Some(old) = old {
        let frozen = merge::frozen_differences(old, new);
        if !frozen.is_empty() {
            return Some(format!(
                "{FROZEN}{} changed after the order was placed (was {}, customer {}; now {}, customer {})",
                frozen.join(", "),
                crate::domain::money::format_usd(old.total),
                crate::domain::text::clean(&old.customer),
                crate::domain::money::format_usd(new.total),
                crate::domain::text::clean(&new.customer),
            ));
        }
        let kept = |c: &crate::domain::order::StatusChange| {
            decision::changes(new).any(|n| n == c) || new.voided.iter().any(|v| v.change == *c)
        };
        if let Some(lost) = decision::changes(old).find(|c| !kept(c)) {
            return Some(format!(
                "its status history lost the change to {} made by {} (a history only grows)",
                lost.to.label(),
                crate::domain::text::clean(&lost.by)
            ));
        }
        if old.voided.iter().any(|v| !new.voided.contains(v)) {
            return Some("a recorded decision was removed (a history only grows)".into());
        }
    }
    let replayed = decision::settle(
        new,
        decision::changes(new).cloned().collect(),
        new.voided.clone(),
    );
    if replayed.status != new.status
        || replayed.history != new.history
        || replayed.contested != new.contested
    {
        return Some(format!(
            "its status history does not follow the rules (it says {}, the rules give {})",
            new.status.label(),
            replayed.status.label()
        ));
    }
    None
}

/// A commit on top of `upstream` with each of `kept_out` as it was at the base (or
/// without it, where it is new there): built in an index of its own, so nothing of it is
/// checked out.
fn without(
    git: &Git,
    upstream: &str,
    kept_out: &[&Change],
    refused: &[Refused],
    desk: &str,
) -> Result<String, TeamError> {
    let index = git.dir.join(".git/order-desk-screen.index");
    let _ = std::fs::remove_file(&index);
    let mut own = git.clone();
    own.index = Some(index.clone());
    own.run(["read-tree", upstream])?;
    // Removals first, so a file can come back where a link or a file took a folder's
    // place.
    let mut lines = String::new();
    for c in kept_out {
        lines.push_str(&format!(
            "0 0000000000000000000000000000000000000000\t{}\0",
            c.path
        ));
    }
    for c in kept_out {
        if let Some(old) = &c.old
            && c.old_mode != "160000"
        {
            lines.push_str(&format!("{} {}\t{}\0", c.old_mode, old, c.path));
        }
    }
    own.run_with_input(["update-index", "-z", "--index-info"], lines.as_bytes())?;
    let tree = own.text(["write-tree"])?;
    let _ = std::fs::remove_file(&index);
    let mut message = format!(
        "sync: desk {desk} kept out {} pulled file(s) that failed its checks\n\n",
        refused.len()
    );
    for r in refused {
        message.push_str(&r.line());
        message.push('\n');
    }
    let commit = git.run_with_input(
        ["commit-tree", &tree, "-p", upstream, "-F", "-"],
        message.as_bytes(),
    )?;
    Ok(String::from_utf8_lossy(&commit.stdout).trim().to_string())
}
