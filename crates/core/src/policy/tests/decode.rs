use serde_json::json;

use crate::policy::decode::{DecodeError, decode_document};

#[test]
fn object_is_returned_as_is() {
    let v = json!({"Version": "2012-10-17", "Statement": []});
    assert_eq!(decode_document(&v).unwrap(), v);
}

#[test]
fn plain_json_string_is_parsed() {
    let v = json!("  {\"Statement\": []}\n");
    assert_eq!(decode_document(&v).unwrap(), json!({"Statement": []}));
}

// §7: never percent-decode plain JSON: a literal `%` would be corrupted.
#[test]
fn plain_json_with_literal_percent_is_not_decoded() {
    let v = json!(r#"{"Statement": [{"Sid": "a%20b%zz", "Effect": "Allow"}]}"#);
    let out = decode_document(&v).unwrap();
    assert_eq!(out["Statement"][0]["Sid"], "a%20b%zz");
}

// §7: the raw IAM API returns documents URL-encoded (RFC 3986).
#[test]
fn url_encoded_document_is_decoded() {
    let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
    let out = decode_document(&json!(encoded)).unwrap();
    assert_eq!(
        out["Statement"][0]["Principal"]["Service"],
        "ec2.amazonaws.com"
    );
}

// RFC 3986: `+` is a literal plus, not a space.
#[test]
fn plus_is_not_a_space() {
    let out = decode_document(&json!("%7B%22Sid%22%3A%22a+b%20c%22%7D")).unwrap();
    assert_eq!(out["Sid"], "a+b c");
}

#[test]
fn encoded_percent_sign_survives() {
    let out = decode_document(&json!("%7B%22Sid%22%3A%22100%25%22%7D")).unwrap();
    assert_eq!(out["Sid"], "100%");
}

#[test]
fn bad_encoding_is_an_error_with_a_clear_message() {
    let err = decode_document(&json!("%7B%22Sid%22%3A")).unwrap_err();
    assert!(matches!(err, DecodeError::InvalidEncodedJson(_)));
    let text = err.to_string();
    assert!(
        text.starts_with("policy document is a URL-encoded string that does not decode to JSON:"),
        "{text}"
    );
}

#[test]
fn invalid_utf8_after_decoding_is_an_error() {
    let err = decode_document(&json!("%FF%FE")).unwrap_err();
    assert!(matches!(err, DecodeError::InvalidUtf8(_)), "{err}");
}

#[test]
fn broken_plain_json_is_an_error() {
    let err = decode_document(&json!("{\"Statement\": [")).unwrap_err();
    assert!(matches!(err, DecodeError::InvalidJson(_)));
    assert!(err.to_string().contains("does not parse"));
}

#[test]
fn other_json_types_say_what_was_found() {
    assert_eq!(
        decode_document(&json!(5)).unwrap_err().to_string(),
        "policy document is a number (5); expected a JSON object or a (URL-encoded) JSON string"
    );
    assert!(
        decode_document(&json!(null))
            .unwrap_err()
            .to_string()
            .contains("null")
    );
    assert!(
        decode_document(&json!([1]))
            .unwrap_err()
            .to_string()
            .contains("a list")
    );
    assert!(
        decode_document(&json!(true))
            .unwrap_err()
            .to_string()
            .contains("boolean")
    );
}

// §7: a URL-encoded trust policy from the raw API goes all the way through.
#[test]
fn encoded_trust_policy_parses_into_rows() {
    use crate::policy::document::PolicyDocument;
    use crate::policy::principal::PrincipalKind;
    use crate::policy::trust::trust_rows;
    let raw = json!(
        "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A111122223333%3Aroot%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%7D"
    );
    let doc = PolicyDocument::parse(&decode_document(&raw).unwrap()).unwrap();
    let rows = trust_rows(&doc);
    assert_eq!(rows[0].kind, PrincipalKind::Account);
    assert_eq!(rows[0].principal, "arn:aws:iam::111122223333:root");
}
