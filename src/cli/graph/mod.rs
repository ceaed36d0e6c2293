//! `rolecall graph`: the loaded accounts as a graph, for BloodHound
//! (OpenGraph JSON), Graphviz (DOT) or any other tool (plain JSON).
//!
//! Nodes are the users, roles, groups and managed policies, and one
//! administrator node per account that has a way to admin. Edges are the
//! assume and escalation edges of `analysis::escalation::graph`, group
//! membership, and policy attachment (user, role or group → managed policy,
//! and user or role → its permissions boundary). Escalation edges between
//! the same two nodes of the same kind are merged into one, the surest
//! (definite, then conditional, then possible), with every technique that
//! joins them in `techniques`.
//!
//! The whole-account OpenGraph file shares sts:AssumeRole edges through
//! assume hubs (`hubs`): millions of them on a large account say one thing.
//!
//! `--from` and `--to` narrow the graph to the shortest ways from or to a
//! principal (or `admin`): for `--to`, each principal's shortest path to
//! the target (`paths_to`), where the last step may be an administrator
//! taking the target over (`admin-takes-over`); for `--from`, a
//! breadth-first walk over the edges out of the principal, each node with
//! the (surest) edge it was first reached by; with both, the one shortest
//! path. Each is a tree, readable as a picture at a few dozen nodes.
//! Groups and policies are left out of a narrowed graph.
//!
//! Plain JSON (documented in README.md; keys are kept): `{"format":
//! "rolecall-graph/1", "nodes": [{"id", "kind", "name", "account"}],
//! "edges": [{"from", "to", "kind", "technique", "technique_name",
//! "verdict", "actions", "conditions", "needs", "techniques", "policies"}]}`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::analysis::assume::{AssumeIndex, Caller};
use crate::analysis::escalation::{
    self, Category, Graph, Head, Kind, Node, Shape, Step, TECHNIQUES, Technique,
};
use crate::model::{EntityRef, Model, PolicyLink};
use crate::policy::ConditionText;
use crate::text::{JsonSafe, escape_controls_line};

use super::input::InputArgs;

mod hubs;

/// The output formats of `rolecall graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// BloodHound OpenGraph JSON (upload it in BloodHound CE).
    Opengraph,
    /// Graphviz DOT (`dot -Tsvg`); best narrowed with --from or --to.
    Dot,
    /// rolecall's own plain JSON (format rolecall-graph/1).
    Json,
}

