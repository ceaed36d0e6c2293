//! The IAM policy language: decoding, typed parsing, matching, principals,
//! trust rows, condition evaluation and plain-words descriptions.

pub mod condition;
mod datetime;
pub mod decode;
pub mod describe;
mod describe_keys;
pub mod document;
pub mod error;
mod ipnet;
pub mod matching;
pub mod operator;
mod operator_eval;
pub mod principal;
pub mod trust;
mod values;

#[cfg(test)]
mod tests;

pub use condition::{
    CondOutcome, KeyLookup, RequestContext, evaluate, evaluate_clause, substitute_variables,
};
pub use decode::{DecodeError, decode_document};
pub use describe::describe;
pub use document::{ConditionClause, Effect, PolicyDocument, Principal, Statement, StringList};
pub use error::PolicyError;
pub use matching::{action_matches, arn_matches, wildcard_match};
pub use operator::{BaseOperator, ConditionOperator, SetQualifier};
pub use principal::{
    IdPrefix, PrincipalKind, classify, is_partial_wildcard, principal_account, principal_matches,
};
pub use trust::{ConditionText, TrustRow, trust_rows};
