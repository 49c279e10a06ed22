//! The document prefilter: one pass over a document's text, before it is parsed, that
//! proves no rule of the loaded packs can fire, so that the document is reported clean
//! without building its model. Most documents of a content repository never cite the
//! source, and this is where their time goes.
//!
//! It is conservative: anything that could change what the model holds sends the document
//! to the full check. A document is parsed when its text holds
//! - a name form or domain brand of any pack's source (any case, as the cue patterns match
//!   it), or the word `citelint` (suppressions, front-matter settings);
//! - a character the matchers skip (soft hyphen, zero-width characters), a numeric or
//!   uncommon named character reference, or a `\u` escape (JSON-LD), any of which could spell
//!   a name the raw text does not show;
//! - a URL host that is not plain ASCII, is percent-encoded, carries user information, or
//!   that the look-alike test itself flags (the look-alike rule needs no citation);
//! - front matter that fails to parse.

use regex::Regex;

use super::citation::SourceMatcher;
use super::host;

/// Named character references that can never spell a name or a URL.
const PLAIN_ENTITIES: &[&str] = &[
    "amp", "nbsp", "quot", "lt", "gt", "apos", "mdash", "ndash", "laquo", "raquo", "hellip",
    "copy", "reg", "trade", "rsquo", "lsquo", "rdquo", "ldquo", "bdquo", "sbquo", "middot", "bull",
    "deg", "times", "euro", "pound", "thinsp", "ensp", "emsp", "numero", "prime",
];

/// What a pack contributes to the prefilter.
#[derive(Debug)]
pub(crate) struct SourceHosts {
    pub domains: Vec<String>,
    pub related: Vec<String>,
    pub brands: Vec<String>,
}

/// The compiled prefilter of an engine's packs.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// Each source's name forms and brands, case-insensitive.
    names: Vec<Regex>,
    /// What could spell a name the raw text does not show, or a citelint directive.
    triggers: Regex,
    /// `//`, the start of most URLs: a plain substring search.
    slashes: Regex,
    /// `http:`, `https:` and `www.`, which can start a URL without `//`.
    schemes: Regex,
    sources: Vec<SourceHosts>,
}

impl Prefilter {
    /// Builds the prefilter of the given sources.
    pub(crate) fn new(sources: &[&SourceMatcher]) -> Self {
        let alternatives: Vec<String> = vec![
            "citelint".to_owned(),
            "[\u{00AD}\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}]".to_owned(),
            "&#".to_owned(),
            r"&[A-Za-z][A-Za-z0-9]*;?".to_owned(),
            r"\\[uU]".to_owned(),
        ];
        let names = sources.iter().map(|s| s.literals().clone()).collect();
        let triggers = Regex::new(&format!("(?i){}", alternatives.join("|")))
            .expect("prefilter pattern is valid");
        let slashes = Regex::new("//").expect("a literal pattern");
        let schemes = Regex::new(r"(?i)https?:|www\.").expect("a literal pattern");
        let sources = sources
            .iter()
            .map(|s| SourceHosts {
                domains: s.domains.clone(),
                related: s.related.clone(),
                brands: s.brands.clone(),
            })
            .collect();
        Self {
            names,
            triggers,
            slashes,
            schemes,
            sources,
        }
    }

    /// Whether some rule might fire on `text`; `false` is a proof that none can.
    pub(crate) fn may_fire(&self, text: &str) -> bool {
        if self.names.iter().any(|n| n.is_match(text)) {
            return true;
        }
        for m in self.triggers.find_iter(text) {
            let found = m.as_str();
            let entity = found.strip_prefix('&').map(|e| e.trim_end_matches(';'));
            match entity {
                Some(name) if name.starts_with('#') => return true,
                Some(name) if PLAIN_ENTITIES.iter().any(|p| p.eq_ignore_ascii_case(name)) => {}
                Some(_) | None => return true,
            }
        }
        let trimmed = text.trim_start_matches('\u{feff}');
        if (trimmed.starts_with("---") || trimmed.starts_with("+++"))
            && crate::document::front_matter_problem(trimmed)
        {
            return true;
        }
        self.slashes
            .find_iter(text)
            .any(|m| self.suspicious_host(&text[m.end()..]))
            || self.schemes.find_iter(text).any(|m| {
                let rest = &text[m.end()..];
                // After `https://` the `//` search has seen the host.
                !rest.starts_with("//") && self.suspicious_host(rest)
            })
    }

