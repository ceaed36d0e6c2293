//! Decoding `assets/iam-catalogue.tsv` (format: scripts/gen_catalogue.py).

use super::{
    AccessLevel, Action, ActionId, Catalogue, ConditionKey, Levels, Meta, ResourceType, Service,
};

fn levels(text: &str, line: usize) -> Result<Levels, String> {
    text.chars().try_fold(Levels::default(), |acc, c| {
        let level = match c {
            'L' => AccessLevel::List,
            'R' => AccessLevel::Read,
            'W' => AccessLevel::Write,
            'P' => AccessLevel::PermissionsManagement,
            'T' => AccessLevel::Tagging,
            other => return Err(format!("line {line}: unknown access level {other:?}")),
        };
        Ok(acc.with(level))
    })
}

fn numbers(text: &str, line: usize, limit: usize) -> Result<Vec<(u16, bool)>, String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (n, required) = match s.strip_suffix('*') {
                Some(n) => (n, true),
                None => (s, false),
            };
            let n: u16 = n
                .parse()
                .map_err(|_| format!("line {line}: bad number {s:?}"))?;
            if usize::from(n) >= limit {
                return Err(format!("line {line}: {n} names no entry (only {limit})"));
            }
            Ok((n, required))
        })
        .collect()
}

pub(super) fn decode(text: &str) -> Result<Catalogue, String> {
    let mut cat = Catalogue::default();
    let mut meta = Meta::default();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let mut f = line.split('\t');
        let tag = f.next().unwrap_or_default();
        let mut field = |what: &str| {
            f.next()
                .ok_or_else(|| format!("line {n}: the {what} is missing"))
        };
        if tag == "#" || tag.starts_with("# ") || tag.is_empty() {
            match tag {
                "# package" => meta.package = field("package")?.to_string(),
                "# version" => meta.version = field("version")?.to_string(),
                "# updated" => meta.updated = field("date")?.to_string(),
                _ => {}
            }
            continue;
        }
        if tag == "S" {
            cat.services.push(Service {
                prefix: field("prefix")?.to_string(),
                name: field("name")?.to_string(),
                resource_types: Vec::new(),
                condition_keys: Vec::new(),
                actions: Vec::new(),
            });
            continue;
        }
        let Some(service) = cat.services.last_mut() else {
            return Err(format!("line {n}: a {tag:?} record before any service"));
        };
        match tag {
            "T" => service.resource_types.push(ResourceType {
                key: field("key")?.to_string(),
                arn: field("ARN format")?.to_string(),
                condition_keys: field("condition keys")?
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            }),
            "K" => service.condition_keys.push(ConditionKey {
                key: field("key")?.to_string(),
                kind: field("type")?.to_string(),
            }),
            "A" => {
                let name = field("name")?.to_string();
                let levels = levels(field("levels")?, n)?;
                let types = numbers(field("resource types")?, n, service.resource_types.len())?;
                let keys = numbers(field("condition keys")?, n, service.condition_keys.len())?;
                service.actions.push(Action {
                    name,
                    levels,
                    resource_types: types,
                    condition_keys: keys.into_iter().map(|(k, _)| k).collect(),
                });
            }
            other => return Err(format!("line {n}: unknown record {other:?}")),
        }
    }
    if cat.services.len() > usize::from(u16::MAX) {
        return Err("too many services".into());
    }
    cat.meta = meta;
    let mut next = 0u32;
    for service in &cat.services {
        cat.offsets.push(next);
        next += service.actions.len() as u32;
    }
    for (s, service) in cat.services.iter().enumerate() {
        let prefix = service.prefix.to_ascii_lowercase();
        cat.by_prefix.insert(prefix.clone(), s as u16);
        if service.actions.len() > usize::from(u16::MAX) {
            return Err(format!("service {prefix} has too many actions"));
        }
        for (a, action) in service.actions.iter().enumerate() {
            let id = ActionId {
                service: s as u16,
                action: a as u16,
            };
            let name = format!("{prefix}:{}", action.name.to_ascii_lowercase());
            cat.by_name.insert(name, id);
        }
    }
    Ok(cat)
}
