//! A storm of seeded random input through `App::update`: keys of every mode
//! (and keys no mode binds), mouse clicks and wheels anywhere, resizes down
//! to nothing, reload answers and frames drawn along the way. Nothing may
//! panic, and after every step the app's invariants hold: the page stack
//! starts with the role list and is never empty, every selection is inside
//! its list, and the open tab is one of the page's tabs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rolecall::model::{self, EntityRef, Model};
use rolecall::source::{self, SourceSpec};
use rolecall::ui::nav::Page;
use rolecall::ui::theme::Theme;
use rolecall::ui::{App, Command, Msg, Renderer};

const STEPS: usize = 100_000;
/// A frame is drawn every this many steps (drawing is the slow part).
const DRAW_EVERY: usize = 40;

/// xorshift64*: small, seeded, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Printable keys: the bound ones and others, ASCII and not.
const CHARS: &str = "jkhlgGqQ?/:nNrRsSyYcCdDeEfFtTuUpPaAwWxXbBmMoOiIvVzZ0123456789 +-=*.,;'[]{}<>()!@#$%^&|~`\\\"éß日本🙂\u{1b}\u{7}\u{9b}";
const COMMANDS: [&str; 8] = [
    ":users\n",
    ":groups\n",
    ":policies\n",
    ":accounts\n",
    ":roles\n",
    ":nope\n",
    ":u\t",
    "/admin",
];

fn random_key(rng: &mut Rng) -> KeyEvent {
    let specials = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::F(1),
        KeyCode::F(5),
        KeyCode::Null,
    ];
    let code = if rng.below(3) == 0 {
        *rng.pick(&specials)
    } else {
        let chars: Vec<char> = CHARS.chars().collect();
        KeyCode::Char(*rng.pick(&chars))
    };
    let modifiers = match rng.below(12) {
        0 => KeyModifiers::CONTROL,
        1 => KeyModifiers::SHIFT,
        2 => KeyModifiers::ALT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, modifiers)
}

fn typed(text: &str) -> Vec<Msg> {
    text.chars()
        .map(|c| {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            };
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
        })
        .collect()
}

fn random_mouse(rng: &mut Rng, width: u16, height: u16) -> MouseEvent {
    let kinds = [
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::ScrollUp,
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollLeft,
        MouseEventKind::ScrollRight,
        MouseEventKind::Moved,
    ];
    // Some events land outside the screen: terminals report stale positions
    // after a shrink.
    MouseEvent {
        kind: *rng.pick(&kinds),
        column: rng.below(u64::from(width) + 5) as u16,
        row: rng.below(u64::from(height) + 5) as u16,
        modifiers: KeyModifiers::NONE,
    }
}

fn random_size(rng: &mut Rng) -> (u16, u16) {
    match rng.below(10) {
        0 => (rng.below(4) as u16, rng.below(4) as u16),
        1 => (rng.below(400) as u16 + 1, rng.below(150) as u16 + 1),
        _ => (rng.below(160) as u16 + 20, rng.below(50) as u16 + 5),
    }
}

/// The invariants the UI relies on, checked after every step.
fn check(app: &App, step: usize, what: &str) {
    let at = || format!("step {step} ({what})");
    // Never empty, and the role list at the bottom.
    let bottom = app.pages.iter().next();
    assert!(
        bottom.is_some_and(|p| matches!(p.page, Page::RoleList { .. })),
        "{}: the stack's bottom is not the role list",
        at()
    );
    let list = &app.list;
    assert!(
        list.visible.is_empty() || list.selected < list.visible.len(),
        "{}: role selection {} of {}",
        at(),
        list.selected,
        list.visible.len()
    );
    assert!(list.visible.len() <= app.data.model.roles.len(), "{}", at());
    if let Some(entities) = app.entity_list() {
        assert!(
            entities.visible.is_empty() || entities.selected < entities.visible.len(),
            "{}: list selection {} of {}",
            at(),
            entities.selected,
            entities.visible.len()
        );
    }
    let tabs = app.tabs();
    match app.page().page {
        Page::RoleList { tab } | Page::Entity { tab, .. } => {
            assert!(tabs.contains(&tab), "{}: tab {tab:?} not in {tabs:?}", at());
        }
        Page::Findings | Page::Paths | Page::EntityList { .. } => {}
        Page::Actions { .. } => assert!(tabs.is_empty(), "{}: tabs on an actions page", at()),
    }
    if let Page::Entity { entity, .. } | Page::Actions { entity, .. } = app.page().page {
        let model = &app.data.model;
        let exists = match entity {
            EntityRef::Role(i) => i < model.roles.len(),
            EntityRef::User(i) => i < model.users.len(),
            EntityRef::Group(i) => i < model.groups.len(),
            EntityRef::Policy(i) => i < model.policies.len(),
        };
        assert!(
            exists,
            "{}: the page shows {entity:?}, gone from the model",
            at()
        );
    }
}

