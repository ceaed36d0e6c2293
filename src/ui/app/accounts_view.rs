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
                "{}: {} of {} accounts loaded, {} role{}. Filter the roles with ou:NAME (/ on the role list).",
                unit.name,
                unit.loaded,
                unit.accounts,
                unit.roles,
                if unit.roles == 1 { "" } else { "s" }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::accounts::tests::two_accounts_in_an_org;

    #[test]
    fn the_status_line_says_what_is_there_and_why_not() {
        let data = Data::new(two_accounts_in_an_org());
        let opened = opened(&data, data.accounts.tree.accounts());
        assert!(
            opened.starts_with("4 accounts (2 loaded) in organization o-test, by OU."),
            "{opened}"
        );
        assert!(!opened.contains("problem"), "the tree is whole: {opened}");
        // The management account: not loaded, its error escaped.
        let why = why_not_open(&data, Item::Absent(0));
        assert_eq!(
            why,
            "Account 999999999999 (mgmt) is not loaded: organization.json says: access denied\\e[31m."
        );
        let why = why_not_open(&data, Item::Absent(3));
        assert!(
            why.ends_with("the directory has no 333333333333.json."),
            "{why}"
        );
        let dev = data
            .accounts
            .tree
            .units
            .iter()
            .position(|u| u.name == "Dev")
            .unwrap();
        let why = why_not_open(&data, Item::Unit(dev));
        assert!(
            why.starts_with("Dev: 1 of 2 accounts loaded, 1 role."),
            "{why}"
        );
        assert_eq!(why_not_open(&data, Item::Unit(99)), "");
    }
}
