//! Where a non-interactive command reads its accounts from: `--file F...`,
//! `--demo`, or (with neither) the live account of the current credentials.

use std::path::PathBuf;

use clap::Args;

use crate::model::{self, Model};
use crate::source::live::{LiveError, LiveOptions, load_live};
use crate::source::{LoadError, Loaded, SourceSpec};

/// The input options every non-interactive command takes.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// GAAD JSON files or rolecall snapshots to read (one account each), or
    /// directories of ACCOUNT_ID.json files.
    #[arg(long = "file", short = 'f', value_name = "FILE", num_args = 1.., conflicts_with = "demo")]
    pub files: Vec<PathBuf>,
    /// Use the built-in demo account.
    #[arg(long)]
    pub demo: bool,
}

impl InputArgs {
    /// What to load; `None` when neither option was given.
    pub fn spec(&self) -> Option<SourceSpec> {
        if self.demo {
            Some(SourceSpec::Demo)
        } else if !self.files.is_empty() {
            Some(SourceSpec::Files(self.files.clone()))
        } else {
            None
        }
    }

    /// Loads and indexes the accounts: the files or the demo, else the live
    /// account (`live` says how to reach it).
    pub fn load_model_with(&self, live: &LiveOptions) -> Result<Model, InputError> {
        match self.spec() {
            Some(spec) => Ok(super::progress::load_model(&spec)?),
            None => load_live_model(live),
        }
    }
}

impl InputArgs {
    /// Like `load_model_with`, reaching a live account the default way
    /// (environment, `AWS_PROFILE`, default profile).
    pub fn load_model(&self) -> Result<Model, InputError> {
        self.load_model_with(&LiveOptions::default())
    }
}

/// Loads the live account, blocking until it is complete.
pub fn load_live_model(live: &LiveOptions) -> Result<Model, InputError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| InputError::Runtime(e.to_string()))?;
    // Nobody watches progress here; the events are dropped.
    let (events, _) = tokio::sync::mpsc::unbounded_channel();
    let result = runtime.block_on(load_live(live, events))?;
    let account = result
        .snapshot
        .header
        .as_ref()
        .and_then(|h| h.account_id.clone())
        .unwrap_or_default();
    Ok(model::build(vec![Loaded {
        origin: format!("live:{account}"),
        snapshot: result.snapshot,
    }]))
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Live(#[from] LiveError),
    #[error("could not start the async runtime: {0}")]
    Runtime(String),
}
