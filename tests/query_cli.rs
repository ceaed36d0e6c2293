//! The real binary's `can`, `who-can` and `permissions` (issue 10 §5), on
//! the demo and on files: verdicts, exit status, the JSON keys README.md
//! documents, and the errors.
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

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn gaad_file(gaad: Value) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), serde_json::to_vec(&gaad).unwrap()).unwrap();
    f
}

#[test]
fn can_exits_0_when_allowed_1_when_not_and_2_on_bad_input() {
    let admin = rolecall(&[
        "can",
        "legacy-jenkins-admin",
        "s3:GetObject",
        "arn:aws:s3:::b/k",
        "--demo",
    ]);
    assert_eq!(
        admin.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&admin.stdout)
    );
    assert!(String::from_utf8_lossy(&admin.stdout).starts_with("✔ ALLOWED"));
    let readonly = rolecall(&[
        "can",
        "incident-readonly",
        "s3:DeleteBucket",
        "arn:aws:s3:::b",
        "--demo",
    ]);
    assert_eq!(readonly.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&readonly.stdout).starts_with("✘ DENIED"));
    // alice.ng is admin, but a Deny without MFA applies unless MFA is used.
    let alice = rolecall(&[
        "can",
        "alice.ng",
        "s3:GetObject",
        "arn:aws:s3:::b/k",
        "--demo",
    ]);
    assert_eq!(alice.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&alice.stdout).contains("Unless:"));
    let with_mfa = rolecall(&[
        "can",
        "alice.ng",
        "s3:GetObject",
        "arn:aws:s3:::b/k",
        "--demo",
        "--context",
        "aws:MultiFactorAuthPresent=true",
    ]);
    assert_eq!(
        with_mfa.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&with_mfa.stdout)
    );
    let typo = rolecall(&["can", "alice.ng", "s3:GetObjekt", "--demo"]);
    assert_eq!(typo.status.code(), Some(2));
    let err = String::from_utf8_lossy(&typo.stderr);
    assert!(err.contains("did you mean s3:GetObject"), "{err}");
    let nobody = rolecall(&["can", "no-such-user", "s3:GetObject", "--demo"]);
    assert_eq!(nobody.status.code(), Some(2));
    let bad_ctx = rolecall(&[
        "can",
        "alice.ng",
        "s3:GetObject",
        "--demo",
        "--context",
        "novalue",
    ]);
    assert_eq!(bad_ctx.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_ctx.stderr).contains("KEY=VALUE"));
}

#[test]
fn can_json_has_the_documented_keys() {
    let out = rolecall(&[
        "can",
        "alice.ng",
        "kms:Decrypt",
        "arn:aws:kms:us-east-1:111122223333:key/k",
        "--demo",
        "--json",
    ]);
    let v = json_of(&out);
    for k in [
        "principal",
        "action",
        "resource",
        "verdict",
        "alternatives",
        "unless",
        "reasons",
        "via",
        "resource_policy",
        "catalogue",
    ] {
        assert!(keys(&v).contains(&k), "{k} missing: {v}");
    }
    assert_eq!(v["verdict"], "conditional");
    assert_eq!(v["resource_policy"], "not known");
    // The key policy must allow (A.2), and the MFA Deny must not apply.
    assert_eq!(v["alternatives"][0][0]["key"], "resource policy");
    assert!(!v["unless"].as_array().unwrap().is_empty());
    for k in ["key", "operator", "values", "text"] {
        assert!(v["unless"][0].get(k).is_some(), "{k}");
    }
}

