//! The floor a whole `citelint check` is measured against: read every document and parse it
//! with the parsers, options and thread count `citelint check` uses, find the first paragraph
//! and its links, and nothing else (no rules, no report).
//!
//! ```text
//! cargo run --release --example floor -- [-j N] [--read-only] PATH...
//! ```
//!
//! Directories are walked as `citelint check` walks them (`ignore`, honouring `.gitignore`,
//! `.ignore` and hidden files; `.md`, `.markdown`, `.mdx`, `.html`, `.htm`), then the files are
//! read in parallel on a rayon pool of `-j N` threads (default: one per core). Markdown is
//! parsed with pulldown-cmark and `citelint::document::markdown::options()`, front matter
//! skipped, until the end of the first paragraph; HTML with `scraper::Html::parse_document`,
//! then the first of `[itemprop~="articleBody"]`, `article`, `main`, `[role="main"]`, `body`,
//! its first `<p>` with visible text outside page chrome, and that paragraph's `a[href]`.
//! `--read-only` only reads the files, the cost of I/O alone. It prints one line: files,
//! bytes, first paragraphs found, links in them.
//!
//! [`first_paragraph_links`] is the per-document part; a test can include this file as a
//! module (`#[path = "../examples/floor.rs"] mod floor;`) to compare it with citelint.

// Included as a module by tests, `main` and what only it uses are dead there.
#![allow(dead_code, unreachable_pub)]
// The example's output is its result.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use scraper::{ElementRef, Html, Selector};

/// The first paragraph of a document, white space folded (`None` if it has none), and the
/// `href`s of the links in it, in document order.
///
/// Markdown: the first paragraph with visible text, at any depth, outside footnote
/// definitions; images and raw HTML are not visible text, and a tight list item is not a
/// paragraph. HTML: the first `<p>` with visible text in the article body, outside `nav`,
/// `aside`, `footer`, a site `header`, figure captions and hidden elements, and not a
/// callout's title.
#[must_use]
pub fn first_paragraph_links(text: &str, is_html: bool) -> (Option<String>, Vec<String>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_html {
        html_first_paragraph(text)
    } else {
        markdown_first_paragraph(text)
    }
}

fn markdown_first_paragraph(text: &str) -> (Option<String>, Vec<String>) {
    let body = &text[front_matter_end(text)..];
    // Template comments and tag lines, as the check reads them.
    let generated = citelint::document::templates::blank(body, 0, false);
    let body = generated.as_deref().unwrap_or(body);
    // A container's fence lines tight against its text frame a paragraph, as the check reads
    // them.
    let unfenced = citelint::document::markdown::unfenced(body);
    let body = unfenced.as_deref().unwrap_or(body);
    let parser = Parser::new_ext(body, citelint::document::markdown::options());
    let mut in_paragraph = false;
    let mut footnotes = 0usize;
    let mut images = 0usize;
    let mut visible = String::new();
    let mut links = Vec::new();
    // Raw HTML figure captions open: their paragraphs are not the text's.
    let mut apart = 0usize;
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let lower = html.to_ascii_lowercase();
                let opens = lower.matches("<figcaption").count();
                let closes = lower.matches("</figcaption").count();
                apart = (apart + opens).saturating_sub(closes);
            }
            Event::Start(Tag::FootnoteDefinition(_)) => footnotes += 1,
            Event::End(TagEnd::FootnoteDefinition) => footnotes -= 1,
            // A container's fence line (`:::note`) renders as its frame, not a paragraph.
            Event::Start(Tag::Paragraph)
                if footnotes == 0
                    && apart == 0
                    && !citelint::document::markdown::named_fence(&body[range]) =>
            {
                in_paragraph = true;
                visible.clear();
                links.clear();
            }
            Event::End(TagEnd::Paragraph) if in_paragraph => {
                let folded = fold(&visible);
                // A line of shortcodes renders as a figure or nothing, not as a paragraph.
                if !folded.is_empty() && !citelint::document::markdown::only_template_tags(&visible)
                {
                    return (Some(folded), links);
                }
                in_paragraph = false;
            }
            _ if !in_paragraph => {}
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.into_string()),
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images -= 1,
            Event::Text(t) | Event::Code(t) if images == 0 => visible.push_str(&t),
            Event::SoftBreak | Event::HardBreak => visible.push(' '),
            _ => {}
        }
    }
    (None, Vec::new())
}

