//! Rule packs: the on-disk TOML shape, and its compilation into validated rules.
//!
//! A pack is read into the `Raw*` serde types (unknown keys rejected), then compiled: cue
//! patterns become one regex per pack, domains are checked, registries are resolved. Any
//! error points at the span in the TOML it comes from.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::citation::SourceMatcher;
use super::kinds::{self, KindParams};
use super::{Severity, registry};

/// A rule pack that cannot be used, with the span in its TOML.
pub type PackError = crate::error::TomlError;

/// The TOML shape of a rule pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPack {
    /// Name, title, version and description of the pack.
    pack: RawHeader,
    /// The source whose terms the pack encodes.
    source: RawSource,
    /// The rules.
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHeader {
    /// Short kebab-case name (`ukrinform`); rule ids start with it.
    name: Spanned<String>,
    /// Human title.
    title: String,
    /// The pack's own version.
    version: String,
    /// One paragraph on what the pack checks.
    description: String,
}

/// The TOML shape of a pack's source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawSource {
    /// How the source names itself (`Ukrinform`).
    pub name: String,
    /// Registrable domains of the source's websites.
    pub domains: Spanned<Vec<Spanned<String>>>,
    /// Other domains of the source that are not its websites (asset hosts).
    #[serde(default)]
    pub related_domains: Vec<Spanned<String>>,
    /// The domain to suggest by the script of the citation: `latin`, `cyrillic`, `japanese`.
    #[serde(default)]
    pub script_domains: std::collections::BTreeMap<String, String>,
    /// The domain to suggest when the citation names the source by one of these forms (the
    /// Russian spelling, where Cyrillic script alone would suggest the Ukrainian edition).
    #[serde(default)]
    pub form_domains: std::collections::BTreeMap<String, String>,
    /// The domain to suggest for a document that declares its language (`<html lang>`,
    /// `og:locale`, front matter `lang`, `language` or `locale`), by its primary subtag.
    #[serde(default)]
    pub language_domains: std::collections::BTreeMap<String, String>,
    /// Name forms (stems) that texts use for the source.
    pub name_forms: Spanned<Vec<Spanned<String>>>,
    /// Metadata keys naming the material's source.
    #[serde(default)]
    pub meta_keys: Vec<String>,
    /// Citation cue patterns with a `{source}` placeholder.
    #[serde(default)]
    pub cues: Vec<Spanned<String>>,
    /// Citation cue patterns that name the source's staff (`a Ukrinform correspondent`):
    /// cues of the source, but not of an outlet named in its place, which is only a
    /// person's employer (`a Reuters journalist was wounded`).
    #[serde(default)]
    pub staff_cues: Vec<Spanned<String>>,
    /// Copyright line patterns with a `{source}` placeholder.
    #[serde(default)]
    pub copyright: Vec<Spanned<String>>,
    /// Words that make the name the topic of a clause, not its source (`про`, `about`).
    #[serde(default)]
    pub topic_words: Vec<String>,
    /// Prepositions of two words whose second is a topic word, which together attribute
    /// (`відповідно до`: `відповідно до повідомлення Укрінформу`, "according to").
    #[serde(default)]
    pub compound_prepositions: Vec<String>,
    /// Words that stand for something said before (`це`, `this`): a topic word before one
    /// is about that, not the name after it.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Words that make the name right after them a place where something was said, not
    /// its source (`у пресцентрі Укрінформу`).
    #[serde(default)]
    pub venue_words: Vec<String>,
    /// Prepositions of place, which make a name in one of the `locatives` right after them
    /// a place (`в Укрінформі`).
    #[serde(default)]
    pub place_prepositions: Vec<String>,
    /// Forms of the name that, after a preposition of place, say where (`Укрінформі`).
    #[serde(default)]
    pub locatives: Vec<String>,
    /// Endings of a verb in the plural: one right before the preposition or right after
    /// the locative makes the place's people the speaker (`пишуть в Укрінформі`).
    #[serde(default)]
    pub speaker_endings: Vec<String>,
    /// Endings of an infinitive: one of six letters at least right before the name in its
    /// bare form makes the name its object (`реорганізувати Укрінформ`), no source.
    #[serde(default)]
    pub infinitive_endings: Vec<String>,
    /// Words for a post, as the one who holds it is a sentence's subject: one right before
    /// the name makes the name a person's employer and the person the speaker (`заявив
    /// генеральний директор Укрінформу`).
    #[serde(default)]
    pub title_words: Vec<String>,
    /// Possessives that, right after a cue that names the source first, make its verb an act
    /// on the source's own thing (`Укрінформ передає свій фотоархів музею`), no report.
    #[serde(default)]
    pub own_words: Vec<String>,
    /// Words that, right after a staff cue (and a person's name after it), make the staff
    /// member the news's subject, not its reporter (`A Ukrinform journalist was injured`).
    /// A phrase of several words is matched word by word.
    #[serde(default)]
    pub subject_words: Vec<String>,
    /// Words that, in the clause after a staff member's `subject-words`, make the staff member
    /// the reporter after all (`was at the scene and reported that…`, `was told by…`).
    #[serde(default)]
    pub reporting_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Spanned<String>,
    kind: Spanned<String>,
    severity: Spanned<String>,
    summary: String,
    message: String,
    help: String,
    since: String,
    rationale: String,
    terms: String,
    terms_url: String,
    #[serde(default)]
    params: Option<Spanned<toml::Table>>,
    #[serde(default)]
    examples: RawExamples,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    pass: Vec<String>,
    #[serde(default)]
    fail: Vec<String>,
}

