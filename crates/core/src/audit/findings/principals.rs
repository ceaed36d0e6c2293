//! The permission checks of one subject (a role, a user, a group, or an
//! unattached customer managed policy) and the correctness of its inline
//! policies, in report order.

use super::docs::{FactsCache, PrincipalDocs};
use super::{Finding, Subject, correctness, escalation, exposure, permissions};

pub(crate) fn check(
    subject: &Subject<'_>,
    docs: &PrincipalDocs,
    cache: &mut FactsCache,
    out: &mut Vec<Finding>,
) {
    permissions::check(subject, &docs.own, docs.boundary.as_ref(), out);
    escalation::check(subject, docs, out);
    exposure::check(subject, docs, &mut cache.wording, out);
    for doc in docs.own.iter().filter(|d| d.managed.is_none()) {
        correctness::report(subject, doc, out);
    }
}
