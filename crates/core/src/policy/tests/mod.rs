//! Unit tests for the policy module, one file per source module. Rule
//! references (§N) point at docs/IAM-SEMANTICS.md.

mod condition;
mod condition_ops;
mod decode;
mod describe;
mod document;
mod document_errors;
mod fixtures;
mod matching;
mod principal;
mod trust;

use serde_json::{Value, json};

use super::document::{ConditionClause, PolicyDocument, Statement};

/// Parses a JSON value that the test knows is a valid document.
pub(super) fn doc(v: Value) -> PolicyDocument {
    PolicyDocument::parse(&v).unwrap()
}

/// The first statement of a one-statement document.
pub(super) fn stmt(v: Value) -> Statement {
    doc(json!({"Version": "2012-10-17", "Statement": v}))
        .statements
        .remove(0)
}

/// The clauses of a Condition block.
pub(super) fn clauses(condition: Value) -> Vec<ConditionClause> {
    stmt(json!({"Effect": "Allow", "Action": "*", "Condition": condition})).condition
}

/// The single clause of a one-clause Condition block.
pub(super) fn clause(condition: Value) -> ConditionClause {
    clauses(condition).remove(0)
}
