//! What the lists show of each account, worked out once per model (not per
//! frame, not per role): the Account and OU cells of the role and entity
//! lists, each account's counts, and the Accounts view's tree (`tree`).
//! Findings are counted again when the audit's answer arrives.

mod tree;

pub use tree::{AccountTree, Unit, is_account};

use std::collections::HashMap;

use crate::model::{EntityRef, Model};
use crate::ui::risk::RiskIndex;
use crate::ui::text::clean;

/// One loaded account's cells, escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountText {
    /// `prod (222222222222)`: its name in the organization (else its alias
    /// or label) and its id; the id alone when it has no other name.
    pub full: String,
    /// `prod`: the name alone, for narrow screens (the id when nameless).
    pub short: String,
    /// `Root/Prod/Web`, empty when the account is not in an organization.
    pub ou: String,
}

/// Per loaded account (index of `Model::accounts`).
#[derive(Debug, Clone, Default)]
pub struct AccountBook {
    pub text: Vec<AccountText>,
    /// Roles, users, groups and managed policies of each account.
    pub counts: Vec<[usize; 4]>,
    /// Findings of each account (of its roles, users, groups and
    /// policies); `None` until the audit is done.
    pub findings: Option<Vec<usize>>,
    /// The Accounts view's rows.
    pub tree: AccountTree,
}

impl AccountBook {
    pub fn build(model: &Model) -> AccountBook {
        let mut counts = vec![[0usize; 4]; model.accounts.len()];
        let mut add = |account: usize, kind: usize| {
            if let Some(c) = counts.get_mut(account) {
                c[kind] += 1;
            }
        };
        model.roles.iter().for_each(|r| add(r.account, 0));
        model.users.iter().for_each(|u| add(u.account, 1));
        model.groups.iter().for_each(|g| add(g.account, 2));
        model.policies.iter().for_each(|p| add(p.account, 3));
        let tree = AccountTree::build(model, &counts);
        let text = texts(model, &tree);
        AccountBook {
            text,
            counts,
            findings: None,
            tree,
        }
    }

    /// Counts each account's findings (once per audit answer).
    pub fn count_findings(&mut self, model: &Model, risk: &RiskIndex) {
        if !risk.ready {
            self.findings = None;
            return;
        }
        let mut per = vec![0usize; model.accounts.len()];
        for (role, findings) in risk.by_role.iter().enumerate() {
            if let Some(n) = model.roles.get(role).and_then(|r| per.get_mut(r.account)) {
                *n += findings.len();
            }
        }
        for f in &risk.others {
            if let Some(n) = account_of(model, f.entity).and_then(|a| per.get_mut(a)) {
                *n += 1;
            }
        }
        self.tree.count_findings(&per);
        self.findings = Some(per);
    }

    /// The account's cells; empty ones for an index out of range.
    pub fn text(&self, account: usize) -> &AccountText {
        static EMPTY: AccountText = AccountText {
            full: String::new(),
            short: String::new(),
            ou: String::new(),
        };
        self.text.get(account).unwrap_or(&EMPTY)
    }

    pub fn findings_of(&self, account: usize) -> Option<usize> {
        self.findings
            .as_ref()
            .map(|f| f.get(account).copied().unwrap_or(0))
    }
}

/// The account of an entity, `None` for an index the model does not have.
fn account_of(model: &Model, entity: EntityRef) -> Option<usize> {
    match entity {
        EntityRef::Role(i) => model.roles.get(i).map(|r| r.account),
        EntityRef::User(i) => model.users.get(i).map(|u| u.account),
        EntityRef::Group(i) => model.groups.get(i).map(|g| g.account),
        EntityRef::Policy(i) => model.policies.get(i).map(|p| p.account),
    }
}

/// Whether lists show Account (and, with an organization, OU) columns.
pub fn shows_accounts(model: &Model) -> bool {
    model.is_multi_account() || model.organization.is_some()
}

