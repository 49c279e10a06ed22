//! `paired-link`: material the source translated from a foreign outlet needs a link to that
//! outlet's website too, anywhere in the body.
//!
//! A translation is recognised from front matter (`translated_from: <url or name>`), from a
//! translation cue (`Ukrinform, citing …`), or from an outlet that a sentence citing the
//! source cites too, by the source's own cue patterns with the outlet's name in the source's
//! place (`Як передає Укрінформ, про це повідомляє The New York Times.`). An outlet merely
//! named there (`the minister thanked the BBC`) is no original.

use std::sync::LazyLock;

use serde::Deserialize;

use super::{Context, ParamError};
use crate::document::{Span, TextBuf};
use crate::rules::citation::{CitationKind, SourceMatcher};
use crate::rules::cue_set::CueSet;
use crate::rules::pack::PackError;
use crate::rules::registry::Outlets;
use crate::rules::{Finding, Label, Rule, fill, host};

/// Parameters of a `paired-link` rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    /// The outlet registry to use (`outlets`).
    registry: String,
    /// Metadata keys whose value names the translated outlet (URL or name).
    #[serde(default)]
    meta_keys: Vec<String>,
    /// Patterns with `{source}` that mark a translation on their own.
    #[serde(default)]
    cues: Vec<String>,
    /// Patterns with `{source}` in which someone else cites the source (`citing {source}`):
    /// in a sentence that cites the source only so, an outlet the sentence credits is the
    /// one citing the source (`Bloomberg reported, citing Ukrinform, …`), not its original.
    #[serde(default)]
    cited_by: Vec<String>,
    /// The source's own country (ISO 3166-1 alpha-2): a registry outlet of that country is
    /// no foreign outlet, listed only so that its name is not read as another's (`Forbes
    /// Україна` is not Forbes).
    #[serde(default)]
    home_country: Option<String>,
}

/// Compiled parameters.
#[derive(Debug)]
pub(crate) struct Compiled {
    outlets: &'static LazyLock<Outlets>,
    meta_keys: Vec<String>,
    cues: CueSet,
    cited_by: CueSet,
    /// The home country and its code domain (`.ua`), lower case.
    home: Option<(String, String)>,
}

pub(crate) fn compile(
    params: Params,
    source: &SourceMatcher,
    err: &ParamError<'_>,
    registry: fn(&str) -> Option<&'static LazyLock<Outlets>>,
) -> Result<Compiled, Box<PackError>> {
    let outlets = registry(&params.registry).ok_or_else(|| {
        err(
            format!(
                "unknown outlet registry `{}` (the built-in one is `outlets`)",
                params.registry
            ),
            None,
        )
    })?;
    let cue_set = |patterns: Vec<String>| {
        let patterns: Vec<toml::Spanned<String>> = patterns
            .into_iter()
            .map(|c| toml::Spanned::new(0..0, c))
            .collect();
        source.cue_set(&patterns, &|_, message| err(message, None))
    };
    let cues = cue_set(params.cues)?;
    let cited_by = cue_set(params.cited_by)?;
    Ok(Compiled {
        outlets,
        meta_keys: params
            .meta_keys
            .iter()
            .map(|k| crate::rules::meta_key_form(k))
            .collect(),
        cues,
        cited_by,
        home: params.home_country.map(|home| {
            let tld = format!(".{}", home.to_ascii_lowercase());
            (home, tld)
        }),
    })
}

/// One outlet the document says the source translated, and where it says so.
struct Translation {
    /// Index into the registry, or `None` for an outlet known only by its website.
    outlet: Option<usize>,
    /// Domains a link must point at.
    domains: Vec<String>,
    name: String,
    span: Span,
    /// The citation cue of the same sentence, if that is how it was found.
    cue: Option<Span>,
}

