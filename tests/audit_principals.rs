//! `rolecall audit` on every principal, end to end: a GAAD file written
//! with the testkit's builder, the real binary, its JSON, SARIF and table
//! output. Users, groups and an unattached customer managed policy are
//! subjects of their own findings, with the new ids.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::path::Path;
use std::process::{Command, Output};

use rolecall_testkit::gaad::*;
use serde_json::{Value, json};

const ACCT: &str = "123456789012";

/// A user reading every secret, a group with a misspelt action and an
/// unattached policy handing out bucket policies; plus a hostile user name.
fn gaad() -> Value {
    Account::new(ACCT)
        .captured_at("2026-11-20T00:00:00Z")
        .user(User::new("alice").inline(
            "secrets",
            document([allow("secretsmanager:GetSecretValue", "*")]),
        ))
        .user(
            User::new("mallory\u{1b}]52;c;x\u{7}")
                .inline("wide", document([allow("ec2:TerminateInstances", "*")])),
        )
        .group(Group::new("devs").inline(
            "typo",
            document([allow("s3:GetObjekt", "arn:aws:s3:::bucket/*")]),
        ))
        .policy(Policy::new(
            "bucket-admin",
            document([allow("s3:PutBucketPolicy", "*")]),
        ))
        .gaad()
}

fn write(dir: &Path, value: &Value) -> String {
    let path = dir.join("account.json");
    std::fs::write(&path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

fn rolecall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "status {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// (id, kind, name) of every JSON finding.
fn triples(report: &Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                f["role"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(found: &[(String, String, String)], id: &str, kind: &str, name: &str) -> bool {
    found
        .iter()
        .any(|(i, k, n)| i == id && k == kind && n == name)
}

#[test]
fn json_names_users_groups_and_unattached_policies() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), &gaad());
    let report = stdout_json(&rolecall(&["audit", "--file", &file, "--json"]));
    let found = triples(&report);
    assert!(has(&found, "RC-PERM-102", "user", "alice"), "{found:?}");
    assert!(has(&found, "RC-POLICY-001", "group", "devs"), "{found:?}");
    assert!(
        has(&found, "RC-PERM-101", "policy", "bucket-admin"),
        "{found:?}"
    );
    let alice = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "RC-PERM-102")
        .unwrap();
    assert_eq!(
        alice["arn"],
        json!(format!("arn:aws:iam::{ACCT}:user/alice"))
    );
    assert_eq!(alice["policy"], "inline secrets");
    assert_eq!(alice["statement"], 0);
    assert!(
        alice["explanation"]
            .as_str()
            .unwrap()
            .contains("secretsmanager:GetSecretValue")
    );
    assert_eq!(report["summary"]["total"], found.len());
}

#[test]
fn sarif_carries_the_new_rules_and_subjects() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), &gaad());
    let sarif = stdout_json(&rolecall(&["audit", "--file", &file, "--format", "sarif"]));
    let run = &sarif["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    let result = |id: &str, arn: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == id && r["properties"]["role"] == arn)
            .unwrap_or_else(|| panic!("no {id} on {arn}"))
    };
    for (id, kind, arn) in [
        (
            "RC-PERM-102",
            "user",
            format!("arn:aws:iam::{ACCT}:user/alice"),
        ),
        (
            "RC-POLICY-001",
            "group",
            format!("arn:aws:iam::{ACCT}:group/devs"),
        ),
        (
            "RC-PERM-101",
            "policy",
            format!("arn:aws:iam::{ACCT}:policy/bucket-admin"),
        ),
    ] {
        let r = result(id, &arn);
        assert_eq!(r["properties"]["kind"], kind);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index], id);
        assert_eq!(
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            json!(arn)
        );
    }
}

#[test]
fn the_table_names_the_subject_kind_and_escapes_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), &gaad());
    let out = rolecall(&["audit", "--file", &file]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("user alice"), "{text}");
    assert!(text.contains("group devs"), "{text}");
    assert!(text.contains("policy bucket-admin"), "{text}");
    assert!(text.contains("RC-PERM-103"), "{text}");
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(bad.is_empty(), "control characters {bad:?} in:\n{text}");
    assert!(text.contains("mallory\\e]52;c;x"), "{text}");
}
