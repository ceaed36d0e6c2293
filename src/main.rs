//! The `rolecall` command: parses arguments, loads the snapshots, runs the UI.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use rolecall::cli::{self, input::InputArgs};
use rolecall::source::{self, SourceSpec};
use rolecall::{model, ui};

#[derive(Parser)]
#[command(
    name = "rolecall",
    version,
    about = "Explore the IAM roles of AWS accounts in your terminal",
    long_about = "Explore the IAM roles of AWS accounts in your terminal: who can assume each \
                  role and on what conditions, which policies apply, and where they are used.",
    after_help = "Examples:\n  rolecall demo                         the built-in demo account\n  \
                  aws iam get-account-authorization-details --output json > acct.json\n  \
                  rolecall open acct.json               explore that account\n  \
                  rolecall open prod.json staging.json  several accounts in one window\n\n\
                  Press ? inside rolecall for the keys.",
    arg_required_else_help = true
)]
struct Cli {
    /// Write a debug log to this file (never credentials).
    #[arg(long, global = true, value_name = "FILE")]
    log_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Open the built-in demo account (no AWS account or files needed).
    #[command(after_help = "Example:\n  rolecall demo")]
    Demo,
    /// Open one or more GAAD files (`aws iam get-account-authorization-details` output).
    #[command(
        after_help = "Examples:\n  aws iam get-account-authorization-details --output json > acct.json\n  \
                      rolecall open acct.json\n  rolecall open prod.json staging.json"
    )]
    Open {
        /// GAAD JSON files or snapshots saved by rolecall; one account each.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log_guard = match cli.log_file.as_deref().map(init_logging) {
        Some(Err(e)) => {
            eprintln!("rolecall: {e}");
            return ExitCode::from(2);
        }
        Some(Ok(guard)) => Some(guard),
        None => None,
    };
    let spec = match cli.command {
        Commands::Demo => SourceSpec::Demo,
        Commands::Open { files } => SourceSpec::Files(files),
        Commands::WhoCanAssume {
            role,
            input,
            json,
            all,
        } => {
            return report(
                |model, out| {
                    let role = cli::assume::find_role(model, &role)?;
                    cli::assume::who_can_assume_report(model, role, all, json, out)?;
                    Ok(())
                },
                &input,
            );
        }
        Commands::CanAssume {
            principal,
            input,
            json,
        } => {
            return report(
                |model, out| {
                    let caller = cli::assume::find_principal(model, &principal)?;
                    cli::assume::can_assume_report(model, &caller, json, out)?;
                    Ok(())
                },
                &input,
            );
        }
    };
    match run(&spec) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rolecall: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a non-interactive command on the accounts `input` names: exit 0 on
/// success, 2 on bad input.
fn report(
    body: impl FnOnce(&model::Model, &mut dyn std::io::Write) -> anyhow::Result<()>,
    input: &InputArgs,
) -> ExitCode {
    let result = input
        .load_model()
        .map_err(anyhow::Error::from)
        .and_then(|model| {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            body(&model, &mut out)?;
            std::io::Write::flush(&mut out)?;
            Ok(())
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rolecall: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(spec: &SourceSpec) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let loaded = source::load(spec)?;
    let model = model::build(loaded);
    tracing::info!(
        roles = model.roles.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "loaded"
    );
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "rolecall is interactive and needs a terminal; stdin or stdout is redirected. \
             Run it in a terminal (for example inside tmux or over ssh -t)."
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime
        .block_on(ui::run(model, spec.clone()))
        .map_err(|e| anyhow::anyhow!("the terminal failed: {e}"))
}

fn init_logging(
    path: &std::path::Path,
) -> anyhow::Result<tracing_appender::non_blocking::WorkerGuard> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot open the log file {}: {e}", path.display()))?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ROLECALL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    Ok(guard)
}