/// `rolecall graph [--format F] [--from PRINCIPAL] [--to TARGET] [-o FILE]`.
#[derive(Debug, Clone, Args)]
pub struct GraphArgs {
    /// opengraph (BloodHound), dot (Graphviz) or json.
    #[arg(long, value_enum, default_value_t = GraphFormat::Opengraph)]
    pub format: GraphFormat,
    /// Only what this user or role can reach (ARN, unique id or name).
    #[arg(long, value_name = "PRINCIPAL")]
    pub from: Option<String>,
    /// Only the ways to this role or user, or to `admin` (an administrator
    /// of its account).
    #[arg(long, value_name = "ROLE|USER|admin")]
    pub to: Option<String>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("{0}")]
    BadInput(String),
    #[error("could not write the output: {0}")]
    Write(#[from] std::io::Error),
    #[error(transparent)]
    Save(#[from] crate::snapshot_io::SaveError),
}

impl GraphArgs {
    /// Builds the graph of `model`, narrowed as asked, and writes it to
    /// `out` (or to `--output`). A note (nothing on the way) goes to stderr.
    pub fn run(&self, model: &Model, out: &mut dyn Write) -> Result<(), GraphError> {
        let from = self
            .from
            .as_deref()
            .map(|p| find_principal(model, p, "--from"))
            .transpose()?;
        let to = self
            .to
            .as_deref()
            .map(|t| {
                if t.eq_ignore_ascii_case("admin") {
                    Ok(Node::Admin)
                } else {
                    find_principal(model, t, "--to").map(Node::Principal)
                }
            })
            .transpose()?;
        let started = std::time::Instant::now();
        let index = AssumeIndex::build(model);
        let graph = escalation::graph(model, &index);
        let analysed = started.elapsed();
        // Only BloodHound's whole-account file shares assume edges through
        // hubs: the DOT and plain JSON list each edge.
        let hubs = self.format == GraphFormat::Opengraph && from.is_none() && to.is_none();
        let exported = export(model, &graph, from, to, hubs);
        let built = started.elapsed();
        if (from.is_some() || to.is_some()) && exported.edges.is_empty() {
            eprintln!("rolecall: no assume or escalation edge on the way; the graph has no edges");
        }
        let format = self.format;
        let write = |w: &mut dyn Write| -> std::io::Result<()> {
            // JsonSafe gets whole blocks, not serde's many small writes.
            let mut w = std::io::BufWriter::with_capacity(1 << 16, JsonSafe::new(w));
            match format {
                GraphFormat::Opengraph => write_opengraph(model, &exported, &mut w)?,
                GraphFormat::Dot => write_dot(&exported, &mut w)?,
                GraphFormat::Json => write_json(&exported, &mut w)?,
            }
            w.flush()
        };
        match &self.output {
            Some(path) => crate::snapshot_io::write_atomically(path, write)?,
            None => write(out)?,
        }
        tracing::info!(
            edges = graph.len(),
            exported_nodes = exported.nodes.len(),
            exported_edges = exported.edges.len(),
            analysis_ms = analysed.as_millis() as u64,
            export_ms = (built - analysed).as_millis() as u64,
            write_ms = (started.elapsed() - built).as_millis() as u64,
            "graph written"
        );
        Ok(())
    }
}

/// A user or role by ARN, unique id, session ARN or name.
fn find_principal(model: &Model, wanted: &str, option: &str) -> Result<EntityRef, GraphError> {
    match super::assume::find_principal(model, wanted) {
        Ok(Caller::User(u)) => Ok(EntityRef::User(u)),
        Ok(Caller::Role(r) | Caller::Session { role: r, .. }) => Ok(EntityRef::Role(r)),
        Ok(_) => Err(GraphError::BadInput(format!(
            "{option} {:?} is not a loaded user or role",
            escape_controls_line(wanted)
        ))),
        Err(e) => Err(GraphError::BadInput(format!("{option}: {e}"))),
    }
}

// ---------------------------------------------------------------------------
// The exported graph

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NodeKind {
    User,
    Role,
    Group,
    Policy,
    Admin,
    /// Principals that can assume the same roles (`hubs`).
    AssumeHub,
}

impl NodeKind {
    fn as_str(self) -> &'static str {
        match self {
            NodeKind::User => "user",
            NodeKind::Role => "role",
            NodeKind::Group => "group",
            NodeKind::Policy => "policy",
            NodeKind::Admin => "admin",
            NodeKind::AssumeHub => "assume-hub",
        }
    }

    /// OpenGraph kinds, primary first (BloodHound adds `RC_Base`, the
    /// metadata's source kind, to every node).
    fn opengraph(self) -> &'static [&'static str] {
        match self {
            NodeKind::User => &["RC_User", "RC_Principal"],
            NodeKind::Role => &["RC_Role", "RC_Principal"],
            NodeKind::Group => &["RC_Group"],
            NodeKind::Policy => &["RC_Policy"],
            NodeKind::Admin => &["RC_Admin"],
            NodeKind::AssumeHub => &["RC_AssumeHub"],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum EdgeKind {
    IsAdmin,
    SelfEscalation,
    PrincipalAccess,
    NewPassRole,
    ExistingPassRole,
    CanAssume,
    AdminTakesOver,
    /// A principal to the assume hub it belongs to (`hubs`).
    InAssumeHub,
    MemberOf,
    Attached,
    Boundary,
}

impl EdgeKind {
    fn of(t: &Technique) -> EdgeKind {
        match t.shape {
            Shape::IsAdmin => EdgeKind::IsAdmin,
            Shape::AdminTakesOver => EdgeKind::AdminTakesOver,
            Shape::Assume => EdgeKind::CanAssume,
            _ => match t.category {
                Category::Administrator => EdgeKind::IsAdmin,
                Category::Assume => EdgeKind::CanAssume,
                Category::SelfEscalation => EdgeKind::SelfEscalation,
                Category::PrincipalAccess => EdgeKind::PrincipalAccess,
                Category::NewPassRole => EdgeKind::NewPassRole,
                Category::ExistingPassRole => EdgeKind::ExistingPassRole,
            },
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            EdgeKind::IsAdmin => "is-admin",
            EdgeKind::SelfEscalation => "self-escalation",
            EdgeKind::PrincipalAccess => "principal-access",
            EdgeKind::NewPassRole => "new-passrole",
            EdgeKind::ExistingPassRole => "existing-passrole",
            EdgeKind::CanAssume => "can-assume",
            EdgeKind::AdminTakesOver => "admin-takes-over",
            EdgeKind::InAssumeHub => "in-assume-hub",
            EdgeKind::MemberOf => "member-of",
            EdgeKind::Attached => "attached",
            EdgeKind::Boundary => "boundary",
        }
    }

    fn opengraph(self) -> &'static str {
        match self {
            EdgeKind::IsAdmin => "RC_IsAdmin",
            EdgeKind::SelfEscalation => "RC_SelfEscalation",
            EdgeKind::PrincipalAccess => "RC_PrincipalAccess",
            EdgeKind::NewPassRole => "RC_NewPassRole",
            EdgeKind::ExistingPassRole => "RC_ExistingPassRole",
            EdgeKind::CanAssume => "RC_CanAssume",
            EdgeKind::AdminTakesOver => "RC_AdminTakesOver",
            EdgeKind::InAssumeHub => "RC_InAssumeHub",
            EdgeKind::MemberOf => "RC_MemberOf",
            EdgeKind::Attached => "RC_Attached",
            EdgeKind::Boundary => "RC_Boundary",
        }
    }

    /// Membership and attachment: facts, not ways to gain anything.
    fn is_structural(self) -> bool {
        matches!(
            self,
            EdgeKind::MemberOf | EdgeKind::Attached | EdgeKind::Boundary
        )
    }
}

#[derive(Debug, Clone)]
struct GNode {
    id: String,
    kind: NodeKind,
    name: String,
    account: String,
    entity: Option<EntityRef>,
}

#[derive(Debug, Clone)]
struct GEdge<'a> {
    from: usize,
    to: usize,
    kind: EdgeKind,
    technique: Option<&'static Technique>,
    verdict: Option<Kind>,
    /// The escalation edge it shows (none for membership, attachment, an
    /// administrator's takeover and sts:AssumeRole, kept compact).
    edge: Option<&'a escalation::Edge>,
    conditions: &'a [ConditionText],
    /// The other techniques merged into it.
    more: Vec<(Kind, &'static str)>,
}

impl<'a> GEdge<'a> {
    fn actions(&self) -> Vec<&'a str> {
        match (self.edge, self.technique) {
            // An sts:AssumeRole edge keeps no actions of its own.
            (Some(e), _) if e.actions.is_empty() => e.technique.actions.to_vec(),
            (Some(e), _) => e.actions.iter().map(String::as_str).collect(),
            (None, Some(t)) => t.actions.to_vec(),
            (None, None) => Vec::new(),
        }
    }

    /// The conditions, in words.
    fn conditions(&self) -> Vec<&'a str> {
        self.conditions.iter().map(|c| c.text.as_str()).collect()
    }

    fn needs(&self) -> Vec<&'a str> {
        self.edge
            .map_or_else(Vec::new, |e| e.needs.iter().map(String::as_str).collect())
    }

    /// The policies whose statements allow it, each once.
    fn policies(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        for v in self.edge.map_or(&[][..], |e| e.via.as_slice()) {
            if !out.contains(&v.policy.as_str()) {
                out.push(&v.policy);
            }
        }
        out
    }

    /// Surest first, then by technique id: which of merged edges shows.
    fn rank(&self) -> (Option<Kind>, Option<&'static str>) {
        (self.verdict, self.technique.map(|t| t.id))
    }

    /// Every technique joining the two nodes with this kind, surest first.
    fn techniques(&self) -> Vec<&'static str> {
        let mut all: Vec<(Kind, &'static str)> = Vec::with_capacity(1 + self.more.len());
        if let (Some(t), Some(k)) = (self.technique, self.verdict) {
            all.push((k, t.id));
        }
        all.extend(self.more.iter().copied());
        all.sort();
        let mut ids: Vec<&'static str> = Vec::with_capacity(all.len());
        for (_, id) in all {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

#[derive(Debug, Default)]
struct Exported<'a> {
    nodes: Vec<GNode>,
    edges: Vec<GEdge<'a>>,
}

struct Builder<'m> {
    model: &'m Model,
    nodes: Vec<GNode>,
    by_id: HashMap<String, usize>,
    /// Node of each entity, once made (`NONE` until then), by kind and
    /// index: users, roles, groups, policies.
    by_entity: [Vec<usize>; 4],
    /// Admin node of each account (by model index).
    admins: HashMap<usize, usize>,
    edges: Vec<GEdge<'m>>,
    /// (from, to, kind) → edge number, to merge escalation edges.
    merged: HashMap<(usize, usize, EdgeKind), usize, Fast>,
}

