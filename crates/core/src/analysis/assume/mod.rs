//! "Who can assume this role?": the sts:AssumeRole* decision for one caller
//! and one role, and the questions built on it (who can assume a role, what
//! a principal can assume, chains of roles).
//!
//! Follows docs/IAM-SEMANTICS.md §1–§5:
//! - `caller`: who is asking and what rolecall knows about the request;
//! - `sources`: the policy documents that apply, with their labels;
//! - `statements`: one statement against an action, resource and context;
//! - `trust`: the role's trust policy (principal matching, §2–§3);
//! - `identity`: the caller's identity policies and boundary (§1);
//! - `decide`: combining both sides (§1–§2); `boundary`: the permissions
//!   boundary's part (§2); `external`: callers outside the loaded data;
//! - `index`: precomputed lookups so the list questions stay fast;
//! - `share`: one decision shared by callers a role cannot tell apart;
//! - `who`: who-can-assume and can-assume-what; `chains`: role chains.

pub(crate) mod boundary;
pub(crate) mod caller;
mod chains;
pub(crate) mod decide;
mod external;
pub(crate) mod identity;
pub(crate) mod index;
mod org_gate;
mod share;
pub(crate) mod sources;
mod sso;
pub(crate) mod statements;
pub(crate) mod trust;
mod types;
mod who;
pub(crate) use who::{loaded_assumers, map_in_parallel};

pub use chains::{Chain, chains};
pub use index::AssumeIndex;
pub use sso::{SsoPeople, SsoPerson, sso_people};
pub use types::{Caller, Decision, Side, Verdict, Via, WhoEntry};
pub use who::{Listing, can_assume_what, who_can_assume, who_can_assume_listing};

use crate::model::Model;

/// The decision for one caller assuming one role (`role` indexes
/// `model.roles`). Never panics on any data; an out-of-range index gives a
/// Denied decision that says so.
pub fn can_assume(model: &Model, index: &AssumeIndex, caller: &Caller, role: usize) -> Decision {
    decide::decide(model, index, caller, role)
}
