//! What an Allow on `"Resource": "*"` hands out, by the action catalogue's
//! access levels (wildcards and NotAction expanded against it): resource
//! exposure (Permissions management actions, `RC-PERM-101`), data
//! exfiltration (the reads in [`DATA_READS`], `RC-PERM-102`) and
//! infrastructure modification (Write actions with no condition,
//! `RC-PERM-103`). The checks Cloudsplaining makes, on every role, user,
//! group and unattached customer managed policy.
//!
//! An action does not count when an unconditional Deny on every resource
//! of the same subject (a user's groups included) names it, or when the
//! subject's permissions boundary does not allow it. Statements that allow
//! `*` on `*` are `RC-PERM-001` alone. AWS managed policies written for a
//! service's role (paths `/service-role/` and `/aws-service-role/`, such as
//! AWSLambdaBasicExecutionRole's logs writes) are not reported: they are
//! the service's working set, and Cloudsplaining leaves them out too.

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::docs::{PrincipalDocs, RoleDoc};
use super::{Finding, Location, Subject, statement_label};
use crate::catalogue::{AccessLevel, ActionId, Catalogue};
use crate::policy::Statement;

/// Reads whose answer is the data itself (object contents, secret values,
/// parameters, plaintext keys, items, messages, images, credentials), not
/// its metadata. The access level cannot tell these from harmless reads
/// (`s3:GetBucketTagging` is Read too), so this one list decides. A test
/// checks that the catalogue knows every name.
pub(crate) const DATA_READS: &[&str] = &[
    "s3:GetObject",
    "s3:GetObjectVersion",
    "secretsmanager:GetSecretValue",
    "secretsmanager:BatchGetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "kms:Decrypt",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "sqs:ReceiveMessage",
    "kinesis:GetRecords",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
    "lambda:GetFunction",
    "ec2:GetPasswordData",
    "rds-db:connect",
    "redshift:GetClusterCredentials",
];

/// The catalogue ids of `DATA_READS`, sorted.
fn data_read_ids() -> &'static [ActionId] {
    static IDS: OnceLock<Vec<ActionId>> = OnceLock::new();
    IDS.get_or_init(|| {
        let cat = Catalogue::get();
        let mut ids: Vec<ActionId> = DATA_READS.iter().filter_map(|a| cat.action_id(a)).collect();
        ids.sort_unstable();
        ids
    })
}

/// The actions of one Action / NotAction list, by what they expose.
/// Each list is sorted (catalogue order).
#[derive(Debug, Default)]
pub(crate) struct Granted {
    /// `Action s3:*, iam:Get*` or `NotAction iam:*`, for explanations.
    pub written: String,
    pub permissions_management: Vec<ActionId>,
    pub data_reads: Vec<ActionId>,
    pub writes: Vec<ActionId>,
}

/// The three kinds of exposure, one per finding id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    PermissionsManagement,
    DataRead,
    Write,
}

impl Granted {
    fn of_kind(&self, kind: Kind) -> &[ActionId] {
        match kind {
            Kind::PermissionsManagement => &self.permissions_management,
            Kind::DataRead => &self.data_reads,
            Kind::Write => &self.writes,
        }
    }

    fn has(&self, kind: Kind, id: ActionId) -> bool {
        self.of_kind(kind).binary_search(&id).is_ok()
    }
}

/// `Granted` by Action / NotAction list as written: accounts repeat the
/// same lists in many documents.
#[derive(Default)]
pub(crate) struct GrantedCache {
    by_list: FxHashMap<String, Rc<Granted>>,
}

impl GrantedCache {
    /// What the statement's Action (or NotAction) names; `None` without either.
    pub fn of(&mut self, st: &Statement) -> Option<Rc<Granted>> {
        let (list, not) = match (&st.action, &st.not_action) {
            (Some(l), _) => (l.as_slice(), false),
            (None, Some(l)) => (l.as_slice(), true),
            (None, None) => return None,
        };
        let key = format!(
            "{} {}",
            if not { "NotAction" } else { "Action" },
            list.join(", ")
        );
        if let Some(known) = self.by_list.get(&key) {
            return Some(Rc::clone(known));
        }
        let granted = Rc::new(granted(list, not, key.clone()));
        // A hostile file could hold very many distinct lists; a miss only
        // costs the expansion again.
        if self.by_list.len() > 50_000 {
            self.by_list.clear();
        }
        self.by_list.insert(key, Rc::clone(&granted));
        Some(granted)
    }
}

