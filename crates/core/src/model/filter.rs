//! Sorting and filtering the role list. Both produce lists of role indexes;
//! the UI draws only the visible slice of them.

use std::cmp::Ordering;

use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{EntityRef, Model};

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
    /// Most principals that can gain the role by escalation first (the UI
    /// orders by its escalation graph; the model alone sorts by name).
    Escalation,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::LastUsed,
            SortKey::LastUsed => SortKey::Created,
            SortKey::Created => SortKey::Risk,
            SortKey::Risk => SortKey::Escalation,
            SortKey::Escalation => SortKey::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::LastUsed => "last used",
            SortKey::Created => "created",
            SortKey::Risk => "risk",
            SortKey::Escalation => "escalation",
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
        SortKey::Name | SortKey::Risk | SortKey::Escalation => order.sort_by(by_name),
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

/// The kinds of entity that have a list of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Roles,
    Users,
    Groups,
    Policies,
}

/// Every entity of a kind, by name (ignoring case, then account) or, for
/// `Created` and `LastUsed` where the kind has no last use, newest first.
pub fn sorted_entities(
    model: &Model,
    kind: ListKind,
    key: SortKey,
    reverse: bool,
) -> Vec<EntityRef> {
    let mut order: Vec<EntityRef> = match kind {
        ListKind::Roles => {
            return sorted_roles(model, key, reverse)
                .into_iter()
                .map(EntityRef::Role)
                .collect();
        }
        ListKind::Users => (0..model.users.len()).map(EntityRef::User).collect(),
        ListKind::Groups => (0..model.groups.len()).map(EntityRef::Group).collect(),
        ListKind::Policies => (0..model.policies.len()).map(EntityRef::Policy).collect(),
    };
    let created = |e: &EntityRef| match *e {
        EntityRef::User(i) => model.users.get(i).and_then(|u| u.created),
        EntityRef::Group(i) => model.groups.get(i).and_then(|g| g.created),
        EntityRef::Policy(i) => model.policies.get(i).and_then(|p| p.created),
        EntityRef::Role(i) => model.roles.get(i).and_then(|r| r.created),
    };
    let by_name = |a: &EntityRef, b: &EntityRef| {
        cmp_ignore_case(model.name_of(*a), model.name_of(*b))
            .then_with(|| model.account_of(*a).cmp(&model.account_of(*b)))
    };
    match key {
        SortKey::Name | SortKey::Risk | SortKey::Escalation => order.sort_by(by_name),
        SortKey::LastUsed | SortKey::Created => {
            order.sort_by(|a, b| created(b).cmp(&created(a)).then_with(|| by_name(a, b)))
        }
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

/// One term of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    /// Occurs in the role's name, ARN, path, tags or trust principals, or
    /// matches its name fuzzily (its letters in order, gaps allowed).
    Text(String),
    /// `account:` the account id or its label (alias, file name).
    Account(String),
    /// `path:` occurs in the role's path.
    Path(String),
    /// `ou:` occurs in the OU path (`Root/Prod/Web`) of the role's account,
    /// when an organization is loaded.
    Ou(String),
}

impl Term {
    fn parse(word: &str) -> Term {
        let lower = word.to_lowercase();
        if let Some(v) = lower.strip_prefix("account:") {
            Term::Account(v.to_string())
        } else if let Some(v) = lower.strip_prefix("path:") {
            Term::Path(v.to_string())
        } else if let Some(v) = lower.strip_prefix("ou:") {
            Term::Ou(v.to_string())
        } else {
            Term::Text(lower)
        }
    }
}

/// A parsed filter: every whitespace-separated term must match. A plain
/// term matches when it occurs (case-insensitively) in the role's name, ARN,
/// path, tags or trust principals, or when it matches the role's name
/// fuzzily (`ghsfd` finds `github-actions-storefront-deploy`); `account:`
/// (id, label, or name in the organization), `path:` and `ou:` (the
/// account's OU path in the organization) terms look only there. The list keeps its sort order.
#[derive(Debug, Clone, Default)]
pub struct RoleFilter {
    terms: Vec<Term>,
}

/// What `account:` and `ou:` terms read of each loaded account, worked out
/// once per filtering (lower case): its name in the organization and its
/// OU path, empty without one.
struct AccountTexts(Vec<(String, String)>);

impl AccountTexts {
    fn of(model: &Model, terms: &[Term]) -> AccountTexts {
        let needed = terms
            .iter()
            .any(|t| matches!(t, Term::Account(_) | Term::Ou(_)));
        let org = model.organization.as_deref().filter(|_| needed);
        AccountTexts(
            model
                .accounts
                .iter()
                .map(|a| match org {
                    Some(org) => (
                        org.account(&a.account_id)
                            .map_or(String::new(), |x| x.name.to_lowercase()),
                        org.ou_path(&a.account_id)
                            .unwrap_or_default()
                            .to_lowercase(),
                    ),
                    None => (String::new(), String::new()),
                })
                .collect(),
        )
    }

    fn name(&self, account: usize) -> &str {
        self.0.get(account).map_or("", |x| x.0.as_str())
    }

    fn ou(&self, account: usize) -> &str {
        self.0.get(account).map_or("", |x| x.1.as_str())
    }
}

/// What a filter reads of one entity.
struct Haystack<'a> {
    name: &'a str,
    /// Lower-case: name, ARN, path, tags (and a role's trust principals).
    text: &'a str,
    path: &'a str,
    account: usize,
}