fn missing_outlet_link(rule: &Rule, ctx: &Context<'_>, t: &Translation) -> Finding {
    let outlet_domain = t.domains[0].as_str();
    let snippet = ctx.snippet(&t.name, &format!("https://{}/", website(outlet_domain)));
    let vars = [
        ("source", ctx.source.name.as_str()),
        ("domain", ctx.domain()),
        ("outlet", t.name.as_str()),
        ("outlet_domain", outlet_domain),
        ("snippet", snippet.as_str()),
    ];
    let primary = Label::new(
        t.span.clone(),
        format!("{} is named as the original here", t.name),
    );
    let mut finding = Finding::new(&rule.id, rule.severity, fill(&rule.message, &vars), primary)
        .with_help(fill(&rule.help, &vars))
        .with_url(&rule.terms_url);
    if let Some(cue) = &t.cue {
        finding = finding.with_label(Label::new(
            cue.clone(),
            format!("{} is cited here", ctx.source.name),
        ));
    }
    finding
}

/// The host of the website at `domain`: `www.` before a registrable domain (`reuters.com`,
/// `bbc.co.uk`), not before a host of its own (`news.sky.com`, `english.news.cn`).
fn website(domain: &str) -> String {
    let labels: Vec<&str> = domain.split('.').collect();
    let registrable = match labels.as_slice() {
        [_, _] => true,
        [_, second, _] => matches!(
            *second,
            "co" | "com" | "net" | "org" | "gov" | "ac" | "edu" | "or" | "ne"
        ),
        _ => false,
    };
    if registrable {
        format!("www.{domain}")
    } else {
        domain.to_owned()
    }
}

/// Sentence ranges of a text: a sentence ends at `.`, `!`, `?` or `…` followed by white
/// space and then a capital letter, a digit, a quote or the end; or at a line end.
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        // Japanese and Chinese full stops end a sentence with no space after them.
        let boundary = if matches!(c, '\n' | '。' | '！' | '？') {
            true
        } else if matches!(c, '.' | '!' | '?' | '…') && !(c == '.' && is_abbreviation(&text[..i]))
        {
            let rest = &text[end..];
            let next = rest.trim_start();
            rest.len() != next.len()
                && next
                    .chars()
                    .next()
                    .is_none_or(|n| n.is_uppercase() || n.is_numeric() || "«\"“„'(".contains(n))
        } else {
            false
        };
        if boundary {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Whether the text between two names only joins them in a list: commas, slashes,
/// ampersands and coordinating conjunctions (`Reuters and Bloomberg`, `Reuters, AP та
/// Bloomberg`, `Reuters as well as the Financial Times`), articles allowed before a name.
fn is_list_joint(between: &str) -> bool {
    /// Words of the conjunctions of the languages the packs cite in.
    const CONJUNCTIONS: &[&str] = &[
        "and",
        "or",
        "as",
        "well",
        "та",
        "і",
        "й",
        "також",
        "а",
        "и",
        "также",
        "или",
        "або",
        "und",
        "sowie",
        "oder",
        "y",
        "e",
        "o",
        "et",
        "ou",
        "i",
        "oraz",
        "lub",
        "albo",
    ];
    /// Articles that may stand before the next name.
    const ARTICLES: &[&str] = &[
        "the", "der", "die", "das", "la", "le", "les", "el", "los", "las",
    ];
    let mut joined = false;
    for token in between.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '&' | ';')) {
        let word = token.to_lowercase();
        if CONJUNCTIONS.contains(&word.as_str()) {
            joined = true;
        } else if !word.is_empty() && !ARTICLES.contains(&word.as_str()) {
            return false;
        }
    }
    joined || between.contains([',', '/', '&', ';'])
}

/// Whether the word before a full stop is an initial or a common abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    word.chars().count() == 1
        || [
            "Mr", "Mrs", "Ms", "Dr", "St", "No", "Jr", "Sr", "vs", "etc", "Prof", "Gen", "ім",
            "вул", "проф", "ген", "див",
        ]
        .contains(&word)
}

