//! Table-driven cases for the assume-role engine. Each case names the rule of
//! IAM-SEMANTICS.md (shared notes) it checks; the snapshots are small GAAD
//! documents parsed by the real parser and indexed by the real model.
// unsafe_code: edition 2024 makes std::env::set_var unsafe; the tests set the SDK's environment with it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, unsafe_code)] // a test, bench or example may fail loudly

#[path = "assume_rules/support.rs"]
mod support;

use rolecall::analysis::assume::Verdict::{Allowed, Conditional, Denied, Uncertain};
use serde_json::json;
use support::*;

fn s1() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let exact = || trust_aws(json!(alice));
    let by_root = || trust_aws(json!(root(A)));
    let allow_all = || json!({"UserPolicyList": [inline("assume", allow_assume(json!("*")))]});
    vec![
        case("§1 explicit Deny in the user's inline policy blocks an exact-ARN trust grant",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("no", deny_assume(json!("*")))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Denied).mentions(&["explicit Deny", "inline no of user alice"]),
        case("§1 explicit Deny in a group's inline policy blocks",
            vec![acct(A).user("alice", json!({"GroupList": ["devs"]}))
                .group("devs", json!({"GroupPolicyList": [inline("deny-contractors", deny_assume(json!(role)))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Denied).mentions(&["inline deny-contractors of group devs, statement 0"]),
        case("§1 explicit Deny in a group's attached managed policy blocks",
            vec![acct(A).user("alice", json!({"GroupList": ["devs"]}))
                .group("devs", json!({"AttachedManagedPolicies": [attached(A, "deny-all")]}))
                .policy("deny-all", deny_assume(json!("*")))
                .role("target", exact(), json!({}))],
            &alice, &role, Denied).mentions(&["arn:aws:iam::111111111111:policy/deny-all"]),
        case("§1 explicit Deny in a user's attached managed policy blocks",
            vec![acct(A).user("alice", json!({"AttachedManagedPolicies": [attached(A, "deny-all")]}))
                .policy("deny-all", deny_assume(json!("*")))
                .role("target", exact(), json!({}))],
            &alice, &role, Denied).mentions(&["explicit Deny"]),
        case("§1 explicit Deny in the calling role's own inline policy blocks",
            vec![acct(A).role("caller", trust_aws(json!(root(A))), json!({"RolePolicyList": [inline("no", deny_assume(json!("*")))]}))
                .role("target", trust_aws(json!(role_arn(A, "caller"))), json!({}))],
            &role_arn(A, "caller"), &role, Denied).mentions(&["inline no of role caller"]),
        case("§1 explicit Deny in the permissions boundary blocks (boundaries never grant, but deny)",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b")}))
                .policy("b", doc(json!([stmt("Allow", json!("*"), json!("*")), stmt("Deny", json!("sts:AssumeRole"), json!(role))])))
                .role("target", exact(), json!({}))],
            &alice, &role, Denied).mentions(&["explicit Deny in permissions boundary"]),
        case("§1 explicit Deny in the trust policy blocks a user it names",
            vec![acct(A).user("alice", allow_all())
                .role("target", doc(json!([
                    {"Effect": "Allow", "Principal": {"AWS": root(A)}, "Action": "sts:AssumeRole"},
                    {"Sid": "NoAlice", "Effect": "Deny", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Denied).mentions(&["explicit Deny in the role's trust policy, statement 1 (NoAlice)"]),
        case("§1 a trust Deny naming the account blocks every principal of it",
            vec![acct(A).user("alice", json!({}))
                .role("target", doc(json!([
                    {"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole"},
                    {"Effect": "Deny", "Principal": {"AWS": A}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Denied),
        case("§1 a Deny with NotAction that does not exclude sts covers AssumeRole",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("guard", doc(json!([{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}])))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Denied),
        case("§1 a Deny on another resource does not block",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("no", deny_assume(json!(role_arn(A, "other"))))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Allowed),
        case("§1 a Deny of another action (sts:TagSession) does not block",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("no", doc(json!([stmt("Deny", json!("sts:TagSession"), json!("*"))])))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Allowed),
        case("§1 no Allow anywhere: implicitly denied (account trust, no identity Allow)",
            vec![acct(A).user("alice", json!({})).role("target", by_root(), json!({}))],
            &alice, &role, Denied).mentions(&["lack an Allow"]),
        case("§1 implicit deny: the trust names someone else",
            vec![acct(A).user("alice", allow_all()).user("bob", json!({})).role("target", trust_aws(json!(user_arn(A, "bob"))), json!({}))],
            &alice, &role, Denied).mentions(&["no trust statement allows sts:AssumeRole to this principal"]),
        case("§1 an attached policy missing from the snapshot makes an account-trust verdict uncertain",
            vec![acct(A).user("alice", json!({"AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}))
                .role("target", by_root(), json!({}))],
            &alice, &role, Uncertain).mentions(&["AdministratorAccess", "not in the snapshot"]),
        case("§1 a Deny whose condition cannot be decided leaves the grant conditional",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("mfa", doc(json!([{"Effect": "Deny", "Action": "*", "Resource": "*",
                    "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}])))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Conditional).mentions(&["must not apply", "MFA"]),
        case("§1/§5 a Deny whose decidable condition is false does not apply",
            vec![acct(A).user("alice", json!({"Tags": tags(&[("team", "core")]),
                    "UserPolicyList": [inline("no", doc(json!([{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*",
                    "Condition": {"StringEquals": {"aws:PrincipalTag/team": "contractors"}}}])))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Allowed),
        case("§1/§5 a Deny whose decidable condition is true applies",
            vec![acct(A).user("alice", json!({"Tags": tags(&[("team", "contractors")]),
                    "UserPolicyList": [inline("no", doc(json!([{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*",
                    "Condition": {"StringEquals": {"aws:PrincipalTag/team": "contractors"}}}])))]}))
                .role("target", exact(), json!({}))],
            &alice, &role, Denied),
        case("§1 service-linked roles are not assumable by users, whatever the trust says",
            vec![acct(A).user("alice", allow_all())
                .role("aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
                    doc(json!([{"Effect": "Allow", "Principal": {"Service": "elasticloadbalancing.amazonaws.com", "AWS": root(A)}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role_arn(A, "aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"), Denied)
            .mentions(&["service-linked"]),
        case("§1 a service-linked role is assumable by its service",
            vec![acct(A).role("aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS",
                trust(json!({"Service": "rds.amazonaws.com"}), "sts:AssumeRole"), json!({}))],
            "Service=rds.amazonaws.com", &role_arn(A, "aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"), Allowed),
        case("§1 a service-linked role is not assumable by another service",
            vec![acct(A).role("aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS",
                trust(json!({"Service": "rds.amazonaws.com"}), "sts:AssumeRole"), json!({}))],
            "Service=ec2.amazonaws.com", &role_arn(A, "aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"), Denied),
        case("§1 SCPs are not in a snapshot: cross-account verdicts say they were not evaluated",
            vec![acct(A).role("target", by_root(), json!({})).role("target2", trust_aws(json!(root(B))), json!({})),
                 acct(B).user("bob", allow_all())],
            &user_arn(B, "bob"), &role_arn(A, "target2"), Allowed).mentions(&["SCPs and RCPs", "not evaluated"]),
        case("§1 SCPs are not mentioned for a same-account grant without org conditions",
            vec![acct(A).user("alice", json!({})).role("target", exact(), json!({}))],
            &alice, &role, Allowed).check(|d| !d.reasons.iter().any(|r| r.contains("SCP"))),
        case("§1 a role without a trust policy cannot be assumed",
            vec![acct(A).user("alice", allow_all()).role("target", json!(null), json!({}))],
            &alice, &role, Denied).mentions(&["no trust policy"]),
        case("§1 a trust policy that cannot be read gives uncertain, not a guess",
            vec![acct(A).user("alice", allow_all()).role("target", json!({"Statement": [{"Effect": "Maybe"}]}), json!({}))],
            &alice, &role, Uncertain).mentions(&["could not be read"]),
        case("§1 group attached managed policy Allow satisfies an account-trust grant",
            vec![acct(A).user("alice", json!({"GroupList": ["devs"]}))
                .group("devs", json!({"AttachedManagedPolicies": [attached(A, "assume")]}))
                .policy("assume", allow_assume(json!(role)))
                .role("target", by_root(), json!({}))],
            &alice, &role, Allowed).mentions(&["arn:aws:iam::111111111111:policy/assume"]),
        case("§1 group inline Allow satisfies an account-trust grant",
            vec![acct(A).user("alice", json!({"GroupList": ["devs"]}))
                .group("devs", json!({"GroupPolicyList": [inline("assume", allow_assume(json!(role)))]}))
                .role("target", by_root(), json!({}))],
            &alice, &role, Allowed).mentions(&["inline assume of group devs"]),
        case("§1 a group the user is not in does not count",
            vec![acct(A).user("alice", json!({}))
                .group("devs", json!({"GroupPolicyList": [inline("assume", allow_assume(json!(role)))]}))
                .role("target", by_root(), json!({}))],
            &alice, &role, Denied),
        case("§1 user attached managed policy Allow satisfies an account-trust grant",
            vec![acct(A).user("alice", json!({"AttachedManagedPolicies": [attached(A, "assume")]}))
                .policy("assume", allow_assume(json!("*")))
                .role("target", by_root(), json!({}))],
            &alice, &role, Allowed),
        case("§1 only the default version of a managed policy is in force",
            vec![acct(A).user("alice", json!({"AttachedManagedPolicies": [attached(A, "assume")]}))
                .policy_versions("assume", allow_assume(json!(role_arn(A, "other"))), allow_assume(json!("*")))
                .role("target", by_root(), json!({}))],
            &alice, &role, Denied),
        case("§1 a boundary missing from the snapshot leaves an account-trust grant uncertain",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "gone"), "UserPolicyList": [inline("a", allow_assume(json!("*")))]}))
                .role("target", by_root(), json!({}))],
            &alice, &role, Uncertain).mentions(&["not in the snapshot"]),
        case("§1 a boundary that allows does not get in the way",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b"), "UserPolicyList": [inline("a", allow_assume(json!("*")))]}))
                .policy("b", allow_assume(json!("*")))
                .role("target", by_root(), json!({}))],
            &alice, &role, Allowed).check(|d| d.via.iter().any(|v| v.side == rolecall::analysis::assume::Side::Boundary)),
    ]
}

fn s2() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let by_root = || trust_aws(json!(root(A)));
    let allow_all = || json!({"UserPolicyList": [inline("assume", allow_assume(json!("*")))]});
    let role_allow_all = || json!({"RolePolicyList": [inline("assume", allow_assume(json!("*")))]});
    let bnd_none = || doc(json!([stmt("Allow", json!("s3:*"), json!("*"))]));
    vec![
        case("§2 same account, trust names the user's ARN: no identity Allow needed",
            vec![acct(A).user("alice", json!({})).role("target", trust_aws(json!(alice)), json!({}))],
            &alice, &role, Allowed).mentions(&["no identity-policy Allow is needed"]),
        case("§2 same account, trust names the role's ARN: no identity Allow needed",
            vec![acct(A).role("caller", by_root(), json!({})).role("target", trust_aws(json!(role_arn(A, "caller"))), json!({}))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 same account, trust names an exact session ARN: that session is allowed",
            vec![acct(A).role("caller", by_root(), json!({})).role("target", trust_aws(json!(session_arn(A, "caller", "ci"))), json!({}))],
            &session_arn(A, "caller", "ci"), &role, Allowed),
        case("§3 a role ARN in the trust also matches that role's sessions",
            vec![acct(A).role("caller", by_root(), json!({})).role("target", trust_aws(json!(role_arn(A, "caller"))), json!({}))],
            &session_arn(A, "caller", "anything"), &role, Allowed),
        case("§3 a session ARN matches only that exact session name",
            vec![acct(A).role("caller", by_root(), json!({})).role("target", trust_aws(json!(session_arn(A, "caller", "ci"))), json!({}))],
            &session_arn(A, "caller", "CI"), &role, Denied),
        case("§3 a role whose session name is open is allowed only as the named session",
            vec![acct(A).role("caller", by_root(), json!({})).role("target", trust_aws(json!(session_arn(A, "caller", "ci"))), json!({}))],
            &role_arn(A, "caller"), &role, Conditional).mentions(&["session named ci"]),
        case("§2 same account, account-root trust without an identity Allow is denied",
            vec![acct(A).user("alice", json!({})).role("target", by_root(), json!({}))],
            &alice, &role, Denied).mentions(&["identity policies lack an Allow"]),
        case("§2 same account, account-root trust with an identity Allow is allowed",
            vec![acct(A).user("alice", allow_all()).role("target", by_root(), json!({}))],
            &alice, &role, Allowed).mentions(&["delegation"]),
        case("§2 a bare account id in the trust means the same as the root ARN",
            vec![acct(A).user("alice", allow_all()).role("target", trust_aws(json!(A)), json!({}))],
            &alice, &role, Allowed),
        case("§2 account-root trust: an identity Allow for another role does not help",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("a", allow_assume(json!(role_arn(A, "other"))))]})).role("target", by_root(), json!({}))],
            &alice, &role, Denied),
        case("§2 account-root trust + identity Allow that needs MFA: conditional",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("a", doc(json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*",
                    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])))]}))
                .role("target", by_root(), json!({}))],
            &alice, &role, Conditional).mentions(&["MFA"]),
        case("§2 account-root trust + a role's identity Allow: allowed",
            vec![acct(A).role("caller", by_root(), role_allow_all()).role("target", by_root(), json!({}))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 root trust does not mean the root user only: any user with an Allow",
            vec![acct(A).user("bob", allow_all()).role("target", by_root(), json!({}))],
            &user_arn(A, "bob"), &role, Allowed),
        case("§2 cross-account, trust names the other account, its user has an Allow: allowed",
            vec![acct(A).role("target", trust_aws(json!(root(B))), json!({})), acct(B).user("bob", allow_all())],
            &user_arn(B, "bob"), &role, Allowed).mentions(&["cross-account"]),
        case("§2 cross-account, trust names the account but the user has no Allow: denied",
            vec![acct(A).role("target", trust_aws(json!(root(B))), json!({})), acct(B).user("bob", json!({}))],
            &user_arn(B, "bob"), &role, Denied).mentions(&["lack an Allow"]),
        case("§2 cross-account, trust names the user exactly, still needs its identity Allow",
            vec![acct(A).role("target", trust_aws(json!(user_arn(B, "bob"))), json!({})), acct(B).user("bob", json!({}))],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 cross-account, trust names the user exactly and it has an Allow: allowed",
            vec![acct(A).role("target", trust_aws(json!(user_arn(B, "bob"))), json!({})), acct(B).user("bob", allow_all())],
            &user_arn(B, "bob"), &role, Allowed),
        case("§2 cross-account, the trust names only the role's own account: other account denied",
            vec![acct(A).role("target", by_root(), json!({})), acct(B).user("bob", allow_all())],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 cross-account, a loaded role of the other account with an Allow: allowed, chained",
            vec![acct(A).role("target", trust_aws(json!(root(B))), json!({})), acct(B).role("ci", trust_aws(json!(root(B))), role_allow_all())],
            &role_arn(B, "ci"), &role, Allowed).check(|d| d.chained_session_cap),
        case("§2 cross-account, the other account is not loaded: any principal its own policies allow",
            vec![acct(A).role("target", trust_aws(json!(root(C))), json!({}))],
            &format!("AWS={}", root(C)), &role, Conditional).mentions(&["any principal in account 333333333333 that its own policies allow"]),
        case("§2 cross-account, a bare account id not loaded is the same",
            vec![acct(A).role("target", trust_aws(json!(C)), json!({}))],
            &format!("AWS={C}"), &role, Conditional).mentions(&["any principal in account 333333333333"]),
        case("§2 cross-account, a named user in an account not loaded: only if its own policies allow",
            vec![acct(A).role("target", trust_aws(json!(user_arn(C, "vendor"))), json!({}))],
            &format!("AWS={}", user_arn(C, "vendor")), &role, Conditional).mentions(&["own identity policies", "not loaded", "SCPs"]),
        case("§2/§5 cross-account with sts:ExternalId: conditional on the ExternalId",
            vec![acct(A).role("target", trust_cond(json!({"AWS": root(C)}), "sts:AssumeRole", json!({"StringEquals": {"sts:ExternalId": "abc-123"}})), json!({}))],
            &format!("AWS={C}"), &role, Conditional).mentions(&["sts:ExternalId = abc-123"]),
        case("§2 Principal \"*\": a same-account user needs no identity Allow",
            vec![acct(A).user("alice", json!({})).role("target", trust(json!("*"), "sts:AssumeRole"), json!({}))],
            &alice, &role, Allowed),
        case("§2 {\"AWS\": \"*\"}: a same-account role needs no identity Allow",
            vec![acct(A).role("caller", by_root(), json!({})).role("target", trust_aws(json!("*")), json!({}))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 {\"AWS\": \"*\"}: another loaded account's user with an Allow: allowed",
            vec![acct(A).role("target", trust_aws(json!("*")), json!({})), acct(B).user("bob", allow_all())],
            &user_arn(B, "bob"), &role, Allowed),
        case("§2 {\"AWS\": \"*\"}: another loaded account's user without an Allow: denied",
            vec![acct(A).role("target", trust_aws(json!("*")), json!({})), acct(B).user("bob", json!({}))],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 {\"AWS\": \"*\"} for anyone outside: any principal its own policies allow",
            vec![acct(A).role("target", trust_aws(json!("*")), json!({}))],
            "AWS=*", &role, Conditional).mentions(&["any AWS principal, in any account"]),
        case("§2/§5 \"*\" narrowed by aws:PrincipalOrgID: conditional, SCPs noted",
            vec![acct(A).user("alice", json!({})).role("target", trust_cond(json!({"AWS": "*"}), "sts:AssumeRole", json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})), json!({}))],
            &alice, &role, Conditional).mentions(&["AWS Organization o-abc", "SCPs"]),
        case("§2/§5 \"*\" narrowed by aws:PrincipalAccount: decided for a loaded user of that account",
            vec![acct(A).user("alice", json!({})).role("target", trust_cond(json!({"AWS": "*"}), "sts:AssumeRole", json!({"StringEquals": {"aws:PrincipalAccount": A}})), json!({}))],
            &alice, &role, Allowed),
        case("§2/§5 \"*\" narrowed by aws:PrincipalAccount: another account is denied",
            vec![acct(A).role("target", trust_cond(json!({"AWS": "*"}), "sts:AssumeRole", json!({"StringEquals": {"aws:PrincipalAccount": A}})), json!({})),
                 acct(B).user("bob", allow_all())],
            &user_arn(B, "bob"), &role, Denied).mentions(&["conditions do not hold"]),
        case("§2 the trust must allow the assume action: AssumeRoleWithSAML alone does not admit a user",
            vec![acct(A).user("alice", allow_all()).role("target", trust(json!({"AWS": root(A)}), "sts:AssumeRoleWithSAML"), json!({}))],
            &alice, &role, Denied),
        case("§2 trust with only sts:TagSession (a companion action) does not admit",
            vec![acct(A).user("alice", json!({})).role("target", trust(json!({"AWS": alice}), "sts:TagSession"), json!({}))],
            &alice, &role, Denied),
        case("§2/§4 trust Action sts:* covers AssumeRole",
            vec![acct(A).user("alice", json!({})).role("target", trust(json!({"AWS": alice}), "sts:*"), json!({}))],
            &alice, &role, Allowed),
        case("§2/§4 trust Action sts:Assume* covers AssumeRole",
            vec![acct(A).user("alice", json!({})).role("target", trust(json!({"AWS": alice}), "sts:Assume*"), json!({}))],
            &alice, &role, Allowed),
        case("§2/§4 trust Action * covers AssumeRole",
            vec![acct(A).user("alice", json!({})).role("target", trust(json!({"AWS": alice}), "*"), json!({}))],
            &alice, &role, Allowed),
        case("§2/§4 trust NotAction that leaves AssumeRole in covers it",
            vec![acct(A).user("alice", json!({})).role("target", doc(json!([{"Effect": "Allow", "Principal": {"AWS": alice}, "NotAction": "sts:TagSession"}])), json!({}))],
            &alice, &role, Allowed),
        case("§2/§4 trust NotAction that excludes AssumeRole does not admit",
            vec![acct(A).user("alice", json!({})).role("target", doc(json!([{"Effect": "Allow", "Principal": {"AWS": alice}, "NotAction": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Denied),
        case("§2 self-assumption: no implicit self-trust (account trust, no identity Allow)",
            vec![acct(A).role("target", by_root(), json!({}))],
            &role, &role, Denied),
        case("§2 self-assumption through account trust plus an identity Allow on itself",
            vec![acct(A).role("target", by_root(), json!({"RolePolicyList": [inline("self", allow_assume(json!(role_arn(A, "target"))))]}))],
            &role, &role, Allowed).check(|d| d.chained_session_cap),
        case("§2 self-assumption when the trust names the role's own ARN",
            vec![acct(A).role("target", trust_aws(json!(role_arn(A, "target"))), json!({}))],
            &role, &role, Allowed),
        case("§2 self-assumption: a trust naming only a service does not admit the role itself",
            vec![acct(A).role("target", trust(json!({"Service": "lambda.amazonaws.com"}), "sts:AssumeRole"), role_allow_all())],
            &role, &role, Denied),
        case("§2 role chaining: a role caller's session is capped at one hour",
            vec![acct(A).role("caller", by_root(), json!({})).role("target", trust_aws(json!(role_arn(A, "caller"))), json!({}))],
            &role_arn(A, "caller"), &role, Allowed).check(|d| d.chained_session_cap).mentions(&["1 hour"]),
        case("§2 role chaining: a user's session is not capped",
            vec![acct(A).user("alice", json!({})).role("target", trust_aws(json!(alice)), json!({}))],
            &alice, &role, Allowed).check(|d| !d.chained_session_cap),
        case("§2 a grant to a role ARN is limited by the calling role's boundary",
            vec![acct(A).role("caller", by_root(), json!({"PermissionsBoundary": boundary(A, "b")})).policy("b", bnd_none())
                .role("target", trust_aws(json!(role_arn(A, "caller"))), json!({}))],
            &role_arn(A, "caller"), &role, Denied).mentions(&["permissions boundary", "lacks an Allow"]),
        case("§2 a grant to a role ARN with a boundary that allows it: allowed",
            vec![acct(A).role("caller", by_root(), json!({"PermissionsBoundary": boundary(A, "b")})).policy("b", allow_assume(json!("*")))
                .role("target", trust_aws(json!(role_arn(A, "caller"))), json!({}))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 a grant to a user ARN, boundary lacks an Allow: uncertain with both readings",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b")})).policy("b", bnd_none())
                .role("target", trust_aws(json!(alice)), json!({}))],
            &alice, &role, Uncertain).mentions(&["Policy evaluation logic", "Update a role trust policy"]),
        case("§2 a grant to a user ARN, boundary allows: allowed (no ambiguity)",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b")})).policy("b", allow_assume(json!("*")))
                .role("target", trust_aws(json!(alice)), json!({}))],
            &alice, &role, Allowed),
        case("§2 a grant to a user ARN, boundary allows only with MFA: uncertain",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b")}))
                .policy("b", doc(json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])))
                .role("target", trust_aws(json!(alice)), json!({}))],
            &alice, &role, Uncertain),
        case("§2 a grant to a session ARN is not limited by the role's boundary",
            vec![acct(A).role("caller", by_root(), json!({"PermissionsBoundary": boundary(A, "b")})).policy("b", bnd_none())
                .role("target", trust_aws(json!(session_arn(A, "caller", "s1"))), json!({}))],
            &session_arn(A, "caller", "s1"), &role, Allowed).mentions(&["not limited by the boundary"]),
        case("§2 account-root trust: the user's boundary must allow too",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b"), "UserPolicyList": [inline("a", allow_assume(json!("*")))]})).policy("b", bnd_none())
                .role("target", by_root(), json!({}))],
            &alice, &role, Denied).mentions(&["lacks an Allow"]),
        case("§2 account-root trust: the role's boundary must allow too",
            vec![acct(A).role("caller", by_root(), json!({"PermissionsBoundary": boundary(A, "b"), "RolePolicyList": [inline("a", allow_assume(json!("*")))]})).policy("b", bnd_none())
                .role("target", by_root(), json!({}))],
            &role_arn(A, "caller"), &role, Denied),
        case("§2 account-root trust: a boundary allowing only with a condition makes it conditional",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b"), "UserPolicyList": [inline("a", allow_assume(json!("*")))]}))
                .policy("b", doc(json!([{"Effect": "Allow", "Action": "sts:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}])))
                .role("target", by_root(), json!({}))],
            &alice, &role, Conditional).mentions(&["10.0.0.0/8"]),
        case("§2 cross-account: the caller's boundary limits too",
            vec![acct(A).role("target", trust_aws(json!(root(B))), json!({})),
                 acct(B).user("bob", json!({"PermissionsBoundary": boundary(B, "b"), "UserPolicyList": [inline("a", allow_assume(json!("*")))]})).policy("b", bnd_none())],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 \"*\" in the same account with a user boundary that lacks an Allow: uncertain",
            vec![acct(A).user("alice", json!({"PermissionsBoundary": boundary(A, "b")})).policy("b", bnd_none())
                .role("target", trust(json!("*"), "sts:AssumeRole"), json!({}))],
            &alice, &role, Uncertain),
        case("§2 several trust statements: the one that needs no identity Allow wins",
            vec![acct(A).user("alice", json!({})).role("target", doc(json!([
                {"Effect": "Allow", "Principal": {"AWS": root(A)}, "Action": "sts:AssumeRole"},
                {"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Allowed).check(|d| d.via.iter().any(|v| v.statement == 1)),
        case("§2 several trust statements: an unconditional path beats a conditional one",
            vec![acct(A).user("alice", allow_all()).role("target", doc(json!([
                {"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
                {"Effect": "Allow", "Principal": {"AWS": root(A)}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Allowed),
    ]
}

fn s3() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let github = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
    let eks = "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
    let saml = "arn:aws:iam::111111111111:saml-provider/Okta";
    vec![
        case("§3 AWS principal as a list",
            vec![acct(A).user("alice", json!({})).user("bob", json!({})).role("target", trust_aws(json!([user_arn(A, "bob"), alice])), json!({}))],
            &alice, &role, Allowed),
        case("§3 AWS principal as a string naming someone else",
            vec![acct(A).user("alice", json!({})).user("bob", json!({})).role("target", trust_aws(json!(user_arn(A, "bob"))), json!({}))],
            &alice, &role, Denied),
        case("§3 Service principal (string)",
            vec![acct(A).role("target", trust(json!({"Service": "lambda.amazonaws.com"}), "sts:AssumeRole"), json!({}))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 Service principal (list): every listed service",
            vec![acct(A).role("target", trust(json!({"Service": ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]}), "sts:AssumeRole"), json!({}))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 Service principal: a service not listed",
            vec![acct(A).role("target", trust(json!({"Service": "lambda.amazonaws.com"}), "sts:AssumeRole"), json!({}))],
            "Service=ec2.amazonaws.com", &role, Denied),
        case("§3 a service is not an AWS principal: a root trust does not admit it",
            vec![acct(A).role("target", trust_aws(json!(root(A))), json!({}))],
            "Service=lambda.amazonaws.com", &role, Denied),
        case("§3/§5 a service with aws:SourceAccount: conditional",
            vec![acct(A).role("target", trust_cond(json!({"Service": "lambda.amazonaws.com"}), "sts:AssumeRole", json!({"StringEquals": {"aws:SourceAccount": A}})), json!({}))],
            "Service=lambda.amazonaws.com", &role, Conditional).mentions(&["acting for resources in account"]),
        case("§3/§5 aws:PrincipalIsAWSService is decided for a service caller",
            vec![acct(A).role("target", trust_cond(json!({"Service": "lambda.amazonaws.com"}), "sts:AssumeRole", json!({"Bool": {"aws:PrincipalIsAWSService": "true"}})), json!({}))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 SAML provider with SAML:aud: AssumeRoleWithSAML, conditional on the audience",
            vec![acct(A).role("target", trust_cond(json!({"Federated": saml}), "sts:AssumeRoleWithSAML", json!({"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})), json!({}))],
            &format!("Federated={saml}"), &role, Conditional).mentions(&["SAML audience"])
            .check(|d| d.action == "sts:AssumeRoleWithSAML"),
        case("§3 SAML provider with only sts:AssumeRole in the trust: not assumable with SAML",
            vec![acct(A).role("target", trust(json!({"Federated": saml}), "sts:AssumeRole"), json!({}))],
            &format!("Federated={saml}"), &role, Denied),
        case("§3 another SAML provider is not admitted",
            vec![acct(A).role("target", trust(json!({"Federated": saml}), "sts:AssumeRoleWithSAML"), json!({}))],
            "Federated=arn:aws:iam::111111111111:saml-provider/Other", &role, Denied),
        case("§3 OIDC GitHub Actions with sub and aud: conditional on the repository",
            vec![acct(A).role("target", trust_cond(json!({"Federated": github}), "sts:AssumeRoleWithWebIdentity", json!({
                "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                "StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main"}})), json!({}))],
            &format!("Federated={github}"), &role, Conditional).mentions(&["acme/app"])
            .check(|d| d.action == "sts:AssumeRoleWithWebIdentity" && d.conditions.len() == 2),
        case("§3 OIDC with no conditions: anyone the provider authenticates (allowed)",
            vec![acct(A).role("target", trust(json!({"Federated": github}), "sts:AssumeRoleWithWebIdentity"), json!({}))],
            &format!("Federated={github}"), &role, Allowed),
        case("§3 OIDC EKS IRSA with a service-account sub: conditional",
            vec![acct(A).role("target", trust_cond(json!({"Federated": eks}), "sts:AssumeRoleWithWebIdentity", json!({
                "StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:kube-system:autoscaler"}})), json!({}))],
            &format!("Federated={eks}"), &role, Conditional).mentions(&["kube-system"]),
        case("§3 OIDC trust does not admit an AWS principal",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("a", allow_assume(json!("*")))]}))
                .role("target", trust(json!({"Federated": github}), "sts:AssumeRoleWithWebIdentity"), json!({}))],
            &alice, &role, Denied),
        case("§3 Cognito identity pool with aud and amr: conditional",
            vec![acct(A).role("target", trust_cond(json!({"Federated": "cognito-identity.amazonaws.com"}), "sts:AssumeRoleWithWebIdentity", json!({
                "StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:1234"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}})), json!({}))],
            "Federated=cognito-identity.amazonaws.com", &role, Conditional).mentions(&["eu-west-1:1234"]),
        case("§3 web identity by name (accounts.google.com)",
            vec![acct(A).role("target", trust_cond(json!({"Federated": "accounts.google.com"}), "sts:AssumeRoleWithWebIdentity", json!({"StringEquals": {"accounts.google.com:aud": "client-1"}})), json!({}))],
            "Federated=accounts.google.com", &role, Conditional),
        case("§3 CanonicalUser is never valid for roles",
            vec![acct(A).role("target", trust(json!({"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}), "sts:AssumeRole"), json!({}))],
            "CanonicalUser=79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", &role, Denied),
        case("§3 NotPrincipal in a trust policy: flagged, both readings shown, no crash",
            vec![acct(A).user("alice", json!({})).role("target", doc(json!([{"Effect": "Allow", "NotPrincipal": {"AWS": user_arn(A, "bob")}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Uncertain).mentions(&["NotPrincipal"]),
        case("§3 NotPrincipal that excludes the caller never admits it",
            vec![acct(A).user("alice", json!({})).role("target", doc(json!([{"Effect": "Allow", "NotPrincipal": {"AWS": alice}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Denied).mentions(&["NotPrincipal"]),
        case("§3 a Deny with NotPrincipal next to an exact Allow: uncertain",
            vec![acct(A).user("alice", json!({})).role("target", doc(json!([
                {"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole"},
                {"Effect": "Deny", "NotPrincipal": {"AWS": user_arn(A, "bob")}, "Action": "sts:AssumeRole"}])), json!({}))],
            &alice, &role, Uncertain),
        case("§3 a dangling unique id (deleted role) is a dead grant",
            vec![acct(A).role("target", trust_aws(json!("AROAJQABLZS4A3QDU576Q")), json!({}))],
            "AWS=AROAJQABLZS4A3QDU576Q", &role, Denied).mentions(&["deleted role"]),
        case("§3 a dangling unique id does not match a new principal of the same name",
            vec![acct(A).role("caller", trust_aws(json!(root(A))), json!({})).role("target", trust_aws(json!("AROAJQABLZS4A3QDU576Q")), json!({}))],
            &role_arn(A, "caller"), &role, Denied),
        case("§3 no partial wildcards in Principal: a user/* pattern matches nobody",
            vec![acct(A).user("alice", json!({})).role("target", trust_aws(json!(format!("arn:aws:iam::{A}:user/*"))), json!({}))],
            &alice, &role, Denied),
        case("§3 a same-account ARN that is not in the snapshot: nobody",
            vec![acct(A).role("target", trust_aws(json!(role_arn(A, "ghost"))), json!({}))],
            &format!("AWS={}", role_arn(A, "ghost")), &role, Denied).mentions(&["not in the loaded snapshot"]),
        case("§3 a role ARN with a path in the trust",
            vec![acct(A).role("ci/runner", trust_aws(json!(root(A))), json!({})).role("target", trust_aws(json!(role_arn(A, "ci/runner"))), json!({}))],
            &role_arn(A, "ci/runner"), &role, Allowed),
        case("§3 the principal must be in the same partition",
            vec![acct(A).role("target", trust_aws(json!(A)), json!({}))],
            &format!("AWS=arn:aws-cn:iam::{C}:root"), &role, Denied),
        case("§3 \"Principal\": \"*\" also admits a service",
            vec![acct(A).role("target", trust(json!("*"), "sts:AssumeRole"), json!({}))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 federated-user ARN named exactly (same account)",
            vec![acct(A).role("target", trust_aws(json!(format!("arn:aws:sts::{A}:federated-user/fed"))), json!({}))],
            &format!("AWS=arn:aws:sts::{A}:federated-user/fed"), &role, Denied),
    ]
}

fn s4() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let by_root = || trust_aws(json!(root(A)));
    let with = |statement: serde_json::Value| json!({"UserPolicyList": [inline("p", doc(json!([statement])))]});
    let one = |name: &str, trust_doc: serde_json::Value, statement: serde_json::Value| {
        vec![
            acct(A)
                .user("alice", with(statement))
                .role(name, trust_doc, json!({})),
        ]
    };
    vec![
        case("§4 actions are case-insensitive (STS:assumerole)",
            one("target", by_root(), stmt("Allow", json!("STS:assumerole"), json!("*"))), &alice, &role, Allowed),
        case("§4 action wildcard sts:Assume*",
            one("target", by_root(), stmt("Allow", json!("sts:Assume*"), json!("*"))), &alice, &role, Allowed),
        case("§4 action wildcard sts:*",
            one("target", by_root(), stmt("Allow", json!("sts:*"), json!("*"))), &alice, &role, Allowed),
        case("§4 action *",
            one("target", by_root(), stmt("Allow", json!("*"), json!("*"))), &alice, &role, Allowed),
        case("§4 action ? wildcard (sts:AssumeRol?)",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRol?"), json!("*"))), &alice, &role, Allowed),
        case("§4 action list",
            one("target", by_root(), stmt("Allow", json!(["s3:GetObject", "sts:AssumeRole"]), json!("*"))), &alice, &role, Allowed),
        case("§4 another sts action does not cover AssumeRole",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRoleWithSAML"), json!("*"))), &alice, &role, Denied),
        case("§4 a wildcard that is too narrow (sts:Get*)",
            one("target", by_root(), stmt("Allow", json!("sts:Get*"), json!("*"))), &alice, &role, Denied),
        case("§4 Allow NotAction iam:* covers sts:AssumeRole",
            one("target", by_root(), json!({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})), &alice, &role, Allowed),
        case("§4 Allow NotAction sts:* does not cover it",
            one("target", by_root(), json!({"Effect": "Allow", "NotAction": ["sts:*"], "Resource": "*"})), &alice, &role, Denied),
        case("§4 Resource * matches",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!("*"))), &alice, &role, Allowed),
        case("§4 Resource arn:aws:iam::*:role/app/* matches a role under /app/",
            one("app/web", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!("arn:aws:iam::*:role/app/*"))), &alice, &role_arn(A, "app/web"), Allowed),
        case("§4 Resource arn:aws:iam::*:role/app/* does not match a role elsewhere",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!("arn:aws:iam::*:role/app/*"))), &alice, &role, Denied),
        case("§4 * in the last segment spans / (role/* matches role/app/web)",
            one("app/web", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!(format!("arn:aws:iam::{A}:role/*")))), &alice, &role_arn(A, "app/web"), Allowed),
        case("§4 ? in a resource",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!(format!("arn:aws:iam::{A}:role/targe?")))), &alice, &role, Allowed),
        case("§4 resources are case-sensitive",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!(format!("arn:aws:iam::{A}:role/TARGET")))), &alice, &role, Denied),
        case("§4 a resource in another account does not match",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!(format!("arn:aws:iam::{B}:role/target")))), &alice, &role, Denied),
        case("§4 a wildcard in the account segment does not span a colon",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!("arn:aws:iam:*:role/target"))), &alice, &role, Denied),
        case("§4 Resource as a list",
            one("target", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!([role_arn(A, "x"), role]))), &alice, &role, Allowed),
        case("§4 NotResource excludes the listed role",
            one("target", by_root(), json!({"Effect": "Allow", "Action": "sts:AssumeRole", "NotResource": role})), &alice, &role, Denied),
        case("§4 NotResource admits every other role",
            one("target", by_root(), json!({"Effect": "Allow", "Action": "sts:AssumeRole", "NotResource": role_arn(A, "secret")})), &alice, &role, Allowed),
        case("§4 Deny with NotResource that leaves the role in blocks",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("p", doc(json!([stmt("Allow", json!("*"), json!("*")),
                {"Effect": "Deny", "Action": "sts:AssumeRole", "NotResource": role_arn(A, "safe")}])))]})).role("target", by_root(), json!({}))],
            &alice, &role, Denied),
        case("§4 Statement as a single object",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("p", json!({"Version": "2012-10-17", "Statement": stmt("Allow", json!("sts:AssumeRole"), json!("*"))}))]}))
                .role("target", json!({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": root(A)}, "Action": "sts:AssumeRole"}}), json!({}))],
            &alice, &role, Allowed),
        case("§4 policy documents URL-encoded as the raw API returns them",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("p", json!("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"))]}))
                .role("target", json!("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A111111111111%3Aroot%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"), json!({}))],
            &alice, &role, Allowed),
        case("§4 a ${aws:username} variable in Resource is resolved for the caller",
            one("alice-sandbox", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!(format!("arn:aws:iam::{A}:role/${{aws:username}}-*")))), &alice, &role_arn(A, "alice-sandbox"), Allowed),
        case("§4 a ${aws:username} variable does not match another user's role",
            one("bob-sandbox", by_root(), stmt("Allow", json!("sts:AssumeRole"), json!(format!("arn:aws:iam::{A}:role/${{aws:username}}-*")))), &alice, &role_arn(A, "bob-sandbox"), Denied),
        case("§4 identity statements about other services are ignored",
            one("target", by_root(), stmt("Allow", json!("s3:*"), json!("*"))), &alice, &role, Denied),
    ]
}

fn s5() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let t = |condition: serde_json::Value| {
        trust_cond(json!({"AWS": root(A)}), "sts:AssumeRole", condition)
    };
    let allow_all = || json!({"UserPolicyList": [inline("assume", allow_assume(json!("*")))]});
    let tagged = |pairs: &[(&str, &str)]| json!({"UserPolicyList": [inline("assume", allow_assume(json!("*")))], "Tags": tags(pairs)});
    let w = |user_extra: serde_json::Value, condition: serde_json::Value| {
        vec![
            acct(A)
                .user("alice", user_extra)
                .role("target", t(condition), json!({})),
        ]
    };
    vec![
        case("§5 aws:PrincipalArn is decided (equal)",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalArn": alice}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalArn is decided (different): denied with the false condition",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalArn": user_arn(A, "bob")}})), &alice, &role, Denied).mentions(&["conditions do not hold"]),
        case("§5 aws:PrincipalArn with ArnLike wildcard",
            w(allow_all(), json!({"ArnLike": {"aws:PrincipalArn": format!("arn:aws:iam::{A}:user/al*")}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalArn for a role caller is the role ARN",
            vec![acct(A).role("caller", trust_aws(json!(root(A))), json!({"RolePolicyList": [inline("a", allow_assume(json!("*")))]}))
                .role("target", t(json!({"ArnEquals": {"aws:PrincipalArn": role_arn(A, "caller")}})), json!({}))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§5 aws:PrincipalAccount is decided",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalAccount": A}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalType User admits a user",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalType": "User"}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalType User excludes a role",
            vec![acct(A).role("caller", trust_aws(json!(root(A))), json!({"RolePolicyList": [inline("a", allow_assume(json!("*")))]}))
                .role("target", t(json!({"StringEquals": {"aws:PrincipalType": "User"}})), json!({}))],
            &role_arn(A, "caller"), &role, Denied),
        case("§5 aws:PrincipalTag decided from the user's tags (match)",
            w(tagged(&[("team", "platform")]), json!({"StringEquals": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalTag decided from the user's tags (absent key is false)",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Denied),
        case("§5 condition values are case-sensitive for String operators",
            w(tagged(&[("team", "Platform")]), json!({"StringEquals": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Denied),
        case("§5 StringEqualsIgnoreCase ignores case",
            w(tagged(&[("team", "Platform")]), json!({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Allowed),
        case("§5 condition keys are case-insensitive",
            w(allow_all(), json!({"StringEquals": {"AWS:PRINCIPALARN": alice}})), &alice, &role, Allowed),
        case("§5 several values for one key are ORed",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalAccount": [B, A]}})), &alice, &role, Allowed),
        case("§5 different keys are ANDed (one false → false)",
            w(tagged(&[("team", "platform")]), json!({"StringEquals": {"aws:PrincipalTag/team": "platform", "aws:PrincipalAccount": B}})), &alice, &role, Denied),
        case("§5 different operators are ANDed; undecided ones are listed, decided ones are not",
            w(tagged(&[("team", "platform")]), json!({"StringEquals": {"aws:PrincipalTag/team": "platform"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}})),
            &alice, &role, Conditional).check(|d| d.conditions.len() == 1),
        case("§5 an undecided clause ANDed with a false one: denied",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalAccount": B}, "Bool": {"aws:MultiFactorAuthPresent": "true"}})), &alice, &role, Denied),
        case("§5 negated operator with the key absent is true",
            w(allow_all(), json!({"StringNotEquals": {"aws:PrincipalTag/team": "contractors"}})), &alice, &role, Allowed),
        case("§5 negated operator with a matching value is false",
            w(tagged(&[("team", "contractors")]), json!({"StringNotEquals": {"aws:PrincipalTag/team": "contractors"}})), &alice, &role, Denied),
        case("§5 …IfExists is true when the key is absent",
            w(allow_all(), json!({"StringEqualsIfExists": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Allowed),
        case("§5 …IfExists still tests a present key",
            w(tagged(&[("team", "other")]), json!({"StringEqualsIfExists": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Denied),
        case("§5 Null true: the tag is absent",
            w(allow_all(), json!({"Null": {"aws:PrincipalTag/team": "true"}})), &alice, &role, Allowed),
        case("§5 Null false: the tag must be present",
            w(allow_all(), json!({"Null": {"aws:PrincipalTag/team": "false"}})), &alice, &role, Denied),
        case("§5 ForAnyValue with no values is false",
            w(allow_all(), json!({"ForAnyValue:StringEquals": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Denied),
        case("§5 ForAllValues with no values is true",
            w(allow_all(), json!({"ForAllValues:StringEquals": {"aws:PrincipalTag/team": "platform"}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalIsAWSService is false for a user",
            w(allow_all(), json!({"Bool": {"aws:PrincipalIsAWSService": "true"}})), &alice, &role, Denied),
        case("§5 aws:username as a policy variable",
            w(tagged(&[("owner", "alice")]), json!({"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}})), &alice, &role, Allowed),
        case("§5 aws:username condition for a user",
            w(allow_all(), json!({"StringEquals": {"aws:username": "alice"}})), &alice, &role, Allowed),
        case("§5 aws:username is absent for a role",
            vec![acct(A).role("caller", trust_aws(json!(root(A))), json!({"RolePolicyList": [inline("a", allow_assume(json!("*")))]}))
                .role("target", t(json!({"StringEquals": {"aws:username": "alice"}})), json!({}))],
            &role_arn(A, "caller"), &role, Denied),
        case("§5 aws:userid of a user is its unique id",
            w(allow_all(), json!({"StringLike": {"aws:userid": "AIDA*"}})), &alice, &role, Allowed),
        case("§5 sts:ExternalId is undecidable: conditional, listed in words",
            w(allow_all(), json!({"StringEquals": {"sts:ExternalId": "x-1"}})), &alice, &role, Conditional).mentions(&["sts:ExternalId = x-1"]),
        case("§5 MFA is undecidable: conditional",
            w(allow_all(), json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}})), &alice, &role, Conditional).mentions(&["MFA"]),
        case("§5 MFA age (NumericLessThan aws:MultiFactorAuthAge): conditional",
            w(allow_all(), json!({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})), &alice, &role, Conditional).mentions(&["aws:MultiFactorAuthAge"]),
        case("§5 aws:SourceIp is undecidable: conditional",
            w(allow_all(), json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})), &alice, &role, Conditional).mentions(&["203.0.113.0/24"]),
        case("§5 aws:PrincipalOrgID is undecidable: conditional, SCPs noted",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalOrgID": "o-123"}})), &alice, &role, Conditional).mentions(&["o-123", "SCPs"]),
        case("§5 sts:RoleSessionName is undecidable: conditional",
            w(allow_all(), json!({"StringLike": {"sts:RoleSessionName": "${aws:username}"}})), &alice, &role, Conditional),
        case("§5 an unknown operator is never decided",
            w(allow_all(), json!({"StringFuzzy": {"aws:PrincipalArn": alice}})), &alice, &role, Conditional),
        case("§5 conditions on the identity side are listed too",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("a", doc(json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}}])))]}))
                .role("target", trust_aws(json!(root(A))), json!({}))],
            &alice, &role, Conditional).mentions(&["10.1.0.0/16"]),
        case("§5 aws:ResourceTag on the identity side is decided from the role's tags",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("a", doc(json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "dev"}}}])))]}))
                .role("target", trust_aws(json!(root(A))), json!({"Tags": tags(&[("env", "dev")])}))],
            &alice, &role, Allowed),
        case("§5 aws:ResourceTag mismatch: denied",
            vec![acct(A).user("alice", json!({"UserPolicyList": [inline("a", doc(json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "dev"}}}])))]}))
                .role("target", trust_aws(json!(root(A))), json!({"Tags": tags(&[("env", "prod")])}))],
            &alice, &role, Denied),
        case("§5 a trust Deny with an undecidable condition: conditional on it not applying",
            vec![acct(A).user("alice", json!({})).role("target", doc(json!([
                {"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole"},
                {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}])), json!({}))],
            &alice, &role, Conditional).mentions(&["must not apply"]),
        case("§5 several trust conditions on a role session caller with tags",
            vec![acct(A).role("caller", trust_aws(json!(root(A))), json!({"Tags": tags(&[("tier", "ci")]), "RolePolicyList": [inline("a", allow_assume(json!("*")))]}))
                .role("target", t(json!({"StringEquals": {"aws:PrincipalTag/tier": "ci", "aws:PrincipalType": "AssumedRole"}})), json!({}))],
            &role_arn(A, "caller"), &role, Allowed),
    ]
}

#[test]
fn section_1_deciding_one_request() {
    run(s1());
}

#[test]
fn section_2_trust_policy_rule() {
    run(s2());
}

#[test]
fn section_3_principal_forms() {
    run(s3());
}

#[test]
fn section_4_matching() {
    run(s4());
}

#[test]
fn section_5_conditions() {
    run(s5());
}

#[test]
fn at_least_120_cases_each_naming_its_rule() {
    let all: Vec<Case> = [s1(), s2(), s3(), s4(), s5()]
        .into_iter()
        .flatten()
        .collect();
    assert!(all.len() >= 120, "only {} cases", all.len());
    for c in &all {
        assert!(c.rule.starts_with('§'), "case without a rule: {}", c.rule);
    }
}
