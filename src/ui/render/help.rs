//! The `?` overlay, made from the keymap, scrolled by the app.

use ratatui::Frame;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::super::app::App;
use super::super::help;
use super::super::layout::Hits;
use super::super::theme::Theme;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, hits: &Hits) {
    let popup = hits.help;
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    let lines = help::lines(theme, &app.keymap);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            " Keys · Esc closes · ↓ ↑ scroll ",
            theme.title(),
        ));
    let scroll = u16::try_from(app.help_scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
