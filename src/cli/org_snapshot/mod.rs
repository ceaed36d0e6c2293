//! `rolecall org snapshot -o DIR`: the organization (tree, accounts, SCPs,
//! RCPs, Identity Center) into `DIR/organization.json`, and each chosen
//! account's IAM into `DIR/ACCOUNT_ID.json` (the `rolecall snapshot`
//! format), several accounts at once. Every file is written atomically; an
//! account that cannot be read is recorded with its reason in
//! `organization.json` and the others complete. `--resume` loads only the
//! accounts a previous run left missing or failed.

mod progress;
mod select;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;

use rolecall_core::org::{OrgAccount, Organization, PolicyType};
use rolecall_core::source::dir::ORGANIZATION_FILE;

use crate::snapshot_io::{SaveError, save_snapshot_unless, write_atomically};
use crate::source::live::org::{DEFAULT_MEMBER_ROLE, MemberAccess, OrgCollector};
use crate::source::live::{LiveError, LiveOptions};

pub use select::Selection;

/// Accounts loaded at once unless `--concurrency` says otherwise. Each
/// account runs its own GAAD streams, and IAM throttles per account, so
/// accounts in parallel do not slow one another much.
pub const DEFAULT_ACCOUNTS_IN_FLIGHT: usize = 4;

/// `rolecall org snapshot`'s options.
#[derive(clap::Args, Debug, Clone)]
pub struct OrgSnapshotArgs {
    /// The directory to write (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// The role to assume in each member account.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_MEMBER_ROLE)]
    pub role_name: String,
    /// The external id the member role's trust policy asks for.
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,
    /// The session name of the assumed roles (shown in CloudTrail).
    #[arg(long, value_name = "NAME", default_value = "rolecall-org-snapshot")]
    pub session_name: String,
    /// Only these accounts (ids or names, comma-separated or repeated).
    #[arg(long, value_name = "ACCOUNT", value_delimiter = ',')]
    pub accounts: Vec<String>,
    /// Leave these accounts out (ids or names).
    #[arg(long, value_name = "ACCOUNT", value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Only accounts under these OUs (id, name, or path like Root/Prod).
    #[arg(long, value_name = "OU", value_delimiter = ',')]
    pub ou: Vec<String>,
    /// Complete an earlier run into DIR: load only accounts whose file is
    /// missing or whose load failed (the tree is read again).
    #[arg(long)]
    pub resume: bool,
    /// Write organization.json only (collect the accounts elsewhere with
    /// `rolecall snapshot -o DIR/ACCOUNT_ID.json`).
    #[arg(long)]
    pub no_accounts: bool,
    /// Do not read Identity Center.
    #[arg(long)]
    pub no_identity_center: bool,
    /// The region Identity Center lives in (default: --region or the profile's).
    #[arg(long, value_name = "REGION")]
    pub identity_center_region: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum OrgSnapshotError {
    #[error(transparent)]
    Live(#[from] LiveError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("cannot create the directory {path}: {source}. Choose another with -o.")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} already holds an organization snapshot ({what}). Add --resume to load only what is missing or failed there, or choose an empty directory with -o."
    )]
    NotEmpty { path: String, what: String },
    #[error("{path} cannot be resumed: {why}. Remove it, or choose another directory with -o.")]
    BadPrevious { path: String, why: String },
    #[error(
        "nothing in organization {org} matches {unknown}: check --accounts, --exclude and --ou (ids, names, or OU paths like Root/Prod). `rolecall org snapshot --no-accounts -o DIR` writes the organization's accounts and OUs to DIR/organization.json."
    )]
    UnknownSelection { org: String, unknown: String },
    #[error(
        "interrupted: {done} of {total} accounts were saved in {path}; run the same command with --resume to load the rest"
    )]
    Interrupted {
        path: String,
        done: usize,
        total: usize,
    },
}

/// What a run did.
#[derive(Debug)]
pub struct OrgSnapshotSummary {
    pub dir: PathBuf,
    pub org_id: String,
    pub accounts_in_org: usize,
    pub units: usize,
    pub scps: usize,
    pub rcps: usize,
    pub identity_center: String,
    pub saved: usize,
    pub roles: usize,
    pub skipped_done: usize,
    pub failed: Vec<(String, String)>,
    pub elapsed: Duration,
    /// Where the time went: reading the tree and policies, Identity Center,
    /// the accounts.
    pub phases: [Duration; 3],
}

impl OrgSnapshotSummary {
    /// The exit status: 0 when every chosen account was saved, 1 when some
    /// failed (they are listed, and recorded in organization.json).
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.failed.is_empty())
    }
}

