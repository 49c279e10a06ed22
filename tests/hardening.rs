//! Hostile and broken inputs, through the real binary: every bad file is a clear diagnostic
//! in the JSON report while the other files are still checked, spoofed compliance does not
//! count as a link, and a bad rule pack stops the run with a diagnostic into its TOML.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use crate::support::{CLEAN, VIOLATING, paths, write};

const FIRST_PARAGRAPH_LINK: &str = "ukrinform/first-paragraph-link";
const IO_ERROR: &str = "citelint/io-error";
const FRONT_MATTER: &str = "citelint/front-matter";

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    // A hang is a failure, not a stuck test run.
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(60));
    cmd
}

/// Runs `check --format json ARGS` in `dir`: the exit code and the parsed report. Fails on a
/// panic message or a report that is not JSON.
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = citelint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "citelint panicked: {stderr}");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not a JSON report ({e}): {}\n{stderr}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().expect("exited, not killed"), report)
}

fn file<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in {report:#}"))
}

fn rules(file: &Value) -> Vec<&str> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect()
}

/// The only diagnostic of `path`, which must be an io-error.
fn io_error<'a>(report: &'a Value, path: &str) -> &'a Value {
    let file = file(report, path);
    assert_eq!(rules(file), [IO_ERROR], "{file:#}");
    let diagnostic = &file["diagnostics"][0];
    assert_eq!(diagnostic["severity"], "error");
    diagnostic
}

/// A directory holding a violating and a clean document beside `bad`; walks it and checks
/// that the two good files were checked as usual whatever `bad` did.
fn walk_beside(bad: impl FnOnce(&Path)) -> (tempfile::TempDir, i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good/violating.md", VIOLATING.as_bytes());
    write(dir.path(), "good/clean.md", CLEAN.as_bytes());
    bad(dir.path());
    let (code, report) = check_json(dir.path(), &["."]);
    assert_eq!(
        rules(file(&report, "good/violating.md")),
        [FIRST_PARAGRAPH_LINK],
        "{report:#}"
    );
    assert_eq!(
        rules(file(&report, "good/clean.md")),
        Vec::<&str>::new(),
        "{report:#}"
    );
    (dir, code, report)
}

mod bad_files {
    use super::*;

    #[test]
    fn invalid_utf8_markdown_is_an_io_error_at_the_first_bad_byte() {
        let (_dir, code, report) =
            walk_beside(|d| write(d, "bad.md", b"# Title\n\nok \xC3\x28 broken\n"));
        assert_eq!(code, 1);
        let d = io_error(&report, "bad.md");
        assert!(
            d["message"].as_str().unwrap().contains("not valid UTF-8"),
            "{d:#}"
        );
        assert_eq!(
            (
                d["line"].as_u64(),
                d["column"].as_u64(),
                d["offset"].as_u64()
            ),
            (Some(3), Some(4), Some(12))
        );
    }

