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

/// Collects the inputs of `paths`, sorted and without duplicates; directories are walked on
/// `threads` threads. Standard input sorts by the name it is reported under, `stdin_name`.
pub(crate) fn collect(paths: &[PathBuf], threads: usize, stdin_name: &Path) -> Vec<Input> {
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, threads, &mut inputs);
        } else if let Ok(meta) = std::fs::metadata(path) {
            let format = Format::from_path(path);
            if format.is_some() && !meta.is_file() {
                inputs.push(Input::Broken(clean(path), NOT_REGULAR.to_owned()));
            } else {
                inputs.push(Input::File(clean(path), format));
            }
        } else {
            let why = match std::fs::symlink_metadata(path) {
                Ok(_) => "broken symbolic link".to_owned(),
                Err(error) => error.to_string(),
            };
            inputs.push(Input::Broken(clean(path), why));
        }
    }
    // By path first, whatever the variant: the report lists files in path order (SPEC §3).
    let mut inputs = sorted_by_path(inputs, stdin_name);
    // One file named in two ways (`a.md` and `../docs/a.md`) is checked and listed once,
    // under the spelling that sorts first. One path names each file once (links are not
    // followed).
    if paths.len() < 2 {
        return inputs;
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| match input {
        Input::File(path, _) | Input::Broken(path, _) => {
            seen.insert(crate::fs::absolute_under(&cwd, path))
        }
        Input::Stdin => true,
    });
    inputs
}

/// `inputs` sorted by path (compared component by component, as `Path` compares), then by
/// variant, without duplicates. Comparing paths parses both into components at every
/// comparison, and sorting tens of thousands of them took as long as walking: each path is
/// encoded once instead, as bytes that compare as its components do ([`sort_key`]).
fn sorted_by_path(inputs: Vec<Input>, stdin_name: &Path) -> Vec<Input> {
    let keys: Vec<_> = inputs
        .iter()
        .map(|input| sort_key(input.path().unwrap_or(stdin_name)))
        .collect();
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| inputs[a].cmp(&inputs[b]))
    });
    // Equal inputs are next to each other now; only those with equal keys can be equal.
    order.dedup_by(|&mut b, &mut a| keys[a] == keys[b] && inputs[a] == inputs[b]);
    drop(keys);
    let mut slots: Vec<Option<Input>> = inputs.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// `path` as bytes that compare as its components compare: each component as its kind (in
/// the order of [`Component`]'s variants), its bytes, and a NUL, which no path holds, so a
/// component that is a prefix of another sorts first, as it does.
fn sort_key(path: &Path) -> Vec<u8> {
    use std::path::{Component, Prefix};
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    let field = |key: &mut Vec<u8>, bytes: &[u8]| {
        key.extend_from_slice(bytes);
        key.push(0);
    };
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                key.push(0);
                // As `PrefixComponent` compares: by the parsed prefix.
                match prefix.kind() {
                    Prefix::Verbatim(a) => {
                        key.push(0);
                        field(&mut key, a.as_encoded_bytes());
                    }
                    Prefix::VerbatimUNC(a, b) => {
                        key.push(1);
                        field(&mut key, a.as_encoded_bytes());
                        field(&mut key, b.as_encoded_bytes());
                    }
                    Prefix::VerbatimDisk(d) => key.extend([2, d]),
                    Prefix::DeviceNS(a) => {
                        key.push(3);
                        field(&mut key, a.as_encoded_bytes());
                    }
                    Prefix::UNC(a, b) => {
                        key.push(4);
                        field(&mut key, a.as_encoded_bytes());
                        field(&mut key, b.as_encoded_bytes());
                    }
                    Prefix::Disk(d) => key.extend([5, d]),
                }
            }
            Component::RootDir => key.push(1),
            Component::CurDir => key.push(2),
            Component::ParentDir => key.push(3),
            Component::Normal(name) => {
                key.push(4);
                field(&mut key, name.as_encoded_bytes());
            }
        }
    }
    key
}

/// Why a FIFO, socket or device with a document's name is not read: reading it could block
/// for ever or never end.
const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device), so it is not read";

impl Input {
    /// The path of the input; standard input has none of its own.
    fn path(&self) -> Option<&Path> {
        match self {
            Self::File(path, _) | Self::Broken(path, _) => Some(path),
            Self::Stdin => None,
        }
    }
}

/// Walks `root` on `threads` threads (`ignore`'s parallel walker), adding what it finds to
/// `inputs` in no particular order: [`collect`] sorts.
fn walk(root: &Path, threads: usize, inputs: &mut Vec<Input>) {
    let found = std::sync::Mutex::new(Vec::new());
    ignore::WalkBuilder::new(root)
        .follow_links(false)
        // `.gitignore` is honoured in any directory, as SPEC §2 says, not only in a git
        // repository (ripgrep's default).
        .require_git(false)
        .threads(threads)
        .build_parallel()
        .run(|| {
            let mut mine = Found {
                root,
                inputs: Vec::new(),
                all: &found,
            };
            Box::new(move |entry| {
                mine.add(entry);
                ignore::WalkState::Continue
            })
        });
    inputs.append(
        &mut found
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
}

/// What one thread of [`walk`] has found; handed over to the walk's list when the thread is
/// done.
struct Found<'a> {
    root: &'a Path,
    inputs: Vec<Input>,
    all: &'a std::sync::Mutex<Vec<Input>>,
}

