//! `link-position`: a document that cites the source must link to it in or above paragraph N.
//!
//! The finding's primary label is the paragraph the link belongs in; secondary labels point
//! at the citation that triggered the rule and at any link to the source found lower down
//! (or one that stands high enough but cannot be followed).

use serde::Deserialize;

use super::{Bylines, Context, ParamError, SponsorLines};
use crate::document::{Inactive, Link, LinkKind};
use crate::rules::citation::CitationKind;
use crate::rules::pack::PackError;
use crate::rules::{Finding, Label, Rule, fill};

/// Parameters of a `link-position` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    /// The link must stand in or above this visible paragraph (1 = the first).
    #[serde(default = "first")]
    paragraph: usize,
    /// Labels that make a paragraph holding nothing else a label line (`**Реклама**`): it
    /// stands above the paragraphs counted, as a title does.
    #[serde(default)]
    label_lines: Vec<String>,
    /// Words that join a label to the name of whom the material is for on a label line
    /// (`Sponsored by Lviv Bank`); a separator does so too (`Реклама: ТОВ «Банк»`).
    #[serde(default)]
    label_joiners: Vec<String>,
    /// Patterns (case-insensitive, matched against the whole text of a paragraph, decoration
    /// aside) of bylines and datelines: such a paragraph stands above the counted ones too.
    #[serde(default)]
    byline_patterns: Vec<String>,
}

/// A `link-position` rule's parameters, compiled.
#[derive(Debug)]
pub(crate) struct Compiled {
    paragraph: usize,
    label_lines: Vec<String>,
    /// The longest text that can still fold to a label line: three bytes for each byte of
    /// the longest (folding shrinks a character to a third at most, the Kelvin sign to `k`).
    label_reach: usize,
    /// Label lines that name whom the material is for.
    sponsor_lines: SponsorLines,
    bylines: Bylines,
}

/// Compiles the parameters; a `trusted` (embedded) pack's byline pattern compiles when
/// first used.
pub(crate) fn compile(
    params: Params,
    trusted: bool,
    err: &ParamError<'_>,
) -> Result<Compiled, Box<PackError>> {
    let bylines = Bylines::compile(&params.byline_patterns, trusted).map_err(|m| err(m, None))?;
    let label_lines: Vec<String> = params
        .label_lines
        .into_iter()
        .map(|l| l.trim().to_lowercase())
        .collect();
    Ok(Compiled {
        paragraph: params.paragraph,
        label_reach: 3 * label_lines.iter().map(String::len).max().unwrap_or(0),
        sponsor_lines: SponsorLines::new(&label_lines, &params.label_joiners),
        label_lines,
        bylines,
    })
}

impl Compiled {
    /// Whether a paragraph only labels, credits or dates the text below it: a label line,
    /// a byline or a dateline, decoration aside.
    fn stands_above(&self, text: &str) -> bool {
        let core = text.trim_matches(|c: char| !c.is_alphanumeric());
        (core.len() <= self.label_reach && self.label_lines.contains(&core.to_lowercase()))
            || self.sponsor_lines.label_of(core, text).is_some()
            || self.bylines.matches(text)
    }
}

fn first() -> usize {
    1
}

fn paragraph_too_low(rule: &Rule, ctx: &Context<'_>, primary: Label, snippet_url: &str) -> Finding {
    let domain = ctx.domain();
    let snippet = ctx.snippet(ctx.link_text(), snippet_url);
    let vars = [
        ("source", ctx.source.name.as_str()),
        ("domain", domain),
        ("snippet", snippet.as_str()),
    ];
    Finding::new(&rule.id, rule.severity, fill(&rule.message, &vars), primary)
        .with_help(fill(&rule.help, &vars))
        .with_url(&rule.terms_url)
}

/// A source URL fit for a suggestion: `http(s)`, with no user information.
fn followable(url: &str) -> Option<String> {
    let mut url = url::Url::parse(url).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_username("").ok()?;
    url.set_password(None).ok()?;
    Some(url.to_string())
}

