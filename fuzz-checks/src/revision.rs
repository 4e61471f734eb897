//! JSON Patch on plans: edits as revisions, and their undo.

use std::sync::OnceLock;

use salesplan::adjust::patch::{self, patch_from_value, PatchOp};
use salesplan::adjust::{Change, History};
use salesplan::{Error, Plan, Severity};
use serde_json::{json, Value};

use crate::bytes::Bytes;
use crate::{case_study, check_error};

/// A patch on the case study, read as JSON text when the input starts with
/// `[`, else built from the bytes out of the plan's own paths and values.
///
/// A patch applies whole or not at all, and the diff back undoes it; the
/// patched document meets the [`plan`](crate::plan) checks; an
/// edit is refused with a typed error (a rejection always names an error)
/// or gives a revision whose plan has no error diagnostics, numbered one
/// up, and that a history rebuilds; undoing it restores the plan's content
/// exactly.
pub fn patch(data: &[u8]) {
    let plan = case_study();
    let ops = if data.first() == Some(&b'[') {
        let Ok(value) = serde_json::from_slice::<Value>(data) else {
            return;
        };
        match patch_from_value(&value) {
            Ok(ops) => ops,
            Err(e) => return check_error(&e),
        }
    } else {
        generated(data)
    };
    let before = content(plan);
    match patch::apply(&before, &ops) {
        Ok(after) => {
            let forth = patch::diff(&before, &after);
            assert_eq!(patch::apply(&before, &forth).ok(), Some(after.clone()));
            let back = patch::diff(&after, &before);
            assert_eq!(patch::apply(&after, &back).ok(), Some(before.clone()));
            // The patched document, as text, meets the plan checks.
            crate::plan(after.to_string().as_bytes());
        }
        Err(e) => check_error(&e),
    }
    let change = Change {
        author: "Planner".into(),
        at: "2026-07-03T09:00:00+08:00".into(),
        reason: "A change to test".into(),
    };
    let revised = match plan.edit(&ops, &change) {
        Ok(revised) => revised,
        Err(e) => {
            check_error(&e);
            if let Error::Rejected { diagnostics } = &e {
                assert!(
                    diagnostics.iter().any(|d| d.severity == Severity::Error),
                    "rejected without an error: {diagnostics:?}"
                );
            }
            return;
        }
    };
    let errors: Vec<_> = revised
        .plan
        .validate()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "an accepted revision has errors: {errors:?}"
    );
    assert_eq!(revised.plan.revision_number(), plan.revision_number() + 1);
    assert_eq!(revised.revision.parent, plan.revision_number());
    match patch::apply(&before, &revised.revision.patch) {
        Ok(doc) => assert_eq!(doc, content(&revised.plan)),
        Err(e) => panic!("a revision's own patch does not apply: {e}"),
    }

    let mut history = History::new(plan.clone());
    if let Err(e) = history.commit(&revised) {
        panic!("a revision of the base does not commit: {e}");
    }
    match history.latest() {
        Ok(latest) => assert_eq!(latest, revised.plan, "the history rebuilds another plan"),
        Err(e) => panic!("the history does not rebuild its revision: {e}"),
    }
    let undone = match history.undo(&change) {
        Ok(undone) => undone,
        Err(e) => panic!("undo refused: {e}"),
    };
    assert_eq!(
        content(&undone.plan),
        before,
        "undo does not restore the content"
    );
    let mut restored = undone.plan.clone();
    restored.revision.clone_from(&plan.revision);
    assert_eq!(&restored, plan, "undo does not restore the plan");
    match history.latest() {
        Ok(latest) => assert_eq!(content(&latest), before),
        Err(e) => panic!("the history does not rebuild the undo: {e}"),
    }
}

/// The plan as a document without its `revision` member.
fn content(plan: &Plan) -> Value {
    let mut doc = plan.to_value();
    if let Value::Object(map) = &mut doc {
        map.remove("revision");
    }
    doc
}

/// Every JSON pointer of the case study's content, with its value.
fn places() -> &'static [(String, Value)] {
    static PLACES: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut out = Vec::new();
        walk(&content(case_study()), String::new(), &mut out);
        out
    })
}

fn walk(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                walk(v, format!("{path}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push((path, value.clone()));
}

/// Up to four operations on the plan's own paths, with values taken from
/// elsewhere in the plan or from a few awkward ones.
fn generated(data: &[u8]) -> Vec<PatchOp> {
    let mut bytes = Bytes::new(data);
    let places = places();
    let place = |bytes: &mut Bytes<'_>| {
        let i = usize::from(u16::from_le_bytes([bytes.byte(), bytes.byte()])) % places.len();
        let (path, value) = &places[i];
        let path = match bytes.byte() % 8 {
            0 if value.is_array() => format!("{path}/-"),
            1 => format!("{path}/new"),
            2 => format!("{path}/0"),
            _ => path.clone(),
        };
        (path, value.clone())
    };
    let count = bytes.below(4) + 1;
    let mut ops = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = bytes.byte();
        let (path, own) = place(&mut bytes);
        let value = match bytes.byte() % 4 {
            0 => own,
            1 => place(&mut bytes).1,
            _ => awkward(&mut bytes, &own),
        };
        let op = match kind % 8 {
            0 | 1 => PatchOp::Replace { path, value },
            2 | 3 => PatchOp::Add { path, value },
            4 => PatchOp::Remove { path },
            5 => PatchOp::Move {
                from: place(&mut bytes).0,
                path,
            },
            6 => PatchOp::Copy {
                from: place(&mut bytes).0,
                path,
            },
            _ => PatchOp::Test { path, value },
        };
        ops.push(op);
    }
    ops
}

/// Values that tend to break things: other types, extremes, bad dates,
/// amounts in other spellings.
fn awkward(bytes: &mut Bytes<'_>, own: &Value) -> Value {
    const TEXTS: [&str; 14] = [
        "",
        "0",
        "-1",
        "0.00",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "1.2亿",
        "2026-02-30",
        "2026-12-31",
        "9999-12-31",
        "x",
        "1e3",
        "NaN",
    ];
    match bytes.byte() % 12 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!([]),
        3 => json!({}),
        4 => json!(bytes.i64()),
        5 => json!(f64::from(bytes.u32()) / 7.0),
        6 => json!(u64::MAX),
        7 => {
            // The own value with one element or member dropped.
            let mut v = own.clone();
            match &mut v {
                Value::Array(items) if !items.is_empty() => {
                    let i = bytes.below(items.len());
                    items.remove(i);
                }
                Value::Object(map) if !map.is_empty() => {
                    let i = bytes.below(map.len());
                    if let Some(k) = map.keys().nth(i).cloned() {
                        map.remove(&k);
                    }
                }
                _ => {}
            }
            v
        }
        _ => Value::String(TEXTS[bytes.below(TEXTS.len())].to_owned()),
    }
}
