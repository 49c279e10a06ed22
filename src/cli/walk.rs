//! Which files a `check` run reads: paths as given, directories walked honouring
//! `.gitignore`, `.ignore` and hidden files.

use std::path::{Path, PathBuf};

use crate::document::Format;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Input {
    /// A file to read, with the format its name implies (`None`: given explicitly though
    /// its name is not a Markdown or HTML one).
    File(PathBuf, Option<Format>),
    /// A path that could not be walked; the message says why.
    Broken(PathBuf, String),
    /// Standard input.
    Stdin,
}

/// Collects the inputs of `paths`, sorted and without duplicates.
pub(crate) fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &defaults[..] } else { paths };
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut inputs);
        } else if path.exists() {
            inputs.push(Input::File(clean(path), Format::from_path(path)));
        } else {
            let why = match std::fs::symlink_metadata(path) {
                Ok(_) => "broken symbolic link".to_owned(),
                Err(error) => error.to_string(),
            };
            inputs.push(Input::Broken(clean(path), why));
        }
    }
    inputs.sort();
    inputs.dedup();
    inputs
}

fn walk(root: &Path, inputs: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(root).follow_links(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let is_link = entry.file_type().is_some_and(|t| t.is_symlink());
                if let Some(format) = Format::from_path(path) {
                    if is_file {
                        inputs.push(Input::File(clean(path), Some(format)));
                    } else if is_link {
                        match std::fs::metadata(path) {
                            Ok(meta) if meta.is_file() => inputs.push(Input::File(clean(path), Some(format))),
                            Ok(_) => {}
                            Err(error) => inputs.push(Input::Broken(clean(path), format!("broken symbolic link: {error}"))),
                        }
                    }
                }
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                inputs.push(Input::Broken(clean(&path), error.to_string()));
            }
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

/// Drops a leading `./` so reports show `content/a.md`, not `./content/a.md`.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".").map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}
