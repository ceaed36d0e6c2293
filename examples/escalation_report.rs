//! Times the escalation analysis (issue 11) on a generated account of
//! 10,000 roles and 5,000 users, release build:
//! `cargo run --release --example escalation_report`. Prints the time to
//! find every edge, the paths to admin of one principal, and the Who can
//! assume tab of a role with its escalation rows; and the edge counts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::time::Instant;

use rolecall::analysis::assume::AssumeIndex;
use rolecall::analysis::escalation::{Node, graph, paths_to};
use rolecall::model::{self, EntityRef};
use rolecall::source::Loaded;
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};

fn main() {
    let spec = SyntheticSpec::sized(10_000, 5_000);
    let model = model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot: generate_account(&spec),
    }]);
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
