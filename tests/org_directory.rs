//! Issue 12, part 2 (first step): a directory of account snapshots, with
//! or without `organization.json`, opens as every account in it. The real
//! binary on hand-made GAAD files of two accounts, one trusting the other:
//! the CLI sees both accounts from the directory exactly as from the files
//! named one by one (a directory merged from one job per account opens the
//! same), the TUI's header names the organization, and bad directories say
//! what is wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const DEV: &str = "111111111111";
const PROD: &str = "222222222222";

fn rolecall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn doc(statement: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": [statement]}).to_string()
}

/// Account DEV: user alice may assume PROD's deploy role. Account PROD: the
/// deploy role trusts DEV's root.
fn gaad(account: &str) -> Value {
    let empty = json!([]);
    if account == DEV {
        json!({
            "UserDetailList": [{
                "UserName": "alice", "UserId": "AIDAALICE0000000000001", "Path": "/",
                "Arn": format!("arn:aws:iam::{DEV}:user/alice"),
                "CreateDate": "2026-01-01T00:00:00Z",
                "UserPolicyList": [{"PolicyName": "deploy-prod", "PolicyDocument": doc(json!({
                    "Effect": "Allow", "Action": "sts:AssumeRole",
                    "Resource": format!("arn:aws:iam::{PROD}:role/*")}))}],
                "GroupList": [], "AttachedManagedPolicies": [], "Tags": []
            }],
            "GroupDetailList": empty, "RoleDetailList": empty, "Policies": empty
        })
    } else {
        json!({
            "UserDetailList": empty, "GroupDetailList": empty, "Policies": empty,
            "RoleDetailList": [{
                "RoleName": "deploy", "RoleId": "AROADEPLOY000000000001", "Path": "/",
                "Arn": format!("arn:aws:iam::{PROD}:role/deploy"),
                "CreateDate": "2026-01-01T00:00:00Z",
                "AssumeRolePolicyDocument": doc(json!({
                    "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{DEV}:root")},
                    "Action": "sts:AssumeRole"})),
                "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []
            },
            org_role("org-reader", json!({"StringEquals": {"aws:PrincipalOrgID": "o-test12345"}})),
            org_role("web-only", json!({"ForAnyValue:StringLike": {
                "aws:PrincipalOrgPaths": "o-test12345/r-ab12/ou-ab12-web/*"}})),
            org_role("workloads", json!({"ForAnyValue:StringLike": {
                "aws:PrincipalOrgPaths": "o-test12345/r-ab12/ou-ab12-work/*"}}))]
        })
    }
}

/// A PROD role trusting everyone under `condition` (an org key).
fn org_role(name: &str, condition: Value) -> Value {
    json!({
        "RoleName": name, "RoleId": format!("AROA{:0>18}", name.len()), "Path": "/",
        "Arn": format!("arn:aws:iam::{PROD}:role/{name}"),
        "CreateDate": "2026-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": doc(json!({
            "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
            "Condition": condition})),
        "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []
    })
}

fn organization() -> Value {
    json!({
        "format": "rolecall-organization/1",
        "collected_at": "2026-12-01T10:00:00Z",
        "organization": {"id": "o-test12345", "management_account_id": "999999999999", "feature_set": "ALL"},
        "roots": [{"id": "r-ab12", "name": "Root", "enabled_policy_types": ["SERVICE_CONTROL_POLICY"]}],
        "organizational_units": [{"id": "ou-ab12-work", "name": "Workloads", "parent_id": "r-ab12"}],
        "accounts": [
            {"id": "999999999999", "name": "management", "parent_id": "r-ab12", "status": "ACTIVE",
             "error": "not collected: the caller's own account was excluded"},
            {"id": DEV, "name": "dev", "parent_id": "ou-ab12-work", "status": "ACTIVE"},
            {"id": PROD, "name": "prod", "parent_id": "ou-ab12-work", "status": "ACTIVE"}
        ],
        // As AWS attaches it by default (C.2).
        "policies": [{"id": "p-FullAWSAccess", "name": "FullAWSAccess", "type": "SERVICE_CONTROL_POLICY",
                      "aws_managed": true,
                      "content": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
                      "targets": ["r-ab12", "ou-ab12-work", "999999999999", DEV, PROD]}]
    })
}

