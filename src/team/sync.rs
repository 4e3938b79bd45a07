//! `team init`, `team join`, `sync` and `team status`: the book shared through git.
//!
//! A sync is: commit what this desk changed (one commit, its message naming the orders
//! and status changes), fetch, merge with the desk's driver, push; when someone pushed
//! meanwhile, fetch and merge again (a few times); when the remote cannot be reached or
//! refuses, the commit stays local and the push waits for the next sync. A file the
//! driver left conflicted (tampering) stops the sync before the push until a human has
//! settled it. What changed is read from git (the files a commit or a merge touched),
//! never by rereading the whole book, so a sync costs about what the changes cost.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::book;
use super::diff::{Change, changed_files, parse_batch};
use super::driver::{self, Code, Kind};
use super::git::{self, Author, Git, TeamError};
use super::pulled::{self, Refused};
use super::sync_lock;
use crate::domain::decision;
use crate::domain::order::Order;
use crate::domain::quote::{Quote, QuoteStatus};
use crate::domain::text;
use crate::store;

/// How many times a sync fetches and merges again when someone pushed meanwhile.
pub const MAX_TRIES: usize = 5;
/// The remote every desk shares.
pub const REMOTE: &str = "origin";

/// What git must not share: files only this machine uses.
pub const GITIGNORE: &str = "\
# Order Desk: files only this machine uses, never shared
.order-desk.lock
.order-desk.holder
.tmp-*
";

/// Routes every desk file to the desk's merge driver.
pub const GITATTRIBUTES: &str = "*.ron merge=order-desk\n";

/// Who syncs: the rep and the desk (named as the commits' author) and the program git
/// runs as the merge driver.
#[derive(Debug, Clone)]
pub struct Desk {
    pub rep: String,
    pub desk: String,
    /// The `order-desk` executable (the running one, from the command line).
    pub exe: PathBuf,
}

impl Desk {
    fn author(&self) -> Author {
        Author {
            name: format!("{} (desk {})", self.rep, self.desk),
            email: format!("{}@desk.order-desk.invalid", self.desk),
        }
    }

    fn driver_command(&self) -> String {
        format!("{} merge-file %O %A %B %P", git::shell_quote(&self.exe))
    }

    /// Git on `dir` as this desk, with the driver set for this very call, so a moved or
    /// upgraded executable is always the one that merges.
    fn git(&self, dir: &Path) -> Git {
        let mut g = Git::new(dir, self.author());
        g.settings = vec![
            format!("merge.order-desk.driver={}", self.driver_command()),
            "merge.order-desk.name=Order Desk: histories merged through the rules".into(),
        ];
        g
    }
}

/// What happened to the push.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Push {
    /// Commits reached the remote.
    Pushed(usize),
    /// The remote already had everything.
    #[default]
    UpToDate,
    /// The book has no remote: everything stays on this machine.
    NoRemote,
    /// The push could not be made now; the commits wait for the next sync.
    Waits(String),
}

/// What a sync did.
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    /// The lines of this desk's commit message (orders and status changes), if any.
    pub committed: Vec<String>,
    /// New orders pulled from other desks.
    pub new_orders_pulled: Vec<String>,
    /// Status changes pulled from other desks (decisions included).
    pub status_changes_pulled: usize,
    /// Other files pulled (quotes, customers).
    pub other_files_pulled: usize,
    pub push: Push,
    /// Files that wait for a rep's decision (the book's top-relative paths).
    pub decisions: Vec<String>,
    /// Files left conflicted for a human, with why.
    pub conflicted: Vec<(String, String)>,
    /// Files made twice with different content: both kept (the driver's reports).
    pub kept_both: Vec<String>,
    /// How many times the push was tried again after someone else pushed.
    pub retries: usize,
    /// Pulled files kept out of the book, with why and who committed them.
    pub refused: Vec<Refused>,
    /// Changes to git's own files that came with the pull, shown and not in force.
    pub shown: Vec<String>,
    /// Files in the folder that are not the book's, named the first time they are seen:
    /// they stay on this machine.
    pub not_shared: Vec<String>,
    /// Locks left by a git that was killed midway, cleared.
    pub cleared: Vec<String>,
}

