//! What a detail tab shows, as plain data: a table of rows, each of which
//! may name an entity to jump to, an ARN to copy, and a document to show.
//! Built once when the page, tab or selected role changes, never per frame.

mod assume;
mod details;
mod drift;
mod effective;
mod entities;
mod findings;
mod paths;
mod permissions;
mod policy;
mod trust;

pub use assume::AnalysisCache;
pub use drift::DriftIndex;
pub use findings::severity_tone as findings_severity_tone;

use std::cell::OnceCell;
use std::rc::Rc;

use serde_json::Value;

use super::nav::Tab;
use super::risk::RiskIndex;
use crate::analysis::assume::Caller;
use crate::model::{DocRef, EntityRef, Model};

/// How a cell should stand out; the theme maps tones to styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Dim,
    Accent,
    Good,
    Warn,
    Danger,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    /// A cell of this text, control characters made harmless.
    pub fn new(text: impl Into<String>, tone: Tone) -> Cell {
        let text = text.into();
        let text = match super::text::clean(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(clean) => clean,
        };
        Cell { text, tone }
    }
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell::new(text, Tone::Normal)
    }
}

/// The document a pane shows: one of the model's, or one the tab made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneDoc {
    /// A policy document of the model (resolved by `Model::doc`).
    Model(DocRef),
    /// A document the tab made itself (e.g. the statements behind a
    /// verdict), by position in `TabContent::owned_docs`.
    Owned(usize),
}

/// A document as shown: its JSON, and why it does not parse as a policy.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub json: &'a Value,
    pub error: Option<&'a str>,
}

/// One selectable row of a tab.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Where Enter goes.
    pub target: Option<EntityRef>,
    /// What `y` copies.
    pub arn: Option<String>,
    /// The document shown below the table while this row is selected.
    pub doc: Option<PaneDoc>,
    /// Longer text about the selected row, shown in full under the table.
    pub note: Vec<String>,
    /// The document pane's title for this row, when it differs from the tab's.
    pub doc_title: Option<String>,
    /// After opening `target`: the tab and row to show there.
    pub open_at: Option<(Tab, usize)>,
    /// A page Enter opens instead of an entity (a drill-down).
    pub drill: Option<super::nav::Page>,
}

/// A table column: its title, width, and the table width below which it is
/// left out (0: always shown) so narrow terminals keep what matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    pub width: Width,
    pub hide_below: u16,
}

pub(crate) const fn col(title: &'static str, width: Width) -> Column {
    Column {
        title,
        width,
        hide_below: 0,
    }
}

/// Column width: at most a number of cells, or as wide as its content
/// (the widest cells are cut first when the table does not fit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Fixed(u16),
    Fill(u16),
}

#[derive(Debug, Clone, Default)]
pub struct TabContent {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Shown when no row names a document (e.g. the trust JSON).
    pub fixed_doc: Option<PaneDoc>,
    pub doc_title: String,
    /// Said in place of the table when it has no rows.
    pub empty_text: &'static str,
    /// Documents made by the tab itself, named by `DocRef::Owned`.
    pub owned_docs: OwnedDocs,
    /// Unique per build, so cached highlighting of owned documents is never
    /// confused with another tab's.
    pub generation: u64,
    /// Each column's widest cell (or title), measured once when built.
    pub widths: Vec<u16>,
}

/// The documents a tab makes itself, each made the first time it is shown:
/// a Who-can-assume tab of 15,001 verdicts makes the one being looked at,
/// not all of them.
#[derive(Clone, Default)]
pub struct OwnedDocs {
    made: Vec<OnceCell<Value>>,
    make: Option<Rc<MakeDoc>>,
}

type MakeDoc = dyn Fn(&Model, usize) -> Value;

impl OwnedDocs {
    /// Documents made already.
    pub fn made(docs: Vec<Value>) -> OwnedDocs {
        OwnedDocs {
            made: docs.into_iter().map(OnceCell::from).collect(),
            make: None,
        }
    }

    /// `count` documents, number `i` made by `make(model, i)` when asked for.
    pub fn on_demand(count: usize, make: impl Fn(&Model, usize) -> Value + 'static) -> OwnedDocs {
        OwnedDocs {
            made: (0..count).map(|_| OnceCell::new()).collect(),
            make: Some(Rc::new(make)),
        }
    }

    pub fn get(&self, model: &Model, i: usize) -> Option<&Value> {
        let cell = self.made.get(i)?;
        if let Some(doc) = cell.get() {
            return Some(doc);
        }
        let make = self.make.as_ref()?;
        Some(cell.get_or_init(|| make(model, i)))
    }

    pub fn len(&self) -> usize {
        self.made.len()
    }

    pub fn is_empty(&self) -> bool {
        self.made.is_empty()
    }
}

impl std::fmt::Debug for OwnedDocs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let made = self.made.iter().filter(|c| c.get().is_some()).count();
        write!(f, "OwnedDocs({made} of {} made)", self.made.len())
    }
}

impl TabContent {
    /// Sets `widths` from the cells: once per build, not per frame.
    fn measure(&mut self) {
        self.widths = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let widest = self
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.get(i))
                    .map(|c| c.text.chars().count())
                    .max()
                    .unwrap_or(0);
                let widest = widest.max(column.title.chars().count());
                let cap = match column.width {
                    Width::Fixed(cap) => usize::from(cap),
                    Width::Fill(_) => usize::from(u16::MAX),
                };
                widest.min(cap) as u16
            })
            .collect();
    }

    /// The document to show for the selected row.
    pub fn doc_for(&self, row: usize) -> Option<PaneDoc> {
        self.rows.get(row).and_then(|r| r.doc).or(self.fixed_doc)
    }

    /// The document pane's title for the selected row.
    pub fn doc_title_for(&self, row: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.doc_title.as_deref())
            .unwrap_or(&self.doc_title)
    }
}

