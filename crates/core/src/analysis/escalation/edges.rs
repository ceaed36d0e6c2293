//! Every escalation edge of the loaded accounts (ESCALATION D.1–D.5).
//! Each step is an evaluated request; a principal none of whose Allow
//! statements names a technique's actions is skipped without evaluation.

use rustc_hash::FxHashMap;

use super::techniques::{Shape, TECHNIQUES, Technique};
use super::{AssumeEdge, Edge, Graph, Kind, Node};
use crate::analysis::assume::{AssumeIndex, Caller, Decision, Verdict, Via, can_assume};
use crate::analysis::effective::{admin_of, summarise};
use crate::analysis::eval::Batch;
use crate::model::{EntityRef, Model};
use crate::policy::{ConditionText, RequestContext};

/// One evaluated step of an edge.
#[derive(Clone)]
struct Step {
    kind: Kind,
    conditions: Vec<ConditionText>,
    needs: Vec<String>,
    via: Vec<Via>,
}

fn step_of(d: &Decision) -> Option<Step> {
    let (kind, needs) = match d.verdict {
        Verdict::Denied => return None,
        Verdict::Allowed => (Kind::Definite, Vec::new()),
        Verdict::Conditional => (Kind::Conditional, Vec::new()),
        Verdict::Uncertain => (
            Kind::Possible,
            vec![format!(
                "AWS's documentation leaves {} open: {}",
                d.action,
                d.reasons.first().map_or("", String::as_str)
            )],
        ),
    };
    Some(Step {
        kind,
        conditions: if kind == Kind::Conditional {
            d.conditions.clone()
        } else {
            Vec::new()
        },
        needs,
        via: d.via.clone(),
    })
}

fn edge(
    from: EntityRef,
    to: Node,
    technique: &'static Technique,
    steps: Vec<Step>,
    extra_need: Option<String>,
) -> Edge {
    let mut e = Edge {
        from,
        to,
        technique,
        kind: Kind::Definite,
        actions: technique.actions.iter().map(|a| a.to_string()).collect(),
        conditions: Vec::new(),
        needs: Vec::new(),
        via: Vec::new(),
        note: None,
    };
    for s in steps {
        e.kind = e.kind.max(s.kind);
        for c in s.conditions {
            if !e.conditions.contains(&c) {
                e.conditions.push(c);
            }
        }
        e.needs.extend(s.needs);
        for v in s.via {
            if !e.via.contains(&v) {
                e.via.push(v);
            }
        }
    }
    if let Some(need) = extra_need {
        e.kind = Kind::Possible;
        e.needs.push(need);
    }
    e
}

fn caller(p: EntityRef) -> Option<Caller> {
    match p {
        EntityRef::User(u) => Some(Caller::User(u)),
        EntityRef::Role(r) => Some(Caller::Role(r)),
        _ => None,
    }
}

fn is_service_linked(model: &Model, r: usize) -> bool {
    model
        .roles
        .get(r)
        .is_some_and(|x| x.detail.path.starts_with("/aws-service-role/"))
}

/// Which resources a principal's Allow statements for one action can name:
/// a quick filter before evaluating each target (`*`, NotResource, an
/// unreadable policy or a policy variable the caller's own keys do not
/// fill: every target).
struct Reach {
    patterns: Option<Vec<String>>,
}

impl Reach {
    fn of(model: &Model, owner: EntityRef, who: &Caller, action: &str) -> Reach {
        use crate::analysis::assume::caller::caller_info;
        use crate::analysis::assume::index::policies_covering;
        use crate::analysis::assume::sources::document;
        let Some(info) = caller_info(model, who) else {
            return Reach { patterns: None };
        };
        let policies = policies_covering(model, owner, |st| {
            st.effect == crate::policy::Effect::Allow && st.matches_action(action)
        });
        if !policies.unreadable.is_empty() {
            return Reach { patterns: None };
        }
        let mut patterns = Vec::new();
        for r in &policies.stmts {
            let Some(st) = document(model, r.doc)
                .ok()
                .and_then(|d| d.statements.get(r.statement))
            else {
                return Reach { patterns: None };
            };
            match &st.resource {
                Some(list) => {
                    for p in list.iter() {
                        // `user/${aws:username}` names the caller itself.
                        let filled = crate::policy::substitute_variables(p, &info.ctx);
                        match filled {
                            Some(p) if p != "*" => patterns.push(p),
                            _ => return Reach { patterns: None },
                        }
                    }
                }
                None => return Reach { patterns: None },
            }
        }
        Reach {
            patterns: Some(patterns),
        }
    }

