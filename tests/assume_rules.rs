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
    vec![
        case("§1 explicit Deny in the user's inline policy blocks an exact-ARN trust grant",
            vec![Account::new(A).user(User::new("alice").inline("no", deny_assume("*")))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Denied).mentions(&["explicit Deny", "inline no of user alice"]),
        case("§1 explicit Deny in a group's inline policy blocks",
            vec![Account::new(A).user(User::new("alice").group("devs"))
                .group(Group::new("devs").inline("deny-contractors", deny_assume(&role)))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Denied).mentions(&["inline deny-contractors of group devs, statement 0"]),
        case("§1 explicit Deny in a group's attached managed policy blocks",
            vec![Account::new(A).user(User::new("alice").group("devs"))
                .group(Group::new("devs").attached("deny-all"))
                .policy(Policy::new("deny-all", deny_assume("*")))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Denied).mentions(&["arn:aws:iam::111111111111:policy/deny-all"]),
        case("§1 explicit Deny in a user's attached managed policy blocks",
            vec![Account::new(A).user(User::new("alice").attached("deny-all"))
                .policy(Policy::new("deny-all", deny_assume("*")))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Denied).mentions(&["explicit Deny"]),
        case("§1 explicit Deny in the calling role's own inline policy blocks",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).inline("no", deny_assume("*")))
                .role(Role::new("target").trusted_by(aws(role_arn(A, "caller"))))],
            &role_arn(A, "caller"), &role, Denied).mentions(&["inline no of role caller"]),
        case("§1 explicit Deny in the permissions boundary blocks (boundaries never grant, but deny)",
            vec![Account::new(A).user(User::new("alice").boundary("b"))
                .policy(Policy::new("b", document([allow("*", "*"), deny("sts:AssumeRole", &role)])))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Denied).mentions(&["explicit Deny in permissions boundary"]),
        case("§1 explicit Deny in the trust policy blocks a user it names",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*")))
                .role(Role::new("target").trust(document([trust_allow(aws(root(A)), "sts:AssumeRole"), trust_deny(aws(&alice), "sts:AssumeRole").sid("NoAlice")])))],
            &alice, &role, Denied).mentions(&["explicit Deny in the role's trust policy, statement 1 (NoAlice)"]),
        case("§1 a trust Deny naming the account blocks every principal of it",
            vec![Account::new(A).user(User::new("alice"))
                .role(Role::new("target").trust(document([trust_allow(aws(&alice), "sts:AssumeRole"), trust_deny(aws(A), "sts:AssumeRole")])))],
            &alice, &role, Denied),
        case("§1 a Deny with NotAction that does not exclude sts covers AssumeRole",
            vec![Account::new(A).user(User::new("alice").inline("guard", document([Statement::from(json!({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}))])))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Denied),
        case("§1 a Deny on another resource does not block",
            vec![Account::new(A).user(User::new("alice").inline("no", deny_assume(role_arn(A, "other"))))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Allowed),
        case("§1 a Deny of another action (sts:TagSession) does not block",
            vec![Account::new(A).user(User::new("alice").inline("no", document([deny("sts:TagSession", "*")])))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Allowed),
        case("§1 no Allow anywhere: implicitly denied (account trust, no identity Allow)",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Denied).mentions(&["lack an Allow"]),
        case("§1 implicit deny: the trust names someone else",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*"))).user(User::new("bob")).role(Role::new("target").trusted_by(aws(user_arn(A, "bob"))))],
            &alice, &role, Denied).mentions(&["no trust statement allows sts:AssumeRole to this principal"]),
        case("§1 an attached policy missing from the snapshot makes an account-trust verdict uncertain",
            vec![Account::new(A).user(User::new("alice").attached("arn:aws:iam::aws:policy/AdministratorAccess"))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Uncertain).mentions(&["AdministratorAccess", "not in the snapshot"]),
        case("§1 a Deny whose condition cannot be decided leaves the grant conditional",
            vec![Account::new(A).user(User::new("alice").inline("mfa", document([deny("*", "*").when(json!({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))])))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Conditional).mentions(&["must not apply", "MFA"]),
        case("§1/§5 a Deny whose decidable condition is false does not apply",
            vec![Account::new(A).user(User::new("alice").tag("team", "core").inline("no", document([deny("sts:AssumeRole", "*").when(json!({"StringEquals": {"aws:PrincipalTag/team": "contractors"}}))])))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Allowed),
        case("§1/§5 a Deny whose decidable condition is true applies",
            vec![Account::new(A).user(User::new("alice").tag("team", "contractors").inline("no", document([deny("sts:AssumeRole", "*").when(json!({"StringEquals": {"aws:PrincipalTag/team": "contractors"}}))])))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Denied),
        case("§1 service-linked roles are not assumable by users, whatever the trust says",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*")))
                .role(Role::new("aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing").trust(document([trust_allow(json!({"Service": "elasticloadbalancing.amazonaws.com", "AWS": root(A)}), "sts:AssumeRole")])))],
            &alice, &role_arn(A, "aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"), Denied)
            .mentions(&["service-linked"]),
        case("§1 a service-linked role is assumable by its service",
            vec![Account::new(A).role(Role::new("aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS").trusted_by(service("rds.amazonaws.com")))],
            "Service=rds.amazonaws.com", &role_arn(A, "aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"), Allowed),
        case("§1 a service-linked role is not assumable by another service",
            vec![Account::new(A).role(Role::new("aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS").trusted_by(service("rds.amazonaws.com")))],
            "Service=ec2.amazonaws.com", &role_arn(A, "aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"), Denied),
        case("§1 SCPs are not in a snapshot: cross-account verdicts say they were not evaluated",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(A)))).role(Role::new("target2").trusted_by(aws(root(B)))),
                 Account::new(B).user(User::new("bob").inline("assume", allow_assume("*")))],
            &user_arn(B, "bob"), &role_arn(A, "target2"), Allowed).mentions(&["SCPs and RCPs", "not evaluated"]),
        case("§1 SCPs are not mentioned for a same-account grant without org conditions",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Allowed).check(|d| !d.reasons.iter().any(|r| r.contains("SCP"))),
        case("§1 a role without a trust policy cannot be assumed",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*"))).role(Role::new("target"))],
            &alice, &role, Denied).mentions(&["no trust policy"]),
        case("§1 a trust policy that cannot be read gives uncertain, not a guess",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*"))).role(Role::new("target").trust(json!({"Statement": [{"Effect": "Maybe"}]})))],
            &alice, &role, Uncertain).mentions(&["could not be read"]),
        case("§1 group attached managed policy Allow satisfies an account-trust grant",
            vec![Account::new(A).user(User::new("alice").group("devs"))
                .group(Group::new("devs").attached("assume"))
                .policy(Policy::new("assume", allow_assume(&role)))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Allowed).mentions(&["arn:aws:iam::111111111111:policy/assume"]),
        case("§1 group inline Allow satisfies an account-trust grant",
            vec![Account::new(A).user(User::new("alice").group("devs"))
                .group(Group::new("devs").inline("assume", allow_assume(&role)))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Allowed).mentions(&["inline assume of group devs"]),
        case("§1 a group the user is not in does not count",
            vec![Account::new(A).user(User::new("alice"))
                .group(Group::new("devs").inline("assume", allow_assume(&role)))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Denied),
        case("§1 user attached managed policy Allow satisfies an account-trust grant",
            vec![Account::new(A).user(User::new("alice").attached("assume"))
                .policy(Policy::new("assume", allow_assume("*")))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Allowed),
        case("§1 only the default version of a managed policy is in force",
            vec![Account::new(A).user(User::new("alice").attached("assume"))
                .policy(Policy::new("assume", allow_assume(role_arn(A, "other"))).version("v2", allow_assume("*")))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Denied),
        case("§1 a boundary missing from the snapshot leaves an account-trust grant uncertain",
            vec![Account::new(A).user(User::new("alice").boundary("gone").inline("a", allow_assume("*")))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Uncertain).mentions(&["not in the snapshot"]),
        case("§1 a boundary that allows does not get in the way",
            vec![Account::new(A).user(User::new("alice").boundary("b").inline("a", allow_assume("*")))
                .policy(Policy::new("b", allow_assume("*")))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Allowed).check(|d| d.via.iter().any(|v| v.side == rolecall::analysis::assume::Side::Boundary)),
    ]
}

fn s2() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let bnd_none = || document([allow("s3:*", "*")]);
    vec![
        case("§2 same account, trust names the user's ARN: no identity Allow needed",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Allowed).mentions(&["no identity-policy Allow is needed"]),
        case("§2 same account, trust names the role's ARN: no identity Allow needed",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws(role_arn(A, "caller"))))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 same account, trust names an exact session ARN: that session is allowed",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws(session_arn(A, "caller", "ci"))))],
            &session_arn(A, "caller", "ci"), &role, Allowed),
        case("§3 a role ARN in the trust also matches that role's sessions",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws(role_arn(A, "caller"))))],
            &session_arn(A, "caller", "anything"), &role, Allowed),
        case("§3 a session ARN matches only that exact session name",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws(session_arn(A, "caller", "ci"))))],
            &session_arn(A, "caller", "CI"), &role, Denied),
        case("§3 a role whose session name is open is allowed only as the named session",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws(session_arn(A, "caller", "ci"))))],
            &role_arn(A, "caller"), &role, Conditional).mentions(&["session named ci"]),
        case("§2 same account, account-root trust without an identity Allow is denied",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Denied).mentions(&["identity policies lack an Allow"]),
        case("§2 same account, account-root trust with an identity Allow is allowed",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*"))).role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Allowed).mentions(&["delegation"]),
        case("§2 a bare account id in the trust means the same as the root ARN",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*"))).role(Role::new("target").trusted_by(aws(A)))],
            &alice, &role, Allowed),
        case("§2 account-root trust: an identity Allow for another role does not help",
            vec![Account::new(A).user(User::new("alice").inline("a", allow_assume(role_arn(A, "other")))).role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Denied),
        case("§2 account-root trust + identity Allow that needs MFA: conditional",
            vec![Account::new(A).user(User::new("alice").inline("a", document([allow("sts:AssumeRole", "*").when(json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}))])))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Conditional).mentions(&["MFA"]),
        case("§2 account-root trust + a role's identity Allow: allowed",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).inline("assume", allow_assume("*"))).role(Role::new("target").trusted_by(aws(root(A))))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 root trust does not mean the root user only: any user with an Allow",
            vec![Account::new(A).user(User::new("bob").inline("assume", allow_assume("*"))).role(Role::new("target").trusted_by(aws(root(A))))],
            &user_arn(A, "bob"), &role, Allowed),
        case("§2 cross-account, trust names the other account, its user has an Allow: allowed",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(B)))), Account::new(B).user(User::new("bob").inline("assume", allow_assume("*")))],
            &user_arn(B, "bob"), &role, Allowed).mentions(&["cross-account"]),
        case("§2 cross-account, trust names the account but the user has no Allow: denied",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(B)))), Account::new(B).user(User::new("bob"))],
            &user_arn(B, "bob"), &role, Denied).mentions(&["lack an Allow"]),
        case("§2 cross-account, trust names the user exactly, still needs its identity Allow",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(user_arn(B, "bob")))), Account::new(B).user(User::new("bob"))],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 cross-account, trust names the user exactly and it has an Allow: allowed",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(user_arn(B, "bob")))), Account::new(B).user(User::new("bob").inline("assume", allow_assume("*")))],
            &user_arn(B, "bob"), &role, Allowed),
        case("§2 cross-account, the trust names only the role's own account: other account denied",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(A)))), Account::new(B).user(User::new("bob").inline("assume", allow_assume("*")))],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 cross-account, a loaded role of the other account with an Allow: allowed, chained",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(B)))), Account::new(B).role(Role::new("ci").trusted_by(aws(root(B))).inline("assume", allow_assume("*")))],
            &role_arn(B, "ci"), &role, Allowed).check(|d| d.chained_session_cap),
        case("§2 cross-account, the other account is not loaded: any principal its own policies allow",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(C))))],
            &format!("AWS={}", root(C)), &role, Conditional).mentions(&["any principal in account 333333333333 that its own policies allow"]),
        case("§2 cross-account, a bare account id not loaded is the same",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(C)))],
            &format!("AWS={C}"), &role, Conditional).mentions(&["any principal in account 333333333333"]),
        case("§2 cross-account, a named user in an account not loaded: only if its own policies allow",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(user_arn(C, "vendor"))))],
            &format!("AWS={}", user_arn(C, "vendor")), &role, Conditional).mentions(&["own identity policies", "not loaded", "SCPs"]),
        case("§2/§5 cross-account with sts:ExternalId: conditional on the ExternalId",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(aws(root(C)), "sts:AssumeRole").when(json!({"StringEquals": {"sts:ExternalId": "abc-123"}}))])))],
            &format!("AWS={C}"), &role, Conditional).mentions(&["sts:ExternalId = abc-123"]),
        case("§2 Principal \"*\": a same-account user needs no identity Allow",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trusted_by(json!("*")))],
            &alice, &role, Allowed),
        case("§2 {\"AWS\": \"*\"}: a same-account role needs no identity Allow",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws("*")))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 {\"AWS\": \"*\"}: another loaded account's user with an Allow: allowed",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws("*"))), Account::new(B).user(User::new("bob").inline("assume", allow_assume("*")))],
            &user_arn(B, "bob"), &role, Allowed),
        case("§2 {\"AWS\": \"*\"}: another loaded account's user without an Allow: denied",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws("*"))), Account::new(B).user(User::new("bob"))],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 {\"AWS\": \"*\"} for anyone outside: any principal its own policies allow",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws("*")))],
            "AWS=*", &role, Conditional).mentions(&["any AWS principal, in any account"]),
        case("§2/§5 \"*\" narrowed by aws:PrincipalOrgID: conditional, SCPs noted",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws("*"), "sts:AssumeRole").when(json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}))])))],
            &alice, &role, Conditional).mentions(&["AWS Organization o-abc", "SCPs"]),
        case("§2/§5 \"*\" narrowed by aws:PrincipalAccount: decided for a loaded user of that account",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws("*"), "sts:AssumeRole").when(json!({"StringEquals": {"aws:PrincipalAccount": A}}))])))],
            &alice, &role, Allowed),
        case("§2/§5 \"*\" narrowed by aws:PrincipalAccount: another account is denied",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(aws("*"), "sts:AssumeRole").when(json!({"StringEquals": {"aws:PrincipalAccount": A}}))]))),
                 Account::new(B).user(User::new("bob").inline("assume", allow_assume("*")))],
            &user_arn(B, "bob"), &role, Denied).mentions(&["conditions do not hold"]),
        case("§2 the trust must allow the assume action: AssumeRoleWithSAML alone does not admit a user",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*"))).role(Role::new("target").trust(document([trust_allow(aws(root(A)), "sts:AssumeRoleWithSAML")])))],
            &alice, &role, Denied),
        case("§2 trust with only sts:TagSession (a companion action) does not admit",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws(&alice), "sts:TagSession")])))],
            &alice, &role, Denied),
        case("§2/§4 trust Action sts:* covers AssumeRole",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws(&alice), "sts:*")])))],
            &alice, &role, Allowed),
        case("§2/§4 trust Action sts:Assume* covers AssumeRole",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws(&alice), "sts:Assume*")])))],
            &alice, &role, Allowed),
        case("§2/§4 trust Action * covers AssumeRole",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws(&alice), "*")])))],
            &alice, &role, Allowed),
        case("§2/§4 trust NotAction that leaves AssumeRole in covers it",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([Statement::from(json!({"Effect": "Allow", "Principal": {"AWS": alice}, "NotAction": "sts:TagSession"}))])))],
            &alice, &role, Allowed),
        case("§2/§4 trust NotAction that excludes AssumeRole does not admit",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([Statement::from(json!({"Effect": "Allow", "Principal": {"AWS": alice}, "NotAction": "sts:AssumeRole"}))])))],
            &alice, &role, Denied),
        case("§2 self-assumption: no implicit self-trust (account trust, no identity Allow)",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(A))))],
            &role, &role, Denied),
        case("§2 self-assumption through account trust plus an identity Allow on itself",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(A))).inline("self", allow_assume(role_arn(A, "target"))))],
            &role, &role, Allowed).check(|d| d.chained_session_cap),
        case("§2 self-assumption when the trust names the role's own ARN",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(role_arn(A, "target"))))],
            &role, &role, Allowed),
        case("§2 self-assumption: a trust naming only a service does not admit the role itself",
            vec![Account::new(A).role(Role::new("target").trusted_by(service("lambda.amazonaws.com")).inline("assume", allow_assume("*")))],
            &role, &role, Denied),
        case("§2 role chaining: a role caller's session is capped at one hour",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws(role_arn(A, "caller"))))],
            &role_arn(A, "caller"), &role, Allowed).check(|d| d.chained_session_cap).mentions(&["1 hour"]),
        case("§2 role chaining: a user's session is not capped",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Allowed).check(|d| !d.chained_session_cap),
        case("§2 a grant to a role ARN is limited by the calling role's boundary",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).boundary("b")).policy(Policy::new("b", bnd_none()))
                .role(Role::new("target").trusted_by(aws(role_arn(A, "caller"))))],
            &role_arn(A, "caller"), &role, Denied).mentions(&["permissions boundary", "lacks an Allow"]),
        case("§2 a grant to a role ARN with a boundary that allows it: allowed",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).boundary("b")).policy(Policy::new("b", allow_assume("*")))
                .role(Role::new("target").trusted_by(aws(role_arn(A, "caller"))))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§2 a grant to a user ARN, boundary lacks an Allow: uncertain with both readings",
            vec![Account::new(A).user(User::new("alice").boundary("b")).policy(Policy::new("b", bnd_none()))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Uncertain).mentions(&["Policy evaluation logic", "Update a role trust policy"]),
        case("§2 a grant to a user ARN, boundary allows: allowed (no ambiguity)",
            vec![Account::new(A).user(User::new("alice").boundary("b")).policy(Policy::new("b", allow_assume("*")))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Allowed),
        case("§2 a grant to a user ARN, boundary allows only with MFA: uncertain",
            vec![Account::new(A).user(User::new("alice").boundary("b"))
                .policy(Policy::new("b", document([allow("sts:AssumeRole", "*").when(json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}))])))
                .role(Role::new("target").trusted_by(aws(&alice)))],
            &alice, &role, Uncertain),
        case("§2 a grant to a session ARN is not limited by the role's boundary",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).boundary("b")).policy(Policy::new("b", bnd_none()))
                .role(Role::new("target").trusted_by(aws(session_arn(A, "caller", "s1"))))],
            &session_arn(A, "caller", "s1"), &role, Allowed).mentions(&["not limited by the boundary"]),
        case("§2 account-root trust: the user's boundary must allow too",
            vec![Account::new(A).user(User::new("alice").boundary("b").inline("a", allow_assume("*"))).policy(Policy::new("b", bnd_none()))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Denied).mentions(&["lacks an Allow"]),
        case("§2 account-root trust: the role's boundary must allow too",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).boundary("b").inline("a", allow_assume("*"))).policy(Policy::new("b", bnd_none()))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &role_arn(A, "caller"), &role, Denied),
        case("§2 account-root trust: a boundary allowing only with a condition makes it conditional",
            vec![Account::new(A).user(User::new("alice").boundary("b").inline("a", allow_assume("*")))
                .policy(Policy::new("b", document([allow("sts:*", "*").when(json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))])))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Conditional).mentions(&["10.0.0.0/8"]),
        case("§2 cross-account: the caller's boundary limits too",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(B)))),
                 Account::new(B).user(User::new("bob").boundary("b").inline("a", allow_assume("*"))).policy(Policy::new("b", bnd_none()))],
            &user_arn(B, "bob"), &role, Denied),
        case("§2 \"*\" in the same account with a user boundary that lacks an Allow: uncertain",
            vec![Account::new(A).user(User::new("alice").boundary("b")).policy(Policy::new("b", bnd_none()))
                .role(Role::new("target").trusted_by(json!("*")))],
            &alice, &role, Uncertain),
        case("§2 several trust statements: the one that needs no identity Allow wins",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws(root(A)), "sts:AssumeRole"), trust_allow(aws(&alice), "sts:AssumeRole")])))],
            &alice, &role, Allowed).check(|d| d.via.iter().any(|v| v.statement == 1)),
        case("§2 several trust statements: an unconditional path beats a conditional one",
            vec![Account::new(A).user(User::new("alice").inline("assume", allow_assume("*"))).role(Role::new("target").trust(document([trust_allow(aws(&alice), "sts:AssumeRole").when(json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}})), trust_allow(aws(root(A)), "sts:AssumeRole")])))],
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
            vec![Account::new(A).user(User::new("alice")).user(User::new("bob")).role(Role::new("target").trusted_by(aws(json!([user_arn(A, "bob"), alice]))))],
            &alice, &role, Allowed),
        case("§3 AWS principal as a string naming someone else",
            vec![Account::new(A).user(User::new("alice")).user(User::new("bob")).role(Role::new("target").trusted_by(aws(user_arn(A, "bob"))))],
            &alice, &role, Denied),
        case("§3 Service principal (string)",
            vec![Account::new(A).role(Role::new("target").trusted_by(service("lambda.amazonaws.com")))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 Service principal (list): every listed service",
            vec![Account::new(A).role(Role::new("target").trusted_by(service(["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"])))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 Service principal: a service not listed",
            vec![Account::new(A).role(Role::new("target").trusted_by(service("lambda.amazonaws.com")))],
            "Service=ec2.amazonaws.com", &role, Denied),
        case("§3 a service is not an AWS principal: a root trust does not admit it",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(root(A))))],
            "Service=lambda.amazonaws.com", &role, Denied),
        case("§3/§5 a service with aws:SourceAccount: conditional",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(service("lambda.amazonaws.com"), "sts:AssumeRole").when(json!({"StringEquals": {"aws:SourceAccount": A}}))])))],
            "Service=lambda.amazonaws.com", &role, Conditional).mentions(&["acting for resources in account"]),
        case("§3/§5 aws:PrincipalIsAWSService is decided for a service caller",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(service("lambda.amazonaws.com"), "sts:AssumeRole").when(json!({"Bool": {"aws:PrincipalIsAWSService": "true"}}))])))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 SAML provider with SAML:aud: AssumeRoleWithSAML, conditional on the audience",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(federated(saml), "sts:AssumeRoleWithSAML").when(json!({"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}))])))],
            &format!("Federated={saml}"), &role, Conditional).mentions(&["SAML audience"])
            .check(|d| d.action == "sts:AssumeRoleWithSAML"),
        case("§3 SAML provider with only sts:AssumeRole in the trust: not assumable with SAML",
            vec![Account::new(A).role(Role::new("target").trusted_by(federated(saml)))],
            &format!("Federated={saml}"), &role, Denied),
        case("§3 another SAML provider is not admitted",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(federated(saml), "sts:AssumeRoleWithSAML")])))],
            "Federated=arn:aws:iam::111111111111:saml-provider/Other", &role, Denied),
        case("§3 OIDC GitHub Actions with sub and aud: conditional on the repository",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(federated(github), "sts:AssumeRoleWithWebIdentity").when(json!({
                "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                "StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main"}}))])))],
            &format!("Federated={github}"), &role, Conditional).mentions(&["acme/app"])
            .check(|d| d.action == "sts:AssumeRoleWithWebIdentity" && d.conditions.len() == 2),
        case("§3 OIDC with no conditions: anyone the provider authenticates (allowed)",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(federated(github), "sts:AssumeRoleWithWebIdentity")])))],
            &format!("Federated={github}"), &role, Allowed),
        case("§3 OIDC EKS IRSA with a service-account sub: conditional",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(federated(eks), "sts:AssumeRoleWithWebIdentity").when(json!({
                "StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:kube-system:autoscaler"}}))])))],
            &format!("Federated={eks}"), &role, Conditional).mentions(&["kube-system"]),
        case("§3 OIDC trust does not admit an AWS principal",
            vec![Account::new(A).user(User::new("alice").inline("a", allow_assume("*")))
                .role(Role::new("target").trust(document([trust_allow(federated(github), "sts:AssumeRoleWithWebIdentity")])))],
            &alice, &role, Denied),
        case("§3 Cognito identity pool with aud and amr: conditional",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(federated("cognito-identity.amazonaws.com"), "sts:AssumeRoleWithWebIdentity").when(json!({
                "StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:1234"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}))])))],
            "Federated=cognito-identity.amazonaws.com", &role, Conditional).mentions(&["eu-west-1:1234"]),
        case("§3 web identity by name (accounts.google.com)",
            vec![Account::new(A).role(Role::new("target").trust(document([trust_allow(federated("accounts.google.com"), "sts:AssumeRoleWithWebIdentity").when(json!({"StringEquals": {"accounts.google.com:aud": "client-1"}}))])))],
            "Federated=accounts.google.com", &role, Conditional),
        case("§3 CanonicalUser is never valid for roles",
            vec![Account::new(A).role(Role::new("target").trusted_by(json!({"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})))],
            "CanonicalUser=79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", &role, Denied),
        case("§3 NotPrincipal in a trust policy: flagged, both readings shown, no crash",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([Statement::from(json!({"Effect": "Allow", "NotPrincipal": {"AWS": user_arn(A, "bob")}, "Action": "sts:AssumeRole"}))])))],
            &alice, &role, Uncertain).mentions(&["NotPrincipal"]),
        case("§3 NotPrincipal that excludes the caller never admits it",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([Statement::from(json!({"Effect": "Allow", "NotPrincipal": {"AWS": alice}, "Action": "sts:AssumeRole"}))])))],
            &alice, &role, Denied).mentions(&["NotPrincipal"]),
        case("§3 a Deny with NotPrincipal next to an exact Allow: uncertain",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws(&alice), "sts:AssumeRole"), Statement::from(json!({"Effect": "Deny", "NotPrincipal": {"AWS": user_arn(A, "bob")}, "Action": "sts:AssumeRole"}))])))],
            &alice, &role, Uncertain),
        case("§3 a dangling unique id (deleted role) is a dead grant",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws("AROAJQABLZS4A3QDU576Q")))],
            "AWS=AROAJQABLZS4A3QDU576Q", &role, Denied).mentions(&["deleted role"]),
        case("§3 a dangling unique id does not match a new principal of the same name",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws("AROAJQABLZS4A3QDU576Q")))],
            &role_arn(A, "caller"), &role, Denied),
        case("§3 no partial wildcards in Principal: a user/* pattern matches nobody",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trusted_by(aws(format!("arn:aws:iam::{A}:user/*"))))],
            &alice, &role, Denied),
        case("§3 a same-account ARN that is not in the snapshot: nobody",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(role_arn(A, "ghost"))))],
            &format!("AWS={}", role_arn(A, "ghost")), &role, Denied).mentions(&["not in the loaded snapshot"]),
        case("§3 a role ARN with a path in the trust",
            vec![Account::new(A).role(Role::new("ci/runner").trusted_by(aws(root(A)))).role(Role::new("target").trusted_by(aws(role_arn(A, "ci/runner"))))],
            &role_arn(A, "ci/runner"), &role, Allowed),
        case("§3 the principal must be in the same partition",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(A)))],
            &format!("AWS=arn:aws-cn:iam::{C}:root"), &role, Denied),
        case("§3 \"Principal\": \"*\" also admits a service",
            vec![Account::new(A).role(Role::new("target").trusted_by(json!("*")))],
            "Service=lambda.amazonaws.com", &role, Allowed),
        case("§3 federated-user ARN named exactly (same account)",
            vec![Account::new(A).role(Role::new("target").trusted_by(aws(format!("arn:aws:sts::{A}:federated-user/fed"))))],
            &format!("AWS=arn:aws:sts::{A}:federated-user/fed"), &role, Denied),
    ]
}

