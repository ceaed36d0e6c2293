//! SDK setup (credentials, region, endpoints, retries), the shared load
//! context, and the interceptor that counts requests and reports retries.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_iam::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_iam::error::BoxError;
use aws_smithy_runtime::client::retries::{RetryPartition, TokenBucket};
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use tokio::sync::mpsc::UnboundedSender;

use super::error::{CallError, LiveError, classify, credentials_problem};
use super::{CallerIdentity, LiveEvent, LiveOptions, UnavailablePiece, partition_of};

/// Counters and the event channel, shared by the clients' interceptor and
/// the loaders.
#[derive(Debug)]
struct Shared {
    events: UnboundedSender<LiveEvent>,
    requests: AtomicU64,
    retries: AtomicU32,
}

/// Everything one load needs.
pub(crate) struct Ctx {
    pub iam: aws_sdk_iam::Client,
    sts: aws_sdk_sts::Client,
    shared: Arc<Shared>,
    unavailable: Mutex<Vec<UnavailablePiece>>,
    started: Instant,
    pub concurrency: usize,
    pub streams: super::GaadStreams,
    /// The profile in use, for messages (`aws sso login --profile X`).
    profile: Option<String>,
    /// Where STS is reached, for the "unreachable" message.
    sts_endpoint: String,
}

impl Ctx {
    /// A load's context on an SDK configuration ([`sdk_config`], or a
    /// member account's assumed-role credentials).
    pub fn with_sdk(
        sdk: &aws_config::SdkConfig,
        opts: &LiveOptions,
        events: UnboundedSender<LiveEvent>,
    ) -> Ctx {
        let region = region_of(sdk);
        let shared = Arc::new(Shared {
            events,
            requests: AtomicU64::new(0),
            retries: AtomicU32::new(0),
        });
        let iam_conf = aws_sdk_iam::config::Builder::from(sdk)
            .region(region.clone())
            .interceptor(Observer(shared.clone()))
            // The SDK's shared retry budget (a token bucket) runs dry when a
            // long load meets sustained throttling, and then a throttled
            // read fails the whole load. Every call already has its own
            // attempts and exponential backoff (up to 20 s), which is what
            // AWS asks of a client; found by tests/live_faults.rs.
            .retry_partition(
                RetryPartition::custom("rolecall-iam")
                    .token_bucket(TokenBucket::unlimited())
                    .build(),
            )
            .build();
        // GetCallerIdentity answers quickly or not at all: fewer attempts, so
        // an unreachable endpoint is reported in seconds.
        let sts_conf = aws_sdk_sts::config::Builder::from(sdk)
            .region(region.clone())
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(opts.max_attempts.clamp(1, 3))
                    .with_initial_backoff(opts.initial_backoff.min(Duration::from_millis(500))),
            )
            .interceptor(Observer(shared.clone()))
            .build();
        let sts_endpoint = opts
            .endpoint_url
            .clone()
            .or_else(|| env_nonempty("AWS_ENDPOINT_URL_STS"))
            .or_else(|| env_nonempty("AWS_ENDPOINT_URL"))
            .unwrap_or_else(|| format!("https://sts.{}.amazonaws.com", region.as_ref()));
        let profile = opts.profile.clone().or_else(|| env_nonempty("AWS_PROFILE"));
        Ctx {
            iam: aws_sdk_iam::Client::from_conf(iam_conf),
            sts: aws_sdk_sts::Client::from_conf(sts_conf),
            shared,
            unavailable: Mutex::new(Vec::new()),
            started: Instant::now(),
            concurrency: opts.concurrency.max(1),
            streams: opts.gaad_streams,
            profile,
            sts_endpoint,
        }
    }

    /// STS GetCallerIdentity, with every failure turned into a message that
    /// says what to do.
    pub async fn caller_identity(&self) -> Result<CallerIdentity, LiveError> {
        self.progress("identity (sts:GetCallerIdentity)", 0, None);
        let out = match self.sts.get_caller_identity().send().await {
            Ok(out) => out,
            Err(err) => return Err(self.identity_error(&err)),
        };
        let caller_arn = out.arn().unwrap_or_default().to_string();
        let account_id = out
            .account()
            .map(str::to_string)
            .or_else(|| caller_arn.split(':').nth(4).map(str::to_string))
            .unwrap_or_default();
        Ok(CallerIdentity {
            partition: partition_of(&caller_arn),
            account_id,
            caller_arn,
        })
    }

    fn identity_error<E>(&self, err: &aws_sdk_sts::error::SdkError<E>) -> LiveError
    where
        E: aws_sdk_sts::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        if let Some(problem) = credentials_problem(err, self.profile.as_deref()) {
            return problem;
        }
        match classify(err) {
            CallError::Denied(detail) => LiveError::IdentityDenied { detail },
            CallError::Connection(detail) => LiveError::Unreachable {
                endpoint: self.sts_endpoint.clone(),
                detail,
            },
            CallError::BadCredentials(detail) => LiveError::BadCredentials {
                profile: self.profile.clone(),
                detail,
            },
            CallError::Other(detail) => LiveError::Api {
                call: "sts:GetCallerIdentity".into(),
                detail,
                partial: Box::default(),
            },
        }
    }

    pub fn send(&self, event: LiveEvent) {
        // A closed receiver means nobody is watching; the load goes on.
        let _ = self.shared.events.send(event);
    }

    pub fn progress(&self, stage: &str, done: usize, total: Option<usize>) {
        self.send(LiveEvent::Progress {
            stage: stage.to_string(),
            done,
            total,
            retries: self.shared.retries.load(Ordering::Relaxed),
            elapsed: self.started.elapsed(),
        });
    }

    /// Records a piece that could not be read and tells the UI.
    pub fn unavailable_piece(&self, what: String, call: &str, error: String) {
        tracing::warn!(%what, %call, %error, "unavailable");
        let piece = UnavailablePiece {
            what,
            call: call.to_string(),
            error,
        };
        self.send(LiveEvent::Unavailable(piece.clone()));
        let mut list = match self.unavailable.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        list.push(piece);
    }

    pub fn unavailable(&self) -> Vec<UnavailablePiece> {
        match self.unavailable.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }
}