impl Drop for Found<'_> {
    fn drop(&mut self) {
        self.all
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .append(&mut self.inputs);
    }
}

impl Found<'_> {
    fn add(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) {
        let inputs = &mut self.inputs;
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let is_link = entry.file_type().is_some_and(|t| t.is_symlink());
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if let Some(format) = Format::from_path(path) {
                    if is_file {
                        inputs.push(Input::File(clean(path), Some(format)));
                    } else if is_link {
                        match std::fs::metadata(path) {
                            Ok(meta) if meta.is_file() => {
                                inputs.push(Input::File(clean(path), Some(format)));
                            }
                            Ok(meta) if meta.is_dir() => {}
                            Ok(_) => {
                                inputs.push(Input::Broken(clean(path), NOT_REGULAR.to_owned()));
                            }
                            Err(error) => inputs.push(Input::Broken(
                                clean(path),
                                format!("broken symbolic link: {error}"),
                            )),
                        }
                    } else if !is_dir {
                        inputs.push(Input::Broken(clean(path), NOT_REGULAR.to_owned()));
                    }
                }
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| self.root.to_path_buf());
                inputs.push(Input::Broken(clean(&path), error.to_string()));
            }
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// Drops a leading `./` so reports show `content/a.md`, not `./content/a.md`.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sorting by the encoded keys is sorting by `Path`'s own order.
        #[test]
        fn sort_keys_compare_as_paths_compare(
            a in "(/|\\./|\\.\\./)?([ab.\\-_ é]{0,3}/{1,2}){0,3}[ab.\\-_é]{0,3}",
            b in "(/|\\./|\\.\\./)?([ab.\\-_ é]{0,3}/{1,2}){0,3}[ab.\\-_é]{0,3}",
        ) {
            let (a, b) = (Path::new(&a), Path::new(&b));
            proptest::prop_assert_eq!(sort_key(a).cmp(&sort_key(b)), a.cmp(b), "{:?} {:?}", a, b);
        }
    }

    #[test]
    fn a_file_named_in_two_ways_is_an_input_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/a.md"), "a").unwrap();
        let inputs = collect(
            &[
                dir.path().join("docs/../docs/a.md"),
                dir.path().join("docs"),
                dir.path().join("docs/a.md"),
            ],
            2,
            Path::new("<stdin>"),
        );
        assert_eq!(inputs.len(), 1, "{inputs:?}");
    }

    #[test]
    fn paths_sort_component_by_component_once_each() {
        let inputs: Vec<Input> = ["a-b.md", "a/b.md", "a.md", "a/a.md", "b.md", "a/b.md"]
            .iter()
            .map(|p| Input::File(PathBuf::from(p), Some(Format::Markdown)))
            .chain([Input::Stdin])
            .collect();
        // Standard input sorts by the name it is reported under.
        let stdin = Path::new("a/b.md");
        let mut expected = inputs.clone();
        expected
            .sort_by(|a, b| (a.path().unwrap_or(stdin), a).cmp(&(b.path().unwrap_or(stdin), b)));
        expected.dedup();
        assert_eq!(expected.len(), 6);
        assert!(matches!(&expected[2], Input::Stdin), "{expected:?}");
        assert_eq!(sorted_by_path(inputs, stdin), expected);
        // `a/…` sorts before `a-b.md`, unlike the bytes of the paths.
        assert!(matches!(&expected[0], Input::File(p, _) if p == Path::new("a/a.md")));
    }

    #[test]
    fn inputs_are_sorted_by_path_whether_readable_or_broken() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.md"), "b").unwrap();
        let inputs = collect(
            &[
                dir.path().join("c.md"),
                dir.path().join("b.md"),
                dir.path().join("a.md"),
            ],
            2,
            Path::new("<stdin>"),
        );
        let names: Vec<_> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p, _) | Input::Broken(p, _) => p.file_name().unwrap().to_owned(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, ["a.md", "b.md", "c.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_with_a_document_name_is_broken_and_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        for inputs in [
            collect(std::slice::from_ref(&fifo), 2, Path::new("<stdin>")),
            collect(&[dir.path().to_path_buf()], 2, Path::new("<stdin>")),
        ] {
            assert!(
                matches!(&inputs[..], [Input::Broken(p, why)] if *p == fifo && why.contains("not a regular file")),
                "{inputs:?}"
            );
        }
    }
}
