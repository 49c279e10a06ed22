//! CLI tests of the real binary: exit codes, formats, inputs, and the rule commands.

use std::path::Path;

use assert_cmd::Command;

use crate::support::{CLEAN, VIOLATING, paths, write};

fn citelint() -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn clean_files_exit_zero_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", CLEAN.as_bytes());
    citelint()
        .current_dir(dir.path())
        .args(["check", "a.md"])
        .assert()
        .code(0)
        .stdout("1 file checked: no problems found\n");
}

#[test]
fn an_error_finding_exits_one_and_shows_the_rule_the_span_and_the_help() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", VIOLATING.as_bytes());
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("ukrinform/first-paragraph-link"), "{out}");
    assert!(out.contains("[a.md:1:1]"), "{out}");
    assert!(out.contains("Ukrinform is cited here"), "{out}");
    assert!(
        out.contains("help: add a hyperlink to Ukrinform in the first paragraph"),
        "{out}"
    );
    assert!(out.contains("terms: https://www.ukrinform.net/"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour when not a terminal: {out}"
    );
}

#[test]
fn json_report_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.md", VIOLATING.as_bytes());
    write(dir.path(), "a.md", CLEAN.as_bytes());
    let out = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "."]),
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "citelint");
    let files = report["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "a.md");
    assert_eq!(files[0]["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(files[1]["path"], "b.md");
    assert_eq!(files[1]["format"], "markdown");
    let d = &files[1]["diagnostics"][0];
    assert_eq!(d["rule"], "ukrinform/first-paragraph-link");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(1), Some(22))
    );
    assert_eq!(
        (d["offset"].as_u64(), d["length"].as_u64()),
        (Some(0), Some(21))
    );
    assert_eq!(d["labels"][0]["line"], 3);
    assert!(d["help"].is_string() && d["url"].is_string());
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 2, "errors": 1, "warnings": 0, "notes": 0})
    );
}

#[test]
fn json_offsets_count_bytes_of_the_file_and_columns_count_characters() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}Перший абзац.\r\n\r\nДругий, передає Укрінформ.\r\n";
    write(dir.path(), "uk.md", text.as_bytes());
    let out = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "uk.md"]),
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &report["files"][0]["diagnostics"][0];
    assert_eq!(d["offset"], 3, "the BOM counts in offsets");
    assert_eq!(d["length"], "Перший абзац.".len());
    assert_eq!(d["end_column"], 14);
    let label = &d["labels"][0];
    assert_eq!(label["line"], 3);
    assert_eq!(label["column"], 9);
    assert_eq!(label["offset"], text.find("передає").unwrap());
}

#[test]
fn stdin_is_checked_under_the_given_name() {
    let output = citelint()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "draft.md",
            "-",
        ])
        .write_stdin(VIOLATING)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "draft.md");
}

#[test]
fn directories_are_walked_honouring_gitignore_and_skipping_other_files() {
    // In a git repository or not: SPEC §2 honours `.gitignore` without a condition.
    for in_repository in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        if in_repository {
            std::fs::create_dir(dir.path().join(".git")).unwrap();
        }
        write(dir.path(), ".gitignore", b"ignored/\n");
        write(dir.path(), "ignored/x.md", VIOLATING.as_bytes());
        write(dir.path(), "content/a.md", CLEAN.as_bytes());
        write(dir.path(), "content/notes.txt", VIOLATING.as_bytes());
        let out = stdout_of(
            citelint()
                .current_dir(dir.path())
                .args(["check", "--format", "json"]),
        );
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            paths(&report),
            ["content/a.md"],
            "in a repository: {in_repository}"
        );
    }
}

