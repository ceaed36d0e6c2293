//! Shortest paths through the escalation graph (ESCALATION D.0): from any
//! principal to a role, a user, or admin. Breadth-first from the target
//! over the edges reversed, so every node is visited once (cycles cannot
//! loop) and each start gets its shortest path. An administrator can take
//! over any principal of its account (rewrite a trust policy, create an
//! access key), which paths to a role or user use as their last step.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use super::{Graph, Kind, Node};
use crate::model::{EntityRef, Model};

/// One step of a path: an edge of the graph, or an administrator taking
/// over the next principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Edge(u32),
    TakeOver(EntityRef),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub from: EntityRef,
    pub steps: Vec<Step>,
    /// The least sure of its steps.
    pub kind: Kind,
}

fn takeover_target(model: &Model, node: Node) -> Option<EntityRef> {
    match node {
        Node::Principal(p @ EntityRef::Role(r)) => model
            .roles
            .get(r)
            .filter(|x| !x.detail.path.starts_with("/aws-service-role/"))
            .map(|_| p),
        Node::Principal(p @ EntityRef::User(_)) => Some(p),
        _ => None,
    }
}

/// A node of the search: a graph node, or "an administrator of this
/// account" (loaded-account index), the step before a take-over: an
/// administrator takes over principals of its own account only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum At {
    Node(Node),
    AdminOf(usize),
}

/// The shortest path from every principal that can reach `target` (only
/// from `from`, when given), least sure last, then by length and name.
pub fn paths_to(graph: &Graph, model: &Model, target: Node, from: Option<EntityRef>) -> Vec<Path> {
    if let Some(start) = from {
        // One start: search forward from it, which touches only what it
        // can reach, not the whole graph.
        return path_from(graph, model, target, start).into_iter().collect();
    }
    let goal = At::Node(target);
    // node → the step taken from it toward the target, and the node after.
    let mut next: FxHashMap<At, (Step, At)> = FxHashMap::default();
    let mut queue = VecDeque::from([goal]);
    let mut seen: FxHashMap<At, ()> = FxHashMap::default();
    seen.insert(goal, ());
    while let Some(at) = queue.pop_front() {
        let (into, account) = match at {
            At::Node(node) => (node, None),
            At::AdminOf(account) => (Node::Admin, Some(account)),
        };
        let mut preds: Vec<(At, Step)> = graph
            .into_ids(into)
            .iter()
            .filter_map(|i| {
                graph
                    .head(*i)
                    .filter(|e| account.is_none_or(|a| model.account_of(e.from) == a))
                    .map(|e| (At::Node(Node::Principal(e.from)), Step::Edge(*i)))
            })
            .collect();
        if let At::Node(node) = at
            && let Some(p) = takeover_target(model, node)
        {
            preds.push((At::AdminOf(model.account_of(p)), Step::TakeOver(p)));
        }
        for (pred, step) in preds {
            if seen.contains_key(&pred) {
                continue;
            }
            seen.insert(pred, ());
            next.insert(pred, (step, at));
            queue.push_back(pred);
        }
    }
    let mut out = Vec::new();
    for (&start, _) in next.iter() {
        let At::Node(Node::Principal(p)) = start else {
            continue;
        };
        if from.is_some_and(|f| f != p) || Node::Principal(p) == target {
            continue;
        }
        let mut steps = Vec::new();
        let mut kind = Kind::Definite;
        let mut at = start;
        while at != goal {
            let Some(&(step, after)) = next.get(&at) else {
                break;
            };
            if let Step::Edge(i) = step
                && let Some(e) = graph.head(i)
            {
                kind = kind.max(e.kind);
            }
            steps.push(step);
            at = after;
        }
        out.push(Path {
            from: p,
            steps,
            kind,
        });
    }
    out.sort_by(|a, b| {
        (a.kind, a.steps.len(), model.arn_of(a.from)).cmp(&(
            b.kind,
            b.steps.len(),
            model.arn_of(b.from),
        ))
    });
    out
}

/// The shortest path from `start` to `target`, breadth-first over the
/// edges leaving each principal (the same steps as [`paths_to`] reads
/// backwards).
fn path_from(graph: &Graph, model: &Model, target: Node, start: EntityRef) -> Option<Path> {
    let goal = At::Node(target);
    let first = At::Node(Node::Principal(start));
    if first == goal {
        return None;
    }
    let mut prev: FxHashMap<At, (Step, At)> = FxHashMap::default();
    let mut queue = VecDeque::from([first]);
    prev.insert(first, (Step::TakeOver(start), first));
    'search: while let Some(at) = queue.pop_front() {
        let mut next: Vec<(At, Step)> = Vec::new();
        match at {
            At::Node(Node::Principal(p)) => {
                for i in graph.out_ids(p) {
                    let Some(e) = graph.head(*i) else {
                        continue;
                    };
                    let to = match e.to {
                        Node::Admin if target == Node::Admin => goal,
                        Node::Admin => At::AdminOf(model.account_of(p)),
                        node => At::Node(node),
                    };
                    next.push((to, Step::Edge(*i)));
                }
            }
            At::AdminOf(account) => {
                if let At::Node(node) = goal
                    && let Some(t) = takeover_target(model, node)
                    && model.account_of(t) == account
                {
                    next.push((goal, Step::TakeOver(t)));
                }
            }
            At::Node(Node::Admin) => {}
        }
        for (to, step) in next {
            if prev.contains_key(&to) {
                continue;
            }
            prev.insert(to, (step, at));
            if to == goal {
                break 'search;
            }
            queue.push_back(to);
        }
    }
    prev.get(&goal)?;
    let mut steps = Vec::new();
    let mut kind = Kind::Definite;
    let mut at = goal;
    while at != first {
        let &(step, before) = prev.get(&at)?;
        if let Step::Edge(i) = step
            && let Some(e) = graph.head(i)
        {
            kind = kind.max(e.kind);
        }
        steps.push(step);
        at = before;
    }
    steps.reverse();
    Some(Path {
        from: start,
        steps,
        kind,
    })
}
