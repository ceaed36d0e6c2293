//! Helpers shared by the UI tests: the real demo account, key presses fed
//! through `App::update`, and frames rendered into ratatui's test backend.
#![allow(dead_code)]

pub mod tmux;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use rolecall::model::{self, Model};
use rolecall::source::{self, SourceSpec};
use rolecall::ui::theme::Theme;
use rolecall::ui::{App, Command, Msg, Renderer};

pub fn demo_model() -> Model {
    model::build(source::load(&SourceSpec::Demo).expect("the demo loads"))
}

/// The demo app after one frame at the given size, so page sizes are known,
/// with its start-up commands (the audit) carried out as the event loop would.
pub fn demo_app(width: u16, height: u16) -> App {
    let mut app = App::new(demo_model());
    let commands = app.start();
    run_commands(&mut app, commands);
    render(&mut app, width, height);
    app
}

/// Carries out `ComputeRisk` the way the event loop does (on this thread):
/// the findings, then the escalation graph.
pub fn run_commands(app: &mut App, commands: Vec<Command>) {
    for command in commands {
        if let Command::ComputeRisk { generation } = command {
            let risk = Box::new(rolecall::ui::risk::RiskIndex::build(&app.data.model));
            let mut more = app.update(Msg::RiskReady { generation, risk });
            let index = rolecall::analysis::assume::AssumeIndex::build(&app.data.model);
            let view = std::sync::Arc::new(rolecall::ui::escalation::EscalationView::build(
                &app.data.model,
                &index,
            ));
            more.extend(app.update(Msg::EscalationReady { generation, view }));
            run_commands(app, more);
        }
    }
}

/// Feeds keys; `<Name>` spells special keys (`<Enter>`, `<Esc>`, `<Tab>`,
/// `<BackTab>`, `<Down>`, `<Up>`, `<PgDn>`, `<PgUp>`, `<Backspace>`,
/// `<C-c>`), anything else is typed as characters. Returns all commands.
pub fn press(app: &mut App, keys: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (key, len) = if c == '<' {
            match rest.find('>') {
                Some(end) if end > 1 => (special(&rest[1..end]), end + 1),
                _ => (KeyEvent::new(KeyCode::Char('<'), KeyModifiers::NONE), 1),
            }
        } else {
            (
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                c.len_utf8(),
            )
        };
        commands.extend(app.update(Msg::Key(key)));
        rest = &rest[len..];
    }
    commands
}

fn special(name: &str) -> KeyEvent {
    let code = match name {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "PgDn" => KeyCode::PageDown,
        "PgUp" => KeyCode::PageUp,
        "Backspace" => KeyCode::Backspace,
        "C-c" => return KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        other => panic!("unknown key <{other}>"),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Tells the app the screen size, as the event loop does, and draws one
/// frame with this theme.
pub fn render_buffer(app: &mut App, width: u16, height: u16, theme: Theme) -> Buffer {
    app.update(Msg::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut renderer = Renderer::new(theme);
    terminal
        .draw(|frame| renderer.draw(frame, app))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Draws one frame (colour on) and returns the screen as text lines.
pub fn render(app: &mut App, width: u16, height: u16) -> String {
    let buffer = render_buffer(app, width, height, Theme::new(true));
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// Selects the demo role with this exact name through the filter, as a
/// person would, then clears the filter text while keeping the selection.
pub fn select_role(app: &mut App, name: &str) {
    press(app, &format!("/{name}<Enter>"));
    let position = app
        .list
        .visible
        .iter()
        .position(|r| app.data.model.roles[*r].detail.role_name == name)
        .unwrap_or_else(|| panic!("role {name} is in the demo"));
    for _ in 0..position {
        press(app, "<Down>");
    }
    assert_eq!(selected_role_name(app), name);
}

pub fn selected_role_name(app: &App) -> String {
    let role = app.list.selected_role().expect("a role is selected");
    app.data.model.roles[role].detail.role_name.clone()
}

/// Moves the list selection to the role with this name without filtering.
pub fn goto_role(app: &mut App, name: &str) {
    let position = app
        .list
        .visible
        .iter()
        .position(|r| app.data.model.roles[*r].detail.role_name == name)
        .unwrap_or_else(|| panic!("role {name} is in the demo"));
    press(app, "g");
    for _ in 0..position {
        press(app, "j");
    }
    assert_eq!(selected_role_name(app), name);
}

/// Opens the managed policy with this name as a page.
pub fn open_policy(app: &mut App, name: &str) {
    let policy = app
        .data
        .model
        .policies
        .iter()
        .position(|p| p.name == name)
        .unwrap_or_else(|| panic!("policy {name} is in the demo"));
    app.open(rolecall::model::EntityRef::Policy(policy));
}

/// The names of the roles the list shows now, in order.
pub fn visible_names(app: &App) -> Vec<String> {
    app.list
        .visible
        .iter()
        .map(|r| app.data.model.roles[*r].detail.role_name.clone())
        .collect()
}
