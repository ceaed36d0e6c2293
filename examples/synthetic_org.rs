//! Writes a generated AWS Organization as a directory `rolecall open DIR`
//! reads (see `rolecall_testkit::synthetic_org`):
//!
//! ```text
//! cargo run --release --example synthetic_org -- --accounts 100 --roles 500 --users 100 OUT_DIR
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::path::PathBuf;
use std::process::ExitCode;

use rolecall_testkit::synthetic_org::{ORG_ID, OrgSpec, write_organization};

const USAGE: &str = "usage: synthetic_org [--accounts N] [--roles N] [--users N] OUT_DIR";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synthetic_org: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut spec = OrgSpec {
        accounts: 100,
        roles: 500,
        users: 100,
    };
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            let v = args.next().ok_or_else(|| format!("{name} needs a value"))?;
            v.parse()
                .map_err(|_| format!("{name} takes a whole number, not {v:?}"))
        };
        match arg.as_str() {
            "--accounts" => spec.accounts = number("--accounts")?.max(2),
            "--roles" => spec.roles = number("--roles")?,
            "--users" => spec.users = number("--users")?,
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => out = Some(PathBuf::from(arg)),
        }
    }
    let dir = out.ok_or("no output directory")?;
    write_organization(&dir, &spec).map_err(|e| format!("{}: {e}", dir.display()))?;
    eprintln!(
        "wrote {}: organization {ORG_ID}, {} accounts × {} roles, {} users",
        dir.display(),
        spec.accounts,
        spec.roles,
        spec.users
    );
    Ok(())
}
