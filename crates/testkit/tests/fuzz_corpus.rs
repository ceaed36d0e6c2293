//! Replays the committed fuzz corpus (`fuzz/corpus/TARGET/`) through the
//! same functions the cargo-fuzz targets call, on stable and in CI: every
//! crash the fuzzers found (kept there as a regression case) stays fixed,
//! and every input that once reached new code still passes the checks.
//! See docs/FUZZING.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::path::{Path, PathBuf};

use rolecall_testkit::fuzz;

fn corpus(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

/// Runs `check` on every file of the target's corpus, naming the file that
/// fails; an empty or missing corpus fails too.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = corpus(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "{}: the {target} corpus is empty",
        dir.display()
    );
    for path in &files {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(
            outcome.is_ok(),
            "{target}: {} breaks an invariant (replay it with `cargo +nightly fuzz run {target} {}`)",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn gaad_file_corpus() {
    replay("gaad_file", fuzz::gaad_file);
}

#[test]
fn policy_document_corpus() {
    replay("policy_document", fuzz::policy_document);
}

#[test]
fn condition_corpus() {
    replay("condition", fuzz::condition);
}

#[test]
fn account_corpus() {
    replay("account", fuzz::account);
}
