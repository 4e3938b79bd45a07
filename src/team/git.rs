//! Running git: the command line, never a shell, never the user's hooks.
//!
//! Why the command line and not a git library (git2, gix): git is present wherever a git
//! remote is; it honours the user's own credential helpers, SSH keys and `~/.ssh/config`
//! for any remote (file server, forge over SSH or HTTPS) without the desk handling a
//! secret; and it adds no C build (git2 builds libgit2) or partial push support (gix).
//!
//! Every call runs `git -C BOOK` with the variables that could point it at another
//! repository removed, prompts off (`GIT_TERMINAL_PROMPT=0`: an app must never wait on
//! a password prompt it cannot show), hooks off (`core.hooksPath=/dev/null`, and
//! `--no-verify` where git offers it), signing off, and English messages, so what git
//! says can be read back.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::domain::text;

/// What went wrong with the team book, each a sentence a rep can act on.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(
        "git is not installed or not on PATH ({0}); install git (https://git-scm.com) to share the book: nothing was changed"
    )]
    NoGit(std::io::Error),
    #[error("{} is not a team book: run `order-desk team init` there, or `order-desk team join URL` to copy one", text::path(.0))]
    NotATeamBook(PathBuf),
    #[error("{} already holds files: join into a new or empty folder", text::path(.0))]
    NotEmpty(PathBuf),
    #[error("git {args} failed: {message}")]
    Git { args: String, message: String },
    #[error(
        "git {args} gave no answer in {secs} s and was stopped, with what it had started; nothing here was lost: try again when the remote answers, or allow more time with ORDER_DESK_GIT_TIMEOUT=SECONDS"
    )]
    TimedOut { args: String, secs: u64 },
    #[error(
        "another sync of this book is running ({holder}); this one waited {waited} s and stopped without changing anything: sync again when it has finished"
    )]
    SyncRunning { holder: String, waited: u64 },
    #[error("cannot {action} {}: {source}", text::path(.path))]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Who commits: the rep and the desk, given to git through its environment so a machine
/// where git has no identity configured still commits.
#[derive(Debug, Clone)]
pub struct Author {
    pub name: String,
    pub email: String,
}

/// Git on one folder.
#[derive(Debug, Clone)]
pub struct Git {
    pub dir: PathBuf,
    pub author: Author,
    /// `-c key=value` settings added to every call (the merge driver's command).
    pub settings: Vec<String>,
    /// An index file of its own (for building a tree beside the book's index).
    pub index: Option<PathBuf>,
}

/// Variables that would make git work on another repository than the book.
const FOREIGN: [&str; 9] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_COMMON_DIR",
    "GIT_CEILING_DIRECTORIES",
    "GIT_CONFIG_PARAMETERS",
];

impl Git {
    pub fn new(dir: impl Into<PathBuf>, author: Author) -> Git {
        Git {
            dir: dir.into(),
            author,
            settings: Vec::new(),
            index: None,
        }
    }

