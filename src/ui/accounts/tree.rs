//! The Accounts view's rows, in the organization's tree order: each root
//! and OU a heading (its accounts first, then its child OUs, each by name),
//! every account of `organization.json` under its parent (loaded or not),
//! then the accounts the tree does not place and the loaded ones it does
//! not list. Without an organization, the loaded accounts by label.
//!
//! Built once per model; only the findings sums change, when the audit
//! answers. A hostile file (a loop, a missing parent, a duplicate id, a
//! tree thousands deep) ends in the leftover groups, never in recursion.

use std::collections::HashMap;

use crate::model::Model;
use crate::ui::app::Item;
use crate::ui::text::clean;
use rolecall_core::org::Organization;

/// A heading: a root, an OU, or one of the leftover groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// Escaped.
    pub name: String,
    /// `r-…`, `ou-…`, escaped; empty for a leftover group.
    pub id: String,
    /// Roles of the loaded accounts beneath it (at any depth).
    pub roles: usize,
    /// Findings of the loaded accounts beneath it (after the audit).
    pub findings: usize,
    /// Accounts beneath it, and how many of them are loaded.
    pub accounts: usize,
    pub loaded: usize,
}

#[derive(Debug, Clone, Default)]
pub struct AccountTree {
    /// Each row and its depth (0 for a root or a leftover group).
    pub rows: Vec<(Item, usize)>,
    pub units: Vec<Unit>,
    /// `Organization::problems`, escaped (`Item::Problem` rows index it).
    pub problems: Vec<String>,
    /// Per loaded account, its index in `Organization::accounts`.
    pub org_of: Vec<Option<usize>>,
    /// Per loaded account, its OU path (`Root/Prod/Web`, escaped; empty
    /// outside the organization), from the walk down the tree.
    pub ou: Vec<String>,
    /// Per row: the lower-case text the view's filter searches.
    search: Vec<String>,
    /// Per loaded account: the units above it.
    above: Vec<Vec<usize>>,
    /// Each row's depth, by item.
    depths: HashMap<Item, usize>,
}

/// Indexes of the file's OUs and accounts by parent id, each by name.
struct Children<'a> {
    units: HashMap<&'a str, Vec<usize>>,
    accounts: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Children<'a> {
    fn of(org: &'a Organization) -> Children<'a> {
        let mut units: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, u) in org.organizational_units.iter().enumerate() {
            units.entry(u.parent_id.as_str()).or_default().push(i);
        }
        for list in units.values_mut() {
            list.sort_by_cached_key(|i| {
                let u = &org.organizational_units[*i];
                (u.name.to_lowercase(), u.id.clone())
            });
        }
        let mut accounts: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, a) in org.accounts.iter().enumerate() {
            accounts.entry(a.parent_id.as_str()).or_default().push(i);
        }
        for list in accounts.values_mut() {
            list.sort_by_cached_key(|i| {
                let a = &org.accounts[*i];
                (a.name.to_lowercase(), a.id.clone())
            });
        }
        Children { units, accounts }
    }
}

/// Where a row goes: its depth and the units above it.
#[derive(Clone, Copy)]
struct Place<'a> {
    depth: usize,
    above: &'a [usize],
}

/// What the tree is being built from and into.
struct Builder<'a> {
    model: &'a Model,
    counts: &'a [[usize; 4]],
    tree: AccountTree,
    /// Loaded accounts by id (an account loaded twice has two).
    loaded: HashMap<&'a str, Vec<usize>>,
    placed: Vec<bool>,
}

