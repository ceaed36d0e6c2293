//! The `rolecall` command: parses arguments, loads the snapshots, runs the UI.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use rolecall::cli::{self, audit::AuditArgs, diff::DiffArgs, graph::GraphArgs, input::InputArgs};
use rolecall::source::live::{DEFAULT_CONCURRENCY, LiveOptions};
use rolecall::source::{self, SourceSpec};
use rolecall::text::{JsonSafe, escape_controls};
use rolecall::ui::run::{Exit, Origin};
use rolecall::{model, ui};

#[derive(Parser)]
#[command(
    name = "rolecall",
    version,
    about = "Explore the IAM roles of AWS accounts in your terminal",
    long_about = "Explore the IAM roles of AWS accounts in your terminal: who can assume each \
                  role and on what conditions, which policies apply, and where they are used.",
    after_help = "Examples:\n  rolecall                              the live account of your AWS credentials\n  \
                  rolecall --profile prod               the same, with a named profile\n  \
                  rolecall --baseline last-month.json   the live account, marking drift since then\n  \
                  rolecall demo                         the built-in demo account\n  \
                  aws iam get-account-authorization-details --output json > acct.json\n  \
                  rolecall open acct.json               explore that account\n  \
                  rolecall open prod.json staging.json  several accounts in one window\n\n\
                  Press ? inside rolecall for the keys."
)]
struct Cli {
    /// Write a debug log to this file (never credentials).
    #[arg(long, global = true, value_name = "FILE")]
    log_file: Option<PathBuf>,
    #[command(flatten)]
    live: LiveArgs,
    /// With no command: mark what changed in the live account since this
    /// earlier snapshot (drifted roles, a Drift tab).
    #[arg(long, value_name = "OLD")]
    baseline: Option<PathBuf>,
    /// Keys and colours for the UI (default: $ROLECALL_CONFIG, else
    /// $XDG_CONFIG_HOME/rolecall/config.toml, else ~/.config/rolecall/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print the default keys and colours as a config file, then exit.
    #[arg(long)]
    print_config: bool,
    #[command(flatten)]
    org: OrgLiveArgs,
    /// With no command, rolecall opens the live account of your AWS credentials.
    #[command(subcommand)]
    command: Option<Commands>,
}

/// How to reach a live account (like the AWS CLI's own options).
#[derive(Args, Debug, Clone)]
struct LiveArgs {
    /// Named profile from ~/.aws/config (SSO, assume-role and credential_process work).
    #[arg(long, global = true, value_name = "NAME")]
    profile: Option<String>,
    /// Region for the STS endpoint (IAM is global).
    #[arg(long, global = true, value_name = "REGION")]
    region: Option<String>,
    /// Send IAM and STS calls to this endpoint (AWS_ENDPOINT_URL is honoured too).
    #[arg(long, global = true, value_name = "URL")]
    endpoint_url: Option<String>,
    /// Per-entity calls in flight when GetAccountAuthorizationDetails is
    /// denied (default 8); for `org snapshot`, accounts loaded at once (default 4).
    #[arg(long, global = true, value_name = "N")]
    concurrency: Option<usize>,
}

/// `rolecall --org`: the whole organization, live.
#[derive(Args, Debug, Clone)]
struct OrgLiveArgs {
    /// With no command: load the whole AWS Organization live (credentials
    /// of the management account or a delegated administrator), every
    /// account through --role-name, --concurrency accounts at once (default 4).
    #[arg(long)]
    org: bool,
    /// With --org: the role to assume in each member account.
    #[arg(long, value_name = "NAME", default_value = rolecall::source::live::org::DEFAULT_MEMBER_ROLE)]
    role_name: String,
    /// With --org: the external id the member role's trust asks for.
    #[arg(long, value_name = "ID")]
    external_id: Option<String>,
    /// With --org: the session name of the assumed roles.
    #[arg(long, value_name = "NAME", default_value = "rolecall")]
    session_name: String,
    /// With --org: only these accounts (ids or names).
    #[arg(long, value_name = "ACCOUNT", value_delimiter = ',')]
    accounts: Vec<String>,
    /// With --org: leave these accounts out.
    #[arg(long, value_name = "ACCOUNT", value_delimiter = ',')]
    exclude: Vec<String>,
    /// With --org: only accounts under these OUs (id, name or path).
    #[arg(long, value_name = "OU", value_delimiter = ',')]
    ou: Vec<String>,
    /// With --org: do not read Identity Center.
    #[arg(long)]
    no_identity_center: bool,
    /// With --org: the region Identity Center lives in.
    #[arg(long, value_name = "REGION")]
    identity_center_region: Option<String>,
}