#[test]
fn who_can_lists_every_principal_with_its_verdict_and_expands_wildcards() {
    let v = json_of(&rolecall(&["who-can", "iam:PassRole", "--demo", "--json"]));
    for k in ["action", "resource", "principals"] {
        assert!(keys(&v).contains(&k), "{k}");
    }
    let principals = v["principals"].as_array().unwrap();
    assert!(principals.iter().any(|p| {
        p["principal"]
            .as_str()
            .unwrap()
            .ends_with("role/legacy-jenkins-admin")
    }));
    assert!(principals.iter().all(|p| p["verdict"] != "denied"));
    for k in ["principal", "kind", "verdict", "alternatives", "via"] {
        assert!(principals[0].get(k).is_some(), "{k}");
    }
    let all = json_of(&rolecall(&[
        "who-can",
        "iam:PassRole",
        "--demo",
        "--json",
        "--all",
    ]));
    assert!(all["principals"].as_array().unwrap().len() > principals.len());
    let pattern = json_of(&rolecall(&[
        "who-can",
        "secretsmanager:GetSecret*",
        "--demo",
        "--json",
    ]));
    assert!(!pattern["actions"].as_array().unwrap().is_empty());
    let none = rolecall(&["who-can", "s3:Gett*", "--demo"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("matches no action"));
}

#[test]
fn who_can_assume_a_role_names_the_external_principals_its_trust_names() {
    let f = gaad_file(json!({
        "Rolecall": {"FormatVersion": 1, "AccountId": "111111111111", "Partition": "aws"},
        "RoleDetailList": [{"RoleName": "shared", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/shared",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "sts:AssumeRole"}]}}]}));
    let path = f.path().to_str().unwrap();
    let v = json_of(&rolecall(&[
        "who-can",
        "sts:AssumeRole",
        "arn:aws:iam::111111111111:role/shared",
        "--file",
        path,
        "--json",
    ]));
    let p = &v["principals"][0];
    assert_eq!(p["principal"], "arn:aws:iam::999999999999:root");
    assert_eq!(p["kind"], "AWS account");
}

/// Issue 10 §3, through the binary: both routes show, and a Deny of one
/// session leaves the role conditional.
#[test]
fn who_can_assume_shows_every_route_and_a_session_deny_is_conditional() {
    let trust = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"}, "Action": "sts:AssumeRole",
         "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}},
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"}, "Action": "sts:AssumeRole",
         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/ops"}, "Action": "sts:AssumeRole"},
        {"Effect": "Deny", "Principal": {"AWS": "arn:aws:sts::111111111111:assumed-role/ops/mallory"}, "Action": "sts:AssumeRole"}]});
    let f = gaad_file(json!({
        "Rolecall": {"FormatVersion": 1, "AccountId": "111111111111", "Partition": "aws"},
        "RoleDetailList": [
            {"RoleName": "app", "RoleId": "AROAAPP", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/app"},
            {"RoleName": "ops", "RoleId": "AROAOPS", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/ops"},
            {"RoleName": "target", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/target", "AssumeRolePolicyDocument": trust}]}));
    let path = f.path().to_str().unwrap();
    let v = json_of(&rolecall(&[
        "who-can-assume",
        "target",
        "--file",
        path,
        "--json",
    ]));
    let entry = |suffix: &str| {
        v["principals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["principal"].as_str().unwrap().ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} in {v}"))
            .clone()
    };
    let app = entry("role/app");
    assert_eq!(app["verdict"], "conditional");
    let alts = app["alternatives"].as_array().unwrap();
    assert_eq!(alts.len(), 2, "{app}");
    assert_eq!(alts[0][0]["key"], "aws:SourceVpc");
    assert_eq!(alts[1][0]["key"], "aws:SourceIp");
    let ops = entry("role/ops");
    assert_eq!(ops["verdict"], "conditional", "{ops}");
    assert_eq!(ops["unless"][0]["values"][0], "AROAOPS:mallory");
    let table =
        String::from_utf8_lossy(&rolecall(&["who-can-assume", "target", "--file", path]).stdout)
            .to_string();
    assert!(
        table.contains("203.0.113.0/24") && table.contains("vpc-1"),
        "{table}"
    );
    let mallory = rolecall(&[
        "can",
        "arn:aws:sts::111111111111:assumed-role/ops/mallory",
        "sts:AssumeRole",
        "arn:aws:iam::111111111111:role/target",
        "--file",
        path,
    ]);
    assert_eq!(mallory.status.code(), Some(1));
    let alice = rolecall(&[
        "can",
        "arn:aws:sts::111111111111:assumed-role/ops/alice",
        "sts:AssumeRole",
        "arn:aws:iam::111111111111:role/target",
        "--file",
        path,
    ]);
    assert_eq!(
        alice.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&alice.stdout)
    );
}

#[test]
fn permissions_summarises_per_service_and_level_and_marks_admin() {
    let v = json_of(&rolecall(&[
        "permissions",
        "legacy-jenkins-admin",
        "--demo",
        "--json",
    ]));
    for k in ["principal", "admin", "services"] {
        assert!(keys(&v).contains(&k), "{k}");
    }
    assert_eq!(v["admin"], true);
    let ro = json_of(&rolecall(&[
        "permissions",
        "incident-readonly",
        "--demo",
        "--json",
    ]));
    assert_eq!(ro["admin"], false);
    let s3 = ro["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "s3")
        .expect("s3");
    let levels = s3["levels"].as_array().unwrap();
    for k in ["level", "granted", "total", "resources", "alternatives"] {
        assert!(levels[0].get(k).is_some(), "{k}");
    }
    assert!(
        levels.iter().all(|l| l["level"] != "Write"),
        "ReadOnlyAccess grants no s3 Write: {s3}"
    );
    let drill = json_of(&rolecall(&[
        "permissions",
        "incident-readonly",
        "--service",
        "s3",
        "--demo",
        "--json",
    ]));
    let first = &drill["services"][0]["levels"][0]["actions"][0];
    assert!(
        first["granted_by"][0]["policy"]
            .as_str()
            .unwrap()
            .contains("ReadOnlyAccess"),
        "{first}"
    );
    let table = String::from_utf8_lossy(
        &rolecall(&["permissions", "legacy-jenkins-admin", "--demo"]).stdout,
    )
    .to_string();
    assert!(table.contains("ADMIN:"), "{table}");
    let bad = rolecall(&[
        "permissions",
        "incident-readonly",
        "--service",
        "s4",
        "--demo",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}
