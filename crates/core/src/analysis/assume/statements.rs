//! One statement against an action, a resource and a request context, and
//! the per-side summary (best Allow, explicit Denies) built from them.

use crate::policy::{
    CondOutcome, ConditionClause, ConditionText, KeyLookup, PolicyDocument, RequestContext,
    Statement, arn_matches, evaluate, evaluate_clause, substitute_variables,
};

use super::caller::{ASSUME_ROLE, LazyCtx};
use super::types::Via;

/// Whether a statement applies to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Applies {
    No,
    Yes,
    /// Applies if these undecided conditions hold (all of them).
    If(Vec<ConditionClause>),
}

/// Whether a document's policy variables are substituted: only under
/// `"Version": "2012-10-17"`; otherwise `${…}` is literal text (A.7).
pub(crate) fn variables_apply(doc: &PolicyDocument) -> bool {
    doc.version.as_deref() == Some("2012-10-17")
}

/// `${` written so that substitution gives back the literal text.
fn literal_variables(clauses: &[ConditionClause]) -> Option<Vec<ConditionClause>> {
    if !clauses
        .iter()
        .any(|c| c.values.iter().any(|v| v.contains("${")))
    {
        return None;
    }
    let mut out = clauses.to_vec();
    for c in &mut out {
        for v in &mut c.values {
            *v = v.replace("${", "${$}{");
        }
    }
    Some(out)
}

/// Whether `value` uses a variable the context knows to be absent, with no
/// default value.
fn has_missing_variable(value: &str, ctx: &RequestContext) -> bool {
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            return false;
        };
        let inner = &after[..end];
        if !inner.contains(',')
            && !matches!(inner.trim(), "*" | "?" | "$")
            && ctx.lookup(inner.trim()) == KeyLookup::Absent
        {
            return true;
        }
        rest = &after[end + 1..];
    }
    false
}

/// A policy value with a variable that has no value matches no request
/// value (A.7: StringEquals with it is false, StringNotEquals true): the
/// clauses without such values, if any had one.
fn without_missing_variables(
    clauses: &[ConditionClause],
    ctx: &RequestContext,
) -> Option<Vec<ConditionClause>> {
    let missing = |v: &String| v.contains("${") && has_missing_variable(v, ctx);
    if !clauses.iter().any(|c| c.values.iter().any(missing)) {
        return None;
    }
    let mut out = clauses.to_vec();
    for c in &mut out {
        c.values.retain(|v| !missing(v));
    }
    Some(out)
}

fn has_literal_wildcards(clause: &ConditionClause) -> bool {
    clause
        .values
        .iter()
        .any(|v| v.contains("${*}") || v.contains("${?}"))
}

/// A clause whose values write a literal `*` or `?` as `${*}` / `${?}`
/// (A.7): compared with the same stand-ins as in a Resource, on both sides.
fn literal_wildcards_clause(clause: &ConditionClause, ctx: &RequestContext) -> Option<bool> {
    let (star, question) = (LITERAL_STAR.to_string(), LITERAL_QUESTION.to_string());
    let mut c = clause.clone();
    for v in &mut c.values {
        *v = v.replace("${*}", &star).replace("${?}", &question);
    }
    let KeyLookup::Present(values) = ctx.lookup(&c.key) else {
        return evaluate_clause(&c, ctx);
    };
    let mut local = ctx.clone();
    local.set(
        &c.key,
        values
            .iter()
            .map(|v| v.replace('*', &star).replace('?', &question))
            .collect::<Vec<_>>(),
    );
    evaluate_clause(&c, &local)
}

/// The Condition block of a statement under what rolecall knows;
/// `variables`: see [`variables_apply`].
pub(crate) fn conditions(st: &Statement, ctx: &LazyCtx<'_>, variables: bool) -> Applies {
    if st.condition.is_empty() {
        return Applies::Yes;
    }
    let ctx = ctx.for_clauses(&st.condition);
    let read = if variables {
        without_missing_variables(&st.condition, ctx)
    } else {
        literal_variables(&st.condition)
    };
    let specials = variables && st.condition.iter().any(has_literal_wildcards);
    let read = match read {
        Some(read) => read,
        None if specials => st.condition.clone(),
        None => {
            return match evaluate(&st.condition, ctx) {
                CondOutcome::True => Applies::Yes,
                CondOutcome::False => Applies::No,
                CondOutcome::Unknown(clauses) => Applies::If(clauses),
            };
        }
    };
    // Undecided clauses are reported as written.
    let mut open = Vec::new();
    for (written, read) in st.condition.iter().zip(&read) {
        let outcome = if specials && has_literal_wildcards(read) {
            literal_wildcards_clause(read, ctx)
        } else {
            evaluate_clause(read, ctx)
        };
        match outcome {
            Some(true) => {}
            Some(false) => return Applies::No,
            None => open.push(written.clone()),
        }
    }
    if open.is_empty() {
        Applies::Yes
    } else {
        Applies::If(open)
    }
}

/// Resource / NotResource against the role ARN, with policy variables. A
/// value whose variables cannot be resolved matches nothing (a Resource) and
/// excludes nothing (a NotResource).
pub(crate) fn resource_matches(
    st: &Statement,
    arn: &str,
    ctx: &LazyCtx<'_>,
    variables: bool,
) -> bool {
    let any = |list: &crate::policy::StringList| {
        list.iter().any(|p| {
            if !variables || !p.contains("${") {
                return fast_arn_match(p, arn);
            }
            if p.contains("${*}") || p.contains("${?}") {
                return literal_wildcards_match(p, arn, ctx);
            }
            match substitute_variables(p, ctx.get()) {
                Some(p) => arn_matches(&p, arn),
                None => false,
            }
        })
    };
    if let Some(list) = &st.resource {
        return any(list);
    }
    if let Some(list) = &st.not_resource {
        return !any(list);
    }
    true
}

