//! A policy document decoded once: the JSON for display and the typed form
//! for analysis, or why it could not be read.

use serde_json::Value;

use crate::policy::{PolicyDocument, decode_document};

#[derive(Debug, Clone)]
pub struct Doc {
    /// The decoded JSON document; the raw value as loaded when it could not
    /// be decoded, so nothing is lost from view.
    pub json: Value,
    /// The typed document, or a message saying why it does not parse.
    pub parsed: Result<PolicyDocument, String>,
}

impl Doc {
    /// Decodes (URL-encoded or plain JSON) and parses a raw document.
    pub fn from_raw(raw: Value) -> Doc {
        match decode_document(&raw) {
            Ok(json) => {
                let parsed = PolicyDocument::parse(&json).map_err(|e| e.to_string());
                Doc { json, parsed }
            }
            Err(e) => Doc {
                json: raw,
                parsed: Err(e.to_string()),
            },
        }
    }

    pub fn document(&self) -> Option<&PolicyDocument> {
        self.parsed.as_ref().ok()
    }
}
