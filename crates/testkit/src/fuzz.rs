//! The fuzz targets' bodies: one function per cargo-fuzz target in `fuzz/`
//! (built with nightly), also replayed over the committed corpus by the
//! stable test `tests/fuzz_corpus.rs`. Each takes raw bytes, runs the real
//! code on them and panics (with `assert!`) only when an invariant is broken;
//! an input the code rejects with an error is fine.
//!
//! - [`gaad_file`]: a GAAD file through the parser, the model builder, the
//!   who-can-assume index and the audit.
//! - [`policy_document`]: a policy document in the three forms GAAD carries
//!   (JSON object, JSON text, URL-encoded JSON text), decoded, parsed and
//!   described, and written to the terminal through `JsonSafe`.
//! - [`condition`]: condition clauses evaluated against a request context,
//!   both drawn from the input with `arbitrary`.
//! - [`account`]: a small account drawn from small vocabularies, where every
//!   role's who-can-assume list must agree with `can_assume` asked one caller
//!   at a time.

use std::io::Write as _;

use arbitrary::{Arbitrary, Unstructured};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value, json};

use rolecall_core::analysis::assume::{
    AssumeIndex, Caller, Verdict, WhoEntry, can_assume, can_assume_what, who_can_assume,
};
use rolecall_core::audit::findings::{AuditOptions, all_findings};
use rolecall_core::model::Doc;
use rolecall_core::model::{self, Model};
use rolecall_core::policy::{
    BaseOperator, CondOutcome, ConditionClause, ConditionOperator, KeyLookup, PolicyDocument,
    RequestContext, SetQualifier, describe, evaluate, evaluate_clause, substitute_variables,
    trust_rows,
};
use rolecall_core::source::{Loaded, file::parse_gaad};
use rolecall_core::text::{JsonSafe, escape_controls, escape_controls_line};

use crate::gaad;

/// The origin every fuzzed input is loaded under.
const ORIGIN: &str = "fuzz";

/// Above this many (role, caller) pairs a parsed file skips the
/// shared-versus-single check (it stays fast on big seeds).
const MAX_PAIRS: usize = 4_000;

// ---------------------------------------------------------------------------
// Shared checks

/// Shown text must hold no control character but the newline (or none at
/// all for one-line fields).
fn assert_terminal_safe(text: &str, one_line: bool) {
    let shown = if one_line {
        escape_controls_line(text)
    } else {
        escape_controls(text)
    };
    assert!(
        !shown
            .chars()
            .any(|c| c.is_control() && (one_line || c != '\n')),
        "escaped text still holds a control character: {shown:?}"
    );
}

/// `value` written as pretty JSON through `JsonSafe`, cut into writes at
/// the given points: no control character but the newline reaches the
/// terminal, and the text reads back as the same JSON.
fn assert_json_safe(value: &Value, cuts: &[u8]) {
    let Ok(plain) = serde_json::to_vec_pretty(value) else {
        return;
    };
    let mut written = Vec::new();
    let mut out = JsonSafe::new(&mut written);
    let mut rest = plain.as_slice();
    for &cut in cuts {
        let (head, tail) = rest.split_at(usize::from(cut).min(rest.len()));
        assert!(out.write_all(head).is_ok());
        rest = tail;
    }
    assert!(out.write_all(rest).is_ok() && out.flush().is_ok());
    let text = String::from_utf8(written);
    assert!(text.is_ok(), "JsonSafe wrote invalid UTF-8");
    let text = text.unwrap_or_default();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "JsonSafe let a control character through: {text:?}"
    );
    // The same parser on both texts, so numbers compare exactly.
    let before: Result<Value, _> = serde_json::from_slice(&plain);
    let after: Result<Value, _> = serde_json::from_str(&text);
    match (before, after) {
        (Ok(b), Ok(a)) => assert!(a == b, "JsonSafe changed the JSON: {text}"),
        (b, a) => assert!(
            b.is_err() == a.is_err(),
            "JsonSafe changed the JSON: {text}"
        ),
    }
}

