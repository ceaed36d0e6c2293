//! Issue 10: for sts:AssumeRole*, the any-action evaluator gives the
//! assume engine's verdict for every caller and role, on the demo, the two
//! GAAD fixtures and a generated account; and every action in the demo's
//! AWS managed policies expands to known actions of the catalogue.
//!
//! The two who-can-assume faults of issue 10 §3 were fixed inside the
//! assume engine itself (one engine), so no pair differs here; the faults
//! have tests of their own (crates/core/tests/eval_rules.rs,
//! tests/query_cli.rs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rolecall_core::analysis::assume::{AssumeIndex, Caller, can_assume};
use rolecall_core::analysis::eval::{Request, evaluate};
use rolecall_core::catalogue::Catalogue;
use rolecall_core::model::{self, DocRef, Model};
use rolecall_core::policy::RequestContext;
use rolecall_core::source::{Loaded, demo, file::load_file};

fn fixture(name: &str) -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/gaad")
        .join(name);
    model::build(vec![Loaded {
        origin: name.into(),
        snapshot: load_file(&path).expect("the fixture loads"),
    }])
}

fn generated() -> Model {
    let spec = rolecall_testkit::synthetic::SyntheticSpec::sized(300, 150);
    model::build(vec![Loaded {
        origin: "generated".into(),
        snapshot: rolecall_testkit::synthetic::generate_account(&spec),
    }])
}

/// Every (caller, role) pair: same verdict, conditions, alternatives and
/// unless. Returns the number of pairs compared.
fn compare(what: &str, m: &Model) -> usize {
    let index = AssumeIndex::build(m);
    let ctx = RequestContext::new();
    let callers: Vec<Caller> = (0..m.users.len())
        .map(Caller::User)
        .chain((0..m.roles.len()).map(Caller::Role))
        .collect();
    let mut pairs = 0;
    for caller in &callers {
        for (r, role) in m.roles.iter().enumerate() {
            let engine = can_assume(m, &index, caller, r);
            let evaluated = evaluate(
                m,
                &index,
                &Request {
                    principal: caller.clone(),
                    action: &engine.action,
                    resource: &role.detail.arn,
                    context: &ctx,
                },
            );
            assert_eq!(
                (
                    engine.verdict,
                    &engine.conditions,
                    &engine.alternatives,
                    &engine.unless
                ),
                (
                    evaluated.verdict,
                    &evaluated.conditions,
                    &evaluated.alternatives,
                    &evaluated.unless
                ),
                "{what}: {} → {}",
                caller.label(m),
                role.detail.arn
            );
            pairs += 1;
        }
    }
    pairs
}

#[test]
fn the_evaluator_agrees_with_the_assume_engine_on_every_pair() {
    let demo = model::build(vec![demo::current().unwrap()]);
    let mut pairs = compare("demo", &demo);
    pairs += compare("cloudmapper", &fixture("cloudmapper-demo.json"));
    pairs += compare(
        "cloudsplaining",
        &fixture("cloudsplaining-test-authz-details.json"),
    );
    pairs += compare("generated", &generated());
    assert!(pairs > 100_000, "{pairs} pairs");
}

#[test]
fn every_action_in_the_demos_aws_managed_policies_is_known() {
    let m = model::build(vec![demo::current().unwrap()]);
    let cat = Catalogue::get();
    let mut patterns = 0;
    let mut unknown: Vec<String> = Vec::new();
    for (p, policy) in m.policies.iter().enumerate() {
        if !policy.is_aws_managed() {
            continue;
        }
        for v in 0..policy.versions.len() {
            let Some(doc) = m.doc(DocRef::Version(p, v)) else {
                continue;
            };
            let Ok(parsed) = &doc.parsed else { continue };
            for st in &parsed.statements {
                let lists = st.action.iter().chain(st.not_action.iter());
                for pattern in lists.flat_map(|l| l.iter()) {
                    patterns += 1;
                    if cat.expand(pattern).actions.is_empty() {
                        unknown.push(format!("{}: {pattern}", policy.name));
                    }
                }
            }
        }
    }
    assert!(patterns > 100, "{patterns} patterns checked");
    assert!(
        unknown.is_empty(),
        "patterns naming no known action: {unknown:#?}"
    );
}

/// `who-can`'s batch gives every principal the evaluator's own decision,
/// and skips only principals the evaluator denies.
#[test]
fn the_batch_gives_each_principal_the_evaluators_decision() {
    let demo = model::build(vec![demo::current().unwrap()]);
    let generated = generated();
    let ctx = RequestContext::new();
    let mut skipped = 0;
    for (what, m) in [("demo", &demo), ("generated", &generated)] {
        let index = AssumeIndex::build(m);
        let callers: Vec<Caller> = (0..m.users.len())
            .map(Caller::User)
            .chain((0..m.roles.len()).map(Caller::Role))
            .collect();
        for (action, resource) in [
            ("s3:GetObject", "arn:aws:s3:::reports/q3.csv"),
            ("iam:PassRole", "*"),
            ("ec2:RunInstances", "*"),
            ("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/k"),
        ] {
            let batch =
                rolecall_core::analysis::eval::Batch::new(m, &index, action, resource, &ctx);
            for caller in &callers {
                let alone = evaluate(
                    m,
                    &index,
                    &Request {
                        principal: caller.clone(),
                        action,
                        resource,
                        context: &ctx,
                    },
                );
                let batched = batch.evaluate(caller, false).expect("never skipped");
                assert_eq!(alone, batched, "{what}: {} {action}", caller.label(m));
                match batch.evaluate(caller, true) {
                    Some(d) => assert_eq!(d, alone),
                    None => {
                        assert_eq!(
                            alone.verdict,
                            rolecall_core::analysis::assume::Verdict::Denied
                        );
                        skipped += 1;
                    }
                }
            }
        }
    }
    assert!(skipped > 100, "the fast path was taken {skipped} times");
}
