//! The Paths view (`P`): who can reach admin, grouped by the technique of
//! their first step, each path a tree of its steps. Enter on a step opens
//! the policy whose statement allows it (or the principal it reaches).

use serde_json::{Value, json};

use super::{Cell, OwnedDocs, PaneDoc, Row, TabContent, Tone, Width, col};
use crate::analysis::escalation::{Edge, Kind, Node, Step, TECHNIQUES};
use crate::model::{DocRef, EntityRef, Model};
use crate::ui::escalation::EscalationView;
use crate::ui::nav::Tab;

pub(super) fn kind_cell(kind: Kind) -> Cell {
    let tone = match kind {
        Kind::Definite => Tone::Danger,
        Kind::Conditional => Tone::Warn,
        Kind::Possible => Tone::Accent,
    };
    Cell::new(kind.as_str(), tone)
}

fn node_name(model: &Model, node: Node) -> String {
    match node {
        Node::Admin => "admin".into(),
        Node::Principal(p) => model.arn_of(p).to_string(),
    }
}

/// Where Enter goes from a step: the managed policy (or the owner of the
/// inline policy) whose statement allows it, else the principal reached.
pub(super) fn step_target(model: &Model, edge: &Edge) -> Option<(EntityRef, Tab)> {
    if let Some(v) = edge.via.first() {
        match v.source {
            DocRef::Managed(p) | DocRef::Version(p, _) if p < model.policies.len() => {
                return Some((EntityRef::Policy(p), Tab::Document));
            }
            DocRef::Inline(owner, _) => return Some((owner, Tab::Permissions)),
            DocRef::Trust(r) => return Some((EntityRef::Role(r), Tab::Trust)),
            _ => {}
        }
    }
    match edge.to {
        Node::Principal(p) => Some((p, Tab::Permissions)),
        Node::Admin => Some((edge.from, Tab::Effective)),
    }
}

/// "possible if …" / "if …" / "".
pub(super) fn edge_detail(edge: &Edge) -> String {
    if !edge.needs.is_empty() {
        format!("possible if {}", edge.needs.join("; "))
    } else if !edge.conditions.is_empty() {
        let t: Vec<&str> = edge.conditions.iter().map(|c| c.text.as_str()).collect();
        format!("if {}", t.join("; "))
    } else {
        String::new()
    }
}

pub(super) fn edge_json(model: &Model, edge: &Edge) -> Value {
    let statements = super::assume::via_json(model, &edge.via);
    json!({
        "from": model.arn_of(edge.from),
        "to": node_name(model, edge.to),
        "technique": edge.technique.id,
        "name": edge.technique.name,
        "kind": edge.kind.as_str(),
        "rule": format!("ESCALATION {}", edge.technique.rule),
        "references": edge.technique.references,
        "actions": edge.actions(),
        "needs": edge.needs,
        "note": edge.note,
        "conditions": edge.conditions.iter().map(|c| c.text.clone()).collect::<Vec<_>>(),
        "statements": statements,
    })
}

pub fn paths_view(model: &Model, view: Option<&EscalationView>) -> TabContent {
    let Some(view) = view else {
        return TabContent {
            columns: vec![col("", Width::Fill(1))],
            rows: vec![Row {
                cells: vec![Cell::new(
                    "Working out the escalation paths of the loaded accounts…",
                    Tone::Dim,
                )],
                ..Row::default()
            }],
            ..TabContent::default()
        };
    };
    let mut groups: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for (i, p) in view.to_admin.iter().enumerate() {
        let first = match p.steps.first() {
            Some(Step::Edge(e)) => view.graph.head(*e).map_or("?", |e| e.technique.id),
            _ => "admin-takes-over",
        };
        match groups.iter_mut().find(|(t, _)| *t == first) {
            Some((_, list)) => list.push(i),
            None => groups.push((first, vec![i])),
        }
    }
    let mut rows = Vec::new();
    let mut docs: Vec<Value> = Vec::new();
    for (technique, list) in groups {
        let name = TECHNIQUES
            .iter()
            .find(|t| t.id == technique)
            .map_or(technique, |t| t.name);
        rows.push(Row {
            cells: vec![
                Cell::new(format!("{name} ({})", list.len()), Tone::Accent),
                Cell::new("", Tone::Dim),
                Cell::new(technique, Tone::Dim),
                Cell::new("", Tone::Dim),
            ],
            note: vec![format!("{} paths to admin start with {name}", list.len())],
            ..Row::default()
        });
        for i in list {
            let path = &view.to_admin[i];
            rows.push(Row {
                cells: vec![
                    Cell::plain(format!("  {}", model.arn_of(path.from))),
                    kind_cell(path.kind),
                    Cell::new(format!("{} steps", path.steps.len()), Tone::Dim),
                    Cell::new("", Tone::Dim),
                ],
                target: Some(path.from),
                arn: Some(model.arn_of(path.from).to_string()),
                note: vec![format!(
                    "{} can reach admin in {} steps ({})",
                    model.arn_of(path.from),
                    path.steps.len(),
                    path.kind.as_str()
                )],
                ..Row::default()
            });
            let last = path.steps.len().saturating_sub(1);
            for (n, step) in path.steps.iter().enumerate() {
                let branch = if n == last { "└" } else { "├" };
                match step {
                    Step::Edge(e) => {
                        let Some(edge) = view.graph.edge(*e) else {
                            continue;
                        };
                        let edge: &Edge = &edge;
                        let open = step_target(model, edge);
                        docs.push(edge_json(model, edge));
                        rows.push(Row {
                            cells: vec![
                                Cell::new(
                                    format!("    {branch} → {}", node_name(model, edge.to)),
                                    Tone::Normal,
                                ),
                                kind_cell(edge.kind),
                                Cell::new(edge.technique.id, Tone::Accent),
                                Cell::new(
                                    format!("{} {}", edge.technique.words, edge_detail(edge)),
                                    Tone::Dim,
                                ),
                            ],
                            target: open.map(|(t, _)| t),
                            open_at: open.map(|(_, tab)| (tab, 0)),
                            doc: Some(PaneDoc::Owned(docs.len() - 1)),
                            doc_title: Some(format!(
                                "{} → {}",
                                edge.technique.name,
                                node_name(model, edge.to)
                            )),
                            note: vec![format!(
                                "{}: {} ({}) {}",
                                edge.technique.name,
                                edge.technique.words,
                                edge.kind.as_str(),
                                edge_detail(edge)
                            )],
                            ..Row::default()
                        });
                    }
                    Step::TakeOver(p) => rows.push(Row {
                        cells: vec![
                            Cell::new(format!("    {branch} → {}", model.arn_of(*p)), Tone::Normal),
                            kind_cell(Kind::Definite),
                            Cell::new("admin-takes-over", Tone::Accent),
                            Cell::new(
                                "as an administrator, can take over this principal",
                                Tone::Dim,
                            ),
                        ],
                        target: Some(*p),
                        ..Row::default()
                    }),
                }
            }
        }
    }
    TabContent {
        columns: vec![
            col("Who → where", Width::Fill(3)),
            col("Kind", Width::Fixed(12)),
            col("Technique", Width::Fixed(30)),
            col("How", Width::Fill(3)),
        ],
        rows,
        doc_title: "The statements behind the step".into(),
        empty_text: "Nobody in the loaded accounts can reach admin.",
        owned_docs: OwnedDocs::made(docs),
        ..TabContent::default()
    }
}
