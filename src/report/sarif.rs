//! The SARIF 2.1.0 report: one run with the rules and their results, as GitHub code scanning
//! and other SARIF viewers read it.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::{FileReport, Reporter, RuleInfo};
use crate::document::LineIndex;
use crate::rules::engine::BUILTIN_RULES;
use crate::rules::{Finding, Label, Severity};

/// The schema the log names; SARIF viewers and editors know it.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where the tool is described.
const INFORMATION_URI: &str = "https://crates.io/crates/citelint";

/// The `partialFingerprints` key; the version part changes whenever the hashed input does.
const FINGERPRINT_KEY: &str = "citelint/spanHash/v1";

/// Renders a SARIF 2.1.0 log. Columns count Unicode scalar values (`columnKind` says so),
/// as in the JSON report; `byteOffset` and `byteLength` are bytes of the original file.
#[derive(Debug, Default)]
pub struct Sarif {
    rules: Vec<RuleInfo>,
}

impl Sarif {
    /// A renderer describing `rules` in the log, in the order given. citelint's own
    /// diagnostics are described too, whether or not they are listed.
    #[must_use]
    pub fn new(rules: Vec<RuleInfo>) -> Self {
        Self { rules }
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
}

impl<'a> Descriptor<'a> {
    fn new(id: &'a str, summary: &'a str, help: &'a str, url: &'a str, severity: Severity) -> Self {
        Self {
            id,
            short_description: Text { text: summary },
            help: (!help.is_empty()).then_some(Text { text: help }),
            help_uri: (!url.is_empty()).then_some(url),
            default_configuration: Configuration {
                level: severity.as_str(),
            },
        }
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    roles: [&'static str; 1],
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
    #[serde(rename = "physicalLocation")]
    physical: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

/// The rules array and where each id stands in it.
struct Rules<'a> {
    descriptors: Vec<Descriptor<'a>>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Rules<'a> {
    fn add(&mut self, descriptor: Descriptor<'a>) {
        if !self.index.contains_key(descriptor.id) {
            self.index.insert(descriptor.id, self.descriptors.len());
            self.descriptors.push(descriptor);
        }
    }

    /// The given rules, then citelint's own, then any other id a finding names.
    fn collect(infos: &'a [RuleInfo], files: &'a [FileReport]) -> Self {
        let mut rules = Self {
            descriptors: Vec::new(),
            index: HashMap::new(),
        };
        for info in infos {
            rules.add(Descriptor::new(
                &info.id,
                &info.summary,
                &info.help,
                &info.url,
                info.severity,
            ));
        }
        for builtin in BUILTIN_RULES {
            rules.add(Descriptor::new(
                builtin.id,
                builtin.summary,
                builtin.help,
                "",
                builtin.severity,
            ));
        }
        for finding in files.iter().flat_map(|f| &f.findings) {
            let help = finding.help.as_deref().unwrap_or("");
            let url = finding.url.as_deref().unwrap_or("");
            rules.add(Descriptor::new(
                &finding.rule,
                &finding.rule,
                help,
                url,
                finding.severity,
            ));
        }
        rules
    }
}

/// A path as a report names it: forward slashes, without a leading `./`.
pub(super) fn artifact_path(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    path
}

/// A path as a URI reference: relative paths stay relative, absolute ones become `file:`
/// URIs, and every byte a URI cannot hold as it is gets percent-encoded.
fn artifact_uri(path: &str) -> String {
    let path = artifact_path(path);
    let bytes = path.as_bytes();
    let mut uri = String::with_capacity(path.len() + 8);
    let rest = if bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes[2] == b'/'
    {
        uri.push_str("file:///");
        uri.push_str(&path[..2]);
        &path[2..]
    } else {
        if path.starts_with('/') {
            uri.push_str("file://");
        }
        &path[..]
    };
    for byte in rest.bytes() {
        // RFC 3986 `pchar` less `:`, which would read as a scheme in a first segment.
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

/// The hash of what a finding is about, independent of where the text stands in the file:
/// rule, path and the primary span's text, with line endings made `\n`.
fn span_hash(rule: &str, path: &str, text: &str) -> u64 {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    crate::hash::fnv1a(&[rule.as_bytes(), path.as_bytes(), text.as_bytes()])
}

/// One file's share of the log.
struct FileContext<'a> {
    file: &'a FileReport,
    lines: LineIndex,
    location: ArtifactLocation,
    path: String,
}

impl FileContext<'_> {
    fn region(&self, span: &std::ops::Range<usize>) -> Option<Region> {
        if self.file.text.is_empty() {
            return None;
        }
        let (start_line, start_column) = self.file.line_col(&self.lines, span.start);
        let (end_line, end_column) = self.file.line_col(&self.lines, span.end);
        let byte_offset = self.file.offsets.map(span.start);
        let byte_length = self.file.offsets.map(span.end).saturating_sub(byte_offset);
        Some(Region {
            start_line,
            start_column,
            end_line,
            end_column,
            byte_offset,
            byte_length,
        })
    }

    fn physical(&self, span: &std::ops::Range<usize>) -> PhysicalLocation {
        PhysicalLocation {
            artifact_location: self.location.clone(),
            region: self.region(span),
        }
    }

    fn related<'l>(&self, id: usize, label: &'l Label) -> Location<'l> {
        Location {
            id: Some(id),
            message: Some(Text {
                text: &label.message,
            }),
            physical: self.physical(&label.span),
        }
    }
}

fn result<'a>(
    context: &FileContext<'a>,
    rules: &Rules<'a>,
    finding: &'a Finding,
    seen: &mut HashMap<u64, usize>,
) -> SarifResult<'a> {
    let text = context
        .file
        .text
        .get(finding.primary.span.clone())
        .unwrap_or("");
    let hash = span_hash(&finding.rule, &context.path, text);
    let occurrence = seen.entry(hash).or_insert(0);
    *occurrence += 1;
    let primary = Location {
        id: None,
        message: None,
        physical: context.physical(&finding.primary.span),
    };
    SarifResult {
        rule_id: &finding.rule,
        rule_index: rules.index[&*finding.rule],
        level: finding.severity.as_str(),
        message: Text {
            text: &finding.message,
        },
        locations: [primary],
        related_locations: finding
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| context.related(i + 1, label))
            .collect(),
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT_KEY,
            format!("{hash:016x}:{occurrence}"),
        )]),
    }
}

