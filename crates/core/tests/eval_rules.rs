#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The evaluator rule by rule: one table of cases, each naming the rule of
//! /work/shared/semantics/ANY-ACTION.md §A (or IAM-SEMANTICS.md) it checks,
//! run by one test that reports every failing case by its rule.
//!
//! The worlds (literal GAAD JSON) are in eval_rules/worlds.rs, the case type
//! and the runner in eval_rules/harness.rs. A case the evaluator gets wrong
//! can be marked `.known_bug(why)`: it must then still fail, so the mark
//! comes off with the fix (none is marked today).
//!
//! Not covered, because the evaluator cannot decide them offline:
//! - A.1 steps 2–3 and 7, RCPs, SCPs and session policies: none is in a GAAD
//!   snapshot (A.8). The evaluator only says "SCPs and RCPs are not in the
//!   snapshot" (checked) and never sees a session policy.
//! - A.1 federated-user sessions (GetFederationToken) with no session policy:
//!   AWS's two pages disagree and GAAD never shows such sessions.
//! - A.1 the root user: GAAD has no root-user entry, so it cannot be a
//!   `Caller`.
//! - A.2 "resource-based policies for services other than IAM and KMS may
//!   also require an explicit Allow": AWS names no such service, so only KMS
//!   is modelled (checked).
//! - A.3 the federated-user ARN grant rules: no GAAD entity is a federated
//!   user (a case checks that such a session cannot call sts:AssumeRole).
//! - A.5 a Deny in a resource policy naming the role ARN "does not match
//!   sessions by Principal": an inference only, and the only resource policy
//!   in a snapshot is a trust policy, where a role ARN does cover its sessions
//!   (role chaining); not tested either way.
//! - A.5 session tags: known only at run time (a case checks that the role's
//!   own tags are used).
//! - A.6 RCP/SCP support of NotAction: SCPs and RCPs are not loaded.
//! - A.6 "Allow Action:* + NotResource is very dangerous": a finding of the
//!   audit, not a verdict; the verdict part (it allows IAM changes) is
//!   checked.
//! - A.8 the contents of S3/KMS/SQS/... resource policies: not in the
//!   snapshot; the cases check the verdict says what they would have to do.
//! - IAM-SEMANTICS §2 companion actions (sts:TagSession,
//!   sts:SetSourceIdentity) on a loaded role: the evaluator sends only
//!   sts:AssumeRole* to the trust policy, and the assume index keeps only
//!   identity statements that cover sts:AssumeRole; other sts actions are
//!   decided on the identity side alone (a limitation, reported, not faked).
//! - §B access levels: not the evaluator's job.

#[path = "eval_rules/harness.rs"]
mod harness;
#[path = "eval_rules/worlds.rs"]
mod worlds;

use harness::{Case, Check::*, Who::*, case, run_all};
use rolecall_core::analysis::assume::Side;
use rolecall_core::analysis::assume::Verdict::{Allowed, Conditional, Denied, Uncertain};
use rolecall_core::analysis::eval::ResourcePolicy::{NoneExists, NotKnown, TrustPolicy};
use worlds::World::*;
use worlds::{A, B, role_arn};

const ASSUME: &str = "sts:AssumeRole";

fn s3(key: &str) -> String {
    format!("arn:aws:s3:::{key}")
}

fn ec2_instance() -> String {
    format!("arn:aws:ec2:us-east-1:{A}:instance/i-1")
}

/// A.1: evaluation order in one account.
#[rustfmt::skip]
fn a1() -> Vec<Case> {
    vec![
        case("A.1 step 1: an explicit Deny in an identity policy beats its Allow",
            Order, User("alice"), "s3:GetObject", s3("data/secret/k"), Denied)
            .check(Reason("explicit Deny")),
        case("A.1 step 1: without a matching Deny the same Allow allows",
            Order, User("alice"), "s3:GetObject", s3("data/report.csv"), Allowed),
        case("A.1 step 1: a Deny in a group's attached managed policy beats the user's own Allow",
            Order, User("alice"), "dynamodb:DeleteTable", format!("arn:aws:dynamodb:us-east-1:{A}:table/t"), Denied)
            .check(ViaPolicy("GroupDeny")),
        case("A.1 step 5: the user's own wildcard Allow covers what no group denies",
            Order, User("alice"), "dynamodb:GetItem", format!("arn:aws:dynamodb:us-east-1:{A}:table/t"), Allowed),
        case("A.1 step 1: a Deny in a group's inline policy beats the user's own Allow",
            Order, User("alice"), "ec2:TerminateInstances", ec2_instance(), Denied),
        case("A.1 step 1: a Deny in the second group counts as well",
            Order, User("alice"), "sqs:DeleteQueue", format!("arn:aws:sqs:us-east-1:{A}:q"), Denied),
        case("A.1 step 5: the user's Allow for an action no group denies",
            Order, User("alice"), "sqs:SendMessage", format!("arn:aws:sqs:us-east-1:{A}:q"), Allowed),
        case("A.1 step 5: a group's inline Allow counts for its member",
            Order, User("alice"), "ec2:DescribeInstances", "*", Allowed)
            .check(ViaPolicy("devs-inline")).check(ViaSide(Side::Identity)),
        case("A.1 step 5: a group's attached managed Allow counts for its member",
            Order, User("alice"), "cloudwatch:GetMetricData", "*", Allowed)
            .check(ViaPolicy("GroupAllow")),
        case("A.1 step 5: group policies do not apply to a user outside the group",
            Order, User("dave"), "ec2:DescribeInstances", "*", Denied),
        case("A.1 step 5: no Allow anywhere is an implicit Deny",
            Order, User("dave"), "s3:GetObject", s3("data/x"), Denied)
            .check(Reason("no identity policy")),
        case("A.1 step 6: identity and boundary both allow: allowed",
            Order, User("bob"), "s3:GetObject", s3("data/x"), Allowed)
            .check(Reason("permissions boundary")).check(ViaSide(Side::Boundary)),
        case("A.1 step 6: a boundary without an Allow for the action: implicit Deny",
            Order, User("bob"), "ec2:RunInstances", ec2_instance(), Denied)
            .check(Reason("lacks an Allow")),
        case("A.1 step 1: an explicit Deny in the permissions boundary denies",
            Order, User("bob"), "s3:DeleteBucket", s3("b"), Denied)
            .check(Reason("explicit Deny in permissions boundary")),
        case("A.1 step 6: a boundary never grants on its own",
            Order, User("bob"), "sqs:SendMessage", format!("arn:aws:sqs:us-east-1:{A}:q"), Denied),
        case("A.1 step 6: a boundary missing from the snapshot: uncertain with both readings",
            Order, User("carol"), "s3:GetObject", s3("data/x"), Uncertain)
            .check(Readings(2)).check(Reason("not in the snapshot")),
        case("A.1 step 6: a role's boundary limits the role",
            Order, Role("bounded"), "ec2:RunInstances", ec2_instance(), Denied),
        case("A.1 step 6: a role whose boundary and identity both allow",
            Order, Role("bounded"), "s3:GetObject", s3("b/k"), Allowed),
        case("A.1 step 1: a role's own Deny beats its wildcard Allow",
            Order, Role("app"), "s3:PutObject", s3("b/k"), Denied),
        case("A.1 step 5: a role's wildcard Allow covers the actions no Deny names",
            Order, Role("app"), "s3:PutObjectAcl", s3("b/k"), Allowed),
        case("A.1 step 1: a Deny s3:* on * beats a narrow Allow",
            Order, User("frank"), "s3:GetObject", s3("data/x"), Denied),
        case("A.1 step 5: only the default version of a managed policy applies",
            Order, User("erin"), "ec2:RunInstances", ec2_instance(), Denied),
        case("A.1 step 5: the default version's Allow applies",
            Order, User("erin"), "s3:ListBucket", s3("b"), Allowed),
        case("IAM-SEMANTICS §4: a policy's action matches case-insensitively",
            Order, User("hugo"), "s3:GetObject", s3("data/x"), Allowed),
        case("IAM-SEMANTICS §4: a request's action spelling is case-insensitive",
            Order, User("alice"), "S3:GETOBJECT", s3("data/x"), Allowed),
        case("IAM-SEMANTICS §4: resources match case-sensitively",
            Order, User("alice"), "s3:GetObject", s3("DATA/x"), Denied),
        case("IAM-SEMANTICS §4 a single Statement object and Action/Resource lists all parse and apply",
            Order, User("solo"), "s3:PutObject", s3("b/k"), Allowed),
        case("IAM-SEMANTICS §4 * in the last ARN segment spans /",
            Order, User("alice"), "s3:GetObject", s3("data/deep/er/k"), Allowed),
        case("A.1 step 5: an attached managed policy missing from the snapshot: uncertain, both readings",
            Order, User("mia"), "s3:GetObject", s3("data/x"), Uncertain)
            .check(Readings(2)).check(Reason("could not be read")),
        case("A.1 assume: the trust names the user and nothing denies: allowed",
            Order, User("alice"), ASSUME, role_arn(A, "target"), Allowed)
            .check(Resource(TrustPolicy)),
        case("A.1 step 1: a trust-policy Deny beats its own Allow",
            Order, User("frank"), ASSUME, role_arn(A, "target"), Denied)
            .check(ViaSide(Side::Trust)).check(Reason("explicit Deny in the role's")),
        case("A.1 step 1: an identity Deny beats a trust grant naming the user",
            Order, User("gina"), ASSUME, role_arn(A, "target"), Denied)
            .check(ViaSide(Side::Identity)),
        case("A.1 step 1: a boundary Deny beats a trust grant naming the user",
            Order, User("bob"), ASSUME, role_arn(A, "target"), Denied)
            .check(Reason("permissions boundary")),
        case("A.1 assume: a same-account user named in the trust needs no identity Allow",
            Order, User("dave"), ASSUME, role_arn(A, "target"), Allowed),
        case("A.1 steps 2-3: SCPs and RCPs are not evaluated, and the decision says so",
            Order, User("alice"), "s3:GetObject", s3("data/y"), Allowed)
            .check(Reason("SCPs and RCPs are not in the snapshot")),
        case("A.1: a principal not in the loaded data is denied, saying so",
            Order, MissingUser, "s3:GetObject", s3("data/x"), Denied)
            .check(Reason("not in the loaded data")),
        case("A.1: an external principal's identity policies are not known: uncertain",
            Order, External("AWS", "arn:aws:iam::333333333333:user/x"), "s3:GetObject", s3("data/x"), Uncertain)
            .check(Reason("not in the loaded data")),
    ]
}

