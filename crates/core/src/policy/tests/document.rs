use serde_json::json;

use super::{doc, stmt};
use crate::policy::document::{Effect, Principal, StringList};
use crate::policy::operator::{BaseOperator, SetQualifier};

// §4: Statement can be a single object or a list.
#[test]
fn statement_as_object() {
    let d =
        doc(json!({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*"}}));
    assert!(d.statement_was_object);
    assert_eq!(d.statements.len(), 1);
    assert_eq!(d.version.as_deref(), Some("2012-10-17"));
}

#[test]
fn statement_as_list() {
    let d = doc(json!({"Statement": [
        {"Effect": "Allow", "Action": "s3:*"},
        {"Effect": "Deny", "Action": "s3:DeleteBucket"}
    ]}));
    assert!(!d.statement_was_object);
    assert_eq!(d.statements[1].effect, Effect::Deny);
}

#[test]
fn empty_statement_list_is_fine() {
    assert!(doc(json!({"Statement": []})).statements.is_empty());
}

#[test]
fn missing_version_id_and_sid_are_none() {
    let d = doc(json!({"Statement": {"Effect": "Allow", "Action": "*"}}));
    assert_eq!(d.version, None);
    assert_eq!(d.id, None);
    assert_eq!(d.statements[0].sid, None);
}

#[test]
fn id_and_sid_are_kept() {
    let d = doc(json!({"Id": "p1", "Statement": {"Sid": "One", "Effect": "Allow", "Action": "*"}}));
    assert_eq!(d.id.as_deref(), Some("p1"));
    assert_eq!(d.statements[0].sid.as_deref(), Some("One"));
}

// §4: Action / Resource may be a string or a list.
#[test]
fn action_and_resource_string_or_list() {
    let s = stmt(json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["a", "b"]}));
    assert_eq!(s.action, Some(StringList::One("s3:GetObject".into())));
    assert_eq!(
        s.resource,
        Some(StringList::Many(vec!["a".into(), "b".into()]))
    );
    let s =
        stmt(json!({"Effect": "Allow", "NotAction": ["iam:*"], "NotResource": "arn:aws:s3:::x"}));
    assert_eq!(s.not_action.unwrap().as_slice(), ["iam:*"]);
    assert_eq!(s.not_resource.unwrap().as_slice(), ["arn:aws:s3:::x"]);
    assert!(s.action.is_none() && s.resource.is_none());
}

#[test]
fn empty_action_list_is_kept_as_empty_list() {
    let s = stmt(json!({"Effect": "Allow", "Action": []}));
    assert_eq!(s.action, Some(StringList::Many(vec![])));
    assert!(s.action.unwrap().is_empty());
}

// §3: `"Principal": "*"`.
#[test]
fn principal_star() {
    let s = stmt(json!({"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}));
    assert_eq!(s.principal, Some(Principal::Any));
    assert_eq!(s.principal.unwrap().entries(), vec![("*", "*")]);
}

// §3: Principal values are a string or a list, per kind key.
#[test]
fn principal_map_string_and_list() {
    let s = stmt(
        json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {
            "AWS": ["arn:aws:iam::111122223333:root", "444455556666"],
            "Service": "ec2.amazonaws.com"
        }}),
    );
    let p = s.principal.unwrap();
    assert_eq!(
        p.entries(),
        vec![
            ("AWS", "arn:aws:iam::111122223333:root"),
            ("AWS", "444455556666"),
            ("Service", "ec2.amazonaws.com"),
        ]
    );
}

#[test]
fn principal_unknown_kind_key_is_kept() {
    let s = stmt(json!({"Effect": "Allow", "Principal": {"Weird": "x"}, "Action": "*"}));
    assert_eq!(s.principal.unwrap().entries(), vec![("Weird", "x")]);
}

#[test]
fn not_principal_is_parsed() {
    let s = stmt(
        json!({"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/a"}, "Action": "*"}),
    );
    assert!(s.principal.is_none());
    assert!(s.not_principal.is_some());
}

#[test]
fn unknown_keys_are_kept() {
    let d =
        doc(json!({"Statement": {"Effect": "Allow", "Action": "*", "Foo": {"a": 1}}, "Bar": 2}));
    assert_eq!(d.extra["Bar"], json!(2));
    assert_eq!(d.statements[0].extra["Foo"], json!({"a": 1}));
    assert!(!d.statements[0].extra.contains_key("Action"));
}

// §4: condition values may be a string or a list; bools and numbers in
// real policies are kept as text.
#[test]
fn condition_values_shapes() {
    let s = stmt(json!({"Effect": "Allow", "Action": "*", "Condition": {
        "Bool": {"aws:MultiFactorAuthPresent": true},
        "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
        "StringEquals": {"aws:PrincipalTag/team": ["a", "b"], "sts:ExternalId": "x"}
    }}));
    let c = &s.condition;
    assert_eq!(c.len(), 4);
    assert_eq!(c[0].values, ["true"]);
    assert_eq!(c[1].values, ["3600"]);
    assert_eq!(c[2].key, "aws:PrincipalTag/team");
    assert_eq!(c[2].values, ["a", "b"]);
    assert_eq!(c[3].key, "sts:ExternalId");
    assert_eq!(c[3].values, ["x"]);
}

#[test]
fn condition_list_of_mixed_scalars() {
    let s = stmt(json!({"Effect": "Allow", "Action": "*", "Condition": {
        "StringEquals": {"k": ["a", 1, false]}
    }}));
    assert_eq!(s.condition[0].values, ["a", "1", "false"]);
}

#[test]
fn condition_key_case_is_kept() {
    let s = stmt(json!({"Effect": "Allow", "Action": "*", "Condition": {
        "StringEquals": {"AWS:SourceAccount": "1"}
    }}));
    assert_eq!(s.condition[0].key, "AWS:SourceAccount");
}

#[test]
fn operators_are_parsed() {
    let s = stmt(json!({"Effect": "Allow", "Action": "*", "Condition": {
        "ForAnyValue:StringLikeIfExists": {"k": "v"},
        "ForAllValues:StringEquals": {"k": "v"},
        "BoolIfExists": {"k": "true"},
        "StringEquals": {"k": "v"}
    }}));
    let ops: Vec<_> = s.condition.iter().map(|c| c.operator.clone()).collect();
    assert_eq!(ops[0].base, BaseOperator::StringLike);
    assert_eq!(ops[0].qualifier, Some(SetQualifier::ForAnyValue));
    assert!(ops[0].if_exists);
    assert_eq!(ops[0].text, "ForAnyValue:StringLikeIfExists");
    assert_eq!(ops[1].qualifier, Some(SetQualifier::ForAllValues));
    assert!(!ops[1].if_exists);
    assert_eq!(ops[2].base, BaseOperator::Bool);
    assert!(ops[2].if_exists);
    assert_eq!(ops[3].base, BaseOperator::StringEquals);
    assert_eq!(ops[3].qualifier, None);
}

#[test]
fn unknown_operators_parse() {
    let s = stmt(json!({"Effect": "Allow", "Action": "*", "Condition": {
        "StringSortOf": {"k": "v"},
        "Sometimes:StringEquals": {"k": "v"}
    }}));
    assert_eq!(
        s.condition[0].operator.base,
        BaseOperator::Unknown("StringSortOf".into())
    );
    assert_eq!(
        s.condition[1].operator.base,
        BaseOperator::Unknown("Sometimes:StringEquals".into())
    );
}

#[test]
fn every_known_operator_round_trips_its_name() {
    use crate::policy::operator::ConditionOperator;
    for name in [
        "StringEquals",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "StringNotLike",
        "ArnEquals",
        "ArnLike",
        "ArnNotEquals",
        "ArnNotLike",
        "Bool",
        "Null",
        "NumericEquals",
        "NumericNotEquals",
        "NumericLessThan",
        "NumericLessThanEquals",
        "NumericGreaterThan",
        "NumericGreaterThanEquals",
        "DateEquals",
        "DateNotEquals",
        "DateLessThan",
        "DateLessThanEquals",
        "DateGreaterThan",
        "DateGreaterThanEquals",
        "IpAddress",
        "NotIpAddress",
        "BinaryEquals",
    ] {
        let op = ConditionOperator::parse(name);
        assert_eq!(op.base.name(), name);
        let op = ConditionOperator::parse(&format!("{name}IfExists"));
        assert_eq!(op.base.name(), name);
        assert!(op.if_exists, "{name}");
    }
}

#[test]
fn negated_operators() {
    use crate::policy::operator::ConditionOperator;
    for name in [
        "StringNotEquals",
        "StringNotLike",
        "ArnNotLike",
        "ArnNotEquals",
        "NumericNotEquals",
        "DateNotEquals",
        "NotIpAddress",
        "StringNotEqualsIgnoreCase",
    ] {
        assert!(ConditionOperator::parse(name).is_negated(), "{name}");
    }
    for name in [
        "StringEquals",
        "StringLike",
        "Bool",
        "Null",
        "IpAddress",
        "ArnLike",
    ] {
        assert!(!ConditionOperator::parse(name).is_negated(), "{name}");
    }
}

#[test]
fn null_elements_count_as_absent() {
    let s = stmt(
        json!({"Sid": null, "Effect": "Allow", "Action": "*", "Resource": null, "Condition": null}),
    );
    assert!(s.sid.is_none() && s.resource.is_none() && s.condition.is_empty());
}

#[test]
fn numeric_sid_is_kept_as_text() {
    let s = stmt(json!({"Sid": 1, "Effect": "Allow", "Action": "*"}));
    assert_eq!(s.sid.as_deref(), Some("1"));
}