impl SyncReport {
    /// The sync in one line, decisions first, for a status bar.
    pub fn one_line(&self) -> String {
        let mut parts = Vec::new();
        if !self.refused.is_empty() {
            parts.push(format!(
                "kept out {} pulled file(s) that failed the checks (see `order-desk sync` or `team status`)",
                self.refused.len()
            ));
        }
        if !self.conflicted.is_empty() {
            parts.push(format!(
                "{} file(s) left conflicted for a human (see `order-desk team status`)",
                self.conflicted.len()
            ));
        }
        if !self.decisions.is_empty() {
            parts.push(format!(
                "{} order(s) need a decision (n lists them)",
                self.decisions.len()
            ));
        }
        parts.push(format!("committed {} change(s)", self.committed.len()));
        parts.push(format!(
            "pulled {} new order(s), {} status change(s)",
            self.new_orders_pulled.len(),
            self.status_changes_pulled
        ));
        parts.push(match &self.push {
            Push::Pushed(n) => format!("pushed {n} commit(s)"),
            Push::UpToDate => "nothing to push".into(),
            Push::NoRemote => "no remote".into(),
            Push::Waits(why) => format!("push waits: {why}"),
        });
        format!("Synced: {}", parts.join(" · "))
    }
}

/// `team status`.
#[derive(Debug, Clone, Default)]
pub struct StatusReport {
    pub remote: Option<String>,
    pub branch: String,
    /// When this desk last synced and how it ended.
    pub last_sync: Option<String>,
    /// Files changed here since the last commit.
    pub local_changes: usize,
    /// Commits to push and to pull, as of the last fetch.
    pub to_push: usize,
    pub to_pull: usize,
    pub decisions: Vec<String>,
    /// Files left conflicted by an unfinished merge.
    pub conflicted: Vec<String>,
}

/// What `team init` did.
#[derive(Debug, Clone)]
pub struct InitReport {
    pub files: usize,
    pub push: Push,
}

/// Makes the orders folder a team book: a git work tree with the desk's ignore and
/// attribute files, the merge driver registered, a first commit, pushed to `remote` when
/// given. Running it again on a team book only adds what is missing.
pub fn init(dir: &Path, remote: Option<&str>, desk: &Desk) -> Result<InitReport, TeamError> {
    fs::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
    let git = desk.git(dir);
    if !dir.join(".git").exists() {
        git.run(["init", "-q", "-b", "main"])?;
    }
    ensure_lines(&dir.join(".gitignore"), GITIGNORE)?;
    ensure_lines(&dir.join(".gitattributes"), GITATTRIBUTES)?;
    register(&git, desk)?;
    book::stage(&git)?;
    book::stage_named(&git, &[".gitignore".into(), ".gitattributes".into()])?;
    let files = git
        .text(["ls-files", "--cached"])?
        .lines()
        .filter(|l| driver::kind_of(l).is_some())
        .count();
    if staged(&git)? {
        commit(
            &git,
            &format!(
                "team init: the order book of desk {} ({} files)\n",
                desk.desk, files
            ),
        )?;
    }
    let push = match remote {
        None => Push::NoRemote,
        Some(url) => {
            if git.output(["remote", "get-url", REMOTE])?.status.success() {
                git.run(["remote", "set-url", REMOTE, url])?;
            } else {
                git.run(["remote", "add", REMOTE, url])?;
            }
            let branch = git.text(["symbolic-ref", "--short", "HEAD"])?;
            match git.output(["push", "--no-verify", "-u", REMOTE, &branch]) {
                Ok(out) if out.status.success() => {
                    point_remote_head(desk, url, &branch);
                    Push::Pushed(1)
                }
                Ok(out) => Push::Waits(git::last_words(&out.stderr)),
                Err(TeamError::TimedOut { secs, .. }) => Push::Waits(format!(
                    "the remote gave no answer in {secs} s; the book is ready here and `order-desk sync` pushes it later"
                )),
                Err(e) => return Err(e),
            }
        }
    };
    Ok(InitReport { files, push })
}

