//! rolecall-core: the IAM model and everything computed from it.
//!
//! Data flows source → snapshot → model → analysis / audit (see
//! `docs/ARCHITECTURE.md`): `source` reads GAAD files and the demo into
//! `snapshot::Snapshot`s, `model` indexes them, `policy` understands the
//! documents, `analysis` decides who can assume what, and `audit` holds the
//! findings, drift and report formats. Nothing here knows about tokio,
//! ratatui or the AWS SDK: the crate does not depend on them.

pub mod analysis;
pub mod audit;
pub mod catalogue;
pub mod model;
pub mod org;
pub mod policy;
pub mod snapshot;
pub mod snapshot_io;
pub mod source;
pub mod text;
