//! The generic rule kinds a pack builds its rules from, one file each.

mod link_position;
mod link_text_mismatch;
mod lookalike_link;
mod paired_link;
mod required_label;

use std::ops::Range;
use std::sync::LazyLock;

use serde::de::DeserializeOwned;

use super::citation::{Citation, CopiedWindow, SourceMatcher};
use super::pack::{PackError, RuleKind};
use super::registry::Outlets;
use super::{Finding, Rule};
use crate::document::{Document, Format};

/// Compiled parameters of a rule, by kind.
#[derive(Debug)]
pub(crate) enum KindParams {
    LinkPosition(link_position::Compiled),
    LinkTextMismatch,
    LookalikeLink(lookalike_link::Params),
    PairedLink(paired_link::Compiled),
    RequiredLabel(required_label::Compiled),
}

/// What every rule kind sees of a document: the document, the pack's source, and the
/// citations found once for the whole pack.
pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub source: &'a SourceMatcher,
    pub citations: &'a [Citation],
    /// For each block, the copies of its windows that the citation search matched cue
    /// patterns in (`None` where the block has no window); empty when citations were not
    /// looked for.
    pub copies: &'a [Option<Vec<CopiedWindow>>],
}

impl Context<'_> {
    /// The source's domain to name in messages: the one the document already links or
    /// names, else the edition for the script of its first cue, else the pack's first.
    pub(crate) fn domain(&self) -> &str {
        let by_script = || {
            let cue = self
                .citations
                .iter()
                .find(|c| c.kind == super::citation::CitationKind::Cue);
            let text = match cue {
                Some(cue) => self.doc.text.get(cue.span.clone())?,
                None => self
                    .doc
                    .first_paragraph()
                    .or_else(|| self.doc.blocks.first())?
                    .text
                    .as_str(),
            };
            self.source.domain_for(text)
        };
        self.citations
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

/// Builds an error at an optional inner span of a rule's parameters.
pub(crate) type ParamError<'a> = dyn Fn(String, Option<Range<usize>>) -> Box<PackError> + 'a;

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
        RuleKind::LinkTextMismatch => {
            let _: Empty = deserialize(params, err)?;
            KindParams::LinkTextMismatch
        }
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
        RuleKind::RequiredLabel => {
            KindParams::RequiredLabel(required_label::compile(deserialize(params, err)?, err)?)
        }
    })
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

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
        KindParams::LinkTextMismatch => link_text_mismatch::check(rule, ctx),
        KindParams::LookalikeLink(p) => lookalike_link::check(rule, p, ctx),
        KindParams::PairedLink(p) => paired_link::check(rule, p, ctx),
        KindParams::RequiredLabel(p) => required_label::check(rule, p, ctx),
    }
}

/// Whether a rule of this kind only applies to documents that cite the source.
pub(crate) fn needs_citation(kind: RuleKind) -> bool {
    !matches!(kind, RuleKind::LookalikeLink | RuleKind::LinkTextMismatch)
}
