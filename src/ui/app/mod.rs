//! The UI state and its `update` step. `update` does no I/O: it changes the
//! state and returns the commands (copy, quit) the event loop carries out.
//! The state is owned in parts: `data` (model, loads, audit, baseline),
//! `pages` (the history), `list` (the role list's sort and filter).

mod accounts_view;
mod actions;
mod data;
mod lists;
mod loading;
mod pages;
mod roles;

pub use data::Data;
pub use lists::{COMMANDS, EntityList, Item, ListSort, Lists, candidates};
pub use pages::{Focus, PageStack, PageState};
pub use roles::RoleList;

use crossterm::event::{KeyEvent, KeyEventKind, MouseEvent};

use super::keymap::Keymap;

use super::content::{self, PaneDoc, TabContent};
use super::layout::{self, Hits, Shape};
use super::nav::{ListPage, Page, Tab, tabs_of};
use super::risk::RiskIndex;

use crate::model::{EntityRef, Model};
use crate::source::live::{LiveError, LiveEvent, LiveResult};

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Put text on the clipboard; `what` says what it is, for the status line.
    Copy {
        text: String,
        what: String,
    },
    /// Load the sources again; the answer comes back as `Msg::Loaded`
    /// with the same request id.
    Load {
        request: u64,
    },
    Quit,
    /// Leave the UI and exit with this message (nothing could be loaded).
    Fail(String),
    /// Index `App::model` for the assume-role tabs, then audit it, in the
    /// background; answer with `Msg::AssumeIndexReady`, then
    /// `Msg::RiskReady`.
    ComputeRisk {
        generation: u64,
    },
}

/// Input to `update`.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The terminal's size, before the first frame and on every change.
    Resize {
        width: u16,
        height: u16,
    },
    /// The outcome of a copy command, for the status line.
    Status(String),
    /// The answer to `Command::Load`; an answer to an older request is dropped.
    Loaded {
        request: u64,
        result: Result<Box<Model>, String>,
    },
    /// Something happened while a live account loads (`Command::Load`).
    Live {
        request: u64,
        event: Box<LiveEvent>,
    },
    /// The assume-role index of the model of that generation (so the first
    /// Who-can-assume tab does not build it on the UI thread).
    AssumeIndexReady {
        generation: u64,
        index: std::sync::Arc<crate::analysis::assume::AssumeIndex>,
    },
    /// The escalation graph of the model of that generation.
    EscalationReady {
        generation: u64,
        view: std::sync::Arc<crate::ui::escalation::EscalationView>,
    },
    /// The findings of the model of that generation.
    RiskReady {
        generation: u64,
        risk: Box<RiskIndex>,
    },
    /// `--org`: progress of the organization's load, with a model of the
    /// accounts loaded so far when it was rebuilt; `done` ends the load.
    OrgProgress {
        request: u64,
        model: Option<Box<Model>>,
        status: String,
        done: bool,
    },
    /// A live load ended.
    LiveDone {
        request: u64,
        result: Box<Result<LiveResult, LiveError>>,
    },
}

pub struct App {
    /// The loaded accounts and what is worked out from them.
    pub data: Data,
    pub pages: PageStack,
    pub list: RoleList,
    /// The lists of users, groups, policies and accounts, once opened.
    pub lists: Lists,
    /// The `:` command being typed, if any.
    pub command: Option<String>,
    /// The current tab of the current page, built when it changes.
    pub content: TabContent,
    /// Lines of the document shown now, and its widest line (for
    /// scrolling limits).
    pub doc_lines: usize,
    pub doc_width: usize,
    pub help: bool,
    /// The first help line shown, and how many there are.
    pub help_scroll: usize,
    pub help_lines: usize,
    /// Keys to actions, per mode (the defaults or the config file's).
    pub keymap: Keymap,
    pub status: String,
    /// Where each pane is, for the screen size last heard of; kept by
    /// `relayout`, read by drawing and by mouse clicks.
    pub hits: Hits,
}