#[test]
fn an_unreadable_file_is_a_diagnostic_and_the_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.md", b"ok\n\xff\xfe not utf-8\n");
    write(dir.path(), "good.md", VIOLATING.as_bytes());
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let bad = &report["files"][0]["diagnostics"][0];
    assert_eq!(bad["rule"], "citelint/io-error");
    assert_eq!(
        (bad["line"].as_u64(), bad["offset"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(
        report["files"][1]["diagnostics"][0]["rule"],
        "ukrinform/first-paragraph-link"
    );
}

#[test]
fn a_missing_path_is_reported_as_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "missing.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("citelint/io-error")
    );
}

#[test]
fn bad_arguments_exit_two() {
    citelint()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    citelint().args(["frobnicate"]).assert().code(2);
}

#[test]
fn an_invalid_rule_pack_exits_two_with_a_diagnostic_into_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    let pack = citelint::rules::Engine::embedded("ukrinform")
        .unwrap()
        .replace("kind = \"paired-link\"", "kind = \"paired-links\"");
    write(dir.path(), "bad.toml", pack.as_bytes());
    write(dir.path(), "a.md", CLEAN.as_bytes());
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--rules", "bad.toml", "a.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("unknown rule kind `paired-links`"), "{err}");
    assert!(err.contains("bad.toml:"), "{err}");
    assert!(err.contains("help: use one of"), "{err}");
}

#[test]
fn an_extra_rule_pack_adds_rules() {
    let dir = tempfile::tempdir().unwrap();
    let pack = citelint::rules::Engine::embedded("ukrinform")
        .unwrap()
        .replace("name = \"ukrinform\"", "name = \"demo\"")
        .replace("id = \"ukrinform/", "id = \"demo/")
        .replace("name = \"Ukrinform\"", "name = \"Demo\"")
        .replace("\"ukrinform.", "\"demo-agency.")
        .replace(
            "[\"Ukrinform\", \"Укрінформ\", \"Укринформ\", \"Укрiнформ\", \"ウクルインフォルム\"]",
            "[\"DemoAgency\"]",
        );
    write(dir.path(), "demo.toml", pack.as_bytes());
    write(
        dir.path(),
        "a.md",
        b"First.\n\nSecond, DemoAgency reports.\n",
    );
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--rules", "demo.toml", "--format", "json", "a.md"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["files"][0]["diagnostics"][0]["rule"], "demo/first-paragraph-link",
        "{report}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn rules_lists_every_rule_and_explain_works_for_each() {
    let out = stdout_of(citelint().args(["rules"]));
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    for id in [
        "ukrinform/first-paragraph-link",
        "ukrinform/foreign-outlet-link",
        "ukrinform/advertisement-disclaimer",
        "ukrinform/lookalike-link",
    ] {
        assert!(ids.contains(&id), "{out}");
    }
    for id in ids {
        let explained = stdout_of(citelint().args(["explain", id]));
        assert!(explained.starts_with(id), "{explained}");
        if id.starts_with("citelint/") {
            // citelint's own diagnostics come from no pack's terms.
            assert!(explained.contains("built-in"), "{explained}");
            assert!(explained.contains("How to fix"), "{explained}");
        } else {
            assert!(explained.contains("Terms"), "{explained}");
            assert!(explained.contains("https://"), "{explained}");
            assert!(explained.contains("Compliant example"), "{explained}");
        }
    }
}

#[test]
fn rules_lists_the_builtin_diagnostics_reports_carry() {
    let out = stdout_of(citelint().args(["rules"]));
    for id in [
        "citelint/front-matter",
        "citelint/io-error",
        "citelint/unused-suppression",
    ] {
        assert!(out.lines().any(|l| l.starts_with(id)), "{out}");
    }
    let json = stdout_of(citelint().args(["rules", "--format", "json"]));
    let rules: serde_json::Value = serde_json::from_str(&json).unwrap();
    let io_error = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "citelint/io-error")
        .expect("io-error listed");
    assert_eq!(io_error["kind"], "built-in");
    assert_eq!(io_error["severity"], "error");
}