    /// When every pattern is a literal ARN: the entities they name, the
    /// only targets worth trying (`user/${aws:username}` names one).
    fn literal_targets(&self, model: &Model) -> Option<Vec<EntityRef>> {
        let patterns = self.patterns.as_ref()?;
        if patterns.iter().any(|p| p.contains(['*', '?'])) {
            return None;
        }
        let mut out: Vec<EntityRef> = Vec::new();
        for e in patterns.iter().flat_map(|p| model.resolve_all(p)) {
            if !out.contains(e) {
                out.push(*e);
            }
        }
        Some(out)
    }

    /// The users or roles (`pick`) worth trying as targets: those a literal
    /// pattern names, else all.
    fn candidates(
        &self,
        model: &Model,
        count: usize,
        pick: fn(EntityRef) -> Option<usize>,
    ) -> Vec<usize> {
        match self.literal_targets(model) {
            // In index order, as the full walk would meet them.
            Some(named) => {
                let mut found: Vec<usize> = named.into_iter().filter_map(pick).collect();
                found.sort_unstable();
                found.dedup();
                found
            }
            None => (0..count).collect(),
        }
    }

    fn may_name(&self, arn: &str) -> bool {
        match &self.patterns {
            None => true,
            Some(list) => list.iter().any(|p| crate::policy::arn_matches(p, arn)),
        }
    }
}

/// Where one statement naming a technique's action applies.
struct Scope {
    patterns: Vec<String>,
    /// NotResource: everywhere but the patterns.
    negated: bool,
}

/// The steps of one technique on each target, shared between targets the
/// principal's statements cannot tell apart: those each statement naming
/// the actions (identity, groups, boundary) either covers or does not, when
/// no condition reads a key of the resource. The answer then depends only
/// on which statements cover the target. An answer that is only possible
/// keeps its per-target reasons, so it is not shared.
struct PerTarget {
    /// `None`: the answers cannot be shared.
    scopes: Option<Vec<Scope>>,
    known: FxHashMap<u64, Option<Vec<Step>>>,
}

impl PerTarget {
    fn new(model: &Model, owner: EntityRef, who: &Caller, actions: &[&str]) -> PerTarget {
        PerTarget {
            scopes: scopes(model, owner, who, actions).filter(|s| s.len() <= 64),
            known: FxHashMap::default(),
        }
    }

    /// Which scopes cover `arn`, as bits.
    fn signature(&self, arn: &str) -> Option<u64> {
        let scopes = self.scopes.as_ref()?;
        Some(scopes.iter().enumerate().fold(0u64, |acc, (i, s)| {
            let named = s
                .patterns
                .iter()
                .any(|p| crate::policy::arn_matches(p, arn));
            if named != s.negated {
                acc | (1 << i)
            } else {
                acc
            }
        }))
    }

    fn get(
        &mut self,
        arn: &str,
        evaluate: impl FnOnce() -> Option<Vec<Step>>,
    ) -> Option<Vec<Step>> {
        let signature = self.signature(arn);
        if let Some(known) = signature.and_then(|k| self.known.get(&k)) {
            return known.clone();
        }
        let answer = evaluate();
        let certain = answer
            .as_ref()
            .is_none_or(|steps| steps.iter().all(|s| s.kind != Kind::Possible));
        if let (Some(k), true) = (signature, certain) {
            self.known.insert(k, answer.clone());
        }
        answer
    }
}

