//! The one integration-test binary: fixtures, CLI, packs.

mod agreement;
mod cli;
mod fixtures;
mod floor;
mod hardening;
mod packs;
mod properties;
mod repo;