/// A.2: same account vs cross account.
#[rustfmt::skip]
fn a2() -> Vec<Case> {
    let sqs_b = format!("arn:aws:sqs:us-east-1:{B}:q");
    let key_a = format!("arn:aws:kms:us-east-1:{A}:key/k");
    let key_b = format!("arn:aws:kms:us-east-1:{B}:key/k");
    vec![
        case("A.2 same account: the identity Allow is enough while the S3 policy is unknown",
            Accounts, User("alice"), "s3:GetObject", s3("b/k"), Allowed)
            .check(Resource(NotKnown)).check(Reason("allowed unless it (or an RCP) denies")),
        case("A.2 same account: without an identity Allow only the resource policy could grant",
            Accounts, User("dave"), "s3:GetObject", s3("b/k"), Denied)
            .check(Reason("only the resource's own policy")),
        case("A.2 same account: an SQS queue of the caller's account, allowed unless its policy denies",
            Accounts, User("alice"), "sqs:SendMessage", format!("arn:aws:sqs:us-east-1:{A}:q"), Allowed)
            .check(Reason("allowed unless")),
        case("A.2 cross account: an identity Allow needs the other account's resource policy (SQS)",
            Accounts, User("alice"), "sqs:SendMessage", sqs_b.clone(), Conditional)
            .check(Alternatives(1)).check(AltHasKey("resource policy")).check(Reason("cross-account")),
        case("A.2 cross account: the verdict names the resource's account",
            Accounts, User("alice"), "sqs:SendMessage", format!("arn:aws:sqs:eu-west-1:{B}:other"), Conditional)
            .check(Reason("account 222222222222")),
        case("A.2 cross account: no identity Allow: denied, the resource policy cannot help",
            Accounts, User("dave"), "sqs:SendMessage", sqs_b, Denied)
            .check(NoReason("only the resource's own policy")),
        case("A.2 cross account: the identity conditions AND the resource policy",
            Accounts, User("alice"), "lambda:InvokeFunction", format!("arn:aws:lambda:us-east-1:{B}:function:f"), Conditional)
            .check(Alternatives(1)).check(AltSize(0, 2)).check(AltHasKey("aws:SourceIp")).check(AltHasKey("resource policy")),
        case("A.2 same account: a conditional identity Allow adds no resource-policy condition",
            Accounts, User("alice"), "lambda:InvokeFunction", format!("arn:aws:lambda:us-east-1:{A}:function:f"), Conditional)
            .check(AltSize(0, 1)).check(AltLacksKey("resource policy")),
        case("A.2 KMS: a same-account identity Allow is not a definite Allow",
            Accounts, User("alice"), "kms:Decrypt", key_a.clone(), Conditional)
            .check(AltHasKey("resource policy")).check(Reason("KMS key policy")).check(Resource(NotKnown)),
        case("A.2 KMS: a conditional identity Allow ANDs with the key policy",
            Accounts, User("alice"), "kms:Encrypt", key_a.clone(), Conditional)
            .check(Alternatives(1)).check(AltSize(0, 2)),
        case("A.2 KMS: no identity Allow: denied",
            Accounts, User("dave"), "kms:Decrypt", key_a.clone(), Denied),
        case("A.2 KMS: an identity Deny beats the wildcard Allow",
            Accounts, User("alice"), "kms:ScheduleKeyDeletion", key_a, Denied),
        case("A.2 KMS cross account: the key policy in the other account must allow",
            Accounts, User("alice"), "kms:Decrypt", key_b, Conditional)
            .check(Reason("account 222222222222")).check(Alternatives(1)),
        case("A.2 iam:PassRole in the same account: the identity side decides",
            Accounts, User("alice"), "iam:PassRole", role_arn(A, "app"), Allowed)
            .check(Resource(NoneExists)),
        case("A.2 iam:PassRole cannot pass a role of another account",
            Accounts, User("alice"), "iam:PassRole", role_arn(B, "far"), Denied)
            .check(Reason("cross-account role")),
        case("A.2 IAM has no resource policy: an IAM action on another account's role is denied",
            Accounts, User("alice"), "iam:PutRolePolicy", role_arn(B, "far"), Denied)
            .check(Reason("IAM has no resource policy")),
        case("A.2 iam:PassRole needs an Allow naming the role",
            Accounts, User("hank"), "iam:PassRole", role_arn(A, "local-root"), Denied),
        case("A.2 iam:PassRole allowed on the role it names",
            Accounts, User("hank"), "iam:PassRole", role_arn(A, "app"), Allowed),
        case("A.8 an action on a loaded role: its tags decide iam:ResourceTag",
            Accounts, User("pat"), "iam:PassRole", role_arn(A, "app"), Allowed),
        case("A.8 an action on a loaded role without the tag: iam:ResourceTag is absent, the condition false",
            Accounts, User("pat"), "iam:PassRole", role_arn(A, "local-root"), Denied),
        case("A.2 aws:ResourceAccount is the resource ARN's account: the same account",
            Accounts, User("pat"), "sqs:SendMessage", format!("arn:aws:sqs:us-east-1:{A}:q"), Allowed),
        case("A.2 aws:ResourceAccount is the resource ARN's account: another account",
            Accounts, User("pat"), "sqs:SendMessage", format!("arn:aws:sqs:us-east-1:{B}:q"), Denied),
        case("IAM-SEMANTICS §5 aws:PrincipalAccount is decided from the snapshot",
            Accounts, User("pat"), "s3:GetObject", s3("b/k"), Allowed),
        case("IAM-SEMANTICS §5 aws:PrincipalIsAWSService is false for a user",
            Accounts, User("pat"), "s3:PutObject", s3("b/k"), Denied),
        case("A.8 aws:ResourceTag of a resource outside the snapshot: undecided, conditional",
            Accounts, User("pat"), "sns:Publish", format!("arn:aws:sns:us-east-1:{A}:t"), Conditional)
            .check(AltHasKey("aws:ResourceTag/env")),
        case("A.8 aws:ResourceTag of a resource outside the snapshot, given in context: allowed",
            Accounts, User("pat"), "sns:Publish", format!("arn:aws:sns:us-east-1:{A}:t"), Allowed)
            .ctx("aws:ResourceTag/env", &["prod"]),
        case("A.2 cross account: an S3 bucket the context places in another account needs its policy",
            Accounts, User("alice"), "s3:GetObject", s3("b-in-b/k"), Conditional)
            .ctx("aws:ResourceAccount", &[B]).check(AltHasKey("resource policy")).check(Reason("account 222222222222")),
        case("A.2 an S3 bucket the context places in the caller's own account: allowed",
            Accounts, User("alice"), "s3:GetObject", s3("b-in-a/k"), Allowed)
            .ctx("aws:ResourceAccount", &[A]),
        case("A.2 IAM actions: no resource policy exists, the identity Allow decides",
            Accounts, User("alice"), "iam:CreateUser", format!("arn:aws:iam::{A}:user/new"), Allowed)
            .check(NoReason("resource's own policy")).check(Resource(NoneExists)),
        case("A.2 IAM actions: without an identity Allow, denied with no resource-policy way out",
            Accounts, User("dave"), "iam:CreateUser", format!("arn:aws:iam::{A}:user/new"), Denied)
            .check(NoReason("only the resource's own policy")),
        case("A.2 S3 ARNs carry no account: treated as the caller's account",
            Accounts, User("alice"), "s3:GetObject", s3("someone-elses-bucket/k"), Allowed)
            .check(NoReason("cross-account")),
        case("A.2 assume, the trust names the account root: delegation needs the identity Allow",
            Accounts, User("alice"), ASSUME, role_arn(A, "local-root"), Allowed),
        case("A.4 assume by delegation: two conditional identity Allows are two routes",
            Accounts, User("ivy"), ASSUME, role_arn(A, "local-root"), Conditional)
            .check(Alternatives(2)).check(AltKeys(&["aws:SourceIp", "aws:SourceVpc"])),
        case("A.4 assume by delegation: a conditional trust ANDs with each identity route",
            Accounts, User("ivy"), ASSUME, role_arn(A, "local-root-tls"), Conditional)
            .check(Alternatives(2)).check(AltSize(0, 2)).check(AltSize(1, 2)),
        case("A.4 assume by delegation: a boundary with two conditional Allows is two routes",
            Accounts, User("ike"), ASSUME, role_arn(A, "local-root"), Conditional)
            .check(Alternatives(2)),
        case("A.4 a boundary with two conditional Allows is two routes (any action)",
            Accounts, User("ike"), "sts:AssumeRole", role_arn("333333333333", "x"), Conditional)
            .check(Alternatives(2)),
        case("A.2 assume, account delegation without an identity Allow: denied",
            Accounts, User("dave"), ASSUME, role_arn(A, "local-root"), Denied)
            .check(Reason("lack an Allow")),
        case("A.2 assume, same account, the trust names the user: no identity Allow needed",
            Accounts, User("dave"), ASSUME, role_arn(A, "local-user"), Allowed),
        case("A.2 assume cross account: the trust names the caller's account and its identity allows",
            Accounts, User("alice"), ASSUME, role_arn(B, "far"), Allowed),
        case("A.2 assume cross account: the trust names the caller's account, no identity Allow",
            Accounts, User("dave"), ASSUME, role_arn(B, "far"), Denied),
        case("A.2 assume cross account: a trust naming the user ARN still needs its identity Allow",
            Accounts, User("dave"), ASSUME, role_arn(B, "far-user"), Denied)
            .check(Reason("cross-account")),
        case("A.2 assume cross account: the trust names the user ARN and its identity allows",
            Accounts, User("alice"), ASSUME, role_arn(B, "far-user"), Allowed),
        case("A.2 assume cross account from B: the trust names B and zed's identity allows",
            Accounts, User("zed"), ASSUME, role_arn(A, "for-b"), Allowed),
        case("A.2 assume cross account from B without an identity Allow",
            Accounts, User("yan"), ASSUME, role_arn(A, "for-b"), Denied),
        case("A.2 assume: a trust naming another account does not admit this one",
            Accounts, User("alice"), ASSUME, role_arn(A, "for-b"), Denied),
        case("A.2 assume: a trust naming account A does not admit B's user",
            Accounts, User("zed"), ASSUME, role_arn(B, "far"), Denied)
            .check(Resource(TrustPolicy)),
    ]
}

