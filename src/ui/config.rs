//! The config file: keys per mode and colours, over the defaults.
//!
//! ```toml
//! [keys.list]
//! quit = ["q", "ctrl-c"]   # every key of that action in that mode
//! down = "j"
//! [colors]
//! danger = "light-red"
//! ```
//!
//! Found at `--config FILE`, else `$ROLECALL_CONFIG`, else
//! `$XDG_CONFIG_HOME/rolecall/config.toml`, else
//! `~/.config/rolecall/config.toml`; only the last two may be missing.
//! `rolecall --print-config` writes the defaults in this format.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use super::action::Action;
use super::keymap::{Key, Keymap, Mode};
use super::theme::Palette;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub keymap: Keymap,
    pub palette: Palette,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}: {message}\n(`rolecall --print-config` prints a valid config with every action and colour)"
    )]
    Bad {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Where the config comes from, and whether it must exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPath {
    pub path: PathBuf,
    /// Named by the user (`--config`, `ROLECALL_CONFIG`): it must exist.
    pub explicit: bool,
}

/// The config file to read, given `--config` and a way to read the
/// environment (a parameter so tests need not change the process's own).
pub fn locate(flag: Option<&Path>, env: impl Fn(&str) -> Option<OsString>) -> Option<ConfigPath> {
    let explicit = |path: PathBuf| ConfigPath {
        path,
        explicit: true,
    };
    if let Some(path) = flag {
        return Some(explicit(path.to_path_buf()));
    }
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    if let Some(path) = set("ROLECALL_CONFIG") {
        return Some(explicit(path.into()));
    }
    let base = set("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(ConfigPath {
        path: base.join("rolecall").join("config.toml"),
        explicit: false,
    })
}

/// Reads the config the UI should use: the defaults when there is no file
/// at a path the user did not name.
pub fn load(flag: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(found) = locate(flag, |name| std::env::var_os(name)) else {
        return Ok(Config::default());
    };
    match std::fs::read_to_string(&found.path) {
        Ok(text) => Config::parse(&text, &found.path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !found.explicit => {
            Ok(Config::default())
        }
        Err(source) => Err(ConfigError::Read {
            path: found.path,
            source,
        }),
    }
}

/// The file's shape; names are checked by hand so an error can say which
/// names exist.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
}

impl Config {
    /// Parses a config file's text; `path` is for the messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let bad = |span: Option<Range<usize>>, message: String| ConfigError::Bad {
            path: path.to_path_buf(),
            line: span.map_or(1, |s| line_of(text, s.start)),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            bad(e.span(), message)
        })?;
        let mut config = Config::default();
        for (mode_name, actions) in &file.keys {
            let mode = Mode::from_name(mode_name.get_ref()).ok_or_else(|| {
                bad(
                    Some(mode_name.span()),
                    format!(
                        "unknown mode [keys.{}]; the modes are {}",
                        mode_name.get_ref(),
                        names(Mode::ALL.iter().map(|m| m.name().to_string()))
                    ),
                )
            })?;
            for (action_name, keys) in actions {
                let action = Action::from_name(action_name.get_ref()).ok_or_else(|| {
                    bad(
                        Some(action_name.span()),
                        format!(
                            "unknown action \"{}\" in [keys.{}]; the actions are {}",
                            action_name.get_ref(),
                            mode.name(),
                            names(Action::bindable().iter().filter_map(|a| a.name()))
                        ),
                    )
                })?;
                let keys = parse_keys(keys.get_ref()).map_err(|why| {
                    bad(
                        Some(keys.span()),
                        format!("{} in [keys.{}]: {why}", action_name.get_ref(), mode.name()),
                    )
                })?;
                config.keymap.rebind(mode, action, &keys);
            }
        }
        for (slot, value) in &file.colors {
            let color = parse_color(value.get_ref()).ok_or_else(|| {
                bad(
                    Some(value.span()),
                    format!(
                        "unknown colour \"{}\" for {}; use a name ({}), #rrggbb or 0–255",
                        value.get_ref(),
                        slot.get_ref(),
                        names(COLORS.iter().map(|(n, _)| n.to_string()))
                    ),
                )
            })?;
            let mut palette = config.palette;
            let mut slots = palette.slots();
            let Some((_, target)) = slots.iter_mut().find(|(name, _)| *name == slot.get_ref())
            else {
                let known = names(
                    Palette::default()
                        .slots()
                        .iter()
                        .map(|(n, _)| n.to_string()),
                );
                return Err(bad(
                    Some(slot.span()),
                    format!(
                        "unknown colour setting \"{}\"; the settings are {known}",
                        slot.get_ref()
                    ),
                ));
            };
            **target = color;
            config.palette = palette;
        }
        Ok(config)
    }

    /// This config as a file that `parse` reads back the same.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# rolecall configuration. Each entry gives an action all its keys in one\n\
             # mode; actions left out keep their default keys. Keys: a character (G, ?),\n\
             # ctrl-x, alt-x, enter, esc, tab, shift-tab, backspace, up, down, left,\n\
             # right, pgup, pgdn, home, end, space, f1-f12.\n",
        );
        for mode in Mode::ALL {
            out.push_str(&format!("\n[keys.{}]  # {}\n", mode.name(), mode.title()));
            for action in self.keymap.actions(mode) {
                let keys: Vec<String> = self
                    .keymap
                    .keys(mode, action)
                    .iter()
                    .map(|k| toml_string(&k.config_name()))
                    .collect();
                if let Some(name) = action.name() {
                    out.push_str(&format!(
                        "{name} = [{}]  # {}\n",
                        keys.join(", "),
                        action.help()
                    ));
                }
            }
        }
        out.push_str(
            "\n# Colours: a name, #rrggbb or 0-255. NO_COLOR=1 turns colour off.\n[colors]\n",
        );
        let mut palette = self.palette;
        for (name, color) in palette.slots() {
            out.push_str(&format!("{name} = {}\n", toml_string(&color_name(*color))));
        }
        out
    }
}

