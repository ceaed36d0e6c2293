//! The Accounts view (`A`, `:accounts`): the organization's accounts under
//! their roots and OUs, each with its id, status, counts and whether its
//! snapshot is loaded; the tree's problems first, across the whole row.
//! Only the rows in view are formatted; every count was made with the
//! model (`ui::accounts`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row as TableRow, Table};

use super::super::accounts::AccountBook;
use super::super::app::{App, EntityList, Item};
use super::super::content::Tone;
use super::super::layout::Hits;
use super::super::text::{clean, fit_widths, truncate};
use super::super::theme::Theme;
use crate::model::Model;

/// Users, groups and policies show from this width of the list up.
const COUNTS_FROM: u16 = 140;
/// Indentation stops deepening here (a hostile tree can be deep).
const MAX_DEPTH: usize = 8;
/// The Account column is cut at this width.
const NAME_CAP: u16 = 40;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, list: &EntityList, hits: &Hits) {
    let area = hits.list_block;
    let model = &app.data.model;
    let book = &app.data.accounts;
    let title = super::list::list_title(
        theme,
        &super::list::ListTitle {
            name: "Accounts",
            exact: list.exact,
            shown: list.shown,
            total: list.total(),
            sort: "tree",
            reverse: false,
            filter: &list.filter,
            editing: list.editing,
        },
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows_area = hits.list;
    if rows_area.height == 0 {
        return;
    }
    let height = usize::from(rows_area.height);
    let (offset, in_view) = super::list::rows_in_view(&list.visible, list.offset, height);

    let counts = inner.width >= COUNTS_FROM;
    let header = headers(counts);
    let cells: Vec<Vec<(String, Tone)>> = in_view
        .iter()
        .map(|i| row_cells(model, book, *i, counts))
        .collect();
    let mut wanted: Vec<u16> = header.iter().map(|h| h.chars().count() as u16).collect();
    for row in &cells {
        for (w, (cell, _)) in wanted.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count().min(200) as u16);
        }
    }
    wanted[0] = wanted[0].min(NAME_CAP);
    let spacing = wanted.len().saturating_sub(1) as u16;
    let widths = fit_columns(&wanted, inner.width.saturating_sub(spacing));

    let mut problems: Vec<(Rect, String, Style)> = Vec::new();
    let rows: Vec<TableRow> = in_view
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(i, (item, cells))| {
            let selected = offset + i == list.selected;
            let style = if selected {
                theme.selected(true)
            } else {
                Style::default()
            };
            if let Item::Problem(p) = item {
                // Drawn over the row, across every column.
                let text = book.tree.problems.get(*p).cloned().unwrap_or_default();
                let at = Rect {
                    y: rows_area.y + i as u16,
                    height: 1,
                    ..rows_area
                };
                let tone = if selected {
                    style
                } else {
                    theme.tone(Tone::Warn)
                };
                problems.push((at, format!("⚠ organization.json: {text}"), tone));
                return TableRow::new(Vec::<Line>::new()).style(style);
            }
            let heading = matches!(item, Item::Unit(_));
            let lines: Vec<Line> = cells
                .into_iter()
                .zip(&widths)
                .enumerate()
                .map(|(c, ((text, tone), width))| {
                    let mut s = theme.tone(tone);
                    if heading && c == 0 {
                        s = s.add_modifier(Modifier::BOLD);
                    }
                    Line::styled(truncate(&text, usize::from(*width)).into_owned(), s)
                })
                .collect();
            TableRow::new(lines).style(style)
        })
        .collect();
    let header = TableRow::new(header).style(theme.column_header());
    let constraints: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w)).collect();
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, inner);
    for (at, text, style) in problems {
        frame.render_widget(Paragraph::new(text).style(style), at);
    }
    if list.visible.is_empty() {
        let text = if list.total() == 0 {
            "No account is loaded."
        } else {
            "No account matches the filter. Esc clears it."
        };
        frame.render_widget(Paragraph::new(text).style(theme.tone(Tone::Dim)), rows_area);
    }
}

/// The last column (the snapshot's state) keeps this much before the
/// account's name is cut (to `NAME_FLOOR`); Enter says the whole of it.
const LAST_MIN: u16 = 14;
const NAME_FLOOR: u16 = 16;

/// Column widths within `available` (spacing excluded): the counts, ids
/// and statuses whole, the last column what is left; when that is less
/// than `LAST_MIN`, the name gives way down to `NAME_FLOOR`; on a screen
/// narrower still, every column is cut alike.
fn fit_columns(wanted: &[u16], available: u16) -> Vec<u16> {
    let Some((last, others)) = wanted.split_last() else {
        return Vec::new();
    };
    let mut widths = wanted.to_vec();
    let sum = |w: &[u16]| w.iter().copied().fold(0u16, u16::saturating_add);
    let left = available.saturating_sub(sum(others));
    if left >= LAST_MIN.min(*last) {
        if let Some(w) = widths.last_mut() {
            *w = (*last).min(left);
        }
        return widths;
    }
    let short = LAST_MIN.min(*last) - left;
    let name = wanted[0];
    if name.saturating_sub(short) >= NAME_FLOOR.min(name) && others.len() > 1 {
        widths[0] = name - short;
        if let Some(w) = widths.last_mut() {
            *w = LAST_MIN.min(*last);
        }
        return widths;
    }
    fit_widths(wanted, available)
}