/// A.3: grants to a user ARN, role ARN or session ARN.
#[rustfmt::skip]
fn a3() -> Vec<Case> {
    vec![
        case("A.3 user ARN: same account, the trust grant alone allows",
            Grants, User("uma"), ASSUME, role_arn(A, "by-user"), Allowed)
            .check(Reason("no identity-policy Allow is needed")).check(Resource(TrustPolicy)),
        case("A.3 user ARN: a boundary without the Allow: uncertain, both readings shown",
            Grants, User("ursula"), ASSUME, role_arn(A, "by-user"), Uncertain)
            .check(Readings(2)),
        case("A.3 user ARN: an explicit identity Deny still blocks",
            Grants, User("vic"), ASSUME, role_arn(A, "by-user"), Denied),
        case("A.3 user ARN: a trust naming other users does not admit this one",
            Grants, User("wendy"), ASSUME, role_arn(A, "by-user"), Denied),
        case("A.3 role ARN: a role named by ARN needs no identity Allow in its own account",
            Grants, Role("free"), ASSUME, role_arn(A, "by-role"), Allowed),
        case("A.3 role ARN: limited by the calling role's permissions boundary",
            Grants, Role("runner"), ASSUME, role_arn(A, "by-role"), Denied)
            .check(Reason("lacks an Allow")),
        case("A.3 role ARN: a named session of the role is covered by the role ARN",
            Grants, Session("free", "x"), ASSUME, role_arn(A, "by-role"), Allowed),
        case("A.3 role ARN: a session of a bounded role stays limited by the boundary",
            Grants, Session("runner", "build"), ASSUME, role_arn(A, "by-role"), Denied),
        case("A.3 role ARN: an explicit identity Deny of the role blocks",
            Grants, Role("blocked"), ASSUME, role_arn(A, "by-role"), Denied),
        case("A.3 session ARN: the named session is allowed",
            Grants, Session("free", "build"), ASSUME, role_arn(A, "by-session"), Allowed),
        case("A.3 session ARN: a grant to the session is not limited by the boundary",
            Grants, Session("runner", "build"), ASSUME, role_arn(A, "by-session"), Allowed)
            .check(Reason("not limited by the boundary")),
        case("A.3 session ARN: another session of the role is not named",
            Grants, Session("free", "other"), ASSUME, role_arn(A, "by-session"), Denied),
        case("A.3 session ARN: with the session name open, allowed for that name only",
            Grants, Role("free"), ASSUME, role_arn(A, "by-session"), Conditional)
            .check(Condition("aws:userid", "AROAFREE:build")),
        case("A.3 session ARN: an explicit identity Deny still blocks",
            Grants, Session("blocked", "build"), ASSUME, role_arn(A, "by-session"), Denied),
        case("A.3 * with aws:PrincipalArn naming the role: allowed for it",
            Grants, Role("free"), ASSUME, role_arn(A, "by-any-arn"), Allowed),
        case("A.3 * with aws:PrincipalArn naming the role: every session of it matches",
            Grants, Session("free", "s1"), ASSUME, role_arn(A, "by-any-arn"), Allowed),
        case("A.3 * with aws:PrincipalArn: a principal it does not name is denied",
            Grants, User("uma"), ASSUME, role_arn(A, "by-any-arn"), Denied)
            .check(Reason("conditions do not hold")),
        case("A.3 * with aws:PrincipalArn: not limited by the caller's boundary",
            Grants, Role("runner"), ASSUME, role_arn(A, "by-any-arn"), Allowed)
            .check(Reason("narrowed by aws:PrincipalArn is not limited")),
        case("A.3 * without aws:PrincipalArn: a bounded role caller stays uncertain (both readings)",
            Grants, Role("runner"), ASSUME, role_arn(A, "by-anyone"), Uncertain)
            .check(Readings(2)),
        case("A.3 * without aws:PrincipalArn: a role caller without a boundary is allowed",
            Grants, Role("free"), ASSUME, role_arn(A, "by-anyone"), Allowed),
        case("A.3 * with aws:PrincipalArn: an identity explicit Deny still limits",
            Grants, Role("blocked"), ASSUME, role_arn(A, "by-any-arn"), Denied),
        case("A.3 aws:PrincipalArn is never the session ARN: a condition naming one matches no session",
            Grants, Session("free", "build"), ASSUME, role_arn(A, "by-any-session-arn"), Denied),
        case("A.3 explicit Deny wins whichever ARN the grant names (trust Deny of the same user)",
            Grants, User("uma"), ASSUME, role_arn(A, "denied-user"), Denied),
        case("A.3 account principal: delegation, the user's identity policies must allow",
            Grants, User("uma"), ASSUME, role_arn(A, "by-account"), Denied),
        case("A.3 account principal: with an identity Allow: allowed",
            Grants, User("wendy"), ASSUME, role_arn(A, "by-account"), Allowed),
        case("A.3 account principal: a role without an identity Allow is not admitted",
            Grants, Role("free"), ASSUME, role_arn(A, "by-account"), Denied),
    ]
}