#[test]
fn explain_quotes_the_terms_verbatim() {
    let out = stdout_of(citelint().args(["explain", "ukrinform/first-paragraph-link"]));
    assert!(
        out.contains(
            "links to the website ukrinform.net not lower than the first paragraph are mandatory"
        ),
        "{out}"
    );
}

#[test]
fn explain_of_an_unknown_rule_exits_two() {
    citelint()
        .args(["explain", "nope/nothing"])
        .assert()
        .code(2);
}

#[test]
fn rules_as_json_carry_severity_and_url() {
    let out = stdout_of(citelint().args(["rules", "--format", "json"]));
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        rules
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["severity"].is_string() && r["url"].is_string())
    );
}

#[test]
fn jobs_do_not_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        write(
            dir.path(),
            &format!("f{i:02}.md"),
            if i % 2 == 0 { VIOLATING } else { CLEAN }.as_bytes(),
        );
    }
    let one = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "-j", "1", "--format", "json"]),
    );
    let four = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "-j", "4", "--format", "json"]),
    );
    assert_eq!(one, four);
}

#[test]
fn sarif_output_carries_rule_metadata_and_results() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", VIOLATING.as_bytes());
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "a.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules
        .iter()
        .find(|r| r["id"] == "ukrinform/first-paragraph-link")
        .unwrap();
    assert_eq!(rule["helpUri"], "https://www.ukrinform.net/");
    assert!(rule["help"]["text"].as_str().unwrap().contains("Ukrinform"));
    // Every rule's help is filled in, as a finding's is.
    for rule in rules {
        let help = rule["help"]["text"].as_str().unwrap_or_default();
        assert!(!help.contains('{'), "{help}");
        assert!(!help.ends_with("a link"), "{help}");
    }
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "ukrinform/first-paragraph-link");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.md"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
}

#[test]
fn github_output_is_one_workflow_command_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", VIOLATING.as_bytes());
    let out = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "--format", "github", "a.md"]),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("::error file=a.md,line=1,col=1,endLine=1,endColumn=22,title=ukrinform/first-paragraph-link::"), "{out}");
}

#[test]
fn output_on_the_fixtures_is_byte_identical_with_one_and_eight_jobs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for format in ["json", "human"] {
        let run = |jobs: &str| {
            citelint()
                .args([
                    "check",
                    "--isolated",
                    "--color",
                    "never",
                    "--format",
                    format,
                    "-j",
                    jobs,
                ])
                .arg(&fixtures)
                .output()
                .unwrap()
                .stdout
        };
        let one = run("1");
        assert!(one.len() > 10_000, "the fixtures produce a real report");
        assert_eq!(
            one,
            run("8"),
            "{format} output differs between -j 1 and -j 8"
        );
    }
}

#[test]
fn an_undecodable_legacy_page_points_at_the_bad_byte_in_its_own_encoding() {
    let dir = tempfile::tempdir().unwrap();
    // "ウクル" in Shift_JIS, a space, then 0xA0, which Shift_JIS does not define.
    let mut page = b"<meta charset=\"shift_jis\"><p>".to_vec();
    page.extend([0x83, 0x45, 0x83, 0x4e, 0x83, 0x8b, b' ', 0xa0, b'x']);
    std::fs::write(dir.path().join("a.html"), &page).unwrap();
    let out = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "a.html"]),
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &report["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "citelint/io-error");
    assert_eq!(d["offset"], 36, "the byte offset of 0xA0 in the file");
    assert_eq!(
        d["column"], 34,
        "characters before it, decoded as Shift_JIS"
    );
}

#[test]
fn standard_input_over_the_size_limit_is_refused() {
    let big = vec![b'a'; usize::try_from(citelint::cli::MAX_FILE_SIZE).unwrap() + 10];
    let output = citelint()
        .args(["check", "-"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("limit"));
}

/// Rule ids and severities of a JSON report, per file, in report order.
fn findings_by_file(report: &str) -> Vec<(String, Vec<(String, String)>)> {
    let report: serde_json::Value = serde_json::from_str(report).unwrap();
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let findings = f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    (
                        d["rule"].as_str().unwrap().to_owned(),
                        d["severity"].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            (f["path"].as_str().unwrap().to_owned(), findings)
        })
        .collect()
}