/// Each loaded account's cells: its name in the organization (the tree
/// found which entry is its), else its label.
fn texts(model: &Model, tree: &AccountTree) -> Vec<AccountText> {
    let org = model.organization.as_deref();
    let mut snapshots: HashMap<&str, usize> = HashMap::new();
    for a in &model.accounts {
        *snapshots.entry(a.account_id.as_str()).or_default() += 1;
    }
    model
        .accounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let id = a.account_id.as_str();
            let org_name = tree
                .org_of
                .get(i)
                .copied()
                .flatten()
                .and_then(|o| org?.accounts.get(o))
                .map(|x| x.name.trim())
                .filter(|n| !n.is_empty());
            let twice = snapshots.get(id).copied().unwrap_or(0) > 1;
            let name = match org_name {
                // The label names the file when the account is loaded twice.
                Some(name) if twice => {
                    let file = a.origin.rsplit('/').next().unwrap_or(&a.origin);
                    format!("{name} ({file})")
                }
                Some(name) => name.to_string(),
                None => a.label.clone(),
            };
            let full = if name == id || name.contains(id) {
                name.clone()
            } else {
                format!("{name} ({id})")
            };
            AccountText {
                full: clean(&full).into_owned(),
                short: clean(&name).into_owned(),
                ou: tree.ou.get(i).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rolecall_testkit::gaad::{Account, Role, User, model_of};

    pub(crate) fn org(json: serde_json::Value) -> std::sync::Arc<rolecall_core::org::Organization> {
        let bytes = serde_json::to_vec(&json).unwrap();
        std::sync::Arc::new(
            rolecall_core::org::parse_organization(&bytes, "organization.json").unwrap(),
        )
    }

    pub(crate) fn two_accounts_in_an_org() -> Model {
        let mut model = model_of(&[
            Account::new("111111111111")
                .role(Role::new("a1"))
                .role(Role::new("a2"))
                .user(User::new("ann")),
            Account::new("222222222222").role(Role::new("b1")),
        ]);
        model.organization = Some(org(serde_json::json!({
            "format": "rolecall-organization/1",
            "organization": {"id": "o-test", "management_account_id": "999999999999"},
            "roots": [{"id": "r-1", "name": "Root"}],
            "organizational_units": [
                {"id": "ou-prod", "name": "Prod", "parent_id": "r-1"},
                {"id": "ou-web", "name": "Web", "parent_id": "ou-prod"},
                {"id": "ou-dev", "name": "Dev", "parent_id": "r-1"}
            ],
            "accounts": [
                {"id": "999999999999", "name": "mgmt", "parent_id": "r-1", "status": "ACTIVE",
                 "error": "access denied\u{1b}[31m"},
                {"id": "111111111111", "name": "web\u{7}", "parent_id": "ou-web", "status": "ACTIVE"},
                {"id": "222222222222", "name": "dev", "parent_id": "ou-dev", "status": "SUSPENDED"},
                {"id": "333333333333", "name": "sandbox", "parent_id": "ou-dev", "status": "ACTIVE"}
            ]
        })));
        model
    }

    #[test]
    fn each_account_is_named_once_escaped_with_its_ou_path() {
        let model = two_accounts_in_an_org();
        let book = AccountBook::build(&model);
        assert_eq!(book.text(0).full, "web\\u{7} (111111111111)");
        assert_eq!(book.text(0).short, "web\\u{7}");
        assert_eq!(book.text(0).ou, "Root/Prod/Web");
        assert_eq!(book.text(1).full, "dev (222222222222)");
        assert_eq!(book.text(1).ou, "Root/Dev");
        assert_eq!(book.counts[0], [2, 1, 0, 0]);
        assert_eq!(book.counts[1], [1, 0, 0, 0]);
        assert_eq!(book.text(7), &AccountText::default());
    }

    #[test]
    fn without_an_organization_the_label_names_the_account() {
        let model = model_of(&[
            Account::new("111111111111").origin("a.json"),
            Account::new("111111111111").origin("b.json"),
        ]);
        let book = AccountBook::build(&model);
        assert!(book.text(0).full.contains("a.json"), "{:?}", book.text(0));
        assert!(book.text(1).full.contains("b.json"), "{:?}", book.text(1));
        assert_eq!(book.text(0).ou, "");
        assert!(shows_accounts(&model));
        assert!(!shows_accounts(&model_of(&[Account::new("111111111111")])));
    }

    #[test]
    fn findings_are_counted_per_account_when_the_audit_is_done() {
        let model = two_accounts_in_an_org();
        let mut book = AccountBook::build(&model);
        assert_eq!(book.findings_of(0), None, "not audited yet");
        let risk = RiskIndex::build(&model);
        book.count_findings(&model, &risk);
        let expected = |account: usize| {
            risk.by_role
                .iter()
                .enumerate()
                .filter(|(r, _)| model.roles[*r].account == account)
                .map(|(_, f)| f.len())
                .sum::<usize>()
                + risk
                    .others
                    .iter()
                    .filter(|f| model.account_of(f.entity) == account)
                    .count()
        };
        assert!(expected(0) + expected(1) > 0, "the fixture has findings");
        assert_eq!(book.findings_of(0), Some(expected(0)));
        assert_eq!(book.findings_of(1), Some(expected(1)));
    }
}
