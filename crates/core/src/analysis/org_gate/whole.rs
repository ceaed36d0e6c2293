//! The SCPs of one account on an action across all resources, for the
//! effective-permissions summary (ORGANIZATIONS.md C.1, C.2): whether they
//! leave it whole, remove it, or may limit it (to some resources, or under
//! conditions). The statements are gathered once per account; each action
//! is then a few `matches_action` tests, and words are made only for what
//! removes or limits.

use crate::org::{Level, Organization, PolicyType};
use crate::policy::{CondOutcome, Effect, RequestContext, Statement, evaluate};

use super::rules::level_words;

/// One statement of an SCP, with where it is attached.
struct Placed<'o> {
    /// `None`: the policy does not parse.
    statement: Option<&'o Statement>,
    index: usize,
    policy: &'o crate::org::OrgPolicy,
}

/// An account's SCP statements, level by level from the root.
pub(crate) struct AccountScps<'o> {
    levels: Vec<(Level<'o>, Vec<Placed<'o>>)>,
}

/// What the SCPs do to an action on every resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Whole {
    Untouched,
    Removed(String),
    /// Limited on some resources or under some conditions.
    Limited(String),
}

fn on_all_resources(st: &Statement) -> bool {
    match (&st.resource, &st.not_resource) {
        (Some(list), _) => list.iter().any(|p| p == "*"),
        (None, Some(_)) => false,
        (None, None) => true,
    }
}

fn words(p: &Placed<'_>, level: &Level<'_>) -> String {
    let statement = match p.statement.and_then(|s| s.sid.as_deref()) {
        Some(sid) => format!("statement {sid}"),
        None => format!("statement #{}", p.index + 1),
    };
    format!(
        "the SCP {} ({}) attached to {}, {statement}",
        p.policy.name,
        p.policy.id,
        level_words(level)
    )
}

impl<'o> AccountScps<'o> {
    /// `None` for an account not in the organization or whose path does
    /// not reach a root.
    pub fn of(org: &'o Organization, account: &str) -> Option<AccountScps<'o>> {
        let levels = org.levels(account)?;
        if !matches!(levels.first(), Some(Level::Root(_))) {
            return None;
        }
        let levels =
            levels
                .into_iter()
                .map(|level| {
                    let mut placed = Vec::new();
                    for (policy, doc) in org.attached(level.id(), PolicyType::ServiceControl) {
                        match doc {
                            Ok(doc) => placed.extend(doc.statements.iter().enumerate().map(
                                |(index, st)| Placed {
                                    statement: Some(st),
                                    index,
                                    policy,
                                },
                            )),
                            Err(_) => placed.push(Placed {
                                statement: None,
                                index: 0,
                                policy,
                            }),
                        }
                    }
                    (level, placed)
                })
                .collect();
        Some(AccountScps { levels })
    }

    /// What the SCPs do to `action` on every resource, for a principal
    /// whose own keys are `ctx`.
    pub fn action(&self, action: &str, ctx: &RequestContext) -> Whole {
        let mut limited: Option<String> = None;
        for (level, placed) in &self.levels {
            let mut allowed_whole = false;
            let mut allowed_some: Option<String> = None;
            for p in placed {
                let Some(st) = p.statement else {
                    limited.get_or_insert_with(|| {
                        format!(
                            "the SCP {} ({}) attached to {} does not parse: it may remove it",
                            p.policy.name,
                            p.policy.id,
                            level_words(level)
                        )
                    });
                    continue;
                };
                if !st.matches_action(action) {
                    continue;
                }
                let outcome = evaluate(&st.condition, ctx);
                let certain = matches!(outcome, CondOutcome::True);
                if matches!(outcome, CondOutcome::False) {
                    continue;
                }
                match st.effect {
                    Effect::Deny if certain && on_all_resources(st) => {
                        return Whole::Removed(format!("explicit Deny in {}", words(p, level)));
                    }
                    Effect::Deny => {
                        limited.get_or_insert_with(|| {
                            format!(
                                "the Deny in {} removes it on some resources or under conditions",
                                words(p, level)
                            )
                        });
                    }
                    Effect::Allow if certain && on_all_resources(st) => allowed_whole = true,
                    Effect::Allow => {
                        allowed_some.get_or_insert_with(|| words(p, level));
                    }
                }
            }
            if allowed_whole {
                continue;
            }
            match allowed_some {
                None => {
                    return Whole::Removed(format!(
                        "no SCP attached to {} allows it (every level from the root to the account must allow)",
                        level_words(level)
                    ));
                }
                Some(w) => {
                    limited.get_or_insert_with(|| {
                        format!("{w} allows it only on some resources or under conditions")
                    });
                }
            }
        }
        limited.map_or(Whole::Untouched, Whole::Limited)
    }
}