#[test]
fn globs_and_overrides_do_not_depend_on_how_a_path_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "citelint.toml",
        "[files]\nexclude = [\"content/archive/**\"]\n\n[[overrides]]\nfiles = [\"content/**\"]\nrules = { \"ukrinform/first-paragraph-link\" = \"warning\" }\n",
    );
    write(root, "content/a.md", VIOLATING.as_bytes());
    write(root, "content/archive/b.md", VIOLATING.as_bytes());
    write(root, "content/ads/c.md", VIOLATING.as_bytes());
    let from_root = stdout_of(
        citelint()
            .current_dir(root)
            .args(["check", "--format", "json", "content"]),
    );
    let expected = [("content/a.md", "warning"), ("content/ads/c.md", "warning")];
    let seen: Vec<(String, String)> = findings_by_file(&from_root)
        .into_iter()
        .map(|(path, f)| (path, f[0].1.clone()))
        .collect();
    assert_eq!(
        seen,
        expected.map(|(p, s)| (p.to_owned(), s.to_owned())),
        "{from_root}"
    );
    // The same tree reached through `..`, and the configuration named with `..`: the
    // archive stays excluded and the override still applies.
    for args in [
        &["check", "--format", "json", ".."][..],
        &[
            "check",
            "--format",
            "json",
            "--config",
            "../../citelint.toml",
            "..",
        ][..],
    ] {
        let report = stdout_of(citelint().current_dir(root.join("content/ads")).args(args));
        let files = findings_by_file(&report);
        assert_eq!(files.len(), 2, "{args:?}: {report}");
        assert!(
            files
                .iter()
                .all(|(path, f)| !path.contains("archive") && f[0].1 == "warning"),
            "{args:?}: {report}"
        );
    }
}

#[test]
fn a_file_named_on_the_command_line_is_excluded_as_a_walk_would_exclude_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "citelint.toml",
        "[files]\nexclude = [\"content/archive/**\"]\n",
    );
    write(root, "content/archive/b.md", VIOLATING.as_bytes());
    // As a pre-commit hook names it: excluded, nothing checked, the run passes.
    let named = citelint()
        .current_dir(root)
        .args(["check", "content/archive/b.md"])
        .output()
        .unwrap();
    assert_eq!(named.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&named.stdout).trim(),
        "0 files checked: no problems found"
    );
    // Without configuration the same file is checked.
    let isolated = citelint()
        .current_dir(root)
        .args(["check", "--isolated", "content/archive/b.md"])
        .output()
        .unwrap();
    assert_eq!(isolated.status.code(), Some(1));
}

#[test]
fn an_undecodable_byte_is_placed_as_other_findings_are_and_shown_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    // After a byte-order mark, which no column counts.
    write(dir.path(), "bom.md", b"\xEF\xBB\xBFabc\xFF rest\n");
    // In UTF-16, with the text after the bad unit.
    write(
        dir.path(),
        "u16.html",
        b"\xFF\xFE<\x00p\x00>\x00\x00\xD8A\x00",
    );
    let report = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "bom.md", "u16.html"]),
    );
    let json: serde_json::Value = serde_json::from_str(&report).unwrap();
    let places: Vec<(u64, u64, u64)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let d = &f["diagnostics"][0];
            let n = |k: &str| d[k].as_u64().unwrap();
            (n("line"), n("column"), n("offset"))
        })
        .collect();
    assert_eq!(places, [(1, 4, 6), (1, 4, 8)], "{report}");
    let human = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "u16.html"]),
    );
    assert!(human.contains("[u16.html:1:4]"), "{human}");
    assert!(human.contains("╰── the first undecodable byte"), "{human}");
}

