//! Condition operator names: `[ForAnyValue:|ForAllValues:]Base[IfExists]`.

/// The operator without its set qualifier and `IfExists` suffix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BaseOperator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Bool,
    Null,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    IpAddress,
    NotIpAddress,
    BinaryEquals,
    /// An operator rolecall does not know, kept as written (whole text).
    Unknown(String),
}

const KNOWN: [(&str, BaseOperator); 27] = [
    ("StringEquals", BaseOperator::StringEquals),
    ("StringNotEquals", BaseOperator::StringNotEquals),
    (
        "StringEqualsIgnoreCase",
        BaseOperator::StringEqualsIgnoreCase,
    ),
    (
        "StringNotEqualsIgnoreCase",
        BaseOperator::StringNotEqualsIgnoreCase,
    ),
    ("StringLike", BaseOperator::StringLike),
    ("StringNotLike", BaseOperator::StringNotLike),
    ("ArnEquals", BaseOperator::ArnEquals),
    ("ArnLike", BaseOperator::ArnLike),
    ("ArnNotEquals", BaseOperator::ArnNotEquals),
    ("ArnNotLike", BaseOperator::ArnNotLike),
    ("Bool", BaseOperator::Bool),
    ("Null", BaseOperator::Null),
    ("NumericEquals", BaseOperator::NumericEquals),
    ("NumericNotEquals", BaseOperator::NumericNotEquals),
    ("NumericLessThan", BaseOperator::NumericLessThan),
    ("NumericLessThanEquals", BaseOperator::NumericLessThanEquals),
    ("NumericGreaterThan", BaseOperator::NumericGreaterThan),
    (
        "NumericGreaterThanEquals",
        BaseOperator::NumericGreaterThanEquals,
    ),
    ("DateEquals", BaseOperator::DateEquals),
    ("DateNotEquals", BaseOperator::DateNotEquals),
    ("DateLessThan", BaseOperator::DateLessThan),
    ("DateLessThanEquals", BaseOperator::DateLessThanEquals),
    ("DateGreaterThan", BaseOperator::DateGreaterThan),
    ("DateGreaterThanEquals", BaseOperator::DateGreaterThanEquals),
    ("IpAddress", BaseOperator::IpAddress),
    ("NotIpAddress", BaseOperator::NotIpAddress),
    ("BinaryEquals", BaseOperator::BinaryEquals),
];

impl BaseOperator {
    /// The names of the operators rolecall knows, in a fixed order.
    pub fn known_names() -> [&'static str; 27] {
        KNOWN.map(|(name, _)| name)
    }

    /// True for the operators whose result is the complement of a match
    /// (they are true when the key is absent).
    pub fn is_negated(&self) -> bool {
        matches!(
            self,
            BaseOperator::StringNotEquals
                | BaseOperator::StringNotEqualsIgnoreCase
                | BaseOperator::StringNotLike
                | BaseOperator::ArnNotEquals
                | BaseOperator::ArnNotLike
                | BaseOperator::NumericNotEquals
                | BaseOperator::DateNotEquals
                | BaseOperator::NotIpAddress
        )
    }

    /// The canonical name (the original text for `Unknown`).
    pub fn name(&self) -> &str {
        if let BaseOperator::Unknown(text) = self {
            return text;
        }
        KNOWN
            .iter()
            .find(|(_, op)| op == self)
            .map_or("?", |(name, _)| name)
    }

    fn lookup(name: &str) -> Option<BaseOperator> {
        KNOWN
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, op)| op.clone())
    }
}

/// `ForAnyValue:` / `ForAllValues:` for multivalued keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    ForAnyValue,
    ForAllValues,
}

/// A parsed condition operator; `text` is exactly as written in the policy.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConditionOperator {
    pub base: BaseOperator,
    pub qualifier: Option<SetQualifier>,
    pub if_exists: bool,
    pub text: String,
}

impl ConditionOperator {
    /// Never fails: unknown names become `BaseOperator::Unknown(text)`.
    pub fn parse(text: &str) -> ConditionOperator {
        let unknown = || ConditionOperator {
            base: BaseOperator::Unknown(text.to_string()),
            qualifier: None,
            if_exists: false,
            text: text.to_string(),
        };
        let (qualifier, rest) = match text.split_once(':') {
            None => (None, text),
            Some((q, rest)) if q.eq_ignore_ascii_case("ForAnyValue") => {
                (Some(SetQualifier::ForAnyValue), rest)
            }
            Some((q, rest)) if q.eq_ignore_ascii_case("ForAllValues") => {
                (Some(SetQualifier::ForAllValues), rest)
            }
            Some(_) => return unknown(),
        };
        // Try the whole name first, so no known name is mistaken for a suffix.
        if let Some(base) = BaseOperator::lookup(rest) {
            return ConditionOperator {
                base,
                qualifier,
                if_exists: false,
                text: text.to_string(),
            };
        }
        let lower = rest.to_ascii_lowercase();
        if let Some(stem) = lower.strip_suffix("ifexists")
            && let Some(base) = BaseOperator::lookup(&rest[..stem.len()])
        {
            return ConditionOperator {
                base,
                qualifier,
                if_exists: true,
                text: text.to_string(),
            };
        }
        unknown()
    }

    pub fn is_negated(&self) -> bool {
        self.base.is_negated()
    }
}
