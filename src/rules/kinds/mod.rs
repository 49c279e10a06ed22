//! The generic rule kinds a pack builds its rules from, one file each.

mod link_position;
mod link_text_mismatch;
mod lookalike_link;
mod paired_link;
mod required_label;

use std::ops::Range;
use std::sync::LazyLock;

use serde::de::DeserializeOwned;

use super::citation::{Citation, CopiedWindow, Deferred, SourceMatcher};
use super::pack::{PackError, RuleKind};
use super::registry::Outlets;
use super::{Finding, Rule};
use crate::document::{Document, Format, Inactive};

/// Compiled parameters of a rule, by kind.
#[derive(Debug)]
pub(crate) enum KindParams {
    LinkPosition(link_position::Compiled),
    LinkTextMismatch(link_text_mismatch::Params),
    LookalikeLink(lookalike_link::Params),
    PairedLink(paired_link::Compiled),
    RequiredLabel(Box<required_label::Compiled>),
}

impl KindParams {
    /// Compiles now the patterns the kind compiles when first used: its cue sets.
    pub(crate) fn prepare(&self) {
        match self {
            Self::PairedLink(params) => params.prepare(),
            Self::LinkPosition(_)
            | Self::LinkTextMismatch(_)
            | Self::LookalikeLink(_)
            | Self::RequiredLabel(_) => {}
        }
    }
}

/// What a citation search finds: the citations, and for each block the copies of its
/// windows that the cue patterns were matched in (`None` where the block has no window).
type Found = (Vec<Citation>, Vec<Option<Vec<CopiedWindow>>>);

/// What every rule kind sees of a document: the document, the pack's source, and the
/// citations, searched for once for the whole pack and only when a rule asks.
///
/// The search matches the source's cue patterns, the largest of a pack, in every block that
/// names the source. Most documents settle every rule without it: one that links the source
/// in its first paragraph and names no foreign outlet needs no cue to pass.
pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub source: &'a SourceMatcher,
    found: std::cell::OnceCell<Found>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(doc: &'a Document, source: &'a SourceMatcher) -> Self {
        Self {
            doc,
            source,
            found: std::cell::OnceCell::new(),
        }
    }

    fn found(&self) -> &Found {
        self.found
            .get_or_init(|| self.source.find_citations(self.doc))
    }

    /// Every citation of the source in the document, in source order.
    pub(crate) fn citations(&self) -> &[Citation] {
        &self.found().0
    }

    /// For each block, the copies of its windows that the citation search matched cue
    /// patterns in (`None` where the block has no window).
    pub(crate) fn copies(&self) -> &[Option<Vec<CopiedWindow>>] {
        &self.found().1
    }

    /// Whether the document cites the source at all. A link to the source is a citation
    /// of its own, which the search would keep, so such a document is answered without it.
    pub(crate) fn cites(&self) -> bool {
        self.doc
            .links
            .iter()
            .any(|l| l.url.as_ref().is_some_and(|u| self.source.is_source_url(u)))
            || !self.citations().is_empty()
    }

    /// The text that shows how the document names the source: its first cue, else its first
    /// paragraph (or first block).
    fn naming_text(&self) -> Option<&str> {
        let cue = self
            .citations()
            .iter()
            .find(|c| c.kind == super::citation::CitationKind::Cue);
        match cue {
            Some(cue) => self.doc.text.get(cue.span.clone()),
            None => (self
                .doc
                .first_paragraph()
                .or_else(|| self.doc.blocks.first()))
            .map(|b| b.text.as_str()),
        }
    }

    /// The source's name to write in a suggested link: as the document's first cue writes it
    /// (`Укрінформ` in a Ukrainian text), else in the script of its first paragraph.
    pub(crate) fn link_text(&self) -> &str {
        (self.naming_text())
            .and_then(|t| self.source.name_for(t))
            .unwrap_or(&self.source.name)
    }

    /// The source's domain to name in messages: the one the document already links or
    /// names, else the edition for the script of its first cue, else the pack's first.
    pub(crate) fn domain(&self) -> &str {
        // The language the document declares, else the script (or the name form) of its
        // first cue.
        let by_script = || {
            self.doc
                .meta
                .iter()
                .filter(|m| {
                    matches!(
                        super::meta_key_form(&m.key).as_str(),
                        "lang" | "language" | "locale" | "og:locale"
                    )
                })
                .find_map(|m| self.source.domain_for_language(&m.value))
                .or_else(|| self.source.domain_for(self.naming_text()?))
        };
        self.citations()
            .iter()
            .filter_map(|c| c.url.as_deref())
            .filter_map(|u| url::Url::parse(u).ok())
            .filter_map(|u| u.host_str().map(str::to_owned))
            .find_map(|h| {
                self.source
                    .domains
                    .iter()
                    .find(|d| super::host::is_under(&h, std::slice::from_ref(d)))
            })
            .map(String::as_str)
            .or_else(by_script)
            .unwrap_or(&self.source.domains[0])
    }

    /// A link to `url` reading `text`, written in the document's own format.
    pub(crate) fn snippet(&self, text: &str, url: &str) -> String {
        match self.doc.format {
            Format::Markdown => format!("`[{text}]({url})`"),
            Format::Html => format!("`<a href=\"{url}\">{text}</a>`"),
        }
    }
}

