//! The tab bar, at the places the layout gave each title (short titles on
//! a narrow terminal).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::content::Tone;
use super::super::layout::{Hits, tab_label};
use super::super::theme::Theme;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, hits: &Hits) {
    let current = app.page().tab();
    for (i, (area, tab)) in hits.tabs.iter().enumerate() {
        let title = if hits.short_tabs {
            tab.short_title()
        } else {
            tab.title()
        };
        let style = if Some(*tab) == current {
            theme.active_tab()
        } else {
            theme.tone(Tone::Dim)
        };
        let area: Rect = area.intersection(frame.area());
        frame.render_widget(Paragraph::new(tab_label(i + 1, title)).style(style), area);
    }
}