/// Carries out what the event loop would: the background audit, reloads
/// (answered with the same model, or with an error now and then), the rest
/// dropped (copying, quitting).
fn carry_out(app: &mut App, commands: Vec<Command>, reload: &Model, rng: &mut Rng) {
    for command in commands {
        let more = match command {
            Command::ComputeRisk { generation } => {
                let risk = Box::new(rolecall::ui::risk::RiskIndex::build(&app.data.model));
                app.update(Msg::RiskReady { generation, risk })
            }
            Command::Load { request } => {
                let result = if rng.below(4) == 0 {
                    Err("acct.json is truncated".to_string())
                } else {
                    Ok(Box::new(reload.clone()))
                };
                app.update(Msg::Loaded { request, result })
            }
            Command::Copy { .. } | Command::Quit | Command::Fail(_) => Vec::new(),
        };
        carry_out(app, more, reload, rng);
    }
}

fn storm(model: Model, seed: u64) {
    let reload = model.clone();
    let mut rng = Rng(seed);
    let mut app = App::new(model);
    let start = app.start();
    carry_out(&mut app, start, &reload, &mut rng);
    let mut renderer = Renderer::new(Theme::new(true));
    let (mut width, mut height) = (120u16, 40u16);
    app.update(Msg::Resize { width, height });
    let mut step = 0;
    while step < STEPS {
        let (msgs, what) = match rng.below(100) {
            0..=79 => (vec![Msg::Key(random_key(&mut rng))], "key"),
            80..=87 => (
                vec![Msg::Mouse(random_mouse(&mut rng, width, height))],
                "mouse",
            ),
            88..=91 => {
                (width, height) = random_size(&mut rng);
                (vec![Msg::Resize { width, height }], "resize")
            }
            92..=96 => (
                typed(COMMANDS[rng.below(COMMANDS.len() as u64) as usize]),
                "command",
            ),
            _ => (
                vec![Msg::Status("copied \u{1b}]52;c;x\u{7}".into())],
                "status",
            ),
        };
        for msg in msgs {
            let commands = app.update(msg);
            carry_out(&mut app, commands, &reload, &mut rng);
            check(&app, step, what);
            step += 1;
            if step % DRAW_EVERY == 0 {
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal.draw(|frame| renderer.draw(frame, &app)).unwrap();
            }
        }
    }
}

fn file_model(name: &str) -> Model {
    let path = format!("{}/tests/fixtures/gaad/{name}", env!("CARGO_MANIFEST_DIR"));
    model::build(source::load(&SourceSpec::Files(vec![path.into()])).unwrap())
}

#[test]
fn a_storm_on_the_demo() {
    storm(common::demo_model(), 0x5eed_0001);
}

#[test]
fn a_storm_on_the_cloudsplaining_fixture() {
    storm(
        file_model("cloudsplaining-test-authz-details.json"),
        0x5eed_0002,
    );
}

#[test]
fn a_storm_on_the_cloudmapper_fixture() {
    storm(file_model("cloudmapper-demo.json"), 0x5eed_0003);
}

#[test]
fn a_storm_on_two_accounts_at_once() {
    let both = source::load(&SourceSpec::Files(vec![
        format!(
            "{}/tests/fixtures/gaad/cloudmapper-demo.json",
            env!("CARGO_MANIFEST_DIR")
        )
        .into(),
        format!(
            "{}/tests/fixtures/gaad/cloudsplaining-test-authz-details.json",
            env!("CARGO_MANIFEST_DIR")
        )
        .into(),
    ]))
    .unwrap();
    storm(model::build(both), 0x5eed_0004);
}
