//! `rolecall paths --to ROLE|USER|admin [--from PRINCIPAL]`: who can reach
//! a role, a user or admin through assume and escalation edges
//! (analysis::escalation), for people and for CI gates.
//!
//! JSON (documented in README.md; keys are kept): `{"target", "paths":
//! [{"from", "kind": "definite"|"possible"|"conditional", "steps": [{"from",
//! "to", "technique", "actions", "via", "needs"}]}]}`; each step also has
//! `technique_name`, `words`, `kind` and `conditions`.

use std::io::Write;

use serde::Serialize;

use std::collections::HashMap as FxHashMap;

use crate::analysis::assume::AssumeIndex;
use crate::analysis::escalation::{Edge, Graph, Node, Path, Step, TECHNIQUES, graph, paths_to};
use crate::model::{EntityRef, Model};
use crate::text::escape_controls_line;

use super::assume::{ViaOut, condition_out, via_out};
use super::query::QueryError;

/// What `--to` names.
pub fn find_target(model: &Model, wanted: &str) -> Result<Node, QueryError> {
    if wanted.eq_ignore_ascii_case("admin") {
        return Ok(Node::Admin);
    }
    match super::permissions::find_entity(model, wanted)? {
        e @ (EntityRef::User(_) | EntityRef::Role(_)) => Ok(Node::Principal(e)),
        _ => Err(QueryError::BadInput(format!(
            "{wanted:?} is a group or policy; --to takes a role, a user, or admin"
        ))),
    }
}

fn node_label(model: &Model, node: Node) -> String {
    match node {
        Node::Admin => "admin".into(),
        Node::Principal(p) => model.arn_of(p).to_string(),
    }
}

#[derive(Serialize)]
struct StepOut<'a> {
    from: String,
    to: String,
    technique: &'static str,
    technique_name: &'static str,
    words: &'static str,
    kind: &'static str,
    actions: Vec<String>,
    via: Vec<ViaOut<'a>>,
    needs: Vec<String>,
    conditions: Vec<super::assume::ConditionOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct PathOut<'a> {
    from: &'a str,
    kind: &'static str,
    steps: Vec<StepOut<'a>>,
}

/// The sts:AssumeRole hops of these paths, built in full with the assume
/// engine's statements (the graph keeps only their kind), by edge number.
type Hops = FxHashMap<u32, Edge>;

fn hop_edges(model: &Model, index: &AssumeIndex, g: &Graph, paths: &[Path]) -> Hops {
    let mut out = Hops::default();
    for step in paths.iter().flat_map(|p| &p.steps) {
        if let Step::Edge(i) = step
            && g.escalation_edge(*i).is_none()
            && !out.contains_key(i)
            && let Some(e) = g.edge(*i)
        {
            let mut e = e.into_owned();
            e.via = e
                .assume_decision(model, index)
                .map(|d| d.via)
                .unwrap_or_default();
            out.insert(*i, e);
        }
    }
    out
}

fn step_out<'a>(
    model: &Model,
    g: &'a Graph,
    hops: &'a Hops,
    step: Step,
    at: Node,
) -> (StepOut<'a>, Node) {
    match step {
        Step::Edge(i) => match hops.get(&i).or_else(|| g.escalation_edge(i)) {
            Some(e) => (
                StepOut {
                    from: node_label(model, Node::Principal(e.from)),
                    to: node_label(model, e.to),
                    technique: e.technique.id,
                    technique_name: e.technique.name,
                    words: e.technique.words,
                    kind: e.kind.as_str(),
                    actions: e.actions(),
                    via: e.via.iter().map(via_out).collect(),
                    needs: e.needs.clone(),
                    conditions: e.conditions.iter().map(condition_out).collect(),
                    note: e.note.clone(),
                },
                e.to,
            ),
            None => (takeover_out(model, at, at), at),
        },
        Step::TakeOver(p) => (
            takeover_out(model, at, Node::Principal(p)),
            Node::Principal(p),
        ),
    }
}

fn takeover_out<'a>(model: &Model, from: Node, to: Node) -> StepOut<'a> {
    let t = TECHNIQUES.iter().find(|t| t.id == "admin-takes-over");
    StepOut {
        from: node_label(model, from),
        to: node_label(model, to),
        technique: t.map_or("admin-takes-over", |t| t.id),
        technique_name: t.map_or("", |t| t.name),
        words: t.map_or("", |t| t.words),
        kind: "definite",
        actions: t.map_or(Vec::new(), |t| {
            t.actions.iter().map(|a| a.to_string()).collect()
        }),
        via: Vec::new(),
        needs: Vec::new(),
        conditions: Vec::new(),
        note: None,
    }
}

fn path_steps<'a>(model: &Model, g: &'a Graph, hops: &'a Hops, p: &Path) -> Vec<StepOut<'a>> {
    let mut at = Node::Principal(p.from);
    let mut out = Vec::new();
    for step in &p.steps {
        let (s, next) = step_out(model, g, hops, *step, at);
        out.push(s);
        at = next;
    }
    out
}