#[test]
fn escape_sequences_in_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "esc.md",
        b"a\x1b[2Jb \xE2\x80\xAE [x](https://ukrlnform.net/)\rNext line, Ukrinform reports.\r",
    );
    let human = stdout_of(
        citelint()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "esc.md"]),
    );
    assert!(!human.contains(['\u{1b}', '\r', '\u{202E}']), "{human:?}");
    assert!(human.contains("a\u{241B}[2Jb \u{FFFD} [x]"), "{human}");
    // Columns count the characters shown instead, one each; the lone carriage return ends
    // line 1.
    assert!(human.contains("[esc.md:1:10]"), "{human}");
    assert!(human.contains(" 2 │ Next line"), "{human}");
}

#[test]
fn a_configured_severity_of_io_errors_applies() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.md", b"ab\xffcd\n");
    let run = |config: &str| {
        write(dir.path(), "citelint.toml", config);
        let output = citelint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "x.md"])
            .output()
            .unwrap();
        let files = findings_by_file(&String::from_utf8(output.stdout).unwrap());
        (output.status.code(), files[0].1.clone())
    };
    let io = |severity: &str| vec![("citelint/io-error".to_owned(), severity.to_owned())];
    assert_eq!(run(""), (Some(1), io("error")));
    assert_eq!(
        run("[rules]\n\"citelint/io-error\" = \"warning\"\n"),
        (Some(0), io("warning"))
    );
    assert_eq!(
        run("[rules]\n\"citelint/io-error\" = \"off\"\n"),
        (Some(0), vec![])
    );
}

#[test]
fn a_pack_with_a_one_character_advertising_label_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let embedded = citelint::rules::Engine::embedded("ukrinform").unwrap();
    let labels_start = embedded.find("labels = [").unwrap();
    let labels_end = labels_start + embedded[labels_start..].find(']').unwrap() + 1;
    let pack = format!(
        "{}labels = [\"Ⓐ\"]{}",
        &embedded[..labels_start],
        &embedded[labels_end..]
    )
    .replace("name = \"ukrinform\"", "name = \"demo\"")
    .replace("id = \"ukrinform/", "id = \"demo/");
    write(dir.path(), "demo.toml", pack.as_bytes());
    // The label opens the first paragraph, set off by a colon.
    let body = "A new [bank](https://ukrinform.net/a) opens, Ukrinform reports.\n";
    let front = "---\nadvertisement: true\n---\n";
    write(
        dir.path(),
        "labelled.md",
        format!("{front}ⓐ: {body}").as_bytes(),
    );
    write(
        dir.path(),
        "unlabelled.md",
        format!("{front}{body}").as_bytes(),
    );
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--rules", "demo.toml", "--format", "json"])
        .args(["labelled.md", "unlabelled.md"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules = |i: usize| -> Vec<String> {
        report["files"][i]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(report["files"][0]["path"], "labelled.md");
    assert!(
        !rules(0).contains(&"demo/advertisement-disclaimer".to_owned()),
        "{report}"
    );
    assert!(
        rules(1).contains(&"demo/advertisement-disclaimer".to_owned()),
        "{report}"
    );
}

#[test]
fn a_paragraph_of_thousands_of_characters_on_one_line_is_shown_cut_around_its_labels() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("{}Ukrinform reports.\n", "word ".repeat(2000));
    write(dir.path(), "a.md", line.as_bytes());
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.md"])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(!out.contains("too long to show"), "{out}");
    assert!(out.contains("… word word"), "{out}");
    assert!(out.contains("Ukrinform reports."), "{out}");
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
}

#[test]
fn a_stdin_filename_alone_reads_standard_input_and_beside_paths_needs_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.md", CLEAN.as_bytes());
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--stdin-filename", "draft.md"])
        .write_stdin(VIOLATING)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report["files"][0]["path"], "draft.md");
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--stdin-filename", "draft.md", "clean.md"])
        .write_stdin(VIOLATING)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("add `-`"));
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--files-from", "-", "-"])
        .write_stdin("clean.md\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn standard_input_is_listed_in_path_order_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.md", VIOLATING.as_bytes());
    write(dir.path(), "d.md", CLEAN.as_bytes());
    for jobs in ["1", "2"] {
        let output = citelint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "-j", jobs])
            .args(["--stdin-filename", "c.md", "d.md", "-", "b.md"])
            .write_stdin(CLEAN)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(paths(&report), ["b.md", "c.md", "d.md"], "-j {jobs}");
    }
}

