use serde_json::json;

use super::summarise;
use crate::analysis::assume::AssumeIndex;
use crate::catalogue::AccessLevel;
use crate::model::EntityRef;
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

fn user(statements: serde_json::Value, boundary: Option<serde_json::Value>) -> crate::model::Model {
    let mut u = json!({"UserName": "alice", "UserId": "AIDAA", "Arn": "arn:aws:iam::111111111111:user/alice",
        "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}]});
    let mut policies = Vec::new();
    if let Some(b) = boundary {
        let arn = "arn:aws:iam::111111111111:policy/boundary";
        u["PermissionsBoundary"] =
            json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn});
        policies.push(
            json!({"PolicyName": "boundary", "Arn": arn, "DefaultVersionId": "v1",
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
                "Document": {"Version": "2012-10-17", "Statement": b}}]}),
        );
    }
    model(json!({"UserDetailList": [u], "Policies": policies}))
}

fn level<'a>(s: &'a super::Summary, service: &str, level: AccessLevel) -> &'a super::LevelSummary {
    s.services
        .iter()
        .find(|x| x.prefix == service)
        .and_then(|x| x.levels.iter().find(|l| l.level == level))
        .unwrap_or_else(|| {
            panic!(
                "no {service} {level:?} in {:?}",
                s.services.iter().map(|x| &x.prefix).collect::<Vec<_>>()
            )
        })
}

#[test]
fn a_wildcard_grant_is_limited_to_the_actions_it_names_and_scoped_to_its_resources() {
    let m = user(
        json!([{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::data/*"}]),
        None,
    );
    let s = summarise(&m, &AssumeIndex::build(&m), EntityRef::User(0));
    let read = level(&s, "s3", AccessLevel::Read);
    assert!(
        read.granted > 10 && read.granted < read.total,
        "{}",
        read.access_words()
    );
    assert!(read.access_words().starts_with("Limited: "));
    assert_eq!(read.resource_words(), "arn:aws:s3:::data/*");
    assert!(s.services.iter().all(|x| x.prefix == "s3"));
    assert!(s.admin.is_none());
}

#[test]
fn a_deny_and_a_boundary_remove_actions() {
    let m = user(
        json!([{"Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*"},
               {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]),
        Some(json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}])),
    );
    let s = summarise(&m, &AssumeIndex::build(&m), EntityRef::User(0));
    let find = |name: &str| s.actions.iter().find(|a| a.name == name).expect(name);
    assert!(find("s3:DeleteBucket").removed);
    assert!(
        find("s3:DeleteBucket")
            .removed_why
            .as_deref()
            .is_some_and(|w| w.contains("Deny"))
    );
    assert!(find("s3:GetObject").full);
    let run = find("ec2:RunInstances");
    assert!(run.removed, "the boundary allows only s3");
    let write = level(&s, "s3", AccessLevel::Write);
    assert_eq!(write.granted + 1, write.total);
    assert_eq!(level(&s, "ec2", AccessLevel::Write).granted, 0);
}

#[test]
fn administrator_access_is_admin_and_a_conditional_grant_is_not_full() {
    let admin = user(
        json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
        None,
    );
    let s = summarise(&admin, &AssumeIndex::build(&admin), EntityRef::User(0));
    assert_eq!(
        s.admin.as_deref(),
        Some("allows every action on every resource")
    );
    assert!(s.services.len() > 400);
    let cond = user(
        json!([{"Effect": "Allow", "Action": "*", "Resource": "*",
                "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]),
        None,
    );
    let s = summarise(&cond, &AssumeIndex::build(&cond), EntityRef::User(0));
    assert!(s.admin.is_none());
    let read = level(&s, "s3", AccessLevel::Read);
    assert!(!read.full);
    assert_eq!(read.alternatives.len(), 1);
    assert!(
        read.condition_words(&s.statements).contains("10.0.0.0/8"),
        "{}",
        read.condition_words(&s.statements)
    );
}

#[test]
fn writing_its_own_policy_makes_a_user_admin() {
    let m = user(
        json!([{"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "arn:aws:iam::111111111111:user/alice"}]),
        None,
    );
    let s = summarise(&m, &AssumeIndex::build(&m), EntityRef::User(0));
    assert!(
        s.admin
            .as_deref()
            .is_some_and(|w| w.contains("iam:PutUserPolicy")),
        "{:?}",
        s.admin
    );
    // On someone else it is not.
    let other = user(
        json!([{"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "arn:aws:iam::111111111111:user/bob"}]),
        None,
    );
    assert!(
        summarise(&other, &AssumeIndex::build(&other), EntityRef::User(0))
            .admin
            .is_none()
    );
}

#[test]
fn not_action_with_a_narrow_resource_grants_only_where_the_resource_can_apply() {
    let m = user(
        json!([{"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::*"}]),
        None,
    );
    let s = summarise(&m, &AssumeIndex::build(&m), EntityRef::User(0));
    assert!(s.actions.iter().all(|a| a.name != "s3:DeleteBucket"));
    // s3:ListAllMyBuckets takes only "*" (A.6), and EC2 resources are not S3's.
    assert!(s.actions.iter().all(|a| a.name != "s3:ListAllMyBuckets"));
    assert!(s.actions.iter().all(|a| !a.name.starts_with("ec2:")));
    assert!(s.actions.iter().any(|a| a.name == "s3:GetObject"));
}

/// The quick check the role list uses agrees with the full summary, for
/// every role and user of the demo.
#[test]
fn the_quick_admin_check_agrees_with_the_summary_on_the_demo() {
    let loaded = crate::source::demo::current().expect("the demo loads");
    let m = crate::model::build(vec![loaded]);
    let index = AssumeIndex::build(&m);
    let mut admins = 0;
    let owners = (0..m.roles.len())
        .map(EntityRef::Role)
        .chain((0..m.users.len()).map(EntityRef::User));
    for owner in owners {
        let quick = super::admin_of(&m, &index, owner).is_some();
        let full = summarise(&m, &index, owner).admin.is_some();
        assert_eq!(quick, full, "{}", m.arn_of(owner));
        admins += usize::from(full);
    }
    assert!(admins >= 3, "the demo has administrators: {admins}");
}