/// Whether `sentence` opens by pointing back at the one before (`Про це повідомляє …`,
/// `Об этом сообщает …`, `This was reported by …`).
fn refers_back(sentence: &str) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    [
        "про це ",
        "об этом ",
        "this was reported",
        "this is reported",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Whether translation cue `cue` (a range of `text`) marks the outlet named at `at` as
/// the original. A cue that names the material as a translation (`translated by Ukrinform`,
/// `переклад Укрінформу`) marks every outlet of its sentence; one that ends where the cited
/// party is named (`Ukrinform, citing`, `з посиланням на`) marks the outlet named there,
/// a few words on at most, and not one the sentence names later (`…, citing the regional
/// administration, reports that Sabah…`).
fn marks(text: &str, cue: &Span, mention: &Span) -> bool {
    let Some(cued) = text.get(cue.clone()) else {
        return false;
    };
    let at = mention.start;
    // A Japanese verb of quoting follows what it quotes (`米Politicoを引用して`, `米紙の記事を
    // 引用し`): the outlet stands right before it, not elsewhere in the sentence
    // (`国防省の発表を引用し、米CNNの報道は誤りだと伝えた` quotes the ministry).
    // So does a list of them (`米CNNとロイター通信を引用`).
    if let Some(quoting) = QUOTING_AFTER.iter().find_map(|q| cued.find(q)) {
        let quoting = cue.start + quoting;
        let close = |between: &str, most: usize| {
            between.chars().count() <= most && between.chars().all(char::is_alphanumeric)
        };
        return mention.end <= quoting
            && text.get(mention.end..quoting).is_some_and(|between| {
                close(between, 4)
                    || LIST_JOINTS_BEFORE_QUOTING
                        .iter()
                        .find_map(|j| between.strip_prefix(j))
                        .is_some_and(|rest| close(rest, 20))
            });
    }
    // A cue that names the cited party before the agency (`Unter Berufung auf Reuters
    // berichtet Ukrinform`, `Со ссылкой на Reuters сообщает Укринформ`, `за даними Bloomberg
    // пише Укрінформ`) marks only an outlet in that place, inside the cue: not one the
    // sentence goes on to mention (`…, dass ein Reporter der BBC verletzt wurde`).
    let words: Vec<&str> = cued
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let inner = &words[..words.len().saturating_sub(1)];
    if let Some(word) = inner
        .iter()
        .find(|w| CITED_NEXT_INSIDE.contains(&w.to_lowercase().as_str()))
    {
        let after = cue.start + (word.as_ptr() as usize - cued.as_ptr() as usize) + word.len();
        return at >= after && mention.end <= cue.end;
    }
    let last = words.last().copied().unwrap_or_default().to_lowercase();
    let names_next = matches!(
        last.as_str(),
        "citing"
            | "quoting"
            | "cites"
            | "quotes"
            | "cite"
            | "quote"
            | "referencing"
            | "to"
            | "на"
            | "citant"
            | "citando"
            | "a"
            | "auf"
            | "na"
            | "zitiert"
            | "zitierte"
            | "cytując"
    );
    if !names_next {
        return true;
    }
    // A German or Polish verb of quoting takes a person as often as an outlet (`zitiert
    // Selenskyj mit Blick auf die Zeit…`): the outlet stands right after it, an article
    // (`zitiert die Bild`) or a Polish adjective and noun (`cytując amerykański portal
    // Politico`) at most between.
    let reach = match last.as_str() {
        "zitiert" | "zitierte" => 1,
        "cytując" => 2,
        _ => MAX_WORDS_BEFORE_CITED,
    };
    at >= cue.end
        && text.get(cue.end..at).is_some_and(|between| {
            !between.contains([',', ';', ':', '(', ')'])
                && (between.split_whitespace())
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count()
                    <= reach
        })
}

/// Verbs of quoting that follow what they quote, in a language written without spaces.
const QUOTING_AFTER: &[&str] = &["を引用"];

/// Words after which a cue names the party it cites, where more of the cue follows (the verb
/// and the agency): the outlet a cue marks stands between them.
const CITED_NEXT_INSIDE: &[&str] = &["auf", "на", "даними", "данным"];

/// What joins the items of a list before such a verb (`米CNNとロイター通信を引用`).
const LIST_JOINTS_BEFORE_QUOTING: &[&str] = &["と", "や", "、", "・", "及び", "および"];

/// How many words may stand between `citing` and the outlet it cites (`citing the British
/// daily newspaper The Guardian`).
const MAX_WORDS_BEFORE_CITED: usize = 5;

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The citation cues of one block, sorted by start, with the running maximum of their ends:
/// finds the first cue of a sentence without scanning every cue for every sentence.
struct BlockCues<'a> {
    cues: Vec<&'a Span>,
    max_end: Vec<usize>,
}

