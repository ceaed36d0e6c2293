//! The live source: an AWS account read through the AWS SDK.
//!
//! Credentials, region and endpoints come from aws-config's default chain,
//! exactly as the AWS CLI finds them. STS GetCallerIdentity runs first; then
//! paginated GetAccountAuthorizationDetails (GAAD) is the fast path, and when
//! GAAD is denied the per-entity List*/Get* calls load the same data with
//! bounded concurrency. Every page that arrives is sent as a [`LiveEvent`] so
//! a UI can show the account while it loads.
//!
//! rolecall is read-only: this module calls only IAM/STS `Get*`, `List*`,
//! `GetCallerIdentity` and `GetAccountAuthorizationDetails`. SDK types never
//! leave it.

mod client;
mod convert;
pub mod error;
mod fallback;
mod gaad;
pub mod org;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;

pub use error::LiveError;

use client::Ctx;
use rolecall_core::snapshot::{Snapshot, SnapshotHeader};

/// The version written in a snapshot header's `FormatVersion`.
pub const FORMAT_VERSION: u32 = 1;

/// How GAAD is fetched: one paginated stream of every entity type, or one
/// stream per entity filter (User, Role, Group, LocalManagedPolicy,
/// AWSManagedPolicy) run in parallel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GaadStreams {
    /// One stream of every entity type.
    Single,
    /// Five parallel streams, one per entity filter: the default, measured
    /// slightly faster (scripts/bench_live.sh on moto, 2,000 roles: median
    /// 1.75 s vs 1.76 s and 2.09 s vs 2.32 s; best 1.26 s vs 1.42 s); on
    /// real AWS, which pages GAAD, the streams' page latencies overlap.
    #[default]
    Split,
}

/// What the user chose on the command line.
#[derive(Debug, Clone)]
pub struct LiveOptions {
    /// `--profile`; `None` means aws-config's default (`AWS_PROFILE`, then `default`).
    pub profile: Option<String>,
    /// `--region`; IAM is global, so `us-east-1` is used when nothing is configured.
    pub region: Option<String>,
    /// `--endpoint-url`: one endpoint for IAM and STS (moto, a proxy, a VPC endpoint).
    pub endpoint_url: Option<String>,
    /// How many per-entity calls the fallback path runs at once.
    pub concurrency: usize,
    /// Skip GAAD and use the per-entity calls (a testing and comparison aid).
    pub force_fallback: bool,
    /// One GAAD stream or one per entity filter.
    pub gaad_streams: GaadStreams,
    /// Attempts per API call, the first included (the SDK's default is 3).
    pub max_attempts: u32,
    /// First retry backoff; the SDK doubles it (with jitter) up to 20 s.
    pub initial_backoff: Duration,
}

impl Default for LiveOptions {
    fn default() -> Self {
        LiveOptions {
            profile: None,
            region: None,
            endpoint_url: None,
            concurrency: DEFAULT_CONCURRENCY,
            force_fallback: false,
            gaad_streams: GaadStreams::default(),
            max_attempts: 8,
            initial_backoff: Duration::from_secs(1),
        }
    }
}

/// The fallback path's default number of calls in flight.
pub const DEFAULT_CONCURRENCY: usize = 8;

/// What happens while an account loads, in order. Never carries credentials.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// Who is calling: shown in the header bar as soon as STS answers.
    Identity {
        account_id: String,
        caller_arn: String,
        partition: String,
    },
    /// Entities that just arrived (only those: add them to what you have).
    Page(Snapshot),
    /// What is being fetched and how far along it is.
    Progress {
        stage: String,
        done: usize,
        total: Option<usize>,
        retries: u32,
        elapsed: Duration,
    },
    /// A call is being retried (throttling, a dropped connection, a 5xx).
    Throttled { call: String, attempt: u32 },
    /// One piece could not be read (AccessDenied, say); the rest still loads.
    Unavailable(UnavailablePiece),
}

/// A piece of the account that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnavailablePiece {
    /// What is missing, e.g. "role deploy inline policies".
    pub what: String,
    /// The API call that failed, e.g. "iam:ListRolePolicies".
    pub call: String,
    /// The error it gave, e.g. "AccessDenied: …".
    pub error: String,
}

impl std::fmt::Display for UnavailablePiece {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}: {})", self.what, self.call, self.error)
    }
}

/// A finished load.
#[derive(Debug, Clone)]
pub struct LiveResult {
    /// The whole account, header filled (account, partition, caller, time).
    pub snapshot: Snapshot,
    pub unavailable: Vec<UnavailablePiece>,
    /// HTTP requests sent, retries included.
    pub requests: u64,
    pub used_fallback: bool,
    pub elapsed: Duration,
}

/// Who the credentials belong to.
#[derive(Debug, Clone)]
pub struct CallerIdentity {
    pub account_id: String,
    pub caller_arn: String,
    pub partition: String,
}

