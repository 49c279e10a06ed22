//! Bounded reading: every file citelint reads (documents, rule packs, configuration,
//! baselines, standard input) is opened once, must be a regular file, and is read up to a
//! limit, so a FIFO, a device or a growing file can neither block a run nor exhaust memory.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Opens the regular file at `path`; anything else is an error.
///
/// Opening a FIFO for reading would block until something opens it for writing: on Unix the
/// file is opened without blocking (which changes nothing for a regular file) and its one
/// `fstat` decides; elsewhere the metadata is looked at before opening.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    open_regular_sized(path).map(|(file, _)| file)
}

/// [`open_regular`], with the file's length.
fn open_regular_sized(path: &Path) -> std::io::Result<(std::fs::File, u64)> {
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)?
    };
    #[cfg(not(unix))]
    let file = {
        if !std::fs::metadata(path)?.is_file() {
            return Err(not_regular());
        }
        std::fs::File::open(path)?
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    Ok((file, meta.len()))
}

fn not_regular() -> std::io::Error {
    std::io::Error::other("not a regular file")
}

/// Reads at most `limit` bytes of the regular file at `path`; more is an error.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let (file, len) = open_regular_sized(path)?;
    if len > limit {
        return Err(too_large(len, limit));
    }
    // Sized from the metadata (one read call for most files); a file that grows while it
    // is read is still cut at the limit.
    let capacity = usize::try_from(len).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Reads `reader` to its end, failing once it has given more than `limit` bytes.
pub fn read_to_limit(reader: impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Reads a UTF-8 text file of at most `limit` bytes.
pub fn read_text_limited(path: &Path, limit: u64) -> std::io::Result<String> {
    String::from_utf8(read_limited(path, limit)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

fn too_large(len: u64, limit: u64) -> std::io::Error {
    std::io::Error::other(format!(
        "more than {} MiB, over the {} MiB limit",
        len.max(limit + 1) >> 20,
        limit >> 20
    ))
}

/// How large a rule pack, configuration or baseline file may be.
pub const MAX_DATA_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// `path` made absolute, with `.` and `..` resolved as written (`content/ads/..` is
/// `content`), so that a configuration's globs and its place in the tree do not depend on how
/// a path was typed.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    resolve_dots(&absolute)
}

/// [`absolute`] for a relative `path` under `base`, the current directory read once by a
/// caller with many paths.
pub(crate) fn absolute_under(base: &Path, path: &Path) -> PathBuf {
    resolve_dots(&base.join(path))
}

/// `path` with `.` and `..` resolved as written; the parent of the root is the root.
fn resolve_dots(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                if matches!(last, None | Some(Component::ParentDir)) {
                    out.push(component);
                } else if !matches!(last, Some(Component::RootDir | Component::Prefix(_))) {
                    out.pop();
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_absolute_with_dots_resolved() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(absolute(Path::new("a/b/../c/./d")), cwd.join("a/c/d"));
        assert_eq!(absolute(Path::new("/a/../../b")), Path::new("/b"));
        assert_eq!(absolute(Path::new("/..")), Path::new("/"));
        assert_eq!(
            absolute(Path::new("..")),
            cwd.parent().unwrap_or(&cwd).to_path_buf()
        );
    }

    #[test]
    fn reading_stops_at_the_limit() {
        assert!(read_to_limit(&b"12345"[..], 5).is_ok());
        assert!(read_to_limit(&b"123456"[..], 5).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pack.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(read_limited(&fifo, 10).is_err()));
        let refused = receiver.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(refused, Ok(true), "a FIFO must be refused, not waited on");
    }

    #[test]
    fn directories_are_not_regular_files() {
        let dir = std::env::temp_dir();
        assert!(read_limited(&dir, 10).is_err());
    }
}
