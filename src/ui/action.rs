//! What the user can ask for. Keys reach an `Action` through the keymap,
//! mouse events through `mouse::action`; `App::apply` carries it out.

use super::nav::Tab;

/// The tab keys go up to nine.
pub const TAB_KEYS: u8 = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    First,
    Last,
    ScrollDown,
    ScrollUp,
    DocPageDown,
    DocPageUp,
    HalfPageDown,
    HalfPageUp,
    ScrollRight,
    ScrollLeft,
    ScrollLineStart,
    NextTab,
    PrevTab,
    /// The Nth tab, from 1.
    GotoTab(u8),
    Open,
    Back,
    Filter,
    Sort,
    ReverseSort,
    Findings,
    Paths,
    /// The Accounts view: the organization's accounts by OU (`:accounts`).
    Accounts,
    CopyArn,
    CopyDoc,
    Reload,
    Help,
    Quit,
    /// Filter mode: stop typing, keep the filter.
    FilterKeep,
    /// Filter mode: stop typing and clear the filter.
    FilterClear,
    /// Filter mode: delete the last character.
    FilterDelete,
    CloseHelp,
    /// Start typing a `:` command (`:users`, `:policies`, …).
    Command,
    /// Command mode: run the command typed.
    CommandRun,
    /// Command mode: complete the typed prefix.
    CommandComplete,
    /// Command mode: stop typing, run nothing.
    CommandCancel,
    /// Command mode: delete the last character.
    CommandDelete,
    // From the mouse only (no key, no name): they carry where it pointed.
    /// The wheel over the role list.
    WheelList(i8),
    /// The wheel over the detail table.
    WheelTable(i8),
    /// The wheel over the document.
    WheelDoc(i8),
    /// A click on a tab title.
    ShowTab(Tab),
    /// A click on a row of the role list (index into the visible roles).
    SelectListRow(usize),
    /// A click on a row of the detail table.
    SelectTableRow(usize),
}

impl Action {
    /// Every action a key can be bound to, in the order the help lists them.
    pub fn bindable() -> Vec<Action> {
        let mut all = vec![
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::First,
            Action::Last,
            Action::ScrollDown,
            Action::ScrollUp,
            Action::DocPageDown,
            Action::DocPageUp,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::ScrollRight,
            Action::ScrollLeft,
            Action::ScrollLineStart,
            Action::NextTab,
            Action::PrevTab,
        ];
        all.extend((1..=TAB_KEYS).map(Action::GotoTab));
        all.extend([
            Action::Open,
            Action::Back,
            Action::Filter,
            Action::Sort,
            Action::ReverseSort,
            Action::Findings,
            Action::Paths,
            Action::Accounts,
            Action::CopyArn,
            Action::CopyDoc,
            Action::Reload,
            Action::Help,
            Action::Quit,
            Action::FilterKeep,
            Action::FilterClear,
            Action::FilterDelete,
            Action::CloseHelp,
            Action::Command,
            Action::CommandRun,
            Action::CommandComplete,
            Action::CommandCancel,
            Action::CommandDelete,
        ]);
        all
    }