/// A bare repository made on this machine with another default branch (`git init
/// --bare` still says master on many) has a HEAD naming a branch that does not exist, and
/// a plain `git clone` of it warns and checks out nothing: point it at the book's branch.
/// Only for a remote that is a folder here and whose HEAD names no branch; a forge sets
/// its own.
fn point_remote_head(desk: &Desk, url: &str, branch: &str) {
    let path = Path::new(url);
    if !path.is_dir() {
        return;
    }
    let mut remote = desk.git(path);
    remote.settings.clear();
    let head = remote.output(["symbolic-ref", "HEAD"]);
    let Ok(head) = head else { return };
    let named = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let exists = !named.is_empty()
        && remote
            .output(["rev-parse", "--verify", "--quiet", &named])
            .is_ok_and(|o| o.status.success());
    if !exists {
        let _ = remote.output(["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")]);
    }
}

/// What `team join` found.
#[derive(Debug, Clone, Default)]
pub struct JoinReport {
    pub orders: usize,
    pub quotes: usize,
    pub customers: usize,
    /// Files of the remote's book kept out: they failed the desk's checks.
    pub refused: Vec<Refused>,
}

/// Copies a team book from `url` into `dir` (new or empty) and registers the driver.
pub fn join(url: &str, dir: &Path, desk: &Desk) -> Result<JoinReport, TeamError> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(TeamError::NotEmpty(dir.to_path_buf()));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
    let target = std::path::absolute(dir).map_err(|e| io_error("find", dir, e))?;
    let outside = desk.git(parent);
    outside.run([
        std::ffi::OsStr::new("clone"),
        std::ffi::OsStr::new("-q"),
        // Nothing is checked out before it is checked (below).
        std::ffi::OsStr::new("--no-checkout"),
        std::ffi::OsStr::new("--"),
        std::ffi::OsStr::new(url),
        target.as_os_str(),
    ])?;
    let git = desk.git(&target);
    register(&git, desk)?;
    // A bare repository made with another default branch than the book's (`git init
    // --bare` still says master on many machines) clones with nothing checked out: take
    // the branch the book was pushed to.
    if !git
        .output(["rev-parse", "--verify", "--quiet", "HEAD"])?
        .status
        .success()
    {
        let branches = git.text([
            "for-each-ref",
            "--format=%(refname:strip=3)",
            &format!("refs/remotes/{REMOTE}"),
        ])?;
        let branches: Vec<&str> = branches.lines().filter(|b| *b != "HEAD").collect();
        if let Some(branch) = branches
            .iter()
            .find(|b| **b == "main")
            .or_else(|| branches.first())
        {
            git.run([
                "update-ref",
                &format!("refs/heads/{branch}"),
                &format!("refs/remotes/{REMOTE}/{branch}"),
            ])?;
            git.run(["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")])?;
            git.run([
                "branch",
                "-q",
                &format!("--set-upstream-to={REMOTE}/{branch}"),
            ])?;
        }
    }
    let mut report = JoinReport::default();
    // The whole book is checked as it arrives, as a sync checks what it pulls; what fails
    // is kept out before anything is checked out.
    if git
        .output(["rev-parse", "--verify", "--quiet", "HEAD"])?
        .status
        .success()
    {
        let screened = pulled::screen_all(&git, "HEAD", &desk.desk)?;
        git.run(["reset", "-q", "--hard", &screened.merge])?;
        report.refused = screened.refused;
    }
    for path in git.text(["ls-files", "--cached"])?.lines() {
        match driver::kind_of(path) {
            Some(Kind::Order) => report.orders += 1,
            Some(Kind::Quote) => report.quotes += 1,
            Some(Kind::Customer) => report.customers += 1,
            None => {}
        }
    }
    Ok(report)
}

/// Registers the merge driver in the book's own git config (for a plain `git pull` too).
fn register(git: &Git, desk: &Desk) -> Result<(), TeamError> {
    git.run([
        "config",
        "merge.order-desk.name",
        "Order Desk: histories merged through the rules",
    ])?;
    git.run(["config", "merge.order-desk.driver", &desk.driver_command()])?;
    book::own_rules(git)
}