impl App {
    pub fn new(model: Model) -> App {
        let mut app = App {
            data: Data::new(model),
            pages: PageStack::default(),
            list: RoleList::default(),
            lists: Lists::default(),
            command: None,
            content: TabContent::default(),
            doc_lines: 0,
            doc_width: 0,
            help: false,
            help_scroll: 0,
            help_lines: 0,
            keymap: Keymap::default(),
            status: String::new(),
            hits: Hits::default(),
        };
        app.status = app.welcome();
        app.resort();
        app
    }

    fn welcome(&self) -> String {
        let mut text = format!(
            "{} roles loaded from {} snapshot{}.",
            self.data.model.roles.len(),
            self.data.model.accounts.len(),
            if self.data.model.accounts.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        if !self.data.model.warnings.is_empty() {
            text.push_str(&format!(
                " {} document(s) could not be parsed: {}",
                self.data.model.warnings.len(),
                self.data.model.warnings[0]
            ));
        }
        text.push_str(" Press ? for keys.");
        text
    }

    pub fn page(&self) -> &PageState {
        self.pages.current()
    }

    fn page_mut(&mut self) -> &mut PageState {
        self.pages.current_mut()
    }

    /// The entity whose detail is shown: the page's, or the selected role.
    pub fn detail_entity(&self) -> Option<EntityRef> {
        match self.page().page {
            Page::RoleList { .. } => self.list.selected_role().map(EntityRef::Role),
            Page::Findings | Page::Paths | Page::EntityList { .. } => None,
            Page::Entity { entity, .. } | Page::Actions { entity, .. } => Some(entity),
        }
    }

    /// The list shown, on a `:users` (…) page.
    pub fn entity_list(&self) -> Option<&EntityList> {
        match self.page().page {
            Page::EntityList { kind } => self.lists.get(kind),
            _ => None,
        }
    }

    fn entity_list_mut(&mut self) -> Option<&mut EntityList> {
        match self.page().page {
            Page::EntityList { kind } => self.lists.get_mut(kind),
            _ => None,
        }
    }

    /// The kind of list shown, on a `:users` (…) page.
    pub fn list_page_kind(&self) -> Option<ListPage> {
        match self.page().page {
            Page::EntityList { kind } => Some(kind),
            _ => None,
        }
    }

    /// True on the role list page (not an entity page or the findings view).
    pub fn on_role_list(&self) -> bool {
        matches!(self.page().page, Page::RoleList { .. })
    }

    /// The tabs of the current page.
    pub fn tabs(&self) -> Vec<Tab> {
        tabs_of(&self.page().page, self.data.drift.drift.is_some())
    }

    /// The document shown now, if any.
    pub fn current_doc(&self) -> Option<PaneDoc> {
        self.content.doc_for(self.page().row)
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        let mut commands = self.handle(msg);
        self.relayout();
        if let Some(generation) = self.data.risk_to_compute() {
            commands.push(Command::ComputeRisk { generation });
        }
        commands
    }

    /// Where each pane goes on a screen of this size, for the current state.
    pub fn layout_for(&self, screen: ratatui::layout::Rect) -> Hits {
        let page = self.page();
        let detail = self.detail_entity();
        let tabs = if detail.is_some() {
            self.tabs()
        } else {
            Vec::new()
        };
        let note: Vec<usize> = self
            .content
            .rows
            .get(page.row)
            .map(|r| r.note.iter().map(|n| n.chars().count()).collect())
            .unwrap_or_default();
        let shape = Shape {
            on_role_list: self.on_role_list(),
            full_list: self.entity_list().is_some(),
            visible_roles: self.list.visible.len(),
            detail: detail.is_some() || matches!(page.page, Page::Findings | Page::Paths),
            table_rows: self.content.rows.len(),
            has_doc: self.current_doc().is_some(),
            help: self.help,
            help_lines: self.help_lines,
        };
        layout::compute(screen, shape, &tabs, &note)
    }

    /// Lays the screen out again and keeps every scroll offset so that the
    /// selection is in view: the one place offsets are fitted to the screen.
    pub fn relayout(&mut self) {
        self.hits = self.layout_for(self.hits.screen);
        let list_page = self.list_page();
        let last = self.list.visible.len().saturating_sub(1);
        self.list.offset = keep_visible(self.list.offset.min(last), self.list.selected, list_page);
        if let Some(list) = self.entity_list_mut() {
            let last = list.visible.len().saturating_sub(1);
            list.offset = keep_visible(list.offset.min(last), list.selected, list_page);
        }
        let table_page = self.table_page();
        let rows = self.content.rows.len().saturating_sub(1);
        let page = self.page_mut();
        page.row_offset = keep_visible(page.row_offset.min(rows), page.row, table_page);
        self.keep_scroll_in_range();
        let help_max = self
            .help_lines
            .saturating_sub(usize::from(self.hits.help_height));
        self.help_scroll = self.help_scroll.min(help_max);
    }

    /// Commands to run once the UI is up (the first audit).
    pub fn start(&mut self) -> Vec<Command> {
        self.update(Msg::Status(self.status.clone()))
    }

    fn handle(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::AssumeIndexReady { generation, index } => {
                if generation == self.data.risk_generation {
                    self.data.analysis.offer_index(index);
                }
                Vec::new()
            }
            Msg::EscalationReady { generation, view } => {
                if generation == self.data.risk_generation {
                    self.data.risk.add(crate::audit::escalation_findings(
                        &self.data.model,
                        &view.graph,
                    ));
                    self.data.analysis.offer_escalation(view);
                    self.data.recount_findings();
                    self.resort();
                    self.refresh();
                }
                Vec::new()
            }
            Msg::RiskReady { generation, risk } => {
                if generation == self.data.risk_generation {
                    self.data.risk = *risk;
                    self.data.recount_findings();
                    // Badges, the Risk order and `sev:` terms change.
                    self.resort();
                    self.refresh();
                }
                Vec::new()
            }
            Msg::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Msg::Key(_) => Vec::new(),
            Msg::Mouse(mouse) => self.on_mouse(mouse),
            Msg::Resize { width, height } => {
                self.hits.screen = ratatui::layout::Rect::new(0, 0, width, height);
                Vec::new()
            }
            Msg::Status(text) => {
                self.status = text;
                Vec::new()
            }
            Msg::Live { request, event } => {
                if let Some(live) = self
                    .data
                    .live
                    .as_mut()
                    .filter(|_| self.data.loading == Some(request))
                {
                    let (model, status) = live.on_event(*event);
                    if let Some(model) = model {
                        self.replace_model(model);
                    }
                    if let Some(status) = status {
                        self.status = status;
                    }
                }
                Vec::new()
            }
            Msg::LiveDone { request, result } => {
                if self.data.loading != Some(request) {
                    return Vec::new();
                }
                self.data.loading = None;
                let Some(live) = self.data.live.as_mut() else {
                    return Vec::new();
                };
                match live.finish(*result) {
                    Ok((model, status)) => {
                        self.replace_model(model);
                        self.status = match self.data.drift_summary() {
                            Some(summary) => format!("{summary} {status}"),
                            None => status,
                        };
                    }
                    Err(message) if self.data.model.roles.is_empty() => {
                        return vec![Command::Fail(message)];
                    }
                    Err(message) => {
                        self.status = format!(
                            "Reload failed; still showing the data loaded before. {message}"
                        );
                    }
                }
                Vec::new()
            }
            Msg::OrgProgress {
                request,
                model,
                status,
                done,
            } => {
                if self.data.loading != Some(request) {
                    return Vec::new();
                }
                if done {
                    self.data.loading = None;
                }
                match model {
                    Some(model) => self.replace_model(*model),
                    // Nothing could be loaded at all: say why and stop.
                    None if done && self.data.model.roles.is_empty() => {
                        return vec![Command::Fail(status)];
                    }
                    None => {}
                }
                self.status = status;
                Vec::new()
            }
            Msg::Loaded { request, result } => {
                if self.data.loading == Some(request) {
                    self.data.loading = None;
                    match result {
                        Ok(model) => self.replace_model(*model),
                        // The first load failed: nothing to show, say why.
                        Err(why) if self.data.model.accounts.is_empty() => {
                            return vec![Command::Fail(why)];
                        }
                        Err(why) => {
                            self.status = format!(
                                "Reload failed; still showing the data loaded before. {why}"
                            )
                        }
                    }
                }
                Vec::new()
            }
        }
    }