    /// The name in the config file; `None` for mouse-only actions.
    pub fn name(self) -> Option<String> {
        let name = match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::First => "first",
            Action::Last => "last",
            Action::ScrollDown => "scroll-down",
            Action::ScrollUp => "scroll-up",
            Action::DocPageDown => "doc-page-down",
            Action::DocPageUp => "doc-page-up",
            Action::HalfPageDown => "half-page-down",
            Action::HalfPageUp => "half-page-up",
            Action::ScrollRight => "scroll-right",
            Action::ScrollLeft => "scroll-left",
            Action::ScrollLineStart => "scroll-line-start",
            Action::NextTab => "next-tab",
            Action::PrevTab => "prev-tab",
            Action::GotoTab(n) => return Some(format!("tab-{n}")),
            Action::Open => "open",
            Action::Back => "back",
            Action::Filter => "filter",
            Action::Sort => "sort",
            Action::ReverseSort => "reverse-sort",
            Action::Findings => "findings",
            Action::Paths => "paths",
            Action::Accounts => "accounts",
            Action::CopyArn => "copy-arn",
            Action::CopyDoc => "copy-doc",
            Action::Reload => "reload",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::FilterKeep => "filter-keep",
            Action::FilterClear => "filter-clear",
            Action::FilterDelete => "filter-delete",
            Action::CloseHelp => "close-help",
            Action::Command => "command",
            Action::CommandRun => "command-run",
            Action::CommandComplete => "command-complete",
            Action::CommandCancel => "command-cancel",
            Action::CommandDelete => "command-delete",
            Action::WheelList(_)
            | Action::WheelTable(_)
            | Action::WheelDoc(_)
            | Action::ShowTab(_)
            | Action::SelectListRow(_)
            | Action::SelectTableRow(_) => return None,
        };
        Some(name.to_string())
    }

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::bindable()
            .into_iter()
            .find(|a| a.name().as_deref() == Some(name))
    }

    /// One line for the help screen.
    pub fn help(self) -> String {
        let text = match self {
            Action::Down => "move the selection down",
            Action::Up => "move the selection up",
            Action::PageDown => "page the list down",
            Action::PageUp => "page the list up",
            Action::First => "first row",
            Action::Last => "last row",
            Action::ScrollDown => "scroll the document a line down",
            Action::ScrollUp => "scroll the document a line up",
            Action::DocPageDown => "scroll the document a page down",
            Action::DocPageUp => "scroll the document a page up",
            Action::HalfPageDown => "scroll the document half a page down",
            Action::HalfPageUp => "scroll the document half a page up",
            Action::ScrollRight => "scroll long document lines right",
            Action::ScrollLeft => "scroll long document lines left",
            Action::ScrollLineStart => "back to the start of the document lines",
            Action::NextTab => "next tab",
            Action::PrevTab => "previous tab",
            Action::GotoTab(n) => return format!("go to tab {n}"),
            Action::Open => "open the selected role, policy, user, group",
            Action::Back => "go back; on a list, clear its filter first",
            Action::Filter => "filter by name, ARN, path, tag, principal, sev:, id:",
            Action::Sort => {
                "sort: name / last used / created / risk / escalation (lists: name / created)"
            }
            Action::ReverseSort => "reverse the sort",
            Action::Findings => "all findings, grouped by id",
            Action::Paths => "who can reach admin: escalation paths, by technique",
            Action::Accounts => "accounts by OU: roles, findings, not loaded (:accounts)",
            Action::CopyArn => "copy the selected ARN",
            Action::CopyDoc => "copy the JSON document shown",
            Action::Reload => "reload: the files, the demo or the live account",
            Action::Help => "this help",
            Action::Quit => "quit",
            Action::FilterKeep => "keep the filter, stop typing",
            Action::FilterClear => "clear the filter, stop typing",
            Action::FilterDelete => "delete the last character",
            Action::CloseHelp => "close this help",
            Action::Command => "a list: :roles :users :groups :policies :accounts",
            Action::CommandRun => "open the list typed",
            Action::CommandComplete => "complete the command typed",
            Action::CommandCancel => "stop typing, open nothing",
            Action::CommandDelete => "delete the last character",
            Action::WheelList(_) | Action::WheelTable(_) | Action::WheelDoc(_) => {
                "the mouse wheel scrolls what is under it"
            }
            Action::ShowTab(_) | Action::SelectListRow(_) | Action::SelectTableRow(_) => {
                "a click selects a row or a tab"
            }
        };
        text.to_string()
    }

    /// The word on the status bar, for the few actions shown there.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Action::Help => Some("help"),
            Action::Filter => Some("filter"),
            Action::CopyArn => Some("copy ARN"),
            Action::Quit => Some("quit"),
            Action::FilterKeep => Some("keep"),
            Action::FilterClear => Some("clear"),
            Action::CloseHelp => Some("close"),
            Action::Command => Some("lists"),
            Action::CommandRun => Some("open"),
            Action::CommandComplete => Some("complete"),
            Action::CommandCancel => Some("cancel"),
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last
            | Action::ScrollDown
            | Action::ScrollUp
            | Action::DocPageDown
            | Action::DocPageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::ScrollRight
            | Action::ScrollLeft
            | Action::ScrollLineStart
            | Action::NextTab
            | Action::PrevTab
            | Action::GotoTab(_)
            | Action::Open
            | Action::Back
            | Action::Sort
            | Action::ReverseSort
            | Action::Findings
            | Action::Paths
            | Action::Accounts
            | Action::CopyDoc
            | Action::Reload
            | Action::FilterDelete
            | Action::CommandDelete
            | Action::WheelList(_)
            | Action::WheelTable(_)
            | Action::WheelDoc(_)
            | Action::ShowTab(_)
            | Action::SelectListRow(_)
            | Action::SelectTableRow(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_has_a_unique_name_that_reads_back() {
        let all = Action::bindable();
        for action in &all {
            let name = action.name().expect("bindable actions have names");
            assert_eq!(Action::from_name(&name), Some(*action), "{name}");
        }
        let mut names: Vec<String> = all.iter().filter_map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len());
    }
}