/// aws-config's configuration for these options: credentials, region,
/// endpoint, retries and timeouts.
pub(crate) async fn sdk_config(opts: &LiveOptions) -> aws_config::SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(opts.max_attempts.max(1))
                .with_initial_backoff(opts.initial_backoff),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(Duration::from_secs(300))
                .build(),
        );
    if let Some(profile) = &opts.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &opts.region {
        loader = loader.region(aws_config::Region::new(region.clone()));
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    loader.load().await
}

/// IAM, STS and Organizations are global services: any region signs for
/// them. Without one the SDK refuses to call at all, so pick the one the
/// CLI would use.
pub(crate) fn region_of(sdk: &aws_config::SdkConfig) -> aws_config::Region {
    sdk.region()
        .cloned()
        .unwrap_or_else(|| aws_config::Region::new("us-east-1"))
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Counts every HTTP attempt and reports retries as `Throttled` events.
#[derive(Debug)]
struct Observer(Arc<Shared>);

impl Intercept for Observer {
    fn name(&self) -> &'static str {
        "rolecall-observer"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let attempt = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
        if attempt > 1 {
            let call = call_name(cfg);
            self.0.retries.fetch_add(1, Ordering::Relaxed);
            tracing::info!(%call, attempt, "retrying");
            let _ = self.0.events.send(LiveEvent::Throttled { call, attempt });
        }
        Ok(())
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.requests.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(call = %call_name(cfg), "request");
        Ok(())
    }
}

/// `iam:ListRoles`, from the operation metadata the SDK keeps per call.
fn call_name(cfg: &ConfigBag) -> String {
    match cfg.load::<Metadata>() {
        Some(m) => format!("{}:{}", m.service().to_ascii_lowercase(), m.name()),
        None => "unknown".into(),
    }
}
