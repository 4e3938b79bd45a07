//! The terminal app: browse the price list, build a cart, check out and follow orders.
//!
//! Elm-shaped: [`state`] is plain data, [`action`] lists everything that can happen,
//! [`keymap`] turns keys into actions, [`update`] is pure, [`view`] draws, and
//! [`runner`] is the loop that owns the terminal and the store.

use std::path::PathBuf;

use crate::domain::catalog::Catalog;

pub mod action;
pub mod export;
pub mod field;
pub mod form_region;
pub mod help;
pub mod hits;
pub mod keymap;
pub mod model;
pub mod runner;
pub mod size;
pub mod state;
pub mod terminal;
pub mod update;
pub mod view;

/// What the app needs to start; the binary fills it from flags and the environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub catalog: Catalog,
    /// Where the price list came from ("built-in" or a path), for the status bar.
    pub catalog_label: String,
    pub orders_dir: PathBuf,
    /// The sales rep, prefilled at checkout and recorded in status changes.
    pub rep: String,
    /// This desk's tag, used in order ids and the cart draft's file name.
    pub desk: String,
}

/// Why the app stopped other than by the rep quitting. The terminal is restored and the
/// cart draft kept in every case.
#[derive(Debug, thiserror::Error)]
pub enum Stopped {
    /// The terminal could not be read or written.
    #[error("{0}")]
    Terminal(#[from] std::io::Error),
    /// A signal (SIGTERM, SIGHUP, …) asked the app to stop.
    #[error("stopped by {}; the cart draft is kept", terminal::signal_name(*.0))]
    Signal(i32),
    /// A part of the app failed where it should not (a bug): the app ended rather than go
    /// on without it.
    #[error("a bug stopped the app: {0}; the cart draft is kept, please report this")]
    Panic(String),
}

impl Stopped {
    /// The exit code: 128 + n for signal n (the shell's convention), 101 for a panic (as
    /// Rust's own), 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Stopped::Terminal(_) => 1,
            Stopped::Signal(n) => u8::try_from(128 + n).unwrap_or(1),
            Stopped::Panic(_) => 101,
        }
    }
}

/// Runs the app until the rep quits; the terminal is restored on quit, Ctrl-C, a signal
/// and a panic (see [`terminal`]).
pub fn run(config: Config) -> Result<(), Stopped> {
    runner::run(config)
}
