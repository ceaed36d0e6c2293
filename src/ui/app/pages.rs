//! The navigation history: a stack of pages, each with where the user was
//! on it. The role list at the bottom is never popped.

use crate::model::EntityRef;
use crate::ui::nav::{Page, Tab};

/// Which part of the role-list page the keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// One page of the history with where the user was on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageState {
    pub page: Page,
    pub row: usize,
    pub row_offset: usize,
    pub scroll: usize,
    /// The first column of the document shown (long lines scroll sideways).
    pub hscroll: usize,
    pub focus: Focus,
}

impl PageState {
    pub fn new(page: Page) -> PageState {
        PageState {
            page,
            row: 0,
            row_offset: 0,
            scroll: 0,
            hscroll: 0,
            focus: match page {
                Page::RoleList { .. } | Page::EntityList { .. } => Focus::List,
                Page::Findings | Page::Paths | Page::Entity { .. } | Page::Actions { .. } => {
                    Focus::Detail
                }
            },
        }
    }

    /// The entity page's entity (not the role selected in the list).
    pub fn entity(&self) -> Option<EntityRef> {
        self.page.entity()
    }

    pub fn tab(&self) -> Option<Tab> {
        self.page.tab()
    }

    /// Back to the first row and the top of the document.
    pub fn reset_position(&mut self) {
        self.row = 0;
        self.row_offset = 0;
        self.scroll = 0;
        self.hscroll = 0;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStack {
    /// Never empty: `[0]` is the role list.
    pages: Vec<PageState>,
}

impl Default for PageStack {
    fn default() -> PageStack {
        PageStack {
            pages: vec![PageState::new(Page::RoleList { tab: Tab::Trust })],
        }
    }
}

impl PageStack {
    pub fn current(&self) -> &PageState {
        let last = self.pages.len() - 1;
        &self.pages[last]
    }

    pub fn current_mut(&mut self) -> &mut PageState {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Never: the role list stays.
    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn push(&mut self, page: PageState) {
        self.pages.push(page);
    }

    /// Goes back one page; false on the role list.
    pub fn pop(&mut self) -> bool {
        if self.pages.len() > 1 {
            self.pages.pop();
            true
        } else {
            false
        }
    }

    /// Back to the role list; false if already there.
    pub fn to_root(&mut self) -> bool {
        let was = self.pages.len();
        self.pages.truncate(1);
        was > 1
    }

    pub fn iter(&self) -> impl Iterator<Item = &PageState> {
        self.pages.iter()
    }

    /// Puts these pages above the role list, in place of the others.
    pub fn replace_above_root(&mut self, pages: Vec<PageState>) {
        self.pages.truncate(1);
        self.pages.extend(pages);
    }
}