impl std::fmt::Display for OrgSnapshotSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "saved {}: organization {} ({} accounts, {} OUs, {} SCPs, {} RCPs; Identity Center: {}); {} accounts saved ({} roles)",
            self.dir.display(),
            self.org_id,
            self.accounts_in_org,
            self.units,
            self.scps,
            self.rcps,
            self.identity_center,
            self.saved,
            self.roles,
        )?;
        if self.skipped_done > 0 {
            write!(f, ", {} already there", self.skipped_done)?;
        }
        let [tree, ic, accounts] = self.phases.map(|d| d.as_secs_f64());
        write!(
            f,
            ", {} failed, in {:.1}s (the tree and policies {tree:.1}s, Identity Center {ic:.1}s, the accounts {accounts:.1}s)",
            self.failed.len(),
            self.elapsed.as_secs_f64()
        )?;
        for (account, why) in &self.failed {
            write!(f, "\n  failed: account {account}: {why}")?;
        }
        if !self.failed.is_empty() {
            write!(
                f,
                "\n  run the same command with --resume to retry the failed accounts only"
            )?;
        }
        Ok(())
    }
}

/// Refuses to mix a new snapshot into an old one unless resuming.
fn check_directory(dir: &Path, args: &OrgSnapshotArgs) -> Result<(), OrgSnapshotError> {
    if !dir.exists() {
        return std::fs::create_dir_all(dir).map_err(|source| OrgSnapshotError::CreateDir {
            path: dir.display().to_string(),
            source,
        });
    }
    if args.resume {
        return Ok(());
    }
    let has_org = dir.join(ORGANIZATION_FILE).exists();
    let accounts = rolecall_core::source::dir::account_files(dir)
        .map(|f| f.len())
        .unwrap_or(0);
    let clash = has_org || (accounts > 0 && !args.no_accounts);
    if clash {
        let mut what = Vec::new();
        if has_org {
            what.push(ORGANIZATION_FILE.to_string());
        }
        if accounts > 0 {
            what.push(format!("{accounts} account files"));
        }
        return Err(OrgSnapshotError::NotEmpty {
            path: dir.display().to_string(),
            what: what.join(", "),
        });
    }
    Ok(())
}

/// The previous run's organization.json, when resuming.
fn previous(dir: &Path, resume: bool) -> Result<Option<Organization>, OrgSnapshotError> {
    if !resume {
        return Ok(None);
    }
    rolecall_core::source::dir::organization(dir).map_err(|e| OrgSnapshotError::BadPrevious {
        path: dir.join(ORGANIZATION_FILE).display().to_string(),
        why: e.to_string(),
    })
}

