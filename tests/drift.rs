//! Drift: the demo's twelve documented changes, and hand-made pairs for
//! every kind of change (real parser, real model).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use rolecall::audit::drift::{ChangeKind, Drift, diff_models, render_human};
use rolecall::cli::diff::{DiffError, DiffOptions, run_diff};
use rolecall::model::{self, Model};
use rolecall::source::demo;
use rolecall_testkit::gaad::*;
use serde_json::{Value, json};

const ACCT: &str = "123456789012";

fn model_of(roles: Vec<Role>, policies: Vec<Policy>, account: &str, when: &str) -> Model {
    Account::new(account)
        .captured_at(when)
        .origin(&format!("{when}.json"))
        .roles(roles)
        .policies(policies)
        .model()
}

fn arn(kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:{kind}/{name}")
}

/// A role as GAAD lists it: trusted by its account, last used in November.
fn gaad_role(name: &str) -> Role {
    Role::new(name)
        .created("2020-01-01T00:00:00Z")
        .trusted_by(aws(root(ACCT)))
        .last_used("2026-11-01T00:00:00Z", None)
}

/// A role with what GetRole adds and rolecall's snapshots carry.
fn role(name: &str) -> Role {
    gaad_role(name).description("a role").max_session(3600)
}

fn reads_bucket(bucket: &str) -> Value {
    document([allow("s3:GetObject", format!("arn:aws:s3:::{bucket}/*"))])
}

/// A policy document allowing `action` on everything.
fn grants(action: &str) -> Value {
    document([allow(action, "*")])
}

/// The drift from `old` roles/policies to `new` ones.
fn drift(old: (Vec<Role>, Vec<Policy>), new: (Vec<Role>, Vec<Policy>)) -> Drift {
    let o = model_of(old.0, old.1, ACCT, "2026-10-01T00:00:00Z");
    let n = model_of(new.0, new.1, ACCT, "2026-11-01T00:00:00Z");
    diff_models(&o, 0, &n, 0)
}

fn kinds(d: &Drift) -> Vec<&'static str> {
    d.changes.iter().map(|c| c.kind.name()).collect()
}

// ------------------------------------------------------------- hand-made

#[test]
fn identical_snapshots_have_no_drift_even_when_last_used_moves() {
    let old = vec![role("a")];
    let new = vec![role("a").last_used("2026-11-20T00:00:00Z", None)];
    assert!(drift((old, vec![]), (new, vec![])).is_empty());
}

