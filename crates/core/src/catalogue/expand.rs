//! Wildcards in `Action` / `NotAction` against the catalogue: `s3:Get*`
//! becomes the actions it names.

use std::sync::Arc;

use super::{ActionId, Catalogue};
use crate::policy::wildcard_match;

/// What one action pattern names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expansion {
    /// The actions, in catalogue order.
    pub actions: Vec<ActionId>,
    /// The service part names no known service (`s3x:GetObject`).
    pub unknown_service: bool,
}

impl Catalogue {
    /// The actions `pattern` names (case-insensitive, `*` and `?`), memoised.
    pub fn expand(&self, pattern: &str) -> Arc<Expansion> {
        if let Ok(cache) = self.expansions.lock()
            && let Some(e) = cache.get(pattern)
        {
            return Arc::clone(e);
        }
        let e = Arc::new(self.expand_uncached(pattern));
        if let Ok(mut cache) = self.expansions.lock() {
            // A hostile file could hold millions of distinct patterns: keep
            // the cache bounded, since a miss only costs a re-expansion.
            if cache.len() > 50_000 {
                cache.clear();
            }
            cache.insert(pattern.to_string(), Arc::clone(&e));
        }
        e
    }

    fn expand_uncached(&self, pattern: &str) -> Expansion {
        let wild = |s: &str| s.contains(['*', '?']);
        if pattern == "*" {
            let actions = (0..self.services.len())
                .flat_map(|s| self.service_actions(s as u16))
                .collect();
            return Expansion {
                actions,
                unknown_service: false,
            };
        }
        let Some((service, name)) = pattern.split_once(':') else {
            return Expansion {
                actions: Vec::new(),
                unknown_service: true,
            };
        };
        let services: Vec<u16> = if wild(service) {
            (0..self.services.len() as u16)
                .filter(|s| {
                    self.services
                        .get(usize::from(*s))
                        .is_some_and(|x| wildcard_match(service, &x.prefix, true))
                })
                .collect()
        } else {
            self.service_by_prefix(service).into_iter().collect()
        };
        let mut actions = Vec::new();
        for s in &services {
            if !wild(name) {
                let full = format!("{}:{name}", self.services[usize::from(*s)].prefix);
                actions.extend(self.action_id(&full));
                continue;
            }
            actions.extend(self.service_actions(*s).filter(|id| {
                self.action(*id)
                    .is_some_and(|a| name == "*" || wildcard_match(name, &a.name, true))
            }));
        }
        Expansion {
            actions,
            unknown_service: services.is_empty(),
        }
    }
}
