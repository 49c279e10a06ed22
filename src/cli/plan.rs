//! A run's plan: which configuration applies to each input, and one engine per distinct
//! set of rule packs. Built before the parallel check, so the check itself shares only
//! read-only data.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::walk::Input;
use crate::config::Config;
use crate::error::TomlError;
use crate::rules::Engine;
use crate::rules::engine::Level;

/// The configurations and engines of a run, and the inputs they apply to.
pub(crate) struct Plan {
    pub configs: Vec<(Config, usize)>,
    pub engines: Vec<Engine>,
    /// Each input with the index of its configuration.
    pub inputs: Vec<(Input, usize)>,
}

impl Plan {
    /// Plans `inputs`: `fixed` is a configuration for every input (`--config`), `isolated`
    /// skips configuration files, `extra_packs` are loaded into every engine.
    pub(crate) fn new(
        inputs: Vec<Input>,
        fixed: Option<&Path>,
        isolated: bool,
        extra_packs: &[PathBuf],
        stdin_dir: &Path,
    ) -> Result<Self, Box<TomlError>> {
        let mut by_file: HashMap<Option<PathBuf>, usize> = HashMap::new();
        let mut by_dir: HashMap<PathBuf, usize> = HashMap::new();
        let mut plan = Self {
            configs: Vec::new(),
            engines: Vec::new(),
            inputs: Vec::new(),
        };
        let mut engines_by_packs: HashMap<Vec<String>, usize> = HashMap::new();
        for input in inputs {
            let dir = match &input {
                Input::File(path, _) | Input::Broken(path, _) => path
                    .parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
                Input::Stdin => stdin_dir.to_path_buf(),
            };
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            let index = if let Some(&i) = by_dir.get(&dir) {
                i
            } else {
                let file = if isolated {
                    None
                } else {
                    fixed.map(Path::to_path_buf).or_else(|| Config::find(&dir))
                };
                let i = if let Some(&i) = by_file.get(&file) {
                    i
                } else {
                    let config = match &file {
                        Some(path) => Config::load(path)?,
                        None => Config::default(),
                    };
                    let mut packs = config.packs.value.clone();
                    packs.extend(extra_packs.iter().map(|p| p.display().to_string()));
                    let engine = if let Some(&e) = engines_by_packs.get(&packs) {
                        e
                    } else {
                        let engine = Engine::from_packs(&packs)?;
                        plan.engines.push(engine);
                        engines_by_packs.insert(packs, plan.engines.len() - 1);
                        plan.engines.len() - 1
                    };
                    config.validate_rules(&plan.engines[engine])?;
                    plan.configs.push((config, engine));
                    by_file.insert(file, plan.configs.len() - 1);
                    plan.configs.len() - 1
                };
                by_dir.insert(dir, i);
                i
            };
            if let Input::File(path, _) = &input
                && plan.configs[index].0.excludes(path)
            {
                continue;
            }
            plan.inputs.push((input, index));
        }
        Ok(plan)
    }

    /// The severity levels for `path` under configuration `config`.
    pub(crate) fn levels(&self, config: usize, path: &Path) -> HashMap<String, Level> {
        let levels: BTreeMap<_, _> = self.configs[config].0.levels_for(path);
        levels.into_iter().map(|(k, v)| (k, v.severity())).collect()
    }
}
