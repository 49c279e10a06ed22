//! What the test modules share: documents and a way to lay out a scratch directory.

use std::path::Path;

/// Cites Ukrinform below the first paragraph with no link: fires `first-paragraph-link`.
pub(crate) const VIOLATING: &str =
    "The minister arrived.\n\nThe talks went well, Ukrinform reports.\n";
/// Cites and links Ukrinform in the first paragraph: clean.
pub(crate) const CLEAN: &str =
    "The talks went well, [Ukrinform](https://www.ukrinform.net/rubric-x/1-y.html) reports.\n";

/// Writes `contents` to `name` under `dir`, creating the directories on the way.
pub(crate) fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// The paths of the files a JSON report lists, in its order.
pub(crate) fn paths(report: &serde_json::Value) -> Vec<&str> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}
