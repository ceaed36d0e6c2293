//! The evaluator's own checks; the rule-by-rule suite is
//! crates/core/tests/eval_rules.rs.

use serde_json::json;

use super::{Request, evaluate};
use crate::analysis::assume::{AssumeIndex, Caller, Verdict};
use crate::policy::RequestContext;
use crate::source::{Loaded, file::parse_gaad};

fn model(gaad: serde_json::Value) -> crate::model::Model {
    let mut gaad = gaad;
    gaad["Rolecall"] = json!({"FormatVersion": 1, "AccountId": "111111111111", "Partition": "aws"});
    let bytes = serde_json::to_vec(&gaad).expect("serializes");
    crate::model::build(vec![Loaded {
        origin: "t.json".into(),
        snapshot: parse_gaad(&bytes, "t").expect("parses"),
    }])
}

fn ask(
    m: &crate::model::Model,
    who: Caller,
    action: &str,
    resource: &str,
) -> crate::analysis::assume::Decision {
    let index = AssumeIndex::build(m);
    let ctx = RequestContext::new();
    evaluate(
        m,
        &index,
        &Request {
            principal: who,
            action,
            resource,
            context: &ctx,
        },
    )
}

/// Issue 10 fault 1: two Allow statements under different conditions are
/// two routes, and both show.
#[test]
fn every_conditional_trust_route_is_an_alternative() {
    let m = model(json!({"RoleDetailList": [
        {"RoleName": "app", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/app"},
        {"RoleName": "target", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/target",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"},
             "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"},
             "Action": "sts:AssumeRole", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}}]}));
    let d = ask(
        &m,
        Caller::Role(0),
        "sts:AssumeRole",
        "arn:aws:iam::111111111111:role/target",
    );
    assert_eq!(d.verdict, Verdict::Conditional, "{:?}", d.reasons);
    assert_eq!(d.alternatives.len(), 2, "{:?}", d.alternatives);
    let keys: Vec<&str> = d.alternatives.iter().map(|a| a[0].key.as_str()).collect();
    assert_eq!(keys, ["aws:SourceVpc", "aws:SourceIp"]);
}

/// Issue 10 fault 2: a Deny naming one session of a role leaves the other
/// sessions allowed, conditional on the session name.
#[test]
fn a_deny_of_one_session_does_not_deny_the_role() {
    let m = model(json!({"RoleDetailList": [
        {"RoleName": "app", "RoleId": "AROAAPP", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/app"},
        {"RoleName": "target", "Path": "/", "Arn": "arn:aws:iam::111111111111:role/target",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"},
             "Action": "sts:AssumeRole"},
            {"Effect": "Deny", "Principal": {"AWS": "arn:aws:sts::111111111111:assumed-role/app/mallory"},
             "Action": "sts:AssumeRole"}]}}]}));
    let target = "arn:aws:iam::111111111111:role/target";
    let any = ask(&m, Caller::Role(0), "sts:AssumeRole", target);
    assert_eq!(any.verdict, Verdict::Conditional, "{:?}", any.reasons);
    assert!(any.alternatives.is_empty(), "{:?}", any.alternatives);
    assert_eq!(any.unless.len(), 1, "{:?}", any.unless);
    assert_eq!(any.unless[0].key, "aws:userid");
    assert_eq!(any.unless[0].values, ["AROAAPP:mallory"]);
    let session = |name: &str| Caller::Session {
        role: 0,
        session_name: name.into(),
    };
    assert_eq!(
        ask(&m, session("mallory"), "sts:AssumeRole", target).verdict,
        Verdict::Denied
    );
    assert_eq!(
        ask(&m, session("alice"), "sts:AssumeRole", target).verdict,
        Verdict::Allowed
    );
}

