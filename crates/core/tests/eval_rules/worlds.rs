//! The GAAD snapshots the cases run against, one small world per section
//! of ANY-ACTION §A, written as literal GAAD JSON. Account A is
//! 111111111111, account B 222222222222.

use serde_json::{Value, json};

pub const A: &str = "111111111111";
pub const B: &str = "222222222222";

/// The worlds; each case names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum World {
    /// A.1: explicit Denies, groups, boundaries, managed-policy versions.
    Order,
    /// A.2: accounts A and B, KMS, PassRole, cross-account trust.
    Accounts,
    /// A.3: trust grants to a user / role / session ARN / `*`.
    Grants,
    /// A.4: several statements and conditions (identity and trust).
    Conditions,
    /// A.5: session names and aws:userid.
    Sessions,
    /// A.6: NotAction and NotResource.
    NotElements,
    /// A.7: policy variables and user-supplied context keys.
    Variables,
    /// IAM-SEMANTICS §2–§3: principal forms in trust policies.
    Principals,
}

/// A policy document with Version 2012-10-17.
pub fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

pub fn allow(action: &str, resource: &str) -> Value {
    json!({"Effect": "Allow", "Action": action, "Resource": resource})
}

pub fn deny(action: &str, resource: &str) -> Value {
    json!({"Effect": "Deny", "Action": action, "Resource": resource})
}

pub fn allow_if(action: &str, resource: &str, condition: Value) -> Value {
    json!({"Effect": "Allow", "Action": action, "Resource": resource, "Condition": condition})
}

pub fn deny_if(action: &str, resource: &str, condition: Value) -> Value {
    json!({"Effect": "Deny", "Action": action, "Resource": resource, "Condition": condition})
}

fn arn(account: &str, kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:{kind}/{name}")
}

/// A user of account `account` with one inline policy (when `statements`
/// is non-empty) and the extra GAAD fields in `extra`.
pub fn user(account: &str, name: &str, statements: Value, extra: Value) -> Value {
    let mut u = json!({
        "UserName": name, "UserId": format!("AIDA{}", name.to_uppercase()), "Path": "/",
        "Arn": arn(account, "user", name),
    });
    if statements.as_array().is_some_and(|a| !a.is_empty()) {
        u["UserPolicyList"] =
            json!([{"PolicyName": format!("{name}-inline"), "PolicyDocument": doc(statements)}]);
    }
    merge(&mut u, extra);
    u
}

/// A role with a trust policy (`trust` statements; none: no trust policy)
/// and one inline identity policy (when `statements` is non-empty).
pub fn role(account: &str, name: &str, trust: Value, statements: Value, extra: Value) -> Value {
    let mut r = json!({
        "RoleName": name, "RoleId": format!("AROA{}", name.to_uppercase().replace('-', "")),
        "Path": "/", "Arn": arn(account, "role", name),
    });
    if trust.as_array().is_some_and(|a| !a.is_empty()) {
        r["AssumeRolePolicyDocument"] = doc(trust);
    }
    if statements.as_array().is_some_and(|a| !a.is_empty()) {
        r["RolePolicyList"] =
            json!([{"PolicyName": format!("{name}-inline"), "PolicyDocument": doc(statements)}]);
    }
    merge(&mut r, extra);
    r
}

/// A customer managed policy with one default version.
pub fn managed(account: &str, name: &str, document: Value) -> Value {
    json!({
        "PolicyName": name, "PolicyId": format!("ANPA{}", name.to_uppercase()),
        "Arn": arn(account, "policy", name), "Path": "/", "DefaultVersionId": "v1",
        "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": true}],
    })
}

pub fn attached(account: &str, names: &[&str]) -> Value {
    Value::Array(
        names
            .iter()
            .map(|n| json!({"PolicyName": n, "PolicyArn": arn(account, "policy", n)}))
            .collect(),
    )
}

pub fn boundary(account: &str, name: &str) -> Value {
    json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn(account, "policy", name)})
}

pub fn tags(pairs: &[(&str, &str)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect(),
    )
}

/// `{"Effect": effect, "Principal": {"AWS": who}, "Action": "sts:AssumeRole"}`.
pub fn trust(effect: &str, who: Value) -> Value {
    json!({"Effect": effect, "Principal": {"AWS": who}, "Action": "sts:AssumeRole"})
}

