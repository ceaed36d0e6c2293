//! Test kit: generated accounts for tests, benches and examples, and the
//! GAAD builder the tests write their small accounts with.

pub mod copies;
pub mod fuzz;
pub mod gaad;
pub mod synthetic;
pub mod synthetic_org;