/// Loads the account of the current credentials. Events stream to `events`
/// as pages arrive (a closed receiver is fine: events are then dropped).
pub async fn load_live(
    opts: &LiveOptions,
    events: UnboundedSender<LiveEvent>,
) -> Result<LiveResult, LiveError> {
    let sdk = client::sdk_config(opts).await;
    load_live_with(&sdk, opts, events).await
}

/// [`load_live`] with an SDK configuration already loaded (a member
/// account's assumed-role credentials).
pub(crate) async fn load_live_with(
    sdk: &aws_config::SdkConfig,
    opts: &LiveOptions,
    events: UnboundedSender<LiveEvent>,
) -> Result<LiveResult, LiveError> {
    let started = Instant::now();
    let ctx = Ctx::with_sdk(sdk, opts, events);
    let identity = ctx.caller_identity().await?;
    ctx.send(LiveEvent::Identity {
        account_id: identity.account_id.clone(),
        caller_arn: identity.caller_arn.clone(),
        partition: identity.partition.clone(),
    });

    let header = header_for(&identity);
    let acc = Accumulator::default();
    let mut used_fallback = opts.force_fallback;
    let outcome = if opts.force_fallback {
        fallback::load(&ctx, &acc).await
    } else {
        match gaad::load(&ctx, &acc).await {
            Err(gaad::GaadError::Denied(detail)) => {
                tracing::info!(%detail, "GetAccountAuthorizationDetails denied; using per-entity calls");
                used_fallback = true;
                acc.clear();
                ctx.progress("GAAD denied: per-entity calls", 0, None);
                fallback::load(&ctx, &acc).await
            }
            Err(gaad::GaadError::Failed(e)) => Err(e),
            Ok(()) => Ok(()),
        }
    };
    let mut snapshot = acc.take();
    snapshot.header = Some(header);
    if let Err(failure) = outcome {
        return Err(failure.into_error(snapshot));
    }
    let unavailable = ctx.unavailable();
    ctx.progress("done", entity_count(&snapshot), None);
    Ok(LiveResult {
        snapshot,
        unavailable,
        requests: ctx.requests(),
        used_fallback,
        elapsed: started.elapsed(),
    })
}

/// The header of a snapshot captured now by this caller.
fn header_for(identity: &CallerIdentity) -> SnapshotHeader {
    SnapshotHeader {
        format_version: FORMAT_VERSION,
        account_id: Some(identity.account_id.clone()),
        account_alias: None,
        partition: Some(identity.partition.clone()),
        captured_at: Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        source: Some("live".into()),
        caller: Some(identity.caller_arn.clone()),
        rolecall_version: Some(env!("CARGO_PKG_VERSION").into()),
    }
}

fn entity_count(s: &Snapshot) -> usize {
    s.role_detail_list.len()
        + s.user_detail_list.len()
        + s.group_detail_list.len()
        + s.policies.len()
}

/// What has arrived so far; kept outside the loaders so a failed load still
/// hands back everything that came before the failure.
#[derive(Default)]
pub(crate) struct Accumulator {
    inner: Mutex<Snapshot>,
}

impl Accumulator {
    fn with<R>(&self, f: impl FnOnce(&mut Snapshot) -> R) -> R {
        let mut guard = match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut guard)
    }

    fn add(&self, page: &Snapshot) {
        self.with(|s| {
            s.role_detail_list
                .extend(page.role_detail_list.iter().cloned());
            s.user_detail_list
                .extend(page.user_detail_list.iter().cloned());
            s.group_detail_list
                .extend(page.group_detail_list.iter().cloned());
            s.policies.extend(page.policies.iter().cloned());
        })
    }

    fn clear(&self) {
        self.with(|s| *s = Snapshot::default())
    }

    fn take(&self) -> Snapshot {
        self.with(std::mem::take)
    }

    fn count(&self) -> usize {
        self.with(|s| entity_count(s))
    }
}

/// Why a load stopped part-way; becomes a [`LiveError`] carrying the partial snapshot.
#[derive(Debug)]
pub(crate) enum Failure {
    ConnectionLost { call: String, detail: String },
    Api { call: String, detail: String },
}

impl Failure {
    fn into_error(self, partial: Snapshot) -> LiveError {
        match self {
            Failure::ConnectionLost { call, detail } => LiveError::ConnectionLost {
                call,
                detail,
                partial: Box::new(partial),
            },
            Failure::Api { call, detail } => LiveError::Api {
                call,
                detail,
                partial: Box::new(partial),
            },
        }
    }
}

/// The account id and partition of an ARN like `arn:aws:sts::123456789012:assumed-role/x/y`.
pub(crate) fn partition_of(arn: &str) -> String {
    arn.split(':')
        .nth(1)
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
        .to_string()
}
