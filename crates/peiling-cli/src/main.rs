//! The `peiling` binary: parse arguments, dispatch, map the outcome to an exit code.

mod args;
mod commands;
mod config;
mod load;
mod messages;
mod output;
mod status;
mod stream;

use std::process::ExitCode;

use clap::Parser;

use status::ExitStatus;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    let status = match commands::dispatch(args) {
        Ok(()) => ExitStatus::Success,
        Err(err) => status::report(&err),
    };
    status.into()
}
