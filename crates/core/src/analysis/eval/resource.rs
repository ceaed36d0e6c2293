//! What the snapshot knows about the resource's own policy (ANY-ACTION A.8).

use crate::policy::principal_account;

/// The resource side of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ResourcePolicy {
    /// The role's trust policy, in the snapshot (sts:AssumeRole*).
    #[default]
    TrustPolicy,
    /// The service has no resource-based policies for this request (IAM,
    /// STS other than assuming a loaded role): the identity side decides.
    NoneExists,
    /// The resource may have a policy the snapshot cannot show (S3 bucket,
    /// KMS key, SQS queue, ..., the trust policy of a role not loaded).
    NotKnown,
}

impl ResourcePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourcePolicy::TrustPolicy => "trust policy",
            ResourcePolicy::NoneExists => "none",
            ResourcePolicy::NotKnown => "not known",
        }
    }
}

/// The service prefix of an action (`s3` of `s3:GetObject`), lower case.
pub(crate) fn service_of(action: &str) -> String {
    action
        .split_once(':')
        .map_or(action, |(s, _)| s)
        .to_ascii_lowercase()
}

/// The service segment of an ARN (`s3` of `arn:aws:s3:::b`).
fn arn_service(arn: &str) -> Option<&str> {
    let mut parts = arn.strip_prefix("arn:")?.split(':');
    parts.next()?;
    parts.next()
}

pub(crate) fn classify(action: &str, resource: &str) -> ResourcePolicy {
    // Assuming a role that is not loaded: its trust policy exists but is
    // not in the snapshot (a loaded role never comes here).
    if is_assume(action) {
        return ResourcePolicy::NotKnown;
    }
    let service = service_of(action);
    let iam_like = |s: &str| s.eq_ignore_ascii_case("iam") || s.eq_ignore_ascii_case("sts");
    if iam_like(&service) || arn_service(resource).is_some_and(iam_like) {
        ResourcePolicy::NoneExists
    } else {
        ResourcePolicy::NotKnown
    }
}

/// Services whose resource policy must itself allow, even in the same
/// account (A.2: "IAM role trust policies and KMS key policies").
pub(crate) fn needs_resource_allow(action: &str) -> bool {
    service_of(action) == "kms" || is_assume(action)
}

/// `sts:AssumeRole*`: the resource's policy is the role's trust policy.
pub(crate) fn is_assume(action: &str) -> bool {
    action
        .get(..14)
        .is_some_and(|p| p.eq_ignore_ascii_case("sts:AssumeRole"))
}

/// The account a resource ARN names, if any (`*` and S3 ARNs name none).
pub(crate) fn resource_account(resource: &str) -> Option<&str> {
    principal_account(resource).filter(|a| !a.is_empty())
}
