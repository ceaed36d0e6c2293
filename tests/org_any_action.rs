//! Issue 12: SCPs and RCPs in the evaluator of any action. The real binary
//! (`rolecall can`, `who-can`, `paths`, `permissions`) on a hand-made
//! directory: three member accounts of one organization (DEV and PROD under
//! the OU Workloads, the management account MGMT at the root) and one
//! account OUTSIDE it, with `organization.json`. One case per rule of
//! ORGANIZATIONS.md, each naming it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const DEV: &str = "111111111111";
const PROD: &str = "222222222222";
const OUTSIDE: &str = "333333333333";
const MGMT: &str = "999999999999";
const ORG: &str = "o-test12345";

fn rolecall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn doc(statements: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

fn user(account: &str, name: &str, statements: Value) -> Value {
    json!({
        "UserName": name, "UserId": format!("AIDA{:0>17}", name.len()), "Path": "/",
        "Arn": format!("arn:aws:iam::{account}:user/{name}"),
        "CreateDate": "2026-01-01T00:00:00Z",
        "UserPolicyList": [{"PolicyName": "work", "PolicyDocument": doc(statements)}],
        "GroupList": [], "AttachedManagedPolicies": [], "Tags": []
    })
}

fn allow(action: &str, resource: &str) -> Value {
    json!({"Effect": "Allow", "Action": action, "Resource": resource})
}

/// What every user may do: run instances, send to queues, read the data
/// buckets (of any account).
fn work() -> Vec<Value> {
    vec![
        allow("ec2:RunInstances", "*"),
        allow("sqs:SendMessage", "*"),
        allow("s3:GetObject", "arn:aws:s3:::*-data/*"),
    ]
}

fn gaad(account: &str) -> Value {
    let mut users = Vec::new();
    let mut roles = Vec::new();
    match account {
        DEV => {
            // alice may also rewrite her own policy: an escalation edge.
            let mut alice = work();
            alice.push(allow(
                "iam:PutUserPolicy",
                &format!("arn:aws:iam::{DEV}:user/alice"),
            ));
            users.push(user(DEV, "alice", json!(alice)));
            // dave may rewrite the trust of the app-* roles: an edge to each.
            users.push(user(
                DEV,
                "dave",
                json!([allow(
                    "iam:UpdateAssumeRolePolicy",
                    &format!("arn:aws:iam::{DEV}:role/app-*")
                )]),
            ));
            for name in ["app-a", "app-b"] {
                roles.push(json!({
                    "RoleName": name, "RoleId": format!("AROA{name:0>18}"), "Path": "/",
                    "Arn": format!("arn:aws:iam::{DEV}:role/{name}"),
                    "CreateDate": "2026-01-01T00:00:00Z",
                    "AssumeRolePolicyDocument": doc(json!([{"Effect": "Allow",
                        "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}])),
                    "InstanceProfileList": [], "AttachedManagedPolicies": [], "Tags": [],
                    "RolePolicyList": []
                }));
            }
            roles.push(json!({
                "RoleName": "AWSServiceRoleForTest", "RoleId": "AROASLR000000000000001",
                "Path": "/aws-service-role/test.amazonaws.com/",
                "Arn": format!("arn:aws:iam::{DEV}:role/aws-service-role/test.amazonaws.com/AWSServiceRoleForTest"),
                "CreateDate": "2026-01-01T00:00:00Z",
                "AssumeRolePolicyDocument": doc(json!([{"Effect": "Allow",
                    "Principal": {"Service": "test.amazonaws.com"}, "Action": "sts:AssumeRole"}])),
                "InstanceProfileList": [], "AttachedManagedPolicies": [], "Tags": [],
                "RolePolicyList": [{"PolicyName": "work", "PolicyDocument": doc(json!(work()))}]
            }));
        }
        MGMT => users.push(user(MGMT, "carol", json!(work()))),
        OUTSIDE => users.push(user(OUTSIDE, "bob", json!(work()))),
        _ => {}
    }
    json!({"UserDetailList": users, "GroupDetailList": [], "RoleDetailList": roles, "Policies": []})
}

fn policy(kind: &str, id: &str, name: &str, statement: Value, targets: &[&str]) -> Value {
    json!({"id": id, "name": name, "type": kind, "targets": targets,
           "content": {"Version": "2012-10-17", "Statement": [statement]}})
}

fn scp(id: &str, name: &str, statement: Value, targets: &[&str]) -> Value {
    policy("SERVICE_CONTROL_POLICY", id, name, statement, targets)
}

fn rcp(id: &str, name: &str, statement: Value) -> Value {
    policy("RESOURCE_CONTROL_POLICY", id, name, statement, &["r-ab12"])
}

const EVERY_LEVEL: [&str; 5] = ["r-ab12", "ou-ab12-work", DEV, PROD, MGMT];

fn full_access(targets: &[&str]) -> Value {
    let mut p = scp(
        "p-FullAWSAccess",
        "FullAWSAccess",
        json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
        targets,
    );
    p["aws_managed"] = json!(true);
    p
}

/// The Deny of `action` on the OU Workloads (a deny-list SCP).
fn deny_on_ou(action: &str) -> Value {
    scp(
        "p-deny",
        "deny-it",
        json!({"Sid": "NoIt", "Effect": "Deny", "Action": action, "Resource": "*"}),
        &["ou-ab12-work"],
    )
}

fn organization(enabled: &[&str], policies: Vec<Value>) -> Value {
    json!({
        "format": "rolecall-organization/1",
        "organization": {"id": ORG, "management_account_id": MGMT, "feature_set": "ALL"},
        "roots": [{"id": "r-ab12", "name": "Root", "enabled_policy_types": enabled}],
        "organizational_units": [{"id": "ou-ab12-work", "name": "Workloads", "parent_id": "r-ab12"}],
        "accounts": [
            {"id": MGMT, "name": "management", "parent_id": "r-ab12", "status": "ACTIVE"},
            {"id": DEV, "name": "dev", "parent_id": "ou-ab12-work", "status": "ACTIVE"},
            {"id": PROD, "name": "prod", "parent_id": "ou-ab12-work", "status": "ACTIVE"}
        ],
        "policies": policies
    })
}

fn write(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

/// A directory of the four accounts, with `organization.json` when given.
fn org_dir(org: Option<&Value>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for account in [DEV, PROD, MGMT, OUTSIDE] {
        write(&dir.path().join(format!("{account}.json")), &gaad(account));
    }
    if let Some(org) = org {
        write(&dir.path().join("organization.json"), org);
    }
    dir
}

fn json_of(out: &Output) -> Value {
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// `rolecall can --json` on the directory.
fn can(dir: &Path, principal: &str, action: &str, resource: &str, context: &[&str]) -> Value {
    let d = dir.display().to_string();
    let mut args = vec!["can", principal, action, resource, "--json", "--file", &d];
    for c in context {
        args.extend(["--context", c]);
    }
    json_of(&rolecall(&args))
}

fn arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:user/{name}")
}

fn slr() -> String {
    format!("arn:aws:iam::{DEV}:role/aws-service-role/test.amazonaws.com/AWSServiceRoleForTest")
}

fn words(v: &Value) -> String {
    let list = |k: &str| {
        v[k].as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        x.as_str()
                            .map_or_else(|| x["text"].to_string(), str::to_string)
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .unwrap_or_default()
    };
    format!("{} | {}", list("reasons"), list("unless"))
}

struct Case {
    rule: &'static str,
    enabled: Vec<&'static str>,
    policies: Vec<Value>,
    principal: String,
    action: &'static str,
    resource: String,
    context: Vec<String>,
    verdict: &'static str,
    /// A reason (or unless text) that must be there.
    says: &'static str,
    /// Words that must not be there.
    never: &'static str,
}

const SCPS: &str = "SERVICE_CONTROL_POLICY";
const RCPS: &str = "RESOURCE_CONTROL_POLICY";

fn cases() -> Vec<Case> {
    let both = vec![SCPS, RCPS];
    let deny_outside = rcp(
        "p-rcp-org",
        "org-only",
        json!({"Sid": "OrgOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
               "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG}}}),
    );
    let prod_data = "arn:aws:s3:::prod-data/report.csv".to_string();
    let in_prod = vec![format!("aws:ResourceAccount={PROD}")];
    let base = |rule, policies, principal: String, verdict, says| Case {
        rule,
        enabled: vec![SCPS],
        policies,
        principal,
        action: "ec2:RunInstances",
        resource: "*".into(),
        context: Vec::new(),
        verdict,
        says,
        never: "never said",
    };
    let deny_ec2 = || vec![full_access(&EVERY_LEVEL), deny_on_ou("ec2:*")];
    let deny_ec2_root = || {
        vec![
            full_access(&EVERY_LEVEL),
            scp(
                "p-root",
                "no-ec2",
                json!({"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}),
                &["r-ab12"],
            ),
        ]
    };
    vec![
        base(
            "C.2 deny-list: FullAWSAccess everywhere and a Deny on the OU denies its accounts",
            deny_ec2(),
            arn(DEV, "alice"),
            "denied",
            "explicit Deny in the SCP deny-it (p-deny) attached to OU Workloads (ou-ab12-work), statement NoIt",
        ),
        base(
            "C.2 allow-list: FullAWSAccess removed from the OU and not replaced: denied",
            vec![full_access(&["r-ab12", DEV, PROD, MGMT])],
            arn(DEV, "alice"),
            "denied",
            "no SCP attached to OU Workloads (ou-ab12-work) allows ec2:RunInstances",
        ),
        base(
            "C.2 allow-list: an Allow of the action at every level lets it through",
            vec![
                full_access(&["r-ab12"]),
                scp(
                    "p-ec2",
                    "allow-ec2",
                    json!({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}),
                    &["ou-ab12-work", DEV],
                ),
            ],
            arn(DEV, "alice"),
            "allowed",
            "the SCPs of account 111111111111 allow it at every level from the root",
        ),
        Case {
            action: "ec2:TerminateInstances",
            ..base(
                "C.1 SCPs never grant: an allow-all SCP adds nothing the identity lacks",
                vec![full_access(&EVERY_LEVEL)],
                arn(DEV, "alice"),
                "denied",
                "no identity policy of the principal allows ec2:TerminateInstances",
            )
        },
        base(
            "C.1 the management account is exempt from SCPs",
            deny_ec2_root(),
            arn(MGMT, "carol"),
            "allowed",
            "the caller is in the management account 999999999999: SCPs do not apply to it",
        ),
        base(
            "C.1 a member account under the same root Deny is not",
            deny_ec2_root(),
            arn(DEV, "alice"),
            "denied",
            "explicit Deny in the SCP no-ec2 (p-root) attached to the root r-ab12, statement #1",
        ),
        base(
            "C.1 service-linked roles are exempt from SCPs",
            deny_ec2_root(),
            slr(),
            "allowed",
            "the caller is a service-linked role: SCPs do not apply to it",
        ),
        Case {
            enabled: vec![],
            ..base(
                "C.9 SCPs not enabled on the root: no SCP gate",
                deny_ec2(),
                arn(DEV, "alice"),
                "allowed",
                "SCPs are not enabled on the organization's root",
            )
        },
        base(
            "C.3 a Deny whose condition rolecall cannot decide: conditional",
            vec![
                full_access(&EVERY_LEVEL),
                scp(
                    "p-ip",
                    "office-only",
                    json!({"Sid": "Office", "Effect": "Deny", "Action": "ec2:*", "Resource": "*",
                           "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}),
                    &["ou-ab12-work"],
                ),
            ],
            arn(DEV, "alice"),
            "conditional",
            "the Deny in the SCP office-only (p-ip) attached to OU Workloads (ou-ab12-work), statement Office",
        ),
        Case {
            context: vec!["aws:SourceIp=10.1.2.3".into()],
            ..base(
                "C.3 the same Deny decided by a context key the user gives",
                vec![
                    full_access(&EVERY_LEVEL),
                    scp(
                        "p-ip",
                        "office-only",
                        json!({"Effect": "Deny", "Action": "ec2:*", "Resource": "*",
                               "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}),
                        &["ou-ab12-work"],
                    ),
                ],
                arn(DEV, "alice"),
                "allowed",
                "",
            )
        },
        Case {
            enabled: both.clone(),
            action: "s3:GetObject",
            resource: prod_data.clone(),
            context: in_prod.clone(),
            ..base(
                "C.4 an RCP Deny on s3 for principals outside the organization (aws:PrincipalOrgID) denies them",
                vec![full_access(&EVERY_LEVEL), deny_outside.clone()],
                arn(OUTSIDE, "bob"),
                "denied",
                "explicit Deny in the RCP org-only (p-rcp-org) attached to the root r-ab12, statement OrgOnly",
            )
        },
        Case {
            enabled: both.clone(),
            action: "s3:GetObject",
            resource: prod_data.clone(),
            context: in_prod.clone(),
            never: "org-only",
            ..base(
                "C.4 the same RCP spares a member (cross-account: the bucket policy must still allow)",
                vec![full_access(&EVERY_LEVEL), deny_outside.clone()],
                arn(DEV, "alice"),
                "conditional",
                "the RCPs of account 222222222222 do not deny it (RCPFullAWSAccess taken as attached",
            )
        },
        Case {
            enabled: both.clone(),
            resource: format!("arn:aws:ec2:eu-west-1:{DEV}:instance/*"),
            ..base(
                "C.4 an RCP on a service that does not support RCPs has no effect",
                vec![
                    full_access(&EVERY_LEVEL),
                    rcp(
                        "p-rcp-ec2",
                        "no-ec2-no-sqs",
                        json!({"Effect": "Deny", "Principal": "*", "Action": ["ec2:*", "sqs:*"], "Resource": "*"}),
                    ),
                ],
                arn(DEV, "alice"),
                "allowed",
                "an RCP names ec2:RunInstances, but its service does not support RCPs",
            )
        },
        Case {
            enabled: both.clone(),
            action: "sqs:SendMessage",
            resource: format!("arn:aws:sqs:eu-west-1:{DEV}:jobs"),
            ..base(
                "C.4 the same RCP on a service that supports RCPs denies",
                vec![
                    full_access(&EVERY_LEVEL),
                    rcp(
                        "p-rcp-ec2",
                        "no-ec2-no-sqs",
                        json!({"Effect": "Deny", "Principal": "*", "Action": ["ec2:*", "sqs:*"], "Resource": "*"}),
                    ),
                ],
                arn(DEV, "alice"),
                "denied",
                "explicit Deny in the RCP no-ec2-no-sqs (p-rcp-ec2) attached to the root r-ab12",
            )
        },
        Case {
            enabled: both.clone(),
            action: "sqs:SendMessage",
            resource: format!("arn:aws:sqs:eu-west-1:{MGMT}:jobs"),
            ..base(
                "C.5 RCPs do not apply to resources in the management account",
                vec![
                    full_access(&EVERY_LEVEL),
                    rcp(
                        "p-rcp-sqs",
                        "no-sqs",
                        json!({"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}),
                    ),
                ],
                arn(MGMT, "carol"),
                "allowed",
                "the resource is in the management account 999999999999: RCPs do not apply to it",
            )
        },
    ]
}

#[test]
fn scps_and_rcps_gate_any_action_as_the_organization_says() {
    for c in cases() {
        let dir = org_dir(Some(&organization(&c.enabled, c.policies)));
        let context: Vec<&str> = c.context.iter().map(String::as_str).collect();
        let v = can(dir.path(), &c.principal, c.action, &c.resource, &context);
        let said = words(&v);
        assert_eq!(v["verdict"], c.verdict, "{}: {said}", c.rule);
        assert!(said.contains(c.says), "{}: {said}", c.rule);
        assert!(!said.contains(c.never), "{}: {said}", c.rule);
        assert!(
            !said.contains("SCPs and RCPs are not in the snapshot"),
            "{}: the organization is loaded: {said}",
            c.rule
        );
    }
}

/// Without organization.json nothing changes: the Deny-everything SCPs are
/// not there, and the note that they are not loaded stays.
#[test]
fn without_the_organization_nothing_is_gated() {
    let dir = org_dir(None);
    let v = can(dir.path(), &arn(DEV, "alice"), "ec2:RunInstances", "*", &[]);
    assert_eq!(v["verdict"], "allowed", "{v}");
    assert!(
        words(&v).contains("SCPs and RCPs are not in the snapshot"),
        "{v}"
    );
}

/// who-can lists the RCP's reasons for the denied outsider (with --all)
/// and keeps the member.
#[test]
fn who_can_shows_the_organization_reasons() {
    let org = organization(
        &[SCPS, RCPS],
        vec![
            full_access(&EVERY_LEVEL),
            rcp(
                "p-rcp-org",
                "org-only",
                json!({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
                       "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG}}}),
            ),
        ],
    );
    let dir = org_dir(Some(&org));
    let d = dir.path().display().to_string();
    let context = format!("aws:ResourceAccount={PROD}");
    let resource = "arn:aws:s3:::prod-data/report.csv";
    let args = [
        "who-can",
        "s3:GetObject",
        resource,
        "--context",
        &context,
        "--json",
        "--file",
        &d,
    ];
    let listed = json_of(&rolecall(&args));
    let principal = |v: &Value, who: &str| {
        v["principals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["principal"] == who)
            .cloned()
    };
    assert!(principal(&listed, &arn(DEV, "alice")).is_some(), "{listed}");
    assert!(
        principal(&listed, &arn(OUTSIDE, "bob")).is_none(),
        "{listed}"
    );
    let mut all = args.to_vec();
    all.push("--all");
    let everyone = json_of(&rolecall(&all));
    let bob = principal(&everyone, &arn(OUTSIDE, "bob")).expect("bob with --all");
    assert_eq!(bob["verdict"], "denied", "{bob}");
    assert!(
        bob.to_string()
            .contains("explicit Deny in the RCP org-only (p-rcp-org) attached to the root r-ab12"),
        "{bob}"
    );
}

fn admin_paths_from(dir: &Path) -> Vec<String> {
    paths_from(dir, "admin")
}

/// Who has a path to `target`.
fn paths_from(dir: &Path, target: &str) -> Vec<String> {
    let d = dir.display().to_string();
    let v = json_of(&rolecall(&[
        "paths", "--to", target, "--json", "--file", &d,
    ]));
    v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["from"].as_str().unwrap().to_string())
        .collect()
}

/// ESCALATION + C.2: alice can rewrite her own policy (an edge to admin);
/// an SCP Deny of iam:PutUserPolicy on her OU removes the edge.
#[test]
fn an_scp_deny_removes_an_escalation_edge() {
    let alice = arn(DEV, "alice");
    let open = org_dir(Some(&organization(
        &[SCPS],
        vec![full_access(&EVERY_LEVEL)],
    )));
    assert!(admin_paths_from(open.path()).contains(&alice));
    let denied = org_dir(Some(&organization(
        &[SCPS],
        vec![full_access(&EVERY_LEVEL), deny_on_ou("iam:PutUserPolicy")],
    )));
    let from = admin_paths_from(denied.path());
    assert!(!from.contains(&alice), "{from:?}");
}

/// ESCALATION + C.2: an SCP Deny that names one role tells the two app
/// roles apart, though dave's own policy names both alike (the escalation
/// graph shares an answer only between targets no statement tells apart).
#[test]
fn an_scp_deny_on_one_role_removes_only_its_edge() {
    let narrow = scp(
        "p-b",
        "keep-b",
        json!({"Effect": "Deny", "Action": "iam:UpdateAssumeRolePolicy",
               "Resource": format!("arn:aws:iam::{DEV}:role/app-b")}),
        &[DEV],
    );
    let dir = org_dir(Some(&organization(
        &[SCPS],
        vec![full_access(&EVERY_LEVEL), narrow],
    )));
    let dave = arn(DEV, "dave");
    let to_a = paths_from(dir.path(), &format!("arn:aws:iam::{DEV}:role/app-a"));
    assert!(to_a.contains(&dave), "{to_a:?}");
    let to_b = paths_from(dir.path(), &format!("arn:aws:iam::{DEV}:role/app-b"));
    assert!(!to_b.contains(&dave), "{to_b:?}");
}

/// The effective permissions: an action an SCP denies is removed, and why
/// names the SCP; the note says the SCPs are applied.
#[test]
fn effective_permissions_remove_what_an_scp_denies() {
    let dir = org_dir(Some(&organization(
        &[SCPS],
        vec![full_access(&EVERY_LEVEL), deny_on_ou("ec2:*")],
    )));
    let d = dir.path().display().to_string();
    let v = json_of(&rolecall(&[
        "permissions",
        &arn(DEV, "alice"),
        "--service",
        "ec2",
        "--json",
        "--file",
        &d,
    ]));
    let text = v.to_string();
    assert!(
        text.contains("explicit Deny in the SCP deny-it (p-deny) attached to OU Workloads (ou-ab12-work), statement NoIt"),
        "{text}"
    );
    assert!(
        text.contains("the SCPs of account 111111111111 are applied"),
        "{text}"
    );
    assert!(
        !text.contains("SCPs, RCPs and resource policies are not in the snapshot"),
        "{text}"
    );
}

/// A role of DEV with one managed policy allowing sts:AssumeRole.
fn assumer(name: &str, path: &str) -> Value {
    json!({
        "RoleName": name, "RoleId": format!("AROA{name:0>18}"), "Path": path,
        "Arn": format!("arn:aws:iam::{DEV}:role{path}{name}"),
        "CreateDate": "2026-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": doc(json!([{"Effect": "Allow",
            "Principal": {"Service": "test.amazonaws.com"}, "Action": "sts:AssumeRole"}])),
        "InstanceProfileList": [], "RolePolicyList": [], "Tags": [],
        "AttachedManagedPolicies": [{"PolicyName": "assume-any",
            "PolicyArn": format!("arn:aws:iam::{DEV}:policy/assume-any")}]
    })
}

/// C.1 in who-can-assume: a service-linked role and an ordinary role with
/// the same policy are exempt and not, so the one decision the role would
/// otherwise share between them (the same statements apply) is not shared.
#[test]
fn a_service_linked_caller_does_not_share_the_decision_of_its_neighbours() {
    let target = json!({
        "RoleName": "target", "RoleId": "AROATARGET000000000001", "Path": "/",
        "Arn": format!("arn:aws:iam::{DEV}:role/target"),
        "CreateDate": "2026-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": doc(json!([{"Effect": "Allow",
            "Principal": {"AWS": format!("arn:aws:iam::{DEV}:root")}, "Action": "sts:AssumeRole"}])),
        "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []
    });
    let policy = json!({
        "PolicyName": "assume-any", "PolicyId": "ANPAASSUMEANY", "Path": "/",
        "Arn": format!("arn:aws:iam::{DEV}:policy/assume-any"), "DefaultVersionId": "v1",
        "AttachmentCount": 2, "IsAttachable": true,
        "PolicyVersionList": [{"Document": doc(json!([allow("sts:AssumeRole", "*")])),
                               "VersionId": "v1", "IsDefaultVersion": true}]
    });
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(format!("{DEV}.json")),
        &json!({"UserDetailList": [], "GroupDetailList": [], "Policies": [policy],
                "RoleDetailList": [
                    assumer("AWSServiceRoleForTest", "/aws-service-role/test.amazonaws.com/"),
                    assumer("worker", "/"),
                    target]}),
    );
    write(
        &dir.path().join("organization.json"),
        &organization(
            &[SCPS],
            vec![full_access(&EVERY_LEVEL), deny_on_ou("sts:AssumeRole")],
        ),
    );
    let d = dir.path().display().to_string();
    let role = format!("arn:aws:iam::{DEV}:role/target");
    let v = json_of(&rolecall(&[
        "who-can-assume",
        "--json",
        "--all",
        &role,
        "--file",
        &d,
    ]));
    let verdict = |name: &str| {
        v["principals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["principal"].as_str().unwrap_or("").ends_with(name))
            .map(|p| p["verdict"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{name} listed: {v}"))
    };
    assert_eq!(verdict("/AWSServiceRoleForTest"), "allowed", "{v}");
    assert_eq!(verdict("role/worker"), "denied", "{v}");
}
