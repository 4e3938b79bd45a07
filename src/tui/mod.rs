//! The terminal app: browse the price list, build a cart, check out and follow orders.
//!
//! Elm-shaped: [`state`] is plain data, [`action`] lists everything that can happen,
//! [`keymap`] turns keys into actions, [`update`] is pure, [`view`] draws, and
//! [`runner`] is the loop that owns the terminal and the store.

use std::path::PathBuf;

use crate::catalog::Catalog;

pub mod action;
pub mod book;
pub mod browse;
pub mod help;
pub mod keymap;
pub mod runner;
pub mod state;
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

/// Runs the app until the rep quits; the terminal is restored on quit, Ctrl-C and panic.
pub fn run(config: Config) -> std::io::Result<()> {
    runner::run(config)
}
