//! The one table from keys to actions, per mode. The `?` help, the status
//! bar hints, `--print-config` and the config file all read or change it.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Which keys apply: they depend on what has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The role list has focus.
    List,
    /// The detail pane (its tabs, rows and document) has focus.
    Document,
    /// Typing a filter.
    Filter,
    /// The help screen is open.
    Help,
    /// Typing a `:` command.
    Command,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::List,
        Mode::Document,
        Mode::Filter,
        Mode::Help,
        Mode::Command,
    ];

    /// The section name in the config file (`[keys.list]`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::List => "list",
            Mode::Document => "document",
            Mode::Filter => "filter",
            Mode::Help => "help",
            Mode::Command => "command",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The heading of its section of the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::List => "Role list and the other lists",
            Mode::Document => "Detail pane and pages",
            Mode::Filter => "Typing a filter",
            Mode::Help => "This help",
            Mode::Command => "Typing a : command",
        }
    }
}

/// One key with its modifiers, as pressed or as written in a config file
/// (`j`, `G`, `ctrl-d`, `shift-tab`, `pgdn`, `enter`, `f1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    /// Only Ctrl and Alt: Shift is part of the character (`G`, `?`).
    pub ctrl: bool,
    pub alt: bool,
}

const NAMED: &[(&str, KeyCode, &str)] = &[
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("tab", KeyCode::Tab, "Tab"),
    ("shift-tab", KeyCode::BackTab, "Shift-Tab"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("delete", KeyCode::Delete, "Del"),
    ("insert", KeyCode::Insert, "Ins"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("pgup", KeyCode::PageUp, "PgUp"),
    ("pgdn", KeyCode::PageDown, "PgDn"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("space", KeyCode::Char(' '), "Space"),
];

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// The key of a terminal event, with Shift folded into the character.
    pub fn of_event(event: KeyEvent) -> Key {
        let code = match event.code {
            // Some terminals report Shift-Tab as Tab with Shift.
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses `ctrl-d`, `alt-x`, `G`, `pgdn`, `f5`; `None` if it is not a key.
    pub fn parse(text: &str) -> Option<Key> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = if let Some((_, code, _)) = NAMED.iter().find(|(name, _, _)| *name == lower) {
            *code
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                _ => return None,
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// How the help screen shows it: `↓`, `Ctrl-d`, `G`.
    pub fn label(self) -> String {
        self.spell(false)
    }

    /// How a config file writes it: `down`, `ctrl-d`, `G`.
    pub fn config_name(self) -> String {
        self.spell(true)
    }

    fn spell(self, for_config: bool) -> String {
        let mut out = String::new();
        if self.ctrl {
            out.push_str(if for_config { "ctrl-" } else { "Ctrl-" });
        }
        if self.alt {
            out.push_str(if for_config { "alt-" } else { "Alt-" });
        }
        match NAMED.iter().find(|(_, code, _)| *code == self.code) {
            Some((name, _, label)) => out.push_str(if for_config { name } else { label }),
            None => match self.code {
                KeyCode::Char(c) => out.push(c),
                KeyCode::F(n) => out.push_str(&format!("f{n}")),
                other => out.push_str(&format!("{other:?}")),
            },
        }
        out
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// One binding of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
}

#[derive(Debug, Clone, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// The same bindings, in any order.
impl PartialEq for Keymap {
    fn eq(&self, other: &Keymap) -> bool {
        self.bindings.len() == other.bindings.len()
            && self.bindings.iter().all(|b| other.bindings.contains(b))
    }
}

/// The default keys: mode, keys as a config file writes them, action.
fn default_table() -> Vec<(&'static [Mode], &'static str, Action)> {
    use Action as A;
    use Mode::{Command as C, Document as D, Filter as F, Help as H, List as L};
    const BOTH: &[Mode] = &[L, D];
    let mut table: Vec<(&'static [Mode], &'static str, Action)> = vec![
        (BOTH, "down j", A::Down),
        (BOTH, "up k", A::Up),
        (&[L], "pgdn", A::PageDown),
        (&[L], "pgup", A::PageUp),
        (BOTH, "home g", A::First),
        (BOTH, "end G", A::Last),
        (BOTH, "J", A::ScrollDown),
        (BOTH, "K", A::ScrollUp),
        (&[D], "pgdn", A::DocPageDown),
        (&[D], "pgup", A::DocPageUp),
        (BOTH, "ctrl-d", A::HalfPageDown),
        (BOTH, "ctrl-u", A::HalfPageUp),
        (BOTH, "L", A::ScrollRight),
        (BOTH, "H", A::ScrollLeft),
        (BOTH, "0", A::ScrollLineStart),
        (BOTH, "tab", A::NextTab),
        (BOTH, "shift-tab", A::PrevTab),
    ];
    const DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
    for (n, digit) in (1..).zip(DIGITS) {
        table.push((BOTH, digit, A::GotoTab(n)));
    }
    table.extend([
        (BOTH, "enter right l", A::Open),
        (BOTH, "esc backspace left h", A::Back),
        (BOTH, "/", A::Filter),
        (BOTH, ":", A::Command),
        (&[L], "s", A::Sort),
        (&[L], "S", A::ReverseSort),
        (BOTH, "F", A::Findings),
        (BOTH, "P", A::Paths),
        (BOTH, "A", A::Accounts),
        (BOTH, "y", A::CopyArn),
        (BOTH, "Y", A::CopyDoc),
        (BOTH, "r", A::Reload),
        (BOTH, "?", A::Help),
        (BOTH, "q ctrl-c", A::Quit),
        (&[F], "ctrl-c", A::Quit),
        (&[F], "enter", A::FilterKeep),
        (&[F], "esc", A::FilterClear),
        (&[F], "backspace", A::FilterDelete),
        (&[F], "down", A::Down),
        (&[F], "up", A::Up),
        (&[C], "enter", A::CommandRun),
        (&[C], "tab", A::CommandComplete),
        (&[C], "esc", A::CommandCancel),
        (&[C], "backspace", A::CommandDelete),
        (&[C], "ctrl-c", A::Quit),
        (&[H], "esc ? q enter", A::CloseHelp),
        (&[H], "ctrl-c", A::Quit),
        (&[H], "down j", A::Down),
        (&[H], "up k", A::Up),
        (&[H], "pgdn", A::DocPageDown),
        (&[H], "pgup", A::DocPageUp),
    ]);
    table
}

impl Default for Keymap {
    fn default() -> Keymap {
        let mut bindings = Vec::new();
        for (modes, keys, action) in default_table() {
            for mode in modes {
                for key in keys.split_whitespace() {
                    // The table is ours; a test checks that every key parses.
                    if let Some(key) = Key::parse(key) {
                        bindings.push(Binding {
                            mode: *mode,
                            key,
                            action,
                        });
                    }
                }
            }
        }
        Keymap { bindings }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
            .map(|b| b.action)
    }

    /// The keys of an action in a mode, in table order.
    pub fn keys(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && b.action == action)
            .map(|b| b.key)
            .collect()
    }

    /// The actions bound in a mode, each once, in `Action::bindable` order.
    pub fn actions(&self, mode: Mode) -> Vec<Action> {
        Action::bindable()
            .into_iter()
            .filter(|a| {
                self.bindings
                    .iter()
                    .any(|b| b.mode == mode && b.action == *a)
            })
            .collect()
    }

    /// Gives `action` exactly these keys in `mode`; a key that did something
    /// else there now does this (an empty list unbinds the action).
    pub fn rebind(&mut self, mode: Mode, action: Action, keys: &[Key]) {
        self.bindings
            .retain(|b| b.mode != mode || (b.action != action && !keys.contains(&b.key)));
        self.bindings.extend(keys.iter().map(|key| Binding {
            mode,
            key: *key,
            action,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses_and_reads_back() {
        for (_, keys, _) in default_table() {
            for text in keys.split_whitespace() {
                let key = Key::parse(text).unwrap_or_else(|| panic!("{text}"));
                assert_eq!(key.config_name(), text);
            }
        }
    }

    #[test]
    fn keys_parse_with_modifiers_and_reject_nonsense() {
        let ctrl_d = Key::parse("Ctrl-d").unwrap();
        assert!(ctrl_d.ctrl && ctrl_d.code == KeyCode::Char('d'));
        assert_eq!(ctrl_d.label(), "Ctrl-d");
        assert_eq!(Key::parse("f5").unwrap().code, KeyCode::F(5));
        assert_eq!(Key::parse("-").unwrap().code, KeyCode::Char('-'));
        for bad in ["", "ctrl-", "pagedownn", "f13", "ab", "\u{7}"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_rebound_key_leaves_its_old_action() {
        let mut keymap = Keymap::default();
        let j = Key::parse("j").unwrap();
        keymap.rebind(Mode::List, Action::Quit, &[j]);
        assert_eq!(keymap.action(Mode::List, j), Some(Action::Quit));
        assert_eq!(
            keymap.action(Mode::List, Key::parse("q").unwrap()),
            None,
            "quit has only the keys given now"
        );
        assert_eq!(
            keymap.keys(Mode::List, Action::Down),
            [Key::parse("down").unwrap()]
        );
        // Other modes keep their keys.
        assert_eq!(keymap.action(Mode::Document, j), Some(Action::Down));
    }
}
