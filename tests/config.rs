//! Invalid configuration through the real binary: each run stops with status 2 and a
//! diagnostic pointing at the offending TOML, snapshotted as rendered (no colour, width 100).

use std::path::Path;

use assert_cmd::Command;
use snapbox::{Data, assert_data_eq, file};

use crate::support::{CLEAN, write};

/// A directory with a clean `a.md` and `citelint.toml` holding `config`.
fn with_config(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", CLEAN);
    write(dir.path(), "citelint.toml", config);
    dir
}

/// Runs citelint with `args` in `dir`; the run must end with status 2 and no report, and
/// its standard error, with `dir` written as `[ROOT]`, must match `expected`.
fn assert_error(dir: &Path, args: &[&str], expected: Data) {
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("CI")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stdout.is_empty(),
        "no report for a run that could not proceed"
    );
    let root = dir.canonicalize().unwrap();
    let stderr = String::from_utf8(output.stderr)
        .unwrap()
        .replace(&root.display().to_string(), "[ROOT]")
        .replace(&dir.display().to_string(), "[ROOT]");
    assert_data_eq!(stderr, expected.raw());
}

#[test]
fn an_unknown_rule_id_points_at_its_key_and_suggests_the_closest_id() {
    let dir = with_config("[rules]\n\"ukrinform/first-paragraph-lnk\" = \"warning\"\n");
    assert_error(
        dir.path(),
        &["check", "a.md"],
        file!["snapshots/config/unknown-rule.txt"],
    );
}

#[test]
fn an_unknown_rule_id_in_an_override_points_at_its_key() {
    let dir = with_config(
        "[[overrides]]\nfiles = [\"content/ads/**\"]\nrules = { \"ukrinform/no-such-rule\" = \"off\" }\n",
    );
    assert_error(
        dir.path(),
        &["check", "a.md"],
        file!["snapshots/config/unknown-rule-in-override.txt"],
    );
}

#[test]
fn an_unknown_severity_points_at_the_value() {
    let dir = with_config("[rules]\n\"ukrinform/first-paragraph-link\" = \"fatal\"\n");
    assert_error(
        dir.path(),
        &["check", "a.md"],
        file!["snapshots/config/unknown-severity.txt"],
    );
}

#[test]
fn an_unknown_severity_in_an_override_points_at_the_value() {
    let dir = with_config(
        "[[overrides]]\nfiles = [\"content/ads/**\"]\nrules = { \"ukrinform/first-paragraph-link\" = \"never\" }\n",
    );
    assert_error(
        dir.path(),
        &["check", "a.md"],
        file!["snapshots/config/unknown-severity-in-override.txt"],
    );
}

#[test]
fn a_pack_that_is_neither_embedded_nor_a_file_points_at_its_entry() {
    let dir = with_config("packs = [\"ukrinform\", \"nonexistent\"]\n");
    assert_error(
        dir.path(),
        &["check", "a.md"],
        file!["snapshots/config/missing-pack.txt"],
    );
}

#[test]
fn a_pack_path_that_is_a_directory_points_at_its_entry() {
    let dir = with_config("packs = [\"rules\"]\n");
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    assert_error(
        dir.path(),
        &["check", "a.md"],
        file!["snapshots/config/pack-is-a-directory.txt"],
    );
}

#[test]
fn a_pack_path_is_read_relative_to_the_config_file_not_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let pack = citelint::rules::Engine::embedded("ukrinform").unwrap();
    write(dir.path(), "site/local", pack);
    write(dir.path(), "site/citelint.toml", "packs = [\"local\"]\n");
    write(dir.path(), "site/a.md", CLEAN);
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "site/a.md"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_invalid_pack_named_in_the_config_points_into_the_pack() {
    let dir = with_config("packs = [\"rules/local.toml\"]\n");
    let pack = citelint::rules::Engine::embedded("ukrinform")
        .unwrap()
        .replace("kind = \"paired-link\"", "kind = \"paired-links\"");
    write(dir.path(), "rules/local.toml", &pack);
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir.path())
        .env("COLUMNS", "100")
        .args(["check", "a.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("unknown rule kind `paired-links`"), "{err}");
    assert!(err.contains("rules/local.toml:"), "{err}");
    assert!(!err.contains("citelint.toml:"), "{err}");
}

#[test]
fn extending_a_missing_file_points_at_extend() {
    let dir = with_config("extend = \"missing.toml\"\n");
    assert_error(
        dir.path(),
        &["check", "a.md"],
        file!["snapshots/config/missing-extend.txt"],
    );
}

#[test]
fn a_missing_rules_file_is_an_error_naming_it_without_an_empty_snippet() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", CLEAN);
    assert_error(
        dir.path(),
        &["check", "--rules", "nope.toml", "a.md"],
        file!["snapshots/config/missing-rules-file.txt"],
    );
}

#[test]
fn a_missing_config_file_is_an_error_naming_it_without_an_empty_snippet() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", CLEAN);
    assert_error(
        dir.path(),
        &["check", "--config", "nope.toml", "a.md"],
        file!["snapshots/config/missing-config-file.txt"],
    );
}
