//! Benchmarks of the any-action evaluator (issue 10) on a generated
//! account of 10,000 roles and 5,000 users: decoding the action catalogue,
//! one `can` request, `who-can ACTION RESOURCE` over the whole account,
//! and the effective-permissions summary of one principal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rolecall::analysis::assume::{AssumeIndex, Caller};
use rolecall::analysis::effective::summarise;
use rolecall::analysis::eval::{Request, evaluate};
use rolecall::catalogue::{Catalogue, TEXT};
use rolecall::model::{self, EntityRef, Model};
use rolecall::policy::RequestContext;
use rolecall::source::Loaded;
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};

fn account() -> Model {
    let spec = SyntheticSpec::sized(10_000, 5_000);
    model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot: generate_account(&spec),
    }])
}

fn benches(c: &mut Criterion) {
    let model = account();
    let index = AssumeIndex::build(&model);
    let ctx = RequestContext::new();
    // A user in groups (the generator's grants come through groups) and
    // the role with the most attached policies.
    let user = model
        .users
        .iter()
        .position(|u| u.groups.len() > 1)
        .unwrap_or(0);
    let role = (0..model.roles.len())
        .max_by_key(|r| model.roles[*r].attached.len() + model.roles[*r].inline.len())
        .unwrap_or(0);
    let _ = Catalogue::get();

    let mut g = c.benchmark_group("evaluator");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("catalogue_decode", |b| {
        b.iter(|| black_box(Catalogue::decode(black_box(TEXT)).unwrap()))
    });
    g.bench_function("can_one_request", |b| {
        b.iter(|| {
            black_box(evaluate(
                &model,
                &index,
                &Request {
                    principal: Caller::User(user),
                    action: "s3:GetObject",
                    resource: "arn:aws:s3:::reports/q3.csv",
                    context: &ctx,
                },
            ))
        })
    });
    let actions = vec!["s3:GetObject".to_string()];
    g.bench_function("who_can_s3_getobject_whole_account", |b| {
        b.iter(|| {
            black_box(rolecall::cli::query::who_can_rows(
                &model,
                &index,
                &actions,
                "arn:aws:s3:::reports/q3.csv",
                &ctx,
                false,
            ))
        })
    });
    g.bench_function("effective_summary_user", |b| {
        b.iter(|| black_box(summarise(&model, &index, EntityRef::User(user))))
    });
    g.bench_function("effective_summary_role", |b| {
        b.iter(|| black_box(summarise(&model, &index, EntityRef::Role(role))))
    });
    g.finish();
}

criterion_group!(evaluator, benches);
criterion_main!(evaluator);