pub(crate) fn check(rule: &Rule, params: &Compiled, ctx: &Context<'_>) -> Vec<Finding> {
    if !ctx.cites() {
        return Vec::new();
    }
    let doc = ctx.doc;
    let limit = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_visible_paragraph() && !params.stands_above(b.text.as_str()))
        .nth(params.paragraph.saturating_sub(1))
        .map(|(i, _)| i);
    let in_position = |link: &Link| match link.block {
        Some(block) => !doc.blocks[block].below && limit.is_none_or(|l| block <= l),
        None => limit.is_none(),
    };
    let to_source = |link: &&Link| {
        link.url
            .as_ref()
            .is_some_and(|u| ctx.source.is_source_url(u))
    };
    let source_links: Vec<&Link> = doc.links.iter().filter(to_source).collect();
    if source_links.iter().any(|l| l.is_active() && in_position(l)) {
        return Vec::new();
    }

    let where_ = if params.paragraph == 1 {
        "the first paragraph".to_owned()
    } else {
        format!("paragraph {}", params.paragraph)
    };
    let primary = if let Some(block) = limit {
        Label::new(
            doc.blocks[block].span.clone(),
            format!("{where_}: no link to {} here or above", ctx.source.name),
        )
    } else {
        let first = &ctx.citations()[0];
        Label::new(first.span.clone(), first.label(&ctx.source.name))
    };
    let lower = source_links
        .iter()
        .find(|l| l.is_active() && !in_position(l));
    // A link that reaches the source only through another site's redirect (Google Docs
    // exports every link as `https://www.google.com/url?q=https://www.ukrinform.net/…`) is a
    // link to that site; its target is the address to link.
    let redirect = source_links
        .is_empty()
        .then(|| {
            doc.links.iter().find_map(|l| {
                let url = l.url.as_ref()?;
                Some((l, url.host_str()?, redirect_target(url, ctx)?))
            })
        })
        .flatten();
    let snippet_url = lower
        .and_then(|l| l.url.as_ref().map(ToString::to_string))
        .or_else(|| redirect.as_ref().map(|(_, _, target)| target.to_string()))
        .or_else(|| {
            ctx.citations()
                .iter()
                .filter_map(|c| c.url.as_deref())
                .find_map(followable)
        })
        .unwrap_or_else(|| format!("https://www.{}/", ctx.domain()));
    let mut finding = paragraph_too_low(rule, ctx, primary, &snippet_url);

    let citations = ctx.citations();
    let evidence = citations
        .iter()
        .find(|c| matches!(c.kind, CitationKind::Cue | CitationKind::Copyright))
        .or_else(|| citations.iter().find(|c| c.kind != CitationKind::Link));
    if let Some(citation) = evidence {
        finding = finding.with_label(Label::new(
            citation.span.clone(),
            citation.label(&ctx.source.name),
        ));
    }
    if let Some(link) = lower {
        finding = finding.with_label(Label::new(
            link.span.clone(),
            format!("a link to {} stands here, below {where_}", ctx.source.name),
        ));
        finding.help = Some(format!(
            "move this link up into {where_}, or add one there: {}",
            ctx.snippet(ctx.link_text(), &snippet_url)
        ));
    }
    // A link no reader can follow where one would count says why it does not; lower down,
    // only where it is all that cites the source (a Ukrinform link in a hidden block): it is
    // what the finding is about.
    let inactive = source_links
        .iter()
        .find(|l| !l.is_active() && in_position(l))
        .or_else(|| {
            (finding.labels.is_empty())
                .then(|| source_links.iter().find(|l| !l.is_active()))
                .flatten()
        });
    if let Some(link) = inactive
        && let Some(why) = link.inactive
    {
        finding = finding.with_label(Label::new(link.span.clone(), super::why_inactive(why)));
    }
    // A link where one would count whose text names the source but whose address is not
    // the source's (a Telegram channel, a look-alike host, `javascript:`): the editor linked
    // the name, to the wrong place.
    let misdirected = (inactive.is_none() && redirect.is_none())
        .then(|| {
            doc.links.iter().find(|l| {
                in_position(l)
                    && !to_source(l)
                    && l.kind != LinkKind::Image
                    && ctx.source.names_source(&l.text)
            })
        })
        .flatten();
    if let Some(link) = misdirected {
        let label = match (
            link.inactive,
            link.url.as_ref().and_then(url::Url::host_str),
        ) {
            // A relative address, with no base to resolve it by, goes to the page's own site.
            (Some(Inactive::Scheme), _) if link.url.is_none() => format!(
                "this relative link stays on this site, not {}'s, so it does not count",
                ctx.source.name
            ),
            (Some(why), _) => super::why_inactive(why).to_owned(),
            (None, Some(host)) => format!(
                "this link goes to {host}, not to {}'s website, so it does not count",
                ctx.source.name
            ),
            (None, None) => format!(
                "this link does not lead to {}'s website, so it does not count",
                ctx.source.name
            ),
        };
        finding = finding.with_label(Label::new(link.span.clone(), label));
    }
    if let Some((link, host, _)) = redirect {
        finding = finding.with_label(Label::new(
            link.span.clone(),
            format!(
                "this link reaches {} only through a redirect at {host}; link the address itself",
                ctx.source.name
            ),
        ));
    }
    vec![finding]
}

/// The address of the source that `url` carries in its query (`?q=`, `?url=`, `?u=`…), as
/// link wrappers and redirect pages do.
fn redirect_target(url: &url::Url, ctx: &Context<'_>) -> Option<url::Url> {
    url.query()?;
    url.query_pairs().find_map(|(_, value)| {
        url::Url::parse(value.trim()).ok().filter(|target| {
            matches!(target.scheme(), "http" | "https") && ctx.source.is_source_url(target)
        })
    })
}
