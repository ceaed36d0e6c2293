//! Where each pane is on the screen. The app computes this when the screen
//! size or the state changes (`App::relayout`) and keeps its scroll offsets
//! to fit it; drawing and mouse clicks both read the same result, so a
//! click after a resize hits the row that is drawn there.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::nav::Tab;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// The whole screen this was computed for.
    pub screen: Rect,
    pub header: Rect,
    pub status: Rect,
    /// The role list with its border (empty when not on the role list).
    pub list_block: Rect,
    /// The role list's rows (inside its border, below its header).
    pub list: Rect,
    pub list_height: u16,
    /// The detail pane with its border.
    pub detail_block: Rect,
    /// The tab bar (empty on pages without tabs).
    pub tab_bar: Rect,
    /// The detail table with its header row.
    pub table_block: Rect,
    /// The detail table's rows (below its header).
    pub table: Rect,
    pub table_height: u16,
    /// The note under the table about the selected row.
    pub note: Rect,
    /// The document pane, border included.
    pub doc: Rect,
    /// The help popup, border included (empty when closed).
    pub help: Rect,
    /// Lines of the help screen's text area.
    pub help_height: u16,
    /// Each tab title's area and tab.
    pub tabs: Vec<(Rect, Tab)>,
    /// The tab bar shows the short titles (the full ones do not fit).
    pub short_tabs: bool,
}

/// What the layout depends on besides the screen size.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    pub on_role_list: bool,
    /// A `:users` (…) list, which takes the whole body.
    pub full_list: bool,
    pub visible_roles: usize,
    /// A detail is shown (an entity, or the findings page).
    pub detail: bool,
    pub table_rows: usize,
    pub has_doc: bool,
    pub help: bool,
    pub help_lines: usize,
}

/// Computes every pane's area; `tabs` are the page's tabs and `note` the
/// character count of each line of the selected row's note.
pub fn compute(screen: Rect, shape: Shape, tabs: &[Tab], note: &[usize]) -> Hits {
    let mut hits = Hits {
        screen,
        ..Hits::default()
    };
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    hits.header = header;
    hits.status = status;
    let detail = if shape.full_list {
        hits.list_block = body;
        let inner = inner(body);
        if inner.height >= 2 {
            hits.list = Rect {
                y: inner.y + 1,
                height: inner.height - 1,
                ..inner
            };
            hits.list_height = hits.list.height;
        }
        Rect::default()
    } else if shape.on_role_list {
        // Two fifths of the body, less when the filter leaves few rows.
        let wanted = (shape.visible_roles.min(usize::from(u16::MAX - 6)) as u16).max(3) + 3;
        let list_height = (body.height * 2 / 5)
            .max(6)
            .min(body.height.saturating_sub(8).max(4))
            .min(wanted);
        let [list, detail] =
            Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)]).areas(body);
        hits.list_block = list;
        let inner = inner(list);
        if inner.height >= 2 {
            hits.list = Rect {
                y: inner.y + 1,
                height: inner.height - 1,
                ..inner
            };
            hits.list_height = hits.list.height;
        }
        detail
    } else {
        body
    };
    hits.detail_block = detail;
    let inner = inner(detail);
    if shape.detail && inner.height >= 2 {
        let tabs_height = u16::from(!tabs.is_empty());
        let [tab_bar, rest] =
            Layout::vertical([Constraint::Length(tabs_height), Constraint::Fill(1)]).areas(inner);
        hits.tab_bar = tab_bar;
        (hits.tabs, hits.short_tabs) = tab_titles(tab_bar, tabs);
        let width = usize::from(rest.width.max(1));
        let wrapped: usize = note.iter().map(|n| n.div_ceil(width).max(1)).sum();
        let note_height = (wrapped.min(5) as u16).min(rest.height / 3);
        let table_rows = shape.table_rows.min(usize::from(u16::MAX - 1)).max(1) as u16 + 1;
        let table_height = if shape.has_doc {
            table_rows
                .min((rest.height.saturating_sub(note_height)) * 2 / 5)
                .max(2.min(rest.height))
        } else {
            rest.height.saturating_sub(note_height)
        };
        let [table, note, doc] = Layout::vertical([
            Constraint::Length(table_height),
            Constraint::Length(note_height),
            Constraint::Fill(1),
        ])
        .areas(rest);
        hits.table_block = table;
        if shape.table_rows > 0 && table.height > 0 {
            hits.table = Rect {
                y: table.y + 1,
                height: table.height - 1,
                ..table
            };
            hits.table_height = hits.table.height;
        }
        hits.note = note;
        if shape.has_doc {
            hits.doc = doc;
        }
    }
    if shape.help {
        let width = screen.width.saturating_sub(4).min(86);
        let lines = shape.help_lines.min(usize::from(u16::MAX - 2)) as u16;
        let height = (lines + 2).min(screen.height.saturating_sub(2));
        hits.help = Rect {
            x: screen.x + (screen.width.saturating_sub(width)) / 2,
            y: screen.y + (screen.height.saturating_sub(height)) / 2,
            width,
            height,
        };
        hits.help_height = height.saturating_sub(2);
    }
    hits
}

/// The label of a tab in the bar: its number and title, padded.
pub fn tab_label(number: usize, title: &str) -> String {
    format!(" {number} {title} ")
}

/// Where each tab title goes: the full titles when they fit, else the
/// short ones, so that every tab (Drift too) shows at 80 columns.
fn tab_titles(bar: Rect, tabs: &[Tab]) -> (Vec<(Rect, Tab)>, bool) {
    let width_of = |short: bool| -> u16 {
        tabs.iter()
            .enumerate()
            .map(|(i, t)| {
                let title = if short { t.short_title() } else { t.title() };
                tab_label(i + 1, title).chars().count() as u16 + 1
            })
            .sum()
    };
    let short = width_of(false) > bar.width.saturating_add(1);
    let mut x = bar.x;
    let mut out = Vec::new();
    for (i, tab) in tabs.iter().enumerate() {
        let title = if short {
            tab.short_title()
        } else {
            tab.title()
        };
        let width = tab_label(i + 1, title).chars().count() as u16;
        let right = bar.x.saturating_add(bar.width);
        let visible = width.min(right.saturating_sub(x));
        if visible == 0 {
            break;
        }
        out.push((
            Rect {
                x,
                y: bar.y,
                width: visible,
                height: 1,
            },
            *tab,
        ));
        x = x.saturating_add(width + 1);
    }
    (out, short)
}

/// The area inside a one-cell border.
fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
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