    #[test]
    fn a_binary_file_with_a_markdown_name_is_an_io_error_saying_it_is_binary() {
        let (_dir, code, report) =
            walk_beside(|d| write(d, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"));
        assert_eq!(code, 1);
        let d = io_error(&report, "image.md");
        assert!(d["message"].as_str().unwrap().contains("binary"), "{d:#}");
        assert_eq!(d["help"], "exclude binary files from the check");
    }

    #[test]
    fn tags_with_tens_of_thousands_of_attributes_are_checked_not_a_crash() {
        // html5gum's tokenizer takes a stack frame per quoted attribute value of a tag, start
        // or end: 30,000 overflowed a thread's stack and aborted the whole run.
        let attributes = vec![r#"a="v""#; 30_000].join(" ");
        let start = format!("<p {attributes}>Talks resumed, Ukrinform reports.</p>\n");
        let end = format!("<div>x</div {attributes}>\n<p>Talks resumed, Ukrinform reports.</p>\n");
        let markdown = format!("Talks resumed, <span {attributes}>Ukrinform</span> reports.\n");
        // Distinct names, single-quoted: each was looked for among the ones before it.
        let distinct: Vec<String> = (0..200_000).map(|i| format!("a{i}='v'")).collect();
        let single = format!(
            "<div {}>x</div>\n<p>Talks resumed, Ukrinform reports.</p>\n",
            distinct.join(" ")
        );
        let (_dir, code, report) = walk_beside(|d| {
            write(d, "start.html", start.as_bytes());
            write(d, "end.html", end.as_bytes());
            write(d, "inline.md", markdown.as_bytes());
            write(d, "single.html", single.as_bytes());
        });
        assert_eq!(code, 1);
        for path in ["start.html", "end.html", "inline.md", "single.html"] {
            assert_eq!(rules(file(&report, path)), [FIRST_PARAGRAPH_LINK], "{path}");
        }
    }

    #[test]
    fn a_tag_with_more_attributes_than_are_read_is_an_io_error_at_the_tag() {
        let attributes = vec![r#"a="v""#; 100_001].join(" ");
        let page = format!("<!DOCTYPE html>\n<p {attributes}>Talks resumed.</p>\n");
        let (_dir, code, report) = walk_beside(|d| write(d, "bad.html", page.as_bytes()));
        assert_eq!(code, 1);
        let d = io_error(&report, "bad.html");
        assert!(
            d["message"].as_str().unwrap().contains("attribute values"),
            "{d:#}"
        );
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(2), Some(1))
        );
    }

    #[test]
    fn empty_markdown_and_html_files_are_checked_and_clean() {
        let (_dir, _, report) = walk_beside(|d| {
            write(d, "empty.md", b"");
            write(d, "empty.html", b"");
        });
        for path in ["empty.md", "empty.html"] {
            assert_eq!(rules(file(&report, path)), Vec::<&str>::new(), "{report:#}");
        }
        assert_eq!(report["summary"]["files"], 4);
    }

    #[test]
    fn a_file_over_the_size_limit_is_an_io_error_naming_the_limit_and_is_not_read() {
        assert_eq!(
            citelint::cli::MAX_FILE_SIZE,
            32 * 1024 * 1024,
            "the documented limit"
        );
        let (_dir, code, report) = walk_beside(|d| {
            // Sparse: 50 MB on paper, nothing on disk, so the test stays fast.
            let huge = std::fs::File::create(d.join("huge.md")).unwrap();
            huge.set_len(50 * 1024 * 1024).unwrap();
        });
        assert_eq!(code, 1);
        let d = io_error(&report, "huge.md");
        let message = d["message"].as_str().unwrap();
        assert!(message.contains("over the 32 MiB limit"), "{message}");
        assert!(message.contains("50 MiB"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_reported_or_checked_but_never_skipped_silently() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, code, report) = walk_beside(|d| {
            write(d, "locked.md", VIOLATING.as_bytes());
            std::fs::set_permissions(d.join("locked.md"), std::fs::Permissions::from_mode(0o000))
                .unwrap();
        });
        assert_eq!(code, 1);
        let locked = file(&report, "locked.md");
        // Root reads through permissions: then the file is simply checked.
        if std::fs::read(dir.path().join("locked.md")).is_ok() {
            assert_eq!(rules(locked), [FIRST_PARAGRAPH_LINK], "{locked:#}");
        } else {
            let d = io_error(&report, "locked.md");
            assert!(
                d["message"].as_str().unwrap().contains("ermission denied"),
                "{d:#}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_directory_is_reported_or_walked_but_never_skipped_silently() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, code, report) = walk_beside(|d| {
            write(d, "locked/inner.md", VIOLATING.as_bytes());
            std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o000))
                .unwrap();
        });
        let readable = std::fs::read_dir(dir.path().join("locked")).is_ok();
        std::fs::set_permissions(
            dir.path().join("locked"),
            std::fs::Permissions::from_mode(0o755),
        )
        .unwrap();
        assert_eq!(code, 1);
        if readable {
            assert_eq!(
                rules(file(&report, "locked/inner.md")),
                [FIRST_PARAGRAPH_LINK]
            );
        } else {
            let d = io_error(&report, "locked");
            assert!(
                d["message"].as_str().unwrap().contains("ermission denied"),
                "{d:#}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_broken_symlink_in_a_walked_directory_is_an_io_error() {
        let (_dir, code, report) = walk_beside(|d| {
            std::os::unix::fs::symlink("missing.md", d.join("dangling.md")).unwrap();
        });
        assert_eq!(code, 1);
        let d = io_error(&report, "dangling.md");
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .contains("broken symbolic link"),
            "{d:#}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_in_a_walked_directory_end_the_walk_and_are_io_errors() {
        let (_dir, code, report) = walk_beside(|d| {
            std::os::unix::fs::symlink("loop-b.md", d.join("loop-a.md")).unwrap();
            std::os::unix::fs::symlink("loop-a.md", d.join("loop-b.md")).unwrap();
            // A directory link back up the tree: followed, it would never end.
            std::os::unix::fs::symlink("..", d.join("good/up")).unwrap();
        });
        assert_eq!(code, 1);
        for path in ["loop-a.md", "loop-b.md"] {
            let d = io_error(&report, path);
            assert!(
                d["message"].as_str().unwrap().contains("symbolic link"),
                "{d:#}"
            );
        }
        assert_eq!(
            paths(&report),
            [
                "good/clean.md",
                "good/violating.md",
                "loop-a.md",
                "loop-b.md"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_with_a_markdown_name_is_an_io_error_and_does_not_hang_the_run() {
        let (dir, code, report) = walk_beside(|d| {
            let made = std::process::Command::new("mkfifo")
                .arg(d.join("pipe.md"))
                .status()
                .unwrap();
            assert!(made.success());
        });
        assert_eq!(code, 1);
        let d = io_error(&report, "pipe.md");
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .contains("not a regular file"),
            "{d:#}"
        );
        let (code, report) = check_json(dir.path(), &["pipe.md"]);
        assert_eq!(code, 1);
        io_error(&report, "pipe.md");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_a_device_with_a_markdown_name_is_an_io_error_and_is_not_read() {
        // `/dev/zero` never ends: reading it would exhaust memory.
        let (dir, code, report) =
            walk_beside(|d| std::os::unix::fs::symlink("/dev/zero", d.join("zero.md")).unwrap());
        assert_eq!(code, 1);
        io_error(&report, "zero.md");
        let (code, report) = check_json(dir.path(), &["zero.md"]);
        assert_eq!(code, 1);
        io_error(&report, "zero.md");
    }

    #[test]
    fn the_same_path_given_twice_is_checked_once() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.md", VIOLATING.as_bytes());
        for args in [&["a.md", "a.md"][..], &["a.md", "./a.md"], &[".", "a.md"]] {
            let (code, report) = check_json(dir.path(), args);
            assert_eq!(code, 1);
            assert_eq!(paths(&report), ["a.md"], "{args:?}");
            assert_eq!(report["summary"]["errors"], 1, "{args:?}");
        }
    }

    #[test]
    fn a_file_that_vanishes_before_it_is_read_is_an_io_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "gone.md", VIOLATING.as_bytes());
        write(dir.path(), "kept.md", VIOLATING.as_bytes());
        write(dir.path(), "list.txt", b"gone.md\nkept.md\n");
        std::fs::remove_file(dir.path().join("gone.md")).unwrap();
        for args in [&["gone.md", "kept.md"][..], &["--files-from", "list.txt"]] {
            let (code, report) = check_json(dir.path(), args);
            assert_eq!(code, 1);
            let d = io_error(&report, "gone.md");
            assert!(
                d["message"].as_str().unwrap().contains("No such file"),
                "{d:#}"
            );
            assert_eq!(rules(file(&report, "kept.md")), [FIRST_PARAGRAPH_LINK]);
        }
    }

    #[test]
    fn files_are_reported_in_path_order_whether_readable_or_not() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.md", CLEAN.as_bytes());
        write(dir.path(), "d.md", b"\xFF");
        let (_, report) = check_json(dir.path(), &["d.md", "c.md", "b.md", "a.md"]);
        assert_eq!(paths(&report), ["a.md", "b.md", "c.md", "d.md"]);
    }
}

mod front_matter {
    use super::*;

    /// Checks `text` as `doc.md`: its `citelint/front-matter` diagnostic (the file's first,
    /// since the fence opens the file) and the rules that fired.
    fn check(text: &str) -> (Value, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "doc.md", text.as_bytes());
        let (code, report) = check_json(dir.path(), &["doc.md"]);
        let doc = file(&report, "doc.md");
        let fired: Vec<String> = rules(doc).into_iter().map(str::to_owned).collect();
        assert_eq!(code, 1, "the body's error still fails the run: {doc:#}");
        let d = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == FRONT_MATTER)
            .cloned();
        (
            d.unwrap_or_else(|| panic!("no {FRONT_MATTER}: {doc:#}")),
            fired,
        )
    }

