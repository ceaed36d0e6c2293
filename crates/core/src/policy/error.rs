//! The error returned when a policy document has a shape that cannot be used.

use serde_json::Value;
use thiserror::Error;

/// A policy document (or part of one) that could not be parsed.
///
/// `path` points into the document, e.g. `Statement[1].Effect`; `message`
/// says what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {message}")]
pub struct PolicyError {
    pub path: String,
    pub message: String,
}

impl PolicyError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }

    /// "expected X, found Y" with Y rendered from the offending JSON value.
    pub fn expected(path: impl Into<String>, expected: &str, found: Option<&Value>) -> Self {
        Self::new(
            path,
            format!("expected {expected}, found {}", describe_found(found)),
        )
    }
}

/// Short rendering of a JSON value for error messages (long values are cut).
pub fn describe_found(found: Option<&Value>) -> String {
    match found {
        None => "nothing (the element is missing)".to_string(),
        Some(Value::Object(_)) => "an object".to_string(),
        Some(Value::Array(_)) => "a list".to_string(),
        Some(Value::Null) => "null".to_string(),
        Some(v) => {
            let text = v.to_string();
            if text.chars().count() > 60 {
                let cut: String = text.chars().take(57).collect();
                format!("{cut}...")
            } else {
                text
            }
        }
    }
}
