//! Built-in data: the rule packs and outlet registries embedded in the binary.

use std::sync::LazyLock;

use crate::rules::cue_set::{CYRILLIC, in_script};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use serde::Deserialize;

/// The embedded rule packs: name and TOML text.
pub const PACKS: &[(&str, &str)] = &[("ukrinform", include_str!("../../rules/ukrinform.toml"))];

/// The embedded outlet registries: name and TOML text.
pub const REGISTRIES: &[(&str, &str)] = &[("outlets", include_str!("../../rules/outlets.toml"))];

/// The embedded outlet registry as data, which `build.rs` reads from its TOML: id, country,
/// names, domains and people of each outlet.
type OutletData = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);
const EMBEDDED_OUTLETS: &[OutletData] = include!(concat!(env!("OUT_DIR"), "/outlets.rs"));

/// A foreign media outlet.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    /// People whose names hold one of its names (`Michael Bloomberg`): a name inside one of
    /// them, in any case, is no mention of the outlet. A person's name holds no full stop
    /// before a space (where a sentence may end).
    #[serde(default)]
    pub people: Vec<String>,
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
    /// The name forms in ASCII lower case, for [`Self::matcher`].
    forms: Vec<String>,
    /// The automaton of `forms`, matched in ASCII-lower-cased text; built when first
    /// needed, for a run whose texts hold no [`Keys`] word never is.
    matcher: std::sync::OnceLock<AhoCorasick>,
    /// For each pattern: the outlet it names and whether its case must match exactly.
    patterns: Vec<(usize, bool)>,
    /// A word every mention of a name holds whole (see [`Keys`]).
    keys: Keys,
}

/// For each name form, one of its words (a longest run of letters and digits): a mention
/// stands between characters that are neither, so that word is a whole word of the text
/// too. A text none of whose words is a key mentions no outlet, and is ruled out without the
/// name automaton, which is several times slower than reading the words.
#[derive(Debug)]
struct Keys {
    /// The keys in ASCII lower case; a name whose case must match keeps its key as written.
    folded: std::collections::HashSet<String>,
    exact: std::collections::HashSet<String>,
    /// A bit for the hash of every key in ASCII lower case: most words miss it.
    bits: Vec<u64>,
}

/// Bits in [`Keys::bits`]: a few per key, so that a word that is no key rarely hits one.
const KEY_BITS: usize = 1 << 16;

impl Keys {
    fn new<'a>(names: impl Iterator<Item = (&'a str, bool)>) -> Self {
        let mut keys = Self {
            folded: std::collections::HashSet::new(),
            exact: std::collections::HashSet::new(),
            bits: vec![0; KEY_BITS / 64],
        };
        for (name, exact) in names {
            // The longest word, the last of equally long ones (`The Sun`: `Sun`).
            let mut key = "";
            words(name, |w| {
                if w.chars().count() >= key.chars().count() {
                    key = w;
                }
                false
            });
            let bit = Self::bit(key);
            keys.bits[bit / 64] |= 1 << (bit % 64);
            if exact {
                keys.exact.insert(key.to_owned());
            } else {
                keys.folded.insert(key.to_ascii_lowercase());
            }
        }
        keys
    }

    /// The bit of `word`'s hash, in ASCII lower case.
    fn bit(word: &str) -> usize {
        let hash = crate::hash::fnv1a_bytes(word.bytes().map(|b| b.to_ascii_lowercase()));
        // The high bits mix every byte; 16 of them index the bits.
        usize::try_from(hash >> 48).unwrap_or(0) % KEY_BITS
    }

    /// Whether some word of `text` is a key.
    fn any_in(&self, text: &str) -> bool {
        words(text, |w| {
            let bit = Self::bit(w);
            self.bits[bit / 64] & (1 << (bit % 64)) != 0
                && (self.exact.contains(w) || self.folded.contains(&w.to_ascii_lowercase()))
        })
    }
}

