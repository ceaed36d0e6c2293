//! Non-interactive commands and their output formats.

pub mod assume;
pub mod audit;
pub mod diff;
pub mod graph;
pub mod input;
pub mod logging;
pub mod org_diff;
pub mod org_snapshot;
pub mod paths;
pub mod permissions;
pub mod progress;
pub mod query;
pub mod snapshot;
