//! The real binary's `rolecall paths` (issue 11 §4): exit status for CI
//! gates, the documented JSON keys, `--from`, `--baseline`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

use serde_json::{Value, json};

fn rolecall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

const A: &str = "111111111111";

/// alice may pass any role to a new Lambda function; `worker` trusts
/// Lambda and may do anything; bob may do nothing.
fn escalation_account(alice_can_pass: bool) -> Value {
    let mut alice_actions = vec!["lambda:CreateFunction", "lambda:InvokeFunction"];
    if alice_can_pass {
        alice_actions.push("iam:PassRole");
    }
    json!({
        "Rolecall": {"FormatVersion": 1, "AccountId": A, "Partition": "aws"},
        "UserDetailList": [
            {"UserName": "alice", "UserId": "AIDAALICE", "Path": "/", "Arn": format!("arn:aws:iam::{A}:user/alice"),
             "UserPolicyList": [{"PolicyName": "dev", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": alice_actions, "Resource": "*"}]}}]},
            {"UserName": "bob", "UserId": "AIDABOB", "Path": "/", "Arn": format!("arn:aws:iam::{A}:user/bob")}],
        "RoleDetailList": [
            {"RoleName": "worker", "RoleId": "AROAWORKER", "Path": "/", "Arn": format!("arn:aws:iam::{A}:role/worker"),
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
             "RolePolicyList": [{"PolicyName": "all", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}]})
}

fn file(dir: &tempfile::TempDir, name: &str, gaad: &Value) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, serde_json::to_vec(gaad).unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_path_to_admin_exits_1_and_its_json_names_every_step() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "acct.json", &escalation_account(true));
    let out = rolecall(&["paths", "--to", "admin", "--file", &f, "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["target"], "admin");
    let alice = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["from"] == format!("arn:aws:iam::{A}:user/alice"))
        .expect("alice has a path");
    assert_eq!(alice["kind"], "definite");
    let steps = alice["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2, "{alice}");
    assert_eq!(steps[0]["technique"], "pass-role-lambda");
    assert_eq!(steps[0]["to"], format!("arn:aws:iam::{A}:role/worker"));
    assert_eq!(steps[1]["technique"], "is-admin");
    for k in ["from", "to", "technique", "actions", "via", "needs"] {
        assert!(steps[0].get(k).is_some(), "{k}");
    }
    assert!(
        steps[0]["actions"]
            .as_array()
            .unwrap()
            .contains(&json!("iam:PassRole"))
    );
    assert!(
        steps[0]["via"][0]["policy"]
            .as_str()
            .unwrap()
            .contains("inline dev of user alice")
    );
    // bob has none.
    let bob = rolecall(&["paths", "--to", "admin", "--from", "bob", "--file", &f]);
    assert_eq!(bob.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&bob.stdout).contains("Paths to admin: 0"));
    // A role as target: alice can gain worker.
    let worker = rolecall(&["paths", "--to", "worker", "--from", "alice", "--file", &f]);
    assert_eq!(worker.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&worker.stdout).contains("can pass it to a new Lambda function")
    );
}

#[test]
fn without_pass_role_there_is_no_path_and_a_baseline_hides_known_paths() {
    let dir = tempfile::tempdir().unwrap();
    let old = file(&dir, "old.json", &escalation_account(false));
    let new = file(&dir, "new.json", &escalation_account(true));
    let none = rolecall(&["paths", "--to", "admin", "--from", "alice", "--file", &old]);
    assert_eq!(
        none.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&none.stdout)
    );
    // alice's path is new since old.json; against itself nothing is new.
    let since_old = rolecall(&[
        "paths",
        "--to",
        "admin",
        "--file",
        &new,
        "--baseline",
        &old,
        "--json",
    ]);
    assert_eq!(since_old.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&since_old.stdout).unwrap();
    let from: Vec<&str> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["from"].as_str().unwrap())
        .collect();
    assert!(
        from.contains(&format!("arn:aws:iam::{A}:user/alice").as_str()),
        "{from:?}"
    );
    assert!(
        !from.contains(&format!("arn:aws:iam::{A}:role/worker").as_str()),
        "worker was admin already: {from:?}"
    );
    let since_self = rolecall(&["paths", "--to", "admin", "--file", &new, "--baseline", &new]);
    assert_eq!(since_self.status.code(), Some(0));
}

#[test]
fn bad_input_exits_2() {
    let nobody = rolecall(&["paths", "--to", "no-such-role", "--demo"]);
    assert_eq!(nobody.status.code(), Some(2));
    let group = rolecall(&["paths", "--to", "Admins", "--demo"]);
    assert_eq!(group.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&group.stderr).contains("group or policy"));
}

