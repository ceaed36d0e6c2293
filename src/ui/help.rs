//! The `?` overlay: every key, one line each.

use ratatui::text::{Line, Span};

use super::theme::Theme;

pub const KEYS: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move the selection"),
    (
        "PgUp PgDn",
        "page the role list; scroll the document in a detail view",
    ),
    ("g G  Home End", "first / last row"),
    (
        "J K  Ctrl-d Ctrl-u",
        "scroll the document by a line / half a page",
    ),
    ("Tab  Shift-Tab", "next / previous tab"),
    ("1 … 9", "go to tab N"),
    (
        "Enter  → l",
        "open: role list → its detail; a policy, role, user or group → its page",
    ),
    (
        "Esc  Backspace  ← h",
        "go back (page history, then the role list, then clear filter)",
    ),
    (
        "/",
        "filter roles as you type: name, ARN, path, tags, trust principals",
    ),
    ("s  S", "sort roles by name / last used / created; reverse"),
    (
        "y",
        "copy the selected ARN (role, principal, policy, user, group)",
    ),
    ("Y", "copy the JSON document shown"),
    ("mouse", "wheel scrolls, click selects a row or a tab"),
    ("?", "this help"),
    ("q  Ctrl-c", "quit"),
];

pub fn lines(theme: Theme) -> Vec<Line<'static>> {
    KEYS.iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!(" {key:<20}"), theme.key()),
                Span::raw(what.to_string()),
            ])
        })
        .collect()
}
