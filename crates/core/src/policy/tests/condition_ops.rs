//! Every operator with a known request value.

use serde_json::{Value, json};

use super::clause;
use crate::policy::condition::{RequestContext, evaluate_clause};

/// Evaluates `{op: {"k": policy}}` against request value(s) `req`.
fn eval(op: &str, policy: Value, req: &[&str]) -> Option<bool> {
    let cl = clause(json!({op: {"k": policy}}));
    evaluate_clause(&cl, &RequestContext::new().with("k", req.iter().copied()))
}

#[test]
fn string_operators() {
    assert_eq!(eval("StringEquals", json!("abc"), &["abc"]), Some(true));
    assert_eq!(eval("StringEquals", json!("abc"), &["ABC"]), Some(false));
    assert_eq!(eval("StringEquals", json!("a*"), &["abc"]), Some(false));
    assert_eq!(eval("StringNotEquals", json!("abc"), &["abd"]), Some(true));
    assert_eq!(eval("StringNotEquals", json!("abc"), &["abc"]), Some(false));
    assert_eq!(
        eval("StringEqualsIgnoreCase", json!("ABC"), &["abc"]),
        Some(true)
    );
    assert_eq!(
        eval("StringNotEqualsIgnoreCase", json!("ABC"), &["abc"]),
        Some(false)
    );
    assert_eq!(
        eval("StringNotEqualsIgnoreCase", json!("ABC"), &["abd"]),
        Some(true)
    );
    assert_eq!(
        eval("StringLike", json!("repo:org/*"), &["repo:org/app:ref:x"]),
        Some(true)
    );
    assert_eq!(eval("StringLike", json!("a?c"), &["abc"]), Some(true));
    assert_eq!(eval("StringLike", json!("A*"), &["abc"]), Some(false));
    assert_eq!(eval("StringNotLike", json!("a*"), &["abc"]), Some(false));
    assert_eq!(eval("StringNotLike", json!("x*"), &["abc"]), Some(true));
}

#[test]
fn arn_operators() {
    let arn = "arn:aws:iam::111122223333:role/ops/Deployer";
    assert_eq!(eval("ArnEquals", json!(arn), &[arn]), Some(true));
    assert_eq!(
        eval(
            "ArnEquals",
            json!("arn:aws:iam::111122223333:role/*"),
            &[arn]
        ),
        Some(true)
    );
    assert_eq!(
        eval("ArnLike", json!("arn:aws:iam::*:role/ops/*"), &[arn]),
        Some(true)
    );
    assert_eq!(
        eval("ArnLike", json!("arn:aws:iam::*:role/dev/*"), &[arn]),
        Some(false)
    );
    assert_eq!(eval("ArnNotEquals", json!(arn), &[arn]), Some(false));
    assert_eq!(
        eval("ArnNotLike", json!("arn:aws:iam::*:role/dev/*"), &[arn]),
        Some(true)
    );
}

#[test]
fn bool_operator() {
    assert_eq!(eval("Bool", json!(true), &["true"]), Some(true));
    assert_eq!(eval("Bool", json!("true"), &["TRUE"]), Some(true));
    assert_eq!(eval("Bool", json!("true"), &["false"]), Some(false));
}

#[test]
fn numeric_operators() {
    assert_eq!(eval("NumericEquals", json!(10), &["10"]), Some(true));
    assert_eq!(eval("NumericEquals", json!("10"), &["10.0"]), Some(true));
    assert_eq!(eval("NumericNotEquals", json!(10), &["11"]), Some(true));
    assert_eq!(eval("NumericLessThan", json!(3600), &["3599"]), Some(true));
    assert_eq!(eval("NumericLessThan", json!(3600), &["3600"]), Some(false));
    assert_eq!(
        eval("NumericLessThanEquals", json!(3600), &["3600"]),
        Some(true)
    );
    assert_eq!(eval("NumericGreaterThan", json!(5), &["6"]), Some(true));
    assert_eq!(eval("NumericGreaterThan", json!(5), &["5"]), Some(false));
    assert_eq!(
        eval("NumericGreaterThanEquals", json!(5), &["5"]),
        Some(true)
    );
    // A request value that is not a number never matches.
    assert_eq!(eval("NumericEquals", json!(5), &["five"]), Some(false));
}

