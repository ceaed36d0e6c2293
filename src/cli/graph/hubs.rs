//! The whole account's sts:AssumeRole edges for BloodHound, shared through
//! hubs. On a large account most of them join every principal of the
//! account to each of a few hundred roles that trust `{"AWS": "*"}` (under
//! an `aws:PrincipalOrgID` condition, say): millions of edges that say one
//! thing. Roles whose assumers, with the same verdict and conditions, are
//! the same principals share one `RC_AssumeHub` node instead: each such
//! principal `RC_InAssumeHub` → hub `RC_CanAssume` → each role.
//!
//! Exact: a principal reaches a role through a hub exactly when the graph
//! has that assume edge, with the verdict and conditions the hub's edge to
//! the role carries. A role is never its own assumer, so roles that can
//! assume one another are grouped with each counted among its own
//! assumers; they are not among the hub's members, and their edges to one
//! another are written one by one. A group too small to gain from a hub is
//! written edge by edge.

use std::collections::HashMap;

use crate::analysis::escalation::{Graph, Kind, Node};
use crate::model::EntityRef;
use crate::policy::ConditionText;

use super::{Builder, EdgeKind, Fast, GEdge, GNode, NodeKind};

type FxHashMap<K, V> = HashMap<K, V, Fast>;

/// Principals by number: users, then roles.
struct Slots {
    users: usize,
}

impl Slots {
    fn of(&self, e: EntityRef) -> Option<u32> {
        match e {
            EntityRef::User(u) => Some(u as u32),
            EntityRef::Role(r) => Some((self.users + r) as u32),
            _ => None,
        }
    }

    fn entity(&self, slot: u32) -> EntityRef {
        let s = slot as usize;
        if s < self.users {
            EntityRef::User(s)
        } else {
            EntityRef::Role(s - self.users)
        }
    }
}

/// Roles whose assumers (with one verdict and condition list) are the same
/// principals: as they are, or once each role is counted among its own
/// (roles that can assume one another).
struct Group<'g> {
    kind: Kind,
    /// As in [`Assumers::list`].
    list: usize,
    conditions: &'g [ConditionText],
    /// The assumers (sorted slots), each role of the group included when
    /// `self_counted`.
    assumers: Vec<u32>,
    roles: Vec<usize>,
    self_counted: bool,
}

/// One role's assumers with one verdict.
struct Assumers<'g> {
    role: usize,
    kind: Kind,
    /// The condition list by address (lists are numbered once, so one list
    /// is one address); 0 for none.
    list: usize,
    conditions: &'g [ConditionText],
    assumers: Vec<u32>,
}

/// One verdict's condition list and its assumers (slots).
type Verdict<'g> = (&'g [ConditionText], Vec<u32>);

/// The assume edges into each role, by verdict.
fn into_roles<'g>(graph: &'g Graph, slots: &Slots, roles: usize) -> Vec<Assumers<'g>> {
    let first = graph.escalation_edges().len() as u32;
    let mut out = Vec::new();
    for role in 0..roles {
        let mut by_verdict: FxHashMap<(Kind, usize), Verdict<'g>> = FxHashMap::default();
        for &i in graph.into_ids(Node::Principal(EntityRef::Role(role))) {
            if i < first {
                continue;
            }
            let (Some(h), conditions) = (graph.head(i), graph.conditions_of(i)) else {
                continue;
            };
            let Some(from) = slots.of(h.from) else {
                continue;
            };
            let list = if conditions.is_empty() {
                0
            } else {
                conditions.as_ptr() as usize
            };
            by_verdict
                .entry((h.kind, list))
                .or_insert_with(|| (conditions, Vec::new()))
                .1
                .push(from);
        }
        let mut verdicts: Vec<_> = by_verdict.into_iter().collect();
        verdicts.sort_by_key(|((kind, _), (_, from))| (*kind, from.first().copied()));
        for ((kind, list), (conditions, mut assumers)) in verdicts {
            assumers.sort_unstable();
            out.push(Assumers {
                role,
                kind,
                list,
                conditions,
                assumers,
            });
        }
    }
    out
}

