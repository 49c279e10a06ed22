//! The command line: arguments, and running `check`, `rules` and `explain`.

mod baseline;
mod check;
mod config;
mod plan;
pub use check::{IO_ERROR, MAX_FILE_SIZE, check_bytes, stdout_is_terminal};
mod explain;
mod walk;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// How a run ended, as the process exit status (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No error-severity finding.
    Clean = 0,
    /// At least one error-severity finding.
    Findings = 1,
    /// The run could not proceed: bad arguments, configuration or rule pack.
    Error = 2,
}

/// Checks documents that republish a news agency's material against its citation terms.
#[derive(Debug, Parser)]
#[command(name = "citelint", version, about, max_term_width = 100)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Markdown and HTML files and directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule with its severity and a one-line summary.
    Rules(RulesArgs),
    /// Explain a rule: why it exists, the exact terms it encodes, and an example.
    Explain(ExplainArgs),
    /// Print the effective configuration for a path and where each value comes from.
    Config(ConfigArgs),
}

/// Arguments of `config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// The file or directory whose configuration to show (default: the current directory).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Use this configuration file instead of looking for one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the JSON Schema of the configuration file instead.
    #[arg(long)]
    pub schema: bool,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Graphical reports with source snippets.
    Human,
    /// The JSON report of SPEC §3.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands: annotations on a pull request.
    Github,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
#[allow(clippy::struct_excessive_bools)] // Command-line switches are booleans by nature.
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Name (and so format) of the document read from standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Load another rule pack from a TOML file (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<PathBuf>,
    /// Use this configuration file for every path instead of looking for one.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files: built-in defaults only.
    #[arg(long)]
    pub isolated: bool,
    /// Do not treat bare URLs in Markdown text as links.
    #[arg(long)]
    pub no_autolink: bool,
    /// Number of threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Also check the paths listed in FILE, one per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Only check files changed since the git revision REV (committed or not).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE, so later runs with --baseline report only new ones.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Check only shard K of N (1-based), split by a stable hash of each path, so a large
    /// archive splits across CI jobs: `--shard 1/4` … `--shard 4/4`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
    /// Parse every document, even those the prefilter proves clean (for checking the
    /// prefilter itself; the output is the same).
    #[arg(long, hide = true)]
    pub no_prefilter: bool,
    /// Lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Print only the findings: no summary line, nothing for a clean run.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// After the report, count the findings of each rule.
    #[arg(long)]
    pub statistics: bool,
}

fn parse_shard(text: &str) -> Result<(u64, u64), String> {
    let (k, n) = text
        .split_once('/')
        .ok_or("expected K/N, for example 2/4")?;
    let k: u64 = k
        .trim()
        .parse()
        .map_err(|_| format!("`{k}` is not a shard number"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a shard count"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!(
            "shard {k}/{n} does not exist: K must be between 1 and N"
        ));
    }
    Ok((k, n))
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors fail the run.
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Note,
}

/// Arguments of `rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Load another rule pack from a TOML file (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<PathBuf>,
}

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `ukrinform/first-paragraph-link`.
    pub rule: String,
    /// Load another rule pack from a TOML file (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<PathBuf>,
}

/// Where a run writes.
pub struct Io<'a> {
    /// Reports.
    pub out: &'a mut dyn Write,
    /// Errors about the run itself.
    pub err: &'a mut dyn Write,
    /// Whether standard output is a terminal.
    pub out_is_terminal: bool,
    /// Whether the process ends when the run returns. Then a check leaves its reports and
    /// compiled rules for the exit to free: freeing them piece by piece only delays the exit
    /// (a few milliseconds for twenty thousand files).
    pub ends_process: bool,
}

/// Runs the command line.
pub fn run(args: Args, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    match args.command {
        Command::Check(check) => check::run(&check, io),
        Command::Rules(rules) => explain::rules(&rules, io),
        Command::Explain(explain) => explain::explain(&explain, io),
        Command::Config(config) => config::run(&config, io),
    }
}

/// Builds the engine for `rules` and `explain`: the packs and severities of the
/// configuration found from the current directory, plus any given with `--rules`. A bad
/// pack or configuration is reported (with its TOML span) and ends the run with status 2.
fn engine(
    files: &[PathBuf],
    io: &mut Io<'_>,
) -> std::io::Result<Result<crate::rules::Engine, ExitStatus>> {
    let config = match crate::config::Config::find(std::path::Path::new(".")) {
        Some(path) => match crate::config::Config::load(&path) {
            Ok(config) => config,
            Err(error) => {
                report_error(io, &*error)?;
                return Ok(Err(ExitStatus::Error));
            }
        },
        None => crate::config::Config::default(),
    };
    let mut packs = config.packs.value.clone();
    packs.extend(files.iter().map(|f| f.display().to_string()));
    let mut engine = match crate::rules::Engine::from_packs(&packs) {
        Ok(engine) => engine,
        Err(error) => {
            report_error(io, &*error)?;
            return Ok(Err(ExitStatus::Error));
        }
    };
    for (id, level) in &config.rules {
        engine.set_level(id, level.value.severity());
    }
    Ok(Ok(engine))
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
/// so a reader never sees half a file. An existing file keeps its permissions, a new one
/// gets those the umask gives any new file; a path that is no regular file (a device, a
/// directory) is refused rather than replaced.
pub(crate) fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let existing = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} is not a regular file", path.display()),
            ));
        }
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    // A symbolic link is written through: the file it points at gets the new contents.
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created as any new file is: 0o666 less the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // An error names the file asked for, not the temporary one.
    let named =
        |e: std::io::Error| std::io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let mut temp = builder.tempfile_in(dir).map_err(named)?;
    if let Some(permissions) = existing {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(&path).map_err(|e| named(e.error))?;
    Ok(())
}

/// Writes a miette diagnostic about the run itself to standard error.
fn report_error(io: &mut Io<'_>, diagnostic: &dyn miette::Diagnostic) -> std::io::Result<()> {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut text = String::new();
    handler
        .render_report(&mut text, diagnostic)
        .map_err(std::io::Error::other)?;
    writeln!(io.err, "{}", text.trim_end())
}
