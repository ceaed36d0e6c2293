//! Evaluation rules of §5: missing keys, set qualifiers, AND/OR, partial
//! knowledge and policy variables.

use serde_json::json;

use super::{clause, clauses};
use crate::policy::condition::{CondOutcome, KeyLookup, RequestContext, evaluate, evaluate_clause};

fn ctx() -> RequestContext {
    RequestContext::new()
}

#[test]
fn lookup_states() {
    let mut c = ctx().with("aws:PrincipalArn", ["arn:aws:iam::1:user/a"]);
    c.mark_decidable("aws:PrincipalOrgID")
        .mark_decidable_prefix("aws:PrincipalTag/");
    assert!(matches!(c.lookup("AWS:principalarn"), KeyLookup::Present(v) if v.len() == 1));
    assert_eq!(c.lookup("aws:principalorgid"), KeyLookup::Absent);
    assert_eq!(c.lookup("aws:PrincipalTag/team"), KeyLookup::Absent);
    assert_eq!(c.lookup("aws:SourceIp"), KeyLookup::Unknown);
    let empty = ctx().with("k", Vec::<String>::new());
    assert_eq!(empty.lookup("k"), KeyLookup::Absent);
}

// §5: keys are case-insensitive.
#[test]
fn keys_are_case_insensitive() {
    let c = ctx().with("AWS:PrincipalAccount", ["111122223333"]);
    let cl = clause(json!({"StringEquals": {"aws:principalaccount": "111122223333"}}));
    assert_eq!(evaluate_clause(&cl, &c), Some(true));
}

// §5: String values are case-sensitive unless IgnoreCase.
#[test]
fn string_values_case_sensitive() {
    let c = ctx().with("aws:PrincipalTag/team", ["Ops"]);
    let eq = clause(json!({"StringEquals": {"aws:PrincipalTag/team": "ops"}}));
    assert_eq!(evaluate_clause(&eq, &c), Some(false));
    let ic = clause(json!({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "ops"}}));
    assert_eq!(evaluate_clause(&ic, &c), Some(true));
}

// §5: different operators and different keys are ANDed.
#[test]
fn operators_and_keys_are_anded() {
    let cls = clauses(json!({
        "StringEquals": {"a": "1", "b": "2"},
        "Bool": {"c": "true"}
    }));
    let all = ctx().with("a", ["1"]).with("b", ["2"]).with("c", ["true"]);
    assert_eq!(evaluate(&cls, &all), CondOutcome::True);
    let one_off = ctx().with("a", ["1"]).with("b", ["3"]).with("c", ["true"]);
    assert_eq!(evaluate(&cls, &one_off), CondOutcome::False);
    let op_off = ctx().with("a", ["1"]).with("b", ["2"]).with("c", ["false"]);
    assert_eq!(evaluate(&cls, &op_off), CondOutcome::False);
}

// §5: several values for one key are ORed.
#[test]
fn values_are_ored() {
    let cl = clause(json!({"StringEquals": {"aws:PrincipalAccount": ["1", "2", "3"]}}));
    assert_eq!(
        evaluate_clause(&cl, &ctx().with("aws:PrincipalAccount", ["2"])),
        Some(true)
    );
    assert_eq!(
        evaluate_clause(&cl, &ctx().with("aws:PrincipalAccount", ["4"])),
        Some(false)
    );
}

fn absent(key: &str) -> RequestContext {
    let mut c = ctx();
    c.mark_decidable(key);
    c
}

// §5: an absent key makes a positive condition false.
#[test]
fn absent_key_positive_is_false() {
    for op in [
        "StringEquals",
        "StringLike",
        "ArnLike",
        "NumericEquals",
        "DateEquals",
        "IpAddress",
        "Bool",
        "BinaryEquals",
        "StringEqualsIgnoreCase",
        "ArnEquals",
    ] {
        let cl = clause(json!({op: {"k": "v"}}));
        assert_eq!(evaluate_clause(&cl, &absent("k")), Some(false), "{op}");
    }
}

