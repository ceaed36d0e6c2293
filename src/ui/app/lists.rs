//! The lists of users, groups, managed policies and accounts (`:users`,
//! …): each keeps its own sort, filter and selection, so coming back to a
//! list finds it as it was left. Sorting and filtering run when they
//! change, never per frame. The accounts list (the Accounts view) is the
//! organization's tree, made once per model (`ui::accounts`).

use crate::model::filter::{RoleFilter, sorted_entities};
use crate::model::{EntityRef, Model};
use crate::ui::accounts::{AccountBook, is_account};
use crate::ui::nav::ListPage;

/// One row of a list: an entity, or a row of the Accounts view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Entity(EntityRef),
    /// A loaded account (index of `Model::accounts`).
    Account(usize),
    /// A root, an OU or a group of leftovers (`AccountTree::units`).
    Unit(usize),
    /// An account of `organization.json` with no snapshot loaded (index of
    /// `Organization::accounts`).
    Absent(usize),
    /// A fault of the organization's tree (`AccountTree::problems`).
    Problem(usize),
}

/// The orders an entity list can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListSort {
    #[default]
    Name,
    /// Newest first (a policy by its last update).
    Created,
}

impl ListSort {
    pub fn next(self) -> ListSort {
        match self {
            ListSort::Name => ListSort::Created,
            ListSort::Created => ListSort::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ListSort::Name => "name",
            ListSort::Created => "created",
        }
    }
}

/// One list's state.
#[derive(Debug, Clone)]
pub struct EntityList {
    pub kind: ListPage,
    pub sort: ListSort,
    pub reverse: bool,
    order: Vec<Item>,
    /// The items that pass the filter, in display order.
    pub visible: Vec<Item>,
    /// How many of `visible` (at its front) match exactly.
    pub exact: usize,
    /// How many of `visible` are counted: entities, or accounts (not the
    /// Accounts view's headings and problems).
    pub shown: usize,
    /// How many of every item are counted.
    counted: usize,
    pub selected: usize,
    /// The first visible row shown (kept by `App::relayout`).
    pub offset: usize,
    pub filter: String,
    pub editing: bool,
    pub text_filter: RoleFilter,
}

impl EntityList {
    pub fn new(kind: ListPage) -> EntityList {
        EntityList {
            kind,
            sort: ListSort::default(),
            reverse: false,
            order: Vec::new(),
            visible: Vec::new(),
            exact: 0,
            shown: 0,
            counted: 0,
            selected: 0,
            offset: 0,
            filter: String::new(),
            editing: false,
            text_filter: RoleFilter::default(),
        }
    }

    /// How many items the list has unfiltered (accounts, on the Accounts
    /// view).
    pub fn total(&self) -> usize {
        self.counted
    }

    pub fn selected_item(&self) -> Option<Item> {
        self.visible.get(self.selected).copied()
    }

    /// Sorts every item again and re-applies the filter. The Accounts view
    /// keeps the tree's order.
    pub fn resort(&mut self, model: &Model, book: &AccountBook) {
        self.order = match self.kind.entity_kind() {
            Some(kind) => {
                let mut order =
                    sorted_entities(model, kind, crate::model::filter::SortKey::Name, false);
                if self.sort == ListSort::Created {
                    // Stable: equal dates keep name order.
                    order.sort_by_key(|e| std::cmp::Reverse(when(model, *e)));
                }
                if self.reverse {
                    order.reverse();
                }
                order.into_iter().map(Item::Entity).collect()
            }
            None => book.tree.rows.iter().map(|(item, _)| *item).collect(),
        };
        self.counted = match self.kind.entity_kind() {
            Some(_) => self.order.len(),
            None => book.tree.accounts(),
        };
        self.refilter(model, book);
    }