fn granted(list: &[String], not: bool, written: String) -> Granted {
    let cat = Catalogue::get();
    let mut named: Vec<ActionId> = list
        .iter()
        .flat_map(|p| cat.expand(p).actions.clone())
        .collect();
    named.sort_unstable();
    named.dedup();
    let actions: Vec<ActionId> = if not {
        let excluded: FxHashSet<ActionId> = named.into_iter().collect();
        (0..cat.services.len() as u16)
            .flat_map(|s| cat.service_actions(s))
            .filter(|id| !excluded.contains(id))
            .collect()
    } else {
        named
    };
    let reads = data_read_ids();
    let mut g = Granted {
        written,
        ..Granted::default()
    };
    for id in actions {
        let Some(action) = cat.action(id) else {
            continue;
        };
        if action.levels.contains(AccessLevel::PermissionsManagement) {
            g.permissions_management.push(id);
        }
        if action.levels.contains(AccessLevel::Write) {
            g.writes.push(id);
        }
        if reads.binary_search(&id).is_ok() {
            g.data_reads.push(id);
        }
    }
    g
}

/// What removes an action from a subject: unconditional Deny statements on
/// every resource (its own documents, its groups', its boundary's) and the
/// boundary's Allow statements (an action none of them names is capped).
struct Blockers<'a> {
    denies: Vec<&'a Granted>,
    boundary_allows: Option<Vec<&'a Granted>>,
    /// Names these blockers: the addresses of the Deny lists and of the
    /// boundary's facts. They stay put while the `FactsCache` that holds
    /// every document's facts lives, and so does the [`Wording`] keyed by it.
    signature: Rc<[usize]>,
}

impl<'a> Blockers<'a> {
    fn of(docs: &'a PrincipalDocs) -> Blockers<'a> {
        let mut denies = Vec::new();
        let mut deny_of = |doc: &'a RoleDoc| {
            for (st, granted) in doc.facts.statements.iter().zip(&doc.cat.statements) {
                if !st.allow
                    && !st.has_condition
                    && st.any_resource
                    && let Some(g) = granted
                {
                    denies.push(&**g);
                }
            }
        };
        docs.all().for_each(&mut deny_of);
        let mut signature: Vec<usize> = denies
            .iter()
            .map(|g| std::ptr::from_ref::<Granted>(g) as usize)
            .collect();
        let mut boundary_allows = None;
        if let Some((_, Some((facts, cat)))) = &docs.boundary {
            signature.push(usize::MAX);
            signature.push(Rc::as_ptr(cat) as usize);
            let mut allows = Vec::new();
            for (st, granted) in facts.statements.iter().zip(&cat.statements) {
                let Some(g) = granted else { continue };
                if st.allow {
                    allows.push(&**g);
                } else if !st.has_condition && st.any_resource {
                    denies.push(&**g);
                }
            }
            boundary_allows = Some(allows);
        }
        Blockers {
            denies,
            boundary_allows,
            signature: signature.into(),
        }
    }

    fn blocks(&self, kind: Kind, id: ActionId) -> bool {
        self.denies.iter().any(|g| g.has(kind, id))
            || self
                .boundary_allows
                .as_ref()
                .is_some_and(|allows| !allows.iter().any(|g| g.has(kind, id)))
    }

    fn is_empty(&self) -> bool {
        self.denies.is_empty() && self.boundary_allows.is_none()
    }
}