fn save_organization(dir: &Path, org: &Organization) -> Result<(), SaveError> {
    write_atomically(&dir.join(ORGANIZATION_FILE), |w| {
        serde_json::to_writer_pretty(&mut *w, org).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
}

fn identity_center_words(org: &Organization) -> String {
    match &org.identity_center {
        None => "not collected (--no-identity-center)".into(),
        Some(ic) => match &ic.not_collected {
            Some(why) => format!("not collected: {why}"),
            None => format!(
                "{} permission sets, {} users, {} groups, {} assignments",
                ic.permission_sets.len(),
                ic.users.len(),
                ic.groups.len(),
                ic.assignments.len()
            ),
        },
    }
}

/// One account's outcome.
enum Outcome {
    Saved { roles: usize },
    Failed(String),
}

/// Runs the whole snapshot. `accounts_in_flight` is `--concurrency`.
pub async fn run(
    args: &OrgSnapshotArgs,
    live: &LiveOptions,
    accounts_in_flight: usize,
    progress_on_stderr: bool,
) -> Result<OrgSnapshotSummary, OrgSnapshotError> {
    let started = Instant::now();
    let dir = args.output.as_path();
    check_directory(dir, args)?;
    let previous = previous(dir, args.resume)?;
    let bars = progress::Bars::new(progress_on_stderr);
    let status = |m: &str| bars.status(m);

    status("connecting (sts:GetCallerIdentity)");
    let collector = OrgCollector::connect(live).await?;
    let mut org = collector.organization(&status).await?;
    let tree_elapsed = started.elapsed();
    if !args.no_identity_center {
        org.identity_center = Some(
            collector
                .identity_center(args.identity_center_region.as_deref(), &status)
                .await,
        );
    }

    let ic_elapsed = started.elapsed() - tree_elapsed;
    let selection = Selection {
        accounts: args.accounts.clone(),
        exclude: args.exclude.clone(),
        ous: args.ou.clone(),
    };
    let (chosen, unknown) = selection.choose(&org);
    if !unknown.is_empty() {
        bars.clear();
        return Err(OrgSnapshotError::UnknownSelection {
            org: org.organization.id.clone(),
            unknown: unknown.join(", "),
        });
    }
    let mut errors: HashMap<String, String> = HashMap::new();
    let mut todo: Vec<OrgAccount> = Vec::new();
    let mut skipped_done = 0;
    if !args.no_accounts {
        for a in chosen {
            if !a.is_active() {
                errors.insert(
                    a.id.clone(),
                    format!("not collected: the account is {}", a.status),
                );
            } else if args.resume && select::already_done(dir, previous.as_ref(), &a.id) {
                skipped_done += 1;
            } else {
                todo.push(a.clone());
            }
        }
    }
    // Errors of a previous run stand for accounts not retried now.
    if let Some(prev) = &previous {
        for a in prev.accounts.iter().filter(|a| a.error.is_some()) {
            let retried = todo.iter().any(|t| t.id == a.id);
            if let (false, false, Some(e)) = (retried, errors.contains_key(&a.id), &a.error) {
                errors.insert(a.id.clone(), e.clone());
            }
        }
    }
    let record = |org: &mut Organization, errors: &HashMap<String, String>| {
        for a in &mut org.accounts {
            a.error = errors.get(&a.id).cloned();
        }
    };
    // The tree first, so an interrupted run can be resumed.
    record(&mut org, &errors);
    save_organization(dir, &org)?;

    bars.start_accounts(todo.len());
    let accounts_started = Instant::now();
    let access = MemberAccess {
        role_name: args.role_name.clone(),
        external_id: args.external_id.clone(),
        session_name: args.session_name.clone(),
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let outcomes: Mutex<Vec<(String, Outcome)>> = Mutex::new(Vec::new());
    let failed_count = std::sync::atomic::AtomicUsize::new(0);
    let total = todo.len();
    let work = futures_util::stream::iter(todo.iter())
        .map(|account| {
            let (collector, access, bars, cancel) = (&collector, &access, &bars, cancel.clone());
            let (outcomes, failed_count) = (&outcomes, &failed_count);
            async move {
                let label = if account.name.is_empty() {
                    account.id.clone()
                } else {
                    format!("{} ({})", account.id, account.name)
                };
                let account_started = Instant::now();
                let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
                let spinner = bars.account(&label);
                let (loaded, retries) = tokio::join!(
                    collector.load_account(&account.id, access, tx),
                    progress::follow(rx, spinner)
                );
                let outcome = match loaded {
                    Err(why) => Outcome::Failed(why),
                    Ok(result) => {
                        let roles = result.snapshot.role_detail_list.len();
                        let path = dir.join(format!("{}.json", account.id));
                        let snapshot = result.snapshot;
                        let cancel = cancel.clone();
                        let saved = tokio::task::spawn_blocking(move || {
                            save_snapshot_unless(&path, &snapshot, &cancel)
                        })
                        .await;
                        match saved {
                            Ok(Ok(())) => Outcome::Saved { roles },
                            Ok(Err(e)) => Outcome::Failed(e.to_string()),
                            Err(e) => Outcome::Failed(format!("saving failed: {e}")),
                        }
                    }
                };
                let retried = if retries > 0 {
                    format!(", {retries} calls retried")
                } else {
                    String::new()
                };
                let line = match &outcome {
                    Outcome::Saved { roles } => format!(
                        "account {label}: {roles} roles in {:.1}s{retried}",
                        account_started.elapsed().as_secs_f64()
                    ),
                    Outcome::Failed(why) => {
                        failed_count.fetch_add(1, Ordering::Relaxed);
                        format!("account {label} failed: {why}")
                    }
                };
                bars.finished(&line, failed_count.load(Ordering::Relaxed));
                lock(outcomes).push((account.id.clone(), outcome));
            }
        })
        .buffer_unordered(accounts_in_flight.max(1))
        .collect::<Vec<()>>();
    let interrupted = tokio::select! {
        _ = work => false,
        _ = tokio::signal::ctrl_c() => {
            cancel.store(true, Ordering::Relaxed);
            true
        }
    };
    bars.clear();
    let accounts_elapsed = accounts_started.elapsed();

    let outcomes = std::mem::take(&mut *lock(&outcomes));
    let mut saved = 0;
    let mut roles = 0;
    let mut failed = Vec::new();
    for (id, outcome) in outcomes {
        match outcome {
            Outcome::Saved { roles: n } => {
                saved += 1;
                roles += n;
                errors.remove(&id);
            }
            Outcome::Failed(why) => {
                errors.insert(id.clone(), why.clone());
                failed.push((id, why));
            }
        }
    }
    record(&mut org, &errors);
    save_organization(dir, &org)?;
    if interrupted {
        return Err(OrgSnapshotError::Interrupted {
            path: dir.display().to_string(),
            done: saved,
            total,
        });
    }
    failed.sort();
    Ok(OrgSnapshotSummary {
        dir: dir.to_path_buf(),
        org_id: org.organization.id.clone(),
        accounts_in_org: org.accounts.len(),
        units: org.organizational_units.len(),
        scps: count(&org, PolicyType::ServiceControl),
        rcps: count(&org, PolicyType::ResourceControl),
        identity_center: identity_center_words(&org),
        saved,
        roles,
        skipped_done,
        failed,
        elapsed: started.elapsed(),
        phases: [tree_elapsed, ic_elapsed, accounts_elapsed],
    })
}

fn count(org: &Organization, kind: PolicyType) -> usize {
    org.policies.iter().filter(|p| p.kind == kind).count()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}
