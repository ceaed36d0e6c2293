//! The escalation graph of the loaded accounts, computed off the UI thread
//! after each load (with the findings), for the Who-can-assume tab's
//! "can gain" rows, the Paths view and the role list's Esc column.

use crate::analysis::assume::AssumeIndex;
use crate::analysis::escalation::{Graph, Node, Path, graph, paths_to};
use crate::model::{EntityRef, Model};

#[derive(Debug, Clone, Default)]
pub struct EscalationView {
    pub graph: Graph,
    /// Per role: how many principals can gain it by escalation.
    pub gainers: Vec<u32>,
    /// Everyone's shortest path to admin, worked out once.
    pub to_admin: Vec<Path>,
}

impl EscalationView {
    pub fn build(model: &Model, index: &AssumeIndex) -> EscalationView {
        let graph = graph(model, index);
        let gainers = (0..model.roles.len())
            .map(|r| {
                let mut from: Vec<EntityRef> = graph
                    .gainers(EntityRef::Role(r))
                    .iter()
                    .map(|e| e.from)
                    .collect();
                from.sort_unstable_by_key(|e| model.arn_of(*e).to_string());
                from.dedup();
                from.len() as u32
            })
            .collect();
        let to_admin = paths_to(&graph, model, Node::Admin, None);
        EscalationView {
            graph,
            gainers,
            to_admin,
        }
    }

    /// Principals that can gain the role by escalation.
    pub fn gainer_count(&self, role: usize) -> u32 {
        self.gainers.get(role).copied().unwrap_or(0)
    }
}
