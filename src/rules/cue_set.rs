//! A set of cue patterns, matched as one regex of all of them would match, but compiled in
//! parts by the writing system their matches need.
//!
//! Most of the cue patterns can only match text in one script: a Ukrainian verb needs
//! Cyrillic letters, an English or German one Latin letters, a Japanese particle kana. A
//! window of English text cannot hold a match of a Ukrainian pattern, and matching it
//! anyway costs the lazy DFA states for every pattern at every step. So each script gets a
//! regex of its own patterns, and the patterns that need no script in particular (a
//! parenthesised credit, a dash before the name) one more. A window is matched with that
//! regex and the regexes of the scripts it holds letters of, which find exactly what the
//! whole set would, as the patterns left out cannot match there: at every step the leftmost
//! match of any of them and, at one start, the pattern listed first in the set, as one
//! regex of every pattern would choose.
//!
//! Which script a pattern needs is read off its syntax tree, after case folding: a literal
//! with a character of the script, a class of only such characters, or a sequence with
//! one of them in a part every match goes through.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use regex_automata::{Input, Match, meta};
use regex_syntax::ast::{Ast, ClassSet, ClassSetItem, RepetitionKind, RepetitionRange};

type Span = Range<usize>;

/// Latin letters (with the Kelvin and Ångström signs, which fold to `k` and `å`).
pub(crate) const LATIN: u8 = 1;
/// Cyrillic letters, with the old narrow forms that fold to them (`ᲂ`).
pub(crate) const CYRILLIC: u8 = 2;
/// Kana and CJK ideographs.
pub(crate) const JAPANESE: u8 = 4;

const SCRIPTS: [u8; 3] = [LATIN, CYRILLIC, JAPANESE];

/// The ranges of characters of each script, sorted.
const LATIN_RANGES: &[(char, char)] = &[
    ('A', 'Z'),
    ('a', 'z'),
    ('\u{C0}', '\u{24F}'),
    ('\u{1E00}', '\u{1EFF}'),
    ('\u{212A}', '\u{212B}'),
];
const CYRILLIC_RANGES: &[(char, char)] = &[
    ('\u{400}', '\u{52F}'),
    ('\u{1C80}', '\u{1C8F}'),
    ('\u{2DE0}', '\u{2DFF}'),
    ('\u{A640}', '\u{A69F}'),
];
const JAPANESE_RANGES: &[(char, char)] = &[
    ('\u{3040}', '\u{30FF}'),
    ('\u{31F0}', '\u{31FF}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{FF66}', '\u{FF9F}'),
    ('\u{20000}', '\u{2FFFF}'),
];

fn ranges(script: u8) -> &'static [(char, char)] {
    match script {
        LATIN => LATIN_RANGES,
        CYRILLIC => CYRILLIC_RANGES,
        _ => JAPANESE_RANGES,
    }
}

pub(crate) fn in_script(c: char, script: u8) -> bool {
    ranges(script).iter().any(|&(a, b)| a <= c && c <= b)
}

/// The scripts `text` has characters of.
pub(crate) fn scripts_of(text: &str) -> u8 {
    let mut found = 0;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                found |= LATIN;
            }
            continue;
        }
        for script in SCRIPTS {
            if found & script == 0 && in_script(c, script) {
                found |= script;
            }
        }
        if found == LATIN | CYRILLIC | JAPANESE {
            break;
        }
    }
    found
}

/// Whether every match of `ast` holds a character of `script`. Read on the pattern as
/// written, before case folding: each script's ranges hold every character that folds to
/// one of theirs (the Kelvin sign, the narrow Cyrillic `ᲂ`), so a literal of the script
/// matches only characters of it in any case. Anything else than literals, plain bracketed
/// classes, groups, repetitions, sequences and choices needs nothing, as far as this reads.
fn needs(ast: &Ast, script: u8) -> bool {
    match ast {
        Ast::Literal(literal) => in_script(literal.c, script),
        Ast::ClassBracketed(class) => !class.negated && set_in_script(&class.kind, script),
        Ast::Repetition(repetition) => {
            let at_least_one = match &repetition.op.kind {
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => false,
                RepetitionKind::OneOrMore => true,
                RepetitionKind::Range(
                    RepetitionRange::Exactly(n)
                    | RepetitionRange::AtLeast(n)
                    | RepetitionRange::Bounded(n, _),
                ) => *n > 0,
            };
            at_least_one && needs(&repetition.ast, script)
        }
        Ast::Group(group) => needs(&group.ast, script),
        Ast::Concat(concat) => concat.asts.iter().any(|a| needs(a, script)),
        Ast::Alternation(alternation) => {
            !alternation.asts.is_empty() && alternation.asts.iter().all(|a| needs(a, script))
        }
        _ => false,
    }
}

/// Whether every character of a bracketed class is of `script`.
fn set_in_script(set: &ClassSet, script: u8) -> bool {
    match set {
        ClassSet::Item(item) => item_in_script(item, script),
        ClassSet::BinaryOp(_) => false,
    }
}

