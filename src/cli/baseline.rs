//! Baselines: `--write-baseline FILE` records the current findings; `--baseline FILE`
//! reports only findings that are not in it. Findings are matched by rule, file and the
//! text they point at (white space folded), not by line, so edits elsewhere in a file do
//! not bring old findings back.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::FileReport;

/// The version of the baseline file format.
const VERSION: u32 = 1;

/// How much of the violating text a baseline entry keeps for a reader; the hash covers all.
const EXCERPT: usize = 120;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    /// FNV-1a hash of the folded violating text, in hex.
    hash: String,
    /// The start of the violating text, for people reading the file.
    text: String,
}

/// Recorded findings, as counts per key.
#[derive(Debug, Default)]
pub(crate) struct Baseline {
    counts: HashMap<(String, String, String), usize>,
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fnv1a(text: &str) -> String {
    format!("{:016x}", crate::hash::fnv1a(&[text.as_bytes()]))
}

fn entries(reports: &[FileReport]) -> Vec<Entry> {
    let mut out = Vec::new();
    for report in reports {
        for finding in &report.findings {
            let text = folded(report.text.get(finding.primary.span.clone()).unwrap_or(""));
            out.push(Entry {
                rule: finding.rule.to_string(),
                path: report.path.replace('\\', "/"),
                hash: fnv1a(&text),
                text: text.chars().take(EXCERPT).collect(),
            });
        }
    }
    out.sort();
    out
}

/// Writes the baseline of `reports` to `path`.
pub(crate) fn write(path: &Path, reports: &[FileReport]) -> std::io::Result<()> {
    let file = BaselineFile {
        version: VERSION,
        entries: entries(reports),
    };
    let json = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)? + "\n";
    crate::cli::write_atomically(path, json.as_bytes())
}

impl Baseline {
    /// Reads a baseline file.
    pub(crate) fn read(path: &Path) -> Result<Self, String> {
        let text = crate::fs::read_text_limited(path, crate::fs::MAX_DATA_FILE_SIZE)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("invalid baseline {}: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline {} has version {}; this citelint reads version {VERSION}",
                path.display(),
                file.version
            ));
        }
        let mut counts = HashMap::new();
        for e in file.entries {
            *counts.entry((e.rule, e.path, e.hash)).or_insert(0) += 1;
        }
        Ok(Self { counts })
    }

    /// Drops the findings the baseline records, each recorded finding once.
    pub(crate) fn filter(&mut self, reports: &mut [FileReport]) {
        for report in reports {
            let path = report.path.replace('\\', "/");
            let text = std::sync::Arc::clone(&report.text);
            report.findings.retain(|finding| {
                let hash = fnv1a(&folded(
                    text.get(finding.primary.span.clone()).unwrap_or(""),
                ));
                match self
                    .counts
                    .get_mut(&(finding.rule.to_string(), path.clone(), hash))
                {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_reflowed_white_space() {
        assert_eq!(fnv1a(&folded("a  b\n c")), fnv1a(&folded("a b c")));
        assert_ne!(fnv1a("a"), fnv1a("b"));
    }
}
