use serde_json::json;

use super::stmt;
use crate::policy::matching::{action_matches, arn_matches, wildcard_match};

#[test]
fn wildcard_basics() {
    assert!(wildcard_match("abc", "abc", false));
    assert!(!wildcard_match("abc", "abcd", false));
    assert!(wildcard_match("a*", "a", false));
    assert!(wildcard_match("*", "", false));
    assert!(wildcard_match("", "", false));
    assert!(!wildcard_match("", "a", false));
    assert!(wildcard_match("a*c", "abbbc", false));
    assert!(!wildcard_match("a*c", "abbbd", false));
    assert!(wildcard_match("*b*", "abc", false));
    assert!(wildcard_match("a**b", "ab", false));
}

#[test]
fn question_mark_is_exactly_one_character() {
    assert!(wildcard_match("a?c", "abc", false));
    assert!(!wildcard_match("a?c", "ac", false));
    assert!(!wildcard_match("a?c", "abbc", false));
    assert!(wildcard_match("??", "é1", false));
}

#[test]
fn case_rules() {
    assert!(!wildcard_match("ABC", "abc", false));
    assert!(wildcard_match("ABC", "abc", true));
    assert!(wildcard_match("a*C", "AbC", true));
}

#[test]
fn backtracking_stays_fast() {
    // Exponential with naive recursion; linear-ish here.
    let text = "a".repeat(5_000);
    let pattern = format!("{}b", "a*".repeat(50));
    assert!(!wildcard_match(&pattern, &text, false));
}

// §4: actions are case-insensitive in both parts; `*` and `?` wildcards.
#[test]
fn actions_case_insensitive() {
    assert!(action_matches("s3:GetObject", "S3:getobject"));
    assert!(action_matches("S3:Get*", "s3:GetObjectAcl"));
    assert!(action_matches("iam:?etRole", "iam:GetRole"));
    assert!(!action_matches("s3:Get*", "s3:PutObject"));
    assert!(!action_matches("s3:GetObject", "s3:GetObjectAcl"));
    assert!(action_matches("*", "anything:AtAll"));
    assert!(action_matches("sts:AssumeRole*", "sts:AssumeRoleWithSAML"));
    assert!(!action_matches("sts:AssumeRole", "sts:AssumeRoleWithSAML"));
}

// §4: NotAction matches every action not listed.
#[test]
fn statement_not_action() {
    let s = stmt(json!({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"]}));
    assert!(s.matches_action("s3:GetObject"));
    assert!(!s.matches_action("IAM:CreateUser"));
    let s = stmt(json!({"Effect": "Allow", "Action": ["s3:Get*", "sts:AssumeRole"]}));
    assert!(s.matches_action("sts:assumerole"));
    assert!(!s.matches_action("iam:CreateUser"));
    let s = stmt(json!({"Effect": "Allow"}));
    assert!(!s.matches_action("s3:GetObject"));
}

// §4: ARNs match segment by segment, case-sensitively.
#[test]
fn arn_segments() {
    let arn = "arn:aws:iam::123456789012:role/Admin";
    assert!(arn_matches("arn:aws:iam::123456789012:role/Admin", arn));
    assert!(arn_matches("arn:aws:iam::*:role/Admin", arn));
    assert!(arn_matches("arn:*:iam::123456789012:role/*", arn));
    assert!(!arn_matches("arn:aws:iam::123456789012:role/admin", arn));
    assert!(!arn_matches("arn:aws:s3::123456789012:role/Admin", arn));
    assert!(!arn_matches("arn:aws:iam::123456789013:role/Admin", arn));
    // `*` in the account segment does not swallow other segments.
    assert!(!arn_matches("arn:aws:*:role/Admin", arn));
}

// §4: `*` in the last segment spans `/` (and `:`).
#[test]
fn resource_star_spans_slash_and_colon() {
    assert!(arn_matches(
        "arn:aws:s3:::bucket/*",
        "arn:aws:s3:::bucket/a/b/c.txt"
    ));
    assert!(arn_matches(
        "arn:aws:iam::1:role/*",
        "arn:aws:iam::1:role/path/to/R"
    ));
    assert!(arn_matches(
        "arn:aws:logs:us-east-1:1:log-group:*",
        "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/x:log-stream:y"
    ));
    assert!(!arn_matches(
        "arn:aws:s3:::bucket/*",
        "arn:aws:s3:::bucket2/a"
    ));
}

#[test]
fn arn_question_mark_and_empty_segments() {
    assert!(arn_matches("arn:aws:s3:::b?cket", "arn:aws:s3:::bucket"));
    assert!(!arn_matches("arn:aws:s3:?::bucket", "arn:aws:s3:::bucket"));
    assert!(arn_matches(
        "arn:aws:ec2:*:*:instance/*",
        "arn:aws:ec2:eu-west-1:1:instance/i-1"
    ));
}

#[test]
fn star_alone_matches_everything() {
    assert!(arn_matches("*", "arn:aws:s3:::x"));
    assert!(arn_matches("*", "not an arn"));
}

#[test]
fn non_arn_text_falls_back_to_whole_match() {
    assert!(arn_matches("foo*", "foobar"));
    assert!(!arn_matches("arn:aws:s3:::x", "x"));
}

// §4: NotResource is the complement; trust policies have no Resource.
#[test]
fn statement_resources() {
    let s = stmt(json!({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}));
    assert!(s.matches_resource("arn:aws:s3:::b/k"));
    assert!(!s.matches_resource("arn:aws:s3:::c/k"));
    let s = stmt(json!({"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::b/*"}));
    assert!(!s.matches_resource("arn:aws:s3:::b/k"));
    assert!(s.matches_resource("arn:aws:s3:::c/k"));
    let s = stmt(json!({"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}));
    assert!(s.matches_resource("arn:aws:iam::1:role/R"));
}

/// The byte-wise ASCII path and the char path give the same answers: a
/// pattern and text with one more non-ASCII character at the end (which
/// neither holds otherwise) take the char path and must agree.
#[test]
fn ascii_and_unicode_wildcard_paths_agree() {
    let patterns = [
        "*",
        "s3:*",
        "s3:Get*",
        "S3:get*Acl",
        "iam:Pass?ole",
        "*:*",
        "a*b*c",
        "a**",
        "?",
        "",
        "ec2:*Instances",
        "arn:aws:s3:::b/*/x",
        "*Object*",
    ];
    let texts = [
        "s3:GetObject",
        "s3:GetObjectAcl",
        "iam:PassRole",
        "IAM:passrole",
        "abc",
        "aXbYc",
        "ac",
        "a",
        "",
        "ec2:RunInstances",
        "arn:aws:s3:::b/k/x",
        "arn:aws:s3:::b/x",
    ];
    let mut checked = 0;
    for p in patterns {
        for t in texts {
            for ci in [true, false] {
                let ascii = wildcard_match(p, t, ci);
                let unicode = wildcard_match(&format!("{p}é"), &format!("{t}é"), ci);
                assert_eq!(ascii, unicode, "{p:?} {t:?} case_insensitive={ci}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 13 * 12 * 2);
}
