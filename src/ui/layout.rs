//! Screen areas remembered from the last draw, so mouse clicks and page
//! keys know what is where.

use ratatui::layout::{Position, Rect};

use super::nav::Tab;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// The role list's rows (inside its border, below its header).
    pub list: Rect,
    pub list_height: u16,
    /// The detail table's rows (inside its border, below its header).
    pub table: Rect,
    pub table_height: u16,
    /// The document pane, border included.
    pub doc: Rect,
    /// Lines of the help screen's text area.
    pub help_height: u16,
    /// Each tab title's area and tab.
    pub tabs: Vec<(Rect, Tab)>,
}

impl Hits {
    pub fn tab_at(&self, x: u16, y: u16) -> Option<Tab> {
        self.tabs
            .iter()
            .find(|(area, _)| area.contains(Position::new(x, y)))
            .map(|(_, tab)| *tab)
    }

    pub fn list_row_at(&self, x: u16, y: u16) -> Option<usize> {
        row_in(self.list, x, y)
    }

    pub fn table_row_at(&self, x: u16, y: u16) -> Option<usize> {
        row_in(self.table, x, y)
    }
}

fn row_in(area: Rect, x: u16, y: u16) -> Option<usize> {
    area.contains(Position::new(x, y))
        .then(|| usize::from(y - area.y))
}
