//! The action catalogue: every action of every AWS service with its access
//! levels, resource types (ARN formats) and condition keys, from the
//! dataset vendored in `assets/iam-catalogue.tsv` (see its NOTICE and
//! `scripts/gen_catalogue.py`).
//!
//! The binary carries the text; it is decoded on first use
//! ([`Catalogue::get`]), never on the path to the first frame.

mod decode;
mod expand;
mod suggest;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub use expand::Expansion;

/// The vendored dataset, as shipped.
pub const TEXT: &str = include_str!("../../../../assets/iam-catalogue.tsv");

/// One of AWS's five access levels ("Understanding access level summaries").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

impl AccessLevel {
    pub const ALL: [AccessLevel; 5] = [
        AccessLevel::List,
        AccessLevel::Read,
        AccessLevel::Write,
        AccessLevel::PermissionsManagement,
        AccessLevel::Tagging,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The access levels of one action (some have two, e.g. Tagging and Write).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Levels(u8);

impl Levels {
    pub fn contains(self, level: AccessLevel) -> bool {
        self.0 & level.bit() != 0
    }

    pub fn iter(self) -> impl Iterator<Item = AccessLevel> {
        AccessLevel::ALL
            .into_iter()
            .filter(move |l| self.contains(*l))
    }

    pub(crate) fn with(self, level: AccessLevel) -> Levels {
        Levels(self.0 | level.bit())
    }
}

/// A resource type of a service: `bucket` → `arn:${Partition}:s3:::${BucketName}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceType {
    pub key: String,
    pub arn: String,
    pub condition_keys: Vec<String>,
}

/// A condition key a service defines, with its type (`String`, `ARN`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionKey {
    pub key: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub name: String,
    pub levels: Levels,
    /// Indexes into the service's `resource_types`, and whether required.
    /// Empty: the action takes only `"Resource": "*"`.
    pub resource_types: Vec<(u16, bool)>,
    /// Indexes into the service's `condition_keys`.
    pub condition_keys: Vec<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub prefix: String,
    pub name: String,
    pub resource_types: Vec<ResourceType>,
    pub condition_keys: Vec<ConditionKey>,
    pub actions: Vec<Action>,
}

/// One action, by position: `catalogue.services[service].actions[action]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionId {
    pub service: u16,
    pub action: u16,
}

/// Where the data came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub package: String,
    pub version: String,
    pub updated: String,
}

#[derive(Debug, Default)]
pub struct Catalogue {
    pub meta: Meta,
    pub services: Vec<Service>,
    /// Lower-case prefix → service.
    by_prefix: FxHashMap<String, u16>,
    /// Lower-case `prefix:name` → action.
    by_name: FxHashMap<String, ActionId>,
    /// Where each service's actions start in the dense numbering.
    offsets: Vec<u32>,
    /// Memoised wildcard expansions, by the pattern as written.
    expansions: std::sync::Mutex<FxHashMap<String, std::sync::Arc<Expansion>>>,
}

static SHIPPED: OnceLock<Catalogue> = OnceLock::new();

impl Catalogue {
    /// The shipped catalogue, decoded on first use. The vendored text is
    /// checked by the tests, so decoding it cannot fail in a release; if a
    /// broken file were ever shipped, this would be an empty catalogue
    /// that knows no action, not a crash.
    pub fn get() -> &'static Catalogue {
        SHIPPED.get_or_init(|| Catalogue::decode(TEXT).unwrap_or_default())
    }

    /// Decodes the catalogue text (the format is in scripts/gen_catalogue.py).
    pub fn decode(text: &str) -> Result<Catalogue, String> {
        decode::decode(text)
    }

    pub fn service_count(&self) -> usize {
        self.services.len()
    }

    pub fn action_count(&self) -> usize {
        self.services.iter().map(|s| s.actions.len()).sum()
    }

    /// A number from 0 to `action_count()` for each action, service by
    /// service: an index for per-action arrays.
    pub fn dense(&self, id: ActionId) -> usize {
        self.offsets
            .get(usize::from(id.service))
            .map_or(0, |o| *o as usize + usize::from(id.action))
    }

    pub fn service_by_prefix(&self, prefix: &str) -> Option<u16> {
        self.by_prefix.get(&prefix.to_ascii_lowercase()).copied()
    }

    /// The action named `service:Name` (case-insensitive), if it exists.
    pub fn action_id(&self, name: &str) -> Option<ActionId> {
        self.by_name.get(&name.to_ascii_lowercase()).copied()
    }

    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.services
            .get(usize::from(id.service))?
            .actions
            .get(usize::from(id.action))
    }

    pub fn service(&self, id: ActionId) -> Option<&Service> {
        self.services.get(usize::from(id.service))
    }

    /// `s3:GetObject`, spelt as AWS spells it.
    pub fn full_name(&self, id: ActionId) -> String {
        match (self.service(id), self.action(id)) {
            (Some(s), Some(a)) => format!("{}:{}", s.prefix, a.name),
            _ => String::new(),
        }
    }

    /// Every action id of one service, in name order.
    pub fn service_actions(&self, service: u16) -> impl Iterator<Item = ActionId> + '_ {
        let n = self
            .services
            .get(usize::from(service))
            .map_or(0, |s| s.actions.len());
        (0..n).map(move |a| ActionId {
            service,
            action: a as u16,
        })
    }

    /// The ARN formats an action's resource types take.
    pub fn resource_arns(&self, id: ActionId) -> Vec<&str> {
        let (Some(s), Some(a)) = (self.service(id), self.action(id)) else {
            return Vec::new();
        };
        a.resource_types
            .iter()
            .filter_map(|(t, _)| s.resource_types.get(usize::from(*t)))
            .map(|t| t.arn.as_str())
            .collect()
    }

    /// Whether `key` is a condition key the action supports: its own keys,
    /// its resource types' keys, or a global `aws:` key.
    pub fn supports_condition_key(&self, id: ActionId, key: &str) -> bool {
        let lower = key.to_ascii_lowercase();
        if lower.starts_with("aws:") {
            return true;
        }
        let (Some(s), Some(a)) = (self.service(id), self.action(id)) else {
            return false;
        };
        let own = a
            .condition_keys
            .iter()
            .filter_map(|k| s.condition_keys.get(usize::from(*k)))
            .map(|k| k.key.as_str());
        let of_types = a
            .resource_types
            .iter()
            .filter_map(|(t, _)| s.resource_types.get(usize::from(*t)))
            .flat_map(|t| t.condition_keys.iter().map(String::as_str));
        own.chain(of_types)
            .any(|k| condition_key_matches(k, &lower))
    }
}

/// A catalogue key such as `s3:ExistingObjectTag/<key>` or
/// `aws:ResourceTag/${TagKey}` against a key written in a policy (lower case).
fn condition_key_matches(catalogue_key: &str, lower: &str) -> bool {
    let k = catalogue_key.to_ascii_lowercase();
    if k == lower {
        return true;
    }
    // A templated key: the fixed part before the placeholder must match and
    // something must follow it.
    let fixed = k.find(['<', '$']).map(|i| &k[..i]);
    fixed.is_some_and(|f| lower.len() > f.len() && lower.starts_with(f))
}

#[cfg(test)]
mod tests;