/// A.4: several statements and conditions.
#[rustfmt::skip]
fn a4() -> Vec<Case> {
    let routes = role_arn(A, "routes");
    let no_mallory = role_arn(A, "no-mallory");
    let open_deny = role_arn(A, "trust-deny-open");
    vec![
        case("A.4 two Allows with different conditions are alternatives (OR)",
            Conditions, User("alice"), "s3:GetObject", s3("two-routes/k"), Conditional)
            .check(Alternatives(2)).check(AltKeys(&["aws:SourceIp", "aws:SourceVpc"])).check(NoUnless),
        case("A.4 alternatives: a context key satisfying one route: allowed",
            Conditions, User("alice"), "s3:GetObject", s3("two-routes/k"), Allowed)
            .ctx("aws:SourceIp", &["10.1.1.1"]).check(Alternatives(0)),
        case("A.4 alternatives: a context key ruling out one route leaves the other",
            Conditions, User("alice"), "s3:GetObject", s3("two-routes/k"), Conditional)
            .ctx("aws:SourceIp", &["8.8.8.8"]).check(AltKeys(&["aws:SourceVpc"])),
        case("A.4 alternatives: both routes ruled out by context: denied",
            Conditions, User("alice"), "s3:GetObject", s3("two-routes/k"), Denied)
            .ctx("aws:SourceIp", &["8.8.8.8"]).ctx("aws:SourceVpc", &["vpc-2"]),
        case("A.4 an unconditional Allow beside a conditional one: allowed outright",
            Conditions, User("alice"), "s3:GetObject", s3("one-free/k"), Allowed)
            .check(Alternatives(0)),
        case("A.4 AND inside a block: two keys under one operator are one route of two conditions",
            Conditions, User("alice"), "s3:GetObject", s3("and-keys/k"), Conditional)
            .check(Alternatives(1)).check(AltSize(0, 2)),
        case("A.4 AND inside a block: two operators are one route of two conditions",
            Conditions, User("alice"), "s3:GetObject", s3("and-ops/k"), Conditional)
            .check(Alternatives(1)).check(AltSize(0, 2)),
        case("A.4 AND: one clause false by context makes the block false",
            Conditions, User("alice"), "s3:GetObject", s3("and-ops/k"), Denied)
            .ctx("aws:SecureTransport", &["false"]),
        case("A.4 AND: one clause true by context leaves the other open",
            Conditions, User("alice"), "s3:GetObject", s3("and-ops/k"), Conditional)
            .ctx("aws:SecureTransport", &["true"]).check(AltSize(0, 1)).check(AltKeys(&["aws:SourceIp"])),
        case("A.4 AND: every clause true by context: allowed",
            Conditions, User("alice"), "s3:GetObject", s3("and-ops/k"), Allowed)
            .ctx("aws:SecureTransport", &["true"]).ctx("aws:SourceIp", &["10.9.9.9"]),
        case("A.4 OR of values: the principal's tag matches one of them",
            Conditions, User("alice"), "s3:GetObject", s3("or-values/k"), Allowed),
        case("A.4 OR of values: a value matching none of them is false",
            Conditions, User("alice"), "s3:GetObject", s3("or-values/k"), Denied)
            .ctx("aws:PrincipalTag/team", &["green"]),
        case("A.4 OR of values: the second value matches too",
            Conditions, User("alice"), "s3:GetObject", s3("or-values/k"), Allowed)
            .ctx("aws:PrincipalTag/team", &["blue"]),
        case("A.4 AND of decided keys: all true: allowed",
            Conditions, User("alice"), "s3:GetObject", s3("and-decided/k"), Allowed),
        case("A.4 AND of decided keys: one false: denied",
            Conditions, User("bob"), "s3:GetObject", s3("and-decided/k"), Denied),
        case("A.4 AND: a decided true key drops out, the open one remains",
            Conditions, User("alice"), "s3:GetObject", s3("and-mixed/k"), Conditional)
            .check(AltSize(0, 1)).check(AltKeys(&["aws:SourceVpc"])),
        case("A.4 AND: a decided false key denies despite an open one",
            Conditions, User("gus"), "s3:GetObject", s3("and-mixed/k"), Denied),
        case("A.4 missing key: a positive operator is false",
            Conditions, User("gus"), "s3:GetObject", s3("miss-pos/k"), Denied),
        case("A.4 missing key: a negated operator is true",
            Conditions, User("gus"), "s3:GetObject", s3("miss-neg/k"), Allowed),
        case("A.4 present key: a negated operator is false when a value matches",
            Conditions, User("alice"), "s3:GetObject", s3("miss-neg/k"), Denied)
            .ctx("aws:PrincipalTag/dept", &["eng"]),
        case("A.4 missing key: StringNotLike is true (aws:username is absent for a role)",
            Conditions, Role("app"), "s3:GetObject", s3("miss-notlike/k"), Allowed),
        case("A.4 present key: StringNotLike * is false for a user",
            Conditions, User("alice"), "s3:GetObject", s3("miss-notlike/k"), Denied),
        case("A.4 missing key: StringLike is false (aws:username is absent for a role)",
            Conditions, Role("app"), "s3:GetObject", s3("miss-like/k"), Denied),
        case("A.4 present key: StringLike * matches a user's name",
            Conditions, User("alice"), "s3:GetObject", s3("miss-like/k"), Allowed),
        case("A.4 missing key: …IfExists is true",
            Conditions, User("gus"), "s3:GetObject", s3("miss-ifexists/k"), Allowed),
        case("A.4 …IfExists with the key present and not matching is false",
            Conditions, User("olga"), "s3:GetObject", s3("miss-ifexists/k"), Denied),
        case("IAM-SEMANTICS §5 Null true holds when the key is absent",
            Conditions, User("gus"), "s3:GetObject", s3("miss-null/k"), Allowed),
        case("IAM-SEMANTICS §5 Null true fails when the key is present",
            Conditions, User("olga"), "s3:GetObject", s3("miss-null/k"), Denied),
        case("IAM-SEMANTICS §5 Null false holds when the key is present",
            Conditions, User("olga"), "s3:GetObject", s3("present-null/k"), Allowed),
        case("IAM-SEMANTICS §5 Null false fails when the key is absent",
            Conditions, User("gus"), "s3:GetObject", s3("present-null/k"), Denied),
        case("A.4 an Allow + a Deny with an undecidable condition: conditional, never plain allowed",
            Conditions, User("alice"), "s3:GetObject", s3("deny-open/k"), Conditional)
            .check(UnlessKey("aws:SourceIp")).check(Alternatives(0)),
        case("A.4 the Deny's condition false by context: allowed",
            Conditions, User("alice"), "s3:GetObject", s3("deny-open/k"), Allowed)
            .ctx("aws:SourceIp", &["10.2.3.4"]).check(NoUnless),
        case("A.4 the Deny's condition true by context: denied",
            Conditions, User("alice"), "s3:GetObject", s3("deny-open/k"), Denied)
            .ctx("aws:SourceIp", &["8.8.8.8"]),
        case("A.4 Deny + StringNotEqualsIfExists aws:PrincipalOrgID, a principal with no org: denied",
            Conditions, User("alice"), "s3:GetObject", s3("deny-org/k"), Denied)
            .ctx("aws:PrincipalOrgID", &[]),
        case("A.4 Deny + StringNotEqualsIfExists aws:PrincipalOrgID, org unknown: conditional unless",
            Conditions, User("alice"), "s3:GetObject", s3("deny-org/k"), Conditional)
            .check(UnlessKey("aws:PrincipalOrgID")).check(UnlessValue("o-x")),
        case("A.4 Deny + StringNotEqualsIfExists aws:PrincipalOrgID, the named org: allowed",
            Conditions, User("alice"), "s3:GetObject", s3("deny-org/k"), Allowed)
            .ctx("aws:PrincipalOrgID", &["o-x"]),
        case("A.4 Deny + StringNotEqualsIfExists aws:PrincipalOrgID, another org: denied",
            Conditions, User("alice"), "s3:GetObject", s3("deny-org/k"), Denied)
            .ctx("aws:PrincipalOrgID", &["o-y"]),
        case("A.4 a Deny whose condition is decided true from the snapshot: denied",
            Conditions, User("alice"), "s3:GetObject", s3("deny-tag/k"), Denied),
        case("A.4 a Deny whose condition is decided false from the snapshot: allowed, nothing unless",
            Conditions, User("gus"), "s3:GetObject", s3("deny-tag/k"), Allowed)
            .check(NoUnless),
        case("A.4 a conditional Allow and an open Deny: the route and the unless both show",
            Conditions, User("alice"), "s3:GetObject", s3("deny-after-cond/k"), Conditional)
            .check(Alternatives(1)).check(AltKeys(&["aws:SourceIp"])).check(UnlessKey("aws:SecureTransport")),
        case("IAM-SEMANTICS §5 condition keys are case-insensitive",
            Conditions, User("alice"), "s3:GetObject", s3("case-key/k"), Allowed),
        case("IAM-SEMANTICS §5 String values are case-sensitive",
            Conditions, User("alice"), "s3:GetObject", s3("case-val/k"), Denied),
        case("IAM-SEMANTICS §5 …IgnoreCase compares without case",
            Conditions, User("alice"), "s3:GetObject", s3("case-val-ic/k"), Allowed),
        case("IAM-SEMANTICS §5 ForAnyValue with no values is false",
            Conditions, User("alice"), "s3:GetObject", s3("any-value/k"), Denied)
            .ctx("aws:TagKeys", &[]),
        case("IAM-SEMANTICS §5 ForAllValues with no values is true",
            Conditions, User("alice"), "s3:GetObject", s3("all-values/k"), Allowed)
            .ctx("aws:TagKeys", &[]),
        case("A.4 ForAnyValue: one request value in the set is enough (OR)",
            Conditions, User("alice"), "s3:GetObject", s3("any-value/k"), Allowed)
            .ctx("aws:TagKeys", &["a", "b"]),
        case("A.4 ForAllValues: one request value outside the set makes it false",
            Conditions, User("alice"), "s3:GetObject", s3("all-values/k"), Denied)
            .ctx("aws:TagKeys", &["a", "b"]),
        case("A.4 three Allows: one whose condition is decided true allows outright",
            Conditions, User("alice"), "s3:GetObject", s3("three-routes/k"), Allowed),
        case("A.4 three Allows: the decided-false one drops, the two open ones remain",
            Conditions, User("gus"), "s3:GetObject", s3("three-routes/k"), Conditional)
            .check(Alternatives(2)),
        case("A.4 an operator rolecall does not know cannot be decided: conditional",
            Conditions, User("alice"), "s3:GetObject", s3("unknown-op/k"), Conditional),
        case("A.4 a conditional boundary ANDs with each identity route",
            Conditions, User("bella"), "s3:GetObject", s3("two-routes/k"), Conditional)
            .check(Alternatives(2)).check(AltSize(0, 2)).check(AltSize(1, 2)),
        case("A.4 a conditional boundary with an unconditional identity Allow: one route",
            Conditions, User("bella"), "s3:GetObject", s3("one-free/k"), Conditional)
            .check(Alternatives(1)).check(AltKeys(&["aws:SecureTransport"])),
        case("A.4 fault 1: a trust with two conditional Allows shows both routes (role caller)",
            Conditions, Role("app"), ASSUME, routes.clone(), Conditional)
            .check(Alternatives(2)).check(AltKeys(&["aws:SourceVpc", "aws:SourceIp"])),
        case("A.4 fault 1: both trust routes show for a user caller too",
            Conditions, User("alice"), ASSUME, routes.clone(), Conditional)
            .check(Alternatives(2)).check(AltKeys(&["aws:SourceVpc", "aws:SourceIp"])),
        case("A.4 fault 1: context satisfying one trust route: allowed",
            Conditions, Role("app"), ASSUME, routes.clone(), Allowed)
            .ctx("aws:SourceVpc", &["vpc-1"]),
        case("A.4 fault 1: context ruling out one trust route leaves the other",
            Conditions, Role("app"), ASSUME, routes.clone(), Conditional)
            .ctx("aws:SourceVpc", &["vpc-9"]).check(AltKeys(&["aws:SourceIp"])),
        case("A.4 fault 1: context ruling out both trust routes: denied",
            Conditions, Role("app"), ASSUME, routes, Denied)
            .ctx("aws:SourceVpc", &["vpc-9"]).ctx("aws:SourceIp", &["8.8.8.8"]),
        case("A.4 fault 2: a trust Deny of one session makes the role conditional, unless aws:userid",
            Conditions, Role("app"), ASSUME, no_mallory.clone(), Conditional)
            .check(UnlessKey("aws:userid")).check(UnlessValue("AROAAPP:mallory")).check(Alternatives(0)),
        case("A.4 fault 2: the denied session itself is denied",
            Conditions, Session("app", "mallory"), ASSUME, no_mallory.clone(), Denied),
        case("A.4 fault 2: another session of the role is allowed",
            Conditions, Session("app", "alice"), ASSUME, no_mallory, Allowed),
        case("A.4 a trust Deny with an undecidable condition: conditional unless",
            Conditions, Role("app"), ASSUME, open_deny.clone(), Conditional)
            .check(UnlessKey("aws:SourceIp")),
        case("A.4 a trust Deny whose condition context makes true: denied",
            Conditions, Role("app"), ASSUME, open_deny.clone(), Denied)
            .ctx("aws:SourceIp", &["8.8.8.8"]),
        case("A.4 a trust Deny whose condition context makes false: allowed",
            Conditions, Role("app"), ASSUME, open_deny, Allowed)
            .ctx("aws:SourceIp", &["10.0.0.1"]),
    ]
}

