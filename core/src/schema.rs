//! The JSON Schemas of everything that crosses a binding, generated from
//! the Rust types.
//!
//! * `schema/plan.schema.json`: the plan document ([`plan_schema`]).
//! * `schema/outputs.schema.json`: every value the library hands back
//!   ([`outputs_schema`]), as written (decimals as strings, days as
//!   `YYYY-MM-DD`).
//! * `schema/options.schema.json`: every option object and input value the
//!   library reads ([`options_schema`]), with its defaults.
//!
//! Tests keep the committed files equal to what the types generate; the
//! TypeScript declarations and the Python typed dictionaries are generated
//! from these files by `scripts/generate-types.py`.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value};

use crate::plan::Plan;

/// The JSON Schema (draft 2020-12) of a plan document.
pub fn plan_schema() -> Value {
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
    pretty(&plan_schema())
}

/// The schemas of every output, under `$defs` by name (`Evaluation`,
/// `Simulation`, ...), as serialized.
pub fn outputs_schema() -> Value {
    let mut g = Defs::new(SchemaSettings::draft2020_12().for_serialize());
    g.add::<crate::validate::Diagnostic>();
    g.add::<crate::evaluate::Evaluation>();
    g.add::<crate::monitor::Monitoring>();
    g.add::<crate::evaluate::scorecard::Scorecard>();
    g.add::<crate::evaluate::gap::GapEffects>();
    g.add::<crate::decompose::PeriodTarget>();
    g.add::<crate::decompose::Allocation>();
    g.add::<crate::funnel::ReverseFunnel>();
    g.add::<crate::funnel::UnitEconomics>();
    g.add::<crate::risk::RiskRegister>();
    g.add::<crate::risk::Simulation>();
    g.add::<crate::adjust::Proposals>();
    g.add::<crate::adjust::Revised>();
    g.add::<crate::adjust::History>();
    g.add::<crate::adjust::Replay>();
    g.add::<crate::adjust::ScenarioComparison>();
    g.add::<crate::adjust::PatchOp>();
    g.add::<crate::accuracy::Accuracy>();
    g.add::<crate::accuracy::Snapshot>();
    g.add::<crate::actuals::Observation>();
    g.add::<crate::actuals::LoadWarning>();
    g.add::<crate::actuals::RowProblem>();
    g.add::<crate::summary::Summary>();
    g.finish(
        "urn:salesplan:schema:outputs:1",
        "Every value salesplan hands back.",
    )
}

/// The schemas of every option object and input value, under `$defs` by
/// name (`EvaluationOptions`, `Deal`, ...), as read: fields with defaults
/// are not required.
pub fn options_schema() -> Value {
    let mut g = Defs::new(SchemaSettings::draft2020_12().for_deserialize());
    g.add::<crate::evaluate::EvaluationOptions>();
    g.add::<crate::evaluate::scorecard::ScorecardOptions>();
    g.add::<crate::evaluate::scorecard::RubricScore>();
    g.add::<crate::evaluate::gap::Funnel>();
    g.add::<crate::risk::SimulationOptions>();
    g.add::<crate::report::ReportOptions>();
    g.add::<crate::units::AmountFormat>();
    g.add::<crate::evaluate::Deal>();
    g.add::<crate::decompose::Node>();
    g.add::<crate::adjust::Scenario>();
    g.add::<crate::adjust::PatchOp>();
    g.finish(
        "urn:salesplan:schema:options:1",
        "Every option object and input value salesplan reads.",
    )
}

/// [`outputs_schema`] as the exact text of `schema/outputs.schema.json`.
pub fn outputs_schema_json() -> String {
    pretty(&outputs_schema())
}

/// [`options_schema`] as the exact text of `schema/options.schema.json`.
pub fn options_schema_json() -> String {
    pretty(&options_schema())
}

fn pretty(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Collects named schemas: every root and everything it refers to ends up
/// in `$defs`.
struct Defs {
    generator: SchemaGenerator,
    roots: Vec<String>,
}

impl Defs {
    fn new(settings: SchemaSettings) -> Defs {
        Defs {
            generator: settings.into_generator(),
            roots: Vec::new(),
        }
    }

    fn add<T: JsonSchema>(&mut self) {
        let name = T::schema_name().into_owned();
        let schema = self.generator.subschema_for::<T>();
        // Types schemars inlines (enums of one word, say) have no `$ref`:
        // keep them under their name all the same.
        if schema.get("$ref").is_none() {
            self.generator
                .definitions_mut()
                .insert(name.clone(), schema.to_value());
        }
        self.roots.push(name);
    }

    fn finish(mut self, id: &str, description: &str) -> Value {
        let defs: Map<String, Value> = std::mem::take(self.generator.definitions_mut())
            .into_iter()
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": id,
            "description": description,
            "roots": self.roots,
            "$defs": defs,
        })
    }
}
