//! The JSON Schema of a history document, generated from the Rust types
//! and committed at `schema/history.schema.json` (a test keeps the file
//! current). A JSON Lines history holds one `Snapshot` of it a line.

use super::History;

/// The JSON Schema (draft 2020-12) of a history document
/// `{"snapshots": [...]}`. The evaluation inside a snapshot is described
/// as an object; its shape is what `Plan::evaluate` writes.
pub fn history_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(History).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), "urn:salesplan:schema:history:1".into());
    }
    schema
}

/// [`history_schema`] as pretty-printed JSON with a final newline: the
/// exact text of the committed schema file.
pub fn history_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&history_schema()).unwrap_or_default();
    text.push('\n');
    text
}
