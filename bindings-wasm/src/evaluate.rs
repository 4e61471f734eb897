//! Evaluating a plan against actuals, and phasing a goal over the periods.

use salesplan::decompose::Node;
use salesplan::evaluate::{deals_from_json, EvaluationOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::actuals::Actuals;
use crate::interop::{
    invalid_argument, options_from_js, plan_from_js, text_from_js, to_js, Thrown,
};

/// The JavaScript options of [`evaluate_plan`].
#[derive(Debug, Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object such as {\"asOf\": \"2026-06-30\"}"
)]
struct EvaluateOptions {
    as_of: Option<String>,
    #[serde(default)]
    hierarchy: Vec<String>,
    trend_periods: Option<usize>,
    pipeline: Option<serde_json::Value>,
    cascade: Option<serde_json::Value>,
}

/// Evaluates every KPI of a plan against actuals as of a day, for the
/// company and for every node of `options.hierarchy`: target, expected to
/// date, actual, variance, attainment, status, forecasts and trend, and the
/// same per period; and every node's revenue gap split into volume,
/// conversion and deal-size effects. Decimals are exact strings.
///
/// @throws {SalesplanError} `"invalid_argument"` for a bad `asOf` or
/// option, a plan error when the plan cannot be read.
#[wasm_bindgen(js_name = evaluatePlan, unchecked_return_type = "Evaluation")]
pub fn evaluate_plan(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions")] options: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let options = evaluation_options(&options)?;
    to_js(&plan.evaluate(actuals.inner(), &options)?)
}

/// Reads the JavaScript `EvaluateOptions` (`asOf` required) into the
/// core's options; shared by `evaluatePlan` and `scorecards`.
pub(crate) fn evaluation_options(options: &JsValue) -> Result<EvaluationOptions, Thrown> {
    let options: EvaluateOptions = options_from_js("options", options)?;
    let Some(as_of) = options.as_of else {
        return Err(invalid_argument("options", "asOf is required (YYYY-MM-DD)").into());
    };
    let Ok(day) = as_of.trim().parse() else {
        let message = format!("{as_of:?} is not a date (YYYY-MM-DD)");
        return Err(invalid_argument("asOf", message).into());
    };
    let pipeline = match options.pipeline {
        Some(deals) if !deals.is_null() => deals_from_json(&deals.to_string())?,
        _ => Vec::new(),
    };
    let cascade = match options.cascade {
        Some(tree) if !tree.is_null() => {
            Some(Node::deserialize(tree).map_err(|e| invalid_argument("cascade", e.to_string()))?)
        }
        _ => None,
    };
    let defaults = EvaluationOptions::as_of(day);
    Ok(EvaluationOptions {
        hierarchy: options.hierarchy,
        trend_periods: options.trend_periods.unwrap_or(defaults.trend_periods),
        pipeline,
        cascade,
        ..defaults
    })
}

/// Splits a goal's target over the plan's periods by its seasonality
/// (evenly without), in cents, so that the periods sum to it exactly.
///
/// @throws {SalesplanError} `"invalid_argument"` for an unknown goal or one
/// without a target.
#[wasm_bindgen(js_name = phaseGoal, unchecked_return_type = "PeriodTarget[]")]
pub fn phase_goal(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(js_name = "goalId", unchecked_param_type = "string")] goal_id: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let goal_id = text_from_js("goalId", &goal_id)?;
    let Some(goal) = plan.goal(&goal_id) else {
        let message = format!("the plan has no goal {goal_id:?}");
        return Err(invalid_argument("goalId", message).into());
    };
    to_js(&plan.phase_goal(goal)?)
}
