//! Unified line diffs of pretty-printed JSON, with the `similar` crate
//! (Myers' diff; already in the dependency tree through `insta`).

use serde_json::Value;
use similar::TextDiff;

/// Pretty JSON with a trailing newline; empty for `None`.
pub(crate) fn pretty(value: Option<&Value>) -> String {
    value
        .and_then(|v| serde_json::to_string_pretty(v).ok())
        .map(|mut s| {
            s.push('\n');
            s
        })
        .unwrap_or_default()
}

/// A unified diff (3 lines of context) of two texts, `---`/`+++` headers
/// naming the two sides; empty when they are equal.
pub fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// The diff of two optional JSON documents.
pub(crate) fn json_diff(old: Option<&Value>, new: Option<&Value>, what: &str) -> String {
    unified_diff(
        &pretty(old),
        &pretty(new),
        &format!("old/{what}"),
        &format!("new/{what}"),
    )
}
