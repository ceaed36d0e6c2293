use serde_json::json;

use super::clause;
use crate::policy::describe::describe;

fn text(condition: serde_json::Value) -> String {
    describe(&clause(condition))
}

#[test]
fn external_id() {
    assert_eq!(
        text(json!({"StringEquals": {"sts:ExternalId": "acme-prod-2026"}})),
        "only when sts:ExternalId = acme-prod-2026"
    );
    assert_eq!(
        text(json!({"StringEquals": {"sts:externalid": ["a", "b"]}})),
        "only when sts:ExternalId is one of a, b"
    );
}

#[test]
fn mfa() {
    assert_eq!(
        text(json!({"Bool": {"aws:MultiFactorAuthPresent": true}})),
        "only with MFA"
    );
    assert_eq!(
        text(json!({"Bool": {"aws:MultiFactorAuthPresent": "false"}})),
        "only without MFA"
    );
    assert_eq!(
        text(json!({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})),
        "only without MFA (or when MFA status is not reported)"
    );
}

#[test]
fn github_subjects() {
    let key = "token.actions.githubusercontent.com:sub";
    let sub = |v: serde_json::Value| text(json!({"StringLike": {key: v}}));
    assert_eq!(
        sub(json!("repo:my-org/app:ref:refs/heads/main")),
        "only GitHub repo my-org/app on refs/heads/main"
    );
    assert_eq!(
        sub(json!("repo:o/r:environment:prod")),
        "only GitHub repo o/r in environment prod"
    );
    assert_eq!(
        sub(json!("repo:o/r:pull_request")),
        "only GitHub repo o/r (pull requests)"
    );
    assert_eq!(sub(json!("repo:o/*")), "only any repo of GitHub org o");
    assert_eq!(
        sub(json!("repo:o/*:ref:refs/heads/main")),
        "only any repo of GitHub org o on refs/heads/main"
    );
    assert_eq!(sub(json!("*")), "only any GitHub repo");
    assert_eq!(
        sub(json!("repo:o/r:*")),
        "only GitHub repo o/r (any branch, tag, environment or pull request)"
    );
    assert_eq!(
        sub(json!([
            "repo:o/a:ref:refs/heads/main",
            "repo:o/b:environment:prod"
        ])),
        "only GitHub repo o/a on refs/heads/main or GitHub repo o/b in environment prod"
    );
    // StringEquals with a `*` is a literal: use the generic wording.
    assert_eq!(
        text(json!({"StringEquals": {key: "repo:o/*"}})),
        format!("only when {key} = repo:o/*")
    );
}