/// Where the body starts after YAML (`---`), TOML (`+++`) or JSON (`{…}`, Hugo's) front
/// matter; 0 without any, or when it is never closed.
fn front_matter_end(text: &str) -> usize {
    if text.starts_with('{') {
        let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
        if let Some(Ok(serde_json::Value::Object(_))) = values.next() {
            let end = values.byte_offset();
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            if text[end..line_end].trim().is_empty() {
                return (line_end + 1).min(text.len());
            }
        } else if text.split('\n').next().map(str::trim_end) == Some("{") {
            // JSON front matter that does not parse ends at a line holding only `}`, as the
            // check reads it (a block that opens so and holds no key is body all the same).
            let key = text[text.find('\n').map_or(0, |i| i + 1)..].trim_start();
            if key.starts_with('"') {
                let (mut at, mut first) = (0, None);
                let mut lines = text.split_inclusive('\n').peekable();
                while let Some(line) = lines.next() {
                    at += line.len();
                    if at > line.len() && line.trim_end() == "}" {
                        first.get_or_insert(at);
                        if lines.peek().is_none_or(|next| next.trim().is_empty()) {
                            return at;
                        }
                    }
                }
                if let Some(at) = first {
                    return at;
                }
            }
        }
        return 0;
    }
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return 0;
    };
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some(fence) {
        return 0;
    }
    let mut at = text.find('\n').map_or(text.len(), |i| i + 1);
    for line in lines {
        at += line.len();
        let line = line.trim_end();
        if line == fence || (fence == "---" && line == "...") {
            return at;
        }
    }
    0
}

struct Selectors {
    bodies: Vec<Selector>,
    paragraph: Selector,
    link: Selector,
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(|| {
    let parse = |s: &str| Selector::parse(s).expect("a valid selector");
    Selectors {
        bodies: [
            r#"[itemprop~="articleBody"]"#,
            "article",
            "main",
            r#"[role="main"]"#,
            "body",
        ]
        .into_iter()
        .map(parse)
        .collect(),
        paragraph: parse("p"),
        link: parse("a[href]"),
    }
});

fn html_first_paragraph(text: &str) -> (Option<String>, Vec<String>) {
    let html = Html::parse_document(text);
    let selectors = &*SELECTORS;
    // As the check picks it: the first match with text of the earliest selector that has
    // one, among matches outside page chrome (`<body>` always counts); failing that, the
    // first match of the earliest selector that matches at all.
    let page = html.root_element();
    let candidates = |selector| {
        html.select(selector)
            .filter(|e| matches!(e.value().name(), "body" | "html") || !left_out(*e, page))
    };
    let Some(body) = selectors
        .bodies
        .iter()
        .find_map(|selector| candidates(selector).find(|e| has_text(*e)))
        .or_else(|| {
            selectors
                .bodies
                .iter()
                .find_map(|selector| candidates(selector).next())
        })
    else {
        return (None, Vec::new());
    };
    for paragraph in body.select(&selectors.paragraph) {
        // The title of a callout (`<p class="markdown-alert-title">`) is none either.
        if left_out(paragraph, body)
            || paragraph
                .value()
                .attr("class")
                .is_some_and(citelint::document::names_a_callout_title)
        {
            continue;
        }
        let folded = fold(&visible_text(paragraph));
        if folded.is_empty() {
            continue;
        }
        let links = paragraph
            .select(&selectors.link)
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_owned)
            .collect();
        return (Some(folded), links);
    }
    (None, Vec::new())
}

/// Whether `element` or an ancestor below `body` is page chrome or hidden. A `header` (or an
/// element whose `id` or `class` names one) is chrome when no `article` or `section` encloses
/// it (a site header), wherever that is.
fn left_out(element: ElementRef<'_>, body: ElementRef<'_>) -> bool {
    let mut below_body = true;
    let mut site_header = false;
    let mut node = Some(element);
    while let Some(el) = node {
        if el.id() == body.id() {
            below_body = false;
        }
        let value = el.value();
        match value.name() {
            "article" | "section" => site_header = false,
            "header" if below_body => site_header = true,
            // A caption's paragraph is the figure's, not one of the text.
            "nav" | "aside" | "footer" | "template" | "figcaption" if below_body => return true,
            "dialog" if below_body && value.attr("open").is_none() => return true,
            _ => {}
        }
        // The same parts named by an `id` or `class` token, as older templates name them.
        let named = citelint::document::named_chrome(value.attr("id"), value.attr("class"));
        if below_body && named.chrome {
            return true;
        }
        if below_body && named.site_header {
            site_header = true;
        }
        if below_body
            && (value.attr("hidden").is_some()
                || value.attr("aria-hidden") == Some("true")
                || matches!(
                    value.attr("role"),
                    Some("navigation" | "banner" | "contentinfo" | "complementary")
                ))
        {
            return true;
        }
        node = el.parent().and_then(ElementRef::wrap);
    }
    site_header
}

/// The text of `paragraph` a browser shows: none of what the elements the check never
/// renders hold (`<script>`, `<style>`, the fallback of `<iframe>`, `<audio>`, `<video>`…).
fn visible_text(paragraph: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in paragraph.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        if rendered(node, paragraph) {
            out.push_str(text);
        }
    }
    out
}

/// Whether no element between `node` and `within` is one the check never renders
/// (`<script>`, `<style>`, the fallback of `<iframe>`, `<audio>`, `<video>`…).
fn rendered(node: ego_tree::NodeRef<'_, scraper::Node>, within: ElementRef<'_>) -> bool {
    !node
        .ancestors()
        .take_while(|a| a.id() != within.id())
        .any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| citelint::document::is_never_rendered(e.name()))
        })
}

