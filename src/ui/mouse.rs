//! Mouse events as actions: what is under the pointer decides which.

use crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::action::Action;
use super::layout::Hits;

/// Wheel steps move this many rows or lines.
const WHEEL_STEP: i8 = 3;

/// The action for a mouse event, given the screen areas and the first row
/// each scrolled area shows (the offsets the app keeps).
pub fn action_of(
    mouse: MouseEvent,
    hits: &Hits,
    list_offset: usize,
    table_offset: usize,
) -> Option<Action> {
    let at = Position::new(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let step = if mouse.kind == MouseEventKind::ScrollDown {
                WHEEL_STEP
            } else {
                -WHEEL_STEP
            };
            if hits.doc.contains(at) {
                Some(Action::WheelDoc(step))
            } else if hits.list.contains(at) {
                Some(Action::WheelList(step))
            } else if hits.table.contains(at) {
                Some(Action::WheelTable(step))
            } else {
                None
            }
        }
        MouseEventKind::Down(_) => {
            if let Some(tab) = hits.tab_at(at.x, at.y) {
                Some(Action::ShowTab(tab))
            } else if let Some(row) = hits.list_row_at(at.x, at.y) {
                Some(Action::SelectListRow(list_offset + row))
            } else {
                hits.table_row_at(at.x, at.y)
                    .map(|row| Action::SelectTableRow(table_offset + row))
            }
        }
        _ => None,
    }
}
