//! Big GAAD files made of copies of a real one: every user, group, role and
//! customer managed policy of the original, `n` times over with names, ARNs
//! and ids made unique per copy, and the AWS managed policies once (as a
//! real account lists them). The reliability tests and the load bench feed
//! these to the real binary.

use serde_json::{Map, Value};

/// `gaad` (a parsed GAAD document) with its entities repeated `copies` times.
pub fn copies(gaad: &Value, copies: usize) -> Value {
    let mut out = Map::new();
    for key in ["UserDetailList", "GroupDetailList", "RoleDetailList"] {
        let list = entities(gaad, key);
        let repeated = (0..copies)
            .flat_map(|copy| list.iter().map(move |entity| renamed(entity, copy)))
            .collect();
        out.insert(key.into(), Value::Array(repeated));
    }
    let policies = entities(gaad, "Policies");
    let (aws, customer): (Vec<&Value>, Vec<&Value>) =
        policies.iter().partition(|p| is_aws_managed(p));
    let mut all: Vec<Value> = aws.into_iter().cloned().collect();
    for copy in 0..copies {
        all.extend(customer.iter().map(|p| renamed(p, copy)));
    }
    out.insert("Policies".into(), Value::Array(all));
    Value::Object(out)
}

fn entities<'a>(gaad: &'a Value, key: &str) -> &'a [Value] {
    gaad.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn is_aws_managed(policy: &Value) -> bool {
    policy
        .get("Arn")
        .and_then(Value::as_str)
        .is_some_and(|arn| arn.starts_with("arn:aws:iam::aws:"))
}

/// The fields that name an entity or point at one of the copied entities.
const NAME_KEYS: [&str; 4] = ["RoleName", "UserName", "GroupName", "PolicyName"];
const ID_KEYS: [&str; 4] = ["RoleId", "UserId", "GroupId", "PolicyId"];

fn renamed(entity: &Value, copy: usize) -> Value {
    let mut entity = entity.clone();
    let Some(fields) = entity.as_object_mut() else {
        return entity;
    };
    let suffix = format!("-c{copy}");
    for key in NAME_KEYS {
        if let Some(Value::String(name)) = fields.get_mut(key) {
            name.push_str(&suffix);
        }
    }
    for key in ID_KEYS {
        if let Some(Value::String(id)) = fields.get_mut(key) {
            // Ids keep their prefix and length class; the copy number makes them unique.
            id.push_str(&format!("C{copy}"));
        }
    }
    if let Some(Value::String(arn)) = fields.get_mut("Arn") {
        arn.push_str(&suffix);
    }
    if let Some(Value::Array(groups)) = fields.get_mut("GroupList") {
        for group in groups {
            if let Value::String(name) = group {
                name.push_str(&suffix);
            }
        }
    }
    if let Some(Value::Array(attached)) = fields.get_mut("AttachedManagedPolicies") {
        for link in attached {
            rename_customer_link(link, &suffix);
        }
    }
    if let Some(link) = fields.get_mut("PermissionsBoundary")
        && let Some(Value::String(arn)) = link.get_mut("PermissionsBoundaryArn")
        && !arn.starts_with("arn:aws:iam::aws:")
    {
        arn.push_str(&suffix);
    }
    entity
}

fn rename_customer_link(link: &mut Value, suffix: &str) {
    let Some(arn) = link
        .get("PolicyArn")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return;
    };
    if arn.starts_with("arn:aws:iam::aws:") {
        return;
    }
    if let Some(fields) = link.as_object_mut() {
        fields.insert("PolicyArn".into(), Value::String(format!("{arn}{suffix}")));
        if let Some(Value::String(name)) = fields.get_mut("PolicyName") {
            name.push_str(suffix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn copies_are_unique_and_links_follow_them() {
        let gaad = json!({
            "UserDetailList": [{"UserName": "u", "UserId": "AIDA1", "Arn": "arn:aws:iam::1:user/u",
                "GroupList": ["g"], "AttachedManagedPolicies": [
                    {"PolicyName": "p", "PolicyArn": "arn:aws:iam::1:policy/p"},
                    {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}],
            "GroupDetailList": [{"GroupName": "g", "GroupId": "AGPA1", "Arn": "arn:aws:iam::1:group/g"}],
            "RoleDetailList": [],
            "Policies": [
                {"PolicyName": "p", "PolicyId": "ANPA1", "Arn": "arn:aws:iam::1:policy/p"},
                {"PolicyName": "ReadOnlyAccess", "PolicyId": "ANPA2", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]
        });
        let big = copies(&gaad, 3);
        let users = big["UserDetailList"].as_array().unwrap();
        assert_eq!(users.len(), 3);
        assert_eq!(users[2]["Arn"], "arn:aws:iam::1:user/u-c2");
        assert_eq!(users[2]["GroupList"][0], "g-c2");
        assert_eq!(
            users[2]["AttachedManagedPolicies"][0]["PolicyArn"],
            "arn:aws:iam::1:policy/p-c2"
        );
        assert_eq!(
            users[2]["AttachedManagedPolicies"][1]["PolicyArn"],
            "arn:aws:iam::aws:policy/ReadOnlyAccess"
        );
        // One AWS managed policy, three customer copies.
        assert_eq!(big["Policies"].as_array().unwrap().len(), 4);
    }
}
