//! Turning a raw policy document (JSON object, JSON text, or URL-encoded JSON
//! text as the raw IAM API returns it) into a JSON value.

use percent_encoding::percent_decode_str;
use serde_json::Value;
use thiserror::Error;

/// Why a raw policy document could not be turned into JSON.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("policy document is a JSON string that does not parse: {0}")]
    InvalidJson(String),
    #[error("policy document is a URL-encoded string that does not decode to UTF-8 text: {0}")]
    InvalidUtf8(String),
    #[error("policy document is a URL-encoded string that does not decode to JSON: {0}")]
    InvalidEncodedJson(String),
    #[error("policy document is {0}; expected a JSON object or a (URL-encoded) JSON string")]
    WrongType(String),
}

/// Returns the document as a JSON value.
///
/// A string that (trimmed) starts with `{` is parsed as JSON directly: plain
/// JSON is never percent-decoded, since a literal `%` would be corrupted.
/// Any other string is percent-decoded (RFC 3986, `+` stays `+`) first.
pub fn decode_document(raw: &Value) -> Result<Value, DecodeError> {
    match raw {
        Value::Object(_) => Ok(raw.clone()),
        Value::String(text) => decode_text(text),
        Value::Null => Err(DecodeError::WrongType("null".into())),
        Value::Bool(b) => Err(DecodeError::WrongType(format!("a boolean ({b})"))),
        Value::Number(n) => Err(DecodeError::WrongType(format!("a number ({n})"))),
        Value::Array(_) => Err(DecodeError::WrongType("a list".into())),
    }
}

fn decode_text(text: &str) -> Result<Value, DecodeError> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        return serde_json::from_str(trimmed).map_err(|e| DecodeError::InvalidJson(e.to_string()));
    }
    let decoded = percent_decode_str(trimmed)
        .decode_utf8()
        .map_err(|e| DecodeError::InvalidUtf8(e.to_string()))?;
    serde_json::from_str(decoded.trim()).map_err(|e| DecodeError::InvalidEncodedJson(e.to_string()))
}