    fn on_filter_changed_status(&mut self) {
        let fuzzy = self.list.visible.len().saturating_sub(self.list.exact);
        self.status = format!(
            "{} of {} roles match “{}”{}.",
            self.list.exact.min(self.list.visible.len()),
            self.data.model.roles.len(),
            self.list.filter,
            if fuzzy > 0 {
                format!(", {fuzzy} more by fuzzy name match")
            } else {
                String::new()
            }
        );
    }

    /// Re-sorts all roles and re-applies the filter, keeping the selected
    /// role selected when it is still visible.
    fn resort(&mut self) {
        self.list.resort(
            &self.data.model,
            &self.data.risk,
            self.data.analysis.escalation(),
        );
        self.refilter();
    }

    fn refilter(&mut self) {
        let keep = self.list.refilter(&self.data.model, &self.data.risk);
        self.list.offset = keep_visible(0, self.list.selected, self.list_page());
        if !self.list.filter.is_empty() {
            self.on_filter_changed_status();
        }
        if self.list.selected_role() != keep {
            self.on_role_selected();
        } else if self.content.columns.is_empty() {
            self.refresh();
        }
    }

    fn on_role_selected(&mut self) {
        if self.pages.len() == 1 {
            let page = self.page_mut();
            page.row = 0;
            page.row_offset = 0;
            page.scroll = 0;
            page.hscroll = 0;
            self.refresh();
        }
    }