/// The scope of every statement of `owner` naming one of the actions, its
/// policy variables filled from the caller's own keys; `None` when one
/// cannot be known without the target (an unreadable policy, a condition
/// or a variable reading a key of the resource).
fn scopes(model: &Model, owner: EntityRef, who: &Caller, actions: &[&str]) -> Option<Vec<Scope>> {
    use crate::analysis::assume::caller::caller_info;
    use crate::analysis::assume::index::policies_covering;
    use crate::analysis::assume::sources::{Boundary, document};
    let info = caller_info(model, who)?;
    let reads_resource = |text: &str| text.to_ascii_lowercase().contains("resource");
    let mut out = Vec::new();
    for action in actions {
        let policies = policies_covering(model, owner, |st| st.matches_action(action));
        if !policies.unreadable.is_empty() || matches!(policies.boundary, Boundary::Missing(_)) {
            return None;
        }
        for r in policies.stmts.iter().chain(&policies.boundary_stmts) {
            let st = document(model, r.doc).ok()?.statements.get(r.statement)?;
            if st
                .condition
                .iter()
                .any(|c| reads_resource(&c.key) || c.values.iter().any(|v| v.contains("${")))
            {
                return None;
            }
            let (list, negated) = match (&st.resource, &st.not_resource) {
                (Some(list), None) => (list, false),
                (None, Some(list)) => (list, true),
                _ => return None,
            };
            let mut patterns = Vec::new();
            for p in list.iter() {
                if p.contains("${") && reads_resource(p) {
                    return None;
                }
                patterns.push(crate::policy::substitute_variables(p, &info.ctx)?);
            }
            out.push(Scope { patterns, negated });
        }
        // The organization's statements tell targets apart too (every
        // target here is in the caller's account, so its SCPs and RCPs).
        if let (Some(org), Some(account)) =
            (model.organization.as_deref(), info.account_id.as_deref())
        {
            for st in crate::analysis::org_gate::statements_naming(org, account, action)
                .into_iter()
                .flatten()
            {
                if st
                    .condition
                    .iter()
                    .any(|c| reads_resource(&c.key) || c.values.iter().any(|v| v.contains("${")))
                {
                    return None;
                }
                let (list, negated) = match (&st.resource, &st.not_resource) {
                    (Some(list), None) => (list, false),
                    (None, Some(list)) => (list, true),
                    // No Resource element: every target alike.
                    _ => continue,
                };
                if list.iter().any(|p| p.contains("${")) {
                    return None;
                }
                let patterns = list.iter().cloned().collect();
                out.push(Scope { patterns, negated });
            }
        }
    }
    Some(out)
}

/// The request context of a step that names no key.
fn empty_context() -> &'static RequestContext {
    static EMPTY: std::sync::OnceLock<RequestContext> = std::sync::OnceLock::new();
    EMPTY.get_or_init(RequestContext::new)
}

struct Builder<'a> {
    model: &'a Model,
    index: &'a AssumeIndex,
    batches: FxHashMap<&'static str, Batch<'a>>,
    /// Roles whose trust admits each service.
    trusting: FxHashMap<&'static str, Vec<usize>>,
    edges: Vec<Edge>,
    /// Per role: effectively an administrator.
    admin_roles: &'a [bool],
    /// Every action a technique needs, numbered for `allowed_actions`.
    action_bits: Vec<&'static str>,
    /// Statement (by address; the model is not changed meanwhile) → the
    /// `action_bits` it names.
    statement_bits: FxHashMap<usize, u128>,
    /// Every target evaluated on its own, no shortcut (for the test that
    /// the shortcuts change nothing).
    exhaustive: bool,
}

