//! Carrying out actions: moving, scrolling, tabs, opening and going
//! back, sorting and filtering, copying. Keys and mouse events reach
//! here as `Action`s.

use crossterm::event::{KeyCode, KeyEvent, MouseEvent};

use super::lists::{Item, candidates, parse_command};
use super::{App, Command, Focus, PageState, SIDEWAYS_STEP, clamp_step, keep_visible};
use crate::model::EntityRef;
use crate::ui::action::Action;
use crate::ui::content;
use crate::ui::keymap::{Key, Mode};
use crate::ui::mouse;
use crate::ui::nav::{ListPage, Page, Tab};

impl App {
    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.command.is_some() {
            Mode::Command
        } else if self.list.editing || self.entity_list().is_some_and(|l| l.editing) {
            Mode::Filter
        } else if self.entity_list().is_some()
            || (self.on_role_list() && self.page().focus == Focus::List)
        {
            Mode::List
        } else {
            Mode::Document
        }
    }

    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let mode = self.mode();
        let key = Key::of_event(key);
        if let Some(action) = self.keymap.action(mode, key) {
            return self.apply(action);
        }
        // Typing a filter: any other plain character is part of it.
        if let (Mode::Filter, KeyCode::Char(c), false, false) = (mode, key.code, key.ctrl, key.alt)
        {
            self.edit_filter(|f| f.push(c));
        }
        // Typing a command: likewise.
        if let (Mode::Command, KeyCode::Char(c), false, false) = (mode, key.code, key.ctrl, key.alt)
            && let Some(command) = self.command.as_mut()
        {
            command.push(c);
        }
        Vec::new()
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Command> {
        let list_offset = self.entity_list().map_or(self.list.offset, |l| l.offset);
        let table_offset = self.page().row_offset;
        match mouse::action_of(mouse, &self.hits, list_offset, table_offset) {
            Some(action) => self.apply(action),
            None => Vec::new(),
        }
    }

    /// Carries out one action, whether it came from a key or the mouse.
    pub fn apply(&mut self, action: Action) -> Vec<Command> {
        if self.help {
            self.apply_in_help(action);
            return match action {
                Action::Quit => vec![Command::Quit],
                _ => Vec::new(),
            };
        }
        let in_list = self.mode() == Mode::List;
        match action {
            Action::Quit => return vec![Command::Quit],
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
                self.help_lines = crate::ui::help::line_count(&self.keymap);
            }
            Action::CloseHelp => self.help = false,
            Action::Filter => {
                if let Some(list) = self.entity_list_mut() {
                    list.editing = true;
                } else {
                    self.goto_root();
                    self.page_mut().focus = Focus::List;
                    self.list.editing = true;
                }
            }
            Action::FilterKeep => {
                self.list.editing = false;
                if let Some(list) = self.entity_list_mut() {
                    list.editing = false;
                }
            }
            Action::FilterClear => {
                self.edit_filter(String::clear);
                self.list.editing = false;
                if let Some(list) = self.entity_list_mut() {
                    list.editing = false;
                }
            }
            Action::FilterDelete => self.edit_filter(|f| {
                f.pop();
            }),
            Action::Command => self.command = Some(String::new()),
            Action::CommandCancel => self.command = None,
            Action::CommandDelete => {
                if let Some(command) = self.command.as_mut() {
                    command.pop();
                }
            }
            Action::CommandComplete => self.complete_command(),
            Action::CommandRun => {
                let typed = self.command.take().unwrap_or_default();
                self.run_command(&typed);
            }
            Action::Sort | Action::ReverseSort
                if self.list_page_kind() == Some(ListPage::Accounts) =>
            {
                self.status = "The accounts keep the organization's order: each OU's accounts by name, then its OUs.".into();
            }
            Action::Sort | Action::ReverseSort if self.entity_list().is_some() => {
                let model = &self.data.model;
                let book = &self.data.accounts;
                if let Some(kind) = self.list_page_kind()
                    && let Some(list) = self.lists.get_mut(kind)
                {
                    if action == Action::Sort {
                        list.sort = list.sort.next();
                    } else {
                        list.reverse = !list.reverse;
                    }
                    list.resort(model, book);
                    self.status = format!(
                        "Sorted by {}{}.",
                        list.sort.label(),
                        if list.reverse { ", reversed" } else { "" }
                    );
                }
            }
            Action::Sort => {
                self.list.sort = self.list.sort.next();
                self.resort();
                self.status = format!("Sorted by {}.", self.list.sort.label());
            }
            Action::ReverseSort => {
                self.list.reverse = !self.list.reverse;
                self.resort();
                self.status = format!(
                    "Sorted by {}, {}.",
                    self.list.sort.label(),
                    if self.list.reverse {
                        "reversed"
                    } else {
                        "normal order"
                    }
                );
            }
            Action::NextTab => self.switch_tab(1),
            Action::PrevTab => self.switch_tab(-1),
            Action::GotoTab(n) => {
                if let Some(tab) = self.tabs().get(usize::from(n).saturating_sub(1)) {
                    self.select_tab(*tab);
                }
            }
            Action::ShowTab(tab) => self.select_tab(tab),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown if in_list => self.move_by(self.list_page() as isize),
            Action::PageUp if in_list => self.move_by(-(self.list_page() as isize)),
            Action::PageDown | Action::DocPageDown => self.scroll_doc(self.doc_page() as isize),
            Action::PageUp | Action::DocPageUp => self.scroll_doc(-(self.doc_page() as isize)),
            Action::HalfPageDown => self.scroll_doc(self.doc_page() as isize / 2),
            Action::HalfPageUp => self.scroll_doc(-(self.doc_page() as isize / 2)),
            Action::ScrollDown => self.scroll_doc(1),
            Action::ScrollUp => self.scroll_doc(-1),
            Action::ScrollRight => self.scroll_sideways(SIDEWAYS_STEP),
            Action::ScrollLeft => self.scroll_sideways(-SIDEWAYS_STEP),
            Action::ScrollLineStart => self.page_mut().hscroll = 0,
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::Open => self.enter(),
            Action::Back => self.back(),
            Action::CopyArn => return self.copy_arn(),
            Action::CopyDoc => return self.copy_doc(),
            Action::Reload => return self.reload(),
            Action::Findings => {
                if self.page().page != Page::Findings {
                    self.open_findings();
                }
            }
            Action::Accounts => {
                if self.list_page_kind() != Some(ListPage::Accounts) {
                    self.open_list(ListPage::Accounts);
                }
            }
            Action::Paths => {
                if self.page().page != Page::Paths {
                    self.pages.push(PageState::new(Page::Paths));
                    self.status = "Who can reach admin, by the technique of the first step. Enter on a step opens the statement's policy; Esc goes back.".into();
                    self.refresh();
                }
            }
            Action::WheelDoc(step) => self.scroll_doc(isize::from(step)),
            Action::WheelList(step) => {
                self.page_mut().focus = Focus::List;
                self.move_by(isize::from(step));
            }
            Action::WheelTable(step) => {
                self.page_mut().focus = Focus::Detail;
                self.move_by(isize::from(step));
            }
            Action::SelectListRow(target) if self.entity_list().is_some() => {
                if let Some(list) = self.entity_list_mut()
                    && target < list.visible.len()
                {
                    list.selected = target;
                }
            }
            Action::SelectListRow(target) => {
                self.page_mut().focus = Focus::List;
                if target < self.list.visible.len() {
                    self.list.selected = target;
                    self.on_role_selected();
                }
            }
            Action::SelectTableRow(target) => {
                if self.on_role_list() {
                    self.page_mut().focus = Focus::Detail;
                }
                if target < self.content.rows.len() {
                    let page = self.page_mut();
                    page.row = target;
                    page.scroll = 0;
                    page.hscroll = 0;
                    self.refresh_doc();
                }
            }
        }
        Vec::new()
    }

    /// The help screen takes only its own actions (its mode's keys).
    fn apply_in_help(&mut self, action: Action) {
        let page = usize::from(self.hits.help_height.max(1));
        let max = self.help_lines.saturating_sub(page);
        let step = match action {
            Action::CloseHelp | Action::Help | Action::Back | Action::Quit => {
                self.help = false;
                return;
            }
            Action::Down | Action::ScrollDown | Action::WheelDoc(_) => 1,
            Action::Up | Action::ScrollUp => -1,
            Action::PageDown | Action::DocPageDown | Action::HalfPageDown => page as isize,
            Action::PageUp | Action::DocPageUp | Action::HalfPageUp => -(page as isize),
            _ => 0,
        };
        self.help_scroll = clamp_step(self.help_scroll, step, max + 1);
    }

    pub(super) fn list_page(&self) -> usize {
        usize::from(self.hits.list_height.max(1))
    }

    pub(super) fn doc_page(&self) -> usize {
        usize::from(self.hits.doc.height.saturating_sub(1).max(1))
    }

    pub(super) fn table_page(&self) -> usize {
        usize::from(self.hits.table_height.max(1))
    }

    /// Moves the selection of whatever has focus; large steps clamp.
    pub(super) fn move_by(&mut self, delta: isize) {
        let list_page = self.list_page();
        if let Some(list) = self.entity_list_mut() {
            let len = list.visible.len();
            if len > 0 {
                list.selected = clamp_step(list.selected, delta, len);
                list.offset = keep_visible(list.offset, list.selected, list_page);
            }
            return;
        }
        let in_list = self.on_role_list() && self.page().focus == Focus::List;
        if in_list {
            let len = self.list.visible.len();
            if len == 0 {
                return;
            }
            let next = clamp_step(self.list.selected, delta, len);
            if next != self.list.selected {
                self.list.selected = next;
                self.on_role_selected();
            }
            self.list.offset = keep_visible(self.list.offset, self.list.selected, self.list_page());
        } else {
            let len = self.content.rows.len();
            if len == 0 {
                self.scroll_doc(delta);
                return;
            }
            let page_rows = self.table_page();
            let page = self.page_mut();
            let next = clamp_step(page.row, delta, len);
            if next != page.row {
                page.row = next;
                page.scroll = 0;
                page.hscroll = 0;
            }
            page.row_offset = keep_visible(page.row_offset, page.row, page_rows);
            self.refresh_doc();
        }
    }

    pub(super) fn scroll_sideways(&mut self, delta: isize) {
        let max = self
            .doc_width
            .saturating_sub(usize::from(self.hits.doc.width));
        let page = self.page_mut();
        page.hscroll = clamp_step(page.hscroll, delta, max + 1);
    }

    pub(super) fn scroll_doc(&mut self, delta: isize) {
        let max = self.doc_lines.saturating_sub(self.doc_page());
        let page = self.page_mut();
        page.scroll = clamp_step(page.scroll, delta, max + 1);
    }

    fn switch_tab(&mut self, delta: isize) {
        let tabs = self.tabs();
        let Some(at) = self
            .page()
            .tab()
            .and_then(|t| tabs.iter().position(|x| *x == t))
        else {
            return;
        };
        let next = (at as isize + delta).rem_euclid(tabs.len() as isize) as usize;
        self.select_tab(tabs[next]);
    }

    /// Shows `tab` when the current page has it.
    pub(super) fn select_tab(&mut self, tab: Tab) {
        if self.tabs().contains(&tab) && self.page().tab() != Some(tab) {
            let page = self.page_mut();
            page.page = page.page.with_tab(tab);
            page.row = 0;
            page.row_offset = 0;
            page.scroll = 0;
            page.hscroll = 0;
            self.refresh();
        }
    }

    fn enter(&mut self) {
        if let Some(list) = self.entity_list() {
            match list.selected_item() {
                Some(Item::Entity(entity)) => self.open(entity),
                Some(Item::Account(account)) => self.show_account_roles(account),
                Some(item @ (Item::Unit(_) | Item::Absent(_) | Item::Problem(_))) => {
                    self.status = super::accounts_view::why_not_open(&self.data, item);
                }
                None => self.status = "Nothing to open: the list is empty.".into(),
            }
            return;
        }
        let page = self.page();
        if self.on_role_list() && page.focus == Focus::List {
            if self.list.selected_role().is_some() {
                self.page_mut().focus = Focus::Detail;
            }
            return;
        }
        let Some(row) = self.content.rows.get(page.row) else {
            return;
        };
        if let Some(drill) = row.drill {
            self.pages.push(PageState::new(drill));
            self.status = "Each action, with the statements that grant and remove it. Enter opens the policy; Esc goes back.".into();
            self.refresh();
            self.relayout();
            return;
        }
        match row.target {
            Some(target) if row.open_at.is_some() => {
                let (tab, at) = row.open_at.unwrap_or((Tab::Trust, 0));
                self.open(target);
                self.select_tab(tab);
                self.move_by(at as isize);
            }
            Some(target) => self.open(target),
            None => {
                self.status = if row.doc.is_some() {
                    "Nothing to open here; PgUp/PgDn scroll the document.".into()
                } else {
                    "Nothing to open here: this is not a loaded role, user, group or policy.".into()
                };
            }
        }
    }

    /// Opens an entity as a new page of the history.
    /// Opens the account-wide findings, grouped by finding id.
    pub fn open_findings(&mut self) {
        self.pages.push(PageState::new(Page::Findings));
        self.status =
            "All findings by id. Enter opens the finding's role, user, group or policy; Esc goes back."
                .into();
        self.refresh();
    }

    pub fn open(&mut self, entity: EntityRef) {
        self.pages.push(PageState::new(Page::of(entity)));
        self.status = format!("Opened {}. Esc goes back.", self.data.model.arn_of(entity));
        self.refresh();
        self.relayout();
    }

    fn back(&mut self) {
        if self.entity_list().is_some_and(|l| !l.filter.is_empty()) {
            self.edit_filter(String::clear);
            self.status = "Filter cleared.".into();
            return;
        }
        if self.pages.pop() {
            self.refresh();
            self.keep_scroll_in_range();
            return;
        }
        if self.page().focus == Focus::Detail {
            self.page_mut().focus = Focus::List;
        } else if !self.list.filter.is_empty() {
            self.list.filter.clear();
            self.refilter();
            self.status = "Filter cleared.".into();
        }
    }

    pub(super) fn goto_root(&mut self) {
        if self.pages.to_root() {
            self.refresh();
        }
    }

    pub(super) fn copy_arn(&mut self) -> Vec<Command> {
        let in_list = self.on_role_list() && self.page().focus == Focus::List;
        let text = if let Some(list) = self.entity_list() {
            match list.selected_item() {
                Some(Item::Entity(entity)) => Some(self.data.model.arn_of(entity).to_string()),
                Some(Item::Account(account)) => self
                    .data
                    .model
                    .accounts
                    .get(account)
                    .map(|a| format!("arn:{}:iam::{}:root", a.partition, a.account_id)),
                Some(Item::Absent(account)) => self
                    .data
                    .model
                    .organization
                    .as_deref()
                    .and_then(|o| o.accounts.get(account))
                    .map(|a| a.id.clone()),
                Some(Item::Unit(_) | Item::Problem(_)) | None => None,
            }
        } else if in_list {
            self.list
                .selected_role()
                .map(|r| self.data.model.roles[r].detail.arn.clone())
        } else {
            self.content
                .rows
                .get(self.page().row)
                .and_then(|r| r.arn.clone())
                .or_else(|| {
                    self.detail_entity()
                        .map(|e| self.data.model.arn_of(e).to_string())
                })
        };
        match text {
            Some(text) => vec![Command::Copy {
                what: text.clone(),
                text,
            }],
            None => {
                self.status = "Nothing to copy here.".into();
                Vec::new()
            }
        }
    }

    pub(super) fn copy_doc(&mut self) -> Vec<Command> {
        let doc = self
            .current_doc()
            .and_then(|d| content::resolve_doc(&self.data.model, &self.content, d));
        match doc {
            Some(doc) => {
                let text = serde_json::to_string_pretty(&doc.json).unwrap_or_default();
                let what = format!(
                    "{} ({} lines of JSON)",
                    self.content.doc_title_for(self.page().row),
                    text.lines().count()
                );
                vec![Command::Copy { text, what }]
            }
            None => {
                self.status = "No document is shown here to copy.".into();
                Vec::new()
            }
        }
    }
}