/// Stand-ins for the literal `*` and `?` that `${*}` and `${?}` write
/// (A.7): private-use characters no ARN holds, so the pattern's own
/// wildcards still match them and they match only themselves.
const LITERAL_STAR: char = '\u{E000}';
const LITERAL_QUESTION: char = '\u{E001}';

fn literal_wildcards_match(pattern: &str, arn: &str, ctx: &LazyCtx<'_>) -> bool {
    let pattern = pattern
        .replace("${*}", &LITERAL_STAR.to_string())
        .replace("${?}", &LITERAL_QUESTION.to_string());
    let Some(pattern) = substitute_variables(&pattern, ctx.get()) else {
        return false;
    };
    let arn = arn
        .replace('*', &LITERAL_STAR.to_string())
        .replace('?', &LITERAL_QUESTION.to_string());
    arn_matches(&pattern, &arn)
}

/// `arn_matches` with allocation-free shortcuts for the common shapes: `*`,
/// a literal ARN, and a literal prefix ending in one `*` inside the resource
/// segment (where `*` may span anything). Same answers as `arn_matches`.
pub(crate) fn fast_arn_match(pattern: &str, arn: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let wild = |s: &str| s.contains(['*', '?']);
    if !wild(pattern) {
        return pattern == arn;
    }
    if let Some(prefix) = pattern.strip_suffix('*')
        && !wild(prefix)
        && prefix.matches(':').count() >= 5
        && arn.matches(':').count() >= 5
    {
        return arn.starts_with(prefix);
    }
    arn_matches(pattern, arn)
}

/// An identity or boundary statement against the request. The index keeps
/// only statements that cover sts:AssumeRole (the only action an identity
/// side is asked about), so the action is checked again only for others.
pub(crate) fn identity_statement(
    st: &Statement,
    action: &str,
    resource: &str,
    ctx: &LazyCtx<'_>,
    variables: bool,
) -> Applies {
    if (action != ASSUME_ROLE && !st.matches_action(action))
        || !resource_matches(st, resource, ctx, variables)
    {
        return Applies::No;
    }
    conditions(st, ctx, variables)
}

/// A statement that applies, with the conditions still open (empty: applies).
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub via: Via,
    pub clauses: Vec<ConditionClause>,
}

/// One side's statements for the request.
#[derive(Debug, Clone, Default)]
pub(crate) struct SideResult {
    /// Allows that apply (possibly with open conditions).
    pub allows: Vec<Hit>,
    /// Denies that apply for certain.
    pub denies: Vec<Via>,
    /// Denies whose conditions rolecall cannot decide.
    pub maybe_denies: Vec<Hit>,
    /// Policies that apply but could not be read, with why.
    pub unreadable: Vec<String>,
}

impl SideResult {
    pub fn add(&mut self, via: Via, applies: Applies) {
        let deny = via.effect == crate::policy::Effect::Deny;
        match (applies, deny) {
            (Applies::No, _) => {}
            (Applies::Yes, true) => self.denies.push(via),
            (Applies::If(clauses), true) => self.maybe_denies.push(Hit { via, clauses }),
            (Applies::Yes, false) => self.allows.push(Hit {
                via,
                clauses: Vec::new(),
            }),
            (Applies::If(clauses), false) => self.allows.push(Hit { via, clauses }),
        }
    }

    /// The Allow with the fewest open conditions (first in document order).
    pub fn best_allow(&self) -> Option<&Hit> {
        self.allows.iter().min_by_key(|h| h.clauses.len())
    }
}

/// "statement 2" or "statement 2 (Sid X)".
pub(crate) fn statement_words(via: &Via) -> String {
    match &via.sid {
        Some(sid) if !sid.is_empty() => format!("statement {} ({sid})", via.statement),
        _ => format!("statement {}", via.statement),
    }
}

/// "the trust policy, statement 1" / "inline x of user y, statement 0".
pub(crate) fn where_words(via: &Via) -> String {
    format!("{}, {}", via.policy, statement_words(via))
}

/// A Deny's undecided clauses as one condition: the keys, the operators
/// (joined by "and"), every value, and the clauses in words.
fn deny_clauses(hit: &Hit) -> (String, String, Vec<String>, String) {
    let join = |f: &dyn Fn(&ConditionClause) -> String, sep: &str| {
        hit.clauses.iter().map(f).collect::<Vec<_>>().join(sep)
    };
    (
        join(&|c| c.key.clone(), ", "),
        join(&|c| c.operator.text.clone(), " and "),
        hit.clauses.iter().flat_map(|c| c.values.clone()).collect(),
        join(&crate::policy::describe, " and "),
    )
}

/// When a Deny with undecided conditions applies, as one condition: the
/// request is allowed unless it holds.
pub(crate) fn deny_applies(hit: &Hit) -> ConditionText {
    let (key, operator, values, words) = deny_clauses(hit);
    ConditionText {
        key,
        operator,
        values,
        text: format!("{words} (the Deny in {})", where_words(&hit.via)),
    }
}

/// A Deny that applies unless its undecided conditions fail, as one
/// condition that must hold: "the Deny ... must not apply".
pub(crate) fn deny_must_not_apply(hit: &Hit) -> ConditionText {
    let (key, operator, values, words) = deny_clauses(hit);
    ConditionText {
        key,
        operator: format!("not ({operator})"),
        values,
        text: format!(
            "the Deny in {} must not apply (it applies {words})",
            where_words(&hit.via)
        ),
    }
}
