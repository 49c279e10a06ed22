//! Compiles the embedded outlet registry (`rules/outlets.toml`) into Rust data.
//!
//! Every `check` that applies a `paired-link` rule needs the registry, and parsing its TOML
//! took most of a millisecond of a single file's run; as data in the binary it costs
//! nothing to read. A registry that does not parse fails the build.

use std::fmt::Write as _;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Registry {
    outlet: Vec<Outlet>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Outlet {
    id: String,
    country: String,
    names: Vec<String>,
    domains: Vec<String>,
    #[serde(default)]
    people: Vec<String>,
}

fn main() {
    const SOURCE: &str = "rules/outlets.toml";
    println!("cargo::rerun-if-changed={SOURCE}");
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let registry: Registry = toml::from_str(&text).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    // A slice expression of (id, country, names, domains, people); `{:?}` writes Rust string
    // literals.
    let mut out = String::from("&[\n");
    for o in &registry.outlet {
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, &{:?}, &{:?}, &{:?}),",
            o.id, o.country, o.names, o.domains, o.people
        );
    }
    out.push_str("]\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let path = std::path::Path::new(&dir).join("outlets.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
