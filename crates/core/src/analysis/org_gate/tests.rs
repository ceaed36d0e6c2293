//! The gates' pure logic on a hand-made organization: root r-1 → OU
//! ou-1-work → account 111111111111; 999999999999 manages.

use serde_json::{Value, json};

use super::rules::outside_reading;
use super::*;
use crate::policy::{PolicyDocument, RequestContext};

const ACCOUNT: &str = "111111111111";

fn policy(id: &str, kind: &str, statement: Value, targets: &[&str]) -> Value {
    json!({"id": id, "name": id, "type": kind, "targets": targets,
           "content": {"Version": "2012-10-17", "Statement": [statement]}})
}

fn full_access(targets: &[&str]) -> Value {
    policy(
        "p-full",
        "SERVICE_CONTROL_POLICY",
        json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
        targets,
    )
}

fn org(policies: Vec<Value>) -> Organization {
    serde_json::from_value(json!({
        "format": crate::org::FORMAT,
        "organization": {"id": "o-abc123", "management_account_id": "999999999999"},
        "roots": [{"id": "r-1", "enabled_policy_types": ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]}],
        "organizational_units": [{"id": "ou-1-work", "name": "Work", "parent_id": "r-1"}],
        "accounts": [{"id": ACCOUNT, "name": "dev", "parent_id": "ou-1-work"}],
        "policies": policies
    }))
    .expect("an organization")
}

fn ask<'a>(action: &'a str, resource: &'a str) -> Ask<'a> {
    Ask {
        action,
        resource,
        resource_words: resource,
        outside: None,
    }
}

fn scp(o: &Organization, action: &str, resource: &str) -> Gate {
    service_control(
        o,
        None,
        ACCOUNT,
        &ask(action, resource),
        &RequestContext::new(),
    )
}

