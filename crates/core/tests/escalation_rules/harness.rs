//! The case type and the runner: each case builds its world, the whole
//! escalation graph, and checks the edges (or the path) from one principal
//! to one node by one technique; every failing case is reported by name.

use std::borrow::Cow;

use rolecall_core::analysis::assume::AssumeIndex;
use rolecall_core::analysis::escalation::{
    Edge, Graph, Kind, Node, Path, Step, TECHNIQUES, graph, paths_to,
};
use rolecall_core::model::{EntityRef, Model};

use super::world::{A, World, arn};

/// A principal, by account and name.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    User(&'static str),
    Role(&'static str),
    RoleIn(&'static str, &'static str),
    UserIn(&'static str, &'static str),
}

/// Where the edge (or path) leads.
#[derive(Debug, Clone, Copy)]
pub enum To {
    Admin,
    P(Who),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Exactly one edge by the technique, of this kind.
    Edge(Kind),
    /// No edge by the technique.
    NoEdge,
    /// `paths_to(to, Some(from))` finds a path of this kind and length
    /// that uses the technique.
    Path(Kind, usize),
    /// `paths_to(to, Some(from))` finds nothing.
    NoPath,
}

/// Extra checks on the edge found.
#[derive(Debug, Clone)]
pub enum Check {
    /// Some `needs` entry contains this.
    Needs(&'static str),
    /// `needs` is empty.
    NoNeeds,
    /// Some condition is on this key.
    ConditionKey(&'static str),
    /// `conditions` is empty.
    NoConditions,
    /// Some entry of `actions` contains this.
    Action(&'static str),
}

#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub rule: &'static str,
    pub technique: &'static str,
    pub world: World,
    pub from: Who,
    pub to: To,
    pub expect: Expect,
    pub checks: Vec<Check>,
    pub known_bug: Option<&'static str>,
}

/// A case: `rule` (ESCALATION.md) and `technique` (an id of `TECHNIQUES`)
/// lead its name.
pub fn case(
    rule: &'static str,
    technique: &'static str,
    what: &str,
    world: World,
    from: Who,
    to: To,
    expect: Expect,
) -> Case {
    Case {
        name: format!("{rule} {technique}: {what}"),
        rule,
        technique,
        world,
        from,
        to,
        expect,
        checks: Vec::new(),
        known_bug: None,
    }
}

impl Case {
    pub fn check(mut self, c: Check) -> Case {
        self.checks.push(c);
        self
    }

    /// The case shows a bug not fixed yet: it must still fail.
    #[allow(dead_code)]
    pub fn known_bug(mut self, why: &'static str) -> Case {
        self.known_bug = Some(why);
        self
    }

    pub fn is_positive(&self) -> bool {
        matches!(self.expect, Expect::Edge(_) | Expect::Path(..))
    }
}

pub fn entity(model: &Model, who: Who) -> Result<EntityRef, String> {
    let (account, kind, name) = match who {
        Who::User(n) => (A, "user", n),
        Who::Role(n) => (A, "role", n),
        Who::UserIn(a, n) => (a, "user", n),
        Who::RoleIn(a, n) => (a, "role", n),
    };
    let a = arn(account, kind, name);
    model
        .resolve_all(&a)
        .first()
        .copied()
        .ok_or_else(|| format!("{a} is not in the world"))
}

pub fn node(model: &Model, to: To) -> Result<Node, String> {
    match to {
        To::Admin => Ok(Node::Admin),
        To::P(w) => entity(model, w).map(Node::Principal),
    }
}

/// The model, its index and its graph.
pub fn analyse(world: &World) -> (Model, Graph) {
    let model = world.build();
    assert!(
        model.warnings.is_empty(),
        "the world loads cleanly: {:?}",
        model.warnings
    );
    let index = AssumeIndex::build(&model);
    let g = graph(&model, &index);
    (model, g)
}

fn describe(model: &Model, e: &Edge) -> String {
    format!(
        "{} -> {:?} by {} ({:?}, needs {:?}, conditions {:?})",
        model.arn_of(e.from),
        e.to,
        e.technique.id,
        e.kind,
        e.needs,
        e.conditions
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
    )
}

fn check_edge(e: &Edge, c: &Check) -> Result<(), String> {
    let ok = match c {
        Check::Needs(s) => e.needs.iter().any(|n| n.contains(s)),
        Check::NoNeeds => e.needs.is_empty(),
        Check::ConditionKey(k) => e.conditions.iter().any(|x| x.key.eq_ignore_ascii_case(k)),
        Check::NoConditions => e.conditions.is_empty(),
        // An administrator's edge says in its note which action makes it one.
        Check::Action(a) => {
            e.actions.iter().any(|x| x.contains(a))
                || e.note.as_deref().is_some_and(|n| n.contains(a))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!("check {c:?} fails"))
    }
}

/// The techniques a path uses, by id.
pub fn path_techniques(g: &Graph, p: &Path) -> Vec<&'static str> {
    p.steps
        .iter()
        .map(|s| match s {
            Step::Edge(i) => g.head(*i).unwrap().technique.id,
            Step::TakeOver(_) => "admin-takes-over",
        })
        .collect()
}

fn run_one(c: &Case) -> Result<(), String> {
    if !TECHNIQUES.iter().any(|t| t.id == c.technique) {
        return Err(format!("no technique {}", c.technique));
    }
    let (model, g) = analyse(&c.world);
    let from = entity(&model, c.from)?;
    let to = node(&model, c.to)?;
    let all: Vec<String> = g.out_of(from).map(|e| describe(&model, &e)).collect();
    match c.expect {
        Expect::Edge(_) | Expect::NoEdge => {
            let found: Vec<Cow<'_, Edge>> = g
                .out_of(from)
                .filter(|e| e.to == to && e.technique.id == c.technique)
                .collect();
            match (c.expect, found.as_slice()) {
                (Expect::NoEdge, []) => Ok(()),
                (Expect::NoEdge, _) => Err(format!("unexpected edge; edges from it: {all:#?}")),
                (Expect::Edge(kind), [e]) => {
                    if e.kind != kind {
                        return Err(format!(
                            "kind {:?}, not {kind:?}: {}",
                            e.kind,
                            describe(&model, e)
                        ));
                    }
                    for chk in &c.checks {
                        check_edge(e, chk).map_err(|m| format!("{m}: {}", describe(&model, e)))?;
                    }
                    Ok(())
                }
                (Expect::Edge(_), _) => Err(format!(
                    "{} edges by it, not one; edges from it: {all:#?}",
                    found.len()
                )),
                _ => unreachable!(),
            }
        }
        Expect::Path(..) | Expect::NoPath => {
            let paths = paths_to(&g, &model, to, Some(from));
            match (c.expect, paths.as_slice()) {
                (Expect::NoPath, []) => Ok(()),
                (Expect::NoPath, ps) => Err(format!(
                    "unexpected path {:?}; edges from it: {all:#?}",
                    path_techniques(&g, &ps[0])
                )),
                (Expect::Path(kind, len), [p]) => {
                    let used = path_techniques(&g, p);
                    if p.kind != kind || p.steps.len() != len || !used.contains(&c.technique) {
                        return Err(format!(
                            "path {used:?} ({:?}, {} steps), not {kind:?} in {len} using {}",
                            p.kind,
                            p.steps.len(),
                            c.technique
                        ));
                    }
                    Ok(())
                }
                (Expect::Path(..), ps) => {
                    Err(format!("{} paths, not one; edges: {all:#?}", ps.len()))
                }
                _ => unreachable!(),
            }
        }
    }
}

/// Runs every case and fails once, listing each failing case by name.
pub fn run_all(cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let outcome =
            std::panic::catch_unwind(|| run_one(c)).unwrap_or_else(|_| Err("panicked".to_string()));
        match (outcome, c.known_bug) {
            (Ok(()), None) | (Err(_), Some(_)) => {}
            (Ok(()), Some(why)) => failures.push(format!(
                "{}: marked as a known bug ({why}) but passes; remove the mark",
                c.name
            )),
            (Err(m), None) => failures.push(format!("{}: {m}", c.name)),
        }
    }
    let known = cases.iter().filter(|c| c.known_bug.is_some()).count();
    eprintln!(
        "{} escalation cases ({} positive), {known} marked as known bugs",
        cases.len(),
        cases.iter().filter(|c| c.is_positive()).count()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
