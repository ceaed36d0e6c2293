//! The UI state and its `update` step. `update` does no I/O: it changes the
//! state and returns the commands (copy, quit) the event loop carries out.
//! The state is owned in parts: `data` (model, loads, audit, baseline),
//! `pages` (the history), `list` (the role list's sort and filter).

mod data;
mod pages;
mod roles;

pub use data::Data;
pub use pages::{Focus, PageStack, PageState};
pub use roles::RoleList;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent};

use super::action::Action;
use super::keymap::{Key, Keymap, Mode};
use super::mouse;

use super::content::{self, PaneDoc, TabContent};
use super::layout::{self, Hits, Shape};
use super::live::LiveProgress;
use super::nav::{Page, Tab, tabs_of};
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
    /// The findings of the model of that generation.
    RiskReady {
        generation: u64,
        risk: Box<RiskIndex>,
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
            Page::Findings => None,
            Page::Entity { entity, .. } => Some(entity),
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
            visible_roles: self.list.visible.len(),
            detail: detail.is_some() || page.page == Page::Findings,
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
            Msg::RiskReady { generation, risk } => {
                if generation == self.data.risk_generation {
                    self.data.risk = *risk;
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
            Msg::Loaded { request, result } => {
                if self.data.loading == Some(request) {
                    self.data.loading = None;
                    match result {
                        Ok(model) => self.replace_model(*model),
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

    fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
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

    fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Command> {
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
                self.help_lines = super::help::line_count(&self.keymap);
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

    fn list_page(&self) -> usize {
        usize::from(self.hits.list_height.max(1))
    }

    fn doc_page(&self) -> usize {
        usize::from(self.hits.doc.height.saturating_sub(1).max(1))
    }

    fn table_page(&self) -> usize {
        usize::from(self.hits.table_height.max(1))
    }

    /// Moves the selection of whatever has focus; large steps clamp.
    fn move_by(&mut self, delta: isize) {
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

    fn scroll_sideways(&mut self, delta: isize) {
        let max = self
            .doc_width
            .saturating_sub(usize::from(self.hits.doc.width));
        let page = self.page_mut();
        page.hscroll = clamp_step(page.hscroll, delta, max + 1);
    }

    fn scroll_doc(&mut self, delta: isize) {
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
    fn select_tab(&mut self, tab: Tab) {
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

    fn goto_root(&mut self) {
        if self.pages.to_root() {
            self.refresh();
        }
    }

    /// Compares the model with this earlier snapshot of the same account:
    /// drifted roles are marked in the list and get a Drift tab.
    pub fn set_baseline(&mut self, baseline: Model) {
        self.data.baseline = Some(baseline);
        self.data.recompute_drift();
        self.refresh();
        if let Some(summary) = self.data.drift_summary() {
            self.status = format!("{summary} {}", self.status);
        }
    }

    /// Starts loading a live account into an empty app.
    pub fn start_live(&mut self) -> Vec<Command> {
        self.data.live = Some(LiveProgress::default());
        let commands = self.reload();
        self.status = "Connecting to AWS (STS GetCallerIdentity)…".into();
        commands
    }

    fn reload(&mut self) -> Vec<Command> {
        let request = self.data.start_load();
        self.status = "Reloading…".into();
        vec![Command::Load { request }]
    }

    /// Swaps in a freshly loaded model, keeping the selected role, the open
    /// pages and their tabs wherever the same ARNs still exist.
    pub fn replace_model(&mut self, model: Model) {
        let arn_of = |app: &App, e: EntityRef| app.data.model.arn_of(e).to_string();
        let account_of = |app: &App, e: EntityRef| app.data.model.account_of(e);
        let selected = self.list.selected_role().map(|r| {
            (
                arn_of(self, EntityRef::Role(r)),
                self.data.model.roles[r].account,
            )
        });
        let pages: Vec<(Option<(String, usize)>, PageState)> = self
            .pages
            .iter()
            .map(|p| {
                (
                    p.entity().map(|e| (arn_of(self, e), account_of(self, e))),
                    p.clone(),
                )
            })
            .collect();
        self.data.set_model(model);
        let mut lost = 0;
        let kept: Vec<PageState> = pages
            .into_iter()
            .skip(1)
            .filter_map(|(arn, mut page)| match (page.page, arn) {
                (Page::Entity { tab, .. }, Some((arn, account))) => {
                    match self.data.model.resolve(&arn, account) {
                        Some(entity) => {
                            page.page = Page::Entity { entity, tab };
                            Some(page)
                        }
                        None => {
                            lost += 1;
                            None
                        }
                    }
                }
                _ => Some(page),
            })
            .collect();
        self.pages.replace_above_root(kept);
        self.list.resort(&self.data.model, &self.data.risk);
        self.list.refilter(&self.data.model, &self.data.risk);
        let reselect =
            selected.and_then(
                |(arn, account)| match self.data.model.resolve(&arn, account) {
                    Some(EntityRef::Role(r)) => self.list.visible.iter().position(|v| *v == r),
                    _ => None,
                },
            );
        self.list.selected = reselect.unwrap_or(0);
        self.list.offset = keep_visible(0, self.list.selected, self.list_page());
        self.refresh();
        self.keep_scroll_in_range();
        if self.data.live.as_ref().is_some_and(|l| !l.done) {
            self.status = format!(
                "Loading… {} roles so far; browse while it loads.",
                self.data.model.roles.len()
            );
            return;
        }
        self.status = format!(
            "Reloaded: {} roles.{}",
            self.data.model.roles.len(),
            if lost > 0 {
                format!(" {lost} open page(s) closed: their entity is gone.")
            } else {
                String::new()
            }
        );
    }

    fn copy_arn(&mut self) -> Vec<Command> {
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

    fn copy_doc(&mut self) -> Vec<Command> {
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
        self.list.resort(&self.data.model, &self.data.risk);
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
            (Page::RoleList { tab } | Page::Entity { tab, .. }, Some(entity)) => content::build(
                &self.data.model,
                &mut self.data.analysis,
                &self.data.risk,
                &self.data.drift,
                entity,
                tab,
            ),
            (Page::RoleList { .. } | Page::Entity { .. }, None) => TabContent::default(),
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
