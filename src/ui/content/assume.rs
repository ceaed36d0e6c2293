//! The assume-role tabs: who can assume a role, and what a user or role can
//! assume (with the chains from there). The analysis runs on first use and
//! is kept for the session, so moving back and forth costs nothing.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use serde_json::{Value, json};

use super::{Cell, Column, OwnedDocs, PaneDoc, Row, TabContent, Tone, Width, col};
use crate::analysis::assume::{
    AssumeIndex, Caller, Chain, Decision, Listing, Side, Verdict, WhoEntry, can_assume_what, chains,
};
use crate::model::{DocRef, EntityRef, Model};

/// Longest chain followed from a principal.
const MAX_CHAIN_DEPTH: usize = 6;

type CanAssume = (Vec<(usize, Decision)>, Vec<Chain>);

/// Results of the assume-role analysis, computed lazily per role or caller.
#[derive(Default)]
pub struct AnalysisCache {
    index: Option<Arc<AssumeIndex>>,
    who: HashMap<usize, Rc<Vec<WhoEntry>>>,
    can: HashMap<Caller, Rc<CanAssume>>,
    effective: HashMap<EntityRef, Rc<crate::analysis::effective::Summary>>,
    escalation: Option<Arc<crate::ui::escalation::EscalationView>>,
}

impl AnalysisCache {
    /// Forgets everything (the model changed).
    pub fn clear(&mut self) {
        *self = AnalysisCache::default();
    }

    fn index(&mut self, model: &Model) -> &AssumeIndex {
        // Built in the background after each load; built here only when a
        // tab wants it first.
        self.index
            .get_or_insert_with(|| Arc::new(AssumeIndex::build(model)))
    }

    /// The escalation graph worked out in the background.
    pub fn offer_escalation(&mut self, view: Arc<crate::ui::escalation::EscalationView>) {
        self.escalation = Some(view);
    }

    /// The escalation graph, once worked out.
    pub fn escalation(&self) -> Option<&crate::ui::escalation::EscalationView> {
        self.escalation.as_deref()
    }

    /// The index built in the background for the current model.
    pub fn offer_index(&mut self, index: Arc<AssumeIndex>) {
        self.index.get_or_insert(index);
    }

    /// Who can assume `role` (with denied principals, so the list explains
    /// why a named principal cannot).
    pub fn who(&mut self, model: &Model, role: usize) -> Rc<Vec<WhoEntry>> {
        if let Some(found) = self.who.get(&role) {
            return Rc::clone(found);
        }
        let entries = crate::analysis::assume::who_can_assume_listing(
            model,
            self.index(model),
            role,
            Listing::NamedToo,
        );
        let entries = Rc::new(entries);
        self.who.insert(role, Rc::clone(&entries));
        entries
    }

    /// The effective permissions of a role, user or group.
    pub fn effective(
        &mut self,
        model: &Model,
        entity: EntityRef,
    ) -> Rc<crate::analysis::effective::Summary> {
        if let Some(found) = self.effective.get(&entity) {
            return Rc::clone(found);
        }
        let summary = Rc::new(crate::analysis::effective::summarise(
            model,
            self.index(model),
            entity,
        ));
        self.effective.insert(entity, Rc::clone(&summary));
        summary
    }

    /// The decision for one hop (`caller` assuming `role`).
    pub fn decide(&mut self, model: &Model, caller: &Caller, role: usize) -> Decision {
        crate::analysis::assume::can_assume(model, self.index(model), caller, role)
    }

    /// What `caller` can assume, and the chains from there.
    pub fn can(&mut self, model: &Model, caller: &Caller) -> Rc<CanAssume> {
        if let Some(found) = self.can.get(caller) {
            return Rc::clone(found);
        }
        let index = self.index(model);
        let roles = can_assume_what(model, index, caller);
        let paths = chains(model, index, caller, MAX_CHAIN_DEPTH);
        let result = Rc::new((roles, paths));
        self.can.insert(caller.clone(), Rc::clone(&result));
        result
    }
}