/// Not a node yet.
const NONE: usize = usize::MAX;

/// Where `Builder::by_entity` keeps an entity's node.
fn slot(e: EntityRef) -> (usize, usize) {
    match e {
        EntityRef::User(i) => (0, i),
        EntityRef::Role(i) => (1, i),
        EntityRef::Group(i) => (2, i),
        EntityRef::Policy(i) => (3, i),
    }
}

/// A fast hash for the edge keys (small integers; millions of them on a
/// large account, where SipHash took seconds).
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.add(u64::from(*b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.add(n as u64);
    }
}

type Fast = std::hash::BuildHasherDefault<FastHasher>;

/// The account id in an ARN (`arn:aws:iam::ACCOUNT:…`).
fn arn_account(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or("")
}

impl<'m> Builder<'m> {
    fn new(model: &'m Model) -> Builder<'m> {
        Builder {
            model,
            nodes: Vec::new(),
            by_id: HashMap::new(),
            by_entity: [
                vec![NONE; model.users.len()],
                vec![NONE; model.roles.len()],
                vec![NONE; model.groups.len()],
                vec![NONE; model.policies.len()],
            ],
            admins: HashMap::new(),
            edges: Vec::new(),
            merged: HashMap::default(),
        }
    }

    fn account_id(&self, account: usize) -> String {
        self.model
            .accounts
            .get(account)
            .map(|a| a.account_id.clone())
            .unwrap_or_default()
    }

    /// The node with this id, made if new (an ARN loaded twice is one node).
    fn node(&mut self, node: GNode) -> usize {
        if let Some(i) = self.by_id.get(&node.id) {
            return *i;
        }
        let i = self.nodes.len();
        self.by_id.insert(node.id.clone(), i);
        self.nodes.push(node);
        i
    }

    fn entity(&mut self, e: EntityRef) -> usize {
        let (list, at) = slot(e);
        if let Some(i) = self.by_entity[list].get(at).filter(|i| **i != NONE) {
            return *i;
        }
        let model = self.model;
        let kind = match e {
            EntityRef::User(_) => NodeKind::User,
            EntityRef::Role(_) => NodeKind::Role,
            EntityRef::Group(_) => NodeKind::Group,
            EntityRef::Policy(_) => NodeKind::Policy,
        };
        let arn = model.arn_of(e);
        let account = match e {
            EntityRef::Policy(p) if model.policies[p].is_aws_managed() => "aws".to_string(),
            _ => {
                let id = self.account_id(model.account_of(e));
                if id.is_empty() {
                    arn_account(arn).to_string()
                } else {
                    id
                }
            }
        };
        let i = self.node(GNode {
            id: arn.to_string(),
            kind,
            name: model.name_of(e).to_string(),
            account,
            entity: Some(e),
        });
        if let Some(x) = self.by_entity[list].get_mut(at) {
            *x = i;
        }
        i
    }

    /// A managed policy as an entity names it; one the snapshot lacks is a
    /// node from its ARN and name.
    fn link(&mut self, link: &PolicyLink) -> usize {
        match link.policy {
            Some(p) if p < self.model.policies.len() => self.entity(EntityRef::Policy(p)),
            _ => {
                let account = arn_account(&link.arn).to_string();
                self.node(GNode {
                    id: link.arn.clone(),
                    kind: NodeKind::Policy,
                    name: link.name.clone(),
                    account,
                    entity: None,
                })
            }
        }
    }

    fn admin(&mut self, account: usize) -> usize {
        if let Some(i) = self.admins.get(&account) {
            return *i;
        }
        let id = self.account_id(account);
        let i = self.node(GNode {
            id: format!("rolecall:admin:{id}"),
            kind: NodeKind::Admin,
            name: format!("admin of {id}"),
            account: id,
            entity: None,
        });
        self.admins.insert(account, i);
        i
    }

    /// The node an escalation edge of `from` leads to.
    fn target(&mut self, from: EntityRef, to: Node) -> usize {
        match to {
            Node::Principal(p) => self.entity(p),
            Node::Admin => {
                let account = self.model.account_of(from);
                self.admin(account)
            }
        }
    }

    fn structural(&mut self, from: usize, to: usize, kind: EdgeKind) {
        let key = (from, to, kind);
        if self.merged.contains_key(&key) {
            return;
        }
        self.merged.insert(key, self.edges.len());
        self.edges.push(GEdge {
            from,
            to,
            kind,
            technique: None,
            verdict: None,
            edge: None,
            conditions: &[],
            more: Vec::new(),
        });
    }

    /// Adds an escalation edge, or merges it into the one already joining
    /// the same nodes with the same kind (the surer one's details stay).
    fn escalation(&mut self, e: &'m escalation::Edge) {
        let from = self.entity(e.from);
        let to = self.target(e.from, e.to);
        self.add(GEdge {
            from,
            to,
            kind: EdgeKind::of(e.technique),
            technique: Some(e.technique),
            verdict: Some(e.kind),
            edge: Some(e),
            conditions: &e.conditions,
            more: Vec::new(),
        });
    }

    /// Adds an sts:AssumeRole edge. No other technique joins two nodes
    /// with that kind, and the graph has each pair once, so nothing merges.
    fn assume(&mut self, h: Head, conditions: &'m [ConditionText]) {
        let from = self.entity(h.from);
        let to = self.target(h.from, h.to);
        self.edges.push(GEdge {
            from,
            to,
            kind: EdgeKind::of(h.technique),
            technique: Some(h.technique),
            verdict: Some(h.kind),
            edge: None,
            conditions,
            more: Vec::new(),
        });
    }

    fn add(&mut self, edge: GEdge<'m>) {
        let key = (edge.from, edge.to, edge.kind);
        match self.merged.get(&key).and_then(|i| self.edges.get_mut(*i)) {
            Some(old) => {
                let (Some(t), Some(k)) = (edge.technique, edge.verdict) else {
                    return;
                };
                if edge.rank() < old.rank() {
                    let mut more = std::mem::take(&mut old.more);
                    if let (Some(was_t), Some(was_k)) = (old.technique, old.verdict) {
                        more.push((was_k, was_t.id));
                    }
                    *old = edge;
                    old.more = more;
                } else {
                    old.more.push((k, t.id));
                }
            }
            None => {
                self.merged.insert(key, self.edges.len());
                self.edges.push(edge);
            }
        }
    }

    fn takeover(&mut self, admin: usize, target: usize) {
        let Some(t) = TECHNIQUES.iter().find(|t| t.shape == Shape::AdminTakesOver) else {
            return;
        };
        self.add(GEdge {
            from: admin,
            to: target,
            kind: EdgeKind::AdminTakesOver,
            technique: Some(t),
            verdict: Some(Kind::Definite),
            edge: None,
            conditions: &[],
            more: Vec::new(),
        });
    }

    fn finish(mut self, keep: Option<&Keep>) -> Exported<'m> {
        let mut edges = std::mem::take(&mut self.edges);
        if let Some(keep) = keep {
            edges.retain(|e| keep.edges.contains(&(e.from, e.to, e.kind)));
        }
        // Nodes in model order (users, roles, groups, policies, admins),
        // renumbered when narrowed.
        let mut renumber = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, n) in self.nodes.into_iter().enumerate() {
            if keep.is_none_or(|k| k.nodes.contains(&i)) {
                renumber[i] = nodes.len();
                nodes.push(n);
            }
        }
        for e in &mut edges {
            e.from = renumber[e.from];
            e.to = renumber[e.to];
        }
        edges.sort_by_key(|e| (e.kind.is_structural(), e.from, e.to, e.kind));
        Exported { nodes, edges }
    }
}

