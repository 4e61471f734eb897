//! Reading a plan document, turning serde's complaints into [`Error`]s that
//! carry a JSON pointer.

use serde::de::DeserializeSeed;
use serde_json::Value;

use super::strict::{self, Strict};
use super::{Plan, SCHEMA_VERSION};
use crate::error::{DocumentErrorKind, Error, Result};
use crate::limits::Limits;

pub(super) fn from_json(text: &str) -> Result<Plan> {
    from_value(parse_text(text)?)
}

pub(super) fn from_value(value: Value) -> Result<Plan> {
    match value.get("schema") {
        Some(Value::String(s)) if s == SCHEMA_VERSION => {}
        Some(Value::String(s)) => return Err(Error::UnsupportedSchema { found: s.clone() }),
        _ if !value.is_object() => {
            return Err(Error::Document {
                kind: DocumentErrorKind::InvalidType,
                path: String::new(),
                message: format!("a plan document must be a JSON object, found {}", json_type(&value)),
            })
        }
        Some(other) => {
            return Err(Error::Document {
                kind: DocumentErrorKind::InvalidType,
                path: "/schema".into(),
                message: format!("expected the string \"{SCHEMA_VERSION}\", found {}", json_type(other)),
            })
        }
        None => {
            return Err(Error::Document {
                kind: DocumentErrorKind::MissingField,
                path: "/schema".into(),
                message: format!("missing field `schema`; a plan document starts with \"schema\": \"{SCHEMA_VERSION}\""),
            })
        }
    }
    deserialize(&value)
}

/// Reads any document type from a JSON value, with errors that carry the
/// JSON pointer of the offending value.
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| document_error(&e, value))
}

/// Parses JSON text (a leading byte-order mark skipped): syntax errors
/// are [`Error::Syntax`], a key that appears twice in an object is an
/// [`Error::Document`] of kind `DuplicateKey` with the key's JSON pointer,
/// a document beyond [`crate::limits`] is [`Error::LimitExceeded`].
pub(crate) fn parse_text(text: &str) -> Result<Value> {
    parse_text_within(text, &Limits::DOCUMENT)
}

/// [`parse_text`] with the given limits.
pub(crate) fn parse_text_within(text: &str, limits: &Limits) -> Result<Value> {
    limits.check_size("the document", text.len(), Some(""))?;
    let syntax = |e: &serde_json::Error| Error::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    let mut reader = serde_json::Deserializer::from_str(strict::without_bom(text));
    let seed = Strict {
        depth: 0,
        limits: *limits,
    };
    let mut track = serde_path_to_error::Track::new();
    let read = seed.deserialize(serde_path_to_error::Deserializer::new(
        &mut reader,
        &mut track,
    ));
    let value = read.map_err(|inner| {
        let e = serde_path_to_error::Error::new(track.path(), inner);
        let inner = e.inner();
        let message = strip_position(&inner.to_string());
        if let Some(rest) = message.strip_prefix(strict::LIMIT) {
            Error::LimitExceeded {
                path: Some(pointer(e.path())),
                message: rest.to_owned(),
            }
        } else if message.starts_with(strict::DUPLICATE) {
            let mut path = pointer(e.path());
            if let Some(key) = backticked(&message) {
                if !path.ends_with(&format!("/{}", escape(key))) {
                    path.push('/');
                    path.push_str(&escape(key));
                }
            }
            Error::Document {
                kind: DocumentErrorKind::DuplicateKey,
                path,
                message,
            }
        } else if inner.is_data() {
            // Numbers and nesting beyond what a value can hold.
            Error::Document {
                kind: DocumentErrorKind::InvalidValue,
                path: pointer(e.path()),
                message,
            }
        } else {
            syntax(inner)
        }
    })?;
    // Nothing but whitespace may follow the value.
    reader.end().map_err(|e| syntax(&e))?;
    Ok(value)
}

/// What chrono says about a malformed date, without saying it is a date.
const DATE_COMPLAINTS: &[&str] = &[
    "input is out of range",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "input is not enough for unique date and time",
    "no possible date and time matching input",
    "bad or unsupported format string",
];

fn document_error(e: &serde_path_to_error::Error<serde_json::Error>, value: &Value) -> Error {
    let mut message = strip_position(&e.inner().to_string());
    let mut path = pointer(e.path());
    if DATE_COMPLAINTS.contains(&message.as_str()) {
        if let Some(Value::String(text)) = value.pointer(&path) {
            message = format!("invalid date {text:?} ({message}); write dates as YYYY-MM-DD");
        }
    }
    let kind = if message.starts_with("unknown field") {
        DocumentErrorKind::UnknownField
    } else if message.starts_with("missing field") {
        DocumentErrorKind::MissingField
    } else if message.starts_with("invalid type") {
        DocumentErrorKind::InvalidType
    } else {
        DocumentErrorKind::InvalidValue
    };
    if matches!(
        kind,
        DocumentErrorKind::UnknownField | DocumentErrorKind::MissingField
    ) {
        if let Some(field) = backticked(&message) {
            if !path.ends_with(&format!("/{}", escape(field))) {
                path.push('/');
                path.push_str(&escape(field));
            }
        }
    }
    Error::Document {
        kind,
        path,
        message,
    }
}

/// Turns serde_path_to_error's path into a JSON pointer (RFC 6901).
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&escape(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The first name between backticks in a serde message.
fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// serde_json appends " at line L column C"; the pointer says where instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_owned(),
        _ => message.to_owned(),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn nesting_is_read_to_the_limit_and_refused_beyond_it() {
        let max = crate::limits::MAX_DEPTH;
        assert!(parse_text(&nested(max)).is_ok());
        let e = parse_text(&nested(max + 1)).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
        let pointer = format!("/{}", vec!["0"; max].join("/"));
        assert_eq!(e.path(), Some(pointer.as_str()));
        // Far deeper than the JSON reader's own limit: the same error.
        let e = parse_text(&nested(10_000)).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
        // Objects count as arrays do.
        let objects = format!("{}1{}", r#"{"a":"#.repeat(max + 1), "}".repeat(max + 1));
        assert_eq!(parse_text(&objects).unwrap_err().code(), "limit_exceeded");
    }

    #[test]
    fn long_strings_and_keys_are_refused_where_they_are() {
        let max = crate::limits::MAX_STRING_BYTES;
        let doc = |key: &str, value: &str| format!(r#"{{"goals": [{{"{key}": "{value}"}}]}}"#);
        assert!(parse_text(&doc("name", &"é".repeat(max / 2))).is_ok());
        let e = parse_text(&doc("name", &"x".repeat(max + 1))).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("limit_exceeded", Some("/goals/0/name"))
        );
        assert!(
            e.to_string()
                .contains("longer than the limit of 65536 bytes"),
            "{e}"
        );
        let e = parse_text(&doc(&"k".repeat(max + 1), "v")).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
    }

    #[test]
    fn documents_beyond_the_size_limit_are_refused_before_reading() {
        let limits = Limits {
            bytes: 10,
            ..Limits::DOCUMENT
        };
        assert!(parse_text_within("[1, 2, 3]", &limits).is_ok());
        let e = parse_text_within("[1, 2, 3, 4]", &limits).unwrap_err();
        assert_eq!((e.code(), e.path()), ("limit_exceeded", Some("")));
        assert_eq!(
            e.to_string(),
            "the document of 12 bytes is larger than the limit of 10 bytes"
        );
    }
}