/// Adds each line of `wanted` that the file lacks, keeping what is there.
fn ensure_lines(path: &Path, wanted: &str) -> Result<(), TeamError> {
    let have = match store::files::read_regular(path, 1024 * 1024) {
        Ok((bytes, _)) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(store::files::ReadError::NotFound) => String::new(),
        Err(e) => {
            return Err(io_error("read", path, std::io::Error::other(e.to_string())));
        }
    };
    let mut text = have.clone();
    for line in wanted.lines() {
        if !have.lines().any(|l| l.trim() == line.trim()) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    if text != have {
        fs::write(path, text).map_err(|e| io_error("write", path, e))?;
    }
    Ok(())
}

fn io_error(action: &'static str, path: &Path, source: std::io::Error) -> TeamError {
    TeamError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

fn staged(git: &Git) -> Result<bool, TeamError> {
    let out = git.output(["diff", "--cached", "--quiet"])?;
    Ok(!out.status.success())
}

fn commit(git: &Git, message: &str) -> Result<(), TeamError> {
    git.run_with_input(
        ["commit", "-q", "--no-verify", "--no-gpg-sign", "-F", "-"],
        message.as_bytes(),
    )?;
    Ok(())
}

/// Checks that `dir` is the top of a team book.
fn open(dir: &Path, desk: &Desk) -> Result<Git, TeamError> {
    let git = desk.git(dir);
    if !dir.join(".git").exists() || !git.is_top()? {
        return Err(TeamError::NotATeamBook(dir.to_path_buf()));
    }
    Ok(git)
}

/// Syncs the book in `dir` with its remote (see the module's promises).
pub fn sync(dir: &Path, desk: &Desk, now: Timestamp) -> Result<SyncReport, TeamError> {
    sync_with(dir, desk, now, &|_| {})
}

/// [`sync`], telling `step` what it is doing ("committing", "fetching", "merging",
/// "pushing") for an app to show.
pub fn sync_with(
    dir: &Path,
    desk: &Desk,
    now: Timestamp,
    step: &dyn Fn(&str),
) -> Result<SyncReport, TeamError> {
    let git = open(dir, desk)?;
    // One sync at a time; then git's own locks a killed git left are cleared.
    let _sync = sync_lock::take(&git)?;
    let mut report = SyncReport {
        cleared: sync_lock::clear_stale(&git),
        ..SyncReport::default()
    };
    book::own_rules(&git)?;
    // Saves take this lock too: none lands while this desk commits or merges.
    let store =
        store::Store::new(dir).with_identity(&desk.desk, &format!("{} (syncing)", desk.rep));
    step("committing");
    let mut touched = BTreeSet::new();
    {
        let _held = store.hold()?;
        if dir.join(".git/MERGE_HEAD").exists() && !finish_merge(&git, &mut report)? {
            report.push = Push::Waits("conflicted files must be settled first".into());
            remember(&git, &mut report, &touched, now)?;
            return Ok(report);
        }
        commit_local(&git, desk, &mut report, &mut touched)?;
    }

    let has_remote = git.output(["remote", "get-url", REMOTE])?.status.success();
    if !has_remote {
        report.push = Push::NoRemote;
        remember(&git, &mut report, &touched, now)?;
        return Ok(report);
    }
    let branch = git.text(["symbolic-ref", "--short", "HEAD"])?;
    let upstream = format!("refs/remotes/{REMOTE}/{branch}");
    for attempt in 0..MAX_TRIES {
        step("fetching");
        let fetched = match git.output(["fetch", "--quiet", "--no-write-fetch-head", REMOTE]) {
            Err(TeamError::TimedOut { secs, .. }) => {
                report.push = Push::Waits(format!(
                    "the remote gave no answer in {secs} s; the commit stays here and the push waits for the next sync"
                ));
                break;
            }
            other => other?,
        };
        if !fetched.status.success() {
            report.push = Push::Waits(format!(
                "the remote cannot be reached ({}); the commit stays here and the push waits for the next sync",
                git::last_words(&fetched.stderr)
            ));
            break;
        }
        let has_upstream = git
            .output(["rev-parse", "--verify", "--quiet", &upstream])?
            .status
            .success();
        if has_upstream {
            step("merging");
            let _held = store.hold()?;
            // What was saved while fetching is committed first: the merge starts from a
            // book whose every acknowledged change is in a commit.
            commit_local(&git, desk, &mut report, &mut touched)?;
            let before = git.text(["rev-parse", "HEAD"])?;
            let screened = pulled::screen(&git, &upstream, &desk.desk)?;
            for r in screened.refused {
                if !report.refused.contains(&r) {
                    report.refused.push(r);
                }
            }
            for s in screened.shown {
                if !report.shown.contains(&s) {
                    report.shown.push(s);
                }
            }
            if !merge(&git, &screened.merge, &mut report)? {
                report.push = Push::Waits("conflicted files must be settled first".into());
                break;
            }
            let after = git.text(["rev-parse", "HEAD"])?;
            if before != after {
                let changes = changed_files(
                    &git,
                    &["diff", "--raw", "-z", "--no-renames", &before, &after],
                )?;
                let pulled = describe(&git, &changes)?;
                report.new_orders_pulled.extend(pulled.new_orders);
                report.status_changes_pulled += pulled.transitions;
                report.other_files_pulled += pulled.other_files;
                touched.extend(pulled.paths);
            }
        }
        let range = if has_upstream {
            format!("{upstream}..HEAD")
        } else {
            "HEAD".into()
        };
        let ahead: usize = git
            .text(["rev-list", "--count", &range])?
            .parse()
            .unwrap_or(0);
        if ahead == 0 {
            report.push = Push::UpToDate;
            break;
        }
        step("pushing");
        let pushed = match git.output([
            "push",
            "--porcelain",
            "--no-verify",
            REMOTE,
            &format!("HEAD:refs/heads/{branch}"),
        ]) {
            Err(TeamError::TimedOut { secs, .. }) => {
                report.push = Push::Waits(format!(
                    "the remote gave no answer in {secs} s; the commits stay here and the push waits for the next sync"
                ));
                break;
            }
            other => other?,
        };
        if pushed.status.success() {
            // Keep the remote-tracking ref where the remote now is, for `team status`.
            let _ = git.output(["update-ref", &upstream, "HEAD"]);
            report.push = Push::Pushed(ahead);
            break;
        }
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&pushed.stdout),
            String::from_utf8_lossy(&pushed.stderr)
        );
        let someone_pushed = said.contains("(fetch first)") || said.contains("(non-fast-forward)");
        if someone_pushed && attempt + 1 < MAX_TRIES {
            report.retries += 1;
            continue;
        }
        report.push = Push::Waits(format!(
            "the remote refused the push ({}); the commits stay here and the push waits for the next sync",
            git::last_words(&pushed.stderr)
        ));
        break;
    }
    remember(&git, &mut report, &touched, now)?;
    Ok(report)
}