/// A.5: session names and aws:userid.
#[rustfmt::skip]
fn a5() -> Vec<Case> {
    vec![
        case("A.5 aws:userid = ROLEID:SESSION decides an Allow for that session",
            Sessions, Session("app", "alice"), "s3:GetObject", s3("only-alice/k"), Allowed),
        case("A.5 aws:userid: another session name does not match",
            Sessions, Session("app", "bob"), "s3:GetObject", s3("only-alice/k"), Denied),
        case("A.5 aws:userid: with the session name open, conditional on aws:userid",
            Sessions, Role("app"), "s3:GetObject", s3("only-alice/k"), Conditional)
            .check(AltHasKey("aws:userid")),
        case("A.5 an identity Deny on one session's aws:userid denies that session",
            Sessions, Session("app", "mallory"), "s3:DeleteObject", s3("b/k"), Denied),
        case("A.5 an identity Deny on one session's aws:userid leaves the others allowed",
            Sessions, Session("app", "alice"), "s3:DeleteObject", s3("b/k"), Allowed),
        case("A.5 an identity Deny on one session's aws:userid, session name open: unless aws:userid",
            Sessions, Role("app"), "s3:DeleteObject", s3("b/k"), Conditional)
            .check(UnlessKey("aws:userid")),
        case("A.5 aws:username is absent for roles: a condition on it is false",
            Sessions, Session("app", "alice"), "s3:GetObject", s3("by-name/k"), Denied),
        case("A.5 ${aws:userid} in a Resource is ROLEID:SESSION for a session",
            Sessions, Session("app", "alice"), "s3:GetObject", s3("home/AROAAPP:alice/k"), Allowed),
        case("A.5 ${aws:userid}: another session's folder is not matched",
            Sessions, Session("app", "alice"), "s3:GetObject", s3("home/AROAAPP:bob/k"), Denied),
        case("A.3 aws:PrincipalArn of a role session is the role's ARN",
            Sessions, Session("app", "alice"), "s3:GetObject", s3("parn/k"), Allowed),
        case("A.3 aws:PrincipalArn is never the session's ARN",
            Sessions, Session("app", "alice"), "s3:GetObject", s3("parn-session/k"), Denied),
        case("A.5 aws:PrincipalType of a role session is AssumedRole",
            Sessions, Session("app", "x"), "s3:GetObject", s3("ptype/k"), Allowed),
        case("A.5 a trust Allow naming one session: that session is allowed",
            Sessions, Session("app", "ci"), ASSUME, role_arn(A, "ci-only"), Allowed),
        case("A.5 a trust Allow naming one session: another session is not",
            Sessions, Session("app", "dev"), ASSUME, role_arn(A, "ci-only"), Denied),
        case("A.5 a trust Allow naming one session, session name open: applies to that session only",
            Sessions, Role("app"), ASSUME, role_arn(A, "ci-only"), Conditional)
            .check(Condition("aws:userid", "AROAAPP:ci")),
        case("A.5 a trust Deny naming …/app/mallory matches that session",
            Sessions, Session("app", "mallory"), ASSUME, role_arn(A, "no-mallory"), Denied),
        case("A.5 a trust Deny naming …/app/mallory does not match …/app/bob",
            Sessions, Session("app", "bob"), ASSUME, role_arn(A, "no-mallory"), Allowed),
        case("A.5 a trust Deny naming a session of another role does not touch this role's session",
            Sessions, Session("app", "mallory"), ASSUME, role_arn(A, "no-other-mallory"), Allowed),
        case("A.5 a trust Deny naming a session of another role leaves this role allowed outright",
            Sessions, Role("app"), ASSUME, role_arn(A, "no-other-mallory"), Allowed)
            .check(NoUnless),
        case("IAM-SEMANTICS §2 role chaining: a session assuming a role is capped at one hour",
            Sessions, Session("app", "ci"), ASSUME, role_arn(A, "ci-only"), Allowed)
            .check(ChainedCap(true)).check(Reason("at most 1 hour")),
    ]
}