/// Why a link no reader can follow does not count, for a label on it.
pub(crate) fn why_inactive(inactive: Inactive) -> &'static str {
    match inactive {
        Inactive::Hidden => "this link is hidden from readers, so it does not count",
        Inactive::Footnote => "this link is in a footnote, which renders below the text",
        Inactive::Scheme => "this is not an http(s) link a reader can follow",
        Inactive::UserInfo => {
            "this link's address carries user information before an `@`, so it does not count"
        }
        Inactive::Empty => "this link has no text or image, so there is nothing to click",
    }
}

/// Builds an error at an optional inner span of a rule's parameters.
pub(crate) type ParamError<'a> = dyn Fn(String, Option<Range<usize>>) -> Box<PackError> + 'a;

/// The most words a label line may name after its label (`Sponsored by Lviv Bank`).
const SPONSOR_WORDS: usize = 6;

/// Label lines that name whom the material is for (`Sponsored by Lviv Bank`, `Реклама: ТОВ
/// «Банк»`): a rule's labels and `label-joiners`, read the same way by `link-position` and
/// `required-label`.
#[derive(Debug)]
pub(crate) struct SponsorLines {
    /// The labels, trimmed and in lower case.
    labels: Vec<String>,
    /// The first two characters of the labels (`None` for a label of one), sorted.
    starts: Vec<(char, Option<char>)>,
    /// The most words a label has.
    words: usize,
    /// The longest text that can still be a label line: three bytes for each byte of the
    /// longest label (folding shrinks a character to a third at most) and a name after it.
    reach: usize,
    /// The joiners, in lower case.
    joiners: Vec<String>,
}

impl SponsorLines {
    pub(crate) fn new(labels: &[String], joiners: &[String]) -> Self {
        let labels: Vec<String> = labels.iter().map(|l| l.trim().to_lowercase()).collect();
        let mut starts: Vec<(char, Option<char>)> = labels
            .iter()
            .filter_map(|l| {
                let mut chars = l.chars();
                Some((chars.next()?, chars.next()))
            })
            .collect();
        starts.sort_unstable();
        starts.dedup();
        Self {
            words: (labels.iter())
                .map(|l| l.split_whitespace().count())
                .max()
                .unwrap_or(0),
            reach: 3 * labels.iter().map(String::len).max().unwrap_or(0) + SPONSOR_REACH,
            starts,
            labels,
            joiners: joiners.iter().map(|j| j.trim().to_lowercase()).collect(),
        }
    }