/// Issue 11 §6: the escalation findings in the audit's JSON and SARIF, on
/// the principal that escalates, and none where nobody can.
#[test]
fn the_audit_reports_who_can_reach_admin_and_gain_roles() {
    let dir = tempfile::tempdir().unwrap();
    let with = file(&dir, "with.json", &escalation_account(true));
    let without = file(&dir, "without.json", &escalation_account(false));
    let out = rolecall(&["audit", "--file", &with, "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = |v: &Value, arn: &str| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["arn"] == arn)
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    let alice = format!("arn:aws:iam::{A}:user/alice");
    let found = ids(&v, &alice);
    assert!(found.contains(&"RC-ESC-001".to_string()), "{found:?}");
    assert!(found.contains(&"RC-ESC-003".to_string()), "{found:?}");
    let sarif = rolecall(&["audit", "--file", &with, "--format", "sarif"]);
    let text = String::from_utf8_lossy(&sarif.stdout);
    assert!(text.contains("\"ruleId\": \"RC-ESC-001\""), "{text}");
    let none = rolecall(&["audit", "--file", &without, "--format", "json"]);
    let v: Value = serde_json::from_slice(&none.stdout).unwrap();
    assert!(
        ids(&v, &alice).iter().all(|id| !id.starts_with("RC-ESC")),
        "{v}"
    );
}

/// Paths on the GAAD fixtures, checked by hand against their policies:
/// CloudMapper's `exfiller` (s3:* only) assumes `bad_role`, whose trust
/// names `*` in the same account and whose inline policy is `*` on `*`;
/// Cloudsplaining's `OverprivilegedEC2` may create an access key for
/// `obama`, who may write his own policies (possible: GAAD does not show
/// his key count).
#[test]
fn paths_on_the_fixtures_are_the_hand_checked_ones() {
    let fixture = |name: &str| format!("{}/tests/fixtures/gaad/{name}", env!("CARGO_MANIFEST_DIR"));
    let steps = |file: &str, from: &str| -> (Value, Vec<(String, String)>) {
        let out = rolecall(&[
            "paths",
            "--to",
            "admin",
            "--from",
            from,
            "--file",
            &fixture(file),
            "--json",
        ]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let path = v["paths"][0].clone();
        let s = path["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["technique"].as_str().unwrap().to_string(),
                    s["to"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (path, s)
    };
    let (path, s) = steps("cloudmapper-demo.json", "exfiller");
    assert_eq!(path["kind"], "definite");
    assert_eq!(
        s,
        [
            (
                "assume-role".to_string(),
                "arn:aws:iam::123456789012:role/bad_role".to_string()
            ),
            ("is-admin".to_string(), "admin".to_string())
        ]
    );
    let (path, s) = steps(
        "cloudsplaining-test-authz-details.json",
        "OverprivilegedEC2",
    );
    assert_eq!(path["kind"], "possible");
    assert_eq!(s[0].0, "create-access-key");
    assert_eq!(s[0].1, "arn:aws:iam::012345678901:user/obama");
    assert!(
        path["steps"][0]["needs"][0]
            .as_str()
            .unwrap()
            .contains("fewer than 2 access keys")
    );
}
