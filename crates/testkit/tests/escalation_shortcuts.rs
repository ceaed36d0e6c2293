//! Issue 11: the escalation graph skips work it can prove is wasted (a
//! target no Allow can name, and one evaluation for every target the
//! principal's statements cannot tell apart). This checks, on the demo,
//! both GAAD fixtures and a generated account, that the shortcuts give
//! exactly the edges of evaluating every target on its own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rolecall_core::analysis::assume::AssumeIndex;
use rolecall_core::analysis::escalation::{graph, graph_exhaustive};
use rolecall_core::model::{self, Model};
use rolecall_core::source::{Loaded, demo, file::load_file};

fn fixture(name: &str) -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/gaad")
        .join(name);
    model::build(vec![Loaded {
        origin: name.into(),
        snapshot: load_file(&path).expect("the fixture loads"),
    }])
}

#[test]
fn the_shortcuts_leave_every_edge_as_it_is() {
    let spec = rolecall_testkit::synthetic::SyntheticSpec::sized(400, 200);
    let generated = model::build(vec![Loaded {
        origin: "generated".into(),
        snapshot: rolecall_testkit::synthetic::generate_account(&spec),
    }]);
    let models = [
        ("demo", model::build(vec![demo::current().unwrap()])),
        ("cloudmapper", fixture("cloudmapper-demo.json")),
        (
            "cloudsplaining",
            fixture("cloudsplaining-test-authz-details.json"),
        ),
        ("generated", generated),
    ];
    for (what, m) in &models {
        let index = AssumeIndex::build(m);
        let fast: Vec<_> = graph(m, &index).iter().map(|e| e.into_owned()).collect();
        let slow: Vec<_> = graph_exhaustive(m, &index)
            .iter()
            .map(|e| e.into_owned())
            .collect();
        assert!(!slow.is_empty(), "{what}: no edge at all");
        assert_eq!(fast.len(), slow.len(), "{what}: edge count");
        for (a, b) in fast.iter().zip(&slow) {
            assert_eq!(a, b, "{what}");
        }
    }
}