    /// The length of the label that opens `core`, the paragraph `text` with its decoration
    /// trimmed, when `core` is that label and whom the material is for ([`names_sponsor`]).
    /// A paragraph that asks or exclaims is none; most are ruled out by their length, their
    /// first two characters or their word count, before any folding.
    pub(crate) fn label_of(&self, core: &str, text: &str) -> Option<usize> {
        if core.len() > self.reach
            || !self.may_start(core)
            || core
                .split_whitespace()
                .nth(self.words + 1 + SPONSOR_WORDS)
                .is_some()
            || asks_or_exclaims(text)
        {
            return None;
        }
        let lower = core.to_lowercase();
        // Folding changed byte lengths: the label's end cannot be found in `core`.
        if lower.len() != core.len() {
            return None;
        }
        self.labels
            .iter()
            .find(|label| {
                lower.starts_with(label.as_str())
                    && core
                        .get(label.len()..)
                        .is_some_and(|rest| names_sponsor(rest, &self.joiners))
            })
            .map(String::len)
    }

    /// Whether a label can open `core`, by its first two characters folded.
    fn may_start(&self, core: &str) -> bool {
        let mut chars = core.chars();
        let (Some(first), second) = (chars.next(), chars.next()) else {
            return false;
        };
        let second = second.map(|c| c.to_lowercase().next().unwrap_or(c));
        first.to_lowercase().any(|first| {
            self.starts.binary_search(&(first, second)).is_ok()
                || self.starts.binary_search(&(first, None)).is_ok()
        })
    }
}

/// The most bytes a label line may hold after its label: six long words, in Cyrillic.
const SPONSOR_REACH: usize = 160;

/// Whether `rest`, what follows a label at the start of a paragraph, only names whom the
/// material is for, so that the paragraph is a label line (`Sponsored by Lviv Bank`,
/// `Реклама: ТОВ «Банк»`, `Advertisement | Lviv Bank`, `Sponsored by: J.P. Morgan`): a
/// separator or one of `joiners` (lower case), then a name of at most [`SPONSOR_WORDS`]
/// words. A name is capitalised: each of its words opens with a capital or a digit, stands in
/// quotes, or is one of [`NAME_LINKS`]; no comma, semicolon, `!` or `?` is in it, and a full
/// stop only after a capital (`J.P.`) or at its end. So a sentence is no label line:
/// `Реклама від держави подорожчає.`, `PR: the new campaign starts today`, `Реклама — двигун
/// торгівлі`. A hyphen with a letter right after the label joins a word (`PR-відділ`).
fn names_sponsor(rest: &str, joiners: &[String]) -> bool {
    if rest
        .strip_prefix(['-', '‑'])
        .is_some_and(|r| r.starts_with(char::is_alphanumeric))
    {
        return false;
    }
    let spaced = rest.starts_with(char::is_whitespace);
    let rest = rest.trim_start();
    let name = if let Some(name) = rest.strip_prefix(|c: char| {
        matches!(
            c,
            ':' | '|' | '/' | '—' | '–' | '-' | '·' | '•' | '：' | '.'
        )
    }) {
        name
    } else {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let joiner = rest[..word_end].trim_end_matches(':');
        if !spaced || !joiners.iter().any(|j| j.as_str() == joiner.to_lowercase()) {
            return false;
        }
        &rest[word_end..]
    };
    let name = name.trim();
    let name = name.strip_suffix('.').unwrap_or(name);
    let words = name.split_whitespace().count();
    if !(1..=SPONSOR_WORDS).contains(&words) || name.contains([',', ';', '!', '?']) {
        return false;
    }
    // A script without capitals or spaces between words (`広告：キーウ銀行`): a short run of
    // its letters, which no sentence is (one ends with `。`).
    let unspaced = crate::rules::cue_set::is_unspaced;
    if words == 1
        && name.chars().count() <= UNSPACED_NAME_CHARS
        && name.chars().any(unspaced)
        && name
            .chars()
            .all(|c| unspaced(c) || c.is_ascii_alphanumeric())
    {
        return true;
    }
    // A full stop only closes an initial or an abbreviation in capitals (`J.P.`, `І.І.`).
    let mut previous = None;
    for c in name.chars() {
        if c == '.' && !previous.is_some_and(char::is_uppercase) {
            return false;
        }
        previous = Some(c);
    }
    let mut quoted = false;
    let mut capitalised = false;
    for word in name.split_whitespace() {
        quoted |= word.starts_with(['«', '“', '"', '„', '\'']);
        let first = word
            .trim_start_matches(['«', '“', '"', '„', '\'', '('])
            .chars()
            .next();
        let capital = quoted || first.is_some_and(char::is_uppercase);
        if !(capital
            || first.is_some_and(|c| c.is_ascii_digit())
            || !word.chars().any(char::is_alphabetic)
            || NAME_LINKS.contains(&word.to_lowercase().as_str()))
        {
            return false;
        }
        capitalised |= capital;
        if word.chars().count() > 1 && word.ends_with(['»', '”', '“', '"', '\'']) {
            quoted = false;
        }
    }
    capitalised
}

