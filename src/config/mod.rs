//! Configuration: `citelint.toml` or `.citelint.toml`, found from each checked path upwards
//! (the closest applies), or given with `--config`. `extend` inherits another file.
//!
//! A file is read into [`ConfigFile`] (unknown keys rejected, every value spanned), then
//! resolved into a [`Config`] that remembers where each value came from, for
//! `citelint config`.

mod file;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

pub use file::{ConfigFile, Level, schema};

use crate::error::TomlError;
use crate::fs::absolute;
use crate::rules::Engine;

/// Names a configuration file may have, in order of preference within a directory.
pub const FILE_NAMES: [&str; 2] = ["citelint.toml", ".citelint.toml"];

/// How deep `extend` chains may go.
const MAX_EXTEND_DEPTH: usize = 16;

/// Where a configuration value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built in.
    Default,
    /// A configuration file, at a 1-based line.
    File(PathBuf, usize),
    /// The command line.
    CommandLine,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Default => f.write_str("default"),
            Self::File(path, line) => write!(f, "{}:{line}", path.display()),
            Self::CommandLine => f.write_str("command line"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Its origin.
    pub origin: Origin,
}

impl<T> Sourced<T> {
    fn default(value: T) -> Self {
        Self {
            value,
            origin: Origin::Default,
        }
    }
}

/// Globs with the directory they are relative to.
#[derive(Debug, Clone)]
pub struct Globs {
    /// The patterns as written.
    pub patterns: Vec<String>,
    base: PathBuf,
    set: GlobSet,
}

impl Globs {
    /// Whether `path` (relative to the working directory or absolute) matches.
    #[must_use]
    pub fn is_match(&self, path: &Path) -> bool {
        let absolute = absolute(path);
        let relative = absolute.strip_prefix(&self.base).unwrap_or(&absolute);
        self.set.is_match(relative) || self.set.is_match(path)
    }
}

/// A per-path override of rule severities.
#[derive(Debug, Clone)]
pub struct Override {
    /// The files it applies to.
    pub files: Globs,
    /// Severities it sets.
    pub rules: BTreeMap<String, Level>,
    /// Where it is defined.
    pub origin: Origin,
}

/// The effective configuration for a set of files.
#[derive(Debug, Clone)]
pub struct Config {
    /// The files read, closest first (empty: built-in defaults).
    pub files: Vec<PathBuf>,
    /// Rule packs: embedded names or paths.
    pub packs: Sourced<Vec<String>>,
    /// Severities by rule id.
    pub rules: BTreeMap<String, Sourced<Level>>,
    /// Whether bare URLs in Markdown count as links.
    pub autolink: Sourced<bool>,
    /// Article body selectors for HTML.
    pub html_body: Sourced<Vec<String>>,
    /// Only files matching these are checked when walking.
    pub include: Option<Sourced<Globs>>,
    /// Files matching these are never checked.
    pub exclude: Option<Sourced<Globs>>,
    /// Per-path severities, later entries winning.
    pub overrides: Vec<Override>,
    /// Every rule id the files name, where it is written.
    named_rules: Vec<NamedRule>,
}

/// A rule id as written in a configuration file, so that an unknown one is reported there.
#[derive(Debug, Clone)]
struct NamedRule {
    id: String,
    file: String,
    text: Arc<str>,
    span: std::ops::Range<usize>,
}

impl Default for Config {
    fn default() -> Self {
        let read = crate::document::ReadOptions::default();
        Self {
            files: Vec::new(),
            packs: Sourced::default(vec!["ukrinform".to_owned()]),
            rules: BTreeMap::new(),
            autolink: Sourced::default(read.autolink),
            html_body: Sourced::default(read.html_body),
            include: None,
            exclude: None,
            overrides: Vec::new(),
            named_rules: Vec::new(),
        }
    }
}

impl Config {
    /// Loads `path` and what it extends.
    pub fn load(path: &Path) -> Result<Self, Box<TomlError>> {
        let mut config = Self::default();
        let mut chain = Vec::new();
        collect_chain(path, &mut chain, 0)?;
        // The farthest ancestor first, so that closer files override it.
        for (file_path, text, file) in chain.iter().rev() {
            config.apply(file_path, text, file)?;
        }
        config.files = chain.into_iter().map(|(p, _, _)| p).collect();
        Ok(config)
    }