#[test]
fn roles_added_removed_and_recreated() {
    let d = drift(
        (vec![role("gone"), role("same")], vec![]),
        (
            vec![role("new"), role("same").id("AROAZZZZZZZZZZZZZZZZZ")],
            vec![],
        ),
    );
    assert_eq!(kinds(&d), ["role_removed", "role_added", "role_recreated"]);
    match &d.changes[1].kind {
        ChangeKind::RoleAdded { trust, .. } => {
            assert_eq!(trust[0].principal, format!("arn:aws:iam::{ACCT}:root"));
            assert_eq!(trust[0].kind, "AWS account");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(d.changes[1].role.as_deref(), Some("new"));
}

#[test]
fn trust_principals_added_removed_and_changed() {
    let vendor = || aws("arn:aws:iam::999999999999:root");
    let old = document([
        trust_allow(vendor(), "sts:AssumeRole")
            .when(json!({"StringEquals": {"sts:ExternalId": "old-id"}})),
        trust_allow(service("ec2.amazonaws.com"), "sts:AssumeRole"),
    ]);
    let new = document([
        trust_allow(vendor(), ["sts:AssumeRole", "sts:TagSession"])
            .when(json!({"StringEquals": {"sts:ExternalId": "new-id"}})),
        trust_allow(aws("*"), "sts:AssumeRole"),
    ]);
    let d = drift(
        (vec![role("r").trust(old)], vec![]),
        (vec![role("r").trust(new)], vec![]),
    );
    assert_eq!(kinds(&d), ["trust_changed"]);
    let ChangeKind::TrustChanged {
        principals_added,
        principals_removed,
        principals_changed,
        diff,
    } = &d.changes[0].kind
    else {
        panic!()
    };
    assert_eq!(principals_added.len(), 1);
    assert_eq!(principals_added[0].principal, "*");
    assert_eq!(principals_added[0].kind, "anyone (*)");
    assert_eq!(principals_removed[0].principal, "ec2.amazonaws.com");
    assert_eq!(principals_removed[0].kind_key, "Service");
    let c = &principals_changed[0];
    assert_eq!(c.principal, "arn:aws:iam::999999999999:root");
    assert_eq!(c.actions_added, ["sts:TagSession"]);
    assert!(c.actions_removed.is_empty());
    assert_eq!(c.conditions_added[0].values, ["new-id"]);
    assert_eq!(c.conditions_removed[0].values, ["old-id"]);
    assert_eq!(c.conditions_added[0].key, "sts:ExternalId");
    assert!(
        diff.contains("-          \"sts:ExternalId\": \"old-id\""),
        "{diff}"
    );
    assert!(
        diff.contains("+          \"sts:ExternalId\": \"new-id\""),
        "{diff}"
    );
    assert!(
        diff.starts_with("--- old/trust-policy.json\n+++ new/trust-policy.json\n"),
        "{diff}"
    );
}

#[test]
fn trust_reworded_without_principal_change_is_still_reported() {
    let new = document([trust_allow(aws(root(ACCT)), "sts:AssumeRole").sid("Named")]);
    let d = drift(
        (vec![role("r")], vec![]),
        (vec![role("r").trust(new)], vec![]),
    );
    let ChangeKind::TrustChanged {
        principals_added,
        principals_removed,
        principals_changed,
        diff,
    } = &d.changes[0].kind
    else {
        panic!()
    };
    assert!(
        principals_added.is_empty()
            && principals_removed.is_empty()
            && principals_changed.is_empty()
    );
    assert!(diff.contains("+      \"Sid\": \"Named\","), "{diff}");
}

#[test]
fn policies_attached_and_detached() {
    let pols = vec![
        Policy::new("a", grants("s3:*")),
        Policy::new("b", grants("sqs:*")),
    ];
    let d = drift(
        (vec![role("r").attached("a")], pols.clone()),
        (vec![role("r").attached("b")], pols),
    );
    assert_eq!(kinds(&d), ["policy_attached", "policy_detached"]);
    assert!(
        matches!(&d.changes[0].kind, ChangeKind::PolicyAttached { policy_arn } if *policy_arn == arn("policy", "b"))
    );
    assert!(
        matches!(&d.changes[1].kind, ChangeKind::PolicyDetached { policy_arn } if *policy_arn == arn("policy", "a"))
    );
}

#[test]
fn inline_policies_added_removed_changed() {
    let d = drift(
        (
            vec![
                role("r")
                    .inline("keep", reads_bucket("one"))
                    .inline("drop", reads_bucket("x")),
            ],
            vec![],
        ),
        (
            vec![
                role("r")
                    .inline("keep", reads_bucket("two"))
                    .inline("fresh", reads_bucket("y")),
            ],
            vec![],
        ),
    );
    assert_eq!(
        kinds(&d),
        [
            "inline_policy_added",
            "inline_policy_removed",
            "inline_policy_changed"
        ]
    );
    let ChangeKind::InlinePolicyChanged { name, diff } = &d.changes[2].kind else {
        panic!()
    };
    assert_eq!(name, "keep");
    assert!(
        diff.contains("-      \"Resource\": \"arn:aws:s3:::one/*\""),
        "{diff}"
    );
    assert!(
        diff.contains("+      \"Resource\": \"arn:aws:s3:::two/*\""),
        "{diff}"
    );
    let ChangeKind::InlinePolicyAdded { diff, .. } = &d.changes[0].kind else {
        panic!()
    };
    assert!(diff.lines().skip(3).all(|l| l.starts_with('+')), "{diff}");
}

#[test]
fn boundaries_added_removed_replaced() {
    let d = drift(
        (
            vec![
                role("add"),
                role("drop").boundary("x"),
                role("swap").boundary("x"),
            ],
            vec![],
        ),
        (
            vec![
                role("add").boundary("x"),
                role("drop"),
                role("swap").boundary("y"),
            ],
            vec![],
        ),
    );
    assert_eq!(kinds(&d), ["boundary_changed"; 3]);
    let got: Vec<(Option<String>, Option<String>)> = d
        .changes
        .iter()
        .map(|c| match &c.kind {
            ChangeKind::BoundaryChanged { old, new } => (old.clone(), new.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        got,
        [
            (None, Some(arn("policy", "x"))),
            (Some(arn("policy", "x")), None),
            (Some(arn("policy", "x")), Some(arn("policy", "y"))),
        ]
    );
}

#[test]
fn description_and_max_session_changes_only_when_both_sides_know() {
    let d = drift(
        (vec![role("r"), role("gaad")], vec![]),
        (
            vec![
                role("r").description("now different").max_session(43200),
                gaad_role("gaad"),
            ],
            vec![],
        ),
    );
    assert_eq!(
        kinds(&d),
        ["description_changed", "max_session_duration_changed"]
    );
    assert!(matches!(
        &d.changes[1].kind,
        ChangeKind::MaxSessionDurationChanged {
            old: 3600,
            new: 43200
        }
    ));
}

#[test]
fn managed_policy_default_version_and_document_changes() {
    let r = vec![role("r").attached("p").attached("q").attached("s")];
    let d = drift(
        (
            r.clone(),
            vec![
                Policy::new("p", grants("s3:GetObject")),
                Policy::new("q", grants("sqs:SendMessage")),
                Policy::new("s", grants("sns:Publish")),
            ],
        ),
        (
            r,
            vec![
                Policy::new("p", grants("s3:GetObject"))
                    .version("v2", grants("s3:*"))
                    .default_version("v2"),
                Policy::new("q", grants("sqs:*")),
                // A new non-default version grants nothing: not drift.
                Policy::new("s", grants("sns:Publish")).version("v2", grants("sns:*")),
            ],
        ),
    );
    assert_eq!(
        kinds(&d),
        ["managed_policy_changed", "managed_policy_changed"]
    );
    let ChangeKind::ManagedPolicyChanged {
        name,
        old_default_version,
        new_default_version,
        versions_added,
        used_by_roles,
        diff,
        ..
    } = &d.changes[0].kind
    else {
        panic!()
    };
    assert_eq!(name, "p");
    assert_eq!(d.changes[0].role, None);
    assert_eq!(
        (
            old_default_version.as_deref(),
            new_default_version.as_deref()
        ),
        (Some("v1"), Some("v2"))
    );
    assert_eq!(versions_added, &["v2"]);
    assert_eq!(used_by_roles, &["r"]);
    assert!(diff.contains("+      \"Action\": \"s3:*\","), "{diff}");
    let ChangeKind::ManagedPolicyChanged {
        name,
        old_default_version,
        new_default_version,
        ..
    } = &d.changes[1].kind
    else {
        panic!()
    };
    assert_eq!(name, "q");
    assert_eq!(old_default_version, new_default_version);
}

#[test]
fn json_is_stable_and_tagged() {
    let d = drift(
        (vec![role("a")], vec![]),
        (vec![role("a"), role("b")], vec![]),
    );
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["format"], "rolecall-drift/1");
    assert_eq!(v["account_id"], ACCT);
    assert_eq!(v["old"]["captured_at"], "2026-10-01T00:00:00Z");
    assert_eq!(v["new"]["origin"], "2026-11-01T00:00:00Z.json");
    let c = &v["changes"][0];
    assert_eq!(c["kind"], "role_added");
    assert_eq!(c["role"], "b");
    assert_eq!(c["arn"], arn("role", "b"));
    assert_eq!(c["trust"][0]["kind_key"], "AWS");
    assert_eq!(c["trust"][0]["actions"][0], "sts:AssumeRole");
}

#[test]
fn run_diff_exit_status_and_account_check() {
    let a = model_of(vec![role("a")], vec![], ACCT, "2026-10-01T00:00:00Z");
    let b = model_of(
        vec![role("a"), role("b")],
        vec![],
        ACCT,
        "2026-11-01T00:00:00Z",
    );
    let other = model_of(vec![], vec![], "999999999999", "2026-11-01T00:00:00Z");
    let mut out = Vec::new();
    assert_eq!(
        run_diff(&a, &a, &DiffOptions::default(), &mut out).unwrap(),
        0
    );
    assert!(String::from_utf8_lossy(&out).contains("0 changes"));
    let mut out = Vec::new();
    assert_eq!(
        run_diff(
            &a,
            &b,
            &DiffOptions {
                json: true,
                color: false
            },
            &mut out
        )
        .unwrap(),
        1
    );
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 1);
    assert!(matches!(
        run_diff(&a, &other, &DiffOptions::default(), &mut Vec::new()),
        Err(DiffError::DifferentAccounts { .. })
    ));
}

// ------------------------------------------------------------------ demo

fn demo_drift() -> Drift {
    let old = model::build(vec![demo::earlier().unwrap()]);
    let new = model::build(vec![demo::current().unwrap()]);
    diff_models(&old, 0, &new, 0)
}

#[test]
fn demo_drift_is_exactly_the_twelve_documented_changes() {
    let d = demo_drift();
    let mut got: Vec<(String, &str)> = d
        .changes
        .iter()
        .map(|c| {
            let who = match &c.kind {
                ChangeKind::ManagedPolicyChanged { name, .. } => name.clone(),
                _ => c.role.clone().unwrap_or_default(),
            };
            (who, c.kind.name())
        })
        .collect();
    got.sort();
    let mut want: Vec<(String, &str)> = [
        ("analytics-export", "role_added"),
        ("legacy-reporting", "role_removed"),
        ("cloudcost-vendor-readonly", "trust_changed"),
        ("org-shared-artifacts-reader", "trust_changed"),
        ("github-actions-infra-readonly", "trust_changed"),
        ("security-audit-readonly", "trust_changed"),
        ("DatadogIntegrationRole", "trust_changed"),
        ("acme-deploy-permissions", "managed_policy_changed"),
        ("github-actions-storefront-deploy", "policy_attached"),
        ("eks-cluster-autoscaler-irsa", "policy_detached"),
        ("ec2-batch-worker", "inline_policy_changed"),
        ("search-dev-sandbox", "boundary_changed"),
    ]
    .into_iter()
    .map(|(w, k)| (w.to_string(), k))
    .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn demo_drift_details_match_the_readme() {
    let d = demo_drift();
    let find = |role: &str| {
        d.changes
            .iter()
            .find(|c| c.role.as_deref() == Some(role))
            .unwrap()
    };
    let ChangeKind::TrustChanged {
        principals_added, ..
    } = &find("cloudcost-vendor-readonly").kind
    else {
        panic!()
    };
    assert_eq!(
        principals_added[0].principal,
        "arn:aws:iam::777766665555:root"
    );
    let ChangeKind::TrustChanged {
        principals_added,
        principals_removed,
        ..
    } = &find("org-shared-artifacts-reader").kind
    else {
        panic!()
    };
    assert_eq!(principals_added[0].principal, "*");
    assert_eq!(principals_added[0].conditions[0].key, "aws:PrincipalOrgID");
    assert_eq!(principals_removed.len(), 2);
    let ChangeKind::TrustChanged {
        principals_changed, ..
    } = &find("github-actions-infra-readonly").kind
    else {
        panic!()
    };
    assert_eq!(
        principals_changed[0].conditions_added[0].values,
        ["repo:acme-corp/*"]
    );
    assert_eq!(
        principals_changed[0].conditions_removed[0].values,
        ["repo:acme-corp/infrastructure:*"]
    );
    let ChangeKind::TrustChanged {
        principals_removed, ..
    } = &find("security-audit-readonly").kind
    else {
        panic!()
    };
    assert!(principals_removed[0].principal.contains("555566667777"));
    let ChangeKind::TrustChanged {
        principals_changed, ..
    } = &find("DatadogIntegrationRole").kind
    else {
        panic!()
    };
    assert_eq!(
        principals_changed[0].conditions_added[0].key,
        "sts:ExternalId"
    );
    let policy = d.changes.iter().find(|c| c.role.is_none()).unwrap();
    let ChangeKind::ManagedPolicyChanged {
        old_default_version,
        new_default_version,
        versions_added,
        used_by_roles,
        ..
    } = &policy.kind
    else {
        panic!()
    };
    assert_eq!(
        (
            old_default_version.as_deref(),
            new_default_version.as_deref()
        ),
        (Some("v3"), Some("v4"))
    );
    assert_eq!(versions_added, &["v4"]);
    assert!(used_by_roles.contains(&"prod-deployer".to_string()));
    assert!(matches!(&find("github-actions-storefront-deploy").kind,
        ChangeKind::PolicyAttached { policy_arn } if policy_arn.ends_with("policy/acme-ecs-deploy-passrole")));
    assert!(matches!(&find("eks-cluster-autoscaler-irsa").kind,
        ChangeKind::PolicyDetached { policy_arn } if policy_arn.ends_with("policy/AmazonEC2FullAccess")));
    assert!(matches!(&find("search-dev-sandbox").kind,
        ChangeKind::BoundaryChanged { old: None, new: Some(b) } if b.ends_with("acme-developer-boundary")));
    let ChangeKind::InlinePolicyChanged { diff, .. } = &find("ec2-batch-worker").kind else {
        panic!()
    };
    assert!(
        diff.contains("acme-prod-batch-input") && diff.contains("acme-*"),
        "{diff}"
    );
}

#[test]
fn human_output_is_loud_about_new_trust_and_colours_only_on_request() {
    let d = demo_drift();
    let mut plain = Vec::new();
    render_human(&d, false, &mut plain).unwrap();
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.contains("12 changes"), "{plain}");
    assert!(
        plain.contains("+ NEW TRUST: Allow AWS arn:aws:iam::777766665555:root (AWS account)"),
        "{plain}"
    );
    assert!(
        plain.contains("- role legacy-reporting: removed"),
        "{plain}"
    );
    assert!(!plain.contains('\x1b'));
    let mut colored = Vec::new();
    render_human(&d, true, &mut colored).unwrap();
    let colored = String::from_utf8(colored).unwrap();
    assert!(
        colored.contains("\x1b[1;31m+ NEW TRUST: Allow AWS arn:aws:iam::777766665555:root"),
        "{colored}"
    );
}
