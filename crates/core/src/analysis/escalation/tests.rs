use super::{Kind, Node, graph, paths_to};
use crate::analysis::assume::AssumeIndex;

/// The demo has definite, conditional and possible edges, and its
/// hand-checked story: staging-engineer-access reaches admin in two
/// definite steps (assets/demo/README.md).
#[test]
fn the_demo_graph_has_edges_of_every_kind_and_its_story() {
    let m = crate::model::build(vec![crate::source::demo::current().expect("demo")]);
    let g = graph(&m, &AssumeIndex::build(&m));
    for kind in [Kind::Definite, Kind::Conditional, Kind::Possible] {
        assert!(g.iter().any(|e| e.kind == kind), "no {kind:?} edge");
    }
    let admin = paths_to(&g, &m, Node::Admin, None);
    let staging = admin
        .iter()
        .find(|p| m.arn_of(p.from).ends_with("role/staging-engineer-access"))
        .expect("staging-engineer-access reaches admin");
    assert_eq!((staging.kind, staging.steps.len()), (Kind::Definite, 2));
    // The one-principal search (forward) finds a path as short; ties may
    // take another first step.
    let alone = paths_to(&g, &m, Node::Admin, Some(staging.from));
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].steps.len(), staging.steps.len());
}