/// For every role, the shared who-can-assume decisions equal `can_assume`
/// asked one caller at a time, the list is in its documented order, and
/// every loaded user and role is listed (other accounts are all different
/// here, so all can see each other). The list without the denied callers
/// is the full list filtered; and what each loaded caller can assume is
/// exactly the roles whose decision for it is possible.
fn assert_assume_agrees(model: &Model, index: &AssumeIndex, every_caller_listed: bool) {
    let order = |e: &WhoEntry| (e.decision.verdict.rank(), e.kind, e.label.clone());
    for r in 0..model.roles.len() {
        let arn = &model.roles[r].detail.arn;
        let who = who_can_assume(model, index, r, true);
        for pair in who.windows(2) {
            assert!(
                order(&pair[0]) <= order(&pair[1]),
                "{arn}: {:?} listed before {:?}",
                order(&pair[0]),
                order(&pair[1])
            );
        }
        let mut users = vec![0usize; model.users.len()];
        let mut roles = vec![0usize; model.roles.len()];
        for e in &who {
            let alone = can_assume(model, index, &e.caller, r);
            assert!(
                *e.decision == alone,
                "{} → {arn}: shared {:?}\nalone {:?}",
                e.label,
                e.decision,
                alone
            );
            match e.caller {
                Caller::User(u) => users[u] += 1,
                Caller::Role(x) => roles[x] += 1,
                _ => {}
            }
        }
        if every_caller_listed {
            assert!(
                users.iter().chain(&roles).all(|&n| n == 1),
                "{arn}: every loaded user and role once, got users {users:?} roles {roles:?}"
            );
        }
        let possible = who_can_assume(model, index, r, false);
        let filtered: Vec<(&Caller, Verdict)> = who
            .iter()
            .filter(|e| e.decision.verdict.is_possible())
            .map(|e| (&e.caller, e.decision.verdict))
            .collect();
        let listed: Vec<(&Caller, Verdict)> = possible
            .iter()
            .map(|e| (&e.caller, e.decision.verdict))
            .collect();
        assert!(
            listed == filtered,
            "{arn}: the possible list {listed:?}\nis not the full list filtered {filtered:?}"
        );
    }
    let callers = (0..model.users.len())
        .map(Caller::User)
        .chain((0..model.roles.len()).map(Caller::Role));
    for caller in callers {
        let what: Vec<(usize, Verdict)> = can_assume_what(model, index, &caller)
            .into_iter()
            .map(|(r, d)| (r, d.verdict))
            .collect();
        let mut alone: Vec<(usize, Verdict)> = (0..model.roles.len())
            .map(|r| (r, can_assume(model, index, &caller, r).verdict))
            .filter(|(_, v)| v.is_possible())
            .collect();
        alone.sort_by(|(a, va), (b, vb)| {
            (va.rank(), &model.roles[*a].detail.arn).cmp(&(vb.rank(), &model.roles[*b].detail.arn))
        });
        assert!(
            what == alone,
            "{}: can_assume_what {what:?}\none at a time {alone:?}",
            caller.label(model)
        );
    }
}

// ---------------------------------------------------------------------------
// gaad_file

/// A GAAD file: parsed, and on success built into a model, indexed,
/// analysed and audited. A rejected file has a message that names it.
pub fn gaad_file(data: &[u8]) {
    let snapshot = match parse_gaad(data, ORIGIN) {
        Ok(snapshot) => snapshot,
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty(), "an empty error message");
            assert!(
                message.contains(ORIGIN),
                "the error names no input: {message}"
            );
            return;
        }
    };
    let model = model::build(vec![Loaded {
        origin: ORIGIN.into(),
        snapshot,
    }]);
    for warning in &model.warnings {
        assert!(!warning.is_empty(), "an empty warning");
    }
    for role in &model.roles {
        assert_terminal_safe(&role.detail.role_name, true);
        assert_terminal_safe(&role.detail.arn, true);
        for row in &role.trust_rows {
            assert_terminal_safe(&row.principal, true);
            for c in &row.conditions {
                assert!(!c.text.is_empty(), "an empty condition description");
                assert_terminal_safe(&c.text, true);
            }
        }
    }
    let index = AssumeIndex::build(&model);
    let callers = model.users.len() + model.roles.len();
    if model.roles.len().saturating_mul(callers) <= MAX_PAIRS {
        assert_assume_agrees(&model, &index, model.accounts.len() == 1);
    }
    for finding in all_findings(&model, &AuditOptions::default()) {
        assert!(!finding.title.is_empty() && !finding.explanation.is_empty());
    }
}

// ---------------------------------------------------------------------------
// policy_document

/// A policy document as bytes. When they are a JSON object, its three GAAD
/// forms (the object, the JSON text, the URL-encoded text) must read the
/// same; any text is also tried as a (URL-encoded) document string.
pub fn policy_document(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let as_text = Doc::from_raw(&Value::String(text.to_string()).into());
    let encoded = utf8_percent_encode(&text, NON_ALPHANUMERIC).to_string();
    let as_encoded = Doc::from_raw(&Value::String(encoded).into());
    for doc in [&as_text, &as_encoded] {
        check_doc(doc, data);
    }
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let as_value = Doc::from_raw(&value.clone().into());
    check_doc(&as_value, data);
    if value.is_object() {
        for (form, doc) in [("JSON text", &as_text), ("URL-encoded", &as_encoded)] {
            assert!(
                doc.json == as_value.json && doc.parsed == as_value.parsed,
                "the {form} form reads differently from the object:\n{:?}\n{:?}",
                doc.parsed,
                as_value.parsed
            );
        }
    }
}

