#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Privilege escalation technique by technique (issue 11): one table of
//! cases, each naming the rule of /work/shared/semantics/ESCALATION.md it
//! checks and the id of the technique in `TECHNIQUES`, run by one test
//! that reports every failing case by name. Each technique has positive
//! cases and, as they apply, negatives: a Deny, a permissions boundary that
//! does not allow it, a Resource that excludes the target, the wrong
//! `iam:PassedToService`, a target role that does not trust the service,
//! and a target in another account. What GAAD cannot show (existing
//! compute, key counts, login profiles, event sources, clusters) must make
//! the edge `Possible` with `needs` naming it, never `Definite`.
//!
//! The worlds (literal GAAD JSON, one small world per case) are built with
//! escalation_rules/world.rs; the case type and runner are in
//! escalation_rules/harness.rs. A case that shows an unfixed bug can be
//! marked `.known_bug(why)`: it must then still fail.
//!
//! Not covered, because the catalogue has no technique for them: D.1
//! `iam:CreateRole` + attach (and the D.6 `iam:PermissionsBoundary` on
//! creation), boundary removal, D.4 EC2 Auto Scaling and
//! `ec2:AssociateIamInstanceProfile`, a Data Pipeline role trusting only
//! `elasticmapreduce.amazonaws.com`, and the pathfinding paths listed in
//! `NOT_IN_CATALOGUE`. SCPs are not in a GAAD snapshot.
//!
//! The last tests compare the catalogue with pathfinding.cloud's
//! (/work/shared/reference/pathfinding-cloud/INDEX.md): every id there is
//! either referenced by a technique or listed in `NOT_IN_CATALOGUE` with a
//! reason.

#[path = "escalation_rules/harness.rs"]
mod harness;
#[path = "escalation_rules/world.rs"]
mod world;

use std::collections::BTreeSet;

use harness::{Case, Check::*, Expect, To, Who, analyse, case, entity, path_techniques, run_all};
use rolecall_core::analysis::escalation::{Kind, Node, Step, TECHNIQUES, paths_to};
use serde_json::{Value, json};
use world::{
    A, B, World, allow, allow_if, arn, attached, boundary, deny, instance_profile, trusts_aws,
    trusts_service,
};

use Expect::{Edge, NoEdge, NoPath, Path};
use Kind::{Conditional, Definite, Possible};
use To::Admin;
use Who::{Role, RoleIn, User, UserIn};

const MALLORY: Who = User("mallory");
const DEV: Who = Role("dev");

fn target() -> To {
    To::P(Role("target"))
}

fn victim() -> To {
    To::P(User("victim"))
}

fn none() -> Value {
    json!([])
}

fn no() -> Value {
    json!({})
}

fn mfa() -> Value {
    json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}})
}

fn user_arn(name: &str) -> String {
    arn(A, "user", name)
}

fn role_arn(name: &str) -> String {
    arn(A, "role", name)
}

fn group_arn(name: &str) -> String {
    arn(A, "group", name)
}

fn policy_arn(name: &str) -> String {
    arn(A, "policy", name)
}

/// mallory (a user of A) with `statements` and `extra`, a plain role
/// `target` and a plain user `victim`, and a boundary policy `Bound` that
/// allows `bound` (and s3:*).
fn mallory(statements: Value, extra: Value, bound: &[&str]) -> World {
    let mut b: Vec<Value> = bound.iter().map(|a| allow(a, "*")).collect();
    b.push(allow("s3:*", "*"));
    World::new()
        .user("mallory", statements, extra)
        .user("victim", json!([allow("s3:GetObject", "*")]), no())
        .user("other", none(), no())
        .role(
            "target",
            json!([trusts_service("ec2.amazonaws.com")]),
            json!([allow("s3:*", "*")]),
            no(),
        )
        .role(
            "other",
            json!([trusts_service("ec2.amazonaws.com")]),
            none(),
            no(),
        )
        .policy("Bound", Value::Array(b))
}

/// The role dev (trusting EC2) with `statements` and `extra`, and the
/// same neighbours as `mallory`.
fn dev(statements: Value, extra: Value, bound: &[&str]) -> World {
    mallory(none(), no(), bound).role(
        "dev",
        json!([trusts_service("ec2.amazonaws.com")]),
        statements,
        extra,
    )
}

fn bounded() -> Value {
    json!({"PermissionsBoundary": boundary(A, "Bound")})
}

/// D.1: administrators, and an administrator taking over a principal.
#[rustfmt::skip]
fn d1() -> Vec<Case> {
    let admin = || json!([allow("*", "*")]);
    vec![
        case("D.1", "is-admin", "Allow * on * is an administrator, in one definite edge",
            mallory(admin(), no(), &[]), MALLORY, Admin, Edge(Definite)).check(NoNeeds),
        case("D.1", "is-admin", "an administrator reaches Node::Admin in one step",
            mallory(admin(), no(), &[]), MALLORY, Admin, Path(Definite, 1)),
        case("D.1", "is-admin", "a role with Allow * on * is an administrator",
            dev(admin(), no(), &[]), DEV, Admin, Edge(Definite)),
        case("D.1", "is-admin", "rule 2: iam:PutUserPolicy on itself without a boundary is admin",
            mallory(json!([allow("iam:PutUserPolicy", &user_arn("mallory"))]), no(), &[]),
            MALLORY, Admin, Edge(Definite)).check(Action("iam:PutUserPolicy")),
        case("D.1", "is-admin", "rule 2: iam:PutGroupPolicy on its own group is admin",
            mallory(json!([allow("iam:PutGroupPolicy", &group_arn("devs"))]), json!({"GroupList": ["devs"]}), &[])
                .group("devs", none(), no()),
            MALLORY, Admin, Edge(Definite)).check(Action("iam:PutGroupPolicy")),
        case("D.1", "is-admin", "a boundary without * caps Allow * on *",
            mallory(admin(), bounded(), &[]), MALLORY, Admin, NoEdge),
        case("D.1", "is-admin", "a Deny of iam:* removes admin",
            mallory(json!([allow("*", "*"), deny("iam:*", "*")]), no(), &[]), MALLORY, Admin, NoEdge),
        case("D.1", "is-admin", "Allow * on one bucket is not admin",
            mallory(json!([allow("*", "arn:aws:s3:::b")]), no(), &[]), MALLORY, Admin, NoEdge),
        case("D.1", "admin-takes-over", "an administrator takes over a role of its account (two steps)",
            mallory(admin(), no(), &[]), MALLORY, target(), Path(Definite, 2)),
        case("D.1", "admin-takes-over", "an administrator takes over a user of its account",
            mallory(admin(), no(), &[]), MALLORY, victim(), Path(Definite, 2)),
        case("D.0", "admin-takes-over", "an administrator cannot rewrite a service-linked role's trust",
            mallory(admin(), no(), &[]).role("slr", json!([trusts_service("ec2.amazonaws.com")]), none(),
                json!({"Path": "/aws-service-role/ec2.amazonaws.com/"})),
            MALLORY, To::P(Role("slr")), NoPath),
        case("D.0", "admin-takes-over", "an administrator of A does not take over a role of account B",
            mallory(admin(), no(), &[])
                .role_in(B, "target", json!([trusts_service("ec2.amazonaws.com")]), none(), no()),
            MALLORY, To::P(RoleIn(B, "target")), NoPath),
        case("D.0", "admin-takes-over", "an administrator of A still takes over A's role when B is loaded",
            mallory(admin(), no(), &[])
                .role_in(B, "target", json!([trusts_service("ec2.amazonaws.com")]), none(), no()),
            MALLORY, target(), Path(Definite, 2)),
        case("D.0", "admin-takes-over", "a user of A that may assume B's administrator role takes over B's role through it",
            mallory(json!([allow("sts:AssumeRole", "*")]), no(), &[])
                .role_in(B, "boss", json!([trusts_aws(&user_arn("mallory"))]), admin(), no())
                .role_in(B, "target", json!([trusts_service("ec2.amazonaws.com")]), none(), no()),
            MALLORY, To::P(RoleIn(B, "target")), Path(Definite, 3)),
        case("D.0", "admin-takes-over", "an administrator of A does not take over a user of account B",
            mallory(admin(), no(), &[]).user_in(B, "victim", none(), no()),
            MALLORY, To::P(UserIn(B, "victim")), NoPath),
    ]
}

