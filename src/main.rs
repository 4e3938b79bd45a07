//! The `order-desk` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;
use order_desk::cli::{self, Cli};

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // `order-desk orders | head`: the reader has what it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("order-desk: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