impl LiveArgs {
    fn options(&self) -> LiveOptions {
        LiveOptions {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            concurrency: self.concurrency.unwrap_or(DEFAULT_CONCURRENCY).max(1),
            max_attempts: max_attempts_from_env().unwrap_or(LiveOptions::default().max_attempts),
            ..LiveOptions::default()
        }
    }
}

/// `AWS_MAX_ATTEMPTS`, as the AWS CLI and SDKs read it: attempts per call,
/// the first included.
fn max_attempts_from_env() -> Option<u32> {
    std::env::var("AWS_MAX_ATTEMPTS")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n >= 1)
}

#[derive(Subcommand)]
enum Commands {
    /// Findings on every role: risky trust and permissions, for people and CI.
    #[command(after_help = "Examples:\n  rolecall audit --demo\n  \
                      rolecall audit --file acct.json --format sarif > rolecall.sarif\n  \
                      rolecall audit --file new.json --baseline old.json --fail-on high\n\n\
                      Exit status: 0, or 1 when --fail-on finds a finding at or above that severity; 2 on bad input.")]
    Audit(AuditArgs),
    /// Drift between two snapshots of one account (exit 0 none, 1 drift, 2 error).
    #[command(
        after_help = "Examples:\n  rolecall diff old.json new.json\n  rolecall diff --demo --json"
    )]
    Diff(DiffArgs),
    /// Save the live account as a GAAD-compatible snapshot (atomic write).
    #[command(
        after_help = "Examples:\n  rolecall snapshot -o prod-2026-11-22.json --profile prod\n  \
                      rolecall open prod-2026-11-22.json"
    )]
    Snapshot {
        /// Where to write the snapshot.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// A whole AWS Organization: `rolecall org snapshot -o DIR`.
    Org {
        #[command(subcommand)]
        command: OrgCommands,
    },
    /// Open the built-in demo account (no AWS account or files needed).
    #[command(
        after_help = "Examples:\n  rolecall demo\n  rolecall demo --baseline    drift against the demo 30 days earlier"
    )]
    Demo {
        /// Compare with the demo account as it was 30 days earlier (Drift tab).
        #[arg(long)]
        baseline: bool,
    },
    /// Open one or more GAAD files (`aws iam get-account-authorization-details` output), or directories of them.
    #[command(
        after_help = "Examples:\n  aws iam get-account-authorization-details --output json > acct.json\n  \
                      rolecall open acct.json\n  rolecall open prod.json staging.json\n  \
                      rolecall open org-dir/            every ACCOUNT_ID.json in it (and organization.json)"
    )]
    Open {
        /// GAAD JSON files or snapshots saved by rolecall (one account each), or directories of ACCOUNT_ID.json files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// An earlier snapshot of the (first) account: drifted roles are
        /// marked and get a Drift tab.
        #[arg(long, value_name = "OLD")]
        baseline: Option<PathBuf>,
    },
    /// Who can assume ROLE, and on what conditions (table or --json).
    #[command(
        after_help = "Examples:\n  rolecall who-can-assume prod-deployer --demo\n  \
                      rolecall who-can-assume arn:aws:iam::111122223333:role/ci/prod-deployer --file acct.json --json\n\n\
                      Exit status: 0 on success, 2 on bad input (unknown role, unreadable file)."
    )]
    WhoCanAssume {
        /// The role: its ARN, unique id (AROA…) or name.
        role: String,
        #[command(flatten)]
        input: InputArgs,
        /// Print stable JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also list principals that are denied, with the reason.
        #[arg(long)]
        all: bool,
    },
    /// What PRINCIPAL (user or role) can assume, and the chains from there.
    #[command(after_help = "Examples:\n  rolecall can-assume bob.ortiz --demo\n  \
                      rolecall can-assume arn:aws:iam::111122223333:user/bob.ortiz --file acct.json --json")]
    CanAssume {
        /// The user or role: ARN, assumed-role session ARN, unique id or name.
        principal: String,
        #[command(flatten)]
        input: InputArgs,
        /// Print stable JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Whether PRINCIPAL may do ACTION on RESOURCE: an offline
    /// simulate-principal-policy over the loaded accounts.
    #[command(
        after_help = "Examples:\n  rolecall can bob.ortiz s3:GetObject arn:aws:s3:::reports/q3.csv --demo\n  \
                      rolecall can ci-deployer iam:PassRole arn:aws:iam::111122223333:role/app --file acct.json --json\n  \
                      rolecall can alice ec2:TerminateInstances --context aws:SourceIp=10.1.2.3 --demo\n\n\
                      RESOURCE defaults to *. Exit status: 0 allowed, 1 not allowed (denied, conditional on keys \
                      rolecall does not know, or uncertain), 2 bad input."
    )]
    Can {
        /// The user or role: ARN, assumed-role session ARN, unique id or name.
        principal: String,
        /// One action, service:Action (case-insensitive), e.g. s3:GetObject.
        action: String,
        /// The resource ARN (default: *).
        #[arg(default_value = "*")]
        resource: String,
        /// A request-context key rolecall cannot know (repeat for more; a key
        /// given twice has both values).
        #[arg(long = "context", value_name = "KEY=VALUE")]
        context: Vec<String>,
        #[command(flatten)]
        input: InputArgs,
        /// Print stable JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every principal that may do ACTION on RESOURCE (wildcards allowed in ACTION).
    #[command(
        after_help = "Examples:\n  rolecall who-can s3:DeleteBucket --demo\n  \
                      rolecall who-can 'secretsmanager:Get*' '*' --file acct.json --json\n  \
                      rolecall who-can sts:AssumeRole arn:aws:iam::111122223333:role/prod-deployer --demo\n\n\
                      Exit status: 0 on success, 2 on bad input."
    )]
    WhoCan {
        /// An action or a pattern (s3:Get*), matched against rolecall's catalogue.
        action: String,
        /// The resource ARN (default: *).
        #[arg(default_value = "*")]
        resource: String,
        #[arg(long = "context", value_name = "KEY=VALUE")]
        context: Vec<String>,
        #[command(flatten)]
        input: InputArgs,
        /// Print stable JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also list principals that are denied, with the reason.
        #[arg(long)]
        all: bool,
    },
    /// Who can reach a role, a user or admin through assume and escalation edges.
    #[command(after_help = "Examples:\n  rolecall paths --to admin --demo\n  \
                      rolecall paths --to prod-deployer --from bob.ortiz --demo --json\n  \
                      rolecall paths --to admin --file new.json --baseline old.json    only paths new since then\n\n\
                      Exit status: 0 when no path is found, 1 when one is, 2 on bad input (so CI can gate on it).")]
    Paths {
        /// A role or user (ARN, unique id or name), or `admin`.
        #[arg(long, value_name = "ROLE|USER|admin")]
        to: String,
        /// Only paths starting from this user or role.
        #[arg(long, value_name = "PRINCIPAL")]
        from: Option<String>,
        /// Besides each principal's shortest path, one more through each of its other first steps.
        #[arg(long)]
        all_paths: bool,
        /// Report only paths from principals that had none in this earlier snapshot.
        #[arg(long, value_name = "OLD")]
        baseline: Option<PathBuf>,
        #[command(flatten)]
        input: InputArgs,
        /// Print stable JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The roles, users, groups and policies as a graph with the assume and
    /// escalation edges: BloodHound OpenGraph, Graphviz DOT or JSON.
    #[command(
        after_help = "Examples:\n  rolecall graph --demo -o rolecall-opengraph.json      upload in BloodHound CE\n  \
                      rolecall graph --demo --format dot --to admin | dot -Tsvg > to-admin.svg\n  \
                      rolecall graph --file acct.json --format json --from ci-deployer\n\n\
                      --to admin: the ways to an administrator of its account. \
                      Exit status: 0 on success, 2 on bad input (unknown principal, unknown format)."
    )]
    Graph(GraphArgs),
    /// The effective permissions of a user, role or group, per service and access level.
    #[command(after_help = "Examples:\n  rolecall permissions bob.ortiz --demo\n  \
                      rolecall permissions prod-deployer --service s3 --demo    each s3 action and its statements\n  \
                      rolecall permissions arn:aws:iam::111122223333:group/admins --file acct.json --json")]
    Permissions {
        /// The user, role or group: ARN, unique id or name.
        principal: String,
        /// List each action of this service (s3, ec2, ...) with the statements that grant and remove it.
        #[arg(long, value_name = "PREFIX")]
        service: Option<String>,
        #[command(flatten)]
        input: InputArgs,
        /// Print stable JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum OrgCommands {
    /// Save the organization (tree, accounts, SCPs, RCPs, Identity Center)
    /// and every account's IAM into a directory that `rolecall open DIR` reads.
    #[command(
        after_help = "Run it with credentials of the management account or a delegated administrator.\n\n\
                      Examples:\n  rolecall org snapshot -o org-2026-12-01/ --profile mgmt\n  \
                      rolecall org snapshot -o org/ --ou Prod --concurrency 8\n  \
                      rolecall org snapshot -o org/ --resume          retry what failed or is missing\n  \
                      rolecall org snapshot -o org/ --no-accounts     organization.json only\n  \
                      rolecall open org-2026-12-01/\n\n\
                      Exit status: 0 when every chosen account was saved, 1 when some failed (each is \
                      recorded with its reason in organization.json), 2 on an error that saved nothing \
                      more, 130 when interrupted."
    )]
    Snapshot(cli::org_snapshot::OrgSnapshotArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log_guard = match cli.log_file.as_deref().map(cli::logging::init_logging) {
        Some(Err(e)) => {
            eprintln!("rolecall: {}", escape_controls(&e.to_string()));
            return ExitCode::from(2);
        }
        Some(Ok(guard)) => Some(guard),
        None => None,
    };
    if cli.print_config {
        print!("{}", ui::config::Config::default().to_toml());
        return ExitCode::SUCCESS;
    }
    let live = cli.live.options();
    if cli.baseline.is_some() && cli.command.is_some() {
        eprintln!(
            "rolecall: --baseline before a command is for the live account; \
             write it after the command instead (rolecall open NEW --baseline OLD, rolecall demo --baseline)"
        );
        return ExitCode::from(2);
    }
    if cli.org.org && cli.command.is_some() {
        eprintln!(
            "rolecall: --org opens the live organization in the UI and takes no command; \
             to save it, run `rolecall org snapshot -o DIR`"
        );
        return ExitCode::from(2);
    }
    let (origin, baseline) = match cli.command {
        None if cli.org.org => {
            let o = &cli.org;
            let options = ui::org_live::OrgLiveOptions {
                live: live.clone(),
                access: rolecall::source::live::org::MemberAccess {
                    role_name: o.role_name.clone(),
                    external_id: o.external_id.clone(),
                    session_name: o.session_name.clone(),
                },
                selection: cli::org_snapshot::Selection {
                    accounts: o.accounts.clone(),
                    exclude: o.exclude.clone(),
                    ous: o.ou.clone(),
                },
                in_flight: cli
                    .live
                    .concurrency
                    .unwrap_or(cli::org_snapshot::DEFAULT_ACCOUNTS_IN_FLIGHT),
                identity_center: !o.no_identity_center,
                identity_center_region: o.identity_center_region.clone(),
            };
            (
                Origin::LiveOrg(Box::new(options)),
                cli.baseline.map(Baseline::File),
            )
        }
        None => (Origin::Live(live), cli.baseline.map(Baseline::File)),
        Some(Commands::Demo { baseline }) => (
            Origin::Static(SourceSpec::Demo),
            baseline.then_some(Baseline::DemoEarlier),
        ),
        // A directory (an organization) is read while the UI is already up.
        Some(Commands::Open { files, baseline }) if files.iter().any(|f| f.is_dir()) => (
            Origin::Background(SourceSpec::Files(files)),
            baseline.map(Baseline::File),
        ),
        Some(Commands::Open { files, baseline }) => (
            Origin::Static(SourceSpec::Files(files)),
            baseline.map(Baseline::File),
        ),
        Some(Commands::Snapshot { output }) => return save_snapshot(&live, &output),
        Some(Commands::Org {
            command: OrgCommands::Snapshot(args),
        }) => {
            let in_flight = cli
                .live
                .concurrency
                .unwrap_or(cli::org_snapshot::DEFAULT_ACCOUNTS_IN_FLIGHT);
            return save_org_snapshot(&live, &args, in_flight);
        }
        Some(Commands::Audit(args)) => {
            return print_with_status(|color, out| Ok(args.run(color, &live, out)?));
        }
        Some(Commands::Diff(args)) => {
            return print_with_status(|color, out| Ok(args.run(color, &live, out)?));
        }
        Some(Commands::WhoCanAssume {
            role,
            input,
            json,
            all,
        }) => {
            return report(
                |model, out| {
                    let role = cli::assume::find_role(model, &role)?;
                    cli::assume::who_can_assume_report(model, role, all, json, out)?;
                    Ok(())
                },
                &input,
                &live,
            );
        }
        Some(Commands::CanAssume {
            principal,
            input,
            json,
        }) => {
            return report(
                |model, out| {
                    let caller = cli::assume::find_principal(model, &principal)?;
                    cli::assume::can_assume_report(model, &caller, json, out)?;
                    Ok(())
                },
                &input,
                &live,
            );
        }
        Some(Commands::Can {
            principal,
            action,
            resource,
            context,
            input,
            json,
        }) => {
            return report_with_status(
                |model, out| {
                    let ctx = cli::query::parse_context(&context)?;
                    let caller = cli::assume::find_principal(model, &principal)?;
                    Ok(cli::query::can_report(
                        model, &caller, &action, &resource, &ctx, json, out,
                    )?)
                },
                &input,
                &live,
            );
        }
        Some(Commands::WhoCan {
            action,
            resource,
            context,
            input,
            json,
            all,
        }) => {
            return report(
                |model, out| {
                    let ctx = cli::query::parse_context(&context)?;
                    cli::query::who_can_report(model, &action, &resource, &ctx, all, json, out)?;
                    Ok(())
                },
                &input,
                &live,
            );
        }
        Some(Commands::Paths {
            to,
            from,
            all_paths,
            baseline,
            input,
            json,
        }) => {
            return report_with_status(
                |model, out| {
                    let base = baseline.map(|b| Baseline::File(b).load()).transpose()?;
                    let opts = cli::paths::PathsOptions {
                        to: &to,
                        from: from.as_deref(),
                        all_paths,
                        baseline: base.as_ref(),
                        json,
                    };
                    Ok(cli::paths::paths_report(model, &opts, out)?)
                },
                &input,
                &live,
            );
        }
        Some(Commands::Graph(args)) => {
            return report(|model, out| Ok(args.run(model, out)?), &args.input, &live);
        }
        Some(Commands::Permissions {
            principal,
            service,
            input,
            json,
        }) => {
            return report(
                |model, out| {
                    let entity = cli::permissions::find_entity(model, &principal)?;
                    cli::permissions::permissions_report(
                        model,
                        entity,
                        service.as_deref(),
                        json,
                        out,
                    )?;
                    Ok(())
                },
                &input,
                &live,
            );
        }
    };
    let config = match ui::config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("rolecall: {}", escape_controls(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    match run(origin, baseline, config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rolecall: {}", escape_controls(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Runs a non-interactive command on the accounts `input` names: exit 0 on
/// success, 2 on bad input.
fn report(
    body: impl FnOnce(&model::Model, &mut dyn std::io::Write) -> anyhow::Result<()>,
    input: &InputArgs,
    live: &LiveOptions,
) -> ExitCode {
    report_with_status(
        |model, out| {
            body(model, out)?;
            Ok(0)
        },
        input,
        live,
    )
}

/// [`report`] for a command that chooses its own exit status (`can`).
fn report_with_status(
    body: impl FnOnce(&model::Model, &mut dyn std::io::Write) -> anyhow::Result<i32>,
    input: &InputArgs,
    live: &LiveOptions,
) -> ExitCode {
    let result = input
        .load_model_with(live)
        .map_err(anyhow::Error::from)
        .and_then(|model| {
            let stdout = std::io::stdout();
            let mut out = JsonSafe::new(std::io::BufWriter::new(stdout.lock()));
            let code = body(&model, &mut out)?;
            std::io::Write::flush(&mut out)?;
            Ok(code)
        });
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        // The reader went away (`| head`): nothing more to say.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rolecall: {}", escape_controls(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.to_string().contains("Broken pipe")
    })
}

/// Runs a command that prints to stdout and chooses its exit status (audit,
/// diff); errors are exit status 2.
fn print_with_status(
    body: impl FnOnce(bool, &mut dyn std::io::Write) -> anyhow::Result<i32>,
) -> ExitCode {
    let stdout = std::io::stdout();
    let color = cli::diff::color_wanted(stdout.is_terminal());
    let mut out = JsonSafe::new(std::io::BufWriter::new(stdout.lock()));
    let result = body(color, &mut out);
    let flushed = std::io::Write::flush(&mut out);
    match (result, flushed) {
        (Ok(code), Ok(())) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        (Err(e), _) => {
            eprintln!("rolecall: {}", escape_controls(&e.to_string()));
            ExitCode::from(2)
        }
        (_, Err(e)) => {
            eprintln!("rolecall: could not write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// `rolecall snapshot -o FILE`.
fn save_snapshot(live: &LiveOptions, output: &std::path::Path) -> ExitCode {
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|rt| Ok(rt.block_on(cli::snapshot::run(live, output, true))?));
    match result {
        Ok(summary) => {
            eprintln!("rolecall: {}", escape_controls(&summary.to_string()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rolecall: {}", escape_controls(&e.to_string()));
            let interrupted = matches!(
                e.downcast_ref::<cli::snapshot::SnapshotError>(),
                Some(cli::snapshot::SnapshotError::Interrupted { .. })
            );
            // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C.
            ExitCode::from(if interrupted { 130 } else { 2 })
        }
    }
}

/// `rolecall org snapshot -o DIR`.
fn save_org_snapshot(
    live: &LiveOptions,
    args: &cli::org_snapshot::OrgSnapshotArgs,
    in_flight: usize,
) -> ExitCode {
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|rt| Ok(rt.block_on(cli::org_snapshot::run(args, live, in_flight, true))?));
    match result {
        Ok(summary) => {
            eprintln!("rolecall: {}", escape_controls(&summary.to_string()));
            ExitCode::from(summary.exit_code())
        }
        Err(e) => {
            eprintln!("rolecall: {}", escape_controls(&e.to_string()));
            let interrupted = matches!(
                e.downcast_ref::<cli::org_snapshot::OrgSnapshotError>(),
                Some(cli::org_snapshot::OrgSnapshotError::Interrupted { .. })
            );
            ExitCode::from(if interrupted { 130 } else { 2 })
        }
    }
}

/// The earlier snapshot drift is measured against.
enum Baseline {
    DemoEarlier,
    File(PathBuf),
}

impl Baseline {
    fn load(&self) -> anyhow::Result<model::Model> {
        let loaded = match self {
            Baseline::DemoEarlier => source::demo::earlier()?,
            Baseline::File(path) => source::Loaded {
                origin: path.display().to_string(),
                snapshot: source::file::load_file(path)?,
            },
        };
        Ok(model::build(vec![loaded]))
    }
}

/// The interactive UI on files, the demo, or the live account.
fn run(
    origin: Origin,
    baseline: Option<Baseline>,
    config: ui::config::Config,
) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "rolecall is interactive and needs a terminal; stdin or stdout is redirected. \
             Run it in a terminal (for example inside tmux or over ssh -t), or use a \
             non-interactive command such as `rolecall who-can-assume` or `rolecall snapshot`."
        );
    }
    let model = match &origin {
        Origin::Static(spec) => {
            let started = std::time::Instant::now();
            let model = cli::progress::load_model(spec)?;
            tracing::info!(
                roles = model.roles.len(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "loaded"
            );
            model
        }
        // The live account (or organization) fills the UI while it loads.
        Origin::Live(_) | Origin::LiveOrg(_) | Origin::Background(_) => model::Model::default(),
    };
    let baseline = baseline.map(|b| b.load()).transpose()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let outcome = runtime.block_on(ui::run(model, origin, baseline, config));
    // Quit now: background work (an audit, a load) is not waited for.
    runtime.shutdown_background();
    match outcome {
        Ok(Exit::Quit) => Ok(()),
        Ok(Exit::Failed(message)) => Err(anyhow::anyhow!(message)),
        Err(e) => Err(anyhow::anyhow!("the terminal failed: {e}")),
    }
}