/// Commits what this desk changed in the book's files (one commit, naming the orders and
/// status changes), and names the other files in the folder once, as not shared.
fn commit_local(
    git: &Git,
    desk: &Desk,
    report: &mut SyncReport,
    touched: &mut BTreeSet<String>,
) -> Result<(), TeamError> {
    let staged = book::stage(git)?;
    report
        .not_shared
        .extend(book::first_time_not_shared(git, &staged.not_shared));
    // One raw diff of the index says both whether anything is staged and, with each
    // file's old and new object ids, what to read to describe it.
    let changes = changed_files(git, &["diff", "--cached", "--raw", "-z", "--no-renames"])?;
    if changes.is_empty() {
        return Ok(());
    }
    let described = describe(git, &changes)?;
    let counts = format!(
        "{} new order(s), {} status change(s)",
        described.new_orders.len(),
        described.transitions
    );
    let mut message = format!("sync: {} at desk {}: {counts}\n\n", desk.rep, desk.desk);
    for line in described.lines.iter().take(5000) {
        message.push_str(line);
        message.push('\n');
    }
    if described.lines.len() > 5000 {
        message.push_str(&format!("… and {} more\n", described.lines.len() - 5000));
    }
    commit(git, &message)?;
    report.committed.extend(described.lines);
    touched.extend(described.paths);
    Ok(())
}

