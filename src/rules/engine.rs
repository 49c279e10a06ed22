//! The engine: runs every enabled rule of every loaded pack over a document.

use std::collections::HashMap;
use std::sync::Arc;

use super::host::distance;
use super::kinds::{self, Context};
use super::pack::{self, Pack, PackError, Rule};
use super::prefilter::Prefilter;
use super::registry::PACKS;
use super::{Finding, Label, Severity, suppress};
use crate::document::Document;

/// A rule's severity as configured: a severity, or off.
pub type Level = Option<Severity>;

/// One of citelint's own diagnostics, which no pack defines.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The rule id findings carry (`citelint/io-error`).
    pub id: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// What it reports, in one line.
    pub summary: &'static str,
    /// How to fix what it reports.
    pub help: &'static str,
    /// Why it is reported.
    pub rationale: &'static str,
}

/// citelint's own diagnostics.
pub const BUILTIN_RULES: &[Builtin] = &[
    Builtin {
        id: "citelint/front-matter",
        severity: Severity::Warning,
        summary: "front matter is malformed (the body is still checked)",
        help: "fix the front matter so it parses, or close it with its opening fence",
        rationale: "Front matter that does not parse may hide the source of the material \
                    (`source`, `canonical_url`) or a setting for citelint; the body is \
                    checked without it.",
    },
    Builtin {
        id: "citelint/io-error",
        severity: Severity::Error,
        summary: "a file cannot be read or decoded",
        help: "check that the file exists, is readable and is text in a supported encoding",
        rationale: "A file that cannot be read cannot be checked, so the run must not pass \
                    as if it had been; the other files are still checked.",
    },
    Builtin {
        id: "citelint/unused-suppression",
        severity: Severity::Warning,
        summary: "an inline suppression suppresses nothing",
        help: "remove the comment, or fix the rule id it names",
        rationale: "A suppression that matches no finding is stale or misspelt, and would \
                    silently hide a later violation of the rule it names.",
    },
];

/// The built-in diagnostic `id`, if it is one.
#[must_use]
pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTIN_RULES.iter().find(|b| b.id == id)
}

/// Rule packs plus the severities the configuration sets.
#[derive(Debug, Default)]
pub struct Engine {
    packs: Vec<Pack>,
    levels: HashMap<String, Level>,
    prefilter: std::sync::OnceLock<Prefilter>,
}

impl Engine {
    /// An engine with the embedded packs.
    pub fn with_embedded() -> Result<Self, Box<PackError>> {
        let mut engine = Self::default();
        for (name, text) in PACKS {
            engine.add(pack::load_embedded(&format!("embedded:{name}"), text)?);
        }
        Ok(engine)
    }

    /// The text of an embedded pack.
    #[must_use]
    pub fn embedded(name: &str) -> Option<&'static str> {
        PACKS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The names of the embedded packs, for messages: `ukrinform, …`.
    #[must_use]
    pub fn embedded_names() -> String {
        let names: Vec<&str> = PACKS.iter().map(|(n, _)| *n).collect();
        names.join(", ")
    }

    /// Compiles the cue sets that every pack compiles when first used (see
    /// [`super::prepare_patterns`]).
    pub(crate) fn prepare(&self) {
        for pack in &self.packs {
            pack.source.prepare();
            for rule in &pack.rules {
                rule.params.prepare();
            }
        }
    }

    /// Adds a pack; a pack of the same name replaces the earlier one.
    pub fn add(&mut self, pack: Pack) {
        self.packs.retain(|p| p.name != pack.name);
        self.packs.push(pack);
        self.prefilter = std::sync::OnceLock::new();
    }

    /// Whether any rule might fire on a document with this text; `false` proves that none
    /// can, so the document need not be parsed (see the prefilter module).
    #[must_use]
    pub fn may_fire(&self, text: &str) -> bool {
        let prefilter = self.prefilter.get_or_init(|| {
            let sources: Vec<_> = self.packs.iter().map(|p| &p.source).collect();
            Prefilter::new(&sources)
        });
        prefilter.may_fire(text)
    }

    /// Sets a rule's severity, or turns it off with `None`.
    pub fn set_level(&mut self, rule: &str, level: Level) {
        self.levels.insert(rule.to_owned(), level);
    }

    /// The loaded packs.
    #[must_use]
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Every rule of every pack, with its effective severity (`None` if off).
    pub fn rules(&self) -> impl Iterator<Item = (&Pack, &Rule, Level)> {
        self.packs
            .iter()
            .flat_map(move |p| p.rules.iter().map(move |r| (p, r, self.level(r))))
    }

    /// The effective severity of the built-in diagnostic `builtin` (`None` if off).
    #[must_use]
    pub fn builtin_level(&self, builtin: &Builtin) -> Level {
        self.levels
            .get(builtin.id)
            .copied()
            .unwrap_or(Some(builtin.severity))
    }

