//! The `?` overlay: every key, one line each.

use ratatui::text::{Line, Span};

use super::theme::Theme;

pub const KEYS: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move the selection"),
    ("PgUp PgDn", "page the role list / scroll the document"),
    ("g G  Home End", "first / last row"),
    (
        "J K  Ctrl-d Ctrl-u",
        "scroll the document: a line / half a page",
    ),
    ("Tab  Shift-Tab", "next / previous tab"),
    ("1 … 9", "go to tab N"),
    ("Enter  → l", "open the selected role, policy, user, group"),
    (
        "Esc  Backspace  ← h",
        "go back; on the role list, clear the filter",
    ),
    ("/", "filter: name, ARN, path, tags, principals"),
    ("", "  sev:high  id:RC-TRUST-004  filter by finding"),
    ("s  S", "sort: name / last used / created / risk; reverse"),
    ("y", "copy the selected ARN"),
    ("Y", "copy the JSON document shown"),
    ("mouse", "wheel scrolls; click selects a row or tab"),
    ("r", "reload: the files, the demo or the live account"),
    ("F", "all findings, grouped by id"),
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