/// `mallory` or `dev`.
type Builder = fn(Value, Value, &[&str]) -> World;

/// D.2 self-escalation on its own ARN (users and roles alike): a
/// conditional Allow, a bounded Allow, and the negatives.
#[rustfmt::skip]
fn on_itself(technique: &'static str, action: &'static str, is_user: bool) -> Vec<Case> {
    let (who, own, build): (Who, String, Builder) = if is_user {
        (MALLORY, user_arn("mallory"), mallory)
    } else {
        (DEV, role_arn("dev"), dev)
    };
    let other = if is_user { user_arn("other") } else { role_arn("other") };
    let (wrong_who, wrong_world) = if is_user {
        (DEV, dev(json!([allow(action, "*")]), no(), &[]))
    } else {
        (MALLORY, mallory(json!([allow(action, "*")]), no(), &[]))
    };
    vec![
        case("D.2", technique, "a conditional Allow on itself: a conditional edge with its condition",
            build(json!([allow_if(action, &own, mfa())]), no(), &[]), who, Admin, Edge(Conditional))
            .check(ConditionKey("aws:MultiFactorAuthPresent")).check(NoNeeds),
        case("D.2", technique, "with a boundary that allows the action: possible, needs the boundary to allow more",
            build(json!([allow(action, &own)]), bounded(), &[action]), who, Admin, Edge(Possible))
            .check(Needs("boundary")),
        case("D.2", technique, "a boundary that does not allow the action",
            build(json!([allow(action, &own)]), bounded(), &[]), who, Admin, NoEdge),
        case("D.2", technique, "a Deny of the action",
            build(json!([allow_if(action, &own, mfa()), deny(action, "*")]), no(), &[]), who, Admin, NoEdge),
        case("D.2", technique, "Resource names another principal only",
            build(json!([allow_if(action, &other, mfa())]), no(), &[]), who, Admin, NoEdge),
        case("D.2", technique, "the action is for the other kind of principal",
            wrong_world, wrong_who, Admin, NoEdge),
    ]
}