impl<'a> Builder<'a> {
    fn new(
        model: &'a Model,
        index: &'a AssumeIndex,
        admin_roles: &'a [bool],
        exhaustive: bool,
    ) -> Builder<'a> {
        let mut action_bits: Vec<&'static str> = TECHNIQUES
            .iter()
            .flat_map(|t| t.actions.iter().copied())
            .collect();
        action_bits.sort_unstable();
        action_bits.dedup();
        // More than 128 would not fit the masks: then every technique
        // takes the slower test alone.
        if action_bits.len() > 128 {
            action_bits.clear();
        }
        Builder {
            model,
            index,
            batches: FxHashMap::default(),
            trusting: FxHashMap::default(),
            edges: Vec::new(),
            admin_roles,
            action_bits,
            statement_bits: FxHashMap::default(),
            exhaustive,
        }
    }

    fn reach(&self, from: EntityRef, who: &Caller, action: &str) -> Reach {
        if self.exhaustive {
            return Reach { patterns: None };
        }
        Reach::of(self.model, from, who, action)
    }

    fn per_target(&self, from: EntityRef, who: &Caller, actions: &[&str]) -> PerTarget {
        let mut shared = PerTarget::new(self.model, from, who, actions);
        if self.exhaustive {
            shared.scopes = None;
        }
        shared
    }

    fn is_admin_role(&self, r: usize) -> bool {
        self.admin_roles.get(r).copied().unwrap_or(false)
    }

    fn batch(&mut self, action: &'static str) -> &Batch<'a> {
        let (model, index) = (self.model, self.index);
        // The batch's own resource and context are never used: every step
        // names its resource (evaluate_at).
        self.batches
            .entry(action)
            .or_insert_with(|| Batch::new(model, index, action, "*", empty_context()))
    }

    /// Whether every action of the technique may be allowed (a quick test
    /// on the statements' Action lists only).
    fn may_use(&mut self, t: &'static Technique, who: &Caller) -> bool {
        t.actions.iter().all(|a| self.batch(a).may_allow(who))
    }

    fn eval(
        &mut self,
        action: &'static str,
        who: &Caller,
        resource: &str,
        ctx: Option<&RequestContext>,
    ) -> Option<Step> {
        let d = self
            .batch(action)
            .evaluate_at(who, resource, ctx.unwrap_or(empty_context()));
        step_of(&d)
    }

    /// Every action of the technique on `resource` (the first) and `*` (the
    /// others), or `None` when one is denied.
    fn all_on(
        &mut self,
        t: &'static Technique,
        who: &Caller,
        first: &str,
        first_ctx: Option<&RequestContext>,
    ) -> Option<Vec<Step>> {
        let mut steps = Vec::new();
        for (i, a) in t.actions.iter().enumerate() {
            let (resource, ctx) = if i == 0 {
                (first, first_ctx)
            } else {
                ("*", None)
            };
            steps.push(self.eval(a, who, resource, ctx)?);
        }
        Some(steps)
    }

    fn roles_trusting(&mut self, service: &'static str) -> Vec<usize> {
        if let Some(found) = self.trusting.get(service) {
            return found.clone();
        }
        let as_service = Caller::External {
            kind_key: "Service".into(),
            principal: service.into(),
        };
        let found: Vec<usize> = (0..self.model.roles.len())
            .filter(|r| !is_service_linked(self.model, *r))
            .filter(|r| {
                self.model.roles[*r]
                    .trust_rows
                    .iter()
                    .any(|row| row.kind_key == "Service" && row.principal == service)
            })
            .filter(|r| {
                can_assume(self.model, self.index, &as_service, *r).verdict != Verdict::Denied
            })
            .collect();
        self.trusting.insert(service, found.clone());
        found
    }

    /// The technique actions (by `action_bits` number) that some identity
    /// Allow of `from` names: read once per principal, each statement's
    /// answer kept for the principals that share it. Unreadable policies
    /// might name anything.
    fn allowed_actions(&mut self, from: EntityRef) -> u128 {
        use crate::analysis::assume::sources::{document, identity_docs};
        let (docs, missing) = identity_docs(self.model, from);
        if !missing.is_empty() {
            return u128::MAX;
        }
        let mut mask = 0u128;
        for doc in docs {
            let Ok(d) = document(self.model, doc) else {
                return u128::MAX;
            };
            for st in &d.statements {
                if st.effect != crate::policy::Effect::Allow {
                    continue;
                }
                let key = st as *const crate::policy::Statement as usize;
                let bits = match self.statement_bits.get(&key) {
                    Some(b) => *b,
                    None => {
                        let b = self
                            .action_bits
                            .iter()
                            .enumerate()
                            .filter(|(_, a)| st.matches_action(a))
                            .fold(0u128, |acc, (i, _)| acc | (1 << i));
                        self.statement_bits.insert(key, b);
                        b
                    }
                };
                mask |= bits;
            }
        }
        mask
    }

    fn technique_bits(&self, t: &Technique) -> u128 {
        t.actions.iter().fold(0u128, |acc, a| {
            match self.action_bits.iter().position(|x| x == a) {
                Some(i) => acc | (1 << i),
                None => u128::MAX,
            }
        })
    }

    fn principal_edges(&mut self, from: EntityRef, admin_groups: &[usize]) {
        let Some(who) = caller(from) else { return };
        let allowed = self.allowed_actions(from);
        for t in TECHNIQUES {
            if matches!(
                t.shape,
                Shape::IsAdmin | Shape::AdminTakesOver | Shape::Assume
            ) {
                continue;
            }
            // Every action must be named by some Allow; the per-action
            // test only when the technique's actions are not numbered.
            let needed = self.technique_bits(t);
            let may = if needed == u128::MAX {
                self.may_use(t, &who)
            } else {
                allowed & needed == needed
            };
            if !may {
                continue;
            }
            self.technique_edges(t, from, &who, admin_groups);
        }
    }

    fn technique_edges(
        &mut self,
        t: &'static Technique,
        from: EntityRef,
        who: &Caller,
        admin_groups: &[usize],
    ) {
        let model = self.model;
        match t.shape {
            Shape::IsAdmin | Shape::AdminTakesOver | Shape::Assume => {}
            Shape::OnItself => {
                let own_kind = matches!(
                    (t.actions[0], from),
                    (
                        "iam:PutUserPolicy" | "iam:AttachUserPolicy",
                        EntityRef::User(_)
                    ) | (
                        "iam:PutRolePolicy" | "iam:AttachRolePolicy",
                        EntityRef::Role(_)
                    )
                );
                if !own_kind {
                    return;
                }
                let arn = model.arn_of(from).to_string();
                let ctx = attach_context(t.actions[0], &arn);
                if let Some(steps) = self.all_on(t, who, &arn, ctx.as_ref()) {
                    let need = bounded(model, from);
                    self.edges.push(edge(from, Node::Admin, t, steps, need));
                }
            }
            Shape::OnOwnGroup => {
                let EntityRef::User(u) = from else { return };
                let groups = model
                    .users
                    .get(u)
                    .map(|x| x.groups.clone())
                    .unwrap_or_default();
                for g in groups {
                    let arn = model.arn_of(EntityRef::Group(g)).to_string();
                    let ctx = attach_context(t.actions[0], &arn);
                    if let Some(steps) = self.all_on(t, who, &arn, ctx.as_ref()) {
                        let need = bounded(model, from);
                        self.edges.push(edge(from, Node::Admin, t, steps, need));
                        break;
                    }
                }
            }
            Shape::OwnPolicyVersion => {
                for p in own_customer_policies(model, from) {
                    let arn = model.policies[p].arn.clone();
                    if let Some(steps) = self.all_on(t, who, &arn, None) {
                        let need = bounded(model, from);
                        self.edges.push(edge(from, Node::Admin, t, steps, need));
                        break;
                    }
                }
            }
            Shape::JoinAdminGroup => {
                let EntityRef::User(u) = from else { return };
                let mine = model
                    .users
                    .get(u)
                    .map(|x| x.groups.clone())
                    .unwrap_or_default();
                for g in admin_groups.iter().filter(|g| !mine.contains(g)) {
                    if model.account_of(EntityRef::Group(*g)) != model.account_of(from) {
                        continue;
                    }
                    let arn = model.arn_of(EntityRef::Group(*g)).to_string();
                    if let Some(steps) = self.all_on(t, who, &arn, None) {
                        let need = bounded(model, from);
                        self.edges.push(edge(from, Node::Admin, t, steps, need));
                        break;
                    }
                }
            }
            Shape::RewriteTrust => {
                let account = model.account_of(from);
                let reach = self.reach(from, who, t.actions[0]);
                let mut per_target = self.per_target(from, who, &t.actions[..1]);
                let roles = reach.candidates(model, model.roles.len(), |e| match e {
                    EntityRef::Role(r) => Some(r),
                    _ => None,
                });
                for r in roles {
                    if EntityRef::Role(r) == from
                        || model.roles[r].account != account
                        || is_service_linked(model, r)
                        || !reach.may_name(&model.roles[r].detail.arn)
                    {
                        continue;
                    }
                    let arn = model.roles[r].detail.arn.clone();
                    if let Some(steps) = per_target.get(&arn, || self.all_on(t, who, &arn, None)) {
                        self.edges.push(edge(
                            from,
                            Node::Principal(EntityRef::Role(r)),
                            t,
                            steps,
                            None,
                        ));
                    }
                }
            }
            Shape::UserCredentials { needs } => {
                let account = model.account_of(from);
                let reach = self.reach(from, who, t.actions[0]);
                let mut per_target = self.per_target(from, who, t.actions);
                let users = reach.candidates(model, model.users.len(), |e| match e {
                    EntityRef::User(u) => Some(u),
                    _ => None,
                });
                for u in users {
                    if EntityRef::User(u) == from
                        || model.users[u].account != account
                        || !reach.may_name(&model.users[u].detail.arn)
                    {
                        continue;
                    }
                    let arn = model.users[u].detail.arn.clone();
                    if let Some(steps) = per_target.get(&arn, || self.all_on_each(t, who, &arn)) {
                        let need = needs.map(str::to_string);
                        self.edges.push(edge(
                            from,
                            Node::Principal(EntityRef::User(u)),
                            t,
                            steps,
                            need,
                        ));
                    }
                }
            }
            Shape::PassRole {
                service,
                instance_profile,
                needs,
                unless,
            } => {
                // The service actions on `*` once; then PassRole per role.
                let mut rest = Vec::new();
                for a in &t.actions[1..] {
                    match self.eval_some(a, who, from) {
                        Some(s) => rest.push(s),
                        None => return,
                    }
                }
                // With `unless` allowed, its step counts like the others
                // (a conditional Allow of it makes the edge conditional).
                let missing = match (needs, unless) {
                    (Some(n), Some(u)) => match self.eval_static(u, who) {
                        Some(s) => {
                            rest.push(s);
                            None
                        }
                        None => Some(n.to_string()),
                    },
                    (Some(n), None) => Some(n.to_string()),
                    (None, _) => None,
                };
                let ctx = RequestContext::new().with("iam:PassedToService", [service]);
                let account = model.account_of(from);
                let reach = self.reach(from, who, t.actions[0]);
                let mut per_target = self.per_target(from, who, &t.actions[..1]);
                for r in self.roles_trusting(service) {
                    if EntityRef::Role(r) == from
                        || model.roles[r].account != account
                        || !reach.may_name(&model.roles[r].detail.arn)
                    {
                        continue;
                    }
                    let arn = model.roles[r].detail.arn.clone();
                    let Some(mut pass) = per_target.get(&arn, || {
                        self.eval(t.actions[0], who, &arn, Some(&ctx))
                            .map(|s| vec![s])
                    }) else {
                        continue;
                    };
                    let Some(pass) = pass.pop() else { continue };
                    let mut need = missing.clone();
                    if instance_profile && model.roles[r].detail.instance_profile_list.is_empty() {
                        need = Some(
                            "an instance profile holding this role exists (it has none; iam:CreateInstanceProfile \
                             and iam:AddRoleToInstanceProfile would make one)"
                                .into(),
                        );
                    }
                    let mut steps = vec![pass];
                    steps.extend(rest.iter().cloned());
                    self.edges.push(edge(
                        from,
                        Node::Principal(EntityRef::Role(r)),
                        t,
                        steps,
                        need,
                    ));
                }
            }
            Shape::ExistingCompute { service, needs } => {
                let mut steps = Vec::new();
                for a in t.actions {
                    match self.eval_some(a, who, from) {
                        Some(s) => steps.push(s),
                        None => return,
                    }
                }
                let account = model.account_of(from);
                // GAAD cannot show which compute exists, so every role the
                // service may run as is only a candidate: as D.5 says, list
                // the privileged ones (administrators), not all of them.
                for r in self.roles_trusting(service) {
                    if EntityRef::Role(r) == from
                        || model.roles[r].account != account
                        || !self.is_admin_role(r)
                    {
                        continue;
                    }
                    let copied = steps.clone();
                    self.edges.push(edge(
                        from,
                        Node::Principal(EntityRef::Role(r)),
                        t,
                        copied,
                        Some(needs.to_string()),
                    ));
                }
            }
        }
    }

    /// Every action of the technique on the same resource.
    fn all_on_each(&mut self, t: &'static Technique, who: &Caller, arn: &str) -> Option<Vec<Step>> {
        let mut steps = Vec::new();
        for a in t.actions {
            steps.push(self.eval(a, who, arn, None)?);
        }
        Some(steps)
    }

    fn eval_static(&mut self, action: &'static str, who: &Caller) -> Option<Step> {
        self.eval(action, who, "*", None)
    }

    /// A service action on some resource of the principal's account (D.6):
    /// on `*`, or, when that is denied, on each Resource pattern of its
    /// Allow statements naming the action (the account filled in). The
    /// caller names what it creates, and any existing resource under the
    /// pattern will do, so an Allow scoped to `function:*` counts.
    fn eval_some(&mut self, action: &'static str, who: &Caller, from: EntityRef) -> Option<Step> {
        if let Some(s) = self.eval_static(action, who) {
            return Some(s);
        }
        let model = self.model;
        let account = model
            .accounts
            .get(model.account_of(from))?
            .account_id
            .clone();
        for pattern in allow_patterns(model, from, action) {
            let Some(resource) = in_account(&pattern, &account) else {
                continue;
            };
            if let Some(s) = self.eval(action, who, &resource, None) {
                return Some(s);
            }
        }
        None
    }
}