    /// Rebuilds the current tab's content after a page, tab or role change.
    fn refresh(&mut self) {
        // A tab that went away (a baseline of another account after a
        // reload: no Drift tab) falls back to the page's first tab.
        let tabs = self.tabs();
        if let (Some(tab), Some(first)) = (self.page().tab(), tabs.first())
            && !tabs.contains(&tab)
        {
            let page = self.page_mut();
            page.page = page.page.with_tab(*first);
        }
        let entity = self.detail_entity();
        self.content = match (self.page().page, entity) {
            (Page::Findings, _) => content::findings_overview(&self.data.model, &self.data.risk),
            (Page::Paths, _) => content::paths_overview(&self.data.model, &self.data.analysis),
            (
                Page::Actions {
                    entity,
                    service,
                    level,
                },
                _,
            ) => content::effective_actions(
                &self.data.model,
                &mut self.data.analysis,
                entity,
                service,
                level,
            ),
            (Page::RoleList { tab } | Page::Entity { tab, .. }, Some(entity)) => content::build(
                &self.data.model,
                &mut self.data.analysis,
                &self.data.risk,
                &self.data.drift,
                entity,
                tab,
            ),
            (Page::RoleList { .. } | Page::Entity { .. }, None) | (Page::EntityList { .. }, _) => {
                TabContent::default()
            }
        };
        let rows = self.content.rows.len();
        let page = self.page_mut();
        if page.row >= rows {
            page.row = rows.saturating_sub(1);
        }
        self.refresh_doc();
    }

    fn refresh_doc(&mut self) {
        let text = self
            .current_doc()
            .and_then(|d| content::resolve_doc(&self.data.model, &self.content, d))
            .map(|d| match d.json {
                serde_json::Value::String(text) => text.clone(),
                json => super::highlight::pretty_json(json),
            })
            .unwrap_or_default();
        self.doc_lines = text.lines().count();
        self.doc_width = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    }

    fn keep_scroll_in_range(&mut self) {
        self.scroll_doc(0);
        self.scroll_sideways(0);
    }
}

/// Columns a sideways scroll moves.
const SIDEWAYS_STEP: isize = 8;

/// `current + delta`, clamped to `0..len`.
fn clamp_step(current: usize, delta: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (current as isize).saturating_add(delta).clamp(0, max) as usize
}

/// The first visible row that keeps `selected` on a screen of `height` rows.
fn keep_visible(offset: usize, selected: usize, height: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}