/// C.2: an Allow at every level lets it through; one missing at the OU
/// denies, naming the level; a Deny on the OU denies, naming the policy
/// and statement.
#[test]
fn scps_need_an_allow_at_every_level_and_no_deny() {
    let every = ["r-1", "ou-1-work", ACCOUNT];
    let g = scp(&org(vec![full_access(&every)]), "s3:GetObject", "*");
    assert!(g.denied.is_none() && g.open.is_empty(), "{g:?}");

    let g = scp(
        &org(vec![full_access(&["r-1", ACCOUNT])]),
        "s3:GetObject",
        "*",
    );
    let why = g.denied.expect("denied");
    assert!(
        why.contains("no SCP attached to OU Work (ou-1-work) allows s3:GetObject"),
        "{why}"
    );

    let deny = policy(
        "p-deny",
        "SERVICE_CONTROL_POLICY",
        json!({"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}),
        &["ou-1-work"],
    );
    let g = scp(&org(vec![full_access(&every), deny]), "s3:GetObject", "*");
    assert_eq!(
        g.denied.as_deref(),
        Some(
            "explicit Deny in the SCP p-deny (p-deny) attached to OU Work (ou-1-work), statement NoS3"
        )
    );
}

/// C.3: a Deny whose condition rolecall cannot decide stays open, and so
/// does an Allow that only holds under a condition; neither denies.
#[test]
fn undecided_conditions_leave_the_gate_open() {
    let every = ["r-1", "ou-1-work", ACCOUNT];
    let deny = policy(
        "p-ip",
        "SERVICE_CONTROL_POLICY",
        json!({"Effect": "Deny", "Action": "*", "Resource": "*",
               "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}),
        &["r-1"],
    );
    let g = scp(&org(vec![full_access(&every), deny]), "s3:GetObject", "*");
    assert!(g.denied.is_none(), "{g:?}");
    assert!(
        matches!(&g.open[..], [Open::Deny { words, clauses }]
            if words.contains("statement #1") && clauses.len() == 1),
        "{g:?}"
    );
    let regional = policy(
        "p-region",
        "SERVICE_CONTROL_POLICY",
        json!({"Effect": "Allow", "Action": "*", "Resource": "*",
               "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}),
        &[ACCOUNT],
    );
    let g = scp(
        &org(vec![full_access(&["r-1", "ou-1-work"]), regional]),
        "s3:GetObject",
        "*",
    );
    assert!(matches!(&g.open[..], [Open::Allow { .. }]), "{g:?}");
}

/// C.6: RCPs decide by their Denies only, and a Deny narrowed to one
/// resource leaves the others alone.
#[test]
fn rcps_deny_only_what_they_name() {
    let rcp = policy(
        "p-rcp",
        "RESOURCE_CONTROL_POLICY",
        json!({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
               "Resource": "arn:aws:s3:::secret/*"}),
        &["ou-1-work"],
    );
    let o = org(vec![rcp]);
    let ctx = RequestContext::new();
    let g = resource_control(
        &o,
        None,
        ACCOUNT,
        &ask("s3:GetObject", "arn:aws:s3:::secret/x"),
        &ctx,
    );
    assert!(g.denied.is_some(), "{g:?}");
    let g = resource_control(
        &o,
        None,
        ACCOUNT,
        &ask("s3:GetObject", "arn:aws:s3:::open/x"),
        &ctx,
    );
    assert!(g.denied.is_none() && g.open.is_empty(), "{g:?}");
}

fn clause(operator: &str, key: &str, value: &str) -> crate::policy::ConditionClause {
    let doc = PolicyDocument::parse(&json!({"Statement": [{"Effect": "Deny", "Action": "*",
        "Resource": "*", "Condition": {operator: {key: value}}}]}))
    .expect("parses");
    doc.statements[0].condition[0].clone()
}

/// C.8: a caller outside the organization has no aws:PrincipalOrgID of it
/// (absent or another's), so a clause naming the organization is decided;
/// one naming some other value, or a wildcard, is not.
#[test]
fn org_keys_of_a_caller_outside_are_decided_when_the_values_name_the_org() {
    let id = "o-abc123";
    let read = |op: &str, key: &str, value: &str| outside_reading(&clause(op, key, value), id);
    assert_eq!(
        read("StringNotEqualsIfExists", "aws:PrincipalOrgID", id),
        Some(true)
    );
    assert_eq!(
        read("StringNotEquals", "aws:PrincipalOrgID", id),
        Some(true)
    );
    assert_eq!(read("StringEquals", "aws:PrincipalOrgID", id), Some(false));
    assert_eq!(
        read(
            "ForAnyValue:StringLike",
            "aws:PrincipalOrgPaths",
            "o-abc123/r-1/ou-1-work/*"
        ),
        Some(false)
    );
    // Another organization, a prefix of a longer id, a wildcard: open.
    assert_eq!(read("StringEquals", "aws:PrincipalOrgID", "o-other"), None);
    assert_eq!(read("StringLike", "aws:PrincipalOrgID", "o-abc123*"), None);
    assert_eq!(read("StringLike", "aws:PrincipalOrgID", "*"), None);
    assert_eq!(read("StringEquals", "aws:PrincipalAccount", id), None);
    // Null: absent and another organization's differ.
    assert_eq!(read("Null", "aws:PrincipalOrgID", "true"), None);
}

/// C.4: the list of RCP services is sorted (it is searched) and holds the
/// launch services; kms:RetireGrant is exempt (C.5).
#[test]
fn the_rcp_service_list_is_data_with_a_date() {
    assert!(RCP_SERVICES.windows(2).all(|w| w[0] < w[1]));
    for s in ["s3", "sts", "kms", "sqs", "secretsmanager"] {
        assert!(rcp_applies_to(&format!("{s}:AnyAction")), "{s}");
    }
    assert!(rcp_applies_to("S3:GetObject"));
    assert!(!rcp_applies_to("ec2:RunInstances"));
    assert!(!rcp_applies_to("kms:RetireGrant"));
    assert!(!RCP_SERVICES_AS_OF.is_empty());
}

/// The effective summary's reading: removed by a Deny on every resource or
/// a level without an Allow, limited by a narrower or conditional one.
#[test]
fn the_whole_account_reading_removes_or_limits() {
    let every = ["r-1", "ou-1-work", ACCOUNT];
    let narrow = policy(
        "p-narrow",
        "SERVICE_CONTROL_POLICY",
        json!({"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::logs"}),
        &[ACCOUNT],
    );
    let wide = policy(
        "p-wide",
        "SERVICE_CONTROL_POLICY",
        json!({"Effect": "Deny", "Action": "iam:*", "Resource": "*"}),
        &["r-1"],
    );
    let o = org(vec![full_access(&every), narrow, wide]);
    let scps = AccountScps::of(&o, ACCOUNT).expect("a member");
    let ctx = RequestContext::new();
    assert_eq!(scps.action("s3:GetObject", &ctx), Whole::Untouched);
    assert!(
        matches!(scps.action("s3:DeleteBucket", &ctx), Whole::Limited(w) if w.contains("p-narrow"))
    );
    assert!(
        matches!(scps.action("iam:CreateUser", &ctx), Whole::Removed(w) if w.contains("p-wide"))
    );
    let allow_list = org(vec![full_access(&["r-1", "ou-1-work"])]);
    let scps = AccountScps::of(&allow_list, ACCOUNT).expect("a member");
    assert!(
        matches!(scps.action("s3:GetObject", &ctx), Whole::Removed(w) if w.contains("account 111111111111"))
    );
}
