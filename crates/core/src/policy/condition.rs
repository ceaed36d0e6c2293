//! Condition evaluation with partial knowledge of the request context.
//!
//! rolecall rarely knows the whole request. A key is either known (with
//! zero or more values), known to be absent (the context can decide it but
//! has no value), or unknown; clauses on unknown keys stay undecided.

use super::document::ConditionClause;
use super::operator::{BaseOperator, SetQualifier};
use super::operator_eval::value_matches;

/// What rolecall knows about a request. Keys are case-insensitive.
///
/// Kept in vectors sorted by key rather than hash maps: the assume-role
/// index holds one context per principal (100,000 on a big account) with a
/// handful of keys each, where a hash table's buckets cost more than the
/// keys; sorted, equal contexts compare equal field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// Lowercase key → values, sorted by key.
    values: Vec<(Box<str>, Vec<String>)>,
    /// Lowercase keys known to be absent, sorted, none of them in `values`.
    decidable: Vec<Box<str>>,
    decidable_prefixes: Vec<String>,
}

/// What the context says about one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLookup<'a> {
    /// The context cannot decide this key.
    Unknown,
    /// The context can decide this key and it is not in the request.
    Absent,
    /// The key's values (never empty).
    Present(&'a [String]),
}

impl RequestContext {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a key's values; an empty list means "decidable but absent".
    pub fn set<I, S>(&mut self, key: &str, values: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let key = key.to_lowercase();
        if let Ok(at) = self
            .decidable
            .binary_search_by(|k| k.as_ref().cmp(key.as_str()))
        {
            self.decidable.remove(at);
        }
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        match self
            .values
            .binary_search_by(|(k, _)| k.as_ref().cmp(key.as_str()))
        {
            Ok(at) => self.values[at].1 = values,
            Err(at) => self.values.insert(at, (key.into_boxed_str(), values)),
        }
        self
    }

    /// Builder form of [`RequestContext::set`].
    pub fn with<I, S>(mut self, key: &str, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.set(key, values);
        self
    }

    /// Marks a key as decidable: with no value set it counts as absent.
    pub fn mark_decidable(&mut self, key: &str) -> &mut Self {
        let key = key.to_lowercase();
        if self.value_of(&key).is_some() {
            return self;
        }
        if let Err(at) = self
            .decidable
            .binary_search_by(|k| k.as_ref().cmp(key.as_str()))
        {
            self.decidable.insert(at, key.into_boxed_str());
        }
        self
    }

    /// Every key (lowercase) the context can decide, then every decidable
    /// prefix; for checking what a context is made of.
    pub fn known_keys(&self) -> impl Iterator<Item = &str> {
        self.decidable
            .iter()
            .map(AsRef::as_ref)
            .chain(self.values.iter().map(|(k, _)| k.as_ref()))
            .chain(self.decidable_prefixes.iter().map(String::as_str))
    }

    /// Marks every key starting with `prefix` (e.g. `aws:PrincipalTag/`) as
    /// decidable.
    pub fn mark_decidable_prefix(&mut self, prefix: &str) -> &mut Self {
        self.decidable_prefixes.push(prefix.to_lowercase());
        self
    }

    /// Lays `other`'s keys over these: its values replace, its absent and
    /// decidable keys and prefixes are added.
    pub fn overlay(&mut self, other: &RequestContext) {
        for (k, v) in &other.values {
            self.set(k, v.iter().cloned());
        }
        for k in &other.decidable {
            if self.value_of(k).is_none() {
                self.mark_decidable(k);
            }
        }
        for p in &other.decidable_prefixes {
            self.mark_decidable_prefix(p);
        }
    }

    fn value_of(&self, lowercase_key: &str) -> Option<&Vec<String>> {
        self.values
            .binary_search_by(|(k, _)| k.as_ref().cmp(lowercase_key))
            .ok()
            .map(|at| &self.values[at].1)
    }