fn write(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

/// DIR with both accounts, organization.json, and files a directory
/// reader must leave alone.
fn org_dir(dir: &Path) {
    write(&dir.join(format!("{DEV}.json")), &gaad(DEV));
    write(&dir.join(format!("{PROD}.json")), &gaad(PROD));
    write(&dir.join("organization.json"), &organization());
    std::fs::write(dir.join("notes.txt"), "not an account").unwrap();
    std::fs::write(dir.join("backup.json"), "{not even json").unwrap();
}

fn who_can_assume_deploy(input: &[&str]) -> Value {
    who_can_assume("deploy", input)
}

fn who_can_assume(role: &str, input: &[&str]) -> Value {
    let arn = format!("arn:aws:iam::{PROD}:role/{role}");
    let mut args = vec!["who-can-assume", "--json", arn.as_str(), "--file"];
    args.extend_from_slice(input);
    let out = rolecall(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_directory_opens_as_its_account_files_named_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    org_dir(dir.path());
    let d = dir.path().display().to_string();
    let from_dir = who_can_assume_deploy(&[&d]);
    let principals: Vec<&str> = from_dir["principals"]
        .as_array()
        .unwrap_or_else(|| panic!("{from_dir}"))
        .iter()
        .filter_map(|p| p["principal"].as_str())
        .collect();
    assert!(
        principals.contains(&format!("arn:aws:iam::{DEV}:user/alice").as_str()),
        "alice in DEV can assume deploy in PROD: {from_dir}"
    );
    // Without organization.json the directory is exactly its files.
    let dev = format!("{d}/{DEV}.json");
    let prod = format!("{d}/{PROD}.json");
    let from_files = who_can_assume_deploy(&[&dev, &prod]);
    std::fs::remove_file(dir.path().join("organization.json")).unwrap();
    let without_org = who_can_assume_deploy(&[&d]);
    assert_eq!(without_org["principals"], from_files["principals"]);
    // With it the SCPs and RCPs are applied, so the note that they are not
    // is gone.
    let note = "SCPs and RCPs are not in the snapshot";
    assert!(from_files.to_string().contains(note), "{from_files}");
    assert!(!from_dir.to_string().contains(note), "{from_dir}");
}

#[test]
fn a_directory_without_accounts_or_with_a_bad_organization_file_says_so() {
    let empty = tempfile::tempdir().unwrap();
    let out = rolecall(&["audit", "--file", &empty.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("holds no account snapshot") && err.contains("ACCOUNT_ID.json"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    org_dir(dir.path());
    std::fs::write(
        dir.path().join("organization.json"),
        r#"{"format": "other/2"}"#,
    )
    .unwrap();
    let out = rolecall(&["audit", "--file", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("organization.json") && err.contains("other/2"),
        "{err}"
    );
}

#[test]
fn the_tui_header_names_the_organization_and_how_many_accounts_are_in() {
    let dir = tempfile::tempdir().unwrap();
    org_dir(dir.path());
    let tmux = common::tmux::Tmux::start("orgdir", 120, 30);
    tmux.wait_for("shell$");
    tmux.type_text(&format!(
        "{} open {}",
        env!("CARGO_BIN_EXE_rolecall"),
        dir.path().display()
    ));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("org o-test12345");
    assert!(screen.contains("2 of 3 accounts loaded"), "{screen}");
    assert!(screen.contains("deploy"), "{screen}");
    // `ou:` narrows to the accounts under an OU of the organization.
    tmux.type_text("/ou:web");
    tmux.wait_for("Roles 0 of 4");
    for _ in 0.."web".len() {
        tmux.keys(&["BSpace"]);
    }
    tmux.type_text("workloads");
    tmux.wait_for("ou:workloads");
    let screen = tmux.wait_for("Roles 4 of 4");
    assert!(screen.contains("ou:workloads"), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.type_text("q");
    tmux.wait_for_prompt();
}

/// alice's verdict for a PROD role, or "not listed".
fn alice_verdict(role: &str, input: &[&str]) -> String {
    let alice = format!("arn:aws:iam::{DEV}:user/alice");
    let v = who_can_assume(role, input);
    v["principals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["principal"] == alice.as_str())
        .map_or("not listed".into(), |p| {
            p["verdict"].as_str().unwrap().to_string()
        })
}

/// ORGANIZATIONS.md C.8: with organization.json the org keys of a member
/// account's principals are known, so a trust to "*" narrowed by
/// aws:PrincipalOrgID or aws:PrincipalOrgPaths is decided; without it
/// they stay conditions.
#[test]
fn the_org_condition_keys_are_decided_from_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    org_dir(dir.path());
    let d = dir.path().display().to_string();
    let files = [format!("{d}/{DEV}.json"), format!("{d}/{PROD}.json")];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    // C.8 aws:PrincipalOrgID: alice's account DEV is a member.
    assert_eq!(alice_verdict("org-reader", &[&d]), "allowed");
    assert_eq!(alice_verdict("org-reader", &files), "conditional");
    // C.8 aws:PrincipalOrgPaths: DEV sits under ou-ab12-work, not -web.
    assert_eq!(alice_verdict("workloads", &[&d]), "allowed");
    assert_eq!(alice_verdict("web-only", &[&d]), "not listed");
    assert_eq!(alice_verdict("web-only", &files), "conditional");
}

const FULL_ACCESS: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

fn scp(id: &str, name: &str, statement: Value, targets: &[&str]) -> Value {
    json!({"id": id, "name": name, "type": "SERVICE_CONTROL_POLICY",
           "content": {"Version": "2012-10-17", "Statement": [statement]}, "targets": targets})
}

fn rcp(id: &str, name: &str, statement: Value) -> Value {
    json!({"id": id, "name": name, "type": "RESOURCE_CONTROL_POLICY",
           "content": {"Version": "2012-10-17", "Statement": [statement]}, "targets": ["r-ab12"]})
}

fn full_access(targets: &[&str]) -> Value {
    json!({"id": "p-FullAWSAccess", "name": "FullAWSAccess", "type": "SERVICE_CONTROL_POLICY",
           "aws_managed": true, "content": FULL_ACCESS, "targets": targets})
}

/// alice's verdict for deploy and its reasons, denied ones listed.
fn alice_on_deploy(dir: &Path) -> (String, String) {
    let alice = format!("arn:aws:iam::{DEV}:user/alice");
    let arn = format!("arn:aws:iam::{PROD}:role/deploy");
    let d = dir.display().to_string();
    let out = rolecall(&["who-can-assume", "--json", "--all", &arn, "--file", &d]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entry = v["principals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["principal"] == alice.as_str())
        .unwrap_or_else(|| panic!("alice is listed: {v}"))
        .clone();
    let reasons: Vec<String> = entry["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    (
        entry["verdict"].as_str().unwrap().to_string(),
        reasons.join(" | "),
    )
}

/// ORGANIZATIONS.md C.1–C.7 on alice (DEV, under OU Workloads) assuming
/// deploy (PROD, under the same OU), one case per rule: the SCPs of DEV and
/// the RCPs of PROD, as organization.json records them.
#[test]
fn scps_and_rcps_gate_assume_role_as_the_organization_says() {
    let every_level = ["r-ab12", "ou-ab12-work", DEV, PROD, "999999999999"];
    let deny_assume_on_ou = scp(
        "p-deny",
        "deny-assume",
        json!({"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}),
        &["ou-ab12-work"],
    );
    struct Case {
        rule: &'static str,
        policies: Vec<Value>,
        enabled: Vec<&'static str>,
        management: &'static str,
        verdict: &'static str,
        reason: &'static str,
    }
    let scps = vec!["SERVICE_CONTROL_POLICY"];
    let both = vec!["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];
    let cases = [
        Case {
            rule: "C.2 FullAWSAccess at every level: allowed",
            policies: vec![full_access(&every_level)],
            enabled: scps.clone(),
            management: "999999999999",
            verdict: "allowed",
            reason: "",
        },
        Case {
            rule: "C.2 deny-list: a Deny on the OU denies every account below it",
            policies: vec![full_access(&every_level), deny_assume_on_ou.clone()],
            enabled: scps.clone(),
            management: "999999999999",
            verdict: "denied",
            reason: "explicit Deny in the SCP deny-assume (p-deny) attached to OU Workloads (ou-ab12-work)",
        },
        Case {
            rule: "C.2 allow-list: no Allow attached to the account itself",
            policies: vec![full_access(&["r-ab12", "ou-ab12-work"])],
            enabled: scps.clone(),
            management: "999999999999",
            verdict: "denied",
            reason: "no SCP attached to account 111111111111 (dev) allows sts:AssumeRole",
        },
        Case {
            rule: "C.2 allow-list: an Allow of the action at every level",
            policies: vec![
                full_access(&["r-ab12", "ou-ab12-work"]),
                scp(
                    "p-sts",
                    "allow-sts",
                    json!({"Effect": "Allow", "Action": "sts:*", "Resource": "*"}),
                    &[DEV],
                ),
            ],
            enabled: scps.clone(),
            management: "999999999999",
            verdict: "allowed",
            reason: "",
        },
        Case {
            rule: "C.1 the management account is exempt from SCPs",
            policies: vec![full_access(&every_level), deny_assume_on_ou.clone()],
            enabled: scps.clone(),
            management: DEV,
            verdict: "allowed",
            reason: "",
        },
        Case {
            rule: "C.9 SCPs not enabled on the root: no SCP gate",
            policies: vec![full_access(&every_level), deny_assume_on_ou.clone()],
            enabled: vec![],
            management: "999999999999",
            verdict: "allowed",
            reason: "",
        },
        Case {
            rule: "C.3 a Deny whose condition rolecall cannot decide: conditional",
            policies: vec![
                full_access(&every_level),
                scp(
                    "p-ip",
                    "deny-outside-office",
                    json!({"Effect": "Deny", "Action": "sts:AssumeRole",
                    "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}),
                    &["r-ab12"],
                ),
            ],
            enabled: scps.clone(),
            management: "999999999999",
            verdict: "conditional",
            reason: "",
        },
        Case {
            rule: "C.6 an RCP Deny for principals outside the organization spares a member",
            policies: vec![
                full_access(&every_level),
                rcp(
                    "p-rcp1",
                    "org-only",
                    json!({"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole",
                    "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-test12345"}}}),
                ),
            ],
            enabled: both.clone(),
            management: "999999999999",
            verdict: "allowed",
            reason: "",
        },
        Case {
            rule: "C.4 an RCP Deny applies to callers from inside the organization too",
            policies: vec![
                full_access(&every_level),
                rcp(
                    "p-rcp2",
                    "only-management",
                    json!({"Effect": "Deny", "Principal": "*", "Action": "sts:*",
                    "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "999999999999"}}}),
                ),
            ],
            enabled: both.clone(),
            management: "999999999999",
            verdict: "denied",
            reason: "explicit Deny in the RCP only-management (p-rcp2) attached to the root r-ab12",
        },
        Case {
            rule: "C.5 RCPs do not affect resources in the management account",
            policies: vec![
                full_access(&every_level),
                rcp(
                    "p-rcp2",
                    "only-management",
                    json!({"Effect": "Deny", "Principal": "*", "Action": "sts:*",
                    "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "999999999999"}}}),
                ),
            ],
            enabled: both.clone(),
            management: PROD,
            verdict: "allowed",
            reason: "",
        },
    ];
    for c in cases {
        let dir = tempfile::tempdir().unwrap();
        org_dir(dir.path());
        let mut org = organization();
        org["organization"]["management_account_id"] = json!(c.management);
        org["roots"][0]["enabled_policy_types"] = json!(c.enabled);
        org["policies"] = json!(c.policies);
        write(&dir.path().join("organization.json"), &org);
        let (verdict, reasons) = alice_on_deploy(dir.path());
        assert_eq!(verdict, c.verdict, "{}: {reasons}", c.rule);
        assert!(reasons.contains(c.reason), "{}: {reasons}", c.rule);
        assert!(
            !reasons.contains("not in the snapshot"),
            "{}: the organization is loaded: {reasons}",
            c.rule
        );
    }
}

/// `rolecall diff OLD_DIR NEW_DIR`: each account's drift, accounts that came
/// and went, and the organization's own changes (an account moved, an SCP
/// added); the same directory twice has none.
#[test]
fn diff_compares_two_organization_directories() {
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    org_dir(old.path());
    org_dir(new.path());
    // In the new one: PROD's deploy role trusts anyone, PROD moved to a new
    // OU, an SCP was added there, and a third account's file appeared.
    let mut prod = gaad(PROD);
    prod["RoleDetailList"][0]["AssumeRolePolicyDocument"] = Value::String(doc(json!({
        "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"})));
    write(&new.path().join(format!("{PROD}.json")), &prod);
    let mut org = organization();
    org["organizational_units"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "ou-ab12-prod", "name": "Prod", "parent_id": "r-ab12"}));
    org["accounts"][2]["parent_id"] = json!("ou-ab12-prod");
    org["policies"].as_array_mut().unwrap().push(json!({
        "id": "p-denyiam", "name": "DenyIamUsers", "type": "SERVICE_CONTROL_POLICY",
        "content": doc(json!({"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"})),
        "targets": ["ou-ab12-prod"]}));
    write(&new.path().join("organization.json"), &org);
    let third = "333333333333";
    let extra: Value = serde_json::from_str(&gaad(DEV).to_string().replace(DEV, third)).unwrap();
    write(&new.path().join(format!("{third}.json")), &extra);

    let (o, n) = (old.path().to_str().unwrap(), new.path().to_str().unwrap());
    let out = rolecall(&["diff", o, n, "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let drift: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(drift["format"], "rolecall-org-drift/1");
    let accounts = drift["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1, "only PROD drifted: {drift}");
    assert_eq!(accounts[0]["account_id"], PROD);
    assert!(
        accounts[0]["changes"].to_string().contains("deploy"),
        "{drift}"
    );
    assert_eq!(drift["accounts_added"], json!([third]));
    assert_eq!(drift["accounts_removed"], json!([]));
    let org_changes: Vec<&str> = drift["organization"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        org_changes.contains(
            &format!("account {PROD} (prod) moved from Root/Workloads to Root/Prod").as_str()
        ),
        "{org_changes:?}"
    );
    assert!(
        org_changes.contains(&"SCP DenyIamUsers (p-denyiam) added, attached to ou-ab12-prod"),
        "{org_changes:?}"
    );
    assert_eq!(org_changes.len(), 2, "{org_changes:?}");

    let human = rolecall(&["diff", o, n]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("organization: SCP DenyIamUsers")
            && text.contains(&format!("account {third}: only in the new snapshot")),
        "{text}"
    );

    let same = rolecall(&["diff", o, o]);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
    assert!(String::from_utf8_lossy(&same.stdout).contains("No drift"));
}

/// Two directories of different organizations are refused, naming both.
#[test]
fn two_organizations_at_once_are_refused() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    org_dir(a.path());
    write(&b.path().join("444444444444.json"), &gaad(DEV));
    let mut other = organization();
    other["organization"]["id"] = json!("o-other67890");
    write(&b.path().join("organization.json"), &other);
    let (a_s, b_s) = (a.path().to_str().unwrap(), b.path().to_str().unwrap());
    let out = rolecall(&["audit", "--file", a_s, b_s]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("two different organizations") && err.contains(a_s) && err.contains(b_s),
        "{err}"
    );
    // The same organization split over two directories opens.
    let mut same = organization();
    same["accounts"].as_array_mut().unwrap().clear();
    write(&b.path().join("organization.json"), &same);
    let out = rolecall(&["audit", "--file", a_s, b_s]);
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
