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
    let mut out = std::io::BufWriter::new(Closable {
        inner: stdout.lock(),
        closed: false,
    });
    let mut err = Closable {
        inner: std::io::stderr(),
        closed: false,
    };
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        out_is_terminal: cli::stdout_is_terminal(),
        ends_process: true,
    };
    let status = match cli::run(args, &mut io).and_then(|status| out.flush().map(|()| status)) {
        Ok(status) => status,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error}");
            ExitStatus::Error
        }
    };
    ExitCode::from(status as u8)
}

/// Standard output or error that a closed pipe (`citelint check | head`) silences instead of
/// failing: the reader chose to read no more, and the run still ends with the status its findings
/// give, so that `set -o pipefail` sees the errors the reader did not.
struct Closable<W> {
    inner: W,
    closed: bool,
}

impl<W> Closable<W> {
    /// `result`, or `instead` where it is the pipe's closing, which silences the rest.
    fn unless_closed<T>(&mut self, result: std::io::Result<T>, instead: T) -> std::io::Result<T> {
        match result {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(instead)
            }
            result => result,
        }
    }
}

impl<W: Write> Write for Closable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.unless_closed(result, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.unless_closed(result, ())
    }
}
