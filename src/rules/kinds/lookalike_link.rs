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
    /// Services that serve another site's pages under a name of their own, spelling the
    /// site's host in a subdomain (Google's AMP cache `www-ukrinform-net.cdn.ampproject.org`,
    /// its translation proxy `…translate.goog`): a host under one of them is the service's,
    /// which nobody else can name, and imitates nothing.
    #[serde(default)]
    proxy_hosts: Vec<String>,
    /// Other organisations' sites whose names begin like the source's (Ukrinformnauka, a
    /// state science news service, at `ukrinformnauka.gov.ua`): theirs, and imitating
    /// nothing.
    #[serde(default)]
    other_hosts: Vec<String>,
}

fn two() -> usize {
    2
}

impl Params {
    /// The configured edit bound.
    pub(crate) fn max_edits(&self) -> usize {
        self.max_edits
    }
}

fn imitating_link(
    rule: &Rule,
    ctx: &Context<'_>,
    link: &crate::document::Link,
    host: &str,
    trick: Trick,
    domain: &str,
) -> Finding {
    let vars = [
        ("source", ctx.source.name.as_str()),
        ("domain", domain),
        ("host", host),
    ];
    // The letters beyond ASCII, as the address writes them (`WWW.UKRІNFORM.NET`: `І`): a
    // reader cannot tell them on screen.
    let written = crate::document::markdown::authority(&link.href);
    let written = if written.is_empty() { host } else { written };
    let mut foreign: Vec<char> = Vec::new();
    for c in written
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
    {
        if !foreign.contains(&c) {
            foreign.push(c);
        }
    }
    let label = if foreign.is_empty() {
        trick.describe().to_owned()
    } else {
        let letters: Vec<String> = foreign
            .iter()
            .take(3)
            .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
            .collect();
        // A Latin letter with a mark or without its dot (`ı`) only looks like the name's too.
        let describe = if trick == Trick::Homoglyph
            && foreign
                .iter()
                .all(|&c| crate::rules::cue_set::in_script(c, crate::rules::cue_set::LATIN))
        {
            "look-alike letters"
        } else {
            trick.describe()
        };
        format!("{describe}: {}", letters.join(", "))
    };
    Finding::new(
        &rule.id,
        rule.severity,
        fill(&rule.message, &vars),
        Label::new(link.span.clone(), label),
    )
    .with_help(fill(&rule.help, &vars))
    .with_url(&rule.terms_url)
}

pub(crate) fn check(rule: &Rule, params: &Params, ctx: &Context<'_>) -> Vec<Finding> {
    let source = ctx.source;
    let genuine = |h: &str| {
        source.is_source_host(h)
            || source.is_related_host(h)
            || host::is_under(h, &params.proxy_hosts)
            || host::is_under(h, &params.other_hosts)
    };
    let mut out = Vec::new();
    for link in &ctx.doc.links {
        let Some(url) = &link.url else { continue };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        if let Some(trick) = host::imitation(
            url,
            &link.href,
            &source.domains,
            &source.brands,
            params.max_edits,
            &genuine,
        ) {
            let host = url.host_str().unwrap_or_default();
            // A host with letters of other scripts is shown as a reader sees it, and as the
            // browser's address bar may show it (punycode).
            let unicode = idna::domain_to_unicode(host).0;
            let shown = if unicode == host {
                unicode
            } else {
                format!("{unicode} ({host})")
            };
            let userinfo = crate::document::markdown::authority(&link.href)
                .rsplit_once('@')
                .map(|(u, _)| u.to_lowercase());
            let domain = userinfo
                .as_deref()
                .and_then(|u| {
                    host::imitated(u, &source.domains).or_else(|| {
                        source
                            .domains
                            .iter()
                            .find(|d| u.contains(d.as_str()))
                            .map(String::as_str)
                    })
                })
                .or_else(|| host::imitated(host, &source.domains))
                .unwrap_or_else(|| ctx.domain());
            out.push(imitating_link(rule, ctx, link, &shown, trick, domain));
        }
    }
    out
}
