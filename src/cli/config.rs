//! `citelint config`: the effective configuration for a path, and where each value comes
//! from; `--schema` prints the JSON Schema of the file.

use std::path::{Path, PathBuf};

use super::{ConfigArgs, ExitStatus, Io, report_error};
use crate::config::{Config, Origin};
use crate::rules::Engine;

fn quoted(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", inner.join(", "))
}

pub(super) fn run(args: &ConfigArgs, io: &mut Io<'_>) -> std::io::Result<ExitStatus> {
    if args.schema {
        write!(io.out, "{}", crate::config::schema())?;
        return Ok(ExitStatus::Clean);
    }
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let dir = if path.is_dir() {
        path.clone()
    } else {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let file = args.config.clone().or_else(|| Config::find(&dir));
    let config = match &file {
        Some(file) => match Config::load(file) {
            Ok(config) => config,
            Err(error) => {
                report_error(io, &*error)?;
                return Ok(ExitStatus::Error);
            }
        },
        None => Config::default(),
    };
    let engine = match Engine::from_packs(&config.packs.value) {
        Ok(engine) => engine,
        Err(error) => {
            report_error(io, &*error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let out = &mut *io.out;
    match config.files.split_first() {
        Some((first, rest)) => {
            write!(
                out,
                "# configuration for {}: {}",
                path.display(),
                first.display()
            )?;
            for extended in rest {
                write!(out, ", extending {}", extended.display())?;
            }
            writeln!(out)?;
        }
        None => writeln!(
            out,
            "# configuration for {}: no citelint.toml found, built-in defaults",
            path.display()
        )?,
    }
    writeln!(
        out,
        "packs = {}  # {}",
        quoted(&config.packs.value),
        config.packs.origin
    )?;
    writeln!(out)?;
    writeln!(out, "[rules]")?;
    let levels = config.levels_for(&path);
    for (_, rule, _) in engine.rules() {
        let (level, origin) = match config.rules.get(&*rule.id) {
            Some(sourced) => (sourced.value.as_str(), sourced.origin.clone()),
            None => (rule.severity.as_str(), Origin::Default),
        };
        let shown = levels.get(&*rule.id).map_or(level, |l| l.as_str());
        // The last override for this path that sets the rule decides it (as in
        // `levels_for`): its place is where the value comes from.
        let (origin, note) = match config
            .overrides
            .iter()
            .rev()
            .find(|o| o.rules.contains_key(&*rule.id) && o.files.is_match(&path))
        {
            Some(o) => (o.origin.clone(), " (the [[overrides]] for this path)"),
            None => (origin, ""),
        };
        writeln!(
            out,
            "{:<42} = {:<9}  # {origin}{note}",
            format!("{:?}", &*rule.id),
            format!("{shown:?}")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "[markdown]")?;
    writeln!(
        out,
        "autolink = {}  # {}",
        config.autolink.value, config.autolink.origin
    )?;
    writeln!(out)?;
    writeln!(out, "[html]")?;
    writeln!(
        out,
        "body = {}  # {}",
        quoted(&config.html_body.value),
        config.html_body.origin
    )?;
    writeln!(out)?;
    writeln!(out, "[files]")?;
    match &config.include {
        Some(g) => writeln!(
            out,
            "include = {}  # {}",
            quoted(&g.value.patterns),
            g.origin
        )?,
        None => writeln!(out, "# include: every Markdown and HTML file  # default")?,
    }
    match &config.exclude {
        Some(g) => writeln!(
            out,
            "exclude = {}  # {}",
            quoted(&g.value.patterns),
            g.origin
        )?,
        None => writeln!(out, "# exclude: nothing  # default")?,
    }
    for o in &config.overrides {
        writeln!(out)?;
        writeln!(
            out,
            "[[overrides]]  # {}{}",
            o.origin,
            if o.files.is_match(&path) {
                ", applies to this path"
            } else {
                ""
            }
        )?;
        writeln!(out, "files = {}", quoted(&o.files.patterns))?;
        let rules: Vec<String> = o
            .rules
            .iter()
            .map(|(k, v)| format!("{k:?} = {:?}", v.as_str()))
            .collect();
        writeln!(out, "rules = {{ {} }}", rules.join(", "))?;
    }
    Ok(ExitStatus::Clean)
}
