//! The plan document: read, validate, the example, the schema.

use wasm_bindgen::prelude::*;

use crate::interop::{plan_from_js, to_js, Thrown};

/// Reads a plan document, given as a plain object or as JSON text, and
/// returns it normalised (defaults filled in, decimals as strings) as a plain
/// JSON-compatible object.
///
/// @throws {SalesplanError} when the document cannot be read.
#[wasm_bindgen(js_name = parsePlan, unchecked_return_type = "PlanDocument")]
pub fn parse_plan(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] input: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&input)?;
    to_js(&plan)
}

/// Checks a plan document, given as a plain object or as JSON text, and
/// returns every finding at once, in the library's order. A plan that is
/// wrong but readable gives diagnostics, not an exception.
///
/// @throws {SalesplanError} only when the document cannot be read.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Diagnostic[]")]
pub fn validate_plan(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] input: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&input)?;
    to_js(&plan.validate())
}

/// The case-study plan (a technology company targeting 1.2亿元 revenue in
/// FY2026) as a normalised document.
#[wasm_bindgen(js_name = examplePlan, unchecked_return_type = "PlanDocument")]
pub fn example_plan() -> Result<JsValue, Thrown> {
    to_js(&salesplan::example_plan())
}

/// The case-study plan as the JSON text shipped with the library.
#[wasm_bindgen(js_name = examplePlanJson)]
pub fn example_plan_json() -> String {
    salesplan::EXAMPLE_PLAN_JSON.to_owned()
}

/// The JSON Schema (draft 2020-12) of a plan document, for checking a
/// document in a form before calling the library.
#[wasm_bindgen(js_name = planSchema, unchecked_return_type = "PlanSchema")]
pub fn plan_schema() -> Result<JsValue, Thrown> {
    to_js(&salesplan::plan_schema())
}

/// The JSON Schemas of every value the library hands back, under `$defs`
/// by name (`Evaluation`, `Simulation`, ...): what the TypeScript
/// declarations of the outputs are generated from.
#[wasm_bindgen(js_name = outputsSchema, unchecked_return_type = "Record<string, unknown>")]
pub fn outputs_schema() -> Result<JsValue, Thrown> {
    to_js(&salesplan::outputs_schema())
}

/// The JSON Schemas of every option object and input value the library
/// reads, under `$defs` by name (`EvaluationOptions`, `Deal`, ...), with
/// their defaults.
#[wasm_bindgen(js_name = optionsSchema, unchecked_return_type = "Record<string, unknown>")]
pub fn options_schema() -> Result<JsValue, Thrown> {
    to_js(&salesplan::options_schema())
}

/// The plan's headline numbers per section (the goals' effective targets
/// among them: stated, or the baseline grown) and its diagnostics by
/// severity.
///
/// @throws {SalesplanError} when the plan cannot be read.
#[wasm_bindgen(js_name = summary, unchecked_return_type = "PlanSummary")]
pub fn summary(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] input: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&input)?;
    to_js(&plan.summary(&plan.validate()))
}

/// The eight sections of a plan in document order, `{key, zh, en}`
/// (`{key: "goals", zh: "目标设定", en: "Goals"}`).
#[wasm_bindgen(js_name = sections, unchecked_return_type = "{ key: string; zh: string; en: string }[]")]
pub fn sections() -> Result<JsValue, Thrown> {
    let sections: Vec<_> = salesplan::SECTIONS
        .iter()
        .map(|s| serde_json::json!({ "key": s.key, "zh": s.zh, "en": s.en }))
        .collect();
    to_js(&sections)
}