fn verdict_cell(verdict: Verdict) -> Cell {
    let tone = match verdict {
        Verdict::Allowed => Tone::Good,
        Verdict::Conditional => Tone::Warn,
        Verdict::Uncertain => Tone::Accent,
        Verdict::Denied => Tone::Danger,
    };
    Cell::new(format!("{} {}", verdict.symbol(), verdict.as_str()), tone)
}

/// Conditions in words for a conditional verdict, else the first reason.
fn summary(d: &Decision) -> Cell {
    match d.condition_words() {
        Some(words) => Cell::new(words, Tone::Warn),
        None => Cell::new(d.reasons.first().cloned().unwrap_or_default(), Tone::Dim),
    }
}

/// "trust + identity (acme-assume-deploy-roles)": which sides allowed it.
fn via_summary(d: &Decision) -> String {
    let mut parts: Vec<String> = Vec::new();
    for v in &d.via {
        let name = v.policy.rsplit('/').next().unwrap_or(&v.policy);
        let text = match v.side {
            Side::Trust => "trust".to_string(),
            side => format!("{} {name}", side.as_str()),
        };
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    parts.join(" + ")
}

fn note(d: &Decision) -> Vec<String> {
    let mut lines: Vec<String> = d.reasons.iter().take(2).cloned().collect();
    if d.alternatives.len() > 1 {
        for (n, alt) in d.alternatives.iter().enumerate() {
            let texts: Vec<&str> = alt.iter().map(|c| c.text.as_str()).collect();
            lines.push(format!("  {}. {}", n + 1, texts.join(" and ")));
        }
        lines.extend(d.unless.iter().map(|c| format!("  unless {}", c.text)));
    } else {
        lines.extend(d.conditions.iter().map(|c| format!("  • {}", c.text)));
    }
    lines.extend(d.readings.iter().map(|r| format!("  ~ {r}")));
    if d.chained_session_cap {
        lines.push("Role chaining: the new session lasts at most 1 hour.".into());
    }
    lines
}

pub(super) fn who_can_assume(model: &Model, cache: &mut AnalysisCache, role: usize) -> TabContent {
    let entries = cache.who(model, role);
    let account_id = model.accounts[model.roles[role].account]
        .account_id
        .as_str();
    let rows = entries
        .iter()
        .enumerate()
        .map(|(i, e)| Row {
            drill: None,
            open_at: None,
            cells: vec![
                verdict_cell(e.decision.verdict),
                Cell::new(e.kind, Tone::Accent),
                Cell::plain(super::short_arn(&e.label, account_id)),
                Cell::new(via_summary(&e.decision), Tone::Dim),
                summary(&e.decision),
            ],
            target: caller_entity(&e.caller),
            arn: Some(e.label.to_string()),
            doc: Some(PaneDoc::Owned(i)),
            note: note(&e.decision),
            doc_title: Some(format!("Why: {} → this role", e.label)),
        })
        .collect();
    let mut rows: Vec<Row> = rows;
    let gains = gain_rows(model, cache, role, entries.len(), &mut rows);
    rows.extend(identity_center_rows(&crate::analysis::assume::sso_people(
        model, role, &entries,
    )));
    let direct = entries.len();
    let owned_docs =
        OwnedDocs::on_demand(direct + gains.len(), move |model, i| match entries.get(i) {
            Some(e) => decision_json(model, role, &e.caller, &e.decision),
            None => gains
                .get(i - direct)
                .map_or(Value::Null, |g| super::paths::edge_json(model, g)),
        });
    TabContent {
        columns: vec![
            col("Verdict", Width::Fixed(13)),
            col("Kind", Width::Fixed(20)),
            col("Principal", Width::Fill(3)),
            Column {
                hide_below: 110,
                ..col("Via", Width::Fill(2))
            },
            col("Conditions / reason", Width::Fill(3)),
        ],
        rows,
        fixed_doc: None,
        doc_title: "Deciding statements".into(),
        empty_text: "Nobody in the loaded data can assume this role, and its trust names no external principal.",
        owned_docs,
        ..TabContent::default()
    }
}

/// For an `AWSReservedSSO_*` role: the Identity Center users and groups
/// assigned its permission set in the role's account, with the verdict of
/// the trust for Identity Center's SAML provider; or one row saying they
/// were not collected.
fn identity_center_rows(sso: &crate::analysis::assume::SsoPeople) -> Vec<Row> {
    use crate::analysis::assume::SsoPeople;
    let row =
        |verdict: Cell, kind: &str, who: String, via: String, why: Cell, note: Vec<String>| Row {
            cells: vec![
                verdict,
                Cell::new(kind, Tone::Accent),
                Cell::plain(who),
                Cell::new(via, Tone::Dim),
                why,
            ],
            target: None,
            arn: None,
            doc: None,
            note: note
                .iter()
                .map(|l| crate::ui::text::clean(l).into_owned())
                .collect(),
            doc_title: None,
            open_at: None,
            drill: None,
        };
    match sso {
        SsoPeople::NotSso => Vec::new(),
        SsoPeople::NotCollected { permission_set, why } => vec![row(
            Cell::new("? not collected", Tone::Dim),
            "Identity Center",
            format!("permission set {permission_set}"),
            String::new(),
            Cell::new(format!("who is assigned it was not collected: {why}"), Tone::Dim),
            vec!["Collect Identity Center with `rolecall org snapshot` (credentials that may call sso:List* and identitystore:List*).".into()],
        )],
        SsoPeople::UnknownPermissionSet { permission_set } => vec![row(
            Cell::new("? unknown", Tone::Dim),
            "Identity Center",
            format!("permission set {permission_set}"),
            String::new(),
            Cell::new("not among the collected permission sets", Tone::Dim),
            Vec::new(),
        )],
        SsoPeople::People { permission_set, people, trust, .. } => {
            let (verdict, trust_words) = match trust {
                Some((v, provider)) => (*v, format!("its trust for {provider} is {}", v.as_str())),
                None => (Verdict::Denied, "the trust policy does not name Identity Center's SAML provider".into()),
            };
            if people.is_empty() {
                return vec![row(
                    Cell::new("– nobody", Tone::Dim),
                    "Identity Center",
                    format!("permission set {permission_set}"),
                    String::new(),
                    Cell::new("nobody is assigned it in this account", Tone::Dim),
                    Vec::new(),
                )];
            }
            people
                .iter()
                .map(|p| {
                    row(
                        verdict_cell(verdict),
                        if p.kind == "user" { "IC user" } else { "IC group" },
                        p.name.clone(),
                        format!("permission set {permission_set}"),
                        Cell::new(p.detail.clone(), Tone::Dim),
                        vec![format!(
                            "Identity Center {} {} is assigned permission set {permission_set} in this account; {trust_words}.",
                            p.kind, p.name
                        )],
                    )
                })
                .collect()
        }
    }
}

/// Under the direct principals: those that can gain the role by
/// escalation, each with the technique in words and its kind (ESCALATION
/// D.2-D.5). Returns the edges shown, whose documents follow the direct
/// rows' (`first_doc` onward).
fn gain_rows(
    model: &Model,
    cache: &AnalysisCache,
    role: usize,
    first_doc: usize,
    rows: &mut Vec<Row>,
) -> Vec<crate::analysis::escalation::Edge> {
    let Some(view) = cache.escalation() else {
        rows.push(Row {
            cells: vec![
                Cell::new("…", Tone::Dim),
                Cell::new("escalation", Tone::Dim),
                Cell::new(
                    "working out who can gain this role by escalation",
                    Tone::Dim,
                ),
                Cell::new("", Tone::Dim),
                Cell::new("", Tone::Dim),
            ],
            ..Row::default()
        });
        return Vec::new();
    };
    let gains: Vec<crate::analysis::escalation::Edge> = view
        .graph
        .gainers(EntityRef::Role(role))
        .into_iter()
        .cloned()
        .collect();
    if gains.is_empty() {
        return gains;
    }
    // The surest first, then by who.
    let mut gains = gains;
    gains.sort_by(|a, b| {
        (a.kind, model.arn_of(a.from), a.technique.id).cmp(&(
            b.kind,
            model.arn_of(b.from),
            b.technique.id,
        ))
    });
    let account_id = model.accounts[model.roles[role].account]
        .account_id
        .as_str();
    rows.push(Row {
        cells: vec![
            Cell::new("", Tone::Dim),
            Cell::new("", Tone::Dim),
            Cell::new(
                format!("Can gain this role by escalation ({})", gains.len()),
                Tone::Accent,
            ),
            Cell::new("", Tone::Dim),
            Cell::new("", Tone::Dim),
        ],
        note: vec![
            "Principals that can become this role other than by assuming it (ESCALATION.md)."
                .into(),
        ],
        ..Row::default()
    });
    for (n, g) in gains.iter().enumerate() {
        let detail = super::paths::edge_detail(g);
        rows.push(Row {
            cells: vec![
                super::paths::kind_cell(g.kind),
                Cell::new(g.technique.id, Tone::Accent),
                Cell::plain(super::short_arn(model.arn_of(g.from), account_id)),
                Cell::new(g.technique.name, Tone::Dim),
                Cell::new(
                    if detail.is_empty() {
                        g.technique.words.to_string()
                    } else {
                        format!("{}; {detail}", g.technique.words)
                    },
                    Tone::Warn,
                ),
            ],
            target: Some(g.from),
            arn: Some(model.arn_of(g.from).to_string()),
            doc: Some(PaneDoc::Owned(first_doc + n)),
            doc_title: Some(format!("How {} can gain this role", model.arn_of(g.from))),
            note: vec![format!(
                "{} {} ({}, ESCALATION {}; {})",
                model.arn_of(g.from),
                g.technique.words,
                g.kind.as_str(),
                g.technique.rule,
                g.technique.references
            )],
            ..Row::default()
        });
    }
    gains
}

/// What `caller` can assume, as a tree: the roles it assumes directly,
/// and under each the roles reachable from there by role chaining (each role
/// once, by a shortest path).
pub(super) fn can_assume(model: &Model, cache: &mut AnalysisCache, caller: Caller) -> TabContent {
    let result = cache.can(model, &caller);
    let (direct, paths) = (&result.0, &result.1);
    let mut tree: Vec<&Chain> = paths.iter().filter(|c| !c.steps.is_empty()).collect();
    let names = |c: &Chain| -> Vec<&str> {
        c.steps
            .iter()
            .map(|r| model.roles[*r].detail.role_name.as_str())
            .collect()
    };
    tree.sort_by(|a, b| names(a).cmp(&names(b)));
    let start = caller_name(model, &caller);
    let mut owned_docs = Vec::new();
    let mut rows = Vec::with_capacity(tree.len());
    for chain in tree {
        let (Some(&role), depth) = (chain.steps.last(), chain.steps.len()) else {
            continue;
        };
        let hop_caller = match chain.steps.len() {
            0 | 1 => caller.clone(),
            n => Caller::Role(chain.steps[n - 2]),
        };
        let decision = match direct.iter().find(|(r, _)| *r == role) {
            Some((_, d)) if depth == 1 => d.clone(),
            _ => cache.decide(model, &hop_caller, role),
        };
        owned_docs.push(decision_json(model, role, &hop_caller, &decision));
        let name = &model.roles[role].detail.role_name;
        let label = if depth == 1 {
            name.clone()
        } else {
            format!("{}└ {name}", "  ".repeat(depth - 2))
        };
        let mut path = vec![start.as_str()];
        path.extend(names(chain));
        let mut row_note = vec![path.join(" → ")];
        row_note.extend(note(&decision));
        rows.push(Row {
            drill: None,
            open_at: None,
            cells: vec![
                verdict_cell(chain.verdict()),
                Cell::new(
                    label,
                    if depth == 1 {
                        Tone::Normal
                    } else {
                        Tone::Accent
                    },
                ),
                Cell::new(
                    if depth == 1 {
                        decision.action.clone()
                    } else {
                        format!("chained, hop {depth} (1 h cap)")
                    },
                    Tone::Dim,
                ),
                summary(&decision),
            ],
            target: Some(EntityRef::Role(role)),
            arn: Some(model.roles[role].detail.arn.clone()),
            doc: Some(PaneDoc::Owned(owned_docs.len() - 1)),
            note: row_note,
            doc_title: Some(format!("Why: {} → {name}", caller_name(model, &hop_caller))),
        });
    }
    TabContent {
        columns: vec![
            col("Verdict", Width::Fixed(13)),
            col("Role (chains indented)", Width::Fill(3)),
            col("Action / hop", Width::Fixed(30)),
            col("Conditions / reason", Width::Fill(3)),
        ],
        rows,
        fixed_doc: None,
        doc_title: "Deciding statements".into(),
        empty_text: "This principal can assume no role in the loaded accounts.",
        owned_docs: OwnedDocs::made(owned_docs),
        ..TabContent::default()
    }
}

fn caller_entity(caller: &Caller) -> Option<EntityRef> {
    match caller {
        Caller::User(u) => Some(EntityRef::User(*u)),
        Caller::Role(r) | Caller::Session { role: r, .. } => Some(EntityRef::Role(*r)),
        Caller::External { .. } => None,
    }
}

fn caller_name(model: &Model, caller: &Caller) -> String {
    match caller {
        Caller::User(u) => model.users[*u].detail.user_name.clone(),
        Caller::Role(r) | Caller::Session { role: r, .. } => {
            model.roles[*r].detail.role_name.clone()
        }
        Caller::External { principal, .. } => principal.clone(),
    }
}

/// The statements behind a verdict or an escalation step, each with where
/// it comes from and its text.
pub(super) fn via_json(model: &Model, via: &[crate::analysis::assume::Via]) -> Vec<Value> {
    via.iter()
        .map(|v| {
            let mut entry = json!({
                "side": v.side.as_str(),
                "policy": v.policy,
                "statement": v.statement,
                "effect": v.effect.as_str(),
            });
            if let Some(sid) = &v.sid {
                entry["sid"] = json!(sid);
            }
            if let Some(statement) = statement_json(model, &v.source, v.statement) {
                entry["Statement"] = statement.clone();
            }
            entry
        })
        .collect()
}

/// The verdict and the statements behind it, as a JSON document for the
/// document pane (and `Y`).
fn decision_json(model: &Model, role: usize, caller: &Caller, d: &Decision) -> Value {
    let statements = via_json(model, &d.via);
    let mut out = json!({
        "verdict": d.verdict.as_str(),
        "action": d.action,
        "principal": caller.label(model),
        "role": model.roles.get(role).map(|r| r.detail.arn.as_str()),
        "reasons": d.reasons,
        "statements": statements,
    });
    if !d.conditions.is_empty() {
        out["conditions"] = Value::Array(
            d.conditions
                .iter()
                .map(|c| json!({"key": c.key, "operator": c.operator, "values": c.values, "text": c.text}))
                .collect(),
        );
    }
    if !d.readings.is_empty() {
        out["readings"] = json!(d.readings);
    }
    out
}

/// The JSON of the statement a `Via` names: in a role's trust policy, an
/// inline policy, or a managed policy's default version.
pub(super) fn statement_json<'a>(
    model: &'a Model,
    source: &DocRef,
    index: usize,
) -> Option<&'a Value> {
    let document = &model.doc(*source)?.json;
    match document.get("Statement")? {
        Value::Array(list) => list.get(index),
        single @ Value::Object(_) if index == 0 => Some(single),
        _ => None,
    }
}
