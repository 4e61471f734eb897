//! The JSON Schema of the plan document, generated from the Rust types.
//!
//! The schema is committed at `schema/plan.schema.json`; a test keeps the
//! file equal to what the types generate.

use crate::plan::Plan;

/// The JSON Schema (draft 2020-12) of a plan document.
pub fn plan_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Plan).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), "urn:salesplan:schema:plan:1".into());
        if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert(
                "schema".into(),
                serde_json::json!({ "const": crate::SCHEMA_VERSION, "description": "Always \"salesplan/1\"." }),
            );
        }
    }
    schema
}

/// [`plan_schema`] as pretty-printed JSON with a final newline: the exact
/// text of the committed schema file.
pub fn plan_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&plan_schema()).unwrap_or_default();
    text.push('\n');
    text
}