impl App {
    /// Changes the filter being typed (the shown list's, else the role
    /// list's) and filters again.
    fn edit_filter(&mut self, change: impl FnOnce(&mut String)) {
        let model = &self.data.model;
        if let Some(kind) = self.list_page_kind()
            && let Some(list) = self.lists.get_mut(kind)
        {
            change(&mut list.filter);
            list.refilter(model, &self.data.accounts);
            list.offset = 0;
            if !list.filter.is_empty() {
                let fuzzy = list.shown.saturating_sub(list.exact);
                self.status = format!(
                    "{} of {} {} match “{}”{}.",
                    list.exact.min(list.shown),
                    list.total(),
                    kind.title().to_lowercase(),
                    list.filter,
                    if fuzzy > 0 {
                        format!(", {fuzzy} more by fuzzy name match")
                    } else {
                        String::new()
                    }
                );
            }
            return;
        }
        change(&mut self.list.filter);
        self.refilter();
    }

    /// Tab in command mode: the one command the prefix names, or as much
    /// as all candidates share.
    fn complete_command(&mut self) {
        let Some(typed) = self.command.as_mut() else {
            return;
        };
        let found = candidates(typed);
        if let Some(first) = found.first() {
            let mut common = first.to_string();
            for other in &found[1..] {
                let n = common
                    .chars()
                    .zip(other.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                common.truncate(n);
            }
            *typed = common;
        }
    }

    /// Runs a `:` command: opens that list (the role list for `:roles`).
    pub fn run_command(&mut self, typed: &str) {
        match parse_command(typed) {
            Ok(None) => {
                self.goto_root();
                self.page_mut().focus = Focus::List;
                self.status = format!("{} roles.", self.data.model.roles.len());
            }
            Ok(Some(kind)) => self.open_list(kind),
            Err(message) => self.status = message,
        }
    }

    /// Shows the list of this kind in place of every page above the role
    /// list; the list keeps its filter and selection from last time.
    pub fn open_list(&mut self, kind: ListPage) {
        let list = self.lists.open(kind, &self.data.model, &self.data.accounts);
        let total = list.total();
        self.pages
            .replace_above_root(vec![PageState::new(Page::EntityList { kind })]);
        self.status = match kind {
            ListPage::Accounts => super::accounts_view::opened(&self.data, total),
            _ => format!(
                "{total} {}. Enter opens one; / filters; s sorts; Esc goes back.",
                kind.title().to_lowercase()
            ),
        };
        self.refresh();
        self.relayout();
    }

    /// Enter on an account: the role list, filtered to it.
    fn show_account_roles(&mut self, account: usize) {
        let Some(id) = self
            .data
            .model
            .accounts
            .get(account)
            .map(|a| a.account_id.clone())
        else {
            return;
        };
        self.goto_root();
        self.page_mut().focus = Focus::List;
        self.list.editing = false;
        self.list.filter = format!("account:{id}");
        self.refilter();
    }
}
