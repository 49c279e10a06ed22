//! `citelint check`: read every input in parallel, check it, report in a stable order.

use std::io::{IsTerminal, Read};
use std::sync::Arc;

use rayon::prelude::*;

use super::plan::{Plan, PlanError};
use super::walk::{self, Input};
use super::{CheckArgs, ColorChoice, ExitStatus, Io, OutputFormat, report_error};
use crate::document::{self, DecodeError, Format, OffsetMap, ReadOptions};
use crate::report::{FileReport, Human, Json, Reporter, Style};
use crate::rules::{Engine, Finding, Label, Severity};

/// The id of the diagnostic for a file that cannot be read or decoded.
pub const IO_ERROR: &str = "citelint/io-error";

/// Files larger than this are reported instead of read (bounded memory on hostile input).
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

pub(super) fn run(args: &CheckArgs, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    let inputs = walk::collect(&args.paths);
    let stdin_dir = args
        .stdin_filename
        .as_deref()
        .and_then(|n| std::path::Path::new(n).parent().map(std::path::Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| ".".into());
    let plan = match Plan::new(inputs, args.config.as_deref(), args.isolated, &args.rule_files, &stdin_dir) {
        Ok(plan) => plan,
        Err(PlanError::Toml(error)) => {
            report_error(io, &*error)?;
            return Ok(ExitStatus::Error);
        }
        Err(PlanError::Other(message)) => {
            writeln!(io.err, "error: {message}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let mut stdin = None;
    if plan.inputs.iter().any(|(i, _)| *i == Input::Stdin) {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        stdin = Some(bytes);
    }
    for (input, _) in &plan.inputs {
        if let Input::File(path, None) = input {
            writeln!(io.err, "warning: skipped {}: not a Markdown or HTML file", path.display())?;
        }
    }
    let check_one = |(input, config): &(Input, usize)| -> Option<FileReport> {
        let (settings, engine) = &plan.configs[*config];
        let engine = &plan.engines[*engine];
        let options = ReadOptions {
            autolink: settings.autolink.value && !args.no_autolink,
            html_body: settings.html_body.value.clone(),
        };
        Some(match input {
            Input::File(path, Some(format)) => {
                let levels = plan.levels(*config, path);
                check_file(engine, &options, &levels, path, *format)
            }
            Input::File(_, None) => return None,
            Input::Broken(path, why) => unreadable(&path.display().to_string(), Format::from_path(path).unwrap_or(Format::Markdown), why),
            Input::Stdin => {
                let name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_owned());
                let format = Format::from_path(name.as_ref()).unwrap_or(Format::Markdown);
                let levels = plan.levels(*config, name.as_ref());
                check_bytes_with(engine, &options, &levels, name, format, stdin.as_deref().unwrap_or_default())
            }
        })
    };
    let reports: Vec<FileReport> = match args.jobs {
        Some(jobs) => {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build().map_err(std::io::Error::other)?;
            pool.install(|| plan.inputs.par_iter().filter_map(check_one).collect())
        }
        None => plan.inputs.par_iter().filter_map(check_one).collect(),
    };

    let reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Json => Box::new(Json),
        OutputFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => io.out_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            };
            let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
            Box::new(Human::new(Style { color, width }))
        }
    };
    reporter.report(&reports, io.out)?;
    let failed = reports.iter().flat_map(|r| &r.findings).any(|f| f.severity == Severity::Error);
    Ok(if failed { ExitStatus::Findings } else { ExitStatus::Clean })
}

fn check_file(engine: &Engine, options: &ReadOptions, levels: &Levels, path: &std::path::Path, format: Format) -> FileReport {
    let name = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_SIZE => {
            let why = format!("file is {} MiB, over the {} MiB limit", meta.len() >> 20, MAX_FILE_SIZE >> 20);
            return unreadable(&name, format, &why);
        }
        Ok(_) => {}
        Err(error) => return unreadable(&name, format, &error.to_string()),
    }
    match std::fs::read(path) {
        Ok(bytes) => check_bytes_with(engine, options, levels, name, format, &bytes),
        Err(error) => unreadable(&name, format, &error.to_string()),
    }
}

/// Checks the bytes of one document.
#[must_use]
pub fn check_bytes(engine: &Engine, options: &ReadOptions, path: String, format: Format, bytes: &[u8]) -> FileReport {
    check_bytes_with(engine, options, &Levels::new(), path, format, bytes)
}

type Levels = std::collections::HashMap<String, crate::rules::engine::Level>;

fn check_bytes_with(engine: &Engine, options: &ReadOptions, levels: &Levels, path: String, format: Format, bytes: &[u8]) -> FileReport {
    match document::read(bytes, format, options) {
        Ok(doc) => {
            let findings = engine.check_with(&doc, levels);
            FileReport { path, format, text: Arc::from(doc.text), offsets: doc.offsets, findings }
        }
        Err(error) => undecodable(path, format, bytes, &error),
    }
}

fn io_error(message: String, span: std::ops::Range<usize>, label: &str, help: &str) -> Finding {
    let rule: Arc<str> = Arc::from(IO_ERROR);
    Finding::new(&rule, Severity::Error, message, Label::new(span, label)).with_help(help)
}

fn unreadable(path: &str, format: Format, why: &str) -> FileReport {
    let finding = io_error(format!("cannot read {path}: {why}"), 0..0, "", "check that the file exists and is readable");
    FileReport { path: path.to_owned(), format, text: Arc::from(""), offsets: OffsetMap::default(), findings: vec![finding] }
}

fn undecodable(path: String, format: Format, bytes: &[u8], error: &DecodeError) -> FileReport {
    if let DecodeError::Binary { .. } = error {
        let finding = io_error(format!("cannot check {path}: it {error}"), 0..0, "", "exclude binary files from the check");
        return FileReport { path, format, text: Arc::from(""), offsets: OffsetMap::default(), findings: vec![finding] };
    }
    // Show the text up to the bad byte, so the report points at the right line and column.
    let offset = error.offset().min(bytes.len());
    let text = String::from_utf8_lossy(bytes).into_owned();
    let at = String::from_utf8_lossy(&bytes[..offset]).len();
    let finding = io_error(
        format!("cannot check {path}: {error}"),
        at..at,
        "the first undecodable byte",
        "save the file as UTF-8 (HTML may also declare its encoding with <meta charset>)",
    );
    FileReport { path, format, text: Arc::from(text), offsets: OffsetMap::default(), findings: vec![finding] }
}

/// Whether standard output is a terminal.
#[must_use]
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
