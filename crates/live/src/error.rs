//! Why a live load failed, each with a one-paragraph message saying what to
//! do, and the classification of SDK errors behind them.
//!
//! Messages never contain credentials: they are built from error codes,
//! service messages and the SDK's error chain, none of which carry secrets.

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use rolecall_core::snapshot::Snapshot;

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error(
        "No AWS credentials found{}. rolecall looks where the AWS CLI does: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials and ~/.aws/config (SSO, assume-role and credential_process profiles), then the instance metadata service. Run `aws configure` (or `aws configure sso`), pick a profile with `--profile NAME`, or try `rolecall demo` to explore a sample account without AWS.",
        profile_suffix(.profile)
    )]
    NoCredentials { profile: Option<String> },

    #[error(
        "The AWS SSO session of profile `{profile}` has expired or was never started ({detail}). Run `aws sso login --profile {profile}` and start rolecall again."
    )]
    SsoExpired { profile: String, detail: String },

    #[error(
        "The AWS profile `{profile}` does not exist in ~/.aws/config or ~/.aws/credentials (or the files AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE name). List the profiles with `aws configure list-profiles`, then pass one with `--profile NAME`."
    )]
    UnknownProfile { profile: String },

    #[error(
        "Could not get AWS credentials{}: {detail}. Check the profile's settings in ~/.aws/config (role_arn, source_profile, credential_process, sso_*), or try `rolecall demo`.",
        profile_suffix(.profile)
    )]
    CredentialsFailed {
        profile: Option<String>,
        detail: String,
    },

    #[error(
        "AWS rejected the credentials{}: {detail}. They may be expired, revoked or for another partition; refresh them (`aws sso login`, `aws configure`, or a new session token) and try again.",
        profile_suffix(.profile)
    )]
    BadCredentials {
        profile: Option<String>,
        detail: String,
    },

    #[error(
        "Cannot reach the AWS endpoint {endpoint}: {detail}. Check the network, a proxy (HTTPS_PROXY), the region (`--region`), or the endpoint override (`--endpoint-url`, AWS_ENDPOINT_URL); or try `rolecall demo`."
    )]
    Unreachable { endpoint: String, detail: String },

    #[error(
        "STS GetCallerIdentity was denied ({detail}). rolecall calls it first to learn the account; it is normally allowed for every principal, so an SCP or a permissions boundary is blocking it. Use credentials that may call sts:GetCallerIdentity, or open a saved file with `rolecall open FILE`."
    )]
    IdentityDenied { detail: String },

    #[error("{call} failed: {detail}. {hint}.")]
    Organization {
        call: String,
        detail: String,
        hint: String,
    },

    #[error(
        "The connection to AWS was lost while loading ({call}: {detail}). What arrived before ({}) is still shown; press `r` to reload, or check the network.",
        partial_summary(.partial)
    )]
    ConnectionLost {
        call: String,
        detail: String,
        /// Everything that arrived before the failure.
        partial: Box<Snapshot>,
    },

    #[error(
        "{call} failed: {detail}. What arrived before ({}) is still shown; press `r` to reload, or run with `--log-file` to see the requests.",
        partial_summary(.partial)
    )]
    Api {
        call: String,
        detail: String,
        /// Everything that arrived before the failure.
        partial: Box<Snapshot>,
    },
}

impl LiveError {
    /// The part of the account that had arrived when the load stopped.
    pub fn partial(&self) -> Option<&Snapshot> {
        match self {
            LiveError::ConnectionLost { partial, .. } | LiveError::Api { partial, .. } => {
                Some(partial)
            }
            _ => None,
        }
    }
}

fn profile_suffix(profile: &Option<String>) -> String {
    match profile {
        Some(p) => format!(" for profile `{p}`"),
        None => String::new(),
    }
}

fn partial_summary(s: &Snapshot) -> String {
    format!(
        "{} roles, {} users, {} groups, {} managed policies",
        s.role_detail_list.len(),
        s.user_detail_list.len(),
        s.group_detail_list.len(),
        s.policies.len()
    )
}

