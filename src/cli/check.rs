//! `citelint check`: read every input in parallel, check it, report in a stable order.

use std::io::{IsTerminal, Read};
use std::sync::Arc;

use rayon::prelude::*;

use super::baseline::{self, Baseline};
use super::plan::Plan;
use super::walk::{self, Input};
use super::{CheckArgs, ColorChoice, ExitStatus, FailOn, Io, OutputFormat, report_error};
use crate::document::{self, DecodeError, Format, OffsetMap, ReadOptions};
use crate::report::{FileReport, Github, Human, Json, Reporter, RuleInfo, Sarif, Style, Summary};
use crate::rules::{Engine, Finding, Label, Severity};

/// The id of the diagnostic for a file that cannot be read or decoded.
pub const IO_ERROR: &str = "citelint/io-error";

/// Files larger than this are reported instead of read (bounded memory on hostile input).
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// The inputs of a run: paths, `--files-from`, narrowed by `--changed-since`; `Err` holds
/// the message for a run that cannot proceed.
fn inputs(args: &CheckArgs) -> Result<Vec<Input>, String> {
    let mut paths = args.paths.clone();
    let stdin = |p: &std::path::PathBuf| p.as_os_str() == "-";
    if args.stdin_filename.is_some() {
        if paths.is_empty() && args.files_from.is_none() {
            // Naming the standard input is asking to read it, as ruff takes it.
            paths.push(std::path::PathBuf::from("-"));
        } else if !paths.iter().any(stdin) {
            return Err(
                "--stdin-filename names the standard input, which is read only as `-`: \
                 add `-` to the paths"
                    .to_owned(),
            );
        }
    }
    if args.files_from.as_ref().is_some_and(&stdin) && paths.iter().any(stdin) {
        return Err(
            "--files-from - and the path - both read the standard input: use one of them"
                .to_owned(),
        );
    }
    if let Some(list) = &args.files_from {
        let listed = read_list(list)
            .map_err(|e| format!("cannot read --files-from {}: {e}", list.display()))?;
        if args.paths.is_empty() && listed.is_empty() {
            // An empty list checks nothing, rather than the current directory.
            return Ok(Vec::new());
        }
        paths.extend(listed);
    }
    let threads = args.jobs.unwrap_or_else(rayon::current_num_threads).max(1);
    // Standard input is listed under its name, in path order with the files (SPEC §3).
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let mut inputs = walk::collect(&paths, threads, std::path::Path::new(stdin_name));
    if let Some((k, n)) = args.shard {
        inputs.retain(|i| match i {
            Input::File(path, _) | Input::Broken(path, _) => shard_of(path, n) == k - 1,
            Input::Stdin => k == 1,
        });
    }
    if let Some(rev) = &args.changed_since {
        // The repository is the one of the first path to check (`$GITHUB_WORKSPACE/content`
        // from anywhere), or of the current directory.
        let cwd = std::env::current_dir().unwrap_or_default();
        let first = args.paths.first().map(|p| absolute(&cwd, p));
        let within = first.as_deref().map_or(&*cwd, |p| {
            if p.is_dir() {
                p
            } else {
                p.parent().unwrap_or(p)
            }
        });
        let changed =
            changed_since(rev, within).map_err(|e| format!("--changed-since {rev}: {e}"))?;
        // Git lists paths from the repository's root; the inputs may be absolute or go up
        // (`../content`): both are compared from the file system's root.
        let changed: std::collections::HashSet<std::path::PathBuf> =
            changed.iter().map(|c| absolute(&cwd, c)).collect();
        inputs.retain(|i| match i {
            Input::File(path, _) | Input::Broken(path, _) => {
                changed.contains(&absolute(&cwd, path))
            }
            Input::Stdin => true,
        });
    }
    Ok(inputs)
}