/// Words that make a name before them an institution's (`Reuters Institute`, `Times Square
/// Alliance`).
const INSTITUTIONS: [&str; 14] = [
    "Institute",
    "Foundation",
    "Council",
    "Alliance",
    "Square",
    "Prize",
    "Award",
    "Awards",
    "Center",
    "Centre",
    "University",
    "School",
    "Museum",
    "Philanthropies",
];

/// Whether `word` names a day or a month in English (`Monday`, `March`).
fn is_date_word(word: &str) -> bool {
    const DAYS_AND_MONTHS: [&str; 19] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "may",
    ];
    DAYS_AND_MONTHS.contains(&word.to_ascii_lowercase().as_str())
}

/// Whether a Cyrillic name `found` closes a longer proper name, a capitalised word right
/// before it that does not open a sentence (`з посиланням на Майкла Блумберга`, `Фонд
/// Блумберга`): a person or a foundation, no outlet. `Агентство Блумберг` opening a sentence
/// is the outlet.
fn closes_a_longer_name(found: &str, before: &str) -> bool {
    let cyrillic = |c: char| in_script(c, CYRILLIC);
    if !found.chars().next().is_some_and(cyrillic) {
        return false;
    }
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let opens_sentence = before[..before.len() - word.len()]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '…' | '"' | '«' | '»' | '(' | '—' | '–' | ':'
            )
        });
    // A word of letters: one that ends with a full stop or a comma (`Mr.`, `Фонд,`) closes
    // its sentence or clause, and joins no name.
    let letters = word
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
    let mut chars = word.chars();
    !opens_sentence
        && letters
        && chars
            .next()
            .is_some_and(|c| c.is_uppercase() && cyrillic(c))
        && chars.next().is_some_and(char::is_lowercase)
}

/// Titles of address, and a few words for what a person is: a name of one word right after
/// one is a person's (`Mr Bloomberg`, `Herr Forbes`, `billionaire Bloomberg`), not an
/// outlet's. Not the forms with a full stop (`Mr.`): a sentence may end there, and a name is
/// read the same in its sentence as in its block.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Lady",
    "Lord",
    "Mayor",
    "Senator",
    "Herr",
    "Frau",
    "Monsieur",
    "Madame",
    "Mme",
    "Señor",
    "Señora",
    "Pan",
    "Pani",
    "mayor",
    "senator",
    "billionaire",
    "philanthropist",
    "businessman",
    "tycoon",
];

/// Whether a Latin name of one word `found` follows a title of address (`citing Mr
/// Bloomberg`): a person's surname.
fn after_a_title(found: &str, before: &str) -> bool {
    if found.contains(char::is_whitespace) || !found.chars().next().is_some_and(|c| c.is_ascii()) {
        return false;
    }
    before
        .strip_suffix(' ')
        .and_then(|b| b.rsplit(char::is_whitespace).next())
        .is_some_and(|word| TITLES.contains(&word))
}

/// [`char::is_alphanumeric`], answered at once for the letters of the Cyrillic block and
/// the general punctuation (dashes, quotes, spaces), which Ukrainian and Russian text is
/// mostly made of; the general lookup is a search of Unicode's tables.
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        '\u{2000}'..='\u{206F}' => false,
        c => c.is_alphanumeric(),
    }
}

/// Whether `c` is a kana or a Han character: Japanese and Chinese text runs words together
/// without spaces, so an outlet's Latin name may stand right after one (`米Politico`), and
/// the change of script is where the name starts.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}' | '\u{20000}'..='\u{2FA1F}')
}

