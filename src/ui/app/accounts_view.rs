//! The words the Accounts view puts on the status line: on opening it, and
//! on Enter on a row that has no roles to show.

use super::Data;
use super::lists::Item;
use crate::ui::text::clean;

/// "12 accounts (9 loaded) of organization o-…; 2 problems …".
pub(super) fn opened(data: &Data, total: usize) -> String {
    let loaded = data.model.accounts.len();
    let problems = data.accounts.tree.problems.len();
    let what = match data.model.organization.as_deref() {
        Some(org) => format!(
            "{total} accounts ({loaded} loaded) in organization {}, by OU.",
            clean(&org.organization.id)
        ),
        None => format!("{total} accounts loaded."),
    };
    let problems = match problems {
        0 => String::new(),
        1 => " organization.json has 1 problem, listed first.".into(),
        n => format!(" organization.json has {n} problems, listed first."),
    };
    format!("{what}{problems} Enter shows an account's roles; / filters; Esc goes back.")
}

/// Why Enter on a heading, an account not loaded or a problem shows nothing.
pub(super) fn why_not_open(data: &Data, item: Item) -> String {
    let org = data.model.organization.as_deref();
    match item {
        Item::Absent(i) => match org.and_then(|o| o.accounts.get(i)) {
            Some(a) => {
                let why = match a.error.as_deref() {
                    Some(error) => format!("organization.json says: {}", clean(error)),
                    None => format!("the directory has no {}.json", clean(&a.id)),
                };
                format!(
                    "Account {} ({}) is not loaded: {why}.",
                    clean(&a.id),
                    clean(&a.name)
                )
            }
            None => "That account is not loaded.".into(),
        },
        Item::Unit(u) => match data.accounts.tree.units.get(u) {
            Some(unit) => format!(
                "{}: {} of {} accounts loaded, {} roles. Filter the roles with ou:NAME (/ on the role list).",
                unit.name, unit.loaded, unit.accounts, unit.roles
            ),
            None => String::new(),
        },
        Item::Problem(p) => data
            .accounts
            .tree
            .problems
            .get(p)
            .map(|text| format!("organization.json: {text}"))
            .unwrap_or_default(),
        Item::Account(_) | Item::Entity(_) => String::new(),
    }
}
