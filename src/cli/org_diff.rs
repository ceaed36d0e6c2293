//! `rolecall diff OLD_DIR NEW_DIR`: drift across an organization's
//! accounts (a directory, or a file, on either side). Each account on both
//! sides gets the per-account drift of `rolecall diff`; accounts that
//! appear or go are said; with `organization.json` on both sides, the
//! organization's own changes too: accounts moved between OUs, SCPs and
//! RCPs added, removed, edited or attached elsewhere.

use std::collections::BTreeSet;
use std::io::Write;

use serde::Serialize;

use crate::audit::drift::{Drift, diff_models, render_human};
use crate::model::Model;
use rolecall_core::org::{OrgPolicy, Organization};
use rolecall_core::policy::decode_document;

/// `rolecall-org-drift/1`.
#[derive(Debug, Serialize)]
pub struct OrgDrift {
    pub format: &'static str,
    /// Accounts in both, with drift; unchanged ones are left out.
    pub accounts: Vec<Drift>,
    pub accounts_added: Vec<String>,
    pub accounts_removed: Vec<String>,
    /// Changes of organization.json, in words.
    pub organization: Vec<String>,
}

impl OrgDrift {
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
            && self.accounts_added.is_empty()
            && self.accounts_removed.is_empty()
            && self.organization.is_empty()
    }
}

fn account_ids(m: &Model) -> BTreeSet<&str> {
    m.accounts.iter().map(|a| a.account_id.as_str()).collect()
}

fn index_of(m: &Model, id: &str) -> Option<usize> {
    m.accounts.iter().position(|a| a.account_id == id)
}

/// A policy's document compared by meaning, not by whitespace.
fn same_document(a: &OrgPolicy, b: &OrgPolicy) -> bool {
    match (decode_document(&a.content), decode_document(&b.content)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a.content == b.content,
    }
}

fn place(org: &Organization, id: &str) -> String {
    org.ou_path(id)
        .unwrap_or_else(|| "(not in the tree)".into())
}

/// What changed in organization.json.
fn organization_changes(old: &Organization, new: &Organization) -> Vec<String> {
    let mut out = Vec::new();
    if old.organization.id != new.organization.id {
        out.push(format!(
            "the organization is another one: {} then {}",
            old.organization.id, new.organization.id
        ));
        return out;
    }
    for a in &new.accounts {
        match old.account(&a.id) {
            None => out.push(format!(
                "account {} ({}) joined, in {}",
                a.id,
                a.name,
                place(new, &a.id)
            )),
            Some(_) if place(old, &a.id) != place(new, &a.id) => out.push(format!(
                "account {} ({}) moved from {} to {}",
                a.id,
                a.name,
                place(old, &a.id),
                place(new, &a.id)
            )),
            Some(_) => {}
        }
    }
    for a in old.accounts.iter().filter(|a| new.account(&a.id).is_none()) {
        out.push(format!("account {} ({}) left", a.id, a.name));
    }
    for p in &new.policies {
        let kind = p.kind.as_str();
        match old.policies.iter().find(|o| o.id == p.id) {
            None => out.push(format!(
                "{kind} {} ({}) added, attached to {}",
                p.name,
                p.id,
                p.targets.join(", ")
            )),
            Some(o) => {
                if !same_document(o, p) {
                    out.push(format!(
                        "{kind} {} ({}): its document changed",
                        p.name, p.id
                    ));
                }
                let (was, now): (BTreeSet<&String>, BTreeSet<&String>) =
                    (o.targets.iter().collect(), p.targets.iter().collect());
                for t in now.difference(&was) {
                    out.push(format!("{kind} {} ({}) attached to {t}", p.name, p.id));
                }
                for t in was.difference(&now) {
                    out.push(format!("{kind} {} ({}) detached from {t}", p.name, p.id));
                }
            }
        }
    }
    for p in old
        .policies
        .iter()
        .filter(|o| !new.policies.iter().any(|p| p.id == o.id))
    {
        out.push(format!("{} {} ({}) removed", p.kind.as_str(), p.name, p.id));
    }
    out
}

/// The drift between two loaded organizations (or sets of accounts).
pub fn diff_orgs(old: &Model, new: &Model) -> OrgDrift {
    let (was, now) = (account_ids(old), account_ids(new));
    let mut accounts = Vec::new();
    for id in was.intersection(&now) {
        if let (Some(o), Some(n)) = (index_of(old, id), index_of(new, id)) {
            let drift = diff_models(old, o, new, n);
            if !drift.is_empty() {
                accounts.push(drift);
            }
        }
    }
    let organization = match (old.organization.as_deref(), new.organization.as_deref()) {
        (Some(o), Some(n)) => organization_changes(o, n),
        (None, Some(_)) => vec!["organization.json is new (the old side has none)".into()],
        (Some(_), None) => vec!["organization.json is gone (the new side has none)".into()],
        (None, None) => Vec::new(),
    };
    OrgDrift {
        format: "rolecall-org-drift/1",
        accounts,
        accounts_added: now.difference(&was).map(|s| s.to_string()).collect(),
        accounts_removed: was.difference(&now).map(|s| s.to_string()).collect(),
        organization,
    }
}

/// Prints the drift; returns the exit status (0 none, 1 drift).
pub fn print(
    drift: &OrgDrift,
    json: bool,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    if json {
        serde_json::to_writer_pretty(&mut *out, drift).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(i32::from(!drift.is_empty()));
    }
    if drift.is_empty() {
        writeln!(
            out,
            "No drift: every account and the organization are the same."
        )?;
    }
    for line in &drift.organization {
        writeln!(out, "organization: {line}")?;
    }
    for id in &drift.accounts_added {
        writeln!(out, "account {id}: only in the new snapshot")?;
    }
    for id in &drift.accounts_removed {
        writeln!(out, "account {id}: only in the old snapshot")?;
    }
    for d in &drift.accounts {
        writeln!(out)?;
        render_human(d, color, out)?;
    }
    out.flush()?;
    Ok(i32::from(!drift.is_empty()))
}