/// The whole graph of the loaded accounts, or (with `from` / `to`) the part
/// on the ways from `from` and to `to`.
fn export<'a>(
    model: &'a Model,
    graph: &'a Graph,
    from: Option<EntityRef>,
    to: Option<Node>,
    hubs: bool,
) -> Exported<'a> {
    let mut b = Builder::new(model);
    for u in 0..model.users.len() {
        b.entity(EntityRef::User(u));
    }
    for r in 0..model.roles.len() {
        b.entity(EntityRef::Role(r));
    }
    if from.is_none() && to.is_none() {
        for g in 0..model.groups.len() {
            b.entity(EntityRef::Group(g));
        }
        for p in 0..model.policies.len() {
            b.entity(EntityRef::Policy(p));
        }
        for (u, user) in model.users.iter().enumerate() {
            let n = b.entity(EntityRef::User(u));
            for g in &user.groups {
                if *g < model.groups.len() {
                    let gn = b.entity(EntityRef::Group(*g));
                    b.structural(n, gn, EdgeKind::MemberOf);
                }
            }
            attachments(&mut b, n, &user.attached, user.boundary.as_ref());
        }
        for (r, role) in model.roles.iter().enumerate() {
            let n = b.entity(EntityRef::Role(r));
            attachments(&mut b, n, &role.attached, role.boundary.as_ref());
        }
        for (g, group) in model.groups.iter().enumerate() {
            let n = b.entity(EntityRef::Group(g));
            attachments(&mut b, n, &group.attached, None);
        }
    }
    let escalations = graph.escalation_edges();
    b.edges.reserve(graph.len());
    b.merged.reserve(escalations.len());
    for e in escalations {
        b.escalation(e);
    }
    if hubs {
        hubs::add_assume_edges(&mut b, graph);
    } else {
        for i in escalations.len() as u32..graph.len() as u32 {
            if let Some(h) = graph.head(i) {
                b.assume(h, graph.conditions_of(i));
            }
        }
    }
    if from.is_none() && to.is_none() {
        return b.finish(None);
    }
    let keep = match (from, to) {
        (_, Some(target)) => ways_to(&mut b, graph, target, from),
        (Some(start), None) => reachable(&mut b, graph, start),
        (None, None) => return b.finish(None),
    };
    b.finish(Some(&keep))
}

