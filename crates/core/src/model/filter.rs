//! Sorting and filtering the role list. Both produce lists of role indexes;
//! the UI draws only the visible slice of them.

use std::cmp::Ordering;

use super::Model;

/// The orders the role list can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    /// Most recently used first; never used last.
    LastUsed,
    /// Newest first.
    Created,
    /// Most severe findings first (the UI orders by its findings; the
    /// model alone sorts these by name).
    Risk,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::LastUsed,
            SortKey::LastUsed => SortKey::Created,
            SortKey::Created => SortKey::Risk,
            SortKey::Risk => SortKey::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::LastUsed => "last used",
            SortKey::Created => "created",
            SortKey::Risk => "risk",
        }
    }
}

/// Every role index in the given order (`reverse` flips it).
pub fn sorted_roles(model: &Model, key: SortKey, reverse: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..model.roles.len()).collect();
    let by_name = |a: &usize, b: &usize| {
        let (ra, rb) = (&model.roles[*a], &model.roles[*b]);
        cmp_ignore_case(&ra.detail.role_name, &rb.detail.role_name)
            .then_with(|| ra.account.cmp(&rb.account))
    };
    match key {
        SortKey::Name | SortKey::Risk => order.sort_by(by_name),
        SortKey::LastUsed => order.sort_by(|a, b| {
            // Reversed option order puts `None` (never used) last.
            model.roles[*b]
                .last_used
                .cmp(&model.roles[*a].last_used)
                .then_with(|| by_name(a, b))
        }),
        SortKey::Created => order.sort_by(|a, b| {
            model.roles[*b]
                .created
                .cmp(&model.roles[*a].created)
                .then_with(|| by_name(a, b))
        }),
    }
    if reverse {
        order.reverse();
    }
    order
}

fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// A parsed filter: every whitespace-separated term must occur
/// (case-insensitively) in the role's name, ARN, path, tags or trust
/// principals.
#[derive(Debug, Clone, Default)]
pub struct RoleFilter {
    terms: Vec<String>,
}

impl RoleFilter {
    pub fn new(query: &str) -> RoleFilter {
        RoleFilter {
            terms: query.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn matches(&self, model: &Model, role: usize) -> bool {
        let text = &model.roles[role].search_text;
        self.terms.iter().all(|t| text.contains(t.as_str()))
    }

    /// Keeps the roles of `order` that match, in order.
    pub fn apply(&self, model: &Model, order: &[usize], out: &mut Vec<usize>) {
        out.clear();
        if self.is_empty() {
            out.extend_from_slice(order);
        } else {
            out.extend(order.iter().copied().filter(|r| self.matches(model, *r)));
        }
    }
}
