//! The role list: only the rows in view are formatted, and the columns are
//! sized to those rows' content (never to all 10,000 roles).

use ratatui::Frame;
use ratatui::layout::Constraint;
use std::borrow::Cow;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row as TableRow, Table};

use super::super::accounts::shows_accounts;
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
/// The Drift column.
const DRIFT: u16 = 9;
/// Risk, Esc, Last used and Created, with the spaces before them.
const FIXED: u16 = 6 + 4 + 10 + 10 + 4;
/// The name keeps this much (or all of it, when shorter) before the
/// account and OU columns give way; they give way to a name up to
/// `NAME_CAP` wide when a plan with fewer columns shows it whole.
const NAME_FLOOR: u16 = 24;
const NAME_CAP: u16 = 40;
/// The Account column is cut at this width, and the OU column at this one.
const ACCOUNT_CAP: u16 = 32;
const OU_CAP: u16 = 28;

/// What the role list's optional columns would like, for the rows in view.
struct Wanted {
    name: u16,
    path: u16,
    /// Several accounts or an organization.
    accounts: bool,
    /// The widest `name (id)` and name-only account cells.
    full: u16,
    short: u16,
    /// The widest OU path, with an organization.
    ou: Option<u16>,
    /// Every other column with its space.
    rest: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AccountForm {
    /// `prod (222222222222)`.
    Full,
    /// `prod`.
    Short,
}

/// The optional columns shown and their widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Plan {
    path: Option<u16>,
    account: Option<(AccountForm, u16)>,
    ou: Option<u16>,
}

