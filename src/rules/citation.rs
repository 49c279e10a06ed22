//! Whether, and where, a document cites a pack's source (SPEC §4.1).
//!
//! A [`SourceMatcher`] is compiled once per pack: the name forms become one pattern, the
//! citation cues one case-insensitive regex, the domains a host test. Per document it finds
//! every citation: cues in body text, links and bare URLs to the source's domains, metadata
//! naming it, and its copyright line.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};

use super::host;
use super::pack::{PackError, RawSource};
use crate::document::{Document, Span};

/// Upper bound on the compiled size of one pack pattern: packs are untrusted input.
const REGEX_SIZE_LIMIT: usize = 8 << 20;

/// What kind of evidence a citation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CitationKind {
    /// A phrase attributing material to the source.
    Cue,
    /// A hyperlink to one of the source's domains.
    Link,
    /// A URL or domain of the source written as text.
    Url,
    /// Front matter or an HTML head signal naming the source.
    Meta,
    /// The source's copyright line.
    Copyright,
}

/// One piece of evidence that the document cites the source.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    pub span: Span,
    pub kind: CitationKind,
    /// The block it stands in, if any.
    pub block: Option<usize>,
    /// For a `Url`, `Link` or `Meta` citation, the source URL it names.
    pub url: Option<String>,
}

impl Citation {
    /// A short label for the citation's span.
    pub(crate) fn label(&self, source: &str) -> String {
        match self.kind {
            CitationKind::Cue => format!("{source} is cited here"),
            CitationKind::Link => format!("{source} is linked here"),
            CitationKind::Url => format!("{source}'s address is written here"),
            CitationKind::Meta => format!("the metadata names {source} as the source"),
            CitationKind::Copyright => format!("{source}'s copyright line"),
        }
    }
}

/// A pack's source, compiled for matching.
#[derive(Debug)]
pub(crate) struct SourceMatcher {
    /// The source's name (`Ukrinform`).
    pub name: String,
    /// Its domains, lower-case ASCII (punycode).
    pub domains: Vec<String>,
    /// Related domains that are the source's but not its websites.
    pub related: Vec<String>,
    /// The distinctive first labels of the domains (`ukrinform`).
    pub brands: Vec<String>,
    /// The domain to suggest by script of the citing text.
    script_domains: Vec<(Script, String)>,
    /// The pattern that stands for `{source}` in cue patterns.
    name_pattern: String,
    names: Regex,
    /// Every literal a citation of the source must contain (name stems in their case forms,
    /// domain brands): a block without one cannot hold a citation, so the regexes skip it.
    literals: AhoCorasick,
    /// The name forms as written in the pack.
    forms: Vec<String>,
    cues: Option<Regex>,
    copyright: Option<Regex>,
    domain_text: Regex,
    meta_keys: Vec<String>,
}

impl SourceMatcher {
    /// Compiles a pack's `[source]` table; `err` builds an error at a span of the TOML.
    pub(crate) fn compile(
        raw: &RawSource,
        err: &dyn Fn(std::ops::Range<usize>, String) -> Box<PackError>,
    ) -> Result<Self, Box<PackError>> {
        let mut domains = Vec::new();
        for domain in raw.domains.get_ref() {
            domains.push(host::parse_domain(domain.get_ref()).map_err(|m| err(domain.span(), m))?);
        }
        if domains.is_empty() {
            return Err(err(
                raw.domains.span(),
                "a source needs at least one domain".into(),
            ));
        }
        let mut related = Vec::new();
        for domain in &raw.related_domains {
            related.push(host::parse_domain(domain.get_ref()).map_err(|m| err(domain.span(), m))?);
        }
        let mut brands: Vec<String> = domains
            .iter()
            .filter_map(|d| d.split('.').next().map(str::to_owned))
            .collect();
        brands.sort();
        brands.dedup();

        let forms = raw.name_forms.get_ref();
        if forms.is_empty() {
            return Err(err(
                raw.name_forms.span(),
                "a source needs at least one name form".into(),
            ));
        }
        let mut alternatives = Vec::new();
        for form in forms {
            let text = form.get_ref().trim();
            if text.is_empty() {
                return Err(err(form.span(), "a name form cannot be empty".into()));
            }
            let escaped = regex::escape(text);
            let alphabetic = text
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() && (c.is_ascii() || is_cyrillic(c)));
            if alphabetic {
                alternatives.push(format!(r"\b{escaped}[a-zа-яёіїєґ]{{0,4}}"));
            } else {
                alternatives.push(escaped);
            }
        }
        let name_pattern = format!(
            r#"(?:[«"“„][ \t]?)?(?:{})(?:['’]s\b)?(?:[ \t]?[»"”])?"#,
            alternatives.join("|")
        );
        let names = build(&format!("(?i){name_pattern}")).map_err(|m| {
            err(
                raw.name_forms.span(),
                format!("name forms do not make a valid pattern: {m}"),
            )
        })?;