pub fn trust_if(effect: &str, who: Value, condition: Value) -> Value {
    json!({"Effect": effect, "Principal": {"AWS": who}, "Action": "sts:AssumeRole", "Condition": condition})
}

fn merge(into: &mut Value, extra: Value) {
    if let (Some(into), Value::Object(extra)) = (into.as_object_mut(), extra) {
        into.extend(extra);
    }
}

fn none() -> Value {
    json!([])
}

fn no_extra() -> Value {
    json!({})
}

pub fn user_arn(account: &str, name: &str) -> String {
    arn(account, "user", name)
}

pub fn role_arn(account: &str, name: &str) -> String {
    arn(account, "role", name)
}

pub fn session_arn(account: &str, role: &str, session: &str) -> String {
    format!("arn:aws:sts::{account}:assumed-role/{role}/{session}")
}

impl World {
    /// One GAAD document per loaded account: (account id, document).
    pub fn gaad(self) -> Vec<(&'static str, Value)> {
        match self {
            World::Order => vec![(A, order())],
            World::Accounts => accounts(),
            World::Grants => vec![(A, grants())],
            World::Conditions => vec![(A, conditions())],
            World::Sessions => vec![(A, sessions())],
            World::NotElements => vec![(A, not_elements())],
            World::Variables => vec![(A, variables())],
            World::Principals => vec![(A, principals())],
        }
    }
}