fn entity_path(model: &Model, entity: EntityRef) -> &str {
    match entity {
        EntityRef::Role(i) => model.roles.get(i).map(|r| r.detail.path.as_str()),
        EntityRef::User(i) => model.users.get(i).map(|u| u.detail.path.as_str()),
        EntityRef::Group(i) => model.groups.get(i).map(|g| g.detail.path.as_str()),
        EntityRef::Policy(i) => model.policies.get(i).map(|p| p.path.as_str()),
    }
    .unwrap_or("")
}

/// The lower-case text a user's, group's or policy's filter searches (roles
/// keep theirs precomputed in the model: their lists are the long ones).
fn entity_search_text(model: &Model, entity: EntityRef) -> String {
    let mut text = String::new();
    for part in [
        model.name_of(entity),
        model.arn_of(entity),
        entity_path(model, entity),
    ] {
        text.push_str(part);
        text.push('\n');
    }
    let tags = match entity {
        EntityRef::User(i) => model.users.get(i).map(|u| u.detail.tags.as_slice()),
        _ => None,
    };
    for tag in tags.unwrap_or(&[]) {
        text.push_str(&tag.key);
        text.push('=');
        text.push_str(&tag.value);
        text.push('\n');
    }
    text.to_lowercase()
}

/// Scratch space for fuzzy matching, made once per filtering pass (the
/// matcher's buffers are too big to make per role).
struct Fuzzy {
    matcher: Matcher,
    haystack: Vec<char>,
    needle: Vec<char>,
}

impl Fuzzy {
    fn new() -> Fuzzy {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            haystack: Vec::new(),
            needle: Vec::new(),
        }
    }

    fn score(&mut self, haystack: &str, needle: &str) -> Option<u16> {
        let h = Utf32Str::new(haystack, &mut self.haystack);
        let n = Utf32Str::new(needle, &mut self.needle);
        self.matcher.fuzzy_match(h, n)
    }

    /// Character positions of `haystack` that `needle` matches, if it does.
    fn indices(&mut self, haystack: &str, needle: &str, out: &mut Vec<u32>) -> bool {
        let h = Utf32Str::new(haystack, &mut self.haystack);
        let n = Utf32Str::new(needle, &mut self.needle);
        self.matcher.fuzzy_indices(h, n, out).is_some()
    }
}

