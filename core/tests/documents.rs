//! Reading documents: errors carry a code and a JSON pointer, and no input
//! makes the library panic.

use proptest::prelude::*;
use salesplan::{DocumentErrorKind, Error, Plan, EXAMPLE_PLAN_JSON};
use serde_json::{json, Value};

fn example() -> Value {
    serde_json::from_str(EXAMPLE_PLAN_JSON).unwrap()
}

fn read(v: Value) -> Error {
    Plan::from_value(v).unwrap_err()
}

#[test]
fn unknown_field_names_its_path() {
    let mut v = example();
    v["risks"]["register"][1]["severity"] = json!("high");
    let e = read(v);
    assert_eq!(e.code(), "unknown_field");
    assert_eq!(e.path(), Some("/risks/register/1/severity"));
    assert!(matches!(
        e,
        Error::Document {
            kind: DocumentErrorKind::UnknownField,
            ..
        }
    ));
}

#[test]
fn unknown_top_level_field() {
    let mut v = example();
    v["owner"] = json!("me");
    assert_eq!(read(v).path(), Some("/owner"));
}

#[test]
fn wrong_type_names_its_path() {
    let mut v = example();
    v["goals"][0]["target"] = json!(120000000);
    let e = read(v);
    assert_eq!(e.code(), "invalid_type");
    assert_eq!(e.path(), Some("/goals/0/target"));
    let mut v = example();
    v["strategies"] = json!({});
    assert_eq!(read(v).path(), Some("/strategies"));
}

#[test]
fn bad_dates_and_decimals_are_invalid_values() {
    for (pointer, bad) in [
        ("/period/start", json!("2026-13-01")),
        ("/goals/1/deadline", json!("31/12/2026")),
        ("/market/tam", json!("20亿")),
        ("/resources/total_budget", json!("1e7")),
        ("/resources/total_budget", json!("1000000000000000000")),
    ] {
        let mut v = example();
        *v.pointer_mut(pointer).unwrap() = bad.clone();
        let e = read(v);
        assert_eq!(e.code(), "invalid_value", "{pointer} = {bad}: {e}");
        assert_eq!(e.path(), Some(pointer));
    }
}

#[test]
fn missing_required_field() {
    let mut v = example();
    v["kpis"][2].as_object_mut().unwrap().remove("direction");
    let e = read(v);
    assert_eq!(e.code(), "missing_field");
    assert_eq!(e.path(), Some("/kpis/2/direction"));
}

#[test]
fn schema_version_is_checked_first() {
    let e = Plan::from_json(r#"{"schema": "salesplan/9", "goals": 5}"#).unwrap_err();
    assert_eq!(e.code(), "unsupported_schema");
    let e = Plan::from_json(r#"{"id": "x"}"#).unwrap_err();
    assert_eq!((e.code(), e.path()), ("missing_field", Some("/schema")));
    let e = Plan::from_json("[1, 2]").unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_type", Some("")));
}

#[test]
fn syntax_errors_give_line_and_column() {
    let e = Plan::from_json("{\n  \"schema\": \"salesplan/1\",\n  oops\n}").unwrap_err();
    match e {
        Error::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn json_pointer_escapes_keys() {
    let mut v = example();
    v["goals"][0]["seasonality"]["a/b~c"] = json!(5);
    assert_eq!(read(v).path(), Some("/goals/0/seasonality/a~1b~0c"));
}

/// Every leaf of the example, as a JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, c)| leaves(c, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, c)| leaves(c, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[-0-9.e]{0,30}".prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        Just(json!("2026-02-29")),
        Just(json!("-999999999999999999.99")),
        Just(json!("99999999999999999")),
        Just(json!("0.0000000000000000000000000001")),
        Just(json!(4294967295_u64)),
        Just(json!([])),
        Just(json!({})),
        Just(json!(4294967296_u64)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Replacing any leaf of the case study with any value gives a plan or
    /// an error with a path, and validation never panics.
    #[test]
    fn mutated_documents_never_panic(index in any::<prop::sample::Index>(), value in any_json()) {
        let mut v = example();
        let mut all = Vec::new();
        leaves(&v, String::new(), &mut all);
        let pointer = index.get(&all).clone();
        *v.pointer_mut(&pointer).unwrap() = value;
        match Plan::from_value(v) {
            Ok(plan) => { let _ = plan.validate(); let _ = plan.summary(&[]); }
            Err(e) => prop_assert!(e.path().is_some(), "{e}"),
        }
    }

    /// Arbitrary text never panics the reader.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Plan::from_json(&text);
    }
}