fn s4() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let by_root = || aws(root(A));
    let one = |name: &str, trusted: serde_json::Value, statement: Statement| {
        vec![
            Account::new(A)
                .user(User::new("alice").inline("p", document([statement])))
                .role(Role::new(name).trusted_by(trusted)),
        ]
    };
    vec![
        case("§4 actions are case-insensitive (STS:assumerole)",
            one("target", by_root(), allow("STS:assumerole", "*")), &alice, &role, Allowed),
        case("§4 action wildcard sts:Assume*",
            one("target", by_root(), allow("sts:Assume*", "*")), &alice, &role, Allowed),
        case("§4 action wildcard sts:*",
            one("target", by_root(), allow("sts:*", "*")), &alice, &role, Allowed),
        case("§4 action *",
            one("target", by_root(), allow("*", "*")), &alice, &role, Allowed),
        case("§4 action ? wildcard (sts:AssumeRol?)",
            one("target", by_root(), allow("sts:AssumeRol?", "*")), &alice, &role, Allowed),
        case("§4 action list",
            one("target", by_root(), allow(json!(["s3:GetObject", "sts:AssumeRole"]), "*")), &alice, &role, Allowed),
        case("§4 another sts action does not cover AssumeRole",
            one("target", by_root(), allow("sts:AssumeRoleWithSAML", "*")), &alice, &role, Denied),
        case("§4 a wildcard that is too narrow (sts:Get*)",
            one("target", by_root(), allow("sts:Get*", "*")), &alice, &role, Denied),
        case("§4 Allow NotAction iam:* covers sts:AssumeRole",
            one("target", by_root(), Statement::from(json!({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}))), &alice, &role, Allowed),
        case("§4 Allow NotAction sts:* does not cover it",
            one("target", by_root(), Statement::from(json!({"Effect": "Allow", "NotAction": ["sts:*"], "Resource": "*"}))), &alice, &role, Denied),
        case("§4 Resource * matches",
            one("target", by_root(), allow("sts:AssumeRole", "*")), &alice, &role, Allowed),
        case("§4 Resource arn:aws:iam::*:role/app/* matches a role under /app/",
            one("app/web", by_root(), allow("sts:AssumeRole", "arn:aws:iam::*:role/app/*")), &alice, &role_arn(A, "app/web"), Allowed),
        case("§4 Resource arn:aws:iam::*:role/app/* does not match a role elsewhere",
            one("target", by_root(), allow("sts:AssumeRole", "arn:aws:iam::*:role/app/*")), &alice, &role, Denied),
        case("§4 * in the last segment spans / (role/* matches role/app/web)",
            one("app/web", by_root(), allow("sts:AssumeRole", format!("arn:aws:iam::{A}:role/*"))), &alice, &role_arn(A, "app/web"), Allowed),
        case("§4 ? in a resource",
            one("target", by_root(), allow("sts:AssumeRole", format!("arn:aws:iam::{A}:role/targe?"))), &alice, &role, Allowed),
        case("§4 resources are case-sensitive",
            one("target", by_root(), allow("sts:AssumeRole", format!("arn:aws:iam::{A}:role/TARGET"))), &alice, &role, Denied),
        case("§4 a resource in another account does not match",
            one("target", by_root(), allow("sts:AssumeRole", format!("arn:aws:iam::{B}:role/target"))), &alice, &role, Denied),
        case("§4 a wildcard in the account segment does not span a colon",
            one("target", by_root(), allow("sts:AssumeRole", "arn:aws:iam:*:role/target")), &alice, &role, Denied),
        case("§4 Resource as a list",
            one("target", by_root(), allow("sts:AssumeRole", json!([role_arn(A, "x"), role]))), &alice, &role, Allowed),
        case("§4 NotResource excludes the listed role",
            one("target", by_root(), Statement::from(json!({"Effect": "Allow", "Action": "sts:AssumeRole", "NotResource": role}))), &alice, &role, Denied),
        case("§4 NotResource admits every other role",
            one("target", by_root(), Statement::from(json!({"Effect": "Allow", "Action": "sts:AssumeRole", "NotResource": role_arn(A, "secret")}))), &alice, &role, Allowed),
        case("§4 Deny with NotResource that leaves the role in blocks",
            vec![Account::new(A).user(User::new("alice").inline("p", document([allow("*", "*"), Statement::from(json!({"Effect": "Deny", "Action": "sts:AssumeRole", "NotResource": role_arn(A, "safe")}))]))).role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Denied),
        case("§4 Statement as a single object",
            vec![Account::new(A).user(User::new("alice").inline("p", json!({"Version": "2012-10-17", "Statement": serde_json::Value::from(allow("sts:AssumeRole", "*"))})))
                .role(Role::new("target").trust(json!({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": root(A)}, "Action": "sts:AssumeRole"}})))],
            &alice, &role, Allowed),
        case("§4 policy documents URL-encoded as the raw API returns them",
            vec![Account::new(A).user(User::new("alice").inline("p", json!("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D")))
                .role(Role::new("target").trust(json!("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A111111111111%3Aroot%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D")))],
            &alice, &role, Allowed),
        case("§4 a ${aws:username} variable in Resource is resolved for the caller",
            one("alice-sandbox", by_root(), allow("sts:AssumeRole", format!("arn:aws:iam::{A}:role/${{aws:username}}-*"))), &alice, &role_arn(A, "alice-sandbox"), Allowed),
        case("§4 a ${aws:username} variable does not match another user's role",
            one("bob-sandbox", by_root(), allow("sts:AssumeRole", format!("arn:aws:iam::{A}:role/${{aws:username}}-*"))), &alice, &role_arn(A, "bob-sandbox"), Denied),
        case("§4 identity statements about other services are ignored",
            one("target", by_root(), allow("s3:*", "*")), &alice, &role, Denied),
    ]
}

fn s5() -> Vec<Case> {
    let role = role_arn(A, "target");
    let alice = user_arn(A, "alice");
    let t = |condition: serde_json::Value| {
        document([trust_allow(aws(root(A)), "sts:AssumeRole").when(condition)])
    };
    // alice, allowed to assume any role (and tagged).
    let allow_all = || User::new("alice").inline("assume", allow_assume("*"));
    let tagged = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .fold(allow_all(), |alice, (key, value)| alice.tag(key, value))
    };
    let w = |alice: User, condition: serde_json::Value| {
        vec![
            Account::new(A)
                .user(alice)
                .role(Role::new("target").trust(t(condition))),
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
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).inline("a", allow_assume("*")))
                .role(Role::new("target").trust(t(json!({"ArnEquals": {"aws:PrincipalArn": role_arn(A, "caller")}}))))],
            &role_arn(A, "caller"), &role, Allowed),
        case("§5 aws:PrincipalAccount is decided",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalAccount": A}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalType User admits a user",
            w(allow_all(), json!({"StringEquals": {"aws:PrincipalType": "User"}})), &alice, &role, Allowed),
        case("§5 aws:PrincipalType User excludes a role",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).inline("a", allow_assume("*")))
                .role(Role::new("target").trust(t(json!({"StringEquals": {"aws:PrincipalType": "User"}}))))],
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
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).inline("a", allow_assume("*")))
                .role(Role::new("target").trust(t(json!({"StringEquals": {"aws:username": "alice"}}))))],
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
            vec![Account::new(A).user(User::new("alice").inline("a", document([allow("sts:AssumeRole", "*").when(json!({"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}))])))
                .role(Role::new("target").trusted_by(aws(root(A))))],
            &alice, &role, Conditional).mentions(&["10.1.0.0/16"]),
        case("§5 aws:ResourceTag on the identity side is decided from the role's tags",
            vec![Account::new(A).user(User::new("alice").inline("a", document([allow("sts:AssumeRole", "*").when(json!({"StringEquals": {"aws:ResourceTag/env": "dev"}}))])))
                .role(Role::new("target").trusted_by(aws(root(A))).tag("env", "dev"))],
            &alice, &role, Allowed),
        case("§5 aws:ResourceTag mismatch: denied",
            vec![Account::new(A).user(User::new("alice").inline("a", document([allow("sts:AssumeRole", "*").when(json!({"StringEquals": {"aws:ResourceTag/env": "dev"}}))])))
                .role(Role::new("target").trusted_by(aws(root(A))).tag("env", "prod"))],
            &alice, &role, Denied),
        case("§5 a trust Deny with an undecidable condition: conditional on it not applying",
            vec![Account::new(A).user(User::new("alice")).role(Role::new("target").trust(document([trust_allow(aws(&alice), "sts:AssumeRole"), trust_deny(aws("*"), "sts:AssumeRole").when(json!({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))])))],
            &alice, &role, Conditional).mentions(&["must not apply"]),
        case("§5 several trust conditions on a role session caller with tags",
            vec![Account::new(A).role(Role::new("caller").trusted_by(aws(root(A))).tag("tier", "ci").inline("a", allow_assume("*")))
                .role(Role::new("target").trust(t(json!({"StringEquals": {"aws:PrincipalTag/tier": "ci", "aws:PrincipalType": "AssumedRole"}}))))],
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