impl<'a> BlockCues<'a> {
    fn new(cues: Vec<&'a Span>) -> Self {
        let mut max_end = Vec::with_capacity(cues.len());
        for cue in &cues {
            max_end.push(max_end.last().map_or(cue.end, |&m: &usize| m.max(cue.end)));
        }
        Self { cues, max_end }
    }

    /// The first cue, in citation order, that overlaps `span`.
    fn first_overlapping(&self, span: &Span) -> Option<&'a Span> {
        // Every cue before the first whose running end passes `span.start` ends before it.
        let first = self.max_end.partition_point(|&end| end <= span.start);
        self.cues.get(first).copied().filter(|c| overlaps(c, span))
    }
}

/// The citation cues of each block, in citation order (by start).
fn cues_by_block<'c>(ctx: &'c Context<'_>) -> Vec<Vec<&'c Span>> {
    let mut by_block = vec![Vec::new(); ctx.doc.blocks.len()];
    for citation in ctx.citations() {
        if let (CitationKind::Cue, Some(block)) = (citation.kind, citation.block)
            && let Some(cues) = by_block.get_mut(block)
        {
            cues.push(&citation.span);
        }
    }
    by_block
}

fn from_text(
    params: &Compiled,
    ctx: &Context<'_>,
    cues: Vec<&Span>,
    index: usize,
    text: &TextBuf,
    out: &mut Vec<Translation>,
) {
    let s = text.as_str();
    // Both ways of marking a translation name the source in the block: a block without a
    // window (where a name or brand could stand) has neither. The citation search, which
    // this rule needs, copied every block's windows.
    let Some(Some(copies)) = ctx.copies().get(index) else {
        return;
    };
    // Matches of one regex: in order and never overlapping, so their ends are sorted too.
    let translation_cues: Vec<Span> = SourceMatcher::match_copies(&params.cues, s, copies);
    if cues.is_empty() && translation_cues.is_empty() {
        // No sentence of the block cites the source or marks a translation.
        return;
    }
    // Where the block cites the source as cited by someone else (`citing Ukrinform`).
    let cited_by: Vec<Span> = if cues.is_empty() {
        Vec::new()
    } else {
        SourceMatcher::match_copies(&params.cited_by, s, copies)
    };
    let cues = BlockCues::new(cues);
    let all = sentences(s);
    for (index, sentence) in all.iter().cloned().enumerate() {
        let source_span = text.source_span(sentence.clone());
        let cue = cues.first_overlapping(&source_span).cloned();
        // `Як пише The Guardian, … . Про це передає Укрінформ.`: a sentence that cites the
        // source for what the sentence before says takes the outlets that one cites.
        if let Some(before) = index.checked_sub(1).map(|i| all[i].clone())
            && cue.is_some()
            && refers_back(&s[sentence.clone()])
        {
            let words = &s[before.clone()];
            for mention in params.outlets.find(words) {
                if ctx.source.cites_other(words, mention.start..mention.end) {
                    let span =
                        text.source_span(before.start + mention.start..before.start + mention.end);
                    out.push(Translation {
                        cue: cue.clone(),
                        ..registry_translation(params, mention.outlet, span)
                    });
                }
            }
        }
        // The translation cues of the sentence: matches of one regex, in order.
        let first = translation_cues.partition_point(|t| t.end <= sentence.start);
        let marking: Vec<&Span> = translation_cues[first..]
            .iter()
            .take_while(|t| t.start < sentence.end)
            .collect();
        let marked = !marking.is_empty();
        if cue.is_none() && !marked {
            continue;
        }
        let words = &s[sentence.clone()];
        // A sentence whose every citation of the source is someone citing it: the outlet it
        // credits is that someone.
        let only_cited_by = cue.is_some()
            && cues
                .cues
                .iter()
                .filter(|c| overlaps(c, &source_span))
                .all(|c| {
                    cited_by
                        .iter()
                        .any(|b| overlaps(&text.source_span(b.clone()), c))
                });
        // The end of the last outlet taken as an original, for the ones listed after it.
        let mut listed_after = None;
        for mention in params.outlets.find(words) {
            // In a sentence that only cites the source, an outlet is its original when the
            // sentence cites the outlet too (`…, Ukrinform reports, citing Reuters`;
            // `Як передає Укрінформ, про це пише The Guardian`), not when it merely names it;
            // so is an outlet listed with one it cites (`citing Reuters and Bloomberg`).
            let at = sentence.start + mention.start;
            let range = at..sentence.start + mention.end;
            // Credited with the source in one phrase (`Sources: Reuters, Ukrinform`,
            // `(Ukrinform/AFP)`), an outlet is a second source, not the original; unless a
            // translation cue marks it (`ウクルインフォルムは米Politicoを引用し、…と伝えた`,
            // where the cue of citing spans the whole clause).
            let span = text.source_span(range.clone());
            let marked_here = marking.iter().any(|t| marks(s, t, &range));
            if !marked_here && cues.cues.iter().any(|c| overlaps(c, &span)) {
                listed_after = None;
                continue;
            }
            let cited = marked_here
                || (!only_cited_by
                    && !apart_from_source(ctx, words, &(mention.start..mention.end))
                    && ctx.source.cites_other(words, mention.start..mention.end))
                || listed_after.is_some_and(|end| is_list_joint(&words[end..mention.start]));
            if !cited {
                listed_after = None;
                continue;
            }
            listed_after = Some(mention.end);
            out.push(Translation {
                cue: cue.clone(),
                ..registry_translation(params, mention.outlet, span)
            });
        }
    }
}

