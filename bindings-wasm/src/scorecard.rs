//! Scorecards: KPI attainment and rubric scores combined into a score out
//! of 100 and a grade, for the company, each goal owner and each node.

use salesplan::evaluate::scorecard::{RubricScore, ScorecardOptions};
use wasm_bindgen::prelude::*;

use crate::interop::{option_error, options_object, plan_from_js, to_js, value_from_js, Thrown};
use crate::lend::evaluation_from_js;

/// Scores an evaluation (an `EvaluationResult` or what its `toJSON()`
/// gives): a KPI earns `min(max(attainment, 0), cap) × 100` points by its
/// weight in the plan, a rubric score of 1–5 earns `(score − 1) ÷ 4 × 100`
/// points by its weight, and the two mix by `rubric_share` (default
/// `"0.3"`; `cap` defaults to `"1"`). Grades: A from 90, B from 80, C from
/// 70, D from 60, E below. Scorecards come company first, then owners, then
/// nodes.
///
/// @throws {SalesplanError} `"invalid_argument"` for a rubric score outside
/// 1–5, a negative weight, a rubric share outside 0–1 or another bad
/// option (naming it: `options.rubric_share`).
#[wasm_bindgen(js_name = scorecards, unchecked_return_type = "Scorecard[]")]
pub fn scorecards(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationResult | Evaluation")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RubricScore[] | null")] rubrics: Option<
        JsValue,
    >,
    #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions")] options: Option<JsValue>,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation = evaluation_from_js("evaluation", &evaluation)?;
    let rubrics: Vec<RubricScore> = match rubrics {
        Some(r) if !r.is_undefined() && !r.is_null() => value_from_js("rubrics", &r)?,
        _ => Vec::new(),
    };
    let options = options_object("options", &options.unwrap_or(JsValue::UNDEFINED))?;
    let options = ScorecardOptions::from_value(&serde_json::Value::Object(options))
        .map_err(|e| option_error("options", e))?;
    to_js(&plan.scorecards(&evaluation, &rubrics, &options)?)
}
