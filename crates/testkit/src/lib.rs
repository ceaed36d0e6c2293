//! Test kit: generated accounts for tests, benches and examples.

pub mod synthetic;