/// Merges `upstream` with the desk's driver; false when files were left conflicted.
fn merge(git: &Git, upstream: &str, report: &mut SyncReport) -> Result<bool, TeamError> {
    let out = git.output([
        "merge",
        "--no-edit",
        "--no-verify",
        "--no-stat",
        "-q",
        "-m",
        "sync: merge the other desks' changes",
        upstream,
    ])?;
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let mut reasons = Vec::new();
    for told in said.lines().filter_map(driver::parse_report) {
        if told.code == Code::KeptBoth {
            report
                .kept_both
                .push(format!("{}: {}", told.path, told.words));
        }
        reasons.push(told);
    }
    if out.status.success() {
        // Files the driver kept beside a twin are new in the work tree: add them now.
        // Only then: `add -A` walks all 100,000 files of a large book.
        if report.kept_both.is_empty() {
            return Ok(true);
        }
        book::stage(git)?;
        if staged(git)? {
            commit(git, "sync: keep both orders made under one id\n")?;
        }
        return Ok(true);
    }
    let unmerged = unmerged(git)?;
    if unmerged.is_empty() {
        return Err(TeamError::Git {
            args: format!("merge {upstream}"),
            message: git::last_words(&out.stderr),
        });
    }
    for path in unmerged {
        let why = reasons
            .iter()
            .find(|r| r.path == path && r.code == Code::Conflicted)
            .map(|r| r.words.clone())
            .unwrap_or_else(|| "git could not merge it".into());
        report.conflicted.push((path, why));
    }
    Ok(false)
}

fn unmerged(git: &Git) -> Result<Vec<String>, TeamError> {
    let out = git.run(["diff", "--name-only", "-z", "--diff-filter=U"])?;
    let mut paths: Vec<String> = out
        .stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    paths.dedup();
    Ok(paths)
}

/// Finishes a merge a human was to settle: when every conflicted file now reads as a
/// desk file, commits the merge; otherwise names what is still conflicted.
fn finish_merge(git: &Git, report: &mut SyncReport) -> Result<bool, TeamError> {
    let mut still = Vec::new();
    for path in unmerged(git)? {
        let full = git.dir.join(&path);
        let readable = match driver::kind_of(&path) {
            Some(Kind::Order) => store::read_order(&full).is_ok(),
            Some(Kind::Quote) => store::read_quote(&full).is_ok(),
            Some(Kind::Customer) => store::read_customer(&full).is_ok(),
            None => !fs::read(&full)
                .map(|b| b.windows(8).any(|w| w == b"<<<<<<< "))
                .unwrap_or(false),
        };
        if !readable {
            still.push((
                path,
                "still conflicted: edit it to the right version (the markers show ours, the common version and theirs), then sync again".to_string(),
            ));
        }
    }
    if !still.is_empty() {
        report.conflicted = still;
        return Ok(false);
    }
    book::stage_named(git, &unmerged(git)?)?;
    book::stage(git)?;
    git.run(["commit", "-q", "--no-verify", "--no-edit"])?;
    Ok(true)
}

/// What a set of changed files says to a rep.
#[derive(Debug, Default)]
struct Described {
    lines: Vec<String>,
    new_orders: Vec<String>,
    transitions: usize,
    other_files: usize,
    /// Every desk file touched, for the list of decisions.
    paths: Vec<String>,
}

