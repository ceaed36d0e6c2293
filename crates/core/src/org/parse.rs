//! Reading `organization.json`.

use super::{FORMAT, Organization};

/// Why `organization.json` could not be read; each message names the file
/// and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum OrgError {
    #[error(
        "{path} is not a rolecall organization file: {why}. Its format (rolecall-organization/1) is in README.md; remove or fix the file to open the directory's accounts alone."
    )]
    NotOrganization { path: String, why: String },
    #[error(
        "{path} is written in format {found:?}, which this rolecall does not read (it reads {FORMAT}, described in README.md)."
    )]
    Format { path: String, found: String },
}

/// Parses the bytes of `organization.json`; `origin` names it in errors.
pub fn parse_organization(bytes: &[u8], origin: &str) -> Result<Organization, OrgError> {
    let not = |why: String| OrgError::NotOrganization {
        path: origin.to_string(),
        why,
    };
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| not(format!("not JSON ({e})")))?;
    let found = value
        .get("format")
        .and_then(|f| f.as_str())
        .ok_or_else(|| not("it has no \"format\" key".into()))?;
    if found != FORMAT {
        return Err(OrgError::Format {
            path: origin.to_string(),
            found: crate::text::escape_controls_line(found).into_owned(),
        });
    }
    let org: Organization = serde_json::from_value(value)
        .map_err(|e| not(crate::text::escape_controls_line(&e.to_string()).into_owned()))?;
    for p in &org.policies {
        if !(p.content.is_string() || p.content.is_object()) {
            return Err(not(format!(
                "policy {} has a \"content\" that is neither a JSON document nor a string holding one",
                crate::text::escape_controls_line(&p.id)
            )));
        }
    }
    Ok(org)
}
