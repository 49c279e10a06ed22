//! The one integration-test binary: fixtures, CLI, configuration, packs.

mod agreement;
mod cli;
mod config;
mod fixtures;
mod floor;
mod hardening;
mod packs;
mod properties;
mod repo;
mod support;
