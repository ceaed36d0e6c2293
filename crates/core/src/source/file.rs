//! Reads a GAAD file (as the AWS CLI writes it) or a snapshot rolecall saved.
//!
//! The fast path is a plain `serde_json::from_slice`; only when that fails is
//! the input parsed again with `serde_path_to_error`, so a 10,000-role file
//! pays nothing for the precise error message a broken file gets.

use std::borrow::Cow;
use std::path::Path;

use serde::de::IgnoredAny;

use super::LoadError;
use crate::snapshot::Snapshot;

/// The top-level keys of a GAAD answer; a file with none of them is not GAAD.
const GAAD_KEYS: [&str; 4] = [
    "UserDetailList",
    "GroupDetailList",
    "RoleDetailList",
    "Policies",
];

/// Reads and parses one file.
pub fn load_file(path: &Path) -> Result<Snapshot, LoadError> {
    let origin = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::Read {
            path: origin,
            source: std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a directory, not a file",
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: origin.clone(),
        source,
    })?;
    parse_gaad(&bytes, &origin)
}

/// Parses GAAD JSON bytes; `origin` names the input in error messages.
pub fn parse_gaad(bytes: &[u8], origin: &str) -> Result<Snapshot, LoadError> {
    let text = normalize_encoding(bytes, origin)?;
    let text = text.as_ref();
    check_top_level(text, origin)?;
    match serde_json::from_slice::<Snapshot>(text) {
        Ok(snapshot) => {
            if snapshot.header.is_none() && snapshot.is_empty() {
                check_has_gaad_keys(text, origin)?;
            }
            Ok(snapshot)
        }
        Err(_) => Err(describe_failure(text, origin)),
    }
}

/// Strips a UTF-8 byte-order mark and converts UTF-16 (what PowerShell's `>`
/// writes, with or without a byte-order mark) to UTF-8.
fn normalize_encoding<'a>(bytes: &'a [u8], origin: &str) -> Result<Cow<'a, [u8]>, LoadError> {
    const WITH_MARK: &str = "it starts with a UTF-16 byte-order mark but is not valid UTF-16";
    // Without a mark: JSON text starts with an ASCII character, so one of
    // its first two bytes is zero (the detection of RFC 4627 §3).
    const WITHOUT_MARK: &str =
        "it looks like UTF-16 text without a byte-order mark, but is not valid UTF-16";
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => Ok(Cow::Borrowed(rest)),
        [0xFF, 0xFE, rest @ ..] => utf16_to_utf8(rest, false, origin, WITH_MARK),
        [0xFE, 0xFF, rest @ ..] => utf16_to_utf8(rest, true, origin, WITH_MARK),
        [first, 0, ..] if starts_json(*first) => utf16_to_utf8(bytes, false, origin, WITHOUT_MARK),
        [0, second, ..] if starts_json(*second) => utf16_to_utf8(bytes, true, origin, WITHOUT_MARK),
        _ => Ok(Cow::Borrowed(bytes)),
    }
}

/// A byte JSON text can start with: whitespace or a printable ASCII one.
fn starts_json(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\r' | b' '..=b'~')
}

fn utf16_to_utf8<'a>(
    bytes: &[u8],
    big_endian: bool,
    origin: &str,
    why_not: &str,
) -> Result<Cow<'a, [u8]>, LoadError> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| {
            if big_endian {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        })
        .collect();
    String::from_utf16(&units)
        .map(|s| Cow::Owned(s.into_bytes()))
        .map_err(|_| LoadError::NotGaad {
            path: origin.to_string(),
            why: why_not.into(),
        })
}

/// Catches the common wrong inputs before serde does, with a better message.
fn check_top_level(text: &[u8], origin: &str) -> Result<(), LoadError> {
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    let why = match first {
        None => "the file is empty".to_string(),
        Some(b'{') => return Ok(()),
        Some(b'[') => "its top level is a JSON array, not an object".to_string(),
        Some(_) if std::str::from_utf8(text).is_err() => {
            "it is not text (it is not valid UTF-8)".to_string()
        }
        Some(_) => {
            "it does not start with `{` (was it written with `--output text` or `--output yaml`?)"
                .to_string()
        }
    };
    Err(LoadError::NotGaad {
        path: origin.to_string(),
        why,
    })
}