fn attachments(b: &mut Builder, n: usize, attached: &[PolicyLink], boundary: Option<&PolicyLink>) {
    for link in attached {
        let p = b.link(link);
        b.structural(n, p, EdgeKind::Attached);
    }
    if let Some(link) = boundary {
        let p = b.link(link);
        b.structural(n, p, EdgeKind::Boundary);
    }
}

/// What a narrowed graph keeps: nodes, and edges as (from, to, kind).
#[derive(Debug, Default)]
struct Keep {
    nodes: HashSet<usize>,
    edges: HashSet<(usize, usize, EdgeKind)>,
}

/// The shortest way to `target` of every principal that has one (only of
/// `from`, when given), from `paths_to`: together a tree, each principal
/// with one edge toward the target. A path's last steps may be an
/// administrator taking a principal over (an `admin-takes-over` edge). A
/// way through one account's administrator taking over a principal of
/// another account is left out: an administrator of an account can take
/// over the principals of that account only.
fn ways_to(b: &mut Builder, graph: &Graph, target: Node, from: Option<EntityRef>) -> Keep {
    let model = b.model;
    let mut keep = Keep::default();
    if let Node::Principal(p) = target {
        keep.nodes.insert(b.entity(p));
    }
    if let Some(p) = from {
        keep.nodes.insert(b.entity(p));
    }
    for path in escalation::paths_to(graph, model, target, from) {
        let mut at = b.entity(path.from);
        let mut nodes = vec![at];
        let mut edges = Vec::new();
        let mut takeovers = Vec::new();
        let mut admin_of: Option<usize> = None;
        let mut whole = true;
        for step in &path.steps {
            match *step {
                Step::Edge(i) => {
                    let Some(e) = graph.head(i) else {
                        whole = false;
                        break;
                    };
                    let n = b.target(e.from, e.to);
                    admin_of = (e.to == Node::Admin).then(|| model.account_of(e.from));
                    edges.push((at, n, EdgeKind::of(e.technique)));
                    nodes.push(n);
                    at = n;
                }
                Step::TakeOver(p) => {
                    let account = model.account_of(p);
                    if admin_of != Some(account) {
                        whole = false;
                        break;
                    }
                    let n = b.entity(p);
                    takeovers.push((at, n));
                    edges.push((at, n, EdgeKind::AdminTakesOver));
                    nodes.push(n);
                    admin_of = None;
                    at = n;
                }
            }
        }
        if whole {
            keep.nodes.extend(nodes);
            keep.edges.extend(edges);
            for (admin, n) in takeovers {
                b.takeover(admin, n);
            }
        }
    }
    keep
}

