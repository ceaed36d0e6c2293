//! Rendered buffers checked for styles as well as text: the selected row,
//! danger tones, the active tab, verdict colours, and no colour at all
//! under NO_COLOR (`Theme::new(false)`, what `Theme::from_env` gives then).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

mod common;

use common::{demo_app, goto_role, press, render_buffer, select_role};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use rolecall::ui::theme::Theme;

/// The row of the screen whose text contains `needle`, and where it starts.
fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count() as u16;
            return (x, y);
        }
    }
    panic!("{needle:?} is not on the screen")
}

fn style_at(buffer: &Buffer, x: u16, y: u16) -> Style {
    buffer[(x, y)].style()
}

#[test]
fn the_selected_role_is_reversed_and_a_high_risk_is_bold_red() {
    let mut app = demo_app(120, 40);
    goto_role(&mut app, "github-actions-ecr-push");
    let buffer = render_buffer(&mut app, 120, 40, Theme::new(true));
    let (x, y) = find(&buffer, "github-actions-ecr-push ");
    let selected = style_at(&buffer, x, y);
    assert!(
        selected
            .add_modifier
            .contains(Modifier::REVERSED | Modifier::BOLD),
        "{selected:?}"
    );
    // The row below is not selected.
    let below = style_at(&buffer, x, y + 1);
    assert!(
        !below.add_modifier.contains(Modifier::REVERSED),
        "{below:?}"
    );
    // Its risk badge: the danger tone.
    let (hx, _) = find(&buffer, "Risk");
    let risk = style_at(&buffer, hx, y);
    assert_eq!(buffer[(hx, y)].symbol(), "h");
    assert_eq!(risk.fg, Some(Color::Red));
    assert!(risk.add_modifier.contains(Modifier::BOLD));
    // With the detail focused, the list selection is underlined instead.
    press(&mut app, "<Enter>");
    let buffer = render_buffer(&mut app, 120, 40, Theme::new(true));
    let unfocused = style_at(&buffer, x, y);
    assert!(unfocused.add_modifier.contains(Modifier::UNDERLINED));
    assert!(!unfocused.add_modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_active_tab_stands_out_and_the_others_are_dim() {
    let mut app = demo_app(120, 40);
    press(&mut app, "4");
    let buffer = render_buffer(&mut app, 120, 40, Theme::new(true));
    let (x, y) = find(&buffer, " 4 Permissions ");
    let active = style_at(&buffer, x + 3, y);
    assert!(
        active.add_modifier.contains(Modifier::REVERSED),
        "{active:?}"
    );
    assert_eq!(active.fg, Some(Color::Cyan));
    let (x, y) = find(&buffer, " 1 Trust ");
    let other = style_at(&buffer, x + 3, y);
    assert!(
        !other.add_modifier.contains(Modifier::REVERSED),
        "{other:?}"
    );
    assert_eq!(other.fg, Some(Color::DarkGray));
}

#[test]
fn the_tab_bar_shows_every_tab_at_80_columns_with_short_titles() {
    let mut app = demo_app(80, 24);
    let earlier = rolecall::model::build(vec![rolecall::source::demo::earlier().unwrap()]);
    app.set_baseline(earlier);
    goto_role(&mut app, "cloudcost-vendor-readonly");
    press(&mut app, "8");
    let buffer = render_buffer(&mut app, 80, 24, Theme::new(true));
    let (x, y) = find(&buffer, " 8 Drift ");
    assert!(
        style_at(&buffer, x + 3, y)
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    find(&buffer, " 2 Who ");
    // A click on a tab title shows that tab (the same areas as drawn).
    let (x, y) = find(&buffer, " 4 Perms ");
    app.update(rolecall::ui::Msg::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: x + 2,
        row: y,
        modifiers: crossterm::event::KeyModifiers::NONE,
    }));
    assert_eq!(app.page().tab(), Some(rolecall::ui::nav::Tab::Permissions));
}

#[test]
fn verdict_rows_are_coloured_by_verdict() {
    let mut app = demo_app(120, 40);
    select_role(&mut app, "prod-deployer");
    press(&mut app, "2");
    let buffer = render_buffer(&mut app, 120, 40, Theme::new(true));
    let (x, y) = find(&buffer, "✔ allowed");
    assert_eq!(style_at(&buffer, x, y).fg, Some(Color::Green));
    // A trust grant to a deleted role's id: listed, denied, in the danger tone.
    press(&mut app, "<Esc>");
    select_role(&mut app, "analytics-readonly");
    let buffer = render_buffer(&mut app, 120, 40, Theme::new(true));
    let (x, y) = find(&buffer, "✘ denied");
    let denied = style_at(&buffer, x, y);
    assert_eq!(denied.fg, Some(Color::Red));
    assert!(denied.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn no_color_leaves_no_colour_anywhere_but_keeps_the_selection_visible() {
    let mut app = demo_app(120, 40);
    select_role(&mut app, "prod-deployer");
    press(&mut app, "2<Enter>");
    for (buffer, what) in [
        (
            render_buffer(&mut app, 120, 40, Theme::new(false)),
            "who can assume",
        ),
        (
            {
                press(&mut app, "?");
                render_buffer(&mut app, 120, 40, Theme::new(false))
            },
            "help",
        ),
    ] {
        for cell in buffer.content() {
            assert_eq!(cell.fg, Color::Reset, "{what}: {:?}", cell.symbol());
            assert_eq!(cell.bg, Color::Reset, "{what}: {:?}", cell.symbol());
        }
        if what == "who can assume" {
            let (x, y) = find(&buffer, "✔ allowed");
            let row = style_at(&buffer, x, y);
            assert!(
                row.add_modifier.contains(Modifier::REVERSED),
                "the first verdict row is selected: {row:?}"
            );
        }
    }
}
