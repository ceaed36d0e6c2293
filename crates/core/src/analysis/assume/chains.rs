//! Chains of roles: user → role → role …, found breadth-first so each role
//! is reached by a shortest path, and never twice (cycle-safe).

use std::collections::HashSet;

use crate::model::Model;

use super::index::AssumeIndex;
use super::types::{Caller, Verdict};
use super::who::can_assume_what_where;

/// One path from the start principal. `verdicts[i]` is the verdict of the
/// hop into `steps[i]`; `chained[i]` marks a hop made by a role session
/// (role chaining), whose new session is capped at one hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    pub steps: Vec<usize>,
    pub verdicts: Vec<Verdict>,
    pub chained: Vec<bool>,
}

impl Chain {
    /// The weakest verdict along the chain.
    pub fn verdict(&self) -> Verdict {
        self.verdicts
            .iter()
            .copied()
            .max_by_key(|v| v.rank())
            .unwrap_or(Verdict::Denied)
    }
}

/// Every role reachable from `start` in at most `max_depth` hops, each by
/// one shortest path (the BFS tree), shortest first. A role the start is
/// (or is a session of) is not revisited.
pub fn chains(model: &Model, index: &AssumeIndex, start: &Caller, max_depth: usize) -> Vec<Chain> {
    let mut visited: HashSet<usize> = HashSet::new();
    let start_is_role = match start {
        Caller::Role(r) | Caller::Session { role: r, .. } => {
            visited.insert(*r);
            true
        }
        _ => false,
    };
    let mut out: Vec<Chain> = Vec::new();
    let mut frontier: Vec<Chain> = vec![Chain {
        steps: Vec::new(),
        verdicts: Vec::new(),
        chained: Vec::new(),
    }];
    for _depth in 0..max_depth {
        let mut next: Vec<Chain> = Vec::new();
        for path in &frontier {
            let caller = match path.steps.last() {
                Some(&r) => Caller::Role(r),
                None => start.clone(),
            };
            for (r, d) in can_assume_what_where(model, index, &caller, |r| !visited.contains(&r)) {
                if !visited.insert(r) {
                    continue;
                }
                let mut c = path.clone();
                c.steps.push(r);
                c.verdicts.push(d.verdict);
                c.chained.push(start_is_role || !path.steps.is_empty());
                next.push(c);
            }
        }
        if next.is_empty() {
            break;
        }
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out
}