pub(super) fn run(args: &CheckArgs, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    if walks_many(args) {
        crate::rules::registry::prepare();
        crate::rules::prepare_patterns();
    }
    let inputs = match inputs(args) {
        Ok(inputs) => inputs,
        Err(message) => {
            writeln!(io.err, "error: {message}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let stdin_dir = args
        .stdin_filename
        .as_deref()
        .and_then(|n| {
            std::path::Path::new(n)
                .parent()
                .map(std::path::Path::to_path_buf)
        })
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| ".".into());
    let plan = match Plan::new(
        inputs,
        args.config.as_deref(),
        args.isolated,
        &args.rule_files,
        &stdin_dir,
    ) {
        Ok(plan) => plan,
        Err(error) => {
            report_error(io, &*error)?;
            if args.format == OutputFormat::Github {
                writeln!(io.out, "{}", crate::report::github_run_error(&*error))?;
            }
            return Ok(ExitStatus::Error);
        }
    };
    let mut baseline = match &args.baseline {
        Some(path) => match Baseline::read(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => {
                writeln!(io.err, "error: {message}")?;
                return Ok(ExitStatus::Error);
            }
        },
        None => None,
    };
    let mut stdin = None;
    if plan.inputs.iter().any(|(i, _)| *i == Input::Stdin) {
        let bytes = match crate::fs::read_to_limit(std::io::stdin().lock(), MAX_FILE_SIZE) {
            Ok(bytes) => bytes,
            Err(error) => {
                writeln!(io.err, "error: cannot read standard input: {error}")?;
                return Ok(ExitStatus::Error);
            }
        };
        stdin = Some(bytes);
    }
    for (input, _) in &plan.inputs {
        if let Input::File(path, None) = input {
            writeln!(
                io.err,
                "warning: skipped {}: not a Markdown or HTML file",
                path.display()
            )?;
        }
    }
    let progress = progress_bar(plan.inputs.len());
    let prefilter = !args.no_prefilter && plan.inputs.len() >= PREFILTER_MIN_FILES;
    let check_one = |(input, config): &(Input, usize)| -> Option<FileReport> {
        let (settings, engine) = &plan.configs[*config];
        let engine = &plan.engines[*engine];
        let options = ReadOptions {
            autolink: settings.autolink.value && !args.no_autolink,
            html_body: settings.html_body.value.clone(),
            prefilter,
            mdx: false,
        };
        let stdin_name = || {
            args.stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".to_owned())
        };
        let levels = match input {
            Input::File(path, _) | Input::Broken(path, _) => plan.levels(*config, path),
            Input::Stdin => plan.levels(*config, stdin_name().as_ref()),
        };
        let mut report = match input {
            Input::File(path, Some(format)) => check_file(engine, &options, &levels, path, *format),
            Input::File(_, None) => return None,
            Input::Broken(path, why) => unreadable(
                &path.display().to_string(),
                Format::from_path(path).unwrap_or(Format::Markdown),
                why,
            ),
            Input::Stdin => {
                let name = stdin_name();
                let format = Format::from_path(name.as_ref()).unwrap_or(Format::Markdown);
                check_bytes_with(
                    engine,
                    &options,
                    &levels,
                    name,
                    format,
                    stdin.as_deref().unwrap_or_default(),
                )
            }
        };
        apply_io_level(&mut report, levels.get(IO_ERROR).copied());
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        Some(report)
    };
    let reporter = reporter(args, io, rule_infos(&plan.engines));
    let pool = match args.jobs {
        Some(jobs) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.max(1))
                .build()
                .map_err(std::io::Error::other)?,
        ),
        None => None,
    };
    // A report made of pieces is written as the files are checked, in path order, a
    // chunk at a time: a file's text is dropped once its piece is rendered.
    if reporter.streams() && args.write_baseline.is_none() {
        let baseline = baseline.take().map(std::sync::Mutex::new);
        let mut summary = Summary::default();
        let mut tally = Tally::default();
        for chunk in plan.inputs.chunks(STREAM_CHUNK) {
            let pieces: Vec<(FileReport, std::io::Result<String>)> = in_pool(pool.as_ref(), || {
                chunk
                    .par_iter()
                    .with_max_len(1)
                    .filter_map(|input| {
                        let mut report = check_one(input)?;
                        if let Some(baseline) = &baseline {
                            baseline
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner)
                                .filter(std::slice::from_mut(&mut report));
                        }
                        let piece = reporter.piece(&report);
                        report.text = Arc::from("");
                        Some((report, piece))
                    })
                    .collect()
            });
            for (report, piece) in pieces {
                io.out.write_all(piece?.as_bytes())?;
                summary.add(&report);
                tally.add(&report);
            }
        }
        if let Some(bar) = &progress {
            bar.finish_and_clear();
        }
        reporter.closing(&summary, io.out)?;
        let status = conclude(args, io, &tally);
        if io.ends_process {
            std::mem::forget(plan);
        }
        return status;
    }
    let mut reports: Vec<FileReport> = in_pool(pool.as_ref(), || {
        // Split down to single files when a thread runs dry: sorted paths can put all the
        // large files together, and rayon's default split would leave them to one thread.
        plan.inputs
            .par_iter()
            .with_max_len(1)
            .filter_map(check_one)
            .collect()
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if let Some(path) = &args.write_baseline {
        baseline::write(path, &reports)?;
        let count: usize = reports.iter().map(|r| r.findings.len()).sum();
        writeln!(
            io.err,
            "wrote {count} findings to the baseline {}",
            path.display()
        )?;
    }
    if let Some(baseline) = &mut baseline {
        baseline.filter(&mut reports);
    }
    reporter.report(&reports, io.out)?;
    let mut tally = Tally::default();
    for report in &reports {
        tally.add(report);
    }
    let status = conclude(args, io, &tally);
    if io.ends_process {
        std::mem::forget((plan, reports));
    }
    status
}

/// Whether a run is likely to check many files on more than one thread: then the packs'
/// patterns and the outlet registry are compiled while the directories are walked, on a core
/// the walk leaves idle. A run of named files, or on one thread, compiles them when first
/// used.
fn walks_many(args: &CheckArgs) -> bool {
    let threads = args.jobs.unwrap_or_else(rayon::current_num_threads);
    threads > 1
        && (args.paths.is_empty()
            || args.files_from.is_some()
            || args.paths.iter().any(|p| p.is_dir()))
}

/// Runs `work` on `pool` (`--jobs`), or on rayon's global pool.
fn in_pool<T: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> T + Send) -> T {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// The fewest files a run uses the prefilter for. Building its automata takes longer than
/// parsing and checking a few small documents (a third of a millisecond against a tenth for
/// a 3 KB article), and its answer never changes a report.
const PREFILTER_MIN_FILES: usize = 4;

/// How many files a streamed run checks between writes.
const STREAM_CHUNK: usize = 1024;

/// Rule metadata for reporters that describe the rules (SARIF), from every engine of the run.
fn rule_infos(engines: &[Engine]) -> Vec<RuleInfo> {
    let mut infos: Vec<RuleInfo> = Vec::new();
    for engine in engines {
        for (pack, rule, level) in engine.rules() {
            let Some(severity) = level else { continue };
            if infos.iter().any(|i| *i.id == *rule.id) {
                continue;
            }
            // The rule's help as a finding fills it, with the run's defaults for what a
            // finding would take from its document.
            let domain = pack.default_domain();
            let snippet = if rule.kind == crate::rules::pack::RuleKind::PairedLink {
                "a link to its website".to_owned()
            } else {
                format!("`[{}](https://www.{domain}/)`", pack.source_name)
            };
            let help = crate::rules::fill(
                &rule.help,
                &[
                    ("source", &pack.source_name),
                    ("domain", domain),
                    ("snippet", &snippet),
                    ("outlet", "the outlet"),
                    ("outlet_domain", "the outlet's website"),
                ],
            );
            infos.push(RuleInfo {
                id: rule.id.to_string(),
                summary: rule.summary.clone(),
                help,
                url: rule.terms_url.clone(),
                severity,
            });
        }
    }
    infos
}

/// The reporter of the run's output format.
fn reporter(args: &CheckArgs, io: &Io<'_>, rules: Vec<RuleInfo>) -> Box<dyn Reporter> {
    match args.format {
        OutputFormat::Json => Box::new(Json),
        OutputFormat::Sarif => Box::new(Sarif::new(rules)),
        OutputFormat::Github => Box::new(Github),
        OutputFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    io.out_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            Box::new(Human::new(Style { color, width }).quiet(args.quiet))
        }
    }
}