/// What kind of failure one API call had.
#[derive(Debug, Clone)]
pub(crate) enum CallError {
    /// AccessDenied and friends: the caller may not make this call.
    Denied(String),
    /// The credentials themselves were refused (expired token, bad signature).
    BadCredentials(String),
    /// No answer: connection refused or dropped, timeout, unreadable response.
    Connection(String),
    /// Anything else the service answered.
    Other(String),
}

impl CallError {
    pub fn detail(&self) -> &str {
        match self {
            CallError::Denied(d)
            | CallError::BadCredentials(d)
            | CallError::Connection(d)
            | CallError::Other(d) => d,
        }
    }
}

const DENIED_CODES: [&str; 4] = [
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
];
const BAD_CREDENTIAL_CODES: [&str; 5] = [
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "ExpiredTokenException",
    "UnrecognizedClientException",
];

/// Sorts an SDK error into what rolecall does about it.
pub(crate) fn classify<E>(err: &SdkError<E, HttpResponse>) -> CallError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            let raw = service.raw();
            // The SDK reads `<ErrorResponse><Error><Code>`; moto's
            // authorization errors wrap it in `<Errors>`, which the SDK does
            // not read: take the code from the body then.
            let body = raw.body().bytes().map(String::from_utf8_lossy);
            let from_body = |tag: &str| body.as_deref().and_then(|b| xml_text(b, tag));
            let code = e
                .code()
                .map(str::to_string)
                .or_else(|| from_body("Code"))
                .unwrap_or_else(|| format!("HTTP {}", raw.status().as_u16()));
            let message = e
                .message()
                .map(str::to_string)
                .or_else(|| from_body("Message"));
            let detail = match message {
                Some(m) => format!("{code}: {m}"),
                None => code.clone(),
            };
            if DENIED_CODES.contains(&code.as_str())
                || raw.status().as_u16() == 403 && e.code().is_none()
            {
                CallError::Denied(detail)
            } else if BAD_CREDENTIAL_CODES.contains(&code.as_str()) {
                CallError::BadCredentials(detail)
            } else {
                CallError::Other(detail)
            }
        }
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) | SdkError::ResponseError(_) => {
            CallError::Connection(short_chain(err))
        }
        _ => CallError::Other(short_chain(err)),
    }
}

/// The text of the first `<tag>…</tag>` in an XML error body.
fn xml_text(body: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].trim().to_string()).filter(|t| !t.is_empty())
}

/// The error and its causes on one line, e.g. "dispatch failure: io error:
/// Connection refused (os error 111)".
fn short_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = Some(err);
    while let Some(e) = cur {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = e.source();
    }
    parts.join(": ")
}

/// A credential-provider failure somewhere in the error's causes, as the
/// message that says what to do; `None` when the credentials were found.
pub(crate) fn credentials_problem(
    err: &(dyn std::error::Error + 'static),
    profile: Option<&str>,
) -> Option<LiveError> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut found: Option<&CredentialsError> = None;
    while let Some(e) = cur {
        if let Some(c) = e.downcast_ref::<CredentialsError>() {
            found = Some(c);
            break;
        }
        cur = e.source();
    }
    let cred = found?;
    let chain = short_chain(cred);
    let lower = chain.to_ascii_lowercase();
    let profile_owned = profile.map(str::to_string);
    if (lower.contains("profile") || lower.contains("profilefile"))
        && (lower.contains("not defined")
            || lower.contains("does not exist")
            || lower.contains("could not find")
            || lower.contains("not found"))
        && let Some(p) = profile
        && lower.contains(&p.to_ascii_lowercase())
    {
        return Some(LiveError::UnknownProfile {
            profile: p.to_string(),
        });
    }
    if lower.contains("sso")
        && (lower.contains("expired")
            || lower.contains("sso/cache")
            || lower.contains("token")
            || lower.contains("unauthorized")
            || lower.contains("invalidgrant"))
    {
        return Some(LiveError::SsoExpired {
            profile: profile.unwrap_or("default").to_string(),
            detail: chain,
        });
    }
    match cred {
        CredentialsError::CredentialsNotLoaded(_) => Some(LiveError::NoCredentials {
            profile: profile_owned,
        }),
        _ => Some(LiveError::CredentialsFailed {
            profile: profile_owned,
            detail: chain,
        }),
    }
}
