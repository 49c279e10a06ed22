//! The engine: runs every enabled rule of every loaded pack over a document.

use std::collections::HashMap;
use std::sync::Arc;

use super::citation::Citation;
use super::kinds::{self, Context};
use super::pack::{self, Pack, PackError, Rule};
use super::registry::PACKS;
use super::{Finding, Label, Severity, suppress};
use crate::document::Document;

/// A rule's severity as configured: a severity, or off.
pub type Level = Option<Severity>;

/// Rule packs plus the severities the configuration sets.
#[derive(Debug, Default)]
pub struct Engine {
    packs: Vec<Pack>,
    levels: HashMap<String, Level>,
}

impl Engine {
    /// An engine with the embedded packs.
    pub fn with_embedded() -> Result<Self, Box<PackError>> {
        let mut engine = Self::default();
        for (name, text) in PACKS {
            engine.add(pack::load(&format!("embedded:{name}"), text)?);
        }
        Ok(engine)
    }

    /// The text of an embedded pack.
    #[must_use]
    pub fn embedded(name: &str) -> Option<&'static str> {
        PACKS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// Adds a pack; a pack of the same name replaces the earlier one.
    pub fn add(&mut self, pack: Pack) {
        self.packs.retain(|p| p.name != pack.name);
        self.packs.push(pack);
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
        self.packs.iter().flat_map(move |p| p.rules.iter().map(move |r| (p, r, self.level(r))))
    }

    /// Finds a rule by id.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<(&Pack, &Rule)> {
        self.packs.iter().find_map(|p| p.rules.iter().find(|r| &*r.id == id).map(|r| (p, r)))
    }

    fn level(&self, rule: &Rule) -> Level {
        self.levels.get(&*rule.id).copied().unwrap_or(Some(rule.severity))
    }

    fn level_of(&self, id: &str, default: Severity) -> Level {
        self.levels.get(id).copied().unwrap_or(Some(default))
    }

    /// Checks a document: every enabled rule, model problems, then inline suppressions.
    /// Findings come sorted by position.
    #[must_use]
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let mut findings = Vec::new();
        if let Some(severity) = self.level_of("citelint/front-matter", Severity::Warning) {
            for problem in &doc.problems {
                let rule: Arc<str> = Arc::from(problem.id);
                findings.push(
                    Finding::new(&rule, severity, problem.message.clone(), Label::new(problem.span.clone(), "here"))
                        .with_help(problem.help.clone()),
                );
            }
        }
        for pack in &self.packs {
            let enabled: Vec<(&Rule, Severity)> =
                pack.rules.iter().filter_map(|r| self.level(r).map(|s| (r, s))).collect();
            if enabled.is_empty() {
                continue;
            }
            let citations: Vec<Citation> = if enabled.iter().any(|(r, _)| kinds::needs_citation(r.kind)) {
                pack.source.find_citations(doc)
            } else {
                Vec::new()
            };
            let ctx = Context { doc, source: &pack.source, citations: &citations };
            for (rule, severity) in enabled {
                for mut finding in kinds::check(rule, &ctx) {
                    finding.severity = severity;
                    findings.push(finding);
                }
            }
        }
        let mut findings = suppress::apply(doc, findings, self.level_of(suppress::UNUSED, Severity::Warning));
        sort(&mut findings);
        findings
    }
}

/// Sorts findings by position, then rule id, so output never depends on rule order.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.primary.span.start, a.primary.span.end, &a.rule, &a.message)
            .cmp(&(b.primary.span.start, b.primary.span.end, &b.rule, &b.message))
    });
}