fn headers(counts: bool) -> Vec<&'static str> {
    let mut out = vec!["Account", "Id", "Status", "Roles"];
    if counts {
        out.extend(["Users", "Groups", "Policies"]);
    }
    out.extend(["Findings", "Snapshot"]);
    out
}

fn indent(depth: usize, name: &str) -> String {
    format!("{}{name}", "  ".repeat(depth.min(MAX_DEPTH)))
}

/// One row's cells as escaped text with a tone; as many as `headers`.
fn row_cells(model: &Model, book: &AccountBook, item: Item, counts: bool) -> Vec<(String, Tone)> {
    let depth = book.tree.depth(item);
    let plain = |s: String| (s, Tone::Normal);
    let dim = |s: String| (s, Tone::Dim);
    let org = model.organization.as_deref();
    let mut out = match item {
        Item::Unit(u) => {
            let Some(unit) = book.tree.units.get(u) else {
                return Vec::new();
            };
            let mut out = vec![
                (indent(depth, &unit.name), Tone::Accent),
                dim(unit.id.clone()),
                plain(String::new()),
                plain(unit.roles.to_string()),
            ];
            if counts {
                out.extend([
                    plain(String::new()),
                    plain(String::new()),
                    plain(String::new()),
                ]);
            }
            out.push(match book.findings {
                Some(_) => plain(unit.findings.to_string()),
                None => dim("…".into()),
            });
            out.push(dim(format!("{}/{} loaded", unit.loaded, unit.accounts)));
            return out;
        }
        Item::Account(a) => {
            let text = book.text(a);
            let org_account = book
                .tree
                .org_of
                .get(a)
                .copied()
                .flatten()
                .and_then(|o| org.and_then(|org| org.accounts.get(o)));
            let c = book.counts.get(a).copied().unwrap_or_default();
            let id = model
                .accounts
                .get(a)
                .map(|x| clean(&x.account_id).into_owned())
                .unwrap_or_default();
            let mut out = vec![
                plain(indent(depth, &text.short)),
                plain(id),
                status(org_account.map_or("", |x| x.status.as_str())),
                plain(c[0].to_string()),
            ];
            if counts {
                out.extend(c[1..].iter().map(|n| plain(n.to_string())));
            }
            out.push(match book.findings_of(a) {
                Some(n) => plain(n.to_string()),
                None => dim("…".into()),
            });
            out.push(match org_account.and_then(|x| x.error.as_deref()) {
                Some(error) => (format!("loaded; error: {}", clean(error)), Tone::Warn),
                None => (String::from("loaded"), Tone::Good),
            });
            out
        }
        Item::Absent(o) => {
            let Some(account) = org.and_then(|org| org.accounts.get(o)) else {
                return Vec::new();
            };
            let name = if account.name.is_empty() {
                &account.id
            } else {
                &account.name
            };
            let mut out = vec![
                dim(indent(depth, &clean(name))),
                dim(clean(&account.id).into_owned()),
                status(&account.status),
                dim("–".into()),
            ];
            if counts {
                out.extend([dim("–".into()), dim("–".into()), dim("–".into())]);
            }
            out.push(dim("–".into()));
            out.push(match account.error.as_deref() {
                Some(error) => (format!("not loaded: {}", clean(error)), Tone::Danger),
                None => (String::from("not loaded"), Tone::Warn),
            });
            out
        }
        Item::Problem(_) | Item::Entity(_) => Vec::new(),
    };
    out.truncate(headers(counts).len());
    out
}

/// An account's status; anything but ACTIVE stands out.
fn status(text: &str) -> (String, Tone) {
    let tone = match text {
        "ACTIVE" | "" => Tone::Dim,
        _ => Tone::Warn,
    };
    (clean(text).into_owned(), tone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counts_stay_whole_and_the_state_takes_what_is_left() {
        // Account, Id, Status, Roles, Findings, Snapshot.
        let wanted = [23, 17, 9, 5, 8, 46];
        // Wide: everything whole.
        assert_eq!(fit_columns(&wanted, 120), wanted);
        // 80 columns (73 without borders and spaces): the name gives way a
        // little so the state keeps LAST_MIN.
        assert_eq!(fit_columns(&wanted, 73), [20, 17, 9, 5, 8, 14]);
        assert_eq!(fit_columns(&wanted, 70), [17, 17, 9, 5, 8, 14]);
        // Roomier: the state takes what is left.
        assert_eq!(fit_columns(&wanted, 90), [23, 17, 9, 5, 8, 28]);
        // Narrower still: every column is cut, within the width.
        let tiny = fit_columns(&wanted, 68);
        assert!(tiny.iter().sum::<u16>() <= 68, "{tiny:?}");
        let tiny = fit_columns(&wanted, 40);
        assert!(tiny.iter().sum::<u16>() <= 40, "{tiny:?}");
        assert!(fit_columns(&[], 10).is_empty());
    }
}
