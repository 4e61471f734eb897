//! The committed JSON Schema equals the one the types generate, and the
//! case study satisfies its basic shape.

use salesplan::{
    options_schema, options_schema_json, outputs_schema, outputs_schema_json, plan_schema,
    plan_schema_json,
};

/// Keeps `schema/<name>` equal to `generated`, rewriting it under
/// `SALESPLAN_BLESS=1`.
fn keep_current(name: &str, generated: &str) {
    let path = format!("{}/../schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("SALESPLAN_BLESS").is_some() && committed != generated {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    assert!(
        committed == generated,
        "schema/{name} is stale; run `SALESPLAN_BLESS=1 cargo test -p salesplan --test schema`, \
         then `python3 scripts/generate-types.py`"
    );
}

#[test]
fn committed_schema_is_current() {
    keep_current("plan.schema.json", &plan_schema_json());
}

#[test]
fn committed_output_schema_is_current() {
    keep_current("outputs.schema.json", &outputs_schema_json());
}

#[test]
fn committed_option_schema_is_current() {
    keep_current("options.schema.json", &options_schema_json());
}

#[test]
fn every_root_is_defined_and_every_reference_resolves() {
    for schema in [outputs_schema(), options_schema()] {
        let defs = schema["$defs"].as_object().unwrap();
        for root in schema["roots"].as_array().unwrap() {
            assert!(
                defs.contains_key(root.as_str().unwrap()),
                "{root} has no schema"
            );
        }
        let text = schema.to_string();
        for part in text.split("\"$ref\":\"#/$defs/").skip(1) {
            let name = &part[..part.find('"').unwrap()];
            assert!(
                defs.contains_key(name),
                "{name} is referred to but not defined"
            );
        }
    }
}

#[test]
fn outputs_write_decimals_as_strings_and_options_default() {
    let outputs = outputs_schema();
    let kpi = &outputs["$defs"]["KpiResult"]["properties"];
    assert_eq!(kpi["attainment"]["anyOf"][0]["$ref"], "#/$defs/Decimal");
    assert_eq!(outputs["$defs"]["Decimal"]["format"], "decimal");
    assert_eq!(
        outputs["$defs"]["Evaluation"]["properties"]["as_of"]["format"],
        "date"
    );
    let options = options_schema();
    let evaluation = &options["$defs"]["EvaluationOptions"];
    assert_eq!(evaluation["required"], serde_json::json!(["as_of"]));
    assert_eq!(evaluation["properties"]["trend_periods"]["default"], 3);
}

#[test]
fn schema_describes_the_document() {
    let schema = plan_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["schema"]["const"], "salesplan/1");
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for key in ["schema", "id", "name", "currency", "period"] {
        assert!(required.contains(&key), "{key} should be required");
    }
    for section in [
        "goals",
        "market",
        "strategies",
        "resources",
        "execution",
        "risks",
        "kpis",
        "rules",
    ] {
        assert!(
            schema["properties"].get(section).is_some(),
            "{section} missing"
        );
    }
    // Decimals are strings with a format the bindings recognise.
    assert_eq!(schema["$defs"]["Decimal"]["format"], "decimal");
    assert_eq!(
        schema["$defs"]["Goal"]["properties"]["deadline"]["format"],
        "date"
    );
}
