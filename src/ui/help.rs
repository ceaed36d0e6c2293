//! The `?` screen and the status bar hints, both made from the keymap.

use ratatui::text::{Line, Span};

use super::action::Action;
use super::keymap::{Key, Keymap, Mode};
use super::theme::Theme;

/// Width of the keys column.
const KEYS_WIDTH: usize = 20;

/// One help line: the keys as shown, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub keys: String,
    pub what: String,
}

/// The sections of the help: a heading and its entries.
pub fn sections(keymap: &Keymap) -> Vec<(&'static str, Vec<Entry>)> {
    let same = |a: &Action| keymap.keys(Mode::List, *a) == keymap.keys(Mode::Document, *a);
    let list = keymap.actions(Mode::List);
    let document = keymap.actions(Mode::Document);
    let both: Vec<Action> = list.iter().copied().filter(|a| same(a)).collect();
    let list_only: Vec<Action> = list.into_iter().filter(|a| !same(a)).collect();
    let document_only: Vec<Action> = document.into_iter().filter(|a| !same(a)).collect();
    let mut out = vec![
        (
            "Role list and detail pane",
            entries(keymap, Mode::List, &both),
        ),
        (Mode::List.title(), entries(keymap, Mode::List, &list_only)),
        (
            Mode::Document.title(),
            entries(keymap, Mode::Document, &document_only),
        ),
        (
            Mode::Filter.title(),
            entries(keymap, Mode::Filter, &keymap.actions(Mode::Filter)),
        ),
        (
            Mode::Command.title(),
            entries(keymap, Mode::Command, &keymap.actions(Mode::Command)),
        ),
        (
            Mode::Help.title(),
            entries(keymap, Mode::Help, &keymap.actions(Mode::Help)),
        ),
    ];
    out.push((
        "Mouse",
        vec![
            Entry {
                keys: "wheel".into(),
                what: Action::WheelDoc(1).help(),
            },
            Entry {
                keys: "click".into(),
                what: Action::SelectListRow(0).help(),
            },
        ],
    ));
    out.retain(|(_, entries)| !entries.is_empty());
    out
}

/// Actions that share a help line when both are bound: keys `a / b`.
const PAIRS: &[(Action, Action, &str)] = &[
    (Action::Down, Action::Up, "move the selection down / up"),
    (Action::PageDown, Action::PageUp, "page the list down / up"),
    (Action::First, Action::Last, "first / last row"),
    (
        Action::ScrollDown,
        Action::ScrollUp,
        "scroll the document a line down / up",
    ),
    (
        Action::DocPageDown,
        Action::DocPageUp,
        "scroll the document a page down / up",
    ),
    (
        Action::HalfPageDown,
        Action::HalfPageUp,
        "scroll the document half a page down / up",
    ),
    (
        Action::ScrollRight,
        Action::ScrollLeft,
        "scroll long document lines right / left",
    ),
    (Action::NextTab, Action::PrevTab, "next / previous tab"),
    (
        Action::Sort,
        Action::ReverseSort,
        "sort: name / last used / created / risk; reverse",
    ),
];

/// Entries for these actions in this mode; the tab keys share one line,
/// and so do the two halves of a pair.
fn entries(keymap: &Keymap, mode: Mode, actions: &[Action]) -> Vec<Entry> {
    let spell = |keys: &[Key]| keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let tabs: Vec<(u8, Vec<Key>)> = actions
        .iter()
        .filter_map(|a| match a {
            Action::GotoTab(n) => Some((*n, keymap.keys(mode, *a))),
            _ => None,
        })
        .collect();
    for action in actions {
        if let Some((first, second, what)) = PAIRS.iter().find(|p| p.0 == *action) {
            let (a, b) = (keymap.keys(mode, *first), keymap.keys(mode, *second));
            if !b.is_empty() {
                out.push(Entry {
                    keys: format!("{} / {}", spell(&a), spell(&b)),
                    what: what.to_string(),
                });
                continue;
            }
        }
        if let Some((first, _, _)) = PAIRS.iter().find(|p| p.1 == *action)
            && actions.contains(first)
        {
            continue;
        }
        match action {
            Action::GotoTab(n) if Some(*n) == tabs.first().map(|t| t.0) => {
                let keys: Vec<String> = tabs.iter().map(|(_, keys)| spell(keys)).collect();
                let last = tabs.last().map_or(*n, |t| t.0);
                out.push(Entry {
                    keys: keys.join(" "),
                    what: format!("go to tab {n} … {last}"),
                });
            }
            Action::GotoTab(_) => {}
            other => out.push(Entry {
                keys: spell(&keymap.keys(mode, *other)),
                what: other.help(),
            }),
        }
    }
    out
}

/// How many lines `lines` gives.
pub fn line_count(keymap: &Keymap) -> usize {
    lines(Theme::new(false), keymap).len()
}

pub fn lines(theme: Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (heading, entries) in sections(keymap) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(format!(" {heading}"), theme.title()));
        for entry in entries {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {:<width$} ", entry.keys, width = KEYS_WIDTH),
                    theme.key(),
                ),
                Span::raw(entry.what),
            ]));
        }
    }
    lines
}

/// The status bar's hints for a mode: (key, word), most useful first.
pub fn hints(keymap: &Keymap, mode: Mode) -> Vec<(String, &'static str)> {
    const ORDER: [Action; 11] = [
        Action::Help,
        Action::CloseHelp,
        Action::FilterKeep,
        Action::FilterClear,
        Action::CommandRun,
        Action::CommandComplete,
        Action::CommandCancel,
        Action::Filter,
        Action::CopyArn,
        Action::Quit,
        Action::Command,
    ];
    ORDER
        .into_iter()
        .filter_map(|a| {
            let hint = a.hint()?;
            let key = keymap.keys(mode, a).first()?.label();
            Some((key, hint))
        })
        .collect()
}
