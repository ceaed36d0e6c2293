//! Classifying and matching the values of `Principal` elements.

/// The prefix of a bare IAM unique id ("IAM identifiers"). A trust policy
/// shows one when the principal it named was deleted: a dead grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdPrefix {
    /// `AIDA`: IAM user.
    User,
    /// `AROA`: IAM role.
    Role,
    /// `AGPA`: IAM group.
    Group,
    /// `ANPA`: managed policy.
    ManagedPolicy,
    /// `AIPA`: instance profile.
    InstanceProfile,
    /// `AKIA`: long-term access key.
    AccessKey,
    /// `ASIA`: temporary access key.
    TemporaryAccessKey,
}

const ID_PREFIXES: [(&str, IdPrefix); 7] = [
    ("AIDA", IdPrefix::User),
    ("AROA", IdPrefix::Role),
    ("AGPA", IdPrefix::Group),
    ("ANPA", IdPrefix::ManagedPolicy),
    ("AIPA", IdPrefix::InstanceProfile),
    ("AKIA", IdPrefix::AccessKey),
    ("ASIA", IdPrefix::TemporaryAccessKey),
];

impl IdPrefix {
    pub fn prefix(self) -> &'static str {
        ID_PREFIXES
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("", |(s, _)| s)
    }

    /// What the id belonged to, e.g. "role".
    pub fn entity(self) -> &'static str {
        match self {
            IdPrefix::User => "user",
            IdPrefix::Role => "role",
            IdPrefix::Group => "group",
            IdPrefix::ManagedPolicy => "managed policy",
            IdPrefix::InstanceProfile => "instance profile",
            IdPrefix::AccessKey => "access key",
            IdPrefix::TemporaryAccessKey => "temporary access key",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    Any,
    Account,
    User,
    Role,
    AssumedRoleSession,
    FederatedUser,
    Service,
    SamlProvider,
    OidcProvider,
    WebIdentity,
    CanonicalUser,
    UniqueId(IdPrefix),
    Unknown,
}

impl PrincipalKind {
    pub fn label(&self) -> &'static str {
        match self {
            PrincipalKind::Any => "anyone (*)",
            PrincipalKind::Account => "AWS account",
            PrincipalKind::User => "IAM user",
            PrincipalKind::Role => "IAM role",
            PrincipalKind::AssumedRoleSession => "assumed-role session",
            PrincipalKind::FederatedUser => "federated user",
            PrincipalKind::Service => "service",
            PrincipalKind::SamlProvider => "SAML provider",
            PrincipalKind::OidcProvider => "OIDC provider",
            PrincipalKind::WebIdentity => "web identity",
            PrincipalKind::CanonicalUser => "canonical user",
            PrincipalKind::UniqueId(_) => "dangling id",
            PrincipalKind::Unknown => "unknown",
        }
    }
}

/// Identity providers written by name (not ARN) under `Federated`.
pub const WEB_IDENTITY_PROVIDERS: [&str; 4] = [
    "cognito-identity.amazonaws.com",
    "www.amazon.com",
    "graph.facebook.com",
    "accounts.google.com",
];

/// The six parts of an ARN: arn, partition, service, region, account, resource.
struct Arn<'a> {
    service: &'a str,
    account: &'a str,
    resource: &'a str,
}

fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let mut parts = value.splitn(6, ':');
    let (arn, _partition, service, _region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    (arn == "arn").then_some(Arn {
        service,
        account,
        resource,
    })
}

fn is_account_id(value: &str) -> bool {
    value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit())
}

/// A bare unique id such as `AROA3XFRBF535PLBIFPI4`.
fn unique_id_prefix(value: &str) -> Option<IdPrefix> {
    let shaped = value.len() >= 16
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    ID_PREFIXES
        .iter()
        .find(|(p, _)| value.starts_with(p))
        .map(|(_, kind)| *kind)
}

/// Classifies one principal value given its kind key (`AWS`, `Service`, ...).
pub fn classify(kind_key: &str, value: &str) -> PrincipalKind {
    if value == "*" {
        return PrincipalKind::Any;
    }
    match kind_key {
        "AWS" => classify_aws(value),
        "Service" => PrincipalKind::Service,
        "CanonicalUser" => PrincipalKind::CanonicalUser,
        "Federated" => {
            if WEB_IDENTITY_PROVIDERS.contains(&value) {
                return PrincipalKind::WebIdentity;
            }
            match parse_arn(value) {
                Some(a) if a.service == "iam" && a.resource.starts_with("saml-provider/") => {
                    PrincipalKind::SamlProvider
                }
                Some(a) if a.service == "iam" && a.resource.starts_with("oidc-provider/") => {
                    PrincipalKind::OidcProvider
                }
                _ => PrincipalKind::Unknown,
            }
        }
        _ => PrincipalKind::Unknown,
    }
}