/// A.6: NotAction and NotResource.
#[rustfmt::skip]
fn a6() -> Vec<Case> {
    vec![
        case("A.6 Allow NotAction with an S3 Resource allows the other S3 actions there",
            NotElements, User("nadia"), "s3:GetObject", s3("b/k"), Allowed),
        case("A.6 Allow NotAction does not allow the listed action",
            NotElements, User("nadia"), "s3:DeleteBucket", s3("b"), Denied),
        case("A.6 Allow NotAction s3:DeleteBucket on arn:aws:s3:::* does not allow s3:ListAllMyBuckets on *",
            NotElements, User("nadia"), "s3:ListAllMyBuckets", "*", Denied),
        case("A.6 Allow NotAction with an S3 Resource does not allow another service's actions",
            NotElements, User("nadia"), "ec2:RunInstances", ec2_instance(), Denied),
        case("A.6 Allow NotAction with Resource * allows every other service",
            NotElements, User("ned"), "ec2:RunInstances", "*", Allowed),
        case("A.6 Allow NotAction iam:* does not allow IAM actions",
            NotElements, User("ned"), "iam:CreateUser", format!("arn:aws:iam::{A}:user/x"), Denied),
        case("A.6 NotAction matches case-insensitively",
            NotElements, User("ned"), "IAM:createuser", format!("arn:aws:iam::{A}:user/x"), Denied),
        case("A.6 Deny NotAction MFA example: MFA unknown: conditional unless",
            NotElements, User("mfa"), "ec2:RunInstances", "*", Conditional)
            .check(UnlessKey("aws:MultiFactorAuthPresent")),
        case("A.6 Deny NotAction MFA example: without MFA: denied",
            NotElements, User("mfa"), "ec2:RunInstances", "*", Denied)
            .ctx("aws:MultiFactorAuthPresent", &["false"]),
        case("A.6 Deny NotAction MFA example: with MFA: allowed",
            NotElements, User("mfa"), "ec2:RunInstances", "*", Allowed)
            .ctx("aws:MultiFactorAuthPresent", &["true"]),
        case("A.6 Deny NotAction MFA example: key absent (long-term keys), BoolIfExists holds: denied",
            NotElements, User("mfa"), "ec2:RunInstances", "*", Denied)
            .ctx("aws:MultiFactorAuthPresent", &[]),
        case("A.6 Deny NotAction iam:* does not apply to IAM actions",
            NotElements, User("mfa"), "iam:CreateUser", format!("arn:aws:iam::{A}:user/x"), Allowed)
            .check(NoUnless),
        case("A.6 Deny NotAction grants nothing (the listed actions)",
            NotElements, User("denyonly"), "iam:CreateUser", format!("arn:aws:iam::{A}:user/x"), Denied),
        case("A.6 Deny NotAction grants nothing (the other actions)",
            NotElements, User("denyonly"), "ec2:RunInstances", "*", Denied)
            .ctx("aws:MultiFactorAuthPresent", &["true"]),
        case("A.6 Allow NotResource: a resource outside the list is allowed",
            NotElements, User("nora"), "s3:GetObject", s3("b/k"), Allowed),
        case("A.6 Allow NotResource: the excluded resource is not",
            NotElements, User("nora"), "s3:GetObject", s3("secret/k"), Denied),
        case("A.6 Allow NotResource narrows only within the actions named",
            NotElements, User("nora"), "ec2:RunInstances", "*", Denied),
        case("A.6 Deny s3:* + NotResource denies S3 outside the list",
            NotElements, User("nick"), "s3:GetObject", s3("b/k"), Denied),
        case("A.6 Deny s3:* + NotResource: the listed bucket stays allowed",
            NotElements, User("nick"), "s3:GetObject", s3("ok/k"), Allowed),
        case("A.6 Deny s3:* + NotResource does not touch EC2",
            NotElements, User("nick"), "ec2:RunInstances", ec2_instance(), Allowed),
        case("A.6 Allow NotAction with a wildcard excludes every matching action",
            NotElements, User("nell"), "s3:DeleteObject", s3("b/k"), Denied),
        case("A.6 Allow NotAction list: its second entry is excluded too",
            NotElements, User("nell"), "ec2:TerminateInstances", "*", Denied),
        case("A.6 Allow NotAction with a wildcard allows the actions it does not match",
            NotElements, User("nell"), "s3:PutObject", s3("b/k"), Allowed),
        case("A.6 Allow * + NotResource lets the user change IAM (grant itself access)",
            NotElements, User("nat"), "iam:PutUserPolicy", format!("arn:aws:iam::{A}:user/nat"), Allowed),
        case("A.6 Allow * + NotResource: the excluded resource is not allowed",
            NotElements, User("nat"), "s3:GetObject", s3("x/k"), Denied),
    ]
}

