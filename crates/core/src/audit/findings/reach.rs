//! Escalation findings (issue 11): "X can reach admin via …" and "X can
//! gain role R via …", from the escalation graph (analysis::escalation).
//! Kept apart from the per-principal checks: the graph is worked out
//! once for the whole account, and the TUI adds these when it is ready.

use std::collections::BTreeMap;

use super::{Finding, Location, Subject};
use crate::analysis::escalation::{Edge, Graph, Kind, Node, Shape, Step, paths_to};
use crate::model::{EntityRef, Model};

fn node_name(model: &Model, node: Node) -> String {
    match node {
        Node::Admin => "admin".into(),
        Node::Principal(p) => model.arn_of(p).to_string(),
    }
}

/// Where a finding points: the first statement of the edge, or the
/// principal itself.
fn location(edge: Option<&Edge>) -> Location {
    match edge.and_then(|e| e.via.first()) {
        Some(v) => Location {
            policy: v.policy.clone(),
            statement: Some(v.statement),
        },
        None => Location {
            policy: "principal".into(),
            statement: None,
        },
    }
}

fn step_words(model: &Model, graph: &Graph, step: Step) -> String {
    match step {
        Step::Edge(i) => match graph.edge(i) {
            Some(e) => {
                let mut w = format!(
                    "→ {} [{}: {}]",
                    node_name(model, e.to),
                    e.technique.id,
                    e.technique.words
                );
                if !e.needs.is_empty() {
                    w.push_str(&format!(" if {}", e.needs.join("; ")));
                } else if !e.conditions.is_empty() {
                    let c: Vec<&str> = e.conditions.iter().map(|c| c.text.as_str()).collect();
                    w.push_str(&format!(" if {}", c.join("; ")));
                }
                w
            }
            None => String::new(),
        },
        Step::TakeOver(p) => format!("→ {} [admin-takes-over]", model.arn_of(p)),
    }
}

/// Every escalation finding of the loaded accounts.
pub fn escalation_findings(model: &Model, graph: &Graph) -> Vec<Finding> {
    let mut out = Vec::new();
    for path in paths_to(graph, model, Node::Admin, None) {
        let first = match path.steps.first() {
            Some(Step::Edge(i)) => graph.edge(*i),
            _ => None,
        };
        // An administrator is not escalating: the permission findings say it.
        if path.steps.len() == 1
            && first
                .as_ref()
                .is_some_and(|e| e.technique.shape == Shape::IsAdmin)
        {
            continue;
        }
        let id = if path.kind == Kind::Possible {
            "RC-ESC-002"
        } else {
            "RC-ESC-001"
        };
        let steps: Vec<String> = path
            .steps
            .iter()
            .map(|s| step_words(model, graph, *s))
            .collect();
        let explanation = format!(
            "{} reaches admin in {} step(s), {}: {}",
            model.arn_of(path.from),
            path.steps.len(),
            path.kind.as_str(),
            steps.join(" ")
        );
        out.push(Subject::of(model, path.from).finding(
            id,
            location(first.as_deref()),
            explanation,
        ));
    }
    // Gains of roles, one finding per principal, technique and statement.
    type Key = (String, &'static str, String, Option<usize>);
    let mut gains: BTreeMap<Key, (EntityRef, Vec<&Edge>)> = BTreeMap::new();
    for e in graph.escalation_edges() {
        let Node::Principal(EntityRef::Role(_)) = e.to else {
            continue;
        };
        if matches!(
            e.technique.shape,
            Shape::Assume | Shape::IsAdmin | Shape::AdminTakesOver
        ) || e.kind == Kind::Possible
        {
            continue;
        }
        let loc = location(Some(e));
        gains
            .entry((
                model.arn_of(e.from).to_string(),
                e.technique.id,
                loc.policy,
                loc.statement,
            ))
            .or_insert_with(|| (e.from, Vec::new()))
            .1
            .push(e);
    }
    for ((_, technique, policy, statement), (from, edges)) in gains {
        const NAMED: usize = 5;
        let mut roles: Vec<String> = edges.iter().map(|e| node_name(model, e.to)).collect();
        roles.sort();
        roles.dedup();
        let more = roles.len().saturating_sub(NAMED);
        let words = edges.first().map_or("", |e| e.technique.words);
        let explanation = format!(
            "{} {words} ({technique}) for {} role(s): {}{}",
            model.arn_of(from),
            roles.len(),
            roles
                .iter()
                .take(NAMED)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
        out.push(Subject::of(model, from).finding(
            "RC-ESC-003",
            Location { policy, statement },
            explanation,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escalation_findings;
    use crate::analysis::assume::AssumeIndex;
    use crate::analysis::escalation::graph;

    #[test]
    fn the_demo_staging_engineer_can_reach_admin_and_a_plain_admin_is_not_reported() {
        let m = crate::model::build(vec![crate::source::demo::current().expect("demo")]);
        let g = graph(&m, &AssumeIndex::build(&m));
        let f = escalation_findings(&m, &g);
        let staging = f
            .iter()
            .find(|x| x.id == "RC-ESC-001" && x.arn.ends_with("role/staging-engineer-access"))
            .expect("staging-engineer-access reaches admin");
        assert!(
            staging.explanation.contains("pass-role-lambda"),
            "{}",
            staging.explanation
        );
        assert!(
            staging.location.policy.contains("acme-platform-engineer"),
            "{:?}",
            staging.location
        );
        // legacy-jenkins-admin is admin itself: no escalation finding.
        assert!(
            !f.iter()
                .any(|x| x.id == "RC-ESC-001" && x.arn.ends_with("role/legacy-jenkins-admin"))
        );
        assert!(
            f.iter().any(|x| x.id == "RC-ESC-002"),
            "possible paths are medium findings"
        );
        assert!(f.iter().any(|x| x.id == "RC-ESC-003"
            && x.arn.ends_with("role/staging-engineer-access")
            && x.explanation.contains("(pass-role-lambda)")));
        // Negative: a reader with no escalation gets none.
        assert!(!f.iter().any(|x| x.arn.ends_with("role/incident-readonly")));
    }
}