    /// The body of every case below: Ukrinform cited, not linked.
    const BODY: &str = "The talks went well, Ukrinform reports.\n";

    #[test]
    fn unterminated_front_matter_is_a_warning_at_the_fence_and_the_body_is_still_checked() {
        let (d, fired) = check(&format!("---\ntitle: Talks\n\n{BODY}"));
        assert_eq!(d["severity"], "warning");
        assert!(
            d["message"].as_str().unwrap().contains("never closed"),
            "{d:#}"
        );
        assert_eq!(
            (
                d["line"].as_u64(),
                d["offset"].as_u64(),
                d["length"].as_u64()
            ),
            (Some(1), Some(0), Some(3))
        );
        assert!(fired.iter().any(|r| r == FIRST_PARAGRAPH_LINK), "{fired:?}");
    }

    #[test]
    fn invalid_yaml_front_matter_is_a_warning_in_the_block_and_the_body_is_still_checked() {
        let text = format!("---\ntitle: [unclosed\nsource: x\n---\n\n{BODY}");
        let (d, fired) = check(&text);
        assert_eq!(d["severity"], "warning");
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("yaml"),
            "{d:#}"
        );
        let offset = usize::try_from(d["offset"].as_u64().unwrap()).unwrap();
        assert!(
            (4..text.find("\n---\n").unwrap() + 4).contains(&offset),
            "points into the block: {d:#}"
        );
        assert!(fired.iter().any(|r| r == FIRST_PARAGRAPH_LINK), "{fired:?}");
    }

    #[test]
    fn invalid_toml_front_matter_is_a_warning_in_the_block_and_the_body_is_still_checked() {
        let text = format!("+++\ntitle = \"Talks\"\nsource = \n+++\n\n{BODY}");
        let (d, fired) = check(&text);
        assert_eq!(d["severity"], "warning");
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("toml"),
            "{d:#}"
        );
        assert_eq!(d["line"], 3, "the line of the bad value: {d:#}");
        assert!(fired.iter().any(|r| r == FIRST_PARAGRAPH_LINK), "{fired:?}");
    }
}

