//! The policy documents that can apply to a caller, named for display.

use crate::model::{DocRef, EntityRef, InlineDoc, Model, PolicyLink};
use crate::policy::PolicyDocument;

fn inline_list(model: &Model, owner: EntityRef) -> &[InlineDoc] {
    let list = match owner {
        EntityRef::Role(i) => model.roles.get(i).map(|r| r.inline.as_slice()),
        EntityRef::User(i) => model.users.get(i).map(|u| u.inline.as_slice()),
        EntityRef::Group(i) => model.groups.get(i).map(|g| g.inline.as_slice()),
        EntityRef::Policy(_) => None,
    };
    list.unwrap_or(&[])
}

/// The parsed document, or why it cannot be used.
pub(crate) fn document(model: &Model, doc: DocRef) -> Result<&PolicyDocument, String> {
    if let Some(found) = model.doc(doc) {
        return found.parsed.as_ref().map_err(Clone::clone);
    }
    Err(match doc {
        DocRef::Trust(_) => "trust policy not found".into(),
        DocRef::Inline(..) => "inline policy not found".into(),
        DocRef::Managed(p) | DocRef::Version(p, _) => match model.policies.get(p) {
            Some(policy) => format!("{}: no such version in the snapshot", policy.arn),
            None => "policy not found".into(),
        },
    })
}

fn owner_words(model: &Model, owner: EntityRef) -> String {
    let kind = match owner {
        EntityRef::Role(_) => "role",
        EntityRef::User(_) => "user",
        EntityRef::Group(_) => "group",
        EntityRef::Policy(_) => "policy",
    };
    let name = match owner {
        EntityRef::Role(i) if i < model.roles.len() => model.name_of(owner),
        EntityRef::User(i) if i < model.users.len() => model.name_of(owner),
        EntityRef::Group(i) if i < model.groups.len() => model.name_of(owner),
        _ => "?",
    };
    format!("{kind} {name}")
}

/// "trust policy", "inline NAME of role X" or the managed policy's ARN.
pub(crate) fn label(model: &Model, doc: DocRef) -> String {
    match doc {
        DocRef::Trust(_) => "trust policy".into(),
        DocRef::Inline(owner, i) => {
            let name = inline_list(model, owner)
                .get(i)
                .map_or("?", |d| d.name.as_str());
            format!("inline {name} of {}", owner_words(model, owner))
        }
        DocRef::Managed(p) | DocRef::Version(p, _) => model
            .policies
            .get(p)
            .map_or_else(|| format!("policy #{p}"), |x| x.arn.clone()),
    }
}

/// A policy that applies to the caller but is not usable: a managed policy
/// missing from the snapshot, or a document that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Unreadable {
    pub policy: String,
    pub why: String,
}

/// The identity documents of a user (own inline and attached, then each
/// group's) or a role (inline and attached), plus the attached policies that
/// the snapshot does not hold.
pub(crate) fn identity_docs(model: &Model, owner: EntityRef) -> (Vec<DocRef>, Vec<Unreadable>) {
    let mut docs = Vec::new();
    let mut missing = Vec::new();
    let mut add = |owner: EntityRef, inline: &[InlineDoc], attached: &[PolicyLink]| {
        docs.extend((0..inline.len()).map(|i| DocRef::Inline(owner, i)));
        for link in attached {
            match link.policy {
                Some(p) => docs.push(DocRef::Managed(p)),
                None => missing.push(Unreadable {
                    policy: link.arn.clone(),
                    why: "the policy is not in the snapshot".into(),
                }),
            }
        }
    };
    match owner {
        EntityRef::User(u) => {
            if let Some(user) = model.users.get(u) {
                add(owner, &user.inline, &user.attached);
                for &g in &user.groups {
                    if let Some(group) = model.groups.get(g) {
                        add(EntityRef::Group(g), &group.inline, &group.attached);
                    }
                }
            }
        }
        EntityRef::Role(r) => {
            if let Some(role) = model.roles.get(r) {
                add(owner, &role.inline, &role.attached);
            }
        }
        EntityRef::Group(g) => {
            if let Some(group) = model.groups.get(g) {
                add(owner, &group.inline, &group.attached);
            }
        }
        EntityRef::Policy(_) => {}
    }
    (docs, missing)
}

/// The permissions boundary of a user or role.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Boundary {
    None,
    Doc(DocRef),
    /// Set, but the policy is not in the snapshot.
    Missing(String),
}

pub(crate) fn boundary_of(model: &Model, owner: EntityRef) -> Boundary {
    let link = match owner {
        EntityRef::User(u) => model.users.get(u).and_then(|x| x.boundary.as_ref()),
        EntityRef::Role(r) => model.roles.get(r).and_then(|x| x.boundary.as_ref()),
        _ => None,
    };
    match link {
        None => Boundary::None,
        Some(l) => match l.policy {
            Some(p) => Boundary::Doc(DocRef::Managed(p)),
            None => Boundary::Missing(l.arn.clone()),
        },
    }
}