/// Every node `start` reaches over the graph's edges, itself included, and
/// for each the edge it was first reached by (breadth-first, surest edges
/// first): a tree of the shortest ways from `start`.
fn reachable(b: &mut Builder, graph: &Graph, start: EntityRef) -> Keep {
    let mut keep = Keep::default();
    let mut queue = VecDeque::new();
    keep.nodes.insert(b.entity(start));
    queue.push_back(start);
    while let Some(p) = queue.pop_front() {
        let at = b.entity(p);
        let mut out: Vec<Head> = graph
            .out_ids(p)
            .iter()
            .filter_map(|i| graph.head(*i))
            .collect();
        out.sort_by_key(|e| (e.kind, e.technique.id));
        for e in out {
            let n = b.target(e.from, e.to);
            if keep.nodes.insert(n) {
                keep.edges.insert((at, n, EdgeKind::of(e.technique)));
                if let Node::Principal(q) = e.to {
                    queue.push_back(q);
                }
            }
        }
    }
    keep
}

// ---------------------------------------------------------------------------
// Output

fn verdict_str(k: Option<Kind>) -> Option<&'static str> {
    k.map(Kind::as_str)
}

/// A list serialized as it is walked, so a large graph is never held twice.
struct Lazy<'s, T, F>(&'s [T], F);

/// `items`, each serialized as `f` makes it.
fn lazy<'s, T, U: Serialize, F: Fn(&'s T) -> U>(items: &'s [T], f: F) -> Lazy<'s, T, F> {
    Lazy(items, f)
}

impl<'s, T, U: Serialize, F: Fn(&'s T) -> U> Serialize for Lazy<'s, T, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(&self.1))
    }
}

/// An edge end by node id (`match_by` is left to its default, `id`: it
/// would be 60 MB of a large account's file).
#[derive(Serialize)]
struct OgEndpoint<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct OgNodeProperties<'a> {
    name: &'a str,
    /// user, role, group, policy or admin.
    rc_kind: &'static str,
    account: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aws_managed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_linked: Option<bool>,
    /// False for a managed policy an entity attaches that the snapshot lacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    in_snapshot: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inline_policies: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
struct OgNode<'a> {
    id: &'a str,
    kinds: &'static [&'static str],
    properties: OgNodeProperties<'a>,
}

#[derive(Serialize)]
struct OgEdgeProperties<'a> {
    verdict: &'static str,
    technique: &'static str,
    technique_name: &'static str,
    category: &'static str,
    actions: Vec<&'a str>,
    conditions: Vec<&'a str>,
    needs: Vec<&'a str>,
    techniques: Vec<&'static str>,
    policies: Vec<&'a str>,
}

/// An `RC_CanAssume` edge's properties: its verdict and conditions (the
/// rest is the same on every one, and there are millions on a large
/// account).
#[derive(Serialize)]
struct OgAssumeProperties<'a> {
    verdict: &'static str,
    technique: &'static str,
    conditions: Texts<'a>,
}

/// The words of conditions, serialized as they are walked.
struct Texts<'a>(&'a [ConditionText]);

