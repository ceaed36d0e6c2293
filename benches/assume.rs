//! Benchmarks of the assume-role engine on a generated account of 10,000
//! roles and 5,000 users: index build, who-can-assume for one role (a
//! typical account-root trust, and the worst case `{"AWS": "*"}`), for every
//! role one after another, and can-assume-what for one user. (The example
//! `assume_report` gives the same numbers in one run, plus the slowest role.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rolecall::analysis::assume::{AssumeIndex, Caller, can_assume_what, who_can_assume};
use rolecall::model::{self, Model};
use rolecall::source::Loaded;
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};

fn account() -> Model {
    let spec = SyntheticSpec::sized(10_000, 5_000);
    let snapshot = generate_account(&spec);
    model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot,
    }])
}

/// The first role whose trust has a row matching `pred`.
fn role_where(model: &Model, pred: impl Fn(&rolecall::policy::TrustRow) -> bool) -> usize {
    model
        .roles
        .iter()
        .position(|r| r.trust_rows.iter().any(&pred))
        .unwrap_or(0)
}

fn benches(c: &mut Criterion) {
    let model = account();
    let index = AssumeIndex::build(&model);
    let root_role = role_where(&model, |row| {
        row.principal.ends_with(":root") && row.principal.contains("123456789012")
    });
    let star_role = role_where(&model, |row| row.principal == "*");
    // A user in a group (groups carry the sts:AssumeRole grants).
    let user = model
        .users
        .iter()
        .position(|u| !u.groups.is_empty())
        .unwrap_or(0);

    let mut g = c.benchmark_group("assume");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("index_build", |b| {
        b.iter(|| black_box(AssumeIndex::build(black_box(&model))))
    });
    g.bench_function("who_can_assume_one_role_root_trust", |b| {
        b.iter(|| black_box(who_can_assume(&model, &index, root_role, false)))
    });
    g.bench_function("who_can_assume_one_role_aws_star", |b| {
        b.iter(|| black_box(who_can_assume(&model, &index, star_role, false)))
    });
    g.bench_function("can_assume_what_one_user", |b| {
        b.iter(|| black_box(can_assume_what(&model, &index, &Caller::User(user))))
    });
    // About 5.6 million entries in all: a few seconds an iteration.
    g.measurement_time(Duration::from_secs(40));
    g.bench_function("who_can_assume_every_role", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for r in 0..model.roles.len() {
                n += who_can_assume(&model, &index, r, false).len();
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(assume, benches);
criterion_main!(assume);