/// D.2: the group techniques, iam:CreatePolicyVersion, iam:AddUserToGroup.
#[rustfmt::skip]
fn d2() -> Vec<Case> {
    let mut v = Vec::new();
    v.extend(on_itself("put-own-user-policy", "iam:PutUserPolicy", true));
    v.extend(on_itself("attach-own-user-policy", "iam:AttachUserPolicy", true));
    v.extend(on_itself("put-own-role-policy", "iam:PutRolePolicy", false));
    v.extend(on_itself("attach-own-role-policy", "iam:AttachRolePolicy", false));
    let admin_arn = "arn:aws:iam::aws:policy/AdministratorAccess";
    let policy_arn_is = |p: &str| json!({"ArnEquals": {"iam:PolicyARN": p}});
    v.extend([
        case("D.6", "attach-own-user-policy", "iam:PolicyARN limited to ReadOnlyAccess cannot attach an admin policy",
            mallory(json!([allow_if("iam:AttachUserPolicy", &user_arn("mallory"),
                policy_arn_is("arn:aws:iam::aws:policy/ReadOnlyAccess"))]), no(), &[]),
            MALLORY, Admin, NoEdge),
        case("D.1", "attach-own-user-policy", "iam:PolicyARN = AdministratorAccess: definite",
            mallory(json!([allow_if("iam:AttachUserPolicy", &user_arn("mallory"), policy_arn_is(admin_arn))]), no(), &[]),
            MALLORY, Admin, Edge(Definite)),
        case("D.6", "attach-own-role-policy", "iam:PolicyARN limited to ReadOnlyAccess cannot attach an admin policy",
            dev(json!([allow_if("iam:AttachRolePolicy", &role_arn("dev"),
                policy_arn_is("arn:aws:iam::aws:policy/ReadOnlyAccess"))]), no(), &[]),
            DEV, Admin, NoEdge),
        case("D.6", "attach-own-group-policy", "iam:PolicyARN limited to ReadOnlyAccess cannot attach an admin policy to its group",
            mallory(json!([allow_if("iam:AttachGroupPolicy", &group_arn("devs"),
                policy_arn_is("arn:aws:iam::aws:policy/ReadOnlyAccess"))]), json!({"GroupList": ["devs"]}), &[])
                .group("devs", none(), no()),
            MALLORY, Admin, NoEdge),
        case("D.1", "attach-own-group-policy", "iam:PolicyARN = AdministratorAccess on its group: definite",
            mallory(json!([allow_if("iam:AttachGroupPolicy", &group_arn("devs"), policy_arn_is(admin_arn))]),
                json!({"GroupList": ["devs"]}), &[])
                .group("devs", none(), no()),
            MALLORY, Admin, Edge(Definite)),
    ]);
    for (technique, action) in [
        ("put-own-group-policy", "iam:PutGroupPolicy"),
        ("attach-own-group-policy", "iam:AttachGroupPolicy"),
    ] {
        let member = || json!({"GroupList": ["devs"]});
        let member_bounded = || json!({"GroupList": ["devs"], "PermissionsBoundary": boundary(A, "Bound")});
        let groups = |w: World| w.group("devs", none(), no()).group("ops", none(), no());
        v.extend([
            case("D.2", technique, "a conditional Allow on its own group: conditional",
                groups(mallory(json!([allow_if(action, &group_arn("devs"), mfa())]), member(), &[])),
                MALLORY, Admin, Edge(Conditional)).check(ConditionKey("aws:MultiFactorAuthPresent")),
            case("D.2", technique, "bounded: possible, needs the boundary to allow more",
                groups(mallory(json!([allow(action, &group_arn("devs"))]), member_bounded(), &[action])),
                MALLORY, Admin, Edge(Possible)).check(Needs("boundary")),
            case("D.2", technique, "a boundary that does not allow it",
                groups(mallory(json!([allow(action, &group_arn("devs"))]), member_bounded(), &[])),
                MALLORY, Admin, NoEdge),
            case("D.2", technique, "Resource is a group it is not in",
                groups(mallory(json!([allow_if(action, &group_arn("ops"), mfa())]), member(), &[])),
                MALLORY, Admin, NoEdge),
            case("D.2", technique, "a Deny of the action",
                groups(mallory(json!([allow_if(action, &group_arn("devs"), mfa()), deny(action, "*")]), member(), &[])),
                MALLORY, Admin, NoEdge),
            case("D.2", technique, "a role is in no group",
                groups(dev(json!([allow(action, "*")]), no(), &[])), DEV, Admin, NoEdge),
        ]);
    }
    // iam:CreatePolicyVersion.
    let cpv = "iam:CreatePolicyVersion";
    let mine = || json!({"AttachedManagedPolicies": attached(A, &["Mine"])});
    let with_mine = |w: World| w.policy("Mine", json!([allow("s3:GetObject", "*")])).policy("Loose", json!([allow("s3:GetObject", "*")]));
    v.extend([
        case("D.2", "create-policy-version", "on a customer managed policy attached to the user: definite",
            with_mine(mallory(json!([allow(cpv, &policy_arn("Mine"))]), mine(), &[])), MALLORY, Admin, Edge(Definite))
            .check(NoNeeds),
        case("D.2", "create-policy-version", "on a policy attached to its group: definite",
            with_mine(mallory(json!([allow(cpv, &policy_arn("Mine"))]), json!({"GroupList": ["devs"]}), &[]))
                .group("devs", none(), json!({"AttachedManagedPolicies": attached(A, &["Mine"])})),
            MALLORY, Admin, Edge(Definite)),
        case("D.2", "create-policy-version", "on a policy attached to the role itself: definite",
            with_mine(dev(json!([allow(cpv, &policy_arn("Mine"))]), mine(), &[])), DEV, Admin, Edge(Definite)),
        case("D.2", "create-policy-version", "a conditional Allow: conditional",
            with_mine(mallory(json!([allow_if(cpv, &policy_arn("Mine"), mfa())]), mine(), &[])), MALLORY, Admin,
            Edge(Conditional)).check(ConditionKey("aws:MultiFactorAuthPresent")),
        case("D.2", "create-policy-version", "bounded: possible",
            with_mine(mallory(json!([allow(cpv, &policy_arn("Mine"))]),
                json!({"AttachedManagedPolicies": attached(A, &["Mine"]), "PermissionsBoundary": boundary(A, "Bound")}), &[cpv])),
            MALLORY, Admin, Edge(Possible)).check(Needs("boundary")),
        case("D.2", "create-policy-version", "a boundary that does not allow it",
            with_mine(mallory(json!([allow(cpv, &policy_arn("Mine"))]),
                json!({"AttachedManagedPolicies": attached(A, &["Mine"]), "PermissionsBoundary": boundary(A, "Bound")}), &[])),
            MALLORY, Admin, NoEdge),
        case("D.2", "create-policy-version", "Resource is a policy not attached to it",
            with_mine(mallory(json!([allow(cpv, &policy_arn("Loose"))]), mine(), &[])), MALLORY, Admin, NoEdge),
        case("D.2", "create-policy-version", "a Deny on the policy",
            with_mine(mallory(json!([allow(cpv, "*"), deny(cpv, &policy_arn("Mine"))]), mine(), &[])), MALLORY, Admin, NoEdge),
        case("D.2", "create-policy-version", "an AWS managed policy has no settable default",
            mallory(json!([allow(cpv, "*")]), json!({"AttachedManagedPolicies": [
                {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}), &[]),
            MALLORY, Admin, NoEdge),
    ]);
    // iam:AddUserToGroup.
    let add = "iam:AddUserToGroup";
    let admins = |w: World| w.group("admins", json!([allow("*", "*")]), no()).group("ops", json!([allow("s3:*", "*")]), no());
    v.extend([
        case("D.2", "add-user-to-admin-group", "on an administrators' group: definite",
            admins(mallory(json!([allow(add, &group_arn("admins"))]), no(), &[])), MALLORY, Admin, Edge(Definite))
            .check(NoNeeds),
        case("D.2", "add-user-to-admin-group", "Resource is a group that is not admin",
            admins(mallory(json!([allow(add, &group_arn("ops"))]), no(), &[])), MALLORY, Admin, NoEdge),
        case("D.2", "add-user-to-admin-group", "a Deny on the admin group",
            admins(mallory(json!([allow(add, "*"), deny(add, &group_arn("admins"))]), no(), &[])), MALLORY, Admin, NoEdge),
        case("D.2", "add-user-to-admin-group", "a boundary that does not allow it",
            admins(mallory(json!([allow(add, "*")]), bounded(), &[])), MALLORY, Admin, NoEdge),
        case("D.2", "add-user-to-admin-group", "a role cannot join a group",
            admins(dev(json!([allow(add, "*")]), no(), &[])), DEV, Admin, NoEdge),
    ]);
    v
}

/// D.3: becoming another role or user.
#[rustfmt::skip]
fn d3() -> Vec<Case> {
    let uarp = "iam:UpdateAssumeRolePolicy";
    let mut v = vec![
        case("D.3", "update-assume-role-policy", "on the role: definite",
            mallory(json!([allow(uarp, &role_arn("target"))]), no(), &[]), MALLORY, target(), Edge(Definite))
            .check(NoNeeds).check(NoConditions),
        case("D.3", "update-assume-role-policy", "a role can rewrite another role's trust",
            dev(json!([allow(uarp, "*")]), no(), &[]), DEV, target(), Edge(Definite)),
        case("D.3", "update-assume-role-policy", "a conditional Allow: conditional",
            mallory(json!([allow_if(uarp, &role_arn("target"), mfa())]), no(), &[]), MALLORY, target(), Edge(Conditional))
            .check(ConditionKey("aws:MultiFactorAuthPresent")),
        case("D.6", "update-assume-role-policy", "Resource is role/other only",
            mallory(json!([allow(uarp, &role_arn("other"))]), no(), &[]), MALLORY, target(), NoEdge),
        case("D.3", "update-assume-role-policy", "a Deny on the role",
            mallory(json!([allow(uarp, "*"), deny(uarp, &role_arn("target"))]), no(), &[]), MALLORY, target(), NoEdge),
        case("D.3", "update-assume-role-policy", "a boundary that does not allow it",
            mallory(json!([allow(uarp, "*")]), bounded(), &[]), MALLORY, target(), NoEdge),
        case("D.3", "update-assume-role-policy", "a bounded user whose boundary allows it: definite",
            mallory(json!([allow(uarp, "*")]), bounded(), &[uarp]), MALLORY, target(), Edge(Definite)),
        case("D.0", "update-assume-role-policy", "a service-linked role is no target",
            mallory(json!([allow(uarp, "*")]), no(), &[]).role("slr", json!([trusts_service("ec2.amazonaws.com")]), none(),
                json!({"Path": "/aws-service-role/ec2.amazonaws.com/"})),
            MALLORY, To::P(Role("slr")), NoEdge),
        case("D.0", "update-assume-role-policy", "a role of another account gets no IAM edge",
            mallory(json!([allow(uarp, "arn:aws:iam::*:role/*")]), no(), &[])
                .role_in(B, "target", json!([trusts_service("ec2.amazonaws.com")]), none(), no()),
            MALLORY, To::P(RoleIn(B, "target")), NoEdge),
    ];
    let cak = "iam:CreateAccessKey";
    v.extend([
        case("D.3", "create-access-key", "on another user: possible, needs fewer than 2 keys (GAAD has no key count)",
            mallory(json!([allow(cak, &user_arn("victim"))]), no(), &[]), MALLORY, victim(), Edge(Possible))
            .check(Needs("fewer than 2 access keys")),
        case("D.6", "create-access-key", "on user/${aws:username} is self-service, not escalation",
            mallory(json!([allow(cak, "arn:aws:iam::111111111111:user/${aws:username}")]), no(), &[]), MALLORY, victim(), NoEdge),
        case("D.3", "create-access-key", "a Deny on the user",
            mallory(json!([allow(cak, "*"), deny(cak, &user_arn("victim"))]), no(), &[]), MALLORY, victim(), NoEdge),
        case("D.3", "create-access-key", "a boundary that does not allow it",
            mallory(json!([allow(cak, "*")]), bounded(), &[]), MALLORY, victim(), NoEdge),
        case("D.0", "create-access-key", "a user of another account gets no IAM edge",
            mallory(json!([allow(cak, "*")]), no(), &[]).user_in(B, "victim", none(), no()),
            MALLORY, To::P(UserIn(B, "victim")), NoEdge),
        case("D.3", "replace-access-key", "with iam:DeleteAccessKey on the user as well: definite",
            mallory(json!([allow(cak, &user_arn("victim")), allow("iam:DeleteAccessKey", &user_arn("victim"))]), no(), &[]),
            MALLORY, victim(), Edge(Definite)).check(NoNeeds),
        case("D.3", "replace-access-key", "iam:DeleteAccessKey only on another user",
            mallory(json!([allow(cak, &user_arn("victim")), allow("iam:DeleteAccessKey", &user_arn("other"))]), no(), &[]),
            MALLORY, victim(), NoEdge),
        case("D.3", "replace-access-key", "a Deny of iam:DeleteAccessKey",
            mallory(json!([allow("iam:*AccessKey", "*"), deny("iam:DeleteAccessKey", "*")]), no(), &[]),
            MALLORY, victim(), NoEdge),
        case("D.3", "create-login-profile", "on another user: possible, needs no console password yet",
            mallory(json!([allow("iam:CreateLoginProfile", &user_arn("victim"))]), no(), &[]), MALLORY, victim(), Edge(Possible))
            .check(Needs("no console password")),
        case("D.3", "create-login-profile", "a Deny of it",
            mallory(json!([allow("iam:CreateLoginProfile", "*"), deny("iam:CreateLoginProfile", "*")]), no(), &[]),
            MALLORY, victim(), NoEdge),
        case("D.3", "create-login-profile", "a boundary that does not allow it",
            mallory(json!([allow("iam:CreateLoginProfile", "*")]), bounded(), &[]), MALLORY, victim(), NoEdge),
        case("D.3", "update-login-profile", "on another user: possible, needs a console password",
            mallory(json!([allow("iam:UpdateLoginProfile", &user_arn("victim"))]), no(), &[]), MALLORY, victim(), Edge(Possible))
            .check(Needs("has a console password")),
        case("D.6", "update-login-profile", "Resource is user/other only",
            mallory(json!([allow("iam:UpdateLoginProfile", &user_arn("other"))]), no(), &[]), MALLORY, victim(), NoEdge),
        case("D.3", "update-login-profile", "a Deny of it",
            mallory(json!([allow("iam:UpdateLoginProfile", "*"), deny("iam:Update*", "*")]), no(), &[]),
            MALLORY, victim(), NoEdge),
    ]);
    // sts:AssumeRole (sts-001).
    let trusting = |who: Value| {
        mallory(json!([allow("sts:AssumeRole", "*")]), no(), &[])
            .role("boss", json!([{"Effect": "Allow", "Principal": {"AWS": who}, "Action": "sts:AssumeRole"}]),
                json!([allow("s3:*", "*")]), no())
    };
    let boss = To::P(Role("boss"));
    v.extend([
        case("D.3", "assume-role", "the trust names the user: definite",
            trusting(json!(user_arn("mallory"))), MALLORY, boss, Edge(Definite)),
        case("D.3", "assume-role", "a trust policy with a condition: conditional",
            mallory(json!([allow("sts:AssumeRole", "*")]), no(), &[])
                .role("boss", json!([{"Effect": "Allow", "Principal": {"AWS": user_arn("mallory")}, "Action": "sts:AssumeRole",
                    "Condition": mfa()}]), none(), no()),
            MALLORY, boss, Edge(Conditional)).check(ConditionKey("aws:MultiFactorAuthPresent")),
        case("D.3", "assume-role", "the trust names another user",
            trusting(json!(user_arn("other"))), MALLORY, boss, NoEdge),
        case("D.3", "assume-role", "the trust admits the account but a Deny of sts:AssumeRole stops it",
            mallory(json!([allow("s3:*", "*"), deny("sts:AssumeRole", "*")]), no(), &[])
                .role("boss", json!([trusts_aws(&format!("arn:aws:iam::{A}:root"))]), none(), no()),
            MALLORY, boss, NoEdge),
        case("D.3", "assume-role", "a role of another account whose trust names the user: an sts edge (not an IAM technique)",
            trusting(json!(user_arn("mallory")))
                .role_in(B, "far", json!([trusts_aws(&user_arn("mallory"))]), none(), no()),
            MALLORY, To::P(RoleIn(B, "far")), Edge(Definite)),
    ]);
    v
}

/// A PassRole technique as ESCALATION D.4 describes it (written here, not
/// read from `TECHNIQUES`, so that the two are compared).
struct Pass {
    id: &'static str,
    service: &'static str,
    /// The actions besides iam:PassRole, on `*`.
    actions: &'static [&'static str],
    /// EC2: the role needs an instance profile.
    ec2: bool,
    /// What GAAD cannot show, and the action that would create it.
    needs: Option<(&'static str, Option<&'static str>)>,
}

const PASS: &[Pass] = &[
    Pass {
        id: "pass-role-ec2",
        service: "ec2.amazonaws.com",
        actions: &["ec2:RunInstances"],
        ec2: true,
        needs: None,
    },
    Pass {
        id: "pass-role-ec2-spot",
        service: "ec2.amazonaws.com",
        actions: &["ec2:RequestSpotInstances"],
        ec2: true,
        needs: None,
    },
    Pass {
        id: "pass-role-lambda",
        service: "lambda.amazonaws.com",
        actions: &["lambda:CreateFunction", "lambda:InvokeFunction"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-lambda-event-source",
        service: "lambda.amazonaws.com",
        actions: &["lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
        ec2: false,
        needs: Some(("event source", Some("dynamodb:CreateTable"))),
    },
    Pass {
        id: "pass-role-lambda-add-permission",
        service: "lambda.amazonaws.com",
        actions: &["lambda:CreateFunction", "lambda:AddPermission"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-glue-dev-endpoint",
        service: "glue.amazonaws.com",
        actions: &["glue:CreateDevEndpoint"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-glue-job",
        service: "glue.amazonaws.com",
        actions: &["glue:CreateJob", "glue:StartJobRun"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-glue-trigger",
        service: "glue.amazonaws.com",
        actions: &["glue:CreateJob", "glue:CreateTrigger"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-cloudformation",
        service: "cloudformation.amazonaws.com",
        actions: &["cloudformation:CreateStack"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-datapipeline",
        service: "datapipeline.amazonaws.com",
        actions: &[
            "datapipeline:CreatePipeline",
            "datapipeline:PutPipelineDefinition",
            "datapipeline:ActivatePipeline",
        ],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-codebuild",
        service: "codebuild.amazonaws.com",
        actions: &["codebuild:CreateProject", "codebuild:StartBuild"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-codebuild-batch",
        service: "codebuild.amazonaws.com",
        actions: &["codebuild:CreateProject", "codebuild:StartBuildBatch"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-sagemaker-notebook",
        service: "sagemaker.amazonaws.com",
        actions: &[
            "sagemaker:CreateNotebookInstance",
            "sagemaker:CreatePresignedNotebookInstanceUrl",
        ],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-sagemaker-training",
        service: "sagemaker.amazonaws.com",
        actions: &["sagemaker:CreateTrainingJob"],
        ec2: false,
        needs: Some(("S3 bucket", None)),
    },
    Pass {
        id: "pass-role-sagemaker-processing",
        service: "sagemaker.amazonaws.com",
        actions: &["sagemaker:CreateProcessingJob"],
        ec2: false,
        needs: Some(("S3 bucket", None)),
    },
    Pass {
        id: "pass-role-ecs-service",
        service: "ecs-tasks.amazonaws.com",
        actions: &["ecs:RegisterTaskDefinition", "ecs:CreateService"],
        ec2: false,
        needs: Some(("ECS cluster", Some("ecs:CreateCluster"))),
    },
    Pass {
        id: "pass-role-ecs-run-task",
        service: "ecs-tasks.amazonaws.com",
        actions: &["ecs:RegisterTaskDefinition", "ecs:RunTask"],
        ec2: false,
        needs: Some(("ECS cluster", Some("ecs:CreateCluster"))),
    },
    Pass {
        id: "pass-role-ecs-start-task",
        service: "ecs-tasks.amazonaws.com",
        actions: &["ecs:RegisterTaskDefinition", "ecs:StartTask"],
        ec2: false,
        needs: Some(("container instance", None)),
    },
    Pass {
        id: "pass-role-apprunner",
        service: "tasks.apprunner.amazonaws.com",
        actions: &["apprunner:CreateService"],
        ec2: false,
        needs: None,
    },
    Pass {
        id: "pass-role-bedrock-code-interpreter",
        service: "bedrock-agentcore.amazonaws.com",
        actions: &[
            "bedrock-agentcore:CreateCodeInterpreter",
            "bedrock-agentcore:StartCodeInterpreterSession",
            "bedrock-agentcore:InvokeCodeInterpreter",
        ],
        ec2: false,
        needs: None,
    },
];

/// How a PassRole world differs from the plain one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Twist {
    Plain,
    /// iam:PassRole only on role/other.
    PassOther,
    /// iam:PassRole with iam:PassedToService = the right service.
    RightService,
    /// iam:PassRole with iam:PassedToService = another service.
    WrongService,
    /// The target trusts another service.
    Untrusted,
    /// A Deny of the last service action.
    DenyLast,
    /// A boundary that allows iam:PassRole but not the last action.
    Boundary,
    /// A boundary that allows every action it uses.
    BoundaryAllows,
    /// The target is a role of account B.
    OtherAccount,
    /// An Allow of the action that creates what GAAD cannot show.
    Creates,
    /// The same, only with MFA.
    CreatesIfMfa,
    /// EC2: the target has no instance profile.
    NoProfile,
    /// iam:PassRole allowed only with MFA.
    Mfa,
}

fn wrong_service(p: &Pass) -> &'static str {
    if p.service == "ec2.amazonaws.com" {
        "lambda.amazonaws.com"
    } else {
        "ec2.amazonaws.com"
    }
}

fn pass_world(p: &Pass, twist: Twist) -> World {
    let (account, name) = if twist == Twist::OtherAccount {
        ("*", "target")
    } else {
        (A, "target")
    };
    let passed = match twist {
        Twist::PassOther => role_arn("other"),
        _ => format!("arn:aws:iam::{account}:role/{name}"),
    };
    let service_is = |s: &str| json!({"StringEquals": {"iam:PassedToService": s}});
    let mut statements = vec![match twist {
        Twist::RightService => allow_if("iam:PassRole", &passed, service_is(p.service)),
        Twist::WrongService => allow_if("iam:PassRole", &passed, service_is(wrong_service(p))),
        Twist::Mfa => allow_if("iam:PassRole", &passed, mfa()),
        _ => allow("iam:PassRole", &passed),
    }];
    statements.extend(p.actions.iter().map(|a| allow(a, "*")));
    let last = p.actions[p.actions.len() - 1];
    if twist == Twist::DenyLast {
        statements.push(deny(last, "*"));
    }
    match (twist, p.needs) {
        (Twist::Creates, Some((_, Some(creates)))) => statements.push(allow(creates, "*")),
        (Twist::CreatesIfMfa, Some((_, Some(creates)))) => {
            statements.push(allow_if(creates, "*", mfa()))
        }
        _ => {}
    }
    let extra = if matches!(twist, Twist::Boundary | Twist::BoundaryAllows) {
        bounded()
    } else {
        no()
    };
    let bound: Vec<&str> = std::iter::once("iam:PassRole")
        .chain(
            p.actions
                .iter()
                .copied()
                .filter(|a| *a != last || twist == Twist::BoundaryAllows),
        )
        .collect();
    let trusted = if twist == Twist::Untrusted {
        wrong_service(p)
    } else {
        p.service
    };
    let role_extra = |acct: &str| {
        if p.ec2 && twist != Twist::NoProfile {
            json!({"InstanceProfileList": instance_profile(acct, "target")})
        } else {
            no()
        }
    };
    let admin_policy = json!([allow("*", "*")]);
    let w = World::new()
        .user("mallory", Value::Array(statements), extra)
        .role(
            "other",
            json!([trusts_service(p.service)]),
            none(),
            role_extra(A),
        )
        .policy(
            "Bound",
            Value::Array(bound.iter().map(|a| allow(a, "*")).collect()),
        );
    if twist == Twist::OtherAccount {
        w.role_in(
            B,
            "target",
            json!([trusts_service(trusted)]),
            admin_policy,
            role_extra(B),
        )
    } else {
        w.role(
            "target",
            json!([trusts_service(trusted)]),
            admin_policy,
            role_extra(A),
        )
    }
}

/// D.4: every PassRole technique, positive and negative.
#[rustfmt::skip]
fn d4() -> Vec<Case> {
    let mut v = Vec::new();
    for p in PASS {
        let plain_kind = if p.needs.is_some() { Possible } else { Definite };
        let c = |what: &str, twist: Twist, expect: Expect| {
            let to = if twist == Twist::OtherAccount { To::P(RoleIn(B, "target")) } else { target() };
            case("D.4", p.id, what, pass_world(p, twist), MALLORY, to, expect)
        };
        let mut plain = c("iam:PassRole on the role and the service actions on *", Twist::Plain, Edge(plain_kind));
        plain = match p.needs {
            Some((needs, _)) => plain.check(Needs(needs)),
            None => plain.check(NoNeeds),
        };
        v.push(plain);
        v.extend([
            c("iam:PassedToService = the service: the same edge", Twist::RightService, Edge(plain_kind)),
            c("iam:PassRole only on role/other", Twist::PassOther, NoEdge),
            c("iam:PassedToService names another service", Twist::WrongService, NoEdge),
            c("the role does not trust the service", Twist::Untrusted, NoEdge),
            c("a Deny of the last service action", Twist::DenyLast, NoEdge),
            c("a boundary that does not allow the last service action", Twist::Boundary, NoEdge),
            c("a boundary that allows every action: the same edge", Twist::BoundaryAllows, Edge(plain_kind)),
            c("a role of another account gets no IAM edge", Twist::OtherAccount, NoEdge),
            c("iam:PassRole only with MFA: conditional, with the condition", Twist::Mfa,
                Edge(if p.needs.is_some() { Possible } else { Conditional }))
                .check(ConditionKey("aws:MultiFactorAuthPresent")),
        ]);
        if let Some((_, Some(creates))) = p.needs {
            v.push(c(&format!("with {creates} as well: definite"), Twist::Creates, Edge(Definite)).check(NoNeeds));
            v.push(c(&format!("with {creates} only with MFA: conditional, not definite"), Twist::CreatesIfMfa,
                Edge(Conditional)).check(ConditionKey("aws:MultiFactorAuthPresent")));
        }
        if p.ec2 {
            v.push(c("a role without an instance profile: possible, needs one", Twist::NoProfile, Edge(Possible))
                .check(Needs("instance profile")));
        }
    }
    // The trust policy's side of the service.
    let lambda_user = || json!([allow("iam:PassRole", &role_arn("target")),
        allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", "*")]);
    v.extend([
        case("D.0", "pass-role-lambda", "a trust naming several services, Lambda among them: definite",
            World::new().user("mallory", lambda_user(), no())
                .role("target", json!([{"Effect": "Allow", "Principal": {"Service": ["edgelambda.amazonaws.com", "lambda.amazonaws.com"]},
                    "Action": "sts:AssumeRole"}]), none(), no()),
            MALLORY, target(), Edge(Definite)),
        case("D.0", "pass-role-lambda", "a trust that allows and then denies Lambda: no edge",
            World::new().user("mallory", lambda_user(), no())
                .role("target", json!([trusts_service("lambda.amazonaws.com"),
                    {"Effect": "Deny", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]), none(), no()),
            MALLORY, target(), NoEdge),
        case("D.0", "pass-role-lambda", "a service-linked role trusting Lambda is no target",
            World::new().user("mallory", json!([allow("iam:PassRole", "*"),
                    allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", "*")]), no())
                .role("slr", json!([trusts_service("lambda.amazonaws.com")]), none(),
                    json!({"Path": "/aws-service-role/lambda.amazonaws.com/"})),
            MALLORY, To::P(Role("slr")), NoEdge),
        case("D.0", "pass-role-lambda", "a role does not pass itself",
            World::new().role("target", json!([trusts_service("lambda.amazonaws.com")]), lambda_user(), no()),
            Role("target"), target(), NoEdge),
    ]);
    // A create action scoped to the account's own resources: the caller
    // names the new function, so any name under the pattern will do.
    let scoped = |functions: &str, more: Vec<Value>| {
        let mut st = vec![allow("iam:PassRole", &role_arn("target")),
            allow("lambda:CreateFunction", functions), allow("lambda:InvokeFunction", functions)];
        st.extend(more);
        World::new()
            .user("mallory", Value::Array(st), no())
            .role("target", json!([trusts_service("lambda.amazonaws.com")]), none(), no())
    };
    let ours = format!("arn:aws:lambda:*:{A}:function:*");
    v.extend([
        case("D.6", "pass-role-lambda", "lambda:CreateFunction and InvokeFunction on the account's functions (not *)",
            scoped(&ours, vec![]), MALLORY, target(), Edge(Definite)),
        case("D.6", "pass-role-lambda", "on some functions of one region, with a Deny of other names: definite",
            scoped(&format!("arn:aws:lambda:us-east-1:{A}:function:mine-*"),
                vec![deny("lambda:CreateFunction", &format!("arn:aws:lambda:*:{A}:function:prod-*"))]),
            MALLORY, target(), Edge(Definite)),
        case("D.6", "pass-role-lambda", "on the account's functions, with a Deny of every function",
            scoped(&ours, vec![deny("lambda:CreateFunction", "arn:aws:lambda:*:*:function:*")]),
            MALLORY, target(), NoEdge),
        case("D.0", "pass-role-lambda", "on another account's functions only: no edge",
            scoped(&format!("arn:aws:lambda:*:{B}:function:*"), vec![]), MALLORY, target(), NoEdge),
    ]);
    v
}

/// An existing-compute technique as ESCALATION D.5 describes it.
struct Existing {
    id: &'static str,
    service: &'static str,
    actions: &'static [&'static str],
    /// What `needs` must name.
    needs: &'static str,
}

const EXISTING: &[Existing] = &[
    Existing {
        id: "lambda-update-function-code",
        service: "lambda.amazonaws.com",
        actions: &["lambda:UpdateFunctionCode"],
        needs: "Lambda function",
    },
    Existing {
        id: "glue-update-dev-endpoint",
        service: "glue.amazonaws.com",
        actions: &["glue:UpdateDevEndpoint"],
        needs: "Glue development endpoint",
    },
    Existing {
        id: "cloudformation-update-stack",
        service: "cloudformation.amazonaws.com",
        actions: &["cloudformation:UpdateStack"],
        needs: "CloudFormation stack",
    },
    Existing {
        id: "cloudformation-change-set",
        service: "cloudformation.amazonaws.com",
        actions: &[
            "cloudformation:CreateChangeSet",
            "cloudformation:ExecuteChangeSet",
        ],
        needs: "CloudFormation stack",
    },
    Existing {
        id: "codebuild-start-build",
        service: "codebuild.amazonaws.com",
        actions: &["codebuild:StartBuild"],
        needs: "CodeBuild project",
    },
    Existing {
        id: "codebuild-start-build-batch",
        service: "codebuild.amazonaws.com",
        actions: &["codebuild:StartBuildBatch"],
        needs: "CodeBuild project",
    },
    Existing {
        id: "sagemaker-presigned-notebook-url",
        service: "sagemaker.amazonaws.com",
        actions: &["sagemaker:CreatePresignedNotebookInstanceUrl"],
        needs: "notebook instance",
    },
    Existing {
        id: "ssm-send-command",
        service: "ec2.amazonaws.com",
        actions: &["ssm:SendCommand"],
        needs: "SSM agent",
    },
    Existing {
        id: "ssm-start-session",
        service: "ec2.amazonaws.com",
        actions: &["ssm:StartSession"],
        needs: "SSM agent",
    },
    Existing {
        id: "ec2-instance-connect",
        service: "ec2.amazonaws.com",
        actions: &["ec2-instance-connect:SendSSHPublicKey"],
        needs: "port 22",
    },
    Existing {
        id: "apprunner-update-service",
        service: "tasks.apprunner.amazonaws.com",
        actions: &["apprunner:UpdateService"],
        needs: "App Runner service",
    },
];

/// D.5: every existing-compute technique: possible (never definite), and
/// the negatives.
#[rustfmt::skip]
fn d5() -> Vec<Case> {
    let mut v = Vec::new();
    for e in EXISTING {
        // `bound`: no boundary (None), one without the last action
        // (Some(false)), or one with every action (Some(true)).
        let world = |statements: Vec<Value>, bound: Option<bool>, service: &str, account: &'static str| {
            let n = if bound == Some(true) { e.actions.len() } else { e.actions.len() - 1 };
            let policy: Vec<Value> = e.actions[..n].iter().map(|a| allow(a, "*")).collect();
            World::new()
                .user("mallory", Value::Array(statements), if bound.is_some() { bounded() } else { no() })
                .policy("Bound", Value::Array(policy))
                .role_in(account, "target", json!([trusts_service(service)]), json!([allow("*", "*")]), no())
        };
        let grants = || e.actions.iter().map(|a| allow(a, "*")).collect::<Vec<_>>();
        let last = e.actions[e.actions.len() - 1];
        let other = if e.service == "lambda.amazonaws.com" { "ec2.amazonaws.com" } else { "lambda.amazonaws.com" };
        v.extend([
            case("D.5", e.id, "the actions on *: possible (GAAD cannot show the compute), never definite",
                world(grants(), None, e.service, A), MALLORY, target(), Edge(Possible)).check(Needs(e.needs)),
            case("D.5", e.id, "a conditional Allow: still possible, with the condition",
                world(e.actions.iter().map(|a| allow_if(a, "*", mfa())).collect(), None, e.service, A),
                MALLORY, target(), Edge(Possible)).check(Needs(e.needs)).check(ConditionKey("aws:MultiFactorAuthPresent")),
            case("D.5", e.id, "the role does not trust the service",
                world(grants(), None, other, A), MALLORY, target(), NoEdge),
            case("D.5", e.id, "a Deny of the last action",
                world([grants(), vec![deny(last, "*")]].concat(), None, e.service, A), MALLORY, target(), NoEdge),
            case("D.5", e.id, "a boundary that does not allow the last action",
                world(grants(), Some(false), e.service, A), MALLORY, target(), NoEdge),
            case("D.5", e.id, "a boundary that allows every action: still possible",
                world(grants(), Some(true), e.service, A), MALLORY, target(), Edge(Possible)),
            case("D.0", e.id, "a role of another account gets no IAM edge",
                world(grants(), None, e.service, B), MALLORY, To::P(RoleIn(B, "target")), NoEdge),
        ]);
    }
    v.push(case("D.5", "lambda-update-function-code", "lambda:UpdateFunctionCode on some functions (not *): possible",
        World::new()
            .user("mallory", json!([allow("lambda:UpdateFunctionCode", &format!("arn:aws:lambda:us-east-1:{A}:function:prod-*"))]), no())
            .role("target", json!([trusts_service("lambda.amazonaws.com")]), json!([allow("*", "*")]), no()),
        MALLORY, target(), Edge(Possible)).check(Needs("Lambda function")));
    v.push(case("D.5", "lambda-update-function-code", "existing compute lists privileged roles only: none to a role with no permissions",
        World::new()
            .user("mallory", json!([allow("lambda:UpdateFunctionCode", "*")]), no())
            .role("target", json!([trusts_service("lambda.amazonaws.com")]), none(), no()),
        MALLORY, target(), NoEdge));
    v.push(case("D.0", "lambda-update-function-code", "lambda:UpdateFunctionCode on another account's functions only: no edge",
        World::new()
            .user("mallory", json!([allow("lambda:UpdateFunctionCode", &format!("arn:aws:lambda:us-east-1:{B}:function:*"))]), no())
            .role("target", json!([trusts_service("lambda.amazonaws.com")]), none(), no()),
        MALLORY, target(), NoEdge));
    v
}

/// Paths through several edges, and cycles.
#[rustfmt::skip]
fn paths() -> Vec<Case> {
    let lambda_to_admin = |first: Value| {
        World::new()
            .user("mallory", json!([first, allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", "*")]), no())
            .role("target", json!([trusts_service("lambda.amazonaws.com")]),
                json!([allow("iam:PutRolePolicy", &role_arn("target"))]), no())
    };
    vec![
        case("D.0", "pass-role-lambda", "user -> role by PassRole to Lambda, role -> admin: a definite two-step path",
            lambda_to_admin(allow("iam:PassRole", &role_arn("target"))), MALLORY, Admin, Path(Definite, 2)),
        case("D.0", "pass-role-lambda", "the same with a conditional PassRole: a conditional path",
            lambda_to_admin(allow_if("iam:PassRole", &role_arn("target"), mfa())), MALLORY, Admin, Path(Conditional, 2)),
        case("D.0", "pass-role-lambda", "the same with PassRole on another role: no path",
            lambda_to_admin(allow("iam:PassRole", &role_arn("other"))), MALLORY, Admin, NoPath),
        case("D.0", "assume-role", "two roles that can assume each other: the path search ends, no admin",
            cycle(false), Role("ping"), Admin, NoPath),
        case("D.0", "assume-role", "two roles that can assume each other: one step between them",
            cycle(false), Role("ping"), To::P(Role("pong")), Path(Definite, 1)),
        case("D.0", "assume-role", "a cycle with an exit: ping -> pong -> boss -> admin in three steps",
            cycle(true), Role("ping"), Admin, Path(Definite, 3)),
    ]
}

/// Roles ping and pong that trust and may assume each other; with
/// `exit`, pong may also assume boss, an administrator.
fn cycle(exit: bool) -> World {
    let assume_any = || json!([allow("sts:AssumeRole", "*")]);
    let w = World::new()
        .role(
            "ping",
            json!([trusts_aws(&role_arn("pong"))]),
            assume_any(),
            no(),
        )
        .role(
            "pong",
            json!([trusts_aws(&role_arn("ping"))]),
            assume_any(),
            no(),
        );
    if exit {
        w.role(
            "boss",
            json!([trusts_aws(&role_arn("pong"))]),
            json!([allow("*", "*")]),
            no(),
        )
    } else {
        w
    }
}

fn cases() -> Vec<Case> {
    [d1(), d2(), d3(), d4(), d5(), paths()].concat()
}

#[test]
fn every_escalation_case() {
    run_all(&cases());
}

#[test]
fn every_technique_has_a_positive_case() {
    let positive: BTreeSet<&str> = cases()
        .iter()
        .filter(|c| c.is_positive())
        .map(|c| c.technique)
        .collect();
    let missing: Vec<&str> = TECHNIQUES
        .iter()
        .map(|t| t.id)
        .filter(|id| !positive.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "techniques without a positive case: {missing:?}"
    );
    let negative: BTreeSet<&str> = cases()
        .iter()
        .filter(|c| !c.is_positive())
        .map(|c| c.technique)
        .collect();
    let no_negative: Vec<&str> = TECHNIQUES
        .iter()
        .map(|t| t.id)
        .filter(|id| !negative.contains(id))
        .collect();
    assert!(
        no_negative.is_empty(),
        "techniques without a negative case: {no_negative:?}"
    );
}

#[test]
fn every_case_names_its_rule_and_a_known_technique() {
    for c in cases() {
        assert!(
            ["D.0", "D.1", "D.2", "D.3", "D.4", "D.5", "D.6"].contains(&c.rule),
            "{}",
            c.name
        );
        assert!(TECHNIQUES.iter().any(|t| t.id == c.technique), "{}", c.name);
    }
}

/// The two-step path in detail: its steps, their techniques and kinds.
#[test]
fn a_two_step_path_has_the_right_steps_and_kinds() {
    let w = World::new()
        .user(
            "mallory",
            json!([
                allow("iam:PassRole", &role_arn("target")),
                allow("lambda:CreateFunction", "*"),
                allow("lambda:InvokeFunction", "*"),
                allow("iam:PassRole", &role_arn("worker")),
                allow("sagemaker:CreateTrainingJob", "*"),
            ]),
            no(),
        )
        .role(
            "target",
            json!([trusts_service("lambda.amazonaws.com")]),
            json!([allow("*", "*")]),
            no(),
        )
        .role(
            "worker",
            json!([trusts_service("sagemaker.amazonaws.com")]),
            json!([allow("*", "*")]),
            no(),
        );
    let (model, g) = analyse(&w);
    let from = entity(&model, MALLORY).unwrap();
    let paths = paths_to(&g, &model, Node::Admin, Some(from));
    assert_eq!(paths.len(), 1, "{paths:?}");
    let p = &paths[0];
    assert_eq!(path_techniques(&g, p), ["pass-role-lambda", "is-admin"]);
    assert_eq!(p.kind, Definite);
    let kinds: Vec<Kind> = p
        .steps
        .iter()
        .map(|s| match s {
            Step::Edge(i) => g.head(*i).unwrap().kind,
            Step::TakeOver(_) => panic!("no take-over on the way to admin"),
        })
        .collect();
    assert_eq!(kinds, [Definite, Definite]);
    // Both roles are reachable; the SageMaker one only possibly (S3).
    let worker = entity(&model, Role("worker")).unwrap();
    let to_worker = paths_to(&g, &model, Node::Principal(worker), Some(from));
    assert_eq!(to_worker.len(), 1);
    assert_eq!(to_worker[0].kind, Possible);
    assert_eq!(
        path_techniques(&g, &to_worker[0]),
        ["pass-role-sagemaker-training"]
    );
    // Every start that reaches admin: mallory, and the two admin roles.
    let all = paths_to(&g, &model, Node::Admin, None);
    let starts: BTreeSet<&str> = all.iter().map(|p| model.name_of(p.from)).collect();
    assert_eq!(starts, BTreeSet::from(["mallory", "target", "worker"]));
    // Sorted best first: the definite ones before the possible one.
    assert!(all.windows(2).all(|w| w[0].kind <= w[1].kind));
}

/// pathfinding.cloud ids that no technique of rolecall's catalogue
/// references, each with the reason.
const NOT_IN_CATALOGUE: &[(&str, &str)] = &[
    (
        "bedrock-002",
        "an existing code interpreter (D.5) is not in the catalogue yet",
    ),
    (
        "cloudformation-003",
        "StackSets need an administration role and an execution role; not modelled",
    ),
    (
        "cloudformation-004",
        "UpdateStackSet needs an existing StackSet with an execution role; not modelled",
    ),
    (
        "ec2-002",
        "userData on an existing instance (D.4, existing instance) is not in the catalogue yet",
    ),
    (
        "ec2-004",
        "launch template versions (D.5) are not in the catalogue yet",
    ),
    (
        "glue-005",
        "glue:UpdateJob needs an existing job (D.4); not in the catalogue yet",
    ),
    (
        "glue-006",
        "glue:UpdateJob needs an existing job (D.4); not in the catalogue yet",
    ),
    (
        "iam-014",
        "AttachRolePolicy on a role it can assume (D.2) is not a technique: only its own ARN is",
    ),
    (
        "iam-015",
        "making another user admin before taking its key: only the key (create-access-key) is a technique",
    ),
    (
        "iam-016",
        "CreatePolicyVersion on a policy of a role it can assume (D.2): only its own policies are",
    ),
    (
        "iam-017",
        "PutRolePolicy on a role it can assume (D.2) is not a technique: only its own ARN is",
    ),
    (
        "iam-018",
        "making another user admin before taking its key: only the key (create-access-key) is a technique",
    ),
    (
        "iam-019",
        "rewriting a trust and changing the role's policies: only the trust (update-assume-role-policy) is a technique",
    ),
    (
        "iam-020",
        "rewriting a trust and changing the role's policies: only the trust (update-assume-role-policy) is a technique",
    ),
    (
        "iam-021",
        "rewriting a trust and changing the role's policies: only the trust (update-assume-role-policy) is a technique",
    ),
    (
        "lambda-004",
        "subsumed by lambda-update-function-code (lambda-003 needs a subset of its actions), not referenced",
    ),
    (
        "lambda-005",
        "subsumed by lambda-update-function-code (lambda-003 needs a subset of its actions), not referenced",
    ),
    (
        "sagemaker-005",
        "the notebook lifecycle-config swap (D.5) is not in the catalogue yet",
    ),
];

/// Every path id of pathfinding.cloud's INDEX.md (65 files under
/// data/paths/), as read on 2026-12-01.
const PATHFINDING_IDS: &[&str] = &[
    "apprunner-001",
    "apprunner-002",
    "bedrock-001",
    "bedrock-002",
    "cloudformation-001",
    "cloudformation-002",
    "cloudformation-003",
    "cloudformation-004",
    "cloudformation-005",
    "codebuild-001",
    "codebuild-002",
    "codebuild-003",
    "codebuild-004",
    "datapipeline-001",
    "ec2instanceconnect-003",
    "ec2-001",
    "ec2-002",
    "ec2-003",
    "ec2-004",
    "ecs-001",
    "ecs-002",
    "ecs-003",
    "ecs-004",
    "ecs-005",
    "glue-001",
    "glue-002",
    "glue-003",
    "glue-004",
    "glue-005",
    "glue-006",
    "iam-001",
    "iam-002",
    "iam-003",
    "iam-004",
    "iam-005",
    "iam-006",
    "iam-007",
    "iam-008",
    "iam-009",
    "iam-010",
    "iam-011",
    "iam-012",
    "iam-013",
    "iam-014",
    "iam-015",
    "iam-016",
    "iam-017",
    "iam-018",
    "iam-019",
    "iam-020",
    "iam-021",
    "lambda-001",
    "lambda-002",
    "lambda-003",
    "lambda-004",
    "lambda-005",
    "lambda-006",
    "sagemaker-001",
    "sagemaker-002",
    "sagemaker-003",
    "sagemaker-004",
    "sagemaker-005",
    "ssm-001",
    "ssm-002",
    "sts-001",
];

/// Ids like `iam-001` in a text.
fn ids_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| {
            w.rsplit_once('-').is_some_and(|(service, n)| {
                !service.is_empty()
                    && service
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && n.len() == 3
                    && n.bytes().all(|b| b.is_ascii_digit())
            })
        })
        .map(str::to_string)
        .collect()
}

/// Where INDEX.md is: `ROLECALL_PATHFINDING_INDEX`, or the shared copy.
fn index_md() -> Option<String> {
    let path = std::env::var("ROLECALL_PATHFINDING_INDEX")
        .unwrap_or_else(|_| "/work/shared/reference/pathfinding-cloud/INDEX.md".into());
    std::fs::read_to_string(path).ok()
}

/// The rows of INDEX.md: (id, required permissions).
fn index_rows(text: &str) -> Vec<(String, Vec<String>)> {
    text.lines()
        .filter_map(|line| {
            let id = line.strip_prefix("| [")?.split(']').next()?.to_string();
            let cells: Vec<&str> = line.split(" | ").collect();
            let perms = cells
                .get(3)?
                .split(", ")
                .map(|s| s.trim().to_string())
                .collect();
            Some((id, perms))
        })
        .collect()
}

#[test]
fn every_pathfinding_id_is_referenced_or_listed_as_left_out() {
    let referenced: BTreeSet<String> = TECHNIQUES
        .iter()
        .flat_map(|t| ids_in(t.references))
        .collect();
    let listed: BTreeSet<&str> = NOT_IN_CATALOGUE.iter().map(|(id, _)| *id).collect();
    let known: BTreeSet<&str> = PATHFINDING_IDS.iter().copied().collect();
    assert_eq!(known.len(), 65, "the list holds each id once");
    assert_eq!(listed.len(), NOT_IN_CATALOGUE.len(), "listed once each");
    for id in &referenced {
        assert!(
            known.contains(id.as_str()),
            "a technique references {id}, which pathfinding.cloud does not have"
        );
        assert!(
            !listed.contains(id.as_str()),
            "{id} is referenced, yet listed as left out"
        );
    }
    for (id, why) in NOT_IN_CATALOGUE {
        assert!(
            known.contains(id),
            "{id} is listed as left out but is not a pathfinding id"
        );
        assert!(!why.is_empty());
    }
    let uncovered: Vec<&str> = known
        .iter()
        .copied()
        .filter(|id| !referenced.contains(*id) && !listed.contains(id))
        .collect();
    assert!(
        uncovered.is_empty(),
        "neither referenced nor listed as left out: {uncovered:?}"
    );
    // The list matches INDEX.md, when the shared copy is at hand.
    if let Some(text) = index_md() {
        let in_index: BTreeSet<String> = index_rows(&text).into_iter().map(|(id, _)| id).collect();
        let ours: BTreeSet<String> = known.iter().map(|s| s.to_string()).collect();
        assert_eq!(in_index, ours, "PATHFINDING_IDS is INDEX.md's list");
    } else {
        eprintln!("INDEX.md not found; checked against PATHFINDING_IDS only");
    }
}

/// A technique that references a pathfinding path needs every action that
/// path requires (so a reference names the right path), but for the
/// actions the technique finds another way: read-only lookups, and the
/// action that creates what the technique otherwise lists as needed.
#[test]
fn each_reference_names_a_path_with_the_techniques_actions() {
    let Some(text) = index_md() else {
        eprintln!("INDEX.md not found; references not checked");
        return;
    };
    let rows = index_rows(&text);
    let allowance = ["ec2:DescribeInstances", "ecs:CreateCluster"];
    // (technique, id) pairs known to be wrong: they must still be wrong.
    let known_wrong: &[(&str, &str)] = &[];
    let mut wrong = Vec::new();
    for t in TECHNIQUES {
        for id in ids_in(t.references) {
            let Some((_, perms)) = rows.iter().find(|(i, _)| *i == id) else {
                wrong.push(format!("{}: {id} is not in INDEX.md", t.id));
                continue;
            };
            let lacking: Vec<&String> = perms
                .iter()
                .filter(|p| !t.actions.contains(&p.as_str()) && !allowance.contains(&p.as_str()))
                .collect();
            let known = known_wrong.contains(&(t.id, id.as_str()));
            if lacking.is_empty() && known {
                wrong.push(format!(
                    "{}: {id} is marked as wrong but is right; remove the mark",
                    t.id
                ));
            }
            if !lacking.is_empty() && !known {
                wrong.push(format!(
                    "{}: {id} needs {lacking:?}, not among {:?}",
                    t.id, t.actions
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
