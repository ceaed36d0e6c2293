//! An AWS Organization read live: the tree, its SCPs and RCPs, Identity
//! Center, and each member account's IAM through a role assumed in it.
//!
//! Read-only like the rest of this crate: Organizations `Describe*`/`List*`,
//! sso-admin and identitystore `Describe*`/`List*`, and `sts:AssumeRole`
//! (which changes nothing in an account). Credentials of the assumed roles
//! stay in memory, in the SDK's credential provider, and are never logged.

mod identity_center;
mod member;
mod tree;

use aws_config::SdkConfig;
use tokio::sync::mpsc::UnboundedSender;

use rolecall_core::org::{IdentityCenter, Organization};

use crate::client::{Ctx, sdk_config};
use crate::{CallerIdentity, LiveError, LiveEvent, LiveOptions, LiveResult, load_live_with};

pub use member::MemberAccess;

/// A load failure in one line, without the interactive UI's advice
/// (nothing of a failed account is saved).
fn short(e: &LiveError) -> String {
    match e {
        LiveError::Api { call, detail, .. } | LiveError::ConnectionLost { call, detail, .. } => {
            format!("{call} failed: {detail}")
        }
        other => other.to_string(),
    }
}

/// The default `--role-name`: the role Organizations creates in the
/// accounts it creates (ORGANIZATIONS.md C.10).
pub const DEFAULT_MEMBER_ROLE: &str = "OrganizationAccountAccessRole";

/// A connection with the caller's credentials: the management account or
/// a delegated administrator.
pub struct OrgCollector {
    sdk: SdkConfig,
    opts: LiveOptions,
    caller: CallerIdentity,
}

impl OrgCollector {
    /// Loads the credentials and asks STS who they belong to.
    pub async fn connect(opts: &LiveOptions) -> Result<OrgCollector, LiveError> {
        let sdk = sdk_config(opts).await;
        let (events, _) = tokio::sync::mpsc::unbounded_channel();
        let caller = Ctx::with_sdk(&sdk, opts, events).caller_identity().await?;
        Ok(OrgCollector {
            sdk,
            opts: opts.clone(),
            caller,
        })
    }

    pub fn caller(&self) -> &CallerIdentity {
        &self.caller
    }

    /// The organization: its tree, accounts, SCPs and RCPs with where each
    /// is attached. `step` hears what is being read.
    pub async fn organization(
        &self,
        step: &(dyn Fn(&str) + Sync),
    ) -> Result<Organization, LiveError> {
        let mut org = tree::collect(&self.sdk, step).await?;
        org.collected_at =
            Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        org.collected_by = Some(self.caller.caller_arn.clone());
        Ok(org)
    }

    /// Identity Center's permission sets, assignments, users and groups,
    /// read in `region` (Identity Center lives in one region). Never fails:
    /// what could not be read is said in `not_collected`.
    pub async fn identity_center(
        &self,
        region: Option<&str>,
        step: &(dyn Fn(&str) + Sync),
    ) -> IdentityCenter {
        identity_center::collect(&self.sdk, region, step).await
    }

    /// One account's IAM: with the caller's own credentials in the caller's
    /// account, through `access` in any other. Events stream to `events`.
    pub async fn load_account(
        &self,
        account_id: &str,
        access: &MemberAccess,
        events: UnboundedSender<LiveEvent>,
    ) -> Result<LiveResult, String> {
        let own = account_id == self.caller.account_id;
        let sdk = if own {
            self.sdk.clone()
        } else {
            member::assume(&self.sdk, &self.caller.partition, account_id, access).await?
        };
        let through = if own {
            "with the caller's own credentials".to_string()
        } else {
            format!("as {}", access.role_arn(&self.caller.partition, account_id))
        };
        let result = load_live_with(&sdk, &self.opts, events)
            .await
            .map_err(|e| format!("loading its IAM {through}: {}", short(&e)))?;
        // GAAD denied and the roles not even listable: nothing of the account
        // could be read, so it is a failure rather than an empty account.
        if let Some(piece) = result
            .unavailable
            .iter()
            .find(|p| p.what == crate::fallback::ALL_ROLES)
        {
            return Err(format!(
                "loading its IAM {through}: iam:GetAccountAuthorizationDetails was denied, and so was {} ({}); the role needs IAM read access (for example the ReadOnlyAccess or SecurityAudit managed policy)",
                piece.call, piece.error
            ));
        }
        match result
            .snapshot
            .header
            .as_ref()
            .and_then(|h| h.account_id.as_deref())
        {
            Some(got) if got != account_id => Err(format!(
                "the credentials from {} belong to account {got}, not {account_id}; nothing was saved for it",
                access.role_arn(&self.caller.partition, account_id)
            )),
            _ => Ok(result),
        }
    }
}