        let mut script_domains = Vec::new();
        for (script, domain) in &raw.script_domains {
            let script = match script.as_str() {
                "latin" => Script::Latin,
                "cyrillic" => Script::Cyrillic,
                "japanese" => Script::Japanese,
                other => {
                    return Err(err(
                        raw.domains.span(),
                        format!(
                            "unknown script `{other}` in script-domains (latin, cyrillic, japanese)"
                        ),
                    ));
                }
            };
            let domain = host::parse_domain(domain).map_err(|m| err(raw.domains.span(), m))?;
            script_domains.push((script, domain));
        }
        let mut literals: Vec<String> = Vec::new();
        for form in forms {
            let text = form.get_ref().trim();
            let lower = text.to_lowercase();
            let upper = text.to_uppercase();
            let mut chars = lower.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            literals.extend([text.to_owned(), lower, upper, capital]);
        }
        literals.extend(brands.iter().cloned());
        literals.sort();
        literals.dedup();
        let literals = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostFirst)
            .build(&literals)
            .map_err(|e| {
                err(
                    raw.name_forms.span(),
                    format!("name forms do not build a matcher: {e}"),
                )
            })?;
        let mut matcher = Self {
            forms: forms
                .iter()
                .map(|f| f.get_ref().trim().to_owned())
                .collect(),
            literals,
            script_domains,
            name: raw.name.clone(),
            domains,
            related,
            brands,
            name_pattern,
            names,
            cues: None,
            copyright: None,
            domain_text: Regex::new("$^").expect("empty pattern"),
            meta_keys: raw.meta_keys.iter().map(|k| k.to_lowercase()).collect(),
        };
        matcher.cues = matcher.compile_set(&raw.cues, err)?;
        matcher.copyright = matcher.compile_set(&raw.copyright, err)?;
        let domain_alternatives: Vec<String> =
            matcher.domains.iter().map(|d| regex::escape(d)).collect();
        matcher.domain_text = build(&format!(
            r"(?i)(?:\bhttps?://)?\b(?:[a-z0-9-]+\.)*(?:{})\b\.?(?:/[^\s<>()\[\]]*)?",
            domain_alternatives.join("|")
        ))
        .map_err(|m| err(raw.domains.span(), m))?;
        Ok(matcher)
    }

    /// The domain to suggest for a citation written as `text`.
    pub(crate) fn domain_for(&self, text: &str) -> Option<&str> {
        let script = text.chars().find_map(Script::of)?;
        self.script_domains
            .iter()
            .find(|(s, _)| *s == script)
            .map(|(_, d)| d.as_str())
    }

    /// Replaces `{source}` in a pattern with the name pattern.
    pub(crate) fn expand(&self, pattern: &str) -> String {
        pattern.replace("{source}", &format!("(?:{})", self.name_pattern))
    }

    /// Compiles a list of patterns into one case-insensitive regex, checking each.
    pub(crate) fn compile_set(
        &self,
        patterns: &[toml::Spanned<String>],
        err: &dyn Fn(std::ops::Range<usize>, String) -> Box<PackError>,
    ) -> Result<Option<Regex>, Box<PackError>> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let expanded: Vec<String> = patterns.iter().map(|p| self.expand(p.get_ref())).collect();
        let combined = format!("(?im)(?:{})", expanded.join(")|(?:"));
        if let Ok(regex) = build(&combined) {
            Ok(Some(regex))
        } else {
            for (pattern, text) in patterns.iter().zip(&expanded) {
                if let Err(message) = build(&format!("(?im){text}")) {
                    return Err(err(pattern.span(), format!("invalid pattern: {message}")));
                }
            }
            Err(err(
                patterns[0].span(),
                "the patterns together are too large".into(),
            ))
        }
    }

    /// Whether `host` is one of the source's websites (or a subdomain).
    pub(crate) fn is_source_host(&self, host: &str) -> bool {
        host::is_under(host, &self.domains)
    }

    /// Whether `host` belongs to the source without being one of its websites.
    pub(crate) fn is_related_host(&self, host: &str) -> bool {
        host::is_under(host, &self.related)
    }

    /// Whether a URL points at one of the source's websites.
    pub(crate) fn is_source_url(&self, url: &url::Url) -> bool {
        url.host_str().is_some_and(|h| self.is_source_host(h))
    }

    /// Whether `text` names the source.
    pub(crate) fn names_source(&self, text: &str) -> bool {
        self.mentions(text) && self.names.is_match(text)
    }

    /// The name forms and brands, as literals for the document prefilter.
    pub(crate) fn literal_forms(&self) -> Vec<String> {
        let mut out = self.forms.clone();
        out.extend(self.brands.iter().cloned());
        out
    }

    /// Whether `text` holds any literal a citation needs (a name stem or a domain brand):
    /// a fast test that lets the regexes skip most text.
    pub(crate) fn mentions(&self, text: &str) -> bool {
        self.literals.is_match(text)
    }

    /// Finds every citation of the source in the document, in source order.
    pub(crate) fn find_citations(&self, doc: &Document) -> Vec<Citation> {
        let mut out = Vec::new();
        for (index, block) in doc.blocks.iter().enumerate() {
            let text = block.text.as_str();
            if !self.mentions(text) {
                continue;
            }
            let sets = [
                (&self.cues, CitationKind::Cue),
                (&self.copyright, CitationKind::Copyright),
            ];
            for (regex, kind) in sets {
                let Some(regex) = regex else { continue };
                for m in regex.find_iter(text) {
                    let span = block.text.source_span(trim_match(text, m.range()));
                    out.push(Citation {
                        span,
                        kind,
                        block: Some(index),
                        url: None,
                    });
                }
            }
            for m in self.domain_text.find_iter(text) {
                let span = block.text.source_span(m.range());
                let url = m.as_str().trim_end_matches(['.', ',', ';', ':']);
                let url = if url.contains("://") {
                    url.to_owned()
                } else {
                    format!("https://{url}")
                };
                out.push(Citation {
                    span,
                    kind: CitationKind::Url,
                    block: Some(index),
                    url: Some(url),
                });
            }
        }
        for link in &doc.links {
            if link.url.as_ref().is_some_and(|u| self.is_source_url(u)) {
                out.push(Citation {
                    span: link.span.clone(),
                    kind: CitationKind::Link,
                    block: link.block,
                    url: link.url.as_ref().map(ToString::to_string),
                });
            }
        }
        for meta in &doc.meta {
            let key = meta.key.to_lowercase();
            let leaf = key.rsplit('.').next().unwrap_or(&key);
            if !self.meta_keys.iter().any(|k| k == leaf || *k == key) {
                continue;
            }
            let url = crate::document::markdown::resolve(&meta.value, None)
                .filter(|u| self.is_source_url(u));
            if url.is_some()
                || self.names_source(&meta.value)
                || (self.mentions(&meta.value) && self.domain_text.is_match(&meta.value))
            {
                out.push(Citation {
                    span: meta.span.clone(),
                    kind: CitationKind::Meta,
                    block: None,
                    url: url.map(|u| u.to_string()),
                });
            }
        }
        // A span that cuts through a link's syntax (`Ukrinform](https://…) reports`) is
        // widened to the whole link; a URL written as text that is itself a link is one
        // citation, not two.
        for citation in &mut out {
            citation.span = widen_to_links(citation.span.clone(), &doc.links);
        }
        let links: Vec<Span> = out
            .iter()
            .filter(|c| c.kind == CitationKind::Link)
            .map(|c| c.span.clone())
            .collect();
        out.retain(|c| {
            c.kind != CitationKind::Url
                || !links
                    .iter()
                    .any(|l| l.start < c.span.end && c.span.start < l.end)
        });
        out.sort_by_key(|c| (c.span.start, c.span.end));
        out
    }
}

