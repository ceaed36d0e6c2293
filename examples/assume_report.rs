//! Times the assume-role engine on a generated account (10,000 roles and
//! 5,000 users unless told otherwise): the index build, who-can-assume for
//! the slowest single role, and for every role one after another (the
//! criterion bench measures one role in 20; this runs them all):
//!
//! ```text
//! cargo run --release --example assume_report [-- ROLES USERS]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::time::{Duration, Instant};

use rolecall::analysis::assume::{AssumeIndex, Caller, can_assume_what, chains, who_can_assume};
use rolecall::model;
use rolecall::source::Loaded;
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let roles = args.next().and_then(Result::ok).unwrap_or(10_000);
    let users = args.next().and_then(Result::ok).unwrap_or(5_000);
    let model = model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot: generate_account(&SyntheticSpec::sized(roles, users)),
    }]);

    let start = Instant::now();
    let index = AssumeIndex::build(&model);
    println!("index build                {:>10.1?}", start.elapsed());

    let start = Instant::now();
    let mut entries = 0usize;
    let mut slowest = (Duration::ZERO, 0usize, 0usize);
    for r in 0..model.roles.len() {
        let one = Instant::now();
        let n = who_can_assume(&model, &index, r, false).len();
        let took = one.elapsed();
        if took > slowest.0 {
            slowest = (took, r, n);
        }
        entries += n;
    }
    let all = start.elapsed();
    println!(
        "slowest role               {:>10.1?}  ({} entries, {})",
        slowest.0, slowest.2, model.roles[slowest.1].detail.role_name
    );
    println!("every role, one by one     {all:>10.1?}  ({entries} entries)");

    // What a user can assume, and the chains from there (the Can assume
    // tab), for one user in 50.
    let mut slowest = (Duration::ZERO, 0usize, 0usize);
    for u in (0..model.users.len()).step_by(50) {
        let one = Instant::now();
        let caller = Caller::User(u);
        let direct = can_assume_what(&model, &index, &caller).len();
        let paths = chains(&model, &index, &caller, 6).len();
        let took = one.elapsed();
        if took > slowest.0 {
            slowest = (took, direct, paths);
        }
    }
    println!(
        "can assume + chains, slowest of 1 user in 50 {:>8.1?}  ({} roles, {} chains)",
        slowest.0, slowest.1, slowest.2
    );
}