impl RoleFilter {
    pub fn new(query: &str) -> RoleFilter {
        RoleFilter {
            terms: query.split_whitespace().map(Term::parse).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn matches(&self, model: &Model, role: usize) -> bool {
        let accounts = AccountTexts::of(model, &self.terms);
        self.score(model, &accounts, role, &mut Fuzzy::new())
            .is_some()
    }

    /// `None` when the role does not match; `Some(None)` when every term
    /// matches without fuzziness; `Some(Some(score))` when some term only
    /// matched the name fuzzily (the sum of those scores).
    fn score(
        &self,
        model: &Model,
        accounts: &AccountTexts,
        role: usize,
        fuzzy: &mut Fuzzy,
    ) -> Option<Option<u32>> {
        let r = model.roles.get(role)?;
        let hay = Haystack {
            name: &r.detail.role_name,
            text: &r.search_text,
            path: &r.detail.path,
            account: r.account,
        };
        self.score_of(model, accounts, &hay, fuzzy)
    }

    fn score_of(
        &self,
        model: &Model,
        accounts: &AccountTexts,
        hay: &Haystack<'_>,
        fuzzy: &mut Fuzzy,
    ) -> Option<Option<u32>> {
        let mut fuzzy_score: Option<u32> = None;
        for term in &self.terms {
            let ok = match term {
                // The substring test is the cheap one; most keystrokes stop there.
                Term::Text(t) if hay.text.contains(t.as_str()) => true,
                Term::Text(t) => match fuzzy.score(hay.name, t) {
                    Some(s) => {
                        *fuzzy_score.get_or_insert(0) += u32::from(s);
                        true
                    }
                    None => false,
                },
                Term::Account(t) => {
                    model.accounts.get(hay.account).is_some_and(|a| {
                        a.account_id.contains(t.as_str())
                            || a.label.to_lowercase().contains(t.as_str())
                    }) || accounts.name(hay.account).contains(t.as_str())
                }
                Term::Path(t) => hay.path.to_lowercase().contains(t.as_str()),
                Term::Ou(t) => accounts.ou(hay.account).contains(t.as_str()),
            };
            if !ok {
                return None;
            }
        }
        Some(fuzzy_score)
    }

    /// Like [`RoleFilter::apply`] for a list of users, groups, policies or
    /// roles: plain terms search the name, ARN, path and tags.
    pub fn apply_entities(
        &self,
        model: &Model,
        order: &[EntityRef],
        out: &mut Vec<EntityRef>,
    ) -> usize {
        let accounts = AccountTexts::of(model, &self.terms);
        self.keep_matching(order, out, |entity, fuzzy| match entity {
            EntityRef::Role(r) => self.score(model, &accounts, r, fuzzy),
            other => {
                let text = entity_search_text(model, other);
                let hay = Haystack {
                    name: model.name_of(other),
                    text: &text,
                    path: entity_path(model, other),
                    account: model.account_of(other),
                };
                self.score_of(model, &accounts, &hay, fuzzy)
            }
        })
    }

    /// Keeps the roles of `order` that match: first those every term
    /// matches exactly (in `order`), then those some term matches only
    /// fuzzily, best first (ties in `order`). Returns how many matched
    /// exactly, so a list can say "6 of 71, +23 fuzzy".
    pub fn apply(&self, model: &Model, order: &[usize], out: &mut Vec<usize>) -> usize {
        let accounts = AccountTexts::of(model, &self.terms);
        self.keep_matching(order, out, |role, fuzzy| {
            self.score(model, &accounts, role, fuzzy)
        })
    }

    /// The ordering both `apply`s share: exact matches in `order`, then the
    /// fuzzy-only ones by score.
    fn keep_matching<T: Copy>(
        &self,
        order: &[T],
        out: &mut Vec<T>,
        mut score: impl FnMut(T, &mut Fuzzy) -> Option<Option<u32>>,
    ) -> usize {
        out.clear();
        if self.is_empty() {
            out.extend_from_slice(order);
            return out.len();
        }
        let mut fuzzy = Fuzzy::new();
        let mut fuzzy_only: Vec<(u32, T)> = Vec::new();
        for &item in order {
            match score(item, &mut fuzzy) {
                Some(None) => out.push(item),
                Some(Some(points)) => fuzzy_only.push((points, item)),
                None => {}
            }
        }
        // Stable: equal scores keep the list's order.
        fuzzy_only.sort_by_key(|&(points, _)| std::cmp::Reverse(points));
        let exact = out.len();
        out.extend(fuzzy_only.into_iter().map(|(_, item)| item));
        exact
    }

    /// The character positions of `name` the plain terms match, sorted and
    /// without repeats, for highlighting a role's name in the list: where a
    /// term occurs in the name, that run; else its fuzzy match, if any.
    pub fn highlights(&self, name: &str) -> Vec<usize> {
        let lower = name.to_lowercase();
        // The character of `name` each byte of `lower` comes from: lower
        // case can be longer (`İ` becomes `i̇`, two characters), so positions
        // in `lower` are not positions in `name`.
        let mut owner: Vec<usize> = Vec::with_capacity(lower.len());
        for (i, c) in name.chars().enumerate() {
            let bytes: usize = c.to_lowercase().map(char::len_utf8).sum();
            owner.extend(std::iter::repeat_n(i, bytes));
        }
        let mut fuzzy = Fuzzy::new();
        let mut out: Vec<usize> = Vec::new();
        let mut found = Vec::new();
        for term in &self.terms {
            let Term::Text(t) = term else { continue };
            if t.is_empty() {
                continue;
            }
            if let Some(at) = lower.find(t.as_str()) {
                out.extend(owner.get(at..at + t.len()).unwrap_or_default());
            } else {
                found.clear();
                if fuzzy.indices(name, t, &mut found) {
                    out.extend(found.iter().map(|&i| i as usize));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{ListKind, RoleFilter, SortKey, Term, sorted_entities};

    #[test]
    fn terms_parse_their_prefixes() {
        let f = RoleFilter::new("Deploy account:1111 path:/CI/");
        assert_eq!(
            f.terms,
            [
                Term::Text("deploy".into()),
                Term::Account("1111".into()),
                Term::Path("/ci/".into())
            ]
        );
    }

    #[test]
    fn ou_and_account_terms_read_the_organization() {
        let mut model = crate::model::build(vec![crate::source::demo::current().unwrap()]);
        let account = model.accounts[0].account_id.clone();
        let all: Vec<usize> = (0..model.roles.len()).collect();
        let count = |model: &crate::model::Model, q: &str| {
            let mut out = Vec::new();
            RoleFilter::new(q).apply(model, &all, &mut out);
            out.len()
        };
        // Without an organization no role sits in an OU.
        assert_eq!(count(&model, "ou:prod"), 0);
        model.organization = Some(std::sync::Arc::new(
            serde_json::from_value(serde_json::json!({
                "format": crate::org::FORMAT,
                "organization": {"id": "o-demo", "management_account_id": "999999999999"},
                "roots": [{"id": "r-demo", "name": "Root"}],
                "organizational_units": [{"id": "ou-demo-prod", "name": "Prod", "parent_id": "r-demo"}],
                "accounts": [{"id": account, "name": "Storefront-Live", "parent_id": "ou-demo-prod"}]
            }))
            .unwrap(),
        ));
        assert_eq!(count(&model, "ou:prod"), model.roles.len());
        assert_eq!(count(&model, "ou:root/prod"), model.roles.len());
        assert_eq!(count(&model, "ou:staging"), 0);
        assert_eq!(count(&model, "account:storefront-live"), model.roles.len());
        assert!(RoleFilter::new("ou:Prod").matches(&model, 0));
    }

    #[test]
    fn entity_lists_filter_by_name_arn_and_path() {
        let model = crate::model::build(vec![crate::source::demo::current().unwrap()]);
        let users = sorted_entities(&model, ListKind::Users, SortKey::Name, false);
        assert_eq!(users.len(), model.users.len());
        let names: Vec<&str> = users.iter().map(|u| model.name_of(*u)).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
        let mut out = Vec::new();
        let first = names[0].to_uppercase();
        let exact = RoleFilter::new(&first).apply_entities(&model, &users, &mut out);
        assert!(exact >= 1 && out.contains(&users[0]), "{first}: {out:?}");
        let policies = sorted_entities(&model, ListKind::Policies, SortKey::Name, false);
        let n =
            RoleFilter::new("arn:aws:iam::aws:policy/").apply_entities(&model, &policies, &mut out);
        assert_eq!(n, out.len());
        assert!(
            out.iter()
                .all(|p| model.arn_of(*p).starts_with("arn:aws:iam::aws:policy/"))
        );
        assert!(n > 0 && n < policies.len());
        RoleFilter::new("zzzzqqq").apply_entities(&model, &policies, &mut out);
        assert!(out.is_empty());
    }

    /// Found by the property tests (crates/testkit/tests/properties.rs):
    /// positions were counted in the lower-cased name, one character too
    /// far after an `İ` (lower case `i̇`, two characters), so the wrong
    /// letters were underlined and a mark could fall past the name's end.
    #[test]
    fn highlights_count_in_the_name_when_lower_case_is_longer() {
        assert_eq!(RoleFilter::new("aİ").highlights("aİaaab"), [0, 1]);
        assert_eq!(RoleFilter::new("ab").highlights("İaab"), [2, 3]);
        assert_eq!(RoleFilter::new("İ").highlights("xİ"), [1]);
        assert_eq!(RoleFilter::new("ΣΑΣ").highlights("xΣΑΣ"), [1, 2, 3]);
    }

    #[test]
    fn highlights_runs_and_fuzzy_letters() {
        let name = "github-actions-storefront-deploy";
        assert_eq!(
            RoleFilter::new("STORE").highlights(name),
            [15, 16, 17, 18, 19]
        );
        let fuzzy = RoleFilter::new("ghsfd").highlights(name);
        assert_eq!(fuzzy.len(), 5);
        let picked: String = fuzzy
            .iter()
            .map(|&i| name.chars().nth(i).unwrap_or('?'))
            .collect();
        assert_eq!(picked, "ghsfd");
        assert!(RoleFilter::new("zzz").highlights(name).is_empty());
        assert!(
            RoleFilter::new("account:1 path:/")
                .highlights(name)
                .is_empty()
        );
    }
}