/// A.7: policy variables and the context keys the user supplies.
#[rustfmt::skip]
fn a7() -> Vec<Case> {
    let shared = s3("shared");
    vec![
        case("A.7 ${aws:username} in Resource: the user's own folder",
            Variables, User("alice"), "s3:GetObject", s3("home/alice/k"), Allowed),
        case("A.7 ${aws:username} in Resource: another user's folder",
            Variables, User("alice"), "s3:GetObject", s3("home/bob/k"), Denied),
        case("A.7 ${aws:username} in Resource: each user gets its own folder",
            Variables, User("gus"), "s3:GetObject", s3("home/gus/k"), Allowed),
        case("A.7 without Version the variable is literal: the user's folder is not matched",
            Variables, User("alice"), "s3:PutObject", s3("home/alice/k"), Denied),
        case("A.7 without Version the variable is literal: the literal text matches",
            Variables, User("alice"), "s3:PutObject", s3("home/${aws:username}/k"), Allowed),
        case("A.7 Version 2008-10-17: the variable is literal too",
            Variables, User("alice"), "s3:GetObjectRetention", s3("home/alice/k"), Denied),
        case("A.7 without Version a variable in a Condition is literal: the user's name does not match",
            Variables, User("alice"), "s3:GetBucketLocation", s3("shared"), Denied)
            .ctx("s3:prefix", &["alice/docs"]),
        case("A.7 without Version a variable in a Condition is literal: the literal text matches",
            Variables, User("alice"), "s3:GetBucketLocation", s3("shared"), Allowed)
            .ctx("s3:prefix", &["${aws:username}/docs"]),
        case("A.7 without Version an open condition is shown as written",
            Variables, User("alice"), "s3:GetBucketLocation", s3("shared"), Conditional)
            .check(AltHasKey("s3:prefix")).check(AltValue("${aws:username}/*")),
        case("A.7 with Version the literal ${…} text is not matched",
            Variables, User("alice"), "s3:GetObject", s3("home/${aws:username}/k"), Denied),
        case("A.7 a missing variable (aws:username of a role) matches nothing",
            Variables, Role("app"), "s3:GetObject", s3("home/app/k"), Denied),
        case("A.7 ${aws:PrincipalTag/team} from the user's tags",
            Variables, User("alice"), "s3:GetObject", s3("team-red/k"), Allowed),
        case("A.7 ${aws:PrincipalTag/team}: another team's bucket",
            Variables, User("alice"), "s3:GetObject", s3("team-blue/k"), Denied),
        case("A.7 ${aws:PrincipalTag/team} from a role's tags",
            Variables, Role("app"), "s3:GetObject", s3("team-red/k"), Allowed),
        case("A.7 ${aws:PrincipalTag/team} missing: the empty name is not matched",
            Variables, User("gus"), "s3:GetObject", s3("team-/k"), Denied),
        case("A.7 a default value is used when the tag is missing",
            Variables, User("gus"), "s3:DeleteObject", s3("dept-company-wide/k"), Allowed),
        case("A.7 a default value is not used when the tag exists",
            Variables, User("alice"), "s3:DeleteObject", s3("dept-company-wide/k"), Denied),
        case("A.7 with a default value the tag's value wins",
            Variables, User("alice"), "s3:DeleteObject", s3("dept-red/k"), Allowed),
        case("A.7 ${*} stands for a literal *",
            Variables, User("alice"), "s3:GetObjectAcl", s3("lit-*/x"), Allowed),
        case("A.7 ${*} is not a wildcard",
            Variables, User("alice"), "s3:GetObjectAcl", s3("lit-abc/x"), Denied),
        case("A.7 ${*} beside a real wildcard: the wildcard still matches anything",
            Variables, User("alice"), "s3:GetObjectLegalHold", s3("star-*-anything/k"), Allowed),
        case("A.7 ${*} beside a real wildcard: ${*} itself matches only a literal *",
            Variables, User("alice"), "s3:GetObjectLegalHold", s3("star-x-y"), Denied),
        case("A.7 ${?} stands for a literal ?",
            Variables, User("alice"), "s3:GetObjectTagging", s3("q?/x"), Allowed),
        case("A.7 ${?} is not a wildcard",
            Variables, User("alice"), "s3:GetObjectTagging", s3("qz/x"), Denied),
        case("A.7 ${*} in a StringLike condition stands for a literal *",
            Variables, User("alice"), "s3:ListBucket", s3("special"), Allowed)
            .ctx("s3:prefix", &["lit-*"]),
        case("A.7 ${*} in a StringLike condition is not a wildcard",
            Variables, User("alice"), "s3:ListBucket", s3("special"), Denied)
            .ctx("s3:prefix", &["lit-abc"]),
        case("A.7 ${?} in a StringLike condition stands for a literal ?",
            Variables, User("alice"), "s3:ListBucket", s3("special-q"), Allowed)
            .ctx("s3:prefix", &["q?"]),
        case("A.7 ${?} in a StringLike condition is not a wildcard",
            Variables, User("alice"), "s3:ListBucket", s3("special-q"), Denied)
            .ctx("s3:prefix", &["qz"]),
        case("A.7 ${$} stands for a literal $",
            Variables, User("alice"), "s3:GetObjectVersion", s3("dollar-$/x"), Allowed),
        case("A.7 a variable in a Condition string: context matching it: allowed",
            Variables, User("alice"), "s3:ListBucket", shared.clone(), Allowed)
            .ctx("s3:prefix", &["alice/docs"]),
        case("A.7 a variable in a Condition string: context not matching it: denied",
            Variables, User("alice"), "s3:ListBucket", shared.clone(), Denied)
            .ctx("s3:prefix", &["bob/docs"]),
        case("A.7 a variable in a Condition string, the key unknown: conditional",
            Variables, User("alice"), "s3:ListBucket", shared.clone(), Conditional)
            .check(AltHasKey("s3:prefix")),
        case("A.7 a missing variable in a Condition: StringEquals does not match",
            Variables, User("gus"), "s3:ListBucketVersions", shared.clone(), Denied)
            .ctx("s3:prefix", &["x"]),
        case("A.7 a missing variable in a Condition: StringNotEquals matches",
            Variables, User("gus"), "s3:ListBucketMultipartUploads", shared, Allowed)
            .ctx("s3:prefix", &["x"]),
        case("A.7 a missing variable in a Condition, the request key unknown: still conditional",
            Variables, User("gus"), "s3:ListBucketVersions", s3("shared"), Conditional)
            .check(AltValue("${aws:PrincipalTag/dept}")),
        case("A.7 a variable with a value in a Condition is compared as usual",
            Variables, User("alice"), "s3:ListBucketVersions", s3("shared"), Denied)
            .ctx("aws:PrincipalTag/dept", &["eng"]).ctx("s3:prefix", &["ops"]),
        case("A.7 ${aws:userid} of a user is its unique id (AIDA…)",
            Variables, User("alice"), "s3:GetObjectAttributes", s3("uid/AIDAALICE/k"), Allowed),
        case("A.7 ${aws:userid}: another user's id is not matched",
            Variables, User("alice"), "s3:GetObjectAttributes", s3("uid/AIDAGUS/k"), Denied),
        case("A.7 NotResource with a variable: the principal's own resource is excluded",
            Variables, User("alice"), "s3:RestoreObject", s3("home/alice/k"), Denied),
        case("A.7 NotResource with a missing variable excludes nothing (inference: it matches no resource)",
            Variables, Role("app"), "s3:RestoreObject", s3("home/app/k"), Allowed),
        case("A.7 a variable in Action is literal text",
            Variables, User("alice"), "ec2:alice", "*", Denied),
        case("A.7 context: aws:SourceIp unknown: conditional on it",
            Variables, User("alice"), "ec2:RunInstances", "*", Conditional)
            .check(AltKeys(&["aws:SourceIp"])),
        case("A.7 context: aws:SourceIp given inside the range: allowed",
            Variables, User("alice"), "ec2:RunInstances", "*", Allowed)
            .ctx("aws:SourceIp", &["10.0.0.1"]),
        case("A.7 context: aws:SourceIp given outside the range: denied",
            Variables, User("alice"), "ec2:RunInstances", "*", Denied)
            .ctx("aws:SourceIp", &["192.168.1.1"]),
        case("A.7 the snapshot's principal tag decides without context",
            Variables, User("alice"), "ec2:StopInstances", "*", Allowed),
        case("A.7 context overrides what the snapshot says (aws:PrincipalTag)",
            Variables, User("alice"), "ec2:StopInstances", "*", Denied)
            .ctx("aws:PrincipalTag/team", &["blue"]),
        case("A.7 context: aws:CurrentTime after the date: allowed",
            Variables, User("alice"), "ec2:StartInstances", "*", Allowed)
            .ctx("aws:CurrentTime", &["2026-12-01T00:00:00Z"]),
        case("A.7 context: aws:CurrentTime before the date: denied",
            Variables, User("alice"), "ec2:StartInstances", "*", Denied)
            .ctx("aws:CurrentTime", &["2019-06-01T00:00:00Z"]),
        case("A.7 context: aws:SecureTransport true: allowed",
            Variables, User("alice"), "ec2:RebootInstances", "*", Allowed)
            .ctx("aws:SecureTransport", &["true"]),
        case("A.7 context: aws:SecureTransport false: denied",
            Variables, User("alice"), "ec2:RebootInstances", "*", Denied)
            .ctx("aws:SecureTransport", &["false"]),
        case("A.7 context: a numeric key below the limit: allowed",
            Variables, User("alice"), "ec2:DescribeImages", "*", Allowed)
            .ctx("ec2:MaxResults", &["50"]),
        case("A.7 context: a numeric key above the limit: denied",
            Variables, User("alice"), "ec2:DescribeImages", "*", Denied)
            .ctx("ec2:MaxResults", &["500"]),
        case("A.7 context: a key matching one of several policy values: allowed",
            Variables, User("alice"), "ec2:DescribeVolumes", "*", Allowed)
            .ctx("aws:RequestedRegion", &["eu-central-1"]),
        case("A.7 context: a key matching none of the policy values: denied",
            Variables, User("alice"), "ec2:DescribeVolumes", "*", Denied)
            .ctx("aws:RequestedRegion", &["us-east-1"]),
    ]
}