/// Which optional columns fit a list `width` wide, most first: the path
/// (from `PATH_FROM` up), the account as name and id, the OU; then, as
/// the screen narrows, the path goes, the account shortens to its name,
/// the OU goes, and last the account, so the name keeps `NAME_FLOOR`
/// (and is whole, when some plan allows it).
fn plan_columns(width: u16, w: &Wanted) -> Plan {
    let path = (width >= PATH_FROM).then_some(w.path.min(PATH_CAP));
    let full = w.full.clamp(7, ACCOUNT_CAP);
    let short = w.short.clamp(7, ACCOUNT_CAP);
    let ou = w.ou.map(|o| o.clamp(2, OU_CAP));
    let mut tries: Vec<Plan> = Vec::new();
    if w.accounts {
        let account = |form, width| Some((form, width));
        tries.push(Plan {
            path,
            account: account(AccountForm::Full, full),
            ou,
        });
        tries.push(Plan {
            path: None,
            account: account(AccountForm::Full, full),
            ou,
        });
        tries.push(Plan {
            path: None,
            account: account(AccountForm::Short, short),
            ou,
        });
        tries.push(Plan {
            path: None,
            account: account(AccountForm::Short, short),
            ou: None,
        });
    } else {
        tries.push(Plan {
            path,
            ..Plan::default()
        });
    }
    let cost = |p: &Plan| -> u16 {
        let one = |c: Option<u16>| c.map_or(0, |c| c + 1);
        w.rest + one(p.path) + one(p.account.map(|(_, c)| c)) + one(p.ou)
    };
    // The first plan where the name is whole (up to `NAME_CAP`), else the
    // first where it keeps its floor.
    let fits = |room: u16| {
        tries
            .iter()
            .copied()
            .find(|p| cost(p).saturating_add(room) <= width)
    };
    fits(w.name.min(NAME_CAP))
        .or_else(|| fits(w.name.min(NAME_FLOOR)))
        .unwrap_or_default()
}

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
    let (offset, in_view) = rows_in_view(&list.visible, list.offset, height);

    let model = &app.data.model;
    let book = &app.data.accounts;
    let drift = app.data.drift.drift.is_some();
    let widest = |f: &dyn Fn(usize) -> usize| in_view.iter().map(|r| f(*r)).max().unwrap_or(0);
    let name_width = widest(&|r| model.roles[r].detail.role_name.chars().count()).max(4) as u16;
    let text_of = |r: usize| book.text(model.roles[r].account);
    let plan = plan_columns(
        inner.width,
        &Wanted {
            name: name_width,
            path: widest(&|r| model.roles[r].detail.path.chars().count()).max(4) as u16,
            accounts: shows_accounts(model),
            full: widest(&|r| text_of(r).full.chars().count()) as u16,
            short: widest(&|r| text_of(r).short.chars().count()) as u16,
            ou: model
                .organization
                .is_some()
                .then(|| widest(&|r| text_of(r).ou.chars().count()) as u16),
            rest: FIXED + if drift { DRIFT + 1 } else { 0 },
        },
    );
    let wide = plan.path.is_some();
    let mut columns: Vec<(&str, u16)> = vec![("Name", name_width)];
    if let Some(path) = plan.path {
        columns.push(("Path", path));
    }
    if let Some((_, width)) = plan.account {
        columns.push(("Account", width));
    }
    if let Some(width) = plan.ou {
        columns.push(("OU", width));
    }
    if drift {
        columns.push(("Drift", DRIFT));
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
            if let Some((form, _)) = plan.account {
                let text = book.text(role.account);
                cells.push(Line::raw(match form {
                    AccountForm::Full => text.full.clone(),
                    AccountForm::Short => text.short.clone(),
                }));
            }
            if plan.ou.is_some() {
                cells.push(Line::styled(
                    book.text(role.account).ou.clone(),
                    theme.tone(Tone::Dim),
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

/// The rows of `visible` on screen, from the app's scroll offset (kept so
/// the selection is in view; clamped here) and at most `height` of them,
/// with the index of the first.
pub(super) fn rows_in_view<T>(visible: &[T], offset: usize, height: usize) -> (usize, &[T]) {
    let offset = offset.min(visible.len().saturating_sub(1));
    let rest = &visible[offset.min(visible.len())..];
    (offset, &rest[..height.min(rest.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(accounts: bool, ou: Option<u16>) -> Wanted {
        Wanted {
            name: 30,
            path: 12,
            accounts,
            full: 22,
            short: 7,
            ou,
            rest: FIXED,
        }
    }

    #[test]
    fn the_account_and_ou_columns_give_way_as_the_screen_narrows() {
        let org = wanted(true, Some(13));
        let full = |p: Plan| p.account.map(|(f, _)| f);
        let wide = plan_columns(160, &org);
        assert_eq!(wide.path, Some(12));
        assert_eq!(full(wide), Some(AccountForm::Full));
        assert_eq!(wide.ou, Some(13));
        // 110 columns: the name (30) stays whole and the path gives way.
        let mid = plan_columns(110, &org);
        assert_eq!(
            (mid.path, full(mid), mid.ou),
            (None, Some(AccountForm::Full), Some(13))
        );
        // 100 columns: the account shortens to its name rather than cut
        // the role's.
        let mid = plan_columns(100, &org);
        assert_eq!(
            (mid.path, full(mid), mid.ou),
            (None, Some(AccountForm::Short), Some(13))
        );
        // 80x24 (78 inside the border): the account's name, no OU.
        let narrow = plan_columns(78, &org);
        assert_eq!(
            (narrow.path, full(narrow), narrow.ou),
            (None, Some(AccountForm::Short), None)
        );
        // Very narrow: the name keeps its floor.
        assert_eq!(plan_columns(50, &org), Plan::default());
        // Whatever is shown fits.
        for width in 40..200 {
            let p = plan_columns(width, &org);
            let one = |c: Option<u16>| c.map_or(0, |c| c + 1);
            let used = FIXED + one(p.path) + one(p.account.map(|(_, c)| c)) + one(p.ou);
            assert!(
                used + NAME_FLOOR <= width || p == Plan::default(),
                "{width}: {p:?}"
            );
        }
    }

    #[test]
    fn one_account_without_an_organization_shows_the_path_only() {
        let one = wanted(false, None);
        assert_eq!(
            plan_columns(120, &one),
            Plan {
                path: Some(12),
                ..Plan::default()
            }
        );
        assert_eq!(plan_columns(99, &one), Plan::default());
        // An organization of one loaded account still shows its OU.
        let org = Wanted {
            accounts: true,
            ..wanted(true, Some(9))
        };
        assert!(plan_columns(120, &org).ou.is_some());
    }
}