/// The most characters of a name in a script written without spaces on a label line.
const UNSPACED_NAME_CHARS: usize = 20;

/// The words that may stand in lower case inside a name (`Friends of the Lviv Opera`,
/// `Banco de Kyiv`, `Іваненко та партнери`).
const NAME_LINKS: [&str; 22] = [
    "the", "of", "and", "for", "de", "du", "des", "la", "le", "del", "da", "di", "der", "die",
    "das", "und", "von", "van", "y", "et", "та", "і",
];

/// Whether a paragraph ends asking, exclaiming or trailing off (`Sponsored by Lviv Bank?`),
/// its closing marks aside: no label line does.
fn asks_or_exclaims(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '»' | '”' | '"' | '\'' | ')' | ']')
    })
    .ends_with(['?', '!', '…'])
}

/// Bylines and datelines, from a rule's `byline-patterns`: paragraphs that credit or date the
/// text below them and so stand above its first paragraph (SPEC §4.4).
#[derive(Debug)]
pub(crate) struct Bylines(Deferred);

impl Bylines {
    /// Compiles `patterns` (case-insensitive, each matched against a paragraph's whole text);
    /// a `trusted` (embedded) pack's compile when first used.
    pub(crate) fn compile(patterns: &[String], trusted: bool) -> Result<Self, String> {
        let pattern = (!patterns.is_empty()).then(|| {
            let alternatives: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
            format!(r"(?i)\A(?:{})\z", alternatives.join("|"))
        });
        Deferred::compile(pattern, trusted)
            .map(Self)
            .map_err(|m| format!("invalid byline pattern: {m}"))
    }

    /// Whether `text`, decoration aside, is a byline or a dateline.
    pub(crate) fn matches(&self, text: &str) -> bool {
        let core = text.trim_matches(|c: char| !c.is_alphanumeric());
        // No byline is long; a paragraph that is cannot be one.
        core.len() <= 160 && self.0.get().is_some_and(|r| r.is_match(core))
    }
}

/// Compiles a rule's `[rule.params]` table for its kind.
pub(crate) fn compile(
    kind: RuleKind,
    params: toml::Table,
    source: &SourceMatcher,
    err: &ParamError<'_>,
    registry: fn(&str) -> Option<&'static LazyLock<Outlets>>,
) -> Result<KindParams, Box<PackError>> {
    Ok(match kind {
        RuleKind::LinkPosition => KindParams::LinkPosition(link_position::compile(
            deserialize(params, err)?,
            source.trusted(),
            err,
        )?),
        RuleKind::LinkTextMismatch => KindParams::LinkTextMismatch(deserialize(params, err)?),
        RuleKind::LookalikeLink => {
            let params: lookalike_link::Params = deserialize(params, err)?;
            if params.max_edits() > super::host::MAX_EDITS_BOUND {
                return Err(err(
                    format!("max-edits can be at most {}", super::host::MAX_EDITS_BOUND),
                    None,
                ));
            }
            KindParams::LookalikeLink(params)
        }
        RuleKind::PairedLink => KindParams::PairedLink(paired_link::compile(
            deserialize(params, err)?,
            source,
            err,
            registry,
        )?),
        RuleKind::RequiredLabel => KindParams::RequiredLabel(Box::new(required_label::compile(
            deserialize(params, err)?,
            source.trusted(),
            err,
        )?)),
    })
}

fn deserialize<T: DeserializeOwned>(
    params: toml::Table,
    err: &ParamError<'_>,
) -> Result<T, Box<PackError>> {
    T::deserialize(toml::Value::Table(params))
        .map_err(|e| err(format!("invalid rule parameters: {}", e.message()), None))
}

