//! Findings: every id on small hand-made GAAD files (the real parser and
//! model), with positive and negative cases, and the expected findings on
//! the demo roles named in assets/demo/README.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use rolecall::audit::{
    AuditOptions, Auditor, Finding, RULES, Severity, all_findings, findings_for_role,
};
use rolecall::model::{self, EntityRef, Model};
use rolecall::source::{self, SourceSpec};
use rolecall_testkit::gaad::*;
use serde_json::{Value, json};

const ACCT: &str = "123456789012";
const GH: &str = "token.actions.githubusercontent.com";
const EKS: &str = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";

// ---------------------------------------------------------------- builders

fn model_of(roles: Vec<Role>, policies: Vec<Policy>, users: Vec<User>) -> Model {
    model_with_groups(roles, policies, users, Vec::new())
}

fn model_with_groups(
    roles: Vec<Role>,
    policies: Vec<Policy>,
    users: Vec<User>,
    groups: Vec<Group>,
) -> Model {
    let mut account = Account::new(ACCT)
        .captured_at("2026-11-20T00:00:00Z")
        .origin("test.json")
        .roles(roles)
        .policies(policies)
        .users(users);
    for g in groups {
        account = account.group(g);
    }
    account.model()
}

fn arn(kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:{kind}/{name}")
}

/// A role used yesterday, created long ago, with this trust policy.
fn role(name: &str, trust: Value) -> Role {
    Role::new(name)
        .created("2020-01-01T00:00:00Z")
        .trust(trust)
        .last_used("2026-11-19T00:00:00Z", Some("eu-west-1"))
}

fn ec2_role(name: &str) -> Role {
    role(name, trusts(service("ec2.amazonaws.com"), json!({})))
}

/// A role trusted by EC2 with one inline policy.
fn with_inline(name: &str, document: Value) -> Role {
    ec2_role(name).inline("p", document)
}

/// A trust policy: Allow sts:AssumeRole to `principal` under `condition`.
fn trusts(principal: Value, condition: Value) -> Value {
    document([trust_allow(principal, "sts:AssumeRole").when(condition)])
}

fn web(provider: &str, condition: Value) -> Value {
    document([trust_allow(federated(provider), "sts:AssumeRoleWithWebIdentity").when(condition)])
}

fn oidc(host: &str) -> String {
    format!("arn:aws:iam::{ACCT}:oidc-provider/{host}")
}

// ------------------------------------------------------------------ cases

struct Case {
    id: &'static str,
    positive: bool,
    what: &'static str,
    roles: Vec<Role>,
    policies: Vec<Policy>,
    users: Vec<User>,
    groups: Vec<Group>,
    opts: AuditOptions,
}

fn case(id: &'static str, positive: bool, what: &'static str, roles: Vec<Role>) -> Case {
    Case {
        id,
        positive,
        what,
        roles,
        policies: Vec::new(),
        users: Vec::new(),
        groups: Vec::new(),
        opts: AuditOptions::default(),
    }
}

/// A case whose subject is the user, group or customer managed policy named
/// `target` (the roles, when any, are bystanders).
fn other_case(
    id: &'static str,
    positive: bool,
    what: &'static str,
    users: Vec<User>,
    groups: Vec<Group>,
    policies: Vec<Policy>,
) -> Case {
    Case {
        users,
        groups,
        policies,
        ..case(id, positive, what, Vec::new())
    }
}

fn trust_case(id: &'static str, positive: bool, what: &'static str, trust: Value) -> Case {
    case(id, positive, what, vec![role("target", trust)])
}

