//! Credentials for a member account: `sts:AssumeRole` on the role every
//! member account is expected to hold.

use aws_config::SdkConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;

use crate::client::region_of;
use crate::error::{CallError, classify};

/// How rolecall gets into a member account.
#[derive(Debug, Clone)]
pub struct MemberAccess {
    /// `--role-name`.
    pub role_name: String,
    /// `--external-id`, when the role's trust asks for one.
    pub external_id: Option<String>,
    /// `--session-name`: how the session shows in CloudTrail.
    pub session_name: String,
}

impl MemberAccess {
    pub fn role_arn(&self, partition: &str, account_id: &str) -> String {
        format!("arn:{partition}:iam::{account_id}:role/{}", self.role_name)
    }
}

/// `base` with the credentials of `access`'s role in `account_id`. The error
/// says which role could not be assumed and why, in words for the user.
pub(super) async fn assume(
    base: &SdkConfig,
    partition: &str,
    account_id: &str,
    access: &MemberAccess,
) -> Result<SdkConfig, String> {
    let role_arn = access.role_arn(partition, account_id);
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::config::Builder::from(base)
            .region(region_of(base))
            .build(),
    );
    let mut call = sts
        .assume_role()
        .role_arn(&role_arn)
        .role_session_name(&access.session_name);
    if let Some(id) = &access.external_id {
        call = call.external_id(id);
    }
    let out = call.send().await.map_err(|e| {
        let why = match classify(&e) {
            CallError::Denied(d) => format!(
                "{d}. The role may not exist in this account, or its trust policy does not let the caller in (or asks for an external id: --external-id); choose another with --role-name"
            ),
            other => other.detail().to_string(),
        };
        format!("could not assume {role_arn} (sts:AssumeRole): {why}")
    })?;
    let Some(c) = out.credentials() else {
        return Err(format!(
            "sts:AssumeRole on {role_arn} answered without credentials"
        ));
    };
    let expiry = std::time::SystemTime::try_from(*c.expiration()).ok();
    let credentials = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        expiry,
        "rolecall-org-member",
    );
    Ok(base
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build())
}
