//! The typed, lossless form of an IAM policy document.

use serde_json::{Map, Value};

use super::error::PolicyError;
use super::operator::ConditionOperator;
use super::values::{condition_values, optional_scalar, strings};

/// A parsed policy document. Unknown top-level keys are kept in `extra`.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    pub version: Option<String>,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
    /// True when `Statement` was a single object rather than a list.
    pub statement_was_object: bool,
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// A string-or-list element, remembering which shape it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StringList {
    One(String),
    Many(Vec<String>),
}

impl StringList {
    pub fn as_slice(&self) -> &[String] {
        match self {
            StringList::One(s) => std::slice::from_ref(s),
            StringList::Many(v) => v,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.as_slice().iter()
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    fn parse(v: &Value, path: &str) -> Result<Self, PolicyError> {
        let (mut values, was_list) = strings(v, path)?;
        match values.pop() {
            Some(one) if !was_list => Ok(StringList::One(one)),
            last => {
                values.extend(last);
                Ok(StringList::Many(values))
            }
        }
    }
}

/// `Principal` / `NotPrincipal`: `"*"` or a map of kind key to values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"Principal": "*"`.
    Any,
    /// Kind key (`AWS`, `Service`, `Federated`, `CanonicalUser`, or any
    /// other key, kept as written) to its values, in document order; and
    /// the lookup of its entries by account, made when first needed.
    Map(Vec<(String, StringList)>, AccountLookup),
}

/// The entries of a long Principal list by the account they name, so
/// matching a caller compares it with its own account's entries (and the
/// few naming no account) only. A file can carry a trust policy naming
/// 50,000 accounts; comparing each of them, as a caller, with every entry
/// took hours. Short lists (the real ones: a trust policy has at most a few
/// kilobytes) are not indexed.
#[derive(Default)]
pub struct AccountLookup(std::sync::OnceLock<Option<AccountIndex>>);

/// Entry positions, `(kind, value)` indexes into `Principal::Map`.
struct AccountIndex {
    by_account: std::collections::HashMap<String, Vec<(u32, u32)>>,
    /// Entries naming no account (`*`, services, providers, odd values):
    /// candidates for every caller.
    anywhere: Vec<(u32, u32)>,
}

/// Lists shorter than this are searched entry by entry.
const INDEX_FROM: usize = 64;

impl AccountLookup {
    /// The entries that can name a caller of `account`, in document order;
    /// `None` when the list is short (search all of it).
    fn candidates<'a>(
        &'a self,
        kinds: &'a [(String, StringList)],
        account: &str,
    ) -> Option<impl Iterator<Item = (&'a str, &'a str)> + 'a> {
        let index = self.0.get_or_init(|| AccountIndex::of(kinds)).as_ref()?;
        let mut positions: Vec<(u32, u32)> = index
            .by_account
            .get(account)
            .map(|own| own.iter().chain(&index.anywhere).copied().collect())
            .unwrap_or_else(|| index.anywhere.clone());
        positions.sort_unstable();
        Some(positions.into_iter().filter_map(move |(k, v)| {
            let (kind, values) = kinds.get(k as usize)?;
            Some((kind.as_str(), values.as_slice().get(v as usize)?.as_str()))
        }))
    }
}

impl AccountIndex {
    fn of(kinds: &[(String, StringList)]) -> Option<AccountIndex> {
        let total: usize = kinds.iter().map(|(_, values)| values.len()).sum();
        if total < INDEX_FROM {
            return None;
        }
        let mut index = AccountIndex {
            by_account: std::collections::HashMap::new(),
            anywhere: Vec::new(),
        };
        for (k, (kind, values)) in kinds.iter().enumerate() {
            for (v, value) in values.iter().enumerate() {
                let at = (k as u32, v as u32);
                match super::principal_account(value).filter(|_| kind == "AWS") {
                    Some(account) => index
                        .by_account
                        .entry(account.to_string())
                        .or_default()
                        .push(at),
                    None => index.anywhere.push(at),
                }
            }
        }
        Some(index)
    }
}

// The lookup is derived from the entries: it never makes two principals
// differ, and a copy starts without it.
impl PartialEq for AccountLookup {
    fn eq(&self, _: &AccountLookup) -> bool {
        true
    }
}

impl Eq for AccountLookup {}

impl Clone for AccountLookup {
    fn clone(&self) -> AccountLookup {
        AccountLookup::default()
    }
}

impl std::fmt::Debug for AccountLookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccountLookup")
    }
}

impl Principal {
    /// Every (kind key, value) pair; `Any` yields `("*", "*")`.
    pub fn entries(&self) -> Vec<(&str, &str)> {
        self.iter_entries().collect()
    }

