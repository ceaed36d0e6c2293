//! Every policy document in the real GAAD fixtures decodes and parses.

use serde_json::Value;

use crate::policy::decode::decode_document;
use crate::policy::document::PolicyDocument;
use crate::policy::trust::trust_rows;

const FILES: [&str; 2] = [
    "cloudmapper-demo.json",
    "cloudsplaining-test-authz-details.json",
];

/// Reads a fixture at test time, relative to the crate root.
fn load(file: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/gaad/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// (where, raw document) for trust, inline and every managed version.
fn documents(gaad: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let list = |key: &str| gaad[key].as_array().cloned().unwrap_or_default();
    for role in list("RoleDetailList") {
        let name = role["RoleName"].as_str().unwrap_or("?").to_string();
        out.push((
            format!("role {name} trust"),
            role["AssumeRolePolicyDocument"].clone(),
        ));
        for p in role["RolePolicyList"].as_array().into_iter().flatten() {
            out.push((format!("role {name} inline"), p["PolicyDocument"].clone()));
        }
    }
    for (list_key, policy_key) in [
        ("UserDetailList", "UserPolicyList"),
        ("GroupDetailList", "GroupPolicyList"),
    ] {
        for entity in list(list_key) {
            for p in entity[policy_key].as_array().into_iter().flatten() {
                out.push((format!("{list_key} inline"), p["PolicyDocument"].clone()));
            }
        }
    }
    for policy in list("Policies") {
        let arn = policy["Arn"].as_str().unwrap_or("?").to_string();
        for v in policy["PolicyVersionList"].as_array().into_iter().flatten() {
            out.push((format!("{arn} {}", v["VersionId"]), v["Document"].clone()));
        }
    }
    out
}

#[test]
fn every_fixture_document_parses() {
    let mut total = 0;
    for file in FILES {
        let gaad = load(file);
        let docs = documents(&gaad);
        assert!(!docs.is_empty(), "{file}: no documents found");
        for (place, raw) in docs {
            let decoded = decode_document(&raw).unwrap_or_else(|e| panic!("{file} {place}: {e}"));
            let parsed =
                PolicyDocument::parse(&decoded).unwrap_or_else(|e| panic!("{file} {place}: {e}"));
            assert!(
                !parsed.statements.is_empty() || parsed.extra.is_empty(),
                "{file} {place}"
            );
            total += 1;
        }
    }
    assert!(total > 40, "only {total} documents");
}

#[test]
fn fixture_trust_policies_give_rows() {
    let gaad = load(FILES[0]);
    let roles = gaad["RoleDetailList"].as_array().unwrap();
    for role in roles {
        let doc =
            PolicyDocument::parse(&decode_document(&role["AssumeRolePolicyDocument"]).unwrap())
                .unwrap();
        assert!(!trust_rows(&doc).is_empty(), "{}", role["RoleName"]);
    }
}
