//! Built-in data: the rule packs and outlet registries embedded in the binary.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use serde::Deserialize;

/// The embedded rule packs: name and TOML text.
pub const PACKS: &[(&str, &str)] = &[("ukrinform", include_str!("../../rules/ukrinform.toml"))];

/// The embedded outlet registries: name and TOML text.
pub const REGISTRIES: &[(&str, &str)] = &[("outlets", include_str!("../../rules/outlets.toml"))];

/// A foreign media outlet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Outlet {
    /// Stable kebab-case id.
    pub id: String,
    /// ISO 3166-1 alpha-2 country code, or `INT`.
    pub country: String,
    /// Name forms texts use for the outlet; the first is its display name.
    pub names: Vec<String>,
    /// Registrable domains of its websites; the first is the main one.
    pub domains: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutlets {
    outlet: Vec<Outlet>,
}

/// A registry of outlets with a matcher over all their name forms.
#[derive(Debug)]
pub struct Outlets {
    /// The outlets.
    pub outlets: Vec<Outlet>,
    /// The name forms in ASCII lower case, matched in ASCII-lower-cased text.
    matcher: AhoCorasick,
    /// For each pattern: the outlet it names and whether its case must match exactly.
    patterns: Vec<(usize, bool)>,
}

/// An outlet named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`Outlets::outlets`].
    pub outlet: usize,
    /// Byte range of the name in the text.
    pub start: usize,
    /// End of the name.
    pub end: usize,
}

impl Outlets {
    /// Parses a registry.
    ///
    /// # Panics
    ///
    /// Never in practice: the name forms always build an automaton.
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        let raw: RawOutlets = toml::from_str(text)?;
        let mut forms = Vec::new();
        let mut patterns = Vec::new();
        for (index, outlet) in raw.outlet.iter().enumerate() {
            for name in &outlet.names {
                // Short all-capital abbreviations (AP, FT, NOS) only count in capitals.
                let exact = name.chars().count() <= 4 && name.chars().all(|c| !c.is_lowercase());
                forms.push(name.to_ascii_lowercase());
                patterns.push((index, exact));
            }
        }
        // Searched only in the sentences and blocks that name the source: a contiguous NFA
        // builds an order of magnitude faster than a DFA, which matters at start-up. Names
        // are matched in ASCII lower case in a lower-cased copy of the text (the same
        // matches, in the same byte ranges): an automaton that folds case itself takes
        // twice as long to build, and a single file waits for it.
        let matcher = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .expect("outlet names build an automaton");
        Ok(Self {
            outlets: raw.outlet,
            matcher,
            patterns,
        })
    }

    /// Whether `text` mentions an outlet in any of its sentences: whether [`Self::find`]
    /// finds a name in some part of `text` that begins and ends at a sentence boundary (a
    /// `\n`, or white space after an end mark). `false` lets a rule skip `text` whole.
    ///
    /// A name taken in a sentence is the longest at its start there, with the same
    /// neighbours in `text` (a sentence boundary is no letter or digit), and no name holds
    /// a boundary: so it is the longest at that start in `text` too. This search tries every
    /// start that a rejected name passed over, where `find` goes on after it, and so finds
    /// any name that some sentence's search takes.
    #[must_use]
    pub fn mentions_any(&self, text: &str) -> bool {
        let lower = text.to_ascii_lowercase();
        let mut at = 0;
        while let Some(m) = self.matcher.find(Input::new(&lower).span(at..text.len())) {
            if self.accepts(text, m.pattern().as_usize(), m.range()) {
                return true;
            }
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }

    /// Whether a match of name pattern `pattern` at `range` of `text` is a mention: at word
    /// boundaries, and in the name's own case if it must match exactly.
    fn accepts(&self, text: &str, pattern: usize, range: std::ops::Range<usize>) -> bool {
        let (outlet, exact) = self.patterns[pattern];
        let found = &text[range.clone()];
        if exact && !self.outlets[outlet].names.iter().any(|n| n == found) {
            return false;
        }
        let before = text[..range.start].chars().next_back();
        let after = text[range.end..].chars().next();
        !(before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric))
    }

    /// Outlets named in `text`, at word boundaries.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        for m in self.matcher.find_iter(&text.to_ascii_lowercase()) {
            if !self.accepts(text, m.pattern().as_usize(), m.range()) {
                continue;
            }
            out.push(Mention {
                outlet: self.patterns[m.pattern().as_usize()].0,
                start: m.start(),
                end: m.end(),
            });
        }
        out
    }

    /// The outlet whose name is `name` (any case), if any.
    #[must_use]
    pub fn by_name(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.outlets.iter().position(|o| {
            o.names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(name) || n == name)
        })
    }

    /// The outlet one of whose domains `host` is under, if any.
    #[must_use]
    pub fn by_host(&self, host: &str) -> Option<usize> {
        self.outlets
            .iter()
            .position(|o| super::host::is_under(host, &o.domains))
    }
}