/// Links that look like compliance but that a reader cannot follow to Ukrinform, beyond the
/// cases under `fixtures/ukrinform/`: each must still fire `first-paragraph-link`.
mod spoofed_compliance {
    use super::*;

    fn fires_first_paragraph_link(name: &str, text: &str) {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, text.as_bytes());
        let (code, report) = check_json(dir.path(), &[name]);
        assert!(
            rules(file(&report, name)).contains(&FIRST_PARAGRAPH_LINK),
            "{report:#}"
        );
        assert_eq!(code, 1);
    }

    #[test]
    fn an_anchor_inside_a_style_element_is_not_a_link() {
        fires_first_paragraph_link(
            "style.md",
            "<style>\n<a href=\"https://www.ukrinform.net/\">Ukrinform</a>\n</style>\n\nThe talks went well, Ukrinform reports.\n",
        );
    }

    #[test]
    fn a_link_in_an_indented_code_block_is_not_a_link() {
        fires_first_paragraph_link(
            "indented.md",
            "    [Ukrinform](https://www.ukrinform.net/)\n\nThe talks went well, Ukrinform reports.\n",
        );
    }

    #[test]
    fn a_data_url_naming_ukrinform_is_not_a_link_to_it() {
        fires_first_paragraph_link(
            "data.md",
            "[Ukrinform](data:text/html,https://www.ukrinform.net/) The talks went well, Ukrinform reports.\n",
        );
    }

    #[test]
    fn zero_width_characters_and_soft_hyphens_do_not_hide_a_citation() {
        fires_first_paragraph_link(
            "zero-width.md",
            "The minister arrived.\n\nThe talks went well, Ukr\u{200B}inform reports.\n",
        );
        fires_first_paragraph_link(
            "soft-hyphen.md",
            "The minister arrived.\n\nThe talks went well, Ukr\u{AD}in\u{2060}form reports.\n",
        );
    }

    #[test]
    fn links_in_html_page_chrome_do_not_count() {
        fires_first_paragraph_link(
            "chrome.html",
            "<!doctype html><html><body><nav><a href=\"https://www.ukrinform.net/\">Ukrinform</a></nav>\
             <article><aside><a href=\"https://www.ukrinform.net/\">Ukrinform</a></aside>\
             <p>The talks went well, Ukrinform reports.</p></article>\
             <footer><a href=\"https://www.ukrinform.net/\">Ukrinform</a></footer></body></html>\n",
        );
    }

    #[test]
    fn a_link_outside_the_html_article_body_does_not_count() {
        fires_first_paragraph_link(
            "outside.html",
            "<!doctype html><html><body><div class=\"promo\"><a href=\"https://www.ukrinform.net/\">Ukrinform</a></div>\
             <article><p>The talks went well, Ukrinform reports.</p></article></body></html>\n",
        );
    }
}

