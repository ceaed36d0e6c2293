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

use crate::analysis::assume::Via;
use crate::model::EntityRef;
use crate::policy::ConditionText;

pub use edges::graph;
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
    /// are millions on a big account); its statements come from
    /// [`Edge::assume_decision`].
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

/// Every edge of the loaded accounts, indexed both ways.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub edges: Vec<Edge>,
    /// Edge numbers by the node they lead to.
    into: rustc_hash::FxHashMap<Node, Vec<u32>>,
    /// Edge numbers by the principal they start from.
    out: rustc_hash::FxHashMap<EntityRef, Vec<u32>>,
}

impl Graph {
    fn from_edges(edges: Vec<Edge>) -> Graph {
        let mut g = Graph {
            edges,
            ..Graph::default()
        };
        for (i, e) in g.edges.iter().enumerate() {
            g.into.entry(e.to).or_default().push(i as u32);
            g.out.entry(e.from).or_default().push(i as u32);
        }
        g
    }

    /// The edges that lead to `node`.
    pub fn into(&self, node: Node) -> impl Iterator<Item = &Edge> {
        self.into
            .get(&node)
            .into_iter()
            .flatten()
            .filter_map(|i| self.edges.get(*i as usize))
    }

    /// The edges that start from `principal`.
    pub fn out_of(&self, principal: EntityRef) -> impl Iterator<Item = &Edge> {
        self.out
            .get(&principal)
            .into_iter()
            .flatten()
            .filter_map(|i| self.edges.get(*i as usize))
    }

    /// Principals that can gain `target` by escalation (not by a plain
    /// sts:AssumeRole, and not only as administrators), with the edges.
    pub fn gainers(&self, target: EntityRef) -> Vec<&Edge> {
        self.into(Node::Principal(target))
            .filter(|e| {
                !matches!(
                    e.technique.shape,
                    Shape::Assume | Shape::AdminTakesOver | Shape::IsAdmin
                )
            })
            .collect()
    }
}
