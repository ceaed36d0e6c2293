//! SARIF 2.1.0 for code-scanning tools (GitHub code scanning among them).
//!
//! - `tool.driver.rules`: every rule of the registry (id, name, short and
//!   full description, help = the fix, default level, and the
//!   `security-severity` property GitHub sorts by);
//! - one result per finding: `ruleId`/`ruleIndex`, `level` from the
//!   severity (high → error, medium → warning, low/info → note), the title
//!   and explanation as the message, a physical location (the snapshot file,
//!   which GitHub requires) and a logical location naming the role ARN and
//!   the policy/statement (the subject may be a role, user, group or
//!   customer managed policy: `properties.kind` says which), and a `partialFingerprints` entry built from id,
//!   role ARN and location so a finding keeps its identity across runs.

use serde_json::{Value, json};

use super::kind_of;
use crate::audit::{Finding, RULES};
use crate::model::Model;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Characters a URI reference may not hold literally.
const URI_ESCAPE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The snapshot's origin as a relative URI: a file path as given (with `/`
/// separators, escaped), the demo as its file in rolecall's repository.
fn artifact_uri(origin: &str) -> String {
    if let Some(name) = origin.strip_prefix("demo:") {
        return format!("assets/demo/{name}.json");
    }
    let path = origin.replace('\\', "/");
    let path = path.trim_start_matches("./");
    percent_encoding::utf8_percent_encode(path, URI_ESCAPE).to_string()
}

/// FNV-1a, 64 bits: a stable fingerprint without another dependency.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.description},
                "help": {"text": r.fix},
                "defaultConfiguration": {"level": r.severity.sarif_level()},
                "properties": {
                    "tags": ["security", "aws", "iam"],
                    "precision": "high",
                    "problem.severity": r.severity.sarif_level(),
                    "security-severity": r.severity.security_severity(),
                    "rolecall-severity": r.severity.as_str(),
                },
            })
        })
        .collect()
}

fn result(model: &Model, f: &Finding) -> Value {
    let rule_index = RULES.iter().position(|r| r.id == f.id).unwrap_or(0);
    let origin = model
        .accounts
        .get(model.account_of(f.entity))
        .map_or("snapshot.json", |a| a.origin.as_str());
    let where_ = f.location.describe();
    let mut logical = vec![json!({
        "name": model.name_of(f.entity),
        "fullyQualifiedName": f.arn,
        "kind": "resource",
    })];
    logical.push(json!({
        "name": where_,
        "fullyQualifiedName": format!("{} {}", f.arn, where_),
        "kind": "member",
        "parentIndex": 0,
    }));
    json!({
        "ruleId": f.id,
        "ruleIndex": rule_index,
        "level": f.severity.sarif_level(),
        "message": {"text": format!("{}: {} ({})", f.title, f.explanation, f.arn)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(origin)},
                "region": {"startLine": 1},
            },
            "logicalLocations": logical,
        }],
        "partialFingerprints": {
            "rolecallFinding/v1": fingerprint(&format!(
                "{}|{}|{}|{}",
                f.id,
                f.arn,
                f.location.policy,
                f.location.statement.map_or(String::new(), |s| s.to_string())
            )),
        },
        "properties": {
            "severity": f.severity.as_str(),
            "kind": kind_of(f.entity),
            "role": f.arn,
            "policy": f.location.policy,
            "statement": f.location.statement,
            "fix": f.fix,
        },
    })
}

/// The SARIF log for these findings.
pub fn sarif_report(model: &Model, findings: &[Finding]) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "rolecall",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules(),
                },
            },
            "results": findings.iter().map(|f| result(model, f)).collect::<Vec<_>>(),
            "columnKind": "unicodeCodePoints",
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_uris_are_relative_references() {
        assert_eq!(artifact_uri("demo:acme-prod"), "assets/demo/acme-prod.json");
        assert_eq!(artifact_uri("./snaps/prod 1.json"), "snaps/prod%201.json");
        assert_eq!(artifact_uri("C:\\x\\a.json"), "C:/x/a.json");
    }
}
