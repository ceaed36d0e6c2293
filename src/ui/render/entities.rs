//! The lists of users, groups and managed policies (`:users`, …): like
//! the role list, only the rows in view are formatted, and the columns are
//! sized to those rows. With several accounts or an organization, an
//! Account column (and an OU column on wide screens), from the texts made
//! once per model (`ui::accounts`).

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row as TableRow, Table};

use super::super::accounts::{AccountBook, shows_accounts};
use super::super::app::{App, EntityList, Item};
use super::super::content::Tone;
use super::super::layout::Hits;
use super::super::nav::ListPage;
use super::super::text::{clean, fit_widths_keeping};
use super::super::theme::Theme;
use super::list::name_line;
use crate::model::{EntityRef, Model, time};

/// Text columns (path, account) are cut at this width.
const TEXT_CAP: usize = 40;
/// The OU column, and the account's id beside its name, show from this
/// width of the list up.
const WIDE: u16 = 100;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, list: &EntityList, hits: &Hits) {
    let area = hits.list_block;
    let model = &app.data.model;
    let title = super::list::list_title(
        theme,
        &super::list::ListTitle {
            name: list.kind.title(),
            exact: list.exact,
            shown: list.visible.len(),
            total: list.total(),
            sort: list.sort.label(),
            reverse: list.reverse,
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

    // Every row's cells as plain text first (only the rows in view), so the
    // columns can be sized to them; the name cell is styled when drawn.
    let columns = AccountColumns {
        account: shows_accounts(model),
        wide: inner.width >= WIDE,
        ou: model.organization.is_some() && inner.width >= WIDE,
    };
    let header = headers(list.kind, columns);
    let book = &app.data.accounts;
    let cells: Vec<Vec<String>> = in_view
        .iter()
        .map(|i| cells_of(model, book, *i, columns))
        .collect();
    let mut wanted: Vec<u16> = header.iter().map(|h| h.chars().count() as u16).collect();
    for row in &cells {
        for (w, cell) in wanted.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count().min(TEXT_CAP * 2) as u16);
        }
    }
    for w in wanted.iter_mut().skip(1) {
        *w = (*w).min(TEXT_CAP as u16);
    }
    let spacing = wanted.len().saturating_sub(1) as u16;
    let widths = fit_widths_keeping(&wanted, Some(0), inner.width.saturating_sub(spacing));

    let rows: Vec<TableRow> = in_view
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(i, (item, cells))| {
            let mut lines: Vec<Line> = Vec::with_capacity(cells.len());
            for (c, text) in cells.into_iter().enumerate() {
                lines.push(match (c, item) {
                    (0, Item::Entity(e)) => name_line(theme, &list.text_filter, model.name_of(*e)),
                    _ if dim_column(list.kind, columns, c) => {
                        Line::styled(text, theme.tone(Tone::Dim))
                    }
                    _ => Line::raw(text),
                });
            }
            let style = if offset + i == list.selected {
                theme.selected(true)
            } else {
                Style::default()
            };
            TableRow::new(lines).style(style)
        })
        .collect();
    let header = TableRow::new(header).style(theme.column_header());
    let constraints: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w)).collect();
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, inner);
    if list.visible.is_empty() {
        let text = if list.total() == 0 {
            format!("The snapshot has no {}.", list.kind.title().to_lowercase())
        } else {
            "Nothing matches the filter. Esc clears it.".to_string()
        };
        frame.render_widget(Paragraph::new(text).style(theme.tone(Tone::Dim)), rows_area);
    }
}

/// Which account columns a list shows.
#[derive(Debug, Clone, Copy)]
struct AccountColumns {
    /// Several accounts or an organization: an Account column.
    account: bool,
    /// Name and id in it (else the name alone).
    wide: bool,
    /// An OU column beside it.
    ou: bool,
}

fn headers(kind: ListPage, columns: AccountColumns) -> Vec<&'static str> {
    let mut out = match kind {
        ListPage::Users => vec!["Name", "Path", "Groups", "Policies", "Created"],
        ListPage::Groups => vec!["Name", "Path", "Members", "Policies", "Created"],
        ListPage::Policies => vec!["Name", "Kind", "Used by", "Versions", "Updated"],
        // Drawn by `render::accounts`.
        ListPage::Accounts => vec!["Account"],
    };
    if columns.account && kind != ListPage::Accounts {
        out.insert(1, "Account");
        if columns.ou {
            out.insert(2, "OU");
        }
    }
    out
}

/// Paths and dates are dim, as on the role list; so is the OU.
fn dim_column(kind: ListPage, columns: AccountColumns, column: usize) -> bool {
    match kind {
        ListPage::Users | ListPage::Groups => column != 0,
        ListPage::Policies | ListPage::Accounts => columns.account && columns.ou && column == 2,
    }
}

fn date(when: Option<chrono::DateTime<chrono::Utc>>) -> String {
    when.map(time::short_date).unwrap_or_default()
}

/// One row's cells as (escaped) text.
fn cells_of(model: &Model, book: &AccountBook, item: Item, columns: AccountColumns) -> Vec<String> {
    let text = |s: &str| clean(s).into_owned();
    let mut out = match item {
        Item::Entity(EntityRef::User(i)) => match model.users.get(i) {
            Some(u) => vec![
                text(&u.detail.user_name),
                text(&u.detail.path),
                u.groups.len().to_string(),
                (u.attached.len() + u.inline.len()).to_string(),
                date(u.created),
            ],
            None => Vec::new(),
        },
        Item::Entity(EntityRef::Group(i)) => match model.groups.get(i) {
            Some(g) => vec![
                text(&g.detail.group_name),
                text(&g.detail.path),
                g.members.len().to_string(),
                (g.attached.len() + g.inline.len()).to_string(),
                date(g.created),
            ],
            None => Vec::new(),
        },
        Item::Entity(EntityRef::Policy(i)) => match model.policies.get(i) {
            Some(p) => vec![
                text(&p.name),
                if p.is_aws_managed() {
                    "AWS managed".into()
                } else {
                    "customer managed".into()
                },
                p.used_by.len().to_string(),
                p.versions.len().to_string(),
                date(p.updated.or(p.created)),
            ],
            None => Vec::new(),
        },
        Item::Entity(EntityRef::Role(i)) => match model.roles.get(i) {
            Some(r) => vec![text(&r.detail.role_name)],
            None => Vec::new(),
        },
        Item::Account(_) | Item::Unit(_) | Item::Absent(_) | Item::Problem(_) => {
            return Vec::new();
        }
    };
    if columns.account
        && let Item::Entity(e) = item
    {
        let account = book.text(model.account_of(e));
        let at = 1.min(out.len());
        if columns.ou {
            out.insert(at, account.ou.clone());
        }
        let label = if columns.wide {
            &account.full
        } else {
            &account.short
        };
        out.insert(at, label.clone());
    }
    out
}