    /// Applies the filter, keeping the selected item selected when it is
    /// still visible.
    pub fn refilter(&mut self, model: &Model, book: &AccountBook) {
        let keep = self.selected_item();
        self.text_filter = RoleFilter::new(&self.filter);
        match self.kind.entity_kind() {
            Some(_) => {
                let order: Vec<EntityRef> = self
                    .order
                    .iter()
                    .filter_map(|i| match i {
                        Item::Entity(e) => Some(*e),
                        _ => None,
                    })
                    .collect();
                let mut out = Vec::new();
                self.exact = self.text_filter.apply_entities(model, &order, &mut out);
                self.visible = out.into_iter().map(Item::Entity).collect();
                self.shown = self.visible.len();
            }
            None => {
                let words: Vec<String> = self
                    .filter
                    .split_whitespace()
                    .map(|w| {
                        let w = w.to_lowercase();
                        w.strip_prefix("account:").map(str::to_string).unwrap_or(w)
                    })
                    .filter(|w| !w.is_empty())
                    .collect();
                self.visible = book.tree.filter(&words);
                self.shown = self.visible.iter().filter(|i| is_account(**i)).count();
                self.exact = self.shown;
            }
        }
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|v| *v == k))
            .or_else(|| self.visible.iter().position(|i| is_account(*i)))
            .unwrap_or(0);
    }
}

/// The date a list sorts by: a policy's last update (else its creation),
/// anything else's creation.
fn when(model: &Model, entity: EntityRef) -> Option<chrono::DateTime<chrono::Utc>> {
    match entity {
        EntityRef::User(i) => model.users.get(i).and_then(|u| u.created),
        EntityRef::Group(i) => model.groups.get(i).and_then(|g| g.created),
        EntityRef::Policy(i) => model.policies.get(i).and_then(|p| p.updated.or(p.created)),
        EntityRef::Role(i) => model.roles.get(i).and_then(|r| r.created),
    }
}

/// Every list, made when first opened.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    lists: [Option<EntityList>; 4],
}

impl Lists {
    pub fn get(&self, kind: ListPage) -> Option<&EntityList> {
        self.lists[kind.index()].as_ref()
    }

    pub fn get_mut(&mut self, kind: ListPage) -> Option<&mut EntityList> {
        self.lists[kind.index()].as_mut()
    }

    /// The list of this kind, sorted and filtered the first time.
    pub fn open(&mut self, kind: ListPage, model: &Model, book: &AccountBook) -> &mut EntityList {
        self.lists[kind.index()].get_or_insert_with(|| {
            let mut list = EntityList::new(kind);
            list.resort(model, book);
            list
        })
    }

    /// After a reload: every list made is sorted and filtered again.
    pub fn resort_all(&mut self, model: &Model, book: &AccountBook) {
        for list in self.lists.iter_mut().flatten() {
            list.resort(model, book);
        }
    }
}

/// The `:` commands, in the order completion offers them.
pub const COMMANDS: [&str; 5] = ["roles", "users", "groups", "policies", "accounts"];

/// The commands that start with what was typed.
pub fn candidates(typed: &str) -> Vec<&'static str> {
    let typed = typed.trim().to_lowercase();
    COMMANDS
        .into_iter()
        .filter(|c| c.starts_with(typed.as_str()))
        .collect()
}

/// The list a command names: `None` for the role list, `Err` if unknown.
/// A unique prefix is enough (`:po`), and a singular too (`:user`).
pub fn parse_command(typed: &str) -> Result<Option<ListPage>, String> {
    let typed = typed.trim().to_lowercase();
    let found = match candidates(&typed).as_slice() {
        [one] => Some(*one),
        many => many.iter().copied().find(|c| *c == typed),
    };
    match found {
        Some("roles") => Ok(None),
        Some("users") => Ok(Some(ListPage::Users)),
        Some("groups") => Ok(Some(ListPage::Groups)),
        Some("policies") => Ok(Some(ListPage::Policies)),
        Some("accounts") => Ok(Some(ListPage::Accounts)),
        _ => Err(format!(
            "Unknown command “:{}”. The commands are {}.",
            typed,
            COMMANDS
                .iter()
                .map(|c| format!(":{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_complete_from_a_prefix() {
        assert_eq!(candidates("po"), ["policies"]);
        assert_eq!(candidates(""), COMMANDS);
        assert_eq!(parse_command("us"), Ok(Some(ListPage::Users)));
        assert_eq!(parse_command("roles"), Ok(None));
        assert_eq!(parse_command(" Accounts "), Ok(Some(ListPage::Accounts)));
        let err = parse_command("nope").unwrap_err();
        assert!(err.contains(":users") && err.contains(":accounts"), "{err}");
        assert!(parse_command("").is_err(), "ambiguous");
    }
}