/// A.8: what a GAAD snapshot can and cannot show.
#[rustfmt::skip]
fn a8() -> Vec<Case> {
    vec![
        case("A.8 S3: the resource policy is not known, and the verdict says so",
            Order, User("alice"), "s3:GetObject", s3("data/z"), Allowed)
            .check(Resource(NotKnown)).check(Reason("not in the snapshot")),
        case("A.8 KMS: the key policy is not known",
            Accounts, User("alice"), "kms:Decrypt", format!("arn:aws:kms:eu-west-1:{A}:key/k2"), Conditional)
            .check(Resource(NotKnown)),
        case("A.8 IAM: no resource policy exists",
            Order, User("alice"), "iam:GetRole", role_arn(A, "app"), Denied)
            .check(Resource(NoneExists)).check(NoReason("only the resource's own policy")),
        case("A.8 STS other than assuming a loaded role: no resource policy exists",
            Accounts, User("dave"), "sts:DecodeAuthorizationMessage", "*", Denied)
            .check(Resource(NoneExists)),
        case("A.8 assuming a loaded role: the trust policy is the resource policy",
            Grants, Role("free"), ASSUME, role_arn(A, "by-role"), Allowed)
            .check(Resource(TrustPolicy)),
        case("A.8 a request on * with Allows on narrower resources says which",
            Order, User("alice"), "s3:GetObject", "*", Denied)
            .check(Reason("narrower resources")).check(Reason("arn:aws:s3:::data/*")),
        case("A.8 same account, identity allows a non-IAM action: allowed unless the resource policy denies",
            Order, User("alice"), "sqs:SendMessage", format!("arn:aws:sqs:us-east-1:{A}:q2"), Allowed)
            .check(Reason("allowed unless it (or an RCP) denies")),
        case("A.8 sts:AssumeRole on a role not in the snapshot: its trust policy must still allow",
            Accounts, User("alice"), ASSUME, role_arn(A, "not-loaded"), Conditional)
            .check(Resource(NotKnown)).check(AltHasKey("resource policy")).check(Reason("the role's trust policy must allow")),
        case("A.8 sts:AssumeRole on an unloaded role of another account: its trust policy must allow",
            Accounts, User("alice"), ASSUME, role_arn("333333333333", "x"), Conditional)
            .check(AltHasKey("resource policy")),
    ]
}

/// IAM-SEMANTICS §1–§3: principal forms in trust policies.
#[rustfmt::skip]
fn principals() -> Vec<Case> {
    let saml = role_arn(A, "saml");
    let okta = "arn:aws:iam::111111111111:saml-provider/okta";
    let slr = format!(
        "arn:aws:iam::{A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"
    );
    vec![
        case("IAM-SEMANTICS §3 a Service principal: the named service may assume",
            Principals, External("Service", "ec2.amazonaws.com"), ASSUME, role_arn(A, "svc"), Allowed),
        case("IAM-SEMANTICS §3 a Service principal: another service may not",
            Principals, External("Service", "lambda.amazonaws.com"), ASSUME, role_arn(A, "svc"), Denied),
        case("IAM-SEMANTICS §3 service names compare case-insensitively",
            Principals, External("Service", "EC2.amazonaws.com"), ASSUME, role_arn(A, "svc"), Allowed),
        case("IAM-SEMANTICS §1 a service-linked role: not a user, even one the trust names by account",
            Principals, User("alice"), ASSUME, slr.clone(), Denied)
            .check(Reason("service-linked")),
        case("IAM-SEMANTICS §1 a service-linked role: its service may assume it",
            Principals, External("Service", "support.amazonaws.com"), ASSUME, slr, Allowed),
        case("IAM-SEMANTICS §3 a SAML provider: AssumeRoleWithSAML conditional on SAML:aud",
            Principals, External("Federated", okta), "sts:AssumeRoleWithSAML", saml.clone(), Conditional)
            .check(Condition("SAML:aud", "https://signin.aws.amazon.com/saml")),
        case("IAM-SEMANTICS §3 a SAML provider: SAML:aud given in context decides",
            Principals, External("Federated", okta), "sts:AssumeRoleWithSAML", saml.clone(), Allowed)
            .ctx("SAML:aud", &["https://signin.aws.amazon.com/saml"]),
        case("IAM-SEMANTICS §3 a SAML provider the trust does not name",
            Principals, External("Federated", "arn:aws:iam::111111111111:saml-provider/other"), "sts:AssumeRoleWithSAML", saml, Denied),
        case("IAM-SEMANTICS §2 Principal *: a same-account user is allowed",
            Principals, User("alice"), ASSUME, role_arn(A, "anyone"), Allowed)
            .check(ChainedCap(false)),
        case("IAM-SEMANTICS §2 Principal *: an outside principal, conditional on its own identity policies",
            Principals, External("AWS", "arn:aws:iam::333333333333:user/x"), ASSUME, role_arn(A, "anyone"), Conditional),
        case("IAM-SEMANTICS §3 a bare unique id in a trust (a deleted principal) admits nobody",
            Principals, User("alice"), ASSUME, role_arn(A, "dead"), Denied),
        case("IAM-SEMANTICS §3 a partial wildcard in a Principal matches nobody",
            Principals, User("alice"), ASSUME, role_arn(A, "partial"), Denied),
        case("IAM-SEMANTICS §2 no implicit self-trust",
            Principals, Role("selfish"), ASSUME, role_arn(A, "selfish"), Denied),
        case("A.7 a variable in Principal is literal text: it names no user",
            Principals, User("alice"), ASSUME, role_arn(A, "var-principal"), Denied),
        case("A.6 NotAction in a trust policy: Allow NotAction sts:TagSession covers sts:AssumeRole",
            Principals, User("alice"), ASSUME, role_arn(A, "notaction-trust"), Allowed),
        case("A.7 a variable in a trust Condition: ${aws:ResourceTag/team} is the role's tag, matching the caller's",
            Principals, User("tess"), ASSUME, role_arn(A, "same-team"), Allowed),
        case("A.7 a variable in a trust Condition: a caller without the tag does not match",
            Principals, User("alice"), ASSUME, role_arn(A, "same-team"), Denied),
        case("IAM-SEMANTICS §4 the assume action's spelling is case-insensitive",
            Principals, User("alice"), "STS:assumerole", role_arn(A, "anyone"), Allowed)
            .check(Resource(TrustPolicy)),
        case("IAM-SEMANTICS §3 NotPrincipal in a trust policy: flagged, both readings shown",
            Principals, User("alice"), ASSUME, role_arn(A, "not-principal"), Uncertain)
            .check(Reason("NotPrincipal")).check(Readings(2)),
        case("IAM-SEMANTICS §3 an OIDC provider: AssumeRoleWithWebIdentity conditional on aud and sub",
            Principals, External("Federated", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"),
            "sts:AssumeRoleWithWebIdentity", role_arn(A, "github"), Conditional)
            .check(Condition("token.actions.githubusercontent.com:sub", "repo:org/app:*")),
        case("IAM-SEMANTICS §3 an OIDC provider: sub given in context outside the pattern: denied",
            Principals, External("Federated", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"),
            "sts:AssumeRoleWithWebIdentity", role_arn(A, "github"), Denied)
            .ctx("token.actions.githubusercontent.com:sub", &["repo:evil/app:ref:refs/heads/main"]),
        case("IAM-SEMANTICS §3 an OIDC provider: aud and sub in context matching: allowed",
            Principals, External("Federated", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"),
            "sts:AssumeRoleWithWebIdentity", role_arn(A, "github"), Allowed)
            .ctx("token.actions.githubusercontent.com:sub", &["repo:org/app:ref:refs/heads/main"])
            .ctx("token.actions.githubusercontent.com:aud", &["sts.amazonaws.com"]),
        case("IAM-SEMANTICS §3 a Service principal list: each service in it may assume",
            Principals, External("Service", "ecs-tasks.amazonaws.com"), ASSUME, role_arn(A, "services"), Allowed),
        case("A.3 a federated-user session (GetFederationToken) cannot call sts:AssumeRole",
            Principals, External("AWS", "arn:aws:sts::111111111111:federated-user/bob"), ASSUME, role_arn(A, "anyone"), Denied)
            .check(Reason("federated-user")),
        case("IAM-SEMANTICS §2 a third-party account principal: its principals, conditional on their own policies",
            Principals, External("AWS", "arn:aws:iam::333333333333:root"), ASSUME, role_arn(A, "third-party"), Conditional),
        case("IAM-SEMANTICS §2 an account principal does not admit another account",
            Principals, External("AWS", "arn:aws:iam::444444444444:user/x"), ASSUME, role_arn(A, "third-party"), Denied),
    ]
}

#[test]
fn every_rule_of_any_action_section_a() {
    let cases: Vec<Case> = [a1(), a2(), a3(), a4(), a5(), a6(), a7(), a8(), principals()]
        .into_iter()
        .flatten()
        .collect();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    run_all(&cases);
}