/// Whether the outlet named at `mention` of the sentence `words` stands in a clause of its own,
/// apart from the source's name nearest to it: a semicolon between them, or a comma and a
/// conjunction that opens another clause (`Ukrinform reports drones hit Kharkiv, and Reuters
/// says talks resumed`, `Укринформ сообщает об атаке, а Bloomberg пишет о нефти`). A press
/// review cites each outlet for its own news; `Як передає Укрінформ, про це повідомляє The
/// New York Times` cites the outlet for the agency's.
fn apart_from_source(ctx: &Context<'_>, words: &str, mention: &Span) -> bool {
    const OPENERS: [&str; 17] = [
        "and",
        "while",
        "whereas",
        "but",
        "meanwhile",
        "а",
        "але",
        "проте",
        "однак",
        "тоді",
        "натомість",
        "і",
        "й",
        "та",
        "но",
        "однако",
        "и",
    ];
    let names = ctx.source.literals().find_iter(words).map(|m| m.range());
    let nearest = names.min_by_key(|name| {
        if name.end <= mention.start {
            mention.start - name.end
        } else {
            name.start.saturating_sub(mention.end)
        }
    });
    let Some(name) = nearest else {
        return false;
    };
    let between = if name.end <= mention.start {
        &words[name.end..mention.start]
    } else {
        &words[mention.end.min(name.start)..name.start]
    };
    // The clause that follows the break opens with the name after it (the outlet, or the
    // source's name when the outlet comes first): `, and Reuters says`, `; Reuters says`. One
    // that opens otherwise goes on with the agency as its subject (`, and, citing Reuters,
    // said`, `, а також на Bloomberg`).
    let opens_with_name = |rest: &str| {
        let rest = rest.trim_matches(is_quote_or_space);
        rest.is_empty() || rest.eq_ignore_ascii_case("the")
    };
    if let Some((_, rest)) = between.rsplit_once(';')
        && opens_with_name(rest)
    {
        return true;
    }
    between.rsplit_once(',').is_some_and(|(_, after)| {
        let after = after.trim_start();
        let word_end = after.find(char::is_whitespace).unwrap_or(after.len());
        OPENERS.contains(&after[..word_end].to_lowercase().as_str())
            && opens_with_name(&after[word_end..])
    })
}

