//! Where the user is: the kinds of page and the tabs of entity pages.
//!
//! Adding a tab is one `Tab` variant (the compiler then asks for its titles
//! here and for its builder in `content::build`) and its place in
//! `entity_tabs`.

use crate::model::EntityRef;

/// One page of the navigation history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The role list; its detail pane shows the selected role on `tab`.
    RoleList { tab: Tab },
    /// Every finding of the loaded accounts, grouped by id (`F`).
    Findings,
    /// Who can reach admin, by escalation technique (`P`).
    Paths,
    /// One role, user, group or managed policy, on one of its tabs.
    Entity { entity: EntityRef, tab: Tab },
    /// The list of every user, group, managed policy or account (`:users`);
    /// its sort, filter and selection live in `App::lists`.
    EntityList { kind: ListPage },
    /// The actions of one service and access level of an entity's
    /// Effective tab (`service` and `level` index its summary).
    Actions {
        entity: EntityRef,
        service: u16,
        level: u8,
    },
}

/// The lists reached with a `:` command besides the role list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListPage {
    Users,
    Groups,
    Policies,
    Accounts,
}

impl ListPage {
    pub const ALL: [ListPage; 4] = [
        ListPage::Users,
        ListPage::Groups,
        ListPage::Policies,
        ListPage::Accounts,
    ];

    /// The list's title (and its `:` command, lower-cased).
    pub fn title(self) -> &'static str {
        match self {
            ListPage::Users => "Users",
            ListPage::Groups => "Groups",
            ListPage::Policies => "Policies",
            ListPage::Accounts => "Accounts",
        }
    }

    /// The core's kind of the entities listed; `None` for accounts.
    pub fn entity_kind(self) -> Option<crate::model::filter::ListKind> {
        use crate::model::filter::ListKind;
        match self {
            ListPage::Users => Some(ListKind::Users),
            ListPage::Groups => Some(ListKind::Groups),
            ListPage::Policies => Some(ListKind::Policies),
            ListPage::Accounts => None,
        }
    }

    pub fn index(self) -> usize {
        match self {
            ListPage::Users => 0,
            ListPage::Groups => 1,
            ListPage::Policies => 2,
            ListPage::Accounts => 3,
        }
    }
}

impl Page {
    /// The tab shown, on pages that have tabs.
    pub fn tab(&self) -> Option<Tab> {
        match self {
            Page::RoleList { tab } | Page::Entity { tab, .. } => Some(*tab),
            Page::Findings | Page::Paths | Page::EntityList { .. } | Page::Actions { .. } => None,
        }
    }

    /// The entity page's entity (not the role selected in the list).
    pub fn entity(&self) -> Option<EntityRef> {
        match self {
            Page::Entity { entity, .. } | Page::Actions { entity, .. } => Some(*entity),
            Page::RoleList { .. } | Page::Findings | Page::Paths | Page::EntityList { .. } => None,
        }
    }

    pub fn with_tab(self, new: Tab) -> Page {
        match self {
            Page::RoleList { .. } => Page::RoleList { tab: new },
            Page::Entity { entity, .. } => Page::Entity { entity, tab: new },
            Page::Findings | Page::Paths | Page::EntityList { .. } | Page::Actions { .. } => self,
        }
    }

    /// An entity's page on its first tab.
    pub fn of(entity: EntityRef) -> Page {
        Page::Entity {
            entity,
            tab: entity_tabs(entity)[0],
        }
    }
}

/// A tab of an entity page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Trust,
    WhoCanAssume,
    CanAssume,
    Permissions,
    Effective,
    Details,
    Findings,
    Drift,
    Groups,
    Members,
    Document,
    Versions,
    UsedBy,
}

impl Tab {
    pub fn title(self) -> &'static str {
        match self {
            Tab::Trust => "Trust",
            Tab::WhoCanAssume => "Who can assume",
            Tab::CanAssume => "Can assume",
            Tab::Permissions => "Permissions",
            Tab::Effective => "Effective",
            Tab::Details => "Details",
            Tab::Findings => "Findings",
            Tab::Drift => "Drift",
            Tab::Groups => "Groups",
            Tab::Members => "Members",
            Tab::Document => "Document",
            Tab::Versions => "Versions",
            Tab::UsedBy => "Used by",
        }
    }

    /// The title on a narrow terminal, where every tab must still show.
    pub fn short_title(self) -> &'static str {
        match self {
            Tab::Trust => "Trust",
            Tab::WhoCanAssume => "Who",
            Tab::CanAssume => "Can",
            Tab::Permissions => "Perms",
            Tab::Effective => "Eff",
            Tab::Details => "Info",
            Tab::Findings => "Find",
            Tab::Drift => "Drift",
            Tab::Groups => "Groups",
            Tab::Members => "Members",
            Tab::Document => "Doc",
            Tab::Versions => "Vers",
            Tab::UsedBy => "Used by",
        }
    }

    /// Shown only when a baseline snapshot is loaded.
    fn needs_baseline(self) -> bool {
        match self {
            Tab::Drift => true,
            Tab::Trust
            | Tab::WhoCanAssume
            | Tab::CanAssume
            | Tab::Permissions
            | Tab::Effective
            | Tab::Details
            | Tab::Findings
            | Tab::Groups
            | Tab::Members
            | Tab::Document
            | Tab::Versions
            | Tab::UsedBy => false,
        }
    }
}

/// Every tab an entity of this kind can have, in the order shown.
fn entity_tabs(entity: EntityRef) -> &'static [Tab] {
    match entity {
        EntityRef::Role(_) => &[
            Tab::Trust,
            Tab::WhoCanAssume,
            Tab::CanAssume,
            Tab::Permissions,
            Tab::Effective,
            Tab::Details,
            Tab::Findings,
            Tab::Drift,
        ],
        EntityRef::User(_) => &[
            Tab::Permissions,
            Tab::Effective,
            Tab::CanAssume,
            Tab::Groups,
            Tab::Details,
        ],
        EntityRef::Group(_) => &[Tab::Permissions, Tab::Effective, Tab::Members, Tab::Details],
        EntityRef::Policy(_) => &[Tab::Document, Tab::Versions, Tab::UsedBy],
    }
}

/// The tabs of a page, in order; a role's Drift tab only with a baseline.
/// The role list's tabs are those of the role it shows.
pub fn tabs_of(page: &Page, with_drift: bool) -> Vec<Tab> {
    let all = match page {
        // Any role: every role has the same tabs.
        Page::RoleList { .. } => entity_tabs(EntityRef::Role(0)),
        Page::Entity { entity, .. } => entity_tabs(*entity),
        Page::Findings | Page::Paths | Page::EntityList { .. } | Page::Actions { .. } => &[],
    };
    all.iter()
        .copied()
        .filter(|t| with_drift || !t.needs_baseline())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drift_tab_needs_a_baseline() {
        let role = Page::of(EntityRef::Role(3));
        assert_eq!(tabs_of(&role, false).len(), 7);
        assert_eq!(tabs_of(&role, true).last(), Some(&Tab::Drift));
        assert_eq!(role.tab(), Some(Tab::Trust));
    }

    #[test]
    fn every_page_of_an_entity_starts_on_one_of_its_tabs() {
        for entity in [
            EntityRef::Role(0),
            EntityRef::User(0),
            EntityRef::Group(0),
            EntityRef::Policy(0),
        ] {
            let page = Page::of(entity);
            let tab = page.tab().unwrap();
            assert!(tabs_of(&page, false).contains(&tab), "{entity:?}");
            assert!(tab.short_title().len() <= tab.title().len());
        }
    }
}
