//! rolecall: explore the IAM roles of AWS accounts.
//!
//! Data flows source → snapshot → model → ui (see DESIGN.md in the shared
//! notes): `source` reads GAAD files and the demo into `snapshot::Snapshot`s,
//! `model` indexes them, `policy` understands the documents, `ui` draws.

pub mod analysis;
pub mod audit;
pub mod cli;
pub mod model;
pub mod policy;
pub mod snapshot;
pub mod snapshot_io;
pub mod source;
#[doc(hidden)]
pub mod synthetic;
pub mod ui;
