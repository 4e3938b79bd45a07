//! The `order-desk` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;
use order_desk::cli::{self, Cli};

fn main() -> ExitCode {
    // clap quotes what was typed in its errors: cleaned like every other message.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            eprint!(
                "{}",
                order_desk::domain::text::clean_lines(&e.render().to_string())
            );
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `order-desk orders | head`: the reader has what it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Each message already escapes what it quotes; cleaning the whole is the net
            // under it, so nothing on stderr can drive the terminal.
            eprintln!(
                "order-desk: {}",
                order_desk::domain::text::clean(&e.to_string())
            );
            ExitCode::from(e.exit_code())
        }
    }
}