/// White space, or a quote around a name (`«The Guardian»`).
fn is_quote_or_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '„')
}

fn from_meta(params: &Compiled, ctx: &Context<'_>, out: &mut Vec<Translation>) {
    for meta in &ctx.doc.meta {
        let key = crate::rules::meta_key_form(&meta.key);
        let leaf = key.rsplit('.').next().unwrap_or(&key);
        if !params.meta_keys.iter().any(|k| k == leaf) {
            continue;
        }
        let value = meta.value.trim();
        // An address without its scheme (`www.theguardian.com/world/…`, `theguardian.com`)
        // names a website as well as a full URL does.
        let url = crate::document::markdown::resolve(value, None)
            .or_else(|| crate::document::markdown::address_without_scheme(value))
            .filter(|u| u.host_str().is_some());
        // The source's own address (`translated_from: www.ukrinform.ua/…`) names no outlet.
        if url.as_ref().and_then(|u| u.host_str()).is_some_and(|h| {
            host::is_under(h, &ctx.source.domains) || host::is_under(h, &ctx.source.related)
        }) {
            continue;
        }
        let translation = if let Some(url) = url {
            let host = url
                .host_str()
                .unwrap_or_default()
                .trim_start_matches("www.")
                .to_owned();
            match params.outlets.by_host(&host) {
                Some(i) => {
                    // The website the document names is the one to link
                    // (`translated_from: https://www.politico.eu/…`: politico.eu).
                    let mut t = registry_translation(params, i, meta.span.clone());
                    if let Some(at) = (t.domains.iter())
                        .position(|d| host::is_under(&host, std::slice::from_ref(d)))
                    {
                        t.domains[..=at].rotate_right(1);
                    }
                    t
                }
                None => Translation {
                    outlet: None,
                    domains: vec![host.clone()],
                    name: host,
                    span: meta.span.clone(),
                    cue: None,
                },
            }
        } else if let Some(i) = params.outlets.by_name(value) {
            registry_translation(params, i, meta.span.clone())
        } else if let Some(mention) = params.outlets.find(value).first() {
            registry_translation(params, mention.outlet, meta.span.clone())
        } else {
            continue;
        };
        out.push(translation);
    }
}

fn registry_translation(params: &Compiled, index: usize, span: Span) -> Translation {
    let outlet = &params.outlets.outlets[index];
    Translation {
        outlet: Some(index),
        domains: outlet.domains.clone(),
        name: outlet.names[0].clone(),
        span,
        cue: None,
    }
}

impl Compiled {
    /// Compiles the cue sets now, if they are not yet.
    pub(crate) fn prepare(&self) {
        self.cues.prepare();
        self.cited_by.prepare();
    }
}

