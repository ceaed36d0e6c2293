//! Privilege escalation (ESCALATION.md): who can become a role, a user, or
//! an administrator by means other than (and besides) sts:AssumeRole.
//!
//! - `techniques`: rolecall's catalogue of techniques;
//! - `edges`: every edge of the loaded accounts, each step decided by the
//!   evaluator (identity policies, groups, boundaries, Denies, resource
//!   scope, `iam:PassedToService`), each definite, conditional, or possible
//!   if a resource GAAD cannot show exists;
//! - `paths`: shortest, cycle-free paths through those edges.

mod edges;
mod paths;
pub mod techniques;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::analysis::assume::Via;
use crate::model::EntityRef;
use crate::policy::ConditionText;

pub use edges::{graph, graph_exhaustive};
pub use paths::{Path, Step, paths_to};
pub use techniques::{Category, Shape, TECHNIQUES, Technique};

/// Where an edge leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Principal(EntityRef),
    /// Effectively an administrator of its account (D.1).
    Admin,
}

/// How sure an edge (or a path) is, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Everything it needs is in the snapshot and allowed.
    Definite,
    /// Allowed if conditions rolecall cannot decide hold.
    Conditional,
    /// Needs a resource (or a fact) GAAD cannot show.
    Possible,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Definite => "definite",
            Kind::Conditional => "conditional",
            Kind::Possible => "possible",
        }
    }
}

/// One way from a principal to another principal or to admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: EntityRef,
    pub to: Node,
    pub technique: &'static Technique,
    pub kind: Kind,
    /// The actions it uses, as requested.
    pub actions: Vec<String>,
    /// For a conditional edge: what must hold, in words.
    pub conditions: Vec<ConditionText>,
    /// For a possible edge: what must exist.
    pub needs: Vec<String>,
    /// The statements that allow it.
    pub via: Vec<Via>,
    /// Why, when the statements alone do not say (an administrator: what
    /// makes it one).
    pub note: Option<String>,
}

impl Edge {
    /// An sts:AssumeRole edge keeps only its kind and conditions (there
    /// are millions on a big account, stored as [`AssumeEdge`]); its
    /// statements come from [`Edge::assume_decision`].
    pub fn is_light(&self) -> bool {
        self.technique.shape == Shape::Assume && self.via.is_empty()
    }

    /// The actions it uses: its own, or its technique's.
    pub fn actions(&self) -> Vec<String> {
        if self.actions.is_empty() {
            self.technique
                .actions
                .iter()
                .map(|a| a.to_string())
                .collect()
        } else {
            self.actions.clone()
        }
    }

    /// For an sts:AssumeRole edge: the assume engine's decision behind it.
    pub fn assume_decision(
        &self,
        model: &crate::model::Model,
        index: &crate::analysis::assume::AssumeIndex,
    ) -> Option<crate::analysis::assume::Decision> {
        use crate::analysis::assume::{Caller, can_assume};
        let (Shape::Assume, Node::Principal(EntityRef::Role(r))) = (self.technique.shape, self.to)
        else {
            return None;
        };
        let caller = match self.from {
            EntityRef::User(u) => Caller::User(u),
            EntityRef::Role(x) => Caller::Role(x),
            _ => return None,
        };
        Some(can_assume(model, index, &caller, r))
    }
}

/// An sts:AssumeRole edge, compact (there are millions on a big account):
/// its statements are the assume engine's, asked again when a path is
/// shown ([`Edge::assume_decision`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AssumeEdge {
    pub from: EntityRef,
    pub role: u32,
    pub kind: Kind,
    /// Index into [`Graph::conditions`]; 0 is none.
    pub conditions: u32,
}

/// What a path search reads of an edge, without building it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub from: EntityRef,
    pub to: Node,
    pub kind: Kind,
    pub technique: &'static Technique,
}

/// Every edge of the loaded accounts, indexed both ways. Edges are numbered
/// escalation edges first, then sts:AssumeRole edges.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Every edge but sts:AssumeRole, in full.
    edges: Vec<Edge>,
    assume: Vec<AssumeEdge>,
    /// The condition lists of the assume edges, each once (0: none).
    conditions: Vec<Vec<ConditionText>>,
    assume_technique: Option<&'static Technique>,
    /// Edge numbers by the node they lead to.
    into: rustc_hash::FxHashMap<Node, Vec<u32>>,
    /// Edge numbers by the principal they start from.
    out: rustc_hash::FxHashMap<EntityRef, Vec<u32>>,
}