/// Reads the old and new versions of the changed desk files, by object id, in one
/// `git cat-file --batch`, and says what changed in each.
fn describe(git: &Git, changes: &[Change]) -> Result<Described, TeamError> {
    let changes: Vec<&Change> = changes
        .iter()
        .filter(|c| driver::kind_of(&c.path).is_some())
        .collect();
    // One request per version that exists: none for the old version of an added file
    // or the new version of a removed one.
    let mut input = String::new();
    let mut at = Vec::new();
    let mut n = 0;
    let mut ask = |id: &Option<String>| {
        id.as_ref().map(|id| {
            input.push_str(id);
            input.push('\n');
            n += 1;
            n - 1
        })
    };
    for c in &changes {
        let old = ask(&c.old);
        let new = ask(&c.new);
        at.push((old, new));
    }
    let blobs = if n == 0 {
        Vec::new()
    } else {
        let out = git.run_with_input(["cat-file", "--batch"], input.as_bytes())?;
        parse_batch(&out.stdout)
    };
    let blob = |i: Option<usize>| i.and_then(|i| blobs.get(i).cloned().flatten());
    let mut d = Described::default();
    for (i, Change { path, .. }) in changes.iter().enumerate() {
        let old = blob(at[i].0);
        let new = blob(at[i].1);
        d.paths.push(path.clone());
        let named = Path::new(path.as_str());
        match driver::kind_of(path) {
            Some(Kind::Order) => {
                let old = old.and_then(|b| store::parse_order(named, &b).ok());
                let Some(new) = new else {
                    d.lines.push(format!("removed {path}"));
                    continue;
                };
                let new = match store::parse_order(named, &new) {
                    Ok(o) => o,
                    Err(e) => {
                        d.lines.push(format!("{path}: {}", short_error(&e)));
                        continue;
                    }
                };
                describe_order(&mut d, old.as_ref(), &new);
            }
            Some(Kind::Quote) => {
                d.other_files += 1;
                let old = old.and_then(|b| store::parse_quote(named, &b).ok());
                match new.map(|b| store::parse_quote(named, &b)) {
                    Some(Ok(q)) => d.lines.push(describe_quote(old.as_ref(), &q)),
                    Some(Err(e)) => d.lines.push(format!("{path}: {}", short_error(&e))),
                    None => d.lines.push(format!("removed {path}")),
                }
            }
            _ => {
                d.other_files += 1;
                match new {
                    Some(_) if old.is_none() => d.lines.push(format!("new customer file {path}")),
                    Some(_) => d.lines.push(format!("customer file {path} changed")),
                    None => d.lines.push(format!("removed {path}")),
                }
            }
        }
    }
    Ok(d)
}

fn short_error(e: &store::StoreError) -> String {
    match e {
        store::StoreError::Newer { format, .. } => {
            format!("written by a newer Order Desk (format {format})")
        }
        other => {
            let s = other.to_string();
            format!("not readable ({})", text::clean(&s))
        }
    }
}

fn describe_order(d: &mut Described, old: Option<&Order>, new: &Order) {
    if old.is_none() {
        d.new_orders.push(new.id.clone());
        d.lines.push(format!(
            "new order {} ({}, {})",
            new.id,
            text::clean(&new.customer),
            crate::domain::money::format_usd(new.total)
        ));
    }
    let known: Vec<_> = old
        .map(|o| decision::changes(o).cloned().collect())
        .unwrap_or_default();
    for change in decision::changes(new) {
        if known.contains(change) {
            continue;
        }
        d.transitions += 1;
        let waits = new.contested.contains(change);
        d.lines.push(format!(
            "{}: {} -> {} by {}{}",
            new.id,
            change.from.map_or("?", |s| s.label()),
            change.to.label(),
            text::clean(&change.by),
            if waits { " (needs a decision)" } else { "" }
        ));
    }
    let old_voided = old.map_or(0, |o| o.voided.len());
    for v in new.voided.iter().skip(old_voided) {
        d.transitions += 1;
        d.lines.push(format!(
            "{}: decided by {}: {} -> {} voided ({})",
            new.id,
            text::clean(&v.by),
            v.change.from.map_or("?", |s| s.label()),
            v.change.to.label(),
            text::clean(&v.why)
        ));
    }
}

fn describe_quote(old: Option<&Quote>, new: &Quote) -> String {
    let status = |q: &Quote| match &q.status {
        QuoteStatus::Open => "open".to_string(),
        QuoteStatus::Accepted { order, by, .. } => {
            format!("accepted as {order} by {}", text::clean(by))
        }
        QuoteStatus::Declined { by, .. } => format!("declined by {}", text::clean(by)),
        QuoteStatus::Superseded { quote, by, .. } => {
            format!("revised as {quote} by {}", text::clean(by))
        }
    };
    match old {
        None => format!("new quote {} ({})", new.id, status(new)),
        Some(_) if !new.contested.is_empty() => {
            format!("quote {}: {} (needs a decision)", new.id, status(new))
        }
        Some(_) => format!("quote {}: {}", new.id, status(new)),
    }
}