fn cases() -> Vec<Case> {
    let star = json!("*");
    let aws_star = aws("*");
    let other_root = aws("arn:aws:iam::999999999999:root");
    let mut v = vec![
        // RC-TRUST-001 / 002: wildcard principal
        trust_case(
            "RC-TRUST-001",
            true,
            "Principal * without condition",
            trusts(star.clone(), json!({})),
        ),
        trust_case(
            "RC-TRUST-001",
            true,
            "AWS * with a negated condition only",
            trusts(
                aws_star.clone(),
                json!({"StringNotEquals": {"aws:PrincipalAccount": "111111111111"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-001",
            true,
            "AWS * with PrincipalOrgID IfExists",
            trusts(
                aws_star.clone(),
                json!({"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-001",
            false,
            "AWS * with PrincipalOrgID",
            trusts(
                aws_star.clone(),
                json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-001",
            false,
            "* with sts:ExternalId",
            trusts(
                star.clone(),
                json!({"StringEquals": {"sts:ExternalId": "x"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-001",
            false,
            "* limited by SourceIp is 002 instead",
            trusts(
                star.clone(),
                json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-002",
            true,
            "* limited by SourceIp only",
            trusts(
                star.clone(),
                json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-002",
            false,
            "* with SourceIp and PrincipalAccount",
            trusts(
                star.clone(),
                json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                "StringEquals": {"aws:PrincipalAccount": ACCT}}),
            ),
        ),
        trust_case(
            "RC-TRUST-002",
            false,
            "* without any condition is 001",
            trusts(star.clone(), json!({})),
        ),
        // RC-TRUST-003: NotPrincipal
        trust_case(
            "RC-TRUST-003",
            true,
            "Allow with NotPrincipal",
            document([Statement::from(
                json!({"Effect": "Allow", "NotPrincipal": {"AWS": arn("user", "bob")}, "Action": "sts:AssumeRole"}),
            )]),
        ),
        trust_case(
            "RC-TRUST-003",
            false,
            "Principal only",
            trusts(service("ec2.amazonaws.com"), json!({})),
        ),
        // RC-TRUST-004: other account without ExternalId
        trust_case(
            "RC-TRUST-004",
            true,
            "other account root",
            trusts(other_root.clone(), json!({})),
        ),
        trust_case(
            "RC-TRUST-004",
            true,
            "other account role, MFA only",
            trusts(
                aws("arn:aws:iam::999999999999:role/x"),
                json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-004",
            true,
            "other account bare id",
            trusts(aws("999999999999"), json!({})),
        ),
        trust_case(
            "RC-TRUST-004",
            false,
            "other account with ExternalId",
            trusts(
                other_root.clone(),
                json!({"StringEquals": {"sts:ExternalId": "abc"}}),
            ),
        ),
        trust_case(
            "RC-TRUST-004",
            false,
            "same account root",
            trusts(aws(ACCT), json!({})),
        ),
        {
            let mut c = trust_case(
                "RC-TRUST-004",
                false,
                "declared own account",
                trusts(other_root.clone(), json!({})),
            );
            c.opts.own_accounts = vec!["999999999999".into()];
            c
        },
        // RC-TRUST-005: account root
        trust_case(
            "RC-TRUST-005",
            true,
            "bare account id",
            trusts(aws(ACCT), json!({})),
        ),
        trust_case(
            "RC-TRUST-005",
            true,
            "root ARN of another account",
            trusts(other_root.clone(), json!({})),
        ),
        trust_case(
            "RC-TRUST-005",
            false,
            "a service",
            trusts(service("lambda.amazonaws.com"), json!({})),
        ),
        // RC-TRUST-006: dangling ids
        trust_case(
            "RC-TRUST-006",
            true,
            "deleted role id",
            trusts(aws("AROAJQABLZS4A3QDU576Q"), json!({})),
        ),
        trust_case(
            "RC-TRUST-006",
            true,
            "deleted user id in a Deny",
            document([trust_deny(aws("AIDAJQABLZS4A3QDU576Q"), "sts:AssumeRole")]),
        ),
        case(
            "RC-TRUST-006",
            false,
            "existing role ARN",
            vec![
                ec2_role("caller"),
                role("target", trusts(aws(arn("role", "caller")), json!({}))),
            ],
        ),
        // RC-TRUST-007: same-account principal missing from the snapshot
        trust_case(
            "RC-TRUST-007",
            true,
            "role that does not exist",
            trusts(aws(arn("role", "app/ghost")), json!({})),
        ),
        trust_case(
            "RC-TRUST-007",
            true,
            "session of a role that does not exist",
            trusts(
                aws(format!("arn:aws:sts::{ACCT}:assumed-role/ghost/s1")),
                json!({}),
            ),
        ),
        {
            let mut c = case(
                "RC-TRUST-007",
                false,
                "existing user",
                vec![role("target", trusts(aws(arn("user", "alice")), json!({})))],
            );
            c.users = vec![User::new("alice").id("AIDAAAAAAAAAAAAAAAAAA")];
            c
        },
        trust_case(
            "RC-TRUST-007",
            false,
            "missing role of another account",
            trusts(
                aws("arn:aws:iam::999999999999:role/ghost"),
                json!({"StringEquals": {"sts:ExternalId": "x"}}),
            ),
        ),
        // RC-TRUST-008: values that never match
        trust_case(
            "RC-TRUST-008",
            true,
            "partial wildcard",
            trusts(aws(arn("role", "ci-*")), json!({})),
        ),
        trust_case(
            "RC-TRUST-008",
            true,
            "canonical user",
            trusts(
                json!({"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}),
                json!({}),
            ),
        ),
        trust_case(
            "RC-TRUST-008",
            false,
            "exact service",
            trusts(service("ec2.amazonaws.com"), json!({})),
        ),
        // GitHub
        trust_case(
            "RC-OIDC-001",
            true,
            "GitHub with aud only",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-001",
            true,
            "GitHub with a negated sub only",
            web(
                &oidc(GH),
                json!({"StringNotLike": {format!("{GH}:sub"): "repo:evil/*"},
                "StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-001",
            false,
            "GitHub with sub",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com",
                format!("{GH}:sub"): "repo:acme/app:ref:refs/heads/main"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-002",
            true,
            "sub repo:org/*",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com"},
                "StringLike": {format!("{GH}:sub"): "repo:acme/*"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-002",
            true,
            "sub *",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com"},
                "StringLike": {format!("{GH}:sub"): ["repo:acme/app:*", "*"]}}),
            ),
        ),
        trust_case(
            "RC-OIDC-002",
            true,
            "sub with a repo-name prefix wildcard",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com"},
                "StringLike": {format!("{GH}:sub"): "repo:acme/app*:ref:refs/heads/main"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-002",
            false,
            "sub one repository, any ref",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com"},
                "StringLike": {format!("{GH}:sub"): "repo:acme/app:*"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-002",
            false,
            "StringEquals takes * literally",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com",
                format!("{GH}:sub"): "repo:acme/*"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-003",
            true,
            "GitHub without aud",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:sub"): "repo:acme/app:ref:refs/heads/main"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-003",
            false,
            "GitHub with aud",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com",
                format!("{GH}:sub"): "repo:acme/app:ref:refs/heads/main"}}),
            ),
        ),
        // EKS
        trust_case(
            "RC-OIDC-004",
            true,
            "IRSA with aud only",
            web(
                &oidc(EKS),
                json!({"StringEquals": {format!("{EKS}:aud"): "sts.amazonaws.com"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-004",
            false,
            "IRSA with sub",
            web(
                &oidc(EKS),
                json!({"StringEquals": {format!("{EKS}:sub"): "system:serviceaccount:ns:sa"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-004",
            false,
            "GitHub is not EKS",
            web(
                &oidc(GH),
                json!({"StringEquals": {format!("{GH}:aud"): "sts.amazonaws.com"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-005",
            true,
            "IRSA sub wildcard",
            web(
                &oidc(EKS),
                json!({"StringLike": {format!("{EKS}:sub"): "system:serviceaccount:*:*"}}),
            ),
        ),
        trust_case(
            "RC-OIDC-005",
            false,
            "IRSA sub exact",
            web(
                &oidc(EKS),
                json!({"StringLike": {format!("{EKS}:sub"): "system:serviceaccount:ns:sa"}}),
            ),
        ),
        // Cognito
        trust_case(
            "RC-COGNITO-001",
            true,
            "amr unauthenticated",
            web(
                "cognito-identity.amazonaws.com",
                json!({
                "StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:pool"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}}),
            ),
        ),
        trust_case(
            "RC-COGNITO-001",
            true,
            "no amr at all",
            web(
                "cognito-identity.amazonaws.com",
                json!({
                "StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:pool"}}),
            ),
        ),
        trust_case(
            "RC-COGNITO-001",
            false,
            "amr authenticated",
            web(
                "cognito-identity.amazonaws.com",
                json!({
                "StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:pool"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}),
            ),
        ),
        trust_case(
            "RC-COGNITO-002",
            true,
            "no aud",
            web(
                "cognito-identity.amazonaws.com",
                json!({
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}),
            ),
        ),
        trust_case(
            "RC-COGNITO-002",
            false,
            "aud present",
            web(
                "cognito-identity.amazonaws.com",
                json!({
                "StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:pool"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}),
            ),
        ),
        // RC-COND-001: ForAllValues with Allow
        trust_case(
            "RC-COND-001",
            true,
            "trust Allow with ForAllValues",
            trusts(
                aws(ACCT),
                json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}),
            ),
        ),
        case(
            "RC-COND-001",
            true,
            "inline Allow with ForAllValues",
            vec![with_inline(
                "target",
                document([allow("s3:GetObject", "*")
                    .when(json!({"ForAllValues:StringLike": {"aws:TagKeys": "app*"}}))]),
            )],
        ),
        trust_case(
            "RC-COND-001",
            false,
            "ForAnyValue",
            trusts(
                aws(ACCT),
                json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}),
            ),
        ),
        trust_case(
            "RC-COND-001",
            false,
            "ForAllValues guarded by Null false",
            trusts(
                aws(ACCT),
                json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]},
                "Null": {"aws:TagKeys": "false"}}),
            ),
        ),
        case(
            "RC-COND-001",
            false,
            "ForAllValues in a Deny",
            vec![with_inline(
                "target",
                document([deny("s3:*", "*")
                    .when(json!({"ForAllValues:StringLike": {"aws:TagKeys": "app*"}}))]),
            )],
        ),
        // Permissions
        case(
            "RC-PERM-001",
            true,
            "inline * on *",
            vec![with_inline("target", document([allow("*", "*")]))],
        ),
        {
            let mut c = case(
                "RC-PERM-001",
                true,
                "attached managed * on *",
                vec![ec2_role("target").attached("admin")],
            );
            c.policies = vec![Policy::new(
                "admin",
                json!({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}),
            )];
            c
        },
        case(
            "RC-PERM-001",
            false,
            "* on one bucket",
            vec![with_inline(
                "target",
                document([allow("*", "arn:aws:s3:::b/*")]),
            )],
        ),
        case(
            "RC-PERM-001",
            false,
            "Deny * on *",
            vec![with_inline("target", document([deny("*", "*")]))],
        ),
        case(
            "RC-PERM-002",
            true,
            "PassRole on *",
            vec![with_inline(
                "target",
                document([allow("iam:PassRole", "*")]),
            )],
        ),
        case(
            "RC-PERM-002",
            true,
            "iam:Pass* on every role ARN",
            vec![with_inline(
                "target",
                document([allow("iam:Pass*", "arn:aws:iam::*:role/*")]),
            )],
        ),
        case(
            "RC-PERM-002",
            false,
            "PassRole on role/app/*",
            vec![with_inline(
                "target",
                document([allow("iam:PassRole", arn("role", "app/*"))]),
            )],
        ),
        case(
            "RC-PERM-003",
            true,
            "Allow NotAction",
            vec![with_inline(
                "target",
                document([Statement::from(
                    json!({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}),
                )]),
            )],
        ),
        case(
            "RC-PERM-003",
            false,
            "Deny NotAction",
            vec![with_inline(
                "target",
                document([Statement::from(
                    json!({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}),
                )]),
            )],
        ),
        case(
            "RC-PERM-004",
            true,
            "Allow NotResource",
            vec![with_inline(
                "target",
                document([Statement::from(
                    json!({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}),
                )]),
            )],
        ),
        case(
            "RC-PERM-004",
            false,
            "Deny NotResource",
            vec![with_inline(
                "target",
                document([Statement::from(
                    json!({"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::ok/*"}),
                )]),
            )],
        ),
        case(
            "RC-PERM-005",
            true,
            "iam:Put* matches PutRolePolicy",
            vec![with_inline("target", document([allow("iam:Put*", "*")]))],
        ),
        case(
            "RC-PERM-005",
            true,
            "iam:CreatePolicyVersion",
            vec![with_inline(
                "target",
                document([allow(
                    json!(["iam:GetRole", "iam:CreatePolicyVersion"]),
                    "*",
                )]),
            )],
        ),
        case(
            "RC-PERM-005",
            false,
            "read-only IAM",
            vec![with_inline(
                "target",
                document([allow(json!(["iam:Get*", "iam:List*"]), "*")]),
            )],
        ),
        case(
            "RC-PERM-005",
            false,
            "removed by the role's own Deny",
            vec![with_inline(
                "target",
                document([allow("iam:AttachRolePolicy", "*"), deny("iam:Attach*", "*")]),
            )],
        ),
        {
            let r = with_inline("target", document([allow("iam:AttachRolePolicy", "*")]))
                .boundary("boundary");
            let mut c = case("RC-PERM-005", false, "not allowed by the boundary", vec![r]);
            c.policies = vec![Policy::new("boundary", document([allow("s3:*", "*")]))];
            c
        },
        case(
            "RC-PERM-006",
            true,
            "PassRole and lambda:CreateFunction in two statements",
            vec![with_inline(
                "target",
                document([
                    allow("iam:PassRole", arn("role", "app/*")),
                    allow("lambda:Create*", "*"),
                ]),
            )],
        ),
        case(
            "RC-PERM-006",
            false,
            "lambda:CreateFunction without PassRole",
            vec![with_inline(
                "target",
                document([allow("lambda:CreateFunction", "*")]),
            )],
        ),
        // Usage
        case(
            "RC-USAGE-001",
            true,
            "last used 100 days before capture",
            vec![ec2_role("target").last_used("2026-08-12T00:00:00Z", None)],
        ),
        case(
            "RC-USAGE-001",
            false,
            "used yesterday",
            vec![ec2_role("target")],
        ),
        {
            let mut c = case(
                "RC-USAGE-001",
                false,
                "100 days under a 365-day threshold",
                vec![ec2_role("target").last_used("2026-08-12T00:00:00Z", None)],
            );
            c.opts.unused_days = 365;
            c
        },
        case(
            "RC-USAGE-002",
            true,
            "never used, created 2020",
            vec![ec2_role("target").never_used()],
        ),
        case(
            "RC-USAGE-002",
            false,
            "never used, created 10 days ago",
            vec![
                ec2_role("target")
                    .never_used()
                    .created("2026-11-10T00:00:00Z"),
            ],
        ),
        case(
            "RC-USAGE-002",
            false,
            "service-linked roles are AWS's",
            vec![ec2_role("aws-service-role/ec2.amazonaws.com/target").never_used()],
        ),
    ];
    v.extend(path_cases());
    v.extend(exposure_cases());
    v.extend(correctness_cases());
    v
}

/// One statement as a document.
fn doc1(statement: Statement) -> Value {
    document([statement])
}

/// RC-PERM-101..103 on roles, users, groups and an unattached policy.
fn exposure_cases() -> Vec<Case> {
    let pm = || doc1(allow("s3:PutBucketPolicy", "*"));
    vec![
        case(
            "RC-PERM-101",
            true,
            "role: s3:PutBucketPolicy on *",
            vec![with_inline("target", pm())],
        ),
        other_case(
            "RC-PERM-101",
            true,
            "user: kms:Put* on * (a wildcard, expanded by the catalogue)",
            vec![User::new("target").inline("p", doc1(allow("kms:Put*", "*")))],
            vec![],
            vec![],
        ),
        other_case(
            "RC-PERM-101",
            true,
            "unattached customer managed policy is its own subject",
            vec![],
            vec![],
            vec![Policy::new("target", pm())],
        ),
        case(
            "RC-PERM-101",
            false,
            "scoped to one bucket",
            vec![with_inline(
                "target",
                doc1(allow("s3:PutBucketPolicy", "arn:aws:s3:::bucket")),
            )],
        ),
        other_case(
            "RC-PERM-101",
            false,
            "user: its own unconditional Deny on * removes it",
            vec![User::new("target").inline(
                "p",
                document([allow("s3:PutBucketPolicy", "*"), deny("s3:*", "*")]),
            )],
            vec![],
            vec![],
        ),
        other_case(
            "RC-PERM-101",
            false,
            "user: its group's Deny removes it",
            vec![User::new("target").group("g").inline("p", pm())],
            vec![Group::new("g").inline("d", doc1(deny("s3:PutBucket*", "*")))],
            vec![],
        ),
        other_case(
            "RC-PERM-101",
            false,
            "user: the permissions boundary does not allow it",
            vec![User::new("target").boundary("reads-only").inline("p", pm())],
            vec![],
            vec![Policy::new("reads-only", doc1(allow("s3:Get*", "*")))],
        ),
        other_case(
            "RC-PERM-101",
            false,
            "an attached policy is reported on who has it, not on itself",
            vec![User::new("someone").attached("target")],
            vec![],
            vec![Policy::new("target", pm())],
        ),
        other_case(
            "RC-PERM-102",
            true,
            "group: s3:GetObject on *",
            vec![],
            vec![Group::new("target").inline("p", doc1(allow("s3:GetObject", "*")))],
            vec![],
        ),
        other_case(
            "RC-PERM-102",
            true,
            "user: ssm:GetParam* on *",
            vec![User::new("target").inline("p", doc1(allow("ssm:GetParam*", "*")))],
            vec![],
            vec![],
        ),
        other_case(
            "RC-PERM-102",
            false,
            "group: objects of one bucket",
            vec![],
            vec![
                Group::new("target")
                    .inline("p", doc1(allow("s3:GetObject", "arn:aws:s3:::bucket/*"))),
            ],
            vec![],
        ),
        case(
            "RC-PERM-102",
            false,
            "a Read that returns no data (s3:GetBucketTagging)",
            vec![with_inline(
                "target",
                doc1(allow("s3:GetBucketTagging", "*")),
            )],
        ),
        case(
            "RC-PERM-103",
            true,
            "role: ec2:TerminateInstances on * with no condition",
            vec![with_inline(
                "target",
                doc1(allow("ec2:TerminateInstances", "*")),
            )],
        ),
        other_case(
            "RC-PERM-103",
            true,
            "unattached policy: dynamodb:Delete* on *",
            vec![],
            vec![],
            vec![Policy::new("target", doc1(allow("dynamodb:Delete*", "*")))],
        ),
        case(
            "RC-PERM-103",
            false,
            "a condition makes it not infrastructure-wide",
            vec![with_inline(
                "target",
                doc1(
                    allow("ec2:TerminateInstances", "*")
                        .when(json!({"StringEquals": {"aws:ResourceTag/team": "a"}})),
                ),
            )],
        ),
        case(
            "RC-PERM-103",
            false,
            "reads and lists only",
            vec![with_inline("target", doc1(allow("ec2:Describe*", "*")))],
        ),
        case(
            "RC-PERM-103",
            false,
            "* on * is RC-PERM-001 alone",
            vec![with_inline("target", doc1(allow("*", "*")))],
        ),
    ]
}

/// RC-POLICY-001..004: on the managed policy itself, or on the principal
/// of an inline policy.
fn correctness_cases() -> Vec<Case> {
    vec![
        other_case(
            "RC-POLICY-001",
            true,
            "attached managed policy with a misspelt action",
            vec![User::new("u").attached("target")],
            vec![],
            vec![Policy::new("target", doc1(allow("s3:GetObjekt", "*")))],
        ),
        other_case(
            "RC-POLICY-001",
            true,
            "user inline policy denying a misspelt action",
            vec![User::new("target").inline("p", doc1(deny("iam:DeleteRolle", "*")))],
            vec![],
            vec![],
        ),
        other_case(
            "RC-POLICY-001",
            false,
            "a real action",
            vec![],
            vec![],
            vec![Policy::new(
                "target",
                doc1(allow("s3:GetObject", "arn:aws:s3:::b/*")),
            )],
        ),
        other_case(
            "RC-POLICY-002",
            true,
            "group inline policy with s3:Gett*",
            vec![],
            vec![Group::new("target").inline("p", doc1(allow("s3:Gett*", "*")))],
            vec![],
        ),
        other_case(
            "RC-POLICY-002",
            false,
            "s3:Get* matches",
            vec![],
            vec![Group::new("target").inline("p", doc1(allow("s3:Get*", "arn:aws:s3:::b/*")))],
            vec![],
        ),
        other_case(
            "RC-POLICY-003",
            true,
            "boundary policy: ec2:RunInstances under an s3:prefix condition",
            vec![User::new("u").boundary("target")],
            vec![],
            vec![Policy::new(
                "target",
                doc1(
                    allow("ec2:RunInstances", "*")
                        .when(json!({"StringEquals": {"s3:prefix": "home/"}})),
                ),
            )],
        ),
        other_case(
            "RC-POLICY-003",
            false,
            "s3:ListBucket supports s3:prefix; aws: keys are global",
            vec![],
            vec![],
            vec![Policy::new(
                "target",
                doc1(allow("s3:ListBucket", "arn:aws:s3:::b").when(json!({
                    "StringLike": {"s3:prefix": "home/*"},
                    "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}
                }))),
            )],
        ),
        case(
            "RC-POLICY-004",
            true,
            "role inline: ec2:* on an S3 bucket",
            vec![with_inline(
                "target",
                doc1(allow("ec2:*", "arn:aws:s3:::bucket")),
            )],
        ),
        case(
            "RC-POLICY-004",
            false,
            "one action of the statement can take the bucket",
            vec![with_inline(
                "target",
                doc1(allow(
                    json!(["ec2:*", "s3:ListBucket"]),
                    "arn:aws:s3:::bucket",
                )),
            )],
        ),
        case(
            "RC-POLICY-004",
            false,
            "an ARN of the actions' own resource type",
            vec![with_inline(
                "target",
                doc1(allow(
                    "ec2:TerminateInstances",
                    format!("arn:aws:ec2:eu-west-1:{ACCT}:instance/*"),
                )),
            )],
        ),
    ]
}

/// `target` trusts its account; `hop` is trusted by another account and
/// (in the positive case) may assume `target`.
fn path_cases() -> Vec<Case> {
    let target = role("target", trusts(aws(ACCT), json!({})));
    let hop = |may_assume: bool| {
        let r = role(
            "hop",
            trusts(
                aws("arn:aws:iam::999999999999:role/vendor"),
                json!({"StringEquals": {"sts:ExternalId": "x"}}),
            ),
        );
        if may_assume {
            r.inline(
                "next",
                document([allow("sts:AssumeRole", arn("role", "target"))]),
            )
        } else {
            r
        }
    };
    vec![
        case(
            "RC-PATH-001",
            true,
            "other account → hop → target",
            vec![target.clone(), hop(true)],
        ),
        case(
            "RC-PATH-001",
            true,
            "target names the entry role by ARN (no identity policy needed)",
            vec![
                role("target", trusts(aws(arn("role", "hop")), json!({}))),
                hop(false),
            ],
        ),
        case(
            "RC-PATH-001",
            false,
            "hop may not assume target",
            vec![target, hop(false)],
        ),
        case(
            "RC-PATH-001",
            false,
            "direct cross-account trust is reported as such",
            vec![
                role(
                    "target",
                    trusts(aws("arn:aws:iam::999999999999:root"), json!({})),
                ),
                hop(true),
            ],
        ),
    ]
}

/// The entity named `target`: a role, else a user, a group or a policy.
fn target_of(model: &Model) -> EntityRef {
    let named = |name: &str| name == "target";
    let found = (model.roles.iter().position(|r| named(&r.detail.role_name)))
        .map(EntityRef::Role)
        .or_else(|| {
            (model.users.iter().position(|u| named(&u.detail.user_name))).map(EntityRef::User)
        })
        .or_else(|| {
            (model
                .groups
                .iter()
                .position(|g| named(&g.detail.group_name)))
            .map(EntityRef::Group)
        })
        .or_else(|| (model.policies.iter().position(|p| named(&p.name))).map(EntityRef::Policy));
    found.expect("every case has an entity named target")
}

fn ids_on_target(c: &Case) -> Vec<Finding> {
    let model = model_with_groups(
        c.roles.clone(),
        c.policies.clone(),
        c.users.clone(),
        c.groups.clone(),
    );
    assert!(
        model.warnings.is_empty(),
        "{}: {:?}",
        c.what,
        model.warnings
    );
    let target = target_of(&model);
    let all = all_findings(&model, &c.opts);
    let mine: Vec<Finding> = all.into_iter().filter(|f| f.entity == target).collect();
    // The one-subject entry points agree with the whole audit.
    let mut auditor = Auditor::new(&model, c.opts.clone());
    let alone = match target {
        EntityRef::Role(r) => findings_for_role(&model, r, &c.opts),
        EntityRef::User(u) => auditor.user(u),
        EntityRef::Group(g) => auditor.group(g),
        EntityRef::Policy(p) => auditor.policy(p),
    };
    assert_eq!(mine, alone, "{}", c.what);
    if let EntityRef::Role(r) = target {
        assert!(mine.iter().all(|f| f.role == Some(r)), "{}", c.what);
    } else {
        assert!(mine.iter().all(|f| f.role.is_none()), "{}", c.what);
    }
    mine
}

// ------------------------------------------------------------------ tests

#[test]
fn every_case_behaves() {
    let mut failures = Vec::new();
    for c in cases() {
        let found = ids_on_target(&c);
        let has = found.iter().any(|f| f.id == c.id);
        if has != c.positive {
            failures.push(format!(
                "{} {} ({}): found {:?}",
                if c.positive { "missing" } else { "unexpected" },
                c.id,
                c.what,
                found.iter().map(|f| f.id).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_positive_and_a_negative_case() {
    let cases = cases();
    // The escalation findings come from the escalation graph of the whole
    // model (audit::escalation_findings), not the per-principal audit this
    // table drives; their positive and negative cases are in
    // crates/core/src/audit/findings/reach.rs and tests/paths_cli.rs.
    for rule in RULES.iter().filter(|r| !r.id.starts_with("RC-ESC-")) {
        for positive in [true, false] {
            assert!(
                cases
                    .iter()
                    .any(|c| c.id == rule.id && c.positive == positive),
                "{} has no {} case",
                rule.id,
                if positive { "positive" } else { "negative" }
            );
        }
    }
}

#[test]
fn findings_carry_registry_texts_and_name_the_statement() {
    let c = trust_case(
        "RC-TRUST-004",
        true,
        "",
        document([
            trust_allow(service("ec2.amazonaws.com"), "sts:AssumeRole").sid("Svc"),
            trust_allow(aws("arn:aws:iam::999999999999:root"), "sts:AssumeRole").sid("Vendor"),
        ]),
    );
    let found = ids_on_target(&c);
    let f = found
        .iter()
        .find(|f| f.id == "RC-TRUST-004")
        .expect("found");
    assert_eq!(f.severity, Severity::Medium);
    assert_eq!(f.location.policy, "trust policy");
    assert_eq!(f.location.statement, Some(1));
    assert!(
        f.explanation.contains("Statement[1] (Sid \"Vendor\")"),
        "{}",
        f.explanation
    );
    assert!(f.explanation.contains("999999999999"), "{}", f.explanation);
    assert_eq!(f.arn, arn("role", "target"));
    let rule = rolecall::audit::rule("RC-TRUST-004").unwrap();
    assert_eq!(f.title, rule.title);
    assert_eq!(f.fix, rule.fix);
}

#[test]
fn escalation_explains_each_path_and_managed_location() {
    let mut c = case(
        "RC-PERM-005",
        true,
        "",
        vec![ec2_role("target").attached("iam-admin")],
    );
    c.policies = vec![Policy::new(
        "iam-admin",
        document([allow("iam:*", "*").sid("Iam")]),
    )];
    let found = ids_on_target(&c);
    let f = found.iter().find(|f| f.id == "RC-PERM-005").unwrap();
    assert_eq!(f.location.policy, arn("policy", "iam-admin"));
    assert_eq!(f.location.statement, Some(0));
    for action in [
        "iam:CreatePolicyVersion",
        "iam:AttachRolePolicy",
        "iam:UpdateAssumeRolePolicy",
        "iam:AddUserToGroup",
    ] {
        assert!(
            f.explanation.contains(action),
            "{action}: {}",
            f.explanation
        );
    }
    assert!(
        f.explanation.contains("default version v1"),
        "{}",
        f.explanation
    );
    // iam:* also grants PassRole on every role.
    assert!(found.iter().any(|f| f.id == "RC-PERM-002"));
}

#[test]
fn min_severity_filters() {
    let mut c = trust_case("RC-TRUST-005", true, "", trusts(aws(ACCT), json!({})));
    assert!(ids_on_target(&c).iter().any(|f| f.id == "RC-TRUST-005"));
    c.opts.min_severity = Severity::Low;
    assert!(ids_on_target(&c).is_empty());
}

#[test]
fn out_of_range_role_has_no_findings() {
    let model = model_of(vec![ec2_role("a")], vec![], vec![]);
    assert!(findings_for_role(&model, 7, &AuditOptions::default()).is_empty());
}

// ------------------------------------------------------------------- demo

fn demo() -> Model {
    model::build(source::load(&SourceSpec::Demo).expect("demo loads"))
}

fn demo_ids(model: &Model, findings: &[Finding], role: &str) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = findings
        .iter()
        .filter(|f| {
            f.role
                .is_some_and(|r| model.roles[r].detail.role_name == role)
        })
        .map(|f| f.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[test]
fn demo_roles_show_the_risks_the_readme_lists() {
    let model = demo();
    let opts = AuditOptions {
        own_accounts: vec![
            "222233334444".into(),
            "333344445555".into(),
            "444455556666".into(),
        ],
        ..AuditOptions::default()
    };
    let f = all_findings(&model, &opts);
    let has = |role: &str, id: &str| demo_ids(&model, &f, role).contains(&id);
    let expected = [
        ("github-actions-ecr-push", "RC-OIDC-001"),
        ("github-actions-infra-readonly", "RC-OIDC-002"),
        ("eks-cluster-autoscaler-irsa", "RC-OIDC-004"),
        ("Cognito_StorefrontUnauth_Role", "RC-COGNITO-001"),
        ("cloudcost-vendor-readonly", "RC-TRUST-004"),
        ("office-vpn-legacy-access", "RC-TRUST-002"),
        ("analytics-readonly", "RC-TRUST-006"),
        ("reporting-exporter", "RC-TRUST-007"),
        ("ci-runner", "RC-TRUST-005"),
        ("prod-deployer", "RC-PERM-002"),
        ("iam-automation-lambda", "RC-PERM-005"),
        ("staging-engineer-access", "RC-PERM-003"),
        ("legacy-jenkins-admin", "RC-PERM-001"),
        ("legacy-jenkins-admin", "RC-USAGE-001"),
        ("platform-admin", "RC-PERM-001"),
        ("terraform-apply", "RC-PERM-001"),
        ("OrganizationAccountAccessRole", "RC-PERM-001"),
        ("github-actions-storefront-deploy", "RC-PERM-002"),
        ("incident-responder", "RC-USAGE-002"),
    ];
    for (role, id) in expected {
        assert!(
            has(role, id),
            "{role} should have {id}: {:?}",
            demo_ids(&model, &f, role)
        );
    }
    let absent = [
        ("DatadogIntegrationRole", "RC-TRUST-004"),
        ("analytics-export", "RC-TRUST-004"),
        ("org-shared-artifacts-reader", "RC-TRUST-001"),
        ("org-shared-artifacts-reader", "RC-TRUST-002"),
        ("Cognito_StorefrontAuth_Role", "RC-COGNITO-001"),
        ("github-actions-payments-deploy", "RC-OIDC-002"),
        ("eks-external-dns-irsa", "RC-OIDC-004"),
        ("security-incident-response", "RC-TRUST-004"),
        ("AWSServiceRoleForAutoScaling", "RC-PERM-002"),
    ];
    for (role, id) in absent {
        assert!(!has(role, id), "{role} should not have {id}");
    }
    // Plain service roles with narrow policies have nothing to say.
    assert!(demo_ids(&model, &f, "thumbnail-generator-lambda").is_empty());
    // Without declaring own accounts, the staging/security trusts show up.
    let plain = all_findings(&model, &AuditOptions::default());
    assert!(demo_ids(&model, &plain, "security-incident-response").contains(&"RC-TRUST-004"));
}

#[test]
fn demo_reaches_roles_from_other_accounts_through_the_engine() {
    let model = demo();
    let f = all_findings(&model, &AuditOptions::default());
    let path = f
        .iter()
        .find(|f| {
            f.id == "RC-PATH-001" && model.roles[f.role.unwrap()].detail.role_name == "ci-runner"
        })
        .expect("ci-runner is reachable through OrganizationAccountAccessRole");
    assert!(
        path.explanation.contains("OrganizationAccountAccessRole"),
        "{}",
        path.explanation
    );
    // org-shared-artifacts-reader trusts `*` itself: the direct finding, no path.
    assert!(!demo_ids(&model, &f, "org-shared-artifacts-reader").contains(&"RC-PATH-001"));
}

#[test]
fn every_finding_id_is_registered() {
    let model = demo();
    for f in all_findings(&model, &AuditOptions::default()) {
        assert!(rolecall::audit::rule(f.id).is_some(), "{}", f.id);
    }
}

// -------------------------------------------------------- cli and baseline

mod cli {
    use super::*;
    use rolecall::audit::report::ReportFormat;
    use rolecall::cli::audit::{AuditRun, run_audit};

    fn earlier() -> Model {
        model::build(vec![source::demo::earlier().unwrap()])
    }

    #[test]
    fn fail_on_sets_the_exit_status() {
        let model = demo();
        let mut run = AuditRun {
            format: ReportFormat::Json,
            ..AuditRun::default()
        };
        assert_eq!(run_audit(&model, &run, &mut Vec::new()).unwrap(), 0);
        run.fail_on = Some(Severity::High);
        assert_eq!(run_audit(&model, &run, &mut Vec::new()).unwrap(), 1);
        // Only info findings left: --fail-on low passes, --fail-on info fails.
        let info_only = model_of(
            vec![role("target", trusts(aws(ACCT), json!({})))],
            vec![],
            vec![],
        );
        run.fail_on = Some(Severity::Low);
        assert_eq!(run_audit(&info_only, &run, &mut Vec::new()).unwrap(), 0);
        run.fail_on = Some(Severity::Info);
        assert_eq!(run_audit(&info_only, &run, &mut Vec::new()).unwrap(), 1);
    }

    #[test]
    fn baseline_keeps_only_new_findings() {
        let model = demo();
        let run = AuditRun {
            format: ReportFormat::Json,
            baseline: Some(earlier()),
            ..AuditRun::default()
        };
        let mut out = Vec::new();
        run_audit(&model, &run, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let new: Vec<(String, String)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["role"].as_str().unwrap().to_string(),
                    f["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        // The widened GitHub sub and the new vendor's PassRole are new...
        assert!(
            new.contains(&("github-actions-infra-readonly".into(), "RC-OIDC-002".into())),
            "{new:?}"
        );
        assert!(
            new.contains(&(
                "github-actions-storefront-deploy".into(),
                "RC-PERM-002".into()
            )),
            "{new:?}"
        );
        // ...the long-standing ones are not.
        assert!(
            !new.iter().any(|(r, _)| r == "legacy-jenkins-admin"),
            "{new:?}"
        );
        assert!(!new.contains(&("github-actions-ecr-push".into(), "RC-OIDC-001".into())));
        let all = all_findings(&model, &AuditOptions::default()).len();
        assert!(new.len() < all / 2, "{} of {all}", new.len());
        // Against itself, nothing is new.
        let same = AuditRun {
            format: ReportFormat::Json,
            baseline: Some(demo()),
            ..AuditRun::default()
        };
        let mut out = Vec::new();
        run_audit(&model, &same, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["summary"]["total"], 0);
    }

    #[test]
    fn own_accounts_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accounts");
        std::fs::write(&path, "# ours\n222233334444\n\n333344445555 # security\n").unwrap();
        let ids = rolecall::cli::audit::read_own_accounts(&path).unwrap();
        assert_eq!(ids, ["222233334444", "333344445555"]);
        assert!(rolecall::cli::audit::read_own_accounts(&dir.path().join("missing")).is_err());
    }
}

mod args {
    use clap::Parser;
    use rolecall::audit::Severity;
    use rolecall::audit::report::ReportFormat;
    use rolecall::cli::audit::AuditArgs;
    use rolecall::cli::diff::DiffArgs;

    #[derive(Parser)]
    struct Audit {
        #[command(flatten)]
        args: AuditArgs,
    }

    #[derive(Parser)]
    struct Diff {
        #[command(flatten)]
        args: DiffArgs,
    }

    #[test]
    fn audit_arguments_parse() {
        let a = Audit::try_parse_from([
            "audit",
            "--demo",
            "--format",
            "sarif",
            "--fail-on",
            "high",
            "--own-accounts",
            "111111111111,222222222222",
            "--unused-days",
            "30",
        ])
        .unwrap()
        .args;
        assert!(a.input.demo);
        assert_eq!(a.format, ReportFormat::Sarif);
        assert_eq!(a.fail_on, Some(Severity::High));
        assert_eq!(a.own_accounts.len(), 2);
        assert_eq!(a.unused_days, 30);
        assert_eq!(a.baseline, None);
        let a = Audit::try_parse_from(["audit", "--demo", "--baseline", "--json"])
            .unwrap()
            .args;
        assert_eq!(a.baseline, Some(None));
        assert!(a.json);
        let run = a.run_options(true).unwrap();
        assert_eq!(run.format, ReportFormat::Json);
        assert!(!run.color, "no colour in JSON");
        assert!(run.baseline.is_some(), "the demo's earlier snapshot");
        let a = Audit::try_parse_from(["audit", "-f", "a.json", "--baseline", "old.json"])
            .unwrap()
            .args;
        assert_eq!(a.baseline, Some(Some("old.json".into())));
        assert!(Audit::try_parse_from(["audit", "--demo", "--fail-on", "severe"]).is_err());
        assert!(Audit::try_parse_from(["audit", "--demo", "--format", "xml"]).is_err());
        let bare = Audit::try_parse_from(["audit", "-f", "a.json", "--baseline"])
            .unwrap()
            .args;
        assert!(
            bare.run_options(false).is_err(),
            "--baseline without FILE needs --demo"
        );
    }

    #[test]
    fn diff_arguments_parse() {
        let d = Diff::try_parse_from(["diff", "old.json", "new.json", "--json"])
            .unwrap()
            .args;
        assert_eq!(d.old.as_deref(), Some(std::path::Path::new("old.json")));
        assert!(d.json && !d.demo);
        let d = Diff::try_parse_from(["diff", "--demo"]).unwrap().args;
        assert!(d.demo);
        assert!(Diff::try_parse_from(["diff", "old.json"]).is_err());
        assert!(Diff::try_parse_from(["diff", "--demo", "a.json", "b.json"]).is_err());
        let mut out = Vec::new();
        assert_eq!(d.run(false, &Default::default(), &mut out).unwrap(), 1);
        assert!(String::from_utf8(out).unwrap().contains("12 changes"));
    }
}

#[test]
fn a_shared_policy_is_checked_once_on_itself() {
    // Attached to two roles, a user and a group: one correctness finding,
    // on the policy, naming the statement, the action and its neighbours.
    let typo = Policy::new(
        "shared",
        document([
            allow("s3:ListBucket", "arn:aws:s3:::b"),
            allow("s3:GetObjekt", "arn:aws:s3:::b/*").sid("Read"),
        ]),
    );
    let model = model_with_groups(
        vec![
            ec2_role("a").attached("shared"),
            ec2_role("b").attached("shared"),
        ],
        vec![typo],
        vec![User::new("u").attached("shared")],
        vec![Group::new("g").attached("shared")],
    );
    let found: Vec<Finding> = all_findings(&model, &AuditOptions::default())
        .into_iter()
        .filter(|f| f.id == "RC-POLICY-001")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.entity, EntityRef::Policy(0));
    assert_eq!(f.role, None);
    assert_eq!(f.arn, arn("policy", "shared"));
    assert_eq!(f.location.policy, arn("policy", "shared"));
    assert_eq!(f.location.statement, Some(1));
    for part in [
        "Statement[1] (Sid \"Read\")",
        "s3:GetObjekt",
        "did you mean",
        "s3:GetObject",
        "default version v1",
    ] {
        assert!(f.explanation.contains(part), "{part}: {}", f.explanation);
    }
}

#[test]
fn exposure_names_the_statement_actions_and_what_removes_them() {
    let model = model_with_groups(
        vec![],
        vec![],
        vec![User::new("dev").group("no-secrets").inline(
            "data",
            doc1(allow(json!(["s3:GetObject", "secretsmanager:*"]), "*").sid("All")),
        )],
        vec![
            Group::new("no-secrets").inline("d", doc1(deny("secretsmanager:GetSecretValue", "*"))),
        ],
    );
    let found = Auditor::new(&model, AuditOptions::default()).user(0);
    let data = found
        .iter()
        .find(|f| f.id == "RC-PERM-102")
        .expect("RC-PERM-102");
    assert_eq!(data.entity, EntityRef::User(0));
    assert_eq!(data.location.policy, "inline data");
    assert_eq!(data.location.statement, Some(0));
    assert!(
        data.explanation.contains("Statement[0] (Sid \"All\")"),
        "{}",
        data.explanation
    );
    assert!(
        data.explanation.contains("s3:GetObject"),
        "{}",
        data.explanation
    );
    // The group's Deny removes the secret read, not the object read.
    assert!(
        !data.explanation.contains("secretsmanager:GetSecretValue"),
        "{}",
        data.explanation
    );
    // secretsmanager:* also holds Permissions management and Write actions.
    let pm = found
        .iter()
        .find(|f| f.id == "RC-PERM-101")
        .expect("RC-PERM-101");
    assert!(
        pm.explanation.contains("secretsmanager:PutResourcePolicy"),
        "{}",
        pm.explanation
    );
    assert!(found.iter().any(|f| f.id == "RC-PERM-103"));
    // Reported once, on the user: the group has only its Deny.
    assert!(
        Auditor::new(&model, AuditOptions::default())
            .group(0)
            .is_empty()
    );
}

#[test]
fn users_and_groups_get_the_escalation_checks_too() {
    let model = model_with_groups(
        vec![],
        vec![],
        vec![
            User::new("dev")
                .group("ops")
                .inline("launch", doc1(allow("lambda:CreateFunction", "*"))),
        ],
        vec![Group::new("ops").inline(
            "pass",
            doc1(allow(json!(["iam:PassRole", "iam:PutUserPolicy"]), "*")),
        )],
    );
    let mut auditor = Auditor::new(&model, AuditOptions::default());
    let user: Vec<&str> = auditor.user(0).iter().map(|f| f.id).collect();
    // The group's PassRole makes the user's CreateFunction a path.
    assert!(user.contains(&"RC-PERM-006"), "{user:?}");
    let group: Vec<&str> = auditor.group(0).iter().map(|f| f.id).collect();
    assert!(
        group.contains(&"RC-PERM-002") && group.contains(&"RC-PERM-005"),
        "{group:?}"
    );
    assert!(
        auditor.user(5).is_empty() && auditor.group(5).is_empty() && auditor.policy(5).is_empty()
    );
}

#[test]
fn a_boundary_missing_from_the_snapshot_removes_nothing_and_says_so() {
    let model = model_of(
        vec![],
        vec![],
        vec![
            User::new("dev")
                .boundary("arn:aws:iam::aws:policy/PowerUserAccess")
                .inline("p", doc1(allow("s3:PutBucketPolicy", "*"))),
        ],
    );
    let found = Auditor::new(&model, AuditOptions::default()).user(0);
    let f = found
        .iter()
        .find(|f| f.id == "RC-PERM-101")
        .expect("RC-PERM-101");
    assert!(
        f.explanation.contains("not in the snapshot"),
        "{}",
        f.explanation
    );
}

#[test]
fn holders_of_one_managed_policy_each_get_their_own_remainder() {
    let shared = Policy::new(
        "data",
        doc1(allow(json!(["s3:GetObject", "kms:Decrypt"]), "*")),
    );
    let model = model_with_groups(
        vec![ec2_role("r").attached("data")],
        vec![shared],
        vec![
            User::new("plain").attached("data"),
            User::new("no-kms").group("deny-kms").attached("data"),
            User::new("also-plain").attached("data"),
        ],
        vec![Group::new("deny-kms").inline("d", doc1(deny("kms:*", "*")))],
    );
    let findings = all_findings(&model, &AuditOptions::default());
    let explanation = |entity: EntityRef| {
        findings
            .iter()
            .find(|f| f.id == "RC-PERM-102" && f.entity == entity)
            .map(|f| f.explanation.clone())
            .expect("RC-PERM-102")
    };
    let role = explanation(EntityRef::Role(0));
    assert!(role.contains("allows 2 data-reading actions"), "{role}");
    assert_eq!(explanation(EntityRef::User(0)), role);
    assert_eq!(explanation(EntityRef::User(2)), role);
    let no_kms = explanation(EntityRef::User(1));
    assert!(
        no_kms.contains("allows 1 data-reading action on Resource *: s3:GetObject."),
        "{no_kms}"
    );
}
