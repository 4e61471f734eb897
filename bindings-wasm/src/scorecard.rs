//! Scorecards: KPI attainment and rubric scores combined into a score out
//! of 100 and a grade, for the company, each goal owner and each node.
//!
//! The core's `Evaluation` is not `Deserialize`, so the evaluation object
//! that `evaluatePlan` returns cannot come back in; `scorecards` evaluates
//! the plan itself, from the same arguments as `evaluatePlan`.

use rust_decimal::Decimal;
use salesplan::evaluate::scorecard::{RubricScore, ScorecardOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::actuals::Actuals;
use crate::evaluate::evaluation_options;
use crate::interop::{
    invalid_argument, options_from_js, plan_from_js, to_js, value_from_js, Thrown,
};

/// The JavaScript options of [`scorecards`]: decimals as strings or numbers.
#[derive(Debug, Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object such as {\"rubricShare\": \"0.3\"}"
)]
struct Options {
    rubric_share: Option<serde_json::Value>,
    cap: Option<serde_json::Value>,
}

/// Evaluates the plan as `evaluatePlan` does and scores the result: a
/// KPI earns `min(max(attainment, 0), cap) × 100` points by its weight in
/// the plan, a rubric score of 1–5 earns `(score − 1) ÷ 4 × 100` points by
/// its weight, and the two mix by `rubricShare` (default `"0.3"`; `cap`
/// defaults to `"1"`). Grades: A from 90, B from 80, C from 70, D from 60,
/// E below. Scorecards come company first, then owners, then nodes.
///
/// @throws {SalesplanError} `"invalid_argument"` for a bad option, a
/// rubric score outside 1–5, a negative weight or a rubric share outside
/// 0–1; as `evaluatePlan` otherwise.
#[wasm_bindgen(js_name = scorecards, unchecked_return_type = "Scorecard[]")]
pub fn scorecards(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(js_name = "evaluateOptions", unchecked_param_type = "EvaluateOptions")]
    evaluate_options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RubricScore[] | null")] rubrics: Option<
        JsValue,
    >,
    #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions")] options: Option<JsValue>,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluate_options = evaluation_options(&evaluate_options)?;
    let rubrics: Vec<RubricScore> = match rubrics {
        Some(r) if !r.is_undefined() && !r.is_null() => value_from_js("rubrics", &r)?,
        _ => Vec::new(),
    };
    let options: Options = options_from_js("options", &options.unwrap_or(JsValue::UNDEFINED))?;
    let defaults = ScorecardOptions::default();
    let options = ScorecardOptions {
        rubric_share: decimal("rubricShare", options.rubric_share)?
            .unwrap_or(defaults.rubric_share),
        cap: decimal("cap", options.cap)?.unwrap_or(defaults.cap),
    };
    let evaluation = plan.evaluate(actuals.inner(), &evaluate_options)?;
    to_js(&plan.scorecards(&evaluation, &rubrics, &options)?)
}

/// An option given as a decimal string or a number, exactly.
fn decimal(name: &str, value: Option<serde_json::Value>) -> Result<Option<Decimal>, Thrown> {
    let text = match value {
        None | Some(serde_json::Value::Null) => return Ok(None),
        Some(serde_json::Value::String(text)) => text,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => {
            let message = format!("expected a decimal string or a number, found {other}");
            return Err(invalid_argument(name, message).into());
        }
    };
    let text = text.trim();
    (text.parse().ok())
        .or_else(|| Decimal::from_scientific(text).ok())
        .map(Some)
        .ok_or_else(|| invalid_argument(name, format!("{text:?} is not a decimal")).into())
}