/// An ARN of the given account without its `arn:aws:iam::ACCOUNT:` prefix
/// (`role/ci/deploy`), so narrow columns show the part that differs; other
/// text is returned as is. The full ARN stays in the note and in `y`.
pub fn short_arn<'a>(text: &'a str, account_id: &str) -> &'a str {
    let mut parts = text.splitn(6, ':');
    match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some("arn"), Some(_), Some("iam" | "sts"), Some(""), Some(account), Some(resource))
            if account == account_id =>
        {
            resource
        }
        _ => text,
    }
}

/// Builds one tab of one entity; the assume-role tabs compute (and cache)
/// their analysis on first use.
pub fn build(
    model: &Model,
    analysis: &mut AnalysisCache,
    risk: &RiskIndex,
    drift: &DriftIndex,
    entity: EntityRef,
    tab: Tab,
) -> TabContent {
    let content = build_tab(model, analysis, risk, drift, entity, tab);
    finish(content)
}

/// The actions of one service and access level of an Effective tab.
pub fn effective_actions(
    model: &Model,
    analysis: &mut AnalysisCache,
    entity: EntityRef,
    service: u16,
    level: u8,
) -> TabContent {
    let summary = analysis.effective(model, entity);
    finish(effective::actions_tab(
        model,
        summary,
        usize::from(service),
        usize::from(level),
    ))
}

/// Who can reach admin (the `P` page).
pub fn paths_overview(model: &Model, analysis: &AnalysisCache) -> TabContent {
    finish(paths::paths_view(model, analysis.escalation()))
}

/// Every finding of the loaded accounts, grouped by id (the `F` page).
pub fn findings_overview(model: &Model, risk: &RiskIndex) -> TabContent {
    finish(findings::overview(model, risk))
}

static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn finish(mut content: TabContent) -> TabContent {
    content.generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    content.measure();
    content
}

fn build_tab(
    model: &Model,
    analysis: &mut AnalysisCache,
    risk: &RiskIndex,
    drift: &DriftIndex,
    entity: EntityRef,
    tab: Tab,
) -> TabContent {
    match (entity, tab) {
        (EntityRef::Role(r), Tab::Trust) => trust::role_trust(model, r),
        (EntityRef::Role(r), Tab::WhoCanAssume) => assume::who_can_assume(model, analysis, r),
        (EntityRef::Role(r), Tab::CanAssume) => {
            assume::can_assume(model, analysis, Caller::Role(r))
        }
        (EntityRef::Role(r), Tab::Permissions) => permissions::role(model, r),
        (EntityRef::Role(r), Tab::Details) => details::role(model, r),
        (EntityRef::Role(_) | EntityRef::User(_) | EntityRef::Group(_), Tab::Effective) => {
            effective::summary_tab(analysis.effective(model, entity), entity)
        }
        (EntityRef::Role(r), Tab::Findings) => findings::role(risk, r),
        (EntityRef::Role(r), Tab::Drift) => drift::role(drift, &model.roles[r].detail.arn),
        (EntityRef::User(u), Tab::Permissions) => permissions::user(model, u),
        (EntityRef::User(u), Tab::CanAssume) => {
            assume::can_assume(model, analysis, Caller::User(u))
        }
        (EntityRef::User(u), Tab::Groups) => entities::user_groups(model, u),
        (EntityRef::User(u), Tab::Details) => entities::user(model, u),
        (EntityRef::Group(g), Tab::Permissions) => permissions::group(model, g),
        (EntityRef::Group(g), Tab::Members) => entities::group_members(model, g),
        (EntityRef::Group(g), Tab::Details) => entities::group(model, g),
        (EntityRef::Policy(p), Tab::Document) => policy::document(model, p),
        (EntityRef::Policy(p), Tab::Versions) => policy::versions(model, p),
        (EntityRef::Policy(p), Tab::UsedBy) => policy::used_by(model, p),
        // Tabs an entity of that kind does not have (`nav::tabs_of` never
        // offers them); listed, not `_`, so a new tab must be placed here.
        (
            EntityRef::Role(_),
            Tab::Groups | Tab::Members | Tab::Document | Tab::Versions | Tab::UsedBy,
        )
        | (
            EntityRef::User(_),
            Tab::Trust
            | Tab::WhoCanAssume
            | Tab::Findings
            | Tab::Drift
            | Tab::Members
            | Tab::Document
            | Tab::Versions
            | Tab::UsedBy,
        )
        | (EntityRef::Policy(_), Tab::Effective)
        | (
            EntityRef::Group(_),
            Tab::Trust
            | Tab::WhoCanAssume
            | Tab::CanAssume
            | Tab::Findings
            | Tab::Drift
            | Tab::Groups
            | Tab::Document
            | Tab::Versions
            | Tab::UsedBy,
        )
        | (
            EntityRef::Policy(_),
            Tab::Trust
            | Tab::WhoCanAssume
            | Tab::CanAssume
            | Tab::Permissions
            | Tab::Details
            | Tab::Findings
            | Tab::Drift
            | Tab::Groups
            | Tab::Members,
        ) => TabContent::default(),
    }
}

/// The document a `PaneDoc` names.
pub fn resolve_doc<'a>(
    model: &'a Model,
    content: &'a TabContent,
    doc: PaneDoc,
) -> Option<Shown<'a>> {
    let found = match doc {
        PaneDoc::Owned(i) => {
            return content
                .owned_docs
                .get(model, i)
                .map(|json| Shown { json, error: None });
        }
        PaneDoc::Model(doc) => model.doc(doc)?,
    };
    Some(Shown {
        json: &found.json,
        error: found.parsed.as_ref().err().map(String::as_str),
    })
}
