//! `citelint rules` and `citelint explain RULE`.

use super::{ExitStatus, ExplainArgs, Io, OutputFormat, RulesArgs, engine};
use crate::rules::engine::{BUILTIN_RULES, Builtin, builtin};

pub(super) fn rules(args: &RulesArgs, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    let engine = match engine(&args.rule_files, io)? {
        Ok(engine) => engine,
        Err(status) => return Ok(status),
    };
    if args.format == OutputFormat::Json {
        let rules: Vec<serde_json::Value> = engine
            .rules()
            .map(|(pack, rule, level)| {
                serde_json::json!({
                    "id": &*rule.id,
                    "pack": pack.name,
                    "kind": rule.kind.name(),
                    "severity": level.map_or("off", |s| s.as_str()),
                    "summary": rule.summary,
                    "url": rule.terms_url,
                })
            })
            .chain(BUILTIN_RULES.iter().map(|b| {
                serde_json::json!({
                    "id": b.id,
                    "pack": "citelint",
                    "kind": "built-in",
                    "severity": engine.builtin_level(b).map_or("off", |s| s.as_str()),
                    "summary": b.summary,
                    "url": "",
                })
            }))
            .collect();
        serde_json::to_writer_pretty(&mut *io.out, &rules)?;
        writeln!(io.out)?;
        return Ok(ExitStatus::Clean);
    }
    let width = engine
        .rules()
        .map(|(_, r, _)| r.id.len())
        .chain(BUILTIN_RULES.iter().map(|b| b.id.len()))
        .max()
        .unwrap_or(0);
    let lines = engine
        .rules()
        .map(|(_, rule, level)| (&*rule.id, level, rule.summary.as_str()))
        .chain(
            BUILTIN_RULES
                .iter()
                .map(|b| (b.id, engine.builtin_level(b), b.summary)),
        );
    for (id, level, summary) in lines {
        let severity = level.map_or("off", |s| s.as_str());
        writeln!(io.out, "{id:<width$}  {severity:<7}  {summary}")?;
    }
    Ok(ExitStatus::Clean)
}

pub(super) fn explain(args: &ExplainArgs, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    let engine = match engine(&args.rule_files, io)? {
        Ok(engine) => engine,
        Err(status) => return Ok(status),
    };
    if let Some(builtin) = builtin(&args.rule) {
        return explain_builtin(builtin, io);
    }
    let Some((pack, rule)) = engine.rule(&args.rule) else {
        writeln!(
            io.err,
            "error: no rule `{}`; `citelint rules` lists them",
            args.rule
        )?;
        return Ok(ExitStatus::Error);
    };
    let out = &mut *io.out;
    writeln!(out, "{} ({}, {})", rule.id, rule.severity, rule.kind.name())?;
    writeln!(out)?;
    writeln!(out, "{}", capitalize(&rule.summary))?;
    writeln!(out)?;
    writeln!(out, "Why")?;
    for line in rule.rationale.lines() {
        writeln!(out, "  {}", line.trim())?;
    }
    writeln!(out)?;
    writeln!(out, "Terms ({})", pack.title)?;
    writeln!(out, "  “{}”", rule.terms)?;
    writeln!(out, "  — {}", rule.terms_url)?;
    for (title, examples) in [
        ("Compliant example", &rule.pass),
        ("Violating example", &rule.fail),
    ] {
        if let Some(example) = examples.first() {
            writeln!(out)?;
            writeln!(out, "{title}")?;
            for line in example.lines() {
                writeln!(out, "  | {line}")?;
            }
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Since {}. Set its severity in citelint.toml: [rules] \"{}\" = \"warning\"",
        rule.since, rule.id
    )?;
    Ok(ExitStatus::Clean)
}

/// `citelint explain` for one of citelint's own diagnostics: no pack, no terms.
fn explain_builtin(builtin: &Builtin, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    let out = &mut *io.out;
    writeln!(out, "{} ({}, built-in)", builtin.id, builtin.severity)?;
    writeln!(out)?;
    writeln!(out, "{}", capitalize(builtin.summary))?;
    writeln!(out)?;
    writeln!(out, "Why")?;
    writeln!(out, "  {}", builtin.rationale)?;
    writeln!(out)?;
    writeln!(out, "How to fix")?;
    writeln!(out, "  {}", capitalize(builtin.help))?;
    writeln!(out)?;
    writeln!(
        out,
        "Set its severity in citelint.toml: [rules] \"{}\" = \"off\"",
        builtin.id
    )?;
    Ok(ExitStatus::Clean)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