/// `iam:AttachRolePolicy, s3:PutBucketPolicy and 97 more`.
fn named(ids: &[ActionId]) -> String {
    const SHOWN: usize = 6;
    let cat = Catalogue::get();
    let mut text = ids
        .iter()
        .take(SHOWN)
        .map(|id| cat.full_name(*id))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

/// An AWS managed policy made for a service's role.
fn is_aws_service_policy(arn: &str) -> bool {
    arn.split_once(":iam::aws:policy/")
        .is_some_and(|(_, rest)| {
            rest.starts_with("service-role/") || rest.starts_with("aws-service-role/")
        })
}

/// (address of an Allow's `Granted`, kind, blockers' signature).
type LeftKey = (usize, u8, Rc<[usize]>);
/// (managed policy, statement, kind, blockers' signature).
type WordKey = (usize, usize, u8, Rc<[usize]>);

/// What holders of the same documents share: the actions left of an
/// Action list once the same blockers are applied, and the explanation of
/// a managed policy's statement for holders with the same blockers.
#[derive(Default)]
pub(crate) struct Wording {
    /// (address of the Allow's `Granted`, kind, blockers) → actions left.
    lefts: FxHashMap<LeftKey, Rc<[ActionId]>>,
    /// (managed policy, statement, kind, blockers) → explanation.
    words: FxHashMap<WordKey, Rc<str>>,
}

pub(crate) fn check(
    subject: &Subject<'_>,
    docs: &PrincipalDocs,
    cache: &mut Wording,
    out: &mut Vec<Finding>,
) {
    let blockers = Blockers::of(docs);
    let boundary_note = docs
        .boundary
        .as_ref()
        .map(|(arn, facts)| match facts {
            Some(_) => format!(" The permissions boundary {arn} allows them."),
            None => format!(
                " The permissions boundary {arn} is not in the snapshot, so it could not be applied."
            ),
        })
        .unwrap_or_default();
    for doc in docs
        .own
        .iter()
        .filter(|d| !is_aws_service_policy(&d.policy))
    {
        for (st, granted) in doc.facts.statements.iter().zip(&doc.cat.statements) {
            let Some(granted) = granted else { continue };
            if !st.allow || st.full_admin || !st.any_resource {
                continue;
            }
            let label = statement_label(st.index, st.sid.as_deref());
            let conditional = if st.has_condition {
                " (under conditions)"
            } else {
                ""
            };
            let kinds = [
                (
                    Kind::PermissionsManagement,
                    "RC-PERM-101",
                    "Permissions management",
                ),
                (Kind::DataRead, "RC-PERM-102", "data-reading"),
                (Kind::Write, "RC-PERM-103", "Write"),
            ];
            for (kind, id, what) in kinds {
                // Infrastructure modification counts unconditional Writes only.
                if kind == Kind::Write && st.has_condition {
                    continue;
                }
                let all = granted.of_kind(kind);
                if all.is_empty() {
                    continue;
                }
                let left: Cow<'_, [ActionId]> = if blockers.is_empty() {
                    Cow::Borrowed(all)
                } else {
                    let key = (
                        Rc::as_ptr(granted) as usize,
                        kind as u8,
                        Rc::clone(&blockers.signature),
                    );
                    let left = cache.lefts.entry(key).or_insert_with(|| {
                        all.iter()
                            .copied()
                            .filter(|a| !blockers.blocks(kind, *a))
                            .collect()
                    });
                    Cow::Owned(left.to_vec())
                };
                if left.is_empty() {
                    continue;
                }
                let word = || {
                    format!(
                        "{} {label} ({}) allows {} {what} action{} on {}{conditional}: {}.{boundary_note}",
                        doc.shown,
                        granted.written,
                        left.len(),
                        if left.len() == 1 { "" } else { "s" },
                        st.resources,
                        named(&left)
                    )
                };
                // Holders of one managed policy with the same blockers share
                // the wording: the same statement and the same actions. (A
                // boundary missing from the snapshot is named by ARN alone.)
                let boundary_known = docs.boundary.as_ref().is_none_or(|(_, f)| f.is_some());
                let explanation = match doc.managed {
                    Some(policy) if boundary_known => cache
                        .words
                        .entry((policy, st.index, kind as u8, Rc::clone(&blockers.signature)))
                        .or_insert_with(|| Rc::from(word()))
                        .to_string(),
                    _ => word(),
                };
                out.push(subject.finding(
                    id,
                    Location {
                        policy: doc.policy.to_string(),
                        statement: Some(st.index),
                    },
                    explanation,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_role_policies_of_aws_are_told_apart() {
        assert!(is_aws_service_policy(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        ));
        assert!(is_aws_service_policy(
            "arn:aws-cn:iam::aws:policy/aws-service-role/AmazonEKSServiceRolePolicy"
        ));
        assert!(!is_aws_service_policy(
            "arn:aws:iam::aws:policy/AmazonS3FullAccess"
        ));
        assert!(!is_aws_service_policy(
            "arn:aws:iam::123456789012:policy/service-role/mine"
        ));
    }

    #[test]
    fn the_catalogue_knows_every_data_read() {
        let cat = Catalogue::get();
        for name in DATA_READS {
            assert!(
                cat.action_id(name).is_some(),
                "{name} is not in the catalogue"
            );
        }
        assert_eq!(data_read_ids().len(), DATA_READS.len());
    }

    #[test]
    fn levels_decide_and_not_action_is_the_complement() {
        let doc: crate::policy::PolicyDocument =
            crate::policy::PolicyDocument::parse(&serde_json::json!({"Statement": [
                {"Effect": "Allow", "Action": ["s3:Get*", "iam:Put*"], "Resource": "*"},
                {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
            ]}))
            .unwrap();
        let mut cache = GrantedCache::default();
        let cat = Catalogue::get();
        let g = cache.of(&doc.statements[0]).unwrap();
        let get_object = cat.action_id("s3:GetObject").unwrap();
        let put_role_policy = cat.action_id("iam:PutRolePolicy").unwrap();
        assert!(g.data_reads.contains(&get_object));
        assert!(g.permissions_management.contains(&put_role_policy));
        assert!(!g.writes.contains(&get_object));
        let not = cache.of(&doc.statements[1]).unwrap();
        assert!(!not.permissions_management.contains(&put_role_policy));
        assert!(not.data_reads.contains(&get_object));
        assert!(
            not.writes
                .contains(&cat.action_id("ec2:RunInstances").unwrap())
        );
        // The same list again is the cached answer.
        assert!(Rc::ptr_eq(&g, &cache.of(&doc.statements[0]).unwrap()));
    }
}
