//! The status line: what just happened, and the hints for the mode.
//! The status text comes first; hints fill what is left, dropping the
//! least useful, so neither is cut in the middle by the other.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, COMMANDS, candidates};
use super::super::help;
use super::super::text::{clean, truncate};
use super::super::theme::Theme;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, area: Rect) {
    // Typing a `:` command: the command and what it can complete to.
    let status = match &app.command {
        Some(typed) => {
            let found = candidates(typed);
            format!(
                " :{}▏  {}",
                clean(typed),
                if found.is_empty() {
                    format!(
                        "no such list; try {}",
                        COMMANDS.map(|c| format!(":{c}")).join(" ")
                    )
                } else {
                    found
                        .iter()
                        .map(|c| format!(":{c}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            )
        }
        None => format!(" {}", clean(&app.status)),
    };
    let status_width = status.chars().count();
    let width = usize::from(area.width);
    let hints = help::hints(&app.keymap, app.mode());
    let width_of = |n: usize| -> usize {
        hints[..n]
            .iter()
            .map(|(k, w)| k.chars().count() + w.chars().count() + 2)
            .sum::<usize>()
            + 1
    };
    // As many hints as fit beside the whole status; at least the first
    // (the help key), the status then shortened with an ellipsis.
    let mut shown = hints.len();
    while shown > 1 && status_width + width_of(shown) > width {
        shown -= 1;
    }
    let hints_width = if shown == 0 { 0 } else { width_of(shown) };
    let mut spans = Vec::new();
    for (key, what) in &hints[..shown] {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    let hints_width = hints_width.min(width) as u16;
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(hints_width)]).areas(area);
    let status = truncate(&status, usize::from(left.width));
    frame.render_widget(Paragraph::new(status), left);
    frame.render_widget(Paragraph::new(Line::from(spans)), right);
}
