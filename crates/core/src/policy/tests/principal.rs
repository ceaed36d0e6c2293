use crate::policy::principal::{
    IdPrefix, PrincipalKind as K, classify, is_partial_wildcard, principal_account,
    principal_matches,
};

// §3: AWS principal forms.
#[test]
fn classify_aws_forms() {
    assert_eq!(classify("AWS", "*"), K::Any);
    assert_eq!(classify("AWS", "123456789012"), K::Account);
    assert_eq!(
        classify("AWS", "arn:aws:iam::123456789012:root"),
        K::Account
    );
    assert_eq!(
        classify("AWS", "arn:aws-cn:iam::123456789012:root"),
        K::Account
    );
    assert_eq!(
        classify("AWS", "arn:aws:iam::123456789012:user/alice"),
        K::User
    );
    assert_eq!(
        classify("AWS", "arn:aws:iam::123456789012:user/path/alice"),
        K::User
    );
    assert_eq!(
        classify("AWS", "arn:aws:iam::123456789012:role/Admin"),
        K::Role
    );
    assert_eq!(
        classify("AWS", "arn:aws:sts::123456789012:assumed-role/Admin/sess"),
        K::AssumedRoleSession
    );
    assert_eq!(
        classify("AWS", "arn:aws:sts::123456789012:federated-user/bob"),
        K::FederatedUser
    );
    assert_eq!(
        classify("AWS", "arn:aws:sts::123456789012:assumed-role/Admin"),
        K::Unknown
    );
    assert_eq!(classify("AWS", "1234"), K::Unknown);
    assert_eq!(classify("AWS", "arn:aws:s3:::bucket"), K::Unknown);
}

// §3: Service principals.
#[test]
fn classify_service() {
    assert_eq!(classify("Service", "ec2.amazonaws.com"), K::Service);
    assert_eq!(classify("Service", "*"), K::Any);
}

// §3: Federated principals: SAML, OIDC, and the web identity providers.
#[test]
fn classify_federated() {
    assert_eq!(
        classify("Federated", "arn:aws:iam::123456789012:saml-provider/Okta"),
        K::SamlProvider
    );
    assert_eq!(
        classify(
            "Federated",
            "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
        ),
        K::OidcProvider
    );
    for p in [
        "cognito-identity.amazonaws.com",
        "www.amazon.com",
        "graph.facebook.com",
        "accounts.google.com",
    ] {
        assert_eq!(classify("Federated", p), K::WebIdentity, "{p}");
    }
    assert_eq!(classify("Federated", "example.com"), K::Unknown);
}

// §3: CanonicalUser (S3 only, never valid for roles: still classified).
#[test]
fn classify_canonical_user_and_unknown_key() {
    assert_eq!(
        classify("CanonicalUser", "79a59df900b949e55d96a1e698fbaced"),
        K::CanonicalUser
    );
    assert_eq!(classify("Weird", "x"), K::Unknown);
}

// §3 "IAM identifiers": a deleted principal shows as its bare unique id.
#[test]
fn classify_dangling_unique_ids() {
    assert_eq!(
        classify("AWS", "AROA3XFRBF535PLBIFPI4"),
        K::UniqueId(IdPrefix::Role)
    );
    assert_eq!(
        classify("AWS", "AIDAJQABLZS4A3QDU576Q"),
        K::UniqueId(IdPrefix::User)
    );
    assert_eq!(
        classify("AWS", "AGPAJQABLZS4A3QDU576Q"),
        K::UniqueId(IdPrefix::Group)
    );
    assert_eq!(
        classify("AWS", "ANPAJQABLZS4A3QDU576Q"),
        K::UniqueId(IdPrefix::ManagedPolicy)
    );
    assert_eq!(
        classify("AWS", "AIPAJQABLZS4A3QDU576Q"),
        K::UniqueId(IdPrefix::InstanceProfile)
    );
    assert_eq!(
        classify("AWS", "AKIAJQABLZS4A3QDU576Q"),
        K::UniqueId(IdPrefix::AccessKey)
    );
    assert_eq!(
        classify("AWS", "ASIAJQABLZS4A3QDU576Q"),
        K::UniqueId(IdPrefix::TemporaryAccessKey)
    );
    assert_eq!(IdPrefix::Role.prefix(), "AROA");
    assert_eq!(IdPrefix::User.entity(), "user");
    assert_eq!(K::UniqueId(IdPrefix::Role).label(), "dangling id");
    // Too short or lower-case: not an id.
    assert_eq!(classify("AWS", "AROA12"), K::Unknown);
}

#[test]
fn labels() {
    assert_eq!(K::Any.label(), "anyone (*)");
    assert_eq!(K::Account.label(), "AWS account");
    assert_eq!(K::User.label(), "IAM user");
    assert_eq!(K::Role.label(), "IAM role");
    assert_eq!(K::AssumedRoleSession.label(), "assumed-role session");
    assert_eq!(K::FederatedUser.label(), "federated user");
    assert_eq!(K::Service.label(), "service");
    assert_eq!(K::SamlProvider.label(), "SAML provider");
    assert_eq!(K::OidcProvider.label(), "OIDC provider");
    assert_eq!(K::WebIdentity.label(), "web identity");
    assert_eq!(K::CanonicalUser.label(), "canonical user");
    assert_eq!(K::Unknown.label(), "unknown");
}

