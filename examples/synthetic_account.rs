//! Writes a generated account as a GAAD JSON file, for benchmarks and for
//! trying rolecall on a large account:
//!
//! ```text
//! cargo run --release --example synthetic_account -- --roles 10000 --users 5000 OUT.json
//! ```
//!
//! Options: `--roles N`, `--users N`, `--groups N`, `--policies N` (managed
//! policies), `--seed N`, `--account ID` (12 digits), `--pretty` (indented
//! like the AWS CLI writes; compact by default). Groups and policies default
//! to the proportions of `SyntheticSpec::sized`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::process::ExitCode;

use rolecall_testkit::synthetic::{SyntheticSpec, generate_account, to_json_bytes};

const USAGE: &str = "usage: synthetic_account [--roles N] [--users N] [--groups N] [--policies N] \
                     [--seed N] [--account ID] [--pretty] OUT.json";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synthetic_account: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut roles = 1_000;
    let mut users = 500;
    let mut groups = None;
    let mut policies = None;
    let mut seed = None;
    let mut account = None;
    let mut pretty = false;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = args.next().ok_or_else(|| format!("{name} needs a value"))?;
            value
                .replace('_', "")
                .parse()
                .map_err(|_| format!("{name} takes a whole number, not {value:?}"))
        };
        match arg.as_str() {
            "--roles" => roles = number("--roles")? as usize,
            "--users" => users = number("--users")? as usize,
            "--groups" => groups = Some(number("--groups")? as usize),
            "--policies" => policies = Some(number("--policies")? as usize),
            "--seed" => seed = Some(number("--seed")?),
            "--account" => {
                let id = number("--account")?;
                account = Some(format!("{id:012}"));
            }
            "--pretty" => pretty = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            path if out.is_none() => out = Some(path.to_string()),
            extra => return Err(format!("unexpected argument {extra}")),
        }
    }
    let out = out.ok_or("no output file given")?;
    let mut spec = SyntheticSpec::sized(roles, users);
    if let Some(groups) = groups {
        spec.groups = groups;
    }
    if let Some(policies) = policies {
        spec.managed_policies = policies;
    }
    if let Some(seed) = seed {
        spec.seed = seed;
    }
    if let Some(account) = account {
        spec.account_id = account;
    }
    let snapshot = generate_account(&spec);
    let bytes = to_json_bytes(&snapshot, pretty).map_err(|e| format!("cannot serialize: {e}"))?;
    std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
    eprintln!(
        "wrote {out}: {} roles, {} users, {} groups, {} managed policies, account {}, {} bytes ({:.1} MiB)",
        spec.roles,
        spec.users,
        spec.groups,
        spec.managed_policies,
        spec.account_id,
        bytes.len(),
        bytes.len() as f64 / (1024.0 * 1024.0)
    );
    Ok(())
}