impl Graph {
    fn from_edges(
        edges: Vec<Edge>,
        assume: Vec<AssumeEdge>,
        conditions: Vec<Vec<ConditionText>>,
    ) -> Graph {
        let mut g = Graph {
            edges,
            assume,
            conditions,
            assume_technique: TECHNIQUES.iter().find(|t| t.shape == Shape::Assume),
            ..Graph::default()
        };
        for i in 0..g.len() as u32 {
            if let Some(h) = g.head(i) {
                g.into.entry(h.to).or_default().push(i);
                g.out.entry(h.from).or_default().push(i);
            }
        }
        g
    }

    /// How many edges.
    pub fn len(&self) -> usize {
        self.edges.len() + self.assume.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Edge `i`: borrowed, or built for an sts:AssumeRole edge.
    pub fn edge(&self, i: u32) -> Option<Cow<'_, Edge>> {
        let i = i as usize;
        if let Some(e) = self.edges.get(i) {
            return Some(Cow::Borrowed(e));
        }
        let a = self.assume.get(i - self.edges.len())?;
        Some(Cow::Owned(Edge {
            from: a.from,
            to: Node::Principal(EntityRef::Role(a.role as usize)),
            technique: self.assume_technique?,
            kind: a.kind,
            actions: Vec::new(),
            conditions: self
                .conditions
                .get(a.conditions as usize)
                .cloned()
                .unwrap_or_default(),
            needs: Vec::new(),
            via: Vec::new(),
            note: None,
        }))
    }

    /// The ends, kind and technique of edge `i`.
    pub fn head(&self, i: u32) -> Option<Head> {
        let i = i as usize;
        if let Some(e) = self.edges.get(i) {
            return Some(Head {
                from: e.from,
                to: e.to,
                kind: e.kind,
                technique: e.technique,
            });
        }
        let a = self.assume.get(i - self.edges.len())?;
        Some(Head {
            from: a.from,
            to: Node::Principal(EntityRef::Role(a.role as usize)),
            kind: a.kind,
            technique: self.assume_technique?,
        })
    }

    /// Edge `i` when it is not an sts:AssumeRole edge (those are built on
    /// demand: [`Graph::edge`]).
    pub fn escalation_edge(&self, i: u32) -> Option<&Edge> {
        self.edges.get(i as usize)
    }

    /// The sts:AssumeRole technique every assume edge has.
    pub fn assume_technique(&self) -> Option<&'static Technique> {
        self.assume_technique
    }

    /// The conditions of edge `i`, without building it.
    pub fn conditions_of(&self, i: u32) -> &[ConditionText] {
        if let Some(e) = self.edges.get(i as usize) {
            return &e.conditions;
        }
        self.assume
            .get(i as usize - self.edges.len())
            .and_then(|a| self.conditions.get(a.conditions as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// Every edge but the sts:AssumeRole ones (numbered first).
    pub fn escalation_edges(&self) -> &[Edge] {
        &self.edges
    }

    /// Every edge, in number order.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, Edge>> {
        (0..self.len() as u32).filter_map(|i| self.edge(i))
    }

    /// The numbers of the edges that lead to `node`.
    pub fn into_ids(&self, node: Node) -> &[u32] {
        self.into.get(&node).map_or(&[], Vec::as_slice)
    }

    /// The numbers of the edges that start from `principal`.
    pub fn out_ids(&self, principal: EntityRef) -> &[u32] {
        self.out.get(&principal).map_or(&[], Vec::as_slice)
    }

    /// The edges that lead to `node`.
    pub fn into(&self, node: Node) -> impl Iterator<Item = Cow<'_, Edge>> {
        self.into_ids(node).iter().filter_map(|i| self.edge(*i))
    }

    /// The edges that start from `principal`.
    pub fn out_of(&self, principal: EntityRef) -> impl Iterator<Item = Cow<'_, Edge>> {
        self.out_ids(principal).iter().filter_map(|i| self.edge(*i))
    }

    /// Principals that can gain `target` by escalation (not by a plain
    /// sts:AssumeRole, and not only as administrators), with the edges.
    pub fn gainers(&self, target: EntityRef) -> Vec<&Edge> {
        self.into_ids(Node::Principal(target))
            .iter()
            .filter_map(|i| self.edges.get(*i as usize))
            .filter(|e| {
                !matches!(
                    e.technique.shape,
                    Shape::Assume | Shape::AdminTakesOver | Shape::IsAdmin
                )
            })
            .collect()
    }
}
