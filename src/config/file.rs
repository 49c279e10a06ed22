//! The TOML shape of `citelint.toml` (SPEC §5). The JSON Schema shipped as
//! `citelint.schema.json` is generated from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::rules::Severity;

/// A rule's configured severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reported as a note.
    Note,
    /// Reported as a warning.
    Warning,
    /// Reported as an error; fails the run.
    Error,
}

impl Level {
    /// The engine's view: a severity, or `None` when off.
    #[must_use]
    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Off => None,
            Self::Note => Some(Severity::Note),
            Self::Warning => Some(Severity::Warning),
            Self::Error => Some(Severity::Error),
        }
    }

    /// The name used in the file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A citelint configuration file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "citelint configuration",
    description = "citelint.toml or .citelint.toml"
)]
pub struct ConfigFile {
    /// Another configuration file to inherit, relative to this one; this file's values win.
    #[schemars(with = "Option<String>")]
    pub extend: Option<Spanned<String>>,
    /// Rule packs to load: embedded pack names (`ukrinform`) or paths to TOML files.
    #[schemars(with = "Option<Vec<String>>")]
    pub packs: Option<Vec<Spanned<String>>>,
    /// Severity per rule id: `off`, `note`, `warning` or `error`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    pub rules: BTreeMap<Spanned<String>, Spanned<Level>>,
    /// How Markdown is read.
    #[serde(default)]
    pub markdown: MarkdownSection,
    /// How HTML is read.
    #[serde(default)]
    pub html: HtmlSection,
    /// Which files are checked when directories are walked.
    #[serde(default)]
    pub files: FilesSection,
    /// Per-path severities; later entries win.
    #[serde(default)]
    pub overrides: Vec<OverrideSection>,
}

/// `[markdown]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSection {
    /// Whether bare URLs in text count as links, as GitHub and Hugo render them (default true).
    #[schemars(with = "Option<bool>")]
    pub autolink: Option<Spanned<bool>>,
}

/// `[html]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HtmlSection {
    /// CSS selectors tried in order to find the article body; the first match wins.
    #[schemars(with = "Option<Vec<String>>")]
    pub body: Option<Vec<Spanned<String>>>,
}

/// `[files]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilesSection {
    /// When set, only files matching one of these globs are checked.
    #[schemars(with = "Option<Vec<String>>")]
    pub include: Option<Vec<Spanned<String>>>,
    /// Files matching one of these globs are never checked.
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
}

/// `[[overrides]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideSection {
    /// Globs of the files this override applies to, relative to the configuration file.
    #[schemars(with = "Vec<String>")]
    pub files: Vec<Spanned<String>>,
    /// Severity per rule id for those files.
    #[schemars(with = "BTreeMap<String, Level>")]
    pub rules: BTreeMap<Spanned<String>, Spanned<Level>>,
}

/// The JSON Schema of the configuration file.
///
/// # Panics
///
/// Never: a generated schema always serialises.
#[must_use]
pub fn schema() -> String {
    let schema = schemars::schema_for!(ConfigFile);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}
