//! The committed JSON Schema equals the one the types generate, and the
//! case study satisfies its basic shape.

use salesplan::{plan_schema, plan_schema_json};

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/plan.schema.json");

#[test]
fn committed_schema_is_current() {
    let generated = plan_schema_json();
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    if std::env::var_os("SALESPLAN_BLESS").is_some() && committed != generated {
        std::fs::write(COMMITTED, &generated).unwrap();
        return;
    }
    assert!(
        committed == generated,
        "schema/plan.schema.json is stale; run `SALESPLAN_BLESS=1 cargo test -p salesplan --test schema`"
    );
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
