//! Loads a GAAD file the way rolecall does (read, `parse_gaad`,
//! `model::build`) and reports the wall time of each stage and the peak
//! resident memory (`VmHWM` from /proc/self/status, Linux only):
//!
//! ```text
//! cargo run --release --example load_report -- FILE.json
//! ```
//!
//! With `--app`, it also builds the UI state (`App::new`: sort, filter,
//! first detail pane) as the TUI does before its first frame.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::process::ExitCode;
use std::time::Instant;

use rolecall::model;
use rolecall::source::{Loaded, file::parse_gaad};
use rolecall::ui::App;

fn main() -> ExitCode {
    let mut path = None;
    let mut with_app = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--app" => with_app = true,
            "-h" | "--help" => {
                println!("usage: load_report [--app] FILE.json");
                return ExitCode::SUCCESS;
            }
            other if path.is_none() && !other.starts_with('-') => path = Some(arg),
            other => {
                eprintln!(
                    "load_report: unexpected argument {other}\nusage: load_report [--app] FILE.json"
                );
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(path) = path else {
        eprintln!("usage: load_report [--app] FILE.json");
        return ExitCode::FAILURE;
    };

    let rss_before = memory("VmRSS");
    let total = Instant::now();
    let start = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("load_report: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let read = start.elapsed();
    let size = bytes.len();

    let start = Instant::now();
    let snapshot = match parse_gaad(&bytes, &path) {
        Ok(snapshot) => snapshot,
        Err(e) => {
            eprintln!("load_report: {e}");
            return ExitCode::FAILURE;
        }
    };
    let parse = start.elapsed();
    // The app drops the file's bytes once parsed.
    drop(bytes);

    let start = Instant::now();
    let model = model::build(vec![Loaded {
        origin: path.clone(),
        snapshot,
    }]);
    let build = start.elapsed();
    let loaded = total.elapsed();
    let rss_model = memory("VmRSS");

    println!("file                {path}");
    println!(
        "size                {size} bytes ({:.1} MiB)",
        size as f64 / (1024.0 * 1024.0)
    );
    println!(
        "entities            {} roles, {} users, {} groups, {} managed policies, {} warnings",
        model.roles.len(),
        model.users.len(),
        model.groups.len(),
        model.policies.len(),
        model.warnings.len()
    );
    println!("read                {:>9.1} ms", ms(read));
    println!("parse_gaad          {:>9.1} ms", ms(parse));
    println!("model::build        {:>9.1} ms", ms(build));
    println!("total (load)        {:>9.1} ms", ms(loaded));
    if with_app {
        let start = Instant::now();
        let app = App::new(model);
        let ui = start.elapsed();
        println!("App::new            {:>9.1} ms", ms(ui));
        println!("total (to app)      {:>9.1} ms", ms(total.elapsed()));
        drop(app);
    } else {
        drop(model);
    }
    println!("RSS at start        {}", show(rss_before));
    println!("RSS with model      {}", show(rss_model));
    println!("peak RSS (VmHWM)    {}", show(memory("VmHWM")));
    ExitCode::SUCCESS
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A `/proc/self/status` field in kB.
fn memory(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}

fn show(kb: Option<u64>) -> String {
    match kb {
        Some(kb) => format!("{:.1} MiB ({kb} kB)", kb as f64 / 1024.0),
        None => "unknown (no /proc/self/status)".into(),
    }
}
