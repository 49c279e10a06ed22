//! A scratch content repository exercising configuration, suppressions, ignores, baselines
//! and the CI conveniences through the real binary.

use std::path::Path;

use assert_cmd::Command;

use crate::support::{CLEAN, VIOLATING, write};

const TRANSLATION: &str =
    "Як передає [Укрінформ](https://www.ukrinform.ua/), про це повідомляє The New York Times.\n";

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.current_dir(dir).env("COLUMNS", "100").env_remove("CI");
    cmd
}

fn json(cmd: &mut Command) -> (Option<i32>, serde_json::Value) {
    let output = cmd.output().unwrap();
    let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), value)
}

/// Runs git in `dir` (as a committer of its own), which must succeed.
fn git_in(dir: &Path, args: &[&str]) {
    let output = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `(path, rule)` of every diagnostic.
fn found(report: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            out.push((
                file["path"].as_str().unwrap().to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
            ));
        }
    }
    out
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    write(d, ".gitignore", "public/\n");
    write(d, "public/built.md", VIOLATING);
    write(
        d,
        "citelint.toml",
        "[rules]\n\"ukrinform/foreign-outlet-link\" = \"warning\"\n\n[files]\nexclude = [\"content/archive/**\"]\n\n[[overrides]]\nfiles = [\"content/ads/**\"]\nrules = { \"ukrinform/first-paragraph-link\" = \"off\" }\n",
    );
    write(d, "content/news.md", VIOLATING);
    write(d, "content/world.md", TRANSLATION);
    write(d, "content/archive/old.md", VIOLATING);
    write(d, "content/ads/promo.md", VIOLATING);
    write(
        d,
        "content/strict/citelint.toml",
        "extend = \"../../citelint.toml\"\n\n[rules]\n\"ukrinform/foreign-outlet-link\" = \"error\"\n",
    );
    write(d, "content/strict/world.md", TRANSLATION);
    dir
}

