//! Effective permissions of a user, role or group: per service and access
//! level, what its policies grant after Denies and the permissions
//! boundary, the way the IAM console's policy summary reads ("Full",
//! "Limited: n of m", the resources, the conditions), but across all the
//! principal's policies (ANY-ACTION §B). Each action keeps the statements
//! that grant it and those that remove it, for the drill-down.
//!
//! Resource policies cannot add to this (the snapshot has none but trust
//! policies); with an organization loaded the SCPs of the principal's
//! account remove what they do not allow (`org`), else `notes` says they
//! are not loaded.

mod admin;
mod cover;
mod org;

pub use admin::admin_of;
#[cfg(test)]
mod tests;

use crate::analysis::assume::caller::caller_info;
use crate::analysis::assume::sources::{Boundary, boundary_of, document, identity_docs, label};
use crate::analysis::assume::{AssumeIndex, Caller, Side, Via};
use crate::catalogue::{AccessLevel, ActionId, Catalogue, Levels};
use crate::model::{DocRef, EntityRef, Model};
use crate::policy::{CondOutcome, ConditionText, Effect, RequestContext, Statement, evaluate};

/// One statement that grants or removes actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementUse {
    pub via: Via,
    /// Its Resource patterns (`*` for all), or "all except …".
    pub resources: Vec<String>,
    /// Its conditions rolecall cannot decide for this principal.
    pub conditions: Vec<ConditionText>,
    pub on_all_resources: bool,
}

impl StatementUse {
    fn unconditional_on_all(&self) -> bool {
        self.on_all_resources && self.conditions.is_empty()
    }
}

/// One action the principal's policies grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionEntry {
    pub action: ActionId,
    /// `s3:GetObject`.
    pub name: String,
    pub levels: Levels,
    /// Indexes into `Summary::statements`.
    pub granted_by: Vec<usize>,
    /// Deny statements that remove it on some or all resources, and the
    /// boundary statements that let it through (when a boundary is set).
    pub removed_by: Vec<usize>,
    pub boundary_by: Vec<usize>,
    /// Granted on every resource with no condition, and nothing removes any of it.
    pub full: bool,
    /// Removed entirely: an unconditional Deny on `*`, or a boundary that
    /// does not allow it.
    pub removed: bool,
    /// Why it is removed, when it is.
    pub removed_why: Option<String>,
}

/// One access level of one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelSummary {
    pub level: AccessLevel,
    /// Actions of this level that remain granted.
    pub granted: usize,
    /// Actions of this level the service has.
    pub total: usize,
    /// Every action of the level, each on all resources without condition.
    pub full: bool,
    /// The resource patterns of the granting statements (`*` = all).
    pub resources: Vec<String>,
    /// Allowed if one of these holds: one AND-list per distinct set of
    /// open conditions among the granting statements; empty when some
    /// grant needs none.
    pub alternatives: Vec<Vec<ConditionText>>,
    /// Deny statements that remove some of the level's granted actions on
    /// some resources or under some conditions (indexes into
    /// `Summary::statements`): allowed unless they apply.
    pub partial_denies: Vec<usize>,
    /// Indexes into `Summary::actions`, granted first then removed.
    pub actions: Vec<usize>,
}

impl LevelSummary {
    /// "Full", "Limited: 3 of 52", "All 52, partly denied", "All 52 on
    /// some resources", or "None (all removed)".
    pub fn access_words(&self) -> String {
        if self.full {
            "Full".into()
        } else if self.granted == 0 {
            "None (all removed)".into()
        } else if self.granted < self.total {
            format!("Limited: {} of {}", self.granted, self.total)
        } else if !self.partial_denies.is_empty() {
            format!("All {}, partly denied", self.total)
        } else if !self.alternatives.is_empty() {
            format!("All {}, conditional", self.total)
        } else {
            format!("All {}, some resources", self.total)
        }
    }