#[test]
fn date_operators() {
    let when = "2026-03-01T12:00:00Z";
    assert_eq!(
        eval("DateEquals", json!("2026-03-01T12:00:00Z"), &[when]),
        Some(true)
    );
    assert_eq!(
        eval("DateEquals", json!("2026-03-01T14:00:00+02:00"), &[when]),
        Some(true)
    );
    assert_eq!(
        eval("DateEquals", json!("2026-03-01T07:00:00-0500"), &[when]),
        Some(true)
    );
    assert_eq!(
        eval("DateNotEquals", json!("2026-03-01"), &[when]),
        Some(true)
    );
    assert_eq!(
        eval("DateLessThan", json!("2026-03-02"), &[when]),
        Some(true)
    );
    assert_eq!(
        eval("DateLessThan", json!("2026-03-01"), &[when]),
        Some(false)
    );
    assert_eq!(eval("DateLessThanEquals", json!(when), &[when]), Some(true));
    assert_eq!(
        eval(
            "DateGreaterThan",
            json!("2025-12-31T23:59:59.999Z"),
            &[when]
        ),
        Some(true)
    );
    assert_eq!(
        eval(
            "DateGreaterThanEquals",
            json!("2026-03-01T12:00:00.001Z"),
            &[when]
        ),
        Some(false)
    );
    // Epoch seconds: 2026-03-01T12:00:00Z = 1772366400.
    assert_eq!(eval("DateEquals", json!(1772366400), &[when]), Some(true));
    assert_eq!(eval("DateEquals", json!("1970-01-01"), &["0"]), Some(true));
    // Leap day and invalid dates.
    assert_eq!(
        eval("DateEquals", json!("2024-02-29"), &["2024-02-29T00:00:00Z"]),
        Some(true)
    );
    assert_eq!(
        eval("DateEquals", json!("2023-02-29"), &["2023-02-29"]),
        Some(false)
    );
    assert_eq!(
        eval("DateEquals", json!("2026-13-01"), &["2026-13-01"]),
        Some(false)
    );
}

#[test]
fn ip_operators() {
    assert_eq!(
        eval("IpAddress", json!("203.0.113.0/24"), &["203.0.113.7"]),
        Some(true)
    );
    assert_eq!(
        eval("IpAddress", json!("203.0.113.0/24"), &["203.0.114.7"]),
        Some(false)
    );
    assert_eq!(
        eval("IpAddress", json!("203.0.113.7"), &["203.0.113.7"]),
        Some(true)
    );
    assert_eq!(
        eval("IpAddress", json!("0.0.0.0/0"), &["8.8.8.8"]),
        Some(true)
    );
    assert_eq!(
        eval(
            "IpAddress",
            json!(["10.0.0.0/8", "192.168.0.0/16"]),
            &["192.168.1.1"]
        ),
        Some(true)
    );
    assert_eq!(
        eval("NotIpAddress", json!("10.0.0.0/8"), &["11.0.0.1"]),
        Some(true)
    );
    assert_eq!(
        eval("NotIpAddress", json!("10.0.0.0/8"), &["10.1.2.3"]),
        Some(false)
    );
    assert_eq!(
        eval("IpAddress", json!("2001:db8::/32"), &["2001:db8:1::5"]),
        Some(true)
    );
    assert_eq!(
        eval("IpAddress", json!("2001:db8::/32"), &["2001:db9::5"]),
        Some(false)
    );
    assert_eq!(eval("IpAddress", json!("::/0"), &["::1"]), Some(true));
    // IPv4 vs IPv6 never match; garbage never matches.
    assert_eq!(eval("IpAddress", json!("0.0.0.0/0"), &["::1"]), Some(false));
    assert_eq!(
        eval("IpAddress", json!("10.0.0.0/33"), &["10.0.0.1"]),
        Some(false)
    );
    assert_eq!(
        eval("IpAddress", json!("10.0.0.0/8"), &["not-an-ip"]),
        Some(false)
    );
}

#[test]
fn binary_equals() {
    assert_eq!(
        eval("BinaryEquals", json!("QmluYXJ5"), &["QmluYXJ5"]),
        Some(true)
    );
    assert_eq!(
        eval("BinaryEquals", json!("QmluYXJ5"), &["qmluyxj5"]),
        Some(false)
    );
}