fn check_doc(doc: &Doc, cuts: &[u8]) {
    match &doc.parsed {
        Err(why) => assert!(!why.is_empty(), "an empty parse error"),
        Ok(parsed) => {
            check_parsed(parsed);
            // Parsing is a function of the JSON: the same again.
            assert!(PolicyDocument::parse(&doc.json).as_ref() == Ok(parsed));
        }
    }
    assert_json_safe(
        &doc.json,
        cuts.get(..cuts.len().min(16)).unwrap_or_default(),
    );
}

fn check_parsed(doc: &PolicyDocument) {
    for st in &doc.statements {
        for clause in &st.condition {
            let text = describe(clause);
            assert!(!text.is_empty(), "an empty description of {clause:?}");
            assert_terminal_safe(&text, true);
            // The operator reads back the same from its own text.
            assert!(ConditionOperator::parse(&clause.operator.text) == clause.operator);
        }
        let _ = st.matches_action("sts:AssumeRole");
        let _ = st.matches_resource("arn:aws:iam::111111111111:role/fuzz");
    }
    let statements_with_principals: usize = doc
        .statements
        .iter()
        .map(|st| {
            st.principal.as_ref().map_or(0, |p| p.entries().len())
                + st.not_principal.as_ref().map_or(0, |p| p.entries().len())
        })
        .sum();
    let rows = trust_rows(doc);
    assert!(
        rows.len() == statements_with_principals,
        "{} trust rows for {statements_with_principals} principal values",
        rows.len()
    );
    for row in rows {
        for c in &row.conditions {
            assert!(!c.text.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// condition

/// Each positive operator and its negated twin.
const TWINS: [(&str, &str); 8] = [
    ("StringEquals", "StringNotEquals"),
    ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"),
    ("StringLike", "StringNotLike"),
    ("ArnEquals", "ArnNotEquals"),
    ("ArnLike", "ArnNotLike"),
    ("NumericEquals", "NumericNotEquals"),
    ("DateEquals", "DateNotEquals"),
    ("IpAddress", "NotIpAddress"),
];

const CONDITION_KEYS: [&str; 16] = [
    "aws:PrincipalTag/team",
    "aws:ResourceTag/team",
    "aws:PrincipalArn",
    "aws:username",
    "aws:userid",
    "aws:PrincipalType",
    "aws:SourceIp",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "sts:ExternalId",
    "aws:PrincipalOrgID",
    "token.actions.githubusercontent.com:sub",
    "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub",
    "aws:RequestTag/${aws:username}",
];

const CONDITION_VALUES: [&str; 28] = [
    "true",
    "false",
    "TRUE",
    "red",
    "Red",
    "blue",
    "",
    "*",
    "?",
    "r*d",
    "${aws:username}",
    "${aws:username, 'nobody'}",
    "${*}${?}${$}",
    "${aws:PrincipalTag/team}-*",
    "arn:aws:iam::111111111111:role/*",
    "arn:aws:iam::111111111111:user/alice",
    "arn:aws:iam::*:*",
    "10.0.0.0/8",
    "10.1.2.3",
    "::1/128",
    "2001:db8::/32",
    "2026-01-01T00:00:00Z",
    "2026-01-01",
    "2025-12-31T23:00:00-01:00",
    "1767225600",
    "12.5",
    "-3",
    "repo:org/app:ref:refs/heads/main",
];

#[derive(Debug, Arbitrary)]
enum Text {
    Known(u8),
    Free(String),
}

impl Text {
    fn pick<'a>(&'a self, vocabulary: &'a [&'a str]) -> &'a str {
        match self {
            Text::Known(i) => vocabulary[usize::from(*i) % vocabulary.len()],
            Text::Free(s) => s,
        }
    }
}

#[derive(Debug, Arbitrary)]
struct OperatorIn {
    /// 0: none, 1: ForAnyValue, 2: ForAllValues, else the free text.
    qualifier: u8,
    free_qualifier: String,
    base: Text,
    if_exists: bool,
    /// Bits choose which letters are upper-cased (names are case-blind).
    case: u32,
}

impl OperatorIn {
    /// The operator text, and what it must parse to when every part came
    /// from the vocabulary.
    fn text(&self) -> (String, Option<(usize, Option<SetQualifier>)>) {
        let (prefix, qualifier, known_q) = match self.qualifier % 4 {
            0 => (String::new(), None, true),
            1 => (
                "ForAnyValue:".to_string(),
                Some(SetQualifier::ForAnyValue),
                true,
            ),
            2 => (
                "ForAllValues:".to_string(),
                Some(SetQualifier::ForAllValues),
                true,
            ),
            _ => (format!("{}:", self.free_qualifier), None, false),
        };
        let operators = BaseOperator::known_names();
        let base = self.base.pick(&operators);
        let suffix = if self.if_exists { "IfExists" } else { "" };
        let text: String = format!("{prefix}{base}{suffix}")
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if self.case & (1 << (i % 32)) != 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let expected = match (&self.base, known_q) {
            (Text::Known(i), true) => Some((usize::from(*i) % operators.len(), qualifier)),
            _ => None,
        };
        (text, expected)
    }
}

#[derive(Debug, Arbitrary)]
struct ClauseIn {
    operator: OperatorIn,
    key: Text,
    values: Vec<Text>,
    /// One value written as a plain string rather than a one-item list.
    scalar: bool,
}

#[derive(Debug, Arbitrary)]
struct ConditionIn {
    clauses: Vec<ClauseIn>,
    context: Vec<(Text, Vec<Text>)>,
    decidable: Vec<Text>,
    prefixes: Vec<Text>,
    /// Two values compared every way the ordered operators can.
    pair: (Text, Text),
}

/// Condition clauses and a request context from the input: the clauses
/// parsed from a policy document equal those built directly, the block is
/// the AND of its clauses, negated operators are the complement of their
/// twin, `IfExists` and the set qualifiers behave on absent keys as
/// IAM-SEMANTICS says, and the ordered operators order.
pub fn condition(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(input) = ConditionIn::arbitrary(&mut u) else {
        return;
    };
    let mut ctx = RequestContext::new();
    for (key, values) in input.context.iter().take(8) {
        let values: Vec<&str> = values
            .iter()
            .take(4)
            .map(|v| v.pick(&CONDITION_VALUES))
            .collect();
        ctx.set(key.pick(&CONDITION_KEYS), values);
    }
    for key in input.decidable.iter().take(4) {
        ctx.mark_decidable(key.pick(&CONDITION_KEYS));
    }
    for prefix in input.prefixes.iter().take(2) {
        ctx.mark_decidable_prefix(prefix.pick(&CONDITION_KEYS));
    }

    let mut clauses = Vec::new();
    for c in input.clauses.iter().take(6) {
        let (text, expected) = c.operator.text();
        let operator = ConditionOperator::parse(&text);
        assert!(operator.text == text, "the operator text is not kept");
        if let Some((base, qualifier)) = expected {
            assert!(
                operator.base.name() == BaseOperator::known_names()[base]
                    && operator.qualifier == qualifier
                    && operator.if_exists == c.operator.if_exists,
                "{text} parsed as {operator:?}"
            );
        }
        let clause = ConditionClause {
            operator,
            key: c.key.pick(&CONDITION_KEYS).to_string(),
            values: c
                .values
                .iter()
                .take(4)
                .map(|v| v.pick(&CONDITION_VALUES).to_string())
                .collect(),
        };
        let values = match clause.values.as_slice() {
            [one] if c.scalar => json!(one),
            many => json!(many),
        };
        let doc = json!({"Statement": {"Effect": "Allow", "Action": "*", "Condition": {
            text.clone(): {clause.key.clone(): values}
        }}});
        let parsed = PolicyDocument::parse(&doc);
        assert!(parsed.is_ok(), "{doc} does not parse: {parsed:?}");
        let read: Vec<&ConditionClause> = parsed
            .iter()
            .flat_map(|d| &d.statements)
            .flat_map(|st| &st.condition)
            .collect();
        assert!(read == [&clause], "read {read:?}, built {clause:?}");
        assert!(!describe(&clause).is_empty());
        check_clause(&clause, &ctx);
        clauses.push(clause);
    }

    let each: Vec<Option<bool>> = clauses.iter().map(|c| evaluate_clause(c, &ctx)).collect();
    let expected = if each.contains(&Some(false)) {
        CondOutcome::False
    } else if each.iter().all(|r| *r == Some(true)) {
        CondOutcome::True
    } else {
        CondOutcome::Unknown(
            clauses
                .iter()
                .zip(&each)
                .filter(|(_, r)| r.is_none())
                .map(|(c, _)| c.clone())
                .collect(),
        )
    };
    assert!(
        evaluate(&clauses, &ctx) == expected,
        "the block is not the AND"
    );

    for (key, _) in &input.context {
        let key = key.pick(&CONDITION_KEYS);
        assert!(
            ctx.lookup(key) == ctx.lookup(&key.to_ascii_uppercase()),
            "keys are case-blind: {key}"
        );
    }
    for v in input.clauses.iter().flat_map(|c| &c.values) {
        let v = v.pick(&CONDITION_VALUES);
        if !v.contains("${") {
            assert!(substitute_variables(v, &ctx).as_deref() == Some(v));
        }
    }
    check_pair(
        input.pair.0.pick(&CONDITION_VALUES),
        input.pair.1.pick(&CONDITION_VALUES),
    );
}

/// One clause against the context, and the same clause with its twin
/// operator, `IfExists` or a set qualifier.
fn check_clause(clause: &ConditionClause, ctx: &RequestContext) {
    let result = evaluate_clause(clause, ctx);
    let op = &clause.operator;
    let lookup = ctx.lookup(&clause.key);
    if matches!(op.base, BaseOperator::Unknown(_)) || lookup == KeyLookup::Unknown {
        assert!(result.is_none(), "{clause:?} decided without knowing");
        return;
    }
    if lookup == KeyLookup::Absent && op.base != BaseOperator::Null {
        let expected = match (op.if_exists, op.qualifier) {
            (true, _) => true,
            (false, Some(SetQualifier::ForAnyValue)) => false,
            (false, Some(SetQualifier::ForAllValues)) => true,
            (false, None) => op.is_negated(),
        };
        assert!(
            result == Some(expected),
            "{clause:?} on an absent key: {result:?}"
        );
    }
    if op.qualifier.is_some() || op.if_exists {
        return;
    }
    let name = op.base.name();
    let twin = TWINS.iter().find_map(|&(pos, neg)| match name {
        n if n == pos => Some(neg),
        n if n == neg => Some(pos),
        _ => None,
    });
    if let Some(twin) = twin {
        let other = ConditionClause {
            operator: ConditionOperator::parse(twin),
            ..clause.clone()
        };
        let flipped = evaluate_clause(&other, ctx);
        assert!(
            flipped == result.map(|r| !r),
            "{name} gives {result:?} and {twin} {flipped:?} on {clause:?}"
        );
    }
}

/// Evaluates `Operator: {k: policy}` with `k = request`.
fn compare(operator: &str, request: &str, policy: &str) -> Option<bool> {
    let ctx = RequestContext::new().with("fuzz:k", [request]);
    let clause = ConditionClause {
        operator: ConditionOperator::parse(operator),
        key: "fuzz:k".into(),
        values: vec![policy.to_string()],
    };
    evaluate_clause(&clause, &ctx)
}

/// The ordered operators: a value equals itself (when it reads), and two
/// values that read are exactly one of less, equal, greater, the same seen
/// from either side.
fn check_pair(a: &str, b: &str) {
    for v in [a, b] {
        if v.contains("${") {
            continue;
        }
        assert!(compare("StringEquals", v, v) == Some(true));
        assert!(compare("StringEqualsIgnoreCase", v, v) == Some(true));
        assert!(
            compare("StringLike", v, v) == Some(true),
            "{v:?} is not like itself"
        );
        for family in ["Numeric", "Date"] {
            let eq = compare(&format!("{family}Equals"), v, v);
            assert!(compare(&format!("{family}LessThanEquals"), v, v) == eq);
            assert!(compare(&format!("{family}GreaterThanEquals"), v, v) == eq);
            if family == "Date" {
                assert!(compare(&format!("{family}LessThan"), v, v) == Some(false));
            }
        }
    }
    if a.contains("${") || b.contains("${") {
        return;
    }
    for family in ["Numeric", "Date"] {
        let reads = |v| compare(&format!("{family}Equals"), v, v) == Some(true);
        let lt = compare(&format!("{family}LessThan"), a, b) == Some(true);
        let eq = compare(&format!("{family}Equals"), a, b) == Some(true);
        let gt = compare(&format!("{family}GreaterThan"), a, b) == Some(true);
        let count = usize::from(lt) + usize::from(eq) + usize::from(gt);
        if reads(a) && reads(b) {
            assert!(
                count == 1,
                "{family}: {a:?} vs {b:?}: lt {lt} eq {eq} gt {gt}"
            );
        } else {
            assert!(
                count == 0,
                "{family}: {a:?} vs {b:?} compared though one does not read"
            );
        }
        assert!(
            gt == (compare(&format!("{family}LessThan"), b, a) == Some(true)),
            "{family}: {a:?} > {b:?} but not {b:?} < {a:?}"
        );
        let le = compare(&format!("{family}LessThanEquals"), a, b) == Some(true);
        assert!(le == (lt || eq), "{family}: {a:?} <= {b:?} is not < or =");
    }
}

// ---------------------------------------------------------------------------
// account

const A: &str = "111111111111";
const B: &str = "222222222222";

const USER_NAMES: [&str; 4] = ["alice", "bob", "ops/carol", "dave"];
const ROLE_NAMES: [&str; 6] = ["deploy", "app/web", "admin", "ci/build", "readonly", "web"];
const GROUP_NAMES: [&str; 2] = ["devs", "ops"];
const POLICY_NAMES: [&str; 3] = ["assume", "limit", "deny-admin"];
const TAG_KEYS: [&str; 2] = ["team", "env"];
const TAG_VALUES: [&str; 3] = ["red", "blue", "prod"];
const SERVICES: [&str; 3] = [
    "lambda.amazonaws.com",
    "ec2.amazonaws.com",
    "LAMBDA.amazonaws.com",
];
const PROVIDERS: [&str; 3] = [
    "arn:aws:iam::111111111111:saml-provider/okta",
    "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
    "cognito-identity.amazonaws.com",
];
const ACTIONS: [&str; 10] = [
    "sts:AssumeRole",
    "sts:AssumeRole*",
    "sts:*",
    "*",
    "STS:assumerole",
    "sts:Assume?ole",
    "sts:TagSession",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "s3:GetObject",
];
const RESOURCES: [&str; 9] = [
    "*",
    "arn:aws:iam::111111111111:role/*",
    "arn:aws:iam::111111111111:role/deploy",
    "arn:aws:iam::111111111111:role/app/*",
    "arn:aws:iam::*:role/admin",
    "arn:aws:iam::111111111111:role/${aws:username}*",
    "arn:aws:iam::222222222222:role/*",
    "arn:aws:iam::111111111111:role/web",
    "arn:aws:s3:::bucket",
];
const ACCOUNT_OPERATORS: [&str; 12] = [
    "StringEquals",
    "StringNotEquals",
    "StringLike",
    "ArnLike",
    "ArnNotEquals",
    "Bool",
    "Null",
    "ForAnyValue:StringEquals",
    "ForAllValues:StringLike",
    "StringEqualsIfExists",
    "NumericLessThan",
    "BogusOperator",
];
const ACCOUNT_KEYS: [&str; 13] = [
    "aws:PrincipalTag/team",
    "aws:ResourceTag/team",
    "aws:PrincipalArn",
    "aws:username",
    "aws:userid",
    "aws:PrincipalType",
    "aws:PrincipalAccount",
    "aws:MultiFactorAuthPresent",
    "sts:ExternalId",
    "aws:SourceIp",
    "aws:RequestTag/team",
    "sts:RoleSessionName",
    "aws:PrincipalIsAWSService",
];
const ACCOUNT_VALUES: [&str; 12] = [
    "red",
    "blue",
    "${aws:ResourceTag/team}",
    "${aws:PrincipalTag/team}",
    "${aws:username}",
    "arn:aws:iam::111111111111:user/bob",
    "arn:aws:iam::111111111111:role/*",
    "User",
    "AssumedRole",
    "111111111111",
    "true",
    "false",
];

/// The AWS principal values a trust policy may name.
fn aws_principals() -> Vec<String> {
    vec![
        "*".into(),
        gaad::root(A),
        A.into(),
        gaad::root(B),
        B.into(),
        gaad::user_arn(A, "alice"),
        gaad::user_arn(A, "bob"),
        gaad::user_arn(A, "ops/carol"),
        gaad::user_arn(A, "carol"),
        gaad::role_arn(A, "deploy"),
        gaad::role_arn(A, "app/web"),
        gaad::role_arn(A, "web"),
        gaad::user_arn(B, "alice"),
        gaad::role_arn(B, "deploy"),
        "arn:aws:iam::111111111111:user/*".into(),
        gaad::session_arn(A, "deploy", "s1"),
        "arn:aws:sts::111111111111:assumed-role/deploy/*".into(),
        "arn:aws:iam::333333333333:root".into(),
        user_id(0),
        role_id(0),
    ]
}

fn user_id(i: usize) -> String {
    format!("AIDAFUZZUSER{i:09}")
}

fn role_id(i: usize) -> String {
    format!("AROAFUZZROLE{i:09}")
}

fn pick<T: Copy>(list: &[T], i: u8) -> T {
    list[usize::from(i) % list.len()]
}

#[derive(Debug, Arbitrary)]
struct ConditionSpec {
    operator: u8,
    key: u8,
    values: Vec<u8>,
}

impl ConditionSpec {
    fn json(list: &[ConditionSpec]) -> Option<Value> {
        let mut ops: Map<String, Value> = Map::new();
        for c in list.iter().take(2) {
            let values: Vec<&str> = c
                .values
                .iter()
                .take(2)
                .map(|&v| pick(&ACCOUNT_VALUES, v))
                .collect();
            let keys = ops
                .entry(pick(&ACCOUNT_OPERATORS, c.operator))
                .or_insert_with(|| json!({}));
            if let Value::Object(keys) = keys {
                keys.insert(pick(&ACCOUNT_KEYS, c.key).into(), json!(values));
            }
        }
        (!ops.is_empty()).then_some(Value::Object(ops))
    }
}

#[derive(Debug, Arbitrary)]
struct StatementSpec {
    deny: bool,
    not_action: bool,
    actions: Vec<u8>,
    not_resource: bool,
    resources: Vec<u8>,
    condition: Vec<ConditionSpec>,
}

impl StatementSpec {
    fn json(&self) -> Value {
        let mut st = Map::new();
        st.insert(
            "Effect".into(),
            json!(if self.deny { "Deny" } else { "Allow" }),
        );
        let actions: Vec<&str> = self
            .actions
            .iter()
            .take(3)
            .map(|&a| pick(&ACTIONS, a))
            .collect();
        let resources: Vec<&str> = self
            .resources
            .iter()
            .take(3)
            .map(|&r| pick(&RESOURCES, r))
            .collect();
        let key = |not: bool, word: &str| format!("{}{word}", if not { "Not" } else { "" });
        st.insert(key(self.not_action, "Action"), json!(actions));
        st.insert(key(self.not_resource, "Resource"), json!(resources));
        if let Some(c) = ConditionSpec::json(&self.condition) {
            st.insert("Condition".into(), c);
        }
        Value::Object(st)
    }
}

#[derive(Debug, Arbitrary)]
enum PrincipalSpec {
    Star,
    Aws(Vec<u8>),
    Service(u8),
    Federated(u8),
}

#[derive(Debug, Arbitrary)]
struct TrustSpec {
    deny: bool,
    not_principal: bool,
    principal: PrincipalSpec,
    actions: Vec<u8>,
    condition: Vec<ConditionSpec>,
}

impl TrustSpec {
    fn json(&self, aws: &[String]) -> Value {
        let principal = match &self.principal {
            PrincipalSpec::Star => json!("*"),
            PrincipalSpec::Aws(list) => {
                let values: Vec<&String> = list
                    .iter()
                    .take(3)
                    .map(|&i| &aws[usize::from(i) % aws.len()])
                    .collect();
                match values.as_slice() {
                    [one] => gaad::aws(one),
                    many => gaad::aws(many),
                }
            }
            PrincipalSpec::Service(i) => gaad::service(pick(&SERVICES, *i)),
            PrincipalSpec::Federated(i) => gaad::federated(pick(&PROVIDERS, *i)),
        };
        let mut actions: Vec<&str> = self
            .actions
            .iter()
            .take(2)
            .map(|&a| pick(&ACTIONS, a))
            .collect();
        if actions.is_empty() {
            actions.push("sts:AssumeRole");
        }
        let mut st = Map::new();
        st.insert(
            "Effect".into(),
            json!(if self.deny { "Deny" } else { "Allow" }),
        );
        let key = if self.not_principal {
            "NotPrincipal"
        } else {
            "Principal"
        };
        st.insert(key.into(), principal);
        st.insert("Action".into(), json!(actions));
        if let Some(c) = ConditionSpec::json(&self.condition) {
            st.insert("Condition".into(), c);
        }
        Value::Object(st)
    }
}

/// Identity policies, attachments, boundary and tags of a user or role.
#[derive(Debug, Arbitrary)]
struct IdentitySpec {
    inline: Vec<StatementSpec>,
    attached: Vec<u8>,
    boundary: Option<u8>,
    tags: Vec<(u8, u8)>,
}

#[derive(Debug, Arbitrary)]
struct UserSpec {
    name: u8,
    groups: Vec<u8>,
    identity: IdentitySpec,
}

#[derive(Debug, Arbitrary)]
struct RoleSpec {
    name: u8,
    trust: Vec<TrustSpec>,
    identity: IdentitySpec,
}

#[derive(Debug, Arbitrary)]
struct GroupSpec {
    name: u8,
    inline: Vec<StatementSpec>,
    attached: Vec<u8>,
}

#[derive(Debug, Arbitrary)]
struct AccountSpec {
    users: Vec<UserSpec>,
    roles: Vec<RoleSpec>,
    groups: Vec<GroupSpec>,
    policies: Vec<Vec<StatementSpec>>,
}

#[derive(Debug, Arbitrary)]
struct WorldSpec {
    a: AccountSpec,
    b: Option<AccountSpec>,
}

fn statements(list: &[StatementSpec]) -> Value {
    json!({"Version": "2012-10-17",
           "Statement": list.iter().take(3).map(StatementSpec::json).collect::<Vec<_>>()})
}

fn policy_ref(i: u8) -> &'static str {
    // One more than the account's own policies: an AWS-managed one not loaded.
    match usize::from(i) % (POLICY_NAMES.len() + 1) {
        n if n < POLICY_NAMES.len() => POLICY_NAMES[n],
        _ => "arn:aws:iam::aws:policy/AdministratorAccess",
    }
}