/// Every path of `from` whose first step differs (each then shortest):
/// the alternatives a reviewer wants beside the shortest one.
fn all_paths(g: &Graph, model: &Model, target: Node, shortest: &[Path]) -> Vec<Path> {
    let mut out = Vec::new();
    for p in shortest {
        out.push(p.clone());
        for &i in g.out_ids(p.from) {
            let Some(e) = g.head(i) else { continue };
            if p.steps.first() == Some(&Step::Edge(i)) {
                continue;
            }
            let rest: Vec<Path> = match e.to {
                n if n == target => vec![Path {
                    from: p.from,
                    steps: Vec::new(),
                    kind: e.kind,
                }],
                Node::Principal(next) if next != p.from => paths_to(g, model, target, Some(next)),
                _ => Vec::new(),
            };
            if let Some(r) = rest.first()
                && !r.steps.iter().any(
                    |s| matches!(s, Step::Edge(x) if g.head(*x).is_some_and(|x| x.from == p.from)),
                )
            {
                let mut steps = vec![Step::Edge(i)];
                steps.extend(r.steps.iter().copied());
                out.push(Path {
                    from: p.from,
                    steps,
                    kind: e.kind.max(r.kind),
                });
            }
        }
    }
    out
}

/// The starting principals (their ARNs) with a path to the target in the
/// baseline, so only new ones are reported.
fn baseline_starts(baseline: &Model, target_label: &str) -> std::collections::HashSet<String> {
    let index = AssumeIndex::build(baseline);
    let g = graph(baseline, &index);
    let target = if target_label == "admin" {
        Some(Node::Admin)
    } else {
        baseline
            .resolve(target_label, 0)
            .filter(|e| matches!(e, EntityRef::User(_) | EntityRef::Role(_)))
            .map(Node::Principal)
    };
    match target {
        Some(t) => paths_to(&g, baseline, t, None)
            .iter()
            .map(|p| baseline.arn_of(p.from).to_string())
            .collect(),
        None => Default::default(),
    }
}

pub struct PathsOptions<'a> {
    pub to: &'a str,
    pub from: Option<&'a str>,
    pub all_paths: bool,
    pub baseline: Option<&'a Model>,
    pub json: bool,
}

/// Prints the paths; returns the exit status (0 none found, 1 some).
pub fn paths_report(
    model: &Model,
    opts: &PathsOptions<'_>,
    out: &mut dyn Write,
) -> Result<i32, QueryError> {
    let target = find_target(model, opts.to)?;
    let from = match opts.from {
        Some(f) => match super::permissions::find_entity(model, f)? {
            e @ (EntityRef::User(_) | EntityRef::Role(_)) => Some(e),
            _ => {
                return Err(QueryError::BadInput(format!(
                    "{f:?} is a group or policy; --from takes a user or a role"
                )));
            }
        },
        None => None,
    };
    let index = AssumeIndex::build(model);
    let g = graph(model, &index);
    let mut paths = paths_to(&g, model, target, from);
    let target_label = node_label(model, target);
    if let Some(base) = opts.baseline {
        let known = baseline_starts(base, &target_label);
        paths.retain(|p| !known.contains(model.arn_of(p.from)));
    }
    if opts.all_paths {
        paths = all_paths(&g, model, target, &paths);
    }
    let hops = hop_edges(model, &index, &g, &paths);
    if opts.json {
        #[derive(Serialize)]
        struct Report<'a> {
            target: &'a str,
            paths: Vec<PathOut<'a>>,
        }
        let report = Report {
            target: &target_label,
            paths: paths
                .iter()
                .map(|p| PathOut {
                    from: model.arn_of(p.from),
                    kind: p.kind.as_str(),
                    steps: path_steps(model, &g, &hops, p),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
    } else {
        let line = |s: &str| escape_controls_line(s).into_owned();
        let new = if opts.baseline.is_some() {
            " new since the baseline"
        } else {
            ""
        };
        writeln!(
            out,
            "Paths to {}{new}: {}",
            line(&target_label),
            paths.len()
        )?;
        for p in &paths {
            writeln!(
                out,
                "\n{} {} ({} steps)",
                p.kind.as_str(),
                line(model.arn_of(p.from)),
                p.steps.len()
            )?;
            for s in path_steps(model, &g, &hops, p) {
                let extra = if let Some(note) = &s.note {
                    format!(" — {note}")
                } else if !s.needs.is_empty() {
                    format!(" — possible if {}", s.needs.join("; "))
                } else if !s.conditions.is_empty() {
                    let texts: Vec<&str> = s.conditions.iter().map(|c| c.text).collect();
                    format!(" — if {}", texts.join("; "))
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "  → {}  [{}] {}{}",
                    line(&s.to),
                    s.technique,
                    s.words,
                    line(&extra)
                )?;
            }
        }
    }
    Ok(if paths.is_empty() { 0 } else { 1 })
}