impl Serialize for Texts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|c| c.text.as_str()))
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum OgProperties<'a> {
    Assume(OgAssumeProperties<'a>),
    Escalation(OgEdgeProperties<'a>),
}

#[derive(Serialize)]
struct OgEdge<'a> {
    start: OgEndpoint<'a>,
    end: OgEndpoint<'a>,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<OgProperties<'a>>,
}

fn og_node<'a>(model: &'a Model, n: &'a GNode) -> OgNode<'a> {
    let mut p = OgNodeProperties {
        name: &n.name,
        rc_kind: n.kind.as_str(),
        account: &n.account,
        arn: None,
        path: None,
        unique_id: None,
        aws_managed: None,
        service_linked: None,
        in_snapshot: None,
        inline_policies: None,
    };
    let inline = |docs: &'a [crate::model::InlineDoc]| {
        Some(docs.iter().map(|d| d.name.as_str()).collect::<Vec<_>>())
    };
    match n.entity {
        Some(EntityRef::User(u)) => {
            let x = &model.users[u];
            p.arn = Some(&x.detail.arn);
            p.path = Some(&x.detail.path);
            p.unique_id = Some(&x.detail.user_id);
            p.inline_policies = inline(&x.inline);
        }
        Some(EntityRef::Role(r)) => {
            let x = &model.roles[r];
            p.arn = Some(&x.detail.arn);
            p.path = Some(&x.detail.path);
            p.unique_id = Some(&x.detail.role_id);
            p.service_linked = Some(x.detail.path.starts_with("/aws-service-role/"));
            p.inline_policies = inline(&x.inline);
        }
        Some(EntityRef::Group(g)) => {
            let x = &model.groups[g];
            p.arn = Some(&x.detail.arn);
            p.path = Some(&x.detail.path);
            p.unique_id = Some(&x.detail.group_id);
            p.inline_policies = inline(&x.inline);
        }
        Some(EntityRef::Policy(i)) => {
            let x = &model.policies[i];
            p.arn = Some(&x.arn);
            p.path = Some(&x.path);
            p.unique_id = Some(&x.id).filter(|id| !id.is_empty()).map(String::as_str);
            p.aws_managed = Some(x.is_aws_managed());
            p.in_snapshot = Some(true);
        }
        None if n.kind == NodeKind::Policy => {
            p.arn = Some(&n.id);
            p.aws_managed = Some(n.id.contains(":iam::aws:policy/"));
            p.in_snapshot = Some(false);
        }
        None => {}
    }
    OgNode {
        id: &n.id,
        kinds: n.kind.opengraph(),
        properties: p,
    }
}

fn og_edge<'a>(g: &'a Exported, e: &GEdge<'a>) -> OgEdge<'a> {
    let endpoint = |i: usize| OgEndpoint {
        value: g.nodes.get(i).map_or("", |n| n.id.as_str()),
    };
    let verdict = e.verdict.unwrap_or(Kind::Definite).as_str();
    OgEdge {
        start: endpoint(e.from),
        end: endpoint(e.to),
        kind: e.kind.opengraph(),
        properties: e.technique.map(|t| match e.kind {
            EdgeKind::CanAssume => OgProperties::Assume(OgAssumeProperties {
                verdict,
                technique: t.id,
                conditions: Texts(e.conditions),
            }),
            _ => OgProperties::Escalation(OgEdgeProperties {
                verdict,
                technique: t.id,
                technique_name: t.name,
                category: t.category.as_str(),
                actions: e.actions(),
                conditions: e.conditions(),
                needs: e.needs(),
                techniques: e.techniques(),
                policies: e.policies(),
            }),
        }),
    }
}

/// BloodHound OpenGraph: `{"metadata": {"source_kind": "RC_Base"}, "graph":
/// {"nodes": [...], "edges": [...]}}`, node ids the ARNs.
fn write_opengraph(model: &Model, g: &Exported, out: &mut dyn Write) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Metadata {
        source_kind: &'static str,
    }
    #[derive(Serialize)]
    struct Body<N, E> {
        nodes: N,
        edges: E,
    }
    #[derive(Serialize)]
    struct Doc<N, E> {
        metadata: Metadata,
        graph: Body<N, E>,
    }
    let doc = Doc {
        metadata: Metadata {
            source_kind: "RC_Base",
        },
        graph: Body {
            nodes: lazy(&g.nodes, |n| og_node(model, n)),
            edges: lazy(&g.edges, |e| og_edge(g, e)),
        },
    };
    serde_json::to_writer(&mut *out, &doc).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// rolecall's plain JSON (module docs).