/// Widens `span` so that it does not start or end inside a link it overlaps.
fn widen_to_links(mut span: Span, links: &[crate::document::Link]) -> Span {
    for link in links {
        let overlaps = link.span.start < span.end && span.start < link.span.end;
        let inside = link.span.start <= span.start && span.end <= link.span.end;
        if overlaps && !inside {
            span.start = span.start.min(link.span.start);
            span.end = span.end.max(link.span.end);
        }
    }
    span
}

/// Trims leading whitespace a cue pattern may have consumed (`(?:^|\s)–`).
fn trim_match(text: &str, range: Span) -> Span {
    let piece = &text[range.clone()];
    let leading = piece.len() - piece.trim_start().len();
    let trailing = piece.len() - piece.trim_end().len();
    range.start + leading..(range.end - trailing).max(range.start + leading)
}

/// A writing system, as far as choosing an edition goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Japanese,
}

impl Script {
    fn of(c: char) -> Option<Self> {
        if c.is_ascii_alphabetic() {
            Some(Self::Latin)
        } else if is_cyrillic(c) {
            Some(Self::Cyrillic)
        } else if ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            Some(Self::Japanese)
        } else {
            None
        }
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// Builds a regex with the size limit packs are held to.
pub(crate) fn build(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(s) => s.lines().last().unwrap_or(&s).trim().to_owned(),
            regex::Error::CompiledTooBig(limit) => {
                format!("the pattern compiles to more than {limit} bytes")
            }
            other => other.to_string(),
        })
}