impl Builder<'_> {
    fn push(&mut self, item: Item, depth: usize) {
        self.tree.rows.push((item, depth));
        self.tree.depths.insert(item, depth);
    }

    fn heading(&mut self, name: &str, id: &str, depth: usize) -> usize {
        let unit = self.tree.units.len();
        self.tree.units.push(Unit {
            name: clean(name).into_owned(),
            id: clean(id).into_owned(),
            ..Unit::default()
        });
        self.push(Item::Unit(unit), depth);
        self.tree.search.push(format!("{name} {id}").to_lowercase());
        unit
    }

    /// A loaded account's row under the units `above`.
    fn loaded_row(&mut self, account: usize, depth: usize, above: &[usize], search: String) {
        let roles = self.counts.get(account).map_or(0, |c| c[0]);
        for u in above {
            if let Some(unit) = self.tree.units.get_mut(*u) {
                unit.roles += roles;
                unit.accounts += 1;
                unit.loaded += 1;
            }
        }
        if let Some(slot) = self.tree.above.get_mut(account) {
            *slot = above.to_vec();
        }
        self.push(Item::Account(account), depth);
        self.tree.search.push(search);
    }

    /// An account of the file: a row per snapshot of it, or one saying it
    /// is not loaded. `ou` is its OU path (escaped).
    fn org_account(&mut self, org: &Organization, index: usize, at: Place<'_>, ou: &str) {
        let Some(a) = org.accounts.get(index) else {
            return;
        };
        let Place { depth, above } = at;
        let search = format!(
            "{} {} {ou} {} {}",
            a.name,
            a.id,
            a.status,
            a.error.as_deref().unwrap_or("")
        )
        .to_lowercase();
        let snapshots = self.loaded.get(a.id.as_str()).cloned().unwrap_or_default();
        for account in &snapshots {
            if let Some(slot) = self.tree.org_of.get_mut(*account) {
                *slot = Some(index);
            }
            if let Some(slot) = self.tree.ou.get_mut(*account) {
                *slot = ou.to_string();
            }
            self.loaded_row(*account, depth, above, search.clone());
        }
        if snapshots.is_empty() {
            for u in above {
                if let Some(unit) = self.tree.units.get_mut(*u) {
                    unit.accounts += 1;
                }
            }
            self.push(Item::Absent(index), depth);
            self.tree.search.push(format!("{search} not loaded"));
        }
    }
}

impl AccountTree {
    /// The rows of this model; `counts` are each loaded account's roles,
    /// users, groups and policies.
    pub fn build(model: &Model, counts: &[[usize; 4]]) -> AccountTree {
        let mut b = Builder {
            model,
            counts,
            tree: AccountTree {
                org_of: vec![None; model.accounts.len()],
                ou: vec![String::new(); model.accounts.len()],
                above: vec![Vec::new(); model.accounts.len()],
                ..AccountTree::default()
            },
            loaded: HashMap::new(),
            placed: Vec::new(),
        };
        for (i, a) in model.accounts.iter().enumerate() {
            b.loaded.entry(a.account_id.as_str()).or_default().push(i);
        }
        match model.organization.as_deref() {
            Some(org) => b.organization(org),
            None => {
                let mut order: Vec<usize> = (0..model.accounts.len()).collect();
                order.sort_by_cached_key(|a| model.accounts[*a].label.to_lowercase());
                for a in order {
                    let acc = &model.accounts[a];
                    let search = format!("{} {}", acc.label, acc.account_id).to_lowercase();
                    b.loaded_row(a, 0, &[], search);
                }
            }
        }
        b.tree
    }

    /// Adds up each unit's findings from the per-account counts.
    pub fn count_findings(&mut self, per_account: &[usize]) {
        for unit in &mut self.units {
            unit.findings = 0;
        }
        for (account, above) in self.above.iter().enumerate() {
            let n = per_account.get(account).copied().unwrap_or(0);
            for u in above {
                if let Some(unit) = self.units.get_mut(*u) {
                    unit.findings += n;
                }
            }
        }
    }

    /// How many rows are accounts (loaded or not).
    pub fn accounts(&self) -> usize {
        self.rows.iter().filter(|(i, _)| is_account(*i)).count()
    }

    pub fn depth(&self, item: Item) -> usize {
        self.depths.get(&item).copied().unwrap_or(0)
    }

    /// The rows shown for a filter: the problems, every account whose
    /// text holds each word (lower case), and the headings above those.
    pub fn filter(&self, words: &[String]) -> Vec<Item> {
        let mut out = Vec::new();
        // Headings above the current row: (row item, depth, shown yet).
        let mut open: Vec<(Item, usize, bool)> = Vec::new();
        for ((item, depth), text) in self.rows.iter().zip(&self.search) {
            match item {
                Item::Problem(_) => out.push(*item),
                Item::Unit(_) => {
                    while open.last().is_some_and(|(_, d, _)| *d >= *depth) {
                        open.pop();
                    }
                    open.push((*item, *depth, false));
                    if words.is_empty() {
                        out.push(*item);
                        if let Some(last) = open.last_mut() {
                            last.2 = true;
                        }
                    }
                }
                _ if words.iter().all(|w| text.contains(w.as_str())) => {
                    for (heading, _, shown) in open.iter_mut().filter(|(_, _, s)| !*s) {
                        out.push(*heading);
                        *shown = true;
                    }
                    out.push(*item);
                }
                _ => {}
            }
        }
        out
    }
}

