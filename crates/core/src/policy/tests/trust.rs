use serde_json::json;

use super::doc;
use crate::policy::document::Effect;
use crate::policy::principal::{IdPrefix, PrincipalKind};
use crate::policy::trust::trust_rows;

#[test]
fn one_row_per_statement_and_principal_value() {
    let d = doc(json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Ops", "Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"],
         "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "AROA3XFRBF535PLBIFPI4"],
                       "Service": "ec2.amazonaws.com"},
         "Condition": {"StringEquals": {"sts:ExternalId": "acme-prod-2026"}}},
        {"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": {"AWS": "444455556666"}}
    ]}));
    let rows = trust_rows(&d);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].statement_index, 0);
    assert_eq!(rows[0].sid.as_deref(), Some("Ops"));
    assert_eq!(rows[0].kind_key, "AWS");
    assert_eq!(rows[0].kind, PrincipalKind::Account);
    assert_eq!(rows[0].actions, ["sts:AssumeRole", "sts:TagSession"]);
    assert_eq!(rows[0].conditions.len(), 1);
    assert_eq!(rows[0].conditions[0].key, "sts:ExternalId");
    assert_eq!(rows[0].conditions[0].operator, "StringEquals");
    assert_eq!(rows[0].conditions[0].values, ["acme-prod-2026"]);
    assert_eq!(
        rows[0].conditions[0].text,
        "only when sts:ExternalId = acme-prod-2026"
    );
    assert_eq!(rows[1].kind, PrincipalKind::UniqueId(IdPrefix::Role));
    assert_eq!(rows[2].kind_key, "Service");
    assert_eq!(rows[2].principal, "ec2.amazonaws.com");
    assert_eq!(rows[3].statement_index, 1);
    assert_eq!(rows[3].effect, Effect::Deny);
    assert!(rows[3].conditions.is_empty());
    assert!(rows.iter().all(|r| !r.negated));
}

#[test]
fn principal_star_gives_one_any_row() {
    let d = doc(
        json!({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}),
    );
    let rows = trust_rows(&d);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].kind, PrincipalKind::Any);
    assert_eq!(rows[0].principal, "*");
    assert_eq!(rows[0].kind.label(), "anyone (*)");
}

#[test]
fn aws_star_is_any() {
    let d = doc(
        json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}}),
    );
    let rows = trust_rows(&d);
    assert_eq!(rows[0].kind, PrincipalKind::Any);
    assert_eq!(rows[0].kind_key, "AWS");
}

// §3: NotPrincipal is not allowed in trust policies: show it, flagged.
#[test]
fn not_principal_rows_are_negated() {
    let d = doc(json!({"Statement": {"Effect": "Allow",
        "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}}));
    let rows = trust_rows(&d);
    assert_eq!(rows.len(), 1);
    assert!(rows[0].negated);
    assert_eq!(rows[0].kind, PrincipalKind::User);
}

#[test]
fn not_action_is_shown_as_not_list() {
    let d = doc(
        json!({"Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
        "NotAction": ["sts:TagSession", "sts:SetSourceIdentity"]}}),
    );
    assert_eq!(
        trust_rows(&d)[0].actions,
        ["NOT sts:TagSession, sts:SetSourceIdentity"]
    );
}

#[test]
fn federated_rows() {
    let d = doc(
        json!({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
        "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
        "Condition": {
            "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
            "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/app:ref:refs/heads/main"}
        }}]}),
    );
    let rows = trust_rows(&d);
    assert_eq!(rows[0].kind, PrincipalKind::OidcProvider);
    let texts: Vec<&str> = rows[0].conditions.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "only audience sts.amazonaws.com",
            "only GitHub repo my-org/app on refs/heads/main"
        ]
    );
}

#[test]
fn statement_without_principal_gives_no_row() {
    let d = doc(json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}));
    assert!(trust_rows(&d).is_empty());
}
