//! `--baseline`: keep only the findings that are new since a baseline.
//! Two findings are the same when their id, role ARN and location (policy
//! and statement index) are equal; explanations may differ.

use std::collections::HashSet;

use super::Finding;

/// The findings of `current` that have no counterpart in `baseline`.
pub fn new_since(current: Vec<Finding>, baseline: &[Finding]) -> Vec<Finding> {
    let known: HashSet<_> = baseline.iter().map(Finding::key).collect();
    current
        .into_iter()
        .filter(|f| !known.contains(&f.key()))
        .collect()
}
