//! The one keymap: the help lists every bound action, a config file
//! rebinds keys, and a bad config file stops the program with the line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{demo_app, press, render};
use rolecall::ui::Command;
use rolecall::ui::config::Config;
use rolecall::ui::keymap::{Keymap, Mode};

#[test]
fn every_bound_action_is_in_the_help_with_its_keys() {
    let keymap = Keymap::default();
    let text: String = rolecall::ui::help::sections(&keymap)
        .iter()
        .flat_map(|(_, entries)| entries.iter())
        .map(|e| format!("{} | {}\n", e.keys, e.what))
        .collect();
    for mode in Mode::ALL {
        for action in keymap.actions(mode) {
            // Pairs share a line ("down / up"): look for the line that
            // holds each of the action's keys.
            for key in keymap.keys(mode, action) {
                let label = key.label();
                assert!(
                    text.lines().any(|l| l
                        .split(" | ")
                        .next()
                        .unwrap()
                        .split(' ')
                        .any(|k| k == label)),
                    "{action:?} in {mode:?}: key {label} is not in the help:\n{text}"
                );
            }
        }
    }
    // And the help screen shows it, scrolled to its end with the keys.
    let mut app = demo_app(120, 40);
    press(&mut app, "?");
    let first = render(&mut app, 120, 40);
    assert!(first.contains("move the selection down / up"), "{first}");
    press(&mut app, &"j".repeat(80));
    let last = render(&mut app, 120, 40);
    assert!(last.contains("Esc ? q Enter"), "{last}");
    assert!(last.contains("close this help"), "{last}");
    press(&mut app, "<Esc>");
    assert!(!render(&mut app, 120, 40).contains("close this help"));
}

#[test]
fn a_config_file_rebinds_a_key() {
    let text = "[keys.list]\nquit = \"x\"\ndown = [\"n\", \"down\"]\n";
    let config = Config::parse(text, Path::new("mine.toml")).unwrap();
    let mut app = demo_app(120, 40);
    app.keymap = config.keymap;
    press(&mut app, "n");
    assert_eq!(app.list.selected, 1, "n moves down");
    press(&mut app, "j");
    assert_eq!(app.list.selected, 1, "j is no longer bound in the list");
    assert_eq!(press(&mut app, "q"), []);
    assert_eq!(press(&mut app, "x"), [Command::Quit]);
    // The help and the status bar say so.
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("x quit"), "{screen}");
    press(&mut app, "?");
    assert!(render(&mut app, 120, 40).contains("n ↓ / ↑ k"));
}

fn rolecall(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env_remove("ROLECALL_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap()
}

#[test]
fn a_bad_config_file_exits_2_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys.list]\nquit = \"q\"\nteleport = \"t\"\n").unwrap();
    let out = rolecall(&["--config", path.to_str().unwrap(), "demo"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:3: unknown action \"teleport\"",
            path.display()
        )),
        "{stderr}"
    );
    // A config file named but missing is an error too.
    let out = rolecall(&["--config", "/nonexistent/rc.toml", "demo"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/rc.toml"));
}

#[test]
fn print_config_prints_the_defaults_as_a_valid_file() {
    let out = rolecall(&["--print-config"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[keys.list]") && text.contains("[colors]"),
        "{text}"
    );
    let parsed = Config::parse(&text, Path::new("printed.toml")).unwrap();
    assert_eq!(parsed, Config::default());
}

#[test]
fn the_command_mode_is_in_the_help_and_can_be_rebound() {
    let keymap = Keymap::default();
    let sections = rolecall::ui::help::sections(&keymap);
    let command = sections
        .iter()
        .find(|(heading, _)| *heading == Mode::Command.title())
        .expect("a section for typing a : command");
    for key in ["Enter", "Tab", "Esc"] {
        assert!(command.1.iter().any(|e| e.keys == key), "{key}");
    }
    let text = "[keys.list]\ncommand = \";\"\n[keys.command]\ncommand-complete = \"ctrl-n\"\n";
    let config = Config::parse(text, Path::new("mine.toml")).unwrap();
    let mut app = demo_app(120, 40);
    app.keymap = config.keymap;
    press(&mut app, ":");
    assert!(app.command.is_none(), ": is no longer bound in the list");
    press(&mut app, ";us");
    assert_eq!(app.command.as_deref(), Some("us"));
    app.update(rolecall::ui::Msg::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('n'),
        crossterm::event::KeyModifiers::CONTROL,
    )));
    assert_eq!(app.command.as_deref(), Some("users"));
    press(&mut app, "<Enter>");
    assert!(app.entity_list().is_some());
}