/// The Resource patterns of the principal's identity Allow statements
/// (its own and its groups') that name the action.
fn allow_patterns(model: &Model, from: EntityRef, action: &str) -> Vec<String> {
    use crate::analysis::assume::sources::{document, identity_docs};
    let mut out: Vec<String> = Vec::new();
    for doc in identity_docs(model, from).0 {
        let Ok(d) = document(model, doc) else {
            continue;
        };
        for st in &d.statements {
            if st.effect != crate::policy::Effect::Allow || !st.matches_action(action) {
                continue;
            }
            for p in st.resource.iter().flat_map(|l| l.iter()) {
                if p != "*" && !out.contains(p) {
                    out.push(p.clone());
                }
            }
        }
    }
    out
}

/// An ARN pattern with its account field set to `account`, when the field
/// admits it (S3-style ARNs with no account field are kept as they are).
fn in_account(pattern: &str, account: &str) -> Option<String> {
    let mut parts: Vec<&str> = pattern.splitn(6, ':').collect();
    if parts.len() < 6 || parts[0] != "arn" {
        return None;
    }
    let field = parts[4];
    if field.is_empty() {
        return Some(pattern.to_string());
    }
    if !crate::policy::matching::wildcard_match(field, account, false) {
        return None;
    }
    parts[4] = account;
    Some(parts.join(":"))
}