#[test]
fn any_action_is_decided_on_the_identity_side_with_the_resource_policy_unknown() {
    let m = model(json!({"UserDetailList": [
        {"UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::111111111111:user/alice",
         "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::data/*"},
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/secret/*"},
            {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}}]}]}));
    let alice = || Caller::User(0);
    let d = ask(&m, alice(), "s3:GetObject", "arn:aws:s3:::data/report.csv");
    assert_eq!(d.verdict, Verdict::Allowed, "{:?}", d.reasons);
    assert_eq!(d.resource_policy, super::ResourcePolicy::NotKnown);
    assert_eq!(
        ask(&m, alice(), "s3:GetObject", "arn:aws:s3:::data/secret/k").verdict,
        Verdict::Denied
    );
    assert_eq!(
        ask(&m, alice(), "s3:PutObject", "arn:aws:s3:::data/x").verdict,
        Verdict::Denied
    );
    let star = ask(&m, alice(), "s3:GetObject", "*");
    assert_eq!(star.verdict, Verdict::Denied);
    assert!(
        star.reasons
            .iter()
            .any(|r| r.contains("arn:aws:s3:::data/*")),
        "{:?}",
        star.reasons
    );
    // KMS: the key policy must allow too, even in the same account (A.2).
    let kms = ask(
        &m,
        alice(),
        "kms:Decrypt",
        "arn:aws:kms:us-east-1:111111111111:key/k",
    );
    assert_eq!(kms.verdict, Verdict::Conditional, "{:?}", kms.reasons);
    assert_eq!(kms.alternatives[0][0].key, "resource policy");
}

/// ORGANIZATIONS.md C.2 with conditions: an SCP whose only Allow holds in
/// one region is one more AND on every identity route, its words name the
/// SCP; a member's resource carries aws:ResourceOrgID (C.8), so an SCP Deny
/// of resources outside the organization does not apply.
#[test]
fn a_conditional_scp_allow_joins_every_route() {
    let mut m = model(json!({"UserDetailList": [
        {"UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::111111111111:user/alice",
         "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}},
            {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
             "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}}]}]}));
    let scp = |id: &str, statement: serde_json::Value, targets: &[&str]| {
        json!({"id": id, "name": id, "type": "SERVICE_CONTROL_POLICY", "targets": targets,
               "content": {"Version": "2012-10-17", "Statement": [statement]}})
    };
    let org = json!({
        "format": crate::org::FORMAT,
        "organization": {"id": "o-abc123", "management_account_id": "999999999999"},
        "roots": [{"id": "r-1", "enabled_policy_types": ["SERVICE_CONTROL_POLICY"]}],
        "accounts": [{"id": "111111111111", "name": "dev", "parent_id": "r-1"}],
        "policies": [
            scp("eu-only", json!({"Sid": "Eu", "Effect": "Allow", "Action": "*", "Resource": "*",
                       "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}),
                &["r-1", "111111111111"]),
            scp("in-org", json!({"Effect": "Deny", "Action": "*", "Resource": "*",
                       "Condition": {"StringNotEqualsIfExists": {"aws:ResourceOrgID": "o-abc123"}}}),
                &["r-1"])]
    });
    m.organization = Some(std::sync::Arc::new(
        serde_json::from_value(org).expect("an organization"),
    ));
    let d = ask(
        &m,
        Caller::User(0),
        "sqs:SendMessage",
        "arn:aws:sqs:eu-west-1:111111111111:jobs",
    );
    assert_eq!(d.verdict, Verdict::Conditional, "{:?}", d.reasons);
    assert_eq!(d.alternatives.len(), 2, "{:?}", d.alternatives);
    for route in &d.alternatives {
        assert!(
            route.iter().any(|c| c.key == "aws:RequestedRegion"),
            "{route:?}"
        );
    }
    assert!(d.unless.is_empty(), "the Deny is decided: {:?}", d.unless);
    assert!(
        d.reasons
            .iter()
            .any(|r| r.contains("the SCP eu-only (eu-only) attached to the root r-1, statement Eu")),
        "{:?}",
        d.reasons
    );
}