    /// Finds a rule by id.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<(&Pack, &Rule)> {
        self.packs
            .iter()
            .find_map(|p| p.rules.iter().find(|r| &*r.id == id).map(|r| (p, r)))
    }

    fn level(&self, rule: &Rule) -> Level {
        self.levels
            .get(&*rule.id)
            .copied()
            .unwrap_or(Some(rule.severity))
    }

    /// Loads the packs named in a configuration: embedded names or paths to TOML files.
    pub fn from_packs(packs: &[String]) -> Result<Self, Box<PackError>> {
        let mut engine = Self::default();
        for reference in packs {
            if let Some(text) = Self::embedded(reference) {
                engine.add(pack::load_embedded(&format!("embedded:{reference}"), text)?);
                continue;
            }
            let text = crate::fs::read_text_limited(
                std::path::Path::new(reference),
                crate::fs::MAX_DATA_FILE_SIZE,
            )
            .map_err(|e| {
                Box::new(
                    PackError::unreadable(format!("cannot read rule pack {reference}: {e}"))
                        .with_help(format!(
                            "give the path of a rule pack file, or an embedded pack: {}",
                            Self::embedded_names()
                        )),
                )
            })?;
            engine.add(pack::load(reference, &text)?);
        }
        Ok(engine)
    }

    /// Whether `id` names a rule of a loaded pack or one of citelint's own.
    #[must_use]
    pub fn knows(&self, id: &str) -> bool {
        builtin(id).is_some() || self.rule(id).is_some()
    }

    /// The known rule id closest to `id`, a likely misspelling of it, for a suggestion.
    #[must_use]
    pub fn closest_rule(&self, id: &str) -> Option<&str> {
        let len = id.chars().count();
        let allowed = (len / 5).max(1);
        BUILTIN_RULES
            .iter()
            .map(|b| b.id)
            .chain(self.rules().map(|(_, r, _)| &*r.id))
            // Lengths apart by more than the allowance cannot be close; skipping them keeps
            // the distance computation off long ids.
            .filter(|known| known.chars().count().abs_diff(len) <= allowed)
            .map(|known| (distance(id, known), known))
            .filter(|(d, _)| *d <= allowed)
            .min_by_key(|(d, _)| *d)
            .map(|(_, known)| known)
    }

    /// Checks a document: every enabled rule, model problems, then inline suppressions.
    /// Findings come sorted by position.
    #[must_use]
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        self.check_with(doc, &HashMap::new())
    }

    /// Checks a document with severities `levels` overriding the engine's own.
    #[must_use]
    pub fn check_with(&self, doc: &Document, levels: &HashMap<String, Level>) -> Vec<Finding> {
        let level_of = |id: &str, default: Severity| -> Level {
            levels
                .get(id)
                .copied()
                .unwrap_or_else(|| self.levels.get(id).copied().unwrap_or(Some(default)))
        };
        let mut findings = Vec::new();
        if let Some(severity) = level_of("citelint/front-matter", Severity::Warning) {
            for problem in &doc.problems {
                let rule: Arc<str> = Arc::from(problem.id);
                findings.push(
                    Finding::new(
                        &rule,
                        severity,
                        problem.message.clone(),
                        Label::new(problem.span.clone(), "here"),
                    )
                    .with_help(problem.help.clone()),
                );
            }
        }
        for pack in &self.packs {
            let enabled: Vec<(&Rule, Severity)> = pack
                .rules
                .iter()
                .filter_map(|r| level_of(&r.id, r.severity).map(|s| (r, s)))
                .collect();
            if enabled.is_empty() {
                continue;
            }
            let ctx = Context::new(doc, &pack.source);
            for (rule, severity) in enabled {
                for mut finding in kinds::check(rule, &ctx) {
                    finding.severity = severity;
                    findings.push(finding);
                }
            }
        }
        // A misspelt id names no rule: the closest known one is suggested.
        let suggest = |id: &str| (!self.knows(id)).then(|| self.closest_rule(id)).flatten();
        let mut findings = suppress::apply(
            doc,
            findings,
            level_of(suppress::UNUSED, Severity::Warning),
            &suggest,
        );
        sort(&mut findings);
        findings
    }
}

/// Sorts findings by position, then rule id, so output never depends on rule order.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            a.primary.span.start,
            a.primary.span.end,
            &a.rule,
            &a.message,
        )
            .cmp(&(
                b.primary.span.start,
                b.primary.span.end,
                &b.rule,
                &b.message,
            ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Embedded packs compile their largest patterns when first used, and would lose a
    /// pattern that failed then; compiled as any other pack, every one of them must build.
    #[test]
    fn every_embedded_pack_compiles_as_an_untrusted_pack_would() {
        for (name, text) in PACKS {
            if let Err(error) = pack::load(name, text) {
                panic!("{name}: {error:?}");
            }
        }
        let engine = Engine::with_embedded().unwrap();
        for pack in engine.packs() {
            assert!(pack.source.has_cues(), "{}", pack.name);
        }
    }

    #[test]
    fn the_closest_rule_is_a_likely_misspelling_or_none() {
        let engine = Engine::with_embedded().unwrap();
        assert_eq!(
            engine.closest_rule("ukrinform/first-paragraph-lnk"),
            Some("ukrinform/first-paragraph-link")
        );
        assert_eq!(
            engine.closest_rule("citelint/io-eror"),
            Some("citelint/io-error")
        );
        assert_eq!(engine.closest_rule("ukrinform/foo"), None);
        assert_eq!(engine.closest_rule(&"u".repeat(100_000)), None);
    }
}
