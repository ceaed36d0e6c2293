use super::{Kind, Node, graph, paths_to};
use crate::analysis::assume::AssumeIndex;
use crate::model::EntityRef;

#[test]
fn the_demo_graph_has_edges_of_every_kind() {
    let m = crate::model::build(vec![crate::source::demo::current().expect("demo")]);
    let index = AssumeIndex::build(&m);
    let g = graph(&m, &index);
    let mut by: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in &g.edges {
        *by.entry(e.technique.id).or_default() += 1;
    }
    eprintln!("{by:#?}");
    let admin = paths_to(&g, &m, Node::Admin, None);
    for p in &admin {
        eprintln!("{} {:?} {}", m.arn_of(p.from), p.kind, p.steps.len());
    }
    assert!(!admin.is_empty());
    assert!(g.edges.iter().any(|e| e.kind == Kind::Definite));
    let _ = EntityRef::User(0);
}
