use serde_json::{Value, json};

use crate::policy::document::PolicyDocument;
use crate::policy::error::PolicyError;

fn err(v: Value) -> PolicyError {
    PolicyDocument::parse(&v).unwrap_err()
}

#[test]
fn wrong_effect_gives_path_and_message() {
    let e = err(json!({"Statement": [{"Effect": "Allow", "Action": "*"}, {"Effect": 5}]}));
    assert_eq!(e.path, "Statement[1].Effect");
    assert_eq!(e.message, "expected \"Allow\" or \"Deny\", found 5");
    assert_eq!(
        e.to_string(),
        "Statement[1].Effect: expected \"Allow\" or \"Deny\", found 5"
    );
}

#[test]
fn missing_effect() {
    let e = err(json!({"Statement": {"Action": "*"}}));
    assert_eq!(e.path, "Statement.Effect");
    assert!(e.message.contains("found nothing"), "{}", e.message);
}

// Effect is case-sensitive in IAM.
#[test]
fn lowercase_effect_is_rejected() {
    let e = err(json!({"Statement": [{"Effect": "allow"}]}));
    assert_eq!(e.message, "expected \"Allow\" or \"Deny\", found \"allow\"");
}

#[test]
fn statement_not_object_or_list() {
    let e = err(json!({"Statement": "nope"}));
    assert_eq!(
        e.to_string(),
        "Statement: expected an object or a list of objects, found \"nope\""
    );
}

#[test]
fn missing_statement() {
    assert_eq!(err(json!({"Version": "2012-10-17"})).path, "Statement");
}

#[test]
fn statement_item_not_object() {
    let e = err(json!({"Statement": [{"Effect": "Allow"}, 3]}));
    assert_eq!(e.path, "Statement[1]");
    assert_eq!(e.message, "expected an object, found 3");
}

#[test]
fn document_not_object() {
    let e = err(json!([1]));
    assert_eq!(e.path, "(document)");
    assert_eq!(e.message, "expected a JSON object, found a list");
}

#[test]
fn action_object_is_an_error() {
    let e = err(json!({"Statement": [{"Effect": "Allow", "Action": {"a": 1}}]}));
    assert_eq!(e.path, "Statement[0].Action");
    assert_eq!(
        e.message,
        "expected a string or a list of strings, found an object"
    );
}

#[test]
fn resource_list_item_not_string() {
    let e = err(json!({"Statement": [{"Effect": "Allow", "Resource": ["a", 7]}]}));
    assert_eq!(e.path, "Statement[0].Resource[1]");
    assert_eq!(e.message, "expected a string, found 7");
}

#[test]
fn principal_bad_shapes() {
    let e = err(json!({"Statement": [{"Effect": "Allow", "Principal": "arn:aws:iam::1:root"}]}));
    assert_eq!(e.path, "Statement[0].Principal");
    let e = err(json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": {"x": 1}}}]}));
    assert_eq!(e.path, "Statement[0].Principal.AWS");
    let e = err(json!({"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": [1]}}]}));
    assert_eq!(e.path, "Statement[0].NotPrincipal.AWS[0]");
}

#[test]
fn condition_bad_shapes() {
    let e = err(json!({"Statement": [{"Effect": "Allow", "Condition": "x"}]}));
    assert_eq!(e.path, "Statement[0].Condition");
    let e = err(json!({"Statement": [{"Effect": "Allow", "Condition": {"StringEquals": "x"}}]}));
    assert_eq!(e.path, "Statement[0].Condition.StringEquals");
    assert_eq!(
        e.message,
        "expected an object of condition keys, found \"x\""
    );
    let e = err(
        json!({"Statement": [{"Effect": "Allow", "Condition": {"StringEquals": {"k": {"a": 1}}}}]}),
    );
    assert_eq!(e.path, "Statement[0].Condition.StringEquals.k");
    let e = err(
        json!({"Statement": [{"Effect": "Allow", "Condition": {"StringEquals": {"k": ["a", null]}}}]}),
    );
    assert_eq!(e.path, "Statement[0].Condition.StringEquals.k[1]");
    assert!(e.message.ends_with("found null"), "{}", e.message);
}

#[test]
fn sid_object_is_an_error() {
    let e = err(json!({"Statement": [{"Sid": [], "Effect": "Allow"}]}));
    assert_eq!(e.path, "Statement[0].Sid");
    assert_eq!(e.message, "expected a string, found a list");
}

#[test]
fn long_found_values_are_cut() {
    let long = "x".repeat(200);
    let e = err(json!({"Statement": [{"Effect": long}]}));
    assert!(
        e.message.ends_with("...") && e.message.len() < 120,
        "{}",
        e.message
    );
}
