//! Policy correctness, read against the action catalogue, once per
//! document (a managed policy on the policy, an inline one on its
//! principal): an action no service has (`RC-POLICY-001`), a wildcard that
//! matches no action (`002`), a condition key none of the statement's
//! actions supports (`003`), and a resource ARN none of the statement's
//! actions can take (`004`).
//!
//! Conservative on purpose: a statement with NotAction, or with an action
//! the catalogue does not know, gets no key or resource finding (an
//! unknown action could be one AWS added after the catalogue's date);
//! global `aws:` keys and keys of no catalogued service (identity
//! providers' keys) are always fine; an ARN counts as matching when its
//! service and its resource part's fixed beginning agree with one of the
//! actions' ARN formats.

use std::rc::Rc;

use rustc_hash::FxHashSet;

use super::docs::RoleDoc;
use super::exposure::{Granted, GrantedCache};
use super::{Finding, Location, Subject, statement_label};
use crate::catalogue::{ActionId, Catalogue};
use crate::policy::{PolicyDocument, Statement, wildcard_match};

/// One problem of one statement, worded without the document's name.
#[derive(Debug, Clone)]
pub(crate) struct Issue {
    pub id: &'static str,
    pub statement: usize,
    pub text: String,
}

/// What the catalogue says about one document.
#[derive(Debug, Default)]
pub(crate) struct CatFacts {
    /// Per statement (same order as the document), what its Action or
    /// NotAction names.
    pub statements: Vec<Option<Rc<Granted>>>,
    /// Correctness issues (only when asked for).
    pub issues: Vec<Issue>,
}