/// The file (inside `.git`, never shared) where this desk keeps its last sync and the
/// files that wait for a decision.
fn state_file(git: &Git) -> Result<PathBuf, TeamError> {
    let path = git.text(["rev-parse", "--git-path", "order-desk-sync"])?;
    Ok(git.dir.join(path))
}

/// Saves when this sync ran and how it ended, and updates the list of files waiting for
/// a decision with the files this sync touched (read from disk now).
fn remember(
    git: &Git,
    report: &mut SyncReport,
    touched: &BTreeSet<String>,
    now: Timestamp,
) -> Result<(), TeamError> {
    let path = state_file(git)?;
    let (_, mut waiting) = read_state(&path);
    for p in touched {
        waiting.remove(p);
    }
    for p in touched.iter().chain(waiting.clone().iter()) {
        if needs_decision(&git.dir, p) {
            waiting.insert(p.clone());
        } else {
            waiting.remove(p);
        }
    }
    let outcome = match &report.push {
        Push::Pushed(n) => format!("pushed {n} commit(s)"),
        Push::UpToDate => "up to date".into(),
        Push::NoRemote => "no remote".into(),
        Push::Waits(_) => "push waits".into(),
    };
    let mut text = format!("{} {outcome}\n", now.strftime("%Y-%m-%dT%H:%M:%SZ"));
    report.decisions = waiting.iter().cloned().collect();
    for p in &waiting {
        text.push_str(p);
        text.push('\n');
    }
    fs::write(&path, text).map_err(|e| io_error("write", &path, e))?;
    Ok(())
}

fn read_state(path: &Path) -> (Option<String>, BTreeSet<String>) {
    let Ok((bytes, _)) = store::files::read_regular(path, 16 * 1024 * 1024) else {
        return (None, BTreeSet::new());
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    let last = lines.next().map(|l| text::clean(l).into_owned());
    (last, lines.map(str::to_string).collect())
}

/// Whether the desk file at `path` (top-relative) waits for a decision.
pub fn needs_decision(top: &Path, path: &str) -> bool {
    let full = top.join(path);
    match driver::kind_of(path) {
        Some(Kind::Order) => store::read_order(&full).is_ok_and(|o| o.needs_decision()),
        Some(Kind::Quote) => store::read_quote(&full).is_ok_and(|q| !q.contested.is_empty()),
        Some(Kind::Customer) => store::read_customer(&full).is_ok_and(|c| !c.clashes.is_empty()),
        None => false,
    }
}

/// `team status`: the remote, the last sync, what waits to be pushed and pulled (as of
/// the last fetch: status never goes to the network) and the decisions waiting.
pub fn status(dir: &Path, desk: &Desk) -> Result<StatusReport, TeamError> {
    let git = open(dir, desk)?;
    let mut report = StatusReport {
        branch: git.text(["symbolic-ref", "--short", "HEAD"])?,
        ..StatusReport::default()
    };
    let remote = git.output(["remote", "get-url", REMOTE])?;
    if remote.status.success() {
        report.remote =
            Some(text::clean(String::from_utf8_lossy(&remote.stdout).trim()).into_owned());
    }
    let (last, waiting) = read_state(&state_file(&git)?);
    report.last_sync = last;
    report.decisions = waiting
        .into_iter()
        .filter(|p| needs_decision(dir, p))
        .collect();
    report.local_changes = git
        .run(["status", "--porcelain", "-z", "--untracked-files=all"])?
        .stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .count();
    let upstream = format!("refs/remotes/{REMOTE}/{}", report.branch);
    if git
        .output(["rev-parse", "--verify", "--quiet", &upstream])?
        .status
        .success()
    {
        let counts = git.text([
            "rev-list",
            "--left-right",
            "--count",
            &format!("HEAD...{upstream}"),
        ])?;
        let mut n = counts.split_whitespace().map(|s| s.parse().unwrap_or(0));
        report.to_push = n.next().unwrap_or(0);
        report.to_pull = n.next().unwrap_or(0);
    } else if report.remote.is_some() {
        report.to_push = git
            .text(["rev-list", "--count", "HEAD"])?
            .parse()
            .unwrap_or(0);
    }
    if dir.join(".git/MERGE_HEAD").exists() {
        report.conflicted = unmerged(&git)?;
    }
    Ok(report)
}