    /// The configuration file that applies to files in `dir`: the closest one upwards.
    #[must_use]
    pub fn find(dir: &Path) -> Option<PathBuf> {
        let start = absolute(dir);
        start
            .ancestors()
            .find_map(|d| FILE_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()))
    }

    /// The severity levels that apply to `path`: the configured ones, then the overrides
    /// whose globs match it.
    #[must_use]
    pub fn levels_for(&self, path: &Path) -> BTreeMap<String, Level> {
        let mut levels: BTreeMap<String, Level> = self
            .rules
            .iter()
            .map(|(k, v)| (k.clone(), v.value))
            .collect();
        for o in &self.overrides {
            if o.files.is_match(path) {
                levels.extend(o.rules.iter().map(|(k, v)| (k.clone(), *v)));
            }
        }
        levels
    }

    /// Whether a walked file is left out by `include`/`exclude`.
    #[must_use]
    pub fn excludes(&self, path: &Path) -> bool {
        if self
            .exclude
            .as_ref()
            .is_some_and(|g| g.value.is_match(path))
        {
            return true;
        }
        self.include
            .as_ref()
            .is_some_and(|g| !g.value.is_match(path))
    }

    fn apply(
        &mut self,
        path: &Path,
        text: &Arc<str>,
        file: &ConfigFile,
    ) -> Result<(), Box<TomlError>> {
        let name = path.display().to_string();
        let base = absolute(path.parent().unwrap_or(Path::new(".")));
        let origin = |span: std::ops::Range<usize>| {
            Origin::File(path.to_path_buf(), line_of(text, span.start))
        };
        let globs = |patterns: &[toml::Spanned<String>]| -> Result<Globs, Box<TomlError>> {
            let mut builder = GlobSetBuilder::new();
            for p in patterns {
                let glob = Glob::new(p.get_ref()).map_err(|e| {
                    Box::new(TomlError::new(
                        &name,
                        text,
                        p.span(),
                        format!("invalid glob `{}`: {}", p.get_ref(), e.kind()),
                        "this glob",
                    ))
                })?;
                builder.add(glob);
            }
            let set = builder
                .build()
                .map_err(|e| Box::new(TomlError::new(&name, text, 0..0, e.to_string(), "")))?;
            Ok(Globs {
                patterns: patterns.iter().map(|p| p.get_ref().clone()).collect(),
                base: base.clone(),
                set,
            })
        };
        if let Some(packs) = &file.packs {
            let first = packs.first().map_or(0, |s| s.span().start);
            let values = packs
                .iter()
                .map(|p| resolve_pack(p, &base, &name, text))
                .collect::<Result<_, _>>()?;
            self.packs = Sourced {
                value: values,
                origin: origin(first..first),
            };
        }
        let mut named: Vec<&toml::Spanned<String>> = file.rules.keys().collect();
        named.extend(file.overrides.iter().flat_map(|o| o.rules.keys()));
        named.sort_by_key(|id| id.span().start);
        self.named_rules
            .extend(named.into_iter().map(|id| NamedRule {
                id: id.get_ref().clone(),
                file: name.clone(),
                text: Arc::clone(text),
                span: id.span(),
            }));
        for (id, level) in &file.rules {
            // A file overrides what it extends: the extended files' overrides no longer
            // set a rule this file sets (their other rules still apply where they match).
            for earlier in &mut self.overrides {
                earlier.rules.remove(id.get_ref());
            }
            self.rules.insert(
                id.get_ref().clone(),
                Sourced {
                    value: *level.get_ref(),
                    origin: origin(level.span()),
                },
            );
        }
        if let Some(autolink) = &file.markdown.autolink {
            self.autolink = Sourced {
                value: *autolink.get_ref(),
                origin: origin(autolink.span()),
            };
        }
        if let Some(body) = &file.html.body {
            for selector in body {
                if scraper::Selector::parse(selector.get_ref()).is_err() {
                    return Err(Box::new(TomlError::new(
                        &name,
                        text,
                        selector.span(),
                        format!("`{}` is not a valid CSS selector", selector.get_ref()),
                        "this selector",
                    )));
                }
            }
            let first = body.first().map_or(0, |s| s.span().start);
            self.html_body = Sourced {
                value: body.iter().map(|s| s.get_ref().clone()).collect(),
                origin: origin(first..first),
            };
        }
        if let Some(include) = &file.files.include {
            let first = include.first().map_or(0, |s| s.span().start);
            self.include = Some(Sourced {
                value: globs(include)?,
                origin: origin(first..first),
            });
        }
        if let Some(exclude) = &file.files.exclude {
            let first = exclude.first().map_or(0, |s| s.span().start);
            self.exclude = Some(Sourced {
                value: globs(exclude)?,
                origin: origin(first..first),
            });
        }
        for o in &file.overrides {
            let first = o.files.first().map_or(0, |s| s.span().start);
            self.overrides.push(Override {
                files: globs(&o.files)?,
                rules: o
                    .rules
                    .iter()
                    .map(|(k, v)| (k.get_ref().clone(), *v.get_ref()))
                    .collect(),
                origin: origin(first..first),
            });
        }
        Ok(())
    }

    /// Checks that `engine` knows every rule id the files name; an unknown one is an error
    /// pointing at the id, in `[rules]` or in an override.
    pub fn validate_rules(&self, engine: &Engine) -> Result<(), Box<TomlError>> {
        let Some(unknown) = self.named_rules.iter().find(|n| !engine.knows(&n.id)) else {
            return Ok(());
        };
        let help = match engine.closest_rule(&unknown.id) {
            Some(closest) => {
                format!("use `{closest}`, the closest known id, or one `citelint rules` lists")
            }
            None => "use a rule id `citelint rules` lists".to_owned(),
        };
        Err(Box::new(
            TomlError::new(
                &unknown.file,
                &unknown.text,
                unknown.span.clone(),
                format!("unknown rule `{}`", unknown.id),
                "no loaded pack defines this rule",
            )
            .with_help(help),
        ))
    }
}