/// Runs one rule over a document.
pub(crate) fn check(rule: &Rule, ctx: &Context<'_>) -> Vec<Finding> {
    match &rule.params {
        KindParams::LinkPosition(p) => link_position::check(rule, p, ctx),
        KindParams::LinkTextMismatch(p) => link_text_mismatch::check(rule, p, ctx),
        KindParams::LookalikeLink(p) => lookalike_link::check(rule, p, ctx),
        KindParams::PairedLink(p) => paired_link::check(rule, p, ctx),
        KindParams::RequiredLabel(p) => required_label::check(rule, p, ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ReadOptions, read};
    use crate::rules::Engine;

    fn context_of<'a>(engine: &'a Engine, doc: &'a Document) -> Context<'a> {
        Context::new(doc, &engine.packs()[0].source)
    }

    #[test]
    fn a_label_line_may_name_whom_the_material_is_for_in_a_few_capitalised_words() {
        let joiners = vec!["by".to_owned(), "від".to_owned(), "from".to_owned()];
        for rest in [
            " by Lviv Bank",
            " by: J.P. Morgan",
            ": ТОВ «Львівський банк»",
            ": ФОП Іваненко І.І.",
            " | Lviv Bank.",
            " — Lviv Bank",
            " від ТОВ «Львівський банк»",
            " by the Friends of the Lviv Opera",
            ". ТОВ «Банк»",
            " from „Lviv Bank“ 2025",
            // A script without capitals: a short run of its letters.
            "：キーウ銀行",
            ": Kyiv銀行",
        ] {
            assert!(names_sponsor(rest, &joiners), "{rest:?}");
        }
        for rest in [
            "",
            " by local businesses, the fair drew crowds",
            " by the City Council and Four of Its Largest Employers",
            "by Lviv Bank",
            " for Lviv Bank",
            "-відділ банку",
            ": банк відкрився. далі",
            ":",
            " від держави подорожчає",
            ": the new campaign starts today",
            " — двигун торгівлі",
            ": Colonel Petrenko heads the army",
            " by the ministry",
            ". Банк відкрив відділення",
            ": що зміниться з 1 січня",
            // A name in Ukrainian capitalises its first word only, as a sentence does.
            " від Сбербанку заборонена",
            // A Japanese sentence ends with `。`, and a long one is no name.
            "：新銀行が開業した。",
            "：キーウで新しい銀行が開業し多くの市民が訪れました",
        ] {
            assert!(!names_sponsor(rest, &joiners), "{rest:?}");
        }
        assert!(asks_or_exclaims("**Sponsored by Lviv Bank?**"));
        assert!(asks_or_exclaims("Promo — ends Sunday!"));
        assert!(!asks_or_exclaims("**Sponsored by Lviv Bank.**"));
    }

    #[test]
    fn a_link_to_the_source_answers_whether_it_is_cited_without_the_search() {
        let engine = Engine::with_embedded().unwrap();
        let text = "As [Ukrinform](https://www.ukrinform.net/x.html) reports, it rained.\n";
        let doc = read(text.as_bytes(), Format::Markdown, &ReadOptions::default()).unwrap();
        let ctx = context_of(&engine, &doc);
        assert!(ctx.cites());
        assert!(ctx.found.get().is_none(), "searched for cues");
        // Asked for, the citations hold the link and the cue around it.
        assert!(ctx.citations().len() >= 2, "{:?}", ctx.citations());
    }

    #[test]
    fn without_a_link_whether_the_source_is_cited_takes_the_search() {
        let engine = Engine::with_embedded().unwrap();
        for (text, cited) in [
            ("As Ukrinform reports, it rained.\n", true),
            ("It rained all day.\n", false),
        ] {
            let doc = read(text.as_bytes(), Format::Markdown, &ReadOptions::default()).unwrap();
            let ctx = context_of(&engine, &doc);
            assert_eq!(ctx.cites(), cited, "{text}");
            assert!(ctx.found.get().is_some(), "{text}");
        }
    }
}