/// The kinds of rule a pack can use. Sorted; each is implemented in `rules/kinds/`.
pub const RULE_KINDS: &[(&str, &str)] = &[
    (
        "link-position",
        "a hyperlink to the source must stand in or above paragraph N",
    ),
    (
        "link-text-mismatch",
        "a link whose text names the source must lead to it",
    ),
    ("lookalike-link", "no link may imitate the source's domains"),
    (
        "paired-link",
        "material the source translated needs a link to the original outlet too",
    ),
    (
        "required-label",
        "labelled material keeps its label up top and its protected text intact",
    ),
];

/// A rule kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// `link-position`.
    LinkPosition,
    /// `link-text-mismatch`.
    LinkTextMismatch,
    /// `lookalike-link`.
    LookalikeLink,
    /// `paired-link`.
    PairedLink,
    /// `required-label`.
    RequiredLabel,
}

impl RuleKind {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "link-position" => Self::LinkPosition,
            "link-text-mismatch" => Self::LinkTextMismatch,
            "lookalike-link" => Self::LookalikeLink,
            "paired-link" => Self::PairedLink,
            "required-label" => Self::RequiredLabel,
            _ => return None,
        })
    }

    /// The kind's name in packs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::LinkPosition => "link-position",
            Self::LinkTextMismatch => "link-text-mismatch",
            Self::LookalikeLink => "lookalike-link",
            Self::PairedLink => "paired-link",
            Self::RequiredLabel => "required-label",
        }
    }
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// The rule id.
    pub id: Arc<str>,
    /// The rule kind.
    pub kind: RuleKind,
    /// Default severity.
    pub severity: Severity,
    /// One line for `citelint rules`.
    pub summary: String,
    /// Message template.
    pub message: String,
    /// Help template.
    pub help: String,
    /// The version that introduced the rule.
    pub since: String,
    /// Why the rule exists.
    pub rationale: String,
    /// The terms it encodes, verbatim.
    pub terms: String,
    /// Where the terms come from.
    pub terms_url: String,
    /// Documents that must pass.
    pub pass: Vec<String>,
    /// Documents that must fire this rule.
    pub fail: Vec<String>,
    pub(crate) params: KindParams,
}

/// A compiled rule pack.
#[derive(Debug)]
pub struct Pack {
    /// The pack's name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// What it checks.
    pub description: String,
    /// The source's name.
    pub source_name: String,
    /// The rules, in pack order.
    pub rules: Vec<Rule>,
    pub(crate) source: SourceMatcher,
}

impl Pack {
    /// The domain to name where no text says which edition fits: the one for the script
    /// of the source's own name, else its first.
    #[must_use]
    pub fn default_domain(&self) -> &str {
        self.source
            .domain_for(&self.source_name)
            .or_else(|| self.source.domains.first().map(String::as_str))
            .unwrap_or_default()
    }
}

/// Loads and compiles a pack from its TOML text; `name` names it in errors (a path or
/// `embedded:ukrinform`).
pub fn load(name: &str, text: &str) -> Result<Pack, Box<PackError>> {
    load_as(name, text, false)
}

/// [`load`] for an embedded pack, whose patterns the test suite compiles: its largest
/// patterns compile when a document first needs them.
pub(crate) fn load_embedded(name: &str, text: &str) -> Result<Pack, Box<PackError>> {
    load_as(name, text, true)
}