impl Reporter for Sarif {
    fn report(&self, files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let rules = Rules::collect(&self.rules, files);
        let mut artifacts = Vec::with_capacity(files.len());
        let mut results = Vec::new();
        for (index, file) in files.iter().enumerate() {
            let uri = artifact_uri(&file.path);
            artifacts.push(Artifact {
                location: ArtifactLocation {
                    uri: uri.clone(),
                    index: None,
                },
                roles: ["analysisTarget"],
            });
            let context = FileContext {
                file,
                lines: LineIndex::new(&file.text),
                location: ArtifactLocation {
                    uri,
                    index: Some(index),
                },
                path: artifact_path(&file.path),
            };
            let mut seen = HashMap::new();
            for finding in &file.findings {
                results.push(result(&context, &rules, finding, &mut seen));
            }
        }
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "citelint",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: INFORMATION_URI,
                        rules: rules.descriptors,
                    },
                },
                artifacts,
                results,
                column_kind: "unicodeCodePoints",
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, OnceLock};

    use serde_json::{Value, json};

    use super::*;
    use crate::document::{Format, OffsetMap};

    /// The official schema, vendored; see `tests/data/sarif/README.md`.
    const SCHEMA_TEXT: &str = include_str!("../../tests/data/sarif/sarif-schema-2.1.0.json");

    /// The schema's two `language` patterns end in `]?$`: a literal `]` to ECMAScript (Annex B),
    /// a syntax error to the validator's regex check. Escaping it keeps the meaning.
    const LANGUAGE_PATTERN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    const LANGUAGE_PATTERN_ESCAPED: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#;

    fn validator() -> &'static jsonschema::Validator {
        static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
        VALIDATOR.get_or_init(|| {
            assert_eq!(
                SCHEMA_TEXT.matches(LANGUAGE_PATTERN).count(),
                2,
                "the vendored schema changed"
            );
            let text = SCHEMA_TEXT.replace(LANGUAGE_PATTERN, LANGUAGE_PATTERN_ESCAPED);
            let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
            jsonschema::options()
                .offline()
                .build(&schema)
                .expect("the schema compiles offline")
        })
    }

    fn rule_info(id: &str, severity: Severity) -> RuleInfo {
        RuleInfo {
            id: id.into(),
            summary: format!("summary of {id}"),
            help: format!("help for {id}"),
            url: "https://www.ukrinform.net/".into(),
            severity,
        }
    }

    fn rules() -> Vec<RuleInfo> {
        vec![
            rule_info("ukrinform/first-paragraph-link", Severity::Error),
            rule_info("ukrinform/lookalike-link", Severity::Warning),
        ]
    }

    fn at(text: &str, needle: &str) -> std::ops::Range<usize> {
        let start = text.find(needle).expect("needle in text");
        start..start + needle.len()
    }

    fn finding(rule: &str, severity: Severity, span: std::ops::Range<usize>) -> Finding {
        let rule: Arc<str> = Arc::from(rule);
        Finding::new(
            &rule,
            severity,
            format!("{rule} fired"),
            Label::new(span, "here"),
        )
        .with_help("do this")
        .with_url("https://www.ukrinform.net/")
    }

    fn file(path: &str, text: &str, findings: Vec<Finding>) -> FileReport {
        FileReport {
            path: path.into(),
            format: Format::Markdown,
            text: Arc::from(text),
            offsets: OffsetMap::default(),
            findings,
        }
    }

    /// Renders, checks the text against the schema, and returns it parsed.
    fn render(rules: Vec<RuleInfo>, files: &[FileReport]) -> Value {
        let mut out = Vec::new();
        Sarif::new(rules)
            .report(files, &mut out)
            .expect("rendering succeeds");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.ends_with("}\n"), "pretty JSON and a newline: {text}");
        let log: Value = serde_json::from_str(&text).expect("JSON");
        let errors: Vec<String> = validator()
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "not valid SARIF 2.1.0: {errors:#?}\n{text}"
        );
        log
    }

    fn rule_ids(log: &Value) -> Vec<&str> {
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].as_str().expect("id"))
            .collect()
    }

    fn results(log: &Value) -> &Vec<Value> {
        log["runs"][0]["results"].as_array().expect("results")
    }

    #[test]
    fn a_finding_with_secondary_labels_is_valid_sarif_with_related_locations() {
        let text = "# Title\n\nKyiv, Ukrinform reports.\n\nSource: [Ukrinform](https://www.ukrinform.net/x)\n";
        let finding = finding(
            "ukrinform/first-paragraph-link",
            Severity::Error,
            at(text, "Kyiv, Ukrinform reports."),
        )
        .with_label(Label::new(
            at(text, "[Ukrinform](https://www.ukrinform.net/x)"),
            "the link stands here",
        ));
        let log = render(rules(), &[file("content/a.md", text, vec![finding])]);
        let run = &log["runs"][0];
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["tool"]["driver"]["name"], "citelint");
        assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
        let result = &results(&log)[0];
        assert_eq!(result["ruleId"], "ukrinform/first-paragraph-link");
        assert_eq!(result["ruleIndex"], 0);
        assert_eq!(result["level"], "error");
        assert_eq!(
            result["message"]["text"],
            "ukrinform/first-paragraph-link fired"
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"],
            json!({"uri": "content/a.md", "index": 0})
        );
        assert_eq!(
            location["region"],
            json!({"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 25, "byteOffset": 9, "byteLength": 24})
        );
        let related = &result["relatedLocations"][0];
        assert_eq!(related["id"], 1);
        assert_eq!(related["message"]["text"], "the link stands here");
        assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
        assert_eq!(related["physicalLocation"]["region"]["startColumn"], 9);
        assert!(
            result["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .is_some_and(|f| f.ends_with(":1"))
        );
    }

    #[test]
    fn the_schema_rejects_a_broken_log() {
        let text = "Kyiv, Ukrinform reports.";
        let finding = finding("ukrinform/lookalike-link", Severity::Error, 0..4);
        let log = render(rules(), &[file("a.md", text, vec![finding])]);
        let mut bad_level = log.clone();
        bad_level["runs"][0]["results"][0]["level"] = json!("fatal");
        let mut bad_line = log.clone();
        bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            json!(0);
        let mut bad_uri = log;
        bad_uri["runs"][0]["artifacts"][0]["location"]["uri"] = json!("a b.md");
        for broken in [bad_level, bad_line, bad_uri] {
            assert!(!validator().is_valid(&broken), "{broken}");
        }
    }

    #[test]
    fn a_clean_file_is_an_artifact_without_results() {
        let log = render(
            rules(),
            &[file("clean.md", "Nothing to see.\n", Vec::new())],
        );
        assert!(results(&log).is_empty());
        assert_eq!(
            log["runs"][0]["artifacts"],
            json!([{"location": {"uri": "clean.md"}, "roles": ["analysisTarget"]}])
        );
    }

    #[test]
    fn an_unreadable_file_has_a_location_without_a_region() {
        let io = finding("citelint/io-error", Severity::Error, 0..0);
        let log = render(rules(), &[file("gone.md", "", vec![io])]);
        let result = &results(&log)[0];
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "gone.md");
        assert!(location.get("region").is_none(), "{location}");
        let index = usize::try_from(result["ruleIndex"].as_u64().expect("index")).expect("small");
        assert_eq!(rule_ids(&log)[index], "citelint/io-error");
        let rule = &log["runs"][0]["tool"]["driver"]["rules"][index];
        assert_eq!(rule["defaultConfiguration"]["level"], "error");
        assert!(rule.get("helpUri").is_none());
    }

    #[test]
    fn columns_of_multibyte_crlf_text_count_code_points() {
        let text = "Заголовок\r\n\r\nКиїв — Укрінформ повідомляє.\r\n";
        let finding = finding(
            "ukrinform/first-paragraph-link",
            Severity::Warning,
            at(text, "Укрінформ"),
        );
        let log = render(rules(), &[file("uk.md", text, vec![finding])]);
        let result = &results(&log)[0];
        assert_eq!(result["level"], "warning");
        let start = text.find("Укрінформ").expect("in text");
        assert_eq!(
            result["locations"][0]["physicalLocation"]["region"],
            json!({
                "startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 17,
                "byteOffset": start, "byteLength": "Укрінформ".len()
            })
        );
    }

    #[test]
    fn byte_offsets_are_of_the_original_file() {
        let text = "Укрінформ";
        let mut report = file(
            "bom.md",
            text,
            vec![finding("ukrinform/lookalike-link", Severity::Note, 2..4)],
        );
        report.offsets = OffsetMap {
            base: 3,
            points: Vec::new(),
        };
        let log = render(rules(), &[report]);
        let region = &results(&log)[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(results(&log)[0]["level"], "note");
        assert_eq!(
            (region["byteOffset"].as_u64(), region["byteLength"].as_u64()),
            (Some(5), Some(2))
        );
        assert_eq!(
            (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
            (Some(2), Some(3))
        );
    }

    #[test]
    fn the_rules_array_holds_every_rule_info_then_the_builtin_diagnostics() {
        let mut infos = rules();
        infos.push(rule_info("citelint/io-error", Severity::Warning));
        let log = render(infos.clone(), &[file("a.md", "text", Vec::new())]);
        let ids = rule_ids(&log);
        assert_eq!(
            ids,
            [
                "ukrinform/first-paragraph-link",
                "ukrinform/lookalike-link",
                "citelint/io-error",
                "citelint/front-matter",
                "citelint/unused-suppression",
            ]
        );
        let rendered = &log["runs"][0]["tool"]["driver"]["rules"];
        for (info, rule) in infos.iter().zip(rendered.as_array().expect("rules")) {
            assert_eq!(rule["id"], info.id.as_str());
            assert_eq!(rule["shortDescription"]["text"], info.summary.as_str());
            assert_eq!(rule["help"]["text"], info.help.as_str());
            assert_eq!(rule["helpUri"], info.url.as_str());
            assert_eq!(
                rule["defaultConfiguration"]["level"],
                info.severity.as_str()
            );
        }
    }

    #[test]
    fn a_rule_missing_from_the_list_is_described_from_its_finding() {
        let text = "some text";
        let log = render(
            Vec::new(),
            &[file(
                "a.md",
                text,
                vec![finding("other/rule", Severity::Note, 0..4)],
            )],
        );
        let ids = rule_ids(&log);
        assert_eq!(ids.last(), Some(&"other/rule"));
        assert_eq!(results(&log)[0]["ruleIndex"], ids.len() - 1);
    }

    #[test]
    fn fingerprints_follow_the_text_not_the_line() {
        let before = "Kyiv, Ukrinform reports.\n";
        let after = "# New title\n\nKyiv, Ukrinform reports.\n";
        let rule = "ukrinform/first-paragraph-link";
        let of = |text: &str, path: &str, needle: &str| {
            let log = render(
                rules(),
                &[file(
                    path,
                    text,
                    vec![finding(rule, Severity::Error, at(text, needle))],
                )],
            );
            results(&log)[0]["partialFingerprints"][FINGERPRINT_KEY].clone()
        };
        assert_eq!(of(before, "a.md", "Kyiv"), of(after, "a.md", "Kyiv"));
        assert_ne!(of(before, "a.md", "Kyiv"), of(before, "a.md", "reports"));
        assert_ne!(of(before, "a.md", "Kyiv"), of(before, "b.md", "Kyiv"));
        assert_eq!(
            of("Kyiv\r\nx", "a.md", "Kyiv\r\nx"),
            of("Kyiv\nx", "a.md", "Kyiv\nx")
        );
    }

    #[test]
    fn repeated_text_gets_numbered_fingerprints() {
        let text = "Ukrinform and Ukrinform";
        let rule = "ukrinform/lookalike-link";
        let findings = vec![
            finding(rule, Severity::Warning, 0..9),
            finding(rule, Severity::Warning, 14..23),
        ];
        let log = render(rules(), &[file("a.md", text, findings)]);
        let prints: Vec<&str> = results(&log)
            .iter()
            .map(|r| {
                r["partialFingerprints"][FINGERPRINT_KEY]
                    .as_str()
                    .expect("print")
            })
            .collect();
        assert_eq!(
            prints[0].split_once(':').map(|p| p.0),
            prints[1].split_once(':').map(|p| p.0)
        );
        assert!(
            prints[0].ends_with(":1") && prints[1].ends_with(":2"),
            "{prints:?}"
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(artifact_uri("./content/a.md"), "content/a.md");
        assert_eq!(artifact_uri(r"content\news\a.md"), "content/news/a.md");
        assert_eq!(artifact_uri("my drafts/a(1).md"), "my%20drafts/a(1).md");
        assert_eq!(
            artifact_uri("новини/a.md"),
            "%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/a.md"
        );
        assert_eq!(artifact_uri("a:b#c?.md"), "a%3Ab%23c%3F.md");
        assert_eq!(artifact_uri("/srv/site/a.md"), "file:///srv/site/a.md");
        assert_eq!(artifact_uri(r"C:\site\a.md"), "file:///C:/site/a.md");
        let files: Vec<FileReport> = ["новини/a b.md", "a:b#c?%.md", "/srv/a.md", r"C:\site\a.md"]
            .into_iter()
            .map(|path| {
                file(
                    path,
                    "x",
                    vec![finding("ukrinform/lookalike-link", Severity::Error, 0..1)],
                )
            })
            .collect();
        render(rules(), &files);
    }

    #[test]
    fn output_is_deterministic() {
        let text = "Kyiv, Ukrinform reports.\n";
        let files = [
            file(
                "a.md",
                text,
                vec![finding(
                    "ukrinform/lookalike-link",
                    Severity::Error,
                    at(text, "Ukrinform"),
                )],
            ),
            file(
                "b.md",
                "",
                vec![finding("citelint/io-error", Severity::Error, 0..0)],
            ),
        ];
        let bytes = || {
            let mut out = Vec::new();
            Sarif::new(rules())
                .report(&files, &mut out)
                .expect("rendering succeeds");
            out
        };
        assert_eq!(bytes(), bytes());
        let log = render(rules(), &files);
        let uris: Vec<&Value> = results(&log)
            .iter()
            .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            .collect();
        assert_eq!(uris, [&json!("a.md"), &json!("b.md")]);
    }
}