/// For `iam:Attach*Policy`, the policy it would attach (D.1, D.6):
/// `iam:PolicyARN` = AdministratorAccess, so an Allow limited to other
/// policies gives no edge.
fn attach_context(action: &str, arn: &str) -> Option<RequestContext> {
    action.starts_with("iam:Attach").then(|| {
        let partition = arn.split(':').nth(1).unwrap_or("aws");
        RequestContext::new().with(
            "iam:PolicyARN",
            [format!(
                "arn:{partition}:iam::aws:policy/AdministratorAccess"
            )],
        )
    })
}

/// A permissions boundary caps a self-granted policy (D.1): the edge then
/// needs the boundary to allow what the policy would grant.
fn bounded(model: &Model, p: EntityRef) -> Option<String> {
    let has = match p {
        EntityRef::User(u) => model.users.get(u).is_some_and(|x| x.boundary.is_some()),
        EntityRef::Role(r) => model.roles.get(r).is_some_and(|x| x.boundary.is_some()),
        _ => false,
    };
    has.then(|| {
        "its permissions boundary allows what it would grant itself (the boundary caps it)".into()
    })
}

/// Customer managed policies attached to the principal or its groups.
fn own_customer_policies(model: &Model, p: EntityRef) -> Vec<usize> {
    let mut links: Vec<&crate::model::PolicyLink> = Vec::new();
    match p {
        EntityRef::User(u) => {
            if let Some(user) = model.users.get(u) {
                links.extend(&user.attached);
                for g in &user.groups {
                    if let Some(group) = model.groups.get(*g) {
                        links.extend(&group.attached);
                    }
                }
            }
        }
        EntityRef::Role(r) => {
            if let Some(role) = model.roles.get(r) {
                links.extend(&role.attached);
            }
        }
        _ => {}
    }
    let mut out: Vec<usize> = links
        .iter()
        .filter_map(|l| l.policy)
        .filter(|p| model.policies.get(*p).is_some_and(|x| !x.is_aws_managed()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// sts:AssumeRole edges, from the assume engine: every loaded user and
/// role each role's trust (and their identity side) admits, compact, with
/// their condition lists each once.
struct AssumeEdges {
    edges: Vec<AssumeEdge>,
    /// 0 is the empty list.
    conditions: Vec<Vec<ConditionText>>,
    numbered: FxHashMap<Vec<ConditionText>, u32>,
}

impl AssumeEdges {
    fn new() -> AssumeEdges {
        AssumeEdges {
            edges: Vec::new(),
            conditions: vec![Vec::new()],
            numbered: FxHashMap::default(),
        }
    }

    fn number(&mut self, conditions: &[ConditionText]) -> u32 {
        if conditions.is_empty() {
            return 0;
        }
        if let Some(n) = self.numbered.get(conditions) {
            return *n;
        }
        let n = self.conditions.len() as u32;
        self.conditions.push(conditions.to_vec());
        self.numbered.insert(conditions.to_vec(), n);
        n
    }

    /// The edges into `role`. Callers alike share one decision (`Arc`),
    /// so its conditions are numbered once per decision.
    fn add_role(&mut self, model: &Model, index: &AssumeIndex, admins: &[bool], r: usize) {
        let mut by_decision: FxHashMap<usize, u32> = FxHashMap::default();
        for (from, decision) in crate::analysis::assume::loaded_assumers(model, index, r) {
            if is_admin(admins, model, from) || from == EntityRef::Role(r) {
                continue;
            }
            let kind = match decision.verdict {
                Verdict::Denied => continue,
                Verdict::Allowed => Kind::Definite,
                Verdict::Conditional => Kind::Conditional,
                Verdict::Uncertain => Kind::Possible,
            };
            let conditions = if kind == Kind::Conditional {
                let key = std::sync::Arc::as_ptr(&decision) as usize;
                match by_decision.get(&key) {
                    Some(n) => *n,
                    None => {
                        let n = self.number(&decision.conditions);
                        by_decision.insert(key, n);
                        n
                    }
                }
            } else {
                0
            };
            self.edges.push(AssumeEdge {
                from,
                role: r as u32,
                kind,
                conditions,
            });
        }
    }

    /// Another part's edges after these, its condition numbers mapped.
    fn append(&mut self, other: AssumeEdges) {
        let map: Vec<u32> = other.conditions.iter().map(|c| self.number(c)).collect();
        self.edges.extend(other.edges.into_iter().map(|mut e| {
            e.conditions = map.get(e.conditions as usize).copied().unwrap_or(0);
            e
        }));
    }
}

fn assume_edges(model: &Model, index: &AssumeIndex, admins: &[bool]) -> AssumeEdges {
    let roles: Vec<usize> = (0..model.roles.len())
        .filter(|r| !is_service_linked(model, *r))
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = roles.len().div_ceil(threads).max(1);
    let mut out = AssumeEdges::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = roles
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut edges = AssumeEdges::new();
                    for &r in part {
                        edges.add_role(model, index, admins, r);
                    }
                    edges
                })
            })
            .collect();
        for h in handles {
            if let Ok(edges) = h.join() {
                out.append(edges);
            }
        }
    });
    out
}