/// An account row (loaded or not), not a heading or a problem.
pub fn is_account(item: Item) -> bool {
    matches!(item, Item::Account(_) | Item::Absent(_))
}

impl Builder<'_> {
    fn organization(&mut self, org: &Organization) {
        for p in org.problems() {
            let i = self.tree.problems.len();
            self.tree.problems.push(clean(&p).into_owned());
            self.push(Item::Problem(i), 0);
            self.tree.search.push(p.to_lowercase());
        }
        let children = Children::of(org);
        self.placed = vec![false; org.accounts.len()];
        let mut seen = vec![false; org.organizational_units.len()];
        // Depth-first, by hand: (name, id, depth), the last pushed first.
        let mut todo: Vec<(&str, &str, usize)> = org
            .roots
            .iter()
            .rev()
            .map(|r| (r.name.as_str(), r.id.as_str(), 0))
            .collect();
        let mut path: Vec<usize> = Vec::new();
        while let Some((name, id, depth)) = todo.pop() {
            path.truncate(depth);
            let unit = self.heading(if name.is_empty() { id } else { name }, id, depth);
            path.push(unit);
            let ou: Vec<&str> = path
                .iter()
                .filter_map(|u| self.tree.units.get(*u).map(|u| u.name.as_str()))
                .collect();
            let ou = ou.join("/");
            for a in children.accounts.get(id).into_iter().flatten() {
                if let Some(placed) = self.placed.get_mut(*a).filter(|p| !**p) {
                    *placed = true;
                    let at = Place {
                        depth: depth + 1,
                        above: &path,
                    };
                    self.org_account(org, *a, at, &ou);
                }
            }
            for u in children.units.get(id).into_iter().flatten().rev() {
                if let Some(seen) = seen.get_mut(*u).filter(|s| !**s) {
                    *seen = true;
                    let unit = &org.organizational_units[*u];
                    todo.push((unit.name.as_str(), unit.id.as_str(), depth + 1));
                }
            }
        }
        let stray: Vec<usize> = (0..org.accounts.len())
            .filter(|a| !self.placed[*a])
            .collect();
        if !stray.is_empty() {
            let unit = self.heading("Outside the tree", "", 0);
            for a in stray {
                // As far as its parents go (the `ou:` filter reads the same).
                let ou = org
                    .accounts
                    .get(a)
                    .and_then(|x| org.ou_path(&x.id))
                    .map(|p| clean(&p).into_owned())
                    .unwrap_or_default();
                let at = Place {
                    depth: 1,
                    above: &[unit],
                };
                self.org_account(org, a, at, &ou);
            }
        }
        let outside: Vec<usize> = (0..self.model.accounts.len())
            .filter(|a| self.tree.org_of[*a].is_none())
            .collect();
        if !outside.is_empty() {
            let unit = self.heading("Not in organization.json", "", 0);
            for a in outside {
                let acc = &self.model.accounts[a];
                let search = format!("{} {}", acc.label, acc.account_id).to_lowercase();
                self.loaded_row(a, 1, &[unit], search);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{org, two_accounts_in_an_org};
    use super::*;

    fn counts(model: &Model) -> Vec<[usize; 4]> {
        super::super::AccountBook::build(model).counts
    }

    /// Each row as `depth:text`, headings by name, accounts by id.
    fn outline(model: &Model, tree: &AccountTree, items: &[Item]) -> Vec<String> {
        let org = model.organization.as_deref();
        items
            .iter()
            .map(|item| {
                let depth = tree.depth(*item);
                let text = match item {
                    Item::Unit(u) => tree.units[*u].name.clone(),
                    Item::Account(a) => model.accounts[*a].account_id.clone(),
                    Item::Absent(o) => format!("{} absent", org.unwrap().accounts[*o].id),
                    Item::Problem(p) => format!("problem {}", tree.problems[*p]),
                    Item::Entity(_) => "entity".into(),
                };
                format!("{depth}:{text}")
            })
            .collect()
    }

    #[test]
    fn accounts_sit_under_their_ous_in_tree_order_with_sums() {
        let model = two_accounts_in_an_org();
        let tree = AccountTree::build(&model, &counts(&model));
        let all: Vec<Item> = tree.rows.iter().map(|(i, _)| *i).collect();
        assert_eq!(
            outline(&model, &tree, &all),
            [
                "0:Root",
                "1:999999999999 absent",
                "1:Dev",
                "2:222222222222",
                "2:333333333333 absent",
                "1:Prod",
                "2:Web",
                "3:111111111111",
            ]
        );
        assert_eq!(tree.accounts(), 4);
        let root = &tree.units[0];
        assert_eq!((root.roles, root.accounts, root.loaded), (3, 4, 2));
        let dev = tree.units.iter().find(|u| u.name == "Dev").unwrap();
        assert_eq!(
            (dev.id.as_str(), dev.roles, dev.accounts, dev.loaded),
            ("ou-dev", 1, 2, 1)
        );
        assert_eq!(tree.org_of, [Some(1), Some(2)]);
    }

    #[test]
    fn findings_add_up_in_every_unit_above_an_account() {
        let model = two_accounts_in_an_org();
        let mut tree = AccountTree::build(&model, &counts(&model));
        tree.count_findings(&[5, 2]);
        let of = |tree: &AccountTree, name: &str| {
            tree.units.iter().find(|u| u.name == name).unwrap().findings
        };
        let all = |tree: &AccountTree| {
            (
                of(tree, "Root"),
                of(tree, "Prod"),
                of(tree, "Web"),
                of(tree, "Dev"),
            )
        };
        assert_eq!(all(&tree), (7, 5, 5, 2));
        tree.count_findings(&[1, 0]);
        assert_eq!(of(&tree, "Root"), 1, "counted again, not added");
    }

    #[test]
    fn the_filter_keeps_the_headings_above_what_matches() {
        let model = two_accounts_in_an_org();
        let tree = AccountTree::build(&model, &counts(&model));
        let shown = |q: &str| {
            let words: Vec<String> = q.split_whitespace().map(str::to_string).collect();
            outline(&model, &tree, &tree.filter(&words))
        };
        assert_eq!(
            shown("web"),
            ["0:Root", "1:Prod", "2:Web", "3:111111111111"]
        );
        assert_eq!(
            shown("not loaded"),
            [
                "0:Root",
                "1:999999999999 absent",
                "1:Dev",
                "2:333333333333 absent"
            ]
        );
        assert_eq!(shown("suspended"), ["0:Root", "1:Dev", "2:222222222222"]);
        assert_eq!(shown("denied"), ["0:Root", "1:999999999999 absent"]);
        assert!(shown("nothing-like-this").is_empty());
    }

    #[test]
    fn a_broken_tree_puts_its_accounts_aside_and_names_the_problems() {
        let mut model = rolecall_testkit::gaad::model_of(&[
            rolecall_testkit::gaad::Account::new("111111111111"),
            rolecall_testkit::gaad::Account::new("444444444444"),
        ]);
        model.organization = Some(org(serde_json::json!({
            "format": "rolecall-organization/1",
            "organization": {"id": "o-test", "management_account_id": "999999999999"},
            "roots": [{"id": "r-1", "name": "Root"}],
            "organizational_units": [
                {"id": "ou-a", "name": "A", "parent_id": "ou-b"},
                {"id": "ou-b", "name": "B", "parent_id": "ou-a"}
            ],
            "accounts": [{"id": "111111111111", "name": "looped", "parent_id": "ou-a"}]
        })));
        let tree = AccountTree::build(&model, &counts(&model));
        let all: Vec<Item> = tree.rows.iter().map(|(i, _)| *i).collect();
        let rows = outline(&model, &tree, &all);
        assert!(
            rows[0].starts_with("0:problem account 111111111111"),
            "{rows:?}"
        );
        assert_eq!(
            &rows[1..],
            [
                "0:Root",
                "0:Outside the tree",
                "1:111111111111",
                "0:Not in organization.json",
                "1:444444444444",
            ]
        );
    }

    #[test]
    fn without_an_organization_the_loaded_accounts_are_flat() {
        let model = rolecall_testkit::gaad::model_of(&[
            rolecall_testkit::gaad::Account::new("222222222222"),
            rolecall_testkit::gaad::Account::new("111111111111"),
        ]);
        let tree = AccountTree::build(&model, &counts(&model));
        let all: Vec<Item> = tree.rows.iter().map(|(i, _)| *i).collect();
        assert_eq!(
            outline(&model, &tree, &all),
            ["0:111111111111", "0:222222222222"]
        );
        assert!(tree.problems.is_empty() && tree.units.is_empty());
    }
}
