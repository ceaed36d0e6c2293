//! Times the escalation analysis (issue 11) on a generated account of
//! 10,000 roles and 5,000 users, release build:
//! `cargo run --release --example escalation_report`. Prints the time to
//! find every edge, the paths to admin of one principal, and the Who can
//! assume tab of a role with its escalation rows; and the edge counts.
//! `-- --org` puts the account in an organization (root → two OUs → the
//! account, FullAWSAccess at each level, a deny-list SCP and RCPs), so
//! every step also goes through the SCP and RCP gates (issue 12).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::time::Instant;

use rolecall::analysis::assume::AssumeIndex;
use rolecall::analysis::escalation::{Node, graph, paths_to};
use rolecall::model::{self, EntityRef};
use rolecall::source::Loaded;
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};

fn main() {
    let spec = SyntheticSpec::sized(10_000, 5_000);
    let mut model = model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot: generate_account(&spec),
    }]);
    if std::env::args().any(|a| a == "--org") {
        model.organization = Some(std::sync::Arc::new(organization(&spec.account_id)));
        println!("with an organization (SCPs and RCPs)");
    }
    let index = AssumeIndex::build(&model);
    let started = Instant::now();
    let g = graph(&model, &index);
    let all_edges = started.elapsed();
    let mut by: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in (0..g.len() as u32).filter_map(|i| g.head(i)) {
        *by.entry(e.technique.id).or_default() += 1;
    }
    // The principal with the most edges out, for the one-principal query.
    let user = (0..model.users.len())
        .max_by_key(|u| g.out_of(EntityRef::User(*u)).count())
        .unwrap_or(0);
    let started = Instant::now();
    let one = paths_to(&g, &model, Node::Admin, Some(EntityRef::User(user)));
    let one_principal = started.elapsed();
    let started = Instant::now();
    let everyone = paths_to(&g, &model, Node::Admin, None);
    let all_paths = started.elapsed();
    let role = (0..model.roles.len())
        .max_by_key(|r| g.gainers(EntityRef::Role(*r)).len())
        .unwrap_or(0);
    let started = Instant::now();
    let who = rolecall::analysis::assume::who_can_assume_listing(
        &model,
        &index,
        role,
        rolecall::analysis::assume::Listing::NamedToo,
    );
    let gainers = g.gainers(EntityRef::Role(role));
    let tab = started.elapsed();
    println!(
        "every edge: {:.2} s, {} edges",
        all_edges.as_secs_f64(),
        g.len()
    );
    for (t, n) in by {
        println!("  {t}: {n}");
    }
    println!(
        "paths to admin of one user ({} paths): {:.2} ms",
        one.len(),
        one_principal.as_secs_f64() * 1e3
    );
    println!(
        "paths to admin of everyone ({} principals): {:.1} ms",
        everyone.len(),
        all_paths.as_secs_f64() * 1e3
    );
    println!(
        "who can assume a role with {} gainers ({} entries): {:.1} ms",
        gainers.len(),
        who.len(),
        tab.as_secs_f64() * 1e3
    );
}

/// A typical organization around `account`: FullAWSAccess at every level,
/// a deny-list SCP on the root (leaving the organization, CloudTrail,
/// regions outside the EU unless the caller is a break-glass role), one on
/// the OU (IAM users), and a data-perimeter RCP.
fn organization(account: &str) -> rolecall_core::org::Organization {
    let every = ["r-bench", "ou-bench-work", "ou-bench-prod", account];
    let policy = |id: &str, kind: &str, statements: serde_json::Value, targets: &[&str]| {
        serde_json::json!({"id": id, "name": id, "type": kind, "targets": targets,
            "content": {"Version": "2012-10-17", "Statement": statements}})
    };
    serde_json::from_value(serde_json::json!({
        "format": rolecall_core::org::FORMAT,
        "organization": {"id": "o-bench00001", "management_account_id": "999999999999"},
        "roots": [{"id": "r-bench", "name": "Root",
                   "enabled_policy_types": ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]}],
        "organizational_units": [
            {"id": "ou-bench-work", "name": "Workloads", "parent_id": "r-bench"},
            {"id": "ou-bench-prod", "name": "Prod", "parent_id": "ou-bench-work"}],
        "accounts": [{"id": account, "name": "synthetic", "parent_id": "ou-bench-prod"}],
        "policies": [
            policy("p-FullAWSAccess", "SERVICE_CONTROL_POLICY",
                serde_json::json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]), &every),
            policy("p-guardrails", "SERVICE_CONTROL_POLICY", serde_json::json!([
                {"Sid": "NoLeaving", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"},
                {"Sid": "KeepTrail", "Effect": "Deny",
                 "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], "Resource": "*"},
                {"Sid": "EuOnly", "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "organizations:*"],
                 "Resource": "*", "Condition": {
                    "StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]},
                    "ArnNotLike": {"aws:PrincipalARN": "arn:aws:iam::*:role/break-glass"}}}]),
                &["r-bench"]),
            policy("p-no-users", "SERVICE_CONTROL_POLICY", serde_json::json!([
                {"Effect": "Deny", "Action": ["iam:CreateUser", "iam:CreateAccessKey"], "Resource": "*"}]),
                &["ou-bench-work"]),
            policy("p-perimeter", "RESOURCE_CONTROL_POLICY", serde_json::json!([
                {"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:*"],
                 "Resource": "*", "Condition": {
                    "StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-bench00001"},
                    "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}]),
                &["r-bench"])]
    }))
    .expect("the organization parses")
}