/// Rule packs are untrusted input: a bad one is rejected with a diagnostic into its TOML and
/// exit status 2, and no pack can make a check slow.
mod rule_packs {
    use miette::Diagnostic;

    use super::*;

    const HEADER: &str = r#"[pack]
name = "demo"
title = "Demo"
version = "1"
description = "d"

[source]
name = "Demo"
domains = ["demo.example"]
name-forms = ["DemoAgency"]
cues = ['according to {source}', '{source} reports']
"#;

    const RULE: &str = r#"
[[rule]]
id = "demo/first-paragraph-link"
kind = "link-position"
severity = "error"
summary = "s"
message = "{source} is cited without a link"
help = "h"
since = "0.1.0"
rationale = "r"
terms = "t"
terms-url = "https://demo.example/"
"#;

    fn pack() -> String {
        format!("{HEADER}{RULE}")
    }

    /// Loads `text`, which must fail; checks the message and that the label covers `needle`
    /// in the TOML. Then the CLI with `--rules` must exit 2 naming the file and the message.
    fn rejected(text: &str, message: &str, needle: &str) {
        let error =
            citelint::rules::pack::load("bad.toml", text).expect_err("the pack must be rejected");
        assert!(error.message().contains(message), "{}", error.message());
        let label = error
            .labels()
            .and_then(|mut l| l.next())
            .expect("a label into the TOML");
        let labelled = &text[label.offset()..label.offset() + label.len()];
        assert!(
            labelled.contains(needle),
            "the label covers {labelled:?}, not {needle:?}"
        );

        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "bad.toml", text.as_bytes());
        write(dir.path(), "a.md", CLEAN.as_bytes());
        let output = citelint(dir.path())
            .args(["check", "--rules", "bad.toml", "a.md"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("bad.toml:"), "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
        assert!(
            output.stdout.is_empty(),
            "no report for a run that could not proceed"
        );
    }

    #[test]
    fn a_duplicate_rule_id_is_rejected_at_the_second_definition() {
        let text = format!("{}{RULE}", pack());
        let error = citelint::rules::pack::load("bad.toml", &text).unwrap_err();
        let label = error.labels().and_then(|mut l| l.next()).unwrap();
        assert!(
            label.offset() > text.find("id = ").unwrap() + 5,
            "points at the second id, not the first"
        );
        rejected(
            &text,
            "duplicate rule id `demo/first-paragraph-link`",
            "demo/first-paragraph-link",
        );
    }

    #[test]
    fn an_unknown_rule_kind_is_rejected_at_the_kind() {
        rejected(
            &pack().replace("\"link-position\"", "\"link-somewhere\""),
            "unknown rule kind `link-somewhere`",
            "link-somewhere",
        );
    }

    #[test]
    fn an_invalid_pattern_is_rejected_at_the_pattern() {
        rejected(
            &pack().replace("'{source} reports'", "'{source} (reports'"),
            "invalid pattern",
            "(reports",
        );
    }

    #[test]
    fn an_invalid_copyright_pattern_is_rejected_at_the_pattern() {
        rejected(
            &pack().replace(
                "cues = [",
                "copyright = ['© {source}', '{source} [all'] \ncues = [",
            ),
            "invalid pattern",
            "[all",
        );
    }

    #[test]
    fn an_invalid_domain_is_rejected_at_the_domain() {
        rejected(
            &pack().replace("\"demo.example\"", "\"demo example\""),
            "domain",
            "demo example",
        );
    }

    #[test]
    fn a_pattern_that_would_compile_huge_is_rejected_at_the_pattern() {
        rejected(
            &pack().replace("'{source} reports'", "'(a{1000}){1000} {source}'"),
            "the pattern compiles to more than",
            "a{1000}",
        );
        rejected(
            &pack().replace("'{source} reports'", r"'(\w{200}){200} {source}'"),
            "the pattern compiles to more than",
            r"\w{200}",
        );
    }

    #[test]
    fn patterns_that_are_fine_alone_but_huge_together_are_rejected() {
        // Each compiles to about 3.4 MB, under the 8 MiB limit alone; three are over it.
        let cues: Vec<String> = (0..3)
            .map(|i| format!("'\\w{{70}}{i} {{source}}'"))
            .collect();
        let text = pack().replace(
            "cues = ['according to {source}', '{source} reports']",
            &format!("cues = [{}]", cues.join(", ")),
        );
        rejected(&text, "the patterns together are too large", r"\w{70}0");
    }

    /// A pack whose cues are as pathological as backtracking engines fear, over a document
    /// built to trigger them: the regex crate runs in linear time, so this stays fast.
    #[test]
    fn pathological_cues_check_a_large_adversarial_document_quickly() {
        let cues = [
            r"(a+)+$ {source}",
            r"(a|aa)+b {source}",
            r"(?:a*)*c{source}",
            r"(\w+\s?)+!{source}",
            r"(.*a){20}{source}",
        ];
        let list: Vec<String> = cues.iter().map(|c| format!("'{c}'")).collect();
        let text = pack().replace(
            "cues = ['according to {source}', '{source} reports']",
            &format!("cues = [{}]", list.join(", ")),
        );
        let pack = citelint::rules::pack::load("slow.toml", &text).expect("pathological but valid");
        let mut engine = citelint::rules::Engine::default();
        engine.add(pack);

        let mut doc = String::new();
        for i in 0..200 {
            doc.push_str(&"a".repeat(2_000));
            doc.push_str(if i % 2 == 0 {
                " DemoAgenc\n\n"
            } else {
                "word word word word!\n\n"
            });
        }
        doc.push_str(&"a".repeat(100_000));
        let started = std::time::Instant::now();
        let read = citelint::document::read(
            doc.as_bytes(),
            citelint::document::Format::Markdown,
            &citelint::document::ReadOptions::default(),
        )
        .unwrap();
        let _ = engine.check(&read);
        let elapsed = started.elapsed();
        assert!(
            elapsed < Duration::from_secs(5),
            "{} KB checked in {elapsed:?}",
            doc.len() / 1000
        );
    }
}

/// Documents shaped to make a careless implementation slow or its report explode.
mod adversarial {
    use super::*;