impl AccountSpec {
    fn build(&self, id: &str, aws: &[String], ids: &mut usize) -> gaad::Account {
        let mut account = gaad::Account::new(id);
        for (n, statements_) in self.policies.iter().take(POLICY_NAMES.len()).enumerate() {
            account = account.policy(gaad::Policy::new(POLICY_NAMES[n], statements(statements_)));
        }
        for g in self.groups.iter().take(2) {
            let mut group = gaad::Group::new(pick(&GROUP_NAMES, g.name));
            if !g.inline.is_empty() {
                group = group.inline("inline", statements(&g.inline));
            }
            for &p in g.attached.iter().take(2) {
                group = group.attached(policy_ref(p));
            }
            account = account.group(group);
        }
        for spec in self.users.iter().take(4) {
            *ids += 1;
            let mut user = gaad::User::new(pick(&USER_NAMES, spec.name)).id(&user_id(*ids - 1));
            for &g in spec.groups.iter().take(2) {
                user = user.group(pick(&GROUP_NAMES, g));
            }
            let id = &spec.identity;
            if !id.inline.is_empty() {
                user = user.inline("inline", statements(&id.inline));
            }
            for &p in id.attached.iter().take(2) {
                user = user.attached(policy_ref(p));
            }
            if let Some(b) = id.boundary {
                user = user.boundary(policy_ref(b));
            }
            for &(k, v) in id.tags.iter().take(2) {
                user = user.tag(pick(&TAG_KEYS, k), pick(&TAG_VALUES, v));
            }
            account = account.user(user);
        }
        for spec in self.roles.iter().take(4) {
            *ids += 1;
            let trust: Vec<Value> = spec.trust.iter().take(3).map(|t| t.json(aws)).collect();
            let mut role = gaad::Role::new(pick(&ROLE_NAMES, spec.name))
                .id(&role_id(*ids - 1))
                .trust(json!({"Version": "2012-10-17", "Statement": trust}));
            let id = &spec.identity;
            if !id.inline.is_empty() {
                role = role.inline("inline", statements(&id.inline));
            }
            for &p in id.attached.iter().take(2) {
                role = role.attached(policy_ref(p));
            }
            if let Some(b) = id.boundary {
                role = role.boundary(policy_ref(b));
            }
            for &(k, v) in id.tags.iter().take(2) {
                role = role.tag(pick(&TAG_KEYS, k), pick(&TAG_VALUES, v));
            }
            account = account.role(role);
        }
        account
    }
}

/// A small account (and sometimes a second one) drawn from the input: on
/// it, every role's who-can-assume list agrees with `can_assume` asked one
/// caller at a time, lists every loaded user and role once, and what each
/// loaded caller can assume agrees with it too.
pub fn account(data: &[u8]) {
    let Some(accounts) = accounts(data) else {
        return;
    };
    let model = gaad::model_of(&accounts);
    let index = AssumeIndex::build(&model);
    assert_assume_agrees(&model, &index, true);
}

/// The GAAD of each account an [`account`] input builds, to read a crash
/// (`cargo run -p rolecall-testkit --example fuzz_account FILE`).
pub fn account_gaad(data: &[u8]) -> Vec<Value> {
    accounts(data)
        .unwrap_or_default()
        .iter()
        .map(gaad::Account::gaad)
        .collect()
}

fn accounts(data: &[u8]) -> Option<Vec<gaad::Account>> {
    let spec = WorldSpec::arbitrary(&mut Unstructured::new(data)).ok()?;
    let aws = aws_principals();
    let mut ids = 0;
    let mut accounts = vec![spec.a.build(A, &aws, &mut ids)];
    if let Some(b) = &spec.b {
        accounts.push(b.build(B, &aws, &mut ids));
    }
    Some(accounts)
}
