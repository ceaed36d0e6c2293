//! The detail table: the rows in view, columns sized to their content.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row as TableRow, Table};

use super::super::app::App;
use super::super::content::{Tone, Width};
use super::super::layout::Hits;
use super::super::text::fit_widths_keeping;
use super::super::theme::Theme;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, hits: &Hits, focused: bool) {
    let area = hits.table_block;
    let content = &app.content;
    let page = app.page();
    if area.height == 0 {
        return;
    }
    if content.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(content.empty_text).style(theme.tone(Tone::Dim)),
            area,
        );
        return;
    }
    let height = usize::from(hits.table.height);
    // The app keeps the offset so the selected row is in view.
    let offset = page.row_offset.min(content.rows.len().saturating_sub(1));
    let shown: Vec<usize> = (0..content.columns.len())
        .filter(|i| area.width >= content.columns[*i].hide_below)
        .collect();
    let rows: Vec<TableRow> = content
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let cells: Vec<Line> = shown
                .iter()
                .filter_map(|i| row.cells.get(*i))
                .map(|c| Line::styled(c.text.as_str(), theme.tone(c.tone)))
                .collect();
            let style = if i == page.row {
                theme.selected(focused)
            } else {
                Style::default()
            };
            TableRow::new(cells).style(style)
        })
        .collect();
    let wanted: Vec<u16> = shown
        .iter()
        .map(|i| content.widths.get(*i).copied().unwrap_or(10))
        .collect();
    let spacing = shown.len().saturating_sub(1) as u16;
    // The main column (the first that fills) is cut last.
    let main = shown
        .iter()
        .position(|i| matches!(content.columns[*i].width, Width::Fill(_)));
    let widths = fit_widths_keeping(&wanted, main, area.width.saturating_sub(spacing));
    let constraints: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w)).collect();
    let header =
        TableRow::new(shown.iter().map(|i| content.columns[*i].title)).style(theme.column_header());
    frame.render_widget(
        Table::new(rows, constraints)
            .header(header)
            .column_spacing(1),
        area,
    );
}