impl CatFacts {
    pub fn of(doc: &PolicyDocument, correctness: bool, cache: &mut GrantedCache) -> CatFacts {
        CatFacts {
            statements: doc.statements.iter().map(|st| cache.of(st)).collect(),
            issues: if correctness {
                doc.statements
                    .iter()
                    .enumerate()
                    .flat_map(|(i, st)| issues(i, st))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// The findings of one document's issues on `subject`.
pub(crate) fn report(subject: &Subject<'_>, doc: &RoleDoc, out: &mut Vec<Finding>) {
    for issue in &doc.cat.issues {
        out.push(subject.finding(
            issue.id,
            Location {
                policy: doc.policy.to_string(),
                statement: Some(issue.statement),
            },
            format!("{} {}.", doc.shown, issue.text),
        ));
    }
}

fn issues(index: usize, st: &Statement) -> Vec<Issue> {
    let cat = Catalogue::get();
    let label = statement_label(index, st.sid.as_deref());
    let mut out = Vec::new();
    let (patterns, element) = match (&st.action, &st.not_action) {
        (Some(l), _) => (l.as_slice(), "Action"),
        (None, Some(l)) => (l.as_slice(), "NotAction"),
        (None, None) => return out,
    };
    let mut unknown = Vec::new();
    let mut matches_nothing = Vec::new();
    let mut actions: Vec<ActionId> = Vec::new();
    for p in patterns {
        if p == "*" {
            // Every action: nothing to check against.
            return out;
        }
        if p.contains(['*', '?']) {
            let e = cat.expand(p);
            if e.actions.is_empty() {
                matches_nothing.push((p.as_str(), e.unknown_service));
            }
            actions.extend(e.actions.iter().copied());
        } else {
            match cat.action_id(p) {
                Some(id) => actions.push(id),
                None => unknown.push(p.as_str()),
            }
        }
    }
    if !unknown.is_empty() {
        let named: Vec<String> = unknown
            .iter()
            .map(|p| {
                let close = cat.suggest(p, 3);
                if close.is_empty() {
                    format!("{p} (no close match)")
                } else {
                    format!("{p} (did you mean {}?)", close.join(", "))
                }
            })
            .collect();
        out.push(Issue {
            id: "RC-POLICY-001",
            statement: index,
            text: format!(
                "{label} {element} names an action no AWS service has: {}",
                named.join("; ")
            ),
        });
    }
    if !matches_nothing.is_empty() {
        let named: Vec<String> = matches_nothing
            .iter()
            .map(|(p, unknown_service)| {
                if *unknown_service {
                    format!("{p} (no service has that prefix)")
                } else {
                    p.to_string()
                }
            })
            .collect();
        out.push(Issue {
            id: "RC-POLICY-002",
            statement: index,
            text: format!(
                "{label} {element} has a wildcard that matches no action: {}",
                named.join(", ")
            ),
        });
    }
    // Keys and resources are judged only against a fully known Action list.
    if element != "Action"
        || !unknown.is_empty()
        || !matches_nothing.is_empty()
        || actions.is_empty()
    {
        return out;
    }
    actions.sort_unstable();
    actions.dedup();
    if let Some(issue) = unsupported_keys(index, &label, st, &actions) {
        out.push(issue);
    }
    if let Some(issue) = unmatched_resources(index, &label, st, &actions) {
        out.push(issue);
    }
    out
}

fn unsupported_keys(
    index: usize,
    label: &str,
    st: &Statement,
    actions: &[ActionId],
) -> Option<Issue> {
    let cat = Catalogue::get();
    let mut seen = FxHashSet::default();
    let mut bad = Vec::new();
    for clause in &st.condition {
        let key = clause.key.as_str();
        if !seen.insert(key.to_ascii_lowercase()) {
            continue;
        }
        let Some((prefix, _)) = key.split_once(':') else {
            continue;
        };
        if prefix.eq_ignore_ascii_case("aws") {
            continue;
        }
        let Some(service) = cat.service_by_prefix(prefix) else {
            continue;
        };
        // The key's own service is where support is likely: look there first.
        let (own, other): (Vec<ActionId>, Vec<ActionId>) =
            actions.iter().partition(|a| a.service == service);
        if !own
            .iter()
            .chain(&other)
            .any(|a| cat.supports_condition_key(*a, key))
        {
            bad.push(key);
        }
    }
    if bad.is_empty() {
        return None;
    }
    Some(Issue {
        id: "RC-POLICY-003",
        statement: index,
        text: format!(
            "{label} has a condition on {}, which none of its {} action{} supports",
            bad.join(", "),
            actions.len(),
            if actions.len() == 1 { "" } else { "s" }
        ),
    })
}

/// `arn:partition:service:region:account:resource`, split; `None` for
/// anything else.
fn arn_parts(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let _partition = parts.next()?;
    let service = parts.next()?;
    let _region = parts.next()?;
    let _account = parts.next()?;
    let resource = parts.next()?;
    Some((service, resource))
}

/// The fixed beginning of a resource part, before any wildcard or variable.
fn fixed_head(resource: &str) -> &str {
    let end = resource.find(['*', '?', '$']).unwrap_or(resource.len());
    &resource[..end]
}

/// Whether a Resource pattern could name a resource of this ARN format.
fn could_match(service: &str, resource: &str, format: &str) -> bool {
    let Some((f_service, f_resource)) = arn_parts(format) else {
        return true;
    };
    if f_service.contains('$') {
        return true;
    }
    if !wildcard_match(service, f_service, true) {
        return false;
    }
    let (a, b) = (
        fixed_head(resource).to_ascii_lowercase(),
        fixed_head(f_resource).to_ascii_lowercase(),
    );
    a.starts_with(&b) || b.starts_with(&a)
}

fn unmatched_resources(
    index: usize,
    label: &str,
    st: &Statement,
    actions: &[ActionId],
) -> Option<Issue> {
    let cat = Catalogue::get();
    let resources = st.resource.as_ref()?;
    let formats: FxHashSet<&str> = actions.iter().flat_map(|a| cat.resource_arns(*a)).collect();
    let mut bad = Vec::new();
    for r in resources.iter() {
        let Some((service, resource)) = arn_parts(r) else {
            continue;
        };
        if service.contains('$') {
            continue;
        }
        if !formats.iter().any(|f| could_match(service, resource, f)) {
            bad.push(r.as_str());
        }
    }
    if bad.is_empty() {
        return None;
    }
    let services: Vec<&str> = {
        let mut s: Vec<&str> = actions
            .iter()
            .filter_map(|a| cat.service(*a).map(|s| s.prefix.as_str()))
            .collect();
        s.dedup();
        s
    };
    Some(Issue {
        id: "RC-POLICY-004",
        statement: index,
        text: format!(
            "{label} names {}, which none of its {} action{} ({}) can take",
            bad.join(", "),
            actions.len(),
            if actions.len() == 1 { "" } else { "s" },
            services.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issues_of(statement: serde_json::Value) -> Vec<Issue> {
        let doc = PolicyDocument::parse(&serde_json::json!({"Statement": [statement]})).unwrap();
        issues(0, &doc.statements[0])
    }

    fn ids(statement: serde_json::Value) -> Vec<&'static str> {
        issues_of(statement).iter().map(|i| i.id).collect()
    }

    #[test]
    fn arn_shapes_are_compared_by_service_and_fixed_head() {
        let bucket = "arn:${Partition}:s3:::${BucketName}";
        let instance = "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}";
        assert!(could_match("s3", "my-bucket", bucket));
        assert!(!could_match("s3", "my-bucket", instance));
        assert!(could_match("ec2", "instance/i-1", instance));
        assert!(could_match("ec2", "*", instance));
        assert!(could_match("ec2", "inst*", instance));
        assert!(!could_match("ec2", "volume/vol-1", instance));
        assert!(could_match("*", "instance/*", instance));
        assert!(!could_match("*", "volume/*", instance));
    }

    #[test]
    fn each_issue_and_its_absence() {
        let good = serde_json::json!({"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*"],
            "Resource": "arn:aws:s3:::bucket/*",
            "Condition": {"StringEquals": {"s3:ExistingObjectTag/team": "a", "aws:PrincipalOrgID": "o-1"}}});
        assert!(ids(good.clone()).is_empty(), "{:?}", issues_of(good));
        let typo = issues_of(
            serde_json::json!({"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}),
        );
        assert_eq!(typo[0].id, "RC-POLICY-001");
        assert!(typo[0].text.contains("s3:GetObject"), "{}", typo[0].text);
        assert_eq!(
            ids(serde_json::json!({"Effect": "Deny", "NotAction": "s3:Gett*", "Resource": "*"})),
            ["RC-POLICY-002"]
        );
        assert_eq!(
            ids(
                serde_json::json!({"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*",
                "Condition": {"StringEquals": {"s3:prefix": "a"}}})
            ),
            ["RC-POLICY-003"]
        );
        assert_eq!(
            ids(
                serde_json::json!({"Effect": "Allow", "Action": "ec2:*", "Resource": "arn:aws:s3:::bucket"})
            ),
            ["RC-POLICY-004"]
        );
        // One action of the statement could take the ARN: no finding.
        assert!(
            ids(
                serde_json::json!({"Effect": "Allow", "Action": ["ec2:*", "s3:ListBucket"],
            "Resource": "arn:aws:s3:::bucket"})
            )
            .is_empty()
        );
        // An unknown action makes the key and resource checks stand down.
        assert_eq!(
            ids(
                serde_json::json!({"Effect": "Allow", "Action": ["ec2:*", "ec2:NotYetInvented"],
                "Resource": "arn:aws:s3:::bucket"})
            ),
            ["RC-POLICY-001"]
        );
    }
}