fn item_in_script(item: &ClassSetItem, script: u8) -> bool {
    match item {
        ClassSetItem::Literal(literal) => in_script(literal.c, script),
        ClassSetItem::Range(range) => ranges(script)
            .iter()
            .any(|&(a, b)| a <= range.start.c && range.end.c <= b),
        ClassSetItem::Union(union) => {
            !union.items.is_empty() && union.items.iter().all(|i| item_in_script(i, script))
        }
        ClassSetItem::Bracketed(inner) => !inner.negated && set_in_script(&inner.kind, script),
        _ => false,
    }
}

/// The script every match of `pattern` needs, or 0 (none, or a pattern that does not parse,
/// which the set's own compile reports).
fn script_needed(pattern: &str) -> u8 {
    let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return 0;
    };
    SCRIPTS.into_iter().find(|&s| needs(&ast, s)).unwrap_or(0)
}

/// Some of a set's patterns, each one's place in the whole set, and once compiled their
/// regex (`None` if they do not compile).
#[derive(Debug)]
struct LazyPart {
    patterns: Vec<String>,
    order: Vec<usize>,
    regex: OnceLock<Option<meta::Regex>>,
}

impl LazyPart {
    /// The part, compiled: `None` if its patterns do not compile.
    fn get(&self) -> Option<(&Self, &meta::Regex)> {
        self.regex
            .get_or_init(|| {
                let with_flags: Vec<String> =
                    self.patterns.iter().map(|p| format!("(?im){p}")).collect();
                meta::Builder::new()
                    .configure(
                        meta::Config::new()
                            .nfa_size_limit(Some(super::citation::REGEX_SIZE_LIMIT))
                            .hybrid_cache_capacity(super::citation::REGEX_SIZE_LIMIT)
                            .auto_prefilter(false),
                    )
                    .build_many(&with_flags)
                    .ok()
            })
            .as_ref()
            .map(|regex| (self, regex))
    }
}

/// Where a part was last searched from, and the match it found there.
type LastSearch = (usize, Option<Match>);

/// Cue patterns (with `{source}` expanded), compiled by script when first used.
///
/// Sets of the same patterns share their parts, compiled or not, across the process: the
/// thread that [`prepare`](super::citation::prepare)s the embedded packs' patterns compiles
/// the very parts the checking threads' engines use. A set finds its shared parts when first
/// used (most runs never search for cues).
#[derive(Debug, Default)]
pub(crate) struct CueSet {
    patterns: Vec<String>,
    shared: OnceLock<Arc<SharedParts>>,
}

/// The patterns that need no script in particular, then those that need each script of
/// [`SCRIPTS`] (`None` for a part without patterns), sorted out when first used.
#[derive(Debug, Default)]
struct SharedParts(OnceLock<Parts>);

type Parts = [Option<Arc<LazyPart>>; 4];

/// Every set's parts in the process, by the set's patterns.
static SETS: LazyLock<Mutex<HashMap<Vec<String>, Arc<SharedParts>>>> =
    LazyLock::new(Mutex::default);

impl CueSet {
    /// The set of `patterns`, in their order of preference.
    pub(crate) fn new(patterns: &[String]) -> Self {
        Self {
            patterns: patterns.to_vec(),
            shared: OnceLock::new(),
        }
    }

    fn parts(&self) -> &Parts {
        let shared = self.shared.get_or_init(|| {
            let mut all = SETS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(all.entry(self.patterns.clone()).or_default())
        });
        shared.0.get_or_init(|| Self::split(&self.patterns))
    }

    /// Compiles every part of the set now (or waits for the thread compiling it).
    pub(crate) fn prepare(&self) {
        for part in self.parts().iter().flatten() {
            part.get();
        }
    }

    /// The parts of `patterns`, by the script each needs.
    fn split(patterns: &[String]) -> Parts {
        let needed: Vec<u8> = patterns.iter().map(|p| script_needed(p)).collect();
        let part = |script: u8| {
            let (order, patterns): (Vec<usize>, Vec<String>) = patterns
                .iter()
                .enumerate()
                .filter(|(i, _)| needed[*i] == script)
                .map(|(i, p)| (i, p.clone()))
                .unzip();
            (!patterns.is_empty()).then(|| {
                Arc::new(LazyPart {
                    patterns,
                    order,
                    regex: OnceLock::new(),
                })
            })
        };
        [part(0), part(LATIN), part(CYRILLIC), part(JAPANESE)]
    }

    /// Whether the set has patterns that compile (compiling them if need be).
    #[cfg(test)]
    pub(crate) fn is_usable(&self) -> bool {
        self.parts().iter().any(Option::is_some)
            && self.parts().iter().flatten().all(|p| p.get().is_some())
    }