// §5: negated operators are true when the key is absent.
#[test]
fn absent_key_negated_is_true() {
    for op in [
        "StringNotEquals",
        "StringNotLike",
        "ArnNotLike",
        "ArnNotEquals",
        "NumericNotEquals",
        "DateNotEquals",
        "NotIpAddress",
        "StringNotEqualsIgnoreCase",
    ] {
        let cl = clause(json!({op: {"k": "v"}}));
        assert_eq!(evaluate_clause(&cl, &absent("k")), Some(true), "{op}");
    }
}

// §5: …IfExists is true when the key is absent, and tests normally otherwise.
#[test]
fn if_exists() {
    let cl = clause(json!({"StringEqualsIfExists": {"k": "v"}}));
    assert_eq!(evaluate_clause(&cl, &absent("k")), Some(true));
    assert_eq!(evaluate_clause(&cl, &ctx().with("k", ["v"])), Some(true));
    assert_eq!(evaluate_clause(&cl, &ctx().with("k", ["w"])), Some(false));
    let cl = clause(json!({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}));
    assert_eq!(
        evaluate_clause(&cl, &absent("aws:MultiFactorAuthPresent")),
        Some(true)
    );
}

// §5: Null tests presence.
#[test]
fn null_tests_presence() {
    let is_null = clause(json!({"Null": {"k": "true"}}));
    let not_null = clause(json!({"Null": {"k": false}}));
    assert_eq!(evaluate_clause(&is_null, &absent("k")), Some(true));
    assert_eq!(
        evaluate_clause(&is_null, &ctx().with("k", ["x"])),
        Some(false)
    );
    assert_eq!(evaluate_clause(&not_null, &absent("k")), Some(false));
    assert_eq!(
        evaluate_clause(&not_null, &ctx().with("k", ["x"])),
        Some(true)
    );
    assert_eq!(evaluate_clause(&is_null, &ctx()), None);
}

// §5: ForAnyValue is false with no values.
#[test]
fn for_any_value_empty_is_false() {
    let cl = clause(json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}));
    assert_eq!(evaluate_clause(&cl, &absent("aws:TagKeys")), Some(false));
    let neg = clause(json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": "a"}}));
    assert_eq!(evaluate_clause(&neg, &absent("aws:TagKeys")), Some(false));
}

// §5: ForAllValues is true with no values (dangerous with Allow).
#[test]
fn for_all_values_empty_is_true() {
    let cl = clause(json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}));
    assert_eq!(evaluate_clause(&cl, &absent("aws:TagKeys")), Some(true));
    let empty = ctx().with("aws:TagKeys", Vec::<String>::new());
    assert_eq!(evaluate_clause(&cl, &empty), Some(true));
}

#[test]
fn set_qualifiers_with_values() {
    let all = clause(json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}));
    let any = clause(json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}));
    let subset = ctx().with("aws:TagKeys", ["a", "b"]);
    let mixed = ctx().with("aws:TagKeys", ["a", "z"]);
    let none = ctx().with("aws:TagKeys", ["y", "z"]);
    assert_eq!(evaluate_clause(&all, &subset), Some(true));
    assert_eq!(evaluate_clause(&all, &mixed), Some(false));
    assert_eq!(evaluate_clause(&any, &mixed), Some(true));
    assert_eq!(evaluate_clause(&any, &none), Some(false));
    // ForAnyValue:StringNotEquals: at least one request value is not listed.
    let any_not = clause(json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a", "b"]}}));
    assert_eq!(evaluate_clause(&any_not, &subset), Some(false));
    assert_eq!(evaluate_clause(&any_not, &mixed), Some(true));
    // ForAllValues:StringNotEquals: no request value is listed.
    let all_not = clause(json!({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["a", "b"]}}));
    assert_eq!(evaluate_clause(&all_not, &none), Some(true));
    assert_eq!(evaluate_clause(&all_not, &mixed), Some(false));
}

