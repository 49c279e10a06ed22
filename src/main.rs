//! The `citelint` binary: parses arguments and hands over to the library.

use std::io::Write;
use std::process::ExitCode;

use citelint::cli::{self, Args, ExitStatus, Io};
use clap::Parser;

/// A faster allocator than the system's for the many small allocations of tree building
/// (`examples/floor.rs` uses the same one, so the floor stays comparable).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Args::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        out_is_terminal: cli::stdout_is_terminal(),
        ends_process: true,
    };
    let status = match cli::run(args, &mut io).and_then(|status| out.flush().map(|()| status)) {
        Ok(status) => status,
        // A closed pipe (`citelint check | head`) is the reader's choice, not a failure.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Clean,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error}");
            ExitStatus::Error
        }
    };
    ExitCode::from(status as u8)
}