fn classify_aws(value: &str) -> PrincipalKind {
    if is_account_id(value) {
        return PrincipalKind::Account;
    }
    if let Some(prefix) = unique_id_prefix(value) {
        return PrincipalKind::UniqueId(prefix);
    }
    let Some(arn) = parse_arn(value) else {
        return PrincipalKind::Unknown;
    };
    match arn.service {
        "iam" if arn.resource == "root" => PrincipalKind::Account,
        "iam" if arn.resource.starts_with("user/") => PrincipalKind::User,
        "iam" if arn.resource.starts_with("role/") => PrincipalKind::Role,
        "sts" if arn.resource.starts_with("assumed-role/") => {
            // assumed-role/ROLE/SESSION: both parts required.
            match arn.resource.split('/').count() {
                3 => PrincipalKind::AssumedRoleSession,
                _ => PrincipalKind::Unknown,
            }
        }
        "sts" if arn.resource.starts_with("federated-user/") => PrincipalKind::FederatedUser,
        _ => PrincipalKind::Unknown,
    }
}

/// The account id a principal value belongs to: a bare 12-digit id, or the
/// account segment of an ARN. `None` for services, `*`, unique ids, ...
pub fn principal_account(value: &str) -> Option<&str> {
    if is_account_id(value) {
        return Some(value);
    }
    parse_arn(value)
        .map(|a| a.account)
        .filter(|acct| is_account_id(acct))
}

/// A Principal value with a wildcard that is not a lone `*`: IAM allows no
/// partial wildcards there, so such a value matches nothing (report it).
pub fn is_partial_wildcard(value: &str) -> bool {
    value != "*" && (value.contains('*') || value.contains('?'))
}

/// Whether a trust-policy principal (`kind_key`, `pattern_value`) names the
/// caller. `caller` is the caller's ARN for `AWS` (user, role, assumed-role
/// session or federated-user ARN), the service name for `Service`, or the
/// provider ARN / name for `Federated`.
///
/// - `*` matches every caller;
/// - an account id or `arn:…:iam::ACCT:root` matches any principal of that
///   account (delegation: the identity side must allow too);
/// - a role ARN matches the role and its sessions;
/// - an assumed-role session ARN matches only that exact session;
/// - partial wildcards match nothing.
pub fn principal_matches(kind_key: &str, pattern_value: &str, caller: &str) -> bool {
    if pattern_value == "*" {
        return true;
    }
    if is_partial_wildcard(pattern_value) {
        return false;
    }
    match kind_key {
        "AWS" => aws_principal_matches(pattern_value, caller),
        // Service and provider host names are DNS names: case-insensitive.
        "Service" => pattern_value.eq_ignore_ascii_case(caller),
        _ => pattern_value == caller,
    }
}

fn aws_principal_matches(pattern: &str, caller: &str) -> bool {
    if pattern == caller {
        return true;
    }
    match classify_aws(pattern) {
        PrincipalKind::Account => {
            let partition_ok = match (pattern.split(':').nth(1), caller.split(':').nth(1)) {
                (Some(p), Some(c)) => p == c,
                _ => true, // bare account id: any partition
            };
            // A root ARN whose account is not a 12-digit id names nobody
            // (not every caller whose ARN has no account id either).
            partition_ok
                && principal_account(pattern).is_some_and(|a| principal_account(caller) == Some(a))
        }
        PrincipalKind::Role => role_session_of(pattern, caller),
        _ => false,
    }
}

/// `arn:P:iam::A:role/path/NAME` versus `arn:P:sts::A:assumed-role/NAME/S`.
fn role_session_of(role_arn: &str, caller: &str) -> bool {
    let (Some(role), Some(session)) = (parse_arn(role_arn), parse_arn(caller)) else {
        return false;
    };
    let role_name = role.resource.rsplit('/').next();
    let session_role = session
        .resource
        .strip_prefix("assumed-role/")
        .and_then(|rest| rest.split('/').next());
    session.service == "sts"
        && role.account == session.account
        && role_arn.split(':').nth(1) == caller.split(':').nth(1)
        && role_name.is_some()
        && role_name == session_role
}