// Unqualified negated operator on a multi-valued key: no value may match.
#[test]
fn unqualified_negated_with_several_request_values() {
    let cl = clause(json!({"StringNotEquals": {"k": "a"}}));
    assert_eq!(
        evaluate_clause(&cl, &ctx().with("k", ["b", "c"])),
        Some(true)
    );
    assert_eq!(
        evaluate_clause(&cl, &ctx().with("k", ["a", "c"])),
        Some(false)
    );
}

// §5: undecidable conditions make the result "allowed if …", listing them.
#[test]
fn unknown_keys_stay_undecided() {
    let cls = clauses(json!({
        "StringEquals": {"aws:PrincipalAccount": "1", "sts:ExternalId": "x"},
        "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}
    }));
    let c = ctx().with("aws:PrincipalAccount", ["1"]);
    match evaluate(&cls, &c) {
        CondOutcome::Unknown(open) => {
            let keys: Vec<&str> = open.iter().map(|c| c.key.as_str()).collect();
            assert_eq!(keys, ["sts:ExternalId", "aws:SourceIp"]);
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    // A false clause wins over undecided ones.
    let c = ctx().with("aws:PrincipalAccount", ["2"]);
    assert_eq!(evaluate(&cls, &c), CondOutcome::False);
}

#[test]
fn empty_condition_is_true() {
    assert_eq!(evaluate(&[], &ctx()), CondOutcome::True);
}

#[test]
fn unknown_operator_is_undecided() {
    let cl = clause(json!({"StringSortOf": {"k": "v"}}));
    assert_eq!(evaluate_clause(&cl, &ctx().with("k", ["v"])), None);
}

// §5: policy variables are undecided unless their key is known.
#[test]
fn policy_variables() {
    let cl =
        clause(json!({"StringLike": {"aws:PrincipalArn": "arn:aws:iam::1:user/${aws:username}"}}));
    let c = ctx().with("aws:PrincipalArn", ["arn:aws:iam::1:user/alice"]);
    assert_eq!(evaluate_clause(&cl, &c), None);
    let known = c.clone().with("aws:username", ["alice"]);
    assert_eq!(evaluate_clause(&cl, &known), Some(true));
    let other = c.with("aws:username", ["bob"]);
    assert_eq!(evaluate_clause(&cl, &other), Some(false));
}

#[test]
fn policy_variable_default_and_escapes() {
    let cl = clause(json!({"StringEquals": {"k": "${aws:PrincipalTag/team, 'none'}"}}));
    let mut c = ctx().with("k", ["none"]);
    c.mark_decidable("aws:PrincipalTag/team");
    assert_eq!(evaluate_clause(&cl, &c), Some(true));
    let esc = clause(json!({"StringEquals": {"k": "a${*}b"}}));
    assert_eq!(evaluate_clause(&esc, &ctx().with("k", ["a*b"])), Some(true));
    let broken = clause(json!({"StringEquals": {"k": "a${oops"}}));
    assert_eq!(evaluate_clause(&broken, &ctx().with("k", ["a"])), None);
}

// §5: keys rolecall can decide from the snapshot are decided, including a
// principal tag the principal does not carry (absent, so false).
#[test]
fn snapshot_keys_are_decided() {
    let cls = clauses(json!({
        "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ops-*"},
        "StringEquals": {"aws:PrincipalTag/team": "ops"}
    }));
    let mut c = ctx().with(
        "aws:PrincipalArn",
        ["arn:aws:iam::111122223333:role/ops-deploy"],
    );
    c.mark_decidable_prefix("aws:PrincipalTag/");
    assert_eq!(evaluate(&cls, &c), CondOutcome::False);
    c.set("aws:PrincipalTag/team", ["ops"]);
    assert_eq!(evaluate(&cls, &c), CondOutcome::True);
}
