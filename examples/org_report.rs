//! Times opening an organization directory and asking who can assume a
//! role across it (issue 12), release build:
//!
//! ```text
//! cargo run --release --example synthetic_org -- --accounts 100 --roles 500 --users 100 /tmp/org100
//! cargo run --release --example org_report -- /tmp/org100
//! ```
//!
//! Prints the load (read, parse, model), the assume index, who-can-assume
//! for a few roles (first call and the median of five), and the peak
//! resident memory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rolecall::analysis::assume::{AssumeIndex, who_can_assume};
use rolecall::source::SourceSpec;

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: org_report DIR"));
    let started = Instant::now();
    let model = rolecall::cli::progress::load_model(&SourceSpec::Files(vec![dir])).unwrap();
    let load = started.elapsed();
    println!(
        "load: {:.2} s ({} accounts, {} roles, {} users; organization: {})",
        load.as_secs_f64(),
        model.accounts.len(),
        model.roles.len(),
        model.users.len(),
        model
            .organization
            .as_ref()
            .map_or("none", |o| o.organization.id.as_str())
    );
    let started = Instant::now();
    let index = AssumeIndex::build(&model);
    println!(
        "assume index: {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    // Roles of different trust shapes, spread over the accounts.
    let text = |r: usize| {
        model.roles[r]
            .trust
            .as_ref()
            .map(|d| format!("{d:?}"))
            .unwrap_or_default()
    };
    let n = model.roles.len();
    let mut picks: Vec<(&str, usize)> = Vec::new();
    if let Some(r) = (0..n).find(|r| text(*r).contains("PrincipalOrgID")) {
        picks.push(("trust to * narrowed to the organization", r));
    }
    if let Some(r) = (n / 2..n).find(|r| text(*r).contains(":root")) {
        picks.push(("trust to another account's root", r));
    }
    picks.push(("a role in the middle", n / 2));
    picks.push(("the last role", n - 1));
    for (what, role) in picks {
        let first = Instant::now();
        let entries = who_can_assume(&model, &index, role, false);
        let first = first.elapsed();
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let _ = who_can_assume(&model, &index, role, false);
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "who-can-assume {} ({what}): {} principals, first {:.1} ms, median {:.1} ms",
            model.roles[role].detail.arn,
            entries.len(),
            first.as_secs_f64() * 1e3,
            times[2].as_secs_f64() * 1e3
        );
    }
    println!("peak RSS: {:.0} MB", peak_rss_mb());
}