/// Calls `f` with every word of `text` (longest run of letters and digits, split where kana
/// or Han characters meet other letters) until it returns `true`; whether it did.
fn words<'t>(text: &'t str, mut f: impl FnMut(&'t str) -> bool) -> bool {
    let bytes = text.as_bytes();
    // Where the current word starts, and whether it is of kana and Han characters.
    let mut start: Option<(usize, bool)> = None;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (word, cjk, len) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), false, 1)
        } else {
            // `at` is a character boundary: it only moves by whole characters.
            let c = text[at..].chars().next().unwrap_or(' ');
            // Cyrillic and the other alphabets stand below kana: one comparison for them.
            (is_word_char(c), c >= '\u{3040}' && is_cjk(c), c.len_utf8())
        };
        match (word, start) {
            (true, None) => start = Some((at, cjk)),
            (true, Some((from, was))) if was != cjk => {
                if f(&text[from..at]) {
                    return true;
                }
                start = Some((at, cjk));
            }
            (false, Some((from, _))) => {
                if f(&text[from..at]) {
                    return true;
                }
                start = None;
            }
            _ => {}
        }
        at += len;
    }
    start.is_some_and(|(from, _)| f(&text[from..]))
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
        Ok(Self::new(raw.outlet))
    }

    /// The embedded outlet registry.
    fn embedded() -> Self {
        let owned = |items: &[&str]| items.iter().map(|&s| s.to_owned()).collect();
        Self::new(
            EMBEDDED_OUTLETS
                .iter()
                .map(|&(id, country, names, domains, people)| Outlet {
                    id: id.to_owned(),
                    country: country.to_owned(),
                    names: owned(names),
                    domains: owned(domains),
                    people: owned(people),
                })
                .collect(),
        )
    }

    /// A registry of `outlets`, with the automaton of their names.
    ///
    /// # Panics
    ///
    /// Never in practice: the name forms always build an automaton.
    fn new(outlets: Vec<Outlet>) -> Self {
        let mut forms = Vec::new();
        let mut patterns = Vec::new();
        let mut keyed = Vec::new();
        for (index, outlet) in outlets.iter().enumerate() {
            for name in &outlet.names {
                // Short all-capital abbreviations (AP, FT, NOS) only count in capitals.
                let exact = name.chars().count() <= 4 && name.chars().all(|c| !c.is_lowercase());
                forms.push(name.to_ascii_lowercase());
                patterns.push((index, exact));
                keyed.push((name.as_str(), exact));
            }
        }
        let keys = Keys::new(keyed.into_iter());
        Self {
            outlets,
            forms,
            matcher: std::sync::OnceLock::new(),
            patterns,
            keys,
        }
    }

    /// The automaton of the name forms, built on first use.
    ///
    /// # Panics
    ///
    /// Never in practice: the name forms always build an automaton.
    fn matcher(&self) -> &AhoCorasick {
        // Searched only in the sentences and blocks that name the source: a contiguous NFA
        // builds an order of magnitude faster than a DFA, which matters at start-up. Names
        // are matched in ASCII lower case in a lower-cased copy of the text (the same
        // matches, in the same byte ranges): an automaton that folds case itself takes
        // twice as long to build, and a single file waits for it. Dense transitions only
        // from the start state: deeper ones took a fifth longer to build, for no speed.
        self.matcher.get_or_init(|| {
            AhoCorasickBuilder::new()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .dense_depth(1)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&self.forms)
                .expect("outlet names build an automaton")
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
        if !self.keys.any_in(text) {
            return false;
        }
        let lower = text.to_ascii_lowercase();
        let mut at = 0;
        while let Some(m) = self.matcher().find(Input::new(&lower).span(at..text.len())) {
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
        // A name is a proper noun: all in lower case it is the common word (`the museum
        // guardian`, `the times`), unless the outlet writes its name so (`dpa`).
        let has_upper = |n: &str| n.chars().any(char::is_uppercase);
        if !has_upper(found)
            && !self.outlets[outlet]
                .names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(found) && !has_upper(n))
        {
            return false;
        }
        // A letter of the other kind of script, kana and Han or not, is a boundary too.
        let joins = |c: char, edge: Option<char>| {
            c.is_alphanumeric() && edge.is_some_and(|e| is_cjk(e) == is_cjk(c))
        };
        let before = text[..range.start].chars().next_back();
        let after = text[range.end..].chars().next();
        !(before.is_some_and(|c| joins(c, found.chars().next()))
            || after.is_some_and(|c| joins(c, found.chars().next_back()))
            || self.opens_a_longer_name(outlet, found, &text[range.end..])
            || closes_a_longer_name(found, &text[..range.start])
            || after_a_title(found, &text[..range.start])
            || self.in_a_person_name(outlet, text, &range))
    }

    /// Whether the name at `range` of `text` stands inside the name of one of the outlet's
    /// `people` (`citing Michael Bloomberg`).
    fn in_a_person_name(&self, outlet: usize, text: &str, range: &std::ops::Range<usize>) -> bool {
        let people = &self.outlets[outlet].people;
        if people.is_empty() {
            return false;
        }
        let found = text[range.clone()].to_ascii_lowercase();
        people.iter().any(|person| {
            let lower = person.to_ascii_lowercase();
            lower.match_indices(&found).any(|(at, _)| {
                range.start.checked_sub(at).is_some_and(|start| {
                    text.get(start..start + person.len())
                        .is_some_and(|t| t.eq_ignore_ascii_case(person))
                })
            })
        })
    }

    /// Whether the short form `found` of an outlet whose name is longer (`Guardian` for `The
    /// Guardian`, `Times` for `The Times`) opens a longer proper name, a capitalised word
    /// right after it (`Iran's Guardian Council`, `the Times Square Alliance`), and so is no
    /// outlet. A full name goes on to its own sections (`Reuters Breakingviews`, `The
    /// Guardian Weekly`), and a day or a month after a name is a date (`citing The Guardian
    /// Monday`).
    fn opens_a_longer_name(&self, outlet: usize, found: &str, after: &str) -> bool {
        let Some(word) = after
            .strip_prefix(' ')
            .and_then(|w| w.split(|c: char| !c.is_alphabetic()).next())
        else {
            return false;
        };
        // An institution named after the outlet is not the outlet, full name or not
        // (`the Reuters Institute`, `the Bloomberg Foundation`).
        if INSTITUTIONS.contains(&word) {
            return true;
        }
        // The registry lists an outlet's full name first.
        let short_form = !found.contains(char::is_whitespace)
            && self.outlets[outlet]
                .names
                .first()
                .is_some_and(|n| n.contains(char::is_whitespace));
        if !short_form || !found.chars().all(|c| c.is_ascii() || !c.is_alphabetic()) {
            return false;
        }
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.next().is_some_and(char::is_lowercase)
            && !is_date_word(word)
    }

    /// Outlets named in `text`, at word boundaries.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        if !self.keys.any_in(text) {
            return out;
        }
        for m in self.matcher().find_iter(&text.to_ascii_lowercase()) {
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

/// The embedded outlet registry, built once.
static OUTLETS: LazyLock<Outlets> = LazyLock::new(Outlets::embedded);

/// Starts building the embedded registries, their name automata too, on a thread of their
/// own, if not yet started.
///
/// Building the outlet registry's automaton of every name form takes over a millisecond,
/// about as long as the rest of a small file's check. A run over many files on more than one
/// thread starts it while it walks; any other builds the registry when a rule first needs it,
/// and the automaton only for a text that holds one of its key words (most texts that name
/// the source hold none, and a file that links it where it must then needs no automaton).
pub fn prepare() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // If no thread can be started, the registry is built when first searched.
        let _ = std::thread::Builder::new()
            .name("citelint-registry".into())
            .spawn(|| LazyLock::force(&OUTLETS).matcher());
    });
}

