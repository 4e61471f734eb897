//! JSON Patch (RFC 6902) on plan documents: apply, diff and invert.
//!
//! [`apply`] works on a copy and returns it only when every operation
//! succeeded, so a patch is applied whole or not at all. [`diff`] gives a
//! patch that turns one document into another: objects member by member,
//! arrays by their common head and tail with the middle replaced element
//! by element, added or removed. The inverse of a patch applied to `a`
//! giving `b` is `diff(b, a)`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// One operation of a JSON Patch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum PatchOp {
    /// Adds a member, inserts into an array (`-` appends) or replaces the
    /// whole document (path `""`).
    Add {
        /// JSON pointer.
        path: String,
        /// The value.
        value: Value,
    },
    /// Removes a member or an array element.
    Remove {
        /// JSON pointer.
        path: String,
    },
    /// Replaces an existing value.
    Replace {
        /// JSON pointer.
        path: String,
        /// The new value.
        value: Value,
    },
    /// Moves a value.
    Move {
        /// Where it is.
        from: String,
        /// Where it goes.
        path: String,
    },
    /// Copies a value.
    Copy {
        /// Where it is.
        from: String,
        /// Where the copy goes.
        path: String,
    },
    /// Fails unless the value at `path` equals `value`.
    Test {
        /// JSON pointer.
        path: String,
        /// The value expected.
        value: Value,
    },
}

/// Reads a patch from JSON (an array of operations).
///
/// # Errors
/// [`Error::Document`] with the JSON pointer of an operation that does not fit.
pub fn patch_from_value(value: &Value) -> Result<Vec<PatchOp>> {
    crate::plan::parse::deserialize(value)
}

fn failed(index: usize, message: String) -> Error {
    Error::InvalidArgument {
        name: format!("patch/{index}"),
        message,
    }
}

/// Applies a patch to a copy of `doc`.
///
/// # Errors
/// [`Error::InvalidArgument`] naming the first operation that cannot be
/// applied (a path that does not exist, a failed `test`, a move into
/// itself); `doc` is untouched.
pub fn apply(doc: &Value, patch: &[PatchOp]) -> Result<Value> {
    let mut out = doc.clone();
    for (i, op) in patch.iter().enumerate() {
        apply_one(&mut out, op).map_err(|m| failed(i, m))?;
    }
    Ok(out)
}

fn apply_one(doc: &mut Value, op: &PatchOp) -> std::result::Result<(), String> {
    match op {
        PatchOp::Add { path, value } => add(doc, path, value.clone()),
        PatchOp::Remove { path } => remove(doc, path).map(drop),
        PatchOp::Replace { path, value } => {
            let slot = doc
                .pointer_mut(&pointer(path)?)
                .ok_or_else(|| format!("replace: nothing at {path}"))?;
            *slot = value.clone();
            Ok(())
        }
        PatchOp::Move { from, path } => {
            if path.starts_with(&format!("{from}/")) {
                return Err(format!("move: {path} is inside {from}"));
            }
            let value = remove(doc, from)?;
            add(doc, path, value)
        }
        PatchOp::Copy { from, path } => {
            let value = doc
                .pointer(&pointer(from)?)
                .cloned()
                .ok_or_else(|| format!("copy: nothing at {from}"))?;
            add(doc, path, value)
        }
        PatchOp::Test { path, value } => match doc.pointer(&pointer(path)?) {
            Some(v) if v == value => Ok(()),
            Some(_) => Err(format!("test: the value at {path} differs")),
            None => Err(format!("test: nothing at {path}")),
        },
    }
}

/// Checks a pointer's syntax and returns it.
fn pointer(path: &str) -> std::result::Result<String, String> {
    if path.is_empty() || path.starts_with('/') {
        Ok(path.to_owned())
    } else {
        Err(format!("{path:?} is not a JSON pointer"))
    }
}

/// The parent's pointer and the last token, unescaped.
fn split(path: &str) -> std::result::Result<(&str, String), String> {
    pointer(path)?;
    let (parent, last) = path
        .rsplit_once('/')
        .ok_or_else(|| "the whole document has no parent".to_owned())?;
    Ok((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn index(token: &str, len: usize, inserting: bool) -> std::result::Result<usize, String> {
    if inserting && token == "-" {
        return Ok(len);
    }
    let valid = !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'));
    let i: usize = token
        .parse()
        .ok()
        .filter(|_| valid)
        .ok_or_else(|| format!("{token:?} is not an array index"))?;
    let limit = if inserting {
        len
    } else {
        len.saturating_sub(1)
    };
    if i > limit || (!inserting && len == 0) {
        return Err(format!("index {i} is out of bounds"));
    }
    Ok(i)
}

fn add(doc: &mut Value, path: &str, value: Value) -> std::result::Result<(), String> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (parent, token) = split(path)?;
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(token, value);
            Ok(())
        }
        Some(Value::Array(items)) => {
            let i = index(&token, items.len(), true)?;
            items.insert(i, value);
            Ok(())
        }
        Some(_) => Err(format!("add: {parent} is neither an object nor an array")),
        None => Err(format!("add: nothing at {parent}")),
    }
}