fn order() -> Value {
    let target_trust = json!([
        trust(
            "Allow",
            json!([
                user_arn(A, "alice"),
                user_arn(A, "bob"),
                user_arn(A, "frank"),
                user_arn(A, "gina"),
                user_arn(A, "dave")
            ])
        ),
        trust("Deny", json!(user_arn(A, "frank"))),
    ]);
    json!({
        "UserDetailList": [
            user(A, "alice", json!([
                allow("s3:GetObject", "arn:aws:s3:::data/*"),
                deny("s3:GetObject", "arn:aws:s3:::data/secret/*"),
                allow("dynamodb:*", "*"),
                allow("ec2:TerminateInstances", "*"),
                allow("sqs:*", "*"),
            ]), json!({"GroupList": ["devs", "ops"]})),
            user(A, "bob", json!([
                allow("s3:*", "*"), allow("ec2:*", "*"), allow("sts:AssumeRole", "*"),
            ]), json!({"PermissionsBoundary": boundary(A, "Boundary")})),
            user(A, "carol", json!([allow("s3:*", "*")]),
                json!({"PermissionsBoundary": boundary(A, "Gone")})),
            user(A, "dave", none(), no_extra()),
            user(A, "erin", none(), json!({"AttachedManagedPolicies": attached(A, &["Versioned"])})),
            user(A, "frank", json!([
                deny("s3:*", "*"), allow("s3:GetObject", "arn:aws:s3:::data/*"),
            ]), no_extra()),
            user(A, "gina", json!([deny("sts:AssumeRole", "*")]), no_extra()),
            user(A, "hugo", json!([allow("S3:getobject", "arn:aws:s3:::data/*")]), no_extra()),
            {"UserName": "solo", "UserId": "AIDASOLO", "Path": "/", "Arn": user_arn(A, "solo"),
             "UserPolicyList": [{"PolicyName": "solo-inline", "PolicyDocument": {"Version": "2012-10-17",
                "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]}}}]},
            user(A, "mia", none(), json!({"AttachedManagedPolicies": [
                {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]})),
        ],
        "GroupDetailList": [
            {"GroupName": "devs", "GroupId": "AGPADEVS", "Path": "/", "Arn": arn(A, "group", "devs"),
             "GroupPolicyList": [{"PolicyName": "devs-inline", "PolicyDocument": doc(json!([
                allow("ec2:DescribeInstances", "*")]))}],
             "AttachedManagedPolicies": attached(A, &["GroupDeny", "GroupAllow"])},
            {"GroupName": "ops", "GroupId": "AGPAOPS", "Path": "/", "Arn": arn(A, "group", "ops"),
             "GroupPolicyList": [{"PolicyName": "ops-inline", "PolicyDocument": doc(json!([
                deny("ec2:TerminateInstances", "*"), deny("sqs:DeleteQueue", "*")]))}]},
        ],
        "RoleDetailList": [
            role(A, "app", json!([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]),
                json!([allow("s3:GetObject", "*"), deny("s3:PutObject", "*"), allow("s3:Put*", "*")]), no_extra()),
            role(A, "bounded", none(), json!([allow("ec2:*", "*"), allow("s3:GetObject", "*")]),
                json!({"PermissionsBoundary": boundary(A, "Boundary")})),
            role(A, "target", target_trust, none(), no_extra()),
        ],
        "Policies": [
            managed(A, "Boundary", doc(json!([
                allow("s3:*", "*"), allow("sqs:*", "*"), deny("s3:DeleteBucket", "*"),
                allow("sts:AssumeRole", "*"), deny("sts:AssumeRole", &role_arn(A, "target")),
            ]))),
            managed(A, "GroupDeny", doc(json!([deny("dynamodb:DeleteTable", "*")]))),
            managed(A, "GroupAllow", doc(json!([allow("cloudwatch:GetMetricData", "*")]))),
            {"PolicyName": "Versioned", "PolicyId": "ANPAVERSIONED", "Arn": arn(A, "policy", "Versioned"),
             "Path": "/", "DefaultVersionId": "v2",
             "PolicyVersionList": [
                {"Document": doc(json!([allow("ec2:*", "*")])), "VersionId": "v1", "IsDefaultVersion": false},
                {"Document": doc(json!([allow("s3:ListBucket", "*")])), "VersionId": "v2", "IsDefaultVersion": true}]},
        ],
    })
}

fn accounts() -> Vec<(&'static str, Value)> {
    let mut a = json!({
        "UserDetailList": [
            user(A, "alice", json!([
                allow("s3:GetObject", "*"), allow("sqs:SendMessage", "*"), allow("kms:Decrypt", "*"),
                allow_if("kms:Encrypt", "*", json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})),
                allow("iam:PassRole", "arn:aws:iam::*:role/*"), allow("iam:CreateUser", "*"),
                allow("sts:AssumeRole", "*"),
                allow_if("lambda:InvokeFunction", "*", json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})),
                deny("kms:ScheduleKeyDeletion", "*"), allow("kms:ScheduleKeyDeletion", "*"),
            ]), no_extra()),
            user(A, "dave", none(), no_extra()),
            user(A, "hank", json!([allow("iam:PassRole", &role_arn(A, "app"))]), no_extra()),
            user(A, "ivy", json!([
                allow_if("sts:AssumeRole", "*", json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})),
                allow_if("sts:AssumeRole", "*", json!({"StringEquals": {"aws:SourceVpc": "vpc-1"}})),
            ]), no_extra()),
            user(A, "ike", json!([allow("sts:AssumeRole", "*")]), json!({"PermissionsBoundary": boundary(A, "TwoWays")})),
            user(A, "pat", json!([
                allow_if("iam:PassRole", "*", json!({"StringEquals": {"iam:ResourceTag/env": "prod"}})),
                allow_if("sqs:SendMessage", "*", json!({"StringEquals": {"aws:ResourceAccount": A}})),
                allow_if("s3:GetObject", "*", json!({"StringEquals": {"aws:PrincipalAccount": A}})),
                allow_if("s3:PutObject", "*", json!({"Bool": {"aws:PrincipalIsAWSService": "true"}})),
                allow_if("sns:Publish", "*", json!({"StringEquals": {"aws:ResourceTag/env": "prod"}})),
            ]), no_extra()),
        ],
        "RoleDetailList": [
            role(A, "app", json!([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]), none(),
                json!({"Tags": tags(&[("env", "prod")])})),
            role(A, "local-root", json!([trust("Allow", json!(format!("arn:aws:iam::{A}:root")))]), none(), no_extra()),
            role(A, "local-user", json!([trust("Allow", json!(user_arn(A, "dave")))]), none(), no_extra()),
            role(A, "for-b", json!([trust("Allow", json!(B))]), none(), no_extra()),
            role(A, "local-root-tls", json!([trust_if("Allow", json!(format!("arn:aws:iam::{A}:root")), json!({"Bool": {"aws:SecureTransport": "true"}}))]), none(), no_extra()),
        ],
    });
    a["Policies"] = json!([managed(
        A,
        "TwoWays",
        doc(json!([
            allow_if(
                "sts:AssumeRole",
                "*",
                json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})
            ),
            allow_if(
                "sts:AssumeRole",
                "*",
                json!({"StringEquals": {"aws:SourceVpc": "vpc-1"}})
            ),
        ]))
    )]);
    let b = json!({
        "UserDetailList": [
            user(B, "zed", json!([allow("sts:AssumeRole", "*")]), no_extra()),
            user(B, "yan", none(), no_extra()),
        ],
        "RoleDetailList": [
            role(B, "far", json!([trust("Allow", json!(format!("arn:aws:iam::{A}:root")))]), none(), no_extra()),
            role(B, "far-user", json!([trust("Allow", json!([user_arn(A, "alice"), user_arn(A, "dave")]))]), none(), no_extra()),
        ],
    });
    vec![(A, a), (B, b)]
}