#[test]
fn account_extraction() {
    assert_eq!(principal_account("123456789012"), Some("123456789012"));
    assert_eq!(
        principal_account("arn:aws:iam::123456789012:root"),
        Some("123456789012")
    );
    assert_eq!(
        principal_account("arn:aws:sts::123456789012:assumed-role/R/s"),
        Some("123456789012")
    );
    assert_eq!(principal_account("ec2.amazonaws.com"), None);
    assert_eq!(principal_account("*"), None);
    assert_eq!(principal_account("arn:aws:s3:::bucket"), None);
    assert_eq!(principal_account("AROA3XFRBF535PLBIFPI4"), None);
}

const USER: &str = "arn:aws:iam::111122223333:user/alice";
const ROLE: &str = "arn:aws:iam::111122223333:role/ops/Deployer";
const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/Deployer/ci-run";

// §3: an exact user / role ARN matches that principal.
#[test]
fn exact_arn_matches() {
    assert!(principal_matches("AWS", USER, USER));
    assert!(!principal_matches(
        "AWS",
        USER,
        "arn:aws:iam::111122223333:user/bob"
    ));
    assert!(principal_matches("AWS", ROLE, ROLE));
}

// §2: the account forms match any principal of that account (delegation).
#[test]
fn account_forms_match_any_principal_of_the_account() {
    for pattern in ["111122223333", "arn:aws:iam::111122223333:root"] {
        assert!(principal_matches("AWS", pattern, USER));
        assert!(principal_matches("AWS", pattern, ROLE));
        assert!(principal_matches("AWS", pattern, SESSION));
        assert!(!principal_matches(
            "AWS",
            pattern,
            "arn:aws:iam::999988887777:user/alice"
        ));
    }
    assert!(!principal_matches(
        "AWS",
        "arn:aws-cn:iam::111122223333:root",
        USER
    ));
}

// §2: `*` matches every principal, in any account.
#[test]
fn star_matches_everyone() {
    assert!(principal_matches("AWS", "*", USER));
    assert!(principal_matches(
        "AWS",
        "*",
        "arn:aws:iam::999988887777:role/X"
    ));
}

// §3: an assumed-role session ARN requires the exact session name.
#[test]
fn session_arn_needs_exact_session_name() {
    assert!(principal_matches("AWS", SESSION, SESSION));
    assert!(!principal_matches(
        "AWS",
        SESSION,
        "arn:aws:sts::111122223333:assumed-role/Deployer/other"
    ));
    assert!(!principal_matches("AWS", SESSION, ROLE));
}

// A role ARN in a trust policy covers sessions of that role (role chaining).
#[test]
fn role_arn_matches_its_sessions() {
    assert!(principal_matches("AWS", ROLE, SESSION));
    assert!(!principal_matches(
        "AWS",
        ROLE,
        "arn:aws:sts::111122223333:assumed-role/Other/ci-run"
    ));
    assert!(!principal_matches(
        "AWS",
        ROLE,
        "arn:aws:sts::999988887777:assumed-role/Deployer/ci-run"
    ));
}

// §3: no partial wildcards inside Principal values: they match nothing.
#[test]
fn partial_wildcards_match_nothing() {
    assert!(is_partial_wildcard("arn:aws:iam::111122223333:user/*"));
    assert!(is_partial_wildcard(
        "arn:aws:iam::111122223333:role/Deploy?r"
    ));
    assert!(!is_partial_wildcard("*"));
    assert!(!principal_matches(
        "AWS",
        "arn:aws:iam::111122223333:user/*",
        USER
    ));
    assert!(!principal_matches("AWS", "arn:aws:iam::*:root", USER));
}

#[test]
fn service_and_federated_matching() {
    assert!(principal_matches(
        "Service",
        "ec2.amazonaws.com",
        "EC2.amazonaws.com"
    ));
    assert!(!principal_matches(
        "Service",
        "ec2.amazonaws.com",
        "lambda.amazonaws.com"
    ));
    let saml = "arn:aws:iam::111122223333:saml-provider/Okta";
    assert!(principal_matches("Federated", saml, saml));
    assert!(!principal_matches(
        "Federated",
        saml,
        "arn:aws:iam::111122223333:saml-provider/Other"
    ));
}

// §3: a dangling id does not match a re-created principal of the same name.
#[test]
fn dangling_id_matches_no_arn() {
    assert!(!principal_matches("AWS", "AROA3XFRBF535PLBIFPI4", ROLE));
}

/// Found by the `gaad_file` fuzz target: `arn:aws:iam::1113333:root` (no
/// 12-digit account) matched every caller whose own ARN had no account id
/// either (both `None`); it names nobody.
#[test]
fn a_root_arn_without_an_account_id_names_nobody() {
    assert!(!principal_matches(
        "AWS",
        "arn:aws:iam::1113333:root",
        "arn:aws:06-30T07:5"
    ));
    assert!(!principal_matches(
        "AWS",
        "arn:aws:iam::x:root",
        "arn:aws:iam::y:user/u"
    ));
    assert!(principal_matches(
        "AWS",
        "arn:aws:iam::123456789012:root",
        "arn:aws:iam::123456789012:user/u"
    ));
}
