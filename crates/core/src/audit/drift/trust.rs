//! Trust policies compared principal by principal.

use std::collections::BTreeMap;

use super::{ConditionRef, GrantChange, TrustGrant};
use crate::policy::TrustRow;

type Key = (String, String, String);

/// One grant per (effect, kind key, principal): the union of the actions
/// and conditions of every statement naming it.
pub(crate) fn grants(rows: &[TrustRow]) -> BTreeMap<Key, TrustGrant> {
    let mut out: BTreeMap<Key, TrustGrant> = BTreeMap::new();
    for row in rows {
        let kind_key = if row.negated {
            format!("NotPrincipal:{}", row.kind_key)
        } else {
            row.kind_key.clone()
        };
        let key = (
            row.effect.as_str().to_string(),
            kind_key.clone(),
            row.principal.clone(),
        );
        let grant = out.entry(key).or_insert_with(|| TrustGrant {
            effect: row.effect.as_str().to_string(),
            kind_key,
            principal: row.principal.clone(),
            kind: row.kind.label().to_string(),
            actions: Vec::new(),
            conditions: Vec::new(),
        });
        grant.actions.extend(row.actions.iter().cloned());
        grant.conditions.extend(row.conditions.iter().map(|c| {
            let mut values = c.values.clone();
            values.sort();
            ConditionRef {
                operator: c.operator.clone(),
                key: c.key.clone(),
                values,
            }
        }));
    }
    for g in out.values_mut() {
        g.actions.sort();
        g.actions.dedup();
        g.conditions.sort();
        g.conditions.dedup();
    }
    out
}

fn minus<T: Clone + PartialEq>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

/// Principals added, removed, and changed (actions or conditions).
pub(crate) fn compare(
    old: &[TrustRow],
    new: &[TrustRow],
) -> (Vec<TrustGrant>, Vec<TrustGrant>, Vec<GrantChange>) {
    let (old, new) = (grants(old), grants(new));
    let added = new
        .iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(_, g)| g.clone())
        .collect();
    let removed = old
        .iter()
        .filter(|(k, _)| !new.contains_key(*k))
        .map(|(_, g)| g.clone())
        .collect();
    let changed = new
        .iter()
        .filter_map(|(k, n)| {
            let o = old.get(k)?;
            let change = GrantChange {
                effect: n.effect.clone(),
                kind_key: n.kind_key.clone(),
                principal: n.principal.clone(),
                kind: n.kind.clone(),
                actions_added: minus(&n.actions, &o.actions),
                actions_removed: minus(&o.actions, &n.actions),
                conditions_added: minus(&n.conditions, &o.conditions),
                conditions_removed: minus(&o.conditions, &n.conditions),
            };
            let any = !(change.actions_added.is_empty()
                && change.actions_removed.is_empty()
                && change.conditions_added.is_empty()
                && change.conditions_removed.is_empty());
            any.then_some(change)
        })
        .collect();
    (added, removed, changed)
}
