//! Helpers that read the "string or list of strings" shapes used all over
//! policy documents, with error paths.

use serde_json::Value;

use super::error::PolicyError;

/// A string element (Sid, Version, Id). Numbers and booleans are kept as
/// their text; objects and lists are errors. `null` counts as absent.
pub fn optional_scalar(v: Option<&Value>, path: &str) -> Result<Option<String>, PolicyError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(PolicyError::expected(path, "a string", Some(other))),
    }
}

/// A value that must be a string or a list of strings (Action, Resource,
/// Principal values). Returns the strings and whether the source was a list.
pub fn strings(v: &Value, path: &str) -> Result<(Vec<String>, bool), PolicyError> {
    match v {
        Value::String(s) => Ok((vec![s.clone()], false)),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => out.push(s.clone()),
                    other => {
                        return Err(PolicyError::expected(
                            format!("{path}[{i}]"),
                            "a string",
                            Some(other),
                        ));
                    }
                }
            }
            Ok((out, true))
        }
        other => Err(PolicyError::expected(
            path,
            "a string or a list of strings",
            Some(other),
        )),
    }
}

/// Condition values: strings, booleans or numbers (kept as text), one or a list.
pub fn condition_values(v: &Value, path: &str) -> Result<Vec<String>, PolicyError> {
    const EXPECTED: &str = "a string, number or boolean, or a list of them";
    let scalar = |item: &Value, p: String| -> Result<String, PolicyError> {
        match item {
            Value::String(s) => Ok(s.clone()),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Number(n) => Ok(n.to_string()),
            other => Err(PolicyError::expected(p, EXPECTED, Some(other))),
        }
    };
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| scalar(item, format!("{path}[{i}]")))
            .collect(),
        other => Ok(vec![scalar(other, path.to_string())?]),
    }
}
