//! A team desk: one order book shared by many reps on many machines, through git.
//!
//! Promises:
//! - The book is a git work tree; git moves the files, the desk teaches it what they mean:
//!   `*.ron` files merge through the desk's driver (`merge.rs`, `driver.rs`), so two
//!   desks' work on one order merges without losing an order, a history entry or a rule.
//! - `sync` commits what this desk changed (one commit, naming the orders and status
//!   changes, authored by the rep and the desk), fetches, merges, pushes, and retries when
//!   someone pushed meanwhile; offline it keeps the commit and says the push waits.
//! - Git runs as a command (`git.rs`): never through a shell, without the user's hooks,
//!   with the user's own credentials and SSH settings. A missing git or a failing remote
//!   is a clear error and loses nothing locally.

pub mod book;
pub mod child;
pub mod diff;
pub mod driver;
pub mod git;
pub mod merge;
pub mod pulled;
pub mod sync;
pub mod sync_lock;

pub use git::TeamError;
pub use sync::{Desk, StatusReport, SyncReport, init, join, status, sync, sync_with};