fn write_json(g: &Exported, out: &mut dyn Write) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct NodeOut<'a> {
        id: &'a str,
        kind: &'static str,
        name: &'a str,
        account: &'a str,
    }
    #[derive(Serialize)]
    struct EdgeOut<'a> {
        from: &'a str,
        to: &'a str,
        kind: &'static str,
        technique: Option<&'static str>,
        technique_name: Option<&'static str>,
        verdict: Option<&'static str>,
        actions: Vec<&'a str>,
        conditions: Vec<&'a str>,
        needs: Vec<&'a str>,
        techniques: Vec<&'static str>,
        policies: Vec<&'a str>,
    }
    #[derive(Serialize)]
    struct Doc<N, E> {
        format: &'static str,
        nodes: N,
        edges: E,
    }
    let id = |i: usize| g.nodes.get(i).map_or("", |n| n.id.as_str());
    let doc = Doc {
        format: "rolecall-graph/1",
        nodes: lazy(&g.nodes, |n| NodeOut {
            id: &n.id,
            kind: n.kind.as_str(),
            name: &n.name,
            account: &n.account,
        }),
        edges: lazy(&g.edges, |e| EdgeOut {
            from: id(e.from),
            to: id(e.to),
            kind: e.kind.as_str(),
            technique: e.technique.map(|t| t.id),
            technique_name: e.technique.map(|t| t.name),
            verdict: verdict_str(e.verdict),
            actions: e.actions(),
            conditions: e.conditions(),
            needs: e.needs(),
            techniques: e.techniques(),
            policies: e.policies(),
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// Text for a DOT double-quoted string: control characters shown as
/// escapes (`\e`, `\u{7}`), then backslashes and quotes escaped, so no name
/// can end the string, start a DOT escape, or reach the terminal raw.
fn dot_text(s: &str) -> String {
    let shown = escape_controls_line(s);
    let mut out = String::with_capacity(shown.len() + 2);
    for c in shown.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            // escape_controls_line leaves none; kept out whatever it does.
            c if c.is_control() => out.push_str(&format!("\\\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Graphviz DOT: nodes `n0`, `n1`… labelled with the name and kind (the ARN
/// as tooltip), edges labelled with the technique, solid when definite,
/// dashed when conditional, dotted when possible; membership and
/// attachment grey.
fn write_dot(g: &Exported, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "digraph rolecall {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10, \
         label=\"rolecall: solid definite, dashed conditional, dotted possible\"];"
    )?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    for (i, n) in g.nodes.iter().enumerate() {
        let (shape, extra) = match n.kind {
            NodeKind::User => ("ellipse", ""),
            NodeKind::Role => ("box", ", style=rounded"),
            NodeKind::Group => ("folder", ""),
            NodeKind::Policy => ("note", ", color=gray40, fontcolor=gray25"),
            NodeKind::Admin => ("doubleoctagon", ", color=red, fontcolor=red, style=bold"),
            NodeKind::AssumeHub => ("hexagon", ", color=gray40"),
        };
        let kind = match n.kind {
            NodeKind::Admin => String::new(),
            k if n.account.is_empty() => k.as_str().to_string(),
            k => format!("{} · {}", k.as_str(), n.account),
        };
        let label = if kind.is_empty() {
            dot_text(&n.name)
        } else {
            format!("{}\\n{}", dot_text(&n.name), dot_text(&kind))
        };
        writeln!(
            out,
            "  n{i} [label=\"{label}\", tooltip=\"{}\", shape={shape}{extra}];",
            dot_text(&n.id)
        )?;
    }
    for e in &g.edges {
        let (label, style, color) = match e.technique {
            Some(t) => {
                let more = e.techniques().len().saturating_sub(1);
                let label = if more > 0 {
                    format!("{} (+{more})", t.id)
                } else {
                    t.id.to_string()
                };
                let style = match e.verdict {
                    Some(Kind::Conditional) => "dashed",
                    Some(Kind::Possible) => "dotted",
                    _ => "solid",
                };
                let color = if e.to_admin(g) { "red" } else { "black" };
                (label, style, color)
            }
            None => (e.kind.as_str().to_string(), "solid", "gray60"),
        };
        writeln!(
            out,
            "  n{} -> n{} [label=\"{}\", style={style}, color={color}];",
            e.from,
            e.to,
            dot_text(&label)
        )?;
    }
    writeln!(out, "}}")
}

impl GEdge<'_> {
    fn to_admin(&self, g: &Exported) -> bool {
        g.nodes
            .get(self.to)
            .is_some_and(|n| n.kind == NodeKind::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::dot_text;

    #[test]
    fn dot_text_escapes_quotes_backslashes_and_controls() {
        assert_eq!(dot_text(r#"a"b\c"#), r#"a\"b\\c"#);
        let hostile = dot_text("x\"\\\n\u{1b}[31m\u{9b}\u{7f}end\\");
        assert!(!hostile.chars().any(char::is_control), "{hostile}");
        // Every quote is escaped: an even number of backslashes never
        // precedes a quote.
        let bytes = hostile.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'"' {
                let slashes = bytes[..i].iter().rev().take_while(|c| **c == b'\\').count();
                assert_eq!(slashes % 2, 1, "{hostile}");
            }
        }
        assert!(hostile.ends_with("end\\\\"));
    }
}
