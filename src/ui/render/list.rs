//! The role list: only the rows in view are formatted, and the columns are
//! sized to those rows' content (never to all 10,000 roles).

use ratatui::Frame;
use ratatui::layout::Constraint;
use std::borrow::Cow;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row as TableRow, Table};

use super::super::app::{App, Focus};
use super::super::content::{self, Tone};
use super::super::layout::Hits;
use super::super::text::{clean, fit_widths_keeping};
use super::super::theme::Theme;
use crate::model::filter::RoleFilter;
use crate::model::time;

/// The Path column shows from this width of the list up.
const PATH_FROM: u16 = 100;
/// A path longer than this is cut.
const PATH_CAP: u16 = 40;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, hits: &Hits) {
    let area = hits.list_block;
    let list = &app.list;
    let focused = app.page().focus == Focus::List;
    let title = list_title(
        theme,
        &ListTitle {
            name: "Roles",
            exact: list.exact,
            shown: list.visible.len(),
            total: app.data.model.roles.len(),
            sort: list.sort.label(),
            reverse: list.reverse,
            filter: &list.filter,
            editing: list.editing,
        },
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows_area = hits.list;
    if rows_area.height == 0 {
        return;
    }
    let height = usize::from(rows_area.height);
    // The app keeps the offset so the selection is in view.
    let offset = list.offset.min(list.visible.len().saturating_sub(1));
    let in_view = &list.visible[offset.min(list.visible.len())..];
    let in_view = &in_view[..height.min(in_view.len())];

    let model = &app.data.model;
    let multi = model.is_multi_account();
    let wide = inner.width >= PATH_FROM;
    let drift = app.data.drift.drift.is_some();
    let widest = |f: &dyn Fn(usize) -> usize| in_view.iter().map(|r| f(*r)).max().unwrap_or(0);
    let mut columns: Vec<(&str, u16)> = vec![(
        "Name",
        widest(&|r| model.roles[r].detail.role_name.chars().count()).max(4) as u16,
    )];
    if wide {
        let path = widest(&|r| model.roles[r].detail.path.chars().count()).max(4) as u16;
        columns.push(("Path", path.min(PATH_CAP)));
    }
    if multi {
        let account = widest(&|r| model.accounts[model.roles[r].account].label.chars().count());
        columns.push(("Account", (account.max(7) as u16).min(24)));
    }
    if drift {
        columns.push(("Drift", 9));
    }
    columns.push(("Risk", 6));
    let escalation = app.data.analysis.escalation();
    columns.push(("Esc", 4));
    columns.push(("Last used", 10));
    columns.push(("Created", 10));
    let spacing = columns.len().saturating_sub(1) as u16;
    let wanted: Vec<u16> = columns.iter().map(|(_, w)| *w).collect();
    // The name is cut last.
    let widths = fit_widths_keeping(&wanted, Some(0), inner.width.saturating_sub(spacing));

    let rows: Vec<TableRow> = in_view
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let role = &model.roles[*r];
            let now = model.reference_time(role.account);
            let last_used = match role.last_used {
                Some(when) => {
                    let tone = if time::days_between(when, now) >= 90 {
                        Tone::Warn
                    } else {
                        Tone::Normal
                    };
                    Span::styled(time::short_age(when, now), theme.tone(tone))
                }
                None => Span::styled("never", theme.tone(Tone::Dim)),
            };
            let mut cells = vec![name_line(theme, &list.text_filter, &role.detail.role_name)];
            if wide {
                cells.push(Line::styled(
                    clean(&role.detail.path).into_owned(),
                    theme.tone(Tone::Dim),
                ));
            }
            if multi {
                cells.push(Line::raw(
                    clean(&model.accounts[role.account].label).into_owned(),
                ));
            }
            if drift {
                cells.push(match app.data.drift.badge(&role.detail.arn) {
                    Some((text, tone)) => Line::styled(text, theme.tone(tone)),
                    None => Line::raw(""),
                });
            }
            cells.push(match app.data.risk.max(*r) {
                _ if app.data.risk.is_admin(*r) => Line::styled("admin", theme.tone(Tone::Danger)),
                Some(sev) => Line::styled(
                    sev.as_str(),
                    theme.tone(content::findings_severity_tone(sev)),
                ),
                None => Line::raw(""),
            });
            cells.push(match escalation.map(|v| v.gainer_count(*r)) {
                Some(0) | None => Line::raw(""),
                Some(n) => Line::styled(n.to_string(), theme.tone(Tone::Warn)),
            });
            cells.push(Line::from(last_used));
            cells.push(Line::styled(
                role.created.map(time::short_date).unwrap_or_default(),
                theme.tone(Tone::Dim),
            ));
            let style = if offset + i == list.selected {
                theme.selected(focused)
            } else {
                Style::default()
            };
            TableRow::new(cells).style(style)
        })
        .collect();
    let header = TableRow::new(columns.iter().map(|(name, _)| *name)).style(theme.column_header());
    let constraints: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w)).collect();
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, inner);
    if list.visible.is_empty() {
        let text = if model.roles.is_empty() {
            "The snapshot has no roles."
        } else {
            "No role matches the filter. Esc clears it."
        };
        frame.render_widget(Paragraph::new(text).style(theme.tone(Tone::Dim)), rows_area);
    }
}

/// A role's name with the characters the filter matched underlined, so the
/// match shows without colour too. A name with control characters is shown
/// escaped and unmarked (the escapes move the positions).
pub(super) fn name_line(theme: Theme, filter: &RoleFilter, name: &str) -> Line<'static> {
    let shown = clean(name);
    if filter.is_empty() || matches!(shown, Cow::Owned(_)) {
        return Line::raw(shown.into_owned());
    }
    let marks = filter.highlights(name);
    if marks.is_empty() {
        return Line::raw(name.to_string());
    }
    let matched = theme
        .key()
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in name.chars().enumerate() {
        let is_match = marks.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            let text = std::mem::take(&mut run);
            spans.push(if run_matched {
                Span::styled(text, matched)
            } else {
                Span::raw(text)
            });
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(if run_matched {
            Span::styled(run, matched)
        } else {
            Span::raw(run)
        });
    }
    Line::from(spans)
}

/// What a list's title says.
pub(super) struct ListTitle<'a> {
    pub name: &'a str,
    /// Matched exactly (at the front of the shown rows).
    pub exact: usize,
    pub shown: usize,
    pub total: usize,
    pub sort: &'a str,
    pub reverse: bool,
    pub filter: &'a str,
    pub editing: bool,
}

/// ` Roles 6 of 71, +23 fuzzy · sort: name · filter: sso▏ `, for every list.
pub(super) fn list_title(theme: Theme, t: &ListTitle<'_>) -> Line<'static> {
    let mut title = vec![
        Span::styled(format!(" {} ", t.name), theme.title()),
        Span::raw(format!(
            "{} of {}{} · sort: {}{} ",
            t.exact.min(t.shown),
            t.total,
            match t.shown.saturating_sub(t.exact) {
                0 => String::new(),
                fuzzy => format!(", +{fuzzy} fuzzy"),
            },
            t.sort,
            if t.reverse { " (reversed)" } else { "" }
        )),
    ];
    if !t.filter.is_empty() || t.editing {
        title.push(Span::styled(
            format!(
                "· filter: {}{} ",
                clean(t.filter),
                if t.editing { "▏" } else { "" }
            ),
            theme.key(),
        ));
    }
    Line::from(title)
}