fn grants() -> Value {
    let principal_arn = |arns: Value| json!({"ArnEquals": {"aws:PrincipalArn": arns}});
    json!({
        "UserDetailList": [
            user(A, "ursula", json!([allow("s3:*", "*")]), json!({"PermissionsBoundary": boundary(A, "NoSts")})),
            user(A, "uma", none(), no_extra()),
            user(A, "vic", json!([deny("sts:AssumeRole", "*")]), no_extra()),
            user(A, "wendy", json!([allow("sts:AssumeRole", "*")]), no_extra()),
        ],
        "RoleDetailList": [
            role(A, "runner", none(), none(), json!({"PermissionsBoundary": boundary(A, "NoSts")})),
            role(A, "free", none(), none(), no_extra()),
            role(A, "blocked", none(), json!([deny("sts:AssumeRole", "*")]), no_extra()),
            role(A, "by-user", json!([trust("Allow", json!([user_arn(A, "ursula"), user_arn(A, "uma"), user_arn(A, "vic")]))]), none(), no_extra()),
            role(A, "by-role", json!([trust("Allow", json!([role_arn(A, "runner"), role_arn(A, "free")]))]), none(), no_extra()),
            role(A, "by-session", json!([trust("Allow", json!([
                session_arn(A, "runner", "build"), session_arn(A, "free", "build"), session_arn(A, "blocked", "build")]))]), none(), no_extra()),
            role(A, "by-any-arn", json!([trust_if("Allow", json!("*"), principal_arn(json!([
                role_arn(A, "runner"), role_arn(A, "free"), role_arn(A, "blocked")])))]), none(), no_extra()),
            role(A, "by-any-session-arn", json!([trust_if("Allow", json!("*"), principal_arn(json!(
                session_arn(A, "free", "build"))))]), none(), no_extra()),
            role(A, "by-anyone", json!([trust("Allow", json!("*"))]), none(), no_extra()),
            role(A, "denied-user", json!([trust("Allow", json!(user_arn(A, "uma"))), trust("Deny", json!(user_arn(A, "uma")))]), none(), no_extra()),
            role(A, "by-account", json!([trust("Allow", json!(A))]), none(), no_extra()),
        ],
        "Policies": [managed(A, "NoSts", doc(json!([allow("s3:*", "*")])))],
    })
}