/// A pack reference of the file `name` (text `text`) in `base`: an embedded name stays as
/// it is; anything else is the path of a pack file relative to `base`, which must be
/// readable, or the error points at the reference.
fn resolve_pack(
    reference: &toml::Spanned<String>,
    base: &Path,
    name: &str,
    text: &Arc<str>,
) -> Result<String, Box<TomlError>> {
    let pack = reference.get_ref();
    if Engine::embedded(pack).is_some() {
        return Ok(pack.clone());
    }
    let path = base.join(pack);
    crate::fs::open_regular(&path).map_err(|error| {
        let message = format!("rule pack `{pack}` is neither an embedded pack nor a readable file");
        let label = format!("cannot read {}: {error}", path.display());
        let help = format!(
            "name an embedded pack ({}) or a pack file, relative to this configuration file",
            Engine::embedded_names()
        );
        Box::new(TomlError::new(name, text, reference.span(), message, label).with_help(help))
    })?;
    Ok(path.display().to_string())
}

type Loaded = (PathBuf, Arc<str>, ConfigFile);

fn collect_chain(path: &Path, chain: &mut Vec<Loaded>, depth: usize) -> Result<(), Box<TomlError>> {
    let name = path.display().to_string();
    let text: Arc<str> = match crate::fs::read_text_limited(path, crate::fs::MAX_DATA_FILE_SIZE) {
        Ok(text) => Arc::from(text),
        Err(error) => {
            return Err(Box::new(TomlError::unreadable(format!(
                "cannot read configuration {name}: {error}"
            ))));
        }
    };
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        Box::new(TomlError::new(
            &name,
            &text,
            e.span().unwrap_or(0..0),
            format!("invalid configuration: {}", e.message().trim()),
            "here",
        ))
    })?;
    let extend = file.extend.clone();
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if chain
        .iter()
        .any(|(p, _, _)| p.canonicalize().unwrap_or_else(|_| p.clone()) == canonical)
        || depth > MAX_EXTEND_DEPTH
    {
        let span = extend.as_ref().map_or(0..0, toml::Spanned::span);
        return Err(Box::new(TomlError::new(
            &name,
            &text,
            span,
            "`extend` makes a cycle".to_owned(),
            "extends a file already in the chain",
        )));
    }
    chain.push((path.to_path_buf(), Arc::clone(&text), file));
    if let Some(extend) = extend {
        let parent = path.parent().unwrap_or(Path::new("."));
        let target = parent.join(extend.get_ref());
        if !target.is_file() {
            return Err(Box::new(TomlError::new(
                &name,
                &text,
                extend.span(),
                format!("cannot find `{}` to extend", extend.get_ref()),
                "this file",
            )));
        }
        collect_chain(&target, chain, depth + 1)?;
    }
    Ok(())
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn closer_files_override_what_they_extend() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "citelint.toml",
            "[rules]\n\"a/b\" = \"warning\"\n\"a/c\" = \"off\"\n[markdown]\nautolink = false\n",
        );
        let child = write(
            dir.path(),
            "sub/citelint.toml",
            "extend = \"../citelint.toml\"\n[rules]\n\"a/b\" = \"error\"\n",
        );
        let config = Config::load(&child).unwrap();
        assert_eq!(config.rules["a/b"].value, Level::Error);
        assert_eq!(config.rules["a/c"].value, Level::Off);
        assert!(!config.autolink.value);
        assert!(matches!(&config.rules["a/b"].origin, Origin::File(p, 3) if p == &child));
        assert_eq!(config.files.len(), 2);
    }

    #[test]
    fn a_file_sets_a_rule_over_the_overrides_of_what_it_extends() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "citelint.toml",
            "[[overrides]]\nfiles = [\"**/*.md\"]\nrules = { \"a/b\" = \"warning\", \"a/c\" = \"warning\" }\n",
        );
        let child = write(
            dir.path(),
            "sub/citelint.toml",
            "extend = \"../citelint.toml\"\n[rules]\n\"a/b\" = \"off\"\n[[overrides]]\nfiles = [\"**/ads/*.md\"]\nrules = { \"a/b\" = \"error\" }\n",
        );
        let config = Config::load(&child).unwrap();
        let levels = config.levels_for(&dir.path().join("sub/x.md"));
        assert_eq!(levels["a/b"], Level::Off);
        assert_eq!(levels["a/c"], Level::Warning);
        // The file's own overrides still win over its rules.
        let levels = config.levels_for(&dir.path().join("sub/ads/x.md"));
        assert_eq!(levels["a/b"], Level::Error);
    }

    #[test]
    fn unknown_keys_point_at_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "citelint.toml",
            "[markdown]\nautolinks = true\n",
        );
        let error = Config::load(&path).unwrap_err();
        assert!(error.message().contains("autolinks"), "{}", error.message());
    }

    #[test]
    fn bad_values_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "citelint.toml",
            "[rules]\n\"a/b\" = \"fatal\"\n",
        );
        assert!(Config::load(&path).unwrap_err().message().contains("fatal"));
        let path = write(
            dir.path(),
            "citelint.toml",
            "[html]\nbody = [\"article[\"]\n",
        );
        assert!(
            Config::load(&path)
                .unwrap_err()
                .message()
                .contains("selector")
        );
        let path = write(
            dir.path(),
            "citelint.toml",
            "[files]\nexclude = [\"a/[\"]\n",
        );
        assert!(Config::load(&path).unwrap_err().message().contains("glob"));
    }

    #[test]
    fn extend_cycles_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "citelint.toml", "extend = \"citelint.toml\"\n");
        assert!(Config::load(&path).unwrap_err().message().contains("cycle"));
    }

    #[test]
    fn overrides_and_excludes_match_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "citelint.toml",
            "[files]\nexclude = [\"content/archive/**\"]\n[[overrides]]\nfiles = [\"content/ads/**\"]\nrules = { \"a/b\" = \"note\" }\n",
        );
        let config = Config::load(&path).unwrap();
        assert!(config.excludes(&dir.path().join("content/archive/old.md")));
        assert!(!config.excludes(&dir.path().join("content/new.md")));
        assert_eq!(
            config.levels_for(&dir.path().join("content/ads/x.md"))["a/b"],
            Level::Note
        );
        assert!(
            config
                .levels_for(&dir.path().join("content/x.md"))
                .is_empty()
        );
    }

    #[test]
    fn the_closest_file_is_found_upwards() {
        let dir = tempfile::tempdir().unwrap();
        let top = write(dir.path(), ".citelint.toml", "");
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        assert_eq!(Config::find(&dir.path().join("a/b")).unwrap(), top);
    }
}