pub(crate) fn check(rule: &Rule, params: &Compiled, ctx: &Context<'_>) -> Vec<Finding> {
    if !ctx.cites() {
        return Vec::new();
    }
    let mut translations = Vec::new();
    from_meta(params, ctx, &mut translations);
    // A translation in the text is an outlet mentioned in a sentence of a block that names
    // the source (a cue, or a translation cue, needs the source's name in the block). A
    // block without both needs neither the citation search nor the translation cues, and
    // a document without such a block needs no citation search.
    let named: Vec<usize> = (ctx.doc.blocks.iter().enumerate())
        .filter(|(_, b)| {
            let text = b.text.as_str();
            ctx.source.mentions(text) && params.outlets.mentions_any(text)
        })
        .map(|(i, _)| i)
        .collect();
    if !named.is_empty() {
        let mut cues = cues_by_block(ctx);
        for index in named {
            let block = &ctx.doc.blocks[index];
            let cues = std::mem::take(&mut cues[index]);
            from_text(params, ctx, cues, index, &block.text, &mut translations);
        }
    }
    if let Some((home, cc_tld)) = &params.home {
        // An outlet of the home country is no foreign one: a listed outlet by its country,
        // a website the registry does not list by its country code domain
        // (`translated_from: https://www.pravda.com.ua/…`).
        translations.retain(|t| match t.outlet {
            Some(i) => !params.outlets.outlets[i].country.eq_ignore_ascii_case(home),
            None => !t.domains.iter().any(|d| {
                d.trim_end_matches('.')
                    .to_ascii_lowercase()
                    .ends_with(cc_tld.as_str())
            }),
        });
    }
    let mut findings = Vec::new();
    let mut reported: Vec<(Option<usize>, String)> = Vec::new();
    for t in &translations {
        // One finding an outlet: a registry outlet by itself (the front matter's website,
        // read first, named), another by its website.
        let key = (
            t.outlet,
            t.outlet
                .map_or_else(|| t.domains[0].clone(), |_| String::new()),
        );
        if reported.contains(&key) {
            continue;
        }
        reported.push(key);
        let to_outlet = |l: &&crate::document::Link| {
            l.url
                .as_ref()
                .and_then(|u| u.host_str())
                .is_some_and(|h| host::is_under(h, &t.domains))
        };
        if ctx
            .doc
            .links
            .iter()
            .filter(to_outlet)
            .any(crate::document::Link::is_active)
        {
            continue;
        }
        let mut finding = missing_outlet_link(rule, ctx, t);
        // A link to the outlet no reader can follow says why it does not count.
        if let Some(link) = ctx.doc.links.iter().find(to_outlet)
            && let Some(why) = link.inactive
        {
            finding = finding.with_label(Label::new(link.span.clone(), super::why_inactive(why)));
        }
        findings.push(finding);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registrable_domain_is_suggested_with_www_and_a_host_of_its_own_as_it_is() {
        assert_eq!(website("reuters.com"), "www.reuters.com");
        assert_eq!(website("bbc.co.uk"), "www.bbc.co.uk");
        assert_eq!(website("news.sky.com"), "news.sky.com");
        assert_eq!(website("english.news.cn"), "english.news.cn");
        assert_eq!(website("english.hani.co.kr"), "english.hani.co.kr");
    }

    #[test]
    fn names_joined_by_commas_and_conjunctions_are_a_list() {
        for between in [
            " and ",
            ", ",
            " та ",
            ", AP ,",
            " as well as the ",
            " und der ",
            " & ",
        ] {
            let listed = between != ", AP ,";
            assert_eq!(is_list_joint(between), listed, "{between:?}");
        }
        for between in [" ", " the ", " reported that ", " said, and "] {
            assert!(!is_list_joint(between), "{between:?}");
        }
    }

    #[test]
    fn the_first_cue_of_a_sentence_is_found_as_a_scan_would_find_it() {
        let spans = [0..4, 2..30, 10..12, 31..35, 40..41];
        let cues = BlockCues::new(spans.iter().collect());
        for start in 0..45 {
            for end in start + 1..46 {
                let sentence = start..end;
                let scanned = spans.iter().find(|c| overlaps(c, &sentence));
                assert_eq!(cues.first_overlapping(&sentence), scanned, "{sentence:?}");
            }
        }
    }

    #[test]
    fn no_outlet_name_holds_a_sentence_boundary() {
        // What lets `Outlets::mentions_any` rule out every sentence of a block at once.
        let outlets = crate::rules::registry::registry("outlets").unwrap();
        for name in outlets.outlets.iter().flat_map(|o| &o.names) {
            let whole: Vec<Span> = std::iter::once(0..name.len()).collect();
            assert_eq!(sentences(name), whole, "{name:?}");
        }
    }

    proptest::proptest! {
        /// A block that `mentions_any` rules out has no sentence in which `find` finds an
        /// outlet: the rule skips such blocks whole.
        #[test]
        fn a_block_ruled_out_has_no_sentence_that_names_an_outlet(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "AP", "ap", "gap", "FT", "Reuters", "reuters", "REUTERSX", "The New York",
                    "The New York Times", "Times", "Рейтер", "Рейтерс", "BBC", "bbc", "x",
                    "Ukrinform", "米", "を", "。", ". ", "! ", ".", "\n", " ", " ", ", ", "«", "»", "-", "Mr. ",
                    "U.", "2", "é", "The", "New",
                ]),
                0..24,
            )
        ) {
            let text: String = pieces.concat();
            let outlets = crate::rules::registry::registry("outlets").unwrap();
            if !outlets.mentions_any(&text) {
                for sentence in sentences(&text) {
                    let words = &text[sentence];
                    proptest::prop_assert!(outlets.find(words).is_empty(), "{words:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn a_quoting_verb_reaches_only_the_outlet_right_after_it() {
        let reaches = |text: &str, cue: &str, outlet: &str| {
            let start = text.find(cue).unwrap();
            let at = text.find(outlet).unwrap();
            marks(text, &(start..start + cue.len()), &(at..at + outlet.len()))
        };
        assert!(reaches(
            "Ukrinform zitiert die Bild",
            "Ukrinform zitiert",
            "Bild"
        ));
        assert!(reaches(
            "Ukrinform zitiert den „Spiegel“",
            "Ukrinform zitiert",
            "Spiegel"
        ));
        assert!(!reaches(
            "Ukrinform zitiert Selenskyj mit Blick auf",
            "Ukrinform zitiert",
            "Blick"
        ));
        assert!(reaches(
            "Ukrinform, cytując amerykański portal Politico",
            "Ukrinform, cytując",
            "Politico"
        ));
        assert!(!reaches(
            "Ukrinform, cytując rzecznika MSZ i portal Politico",
            "Ukrinform, cytując",
            "Politico"
        ));
        assert!(reaches(
            "Ukrinform, citing the British daily newspaper The Guardian",
            "Ukrinform, citing",
            "The Guardian"
        ));
        // A Japanese verb of quoting takes what stands right before it.
        assert!(reaches(
            "ウクルインフォルムは米Politicoを引用し、再開すると伝えた。",
            "ウクルインフォルムは米Politicoを引用",
            "Politico"
        ));
        assert!(reaches(
            "米紙Politicoの記事を引用してウクルインフォルムが伝えた。",
            "を引用してウクルインフォルム",
            "Politico"
        ));
        assert!(reaches(
            "ウクルインフォルムは米CNNとロイター通信を引用して伝えた。",
            "ウクルインフォルムは米CNNとロイター通信を引用",
            "CNN"
        ));
        assert!(!reaches(
            "米CNNによると、ウクルインフォルムは国防省の発表を引用し、協議が始まったと伝えた。",
            "ウクルインフォルムは国防省の発表を引用",
            "CNN"
        ));
        // The cited party named before the agency: only an outlet in its place.
        assert!(reaches(
            "Unter Berufung auf Reuters berichtet Ukrinform, Russland habe Jets verlegt.",
            "Unter Berufung auf Reuters berichtet Ukrinform",
            "Reuters"
        ));
        assert!(!reaches(
            "Unter Berufung auf das Ministerium berichtet Ukrinform, dass ein Reporter der BBC verletzt wurde.",
            "Unter Berufung auf das Ministerium berichtet Ukrinform",
            "BBC"
        ));
        assert!(!reaches(
            "Со ссылкой на Минобороны сообщает Укринформ, что корреспондент Би-би-си ранен.",
            "Со ссылкой на Минобороны сообщает Укринформ",
            "Би-би-си"
        ));
        assert!(!reaches(
            "ウクルインフォルムは国防省の発表を引用し、米CNNの報道は誤りだと伝えた。",
            "ウクルインフォルムは国防省の発表を引用",
            "CNN"
        ));
    }

    #[test]
    fn japanese_full_stops_end_sentences_with_no_space_after_them() {
        let text = "欧州は増額する。ウクルインフォルムが報じた！次";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            ["欧州は増額する。", "ウクルインフォルムが報じた！", "次"]
        );
    }

    #[test]
    fn sentences_split_at_end_marks_followed_by_space() {
        let text = "Як передає Укрінформ, про це повідомляє The N.Y. Times. Нове речення! ще. Далі";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "Як передає Укрінформ, про це повідомляє The N.Y. Times.",
                " Нове речення! ще.",
                " Далі"
            ]
        );
    }
}