    /// The matches in `haystack`, whose scripts are `scripts` (see [`scripts_of`]), that do
    /// not start inside a word (`inside_word` of the start), left to right and not
    /// overlapping: as one regex of every pattern finds them. A match that starts inside a
    /// word is passed over and the search goes on from its next character.
    pub(crate) fn matches<'h>(
        &'h self,
        haystack: &'h str,
        scripts: u8,
        inside_word: impl Fn(usize) -> bool + 'h,
    ) -> impl Iterator<Item = Span> + 'h {
        // Each part used, with its next match as last searched: still its next match from
        // any later position up to that match's start.
        let mut used: Vec<((&LazyPart, &meta::Regex), Option<LastSearch>)> = Vec::new();
        let wanted = [
            true,
            scripts & LATIN != 0,
            scripts & CYRILLIC != 0,
            scripts & JAPANESE != 0,
        ];
        for (part, wanted) in self.parts().iter().zip(wanted) {
            if let Some(part) = part.as_deref().filter(|_| wanted).and_then(LazyPart::get) {
                used.push((part, None));
            }
        }
        let find = move |at: usize| -> Option<Span> {
            let mut best: Option<(usize, usize, usize)> = None;
            for ((part, regex), last) in &mut used {
                let fresh = match *last {
                    Some((from, found)) if from <= at && found.is_none_or(|m| m.start() >= at) => {
                        found
                    }
                    _ => {
                        let found = regex.search(&Input::new(haystack).range(at..));
                        *last = Some((at, found));
                        found
                    }
                };
                if let Some(m) = fresh {
                    let key = (m.start(), part.order[m.pattern().as_usize()], m.end());
                    if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
                        best = Some(key);
                    }
                }
            }
            best.map(|(start, _, end)| start..end)
        };
        super::citation::word_start_matches(find, haystack, inside_word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one regex of every pattern finds, left to right, never overlapping.
    fn as_one_regex(patterns: &[&str], text: &str) -> Vec<Span> {
        let whole = regex::Regex::new(&format!("(?im)(?:{})", patterns.join(")|(?:"))).unwrap();
        whole.find_iter(text).map(|m| m.range()).collect()
    }

    #[test]
    fn text_in_several_scripts_gets_the_whole_sets_leftmost_first_matches() {
        // Both patterns match at the same start, one needing Cyrillic and one Latin: the one
        // listed first wins, whichever part holds it.
        let cyrillic = "(?:a|б)\\s*б+";
        let latin = "(?:a|б)\\s*б+\\s*c";
        let plain = "\\(\\d\\)";
        for patterns in [
            [cyrillic, latin, plain],
            [latin, cyrillic, plain],
            [plain, latin, cyrillic],
        ] {
            let owned: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
            let set = CueSet::new(&owned);
            for text in [
                "a бб c",
                "б б c (1) a бб",
                "(2) ббб c",
                "(3)",
                "x a бб c y б",
            ] {
                let found: Vec<Span> = set.matches(text, scripts_of(text), |_| false).collect();
                assert_eq!(
                    found,
                    as_one_regex(&patterns, text),
                    "{patterns:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn sets_of_the_same_patterns_share_their_compiled_parts() {
        // What lets the pattern thread compile the parts the checking threads use.
        let patterns = vec![
            "shared\\s+cue\\s+\u{E000}".to_owned(),
            "спільн\u{E000}".to_owned(),
        ];
        let (prepared, used) = (CueSet::new(&patterns), CueSet::new(&patterns));
        prepared.prepare();
        for (a, b) in prepared.parts().iter().zip(used.parts()) {
            match (a, b) {
                (Some(a), Some(b)) => {
                    assert!(Arc::ptr_eq(a, b));
                    assert!(b.regex.get().is_some(), "compiled already");
                }
                (None, None) => {}
                _ => panic!("the sets split differently"),
            }
        }
        let other = CueSet::new(&["other\\s+\u{E000}".to_owned()]);
        assert!(!Arc::ptr_eq(
            other.parts()[1].as_ref().unwrap(),
            prepared.parts()[1].as_ref().unwrap()
        ));
    }

    #[test]
    fn a_pattern_needs_the_script_every_match_goes_through() {
        assert_eq!(script_needed("повідомляє\\s+\u{E000}"), CYRILLIC);
        assert_eq!(script_needed("\u{E000}\\s+reports"), LATIN);
        assert_eq!(script_needed("\u{E000}\\s*によると"), JAPANESE);
        // A choice between scripts, an optional word, punctuation: none in particular.
        assert_eq!(script_needed("(?:sources|джерела)\\s*:\\s*\u{E000}"), 0);
        assert_eq!(script_needed("(?:the\\s+)?\u{E000}"), 0);
        assert_eq!(script_needed("\\(\\s*\u{E000}\\s*\\)"), 0);
        // Case folding takes the Kelvin sign into `k`, and the narrow `ᲂ` into `о`.
        assert_eq!(script_needed("k"), LATIN);
        assert_eq!(script_needed("о"), CYRILLIC);
        assert_eq!(scripts_of("\u{212A}"), LATIN);
        assert_eq!(scripts_of("\u{1C82}"), CYRILLIC);
        assert_eq!(scripts_of("(\u{E000}) 2024"), 0);
        assert_eq!(scripts_of("Reuters, Укрінформ"), LATIN | CYRILLIC);
    }
}