/// The exit status of a run over 300 violating files whose `stream` (stdout or stderr) is
/// closed by its reader before the run writes to it; the other stream is discarded.
fn status_with_closed_pipe(stream: &str, args: &[&str]) -> Option<i32> {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        write(dir.path(), &format!("{i:03}.md"), VIOLATING.as_bytes());
    }
    let (out, err) = if stream == "stdout" {
        (std::process::Stdio::piped(), std::process::Stdio::null())
    } else {
        (std::process::Stdio::null(), std::process::Stdio::piped())
    };
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("citelint"))
        .current_dir(dir.path())
        .args(["check", "--color", "never", "-j", "1"])
        .args(args)
        .arg(".")
        .stdout(out)
        .stderr(err)
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap().code()
}

#[test]
fn a_closed_output_pipe_still_exits_with_the_findings_status() {
    // `citelint check | head -1` under `set -o pipefail`: the reader stops reading, and the
    // run must still say that errors were found. More report than a pipe buffers makes the
    // writes after the close fail.
    assert_eq!(status_with_closed_pipe("stdout", &[]), Some(1));
}

#[test]
fn a_closed_error_pipe_still_exits_with_the_findings_status() {
    // `--statistics` writes to standard error after the files are checked, when the reader
    // (`2>&1 | head -1`) has long gone.
    assert_eq!(
        status_with_closed_pipe("stderr", &["--statistics", "-q"]),
        Some(1)
    );
}

#[test]
fn an_invalid_configuration_is_a_github_annotation_on_the_toml() {
    // With `--format github` a pull request shows the error on the file at fault, as it
    // shows findings; the run still exits 2 and explains it on standard error.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "citelint.toml",
        b"[rules]\n\"ukrinform/no-such\" = \"error\"\n",
    );
    write(dir.path(), "a.md", CLEAN.as_bytes());
    let output = citelint()
        .current_dir(dir.path())
        .args(["check", "--format", "github", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("::error file=citelint.toml,line=2,col=1,title=citelint::unknown rule"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("no loaded pack defines this rule"));
}

/// The help of the `unused-suppression` findings of `text`, checked from standard input.
fn unused_suppression_helps(text: &str) -> Vec<String> {
    let output = citelint()
        .args(["check", "--format", "json", "--stdin-filename", "d.md", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "citelint/unused-suppression")
        .map(|d| d["help"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_unused_suppression_of_a_misspelt_rule_suggests_the_rule_it_likely_means() {
    let helps = unused_suppression_helps(
        "<!-- citelint-disable-next-line ukrinform/first-paragraph-lnk -->\nTalks resumed, Ukrinform reports.\n",
    );
    assert_eq!(helps.len(), 1, "{helps:?}");
    assert!(
        helps[0].contains("did you mean `ukrinform/first-paragraph-link`"),
        "{helps:?}"
    );
}

#[test]
fn an_unused_suppression_in_front_matter_is_told_to_leave_the_list_not_a_comment() {
    let helps = unused_suppression_helps(
        "---\ncitelint:\n  disable: [ukrinform/foreign-outlet-link]\n---\n\nThe talks resumed.\n",
    );
    assert_eq!(helps.len(), 1, "{helps:?}");
    assert!(helps[0].contains("front matter"), "{helps:?}");
    assert!(!helps[0].contains("comment"), "{helps:?}");
    assert!(!helps[0].contains("did you mean"), "{helps:?}");
}
