//! Times the audit on a generated account (10,000 roles and 5,000 users
//! unless told otherwise): the first audit of the process (which decodes
//! the action catalogue), then the median of later runs, for everything and
//! for the roles alone. Besides wall time it prints the process's CPU time
//! per run (from /proc/self/stat on Linux), which a busy machine disturbs
//! less:
//!
//! ```text
//! cargo run --release --example audit_report [-- ROLES USERS RUNS]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::time::{Duration, Instant};

use rolecall::audit::{AuditOptions, Auditor, all_findings};
use rolecall::model;
use rolecall::source::Loaded;
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};

/// User + system CPU time of this process so far, when Linux tells.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // USER_HZ is 100 on every Linux rolecall runs on.
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Median wall time and mean CPU time of `runs` calls.
fn time(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, Option<Duration>, usize) {
    let mut walls = Vec::new();
    let cpu_start = cpu_time();
    let mut n = 0;
    for _ in 0..runs {
        let start = Instant::now();
        n = f();
        walls.push(start.elapsed());
    }
    let cpu = cpu_start
        .zip(cpu_time())
        .map(|(a, b)| (b - a) / runs as u32);
    walls.sort();
    (walls[walls.len() / 2], cpu, n)
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let roles = args.next().and_then(Result::ok).unwrap_or(10_000);
    let users = args.next().and_then(Result::ok).unwrap_or(5_000);
    let runs = args.next().and_then(Result::ok).unwrap_or(10).max(1);
    let model = model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot: generate_account(&SyntheticSpec::sized(roles, users)),
    }]);
    let opts = AuditOptions::default();

    let start = Instant::now();
    let first = all_findings(&model, &opts);
    println!(
        "first audit (catalogue decoded)  {:>10.1?}  {} findings",
        start.elapsed(),
        first.len()
    );
    let (wall, cpu, n) = time(runs, || all_findings(&model, &opts).len());
    println!("every subject, median of {runs}    {wall:>10.1?}  cpu {cpu:>10.1?}  {n} findings");
    let (wall, cpu, n) = time(runs, || {
        let mut auditor = Auditor::new(&model, opts.clone());
        (0..model.roles.len()).map(|r| auditor.role(r).len()).sum()
    });
    println!("roles only, median of {runs}       {wall:>10.1?}  cpu {cpu:>10.1?}  {n} findings");
}