    /// The command for `git ARGS` on the book, not yet run.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("git");
        for var in FOREIGN {
            cmd.env_remove(var);
        }
        let name = sanitize_ident(&self.author.name);
        let email = sanitize_ident(&self.author.email);
        cmd.env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("LC_ALL", "C")
            .env("LANGUAGE", "C")
            .env("GIT_AUTHOR_NAME", &name)
            .env("GIT_AUTHOR_EMAIL", &email)
            .env("GIT_COMMITTER_NAME", &name)
            .env("GIT_COMMITTER_EMAIL", &email)
            .arg("-C")
            .arg(&self.dir)
            .args(["-c", "core.hooksPath=/dev/null"])
            .args(["-c", "commit.gpgsign=false"])
            .args(["-c", "core.quotepath=false"])
            .args(["-c", "advice.detachedHead=false"])
            // What a user's config could make git run or change behind the desk's back:
            // a file-system monitor command, line-ending and encoding conversions,
            // submodules, background maintenance.
            .args(["-c", "core.fsmonitor=false"])
            .args(["-c", "core.untrackedCache=false"])
            .args(["-c", "core.autocrlf=false"])
            .args(["-c", "core.safecrlf=false"])
            .args(["-c", "submodule.recurse=false"])
            .args(["-c", "fetch.recurseSubmodules=false"])
            .args(["-c", "gc.auto=0"])
            .args(["-c", "maintenance.auto=false"])
            .args(["-c", "protocol.ext.allow=never"]);
        if let Some(index) = &self.index {
            cmd.env("GIT_INDEX_FILE", index);
        }
        for s in &self.settings {
            cmd.arg("-c").arg(s);
        }
        cmd.args(args).stdin(Stdio::null());
        cmd
    }

    /// Runs `git ARGS`; a non-zero exit is an error quoting git's own words.
    pub fn run<I, S>(&self, args: I) -> Result<Output, TeamError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        let out = self.output(args.clone())?;
        if out.status.success() {
            Ok(out)
        } else {
            Err(failure(args, &out))
        }
    }

    /// Runs `git ARGS` whatever its exit code.
    pub fn output<I, S>(&self, args: I) -> Result<Output, TeamError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let (args, cmd) = self.prepared(args);
        finish(args, super::child::run(cmd, None, super::child::timeout()))
    }

    /// The command and its arguments as words, for a message.
    fn prepared<I, S>(&self, args: I) -> (String, Command)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<std::ffi::OsString> =
            args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let words = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        (words, self.command(args))
    }

    /// Runs `git ARGS` with `input` on stdin.
    pub fn run_with_input<I, S>(&self, args: I, input: &[u8]) -> Result<Output, TeamError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        let (words, cmd) = self.prepared(args.clone());
        let out = finish(
            words,
            super::child::run(cmd, Some(input.to_vec()), super::child::timeout()),
        )?;
        if out.status.success() {
            Ok(out)
        } else {
            Err(failure(args, &out))
        }
    }

    /// `git ARGS`'s stdout as text, trimmed.
    pub fn text<I, S>(&self, args: I) -> Result<String, TeamError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        let out = self.run(args)?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// Whether the folder is the top of a git work tree.
    pub fn is_top(&self) -> Result<bool, TeamError> {
        let out = self.output(["rev-parse", "--show-toplevel"])?;
        if !out.status.success() {
            return Ok(false);
        }
        let top = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        Ok(crate::store::user_dirs::canonical(&top)
            == crate::store::user_dirs::canonical(&self.dir))
    }
}

fn finish(args: String, ended: std::io::Result<super::child::Ended>) -> Result<Output, TeamError> {
    match ended.map_err(spawn_error)? {
        super::child::Ended::Exited(out) => Ok(out),
        super::child::Ended::TimedOut => Err(TeamError::TimedOut {
            args: text::clean(&args).into_owned(),
            secs: super::child::timeout().as_secs(),
        }),
    }
}

fn spawn_error(e: std::io::Error) -> TeamError {
    if e.kind() == std::io::ErrorKind::NotFound {
        TeamError::NoGit(e)
    } else {
        TeamError::Io {
            action: "run",
            path: PathBuf::from("git"),
            source: e,
        }
    }
}

fn failure<I, S>(args: I, out: &Output) -> TeamError
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    TeamError::Git {
        args: args.join(" "),
        message: last_words(&out.stderr),
    }
}

/// The meaningful lines of what git said on stderr, cleaned for the terminal.
pub fn last_words(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .collect();
    let shown = lines[lines.len().saturating_sub(4)..].join("; ");
    text::clean(&shown).into_owned()
}

/// A name or email git accepts: no angle brackets or line breaks, never empty.
fn sanitize_ident(s: &str) -> String {
    let s: String = text::clean(s)
        .chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n'))
        .collect();
    if s.trim().is_empty() {
        "order desk".into()
    } else {
        s.trim().to_string()
    }
}

/// Quotes a path for the one place git itself hands a command to a shell: the merge
/// driver's command line in its config.
pub fn shell_quote(path: &Path) -> String {
    let s = path.to_string_lossy();
    format!("'{}'", s.replace('\'', "'\\''"))
}