/// An embedded registry by name, built on first use (or ahead, see [`prepare`]).
#[must_use]
pub fn registry(name: &str) -> Option<&'static LazyLock<Outlets>> {
    if name != REGISTRIES[0].0 {
        return None;
    }
    Some(&OUTLETS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_automaton_is_built_only_for_a_text_holding_a_key_word() {
        let outlets = Outlets::parse(REGISTRIES[0].1).unwrap();
        let plain = "The minister arrived in Kyiv on Monday.";
        assert!(!outlets.mentions_any(plain));
        assert!(outlets.find(plain).is_empty());
        assert!(
            outlets.matcher.get().is_none(),
            "built for a text without key words"
        );
        assert!(outlets.mentions_any("The minister told Reuters on Monday."));
        assert!(outlets.matcher.get().is_some());
    }

    #[test]
    fn a_latin_name_next_to_kana_or_han_is_a_whole_word() {
        let outlets = registry("outlets").unwrap();
        let names = |text: &str| -> Vec<String> {
            (outlets.find(text).iter())
                .map(|m| outlets.outlets[m.outlet].names[0].clone())
                .collect()
        };
        assert_eq!(
            names("ウクルインフォルムが米Politicoを引用して報じた。"),
            ["Politico"]
        );
        assert_eq!(names("欧州はReutersによると"), ["Reuters"]);
        assert!(outlets.mentions_any("米Politicoを引用"));
        // Latin letters or digits on either side still make it part of a longer word.
        assert!(names("米XPoliticoを引用").is_empty());
        assert!(names("Politico2を引用").is_empty());
    }

    #[test]
    fn the_embedded_data_is_the_registry_file() {
        let parsed = Outlets::parse(REGISTRIES[0].1).unwrap();
        let embedded = registry("outlets").unwrap();
        assert_eq!(parsed.outlets, embedded.outlets);
    }

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
    fn a_name_all_in_lower_case_is_the_common_word_unless_the_outlet_writes_it_so() {
        let outlets = registry("outlets").unwrap();
        let names = |text: &str| -> Vec<String> {
            outlets
                .find(text)
                .iter()
                .map(|m| text[m.start..m.end].to_owned())
                .collect()
        };
        assert!(names("the museum guardian was injured").is_empty());
        assert_eq!(names("the Guardian wrote"), ["the Guardian"]);
        assert_eq!(names("THE GUARDIAN wrote"), ["THE GUARDIAN"]);
        // `dpa` writes its name in lower case.
        assert_eq!(names("according to dpa"), ["dpa"]);
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
    fn word_characters_are_letters_and_digits() {
        for c in ('\u{0080}'..='\u{2FFF}').chain(['\u{FEFF}', '\u{1F600}']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn a_name_inside_a_longer_proper_name_is_no_mention() {
        let outlets = registry("outlets").unwrap();
        let ids = |text: &str| -> Vec<&str> {
            (outlets.find(text).iter())
                .map(|m| outlets.outlets[m.outlet].id.as_str())
                .collect()
        };
        // A short form continued by a capitalised word; an institution's word after any name.
        assert!(ids("citing Iran's Guardian Council").is_empty());
        assert!(ids("a study by the Reuters Institute").is_empty());
        // Not a day or a month after a short form, nor a full name's section.
        assert_eq!(ids("citing Guardian Monday"), ["the-guardian"]);
        assert_eq!(ids("citing Reuters Breakingviews"), ["reuters"]);
        // A Cyrillic name after a capitalised word inside a sentence, not at its start.
        assert!(ids("з посиланням на Майкла Блумберга").is_empty());
        assert_eq!(ids("Агентство Блумберг повідомило"), ["bloomberg"]);
        // A word that ends its sentence or clause joins no name: a name after it is read as
        // it is in a sentence of its own (what lets a block be ruled out whole).
        assert_eq!(ids("Заява ТрампаMr. Рейтер米"), ["reuters"]);
        assert_eq!(ids("як пише Фонд, Блумберг повідомив"), ["bloomberg"]);
        // A person the registry lists, or a surname after a title of address.
        assert!(ids("citing Michael Bloomberg, reports").is_empty());
        assert!(ids("citing former New York mayor MICHAEL BLOOMBERG").is_empty());
        assert!(ids("citing Mr Bloomberg").is_empty());
        assert!(ids("said former mayor Bloomberg").is_empty());
        assert_eq!(ids("Steve Forbes told Forbes"), ["forbes"]);
        assert_eq!(ids("Michael said Bloomberg reported"), ["bloomberg"]);
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