/// What the end of a run needs of its findings: how many there are of each rule and
/// severity. A streamed report keeps only this of each file, not its findings.
#[derive(Default)]
struct Tally(std::collections::BTreeMap<(Arc<str>, Severity), usize>);

impl Tally {
    fn add(&mut self, report: &FileReport) {
        for finding in &report.findings {
            *self
                .0
                .entry((Arc::clone(&finding.rule), finding.severity))
                .or_insert(0) += 1;
        }
    }
}

/// Writes the statistics asked for and decides the exit status.
fn conclude(args: &CheckArgs, io: &mut Io<'_>, tally: &Tally) -> std::io::Result<ExitStatus> {
    if args.statistics {
        write_statistics(tally, io)?;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Note => Severity::Note,
    };
    let failed = tally.0.keys().any(|(_, severity)| *severity >= threshold);
    Ok(if failed {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

/// Counts per rule, most frequent first, to standard error so machine output stays clean.
fn write_statistics(tally: &Tally, io: &mut Io<'_>) -> std::io::Result<()> {
    let mut rows: Vec<_> = tally.0.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for ((rule, severity), count) in rows {
        writeln!(io.err, "{count:>6}  {severity:<7}  {rule}")?;
    }
    Ok(())
}

fn progress_bar(len: usize) -> Option<indicatif::ProgressBar> {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if len < 200 || ci || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} checking {pos}/{len} files {wide_bar} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Paths listed one per line in `list` (`-` reads standard input), or separated by NUL
/// bytes where the list holds one (`git diff -z`, `find -print0`); blank entries skipped.
fn read_list(list: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let text = if list.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text
    } else {
        crate::fs::read_text_limited(list, crate::fs::MAX_DATA_FILE_SIZE)?
    };
    if text.contains('\0') {
        return Ok(text
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
            .collect());
    }
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        // A file whose name really is in quotes is taken as written.
        .map(
            |line| match git_unquoted(line).filter(|_| !std::path::Path::new(line).exists()) {
                Some(bytes) => path_from_bytes(&bytes),
                None => std::path::PathBuf::from(line),
            },
        )
        .collect())
}

/// A name as git quotes it in its plain listings (`"content/\320\275.md"`, `"a\"b.md"`,
/// `"a\tb.md"`): the bytes it stands for, or `None` for a line git did not quote.
fn git_unquoted(line: &str) -> Option<Vec<u8>> {
    let inner = line.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let escaped = *bytes.get(i + 1)?;
        i += 2;
        out.push(match escaped {
            b'a' => 0x07,
            b'b' => 0x08,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 0x0b,
            b'f' => 0x0c,
            b'r' => b'\r',
            b'"' | b'\\' => escaped,
            b'0'..=b'3' => {
                let digits = bytes.get(i..i + 2)?;
                if !digits.iter().all(|d| (b'0'..=b'7').contains(d)) {
                    return None;
                }
                i += 2;
                (escaped - b'0') * 64 + (digits[0] - b'0') * 8 + (digits[1] - b'0')
            }
            _ => return None,
        });
    }
    Some(out)
}