    /// "All resources", the one pattern, or "Multiple (n)".
    pub fn resource_words(&self) -> String {
        match self.resources.as_slice() {
            [] => "None".into(),
            [one] if one == "*" => "All resources".into(),
            [one] => one.clone(),
            many => format!("Multiple ({})", many.len()),
        }
    }

    /// "None", the one condition, or "Multiple (n)"; then "unless" the
    /// partial Denies.
    pub fn condition_words(&self, statements: &[StatementUse]) -> String {
        let allow = self.allow_words();
        let denies: Vec<String> = self
            .partial_denies
            .iter()
            .filter_map(|n| statements.get(*n))
            .map(|st| {
                let when: Vec<&str> = st.conditions.iter().map(|c| c.text.as_str()).collect();
                if when.is_empty() {
                    format!("Deny on {}", st.resources.join(", "))
                } else {
                    when.join(" and ")
                }
            })
            .fold(Vec::new(), |mut acc, t| {
                if !acc.contains(&t) {
                    acc.push(t);
                }
                acc
            });
        match (allow.as_str(), denies.is_empty()) {
            (_, true) => allow,
            ("None", false) => format!("unless {}", denies.join(" or ")),
            (_, false) => format!("{allow}; unless {}", denies.join(" or ")),
        }
    }