fn parse_keys(value: &toml::Value) -> Result<Vec<Key>, String> {
    let texts: Vec<&str> = match value {
        toml::Value::String(one) => vec![one.as_str()],
        toml::Value::Array(many) => many
            .iter()
            .map(|v| v.as_str().ok_or("each key must be a string"))
            .collect::<Result<_, _>>()?,
        _ => return Err("give a key (\"j\") or a list of keys ([\"j\", \"down\"])".into()),
    };
    texts
        .into_iter()
        .map(|text| {
            Key::parse(text).ok_or_else(|| {
                format!(
                    "cannot read the key \"{}\" (try j, G, ctrl-d, pgdn, enter, shift-tab, f5)",
                    text.escape_debug()
                )
            })
        })
        .collect()
}

const COLORS: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

fn parse_color(text: &str) -> Option<Color> {
    let lower = text.trim().to_ascii_lowercase();
    if let Some((_, color)) = COLORS.iter().find(|(name, _)| *name == lower) {
        return Some(*color);
    }
    if let Some(hex) = lower.strip_prefix('#') {
        let rgb = u32::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.len() == 6)?;
        return Some(Color::Rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8));
    }
    lower.parse::<u8>().ok().map(Color::Indexed)
}

fn color_name(color: Color) -> String {
    match COLORS.iter().find(|(_, c)| *c == color) {
        Some((name, _)) => name.to_string(),
        None => match color {
            Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
            Color::Indexed(i) => i.to_string(),
            other => format!("{other}").to_ascii_lowercase(),
        },
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn names(all: impl Iterator<Item = String>) -> String {
    all.collect::<Vec<_>>().join(", ")
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_flag_then_the_variable_then_xdg_then_home() {
        let all = [
            ("ROLECALL_CONFIG", "/env.toml"),
            ("XDG_CONFIG_HOME", "/xdg"),
            ("HOME", "/home/u"),
        ];
        let flag = Path::new("/flag.toml");
        assert_eq!(locate(Some(flag), env(&all)).unwrap().path, flag);
        let from_env = locate(None, env(&all)).unwrap();
        assert_eq!(from_env.path, Path::new("/env.toml"));
        assert!(from_env.explicit);
        let xdg = locate(None, env(&all[1..])).unwrap();
        assert_eq!(xdg.path, Path::new("/xdg/rolecall/config.toml"));
        assert!(!xdg.explicit);
        assert_eq!(
            locate(None, env(&all[2..])).unwrap().path,
            Path::new("/home/u/.config/rolecall/config.toml")
        );
        assert_eq!(locate(None, env(&[])), None);
    }

    #[test]
    fn the_printed_defaults_read_back_as_the_defaults() {
        let text = Config::default().to_toml();
        let parsed = Config::parse(&text, Path::new("defaults.toml")).unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn colours_are_set_by_name_hex_or_index() {
        let text = "[colors]\ndanger = \"light-red\"\naccent = \"#10ff00\"\ndim = \"244\"\n";
        let config = Config::parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(config.palette.danger, Color::LightRed);
        assert_eq!(config.palette.accent, Color::Rgb(0x10, 0xff, 0));
        assert_eq!(config.palette.dim, Color::Indexed(244));
        assert_eq!(
            Config::parse(&config.to_toml(), Path::new("c")).unwrap(),
            config
        );
    }

    #[test]
    fn each_bad_entry_names_its_line() {
        let cases = [
            (
                "[keys.list]\n\njump = \"j\"\n",
                3,
                "unknown action \"jump\"",
            ),
            (
                "[keys.list]\nquit = \"ctrl-\"\n",
                2,
                "cannot read the key \"ctrl-\"",
            ),
            ("[keys.list]\nquit = 7\n", 2, "give a key"),
            (
                "[keys.sideways]\nquit = \"q\"\n",
                1,
                "unknown mode [keys.sideways]",
            ),
            (
                "[colors]\ndim = \"grey-ish\"\n",
                2,
                "unknown colour \"grey-ish\"",
            ),
            (
                "[colors]\nsky = \"blue\"\n",
                2,
                "unknown colour setting \"sky\"",
            ),
            ("[keys.list\n", 1, ""),
            ("\n[fonts]\n", 2, "unknown field"),
        ];
        for (text, line, says) in cases {
            let error = Config::parse(text, Path::new("/etc/rc.toml")).unwrap_err();
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("/etc/rc.toml:{line}: ")),
                "{text:?}: {message}"
            );
            assert!(message.contains(says), "{text:?}: {message}");
        }
    }
}