/// Files changed since `rev` in the repository that holds `within`, committed or not, and
/// untracked files, anywhere in the repository: as absolute paths. Git's NUL-separated
/// listings give every name as it is: its quoted ones escape non-ASCII letters
/// (`"content/\320\275.md"`), quotes and tabs.
fn changed_since(rev: &str, within: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    let run = |args: &[&str]| -> Result<Vec<u8>, String> {
        let output = std::process::Command::new("git")
            .arg("-C")
            .arg(within)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !output.status.success() {
            // Git's first line says what is wrong; a usage text may follow.
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(stderr
                .lines()
                .next()
                .unwrap_or("git failed")
                .trim()
                .to_owned());
        }
        Ok(output.stdout)
    };
    let root = run(&["rev-parse", "--show-toplevel"])?;
    let root = path_from_bytes(root.strip_suffix(b"\n").unwrap_or(&root));
    let mut out = Vec::new();
    for listing in [
        run(&[
            "diff",
            "-z",
            "--name-only",
            "--no-relative",
            "--diff-filter=d",
            rev,
            "--",
        ])?,
        run(&[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--full-name",
            ":/",
        ])?,
    ] {
        out.extend(
            listing
                .split(|&b| b == 0)
                .filter(|name| !name.is_empty())
                .map(|name| root.join(path_from_bytes(name))),
        );
    }
    Ok(out)
}