#[test]
fn nested_configs_excludes_overrides_and_gitignore_apply_per_file() {
    let dir = repo();
    let (code, report) = json(citelint(dir.path()).args(["check", "--format", "json"]));
    let found = found(&report);
    assert_eq!(
        found,
        [
            (
                "content/news.md".to_owned(),
                "ukrinform/first-paragraph-link".to_owned()
            ),
            (
                "content/strict/world.md".to_owned(),
                "ukrinform/foreign-outlet-link".to_owned()
            ),
            (
                "content/world.md".to_owned(),
                "ukrinform/foreign-outlet-link".to_owned()
            ),
        ]
    );
    let severity = |path: &str| {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap()["diagnostics"][0]["severity"]
            .clone()
    };
    assert_eq!(
        severity("content/world.md"),
        "warning",
        "the root config lowers it"
    );
    assert_eq!(
        severity("content/strict/world.md"),
        "error",
        "the closer config raises it again"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn a_bad_config_value_is_a_miette_error_pointing_into_the_toml() {
    let dir = repo();
    write(
        dir.path(),
        "citelint.toml",
        "[rules]\n\"ukrinform/foreign-outlet-link\" = \"sometimes\"\n",
    );
    let output = citelint(dir.path()).args(["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("citelint.toml:2:"), "{err}");
    assert!(err.contains("sometimes"), "{err}");
    assert!(
        err.contains("unknown variant") || err.contains("expected one of"),
        "{err}"
    );
}

#[test]
fn unknown_config_keys_and_rules_are_errors() {
    let dir = repo();
    write(
        dir.path(),
        "citelint.toml",
        "[markdown]\nautolinks = true\n",
    );
    let output = citelint(dir.path()).args(["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("autolinks")
    );
    write(
        dir.path(),
        "citelint.toml",
        "[rules]\n\"ukrinform/no-such-rule\" = \"off\"\n",
    );
    let output = citelint(dir.path()).args(["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("unknown rule `ukrinform/no-such-rule`")
    );
}

#[test]
fn config_prints_effective_values_and_their_origins() {
    let dir = repo();
    let output = citelint(dir.path())
        .args(["config", "content/strict/world.md"])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        out.contains("content/strict/citelint.toml, extending"),
        "{out}"
    );
    assert!(out.contains("\"ukrinform/foreign-outlet-link\""), "{out}");
    assert!(
        out.lines().any(|l| l.contains("foreign-outlet-link")
            && l.contains("\"error\"")
            && l.contains("strict/citelint.toml:4")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("autolink = true") && l.contains("# default")),
        "{out}"
    );
    let ads = String::from_utf8(
        citelint(dir.path())
            .args(["config", "content/ads/promo.md"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // A value an override sets is shown with the override's place, not the `[rules]` line.
    assert!(
        ads.lines().any(|l| l.contains("first-paragraph-link")
            && l.contains("\"off\"")
            && l.contains("citelint.toml:8 (the [[overrides]] for this path)")),
        "{ads}"
    );
}

#[test]
fn the_shipped_json_schema_is_the_generated_one() {
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .args(["config", "--schema"])
        .output()
        .unwrap();
    let generated = String::from_utf8(output.stdout).unwrap();
    snapbox::assert_data_eq!(generated, snapbox::file!["../citelint.schema.json"].raw());
}

#[test]
fn inline_suppressions_silence_findings_and_unused_ones_warn() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "<!-- citelint-disable-next-line ukrinform/first-paragraph-link -- reviewed -->\nThe minister arrived.\n\nThe talks went well, Ukrinform reports.\n",
    );
    write(
        dir.path(),
        "b.md",
        "<!-- citelint-disable ukrinform/lookalike-link -->\nRead [this](https://ukrinform.net.evil.example/).\n<!-- citelint-enable ukrinform/lookalike-link -->\n\nAnd [that](https://ukrinfrom.net/).\n",
    );
    write(
        dir.path(),
        "c.md",
        "---\ncitelint:\n  disable: [ukrinform/first-paragraph-link]\n---\nThe minister arrived.\n\nThe talks went well, Ukrinform reports.\n",
    );
    write(
        dir.path(),
        "d.md",
        "<!-- citelint-disable-next-line ukrinform/lookalike-link -->\nNothing to suppress here.\n",
    );
    let (_, report) = json(citelint(dir.path()).args(["check", "--isolated", "--format", "json"]));
    assert_eq!(
        found(&report),
        [
            ("b.md".to_owned(), "ukrinform/lookalike-link".to_owned()),
            ("d.md".to_owned(), "citelint/unused-suppression".to_owned()),
        ]
    );
    let b = &report["files"][1]["diagnostics"][0];
    assert_eq!(
        b["line"], 5,
        "only the link after the enable comment is reported"
    );
}

#[test]
fn suppressions_work_in_crlf_markdown_as_in_lf() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "<!-- citelint-disable-next-line ukrinform/first-paragraph-link -->\r\nThe minister arrived, Ukrinform reports.\r\n",
    );
    write(
        dir.path(),
        "b.md",
        "The minister arrived, Ukrinform reports.\r\n\r\n<p>Read <a href=\"https://ukrinfrom.net/\">this</a>.</p>\r\n",
    );
    let (_, report) = json(citelint(dir.path()).args(["check", "--isolated", "--format", "json"]));
    assert_eq!(
        found(&report),
        [
            (
                "b.md".to_owned(),
                "ukrinform/first-paragraph-link".to_owned()
            ),
            ("b.md".to_owned(), "ukrinform/lookalike-link".to_owned()),
        ]
    );
    let lookalike = &report["files"][1]["diagnostics"][1];
    assert_eq!(
        (&lookalike["line"], &lookalike["column"]),
        (&3.into(), &9.into()),
        "a tag in a CRLF HTML block keeps its own span"
    );
}

#[cfg(unix)]
#[test]
fn a_baseline_is_written_with_the_permissions_a_file_there_would_have() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", VIOLATING);
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    // A new baseline: as any new file in the directory (the umask's), not the owner's only.
    std::fs::write(dir.path().join("plain.txt"), "").unwrap();
    citelint(dir.path())
        .args(["check", "--isolated", "--write-baseline", "new.json"])
        .assert()
        .code(1);
    assert_eq!(mode("new.json"), mode("plain.txt"));
    // An existing one keeps its own, which a later CI step may need to read it.
    std::fs::write(dir.path().join("kept.json"), "{}").unwrap();
    std::fs::set_permissions(
        dir.path().join("kept.json"),
        std::fs::Permissions::from_mode(0o664),
    )
    .unwrap();
    citelint(dir.path())
        .args(["check", "--isolated", "--write-baseline", "kept.json"])
        .assert()
        .code(1);
    assert_eq!(mode("kept.json"), 0o664);
    assert!(
        std::fs::read_to_string(dir.path().join("kept.json"))
            .unwrap()
            .contains("first-paragraph-link")
    );
    // What is no regular file is not replaced.
    std::fs::create_dir(dir.path().join("adir")).unwrap();
    let output = citelint(dir.path())
        .args(["check", "--isolated", "--write-baseline", "adir"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a regular file"));
    assert!(dir.path().join("adir").is_dir());
}

#[cfg(unix)]
#[test]
fn a_baseline_written_to_a_symbolic_link_goes_to_the_file_it_points_at() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", VIOLATING);
    std::fs::write(dir.path().join("real.json"), "{}").unwrap();
    std::os::unix::fs::symlink("real.json", dir.path().join("link.json")).unwrap();
    citelint(dir.path())
        .args(["check", "--isolated", "--write-baseline", "link.json"])
        .assert()
        .code(1);
    let link = std::fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert!(
        std::fs::read_to_string(dir.path().join("real.json"))
            .unwrap()
            .contains("first-paragraph-link")
    );
}

#[test]
fn a_baseline_hides_recorded_findings_even_when_lines_shift() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", VIOLATING);
    citelint(dir.path())
        .args(["check", "--isolated", "--write-baseline", "baseline.json"])
        .assert()
        .code(1);
    let (code, report) = json(citelint(dir.path()).args([
        "check",
        "--isolated",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "a.md",
    ]));
    assert_eq!((code, found(&report).len()), (Some(0), 0));
    // Lines shift above the finding: still recorded.
    write(dir.path(), "a.md", format!("# A new title\n\n{VIOLATING}"));
    let (code, _) = json(citelint(dir.path()).args([
        "check",
        "--isolated",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "a.md",
    ]));
    assert_eq!(code, Some(0));
    // A new violation is reported.
    write(dir.path(), "b.md", VIOLATING);
    let (code, report) = json(citelint(dir.path()).args([
        "check",
        "--isolated",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "a.md",
        "b.md",
    ]));
    assert_eq!(code, Some(1));
    assert_eq!(
        found(&report),
        [(
            "b.md".to_owned(),
            "ukrinform/first-paragraph-link".to_owned()
        )]
    );
}

#[test]
fn files_from_reads_a_list_and_an_empty_list_checks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", VIOLATING);
    write(dir.path(), "b.md", VIOLATING);
    write(dir.path(), "list.txt", "b.md\n\n");
    let (_, report) = json(citelint(dir.path()).args([
        "check",
        "--isolated",
        "--format",
        "json",
        "--files-from",
        "list.txt",
    ]));
    assert_eq!(
        found(&report),
        [(
            "b.md".to_owned(),
            "ukrinform/first-paragraph-link".to_owned()
        )]
    );
    let (code, report) = json(
        citelint(dir.path())
            .args([
                "check",
                "--isolated",
                "--format",
                "json",
                "--files-from",
                "-",
            ])
            .write_stdin(""),
    );
    assert_eq!(
        (code, report["summary"]["files"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn changed_since_checks_only_changed_files() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| git_in(dir.path(), args);
    git(&["init", "-q"]);
    write(dir.path(), "old.md", VIOLATING);
    git(&["add", "."]);
    git(&["commit", "-qm", "first"]);
    write(dir.path(), "new.md", VIOLATING);
    let (_, report) = json(citelint(dir.path()).args([
        "check",
        "--isolated",
        "--format",
        "json",
        "--changed-since",
        "HEAD",
    ]));
    assert_eq!(
        found(&report),
        [(
            "new.md".to_owned(),
            "ukrinform/first-paragraph-link".to_owned()
        )]
    );
    citelint(dir.path())
        .args(["check", "--changed-since", "no-such-rev"])
        .assert()
        .code(2);
}

#[test]
fn changed_since_finds_names_git_would_quote() {
    // Git quotes names with letters beyond ASCII, quotes or tabs in its plain listings
    // (`"\320\275\320\276\320\262\320\270\320\275\320\260.md"`): a Ukrainian newsroom's
    // files must not drop out of a pull request's check.
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| git_in(dir.path(), args);
    git(&["init", "-q"]);
    write(dir.path(), "новина.md", CLEAN);
    write(dir.path(), "звіт \"q\".md", CLEAN);
    git(&["add", "."]);
    git(&["commit", "-qm", "first"]);
    write(dir.path(), "новина.md", VIOLATING);
    write(dir.path(), "звіт \"q\".md", VIOLATING);
    write(dir.path(), "нова\tчернетка.md", VIOLATING);
    let (code, report) = json(citelint(dir.path()).args([
        "check",
        "--isolated",
        "--format",
        "json",
        "--changed-since",
        "HEAD",
    ]));
    assert_eq!(code, Some(1));
    let mut paths: Vec<String> = found(&report).into_iter().map(|(p, _)| p).collect();
    paths.sort();
    assert_eq!(
        paths,
        ["звіт \"q\".md", "нова\tчернетка.md", "новина.md"].map(str::to_owned)
    );
}

#[test]
fn changed_since_matches_absolute_paths_and_paths_that_go_up() {
    // CI passes `$GITHUB_WORKSPACE/content`; a hook run from a subdirectory passes `..`.
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| git_in(dir.path(), args);
    git(&["init", "-q"]);
    write(dir.path(), "content/old.md", VIOLATING);
    write(dir.path(), "content/sub/old.md", VIOLATING);
    git(&["add", "."]);
    git(&["commit", "-qm", "first"]);
    write(dir.path(), "content/new.md", VIOLATING);
    let content = dir.path().join("content");
    let outside = tempfile::tempdir().unwrap();
    for (cwd, path) in [
        (dir.path().to_path_buf(), content.display().to_string()),
        (content.clone(), "..".to_owned()),
        (content.clone(), "../content".to_owned()),
        // A changed file outside the current directory, and a run from outside the
        // repository: git is asked about the whole repository of the path to check.
        (content.join("sub"), "..".to_owned()),
        (outside.path().to_path_buf(), content.display().to_string()),
    ] {
        let (code, report) = json(citelint(&cwd).args([
            "check",
            "--isolated",
            "--format",
            "json",
            "--changed-since",
            "HEAD",
            &path,
        ]));
        let files: Vec<String> = found(&report).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            (code, files.len()),
            (Some(1), 1),
            "{path} from {}",
            cwd.display()
        );
        assert!(files[0].ends_with("new.md"), "{files:?}");
    }
}

#[test]
fn files_from_reads_names_git_quotes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "новина.md", VIOLATING);
    write(dir.path(), "a\tb.md", VIOLATING);
    let (_, report) = json(
        citelint(dir.path())
            .args([
                "check",
                "--isolated",
                "--format",
                "json",
                "--files-from",
                "-",
            ])
            .write_stdin(
                "\"\\320\\275\\320\\276\\320\\262\\320\\270\\320\\275\\320\\260.md\"\n\"a\\tb.md\"\n",
            ),
    );
    let mut paths: Vec<String> = found(&report).into_iter().map(|(p, _)| p).collect();
    paths.sort();
    assert_eq!(paths, ["a\tb.md", "новина.md"].map(str::to_owned));
}

#[test]
fn files_from_reads_a_nul_separated_list() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a b.md", VIOLATING);
    write(dir.path(), "c.md", VIOLATING);
    let (_, report) = json(
        citelint(dir.path())
            .args([
                "check",
                "--isolated",
                "--format",
                "json",
                "--files-from",
                "-",
            ])
            .write_stdin("a b.md\0c.md\0"),
    );
    let paths: Vec<String> = found(&report).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["a b.md", "c.md"].map(str::to_owned));
}

