//! `lookalike-link`: no link may imitate one of the source's domains without being one.

use serde::Deserialize;

use super::Context;
use crate::rules::host::{self, Trick};
use crate::rules::{Finding, Label, Rule, fill};

/// Parameters of a `lookalike-link` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    /// How many edits (insertions, deletions, substitutions, transpositions) a host name may
    /// be from the source's name and still count as a misspelling of it.
    #[serde(default = "two")]
    max_edits: usize,
}

fn two() -> usize {
    2
}

fn imitating_link(rule: &Rule, ctx: &Context<'_>, span: std::ops::Range<usize>, host: &str, trick: Trick) -> Finding {
    let domain = ctx.domain();
    let vars = [("source", ctx.source.name.as_str()), ("domain", domain), ("host", host)];
    Finding::new(&rule.id, rule.severity, fill(&rule.message, &vars), Label::new(span, trick.describe()))
        .with_help(fill(&rule.help, &vars))
        .with_url(&rule.terms_url)
}

pub(crate) fn check(rule: &Rule, params: &Params, ctx: &Context<'_>) -> Vec<Finding> {
    let source = ctx.source;
    let genuine = |h: &str| source.is_source_host(h) || source.is_related_host(h);
    let mut out = Vec::new();
    for link in &ctx.doc.links {
        let Some(url) = &link.url else { continue };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        if let Some(trick) = host::imitation(url, &link.href, &source.domains, &source.brands, params.max_edits, &genuine) {
            let shown = url.host_str().map_or_else(String::new, |h| idna::domain_to_unicode(h).0);
            out.push(imitating_link(rule, ctx, link.span.clone(), &shown, trick));
        }
    }
    out
}