fn load_as(name: &str, text: &str, trusted: bool) -> Result<Pack, Box<PackError>> {
    let shared: Arc<str> = Arc::from(text);
    let err = |span, message: String, label: &str| {
        Box::new(PackError::new(name, &shared, span, message, label))
    };
    let raw: RawPack = toml::from_str(text).map_err(|e| {
        err(
            e.span().unwrap_or(0..0),
            format!("invalid rule pack: {}", e.message()),
            "here",
        )
    })?;
    let pack_name = raw.pack.name.get_ref().clone();
    if !is_kebab(&pack_name) {
        return Err(err(
            raw.pack.name.span(),
            format!("pack name `{pack_name}` is not kebab-case"),
            "this name",
        ));
    }
    // Registries the rules name start building now, alongside the source's patterns.
    for rule in &raw.rule {
        if let Some(name) = rule
            .get_ref()
            .params
            .as_ref()
            .and_then(|p| p.get_ref().get("registry"))
            .and_then(toml::Value::as_str)
        {
            let _ = registry::registry(name);
        }
    }
    let source = SourceMatcher::compile(&raw.source, trusted, &|span, message| {
        err(span, message, "here")
    })?;
    let mut seen = HashSet::new();
    let mut rules = Vec::new();
    for spanned in raw.rule {
        let rule_span = spanned.span();
        let raw_rule = spanned.into_inner();
        let id = raw_rule.id.get_ref().clone();
        let expected = format!("{pack_name}/");
        if !id.starts_with(&expected) || !is_kebab(&id[expected.len()..]) {
            return Err(err(
                raw_rule.id.span(),
                format!("rule id `{id}` must be `{pack_name}/` followed by a kebab-case name"),
                "this id",
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(err(
                raw_rule.id.span(),
                format!("duplicate rule id `{id}`"),
                "defined again here",
            ));
        }
        let Some(kind) = RuleKind::parse(raw_rule.kind.get_ref()) else {
            let known: Vec<&str> = RULE_KINDS.iter().map(|(k, _)| *k).collect();
            return Err(Box::new(
                PackError::new(
                    name,
                    &shared,
                    raw_rule.kind.span(),
                    format!("unknown rule kind `{}`", raw_rule.kind.get_ref()),
                    "this kind",
                )
                .with_help(format!("use one of: {}", known.join(", "))),
            ));
        };
        let severity = raw_rule
            .severity
            .get_ref()
            .parse::<Severity>()
            .map_err(|message| err(raw_rule.severity.span(), message, "this severity"))?;
        let (params_span, params) = match raw_rule.params {
            Some(p) => (p.span(), p.into_inner()),
            None => (rule_span.clone(), toml::Table::new()),
        };
        let params = kinds::compile(
            kind,
            params,
            &source,
            &|message, inner: Option<std::ops::Range<usize>>| {
                err(
                    inner.unwrap_or_else(|| params_span.clone()),
                    message,
                    "in these parameters",
                )
            },
            registry::registry,
        )?;
        rules.push(Rule {
            id: Arc::from(id),
            kind,
            severity,
            summary: raw_rule.summary,
            message: raw_rule.message,
            help: raw_rule.help,
            since: raw_rule.since,
            rationale: raw_rule.rationale.trim().to_owned(),
            terms: raw_rule.terms,
            terms_url: raw_rule.terms_url,
            pass: raw_rule.examples.pass,
            fail: raw_rule.examples.fail,
            params,
        });
    }
    Ok(Pack {
        name: pack_name,
        title: raw.pack.title,
        version: raw.pack.version,
        description: raw.pack.description,
        source_name: raw.source.name.clone(),
        rules,
        source,
    })
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[pack]
name = "demo"
title = "Demo"
version = "1"
description = "d"
[source]
name = "Demo"
domains = ["demo.example"]
name-forms = ["Demo"]
cues = ['according to {source}']
"#;

    fn with_rule(rule: &str) -> String {
        format!("{MINIMAL}\n{rule}")
    }

    const RULE: &str = r#"
[[rule]]
id = "demo/first-paragraph-link"
kind = "link-position"
severity = "error"
summary = "s"
message = "m"
help = "h"
since = "0.1.0"
rationale = "r"
terms = "t"
terms-url = "https://demo.example/"
"#;

    #[test]
    fn a_minimal_pack_loads() {
        let pack = load("demo.toml", &with_rule(RULE)).unwrap();
        assert_eq!(pack.rules[0].kind, RuleKind::LinkPosition);
    }

    #[test]
    fn unknown_keys_point_into_the_toml() {
        let text = with_rule(&RULE.replace("since =", "sinse ="));
        let error = load("demo.toml", &text).unwrap_err();
        assert!(error.message().contains("sinse"), "{}", error.message());
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let text = with_rule(&format!("{RULE}\n{RULE}"));
        let error = load("demo.toml", &text).unwrap_err();
        assert!(error.message().contains("duplicate rule id"));
    }

    #[test]
    fn unknown_kinds_are_rejected_with_the_known_ones_in_help() {
        let text = with_rule(&RULE.replace("link-position", "link-everywhere"));
        let error = load("demo.toml", &text).unwrap_err();
        assert!(error.message().contains("unknown rule kind"));
        assert!(error.help_text().unwrap().contains("paired-link"));
    }

    #[test]
    fn invalid_patterns_are_rejected() {
        let text = with_rule(RULE).replace("'according to {source}'", "'according to ({source}'");
        let error = load("demo.toml", &text).unwrap_err();
        assert!(error.message().contains("pattern"), "{}", error.message());
    }

    #[test]
    fn invalid_domains_are_rejected() {
        let text = with_rule(RULE).replace("\"demo.example\"", "\"demo example\"");
        let error = load("demo.toml", &text).unwrap_err();
        assert!(error.message().contains("domain"), "{}", error.message());
    }
}