    #[test]
    fn a_finding_past_column_65535_is_reported_without_a_panic_and_without_the_long_line() {
        let dir = tempfile::tempdir().unwrap();
        let line = format!(
            "{} [Ukrinform](https://ukrinfrom.net/)\n",
            "word ".repeat(14_000)
        );
        write(dir.path(), "long.md", line.as_bytes());
        let output = citelint(dir.path())
            .args(["check", "--color", "never", "long.md"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stdout.contains("ukrinform/lookalike-link"), "{stdout}");
        assert!(
            stdout.contains("at long.md:1:70002 (the line is too long to show)"),
            "{stdout}"
        );
        assert!(
            stdout.len() < 2_000,
            "the long line is not repeated: {} bytes",
            stdout.len()
        );
    }

    /// Elements nested 40,000 deep around a citing paragraph: the tree builder looks through
    /// every open element for some start tags, so nesting is cut at 512 levels, as browsers
    /// cut it, and the paragraph is still read.
    #[test]
    fn deeply_nested_html_is_checked_in_linear_time() {
        let engine = citelint::rules::Engine::with_embedded().unwrap();
        let options = citelint::document::ReadOptions::default();
        for tag in ["div", "blockquote", "pre", "b", "section"] {
            let page = format!(
                "{}<p>The minister arrived, Ukrinform reports.</p>{}<p>More.</p>",
                format!("<{tag}>").repeat(40_000),
                format!("</{tag}>").repeat(40_000)
            );
            let started = std::time::Instant::now();
            let report = citelint::cli::check_bytes(
                &engine,
                &options,
                "deep.html".into(),
                citelint::document::Format::Html,
                page.as_bytes(),
            );
            let elapsed = started.elapsed();
            let rules: Vec<&str> = report.findings.iter().map(|f| &*f.rule).collect();
            assert_eq!(rules, ["ukrinform/first-paragraph-link"], "<{tag}>");
            assert!(
                elapsed < Duration::from_secs(2),
                "<{tag}> nested 40,000 deep: {elapsed:?}"
            );
        }
    }

    /// Template openers by the tens of thousands, unclosed or closed far away: each used to be
    /// looked for a close, or its region read, from where it stood to the end of the text.
    #[test]
    fn unclosed_template_openers_are_read_in_linear_time() {
        let engine = citelint::rules::Engine::with_embedded().unwrap();
        let options = citelint::document::ReadOptions::default();
        for opener in [
            "{% if x\n",
            "{{/* x\n",
            "{# x\n",
            "{{< x\n",
            "{% comment %}\n",
            "*/ x {{/* y\n",
            // Closed comments, all on one line.
            "{{/* a */}} x ",
            // Openers whose one close lies past a code fence.
            "{{/* x\n```\n",
        ] {
            let text = format!(
                "The minister arrived, Ukrinform reports.\n\n{}*/}}}}\n",
                opener.repeat(60_000)
            );
            let started = std::time::Instant::now();
            let report = citelint::cli::check_bytes(
                &engine,
                &options,
                "openers.md".into(),
                citelint::document::Format::Markdown,
                text.as_bytes(),
            );
            let elapsed = started.elapsed();
            let rules: Vec<&str> = report.findings.iter().map(|f| &*f.rule).collect();
            assert_eq!(rules, ["ukrinform/first-paragraph-link"], "{opener:?}");
            assert!(
                elapsed < Duration::from_secs(2),
                "{opener:?} 60,000 times: {elapsed:?}"
            );
        }
    }

    /// One paragraph on one 2.2 MB line: 80,000 links, citations and look-alikes, each of
    /// which used to be compared with every other (citations with links, sentences with cues,
    /// columns counted from the start of the line).
    #[test]
    fn a_long_line_of_links_cues_and_lookalikes_is_checked_and_reported_in_linear_time() {
        let text = "[Ukrinform](https://www.ukrinform.net/a) Ukrinform reports. повідомляє Укрінформ. [x](https://ukrinfrom.net/) ".repeat(20_000);
        let started = std::time::Instant::now();
        let engine = citelint::rules::Engine::with_embedded().unwrap();
        let options = citelint::document::ReadOptions::default();
        let report = citelint::cli::check_bytes(
            &engine,
            &options,
            "long.md".into(),
            citelint::document::Format::Markdown,
            text.as_bytes(),
        );
        assert_eq!(
            report.findings.len(),
            20_000,
            "one look-alike per repetition"
        );
        let mut out = Vec::new();
        for reporter in [
            &citelint::report::Json as &dyn citelint::report::Reporter,
            &citelint::report::Github,
        ] {
            reporter
                .report(std::slice::from_ref(&report), &mut out)
                .unwrap();
        }
        let elapsed = started.elapsed();
        assert!(
            elapsed < Duration::from_secs(15),
            "{} KB in {elapsed:?}",
            text.len() / 1000
        );
    }
}
