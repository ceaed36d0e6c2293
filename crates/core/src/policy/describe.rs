//! Condition clauses in plain words, for the Trust tab and verdicts.

use super::describe_keys::special;
use super::document::ConditionClause;
use super::operator::{BaseOperator, SetQualifier};

/// Readable text for one clause: special wording for well-known keys
/// (`sts:ExternalId`, GitHub/EKS OIDC subjects, MFA, ...), otherwise
/// "only when KEY OPERATOR VALUE[S]".
pub fn describe(clause: &ConditionClause) -> String {
    special(clause).unwrap_or_else(|| generic(clause))
}

/// "a" / "a or b" / "a, b or c".
pub(super) fn or_list(values: &[String]) -> String {
    join_with(values, " or ")
}

fn join_with(values: &[String], last: &str) -> String {
    match values {
        [] => "(no values)".to_string(),
        [one] => one.clone(),
        [init @ .., last_one] => format!("{}{last}{last_one}", init.join(", ")),
    }
}

/// Verb for one value and for several values (ORed).
fn verbs(base: &BaseOperator) -> (&'static str, &'static str) {
    use BaseOperator as B;
    match base {
        B::StringEquals | B::NumericEquals | B::BinaryEquals | B::DateEquals => ("=", "is one of"),
        B::StringEqualsIgnoreCase => ("= (ignoring case)", "is one of (ignoring case)"),
        B::StringNotEquals | B::NumericNotEquals | B::DateNotEquals | B::ArnNotEquals => {
            ("is not", "is none of")
        }
        B::StringNotEqualsIgnoreCase => ("is not (ignoring case)", "is none of (ignoring case)"),
        B::StringLike | B::ArnLike | B::ArnEquals => ("matches", "matches one of"),
        B::StringNotLike | B::ArnNotLike => ("does not match", "matches none of"),
        B::NumericLessThan => ("<", "< one of"),
        B::NumericLessThanEquals => ("<=", "<= one of"),
        B::NumericGreaterThan => (">", "> one of"),
        B::NumericGreaterThanEquals => (">=", ">= one of"),
        B::DateLessThan => ("is before", "is before one of"),
        B::DateLessThanEquals => ("is at or before", "is at or before one of"),
        B::DateGreaterThan => ("is after", "is after one of"),
        B::DateGreaterThanEquals => ("is at or after", "is at or after one of"),
        B::IpAddress => ("is in", "is in one of"),
        B::NotIpAddress => ("is not in", "is in none of"),
        B::Bool | B::Null | B::Unknown(_) => ("=", "is one of"),
    }
}

fn generic(clause: &ConditionClause) -> String {
    let op = &clause.operator;
    let key = &clause.key;
    let subject = match op.qualifier {
        None => key.clone(),
        Some(SetQualifier::ForAnyValue) => format!("any value of {key}"),
        Some(SetQualifier::ForAllValues) => format!("every value of {key}"),
    };
    let values = &clause.values;
    let single = |v: &str| values.len() == 1 && values[0].eq_ignore_ascii_case(v);
    let mut text = match &op.base {
        BaseOperator::Null if single("true") => format!("only when {key} is absent"),
        BaseOperator::Null if single("false") => format!("only when {key} is present"),
        BaseOperator::Bool if values.len() == 1 => {
            format!("only when {subject} is {}", values[0].to_ascii_lowercase())
        }
        BaseOperator::Unknown(name) => {
            format!("only when {subject} {name} {}", join_with(values, ", "))
        }
        base => {
            let (one, many) = verbs(base);
            match values.as_slice() {
                [v] => format!("only when {subject} {one} {v}"),
                _ => format!("only when {subject} {many} {}", join_with(values, ", ")),
            }
        }
    };
    if op.if_exists {
        text.push_str(", if present");
    }
    if op.qualifier == Some(SetQualifier::ForAllValues) {
        text.push_str(&format!(" (also true when {key} has no values)"));
    }
    text
}