fn slot(model: &Model, p: EntityRef) -> Option<usize> {
    match p {
        EntityRef::User(u) => Some(u),
        EntityRef::Role(r) => Some(model.users.len() + r),
        _ => None,
    }
}

fn is_admin(admins: &[bool], model: &Model, p: EntityRef) -> bool {
    slot(model, p)
        .and_then(|i| admins.get(i))
        .copied()
        .unwrap_or(false)
}

/// Every edge of the loaded accounts.
pub fn graph(model: &Model, index: &AssumeIndex) -> Graph {
    build(model, index, false)
}

/// [`graph`] with every target of every technique evaluated on its own:
/// slow, for the test that the shortcuts (`Reach`, `PerTarget`) leave the
/// edges as they are.
#[doc(hidden)]
pub fn graph_exhaustive(model: &Model, index: &AssumeIndex) -> Graph {
    build(model, index, true)
}

fn build(model: &Model, index: &AssumeIndex, exhaustive: bool) -> Graph {
    use crate::analysis::assume::map_in_parallel;
    let principals: Vec<EntityRef> = (0..model.users.len())
        .map(EntityRef::User)
        .chain(
            (0..model.roles.len())
                .filter(|r| !is_service_linked(model, *r))
                .map(EntityRef::Role),
        )
        .collect();
    // Who is an administrator already (D.1), on every core.
    let is_admin_t = TECHNIQUES.iter().find(|t| t.shape == Shape::IsAdmin);
    let found: Vec<(EntityRef, String)> = map_in_parallel(&principals, |part| {
        part.iter()
            .filter_map(|p| admin_of(model, index, *p).map(|why| (*p, why)))
            .collect()
    })
    .into_iter()
    .flatten()
    .collect();
    let mut admins = vec![false; model.users.len() + model.roles.len()];
    let mut edges = Vec::new();
    for (p, why) in found {
        if let Some(i) = slot(model, p) {
            admins[i] = true;
        }
        if let Some(t) = is_admin_t {
            let mut e = edge(p, Node::Admin, t, Vec::new(), None);
            e.note = Some(why);
            edges.push(e);
        }
    }
    let admin_groups: Vec<usize> = (0..model.groups.len())
        .filter(|g| {
            summarise(model, index, EntityRef::Group(*g))
                .admin
                .is_some()
        })
        .collect();
    let admin_roles: Vec<bool> = (0..model.roles.len())
        .map(|r| is_admin(&admins, model, EntityRef::Role(r)))
        .collect();
    // Each core takes a share of the principals with a builder (and its
    // caches) of its own; the parts join in principal order.
    let parts = map_in_parallel(&principals, |part| {
        let mut b = Builder::new(model, index, &admin_roles, exhaustive);
        for p in part {
            if !is_admin(&admins, model, *p) {
                b.principal_edges(*p, &admin_groups);
            }
        }
        b.edges
    });
    edges.extend(parts.into_iter().flatten());
    let assume = assume_edges(model, index, &admins);
    Graph::from_edges(edges, assume.edges, assume.conditions)
}
