//! rolecall: explore the IAM roles of AWS accounts.
//!
//! This crate is the terminal app (`ui`) and the non-interactive commands
//! (`cli`) behind the `rolecall` binary. The model and analysis live in
//! `rolecall-core`, the AWS SDK source in `rolecall-live` (see
//! `docs/ARCHITECTURE.md`). Their modules are re-exported under the names
//! they had when rolecall was one crate, so `crate::model` and
//! `rolecall::source::live` read the same everywhere.

pub use rolecall_core::{analysis, audit, catalogue, model, policy, snapshot, snapshot_io, text};

/// Where snapshots come from: files and the demo (core), and the live
/// account (the `rolecall-live` crate).
pub mod source {
    pub use rolecall_core::source::*;
    pub use rolecall_live as live;
}

pub mod cli;
pub mod ui;
