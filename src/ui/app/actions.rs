//! Carrying out actions: moving, scrolling, tabs, opening and going
//! back, sorting and filtering, copying. Keys and mouse events reach
//! here as `Action`s.

use crossterm::event::{KeyCode, KeyEvent, MouseEvent};

use super::{App, Command, Focus, PageState, SIDEWAYS_STEP, clamp_step, keep_visible};
use crate::model::EntityRef;
use crate::ui::action::Action;
use crate::ui::content;
use crate::ui::keymap::{Key, Mode};
use crate::ui::mouse;
use crate::ui::nav::{Page, Tab};

impl App {
    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.list.editing {
            Mode::Filter
        } else if self.on_role_list() && self.page().focus == Focus::List {
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
            self.list.filter.push(c);
            self.refilter();
        }
        Vec::new()
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Command> {
        let list_offset = self.list.offset;
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
                self.goto_root();
                self.page_mut().focus = Focus::List;
                self.list.editing = true;
            }
            Action::FilterKeep => self.list.editing = false,
            Action::FilterClear => {
                self.list.editing = false;
                self.list.filter.clear();
                self.refilter();
            }
            Action::FilterDelete => {
                self.list.filter.pop();
                self.refilter();
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
            Action::WheelDoc(step) => self.scroll_doc(isize::from(step)),
            Action::WheelList(step) => {
                self.page_mut().focus = Focus::List;
                self.move_by(isize::from(step));
            }
            Action::WheelTable(step) => {
                self.page_mut().focus = Focus::Detail;
                self.move_by(isize::from(step));
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
            "All findings, grouped by id. Enter opens the role's Findings tab; Esc goes back."
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
        let text = if in_list {
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
