//! `citelint rules` and `citelint explain RULE`.

use super::{ExitStatus, ExplainArgs, Io, OutputFormat, RulesArgs, engine};

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
            .collect();
        serde_json::to_writer_pretty(&mut *io.out, &rules)?;
        writeln!(io.out)?;
        return Ok(ExitStatus::Clean);
    }
    let width = engine
        .rules()
        .map(|(_, r, _)| r.id.len())
        .max()
        .unwrap_or(0);
    for (_, rule, level) in engine.rules() {
        let severity = level.map_or("off", |s| s.as_str());
        writeln!(
            io.out,
            "{:<width$}  {severity:<7}  {}",
            rule.id, rule.summary
        )?;
    }
    Ok(ExitStatus::Clean)
}

pub(super) fn explain(args: &ExplainArgs, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    let engine = match engine(&args.rule_files, io)? {
        Ok(engine) => engine,
        Err(status) => return Ok(status),
    };
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

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