#[test]
fn fail_on_quiet_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "More in [Ukrinform](https://news.example.com/copy).\n",
    );
    // Only a warning (misleading link text): passes by default, fails with --fail-on warning.
    citelint(dir.path())
        .args(["check", "--isolated", "-q", "a.md"])
        .assert()
        .code(0);
    citelint(dir.path())
        .args(["check", "--isolated", "--fail-on", "warning", "a.md"])
        .assert()
        .code(1);
    let clean = tempfile::tempdir().unwrap();
    write(clean.path(), "ok.md", "Nothing cited.\n");
    citelint(clean.path())
        .args(["check", "--isolated", "--quiet"])
        .assert()
        .code(0)
        .stdout("");
    let output = citelint(dir.path())
        .args(["check", "--isolated", "--statistics", "a.md"])
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("1  warning  ukrinform/misleading-link-text"),
        "{err}"
    );
}

#[test]
fn shards_partition_the_file_set() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(dir.path(), &format!("d{}/f{i}.md", i % 3), VIOLATING);
    }
    let paths = |args: &[&str]| -> Vec<String> {
        let (_, report) = json(
            citelint(dir.path())
                .args(["check", "--isolated", "--format", "json"])
                .args(args),
        );
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = paths(&[]);
    assert_eq!(all.len(), 40);
    let mut union = Vec::new();
    for k in 1..=3 {
        let shard = paths(&["--shard", &format!("{k}/3")]);
        assert!(!shard.is_empty(), "shard {k} is empty");
        assert!(shard.iter().all(|p| !union.contains(p)), "shards overlap");
        union.extend(shard);
    }
    union.sort();
    assert_eq!(union, all);
    citelint(dir.path())
        .args(["check", "--shard", "4/3"])
        .assert()
        .code(2);
}
