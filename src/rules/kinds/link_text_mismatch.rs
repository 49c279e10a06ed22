//! `link-text-mismatch`: a link whose text names the source must lead to the source.

use super::Context;
use crate::rules::host;
use crate::rules::{Finding, Label, Rule, fill};

fn misleading_text(
    rule: &Rule,
    ctx: &Context<'_>,
    span: std::ops::Range<usize>,
    host: &str,
) -> Finding {
    let domain = ctx.domain();
    let vars = [
        ("source", ctx.source.name.as_str()),
        ("domain", domain),
        ("host", host),
    ];
    let label = format!("reads as {} but leads to {host}", ctx.source.name);
    Finding::new(
        &rule.id,
        rule.severity,
        fill(&rule.message, &vars),
        Label::new(span, label),
    )
    .with_help(fill(&rule.help, &vars))
    .with_url(&rule.terms_url)
}

pub(crate) fn check(rule: &Rule, ctx: &Context<'_>) -> Vec<Finding> {
    let source = ctx.source;
    let genuine = |h: &str| source.is_source_host(h) || source.is_related_host(h);
    let mut out = Vec::new();
    for link in &ctx.doc.links {
        let Some(url) = &link.url else { continue };
        let Some(link_host) = url.host_str() else {
            continue;
        };
        if genuine(link_host) || !source.names_source(&link.text) {
            continue;
        }
        // A look-alike host has a rule of its own.
        if host::imitation(
            url,
            &link.href,
            &source.domains,
            &source.brands,
            2,
            &genuine,
        )
        .is_some()
        {
            continue;
        }
        out.push(misleading_text(rule, ctx, link.span.clone(), link_host));
    }
    out
}
