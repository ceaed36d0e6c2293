//! Analyses over the model: pure functions, no I/O.

pub mod assume;
pub mod effective;
pub mod escalation;
pub mod eval;
pub mod org_gate;