fn remove(doc: &mut Value, path: &str) -> std::result::Result<Value, String> {
    let (parent, token) = split(path)?;
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => map
            .remove(&token)
            .ok_or_else(|| format!("remove: nothing at {path}")),
        Some(Value::Array(items)) => {
            let i = index(&token, items.len(), false)?;
            Ok(items.remove(i))
        }
        _ => Err(format!("remove: nothing at {path}")),
    }
}

/// Escapes a member name as a pointer token.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A patch turning `a` into `b`.
pub fn diff(a: &Value, b: &Value) -> Vec<PatchOp> {
    let mut out = Vec::new();
    diff_at(a, b, String::new(), &mut out);
    out
}

fn diff_at(a: &Value, b: &Value, path: String, out: &mut Vec<PatchOp>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let at = format!("{path}/{}", escape(k));
                match y.get(k) {
                    Some(w) => diff_at(v, w, at, out),
                    None => out.push(PatchOp::Remove { path: at }),
                }
            }
            for (k, w) in y {
                if !x.contains_key(k) {
                    out.push(PatchOp::Add {
                        path: format!("{path}/{}", escape(k)),
                        value: w.clone(),
                    });
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            let head = x.iter().zip(y).take_while(|(p, q)| p == q).count();
            let rest = x.len().min(y.len()) - head;
            let tail = x[head..]
                .iter()
                .rev()
                .zip(y[head..].iter().rev())
                .take(rest)
                .take_while(|(p, q)| p == q)
                .count();
            let (xm, ym) = (&x[head..x.len() - tail], &y[head..y.len() - tail]);
            let common = xm.len().min(ym.len());
            for i in 0..common {
                diff_at(&xm[i], &ym[i], format!("{path}/{}", head + i), out);
            }
            // Removals from the back so earlier indices stay valid.
            for i in (common..xm.len()).rev() {
                out.push(PatchOp::Remove {
                    path: format!("{path}/{}", head + i),
                });
            }
            for (i, w) in ym.iter().enumerate().skip(common) {
                out.push(PatchOp::Add {
                    path: format!("{path}/{}", head + i),
                    value: w.clone(),
                });
            }
        }
        _ => out.push(PatchOp::Replace {
            path,
            value: b.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn the_rfc_operations() {
        let doc = json!({"a": {"b": [1, 2, 3]}, "c~d": 1, "e/f": 2});
        let patch: Vec<PatchOp> = serde_json::from_value(json!([
            {"op": "add", "path": "/a/b/1", "value": 9},
            {"op": "add", "path": "/a/b/-", "value": 10},
            {"op": "remove", "path": "/a/b/0"},
            {"op": "replace", "path": "/c~0d", "value": "x"},
            {"op": "move", "from": "/e~1f", "path": "/g"},
            {"op": "copy", "from": "/g", "path": "/a/h"},
            {"op": "test", "path": "/a/h", "value": 2}
        ]))
        .unwrap();
        let out = apply(&doc, &patch).unwrap();
        assert_eq!(
            out,
            json!({"a": {"b": [9, 2, 3, 10], "h": 2}, "c~d": "x", "g": 2})
        );
    }

    #[test]
    fn a_failing_operation_changes_nothing_and_says_which() {
        let doc = json!({"a": [1]});
        let patch = vec![
            PatchOp::Add {
                path: "/b".into(),
                value: json!(1),
            },
            PatchOp::Remove {
                path: "/a/5".into(),
            },
        ];
        let e = apply(&doc, &patch).unwrap_err();
        assert!(e.to_string().contains("patch/1"), "{e}");
        for bad in ["/a/01", "/a/-", "a", "/x/y"] {
            assert!(
                apply(&doc, &[PatchOp::Remove { path: bad.into() }]).is_err(),
                "{bad}"
            );
        }
        let e = apply(
            &doc,
            &[PatchOp::Test {
                path: "/a/0".into(),
                value: json!(2),
            }],
        );
        assert!(e.is_err());
        let e = apply(
            &json!({"a": {"b": 1}}),
            &[PatchOp::Move {
                from: "/a".into(),
                path: "/a/b/c".into(),
            }],
        );
        assert!(e.is_err());
    }

    #[test]
    fn reads_patches_with_paths_in_errors() {
        let e = patch_from_value(&json!([{"op": "add", "path": "/a"}])).unwrap_err();
        assert_eq!((e.code(), e.path()), ("missing_field", Some("/0/value")));
        let e = patch_from_value(&json!([{"op": "jump", "path": "/a"}])).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
    }

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (-5i64..5).prop_map(Value::from),
            "[a-c~/]{0,3}".prop_map(Value::from),
        ]
    }

    fn document() -> impl Strategy<Value = Value> {
        leaf().prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                prop::collection::btree_map("[a-c~/]{1,2}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// diff(a, b) applied to a gives b, and diff(b, a) undoes it.
        #[test]
        fn diff_apply_and_undo(a in document(), b in document()) {
            let forward = diff(&a, &b);
            let reached = apply(&a, &forward).unwrap();
            prop_assert_eq!(&reached, &b);
            let back = apply(&reached, &diff(&b, &a)).unwrap();
            prop_assert_eq!(back, a);
        }

        /// A patch survives JSON.
        #[test]
        fn patches_round_trip(a in document(), b in document()) {
            let patch = diff(&a, &b);
            let text = serde_json::to_value(&patch).unwrap();
            prop_assert_eq!(patch_from_value(&text).unwrap(), patch);
        }
    }
}
