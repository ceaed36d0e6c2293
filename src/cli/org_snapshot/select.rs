//! Which accounts `org snapshot` loads: `--accounts`, `--exclude`, `--ou`,
//! and with `--resume` only those a previous run left missing or failed.

use std::path::Path;

use rolecall_core::org::{Level, OrgAccount, Organization};

/// The user's choice of accounts.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Account ids or names; empty means every account.
    pub accounts: Vec<String>,
    /// Account ids or names left out.
    pub exclude: Vec<String>,
    /// OU ids, names or paths (`Root/Prod`): only accounts under them.
    pub ous: Vec<String>,
}

fn names(account: &OrgAccount, wanted: &[String]) -> bool {
    wanted
        .iter()
        .any(|w| *w == account.id || *w == account.name)
}

fn under_ou(org: &Organization, account: &OrgAccount, ous: &[String]) -> bool {
    let Some(levels) = org.levels(&account.id) else {
        return false;
    };
    let path = org.ou_path(&account.id).unwrap_or_default();
    ous.iter().any(|ou| {
        levels.iter().any(|l| match l {
            Level::Unit(u) => u.id == *ou || u.name == *ou,
            _ => false,
        }) || path == *ou
            || path.starts_with(&format!("{ou}/"))
    })
}

impl Selection {
    /// The accounts chosen, in the organization's order, and the names
    /// given that match no account (so a typo is not silently ignored).
    pub fn choose<'a>(&self, org: &'a Organization) -> (Vec<&'a OrgAccount>, Vec<String>) {
        let chosen = org
            .accounts
            .iter()
            .filter(|a| self.accounts.is_empty() || names(a, &self.accounts))
            .filter(|a| !names(a, &self.exclude))
            .filter(|a| self.ous.is_empty() || under_ou(org, a, &self.ous))
            .collect();
        let known = |w: &String| org.accounts.iter().any(|a| a.id == *w || a.name == *w);
        let ou_known = |w: &String| {
            org.organizational_units
                .iter()
                .any(|u| u.id == *w || u.name == *w)
                || org.roots.iter().any(|r| r.id == *w || r.name == *w)
                || org
                    .accounts
                    .iter()
                    .filter_map(|a| org.ou_path(&a.id))
                    .any(|p| p == *w || p.starts_with(&format!("{w}/")))
        };
        let mut unknown: Vec<String> = self
            .accounts
            .iter()
            .chain(&self.exclude)
            .filter(|w| !known(w))
            .map(|w| format!("account {w}"))
            .collect();
        unknown.extend(
            self.ous
                .iter()
                .filter(|w| !ou_known(w))
                .map(|w| format!("OU {w}")),
        );
        (chosen, unknown)
    }
}

/// Whether a previous run left `dir/ACCOUNT_ID.json` complete: the file is
/// there and the previous `organization.json` records no error for it.
pub fn already_done(dir: &Path, previous: Option<&Organization>, account_id: &str) -> bool {
    let file = dir.join(format!("{account_id}.json"));
    let failed = previous
        .and_then(|p| p.account(account_id))
        .is_some_and(|a| a.error.is_some());
    file.is_file() && !failed
}
