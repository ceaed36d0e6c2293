//! Loading files big enough to take a while, with progress on stderr. A
//! 200 MB GAAD file takes a few seconds to read, parse and index; saying
//! nothing for that long looks like a hang.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::model::{self, Model};
use crate::source::{self, LoadError, SourceSpec};
use crate::text::escape_controls_line;

/// Inputs at least this big (all files together) report their progress.
pub const BIG_INPUT_BYTES: u64 = 50 * 1_000_000;

/// Loads and indexes what `spec` names, as `model::build(source::load(spec))`
/// does, reporting each step on stderr when the files are big: a spinner
/// with the elapsed time on a terminal, one line per step otherwise.
pub fn load_model(spec: &SourceSpec) -> Result<Model, LoadError> {
    let mut model = load_accounts(spec)?;
    model.organization = source::load_organization(spec)?;
    Ok(model)
}

fn load_accounts(spec: &SourceSpec) -> Result<Model, LoadError> {
    let SourceSpec::Files(paths) = spec else {
        return Ok(model::build(source::load(spec)?));
    };
    // A directory counts as its account files.
    let files = source::dir::expand(paths)?;
    let paths = &files;
    let total: u64 = paths.iter().map(|p| file_size(p)).sum();
    if total < BIG_INPUT_BYTES {
        return Ok(model::build(source::load(&SourceSpec::Files(files))?));
    }
    let started = Instant::now();
    let progress = Progress::new();
    let mut loaded = Vec::with_capacity(paths.len());
    for path in paths {
        progress.step(&format!(
            "reading {} ({})",
            escape_controls_line(&path.display().to_string()),
            megabytes(file_size(path))
        ));
        loaded.extend(source::load(&SourceSpec::Files(vec![path.clone()]))?);
    }
    let roles: usize = loaded
        .iter()
        .map(|l| l.snapshot.role_detail_list.len())
        .sum();
    progress.step(&format!("indexing {roles} roles"));
    let model = model::build(loaded);
    progress.done(&format!(
        "loaded {} roles and {} users from {} in {:.1} s",
        model.roles.len(),
        model.users.len(),
        megabytes(total),
        started.elapsed().as_secs_f64()
    ));
    Ok(model)
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1_000_000.0)
}

/// A spinner on a terminal; plain lines when stderr is a file or a pipe.
enum Progress {
    Spinner(ProgressBar),
    Lines,
}

impl Progress {
    fn new() -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress::Lines;
        }
        let bar = ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed}] {wide_msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress::Spinner(bar)
    }

    fn step(&self, what: &str) {
        match self {
            Progress::Spinner(bar) => bar.set_message(format!("{what}…")),
            Progress::Lines => eprintln!("rolecall: {what}…"),
        }
    }

    fn done(&self, what: &str) {
        match self {
            Progress::Spinner(bar) => bar.finish_and_clear(),
            Progress::Lines => {}
        }
        eprintln!("rolecall: {what}");
    }
}