/// Groups `entries` by verdict and assumers (each role added to its own
/// when `self_counted`), in first-seen order.
fn group<'g>(entries: Vec<Assumers<'g>>, slots: &Slots, self_counted: bool) -> Vec<Group<'g>> {
    let mut found: FxHashMap<(Kind, usize, Vec<u32>), usize> = FxHashMap::default();
    let mut out: Vec<Group<'g>> = Vec::new();
    for mut e in entries {
        if self_counted && let Some(me) = slots.of(EntityRef::Role(e.role)) {
            let at = e.assumers.partition_point(|s| *s < me);
            e.assumers.insert(at, me);
        }
        let key = (e.kind, e.list, e.assumers);
        match found.get(&key) {
            Some(&g) => out[g].roles.push(e.role),
            None => {
                let (kind, _, assumers) = key.clone();
                found.insert(key, out.len());
                out.push(Group {
                    kind,
                    list: e.list,
                    conditions: e.conditions,
                    assumers,
                    roles: vec![e.role],
                    self_counted,
                });
            }
        }
    }
    out
}

/// The groups: roles with the same assumers first; a role left alone
/// then joins the roles that, with each counted among its own assumers,
/// have the same.
fn groups<'g>(graph: &'g Graph, slots: &Slots, roles: usize) -> Vec<Group<'g>> {
    let mut out = Vec::new();
    let mut alone = Vec::new();
    for g in group(into_roles(graph, slots, roles), slots, false) {
        if g.roles.len() > 1 {
            out.push(g);
        } else if let Some(&role) = g.roles.first() {
            alone.push(Assumers {
                role,
                kind: g.kind,
                list: g.list,
                conditions: g.conditions,
                assumers: g.assumers,
            });
        }
    }
    out.extend(group(alone, slots, true));
    out
}

/// Adds every sts:AssumeRole edge of `graph` to the export, through hubs
/// where they save edges.
pub(super) fn add_assume_edges<'m>(b: &mut Builder<'m>, graph: &'m Graph) {
    let model = b.model;
    let slots = Slots {
        users: model.users.len(),
    };
    let Some(technique) = graph.assume_technique() else {
        return;
    };
    let mut hubs = 0usize;
    for group in groups(graph, &slots, model.roles.len()) {
        let role_slots: Vec<u32> = group
            .roles
            .iter()
            .filter_map(|r| slots.of(EntityRef::Role(*r)))
            .collect();
        let members: Vec<u32> = group
            .assumers
            .iter()
            .copied()
            .filter(|s| !role_slots.contains(s))
            .collect();
        let (k, m) = (group.roles.len(), members.len());
        let can_assume = |b: &mut Builder<'m>, from: usize, role: usize| {
            let to = b.entity(EntityRef::Role(role));
            b.edges.push(GEdge {
                from,
                to,
                kind: EdgeKind::CanAssume,
                technique: Some(technique),
                verdict: Some(group.kind),
                edge: None,
                conditions: group.conditions,
                more: Vec::new(),
            });
        };
        // Roles counted among their own assumers assume one another:
        // directly, either way.
        for &role in group.roles.iter().filter(|_| group.self_counted) {
            for &other in &group.roles {
                if other != role {
                    let from = b.entity(EntityRef::Role(other));
                    can_assume(b, from, role);
                }
            }
        }
        if k < 2 || m < 2 || m + k >= m * k {
            for &role in &group.roles {
                for &s in &members {
                    let from = b.entity(slots.entity(s));
                    can_assume(b, from, role);
                }
            }
            continue;
        }
        hubs += 1;
        let account = model
            .roles
            .get(group.roles[0])
            .map(|r| b.account_id(r.account))
            .unwrap_or_default();
        let hub = b.node(GNode {
            id: format!("rolecall:assume-hub:{account}:{hubs}"),
            kind: NodeKind::AssumeHub,
            name: format!("{m} principals that can assume the same {k} roles"),
            account,
            entity: None,
        });
        for &s in &members {
            let from = b.entity(slots.entity(s));
            b.edges.push(GEdge {
                from,
                to: hub,
                kind: EdgeKind::InAssumeHub,
                technique: None,
                verdict: None,
                edge: None,
                conditions: &[],
                more: Vec::new(),
            });
        }
        for &role in &group.roles {
            can_assume(b, hub, role);
        }
    }
}