    /// The entries that can name a principal of `account` (AWS entries of
    /// that account, and every entry that names no account), in document
    /// order; the same as `iter_entries` for a short list.
    pub fn entries_for_account<'a>(
        &'a self,
        account: Option<&str>,
    ) -> Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a> {
        if let (Principal::Map(kinds, lookup), Some(account)) = (self, account)
            && let Some(candidates) = lookup.candidates(kinds, account)
        {
            return Box::new(candidates);
        }
        Box::new(self.iter_entries())
    }

    /// [`Principal::entries`] without collecting them.
    pub fn iter_entries(&self) -> impl Iterator<Item = (&str, &str)> {
        let (any, kinds): (bool, &[(String, StringList)]) = match self {
            Principal::Any => (true, &[]),
            Principal::Map(kinds, _) => (false, kinds),
        };
        any.then_some(("*", "*")).into_iter().chain(
            kinds
                .iter()
                .flat_map(|(k, vals)| vals.iter().map(move |v| (k.as_str(), v.as_str()))),
        )
    }

    fn parse(v: &Value, path: &str) -> Result<Self, PolicyError> {
        match v {
            Value::String(s) if s == "*" => Ok(Principal::Any),
            Value::Object(map) => {
                let mut kinds = Vec::with_capacity(map.len());
                for (key, val) in map {
                    kinds.push((
                        key.clone(),
                        StringList::parse(val, &format!("{path}.{key}"))?,
                    ));
                }
                Ok(Principal::Map(kinds, AccountLookup::default()))
            }
            other => Err(PolicyError::expected(
                path,
                "\"*\" or an object such as {\"AWS\": ...}",
                Some(other),
            )),
        }
    }
}

/// One condition test: an operator, a key (original case) and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionClause {
    pub operator: ConditionOperator,
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    pub principal: Option<Principal>,
    pub not_principal: Option<Principal>,
    pub action: Option<StringList>,
    pub not_action: Option<StringList>,
    pub resource: Option<StringList>,
    pub not_resource: Option<StringList>,
    /// Flattened in document order: operator by operator, key by key.
    pub condition: Vec<ConditionClause>,
    /// Unknown keys, kept as written.
    pub extra: Map<String, Value>,
}

impl PolicyDocument {
    /// Parses a decoded policy document (see `decode_document`).
    pub fn parse(v: &Value) -> Result<PolicyDocument, PolicyError> {
        let Value::Object(map) = v else {
            return Err(PolicyError::expected(
                "(document)",
                "a JSON object",
                Some(v),
            ));
        };
        let version = optional_scalar(map.get("Version"), "Version")?;
        let id = optional_scalar(map.get("Id"), "Id")?;
        let (statements, statement_was_object) = match map.get("Statement") {
            Some(Value::Object(one)) => (vec![Statement::parse(one, "Statement")?], true),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let path = format!("Statement[{i}]");
                    match item {
                        Value::Object(m) => out.push(Statement::parse(m, &path)?),
                        other => {
                            return Err(PolicyError::expected(path, "an object", Some(other)));
                        }
                    }
                }
                (out, false)
            }
            other => {
                return Err(PolicyError::expected(
                    "Statement",
                    "an object or a list of objects",
                    other,
                ));
            }
        };
        let extra = map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "Version" | "Id" | "Statement"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(PolicyDocument {
            version,
            id,
            statements,
            statement_was_object,
            extra,
        })
    }
}

const STATEMENT_KEYS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

impl Statement {
    fn parse(map: &Map<String, Value>, path: &str) -> Result<Statement, PolicyError> {
        let at = |key: &str| format!("{path}.{key}");
        let effect = match map.get("Effect") {
            Some(Value::String(s)) if s == "Allow" => Effect::Allow,
            Some(Value::String(s)) if s == "Deny" => Effect::Deny,
            other => {
                return Err(PolicyError::expected(
                    at("Effect"),
                    "\"Allow\" or \"Deny\"",
                    other,
                ));
            }
        };
        let list = |key: &str| -> Result<Option<StringList>, PolicyError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => StringList::parse(v, &at(key)).map(Some),
            }
        };
        let principal = |key: &str| -> Result<Option<Principal>, PolicyError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => Principal::parse(v, &at(key)).map(Some),
            }
        };
        let condition = match map.get("Condition") {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => parse_condition(v, &at("Condition"))?,
        };
        let extra = map
            .iter()
            .filter(|(k, _)| !STATEMENT_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Statement {
            sid: optional_scalar(map.get("Sid"), &at("Sid"))?,
            effect,
            principal: principal("Principal")?,
            not_principal: principal("NotPrincipal")?,
            action: list("Action")?,
            not_action: list("NotAction")?,
            resource: list("Resource")?,
            not_resource: list("NotResource")?,
            condition,
            extra,
        })
    }
}

/// `{"Operator": {"key": value-or-list, ...}, ...}` flattened into clauses.
fn parse_condition(v: &Value, path: &str) -> Result<Vec<ConditionClause>, PolicyError> {
    let Value::Object(ops) = v else {
        return Err(PolicyError::expected(
            path,
            "an object of condition operators",
            Some(v),
        ));
    };
    let mut clauses = Vec::new();
    for (op_text, keys) in ops {
        let op_path = format!("{path}.{op_text}");
        let Value::Object(keys) = keys else {
            return Err(PolicyError::expected(
                op_path,
                "an object of condition keys",
                Some(keys),
            ));
        };
        let operator = ConditionOperator::parse(op_text);
        for (key, values) in keys {
            clauses.push(ConditionClause {
                operator: operator.clone(),
                key: key.clone(),
                values: condition_values(values, &format!("{op_path}.{key}"))?,
            });
        }
    }
    Ok(clauses)
}