    /// Whether the host that `rest` starts with (after a URL start) could be a look-alike,
    /// or is written in a way only the full check can judge.
    fn suspicious_host(&self, rest: &str) -> bool {
        let rest = rest.trim_start_matches(['/', '\\', '\t', '\n', '\r']);
        let mut authority = String::new();
        for c in rest.chars() {
            match c {
                '\t' | '\n' | '\r' => {}
                '/' | '\\' | '?' | '#' | '"' | '\'' | '<' | '>' | '(' | ')' | '[' | ']' | '`'
                | '|' | '{' | '}' => break,
                c if c.is_whitespace() || c.is_control() => break,
                c => authority.push(c),
            }
        }
        if authority.is_empty() {
            return false;
        }
        if !authority.is_ascii() || authority.contains(['%', '@']) {
            return true;
        }
        let host = authority
            .rsplit_once(':')
            .map_or(authority.as_str(), |(h, port)| {
                if port.chars().all(|c| c.is_ascii_digit()) {
                    h
                } else {
                    authority.as_str()
                }
            });
        let host = host.trim_end_matches(['.', ',', ';', '!', '*', '_', '~']);
        let Ok(url) = url::Url::parse(&format!("https://{host}/")) else {
            return false;
        };
        self.sources.iter().any(|s| {
            let genuine = |h: &str| host::is_under(h, &s.domains) || host::is_under(h, &s.related);
            host::imitation(
                &url,
                &format!("https://{host}/"),
                &s.domains,
                &s.brands,
                host::MAX_EDITS_BOUND,
                &genuine,
            )
            .is_some()
        })
    }
}

#[cfg(test)]
mod tests {

    use crate::rules::Engine;

    fn may_fire(text: &str) -> bool {
        Engine::with_embedded().unwrap().may_fire(text)
    }

    #[test]
    fn documents_without_any_trigger_are_skipped() {
        assert!(!may_fire(
            "---\ntitle: Weather\n---\n\nRain in [Lviv](https://weather.example.com/lviv) &amp; snow.\n"
        ));
        assert!(!may_fire(
            "<p>See <a href=\"https://www.bbc.com/news\">BBC</a>.</p>"
        ));
    }

    #[test]
    fn names_domains_and_directives_in_any_case_are_triggers() {
        for text in [
            "ukrinform",
            "УКРІНФОРМ said",
            "УкрІнформ",
            "see ukrinform.net",
            "<!-- citelint-disable -->",
        ] {
            assert!(may_fire(text), "{text}");
        }
    }

    #[test]
    fn hidden_spellings_are_triggers() {
        for text in [
            "Ukr\u{00AD}inform",
            "Ukr&#105;nform",
            "Ukr&shy;inform",
            "{\"a\": \"\\u0055krinform\"}",
        ] {
            assert!(may_fire(text), "{text}");
        }
    }

    #[test]
    fn look_alike_hosts_are_triggers_however_written() {
        for text in [
            "[x](https://ukrinfrom.net/)",
            "<a href=\"//ukrlnform.net\">x</a>",
            "www.ukrinfrom.net",
            "[x](HTTPS:\\\\ukrinfrom.net)",
            "[x](https://ukrin\tfrom.net/)",
            "[x](https://user@evil.example/)",
            "[x](https://ukr%69nform.net/)",
            "[x](https://xn--ukrnform-vhh.net/)",
            "<a href=\"https://ｕｋｒｉｎｆｏｒｍ.net\">x</a>",
        ] {
            assert!(may_fire(text), "{text}");
        }
    }

    #[test]
    fn broken_front_matter_is_a_trigger() {
        assert!(may_fire("---\ntitle: [unclosed\n---\nBody\n"));
    }
}