fn check_has_gaad_keys(text: &[u8], origin: &str) -> Result<(), LoadError> {
    let keys: serde_json::Map<String, serde_json::Value> =
        match serde_json::from_slice::<std::collections::BTreeMap<String, IgnoredAny>>(text) {
            Ok(map) => map
                .into_keys()
                .map(|k| (k, serde_json::Value::Null))
                .collect(),
            Err(_) => return Ok(()),
        };
    if GAAD_KEYS.iter().any(|k| keys.contains_key(*k)) {
        return Ok(());
    }
    let found: Vec<&str> = keys.keys().take(5).map(String::as_str).collect();
    let why = if found.is_empty() {
        "it is an empty JSON object".to_string()
    } else {
        format!(
            "it has none of {} (its top-level keys are: {})",
            GAAD_KEYS.join(", "),
            found.join(", ")
        )
    };
    Err(LoadError::NotGaad {
        path: origin.to_string(),
        why,
    })
}

/// Parses again, tracking the JSON path, to explain why the fast parse failed.
fn describe_failure(text: &[u8], origin: &str) -> LoadError {
    let mut de = serde_json::Deserializer::from_slice(text);
    let err = match serde_path_to_error::deserialize::<_, Snapshot>(&mut de) {
        Ok(_) => {
            // The fast path failed on trailing data the path tracker accepts.
            return match serde_json::from_slice::<Snapshot>(text) {
                Err(e) => LoadError::Syntax {
                    path: origin.to_string(),
                    line: e.line(),
                    column: e.column(),
                    message: strip_position(&e.to_string()),
                },
                Ok(_) => LoadError::NotGaad {
                    path: origin.to_string(),
                    why: "it could not be read twice the same way".into(),
                },
            };
        }
        Err(err) => err,
    };
    let json_path = err.path().to_string();
    let inner = err.into_inner();
    let message = strip_position(&inner.to_string());
    match inner.classify() {
        serde_json::error::Category::Eof => LoadError::Truncated {
            path: origin.to_string(),
            line: inner.line(),
            column: inner.column(),
        },
        serde_json::error::Category::Data => LoadError::Shape {
            path: origin.to_string(),
            json_path,
            line: inner.line(),
            column: inner.column(),
            message,
        },
        _ => LoadError::Syntax {
            path: origin.to_string(),
            line: inner.line(),
            column: inner.column(),
            message,
        },
    }
}

/// serde_json appends " at line L column C"; rolecall prints the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_gaad;
    use crate::snapshot::{RoleDetail, Snapshot};

    /// Found by the property tests (crates/testkit/tests/properties.rs):
    /// without serde_json's float_roundtrip a number in a document could
    /// read back one bit off, so saving and loading changed the snapshot.
    #[test]
    fn a_saved_snapshot_reads_back_exactly_with_floats_in_documents() {
        let mut role = RoleDetail {
            role_name: "deploy".into(),
            arn: "arn:aws:iam::111111111111:role/deploy".into(),
            ..RoleDetail::default()
        };
        role.assume_role_policy_document = Some(
            serde_json::json!({
                "X": [-9.428833022198799e72, 0.1, 1e-300, f64::MAX, 5e-324]
            })
            .into(),
        );
        let snapshot = Snapshot {
            role_detail_list: vec![role],
            ..Snapshot::default()
        };
        let bytes = serde_json::to_vec_pretty(&snapshot).expect("serializes");
        let read = parse_gaad(&bytes, "saved.json").expect("parses");
        assert_eq!(read, snapshot);
        assert_eq!(serde_json::to_vec_pretty(&read).expect("serializes"), bytes);
    }
}