fn conditions() -> Value {
    let ip = || json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}});
    let vpc = || json!({"StringEquals": {"aws:SourceVpc": "vpc-1"}});
    let cond = doc(json!([
        allow_if("s3:GetObject", "arn:aws:s3:::two-routes/*", ip()),
        allow_if("s3:GetObject", "arn:aws:s3:::two-routes/*", vpc()),
        allow("s3:GetObject", "arn:aws:s3:::one-free/*"),
        allow_if("s3:GetObject", "arn:aws:s3:::one-free/*", ip()),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::and-keys/*",
            json!({"StringEquals": {"aws:SourceVpc": "vpc-1", "aws:SourceVpce": "vpce-1"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::and-ops/*",
            json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Bool": {"aws:SecureTransport": "true"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::or-values/*",
            json!({"StringEquals": {"aws:PrincipalTag/team": ["red", "blue"]}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::and-decided/*",
            json!({"StringEquals": {"aws:PrincipalTag/team": "red", "aws:username": "alice"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::and-mixed/*",
            json!({"StringEquals": {"aws:PrincipalTag/team": "red", "aws:SourceVpc": "vpc-1"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::miss-pos/*",
            json!({"StringEquals": {"aws:PrincipalTag/dept": "eng"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::miss-neg/*",
            json!({"StringNotEquals": {"aws:PrincipalTag/dept": "eng"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::miss-notlike/*",
            json!({"StringNotLike": {"aws:username": "*"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::miss-like/*",
            json!({"StringLike": {"aws:username": "*"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::miss-ifexists/*",
            json!({"StringEqualsIfExists": {"aws:PrincipalTag/dept": "eng"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::miss-null/*",
            json!({"Null": {"aws:PrincipalTag/dept": "true"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::present-null/*",
            json!({"Null": {"aws:PrincipalTag/dept": "false"}})
        ),
        allow("s3:GetObject", "arn:aws:s3:::deny-open/*"),
        deny_if(
            "s3:GetObject",
            "arn:aws:s3:::deny-open/*",
            json!({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})
        ),
        allow("s3:GetObject", "arn:aws:s3:::deny-org/*"),
        deny_if(
            "s3:GetObject",
            "arn:aws:s3:::deny-org/*",
            json!({"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-x"}})
        ),
        allow_if("s3:GetObject", "arn:aws:s3:::deny-after-cond/*", ip()),
        deny_if(
            "s3:GetObject",
            "arn:aws:s3:::deny-after-cond/*",
            json!({"Bool": {"aws:SecureTransport": "false"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::case-key/*",
            json!({"StringEquals": {"AWS:USERNAME": "alice"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::case-val/*",
            json!({"StringEquals": {"aws:username": "ALICE"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::case-val-ic/*",
            json!({"StringEqualsIgnoreCase": {"aws:username": "ALICE"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::any-value/*",
            json!({"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::all-values/*",
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": "a"}})
        ),
        allow_if("s3:GetObject", "arn:aws:s3:::three-routes/*", ip()),
        allow_if("s3:GetObject", "arn:aws:s3:::three-routes/*", vpc()),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::three-routes/*",
            json!({"StringEquals": {"aws:PrincipalTag/team": "red"}})
        ),
        allow_if(
            "s3:GetObject",
            "arn:aws:s3:::unknown-op/*",
            json!({"StringFancy": {"aws:username": "alice"}})
        ),
        allow("s3:GetObject", "arn:aws:s3:::deny-tag/*"),
        deny_if(
            "s3:GetObject",
            "arn:aws:s3:::deny-tag/*",
            json!({"StringEquals": {"aws:PrincipalTag/team": "red"}})
        ),
    ]));
    let routes_trust = json!([
        trust_if(
            "Allow",
            json!([role_arn(A, "app"), user_arn(A, "alice")]),
            vpc()
        ),
        trust_if(
            "Allow",
            json!([role_arn(A, "app"), user_arn(A, "alice")]),
            ip()
        ),
    ]);
    let with = |tag_pairs: &[(&str, &str)]| json!({"AttachedManagedPolicies": attached(A, &["Cond"]), "Tags": tags(tag_pairs)});
    json!({
        "UserDetailList": [
            user(A, "alice", none(), with(&[("team", "red")])),
            user(A, "bob", none(), with(&[("team", "red")])),
            user(A, "gus", none(), with(&[])),
            user(A, "olga", none(), with(&[("dept", "ops")])),
            user(A, "bella", none(), json!({"AttachedManagedPolicies": attached(A, &["Cond"]),
                "PermissionsBoundary": boundary(A, "TlsOnly")})),
        ],
        "RoleDetailList": [
            role(A, "app", none(), none(), json!({"AttachedManagedPolicies": attached(A, &["Cond"])})),
            role(A, "routes", routes_trust, none(), no_extra()),
            role(A, "no-mallory", json!([
                trust("Allow", json!(role_arn(A, "app"))),
                trust("Deny", json!(session_arn(A, "app", "mallory"))),
            ]), none(), no_extra()),
            role(A, "trust-deny-open", json!([
                trust("Allow", json!(role_arn(A, "app"))),
                trust_if("Deny", json!(role_arn(A, "app")), json!({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})),
            ]), none(), no_extra()),
        ],
        "Policies": [
            managed(A, "Cond", cond),
            managed(A, "TlsOnly", doc(json!([allow_if("s3:*", "*", json!({"Bool": {"aws:SecureTransport": "true"}}))]))),
        ],
    })
}

fn sessions() -> Value {
    json!({
        "RoleDetailList": [
            role(A, "app", none(), json!([
                allow_if("s3:GetObject", "arn:aws:s3:::only-alice/*", json!({"StringEquals": {"aws:userid": "AROAAPP:alice"}})),
                allow("s3:DeleteObject", "*"),
                deny_if("s3:DeleteObject", "*", json!({"StringLike": {"aws:userid": "*:mallory"}})),
                allow_if("s3:GetObject", "arn:aws:s3:::by-name/*", json!({"StringEquals": {"aws:username": "app"}})),
                allow("s3:GetObject", "arn:aws:s3:::home/${aws:userid}/*"),
                allow_if("s3:GetObject", "arn:aws:s3:::parn/*", json!({"ArnEquals": {"aws:PrincipalArn": role_arn(A, "app")}})),
                allow_if("s3:GetObject", "arn:aws:s3:::parn-session/*", json!({"ArnEquals": {"aws:PrincipalArn": session_arn(A, "app", "alice")}})),
                allow_if("s3:GetObject", "arn:aws:s3:::ptype/*", json!({"StringEquals": {"aws:PrincipalType": "AssumedRole"}})),
            ]), no_extra()),
            role(A, "other", none(), none(), no_extra()),
            role(A, "ci-only", json!([trust("Allow", json!(session_arn(A, "app", "ci")))]), none(), no_extra()),
            role(A, "no-mallory", json!([
                trust("Allow", json!(role_arn(A, "app"))),
                trust("Deny", json!(session_arn(A, "app", "mallory"))),
            ]), none(), no_extra()),
            role(A, "no-other-mallory", json!([
                trust("Allow", json!(role_arn(A, "app"))),
                trust("Deny", json!(session_arn(A, "other", "mallory"))),
            ]), none(), no_extra()),
        ],
        "UserDetailList": [user(A, "alice", none(), no_extra())],
    })
}

fn not_elements() -> Value {
    let mfa_deny = json!({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*",
        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}});
    json!({
        "UserDetailList": [
            user(A, "nadia", json!([{"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::*"}]), no_extra()),
            user(A, "ned", json!([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]), no_extra()),
            user(A, "mfa", json!([allow("*", "*"), mfa_deny.clone()]), no_extra()),
            user(A, "denyonly", json!([mfa_deny]), no_extra()),
            user(A, "nora", json!([{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"}]), no_extra()),
            user(A, "nick", json!([allow("*", "*"),
                {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::ok", "arn:aws:s3:::ok/*"]}]), no_extra()),
            user(A, "nell", json!([{"Effect": "Allow", "NotAction": ["s3:Delete*", "ec2:Terminate*"], "Resource": "*"}]), no_extra()),
            user(A, "nat", json!([{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::x/*"}]), no_extra()),
        ],
    })
}

fn variables() -> Value {
    let vars = doc(json!([
        allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"),
        allow(
            "s3:GetObject",
            "arn:aws:s3:::team-${aws:PrincipalTag/team}/*"
        ),
        allow(
            "s3:DeleteObject",
            "arn:aws:s3:::dept-${aws:PrincipalTag/team, 'company-wide'}/*"
        ),
        allow("s3:GetObjectAcl", "arn:aws:s3:::lit-${*}/x"),
        allow("s3:GetObjectTagging", "arn:aws:s3:::q${?}/x"),
        allow("s3:GetObjectLegalHold", "arn:aws:s3:::star-${*}-*"),
        allow("s3:GetObjectAttributes", "arn:aws:s3:::uid/${aws:userid}/*"),
        allow_if("s3:ListBucket", "arn:aws:s3:::special", json!({"StringLike": {"s3:prefix": "lit-${*}"}})),
        allow_if("s3:ListBucket", "arn:aws:s3:::special-q", json!({"StringLike": {"s3:prefix": "q${?}"}})),
        {"Effect": "Allow", "Action": "s3:RestoreObject", "NotResource": "arn:aws:s3:::home/${aws:username}/*"},
        allow("s3:GetObjectVersion", "arn:aws:s3:::dollar-${$}/x"),
        allow_if(
            "s3:ListBucket",
            "arn:aws:s3:::shared",
            json!({"StringLike": {"s3:prefix": "${aws:username}/*"}})
        ),
        allow_if(
            "s3:ListBucketVersions",
            "arn:aws:s3:::shared",
            json!({"StringEquals": {"s3:prefix": "${aws:PrincipalTag/dept}"}})
        ),
        allow_if(
            "s3:ListBucketMultipartUploads",
            "arn:aws:s3:::shared",
            json!({"StringNotEquals": {"s3:prefix": "${aws:PrincipalTag/dept}"}})
        ),
        allow("ec2:${aws:username}", "*"),
        allow_if(
            "ec2:RunInstances",
            "*",
            json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})
        ),
        allow_if(
            "ec2:StopInstances",
            "*",
            json!({"StringEquals": {"aws:PrincipalTag/team": "red"}})
        ),
        allow_if(
            "ec2:StartInstances",
            "*",
            json!({"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})
        ),
        allow_if(
            "ec2:RebootInstances",
            "*",
            json!({"Bool": {"aws:SecureTransport": "true"}})
        ),
        allow_if(
            "ec2:DescribeImages",
            "*",
            json!({"NumericLessThan": {"ec2:MaxResults": "100"}})
        ),
        allow_if(
            "ec2:DescribeVolumes",
            "*",
            json!({"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}})
        ),
    ]));
    let no_version = json!({"Statement": [
        allow("s3:PutObject", "arn:aws:s3:::home/${aws:username}/*"),
        allow_if("s3:GetBucketLocation", "arn:aws:s3:::shared", json!({"StringLike": {"s3:prefix": "${aws:username}/*"}})),
    ]});
    let old_version = json!({"Version": "2008-10-17", "Statement": [
        allow("s3:GetObjectRetention", "arn:aws:s3:::home/${aws:username}/*"),
    ]});
    let with = |tag_pairs: &[(&str, &str)]| json!({"AttachedManagedPolicies": attached(A, &["Vars", "NoVersion", "OldVersion"]), "Tags": tags(tag_pairs)});
    json!({
        "UserDetailList": [
            user(A, "alice", none(), with(&[("team", "red")])),
            user(A, "gus", none(), with(&[])),
        ],
        "RoleDetailList": [role(A, "app", none(), none(), with(&[("team", "red")]))],
        "Policies": [managed(A, "Vars", vars), managed(A, "NoVersion", no_version), managed(A, "OldVersion", old_version)],
    })
}

fn principals() -> Value {
    let service = |s: &str| json!({"Effect": "Allow", "Principal": {"Service": s}, "Action": "sts:AssumeRole"});
    json!({
        "UserDetailList": [
            user(A, "alice", json!([allow("sts:AssumeRole", "*")]), no_extra()),
            user(A, "tess", none(), json!({"Tags": tags(&[("team", "red")])})),
        ],
        "RoleDetailList": [
            role(A, "svc", json!([service("ec2.amazonaws.com")]), none(), no_extra()),
            role(A, "AWSServiceRoleForSupport", json!([trust("Allow", json!(A)), service("support.amazonaws.com")]), none(),
                json!({"Path": "/aws-service-role/support.amazonaws.com/",
                       "Arn": format!("arn:aws:iam::{A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport")})),
            role(A, "saml", json!([{"Effect": "Allow", "Principal": {"Federated": format!("arn:aws:iam::{A}:saml-provider/okta")},
                "Action": "sts:AssumeRoleWithSAML",
                "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]), none(), no_extra()),
            role(A, "anyone", json!([trust("Allow", json!("*"))]), none(), no_extra()),
            role(A, "dead", json!([trust("Allow", json!("AROADEADBEEFDEADBEEF1"))]), none(), no_extra()),
            role(A, "partial", json!([trust("Allow", json!(format!("arn:aws:iam::{A}:user/al*")))]), none(), no_extra()),
            role(A, "selfish", json!([service("lambda.amazonaws.com")]), json!([allow("sts:AssumeRole", "*")]), no_extra()),
            role(A, "third-party", json!([trust("Allow", json!("333333333333"))]), none(), no_extra()),
            role(A, "notaction-trust", json!([{"Effect": "Allow", "Principal": {"AWS": A}, "NotAction": "sts:TagSession"}]), none(), no_extra()),
            role(A, "same-team", json!([trust_if("Allow", json!("*"), json!({"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}}))]), none(),
                json!({"Tags": tags(&[("team", "red")])})),
            role(A, "var-principal", json!([trust("Allow", json!(format!("arn:aws:iam::{A}:user/${{aws:username}}")))]), none(), no_extra()),
            role(A, "not-principal", json!([{"Effect": "Allow", "NotPrincipal": {"AWS": user_arn(A, "bob")}, "Action": "sts:AssumeRole"}]), none(), no_extra()),
            role(A, "github", json!([{"Effect": "Allow",
                "Principal": {"Federated": format!("arn:aws:iam::{A}:oidc-provider/token.actions.githubusercontent.com")},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                              "StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/app:*"}}}]), none(), no_extra()),
            role(A, "services", json!([{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]}, "Action": "sts:AssumeRole"}]), none(), no_extra()),
        ],
    })
}