/// Whether `element` holds text other than white space outside the elements the check never
/// renders.
fn has_text(element: ElementRef<'_>) -> bool {
    element.descendants().any(|node| {
        node.value().as_text().is_some_and(|t| !t.trim().is_empty()) && rendered(node, element)
    })
}

/// Runs of white space (`&nbsp;` included) folded to one space, trimmed.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The command line.

const USAGE: &str = "usage: floor [-j N] [--read-only] PATH...";

struct Args {
    jobs: Option<usize>,
    read_only: bool,
    paths: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        jobs: None,
        read_only: false,
        paths: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let jobs = match arg.as_str() {
            "-j" | "--jobs" => Some(it.next().ok_or("-j needs a number")?),
            _ if arg.starts_with("--jobs=") => Some(arg["--jobs=".len()..].to_owned()),
            _ if arg.starts_with("-j") && arg.len() > 2 => Some(arg[2..].to_owned()),
            _ => None,
        };
        if let Some(jobs) = jobs {
            let n: usize = jobs.parse().map_err(|_| format!("bad -j value `{jobs}`"))?;
            args.jobs = Some(n.max(1));
        } else if arg == "--read-only" {
            args.read_only = true;
        } else if arg == "-h" || arg == "--help" {
            return Err(USAGE.to_owned());
        } else if arg.starts_with('-') && arg != "-" {
            return Err(format!("unknown option `{arg}`\n{USAGE}"));
        } else {
            args.paths.push(PathBuf::from(arg));
        }
    }
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from("."));
    }
    Ok(args)
}

/// What `citelint check` reads: the document formats, by extension.
fn document_kind(path: &Path) -> Option<bool> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" | "mdx" => Some(false),
        "html" | "htm" => Some(true),
        _ => None,
    }
}

/// The files under `paths`, walked as `citelint check` walks them (on `threads` threads),
/// sorted.
fn collect(paths: &[PathBuf], threads: usize) -> Vec<(PathBuf, bool)> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = std::sync::Mutex::new(Vec::new());
            ignore::WalkBuilder::new(path)
                .follow_links(false)
                // `.gitignore` is honoured in any directory, as SPEC §2 says, not only in a git
                // repository (ripgrep's default).
                .require_git(false)
                .threads(threads)
                .build_parallel()
                .run(|| {
                    Box::new(|entry| {
                        if let Ok(entry) = entry
                            && entry.file_type().is_some_and(|t| t.is_file())
                            && let Some(is_html) = document_kind(entry.path())
                            && let Ok(mut found) = found.lock()
                        {
                            found.push((entry.into_path(), is_html));
                        }
                        ignore::WalkState::Continue
                    })
                });
            files.append(&mut found.into_inner().unwrap_or_default());
        } else {
            files.push((path.clone(), document_kind(path).unwrap_or(false)));
        }
    }
    files.sort();
    files.dedup();
    files
}

#[derive(Default, Clone, Copy)]
struct Tally {
    files: usize,
    bytes: usize,
    paragraphs: usize,
    links: usize,
    unreadable: usize,
}

impl Tally {
    fn add(self, other: Self) -> Self {
        Self {
            files: self.files + other.files,
            bytes: self.bytes + other.bytes,
            paragraphs: self.paragraphs + other.paragraphs,
            links: self.links + other.links,
            unreadable: self.unreadable + other.unreadable,
        }
    }
}

fn one(path: &Path, is_html: bool, read_only: bool) -> Tally {
    let Ok(bytes) = std::fs::read(path) else {
        return Tally {
            files: 1,
            unreadable: 1,
            ..Tally::default()
        };
    };
    let mut tally = Tally {
        files: 1,
        bytes: bytes.len(),
        ..Tally::default()
    };
    if read_only {
        return tally;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    let (paragraph, links) = first_paragraph_links(&text, is_html);
    tally.paragraphs = usize::from(paragraph.is_some());
    tally.links = links.len();
    tally
}

/// The allocator `citelint` runs with, so the floor measures the same parsers on the same
/// allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let files = collect(
        &args.paths,
        args.jobs.unwrap_or_else(rayon::current_num_threads).max(1),
    );
    let run = || {
        // Split down to single files when a thread runs dry, as `citelint check` does: the
        // sorted list puts every large HTML page first, and rayon's default split of the
        // range would leave one thread with nearly all of them.
        files
            .par_iter()
            .with_max_len(1)
            .map(|(path, is_html)| one(path, *is_html, args.read_only))
            .reduce(Tally::default, Tally::add)
    };
    let tally = match args.jobs {
        Some(jobs) => match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.install(run),
            Err(error) => {
                eprintln!("cannot start {jobs} threads: {error}");
                return ExitCode::from(2);
            }
        },
        None => run(),
    };
    if args.read_only {
        println!(
            "{} files, {} bytes read ({} unreadable)",
            tally.files, tally.bytes, tally.unreadable
        );
    } else {
        println!(
            "{} files, {} bytes, {} first paragraphs, {} links in them ({} unreadable)",
            tally.files, tally.bytes, tally.paragraphs, tally.links, tally.unreadable
        );
    }
    ExitCode::SUCCESS
}
