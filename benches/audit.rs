//! Benchmarks of the audit on a generated 10,000-role / 5,000-user account
//! (`rolecall_testkit::synthetic`):
//!
//! - `audit_10k/all_findings`: every finding on every role, user, group
//!   and customer managed policy, the who-can-assume path check
//!   (`RC-PATH-001`) included;
//! - `audit_10k/roles_only`: the same for the roles alone;
//! - `catalogue/decode`: decoding the action catalogue, which the first
//!   audit of a process does once;
//! - `audit_10k/sarif_report`: the SARIF log of those findings;
//! - `drift_10k/diff_models`: drift between two 10,000-role snapshots of the
//!   same account, the second with 1% of roles changed (trust widened, a
//!   policy attached, an inline document edited), 20 roles removed and 20
//!   added, and 10 managed policies with a new default version.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use serde_json::json;

use rolecall::audit::drift::diff_models;
use rolecall::audit::report::sarif_report;
use rolecall::audit::{AuditOptions, Auditor, all_findings};
use rolecall::model::{self, Model};
use rolecall::snapshot::{AttachedPolicy, PolicyVersion, RawJson, Snapshot};
use rolecall::source::Loaded;
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};

const ROLES: usize = 10_000;
const USERS: usize = 5_000;

fn build(snapshot: Snapshot, origin: &str) -> Model {
    model::build(vec![Loaded {
        origin: origin.into(),
        snapshot,
    }])
}

/// The same account a while later.
fn later(mut s: Snapshot) -> Snapshot {
    let first_policy = s
        .policies
        .first()
        .map(|p| (p.arn.clone(), p.policy_name.clone()));
    for (i, role) in s.role_detail_list.iter_mut().enumerate() {
        if i % 100 != 7 {
            continue;
        }
        role.assume_role_policy_document = Some(RawJson::from(
            json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sts:AssumeRole"}
            ]}),
        ));
        if let Some((arn, name)) = &first_policy {
            role.attached_managed_policies.push(AttachedPolicy {
                policy_name: name.clone().unwrap_or_default(),
                policy_arn: arn.clone(),
            });
        }
        if let Some(p) = role.role_policy_list.first_mut() {
            p.policy_document = RawJson::from(json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}));
        }
    }
    s.role_detail_list.drain(0..20);
    let extra: Vec<_> = s.role_detail_list[..20]
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.role_name = format!("{}-new", r.role_name);
            r.arn = format!("{}-new", r.arn);
            r
        })
        .collect();
    s.role_detail_list.extend(extra);
    for p in s
        .policies
        .iter_mut()
        .filter(|p| !p.arn.contains(":aws:policy/"))
        .take(10)
    {
        for v in &mut p.policy_version_list {
            v.is_default_version = false;
        }
        p.policy_version_list.push(PolicyVersion {
            document: Some(RawJson::from(
                json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
            )),
            version_id: "v99".into(),
            is_default_version: true,
            create_date: None,
        });
        p.default_version_id = Some("v99".into());
    }
    s
}

fn benches(c: &mut Criterion) {
    let snapshot = generate_account(&SyntheticSpec::sized(ROLES, USERS));
    let old = build(snapshot.clone(), "old.json");
    let new = build(later(snapshot), "new.json");
    let opts = AuditOptions::default();

    let mut g = c.benchmark_group("audit_10k");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("all_findings", |b| {
        b.iter(|| black_box(all_findings(black_box(&old), &opts).len()))
    });
    g.bench_function("roles_only", |b| {
        b.iter(|| {
            let mut auditor = Auditor::new(black_box(&old), opts.clone());
            black_box(
                (0..old.roles.len())
                    .map(|r| auditor.role(r).len())
                    .sum::<usize>(),
            )
        })
    });
    let findings = all_findings(&old, &opts);
    let on_roles = findings.iter().filter(|f| f.role.is_some()).count();
    eprintln!(
        "audit_10k: {} findings ({on_roles} on roles, {} on users, groups and policies)",
        findings.len(),
        findings.len() - on_roles
    );
    g.bench_function("sarif_report", |b| {
        b.iter(|| black_box(sarif_report(black_box(&old), &findings)))
    });
    g.finish();

    let mut g = c.benchmark_group("catalogue");
    g.sample_size(10);
    g.bench_function("decode", |b| {
        b.iter(|| {
            black_box(
                rolecall_core::catalogue::Catalogue::decode(rolecall_core::catalogue::TEXT)
                    .map(|c| c.action_count()),
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("drift_10k");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    let drift = diff_models(&old, 0, &new, 0);
    eprintln!("drift_10k: {} changes", drift.changes.len());
    g.bench_function("diff_models", |b| {
        b.iter(|| {
            black_box(
                diff_models(black_box(&old), 0, black_box(&new), 0)
                    .changes
                    .len(),
            )
        })
    });
    g.finish();
}

criterion_group!(audit, benches);
criterion_main!(audit);