/// An embedded registry by name, built on first use.
///
/// Building the outlet registry (its TOML and the automaton of every name form) takes a few
/// milliseconds, as long as the rest of a small file's check; so the first call starts it
/// on a thread of its own, and the rules that search it wait for it only if it is not done
/// by the time they need it.
#[must_use]
pub fn registry(name: &str) -> Option<&'static LazyLock<Outlets>> {
    static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
        Outlets::parse(REGISTRIES[0].1).expect("the embedded outlet registry is valid")
    });
    static STARTED: std::sync::Once = std::sync::Once::new();
    if name != REGISTRIES[0].0 {
        return None;
    }
    STARTED.call_once(|| {
        // If no thread can be started, the registry is built when first searched.
        let _ = std::thread::Builder::new()
            .name("citelint-registry".into())
            .spawn(|| LazyLock::force(&OUTLETS));
    });
    Some(&OUTLETS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_registry_has_at_least_eighty_outlets_with_domains() {
        let outlets = registry("outlets").unwrap();
        assert!(outlets.outlets.len() >= 80, "{}", outlets.outlets.len());
        for outlet in &outlets.outlets {
            assert!(
                !outlet.names.is_empty() && !outlet.domains.is_empty(),
                "{}",
                outlet.id
            );
            for domain in &outlet.domains {
                assert!(super::super::host::parse_domain(domain).is_ok(), "{domain}");
            }
        }
    }

    #[test]
    fn names_are_found_at_word_boundaries_longest_first() {
        let outlets = registry("outlets").unwrap();
        let text = "про це повідомляє The New York Times, а не Timesless";
        let found = outlets.find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "The New York Times");
    }

    #[test]
    fn short_capital_abbreviations_need_capitals() {
        let outlets = registry("outlets").unwrap();
        assert!(outlets.find("a 30 ft wall").is_empty());
        assert_eq!(outlets.find("as the FT reported").len(), 1);
    }

    #[test]
    fn names_are_found_in_any_ascii_case_at_their_byte_ranges() {
        let outlets = registry("outlets").unwrap();
        let text = "Як пише THE new york TIMES і «Рейтер»";
        let found: Vec<&str> = outlets
            .find(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, ["THE new york TIMES", "Рейтер"]);
    }

    #[test]
    fn names_inside_words_or_in_the_wrong_case_are_no_mention() {
        let outlets = registry("outlets").unwrap();
        assert!(outlets.mentions_any("the gap AP said"));
        assert!(!outlets.mentions_any("a gap in the map, an ap, a tapas bar"));
    }

    #[test]
    fn cyrillic_forms_are_found() {
        let outlets = registry("outlets").unwrap();
        let found = outlets.find("з посиланням на Рейтер.");
        assert_eq!(found.len(), 1);
        let outlet = &outlets.outlets[found[0].outlet];
        assert!(outlet.domains.contains(&"reuters.com".to_owned()));
    }
}