    fn allow_words(&self) -> String {
        match self.alternatives.as_slice() {
            [] => "None".into(),
            [one] => one
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" and "),
            many => format!("Multiple ({})", many.len()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSummary {
    pub prefix: String,
    pub name: String,
    /// Levels with at least one action the policies name, in AWS's order.
    pub levels: Vec<LevelSummary>,
}

impl ServiceSummary {
    /// Every action of the service granted fully.
    pub fn full_access(&self, cat: &Catalogue) -> bool {
        let total: usize = cat
            .service_by_prefix(&self.prefix)
            .and_then(|s| cat.services.get(usize::from(s)))
            .map_or(0, |s| s.actions.len());
        let full: usize = self.levels.iter().filter(|l| l.full).map(|l| l.total).sum();
        total > 0 && self.levels.iter().all(|l| l.full) && full >= total
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub principal: EntityRef,
    /// Why the principal is effectively an administrator, if it is
    /// (ESCALATION D.1).
    pub admin: Option<String>,
    pub services: Vec<ServiceSummary>,
    pub actions: Vec<ActionEntry>,
    pub statements: Vec<StatementUse>,
    /// What the summary could not take into account.
    pub notes: Vec<String>,
}

/// The conditions of a statement for this principal: `None` when they are
/// false (the statement never applies), else the open ones.
fn open_conditions(st: &Statement, ctx: &RequestContext) -> Option<Vec<ConditionText>> {
    if st.condition.is_empty() {
        return Some(Vec::new());
    }
    match evaluate(&st.condition, ctx) {
        CondOutcome::True => Some(Vec::new()),
        CondOutcome::False => None,
        CondOutcome::Unknown(open) => Some(open.iter().map(ConditionText::from_clause).collect()),
    }
}

/// Per action (dense catalogue number) the statements that touch it.
#[derive(Default, Clone)]
struct Touch {
    grants: Vec<u32>,
    denies: Vec<u32>,
    boundary: Vec<u32>,
}

struct Builder<'a> {
    model: &'a Model,
    cat: &'a Catalogue,
    ctx: RequestContext,
    statements: Vec<StatementUse>,
    touch: Vec<Touch>,
    notes: Vec<String>,
}

impl Builder<'_> {
    fn add_document(&mut self, doc: DocRef, side: Side) {
        let parsed = match document(self.model, doc) {
            Ok(d) => d,
            Err(why) => {
                self.notes.push(format!(
                    "{} could not be read ({why}): what it grants or removes is not shown",
                    label(self.model, doc)
                ));
                return;
            }
        };
        let policy = label(self.model, doc);
        for (i, st) in parsed.statements.iter().enumerate() {
            let Some(conditions) = open_conditions(st, &self.ctx) else {
                continue;
            };
            let covered = cover::covered(self.cat, st);
            if covered.is_empty() {
                continue;
            }
            let n = self.statements.len() as u32;
            self.statements.push(StatementUse {
                via: Via {
                    side,
                    policy: policy.clone(),
                    statement: i,
                    sid: st.sid.clone(),
                    effect: st.effect,
                    source: doc,
                },
                resources: cover::scope(st),
                conditions,
                on_all_resources: cover::on_all_resources(st)
                    || (st.resource.is_none() && st.not_resource.is_none()),
            });
            for id in covered {
                let Some(t) = self.touch.get_mut(self.cat.dense(id)) else {
                    continue;
                };
                match (st.effect, side) {
                    (Effect::Deny, _) => t.denies.push(n),
                    (Effect::Allow, Side::Boundary) => t.boundary.push(n),
                    (Effect::Allow, _) => t.grants.push(n),
                }
            }
        }
    }
}

/// The principal's request context: what its own keys decide (user name,
/// tags, ...). Groups have none of their own: their members differ.
fn principal_ctx(model: &Model, owner: EntityRef) -> RequestContext {
    let caller = match owner {
        EntityRef::User(u) => Caller::User(u),
        EntityRef::Role(r) => Caller::Role(r),
        _ => return RequestContext::new(),
    };
    caller_info(model, &caller).map_or_else(RequestContext::new, |i| i.ctx)
}

/// The effective permissions of a user, role or group.
pub fn summarise(model: &Model, index: &AssumeIndex, owner: EntityRef) -> Summary {
    let cat = Catalogue::get();
    let mut b = Builder {
        model,
        cat,
        ctx: principal_ctx(model, owner),
        statements: Vec::new(),
        touch: vec![Touch::default(); cat.action_count()],
        notes: Vec::new(),
    };
    let (docs, missing) = identity_docs(model, owner);
    for m in missing {
        b.notes.push(format!(
            "{} is attached but {}: what it grants is not shown",
            m.policy, m.why
        ));
    }
    // A managed policy attached to a user and to one of its groups is one
    // policy: its statements count once.
    let mut seen: Vec<DocRef> = Vec::new();
    for doc in docs {
        if !seen.contains(&doc) {
            seen.push(doc);
            b.add_document(doc, Side::Identity);
        }
    }
    let boundary = boundary_of(model, owner);
    let has_boundary = match &boundary {
        Boundary::None => false,
        Boundary::Doc(doc) => {
            b.add_document(*doc, Side::Boundary);
            true
        }
        Boundary::Missing(arn) => {
            b.notes.push(format!(
                "the permissions boundary {arn} is not in the snapshot: it may remove more"
            ));
            false
        }
    };
    if matches!(owner, EntityRef::Group(_)) {
        b.notes.push(
            "a group's members may have more from their own policies, and less from their boundaries"
                .into(),
        );
    }
    let mut actions = entries(&b, has_boundary);
    match model.organization.as_deref() {
        None => b.notes.push(
            "SCPs, RCPs and resource policies are not in the snapshot: they may remove more".into(),
        ),
        Some(org) => {
            org::apply_scps(model, org, owner, &b.ctx, &mut actions, &mut b.notes);
            b.notes.push(
                "resource policies are not in the snapshot, and RCPs depend on each resource's account (`rolecall can` applies them): they may remove more"
                    .into(),
            );
        }
    }
    let services = services(cat, &actions, &b.statements);
    let mut summary = Summary {
        principal: owner,
        admin: None,
        services,
        actions,
        statements: b.statements,
        notes: b.notes,
    };
    summary.admin = admin::admin_reason(model, index, owner, &summary, cat);
    summary
}

fn entries(b: &Builder<'_>, has_boundary: bool) -> Vec<ActionEntry> {
    let mut out = Vec::new();
    for s in 0..b.cat.service_count() as u16 {
        for id in b.cat.service_actions(s) {
            let Some(t) = b.touch.get(b.cat.dense(id)) else {
                continue;
            };
            if t.grants.is_empty() {
                continue;
            }
            let stmt = |n: &u32| &b.statements[*n as usize];
            let full_deny = t.denies.iter().find(|n| stmt(n).unconditional_on_all());
            let boundary_full = t.boundary.iter().any(|n| stmt(n).unconditional_on_all());
            let (removed, removed_why) = if let Some(n) = full_deny {
                let via = &stmt(n).via;
                (
                    true,
                    Some(format!(
                        "explicit Deny in {}, statement {}",
                        via.policy, via.statement
                    )),
                )
            } else if has_boundary && t.boundary.is_empty() {
                (
                    true,
                    Some("the permissions boundary does not allow it".into()),
                )
            } else {
                (false, None)
            };
            let full = !removed
                && t.denies.is_empty()
                && (!has_boundary || boundary_full)
                && t.grants.iter().any(|n| stmt(n).unconditional_on_all());
            let Some(action) = b.cat.action(id) else {
                continue;
            };
            out.push(ActionEntry {
                action: id,
                name: b.cat.full_name(id),
                levels: action.levels,
                granted_by: t.grants.iter().map(|n| *n as usize).collect(),
                removed_by: t.denies.iter().map(|n| *n as usize).collect(),
                boundary_by: t.boundary.iter().map(|n| *n as usize).collect(),
                full,
                removed,
                removed_why,
            });
        }
    }
    out
}

fn push_unique<T: PartialEq + Clone>(list: &mut Vec<T>, item: &T) {
    if !list.contains(item) {
        list.push(item.clone());
    }
}

fn services(
    cat: &Catalogue,
    actions: &[ActionEntry],
    stmts: &[StatementUse],
) -> Vec<ServiceSummary> {
    let mut out: Vec<ServiceSummary> = Vec::new();
    let mut start = 0;
    while start < actions.len() {
        let service = actions[start].action.service;
        let end = actions[start..]
            .iter()
            .position(|a| a.action.service != service)
            .map_or(actions.len(), |p| start + p);
        let Some(svc) = cat.services.get(usize::from(service)) else {
            start = end;
            continue;
        };
        let mut levels = Vec::new();
        for level in AccessLevel::ALL {
            let mut idx: Vec<usize> = (start..end)
                .filter(|i| actions[*i].levels.contains(level))
                .collect();
            if idx.is_empty() {
                continue;
            }
            idx.sort_by_key(|i| actions[*i].removed);
            let total = svc
                .actions
                .iter()
                .filter(|a| a.levels.contains(level))
                .count();
            let kept: Vec<&ActionEntry> = idx
                .iter()
                .map(|i| &actions[*i])
                .filter(|a| !a.removed)
                .collect();
            let mut resources: Vec<String> = Vec::new();
            let mut alternatives: Vec<Vec<ConditionText>> = Vec::new();
            let mut partial_denies: Vec<usize> = Vec::new();
            let mut unconditional = false;
            for a in &kept {
                for n in &a.removed_by {
                    push_unique(&mut partial_denies, n);
                }
                for g in &a.granted_by {
                    let s = &stmts[*g];
                    for r in &s.resources {
                        push_unique(&mut resources, r);
                    }
                    if s.conditions.is_empty() {
                        unconditional = true;
                    }
                    if !s.conditions.is_empty() {
                        push_unique(&mut alternatives, &s.conditions);
                    }
                }
            }
            if resources.iter().any(|r| r == "*") {
                resources = vec!["*".into()];
            }
            if unconditional {
                alternatives.clear();
            }
            levels.push(LevelSummary {
                level,
                granted: kept.len(),
                total,
                full: kept.len() == total && kept.iter().all(|a| a.full),
                resources,
                alternatives,
                partial_denies,
                actions: idx,
            });
        }
        out.push(ServiceSummary {
            prefix: svc.prefix.clone(),
            name: svc.name.clone(),
            levels,
        });
        start = end;
    }
    out
}