/// A path as git writes it: bytes, which on Unix are the name itself.
fn path_from_bytes(name: &[u8]) -> std::path::PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::path::PathBuf::from(std::ffi::OsStr::from_bytes(name))
    }
    #[cfg(not(unix))]
    {
        std::path::PathBuf::from(String::from_utf8_lossy(name).into_owned())
    }
}

/// The shard (0-based, of `n`) a path falls in: FNV-1a of its `/`-separated form, stable
/// across runs, machines and versions.
fn shard_of(path: &std::path::Path, n: u64) -> u64 {
    let text = path.to_string_lossy().replace('\\', "/");
    crate::hash::fnv1a(&[text.as_bytes()]) % n
}

/// `path` from the root: joined to `cwd` if relative, its `.` and `..` read as written.
fn absolute(cwd: &std::path::Path, path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn check_file(
    engine: &Engine,
    options: &ReadOptions,
    levels: &Levels,
    path: &std::path::Path,
    format: Format,
) -> FileReport {
    let name = path.display().to_string();
    match crate::fs::read_limited(path, MAX_FILE_SIZE) {
        Ok(bytes) => check_owned(engine, options, levels, name, format, bytes),
        Err(error) => unreadable(&name, format, &error.to_string()),
    }
}

/// Checks the bytes of one document.
#[must_use]
pub fn check_bytes(
    engine: &Engine,
    options: &ReadOptions,
    path: String,
    format: Format,
    bytes: &[u8],
) -> FileReport {
    check_bytes_with(engine, options, &Levels::new(), path, format, bytes)
}

type Levels = std::collections::HashMap<String, crate::rules::engine::Level>;

/// [`check_bytes_with`] for bytes the caller gives away: UTF-8 text is not copied.
fn check_owned(
    engine: &Engine,
    options: &ReadOptions,
    levels: &Levels,
    path: String,
    format: Format,
    bytes: Vec<u8>,
) -> FileReport {
    match document::plain_utf8(bytes, format) {
        Ok(text) => check_text(
            engine,
            options,
            levels,
            path,
            format,
            text,
            OffsetMap::default(),
        ),
        Err(bytes) => check_bytes_with(engine, options, levels, path, format, &bytes),
    }
}

fn check_bytes_with(
    engine: &Engine,
    options: &ReadOptions,
    levels: &Levels,
    path: String,
    format: Format,
    bytes: &[u8],
) -> FileReport {
    match document::decode_as(bytes, format) {
        Ok((text, offsets)) => check_text(engine, options, levels, path, format, text, offsets),
        Err(error) => undecodable(path, format, bytes, &error),
    }
}

/// Checks decoded text. A clean file's report keeps no text: only findings need it.
fn check_text(
    engine: &Engine,
    options: &ReadOptions,
    levels: &Levels,
    path: String,
    format: Format,
    text: String,
    offsets: OffsetMap,
) -> FileReport {
    let mdx_options;
    let options = if format == Format::Markdown
        && std::path::Path::new(&path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("mdx"))
    {
        mdx_options = ReadOptions {
            mdx: true,
            ..options.clone()
        };
        &mdx_options
    } else {
        options
    };
    // Before the prefilter, so that a document's verdict does not depend on whether the
    // run uses it.
    let deep = document::tags::most_quoted_values(&text);
    if let Some((open, values)) = deep
        && values > document::tags::MAX_QUOTED_VALUES
    {
        return overlong(path, format, &text, offsets, open);
    }
    if options.prefilter && !engine.may_fire(&text) {
        return FileReport {
            path,
            format,
            text: Arc::from(""),
            offsets: OffsetMap::default(),
            findings: Vec::new(),
        };
    }
    let check = |text: String, offsets: OffsetMap| {
        let doc = document::parse(text, offsets, format, options);
        let findings = engine.check_with(&doc, levels);
        (doc, findings)
    };
    let (doc, findings) = match deep {
        None => check(text, offsets),
        // A tag the tokenizer reads with a stack frame per value gets a thread with the
        // stack for it: a few hundred bytes a value, with a wide margin (only the pages used
        // are ever mapped). Unoptimised, the tokenizer (generic, so built with this crate)
        // takes several kilobytes a value.
        Some((open, values)) => {
            let per_value = if cfg!(debug_assertions) {
                32 << 10
            } else {
                4 << 10
            };
            let stack = (16 << 20) + values * per_value;
            let copy = (text.clone(), offsets.clone());
            let checked = std::thread::scope(|scope| {
                std::thread::Builder::new()
                    .stack_size(stack)
                    .spawn_scoped(scope, || check(copy.0, copy.1))
                    .ok()
                    .and_then(|thread| thread.join().ok())
            });
            match checked {
                Some(checked) => checked,
                None => return overlong(path, format, &text, offsets, open),
            }
        }
    };
    let (text, offsets) = if findings.is_empty() {
        (Arc::from(""), OffsetMap::default())
    } else {
        (Arc::from(doc.text), doc.offsets)
    };
    FileReport {
        path,
        format,
        text,
        offsets,
        findings,
    }
}

/// Gives a file's `citelint/io-error` findings the severity configured for it (`[rules]` or
/// an override; `Some(None)` is "off"), as the rules' findings get theirs.
fn apply_io_level(report: &mut FileReport, configured: Option<crate::rules::engine::Level>) {
    match configured {
        None => {}
        Some(None) => report.findings.retain(|f| &*f.rule != IO_ERROR),
        Some(Some(severity)) => {
            for finding in &mut report.findings {
                if &*finding.rule == IO_ERROR {
                    finding.severity = severity;
                }
            }
        }
    }
}

fn io_error(message: String, span: std::ops::Range<usize>, label: &str, help: &str) -> Finding {
    let rule: Arc<str> = Arc::from(IO_ERROR);
    Finding::new(&rule, Severity::Error, message, Label::new(span, label)).with_help(help)
}

/// The report of a document whose tag at `open` holds more attribute values than the HTML
/// tokenizer reads safely: not checked, and said so.
fn overlong(
    path: String,
    format: Format,
    text: &str,
    offsets: OffsetMap,
    open: usize,
) -> FileReport {
    let name = text[open + 1..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .map_or(text.len(), |end| open + 1 + end);
    let finding = io_error(
        format!(
            "cannot check {path}: a tag holds more than {} attribute values",
            document::tags::MAX_QUOTED_VALUES
        ),
        open..name,
        "this tag",
        "remove the repeated attributes, or exclude the file from the check",
    );
    io_report(path, format, text, offsets, finding)
}

/// The report of a file whose one finding is `finding`, with the text its snippet shows.
fn io_report(
    path: String,
    format: Format,
    text: &str,
    offsets: OffsetMap,
    finding: Finding,
) -> FileReport {
    FileReport {
        path,
        format,
        text: Arc::from(text),
        offsets,
        findings: vec![finding],
    }
}

fn unreadable(path: &str, format: Format, why: &str) -> FileReport {
    let help = if why.contains("limit") {
        "split the file, or exclude it from the check"
    } else {
        "check that the file exists, is a regular file and is readable"
    };
    let finding = io_error(format!("cannot read {path}: {why}"), 0..0, "", help);
    io_report(path.to_owned(), format, "", OffsetMap::default(), finding)
}

fn undecodable(path: String, format: Format, bytes: &[u8], error: &DecodeError) -> FileReport {
    if let DecodeError::Binary { .. } = error {
        let finding = io_error(
            format!("cannot check {path}: it {error}"),
            0..0,
            "",
            "exclude binary files from the check",
        );
        return io_report(path, format, "", OffsetMap::default(), finding);
    }
    // Show the text up to the bad byte, decoded as the file says it is encoded, so the report
    // points at the right line and column, and the offset maps back to the bad byte.
    let offset = error.offset().min(bytes.len());
    let legacy = match error {
        DecodeError::Malformed { encoding, .. } if *encoding != "UTF-8" => {
            encoding_rs::Encoding::for_label(encoding.as_bytes())
        }
        _ => None,
    };
    let (text, at, offsets) = if let Some(encoding) = legacy {
        // The whole file, so that the report shows the line of the bad byte whole; only the
        // label's place needs mapping back.
        let (prefix, _) = encoding.decode_with_bom_removal(&bytes[..offset]);
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        let at = prefix.len();
        let offsets = OffsetMap {
            base: 0,
            points: vec![(at, offset)],
        };
        (text.into_owned(), at, offsets)
    } else {
        // A byte-order mark is no character of the first line, as for a file that decodes.
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let offset = offset.max(bom);
        let offsets = OffsetMap {
            base: bom,
            points: Vec::new(),
        };
        (
            String::from_utf8_lossy(&bytes[bom..]).into_owned(),
            String::from_utf8_lossy(&bytes[bom..offset]).len(),
            offsets,
        )
    };
    let finding = io_error(
        format!("cannot check {path}: {error}"),
        at..at,
        "the first undecodable byte",
        "save the file as UTF-8 (HTML may also declare its encoding with <meta charset>)",
    );
    io_report(path, format, &text, offsets, finding)
}

/// Whether standard output is a terminal.
#[must_use]
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_quoted_names_are_read_back_to_their_bytes() {
        assert_eq!(
            git_unquoted(r#""content/\320\275\320\276\320\262\320\270\320\275\320\260.md""#),
            Some("content/новина.md".as_bytes().to_vec())
        );
        assert_eq!(
            git_unquoted(r#""a \"q\"\tb\\c.md""#),
            Some(b"a \"q\"\tb\\c.md".to_vec())
        );
        // Not git's quoting: left as written.
        assert_eq!(git_unquoted("plain.md"), None);
        assert_eq!(git_unquoted(r#""bad\x.md""#), None);
        assert_eq!(git_unquoted(r#""cut\32""#), None);
    }

    #[test]
    fn paths_compare_from_the_root_with_dots_read() {
        let cwd = std::path::Path::new("/repo/sub");
        assert_eq!(
            absolute(cwd, std::path::Path::new("../content/./a.md")),
            std::path::PathBuf::from("/repo/content/a.md")
        );
        assert_eq!(
            absolute(cwd, std::path::Path::new("/repo/sub/a.md")),
            absolute(cwd, std::path::Path::new("./a.md"))
        );
    }
}
