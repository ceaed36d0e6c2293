//! Which catalogue actions one statement covers, and on which resources
//! (ANY-ACTION A.6: NotAction names every other action, but only where the
//! statement's Resource can apply to it).

use crate::catalogue::{ActionId, Catalogue};
use crate::policy::{Statement, wildcard_match};

/// The service segment of an ARN pattern (`s3` of `arn:aws:s3:::b/*`);
/// `None` for `*` or a pattern that is not an ARN.
fn pattern_service(pattern: &str) -> Option<&str> {
    let mut parts = pattern.strip_prefix("arn:")?.split(':');
    parts.next()?;
    parts.next()
}

/// Whether any of the statement's Resource patterns can name a resource of
/// the action: `*` names everything; an ARN pattern only resources of a
/// service its service segment matches (ARNs carry their service); an
/// action with no resource types takes only `*`.
pub(crate) fn resource_can_apply(cat: &Catalogue, st: &Statement, id: ActionId) -> bool {
    let Some(list) = &st.resource else {
        // NotResource (or no Resource): applies to everything else.
        return true;
    };
    let formats = cat.resource_arns(id);
    list.iter().any(|p| {
        if p == "*" {
            return true;
        }
        let Some(service) = pattern_service(p) else {
            return false;
        };
        formats.iter().any(|f| {
            pattern_service(f).is_some_and(|fs| fs == "*" || wildcard_match(service, fs, true))
        })
    })
}

/// The actions the statement's Action / NotAction names, in catalogue
/// order (as dense numbers), whose resources its Resource can reach.
pub(crate) fn covered(cat: &Catalogue, st: &Statement) -> Vec<ActionId> {
    let mut named: Vec<ActionId> = Vec::new();
    let (list, negated) = match (&st.action, &st.not_action) {
        (Some(a), _) => (a, false),
        (None, Some(n)) => (n, true),
        (None, None) => return Vec::new(),
    };
    for p in list.iter() {
        named.extend(cat.expand(p).actions.iter().copied());
    }
    named.sort_unstable();
    named.dedup();
    let all: Vec<ActionId> = if negated {
        let mut out = Vec::with_capacity(cat.action_count());
        for s in 0..cat.service_count() as u16 {
            out.extend(
                cat.service_actions(s)
                    .filter(|id| named.binary_search(id).is_err()),
            );
        }
        out
    } else {
        named
    };
    if matches!(&st.resource, Some(l) if l.iter().any(|p| p == "*")) || st.resource.is_none() {
        return all;
    }
    all.into_iter()
        .filter(|id| resource_can_apply(cat, st, *id))
        .collect()
}

/// The statement applies to every resource: `Resource` holds `*`.
pub(crate) fn on_all_resources(st: &Statement) -> bool {
    matches!(&st.resource, Some(l) if l.iter().any(|p| p == "*"))
}

/// The resource scope as written: its patterns, or "all except …".
pub(crate) fn scope(st: &Statement) -> Vec<String> {
    match (&st.resource, &st.not_resource) {
        (Some(l), _) if l.iter().any(|p| p == "*") => vec!["*".into()],
        (Some(l), _) => l.iter().cloned().collect(),
        (None, Some(n)) => vec![format!(
            "all except {}",
            n.iter().cloned().collect::<Vec<_>>().join(", ")
        )],
        (None, None) => vec!["*".into()],
    }
}