#[test]
fn oidc_audience() {
    assert_eq!(
        text(
            json!({"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})
        ),
        "only audience sts.amazonaws.com"
    );
}

#[test]
fn eks_service_account() {
    let key = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:sub";
    assert_eq!(
        text(json!({"StringEquals": {key: "system:serviceaccount:payments:api"}})),
        "only Kubernetes service account payments/api"
    );
    assert_eq!(
        text(json!({"StringLike": {key: "system:serviceaccount:payments:*"}})),
        "only any Kubernetes service account in namespace payments"
    );
}

#[test]
fn saml_audience() {
    assert_eq!(
        text(json!({"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})),
        "only SAML audience https://signin.aws.amazon.com/saml"
    );
}

#[test]
fn org_and_source_keys() {
    assert_eq!(
        text(json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}})),
        "only principals in AWS Organization o-abc123"
    );
    assert_eq!(
        text(json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})),
        "only from IP 203.0.113.0/24"
    );
    assert_eq!(
        text(json!({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}})),
        "only from outside IP 10.0.0.0/8 or 192.168.0.0/16"
    );
    assert_eq!(
        text(json!({"StringEquals": {"aws:SourceAccount": "111122223333"}})),
        "only when acting for resources in account 111122223333"
    );
    assert_eq!(
        text(json!({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::bucket"}})),
        "only when acting for arn:aws:s3:::bucket"
    );
    assert_eq!(
        text(json!({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::1:role/A"}})),
        "only principal arn:aws:iam::1:role/A"
    );
    assert_eq!(
        text(json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::1:role/ops-*"}})),
        "only principals matching arn:aws:iam::1:role/ops-*"
    );
    assert_eq!(
        text(json!({"StringEquals": {"aws:PrincipalAccount": "111122223333"}})),
        "only principals in account 111122223333"
    );
}

#[test]
fn tags() {
    assert_eq!(
        text(json!({"StringEquals": {"aws:PrincipalTag/Team": "ops"}})),
        "only principals tagged Team = ops"
    );
    assert_eq!(
        text(json!({"StringEquals": {"aws:RequestTag/Env": ["dev", "prod"]}})),
        "only when the request tags Env = dev or prod"
    );
}

#[test]
fn cognito() {
    assert_eq!(
        text(
            json!({"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}})
        ),
        "only authenticated Cognito identities"
    );
    assert_eq!(
        text(
            json!({"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}})
        ),
        "admits unauthenticated Cognito identities"
    );
    assert_eq!(
        text(
            json!({"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:1234-abcd"}})
        ),
        "only Cognito identity pool us-east-1:1234-abcd"
    );
}

#[test]
fn generic_wording() {
    assert_eq!(
        text(json!({"StringEquals": {"s3:prefix": "home/"}})),
        "only when s3:prefix = home/"
    );
    assert_eq!(
        text(json!({"StringEquals": {"s3:prefix": ["a", "b"]}})),
        "only when s3:prefix is one of a, b"
    );
    assert_eq!(
        text(json!({"StringNotEquals": {"k": "v"}})),
        "only when k is not v"
    );
    assert_eq!(
        text(json!({"StringNotEquals": {"k": ["v", "w"]}})),
        "only when k is none of v, w"
    );
    assert_eq!(
        text(json!({"StringLike": {"k": "a*"}})),
        "only when k matches a*"
    );
    assert_eq!(
        text(json!({"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}})),
        "only when aws:MultiFactorAuthAge < 3600"
    );
    assert_eq!(
        text(json!({"DateGreaterThan": {"aws:CurrentTime": "2026-01-01"}})),
        "only when aws:CurrentTime is after 2026-01-01"
    );
    assert_eq!(
        text(json!({"Bool": {"aws:SecureTransport": "true"}})),
        "only when aws:SecureTransport is true"
    );
    assert_eq!(
        text(json!({"Null": {"aws:TokenIssueTime": "true"}})),
        "only when aws:TokenIssueTime is absent"
    );
    assert_eq!(
        text(json!({"Null": {"aws:TokenIssueTime": "false"}})),
        "only when aws:TokenIssueTime is present"
    );
    assert_eq!(
        text(json!({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}})),
        "only when aws:VpcSourceIp is in 10.0.0.0/8"
    );
    assert_eq!(
        text(json!({"Frobnicate": {"k": "v"}})),
        "only when k Frobnicate v"
    );
}

#[test]
fn generic_if_exists_and_qualifiers() {
    assert_eq!(
        text(json!({"StringEqualsIfExists": {"k": "v"}})),
        "only when k = v, if present"
    );
    assert_eq!(
        text(json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}})),
        "only when any value of aws:TagKeys is one of a, b"
    );
    assert_eq!(
        text(json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}})),
        "only when every value of aws:TagKeys is one of a, b (also true when aws:TagKeys has no values)"
    );
    // Special keys fall back to generic wording for unusual operators.
    assert_eq!(
        text(json!({"StringNotEquals": {"sts:ExternalId": "x"}})),
        "only when sts:ExternalId is not x"
    );
    assert_eq!(
        text(json!({"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}})),
        "only when aws:PrincipalOrgID = o-1, if present"
    );
}
