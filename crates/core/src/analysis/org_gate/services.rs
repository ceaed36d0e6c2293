//! The services whose actions RCPs apply to (ORGANIZATIONS.md C.4): an RCP
//! statement naming an action of any other service has no effect.

/// When the list below was read.
pub const RCP_SERVICES_AS_OF: &str = "2026-09";

/// Service prefixes that support RCPs: the ones ORGANIZATIONS.md C.4 names
/// from AWS's "AWS services that support RCPs" (index copy fetched
/// 2026-09; the launch list of Nov/Dec 2024 was s3, sts, kms, sqs and
/// secretsmanager). AWS's page lists about 60; a supported service missing
/// here is taken as unsupported, and the trace says so when an RCP names
/// its action. Lower case, sorted.
pub const RCP_SERVICES: &[&str] = &[
    "aoss",
    "codebuild",
    "cognito-idp",
    "dynamodb",
    "ecr",
    "events",
    "kms",
    "logs",
    "rolesanywhere",
    "s3",
    "secretsmanager",
    "signin",
    "sqs",
    "sts",
];

/// Actions RCPs never restrict (C.5: "RCPs do not impact the
/// `kms:RetireGrant` permission"). Lower case.
const RCP_EXEMPT_ACTIONS: &[&str] = &["kms:retiregrant"];

/// Whether RCPs apply to `action` (`service:Name`, any case).
pub fn rcp_applies_to(action: &str) -> bool {
    let lower = action.to_ascii_lowercase();
    let service = lower.split_once(':').map_or(lower.as_str(), |(s, _)| s);
    RCP_SERVICES.binary_search(&service).is_ok() && !RCP_EXEMPT_ACTIONS.contains(&lower.as_str())
}