    pub fn lookup(&self, key: &str) -> KeyLookup<'_> {
        let key = key.to_lowercase();
        match self.value_of(&key) {
            Some(values) if !values.is_empty() => KeyLookup::Present(values),
            Some(_) => KeyLookup::Absent,
            None if self
                .decidable
                .binary_search_by(|k| k.as_ref().cmp(key.as_str()))
                .is_ok()
                || self.decidable_prefixes.iter().any(|p| key.starts_with(p)) =>
            {
                KeyLookup::Absent
            }
            _ => KeyLookup::Unknown,
        }
    }
}

/// The result of a condition block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CondOutcome {
    True,
    False,
    /// Every decided clause was true; these could not be decided.
    Unknown(Vec<ConditionClause>),
}

/// ANDs all clauses: any false clause makes the block false, otherwise any
/// undecided clause makes it `Unknown` (listing those clauses).
pub fn evaluate(clauses: &[ConditionClause], ctx: &RequestContext) -> CondOutcome {
    let mut undecided = Vec::new();
    for clause in clauses {
        match evaluate_clause(clause, ctx) {
            Some(true) => {}
            Some(false) => return CondOutcome::False,
            None => undecided.push(clause.clone()),
        }
    }
    if undecided.is_empty() {
        CondOutcome::True
    } else {
        CondOutcome::Unknown(undecided)
    }
}

/// One clause: `Some(result)`, or `None` when it cannot be decided.
pub fn evaluate_clause(clause: &ConditionClause, ctx: &RequestContext) -> Option<bool> {
    let op = &clause.operator;
    if matches!(op.base, BaseOperator::Unknown(_)) {
        return None;
    }
    let request: &[String] = match ctx.lookup(&clause.key) {
        KeyLookup::Unknown => return None,
        KeyLookup::Absent => &[],
        KeyLookup::Present(values) => values,
    };
    if op.base == BaseOperator::Null {
        // Null: "true" means "the key is absent"; values are ORed.
        let absent = request.is_empty();
        return Some(
            clause
                .values
                .iter()
                .any(|v| match v.to_ascii_lowercase().as_str() {
                    "true" => absent,
                    "false" => !absent,
                    _ => false,
                }),
        );
    }
    if request.is_empty() {
        return Some(match (op.if_exists, op.qualifier) {
            (true, _) => true,
            (false, Some(SetQualifier::ForAnyValue)) => false,
            (false, Some(SetQualifier::ForAllValues)) => true,
            (false, None) => op.is_negated(),
        });
    }
    let policy = clause
        .values
        .iter()
        .map(|v| substitute_variables(v, ctx))
        .collect::<Option<Vec<String>>>()?;
    let negated = op.is_negated();
    // A negated operator holds for a request value matching no policy value.
    let holds = |r: &String| policy.iter().any(|p| value_matches(&op.base, r, p)) != negated;
    Some(match op.qualifier {
        Some(SetQualifier::ForAllValues) => request.iter().all(holds),
        Some(SetQualifier::ForAnyValue) => request.iter().any(holds),
        None if negated => request.iter().all(holds),
        None => request.iter().any(holds),
    })
}

/// Replaces `${key}` / `${key, 'default'}` policy variables with the
/// context's single value. `None` when a variable cannot be resolved. The one
/// substitution for condition values and Resource patterns alike.
pub fn substitute_variables(value: &str, ctx: &RequestContext) -> Option<String> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        out.push_str(&resolve_variable(&after[..end], ctx)?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn resolve_variable(inner: &str, ctx: &RequestContext) -> Option<String> {
    let (name, default) = match inner.split_once(',') {
        Some((name, default)) => {
            let default = default.trim().trim_matches('\'').to_string();
            (name.trim(), Some(default))
        }
        None => (inner.trim(), None),
    };
    // Escapes for characters that would otherwise be wildcards.
    if let "*" | "?" | "$" = name {
        return Some(name.to_string());
    }
    match ctx.lookup(name) {
        KeyLookup::Present([one]) => Some(one.clone()),
        KeyLookup::Absent => default,
        _ => None,
    }
}
