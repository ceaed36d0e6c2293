//! A policy document decoded once: the JSON for display and the typed form
//! for analysis, or why it could not be read.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::policy::{PolicyDocument, decode_document};
use crate::snapshot::RawJson;

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
    pub fn from_raw(raw: &RawJson) -> Doc {
        let raw = raw.to_value();
        // An object is the document itself, used as is (no copy).
        if raw.is_object() {
            return Doc::from_json(raw);
        }
        match decode_document(&raw) {
            Ok(json) => Doc::from_json(json),
            Err(e) => Doc {
                json: raw,
                parsed: Err(e.to_string()),
            },
        }
    }

    fn from_json(json: Value) -> Doc {
        let parsed = PolicyDocument::parse(&json).map_err(|e| e.to_string());
        Doc { json, parsed }
    }

    pub fn document(&self) -> Option<&PolicyDocument> {
        self.parsed.as_ref().ok()
    }
}

/// Identical documents decoded once and shared. Accounts repeat documents
/// a great deal (one trust policy for every Lambda role, the same inline
/// policy on every copy of a stack); a 200 MB file of repeated roles took
/// five times its size in memory with a tree per document.
#[derive(Default)]
pub(crate) struct DocCache {
    docs: HashMap<RawJson, Arc<Doc>>,
}

impl DocCache {
    pub(crate) fn get(&mut self, raw: RawJson) -> Arc<Doc> {
        if let Some(doc) = self.docs.get(&raw) {
            return Arc::clone(doc);
        }
        let doc = Arc::new(Doc::from_raw(&raw));
        self.docs.insert(raw, Arc::clone(&doc));
        doc
    }
}

/// Names one policy document of the model. The one document reference of
/// rolecall: the analysis records where a deciding statement lives with it,
/// and the UI resolves it for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocRef {
    /// The trust policy of `model.roles[i]`.
    Trust(usize),
    /// Inline policy number `index` of a user, role or group.
    Inline(super::EntityRef, usize),
    /// The default version of `model.policies[i]` (what applies).
    Managed(usize),
    /// Version number `v` (by position) of `model.policies[p]`.
    Version(usize, usize),
}

impl super::Model {
    /// The document a reference names, if the model holds it.
    pub fn doc(&self, doc: DocRef) -> Option<&Doc> {
        use super::EntityRef;
        match doc {
            DocRef::Trust(r) => self.roles.get(r)?.trust.as_deref(),
            DocRef::Inline(owner, i) => {
                let list = match owner {
                    EntityRef::Role(r) => &self.roles.get(r)?.inline,
                    EntityRef::User(u) => &self.users.get(u)?.inline,
                    EntityRef::Group(g) => &self.groups.get(g)?.inline,
                    EntityRef::Policy(_) => return None,
                };
                list.get(i).map(|d| &*d.doc)
            }
            DocRef::Managed(p) => self.policies.get(p)?.default_version().map(|v| &*v.doc),
            DocRef::Version(p, v) => self.policies.get(p)?.versions.get(v).map(|v| &*v.doc),
        }
    }
}
