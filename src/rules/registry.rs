//! Built-in data: the rule packs and outlet registries embedded in the binary.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
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
                forms.push(name.as_str());
                patterns.push((index, exact));
            }
        }
        // Searched only in the few sentences that mark a translation: a contiguous NFA
        // builds an order of magnitude faster than a DFA, which matters at start-up.
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
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

    /// Outlets named in `text`, at word boundaries.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        for m in self.matcher.find_iter(text) {
            let (outlet, exact) = self.patterns[m.pattern().as_usize()];
            let found = &text[m.range()];
            if exact && !self.outlets[outlet].names.iter().any(|n| n == found) {
                continue;
            }
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push(Mention {
                outlet,
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
    fn cyrillic_forms_are_found() {
        let outlets = registry("outlets").unwrap();
        let found = outlets.find("з посиланням на Рейтер.");
        assert_eq!(found.len(), 1);
        let outlet = &outlets.outlets[found[0].outlet];
        assert!(outlet.domains.contains(&"reuters.com".to_owned()));
    }
}
